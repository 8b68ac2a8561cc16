/* Who said each quote: every attribution pattern, pronouns, roles,
 * descriptions, sources that are not people, quotes running on, and scare
 * quotes that nobody said. People are made by hand, with a mention wherever
 * one of their forms stands in the text, as the people tagger would. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lede/doc.h"
#include "lede/quote.h"
#include "tap.h"

struct who {
	const char *name;
	const char *forms[4];   /* written forms to mention, NULL-terminated */
	const char *roles[3];
};

static void
mention_all(struct lede_doc *d, int person, const char *form)
{
	size_t p, n = strlen(form);
	const char *t, *hit;

	for (p = 0; p < d->nparas; p++) {
		t = d->paras[p].text;
		for (hit = strstr(t, form); hit != NULL; hit = strstr(hit + n, form)) {
			struct lede_span s = { (int)p, (size_t)(hit - t), (size_t)(hit - t) + n };
			lede_entity_add_mention(&d->people[person], s);
		}
	}
}

static struct lede_doc *
attributed(const char *const *paras, const struct who *people, size_t npeople)
{
	struct lede_doc *d = lede_doc_new();
	struct lede_err err;
	size_t i, k;
	int idx;

	for (; *paras != NULL; paras++)
		lede_doc_add_para(d, LEDE_PARA_TEXT, *paras, strlen(*paras));
	for (i = 0; i < npeople; i++) {
		idx = lede_doc_add_person(d, people[i].name);
		for (k = 0; k < 3 && people[i].roles[k] != NULL; k++)
			lede_entity_add_role(&d->people[idx], people[i].roles[k]);
		for (k = 0; k < 4 && people[i].forms[k] != NULL; k++)
			mention_all(d, idx, people[i].forms[k]);
	}
	if (lede_quotes_find(d, &err) != 0 || lede_quotes_attribute(d, &err) != 0) {
		printf("# %s\n", err.msg);
		lede_doc_free(d);
		return NULL;
	}
	return d;
}

/* The speaker's name, else the source, else "(none)". */
static const char *
said_by(const struct lede_doc *d, size_t q)
{
	if (d == NULL || q >= d->nquotes)
		return "(no such quote)";
	if (d->quotes[q].speaker >= 0)
		return d->people[d->quotes[q].speaker].name;
	return d->quotes[q].source != NULL ? d->quotes[q].source : "(none)";
}

static const struct who smith = { "John Smith", { "John Smith", "Smith", NULL }, { NULL } };

static void
check1(const char *text, const char *want, const char *what)
{
	const char *p[] = { text, NULL };
	struct lede_doc *d = attributed(p, &smith, 1);

	is_str(said_by(d, 0), want, "%s", what);
	lede_doc_free(d);
}

