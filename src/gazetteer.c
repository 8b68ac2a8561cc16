#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lede/buf.h"
#include "lede/bytes.h"
#include "lede/gazetteer.h"
#include "lede/paths.h"
#include "lede/tok.h"

/* File layout, host byte order (checked by the marker):
 *   "LEDEGAZ1" u32 marker 0x01020304, u32 nslots, u32 nentries, u32 checksum,
 *   u32 fingerprint[nslots], u16 classes[nslots].
 * Open addressing with linear probing; fingerprint 0 is an empty slot. */
#define GAZ_MAGIC "LEDEGAZ1"
#define GAZ_MARKER 0x01020304u
#define GAZ_HEADER 24
#define GAZ_CLASSES "FLCKRDWTPB"

/* Most lookups miss (a phrase probe for every capitalised token and each
 * length up to LEDE_GAZ_MAXWORDS), and the table is a few MB, so a miss
 * usually costs a cache miss. A blocked Bloom filter built at load time
 * from the stored fingerprints answers most misses from 256 KB that stays
 * in L2: one 64-bit word per fingerprint, GAZ_BLOOM_K bits set in it
 * (with the shipped 156,000 entries, under 1% of misses get through).
 * It is keyed on the fingerprint alone because that is all the table holds
 * of a key; a lookup whose fingerprint is in no slot returns 0 whatever
 * its slot, so skipping it changes no answer. */
#define GAZ_BLOOM_BITS 15            /* log2 of the filter's 64-bit words */
#define GAZ_BLOOM_K 4

struct lede_gaz {
	uint32_t mask;
	uint32_t *fp;
	uint16_t *cls;
	uint64_t *bloom;             /* 1 << GAZ_BLOOM_BITS words */
	void *mem;
};

/* FNV-1a over four bytes, continuing from h (LEDE_FNV32_BASIS to start). */
static inline uint32_t
fnv32_4(uint32_t h, const unsigned char *s)
{
	h = (h ^ s[0]) * LEDE_FNV32_PRIME;
	h = (h ^ s[1]) * LEDE_FNV32_PRIME;
	h = (h ^ s[2]) * LEDE_FNV32_PRIME;
	return (h ^ s[3]) * LEDE_FNV32_PRIME;
}

static uint64_t
mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ull;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebull;
	x ^= x >> 31;
	return x;
}

uint64_t
lede_gaz_word_key(const char *s, size_t n)
{
	char low[128];
	size_t m, i;
	uint64_t h = 0xcbf29ce484222325ull;

	/* plain ASCII words (most of them) fold as they hash */
	if (n < sizeof low) {
		for (i = 0; i < n && (unsigned char)s[i] < 0x80; i++) {
			unsigned char c = (unsigned char)s[i];
			if (c >= 'A' && c <= 'Z')
				c += 32;
			h = (h ^ c) * 0x100000001b3ull;
		}
		if (i == n)
			return mix64(h + n);
		h = 0xcbf29ce484222325ull;
	}
	m = lede_tok_lower(s, n, low, sizeof low);
	for (i = 0; i < m; i++)
		h = (h ^ (unsigned char)low[i]) * 0x100000001b3ull;
	return mix64(h + m);
}

static inline uint64_t
extend(uint64_t phrase, uint64_t word)
{
	return mix64(phrase * 31 + word);
}

uint64_t
lede_gaz_extend(uint64_t phrase, uint64_t word)
{
	return extend(phrase, word);
}

static uint32_t
fingerprint(uint64_t key)
{
	return (uint32_t)(key >> 32) | 1u;
}

/* The filter's word and bit mask for fingerprint f: one multiply spreads
 * f's 31 bits over the product's upper half (its low bits depend only on
 * f's low bits, and f's bit 0 is always set), whence the word index (top
 * bits) and the bit positions (the bits below them). */
static inline uint64_t
bloom_bits(uint32_t f, uint32_t *word)
{
	uint64_t h = (uint64_t)f * 0x9e3779b97f4a7c15ull, m = 0;
	int k;

	*word = (uint32_t)(h >> (64 - GAZ_BLOOM_BITS));
	for (k = 0; k < GAZ_BLOOM_K; k++)
		m |= 1ull << ((h >> (24 + 6 * k)) & 63);
	return m;
}

static inline bool
bloom_may_hold(const struct lede_gaz *g, uint32_t f)
{
	uint32_t w;
	uint64_t m = bloom_bits(f, &w);

	return (g->bloom[w] & m) == m;
}

static inline uint32_t
get(const struct lede_gaz *g, uint64_t key)
{
	uint32_t f = fingerprint(key), i = (uint32_t)key & g->mask;

	if (!bloom_may_hold(g, f))
		return 0;
	while (g->fp[i] != 0) {
		if (g->fp[i] == f)
			return g->cls[i];
		i = (i + 1) & g->mask;
	}
	return 0;
}

uint32_t
lede_gaz_get(const struct lede_gaz *g, uint64_t key)
{
	return get(g, key);
}

