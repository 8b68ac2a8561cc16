/* The article as display lines, wrapped lazily. The article is a list of
 * blocks: block 0 is the header (title, then byline, site and date), block
 * i + 1 is paragraph i. A block is wrapped only when the pager first needs
 * its lines, so opening a huge article costs nothing beyond an index, and a
 * key costs time in proportion to what the screen shows. */
#ifndef LEDE_LAYOUT_H
#define LEDE_LAYOUT_H

#include <stddef.h>

#include "lede/doc.h"
#include "lede/err.h"

enum lede_line_src {
	LEDE_LINE_TEXT,     /* a slice of the paragraph's text */
	LEDE_LINE_TITLE,    /* a slice of the title */
	LEDE_LINE_META,     /* a slice of lede_layout_meta() */
	LEDE_LINE_BLANK,    /* the gap after a block */
};

struct lede_line {
	size_t start, end;       /* byte offsets into the source, end exclusive */
	unsigned char src;       /* enum lede_line_src */
	unsigned char first;     /* the block's first line of text (gets the bullet) */
};

enum lede_mark {
	LEDE_MARK_QUOTE,
	LEDE_MARK_FACT,
	LEDE_MARK_PLACE,
	LEDE_MARK_PERSON,
	LEDE_MARK_NOTE,
};

/* An annotation inside a block, for styling: ref indexes the doc's array
 * (quotes, facts, places, people or notes) named by kind. */
struct lede_mark_span {
	size_t start, end;
	unsigned char kind;      /* enum lede_mark */
	int ref;
};

struct lede_layout;

int lede_layout_new(const struct lede_doc *doc, struct lede_layout **out, struct lede_err *err);
void lede_layout_free(struct lede_layout *l);

/* Sets the column width (text plus indents); a change drops the cached wraps. */
void lede_layout_set_width(struct lede_layout *l, int width);
int lede_layout_width(const struct lede_layout *l);
size_t lede_layout_nblocks(const struct lede_layout *l);
/* The block's lines (at least one), wrapping it now if needed. NULL on
 * allocation failure. */
const struct lede_line *lede_layout_lines(struct lede_layout *l, size_t block, size_t *n);
/* The line of block that holds byte offset off (of the block's text source;
 * for block 0 the title). */
size_t lede_layout_line_at(struct lede_layout *l, size_t block, size_t off);
/* Columns taken by the prefix (bullet, quote bar) of the block's lines. */
int lede_layout_indent(const struct lede_layout *l, size_t block);

/* The byline, site and date joined with " · ", or "". */
const char *lede_layout_meta(const struct lede_layout *l, size_t *len);
/* The text a line of src `src` in block points into. */
const char *lede_layout_source(const struct lede_layout *l, size_t block, unsigned src,
    size_t *len);

/* The block's annotations, sorted by start. */
const struct lede_mark_span *lede_layout_marks(struct lede_layout *l, size_t block,
    size_t *n);
/* The same from the first mark that may reach byte start on: drawing a line
 * of a huge paragraph skips the marks that end before it. */
const struct lede_mark_span *lede_layout_marks_near(struct lede_layout *l, size_t block,
    size_t start, size_t *n);
/* Rebuilds the annotation index after notes change. */
int lede_layout_reindex(struct lede_layout *l, struct lede_err *err);

/* Bytes of text before the block, and in all, for a position in percent. */
size_t lede_layout_bytes_before(const struct lede_layout *l, size_t block);
size_t lede_layout_total_bytes(const struct lede_layout *l);

/* Wraps text to width columns (pre: keep its line breaks, break anywhere).
 * Appends the lines to *v (growing it); exposed for the unit tests. */
int lede_wrap(const char *s, size_t len, int width, int pre, unsigned char src,
    struct lede_line **v, size_t *n, size_t *cap);

#endif
