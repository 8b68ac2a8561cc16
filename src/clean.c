/* The cleaner's front door: HTML or plain text, and plain text itself. */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lede/buf.h"
#include "lede/clean-decode.h"
#include "lede/clean.h"
#include "lede/text.h"

#define BINARY_MSG "not a web page or text (binary data)"

bool
lede_looks_like_html(const char *data, size_t len)
{
	static const char *const marks[] = {
		"<!doctype html", "<html", "<head", "<body", "<meta", "<title", "<div", "<p>",
		"<p ", "<br", "<article", "<script", "<link ", "<table", "<h1", "<span",
	};
	char s[2048];
	size_t i, n = 0, k, bomlen;

	lede_clean_bom(data, len, &bomlen);
	/* NULs dropped so UTF-16 markup reads as ASCII here. */
	for (i = bomlen; i < len && n + 1 < sizeof s; i++)
		if (data[i] != '\0')
			s[n++] = (char)tolower((unsigned char)data[i]);
	s[n] = '\0';
	for (i = 0; i < n && isspace((unsigned char)s[i]); i++)
		;
	if (i < n && s[i] == '<' && i + 1 < n &&
	    (isalpha((unsigned char)s[i + 1]) || s[i + 1] == '!' || s[i + 1] == '?'))
		return true;
	for (k = 0; k < sizeof marks / sizeof marks[0]; k++)
		if (strstr(s, marks[k]) != NULL)
			return true;
	/* A closing tag, "</b>" or "</em>", is markup; prose does not write one. */
	for (i = 0; i + 3 < n; i++) {
		if (s[i] != '<' || s[i + 1] != '/' || !isalpha((unsigned char)s[i + 2]))
			continue;
		for (k = i + 2; k < n && k < i + 14 && isalnum((unsigned char)s[k]); k++)
			;
		if (k < n && s[k] == '>')
			return true;
	}
	return false;
}

static bool
is_blank_line(const char *s, size_t n)
{
	size_t i, adv;

	for (i = 0; i < n; i += adv)
		if (!lede_cp_is_space(lede_utf8_next(s + i, n - i, &adv)))
			return false;
	return true;
}

/* A headline: one short line, no closing full stop or comma. */
static bool
reads_as_headline(const char *s, size_t n)
{
	size_t i, words = 1;

	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0 || n > 160)
		return false;
	for (i = 0; i < n; i++)
		if (s[i] == ' ')
			words++;
	if (words > 20)
		return false;
	return s[n - 1] != '.' && s[n - 1] != ',' && s[n - 1] != ';' && s[n - 1] != ':';
}

struct span {
	size_t start, end;
	size_t lines;
};

static size_t
chars_in(const char *s, size_t n)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

/* A hard-wrapped paragraph: every line but the last fits a terminal. A
 * block with a longer line holds one paragraph per line. */
#define WRAP_WIDTH 100

static int
add_span(struct span **v, size_t *n, size_t *cap, size_t start, size_t end, size_t lines)
{
	if (!lede_grow(v, cap, *n + 1, sizeof **v))
		return -1;
	(*v)[*n].start = start;
	(*v)[*n].end = end;
	(*v)[*n].lines = lines;
	(*n)++;
	return 0;
}

/* One block of non-blank lines [start, end): a paragraph, or one per line. */
static int
split_block(const char *t, size_t start, size_t end, struct span **v, size_t *n, size_t *cap)
{
	size_t i, e, lines = 0;
	bool wrapped = true;

	for (i = start; i < end; i = e + 1) {
		for (e = i; e < end && t[e] != '\n'; e++)
			;
		lines++;
		if (e < end && chars_in(t + i, e - i) > WRAP_WIDTH)
			wrapped = false;
	}
	if (wrapped)
		return add_span(v, n, cap, start, end, lines);
	for (i = start; i < end; i = e + 1) {
		for (e = i; e < end && t[e] != '\n'; e++)
			;
		if (add_span(v, n, cap, i, e, 1) != 0)
			return -1;
	}
	return 0;
}

/* Paragraphs of plain text: blocks between blank lines, or every line when
 * the text has no blank line at all. */
