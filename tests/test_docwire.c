/* The sandbox's wire form of a document: a round trip gives the document
 * back exactly as a JSON copy would, in one piece or streamed in scraps; and
 * every kind of damage a compromised child could send (cut short, lengths
 * and counts past the end, bad UTF-8, controls, spans and speakers that point
 * nowhere) is refused with one line naming the field, never a crash. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lede/buf.h"
#include "lede/copy.h"
#include "lede/doc.h"
#include "lede/docwire.h"
#include "lede/json.h"
#include "tap.h"

static char *
to_json(const struct lede_doc *d)
{
	struct lede_buf b = LEDE_BUF_INIT;

	if (lede_json_write_doc(&b, d) != 0) {
		lede_buf_free(&b);
		return NULL;
	}
	return lede_buf_detach(&b);
}

static void
add(struct lede_doc *d, enum lede_kind kind, const char *text)
{
	lede_doc_add_para(d, kind, text, strlen(text));
}

/* A document with every field the wire carries. */
static struct lede_doc *
sample(void)
{
	struct lede_doc *d = lede_doc_new();
	struct lede_note n = { 0 };
	int p;

	lede_doc_set(&d->url, "https://example.org/a");
	lede_doc_set(&d->title, "Harbour vote \xe2\x80\x94 the council decides");
	lede_doc_set(&d->byline, "Ana S\xc3\xa1nchez");
	lede_doc_set(&d->site, "Example News");
	lede_doc_set(&d->published, "2026-11-20");
	lede_doc_set(&d->lang, "en-GB");
	lede_doc_set(&d->saved, "2026-11-25T20:00:00Z");
	add(d, LEDE_PARA_HEADING, "The vote");
	/* Offsets in this one: the opening mark 0-3, the words 3-22, the
	 * closing mark 22-25, "Ana S\xc3\xa1nchez" 37-49, "Monday" 53-59,
	 * the money 68-80. */
	add(d, LEDE_PARA_TEXT, "\xe2\x80\x9cWe will rebuild it,\xe2\x80\x9d said Mayor "
	    "Ana S\xc3\xa1nchez on Monday, citing \xe2\x82\xac""4 million.");
	add(d, LEDE_PARA_BLOCKQUOTE, "A quoted block.");
	add(d, LEDE_PARA_LIST_ITEM, "An item");
	add(d, LEDE_PARA_PRE, "code line one\n  line two");
	p = lede_doc_add_person(d, "Ana S\xc3\xa1nchez");
	lede_entity_add_alias(&d->people[p], "S\xc3\xa1nchez");
	lede_entity_add_role(&d->people[p], "Mayor");
	lede_entity_add_mention(&d->people[p], (struct lede_span){ 1, 37, 49 });
	lede_entity_add_mention(&d->people[p], (struct lede_span){ LEDE_TITLE, 0, 7 });
	p = lede_doc_add_place(d, "Harbour");
	lede_entity_add_mention(&d->places[p], (struct lede_span){ LEDE_TITLE, 0, 7 });
	p = lede_doc_add_quote(d, (struct lede_span){ 1, 0, 25 }, 3, 22, 0, NULL);
	d->quotes[p].continued = true;
	p = lede_doc_add_quote(d, (struct lede_span){ 2, 0, 15 }, 0, 15, -1, "a report");
	d->quotes[p].unclosed = d->quotes[p].unopened = true;
	lede_doc_add_fact(d, "money", (struct lede_span){ 1, 68, 80 });
	lede_doc_add_fact(d, "date", (struct lede_span){ 1, 53, 59 });
	lede_doc_add_warning(d, "conflicting-role", 1, "Ana %s is also called %s", "S\xc3\xa1nchez", "x");
	lede_doc_add_warning(d, "unclosed-quote", LEDE_TITLE, "in the title");
	lede_doc_add_warning(d, "lost-note", LEDE_NO_PARA, "no paragraph");
	n.span = (struct lede_span){ 2, 2, 8 };
	n.exact = "quoted";
	n.prefix = "A ";
	n.suffix = " block.";
	n.text = "check this";
	n.created = "2026-11-25T21:00:00Z";
	lede_doc_add_note(d, &n);
	n.span = (struct lede_span){ 0, 4, 8 };
	n.exact = "vote";
	n.prefix = NULL;
	n.suffix = NULL;
	n.text = NULL;
	n.created = NULL;
	lede_doc_add_note(d, &n);
	return d;
}

