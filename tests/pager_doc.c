/* Hand-made documents for the pager tests and the pager benchmark, with
 * exact people, places, quotes and facts, so the tests do not depend on what
 * the annotator finds. `pager_doc NAME...` opens them in the real pager;
 * `pager_doc --json NAME` prints one as lede's JSON (a fixture for `lede`
 * itself once it reads copies). Names: article, cjk, escape, big:N (N
 * paragraphs), one:N (one paragraph of N sentences). */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lede/buf.h"
#include "lede/doc.h"
#include "lede/json.h"
#include "lede/pager.h"

static void
die(const char *what)
{
	fprintf(stderr, "pager_doc: %s\n", what);
	exit(1);
}

static int
para(struct lede_doc *d, enum lede_kind k, const char *text)
{
	if (lede_doc_add_para(d, k, text, strlen(text)) != 0)
		die("out of memory");
	return (int)d->nparas - 1;
}

/* Every occurrence of word in paragraph p becomes a mention of e, keeping
 * its first `keep` bytes when keep > 0 (so "Macron had" marks one Macron). */
static void
mention_n(struct lede_doc *d, struct lede_entity *e, int p, const char *word, size_t keep)
{
	const char *t = d->paras[p].text, *at = t;
	size_t n = strlen(word);

	while ((at = strstr(at, word)) != NULL) {
		struct lede_span s = { p, (size_t)(at - t), (size_t)(at - t) + (keep ? keep : n) };

		if (lede_entity_add_mention(e, s) != 0)
			die("out of memory");
		at += n;
	}
}

static void
mention(struct lede_doc *d, struct lede_entity *e, int p, const char *word)
{
	mention_n(d, e, p, word, 0);
}

/* Each pair of curly quotes in paragraph p becomes a quote by speaker. */
static void
quotes(struct lede_doc *d, int p, int speaker)
{
	const char *t = d->paras[p].text, *open = t, *close;

	while ((open = strstr(open, "\xE2\x80\x9C")) != NULL &&
	    (close = strstr(open + 3, "\xE2\x80\x9D")) != NULL) {
		struct lede_span s = { p, (size_t)(open - t), (size_t)(close - t) + 3 };

		if (lede_doc_add_quote(d, s, s.start + 3, s.end - 3, speaker, NULL) < 0)
			die("bad quote");
		open = close + 3;
	}
}

static void
fact(struct lede_doc *d, int p, const char *kind, const char *text)
{
	const char *t = d->paras[p].text, *at = strstr(t, text);
	struct lede_span s;

	if (at == NULL)
		die("fact text not in paragraph");
	s = (struct lede_span){ p, (size_t)(at - t), (size_t)(at - t) + strlen(text) };
	if (lede_doc_add_fact(d, kind, s) < 0)
		die("bad fact");
}

