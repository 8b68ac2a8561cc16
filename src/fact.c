/* Facts worth a glance. Each paragraph is cut into whitespace-separated
 * tokens with their surrounding brackets and quotation marks peeled off,
 * and short token patterns are matched left to right: money (every currency
 * given, "£1 billion ($1.24 billion)"), percentages, ages, scores, times,
 * dates, then counts with their noun. A token used by one fact is not reused
 * by another. Roles come from the people entries: a role written right next
 * to a mention of its holder ("French President Emmanuel Macron"). */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lede/buf.h"
#include "lede/cue.h"
#include "lede/fact.h"
#include "lede/text.h"

struct ftok {
	size_t rs, re;      /* the raw token, brackets and marks included */
	size_t s, e;        /* the token proper */
	size_t h;           /* a hash of the token proper, for tin */
	bool used;
};

struct tin_memo;

struct fctx {
	struct lede_doc *doc;
	int para;
	const char *t;
	size_t n;
	struct ftok *tk;
	size_t ntk, cap;
	struct tin_memo *memo;      /* word list answers already known (tin) */
};

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
	static const char *const abbr[] = {
		"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
	};
	size_t i;

	if (n < 2 || !isalpha((unsigned char)s[n - 2]))
		return false;
	if (memchr(s, '.', n - 1) != NULL && n <= 5)
		return true;
	for (i = 0; i < sizeof abbr / sizeof *abbr; i++) {
		if (strlen(abbr[i]) == n - 1 && strncasecmp(s, abbr[i], n - 1) == 0)
			return true;
	}
	return false;
}

/* Whether a space starts at byte i; *adv is its length in bytes. Plain
 * ASCII, nearly every byte, is told without decoding. */
static bool
space_at(const char *t, size_t n, size_t i, size_t *adv)
{
	unsigned char b = (unsigned char)t[i];

	if (b < 0x80) {
		*adv = 1;
		return b == ' ' || (b >= '\t' && b <= '\r');
	}
	return lede_cp_is_space(lede_utf8_next(t + i, n - i, adv));
}