/* ---- sources and sinks ---- */

struct scraps {
	const char *p;
	size_t n, step, calls;
	size_t fail_after;      /* bytes given before the source breaks */
};

/* Hands out at most step bytes a time, like a socket under load. */
static ssize_t
fill_scraps(void *ctx, void *buf, size_t n)
{
	struct scraps *s = ctx;

	s->calls++;
	if (s->fail_after == 0)
		return -1;
	if (n > s->step)
		n = s->step;
	if (n > s->n)
		n = s->n;
	if (n > s->fail_after)
		n = s->fail_after;
	memcpy(buf, s->p, n);
	s->p += n;
	s->n -= n;
	s->fail_after -= n;
	return (ssize_t)n;
}

static int
put_buf(void *ctx, const void *p, size_t n)
{
	lede_buf_add(ctx, p, n);
	return 0;
}

static void
round_trip(void)
{
	struct lede_doc *d = sample(), *back = NULL, *copy = NULL;
	struct lede_buf wire = LEDE_BUF_INIT, sent = LEDE_BUF_INIT;
	struct scraps src;
	struct lede_err err = { "" };
	char *want, *got, *js;
	size_t size = 0;
	static const size_t steps[] = { 1, 3, 7, 4096, 1 << 20 };
	size_t i;

	ok(lede_docwire_write(&wire, d, &err) == 0 && lede_buf_ok(&wire), "writes a full document");
	ok(lede_docwire_size(d, &size, &err) == 0 && size == wire.len,
	    "the size is what is written (%zu, %zu)", size, wire.len);
	ok(lede_docwire_send(d, put_buf, &sent, &err) == 0 && sent.len == wire.len &&
	    memcmp(sent.data, wire.data, wire.len) == 0, "sending gives the same bytes");
	ok(lede_docwire_read(wire.data, wire.len, &back, &err) == 0, "reads it back%s%s",
	    back ? "" : ": ", back ? "" : err.msg);

	/* What the JSON path would have given: written as a copy, read back. */
	js = to_json(d);
	ok(js != NULL && lede_copy_read(js, strlen(js), &copy, &err) == 0, "the JSON path reads");
	want = copy ? to_json(copy) : NULL;
	got = back ? to_json(back) : NULL;
	is_str(got, want, "the document equals the JSON round trip's");
	ok(back != NULL && back->nparas == 5 && back->paras[4].kind == LEDE_PARA_PRE &&
	    strcmp(back->paras[4].text, "code line one\n  line two") == 0 &&
	    back->npeople == 1 && back->people[0].nroles == 1 && back->nquotes == 2 &&
	    back->quotes[0].speaker == 0 && back->quotes[0].continued &&
	    strcmp(back->quotes[0].text, "We will rebuild it,") == 0 &&
	    back->quotes[1].unclosed && back->quotes[1].unopened && back->nfacts == 2 &&
	    back->nwarnings == 3 && back->warnings[2].para == LEDE_NO_PARA && back->nnotes == 2 &&
	    strcmp(back->notes[1].prefix, "") == 0 && back->notes[1].text == NULL,
	    "every field came through");
	free(got);
	lede_doc_free(back);

	for (i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		src = (struct scraps){ wire.data, wire.len, steps[i], 0, SIZE_MAX };
		back = NULL;
		ok(lede_docwire_read_from(fill_scraps, &src, wire.len, &back, &err) == 0 &&
		    src.n == 0, "streamed %zu bytes at a time: reads, to the last byte", steps[i]);
		got = back ? to_json(back) : NULL;
		is_str(got, want, "streamed %zu bytes at a time: the same document", steps[i]);
		free(got);
		lede_doc_free(back);
	}

	/* A stream longer than the document stays in step: the reader never
	 * asks for a byte past it. */
	lede_buf_add(&wire, "NEXT", 4);
	src = (struct scraps){ wire.data, wire.len, 1 << 20, 0, SIZE_MAX };
	back = NULL;
	ok(lede_docwire_read_from(fill_scraps, &src, wire.len - 4, &back, &err) == 0 &&
	    src.n == 4 && memcmp(src.p, "NEXT", 4) == 0, "the next reply's bytes are left unread");
	lede_doc_free(back);
	wire.len -= 4;

	src = (struct scraps){ wire.data, wire.len, 100, 0, wire.len / 2 };
	back = NULL;
	ok(lede_docwire_read_from(fill_scraps, &src, wire.len, &back, &err) == -1 && back == NULL &&
	    strstr(err.msg, "ends too soon") != NULL, "a source that breaks: refused (%s)", err.msg);

	free(want);
	free(js);
	lede_doc_free(copy);
	lede_doc_free(d);
	lede_buf_free(&wire);
	lede_buf_free(&sent);
}

