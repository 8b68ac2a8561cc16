/* A stand-in for the lede command while its cleaner and annotator are being
 * written: reads plain text, makes the first block the title and every other
 * blank-line-separated block a paragraph, finds quotes, speakers, facts and
 * warnings, and prints the document as lede's JSON. tools/bench-quotes.sh
 * uses it only when the lede binary cannot read plain text yet. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lede/buf.h"
#include "lede/doc.h"
#include "lede/fact.h"
#include "lede/json.h"
#include "lede/quote.h"
#include "lede/text.h"
#include "lede/warn.h"

static int
add_block(struct lede_doc *doc, const char *s, size_t n)
{
	char *t = lede_text_normalize_dup(s, n, 0);
	int rc = 0;

	if (t == NULL)
		return -1;
	if (*t != '\0') {
		if (doc->title == NULL)
			rc = lede_doc_set(&doc->title, t);
		else
			rc = lede_doc_add_para(doc, LEDE_PARA_TEXT, t, strlen(t));
	}
	free(t);
	return rc;
}

int
main(int argc, char **argv)
{
	struct lede_buf in, out;
	struct lede_doc *doc;
	struct lede_err err;
	char chunk[65536];
	size_t n, i, start = 0;
	FILE *f = argc > 1 ? fopen(argv[1], "rb") : stdin;

	if (f == NULL) {
		perror(argv[1]);
		return 1;
	}
	lede_buf_init(&in);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		lede_buf_add(&in, chunk, n);
	lede_buf_addc(&in, '\0');
	if (!lede_buf_ok(&in) || (doc = lede_doc_new()) == NULL)
		return 1;
	for (i = 0; i + 1 < in.len; i++) {
		if (i >= start && in.data[i] == '\n' && in.data[i + 1] == '\n') {
			if (add_block(doc, in.data + start, i - start) < 0)
				return 1;
			start = i + 2;
		}
	}
	if (start < in.len - 1 && add_block(doc, in.data + start, in.len - 1 - start) < 0)
		return 1;
	if (lede_quotes_find(doc, &err) < 0 || lede_quotes_attribute(doc, &err) < 0 ||
	    lede_facts_find(doc, &err) < 0 || lede_warnings_find(doc, &err) < 0) {
		fprintf(stderr, "quote-driver: %s\n", err.msg);
		return 1;
	}
	lede_buf_init(&out);
	if (lede_json_write_doc(&out, doc) < 0 || !lede_buf_ok(&out))
		return 1;
	fwrite(out.data, 1, out.len, stdout);
	putchar('\n');
	lede_buf_free(&out);
	lede_buf_free(&in);
	lede_doc_free(doc);
	return 0;
}
