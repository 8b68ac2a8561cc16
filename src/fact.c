/* Facts worth a glance. Each paragraph is cut into whitespace-separated
 * tokens with their surrounding brackets and quotation marks peeled off,
 * and short token patterns are matched left to right: money (every currency
 * given, "£1 billion ($1.24 billion)"), percentages, ages, scores, times,
 * dates, then counts with their noun. A token used by one fact is not reused
 * by another. Roles come from the people entries: a role written right next
 * to a mention of its holder ("French President Emmanuel Macron").
 *
 * Every token is read once, through byte tables: the tokenizer notes the
 * class of its first byte and, when it may be a word some pattern opens on,
 * looks it up in one hash table of all the word lists below, so a pattern
 * asks "is token i a month?" with a bit test. Other words are looked up
 * only if a pattern asks about them, and a token no pattern opens on (most
 * of a text) is passed over. What each pattern opens on is its gate in
 * finders[], the one list of it: the tokenizer's choice of words to look
 * up at once and the scan's choice of tokens both derive from the gates. */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "lede/buf.h"
#include "lede/cue.h"
#include "lede/fact.h"
#include "lede/text.h"

/* Plain ASCII classes: the word lists are ASCII, and a byte of a UTF-8
 * sequence is never a letter or a digit here, whatever the locale. */
static bool
is_digit(unsigned char b)
{
	return b >= '0' && b <= '9';
}

static bool
is_upper(unsigned char b)
{
	return b >= 'A' && b <= 'Z';
}

static bool
is_lower(unsigned char b)
{
	return b >= 'a' && b <= 'z';
}

static bool
is_alpha(unsigned char b)
{
	return is_lower(b | 0x20);
}

/* The word lists. Each is one bit of a token's features (see struct ftok);
 * a word may be in several. Lists of one word stand for a single word the
 * patterns compare a token with. */
enum {
	L_SCALES, L_CURRENCY, L_NUMBER, L_APPROX, L_MONTHS, L_WEEKDAYS, L_REL_UNITS,
	L_REL_WORDS, L_SCORE_VERBS, L_NOT_NOUNS, L_LABELS, L_IRREGULAR,
	L_DIED, L_AGED, L_VOTED, L_DEICTIC, L_BEFORE_MONTH, L_BEFORE_WEEKDAY,
	L_BEFORE_YEAR, L_EARLIER, L_MANY_OF, L_AT_LEAST, L_THAN_LEAST, L_PERCENT,
	L_AT, L_PER, L_CENT, L_TO, L_M, L_THIS, L_OF,
	NLISTS
};

static const char *const scales[] = {
	"million", "billion", "trillion", "thousand", "hundred", "bn", "m", "k", "mn", "tn",
	"millions", "billions", NULL,
};
static const char *const currency_words[] = {
	"euros", "euro", "dollars", "dollar", "pounds", "pound", "sterling", "yen", "yuan",
	"roubles", "rubles", "rupees", "francs", "pence", "cents", "hryvnias", "won", "kroner",
	"krone", "kronor", "krona", "zloty", "zlotys", "rand", "lira", "pesos", "reais", "dirhams",
	"riyals", "shekels", "baht", "ringgit", "naira", "shillings", "soles", "rupiah",
	"dinars", "bitcoin", NULL,
};
static const char *const number_words[] = {
	"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
	"twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
	"nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
	"ninety", "hundreds", "thousands", "millions", "dozens", "dozen", "scores", NULL,
};
static const char *const approx[] = {
	"about", "around", "nearly", "almost", "roughly", "approximately", "over", "some",
	"least", "than", "up", NULL,
};
static const char *const months[] = {
	"january", "february", "march", "april", "may", "june", "july", "august",
	"september", "october", "november", "december", "jan.", "feb.", "mar.", "apr.",
	"jun.", "jul.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec.", "sept", "jan",
	"feb", "aug", "oct", "nov", "dec", NULL,
};
static const char *const weekdays[] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", NULL,
};
static const char *const relative_units[] = {
	"week", "month", "year", "weekend", "summer", "winter", "spring", "autumn", "fall",
	"morning", "night", "evening", "afternoon", "decade", "century", NULL,
};
static const char *const relative_words[] = {
	"yesterday", "today", "tomorrow", "tonight", "overnight", NULL,
};
static const char *const score_verbs[] = {
	"won", "lost", "beat", "drew", "leads", "led", "trail", "trailed", "win", "lose",
	NULL,
};
static const char *const not_nouns[] = {
	"of", "in", "to", "the", "and", "or", "per", "percent", "a", "an", "for", "on", "at",
	"by", "with", "from", "is", "are", "was", "were", "has", "have", "had", "will",
	"would", "more", "than", "times", "as", "that", "which", "who", "its", "their", "p.m.",
	"a.m.", "pm", "am", NULL,
};
static const char *const label_words[] = {
	"type", "category", "stage", "level", "phase", "grade", "article", "section", "number",
	"no", "route", "room", "flight", "platform", "gate", "chapter", "page", "class",
	"series", "version", NULL,
};
static const char *const irregular_plurals[] = {
	"people", "children", "men", "women", "police", "staff", "personnel", "aircraft",
	"sheep", "cattle", "feet", "teeth", "mice", "geese", "fish", "deer", "troops", NULL,
};
static const char *const died[] = { "died", "dies", NULL };
static const char *const aged[] = { "aged", "age", NULL };
static const char *const voted[] = { "voted", NULL };
static const char *const deictic[] = { "last", "next", "this", NULL };
/* "in March", "since June": a month with no day or year is a date only so */
static const char *const before_month[] = {
	"in", "since", "until", "last", "next", "early", "late", "mid", "by", "from", "this",
	"of", "during", "before", "after", NULL,
};
static const char *const before_weekday[] = {
	"on", "last", "next", "this", "since", "by", "until", NULL,
};
static const char *const before_year[] = {
	"in", "since", "until", "by", "from", "of", "before", "after", NULL,
};
static const char *const earlier[] = { "earlier", "later", NULL };
static const char *const many_of[] = {
	"hundreds", "thousands", "millions", "dozens", "scores", NULL,
};
static const char *const at_least[] = { "more", "at", "fewer", NULL };
static const char *const than_least[] = { "than", "least", NULL };
static const char *const percent_words[] = { "percent", "%", NULL };
static const char *const w_at[] = { "at", NULL };
static const char *const w_per[] = { "per", NULL };
static const char *const w_cent[] = { "cent", NULL };
static const char *const w_to[] = { "to", NULL };
static const char *const w_m[] = { "m", NULL };
static const char *const w_this[] = { "this", NULL };
static const char *const w_of[] = { "of", NULL };

