/* The cleaner on small pages made for each rule: charsets, <br> soup,
 * entities, NULs, depth, plain text, refusals and metadata. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lede/buf.h"
#include "lede/clean-decode.h"
#include "lede/clean.h"
#include "lede/doc.h"
#include "lede/text.h"
#include "tap.h"

static struct lede_doc *
html(const char *s, size_t n, const char *charset)
{
	struct lede_doc *doc = NULL;
	struct lede_err err;

	if (lede_clean_html(s, n, charset, NULL, &doc, &err) != 0) {
		printf("# cleaner said: %s\n", err.msg);
		return NULL;
	}
	return doc;
}

#define HTML(s, cs) html((s), sizeof(s) - 1, (cs))

/* All paragraphs joined by " | ", for compact comparisons. */
static char *
joined(const struct lede_doc *doc)
{
	static struct lede_buf b;
	size_t k;

	lede_buf_reset(&b);
	if (doc == NULL)
		return "(no document)";
	for (k = 0; k < doc->nparas; k++) {
		if (k > 0)
			lede_buf_lit(&b, " | ");
		lede_buf_add(&b, doc->paras[k].text, doc->paras[k].len);
	}
	lede_buf_addc(&b, '\0');
	return b.data;
}

static bool
has_controls(const char *s)
{
	size_t adv;
	uint32_t cp;

	for (; *s; s += adv) {
		cp = lede_utf8_next(s, strlen(s), &adv);
		if (lede_cp_is_forbidden(cp))
			return true;
	}
	return false;
}

static const char body_1252[] =
	"<p>\x93Prices rose,\x94 she said, \x96 to \xa3" "5 from \xa3" "4 at the caf\xe9.</p>";
static const char want_1252[] =
	"\xe2\x80\x9cPrices rose,\xe2\x80\x9d she said, \xe2\x80\x93 to \xc2\xa3" "5 from \xc2\xa3"
	"4 at the caf\xc3\xa9.";

static void
test_charsets(void)
{
	struct lede_doc *d;
	static const char meta[] = "<html><head><meta charset=\"windows-1252\"></head><body>"
	    "<p>\x93Prices rose,\x94 she said, \x96 to \xa3" "5 from \xa3" "4 at the caf\xe9.</p>"
	    "</body></html>";
	static const char http_equiv[] = "<html><head><meta http-equiv=\"Content-Type\" "
	    "content=\"text/html; charset=iso-8859-1\"></head><body>"
	    "<p>\x93Prices rose,\x94 she said, \x96 to \xa3" "5 from \xa3" "4 at the caf\xe9.</p>"
	    "</body></html>";
	static const char lying_meta[] = "<html><head><meta charset=\"utf-8\"></head><body>"
	    "<p>\x93Prices rose,\x94 she said, \x96 to \xa3" "5 from \xa3" "4 at the caf\xe9.</p>"
	    "</body></html>";
	static const char utf16[] =
	    "\xff\xfe<\0p\0>\0C\0a\0f\0\xe9\0 \0\x1c\x20o\0k\0\x1d\x20 \0\xa3\0" "5\0.\0<\0/\0p\0>\0";

	d = html(body_1252, sizeof body_1252 - 1, "windows-1252");
	is_str(joined(d), want_1252, "windows-1252 from the HTTP header: curly quotes, dash, pounds");
	lede_doc_free(d);
	d = HTML(meta, NULL);
	is_str(joined(d), want_1252, "windows-1252 from <meta charset>");
	lede_doc_free(d);
	d = HTML(http_equiv, NULL);
	is_str(joined(d), want_1252, "iso-8859-1 in http-equiv reads as windows-1252");
	lede_doc_free(d);
	d = HTML(lying_meta, "windows-1252");
	is_str(joined(d), want_1252, "the header charset wins over the page's meta");
	lede_doc_free(d);
	d = HTML("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><html><body>"
	    "<p>\x93Prices rose,\x94 she said, \x96 to \xa3" "5 from \xa3" "4 at the caf\xe9.</p>"
	    "</body></html>", NULL);
	is_str(joined(d), want_1252, "the XML declaration's encoding");
	lede_doc_free(d);
	d = html(utf16, sizeof utf16 - 1, NULL);
	is_str(joined(d), "Caf\xc3\xa9 \xe2\x80\x9cok\xe2\x80\x9d \xc2\xa3" "5.",
	    "UTF-16LE with a BOM decodes");
	lede_doc_free(d);
	d = HTML("<p>caf\xe9 ok</p>", NULL);
	is_str(joined(d), "caf\xef\xbf\xbd ok", "an undeclared page is UTF-8; a bad byte is U+FFFD");
	lede_doc_free(d);
}

