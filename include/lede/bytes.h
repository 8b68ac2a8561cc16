/* Byte-level helpers several modules share, so each trick lives in one place.
 * Eight bytes of text tested at once: the normaliser, the cleaner's text
 * counter and the JSON writer all pass long runs of plain ASCII, and testing
 * a machine word per step instead of a byte is where their speed comes from.
 * And one small hash (FNV-1a) for words, class names and data checksums. */
#ifndef LEDE_BYTES_H
#define LEDE_BYTES_H

#include <stddef.h>
#include <stdint.h>

#define LEDE_FNV32_BASIS 2166136261u
#define LEDE_FNV32_PRIME 16777619u

/* 32-bit FNV-1a of p[0..n). The data files' checksums are this hash, so it
 * must never change. */
static inline uint32_t
lede_fnv32(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint32_t h = LEDE_FNV32_BASIS;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ s[i]) * LEDE_FNV32_PRIME;
	return h;
}

#define LEDE_ONES 0x0101010101010101u   /* 1 in every byte */
#define LEDE_HIGHS 0x8080808080808080u  /* the top bit of every byte */

/* Eight bytes as one number, the first byte lowest whatever the machine
 * (compilers turn this into one load). */
static inline uint64_t
lede_load8(const void *s)
{
	const unsigned char *p = s;

	return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
	    (uint64_t)p[3] << 24 | (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 |
	    (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
}

/* Non-zero when some byte of x is below k (1..0x80), or has its top bit
 * set: a byte below k borrows into its own top bit, and ~x keeps only the
 * bytes whose top bit was clear. Callers that want "below k" alone already
 * rule out bytes from 0x80 by or-ing x into the test. */
static inline uint64_t
lede_below8(uint64_t x, unsigned k)
{
	return (x - LEDE_ONES * k) & ~x & LEDE_HIGHS;
}

/* Non-zero when some byte of x equals c (with the same caveat). */
static inline uint64_t
lede_has8(uint64_t x, unsigned char c)
{
	return lede_below8(x ^ (LEDE_ONES * c), 1);
}

/* Exactly the top bit of each byte of x that equals c, when no byte of x
 * has its top bit set: adding 0x7F to a byte below 0x80 carries into its
 * own top bit alone, and only when the byte (x ^ c) is not zero. */
static inline uint64_t
lede_eq8(uint64_t x, unsigned char c)
{
	uint64_t y = x ^ (LEDE_ONES * c);

	return ~((y + LEDE_ONES * 0x7F) | y) & LEDE_HIGHS;
}

#endif
