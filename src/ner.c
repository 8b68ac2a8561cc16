#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "lede/buf.h"
#include "lede/bytes.h"
#include "lede/ner.h"
#include "lede/paths.h"
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
	if (lede_fnv32(mem + NER_HEADER, size - NER_HEADER) != sum) {
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
	sum = lede_fnv32(q, n * sizeof *q);
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
		if ((unsigned char)s[i] < 0x80) {
			cp = (unsigned char)s[i];
			a = 1;
		} else {
			cp = lede_utf8_next(s + i, n - i, &a);
		}
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

/* What the tagger knows of a word by itself: its gazetteer key and classes
 * and its token_info, by the word's bytes. Running text repeats a few
 * thousand words, so each is folded, shaped and looked up once per
 * document. The entries sit in one array in the order they came, found
 * through a hash index of their numbers, so that a token can be given its
 * word's number and the tagger read the word through it (no copy per
 * token). Bounded like the tagger's memo: a full table starts again, but
 * only between paragraphs, so the numbers handed out stay good. */
#define WORD_SLOT_BITS 13
#define WORD_SLOTS (1u << WORD_SLOT_BITS) /* index slots */
#define WORD_MAX (WORD_SLOTS / 4 * 3) /* entries at most, then it starts again */
#define WORD_MAXLEN 24               /* longer words are not indexed */

/* What a token takes from its word. */
struct word_ref {
	uint64_t key;                /* the gazetteer's */
	uint64_t tkey;               /* a token's tkey (below) with KEY_NEAR */
	uint32_t x;                  /* the entry's number */
	uint16_t gw;                 /* the gazetteer classes */
};

struct word_ent {
	struct word_ref r;
	/* token_info, with gword set and the per-token fields 0 */
	struct lede_ner_tokinfo ti;
};

/* A slot of the index holds the word's bytes and a copy of its ref, so
 * that a token's lookup reads one place. */
struct word_slot {
	uint64_t k[3];               /* the word's bytes, length, digit (word_bytes);
	                              * k[2] is 0 only in an empty slot */
	struct word_ref r;
	uint64_t pad[2];             /* to 64 bytes, a slot's address a shift away */
};

struct lede_ner_words {
	const struct lede_gaz *gaz;  /* whose classes gw are */
	struct word_ent *e;          /* n entries in the order they came */
	size_t n, cape;
	struct word_slot *slot;      /* the index, WORD_SLOTS of them */
	uint64_t gen;                /* how many times it started again */
	/* Per token of the last paragraph prepared, what makes its
	 * token_info: its word's serial << 19, whether it is near a capital,
	 * sentfirst, capsent and its gphrase. The tagger's memo is keyed on
	 * it: a number, cheaper to hash and compare than the token_info. A
	 * word's serial is gen << WORD_XBITS | its entry's number, so that it
	 * numbers a word once ever and still gives the entry. */
	uint64_t *tkey;
	size_t ntkey, captkey;
	/* The capitalised tokens, nup of them, when ctx->lean. */
	uint32_t *up;
	size_t capup, nup;
};

/* A tkey's bits below the serial; gphrase takes the 16 lowest. */
#define KEY_NEAR (1ull << 18)
#define KEY_SENTFIRST (1ull << 17)
#define KEY_CAPSENT (1ull << 16)
#define KEY_SERIAL 19                /* where the serial starts */
#define WORD_XBITS 13                /* a serial's bits for the entry's number */
#define WORD_SPARE ((1u << WORD_XBITS) - 1) /* the number of no entry */

_Static_assert(WORD_MAX < WORD_SPARE, "an entry's number fits in a serial");

/* The entry of the word of a token whose tkey is key. */
static inline uint32_t
key_entry(uint64_t key)
{
	return (uint32_t)(key >> KEY_SERIAL) & WORD_SPARE;
}

/* The first bytes of a word as integers, zero-padded (n < 24), and in
 * the last byte (never one of the word's) its length and whether it has a
 * digit: then a word is hashed and compared in three steps, not byte by
 * byte. Reads 8 bytes at a time as long as avail (the bytes readable from
 * s) allows, masking off those past the word. */
static inline void
word_bytes(const char *s, size_t n, size_t avail, unsigned digit, uint64_t k[3])
{
	/* the first n bytes of 8, in memory order */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	static const uint64_t keep[9] = { 0, 0xFFull << 56, 0xFFFFull << 48, 0xFFFFFFull << 40,
	    0xFFFFFFFFull << 32, 0xFFFFFFFFFFull << 24, 0xFFFFFFFFFFFFull << 16,
	    0xFFFFFFFFFFFFFFull << 8, ~0ull };
	const uint64_t last = n | digit << 7;
#else
	static const uint64_t keep[9] = { 0, 0xFF, 0xFFFF, 0xFFFFFF, 0xFFFFFFFF, 0xFFFFFFFFFF,
	    0xFFFFFFFFFFFF, 0xFFFFFFFFFFFFFF, ~0ull };
	const uint64_t last = (uint64_t)(n | digit << 7) << 56;
#endif
	size_t j, off, left;

	if (n <= 8 && avail >= 8) {
		/* most words */
		memcpy(&k[0], s, 8);
		k[0] &= keep[n];
		k[1] = 0;
		k[2] = last;
		return;
	}
	for (j = 0; j < 3; j++) {
		off = j * 8;
		k[j] = 0;
		if (off >= n)
			continue;
		left = n - off;
		if (off + 8 > avail) {
			memcpy(&k[j], s + off, left < 8 ? left : 8);
			continue;
		}
		memcpy(&k[j], s + off, 8);
		if (left < 8)
			k[j] &= keep[left];
	}
	k[2] |= last;
}

/* The word table's own hash, a slot's number (not a feature: any fair
 * hash does; a product's top bits are its best mixed). */
static inline uint32_t
word_hash(const uint64_t k[3])
{
	return (uint32_t)(((k[1] * 0xC2B2AE3D27D4EB4Full ^ k[0]) + k[2]) * 0x9E3779B97F4A7C15ull >>
	    (64 - WORD_SLOT_BITS));
}

static void
word_fill(struct word_ent *e, const struct lede_gaz *g, const char *s, size_t n, uint32_t flags)
{
	e->r.key = lede_gaz_word_key(s, n);
	e->r.gw = (uint16_t)lede_gaz_get(g, e->r.key);
	memset(&e->ti, 0, sizeof e->ti);
	token_info(&e->ti, s, n, flags, e->r.key);
	e->ti.gword = e->r.gw;
}

/* Empties the table; the serials go on, so the memo never mistakes a
 * word for one from before. */
static void
words_clear(struct lede_ner_words *w)
{
	w->gen++;
	memset(w->slot, 0, WORD_SLOTS * sizeof *w->slot);
	w->n = 0;
}

/* Makes room for one more entry; false when the table is full (or memory
 * short). All the room is taken at once: growing would copy. */
static bool
words_room(struct lede_ner_words *w)
{
	if (w->n >= WORD_MAX)
		return false;
	return w->cape > 0 || lede_grow(&w->e, &w->cape, WORD_MAX, sizeof *w->e);
}

/* A new entry for the word s (n bytes, flags its token's), indexed unless
 * it is too long (then only numbered); returns its ref, NULL when the
 * table is full. Out of line: a page's new words are few. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static const struct word_ref *
word_add(struct lede_ner_words *w, const struct lede_gaz *g, const char *s, size_t n,
    size_t avail, uint32_t flags)
{
	struct word_ent *e;
	struct word_slot *sl;
	uint64_t k[3];
	size_t i;

	if (!words_room(w))
		return NULL;
	e = &w->e[w->n];
	e->r.x = (uint32_t)w->n++;
	e->r.tkey = (w->gen << WORD_XBITS | e->r.x) << KEY_SERIAL | KEY_NEAR;
	word_fill(e, g, s, n, flags);
	if (n >= WORD_MAXLEN)
		return &e->r;
	word_bytes(s, n, avail, (flags & LEDE_TOK_DIGIT) != 0, k);
	for (i = word_hash(k) & (WORD_SLOTS - 1); w->slot[i].k[2] != 0; i = (i + 1) & (WORD_SLOTS - 1))
		;
	sl = &w->slot[i];
	memcpy(sl->k, k, sizeof k);
	sl->r = e->r;
	return &sl->r;
}

/* The ref of the word s (n bytes, avail of them readable), its entry made
 * if it is new; NULL when the table is full. Inlined: it runs for every
 * token. */
static inline const struct word_ref *
word_get(struct lede_ner_words *w, const struct lede_gaz *g, const char *s, size_t n,
    size_t avail, uint32_t flags)
{
	const struct word_slot *sl;
	uint64_t k[3];
	size_t i;

	if (n >= WORD_MAXLEN)
		return word_add(w, g, s, n, avail, flags);
	word_bytes(s, n, avail, (flags & LEDE_TOK_DIGIT) != 0, k);
	/* an empty slot never matches (k[2] holds the length), so it is
	 * only tested for after a miss */
	for (i = word_hash(k) & (WORD_SLOTS - 1);; i = (i + 1) & (WORD_SLOTS - 1)) {
		sl = &w->slot[i];
		if (sl->k[2] == k[2] && sl->k[0] == k[0] && sl->k[1] == k[1])
			return &sl->r;
		if (sl->k[2] == 0)
			break;
	}
	return word_add(w, g, s, n, avail, flags);
}

/* The word table for gazetteer g, emptied if it held another's classes;
 * NULL when memory is short (every word is then worked out afresh). */
static struct lede_ner_words *
words_for(struct lede_ner_ctx *c, const struct lede_gaz *g)
{
	struct lede_ner_words *w = c->words;

	if (w == NULL) {
		if ((w = calloc(1, sizeof *w)) == NULL)
			return NULL;
		if ((w->slot = calloc(WORD_SLOTS, sizeof *w->slot)) == NULL) {
			free(w);
			return NULL;
		}
		w->gaz = g;
		w->gen = 1;
		c->words = w;
	}
	if (w->gaz != g) {
		words_clear(w);
		w->gaz = g;
	}
	return w;
}

/* Marks the tokens s..e of a sentence as set in capitals when most of its
 * words (caps of nwords) are. */
static void
capitals(struct lede_ner_ctx *c, uint64_t *tkey, bool fill, size_t s, size_t e, size_t caps,
    size_t nwords)
{
	if (nwords >= 3 && caps * 5 >= nwords * 4)
		for (; s < e; s++) {
			if (fill)
				c->info[s].capsent = 1;
			if (tkey != NULL)
				tkey[s] |= KEY_CAPSENT;
		}
}

/* Room for n tokens' keys in w->tkey, or NULL (no keys: the tagger then
 * works every token out afresh). */
static uint64_t *
words_tkeys(struct lede_ner_words *w, size_t n)
{
	if (w == NULL)
		return NULL;
	w->ntkey = 0;
	if (n > w->captkey) {
		size_t cap = n + n / 2 + 16;
		free(w->tkey);
		if ((w->tkey = malloc(cap * sizeof *w->tkey)) == NULL) {
			w->captkey = 0;
			return NULL;
		}
		w->captkey = cap;
	}
	w->ntkey = n;
	return w->tkey;
}

/* Room for n tokens' in w->up, or NULL (then info is filled). */
static uint32_t *
words_up(struct lede_ner_words *w, size_t n)
{
	if (n > w->capup) {
		size_t cap = n + n / 2 + 16;
		free(w->up);
		if ((w->up = malloc(cap * sizeof *w->up)) == NULL) {
			w->capup = 0;
			return NULL;
		}
		w->capup = cap;
	}
	return w->up;
}

static int
ctx_room(struct lede_ner_ctx *c, size_t n, struct lede_err *err)
{
	size_t cap = n + n / 2 + 16;
	void *a;

	if (n <= c->cap)
		return 0;
	if ((a = realloc(c->info, cap * sizeof *c->info)) == NULL)
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
	return 0;
}

/* info as the features read it: the tokens far from any capital blanked
 * (only tokens near a capital can be scored, lede_ner_gate, and features
 * look two tokens either way; the trainer counts words on info, so the
 * blanks are kept as they were), and each token's gphrase. */
static void
fill_near(struct lede_ner_ctx *c, const struct lede_toks *t, uint64_t *tkey)
{
	const struct lede_tok *v = t->v;
	size_t i, k, n = t->n, near;

	/* the tokens before near are within 3 of a capital or phrase token */
	for (k = 0, near = 0; k < n && k < 3; k++)
		if ((v[k].flags & LEDE_TOK_UPPER) || c->gp[k] != 0)
			near = k + 4;
	for (i = 0; i < n; i++) {
		struct lede_ner_tokinfo *ti = &c->info[i];
		if (i + 3 < n && ((v[i + 3].flags & LEDE_TOK_UPPER) || c->gp[i + 3] != 0))
			near = i + 7;
		if (i >= near) {
			ti->word = ti->shape = ti->pre3 = ti->suf2 = ti->suf3 = ti->suf4 = 0;
			ti->len = 0;
			if (tkey != NULL)
				tkey[i] &= ~KEY_NEAR;
		}
		ti->gphrase = c->gp[i];
	}
}

/* The info of token j of the last paragraph prepared lean: its word's,
 * with the token's own fields. */
static void
lean_info(const struct lede_ner_ctx *c, size_t j, struct lede_ner_tokinfo *out)
{
	const struct lede_ner_words *w = c->words;
	uint64_t key = w->tkey[j];

	*out = w->e[key_entry(key)].ti;
	out->gphrase = (uint16_t)(key & 0xFFFF);
	out->sentfirst = (key & KEY_SENTFIRST) != 0;
	out->capsent = (key & KEY_CAPSENT) != 0;
}

/* What a token adds to its sentence's count (prepare_lean), by its
 * flags' low byte: a word with letters 1 (a letter makes UPPER or LOWER),
 * and one in capitals 1 << 32. */
#define WC1(f) ((uint64_t)(((f) & LEDE_TOK_ALLCAP) != 0) << 32 | \
	(((f) & (LEDE_TOK_UPPER | LEDE_TOK_LOWER)) != 0))
