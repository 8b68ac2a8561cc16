/* Word lists for the tagger: first names, surnames, cities, countries,
 * regions, nationality words, role words and common small words, compiled
 * into one hashed table (data/gazetteers.bin) that loads with one read. */
#ifndef LEDE_GAZETTEER_H
#define LEDE_GAZETTEER_H

#include <stddef.h>
#include <stdint.h>

#include "lede/err.h"
#include "lede/tok.h"

enum {
	LEDE_GAZ_FIRST = 1u << 0,    /* given name */
	LEDE_GAZ_LAST = 1u << 1,     /* surname */
	LEDE_GAZ_CITY = 1u << 2,
	LEDE_GAZ_COUNTRY = 1u << 3,
	LEDE_GAZ_REGION = 1u << 4,   /* state, province, region */
	LEDE_GAZ_DEMONYM = 1u << 5,  /* French, Russians */
	LEDE_GAZ_COMMON = 1u << 6,   /* a word mostly written small in running text */
	LEDE_GAZ_TITLE = 1u << 7,    /* president, envoy, minister, Mr */
	LEDE_GAZ_CAPITAL = 1u << 8,  /* a national capital */
	LEDE_GAZ_BIGCITY = 1u << 9,  /* a city of 500,000 or more */
	LEDE_GAZ_NCLASS = 10,
};

#define LEDE_GAZ_MAXWORDS 5          /* longest phrase looked up, in tokens */

struct lede_gaz;

int lede_gaz_load(struct lede_gaz **out, const char *path, struct lede_err *err);
void lede_gaz_free(struct lede_gaz *g);

/* The hash of one token's folded form, and of a phrase grown by one token. */
uint64_t lede_gaz_word_key(const char *s, size_t n);
uint64_t lede_gaz_extend(uint64_t phrase, uint64_t word);
uint32_t lede_gaz_get(const struct lede_gaz *g, uint64_t key);

/* For each token: word[i] = classes of the token alone; phrase[i] = classes
 * of the longest phrase of 2+ tokens covering it, with LEDE_GAZ_PHRASE_B set
 * on the phrase's first token. keys[i] receives each token's word key. */
#define LEDE_GAZ_PHRASE_B (1u << 15)
void lede_gaz_tag(const struct lede_gaz *g, const char *text, const struct lede_toks *t,
    uint64_t *keys, uint16_t *word, uint16_t *phrase);
/* The phrase half of lede_gaz_tag, for callers that have the word keys;
 * returns how many phrases it found (0: phrase is all 0). */
size_t lede_gaz_phrases(const struct lede_gaz *g, const struct lede_toks *t, const uint64_t *keys,
    uint16_t *phrase);
/* The same, for callers that have listed the capitalised tokens (starts,
 * in order): only they can start a phrase. */
size_t lede_gaz_phrases_from(const struct lede_gaz *g, const struct lede_toks *t,
    const uint64_t *keys, const uint32_t *starts, size_t nstarts, uint16_t *phrase);

/* Compiles a text list ("CLASSES<TAB>phrase" lines, classes as letters
 * FLCKRDWTPB in bit order) into the binary table. Used by tools/train-ner. */
int lede_gaz_compile(const char *txt_path, const char *out_path, struct lede_err *err);

#endif
