#include "config.h"


#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lede/buf.h"
#include "lede/bytes.h"
#include "lede/entity.h"
#include "lede/gazetteer.h"
#include "lede/ner.h"
#include "lede/text.h"

/* A person can collect many forms; past these the rest add nothing for a
 * reader and would make duplicate checks quadratic on hostile pages. */
#define MAX_ALIASES 24
#define MAX_ROLES 24

enum { M_PER = 1, M_LOC = 2, M_OTHER = 3 };   /* M_OTHER: organisations, misc */

enum {
	N_PART = 1,                  /* a word of a person's name, or a full name */
	N_PLACE = 2,                 /* a place's whole name */
};

struct cand {
	uint64_t key;                /* first: no padding inside */
	int para;
	uint32_t start, end;
	bool word;
};

/* What the votes at the end read of a mention, shared by every mention
 * written alike: a long article names the same few hundred people and
 * places tens of thousands of times, so the votes run once per form (with
 * its count) instead of once per mention, and the mentions stay small. */
struct form {
	uint32_t key, first, last;   /* numbers of the folded whole name, first and last word */
	uint32_t count;              /* mentions of this form */
	uint16_t nwords;
	uint16_t wclass;             /* gazetteer classes of a one-word name */
	uint8_t type;                /* the tagger's type, then the votes' */
};

struct ment {
	int para;
	uint32_t start, end;         /* the name, possessive excluded */
	uint32_t role : 31;          /* a role in the same paragraph: index in roles + 1, or 0 */
	uint32_t sentfirst : 1;      /* opens its sentence */
	union {
		/* once lede_ents_finish has numbered the names */
		struct {
			uint32_t form;       /* index in forms */
			int ent;
		};
		/* while collecting: the parts of the form but the numbers,
		 * and how many keys (1: the whole name is its first and last
		 * word, or 3: whole, first, last) it has in rawkeys */
		struct {
			uint16_t nwords, wclass;
			uint8_t type, nkeys;
		};
	};
};

/* Where a role is written: few mentions have one, so it is kept apart. */
struct role {
	uint32_t start, end;         /* or end == 0: none */
};

/* uint64 -> int map, open addressing; key 0 marks an empty slot and is
 * never stored (keys are hashes, and a zero hash is moved to 1). */
struct map_slot {
	uint64_t k;
	int v;
};

struct map {
	struct map_slot *s;
	size_t n, cap;
};

struct lede_ents {
	struct ment *m;
	size_t nm, capm;
	struct role *roles;
	size_t nroles, caproles;
	bool unordered;              /* collect was given paragraphs out of order */
	/* The keys of each mention's name, numbered only at the end: the
	 * numbers' table is read for every mention, and while collecting the
	 * tagger between two paragraphs has pushed it out of the caches, so
	 * each look-up would wait on memory. */
	uint64_t *rawkeys;
	size_t nrawkeys, caprawkeys;
	struct form *forms;
	size_t nforms, capforms;
	uint32_t *formslot;          /* open addressing: form index + 1, or 0 */
	size_t capformslot;          /* a power of two, or 0 */
	/* Every name and word of a name met, numbered (its key in the map
	 * holds the number + 1), with what it was called; the grouping at
	 * the end indexes arrays by these numbers. */
	struct map names;
	uint8_t *named;              /* per number: N_PART, N_PLACE */
	size_t nnames, capnamed;
	struct cand *cand;           /* capitalised words the tagger left alone */
	size_t ncand, capcand;
	struct lede_span *desc;      /* "the Russian leader": roles without a name */
	size_t ndesc, capdesc;
	struct lexicon *lex;         /* every listed word, with the lists it is in */
	uint16_t *wl;                /* per token of the paragraph: its lists, or 0 if not yet looked up */
	size_t capwl;
	uint32_t *sv;                /* the survey's lists (struct para_ctx) */
	size_t capsv;
	char *scratch;               /* one mention's text, NUL-terminated */
	size_t capscratch;
};

static uint64_t
nz(uint64_t k)
{
	return k ? k : 1;
}

/* The slot holding key (not 0), or the empty slot where it would go. */
static inline struct map_slot *
map_find(const struct map *m, uint64_t key)
{
	size_t mask = m->cap - 1, i;

	for (i = key & mask; m->s[i].k != 0 && m->s[i].k != key; i = (i + 1) & mask)
		;
	return &m->s[i];
}

static int
map_get(const struct map *m, uint64_t key, int dflt)
{
	const struct map_slot *sl;

	if (m->cap == 0)
		return dflt;
	sl = map_find(m, nz(key));
	return sl->k != 0 ? sl->v : dflt;
}

/* The slot for key, added with value 0 when it is not there yet; NULL
 * when memory runs out. */
static struct map_slot *
map_at(struct map *m, uint64_t key)
{
	struct map_slot *sl;
	size_t i;

	key = nz(key);
	if ((m->n + 1) * 2 > m->cap) {
		struct map bigger = { NULL, 0, m->cap ? m->cap * 2 : 64 };
		if ((bigger.s = calloc(bigger.cap, sizeof *bigger.s)) == NULL)
			return NULL;
		for (i = 0; i < m->cap; i++)
			if (m->s[i].k != 0)
				*map_find(&bigger, m->s[i].k) = m->s[i];
		bigger.n = m->n;
		free(m->s);
		*m = bigger;
	}
	sl = map_find(m, key);
	if (sl->k == 0) {
		sl->k = key;
		sl->v = 0;
		m->n++;
	}
	return sl;
}

/* Sets key to val; when keep is true an existing value stays. */
static int
map_put(struct map *m, uint64_t key, int val, bool keep)
{
	size_t n = m->n;
	struct map_slot *sl = map_at(m, key);

	if (sl == NULL)
		return -1;
	if (!keep || m->n != n)
		sl->v = val;
	return 0;
}

static void
map_free(struct map *m)
{
	free(m->s);
	memset(m, 0, sizeof *m);
}

static const char *const dets[] = { "the", "a", "an", NULL };

static const char *const honorifics[] = {
	"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "sir", "dame", "mme",
	"mme.", "messrs", "messrs.", "prof", "prof.", "lord", "lady", NULL,
};

/* Words that qualify a role but cannot end one ("special" in "special envoy"). */
static const char *const modifiers[] = {
	"special", "deputy", "former", "acting", "foreign", "defence", "defense", "interior",
	"finance", "economy", "health", "justice", "home", "trade", "national", "prime", "vice",
	"chief", "senior", "top", "then", "new", "incoming", "outgoing", "late", "assistant",
	"general", "state", "federal", "opposition", "military", "security", "energy", "army",
	"navy", "foreign-policy", "climate", "labour", "labor", "education", "culture",
	"transport", "environment", "agriculture", "culture", "sports", "party", NULL,
};

/* Words that end the name of a landmark or street: "Élysée Palace". */
static const char *const landmarks[] = {
	"palace", "square", "street", "st", "st.", "avenue", "ave", "road", "rd", "boulevard",
	"bridge", "river", "park", "cathedral", "castle", "tower", "mountains", "mountain",
	"island", "islands", "lake", "sea", "ocean", "valley", "bay", "gate", "strait", "canal",
	"desert", "peninsula", "gulf", "hill", "hills", "airport", "station", "stadium", NULL,
};


static const char *const org_ends[] = { "league", "division", "club", "party", "union",
	"bank", "group", "company", "council", "committee", "university", "college", "association",
	"federation", "cup", "open", "championship", "championships", "games", "series", "index",
	"inc", "inc.", "corp", "corp.", "ltd", "ltd.", "plc", "co", "co.", "agency", "ministry",
	"army", "police", "court", "front", "movement", "institute", "foundation", "trust", "fund",
	"airlines", "airways", "motors", "industries", "times", "post", "news", "journal", NULL };

static const char *const place_starts[] = { "st", "st.", "saint", "san", "santa", "santo",
	"sao", "fort", "ft", "port", "mount", "mt", "lake", "cape", "new", "los", "las", NULL };

static const char *const place_preps[] = { "in", "at", "from", "near", "into", "across",
	"outside", "inside", "visited", "visiting", "toward", "towards", "via", "around", NULL };

static const char *const particles[] = {
	"van", "der", "den", "von", "de", "del", "della", "di", "da", "dos", "das", "du", "le",
	"la", "bin", "ibn", "al", "el", "abu", "ter", "ten", "y", NULL,
};

static const char *const sports_verbs[] = {
	"beat", "beats", "drew", "draw", "defeated", "edged", "thrashed", "routed", "hammered",
	"downed", "crushed", "trounced", "outclassed", "v", "vs", "vs.", NULL,
};

/* The word lists the apposition rules read. */
static const char *const ok_next[] = { "and", "said", "says", "told", "who", NULL };

static const char *const kin_poss[] = { "his", "her", "their", "my", "our", NULL };

static const char *const kin[] = { "wife", "husband", "son", "daughter", "mother", "father",
	"brother", "sister", "widow", "widower", "partner", "grandson", "granddaughter",
	"grandmother", "grandfather", "aunt", "uncle", "cousin", "nephew", "niece", "friend",
	"neighbour", "neighbor", "colleague", "fiancee", "fiance", "girlfriend", "boyfriend",
	"child", "stepson", "stepdaughter", NULL };

static const char *const org_heads[] = { "company", "firm", "group", "bank", "agency", "club",
	"team", "party", "airline", "carrier", "maker", "manufacturer", "producer", "newspaper",
	"daily", "weekly", "paper", "magazine", "channel", "broadcaster", "network", "union",
	"organisation", "organization", "ministry", "department", "council", "committee",
	"institute", "university", "fund", "exchange", "index", "side", "insurer", "retailer",
	"operator", "conglomerate", "subsidiary", "unit", "brand", "chain", "utility", NULL };

static const char *const org_stops[] = { "of", "at", "for", "in", "with", "who", "whose", NULL };

/* Each list as a bit, so that one look-up per token answers every
 * question about it: the rules ask about the same tokens many times. */
enum {
	WL_DET = 1u << 0, WL_HONORIFIC = 1u << 1, WL_MODIFIER = 1u << 2, WL_LANDMARK = 1u << 3,
	WL_ORG_END = 1u << 4, WL_PLACE_START = 1u << 5, WL_PLACE_PREP = 1u << 6,
	WL_PARTICLE = 1u << 7, WL_SPORTS_VERB = 1u << 8, WL_OK_NEXT = 1u << 9,
	WL_KIN_POSS = 1u << 10, WL_KIN = 1u << 11, WL_ORG_HEAD = 1u << 12, WL_ORG_STOP = 1u << 13,
	WL_SEEN = 1u << 15,          /* the token has been looked up (so 0 means not yet) */
};

static const struct {
	const char *const *words;
	uint16_t bit;
} word_lists[] = {
	{ dets, WL_DET }, { honorifics, WL_HONORIFIC }, { modifiers, WL_MODIFIER },
	{ landmarks, WL_LANDMARK }, { org_ends, WL_ORG_END }, { place_starts, WL_PLACE_START },
	{ place_preps, WL_PLACE_PREP }, { particles, WL_PARTICLE }, { sports_verbs, WL_SPORTS_VERB },
	{ ok_next, WL_OK_NEXT }, { kin_poss, WL_KIN_POSS }, { kin, WL_KIN },
	{ org_heads, WL_ORG_HEAD }, { org_stops, WL_ORG_STOP },
};

/* Every listed word is short ASCII: longer tokens are in no list. */
#define LEX_MAXLEN 16
#define LEX_SLOTS 1024               /* a power of two, over twice the listed words */
#define LEX_BASIS LEDE_FNV32_BASIS
#define LEX_PRIME LEDE_FNV32_PRIME

struct lex_slot {
	char w[LEX_MAXLEN];          /* small letters */
	uint8_t len;                 /* 0: empty slot */
	uint16_t bits;
	uint32_t hash;
};

