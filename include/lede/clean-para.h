/* Paragraph-level clean-up after the article is chosen: ad labels and
 * script notices, link-only runs, and the furniture around an article's
 * text (kicker, repeated headline, byline, dateline, trailing tag lines). */
#ifndef LEDE_CLEAN_PARA_H
#define LEDE_CLEAN_PARA_H

#include <stdbool.h>
#include <stddef.h>

#include "lede/clean-meta.h"
#include "lede/doc.h"

/* True for a paragraph that is only a label: "Advertisement", "Please
 * enable JavaScript ...". */
bool lede_clean_is_label(const char *s, size_t len);

/* Words in normalised text (single spaces). */
size_t lede_clean_words(const char *s, size_t len);

/* Drops the headline's repeats and the furniture before and after the
 * text; may take the title from the <title> the text starts with.
 * Returns 0, or -1 when memory runs out. */
int lede_clean_trim(struct lede_doc *doc, const struct lede_meta *m);

#endif