static int
split_text(const char *t, size_t len, struct span **out, size_t *nout)
{
	struct span *v = NULL;
	size_t n = 0, cap = 0, i, e, bstart = 0, bend = 0;
	bool blanks = false, seen = false, gap = false, inblock = false;
	int rc = 0;

	/* First: is there any blank line between two lines of text? */
	for (i = 0; i < len; i = e + 1) {
		for (e = i; e < len && t[e] != '\n'; e++)
			;
		if (is_blank_line(t + i, e - i)) {
			gap = seen;
		} else {
			blanks |= gap;
			seen = true;
		}
	}
	for (i = 0; i < len && rc == 0; i = e + 1) {
		for (e = i; e < len && t[e] != '\n'; e++)
			;
		if (is_blank_line(t + i, e - i)) {
			if (inblock)
				rc = split_block(t, bstart, bend, &v, &n, &cap);
			inblock = false;
		} else if (!blanks) {
			rc = add_span(&v, &n, &cap, i, e, 1);
		} else {
			if (!inblock)
				bstart = i;
			bend = e;
			inblock = true;
		}
	}
	if (rc == 0 && inblock)
		rc = split_block(t, bstart, bend, &v, &n, &cap);
	if (rc != 0) {
		free(v);
		return -1;
	}
	*out = v;
	*nout = n;
	return 0;
}

int
lede_clean_text(const char *data, size_t len, const char *charset, struct lede_doc **out,
    struct lede_err *err)
{
	struct lede_buf u = LEDE_BUF_INIT, p = LEDE_BUF_INIT;
	struct lede_doc *doc = NULL;
	struct span *sp = NULL;
	size_t n = 0, k, first = 0;
	int rc = -1;

	if (lede_clean_is_binary(data, len))
		return lede_errf(err, BINARY_MSG);
	if (lede_clean_to_utf8(&u, data, len, charset, err) != 0)
		return -1;
	if (split_text(u.data ? u.data : "", u.len, &sp, &n) != 0 || (doc = lede_doc_new()) == NULL) {
		rc = lede_err_oom(err);
		goto done;
	}
	if (n > 1 && sp[0].lines == 1 && reads_as_headline(u.data + sp[0].start, sp[0].end - sp[0].start)) {
		lede_text_normalize(&p, u.data + sp[0].start, sp[0].end - sp[0].start, 0);
		first = 1;
	}
	if (lede_doc_set(&doc->title, p.data ? p.data : "") != 0) {
		rc = lede_err_oom(err);
		goto done;
	}
	for (k = first; k < n; k++) {
		lede_buf_reset(&p);
		lede_text_normalize(&p, u.data + sp[k].start, sp[k].end - sp[k].start, 0);
		if (!lede_buf_ok(&p)) {
			rc = lede_err_oom(err);
			goto done;
		}
		if (p.len > 0 && lede_doc_add_para(doc, LEDE_PARA_TEXT, p.data, p.len) != 0) {
			rc = lede_err_oom(err);
			goto done;
		}
	}
	if (doc->nparas == 0) {
		rc = lede_errf(err, "no readable text");
		goto done;
	}
	*out = doc;
	doc = NULL;
	rc = 0;
done:
	free(sp);
	lede_buf_free(&u);
	lede_buf_free(&p);
	lede_doc_free(doc);
	return rc;
}

static bool
is_type(const char *ct, const char *want)
{
	return ct != NULL && strcasecmp(ct, want) == 0;
}

int
lede_clean(const struct lede_input *in, struct lede_doc **out, struct lede_err *err)
{
	const char *ct = in->content_type;
	bool html;
	int rc;

	if (in->data == NULL || in->len == 0)
		return lede_errf(err, "no readable text");
	if (lede_clean_is_binary(in->data, in->len))
		return lede_errf(err, BINARY_MSG);
	if (is_type(ct, "text/plain"))
		html = false;
	else if (is_type(ct, "text/html") || is_type(ct, "application/xhtml+xml"))
		html = true;
	else
		html = lede_looks_like_html(in->data, in->len);
	if (html)
		return lede_clean_html(in->data, in->len, in->charset, in->url, out, err);
	rc = lede_clean_text(in->data, in->len, in->charset, out, err);
	if (rc == 0 && in->url != NULL && lede_doc_set(&(*out)->url, in->url) != 0) {
		lede_doc_free(*out);
		*out = NULL;
		return lede_err_oom(err);
	}
	return rc;
}
