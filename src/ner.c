#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lede/buf.h"
#include "lede/ner.h"
#include "lede/text.h"

/* File layout, host byte order (checked by the marker):
 *   "LEDENER1" u32 marker, u32 features version, u32 nbuckets, u32 ntags,
 *   f32 scale, u32 checksum, i16 weight[nbuckets][ntags].
 * A weight is scale * the stored integer. */
#define NER_MAGIC "LEDENER1"
#define NER_MARKER 0x01020304u
#define NER_HEADER 32

struct lede_ner {
	uint32_t mask;
	const int16_t *w;
	void *mem;
};

int lede_data_read(const char *path, unsigned char **out, size_t *size, struct lede_err *err);

static uint32_t
fnv32(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ s[i]) * 16777619u;
	return h;
}

static uint64_t
mix(uint64_t x)
{
	x ^= x >> 31;
	x *= 0x7fb5d329728ea185ull;
	x ^= x >> 27;
	x *= 0x81dadef4bc2dd44dull;
	x ^= x >> 33;
	return x;
}

static uint64_t
hbytes(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ull;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3ull;
	return h ^ n;
}

int
lede_ner_load(struct lede_ner **out, const char *path, struct lede_err *err)
{
	struct lede_ner *m;
	unsigned char *mem;
	size_t size;
	uint32_t marker, version, nb, nt, sum;

	*out = NULL;
	if (lede_data_read(path, &mem, &size, err) != 0)
		return -1;
	if (size < NER_HEADER || memcmp(mem, NER_MAGIC, 8) != 0) {
		free(mem);
		return lede_errf(err, "%s is not a lede tagger model (bad magic); reinstall lede's data", path);
	}
	memcpy(&marker, mem + 8, 4);
	memcpy(&version, mem + 12, 4);
	memcpy(&nb, mem + 16, 4);
	memcpy(&nt, mem + 20, 4);
	memcpy(&sum, mem + 28, 4);
	if (marker != NER_MARKER || version != LEDE_NER_FEATURES_VERSION || nt != LEDE_NER_NTAGS ||
	    nb < 16 || nb > (1u << 24) || (nb & (nb - 1)) != 0 ||
	    size != NER_HEADER + (size_t)nb * nt * 2) {
		free(mem);
		return lede_errf(err, "%s is damaged or from another version of lede "
		    "(version %u, %u buckets, %u tags, %zu bytes)", path, version, nb, nt, size);
	}
	if (fnv32(mem + NER_HEADER, size - NER_HEADER) != sum) {
		free(mem);
		return lede_errf(err, "%s is damaged (checksum mismatch)", path);
	}
	if ((m = calloc(1, sizeof *m)) == NULL) {
		free(mem);
		return lede_err_oom(err);
	}
	m->mem = mem;
	m->mask = nb - 1;
	m->w = (const int16_t *)(const void *)(mem + NER_HEADER);
	*out = m;
	return 0;
}

void
lede_ner_free(struct lede_ner *m)
{
	if (m == NULL)
		return;
	free(m->mem);
	free(m);
}

int
lede_ner_save(const char *path, const float *w, uint32_t nb, struct lede_err *err)
{
	size_t n = (size_t)nb * LEDE_NER_NTAGS, i;
	int16_t *q;
	float maxw = 0, scale;
	uint32_t marker = NER_MARKER, version = LEDE_NER_FEATURES_VERSION, nt = LEDE_NER_NTAGS, sum;
	FILE *f;

	if ((q = malloc(n * sizeof *q)) == NULL)
		return lede_err_oom(err);
	for (i = 0; i < n; i++)
		if (fabsf(w[i]) > maxw)
			maxw = fabsf(w[i]);
	scale = maxw > 0 ? maxw / 32767.0f : 1.0f;
	for (i = 0; i < n; i++)
		q[i] = (int16_t)lrintf(w[i] / scale);
	sum = fnv32(q, n * sizeof *q);
	if ((f = fopen(path, "wb")) == NULL) {
		free(q);
		return lede_errf(err, "cannot write %s: %s", path, strerror(errno));
	}
	fwrite(NER_MAGIC, 1, 8, f);
	fwrite(&marker, 4, 1, f);
	fwrite(&version, 4, 1, f);
	fwrite(&nb, 4, 1, f);
	fwrite(&nt, 4, 1, f);
	fwrite(&scale, 4, 1, f);
	fwrite(&sum, 4, 1, f);
	fwrite(q, sizeof *q, n, f);
	free(q);
	if (fclose(f) != 0)
		return lede_errf(err, "cannot write %s", path);
	return 0;
}