/* The copy-free path hands back the page itself only when converting it
 * would change nothing; anything else goes through the converter. */
static void
test_utf8_view(void)
{
	static const char *const bad[] = { "\0", "\xff", "\x80", "\xc3", "\xe2\x80", "\xed\xa0\x80",
	    "\xc0\xaf", "\xf4\x90\x80\x80" };
	static const char good[] = "<p>Plain text, and caf\xc3\xa9 \xe2\x80\x9cquoted\xe2\x80\x9d \xf0\x9f\x98\x80.</p>";
	struct lede_buf out = LEDE_BUF_INIT, ref = LEDE_BUF_INIT;
	struct lede_err err;
	const char *text;
	char s[96];
	size_t n, at, b, blen, copied = 0, wrong = 0;

	ok(lede_clean_utf8_text(&out, good, sizeof good - 1, NULL, &text, &n, &err) == 0 &&
	    text == good && n == sizeof good - 1 && out.len == 0,
	    "valid UTF-8 is used where it lies");
	ok(lede_clean_utf8_text(&out, good, sizeof good - 1, "utf-8", &text, &n, &err) == 0 &&
	    text == good && out.len == 0, "so is a page labelled utf-8");
	ok(lede_clean_utf8_text(&out, "\xef\xbb\xbf" "abc", 6, NULL, &text, &n, &err) == 0 &&
	    n == 3 && memcmp(text, "abc", 3) == 0 && out.len == 0, "a UTF-8 byte order mark is stepped over");
	lede_buf_reset(&out);
	ok(lede_clean_utf8_text(&out, "caf\xe9", 4, "windows-1252", &text, &n, &err) == 0 &&
	    n == 5 && memcmp(text, "caf\xc3\xa9", 5) == 0, "another charset is converted");
	for (b = 0; b < sizeof bad / sizeof bad[0]; b++) {
		blen = bad[b][0] == '\0' ? 1 : strlen(bad[b]);
		for (at = 0; at <= 32; at++) {
			memcpy(s, "abcdefghijklmnopqrstuvwxyz0123456789", at);
			memcpy(s + at, bad[b], blen);
			memcpy(s + at + blen, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 36 - at);
			n = 36 + blen;
			lede_buf_reset(&out);
			lede_buf_reset(&ref);
			if (lede_clean_utf8_text(&out, s, n, NULL, &text, &n, &err) != 0 ||
			    lede_clean_to_utf8(&ref, s, 36 + blen, NULL, &err) != 0) {
				wrong++;
				continue;
			}
			copied += text == out.data;
			wrong += n != ref.len || memcmp(text, ref.data, n) != 0;
		}
	}
	ok(copied == b * 33 && wrong == 0, "a NUL or bad byte anywhere in a stretch of ASCII is "
	    "converted, as the converter would (%zu copied, %zu wrong)", copied, wrong);
	lede_buf_free(&out);
	lede_buf_free(&ref);
}