/* An empty document and one with no title (JSON copies give it ""). */
static void
edges(void)
{
	struct lede_doc *d = lede_doc_new(), *back = NULL;
	struct lede_buf wire = LEDE_BUF_INIT;
	struct lede_err err = { "" };

	ok(lede_docwire_write(&wire, d, &err) == 0 &&
	    lede_docwire_read(wire.data, wire.len, &back, &err) == 0 && back->nparas == 0 &&
	    back->title != NULL && *back->title == '\0' && back->url == NULL,
	    "an empty document: no paragraphs, title \"\", no url");
	lede_doc_free(back);
	lede_doc_free(d);
	lede_buf_free(&wire);

	/* A quote whose text is not at its span: the writer refuses it rather
	 * than send what the reader would refuse. */
	d = sample();
	free(d->quotes[0].text);
	d->quotes[0].text = strdup("not there");
	ok(lede_docwire_write(&wire, d, &err) == -1 && strstr(err.msg, "quotes[0]") != NULL,
	    "a quote that is not at its span is not sent (%s)", err.msg);
	lede_doc_free(d);
	lede_buf_free(&wire);
}

/* ---- hand-made replies ---- */

static void
w_u32(struct lede_buf *b, uint32_t v)
{
	unsigned char c[4] = { (unsigned char)v, (unsigned char)(v >> 8),
		(unsigned char)(v >> 16), (unsigned char)(v >> 24) };

	lede_buf_add(b, c, 4);
}

static void
w_str(struct lede_buf *b, const char *s)
{
	if (s == NULL) {
		w_u32(b, UINT32_MAX);
		return;
	}
	w_u32(b, (uint32_t)strlen(s));
	lede_buf_adds(b, s);
}

static void
w_span(struct lede_buf *b, int32_t para, uint32_t start, uint32_t end)
{
	w_u32(b, (uint32_t)para);
	w_u32(b, start);
	w_u32(b, end);
}

/* The head of a reply: magic, metadata (title t, lang l), and one
 * paragraph of kind k holding text p. */
static void
head(struct lede_buf *b, const char *t, const char *l, unsigned k, const char *p)
{
	lede_buf_reset(b);
	lede_buf_add(b, "LDW1", 4);
	w_str(b, NULL);
	w_str(b, t);
	w_str(b, "By someone");
	w_str(b, NULL);
	w_str(b, NULL);
	w_str(b, l);
	w_str(b, NULL);
	w_u32(b, 1);
	lede_buf_addc(b, (char)k);
	w_str(b, p);
}

