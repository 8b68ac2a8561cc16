#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "lede/buf.h"
#include "lede/text.h"
#include "tap.h"

static char *
norm(const char *s, size_t n, unsigned flags)
{
	static char *last;

	free(last);
	last = lede_text_normalize_dup(s, n, flags);
	return last;
}

#define N(s) norm((s), sizeof(s) - 1, 0)

static void
test_utf8(void)
{
	size_t adv;

	is_int(lede_utf8_next("\xC3\xA9", 2, &adv), 0xE9, "two-byte sequence decodes");
	is_int(adv, 2, "and consumes two bytes");
	is_int(lede_utf8_next("\xC0\xAF", 2, &adv), LEDE_REPLACEMENT, "overlong '/' is rejected");
	is_int(adv, 1, "a bad lead consumes one byte");
	is_int(lede_utf8_next("\xED\xA0\x80", 3, &adv), LEDE_REPLACEMENT, "surrogates are rejected");
	is_int(lede_utf8_next("\xE2\x82", 2, &adv), LEDE_REPLACEMENT, "a truncated sequence is rejected");
	is_int(lede_utf8_next("\xF4\x90\x80\x80", 4, &adv), LEDE_REPLACEMENT, "past U+10FFFF is rejected");
	ok(lede_utf8_valid("caf\xC3\xA9 \xEF\xBF\xBD", 9), "valid text with a literal U+FFFD is valid");
	ok(!lede_utf8_valid("caf\xE9", 4), "Latin-1 byte is not valid UTF-8");
}

static void
test_normalize(void)
{
	is_str(N("  a \t\n b  "), "a b", "white space folds and trims");
	is_str(N("a\xC2\xA0" "b"), "a b", "no-break space becomes a plain space");
	is_str(N("co\xC2\xADop"), "coop", "soft hyphen vanishes");
	is_str(N("zero\xE2\x80\x8Bwidth"), "zerowidth", "zero-width space vanishes");
	is_str(N("\xEF\xBB\xBFstart"), "start", "a BOM vanishes");
	is_str(N("a\x1b[31mred"), "a[31mred", "ESC is dropped, never passed on");
	is_str(N("x\xC2\x9B" "31m"), "x31m", "C1 CSI (U+009B) is dropped");
	is_str(N("abc\xE2\x80\xAE" "fed"), "abcfed", "bidi override is dropped");
	is_str(N("i\xE2\x81\xA6so"), "iso", "bidi isolate is dropped");
	is_str(N("bad\xFF" "byte"), "bad\xEF\xBF\xBD" "byte", "invalid byte becomes U+FFFD, rest kept");
	is_str(norm("nul\0byte", 8, 0), "nulbyte", "NUL is dropped and the text around it kept");
	is_str(N("\x7f"), "", "DEL alone leaves nothing");
	is_str(norm("  line 1\n\tline 2\n\n", 18, LEDE_NORM_KEEP_LINES), "  line 1\n    line 2",
	    "preformatted keeps lines and expands tabs");
	is_str(N("em\xE2\x80\x83space"), "em space", "Unicode spaces fold too");
}

static void
test_stream(void)
{
	struct lede_buf b = LEDE_BUF_INIT;
	struct lede_norm n;

	lede_norm_start(&n, &b, 0);
	lede_norm_feed(&n, "  Hello ", 8);
	lede_norm_feed(&n, " world", 6);
	lede_norm_space(&n);
	lede_norm_feed(&n, "again  ", 7);
	lede_norm_finish(&n);
	is_str(b.data, "Hello world again", "white space folds across feeds");
	lede_buf_free(&b);
}

static void
test_find_word(void)
{
	const char *t = "The Defence Secretary, defence secretaryship";

	is_int(lede_find_word_ci(t, strlen(t), "defence secretary", 17), 4,
	    "whole words are found whatever their case");
	is_int(lede_find_word_ci(t + 5, strlen(t) - 5, "defence secretary", 17), (size_t)-1,
	    "a match inside a longer word is not one");
	is_int(lede_find_word_ci("ab", 2, "abc", 3), (size_t)-1, "a needle longer than the text");
	is_int(lede_find_word_ci("ab", 2, "", 0), (size_t)-1, "an empty needle is never found");
}

/* The normaliser as text.h states it, one code point at a time and with no
 * fast path: whatever shortcuts lede_norm_feed takes must agree with it. */
