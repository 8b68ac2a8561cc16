/* Warnings no other reader gives. Contradictions: one person given two
 * nationalities ("Chinese President" and "Russian leader" for Putin), or two
 * head-of-government titles of the same country; nationality words come from
 * data/nationalities.tsv (adjectives, country names, short codes, each with
 * its ISO country). Quotation marks that never close or never open, as the
 * quote finder marked them. Quotes of more than a few words whose speaker
 * could not be found. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lede/buf.h"
#include "lede/paths.h"
#include "lede/warn.h"

#define NATION_FILE "data/nationalities.tsv"
#define SCARE_WORDS 3     /* a quote this short is a phrase, not speech */
#define CONFLICTS_MAX 16  /* each one searches the text; keep the work bounded */

struct nation {
	char *word;
	char code[4];
};

struct nations {
	struct nation *v;
	size_t n, cap;
	char *data;
};

static int
load_nations(struct nations *ns, struct lede_err *err)
{
	char *path, *line, *tab, *nl;
	FILE *f;
	struct lede_buf b;
	char chunk[8192];
	size_t got;

	if ((path = lede_data_path(NATION_FILE, err)) == NULL)
		return -1;
	if ((f = fopen(path, "rb")) == NULL) {
		lede_errf(err, "%s: %s", path, strerror(errno));
		free(path);
		return -1;
	}
	free(path);
	lede_buf_init(&b);
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
		lede_buf_add(&b, chunk, got);
	fclose(f);
	lede_buf_addc(&b, '\0');
	if (!lede_buf_ok(&b)) {
		lede_buf_free(&b);
		return lede_err_oom(err);
	}
	ns->data = lede_buf_detach(&b);
	for (line = ns->data; line != NULL && *line != '\0'; line = nl) {
		if ((nl = strchr(line, '\n')) != NULL)
			*nl++ = '\0';
		if (*line == '#' || (tab = strchr(line, '\t')) == NULL)
			continue;
		*tab = '\0';
		if (!lede_grow(&ns->v, &ns->cap, ns->n + 1, sizeof *ns->v))
			return lede_err_oom(err);
		ns->v[ns->n].word = line;
		snprintf(ns->v[ns->n].code, sizeof ns->v[ns->n].code, "%.3s", tab + 1);
		ns->n++;
	}
	return 0;
}

static void
free_nations(struct nations *ns)
{
	free(ns->v);
	free(ns->data);
}

/* The country of the nationality word or country name opening role, and
 * where the rest of the role starts. Longest match first: "United States
 * President" before "United". */
static const char *
nation_of(const struct nations *ns, const char *role, size_t *rest)
{
	size_t i, best = 0, wl;
	const char *code = NULL;

	for (i = 0; i < ns->n; i++) {
		wl = strlen(ns->v[i].word);
		if (wl > best && strncmp(role, ns->v[i].word, wl) == 0 &&
		    (role[wl] == ' ' || role[wl] == '\0' || role[wl] == '-')) {
			best = wl;
			code = ns->v[i].code;
		}
	}
	*rest = best;
	while (role[*rest] == ' ' || role[*rest] == '-')
		(*rest)++;
	return code;
}

/* Offices a country has one holder of at a time. */
static bool
sole_office(const char *title)
{
	static const char *const offices[] = {
		"president", "prime minister", "premier", "chancellor", "king", "queen",
		"emperor", "supreme leader", "pope",
	};
	size_t i;

	for (i = 0; i < sizeof offices / sizeof *offices; i++) {
		if (strcasecmp(title, offices[i]) == 0)
			return true;
	}
	return false;
}

/* The first paragraph where text stands as words, or LEDE_NO_PARA. */
static int
first_para_with(const struct lede_doc *doc, const char *text)
{
	size_t n = strlen(text), len, i;
	int p;
	const char *t;

	if (n == 0)
		return LEDE_NO_PARA;
	for (p = LEDE_TITLE; p < (int)doc->nparas; p++) {
		if ((t = lede_doc_text(doc, p, &len)) == NULL)
			continue;
		for (i = 0; i + n <= len; i++) {
			if (strncasecmp(t + i, text, n) == 0 &&
			    (i == 0 || !isalnum((unsigned char)t[i - 1])) &&
			    (i + n == len || !isalnum((unsigned char)t[i + n])))
				return p;
		}
	}
	return LEDE_NO_PARA;
}

