/* UTF-8 and the one normalisation every piece of page text goes through.
 * After lede_norm_* the text is valid UTF-8 with no C0/C1 controls, no bidi
 * overrides or isolates, no zero-width or soft-hyphen characters, and (unless
 * LEDE_NORM_KEEP_LINES) runs of white space folded to one ASCII space. */
#ifndef LEDE_TEXT_H
#define LEDE_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lede/buf.h"

#define LEDE_REPLACEMENT 0xFFFDu

/* Decodes one code point from s (n > 0 bytes). Invalid or truncated
 * sequences, overlongs, surrogates and values past U+10FFFF decode as
 * U+FFFD consuming one byte, so a bad byte never swallows good text. */
uint32_t lede_utf8_next(const char *s, size_t n, size_t *adv);
/* Encodes cp into out (4 bytes of room); returns the length. */
size_t lede_utf8_put(char *out, uint32_t cp);
/* True for bytes that are valid UTF-8 throughout. */
bool lede_utf8_valid(const char *s, size_t n);

/* Code points that must never reach a terminal or a saved copy: C0 and C1
 * controls (tab and newline included; callers that keep those test first),
 * DEL, bidi embeddings/overrides/isolates and marks. */
bool lede_cp_is_forbidden(uint32_t cp);
/* Characters that vanish: soft hyphen, zero-width space/joiners, BOM. */
bool lede_cp_is_invisible(uint32_t cp);
/* White space, ASCII and Unicode (no-break space included). */
bool lede_cp_is_space(uint32_t cp);

enum {
	LEDE_NORM_KEEP_LINES = 1u << 0,  /* preformatted: keep \n, expand \t */
};

/* A streaming normaliser, so text gathered from many DOM nodes folds its
 * white space across node boundaries. Each feed must hold whole UTF-8
 * sequences (libxml2's text nodes always do). */
struct lede_norm {
	struct lede_buf *out;
	unsigned flags;
	bool pending_space;   /* a space is owed before the next visible char */
	bool empty;           /* nothing visible written yet */
};

void lede_norm_start(struct lede_norm *n, struct lede_buf *out, unsigned flags);
void lede_norm_feed(struct lede_norm *n, const char *s, size_t len);
/* Marks a soft boundary (e.g. between inline elements that imply a space). */
void lede_norm_space(struct lede_norm *n);
/* Ends the run: trailing white space is dropped. */
void lede_norm_finish(struct lede_norm *n);

/* Finds needle in hay as a whole word, ASCII case ignored (a word boundary
 * is any byte that is not an ASCII letter or digit). Returns the offset, or
 * (size_t)-1 when it is not there. O(hn * nn), for short needles. */
size_t lede_find_word_ci(const char *hay, size_t hn, const char *needle, size_t nn);

/* One-shot form: appends the normalised text of s to out. */
void lede_text_normalize(struct lede_buf *out, const char *s, size_t len, unsigned flags);
/* Same, into a new string (NULL on allocation failure). */
char *lede_text_normalize_dup(const char *s, size_t len, unsigned flags);

#endif
