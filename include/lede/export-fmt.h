/* The writers behind lede_export (export.h), one file each, and what they
 * share: the spans to mark in each paragraph, sorted once for the whole
 * document so a writer walks them paragraph by paragraph in linear time. */
#ifndef LEDE_EXPORT_FMT_H
#define LEDE_EXPORT_FMT_H

#include <stddef.h>

#include "lede/buf.h"
#include "lede/doc.h"

/* Ranks decide nesting among spans that start and end at the same bytes:
 * the lower rank is the outer element. */
enum lede_mark_kind {
	LEDE_MARK_QUOTE,
	LEDE_MARK_HIGHLIGHT,
	LEDE_MARK_PERSON,
	LEDE_MARK_PLACE,
	LEDE_MARK_FACT,
};

struct lede_mark {
	struct lede_span span;
	enum lede_mark_kind kind;
	size_t idx;          /* into doc->quotes, notes, people, places or facts */
};

/* Every non-empty, valid span of doc (mentions, quotes, facts, notes), snapped
 * to character boundaries and sorted by paragraph (title first), start, longer
 * first, then rank. *out is malloc'd (NULL when there are none). */
int lede_marks_collect(const struct lede_doc *doc, struct lede_mark **out, size_t *n);

/* The time the copy stands for: doc->saved, else now (see lede_timestamp). */
void lede_export_saved(const struct lede_doc *doc, char out[32]);

/* True for an http or https URL that can be a link. */
int lede_url_linkable(const char *url);

/* The length of a quote's words as listed on their own: the comma that led
 * into "she said" is dropped. */
size_t lede_quote_shown_len(const char *text);

void lede_export_markdown(struct lede_buf *out, const struct lede_doc *doc);
int lede_export_html(struct lede_buf *out, const struct lede_doc *doc);

#endif