static void
slow_normalize(struct lede_buf *out, const char *s, size_t len, unsigned flags)
{
	bool keep = flags & LEDE_NORM_KEEP_LINES, pending = false, empty = true;
	size_t i = 0, adv;
	uint32_t cp;
	char enc[4];

	while (i < len) {
		cp = lede_utf8_next(s + i, len - i, &adv);
		i += adv;
		if (keep && cp == '\n') {
			if (!empty) {
				pending = false;
				lede_buf_addc(out, '\n');
			}
			continue;
		}
		if (!keep && lede_cp_is_space(cp)) {
			pending = !empty;
			continue;
		}
		if (lede_cp_is_space(cp) || cp == '\t')
			enc[0] = ' ';
		else if (lede_cp_is_forbidden(cp) || lede_cp_is_invisible(cp))
			continue;
		if (pending)
			lede_buf_addc(out, ' ');
		pending = false;
		empty = false;
		if (keep && cp == '\t')
			lede_buf_lit(out, "    ");
		else if (lede_cp_is_space(cp))
			lede_buf_addc(out, ' ');
		else
			lede_buf_add(out, enc, lede_utf8_put(enc, cp));
	}
	while (keep && out->len > 0 && (out->data[out->len - 1] == '\n' ||
	    out->data[out->len - 1] == ' '))
		out->data[--out->len] = '\0';
}

/* What the normaliser promises of its output, checked byte by byte. */
static bool
clean_output(const char *s, size_t n, bool keep)
{
	size_t i, adv;
	uint32_t cp;

	if (!lede_utf8_valid(s, n))
		return false;
	for (i = 0; i < n; i += adv) {
		cp = lede_utf8_next(s + i, n - i, &adv);
		if (keep && cp == '\n')
			continue;
		if (lede_cp_is_forbidden(cp) || lede_cp_is_invisible(cp) ||
		    (lede_cp_is_space(cp) && cp != ' '))
			return false;
		if (!keep && cp == ' ' && (i == 0 || i + 1 == n || s[i + 1] == ' '))
			return false;
	}
	return true;
}

/* Characters that stop the fast paths, put at every place of a stretch of
 * plain text longer than the eight bytes they take at once. */
static const char *const awkward[] = {
	" ", "  ", "\t", "\n", "\r", "\x01", "\x1b", "\x7f", "\0", "\x80", "\xbf", "\xc0\xaf",
	"\xc3", "\xe2\x80", "\xf5", "\xff", "\xed\xa0\x80", "\xc2\x85", "\xc2\x9b", "\xc2\xa0",
	"\xc2\xad", "\xc3\xa9", "\xe2\x80\x8b", "\xe2\x80\xae", "\xe2\x81\xa6", "\xe2\x80\xa8",
	"\xe2\x80\x83", "\xe2\x80\x9c", "\xef\xbb\xbf", "\xef\xbf\xbe", "\xf0\x9f\x98\x80",
	"\xf4\x90\x80\x80", "\"", "\\", " \xe2\x80\x9c", "\xe2\x80\x9d ",
};

static void
test_fast_paths(void)
{
	static const char *const bases[] = {
		"The quick brown fox jumps over the lazy dog.",
		"Onewordwithoutanyspacesinitatallforthirtytwo",
		"a b c d e f g h i j k l m n o p q r s t u v w",
	};
	struct lede_buf fast = LEDE_BUF_INIT, slow = LEDE_BUF_INIT;
	char s[128];
	size_t a, b, at, n, alen, bad = 0, unclean = 0, tried = 0;
	unsigned flags;

	for (b = 0; b < sizeof bases / sizeof bases[0]; b++) {
		for (a = 0; a < sizeof awkward / sizeof awkward[0]; a++) {
			/* "\0" is one byte; strlen would make it none. */
			alen = awkward[a][0] == '\0' ? 1 : strlen(awkward[a]);
			for (at = 0; at <= 40; at++) {
				for (flags = 0; flags <= LEDE_NORM_KEEP_LINES; flags += LEDE_NORM_KEEP_LINES) {
					n = strlen(bases[b]);
					memcpy(s, bases[b], at);
					memcpy(s + at, awkward[a], alen);
					memcpy(s + at + alen, bases[b] + at, n - at);
					n += alen;
					lede_buf_reset(&fast);
					lede_buf_reset(&slow);
					lede_text_normalize(&fast, s, n, flags);
					slow_normalize(&slow, s, n, flags);
					tried++;
					if (fast.len != slow.len || memcmp(fast.data, slow.data, fast.len) != 0) {
						if (bad++ == 0)
							printf("# differs: base %zu, char %zu at %zu, flags %u: '%s' / '%s'\n",
							    b, a, at, flags, fast.data, slow.data);
					}
					if (!clean_output(fast.data, fast.len, flags != 0))
						unclean++;
				}
			}
		}
	}
	ok(bad == 0, "an awkward character anywhere in plain text: the fast path agrees with "
	    "the slow one (%zu of %zu differ)", bad, tried);
	ok(unclean == 0, "and the output stays valid, visible, folded text (%zu not)", unclean);
	lede_buf_free(&fast);
	lede_buf_free(&slow);
}

