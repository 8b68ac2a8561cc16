#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "lede/buf.h"
#include "lede/text.h"
#include "lede/tok.h"

/* Titles and abbreviations that keep their period. A title never ends a
 * sentence; the rest may, when what follows looks like a new sentence. */
static const char *const titles[] = {
	"mr", "mrs", "ms", "messrs", "mme", "mlle", "dr", "prof", "sr", "jr", "st", "mt", "ft",
	"gen", "col", "lt", "sgt", "capt", "cmdr", "cdr", "adm", "maj", "brig", "cpl", "pvt",
	"sen", "rep", "gov", "pres", "rev", "hon", "fr", "supt", "insp", "det", "amb", "atty",
	"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
	"vs", "approx", "dept", "univ", "ave", "blvd", "rd", "gov't", "vol",
	"e.g", "i.e", "cf", "ca", "al", NULL,
};
static const char *const enders[] = {
	"inc", "corp", "ltd", "co", "bros", "etc", "plc", "llc", NULL,
};
static const char *const starters[] = {
	"The", "He", "She", "It", "They", "We", "I", "But", "And", "In", "A", "An", "This",
	"That", "There", "His", "Her", "Their", "Its", "On", "At", "As", "After", "Mr", "Mrs",
	"Ms", "Dr", "Some", "Many", "If", "When", "While", "So", "Yet", "Now", "Then", NULL,
};

