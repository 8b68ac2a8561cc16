#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "lede/buf.h"
#include "lede/text.h"
#include "lede/tok.h"

/* Titles and abbreviations that keep their period. A title never ends a
 * sentence; the rest may, when what follows looks like a new sentence.
 * Listed by first letter, each word followed by a space, so that a lookup
 * reads a handful of words instead of the whole list (it runs for every
 * word followed by a period). */
static const char *const titles[26] = {
	['a' - 'a'] = "adm amb atty apr aug approx ave al ",
	['b' - 'a'] = "brig blvd ",
	['c' - 'a'] = "col capt cmdr cdr cpl cf ca ",
	['d' - 'a'] = "dr det dec dept ",
	['e' - 'a'] = "e.g ",
	['f' - 'a'] = "ft fr feb ",
	['g' - 'a'] = "gen gov gov't ",
	['h' - 'a'] = "hon ",
	['i' - 'a'] = "insp i.e ",
	['j' - 'a'] = "jr jan jun jul ",
	['l' - 'a'] = "lt ",
	['m' - 'a'] = "mr mrs ms messrs mme mlle mt maj mar ",
	['n' - 'a'] = "nov ",
	['o' - 'a'] = "oct ",
	['p' - 'a'] = "prof pvt pres ",
	['r' - 'a'] = "rep rev rd ",
	['s' - 'a'] = "sr st sgt sen supt sep sept ",
	['u' - 'a'] = "univ ",
	['v' - 'a'] = "vs vol ",
};
static const char *const enders[26] = {
	['b' - 'a'] = "bros ",
	['c' - 'a'] = "corp co ",
	['e' - 'a'] = "etc ",
	['i' - 'a'] = "inc ",
	['l' - 'a'] = "ltd llc ",
	['p' - 'a'] = "plc ",
};
/* By first letter, bit n set when a listed word has n letters: most words
 * before a period are turned away by it without reading the lists (it
 * runs for every one). test_tok checks every listed word is found. */
static const uint8_t title_lens[26] = {
	0x5c, 0x10, 0x1c, 0x1c, 0x08, 0x0c, 0x28, 0x08, 0x18, 0x0c, 0x00, 0x04, 0x5c,
	0x08, 0x08, 0x18, 0x00, 0x0c, 0x1c, 0x00, 0x10, 0x0c, 0x00, 0x00, 0x00, 0x00,
};
static const uint8_t abbrev_lens[26] = {   /* titles and enders */
	0x5c, 0x10, 0x1c, 0x1c, 0x08, 0x0c, 0x28, 0x08, 0x18, 0x0c, 0x00, 0x0c, 0x5c,
	0x08, 0x08, 0x18, 0x00, 0x0c, 0x1c, 0x00, 0x10, 0x0c, 0x00, 0x00, 0x00, 0x00,
};
static const char *const starters[] = {
	"The", "He", "She", "It", "They", "We", "I", "But", "And", "In", "A", "An", "This",
	"That", "There", "His", "Her", "Their", "Its", "On", "At", "As", "After", "Mr", "Mrs",
	"Ms", "Dr", "Some", "Many", "If", "When", "While", "So", "Yet", "Now", "Then", NULL,
};

/* Classes of bytes, so that the hot loops read one table entry per byte.
 * The letter and digit classes are the token flags they lead to, so that
 * a word's flags are its classes put together (ascii_flags). */
enum {
	S = 1,                       /* ASCII space */
	J = 2,                       /* . , - ' & may join two parts of a word */
	U = LEDE_TOK_UPPER,
	D = LEDE_TOK_DIGIT,
	H = 32,                      /* not ASCII: decode it */
	Q = 64,                      /* the apostrophe: may start a possessive */
	L = LEDE_TOK_LOWER,
};
#define C_LETTER (L | U)
#define C_WORD (L | U | D)

static const unsigned char byte_class[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, S, S, 0, 0, S, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	S, 0, 0, 0, 0, 0, J, J | Q, 0, 0, 0, 0, J, J, J, 0,
	D, D, D, D, D, D, D, D, D, D, 0, 0, 0, 0, 0, 0,
	0, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U,
	U, U, U, U, U, U, U, U, U, U, U, 0, 0, 0, 0, 0,
	0, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L,
	L, L, L, L, L, L, L, L, L, L, L, 0, 0, 0, 0, 0,
	H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
	H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
	H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
	H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
	H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
	H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
	H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
	H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
};

