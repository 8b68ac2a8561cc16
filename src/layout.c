/* Lazy wrapping of the article into display lines. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "lede/buf.h"
#include "lede/layout.h"
#include "lede/screen.h"
#include "lede/text.h"

#define NOT_WRAPPED ((size_t)-1)

struct lede_layout {
	const struct lede_doc *doc;
	int width;
	char *meta;
	size_t metalen;
	size_t nblocks;
	struct lede_line **lines;     /* per block, NULL until wrapped */
	size_t *nlines;               /* per block, NOT_WRAPPED until wrapped */
	size_t *wrapped;              /* blocks holding lines, to drop them fast */
	size_t nwrapped, capwrapped;
	struct lede_mark_span *marks; /* grouped by block */
	size_t *mark_first;           /* nblocks + 1 entries */
	unsigned char *mark_sorted;   /* per block: its marks are sorted yet */
	size_t *mark_maxlen;          /* per block, once sorted: the longest mark */
	size_t *bytes_before;         /* nblocks + 1 entries */
};

int
lede_wrap(const char *s, size_t len, int width, int pre, unsigned char src,
    struct lede_line **v, size_t *n, size_t *cap)
{
	size_t i = 0, j, adv, brk_end, brk_next, end, next;
	int col, w, first = 1, have_brk;
	uint32_t cp, shown;

	if (width < 1)
		width = 1;
	while (i < len) {
		col = 0;
		have_brk = 0;
		brk_end = brk_next = 0;
		end = next = len;
		for (j = i; j < len; j += adv) {
			cp = lede_utf8_next(s + j, len - j, &adv);
			if (cp == '\n' && pre) {
				end = j;
				next = j + adv;
				break;
			}
			w = lede_cell_width(cp, &shown);
			if (w < 0)
				w = 0;
			if (col + w > width && col > 0) {
				if (cp == ' ' && !pre) {
					end = j;
					next = j + adv;
				} else if (have_brk && !pre) {
					end = brk_end;
					next = brk_next;
				} else {
					end = next = j;
				}
				break;
			}
			if (cp == ' ' && !pre) {
				have_brk = 1;
				brk_end = j;
				brk_next = j + adv;
			}
			col += w;
		}
		if (!lede_grow(v, cap, *n + 1, sizeof **v))
			return -1;
		(*v)[*n] = (struct lede_line){ i, end, src, (unsigned char)first };
		(*n)++;
		first = 0;
		i = next;
		while (!pre && i < len && s[i] == ' ')
			i++;
	}
	return 0;
}

int
lede_layout_indent(const struct lede_layout *l, size_t block)
{
	if (block == 0)
		return 0;
	switch (l->doc->paras[block - 1].kind) {
	case LEDE_PARA_BLOCKQUOTE:
	case LEDE_PARA_LIST_ITEM:
		return 2;
	default:
		return 0;
	}
}

static int
build_meta(struct lede_layout *l)
{
	const struct lede_doc *d = l->doc;
	const char *parts[3] = { d->byline, d->site, d->published };
	struct lede_buf b = LEDE_BUF_INIT;

	for (int i = 0; i < 3; i++) {
		size_t n;

		if (parts[i] == NULL || parts[i][0] == '\0')
			continue;
		if (i == 1 && d->byline != NULL && strcmp(d->byline, d->site) == 0)
			continue;   /* a site that signs as itself */
		n = strlen(parts[i]);
		/* A machine date ("2025-09-04T05:12:00Z") reads as its day. */
		if (i == 2 && n > 10 && parts[i][4] == '-' && parts[i][7] == '-' && parts[i][10] == 'T')
			n = 10;
		if (b.len > 0)
			lede_buf_lit(&b, " \xC2\xB7 ");
		lede_buf_add(&b, parts[i], n);
	}
	lede_buf_addc(&b, '\0');
	if (!lede_buf_ok(&b)) {
		lede_buf_free(&b);
		return -1;
	}
	l->metalen = b.len - 1;
	l->meta = lede_buf_detach(&b);
	return 0;
}

static int
cmp_mark(const void *a, const void *b)
{
	const struct lede_mark_span *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return (int)x->kind - (int)y->kind;
}

static size_t
block_of(const struct lede_layout *l, struct lede_span s)
{
	if (!lede_span_valid(l->doc, s))
		return NOT_WRAPPED;
	return s.para == LEDE_TITLE ? 0 : (size_t)s.para + 1;
}

/* Visits every annotation span once: to count (out == NULL) or to place. */
static void
each_mark(struct lede_layout *l, size_t *slot, struct lede_mark_span *out)
{
	const struct lede_doc *d = l->doc;
	size_t b;

#define PUT(span, k, r) do { \
	if ((b = block_of(l, (span))) != NOT_WRAPPED) { \
		if (out == NULL) slot[b + 1]++; \
		else out[slot[b]++] = (struct lede_mark_span){ (span).start, (span).end, (k), (r) }; \
	} \
} while (0)
	for (size_t i = 0; i < d->npeople; i++)
		for (size_t m = 0; m < d->people[i].nmentions; m++)
			PUT(d->people[i].mentions[m], LEDE_MARK_PERSON, (int)i);
	for (size_t i = 0; i < d->nplaces; i++)
		for (size_t m = 0; m < d->places[i].nmentions; m++)
			PUT(d->places[i].mentions[m], LEDE_MARK_PLACE, (int)i);
	for (size_t i = 0; i < d->nquotes; i++)
		PUT(d->quotes[i].span, LEDE_MARK_QUOTE, (int)i);
	for (size_t i = 0; i < d->nfacts; i++)
		PUT(d->facts[i].span, LEDE_MARK_FACT, (int)i);
	for (size_t i = 0; i < d->nnotes; i++)
		PUT(d->notes[i].span, LEDE_MARK_NOTE, (int)i);