#define WC4(f) WC1(f), WC1((f) + 1), WC1((f) + 2), WC1((f) + 3)
#define WC16(f) WC4(f), WC4((f) + 4), WC4((f) + 8), WC4((f) + 12)
#define WC64(f) WC16(f), WC16((f) + 16), WC16((f) + 32), WC16((f) + 48)
static const uint64_t word_count[256] = { WC64(0), WC64(64), WC64(128), WC64(192) };

/* The per-token pass when info need not be filled (ctx->lean): each token
 * gets its word's number, gazetteer key and classes, and its tkey with
 * sentfirst and capsent. Returns false, having done nothing the fill pass
 * would not redo, when memory runs short. */
static bool
prepare_lean(struct lede_ner_ctx *c, struct lede_ner_words *w, const struct lede_gaz *g,
    const char *text, const struct lede_toks *t, uint64_t *tkey)
{
	const struct lede_tok *v = t->v;
	size_t i, s = 0, n = t->n, last = n > 0 ? v[n - 1].end : 0;
	uint64_t *keys = c->keys;
	uint16_t *gw = c->gw;
	uint32_t *up = w->up;
	size_t nup = 0;
	uint64_t count = 0;              /* capitals << 32 | words, of the sentence */
	bool first = true;

	for (i = 0; i < n; i++) {
		uint32_t f = v[i].flags, start = v[i].start;
		const struct word_ref *r;
		uint64_t key;

		/* words are read 8 bytes at a time up to the last token's end */
		r = word_get(w, g, text + start, v[i].end - start, last - start, f);
		if (r == NULL)
			return false;
		keys[i] = r->key;
		gw[i] = r->gw;
		key = r->tkey;
		/* per sentence (s its first token): its first word, and
		 * whether it is set in capitals */
		if (f & LEDE_TOK_SENT) {
			capitals(c, tkey, false, s, i, count >> 32, count & 0xFFFFFFFF);
			s = i;
			first = true;
			count = 0;
		}
		if (first && (f & LEDE_TOK_WORD)) {
			first = false;
			key |= KEY_SENTFIRST;
		}
		tkey[i] = key;
		count += word_count[f & 0xFF];
		/* the list of capitals, for the phrases */
		up[nup] = (uint32_t)i;
		nup += (f & LEDE_TOK_UPPER) != 0;
	}
	capitals(c, tkey, false, s, n, count >> 32, count & 0xFFFFFFFF);
	w->nup = nup;
	return true;
}