static void
test_structure(void)
{
	struct lede_doc *d;

	d = HTML("<html><body><div>The first paragraph of the soup, with a comma.<br><br>"
	    "The second paragraph<br>goes on after a single break.<br>\n<br>The third.</div>"
	    "</body></html>", NULL);
	is_str(joined(d), "The first paragraph of the soup, with a comma. | "
	    "The second paragraph goes on after a single break. | The third.",
	    "<br><br> ends a paragraph, one <br> does not");
	lede_doc_free(d);

	d = HTML("<p>Putin<a href=\"/x\">\xe2\x80\x99s</a> <em>war</em>, <b>un</b>ended.</p>", NULL);
	is_str(joined(d), "Putin\xe2\x80\x99s war, unended.", "inline elements imply no space");
	lede_doc_free(d);

	d = HTML("<p>Bell &#x9b;one&#27; two &#x85;three &#0; four &amp; five.</p>", NULL);
	ok(d != NULL && !has_controls(joined(d)), "entities never give control characters");
	is_str(joined(d), "Bell one two three four & five.", "and their text stays");
	lede_doc_free(d);

	d = HTML("<p>Hello\0 world, \0again.</p>", NULL);
	is_str(joined(d), "Hello world, again.", "NUL bytes are dropped, the text around kept");
	lede_doc_free(d);

	d = HTML("<html><body><p>Only one sentence stands on this page.</p></body></html>", NULL);
	ok(d != NULL && d->nparas == 1, "a one-sentence page is a one-paragraph document");
	is_str(joined(d), "Only one sentence stands on this page.", "with its sentence");
	lede_doc_free(d);

	d = HTML("<article><h2>Part one</h2><p>Words in the first part, which run on.</p>"
	    "<blockquote><p>A quoted line, said someone.</p></blockquote>"
	    "<ul><li>First item of the list</li><li>Second item</li></ul>"
	    "<pre>line one\n  line two</pre></article>", NULL);
	ok(d != NULL && d->nparas == 6, "headings, quotes, items and pre are paragraphs");
	if (d != NULL && d->nparas == 6) {
		is_int(d->paras[0].kind, LEDE_PARA_HEADING, "h2 is a heading");
		is_int(d->paras[2].kind, LEDE_PARA_BLOCKQUOTE, "blockquote kind");
		is_int(d->paras[3].kind, LEDE_PARA_LIST_ITEM, "list item kind");
		is_int(d->paras[5].kind, LEDE_PARA_PRE, "pre kind");
		is_str(d->paras[5].text, "line one\n  line two", "pre keeps its lines");
	}
	lede_doc_free(d);

	d = HTML("<html><body><div class=\"wrap comments-open\"><p>A lone sentence in a wrapper "
	    "whose class says comments.</p></div></body></html>", NULL);
	is_str(joined(d), "A lone sentence in a wrapper whose class says comments.",
	    "a misleading class cannot hide the only text");
	lede_doc_free(d);

	d = HTML("<html><head><script>var x = 'no';</script><style>p{}</style></head><body>"
	    "<p>Visible words in a paragraph.</p><noscript>nope</noscript><template>no</template>"
	    "<svg><text>no</text></svg></body></html>", NULL);
	is_str(joined(d), "Visible words in a paragraph.", "script, style, noscript, template, svg dropped");
	lede_doc_free(d);
}

static void
test_furniture(void)
{
	struct lede_doc *d;

	d = HTML("<html><head><meta property=\"og:title\" content=\"Tram Line Opens\"></head><body>"
	    "<article><p>Transport</p><h1>Tram Line Opens</h1><p>By Jo Park</p>"
	    "<p>Updated 3 May 2021, 10:04</p>"
	    "<p>The new tram line opened on Monday, carrying more than four thousand people, "
	    "and the mayor rode the first car.</p><p>ADVERTISEMENT</p>"
	    "<p>Read more: <a href=\"/a\">Why trams are back in fashion across Europe</a></p>"
	    "<p>Tickets cost the same as the bus, and the line runs every six minutes, all day.</p>"
	    "<p>Please enable JavaScript to view the comments.</p>"
	    "<p>Tags: transport, trams, city</p></article></body></html>", NULL);
	is_str(joined(d), "The new tram line opened on Monday, carrying more than four thousand people, "
	    "and the mayor rode the first car. | Tickets cost the same as the bus, and the line runs "
	    "every six minutes, all day.",
	    "kicker, byline, dateline, ad label, link line, script notice and tags go");
	lede_doc_free(d);

	d = HTML("<html><body><div class=\"top\"><a href=\"/\">Home</a> | <a href=\"/p\">Photos</a></div>"
	    "We left early on Saturday, before the traffic, and reached the coast by ten.<br><br>"
	    "On Sunday it rained all day, so we drove home the long way, through the hills.<br><br>"
	    "<div class=\"bottom\">Visitors: 10293 | <a href=\"mailto:me@example.com\">Email me</a></div>"
	    "</body></html>", NULL);
	is_str(joined(d), "We left early on Saturday, before the traffic, and reached the coast by ten. | "
	    "On Sunday it rained all day, so we drove home the long way, through the hills.",
	    "a short text in the body: the looser passes do not bring the furniture back");
	lede_doc_free(d);
}