struct lexicon {
	struct lex_slot slot[LEX_SLOTS];
	/* [first byte & 31][second byte & 31, or 0 for one letter]: a bit
	 * (1 << length) for each listed word so begun. Capitals and small
	 * letters share their low five bits, so one test turns away most
	 * tokens (names, mostly) before any hashing. */
	uint16_t pre[32][32];
	/* [letter - 'a']: the lists with a word that begins with it; [26]: with
	 * a word that begins with anything else (none, so far) */
	uint16_t begins[27];
	/* the same words by their gazetteer key (lede_gaz_word_key), for
	 * callers that have each token's: slot number + 1, or 0 */
	uint64_t gkey[LEX_SLOTS];
	uint16_t gslot[LEX_SLOTS];
};

static uint32_t
lex_hash(const char *w, size_t n)
{
	uint32_t h = LEX_BASIS;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)w[i]) * LEX_PRIME;
	return h;
}

static uint16_t *
lex_pre(struct lexicon *lex, const unsigned char *w, size_t n)
{
	return &lex->pre[w[0] & 31][n > 1 ? w[1] & 31 : 0];
}

static struct lexicon *
lex_build(void)
{
	struct lexicon *lex = calloc(1, sizeof *lex);
	size_t l, k, i, n;

	if (lex == NULL)
		return NULL;
	for (l = 0; l < sizeof word_lists / sizeof word_lists[0]; l++) {
		for (k = 0; word_lists[l].words[k] != NULL; k++) {
			const char *w = word_lists[l].words[k];
			uint32_t h = lex_hash(w, n = strlen(w));
			for (i = h & (LEX_SLOTS - 1); lex->slot[i].len != 0 && (lex->slot[i].len != n ||
			    memcmp(lex->slot[i].w, w, n) != 0); i = (i + 1) & (LEX_SLOTS - 1))
				;
			memcpy(lex->slot[i].w, w, n);
			lex->slot[i].len = (uint8_t)n;
			lex->slot[i].hash = h;
			lex->slot[i].bits |= word_lists[l].bit;
			*lex_pre(lex, (const unsigned char *)w, n) |= (uint16_t)(1u << n);
			lex->begins[w[0] >= 'a' && w[0] <= 'z' ? w[0] - 'a' : 26] |= word_lists[l].bit;
		}
	}
	for (k = 0; k < LEX_SLOTS; k++) {
		uint64_t g;
		if (lex->slot[k].len == 0)
			continue;
		g = lede_gaz_word_key(lex->slot[k].w, lex->slot[k].len);
		for (i = g & (LEX_SLOTS - 1); lex->gslot[i] != 0; i = (i + 1) & (LEX_SLOTS - 1))
			;
		lex->gkey[i] = g;
		lex->gslot[i] = (uint16_t)(k + 1);
	}
	return lex;
}

int
lede_ents_new(struct lede_ents **out, struct lede_err *err)
{
	if ((*out = calloc(1, sizeof **out)) == NULL)
		return lede_err_oom(err);
	if (((*out)->lex = lex_build()) == NULL) {
		free(*out);
		*out = NULL;
		return lede_err_oom(err);
	}
	return 0;
}

void
lede_ents_free(struct lede_ents *e)
{
	if (e == NULL)
		return;
	free(e->m);
	free(e->forms);
	free(e->roles);
	free(e->rawkeys);
	free(e->formslot);
	free(e->cand);
	free(e->desc);
	free(e->lex);
	free(e->wl);
	free(e->sv);
	free(e->scratch);
	map_free(&e->names);
	free(e->named);
	free(e);
}

/* One paragraph's tagged tokens, as the rules below read them. */
struct para_ctx {
	int para;
	const char *text;
	const struct lede_toks *t;
	const uint64_t *wkeys;       /* each token's lede_gaz_word_key, or NULL */
	const uint16_t *gword, *gphrase;
	const int32_t *margin;
	uint8_t *tags;
	int sport;                   /* the sentence ending at sport_end has a score */
	size_t sport_end;
	int anyscore;                /* some number is a score; -1: not looked yet */
	const struct lexicon *lex;
	uint16_t *wl;                /* each token's WL_ bits once looked up */
	/* Where the rules can apply, from what no rule changes (flags, the
	 * gazetteer's classes, the text): token indices in order, found in
	 * one scan (survey) instead of one scan of every token per rule. */
	const uint32_t *countries, *initials, *places, *titles, *capitals;
	size_t ncountries, ninitials, nplaces, ntitles, ncapitals;
	const uint32_t *sents;       /* sentence starts */
	const uint32_t *numbers;     /* digits without letters: scores maybe */
	size_t nsents, nnumbers;
};

/* Whether listed word sl is s[0..n) folded to lower case (sl->len == n). */
static inline bool
slot_holds(const struct lex_slot *sl, const unsigned char *s, size_t n)
{
	size_t j;

	for (j = 0; j < n && sl->w[j] == (char)(s[j] >= 'A' && s[j] <= 'Z' ? s[j] + 32 : s[j]); j++)
		;
	return j == n;
}

/* The lists token k is in, as lede_tok_lower folds it. Plain ASCII
 * words are folded and hashed in one pass, without a copy. A word with
 * any other byte is in no list: lede_tok_lower turns such characters
 * into bytes of 0x80 and up or an apostrophe, which no listed word has
 * (and a word token never holds a NUL, which could have cut it short). */
static uint16_t
word_lists_of(const struct lexicon *lex, const char *text, const struct lede_tok *k)
{
	const unsigned char *s = (const unsigned char *)text + k->start;
	size_t n = k->end - k->start, i;
	uint32_t h = LEX_BASIS;

	if (n >= LEX_MAXLEN || !(k->flags & LEDE_TOK_WORD) ||
	    !(lex->pre[s[0] & 31][n > 1 ? s[1] & 31 : 0] & (1u << n)))
		return 0;
	for (i = 0; i < n; i++) {
		unsigned c = s[i];
		if (c >= 0x80)
			return 0;
		if (c >= 'A' && c <= 'Z')
			c += 32;
		h = (h ^ c) * LEX_PRIME;
	}
	for (i = h & (LEX_SLOTS - 1); lex->slot[i].len != 0; i = (i + 1) & (LEX_SLOTS - 1)) {
		const struct lex_slot *sl = &lex->slot[i];
		if (sl->hash != h || sl->len != n)
			continue;
		if (slot_holds(sl, s, n))
			return sl->bits;
	}
	return 0;
}

/* The same, from the token's gazetteer key: a listed word folds as the
 * key does, so it is among the words of that key, and the bytes tell
 * which (keys of different words may meet). */
static uint16_t
word_lists_by_key(const struct lexicon *lex, const char *text, const struct lede_tok *k,
    uint64_t key)
{
	const unsigned char *s = (const unsigned char *)text + k->start;
	size_t n = k->end - k->start, i;

	/* the small table of how listed words begin turns away most tokens
	 * before the keys' table, which is colder, is read */
	if (n >= LEX_MAXLEN || !(k->flags & LEDE_TOK_WORD) ||
	    !(lex->pre[s[0] & 31][n > 1 ? s[1] & 31 : 0] & (1u << n)))
		return 0;
	for (i = key & (LEX_SLOTS - 1); lex->gslot[i] != 0; i = (i + 1) & (LEX_SLOTS - 1)) {
		const struct lex_slot *sl = &lex->slot[lex->gslot[i] - 1];
		if (lex->gkey[i] != key || sl->len != n)
			continue;
		if (slot_holds(sl, s, n))
			return sl->bits;
	}
	return 0;
}

static uint16_t
token_lists(const struct para_ctx *p, size_t i)
{
	return p->wkeys != NULL ? word_lists_by_key(p->lex, p->text, &p->t->v[i], p->wkeys[i]) :
	    word_lists_of(p->lex, p->text, &p->t->v[i]);
}

/* Whether token i is in the lists of bits. A token whose first letter
 * begins no word of those lists is not looked up (a capital folds to its
 * small letter, and | 0x20 makes no other byte a small letter). */
static inline bool
tok_is(const struct para_ctx *p, size_t i, unsigned bits)
{
	if (p->wl[i] == 0) {
		unsigned c = ((unsigned char)p->text[p->t->v[i].start] | 0x20u) - 'a';
		if (!(p->lex->begins[c < 26 ? c : 26] & bits))
			return false;
		p->wl[i] = (uint16_t)(token_lists(p, i) | WL_SEEN);
	}
	return (p->wl[i] & bits) != 0;
}

static bool
is_score(const char *text, const struct lede_tok *k)
{
	size_t i, dash = 0;

	if (!(k->flags & LEDE_TOK_DIGIT) || (k->flags & (LEDE_TOK_UPPER | LEDE_TOK_LOWER)))
		return false;
	for (i = k->start; i < k->end; i++)
		if (text[i] == '-')
			dash++;
	return dash == 1;
}

/* "Milan 2 Roma 1": a small bare number after a name in a results line */
static bool
is_goals(const char *text, const struct lede_tok *k)
{
	size_t n = k->end - k->start;

	return n <= 2 && (k->flags & LEDE_TOK_DIGIT) && !(k->flags & (LEDE_TOK_UPPER | LEDE_TOK_LOWER)) &&
	    text[k->start] >= '0' && text[k->start] <= '9' && (n == 1 || (text[k->start + 1] >= '0' &&
	    text[k->start + 1] <= '9'));
}

/* A span that is exactly a country's name. */
static bool
is_country(const struct lede_toks *t, size_t s, size_t end, const uint16_t *gword,
    const uint16_t *gphrase)
{
	if (end - s == 1)
		return gword[s] & LEDE_GAZ_COUNTRY;
	return (gphrase[s] & LEDE_GAZ_PHRASE_B) && (gphrase[s] & LEDE_GAZ_COUNTRY) &&
	    (end == t->n || (gphrase[end] & LEDE_GAZ_PHRASE_B) || !(gphrase[end] & LEDE_GAZ_COUNTRY));
}

static bool
role_word(const struct para_ctx *p, size_t i)
{
	const struct lede_tok *k = &p->t->v[i];
	uint16_t g = p->gword[i];

	if (!(k->flags & LEDE_TOK_WORD) || p->tags[i] == LEDE_NER_B_PER || p->tags[i] == LEDE_NER_I_PER)
		return false;
	if (tok_is(p, i, WL_HONORIFIC))
		return false;
	if (g & (LEDE_GAZ_TITLE | LEDE_GAZ_DEMONYM | LEDE_GAZ_COUNTRY))
		return true;
	if (tok_is(p, i, WL_MODIFIER))
		return true;
	/* acronyms: US, UK, NATO, EU, UN */
	if ((k->flags & LEDE_TOK_ALLCAP) && k->end - k->start <= 6 && k->end - k->start >= 2)
		return true;
	/* who the role is for: "Kremlin spokesman", "Federal Reserve Chair" */
	return (k->flags & LEDE_TOK_UPPER) && !(k->flags & LEDE_TOK_ABBR) && !tok_is(p, i, WL_DET) &&
	    !((k->flags & LEDE_TOK_SENT) && (g & LEDE_GAZ_COMMON));
}

static bool
role_head(const struct para_ctx *p, size_t i)
{
	return (p->gword[i] & LEDE_GAZ_TITLE) && !tok_is(p, i, WL_MODIFIER | WL_HONORIFIC);
}

/* "French President Emmanuel Macron", "the UK defence secretary John Healey". */
static void
role_before(const struct para_ctx *p, size_t s, struct role *m)
{
	const char *text = p->text;
	const struct lede_toks *t = p->t;
	size_t i;

	/* "the Dutch prime minister, Mark Rutte," */
	if (s >= 2 && text[t->v[s - 1].start] == ',' && t->v[s - 1].end - t->v[s - 1].start == 1 &&
	    role_head(p, s - 2) && !(t->v[s - 2].flags & LEDE_TOK_SENT))
		s--;
	if (s == 0 || !role_head(p, s - 1) || (t->v[s].flags & LEDE_TOK_SENT))
		return;
	i = s - 1;
	while (i > 0 && s - i < 6 && !(t->v[i].flags & LEDE_TOK_SENT) &&
	    role_word(p, i - 1))
		i--;
	m->start = t->v[i].start;
	m->end = t->v[s - 1].end;
}

