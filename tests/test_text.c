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

int
main(void)
{
	test_utf8();
	test_normalize();
	test_stream();
	test_find_word();
	test_buf();
	norm("", 0, 0);
	return tap_done();
}
