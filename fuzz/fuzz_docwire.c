/* libFuzzer harness for the sandbox's reply reader: any bytes as the wire
 * form of a document, as a compromised child could send them. A reply that
 * reads must keep doc.h's promises; read in scraps it must give the same
 * answer (the same document, or the same reason); and written back out and
 * read again it must give the same document. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "lede/buf.h"
#include "lede/doc.h"
#include "lede/docwire.h"
#include "lede/err.h"
#include "lede/json.h"

#include "check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct scraps {
	const uint8_t *p;
	size_t n, step;
};

static ssize_t
fill(void *ctx, void *buf, size_t n)
{
	struct scraps *s = ctx;

	if (n > s->step)
		n = s->step;
	if (n > s->n)
		n = s->n;
	if (n == 0)
		return -1;
	memcpy(buf, s->p, n);
	s->p += n;
	s->n -= n;
	/* Vary the scrap size so reads straddle every boundary. */
	s->step = s->step % 13 + 1;
	return (ssize_t)n;
}

static char *
to_json(const struct lede_doc *d)
{
	struct lede_buf b = LEDE_BUF_INIT;

	if (lede_json_write_doc(&b, d) != 0) {
		lede_buf_free(&b);
		return NULL;
	}
	return lede_buf_detach(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lede_doc *doc = NULL, *streamed = NULL, *again = NULL;
	struct lede_buf wire = LEDE_BUF_INIT;
	struct scraps src = { data, size, 1 };
	struct lede_err err, err2;
	char *a, *b;
	int rc;

	rc = lede_docwire_read((const char *)data, size, &doc, &err);
	FUZZ_ASSERT(lede_docwire_read_from(fill, &src, size, &streamed, &err2) == rc);
	if (rc != 0) {
		FUZZ_ASSERT(doc == NULL && streamed == NULL);
		FUZZ_ASSERT(strcmp(err.msg, err2.msg) == 0);
		fuzz_check_str(err.msg, 0);
		return 0;
	}
	fuzz_check_doc(doc);
	fuzz_check_exports(doc);
	a = to_json(doc);
	b = to_json(streamed);
	FUZZ_ASSERT(a != NULL && b != NULL && strcmp(a, b) == 0);
	free(b);
	if (lede_docwire_write(&wire, doc, &err) == 0) {
		FUZZ_ASSERT(lede_docwire_read(wire.data, wire.len, &again, &err) == 0);
		b = to_json(again);
		FUZZ_ASSERT(b != NULL && strcmp(a, b) == 0);
		free(b);
		lede_doc_free(again);
	}
	free(a);
	lede_buf_free(&wire);
	lede_doc_free(doc);
	lede_doc_free(streamed);
	return 0;
}
