#include "config.h"

#include <stdint.h>
#include <string.h>

#include "lede/bytes.h"
#include "lede/json.h"
#include "lede/text.h"

/* Bytes a JSON string carries as they are: printable ASCII (DEL included)
 * but the quote and the backslash. */
static const unsigned char json_plain[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* 00 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* 10 */
	1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,   /* 20 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,   /* 30 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,   /* 40 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,   /* 50 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,   /* 60 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,   /* 70 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* 80 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* 90 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* A0 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* B0 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* C0 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* D0 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* E0 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* F0 */
};

/* The length of the well-formed multi-byte sequence at s when it goes out
 * unescaped (not a C1 control, U+2028 or U+2029), else 0. */
static size_t
plain_seq(const char *s, size_t n)
{
	uint32_t cp;
	size_t adv;

	if ((unsigned char)s[0] < 0xC2)
		return 0;
	cp = lede_utf8_next(s, n, &adv);
	if (adv == 1 || cp <= 0x9F || cp == 0x2028 || cp == 0x2029)
		return 0;
	return adv;
}

/* Whether none of the eight bytes at s needs a look: all ASCII from 0x20
 * up, none a quote or a backslash. */
static bool
plain8(const char *s)
{
	uint64_t w = lede_load8(s);

	return ((w & LEDE_HIGHS) | lede_below8(w, 0x20) | lede_has8(w, '"') |
	    lede_has8(w, '\\')) == 0;
}

/* Appends the escaped form of the one character at s (n > 0 bytes left);
 * returns the bytes it took. */
static size_t
escape_one(struct lede_buf *out, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t adv;
	uint32_t cp;
	char enc[4];

	cp = lede_utf8_next(s, n, &adv);
	switch (cp) {
	case '"': lede_buf_lit(out, "\\\""); break;
	case '\\': lede_buf_lit(out, "\\\\"); break;
	case '\n': lede_buf_lit(out, "\\n"); break;
	case '\t': lede_buf_lit(out, "\\t"); break;
	default:
		/* DEL never comes here: json_plain passes it, as JSON allows */
		if (cp < 0x20 || (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029) {
			char esc[6] = { '\\', 'u', hex[(cp >> 12) & 15], hex[(cp >> 8) & 15],
				hex[(cp >> 4) & 15], hex[cp & 15] };
			lede_buf_add(out, esc, 6);
		} else {
			/* A bad byte: U+FFFD. */
			lede_buf_add(out, enc, lede_utf8_put(enc, cp));
		}
	}
	return adv;
}

void
lede_json_str(struct lede_buf *out, const char *s, size_t n)
{
	size_t i = 0, k;
	char *o;

	/* Text that needs no escape comes out as long as it went in, quotes
	 * aside: with that much room, it is copied straight into the buffer
	 * as it is scanned, eight bytes at a time where it can be. */
	if (!lede_buf_reserve(out, n + 2))
		return;
	o = out->data + out->len;
	*o++ = '"';
	while (i < n) {
		if (n - i >= 8 && plain8(s + i)) {
			memcpy(o, s + i, 8);
			o += 8;
			i += 8;
		} else if (json_plain[(unsigned char)s[i]]) {
			*o++ = s[i++];
		} else if ((k = plain_seq(s + i, n - i)) > 0) {
			memcpy(o, s + i, k);
			o += k;
			i += k;
		} else {
			/* An escape is longer than what it stands for: it goes
			 * through the buffer's own appends, then room is made
			 * again for the rest. */
			out->len = (size_t)(o - out->data);
			i += escape_one(out, s + i, n - i);
			if (!lede_buf_reserve(out, n - i + 1))
				return;
			o = out->data + out->len;
		}
	}
	*o++ = '"';
	*o = '\0';
	out->len = (size_t)(o - out->data);
}

void
lede_json_strz(struct lede_buf *out, const char *s)
{
	if (s == NULL)
		lede_buf_lit(out, "null");
	else
		lede_json_str(out, s, strlen(s));
}

/* Keys are string literals: each goes out with its quotes and colon in one
 * copy of a known length. */
#define key(out, k) lede_buf_lit((out), "\"" k "\":")
#define next_key(out, k) lede_buf_lit((out), ",\"" k "\":")
#define flag(out, k, v) ((v) ? lede_buf_lit((out), ",\"" k "\":true") : \
	lede_buf_lit((out), ",\"" k "\":false"))

/* The decimal digits of v at o; returns the end. Counting the digits first
 * lets them be written in place, two at a time. */
