/* The sandbox's wire form of a document: see docwire.h for the layout and
 * what the reader promises. The checks mirror lede_copy_read's on a JSON
 * copy one for one; where the wire carries offsets instead of text (a quote's
 * words, a fact's text, a note's exact text) the offsets are checked against
 * the paragraph instead, which is the same promise at constant cost. */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lede/docwire.h"
#include "lede/note.h"
#include "lede/text.h"

#define MAGIC "LDW1"
#define MAGIC_LEN 4
#define NONE UINT32_MAX
#define LANG_MAX 35

/* The fewest bytes each item can take on the wire, so a count is checked
 * against what is left before anything is allocated for it. */
#define MIN_STR 4
#define MIN_SPAN 12
#define MIN_PARA (1 + MIN_STR)
#define MIN_ENTITY (MIN_STR + 3 * 4)
#define MIN_QUOTE (MIN_SPAN + 3 * 4 + MIN_STR + 1)
#define MIN_FACT (MIN_STR + MIN_SPAN)
#define MIN_WARNING (2 * MIN_STR + 4)
#define MIN_NOTE (MIN_SPAN + 4 * MIN_STR)

#define QF_UNCLOSED 1u
#define QF_UNOPENED 2u
#define QF_CONTINUED 4u

/* ---- writing ---- */

/* Bytes gathered before one call to a sink; a string at least half this long
 * goes to the sink straight from the document, uncopied. */
#define STAGE_SIZE ((size_t)64 << 10)

/* One writer for three uses: into a buffer (out), through a sink (put, with
 * out as its staging buffer), or counting only (neither). */
struct wr {
	struct lede_buf *out;
	lede_docwire_put put;
	void *ctx;
	size_t total;            /* bytes written so far */
	bool too_big;            /* a length that does not fit 32 bits */
	bool failed;             /* the sink refused */
};

static void
flush(struct wr *w)
{
	if (w->out->len > 0 && !w->failed && lede_buf_ok(w->out) &&
	    w->put(w->ctx, w->out->data, w->out->len) != 0)
		w->failed = true;
	lede_buf_reset(w->out);
}

static void
put_bytes(struct wr *w, const void *p, size_t n)
{
	w->total += n;
	if (w->put != NULL && w->out->len + n > STAGE_SIZE) {
		flush(w);
		if (n >= STAGE_SIZE / 2) {
			if (!w->failed && w->put(w->ctx, p, n) != 0)
				w->failed = true;
			return;
		}
	}
	if (w->out != NULL)
		lede_buf_add(w->out, p, n);
}

static void
put_u8(struct wr *w, unsigned v)
{
	unsigned char b = (unsigned char)v;

	put_bytes(w, &b, 1);
}

static void
put_raw32(struct wr *w, uint32_t v)
{
	unsigned char b[4];

	b[0] = (unsigned char)v;
	b[1] = (unsigned char)(v >> 8);
	b[2] = (unsigned char)(v >> 16);
	b[3] = (unsigned char)(v >> 24);
	put_bytes(w, b, 4);
}

/* A length, count or offset; 0xFFFFFFFF and up cannot be sent. */
static void
put_u32(struct wr *w, size_t v)
{
	if (v >= NONE) {
		w->too_big = true;
		v = 0;
	}
	put_raw32(w, (uint32_t)v);
}

/* A signed paragraph or person index, as its 32-bit two's complement. */
static void
put_i32(struct wr *w, int v)
{
	put_raw32(w, (uint32_t)(int32_t)v);
}

static void
put_strn(struct wr *w, const char *s, size_t n)
{
	put_u32(w, n);
	put_bytes(w, s, n);
}

static void
put_str(struct wr *w, const char *s)
{
	if (s == NULL)
		put_raw32(w, NONE);
	else
		put_strn(w, s, strlen(s));
}

static void
put_span(struct wr *w, struct lede_span s)
{
	put_i32(w, s.para);
	put_u32(w, s.start);
	put_u32(w, s.end);
}

static void
put_strv(struct wr *w, char *const *v, size_t n)
{
	size_t i;

	put_u32(w, n);
	for (i = 0; i < n; i++)
		put_str(w, v[i] != NULL ? v[i] : "");
}

