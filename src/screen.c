/* The only place page text meets ncurses. */
#include "config.h"

#include <curses.h>
#include <string.h>
#include <wchar.h>

#include "lede/screen.h"
#include "lede/text.h"

static attr_t role_attr[LEDE_ROLE_COUNT];
static short role_pair[LEDE_ROLE_COUNT];

int
lede_cell_width(uint32_t cp, uint32_t *shown)
{
	int w;

	/* Printable ASCII, most of any article, needs no table look-up. */
	if (cp >= 0x20 && cp < 0x7F) {
		*shown = cp;
		return 1;
	}
	if (lede_cp_is_forbidden(cp) || lede_cp_is_invisible(cp))
		return -1;
	*shown = cp;
	w = wcwidth((wchar_t)cp);
	if (w < 0) {
		*shown = LEDE_REPLACEMENT;
		return 1;
	}
	return w > 2 ? 2 : w;
}

size_t
lede_text_width(const char *s, size_t n)
{
	size_t i = 0, adv, cols = 0;
	uint32_t shown;
	int w;

	while (i < n) {
		w = lede_cell_width(lede_utf8_next(s + i, n - i, &adv), &shown);
		if (w > 0)
			cols += (size_t)w;
		i += adv;
	}
	return cols;
}

/* The nearest of the eight basic colours for an xterm 256-colour index. */
static short
basic_color(int c)
{
	if (c < 8)
		return (short)c;
	if (c < 16)
		return (short)(c - 8);
	if (c < 232) {
		int v = c - 16, r = v / 36, g = (v / 6) % 6, b = v % 6;
		return (short)((r >= 3 ? 1 : 0) | (g >= 3 ? 2 : 0) | (b >= 3 ? 4 : 0));
	}
	return c < 244 ? COLOR_BLACK : COLOR_WHITE;
}

static short
fit_color(int c)
{
	if (c < 0)
		return -1;
	if (c < COLORS)
		return (short)c;
	return basic_color(c);
}

void
lede_scr_apply_theme(const struct lede_theme *t)
{
	int color = 0;
	static const struct { unsigned lede; attr_t nc; } map[] = {
		{ LEDE_ATTR_BOLD, A_BOLD }, { LEDE_ATTR_DIM, A_DIM },
		{ LEDE_ATTR_UNDERLINE, A_UNDERLINE }, { LEDE_ATTR_REVERSE, A_REVERSE },
		{ LEDE_ATTR_ITALIC, A_ITALIC }, { LEDE_ATTR_STANDOUT, A_STANDOUT },
	};

	/* COLORS is only known once start_color has run. */
	if (has_colors() && t->uses_color && start_color() == OK && COLORS >= 8) {
		color = 1;
		use_default_colors();
	}
	for (int r = 0; r < LEDE_ROLE_COUNT; r++) {
		const struct lede_style *s = &t->role[r];
		attr_t a = 0;

		for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
			if (s->attrs & map[i].lede)
				a |= map[i].nc;
		role_attr[r] = a;
		role_pair[r] = 0;
		if (color && (s->fg >= 0 || s->bg >= 0) && r + 1 < COLOR_PAIRS) {
			if (init_pair((short)(r + 1), fit_color(s->fg), fit_color(s->bg)) == OK)
				role_pair[r] = (short)(r + 1);
		}
	}
}

unsigned long
lede_scr_attr(enum lede_role r, short *pair)
{
	*pair = role_pair[r];
	return role_attr[r];
}

void
lede_scr_cell(int y, int x, const uint32_t *cps, int ncps, enum lede_role role)
{
	wchar_t wc[CCHARW_MAX + 1];
	cchar_t cc;
	int n = 0;

	for (int i = 0; i < ncps && n < CCHARW_MAX; i++)
		wc[n++] = (wchar_t)cps[i];
	wc[n] = L'\0';
	if (setcchar(&cc, wc, role_attr[role], role_pair[role], NULL) == OK)
		mvadd_wch(y, x, &cc);
}

void
lede_scr_fill(int y, int x, int maxw, enum lede_role role)
{
	static const uint32_t sp = ' ';

	for (int i = 0; i < maxw; i++)
		lede_scr_cell(y, x + i, &sp, 1, role);
}

int
lede_scr_text(int y, int x, int maxw, const char *s, size_t n, enum lede_role role)
{
	uint32_t cps[CCHARW_MAX];
	size_t i = 0, adv;
	int col = 0, ncps = 0, basew = 0, w;
	uint32_t shown;

	while (i < n) {
		w = lede_cell_width(lede_utf8_next(s + i, n - i, &adv), &shown);
		i += adv;
		if (w < 0)
			continue;
		if (w == 0) {
			/* A combining mark joins the character before it; one with
			 * nothing to join is dropped rather than drawn alone. */
			if (ncps > 0 && ncps < CCHARW_MAX - 1)
				cps[ncps++] = shown;
			continue;
		}
		if (ncps > 0) {
			lede_scr_cell(y, x + col, cps, ncps, role);
			col += basew;
			ncps = 0;
		}
		if (col + w > maxw)
			return col;
		cps[ncps++] = shown;
		basew = w;
	}
	if (ncps > 0) {
		lede_scr_cell(y, x + col, cps, ncps, role);
		col += basew;
	}
	return col;
}
