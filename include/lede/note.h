/* The reader's highlights and notes: anchoring them to the text when they are
 * made, and finding them again when a copy is read back (W3C Web Annotation
 * TextQuoteSelector: the exact text with a little context either side). */
#ifndef LEDE_NOTE_H
#define LEDE_NOTE_H

#include <stddef.h>

#include "lede/doc.h"
#include "lede/err.h"

/* Bytes of context kept on each side of a note, cut back to a whole UTF-8
 * character. */
#define LEDE_NOTE_CONTEXT 32

/* Fills *note (overwritten, not freed) for span with exact, prefix, suffix,
 * created = now and a copy of text (NULL for a plain highlight). The span
 * must be valid, non-empty and on character boundaries. Free the fields with
 * lede_note_clear, or hand the note to lede_doc_add_note (which copies it)
 * and clear it afterwards. */
int lede_note_make(const struct lede_doc *doc, struct lede_span span, const char *text,
    struct lede_note *note, struct lede_err *err);
void lede_note_clear(struct lede_note *note);

/* Adds *note to doc (a copy) and clears *note either way. An empty note
 * text is a plain highlight: copies read back give "" where the pager gives
 * NULL. Returns the new note's index, or -1 with err. */
int lede_doc_keep_note(struct lede_doc *doc, struct lede_note *note, struct lede_err *err);
/* Convenience for the pager: makes a note and adds it to doc. Returns the
 * new note's index, or -1 with err. */
int lede_doc_note(struct lede_doc *doc, struct lede_span span, const char *text,
    struct lede_err *err);
/* Removes note i (frees it, keeps the order of the rest). */
void lede_doc_remove_note(struct lede_doc *doc, size_t i);
/* Replaces note i's text (NULL or "" turns it into a plain highlight). */
int lede_doc_set_note_text(struct lede_doc *doc, size_t i, const char *text,
    struct lede_err *err);
/* The index of the first note whose span covers byte off of para (start
 * inclusive, end exclusive), or -1. */
int lede_doc_note_at(const struct lede_doc *doc, int para, size_t off);

enum lede_anchor {
	LEDE_ANCHOR_KEPT,       /* the offsets still point at exact */
	LEDE_ANCHOR_MOVED,      /* found elsewhere by exact + context; span fixed */
	LEDE_ANCHOR_LOST,       /* exact is nowhere in the document */
};

/* Checks a note against doc and moves its span when the text moved. Among
 * several places holding exact, the one whose surroundings agree most with
 * prefix and suffix wins, then the nearest to the old position. */
enum lede_anchor lede_note_anchor(const struct lede_doc *doc, struct lede_note *note);

/* Re-anchors every note of doc; a lost note is dropped and a warning of kind
 * "lost-note" (carrying the note's text) takes its place. Returns the number
 * of notes dropped, or -1 when memory ran out. */
int lede_notes_reanchor(struct lede_doc *doc, struct lede_err *err);

/* The current time as ISO 8601 UTC ("2026-11-25T20:05:24Z") into out (at least
 * 21 bytes). SOURCE_DATE_EPOCH, when set, stands for now, so tests and
 * reproducible exports get a fixed time. */
void lede_timestamp(char out[32]);

#endif