/* The per-token pass that fills info (and tkey, when there is one). */
static void
prepare_fill(struct lede_ner_ctx *c, struct lede_ner_words *words, const struct lede_gaz *g,
    const char *text, const struct lede_toks *t, uint64_t *tkey)
{
	const struct lede_tok *v = t->v;
	struct word_ent spare;
	const struct word_ref *r;
	const struct word_ent *we;
	size_t i, s = 0, n = t->n, last = n > 0 ? v[n - 1].end : 0, caps = 0, nwords = 0;
	bool first = true;

	for (i = 0; i < n; i++) {
		const char *w = text + v[i].start;
		size_t len = v[i].end - v[i].start;
		uint32_t f = v[i].flags;

		r = words != NULL ? word_get(words, g, w, len, last - v[i].start, f) : NULL;
		if (r == NULL && words != NULL) {
			/* full: no number is in use, it may start again */
			words_clear(words);
			r = word_get(words, g, w, len, last - v[i].start, f);
		}
		if (r != NULL) {
			we = &words->e[r->x];
		} else {
			/* no memory: a number of its own, the memo never finds
			 * it again */
			word_fill(&spare, g, w, len, f);
			spare.r.tkey = KEY_NEAR;
			if (words != NULL) {
				/* a generation of its own */
				words->gen++;
				spare.r.tkey |= (words->gen++ << WORD_XBITS | WORD_SPARE) << KEY_SERIAL;
			}
			we = &spare;
		}
		c->keys[i] = we->r.key;
		c->gw[i] = we->r.gw;
		c->info[i] = we->ti;
		if (tkey != NULL)
			tkey[i] = we->r.tkey;
		if (i == 0 || (f & LEDE_TOK_SENT)) {
			capitals(c, tkey, true, s, i, caps, nwords);
			s = i;
			first = true;
			caps = nwords = 0;
		}
		if (!(f & LEDE_TOK_WORD))
			continue;
		if (first) {
			first = false;
			c->info[i].sentfirst = 1;
			if (tkey != NULL)
				tkey[i] |= KEY_SENTFIRST;
		}
		if (f & (LEDE_TOK_UPPER | LEDE_TOK_LOWER)) {
			nwords++;
			if (f & LEDE_TOK_ALLCAP)
				caps++;
		}
	}
	capitals(c, tkey, true, s, n, caps, nwords);
}