static void
put_entities(struct wr *w, const struct lede_entity *v, size_t n, bool roles)
{
	size_t i, j;

	put_u32(w, n);
	for (i = 0; i < n; i++) {
		put_str(w, v[i].name);
		put_strv(w, v[i].aliases, v[i].naliases);
		/* JSON copies keep no roles for places; nor does the wire. */
		put_strv(w, v[i].roles, roles ? v[i].nroles : 0);
		put_u32(w, v[i].nmentions);
		for (j = 0; j < v[i].nmentions; j++)
			put_span(w, v[i].mentions[j]);
	}
}

/* A quote goes as offsets: where its words stand inside its span, found as
 * the JSON reader finds them (the first place they occur). */
static int
put_quotes(struct wr *w, const struct lede_doc *doc, struct lede_err *err)
{
	const struct lede_quote *q;
	const char *t, *p;
	size_t i, len, tlen;

	put_u32(w, doc->nquotes);
	for (i = 0; i < doc->nquotes; i++) {
		q = &doc->quotes[i];
		t = lede_doc_text(doc, q->span.para, &len);
		if (t == NULL || !lede_span_valid(doc, q->span) || q->text == NULL)
			return lede_errf(err, "quotes[%zu]: the span is not in the document", i);
		tlen = strlen(q->text);
		p = tlen == 0 ? t + q->span.start :
		    memmem(t + q->span.start, q->span.end - q->span.start, q->text, tlen);
		if (p == NULL)
			return lede_errf(err, "quotes[%zu]: the text is not inside the quote's span", i);
		put_span(w, q->span);
		put_u32(w, (size_t)(p - t));
		put_u32(w, (size_t)(p - t) + tlen);
		put_i32(w, q->speaker >= 0 && (size_t)q->speaker < doc->npeople ? q->speaker : -1);
		put_str(w, q->source);
		put_u8(w, (q->unclosed ? QF_UNCLOSED : 0) | (q->unopened ? QF_UNOPENED : 0) |
		    (q->continued ? QF_CONTINUED : 0));
	}
	return 0;
}

static int
put_doc(struct wr *w, const struct lede_doc *doc, struct lede_err *err)
{
	const char *meta[] = {
		doc->url, doc->title ? doc->title : "", doc->byline, doc->site,
		doc->published, doc->lang, doc->saved,
	};
	size_t i;

	put_bytes(w, MAGIC, MAGIC_LEN);
	for (i = 0; i < sizeof meta / sizeof meta[0]; i++)
		put_str(w, meta[i]);
	put_u32(w, doc->nparas);
	for (i = 0; i < doc->nparas; i++) {
		put_u8(w, doc->paras[i].kind);
		put_strn(w, doc->paras[i].text, doc->paras[i].len);
	}
	put_entities(w, doc->people, doc->npeople, true);
	put_entities(w, doc->places, doc->nplaces, false);
	if (put_quotes(w, doc, err) != 0)
		return -1;
	put_u32(w, doc->nfacts);
	for (i = 0; i < doc->nfacts; i++) {
		put_str(w, doc->facts[i].kind);
		put_span(w, doc->facts[i].span);
	}
	put_u32(w, doc->nwarnings);
	for (i = 0; i < doc->nwarnings; i++) {
		put_str(w, doc->warnings[i].kind);
		put_str(w, doc->warnings[i].message);
		put_i32(w, doc->warnings[i].para);
	}
	put_u32(w, doc->nnotes);
	for (i = 0; i < doc->nnotes; i++) {
		const struct lede_note *n = &doc->notes[i];

		put_span(w, n->span);
		/* A JSON copy writes a missing prefix or suffix as "". */
		put_str(w, n->prefix ? n->prefix : "");
		put_str(w, n->suffix ? n->suffix : "");
		put_str(w, n->text);
		put_str(w, n->created);
	}
	if (w->out != NULL && !lede_buf_ok(w->out))
		return lede_err_oom(err);
	if (w->too_big)
		return lede_errf(err, "the document is too large to send (a part over 4 GiB)");
	return 0;
}

