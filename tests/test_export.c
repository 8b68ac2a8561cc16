/* The Markdown, HTML and JSON copies: their sections, their marks, their
 * escaping, and HTML that nests properly however the spans overlap (checked
 * by a strict tag-balance pass, then read back with libxml2's HTML parser to
 * compare the marked text with the document). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "lede/buf.h"
#include "lede/copy.h"
#include "lede/doc.h"
#include "lede/export.h"
#include "tap.h"

static struct lede_doc *
load_rich(void)
{
	struct lede_buf b = LEDE_BUF_INIT;
	struct lede_doc *d = NULL;
	struct lede_err err;
	char path[4096], chunk[8192];
	size_t n;
	FILE *f;

	snprintf(path, sizeof path, "%s/tests/copies/rich.json", LEDE_ABS_SRCDIR);
	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		lede_buf_add(&b, chunk, n);
	fclose(f);
	if (lede_copy_read(b.data, b.len, &d, &err) != 0)
		printf("# %s\n", err.msg);
	lede_buf_free(&b);
	return d;
}

static char *
export(const struct lede_doc *d, enum lede_format f)
{
	struct lede_buf b = LEDE_BUF_INIT;
	struct lede_err err;

	if (lede_export(&b, d, f, &err) != 0) {
		printf("# export: %s\n", err.msg);
		lede_buf_free(&b);
		return NULL;
	}
	return lede_buf_detach(&b);
}

/* Every element closes in the reverse order it opened (void elements aside),
 * which is what "well-formed" means for the markup lede writes. */
static bool
balanced(const char *html, char *why, size_t whylen)
{
	static const char *const voids[] = { "meta", "br", "hr", "img", "link", "input", "!DOCTYPE" };
	char stack[256][16], name[16];
	size_t depth = 0, k, i;
	const char *p = html, *q;
	bool closing, is_void;

	while ((p = strchr(p, '<')) != NULL) {
		closing = p[1] == '/';
		q = p + 1 + closing;
		for (k = 0; k < sizeof name - 1 && q[k] && q[k] != ' ' && q[k] != '>'; k++)
			name[k] = q[k];
		name[k] = '\0';
		if ((q = strchr(p, '>')) == NULL) {
			snprintf(why, whylen, "unterminated tag");
			return false;
		}
		if (strcmp(name, "style") == 0 && !closing) {
			/* CSS is raw text: skip to its end tag. */
			if ((p = strstr(q, "</style>")) == NULL) {
				snprintf(why, whylen, "style never ends");
				return false;
			}
			p += 8;
			continue;
		}
		is_void = false;
		for (i = 0; i < sizeof voids / sizeof voids[0]; i++)
			is_void |= strcmp(name, voids[i]) == 0;
		if (closing) {
			if (depth == 0 || strcmp(stack[depth - 1], name) != 0) {
				snprintf(why, whylen, "</%s> closes <%s>", name, depth ? stack[depth - 1] : "nothing");
				return false;
			}
			depth--;
		} else if (!is_void) {
			if (depth == 256) {
				snprintf(why, whylen, "too deep");
				return false;
			}
			strcpy(stack[depth++], name);
		}
		p = q + 1;
	}
	if (depth != 0) {
		snprintf(why, whylen, "<%s> never closes", stack[depth - 1]);
		return false;
	}
	return true;
}

static bool
has_class(xmlNode *n, const char *cls)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)"class");
	bool found = false;
	char *tok, *save, *copy;

	if (v == NULL)
		return false;
	copy = strdup((const char *)v);
	for (tok = strtok_r(copy, " ", &save); tok; tok = strtok_r(NULL, " ", &save))
		found |= strcmp(tok, cls) == 0;
	free(copy);
	xmlFree(v);
	return found;
}

static xmlNode *
find_elem(xmlNode *n, const char *name)
{
	xmlNode *c, *r;

	for (; n; n = n->next) {
		if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0)
			return n;
		for (c = n->children; c; c = c->next)
			if ((r = find_elem(c, name)) != NULL)
				return r;
		return NULL;
	}
	return NULL;
}

/* Appends the text of every element of class cls under n, in order. */
static void
class_text(xmlNode *n, const char *cls, struct lede_buf *out)
{
	xmlNode *c;
	xmlChar *t;

	if (n->type == XML_ELEMENT_NODE && has_class(n, cls)) {
		t = xmlNodeGetContent(n);
		lede_buf_adds(out, (const char *)t);
		xmlFree(t);
		return;
	}
	for (c = n->children; c; c = c->next)
		class_text(c, cls, out);
}