/* Adds each token's gphrase to its tkey. A phrase token is in the run
 * of phrase tokens from the capital that starts its phrase, so only the
 * runs from the capitals (up, nup of them) are walked, each up to the
 * next capital. */
static void
phrase_keys(const uint16_t *gp, size_t n, const uint32_t *up, size_t nup, uint64_t *tkey)
{
	size_t k, j, end;

	for (k = 0; k < nup; k++) {
		end = k + 1 < nup ? up[k + 1] : n;
		for (j = up[k]; j < end && gp[j] != 0; j++)
			tkey[j] |= gp[j];
	}
}

int
lede_ner_prepare(struct lede_ner_ctx *c, const struct lede_gaz *g, const char *text,
    const struct lede_toks *t, struct lede_err *err)
{
	struct lede_ner_words *words;
	uint64_t *tkey;
	size_t i, n = t->n;
	bool fill = true;

	if (ctx_room(c, n, err) != 0)
		return -1;
	words = words_for(c, g);
	tkey = words_tkeys(words, n);
	/* Numbers handed out stay good only if the table does not start
	 * again within the paragraph: it starts again before, if need be,
	 * and a paragraph too long for it has its info filled instead. */
	if (c->lean && tkey != NULL && n <= WORD_MAX) {
		if (words->n + n > WORD_MAX)
			words_clear(words);
		if (words_up(words, n) != NULL)
			fill = !prepare_lean(c, words, g, text, t, tkey);
	}
	if (fill)
		prepare_fill(c, words, g, text, t, tkey);
	if (fill) {
		if (lede_gaz_phrases(g, t, c->keys, c->gp) > 0 && tkey != NULL)
			for (i = 0; i < n; i++)
				tkey[i] |= c->gp[i];
	} else if (lede_gaz_phrases_from(g, t, c->keys, words->up, words->nup, c->gp) > 0) {
		phrase_keys(c->gp, n, words->up, words->nup, tkey);
	}
	if (fill)
		fill_near(c, t, tkey);
	c->info_filled = fill;
	return 0;
}

static inline uint64_t
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

static inline uint64_t
cap3(const struct lede_toks *t, size_t i)
{
	return (i > 0 ? capclass(t, i - 1) : 0) * 36 + capclass(t, i) * 6 + capclass(t, i + 1);
}

#define F(tmpl, v) (out[n++] = mix((uint64_t)(v) + (uint64_t)(tmpl) * 0x9E3779B97F4A7C15ull))

static const struct lede_ner_tokinfo none = { 1, 2, 3, 4, 5, 6, 0, 0, 0, 0, 0 };

/* The features that depend on one token alone, seen at position pos (-2..2)
 * from the token being scored. They are most of the features, and the same
 * word in the same place always gives the same ones, so the tagger sums
 * their weights once per word (struct memo). */
static size_t
word_features(const struct lede_ner_tokinfo *x, int pos, uint64_t *out)
{
	size_t n = 0, k;
	uint64_t sf = x->sentfirst, cs = x->capsent;

	switch (pos) {
	case -2:
		F(5, x->word);
		break;
	case -1:
		F(3, x->word);
		F(22, x->gword);
		break;
	case 1:
		F(4, x->word);
		F(23, x->gword);
		break;
	case 2:
		F(6, x->word);
		break;
	default:
		F(1, 0);
		F(2, x->word);
		F(7, x->shape);
		F(10, x->pre3);
		F(11, x->suf2);
		F(12, x->suf3);
		F(13, x->suf4);
		F(14, sf * 7 + x->shape);
		F(15, sf * 7 + x->word);
		F(20, x->gword);
		F(21, x->gphrase);
		F(26, cs * 65536 + x->gword);
		F(27, cs * 7 + x->shape);
		F(30, (uint64_t)x->len * 131 + x->shape);
		F(31, sf * 65536 + x->gword);
		F(34, cs * 7 + x->word);
		for (k = 0; k < LEDE_GAZ_NCLASS; k++)
			if (x->gword & (1u << k))
				F(40 + k, cs);
		break;
	}
	return n;
}