int
lede_docwire_write(struct lede_buf *out, const struct lede_doc *doc, struct lede_err *err)
{
	struct wr w = { .out = out };
	size_t i, bulk = 256;

	/* One reservation for the bulk of it, the paragraphs' text, instead of
	 * a dozen doublings. */
	for (i = 0; i < doc->nparas; i++)
		bulk += doc->paras[i].len + MIN_PARA;
	lede_buf_reserve(out, bulk);
	return put_doc(&w, doc, err);
}

int
lede_docwire_size(const struct lede_doc *doc, size_t *len, struct lede_err *err)
{
	struct wr w = { 0 };

	if (put_doc(&w, doc, err) != 0)
		return -1;
	*len = w.total;
	return 0;
}

int
lede_docwire_send(const struct lede_doc *doc, lede_docwire_put put, void *ctx,
    struct lede_err *err)
{
	struct lede_buf stage = LEDE_BUF_INIT;
	struct wr w = { .out = &stage, .put = put, .ctx = ctx };
	int rc;

	lede_buf_reserve(&stage, STAGE_SIZE);
	rc = put_doc(&w, doc, err);
	if (rc == 0)
		flush(&w);
	lede_buf_free(&stage);
	if (rc == 0 && w.failed)
		rc = lede_errf(err, "the document could not be sent");
	return rc;
}

/* ---- reading ---- */

/* The window a streamed reply is read through: big enough that a read
 * brings in many paragraphs, small enough to stay in the cache. */
#define WINDOW_SIZE ((size_t)64 << 10)

/* The reply is read through a window: all of it at once when it is in
 * memory, or WINDOW_SIZE bytes at a time from fill. Strings are copied out
 * into their own allocation before they are checked, so what is checked is
 * what is kept. */
struct rd {
	const unsigned char *p, *end;   /* the unread part of the window */
	size_t rest;                    /* bytes of the reply not yet in the window */
	lede_docwire_fill fill;
	void *ctx;
	unsigned char *win;             /* the window's memory when streaming */
	struct lede_doc *doc;
	struct lede_err *err;
	/* Where the reader is, for an error: list[item].sub[subitem] (an index
	 * of NO_ITEM is left out), put together only when something is wrong. */
	const char *list, *sub;
	size_t item, subitem;
};

#define NO_ITEM SIZE_MAX

static void
add_item(struct lede_buf *b, const char *name, size_t i)
{
	if (name == NULL)
		return;
	if (b->len > 0)
		lede_buf_addc(b, '.');
	lede_buf_adds(b, name);
	if (i != NO_ITEM)
		lede_buf_printf(b, "[%zu]", i);
}

/* Fails with "the parser's reply is damaged: people[2].mentions[0].end: ...". */
static int __attribute__((format(printf, 3, 4)))
bad(struct rd *r, const char *field, const char *fmt, ...)
{
	struct lede_buf where = LEDE_BUF_INIT;
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	add_item(&where, r->list, r->item);
	add_item(&where, r->sub, r->subitem);
	add_item(&where, field, NO_ITEM);
	lede_errf(r->err, "the parser's reply is damaged: %s%s%s", where.len > 0 ? where.data : "",
	    where.len > 0 ? ": " : "", msg);
	lede_buf_free(&where);
	return -1;
}

static void
at(struct rd *r, const char *list, size_t item)
{
	r->list = list;
	r->item = item;
	r->sub = NULL;
	r->subitem = NO_ITEM;
}

/* Bytes of the reply not read yet, in the window or still to come. */
static size_t
left(const struct rd *r)
{
	return (size_t)(r->end - r->p) + r->rest;
}

/* Reads up to n bytes (never past the reply's end) from the source into
 * dst; false when the source fails. */
static bool
pull(struct rd *r, unsigned char *dst, size_t n, size_t *got)
{
	ssize_t k;

	if (n > r->rest)
		n = r->rest;
	k = r->fill(r->ctx, dst, n);
	if (k <= 0 || (size_t)k > n)
		return false;
	r->rest -= (size_t)k;
	*got = (size_t)k;
	return true;
}