static void
test_depth(void)
{
	struct lede_buf b = LEDE_BUF_INIT;
	struct lede_doc *d = NULL;
	struct lede_err err;
	clock_t t0;
	size_t i;
	int rc;

	lede_buf_lit(&b, "<html><body><p>Before the deep nest there is a sentence.</p>");
	for (i = 0; i < 200000; i++)
		lede_buf_lit(&b, "<div>");
	lede_buf_lit(&b, "deep");
	for (i = 0; i < 200000; i++)
		lede_buf_lit(&b, "</div>");
	lede_buf_lit(&b, "</body></html>");
	t0 = clock();
	rc = lede_clean_html(b.data, b.len, NULL, NULL, &d, &err);
	ok((double)(clock() - t0) / CLOCKS_PER_SEC < 10.0, "200,000 nested elements: bounded time");
	ok(rc == 0 && d != NULL, "and a document");
	ok(d != NULL && strstr(joined(d), "Before the deep nest") != NULL, "with the text before it");
	lede_doc_free(d);

	/* Size: 8 MB of article, sidebars and <br> soup, in linear time. */
	lede_buf_reset(&b);
	lede_buf_lit(&b, "<html><body><div class=\"sidebar\"><a href=\"/\">Home</a></div><article>");
	for (i = 0; b.len < 8u * 1024 * 1024; i++)
		lede_buf_printf(&b, "<p>Paragraph %zu says something, with a comma, and <a href=\"/x\">a "
		    "link</a> in it.</p><div>Soup line %zu.<br><br>Another line.</div>\n", i, i);
	lede_buf_lit(&b, "</article></body></html>");
	t0 = clock();
	rc = lede_clean_html(b.data, b.len, NULL, NULL, &d, &err);
	ok((double)(clock() - t0) / CLOCKS_PER_SEC < 20.0, "8 MB page: bounded time");
	ok(rc == 0 && d != NULL && d->nparas == 3 * i, "every paragraph of it");
	lede_doc_free(d);
	lede_buf_free(&b);
}

static struct lede_doc *
text(const char *s, size_t n, const char *charset)
{
	struct lede_doc *doc = NULL;
	struct lede_err err;

	if (lede_clean_text(s, n, charset, &doc, &err) != 0) {
		printf("# cleaner said: %s\n", err.msg);
		return NULL;
	}
	return doc;
}

#define TEXT(s, cs) text((s), sizeof(s) - 1, (cs))

static void
test_plain(void)
{
	struct lede_doc *d;

	d = TEXT("Storm Closes Schools Across the North\n\nHeavy snow fell overnight, and\n"
	    "schools stayed shut.\n\nRoads reopen tomorrow.\n", NULL);
	is_str(d ? d->title : NULL, "Storm Closes Schools Across the North", "a headline line is the title");
	is_str(joined(d), "Heavy snow fell overnight, and schools stayed shut. | Roads reopen tomorrow.",
	    "paragraphs split on blank lines, wrapped lines joined");
	lede_doc_free(d);

	d = TEXT("The council met on Monday.\nIt voted to close the pool.\r\nResidents objected.", NULL);
	is_str(d ? d->title : NULL, "", "no headline: the title is empty");
	is_str(joined(d), "The council met on Monday. | It voted to close the pool. | Residents objected.",
	    "without blank lines every line is a paragraph");
	lede_doc_free(d);

	d = TEXT("Harbour Reopens\nThe harbour reopened on Monday after the storm, and the first boats went "
	    "out at dawn to check their pots along the outer wall.\nFishermen said the damage was "
	    "lighter than they had feared, though two moorings were lost in the night.\n\n"
	    "Repairs to the wall begin next week, the council said in a statement on Tuesday evening.",
	    NULL);
	is_str(d ? d->title : NULL, "Harbour Reopens", "a headline over long unwrapped lines");
	ok(d != NULL && d->nparas == 3, "long lines are a paragraph each, blank lines or not");
	lede_doc_free(d);

	d = TEXT("Just one line of text.", NULL);
	is_str(joined(d), "Just one line of text.", "one line is one paragraph");
	lede_doc_free(d);

	d = TEXT("Caf\xe9 prices\n\nA coffee costs \xa3" "3 now.", "iso-8859-1");
	is_str(joined(d), "A coffee costs \xc2\xa3" "3 now.", "plain text decodes its charset");
	is_str(d ? d->title : NULL, "Caf\xc3\xa9 prices", "the title too");
	lede_doc_free(d);

	d = TEXT("Bad \xff byte and a\0 NUL.", NULL);
	is_str(joined(d), "Bad \xef\xbf\xbd byte and a NUL.", "invalid UTF-8 becomes U+FFFD");
	lede_doc_free(d);
}