static int
tokenize(struct fctx *c)
{
	size_t i = 0, adv, len;
	uint32_t cp;

	c->ntk = 0;
	while (i < c->n) {
		if (space_at(c->t, c->n, i, &adv)) {
			i += adv;
			continue;
		}
		if (!lede_grow(&c->tk, &c->cap, c->ntk + 1, sizeof *c->tk))
			return -1;
		struct ftok *k = &c->tk[c->ntk++];
		k->rs = i;
		k->used = false;
		while (i < c->n && !space_at(c->t, c->n, i, &adv))
			i += adv;
		k->re = i;
		k->s = k->rs;
		k->e = k->re;
		while (k->s < k->e && peel_front(lede_utf8_next(c->t + k->s, k->e - k->s, &adv)))
			k->s += adv;
		while (k->e > k->s) {
			cp = cp_before(c->t, k->s, k->e, &len);
			/* keep the dot of "p.m." and "Sept." */
			if (cp == '.' && keeps_dot(c->t + k->s, k->e - k->s))
				break;
			if (!peel_back(cp))
				break;
			k->e -= len;
		}
		k->h = 0xcbf29ce484222325ull;
		for (len = k->s; len < k->e; len++)
			k->h = (k->h ^ (unsigned char)c->t[len]) * 0x100000001b3ull;
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

/* Case-insensitive comparison of token i (a trailing dot ignored) with w. */
static bool
teq(const struct fctx *c, size_t i, const char *w)
{
	size_t n, wn;

	/* the words compared with are lower case: most tokens differ at once,
	 * and this runs for every token against every list */
	if (i >= c->ntk || (c->t[c->tk[i].s] | 0x20) != w[0])
		return false;
	n = tlen(c, i);
	wn = strlen(w);
	if (n > 1 && tstr(c, i)[n - 1] == '.' && w[wn - 1] != '.')
		n--;
	return n == wn && strncasecmp(tstr(c, i), w, n) == 0;
}

static bool
tin_scan(const struct fctx *c, size_t i, const char *const *list)
{
	char first;

	if (i >= c->ntk)
		return false;
	first = (char)(c->t[c->tk[i].s] | 0x20);
	for (; *list != NULL; list++) {
		if ((*list)[0] == first && teq(c, i, *list))
			return true;
	}
	return false;
}

/* Answers about token i and a word list, kept by the list and the token's
 * bytes: every token is looked up in a dozen lists and running text
 * repeats its words, so a page costs one scan of a list per distinct word.
 * The table starts small and doubles, and past TIN_MAX starts again empty. */
#define TIN_MIN 256
#define TIN_MAX 4096
#define TIN_MAXLEN 22                /* longer tokens are scanned each time */

struct tin_ent {
	const void *key;             /* what was asked; NULL: an empty slot */
	size_t h;                    /* the token's hash */
	char s[TIN_MAXLEN];
	uint8_t n;
	bool yes;
};

struct tin_memo {
	size_t n, cap;
	struct tin_ent *e;
};

typedef bool (*tin_scan_fn)(const struct fctx *c, size_t i, const void *key);

static size_t
tin_slot(size_t tokhash, const void *key, size_t cap)
{
	size_t h = (tokhash ^ (size_t)(uintptr_t)key) * 0x9E3779B97F4A7C15ull;

	return (h ^ (h >> 32)) & (cap - 1);
}

static void
tin_room(struct tin_memo *m)
{
	struct tin_ent *bigger;
	size_t i, j, cap = m->cap * 2;

	if (m->n + 1 <= m->cap / 4 * 3)
		return;
	if (cap > TIN_MAX || (bigger = calloc(cap, sizeof *bigger)) == NULL) {
		memset(m->e, 0, m->cap * sizeof *m->e);
		m->n = 0;
		return;
	}
	for (i = 0; i < m->cap; i++) {
		if (m->e[i].key == NULL)
			continue;
		for (j = tin_slot(m->e[i].h, m->e[i].key, cap); bigger[j].key != NULL; j = (j + 1) & (cap - 1))
			;
		bigger[j] = m->e[i];
	}
	free(m->e);
	m->e = bigger;
	m->cap = cap;
}

/* scan(c, i, key), remembered. */
static bool
tin_memo(const struct fctx *c, size_t i, const void *key, tin_scan_fn scan)
{
	struct tin_memo *m = c->memo;
	struct tin_ent *e;
	const char *s;
	size_t n, j;

	if (i >= c->ntk)
		return false;
	n = tlen(c, i);
	if (m == NULL || n >= TIN_MAXLEN)
		return scan(c, i, key);
	s = tstr(c, i);
	for (j = tin_slot(c->tk[i].h, key, m->cap); m->e[j].key != NULL; j = (j + 1) & (m->cap - 1)) {
		e = &m->e[j];
		if (e->key == key && e->n == n && memcmp(e->s, s, n) == 0)
			return e->yes;
	}
	tin_room(m);
	for (j = tin_slot(c->tk[i].h, key, m->cap); m->e[j].key != NULL; j = (j + 1) & (m->cap - 1))
		;
	e = &m->e[j];
	e->key = key;
	e->h = c->tk[i].h;
	memcpy(e->s, s, n);
	e->n = (uint8_t)n;
	e->yes = scan(c, i, key);
	m->n++;
	return e->yes;
}

static bool
scan_list(const struct fctx *c, size_t i, const void *key)
{
	return tin_scan(c, i, key);
}

/* Whether token i is in a word list. */
static bool
tin(const struct fctx *c, size_t i, const char *const *list)
{
	return tin_memo(c, i, list, scan_list);
}

/* Digits with inner , and . ("1,000", "2.5"); returns how many bytes of s
 * they take, 0 if s does not start with a digit. */
static size_t
num_len(const char *s, size_t n)
{
	size_t i = 0;

	if (n == 0 || !isdigit((unsigned char)s[0]))
		return 0;
	while (i < n && (isdigit((unsigned char)s[i]) ||
	    ((s[i] == ',' || s[i] == '.') && i + 1 < n && isdigit((unsigned char)s[i + 1]))))
		i++;
	return i;
}

static bool
is_num(const struct fctx *c, size_t i)
{
	return i < c->ntk && num_len(tstr(c, i), tlen(c, i)) == tlen(c, i);
}

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

	while (k < n && k < 3 && isupper((unsigned char)s[k]))
		k++;
	if (k >= n)
		return false;
	/* "5p", "50p": pence */
	if (k == 0 && n >= 2 && s[n - 1] == 'p' && num_len(s, n - 1) == n - 1)
		return true;
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
		if (j + 1 < c->ntk && tin(c, j + 1, scales))
			j++;
		return j;
	}
	/* "10 million euros", "14.6 billion Danish kroner" */
	if (is_num(c, i)) {
		j = i;
		if (j + 1 < c->ntk && tin(c, j + 1, scales))
			j++;
		if (j + 1 < c->ntk && tin(c, j + 1, currency_words))
			return j + 1;
		if (j + 2 < c->ntk && isupper((unsigned char)tstr(c, j + 1)[0]) &&
		    c->tk[j + 1].e == c->tk[j + 1].re && tin(c, j + 2, currency_words))
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
		if (tin(c, o, approx) && c->tk[o].e == c->tk[o].re)
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
	size_t n = tlen(c, i), d = num_len(s, n);

	if (d == 0)
		return 0;
	if (d + 1 == n && s[d] == '%') {
		*next = i + 1;
		return add(c, "percent", i, i, false);
	}
	if (d == n && i + 1 < c->ntk && (teq(c, i + 1, "percent") || teq(c, i + 1, "%"))) {
		*next = i + 2;
		return add(c, "percent", i, i + 1, false);
	}
	if (d == n && i + 2 < c->ntk && teq(c, i + 1, "per") && teq(c, i + 2, "cent")) {
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
	size_t n = tlen(c, i), d = num_len(s, n), u, un;
	char word[16];

	/* most words have no hyphen, and only "six-year-old" has one here */
	if (d == 0 && memchr(s, '-', n) == NULL)
		return false;
	if (d == 0) {
		while (d < n && d < sizeof word - 1 && isalpha((unsigned char)s[d])) {
			word[d] = (char)tolower((unsigned char)s[d]);
			d++;
		}
		word[d] = '\0';
		if (d == 0 || d == n || s[d] != '-')
			return false;
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
	v = atoi(s);
	if (v < 1 || v > 120 || c->tk[i].e == c->tk[i].re)
		return false;
	if (c->t[c->tk[i].e] != ',' && c->t[c->tk[i].e] != ')')
		return false;
	pr = tstr(c, i - 1);
	pn = tlen(c, i - 1);
	return pn > 0 && c->tk[i - 1].e < c->tk[i - 1].re && c->t[c->tk[i - 1].e] == ',' &&
	    c->tk[i - 1].e + 1 == c->tk[i - 1].re && isalpha((unsigned char)pr[0]) &&
	    (isupper((unsigned char)pr[0]) || pr[pn - 1] != 's');
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
	if ((teq(c, i, "died") || teq(c, i, "dies")) && teq(c, i + 1, "at") && is_num(c, i + 2) &&
	    tlen(c, i + 2) <= 3 && atoi(tstr(c, i + 2)) <= 120) {
		*next = i + 3;
		return add(c, "age", i, i + 2, false);
	}
	/* "aged 42", "age 42" */
	if ((teq(c, i, "aged") || teq(c, i, "age")) && i + 1 < c->ntk && is_num(c, i + 1) &&
	    tlen(c, i + 1) <= 3) {
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
	size_t n = tlen(c, i), a = num_len(s, n), b, dash;

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
	if (teq(c, i, "voted") && is_num(c, i + 1) && teq(c, i + 2, "to") && is_num(c, i + 3) &&
	    tlen(c, i + 1) <= 4 && tlen(c, i + 3) <= 4 && c->tk[i + 1].e == c->tk[i + 1].re) {
		*next = i + 4;
		return add(c, "score", i, i + 3, false);
	}
	if (!score_token(c, i))
		return 0;
	*next = i + 1;
	if (i > 0 && !c->tk[i - 1].used && tin(c, i - 1, score_verbs))
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

	while (d < n && d < 2 && isdigit((unsigned char)s[d]))
		d++;
	if (d == 0)
		return 0;
	h = (size_t)atoi(s);
	if (d < n && s[d] == ':' && d + 3 <= n && isdigit((unsigned char)s[d + 1]) &&
	    isdigit((unsigned char)s[d + 2]))
		d += 3;
	else if (d < n && s[d] == ':')
		return 0;
	/* "9.15pm": a dot between hours and minutes only with a clock suffix */
	else if (d < n && s[d] == '.' && d + 3 < n && isdigit((unsigned char)s[d + 1]) &&
	    isdigit((unsigned char)s[d + 2]) && s[d + 1] <= '5' && clock_suffix(s + d + 3, n - d - 3))
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

	return i < c->ntk && tlen(c, i) == 4 && is_num(c, i) && (s[0] == '1' || s[0] == '2') &&
	    atoi(s) >= 1800 && atoi(s) <= 2199;
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
	d = num_len(s, n);
	if (d == 0 || d > 2 || atoi(s) < 1 || atoi(s) > 31)
		return false;
	return d == n || (n == d + 2 && (strncasecmp(s + d, "st", 2) == 0 ||
	    strncasecmp(s + d, "nd", 2) == 0 || strncasecmp(s + d, "rd", 2) == 0 ||
	    strncasecmp(s + d, "th", 2) == 0));
}

static bool
is_month(const struct fctx *c, size_t i)
{
	/* "may" and "march" are words too: only capitalised */
	if (i >= c->ntk || !tin(c, i, months))
		return false;
	return isupper((unsigned char)tstr(c, i)[0]);
}

static bool
iso_date(const char *s, size_t n)
{
	return n == 10 && isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[3]) &&
	    s[4] == '-' && isdigit((unsigned char)s[5]) && isdigit((unsigned char)s[6]) &&
	    s[7] == '-' && isdigit((unsigned char)s[8]) && isdigit((unsigned char)s[9]);
}

static int
find_date(struct fctx *c, size_t i, size_t *next)
{
	size_t j;
	bool bare_ok;

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
		bare_ok = j > i || (i > 0 && (teq(c, i - 1, "in") || teq(c, i - 1, "since") ||
		    teq(c, i - 1, "until") || teq(c, i - 1, "last") || teq(c, i - 1, "next") ||
		    teq(c, i - 1, "early") || teq(c, i - 1, "late") || teq(c, i - 1, "mid") ||
		    teq(c, i - 1, "by") || teq(c, i - 1, "from") || teq(c, i - 1, "this") ||
		    teq(c, i - 1, "of") || teq(c, i - 1, "during") || teq(c, i - 1, "before") ||
		    teq(c, i - 1, "after")));
		if (!bare_ok)
			return 0;
		*next = j + 1;
		return add(c, "date", i, j, false);
	}
	/* "on Thursday", "last Friday" */
	if (tin(c, i, weekdays) && isupper((unsigned char)tstr(c, i)[0])) {
		j = i;
		*next = i + 1;
		if (i > 0 && !c->tk[i - 1].used && (teq(c, i - 1, "on") || teq(c, i - 1, "last") ||
		    teq(c, i - 1, "next") || teq(c, i - 1, "this") || teq(c, i - 1, "since") ||
		    teq(c, i - 1, "by") || teq(c, i - 1, "until")))
			return add(c, "date", i - 1, i, false);
		return add(c, "date", i, i, false);
	}
	/* "last month", "earlier this week" */
	if ((teq(c, i, "last") || teq(c, i, "next") || teq(c, i, "this")) && i + 1 < c->ntk &&
	    tin(c, i + 1, relative_units) && islower((unsigned char)tstr(c, i + 1)[0])) {
		*next = i + 2;
		if (i > 0 && !c->tk[i - 1].used && teq(c, i, "this") &&
		    (teq(c, i - 1, "earlier") || teq(c, i - 1, "later")))
			return add(c, "date", i - 1, i + 1, false);
		return add(c, "date", i, i + 1, false);
	}
	if (tin(c, i, relative_words)) {
		*next = i + 1;
		return add(c, "date", i, i, false);
	}
	/* "in 2016" */
	if (is_year(c, i) && i > 0 && (teq(c, i - 1, "in") || teq(c, i - 1, "since") ||
	    teq(c, i - 1, "until") || teq(c, i - 1, "by") || teq(c, i - 1, "from") ||
	    teq(c, i - 1, "of") || teq(c, i - 1, "before") || teq(c, i - 1, "after"))) {
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

	if (i >= c->ntk || c->tk[i].used || tin(c, i, not_nouns))
		return false;
	s = tstr(c, i);
	n = tlen(c, i);
	if (n < 2 || !isalpha((unsigned char)s[0]))
		return false;
	if (tin(c, i, irregular_plurals))
		return true;
	/* "grandchildren", "schoolchildren", "townspeople" */
	if ((n > 8 && strncasecmp(s + n - 8, "children", 8) == 0) ||
	    (n > 6 && strncasecmp(s + n - 6, "people", 6) == 0))
		return true;
	/* a plain lower-case word: "pro-Morales" is not a noun to count */
	for (size_t k = 0; k < n; k++) {
		if (!islower((unsigned char)s[k]) && s[k] != '-' && (unsigned char)s[k] < 0x80)
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
	bool big;

	if (!is_num(c, i) && !(tin(c, i, number_words) && islower((unsigned char)tstr(c, i)[0])) &&
	    !(tin(c, i, number_words) && (i == 0 || c->t[c->tk[i - 1].re - 1] == '.')))
		return 0;
	if (is_num(c, i) && (is_year(c, i) || c->t[c->tk[i].rs] == '('))
		return 0;
	/* "type 2 diabetes", "section 114 notice": a number naming a kind */
	if (i > 0 && c->tk[i - 1].e == c->tk[i - 1].re && tin(c, i - 1, label_words))
		return 0;
	if (j + 1 < c->ntk && tin(c, j + 1, scales) && !teq(c, j + 1, "m") &&
	    c->tk[j].e == c->tk[j].re)
		j++;
	/* "fell by 61,000 to 7.48 million", "a crowd of 71,412": a number this
	 * big is a count even with no noun */
	big = is_num(c, i) && (j > i || memchr(tstr(c, i), ',', tlen(c, i)) != NULL);
	/* "at least 23, dozens missing": a count never runs over a comma */
	if (c->tk[j].e != c->tk[j].re) {
		if (!big)
			return 0;
	} else {
		if (j + 2 < c->ntk && teq(c, j + 1, "of") && (teq(c, i, "hundreds") ||
		    teq(c, i, "thousands") || teq(c, i, "millions") || teq(c, i, "dozens") ||
		    teq(c, i, "scores")))
			j++;
		if (plural_noun(c, j + 1))
			j++;
		else if (j + 2 < c->ntk && plural_noun(c, j + 2) &&
		    islower((unsigned char)tstr(c, j + 1)[0]) && !tin(c, j + 1, not_nouns) &&
		    c->tk[j + 1].e == c->tk[j + 1].re)
			j += 2;
		else if (!big)
			return 0;
	}
	if (i > 0 && !c->tk[i - 1].used && tin(c, i - 1, approx)) {
		from = i - 1;
		if ((teq(c, from, "than") || teq(c, from, "least")) && from > 0 &&
		    (teq(c, from - 1, "more") || teq(c, from - 1, "at") || teq(c, from - 1, "fewer")))
			from--;
		else if (teq(c, from, "than") || teq(c, from, "least"))
			from = i;
	}
	*next = j + 1;
	return add(c, "count", from, j, false);
}

typedef int (*finder)(struct fctx *, size_t, size_t *);

/* The small words a fact can open on (see may_open): those the finders
 * compare token i with, and the lists they look token i up in. */
static const char *const openers[] = {
	"died", "dies", "aged", "age", "voted", "last", "next", "this", NULL,
};
static const char *const *const opener_lists[] = {
	openers, number_words, relative_words, months, weekdays,
};

static bool
scan_openers(const struct fctx *c, size_t i, const void *key)
{
	size_t k;

	(void)key;
	for (k = 0; k < sizeof opener_lists / sizeof *opener_lists; k++)
		if (tin_scan(c, i, opener_lists[k]))
			return true;
	return false;
}

/* Whether any finder can match at token i. Every pattern opens on a digit,
 * a capital, a currency sign, a hyphenated number word ("six-year-old"),
 * or a listed word (openers, number_words, relative_words, months,
 * weekdays), so any other small word, most of a text, is passed over at
 * once. A finder that opens on another word or list must add it to
 * openers or opener_lists. */
static bool
may_open(const struct fctx *c, size_t i)
{
	const char *s = tstr(c, i);
	size_t n = tlen(c, i);

	if (n == 0 || s[0] < 'a' || s[0] > 'z' || memchr(s, '-', n) != NULL)
		return true;
	return tin_memo(c, i, opener_lists, scan_openers);
}

static int
scan_para(struct fctx *c)
{
	static const finder finders[] = {
		find_money, find_percent, find_age, find_score, find_time, find_date, find_count,
	};
	size_t i = 0, next, f;

	if (tokenize(c) < 0)
		return -1;
	while (i < c->ntk) {
		if (!may_open(c, i)) {
			i++;
			continue;
		}
		next = i;
		for (f = 0; f < sizeof finders / sizeof *finders && next == i; f++) {
			if (c->tk[i].used)
				break;
			if (finders[f](c, i, &next) < 0)
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

static void
tin_memo_free(struct fctx *c)
{
	if (c->memo != NULL)
		free(c->memo->e);
	free(c->memo);
	c->memo = NULL;
}

int
lede_facts_find(struct lede_doc *doc, struct lede_err *err)
{
	struct fctx c;
	int p;

	memset(&c, 0, sizeof c);
	c.doc = doc;
	/* without memory for the memo, lists are scanned every time */
	if ((c.memo = calloc(1, sizeof *c.memo)) != NULL &&
	    (c.memo->e = calloc(TIN_MIN, sizeof *c.memo->e)) != NULL)
		c.memo->cap = TIN_MIN;
	else
		tin_memo_free(&c);
	for (p = LEDE_TITLE; p < (int)doc->nparas; p++) {
		if ((c.t = lede_doc_text(doc, p, &c.n)) == NULL)
			continue;
		c.para = p;
		if (scan_para(&c) < 0) {
			free(c.tk);
			tin_memo_free(&c);
			return lede_err_oom(err);
		}
	}
	free(c.tk);
	tin_memo_free(&c);
	if (find_roles(doc) < 0)
		return lede_err_oom(err);
	return 0;
}