/* The features that join two tokens (w, the one before p1 and the one
 * after n1), or a token and the previous tags. */
static size_t
pair_features(const struct lede_toks *t, size_t i, const struct lede_ner_tokinfo *p1,
    const struct lede_ner_tokinfo *w, const struct lede_ner_tokinfo *n1, int prev, int prev2,
    uint64_t *out)
{
	size_t n = 0;

	F(8, p1->shape * 31 + w->shape);
	F(9, w->shape * 31 + n1->shape);
	F(16, prev);
	F(17, prev * 16 + prev2);
	F(18, (uint64_t)prev * 0x1234567 + w->word);
	F(19, (uint64_t)prev * 0x1234567 + w->shape);
	F(24, p1->word * 31 + w->word);
	F(25, w->word * 31 + n1->word);
	F(28, p1->word * 31 + w->shape);
	F(29, w->shape * 31 + n1->word);
	F(32, (uint64_t)prev * 65536 + w->gword);
	F(33, (uint64_t)p1->gphrase * 65536 + w->gphrase);
	F(35, cap3(t, i));
	F(36, p1->shape * 31 + n1->shape);
	F(37, w->gword * 65536ull + n1->word);
	F(38, p1->word * 65536ull + w->gword);
	F(39, p1->suf3 * 31 + w->shape);
	return n;
}

/* The info of token j, or of the stand-in past either end; buf holds it
 * when info was not filled. */
static const struct lede_ner_tokinfo *
info_at(const struct lede_ner_ctx *c, const struct lede_toks *t, size_t j,
    struct lede_ner_tokinfo *buf)
{
	/* j wraps past SIZE_MAX before the first token */
	if (j >= t->n)
		return &none;
	if (c->info_filled)
		return &c->info[j];
	lean_info(c, j, buf);
	return buf;
}

size_t
lede_ner_features(const struct lede_ner_ctx *c, const struct lede_toks *t, size_t i,
    int prev, int prev2, uint64_t *out)
{
	struct lede_ner_tokinfo buf[5];
	const struct lede_ner_tokinfo *x[5];
	size_t n = 0;
	int pos;

	for (pos = -2; pos <= 2; pos++) {
		x[pos + 2] = info_at(c, t, i + (size_t)(ptrdiff_t)pos, &buf[pos + 2]);
		n += word_features(x[pos + 2], pos, out + n);
	}
	return n + pair_features(t, i, x[1], x[2], x[3], prev, prev2, out + n);
}

/* The tags allowed after prev, a bit each (as lede_ner_allowed): O and
 * every B-X, and the I-X of prev's own kind (B-X is odd, I-X = B-X + 1). */
static inline unsigned
allowed_after(int prev)
{
	unsigned any = 1u << LEDE_NER_O | 1u << LEDE_NER_B_PER | 1u << LEDE_NER_B_LOC |
	    1u << LEDE_NER_B_ORG | 1u << LEDE_NER_B_MISC;

	return prev == LEDE_NER_O ? any : any | 1u << (prev + (prev & 1));
}

bool
lede_ner_allowed(int prev, int tag)
{
	if (tag == LEDE_NER_O || (tag & 1))
		return true;    /* O and B-X go anywhere */
	return prev == tag || prev == tag - 1;
}

static inline bool
gate(const struct lede_ner_ctx *c, const struct lede_toks *t, size_t i, int prev)
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

bool
lede_ner_gate(const struct lede_ner_ctx *c, const struct lede_toks *t, size_t i, int prev)
{
	return gate(c, t, i, prev);
}

/* Per-word sums of the word_features weights, one row per position. The
 * table is bounded: when it fills up it starts again empty, so a page of
 * any vocabulary costs the same memory. Sums of integers are exact, so the
 * scores are the same as adding the features one by one. */
#define MEMO_MIN 256                 /* slots at first; the table doubles */
#define MEMO_MAX 4096                /* then starts again empty */
#define NCAP3 216                    /* values of cap3 */

struct memo_ent {
	struct lede_ner_tokinfo ti;
	uint8_t have;                /* bit pos+2: sum[pos+2] is filled */
	uint16_t have_prev;          /* bit p: cur[p] is filled */
	int32_t sum[5][LEDE_NER_NTAGS];
	/* the word scored itself after the tag p: sum[2] and the features
	 * that join the previous tag to the word (pair_features 18, 19, 32) */
	int32_t cur[LEDE_NER_NTAGS][LEDE_NER_NTAGS];
};

/* The index holds the keys, so that only they need clearing: the entries
 * are big, and zeroing them cost more than filling them. */
struct memo_slot {
	uint64_t key;                /* the token's tkey; 0: an empty slot */
	uint32_t x;                  /* its entry's number */
};

struct lede_ner_memo {
	const struct lede_ner *model;    /* whose weights the sums are */
	size_t n, cap, cape;             /* entries, slots, room for entries */
	struct memo_slot *slot;
	struct memo_ent *e;              /* in the order they came */
	/* what depends on the previous tags alone (pair_features 16, 17) */
	int32_t trans[LEDE_NER_NTAGS][LEDE_NER_NTAGS][LEDE_NER_NTAGS];
	uint32_t cap3row[NCAP3];         /* the weight row of pair_features 35 */
	uint32_t nophrase;               /* that of 33 between tokens in no phrase */
};

