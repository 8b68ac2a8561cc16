/* Writing a document out: plain text, JSON, Markdown and HTML. */
#ifndef LEDE_EXPORT_H
#define LEDE_EXPORT_H

#include "lede/buf.h"
#include "lede/doc.h"
#include "lede/err.h"

enum lede_format {
	LEDE_FMT_TEXT,
	LEDE_FMT_JSON,
	LEDE_FMT_MARKDOWN,
	LEDE_FMT_HTML,
};

/* "text", "json", "markdown" (or "md"), "html"; -1 when unknown. */
int lede_format_parse(const char *name, enum lede_format *out);
/* From a file name's extension (.txt .json .md .markdown .html .htm); -1 when
 * the extension names no format. */
int lede_format_from_path(const char *path, enum lede_format *out);

/* Appends doc in format f to out. */
int lede_export(struct lede_buf *out, const struct lede_doc *doc, enum lede_format f,
    struct lede_err *err);

#endif