static void
patterns(void)
{
	check1("\u201cWe will win the vote,\u201d said John Smith.", "John Smith", "\u201c\u2026,\u201d said X");
	check1("\u201cWe will win the vote,\u201d Smith said on Monday.", "John Smith", "\u201c\u2026,\u201d X said");
	check1("Smith told the BBC: \u201cWe will win the vote.\u201d", "John Smith", "X told the BBC: \u201c\u2026\u201d");
	check1("Smith told the BBC that \u201cwe will win the vote\u201d in March.", "John Smith", "X told the BBC that \u201c\u2026\u201d");
	check1("\u201cWe will win the vote,\u201d according to Smith.", "John Smith", "\u201c\u2026,\u201d according to X");
	check1("According to Smith, \u201cwe will win the vote\u201d this time.", "John Smith", "According to X, \u201c\u2026\u201d");
	check1("\u201cThe vote is ours\u201d is the message, according to Smith.", "John Smith", "according to X later in the sentence");
	check1("\u201cWe will win the vote,\u201d Smith tweeted.", "John Smith", "tweeted");
	check1("\u201cWe will win the vote,\u201d Smith emphasised.", "John Smith", "emphasised");
	check1("\u201cWe will win the vote,\u201d Smith emphasized.", "John Smith", "emphasized");
	check1("Smith pointed out that \u201cthe vote is not lost yet\u201d at all.", "John Smith", "pointed out");
	check1("\u201cWe will win the vote,\u201d Smith later insisted.", "John Smith", "an adverb between name and verb");
	check1("\u201cWe will win the vote,\u201d Smith, who leads the party, said.", "John Smith", "a relative clause after the name");
	check1("\u201cWe will win the vote,\u201d John Smith (Lab.) said.", "John Smith", "a bracket after the name");
	check1("Smith has already stated that he is \u201cvery sure of the outcome\u201d now.", "John Smith", "has already stated");
	check1("Smith thanked the crowd, saying, \u201cWe will win the vote.\u201d", "John Smith", "a participle takes the clause's subject");
	check1("\u201cWe will win the vote.\u201d \u2015 John Smith", "John Smith", "a dash and a name after the quote");
	check1("Said Smith: \u201cWe will win the vote.\u201d", "John Smith", "Said X: \u201c\u2026\u201d");
	check1("The spot ends with footage of Smith saying last week, \u201cThat makes me smart,\u201d to cheers.",
	    "John Smith", "a name right before a participle");
	check1("Nobody follows the rules, Smith said. \u201cBut does that mean we all give up?\u201d",
	    "John Smith", "indirect speech closing on its cue, then the quote");
	check1("\u201cWe will win the vote,\u201d said Will Tjernlund, a consultant.", "Will Tjernlund",
	    "a capitalised function word in a name");
	check1("Smith said he had watched it and slammed the hearings as a \u201cdisgrace to us all.\u201d",
	    "John Smith", "the verb nearest the quote has no subject: an earlier one's");
	check1("A \u201cphase one\u201d deal between the United States and China was supposed to be small.",
	    "(none)", "a capitalised \u201cStates\u201d is a name, not a verb");
	check1("The harbour master, John Smith, agreed that the defences were \u201ca sticking plaster\u201d today.",
	    "John Smith", "a name between commas before a cue verb, a fragment in reported speech");
	check1("Their organiser, John Smith, said: \u201cWe will be back every week.\u201d",
	    "John Smith", "a description, then the name between commas");
	check1("The saxophonist John Smith, who played on it, later called it \u201cthe record that taught us\u201d once.",
	    "John Smith", "a relative clause between the name and the verb");
	check1("\u201cThe body clock is not a luxury,\u201d said the study's lead author, Professor John Smith.",
	    "John Smith", "said a description, then the name after a comma");
	check1("Their chief observer, the former foreign minister John Smith, said: \u201cThey deserve a result.\u201d",
	    "John Smith", "a description ending on the name, between commas");
	check1("John Smith, the attorney general of Oklahoma, said \u201cwe will appeal\u201d at once.",
	    "John Smith", "a description ending on a place: the name before it");
	check1("Smith spoke of the move. It won't be the same, Smith said, but it will be something.\u201d",
	    "John Smith", "a stray closing mark: the cue between commas inside");
	check1("\u201cWe will keep defending it,\u201d a spokeswoman for Smith said.",
	    "a spokeswoman for Smith", "a spokeswoman for X is not X");
}

static void
added_colon(void)
{
	const char *p[] = {
		"Smith added:",
		"\u201cWe will win the vote and then we will govern.\u201d",
		NULL,
	};
	struct lede_doc *d = attributed(p, &smith, 1);

	is_str(said_by(d, 0), "John Smith", "X added: closing the paragraph before");
	lede_doc_free(d);
}

