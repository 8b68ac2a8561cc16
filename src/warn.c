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
#include <strings.h>

#include "lede/buf.h"
#include "lede/paths.h"
#include "lede/text.h"
#include "lede/warn.h"

#define NATION_FILE "data/nationalities.tsv"
#define SCARE_WORDS 3     /* a quote this short is a phrase, not speech */
#define CONFLICTS_MAX 16  /* each one searches the text; keep the work bounded */

struct nation {
	char *word;
	char code[4];
};

struct lede_nations {
	struct nation *v;
	size_t n, cap;
	char *data;
	bool opens[256];    /* some word opens on this byte: the rest are no word */
};

void
lede_nations_free(struct lede_nations *ns)
{
	if (ns == NULL)
		return;
	free(ns->v);
	free(ns->data);
	free(ns);
}

int
lede_nations_load(struct lede_nations **out, struct lede_err *err)
{
	struct lede_nations *ns;
	char *path, *data, *line, *tab, *nl;
	size_t len;
	int rc;

	*out = NULL;
	if ((path = lede_data_path(NATION_FILE, err)) == NULL)
		return -1;
	rc = lede_read_small_file(path, &data, &len, err);
	free(path);
	if (rc != 0)
		return -1;
	if ((ns = calloc(1, sizeof *ns)) == NULL) {
		free(data);
		return lede_err_oom(err);
	}
	ns->data = data;
	for (line = ns->data; line != NULL && *line != '\0'; line = nl) {
		if ((nl = strchr(line, '\n')) != NULL)
			*nl++ = '\0';
		if (*line == '#' || (tab = strchr(line, '\t')) == NULL)
			continue;
		*tab = '\0';
		if (!lede_grow(&ns->v, &ns->cap, ns->n + 1, sizeof *ns->v)) {
			lede_nations_free(ns);
			return lede_err_oom(err);
		}
		ns->v[ns->n].word = line;
		snprintf(ns->v[ns->n].code, sizeof ns->v[ns->n].code, "%.3s", tab + 1);
		ns->opens[(unsigned char)line[0]] = true;
		ns->n++;
	}
	*out = ns;
	return 0;
}

/* The country of the nationality word or country name opening role, and
 * where the rest of the role starts. Longest match first: "United States
 * President" before "United". */
