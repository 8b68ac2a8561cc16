/* Quotation spans. One left-to-right pass per paragraph pairs quotation
 * marks on a small bounded stack: curly and angled marks say which way they
 * face, straight marks are judged by what stands on either side of them, and
 * a single mark between letters is an apostrophe. Only the outermost quote is
 * kept; a quote nested inside it is part of its words. A mark that never
 * closes ends at the paragraph's end (or, when a fresh opening mark of the
 * same kind comes first, at the last sentence end before it); a closing mark
 * that never opened starts after the previous quote in its paragraph. Every
 * decision looks at a fixed number of neighbouring characters, so the pass is
 * linear however the marks are arranged. */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "lede/cue.h"
#include "lede/quote.h"
#include "lede/text.h"

#define DEPTH_MAX 8

enum {
	LQ = 0x201C,    /* “ */
	RQ = 0x201D,    /* ” */
	LOW = 0x201E,   /* „ */
	LS = 0x2018,    /* ‘ */
	RS = 0x2019,    /* ’ */
	LOWS = 0x201A,  /* ‚ */
	LG = 0x00AB,    /* « */
	RG = 0x00BB,    /* » */
	LSG = 0x2039,   /* ‹ */
	RSG = 0x203A,   /* › */
};

struct opener {
	uint32_t cp;
	size_t pos, after;      /* the mark, and the first byte after it */
	size_t sent_end;        /* last sentence end seen inside, or 0 */
};

struct scan {
	struct lede_doc *doc;
	int para;
	const char *s;
	size_t n;
	struct opener st[DEPTH_MAX];
	int depth;
	size_t last_end;        /* end of the previous quote in the paragraph */
};

bool
lede_cue_is_quote_mark(uint32_t cp)
{
	switch (cp) {
	case '"': case '\'': case LQ: case RQ: case LOW: case LS: case RS: case LOWS:
	case LG: case RG: case LSG: case RSG:
		return true;
	default:
		return false;
	}
}

bool
lede_cue_is_letter(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
	if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7)
		return false;
	return !(cp >= 0x2000 && cp <= 0x2BFF) && !(cp >= 0x3000 && cp <= 0x303F) &&
	    cp != LEDE_REPLACEMENT;
}

static bool
is_digit(uint32_t cp)
{
	return cp >= '0' && cp <= '9';
}

static bool
is_space0(uint32_t cp)
{
	return cp == 0 || lede_cp_is_space(cp);
}

static bool
is_double(uint32_t cp)
{
	return cp == '"' || cp == LQ || cp == RQ || cp == LOW || cp == LG || cp == RG;
}

/* Before an opening mark stands a space, the start, a bracket, a dash or
 * another mark; after it, the first quoted character. */
static bool
open_ok(uint32_t prev, uint32_t next)
{
	bool before = is_space0(prev) || prev == '(' || prev == '[' || prev == '{' ||
	    prev == 0x2014 || prev == 0x2013 || prev == '-' || prev == '/' || prev == ':' ||
	    prev == ',' || prev == ';' || lede_cue_is_quote_mark(prev);

	return before && !is_space0(next);
}

/* Before a closing mark stands the last quoted character; after it, a space,
 * the end, punctuation or another mark. */
static bool
close_ok(uint32_t prev, uint32_t next)
{
	if (is_space0(prev))
		return false;
	return is_space0(next) || (!lede_cue_is_letter(next) && !is_digit(next));
}

/* Whether cp closes a quote opened with op. */
static bool
closes(uint32_t op, uint32_t cp)
{
	switch (op) {
	case LQ: return cp == RQ || cp == '"' || cp == LQ;
	case LOW: return cp == LQ || cp == RQ;
	case '"': return cp == '"' || cp == RQ;
	case RQ: return cp == RQ;
	case LG: return cp == RG;
	case RG: return cp == LG;
	case LS: return cp == RS || cp == '\'';
	case LOWS: return cp == LS || cp == RS;
	case '\'': return cp == '\'' || cp == RS;
	case LSG: return cp == RSG;
	case RSG: return cp == LSG;
	default: return false;
	}
}

static size_t
trim_back(const char *s, size_t start, size_t end)
{
	while (end > start && (s[end - 1] == ' ' || s[end - 1] == '\t' || s[end - 1] == '\n'))
		end--;
	return end;
}

