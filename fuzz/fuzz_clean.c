/* libFuzzer harness for the cleaner: any bytes, as HTML and as plain text,
 * under a charset chosen by the first byte (none, the usual ones, a bogus
 * one). The document that comes out must keep doc.h's promises and export
 * to every format without a control character. */
#include <stddef.h>
#include <stdint.h>

#include "lede/clean.h"
#include "lede/doc.h"
#include "lede/err.h"

#include "check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const charsets[] = {
	NULL, "utf-8", "iso-8859-1", "windows-1252", "shift_jis", "utf-16le",
	"koi8-r", "x-no-such-charset",
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *cs = NULL;
	struct lede_doc *doc = NULL;
	struct lede_err err;
	unsigned pick = 0;

	if (size > 0) {
		pick = data[0];
		cs = charsets[pick % (sizeof charsets / sizeof charsets[0])];
		data++;
		size--;
	}
	(void)lede_looks_like_html((const char *)data, size);
	if (lede_clean_html((const char *)data, size, cs, (pick & 0x80) ? "https://example.com/a/b" : NULL,
	    &doc, &err) == 0) {
		FUZZ_ASSERT(doc != NULL);
		fuzz_check_doc(doc);
		fuzz_check_exports(doc);
		lede_doc_free(doc);
	} else {
		fuzz_check_str(err.msg, 0);
	}
	doc = NULL;
	if (lede_clean_text((const char *)data, size, cs, &doc, &err) == 0) {
		FUZZ_ASSERT(doc != NULL);
		fuzz_check_doc(doc);
		lede_doc_free(doc);
	}
	return 0;
}
