/* Errors as values: every fallible function takes a struct lede_err and
 * returns -1 after filling it, so the caller decides what to print. */
#ifndef LEDE_ERR_H
#define LEDE_ERR_H

struct lede_err {
	char msg[512];
};

/* Fills e (when not NULL) with a printf-style message and returns -1, so a
 * failure path reads `return lede_errf(err, "...");`. */
int lede_errf(struct lede_err *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The message for an allocation failure, shared so it is worded once. */
int lede_err_oom(struct lede_err *e);

#endif