static bool
small_word(const char *w, size_t n)
{
	static const char *const small[] = {
		"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by",
		"from", "is", "vs", "de", "la", "le",
	};
	size_t i;

	/* the first letter turns away most of the list without a call */
	for (i = 0; i < sizeof small / sizeof *small; i++) {
		if (small[i][0] == w[0] && strlen(small[i]) == n && strncmp(small[i], w, n) == 0)
			return true;
	}
	return false;
}

/* Marks around a title or a name in Title Case ("Face the Nation", “13th”)
 * set off a work, not words anyone said; a lone capitalised word ending a
 * sentence (“Never.”) is still speech. */
static bool
names_a_work(const char *s, size_t n)
{
	size_t i = 0, w, words = 0;
	bool end_punct = n > 0 && (s[n - 1] == '.' || s[n - 1] == '!' || s[n - 1] == '?');

	while (i < n) {
		while (i < n && s[i] == ' ')
			i++;
		if (i >= n)
			break;
		for (w = i; w < n && s[w] != ' '; w++)
			;
		unsigned char c = (unsigned char)s[i];
		if (words > 0 && small_word(s + i, w - i))
			;
		else if (!(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9'))
			return false;
		words++;
		if (words > 6)
			return false;
		i = w;
	}
	return words > 0 && (words >= 2 || !end_punct);
}

/* CBS’s “Face the Nation”, on “Morning Joe”, the film “13th”: the word
 * before the opening mark introduces a work. */
static bool
work_before(const char *s, size_t i)
{
	static const char *const intro[] = {
		"on", "of", "in", "titled", "entitled", "called", "named", "show", "program",
		"programme", "book", "film", "song", "album", "series", "column", "episode",
	};
	size_t e, b, k;

	for (e = i; e > 0 && s[e - 1] == ' '; e--)
		;
	if (e >= 2 && s[e - 1] == 's' && s[e - 2] == '\'')
		return true;
	if (e >= 4 && s[e - 1] == 's' && memcmp(s + e - 4, "\xe2\x80\x99", 3) == 0)
		return true;
	for (b = e; b > 0 && ((s[b - 1] | 0x20) >= 'a' && (s[b - 1] | 0x20) <= 'z'); b--)
		;
	for (k = 0; k < sizeof intro / sizeof *intro; k++) {
		if (strlen(intro[k]) == e - b && strncasecmp(intro[k], s + b, e - b) == 0)
			return true;
	}
	return false;
}

/* “Amazing,” Davis said: a speech verb among the next few words makes a
 * capitalised word speech after all. */
static bool
cue_follows(const char *s, size_t n, size_t i)
{
	size_t w, words = 0;

	while (i < n && words < 3) {
		while (i < n && (s[i] == ' ' || s[i] == ','))
			i++;
		for (w = i; w < n && ((s[w] | 0x20) >= 'a' && (s[w] | 0x20) <= 'z'); w++)
			;
		if (w == i)
			return false;
		if (s[i] >= 'a' && s[i] <= 'z' && lede_cue_is_speech_verb(s + i, w - i, NULL))
			return true;
		words++;
		i = w;
	}
	return false;
}

static int
emit(struct scan *sc, size_t span_start, size_t span_end, size_t t_start, size_t t_end,
    bool unclosed, bool unopened, bool continued)
{
	struct lede_span sp = { sc->para, span_start, span_end };
	size_t i;
	bool words = false;
	int idx;

	/* A pair of marks around nothing but spaces or punctuation says nothing. */
	for (i = t_start; i < t_end && !words; i++) {
		unsigned char c = (unsigned char)sc->s[i];
		words = c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
	}
	/* a headline is all capitals, so only "Director's “The Salt Road”
	 * wins" tells a work there */
	if (words && (sc->para < 0 || sc->doc->paras[sc->para].kind == LEDE_PARA_HEADING) &&
	    !unclosed && !unopened && work_before(sc->s, span_start) &&
	    names_a_work(sc->s + t_start, t_end - t_start))
		return 0;
	if (!words || (sc->para >= 0 && sc->doc->paras[sc->para].kind != LEDE_PARA_HEADING &&
	    !unclosed && !unopened && names_a_work(sc->s + t_start, t_end - t_start) &&
	    !(t_end > t_start && (sc->s[t_end - 1] == ',' || sc->s[t_end - 1] == '!' ||
	    sc->s[t_end - 1] == '?') && !work_before(sc->s, span_start) &&
	    cue_follows(sc->s, sc->n, span_end))))
		return 0;
	idx = lede_doc_add_quote(sc->doc, sp, t_start, t_end, -1, NULL);
	if (idx < 0)
		return -1;
	sc->doc->quotes[idx].unclosed = unclosed;
	sc->doc->quotes[idx].unopened = unopened;
	sc->doc->quotes[idx].continued = continued;
	return 0;
}

static bool
ascii_letter(unsigned char c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/* Whether s[a..b) holds a speech verb ("said", "told") as a lower-case word. */
static bool
has_cue_verb(const char *s, size_t a, size_t b)
{
	size_t i = a, w;
	bool part;

	while (i < b) {
		while (i < b && !ascii_letter((unsigned char)s[i]))
			i++;
		for (w = i; w < b && ascii_letter((unsigned char)s[w]); w++)
			;
		if (w > i && s[i] >= 'a' && s[i] <= 'z' && (i == a || s[i - 1] == ' ') &&
		    lede_cue_is_speech_verb(s + i, w - i, &part) && !part)
			return true;
		i = w;
	}
	return false;
}

static bool
word_is(const char *s, size_t n, const char *w)
{
	return strlen(w) == n && strncasecmp(s, w, n) == 0;
}

/* “We did all they asked, the director said on Monday. — an opening mark
 * that never closes, whose sentence ends on its own cue: the words end at
 * the comma before the cue. Returns the new end, or end. */
static size_t
cut_at_cue(const char *s, size_t after, size_t end)
{
	static const char *const not_subject[] = {
		"and", "but", "or", "so", "because", "which", "that", "i", "we", "you", "if",
		"when", "as", "then",
	};
	size_t i, w, words = 0, k;

	if (end <= after + 2 || s[end - 1] != '.')
		return end;
	/* the last comma of the sentence, at most a dozen words back */
	for (i = end - 2; i > after && s[i] != ',' && words <= 12; i--) {
		if (s[i] == ' ')
			words++;
		if (((s[i] == '.' || s[i] == '!' || s[i] == '?') && s[i + 1] == ' ') ||
		    s[i] == '"' || s[i] == '\'' || (unsigned char)s[i] == 0xE2)
			return end;
	}
	if (i <= after || s[i] != ',' || words > 12 || words < 2)
		return end;
	for (w = i + 1; w < end && s[w] == ' '; w++)
		;
	for (k = w; k < end && ascii_letter((unsigned char)s[k]); k++)
		;
	for (size_t j = 0; j < sizeof not_subject / sizeof *not_subject; j++) {
		if (word_is(s + w, k - w, not_subject[j]))
			return end;
	}
	return has_cue_verb(s, w, end) ? i + 1 : end;
}

/* The outermost quote was left open and another opening mark of its kind
 * arrives at pos: it ends at the last sentence end inside it, else just
 * before the new mark. */
static int
end_unclosed_before(struct scan *sc, size_t pos)
{
	struct opener *o = &sc->st[0];
	size_t end = o->sent_end > o->after ? o->sent_end : pos;

	end = cut_at_cue(sc->s, o->after, trim_back(sc->s, o->after, end));
	sc->depth = 0;
	sc->last_end = end;
	return emit(sc, o->pos, end, o->after, end, true, false, false);
}

static int
close_level(struct scan *sc, int k, size_t pos, size_t after)
{
	struct opener o = sc->st[k];

	sc->depth = k;
	if (k > 0)
		return 0;
	sc->last_end = after;
	return emit(sc, o.pos, after, o.after, pos, false, false, false);
}

static void
push(struct scan *sc, uint32_t cp, size_t pos, size_t after)
{
	if (sc->depth >= DEPTH_MAX)
		return;
	sc->st[sc->depth].cp = cp;
	sc->st[sc->depth].pos = pos;
	sc->st[sc->depth].after = after;
	sc->st[sc->depth].sent_end = 0;
	sc->depth++;
}

/* Sentences in s[start..pos) that report speech in the writer's voice
 * ("Rennie said he hoped to hold it later.") are not the quote's: it starts
 * after the last of them. Each byte is read once. */
static size_t
after_narration(const char *s, size_t start, size_t pos)
{
	size_t i, sent = start, from = start;

	for (i = start; i < pos; i++) {
		if ((s[i] == '.' || s[i] == '!' || s[i] == '?') && i + 1 < pos && s[i + 1] == ' ') {
			if (has_cue_verb(s, sent, i)) {
				from = i + 1;
				while (from < pos && s[from] == ' ')
					from++;
			}
			sent = i + 1;
		}
	}
	return from;
}

/* A closing mark with nothing open: the quote most plausibly began where the
 * previous one ended (or the paragraph began). */
static int
unopened(struct scan *sc, size_t pos, size_t after)
{
	size_t start = sc->last_end, adv;
	uint32_t cp;

	while (start < pos) {
		cp = lede_utf8_next(sc->s + start, sc->n - start, &adv);
		if (!is_space0(cp) && cp != ',' && cp != ';' && cp != ':' && cp != 0x2014 &&
		    cp != 0x2013 && cp != '-' && cp != '.')
			break;
		start += adv;
	}
	sc->last_end = after;
	if (start >= pos)
		return 0;
	start = after_narration(sc->s, start, pos);
	return emit(sc, start, after, start, pos, false, true, false);
}

/* The innermost open level that cp closes, or -1. Single marks only look
 * inside the innermost double quote, so an apostrophe cannot unwind it. */
static int
find_closer(const struct scan *sc, uint32_t cp)
{
	int k;

	for (k = sc->depth - 1; k >= 0; k--) {
		if (closes(sc->st[k].cp, cp))
			return k;
		if (!is_double(cp) && is_double(sc->st[k].cp))
			return -1;
	}
	return -1;
}

static int
on_single(struct scan *sc, uint32_t cp, uint32_t prev, uint32_t next, size_t pos, size_t after)
{
	int k;

	/* Putin’s, O’Connor, we’re; ’90s */
	if ((cp == RS || cp == '\'') && (lede_cue_is_letter(prev) || is_digit(prev)) &&
	    (lede_cue_is_letter(next) || is_digit(next)))
		return 0;
	if ((cp == RS || cp == '\'' || cp == LS) && !lede_cue_is_letter(prev) && is_digit(next))
		return 0;
	k = find_closer(sc, cp);
	/* angled marks face their way; French sets them off with spaces */
	if (k >= 0 && (close_ok(prev, next) || cp == RSG || cp == LSG))
		return close_level(sc, k, pos, after);
	if ((cp == LS || cp == LOWS || cp == '\'' || cp == LSG || cp == RSG) && open_ok(prev, next) &&
	    !lede_cue_is_letter(prev))
		push(sc, cp, pos, after);
	return 0;
}

static int
on_double(struct scan *sc, uint32_t cp, uint32_t prev, uint32_t next, size_t pos, size_t after)
{
	int k = find_closer(sc, cp);
	bool po = open_ok(prev, next), pc = close_ok(prev, next);

	/* " with a space on both sides: opens if nothing is open */
	if (cp == '"' && is_space0(prev) && is_space0(next)) {
		if (k >= 0)
			return close_level(sc, k, pos, after);
		if (sc->depth == 0)
			push(sc, cp, pos, after);
		return 0;
	}
	/* “ closes „ (and, typed in error, a “ standing where a closing mark
	 * goes); otherwise it opens */
	if (k >= 0 && (cp != LQ || sc->st[k].cp == LOW || (sc->st[k].cp == LQ && pc && !po)) &&
	    (cp != '"' || pc || !po) && (cp != LG || sc->st[k].cp == RG))
		return close_level(sc, k, pos, after);
	if (cp == LQ || cp == LOW || cp == LG || (cp == '"' && po) ||
	    ((cp == RQ || cp == RG) && sc->depth == 0 && po && !pc)) {
		/* a second “ while the outer “ is open, a sentence later: the
		 * outer one was never closed; within its first sentence, it nests */
		if (sc->depth > 0 && is_double(sc->st[0].cp) && sc->st[0].sent_end > sc->st[0].after &&
		    (sc->st[0].cp == cp ||
		    (cp == LOW && sc->st[0].cp == LQ) || (cp == LQ && sc->st[0].cp == LOW))) {
			if (end_unclosed_before(sc, pos) < 0)
				return -1;
		}
		push(sc, cp, pos, after);
		return 0;
	}
	if (cp == RQ || cp == RG || (cp == '"' && pc)) {
		/* Whatever single marks were open were apostrophes after all. */
		if (sc->depth > 0 && !is_double(sc->st[0].cp))
			sc->depth = 0;
		if (sc->depth == 0)
			return unopened(sc, pos, after);
	}
	return 0;
}

static uint32_t
first_mark(const struct lede_doc *doc, int para)
{
	const char *t;
	size_t len, i = 0, adv;
	uint32_t cp;

	if (para < 0 || (size_t)para >= doc->nparas)
		return 0;
	t = lede_doc_text(doc, para, &len);
	while (i < len) {
		cp = lede_utf8_next(t + i, len - i, &adv);
		if (!lede_cp_is_space(cp))
			return cp;
		i += adv;
	}
	return 0;
}

/* News convention: a quote running on leaves its paragraph open and the next
 * paragraph opens again. */
static bool
reopens(uint32_t op, uint32_t next_first)
{
	if (next_first == op)
		return true;
	if (is_double(op))
		return next_first == LQ || next_first == '"' || next_first == LOW || next_first == LG;
	return next_first == LS || next_first == '\'';
}

static int
finish(struct scan *sc)
{
	struct opener *o;
	size_t end;
	bool cont;

	if (sc->depth == 0)
		return 0;
	o = &sc->st[0];
	cont = sc->para >= 0 && reopens(o->cp, first_mark(sc->doc, sc->para + 1));
	/* A lone single mark that never closes is far likelier an apostrophe. */
	if (!cont && !is_double(o->cp))
		return 0;
	end = trim_back(sc->s, o->after, sc->n);
	if (!cont)
		end = cut_at_cue(sc->s, o->after, end);
	sc->depth = 0;
	return emit(sc, o->pos, end, o->after, end, !cont, false, cont);
}

/* The end of an attribute value: just past the next double mark. */
static size_t
skip_value(const char *s, size_t n, size_t i)
{
	size_t adv;

	while (i < n) {
		if (is_double(lede_utf8_next(s + i, n - i, &adv)))
			return i + adv;
		i += adv;
	}
	return n;
}

/* rock ’n’ roll: the marks around a lone n are elisions. */
static size_t
skip_elided_n(const char *s, size_t n, size_t i, size_t adv)
{
	size_t j = i + adv, adv2;
	uint32_t cp;

	if (j + 1 < n && s[j] == 'n') {
		cp = lede_utf8_next(s + j + 1, n - j - 1, &adv2);
		if (cp == RS || cp == '\'')
			return j + 1 + adv2;
	}
	return 0;
}

/* The code point at byte i; plain ASCII, nearly every byte of the scan,
 * without a call. */
static uint32_t
cp_at(const char *s, size_t n, size_t i, size_t *adv)
{
	if ((unsigned char)s[i] < 0x80) {
		*adv = 1;
		return (unsigned char)s[i];
	}
	return lede_utf8_next(s + i, n - i, adv);
}

/* The bytes the scan must stop at: the straight marks, the lead bytes of
 * every other mark (0xC2 for « », 0xE2 for the curly and angled ones) and,
 * while a quote is open, the three that may end a sentence in it (marked 2).
 * Any other byte starts no mark and ends no sentence a quote needs: it
 * matters only as the character before the next mark. */
static const unsigned char stop_byte[256] = {
	['"'] = 1, ['\''] = 1, [0xC2] = 1, [0xE2] = 1, ['.'] = 2, ['!'] = 2, ['?'] = 2,
};

/* Outside quotes: the first mark byte at or after i, or n. Eight bytes a
 * step go by when none is " or ' (no byte of x ^ that mark is zero) and
 * none is outside ASCII (no top bit set). */
static size_t
skip_to_mark(const char *text, size_t i, size_t n)
{
	const unsigned char *s = (const unsigned char *)text;
	const uint64_t ones = 0x0101010101010101u, top = 0x8080808080808080u;
	uint64_t x, d, q;
	size_t k;

	while (i + 8 <= n) {
		memcpy(&x, s + i, 8);
		d = x ^ (ones * '"');
		q = x ^ (ones * '\'');
		if ((((d - ones) & ~d) | ((q - ones) & ~q) | x) & top) {
			for (k = 0; k < 8; k++) {
				if (stop_byte[s[i + k]] == 1)
					return i + k;
			}
		}
		i += 8;
	}
	while (i < n && stop_byte[s[i]] != 1)
		i++;
	return i;
}

/* Inside a quote: the first stop byte of either kind at or after i, or n;
 * four bytes a step. */
static size_t
skip_to_stop(const char *text, size_t i, size_t n)
{
	const unsigned char *s = (const unsigned char *)text;

	while (i + 4 <= n && !(stop_byte[s[i]] | stop_byte[s[i + 1]] | stop_byte[s[i + 2]] |
	    stop_byte[s[i + 3]]))
		i += 4;
	while (i < n && !stop_byte[s[i]])
		i++;
	return i;
}

static bool
utf8_cont(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

/* The character that ends just before j, where lo and j both start a
 * character as the decoder steps through s (lo, because the scan stopped
 * there; j, because a byte that is no continuation byte always starts one).
 * It starts at the last byte in [lo, j) that is no continuation byte, at
 * most four back; with none there, s[j - 1] is a stray continuation byte
 * that the decoder reads alone, as the replacement character. */
static uint32_t
cp_before(const char *s, size_t n, size_t lo, size_t j)
{
	size_t q = j - 1, floor = j - lo > 4 ? j - 4 : lo, adv;
	uint32_t cp = LEDE_REPLACEMENT;

	if ((unsigned char)s[q] < 0x80)
		return (unsigned char)s[q];
	while (q > floor && utf8_cont((unsigned char)s[q]))
		q--;
	if (utf8_cont((unsigned char)s[q]))
		return LEDE_REPLACEMENT;
	for (; q < j; q += adv)
		cp = lede_utf8_next(s + q, n - q, &adv);
	return cp;
}

static int
scan_text(struct lede_doc *doc, int para)
{
	struct scan sc;
	size_t i = 0, j, adv, nadv, skip;
	uint32_t cp, prev = 0, next;
	int k;

	memset(&sc, 0, sizeof sc);
	sc.doc = doc;
	sc.para = para;
	sc.s = lede_doc_text(doc, para, &sc.n);
	if (sc.s == NULL)
		return 0;
	while (i < sc.n) {
		/* Most bytes are none of the stop bytes: step over them in a
		 * tight loop and decode only the last character skipped. */
		j = sc.depth > 0 ? skip_to_stop(sc.s, i, sc.n) : skip_to_mark(sc.s, i, sc.n);
		if (j >= sc.n)
			break;
		if (j > i) {
			prev = cp_before(sc.s, sc.n, i, j);
			i = j;
		}
		cp = cp_at(sc.s, sc.n, i, &adv);
		next = i + adv < sc.n ? cp_at(sc.s, sc.n, i + adv, &nadv) : 0;
		if ((cp == '.' || cp == '!' || cp == '?') && is_space0(next)) {
			for (k = 0; k < sc.depth; k++)
				sc.st[k].sent_end = i + adv;
		}
		if (!lede_cue_is_quote_mark(cp)) {
			prev = cp;
			i += adv;
			continue;
		}
		/* markup leaking into text: name="value" is no quote */
		if (prev == '=' && is_double(cp)) {
			i = skip_value(sc.s, sc.n, i + adv);
			prev = '"';
			continue;
		}
		/* 6'3" tall: inch and foot marks */
		if (cp == '"' && is_digit(prev) && (sc.depth == 0 || sc.st[sc.depth - 1].cp != '"')) {
			prev = cp;
			i += adv;
			continue;
		}
		/* ‘‘typewriter’’ pairs of singles stand for a double mark */
		if ((cp == LS || cp == RS) && next == cp) {
			size_t two = adv + nadv;
			uint32_t after2 = i + two < sc.n ?
			    lede_utf8_next(sc.s + i + two, sc.n - i - two, &nadv) : 0;
			if (on_double(&sc, cp == LS ? LQ : RQ, prev, after2, i, i + two) < 0)
				return -1;
			prev = cp == LS ? LQ : RQ;
			i += two;
			continue;
		}
		/* ''doubled singles'' stand for a double mark */
		if (cp == '\'' && next == '\'') {
			next = i + 2 < sc.n ? lede_utf8_next(sc.s + i + 2, sc.n - i - 2, &nadv) : 0;
			if (on_double(&sc, '"', prev, next, i, i + 2) < 0)
				return -1;
			prev = '"';
			i += 2;
			continue;
		}
		if ((cp == RS || cp == '\'') && is_space0(prev) &&
		    (skip = skip_elided_n(sc.s, sc.n, i, adv)) != 0) {
			prev = 'n';
			i = skip;
			continue;
		}
		if (is_double(cp) ? on_double(&sc, cp, prev, next, i, i + adv) < 0 :
		    on_single(&sc, cp, prev, next, i, i + adv) < 0)
			return -1;
		prev = cp;
		i += adv;
	}
	return finish(&sc);
}

int
lede_quotes_find(struct lede_doc *doc, struct lede_err *err)
{
	size_t p;

	if (doc->title != NULL && scan_text(doc, LEDE_TITLE) < 0)
		return lede_err_oom(err);
	for (p = 0; p < doc->nparas; p++) {
		if (scan_text(doc, (int)p) < 0)
			return lede_err_oom(err);
	}
	return 0;
}