static struct lede_doc *
article(void)
{
	struct lede_doc *d = lede_doc_new();
	int macron, scholz, ngozi, paris, berlin, p[16], n = 0;

	if (d == NULL)
		die("out of memory");
	lede_doc_set(&d->title, "Leaders agree on a climate fund at the Paris summit");
	lede_doc_set(&d->byline, "By Jane Roe");
	lede_doc_set(&d->site, "Example News");
	lede_doc_set(&d->published, "2026-11-20");
	lede_doc_set(&d->url, "https://news.example/2026/11/paris-summit");
	p[n++] = para(d, LEDE_PARA_TEXT, "PARIS - Leaders from forty countries agreed on Friday to a "
	    "climate fund of $100 billion a year, after two days of talks in Paris that ran late into "
	    "the night and nearly collapsed over who would pay.");
	p[n++] = para(d, LEDE_PARA_TEXT, "\xE2\x80\x9CThis is the day the world chose to act "
	    "together,\xE2\x80\x9D said Emmanuel Macron, the French President, as he closed the "
	    "summit. Macron had spent the night in talks with the delegations.");
	p[n++] = para(d, LEDE_PARA_TEXT, "Olaf Scholz, the German Chancellor, was more careful. "
	    "\xE2\x80\x9CWe have a promise, not yet a plan,\xE2\x80\x9D Scholz told reporters in "
	    "Berlin by video link. Germany will pay 12 percent of the fund.");
	p[n++] = para(d, LEDE_PARA_HEADING, "Who pays");
	p[n++] = para(d, LEDE_PARA_TEXT, "Under the deal, richer countries pay in first. Ngozi "
	    "Okonjo-Iweala, who chaired the finance talks, said the money would reach projects "
	    "within 18 months. \xE2\x80\x9CThe first grants go out next spring,\xE2\x80\x9D she "
	    "said.");
	p[n++] = para(d, LEDE_PARA_BLOCKQUOTE, "We came to Paris to argue and we leave with a "
	    "fund that the poorest countries can draw on when the floods come.");
	p[n++] = para(d, LEDE_PARA_LIST_ITEM, "A fund of $100 billion a year, from 2027.");
	p[n++] = para(d, LEDE_PARA_LIST_ITEM, "A review every two years, starting in Berlin.");
	p[n++] = para(d, LEDE_PARA_LIST_ITEM, "Grants rather than loans for the forty poorest "
	    "countries, so that the help does not add to their debts.");
	p[n++] = para(d, LEDE_PARA_TEXT, "Critics said the sum was far too small. Campaigners "
	    "outside the conference hall in Paris held up signs asking for three times as much, and "
	    "several delegations said they would push for more at the next meeting.");
	p[n++] = para(d, LEDE_PARA_TEXT, "\xE2\x80\x9CIt is a start, and only a start,"
	    "\xE2\x80\x9D Macron said later on French television.");
	p[n++] = para(d, LEDE_PARA_TEXT, "The next summit is planned for Berlin in 2028. Until "
	    "then the fund will be run from Paris by a board of twelve members, four of them from "
	    "the countries that receive the money.");
	macron = lede_doc_add_person(d, "Emmanuel Macron");
	scholz = lede_doc_add_person(d, "Olaf Scholz");
	ngozi = lede_doc_add_person(d, "Ngozi Okonjo-Iweala");
	paris = lede_doc_add_place(d, "Paris");
	berlin = lede_doc_add_place(d, "Berlin");
	if (macron < 0 || scholz < 0 || ngozi < 0 || paris < 0 || berlin < 0)
		die("out of memory");
	lede_entity_add_role(&d->people[macron], "French President");
	lede_entity_add_role(&d->people[scholz], "German Chancellor");
	mention(d, &d->people[macron], p[1], "Emmanuel Macron");
	mention_n(d, &d->people[macron], p[1], "Macron had", 6);
	mention(d, &d->people[macron], p[10], "Macron");
	mention(d, &d->people[scholz], p[2], "Olaf Scholz");
	mention_n(d, &d->people[scholz], p[2], "Scholz told", 6);
	mention(d, &d->people[ngozi], p[4], "Ngozi Okonjo-Iweala");
	for (int i = 0; i < n; i++) {
		mention(d, &d->places[paris], p[i], "Paris");
		mention(d, &d->places[berlin], p[i], "Berlin");
	}
	quotes(d, p[1], macron);
	quotes(d, p[2], scholz);
	quotes(d, p[4], ngozi);
	quotes(d, p[10], macron);
	fact(d, p[0], "money", "$100 billion a year");
	fact(d, p[2], "percent", "12 percent");
	fact(d, p[4], "date", "18 months");
	fact(d, p[11], "date", "2028");
	lede_doc_add_warning(d, "conflicting-role", 2, "Scholz is called Chancellor and minister");
	return d;
}

static struct lede_doc *
cjk(void)
{
	struct lede_doc *d = lede_doc_new();

	if (d == NULL)
		die("out of memory");
	lede_doc_set(&d->title, "\xE6\x9D\xB1\xE4\xBA\xAC\xE3\x81\xA8\xE5\x8C\x97\xE4\xBA\xAC: wide text");
	lede_doc_set(&d->url, "https://news.example/cjk");
	/* Forty wide characters: must wrap without splitting one. */
	para(d, LEDE_PARA_TEXT,
	    "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE3\x81\xAE\xE6\x96\x87\xE7\xAB\xA0\xE3\x81\xAF"
	    "\xE5\x8D\x98\xE8\xAA\x9E\xE3\x81\xAE\xE9\x96\x93\xE3\x81\xAB\xE7\xA9\xBA\xE7\x99\xBD"
	    "\xE3\x81\x8C\xE3\x81\x82\xE3\x82\x8A\xE3\x81\xBE\xE3\x81\x9B\xE3\x82\x93\xE3\x80\x82"
	    "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE3\x81\xAE\xE6\x96\x87\xE7\xAB\xA0\xE3\x81\xAF"
	    "\xE5\x8D\x98\xE8\xAA\x9E\xE3\x81\xAE\xE9\x96\x93\xE3\x81\xAB\xE7\xA9\xBA\xE7\x99\xBD"
	    "\xE3\x81\x8C\xE3\x81\x82\xE3\x82\x8A\xE3\x81\xBE\xE3\x81\x9B\xE3\x82\x93\xE3\x80\x82"
	    "\xE4\xB8\x80\xE4\xBA\x8C\xE4\xB8\x89\xE5\x9B\x9B");
	/* e + COMBINING ACUTE, twice per word: each pair takes one column. */
	para(d, LEDE_PARA_TEXT, "Cafe\xCC\x81 re\xCC\x81sume\xCC\x81 nai\xCC\x88ve |end");
	para(d, LEDE_PARA_TEXT, "ASCII ruler |0123456789|");
	return d;
}

/* Raw escape sequences, deliberately not normalised: the draw path must
 * still show none of them. */