/* Makes the next n bytes (n <= WINDOW_SIZE) one run in the window. */
static int
need(struct rd *r, const char *field, size_t n)
{
	size_t have = (size_t)(r->end - r->p), got;

	if (have >= n)
		return 0;
	if (left(r) < n)
		return bad(r, field, "the reply ends too soon");
	memmove(r->win, r->p, have);
	r->p = r->win;
	r->end = r->win + have;
	while ((size_t)(r->end - r->p) < n) {
		if (!pull(r, r->win + have, WINDOW_SIZE - have, &got))
			return bad(r, field, "the reply ends too soon");
		have += got;
		r->end += got;
	}
	return 0;
}

/* Copies the next n bytes (n <= left(r)) to dst: what the window holds, the
 * rest straight from the source into dst when it is long, else through the
 * window. */
static int
get_bytes(struct rd *r, const char *field, char *dst, size_t n)
{
	size_t have = (size_t)(r->end - r->p), got;

	if (have >= n || r->fill == NULL) {
		if (have < n)
			return bad(r, field, "the reply ends too soon");
		memcpy(dst, r->p, n);
		r->p += n;
		return 0;
	}
	memcpy(dst, r->p, have);
	r->p = r->end;
	dst += have;
	n -= have;
	while (n >= WINDOW_SIZE / 2) {
		if (!pull(r, (unsigned char *)dst, n, &got))
			return bad(r, field, "the reply ends too soon");
		dst += got;
		n -= got;
	}
	if (n > 0) {
		if (need(r, field, n) != 0)
			return -1;
		memcpy(dst, r->p, n);
		r->p += n;
	}
	return 0;
}

static int
get_u8(struct rd *r, const char *field, unsigned *v)
{
	*v = 0;
	if (need(r, field, 1) != 0)
		return -1;
	*v = *r->p++;
	return 0;
}

static int
get_u32(struct rd *r, const char *field, uint32_t *v)
{
	const unsigned char *b;

	*v = 0;
	if (need(r, field, 4) != 0)
		return -1;
	b = r->p;
	*v = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
	r->p += 4;
	return 0;
}

static int
get_i32(struct rd *r, const char *field, int64_t *v)
{
	uint32_t u;

	if (get_u32(r, field, &u) != 0)
		return -1;
	*v = u < 0x80000000u ? (int64_t)u : (int64_t)u - ((int64_t)1 << 32);
	return 0;
}

/* A count of items that take at least min bytes each: more than the bytes
 * left could hold is refused before anything is allocated. */
static int
get_count(struct rd *r, const char *field, size_t min, size_t *n)
{
	uint32_t v;

	if (get_u32(r, field, &v) != 0)
		return -1;
	if (v > left(r) / min)
		return bad(r, field, "%lu items cannot fit in the %zu bytes left",
		    (unsigned long)v, left(r));
	*n = v;
	return 0;
}

enum str_flags {
	STR_NULLABLE = 1u << 0,
	STR_VERBATIM = 1u << 1,  /* offsets point into it: check, never rewrite */
	STR_LINES = 1u << 2,     /* newlines allowed (preformatted text) */
};

/* The offset of the first of the 16 bytes at p that is not printable ASCII
 * (0x20 to 0x7E), or 16. As one vector (SSE2, NEON...): x - 0x20 wraps
 * around below 0x20, so one unsigned compare catches both ends of the range,
 * and the first marked byte is found by counting zero bits. */
static size_t
printable_run16(const unsigned char *p)
{
	typedef unsigned char v16 __attribute__((vector_size(16)));
	v16 x, out;
	uint64_t w[2];
	int k;

	memcpy(&x, p, 16);
	out = (v16)((v16)(x - 0x20) > 0x5E);
	memcpy(w, &out, 16);
	for (k = 0; k < 2; k++) {
		if (w[k] == 0)
			continue;
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		return (size_t)k * 8 + (size_t)__builtin_ctzll(w[k]) / 8;
#else
		return (size_t)k * 8 + (size_t)__builtin_clzll(w[k]) / 8;
#endif
	}
	return 16;
}

