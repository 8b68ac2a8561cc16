/* The pager: the article column, the panel, the status line and the keys.
 * Drawing goes through screen.c (printable characters only); wrapping
 * through layout.c (lazy, so a key costs what the screen shows); the keys
 * through the request table in keys.h. */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "lede/buf.h"
#include "lede/conf.h"
#include "lede/copy.h"
#include "lede/keys.h"
#include "lede/layout.h"
#include "lede/note.h"
#include "lede/pager.h"
#include "lede/panel.h"
#include "lede/screen.h"
#include "lede/term.h"
#include "lede/text.h"
#include "lede/theme.h"

#define WIDE_COLS 100        /* from here on the panel sits beside the article */
#define JUMP_CONTEXT 2       /* lines kept above a jump target */
#define WHEEL_LINES 3

struct pos {
	size_t block, line;
};

struct view {
	struct lede_doc *doc;
	struct lede_layout *lay;
	struct lede_panel panel;
	struct pos top;
	size_t *qorder;            /* quote indices in reading order */
	long qsel;                 /* selected quote, an index into qorder, or -1 */
	char *pat;                 /* the search pattern, or NULL */
	size_t patlen;
	int icase;
	int ent_kind, ent_ref;     /* mentions searched instead (LEDE_MARK_*), ref -1 none */
	struct lede_span *ments;   /* those mentions in reading order */
	size_t nments;
	int have_match;
	struct lede_span match;
};

struct pager {
	struct view *views;
	size_t nviews, cur;
	struct lede_keymap keys;
	struct lede_theme theme;
	int want_width;
	int panel_on;              /* side panel on wide terminals */
	int overlay;               /* the panel over the article on narrow ones */
	int focus_panel;
	int rows, cols, art_x, art_w, art_rows, panel_x, panel_w, too_small;
	char msg[768];
	int quit, oom;
	FILE *trace;
	struct timespec t_entry;
	struct timespec t_key;     /* when the current key began, less any wait */
};

/* ---- time and trace ---------------------------------------------------- */

static double
since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

static void
trace_event(struct pager *p, const char *event, const char *name, double secs)
{
	if (p->trace == NULL)
		return;
	if (name != NULL)
		fprintf(p->trace, "%s %s %.6f\n", event, name, secs);
	else
		fprintf(p->trace, "%s %.6f\n", event, secs);
	fflush(p->trace);
}

/* ---- positions --------------------------------------------------------- */

static struct view *
cur_view(struct pager *p)
{
	return &p->views[p->cur];
}

static size_t
nlines(struct pager *p, struct view *v, size_t b)
{
	size_t n;

	if (lede_layout_lines(v->lay, b, &n) == NULL) {
		p->oom = 1;
		return 1;
	}
	return n;
}

static int
pos_cmp(struct pos a, struct pos b)
{
	if (a.block != b.block)
		return a.block < b.block ? -1 : 1;
	if (a.line != b.line)
		return a.line < b.line ? -1 : 1;
	return 0;
}

static int
pos_next(struct pager *p, struct view *v, struct pos *ps)
{
	if (ps->line + 1 < nlines(p, v, ps->block)) {
		ps->line++;
		return 0;
	}
	if (ps->block + 1 < lede_layout_nblocks(v->lay)) {
		ps->block++;
		ps->line = 0;
		return 0;
	}
	return -1;
}

static int
pos_prev(struct pager *p, struct view *v, struct pos *ps)
{
	if (ps->line > 0) {
		ps->line--;
		return 0;
	}
	if (ps->block > 0) {
		ps->block--;
		ps->line = nlines(p, v, ps->block) - 1;
		return 0;
	}
	return -1;
}

/* Keeps the last page full: the top never goes so far that the screen
 * would show less than a page while there is text above. */
static void
clamp_bottom(struct pager *p, struct view *v)
{
	struct pos ps = v->top;
	int k = 1;

	while (k < p->art_rows && pos_next(p, v, &ps) == 0)
		k++;
	for (; k < p->art_rows; k++)
		if (pos_prev(p, v, &v->top) != 0)
			break;
}

static void
scroll_by(struct pager *p, struct view *v, int n)
{
	for (; n > 0; n--)
		if (pos_next(p, v, &v->top) != 0)
			break;
	for (; n < 0; n++)
		if (pos_prev(p, v, &v->top) != 0)
			break;
	clamp_bottom(p, v);
}

static struct pos
span_pos(struct pager *p, struct view *v, int para, size_t off)
{
	struct pos ps;

	(void)p;
	ps.block = para == LEDE_TITLE ? 0 : (size_t)para + 1;
	ps.line = lede_layout_line_at(v->lay, ps.block, off);
	return ps;
}

static int
visible(struct pager *p, struct view *v, struct pos target)
{
	struct pos ps = v->top;

	for (int k = 0; k < p->art_rows; k++) {
		if (pos_cmp(ps, target) == 0)
			return 1;
		if (pos_next(p, v, &ps) != 0)
			break;
	}
	return 0;
}

static void
jump_to(struct pager *p, struct view *v, struct pos target)
{
	v->top = target;
	for (int k = 0; k < JUMP_CONTEXT && k < p->art_rows / 3; k++)
		if (pos_prev(p, v, &v->top) != 0)
			break;
	clamp_bottom(p, v);
}

/* A line's place that survives a reflow: its block, source and first byte. */
struct anchor {
	size_t block, off;
	unsigned src;
};

static struct anchor
anchor_of(struct pager *p, struct view *v)
{
	struct anchor a = { v->top.block, 0, LEDE_LINE_BLANK };
	const struct lede_line *ln;
	size_t n;

	if ((ln = lede_layout_lines(v->lay, v->top.block, &n)) == NULL) {
		p->oom = 1;
		return a;
	}
	if (v->top.line < n) {
		a.off = ln[v->top.line].start;
		a.src = ln[v->top.line].src;
	}
	return a;
}

static void
restore_anchor(struct pager *p, struct view *v, struct anchor a)
{
	const struct lede_line *ln;
	size_t n;

	v->top.block = a.block;
	v->top.line = 0;
	if ((ln = lede_layout_lines(v->lay, a.block, &n)) == NULL) {
		p->oom = 1;
		return;
	}
	for (size_t i = 0; i < n; i++)
		if (ln[i].src == a.src && ln[i].start <= a.off)
			v->top.line = i;
	if (a.src == LEDE_LINE_BLANK)
		v->top.line = n - 1;
	clamp_bottom(p, v);
}

