/* The statistical people/places tagger: an averaged perceptron over hashed
 * features (word forms, shapes, affixes, neighbours, gazetteer classes,
 * previous tags), decoding greedily left to right with BIO constraints.
 * The weights live in data/ner.model; tools/train-ner makes it. */
#ifndef LEDE_NER_H
#define LEDE_NER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lede/err.h"
#include "lede/gazetteer.h"
#include "lede/tok.h"

enum lede_ner_tag {
	LEDE_NER_O, LEDE_NER_B_PER, LEDE_NER_I_PER, LEDE_NER_B_LOC, LEDE_NER_I_LOC,
	LEDE_NER_B_ORG, LEDE_NER_I_ORG, LEDE_NER_B_MISC, LEDE_NER_I_MISC,
	LEDE_NER_NTAGS,
};

/* Bumped whenever the features change, so an old model is refused. */
#define LEDE_NER_FEATURES_VERSION 3
#define LEDE_NER_MAXFEAT 56

struct lede_ner;

int lede_ner_load(struct lede_ner **out, const char *path, struct lede_err *err);
void lede_ner_free(struct lede_ner *m);

/* Per-token scratch for one paragraph, reused across paragraphs so the hot
 * loop never allocates. Zero-initialise, free with lede_ner_ctx_free. */
struct lede_ner_tokinfo {
	uint64_t word, shape, pre3, suf2, suf3, suf4;
	uint16_t gword, gphrase;
	uint8_t len;
	uint8_t sentfirst;           /* first word of its sentence */
	uint8_t capsent;             /* its sentence is written in capitals */
};

struct lede_ner_ctx {
	struct lede_ner_tokinfo *info;
	uint64_t *keys;
	uint16_t *gw, *gp;
	int32_t *margin;             /* the chosen tag's lead over the next, per token */
	size_t cap;
	struct lede_ner_memo *memo;  /* the tagger's per-word sums (ner.c) */
	struct lede_ner_words *words; /* what each word is alone (ner.c) */
	/* Set by a caller that reads nothing of info itself (only
	 * lede_ner_tag and lede_ner_features do): prepare may then leave
	 * info unfilled and hand the tagger word numbers instead. */
	bool lean;
	bool info_filled;            /* info holds the last prepare's tokens */
};

void lede_ner_ctx_free(struct lede_ner_ctx *c);

/* Fills ctx for the tokens of text. */
int lede_ner_prepare(struct lede_ner_ctx *c, const struct lede_gaz *g, const char *text,
    const struct lede_toks *t, struct lede_err *err);
/* The hashed features of token i given the two previous tags; returns how
 * many were written to out (at most LEDE_NER_MAXFEAT). */
size_t lede_ner_features(const struct lede_ner_ctx *c, const struct lede_toks *t, size_t i,
    int prev, int prev2, uint64_t *out);
/* Whether token i is worth scoring at all: small words far from names are O. */
bool lede_ner_gate(const struct lede_ner_ctx *c, const struct lede_toks *t, size_t i, int prev);
/* True when tag may follow prev (I-X only after B-X or I-X). */
bool lede_ner_allowed(int prev, int tag);

/* Tags every token (tags has t->n entries) and sets ctx->margin. ctx must
 * be prepared for t, and its info left as lede_ner_prepare made it: the
 * tagger finds each token's sums by the number prepare gave it. ctx keeps
 * sums of m's weights per word for the next calls, so m must not change
 * while ctx is in use with it (another m empties it). */
void lede_ner_tag(const struct lede_ner *m, struct lede_ner_ctx *c,
    const struct lede_toks *t, uint8_t *tags);

/* Writes a model from float weights laid out [bucket][tag]. */
int lede_ner_save(const char *path, const float *w, uint32_t nbuckets, struct lede_err *err);

#endif