void
lede_ner_ctx_free(struct lede_ner_ctx *c)
{
	free(c->info);
	free(c->keys);
	free(c->gw);
	free(c->gp);
	free(c->margin);
	memset(c, 0, sizeof *c);
}

static char
shape_class(uint32_t cp)
{
	if (cp >= '0' && cp <= '9')
		return 'd';
	if ((cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) ||
	    (cp >= 0x100 && cp <= 0x17F && !(cp & 1)))
		return 'X';
	if ((cp >= 'a' && cp <= 'z') || cp >= 0xDF)
		return cp == 0x2019 || cp == 0x2018 ? '\'' : cp >= 0x2010 && cp <= 0x2015 ? '-' : 'x';
	return (char)cp;
}

static void
token_info(struct lede_ner_tokinfo *ti, const char *s, size_t n, uint32_t flags, uint64_t key)
{
	char low[64], shp[16];
	size_t m, i = 0, a, k = 0;
	uint32_t cp;
	char prev = 0, c;

	m = lede_tok_lower(s, n, low, sizeof low);
	if (flags & LEDE_TOK_DIGIT) {
		for (i = 0; i < m; i++)
			if (low[i] >= '0' && low[i] <= '9')
				low[i] = '0';
		key = hbytes(low, m);
	}
	ti->word = key;
	/* short shape: runs of one class collapse ("Xx", "X.X.", "d.d") */
	for (i = 0; i < n && k < sizeof shp; i += a) {
		cp = lede_utf8_next(s + i, n - i, &a);
		c = shape_class(cp);
		if (c != prev)
			shp[k++] = c;
		prev = c;
	}
	ti->shape = hbytes(shp, k);
	ti->pre3 = hbytes(low, m < 3 ? m : 3);
	ti->suf2 = hbytes(low + (m > 2 ? m - 2 : 0), m < 2 ? m : 2);
	ti->suf3 = hbytes(low + (m > 3 ? m - 3 : 0), m < 3 ? m : 3);
	ti->suf4 = hbytes(low + (m > 4 ? m - 4 : 0), m < 4 ? m : 4);
	ti->len = (uint8_t)(n > 20 ? 20 : n);
}

int
lede_ner_prepare(struct lede_ner_ctx *c, const struct lede_gaz *g, const char *text,
    const struct lede_toks *t, struct lede_err *err)
{
	size_t i, s, e, caps, words;

	if (t->n > c->cap) {
		size_t cap = t->n + t->n / 2 + 16;
		void *a = realloc(c->info, cap * sizeof *c->info);
		if (a == NULL)
			return lede_err_oom(err);
		c->info = a;
		if ((a = realloc(c->keys, cap * sizeof *c->keys)) == NULL)
			return lede_err_oom(err);
		c->keys = a;
		if ((a = realloc(c->gw, cap * sizeof *c->gw)) == NULL)
			return lede_err_oom(err);
		c->gw = a;
		if ((a = realloc(c->gp, cap * sizeof *c->gp)) == NULL)
			return lede_err_oom(err);
		c->gp = a;
		if ((a = realloc(c->margin, cap * sizeof *c->margin)) == NULL)
			return lede_err_oom(err);
		c->margin = a;
		c->cap = cap;
	}
	lede_gaz_tag(g, text, t, c->keys, c->gw, c->gp);
	/* Only tokens near a capital can be scored (lede_ner_gate), and features
	 * look two tokens either way; the rest keep a cheap placeholder. */
	for (i = 0; i < t->n; i++) {
		struct lede_ner_tokinfo *ti = &c->info[i];
		size_t lo = i >= 3 ? i - 3 : 0, hi = i + 3 < t->n ? i + 3 : t->n - 1, k;
		bool near = false;
		for (k = lo; k <= hi && !near; k++)
			near = (t->v[k].flags & LEDE_TOK_UPPER) || c->gp[k] != 0;
		if (near)
			token_info(ti, text + t->v[i].start, t->v[i].end - t->v[i].start, t->v[i].flags,
			    c->keys[i]);
		else
			memset(ti, 0, sizeof *ti);
		ti->gword = c->gw[i];
		ti->gphrase = c->gp[i];
		ti->sentfirst = 0;
		ti->capsent = 0;
	}
	/* per sentence: its first word, and whether it is set in capitals */
	for (s = 0; s < t->n; s = e) {
		bool first = true;
		for (e = s + 1; e < t->n && !(t->v[e].flags & LEDE_TOK_SENT); e++)
			;
		caps = words = 0;
		for (i = s; i < e; i++) {
			uint32_t f = t->v[i].flags;
			if (!(f & LEDE_TOK_WORD))
				continue;
			if (first) {
				c->info[i].sentfirst = 1;
				first = false;
			}
			if (f & (LEDE_TOK_UPPER | LEDE_TOK_LOWER)) {
				words++;
				if (f & LEDE_TOK_ALLCAP)
					caps++;
			}
		}
		if (words >= 3 && caps * 5 >= words * 4)
			for (i = s; i < e; i++)
				c->info[i].capsent = 1;
	}
	return 0;
}