/* The offset of feature hash f's weight row. */
static inline uint32_t
row_of(const struct lede_ner *m, uint64_t f)
{
	return (uint32_t)(f & m->mask) * LEDE_NER_NTAGS;
}

/* Adds the weights of the n features in feats (hashes) to score. */
static void
add_weights(const struct lede_ner *m, uint64_t *feats, size_t n, int32_t *score)
{
	size_t k;
	int tag;

	/* the rows are scattered over megabytes: ask for all of them before
	 * adding any, so the cache misses overlap */
	for (k = 0; k < n; k++) {
		feats[k] = row_of(m, feats[k]);
		__builtin_prefetch(m->w + feats[k]);
	}
	for (k = 0; k < n; k++) {
		const int16_t *row = m->w + feats[k];
		for (tag = 0; tag < LEDE_NER_NTAGS; tag++)
			score[tag] += row[tag];
	}
}

/* Nine tags' scores are added four at a time with SSE2 (every x86-64),
 * tag by tag elsewhere: the sums are the same. */
#ifdef __SSE2__
/* Adds the weight rows at offsets rows[0..n) to score. */
static inline void
add_rows(const int16_t *w, const uint32_t *rows, size_t n, int32_t *score)
{
	__m128i lo = _mm_setzero_si128(), hi = _mm_setzero_si128();
	int32_t last = 0;
	size_t k;

	for (k = 0; k < n; k++) {
		const int16_t *r = w + rows[k];
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)r);
		/* each weight into the top half of a 32-bit lane, then shifted
		 * down with its sign */
		lo = _mm_add_epi32(lo, _mm_srai_epi32(_mm_unpacklo_epi16(x, x), 16));
		hi = _mm_add_epi32(hi, _mm_srai_epi32(_mm_unpackhi_epi16(x, x), 16));
		last += r[8];
	}
	_mm_storeu_si128((__m128i *)(void *)score,
	    _mm_add_epi32(_mm_loadu_si128((const __m128i *)(const void *)score), lo));
	_mm_storeu_si128((__m128i *)(void *)(score + 4),
	    _mm_add_epi32(_mm_loadu_si128((const __m128i *)(const void *)(score + 4)), hi));
	score[8] += last;
}

static inline void
add_sum(int32_t *score, const int32_t *sum)
{
	_mm_storeu_si128((__m128i *)(void *)score,
	    _mm_add_epi32(_mm_loadu_si128((const __m128i *)(const void *)score),
	    _mm_loadu_si128((const __m128i *)(const void *)sum)));
	_mm_storeu_si128((__m128i *)(void *)(score + 4),
	    _mm_add_epi32(_mm_loadu_si128((const __m128i *)(const void *)(score + 4)),
	    _mm_loadu_si128((const __m128i *)(const void *)(sum + 4))));
	score[8] += sum[8];
}
#else
static inline void
add_rows(const int16_t *w, const uint32_t *rows, size_t n, int32_t *score)
{
	size_t k;
	int tag;

	for (k = 0; k < n; k++)
		for (tag = 0; tag < LEDE_NER_NTAGS; tag++)
			score[tag] += w[rows[k] + tag];
}

static inline void
add_sum(int32_t *score, const int32_t *sum)
{
	int tag;

	for (tag = 0; tag < LEDE_NER_NTAGS; tag++)
		score[tag] += sum[tag];
}
#endif

/* The summed word_features weights of x at position pos. */
static void
word_sum(const struct lede_ner *m, const struct lede_ner_tokinfo *x, int pos,
    int32_t sum[LEDE_NER_NTAGS])
{
	uint64_t feats[LEDE_NER_MAXFEAT];

	memset(sum, 0, LEDE_NER_NTAGS * sizeof *sum);
	add_weights(m, feats, word_features(x, pos, feats), sum);
}

#define NONE_KEY 1                   /* the stand-in past either end: no word is number 0 */

static size_t
memo_hash(uint64_t key)
{
	return (size_t)((key * 0x9E3779B97F4A7C15ull) >> 32);
}

static void
memo_clear(struct lede_ner_memo *memo)
{
	memset(memo->slot, 0, memo->cap * sizeof *memo->slot);
	memo->n = 0;
}

/* Makes room for one more word, as words_room does; false when memory is
 * short. */
static bool
memo_room(struct lede_ner_memo *memo)
{
	struct memo_slot *bigger;
	size_t i, j, cap = memo->cap * 2;

	if (memo->n + 1 > memo->cap / 4 * 3) {
		if (cap > MEMO_MAX || (bigger = calloc(cap, sizeof *bigger)) == NULL) {
			memo_clear(memo);
		} else {
			for (i = 0; i < memo->cap; i++) {
				if (memo->slot[i].key == 0)
					continue;
				for (j = memo_hash(memo->slot[i].key) & (cap - 1); bigger[j].key != 0;
				    j = (j + 1) & (cap - 1))
					;
				bigger[j] = memo->slot[i];
			}
			free(memo->slot);
			memo->slot = bigger;
			memo->cap = cap;
		}
	}
	/* all the room at once (not zeroed): growing would copy */
	return memo->cape > 0 || lede_grow(&memo->e, &memo->cape, MEMO_MAX / 4 * 3, sizeof *memo->e);
}

