/* Quotations: finding their spans (every quotation style, nesting, quotes
 * running over paragraphs, unbalanced marks) and who said each. */
#ifndef LEDE_QUOTE_H
#define LEDE_QUOTE_H

#include "lede/doc.h"
#include "lede/err.h"

/* Finds every quote in the title and paragraphs, adding them to doc->quotes
 * with speaker -1. Linear in the text. */
int lede_quotes_find(struct lede_doc *doc, struct lede_err *err);

/* Sets speaker (an index into doc->people) or source for each quote, from
 * cues ("said X", "according to X", "X added:"), descriptions, roles and
 * pronouns. Runs after people are known. */
int lede_quotes_attribute(struct lede_doc *doc, struct lede_err *err);

#endif