static const char *const *const word_lists[NLISTS] = {
	[L_SCALES] = scales, [L_CURRENCY] = currency_words, [L_NUMBER] = number_words,
	[L_APPROX] = approx, [L_MONTHS] = months, [L_WEEKDAYS] = weekdays,
	[L_REL_UNITS] = relative_units, [L_REL_WORDS] = relative_words,
	[L_SCORE_VERBS] = score_verbs, [L_NOT_NOUNS] = not_nouns, [L_LABELS] = label_words,
	[L_IRREGULAR] = irregular_plurals, [L_DIED] = died, [L_AGED] = aged,
	[L_VOTED] = voted, [L_DEICTIC] = deictic, [L_BEFORE_MONTH] = before_month,
	[L_BEFORE_WEEKDAY] = before_weekday, [L_BEFORE_YEAR] = before_year,
	[L_EARLIER] = earlier, [L_MANY_OF] = many_of, [L_AT_LEAST] = at_least,
	[L_THAN_LEAST] = than_least, [L_PERCENT] = percent_words, [L_AT] = w_at,
	[L_PER] = w_per, [L_CENT] = w_cent, [L_TO] = w_to, [L_M] = w_m, [L_THIS] = w_this,
	[L_OF] = w_of,
};

/* A token's features past the list bits: the class of its first byte. */
#define BIT(k)     ((uint64_t)1 << (k))
#define LISTS      (BIT(NLISTS) - 1)
#define F_DIGIT    BIT(NLISTS)          /* "42", "2025-01-14", "5p" */
#define F_UPPER    BIT(NLISTS + 1)      /* "March", "US$5" */
#define F_LOWER    BIT(NLISTS + 2)
#define F_SIGN     BIT(NLISTS + 3)      /* "$5", "£1", "US$5": '$' or a non-ASCII
					 * byte, after at most three capitals */
#define F_EMPTY    BIT(NLISTS + 4)      /* nothing left once peeled: a number */
#define F_HYPHENED BIT(NLISTS + 5)      /* letters then a hyphen: "six-year-old" */

/* The word table: each word of the lists, folded to lower case and packed
 * into two 64-bit halves, with the lists it is in. */
#define WORD_MAX 16
#define WORDS_CAP 512                   /* a power of two, over twice the words */

struct word_ent {
	uint64_t k[2];                  /* 0 0: an empty slot */
	uint64_t lists;
	bool dotted;                    /* the word ends with '.' */
};

struct ftok {
	size_t rs, re;      /* the raw token, brackets and marks included */
	size_t s, e;        /* the token proper */
	size_t nl;          /* how many bytes num_len takes of it */
	uint64_t f;         /* F_ bits, and the lists it is in once listed */
	bool listed;        /* else it is in no list a finder opens on, and its
			     * lists are looked up when a finder asks */
	bool used;
};

/* What a byte is to the tokenizer. */
#define B_PLAIN 1       /* printable ASCII but '-': inside a token */
#define B_FRONT 2       /* ( [ " ': peeled before a token */
#define B_BACK  4       /* ) ] " ' , ; : ! ? .: peeled after it */
#define B_WIDE  8       /* part of a multibyte character: decode it */

struct fctx {
	struct lede_doc *doc;
	int para;
	const char *t;
	size_t n;
	struct ftok *tk;
	size_t ntk, cap;
	size_t *open;               /* the tokens a finder may open on, in order */
	size_t nopen, capopen;
	struct word_ent *words;     /* WORDS_CAP slots */
	uint64_t opens;             /* every feature a finder opens on */
	/* bit n of ends[w][a & 31][z & 31]: a word of n bytes, or of n - 1
	 * and a dot, opens on a and ends on z, of any list (w 0) or of one a
	 * finder opens on (w 1). A token not marked is no such word; some
	 * bytes share a mark, so one marked may still be none. */
	uint32_t ends[2][32][32];
	unsigned char fold[256];    /* a letter folded, '.' or '%'; 0: no word has it */
	unsigned char first[256];   /* the F_ class of a first byte, >> NLISTS */
	unsigned char kind[256];    /* B_ bits */
	unsigned char letter[256];  /* 1 a lower-case ASCII letter, 2 a capital */
	unsigned char sign_after[256];  /* a capital, '$' or not ASCII: after a
				     * capital, "US$5" may follow */
};

/* Digits with inner , and . ("1,000", "2.5"); returns how many bytes of s
 * they take, 0 if s does not start with a digit. */
static size_t
num_len(const char *s, size_t n)
{
	size_t i = 0;

	if (n == 0 || !is_digit((unsigned char)s[0]))
		return 0;
	while (i < n && (is_digit((unsigned char)s[i]) ||
	    ((s[i] == ',' || s[i] == '.') && i + 1 < n && is_digit((unsigned char)s[i + 1]))))
		i++;
	return i;
}

static bool
peel_front(uint32_t cp)
{
	return cp == '(' || cp == '[' || cp == '"' || cp == '\'' || cp == 0x201C ||
	    cp == 0x2018 || cp == 0x201E || cp == 0xAB;
}

static bool
peel_back(uint32_t cp)
{
	return cp == ')' || cp == ']' || cp == '"' || cp == '\'' || cp == 0x201D ||
	    cp == 0x2019 || cp == 0xBB || cp == ',' || cp == ';' || cp == ':' || cp == '!' ||
	    cp == '?' || cp == '.';
}

static size_t
word_slot(const uint64_t k[2])
{
	uint64_t h = k[0] * 0x9E3779B97F4A7C15ull ^ k[1] * 0xC2B2AE3D27D4EB4Full;

	return (size_t)(h >> 40) & (WORDS_CAP - 1);
}

static const struct word_ent *
word_find(const struct fctx *c, const uint64_t k[2])
{
	size_t j;

	for (j = word_slot(k); c->words[j].k[0] != 0; j = (j + 1) & (WORDS_CAP - 1)) {
		if (c->words[j].k[0] == k[0] && c->words[j].k[1] == k[1])
			return &c->words[j];
	}
	return NULL;
}

