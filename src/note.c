#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lede/buf.h"
#include "lede/note.h"
#include "lede/text.h"

static bool
is_cont(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

static bool
on_boundary(const char *t, size_t len, size_t off)
{
	return off == 0 || off >= len || !is_cont((unsigned char)t[off]);
}

void
lede_timestamp(char out[32])
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	time_t now = time(NULL);
	struct tm tm;
	char *end;
	long long v;

	if (sde != NULL && *sde != '\0') {
		errno = 0;
		v = strtoll(sde, &end, 10);
		if (errno == 0 && *end == '\0' && v >= 0)
			now = (time_t)v;
	}
	if (gmtime_r(&now, &tm) == NULL || strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		strcpy(out, "1970-01-01T00:00:00Z");
}

void
lede_note_clear(struct lede_note *note)
{
	free(note->exact);
	free(note->prefix);
	free(note->suffix);
	free(note->text);
	free(note->created);
	memset(note, 0, sizeof *note);
}

/* Context of up to LEDE_NOTE_CONTEXT bytes before [start, end) ... and after,
 * never splitting a character. */
static void
context(const char *t, size_t len, size_t start, size_t end, size_t *pstart, size_t *send)
{
	size_t a = start > LEDE_NOTE_CONTEXT ? start - LEDE_NOTE_CONTEXT : 0;
	size_t b = len - end > LEDE_NOTE_CONTEXT ? end + LEDE_NOTE_CONTEXT : len;

	while (a < start && !on_boundary(t, len, a))
		a++;
	while (b > end && !on_boundary(t, len, b))
		b--;
	*pstart = a;
	*send = b;
}

int
lede_note_make(const struct lede_doc *doc, struct lede_span span, const char *text,
    struct lede_note *note, struct lede_err *err)
{
	const char *t;
	size_t len, a, b;
	char ts[32];

	memset(note, 0, sizeof *note);
	t = lede_doc_text(doc, span.para, &len);
	if (t == NULL || !lede_span_valid(doc, span))
		return lede_errf(err, "the note's span is outside the text");
	if (span.start == span.end)
		return lede_errf(err, "the note's span is empty");
	if (!on_boundary(t, len, span.start) || !on_boundary(t, len, span.end))
		return lede_errf(err, "the note's span splits a character");
	context(t, len, span.start, span.end, &a, &b);
	lede_timestamp(ts);
	note->span = span;
	note->exact = lede_strndup(t + span.start, span.end - span.start);
	note->prefix = lede_strndup(t + a, span.start - a);
	note->suffix = lede_strndup(t + span.end, b - span.end);
	note->created = lede_strdup(ts);
	if (text != NULL && *text != '\0')
		note->text = lede_text_normalize_dup(text, strlen(text), 0);
	if (!note->exact || !note->prefix || !note->suffix || !note->created ||
	    (text != NULL && *text != '\0' && note->text == NULL)) {
		lede_note_clear(note);
		return lede_err_oom(err);
	}
	return 0;
}

int
lede_doc_keep_note(struct lede_doc *doc, struct lede_note *note, struct lede_err *err)
{
	int i;

	if (note->text != NULL && *note->text == '\0') {
		free(note->text);
		note->text = NULL;
	}
	i = lede_doc_add_note(doc, note);
	lede_note_clear(note);
	return i < 0 ? lede_err_oom(err) : i;
}

int
lede_doc_note(struct lede_doc *doc, struct lede_span span, const char *text,
    struct lede_err *err)
{
	struct lede_note n;

	if (lede_note_make(doc, span, text, &n, err) != 0)
		return -1;
	return lede_doc_keep_note(doc, &n, err);
}

void
lede_doc_remove_note(struct lede_doc *doc, size_t i)
{
	if (i >= doc->nnotes)
		return;
	lede_note_clear(&doc->notes[i]);
	memmove(&doc->notes[i], &doc->notes[i + 1], (doc->nnotes - i - 1) * sizeof *doc->notes);
	doc->nnotes--;
}

int
lede_doc_set_note_text(struct lede_doc *doc, size_t i, const char *text, struct lede_err *err)
{
	char *p = NULL;

	if (i >= doc->nnotes)
		return lede_errf(err, "no such note");
	if (text != NULL && *text != '\0' &&
	    (p = lede_text_normalize_dup(text, strlen(text), 0)) == NULL)
		return lede_err_oom(err);
	if (p != NULL && *p == '\0') {
		free(p);
		p = NULL;
	}
	free(doc->notes[i].text);
	doc->notes[i].text = p;
	return 0;
}

int
lede_doc_note_at(const struct lede_doc *doc, int para, size_t off)
{
	size_t i;

	for (i = 0; i < doc->nnotes; i++) {
		const struct lede_span *s = &doc->notes[i].span;

		if (s->para == para && s->start <= off && off < s->end)
			return (int)i;
	}
	return -1;
}

/* How many bytes of want's end agree with the text just before off. */
static size_t
agree_before(const char *t, size_t off, const char *want)
{
	size_t n = want ? strlen(want) : 0, k = 0;

	while (k < n && k < off && t[off - 1 - k] == want[n - 1 - k])
		k++;
	return k;
}

static size_t
agree_after(const char *t, size_t len, size_t off, const char *want)
{
	size_t k = 0;

	if (want == NULL)
		return 0;
	while (want[k] != '\0' && off + k < len && t[off + k] == want[k])
		k++;
	return k;
}

static size_t
distance(struct lede_span a, int para, size_t off)
{
	size_t dp = (size_t)(a.para > para ? a.para - para : para - a.para);

	/* Paragraphs weigh more than bytes: staying in the same paragraph wins. */
	return dp * ((size_t)1 << 24) + (a.start > off ? a.start - off : off - a.start);
}

enum lede_anchor
lede_note_anchor(const struct lede_doc *doc, struct lede_note *note)
{
	struct lede_span best = { 0, 0, 0 };
	size_t elen, len, score, best_score = 0, best_dist = 0;
	const char *t, *p;
	bool found = false;
	int para;

	if (note->exact == NULL || (elen = strlen(note->exact)) == 0)
		return LEDE_ANCHOR_LOST;
	t = lede_doc_text(doc, note->span.para, &len);
	if (t != NULL && lede_span_valid(doc, note->span) &&
	    note->span.end - note->span.start == elen &&
	    memcmp(t + note->span.start, note->exact, elen) == 0)
		return LEDE_ANCHOR_KEPT;
	for (para = LEDE_TITLE; para < (int)doc->nparas; para++) {
		size_t off = 0;

		t = lede_doc_text(doc, para, &len);
		while (off + elen <= len && (p = memmem(t + off, len - off, note->exact, elen)) != NULL) {
			size_t at = (size_t)(p - t), dist;

			score = agree_before(t, at, note->prefix) + agree_after(t, len, at + elen, note->suffix);
			dist = distance(note->span, para, at);
			if (!found || score > best_score || (score == best_score && dist < best_dist)) {
				best = (struct lede_span){ para, at, at + elen };
				best_score = score;
				best_dist = dist;
				found = true;
			}
			off = at + 1;
		}
	}
	if (!found)
		return LEDE_ANCHOR_LOST;
	note->span = best;
	return LEDE_ANCHOR_MOVED;
}

int
lede_notes_reanchor(struct lede_doc *doc, struct lede_err *err)
{
	size_t i = 0;
	int dropped = 0;

	while (i < doc->nnotes) {
		struct lede_note *n = &doc->notes[i];

		if (lede_note_anchor(doc, n) != LEDE_ANCHOR_LOST) {
			i++;
			continue;
		}
		if (lede_doc_add_warning(doc, "lost-note", LEDE_NO_PARA,
		    "a note on \"%s\" no longer matches the text and was dropped%s%s",
		    n->exact ? n->exact : "", n->text ? ": " : "", n->text ? n->text : "") < 0)
			return lede_err_oom(err);
		lede_doc_remove_note(doc, i);
		dropped++;
	}
	return dropped;
}