static const char *
nation_of(const struct lede_nations *ns, const char *role, size_t *rest)
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
	size_t n = strlen(text), len;
	int p;
	const char *t;

	if (n == 0)
		return LEDE_NO_PARA;
	for (p = LEDE_TITLE; p < (int)doc->nparas; p++) {
		if ((t = lede_doc_text(doc, p, &len)) == NULL)
			continue;
		if (lede_find_word_ci(t, len, text, n) != (size_t)-1)
			return p;
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
role_conflicts(struct lede_doc *doc, const struct lede_nations *ns)
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

/* A description naming a nationality and an office ("the Russian leader"). */
struct desc {
	const char *code;
	char *text;         /* "Russian leader" */
	int para;
};

#define CODES_MAX 32
#define TITLE_GAP 32    /* "US special envoy " before a name */

struct context {
	const char *codes[CODES_MAX];   /* the countries that matter here */
	int ncodes;
	unsigned *cooc;                 /* [person * CODES_MAX + code]: sentences shared */
};

static const char *
nation_word(const struct lede_nations *ns, const char *w, size_t n)
{
	size_t lo = 0, hi = ns->n, mid;
	int c;

	/* Russia's, Russia’s */
	if (n > 2 && w[n - 1] == 's' && w[n - 2] == '\'')
		n -= 2;
	else if (n > 4 && w[n - 1] == 's' && memcmp(w + n - 4, "\xe2\x80\x99", 3) == 0)
		n -= 4;
	/* most words of a text are told by their first byte */
	if (n == 0 || !ns->opens[(unsigned char)w[0]])
		return NULL;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		c = strncmp(ns->v[mid].word, w, n);
		if (c == 0 && ns->v[mid].word[n] != '\0')
			c = 1;
		if (c == 0)
			return ns->v[mid].code;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static int
code_index(struct context *cx, const char *code, bool add)
{
	int i;

	for (i = 0; i < cx->ncodes; i++) {
		if (strcmp(cx->codes[i], code) == 0)
			return i;
	}
	if (!add || cx->ncodes >= CODES_MAX)
		return -1;
	cx->codes[cx->ncodes] = code;
	return cx->ncodes++;
}

static bool
office_word(const char *w, size_t n)
{
	static const char *const offices[] = {
		"leader", "president", "premier", "chancellor", "king", "queen", "ruler",
		"dictator", "autocrat", "strongman",
	};
	size_t i;

	/* each is 4 to 10 letters long */
	if (n < 4 || n > 10)
		return false;
	for (i = 0; i < sizeof offices / sizeof *offices; i++) {
		if (offices[i][0] == (w[0] | 0x20) && strlen(offices[i]) == n &&
		    strncasecmp(offices[i], w, n) == 0)
			return true;
	}
	return false;
}

static size_t
word_end(const char *t, size_t i, size_t len)
{
	while (i < len && (isalnum((unsigned char)t[i]) || ((unsigned char)t[i] & 0x80) ||
	    t[i] == '-' || t[i] == '.'))
		i++;
	while (i > 0 && t[i - 1] == '.')
		i--;
	return i;
}

/* Where the next "h" or "H" at or after t[i] is, len if none. */
static size_t
next_h(const char *t, size_t i, size_t len, char h)
{
	const char *p = i < len ? memchr(t + i, h, len - i) : NULL;

	return p != NULL ? (size_t)(p - t) : len;
}

/* "the Russian leader", "the Chinese president": the first of each country. */
static int
find_descs(const struct lede_doc *doc, const struct lede_nations *ns, struct desc *out, int *nout)
{
	int p;
	size_t len, i, a, b, c, lo, up;
	const char *t, *code;

	for (p = LEDE_TITLE; p < (int)doc->nparas && *nout < CODES_MAX; p++) {
		if ((t = lede_doc_text(doc, p, &len)) == NULL)
			continue;
		/* "the " is found by its h, of either case: memchr skips
		 * to it at once, and h is a rare letter */
		lo = next_h(t, 1, len, 'h');
		up = next_h(t, 1, len, 'H');
		while (lo < len || up < len) {
			if (lo < up) {
				i = lo - 1;
				lo = next_h(t, lo + 1, len, 'h');
			} else {
				i = up - 1;
				up = next_h(t, up + 1, len, 'H');
			}
			if (i + 4 >= len || *nout >= CODES_MAX)
				break;
			if ((t[i] | 0x20) != 't' || (t[i + 2] | 0x20) != 'e' || t[i + 3] != ' ' ||
			    (i > 0 && isalnum((unsigned char)t[i - 1])))
				continue;
			a = i + 4;
			b = word_end(t, a, len);
			if (b == a || b + 1 >= len || t[b] != ' ')
				continue;
			/* the office first: it turns away nearly every "the" */
			c = word_end(t, b + 1, len);
			if (!office_word(t + b + 1, c - b - 1) ||
			    (code = nation_word(ns, t + a, b - a)) == NULL)
				continue;
			bool seen = false;
			for (int k = 0; k < *nout; k++)
				seen |= strcmp(out[k].code, code) == 0;
			if (seen)
				continue;
			if ((out[*nout].text = lede_strndup(t + a, c - a)) == NULL)
				return -1;
			out[*nout].code = code;
			out[*nout].para = p;
			(*nout)++;
		}
	}
	return 0;
}

static bool
ends_sentence_at(const char *t, size_t i, size_t len)
{
	return (t[i] == '.' || t[i] == '!' || t[i] == '?') && (i + 1 == len || t[i + 1] == ' ');
}

/* Between a nationality and a name stand only title words: "US special
 * envoy Steve Witkoff", "Chinese President Vladimir Putin". */
static bool
title_gap(const char *t, size_t a, size_t b)
{
	static const char *const lower[] = {
		"special", "envoy", "foreign", "defence", "defense", "prime", "minister",
		"secretary", "president", "leader", "vice", "deputy", "opposition", "former",
	};
	size_t i = a, e, k;
	bool known;

	while (i < b) {
		if (t[i] == ' ') {
			i++;
			continue;
		}
		e = i;
		while (e < b && t[e] != ' ')
			e++;
		if (!isupper((unsigned char)t[i])) {
			known = false;
			for (k = 0; k < sizeof lower / sizeof *lower; k++)
				known |= strlen(lower[k]) == e - i && strncmp(lower[k], t + i, e - i) == 0;
			if (!known)
				return false;
		}
		i = e;
	}
	return true;
}


/* Counts, for each person and country, the sentences naming both. */
static int
count_context(const struct lede_doc *doc, const struct lede_nations *ns, struct context *cx)
{
	struct lede_span *ms = NULL;
	int *who = NULL;
	size_t nm = 0, p, k, i, len, s0, mi = 0, w;
	int para;
	const char *t, *code;

	for (p = 0; p < doc->npeople; p++)
		nm += doc->people[p].nmentions;
	if ((cx->cooc = calloc(doc->npeople * CODES_MAX + 1, sizeof *cx->cooc)) == NULL ||
	    (ms = calloc(nm + 1, sizeof *ms)) == NULL || (who = calloc(nm + 1, sizeof *who)) == NULL)
		goto oom;
	nm = 0;
	for (p = 0; p < doc->npeople; p++) {
		for (k = 0; k < doc->people[p].nmentions; k++) {
			ms[nm] = doc->people[p].mentions[k];
			ms[nm].end = nm;        /* where to find the person once sorted */
			who[nm] = (int)p;
			nm++;
		}
	}
	qsort(ms, nm, sizeof *ms, lede_span_cmp);
	for (para = LEDE_TITLE; para < (int)doc->nparas; para++) {
		if ((t = lede_doc_text(doc, para, &len)) == NULL)
			continue;
		while (mi < nm && ms[mi].para < para)
			mi++;
		for (s0 = 0, i = 0; i <= len; i++) {
			if (i < len && !ends_sentence_at(t, i, len))
				continue;
			unsigned codes = 0;
			size_t mp = mi;
			/* the countries named in t[s0..i), except in a title written
			 * before a name ("Chinese President Vladimir Putin"): that one
			 * is the very role being checked */
			for (w = s0; w < i; ) {
				size_t e = word_end(t, w, i), m;
				if (e > w && (w == 0 || !isalnum((unsigned char)t[w - 1]))) {
					int ci;
					bool titled = false;
					while (mp < nm && ms[mp].para == para && ms[mp].start < e)
						mp++;
					m = mp;
					titled = m < nm && ms[m].para == para && ms[m].start < i &&
					    ms[m].start <= e + TITLE_GAP && title_gap(t, e, ms[m].start);
					if (!titled && (code = nation_word(ns, t + w, e - w)) != NULL &&
					    (ci = code_index(cx, code, false)) >= 0)
						codes |= 1u << ci;
					w = e;
				} else {
					w++;
				}
			}
			for (; mi < nm && ms[mi].para == para && ms[mi].start < i; mi++) {
				int person = who[ms[mi].end];
				for (int ci = 0; ci < cx->ncodes; ci++) {
					if (codes & (1u << ci))
						cx->cooc[(size_t)person * CODES_MAX + (size_t)ci]++;
				}
			}
			s0 = i + 1;
		}
	}
	free(ms);
	free(who);
	return 0;
oom:
	free(ms);
	free(who);
	return -1;
}

/* A person called the Chinese president once, while every other sentence
 * about them talks of Russia, and the article speaks of "the Russian leader":
 * the description is theirs, and the two nationalities conflict. */
static int
context_conflicts(struct lede_doc *doc, const struct lede_nations *ns)
{
	struct desc ds[CODES_MAX];
	struct context cx;
	int nd = 0, d, rc = -1;
	size_t p, r, rest, q;

	memset(&cx, 0, sizeof cx);
	if (find_descs(doc, ns, ds, &nd) < 0)
		goto out;
	if (nd == 0) {
		rc = 0;
		goto out;
	}
	for (d = 0; d < nd; d++)
		code_index(&cx, ds[d].code, true);
	for (p = 0; p < doc->npeople; p++) {
		for (r = 0; r < doc->people[p].nroles; r++) {
			const char *code = nation_of(ns, doc->people[p].roles[r], &rest);
			if (code != NULL)
				code_index(&cx, code, true);
		}
	}
	if (count_context(doc, ns, &cx) < 0)
		goto out;
	for (d = 0; d < nd; d++) {
		int dc = code_index(&cx, ds[d].code, false);
		size_t best = (size_t)-1;
		unsigned top = 0, second = 0;
		for (p = 0; p < doc->npeople; p++) {
			unsigned v = cx.cooc[p * CODES_MAX + (size_t)dc];
			if (v > top) {
				second = top;
				top = v;
				best = p;
			} else if (v > second) {
				second = v;
			}
		}
		if (best == (size_t)-1 || top < 2 || top <= second)
			continue;
		struct lede_entity *e = &doc->people[best];
		for (r = 0; r < e->nroles; r++) {
			const char *code = nation_of(ns, e->roles[r], &rest);
			int rci = code != NULL ? code_index(&cx, code, false) : -1;
			bool own = false;
			if (rci < 0 || rci == dc)
				continue;
			/* the article never otherwise ties them to the role's country */
			if (cx.cooc[best * CODES_MAX + (size_t)rci] > 0)
				continue;
			for (q = 0; q < e->nroles; q++)
				own |= strcasecmp(e->roles[q], ds[d].text) == 0;
			if (own)
				continue;
			int para = first_para_with(doc, e->roles[r]);
			if (ds[d].para > para)
				para = ds[d].para;
			if (lede_doc_add_warning(doc, "conflicting-role", para,
			    "%s is called both \u201c%s\u201d and \u201c%s\u201d: conflicting nationalities",
			    e->name, e->roles[r], ds[d].text) < 0)
				goto out;
			break;
		}
	}
	rc = 0;
out:
	for (d = 0; d < nd; d++)
		free(ds[d].text);
	free(cx.cooc);
	return rc;
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
		/* most quotes get no warning: their words are not copied */
		if (!q->unclosed && !q->unopened && (q->speaker >= 0 || q->source != NULL))
			continue;
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

static bool
has_conflict(const struct lede_doc *doc)
{
	size_t i;

	for (i = 0; i < doc->nwarnings; i++) {
		if (strcmp(doc->warnings[i].kind, "conflicting-role") == 0)
			return true;
	}
	return false;
}

int
lede_warnings_find(struct lede_doc *doc, struct lede_err *err)
{
	struct lede_nations *ns = NULL;
	int rc;

	if (doc->npeople > 0 && lede_nations_load(&ns, err) != 0)
		return -1;
	rc = lede_warnings_find_with(doc, ns, err);
	lede_nations_free(ns);
	return rc;
}

int
lede_warnings_find_with(struct lede_doc *doc, const struct lede_nations *ns,
    struct lede_err *err)
{
	int rc;

	if (doc->npeople > 0 && ns != NULL) {
		rc = role_conflicts(doc, ns);
		if (rc == 0 && !has_conflict(doc))
			rc = context_conflicts(doc, ns);
		if (rc < 0)
			return lede_err_oom(err);
	}
	if (quote_warnings(doc) < 0)
		return lede_err_oom(err);
	return 0;
}
