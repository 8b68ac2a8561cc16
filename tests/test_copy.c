/* Reading copies back: the rich fixture, the round trip, every kind of damage
 * refused with a one-line reason, notes re-anchored, the default save path. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lede/buf.h"
#include "lede/copy.h"
#include "lede/doc.h"
#include "lede/export.h"
#include "lede/note.h"
#include "lede/text.h"
#include "tap.h"

static char *
slurp(const char *rel, size_t *len)
{
	struct lede_buf b = LEDE_BUF_INIT;
	char path[4096], chunk[8192];
	size_t n;
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", LEDE_ABS_SRCDIR, rel);
	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		lede_buf_add(&b, chunk, n);
	fclose(f);
	*len = b.len;
	return lede_buf_detach(&b);
}

static char *
to_json(const struct lede_doc *d)
{
	struct lede_buf b = LEDE_BUF_INIT;
	struct lede_err err;

	if (lede_export(&b, d, LEDE_FMT_JSON, &err) != 0) {
		lede_buf_free(&b);
		return NULL;
	}
	return lede_buf_detach(&b);
}

static void
test_rich(void)
{
	struct lede_doc *d = NULL, *d2 = NULL;
	struct lede_err err = { "" };
	char *data, *j1 = NULL, *j2 = NULL;
	size_t len;

	data = slurp("tests/copies/rich.json", &len);
	ok(data != NULL, "the rich fixture is there");
	if (data == NULL)
		return;
	ok(lede_copy_looks_like(data, len), "the rich fixture looks like a copy");
	ok(lede_copy_read(data, len, &d, &err) == 0, "the rich fixture reads (%s)", err.msg);
	if (d == NULL) {
		free(data);
		return;
	}
	is_int(d->nparas, 11, "eleven paragraphs");
	is_int(d->paras[2].kind, LEDE_PARA_HEADING, "kinds come back");
	is_int(d->paras[8].kind, LEDE_PARA_PRE, "preformatted keeps its kind");
	ok(strchr(d->paras[8].text, '\n') != NULL, "preformatted keeps its lines");
	is_int(d->npeople, 3, "three people");
	is_str(d->people[1].name, "Tom\xC3\xA1s Ruiz", "names keep their accents");
	is_str(d->people[1].roles[0], "chief engineer", "roles come back");
	is_int(d->people[0].nmentions, 2, "mentions come back");
	is_int(d->nplaces, 2, "two places");
	is_int(d->nquotes, 5, "five quotes");
	is_int(d->quotes[3].speaker, 2, "a speaker refers to its people entry");
	is_str(d->quotes[3].text, "Nobody has asked the fishermen, not even Tom\xC3\xA1s Ruiz.",
	    "quote text comes back");
	is_int(d->nfacts, 5, "five facts");
	is_int(d->nwarnings, 2, "two warnings");
	is_int(d->warnings[1].para, LEDE_NO_PARA, "a warning without a paragraph");
	is_int(d->nnotes, 3, "three notes");
	is_str(d->notes[0].text, "Check the cost against last year's budget.", "note text");
	ok(d->notes[1].text == NULL, "a highlight has no text");
	is_str(d->notes[0].exact, "\xC2\xA3" "40m flood wall", "exact text");
	is_str(d->saved, "2026-11-20T09:20:00Z", "the saved time comes back");
	is_str(d->lang, "en", "lang");

	j1 = to_json(d);
	ok(j1 != NULL && lede_copy_read(j1, strlen(j1), &d2, &err) == 0,
	    "what lede writes it reads (%s)", err.msg);
	j2 = d2 ? to_json(d2) : NULL;
	ok(j1 && j2 && strcmp(j1, j2) == 0, "JSON -> read -> JSON is identical");
	ok(j1 && strstr(j1, "\"saved\":\"2026-11-20T09:20:00Z\"") != NULL,
	    "a copy keeps the time it was first saved");
	ok(j1 && strstr(j1, "\"type\":\"TextQuoteSelector\"") != NULL, "notes carry a TextQuoteSelector");
	free(j1);
	free(j2);
	lede_doc_free(d2);
	lede_doc_free(d);
	free(data);
}

/* Replaces the first occurrence of from with to in s (a new string). */
static char *
edit(const char *s, const char *from, const char *to)
{
	struct lede_buf b = LEDE_BUF_INIT;
	const char *p = strstr(s, from);

	if (p == NULL)
		return NULL;
	lede_buf_add(&b, s, (size_t)(p - s));
	lede_buf_adds(&b, to);
	lede_buf_adds(&b, p + strlen(from));
	return lede_buf_detach(&b);
}

