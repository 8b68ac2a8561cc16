/* What a page says about itself: <title>, <meta> and OpenGraph tags,
 * JSON-LD article records, <h1> headings, <time> and <html lang>. */
#ifndef LEDE_CLEAN_META_H
#define LEDE_CLEAN_META_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>

#include "lede/doc.h"
#include "lede/err.h"

#define LEDE_META_H1S 4

struct lede_meta {
	char *title_tag, *og_title, *ld_headline;
	char *h1[LEDE_META_H1S];
	size_t nh1;
	char *h2[LEDE_META_H1S];   /* old pages set their headline in an <h2> */
	size_t nh2;
	char *site, *byline, *published, *lang, *description;
	char *ld_body;        /* the longest JSON-LD articleBody, normalised */
};

/* Reads every hint from the whole tree (scripts included) in one pass. */
int lede_meta_collect(xmlDoc *doc, struct lede_meta *m, struct lede_err *err);
void lede_meta_free(struct lede_meta *m);

/* Picks the title and fills doc's title, byline, site, published and lang. */
int lede_meta_apply(const struct lede_meta *m, struct lede_doc *doc, struct lede_err *err);

/* The length of the longest leading part of a <title> (up to one of its
 * " - ", " | " ... separators) that text starts with, or 0. */
size_t lede_meta_title_prefix(const char *title_tag, const char *text);

/* True when two pieces of text say the same, ignoring case, spacing and
 * punctuation (how a headline repeats in <title>, og:title and <h1>). */
bool lede_meta_same_text(const char *a, const char *b);

/* The attribute's value, "" when present without a value, or NULL. */
const char *lede_attr(const xmlNode *n, const char *name);

/* The normalised text of a small subtree (a heading, the title), or NULL. */
char *lede_node_text(const xmlNode *n);

#endif
