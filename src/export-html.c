/* The HTML copy: one standalone file that opens in any browser without a
 * request of its own (inline CSS, no script, no image, no font, and a
 * Content-Security-Policy that says so), with the annotations marked in the
 * text and listed beside it. Spans may overlap and cross, while HTML elements
 * must nest, so the markup comes from open/close events over a stack: an
 * element that must close while another opened inside it is still running is
 * closed and reopened around it. */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "lede/export-fmt.h"

static const char css[] =
"html{background:#fdfcf8;color:#1f1d1a}"
"body{margin:0 auto;max-width:64rem;padding:2rem 1.5rem 4rem;"
"font:1.125rem/1.6 Georgia,'Times New Roman',serif}"
"header{max-width:38rem}"
"h1{font-size:2rem;line-height:1.2;margin:0 0 .75rem}"
"h2{font-size:1.3rem;margin:2rem 0 .5rem}"
".meta,.legend,aside,footer{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;"
"font-size:.85rem;color:#5b5750}"
".meta p{margin:.2rem 0}"
".legend{margin:1rem 0 0;line-height:2}"
".legend>*{margin-right:.5rem}"
"a{color:#1d4f91}"
"main{display:grid;grid-template-columns:minmax(0,38rem) minmax(0,1fr);gap:3rem}"
"article p,article li{margin:0 0 1rem}"
"article blockquote{margin:0 0 1rem;padding-left:1rem;border-left:3px solid #d8d2c4;color:#3d3a35}"
"article pre{white-space:pre-wrap;background:#f3f0e8;padding:.75rem;font-size:.9rem}"
"mark{color:inherit;border-radius:2px;padding:0 1px}"
"mark.person{background:#e2ecf7;border-bottom:2px solid #8fb0d8}"
"mark.place{background:#e4f2e4;border-bottom:2px solid #8cc48c}"
".quote{background:#fbf1dc}"
".fact{border-bottom:1px dotted #a0603c}"
"mark.highlight{background:#fff3a3}"
"mark.highlight.note{background:#ffe27a}"
"sup.note-ref{font:700 .7rem system-ui,sans-serif;margin-left:1px}"
"sup.note-ref a{text-decoration:none}"
"aside section{margin-bottom:1.5rem}"
"aside h2{font-size:.8rem;text-transform:uppercase;letter-spacing:.08em;margin:0 0 .4rem;color:#1f1d1a}"
"aside ul,aside ol{margin:0;padding-left:1.2rem}"
"aside li{margin:0 0 .45rem}"
".name{font-weight:600;color:#1f1d1a}"
".kind{font-variant:small-caps}"
"aside .exact{font-style:italic}"
"footer{margin-top:3rem;border-top:1px solid #e3ded2;padding-top:.5rem}"
"@media (max-width:56rem){main{display:block}aside{margin-top:2rem}}"
"@media (prefers-color-scheme:dark){html{background:#1b1a18;color:#e6e1d7}"
".meta,.legend,aside,footer{color:#a59f94}.name,aside h2{color:#e6e1d7}a{color:#8fb6ea}"
"mark.person{background:#233349;border-color:#4d6f9c}mark.place{background:#23392a;border-color:#4f8a5a}"
".quote{background:#3a3020}mark.highlight{background:#5a4f14}mark.highlight.note{background:#6e5a10}"
"article pre{background:#262420}article blockquote{color:#cfc9be;border-color:#4a463e}}"
"@media print{html{background:#fff;color:#000}body{max-width:none;padding:0;font-size:11pt}"
"main{display:block}aside{break-before:page;margin-top:0}"
"mark,.quote{-webkit-print-color-adjust:exact;print-color-adjust:exact}"
"a{color:inherit}.legend{display:none}"
"mark.person{background:#e2ecf7}mark.place{background:#e4f2e4}.quote{background:#fbf1dc}"
"mark.highlight{background:#fff3a3}mark.highlight.note{background:#ffe27a}"
"article pre{background:#f3f0e8}article blockquote{color:#000}.meta,aside,footer,.name,aside h2{color:#000}}";


static void
esc(struct lede_buf *b, const char *s, size_t n)
{
	size_t i = 0, run;

	while (i < n) {
		for (run = i; run < n && !strchr("&<>\"'", s[run]); run++)
			;
		lede_buf_add(b, s + i, run - i);
		if ((i = run) >= n)
			break;
		switch (s[i++]) {
		case '&': lede_buf_lit(b, "&amp;"); break;
		case '<': lede_buf_lit(b, "&lt;"); break;
		case '>': lede_buf_lit(b, "&gt;"); break;
		case '"': lede_buf_lit(b, "&quot;"); break;
		default: lede_buf_lit(b, "&#39;"); break;
		}
	}
}