static void
refused(const char *data, size_t len, const char *want, const char *what)
{
	struct lede_doc *d = NULL;
	struct lede_err err = { "" };
	int rc;

	rc = lede_copy_read(data, len, &d, &err);
	ok(rc == -1 && d == NULL, "%s is refused", what);
	ok(strstr(err.msg, want) != NULL && strchr(err.msg, '\n') == NULL &&
	    strncmp(err.msg, "damaged copy: ", 14) == 0, "%s: one clear line", what);
	if (strstr(err.msg, want) == NULL)
		printf("#   got:  '%s'\n#   want: '%s'\n", err.msg, want);
	lede_doc_free(d);
}

static void
refused_edit(const char *rich, const char *from, const char *to, const char *want,
    const char *what)
{
	char *s = edit(rich, from, to);

	ok(s != NULL, "%s: the fixture holds the text to damage", what);
	if (s != NULL)
		refused(s, strlen(s), want, what);
	free(s);
}

static void
test_damage(void)
{
	struct lede_buf deep = LEDE_BUF_INIT;
	char *rich;
	size_t len, i;

	if ((rich = slurp("tests/copies/rich.json", &len)) == NULL) {
		ok(0, "the rich fixture is there");
		return;
	}
	refused(rich, len / 2, "ends too soon", "a truncated copy");
	refused("", 0, "ends too soon", "an empty copy");
	refused("[1,2]", 5, "top level should be an object", "a list");
	refused("{\"title\":\"x\"} junk", 18, "invalid JSON", "trailing junk");
	refused("{\"title\":\"x\"}", 13, "paragraphs: missing", "a copy without paragraphs");
	refused_edit(rich, "\"title\": \"Harbour", "\"title\": 5, \"x\": \"Harbour",
	    "title: should be a string, not a number", "a title of the wrong type");
	refused_edit(rich, "\"paragraphs\": [", "\"paragraphs\": {\"a\":1}, \"y\": [",
	    "paragraphs: should be a list, not an object", "paragraphs of the wrong type");
	refused_edit(rich, "\"kind\": \"heading\"", "\"kind\": \"banner\"",
	    "paragraphs[2].kind: unknown kind", "an unknown paragraph kind");
	refused_edit(rich, "\"start\": 97,\n     \"end\": 104", "\"start\": 97,\n     \"end\": 999",
	    "people[0].mentions[0].end: 999 is out of range", "a mention past its paragraph");
	refused_edit(rich, "\"start\": 97,\n     \"end\": 104", "\"start\": 97.5,\n     \"end\": 104",
	    "people[0].mentions[0].start: should be a whole number", "a fractional offset");
	refused_edit(rich, "\"paragraph\": 0,\n     \"start\": 97", "\"paragraph\": 42,\n     \"start\": 97",
	    "people[0].mentions[0].paragraph: 42 is out of range", "a paragraph that does not exist");
	/* "£40m" starts at byte 61 of paragraph 0; byte 62 is inside the £. */
	refused_edit(rich, "\"text\": \"\xC2\xA3" "40m\",\n   \"paragraph\": 0,\n   \"start\": 61",
	    "\"text\": \"\xC2\xA3" "40m\",\n   \"paragraph\": 0,\n   \"start\": 62",
	    "facts[0].start: 62 splits a UTF-8 character", "an offset inside a character");
	refused_edit(rich, "\"speaker\": \"Priya Nair\"", "\"speaker\": \"Nobody Known\"",
	    "quotes[3].speaker: \"Nobody Known\" is not in people", "a speaker who is not in people");
	refused_edit(rich, "\"speaker\": \"Priya Nair\"", "\"speaker\": [\"Priya Nair\"]",
	    "quotes[3].speaker: should be a string or null", "a speaker of the wrong type");
	refused_edit(rich, "\"text\": \"Nobody has", "\"text\": \"Somebody has",
	    "quotes[3].text: is not inside the quote's span", "a quote whose words moved");
	refused_edit(rich, "\"text\": \"70%\"", "\"text\": \"80%\"",
	    "facts[1].text: differs from the text at its span", "a fact that lies");
	refused_edit(rich, "Work starts", "Work\\u0007 starts",
	    "paragraphs[5].text: control character U+0007", "a bell in a paragraph");
	refused_edit(rich, "Work starts", "Work\\u202e starts",
	    "paragraphs[5].text: control character U+202E", "a bidi override in a paragraph");
	refused_edit(rich, "\"Ann Lee\",\n   \"aliases\"", "\"Ann\\u001b[31m Lee\",\n   \"aliases\"",
	    "people[0].name: control character U+001B", "an escape sequence in a name");
	refused_edit(rich, "\"By Jo Marsh\"", "\"By Jo\\u0000Marsh\"",
	    "byline: control character U+0000", "a NUL in the byline");
	refused_edit(rich, "\"lang\": \"en\"", "\"lang\": \"en\\\" onload=\\\"x\"",
	    "lang: is not a language tag", "a lang that is not a tag");
	refused_edit(rich, "\"unclosed\": false", "\"unclosed\": \"no\"",
	    "quotes[0].unclosed: should be true or false", "a flag of the wrong type");
	refused_edit(rich, "\"type\": \"TextQuoteSelector\"", "\"type\": \"XPathSelector\"",
	    "notes[0].selector.type", "an unknown selector");
	refused_edit(rich, "\"prefix\": \"ven voted", "\"prefix\": 7, \"z\": \"ven voted",
	    "notes[0].prefix: should be a string", "a selector prefix of the wrong type");

	/* Raw invalid UTF-8 in a string. */
	{
		char *s = edit(rich, "Work starts", "Work \xC3\x28 starts");

		if (s != NULL)
			refused(s, strlen(s), "UTF-8", "invalid UTF-8 in a paragraph");
		free(s);
	}
	lede_buf_lit(&deep, "{\"paragraphs\":");
	for (i = 0; i < 10000; i++)
		lede_buf_addc(&deep, '[');
	for (i = 0; i < 10000; i++)
		lede_buf_addc(&deep, ']');
	lede_buf_addc(&deep, '}');
	refused(deep.data, deep.len, "nested more than 64 levels", "10,000-deep nesting");
	lede_buf_free(&deep);
	free(rich);
}