static bool
in_list(const char *const *list, const char *s, size_t n)
{
	size_t i, j;

	if (n == 0)
		return false;
	for (i = 0; list[i] != NULL; i++) {
		if (list[i][0] != s[0])
			continue;
		for (j = 0; j < n && list[i][j] != '\0' && s[j] == list[i][j]; j++)
			;
		if (j == n && list[i][j] == '\0')
			return true;
	}
	return false;
}

/* Whether low (n bytes, folded) is one of the space-ended words. */
static bool
in_words(const char *words, const char *low, size_t n)
{
	size_t j;

	if (words == NULL)
		return false;
	while (*words != '\0') {
		for (j = 0; j < n && words[j] == low[j] && words[j] != ' '; j++)
			;
		if (j == n && words[j] == ' ')
			return true;
		while (*words++ != ' ')
			;
	}
	return false;
}

/* Folds s (n < 8 bytes, ASCII capitals only) into low; returns the list
 * index of its first letter, or -1 when no listed word starts so. */
static int
fold_short(const char *s, size_t n, char low[8])
{
	size_t j;

	for (j = 0; j < n; j++)
		low[j] = (char)(s[j] >= 'A' && s[j] <= 'Z' ? s[j] + 32 : s[j]);
	return low[0] >= 'a' && low[0] <= 'z' ? low[0] - 'a' : -1;
}

/* The list index of the first letter of s (n < 8 bytes), or -1 when no
 * listed word (lens) starts with it and has n letters. */
static inline int
list_index(const char *s, size_t n, const uint8_t lens[26])
{
	unsigned c = (unsigned char)s[0] | 0x20;

	if (n == 0 || n >= 8 || c < 'a' || c > 'z' || !(lens[c - 'a'] >> n & 1))
		return -1;
	return (int)(c - 'a');
}

static bool
is_title(const char *s, size_t n)
{
	char low[8];

	if (list_index(s, n, title_lens) < 0)
		return false;
	return in_words(titles[fold_short(s, n, low)], low, n);
}

bool
lede_tok_is_abbrev(const char *s, size_t n)
{
	char low[8];
	int k;

	if (n > 0 && s[n - 1] == '.')
		n--;
	if (list_index(s, n, abbrev_lens) < 0)
		return false;
	k = fold_short(s, n, low);
	return in_words(titles[k], low, n) || in_words(enders[k], low, n);
}

static bool
is_upper_cp(uint32_t c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7) ||
	    (c >= 0x100 && c <= 0x17F && !(c & 1)) || (c >= 0x391 && c <= 0x3A9) ||
	    (c >= 0x400 && c <= 0x42F);
}

static bool
is_lower_cp(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 0xDF && c <= 0xFF && c != 0xF7) ||
	    (c >= 0x100 && c <= 0x17F && (c & 1)) || (c >= 0x3B1 && c <= 0x3C9) ||
	    (c >= 0x430 && c <= 0x45F);
}

static bool
is_digit_cp(uint32_t c)
{
	return c >= '0' && c <= '9';
}

/* Letters: ASCII letters and any non-ASCII character outside the
 * punctuation, symbol and space blocks. */
static bool
is_letter_cp(uint32_t c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	if (c < 0xC0 || c == 0xD7 || c == 0xF7)
		return false;
	if ((c >= 0x2000 && c <= 0x2BFF) || (c >= 0x3000 && c <= 0x303F) ||
	    (c >= 0xFE30 && c <= 0xFE6F) || (c >= 0xFF00 && c <= 0xFF0F) ||
	    (c >= 0xFF1A && c <= 0xFF20) || c == LEDE_REPLACEMENT || c >= 0x1F000)
		return false;
	return true;
}

static bool
is_apos(uint32_t c)
{
	return c == '\'' || c == 0x2019;
}

static bool
is_hyphen(uint32_t c)
{
	return c == '-' || c == 0x2010 || c == 0x2011;
}

struct cur {
	const char *s;
	size_t n;
	bool stops;                  /* s[n - 1] is not an ASCII letter or digit */
};