/* A new entry for key, whose token_info is x; NULL when memory is short. */
static struct memo_ent *
memo_add(struct lede_ner_memo *memo, uint64_t key, const struct lede_ner_tokinfo *x)
{
	struct memo_ent *e;
	size_t i;

	if (!memo_room(memo))
		return NULL;
	for (i = memo_hash(key) & (memo->cap - 1); memo->slot[i].key != 0; i = (i + 1) & (memo->cap - 1))
		;
	memo->slot[i].key = key;
	memo->slot[i].x = (uint32_t)memo->n;
	e = &memo->e[memo->n++];
	e->have = 0;
	e->have_prev = 0;
	e->ti = *x;
	return e;
}

/* The entry of the token at offset pos from i (or of the stand-in past
 * either end), made if new; NULL when memory is short. Valid until the
 * next call. */
static inline struct memo_ent *
memo_at(struct lede_ner_memo *memo, const struct lede_ner_ctx *c, const struct lede_toks *t,
    size_t i, int pos)
{
	struct lede_ner_tokinfo buf;
	uint64_t key = NONE_KEY, k;
	size_t h, j = i + (size_t)(ptrdiff_t)pos;

	/* j wraps past SIZE_MAX before the first token */
	if (j < t->n)
		key = c->words->tkey[j];
	for (h = memo_hash(key) & (memo->cap - 1); (k = memo->slot[h].key) != 0; h = (h + 1) & (memo->cap - 1))
		if (k == key)
			return &memo->e[memo->slot[h].x];
	return memo_add(memo, key, info_at(c, t, j, &buf));
}

/* e's summed word_features weights at position pos. */
static const int32_t *
memo_sum(const struct lede_ner *m, struct memo_ent *e, int pos)
{
	if (!(e->have & (1u << (pos + 2)))) {
		word_sum(m, &e->ti, pos, e->sum[pos + 2]);
		e->have |= (uint8_t)(1u << (pos + 2));
	}
	return e->sum[pos + 2];
}

/* e's own weights as the token scored, after the tag prev. */
static const int32_t *
memo_cur(const struct lede_ner *m, struct memo_ent *e, int prev)
{
	if (!(e->have_prev & (1u << prev))) {
		const struct lede_ner_tokinfo *w = &e->ti;
		uint64_t feats[3], *out = feats;
		size_t n = 0;

		F(18, (uint64_t)prev * 0x1234567 + w->word);
		F(19, (uint64_t)prev * 0x1234567 + w->shape);
		F(32, (uint64_t)prev * 65536 + w->gword);
		memcpy(e->cur[prev], memo_sum(m, e, 0), sizeof e->cur[prev]);
		add_weights(m, feats, n, e->cur[prev]);
		e->have_prev |= (uint16_t)(1u << prev);
	}
	return e->cur[prev];
}

/* The weights that depend on the model alone, worked out when the memo is
 * given a model. */
static void
memo_model(struct lede_ner_memo *memo, const struct lede_ner *m)
{
	uint64_t feats[2], *out;
	size_t n, k;
	int prev, prev2;

	for (prev = 0; prev < LEDE_NER_NTAGS; prev++)
		for (prev2 = 0; prev2 < LEDE_NER_NTAGS; prev2++) {
			out = feats;
			n = 0;
			F(16, prev);
			F(17, prev * 16 + prev2);
			memset(memo->trans[prev][prev2], 0, sizeof memo->trans[prev][prev2]);
			add_weights(m, feats, n, memo->trans[prev][prev2]);
		}
	for (k = 0; k < NCAP3; k++) {
		out = feats;
		n = 0;
		F(35, k);
		memo->cap3row[k] = row_of(m, feats[0]);
	}
	out = feats;
	n = 0;
	F(33, 0);
	memo->nophrase = row_of(m, feats[0]);
	memo->model = m;
}

/* The memo for model m, empty if it held another model's sums; NULL when
 * memory is short (the tagger then sums every token afresh). */
static struct lede_ner_memo *
memo_for(struct lede_ner_ctx *c, const struct lede_ner *m)
{
	struct lede_ner_memo *memo = c->memo;

	if (memo == NULL) {
		if ((memo = calloc(1, sizeof *memo)) == NULL)
			return NULL;
		if ((memo->slot = calloc(MEMO_MIN, sizeof *memo->slot)) == NULL) {
			free(memo);
			return NULL;
		}
		memo->cap = MEMO_MIN;
		memo_model(memo, m);
		c->memo = memo;
	}
	if (memo->model != m) {
		memo_clear(memo);
		memo_model(memo, m);
	}
	return memo;
}

/* The info of token j's word (gword and all but the per-token fields), or
 * the stand-in past either end. */
static inline const struct lede_ner_tokinfo *
word_at(const struct lede_ner_ctx *c, const struct lede_toks *t, size_t j)
{
	if (j >= t->n)
		return &none;
	if (c->info_filled)
		return &c->info[j];
	return &c->words->e[key_entry(c->words->tkey[j])].ti;
}

/* The offsets of the weight rows of the features that join token i to its
 * neighbours, which the previous tags do not change: pair_features but 16,
 * 17 (memo->trans) and 18, 19, 32 (memo_cur). Returns how many. */