static void
pronouns(void)
{
	const struct who two[] = {
		{ "Jane Doe", { "Jane Doe", "Doe", NULL }, { NULL } },
		{ "Richard Roe", { "Richard Roe", "Roe", NULL }, { NULL } },
	};
	const char *p1[] = {
		"Jane Doe arrived in the capital on Monday.",
		"\u201cIt is a good day for all of us,\u201d she wrote.",
		NULL,
	};
	const char *p2[] = {
		"Jane Doe praised Richard Roe at the meeting.",
		"\u201cIt is a good day for all of us,\u201d she said.",
		NULL,
	};
	const char *p3[] = {
		"Richard Roe spoke first. Later Jane Doe answered questions.",
		"\u201cIt is a good day for all of us,\u201d she said.",
		NULL,
	};
	const char *p4[] = {
		"Jane Doe praised Richard Roe at the meeting.",
		"\u201cIt is a good day for all of us,\u201d he said.",
		NULL,
	};
	struct lede_doc *d = attributed(p1, two, 2);

	is_str(said_by(d, 0), "Jane Doe", "she wrote: the person of the previous paragraph");
	lede_doc_free(d);
	d = attributed(p4, two, 2);
	is_str(said_by(d, 0), "Richard Roe", "he said: skips a subject whose given name is a woman's");
	lede_doc_free(d);
	d = attributed(p2, two, 2);
	is_str(said_by(d, 0), "Jane Doe", "she said: the subject, not the last person named");
	lede_doc_free(d);
	d = attributed(p3, two, 2);
	is_str(said_by(d, 0), "Jane Doe", "she said: the nearest sentence naming someone");
	lede_doc_free(d);
	{
		const char *p5[] = {
			"Jane Doe laughed when asked how she would celebrate.",
			"\u201cRichard Roe,\u201d she said. \u201cHe will cook.\u201d",
			NULL,
		};
		const char *p6[] = {
			"Jane Doe lost in three sets to Richard Roe on Monday.",
			"\u201cHe played better,\u201d the veteran player told reporters.",
			NULL,
		};
		d = attributed(p5, two, 2);
		is_str(said_by(d, 0), "Jane Doe", "she said: not a name inside a quote");
		lede_doc_free(d);
		d = attributed(p6, two, 2);
		is_str(said_by(d, 0), "Jane Doe", "the veteran player: the subject of the sentence before");
		lede_doc_free(d);
	}
}

static void
roles_and_descriptions(void)
{
	const struct who healey[] = {
		{ "John Healey", { "John Healey", NULL }, { "defence secretary", NULL } },
		{ "Jane Doe", { "Jane Doe", NULL }, { NULL } },
	};
	const char *p1[] = {
		"John Healey visited Kyiv and Jane Doe stayed home.",
		"\u201cWe are ready to help make the skies safe,\u201d the UK defence secretary says.",
		NULL,
	};
	const char *p2[] = {
		"Jane Doe, a 42-year-old mother of five, lives near the station.",
		"\u201cI am tired of waiting for the trains,\u201d the 42-year-old mother of five said.",
		NULL,
	};
	const char *p3[] = {
		"\u201cThe talks are going well for now,\u201d French diplomats say.",
		"\u201cThe plan will fail within a year,\u201d the newspaper wrote.",
		NULL,
	};
	struct lede_doc *d = attributed(p1, healey, 2);

	is_str(said_by(d, 0), "John Healey", "a role resolves to the person holding it");
	lede_doc_free(d);
	d = attributed(p2, healey, 2);
	is_str(said_by(d, 0), "Jane Doe", "a description resolves to the person it describes");
	lede_doc_free(d);
	d = attributed(p3, healey, 2);
	is_str(said_by(d, 0), "French diplomats", "a source that is not a person, as written");
	ok(d->quotes[0].speaker == -1, "and its speaker is -1");
	is_str(said_by(d, 1), "the newspaper", "the newspaper wrote");
	lede_doc_free(d);
	{
		const char *p4[] = {
			"\u201cThe talks are going well for now,\u201d French diplomats say.",
			"\u201cWe expect a deal within the month,\u201d they added.",
			NULL,
		};
		d = attributed(p4, healey, 2);
		is_str(said_by(d, 1), "French diplomats", "they: the group named just before");
	}
	lede_doc_free(d);
}

