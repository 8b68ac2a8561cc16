/* Where the pipeline's time goes: runs each input through the same stages as
 * `lede --format=json` (read, clean, annotate, export) and adds up the time of
 * each with a monotonic clock. The cleaner parses inside lede_clean, so the
 * bare libxml2 parse of the same bytes (with the baseline's options) is timed
 * on its own next to it; clean minus parse is the cleaner's own work.
 *
 * usage: stages FILE...    (prints one table on stdout) */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

#include "lede/annotate.h"
#include "lede/buf.h"
#include "lede/clean.h"
#include "lede/doc.h"
#include "lede/err.h"
#include "lede/export.h"
#include "lede/input.h"

#define PARSE_OPTS (HTML_PARSE_NONET | HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | \
	HTML_PARSE_NOWARNING | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC)

enum { ST_READ, ST_PARSE, ST_CLEAN, ST_ANNOTATE, ST_EXPORT, ST_N };

static const char *const stage_names[ST_N] = {
	"read", "parse (libxml2 alone)", "clean (incl. parse)", "annotate", "export json",
};

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	struct lede_input_opts opts;
	struct lede_annotator *ann = NULL;
	struct lede_buf out = LEDE_BUF_INIT;
	struct lede_err err;
	double total[ST_N] = { 0 }, t, load, all = 0;
	size_t bytes = 0, outbytes = 0;
	int i, failed = 0, done = 0;

	if (argc < 2) {
		fputs("usage: stages FILE...\n", stderr);
		return 2;
	}
	lede_input_opts_init(&opts);
	xmlInitParser();
	t = now();
	if (lede_annotator_new(&ann, &err) != 0) {
		fprintf(stderr, "stages: %s\n", err.msg);
		return 1;
	}
	load = now() - t;
	for (i = 1; i < argc; i++) {
		struct lede_input in;
		struct lede_doc *doc = NULL;
		htmlDocPtr hd;

		t = now();
		if (lede_input_read(argv[i], &opts, &in, &err) != 0) {
			fprintf(stderr, "stages: %s: %s\n", argv[i], err.msg);
			failed++;
			continue;
		}
		total[ST_READ] += now() - t;
		bytes += in.len;

		t = now();
		hd = htmlReadMemory(in.data, (int)in.len, NULL, "UTF-8", PARSE_OPTS);
		xmlFreeDoc(hd);
		total[ST_PARSE] += now() - t;

		t = now();
		if (lede_clean(&in, &doc, &err) != 0) {
			fprintf(stderr, "stages: %s: %s\n", argv[i], err.msg);
			lede_input_free(&in);
			failed++;
			continue;
		}
		total[ST_CLEAN] += now() - t;
		lede_input_free(&in);

		t = now();
		if (lede_annotate(ann, doc, &err) != 0) {
			fprintf(stderr, "stages: %s: annotate: %s\n", argv[i], err.msg);
			failed++;
		}
		total[ST_ANNOTATE] += now() - t;

		t = now();
		lede_buf_reset(&out);
		if (lede_export(&out, doc, LEDE_FMT_JSON, &err) != 0 || !lede_buf_ok(&out)) {
			fprintf(stderr, "stages: %s: export: %s\n", argv[i], err.msg);
			failed++;
		}
		total[ST_EXPORT] += now() - t;
		outbytes += out.len;
		lede_doc_free(doc);
		done++;
	}
	lede_buf_free(&out);
	lede_annotator_free(ann);
	xmlCleanupParser();

	for (i = 0; i < ST_N; i++)
		if (i != ST_PARSE)
			all += total[i];
	printf("stages over %d pages (%.1f MB in, %.1f MB JSON out), %d failed\n",
	    done, (double)bytes / 1e6, (double)outbytes / 1e6, failed);
	printf("  %-24s %9.1f ms  (once, not in the total)\n", "load annotator data", load * 1e3);
	for (i = 0; i < ST_N; i++)
		printf("  %-24s %9.1f ms  %5.1f%%  %7.2f ms/page\n", stage_names[i], total[i] * 1e3,
		    all > 0 ? 100.0 * total[i] / all : 0.0, done > 0 ? total[i] * 1e3 / done : 0.0);
	printf("  %-24s %9.1f ms  (read+clean+annotate+export)\n", "total", all * 1e3);
	printf("  %-24s %9.1f ms  %5.1f%%\n", "clean minus parse", (total[ST_CLEAN] - total[ST_PARSE]) * 1e3,
	    all > 0 ? 100.0 * (total[ST_CLEAN] - total[ST_PARSE]) / all : 0.0);
	return failed ? 1 : 0;
}