/* The text under n, without the note markers and without newlines. */
static void
plain_text(xmlNode *n, struct lede_buf *out)
{
	xmlNode *c;
	const char *s;

	if (n->type == XML_TEXT_NODE) {
		for (s = (const char *)n->content; *s; s++)
			if (*s != '\n')
				lede_buf_addc(out, *s);
		return;
	}
	if (n->type == XML_ELEMENT_NODE && has_class(n, "note-ref"))
		return;
	for (c = n->children; c; c = c->next)
		plain_text(c, out);
}

static xmlNode *
by_id(xmlNode *n, const char *id)
{
	xmlNode *c, *r;
	xmlChar *v;

	if (n->type == XML_ELEMENT_NODE && (v = xmlGetProp(n, (const xmlChar *)"id")) != NULL) {
		bool hit = strcmp((const char *)v, id) == 0;

		xmlFree(v);
		if (hit)
			return n;
	}
	for (c = n->children; c; c = c->next)
		if ((r = by_id(c, id)) != NULL)
			return r;
	return NULL;
}

static void
doc_plain(const struct lede_doc *d, struct lede_buf *out)
{
	size_t i;
	const char *s;

	for (i = 0; i < d->nparas; i++)
		for (s = d->paras[i].text; *s; s++)
			if (*s != '\n')
				lede_buf_addc(out, *s);
}