static uint32_t
cp_at(const struct cur *c, size_t i, size_t *adv)
{
	size_t a = 0;
	uint32_t cp;

	if (i >= c->n) {
		if (adv)
			*adv = 0;
		return 0;
	}
	if ((unsigned char)c->s[i] < 0x80) {
		if (adv)
			*adv = 1;
		return (unsigned char)c->s[i];
	}
	cp = lede_utf8_next(c->s + i, c->n - i, &a);
	if (adv)
		*adv = a;
	return cp;
}

static bool
is_word_cp(uint32_t c)
{
	return is_letter_cp(c) || is_digit_cp(c);
}

/* Scans the rest of a word from i, where the first run of ASCII letters
 * and digits (add_word reads it) has stopped; seg is where the word's
 * letters start and prev the last word character read (0: none). Returns
 * the word's end. Sets *dotted when the word has an inner period between
 * letters (U.S, e.g), which lets it take a final one. Adds to *seen the
 * classes of the ASCII word characters read, and H if any word
 * character was not ASCII. */
static size_t
scan_word(const struct cur *c, size_t i, size_t seg, uint32_t prev, bool *dotted, unsigned *seen)
{
	size_t a, a2, from;
	uint32_t cp, next;
	unsigned k, acc = *seen;

	*dotted = false;
	for (;;) {
		/* the common case, a run of ASCII letters and digits */
		from = i;
		while (i < c->n && ((k = byte_class[(unsigned char)c->s[i]]) & C_WORD)) {
			acc |= k;
			i++;
		}
		if (i > from)
			prev = (unsigned char)c->s[i - 1];
		if (i >= c->n)
			break;
		cp = (unsigned char)c->s[i];
		if (cp < 0x80) {
			/* only these ASCII marks may join two parts of a word */
			if (!(byte_class[cp] & J))
				break;
			a = 1;
		} else {
			cp = lede_utf8_next(c->s + i, c->n - i, &a);
			if (is_word_cp(cp)) {
				acc |= H;
				prev = cp;
				i += a;
				continue;
			}
		}
		next = cp_at(c, i + a, &a2);
		if (a2 == 0 || prev == 0)
			break;
		if (cp == '.' && is_digit_cp(prev) && is_digit_cp(next)) {
			i += a;
		} else if (cp == '.' && is_letter_cp(prev) && is_letter_cp(next) && i - seg <= 2 &&
		    !is_lower_cp(next) == !is_lower_cp(prev)) {
			/* U.S.A, e.g: one-letter segments; not "end.The" */
			size_t k2 = i + a, a3;
			uint32_t after;
			(void)cp_at(c, k2, &a3);
			after = cp_at(c, k2 + a3, NULL);
			if (is_letter_cp(after) && after != 0)
				break;
			*dotted = true;
			i += a;
			seg = i;
		} else if (cp == ',' && is_digit_cp(prev) && is_digit_cp(next) &&
		    i + 3 < c->n && is_digit_cp((unsigned char)c->s[i + 2]) &&
		    is_digit_cp((unsigned char)c->s[i + 3]) &&
		    (i + 4 >= c->n || !is_digit_cp((unsigned char)c->s[i + 4]))) {
			i += a;
		} else if (is_hyphen(cp) && is_word_cp(next)) {
			i += a;
		} else if (is_apos(cp) && is_letter_cp(prev) && is_letter_cp(next)) {
			/* possessive 's is split off; O'Connor and don't stay whole */
			if ((next == 's' || next == 'S') && !is_word_cp(cp_at(c, i + a + 1, NULL)))
				break;
			i += a;
		} else if (cp == '&' && is_upper_cp(prev) && is_upper_cp(next)) {
			i += a;
		} else {
			break;
		}
		prev = cp_at(c, i, NULL);
		if (!is_word_cp(prev))
			break;
	}
	*seen = acc;
	return i;
}

static inline int
push(struct lede_toks *t, size_t start, size_t end, uint32_t flags, struct lede_err *err)
{
	if (t->n == t->cap && !lede_grow(&t->v, &t->cap, t->n + 1, sizeof *t->v))
		return lede_err_oom(err);
	t->v[t->n].start = (uint32_t)start;
	t->v[t->n].end = (uint32_t)end;
	t->v[t->n].flags = flags;
	t->n++;
	return 0;
}