static void
test_refusals(void)
{
	struct lede_input in = { 0 };
	struct lede_doc *d = NULL;
	struct lede_err err;
	char bin[512];
	size_t i;

	in.data = (char *)"   \n\t  \n";
	in.len = strlen(in.data);
	ok(lede_clean(&in, &d, &err) != 0 && strcmp(err.msg, "no readable text") == 0,
	    "white space only is refused");
	in.data = (char *)"<html><body><div> </div><script>x()</script></body></html>";
	in.len = strlen(in.data);
	ok(lede_clean(&in, &d, &err) != 0 && strcmp(err.msg, "no readable text") == 0,
	    "a page without text is refused");
	memcpy(bin, "\x89PNG\r\n\x1a\n", 8);
	for (i = 8; i < sizeof bin; i++)
		bin[i] = (char)(i * 7);
	in.data = bin;
	in.len = sizeof bin;
	ok(lede_clean(&in, &d, &err) != 0 &&
	    strcmp(err.msg, "not a web page or text (binary data)") == 0, "a PNG is refused as binary");
	for (i = 0; i < sizeof bin; i++)
		bin[i] = (char)(i % 5 == 0 ? 0 : 'a' + i % 20);
	ok(lede_clean(&in, &d, &err) != 0 &&
	    strcmp(err.msg, "not a web page or text (binary data)") == 0, "NUL-ridden bytes are binary");
	in.data = (char *)"Plain words, a full sentence.";
	in.len = strlen(in.data);
	in.content_type = (char *)"text/plain";
	ok(lede_clean(&in, &d, &err) == 0 && d->nparas == 1, "text/plain reads as text");
	lede_doc_free(d);
	ok(lede_looks_like_html("<!DOCTYPE html><p>x", 19), "a doctype is HTML");
	ok(lede_looks_like_html("\n  <div>hi</div>", 15), "leading markup is HTML");
	ok(!lede_looks_like_html("Dear reader, 3 < 4.\n", 20), "prose is not HTML");
	ok(lede_looks_like_html("Hello <b>world</b>.", 19), "a closing tag is HTML");
}

