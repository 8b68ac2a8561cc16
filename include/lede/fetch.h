/* The fetcher: one HTTP(S) GET through libcurl, with the limits in
 * lede_input_opts, into a lede_input. */
#ifndef LEDE_FETCH_H
#define LEDE_FETCH_H

#include "lede/err.h"
#include "lede/input.h"

/* Call once before any fetch (and lede_fetch_cleanup once at the end). */
int lede_fetch_global_init(struct lede_err *err);
void lede_fetch_global_cleanup(void);

int lede_fetch(const char *url, const struct lede_input_opts *o,
    struct lede_input *in, struct lede_err *err);

#endif
