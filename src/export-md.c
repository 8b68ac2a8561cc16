/* The Markdown copy: reads as plain text and renders the same in the common
 * tools (CommonMark, GitHub, pandoc). Page text is data, never markup: the
 * characters that would start emphasis, links, code, HTML, tables or a block
 * construct are backslash-escaped, and nothing from the page is written as
 * raw HTML. */
#include "config.h"

#include <stdbool.h>
#include <string.h>

#include "lede/export-fmt.h"

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
is_alnum(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Escapes one line of inline text. At the start of a line the characters
 * that open a block (#, >, -, +, =, "1." ...) are escaped too. */
static void
md_inline(struct lede_buf *b, const char *s, size_t n, bool line_start)
{
	size_t i, run;
	char c;

	for (i = 0; i < n;) {
		if (line_start) {
			line_start = false;
			c = s[i];
			if (c == '#' || c == '>' || c == '-' || c == '+' || c == '=') {
				lede_buf_addc(b, '\\');
				lede_buf_addc(b, s[i++]);
				continue;
			}
			/* "1. text" or "1) text" would become a numbered list. */
			for (run = i; run < n && run - i < 10 && is_digit(s[run]); run++)
				;
			if (run > i && run < n && (s[run] == '.' || s[run] == ')')) {
				lede_buf_add(b, s + i, run - i);
				lede_buf_addc(b, '\\');
				lede_buf_addc(b, s[run]);
				i = run + 1;
				continue;
			}
		}
		c = s[i];
		switch (c) {
		case '\\': case '`': case '*': case '_': case '[': case ']':
		case '<': case '>': case '|': case '~':
			lede_buf_addc(b, '\\');
			lede_buf_addc(b, c);
			break;
		case '#':
			/* A run of # ending a heading line is dropped as its closing
			 * sequence; elsewhere # is text. */
			lede_buf_lit(b, "\\#");
			break;
		case '&':
			/* "&amp;" or "&#38;" would be read as an entity. */
			if (i + 1 < n && (is_alnum(s[i + 1]) || s[i + 1] == '#'))
				lede_buf_addc(b, '\\');
			lede_buf_addc(b, c);
			break;
		default:
			lede_buf_addc(b, c);
		}
		i++;
	}
}

static void
md_text(struct lede_buf *b, const char *s)
{
	if (s != NULL)
		md_inline(b, s, strlen(s), false);
}

/* Preformatted text goes into a fence longer than any run of backticks in
 * it, so nothing inside can close it early. */
static void
md_fenced(struct lede_buf *b, const char *s, size_t n)
{
	size_t i, run = 0, longest = 0, k;

	for (i = 0; i < n; i++) {
		run = s[i] == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	k = longest < 3 ? 3 : longest + 1;
	for (i = 0; i < k; i++)
		lede_buf_addc(b, '`');
	lede_buf_lit(b, "text\n");
	lede_buf_add(b, s, n);
	lede_buf_addc(b, '\n');
	for (i = 0; i < k; i++)
		lede_buf_addc(b, '`');
	lede_buf_addc(b, '\n');
}

/* A URL as an autolink when it is a plain http(s) URL, else as text. */
static void
md_url(struct lede_buf *b, const char *url)
{
	if (lede_url_linkable(url) && strpbrk(url, "<> ") == NULL) {
		lede_buf_addc(b, '<');
		lede_buf_adds(b, url);
		lede_buf_addc(b, '>');
	} else {
		md_text(b, url);
	}
}

static void
metadata(struct lede_buf *b, const struct lede_doc *doc)
{
	char saved[32];

	if (doc->byline) {
		lede_buf_lit(b, "- By: ");
		md_text(b, doc->byline);
		lede_buf_addc(b, '\n');
	}
	if (doc->site) {
		lede_buf_lit(b, "- Site: ");
		md_text(b, doc->site);
		lede_buf_addc(b, '\n');
	}
	if (doc->published) {
		lede_buf_lit(b, "- Published: ");
		md_text(b, doc->published);
		lede_buf_addc(b, '\n');
	}
	if (doc->url) {
		lede_buf_lit(b, "- Source: ");
		md_url(b, doc->url);
		lede_buf_addc(b, '\n');
	}
	lede_export_saved(doc, saved);
	lede_buf_lit(b, "- Saved: ");
	md_text(b, saved);
	lede_buf_addc(b, '\n');
}

static void
body(struct lede_buf *b, const struct lede_doc *doc)
{
	const struct lede_para *p;
	size_t i;

	for (i = 0; i < doc->nparas; i++) {
		p = &doc->paras[i];
		/* List items follow each other without a blank line, so they
		 * stay one tight list. */
		if (!(p->kind == LEDE_PARA_LIST_ITEM && i > 0 &&
		    doc->paras[i - 1].kind == LEDE_PARA_LIST_ITEM))
			lede_buf_addc(b, '\n');
		switch (p->kind) {
		case LEDE_PARA_HEADING:
			lede_buf_lit(b, "## ");
			md_inline(b, p->text, p->len, false);
			break;
		case LEDE_PARA_BLOCKQUOTE:
			lede_buf_lit(b, "> ");
			md_inline(b, p->text, p->len, true);
			break;
		case LEDE_PARA_LIST_ITEM:
			lede_buf_lit(b, "- ");
			md_inline(b, p->text, p->len, true);
			break;
		case LEDE_PARA_PRE:
			md_fenced(b, p->text, p->len);
			continue;
		default:
			md_inline(b, p->text, p->len, true);
		}
		lede_buf_addc(b, '\n');
	}
}

static void
where(struct lede_buf *b, int para)
{
	if (para == LEDE_TITLE)
		lede_buf_lit(b, " (title)");
	else if (para >= 0)
		lede_buf_printf(b, " (paragraph %d)", para + 1);
}

static void
entities(struct lede_buf *b, const char *title, const struct lede_entity *v, size_t n)
{
	size_t i, j;

	if (n == 0)
		return;
	lede_buf_printf(b, "\n## %s\n\n", title);
	for (i = 0; i < n; i++) {
		lede_buf_lit(b, "- **");
		md_text(b, v[i].name);
		lede_buf_lit(b, "**");
		for (j = 0; j < v[i].nroles; j++) {
			lede_buf_adds(b, j ? ", " : ", ");
			md_text(b, v[i].roles[j]);
		}
		lede_buf_printf(b, " (%zu %s)\n", v[i].nmentions,
		    v[i].nmentions == 1 ? "mention" : "mentions");
	}
}

static void
quotes(struct lede_buf *b, const struct lede_doc *doc)
{
	const struct lede_quote *q;
	const char *who;
	size_t i;

	if (doc->nquotes == 0)
		return;
	lede_buf_lit(b, "\n## Quotes\n\n");
	for (i = 0; i < doc->nquotes; i++) {
		q = &doc->quotes[i];
		who = q->speaker >= 0 && (size_t)q->speaker < doc->npeople ?
		    doc->people[q->speaker].name : q->source;
		lede_buf_lit(b, "- **");
		md_text(b, who ? who : "Unattributed");
		lede_buf_lit(b, "**: \xE2\x80\x9C");
		md_inline(b, q->text, lede_quote_shown_len(q->text), false);
		lede_buf_lit(b, "\xE2\x80\x9D\n");
	}
}

static void
facts(struct lede_buf *b, const struct lede_doc *doc)
{
	size_t i;

	if (doc->nfacts == 0)
		return;
	lede_buf_lit(b, "\n## Facts\n\n");
	for (i = 0; i < doc->nfacts; i++) {
		lede_buf_lit(b, "- ");
		md_text(b, doc->facts[i].kind);
		lede_buf_lit(b, ": ");
		md_text(b, doc->facts[i].text);
		where(b, doc->facts[i].span.para);
		lede_buf_addc(b, '\n');
	}
}

static void
warnings(struct lede_buf *b, const struct lede_doc *doc)
{
	size_t i;

	if (doc->nwarnings == 0)
		return;
	lede_buf_lit(b, "\n## Warnings\n\n");
	for (i = 0; i < doc->nwarnings; i++) {
		lede_buf_lit(b, "- ");
		md_text(b, doc->warnings[i].kind);
		lede_buf_lit(b, ": ");
		md_text(b, doc->warnings[i].message);
		where(b, doc->warnings[i].para);
		lede_buf_addc(b, '\n');
	}
}

static void
notes(struct lede_buf *b, const struct lede_doc *doc)
{
	const struct lede_note *n;
	size_t i;

	if (doc->nnotes == 0)
		return;
	lede_buf_lit(b, "\n## Notes\n\n");
	for (i = 0; i < doc->nnotes; i++) {
		n = &doc->notes[i];
		lede_buf_printf(b, "%zu. %s", i + 1, n->text ? "Note on" : "Highlight:");
		lede_buf_lit(b, " \xE2\x80\x9C");
		md_text(b, n->exact);
		lede_buf_lit(b, "\xE2\x80\x9D");
		where(b, n->span.para);
		if (n->text) {
			lede_buf_lit(b, ": ");
			md_text(b, n->text);
		}
		lede_buf_addc(b, '\n');
	}
}

void
lede_export_markdown(struct lede_buf *b, const struct lede_doc *doc)
{
	lede_buf_lit(b, "# ");
	md_text(b, doc->title && *doc->title ? doc->title : "Untitled article");
	lede_buf_lit(b, "\n\n");
	metadata(b, doc);
	body(b, doc);
	entities(b, "People", doc->people, doc->npeople);
	entities(b, "Places", doc->places, doc->nplaces);
	quotes(b, doc);
	facts(b, doc);
	warnings(b, doc);
	notes(b, doc);
}
