#include "config.h"

#include <string.h>
#include <strings.h>

#include "lede/export.h"
#include "lede/json.h"

int
lede_format_parse(const char *name, enum lede_format *out)
{
	static const struct { const char *name; enum lede_format f; } names[] = {
		{ "text", LEDE_FMT_TEXT }, { "txt", LEDE_FMT_TEXT },
		{ "json", LEDE_FMT_JSON },
		{ "markdown", LEDE_FMT_MARKDOWN }, { "md", LEDE_FMT_MARKDOWN },
		{ "html", LEDE_FMT_HTML },
	};
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (strcmp(name, names[i].name) == 0) {
			*out = names[i].f;
			return 0;
		}
	}
	return -1;
}

int
lede_format_from_path(const char *path, enum lede_format *out)
{
	static const struct { const char *ext; enum lede_format f; } exts[] = {
		{ ".txt", LEDE_FMT_TEXT }, { ".text", LEDE_FMT_TEXT },
		{ ".json", LEDE_FMT_JSON },
		{ ".md", LEDE_FMT_MARKDOWN }, { ".markdown", LEDE_FMT_MARKDOWN },
		{ ".html", LEDE_FMT_HTML }, { ".htm", LEDE_FMT_HTML },
	};
	const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');
	size_t i;

	if (dot == NULL || (slash != NULL && dot < slash))
		return -1;
	for (i = 0; i < sizeof exts / sizeof exts[0]; i++) {
		if (strcasecmp(dot, exts[i].ext) == 0) {
			*out = exts[i].f;
			return 0;
		}
	}
	return -1;
}

/* Title, a blank line, then one paragraph per line with blank lines between. */
static void
export_text(struct lede_buf *out, const struct lede_doc *doc)
{
	size_t i;

	lede_buf_adds(out, doc->title ? doc->title : "");
	lede_buf_lit(out, "\n");
	for (i = 0; i < doc->nparas; i++) {
		lede_buf_lit(out, "\n");
		lede_buf_add(out, doc->paras[i].text, doc->paras[i].len);
		lede_buf_lit(out, "\n");
	}
}

int
lede_export(struct lede_buf *out, const struct lede_doc *doc, enum lede_format f,
    struct lede_err *err)
{
	switch (f) {
	case LEDE_FMT_TEXT:
		export_text(out, doc);
		break;
	case LEDE_FMT_JSON:
		lede_json_write_doc(out, doc);
		break;
	default:
		return lede_errf(err, "this format is not written yet");
	}
	return lede_buf_ok(out) ? 0 : lede_err_oom(err);
}
