/* The side panel's entries and drawing. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lede/buf.h"
#include "lede/panel.h"
#include "lede/screen.h"

static const char *const section_names[LEDE_SEC_COUNT] = {
	"People", "Places", "Quotes", "Facts", "Warnings", "Notes",
};

const char *
lede_panel_section_name(int section)
{
	return section >= 0 && section < LEDE_SEC_COUNT ? section_names[section] : "?";
}

static int
add_item(struct lede_panel *p, int section, int ref)
{
	if (!lede_grow(&p->items, &p->cap, p->n + 1, sizeof *p->items))
		return -1;
	p->items[p->n++] = (struct lede_panel_item){ section, ref };
	return 0;
}

static const struct lede_entity *sort_base;

/* Most mentioned first; ties keep the order the annotator gave. */
static int
cmp_mentions(const void *a, const void *b)
{
	const struct lede_panel_item *x = a, *y = b;
	size_t mx = sort_base[x->ref].nmentions, my = sort_base[y->ref].nmentions;

	if (mx != my)
		return mx > my ? -1 : 1;
	return x->ref - y->ref;
}

static int
add_section(struct lede_panel *p, int section, size_t n)
{
	if (!lede_grow(&p->items, &p->cap, p->n + n + 1, sizeof *p->items))
		return -1;
	for (size_t i = 0; i < n; i++)
		add_item(p, section, (int)i);
	return 0;
}

int
lede_panel_build(struct lede_panel *p, const struct lede_doc *d, struct lede_err *err)
{
	static const int order[] = { LEDE_SEC_PEOPLE, LEDE_SEC_PLACES, LEDE_SEC_QUOTES,
	    LEDE_SEC_FACTS, LEDE_SEC_WARNINGS, LEDE_SEC_NOTES };
	const size_t count[] = { d->npeople, d->nplaces, d->nquotes, d->nfacts, d->nwarnings,
	    d->nnotes };

	memset(p, 0, sizeof *p);
	p->doc = d;
	for (int s = 0; s < LEDE_SEC_COUNT; s++) {
		p->first[order[s]] = p->n;
		if (add_section(p, order[s], count[s]) != 0) {
			lede_panel_free(p);
			return lede_err_oom(err);
		}
	}
	p->first[LEDE_SEC_COUNT] = p->n;
	sort_base = d->people;
	qsort(p->items + p->first[LEDE_SEC_PEOPLE], d->npeople, sizeof *p->items, cmp_mentions);
	sort_base = d->places;
	qsort(p->items + p->first[LEDE_SEC_PLACES], d->nplaces, sizeof *p->items, cmp_mentions);
	return 0;
}

void
lede_panel_label(const struct lede_panel *p, const struct lede_panel_item *it,
    struct lede_buf *b)
{
	const struct lede_doc *d = p->doc;
	const struct lede_entity *e;
	const struct lede_quote *q;
	const struct lede_note *nt;

	switch (it->section) {
	case LEDE_SEC_PEOPLE:
	case LEDE_SEC_PLACES:
		e = it->section == LEDE_SEC_PEOPLE ? &d->people[it->ref] : &d->places[it->ref];
		lede_buf_adds(b, e->name ? e->name : "?");
		if (e->nroles > 0) {
			lede_buf_lit(b, ", ");
			lede_buf_adds(b, e->roles[0]);
		}
		lede_buf_printf(b, " (%zu)", e->nmentions);
		break;
	case LEDE_SEC_QUOTES:
		q = &d->quotes[it->ref];
		if (q->speaker >= 0 && (size_t)q->speaker < d->npeople)
			lede_buf_adds(b, d->people[q->speaker].name);
		else if (q->source != NULL)
			lede_buf_adds(b, q->source);
		else
			lede_buf_lit(b, "(unattributed)");
		lede_buf_lit(b, ": \xE2\x80\x9C");
		/* The first words are all that fits; 200 bytes is plenty. */
		lede_buf_add(b, q->text ? q->text : "", q->text ? strnlen(q->text, 200) : 0);
		break;
	case LEDE_SEC_FACTS:
		lede_buf_printf(b, "%s: %.200s", d->facts[it->ref].kind ? d->facts[it->ref].kind : "fact",
		    d->facts[it->ref].text ? d->facts[it->ref].text : "");
		break;
	case LEDE_SEC_WARNINGS:
		lede_buf_printf(b, "%.300s", d->warnings[it->ref].message ? d->warnings[it->ref].message :
		    d->warnings[it->ref].kind);
		break;
	case LEDE_SEC_NOTES:
		nt = &d->notes[it->ref];
		if (nt->text != NULL)
			lede_buf_printf(b, "%.200s \xE2\x80\x94 %.200s", nt->text, nt->exact ? nt->exact : "");
		else
			lede_buf_printf(b, "highlight: %.200s", nt->exact ? nt->exact : "");
		break;
	}
}

