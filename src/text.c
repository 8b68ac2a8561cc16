#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lede/bytes.h"
#include "lede/text.h"

uint32_t
lede_utf8_next(const char *s, size_t n, size_t *adv)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t cp, min;
	size_t len, i;

	*adv = 1;
	if (p[0] < 0x80)
		return p[0];
	if ((p[0] & 0xE0) == 0xC0) {
		len = 2; cp = p[0] & 0x1F; min = 0x80;
	} else if ((p[0] & 0xF0) == 0xE0) {
		len = 3; cp = p[0] & 0x0F; min = 0x800;
	} else if ((p[0] & 0xF8) == 0xF0) {
		len = 4; cp = p[0] & 0x07; min = 0x10000;
	} else {
		return LEDE_REPLACEMENT;
	}
	if (n < len)
		return LEDE_REPLACEMENT;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return LEDE_REPLACEMENT;
		cp = (cp << 6) | (p[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return LEDE_REPLACEMENT;
	*adv = len;
	return cp;
}

size_t
lede_utf8_put(char *out, uint32_t cp)
{
	unsigned char *o = (unsigned char *)out;

	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

bool
lede_utf8_valid(const char *s, size_t n)
{
	size_t i = 0, adv;
	uint32_t cp;

	while (i < n) {
		cp = lede_utf8_next(s + i, n - i, &adv);
		/* A literal U+FFFD in the input is valid; a decode failure is not. */
		if (cp == LEDE_REPLACEMENT && adv == 1)
			return false;
		i += adv;
	}
	return true;
}

bool
lede_cp_is_forbidden(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
		return true;
	/* LRM/RLM/ALM, embeddings and overrides, isolates: all can reorder what
	 * the reader sees (Trojan Source), none is needed to read an article. */
	if (cp == 0x200E || cp == 0x200F || cp == 0x061C)
		return true;
	if (cp >= 0x202A && cp <= 0x202E)
		return true;
	if (cp >= 0x2066 && cp <= 0x2069)
		return true;
	/* Non-characters and the interlinear annotation controls. */
	if (cp >= 0xFFF9 && cp <= 0xFFFB)
		return true;
	if ((cp & 0xFFFE) == 0xFFFE || (cp >= 0xFDD0 && cp <= 0xFDEF))
		return true;
	return false;
}

bool
lede_cp_is_invisible(uint32_t cp)
{
	return cp == 0x00AD || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 ||
	    cp == 0xFEFF || cp == 0x180E;
}

bool
lede_cp_is_space(uint32_t cp)
{
	switch (cp) {
	case ' ': case '\t': case '\n': case '\r': case '\f': case '\v':
	case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029:
	case 0x202F: case 0x205F: case 0x3000:
		return true;
	default:
		return cp >= 0x2000 && cp <= 0x200A;
	}
}

void
lede_norm_start(struct lede_norm *n, struct lede_buf *out, unsigned flags)
{
	n->out = out;
	n->flags = flags;
	n->pending_space = false;
	n->empty = true;
}

void
lede_norm_space(struct lede_norm *n)
{
	if (!n->empty)
		n->pending_space = true;
}

static void
emit(struct lede_norm *n, const char *s, size_t len)
{
	if (n->pending_space) {
		lede_buf_addc(n->out, ' ');
		n->pending_space = false;
	}
	lede_buf_add(n->out, s, len);
	n->empty = false;
}

/* The length of the well-formed multi-byte sequence at p that stands for an
 * ordinary visible character (not white space, forbidden or invisible), or
 * 0: the characters the normaliser copies through byte for byte. */
static size_t
plain_seq(const char *p, size_t n)
{
	uint32_t cp;
	size_t adv;

	/* C0 and C1 leads are overlong, F5 and up past U+10FFFF, 80-BF stray. */
	if ((unsigned char)p[0] < 0xC2 || (unsigned char)p[0] > 0xF4)
		return 0;
	cp = lede_utf8_next(p, n, &adv);
	if (adv == 1 || lede_cp_is_space(cp) || lede_cp_is_forbidden(cp) ||
	    lede_cp_is_invisible(cp))
		return 0;
	return adv;
}

/* Printable ASCII but the space: bytes the normaliser never changes. */
static bool
plain_ascii(unsigned char c)
{
	return c > 0x20 && c < 0x7F;
}

/* How many of the eight bytes at s come out as they go in, tested all at
 * once: 8 when they are printable ASCII or the space and, unless keep, no
 * two spaces are side by side and none is first while nothing of the run
 * comes before it; 7 when only the last is a space (what follows it is not
 * known here); else 0. */
static size_t
plain8(const char *s, bool keep, bool first)
{
	uint64_t w = lede_load8(s), sp;

	if ((w & LEDE_HIGHS) | lede_below8(w, 0x20) | lede_has8(w, 0x7F))
		return 0;
	if (keep)
		return 8;
	sp = lede_eq8(w, ' ');          /* every byte is below 0x80 now */
	if ((sp & (sp << 8)) != 0 || (first && s[0] == ' '))
		return 0;
	return s[7] == ' ' ? 7 : 8;
}

/* The end of the run from i that comes out exactly as it goes in: visible
 * characters, and single spaces between two of them (a space folds to
 * itself there); in preformatted text every space is kept as it is. */
static size_t
plain_run(const char *s, size_t i, size_t len, bool keep)
{
	size_t start = i, k;
	unsigned char c;

	while (i < len) {
		if (len - i >= 8 && (k = plain8(s + i, keep, i == start)) > 0) {
			i += k;
			continue;
		}
		c = (unsigned char)s[i];
		if (plain_ascii(c)) {
			i++;
		} else if (c == ' ' && keep) {
			i++;
		} else if (c == ' ') {
			/* Only after a visible character of this run, so a space
			 * owed from before or at the start is the slow path's. */
			if (i == start || i + 1 >= len)
				break;
			if (plain_ascii((unsigned char)s[i + 1]))
				i += 2;
			else if ((k = plain_seq(s + i + 1, len - i - 1)) > 0)
				i += 1 + k;
			else
				break;
		} else if (c >= 0x80 && (k = plain_seq(s + i, len - i)) > 0) {
			i += k;
		} else {
			break;
		}
	}
	return i;
}

void
lede_norm_feed(struct lede_norm *n, const char *s, size_t len)
{
	size_t i = 0, adv, run;
	uint32_t cp;
	char enc[4];
	bool keep = n->flags & LEDE_NORM_KEEP_LINES;

	lede_buf_reserve(n->out, len);
	while (i < len) {
		/* Most text needs no change at all: copy it a run at a time. */
		run = plain_run(s, i, len, keep);
		if (run > i) {
			emit(n, s + i, run - i);
			i = run;
			continue;
		}
		cp = lede_utf8_next(s + i, len - i, &adv);
		i += adv;
		if (keep && cp == '\n') {
			if (n->empty)
				continue;
			n->pending_space = false;
			lede_buf_addc(n->out, '\n');
			n->empty = false;
			continue;
		}
		if (keep && cp == '\t') {
			emit(n, "    ", 4);
			continue;
		}
		if (lede_cp_is_space(cp)) {
			if (keep)
				emit(n, " ", 1);
			else
				lede_norm_space(n);
			continue;
		}
		if (lede_cp_is_forbidden(cp) || lede_cp_is_invisible(cp))
			continue;
		emit(n, enc, lede_utf8_put(enc, cp));
	}
}

void
lede_norm_finish(struct lede_norm *n)
{
	struct lede_buf *b = n->out;

	n->pending_space = false;
	if (n->flags & LEDE_NORM_KEEP_LINES) {
		while (b->len > 0 && (b->data[b->len - 1] == '\n' || b->data[b->len - 1] == ' '))
			b->data[--b->len] = '\0';
	}
}

void
lede_text_normalize(struct lede_buf *out, const char *s, size_t len, unsigned flags)
{
	struct lede_norm n;

	lede_norm_start(&n, out, flags);
	lede_norm_feed(&n, s, len);
	lede_norm_finish(&n);
}

char *
lede_text_normalize_dup(const char *s, size_t len, unsigned flags)
{
	struct lede_buf b = LEDE_BUF_INIT;

	lede_text_normalize(&b, s, len, flags);
	return lede_buf_detach(&b);
}

size_t
lede_find_word_ci(const char *hay, size_t hn, const char *needle, size_t nn)
{
	size_t i;

	if (nn == 0 || nn > hn)
		return (size_t)-1;
	for (i = 0; i + nn <= hn; i++) {
		if (strncasecmp(hay + i, needle, nn) == 0 &&
		    (i == 0 || !isalnum((unsigned char)hay[i - 1])) &&
		    (i + nn == hn || !isalnum((unsigned char)hay[i + nn])))
			return i;
	}
	return (size_t)-1;
}
