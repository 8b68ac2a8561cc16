/* Reading an input: a URL (through the fetcher), a file, or "-" for stdin,
 * into memory, within the size limit, with what is known of its type. */
#ifndef LEDE_INPUT_H
#define LEDE_INPUT_H

#include <stdbool.h>
#include <stddef.h>

#include "lede/err.h"

#define LEDE_DEFAULT_TIMEOUT 30L                    /* seconds, whole transfer */
#define LEDE_DEFAULT_MAX_SIZE (32u * 1024u * 1024u) /* bytes, any input */

struct lede_input_opts {
	long timeout;            /* seconds; bounds a whole transfer */
	size_t max_size;         /* bytes; pages, files and stdin alike */
	const char *user_agent;  /* NULL for lede's own */
};

struct lede_input {
	char *data;              /* the raw bytes, NUL-terminated for convenience */
	size_t len;
	char *url;               /* final URL after redirects, NULL for files */
	char *content_type;      /* media type without parameters, or NULL */
	char *charset;           /* from the Content-Type header, or NULL */
};

void lede_input_opts_init(struct lede_input_opts *o);

/* True when arg names a URL lede would fetch (http:// or https://, any case). */
bool lede_input_is_url(const char *arg);

/* Reads arg into in. Returns 0, or -1 with err holding a reason fit for
 * "lede: ARG: reason". */
int lede_input_read(const char *arg, const struct lede_input_opts *o,
    struct lede_input *in, struct lede_err *err);
void lede_input_free(struct lede_input *in);

#endif
