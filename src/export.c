#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lede/export-fmt.h"
#include "lede/export.h"
#include "lede/json.h"
#include "lede/note.h"

int
lede_format_parse(const char *name, enum lede_format *out)
{
	static const struct { const char *name; enum lede_format f; } names[] = {
		{ "text", LEDE_FMT_TEXT }, { "txt", LEDE_FMT_TEXT },
		{ "json", LEDE_FMT_JSON },
		{ "markdown", LEDE_FMT_MARKDOWN }, { "md", LEDE_FMT_MARKDOWN },
		{ "html", LEDE_FMT_HTML },
	};
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (strcmp(name, names[i].name) == 0) {
			*out = names[i].f;
			return 0;
		}
	}
	return -1;
}

int
lede_format_from_path(const char *path, enum lede_format *out)
{
	static const struct { const char *ext; enum lede_format f; } exts[] = {
		{ ".txt", LEDE_FMT_TEXT }, { ".text", LEDE_FMT_TEXT },
		{ ".json", LEDE_FMT_JSON },
		{ ".md", LEDE_FMT_MARKDOWN }, { ".markdown", LEDE_FMT_MARKDOWN },
		{ ".html", LEDE_FMT_HTML }, { ".htm", LEDE_FMT_HTML },
	};
	const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');
	size_t i;

	if (dot == NULL || (slash != NULL && dot < slash))
		return -1;
	for (i = 0; i < sizeof exts / sizeof exts[0]; i++) {
		if (strcasecmp(dot, exts[i].ext) == 0) {
			*out = exts[i].f;
			return 0;
		}
	}
	return -1;
}

/* Title, a blank line, then one paragraph per line with blank lines between. */
static void
export_text(struct lede_buf *out, const struct lede_doc *doc)
{
	size_t i;

	lede_buf_adds(out, doc->title ? doc->title : "");
	lede_buf_lit(out, "\n");
	for (i = 0; i < doc->nparas; i++) {
		lede_buf_lit(out, "\n");
		lede_buf_add(out, doc->paras[i].text, doc->paras[i].len);
		lede_buf_lit(out, "\n");
	}
}

void
lede_export_saved(const struct lede_doc *doc, char out[32])
{
	if (doc->saved != NULL && strlen(doc->saved) < 32)
		strcpy(out, doc->saved);
	else
		lede_timestamp(out);
}

int
lede_url_linkable(const char *url)
{
	return url != NULL && (strncasecmp(url, "http://", 7) == 0 ||
	    strncasecmp(url, "https://", 8) == 0) && strlen(url) > 8;
}

size_t
lede_quote_shown_len(const char *text)
{
	size_t n = strlen(text);

	while (n > 0 && (text[n - 1] == ',' || text[n - 1] == ' '))
		n--;
	return n;
}

static int
cmp_mark(const void *a, const void *b)
{
	const struct lede_mark *x = a, *y = b;

	if (x->span.para != y->span.para)
		return x->span.para < y->span.para ? -1 : 1;
	if (x->span.start != y->span.start)
		return x->span.start < y->span.start ? -1 : 1;
	if (x->span.end != y->span.end)
		return x->span.end > y->span.end ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Pulls a span's ends out of the middle of a character, so markup never
 * lands between the bytes of one. */
static bool
snap(const struct lede_doc *doc, struct lede_span *s)
{
	const char *t;
	size_t len;

	if (!lede_span_valid(doc, *s))
		return false;
	t = lede_doc_text(doc, s->para, &len);
	while (s->start > 0 && ((unsigned char)t[s->start] & 0xC0) == 0x80)
		s->start--;
	while (s->end < len && ((unsigned char)t[s->end] & 0xC0) == 0x80)
		s->end++;
	return s->start < s->end;
}

struct marks {
	const struct lede_doc *doc;
	struct lede_mark *v;
	size_t n, cap;
	bool oom;
};

static void
add_mark(struct marks *m, struct lede_span s, enum lede_mark_kind kind, size_t idx)
{
	if (m->oom || !snap(m->doc, &s))
		return;
	if (!lede_grow(&m->v, &m->cap, m->n + 1, sizeof *m->v)) {
		m->oom = true;
		return;
	}
	m->v[m->n++] = (struct lede_mark){ s, kind, idx };
}

int
lede_marks_collect(const struct lede_doc *doc, struct lede_mark **out, size_t *n)
{
	struct marks m = { doc, NULL, 0, 0, false };
	size_t i, j;

	for (i = 0; i < doc->nquotes; i++)
		add_mark(&m, doc->quotes[i].span, LEDE_MARK_QUOTE, i);
	for (i = 0; i < doc->nnotes; i++)
		add_mark(&m, doc->notes[i].span, LEDE_MARK_HIGHLIGHT, i);
	for (i = 0; i < doc->npeople; i++)
		for (j = 0; j < doc->people[i].nmentions; j++)
			add_mark(&m, doc->people[i].mentions[j], LEDE_MARK_PERSON, i);
	for (i = 0; i < doc->nplaces; i++)
		for (j = 0; j < doc->places[i].nmentions; j++)
			add_mark(&m, doc->places[i].mentions[j], LEDE_MARK_PLACE, i);
	for (i = 0; i < doc->nfacts; i++)
		add_mark(&m, doc->facts[i].span, LEDE_MARK_FACT, i);
	if (m.oom) {
		free(m.v);
		return -1;
	}
	if (m.n > 1)
		qsort(m.v, m.n, sizeof *m.v, cmp_mark);
	*out = m.v;
	*n = m.n;
	return 0;
}

/* A copy says when it was made: the document's own time when it is a copy
 * read back (so a round trip changes nothing), else now. */
static int
export_json(struct lede_buf *out, const struct lede_doc *doc)
{
	struct lede_doc stamped = *doc;
	char ts[32];

	lede_export_saved(doc, ts);
	stamped.saved = ts;
	return lede_json_write_doc(out, &stamped);
}

int
lede_export(struct lede_buf *out, const struct lede_doc *doc, enum lede_format f,
    struct lede_err *err)
{
	switch (f) {
	case LEDE_FMT_TEXT:
		export_text(out, doc);
		break;
	case LEDE_FMT_JSON:
		export_json(out, doc);
		break;
	case LEDE_FMT_MARKDOWN:
		lede_export_markdown(out, doc);
		break;
	case LEDE_FMT_HTML:
		if (lede_export_html(out, doc) != 0)
			return lede_err_oom(err);
		break;
	default:
		return lede_errf(err, "unknown format");
	}
	return lede_buf_ok(out) ? 0 : lede_err_oom(err);
}
