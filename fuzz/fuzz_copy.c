/* libFuzzer harness for reading saved copies: any bytes as a JSON copy. A
 * copy that reads must keep doc.h's promises (a hand-edited copy is as
 * hostile as a page), and must survive a round trip: written out as JSON and
 * read back, it gives the same text and the same number of each thing. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "lede/buf.h"
#include "lede/copy.h"
#include "lede/doc.h"
#include "lede/err.h"
#include "lede/export.h"

#include "check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lede_doc *doc = NULL, *again = NULL;
	struct lede_buf out = LEDE_BUF_INIT;
	struct lede_err err;

	(void)lede_copy_looks_like((const char *)data, size);
	if (lede_copy_read((const char *)data, size, &doc, &err) != 0) {
		fuzz_check_str(err.msg, 0);
		return 0;
	}
	FUZZ_ASSERT(doc != NULL);
	fuzz_check_doc(doc);
	fuzz_check_exports(doc);
	if (lede_export(&out, doc, LEDE_FMT_JSON, &err) == 0 && lede_buf_ok(&out)) {
		FUZZ_ASSERT(lede_copy_read(out.data, out.len, &again, &err) == 0);
		FUZZ_ASSERT(again->nparas == doc->nparas);
		for (size_t i = 0; i < doc->nparas; i++)
			FUZZ_ASSERT(strcmp(again->paras[i].text, doc->paras[i].text) == 0);
		FUZZ_ASSERT((again->title == NULL) == (doc->title == NULL));
		FUZZ_ASSERT(again->npeople == doc->npeople && again->nplaces == doc->nplaces);
		FUZZ_ASSERT(again->nquotes == doc->nquotes && again->nnotes == doc->nnotes);
		lede_doc_free(again);
	}
	lede_buf_free(&out);
	lede_doc_free(doc);
	return 0;
}