/* "John Healey, the defence secretary," */
static void
role_after(const struct para_ctx *p, size_t e, struct role *m)
{
	const char *text = p->text;
	const struct lede_toks *t = p->t;
	size_t i = e, s, last = 0;

	if (i >= t->n || text[t->v[i].start] != ',' || t->v[i].end - t->v[i].start != 1)
		return;
	i++;
	if (i < t->n && tok_is(p, i, WL_DET))
		i++;
	s = i;
	while (i < t->n && i - s < 6 && !(t->v[i].flags & LEDE_TOK_SENT) &&
	    role_word(p, i)) {
		if (role_head(p, i))
			last = i + 1;
		i++;
	}
	if (last == 0 || last != i)
		return;
	if (i < t->n && (t->v[i].flags & LEDE_TOK_WORD) && !(t->v[i].flags & LEDE_TOK_SENT)) {
		/* "the defence secretary of ..." or "the secretary said": not an apposition */
		if (!tok_is(p, i, WL_OK_NEXT))
			return;
	}
	m->start = t->v[s].start;
	m->end = t->v[last - 1].end;
}

static int
add_ment(struct lede_ents *e, const struct ment *m, struct lede_err *err)
{
	if (e->nm == e->capm && !lede_grow(&e->m, &e->capm, e->nm + 1, sizeof *e->m))
		return lede_err_oom(err);
	e->m[e->nm++] = *m;
	return 0;
}

static uint64_t
form_hash(const struct form *f)
{
	uint64_t x = ((uint64_t)f->key << 32 | f->first) * 0x9e3779b97f4a7c15ull;

	x ^= ((uint64_t)f->last << 32 | (uint64_t)f->nwords << 16 | f->wclass) + f->type;
	x *= 0xff51afd7ed558ccdull;
	return x ^ x >> 29;
}

static bool
form_eq(const struct form *a, const struct form *b)
{
	return a->key == b->key && a->first == b->first && a->last == b->last &&
	    a->nwords == b->nwords && a->wclass == b->wclass && a->type == b->type;
}

/* Doubles the form table's slots. */
static int
forms_rehash(struct lede_ents *e)
{
	size_t cap = e->capformslot ? 2 * e->capformslot : 1024, i, j;
	uint32_t *slot = calloc(cap, sizeof *slot);

	if (slot == NULL)
		return -1;
	for (i = 0; i < e->nforms; i++) {
		for (j = form_hash(&e->forms[i]) & (cap - 1); slot[j] != 0; j = (j + 1) & (cap - 1))
			;
		slot[j] = (uint32_t)i + 1;
	}
	free(e->formslot);
	e->formslot = slot;
	e->capformslot = cap;
	return 0;
}

/* The index of form f (count not read), added when new, with one more
 * mention counted; -1 when memory runs out. */
static int64_t
form_of(struct lede_ents *e, const struct form *f)
{
	size_t mask, j;
	uint32_t v;

	if ((e->nforms + 1) * 2 > e->capformslot && forms_rehash(e) != 0)
		return -1;
	mask = e->capformslot - 1;
	for (j = form_hash(f) & mask; (v = e->formslot[j]) != 0; j = (j + 1) & mask)
		if (form_eq(&e->forms[v - 1], f)) {
			e->forms[v - 1].count++;
			return v - 1;
		}
	if (e->nforms >= UINT32_MAX - 1 ||
	    !lede_grow(&e->forms, &e->capforms, e->nforms + 1, sizeof *e->forms))
		return -1;
	e->forms[e->nforms] = *f;
	e->forms[e->nforms].count = 1;
	e->formslot[j] = (uint32_t)++e->nforms;
	return (int64_t)e->nforms - 1;
}

/* number_of for a key met the first time (or a map still empty). */
static int64_t
number_new(struct lede_ents *e, uint64_t key)
{
	struct map_slot *sl = map_at(&e->names, key);

	if (sl == NULL)
		return -1;
	if (sl->v == 0) {
		if (e->nnames >= INT32_MAX - 1 ||
		    !lede_grow(&e->named, &e->capnamed, e->nnames + 1, sizeof *e->named))
			return -1;
		e->named[e->nnames] = 0;
		sl->v = (int)++e->nnames;
	}
	return sl->v - 1;
}

/* key's number, a new one if it has none; -1 when memory runs out. Keys
 * 0 and 1 are one key (struct map). */
static inline int64_t
number_of(struct lede_ents *e, uint64_t key)
{
	struct map_slot *sl;

	/* most names come again: found without the checks for growth */
	if (e->names.cap != 0 && (sl = map_find(&e->names, nz(key)))->k != 0)
		return sl->v - 1;
	return number_new(e, key);
}

/* Numbers the key of the whole name and of its first and last words. */
static inline int
name_ids(struct lede_ents *e, uint64_t key, uint64_t first, uint64_t last, struct form *m)
{
	int64_t k, f, l;

	if ((k = number_of(e, key)) < 0 ||
	    (f = nz(first) == nz(key) ? k : number_of(e, first)) < 0 ||
	    (l = nz(last) == nz(key) ? k : nz(last) == nz(first) ? f : number_of(e, last)) < 0)
		return -1;
	m->key = (uint32_t)k;
	m->first = (uint32_t)f;
	m->last = (uint32_t)l;
	return 0;
}

/* Token i's gazetteer key: the caller's, or hashed here. */
static uint64_t
word_key(const struct para_ctx *p, size_t i)
{
	const struct lede_tok *k = &p->t->v[i];

	return p->wkeys != NULL ? p->wkeys[i] : lede_gaz_word_key(p->text + k->start, k->end - k->start);
}

/* Keeps the keys of the name in tokens [s, end) for numbering at the end. */
static int
name_keys(struct lede_ents *e, const struct para_ctx *p, size_t s, size_t end, struct ment *m)
{
	const struct lede_toks *t = p->t;
	size_t i;
	uint64_t k = 0, w, first = 0, last = 0;
	uint16_t nwords = 0;

	for (i = s; i < end; i++) {
		w = word_key(p, i);
		k = i == s ? w : lede_gaz_extend(k, w);
		if (t->v[i].flags & LEDE_TOK_WORD) {
			if (nwords == 0)
				first = w;
			last = w;
			nwords++;
		}
	}
	m->nwords = nwords;
	m->nkeys = nz(first) == nz(k) && nz(last) == nz(k) ? 1 : 3;
	if (e->nrawkeys + 3 > e->caprawkeys &&
	    !lede_grow(&e->rawkeys, &e->caprawkeys, e->nrawkeys + 3, sizeof *e->rawkeys))
		return -1;
	e->rawkeys[e->nrawkeys++] = k;
	if (m->nkeys == 3) {
		e->rawkeys[e->nrawkeys++] = first;
		e->rawkeys[e->nrawkeys++] = last;
	}
	return 0;
}

/* How many of the n indices in v (ascending) are at most i. */
static size_t
count_upto(const uint32_t *v, size_t n, size_t i)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid] <= i)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Whether the sentence around token i has a score ("2-1"); *end receives
 * the index where that sentence ends. The sentence runs from the last
 * sentence start at or before i (or the first token) to the next start;
 * the survey's lists find both, and the numbers in between, without
 * reading the sentence's words. */
static bool
sentence_is_sport(struct para_ctx *p, size_t i, size_t *end)
{
	size_t a, s, k;

	/* most paragraphs have no score at all: then no sentence has one */
	if (p->anyscore < 0) {
		p->anyscore = 0;
		for (k = 0; k < p->nnumbers && !p->anyscore; k++)
			p->anyscore = is_score(p->text, &p->t->v[p->numbers[k]]);
	}
	if (!p->anyscore) {
		*end = p->t->n;
		return false;
	}
	a = count_upto(p->sents, p->nsents, i);
	s = a > 0 ? p->sents[a - 1] : 0;
	*end = a < p->nsents ? p->sents[a] : p->t->n;
	for (k = s > 0 ? count_upto(p->numbers, p->nnumbers, s - 1) : 0;
	    k < p->nnumbers && p->numbers[k] < *end; k++)
		if (is_score(p->text, &p->t->v[p->numbers[k]]))
			return true;
	return false;
}

/* Fills p's lists of where the rules can apply (see struct para_ctx). */
static int
survey(struct lede_ents *e, struct para_ctx *p)
{
	const struct lede_toks *t = p->t;
	const uint16_t *gword = p->gword, *gphrase = p->gphrase;
	const uint16_t place = LEDE_GAZ_CITY | LEDE_GAZ_COUNTRY | LEDE_GAZ_REGION;
	size_t n = t->n, i;
	uint32_t *countries, *initials, *places, *titles, *capitals, *sents, *numbers;
	size_t nc = 0, ni = 0, np = 0, nt = 0, nk = 0, ns = 0, nn = 0;

	if (!lede_grow(&e->sv, &e->capsv, 7 * n + 1, sizeof *e->sv))
		return -1;
	countries = e->sv;
	initials = countries + n;
	places = initials + n;
	titles = places + n;
	capitals = titles + n;
	sents = capitals + n;
	numbers = sents + n;
	for (i = 0; i < n; i++) {
		const struct lede_tok *k = &t->v[i];
		uint32_t f = k->flags, len;
		uint16_t gp = gphrase[i], gw = gword[i];

		if ((gp & LEDE_GAZ_PHRASE_B) && (gp & place))
			places[np++] = (uint32_t)i;
		if (gw & LEDE_GAZ_TITLE)
			titles[nt++] = (uint32_t)i;
		/* most tokens are small words or marks */
		if (!(f & (LEDE_TOK_SENT | LEDE_TOK_DIGIT | LEDE_TOK_UPPER)))
			continue;
		if (f & LEDE_TOK_SENT)
			sents[ns++] = (uint32_t)i;
		if ((f & (LEDE_TOK_DIGIT | LEDE_TOK_UPPER | LEDE_TOK_LOWER)) == LEDE_TOK_DIGIT)
			numbers[nn++] = (uint32_t)i;
		if (!(f & LEDE_TOK_UPPER))
			continue;
		if (((gp & LEDE_GAZ_PHRASE_B) && (gp & LEDE_GAZ_COUNTRY)) || (gw & LEDE_GAZ_COUNTRY))
			countries[nc++] = (uint32_t)i;
		len = k->end - k->start;
		if (f & LEDE_TOK_ABBR) {
			if (len == 2)
				initials[ni++] = (uint32_t)i;
		} else if (len >= 2 && !((f & LEDE_TOK_SENT) && (gw & LEDE_GAZ_COMMON))) {
			capitals[nk++] = (uint32_t)i;
		}
	}
	p->countries = countries;
	p->ncountries = nc;
	p->initials = initials;
	p->ninitials = ni;
	p->places = places;
	p->nplaces = np;
	p->titles = titles;
	p->ntitles = nt;
	p->capitals = capitals;
	p->ncapitals = nk;
	p->sents = sents;
	p->nsents = ns;
	p->numbers = numbers;
	p->nnumbers = nn;
	return 0;
}

/* A country's name is a place whatever the tagger's guess, unless the tagger
 * made it part of a longer name ("United States Senate"): silver training
 * data sometimes has "Sri Lanka" as a person. */
static void
force_countries(const struct para_ctx *p)
{
	const struct lede_toks *t = p->t;
	const uint16_t *gphrase = p->gphrase;
	uint8_t *tags = p->tags;
	size_t c, i, j, end, next = 0;

	for (c = 0; c < p->ncountries; c++) {
		bool phrase;
		if ((i = p->countries[c]) < next)
			continue;
		phrase = (gphrase[i] & LEDE_GAZ_PHRASE_B) && (gphrase[i] & LEDE_GAZ_COUNTRY);
		end = i + 1;
		if (phrase)
			while (end < t->n && !(gphrase[end] & LEDE_GAZ_PHRASE_B) && (gphrase[end] & LEDE_GAZ_COUNTRY))
				end++;
		if (tags[i] == LEDE_NER_O && end - i == 1)
			continue;      /* a single word the tagger left alone stays so: "Jordan said" */
		if ((tags[i] & 1) == 0 && tags[i] != LEDE_NER_O)
			continue;      /* inside a longer name */
		if (end < t->n && tags[end] != LEDE_NER_O && (tags[end] & 1) == 0 &&
		    !(end - i > 1 && tags[end - 1] == tags[end] - 1))
			continue;      /* the name goes on past the country */
		if (end - i == 1 && tags[i] != LEDE_NER_B_PER && tags[i] != LEDE_NER_B_ORG)
			continue;
		for (j = i; j < end; j++)
			tags[j] = j == i ? LEDE_NER_B_LOC : LEDE_NER_I_LOC;
		next = end;
	}
}

