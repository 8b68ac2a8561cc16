/* From tagged tokens to people and places: fixes the tagger's spans (titles
 * and possessives split off, sports teams named after cities, sentence-
 * initial small words), finds roles ("French President", ", the defence
 * secretary"), finds the mentions the tagger missed of names it found
 * elsewhere, and groups every mention of one person or place into one entry
 * (surname alone, first name alone, "Mr X", "X’s"). */
#ifndef LEDE_ENTITY_H
#define LEDE_ENTITY_H

#include <stdint.h>

#include "lede/doc.h"
#include "lede/err.h"
#include "lede/tok.h"

struct lede_ents;

int lede_ents_new(struct lede_ents **out, struct lede_err *err);
void lede_ents_free(struct lede_ents *e);

/* First pass, paragraph by paragraph in reading order (title first):
 * gword holds each token's gazetteer word classes, tags the tagger's BIO
 * tags (enum lede_ner_tag), gphrase the classes of gazetteer phrases over
 * each token, margin the tagger's confidence in each tag (its lead over
 * the next best); tags may be rewritten (teams, titles). */
int lede_ents_collect(struct lede_ents *e, int para, const char *text, const struct lede_toks *t,
    const uint16_t *gword, const uint16_t *gphrase, const int32_t *margin, uint8_t *tags,
    struct lede_err *err);

/* The same, given also each token's gazetteer key (lede_gaz_word_key of
 * its text, as the tagger's context holds them in keys), which saves
 * hashing the words of every name again. wkeys may be NULL. */
int lede_ents_collect_keyed(struct lede_ents *e, int para, const char *text,
    const struct lede_toks *t, const uint64_t *wkeys, const uint16_t *gword,
    const uint16_t *gphrase, const int32_t *margin, uint8_t *tags, struct lede_err *err);

/* Adds the mentions the tagger missed of names it found elsewhere, then
 * groups every mention into doc->people and doc->places. */
int lede_ents_finish(struct lede_ents *e, struct lede_doc *doc, struct lede_err *err);

#endif