static bool
in_list(const char *const *list, const char *s, size_t n, bool fold)
{
	size_t i, j;
	char c0 = n > 0 ? s[0] : 0;

	if (fold && c0 >= 'A' && c0 <= 'Z')
		c0 = (char)(c0 - 'A' + 'a');
	for (i = 0; list[i] != NULL; i++) {
		if (list[i][0] != c0)
			continue;
		for (j = 0; j < n && list[i][j] != '\0'; j++) {
			char c = s[j];
			if (fold && c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
			if (c != list[i][j])
				break;
		}
		if (j == n && list[i][j] == '\0')
			return true;
	}
	return false;
}

bool
lede_tok_is_abbrev(const char *s, size_t n)
{
	if (n > 0 && s[n - 1] == '.')
		n--;
	return n > 0 && n < 8 && (in_list(titles, s, n, true) || in_list(enders, s, n, true));
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

/* Scans a word from i; returns its end. Sets *dotted when the word has an
 * inner period between letters (U.S, e.g), which lets it take a final one. */
static bool
ascii_word(unsigned char b)
{
	return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9');
}

static size_t
scan_word(const struct cur *c, size_t i, bool *dotted)
{
	size_t a, a2, seg = i;
	uint32_t cp, prev = 0, next;

	*dotted = false;
	for (;;) {
		/* the common case, a run of ASCII letters and digits */
		while (i < c->n && ascii_word((unsigned char)c->s[i])) {
			prev = (unsigned char)c->s[i];
			i++;
		}
		cp = cp_at(c, i, &a);
		if (a == 0)
			break;
		if (is_word_cp(cp)) {
			prev = cp;
			i += a;
			continue;
		}
		next = cp_at(c, i + a, &a2);
		if (a2 == 0 || prev == 0)
			break;
		if (cp == '.' && is_digit_cp(prev) && is_digit_cp(next)) {
			i += a;
		} else if (cp == '.' && is_letter_cp(prev) && is_letter_cp(next) && i - seg <= 2 &&
		    !is_lower_cp(next) == !is_lower_cp(prev)) {
			/* U.S.A, e.g: one-letter segments; not "end.The" */
			size_t k = i + a, a3;
			uint32_t after;
			(void)cp_at(c, k, &a3);
			after = cp_at(c, k + a3, NULL);
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
		prev = 0;
		{
			size_t a4;
			prev = cp_at(c, i, &a4);
			if (!is_word_cp(prev))
				break;
		}
	}
	return i;
}

static int
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
	uint32_t cp = cp_at(c, t->start, NULL);

	if (t->flags & LEDE_TOK_WORD)
		return false;
	return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026;
}

/* Marks sentence starts: after . ! ? (and any closing marks) before a word
 * that is not small; after an abbreviation only before a word that usually
 * opens a sentence, since "U.S. officials" is one sentence. */
static void
mark_sentences(const struct cur *c, struct lede_toks *t)
{
	size_t i, j;

	if (t->n > 0)
		t->v[0].flags |= LEDE_TOK_SENT;
	for (i = 0; i + 1 < t->n; i++) {
		const struct lede_tok *k = &t->v[i];
		bool term = is_terminator(c, k), abbr = false;

		if (!term && (k->flags & LEDE_TOK_ABBR)) {
			size_t n = k->end - k->start;
			const char *s = c->s + k->start;
			bool single = n == 2 && is_upper_cp((unsigned char)s[0]);
			abbr = !single && !in_list(titles, s, n - 1, true);
		}
		if (!term && !abbr)
			continue;
		j = i + 1;
		while (j < t->n && is_closer(c, &t->v[j]) && !(t->v[j].flags & LEDE_TOK_WORD))
			j++;
		if (j >= t->n)
			break;
		if (term && !(t->v[j].flags & LEDE_TOK_LOWER))
			t->v[j].flags |= LEDE_TOK_SENT;
		else if (abbr && (t->v[j].flags & LEDE_TOK_UPPER) &&
		    in_list(starters, c->s + t->v[j].start, t->v[j].end - t->v[j].start, false))
			t->v[j].flags |= LEDE_TOK_SENT;
	}
}

int
lede_tokenize(const char *text, size_t len, struct lede_toks *t, struct lede_err *err)
{
	struct cur c = { text, len };
	size_t i = 0, a, e;
	uint32_t cp, next;
	bool dotted;

	t->n = 0;
	if (len >= UINT32_MAX)
		return lede_errf(err, "a paragraph of %zu bytes is too long to annotate", len);
	while (i < len) {
		cp = cp_at(&c, i, &a);
		if (cp == ' ' || (cp >= 0x80 && lede_cp_is_space(cp)) || cp == '\n' || cp == '\t' ||
		    cp == '\r') {
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
				if (push(t, i, i + a + 1, LEDE_TOK_POSS, err) != 0)
					return -1;
				i += a + 1;
				continue;
			}
			if ((last == 's' || last == 'S') && !is_word_cp(next) && p->end - p->start > 1) {
				if (push(t, i, i + a, LEDE_TOK_POSS, err) != 0)
					return -1;
				i += a;
				continue;
			}
		}
		if (is_word_cp(cp) || (is_apos(cp) && is_digit_cp(next) &&
		    (t->n == 0 || t->v[t->n - 1].end < i))) {
			size_t s = i;
			uint32_t f;
			e = scan_word(&c, is_apos(cp) ? i + a : i, &dotted);
			f = word_flags(&c, s, e);
			if (e < len && text[e] == '.') {
				bool single = e - s == 1 && (f & LEDE_TOK_UPPER);
				/* "No. 10" but "said no." */
				bool number = e - s == 2 && (text[s] == 'N' || text[s] == 'n') && text[s + 1] == 'o' &&
				    e + 2 < len && text[e + 1] == ' ' && text[e + 2] >= '0' && text[e + 2] <= '9';
				if (dotted || single || number || lede_tok_is_abbrev(text + s, e - s)) {
					e++;
					f |= LEDE_TOK_ABBR;
				}
			}
			if (push(t, s, e, f, &*err) != 0)
				return -1;
			i = e;
			continue;
		}
		/* punctuation: a run of the same mark is one token ("...", "--") */
		e = i + a;
		while (e < len && cp < 0x80 && (unsigned char)text[e] == cp && (cp == '.' || cp == '-'))
			e++;
		if (push(t, i, e, 0, err) != 0)
			return -1;
		i = e;
	}
	mark_sentences(&c, t);
	return 0;
}

uint32_t
lede_tok_classify(const char *s, size_t n)
{
	struct cur c = { s, n };
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
