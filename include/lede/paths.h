/* Where lede's own files are, and where the user's are (XDG). */
#ifndef LEDE_PATHS_H
#define LEDE_PATHS_H

#include <stddef.h>

#include "lede/err.h"

/* The folder holding lede's data/ and themes/: the source tree when the
 * running binary is the one in its build tree (in or out of tree), the
 * installed $(pkgdatadir) otherwise, or $LEDE_DATADIR when set. Never NULL. */
const char *lede_data_root(void);

/* Joins lede_data_root() with a relative path ("data/ner.model"); the result
 * is malloc'd, or NULL (with err) when memory runs out. */
char *lede_data_path(const char *rel, struct lede_err *err);

/* $XDG_CONFIG_HOME/lede/config, defaulting to ~/.config/lede/config. */
char *lede_config_file(struct lede_err *err);
/* $XDG_DATA_HOME/lede, defaulting to ~/.local/share/lede (not created). */
char *lede_data_home(struct lede_err *err);

/* Creates dir and its parents with mode 0700 where missing. */
int lede_mkdirs(const char *dir, struct lede_err *err);

/* Reads a whole small file (themes, config, word lists in data/) into a
 * NUL-terminated string; errno-style message on failure. Files above 1 MiB
 * are refused. */
int lede_read_small_file(const char *path, char **out, size_t *len, struct lede_err *err);

/* Reads a whole binary data file (the model, the gazetteers) into memory
 * aligned for the tables inside it; the message says how to restore it. */
int lede_data_read(const char *path, unsigned char **out, size_t *size, struct lede_err *err);

#endif
