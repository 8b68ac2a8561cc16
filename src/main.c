/* lede: read news articles in the terminal. main() owns the process: option
 * parsing, the loop over inputs, exit status. Everything below returns errors. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <locale.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lede/annotate.h"
#include "lede/buf.h"
#include "lede/clean.h"
#include "lede/copy.h"
#include "lede/doc.h"
#include "lede/err.h"
#include "lede/export.h"
#include "lede/fetch.h"
#include "lede/input.h"
#include "lede/pager.h"
#include "lede/sandbox.h"
#include "lede/save.h"

enum {
	OPT_FORMAT = 256,
	OPT_TIMEOUT,
	OPT_MAX_SIZE,
	OPT_USER_AGENT,
	OPT_THEME,
	OPT_WIDTH,
	OPT_PANEL,
	OPT_NO_PANEL,
	OPT_NO_ANNOTATE,
	OPT_SANDBOX,
	OPT_NO_SANDBOX,
};

static const struct option long_opts[] = {
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "output", required_argument, NULL, 'o' },
	{ "timeout", required_argument, NULL, OPT_TIMEOUT },
	{ "max-size", required_argument, NULL, OPT_MAX_SIZE },
	{ "user-agent", required_argument, NULL, OPT_USER_AGENT },
	{ "theme", required_argument, NULL, OPT_THEME },
	{ "width", required_argument, NULL, OPT_WIDTH },
	{ "panel", no_argument, NULL, OPT_PANEL },
	{ "no-panel", no_argument, NULL, OPT_NO_PANEL },
	{ "no-annotate", no_argument, NULL, OPT_NO_ANNOTATE },
	{ "sandbox", no_argument, NULL, OPT_SANDBOX },
	{ "no-sandbox", no_argument, NULL, OPT_NO_SANDBOX },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

static void
usage(FILE *f)
{
	fputs(
"Usage: lede [OPTION]... [URL | FILE | -]...\n"
"Read news articles in the terminal: the article without the clutter, with its\n"
"people, places, quotes and facts marked.\n"
"\n"
"With no input, or when the input is -, read standard input. On a terminal the\n"
"article opens in the pager; otherwise it is printed as text.\n"
"\n"
"  -f, --format=FORMAT   print as text, json, markdown or html and exit\n"
"  -o, --output=FILE     save an annotated copy (format from the extension)\n"
"      --timeout=SECONDS bound a whole transfer (default 30)\n"
"      --max-size=BYTES  refuse larger pages, files or input (default 32 MiB;\n"
"                        suffixes k, M, G)\n"
"      --user-agent=UA   send UA instead of lede's own User-Agent\n"
"      --theme=NAME      pager theme: dark, light, mono or a file path\n"
"      --width=COLUMNS   width of the article column (default 80)\n"
"      --panel, --no-panel  show or hide the side panel at start\n"
"      --no-annotate     skip people, places, quotes and facts\n"
"      --sandbox, --no-sandbox  clean each page in a confined child process\n"
"                        (default: on)\n"
"  -h, --help            show this help and exit\n"
"  -V, --version         show the version and exit\n"
"\n"
"In the pager press ? for the keys. Environment: NO_COLOR selects the\n"
"monochrome theme; XDG_CONFIG_HOME and XDG_DATA_HOME place the config file and\n"
"saved copies. See lede(1).\n", f);
}

/* Parses a size with an optional k/M/G suffix (powers of 1024). */
static int
parse_size(const char *s, size_t *out)
{
	unsigned long long v, mul = 1;
	char *end;

	errno = 0;
	if (*s == '-' || *s == '\0')
		return -1;
	v = strtoull(s, &end, 10);
	if (errno != 0 || end == s)
		return -1;
	switch (*end) {
	case '\0': break;
	case 'k': case 'K': mul = 1ULL << 10; end++; break;
	case 'm': case 'M': mul = 1ULL << 20; end++; break;
	case 'g': case 'G': mul = 1ULL << 30; end++; break;
	default: return -1;
	}
	if (*end == 'i' || *end == 'B')
		end++;
	if (*end == 'B')
		end++;
	if (*end != '\0' || v == 0 || v > SIZE_MAX / mul)
		return -1;
	*out = (size_t)(v * mul);
	return 0;
}