static void
test_looks_like(void)
{
	static const char html[] = "<!DOCTYPE html><html><p>{\"paragraphs\"</p>";
	static const char ok1[] = " \n{\"title\":\"t\",\"paragraphs\":[]}";
	static const char json_other[] = "{\"id\": 5, \"items\": []}";

	ok(lede_copy_looks_like(ok1, strlen(ok1)), "a small copy with leading space looks like one");
	ok(!lede_copy_looks_like(html, strlen(html)), "HTML does not look like a copy");
	ok(!lede_copy_looks_like(json_other, strlen(json_other)), "other JSON does not");
	ok(!lede_copy_looks_like("", 0), "nothing does not");
}

static void
test_minimal(void)
{
	static const char min[] = "{\"title\":\"T\",\"paragraphs\":[{\"text\":\"One  two\"}]}";
	struct lede_doc *d = NULL;
	struct lede_err err = { "" };

	ok(lede_copy_read(min, strlen(min), &d, &err) == 0, "a minimal hand-written copy reads (%s)",
	    err.msg);
	if (d == NULL)
		return;
	is_int(d->nparas, 1, "one paragraph");
	is_int(d->paras[0].kind, LEDE_PARA_TEXT, "kind defaults to text");
	is_int(d->npeople + d->nplaces + d->nquotes + d->nnotes, 0, "no annotations");
	ok(d->url == NULL && d->saved == NULL, "absent fields are NULL");
	lede_doc_free(d);
}

