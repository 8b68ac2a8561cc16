/* Reading a saved JSON copy back into a document, notes included. */
#ifndef LEDE_COPY_H
#define LEDE_COPY_H

#include <stdbool.h>
#include <stddef.h>

#include "lede/doc.h"
#include "lede/err.h"

/* True when data looks like a JSON document written by lede (a cheap test on
 * the first bytes; lede_copy_read does the real check). */
bool lede_copy_looks_like(const char *data, size_t len);

/* Parses a copy. A damaged or hand-edited copy gives -1 and a clear reason. */
int lede_copy_read(const char *data, size_t len, struct lede_doc **out, struct lede_err *err);

#endif
