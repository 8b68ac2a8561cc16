/* The document as the sandboxed parser hands it to the parent: a compact
 * binary form written straight from a struct lede_doc and read back with
 * every check lede_copy_read makes on a JSON copy, at a fraction of the cost
 * (no JSON escaping, no tree of JSON objects, spans and quote texts sent as
 * offsets).
 *
 * The reader takes the bytes as hostile: they come from a child that a page
 * may have taken over. Every length is checked against what is left before it
 * is used, every count against the smallest size an item can take, so memory
 * grows only with bytes actually received; every string is checked for
 * invalid UTF-8 and control characters (and, where offsets point into it, for
 * the invisible characters the normaliser removes); every span against its
 * paragraph and UTF-8 boundaries; every speaker against the people. The first
 * problem is reported on one line naming the field: "the parser's reply is
 * damaged: paragraphs[3].text: invalid UTF-8 at byte 17".
 *
 * The read document equals what writing the same document as JSON and
 * reading it with lede_copy_read gives: strings no offset points into go
 * through the normaliser, a missing title becomes "", places carry no roles,
 * a note's exact text is the text at its span.
 *
 * Layout (integers are 4 bytes, little-endian; a string is its length, or
 * 0xFFFFFFFF for none, then its bytes without a NUL; a span is paragraph
 * (signed: -1 the title), start, end):
 *
 *   "LDW1"
 *   url title byline site published lang saved          (strings)
 *   n, then n x { kind (1 byte), text }                 paragraphs
 *   n, then n x { name, n x alias, n x role, n x span } people, then places
 *   n, then n x { span, text start, text end, speaker (signed, -1 none),
 *                 source, flags (1 byte: 1 unclosed, 2 unopened, 4 continued) }
 *   n, then n x { kind, span }                          facts
 *   n, then n x { kind, message, paragraph (signed, -2 none) }   warnings
 *   n, then n x { span, prefix, suffix, note, created } notes
 *
 * and nothing after. Only lede writes it and only lede reads it, within one
 * run: it is no file format and has no compatibility to keep. */
#ifndef LEDE_DOCWIRE_H
#define LEDE_DOCWIRE_H

#include <stddef.h>
#include <sys/types.h>

#include "lede/buf.h"
#include "lede/doc.h"
#include "lede/err.h"

/* Appends doc to out. Fails (-1 with err) on allocation failure and on a
 * document the reader would refuse anyway: a string or offset past 4 GiB, a
 * quote whose text is not inside its span. */
int lede_docwire_write(struct lede_buf *out, const struct lede_doc *doc, struct lede_err *err);

/* The number of bytes lede_docwire_write and lede_docwire_send give for doc
 * (they fail when this does). */
int lede_docwire_size(const struct lede_doc *doc, size_t *len, struct lede_err *err);

/* Writes doc through put, which takes n bytes and returns 0, or -1 to give
 * up. Paragraph text long enough goes to put straight from the document, the
 * rest in blocks of 64 KiB, so no copy of the whole document is made. */
typedef int (*lede_docwire_put)(void *ctx, const void *p, size_t n);
int lede_docwire_send(const struct lede_doc *doc, lede_docwire_put put, void *ctx,
    struct lede_err *err);

/* Rebuilds a document from exactly len bytes of data; -1 with a one-line
 * reason for anything malformed. */
int lede_docwire_read(const char *data, size_t len, struct lede_doc **out, struct lede_err *err);

/* The same for a reply of len bytes read through fill as it arrives, without
 * a buffer for all of it: fill stores between 1 and n bytes at buf and
 * returns how many, or 0 or -1 when the source fails (it keeps its own
 * reason; the reader then says the reply ends too soon). fill is never asked
 * for bytes past the len-th, so a stream stays in step after a good read. */
typedef ssize_t (*lede_docwire_fill)(void *ctx, void *buf, size_t n);
int lede_docwire_read_from(lede_docwire_fill fill, void *ctx, size_t len,
    struct lede_doc **out, struct lede_err *err);

#endif