static void
escz(struct lede_buf *b, const char *s)
{
	if (s != NULL)
		esc(b, s, strlen(s));
}

struct html {
	struct lede_buf *out;
	const struct lede_doc *doc;
	struct lede_mark *marks;
	size_t nmarks, next;          /* next mark to open, in document order */
	const struct lede_mark **stack;
	bool *opened;                 /* per mark: the first element was written */
};

static const char *
speaker_of(const struct lede_doc *doc, const struct lede_quote *q)
{
	if (q->speaker >= 0 && (size_t)q->speaker < doc->npeople)
		return doc->people[q->speaker].name;
	return q->source;
}

static void
roles_attr(struct lede_buf *b, const struct lede_entity *e)
{
	size_t i;

	escz(b, e->name);
	for (i = 0; i < e->nroles; i++) {
		lede_buf_adds(b, i ? ", " : " \xE2\x80\x94 ");
		escz(b, e->roles[i]);
	}
}

/* The first piece of a split element carries its id, so links land once. */
static void
open_mark(struct html *h, const struct lede_mark *m)
{
	const struct lede_doc *doc = h->doc;
	struct lede_buf *b = h->out;
	bool first = !h->opened[m - h->marks];
	const char *who;

	h->opened[m - h->marks] = true;
	switch (m->kind) {
	case LEDE_MARK_QUOTE:
		lede_buf_lit(b, "<span class=\"quote\"");
		if (first)
			lede_buf_printf(b, " id=\"q-%zu\"", m->idx + 1);
		if ((who = speaker_of(doc, &doc->quotes[m->idx])) != NULL) {
			lede_buf_lit(b, " data-speaker=\"");
			escz(b, who);
			lede_buf_lit(b, "\" title=\"");
			escz(b, who);
			lede_buf_addc(b, '"');
		}
		lede_buf_addc(b, '>');
		break;
	case LEDE_MARK_HIGHLIGHT:
		lede_buf_adds(b, doc->notes[m->idx].text ? "<mark class=\"highlight note\"" :
		    "<mark class=\"highlight\"");
		if (first)
			lede_buf_printf(b, " id=\"hl-%zu\"", m->idx + 1);
		/* Hovering shows the note right where it belongs. */
		if (doc->notes[m->idx].text != NULL) {
			lede_buf_lit(b, " title=\"");
			escz(b, doc->notes[m->idx].text);
			lede_buf_addc(b, '"');
		}
		lede_buf_addc(b, '>');
		break;
	case LEDE_MARK_PERSON:
		lede_buf_lit(b, "<mark class=\"person\" title=\"");
		roles_attr(b, &doc->people[m->idx]);
		lede_buf_lit(b, "\">");
		break;
	case LEDE_MARK_PLACE:
		lede_buf_lit(b, "<mark class=\"place\" title=\"");
		escz(b, doc->places[m->idx].name);
		lede_buf_lit(b, "\">");
		break;
	case LEDE_MARK_FACT:
		lede_buf_lit(b, "<span class=\"fact\" title=\"");
		escz(b, doc->facts[m->idx].kind);
		lede_buf_lit(b, "\">");
		break;
	}
}

static void
close_mark(struct html *h, const struct lede_mark *m)
{
	if (m->kind == LEDE_MARK_QUOTE || m->kind == LEDE_MARK_FACT)
		lede_buf_lit(h->out, "</span>");
	else
		lede_buf_lit(h->out, "</mark>");
}

static void
note_ref(struct html *h, const struct lede_mark *m)
{
	if (m->kind != LEDE_MARK_HIGHLIGHT || h->doc->notes[m->idx].text == NULL)
		return;
	lede_buf_printf(h->out, "<sup class=\"note-ref\"><a href=\"#note-%zu\">%zu</a></sup>",
	    m->idx + 1, m->idx + 1);
}

/* Writes text (the title or a paragraph) with its marks; h->next points at
 * the first mark of para. */