/* The first character a document may not hold, as lede_copy_read finds it:
 * invalid UTF-8, a control (the set the normaliser strips) or, in verbatim
 * text, an invisible character the normaliser would have removed. Printable
 * ASCII, most of any text, is passed over 16 bytes at a time. */
static int
check_text(struct rd *r, const char *field, const char *s, size_t n, unsigned flags)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, run, adv;
	uint32_t cp;

	while (i < n) {
		if (n - i >= 16) {
			run = printable_run16(u + i);
			i += run;
			if (run == 16)
				continue;
		} else if (u[i] >= 0x20 && u[i] < 0x7F) {
			i++;
			continue;
		}
		cp = lede_utf8_next(s + i, n - i, &adv);
		if (cp == LEDE_REPLACEMENT && adv == 1)
			return bad(r, field, "invalid UTF-8 at byte %zu", i);
		if (lede_cp_is_forbidden(cp) && !(cp == '\n' && (flags & STR_LINES)))
			return bad(r, field, "control character U+%04X at byte %zu", (unsigned)cp, i);
		if ((flags & STR_VERBATIM) && lede_cp_is_invisible(cp))
			return bad(r, field, "invisible character U+%04X at byte %zu", (unsigned)cp, i);
		i += adv;
	}
	return 0;
}

/* A string copied out of the reply into its own NUL-terminated allocation
 * (*s NULL for none, when allowed), then checked. */
static int
get_raw(struct rd *r, const char *field, unsigned flags, char **s, size_t *n)
{
	uint32_t len;
	char *t;

	*s = NULL;
	*n = 0;
	if (get_u32(r, field, &len) != 0)
		return -1;
	if (len == NONE) {
		if (!(flags & STR_NULLABLE))
			return bad(r, field, "missing");
		return 0;
	}
	if (len > left(r))
		return bad(r, field, "%lu bytes of text, %zu left in the reply",
		    (unsigned long)len, left(r));
	if ((t = malloc((size_t)len + 1)) == NULL)
		return lede_err_oom(r->err);
	if (get_bytes(r, field, t, len) != 0 || check_text(r, field, t, len, flags) != 0) {
		free(t);
		return -1;
	}
	t[len] = '\0';
	*s = t;
	*n = len;
	return 0;
}

/* A string as its own allocation: verbatim text as it came, other text
 * through the normaliser as lede_copy_read does. */
static int
get_str(struct rd *r, const char *field, unsigned flags, char **out)
{
	char *s;
	size_t n;

	*out = NULL;
	if (get_raw(r, field, flags, &s, &n) != 0)
		return -1;
	if (s == NULL || (flags & STR_VERBATIM)) {
		*out = s;
		return 0;
	}
	*out = lede_text_normalize_dup(s, n, (flags & STR_LINES) ? LEDE_NORM_KEEP_LINES : 0);
	free(s);
	if (*out == NULL)
		return lede_err_oom(r->err);
	return 0;
}