/* ", his wife", ", her son": the name before is a person's. */
static bool
kin_apposition(const struct para_ctx *p, size_t e)
{
	const struct lede_toks *t = p->t;

	return e + 2 < t->n && p->text[t->v[e].start] == ',' && t->v[e].end - t->v[e].start == 1 &&
	    tok_is(p, e + 1, WL_KIN_POSS) && tok_is(p, e + 2, WL_KIN);
}

/* ", the first foreign company", ", a Seoul-based daily": the name before
 * is an organisation's. */
static bool
org_apposition(const struct para_ctx *p, size_t e)
{
	const struct lede_toks *t = p->t;
	size_t i;

	if (e + 2 >= t->n || p->text[t->v[e].start] != ',' || t->v[e].end - t->v[e].start != 1 ||
	    !tok_is(p, e + 1, WL_DET))
		return false;
	for (i = e + 2; i < t->n && i < e + 8; i++) {
		if (!(t->v[i].flags & LEDE_TOK_WORD) || (t->v[i].flags & LEDE_TOK_SENT) ||
		    tok_is(p, i, WL_ORG_STOP))
			return false;
		if (tok_is(p, i, WL_ORG_HEAD))
			return i + 1 >= t->n || !tok_is(p, i + 1, WL_ORG_STOP);
	}
	return false;
}

/* The description opened by "the" at i, if any ("the Russian leader",
 * "the US president": a nationality and a role, with no name following;
 * they are given to a person at the end); *lastp receives the end of the
 * one found, or 0. */
static int
describe(struct lede_ents *e, const struct para_ctx *p, size_t i, size_t *lastp)
{
	const struct lede_toks *t = p->t;
	const uint16_t *gword = p->gword;
	size_t j, last = 0;
	bool nation = false;

	*lastp = 0;
	/* a nationality among the four words after: most "the"s have none */
	for (j = i + 1; j < t->n && j - i <= 4 && !nation; j++)
		nation = (gword[j] & (LEDE_GAZ_DEMONYM | LEDE_GAZ_COUNTRY)) ||
		    (t->v[j].flags & LEDE_TOK_ALLCAP);
	if (!nation)
		return 0;
	nation = false;
	for (j = i + 1; j < t->n && j - i <= 4 && role_word(p, j); j++) {
		if (gword[j] & (LEDE_GAZ_DEMONYM | LEDE_GAZ_COUNTRY) || (t->v[j].flags & LEDE_TOK_ALLCAP))
			nation = true;
		if (role_head(p, j))
			last = j + 1;
	}
	if (!nation || last == 0 || last != j || last - i < 3)
		return 0;
	if (j < t->n && (t->v[j].flags & LEDE_TOK_UPPER) && !(t->v[j].flags & LEDE_TOK_SENT))
		return 0;      /* a name follows: role_before's business */
	if (e->ndesc == e->capdesc && !lede_grow(&e->desc, &e->capdesc, e->ndesc + 1, sizeof *e->desc))
		return -1;
	e->desc[e->ndesc].para = p->para;
	e->desc[e->ndesc].start = t->v[i + 1].start;
	e->desc[e->ndesc].end = t->v[last - 1].end;
	e->ndesc++;
	*lastp = last;
	return 0;
}

/* Roles without a name after "the" (describe). A role ends in a title
 * within four words of "the", so only the "the"s shortly before the
 * survey's titles are read, each once, in order. */
static int
find_descriptions(struct lede_ents *e, const struct para_ctx *p)
{
	const struct lede_toks *t = p->t;
	size_t c, i = 0, last;

	for (c = 0; c < p->ntitles; c++) {
		size_t title = p->titles[c];
		if (i + 4 < title)
			i = title - 4;
		for (; i < title; i++) {
			const char *w = p->text + t->v[i].start;
			if (i + 2 >= t->n || t->v[i].end - t->v[i].start != 3 ||
			    (w[0] != 't' && w[0] != 'T') || w[1] != 'h' || w[2] != 'e')
				continue;
			if (describe(e, p, i, &last) != 0)
				return -1;
			if (last > i)
				i = last - 1;   /* on past the description */
		}
	}
	return 0;
}

/* "R. Ponting not out": an initial and a capitalised word the tagger left
 * alone are a person, the way lists and scorecards write names. */
static void
force_initials(const struct para_ctx *p)
{
	const struct lede_toks *t = p->t;
	const uint16_t *gword = p->gword;
	uint8_t *tags = p->tags;
	size_t c, i, next = 0;

	/* the survey found the capital initials ("R.") */
	for (c = 0; c < p->ninitials; c++) {
		const struct lede_tok *b;
		if ((i = p->initials[c]) < next || i + 1 >= t->n)
			continue;
		b = &t->v[i + 1];
		if (tags[i] != LEDE_NER_O || tags[i + 1] != LEDE_NER_O || !(b->flags & LEDE_TOK_UPPER) ||
		    (b->flags & (LEDE_TOK_ABBR | LEDE_TOK_ALLCAP | LEDE_TOK_SENT)) || b->end - b->start < 3 ||
		    (gword[i + 1] & (LEDE_GAZ_COMMON | LEDE_GAZ_CITY | LEDE_GAZ_COUNTRY | LEDE_GAZ_REGION |
		    LEDE_GAZ_TITLE | LEDE_GAZ_DEMONYM)))
			continue;
		tags[i] = LEDE_NER_B_PER;
		tags[i + 1] = LEDE_NER_I_PER;
		next = i + 2;
	}
}

/* A wire dateline: "BONN 1996-08-22", "NEW YORK (Reuters) -": the words in
 * capitals before the date or the agency name the place. */
static void
force_dateline(const char *text, const struct lede_toks *t, uint8_t *tags)
{
	size_t k, j, dashes;

	for (k = 0; k < t->n && k < 4 && (t->v[k].flags & LEDE_TOK_ALLCAP) &&
	    !(t->v[k].flags & LEDE_TOK_DIGIT); k++)
		;
	if (k == 0 || k >= t->n || (k < t->n && (t->v[k].flags & LEDE_TOK_SENT)))
		return;
	if (t->v[k].flags & LEDE_TOK_DIGIT) {
		for (dashes = 0, j = t->v[k].start; j < t->v[k].end; j++)
			dashes += text[j] == '-' || text[j] == '/';
		if (dashes < 2)
			return;
	} else if (!(text[t->v[k].start] == '(' && k + 1 < t->n && (t->v[k + 1].flags & LEDE_TOK_UPPER))) {
		return;
	}
	for (j = 0; j < k; j++)
		tags[j] = j == 0 ? LEDE_NER_B_LOC : LEDE_NER_I_LOC;
}

/* A place's name of several words the tagger saw part of as a place:
 * "NEW/LOC YORK/PER" is New York. */
static void
complete_places(const struct para_ctx *p)
{
	const struct lede_toks *t = p->t;
	const uint16_t *gphrase = p->gphrase;
	uint8_t *tags = p->tags;
	size_t c, i, j, end, next = 0;

	for (c = 0; c < p->nplaces; c++) {
		bool any = false;
		if ((i = p->places[c]) < next)
			continue;
		for (end = i + 1; end < t->n && !(gphrase[end] & LEDE_GAZ_PHRASE_B) && gphrase[end] != 0; end++)
			;
		for (j = i; j < end; j++)
			any = any || tags[j] == LEDE_NER_B_LOC || tags[j] == LEDE_NER_I_LOC;
		if (!any || (i > 0 && tags[i] != LEDE_NER_B_LOC && tags[i] != LEDE_NER_O &&
		    (tags[i] & 1) == 0) || (end < t->n && tags[end] != LEDE_NER_O && (tags[end] & 1) == 0))
			continue;      /* not a place, or inside a longer name */
		for (j = i; j < end; j++)
			tags[j] = j == i ? LEDE_NER_B_LOC : LEDE_NER_I_LOC;
		next = end;
	}
}

/* Capitalised words the tagger left alone, kept so the end can look them up
 * among the names found anywhere in the text. */
static int
keep_candidates(struct lede_ents *e, const struct para_ctx *p)
{
	const struct lede_toks *t = p->t;
	const uint8_t *tags = p->tags;
	size_t c, i;

	/* the survey found the capitalised words long enough, not abbreviations
	 * nor common words opening a sentence */
	for (c = 0; c < p->ncapitals; c++) {
		const struct lede_tok *k = &t->v[i = p->capitals[c]];
		struct cand *m;

		if (tags[i] != LEDE_NER_O)
			continue;
		/* part of a longer capitalised run the tagger left alone: another name */
		if ((i > 0 && tags[i - 1] == LEDE_NER_O && (t->v[i - 1].flags & LEDE_TOK_UPPER) &&
		    !(k->flags & LEDE_TOK_SENT)) ||
		    (i + 1 < t->n && tags[i + 1] == LEDE_NER_O && (t->v[i + 1].flags & LEDE_TOK_UPPER) &&
		    !(t->v[i + 1].flags & LEDE_TOK_SENT)))
			if (!(k->flags & LEDE_TOK_ALLCAP))
				continue;
		if (e->ncand == e->capcand && !lede_grow(&e->cand, &e->capcand, e->ncand + 1, sizeof *e->cand))
			return -1;
		m = &e->cand[e->ncand++];
		m->key = word_key(p, i);
		m->word = (k->flags & LEDE_TOK_WORD) != 0;
		m->para = p->para;
		m->start = k->start;
		m->end = k->end;
	}
	return 0;
}

/* Below this lead over the next tag (in the model's stored units), a
 * one-word person in no list of names, or place in no list of places, is
 * too doubtful to keep. Chosen on the CoNLL dev split for data/ner.model;
 * retraining may call for another value. */
static const int32_t min_margin = 150;

/* A span being decided: tokens [s, end), the tagger's B- tag, what it names
 * (M_PER, M_LOC, M_OTHER), and where the scan goes on. */
struct span {
	size_t s, end, next;
	int b, type;
};

/* Where the tagger's span really starts and ends: two names side by side
 * are one, a small word ends a name, an initial joins its surname. */
static void
span_bounds(struct para_ctx *p, struct span *sp)
{
	const struct lede_toks *t = p->t;
	uint8_t *tags = p->tags;
	size_t s = sp->s, end = sp->end, k;
	int type = sp->type;
	int b = sp->b;

	for (end = s + 1; end < t->n && tags[end] == b + 1; end++)
		;
	/* "Miguel/B Angel Martin/B": two names side by side are one name */
	while (b == LEDE_NER_B_PER && end < t->n && tags[end] == LEDE_NER_B_PER &&
	    t->v[end].start > t->v[end - 1].end) {
		tags[end] = LEDE_NER_I_PER;
		for (end++; end < t->n && tags[end] == LEDE_NER_I_PER; end++)
			;
	}
	/* "S. Waugh b Muralitharan": a small word inside a name ends it,
	 * unless it is a particle (van, de, al) */
	if (b == LEDE_NER_B_PER) {
		for (k = s + 1; k < end; k++)
			if ((t->v[k].flags & LEDE_TOK_LOWER) && !tok_is(p, k, WL_PARTICLE))
				break;
		if (k < end) {
			tags[k] = LEDE_NER_O;
			if (k + 1 < end)
				tags[k + 1] = LEDE_NER_B_PER;
			end = k;
		}
	}
	/* "M. Butcher" with the initial left out */
	if (b == LEDE_NER_B_PER && s > 0 && tags[s - 1] == LEDE_NER_O &&
	    (t->v[s - 1].flags & LEDE_TOK_ABBR) && (t->v[s - 1].flags & LEDE_TOK_UPPER) &&
	    t->v[s - 1].end - t->v[s - 1].start == 2) {
		s--;
		tags[s] = LEDE_NER_B_PER;
		tags[s + 1] = LEDE_NER_I_PER;
	}

	sp->s = s;
	sp->end = end;
	sp->type = type;
}