/* Room for the rest of an item, so a test reaches the check it is after
 * rather than the count's. */
static void
pad(struct lede_buf *b)
{
	static const char z[64];

	lede_buf_add(b, z, sizeof z);
}

/* n empty lists, in the order people, places, quotes, facts, warnings,
 * notes. */
static void
zeros(struct lede_buf *b, int n)
{
	while (n-- > 0)
		w_u32(b, 0);
}

/* Expects b refused with a message holding want, on one line. */
static void
refused(struct lede_buf *b, const char *want, const char *what)
{
	struct lede_doc *d = NULL;
	struct lede_err err = { "" };
	struct scraps src = { b->data, b->len, 5, 0, SIZE_MAX };
	int rc;

	err.msg[0] = '\0';
	rc = lede_docwire_read(b->data, b->len, &d, &err);
	ok(rc == -1 && d == NULL && strstr(err.msg, want) != NULL && strchr(err.msg, '\n') == NULL &&
	    strncmp(err.msg, "the parser's reply is damaged: ", 31) == 0,
	    "%s: refused (%s)", what, err.msg);
	if (rc == 0)
		lede_doc_free(d);
	d = NULL;
	rc = lede_docwire_read_from(fill_scraps, &src, b->len, &d, &err);
	ok(rc == -1 && d == NULL && strstr(err.msg, want) != NULL,
	    "%s: refused when streamed too", what);
	if (rc == 0)
		lede_doc_free(d);
}

static void
accepted(struct lede_buf *b, const char *what, struct lede_doc **out)
{
	struct lede_err err = { "" };

	*out = NULL;
	ok(lede_docwire_read(b->data, b->len, out, &err) == 0, "%s%s%s", what,
	    *out ? "" : ": ", *out ? "" : err.msg);
}

