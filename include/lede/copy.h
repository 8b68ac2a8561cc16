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

/* Parses a copy. A damaged or hand-edited copy gives -1 and a clear reason
 * naming the field ("damaged copy: quotes[2].speaker: ..."). Every string is
 * checked for control characters and invalid UTF-8, every span against its
 * paragraph and character boundaries; notes whose offsets no longer match
 * their quoted text are re-anchored (see note.h) or dropped with a warning. */
int lede_copy_read(const char *data, size_t len, struct lede_doc **out, struct lede_err *err);

/* Proposes where to save doc: $XDG_DATA_HOME/lede/copies/DATE-SLUG.EXT, with
 * DATE the article's publication date (YYYY-MM-DD) or today, SLUG an ASCII
 * slug of the title (at most 60 bytes), EXT ext without its dot ("json" when
 * NULL). The copies folder is created (0700); a name already taken gets -2,
 * -3 ... The result is malloc'd, or NULL with err. */
char *lede_copy_default_path(const struct lede_doc *doc, const char *ext, struct lede_err *err);

/* Saves doc to path in the format its extension names (.json when it names
 * none), atomically (see save.h). For the pager's save key; -o goes through
 * main.c, which does the same in two steps. */
int lede_copy_save(const struct lede_doc *doc, const char *path, struct lede_err *err);

#endif
