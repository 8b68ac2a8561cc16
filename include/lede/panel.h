/* The side panel: stacked sections listing the article's people, places,
 * quotes, facts, warnings and the reader's notes, each entry a jump target. */
#ifndef LEDE_PANEL_H
#define LEDE_PANEL_H

#include <stddef.h>

#include "lede/buf.h"
#include "lede/doc.h"
#include "lede/err.h"

enum lede_panel_section {
	LEDE_SEC_PEOPLE,
	LEDE_SEC_PLACES,
	LEDE_SEC_QUOTES,
	LEDE_SEC_FACTS,
	LEDE_SEC_WARNINGS,
	LEDE_SEC_NOTES,
	LEDE_SEC_COUNT
};

struct lede_panel_item {
	int section;
	int ref;              /* index into the doc's array for the section */
};

/* Labels are made when drawn, so a panel over a huge article costs one
 * small array, not a string per entry. */
struct lede_panel {
	const struct lede_doc *doc;
	struct lede_panel_item *items;   /* grouped by section, in section order */
	size_t n, cap;
	size_t first[LEDE_SEC_COUNT + 1];
	size_t scroll[LEDE_SEC_COUNT];   /* first item shown, per section */
	size_t sel;                      /* the selected item when n > 0 */
};

int lede_panel_build(struct lede_panel *p, const struct lede_doc *doc, struct lede_err *err);
void lede_panel_free(struct lede_panel *p);
const char *lede_panel_section_name(int section);
/* Moves the selection by delta items, across sections, clamped. */
void lede_panel_move(struct lede_panel *p, int delta);
const struct lede_panel_item *lede_panel_selected(const struct lede_panel *p);
/* Appends item's label ("Emmanuel Macron, French President (3)") to out. */
void lede_panel_label(const struct lede_panel *p, const struct lede_panel_item *it,
    struct lede_buf *out);
/* Draws the panel in the rectangle; the selection shows when focused. */
void lede_panel_draw(struct lede_panel *p, int y, int x, int h, int w, int focused);

#endif