static bool
is_cont(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

/* A paragraph that exists (or the title), offsets within it, on character
 * boundaries. */
static int
get_span(struct rd *r, struct lede_span *s)
{
	const struct lede_doc *d = r->doc;
	uint32_t start, end;
	int64_t para;
	const char *t;
	size_t len;

	if (get_i32(r, "paragraph", &para) != 0)
		return -1;
	if (para < LEDE_TITLE || para >= (int64_t)d->nparas)
		return bad(r, "paragraph", "%lld is out of range (-1 to %lld)", (long long)para,
		    (long long)d->nparas - 1);
	t = lede_doc_text(d, (int)para, &len);
	if (get_u32(r, "start", &start) != 0 || get_u32(r, "end", &end) != 0)
		return -1;
	if (start > len)
		return bad(r, "start", "%lu is past the end of the text (%zu)", (unsigned long)start, len);
	if (end > len)
		return bad(r, "end", "%lu is past the end of the text (%zu)", (unsigned long)end, len);
	if (start > end)
		return bad(r, "end", "%lu comes before start %lu", (unsigned long)end,
		    (unsigned long)start);
	if (start < len && is_cont((unsigned char)t[start]))
		return bad(r, "start", "%lu splits a UTF-8 character", (unsigned long)start);
	if (end < len && is_cont((unsigned char)t[end]))
		return bad(r, "end", "%lu splits a UTF-8 character", (unsigned long)end);
	s->para = (int)para;
	s->start = start;
	s->end = end;
	return 0;
}

static int
read_meta(struct rd *r)
{
	static const struct { const char *key; size_t off; unsigned flags; } meta[] = {
		{ "url", offsetof(struct lede_doc, url), STR_NULLABLE },
		{ "title", offsetof(struct lede_doc, title), STR_VERBATIM },
		{ "byline", offsetof(struct lede_doc, byline), STR_NULLABLE },
		{ "site", offsetof(struct lede_doc, site), STR_NULLABLE },
		{ "published", offsetof(struct lede_doc, published), STR_NULLABLE },
		{ "lang", offsetof(struct lede_doc, lang), STR_NULLABLE },
		{ "saved", offsetof(struct lede_doc, saved), STR_NULLABLE },
	};
	size_t i;
	char *s;

	for (i = 0; i < sizeof meta / sizeof meta[0]; i++) {
		if (get_str(r, meta[i].key, meta[i].flags, &s) != 0)
			return -1;
		*(char **)(void *)((char *)r->doc + meta[i].off) = s;
	}
	if (r->doc->lang != NULL) {
		for (s = r->doc->lang; *s; s++)
			if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
			    (*s >= '0' && *s <= '9') || *s == '-'))
				return bad(r, "lang", "is not a language tag");
		if (strlen(r->doc->lang) > LANG_MAX)
			return bad(r, "lang", "is not a language tag");
	}
	return 0;
}

static int
read_paras(struct rd *r)
{
	struct lede_doc *d = r->doc;
	struct lede_para *p;
	unsigned kind;
	size_t n, i, len;
	char *text;

	if (get_count(r, "paragraphs", MIN_PARA, &n) != 0)
		return -1;
	/* The count is bounded by the bytes left: one allocation for all. */
	if (!lede_grow(&d->paras, &d->capparas, n, sizeof *d->paras))
		return lede_err_oom(r->err);
	for (i = 0; i < n; i++) {
		at(r, "paragraphs", i);
		if (get_u8(r, "kind", &kind) != 0)
			return -1;
		if (kind > LEDE_PARA_PRE)
			return bad(r, "kind", "unknown kind %u", kind);
		if (get_raw(r, "text", STR_VERBATIM | (kind == LEDE_PARA_PRE ? STR_LINES : 0),
		    &text, &len) != 0)
			return -1;
		p = &d->paras[d->nparas++];
		p->kind = (enum lede_kind)kind;
		p->text = text;
		p->len = len;
	}
	at(r, NULL, NO_ITEM);
	return 0;
}

/* Aliases or roles. The child's lists hold no duplicates (the document adds
 * them through lede_entity_add_alias/role), so they are appended as they
 * come: a hostile list costs linear time, not a quadratic search. */
static int
read_strv(struct rd *r, const char *field, char ***v, size_t *nv, size_t *cap)
{
	size_t n, i;
	char *s;

	if (get_count(r, field, MIN_STR, &n) != 0)
		return -1;
	if (n > 0 && !lede_grow(v, cap, n, sizeof **v))
		return lede_err_oom(r->err);
	for (i = 0; i < n; i++) {
		if (get_str(r, field, 0, &s) != 0)
			return -1;
		(*v)[(*nv)++] = s;
	}
	return 0;
}