/* ---- geometry ---------------------------------------------------------- */

static void
set_width(struct pager *p, struct view *v, int w)
{
	struct anchor a;

	if (lede_layout_width(v->lay) == w)
		return;
	a = anchor_of(p, v);
	lede_layout_set_width(v->lay, w);
	restore_anchor(p, v, a);
}

static void
geometry(struct pager *p)
{
	int avail, margin;

	getmaxyx(stdscr, p->rows, p->cols);
	p->too_small = p->rows < 3 || p->cols < 16;
	p->art_rows = p->rows - 1;
	if (p->art_rows < 1)
		p->art_rows = 1;
	p->panel_w = 0;
	p->panel_x = p->cols;
	avail = p->cols;
	if (p->cols >= WIDE_COLS && p->panel_on) {
		p->panel_w = p->cols / 3;
		if (p->panel_w > 50)
			p->panel_w = 50;
		p->panel_x = p->cols - p->panel_w;
		avail = p->panel_x - 1;
	}
	margin = avail >= 40 ? 2 : 0;
	p->art_x = margin;
	p->art_w = avail - 2 * margin;
	if (p->art_w > p->want_width)
		p->art_w = p->want_width;
	if (p->art_w < 4)
		p->art_w = 4;
	if (p->cols >= WIDE_COLS)
		p->overlay = 0;
	set_width(p, cur_view(p), p->art_w);
}

static int
panel_visible(const struct pager *p)
{
	return p->panel_w > 0 || p->overlay;
}

/* ---- drawing ----------------------------------------------------------- */

struct run {
	size_t start, end;
	int prio;
	enum lede_role role;
};

#define MAX_RUNS 128

static size_t
find(const struct view *v, const char *s, size_t len, size_t from)
{
	if (v->patlen == 0 || len < v->patlen)
		return (size_t)-1;
	for (size_t i = from; i + v->patlen <= len; i++) {
		size_t k = 0;

		if (v->icase) {
			while (k < v->patlen) {
				unsigned char a = (unsigned char)s[i + k], b = (unsigned char)v->pat[k];
				if (a >= 'A' && a <= 'Z')
					a = (unsigned char)(a + 32);
				if (a != b)
					break;
				k++;
			}
		} else {
			while (k < v->patlen && s[i + k] == v->pat[k])
				k++;
		}
		if (k == v->patlen)
			return i;
	}
	return (size_t)-1;
}

/* The annotations and search matches that touch [s, e) of a block. */
static size_t
line_runs(struct pager *p, struct view *v, size_t block, const char *text, size_t len,
    size_t s, size_t e, struct run *runs)
{
	const struct lede_mark_span *m;
	size_t nm, nr = 0;
	long selq = v->qsel >= 0 ? (long)v->qorder[v->qsel] : -1;

	(void)p;
	m = lede_layout_marks_near(v->lay, block, s, &nm);
	for (size_t i = 0; i < nm && nr < MAX_RUNS; i++) {
		struct run r = { m[i].start, m[i].end, 0, LEDE_ROLE_NORMAL };

		if (m[i].start >= e)
			break;
		if (m[i].end <= s)
			continue;
		switch (m[i].kind) {
		case LEDE_MARK_QUOTE:
			r.prio = m[i].ref == selq ? 2 : 1;
			r.role = m[i].ref == selq ? LEDE_ROLE_QUOTE_SELECTED : LEDE_ROLE_QUOTE;
			break;
		case LEDE_MARK_FACT: r.prio = 3; r.role = LEDE_ROLE_FACT; break;
		case LEDE_MARK_PLACE: r.prio = 4; r.role = LEDE_ROLE_PLACE; break;
		case LEDE_MARK_PERSON: r.prio = 5; r.role = LEDE_ROLE_PERSON; break;
		case LEDE_MARK_NOTE: r.prio = 6; r.role = LEDE_ROLE_NOTE; break;
		}
		if (v->ent_ref >= 0 && m[i].kind == v->ent_kind && m[i].ref == v->ent_ref) {
			r.prio = 7;
			r.role = LEDE_ROLE_SEARCH;
		}
		runs[nr++] = r;
	}
	if (v->pat != NULL && v->patlen > 0) {
		size_t from = s >= v->patlen ? s - v->patlen + 1 : 0, at;

		while (nr < MAX_RUNS && (at = find(v, text, len, from)) != (size_t)-1 && at < e) {
			runs[nr++] = (struct run){ at, at + v->patlen, 7, LEDE_ROLE_SEARCH };
			from = at + 1;
		}
	}
	return nr;
}

static void
draw_line(struct pager *p, struct view *v, int y, size_t block, const struct lede_line *ln)
{
	enum lede_role base = LEDE_ROLE_NORMAL, role;
	struct run runs[MAX_RUNS];
	const char *text;
	size_t len, nr, i, adv, j;
	int x = p->art_x, col = 0, indent = 0, best, w;
	uint32_t shown;

	if (ln->src == LEDE_LINE_BLANK)
		return;
	text = lede_layout_source(v->lay, block, ln->src, &len);
	if (ln->src == LEDE_LINE_TITLE)
		base = LEDE_ROLE_TITLE;
	else if (ln->src == LEDE_LINE_META)
		base = LEDE_ROLE_BYLINE;
	else {
		switch (v->doc->paras[block - 1].kind) {
		case LEDE_PARA_HEADING:
			base = LEDE_ROLE_HEADING;
			break;
		case LEDE_PARA_BLOCKQUOTE:
			base = LEDE_ROLE_BLOCKQUOTE;
			lede_scr_text(y, x, 2, "\xE2\x94\x82 ", 4, LEDE_ROLE_BAR);
			indent = 2;
			break;
		case LEDE_PARA_LIST_ITEM:
			if (ln->first)
				lede_scr_text(y, x, 2, "\xE2\x80\xA2 ", 4, LEDE_ROLE_BULLET);
			indent = 2;
			break;
		default:
			break;
		}
	}
	nr = ln->src == LEDE_LINE_META ? 0 : line_runs(p, v, block, text, len, ln->start, ln->end, runs);
	for (i = ln->start; i < ln->end && col < p->art_w - indent; i = j) {
		/* One character with the marks that combine with it. */
		j = i;
		lede_utf8_next(text + j, len - j, &adv);
		j += adv;
		while (j < ln->end) {
			if (lede_cell_width(lede_utf8_next(text + j, len - j, &adv), &shown) != 0)
				break;
			j += adv;
		}
		role = base;
		best = 0;
		for (size_t r = 0; r < nr; r++)
			if (runs[r].start <= i && i < runs[r].end && runs[r].prio > best) {
				best = runs[r].prio;
				role = runs[r].role;
			}
		w = lede_scr_text(y, x + indent + col, p->art_w - indent - col, text + i, j - i, role);
		col += w;
	}
}

