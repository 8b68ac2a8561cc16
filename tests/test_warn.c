/* Warnings: conflicting nationalities and titles for one person, quotation
 * marks that never close or never open, quotes nobody could be found to have
 * said, and none for a scare quote or a consistent article. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "lede/doc.h"
#include "lede/quote.h"
#include "lede/warn.h"
#include "tap.h"

static struct lede_doc *
doc_of(const char *const *paras)
{
	struct lede_doc *d = lede_doc_new();

	for (; *paras != NULL; paras++)
		lede_doc_add_para(d, LEDE_PARA_TEXT, *paras, strlen(*paras));
	return d;
}

static int
person(struct lede_doc *d, const char *name, const char *r1, const char *r2)
{
	int p = lede_doc_add_person(d, name);

	lede_entity_add_role(&d->people[p], r1);
	if (r2 != NULL)
		lede_entity_add_role(&d->people[p], r2);
	return p;
}

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

static const struct lede_warning *
find(const struct lede_doc *d, const char *kind)
{
	size_t i;

	for (i = 0; i < d->nwarnings; i++) {
		if (strcmp(d->warnings[i].kind, kind) == 0)
			return &d->warnings[i];
	}
	return NULL;
}

static int
run(struct lede_doc *d)
{
	struct lede_err err;

	if (lede_quotes_find(d, &err) != 0 || lede_quotes_attribute(d, &err) != 0 ||
	    lede_warnings_find(d, &err) != 0) {
		printf("# %s\n", err.msg);
		return -1;
	}
	return 0;
}

static void
roles(void)
{
	const char *p[] = {
		"Chinese President Vladimir Putin sent a message.",
		"Nothing here.",
		"Trump met the Russian leader in Alaska.",
		NULL,
	};
	const char *same[] = { "Russian President Vladimir Putin spoke. The Russian leader left.", NULL };
	const char *titles[] = { "French President Jean Dupont spoke. The French Prime Minister left.", NULL };
	struct lede_doc *d = doc_of(p);
	const struct lede_warning *w;

	person(d, "Vladimir Putin", "Chinese President", "Russian leader");
	ok(run(d) == 0, "warnings run");
	w = find(d, "conflicting-role");
	ok(w != NULL, "conflicting nationalities are found");
	ok(w && strstr(w->message, "Vladimir Putin") && strstr(w->message, "Chinese President") &&
	    strstr(w->message, "Russian leader"), "the message names the person and both roles");
	is_int(w ? w->para : -9, 2, "the paragraph of the later role");
	lede_doc_free(d);

	d = doc_of(same);
	person(d, "Vladimir Putin", "Russian President", "Russian leader");
	run(d);
	ok(find(d, "conflicting-role") == NULL, "one nationality, two ways: no warning");
	lede_doc_free(d);

	d = doc_of(titles);
	person(d, "Jean Dupont", "French President", "French Prime Minister");
	run(d);
	w = find(d, "conflicting-role");
	ok(w && strstr(w->message, "titles"), "President and Prime Minister of one country");
	lede_doc_free(d);
}

/* A person whose mention is wrong about them once: the rest of the article
 * ties them to another country and speaks of that country's leader. */
static void
context(void)
{
	const char *p[] = {
		"Chinese President Vladimir Putin sent a stern message.",
		"Putin listed Russia\u2019s demands. Putin cited this as a reason for the Russian invasion.",
		"Trump offered the Russian leader a warm reception.",
		NULL,
	};
	const char *q[] = {
		"Ukrainian President Volodymyr Zelensky spoke in Kyiv.",
		"Zelensky said Ukraine would not give up. Zelensky said Russia was losing.",
		"Zelensky said Ukraine needs more air defence against Russia.",
		"The Russian president did not answer.",
		NULL,
	};
	const char *caps[] = {
		"Chinese President Vladimir Putin sent a stern message.",
		"Putin listed Russia\u2019s demands. Putin cited this as a reason for the Russian invasion.",
		"THE Russian leader was offered a warm reception.",
		NULL,
	};
	const char *bathe[] = {
		"Chinese President Vladimir Putin sent a stern message.",
		"Putin listed Russia\u2019s demands. Putin cited this as a reason for the Russian invasion.",
		"They bathe Russian leader statues in gold.",
		NULL,
	};
	struct lede_doc *d = doc_of(p);
	const struct lede_warning *w;
	int who = person(d, "Vladimir Putin", "Chinese President", NULL);

	mention_all(d, who, "Putin");
	ok(run(d) == 0, "warnings run");
	w = find(d, "conflicting-role");
	ok(w && strstr(w->message, "Chinese President") && strstr(w->message, "Russian leader"),
	    "\u201cthe Russian leader\u201d belongs to the person the article ties to Russia");
	lede_doc_free(d);

	/* "the" opening a paragraph, in capitals; "bathe" is no "the" */
	d = doc_of(caps);
	who = person(d, "Vladimir Putin", "Chinese President", NULL);
	mention_all(d, who, "Putin");
	run(d);
	w = find(d, "conflicting-role");
	ok(w && strstr(w->message, "\u201cRussian leader\u201d"), "\u201cTHE Russian leader\u201d at a paragraph's start");
	lede_doc_free(d);

	d = doc_of(bathe);
	who = person(d, "Vladimir Putin", "Chinese President", NULL);
	mention_all(d, who, "Putin");
	run(d);
	ok(find(d, "conflicting-role") == NULL, "no description inside a word");
	lede_doc_free(d);

	d = doc_of(q);
	who = person(d, "Volodymyr Zelensky", "Ukrainian President", NULL);
	mention_all(d, who, "Zelensky");
	run(d);
	ok(find(d, "conflicting-role") == NULL,
	    "no warning when the article ties the person to their own country too");
	lede_doc_free(d);
}

static void
quotes(void)
{
	const char *p[] = {
		"Nothing to see in the first paragraph.",
		"He said \u201cwe will never give up and then left.",
		"The sincerity of Russia\u201d is the question here.",
		"\u201cThe plan will fail within a year and everyone knows it.\u201d",
		"An American \u201csafety net\u201d is one of the demands.",
		NULL,
	};
	struct lede_doc *d = doc_of(p);
	const struct lede_warning *w;
	size_t i, unattributed = 0;

	ok(run(d) == 0, "warnings run without people");
	w = find(d, "unclosed-quote");
	ok(w != NULL && w->para == 1, "unclosed quote, in its paragraph");
	w = find(d, "unopened-quote");
	ok(w != NULL && w->para == 2, "unopened quote, in its paragraph");
	ok(w && strstr(w->message, "The sincerity of Russia"), "the message quotes its words");
	for (i = 0; i < d->nwarnings; i++) {
		if (strcmp(d->warnings[i].kind, "unattributed-quote") == 0) {
			unattributed++;
			w = &d->warnings[i];
		}
	}
	ok(unattributed >= 1, "a quote nobody said is flagged");
	for (i = 0; i < d->nwarnings; i++) {
		if (strcmp(d->warnings[i].kind, "unattributed-quote") == 0)
			ok(d->warnings[i].para != 4, "but not the scare quote (paragraph %d)", d->warnings[i].para);
	}
	lede_doc_free(d);
}

int
main(void)
{
	roles();
	context();
	quotes();
	return tap_done();
}