/* The word table and the byte tables; opens is what the finders open on. */
static int
ctx_build(struct fctx *c, uint64_t opens)
{
	const char *const *w;
	uint64_t k[2];
	size_t l, j, n;

	if ((c->words = calloc(WORDS_CAP, sizeof *c->words)) == NULL)
		return -1;
	c->opens = opens;
	for (l = 0; l < NLISTS; l++) {
		for (w = word_lists[l]; *w != NULL; w++) {
			/* the lists are short, lower case and ASCII */
			if ((n = strlen(*w)) == 0 || n > WORD_MAX)
				return -1;
			k[0] = k[1] = 0;
			memcpy(k, *w, n);
			for (j = word_slot(k); c->words[j].k[0] != 0; j = (j + 1) & (WORDS_CAP - 1)) {
				if (c->words[j].k[0] == k[0] && c->words[j].k[1] == k[1])
					break;
			}
			c->words[j].k[0] = k[0];
			c->words[j].k[1] = k[1];
			c->words[j].lists |= BIT(l);
			c->words[j].dotted = (*w)[n - 1] == '.';
			/* "jan" is also marked as "jan." (its dot dropped, a
			 * token may be it) */
			for (j = 0; j < 2 && (j == 0 || (*w)[n - 1] != '.'); j++) {
				unsigned char z = j == 0 ? (unsigned char)(*w)[n - 1] : '.';
				c->ends[0][(*w)[0] & 31][z & 31] |= (uint32_t)1 << (n + j);
				if (opens & BIT(l))
					c->ends[1][(*w)[0] & 31][z & 31] |= (uint32_t)1 << (n + j);
			}
		}
	}
	for (j = 0; j < 256; j++) {
		unsigned char b = (unsigned char)j;
		c->fold[j] = is_alpha(b) ? b | 0x20 : b == '.' || b == '%' ? b : 0;
		c->first[j] = (unsigned char)((is_digit(b) ? F_DIGIT : is_upper(b) ? F_UPPER :
		    is_lower(b) ? F_LOWER : b == '$' || b >= 0x80 ? F_SIGN : 0) >> NLISTS);
		c->letter[j] = is_lower(b) ? 1 : is_upper(b) ? 2 : 0;
		c->sign_after[j] = is_upper(b) || b == '$' || b >= 0x80;
		c->kind[j] = (unsigned char)((b > ' ' && b < 0x80 && b != '-' ? B_PLAIN : 0) |
		    (b >= 0x80 ? B_WIDE : 0) | (peel_front(b) && b < 0x80 ? B_FRONT : 0) |
		    (peel_back(b) && b < 0x80 ? B_BACK : 0));
	}
	return 0;
}

/* Whether s[0..n) may be a word of the lists (w 0), or of those a finder
 * opens on (w 1), by its ends and length; a final dot may be dropped. */
static inline bool
maybe_word(const struct fctx *c, int w, const char *s, size_t n)
{
	return n <= WORD_MAX + 1 && (c->ends[w][s[0] & 31][s[n - 1] & 31] >> n & 1);
}

/* Looks up the lists token k is in: a word is compared case-blind, and a
 * token's final dot is ignored unless the word has one ("Jan." is both
 * "jan" and "jan."). */
static void
token_list(const struct fctx *c, struct ftok *k)
{
	const char *s = c->t + k->s;
	const struct word_ent *w;
	size_t n = k->e - k->s, j;
	uint64_t key[2];
	unsigned char low[2 * sizeof key[0] + 1] = { 0 }, b;

	k->listed = true;
	if (n == 0 || !maybe_word(c, 0, s, n))
		return;
	for (j = 0; j < n; j++) {
		if ((b = c->fold[(unsigned char)s[j]]) == 0)
			return;
		low[j] = b;
	}
	if (n > 1 && low[n - 1] == '.') {
		if (n <= WORD_MAX) {
			memcpy(key, low, sizeof key);
			if ((w = word_find(c, key)) != NULL && w->dotted)
				k->f |= w->lists;
		}
		low[--n] = 0;
	}
	memcpy(key, low, sizeof key);
	if ((w = word_find(c, key)) != NULL && !w->dotted)
		k->f |= w->lists;
}

/* The code point ending just before byte e. */
static uint32_t
cp_before(const char *t, size_t s, size_t e, size_t *len)
{
	size_t b = e - 1, adv;

	while (b > s && ((unsigned char)t[b] & 0xC0) == 0x80)
		b--;
	*len = e - b;
	return lede_utf8_next(t + b, e - b, &adv);
}

/* The dot of "p.m.", "U.S." and "Sept." belongs to the word. */
static bool
keeps_dot(const char *s, size_t n)
{
	/* the months shortened to three letters, and "sept" */
	static const char abbr3[] = "janfebmaraprjunjulaugsepoctnovdec";
	char low[4];
	size_t i;

	if (n < 2 || !is_alpha((unsigned char)s[n - 2]))
		return false;
	if (n <= 5 && memchr(s, '.', n - 1) != NULL)
		return true;
	if (n - 1 != 3 && n - 1 != 4)
		return false;
	for (i = 0; i < n - 1; i++)
		low[i] = (char)(is_upper((unsigned char)s[i]) ? s[i] | 0x20 : s[i]);
	if (n - 1 == 4)
		return memcmp(low, "sept", 4) == 0;
	for (i = 0; i < sizeof abbr3 - 1; i += 3) {
		if (memcmp(low, abbr3 + i, 3) == 0)
			return true;
	}
	return false;
}

/* The length of the space at byte i, 0 if there is none. Plain ASCII,
 * nearly every byte, is told without decoding. */
static size_t
space_len(const char *t, size_t n, size_t i)
{
	unsigned char b = (unsigned char)t[i];
	size_t adv;

	if (b < 0x80)
		return b == ' ' || (b >= '\t' && b <= '\r');
	return lede_cp_is_space(lede_utf8_next(t + i, n - i, &adv)) ? adv : 0;
}

/* The features of token k, peeled, its first hyphen at t[hy]: its F_ bits,
 * and its lists when it may be in one a finder opens on (k->listed). */
static uint64_t
token_features(struct fctx *c, struct ftok *k, size_t hy)
{
	const unsigned char *t = (const unsigned char *)c->t;
	size_t s = k->s, e = k->e, n = e - s, d;
	unsigned char b = t[s];
	uint64_t f = (uint64_t)c->first[b] << NLISTS;

	k->listed = true;
	if (is_digit(b)) {
		k->nl = num_len(c->t + s, n);
		return f;
	}
	if (!is_alpha(b) && b != '%')
		return f;
	/* "US$5": up to three capitals, then a sign */
	if (is_upper(b)) {
		for (d = 1; d < n && d < 3 && is_upper(t[s + d]); d++)
			;
		if (d < n && (t[s + d] == '$' || t[s + d] >= 0x80))
			f |= F_SIGN;
	}
	/* "six-year-old": a word of at most 15 letters, then a hyphen */
	if (hy != SIZE_MAX && hy > s && hy - s <= 15 && hy < e) {
		for (d = s; d < hy && is_alpha(t[d]); d++)
			;
		if (d == hy)
			f |= F_HYPHENED;
	}
	/* a word no finder opens on is looked up only when a finder asks:
	 * most words of a text never are */
	if (maybe_word(c, 1, c->t + s, n)) {
		k->f = 0;
		token_list(c, k);
		return f | k->f;
	}
	k->listed = false;
	return f;
}