static uint32_t
word_flags(const struct cur *c, size_t s, size_t e)
{
	uint32_t f = LEDE_TOK_WORD, cp;
	bool first = true, any_lower = false, any_letter = false;
	size_t a;

	while (s < e) {
		unsigned char b = (unsigned char)c->s[s];
		if (b < 0x80) {
			/* ASCII without decoding */
			s++;
			if (b >= '0' && b <= '9') {
				f |= LEDE_TOK_DIGIT;
				continue;
			}
			if (b >= 'a' && b <= 'z')
				any_lower = true;
			else if (!(b >= 'A' && b <= 'Z'))
				continue;
			any_letter = true;
			if (first) {
				f |= b <= 'Z' ? LEDE_TOK_UPPER : LEDE_TOK_LOWER;
				first = false;
			}
			continue;
		}
		cp = cp_at(c, s, &a);
		s += a;
		if (is_digit_cp(cp))
			f |= LEDE_TOK_DIGIT;
		if (!is_letter_cp(cp))
			continue;
		any_letter = true;
		if (is_lower_cp(cp))
			any_lower = true;
		if (first) {
			if (is_upper_cp(cp))
				f |= LEDE_TOK_UPPER;
			else
				f |= LEDE_TOK_LOWER;
			first = false;
		}
	}
	if (any_letter && !any_lower)
		f |= LEDE_TOK_ALLCAP;
	return f;
}

/* word_flags for a word whose word characters are all ASCII, from the
 * classes scan_word saw: only the first letter needs looking for. */
static inline uint32_t
ascii_flags(const unsigned char *s, unsigned seen)
{
	uint32_t f = LEDE_TOK_WORD | (seen & D);

	if (seen & C_LETTER) {
		while (!(byte_class[*s] & C_LETTER))
			s++;
		f |= byte_class[*s] & C_LETTER;
		if (!(seen & L))
			f |= LEDE_TOK_ALLCAP;
	}
	return f;
}

static bool
is_closer(const struct cur *c, const struct lede_tok *t)
{
	uint32_t cp = cp_at(c, t->start, NULL);

	return cp == '"' || cp == ')' || cp == ']' || cp == 0x201D || cp == 0x2019 ||
	    cp == '\'' || cp == 0xBB;
}

static bool
is_terminator(const struct cur *c, const struct lede_tok *t)
{
	uint32_t cp;

	if (t->flags & LEDE_TOK_WORD)
		return false;
	cp = cp_at(c, t->start, NULL);
	return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026;
}

/* The tokens that may end a sentence (all but plain words: marks and
 * abbreviations), listed as the tokenizer makes them so that the sentence
 * pass reads them alone; n past MARKS: too many, read every token. */
#define MARKS 512

struct marks {
	size_t n;
	uint32_t at[MARKS];
};

static inline void
mark(struct marks *m, size_t i)
{
	if (m->n < MARKS)
		m->at[m->n] = (uint32_t)i;
	m->n++;
}

/* Marks the sentence start after token i, if it ends one; false when
 * nothing follows it but closing marks. */
static bool
mark_after(const struct cur *c, struct lede_tok *v, size_t n, size_t i)
{
	const struct lede_tok *k = &v[i];
	bool term, abbr = false;
	size_t j;

	term = is_terminator(c, k);
	if (!term && (k->flags & LEDE_TOK_ABBR)) {
		size_t len = k->end - k->start;
		const char *s = c->s + k->start;
		bool single = len == 2 && is_upper_cp((unsigned char)s[0]);
		abbr = !single && !is_title(s, len - 1);
	}
	if (!term && !abbr)
		return true;
	j = i + 1;
	while (j < n && is_closer(c, &v[j]) && !(v[j].flags & LEDE_TOK_WORD))
		j++;
	if (j >= n)
		return false;
	if (term && !(v[j].flags & LEDE_TOK_LOWER))
		v[j].flags |= LEDE_TOK_SENT;
	else if (abbr && (v[j].flags & LEDE_TOK_UPPER) &&
	    in_list(starters, c->s + v[j].start, v[j].end - v[j].start))
		v[j].flags |= LEDE_TOK_SENT;
	return true;
}

