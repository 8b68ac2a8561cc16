/* JSON output of a document: the contract in doc/json.md, one line per
 * document so several inputs give JSON Lines. */
#ifndef LEDE_JSON_H
#define LEDE_JSON_H

#include <stddef.h>

#include "lede/buf.h"
#include "lede/doc.h"

/* Appends s (n bytes of UTF-8) as a JSON string literal, quotes included.
 * C0 and C1 controls and U+2028/U+2029 are escaped; DEL passes as itself,
 * as JSON allows (the normaliser keeps it out of page text); invalid UTF-8
 * becomes U+FFFD. */
void lede_json_str(struct lede_buf *out, const char *s, size_t n);
/* Same for a NUL-terminated string, or `null` when s is NULL. */
void lede_json_strz(struct lede_buf *out, const char *s);

/* Appends the whole document as one line of JSON (no trailing newline).
 * Returns 0, or -1 when the buffer ran out of memory. */
int lede_json_write_doc(struct lede_buf *out, const struct lede_doc *doc);

#endif