/* What the span names, from its words: doubtful single words, landmarks,
 * given names, initials, countries, regions, organisations, saints. */
static void
span_retype(struct para_ctx *p, struct span *sp)
{
	const char *text = p->text;
	const struct lede_toks *t = p->t;
	const uint16_t *gword = p->gword, *gphrase = p->gphrase;
	const int32_t *margin = p->margin;
	uint8_t *tags = p->tags;
	size_t s = sp->s, end = sp->end, k;
	int type = sp->type;
	int b = sp->b;

	if (type == M_PER && end - s == 1 && margin[s] < min_margin &&
	    !(gword[s] & (LEDE_GAZ_FIRST | LEDE_GAZ_LAST)) && !(t->v[s].flags & LEDE_TOK_ABBR))
		type = M_OTHER;
	if (type == M_LOC && end - s == 1 && margin[s] < min_margin &&
	    !(gword[s] & (LEDE_GAZ_CITY | LEDE_GAZ_COUNTRY | LEDE_GAZ_REGION | LEDE_GAZ_FIRST)))
		type = M_OTHER;
	/* "Élysée Palace", "Tiananmen Square": a landmark, whatever runs it */
	if (type == M_OTHER && end - s >= 2 && (t->v[end - 1].flags & LEDE_TOK_UPPER) &&
	    tok_is(p, end - 1, WL_LANDMARK)) {
		type = M_LOC;
		for (k = s; k < end; k++)
			tags[k] = k == s ? LEDE_NER_B_LOC : LEDE_NER_I_LOC;
	}
	/* "George Washington" taken for a thing: a given name and one more word */
	if (end - s == 2 && (b == LEDE_NER_B_MISC || (b == LEDE_NER_B_ORG &&
	    !(gword[s] & LEDE_GAZ_LAST) && !(gword[s + 1] & ~(LEDE_GAZ_LAST | LEDE_GAZ_FIRST)))) &&
	    (gword[s] & LEDE_GAZ_FIRST) &&
	    !(gword[s] & (LEDE_GAZ_COMMON | LEDE_GAZ_CITY | LEDE_GAZ_COUNTRY | LEDE_GAZ_REGION |
	    LEDE_GAZ_DEMONYM)) && (t->v[s + 1].flags & LEDE_TOK_UPPER) &&
	    !(gword[s + 1] & LEDE_GAZ_COMMON)) {
		type = M_PER;
		tags[s] = LEDE_NER_B_PER;
		tags[s + 1] = LEDE_NER_I_PER;
	}
	/* "Klas Eriksson (Sweden) 71 75": a name with a country in brackets,
	 * as results and lists write people */
	if (type != M_PER && end - s >= 2 && end - s <= 3 && end + 2 < t->n &&
	    text[t->v[end].start] == '(' && t->v[end].end - t->v[end].start == 1 &&
	    (gword[end + 1] & (LEDE_GAZ_COUNTRY | LEDE_GAZ_DEMONYM)) &&
	    !((gword[s] | gword[end - 1] | gphrase[s]) & (LEDE_GAZ_CITY | LEDE_GAZ_COUNTRY |
	    LEDE_GAZ_REGION | LEDE_GAZ_COMMON))) {
		type = M_PER;
		for (k = s; k < end; k++)
			tags[k] = k == s ? LEDE_NER_B_PER : LEDE_NER_I_PER;
	}
	/* "W. Athey": an initial and a capitalised word name a person */
	if (type != M_PER && end - s >= 2 && end - s <= 3 && (t->v[s].flags & LEDE_TOK_ABBR) &&
	    (t->v[s].flags & LEDE_TOK_UPPER) && t->v[s].end - t->v[s].start == 2 &&
	    (t->v[end - 1].flags & LEDE_TOK_UPPER) && !(t->v[end - 1].flags & LEDE_TOK_ABBR) &&
	    !((gword[end - 1] | gphrase[s]) & (LEDE_GAZ_CITY | LEDE_GAZ_COUNTRY | LEDE_GAZ_REGION))) {
		type = M_PER;
		for (k = s; k < end; k++)
			tags[k] = k == s ? LEDE_NER_B_PER : LEDE_NER_I_PER;
	}
	/* a country's name alone is the place, in sport too ("Sweden beat Norway") */
	if (b == LEDE_NER_B_ORG && is_country(t, s, end, gword, gphrase)) {
		type = M_LOC;
		for (k = s; k < end; k++)
			tags[k] = k == s ? LEDE_NER_B_LOC : LEDE_NER_I_LOC;
	}
	/* "West Bank": a person's or organisation's name that is exactly a
	 * listed region (cities stay teams: "Los Angeles" in a table) */
	if ((type == M_PER || (type == M_OTHER && !(gphrase[s] & LEDE_GAZ_CITY))) &&
	    end - s >= 2 && (gphrase[s] & LEDE_GAZ_PHRASE_B) &&
	    (gphrase[s] & (LEDE_GAZ_CITY | LEDE_GAZ_REGION | LEDE_GAZ_COUNTRY)) &&
	    (end == t->n || (gphrase[end] & LEDE_GAZ_PHRASE_B) || gphrase[end] == 0) &&
	    !(gphrase[end - 1] & LEDE_GAZ_PHRASE_B)) {
		bool whole = true;
		for (k = s + 1; k < end && whole; k++)
			whole = gphrase[k] != 0 && !(gphrase[k] & LEDE_GAZ_PHRASE_B);
		if (whole) {
			for (k = s; k < end; k++)
				tags[k] = k == s ? LEDE_NER_B_LOC : LEDE_NER_I_LOC;
			type = M_LOC;
		}
	}
	/* "American League", "Central Division", "Dow Jones Index": no
	 * person's name ends in the word for an organisation or event */
	if (type == M_PER && tok_is(p, end - 1, WL_ORG_END)) {
		for (k = s; k < end; k++)
			tags[k] = k == s ? LEDE_NER_B_ORG : LEDE_NER_I_ORG;
		type = M_OTHER;
	}
	/* "Afrikaners", "Kurds": a people is not a person */
	if (type == M_PER && end - s == 1 && (gword[s] & LEDE_GAZ_DEMONYM) &&
	    text[t->v[s].end - 1] == 's')
		type = M_OTHER;
	/* "St Louis", "San Diego", "Fort Worth": saints and forts name places
	 * and teams, not people */
	if (type == M_PER && end - s >= 2 && tok_is(p, s, WL_PLACE_START)) {
		bool place = ((gword[s] | gphrase[s]) & (LEDE_GAZ_CITY | LEDE_GAZ_REGION |
		    LEDE_GAZ_COUNTRY)) != 0;
		for (k = s; k < end; k++)
			tags[k] = (uint8_t)(place ? (k == s ? LEDE_NER_B_LOC : LEDE_NER_I_LOC) :
			    (k == s ? LEDE_NER_B_ORG : LEDE_NER_I_ORG));
		type = place ? M_LOC : M_OTHER;
	}

	sp->s = s;
	sp->end = end;
	sp->type = type;
}

/* Parts of a name the tagger left out around the span. */
static void
span_grow(struct para_ctx *p, struct span *sp)
{
	const struct lede_toks *t = p->t;
	const uint16_t *gword = p->gword;
	uint8_t *tags = p->tags;
	size_t s = sp->s, end = sp->end, k;
	int type = sp->type;

	/* "El Hassane Lahssini": a capitalised particle before a name */
	if (type == M_PER && s > 0 && tags[s - 1] == LEDE_NER_O &&
	    (t->v[s - 1].flags & LEDE_TOK_UPPER) && tok_is(p, s - 1, WL_PARTICLE) &&
	    t->v[s - 1].end < t->v[s].start) {
		s--;
		tags[s] = LEDE_NER_B_PER;
		tags[s + 1] = LEDE_NER_I_PER;
	}
	/* "Colin/PER Montgomerie/O": a given name alone, then a surname the
	 * tagger left out */
	if (type == M_PER && end - s == 1 && end < t->n && tags[end] == LEDE_NER_O &&
	    (gword[s] & LEDE_GAZ_FIRST) && !(gword[s] & LEDE_GAZ_LAST) &&
	    (t->v[end].flags & LEDE_TOK_UPPER) && !(t->v[end].flags & LEDE_TOK_SENT) &&
	    !(gword[end] & (LEDE_GAZ_COMMON | LEDE_GAZ_TITLE | LEDE_GAZ_CITY | LEDE_GAZ_COUNTRY |
	    LEDE_GAZ_REGION | LEDE_GAZ_DEMONYM)) && t->v[end].start > t->v[s].end) {
		tags[end] = LEDE_NER_I_PER;
		end++;
		sp->next = end;
	}
	/* "M. Butcher": an initial the tagger left without its surname */
	if (type == M_PER && (t->v[end - 1].flags & LEDE_TOK_ABBR) && end < t->n &&
	    tags[end] == LEDE_NER_O && (t->v[end].flags & LEDE_TOK_UPPER) &&
	    t->v[end - 1].end - t->v[end - 1].start <= 2) {
		tags[end] = LEDE_NER_I_PER;
		end++;
		sp->next = end;
	}
	/* "Joost van der Westhuizen", "Joaquin del Olmo": small particles
	 * between parts of one name */
	if (type == M_PER) {
		size_t q = end;
		while (q < t->n && q - end < 3 && tok_is(p, q, WL_PARTICLE))
			q++;
		if (q > end && q < t->n && (t->v[q].flags & LEDE_TOK_UPPER) &&
		    (tags[q] == LEDE_NER_O || tags[q] == LEDE_NER_B_PER) &&
		    t->v[q].start > t->v[q - 1].end) {
			for (k = end; k <= q; k++)
				tags[k] = LEDE_NER_I_PER;
			end = q + 1;
			while (end < t->n && tags[end] == LEDE_NER_I_PER)
				end++;
			sp->next = end;
		}
	}

	sp->s = s;
	sp->end = end;
	sp->type = type;
}

/* What an apposition after the span says it is. */
static void
span_appositions(struct para_ctx *p, struct span *sp)
{
	const uint16_t *gword = p->gword;
	uint8_t *tags = p->tags;
	size_t s = sp->s, end = sp->end, k;
	int type = sp->type;

	/* "Natalia, his wife,": kin make a given name a person */
	if (type != M_PER && end - s == 1 && (gword[s] & LEDE_GAZ_FIRST) &&
	    !(gword[s] & (LEDE_GAZ_CITY | LEDE_GAZ_COUNTRY | LEDE_GAZ_REGION)) &&
	    kin_apposition(p, end)) {
		tags[s] = LEDE_NER_B_PER;
		type = M_PER;
	}
	/* "Denzel Washington, the actor,": an apposition with a role is a person's */
	if (type == M_OTHER && end - s >= 2 && end - s <= 3 && (gword[s] & LEDE_GAZ_FIRST)) {
		struct role probe = { 0, 0 };
		role_after(p, end, &probe);
		if (probe.end != 0) {
			type = M_PER;
			for (k = s; k < end; k++)
				tags[k] = k == s ? LEDE_NER_B_PER : LEDE_NER_I_PER;
		}
	}
	/* "Cofinec, the first foreign company to list": an apposition
	 * that calls it an organisation */
	if (type == M_PER && end - s == 1 && org_apposition(p, end))
		type = M_OTHER;

	sp->s = s;
	sp->end = end;
	sp->type = type;
}

