/* Who said each quote. The words around a quote are cut into a few dozen
 * tokens (never more than a bounded window, so the pass stays linear) and
 * matched against the shapes news prose uses: "…,” said X", "…,” X said",
 * "X told the BBC: “…”", "according to X", "X added:" closing the paragraph
 * before. The noun phrase found there is then resolved to a person: by a
 * mention of them inside it, by a role they hold ("the defence secretary"),
 * by a description said of them elsewhere, or, for he/she, by the subject of
 * the nearest sentence naming someone. What resolves to no person is kept as
 * written ("French diplomats", "the newspaper"). Quotes with no cue of their
 * own inherit the speaker of the quote they continue. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "lede/buf.h"
#include "lede/bytes.h"
#include "lede/cue.h"
#include "lede/paths.h"
#include "lede/quote.h"
#include "lede/text.h"

#define WIN_BYTES 600   /* how far a cue may stand from its quote */
#define TOK_MAX 96
#define NP_MAX 8        /* words in a speaker's noun phrase */
#define RECENT_MAX 256  /* mentions a role is checked against, nearest first */

enum { T_WORD, T_PUNCT, T_MARK };

struct tok {
	size_t s, e;
	int kind;
	uint32_t cp;        /* the character, for T_PUNCT and T_MARK */
	unsigned cls;       /* a word's W_ bits, once cls_known */
	bool cls_known;
};

/* Which of the word lists below a word is on, one bit a list. */
enum {
	W_VERB = 1u << 0, W_PART = 1u << 1, W_STOP = 1u << 2, W_SKIP = 1u << 3,
	W_DET = 1u << 4, W_TIME = 1u << 5, W_TITLE = 1u << 6, W_PRON = 1u << 7,
	W_FIRST = 1u << 8, W_ABBR = 1u << 9, W_PREP = 1u << 10, W_CLAUSE = 1u << 11,
	W_TAIL = 1u << 12, W_REL = 1u << 13,
};

#define LEX_SLOTS 1024  /* a power of two, over twice the words listed */
#define LEX_WORD 24     /* as word_in: no listed word is this long */

/* Every listed word, hashed once per document, so that a token is looked up
 * once instead of compared with list after list. */
struct lexicon {
	struct lex_slot {
		const char *w;  /* NULL: free */
		size_t n;
		unsigned cls;
	} slot[LEX_SLOTS];
};

struct toks {
	const char *text;   /* and text[a..b) is what was cut */
	size_t a, b;
	const struct lexicon *lex;
	struct tok t[TOK_MAX];
	int n;
	bool headline;      /* Title Case: a capitalised "Says" is still a verb */
};

/* Person mentions, per paragraph, sorted by start. */
struct ment {
	int para;
	int person;
	unsigned ord;       /* the order it was added in: the last tie-break */
	size_t s, e;
};

struct mindex {
	struct ment *m;
	size_t *first;      /* first[p + 1] .. first[p + 2]: paragraph p's (title at 0) */
	size_t nparas;
	int *desc_left;     /* description searches left: each reads back a while */
	char *gender;       /* per person: 'M', 'F' or 0 (not known) */
	struct lexicon *lex;
	struct toks *tk;    /* the tokens of the window being read */
	struct toks *tail;  /* and of the one after the quote */
};

struct np {
	int para;
	size_t s, e;
};

static const char *const verbs[] = {
	"accused", "acknowledged", "acknowledges", "add", "added", "adds", "admitted", "admits",
	"advised", "affirmed", "agreed", "alleged", "alleges", "announced", "announces",
	"answered", "argued", "argues", "asked", "asks", "asserted", "asserts", "assured",
	"attacked", "blasted", "boasted", "call", "called", "calls", "chanted", "boasts", "cautioned", "charged", "cited", "claimed", "claims",
	"commented", "complained", "complains", "conceded", "concedes", "concluded",
	"confirmed", "confirms", "contended", "contends", "continued", "continues",
	"countered", "counters", "cried", "declared", "declares", "demanded", "demands",
	"denied", "denies", "described", "emailed", "emphasised", "emphasises", "emphasized",
	"emphasizes", "exclaimed", "explained", "explains", "insisted", "insists", "joked",
	"jokes", "lamented", "maintained", "maintains", "mused", "noted", "notes", "observed",
	"opined", "pleaded", "posted", "predicted", "predicts", "promised", "promises",
	"quipped", "read", "recalled", "recalls", "remarked", "repeated", "replied", "replies",
	"reported", "reports", "responded", "responds", "reiterated", "said", "say", "says",
	"sang", "screamed", "shouted", "sings", "slammed", "speaks", "spoke", "stated", "states", "stressed", "stresses",
	"suggested", "suggests", "tell", "tells", "testified", "texted", "threatened",
	"told", "tweeted", "tweets", "urged", "urges", "vowed", "vows", "warned", "warns",
	"whispered", "wondered", "wrote", "writes", "yelled",
};

static const char *const participles[] = {
	"adding", "arguing", "asking", "claiming", "continuing", "declaring", "explaining",
	"insisting", "noting", "replying", "responding", "saying", "stating", "stressing",
	"telling", "tweeting", "warning", "writing",
};

static bool
word_in(const char *w, size_t n, const char *const *list, size_t nlist)
{
	char low[24];
	size_t i;

	if (n == 0 || n >= sizeof low)
		return false;
	for (i = 0; i < n; i++)
		low[i] = (char)tolower((unsigned char)w[i]);
	low[n] = '\0';
	/* the first letter turns away most of a list without a call */
	for (i = 0; i < nlist; i++) {
		if (list[i][0] == low[0] && strcmp(low, list[i]) == 0)
			return true;
	}
	return false;
}

#define IN(w, n, list) word_in((w), (n), (list), sizeof (list) / sizeof *(list))

/* The lists w[0..n) is on, compared in lower case as word_in does. */
static unsigned
lex_class(const struct lexicon *lex, const char *w, size_t n)
{
	char low[LEX_WORD];
	size_t i;
	unsigned h;

	if (n == 0 || n >= sizeof low)
		return 0;
	h = LEDE_FNV32_BASIS;   /* lede_fnv32, on the lower case made here */
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)w[i];
		c = (unsigned char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
		low[i] = (char)c;
		h = (h ^ c) * LEDE_FNV32_PRIME;
	}
	for (h &= LEX_SLOTS - 1; lex->slot[h].w != NULL;
	    h = (h + 1) & (LEX_SLOTS - 1)) {
		if (lex->slot[h].n == n && memcmp(lex->slot[h].w, low, n) == 0)
			return lex->slot[h].cls;
	}
	return 0;
}

bool
lede_cue_is_speech_verb(const char *w, size_t n, bool *participle)
{
	bool p = IN(w, n, participles);

	if (participle != NULL)
		*participle = p;
	return p || IN(w, n, verbs);
}

static const char *const stops[] = {
	"that", "which", "who", "whom", "and", "but", "because", "when", "while", "if", "as",
	"than", "so", "where", "after", "before", "since", "though", "although", "what", "how",
	"why", "whether", "in", "on", "at", "to", "for", "with", "from", "by", "about", "into",
	"during", "over", "under", "it", "is", "was", "are", "were", "be", "been", "has",
	"have", "had", "not", "this", "there", "then", "also", "once", "yet", "or", "nor",
	"said", "says", "told", "later", "again", "just", "would", "will", "could", "can",
	"did", "does", "do", "may", "might", "should", "must", "we", "i", "you", "us", "me",
	"him", "them", "her", "his", "its", "their", "our", "my", "your",
	"there\xe2\x80\x99s", "there's", "it\xe2\x80\x99s", "it's", "that\xe2\x80\x99s", "that's",
	"here\xe2\x80\x99s", "here's", "what\xe2\x80\x99s", "what's",
};

static const char *const skippable[] = {
	"also", "later", "then", "again", "once", "previously", "recently", "repeatedly",
	"has", "had", "have", "was", "is", "were", "would", "will", "did", "does", "had",
	"simply", "just", "since", "further", "already", "often", "never", "even", "still",
	"first", "last", "now", "later",
};

static const char *const determiners[] = {
	"the", "a", "an", "another", "one", "two", "three", "several", "many", "some", "his",
	"her", "their", "its", "our", "other", "these", "those",
};

static const char *const timewords[] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"today", "yesterday", "tonight", "week", "month", "year", "morning", "afternoon",
	"evening", "night", "earlier", "previously", "recently", "now",
};

static const char *const titles[] = {
	"nominee", "secretary", "president", "senator", "leader", "chairman", "chairwoman",
	"spokesman", "spokeswoman", "spokesperson", "candidate", "governor", "mayor",
	"minister", "commander", "envoy", "director", "chief", "official", "adviser",
	"advisor", "aide", "host", "anchor", "correspondent", "reporter", "pollster",
	"strategist", "manager", "attorney", "general", "representative", "congressman",
	"congresswoman", "ambassador", "chancellor", "judge", "justice", "speaker", "whip",
	"economist", "analyst", "professor", "founder", "executive", "officer", "head",
	"defence", "defense", "foreign", "state", "former", "vice", "deputy", "press",
	"campaign", "running", "mate", "nominee", "counsel", "lawyer", "activist", "author",
};

static const char *const pronouns[] = { "he", "she", "they", "i", "we", "it", "you" };
static const char *const first_person[] = { "i", "we", "you", "it" };

#define ABBREV_MAX 4    /* the longest of abbrevs */
static const char *const abbrevs[] = {
	"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "st", "jr",
	"sr", "prof", "rev", "pres", "capt", "adm", "maj", "supt", "insp", "atty", "amb",
};