static htmlDocPtr
parse_html(const char *html)
{
	return htmlReadMemory(html, (int)strlen(html), NULL, "utf-8",
	    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
}

static void
test_html_rich(struct lede_doc *d)
{
	struct lede_buf got = LEDE_BUF_INIT, want = LEDE_BUF_INIT;
	char *html = export(d, LEDE_FMT_HTML), why[128] = "";
	xmlNode *root, *article, *q4;
	htmlDocPtr h;
	xmlChar *v;

	ok(html != NULL, "HTML is written");
	if (html == NULL)
		return;
	ok(balanced(html, why, sizeof why), "the HTML nests properly (%s)", why);
	ok(strncmp(html, "<!DOCTYPE html>\n<html lang=\"en\">", 31) == 0, "doctype and lang");
	ok(strstr(html, "<meta charset=\"utf-8\">") != NULL, "charset meta");
	ok(strstr(html, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
	    "style-src 'unsafe-inline'\">") != NULL, "a CSP that allows only inline style");
	ok(!strstr(html, "<script") && !strstr(html, "<link") && !strstr(html, "<img") &&
	    !strstr(html, "src=") && !strstr(html, "url(") && !strstr(html, "@import") &&
	    !strstr(html, "@font-face"), "nothing that would make a request");
	ok(strstr(html, "@media print") != NULL, "a print style");
	ok(strstr(html, "&lt;Save Our Harbour&gt; &amp; &quot;No wall, no town&quot;") != NULL &&
	    strstr(html, "<Save") == NULL, "page text is escaped");
	ok(strstr(html, "href=\"https://news.example.org/2026/11/porthaven-flood-wall?ref=a&amp;b=&quot;c&quot;\"") != NULL,
	    "the source is a link with its href escaped");
	ok(strstr(html, "datetime=\"2026-11-20T09:20:00Z\"") != NULL, "when it was saved");
	ok(strstr(html, "Check the cost against last year&#39;s budget.") != NULL, "a note's text is in the aside");
	ok(strstr(html, "a name &lt;b&gt;.") != NULL, "note text is escaped");
	ok(strstr(html, "<sup class=\"note-ref\"><a href=\"#note-1\">1</a></sup>") != NULL &&
	    strstr(html, "href=\"#note-3\"") != NULL && strstr(html, "href=\"#note-2\"") == NULL,
	    "notes have markers in the text, plain highlights do not");
	ok(strstr(html, "<mark class=\"highlight note\" id=\"hl-3\" title=\"A highlight that crosses the quote&#39;s end &amp; a name &lt;b&gt;.\">") != NULL,
	    "a note shows on hover over its text, escaped");
	ok(strstr(html, "<aside>") && strstr(html, "conflicting-role") && strstr(html, "3.2 km"),
	    "facts and warnings are in the aside");

	h = parse_html(html);
	ok(h != NULL, "libxml2 reads the HTML back");
	if (h == NULL) {
		free(html);
		return;
	}
	root = xmlDocGetRootElement(h);
	article = find_elem(root, "article");
	ok(article != NULL, "there is an article element");
	if (article != NULL) {
		plain_text(article, &got);
		doc_plain(d, &want);
		is_str(got.data, want.data, "the article's text is the document's, nothing lost or doubled");
		lede_buf_reset(&got);
		class_text(article, "person", &got);
		is_str(got.data, "Ann LeeAnn LeeTom\xC3\xA1s RuizPriya NairTom\xC3\xA1s Ruiz",
		    "people are marked, split where a highlight crosses them");
		lede_buf_reset(&got);
		class_text(article, "place", &got);
		is_str(got.data, "PorthavenKingsbridgePorthaven", "places are marked");
		lede_buf_reset(&got);
		class_text(article, "highlight", &got);
		is_str(got.data, "\xC2\xA3" "40m flood wallnext surge,\xE2\x80\x9D said Ann70% of the sea defences",
		    "highlights are marked");
		lede_buf_reset(&got);
		class_text(article, "fact", &got);
		is_str(got.data, "\xC2\xA3" "40m70%March 20273.2 km52", "facts are marked");
	}
	q4 = by_id(root, "q-4");
	ok(q4 != NULL && has_class(q4, "quote"), "quotes are elements of class quote");
	if (q4 != NULL) {
		v = xmlGetProp(q4, (const xmlChar *)"data-speaker");
		is_str((const char *)v, "Priya Nair", "a quote names its speaker");
		xmlFree(v);
		lede_buf_reset(&got);
		class_text(q4, "person", &got);
		is_str(got.data, "Tom\xC3\xA1s Ruiz", "a person marked inside a quote");
	}
	xmlFreeDoc(h);
	lede_buf_free(&got);
	lede_buf_free(&want);
	free(html);
}

static void
test_html_hostile(void)
{
	struct lede_doc *d = lede_doc_new();
	char *html, why[128] = "";
	int p;

	lede_doc_set(&d->title, "A <script>alert(1)</script> & 'title'");
	lede_doc_set(&d->url, "javascript:alert(1)");
	lede_doc_set(&d->lang, "en\" onload=\"x");
	lede_doc_add_para(d, LEDE_PARA_TEXT, "O\"Brien <x> met.", 16);
	p = lede_doc_add_person(d, "O\"Brien <x>");
	lede_entity_add_role(&d->people[p], "a \"role\" & more");
	lede_entity_add_mention(&d->people[p], (struct lede_span){ 0, 0, 11 });
	html = export(d, LEDE_FMT_HTML);
	ok(html != NULL && balanced(html, why, sizeof why), "hostile text still nests (%s)", why);
	ok(html && strstr(html, "<script") == NULL && strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#39;title&#39;"),
	    "the title is escaped");
	ok(html && strstr(html, "href=\"javascript") == NULL && strstr(html, "javascript:alert(1)") != NULL,
	    "a javascript: URL is shown, never linked");
	ok(html && strncmp(html, "<!DOCTYPE html>\n<html>", 22) == 0, "a lang that is not a tag is left out");
	ok(html && strstr(html, "title=\"O&quot;Brien &lt;x&gt; \xE2\x80\x94 a &quot;role&quot; &amp; more\"") != NULL,
	    "attributes are escaped");
	free(html);
	lede_doc_free(d);
}

/* Random overlapping spans of every kind, on text with multi-byte
 * characters: the markup must always nest and keep the text intact. */
static void
test_html_random(void)
{
	static const char *const pieces[] = { "a", "b ", "\xC3\xA9", "\xE2\x80\x9C", "<", "&", " ", "z" };
	unsigned seed = 12345;
	int round, bad_nest = 0, bad_text = 0;

	for (round = 0; round < 200; round++) {
		struct lede_buf t = LEDE_BUF_INIT, got = LEDE_BUF_INIT, want = LEDE_BUF_INIT;
		struct lede_doc *d = lede_doc_new();
		size_t bounds[128], nb = 0, i, k;
		char *html, why[128];
		htmlDocPtr h;
		int pp, pl;

		lede_doc_set(&d->title, "T");
		for (i = 0; i < 60; i++) {
			bounds[nb++] = t.len;
			seed = seed * 1103515245u + 12345u;
			lede_buf_adds(&t, pieces[(seed >> 16) % 8]);
		}
		bounds[nb++] = t.len;
		lede_doc_add_para(d, LEDE_PARA_TEXT, t.data, t.len);
		lede_doc_add_para(d, LEDE_PARA_LIST_ITEM, t.data, t.len);
		pp = lede_doc_add_person(d, "P");
		pl = lede_doc_add_place(d, "L");
		for (k = 0; k < 12; k++) {
			size_t a, b;
			struct lede_span s;
			struct lede_note n = { { 0, 0, 0 }, "x", "", "", NULL, NULL };

			seed = seed * 1103515245u + 12345u;
			a = bounds[(seed >> 8) % nb];
			seed = seed * 1103515245u + 12345u;
			b = bounds[(seed >> 8) % nb];
			s = (struct lede_span){ (int)(k % 2), a < b ? a : b, a < b ? b : a };
			switch (k % 5) {
			case 0: lede_doc_add_quote(d, s, s.start, s.end, k % 3 ? pp : -1, NULL); break;
			case 1: lede_entity_add_mention(&d->people[pp], s); break;
			case 2: lede_entity_add_mention(&d->places[pl], s); break;
			case 3: lede_doc_add_fact(d, "count", s); break;
			default: n.span = s; n.text = k % 2 ? "n" : NULL; lede_doc_add_note(d, &n);
			}
		}
		html = export(d, LEDE_FMT_HTML);
		if (html == NULL || !balanced(html, why, sizeof why)) {
			if (bad_nest++ == 0)
				printf("# round %d: %s\n", round, html ? why : "no output");
		} else if ((h = parse_html(html)) != NULL) {
			plain_text(find_elem(xmlDocGetRootElement(h), "article"), &got);
			doc_plain(d, &want);
			if (strcmp(got.data ? got.data : "", want.data ? want.data : "") != 0 && bad_text++ == 0)
				printf("# round %d: text differs\n#  got: %s\n# want: %s\n", round, got.data, want.data);
			xmlFreeDoc(h);
		}
		free(html);
		lede_buf_free(&t);
		lede_buf_free(&got);
		lede_buf_free(&want);
		lede_doc_free(d);
	}
	is_int(bad_nest, 0, "200 random overlapping layouts all nest");
	is_int(bad_text, 0, "and all keep the text exactly");
}

static void
test_markdown_rich(struct lede_doc *d)
{
	char *md = export(d, LEDE_FMT_MARKDOWN);

	ok(md != NULL, "Markdown is written");
	if (md == NULL)
		return;
	ok(strncmp(md, "# Harbour Council Backs Flood Wall After Storm, Says Mayor\n\n", 60) == 0, "the title");
	ok(strstr(md, "- By: By Jo Marsh\n- Site: Example News\n- Published: 2026-11-18T07:30:00Z\n") != NULL,
	    "byline, site, date");
	ok(strstr(md, "- Source: <https://news.example.org/2026/11/porthaven-flood-wall?ref=a&b=\"c\">\n") != NULL,
	    "the source as a link");
	ok(strstr(md, "- Saved: 2026-11-20T09:20:00Z\n") != NULL, "when it was saved");
	ok(strstr(md, "\n## What the engineers found\n") != NULL, "headings are ##");
	ok(strstr(md, "\n> \xE2\x80\x9CThe wall is a promise") != NULL, "block quotes are >");
	ok(strstr(md, "\n- Work starts in March 2027.\n- The wall will be 3.2 km long.\n") != NULL,
	    "list items are a tight list");
	ok(strstr(md, "\n```text\nTide table\n06:12  4.1 m\n18:40  3.9 m\n```\n") != NULL,
	    "preformatted text is fenced");
	ok(strstr(md, "\\<Save Our Harbour\\> & \"No wall, no town\"; one read \\*FLOOD\\* \\| \\[sic\\] \\#Porthaven\\_now.") != NULL,
	    "Markdown characters in page text are escaped");
	ok(strstr(md, "\n\\# 1. Not a heading, - not a list, \\> not a quote.\n") != NULL,
	    "a line that would start a heading is escaped");
	ok(strstr(md, "\n## People\n\n- **Ann Lee**, mayor (2 mentions)\n- **Tom\xC3\xA1s Ruiz**, chief engineer (2 mentions)\n"
	    "- **Priya Nair**, opposition leader (1 mention)\n") != NULL, "people with roles and mentions");
	ok(strstr(md, "\n## Places\n\n- **Porthaven** (2 mentions)\n- **Kingsbridge** (1 mention)\n") != NULL, "places");
	ok(strstr(md, "\n## Quotes\n\n- **Ann Lee**: \xE2\x80\x9CWe cannot wait for the next surge\xE2\x80\x9D\n") != NULL &&
	    strstr(md, "- **Priya Nair**: \xE2\x80\x9CNobody has asked the fishermen, not even Tom\xC3\xA1s Ruiz.\xE2\x80\x9D\n") != NULL,
	    "quotes with speakers");
	ok(strstr(md, "\n## Facts\n\n- money: \xC2\xA3" "40m (paragraph 1)\n") != NULL, "facts");
	ok(strstr(md, "\n## Warnings\n\n- conflicting-role: Ann Lee is called both mayor and council leader (paragraph 2)\n") != NULL,
	    "warnings");
	ok(strstr(md, "\n## Notes\n\n1. Note on \xE2\x80\x9C\xC2\xA3" "40m flood wall\xE2\x80\x9D (paragraph 1): "
	    "Check the cost against last year's budget.\n2. Highlight: \xE2\x80\x9C" "70% of the sea defences\xE2\x80\x9D (paragraph 4)\n") != NULL,
	    "notes and highlights with the text they anchor");
	ok(strstr(md, "a name \\<b\\>.") != NULL && strstr(md, "<b>") == NULL, "no raw HTML from the page");
	free(md);
}

static void
test_markdown_escapes(void)
{
	static const char *const paras[] = {
		"2019. A year to remember", "- not a list", "+ nor this", "=====", "* stars *",
		"A `tick` and &amp; entity", "snake_case and [link](x) and ![img](y)",
	};
	static const char *const want[] = {
		"\n2019\\. A year to remember\n", "\n\\- not a list\n", "\n\\+ nor this\n", "\n\\=====\n",
		"\n\\* stars \\*\n", "\nA \\`tick\\` and \\&amp; entity\n",
		"\nsnake\\_case and \\[link\\](x) and !\\[img\\](y)\n",
	};
	struct lede_doc *d = lede_doc_new();
	char *md;
	size_t i;

	lede_doc_set(&d->title, "# Not <em>two</em> headings #");
	for (i = 0; i < sizeof paras / sizeof paras[0]; i++)
		lede_doc_add_para(d, LEDE_PARA_TEXT, paras[i], strlen(paras[i]));
	lede_doc_add_para(d, LEDE_PARA_PRE, "code ``` and ````", 17);
	lede_doc_set(&d->url, "ftp://example.org/<x>");
	setenv("SOURCE_DATE_EPOCH", "86400", 1);
	md = export(d, LEDE_FMT_MARKDOWN);
	unsetenv("SOURCE_DATE_EPOCH");
	ok(md != NULL, "Markdown of awkward text is written");
	if (md == NULL) {
		lede_doc_free(d);
		return;
	}
	ok(strncmp(md, "# \\# Not \\<em\\>two\\</em\\> headings \\#\n", 38) == 0, "the title is escaped");
	for (i = 0; i < sizeof want / sizeof want[0]; i++)
		ok(strstr(md, want[i]) != NULL, "escaped: %s", paras[i]);
	ok(strstr(md, "\n`````text\ncode ``` and ````\n`````\n") != NULL, "the fence outgrows the backticks inside");
	ok(strstr(md, "- Source: ftp://example.org/\\<x\\>\n") != NULL, "a URL that is not http(s) is text");
	ok(strstr(md, "- Saved: 1970-01-02T00:00:00Z\n") != NULL, "a fresh copy is stamped now (SOURCE_DATE_EPOCH)");
	ok(strstr(md, "## People") == NULL && strstr(md, "## Notes") == NULL, "empty sections are left out");
	free(md);
	lede_doc_free(d);
}

static void
test_json_saved(void)
{
	struct lede_doc *d = lede_doc_new();
	char *j;

	lede_doc_set(&d->title, "T");
	setenv("SOURCE_DATE_EPOCH", "86400", 1);
	j = export(d, LEDE_FMT_JSON);
	unsetenv("SOURCE_DATE_EPOCH");
	ok(j && strstr(j, ",\"saved\":\"1970-01-02T00:00:00Z\",\"paragraphs\":[]") != NULL,
	    "a JSON copy says when it was saved");
	ok(d->saved == NULL, "without changing the document");
	free(j);
	lede_doc_free(d);
}

int
main(void)
{
	struct lede_doc *d = load_rich();

	char why[128];

	ok(!balanced("<p><mark>a</p></mark>", why, sizeof why) && balanced("<p><br>a</p>", why, sizeof why),
	    "the nesting check itself tells good from bad");
	ok(d != NULL, "the rich copy loads");
	if (d != NULL) {
		test_html_rich(d);
		test_markdown_rich(d);
	}
	lede_doc_free(d);
	test_html_hostile();
	test_html_random();
	test_markdown_escapes();
	test_json_saved();
	xmlCleanupParser();
	return tap_done();
}