static void
draw_article(struct pager *p, struct view *v)
{
	struct pos ps = v->top;
	const struct lede_line *ln;
	size_t n;

	for (int y = 0; y < p->art_rows; y++) {
		if ((ln = lede_layout_lines(v->lay, ps.block, &n)) == NULL) {
			p->oom = 1;
			return;
		}
		if (ps.line < n)
			draw_line(p, v, y, ps.block, &ln[ps.line]);
		if (pos_next(p, v, &ps) != 0)
			break;
	}
}

static int
percent(struct pager *p, struct view *v)
{
	struct pos ps = v->top;
	const struct lede_line *ln;
	size_t n, total = lede_layout_total_bytes(v->lay), at;

	for (int k = 1; k < p->art_rows; k++)
		if (pos_next(p, v, &ps) != 0)
			return 100;
	if (pos_next(p, v, &(struct pos){ ps.block, ps.line }) != 0)
		return 100;
	if ((ln = lede_layout_lines(v->lay, ps.block, &n)) == NULL || total == 0)
		return 100;
	at = lede_layout_bytes_before(v->lay, ps.block) + ln[ps.line].end;
	return (int)(at * 100 / total);
}

static void
draw_status(struct pager *p, struct view *v)
{
	struct lede_buf right = LEDE_BUF_INIT;
	const char *src = v->doc->url ? v->doc->url : v->doc->input ? v->doc->input : "";
	int y = p->rows - 1, rw, lw;

	if (p->msg[0] != '\0') {
		lede_buf_adds(&right, p->msg);
		lede_buf_lit(&right, "   ");
	}
	if (v->qsel >= 0) {
		const struct lede_quote *q = &v->doc->quotes[v->qorder[v->qsel]];

		lede_buf_printf(&right, "quote %ld/%zu", v->qsel + 1, v->doc->nquotes);
		if (q->speaker >= 0 && (size_t)q->speaker < v->doc->npeople)
			lede_buf_printf(&right, " %s", v->doc->people[q->speaker].name);
		else if (q->source != NULL)
			lede_buf_printf(&right, " %s", q->source);
		lede_buf_lit(&right, "   ");
	}
	if (p->nviews > 1)
		lede_buf_printf(&right, "[%zu/%zu] ", p->cur + 1, p->nviews);
	lede_buf_printf(&right, "%3d%% ", percent(p, v));
	lede_scr_fill(y, 0, p->cols, LEDE_ROLE_STATUS);
	if (!lede_buf_ok(&right)) {
		lede_buf_free(&right);
		return;
	}
	rw = (int)lede_text_width(right.data, right.len);
	lw = p->cols - rw - 2;
	if (lw > 0)
		lede_scr_text(y, 1, lw, src, strlen(src), LEDE_ROLE_STATUS);
	lede_scr_text(y, rw < p->cols ? p->cols - rw : 0, p->cols, right.data, right.len,
	    LEDE_ROLE_STATUS);
	lede_buf_free(&right);
}

static void
draw(struct pager *p)
{
	struct view *v = cur_view(p);

	erase();
	if (p->too_small) {
		lede_scr_text(0, 0, p->cols, "Terminal too small", 18, LEDE_ROLE_MESSAGE);
		refresh();
		return;
	}
	if (p->overlay) {
		lede_panel_draw(&v->panel, 0, 0, p->art_rows, p->cols, 1);
	} else {
		draw_article(p, v);
		if (p->panel_w > 0) {
			static const uint32_t bar = 0x2502;

			for (int y = 0; y < p->art_rows; y++)
				lede_scr_cell(y, p->panel_x - 1, &bar, 1, LEDE_ROLE_PANEL_BORDER);
			lede_panel_draw(&v->panel, 0, p->panel_x + 1, p->art_rows, p->panel_w - 1,
			    p->focus_panel);
		}
	}
	draw_status(p, v);
	refresh();
}

/* ---- the bottom-line prompt -------------------------------------------- */

static void
draw_prompt(struct pager *p, const char *label, const struct lede_buf *b)
{
	int y = p->rows - 1, lw, bw, x;
	size_t off = 0, adv;

	lede_scr_fill(y, 0, p->cols, LEDE_ROLE_PROMPT);
	lw = lede_scr_text(y, 0, p->cols - 1, label, strlen(label), LEDE_ROLE_PROMPT);
	/* Long input scrolls: show its tail so the cursor stays in view. */
	while (off < b->len && (bw = (int)lede_text_width(b->data + off, b->len - off)) > p->cols - lw - 1) {
		lede_utf8_next(b->data + off, b->len - off, &adv);
		off += adv;
	}
	x = lw + lede_scr_text(y, lw, p->cols - lw - 1, b->data ? b->data + off : "", b->len - off,
	    LEDE_ROLE_PROMPT);
	move(y, x < p->cols ? x : p->cols - 1);
	refresh();
}

/* Reads a line on the bottom row: Backspace, C-u clears, Enter accepts, Esc
 * cancels. Returns 1 with *out malloc'd, 0 when cancelled, -1 on OOM. */
