/* Tokens and sentences of one paragraph, for the people and places tagger.
 * Tokens point into the text by byte offset; nothing is copied, so a
 * paragraph of any size costs one array of small structs. */
#ifndef LEDE_TOK_H
#define LEDE_TOK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lede/err.h"

enum {
	LEDE_TOK_SENT = 1u << 0,     /* first token of a sentence */
	LEDE_TOK_WORD = 1u << 1,     /* letters or digits (not punctuation) */
	LEDE_TOK_UPPER = 1u << 2,    /* starts with a capital letter */
	LEDE_TOK_ALLCAP = 1u << 3,   /* has letters, all of them capitals */
	LEDE_TOK_DIGIT = 1u << 4,    /* has a digit */
	LEDE_TOK_POSS = 1u << 5,     /* a possessive ending: 's ’s or a lone ’ after s */
	LEDE_TOK_ABBR = 1u << 6,     /* ends in a period that belongs to it (Mr. U.S. J.) */
	LEDE_TOK_LOWER = 1u << 7,    /* has letters, starts with a small one */
};

struct lede_tok {
	uint32_t start, end;         /* byte offsets, end exclusive */
	uint32_t flags;
};

struct lede_toks {
	struct lede_tok *v;
	size_t n, cap;
};

/* Splits text into tokens and marks sentence starts. Reuses toks' memory
 * (n is reset); linear in len. Fails only when memory runs out or the text
 * is past 4 GB. */
int lede_tokenize(const char *text, size_t len, struct lede_toks *toks, struct lede_err *err);
void lede_toks_free(struct lede_toks *toks);

/* Lower-cases one token into out (at most cap-1 bytes, NUL-terminated),
 * folding the curly apostrophe to ' and Latin-1/Latin Extended-A capitals
 * to small letters; returns the length written. The gazetteer builder folds
 * the same way. */
size_t lede_tok_lower(const char *s, size_t n, char *out, size_t cap);

/* The flags of one token taken alone (no sentence flag): for callers that
 * have their own tokens, such as the trainer reading BIO files. */
uint32_t lede_tok_classify(const char *s, size_t n);

/* True for a title or abbreviation that keeps its period: "Mr", "Gen", "Jan". */
bool lede_tok_is_abbrev(const char *s, size_t n);

#endif