static void
malformed(void)
{
	struct lede_buf b = LEDE_BUF_INIT, good = LEDE_BUF_INIT;
	struct lede_doc *d = sample(), *got;
	struct lede_err err = { "" };
	size_t i, bad_cut = 0;

	/* Cut anywhere, the reply is refused; one byte too many, too. */
	lede_docwire_write(&good, d, &err);
	for (i = 0; i < good.len; i++) {
		got = NULL;
		if (lede_docwire_read(good.data, i, &got, &err) != -1 || got != NULL ||
		    strchr(err.msg, '\n') != NULL)
			bad_cut++;
		lede_doc_free(got);
	}
	ok(bad_cut == 0, "each of the %zu ways to cut the reply short is refused", good.len);
	lede_buf_addc(&good, 'x');
	refused(&good, "1 bytes after the document", "a byte after the document");

	lede_buf_reset(&b);
	lede_buf_add(&b, "LDW2", 4);
	zeros(&b, 6);
	refused(&b, "not a document", "another magic");
	lede_buf_reset(&b);
	refused(&b, "not a document", "nothing at all");

	/* Lengths and counts past the end: refused before anything is
	 * allocated for them. */
	head(&b, "T", NULL, LEDE_PARA_TEXT, "x");
	b.len -= 5;
	w_u32(&b, 0xFFFFFFF0u);
	lede_buf_addc(&b, 'x');
	refused(&b, "paragraphs[0].text: 4294967280 bytes of text", "a text length past the end");
	lede_buf_reset(&b);
	lede_buf_add(&b, "LDW1", 4);
	for (i = 0; i < 7; i++)
		w_str(&b, i == 1 ? "T" : NULL);
	w_u32(&b, 0xFFFFFFFEu);
	refused(&b, "paragraphs: 4294967294 items cannot fit", "a huge paragraph count");
	head(&b, "T", NULL, LEDE_PARA_TEXT, "x");
	w_u32(&b, 1);
	w_str(&b, "A");
	w_u32(&b, 0);
	w_u32(&b, 0);
	w_u32(&b, 100000000);
	refused(&b, "people[0].mentions: 100000000 items cannot fit", "a huge mention count");
	head(&b, "T", NULL, LEDE_PARA_TEXT, "x");
	w_u32(&b, 1);
	w_str(&b, "A");
	w_u32(&b, 0x40000000);
	pad(&b);
	refused(&b, "people[0].aliases: 1073741824 items", "a huge alias count");
	head(&b, "T", NULL, LEDE_PARA_TEXT, "x");
	zeros(&b, 5);
	w_u32(&b, 12345678);
	refused(&b, "notes: 12345678 items", "a huge note count");

	/* Text a terminal would act on, or that is not UTF-8. */
	head(&b, "T", NULL, LEDE_PARA_TEXT, "caf\xc3");
	zeros(&b, 6);
	refused(&b, "paragraphs[0].text: invalid UTF-8 at byte 3", "a cut UTF-8 sequence");
	head(&b, "T", NULL, LEDE_PARA_TEXT, "an overlong \xc0\xaf slash, long enough for a word");
	zeros(&b, 6);
	refused(&b, "invalid UTF-8 at byte 12", "an overlong sequence");
	head(&b, "T", NULL, LEDE_PARA_TEXT, "a surrogate \xed\xa0\x80 here");
	zeros(&b, 6);
	refused(&b, "invalid UTF-8", "a surrogate");
	head(&b, "Title \x1b]0;owned\x07", NULL, LEDE_PARA_TEXT, "x");
	zeros(&b, 6);
	refused(&b, "title: control character U+001B at byte 6", "an escape in the title");
	head(&b, "T", NULL, LEDE_PARA_TEXT, "sixteen bytes ok\xc2\x9b" "31m after a C1 CSI");
	zeros(&b, 6);
	refused(&b, "control character U+009B at byte 16", "a C1 control after a clean block");
	head(&b, "T", NULL, LEDE_PARA_TEXT, "line\nbreak");
	zeros(&b, 6);
	refused(&b, "control character U+000A", "a newline outside preformatted text");
	head(&b, "T", NULL, LEDE_PARA_TEXT, "rtl \xe2\x80\xae override");
	zeros(&b, 6);
	refused(&b, "control character U+202E", "a bidi override");
	head(&b, "T", NULL, LEDE_PARA_TEXT, "zero\xe2\x80\x8bwidth");
	zeros(&b, 6);
	refused(&b, "invisible character U+200B", "a zero-width space in text offsets point into");
	head(&b, "T", NULL, LEDE_PARA_TEXT, "");
	b.len -= 4;
	w_u32(&b, 8);
	lede_buf_add(&b, "nul\0byte", 8);
	zeros(&b, 6);
	refused(&b, "control character U+0000 at byte 3", "a NUL byte");
	head(&b, "T", "en\x1b", LEDE_PARA_TEXT, "x");
	zeros(&b, 6);
	refused(&b, "lang: control character", "an escape in the language");
	head(&b, "T", "en us", LEDE_PARA_TEXT, "x");
	zeros(&b, 6);
	refused(&b, "lang: is not a language tag", "a language that is no tag");

	head(&b, "T", NULL, LEDE_PARA_PRE, "line\nbreak\n\tand a tab? no");
	zeros(&b, 6);
	refused(&b, "control character U+0009", "a tab in preformatted text");
	head(&b, "T", NULL, LEDE_PARA_PRE, "line\nbreak");
	zeros(&b, 6);
	accepted(&b, "a newline in preformatted text is kept", &got);
	ok(got != NULL && strcmp(got->paras[0].text, "line\nbreak") == 0, "as it was");
	lede_doc_free(got);
	/* Text no offset points into goes through the normaliser, as in a copy:
	 * the invisible character goes, the spaces fold. */
	lede_buf_reset(&b);
	lede_buf_add(&b, "LDW1", 4);
	w_str(&b, NULL);
	w_str(&b, "T");
	w_str(&b, "Ann\xe2\x80\x8b  Lee ");
	for (i = 0; i < 4; i++)
		w_str(&b, NULL);
	w_u32(&b, 0);
	zeros(&b, 6);
	accepted(&b, "a byline is normalised", &got);
	is_str(got ? got->byline : NULL, "Ann Lee", "to what a copy would hold");
	lede_doc_free(got);

	/* Kinds, flags, spans, speakers. */
	head(&b, "T", NULL, 9, "x");
	zeros(&b, 6);
	refused(&b, "paragraphs[0].kind: unknown kind 9", "an unknown paragraph kind");
	head(&b, "T", NULL, LEDE_PARA_TEXT, "caf\xc3\xa9 au lait");
	w_u32(&b, 1);
	w_str(&b, "A");
	w_u32(&b, 0);
	w_u32(&b, 0);
	w_u32(&b, 2);
	w_span(&b, 0, 0, 3);
	w_span(&b, 0, 0, 99);
	refused(&b, "people[0].mentions[1].end: 99 is past the end of the text (13)",
	    "a mention past its paragraph");
	head(&b, "T", NULL, LEDE_PARA_TEXT, "caf\xc3\xa9 au lait");
	w_u32(&b, 1);
	w_str(&b, "A");
	w_u32(&b, 0);
	w_u32(&b, 0);
	w_u32(&b, 1);
	w_span(&b, 0, 0, 4);
	refused(&b, "people[0].mentions[0].end: 4 splits a UTF-8 character",
	    "a mention that splits a character");
	head(&b, "T", NULL, LEDE_PARA_TEXT, "x");
	w_u32(&b, 1);
	w_str(&b, "A");
	w_u32(&b, 0);
	w_u32(&b, 0);
	w_u32(&b, 1);
	w_span(&b, 1, 0, 0);
	refused(&b, "paragraph: 1 is out of range (-1 to 0)", "a mention in a paragraph that is not there");
	head(&b, "T", NULL, LEDE_PARA_TEXT, "x");
	w_u32(&b, 1);
	w_str(&b, "A");
	w_u32(&b, 0);
	w_u32(&b, 0);
	w_u32(&b, 1);
	w_span(&b, -3, 0, 0);
	refused(&b, "-3 is out of range", "a negative paragraph");
	head(&b, "T", NULL, LEDE_PARA_TEXT, "abc");
	w_u32(&b, 1);
	w_str(&b, "A");
	w_u32(&b, 0);
	w_u32(&b, 0);
	w_u32(&b, 1);
	w_span(&b, 0, 2, 1);
	refused(&b, "end: 1 comes before start 2", "a span that ends before it starts");
	head(&b, "T", NULL, LEDE_PARA_TEXT, "x");
	w_u32(&b, 1);
	w_str(&b, " \xe2\x80\x8b ");
	pad(&b);
	refused(&b, "people[0].name: is empty", "a name that normalises to nothing");
	head(&b, "T", NULL, LEDE_PARA_TEXT, "x");
	w_u32(&b, 0);
	w_u32(&b, 1);
	w_str(&b, "Lima");
	w_u32(&b, 0);
	w_u32(&b, 1);
	w_str(&b, "capital");
	refused(&b, "places[0].roles: a place has none", "a place with a role");

	/* Quotes: the words inside the span, a speaker among the people. */
	head(&b, "T", NULL, LEDE_PARA_TEXT, "\"Yes,\" she said.");
	zeros(&b, 2);
	w_u32(&b, 1);
	w_span(&b, 0, 0, 6);
	w_u32(&b, 1);
	w_u32(&b, 9);
	w_u32(&b, UINT32_MAX);
	w_str(&b, NULL);
	lede_buf_addc(&b, 0);
	zeros(&b, 3);
	refused(&b, "quotes[0].text: is not inside the quote's span", "quote words outside the span");
	head(&b, "T", NULL, LEDE_PARA_TEXT, "\"Yes,\" she said.");
	zeros(&b, 2);
	w_u32(&b, 1);
	w_span(&b, 0, 0, 6);
	w_u32(&b, 1);
	w_u32(&b, 5);
	w_u32(&b, 0);
	w_str(&b, NULL);
	lede_buf_addc(&b, 0);
	zeros(&b, 3);
	refused(&b, "quotes[0].speaker: 0 is not in people", "a speaker nobody is");
	head(&b, "T", NULL, LEDE_PARA_TEXT, "\"Yes,\" she said.");
	zeros(&b, 2);
	w_u32(&b, 1);
	w_span(&b, 0, 0, 6);
	w_u32(&b, 1);
	w_u32(&b, 5);
	w_u32(&b, UINT32_MAX);
	w_str(&b, NULL);
	lede_buf_addc(&b, 8);
	zeros(&b, 3);
	refused(&b, "quotes[0].flags: unknown flags", "unknown quote flags");
	head(&b, "T", NULL, LEDE_PARA_TEXT, "\"Yes,\" she said.");
	zeros(&b, 2);
	w_u32(&b, 1);
	w_span(&b, 0, 0, 6);
	w_u32(&b, 1);
	w_u32(&b, 5);
	w_u32(&b, UINT32_MAX);
	w_str(&b, "a \x1b[2J report");
	lede_buf_addc(&b, 1);
	zeros(&b, 3);
	refused(&b, "quotes[0].source: control character U+001B", "an escape in a quote's source");
	head(&b, "T", NULL, LEDE_PARA_TEXT, "\"Yes,\" she said.");
	zeros(&b, 2);
	w_u32(&b, 1);
	w_span(&b, 0, 0, 6);
	w_u32(&b, 1);
	w_u32(&b, 5);
	w_u32(&b, UINT32_MAX);
	w_str(&b, NULL);
	lede_buf_addc(&b, 1);
	zeros(&b, 3);
	accepted(&b, "a well-formed quote", &got);
	ok(got != NULL && got->nquotes == 1 && strcmp(got->quotes[0].text, "Yes,") == 0 &&
	    got->quotes[0].speaker == -1 && got->quotes[0].unclosed, "with its words cut from the text");
	lede_doc_free(got);

	/* Facts, warnings, notes. */
	head(&b, "T", NULL, LEDE_PARA_TEXT, "x");
	zeros(&b, 3);
	w_u32(&b, 1);
	w_str(&b, "money");
	w_span(&b, 0, 0, 2);
	zeros(&b, 2);
	refused(&b, "facts[0].end: 2 is past the end", "a fact past its paragraph");
	head(&b, "T", NULL, LEDE_PARA_TEXT, "x");
	zeros(&b, 4);
	w_u32(&b, 1);
	w_str(&b, "k");
	w_str(&b, "m");
	w_u32(&b, 5);
	zeros(&b, 1);
	refused(&b, "warnings[0].paragraph: 5 is out of range", "a warning on a paragraph not there");
	head(&b, "T", NULL, LEDE_PARA_TEXT, "x");
	zeros(&b, 5);
	w_u32(&b, 1);
	w_span(&b, 0, 1, 1);
	pad(&b);
	refused(&b, "notes[0].selector.exact: is empty", "a note on nothing");
	head(&b, "T", NULL, LEDE_PARA_TEXT, "xyz");
	zeros(&b, 5);
	w_u32(&b, 1);
	w_span(&b, 0, 1, 2);
	w_str(&b, "x\xe2\x80\x8b");
	pad(&b);
	refused(&b, "notes[0].selector.prefix: invisible character", "a note's prefix with a hidden character");

	lede_buf_free(&b);
	lede_buf_free(&good);
	lede_doc_free(d);
}

int
main(void)
{
	round_trip();
	edges();
	malformed();
	return tap_done();
}