static uint64_t
capclass(const struct lede_toks *t, size_t i)
{
	uint32_t f;

	if (i >= t->n)
		return 0;
	f = t->v[i].flags;
	if (!(f & LEDE_TOK_WORD))
		return 1;
	if (f & LEDE_TOK_ALLCAP)
		return 2;
	if (f & LEDE_TOK_UPPER)
		return 3;
	return f & LEDE_TOK_LOWER ? 4 : 5;
}

static uint64_t
cap3(const struct lede_toks *t, size_t i)
{
	return (i > 0 ? capclass(t, i - 1) : 0) * 36 + capclass(t, i) * 6 + capclass(t, i + 1);
}

#define F(tmpl, v) (out[n++] = mix((uint64_t)(v) + (uint64_t)(tmpl) * 0x9E3779B97F4A7C15ull))

size_t
lede_ner_features(const struct lede_ner_ctx *c, const struct lede_toks *t, size_t i,
    int prev, int prev2, uint64_t *out)
{
	static const struct lede_ner_tokinfo none = { 1, 2, 3, 4, 5, 6, 0, 0, 0, 0, 0 };
	const struct lede_ner_tokinfo *w = &c->info[i];
	const struct lede_ner_tokinfo *p1 = i > 0 ? &c->info[i - 1] : &none;
	const struct lede_ner_tokinfo *p2 = i > 1 ? &c->info[i - 2] : &none;
	const struct lede_ner_tokinfo *n1 = i + 1 < t->n ? &c->info[i + 1] : &none;
	const struct lede_ner_tokinfo *n2 = i + 2 < t->n ? &c->info[i + 2] : &none;
	size_t n = 0, k;
	uint64_t sf = w->sentfirst, cs = w->capsent;

	F(1, 0);
	F(2, w->word);
	F(3, p1->word);
	F(4, n1->word);
	F(5, p2->word);
	F(6, n2->word);
	F(7, w->shape);
	F(8, p1->shape * 31 + w->shape);
	F(9, w->shape * 31 + n1->shape);
	F(10, w->pre3);
	F(11, w->suf2);
	F(12, w->suf3);
	F(13, w->suf4);
	F(14, sf * 7 + w->shape);
	F(15, sf * 7 + w->word);
	F(16, prev);
	F(17, prev * 16 + prev2);
	F(18, (uint64_t)prev * 0x1234567 + w->word);
	F(19, (uint64_t)prev * 0x1234567 + w->shape);
	F(20, w->gword);
	F(21, w->gphrase);
	F(22, p1->gword);
	F(23, n1->gword);
	F(24, p1->word * 31 + w->word);
	F(25, w->word * 31 + n1->word);
	F(26, cs * 65536 + w->gword);
	F(27, cs * 7 + w->shape);
	F(28, p1->word * 31 + w->shape);
	F(29, w->shape * 31 + n1->word);
	F(30, (uint64_t)w->len * 131 + w->shape);
	F(31, sf * 65536 + w->gword);
	F(32, (uint64_t)prev * 65536 + w->gword);
	F(33, (uint64_t)p1->gphrase * 65536 + w->gphrase);
	F(34, cs * 7 + w->word);
	F(35, cap3(t, i));
	F(36, p1->shape * 31 + n1->shape);
	F(37, w->gword * 65536ull + n1->word);
	F(38, p1->word * 65536ull + w->gword);
	F(39, p1->suf3 * 31 + w->shape);
	for (k = 0; k < LEDE_GAZ_NCLASS; k++)
		if (w->gword & (1u << k))
			F(40 + k, cs);
	return n;
}