static void
marked_text(struct html *h, int para, const char *t, size_t len)
{
	size_t depth = 0, pos = 0, stop, i, low, k, nreopen;
	const struct lede_mark *m;

	for (;;) {
		stop = len;
		for (i = 0; i < depth; i++)
			if (h->stack[i]->span.end < stop)
				stop = h->stack[i]->span.end;
		if (h->next < h->nmarks && h->marks[h->next].span.para == para &&
		    h->marks[h->next].span.start < stop)
			stop = h->marks[h->next].span.start;
		esc(h->out, t + pos, stop - pos);
		pos = stop;
		/* Close everything that ends here; what sits above it and goes
		 * on is closed too and reopened, which is the split. */
		for (low = 0; low < depth && h->stack[low]->span.end > pos; low++)
			;
		if (low < depth) {
			nreopen = 0;
			for (k = depth; k-- > low;) {
				m = h->stack[k];
				close_mark(h, m);
				if (m->span.end <= pos)
					note_ref(h, m);
			}
			for (k = low; k < depth; k++)
				if (h->stack[k]->span.end > pos)
					h->stack[low + nreopen++] = h->stack[k];
			depth = low;
			for (k = 0; k < nreopen; k++)
				open_mark(h, h->stack[depth++]);
		}
		while (h->next < h->nmarks && h->marks[h->next].span.para == para &&
		    h->marks[h->next].span.start == pos) {
			m = &h->marks[h->next++];
			open_mark(h, m);
			h->stack[depth++] = m;
		}
		if (pos >= len && depth == 0)
			break;
	}
}

/* Skips marks of paragraphs that are never written (there are none today,
 * but a stale span must not stall the walk). */
static void
seek(struct html *h, int para)
{
	while (h->next < h->nmarks && h->marks[h->next].span.para < para)
		h->next++;
}

static void
paragraphs(struct html *h)
{
	const struct lede_doc *doc = h->doc;
	struct lede_buf *b = h->out;
	const struct lede_para *p;
	bool in_list = false;
	size_t i;

	for (i = 0; i < doc->nparas; i++) {
		p = &doc->paras[i];
		if (in_list && p->kind != LEDE_PARA_LIST_ITEM) {
			lede_buf_lit(b, "</ul>\n");
			in_list = false;
		}
		seek(h, (int)i);
		switch (p->kind) {
		case LEDE_PARA_HEADING:
			lede_buf_lit(b, "<h2>");
			marked_text(h, (int)i, p->text, p->len);
			lede_buf_lit(b, "</h2>\n");
			break;
		case LEDE_PARA_BLOCKQUOTE:
			lede_buf_lit(b, "<blockquote><p>");
			marked_text(h, (int)i, p->text, p->len);
			lede_buf_lit(b, "</p></blockquote>\n");
			break;
		case LEDE_PARA_LIST_ITEM:
			if (!in_list)
				lede_buf_lit(b, "<ul>\n");
			in_list = true;
			lede_buf_lit(b, "<li>");
			marked_text(h, (int)i, p->text, p->len);
			lede_buf_lit(b, "</li>\n");
			break;
		case LEDE_PARA_PRE:
			lede_buf_lit(b, "<pre>");
			marked_text(h, (int)i, p->text, p->len);
			lede_buf_lit(b, "</pre>\n");
			break;
		default:
			lede_buf_lit(b, "<p>");
			marked_text(h, (int)i, p->text, p->len);
			lede_buf_lit(b, "</p>\n");
		}
	}
	if (in_list)
		lede_buf_lit(b, "</ul>\n");
}

