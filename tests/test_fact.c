/* Facts: each kind, with the exact text it covers, and the things that look
 * like facts but are not. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "lede/doc.h"
#include "lede/fact.h"
#include "tap.h"

static struct lede_doc *
facts_of(const char *text)
{
	struct lede_doc *d = lede_doc_new();
	struct lede_err err;

	lede_doc_add_para(d, LEDE_PARA_TEXT, text, strlen(text));
	if (lede_facts_find(d, &err) != 0) {
		printf("# %s\n", err.msg);
		lede_doc_free(d);
		return NULL;
	}
	return d;
}

/* Whether text holds a fact of this kind with exactly these words. */
static void
has(const char *text, const char *kind, const char *want)
{
	struct lede_doc *d = facts_of(text);
	size_t i;
	bool found = false;

	for (i = 0; d != NULL && i < d->nfacts; i++)
		found |= strcmp(d->facts[i].kind, kind) == 0 && strcmp(d->facts[i].text, want) == 0;
	ok(found, "%s: %s", kind, want);
	if (!found && d != NULL) {
		for (i = 0; i < d->nfacts; i++)
			printf("#   saw %s '%s'\n", d->facts[i].kind, d->facts[i].text);
	}
	lede_doc_free(d);
}

static void
lacks_kind(const char *text, const char *kind, const char *what)
{
	struct lede_doc *d = facts_of(text);
	size_t i;
	bool found = false;

	for (i = 0; d != NULL && i < d->nfacts; i++)
		found |= strcmp(d->facts[i].kind, kind) == 0;
	ok(d != NULL && !found, "no %s: %s", kind, what);
	lede_doc_free(d);
}

