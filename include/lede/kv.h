/* Reading the small "key = value" files lede takes from the user (the config
 * file, theme files): one line at a time, blank lines and # comments
 * skipped, with the line number kept for error messages. */
#ifndef LEDE_KV_H
#define LEDE_KV_H

#include <stddef.h>

#include "lede/err.h"

#define LEDE_KV_LINE_MAX 1024

struct lede_kv {
	const char *p, *end;
	const char *file;           /* named in errors */
	int lineno;
	char line[LEDE_KV_LINE_MAX];
};

void lede_kv_start(struct lede_kv *kv, const char *data, size_t len, const char *file);

/* Sets *s to the next line that is not blank or a comment, trimmed, in a
 * buffer kv owns. Returns 1, 0 at the end, or -1 with "FILE:LINE: reason"
 * for a line that is too long or holds a NUL byte. */
int lede_kv_next(struct lede_kv *kv, char **s, struct lede_err *err);

/* Splits "key = value" at the first '=' into trimmed halves; -1 if no '='. */
int lede_kv_split(char *s, char **key, char **value);

/* Trims spaces, tabs and a carriage return at both ends, in place. */
char *lede_kv_trim(char *s);

#endif
