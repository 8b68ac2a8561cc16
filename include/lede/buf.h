/* A growable byte buffer. Allocation failure is sticky: after one failed
 * append every later append is a no-op and lede_buf_ok() is false, so long
 * builders check once at the end instead of after every call. */
#ifndef LEDE_BUF_H
#define LEDE_BUF_H

#include <stdbool.h>
#include <stddef.h>

struct lede_buf {
	char *data;      /* always NUL-terminated when len > 0 or after any add */
	size_t len;
	size_t cap;
	bool oom;
};

#define LEDE_BUF_INIT { NULL, 0, 0, false }

void lede_buf_init(struct lede_buf *b);
void lede_buf_free(struct lede_buf *b);
void lede_buf_reset(struct lede_buf *b);           /* len = 0, keeps memory */
bool lede_buf_reserve(struct lede_buf *b, size_t extra);
void lede_buf_add(struct lede_buf *b, const void *p, size_t n);
void lede_buf_adds(struct lede_buf *b, const char *s);
void lede_buf_addc(struct lede_buf *b, char c);
void lede_buf_printf(struct lede_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Decimal numbers without printf's format parsing: JSON output writes three
 * of them for every mention, quote and fact. */
void lede_buf_add_uint(struct lede_buf *b, size_t v);
void lede_buf_add_int(struct lede_buf *b, long v);
/* Appends a string literal without a strlen. */
#define lede_buf_lit(b, lit) lede_buf_add((b), "" lit, sizeof(lit) - 1)
static inline bool lede_buf_ok(const struct lede_buf *b) { return !b->oom; }
/* Hands over the NUL-terminated contents (never NULL unless oom) and resets b. */
char *lede_buf_detach(struct lede_buf *b);

/* Grows an array of elements of size `size` so that it holds at least `need`;
 * returns false on overflow or allocation failure, leaving *arr untouched. */
bool lede_grow(void *arrp, size_t *cap, size_t need, size_t size);

/* strndup that tolerates NULL input (returns NULL) and reports failure by NULL. */
char *lede_strndup(const char *s, size_t n);
char *lede_strdup(const char *s);

#endif