/* Peels the brackets and quotation marks before t[*s..*e) and the marks
 * and punctuation after it. */
static void
peel(const struct fctx *c, size_t *sp, size_t *ep)
{
	const unsigned char *t = (const unsigned char *)c->t, *kind = c->kind;
	size_t s = *sp, e = *ep, adv, len;
	unsigned char b, kd;

	while (s < e && (kind[t[s]] & (B_FRONT | B_WIDE))) {
		kd = kind[t[s]];
		if (kd & B_FRONT)
			s++;
		else if ((kd & B_WIDE) && peel_front(lede_utf8_next(c->t + s, e - s, &adv)))
			s += adv;
		else
			break;
	}
	while (e > s && (kind[t[e - 1]] & (B_BACK | B_WIDE))) {
		b = t[e - 1];
		kd = kind[b];
		if (kd & B_BACK) {
			/* keep the dot of "p.m." and "Sept." */
			if (b == '.' && keeps_dot(c->t + s, e - s))
				break;
			e--;
		} else if (peel_back(cp_before(c->t, s, e, &len))) {
			e -= len;
		} else {
			break;
		}
	}
	*sp = s;
	*ep = e;
}

/* The number of zero bits below the lowest set one; m != 0. */
static inline unsigned
ctz64(uint64_t m)
{
#ifdef __GNUC__
	return (unsigned)__builtin_ctzll(m);
#else
	unsigned k = 0;

	while (!(m & 1)) {
		m >>= 1;
		k++;
	}
	return k;
#endif
}

/* Which of the 64 bytes from t[base] are ASCII spaces (*space), and which
 * are not B_PLAIN (*stop: spaces, the other bytes under 0x21, bytes from
 * 0x80 and '-'), a bit each: the tokenizer finds where a token ends and the
 * next begins by counting zero bits, not a byte at a time. Bytes past the
 * text are read as NULs: stops, not spaces. */
static inline void
win_fill(const unsigned char *kind, const unsigned char *t, size_t n, size_t base,
    uint64_t *space, uint64_t *stop)
{
	uint64_t sp = 0, st = 0;
	size_t j;
#ifdef __SSE2__
	const __m128i blank = _mm_set1_epi8(' '), lo = _mm_set1_epi8(0x21),
	    dash = _mm_set1_epi8('-');
	unsigned char tail[64];
	const unsigned char *p = t + base;

	(void)kind;
	if (n - base < 64) {
		memset(tail, 0, sizeof tail);
		memcpy(tail, p, n - base);
		p = tail;
	}
	for (j = 0; j < 64; j += 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(p + j));
		/* a signed compare: under 0x21, or from 0x80 */
		__m128i y = _mm_or_si128(_mm_cmplt_epi8(x, lo), _mm_cmpeq_epi8(x, dash));
		sp |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, blank)) << j;
		st |= (uint64_t)(unsigned)_mm_movemask_epi8(y) << j;
	}
#else
	for (j = 0; j < 64; j++) {
		unsigned char b = base + j < n ? t[base + j] : 0;
		sp |= (uint64_t)(b == ' ') << j;
		st |= (uint64_t)!(kind[b] & B_PLAIN) << j;
	}
#endif
	*space = sp;
	*stop = st;
}

/* Cuts the paragraph into tokens at its spaces, peels each token's
 * brackets and marks, and notes what it may be. */
static int
tokenize(struct fctx *c)
{
	const unsigned char *t = (const unsigned char *)c->t, *kind = c->kind;
	size_t n = c->n, i = 0, adv, s, e, hy;
	unsigned char b, z;
	struct ftok *k;
	size_t base = 0;
	uint64_t space, stop, m, f;

	c->ntk = c->nopen = 0;
	win_fill(kind, t, n, base, &space, &stop);
	for (;;) {
		b = t[i];
		/* a token opens on printable ASCII, nearly always right after
		 * the one space that ended the last */
		if (b == ' ' && (kind[t[i + 1]] & B_PLAIN)) {
			i++;
		} else if (!(kind[b] & B_PLAIN)) {
			/* to the next byte that is not an ASCII space; past the
			 * text every byte is one, so this stops by n */
			while (b == ' ') {
				if (i - base >= 64) {
					base = i;
					win_fill(kind, t, n, base, &space, &stop);
				}
				if ((m = ~space >> (i - base)) != 0) {
					i += ctz64(m);
					b = t[i];
					break;
				}
				i = base + 64;
			}
			if (i >= n)
				break;
			if (!(kind[b] & B_PLAIN) && (adv = space_len(c->t, n, i)) > 0) {
				i += adv;
				continue;
			}
		}
		if (c->ntk == c->cap && !lede_grow(&c->tk, &c->cap, c->ntk + 1, sizeof *c->tk))
			return -1;
		s = i;
		hy = SIZE_MAX;
		/* to the next space; the text's final NUL stops the inner loop */
		for (;;) {
			for (;;) {
				if (i - base >= 64) {
					base = i;
					win_fill(kind, t, n, base, &space, &stop);
				}
				if ((m = stop >> (i - base)) != 0) {
					i += ctz64(m);
					break;
				}
				i = base + 64;
			}
			b = t[i];
			if (b == ' ' || i >= n)
				break;
			if (b == '-') {
				if (hy == SIZE_MAX)
					hy = i;
				i++;
			} else if (b >= 0x80) {
				if (lede_cp_is_space(lede_utf8_next(c->t + i, n - i, &adv)))
					break;
				i += adv;
			} else if (b == '\t' || (b >= '\n' && b <= '\r')) {
				break;
			} else {
				i++;
			}
		}
		k = &c->tk[c->ntk++];
		k->rs = s;
		k->re = e = i;
		k->nl = 0;
		k->used = false;
		b = t[s];
		z = t[e - 1];
		/* most tokens are a word of ASCII letters with nothing to peel,
		 * no hyphen and no currency sign ("US$"): then all there is to
		 * know is whether a finder opens on it (what token_features
		 * does, for these) */
		if (c->letter[b] && !(kind[z] & (B_BACK | B_WIDE)) && hy == SIZE_MAX &&
		    !(c->letter[b] == 2 && c->sign_after[t[s + 1]])) {
			k->s = s;
			k->e = e;
			f = (uint64_t)c->first[b] << NLISTS;
			/* maybe_word(c, 1, ...), its ends at hand */
			if (e - s <= WORD_MAX + 1 && (c->ends[1][b & 31][z & 31] >> (e - s) & 1)) {
				k->f = 0;
				token_list(c, k);
				f |= k->f;
			} else {
				k->listed = false;
			}
			k->f = f;
			goto opens;
		}
		/* most tokens have nothing to peel */
		if ((kind[b] & (B_FRONT | B_WIDE)) || (kind[z] & (B_BACK | B_WIDE)))
			peel(c, &s, &e);
		k->s = s;
		k->e = e;
		if (e == s) {
			k->f = F_EMPTY;
			k->listed = true;
		} else {
			k->f = token_features(c, k, hy);
		}
opens:
		if (k->f & c->opens) {
			if (c->nopen == c->capopen &&
			    !lede_grow(&c->open, &c->capopen, c->nopen + 1, sizeof *c->open))
				return -1;
			c->open[c->nopen++] = c->ntk - 1;
		}
	}
	return 0;
}

