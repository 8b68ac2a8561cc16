/* Writing a file so that a failure never damages what was there before. */
#ifndef LEDE_SAVE_H
#define LEDE_SAVE_H

#include <stddef.h>

#include "lede/err.h"

/* Writes data to path. A regular file (or a path that does not exist yet) is
 * replaced atomically: a temporary file in the same folder, fsync, rename.
 * Anything else that exists (a tty, a fifo, /dev/stdout, /dev/full) is
 * written directly and its write errors are reported. */
int lede_save(const char *path, const char *data, size_t len, struct lede_err *err);

#endif
