/* Wrapping: word boundaries, wide characters, combining marks, lazy blocks. */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "lede/doc.h"
#include "lede/layout.h"
#include "lede/screen.h"
#include "tap.h"

/* The lines of s wrapped at width, joined with '|'. */
static const char *
wrap(const char *s, int width, int pre)
{
	static char out[1024];
	struct lede_line *v = NULL;
	size_t n = 0, cap = 0, len = 0;

	out[0] = '\0';
	if (lede_wrap(s, strlen(s), width, pre, LEDE_LINE_TEXT, &v, &n, &cap) != 0)
		return "(error)";
	for (size_t i = 0; i < n; i++) {
		size_t k = v[i].end - v[i].start;

		if (i > 0)
			out[len++] = '|';
		memcpy(out + len, s + v[i].start, k);
		len += k;
	}
	out[len] = '\0';
	free(v);
	return out;
}

static void
test_wrap(void)
{
	is_str(wrap("the quick brown fox jumps", 10, 0), "the quick|brown fox|jumps",
	    "wraps at word boundaries");
	is_str(wrap("abcdefghijkl xy", 5, 0), "abcde|fghij|kl xy", "a long word breaks at the width");
	is_str(wrap("ab  cd", 2, 0), "ab|cd", "spaces at a break are dropped");
	/* Six wide characters take twelve columns. */
	is_str(wrap("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", 5, 0),
	    "\xE6\x97\xA5\xE6\x9C\xAC|\xE8\xAA\x9E\xE6\x97\xA5|\xE6\x9C\xAC\xE8\xAA\x9E",
	    "wide characters count two columns and are never split");
	is_str(wrap("e\xCC\x81" "e\xCC\x81" "e\xCC\x81" "e\xCC\x81", 2, 0),
	    "e\xCC\x81" "e\xCC\x81|e\xCC\x81" "e\xCC\x81", "a combining mark stays with its letter");
	is_str(wrap("a\xE2\x80\x8B" "bc", 2, 0), "a\xE2\x80\x8B" "b|c", "invisible characters take no column");
	is_str(wrap("line one\nline two is long", 8, 1), "line one|line two| is long",
	    "preformatted text keeps its breaks and cuts anywhere");
	is_str(wrap("", 10, 0), "", "empty text gives no lines");
}

static void
test_cells(void)
{
	uint32_t shown;

	is_int(lede_cell_width(0x1B, &shown), -1, "ESC is dropped");
	is_int(lede_cell_width(0x9B, &shown), -1, "C1 CSI is dropped");
	is_int(lede_cell_width(0x202E, &shown), -1, "a bidi override is dropped");
	is_int(lede_cell_width(0x65E5, &shown), 2, "a CJK ideograph takes two columns");
	is_int(lede_cell_width(0x301, &shown), 0, "a combining accent takes none");
	ok(lede_cell_width(0xE0100 - 0x10000 + 0x30000, &shown) >= 0 && shown != 0x1B,
	    "an unassigned code point is shown as something printable");
	is_int(lede_text_width("caf\xC3\xA9 \xE6\x97\xA5", 8), 7, "text width sums the cells");
}

static void
test_layout(void)
{
	struct lede_doc *d = lede_doc_new();
	struct lede_layout *l;
	struct lede_err err;
	const struct lede_line *ln;
	const struct lede_mark_span *m;
	size_t n;
	int who;

	lede_doc_set(&d->title, "A title that is long enough to wrap");
	lede_doc_set(&d->byline, "By Someone");
	lede_doc_set(&d->site, "Site");
	lede_doc_add_para(d, LEDE_PARA_TEXT, "Ada spoke first and Ada spoke last.", 35);
	lede_doc_add_para(d, LEDE_PARA_LIST_ITEM, "one", 3);
	lede_doc_add_para(d, LEDE_PARA_LIST_ITEM, "two", 3);
	lede_doc_add_para(d, LEDE_PARA_BLOCKQUOTE, "quoted words here and more", 26);
	who = lede_doc_add_person(d, "Ada");
	lede_entity_add_mention(&d->people[who], (struct lede_span){ 0, 20, 23 });
	lede_entity_add_mention(&d->people[who], (struct lede_span){ 0, 0, 3 });
	lede_entity_add_mention(&d->people[who], (struct lede_span){ 7, 0, 3 });   /* no such paragraph */
	ok(lede_layout_new(d, &l, &err) == 0, "a layout opens");
	lede_layout_set_width(l, 20);
	is_int(lede_layout_nblocks(l), 5, "a header block and one per paragraph");
	ln = lede_layout_lines(l, 0, &n);
	is_int(n, 4, "the header: two title lines, the byline, a gap");
	is_int(ln[2].src, LEDE_LINE_META, "the third header line is the byline");
	is_str(lede_layout_meta(l, &n), "By Someone \xC2\xB7 Site", "byline and site are joined");
	ln = lede_layout_lines(l, 2, &n);
	is_int(n, 1, "a list item followed by another has no gap");
	ln = lede_layout_lines(l, 3, &n);
	is_int(n, 2, "the last list item has its gap");
	is_int(lede_layout_indent(l, 4), 2, "a block quote is indented for its bar");
	ln = lede_layout_lines(l, 4, &n);
	is_int(n, 3, "and wraps in the width left after the bar (18 columns)");
	is_int(ln[0].end - ln[0].start, 17, "its first line is \"quoted words here\"");
	m = lede_layout_marks(l, 1, &n);
	is_int(n, 2, "the paragraph has its two valid mentions");
	ok(n == 2 && m[0].start == 0 && m[1].start == 20, "sorted by start");
	m = lede_layout_marks_near(l, 1, 21, &n);
	ok(n == 1 && m[0].start == 20, "marks near byte 21: only the one that can reach it");
	m = lede_layout_marks_near(l, 1, 0, &n);
	is_int(n, 2, "marks near byte 0: all");
	is_int(lede_layout_line_at(l, 1, 25), 1, "offset 25 is on the second line");
	lede_layout_set_width(l, 80);
	ln = lede_layout_lines(l, 1, &n);
	is_int(n, 2, "a new width rewraps: one line and the gap");
	lede_layout_free(l);
	lede_doc_free(d);
}

int
main(void)
{
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		setlocale(LC_ALL, "en_US.UTF-8");
	test_wrap();
	test_cells();
	test_layout();
	return tap_done();
}