static void
inheriting(void)
{
	const char *p1[] = {
		"\u201cWe will win the vote,\u201d said John Smith. \u201cAnd then we will govern",
		"\u201cfor five years at least.\u201d",
		NULL,
	};
	const char *p2[] = {
		"\u201cWe will win the vote,\u201d Smith said. \u201cAnd then we will govern well.\u201d",
		NULL,
	};
	const char *p3[] = {
		"Smith spoke at length. An American \u201csafety net\u201d is one of the demands.",
		NULL,
	};
	const char *p4[] = {
		"\u201cWe will fight on the beaches,\u201d Smith said.",
		"\u201cWe will never surrender.\u201d",
		NULL,
	};
	struct lede_doc *d = attributed(p1, &smith, 1);

	is_int(d->nquotes, 3, "a quote running on: three pieces");
	ok(d->quotes[1].continued, "the middle piece goes on");
	is_str(said_by(d, 2), "John Smith", "the piece in the next paragraph keeps its speaker");
	lede_doc_free(d);
	d = attributed(p2, &smith, 1);
	is_str(said_by(d, 1), "John Smith", "the second half of an interrupted quote");
	lede_doc_free(d);
	d = attributed(p3, &smith, 1);
	is_str(said_by(d, 0), "(none)", "a scare quote has no speaker");
	lede_doc_free(d);
	d = attributed(p4, &smith, 1);
	is_str(said_by(d, 1), "John Smith", "a paragraph of quote after a quoted speaker goes on in that voice");
	lede_doc_free(d);
}

/* Twenty thousand quotes and mentions in one paragraph: the look backs are
 * bounded, so this stays quick. */
static void
hostile(void)
{
	static const char unit[] = "\u201cIt is a good day for us,\u201d he said. Smith arrived. ";
	size_t n = 20000, i, ul = sizeof unit - 1;
	char *big = malloc(n * ul + 1);
	const char *p[] = { big, NULL };
	struct lede_doc *d;
	clock_t t0 = clock();

	for (i = 0; i < n; i++)
		memcpy(big + i * ul, unit, ul);
	big[n * ul] = '\0';
	d = attributed(p, &smith, 1);
	ok(d != NULL && d->nquotes == n, "20,000 quotes in one paragraph (%zu)", d ? d->nquotes : 0);
	is_str(said_by(d, n - 1), "John Smith", "the last one is still attributed");
	ok((double)(clock() - t0) / CLOCKS_PER_SEC < 20.0, "in bounded time");
	lede_doc_free(d);
	free(big);
}

/* People the tagger left no mention of, found where a form of their name
 * stands: one starting outside ASCII, a two-letter alias. */
static void
forms_without_mentions(void)
{
	const char *p1[] = { "\u201cWe will win the vote,\u201d \u00c9mile Zola said.", NULL };
	const struct who zola = { "\u00c9mile Zola", { NULL }, { NULL } };
	const char *p2[] = { "Xi Jinping spoke in Beijing.",
	    "\u201cWe will win the vote,\u201d Xi said on Monday.", NULL };
	struct lede_doc *d;
	struct lede_err err;
	int idx;

	d = attributed(p1, &zola, 1);
	is_str(said_by(d, 0), "\u00c9mile Zola", "a name starting outside ASCII, never mentioned");
	lede_doc_free(d);
	if ((d = lede_doc_new()) == NULL) {
		ok(0, "a two-letter alias, never mentioned");
		return;
	}
	for (const char *const *pp = p2; *pp != NULL; pp++)
		lede_doc_add_para(d, LEDE_PARA_TEXT, *pp, strlen(*pp));
	idx = lede_doc_add_person(d, "Xi Jinping");
	lede_entity_add_alias(&d->people[idx], "Xi");
	if (lede_quotes_find(d, &err) != 0 || lede_quotes_attribute(d, &err) != 0)
		printf("# %s\n", err.msg);
	is_str(said_by(d, 0), "Xi Jinping", "a two-letter alias, never mentioned");
	lede_doc_free(d);
}

int
main(void)
{
	forms_without_mentions();
	patterns();
	added_colon();
	pronouns();
	roles_and_descriptions();
	inheriting();
	hostile();
	return tap_done();
}