static int
prompt(struct pager *p, const char *label, const char *init, char **out)
{
	struct lede_buf b = LEDE_BUF_INIT;
	wint_t wc;
	int r, rc = 0;
	char u[4];

	lede_buf_adds(&b, init ? init : "");
	curs_set(1);
	draw_prompt(p, label, &b);
	for (;;) {
		r = get_wch(&wc);
		if (lede_term_signal())
			break;
		if (r == ERR)
			continue;
		if (r == KEY_CODE_YES) {
			if (wc == KEY_RESIZE) {
				geometry(p);
				draw(p);
			} else if (wc == KEY_BACKSPACE || wc == KEY_DC) {
				goto backspace;
			} else if (wc == KEY_ENTER) {
				rc = 1;
				break;
			}
		} else if (wc == LEDE_KEY_ESC || wc == LEDE_CTRL('g')) {
			break;
		} else if (wc == '\n' || wc == '\r') {
			rc = 1;
			break;
		} else if (wc == LEDE_CTRL('u')) {
			lede_buf_reset(&b);
		} else if (wc == 127 || wc == LEDE_CTRL('h')) {
backspace:
			while (b.len > 0 && ((unsigned char)b.data[b.len - 1] & 0xC0) == 0x80)
				b.len--;
			if (b.len > 0)
				b.len--;
			if (b.data)
				b.data[b.len] = '\0';
		} else if (wc >= 32 && wc <= 0x10FFFF && !lede_cp_is_forbidden((uint32_t)wc) &&
		    b.len < 4096) {
			lede_buf_add(&b, u, lede_utf8_put(u, (uint32_t)wc));
		}
		draw_prompt(p, label, &b);
	}
	curs_set(0);
	/* The trace times lede, not the reader's typing. */
	clock_gettime(CLOCK_MONOTONIC, &p->t_key);
	if (rc == 1) {
		lede_buf_addc(&b, '\0');
		if (!lede_buf_ok(&b) || (*out = lede_buf_detach(&b)) == NULL) {
			lede_buf_free(&b);
			return -1;
		}
		return 1;
	}
	lede_buf_free(&b);
	return 0;
}

/* ---- requests ---------------------------------------------------------- */

static int
cmp_quote_at(const struct lede_doc *d, size_t a, size_t b)
{
	const struct lede_span *x = &d->quotes[a].span, *y = &d->quotes[b].span;

	if (x->para != y->para)
		return x->para < y->para ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return a < b ? -1 : a > b;
}

static const struct lede_doc *sort_doc;

static int
cmp_qorder(const void *a, const void *b)
{
	return cmp_quote_at(sort_doc, *(const size_t *)a, *(const size_t *)b);
}


static struct pos
quote_pos(struct pager *p, struct view *v, long k)
{
	const struct lede_span *s = &v->doc->quotes[v->qorder[k]].span;

	return span_pos(p, v, s->para, s->start);
}