/* The ASCII bytes is_word_cp takes. */
static const unsigned char ascii_alnum[256] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
	['8'] = 1, ['9'] = 1,
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1,
	['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1,
	['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
	['Y'] = 1, ['Z'] = 1,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1,
	['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1,
	['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
	['y'] = 1, ['z'] = 1,
};

static bool
is_word_cp(uint32_t cp)
{
	if (cp < 0x80)
		return ascii_alnum[cp] != 0;
	return lede_cue_is_letter(cp);
}

/* lede_utf8_next, reading plain ASCII (nearly every byte) without a call. */
static uint32_t
next_cp(const char *s, size_t n, size_t *adv)
{
	if ((unsigned char)*s < 0x80) {
		*adv = 1;
		return (unsigned char)*s;
	}
	return lede_utf8_next(s, n, adv);
}

static bool
is_space_cp(uint32_t cp)
{
	if (cp < 0x80)
		return cp == ' ' || (cp >= '\t' && cp <= '\r');
	return lede_cp_is_space(cp);
}

/* Cuts text[a..b) into tokens; words keep inner apostrophes, hyphens and
 * the dot of an abbreviation or initial. */
static void
tokenize(struct toks *tk, const char *text, size_t a, size_t b)
{
	size_t i = a, adv, j, jadv;
	uint32_t cp, nx;

	/* the same window again (the tail after a quote is read for more than
	 * one cue): its tokens, and what was looked up about them, stand */
	if (tk->text == text && tk->a == a && tk->b == b)
		return;
	tk->text = text;
	tk->a = a;
	tk->b = b;
	tk->n = 0;
	while (i < b && tk->n < TOK_MAX) {
		cp = next_cp(text + i, b - i, &adv);
		if (is_space_cp(cp)) {
			i += adv;
			continue;
		}
		struct tok *t = &tk->t[tk->n++];
		t->s = i;
		t->cp = cp;
		t->cls_known = false;
		if (!is_word_cp(cp)) {
			t->kind = lede_cue_is_quote_mark(cp) ? T_MARK : T_PUNCT;
			t->e = i + adv;
			i += adv;
			continue;
		}
		t->kind = T_WORD;
		j = i + adv;
		while (j < b) {
			/* the ASCII letters and digits of a word, without a decode */
			while (j < b && ascii_alnum[(unsigned char)text[j]])
				j++;
			if (j >= b)
				break;
			cp = next_cp(text + j, b - j, &jadv);
			if (is_word_cp(cp)) {
				j += jadv;
				continue;
			}
			if ((cp == '\'' || cp == 0x2019 || cp == '-' || cp == '.') && j + jadv < b) {
				nx = next_cp(text + j + jadv, b - j - jadv, &adv);
				if (is_word_cp(nx) && !(cp == '.' && nx >= 'a' && nx <= 'z')) {
					j += jadv;
					continue;
				}
			}
			break;
		}
		if (j < b && text[j] == '.' &&
		    ((j - i == 1 && isupper((unsigned char)text[i])) ||
		    (lex_class(tk->lex, text + i, j - i) & W_ABBR)))
			j++;
		t->e = j;
		i = j;
	}
}

/* The lists token i is on (an abbreviation's dot aside), looked up once. */
static unsigned
tcls(struct toks *tk, int i)
{
	struct tok *t = &tk->t[i];
	size_t len = t->e - t->s;

	if (!t->cls_known) {
		if (len > 1 && tk->text[t->e - 1] == '.')
			len--;
		t->cls = lex_class(tk->lex, tk->text + t->s, len);
		t->cls_known = true;
	}
	return t->cls;
}

/* Whether token i is a word on one of the lists in bits. */
static bool
tis(struct toks *tk, int i, unsigned bits)
{
	return tk->t[i].kind == T_WORD && (tcls(tk, i) & bits) != 0;
}

/* Whether token i is the word w[0..n) (given in lower case), in any case. */
static bool
tword(struct toks *tk, int i, const char *w, size_t n)
{
	const struct tok *t = &tk->t[i];

	return t->kind == T_WORD && t->e - t->s == n && (tk->text[t->s] | 0x20) == w[0] &&
	    strncasecmp(tk->text + t->s, w, n) == 0;
}

/* tword with a literal, whose length is known without strlen */
#define TWORD(tk, i, lit) tword((tk), (i), (lit), sizeof (lit) - 1)

static bool
tverb(struct toks *tk, int i, bool *participle)
{
	const struct tok *t = &tk->t[i];

	if (t->kind != T_WORD)
		return false;
	/* "pointed out", "went on", "shot back" */
	if (i + 1 < tk->n && ((TWORD(tk, i, "pointed") && TWORD(tk, i + 1, "out")) ||
	    (TWORD(tk, i, "went") && TWORD(tk, i + 1, "on")) ||
	    (TWORD(tk, i, "shot") && TWORD(tk, i + 1, "back")))) {
		*participle = false;
		return true;
	}
	/* "the United States", "Reports": a capital makes it a name, except in
	 * a headline or opening a sentence */
	if (isupper((unsigned char)tk->text[t->s]) && !tk->headline && i > 0 &&
	    !(tk->t[i - 1].kind != T_WORD))
		return false;
	/* lede_cue_is_speech_verb on the token, from its lists; those leave
	 * out an abbreviation's dot, and no verb has one */
	*participle = tk->text[t->e - 1] != '.' && (tcls(tk, i) & W_PART) != 0;
	if (tk->text[t->e - 1] == '.' || !(tcls(tk, i) & (W_PART | W_VERB)))
		return false;
	/* "a saying that goes", "his warning" */
	return !(*participle && i > 0 && tis(tk, i - 1, W_DET));
}

static bool
tcap(struct toks *tk, int i)
{
	const struct tok *t = &tk->t[i];
	unsigned char c = (unsigned char)tk->text[t->s];

	return t->kind == T_WORD && (isupper(c) || c >= 0xC0);
}

/* A function word ends a noun phrase; capitalised inside a sentence it is
 * a name ("said Will Tjernlund"). lo is where the sentence may start. */
static bool
stop_word(struct toks *tk, int i, int lo)
{
	if (!tis(tk, i, W_STOP))
		return false;
	if (!tcap(tk, i) || i == lo)
		return true;
	return tk->t[i - 1].kind != T_WORD && tk->t[i - 1].kind != T_MARK &&
	    (tk->t[i - 1].cp == '.' || tk->t[i - 1].cp == '!' || tk->t[i - 1].cp == '?');
}

/* An adverb in -ly ("quickly", "reportedly") or a listed filler word. */
static bool
tskip(struct toks *tk, int i)
{
	const struct tok *t = &tk->t[i];
	size_t n = t->e - t->s;
	const char *w = tk->text + t->s;

	if (t->kind != T_WORD)
		return false;
	if (n > 3 && w[n - 2] == 'l' && w[n - 1] == 'y' && islower((unsigned char)w[0]) &&
	    strncmp(w, "only", n) != 0)
		return true;
	return tis(tk, i, W_SKIP);
}

static const char *const preps[] = {
	"through", "across", "near", "outside", "inside", "at", "in", "from", "with", "around",
	"for",
};

static bool
ends_ing(struct toks *tk, int i)
{
	const struct tok *t = &tk->t[i];
	size_t n = t->e - t->s;

	return n > 4 && strncmp(tk->text + t->e - 3, "ing", 3) == 0 &&
	    islower((unsigned char)tk->text[t->s]);
}

/* The noun phrase ending just before token v (the verb), looking no further
 * back than token lo. */
static bool
np_before(struct toks *tk, int v, int lo, struct np *out)
{
	int i = v - 1, first, words = 0;

	while (i >= lo && tskip(tk, i))
		i--;
	/* "Trump on Wednesday said" */
	if (i - 1 >= lo && tis(tk, i, W_TIME) && (TWORD(tk, i - 1, "on") || TWORD(tk, i - 1, "last")))
		i -= 2;
	if (i < lo || tk->t[i].kind != T_WORD)
		return false;
	if (tis(tk, i, W_PRON)) {
		out->s = tk->t[i].s;
		out->e = tk->t[i].e;
		return true;
	}
	first = i + 1;
	while (i >= lo && tk->t[i].kind == T_WORD && words < NP_MAX) {
		if (tis(tk, i, W_DET)) {
			first = i;
			/* "Mr. Morgan of the Sierra Club" */
			if (i - 2 >= lo && TWORD(tk, i - 1, "of") && tk->t[i - 2].kind == T_WORD &&
			    tcap(tk, i - 2)) {
				i -= 2;
				first = i;
				words += 2;
				continue;
			}
			break;
		}
		if (tis(tk, i, W_TIME) || (stop_word(tk, i, lo) && !TWORD(tk, i, "of")))
			break;
		if (TWORD(tk, i, "of") && (i == lo || tk->t[i - 1].kind != T_WORD))
			break;
		first = i;
		words++;
		i--;
	}
	if (first >= v || TWORD(tk, first, "of"))
		return false;
	/* "Protesters marching through the streets chanted": the phrase after
	 * a preposition is not who speaks; the words before it are */
	if (first - 2 >= lo && tis(tk, first - 1, W_PREP)) {
		int j = first - 2;
		struct np inner;
		while (j >= lo && tk->t[j].kind == T_WORD && ends_ing(tk, j))
			j--;
		if (j >= lo && tk->t[j].kind == T_WORD && !tis(tk, j, W_STOP) &&
		    np_before(tk, j + 1, lo, &inner)) {
			out->s = inner.s;
			out->e = inner.e;
			return true;
		}
	}
	out->s = tk->t[first].s;
	out->e = tk->t[v - 1].e;
	/* drop trailing skipped words */
	{
		int last = v - 1;
		while (last > first && (tskip(tk, last) || tis(tk, last, W_TIME) ||
		    TWORD(tk, last, "on")))
			last--;
		out->e = tk->t[last].e;
	}
	return true;
}

/* A capitalised word that is no determiner ("One campaign video"): the
 * phrase starting there is read as a name. */
static bool
name_at(struct toks *tk, int i)
{
	return i < tk->n && tcap(tk, i) && !tis(tk, i, W_DET) && !tis(tk, i, W_STOP);
}

/* The noun phrase starting at token i ("said Sen. John McCain, who"). */
static bool
np_after(struct toks *tk, int i, struct np *out)
{
	int j = i, words = 0;

	if (i >= tk->n || tk->t[i].kind != T_WORD)
		return false;
	if (tis(tk, i, W_PRON)) {
		out->s = tk->t[i].s;
		out->e = tk->t[i].e;
		return true;
	}
	bool named;

	if (tis(tk, j, W_DET))
		j++;
	named = j == i && tcap(tk, j);
	while (j < tk->n && tk->t[j].kind == T_WORD && words < NP_MAX) {
		if (stop_word(tk, j, 0) && !TWORD(tk, j, "of"))
			break;
		/* a name ends at the first lower-case word ("Healey commended")
		 * that is no title ("Democratic nominee Hillary Clinton") */
		if (named && !tcap(tk, j) && !TWORD(tk, j, "of") && !tis(tk, j, W_TITLE))
			break;
		if (tis(tk, j, W_TIME) && words > 0)
			break;
		j++;
		words++;
	}
	while (j > i && TWORD(tk, j - 1, "of"))
		j--;
	if (j == i || words == 0)
		return false;
	out->s = tk->t[i].s;
	out->e = tk->t[j - 1].e;
	/* "said the study's lead author, Professor Jane Doe": a description
	 * names its holder right after the comma */
	if (!named && j + 1 < tk->n && tk->t[j].kind == T_PUNCT && tk->t[j].cp == ',' &&
	    name_at(tk, j + 1) && !tis(tk, j + 1, W_TIME) && !tis(tk, j + 1, W_PRON)) {
		struct np name;
		int k;
		if (np_after(tk, j + 1, &name)) {
			for (k = j + 1; k < tk->n && tk->t[k].s < name.e; k++) {
				if (!tcap(tk, k))
					break;
			}
			if (k >= tk->n || (tk->t[k].s >= name.e && tk->t[k].kind != T_WORD)) {
				out->s = name.s;
				out->e = name.e;
			}
		}
	}
	return true;
}

/* "according to X" anywhere in tokens [lo, hi). */
static bool
according(struct toks *tk, int lo, int hi, struct np *out)
{
	int i;

	for (i = lo; i + 2 < hi; i++) {
		if (TWORD(tk, i, "according") && TWORD(tk, i + 1, "to") && np_after(tk, i + 2, out))
			return true;
	}
	return false;
}

static const char *const clause_words[] = {
	"is", "was", "are", "were", "that", "which", "who", "and", "but", "it", "to", "be",
	"not", "this", "there", "if", "when", "because", "so", "as", "than", "what",
};

/* Tokens [i, v) before the verb v are the whole subject ("a narrator in the
 * Clinton ad asks"), unless they read as a clause. */
static bool
whole_np(struct toks *tk, int i, int v, struct np *out)
{
	int last = v - 1, k;

	while (last >= i && (tskip(tk, last) || (tis(tk, last, W_TIME) && last > i)))
		last--;
	if (last < i)
		return false;
	if (last == i && tis(tk, i, W_PRON)) {
		out->s = tk->t[i].s;
		out->e = tk->t[i].e;
		return true;
	}
	for (k = i; k <= last; k++) {
		if (tis(tk, k, W_CLAUSE) || tis(tk, k, W_PRON))
			return false;
	}
	if (TWORD(tk, last, "on") || TWORD(tk, last, "in"))
		last--;
	out->s = tk->t[i].s;
	out->e = tk->t[last].e;
	return true;
}

/* A cue right after the closing mark: "…,” said X", "…,” X said", "…,”
 * according to X". Tokens run to the sentence end or the next mark. */
static const char *const cue_tails[] = {
	"on", "in", "at", "after", "before", "during", "while", "when", "as", "to", "of",
	"last", "this", "yesterday", "today", "later", "earlier", "recently", "afterward",
	"afterwards", "about", "from", "with", "monday", "tuesday", "wednesday", "thursday",
	"friday", "saturday", "sunday",
};

static bool
cue_after(struct toks *tk, bool sentence_done, struct np *out)
{
	int i = 0, j;
	bool part;

	while (i < tk->n && tk->t[i].kind == T_PUNCT && (tk->t[i].cp == ',' ||
	    tk->t[i].cp == 0x2014 || tk->t[i].cp == 0x2013 || tk->t[i].cp == '-'))
		i++;
	/* "…” ― Pamela Padilla" */
	if (i + 1 < tk->n && tk->t[i].kind == T_PUNCT && (tk->t[i].cp == 0x2015 ||
	    tk->t[i].cp == 0x2014) && tcap(tk, i + 1))
		return np_after(tk, i + 1, out);
	if (i >= tk->n || tk->t[i].kind != T_WORD)
		return false;
	if (tverb(tk, i, &part) && !part)
		return np_after(tk, i + 1 + (TWORD(tk, i, "pointed") || TWORD(tk, i, "went") ||
		    TWORD(tk, i, "shot")), out);
	if (TWORD(tk, i, "according") && i + 2 < tk->n && TWORD(tk, i + 1, "to"))
		return np_after(tk, i + 2, out);
	for (j = i + 1; j < tk->n && j <= i + NP_MAX + 2 && tk->t[j].kind == T_WORD; j++) {
		if (tverb(tk, j, &part) && !part) {
			/* after a quote that ended its sentence, "Trump said." is a
			 * cue but "Trump stated his commitment" starts a new story */
			if (sentence_done && !(j + 1 >= tk->n || tk->t[j + 1].kind != T_WORD ||
			    tis(tk, j + 1, W_TAIL) || TWORD(tk, j, "told") || TWORD(tk, j, "tells")))
				return false;
			return whole_np(tk, i, j, out);
		}
	}
	/* "…,” Rep. Gwen Moore (D-Wis.) said", "…,” Scott Pruitt, the attorney
	 * general of Oklahoma, said" */
	if (tcap(tk, i) && np_after(tk, i, out)) {
		for (j = i; j < tk->n && tk->t[j].e <= out->e; j++)
			;
		if (j < tk->n && tk->t[j].kind == T_PUNCT && (tk->t[j].cp == ',' || tk->t[j].cp == '(')) {
			int k;
			for (k = j + 1; k < tk->n && k < j + 30; k++) {
				if (tk->t[k].kind == T_PUNCT && tk->t[k].cp != ',' && tk->t[k].cp != '(' &&
				    tk->t[k].cp != ')' && tk->t[k].cp != '-' && tk->t[k].cp != '.')
					break;
				if (tverb(tk, k, &part) && !part && tk->t[k - 1].kind == T_PUNCT &&
				    (tk->t[k - 1].cp == ',' || tk->t[k - 1].cp == ')'))
					return true;
			}
		}
	}
	return false;
}

static const char *const relatives[] = { "who", "whose", "which", "whom" };

/* The subject of verb v when a comma stands right before it: "The harbour
 * master, Alison Keast, agreed that “…”" (the name between the commas),
 * "Desmond Carrow, who played on it, later called it “…”" and "Scott
 * Pruitt, the attorney general, said" (the phrase before the first comma). */
static bool
comma_subject(struct toks *tk, int v, struct np *out)
{
	int j = v - 1, k, w;
	bool name = true;

	while (j >= 0 && tskip(tk, j))
		j--;
	if (j < 2 || tk->t[j].kind != T_PUNCT || tk->t[j].cp != ',')
		return false;
	for (k = j - 1; k >= 0 && j - k <= NP_MAX + 4; k--) {
		if (tk->t[k].kind == T_WORD)
			continue;
		if (tk->t[k].kind == T_PUNCT && (tk->t[k].cp == '-' || tk->t[k].cp == '(' ||
		    tk->t[k].cp == ')'))
			continue;
		break;
	}
	if (k < 1 || k + 1 >= j || tk->t[k].kind != T_PUNCT || tk->t[k].cp != ',')
		return false;
	if (tis(tk, k + 1, W_REL))
		return np_before(tk, k, 0, out);
	for (w = k + 1; w < j && name; w++)
		name = tk->t[w].kind != T_WORD || tcap(tk, w) || TWORD(tk, w, "de") ||
		    TWORD(tk, w, "van") || TWORD(tk, w, "von") || TWORD(tk, w, "al");
	if (name && name_at(tk, k + 1) && j - k - 1 <= 5) {
		out->s = tk->t[k + 1].s;
		out->e = tk->t[j - 1].e;
		return true;
	}
	/* "Their chief observer, the former foreign minister Kwabena Ofori-Atta,
	 * said": a description ending on a name (but "the attorney general of
	 * Oklahoma" ends on a place) */
	for (w = j - 1; w > k && tk->t[w].kind == T_WORD && tcap(tk, w) &&
	    !tis(tk, w, W_DET); w--)
		;
	if (w < j - 1 && w > k && tk->t[w].kind == T_WORD && !tcap(tk, w) && j - 1 - w <= 4 &&
	    tis(tk, k + 1, W_DET) && !tis(tk, w, W_DET) && !tis(tk, w, W_PREP) &&
	    !tis(tk, w, W_STOP) &&
	    !TWORD(tk, w, "of") && !TWORD(tk, w, "to")) {
		out->s = tk->t[w + 1].s;
		out->e = tk->t[j - 1].e;
		return true;
	}
	/* a description between the commas: the name is before them */
	if (tk->t[k - 1].kind == T_WORD && tcap(tk, k - 1))
		return np_before(tk, k, 0, out);
	return false;
}

/* A cue before the opening mark, in the same sentence: the speech verb
 * nearest the quote and its subject; for a participle ("…, saying “"), the
 * first verb's subject; a headline's "Name: …". */
static bool
cue_before(struct toks *tk, struct np *out)
{
	int i, j;
	bool part, p2;

	if (tk->n > 1 && TWORD(tk, 0, "according") && TWORD(tk, 1, "to") && np_after(tk, 2, out))
		return true;
	for (i = tk->n - 1; i >= 0; i--) {
		if (!tverb(tk, i, &part))
			continue;
		if (part) {
			/* "footage of Trump saying, “" */
			if (i > 0 && tcap(tk, i - 1) && !tis(tk, i - 1, W_PRON) &&
			    !tis(tk, i - 1, W_DET)) {
				for (j = i - 1; j > 0 && tcap(tk, j - 1) && !tis(tk, j - 1, W_DET); j--)
					;
				out->s = tk->t[j].s;
				out->e = tk->t[i - 1].e;
				return true;
			}
			for (j = 0; j < i; j++) {
				if (tverb(tk, j, &p2) && !p2 && np_before(tk, j, 0, out))
					return true;
			}
			/* "…, John Healey commended Trump, saying": the subject opens
			 * the clause before the participle's comma */
			j = i - 1;
			if (j >= 0 && tk->t[j].kind == T_PUNCT)
				j--;
			while (j >= 0 && !(tk->t[j].kind == T_PUNCT && tk->t[j].cp == ','))
				j--;
			j++;
			if (j < i && (tis(tk, j, W_PRON) || name_at(tk, j)) && np_after(tk, j, out))
				return true;
			return false;
		}
		if (TWORD(tk, i, "out") || TWORD(tk, i, "on") || TWORD(tk, i, "back"))
			continue;
		if (np_before(tk, i, 0, out))
			return true;
		if (comma_subject(tk, i, out))
			return true;
		/* "Douglas Brinkley, a historian who attended, recalled, “" */
		if (i > 0 && tk->t[i - 1].kind == T_PUNCT && (tk->t[i - 1].cp == ',' ||
		    tk->t[i - 1].cp == ')') && name_at(tk, 0) && np_after(tk, 0, out))
			return true;
		/* "Said Smith: “" */
		if (i == 0)
			return np_after(tk, i + 1, out);
	}
	for (i = 0; i < tk->n && i <= NP_MAX && tk->t[i].kind == T_WORD && tcap(tk, i); i++)
		;
	if (i > 0 && i < tk->n && tk->t[i].kind == T_PUNCT && tk->t[i].cp == ':') {
		out->s = tk->t[0].s;
		out->e = tk->t[i - 1].e;
		return true;
	}
	return false;
}

/* A sentence closing on its cue: "…, he said." or "…, said Smith." */
static bool
cue_closing(struct toks *tk, struct np *out)
{
	int n = tk->n, v;
	bool part;

	if (n < 3 || tk->t[n - 1].kind != T_PUNCT || tk->t[n - 1].cp != '.')
		return false;
	/* ", he said." */
	v = n - 2;
	if (tverb(tk, v, &part) && !part && v >= 2 && tk->t[v - 2].kind == T_PUNCT &&
	    tk->t[v - 2].cp == ',')
		return np_before(tk, v, v - 1, out);
	/* ", said Smith." */
	for (v = n - 2; v > 0 && v >= n - 5 && tk->t[v].kind == T_WORD; v--) {
		if (tverb(tk, v, &part) && !part && tk->t[v - 1].kind == T_PUNCT &&
		    tk->t[v - 1].cp == ',')
			return np_after(tk, v + 1, out);
	}
	return false;
}

/* ", he said," or ", Smith said," between two commas. */
static bool
cue_inside(struct toks *tk, struct np *out)
{
	int i;
	bool part;

	for (i = 0; i + 3 < tk->n; i++) {
		if (tk->t[i].kind != T_PUNCT || tk->t[i].cp != ',' || tk->t[i + 3].kind != T_PUNCT ||
		    tk->t[i + 3].cp != ',' || !tverb(tk, i + 2, &part) || part)
			continue;
		if (tis(tk, i + 1, W_PRON) ? !tis(tk, i + 1, W_FIRST) : name_at(tk, i + 1)) {
			out->s = tk->t[i + 1].s;
			out->e = tk->t[i + 1].e;
			return true;
		}
	}
	return false;
}

/* Sentence bounds: a sentence ends at . ! ? followed by a space, unless the
 * dot ends a known abbreviation or an initial. */
static bool
ends_sentence(const char *s, size_t n, size_t i)
{
	size_t w;

	if (s[i] != '.' && s[i] != '!' && s[i] != '?')
		return false;
	if (i + 1 < n && s[i + 1] != ' ')
		return false;
	if (s[i] != '.')
		return true;
	for (w = i; w > 0 && isalpha((unsigned char)s[w - 1]); w--)
		;
	if (i - w == 1 && isupper((unsigned char)s[w]))
		return false;
	/* every abbreviation listed has two to four letters */
	return i - w < 2 || i - w > ABBREV_MAX || !IN(s + w, i - w, abbrevs);
}

static bool
sentence_punct(char c)
{
	return c == '.' || c == '!' || c == '?';
}

#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define PUNCT_WORDS 1
/* The top bit of each of the eight bytes in x that is '.', '!' or '?',
 * exactly (no carry crosses a byte: each lane's sum stays under 0x100). */
static uint64_t
punct_lanes(uint64_t x)
{
	const uint64_t ones = 0x0101010101010101u, low7 = ones * 0x7F;
	uint64_t a = x ^ (ones * '.'), b = x ^ (ones * '!'), c = x ^ (ones * '?');

	/* a lane of a, b or c is 0 where x has the mark */
	return ~(((a & low7) + low7) | a | low7) | ~(((b & low7) + low7) | b | low7) |
	    ~(((c & low7) + low7) | c | low7);
}
#endif

/* The first of s[i..cap) that sentence_punct takes, or cap: eight bytes
 * a step, most of a window having none. */
static size_t
punct_from(const char *s, size_t i, size_t cap)
{
#ifdef PUNCT_WORDS
	uint64_t x, m;

	for (; i + 8 <= cap; i += 8) {
		memcpy(&x, s + i, 8);
		if ((m = punct_lanes(x)) != 0)
			return i + (size_t)(__builtin_ctzll(m) >> 3);
	}
#endif
	while (i < cap && !sentence_punct(s[i]))
		i++;
	return i;
}

/* The largest i in (floor, e] with s[i - 1] one sentence_punct takes, or
 * floor. */
static size_t
punct_before(const char *s, size_t floor, size_t e)
{
#ifdef PUNCT_WORDS
	uint64_t x, m;

	for (; e >= floor + 8; e -= 8) {
		memcpy(&x, s + e - 8, 8);
		if ((m = punct_lanes(x)) != 0)
			return e - 8 + (size_t)((63 - __builtin_clzll(m)) >> 3) + 1;
	}
#endif
	while (e > floor && !sentence_punct(s[e - 1]))
		e--;
	return e;
}

/* Both walk the window byte by byte, but look closer only at . ! ? */
static size_t
sentence_start(const char *s, size_t lo, size_t pos)
{
	size_t i = pos, floor = pos > WIN_BYTES ? pos - WIN_BYTES : 0;

	if (floor < lo)
		floor = lo;
	while ((i = punct_before(s, floor, i)) > floor) {
		if (ends_sentence(s, pos, i - 1))
			return i;
		i--;
	}
	return floor;
}

static size_t
sentence_end(const char *s, size_t n, size_t pos)
{
	size_t i, cap = pos + WIN_BYTES < n ? pos + WIN_BYTES : n;

	for (i = pos; (i = punct_from(s, i, cap)) < cap; i++) {
		if (ends_sentence(s, n, i))
			return i + 1;
	}
	return cap;
}

/* Backs off to a character boundary so a window never splits a character. */
static size_t
utf8_floor(const char *s, size_t i)
{
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;
	return i;
}

static int
cmp_ment(const void *a, const void *b)
{
	const struct ment *x = a, *y = b;

	if (x->para != y->para)
		return x->para < y->para ? -1 : 1;
	if (x->s != y->s)
		return x->s < y->s ? -1 : 1;
	if (x->e != y->e)
		return x->e > y->e ? -1 : 1;
	return x->ord < y->ord ? -1 : x->ord > y->ord;
}

/* How a person may be written: full name, aliases, and the surname. */
struct form {
	const char *s;
	size_t n;
	int person;         /* -1 when two people share the form */
	uint64_t head, mask;    /* its first bytes (up to eight) as memcpy loads
				 * them, and a mask of those bytes */
};

#define FORM_KEYS 4093

#define FORM_SLOTS 1024   /* a power of two, over twice FORMS_MAX */

struct forms {
	struct form *v;
	size_t n, cap;
	int slot[FORM_SLOTS];   /* 1 + the index in v of a form, by its hash;
				 * 0 empty (the forms in the order added) */
	size_t by_key[FORM_KEYS + 1];   /* forms sorted by key: where each key starts */
	bool short_ones;    /* some form is two bytes long */
};

/* Forms are tried only where their first three bytes stand (a two-byte
 * form's third is the 0 that ends it): few names share those. */
static unsigned
key3(unsigned char a, unsigned char b, unsigned char c)
{
	return ((unsigned)a * 65599u + (unsigned)b * 257u + c) % FORM_KEYS;
}

static unsigned
form_key(const char *s)
{
	return key3((unsigned char)s[0], (unsigned char)s[1], (unsigned char)s[2]);
}

static int
cmp_form(const void *a, const void *b)
{
	const struct form *x = a, *y = b;
	int d = (int)form_key(x->s) - (int)form_key(y->s);

	/* in a bucket, the longest first: the first that stands at a place
	 * is the longest there (two of one length cannot both stand there,
	 * add_form keeps one of each spelling) */
	if (d != 0)
		return d;
	return x->n > y->n ? -1 : x->n < y->n;
}

static void
bucket_forms(struct forms *f)
{
	size_t k, b = 0;

	if (f->n > 0)
		qsort(f->v, f->n, sizeof *f->v, cmp_form);
	for (k = 0; k < f->n; k++)
		f->short_ones |= f->v[k].n == 2;
	for (k = 0; k <= FORM_KEYS; k++) {
		while (b < f->n && form_key(f->v[b].s) < k)
			b++;
		f->by_key[k] = b;
	}
}

static int
add_form(struct forms *f, const char *s, size_t n, int person)
{
	size_t i;
	unsigned h;

	if (n < 2 || !(isupper((unsigned char)s[0]) || (unsigned char)s[0] >= 0xC0))
		return 0;
	/* one entry per spelling, found by its hash */
	for (h = lede_fnv32(s, n) & (FORM_SLOTS - 1); f->slot[h] != 0; h = (h + 1) & (FORM_SLOTS - 1)) {
		i = (size_t)f->slot[h] - 1;
		if (f->v[i].n == n && memcmp(f->v[i].s, s, n) == 0) {
			if (f->v[i].person != person)
				f->v[i].person = -1;
			return 0;
		}
	}
	if (!lede_grow(&f->v, &f->cap, f->n + 1, sizeof *f->v))
		return -1;
	f->v[f->n].s = s;
	f->v[f->n].n = n;
	f->v[f->n].person = person;
	f->v[f->n].head = 0;
	f->v[f->n].mask = 0;
	memcpy(&f->v[f->n].head, s, n < 8 ? n : 8);
	memset(&f->v[f->n].mask, 0xFF, n < 8 ? n : 8);
	f->n++;
	f->slot[h] = (int)f->n;
	return 0;
}

#define FORMS_MAX 512   /* the scan below tries each form at each capital */

static int
collect_forms(const struct lede_doc *doc, struct forms *f)
{
	size_t p, a, n;
	const char *name, *sp;

	for (p = 0; p < doc->npeople && f->n < FORMS_MAX; p++) {
		const struct lede_entity *e = &doc->people[p];
		name = e->name;
		if (add_form(f, name, strlen(name), (int)p) < 0)
			return -1;
		for (a = 0; a < e->naliases; a++) {
			if (add_form(f, e->aliases[a], strlen(e->aliases[a]), (int)p) < 0)
				return -1;
		}
		if ((sp = strrchr(name, ' ')) != NULL && strlen(sp + 1) >= 3) {
			n = strlen(sp + 1);
			if (add_form(f, sp + 1, n, (int)p) < 0)
				return -1;
		}
	}
	return 0;
}

/* The bytes some form starts with: a capital that starts none cannot start
 * a name the scan below would find. */
struct starts {
	unsigned char byte[256];
	bool wide;          /* each is A-Z or not ASCII: next_start may read words */
	unsigned char pair[65536 / 8];  /* the first two bytes of some form, a bit each */
};

static bool
pair_set(const struct starts *st, unsigned char a, unsigned char b)
{
	unsigned k = (unsigned)a << 8 | b;

	return (st->pair[k >> 3] >> (k & 7)) & 1;
}

static void
form_starts(const struct forms *f, struct starts *st)
{
	size_t k;
	unsigned char c;

	memset(st, 0, sizeof *st);
	st->wide = true;
	for (k = 0; k < f->n; k++) {
		c = (unsigned char)f->v[k].s[0];
		st->byte[c] = 1;
		unsigned two = (unsigned)c << 8 | (unsigned char)f->v[k].s[1];
		st->pair[two >> 3] |= (unsigned char)(1u << (two & 7));
		st->wide &= (c >= 'A' && c <= 'Z') || c >= 0x80;
	}
}

/* The first byte at or after i that some form starts with, or n; where it
 * can, it passes over one whose next byte no form has after it too, which
 * the caller turns away. Nearly every byte is lower case or punctuation:
 * sixteen or eight bytes a step go by when none is a capital A-Z or outside
 * ASCII (for eight: then no byte adds a carry into the next, and a byte's
 * top bit after adding 0x80 - 'A' says b >= 'A', after adding 0x80 - 'Z' - 1
 * that b > 'Z'). */
static size_t
next_start(const struct starts *st, const char *text, size_t i, size_t n)
{
	const unsigned char *t = (const unsigned char *)text;
#ifdef __SSE2__
	/* sixteen bytes a step: a bit for each capital A-Z or byte from 0x80
	 * (negative, signed), and of those, one some form starts with
	 * together with the byte after it (the text's final NUL is none) */
	if (st->wide) {
		const __m128i before_a = _mm_set1_epi8('A' - 1), after_z = _mm_set1_epi8('Z' + 1),
		    zero = _mm_setzero_si128();
		unsigned bits, k;

		for (; i + 16 <= n; i += 16) {
			__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(t + i));
			__m128i cap = _mm_and_si128(_mm_cmpgt_epi8(x, before_a),
			    _mm_cmplt_epi8(x, after_z));
			bits = (unsigned)_mm_movemask_epi8(_mm_or_si128(cap, _mm_cmplt_epi8(x, zero)));
			for (; bits != 0; bits &= bits - 1) {
				k = (unsigned)__builtin_ctz(bits);
				if (pair_set(st, t[i + k], t[i + k + 1]))
					return i + k;
			}
		}
	}
#endif
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const uint64_t ones = 0x0101010101010101u, top = 0x8080808080808080u;
	uint64_t x, m;
	size_t k;

	while (st->wide && i + 8 <= n) {
		memcpy(&x, t + i, 8);
		m = (x | ((x + (0x80 - 'A') * ones) & ~(x + (0x80 - 'Z' - 1) * ones))) & top;
		if (m == 0) {
			i += 8;
			continue;
		}
		/* a byte from 0xC1 carries into the lane after it, so only the
		 * first lane set is sure (lanes run up from the first byte on
		 * a little-endian machine, hence the #if): try it, and read on
		 * after it */
		k = i + (size_t)(__builtin_ctzll(m) >> 3);
		if (st->byte[t[k]])
			return k;
		i = k + 1;
	}
#endif
	while (i < n && !st->byte[t[i]])
		i++;
	return i;
}

/* The longest form in bucket key standing as words at t[i], if longer than
 * best (then *bestk is set to it); else best. */
static inline size_t
longest_form(const struct forms *f, unsigned key, const char *t, size_t len, size_t i,
    size_t best, size_t *bestk)
{
	size_t k;

	/* longest first: the first found is the one, and none after one no
	 * longer than best can be */
	uint64_t x = 0;
	size_t end = f->by_key[key + 1];

	/* the text's next eight bytes (fewer at its end, and zeros), to hold
	 * against each form's first eight at once */
	if (len - i >= 8)
		memcpy(&x, t + i, 8);
	else
		memcpy(&x, t + i, len - i);
	for (k = f->by_key[key]; k < end; k++) {
		const struct form *fo = &f->v[k];
		if (fo->n <= best)
			break;
		if ((x & fo->mask) == fo->head && fo->n <= len - i &&
		    (fo->n <= 8 || memcmp(fo->s + 8, t + i + 8, fo->n - 8) == 0) &&
		    (i + fo->n == len || !isalnum((unsigned char)t[i + fo->n]))) {
			*bestk = k;
			return fo->n;
		}
	}
	return best;
}

/* Adds the places in paragraph p where a person's name, alias or surname
 * stands as words and the tagger left no mention, in text order. Every
 * capital some form starts with is tried against a bounded number of forms,
 * so the scan stays linear in the text. */
static int
scan_forms(const struct lede_doc *doc, const struct forms *f, const struct starts *starts,
    int p, struct ment **m, size_t *n, size_t *cap)
{
	size_t i, len, best, bestk = 0;
	const char *t;
	unsigned key;
	unsigned char c;

	if ((t = lede_doc_text(doc, p, &len)) == NULL)
		return 0;
	for (i = 0; (i = next_start(starts, t, i, len)) < len; i++) {
		/* no form starts with these two bytes ("The", "But"): the most
		 * common turn-away first */
		if (i + 1 >= len || !pair_set(starts, (unsigned char)t[i], (unsigned char)t[i + 1]))
			continue;
		/* for ASCII, isalnum is ascii_alnum in C and UTF-8 locales;
		 * a byte past ASCII turns the place away in any case */
		if (i > 0 && (ascii_alnum[(unsigned char)t[i - 1]] || ((unsigned char)t[i - 1] & 0x80)))
			continue;
		best = 0;
		c = i + 2 < len ? (unsigned char)t[i + 2] : 0;
		key = key3((unsigned char)t[i], (unsigned char)t[i + 1], c);
		best = longest_form(f, key, t, len, i, best, &bestk);
		if (f->short_ones && c != 0)
			best = longest_form(f, key3((unsigned char)t[i], (unsigned char)t[i + 1], 0), t,
			    len, i, best, &bestk);
		if (best == 0 || f->v[bestk].person < 0)
			continue;
		if (!lede_grow(m, cap, *n + 1, sizeof **m))
			return -1;
		(*m)[*n].para = p;
		(*m)[*n].s = i;
		(*m)[*n].e = i + best;
		(*m)[*n].person = f->v[bestk].person;
		(*m)[*n].ord = 0;
		(*n)++;
		i += best - 1;
	}
	return 0;
}

/* Sorts one paragraph's mentions by cmp_ment, ties in the order they were
 * added (ord): a few each, so by insertion, else by qsort. */
static void
sort_ments(struct ment *m, size_t n)
{
	size_t i, j;
	struct ment x;

	if (n > 16) {
		qsort(m, n, sizeof *m, cmp_ment);
		return;
	}
	for (i = 1; i < n; i++) {
		x = m[i];
		for (j = i; j > 0 && cmp_ment(&m[j - 1], &x) > 0; j--)
			m[j] = m[j - 1];
		m[j] = x;
	}
}

/* Every paragraph's person mentions, sorted by start: the tagger's, and
 * the name forms it missed. The tagger's are dealt to their paragraphs in
 * the order they come (a counting sort), then each paragraph's are merged
 * with what the form scan finds there, so nothing is sorted but a
 * paragraph's own few. */
static int
build_index(const struct lede_doc *doc, struct mindex *mx)
{
	size_t p, k, n = 0, cap = 0, out, np = doc->nparas + 1, ntag = 0, b, e, first;
	struct ment *m = NULL, *tag = NULL;
	size_t *at = NULL;
	struct forms f;
	struct starts starts;
	unsigned ord = 0;

	memset(&f, 0, sizeof f);
	mx->nparas = np;
	if ((mx->first = calloc(np + 1, sizeof *mx->first)) == NULL ||
	    (at = calloc(np + 1, sizeof *at)) == NULL)
		goto fail;
	for (p = 0; p < doc->npeople; p++) {
		for (k = 0; k < doc->people[p].nmentions; k++) {
			const struct lede_span *s = &doc->people[p].mentions[k];
			if (s->para < -1 || (size_t)(s->para + 1) >= np)
				continue;
			at[s->para + 2]++;
			ntag++;
		}
	}
	/* at[q]: where the tagger's mentions in slot q (paragraph q - 1, the
	 * title at 0) start */
	for (p = 1; p <= np; p++)
		at[p] += at[p - 1];
	if (ntag > 0 && (tag = malloc(ntag * sizeof *tag)) == NULL)
		goto fail;
	for (p = 0; p < doc->npeople; p++) {
		for (k = 0; k < doc->people[p].nmentions; k++) {
			const struct lede_span *s = &doc->people[p].mentions[k];
			struct ment *t;
			if (s->para < -1 || (size_t)(s->para + 1) >= np)
				continue;
			t = &tag[at[s->para + 1]++];
			t->para = s->para;
			t->s = s->start;
			t->e = s->end;
			t->person = (int)p;
			t->ord = ord++;
		}
	}
	/* now at[q] is where slot q's end */
	if (collect_forms(doc, &f) < 0)
		goto fail;
	bucket_forms(&f);
	form_starts(&f, &starts);
	for (p = 0; p < np; p++) {
		b = p > 0 ? at[p - 1] : 0;
		e = at[p];
		first = n;
		if (e > b) {
			if (!lede_grow(&m, &cap, n + (e - b), sizeof *m))
				goto fail;
			memcpy(m + n, tag + b, (e - b) * sizeof *m);
			n += e - b;
		}
		if (f.n > 0 && scan_forms(doc, &f, &starts, (int)p - 1, &m, &n, &cap) < 0)
			goto fail;
		/* the scan's come after all of the tagger's, as they were added */
		for (k = first + (e - b); k < n; k++)
			m[k].ord = ord++;
		/* one mention per place: the tagger's and the scan's overlap
		 * (nothing to do where nothing is named: m may still be NULL) */
		if (n > first) {
			sort_ments(m + first, n - first);
			for (k = first, out = first; k < n; k++) {
				if (out > first && m[k].s < m[out - 1].e)
					continue;
				m[out++] = m[k];
			}
			n = out;
		}
		mx->first[p + 1] = n;
	}
	free(f.v);
	free(tag);
	free(at);
	mx->m = m;
	return 0;
fail:
	free(f.v);
	free(tag);
	free(at);
	free(m);
	return -1;
}

/* How many of a paragraph's mentions (sorted) end by pos. */
static size_t
mentions_before(const struct ment *m, size_t n, size_t pos)
{
	size_t lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (m[mid].e <= pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void
mentions_of(const struct mindex *mx, int para, struct ment **m, size_t *n)
{
	size_t p = (size_t)(para + 1);

	if (para < -1 || p >= mx->nparas) {
		*m = NULL;
		*n = 0;
		return;
	}
	*n = mx->first[p + 1] - mx->first[p];
	/* A document without mentions has no array at all; offsetting a null
	 * pointer, even by zero, is undefined. */
	*m = *n > 0 ? mx->m + mx->first[p] : NULL;
}

/* "a spokeswoman for X", "an aide to X", "the wife of X": the mention at
 * pos follows a preposition inside a phrase that names someone else. */
static bool
named_for_another(const char *t, size_t np_s, size_t pos)
{
	static const char *const preps_of[] = { "for", "to", "of", "with" };
	size_t e = pos, b;

	if (isupper((unsigned char)t[np_s]) && !(strncmp(t + np_s, "The ", 4) == 0 ||
	    strncmp(t + np_s, "A ", 2) == 0 || strncmp(t + np_s, "An ", 3) == 0))
		return false;
	while (e > np_s && t[e - 1] == ' ')
		e--;
	for (b = e; b > np_s && isalpha((unsigned char)t[b - 1]); b--)
		;
	return b < e && b > np_s && IN(t + b, e - b, preps_of);
}

/* The person named inside np (the last such mention: "UK defence secretary
 * John Healey"), or -1. */
static int
person_in(const struct lede_doc *doc, const struct mindex *mx, const struct np *np)
{
	struct ment *m;
	size_t n, i, len;
	int who = -1;
	const char *t = lede_doc_text(doc, np->para, &len);

	mentions_of(mx, np->para, &m, &n);
	for (i = mentions_before(m, n, np->s); i < n && m[i].s < np->e; i++) {
		if (m[i].e > np->s && !(m[i].s > np->s && named_for_another(t, np->s, m[i].s)))
			who = m[i].person;
	}
	return who;
}

/* The most recently mentioned person, at or before (para, pos), for whom
 * pred holds; a bounded look back. */
static int
recent_person(const struct lede_doc *doc, const struct mindex *mx, int para, size_t pos,
    bool (*pred)(const struct lede_doc *, int, const void *), const void *arg)
{
	struct ment *m;
	size_t n, i, tried = 0;
	int p, looked = 0;

	for (p = para; p >= -1 && looked < 12; p--, looked++) {
		mentions_of(mx, p, &m, &n);
		if (p == para)
			n = mentions_before(m, n, pos);
		for (i = n; i > 0 && tried < RECENT_MAX; i--) {
			tried++;
			if (pred(doc, m[i - 1].person, arg))
				return m[i - 1].person;
		}
		if (p == -1)
			break;
	}
	return -1;
}

/* A role's head noun: its last word ("President" of "French President"). */
static const char *
last_word(const char *s, size_t *len)
{
	size_t n = strlen(s), e = n, b;

	while (e > 0 && !isalnum((unsigned char)s[e - 1]))
		e--;
	for (b = e; b > 0 && s[b - 1] != ' '; b--)
		;
	*len = e - b;
	return s + b;
}

struct role_arg {
	const char *np;
	size_t n;
	bool head_only;
};

static bool
holds_role(const struct lede_doc *doc, int person, const void *argp)
{
	const struct role_arg *a = argp;
	const struct lede_entity *e = &doc->people[person];
	size_t r, hl, nl;
	const char *h, *nh;

	for (r = 0; r < e->nroles; r++) {
		if (!a->head_only) {
			if (lede_find_word_ci(a->np, a->n, e->roles[r], strlen(e->roles[r])) != (size_t)-1)
				return true;
			continue;
		}
		h = last_word(e->roles[r], &hl);
		{
			char tmp[256];
			size_t len = a->n < sizeof tmp - 1 ? a->n : sizeof tmp - 1;
			memcpy(tmp, a->np, len);
			tmp[len] = '\0';
			nh = last_word(tmp, &nl);
			if (hl > 0 && hl == nl && strncasecmp(h, nh, hl) == 0)
				return true;
		}
	}
	return false;
}

/* he/she: the subject of the nearest sentence that names a person; the first
 * mention of a sentence is most often its subject. */
static bool
agrees(const struct mindex *mx, int person, char want)
{
	char g = mx->gender != NULL ? mx->gender[person] : 0;

	return want == 0 || g == 0 || g == want;
}

/* Whether pos in para lies inside a quote: a name someone says (“Pizza,”
 * she said) is not who a pronoun stands for. The quotes are in text order. */
static bool
in_quote(const struct lede_doc *doc, int para, size_t pos)
{
	size_t lo = 0, hi = doc->nquotes, mid;
	const struct lede_quote *q;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		q = &doc->quotes[mid];
		if (q->span.para < para || (q->span.para == para && q->span.start <= pos))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return false;
	q = &doc->quotes[lo - 1];
	return q->span.para == para && pos < q->span.end;
}

static bool
candidate(const struct lede_doc *doc, const struct mindex *mx, const struct ment *m, char want)
{
	return agrees(mx, m->person, want) && !in_quote(doc, m->para, m->s);
}

/* he/she: the subject of the nearest sentence that names a person who
 * agrees with the pronoun; the first mention of a sentence is most often its
 * subject. The look back is bounded. */
static int
resolve_pronoun(const struct lede_doc *doc, const struct mindex *mx, int para, size_t pos,
    char want)
{
	struct ment *m;
	size_t n, hi, k, last, i, len, ss;
	const char *t;
	int p, looked = 0, steps;

	for (p = para; p >= -1 && looked < 4; p--, looked++) {
		mentions_of(mx, p, &m, &n);
		hi = p == para ? mentions_before(m, n, pos) : n;
		for (k = hi, steps = 0; k > 0 && steps < 256; k--, steps++) {
			if (candidate(doc, mx, &m[k - 1], want))
				break;
		}
		if (k > 0 && steps < 256) {
			last = k - 1;
			t = lede_doc_text(doc, p, &len);
			ss = sentence_start(t, 0, m[last].s);
			for (i = last; i > 0 && m[i - 1].s >= ss && last - i < 64; i--)
				;
			for (; i < last && !candidate(doc, mx, &m[i], want); i++)
				;
			return m[i].person;
		}
		if (p == -1)
			break;
	}
	return -1;
}

#define DESC_PARAS 6         /* how far back a description is looked for */
#define DESC_BYTES 65536     /* and how much of each paragraph */
#define DESC_GAP 40          /* "Jane Doe, a 42-year-old mother of five" */

/* "the 42-year-old mother of five said": the person the article described
 * that way before ("Jane Doe, a 42-year-old mother of five, ..."). */
static int
described(const struct lede_doc *doc, const struct mindex *mx, const struct np *np)
{
	const char *t, *needle, *pt;
	size_t len, nn, pl, i, lim, k;
	struct ment *m;
	size_t nm;
	int p;

	t = lede_doc_text(doc, np->para, &len);
	needle = t + np->s;
	nn = np->e - np->s;
	if (nn > 4 && strncasecmp(needle, "the ", 4) == 0) {
		needle += 4;
		nn -= 4;
	} else if (nn > 2 && strncasecmp(needle, "a ", 2) == 0) {
		needle += 2;
		nn -= 2;
	} else {
		return -1;
	}
	if (memchr(needle, ' ', nn) == NULL || *mx->desc_left <= 0)
		return -1;
	(*mx->desc_left)--;
	for (p = np->para; p >= LEDE_TITLE && p > np->para - DESC_PARAS; p--) {
		pt = lede_doc_text(doc, p, &pl);
		lim = p == np->para ? np->s : pl;
		if (lim > DESC_BYTES)
			lim = DESC_BYTES;
		mentions_of(mx, p, &m, &nm);
		for (i = 0; i + nn <= lim; i++) {
			if (strncasecmp(pt + i, needle, nn) != 0)
				continue;
			k = mentions_before(m, nm, i);
			if (k > 0 && m[k - 1].e + DESC_GAP >= i)
				return m[k - 1].person;
		}
	}
	return -1;
}

/* "the Japanese player", "the veteran striker", "the 21-year-old": "the",
 * at most three words, ending on a noun only a person is. */
static bool
person_description(const char *s, size_t n)
{
	static const char *const nouns[] = {
		"player", "striker", "forward", "midfielder", "defender", "goalkeeper", "coach",
		"veteran", "teenager", "star", "champion", "singer", "actor", "actress", "novelist",
		"woman", "man", "mother", "father", "grandmother", "grandfather", "businessman",
		"businesswoman", "billionaire", "politician", "lawmaker", "rookie", "captain",
		"skipper", "pianist", "musician", "athlete", "runner", "swimmer", "boxer", "rider",
		"driver", "batsman", "bowler", "golfer", "seed",
	};
	size_t i, words = 1, b;

	if (n < 5 || strncasecmp(s, "the ", 4) != 0)
		return false;
	for (i = 4; i < n; i++) {
		if (s[i] == ' ')
			words++;
	}
	if (words > 4)
		return false;
	for (b = n; b > 4 && s[b - 1] != ' '; b--)
		;
	if (n - b > 9 && (strncmp(s + n - 9, "-year-old", 9) == 0))
		return true;
	return IN(s + b, n - b, nouns);
}

struct attrib {
	int speaker;
	char *source;
	bool found;         /* a cue of its own, not inherited */
	bool they;          /* the cue's subject was "they" */
};

static bool
is_pronoun_np(const char *t, const struct np *np)
{
	return IN(t + np->s, np->e - np->s, pronouns);
}

static int
resolve(const struct lede_doc *doc, const struct mindex *mx, const struct np *np,
    const char *last_named, struct attrib *out)
{
	const char *t;
	size_t len;
	struct role_arg ra;
	int who;

	out->found = true;
	out->they = false;
	out->speaker = -1;
	out->source = NULL;
	t = lede_doc_text(doc, np->para, &len);
	if ((who = person_in(doc, mx, np)) >= 0) {
		out->speaker = who;
		return 0;
	}
	if (is_pronoun_np(t, np)) {
		if ((np->e - np->s == 2 && strncasecmp(t + np->s, "he", 2) == 0) ||
		    (np->e - np->s == 3 && strncasecmp(t + np->s, "she", 3) == 0)) {
			out->speaker = resolve_pronoun(doc, mx, np->para, np->s,
			    (t[np->s] | 0x20) == 'h' ? 'M' : 'F');
			if (out->speaker < 0 && last_named != NULL &&
			    (out->source = lede_strdup(last_named)) == NULL)
				return -1;
		} else {
			out->found = false;
			out->they = np->e - np->s == 4 && strncasecmp(t + np->s, "they", 4) == 0;
		}
		return 0;
	}
	ra.np = t + np->s;
	ra.n = np->e - np->s;
	ra.head_only = false;
	if ((who = recent_person(doc, mx, np->para, np->s, holds_role, &ra)) >= 0) {
		out->speaker = who;
		return 0;
	}
	if (!isupper((unsigned char)t[np->s]) || strncmp(t + np->s, "The ", 4) == 0) {
		ra.head_only = true;
		if ((who = recent_person(doc, mx, np->para, np->s, holds_role, &ra)) >= 0) {
			out->speaker = who;
			return 0;
		}
	}
	if ((who = described(doc, mx, np)) >= 0) {
		out->speaker = who;
		return 0;
	}
	/* "the Japanese player", "the 21-year-old": a description of a person
	 * that the article gave nowhere else stands, like a pronoun, for the
	 * subject of the nearest sentence naming someone */
	if (person_description(t + np->s, np->e - np->s) &&
	    (who = resolve_pronoun(doc, mx, np->para, np->s, 0)) >= 0) {
		out->speaker = who;
		return 0;
	}
	if ((out->source = lede_strndup(t + np->s, np->e - np->s)) == NULL)
		return -1;
	return 0;
}

/* Whether the quote is a short phrase inside a sentence (a scare quote or a
 * title), which only a cue in its own sentence can attribute. */
static bool
is_phrase(const struct lede_doc *doc, const struct lede_quote *q)
{
	const char *t, *w;
	size_t len, words = 0, i;
	bool in = false;

	for (w = q->text; *w; w++) {
		bool sp = *w == ' ';
		if (!sp && !in)
			words++;
		in = !sp;
	}
	if (words > 3)
		return false;
	t = lede_doc_text(doc, q->span.para, &len);
	for (i = q->span.start; i > 0 && t[i - 1] == ' '; i--)
		;
	return i > 0 && isalnum((unsigned char)t[i - 1]);
}

static size_t
tok_floor(const struct lede_quote *prev, int para)
{
	return prev != NULL && prev->span.para == para ? prev->span.end : 0;
}

/* Where the words after a quote that may hold its cue end: the sentence's
 * end, or the next quote, on a character boundary. */
static size_t
tail_end(const char *t, size_t len, const struct lede_quote *q, const struct lede_quote *next)
{
	size_t b = sentence_end(t, len, q->span.end);

	if (next != NULL && next->span.para == q->span.para && next->span.start < b)
		b = next->span.start;
	return utf8_floor(t, b);
}

static int
attribute_one(const struct lede_doc *doc, const struct mindex *mx, size_t qi,
    const char *last_named, struct attrib *out)
{
	const struct lede_quote *q = &doc->quotes[qi];
	const struct lede_quote *prev = qi > 0 ? &doc->quotes[qi - 1] : NULL;
	const struct lede_quote *next = qi + 1 < doc->nquotes ? &doc->quotes[qi + 1] : NULL;
	const char *t;
	size_t len, a, b, tl, tail_b = 0;
	struct toks *tk, *tail;
	struct np np;
	bool got = false, fin;
	int pass;

	out->speaker = -1;
	out->source = NULL;
	out->found = false;
	out->they = false;
	t = lede_doc_text(doc, q->span.para, &len);
	np.para = q->span.para;
	tl = strlen(q->text);
	fin = tl > 0 && (q->text[tl - 1] == '.');
	tk = mx->tk;
	tail = mx->tail;
	tk->headline = q->span.para == LEDE_TITLE ||
	    doc->paras[q->span.para].kind == LEDE_PARA_HEADING;
	tail->headline = tk->headline;
	for (pass = 0; pass < 2 && !got; pass++) {
		bool after = (pass == 0) != fin;

		if (after) {
			tail_b = tail_end(t, len, q, next);
			if (!q->unclosed && !q->continued) {
				tokenize(tail, t, q->span.end, tail_b);
				got = cue_after(tail, fin, &np);
			}
		} else {
			b = q->span.start;
			a = sentence_start(t, tok_floor(prev, q->span.para), b);
			if (a < tok_floor(prev, q->span.para))
				a = tok_floor(prev, q->span.para);
			a = utf8_floor(t, a);
			tokenize(tk, t, a, b);
			got = cue_before(tk, &np);
		}
	}
	/* "…” is the question, according to X." (mostly the tail read above,
	 * which tokenize then keeps) */
	if (!got && !q->unclosed) {
		if (tail_b == 0)
			tail_b = tail_end(t, len, q, next);
		tokenize(tail, t, q->span.end, tail_b);
		got = according(tail, 0, tail->n, &np);
	}
	/* "Caddell continued:" closing the paragraph before */
	if (!got && q->span.para > 0 && sentence_start(t, 0, q->span.start) == 0) {
		size_t pl, i;
		const char *pt = lede_doc_text(doc, q->span.para - 1, &pl);
		for (i = 0; i < q->span.start && t[i] == ' '; i++)
			;
		while (pl > 0 && pt[pl - 1] == ' ')
			pl--;
		if (i == q->span.start && pl > 0 && pt[pl - 1] == ':') {
			a = utf8_floor(pt, sentence_start(pt, 0, pl));
			tokenize(tk, pt, a, pl);
			np.para = q->span.para - 1;
			got = cue_before(tk, &np);
		}
	}
	/* "…the rules, he said. “But does that mean…”": indirect speech whose
	 * cue closes the sentence before goes on in the quote */
	if (!got && !is_phrase(doc, q) && q->span.start > 0 && !q->unopened) {
		size_t e = q->span.start, floor = tok_floor(prev, q->span.para);
		while (e > floor && t[e - 1] == ' ')
			e--;
		a = utf8_floor(t, sentence_start(t, floor, e > floor ? e - 1 : floor));
		if (e > a && t[e - 1] == '.') {
			tokenize(tk, t, a, e);
			got = cue_closing(tk, &np);
		}
	}
	/* “It won't be the same, he said, but it will be something.”: a cue
	 * set off by commas inside the marks, where one was left out */
	if (!got && (q->unopened || q->unclosed)) {
		a = q->span.start;
		np.para = q->span.para;
		tokenize(tk, t, a, utf8_floor(t, q->span.end));
		got = cue_inside(tk, &np);
	}
	if (got)
		return resolve(doc, mx, &np, last_named, out);
	return 0;
}

#define NAMES_FILE "data/given-names.tsv"

/* The sex most given names point to, from data/given-names.tsv (name, tab,
 * M or F, sorted): a he or she then skips people who cannot be meant. The
 * list is read once, with the annotator's other data. */
struct lede_genders {
	char *data;
	const char **names;
	char *sex;
	size_t n;
};

void
lede_genders_free(struct lede_genders *g)
{
	if (g == NULL)
		return;
	free(g->names);
	free(g->sex);
	free(g->data);
	free(g);
}

int
lede_genders_load(struct lede_genders **out, struct lede_err *err)
{
	struct lede_genders *g;
	char *path, *data, *line, *nl, *tab;
	size_t len, cap = 0, capsex = 0;
	int rc;

	*out = NULL;
	if ((path = lede_data_path(NAMES_FILE, err)) == NULL)
		return -1;
	rc = lede_read_small_file(path, &data, &len, err);
	free(path);
	if (rc != 0)
		return -1;
	if ((g = calloc(1, sizeof *g)) == NULL) {
		free(data);
		return lede_err_oom(err);
	}
	g->data = data;
	for (line = g->data; *line != '\0'; line = nl) {
		if ((nl = strchr(line, '\n')) != NULL)
			*nl++ = '\0';
		else
			nl = line + strlen(line);
		if (*line == '#' || (tab = strchr(line, '\t')) == NULL)
			continue;
		*tab = '\0';
		if (!lede_grow(&g->names, &cap, g->n + 1, sizeof *g->names) ||
		    !lede_grow(&g->sex, &capsex, g->n + 1, 1))
			goto oom;
		g->names[g->n] = line;
		g->sex[g->n++] = tab[1];
	}
	*out = g;
	return 0;
oom:
	lede_genders_free(g);
	return lede_err_oom(err);
}

/* The sex of each person's given name, when the list knows it. */
static int
person_genders(const struct lede_doc *doc, const struct lede_genders *g, struct mindex *mx,
    struct lede_err *err)
{
	char first[64];
	size_t p, n, lo, hi, mid;
	int c;

	if (doc->npeople == 0)
		return 0;
	if ((mx->gender = calloc(doc->npeople, 1)) == NULL)
		return lede_err_oom(err);
	for (p = 0; p < doc->npeople; p++) {
		const char *name = doc->people[p].name;
		for (n = 0; name[n] != '\0' && name[n] != ' ' && n + 1 < sizeof first; n++)
			first[n] = name[n];
		first[n] = '\0';
		if (n > 0 && first[n - 1] == '.')
			first[--n] = '\0';
		if (strcmp(first, "Mr") == 0) {
			mx->gender[p] = 'M';
			continue;
		}
		if (strcmp(first, "Mrs") == 0 || strcmp(first, "Ms") == 0 || strcmp(first, "Miss") == 0) {
			mx->gender[p] = 'F';
			continue;
		}
		for (lo = 0, hi = g != NULL ? g->n : 0; lo < hi; ) {
			mid = (lo + hi) / 2;
			c = strcmp(g->names[mid], first);
			if (c == 0) {
				mx->gender[p] = g->sex[mid];
				break;
			}
			if (c < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
	}
	return 0;
}

/* "Caddell", "Pat Caddell": what a later he or she may stand for when the
 * people tagger knows nobody; "The Post" or "Cruise Line or Well Water" is
 * not. */
static bool
looks_like_name(const char *s)
{
	size_t words = 0;
	const char *w = s;

	while (*w != '\0') {
		if (!isupper((unsigned char)*w))
			return false;
		words++;
		while (*w != '\0' && *w != ' ')
			w++;
		while (*w == ' ')
			w++;
	}
	return words >= 1 && words <= 3 && strncmp(s, "The ", 4) != 0;
}

/* News convention: a paragraph that is all quote, right after a quote
 * whose speaker is known, goes on in the same voice. */
static bool
opens_para(const struct lede_doc *doc, const struct lede_quote *q)
{
	const char *t;
	size_t len, i;

	if (q->span.para < 0)
		return false;
	t = lede_doc_text(doc, q->span.para, &len);
	for (i = 0; i < q->span.start && t[i] == ' '; i++)
		;
	return i == q->span.start;
}

/* The quote is in its paragraph's last sentence. */
static bool
closes_para(const struct lede_doc *doc, const struct lede_quote *q)
{
	const char *t;
	size_t len;

	t = lede_doc_text(doc, q->span.para, &len);
	return sentence_end(t, len, q->span.end) >= len;
}

static void
lex_add(struct lexicon *lex, const char *const *list, size_t n, unsigned bit)
{
	size_t i, len;
	unsigned h;

	for (i = 0; i < n; i++) {
		len = strlen(list[i]);
		for (h = lede_fnv32(list[i], len) & (LEX_SLOTS - 1); lex->slot[h].w != NULL &&
		    !(lex->slot[h].n == len && memcmp(lex->slot[h].w, list[i], len) == 0);
		    h = (h + 1) & (LEX_SLOTS - 1))
			;
		lex->slot[h].w = list[i];
		lex->slot[h].n = len;
		lex->slot[h].cls |= bit;
	}
}

#define LEX_ADD(lex, list, bit) lex_add((lex), (list), sizeof (list) / sizeof *(list), (bit))

/* The lists, all in lower case, under one hash (some 450 words: well under
 * half the slots, so probes stay short). */
static struct lexicon *
lexicon_new(void)
{
	struct lexicon *lex = calloc(1, sizeof *lex);

	if (lex == NULL)
		return NULL;
	LEX_ADD(lex, verbs, W_VERB);
	LEX_ADD(lex, participles, W_PART);
	LEX_ADD(lex, stops, W_STOP);
	LEX_ADD(lex, skippable, W_SKIP);
	LEX_ADD(lex, determiners, W_DET);
	LEX_ADD(lex, timewords, W_TIME);
	LEX_ADD(lex, titles, W_TITLE);
	LEX_ADD(lex, pronouns, W_PRON);
	LEX_ADD(lex, first_person, W_FIRST);
	LEX_ADD(lex, abbrevs, W_ABBR);
	LEX_ADD(lex, preps, W_PREP);
	LEX_ADD(lex, clause_words, W_CLAUSE);
	LEX_ADD(lex, cue_tails, W_TAIL);
	LEX_ADD(lex, relatives, W_REL);
	return lex;
}

int
lede_quotes_attribute(struct lede_doc *doc, struct lede_err *err)
{
	struct lede_genders *g = NULL;
	int rc;

	if (doc->npeople > 0 && lede_genders_load(&g, err) != 0)
		return -1;
	rc = lede_quotes_attribute_with(doc, g, err);
	lede_genders_free(g);
	return rc;
}

int
lede_quotes_attribute_with(struct lede_doc *doc, const struct lede_genders *g,
    struct lede_err *err)
{
	struct mindex mx;
	struct attrib at;
	size_t qi;
	char *last_named = NULL;
	int last_para = -2, desc_left = 64;

	memset(&mx, 0, sizeof mx);
	mx.desc_left = &desc_left;
	if (person_genders(doc, g, &mx, err) < 0)
		return -1;
	if (build_index(doc, &mx) < 0 || (mx.lex = lexicon_new()) == NULL ||
	    (mx.tk = calloc(1, sizeof *mx.tk)) == NULL ||
	    (mx.tail = calloc(1, sizeof *mx.tail)) == NULL)
		goto oom;
	mx.tk->lex = mx.lex;
	mx.tail->lex = mx.lex;
	for (qi = 0; qi < doc->nquotes; qi++) {
		struct lede_quote *q = &doc->quotes[qi];
		const struct lede_quote *prev = qi > 0 ? &doc->quotes[qi - 1] : NULL;

		if (last_named != NULL && q->span.para - last_para > 3) {
			free(last_named);
			last_named = NULL;
		}
		if (attribute_one(doc, &mx, qi, last_named, &at) < 0)
			goto oom;
		bool cut_short = q->unclosed && qi + 1 < doc->nquotes &&
		    doc->quotes[qi + 1].span.para == q->span.para;

		if (!at.found && !cut_short && prev != NULL && !is_phrase(doc, q) &&
		    (prev->speaker >= 0 || prev->source != NULL) &&
		    (prev->span.para == q->span.para || (prev->span.para + 1 == q->span.para &&
		    (prev->continued || (opens_para(doc, q) && closes_para(doc, prev)))))) {
			/* the second half of an interrupted quote, or a quote running on */
			at.speaker = prev->speaker;
			if (prev->source != NULL && (at.source = lede_strdup(prev->source)) == NULL)
				goto oom;
		}
		/* "French diplomats say …; “…,” they said": a group named as a
		 * source just before */
		if (at.they && at.source == NULL && at.speaker < 0 && prev != NULL &&
		    prev->speaker < 0 && prev->source != NULL && !looks_like_name(prev->source) &&
		    q->span.para - prev->span.para <= 2 &&
		    (at.source = lede_strdup(prev->source)) == NULL)
			goto oom;
		q->speaker = at.speaker;
		free(q->source);
		q->source = at.source;
		if (at.source != NULL && at.speaker < 0 && looks_like_name(at.source)) {
			free(last_named);
			if ((last_named = lede_strdup(at.source)) == NULL)
				goto oom;
			last_para = q->span.para;
		} else if (at.speaker >= 0) {
			free(last_named);
			last_named = NULL;
		}
	}
	/* "“I’ve never said that. But what’s the point? In Beijing, Putin
	 * stated, “Let’s see.”": an open quote cut short by the next one shares
	 * its speaker */
	for (qi = doc->nquotes; qi > 1; qi--) {
		struct lede_quote *q = &doc->quotes[qi - 2];
		const struct lede_quote *nx = &doc->quotes[qi - 1];
		if (!q->unclosed || q->speaker >= 0 || q->source != NULL ||
		    nx->span.para != q->span.para)
			continue;
		q->speaker = nx->speaker;
		if (nx->source != NULL && (q->source = lede_strdup(nx->source)) == NULL)
			goto oom;
	}
	free(last_named);
	free(mx.m);
	free(mx.first);
	free(mx.gender);
	free(mx.lex);
	free(mx.tk);
	free(mx.tail);
	return 0;
oom:
	free(last_named);
	free(mx.m);
	free(mx.first);
	free(mx.gender);
	free(mx.lex);
	free(mx.tk);
	free(mx.tail);
	return lede_err_oom(err);
}
