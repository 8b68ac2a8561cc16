/* The fetcher: one HTTP(S) GET through libcurl, with the limits in
 * lede_input_opts, into a lede_input. */
#ifndef LEDE_FETCH_H
#define LEDE_FETCH_H

#include "lede/err.h"
#include "lede/input.h"

/* Call once before any fetch (and lede_fetch_cleanup once at the end). */
int lede_fetch_global_init(struct lede_err *err);
void lede_fetch_global_cleanup(void);

/* GETs url (http or https) into in: the decoded body, the final URL after
 * redirects, the media type and the charset of Content-Type. The limits:
 * http and https only, for the request and every redirect; at most 10
 * redirects; o->timeout seconds for the whole transfer (connecting within
 * min(15, o->timeout)); o->max_size bytes of decoded body; a status outside
 * 2xx or a type other than text/ and application/xhtml+xml is an error.
 * Proxy variables apply as libcurl reads them. Returns 0, or -1 with err
 * holding one line fit for "lede: URL: reason". */
int lede_fetch(const char *url, const struct lede_input_opts *o,
    struct lede_input *in, struct lede_err *err);

#endif
