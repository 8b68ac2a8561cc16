#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "lede/doc.h"
#include "lede/json.h"
#include "lede/text.h"
#include "tap.h"

static void
test_escape(void)
{
	struct lede_buf b = LEDE_BUF_INIT;

	lede_json_str(&b, "a\"b\\c\n\x01\xC2\x9B\xE2\x80\xA8\xFF", 13);
	is_str(b.data, "\"a\\\"b\\\\c\\n\\u0001\\u009b\\u2028\xEF\xBF\xBD\"", "escapes quotes, controls and bad bytes");
	lede_buf_free(&b);
}

/* JSON escaping one code point at a time, as json.h states it: the fast
 * path must agree with it everywhere. */
static void
slow_json_str(struct lede_buf *out, const char *s, size_t n)
{
	size_t i = 0, adv;
	uint32_t cp;
	char enc[4];

	lede_buf_addc(out, '"');
	while (i < n) {
		cp = lede_utf8_next(s + i, n - i, &adv);
		i += adv;
		if (cp == '"' || cp == '\\') {
			lede_buf_addc(out, '\\');
			lede_buf_addc(out, (char)cp);
		} else if (cp == '\n') {
			lede_buf_lit(out, "\\n");
		} else if (cp == '\t') {
			lede_buf_lit(out, "\\t");
		} else if (cp < 0x20 || (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029) {
			/* DEL has always gone out as it is, which JSON allows: the
			 * normaliser keeps it out of page text before this. */
			lede_buf_printf(out, "\\u%04x", (unsigned)cp);
		} else {
			lede_buf_add(out, enc, lede_utf8_put(enc, cp));
		}
	}
	lede_buf_addc(out, '"');
}

static void
test_escape_everywhere(void)
{
	static const char *const awkward[] = {
		"\"", "\\", "\n", "\t", "\r", "\x01", "\x1f", "\x7f", "\0", "\x80", "\xc0\xaf", "\xc3",
		"\xe2\x80", "\xff", "\xed\xa0\x80", "\xc2\x85", "\xc2\x9f", "\xc2\xa0", "\xc3\xa9",
		"\xe2\x80\xa8", "\xe2\x80\xa9", "\xe2\x80\x9c", "\xef\xbf\xbd", "\xf0\x9f\x98\x80",
		"\xf4\x90\x80\x80", "  ",
	};
	static const char base[] = "Plain words, thirty-two or more bytes of them.";
	struct lede_buf fast = LEDE_BUF_INIT, slow = LEDE_BUF_INIT;
	char s[128];
	size_t a, at, n, alen, bad = 0, raw = 0, tried = 0, i;

	for (a = 0; a < sizeof awkward / sizeof awkward[0]; a++) {
		alen = awkward[a][0] == '\0' ? 1 : strlen(awkward[a]);
		for (at = 0; at <= 40; at++) {
			n = sizeof base - 1;
			memcpy(s, base, at);
			memcpy(s + at, awkward[a], alen);
			memcpy(s + at + alen, base + at, n - at);
			/* And once more near the end, past the last whole eight. */
			memcpy(s + n + alen, awkward[a], alen);
			n += 2 * alen;
			lede_buf_reset(&fast);
			lede_buf_reset(&slow);
			lede_buf_lit(&fast, "x");
			lede_buf_lit(&slow, "x");
			lede_json_str(&fast, s, n);
			slow_json_str(&slow, s, n);
			tried++;
			if (fast.len != slow.len || memcmp(fast.data, slow.data, fast.len) != 0) {
				if (bad++ == 0)
					printf("# differs: char %zu at %zu: '%s' / '%s'\n", a, at,
					    fast.data, slow.data);
			}
			for (i = 0; i < fast.len; i++)
				raw += (unsigned char)fast.data[i] < 0x20;
		}
	}
	ok(bad == 0, "an awkward character anywhere in a string is escaped as one at a time "
	    "would (%zu of %zu differ)", bad, tried);
	ok(raw == 0, "and no control byte gets through raw (%zu did)", raw);
	lede_buf_free(&fast);
	lede_buf_free(&slow);
}

static void
test_numbers(void)
{
	struct lede_buf b = LEDE_BUF_INIT;
	struct lede_doc *d = lede_doc_new();
	int p;

	lede_doc_set(&d->title, "T");
	lede_doc_add_para(d, LEDE_PARA_TEXT, "x", 1);
	p = lede_doc_add_place(d, "X");
	lede_entity_add_mention(&d->places[p], (struct lede_span){ 0, 0, 9 });
	lede_entity_add_mention(&d->places[p], (struct lede_span){ 10, 99, 100 });
	lede_entity_add_mention(&d->places[p], (struct lede_span){ -1, 12345, 999999 });
	lede_entity_add_mention(&d->places[p], (struct lede_span){ -2147483647 - 1, 1000000,
	    (size_t)18446744073709551615u });
	ok(lede_json_write_doc(&b, d) == 0 && strstr(b.data,
	    "\"mentions\":[{\"paragraph\":0,\"start\":0,\"end\":9},"
	    "{\"paragraph\":10,\"start\":99,\"end\":100},"
	    "{\"paragraph\":-1,\"start\":12345,\"end\":999999},"
	    "{\"paragraph\":-2147483648,\"start\":1000000,\"end\":18446744073709551615}]") != NULL,
	    "span numbers: one digit, two, odd and even counts, the extremes");
	lede_buf_free(&b);
	lede_doc_free(d);
}

static void
test_doc(void)
{
	struct lede_buf b = LEDE_BUF_INIT;
	struct lede_doc *d = lede_doc_new();
	int p;

	lede_doc_set(&d->title, "Title");
	lede_doc_add_para(d, LEDE_PARA_TEXT, "Ann Lee said \"yes\".", 19);
	lede_doc_add_para(d, LEDE_PARA_HEADING, "Next", 4);
	p = lede_doc_add_person(d, "Ann Lee");
	lede_entity_add_mention(&d->people[p], (struct lede_span){ 0, 0, 7 });
	lede_entity_add_role(&d->people[p], "mayor");
	lede_doc_add_quote(d, (struct lede_span){ 0, 13, 18 }, 14, 17, p, NULL);
	lede_doc_add_fact(d, "count", (struct lede_span){ LEDE_TITLE, 0, 5 });
	lede_doc_add_warning(d, "unclosed-quote", LEDE_NO_PARA, "mark at %d", 3);
	ok(lede_json_write_doc(&b, d) == 0, "document writes");
	is_str(b.data,
	    "{\"url\":null,\"title\":\"Title\",\"byline\":null,\"site\":null,\"published\":null,"
	    "\"lang\":null,\"paragraphs\":[{\"kind\":\"text\",\"text\":\"Ann Lee said \\\"yes\\\".\"},"
	    "{\"kind\":\"heading\",\"text\":\"Next\"}],"
	    "\"people\":[{\"name\":\"Ann Lee\",\"aliases\":[],\"roles\":[\"mayor\"],"
	    "\"mentions\":[{\"paragraph\":0,\"start\":0,\"end\":7}]}],\"places\":[],"
	    "\"quotes\":[{\"paragraph\":0,\"start\":13,\"end\":18,\"text\":\"yes\",\"speaker\":\"Ann Lee\","
	    "\"source\":null,\"unclosed\":false,\"unopened\":false,\"continued\":false}],"
	    "\"facts\":[{\"kind\":\"count\",\"text\":\"Title\",\"paragraph\":-1,\"start\":0,\"end\":5}],"
	    "\"warnings\":[{\"kind\":\"unclosed-quote\",\"message\":\"mark at 3\",\"paragraph\":null}],"
	    "\"notes\":[]}",
	    "the whole contract comes out in order");
	ok(lede_doc_add_quote(d, (struct lede_span){ 0, 13, 99 }, 14, 17, -1, NULL) < 0,
	    "a quote span past the paragraph is refused");
	lede_buf_free(&b);
	lede_doc_free(d);
}

static void
test_span_order(void)
{
	struct lede_span v[] = { { 2, 5, 9 }, { -1, 3, 4 }, { 2, 1, 2 }, { 0, 7, 8 } };

	qsort(v, 4, sizeof v[0], lede_span_cmp);
	ok(v[0].para == -1 && v[1].para == 0 && v[2].para == 2 && v[2].start == 1 && v[3].start == 5,
	    "spans sort by paragraph, the title first, then by start");
}

int
main(void)
{
	test_span_order();
	test_escape();
	test_escape_everywhere();
	test_numbers();
	test_doc();
	return tap_done();
}