/* Marks, common words and honorifics that are no part of the name. */
static void
span_trim(struct para_ctx *p, struct span *sp)
{
	const struct lede_toks *t = p->t;
	const uint16_t *gword = p->gword;
	size_t s = sp->s, end = sp->end;
	int type = sp->type;
	int para = p->para;

	/* a possessive or stray mark is never part of the name */
	while (end > s && !(t->v[end - 1].flags & LEDE_TOK_WORD))
		end--;
	while (s < end && !(t->v[s].flags & LEDE_TOK_WORD))
		s++;
	/* "Victoria Beckham Opens Store": a title in capitals runs on into
	 * common words, which are no part of the name */
	while (end - s > 1 && (type == M_PER || type == M_LOC) &&
	    (gword[end - 1] & LEDE_GAZ_COMMON) && !(gword[end - 1] & (LEDE_GAZ_FIRST |
	    LEDE_GAZ_LAST | LEDE_GAZ_CITY | LEDE_GAZ_COUNTRY | LEDE_GAZ_REGION)) &&
	    !tok_is(p, end - 1, WL_LANDMARK))
		end--;
	/* in a headline every word has a capital: a long "name" keeps only
	 * the words that are known names */
	if (para == LEDE_TITLE && type == M_PER && end - s > 2) {
		size_t k2 = s + 2;
		while (k2 < end && (gword[k2] & (LEDE_GAZ_FIRST | LEDE_GAZ_LAST)))
			k2++;
		end = k2;
	}
	/* "Ms Nakamura": the honorific goes, whatever the tagger called the rest */
	while (s + 1 < end && (tok_is(p, s, WL_HONORIFIC) ||
	    (type == M_PER && (gword[s] & LEDE_GAZ_TITLE) && !(gword[s] & LEDE_GAZ_FIRST))))
		s++;

	sp->s = s;
	sp->end = end;
	sp->type = type;
}

/* What the words around the span say it is. */
static void
span_context(struct para_ctx *p, struct span *sp)
{
	const char *text = p->text;
	const struct lede_toks *t = p->t;
	const uint16_t *gword = p->gword, *gphrase = p->gphrase;
	uint8_t *tags = p->tags;
	size_t s = sp->s, end = sp->end, k;
	int type = sp->type;

	if (type == M_PER && end < t->n) {
		size_t r = end;
		/* "Federal Reserve Chair Jerome Powell": a "name" followed by a
		 * title and a person is who the title is for */
		while (r < t->n && r - end < 3 && role_head(p, r) &&
		    (t->v[r].flags & LEDE_TOK_UPPER))
			r++;
		if (r > end && r < t->n && tags[r] == LEDE_NER_B_PER) {
			for (k = s; k < end; k++)
				tags[k] = k == s ? LEDE_NER_B_ORG : LEDE_NER_I_ORG;
			type = M_OTHER;
		}
	}
	/* "Jackson Hole, Wyoming", "Victoria, British Columbia": a name
	 * before a state or country and the end of the phrase is a place */
	if (type == M_PER && end + 1 < t->n && text[t->v[end].start] == ',' &&
	    ((gword[end + 1] | gphrase[end + 1]) & (LEDE_GAZ_REGION | LEDE_GAZ_COUNTRY)) &&
	    !(gword[end + 1] & (LEDE_GAZ_FIRST | LEDE_GAZ_COMMON)) &&
	    (end + 2 >= t->n || !(t->v[end + 2].flags & LEDE_TOK_WORD) ||
	    (gphrase[end + 2] & (LEDE_GAZ_REGION | LEDE_GAZ_COUNTRY)))) {
		for (k = s; k < end; k++)
			tags[k] = k == s ? LEDE_NER_B_LOC : LEDE_NER_I_LOC;
		type = M_LOC;
	}
	/* "visited Florence", "in Victoria": a place's name after a word
	 * that leads to places */
	if (type == M_PER && end - s == 1 && s > 0 &&
	    (gword[s] & (LEDE_GAZ_CITY | LEDE_GAZ_COUNTRY | LEDE_GAZ_REGION)) &&
	    tok_is(p, s - 1, WL_PLACE_PREP)) {
		tags[s] = LEDE_NER_B_LOC;
		type = M_LOC;
	}
	if (type == M_LOC && end < t->n && tags[end] == LEDE_NER_O &&
	    (t->v[end].flags & LEDE_TOK_UPPER) && tok_is(p, end, WL_LANDMARK)) {
		tags[end] = LEDE_NER_I_LOC;
		end++;
		sp->next = end;
	}
	/* "Paris Hilton", "Jordan Henderson": a given name and a surname that
	 * together name no place */
	if (type == M_LOC && end - s == 2 && (gword[s] & LEDE_GAZ_FIRST) &&
	    (gword[s + 1] & LEDE_GAZ_LAST) && gphrase[s] == 0 &&
	    !(gword[s + 1] & (LEDE_GAZ_COUNTRY | LEDE_GAZ_REGION | LEDE_GAZ_COMMON)) &&
	    !(gword[s] & LEDE_GAZ_COMMON) && !(s > 0 && tok_is(p, s - 1, WL_DET))) {
		type = M_PER;
		tags[s] = LEDE_NER_B_PER;
		tags[s + 1] = LEDE_NER_I_PER;
	}
	/* a given name or surname that is no place: "Natalia, his wife" */
	if (type == M_LOC && end - s == 1 && (gword[s] & LEDE_GAZ_FIRST) &&
	    !((gword[s] | gphrase[s]) & (LEDE_GAZ_CITY | LEDE_GAZ_COUNTRY | LEDE_GAZ_REGION)))
		type = M_PER;

	sp->s = s;
	sp->end = end;
	sp->type = type;
}

/* Spans that name nothing: sentence openers, lone initials, labels. */
static bool
span_dropped(const struct para_ctx *p, const struct span *sp)
{
	const char *text = p->text;
	const struct lede_toks *t = p->t;
	const uint16_t *gword = p->gword;
	size_t s = sp->s, end = sp->end, k;
	int type = sp->type;

	if (s >= end)
		return true;
	/* "According", "Despite": small words that open a sentence */
	if (end - s == 1 && (gword[s] & LEDE_GAZ_COMMON) && (t->v[s].flags & LEDE_TOK_SENT) &&
	    !(gword[s] & (LEDE_GAZ_CITY | LEDE_GAZ_COUNTRY)))
		return true;
	if (end - s == 1 && (t->v[s].flags & LEDE_TOK_ABBR) && t->v[s].end - t->v[s].start <= 2)
		return true;   /* a lone initial */
	/* table headings in capitals: "WESTERN DIVISION", "W L PCT GB" */
	if (t->v[s].flags & LEDE_TOK_ALLCAP) {
		bool label = true;
		for (k = s; k < end && label; k++)
			label = ((gword[k] & LEDE_GAZ_COMMON) && !(gword[k] & (LEDE_GAZ_CITY |
			    LEDE_GAZ_COUNTRY | LEDE_GAZ_REGION | LEDE_GAZ_FIRST | LEDE_GAZ_LAST))) ||
			    (type == M_PER && t->v[k].end - t->v[k].start <= 3 &&
			    !(t->v[k].flags & LEDE_TOK_ABBR) &&
			    !(gword[k] & (LEDE_GAZ_COUNTRY | LEDE_GAZ_REGION)));
		if (label)
			return true;
	}
	/* a section label in capitals: "TENNIS - ..." */
	if (end - s == 1 && (t->v[s].flags & LEDE_TOK_ALLCAP) && (t->v[s].flags & LEDE_TOK_SENT) &&
	    end < t->n && text[t->v[end].start] == '-' &&
	    !(gword[s] & (LEDE_GAZ_CITY | LEDE_GAZ_COUNTRY | LEDE_GAZ_REGION)))
		return true;
	return false;
}

/* A city in a match report is a team. */
static void
span_team(struct para_ctx *p, struct span *sp)
{
	const char *text = p->text;
	const struct lede_toks *t = p->t;
	const uint16_t *gword = p->gword, *gphrase = p->gphrase;
	uint8_t *tags = p->tags;
	size_t s = sp->s, end = sp->end, k;
	int type = sp->type;

	if ((type == M_LOC || (type == M_PER && end - s == 1 && (gword[s] & LEDE_GAZ_CITY))) &&
	    !((gword[s] | gphrase[s]) & LEDE_GAZ_COUNTRY)) {
		/* a city in a match report is a team: "Milan beat Roma 2-1" */
		bool team = end < t->n && (is_goals(text, &t->v[end]) ||
		    tok_is(p, end, WL_SPORTS_VERB));
		if (!team && s > 0 && tok_is(p, s - 1, WL_SPORTS_VERB))
			team = true;
		if (!team && (gword[s] & (LEDE_GAZ_CITY | LEDE_GAZ_REGION))) {
			/* once per sentence: spans come in order, so the scan
			 * for the sentence's end is shared by all its cities */
			if (p->sport_end == (size_t)-1 || s >= p->sport_end) {
				p->sport = sentence_is_sport(p, s, &p->sport_end);
			}
			team = p->sport == 1;
		}
		if (team) {
			/* kept as an organisation, so it votes in the end */
			for (k = s; k < end; k++)
				tags[k] = k == s ? LEDE_NER_B_ORG : LEDE_NER_I_ORG;
			type = M_OTHER;
		}
	}

	sp->s = s;
	sp->end = end;
	sp->type = type;
}

/* Adds the span as a mention, with its role; a person's words and a
 * place's name are remembered for the words the tagger missed. */
static int
record(struct lede_ents *e, const struct para_ctx *p, const struct span *sp, struct lede_err *err)
{
	const struct lede_toks *t = p->t;
	const uint16_t *gword = p->gword;
	size_t s = sp->s, end = sp->end;
	int type = sp->type, para = p->para;
	struct ment *mp;

	/* built where it goes */
	if (e->nm == e->capm && !lede_grow(&e->m, &e->capm, e->nm + 1, sizeof *e->m))
		return lede_err_oom(err);
	mp = &e->m[e->nm];
	memset(mp, 0, sizeof *mp);
	mp->para = para;
	mp->start = t->v[s].start;
	mp->end = t->v[end - 1].end;
	mp->type = (uint8_t)type;
	if (name_keys(e, p, s, end, mp) != 0)
		return lede_err_oom(err);
	if (end - s == 1)
		mp->wclass = gword[s];
	if (e->nm > 0 && (mp[-1].para > para || (mp[-1].para == para && mp[-1].start > mp->start)))
		e->unordered = true;
	mp->sentfirst = (t->v[s].flags & LEDE_TOK_SENT) != 0 || (s > 0 && !(t->v[s - 1].flags & LEDE_TOK_WORD) &&
	    (t->v[s - 1].flags & LEDE_TOK_SENT));
	if (type == M_PER) {
		struct role r = { 0, 0 };

		role_before(p, s, &r);
		if (r.end == 0)
			role_after(p, end + (end < t->n && (t->v[end].flags & LEDE_TOK_POSS)), &r);
		if (r.end > r.start) {
			if (e->nroles >= INT32_MAX - 1 ||
			    !lede_grow(&e->roles, &e->caproles, e->nroles + 1, sizeof *e->roles))
				return lede_err_oom(err);
			e->roles[e->nroles++] = r;
			mp->role = (uint32_t)e->nroles & 0x7fffffffu;
		}
	}
	e->nm++;
	return 0;
}

/* The first token from i whose tag opens a name, or n: B- tags are odd,
 * and most tokens are O, so eight tags are tested at a time. */
static size_t
next_begin(const uint8_t *tags, size_t i, size_t n)
{
	uint64_t w;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, tags + i, sizeof w);
		if ((w &= 0x0101010101010101ull) != 0) {
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			return i + (size_t)__builtin_ctzll(w) / 8;   /* the first odd byte */
#else
			break;
#endif
		}
	}
	while (i < n && !(tags[i] & 1))
		i++;
	return i;
}

int
lede_ents_collect(struct lede_ents *e, int para, const char *text, const struct lede_toks *t,
    const uint16_t *gword, const uint16_t *gphrase, const int32_t *margin, uint8_t *tags,
    struct lede_err *err)
{
	return lede_ents_collect_keyed(e, para, text, t, NULL, gword, gphrase, margin, tags, err);
}