void
lede_gaz_tag(const struct lede_gaz *g, const char *text, const struct lede_toks *t,
    uint64_t *keys, uint16_t *word, uint16_t *phrase)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		keys[i] = lede_gaz_word_key(text + t->v[i].start, t->v[i].end - t->v[i].start);
		word[i] = (uint16_t)lede_gaz_get(g, keys[i]);
	}
	lede_gaz_phrases(g, t, keys, phrase);
}

/* The longest phrase from token i, if any, marked in phrase; returns
 * whether there was one. */
static inline bool
phrase_at(const struct lede_gaz *g, const struct lede_toks *t, const uint64_t *keys, size_t i,
    uint16_t *phrase)
{
	const struct lede_tok *v = t->v;
	const uint32_t *fp = g->fp, mask = g->mask;
	size_t j, end, best = 0, n = t->n;
	uint64_t k = keys[i];
	uint32_t f, s, bestc = 0;

	/* a phrase never crosses a sentence */
	end = n - i > LEDE_GAZ_MAXWORDS ? i + LEDE_GAZ_MAXWORDS : n;
	for (j = i + 1; j < end && !(v[j].flags & LEDE_TOK_SENT); j++) {
		/* get(), with the table's fields kept at hand */
		k = extend(k, keys[j]);
		f = fingerprint(k);
		if (!bloom_may_hold(g, f))
			continue;
		for (s = (uint32_t)k & mask; fp[s] != 0; s = (s + 1) & mask)
			if (fp[s] == f) {
				if (g->cls[s] != 0) {
					best = j;
					bestc = g->cls[s];
				}
				break;
			}
	}
	if (best == 0)
		return false;
	if (phrase[i] == 0)
		phrase[i] = (uint16_t)(bestc | LEDE_GAZ_PHRASE_B);
	for (j = i + 1; j <= best; j++)
		if (phrase[j] == 0)
			phrase[j] = (uint16_t)bestc;
	return true;
}

size_t
lede_gaz_phrases(const struct lede_gaz *g, const struct lede_toks *t, const uint64_t *keys,
    uint16_t *phrase)
{
	size_t i, found = 0;

	memset(phrase, 0, t->n * sizeof *phrase);
	/* Longest match from each start; every listed phrase is a name, so
	 * it starts with a capital. */
	for (i = 0; i < t->n; i++)
		if (t->v[i].flags & LEDE_TOK_UPPER)
			found += phrase_at(g, t, keys, i, phrase);
	return found;
}

size_t
lede_gaz_phrases_from(const struct lede_gaz *g, const struct lede_toks *t, const uint64_t *keys,
    const uint32_t *starts, size_t nstarts, uint16_t *phrase)
{
	size_t k, found = 0;

	memset(phrase, 0, t->n * sizeof *phrase);
	for (k = 0; k < nstarts; k++)
		found += phrase_at(g, t, keys, starts[k], phrase);
	return found;
}

/* The file's checksum, filling g's filter on the way: the checksum is one
 * long chain of dependent multiplies, so the filter's work fits in the
 * cycles the chain leaves idle and costs little more than the check. */
static uint32_t
sum_and_filter(struct lede_gaz *g, const unsigned char *body)
{
	const unsigned char *cls = body + (size_t)(g->mask + 1) * 4;
	uint32_t h = LEDE_FNV32_BASIS, i, w;
	uint64_t m;

	for (i = 0; i <= g->mask; i++) {
		h = fnv32_4(h, body + (size_t)i * 4);
		/* without a branch: a third of the slots are full, at random */
		m = bloom_bits(g->fp[i], &w) & -(uint64_t)(g->fp[i] != 0);
		g->bloom[w] |= m;
	}
	/* two classes a round: the table has a power of two (16+) of them */
	for (i = 0; i <= g->mask; i += 2)
		h = fnv32_4(h, cls + (size_t)i * 2);
	return h;
}

static int
gaz_check(struct lede_gaz *g, const unsigned char *m, size_t size, const char *path,
    struct lede_err *err)
{
	uint32_t marker, nslots, nentries, sum;

	if (size < GAZ_HEADER || memcmp(m, GAZ_MAGIC, 8) != 0)
		return lede_errf(err, "%s is not a lede gazetteer file (bad magic); reinstall lede's data", path);
	memcpy(&marker, m + 8, 4);
	memcpy(&nslots, m + 12, 4);
	memcpy(&nentries, m + 16, 4);
	memcpy(&sum, m + 20, 4);
	if (marker != GAZ_MARKER)
		return lede_errf(err, "%s was written for another byte order", path);
	if (nslots < 16 || nslots > (1u << 26) || (nslots & (nslots - 1)) != 0 || nentries >= nslots)
		return lede_errf(err, "%s is damaged (table size %u, %u entries)", path, nslots, nentries);
	if (size != GAZ_HEADER + (size_t)nslots * 6)
		return lede_errf(err, "%s is damaged (%zu bytes, expected %zu)", path, size,
		    GAZ_HEADER + (size_t)nslots * 6);
	g->mask = nslots - 1;
	g->fp = (uint32_t *)(void *)(m + GAZ_HEADER);
	g->cls = (uint16_t *)(void *)(m + GAZ_HEADER + (size_t)nslots * 4);
	if ((g->bloom = calloc((size_t)1 << GAZ_BLOOM_BITS, sizeof *g->bloom)) == NULL)
		return lede_err_oom(err);
	if (sum_and_filter(g, m + GAZ_HEADER) != sum)
		return lede_errf(err, "%s is damaged (checksum mismatch)", path);
	return 0;
}