/* Marks sentence starts: after . ! ? (and any closing marks) before a word
 * that is not small; after an abbreviation only before a word that usually
 * opens a sentence, since "U.S. officials" is one sentence. m lists the
 * tokens that are not plain words (which end nothing). */
static void
mark_sentences(const struct cur *c, struct lede_toks *t, const struct marks *m)
{
	struct lede_tok *v = t->v;
	size_t i, k, n = t->n;
	unsigned char b;

	if (n > 0)
		v[0].flags |= LEDE_TOK_SENT;
	if (m->n <= MARKS) {
		for (k = 0; k < m->n && (i = m->at[k]) + 1 < n; k++) {
			/* most are commas, quotes, dashes: no end, no abbreviation */
			b = (unsigned char)c->s[v[i].start];
			if (b < 0x80 && b != '.' && b != '!' && b != '?' && !(v[i].flags & LEDE_TOK_ABBR))
				continue;
			if (!mark_after(c, v, n, i))
				break;
		}
		return;
	}
	for (i = 0; i + 1 < n; i++) {
		if ((v[i].flags & (LEDE_TOK_WORD | LEDE_TOK_ABBR)) == LEDE_TOK_WORD)
			continue;
		if (!mark_after(c, v, n, i))
			break;
	}
}

/* Pushes the word that starts at s (its letters from from, past a leading
 * apostrophe); returns its end, or 0 when memory runs out. Inlined in the
 * tokenizer's loop: most words are one run of ASCII letters ended by a
 * space, read here without a call. */
static inline size_t
add_word(const struct cur *c, struct lede_toks *t, size_t s, size_t from, struct marks *m,
    struct lede_err *err)
{
	const unsigned char *text = (const unsigned char *)c->s, *p = text + from;
	const unsigned char *end = text + c->n;
	size_t e;
	unsigned k, seen = 0;
	uint32_t f;
	bool dotted = false;

	if (c->stops) {
		/* the text ends in a byte that is not a letter nor a digit, so
		 * the run stops before the end without testing for it */
		while ((k = byte_class[*p]) & C_WORD) {
			seen |= k;
			p++;
		}
	} else {
		for (;;) {
			if (!((k = byte_class[*p]) & C_WORD))
				break;
			seen |= k;
			if (++p == end) {
				k = 0;
				break;
			}
		}
	}
	e = (size_t)(p - text);
	if (k & (J | H))
		e = scan_word(c, e, from, e > from ? text[e - 1] : 0, &dotted, &seen);
	if (s == from && !(seen & H))
		f = ascii_flags(text + s, seen);
	else
		f = word_flags(c, s, e);
	if (e < c->n && text[e] == '.') {
		bool single = e - s == 1 && (f & LEDE_TOK_UPPER);
		/* "No. 10" but "said no." */
		bool number = e - s == 2 && (text[s] == 'N' || text[s] == 'n') && text[s + 1] == 'o' &&
		    e + 2 < c->n && text[e + 1] == ' ' && text[e + 2] >= '0' && text[e + 2] <= '9';
		if (dotted || single || number || lede_tok_is_abbrev(c->s + s, e - s)) {
			e++;
			f |= LEDE_TOK_ABBR;
			mark(m, t->n);
		}
	}
	if (push(t, s, e, f, err) != 0)
		return 0;
	return e;
}