static char *
put_uint(char *o, size_t v)
{
	static const char pairs[] =
	    "0001020304050607080910111213141516171819"
	    "2021222324252627282930313233343536373839"
	    "4041424344454647484950515253545556575859"
	    "6061626364656667686970717273747576777879"
	    "8081828384858687888990919293949596979899";
	size_t d = 1, t;
	char *e;

	/* Offsets within a paragraph and paragraph numbers: nearly all are
	 * below 10000. */
	if (v < 100) {
		if (v < 10) {
			*o = (char)('0' + v);
			return o + 1;
		}
		memcpy(o, pairs + 2 * v, 2);
		return o + 2;
	}
	if (v < 10000) {
		t = v / 100;
		if (t < 10) {
			*o++ = (char)('0' + t);
		} else {
			memcpy(o, pairs + 2 * t, 2);
			o += 2;
		}
		memcpy(o, pairs + 2 * (v % 100), 2);
		return o + 2;
	}
	for (t = v; t >= 100; t /= 100)
		d += 2;
	d += t >= 10;
	e = o + d;
	while (v >= 100) {
		e -= 2;
		memcpy(e, pairs + 2 * (v % 100), 2);
		v /= 100;
	}
	if (v >= 10) {
		e -= 2;
		memcpy(e, pairs + 2 * v, 2);
	} else {
		*--e = (char)('0' + v);
	}
	return o + d;
}

/* Three numbers for every mention, quote and fact: written straight into
 * the buffer after one reserve, with the punctuation around them (pre and
 * post, two bytes at most each). */
static void
span_fields(struct lede_buf *out, const char *pre, struct lede_span s, const char *post)
{
	static const char para[] = "\"paragraph\":", start[] = ",\"start\":", end[] = ",\"end\":";
	char *o;

	if (!lede_buf_reserve(out, 100))
		return;
	o = out->data + out->len;
	while (*pre)
		*o++ = *pre++;
	memcpy(o, para, sizeof para - 1);
	o += sizeof para - 1;
	if (s.para < 0) {
		*o++ = '-';
		/* Negated in unsigned arithmetic so INT_MIN does not overflow. */
		o = put_uint(o, (size_t)0 - (size_t)(long)s.para);
	} else {
		o = put_uint(o, (size_t)s.para);
	}
	memcpy(o, start, sizeof start - 1);
	o = put_uint(o + sizeof start - 1, s.start);
	memcpy(o, end, sizeof end - 1);
	o = put_uint(o + sizeof end - 1, s.end);
	while (*post)
		*o++ = *post++;
	*o = '\0';
	out->len = (size_t)(o - out->data);
}

static void
strv(struct lede_buf *out, char *const *v, size_t n)
{
	size_t i;

	lede_buf_addc(out, '[');
	for (i = 0; i < n; i++) {
		if (i)
			lede_buf_addc(out, ',');
		lede_json_strz(out, v[i]);
	}
	lede_buf_addc(out, ']');
}

static void
entities(struct lede_buf *out, const struct lede_entity *v, size_t n, bool roles)
{
	size_t i, j;

	lede_buf_addc(out, '[');
	for (i = 0; i < n; i++) {
		if (i)
			lede_buf_addc(out, ',');
		lede_buf_addc(out, '{');
		key(out, "name");
		lede_json_strz(out, v[i].name);
		lede_buf_addc(out, ',');
		key(out, "aliases");
		strv(out, v[i].aliases, v[i].naliases);
		if (roles) {
			lede_buf_addc(out, ',');
			key(out, "roles");
			strv(out, v[i].roles, v[i].nroles);
		}
		lede_buf_addc(out, ',');
		key(out, "mentions");
		lede_buf_addc(out, '[');
		for (j = 0; j < v[i].nmentions; j++)
			span_fields(out, j ? ",{" : "{", v[i].mentions[j], "}");
		lede_buf_lit(out, "]}");
	}
	lede_buf_addc(out, ']');
}

static void
quotes(struct lede_buf *out, const struct lede_doc *doc)
{
	const struct lede_quote *q;
	size_t i;

	lede_buf_addc(out, '[');
	for (i = 0; i < doc->nquotes; i++) {
		q = &doc->quotes[i];
		span_fields(out, i ? ",{" : "{", q->span, ",");
		key(out, "text");
		lede_json_strz(out, q->text);
		next_key(out, "speaker");
		if (q->speaker >= 0 && (size_t)q->speaker < doc->npeople)
			lede_json_strz(out, doc->people[q->speaker].name);
		else
			lede_buf_adds(out, "null");
		next_key(out, "source");
		lede_json_strz(out, q->source);
		flag(out, "unclosed", q->unclosed);
		flag(out, "unopened", q->unopened);
		flag(out, "continued", q->continued);
		lede_buf_addc(out, '}');
	}
	lede_buf_addc(out, ']');
}

static void
facts(struct lede_buf *out, const struct lede_doc *doc)
{
	size_t i;

	lede_buf_addc(out, '[');
	for (i = 0; i < doc->nfacts; i++) {
		if (i)
			lede_buf_lit(out, ",{\"kind\":");
		else
			lede_buf_lit(out, "{\"kind\":");
		lede_json_strz(out, doc->facts[i].kind);
		next_key(out, "text");
		lede_json_strz(out, doc->facts[i].text);
		span_fields(out, ",", doc->facts[i].span, "}");
	}
	lede_buf_addc(out, ']');
}