static size_t
pair_rows(const struct lede_ner *m, const struct lede_ner_memo *memo,
    const struct lede_ner_ctx *c, const struct lede_toks *t, size_t i, uint32_t *rows)
{
	/* the words' own info, read in place; gphrase is per token (gp) */
	const struct lede_ner_tokinfo *w = word_at(c, t, i);
	const struct lede_ner_tokinfo *p1 = word_at(c, t, i - 1);
	const struct lede_ner_tokinfo *n1 = word_at(c, t, i + 1);
	uint64_t gp1 = i > 0 ? c->gp[i - 1] : 0, gp = c->gp[i];
	size_t n = 0;

	/* F, but straight to the row, fetched early: the rows are scattered
	 * over megabytes, and their cache misses overlap */
#define R(tmpl, v) (rows[n] = row_of(m, mix((uint64_t)(v) + (uint64_t)(tmpl) * 0x9E3779B97F4A7C15ull)), \
	__builtin_prefetch(m->w + rows[n]), n++)
	R(8, p1->shape * 31 + w->shape);
	R(9, w->shape * 31 + n1->shape);
	R(24, p1->word * 31 + w->word);
	R(25, w->word * 31 + n1->word);
	R(28, p1->word * 31 + w->shape);
	R(29, w->shape * 31 + n1->word);
	if (gp1 == 0 && gp == 0)
		rows[n++] = memo->nophrase;  /* most tokens, outside any phrase */
	else
		R(33, gp1 * 65536 + gp);
	R(36, p1->shape * 31 + n1->shape);
	R(37, w->gword * 65536ull + n1->word);
	R(38, p1->word * 65536ull + w->gword);
	R(39, p1->suf3 * 31 + w->shape);
#undef R
	rows[n++] = memo->cap3row[cap3(t, i)];
	return n;
}

/* The scores of token i's tags, without a memo: every feature afresh. */
static void
score_plain(const struct lede_ner *m, const struct lede_ner_ctx *c, const struct lede_toks *t,
    size_t i, int prev, int prev2, int32_t *score)
{
	uint64_t feats[LEDE_NER_MAXFEAT];

	memset(score, 0, LEDE_NER_NTAGS * sizeof *score);
	add_weights(m, feats, lede_ner_features(c, t, i, prev, prev2, feats), score);
}

/* The scores of token i's tags from the memo: the five words' sums, the
 * previous tags' row and the rows that join i to its neighbours. False
 * when memory is short. */
static bool
score_memo(const struct lede_ner *m, struct lede_ner_memo *memo, const struct lede_ner_ctx *c,
    const struct lede_toks *t, size_t i, int prev, int prev2, int32_t *score)
{
	int32_t s[LEDE_NER_NTAGS];
	uint32_t rows[12];
	struct memo_ent *e;
	int pos;

	if ((e = memo_at(memo, c, t, i, 0)) == NULL)
		return false;
	memcpy(s, memo_cur(m, e, prev), sizeof s);
	for (pos = -2; pos <= 2; pos++) {
		if (pos == 0)
			continue;
		if ((e = memo_at(memo, c, t, i, pos)) == NULL)
			return false;
		add_sum(s, memo_sum(m, e, pos));
	}
	add_sum(s, memo->trans[prev][prev2]);
	add_rows(m->w, rows, pair_rows(m, memo, c, t, i, rows), s);
	memcpy(score, s, sizeof s);
	return true;
}

void
lede_ner_tag(const struct lede_ner *m, struct lede_ner_ctx *c, const struct lede_toks *t,
    uint8_t *tags)
{
	int32_t score[LEDE_NER_NTAGS];
	struct lede_ner_memo *memo = memo_for(c, m);
	const uint32_t *up = NULL;
	size_t i, u = 0, nup = 0, to;
	int prev = LEDE_NER_O, prev2 = LEDE_NER_O, tag, best;
	int32_t lead, top, next;

	/* the memo is keyed on what lede_ner_prepare numbered */
	if (c->words == NULL || c->words->ntkey != t->n || t->n == 0)
		memo = NULL;
	/* a lean prepare listed the capitals */
	if (memo != NULL && !c->info_filled) {
		up = c->words->up;
		nup = c->words->nup;
	}
	for (i = 0; i < t->n; i++) {
		if (prev == LEDE_NER_O) {
			/* after O only a capitalised word passes the gate: the
			 * words up to the next one are O, without asking */
			if (up != NULL) {
				while (u < nup && up[u] < i)
					u++;
				to = u < nup ? up[u] : t->n;
			} else {
				for (to = i; to < t->n && !(t->v[to].flags & LEDE_TOK_UPPER); to++)
					;
			}
			if (to > i) {
				memset(tags + i, LEDE_NER_O, to - i);
				for (; i < to; i++)
					c->margin[i] = INT32_MAX;
				prev2 = LEDE_NER_O;
			}
			if (i == t->n)
				break;
		}
		if (t->v[i].flags & LEDE_TOK_SENT)
			prev = prev2 = LEDE_NER_O;
		best = LEDE_NER_O;
		lead = INT32_MAX;
		if (gate(c, t, i, prev)) {
			unsigned ok = allowed_after(prev);
			if (memo == NULL || !score_memo(m, memo, c, t, i, prev, prev2, score))
				score_plain(m, c, t, i, prev, prev2, score);
			/* the best allowed tag (the first of equals) and its lead
			 * over the next best, in one pass; O is always allowed */
			top = score[0];
			next = INT32_MIN;
			for (tag = 1; tag < LEDE_NER_NTAGS; tag++) {
				if (!(ok >> tag & 1))
					continue;
				if (score[tag] > top) {
					next = top;
					top = score[tag];
					best = tag;
				} else if (score[tag] > next) {
					next = score[tag];
				}
			}
			lead = top - next;
		}
		c->margin[i] = lead;
		tags[i] = (uint8_t)best;
		prev2 = prev;
		prev = best;
	}
}

void
lede_ner_ctx_free(struct lede_ner_ctx *c)
{
	free(c->info);
	free(c->keys);
	free(c->gw);
	free(c->gp);
	free(c->margin);
	if (c->memo != NULL) {
		free(c->memo->e);
		free(c->memo->slot);
	}
	free(c->memo);
	if (c->words != NULL) {
		free(c->words->e);
		free(c->words->slot);
		free(c->words->tkey);
		free(c->words->up);
	}
	free(c->words);
	memset(c, 0, sizeof *c);
}