int
lede_ents_collect_keyed(struct lede_ents *e, int para, const char *text, const struct lede_toks *t,
    const uint64_t *wkeys, const uint16_t *gword, const uint16_t *gphrase, const int32_t *margin,
    uint8_t *tags, struct lede_err *err)
{
	struct para_ctx p;
	size_t i = 0;

	memset(&p, 0, sizeof p);
	p.para = para;
	p.text = text;
	p.t = t;
	p.wkeys = wkeys;
	p.gword = gword;
	p.gphrase = gphrase;
	p.margin = margin;
	p.tags = tags;
	p.sport = -1;
	p.sport_end = (size_t)-1;
	p.anyscore = -1;
	p.lex = e->lex;
	if (!lede_grow(&e->wl, &e->capwl, t->n + 1, sizeof *e->wl) || survey(e, &p) != 0)
		return lede_err_oom(err);
	memset(e->wl, 0, t->n * sizeof *e->wl);
	p.wl = e->wl;
	force_countries(&p);
	force_initials(&p);
	force_dateline(text, t, tags);
	complete_places(&p);
	if (find_descriptions(e, &p) != 0)
		return lede_err_oom(err);
	while ((i = next_begin(tags, i, t->n)) < t->n) {
		struct span sp;

		sp.s = i;
		sp.b = tags[i];
		span_bounds(&p, &sp);
		sp.next = sp.end;
		sp.type = sp.b == LEDE_NER_B_PER ? M_PER : sp.b == LEDE_NER_B_LOC ? M_LOC : M_OTHER;
		span_retype(&p, &sp);
		span_grow(&p, &sp);
		span_appositions(&p, &sp);
		span_trim(&p, &sp);
		span_context(&p, &sp);
		i = sp.next > i ? sp.next : i + 1;
		if (span_dropped(&p, &sp))
			continue;
		span_team(&p, &sp);
		if (record(e, &p, &sp, err) != 0)
			return -1;
	}
	if (keep_candidates(e, &p) != 0)
		return lede_err_oom(err);
	return 0;
}

/* Numbers the names of the mentions collect found, in the order found,
 * and gives each its form; a person's words and a place's name are
 * remembered for the words the tagger missed. */
static int
number_mentions(struct lede_ents *e)
{
	const uint64_t *k = e->rawkeys;
	size_t i;

	for (i = 0; i < e->nm; i++) {
		struct ment *m = &e->m[i];
		struct form f;
		int64_t fi;
		memset(&f, 0, sizeof f);
		f.nwords = m->nwords;
		f.wclass = m->wclass;
		f.type = m->type;
		if (m->nkeys == 1 ? name_ids(e, k[0], k[0], k[0], &f) : name_ids(e, k[0], k[1], k[2], &f))
			return -1;
		k += m->nkeys;
		if ((fi = form_of(e, &f)) < 0)
			return -1;
		if (f.type == M_PER) {
			if (m->end - m->start > 2) {   /* "I", "J.": too short to stand for a name */
				e->named[f.last] |= N_PART;
				e->named[f.first] |= N_PART;
				if (f.nwords >= 2)
					e->named[f.key] |= N_PART;
			}
		} else if (f.type == M_LOC) {
			e->named[f.key] |= N_PLACE;
		}
		m->form = (uint32_t)fi;
		m->ent = -1;
	}
	free(e->rawkeys);
	e->rawkeys = NULL;
	e->nrawkeys = e->caprawkeys = 0;
	return 0;
}

/* The candidates that are names found elsewhere become mentions. */
static int
recall(struct lede_ents *e)
{
	size_t i;

	for (i = 0; i < e->ncand; i++) {
		const struct cand *c = &e->cand[i];
		struct ment m;
		struct form f;
		int64_t fi;
		int id = map_get(&e->names, c->key, 0) - 1;
		if (id < 0 || !(e->named[id] & (N_PART | N_PLACE)))
			continue;      /* a word never seen in a name */
		memset(&m, 0, sizeof m);
		memset(&f, 0, sizeof f);
		f.type = (e->named[id] & N_PART) ? M_PER : M_LOC;
		m.para = c->para;
		m.start = c->start;
		m.end = c->end;
		m.ent = -1;
		/* one word: its key is its first and last word's, when a word
		 * (and its number is the one just looked up) */
		f.nwords = c->word;
		if (c->word)
			f.key = f.first = f.last = (uint32_t)id;
		else if (name_ids(e, c->key, 0, 0, &f) != 0)
			return -1;
		if ((fi = form_of(e, &f)) < 0)
			return -1;
		m.form = (uint32_t)fi;
		if (add_ment(e, &m, NULL) != 0)
			return -1;
	}
	return 0;
}

struct group {
	bool dropped;      /* no entry: every mention was set aside */
	bool intext;       /* mentioned outside the title */
	bool plain;        /* and there once not opening a sentence */
	int name;          /* index of the mention whose text names it */
	int first;         /* its first mention in reading order */
	int out;
	size_t count;      /* its mentions */
};

static int
ment_order(const void *a, const void *b)
{
	const struct ment *x = a, *y = b;

	if (x->para != y->para)
		return x->para < y->para ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return 0;
}

static bool
in_order(const struct ment *m, size_t n)
{
	size_t i;

	for (i = 1; i < n; i++)
		if (ment_order(&m[i - 1], &m[i]) > 0)
			return false;
	return true;
}

/* Puts the mentions in reading order. collect adds them in reading order
 * (record notes when a caller did not) and recall appends the few
 * candidates it kept, also in reading order: two sorted runs, merged from
 * the back, each candidate's place found by bisection and the mentions
 * after it moved as a block. Ties keep the mention before the candidate,
 * as the stable sort did. */
static int
sort_mentions(struct lede_ents *e, size_t nfound)
{
	size_t nright = e->nm - nfound, i, j, lo, hi;
	struct ment *right;

	if (nright == 0 && !e->unordered)
		return 0;
	if (e->unordered || !in_order(e->m + nfound, nright)) {
		qsort(e->m, e->nm, sizeof *e->m, ment_order);
		return 0;
	}
	if ((right = malloc(nright * sizeof *right)) == NULL)
		return -1;
	memcpy(right, e->m + nfound, nright * sizeof *right);
	for (i = nfound, j = nright; j > 0; j--) {
		/* the first of m[0, i) after right[j - 1] */
		for (lo = 0, hi = i; lo < hi; ) {
			size_t mid = lo + (hi - lo) / 2;
			if (ment_order(&e->m[mid], &right[j - 1]) > 0)
				hi = mid;
			else
				lo = mid + 1;
		}
		memmove(&e->m[lo + j], &e->m[lo], (i - lo) * sizeof *e->m);
		e->m[lo + j - 1] = right[j - 1];
		i = lo;
	}
	free(right);
	return 0;
}

/* The text of a span, NUL-terminated in e's scratch space; NULL when the
 * span is not in the document or memory runs out. */
static const char *
span_scratch(struct lede_ents *e, const struct lede_doc *doc, int para, uint32_t s, uint32_t end)
{
	size_t len;
	const char *t = lede_doc_text(doc, para, &len);

	if (t == NULL || end > len || s >= end ||
	    !lede_grow(&e->scratch, &e->capscratch, end - s + 1, 1))
		return NULL;
	memcpy(e->scratch, t + s, end - s);
	e->scratch[end - s] = '\0';
	return e->scratch;
}

static char *
span_text(const struct lede_doc *doc, int para, uint32_t s, uint32_t e)
{
	size_t len;
	const char *t = lede_doc_text(doc, para, &len);

	if (t == NULL || e > len || s >= e)
		return NULL;
	return lede_strndup(t + s, e - s);
}

static uint64_t
pair_key(const struct form *m)
{
	/* the pair of numbers, never 0, mixed by steps that each can be undone
	 * (so distinct pairs stay distinct, and 0 stays out) to spread the
	 * map's slots */
	uint64_t x = ((uint64_t)m->first + 1) << 32 | m->last;

	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdull;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ull;
	x ^= x >> 33;
	return x;
}

/* n ints set to v, or NULL */
static int *
ints(size_t n, int v)
{
	int *a = malloc((n ? n : 1) * sizeof *a);
	size_t i;

	if (a != NULL)
		for (i = 0; i < n; i++)
			a[i] = v;
	return a;
}

/* Settles who is a person and what is a place before grouping, from the
 * whole text: words of full names, and votes over what the tagger called
 * each one-word name. Each step needs the previous one done for every
 * form; a loop does one step for all forms and the next step's work for
 * the same form where that reads nothing else the step changes. What a
 * step decides for a mention depends only on its form, and every form's
 * mentions vote alike, so each form votes once with its count. */
static int
vote(struct lede_ents *e)
{
	size_t nn = e->nnames;
	uint8_t *full_last, *per_words, *full_parts, *voted;
	int *votes, *place_votes;
	size_t i;

	/* by key number: flags, whether a vote was cast, and the votes */
	if ((full_last = calloc(4, nn ? nn : 1)) == NULL)
		return -1;
	if ((votes = ints(2 * nn, 0)) == NULL) {
		free(full_last);
		return -1;
	}
	per_words = full_last + nn;
	full_parts = per_words + nn;
	voted = full_parts + nn;
	place_votes = votes + nn;
	/* a one-word place that is also the surname of a person named in full
	 * here is that person: "Michael Jordan ... Jordan scored" */
	for (i = 0; i < e->nforms; i++)
		if (e->forms[i].type == M_PER && e->forms[i].nwords >= 2)
			full_last[e->forms[i].last] = 1;
	for (i = 0; i < e->nforms; i++) {
		struct form *m = &e->forms[i];
		if (m->type != M_PER && m->nwords == 1 && full_last[m->key] &&
		    !(m->wclass & (LEDE_GAZ_COUNTRY | LEDE_GAZ_CITY | LEDE_GAZ_REGION)))
			m->type = M_PER;
		if (m->type == M_PER && m->nwords == 1)
			per_words[m->key] = 1;
	}
	/* and a longer name the tagger took for an organisation, whose last word
	 * it calls a person elsewhere: "Zorvath Plimsky ... Plimsky said";
	 * then one word the tagger called a person at least as often as
	 * anything else is a person everywhere in the text */
	for (i = 0; i < e->nforms; i++) {
		struct form *m = &e->forms[i];
		int n = (int)m->count;
		if (m->type == M_OTHER && m->nwords >= 2 && m->nwords <= 3 && per_words[m->last])
			m->type = M_PER;
		if (m->nwords != 1) {
			/* "Cofinec S.A.": the first word of an organisation's name
			 * votes against that word being a person */
			if (m->type == M_OTHER) {
				votes[m->first] -= n;
				voted[m->first] = 1;
			}
			continue;
		}
		votes[m->key] += m->type == M_PER ? n : -n;
		voted[m->key] = 1;
	}
	for (i = 0; i < e->nforms; i++) {
		struct form *m = &e->forms[i];
		if (m->type != M_PER && m->nwords == 1 && (voted[m->key] ? votes[m->key] : -1) >= 1 &&
		    (e->named[m->key] & N_PART))
			m->type = M_PER;
		if (m->type == M_PER && m->nwords >= 2)
			full_parts[m->first] = full_parts[m->last] = 1;
	}
	/* and one called something else more often is no person, unless it is
	 * part of a full name here; then the same vote between a place and an
	 * organisation: "Surrey" the county cricket club in a report that
	 * calls it a club more often */
	for (i = 0; i < e->nforms; i++) {
		struct form *m = &e->forms[i];
		int n = (int)m->count;
		if (m->type == M_PER && m->nwords == 1 && !full_parts[m->key]) {
			if (votes[m->key] < 0)
				m->type = M_OTHER;
			/* "Milan is the second city": a big city's name alone, never
			 * part of a person's full name here, is the city */
			else if (m->wclass & (LEDE_GAZ_BIGCITY | LEDE_GAZ_CAPITAL | LEDE_GAZ_COUNTRY))
				m->type = M_LOC;
		}
		if (m->nwords == 1 && m->type != M_PER)
			place_votes[m->key] += m->type == M_LOC ? n : -n;
	}
	for (i = 0; i < e->nforms; i++) {
		struct form *m = &e->forms[i];
		int v = m->nwords == 1 ? place_votes[m->key] : 0;
		if (m->type == M_LOC && v < 0 && !(m->wclass & LEDE_GAZ_COUNTRY))
			m->type = M_OTHER;
		else if (m->type == M_OTHER && v > 0)
			m->type = M_LOC;
	}
	free(full_last);
	free(votes);
	return 0;
}

