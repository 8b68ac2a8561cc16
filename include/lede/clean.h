/* The cleaner: raw page bytes in, a document with title, metadata and plain
 * paragraphs out. Finds the article the way a browser's reader view does. */
#ifndef LEDE_CLEAN_H
#define LEDE_CLEAN_H

#include <stdbool.h>
#include <stddef.h>

#include "lede/doc.h"
#include "lede/err.h"
#include "lede/input.h"

/* Guesses whether bytes are HTML (markup near the start) or plain text. */
bool lede_looks_like_html(const char *data, size_t len);

/* Builds a document from an input: HTML through libxml2, or plain text when
 * the type or content says so. Fails only when there is no readable text. */
int lede_clean(const struct lede_input *in, struct lede_doc **out, struct lede_err *err);

int lede_clean_html(const char *data, size_t len, const char *charset, const char *url,
    struct lede_doc **out, struct lede_err *err);
int lede_clean_text(const char *data, size_t len, const char *charset,
    struct lede_doc **out, struct lede_err *err);

#endif