static void
test_metadata(void)
{
	struct lede_doc *d;

	d = HTML("<html lang=\"en-GB\"><head><title>Mayor Quits Over Budget - The Daily Post</title>"
	    "<meta property=\"og:site_name\" content=\"The Daily Post\">"
	    "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@graph\":["
	    "{\"@type\":\"WebSite\",\"name\":\"Daily Post\"},"
	    "{\"@type\":[\"NewsArticle\"],\"headline\":\"Mayor Quits Over Budget\","
	    "\"datePublished\":\"2024-03-01T10:00:00Z\",\"author\":[{\"@type\":\"Person\",\"name\":\"Ann Lee\"},"
	    "{\"@type\":\"Person\",\"name\":\"Bo Chan\"}]}]}</script></head><body>"
	    "<nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>"
	    "<article><h1>Mayor Quits Over Budget</h1>"
	    "<p>Mayor Quits Over Budget</p>"
	    "<p>The mayor resigned on Friday, saying the budget could not pass, and left at once.</p>"
	    "</article><footer><p>Copyright The Daily Post, all rights reserved.</p></footer>"
	    "</body></html>", NULL);
	is_str(d ? d->title : NULL, "Mayor Quits Over Budget", "title from the h1 agreeing with JSON-LD");
	is_str(d ? d->byline : NULL, "Ann Lee, Bo Chan", "authors from JSON-LD inside @graph");
	is_str(d ? d->published : NULL, "2024-03-01T10:00:00Z", "datePublished as given");
	is_str(d ? d->site : NULL, "The Daily Post", "site from og:site_name");
	is_str(d ? d->lang : NULL, "en-GB", "lang from <html lang>");
	is_str(joined(d), "The mayor resigned on Friday, saying the budget could not pass, and left at once.",
	    "the title is not repeated, navigation and footer are gone");
	lede_doc_free(d);

	d = HTML("<html><head><title>Notes on Gardening | Kim's Blog</title></head><body>"
	    "<h1>Kim's Blog</h1><h2>Notes on Gardening</h2>"
	    "<p>The tomatoes came up late this year, and the beans, oddly, early.</p></body></html>", NULL);
	is_str(d ? d->title : NULL, "Notes on Gardening", "a logo <h1> naming the site is not the title");
	lede_doc_free(d);

	d = HTML("<html><head><title>Rates Held Again | Money Desk | Example News</title>"
	    "<meta property=\"og:site_name\" content=\"Example News\"></head><body>"
	    "<p>The bank held rates at five per cent, as expected by most.</p></body></html>", NULL);
	is_str(d ? d->title : NULL, "Rates Held Again | Money Desk", "the site's suffix leaves the <title>");
	lede_doc_free(d);

	d = HTML("<html><head><title></title></head><body><p>by</p><p>Text under an empty title, "
	    "with a comma.</p></body></html>", NULL);
	is_str(d ? d->title : NULL, "", "an empty <title> gives an empty title");
	lede_doc_free(d);

	d = HTML("<html><head><script type=\"application/ld+json\">[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
	    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[</script>"
	    "</head><body><p>Text survives broken JSON-LD, with a comma.</p></body></html>", NULL);
	is_str(joined(d), "Text survives broken JSON-LD, with a comma.", "deep or broken JSON-LD is ignored");
	lede_doc_free(d);
}

static void
test_rescue(void)
{
	struct lede_input in = { 0 };
	struct lede_doc *d = NULL;
	struct lede_err err;
	static const char page[] = "<html><head><script type=\"application/ld+json\">"
	    "{\"@type\":\"NewsArticle\",\"headline\":\"Bridge Opens\",\"articleBody\":"
	    "\"The new bridge opened on Tuesday after four years of building work, and the first "
	    "cars crossed it at dawn, to the sound of a brass band playing on the riverbank below.\\n"
	    "Engineers said the span, the longest in the county, had been tested with forty loaded "
	    "lorries parked end to end, and that it had moved less than a finger's width under them.\\n"
	    "The old ferry, which has carried passengers across the river since 1820, will make its "
	    "last crossing on Sunday, when the town holds a farewell party on both banks of the river.\"}"
	    "</script></head><body><h1>Bridge Opens</h1><p>Subscribe to read this story.</p></body></html>";

	in.data = (char *)page;
	in.len = sizeof page - 1;
	in.url = (char *)"https://news.example/bridge";
	in.content_type = (char *)"text/html";
	ok(lede_clean(&in, &d, &err) == 0, "a page whose body hides behind a paywall");
	ok(d != NULL && d->nparas == 3, "takes its text from JSON-LD articleBody, line by line");
	ok(d != NULL && strncmp(d->paras[0].text, "The new bridge opened", 21) == 0, "in order");
	is_str(d ? d->url : NULL, "https://news.example/bridge", "the URL is the input's");
	is_str(d ? d->title : NULL, "Bridge Opens", "the headline is the title");
	lede_doc_free(d);
}

int
main(void)
{
	test_charsets();
	test_utf8_view();
	test_structure();
	test_furniture();
	test_depth();
	test_plain();
	test_refusals();
	test_metadata();
	test_rescue();
	return tap_done();
}