int
lede_gaz_load(struct lede_gaz **out, const char *path, struct lede_err *err)
{
	struct lede_gaz *g;
	unsigned char *m;
	size_t size;

	*out = NULL;
	if ((g = calloc(1, sizeof *g)) == NULL)
		return lede_err_oom(err);
	if (lede_data_read(path, &m, &size, err) != 0) {
		free(g);
		return -1;
	}
	g->mem = m;
	if (gaz_check(g, m, size, path, err) != 0) {
		lede_gaz_free(g);
		return -1;
	}
	*out = g;
	return 0;
}

void
lede_gaz_free(struct lede_gaz *g)
{
	if (g == NULL)
		return;
	free(g->bloom);
	free(g->mem);
	free(g);
}

static void
put(uint32_t *fp, uint16_t *cls, uint32_t mask, uint64_t key, uint16_t c, uint32_t *n)
{
	uint32_t f = fingerprint(key), i = (uint32_t)key & mask;

	while (fp[i] != 0 && fp[i] != f)
		i = (i + 1) & mask;
	if (fp[i] == 0) {
		fp[i] = f;
		(*n)++;
	}
	cls[i] |= c;
}

int
lede_gaz_compile(const char *txt_path, const char *out_path, struct lede_err *err)
{
	FILE *in, *out;
	char line[1024];
	struct lede_toks toks = { 0 };
	uint32_t nslots = 1u << 16, *fp, n = 0, marker = GAZ_MARKER, sum;
	uint16_t *cls;
	size_t lines = 0, i;
	int rc = -1;

	if ((in = fopen(txt_path, "r")) == NULL)
		return lede_errf(err, "cannot open %s: %s", txt_path, strerror(errno));
	while (fgets(line, sizeof line, in) != NULL)
		lines++;
	rewind(in);
	while (nslots < lines * 2 + 16)
		nslots <<= 1;
	fp = calloc(nslots, 4);
	cls = calloc(nslots, 2);
	if (fp == NULL || cls == NULL) {
		lede_err_oom(err);
		goto done;
	}
	while (fgets(line, sizeof line, in) != NULL) {
		char *tab = strchr(line, '\t'), *p;
		size_t len;
		uint16_t c = 0;
		uint64_t key = 0;

		if (tab == NULL)
			continue;
		for (p = line; p < tab; p++) {
			const char *at = strchr(GAZ_CLASSES, *p);
			if (at != NULL)
				c |= (uint16_t)(1u << (at - GAZ_CLASSES));
		}
		p = tab + 1;
		len = strcspn(p, "\r\n");
		if (c == 0 || len == 0 || lede_tokenize(p, len, &toks, err) != 0)
			continue;
		if (toks.n == 0 || toks.n > LEDE_GAZ_MAXWORDS)
			continue;
		for (i = 0; i < toks.n; i++) {
			uint64_t w = lede_gaz_word_key(p + toks.v[i].start, toks.v[i].end - toks.v[i].start);
			key = i == 0 ? w : lede_gaz_extend(key, w);
		}
		put(fp, cls, nslots - 1, key, c, &n);
	}
	if ((out = fopen(out_path, "wb")) == NULL) {
		lede_errf(err, "cannot write %s: %s", out_path, strerror(errno));
		goto done;
	}
	sum = LEDE_FNV32_BASIS;
	{
		const unsigned char *a = (const unsigned char *)fp, *b = (const unsigned char *)cls;
		size_t k;
		for (k = 0; k < (size_t)nslots * 4; k++)
			sum = (sum ^ a[k]) * LEDE_FNV32_PRIME;
		for (k = 0; k < (size_t)nslots * 2; k++)
			sum = (sum ^ b[k]) * LEDE_FNV32_PRIME;
	}
	fwrite(GAZ_MAGIC, 1, 8, out);
	fwrite(&marker, 4, 1, out);
	fwrite(&nslots, 4, 1, out);
	fwrite(&n, 4, 1, out);
	fwrite(&sum, 4, 1, out);
	fwrite(fp, 4, nslots, out);
	fwrite(cls, 2, nslots, out);
	if (fclose(out) != 0) {
		lede_errf(err, "cannot write %s", out_path);
		goto done;
	}
	rc = 0;
done:
	fclose(in);
	free(fp);
	free(cls);
	lede_toks_free(&toks);
	return rc;
}