static void
head(struct lede_buf *b, const struct lede_doc *doc)
{
	const char *s;
	bool lang_ok = doc->lang != NULL && *doc->lang != '\0' && strlen(doc->lang) <= 35;

	for (s = doc->lang; lang_ok && *s; s++)
		lang_ok = (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '-';
	lede_buf_lit(b, "<!DOCTYPE html>\n<html");
	if (lang_ok) {
		lede_buf_lit(b, " lang=\"");
		lede_buf_adds(b, doc->lang);
		lede_buf_addc(b, '"');
	}
	lede_buf_lit(b, ">\n<head>\n<meta charset=\"utf-8\">\n"
	    "<meta http-equiv=\"Content-Security-Policy\" "
	    "content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
	    "<meta name=\"referrer\" content=\"no-referrer\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	    "<meta name=\"generator\" content=\"lede " PACKAGE_VERSION "\">\n<title>");
	escz(b, doc->title && *doc->title ? doc->title : "Untitled article");
	lede_buf_lit(b, "</title>\n<style>");
	lede_buf_add(b, css, sizeof css - 1);
	lede_buf_lit(b, "</style>\n</head>\n<body>\n");
}

static void
masthead(struct html *h)
{
	const struct lede_doc *doc = h->doc;
	struct lede_buf *b = h->out;
	char saved[32];
	bool sep = false;

	lede_buf_lit(b, "<header>\n<h1>");
	seek(h, LEDE_TITLE);
	marked_text(h, LEDE_TITLE, doc->title ? doc->title : "", doc->title ? strlen(doc->title) : 0);
	lede_buf_lit(b, "</h1>\n<div class=\"meta\">\n");
	if (doc->byline || doc->site || doc->published) {
		lede_buf_lit(b, "<p>");
		if (doc->byline) {
			lede_buf_lit(b, "<span class=\"byline\">");
			escz(b, doc->byline);
			lede_buf_lit(b, "</span>");
			sep = true;
		}
		if (doc->site) {
			lede_buf_adds(b, sep ? " \xC2\xB7 " : "");
			lede_buf_lit(b, "<span class=\"site\">");
			escz(b, doc->site);
			lede_buf_lit(b, "</span>");
			sep = true;
		}
		if (doc->published) {
			lede_buf_adds(b, sep ? " \xC2\xB7 " : "");
			lede_buf_lit(b, "<time class=\"published\">");
			escz(b, doc->published);
			lede_buf_lit(b, "</time>");
		}
		lede_buf_lit(b, "</p>\n");
	}
	if (doc->url) {
		lede_buf_lit(b, "<p>Source: ");
		if (lede_url_linkable(doc->url)) {
			lede_buf_lit(b, "<a class=\"source\" rel=\"noreferrer noopener\" href=\"");
			escz(b, doc->url);
			lede_buf_lit(b, "\">");
			escz(b, doc->url);
			lede_buf_lit(b, "</a>");
		} else {
			lede_buf_lit(b, "<span class=\"source\">");
			escz(b, doc->url);
			lede_buf_lit(b, "</span>");
		}
		lede_buf_lit(b, "</p>\n");
	}
	lede_export_saved(doc, saved);
	lede_buf_lit(b, "<p>Saved <time class=\"saved\" datetime=\"");
	escz(b, saved);
	lede_buf_lit(b, "\">");
	escz(b, saved);
	lede_buf_lit(b, "</time></p>\n</div>\n<p class=\"legend\">"
	    "<mark class=\"person\">person</mark>"
	    "<mark class=\"place\">place</mark>"
	    "<span class=\"quote\">quote</span>"
	    "<span class=\"fact\">fact</span>"
	    "<mark class=\"highlight\">your highlight</mark>"
	    "<mark class=\"highlight note\">your note</mark></p>\n</header>\n");
}

static void
section(struct lede_buf *b, const char *cls, const char *title, bool ordered)
{
	lede_buf_printf(b, "<section class=\"%s\">\n<h2>%s</h2>\n%s\n", cls, title,
	    ordered ? "<ol>" : "<ul>");
}

static void
end_section(struct lede_buf *b, bool ordered)
{
	lede_buf_adds(b, ordered ? "</ol>\n</section>\n" : "</ul>\n</section>\n");
}

static void
para_ref(struct lede_buf *b, int para)
{
	if (para == LEDE_TITLE)
		lede_buf_lit(b, " <span class=\"where\">(title)</span>");
	else if (para >= 0)
		lede_buf_printf(b, " <span class=\"where\">(paragraph %d)</span>", para + 1);
}

static void
aside_notes(struct lede_buf *b, const struct lede_doc *doc)
{
	const struct lede_note *n;
	size_t i;

	if (doc->nnotes == 0)
		return;
	section(b, "notes", "Your notes", true);
	for (i = 0; i < doc->nnotes; i++) {
		n = &doc->notes[i];
		lede_buf_printf(b, "<li id=\"note-%zu\"><a class=\"exact\" href=\"#hl-%zu\">", i + 1, i + 1);
		lede_buf_lit(b, "\xE2\x80\x9C");
		escz(b, n->exact);
		lede_buf_lit(b, "\xE2\x80\x9D</a>");
		if (n->text) {
			lede_buf_lit(b, "<br><span class=\"note\">");
			escz(b, n->text);
			lede_buf_lit(b, "</span>");
		} else {
			lede_buf_lit(b, " <span class=\"kind\">highlight</span>");
		}
		lede_buf_lit(b, "</li>\n");
	}
	end_section(b, true);
}

static void
aside_entities(struct lede_buf *b, const struct lede_entity *v, size_t n, const char *cls,
    const char *title)
{
	size_t i, j;

	if (n == 0)
		return;
	section(b, cls, title, false);
	for (i = 0; i < n; i++) {
		lede_buf_lit(b, "<li><span class=\"name\">");
		escz(b, v[i].name);
		lede_buf_lit(b, "</span>");
		for (j = 0; j < v[i].nroles; j++) {
			lede_buf_adds(b, j ? ", " : ", <span class=\"roles\">");
			escz(b, v[i].roles[j]);
			if (j + 1 == v[i].nroles)
				lede_buf_lit(b, "</span>");
		}
		lede_buf_printf(b, " <span class=\"count\">(%zu %s)</span></li>\n", v[i].nmentions,
		    v[i].nmentions == 1 ? "mention" : "mentions");
	}
	end_section(b, false);
}

static void
aside_quotes(struct lede_buf *b, const struct lede_doc *doc)
{
	const struct lede_quote *q;
	const char *who;
	size_t i;

	if (doc->nquotes == 0)
		return;
	section(b, "quotes", "Quotes", false);
	for (i = 0; i < doc->nquotes; i++) {
		q = &doc->quotes[i];
		who = speaker_of(doc, q);
		lede_buf_lit(b, "<li><span class=\"name\">");
		escz(b, who ? who : "Unattributed");
		lede_buf_printf(b, "</span>: <a href=\"#q-%zu\">\xE2\x80\x9C", i + 1);
		esc(b, q->text, lede_quote_shown_len(q->text));
		lede_buf_lit(b, "\xE2\x80\x9D</a></li>\n");
	}
	end_section(b, false);
}

static void
aside_facts(struct lede_buf *b, const struct lede_doc *doc)
{
	size_t i;

	if (doc->nfacts == 0)
		return;
	section(b, "facts", "Facts", false);
	for (i = 0; i < doc->nfacts; i++) {
		lede_buf_lit(b, "<li><span class=\"kind\">");
		escz(b, doc->facts[i].kind);
		lede_buf_lit(b, "</span> ");
		escz(b, doc->facts[i].text);
		para_ref(b, doc->facts[i].span.para);
		lede_buf_lit(b, "</li>\n");
	}
	end_section(b, false);
}

static void
aside_warnings(struct lede_buf *b, const struct lede_doc *doc)
{
	size_t i;

	if (doc->nwarnings == 0)
		return;
	section(b, "warnings", "Warnings", false);
	for (i = 0; i < doc->nwarnings; i++) {
		lede_buf_lit(b, "<li><span class=\"kind\">");
		escz(b, doc->warnings[i].kind);
		lede_buf_lit(b, "</span> ");
		escz(b, doc->warnings[i].message);
		para_ref(b, doc->warnings[i].para);
		lede_buf_lit(b, "</li>\n");
	}
	end_section(b, false);
}

int
lede_export_html(struct lede_buf *out, const struct lede_doc *doc)
{
	struct html h = { .out = out, .doc = doc };
	int rc = -1;

	if (lede_marks_collect(doc, &h.marks, &h.nmarks) != 0)
		return -1;
	h.stack = malloc((h.nmarks ? h.nmarks : 1) * sizeof *h.stack);
	h.opened = calloc(h.nmarks ? h.nmarks : 1, sizeof *h.opened);
	if (h.stack == NULL || h.opened == NULL)
		goto out;
	head(out, doc);
	masthead(&h);
	lede_buf_lit(out, "<main>\n<article>\n");
	paragraphs(&h);
	lede_buf_lit(out, "</article>\n<aside>\n");
	aside_notes(out, doc);
	aside_entities(out, doc->people, doc->npeople, "people", "People");
	aside_entities(out, doc->places, doc->nplaces, "places", "Places");
	aside_quotes(out, doc);
	aside_facts(out, doc);
	aside_warnings(out, doc);
	lede_buf_lit(out, "</aside>\n</main>\n<footer>Saved with lede " PACKAGE_VERSION
	    ".</footer>\n</body>\n</html>\n");
	rc = lede_buf_ok(out) ? 0 : -1;
out:
	free(h.marks);
	free(h.stack);
	free(h.opened);
	return rc;
}