static int
parse_long(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

struct run {
	struct lede_input_opts in;
	struct lede_pager_opts pager;
	enum lede_format format;
	bool have_format;
	bool annotate;
	bool sandbox;
	const char *output;
	struct lede_annotator *annotator;
};

/* Turns one input argument into an annotated document. */
static int
load(struct run *r, const char *arg, struct lede_doc **out, struct lede_err *err)
{
	struct lede_input in = { 0 };
	struct lede_doc *doc = NULL;
	int rc;

	if (lede_input_read(arg, &r->in, &in, err) != 0)
		return -1;
	/* Only cleaning runs in the sandbox: the parser is what meets hostile
	 * markup. Annotating there too would send every fact, quote and
	 * mention back through the checked reply, which on a 25 MB article
	 * cost more than annotating the checked document here. */
	if (r->sandbox)
		rc = lede_sandboxed_load(&in, NULL, &doc, err);
	else if (in.url == NULL && lede_copy_looks_like(in.data, in.len))
		rc = lede_copy_read(in.data, in.len, &doc, err);
	else
		rc = lede_clean(&in, &doc, err);
	lede_input_free(&in);
	if (rc != 0)
		return -1;
	if (lede_doc_set(&doc->input, arg) != 0) {
		lede_doc_free(doc);
		return lede_err_oom(err);
	}
	if (r->annotate && doc->npeople + doc->nplaces + doc->nquotes == 0) {
		if (r->annotator == NULL && lede_annotator_new(&r->annotator, err) != 0) {
			lede_doc_free(doc);
			return -1;
		}
		if (lede_annotate(r->annotator, doc, err) != 0) {
			lede_doc_free(doc);
			return -1;
		}
	}
	*out = doc;
	return 0;
}

static int
write_stdout(const char *data, size_t len, struct lede_err *err)
{
	if (len > 0 && fwrite(data, 1, len, stdout) != len)
		return lede_errf(err, "standard output: %s", strerror(errno));
	if (fflush(stdout) != 0)
		return lede_errf(err, "standard output: %s", strerror(errno));
	return 0;
}

/* Prints every input in r->format; returns the number of inputs that failed. */
static int
print_all(struct run *r, char **args, int nargs)
{
	struct lede_buf out = LEDE_BUF_INIT;
	struct lede_err err;
	struct lede_doc *doc;
	int failed = 0, printed = 0, i;

	for (i = 0; i < nargs; i++) {
		if (load(r, args[i], &doc, &err) != 0) {
			fprintf(stderr, "lede: %s: %s\n", args[i], err.msg);
			failed++;
			continue;
		}
		lede_buf_reset(&out);
		/* Text documents are separated by a form feed line, JSON ones are
		 * JSON Lines: one document per line. */
		if (printed > 0 && r->format != LEDE_FMT_JSON)
			lede_buf_lit(&out, "\f\n");
		if (lede_export(&out, doc, r->format, &err) != 0 || !lede_buf_ok(&out)) {
			fprintf(stderr, "lede: %s: %s\n", args[i], lede_buf_ok(&out) ? err.msg : "out of memory");
			failed++;
		} else {
			if (r->format == LEDE_FMT_JSON)
				lede_buf_addc(&out, '\n');
			if (write_stdout(out.data, out.len, &err) != 0) {
				fprintf(stderr, "lede: %s\n", err.msg);
				lede_doc_free(doc);
				lede_buf_free(&out);
				return failed + 1 + (nargs - i - 1);
			}
			printed++;
		}
		lede_doc_free(doc);
	}
	lede_buf_free(&out);
	return failed;
}

static int
save_one(struct run *r, const char *arg)
{
	struct lede_buf out = LEDE_BUF_INIT;
	enum lede_format f = r->format;
	struct lede_err err;
	struct lede_doc *doc;
	bool exported;
	int rc = -1;

	if (!r->have_format && lede_format_from_path(r->output, &f) != 0) {
		fprintf(stderr, "lede: %s: cannot tell the format from the name; "
		    "use .md, .html, .json or .txt, or --format\n", r->output);
		return -1;
	}
	if (load(r, arg, &doc, &err) != 0) {
		fprintf(stderr, "lede: %s: %s\n", arg, err.msg);
		return -1;
	}
	exported = lede_export(&out, doc, f, &err) == 0;
	/* A JSON copy is one JSON Lines record, like --format=json prints. */
	if (exported && f == LEDE_FMT_JSON)
		lede_buf_addc(&out, '\n');
	if (!exported || !lede_buf_ok(&out))
		fprintf(stderr, "lede: %s: %s\n", arg, lede_buf_ok(&out) ? err.msg : "out of memory");
	else if (lede_save(r->output, out.data, out.len, &err) != 0)
		fprintf(stderr, "lede: %s: %s\n", r->output, err.msg);
	else
		rc = 0;
	lede_buf_free(&out);
	lede_doc_free(doc);
	return rc;
}

static int
page_all(struct run *r, char **args, int nargs)
{
	struct lede_doc **docs;
	struct lede_err err;
	size_t ndocs = 0;
	int failed = 0, i;

	if ((docs = calloc((size_t)nargs, sizeof *docs)) == NULL) {
		fprintf(stderr, "lede: out of memory\n");
		return 1;
	}
	for (i = 0; i < nargs; i++) {
		if (load(r, args[i], &docs[ndocs], &err) != 0) {
			fprintf(stderr, "lede: %s: %s\n", args[i], err.msg);
			failed++;
			continue;
		}
		ndocs++;
	}
	if (ndocs > 0 && lede_pager_run(docs, ndocs, &r->pager, &err) != 0) {
		fprintf(stderr, "lede: %s\n", err.msg);
		failed++;
	}
	for (size_t k = 0; k < ndocs; k++)
		lede_doc_free(docs[k]);
	free(docs);
	return failed;
}

int
main(int argc, char **argv)
{
	static char *stdin_arg[] = { "-" };
	struct run r = { .annotate = true, .sandbox = true };
	struct lede_err err;
	char **args;
	int c, nargs, failed;
	long v;

	setlocale(LC_ALL, "");
	lede_input_opts_init(&r.in);
	r.pager.panel = -1;
	/* getopt's own messages name the full binary path and span two lines;
	 * lede's errors are one line that starts "lede:". */
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":f:o:hV", long_opts, NULL)) != -1) {
		switch (c) {
		case 'f':
		case OPT_FORMAT:
			if (lede_format_parse(optarg, &r.format) != 0) {
				fprintf(stderr, "lede: unknown format '%s' (text, json, markdown or html)\n", optarg);
				return 2;
			}
			r.have_format = true;
			break;
		case 'o':
			r.output = optarg;
			break;
		case OPT_TIMEOUT:
			if (parse_long(optarg, 1, 86400, &v) != 0) {
				fprintf(stderr, "lede: --timeout wants whole seconds from 1 to 86400, not '%s'\n", optarg);
				return 2;
			}
			r.in.timeout = v;
			break;
		case OPT_MAX_SIZE:
			if (parse_size(optarg, &r.in.max_size) != 0) {
				fprintf(stderr, "lede: --max-size wants a positive number of bytes, not '%s'\n", optarg);
				return 2;
			}
			break;
		case OPT_USER_AGENT:
			r.in.user_agent = optarg;
			break;
		case OPT_THEME:
			r.pager.theme = optarg;
			break;
		case OPT_WIDTH:
			if (parse_long(optarg, 20, 1000, &v) != 0) {
				fprintf(stderr, "lede: --width wants a number of columns from 20 to 1000, not '%s'\n", optarg);
				return 2;
			}
			r.pager.width = (int)v;
			break;
		case OPT_PANEL:
			r.pager.panel = 1;
			break;
		case OPT_NO_PANEL:
			r.pager.panel = 0;
			break;
		case OPT_NO_ANNOTATE:
			r.annotate = false;
			break;
		case OPT_SANDBOX:
			r.sandbox = true;
			break;
		case OPT_NO_SANDBOX:
			r.sandbox = false;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("lede %s\n", PACKAGE_VERSION);
			return 0;
		case ':':
			fprintf(stderr, "lede: option '%s' needs a value; try 'lede --help'\n", argv[optind - 1]);
			return 2;
		default:
			if (optopt != 0)
				fprintf(stderr, "lede: unknown option '-%c'; try 'lede --help'\n", optopt);
			else
				fprintf(stderr, "lede: unknown option '%s'; try 'lede --help'\n", argv[optind - 1]);
			return 2;
		}
	}
	args = argv + optind;
	nargs = argc - optind;
	if (nargs == 0) {
		if (isatty(STDIN_FILENO)) {
			fputs("lede: no input; give a URL, a file or - for standard input\n"
			    "Try 'lede --help' for more information.\n", stderr);
			return 2;
		}
		args = stdin_arg;
		nargs = 1;
	}
	if (r.output != NULL && nargs > 1) {
		fprintf(stderr, "lede: -o saves one input, but %d were given\n", nargs);
		return 2;
	}
	if (lede_fetch_global_init(&err) != 0) {
		fprintf(stderr, "lede: %s\n", err.msg);
		return 1;
	}
	if (r.output != NULL)
		failed = save_one(&r, args[0]) != 0;
	else if (r.have_format || !isatty(STDOUT_FILENO))
		failed = print_all(&r, args, nargs);
	else
		failed = page_all(&r, args, nargs);
	lede_sandbox_end();
	lede_annotator_free(r.annotator);
	lede_fetch_global_cleanup();
	return failed ? 1 : 0;
}
