/* Safe drawing: text from a page reaches the terminal only through these
 * functions, which draw printable characters and nothing else. */
#ifndef LEDE_SCREEN_H
#define LEDE_SCREEN_H

#include <stddef.h>
#include <stdint.h>

#include "lede/theme.h"

/* How a code point is shown: the columns it takes (0 for a combining mark,
 * 1 or 2), with *shown set to what to draw (U+FFFD for a code point the
 * terminal cannot show); -1 when it is dropped (controls, bidi controls,
 * invisible characters). Never returns a control character in *shown. */
int lede_cell_width(uint32_t cp, uint32_t *shown);

/* Display width of UTF-8 text under lede_cell_width. */
size_t lede_text_width(const char *s, size_t n);

/* Turns the theme into ncurses attributes (after initscr). Colours past the
 * terminal's range fall back to the nearest of the basic eight; without
 * colours only the attributes stay. */
void lede_scr_apply_theme(const struct lede_theme *t);
/* The attribute and colour pair for a role, to pass to lede_scr_text. */
unsigned long lede_scr_attr(enum lede_role r, short *pair);

/* Draws UTF-8 text at (y, x) in at most maxw columns, clipped at a character
 * boundary, in the role's style. Returns the columns drawn. */
int lede_scr_text(int y, int x, int maxw, const char *s, size_t n, enum lede_role role);
/* Fills maxw columns with spaces in the role's style. */
void lede_scr_fill(int y, int x, int maxw, enum lede_role role);
/* Draws one character with combining marks (cps[0] the base, at most 4). */
void lede_scr_cell(int y, int x, const uint32_t *cps, int ncps, enum lede_role role);

#endif