static int
new_group(struct group **g, size_t *n, size_t *cap, size_t i)
{
	if (!lede_grow(g, cap, *n + 1, sizeof **g))
		return -1;
	(*g)[*n].name = (int)i;
	(*g)[*n].first = (int)i;
	(*g)[*n].dropped = false;
	(*g)[*n].intext = false;
	(*g)[*n].plain = false;
	(*g)[*n].count = 0;
	return (int)(*n)++;
}

/* The entries being made of one type, indexed by the ents of mentions. */
struct groups {
	struct group *v;
	size_t n, cap;
	int *out;          /* per group, its index among the document's entries */
	size_t *namelen;   /* per group, the length of its name */
};

static void
groups_free(struct groups *gs)
{
	free(gs->v);
	free(gs->out);
	free(gs->namelen);
}

/* Groups the mentions of people and of places into entries, in two passes
 * over the mentions: the first makes the people named in full and the
 * places, the second gives the one-word names of people to the person
 * they stand for, reading in order. */
static int
group_all(struct lede_ents *e, struct groups *people, struct groups *places)
{
	size_t nn = e->nnames, i;
	struct map byname = { 0 };
	/* by key number, an entity or -1: the first and the latest full name
	 * with that last or first word, one-word names met alone, and places */
	int *last_first, *first_first, *last_recent, *first_recent, *single, *place;
	struct group *g;
	int ent;

	if (vote(e) != 0 || (last_first = ints(6 * nn, -1)) == NULL)
		return -1;
	first_first = last_first + nn;
	last_recent = first_first + nn;
	first_recent = last_recent + nn;
	single = first_recent + nn;
	place = single + nn;
	/* multi-word names first: they name the people */
	for (i = 0; i < e->nm; i++) {
		struct ment *m = &e->m[i];
		const struct form *f = &e->forms[m->form];
		if (f->type == M_LOC) {
			if ((ent = place[f->key]) < 0) {
				if ((ent = new_group(&places->v, &places->n, &places->cap, i)) < 0)
					goto oom;
				place[f->key] = ent;
			}
			places->v[ent].count++;
			m->ent = ent;
			continue;
		}
		if (f->type != M_PER || f->nwords < 2)
			continue;
		ent = map_get(&byname, pair_key(f), -1);
		if (ent < 0) {
			if ((ent = new_group(&people->v, &people->n, &people->cap, i)) < 0 ||
			    map_put(&byname, pair_key(f), ent, false) != 0)
				goto oom;
			if (last_first[f->last] < 0)
				last_first[f->last] = ent;
			if (first_first[f->first] < 0)
				first_first[f->first] = ent;
		} else if (f->nwords > e->forms[e->m[people->v[ent].name].form].nwords) {
			people->v[ent].name = (int)i;
		}
		m->ent = ent;
	}
	for (i = 0; i < e->nm; i++) {
		struct ment *m = &e->m[i];
		const struct form *f = &e->forms[m->form];
		if (f->type != M_PER)
			continue;
		if (f->nwords >= 2) {
			last_recent[f->last] = m->ent;
			first_recent[f->first] = m->ent;
			ent = m->ent;
		} else {
			ent = last_recent[f->key];
			if (ent < 0)
				ent = last_first[f->key];
			if (ent < 0)
				ent = first_recent[f->key];
			if (ent < 0)
				ent = first_first[f->key];
			if (ent < 0)
				ent = single[f->key];
			if (ent < 0) {
				if ((ent = new_group(&people->v, &people->n, &people->cap, i)) < 0)
					goto oom;
				single[f->key] = ent;
			}
			if ((int)i < people->v[ent].first)
				people->v[ent].first = (int)i;
			m->ent = ent;
		}
		g = &people->v[ent];
		g->count++;
		if (m->para != LEDE_TITLE) {
			g->intext = true;
			if (!m->sentfirst)
				g->plain = true;
		}
	}
	/* one capitalised word seen only where every word is capitalised, in no
	 * list of names and never joined to a full name: "Storm hits coast";
	 * and a "person" named only in a headline set in capitals ("Peace
	 * Deal") is no one the article talks about: a person with no mention
	 * in the text but opening a sentence or in the title has no entry, if
	 * named by one word in no list of names or only in the title */
	for (i = 0; i < people->n; i++) {
		const struct form *nf = &e->forms[e->m[people->v[i].name].form];
		g = &people->v[i];
		g->dropped = (!(nf->nwords > 1 || (nf->wclass & (LEDE_GAZ_FIRST | LEDE_GAZ_LAST))) ||
		    !g->intext) && !g->plain;
	}
	free(last_first);
	map_free(&byname);
	return 0;
oom:
	free(last_first);
	map_free(&byname);
	return -1;
}

static int
group_first_order(const void *a, const void *b)
{
	const struct group *x = a, *y = b;

	return (x->first > y->first) - (x->first < y->first);
}

/* Adds an entry to the document for each group not dropped, in the order
 * their first mentions are read, with room for all its mentions (the
 * grouping counted them: a person named a thousand times would otherwise
 * grow its list ten times). */
static int
add_entries(struct lede_ents *e, struct lede_doc *doc, int type, struct groups *gs)
{
	struct group *sorted;
	size_t i, ng = gs->n;

	if ((sorted = malloc((ng ? ng : 1) * sizeof *sorted)) == NULL ||
	    (gs->out = malloc((ng ? ng : 1) * sizeof *gs->out)) == NULL ||
	    (gs->namelen = malloc((ng ? ng : 1) * sizeof *gs->namelen)) == NULL) {
		free(sorted);
		return -1;
	}
	for (i = 0; i < ng; i++) {
		sorted[i] = gs->v[i];
		sorted[i].out = (int)i;   /* the group's own index, carried through the sort */
	}
	for (i = 1; i < ng && sorted[i - 1].first < sorted[i].first; i++)
		;
	if (i < ng)   /* places, and often people, come already in order */
		qsort(sorted, ng, sizeof *sorted, group_first_order);
	for (i = 0; i < ng; i++) {
		const struct ment *nm = &e->m[sorted[i].name];
		const char *name;
		int idx;
		if (sorted[i].dropped)
			continue;
		if ((name = span_scratch(e, doc, nm->para, nm->start, nm->end)) == NULL)
			goto oom;
		idx = type == M_PER ? lede_doc_add_person(doc, name) : lede_doc_add_place(doc, name);
		if (idx < 0)
			goto oom;
		gs->out[sorted[i].out] = idx;
		gs->namelen[sorted[i].out] = strlen(name);
	}
	for (i = 0; i < ng; i++) {
		struct lede_entity *ent;
		if (gs->v[i].dropped || gs->v[i].count == 0)
			continue;
		ent = type == M_PER ? &doc->people[gs->out[i]] : &doc->places[gs->out[i]];
		if (!lede_grow(&ent->mentions, &ent->capmentions, ent->nmentions + gs->v[i].count,
		    sizeof *ent->mentions))
			goto oom;
	}
	free(sorted);
	return 0;
oom:
	free(sorted);
	return -1;
}

/* Gives every mention to its entry, people's and places' in one pass in
 * reading order, with the other forms and the roles they are written
 * with. */
static int
add_mentions(struct lede_ents *e, struct lede_doc *doc, const struct groups *people,
    const struct groups *places)
{
	size_t k, len = 0;
	int para = INT_MIN;
	const char *text = NULL;

	for (k = 0; k < e->nm; k++) {
		const struct ment *m = &e->m[k];
		int type = e->forms[m->form].type;
		const struct groups *gs = type == M_PER ? people : places;
		struct lede_entity *ent;
		struct lede_span sp;
		const char *s;
		size_t namelen;
		if ((type != M_PER && type != M_LOC) || m->ent < 0 || gs->v[m->ent].dropped)
			continue;
		ent = type == M_PER ? &doc->people[gs->out[m->ent]] : &doc->places[gs->out[m->ent]];
		namelen = gs->namelen[m->ent];
		sp.para = m->para;
		sp.start = m->start;
		sp.end = m->end;
		ent->mentions[ent->nmentions++] = sp;   /* room was made */
		/* most mentions are written as the entry's name: compared in
		 * place, with no copy (mentions come paragraph by paragraph) */
		if (m->para != para)
			text = lede_doc_text(doc, para = m->para, &len);
		if (text != NULL && m->end <= len && m->start < m->end &&
		    m->end - m->start == namelen && memcmp(text + m->start, ent->name, namelen) == 0)
			;
		else if ((s = span_scratch(e, doc, m->para, m->start, m->end)) == NULL)
			return -1;
		else if (strcmp(s, ent->name) != 0 && ent->naliases < MAX_ALIASES &&
		    lede_entity_add_alias(ent, s) != 0)
			return -1;
		if (m->role != 0 && ent->nroles < MAX_ROLES) {
			const struct role *r = &e->roles[m->role - 1];
			if ((s = span_scratch(e, doc, m->para, r->start, r->end)) == NULL ||
			    lede_entity_add_role(ent, s) != 0)
				return -1;
		}
	}
	return 0;
}

/* Heads of state or government: the roles by which news refers to the
 * leader an article is about ("the Russian leader"). */
static bool
leader_role(const char *role)
{
	static const char *const heads[] = { "leader", "president", "premier", "chancellor",
		"king", "queen", "ruler", "strongman", "autocrat", "monarch", "dictator", NULL };
	const char *sp = strrchr(role, ' ');
	size_t i;

	sp = sp ? sp + 1 : role;
	for (i = 0; heads[i] != NULL; i++)
		if (strcasecmp(sp, heads[i]) == 0)
			return true;
	return false;
}

/* Gives each description to the person it names: the one who already has
 * that role ("the US president" after "US President Donald Trump"), else,
 * for a leader ("the Russian leader"), the article's main person when one
 * clearly dominates (twice the mentions of anyone else), else nobody. The
 * role is kept as written. */
static int
give_descriptions(const struct lede_ents *e, struct lede_doc *doc)
{
	size_t d, i, k, top = 0, second = 0;
	int main_person = -1;

	for (i = 0; i < doc->npeople; i++) {
		if (doc->people[i].nmentions > top) {
			second = top;
			top = doc->people[i].nmentions;
			main_person = (int)i;
		} else if (doc->people[i].nmentions > second) {
			second = doc->people[i].nmentions;
		}
	}
	if (top < 3 || top < 2 * second)
		main_person = -1;
	for (d = 0; d < e->ndesc; d++) {
		char *role = span_text(doc, e->desc[d].para, (uint32_t)e->desc[d].start,
		    (uint32_t)e->desc[d].end);
		int who = -1;
		if (role == NULL)
			return -1;
		for (i = 0; i < doc->npeople && who < 0; i++)
			for (k = 0; k < doc->people[i].nroles; k++)
				if (strcasecmp(doc->people[i].roles[k], role) == 0)
					who = (int)i;
		if (who >= 0) {
			free(role);     /* that person has the role already */
			continue;
		}
		if (leader_role(role))
			who = main_person;
		if (who >= 0 && doc->people[who].nroles < MAX_ROLES &&
		    lede_entity_add_role(&doc->people[who], role) != 0) {
			free(role);
			return -1;
		}
		free(role);
	}
	return 0;
}

int
lede_ents_finish(struct lede_ents *e, struct lede_doc *doc, struct lede_err *err)
{
	struct groups people, places;
	size_t nfound = e->nm;
	int rc = -1;

	memset(&people, 0, sizeof people);
	memset(&places, 0, sizeof places);
	if (number_mentions(e) != 0 || recall(e) != 0)
		return lede_err_oom(err);
	/* recall appends; reading order matters for "most recent" */
	if (sort_mentions(e, nfound) != 0)
		return lede_err_oom(err);
	/* the people get their descriptions once all their mentions and
	 * roles are in; the places are independent of them */
	if (group_all(e, &people, &places) != 0 || add_entries(e, doc, M_PER, &people) != 0 ||
	    add_entries(e, doc, M_LOC, &places) != 0 ||
	    add_mentions(e, doc, &people, &places) != 0 || give_descriptions(e, doc) != 0)
		lede_err_oom(err);
	else
		rc = 0;
	groups_free(&people);
	groups_free(&places);
	return rc;
}