/* Past the last token, an empty word: patterns may look ahead freely. */
static size_t
tlen(const struct fctx *c, size_t i)
{
	return i < c->ntk ? c->tk[i].e - c->tk[i].s : 0;
}

static const char *
tstr(const struct fctx *c, size_t i)
{
	return i < c->ntk ? c->t + c->tk[i].s : "";
}

/* Whether token i has one of the features f: is in word list f, or has
 * first-byte class f. */
static bool
tis(const struct fctx *c, size_t i, uint64_t f)
{
	if (i >= c->ntk)
		return false;
	if ((f & LISTS) && !c->tk[i].listed)
		token_list(c, &c->tk[i]);
	return (c->tk[i].f & f) != 0;
}

static bool
tin(const struct fctx *c, size_t i, int list)
{
	return tis(c, i, BIT(list));
}

static bool
is_num(const struct fctx *c, size_t i)
{
	return i < c->ntk && c->tk[i].nl == c->tk[i].e - c->tk[i].s;
}

/* The value of the digits opening s[0..n), as atoi reads them: the byte
 * after a token is never a digit. */
static int
lead_value(const char *s, size_t n)
{
	int v = 0;
	size_t j;

	for (j = 0; j < n && is_digit((unsigned char)s[j]); j++)
		v = v * 10 + (s[j] - '0');
	return v;
}

static int
add(struct fctx *c, const char *kind, size_t from, size_t to, bool raw_end)
{
	struct lede_span sp;
	size_t i;

	sp.para = c->para;
	sp.start = c->tk[from].s;
	sp.end = raw_end ? c->tk[to].re : c->tk[to].e;
	/* a closing bracket is kept only when the fact opened one */
	if (raw_end) {
		size_t e = sp.end;
		while (e > sp.start && c->t[e - 1] != ')')
			e--;
		sp.end = e > sp.start ? e : c->tk[to].e;
	}
	for (i = from; i <= to; i++)
		c->tk[i].used = true;
	return lede_doc_add_fact(c->doc, kind, sp) < 0 ? -1 : 0;
}

/* "£1", "$5m", "US$2.5bn", "€300,000": a currency sign, then digits. */
static bool
money_token(const struct fctx *c, size_t i)
{
	const char *s = tstr(c, i);
	size_t n = tlen(c, i), k = 0, adv;
	uint32_t cp;

	while (k < n && k < 3 && is_upper((unsigned char)s[k]))
		k++;
	if (k >= n)
		return false;
	/* "5p", "50p": pence */
	if (k == 0 && n >= 2 && s[n - 1] == 'p' && num_len(s, n - 1) == n - 1)
		return true;
	/* only '$' among ASCII is a sign */
	if ((unsigned char)s[k] < 0x80 && s[k] != '$')
		return false;
	cp = lede_utf8_next(s + k, n - k, &adv);
	if (cp != '$' && cp != 0xA3 && cp != 0x20AC && cp != 0xA5 && cp != 0x20B9 && cp != 0x20BD)
		return false;
	return num_len(s + k + adv, n - k - adv) > 0;
}

/* The money amount at i, with a scale word; returns the last token or i-1. */
static size_t
money_at(const struct fctx *c, size_t i)
{
	size_t j;

	if (i >= c->ntk || c->tk[i].used)
		return i - 1;
	if (money_token(c, i)) {
		j = i;
		if (j + 1 < c->ntk && tin(c, j + 1, L_SCALES))
			j++;
		return j;
	}
	/* "10 million euros", "14.6 billion Danish kroner" */
	if (is_num(c, i)) {
		j = i;
		if (j + 1 < c->ntk && tin(c, j + 1, L_SCALES))
			j++;
		if (j + 1 < c->ntk && tin(c, j + 1, L_CURRENCY))
			return j + 1;
		if (j + 2 < c->ntk && tis(c, j + 1, F_UPPER) &&
		    c->tk[j + 1].e == c->tk[j + 1].re && tin(c, j + 2, L_CURRENCY))
			return j + 2;
	}
	return i - 1;
}

static int
find_money(struct fctx *c, size_t i, size_t *next)
{
	size_t j = money_at(c, i), k, o;

	if (j + 1 == i)
		return 0;
	/* "£1 billion ($1.24 billion)", "£5.5 million (about $7 million)":
	 * every currency given is one fact */
	o = j + 1;
	if (o < c->ntk && c->t[c->tk[o].rs] == '(') {
		if (tin(c, o, L_APPROX) && c->tk[o].e == c->tk[o].re)
			o++;
		if ((k = money_at(c, o)) >= o) {
			*next = k + 1;
			return add(c, "money", i, k, true);
		}
	}
	*next = j + 1;
	return add(c, "money", i, j, false);
}

static int
find_percent(struct fctx *c, size_t i, size_t *next)
{
	const char *s = tstr(c, i);
	size_t n = tlen(c, i), d = c->tk[i].nl;

	if (d == 0)
		return 0;
	if (d + 1 == n && s[d] == '%') {
		*next = i + 1;
		return add(c, "percent", i, i, false);
	}
	if (d == n && i + 1 < c->ntk && tin(c, i + 1, L_PERCENT)) {
		*next = i + 2;
		return add(c, "percent", i, i + 1, false);
	}
	if (d == n && i + 2 < c->ntk && tin(c, i + 1, L_PER) && tin(c, i + 2, L_CENT)) {
		*next = i + 3;
		return add(c, "percent", i, i + 2, false);
	}
	return 0;
}

