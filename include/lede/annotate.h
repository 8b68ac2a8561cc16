/* The annotator: fills people, places, quotes, facts and warnings of a
 * document from its title and paragraphs. */
#ifndef LEDE_ANNOTATE_H
#define LEDE_ANNOTATE_H

#include "lede/doc.h"
#include "lede/err.h"

/* The loaded models and gazetteers, shared read-only by every document. */
struct lede_annotator;

/* Loads everything from lede_data_root()/data. */
int lede_annotator_new(struct lede_annotator **out, struct lede_err *err);
void lede_annotator_free(struct lede_annotator *a);

/* Replaces any annotations doc has with fresh ones. */
int lede_annotate(const struct lede_annotator *a, struct lede_doc *doc, struct lede_err *err);

#endif
