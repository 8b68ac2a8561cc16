/* Warnings no other reader gives: contradictions in the text (one person
 * given conflicting nationalities or titles), quotation marks that never
 * close or never open, quotes whose speaker could not be found. */
#ifndef LEDE_WARN_H
#define LEDE_WARN_H

#include "lede/doc.h"
#include "lede/err.h"

int lede_warnings_find(struct lede_doc *doc, struct lede_err *err);

/* The nationality words (data/nationalities.tsv), loaded once by the
 * annotator so a document opens no files. */
struct lede_nations;
int lede_nations_load(struct lede_nations **out, struct lede_err *err);
void lede_nations_free(struct lede_nations *ns);

/* lede_warnings_find with the words already loaded (NULL: no nationality
 * checks). */
int lede_warnings_find_with(struct lede_doc *doc, const struct lede_nations *ns,
    struct lede_err *err);

#endif