bool
lede_ner_allowed(int prev, int tag)
{
	if (tag == LEDE_NER_O || (tag & 1))
		return true;    /* O and B-X go anywhere */
	return prev == tag || prev == tag - 1;
}

bool
lede_ner_gate(const struct lede_ner_ctx *c, const struct lede_toks *t, size_t i, int prev)
{
	uint32_t f = t->v[i].flags;

	if (!(f & LEDE_TOK_WORD))
		return false;
	/* "The", "But", "According" opening a sentence: small words, no names */
	if ((f & LEDE_TOK_SENT) && (c->gw[i] & LEDE_GAZ_COMMON) && !(c->gw[i] & (LEDE_GAZ_FIRST |
	    LEDE_GAZ_LAST | LEDE_GAZ_CITY | LEDE_GAZ_COUNTRY | LEDE_GAZ_REGION | LEDE_GAZ_DEMONYM)) &&
	    !(f & LEDE_TOK_ALLCAP) && c->gp[i] == 0 && !(i + 1 < t->n && (t->v[i + 1].flags & LEDE_TOK_UPPER)))
		return false;
	if (f & LEDE_TOK_UPPER)
		return true;
	if (c->gp[i] != 0 && prev != LEDE_NER_O)
		return true;
	return prev != LEDE_NER_O && i + 1 < t->n && (t->v[i + 1].flags & LEDE_TOK_UPPER);
}

void
lede_ner_tag(const struct lede_ner *m, struct lede_ner_ctx *c, const struct lede_toks *t,
    uint8_t *tags)
{
	uint64_t feats[LEDE_NER_MAXFEAT];
	int32_t score[LEDE_NER_NTAGS];
	size_t i, k, nf;
	int prev = LEDE_NER_O, prev2 = LEDE_NER_O, tag, best;
	int32_t lead;

	for (i = 0; i < t->n; i++) {
		if (t->v[i].flags & LEDE_TOK_SENT)
			prev = prev2 = LEDE_NER_O;
		best = LEDE_NER_O;
		if (lede_ner_gate(c, t, i, prev)) {
			nf = lede_ner_features(c, t, i, prev, prev2, feats);
			memset(score, 0, sizeof score);
			/* the rows are scattered over megabytes: ask for all of them
			 * before adding any, so the cache misses overlap */
			for (k = 0; k < nf; k++) {
				feats[k] = (feats[k] & m->mask) * LEDE_NER_NTAGS;
				__builtin_prefetch(m->w + feats[k]);
			}
			for (k = 0; k < nf; k++) {
				const int16_t *row = m->w + feats[k];
				for (tag = 0; tag < LEDE_NER_NTAGS; tag++)
					score[tag] += row[tag];
			}
			for (tag = 1; tag < LEDE_NER_NTAGS; tag++)
				if (lede_ner_allowed(prev, tag) && score[tag] > score[best])
					best = tag;
			lead = INT32_MAX;
			for (tag = 0; tag < LEDE_NER_NTAGS; tag++)
				if (tag != best && lede_ner_allowed(prev, tag) && score[best] - score[tag] < lead)
					lead = score[best] - score[tag];
		} else {
			lead = INT32_MAX;
		}
		c->margin[i] = lead;
		tags[i] = (uint8_t)best;
		prev2 = prev;
		prev = best;
	}
}