static int
later_para(const struct lede_doc *doc, const struct lede_entity *e, const char *r1,
    const char *r2)
{
	int a = first_para_with(doc, r1), b = first_para_with(doc, r2);

	if (a == LEDE_NO_PARA && b == LEDE_NO_PARA && e->nmentions > 0)
		return e->mentions[e->nmentions - 1].para;
	return a > b ? a : b;
}

static int
role_conflicts(struct lede_doc *doc, const struct nations *ns)
{
	size_t p, i, j, ri, rj;
	const char *ci, *cj;
	int found = 0;

	for (p = 0; p < doc->npeople && found < CONFLICTS_MAX; p++) {
		struct lede_entity *e = &doc->people[p];
		bool done = false;
		for (i = 0; i < e->nroles && !done; i++) {
			ci = nation_of(ns, e->roles[i], &ri);
			for (j = i + 1; j < e->nroles && !done; j++) {
				const char *kind = NULL;
				cj = nation_of(ns, e->roles[j], &rj);
				if (ci != NULL && cj != NULL && strcmp(ci, cj) != 0)
					kind = "nationalities";
				else if (ci != NULL && cj != NULL && sole_office(e->roles[i] + ri) &&
				    sole_office(e->roles[j] + rj) &&
				    strcasecmp(e->roles[i] + ri, e->roles[j] + rj) != 0)
					kind = "titles";
				if (kind == NULL)
					continue;
				done = true;
				found++;
				if (lede_doc_add_warning(doc, "conflicting-role",
				    later_para(doc, e, e->roles[i], e->roles[j]),
				    "%s is called both \u201c%s\u201d and \u201c%s\u201d: conflicting %s",
				    e->name, e->roles[i], e->roles[j], kind) < 0)
					return -1;
			}
		}
	}
	return 0;
}

static size_t
count_words(const char *s)
{
	size_t n = 0;
	bool in = false;

	for (; *s; s++) {
		bool sp = *s == ' ';
		if (!sp && !in)
			n++;
		in = !sp;
	}
	return n;
}

/* The first words of a quote, for a message that says which one is meant. */
static void
opening_words(const char *text, char *out, size_t cap)
{
	size_t i = 0, words = 0;

	while (text[i] != '\0' && i + 4 < cap) {
		if (text[i] == ' ' && ++words == 6)
			break;
		i++;
	}
	/* never cut a character in two */
	while (i > 0 && ((unsigned char)text[i] & 0xC0) == 0x80)
		i--;
	snprintf(out, cap, "%.*s%s", (int)i, text, text[i] != '\0' ? "\u2026" : "");
}

static int
quote_warnings(struct lede_doc *doc)
{
	size_t i;
	char lead[96];

	for (i = 0; i < doc->nquotes; i++) {
		const struct lede_quote *q = &doc->quotes[i];
		opening_words(q->text, lead, sizeof lead);
		if (q->unclosed && lede_doc_add_warning(doc, "unclosed-quote", q->span.para,
		    "the quotation mark before \u201c%s\u201d never closes", lead) < 0)
			return -1;
		if (q->unopened && lede_doc_add_warning(doc, "unopened-quote", q->span.para,
		    "the quotation mark after \u201c%s\u201d never opens", lead) < 0)
			return -1;
		if (q->speaker < 0 && q->source == NULL && count_words(q->text) > SCARE_WORDS &&
		    lede_doc_add_warning(doc, "unattributed-quote", q->span.para,
		    "no speaker found for \u201c%s\u201d", lead) < 0)
			return -1;
	}
	return 0;
}

int
lede_warnings_find(struct lede_doc *doc, struct lede_err *err)
{
	struct nations ns;
	int rc;

	memset(&ns, 0, sizeof ns);
	if (doc->npeople > 0) {
		if (load_nations(&ns, err) < 0) {
			free_nations(&ns);
			return -1;
		}
		rc = role_conflicts(doc, &ns);
		free_nations(&ns);
		if (rc < 0)
			return lede_err_oom(err);
	}
	if (quote_warnings(doc) < 0)
		return lede_err_oom(err);
	return 0;
}
