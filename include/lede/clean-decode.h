/* The cleaner's byte level: telling binary from text, finding a page's
 * character set, and turning any input into valid UTF-8 without NULs. */
#ifndef LEDE_CLEAN_DECODE_H
#define LEDE_CLEAN_DECODE_H

#include <stdbool.h>
#include <stddef.h>

#include "lede/buf.h"
#include "lede/err.h"

/* True for bytes no reader should try to show: image, archive and document
 * signatures, or many NULs and control bytes near the start. */
bool lede_clean_is_binary(const char *data, size_t len);

/* Names the encoding a byte order mark announces ("UTF-8", "UTF-16LE",
 * "UTF-16BE") and its length, or returns NULL. */
const char *lede_clean_bom(const char *data, size_t len, size_t *bomlen);

/* The charset a page declares in a <meta> near its start, copied into
 * out (size outlen); returns false when there is none. */
bool lede_clean_meta_charset(const char *data, size_t len, char *out, size_t outlen);

/* Appends data, read as `charset` (NULL or unknown: UTF-8), to out as
 * valid UTF-8: bad bytes become U+FFFD, NUL bytes are dropped, a BOM is
 * skipped. Returns 0, or -1 when memory runs out. */
int lede_clean_to_utf8(struct lede_buf *out, const char *data, size_t len,
    const char *charset, struct lede_err *err);

/* The same text, without the copy when there is nothing to change: when
 * data is read as UTF-8 and is valid UTF-8 without NULs (most pages), *text
 * points into data and out is left alone; else out receives what
 * lede_clean_to_utf8 gives and *text points at it. Returns 0, or -1 when
 * memory runs out. */
int lede_clean_utf8_text(struct lede_buf *out, const char *data, size_t len,
    const char *charset, const char **text, size_t *textlen, struct lede_err *err);

#endif
