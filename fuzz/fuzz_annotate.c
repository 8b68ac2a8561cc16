/* libFuzzer harness for the annotator: the input's first line is the title,
 * every further line a paragraph (each through the one normaliser, as the
 * cleaner would give them). Every span the annotator makes must lie inside
 * its text on character boundaries, every speaker must name a person, and the
 * exports must stay clean. The models load once. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lede/annotate.h"
#include "lede/buf.h"
#include "lede/doc.h"
#include "lede/err.h"
#include "lede/text.h"

#include "check.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct lede_annotator *annotator;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct lede_err err;

	if (lede_annotator_new(&annotator, &err) != 0) {
		/* Without its data the harness would test nothing. */
		fprintf(stderr, "fuzz_annotate: %s (set LEDE_DATADIR to the source tree)\n", err.msg);
		exit(1);
	}
	return 0;
}

/* Spans cut at byte offsets; one that splits a UTF-8 sequence is a bug. */
static void
check_boundaries(const struct lede_doc *doc, struct lede_span s)
{
	size_t len;
	const char *t = lede_doc_text(doc, s.para, &len);

	FUZZ_ASSERT(t != NULL && s.start <= s.end && s.end <= len);
	FUZZ_ASSERT(s.start == len || ((unsigned char)t[s.start] & 0xC0) != 0x80);
	FUZZ_ASSERT(s.end == len || ((unsigned char)t[s.end] & 0xC0) != 0x80);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lede_doc *doc = lede_doc_new();
	struct lede_buf b = LEDE_BUF_INIT;
	struct lede_err err;
	const char *p = (const char *)data, *end = p + size;
	bool title = true;

	if (doc == NULL)
		return 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);

		lede_buf_reset(&b);
		lede_text_normalize(&b, p, n, 0);
		if (!lede_buf_ok(&b))
			goto out;
		if (b.len > 0) {
			if (title) {
				if (lede_doc_set(&doc->title, b.data) != 0)
					goto out;
				title = false;
			} else if (lede_doc_add_para(doc, (n % 7 == 0) ? LEDE_PARA_HEADING :
			    LEDE_PARA_TEXT, b.data, b.len) != 0) {
				goto out;
			}
		}
		p += n + (nl != NULL);
	}
	if (lede_annotate(annotator, doc, &err) == 0) {
		fuzz_check_doc(doc);
		for (size_t i = 0; i < doc->npeople; i++)
			for (size_t k = 0; k < doc->people[i].nmentions; k++)
				check_boundaries(doc, doc->people[i].mentions[k]);
		for (size_t i = 0; i < doc->nplaces; i++)
			for (size_t k = 0; k < doc->places[i].nmentions; k++)
				check_boundaries(doc, doc->places[i].mentions[k]);
		for (size_t i = 0; i < doc->nquotes; i++)
			check_boundaries(doc, doc->quotes[i].span);
		for (size_t i = 0; i < doc->nfacts; i++)
			check_boundaries(doc, doc->facts[i].span);
		fuzz_check_exports(doc);
		/* Annotating again must replace, not pile up. */
		size_t np = doc->npeople, nq = doc->nquotes;
		FUZZ_ASSERT(lede_annotate(annotator, doc, &err) == 0);
		FUZZ_ASSERT(doc->npeople == np && doc->nquotes == nq);
	}
out:
	lede_buf_free(&b);
	lede_doc_free(doc);
	return 0;
}
