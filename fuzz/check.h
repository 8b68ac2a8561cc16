/* What every harness checks on a document that came out of the library: the
 * promises doc.h makes. A broken promise is a finding, like a crash, so it
 * traps; libFuzzer then saves the input that caused it. */
#ifndef LEDE_FUZZ_CHECK_H
#define LEDE_FUZZ_CHECK_H

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "lede/buf.h"
#include "lede/doc.h"
#include "lede/export.h"
#include "lede/text.h"

#define FUZZ_ASSERT(c) do { \
	if (!(c)) { \
		fprintf(stderr, "broken promise: %s (%s:%d)\n", #c, __FILE__, __LINE__); \
		__builtin_trap(); \
	} \
} while (0)

/* Shows s with every byte outside printable ASCII escaped, for a report. */
static inline void
fuzz_show(const char *what, const char *s)
{
	fprintf(stderr, "%s: \"", what);
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;
		if (c >= 0x20 && c < 0x7f && c != '\\')
			fputc(c, stderr);
		else
			fprintf(stderr, "\\x%02x", c);
	}
	fputs("\"\n", stderr);
}

/* Valid UTF-8 with nothing a terminal would act on. Preformatted text may
 * keep newlines; nothing may keep any other control, C1 or bidi control. */
static inline void
fuzz_check_str(const char *s, int keep_lines)
{
	size_t n, i = 0, adv;
	uint32_t cp;

	if (s == NULL)
		return;
	n = strlen(s);
	if (!lede_utf8_valid(s, n))
		fuzz_show("not UTF-8", s);
	FUZZ_ASSERT(lede_utf8_valid(s, n));
	while (i < n) {
		cp = lede_utf8_next(s + i, n - i, &adv);
		if (!(keep_lines && cp == '\n') && lede_cp_is_forbidden(cp))
			fuzz_show("a control character in", s);
		if (!(keep_lines && cp == '\n'))
			FUZZ_ASSERT(!lede_cp_is_forbidden(cp));
		i += adv;
	}
}

static inline void
fuzz_check_entities(const struct lede_doc *doc, const struct lede_entity *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		fuzz_check_str(v[i].name, 0);
		for (size_t k = 0; k < v[i].naliases; k++)
			fuzz_check_str(v[i].aliases[k], 0);
		for (size_t k = 0; k < v[i].nroles; k++)
			fuzz_check_str(v[i].roles[k], 0);
		for (size_t k = 0; k < v[i].nmentions; k++)
			FUZZ_ASSERT(lede_span_valid(doc, v[i].mentions[k]));
	}
}

static inline void
fuzz_check_doc(const struct lede_doc *doc)
{
	size_t i;

	fuzz_check_str(doc->title, 0);
	fuzz_check_str(doc->byline, 0);
	fuzz_check_str(doc->site, 0);
	fuzz_check_str(doc->published, 0);
	fuzz_check_str(doc->lang, 0);
	fuzz_check_str(doc->url, 0);
	for (i = 0; i < doc->nparas; i++) {
		FUZZ_ASSERT(doc->paras[i].text != NULL);
		FUZZ_ASSERT(strlen(doc->paras[i].text) == doc->paras[i].len);
		fuzz_check_str(doc->paras[i].text, doc->paras[i].kind == LEDE_PARA_PRE);
	}
	fuzz_check_entities(doc, doc->people, doc->npeople);
	fuzz_check_entities(doc, doc->places, doc->nplaces);
	for (i = 0; i < doc->nquotes; i++) {
		FUZZ_ASSERT(lede_span_valid(doc, doc->quotes[i].span));
		FUZZ_ASSERT(doc->quotes[i].speaker >= -1 &&
		    doc->quotes[i].speaker < (int)doc->npeople);
		fuzz_check_str(doc->quotes[i].text, 0);
		fuzz_check_str(doc->quotes[i].source, 0);
	}
	for (i = 0; i < doc->nfacts; i++) {
		FUZZ_ASSERT(lede_span_valid(doc, doc->facts[i].span));
		fuzz_check_str(doc->facts[i].text, 0);
	}
	for (i = 0; i < doc->nwarnings; i++)
		fuzz_check_str(doc->warnings[i].message, 0);
	for (i = 0; i < doc->nnotes; i++) {
		fuzz_check_str(doc->notes[i].exact, 0);
		fuzz_check_str(doc->notes[i].text, 1);
	}
}

/* Every export format must succeed on a valid document and write valid
 * UTF-8 free of controls other than newline and tab (and the form feed no
 * exporter writes inside one document). */
static inline void
fuzz_check_exports(const struct lede_doc *doc)
{
	static const enum lede_format fmts[] = {
		LEDE_FMT_TEXT, LEDE_FMT_JSON, LEDE_FMT_MARKDOWN, LEDE_FMT_HTML,
	};
	struct lede_buf out = LEDE_BUF_INIT;
	struct lede_err err;

	for (size_t f = 0; f < sizeof fmts / sizeof fmts[0]; f++) {
		size_t i = 0, adv;

		lede_buf_reset(&out);
		if (lede_export(&out, doc, fmts[f], &err) != 0)
			continue;   /* a format not written yet says so; that is no finding */
		if (!lede_buf_ok(&out))
			break;
		FUZZ_ASSERT(lede_utf8_valid(out.data, out.len));
		while (i < out.len) {
			uint32_t cp = lede_utf8_next(out.data + i, out.len - i, &adv);

			if (cp != '\n' && cp != '\t')
				FUZZ_ASSERT(!lede_cp_is_forbidden(cp));
			i += adv;
		}
	}
	lede_buf_free(&out);
}

#endif