static void
warnings(struct lede_buf *out, const struct lede_doc *doc)
{
	const struct lede_warning *w;
	size_t i;

	lede_buf_addc(out, '[');
	for (i = 0; i < doc->nwarnings; i++) {
		w = &doc->warnings[i];
		if (i)
			lede_buf_addc(out, ',');
		lede_buf_addc(out, '{');
		key(out, "kind");
		lede_json_strz(out, w->kind);
		lede_buf_addc(out, ',');
		key(out, "message");
		lede_json_strz(out, w->message);
		lede_buf_addc(out, ',');
		key(out, "paragraph");
		if (w->para == LEDE_NO_PARA)
			lede_buf_adds(out, "null");
		else
			lede_buf_add_int(out, w->para);
		lede_buf_addc(out, '}');
	}
	lede_buf_addc(out, ']');
}

static void
notes(struct lede_buf *out, const struct lede_doc *doc)
{
	const struct lede_note *n;
	size_t i;

	lede_buf_addc(out, '[');
	for (i = 0; i < doc->nnotes; i++) {
		n = &doc->notes[i];
		span_fields(out, i ? ",{" : "{", n->span, "");
		lede_buf_lit(out, ",\"selector\":{\"type\":\"TextQuoteSelector\",");
		key(out, "exact");
		lede_json_strz(out, n->exact ? n->exact : "");
		lede_buf_addc(out, ',');
		key(out, "prefix");
		lede_json_strz(out, n->prefix ? n->prefix : "");
		lede_buf_addc(out, ',');
		key(out, "suffix");
		lede_json_strz(out, n->suffix ? n->suffix : "");
		lede_buf_lit(out, "},");
		key(out, "note");
		lede_json_strz(out, n->text);
		lede_buf_addc(out, ',');
		key(out, "created");
		lede_json_strz(out, n->created);
		lede_buf_addc(out, '}');
	}
	lede_buf_addc(out, ']');
}

/* About how long doc's JSON is (a little more, for plain text): each
 * item's text plus room for its keys and numbers. */
static size_t
size_guess(const struct lede_doc *doc)
{
	size_t n = 4096, i;

	for (i = 0; i < doc->nparas; i++)
		n += doc->paras[i].len + 48;
	for (i = 0; i < doc->npeople; i++)
		n += 256 + doc->people[i].nmentions * 56;
	for (i = 0; i < doc->nplaces; i++)
		n += 256 + doc->places[i].nmentions * 56;
	for (i = 0; i < doc->nquotes; i++)
		n += doc->quotes[i].span.end - doc->quotes[i].span.start + 224;
	for (i = 0; i < doc->nfacts; i++)
		n += doc->facts[i].span.end - doc->facts[i].span.start + 96;
	n += doc->nwarnings * 256 + doc->nnotes * 512;
	return n;
}

int
lede_json_write_doc(struct lede_buf *out, const struct lede_doc *doc)
{
	size_t i;

	/* Room for the whole document at once: grown by doubling, a 90 MB
	 * document was copied again at every step, and reserved room that is
	 * never written costs no memory (the pages are never touched). */
	lede_buf_reserve(out, size_guess(doc));
	lede_buf_lit(out, "{\"url\":");
	lede_json_strz(out, doc->url);
	lede_buf_lit(out, ",\"title\":");
	lede_json_strz(out, doc->title ? doc->title : "");
	lede_buf_lit(out, ",\"byline\":");
	lede_json_strz(out, doc->byline);
	lede_buf_lit(out, ",\"site\":");
	lede_json_strz(out, doc->site);
	lede_buf_lit(out, ",\"published\":");
	lede_json_strz(out, doc->published);
	lede_buf_lit(out, ",\"lang\":");
	lede_json_strz(out, doc->lang);
	if (doc->saved != NULL) {
		lede_buf_lit(out, ",\"saved\":");
		lede_json_strz(out, doc->saved);
	}
	lede_buf_lit(out, ",\"paragraphs\":[");
	for (i = 0; i < doc->nparas; i++) {
		if (i)
			lede_buf_addc(out, ',');
		lede_buf_lit(out, "{\"kind\":\"");
		lede_buf_adds(out, lede_kind_name(doc->paras[i].kind));
		lede_buf_lit(out, "\",\"text\":");
		lede_json_str(out, doc->paras[i].text, doc->paras[i].len);
		lede_buf_addc(out, '}');
	}
	lede_buf_lit(out, "],\"people\":");
	entities(out, doc->people, doc->npeople, true);
	lede_buf_lit(out, ",\"places\":");
	entities(out, doc->places, doc->nplaces, false);
	lede_buf_lit(out, ",\"quotes\":");
	quotes(out, doc);
	lede_buf_lit(out, ",\"facts\":");
	facts(out, doc);
	lede_buf_lit(out, ",\"warnings\":");
	warnings(out, doc);
	lede_buf_lit(out, ",\"notes\":");
	notes(out, doc);
	lede_buf_addc(out, '}');
	return lede_buf_ok(out) ? 0 : -1;
}