static int
read_entities(struct rd *r, const char *key, bool people)
{
	struct lede_doc *d = r->doc;
	struct lede_entity *e;
	size_t n, i, nm, j;
	struct lede_span s;
	char *name;
	int idx;

	at(r, key, NO_ITEM);
	if (get_count(r, NULL, MIN_ENTITY, &n) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		at(r, key, i);
		if (get_str(r, "name", 0, &name) != 0)
			return -1;
		if (*name == '\0') {
			free(name);
			return bad(r, "name", "is empty");
		}
		idx = people ? lede_doc_add_person(d, name) : lede_doc_add_place(d, name);
		free(name);
		if (idx < 0)
			return lede_err_oom(r->err);
		e = people ? &d->people[idx] : &d->places[idx];
		if (read_strv(r, "aliases", &e->aliases, &e->naliases, &e->capaliases) != 0 ||
		    read_strv(r, "roles", &e->roles, &e->nroles, &e->caproles) != 0)
			return -1;
		if (!people && e->nroles > 0)
			return bad(r, "roles", "a place has none");
		if (get_count(r, "mentions", MIN_SPAN, &nm) != 0)
			return -1;
		if (nm > 0 && !lede_grow(&e->mentions, &e->capmentions, nm, sizeof *e->mentions))
			return lede_err_oom(r->err);
		for (j = 0; j < nm; j++) {
			r->sub = "mentions";
			r->subitem = j;
			if (get_span(r, &s) != 0)
				return -1;
			e->mentions[e->nmentions++] = s;
		}
	}
	at(r, NULL, NO_ITEM);
	return 0;
}

static int
read_quotes(struct rd *r)
{
	struct lede_doc *d = r->doc;
	struct lede_quote *q;
	uint32_t ts, te;
	struct lede_span s;
	size_t n, i, len;
	const char *t;
	int64_t who;
	unsigned flags;
	char *source;
	int qi;

	at(r, "quotes", NO_ITEM);
	if (get_count(r, NULL, MIN_QUOTE, &n) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		at(r, "quotes", i);
		if (get_span(r, &s) != 0 || get_u32(r, "text", &ts) != 0 ||
		    get_u32(r, "text", &te) != 0 || get_i32(r, "speaker", &who) != 0)
			return -1;
		/* The words between the marks: inside the span, whole characters. */
		t = lede_doc_text(d, s.para, &len);
		if (ts < s.start || te < ts || te > s.end)
			return bad(r, "text", "is not inside the quote's span");
		if ((ts < len && is_cont((unsigned char)t[ts])) ||
		    (te < len && is_cont((unsigned char)t[te])))
			return bad(r, "text", "splits a UTF-8 character");
		if (who < -1 || who >= (int64_t)d->npeople)
			return bad(r, "speaker", "%lld is not in people", (long long)who);
		if (get_str(r, "source", STR_NULLABLE, &source) != 0)
			return -1;
		qi = lede_doc_add_quote(d, s, ts, te, (int)who, source);
		free(source);
		if (qi < 0)
			return lede_err_oom(r->err);
		if (get_u8(r, "flags", &flags) != 0)
			return -1;
		if (flags & ~(QF_UNCLOSED | QF_UNOPENED | QF_CONTINUED))
			return bad(r, "flags", "unknown flags %#x", flags);
		q = &d->quotes[qi];
		q->unclosed = flags & QF_UNCLOSED;
		q->unopened = flags & QF_UNOPENED;
		q->continued = flags & QF_CONTINUED;
	}
	at(r, NULL, NO_ITEM);
	return 0;
}

static int
read_facts(struct rd *r)
{
	struct lede_span s;
	size_t n, i;
	char *kind;
	int rc;

	at(r, "facts", NO_ITEM);
	if (get_count(r, NULL, MIN_FACT, &n) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		at(r, "facts", i);
		if (get_str(r, "kind", 0, &kind) != 0)
			return -1;
		if (get_span(r, &s) != 0) {
			free(kind);
			return -1;
		}
		rc = lede_doc_add_fact(r->doc, kind, s);
		free(kind);
		if (rc < 0)
			return lede_err_oom(r->err);
	}
	at(r, NULL, NO_ITEM);
	return 0;
}