static void
req_quote(struct pager *p, struct view *v, int dir)
{
	long n = (long)v->doc->nquotes, k;

	if (n == 0) {
		snprintf(p->msg, sizeof p->msg, "No quotes in this article");
		return;
	}
	if (v->qsel >= 0 && visible(p, v, quote_pos(p, v, v->qsel))) {
		k = v->qsel + dir;
	} else {
		/* From the top of the screen: a binary search over reading order. */
		long lo = 0, hi = n;

		while (lo < hi) {
			long mid = lo + (hi - lo) / 2;

			if (pos_cmp(quote_pos(p, v, mid), v->top) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		k = dir > 0 ? lo : lo - 1;
	}
	if (k < 0 || k >= n) {
		snprintf(p->msg, sizeof p->msg, "No more quotes");
		return;
	}
	v->qsel = k;
	jump_to(p, v, quote_pos(p, v, k));
}

/* Where a search starts: just past the current match when it is on the
 * screen, else the top of the screen. Returns the block and byte offset. */
static void
search_origin(struct pager *p, struct view *v, int dir, size_t *block, size_t *off)
{
	const struct lede_line *ln;
	size_t n;

	if (v->have_match && visible(p, v, span_pos(p, v, v->match.para, v->match.start))) {
		*block = v->match.para == LEDE_TITLE ? 0 : (size_t)v->match.para + 1;
		*off = dir > 0 ? v->match.start + 1 : v->match.start;
		return;
	}
	*block = v->top.block;
	*off = 0;
	if ((ln = lede_layout_lines(v->lay, v->top.block, &n)) != NULL && v->top.line < n &&
	    ln[v->top.line].src != LEDE_LINE_META && ln[v->top.line].src != LEDE_LINE_BLANK)
		*off = ln[v->top.line].start;
	else if (dir > 0 && v->top.line > 0)
		*off = (size_t)-1;   /* past this block's text */
}

static const char *
block_text(struct view *v, size_t b, size_t *len)
{
	return lede_layout_source(v->lay, b, b == 0 ? LEDE_LINE_TITLE : LEDE_LINE_TEXT, len);
}

static int
search_pattern(struct pager *p, struct view *v, int dir)
{
	size_t b, off, len, at, nb = lede_layout_nblocks(v->lay);
	const char *t;

	search_origin(p, v, dir, &b, &off);
	if (dir > 0) {
		for (; b < nb; b++, off = 0) {
			t = block_text(v, b, &len);
			if (off != (size_t)-1 && (at = find(v, t, len, off)) != (size_t)-1) {
				v->match = (struct lede_span){ (int)b - 1, at, at + v->patlen };
				return 0;
			}
		}
		return -1;
	}
	for (;;) {
		size_t last = (size_t)-1, from = 0;

		t = block_text(v, b, &len);
		while ((at = find(v, t, len, from)) != (size_t)-1 && at < off) {
			last = at;
			from = at + 1;
		}
		if (last != (size_t)-1) {
			v->match = (struct lede_span){ (int)b - 1, last, last + v->patlen };
			return 0;
		}
		if (b == 0)
			return -1;
		b--;
		off = (size_t)-1;
	}
}

static int
search_mentions(struct pager *p, struct view *v, int dir)
{
	size_t b, off, lo = 0, hi = v->nments;
	struct lede_span key;

	search_origin(p, v, dir, &b, &off);
	key.para = (int)b - 1;
	key.start = off;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (lede_span_cmp(&v->ments[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (dir > 0 && lo < v->nments) {
		v->match = v->ments[lo];
		return 0;
	}
	if (dir < 0 && lo > 0) {
		v->match = v->ments[lo - 1];
		return 0;
	}
	return -1;
}

static void
req_match(struct pager *p, struct view *v, int dir)
{
	int rc;

	if (v->ent_ref >= 0)
		rc = search_mentions(p, v, dir);
	else if (v->pat != NULL)
		rc = search_pattern(p, v, dir);
	else {
		snprintf(p->msg, sizeof p->msg, "No previous search (press /)");
		return;
	}
	if (rc != 0) {
		snprintf(p->msg, sizeof p->msg, v->ent_ref >= 0 ? "No more mentions" : "Pattern not found");
		return;
	}
	v->have_match = 1;
	jump_to(p, v, span_pos(p, v, v->match.para, v->match.start));
}

static void
clear_search(struct view *v)
{
	free(v->pat);
	v->pat = NULL;
	v->patlen = 0;
	free(v->ments);
	v->ments = NULL;
	v->nments = 0;
	v->ent_ref = -1;
	v->have_match = 0;
}

static void
req_search(struct pager *p, struct view *v)
{
	char *s = NULL;
	int rc = prompt(p, "/", NULL, &s);

	if (rc < 0) {
		p->oom = 1;
		return;
	}
	if (rc == 0 || s[0] == '\0') {
		free(s);
		return;
	}
	clear_search(v);
	v->pat = s;
	v->patlen = strlen(s);
	/* Smart case: a pattern in lower case matches either case. */
	v->icase = 1;
	for (size_t i = 0; i < v->patlen; i++)
		if (s[i] >= 'A' && s[i] <= 'Z')
			v->icase = 0;
	req_match(p, v, 1);
}

static int
follow_entity(struct pager *p, struct view *v, int kind, const struct lede_entity *e, int ref)
{
	clear_search(v);
	if (e->nmentions == 0)
		return 0;
	if ((v->ments = malloc(e->nmentions * sizeof *v->ments)) == NULL) {
		p->oom = 1;
		return -1;
	}
	memcpy(v->ments, e->mentions, e->nmentions * sizeof *v->ments);
	v->nments = e->nmentions;
	qsort(v->ments, v->nments, sizeof *v->ments, lede_span_cmp);
	v->ent_kind = kind;
	v->ent_ref = ref;
	v->match = v->ments[0];
	v->have_match = 1;
	jump_to(p, v, span_pos(p, v, v->match.para, v->match.start));
	snprintf(p->msg, sizeof p->msg, "%zu mentions of %s: n and N step through them",
	    v->nments, e->name);
	return 0;
}

static void
req_enter(struct pager *p, struct view *v)
{
	const struct lede_panel_item *it = lede_panel_selected(&v->panel);
	const struct lede_doc *d = v->doc;
	struct lede_span s;

	if (it == NULL)
		return;
	switch (it->section) {
	case LEDE_SEC_PEOPLE:
		follow_entity(p, v, LEDE_MARK_PERSON, &d->people[it->ref], it->ref);
		break;
	case LEDE_SEC_PLACES:
		follow_entity(p, v, LEDE_MARK_PLACE, &d->places[it->ref], it->ref);
		break;
	case LEDE_SEC_QUOTES:
		for (size_t k = 0; k < d->nquotes; k++)
			if (v->qorder[k] == (size_t)it->ref) {
				v->qsel = (long)k;
				jump_to(p, v, quote_pos(p, v, v->qsel));
				break;
			}
		break;
	case LEDE_SEC_FACTS:
		s = d->facts[it->ref].span;
		jump_to(p, v, span_pos(p, v, s.para, s.start));
		break;
	case LEDE_SEC_WARNINGS:
		if (d->warnings[it->ref].para >= LEDE_TITLE &&
		    d->warnings[it->ref].para < (int)d->nparas)
			jump_to(p, v, span_pos(p, v, d->warnings[it->ref].para, 0));
		break;
	case LEDE_SEC_NOTES:
		s = d->notes[it->ref].span;
		if (lede_span_valid(d, s))
			jump_to(p, v, span_pos(p, v, s.para, s.start));
		break;
	}
	if (p->overlay) {
		p->overlay = 0;
		p->focus_panel = 0;
	}
}

/* The help, generated from the key table. When it is taller than the
 * screen, j, Down and Space scroll it; any other key closes it. */
static void
help_screen(struct pager *p)
{
	char keys[128];
	const char *foot;
	wint_t wc;
	int r, y, first = 1, nreq = LEDE_REQ_COUNT - 1, fits;

	for (;;) {
		erase();
		lede_scr_text(0, 1, p->cols - 1, "lede keys", 9, LEDE_ROLE_HEADING);
		fits = nreq + 2 <= p->rows - 1;
		if (fits || first < 1)
			first = 1;
		if (!fits && first > nreq - (p->rows - 3) + 1)
			first = nreq - (p->rows - 3) + 1;
		if (first < 1)
			first = 1;
		y = 2;
		for (int q = first; q < LEDE_REQ_COUNT && y < p->rows - 1; q++, y++) {
			const char *h = lede_request_help((enum lede_request)q);

			lede_keymap_keys(&p->keys, (enum lede_request)q, keys, sizeof keys);
			lede_scr_text(y, 1, 24, keys, strlen(keys), LEDE_ROLE_HELP_KEY);
			if (p->cols > 27)
				lede_scr_text(y, 27, p->cols - 28, h, strlen(h), LEDE_ROLE_HELP);
		}
		foot = fits ? "Press any key to close the help" :
		    "j, Down, Space: more   k, Up: back   any other key closes the help";
		lede_scr_fill(p->rows - 1, 0, p->cols, LEDE_ROLE_STATUS);
		lede_scr_text(p->rows - 1, 1, p->cols - 2, foot, strlen(foot), LEDE_ROLE_STATUS);
		refresh();
		do
			r = get_wch(&wc);
		while (r == ERR && !lede_term_signal());
		if (lede_term_signal())
			return;
		if (r == KEY_CODE_YES && wc == KEY_RESIZE) {
			geometry(p);
			continue;
		}
		if (!fits && ((r == OK && (wc == 'j' || wc == ' ')) ||
		    (r == KEY_CODE_YES && (wc == KEY_DOWN || wc == KEY_NPAGE)))) {
			first += wc == ' ' || wc == KEY_NPAGE ? p->rows - 4 : 1;
			continue;
		}
		if (!fits && ((r == OK && wc == 'k') || (r == KEY_CODE_YES && (wc == KEY_UP || wc == KEY_PPAGE)))) {
			first -= wc == KEY_PPAGE ? p->rows - 4 : 1;
			continue;
		}
		clock_gettime(CLOCK_MONOTONIC, &p->t_key);
		return;
	}
}

/* Runs $BROWSER on the article's address: the URL is one argv element and
 * no shell ever sees it. */
static void
open_browser(struct pager *p, struct view *v)
{
	const char *url = v->doc->url ? v->doc->url : v->doc->input;
	const char *browser = getenv("BROWSER");
	char *copy, *argv[32], *tok, *save = NULL;
	int argc = 0, status;
	pid_t pid;

	if (url == NULL || (strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0)) {
		snprintf(p->msg, sizeof p->msg, "No web address to open");
		return;
	}
	if (browser == NULL || browser[0] == '\0') {
		snprintf(p->msg, sizeof p->msg, "No $BROWSER set");
		return;
	}
	if ((copy = lede_strdup(browser)) == NULL) {
		p->oom = 1;
		return;
	}
	/* $BROWSER may hold options ("firefox --new-window") and, by the old
	 * convention, several browsers separated by ':'; the first one is used. */
	copy[strcspn(copy, ":")] = '\0';
	for (tok = strtok_r(copy, " \t", &save); tok && argc < 30; tok = strtok_r(NULL, " \t", &save))
		argv[argc++] = tok;
	if (argc == 0) {
		free(copy);
		snprintf(p->msg, sizeof p->msg, "No $BROWSER set");
		return;
	}
	argv[argc++] = (char *)url;
	argv[argc] = NULL;
	def_prog_mode();
	endwin();
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		execvp(argv[0], argv);
		_exit(127);
	}
	status = 0;
	if (pid > 0)
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	reset_prog_mode();
	refresh();
	if (pid < 0)
		snprintf(p->msg, sizeof p->msg, "Cannot start the browser: %s", strerror(errno));
	else if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		snprintf(p->msg, sizeof p->msg, "Cannot run %.100s", argv[0]);
	free(copy);
}


/* ---- the reader's highlights and notes --------------------------------- */

/* What m and a apply to: the selected quote while it is on the screen,
 * else the paragraph (or title) at the top. */
static int
note_target(struct pager *p, struct view *v, struct lede_span *out)
{
	const struct lede_doc *d = v->doc;
	struct pos ps = v->top;
	const struct lede_line *ln;
	size_t len, n;

	if (v->qsel >= 0 && visible(p, v, quote_pos(p, v, v->qsel))) {
		*out = d->quotes[v->qorder[v->qsel]].span;
		return 0;
	}
	/* A gap line at the top stands for the paragraph after it. */
	if ((ln = lede_layout_lines(v->lay, ps.block, &n)) != NULL && ps.line < n &&
	    ln[ps.line].src == LEDE_LINE_BLANK && ps.block + 1 < lede_layout_nblocks(v->lay))
		ps.block++;
	out->para = ps.block == 0 ? LEDE_TITLE : (int)ps.block - 1;
	out->start = 0;
	if (lede_doc_text(d, out->para, &len) == NULL || len == 0)
		return -1;
	out->end = len;
	return 0;
}

static int
note_same_span(const struct lede_doc *d, struct lede_span s)
{
	for (size_t i = 0; i < d->nnotes; i++)
		if (d->notes[i].span.para == s.para && d->notes[i].span.start == s.start &&
		    d->notes[i].span.end == s.end)
			return (int)i;
	return -1;
}

/* Notes changed: the styles and the panel follow. */
static void
notes_changed(struct pager *p, struct view *v)
{
	struct lede_err err;

	lede_panel_free(&v->panel);
	if (lede_layout_reindex(v->lay, &err) != 0 || lede_panel_build(&v->panel, v->doc, &err) != 0)
		p->oom = 1;
}

static void
req_mark(struct pager *p, struct view *v)
{
	struct lede_span s;
	struct lede_err err;
	int i;

	if (note_target(p, v, &s) != 0) {
		snprintf(p->msg, sizeof p->msg, "Nothing to highlight here");
		return;
	}
	if ((i = note_same_span(v->doc, s)) >= 0) {
		lede_doc_remove_note(v->doc, (size_t)i);
		snprintf(p->msg, sizeof p->msg, "Highlight removed");
	} else if (lede_doc_note(v->doc, s, NULL, &err) < 0) {
		snprintf(p->msg, sizeof p->msg, "%s", err.msg);
		return;
	} else {
		snprintf(p->msg, sizeof p->msg, "Highlighted (m again removes it)");
	}
	notes_changed(p, v);
}

static void
req_note(struct pager *p, struct view *v)
{
	struct lede_span s;
	struct lede_err err;
	char *text = NULL;
	int i, rc;

	if (note_target(p, v, &s) != 0) {
		snprintf(p->msg, sizeof p->msg, "Nothing to note here");
		return;
	}
	i = note_same_span(v->doc, s);
	rc = prompt(p, "Note: ", i >= 0 ? v->doc->notes[i].text : NULL, &text);
	if (rc < 0) {
		p->oom = 1;
		return;
	}
	if (rc == 0 || text[0] == '\0') {
		free(text);
		snprintf(p->msg, sizeof p->msg, "No note added");
		return;
	}
	if (i >= 0)
		rc = lede_doc_set_note_text(v->doc, (size_t)i, text, &err);
	else
		rc = lede_doc_note(v->doc, s, text, &err) < 0 ? -1 : 0;
	free(text);
	if (rc != 0) {
		snprintf(p->msg, sizeof p->msg, "%s", err.msg);
		return;
	}
	snprintf(p->msg, sizeof p->msg, i >= 0 ? "Note changed" : "Note added");
	notes_changed(p, v);
}

/* Waits for y or n; anything else is a no. */
static int
confirm(struct pager *p, const char *question)
{
	wint_t wc;
	int r;

	lede_scr_fill(p->rows - 1, 0, p->cols, LEDE_ROLE_PROMPT);
	lede_scr_text(p->rows - 1, 0, p->cols, question, strlen(question), LEDE_ROLE_PROMPT);
	refresh();
	do
		r = get_wch(&wc);
	while (r == ERR && !lede_term_signal());
	clock_gettime(CLOCK_MONOTONIC, &p->t_key);
	return r == OK && (wc == 'y' || wc == 'Y');
}

static char *
expand_home(const char *path)
{
	const char *home = getenv("HOME");
	struct lede_buf b = LEDE_BUF_INIT;

	if (path[0] == '~' && path[1] == '/' && home != NULL && home[0] != '\0') {
		lede_buf_adds(&b, home);
		lede_buf_adds(&b, path + 1);
	} else {
		lede_buf_adds(&b, path);
	}
	lede_buf_addc(&b, '\0');
	if (!lede_buf_ok(&b)) {
		lede_buf_free(&b);
		return NULL;
	}
	return lede_buf_detach(&b);
}

static void
req_save(struct pager *p, struct view *v)
{
	struct lede_err err;
	char *def, *typed = NULL, *path, q[300];
	struct stat st;
	int rc;

	if ((def = lede_copy_default_path(v->doc, "json", &err)) == NULL) {
		snprintf(p->msg, sizeof p->msg, "%s", err.msg);
		return;
	}
	rc = prompt(p, "Save to (.json .md .html .txt): ", def, &typed);
	free(def);
	if (rc < 0) {
		p->oom = 1;
		return;
	}
	if (rc == 0 || typed[0] == '\0') {
		free(typed);
		snprintf(p->msg, sizeof p->msg, "Not saved");
		return;
	}
	path = expand_home(typed);
	free(typed);
	if (path == NULL) {
		p->oom = 1;
		return;
	}
	if (stat(path, &st) == 0) {
		snprintf(q, sizeof q, "%.200s exists. Overwrite? (y/n)", path);
		if (!confirm(p, q)) {
			snprintf(p->msg, sizeof p->msg, "Not saved");
			free(path);
			return;
		}
	}
	if (lede_copy_save(v->doc, path, &err) != 0)
		snprintf(p->msg, sizeof p->msg, "Not saved: %s", err.msg);
	else
		snprintf(p->msg, sizeof p->msg, "Saved to %s", path);
	free(path);
}

static void switch_doc(struct pager *p, size_t to);

static void
req_command(struct pager *p)
{
	char *s = NULL;
	int rc = prompt(p, ":", NULL, &s);

	if (rc < 0) {
		p->oom = 1;
		return;
	}
	if (rc == 0)
		return;
	if (strcmp(s, "n") == 0) {
		if (p->cur + 1 < p->nviews)
			switch_doc(p, p->cur + 1);
		else
			snprintf(p->msg, sizeof p->msg, "No next document");
	} else if (strcmp(s, "p") == 0) {
		if (p->cur > 0)
			switch_doc(p, p->cur - 1);
		else
			snprintf(p->msg, sizeof p->msg, "No previous document");
	} else if (strcmp(s, "q") == 0) {
		p->quit = 1;
	} else if (s[0] != '\0') {
		snprintf(p->msg, sizeof p->msg, "Unknown command (:n, :p, :q)");
	}
	free(s);
}

static void
switch_doc(struct pager *p, size_t to)
{
	p->cur = to;
	p->overlay = 0;
	geometry(p);
}

static void
toggle_panel(struct pager *p)
{
	if (p->cols >= WIDE_COLS) {
		p->panel_on = !p->panel_on;
		if (!p->panel_on)
			p->focus_panel = 0;
	} else {
		p->overlay = !p->overlay;
		p->focus_panel = p->overlay;
	}
	geometry(p);
}

static void
handle(struct pager *p, enum lede_request req)
{
	struct view *v = cur_view(p);
	int page = p->art_rows > 2 ? p->art_rows - 1 : 1;
	int in_panel = p->focus_panel && panel_visible(p);

	switch (req) {
	case LEDE_REQ_NONE:
		break;
	case LEDE_REQ_LINE_DOWN:
		if (in_panel)
			lede_panel_move(&v->panel, 1);
		else
			scroll_by(p, v, 1);
		break;
	case LEDE_REQ_LINE_UP:
		if (in_panel)
			lede_panel_move(&v->panel, -1);
		else
			scroll_by(p, v, -1);
		break;
	case LEDE_REQ_PAGE_DOWN:
		if (in_panel)
			lede_panel_move(&v->panel, page / 2);
		else
			scroll_by(p, v, page);
		break;
	case LEDE_REQ_PAGE_UP:
		if (in_panel)
			lede_panel_move(&v->panel, -page / 2);
		else
			scroll_by(p, v, -page);
		break;
	case LEDE_REQ_HALF_DOWN: scroll_by(p, v, (page + 1) / 2); break;
	case LEDE_REQ_HALF_UP: scroll_by(p, v, -(page + 1) / 2); break;
	case LEDE_REQ_TOP:
		v->top = (struct pos){ 0, 0 };
		break;
	case LEDE_REQ_BOTTOM:
		v->top.block = lede_layout_nblocks(v->lay) - 1;
		v->top.line = nlines(p, v, v->top.block) - 1;
		clamp_bottom(p, v);
		break;
	case LEDE_REQ_NEXT_PARA:
		if (v->top.block + 1 < lede_layout_nblocks(v->lay)) {
			v->top = (struct pos){ v->top.block + 1, 0 };
			clamp_bottom(p, v);
		}
		break;
	case LEDE_REQ_PREV_PARA:
		if (v->top.line > 0)
			v->top.line = 0;
		else if (v->top.block > 0)
			v->top = (struct pos){ v->top.block - 1, 0 };
		break;
	case LEDE_REQ_NEXT_QUOTE: req_quote(p, v, 1); break;
	case LEDE_REQ_PREV_QUOTE: req_quote(p, v, -1); break;
	case LEDE_REQ_SEARCH: req_search(p, v); break;
	case LEDE_REQ_NEXT_MATCH: req_match(p, v, 1); break;
	case LEDE_REQ_PREV_MATCH: req_match(p, v, -1); break;
	case LEDE_REQ_FOCUS:
		if (p->cols >= WIDE_COLS) {
			if (!p->panel_on)
				toggle_panel(p);
			p->focus_panel = !p->focus_panel;
		} else {
			toggle_panel(p);
		}
		break;
	case LEDE_REQ_PANEL: toggle_panel(p); break;
	case LEDE_REQ_ENTER:
		if (in_panel)
			req_enter(p, v);
		else
			scroll_by(p, v, 1);
		break;
	case LEDE_REQ_MARK: req_mark(p, v); break;
	case LEDE_REQ_NOTE: req_note(p, v); break;
	case LEDE_REQ_SAVE: req_save(p, v); break;
	case LEDE_REQ_OPEN: open_browser(p, v); break;
	case LEDE_REQ_COMMAND: req_command(p); break;
	case LEDE_REQ_NEXT_DOC:
		if (p->cur + 1 < p->nviews)
			switch_doc(p, p->cur + 1);
		else
			snprintf(p->msg, sizeof p->msg, "No next document");
		break;
	case LEDE_REQ_PREV_DOC:
		if (p->cur > 0)
			switch_doc(p, p->cur - 1);
		else
			snprintf(p->msg, sizeof p->msg, "No previous document");
		break;
	case LEDE_REQ_REDRAW: clearok(curscr, TRUE); break;
	case LEDE_REQ_HELP: help_screen(p); break;
	case LEDE_REQ_QUIT: p->quit = 1; break;
	case LEDE_REQ_COUNT: break;
	}
}

/* ---- setup ------------------------------------------------------------- */

static int
view_init(struct view *v, struct lede_doc *doc, struct lede_err *err)
{
	memset(v, 0, sizeof *v);
	v->doc = doc;
	v->qsel = -1;
	v->ent_ref = -1;
	if (lede_layout_new(doc, &v->lay, err) != 0)
		return -1;
	if (lede_panel_build(&v->panel, doc, err) != 0)
		return -1;
	if ((v->qorder = malloc((doc->nquotes + 1) * sizeof *v->qorder)) == NULL)
		return lede_err_oom(err);
	for (size_t i = 0; i < doc->nquotes; i++)
		v->qorder[i] = i;
	sort_doc = doc;
	qsort(v->qorder, doc->nquotes, sizeof *v->qorder, cmp_qorder);
	return 0;
}

static void
view_free(struct view *v)
{
	lede_layout_free(v->lay);
	lede_panel_free(&v->panel);
	free(v->qorder);
	clear_search(v);
}

/* Settings in order of strength: command line, NO_COLOR, config, defaults. */
static int
settings(struct pager *p, const struct lede_pager_opts *o, struct lede_err *err)
{
	struct lede_conf conf;
	const char *nc = getenv("NO_COLOR"), *theme = "dark";
	int rc = -1;

	lede_conf_init(&conf);
	if (lede_keymap_init(&p->keys, err) != 0)
		return -1;
	if (lede_conf_load(&conf, &p->keys, err) != 0)
		goto out;
	if (conf.theme != NULL)
		theme = conf.theme;
	if (nc != NULL && nc[0] != '\0')
		theme = "mono";
	if (o != NULL && o->theme != NULL)
		theme = o->theme;
	if (lede_theme_load(&p->theme, theme, err) != 0)
		goto out;
	p->want_width = o != NULL && o->width > 0 ? o->width : conf.width > 0 ? conf.width : 80;
	p->panel_on = o != NULL && o->panel >= 0 ? o->panel : conf.panel >= 0 ? conf.panel : 1;
	rc = 0;
out:
	lede_conf_free(&conf);
	return rc;
}

static const char *
key_trace_name(int r, wint_t wc, enum lede_request req, char *buf, size_t size)
{
	if (r == KEY_CODE_YES && wc == KEY_RESIZE)
		return "resize";
	if (r == KEY_CODE_YES && wc == KEY_MOUSE)
		return "mouse";
	if (req != LEDE_REQ_NONE)
		return lede_request_name(req);
	lede_key_name(r == KEY_CODE_YES ? LEDE_KEY_FN(wc) : (int)wc, buf, size);
	return buf;
}

static void
run_loop(struct pager *p)
{
	enum lede_request req;
	char name[32];
	wint_t wc;
	int r;

	while (!p->quit && !p->oom && !lede_term_signal()) {
		r = get_wch(&wc);
		if (lede_term_signal() || r == ERR)
			continue;
		clock_gettime(CLOCK_MONOTONIC, &p->t_key);
		p->msg[0] = '\0';
		req = LEDE_REQ_NONE;
		if (r == KEY_CODE_YES && wc == KEY_RESIZE) {
			geometry(p);
		} else if (r == KEY_CODE_YES && wc == KEY_MOUSE) {
			MEVENT me;

			if (getmouse(&me) == OK && !p->too_small) {
				if (me.bstate & BUTTON4_PRESSED)
					scroll_by(p, cur_view(p), -WHEEL_LINES);
				else if (me.bstate & BUTTON5_PRESSED)
					scroll_by(p, cur_view(p), WHEEL_LINES);
			}
		} else {
			req = lede_keymap_lookup(&p->keys, r == KEY_CODE_YES ? LEDE_KEY_FN(wc) : (int)wc);
			if (p->too_small && req != LEDE_REQ_QUIT)
				req = LEDE_REQ_NONE;
			handle(p, req);
		}
		if (p->quit || lede_term_signal())
			break;
		draw(p);
		trace_event(p, "key", key_trace_name(r, wc, req, name, sizeof name), since(&p->t_key));
	}
}

int
lede_pager_run(struct lede_doc **docs, size_t ndocs, const struct lede_pager_opts *o,
    struct lede_err *err)
{
	struct pager pg;
	const char *tr = getenv("LEDE_TRACE");
	size_t made = 0;
	int rc = -1, sig;
	double age;

	memset(&pg, 0, sizeof pg);
	clock_gettime(CLOCK_MONOTONIC, &pg.t_entry);
	if (ndocs == 0)
		return 0;
	if (settings(&pg, o, err) != 0)
		goto out;
	if ((pg.views = calloc(ndocs, sizeof *pg.views)) == NULL) {
		lede_err_oom(err);
		goto out;
	}
	for (; made < ndocs; made++)
		if (view_init(&pg.views[made], docs[made], err) != 0) {
			made++;
			goto out;
		}
	pg.nviews = ndocs;
	if (tr != NULL && tr[0] != '\0' && (pg.trace = fopen(tr, "a")) == NULL) {
		lede_errf(err, "LEDE_TRACE: %s: %s", tr, strerror(errno));
		goto out;
	}
	lede_term_clear_signal();
	if (lede_term_start(err) != 0)
		goto out;
	lede_scr_apply_theme(&pg.theme);
	geometry(&pg);
	draw(&pg);
	age = lede_process_age();
	trace_event(&pg, "first-screen", NULL, age >= 0 ? age : since(&pg.t_entry));
	trace_event(&pg, "pager-first-screen", NULL, since(&pg.t_entry));
	run_loop(&pg);
	lede_term_stop();
	if ((sig = lede_term_signal()) != 0) {
		lede_term_clear_signal();
		raise(sig);   /* the default action now that the terminal is back */
	}
	if (pg.oom)
		lede_err_oom(err);
	else
		rc = 0;
out:
	lede_term_stop();
	if (pg.trace != NULL)
		fclose(pg.trace);
	for (size_t i = 0; i < made && pg.views; i++)
		view_free(&pg.views[i]);
	free(pg.views);
	lede_keymap_free(&pg.keys);
	return rc;
}