int
main(void)
{
	struct lede_doc *d;

	has("They passed \u00a31 billion ($1.24 billion) in assets.", "money", "\u00a31 billion ($1.24 billion)");
	has("It cost $5m last year.", "money", "$5m");
	has("A fine of \u20ac300,000 was paid.", "money", "\u20ac300,000");
	has("The deal is worth 10 million euros.", "money", "10 million euros");
	has("Investors put in US$2.5bn.", "money", "US$2.5bn");
	has("It borrowed \u00a35.5 million (about $7 million) over 25 years.", "money",
	    "\u00a35.5 million (about $7 million)");
	has("It paid $2.1 billion (about 14.6 billion Danish kroner) for it.", "money",
	    "$2.1 billion (about 14.6 billion Danish kroner)");
	has("Fuel will rise by 5p a litre.", "money", "5p");
	has("Each test cost 120 kroner.", "money", "120 kroner");
	has("Police were called at about 9.15pm last night.", "time", "9.15pm");
	has("Margaret Tobin, 79, said she felt betrayed.", "age", "79");
	has("Her grandmother, 71, was the first to be hit.", "age", "71");
	has("A six-year-old girl died.", "age", "six-year-old");
	has("The youngest was an 18-month-old baby.", "age", "18-month-old");
	has("Councillors voted 27 to 19 on Wednesday.", "score", "voted 27 to 19");
	has("He is survived by seven grandchildren.", "count", "seven grandchildren");
	has("Eight years later it delivers more babies.", "count", "Eight years");
	has("The list fell by 61,000 to 7.48 million.", "count", "61,000");
	has("The list fell by 61,000 to 7.48 million.", "count", "7.48 million");
	has("The crowd of 71,412 was the biggest.", "count", "71,412");
	lacks_kind("He scored 23, then 31.", "count", "small numbers without a noun");
	lacks_kind("It raises the risk of type 2 diabetes.", "count", "\u201ctype 2 diabetes\u201d");
	lacks_kind("It killed at least 23, dozens missing.", "count", "a count over a comma");
	lacks_kind("In the years 2010, 15, and so on.", "age", "a number after a plural");

	has("Ukraine destroyed 84 drones overnight.", "count", "84 drones");
	has("The strike killed 22 people, including four children.", "count", "22 people");
	has("The strike killed 22 people, including four children.", "count", "four children");
	has("About 30 leaders will take part.", "count", "About 30 leaders");
	has("Police said thousands of protesters marched.", "count", "thousands of protesters");
	lacks_kind("One of the main concerns is cost.", "count", "\u201cone of\u201d");

	has("Prices rose 12% in a year.", "percent", "12%");
	has("Prices rose 12 per cent in a year.", "percent", "12 per cent");
	has("Turnout was 3.5 percent lower.", "percent", "3.5 percent");

	has("The invasion began in February 2022.", "date", "February 2022");
	has("He met Trump in Alaska last month.", "date", "last month");
	has("The report came out on 14 January.", "date", "14 January");
	has("The summit opens on Thursday in Paris.", "date", "on Thursday");
	has("The file is dated 2025-09-04 in the archive.", "date", "2025-09-04");
	has("It was signed on January 14, 2025, in Rome.", "date", "January 14, 2025");
	lacks_kind("You may go now, he said.", "date", "the verb \u201cmay\u201d");

	has("The vote opens at 3pm in the capital.", "time", "3pm");
	has("The vote opens at 10:30 a.m. in the capital.", "time", "10:30 a.m.");

	has("The 42-year-old mother of five spoke.", "age", "42-year-old");
	has("A man aged 42 was arrested.", "age", "aged 42");

	has("Arsenal won 3-0 at home.", "score", "won 3-0");
	has("The final score was 2-1 to the visitors.", "score", "2-1");
	lacks_kind("The rate was 2.5-3.0 at most.", "score", "decimals");

	/* words are matched case-blind, a final dot kept or dropped as the
	 * word has it, and a pattern opens on any token it can */
	has("The ceremony is on Sept. 11 in New York.", "date", "Sept. 11");
	has("The vote was on Jan. 5, 2024, at noon.", "date", "Jan. 5, 2024");
	has("He DIED AT 88 in Paris.", "age", "DIED AT 88");
	has("A seventeen-year-old and a friend were there.", "age", "seventeen-year-old");
	has("An ELEVEN-YEAR-OLD watched.", "age", "ELEVEN-YEAR-OLD");
	lacks_kind("An extraordinarily-old tree stood.", "age", "a word that is no number");
	has("Ten years later it closed.", "count", "Ten years");
	has("Then more than 300 people came.", "count", "more than 300 people");
	has("Earlier this week, it rained.", "date", "Earlier this week");
	has("It happened earlier this month in town.", "date", "earlier this month");
	has("It was built during March of that year.", "date", "March");
	has("It was built in 1999 by hand.", "date", "1999");
	has("The meeting opened at 10 a.m. on Friday.", "time", "10 a.m.");
	has("The meeting opened at 10 a.m. on Friday.", "date", "on Friday");
	lacks_kind("It closed at 4294967297pm sharp.", "time", "an hour too big for an int");
	has("The score was 3\u20131 at the end.", "score", "3\u20131");
	has("Tickets were 50p each.", "money", "50p");

	/* roles: written next to a mention of their holder */
	d = lede_doc_new();
	{
		const char *t = "The sincerity of Russia is the question, according to French President Emmanuel Macron.";
		const char *m = strstr(t, "Emmanuel Macron");
		struct lede_err err;
		struct lede_span s = { 0, (size_t)(m - t), (size_t)(m - t) + strlen("Emmanuel Macron") };
		int p;
		size_t i;
		bool found = false;

		lede_doc_add_para(d, LEDE_PARA_TEXT, t, strlen(t));
		p = lede_doc_add_person(d, "Emmanuel Macron");
		lede_entity_add_role(&d->people[p], "French President");
		lede_entity_add_mention(&d->people[p], s);
		ok(lede_facts_find(d, &err) == 0, "facts with a person");
		for (i = 0; i < d->nfacts; i++) {
			if (strcmp(d->facts[i].kind, "role") == 0) {
				found = strcmp(d->facts[i].text, "French President") == 0 &&
				    d->facts[i].span.end + 1 == s.start;
			}
		}
		ok(found, "role: \u201cFrench President\u201d right before Emmanuel Macron");
	}
	lede_doc_free(d);
	return tap_done();
}
