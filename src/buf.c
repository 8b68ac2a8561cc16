#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lede/buf.h"

void
lede_buf_init(struct lede_buf *b)
{
	b->data = NULL;
	b->len = b->cap = 0;
	b->oom = false;
}

void
lede_buf_free(struct lede_buf *b)
{
	free(b->data);
	lede_buf_init(b);
}

void
lede_buf_reset(struct lede_buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

extern inline bool lede_buf_reserve(struct lede_buf *b, size_t extra);

bool
lede_buf_grow(struct lede_buf *b, size_t extra)
{
	size_t need, cap;
	char *p;

	if (b->oom)
		return false;
	if (extra > SIZE_MAX - b->len - 1)
		goto fail;
	need = b->len + extra + 1;
	if (need <= b->cap)
		return true;
	/* Doubling keeps appends amortised O(1): builders of 25 MB documents
	 * append millions of times. */
	cap = b->cap ? b->cap : 64;
	while (cap < need) {
		if (cap > SIZE_MAX / 2)
			goto fail;
		cap *= 2;
	}
	p = realloc(b->data, cap);
	if (p == NULL)
		goto fail;
	b->data = p;
	b->cap = cap;
	/* A reserve with no add after it must still leave a C string. */
	b->data[b->len] = '\0';
	return true;
fail:
	b->oom = true;
	return false;
}

/* The external definitions of the inline appends in buf.h, for callers
 * the compiler chose not to inline them into. */
extern inline void lede_buf_add(struct lede_buf *b, const void *p, size_t n);
extern inline void lede_buf_adds(struct lede_buf *b, const char *s);
extern inline void lede_buf_addc(struct lede_buf *b, char c);

void
lede_buf_add_slow(struct lede_buf *b, const void *p, size_t n)
{
	if (!lede_buf_reserve(b, n))
		return;
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
lede_buf_printf(struct lede_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (b->oom)
		return;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !lede_buf_reserve(b, (size_t)n)) {
		b->oom = true;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
lede_buf_add_uint(struct lede_buf *b, size_t v)
{
	char tmp[24], *o;
	size_t i = sizeof tmp;

	do {
		tmp[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0);
	if (!lede_buf_reserve(b, sizeof tmp - i))
		return;
	/* A few digits: a loop beats a call to memcpy. */
	for (o = b->data + b->len; i < sizeof tmp; i++)
		*o++ = tmp[i];
	*o = '\0';
	b->len = (size_t)(o - b->data);
}

void
lede_buf_add_int(struct lede_buf *b, long v)
{
	if (v < 0) {
		lede_buf_addc(b, '-');
		/* Negate in unsigned arithmetic so LONG_MIN does not overflow. */
		lede_buf_add_uint(b, (size_t)0 - (size_t)v);
		return;
	}
	lede_buf_add_uint(b, (size_t)v);
}

char *
lede_buf_detach(struct lede_buf *b)
{
	char *p;

	if (b->oom) {
		lede_buf_free(b);
		return NULL;
	}
	if (b->data == NULL && !lede_buf_reserve(b, 0))
		return NULL;
	b->data[b->len] = '\0';
	p = b->data;
	lede_buf_init(b);
	return p;
}

bool
lede_grow(void *arrp, size_t *cap, size_t need, size_t size)
{
	void **arr = arrp;
	size_t ncap;
	void *p;

	if (need <= *cap)
		return true;
	ncap = *cap ? *cap : 8;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2)
			return false;
		ncap *= 2;
	}
	if (ncap > SIZE_MAX / size)
		return false;
	p = realloc(*arr, ncap * size);
	if (p == NULL)
		return false;
	*arr = p;
	*cap = ncap;
	return true;
}

char *
lede_strndup(const char *s, size_t n)
{
	char *p;

	if (s == NULL)
		return NULL;
	p = malloc(n + 1);
	if (p == NULL)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
lede_strdup(const char *s)
{
	return s == NULL ? NULL : lede_strndup(s, strlen(s));
}