static void
test_anchor(void)
{
	struct lede_doc *d = lede_doc_new();
	struct lede_note n;
	struct lede_err err = { "" };
	struct lede_buf b = LEDE_BUF_INIT;
	char *s;
	size_t i;

	/* 40 two-byte characters, then the target, then 40 more: the context
	 * window (32 bytes) lands on a boundary; with one ASCII byte in front
	 * it would not, and must be cut back. */
	lede_buf_lit(&b, "x");
	for (i = 0; i < 40; i++)
		lede_buf_lit(&b, "\xC3\xA9");
	lede_buf_lit(&b, "TARGET");
	for (i = 0; i < 40; i++)
		lede_buf_lit(&b, "\xC3\xA9");
	lede_buf_lit(&b, "y");
	lede_doc_set(&d->title, "Title");
	lede_doc_add_para(d, LEDE_PARA_TEXT, "Intro.", 6);
	lede_doc_add_para(d, LEDE_PARA_TEXT, b.data, b.len);
	ok(lede_note_make(d, (struct lede_span){ 1, 81, 87 }, "a  note", &n, &err) == 0,
	    "a note is made (%s)", err.msg);
	is_str(n.exact, "TARGET", "exact");
	is_int(strlen(n.prefix), 32, "the prefix is 32 bytes");
	is_int(strlen(n.suffix), 32, "the suffix is 32 bytes");
	is_str(n.text, "a note", "the note text is normalised");
	ok(n.created != NULL && strlen(n.created) == 20, "created is ISO 8601");
	lede_note_clear(&n);
	ok(lede_note_make(d, (struct lede_span){ 1, 80, 87 }, NULL, &n, &err) == -1 &&
	    strstr(err.msg, "splits a character"), "a span inside a character is refused");
	ok(lede_note_make(d, (struct lede_span){ 1, 2, 2 }, NULL, &n, &err) == -1, "an empty span is refused");
	ok(lede_note_make(d, (struct lede_span){ 5, 0, 1 }, NULL, &n, &err) == -1, "a missing paragraph is refused");
	{
		/* Odd start: 31 bytes back from 32 would split a character. */
		ok(lede_note_make(d, (struct lede_span){ 1, 33, 35 }, NULL, &n, &err) == 0, "another note");
		ok(lede_utf8_valid(n.prefix, strlen(n.prefix)) && strlen(n.prefix) == 32, "the prefix is whole characters");
		lede_note_clear(&n);
	}
	is_int(lede_doc_note(d, (struct lede_span){ 0, 0, 5 }, NULL, &err), 0, "a highlight is added");
	is_int(lede_doc_note_at(d, 0, 3), 0, "it is found by position");
	is_int(lede_doc_note_at(d, 0, 5), -1, "not past its end");
	ok(lede_doc_set_note_text(d, 0, "now a note", &err) == 0 && strcmp(d->notes[0].text, "now a note") == 0,
	    "a highlight becomes a note");
	lede_doc_remove_note(d, 0);
	is_int(d->nnotes, 0, "and is removed");
	lede_doc_free(d);
	lede_buf_free(&b);

	/* A copy whose text moved under its notes. */
	{
		static const char moved[] =
		    "{\"title\":\"T\",\"paragraphs\":[{\"text\":\"The cat sat. The cat ran.\"},"
		    "{\"text\":\"Later the cat ran away.\"}],"
		    "\"notes\":[{\"paragraph\":0,\"start\":0,\"end\":3,"
		    "\"selector\":{\"type\":\"TextQuoteSelector\",\"exact\":\"cat\",\"prefix\":\"the \",\"suffix\":\" ran away\"},"
		    "\"note\":\"which cat?\",\"created\":null},"
		    "{\"paragraph\":0,\"start\":0,\"end\":4,"
		    "\"selector\":{\"type\":\"TextQuoteSelector\",\"exact\":\"dog!\",\"prefix\":\"\",\"suffix\":\"\"},"
		    "\"note\":\"gone\",\"created\":null}]}";
		struct lede_doc *c = NULL;

		ok(lede_copy_read(moved, strlen(moved), &c, &err) == 0, "a copy with moved notes reads (%s)", err.msg);
		if (c != NULL) {
			is_int(c->nnotes, 1, "the lost note is dropped");
			is_int(c->notes[0].span.para, 1, "the moved note is found by its context");
			is_int(c->notes[0].span.start, 10, "at the right place");
			is_int(c->nwarnings, 1, "a warning says a note was dropped");
			ok(c->nwarnings && strcmp(c->warnings[0].kind, "lost-note") == 0 &&
			    strstr(c->warnings[0].message, "gone") != NULL, "and keeps its text");
		}
		lede_doc_free(c);
	}
	s = NULL;
	free(s);
}