int
lede_tokenize(const char *text, size_t len, struct lede_toks *t, struct lede_err *err)
{
	struct cur c = { text, len, len > 0 && !(byte_class[(unsigned char)text[len - 1]] & C_WORD) };
	size_t i = 0, a, e;
	uint32_t cp, next;
	struct marks m;

	m.n = 0;
	t->n = 0;
	if (len >= UINT32_MAX)
		return lede_errf(err, "a paragraph of %zu bytes is too long to annotate", len);
	while (i < len) {
		unsigned k = byte_class[(unsigned char)text[i]];
		size_t from = i;

		if (k & S) {
			i++;
			continue;
		}
		if (!(k & (C_WORD | H | Q))) {
			/* ASCII punctuation: a run of the same mark is one token
			 * ("...", "--") */
			e = i + 1;
			if (text[i] == '.' || text[i] == '-')
				while (e < len && text[e] == text[i])
					e++;
			mark(&m, t->n);
			if (push(t, i, e, 0, err) != 0)
				return -1;
			i = e;
			continue;
		}
		if (!(k & C_WORD)) {
			/* past ASCII, and the apostrophe: decode and look ahead */
			cp = cp_at(&c, i, &a);
			if (cp >= 0x80 && lede_cp_is_space(cp)) {
				i += a;
				continue;
			}
			next = cp_at(&c, i + a, NULL);
			/* possessive: 's ’s after a word, or a lone ’ after a word in s */
			if (is_apos(cp) && t->n > 0 && t->v[t->n - 1].end == i &&
			    (t->v[t->n - 1].flags & LEDE_TOK_WORD)) {
				const struct lede_tok *p = &t->v[t->n - 1];
				char last = text[p->end - 1];
				if ((next == 's' || next == 'S') && !is_word_cp(cp_at(&c, i + a + 1, NULL))) {
					mark(&m, t->n);
					if (push(t, i, i + a + 1, LEDE_TOK_POSS, err) != 0)
						return -1;
					i += a + 1;
					continue;
				}
				if ((last == 's' || last == 'S') && !is_word_cp(next) && p->end - p->start > 1) {
					mark(&m, t->n);
					if (push(t, i, i + a, LEDE_TOK_POSS, err) != 0)
						return -1;
					i += a;
					continue;
				}
			}
			if (!is_word_cp(cp) && !(is_apos(cp) && is_digit_cp(next) &&
			    (t->n == 0 || t->v[t->n - 1].end < i))) {
				mark(&m, t->n);
				if (push(t, i, i + a, 0, err) != 0)
					return -1;
				i += a;
				continue;
			}
			if (is_apos(cp))
				from = i + a;
		}
		/* the one place words are made, so that add_word is inlined */
		if ((i = add_word(&c, t, i, from, &m, err)) == 0)
			return -1;
		/* the one space after a word, without another turn */
		if (i < len && text[i] == ' ')
			i++;
	}
	mark_sentences(&c, t, &m);
	return 0;
}

uint32_t
lede_tok_classify(const char *s, size_t n)
{
	struct cur c = { s, n, false };
	size_t i, a;
	uint32_t cp;

	if (n >= 2 && n <= 4 && is_apos(cp_at(&c, 0, &a)) && (s[a] == 's' || s[a] == 'S') && a + 1 == n)
		return LEDE_TOK_POSS;
	for (i = 0; i < n; i += a) {
		cp = cp_at(&c, i, &a);
		if (is_word_cp(cp)) {
			uint32_t f = word_flags(&c, 0, n);
			if (n > 1 && s[n - 1] == '.')
				f |= LEDE_TOK_ABBR;
			return f;
		}
	}
	return 0;
}

void
lede_toks_free(struct lede_toks *t)
{
	free(t->v);
	t->v = NULL;
	t->n = t->cap = 0;
}

size_t
lede_tok_lower(const char *s, size_t n, char *out, size_t cap)
{
	size_t i = 0, o = 0, a;
	uint32_t cp;
	char tmp[4];
	size_t k;

	if (cap == 0)
		return 0;
	/* the ASCII start of the word, a byte out for a byte in */
	for (k = n < cap - 1 ? n : cap - 1; i < k && (unsigned char)s[i] < 0x80; i++)
		out[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] + 32) : s[i];
	o = i;
	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			char ch = s[i++];
			if (o + 1 >= cap)
				break;
			out[o++] = ch >= 'A' && ch <= 'Z' ? (char)(ch + 32) : ch;
			continue;
		}
		cp = lede_utf8_next(s + i, n - i, &a);
		i += a;
		if (cp >= 'A' && cp <= 'Z')
			cp += 32;
		else if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
			cp += 32;
		else if (cp >= 0x100 && cp <= 0x17F && !(cp & 1))
			cp += 1;
		else if (cp >= 0x391 && cp <= 0x3A9)
			cp += 32;
		else if (cp >= 0x410 && cp <= 0x42F)
			cp += 32;
		else if (cp == 0x2019 || cp == 0x2018)
			cp = '\'';
		k = lede_utf8_put(tmp, cp);
		if (o + k >= cap)
			break;
		memcpy(out + o, tmp, k);
		o += k;
	}
	out[o] = '\0';
	return o;
}
