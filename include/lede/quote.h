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

/* The given names list (data/given-names.tsv) that tells a he from a she,
 * loaded once by the annotator so a document opens no files. */
struct lede_genders;
int lede_genders_load(struct lede_genders **out, struct lede_err *err);
void lede_genders_free(struct lede_genders *g);

/* lede_quotes_attribute with the list already loaded (NULL: no sexes known). */
int lede_quotes_attribute_with(struct lede_doc *doc, const struct lede_genders *g,
    struct lede_err *err);

#endif