static void
test_default_path(void)
{
	char dir[] = "/tmp/lede-copy-test.XXXXXX", want[512], *p;
	struct lede_doc *d = lede_doc_new();
	struct lede_err err = { "" };
	FILE *f;

	if (mkdtemp(dir) == NULL) {
		ok(0, "a temporary folder");
		return;
	}
	setenv("XDG_DATA_HOME", dir, 1);
	lede_doc_set(&d->title, "\xC3\x89lys\xC3\xA9" "e Palace: \xE2\x80\x98Talks\xE2\x80\x99 / 100% on Ukraine's future");
	lede_doc_set(&d->published, "2025-09-04T10:00:00Z");
	p = lede_copy_default_path(d, "md", &err);
	snprintf(want, sizeof want, "%s/lede/copies/2025-09-04-elysee-palace-talks-100-on-ukraines-future.md", dir);
	is_str(p, want, "the default path is the date and an ASCII slug of the title");
	if (p != NULL && (f = fopen(p, "w")) != NULL) {
		fclose(f);
		free(p);
		p = lede_copy_default_path(d, ".md", &err);
		snprintf(want, sizeof want, "%s/lede/copies/2025-09-04-elysee-palace-talks-100-on-ukraines-future-2.md", dir);
		is_str(p, want, "a name already taken gets -2");
		unlink(want);
		snprintf(want, sizeof want, "%s/lede/copies/2025-09-04-elysee-palace-talks-100-on-ukraines-future.md", dir);
		unlink(want);
	}
	free(p);
	lede_doc_set(&d->title, "\xE2\x80\x94\xE2\x80\x94");
	lede_doc_set(&d->published, NULL);
	setenv("SOURCE_DATE_EPOCH", "86400", 1);
	p = lede_copy_default_path(d, "../../x", &err);
	snprintf(want, sizeof want, "%s/lede/copies/1970-01-02-article.json", dir);
	is_str(p, want, "no usable title or date, and a bad extension: safe defaults");
	free(p);
	lede_doc_set(&d->title, "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp");
	p = lede_copy_default_path(d, "html", &err);
	ok(p != NULL && strlen(strrchr(p, '/') + 1) <= 11 + 60 + 5 && strstr(p, "-.html") == NULL,
	    "a long title is cut at a word");
	free(p);
	{
		struct lede_doc *back = NULL;
		char path[600], buf[4096];
		size_t n;

		lede_doc_add_para(d, LEDE_PARA_TEXT, "Body.", 5);
		snprintf(path, sizeof path, "%s/saved.json", dir);
		ok(lede_copy_save(d, path, &err) == 0, "lede_copy_save writes a copy (%s)", err.msg);
		f = fopen(path, "rb");
		n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
		if (f)
			fclose(f);
		buf[n] = '\0';
		ok(n > 0 && buf[n - 1] == '\n' && strstr(buf, "\"saved\":\"1970-01-02T00:00:00Z\""),
		    "as one line of JSON with the time it was saved");
		ok(lede_copy_read(buf, n, &back, &err) == 0 && back->nparas == 1, "which reads back");
		lede_doc_free(back);
		unlink(path);
		snprintf(path, sizeof path, "%s/no/such/saved.md", dir);
		ok(lede_copy_save(d, path, &err) == -1 && strstr(err.msg, "does not exist"),
		    "a missing folder is an error");
	}
	unsetenv("SOURCE_DATE_EPOCH");
	snprintf(want, sizeof want, "%s/lede/copies", dir);
	rmdir(want);
	snprintf(want, sizeof want, "%s/lede", dir);
	rmdir(want);
	rmdir(dir);
	lede_doc_free(d);
}

int
main(void)
{
	test_rich();
	test_damage();
	test_looks_like();
	test_minimal();
	test_anchor();
	test_default_path();
	return tap_done();
}