/* "42-year-old", "six-year-old", "18-month-old", "42-year-olds" */
static bool
age_token(const struct fctx *c, size_t i)
{
	static const char *const units[] = {
		"-year-old", "-year-olds", "-month-old", "-month-olds", "-week-old", "-day-old",
	};
	const char *s = tstr(c, i);
	size_t n = tlen(c, i), d = c->tk[i].nl, u, un;
	char word[16];

	/* most words have no hyphen, and only "six-year-old" has one here */
	if (d == 0 && !tis(c, i, F_HYPHENED))
		return false;
	if (d == 0) {
		while (d < n && d < sizeof word - 1 && is_alpha((unsigned char)s[d])) {
			word[d] = (char)(s[d] | 0x20);
			d++;
		}
		word[d] = '\0';
		if (strcmp(word, "one") != 0 && strcmp(word, "a") != 0) {
			const char *const *w;
			for (w = number_words; *w != NULL && strcmp(*w, word) != 0; w++)
				;
			if (*w == NULL)
				return false;
		}
	} else if (d > 3) {
		return false;
	}
	for (u = 0; u < sizeof units / sizeof *units; u++) {
		un = strlen(units[u]);
		if (n == d + un && strncasecmp(s + d, units[u], un) == 0)
			return true;
	}
	return false;
}

/* "Jane Doe, 42, said": a small number set off by commas right after a
 * word, as news style gives a person's age. */
static bool
apposed_age(const struct fctx *c, size_t i)
{
	const char *s = tstr(c, i), *pr;
	size_t n = tlen(c, i), pn;
	int v;

	if (i == 0 || !is_num(c, i) || n > 3 || c->tk[i].s != c->tk[i].rs)
		return false;
	v = lead_value(s, n);
	if (v < 1 || v > 120 || c->tk[i].e == c->tk[i].re)
		return false;
	if (c->t[c->tk[i].e] != ',' && c->t[c->tk[i].e] != ')')
		return false;
	pr = tstr(c, i - 1);
	pn = tlen(c, i - 1);
	return pn > 0 && c->tk[i - 1].e < c->tk[i - 1].re && c->t[c->tk[i - 1].e] == ',' &&
	    c->tk[i - 1].e + 1 == c->tk[i - 1].re && is_alpha((unsigned char)pr[0]) &&
	    (is_upper((unsigned char)pr[0]) || pr[pn - 1] != 's');
}

static int
find_age(struct fctx *c, size_t i, size_t *next)
{
	if (age_token(c, i)) {
		*next = i + 1;
		return add(c, "age", i, i, false);
	}
	if (apposed_age(c, i)) {
		*next = i + 1;
		return add(c, "age", i, i, false);
	}
	/* "died at 88", "dies aged 88" */
	if (tin(c, i, L_DIED) && tin(c, i + 1, L_AT) && is_num(c, i + 2) &&
	    tlen(c, i + 2) <= 3 && lead_value(tstr(c, i + 2), 3) <= 120) {
		*next = i + 3;
		return add(c, "age", i, i + 2, false);
	}
	/* "aged 42", "age 42" */
	if (tin(c, i, L_AGED) && i + 1 < c->ntk && is_num(c, i + 1) && tlen(c, i + 1) <= 3) {
		*next = i + 2;
		return add(c, "age", i, i + 1, false);
	}
	return 0;
}

/* "2-1", "3-0", "80-19": small numbers either side of one hyphen or dash. */
static bool
score_token(const struct fctx *c, size_t i)
{
	const char *s = tstr(c, i);
	size_t n = tlen(c, i), a = c->tk[i].nl, b, dash;

	if (a == 0 || a > 3 || a >= n)
		return false;
	if (s[a] == '-')
		dash = 1;
	else if (n - a >= 3 && (unsigned char)s[a] == 0xE2 && (unsigned char)s[a + 1] == 0x80 &&
	    (unsigned char)s[a + 2] == 0x93)
		dash = 3;
	else
		return false;
	b = num_len(s + a + dash, n - a - dash);
	if (b == 0 || b > 3 || a + dash + b != n)
		return false;
	/* "1-2" sentences and ranges of years are not scores; the digits must
	 * not hold a decimal point */
	return memchr(s, '.', n) == NULL && memchr(s, ',', n) == NULL;
}

static int
find_score(struct fctx *c, size_t i, size_t *next)
{
	/* "voted 27 to 19": a tally */
	if (tin(c, i, L_VOTED) && is_num(c, i + 1) && tin(c, i + 2, L_TO) && is_num(c, i + 3) &&
	    tlen(c, i + 1) <= 4 && tlen(c, i + 3) <= 4 && c->tk[i + 1].e == c->tk[i + 1].re) {
		*next = i + 4;
		return add(c, "score", i, i + 3, false);
	}
	if (!score_token(c, i))
		return 0;
	*next = i + 1;
	if (i > 0 && !c->tk[i - 1].used && tin(c, i - 1, L_SCORE_VERBS))
		return add(c, "score", i - 1, i, false);
	return add(c, "score", i, i, false);
}

static bool
clock_suffix(const char *s, size_t n)
{
	return (n == 2 && (strncasecmp(s, "am", 2) == 0 || strncasecmp(s, "pm", 2) == 0)) ||
	    (n == 4 && (strncasecmp(s, "a.m.", 4) == 0 || strncasecmp(s, "p.m.", 4) == 0)) ||
	    (n == 3 && (strncasecmp(s, "a.m", 3) == 0 || strncasecmp(s, "p.m", 3) == 0));
}

