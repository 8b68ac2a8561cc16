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
add_item(struct lede_panel *p, int section, int ref, struct lede_buf *label)
{
	char *s;

	lede_buf_addc(label, '\0');
	if (!lede_buf_ok(label) || (s = lede_buf_detach(label)) == NULL)
		return -1;
	if (!lede_grow(&p->items, &p->cap, p->n + 1, sizeof *p->items)) {
		free(s);
		return -1;
	}
	p->items[p->n++] = (struct lede_panel_item){ section, ref, s };
	return 0;
}

static const struct lede_entity *sort_base;

/* Most mentioned first; ties keep the order the annotator gave. */
static int
cmp_mentions(const void *a, const void *b)
{
	const int *x = a, *y = b;
	size_t mx = sort_base[*x].nmentions, my = sort_base[*y].nmentions;

	if (mx != my)
		return mx > my ? -1 : 1;
	return *x - *y;
}

static int
add_entities(struct lede_panel *p, int section, const struct lede_entity *v, size_t n)
{
	struct lede_buf b = LEDE_BUF_INIT;
	int *order;

	if (n == 0)
		return 0;
	if ((order = malloc(n * sizeof *order)) == NULL)
		return -1;
	for (size_t i = 0; i < n; i++)
		order[i] = (int)i;
	sort_base = v;
	qsort(order, n, sizeof *order, cmp_mentions);
	for (size_t k = 0; k < n; k++) {
		const struct lede_entity *e = &v[order[k]];

		lede_buf_adds(&b, e->name ? e->name : "?");
		if (e->nroles > 0) {
			lede_buf_lit(&b, ", ");
			lede_buf_adds(&b, e->roles[0]);
		}
		lede_buf_printf(&b, " (%zu)", e->nmentions);
		if (add_item(p, section, order[k], &b) != 0) {
			free(order);
			lede_buf_free(&b);
			return -1;
		}
	}
	free(order);
	return 0;
}

int
lede_panel_build(struct lede_panel *p, const struct lede_doc *d, struct lede_err *err)
{
	struct lede_buf b = LEDE_BUF_INIT;
	int rc = 0;

	memset(p, 0, sizeof *p);
	p->first[LEDE_SEC_PEOPLE] = p->n;
	rc |= add_entities(p, LEDE_SEC_PEOPLE, d->people, d->npeople);
	p->first[LEDE_SEC_PLACES] = p->n;
	rc |= add_entities(p, LEDE_SEC_PLACES, d->places, d->nplaces);
	p->first[LEDE_SEC_QUOTES] = p->n;
	for (size_t i = 0; rc == 0 && i < d->nquotes; i++) {
		const struct lede_quote *q = &d->quotes[i];

		if (q->speaker >= 0 && (size_t)q->speaker < d->npeople)
			lede_buf_adds(&b, d->people[q->speaker].name);
		else if (q->source != NULL)
			lede_buf_adds(&b, q->source);
		else
			lede_buf_lit(&b, "(unattributed)");
		lede_buf_lit(&b, ": \xE2\x80\x9C");
		lede_buf_adds(&b, q->text ? q->text : "");
		rc |= add_item(p, LEDE_SEC_QUOTES, (int)i, &b);
	}
	p->first[LEDE_SEC_FACTS] = p->n;
	for (size_t i = 0; rc == 0 && i < d->nfacts; i++) {
		lede_buf_printf(&b, "%s: %s", d->facts[i].kind ? d->facts[i].kind : "fact",
		    d->facts[i].text ? d->facts[i].text : "");
		rc |= add_item(p, LEDE_SEC_FACTS, (int)i, &b);
	}
	p->first[LEDE_SEC_WARNINGS] = p->n;
	for (size_t i = 0; rc == 0 && i < d->nwarnings; i++) {
		lede_buf_adds(&b, d->warnings[i].message ? d->warnings[i].message : d->warnings[i].kind);
		rc |= add_item(p, LEDE_SEC_WARNINGS, (int)i, &b);
	}
	p->first[LEDE_SEC_NOTES] = p->n;
	for (size_t i = 0; rc == 0 && i < d->nnotes; i++) {
		const struct lede_note *nt = &d->notes[i];

		if (nt->text != NULL)
			lede_buf_printf(&b, "%s \xE2\x80\x94 %s", nt->text, nt->exact ? nt->exact : "");
		else
			lede_buf_printf(&b, "highlight: %s", nt->exact ? nt->exact : "");
		rc |= add_item(p, LEDE_SEC_NOTES, (int)i, &b);
	}
	p->first[LEDE_SEC_COUNT] = p->n;
	lede_buf_free(&b);
	if (rc != 0) {
		lede_panel_free(p);
		return lede_err_oom(err);
	}
	return 0;
}

void
lede_panel_free(struct lede_panel *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->items[i].label);
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

			lede_scr_fill(row, x, w, r);
			lede_scr_text(row, x + 2, w - 2, p->items[it].label, strlen(p->items[it].label), r);
			row++;
		}
	}
	for (; row < y + h; row++)
		lede_scr_fill(row, x, w, LEDE_ROLE_PANEL);
}
