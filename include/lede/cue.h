/* Private to the quote, speaker, fact and warning modules: the character
 * classes the quote scanner and the attribution share, and the lexicon of
 * speech verbs ("said", "told", "pointed out") that marks who is speaking. */
#ifndef LEDE_CUE_H
#define LEDE_CUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Any quotation mark: straight, curly, low-9 or angled, double or single. */
bool lede_cue_is_quote_mark(uint32_t cp);
/* A letter in any script (roughly: not ASCII punctuation, not the general
 * punctuation and symbol blocks). */
bool lede_cue_is_letter(uint32_t cp);

/* Whether the word w[0..n) is a speech verb ("said", "tweeted", "adding");
 * *participle is set for the -ing forms, whose subject is the sentence's. */
bool lede_cue_is_speech_verb(const char *w, size_t n, bool *participle);

#endif