static int
find_time(struct fctx *c, size_t i, size_t *next)
{
	const char *s = tstr(c, i);
	size_t n = tlen(c, i), d = 0, h;

	while (d < n && d < 2 && is_digit((unsigned char)s[d]))
		d++;
	if (d == 0)
		return 0;
	/* atoi's value, read here when it cannot overflow */
	for (h = d; h < n && h < 10 && is_digit((unsigned char)s[h]); h++)
		;
	h = h < 10 ? (size_t)lead_value(s, h) : (size_t)atoi(s);
	if (d < n && s[d] == ':' && d + 3 <= n && is_digit((unsigned char)s[d + 1]) &&
	    is_digit((unsigned char)s[d + 2]))
		d += 3;
	else if (d < n && s[d] == ':')
		return 0;
	/* "9.15pm": a dot between hours and minutes only with a clock suffix */
	else if (d < n && s[d] == '.' && d + 3 < n && is_digit((unsigned char)s[d + 1]) &&
	    is_digit((unsigned char)s[d + 2]) && s[d + 1] <= '5' && clock_suffix(s + d + 3, n - d - 3))
		d += 3;
	if (h > 24)
		return 0;
	/* "3pm", "3:30pm", "10.30am" is left alone */
	if (d < n && clock_suffix(s + d, n - d) && h <= 12) {
		*next = i + 1;
		return add(c, "time", i, i, false);
	}
	if (d == n && i + 1 < c->ntk && clock_suffix(tstr(c, i + 1), tlen(c, i + 1)) && h <= 12) {
		*next = i + 2;
		return add(c, "time", i, i + 1, false);
	}
	/* "15:00" */
	if (d == n && n >= 4 && s[n - 3] == ':') {
		*next = i + 1;
		return add(c, "time", i, i, false);
	}
	return 0;
}

static bool
is_year(const struct fctx *c, size_t i)
{
	const char *s = tstr(c, i);
	int v;

	if (i >= c->ntk || tlen(c, i) != 4 || !is_num(c, i) || (s[0] != '1' && s[0] != '2'))
		return false;
	v = lead_value(s, 4);
	return v >= 1800 && v <= 2199;
}

/* "14", "14th", "1st" */
static bool
is_day(const struct fctx *c, size_t i)
{
	const char *s = tstr(c, i);
	size_t n, d;

	if (i >= c->ntk)
		return false;
	n = tlen(c, i);
	d = c->tk[i].nl;
	/* one or two digits, then no digit */
	if (d == 0 || d > 2 || lead_value(s, d) < 1 || lead_value(s, d) > 31)
		return false;
	return d == n || (n == d + 2 && (strncasecmp(s + d, "st", 2) == 0 ||
	    strncasecmp(s + d, "nd", 2) == 0 || strncasecmp(s + d, "rd", 2) == 0 ||
	    strncasecmp(s + d, "th", 2) == 0));
}

/* "may" and "march" are words too: only capitalised */
static bool
is_month(const struct fctx *c, size_t i)
{
	return tin(c, i, L_MONTHS) && tis(c, i, F_UPPER);
}

static bool
iso_date(const char *s, size_t n)
{
	return n == 10 && is_digit((unsigned char)s[0]) && is_digit((unsigned char)s[3]) &&
	    s[4] == '-' && is_digit((unsigned char)s[5]) && is_digit((unsigned char)s[6]) &&
	    s[7] == '-' && is_digit((unsigned char)s[8]) && is_digit((unsigned char)s[9]);
}

static int
find_date(struct fctx *c, size_t i, size_t *next)
{
	size_t j;

	if (iso_date(tstr(c, i), tlen(c, i))) {
		*next = i + 1;
		return add(c, "date", i, i, false);
	}
	/* "14 January 2025", "14 January" */
	if (is_day(c, i) && is_month(c, i + 1)) {
		j = i + 1;
		if (is_year(c, j + 1))
			j++;
		*next = j + 1;
		return add(c, "date", i, j, false);
	}
	if (is_month(c, i)) {
		j = i;
		/* "January 14, 2025", "February 2022", "Sept. 11" */
		if (is_day(c, j + 1) && !is_year(c, j + 1)) {
			j++;
			if (is_year(c, j + 1))
				j++;
		} else if (is_year(c, j + 1)) {
			j++;
		}
		if (j == i && !(i > 0 && tin(c, i - 1, L_BEFORE_MONTH)))
			return 0;
		*next = j + 1;
		return add(c, "date", i, j, false);
	}
	/* "on Thursday", "last Friday" */
	if (tin(c, i, L_WEEKDAYS) && tis(c, i, F_UPPER)) {
		*next = i + 1;
		if (i > 0 && !c->tk[i - 1].used && tin(c, i - 1, L_BEFORE_WEEKDAY))
			return add(c, "date", i - 1, i, false);
		return add(c, "date", i, i, false);
	}
	/* "last month", "earlier this week" */
	if (tin(c, i, L_DEICTIC) && i + 1 < c->ntk && tin(c, i + 1, L_REL_UNITS) &&
	    tis(c, i + 1, F_LOWER)) {
		*next = i + 2;
		if (i > 0 && !c->tk[i - 1].used && tin(c, i, L_THIS) && tin(c, i - 1, L_EARLIER))
			return add(c, "date", i - 1, i + 1, false);
		return add(c, "date", i, i + 1, false);
	}
	if (tin(c, i, L_REL_WORDS)) {
		*next = i + 1;
		return add(c, "date", i, i, false);
	}
	/* "in 2016" */
	if (is_year(c, i) && i > 0 && tin(c, i - 1, L_BEFORE_YEAR)) {
		*next = i + 1;
		return add(c, "date", i, i, false);
	}
	return 0;
}

static bool
plural_noun(const struct fctx *c, size_t i)
{
	const char *s;
	size_t n;

	if (i >= c->ntk || c->tk[i].used || tin(c, i, L_NOT_NOUNS))
		return false;
	s = tstr(c, i);
	n = tlen(c, i);
	if (n < 2 || !is_alpha((unsigned char)s[0]))
		return false;
	if (tin(c, i, L_IRREGULAR))
		return true;
	/* "grandchildren", "schoolchildren", "townspeople" */
	if ((n > 8 && strncasecmp(s + n - 8, "children", 8) == 0) ||
	    (n > 6 && strncasecmp(s + n - 6, "people", 6) == 0))
		return true;
	/* a plain lower-case word: "pro-Morales" is not a noun to count */
	for (size_t k = 0; k < n; k++) {
		if (!is_lower((unsigned char)s[k]) && s[k] != '-' && (unsigned char)s[k] < 0x80)
			return false;
	}
	return s[n - 1] == 's' && s[n - 2] != 's';
}

/* "84 drones", "four children", "About 30 leaders", "500 million citizens",
 * "thousands of protesters". */