#undef PUT
}

int
lede_layout_reindex(struct lede_layout *l, struct lede_err *err)
{
	size_t *first, *slot, total;
	struct lede_mark_span *marks;

	first = calloc(l->nblocks + 1, sizeof *first);
	slot = calloc(l->nblocks + 1, sizeof *slot);
	if (first == NULL || slot == NULL) {
		free(first);
		free(slot);
		return lede_err_oom(err);
	}
	/* A counting sort by block, then a sort inside each block: linear in
	 * the article plus n log n in the annotations of the biggest block. */
	each_mark(l, first, NULL);
	for (size_t b = 0; b < l->nblocks; b++)
		first[b + 1] += first[b];
	total = first[l->nblocks];
	marks = malloc((total ? total : 1) * sizeof *marks);
	if (marks == NULL) {
		free(first);
		free(slot);
		return lede_err_oom(err);
	}
	memcpy(slot, first, (l->nblocks + 1) * sizeof *slot);
	each_mark(l, slot, marks);
	free(slot);
	/* Each block's marks are sorted when the block is first drawn, so
	 * opening costs two linear passes and no sorting. */
	if ((l->mark_sorted == NULL && (l->mark_sorted = malloc(l->nblocks)) == NULL) ||
	    (l->mark_maxlen == NULL &&
	    (l->mark_maxlen = malloc(l->nblocks * sizeof *l->mark_maxlen)) == NULL)) {
		free(first);
		free(marks);
		return lede_err_oom(err);
	}
	memset(l->mark_sorted, 0, l->nblocks);
	free(l->marks);
	free(l->mark_first);
	l->marks = marks;
	l->mark_first = first;
	return 0;
}

int
lede_layout_new(const struct lede_doc *doc, struct lede_layout **out, struct lede_err *err)
{
	struct lede_layout *l;

	if ((l = calloc(1, sizeof *l)) == NULL)
		return lede_err_oom(err);
	l->doc = doc;
	l->width = 80;
	l->nblocks = doc->nparas + 1;
	l->lines = calloc(l->nblocks, sizeof *l->lines);
	l->nlines = malloc(l->nblocks * sizeof *l->nlines);
	l->bytes_before = malloc((l->nblocks + 1) * sizeof *l->bytes_before);
	if (l->lines == NULL || l->nlines == NULL || l->bytes_before == NULL || build_meta(l) != 0) {
		lede_layout_free(l);
		return lede_err_oom(err);
	}
	l->bytes_before[0] = 0;
	for (size_t b = 0; b < l->nblocks; b++) {
		l->nlines[b] = NOT_WRAPPED;
		l->bytes_before[b + 1] = l->bytes_before[b] +
		    (b == 0 ? (doc->title ? strlen(doc->title) : 0) : doc->paras[b - 1].len) + 1;
	}
	if (lede_layout_reindex(l, err) != 0) {
		lede_layout_free(l);
		return -1;
	}
	*out = l;
	return 0;
}

static void
drop_wraps(struct lede_layout *l)
{
	for (size_t i = 0; i < l->nwrapped; i++) {
		size_t b = l->wrapped[i];

		free(l->lines[b]);
		l->lines[b] = NULL;
		l->nlines[b] = NOT_WRAPPED;
	}
	l->nwrapped = 0;
}

void
lede_layout_free(struct lede_layout *l)
{
	if (l == NULL)
		return;
	if (l->lines != NULL && l->nlines != NULL)
		drop_wraps(l);
	free(l->lines);
	free(l->nlines);
	free(l->wrapped);
	free(l->marks);
	free(l->mark_first);
	free(l->mark_sorted);
	free(l->mark_maxlen);
	free(l->bytes_before);
	free(l->meta);
	free(l);
}

void
lede_layout_set_width(struct lede_layout *l, int width)
{
	if (width < 4)
		width = 4;
	if (width == l->width)
		return;
	l->width = width;
	drop_wraps(l);
}

int
lede_layout_width(const struct lede_layout *l)
{
	return l->width;
}

size_t
lede_layout_nblocks(const struct lede_layout *l)
{
	return l->nblocks;
}

const char *
lede_layout_meta(const struct lede_layout *l, size_t *len)
{
	*len = l->metalen;
	return l->meta;
}