void
lede_panel_free(struct lede_panel *p)
{
	free(p->items);
	memset(p, 0, sizeof *p);
}

void
lede_panel_move(struct lede_panel *p, int delta)
{
	long s = (long)p->sel + delta;

	if (p->n == 0)
		return;
	if (s < 0)
		s = 0;
	if ((size_t)s >= p->n)
		s = (long)p->n - 1;
	p->sel = (size_t)s;
}

const struct lede_panel_item *
lede_panel_selected(const struct lede_panel *p)
{
	return p->n > 0 ? &p->items[p->sel] : NULL;
}

/* Notes get a section only once there are some. */
static int
shown(const struct lede_panel *p, int s)
{
	return s != LEDE_SEC_NOTES || p->first[s + 1] > p->first[s];
}

/* Splits the rows left after the headings between the sections, so every
 * heading stays on screen: small sections get all they need, the rest
 * share what remains evenly. */
static void
allocate(const struct lede_panel *p, int rows, int *give)
{
	int need[LEDE_SEC_COUNT], open = 0, left = rows, changed = 1;

	for (int s = 0; s < LEDE_SEC_COUNT; s++) {
		give[s] = -1;
		need[s] = 0;
		if (!shown(p, s)) {
			give[s] = 0;
			continue;
		}
		need[s] = (int)(p->first[s + 1] - p->first[s]);
		if (need[s] == 0)
			need[s] = 1;   /* the "(none)" line */
		open++;
	}
	while (changed && open > 0) {
		changed = 0;
		for (int s = 0; s < LEDE_SEC_COUNT; s++)
			if (give[s] < 0 && need[s] <= left / open) {
				give[s] = need[s];
				left -= need[s];
				open--;
				changed = 1;
			}
	}
	for (int s = 0; s < LEDE_SEC_COUNT && open > 0; s++)
		if (give[s] < 0) {
			give[s] = left / open;
			left -= give[s];
			open--;
		}
}

void
lede_panel_draw(struct lede_panel *p, int y, int x, int h, int w, int focused)
{
	struct lede_buf label = LEDE_BUF_INIT;
	int give[LEDE_SEC_COUNT], row = y, nsec = 0;
	char head[64];

	if (w < 2 || h < 1)
		return;
	for (int s = 0; s < LEDE_SEC_COUNT; s++)
		nsec += shown(p, s);
	allocate(p, h - nsec, give);
	for (int s = 0; s < LEDE_SEC_COUNT && row < y + h; s++) {
		size_t n = p->first[s + 1] - p->first[s], first;

		if (!shown(p, s))
			continue;
		snprintf(head, sizeof head, "%s (%zu)", section_names[s], n);
		lede_scr_fill(row, x, w, LEDE_ROLE_PANEL);
		lede_scr_text(row, x, w, head, strlen(head), LEDE_ROLE_PANEL_HEADING);
		row++;
		if (n == 0 && give[s] > 0 && row < y + h) {
			lede_scr_fill(row, x, w, LEDE_ROLE_PANEL);
			lede_scr_text(row, x + 2, w - 2, "(none)", 6, LEDE_ROLE_PANEL);
			row++;
			continue;
		}
		/* Keep the selection inside its section's window. */
		if (p->sel >= p->first[s] && p->sel < p->first[s + 1] && give[s] > 0) {
			size_t k = p->sel - p->first[s];

			if (k < p->scroll[s])
				p->scroll[s] = k;
			if (k >= p->scroll[s] + (size_t)give[s])
				p->scroll[s] = k - (size_t)give[s] + 1;
		}
		if (p->scroll[s] + (size_t)give[s] > n)
			p->scroll[s] = n > (size_t)give[s] ? n - (size_t)give[s] : 0;
		first = p->first[s] + p->scroll[s];
		for (int i = 0; i < give[s] && first + (size_t)i < p->first[s + 1] && row < y + h; i++) {
			size_t it = first + (size_t)i;
			enum lede_role r = focused && it == p->sel ? LEDE_ROLE_PANEL_SELECTED : LEDE_ROLE_PANEL;

			lede_buf_reset(&label);
			lede_panel_label(p, &p->items[it], &label);
			lede_scr_fill(row, x, w, r);
			if (lede_buf_ok(&label) && label.len > 0) {
				/* A cut label ends in an ellipsis, so it reads as cut. */
				if ((int)lede_text_width(label.data, label.len) > w - 2 && w > 4) {
					int used = lede_scr_text(row, x + 2, w - 3, label.data, label.len, r);
					lede_scr_text(row, x + 2 + used, 1, "\xE2\x80\xA6", 3, r);
				} else {
					lede_scr_text(row, x + 2, w - 2, label.data, label.len, r);
				}
			}
			row++;
		}
	}
	for (; row < y + h; row++)
		lede_scr_fill(row, x, w, LEDE_ROLE_PANEL);
	lede_buf_free(&label);
}
