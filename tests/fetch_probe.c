/* Reads one input through lede_input_read and prints what the input layer
 * made of it, so tests/test_fetch.sh can check the fetcher without the
 * cleaner in the way.
 * Usage: fetch_probe [-t SECONDS] [-m BYTES] [-a USER-AGENT] INPUT
 * Prints url=, type=, charset=, len= lines, a blank line, then the body;
 * on failure prints "error: REASON" on stderr and exits 1. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "lede/fetch.h"
#include "lede/input.h"

int
main(int argc, char **argv)
{
	struct lede_input_opts o;
	struct lede_input in;
	struct lede_err err;
	int c, rc;

	lede_input_opts_init(&o);
	while ((c = getopt(argc, argv, "t:m:a:")) != -1) {
		switch (c) {
		case 't': o.timeout = atol(optarg); break;
		case 'm': o.max_size = (size_t)strtoull(optarg, NULL, 10); break;
		case 'a': o.user_agent = optarg; break;
		default: return 2;
		}
	}
	if (optind + 1 != argc) {
		fputs("usage: fetch_probe [-t SECONDS] [-m BYTES] [-a UA] INPUT\n", stderr);
		return 2;
	}
	if (lede_fetch_global_init(&err) != 0) {
		fprintf(stderr, "error: %s\n", err.msg);
		return 1;
	}
	rc = lede_input_read(argv[optind], &o, &in, &err);
	if (rc != 0) {
		fprintf(stderr, "error: %s\n", err.msg);
	} else {
		printf("url=%s\ntype=%s\ncharset=%s\nlen=%zu\n\n", in.url ? in.url : "",
		    in.content_type ? in.content_type : "", in.charset ? in.charset : "", in.len);
		fwrite(in.data, 1, in.len, stdout);
		lede_input_free(&in);
	}
	lede_fetch_global_cleanup();
	return rc != 0;
}