const char *
lede_layout_source(const struct lede_layout *l, size_t block, unsigned src, size_t *len)
{
	switch (src) {
	case LEDE_LINE_TITLE:
		*len = l->doc->title ? strlen(l->doc->title) : 0;
		return l->doc->title ? l->doc->title : "";
	case LEDE_LINE_META:
		*len = l->metalen;
		return l->meta;
	case LEDE_LINE_TEXT:
		if (block > 0) {
			*len = l->doc->paras[block - 1].len;
			return l->doc->paras[block - 1].text;
		}
		break;
	}
	*len = 0;
	return "";
}

static int
wrap_block(struct lede_layout *l, size_t b)
{
	struct lede_line *v = NULL;
	size_t n = 0, cap = 0;
	int w = l->width, rc = 0;

	if (b == 0) {
		const char *t = l->doc->title ? l->doc->title : "";

		rc = lede_wrap(t, strlen(t), w, 0, LEDE_LINE_TITLE, &v, &n, &cap);
		if (rc == 0)
			rc = lede_wrap(l->meta, l->metalen, w, 0, LEDE_LINE_META, &v, &n, &cap);
	} else {
		const struct lede_para *p = &l->doc->paras[b - 1];

		rc = lede_wrap(p->text, p->len, w - lede_layout_indent(l, b),
		    p->kind == LEDE_PARA_PRE, LEDE_LINE_TEXT, &v, &n, &cap);
	}
	if (rc == 0 && !lede_grow(&v, &cap, n + 1, sizeof *v))
		rc = -1;
	/* Items of one list sit together, without the gap between paragraphs. */
	if (rc == 0 && n > 0 && b > 0 && b < l->nblocks - 1 &&
	    l->doc->paras[b - 1].kind == LEDE_PARA_LIST_ITEM &&
	    l->doc->paras[b].kind == LEDE_PARA_LIST_ITEM) {
		if (!lede_grow(&l->wrapped, &l->capwrapped, l->nwrapped + 1, sizeof *l->wrapped)) {
			free(v);
			return -1;
		}
		l->lines[b] = v;
		l->nlines[b] = n;
		l->wrapped[l->nwrapped++] = b;
		return 0;
	}
	if (rc == 0 && !lede_grow(&l->wrapped, &l->capwrapped, l->nwrapped + 1, sizeof *l->wrapped))
		rc = -1;
	if (rc != 0) {
		free(v);
		return -1;
	}
	v[n++] = (struct lede_line){ 0, 0, LEDE_LINE_BLANK, 0 };
	l->lines[b] = v;
	l->nlines[b] = n;
	l->wrapped[l->nwrapped++] = b;
	return 0;
}

const struct lede_line *
lede_layout_lines(struct lede_layout *l, size_t block, size_t *n)
{
	if (block >= l->nblocks)
		return NULL;
	if (l->nlines[block] == NOT_WRAPPED && wrap_block(l, block) != 0)
		return NULL;
	*n = l->nlines[block];
	return l->lines[block];
}

size_t
lede_layout_line_at(struct lede_layout *l, size_t block, size_t off)
{
	const struct lede_line *v;
	size_t n, lo = 0, hi;
	unsigned src = block == 0 ? LEDE_LINE_TITLE : LEDE_LINE_TEXT;

	if ((v = lede_layout_lines(l, block, &n)) == NULL)
		return 0;
	/* The block's text lines come first, in order; the byline and the gap
	 * follow them. A binary search keeps a jump into a huge paragraph cheap. */
	hi = n;
	while (hi > 0 && v[hi - 1].src != src)
		hi--;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v[mid].start <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 ? lo - 1 : 0;
}

const struct lede_mark_span *
lede_layout_marks(struct lede_layout *l, size_t block, size_t *n)
{
	if (block >= l->nblocks) {
		*n = 0;
		return NULL;
	}
	*n = l->mark_first[block + 1] - l->mark_first[block];
	if (!l->mark_sorted[block]) {
		const struct lede_mark_span *m = l->marks + l->mark_first[block];
		size_t max = 0;

		if (*n > 1)
			qsort(l->marks + l->mark_first[block], *n, sizeof *l->marks, cmp_mark);
		for (size_t i = 0; i < *n; i++)
			if (m[i].end - m[i].start > max)
				max = m[i].end - m[i].start;
		l->mark_maxlen[block] = max;
		l->mark_sorted[block] = 1;
	}
	return l->marks + l->mark_first[block];
}

const struct lede_mark_span *
lede_layout_marks_near(struct lede_layout *l, size_t block, size_t start, size_t *n)
{
	const struct lede_mark_span *m = lede_layout_marks(l, block, n);
	size_t lo = 0, hi = *n, from;

	if (m == NULL || *n == 0)
		return m;
	/* No mark that starts before this can reach start. */
	from = start > l->mark_maxlen[block] ? start - l->mark_maxlen[block] : 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (m[mid].start < from)
			lo = mid + 1;
		else
			hi = mid;
	}
	*n -= lo;
	return m + lo;
}

size_t
lede_layout_bytes_before(const struct lede_layout *l, size_t block)
{
	return l->bytes_before[block < l->nblocks ? block : l->nblocks];
}

size_t
lede_layout_total_bytes(const struct lede_layout *l)
{
	return l->bytes_before[l->nblocks];
}