static void
test_fuzz(void)
{
	struct lede_buf fast = LEDE_BUF_INIT, slow = LEDE_BUF_INIT;
	uint32_t x = 2463534242u;
	char s[200];
	size_t i, n, k, alen, bad = 0;
	int round;

	/* A fixed pseudo-random walk through mixes of awkward characters and
	 * letters, so any failure repeats. */
	for (round = 0; round < 20000; round++) {
		n = 0;
		for (k = 0; k < 24; k++) {
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			i = x % (sizeof awkward / sizeof awkward[0] + 8);
			if (i >= sizeof awkward / sizeof awkward[0]) {
				s[n++] = "letters!"[i - sizeof awkward / sizeof awkward[0]];
				continue;
			}
			alen = awkward[i][0] == '\0' ? 1 : strlen(awkward[i]);
			memcpy(s + n, awkward[i], alen);
			n += alen;
		}
		lede_buf_reset(&fast);
		lede_buf_reset(&slow);
		lede_text_normalize(&fast, s, n, round & 1 ? LEDE_NORM_KEEP_LINES : 0);
		slow_normalize(&slow, s, n, round & 1 ? LEDE_NORM_KEEP_LINES : 0);
		bad += fast.len != slow.len || memcmp(fast.data, slow.data, fast.len) != 0;
	}
	ok(bad == 0, "20000 mixed strings normalise as the slow path does (%zu differ)", bad);
	lede_buf_free(&fast);
	lede_buf_free(&slow);
}

static void
test_buf(void)
{
	struct lede_buf b = LEDE_BUF_INIT;
	char *s;
	int i;

	for (i = 0; i < 10000; i++)
		lede_buf_printf(&b, "%d,", i);
	ok(lede_buf_ok(&b) && b.len == 48890, "printf appends grow the buffer (len %zu)", b.len);
	lede_buf_reset(&b);
	lede_buf_add_int(&b, -2147483647L - 1);
	lede_buf_addc(&b, ' ');
	lede_buf_add_uint(&b, 0);
	lede_buf_addc(&b, ' ');
	lede_buf_add_uint(&b, (size_t)4294967295u);
	lede_buf_addc(&b, ' ');
	lede_buf_add_int(&b, -1);
	is_str(b.data, "-2147483648 0 4294967295 -1", "integers print without printf");

	for (i = 0; i < 10000; i++)
		lede_buf_printf(&b, "%d,", i);
	s = lede_buf_detach(&b);
	ok(s != NULL && strstr(s, " -10,1,2,") != NULL && b.data == NULL, "detach hands over and resets");
	free(s);
}

static void
test_buf_edges(void)
{
	struct lede_buf b = LEDE_BUF_INIT;
	size_t cap;
	int i;

	/* The inline appends grow exactly at the edge of the room they have. */
	for (i = 0; i < 200; i++)
		lede_buf_addc(&b, (char)('a' + i % 26));
	lede_buf_add(&b, "", 0);
	lede_buf_adds(&b, "xyz");
	ok(lede_buf_ok(&b) && b.len == 203 && b.cap > b.len && b.data[203] == '\0' &&
	    b.data[63] == 'l' && b.data[64] == 'm' && memcmp(b.data + 200, "xyz", 3) == 0,
	    "appends across the buffer's growth keep every byte and the NUL");
	cap = b.cap;
	ok(lede_buf_reserve(&b, cap - b.len - 1) && b.cap == cap, "a reserve that fits grows nothing");
	ok(lede_buf_reserve(&b, cap - b.len) && b.cap > cap, "one byte more and it grows");
	lede_buf_free(&b);
	ok(lede_buf_reserve(&b, 0) && b.data != NULL && b.data[0] == '\0' && b.len == 0,
	    "a reserve of nothing on an empty buffer leaves a C string");
	lede_buf_free(&b);
}

int
main(void)
{
	test_utf8();
	test_normalize();
	test_stream();
	test_find_word();
	test_fast_paths();
	test_fuzz();
	test_buf();
	test_buf_edges();
	norm("", 0, 0);
	return tap_done();
}