static int
read_warnings(struct rd *r)
{
	char *kind = NULL, *msg = NULL;
	size_t n, i;
	int64_t para;
	int rc;

	at(r, "warnings", NO_ITEM);
	if (get_count(r, NULL, MIN_WARNING, &n) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		at(r, "warnings", i);
		kind = msg = NULL;
		if (get_str(r, "kind", 0, &kind) != 0 || get_str(r, "message", 0, &msg) != 0 ||
		    get_i32(r, "paragraph", &para) != 0) {
			free(kind);
			free(msg);
			return -1;
		}
		if (para != LEDE_NO_PARA && (para < LEDE_TITLE || para >= (int64_t)r->doc->nparas)) {
			free(kind);
			free(msg);
			return bad(r, "paragraph", "%lld is out of range", (long long)para);
		}
		rc = lede_doc_add_warning(r->doc, kind, (int)para, "%s", msg);
		free(kind);
		free(msg);
		if (rc < 0)
			return lede_err_oom(r->err);
	}
	at(r, NULL, NO_ITEM);
	return 0;
}

/* A note's exact text is the text at its span: a JSON copy read back
 * re-anchors its notes, so the child's already point at their text, and
 * sending the span alone keeps it so. */
static int
read_note(struct rd *r)
{
	struct lede_note n = { 0 };
	const char *t;
	size_t len;

	if (get_span(r, &n.span) != 0)
		return -1;
	if (n.span.start == n.span.end)
		return bad(r, "selector.exact", "is empty");
	t = lede_doc_text(r->doc, n.span.para, &len);
	if ((n.exact = lede_strndup(t + n.span.start, n.span.end - n.span.start)) == NULL)
		return lede_err_oom(r->err);
	if (get_str(r, "selector.prefix", STR_VERBATIM, &n.prefix) != 0 ||
	    get_str(r, "selector.suffix", STR_VERBATIM, &n.suffix) != 0 ||
	    get_str(r, "note", STR_NULLABLE, &n.text) != 0 ||
	    get_str(r, "created", STR_NULLABLE, &n.created) != 0) {
		lede_note_clear(&n);
		return -1;
	}
	return lede_doc_keep_note(r->doc, &n, r->err) < 0 ? -1 : 0;
}

static int
read_notes(struct rd *r)
{
	size_t n, i;

	at(r, "notes", NO_ITEM);
	if (get_count(r, NULL, MIN_NOTE, &n) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		at(r, "notes", i);
		if (read_note(r) != 0)
			return -1;
	}
	at(r, NULL, NO_ITEM);
	return 0;
}

static int
read_doc(struct rd *r, struct lede_doc **out)
{
	*out = NULL;
	if (need(r, NULL, MAGIC_LEN) != 0 || memcmp(r->p, MAGIC, MAGIC_LEN) != 0)
		return bad(r, NULL, "not a document");
	r->p += MAGIC_LEN;
	if ((r->doc = lede_doc_new()) == NULL)
		return lede_err_oom(r->err);
	/* In the order written: the title before any span into it, paragraphs
	 * before anything that points into them, people before the quotes
	 * whose speakers they are. */
	if (read_meta(r) != 0 || read_paras(r) != 0 ||
	    read_entities(r, "people", true) != 0 || read_entities(r, "places", false) != 0 ||
	    read_quotes(r) != 0 || read_facts(r) != 0 || read_warnings(r) != 0 ||
	    read_notes(r) != 0)
		goto fail;
	if (left(r) != 0) {
		bad(r, NULL, "%zu bytes after the document", left(r));
		goto fail;
	}
	*out = r->doc;
	return 0;
fail:
	lede_doc_free(r->doc);
	return -1;
}

int
lede_docwire_read(const char *data, size_t len, struct lede_doc **out, struct lede_err *err)
{
	struct rd r = { .err = err, .item = NO_ITEM, .subitem = NO_ITEM };

	r.p = (const unsigned char *)data;
	r.end = r.p + len;
	return read_doc(&r, out);
}

int
lede_docwire_read_from(lede_docwire_fill fill, void *ctx, size_t len, struct lede_doc **out,
    struct lede_err *err)
{
	struct rd r = { .rest = len, .fill = fill, .ctx = ctx, .err = err, .item = NO_ITEM,
	    .subitem = NO_ITEM };
	int rc;

	*out = NULL;
	if ((r.win = malloc(WINDOW_SIZE)) == NULL)
		return lede_err_oom(err);
	r.p = r.end = r.win;
	rc = read_doc(&r, out);
	free(r.win);
	return rc;
}