static int
find_count(struct fctx *c, size_t i, size_t *next)
{
	size_t j = i, from = i;
	bool big, num = is_num(c, i);

	if (!num && !(tin(c, i, L_NUMBER) && (tis(c, i, F_LOWER) ||
	    i == 0 || c->t[c->tk[i - 1].re - 1] == '.')))
		return 0;
	if (num && (is_year(c, i) || c->t[c->tk[i].rs] == '('))
		return 0;
	/* "type 2 diabetes", "section 114 notice": a number naming a kind */
	if (i > 0 && c->tk[i - 1].e == c->tk[i - 1].re && tin(c, i - 1, L_LABELS))
		return 0;
	if (j + 1 < c->ntk && tin(c, j + 1, L_SCALES) && !tin(c, j + 1, L_M) &&
	    c->tk[j].e == c->tk[j].re)
		j++;
	/* "fell by 61,000 to 7.48 million", "a crowd of 71,412": a number this
	 * big is a count even with no noun */
	big = num && (j > i || memchr(tstr(c, i), ',', tlen(c, i)) != NULL);
	/* "at least 23, dozens missing": a count never runs over a comma */
	if (c->tk[j].e != c->tk[j].re) {
		if (!big)
			return 0;
	} else {
		if (j + 2 < c->ntk && tin(c, j + 1, L_OF) && tin(c, i, L_MANY_OF))
			j++;
		if (plural_noun(c, j + 1))
			j++;
		else if (j + 2 < c->ntk && plural_noun(c, j + 2) &&
		    tis(c, j + 1, F_LOWER) && !tin(c, j + 1, L_NOT_NOUNS) &&
		    c->tk[j + 1].e == c->tk[j + 1].re)
			j += 2;
		else if (!big)
			return 0;
	}
	if (i > 0 && !c->tk[i - 1].used && tin(c, i - 1, L_APPROX)) {
		from = i - 1;
		if (tin(c, from, L_THAN_LEAST) && from > 0 && tin(c, from - 1, L_AT_LEAST))
			from--;
		else if (tin(c, from, L_THAN_LEAST))
			from = i;
	}
	*next = j + 1;
	return add(c, "count", from, j, false);
}

/* Each pattern with its gate, what its first token can be: a first-byte
 * class or a word list. A finder runs only on a token with one of its
 * gate's features; a token with none of any gate is passed over at once
 * (most of a text), and the words of the gates' lists are the ones the
 * tokenizer looks up at once. A pattern that opens on a new word or kind
 * of token adds it here, and misses it until then: there is no other
 * list to keep in step. */
static const struct finder {
	int (*find)(struct fctx *, size_t, size_t *);
	uint64_t gate;
} finders[] = {
	/* a sign or a number (an empty token is one) */
	{ find_money, F_DIGIT | F_SIGN | F_EMPTY },
	{ find_percent, F_DIGIT },
	{ find_age, F_DIGIT | F_EMPTY | F_HYPHENED | BIT(L_DIED) | BIT(L_AGED) },
	{ find_score, F_DIGIT | BIT(L_VOTED) },
	{ find_time, F_DIGIT },
	{ find_date, F_DIGIT | BIT(L_MONTHS) | BIT(L_WEEKDAYS) | BIT(L_DEICTIC) |
	    BIT(L_REL_WORDS) },
	{ find_count, F_DIGIT | F_EMPTY | BIT(L_NUMBER) },
};

static int
scan_para(struct fctx *c)
{
	size_t i = 0, o, next, f;

	if (tokenize(c) < 0)
		return -1;
	/* only a token some finder opens on can start a fact */
	for (o = 0; o < c->nopen; o++) {
		if (c->open[o] < i)
			continue;
		i = c->open[o];
		next = i;
		for (f = 0; f < sizeof finders / sizeof *finders && next == i; f++) {
			if (c->tk[i].used)
				break;
			if (!(c->tk[i].f & finders[f].gate))
				continue;
			if (finders[f].find(c, i, &next) < 0)
				return -1;
		}
		i = next > i ? next : i + 1;
	}
	return 0;
}

static bool
ci_suffix_at(const char *t, size_t end, const char *role)
{
	size_t n = strlen(role);

	if (n == 0 || n > end)
		return false;
	if (strncasecmp(t + end - n, role, n) != 0)
		return false;
	return end == n || !isalnum((unsigned char)t[end - n - 1]);
}

/* A role written right next to a mention of its holder: "French President
 * Emmanuel Macron", "John Healey, the defence secretary,". */
static int
find_roles(struct lede_doc *doc)
{
	size_t p, m, r, len, n;
	const char *t;

	for (p = 0; p < doc->npeople; p++) {
		struct lede_entity *e = &doc->people[p];
		for (m = 0; m < e->nmentions; m++) {
			struct lede_span s = e->mentions[m];
			struct lede_span best[2] = { { s.para, 0, 0 }, { s.para, 0, 0 } };
			int side;
			if ((t = lede_doc_text(doc, s.para, &len)) == NULL || s.end > len)
				continue;
			/* "French President" and "President" both stand before
			 * Macron: the fullest role is the one fact */
			for (r = 0; r < e->nroles; r++) {
				const char *role = e->roles[r];
				struct lede_span f = { s.para, 0, 0 };
				n = strlen(role);
				if (s.start >= 1 && t[s.start - 1] == ' ' &&
				    ci_suffix_at(t, s.start - 1, role)) {
					f.start = s.start - 1 - n;
					f.end = s.start - 1;
				} else if (s.end + 2 + n <= len && t[s.end] == ',' && t[s.end + 1] == ' ') {
					size_t k = s.end + 2;
					if (len - k > 4 && strncasecmp(t + k, "the ", 4) == 0)
						k += 4;
					if (k + n <= len && strncasecmp(t + k, role, n) == 0 &&
					    (k + n == len || !isalnum((unsigned char)t[k + n]))) {
						f.start = k;
						f.end = k + n;
					}
				}
				side = f.start > s.start;
				if (f.end - f.start > best[side].end - best[side].start)
					best[side] = f;
			}
			for (side = 0; side < 2; side++) {
				if (best[side].end > best[side].start &&
				    lede_doc_add_fact(doc, "role", best[side]) < 0)
					return -1;
			}
		}
	}
	return 0;
}

int
lede_facts_find(struct lede_doc *doc, struct lede_err *err)
{
	struct fctx c;
	int p, rc = 0;

	uint64_t opens = 0;
	size_t f;

	memset(&c, 0, sizeof c);
	c.doc = doc;
	for (f = 0; f < sizeof finders / sizeof *finders; f++)
		opens |= finders[f].gate;
	if (ctx_build(&c, opens) < 0)
		rc = -1;
	for (p = LEDE_TITLE; rc == 0 && p < (int)doc->nparas; p++) {
		if ((c.t = lede_doc_text(doc, p, &c.n)) == NULL)
			continue;
		c.para = p;
		rc = scan_para(&c);
	}
	free(c.tk);
	free(c.open);
	free(c.words);
	if (rc == 0)
		rc = find_roles(doc);
	return rc < 0 ? lede_err_oom(err) : 0;
}
