/* The pager: an ncurses reader over one or more annotated documents. */
#ifndef LEDE_PAGER_H
#define LEDE_PAGER_H

#include <stddef.h>

#include "lede/doc.h"
#include "lede/err.h"

struct lede_pager_opts {
	const char *theme;       /* theme name or path, NULL for config/default */
	int width;               /* article column width, 0 for config/default */
	int panel;               /* 1 shown, 0 hidden, -1 config/default */
};

/* Shows docs in turn (as less does with several files) until the reader
 * quits. Restores the terminal on every path out. Notes the reader adds are
 * stored in the documents. */
int lede_pager_run(struct lede_doc **docs, size_t ndocs, const struct lede_pager_opts *o,
    struct lede_err *err);

#endif
