/* A growable byte buffer. Allocation failure is sticky: after one failed
 * append every later append is a no-op and lede_buf_ok() is false, so long
 * builders check once at the end instead of after every call. */
#ifndef LEDE_BUF_H
#define LEDE_BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

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
/* Room for extra more bytes and the NUL; false when memory ran out. */
inline bool lede_buf_reserve(struct lede_buf *b, size_t extra);
/* Reserve and the appends are inline: a builder calls them millions of
 * times and nearly every call fits the room already there (buf.c holds their
 * one external definition each and the growing paths). */
bool lede_buf_grow(struct lede_buf *b, size_t extra);
void lede_buf_add_slow(struct lede_buf *b, const void *p, size_t n);
inline void lede_buf_add(struct lede_buf *b, const void *p, size_t n);
inline void lede_buf_adds(struct lede_buf *b, const char *s);
inline void lede_buf_addc(struct lede_buf *b, char c);
void lede_buf_printf(struct lede_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Decimal numbers without printf's format parsing: JSON output writes three
 * of them for every mention, quote and fact. */
void lede_buf_add_uint(struct lede_buf *b, size_t v);
void lede_buf_add_int(struct lede_buf *b, long v);
/* Appends a string literal without a strlen. */
#define lede_buf_lit(b, lit) lede_buf_add((b), "" lit, sizeof(lit) - 1)
static inline bool lede_buf_ok(const struct lede_buf *b) { return !b->oom; }

inline bool
lede_buf_reserve(struct lede_buf *b, size_t extra)
{
	/* len < cap whenever data exists, so cap - len cannot wrap; "> extra"
	 * leaves room for the NUL. */
	if (b->cap - b->len > extra && !b->oom)
		return true;
	return lede_buf_grow(b, extra);
}

inline void
lede_buf_add(struct lede_buf *b, const void *p, size_t n)
{
	/* As in lede_buf_reserve; an oom buffer stays a no-op. */
	if (b->cap - b->len > n && !b->oom) {
		if (n > 0)
			memcpy(b->data + b->len, p, n);
		b->len += n;
		b->data[b->len] = '\0';
		return;
	}
	lede_buf_add_slow(b, p, n);
}

inline void
lede_buf_adds(struct lede_buf *b, const char *s)
{
	lede_buf_add(b, s, strlen(s));
}

inline void
lede_buf_addc(struct lede_buf *b, char c)
{
	if (b->cap - b->len > 1 && !b->oom) {
		b->data[b->len++] = c;
		b->data[b->len] = '\0';
		return;
	}
	lede_buf_add_slow(b, &c, 1);
}

/* Hands over the NUL-terminated contents (never NULL unless oom) and resets b. */
char *lede_buf_detach(struct lede_buf *b);

/* Grows an array of elements of size `size` so that it holds at least `need`;
 * returns false on overflow or allocation failure, leaving *arr untouched. */
bool lede_grow(void *arrp, size_t *cap, size_t need, size_t size);

/* strndup that tolerates NULL input (returns NULL) and reports failure by NULL. */
char *lede_strndup(const char *s, size_t n);
char *lede_strdup(const char *s);

#endif
