/* The config file (lede_config_file() in paths.h), one setting a line:
 *   theme = NAME|PATH      width = COLUMNS (20-1000)     panel = on|off
 *   bind KEY REQUEST       (names as in keys.h; `bind KEY none` unbinds)
 * '#' starts a comment line. A bad line is an error "FILE:LINE: reason". */
#ifndef LEDE_CONF_H
#define LEDE_CONF_H

#include <stddef.h>

#include "lede/err.h"
#include "lede/keys.h"

struct lede_conf {
	char *theme;      /* NULL when not set */
	int width;        /* 0 when not set */
	int panel;        /* -1 when not set */
};

void lede_conf_init(struct lede_conf *c);
void lede_conf_free(struct lede_conf *c);
/* Applies `bind` lines to km (which may be NULL to only check them). */
int lede_conf_parse(struct lede_conf *c, struct lede_keymap *km, const char *data, size_t len,
    const char *file, struct lede_err *err);
/* Reads the user's config file; a missing file is not an error. */
int lede_conf_load(struct lede_conf *c, struct lede_keymap *km, struct lede_err *err);

#endif