static struct lede_doc *
escape(void)
{
	static const char title[] = "Evil \x1b[31mred\x1b[0m title \x1b]0;pwned\x07 end";
	static const char p1[] = "Text with \x1b[2J clear and \xC2\x9B" "31m CSI and \x1b]52;c;aGVsbG8=\x07 "
	    "clipboard and bidi \xE2\x80\xAE" "desrever\xE2\x80\xAC done.";
	static const char p2[] = "Bell \x07 backspace \x08 and DEL \x7f and a tab\there.";
	struct lede_doc *d = lede_doc_new();
	struct lede_para *pp;

	if (d == NULL || (d->title = malloc(sizeof title)) == NULL)
		die("out of memory");
	memcpy(d->title, title, sizeof title);
	lede_doc_set(&d->url, "https://evil.example/\x1b[31mx");
	para(d, LEDE_PARA_TEXT, "placeholder one");
	para(d, LEDE_PARA_TEXT, "placeholder two");
	pp = &d->paras[0];
	free(pp->text);
	pp->text = strdup(p1);
	pp->len = strlen(p1);
	pp = &d->paras[1];
	free(pp->text);
	pp->text = strdup(p2);
	pp->len = strlen(p2);
	if (d->paras[0].text == NULL || d->paras[1].text == NULL)
		die("out of memory");
	return d;
}

/* A big article: n paragraphs of about 250 bytes, a quote and a person in
 * every fourth one. */
static struct lede_doc *
big(long n)
{
	struct lede_doc *d = lede_doc_new();
	struct lede_buf b = LEDE_BUF_INIT;
	int person;

	if (d == NULL)
		die("out of memory");
	lede_doc_set(&d->title, "A very long article");
	lede_doc_set(&d->url, "https://news.example/big");
	if ((person = lede_doc_add_person(d, "Ada Lovelace")) < 0)
		die("out of memory");
	for (long i = 0; i < n; i++) {
		lede_buf_reset(&b);
		if (i % 4 == 0)
			lede_buf_printf(&b, "Ada Lovelace said: \xE2\x80\x9CParagraph %ld is about "
			    "engines,\xE2\x80\x9D and went on. ", i);
		lede_buf_printf(&b, "Paragraph %ld. The analytical engine weaves algebraic patterns "
		    "just as the Jacquard loom weaves flowers and leaves, and nobody in the room "
		    "expected the discussion to last as long as it did that evening in London.", i);
		if (!lede_buf_ok(&b))
			die("out of memory");
		int pi = para(d, LEDE_PARA_TEXT, b.data);
		if (i % 4 == 0) {
			mention(d, &d->people[person], pi, "Ada Lovelace");
			quotes(d, pi, person);
		}
	}
	lede_buf_free(&b);
	return d;
}

/* One paragraph of n sentences: the worst case for a per-line cost. */
static struct lede_doc *
one(long n)
{
	struct lede_doc *d = lede_doc_new();
	struct lede_buf b = LEDE_BUF_INIT;
	int person, pi;

	if (d == NULL)
		die("out of memory");
	lede_doc_set(&d->title, "One very long paragraph");
	if ((person = lede_doc_add_person(d, "Ada Lovelace")) < 0)
		die("out of memory");
	for (long i = 0; i < n; i++)
		lede_buf_printf(&b, "Ada Lovelace said \xE2\x80\x9Csentence %ld\xE2\x80\x9D once more. ", i);
	if (!lede_buf_ok(&b))
		die("out of memory");
	pi = para(d, LEDE_PARA_TEXT, b.data);
	mention(d, &d->people[person], pi, "Ada Lovelace");
	quotes(d, pi, person);
	lede_buf_free(&b);
	return d;
}

static struct lede_doc *
make(const char *name)
{
	if (strcmp(name, "article") == 0)
		return article();
	if (strcmp(name, "cjk") == 0)
		return cjk();
	if (strcmp(name, "escape") == 0)
		return escape();
	if (strncmp(name, "big:", 4) == 0)
		return big(atol(name + 4));
	if (strncmp(name, "one:", 4) == 0)
		return one(atol(name + 4));
	die("unknown document (article, cjk, escape, big:N)");
	return NULL;
}

int
main(int argc, char **argv)
{
	struct lede_pager_opts o = { NULL, 0, -1 };
	struct lede_doc *docs[8];
	struct lede_err err;
	int n = 0, json = 0, rc = 0;

	setlocale(LC_ALL, "");
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			json = 1;
		else if (strncmp(argv[i], "--theme=", 8) == 0)
			o.theme = argv[i] + 8;
		else if (strncmp(argv[i], "--width=", 8) == 0)
			o.width = atoi(argv[i] + 8);
		else if (strcmp(argv[i], "--no-panel") == 0)
			o.panel = 0;
		else if (n < 8)
			docs[n++] = make(argv[i]);
	}
	if (n == 0)
		die("usage: pager_doc [--json] [--theme=T] [--width=N] [--no-panel] NAME...");
	if (json) {
		struct lede_buf out = LEDE_BUF_INIT;

		if (lede_json_write_doc(&out, docs[0]) != 0)
			die("out of memory");
		fwrite(out.data, 1, out.len, stdout);
		putchar('\n');
		lede_buf_free(&out);
	} else if (lede_pager_run(docs, (size_t)n, &o, &err) != 0) {
		fprintf(stderr, "lede: %s\n", err.msg);
		rc = 1;
	}
	for (int i = 0; i < n; i++)
		lede_doc_free(docs[i]);
	return rc;
}
