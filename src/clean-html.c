/* Finding the article in an HTML page, the way a browser's reader view does:
 * every element gets its text and link-text totals in one bottom-up pass,
 * paragraphs give points to their ancestors, the best-scoring block and its
 * related siblings are the article, and junk inside it is left out while
 * its text is written out paragraph by paragraph. Every walk is iterative
 * and every step linear in the number of nodes. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>

#include "lede/buf.h"
#include "lede/bytes.h"
#include "lede/clean-decode.h"
#include "lede/clean-meta.h"
#include "lede/clean-para.h"
#include "lede/clean.h"
#include "lede/text.h"

enum tag {
	T_OTHER, T_A, T_ARTICLE, T_ASIDE, T_BLOCKQUOTE, T_BODY, T_BR, T_BUTTON, T_CAPTION,
	T_CENTER, T_DD, T_DIV, T_DL, T_DT, T_EMBED, T_FIELDSET, T_FIGCAPTION, T_FIGURE,
	T_FONT, T_FOOTER, T_FORM, T_H1, T_H2, T_H3, T_H4, T_H5, T_H6, T_HEADER, T_HR,
	T_HTML, T_IFRAME, T_IMG, T_INPUT, T_LI, T_MAIN, T_NAV, T_OL, T_P, T_PRE,
	T_SECTION, T_SELECT, T_TABLE, T_TBODY, T_TD, T_TH, T_THEAD, T_TFOOT, T_TR, T_UL,
	T_DROP, T_BLOCK,
};

/* Tag facts, sorted by name for bsearch. */
static const struct tagdef {
	const char *name;
	enum tag tag;
} tagdefs[] = {
	{ "a", T_A }, { "address", T_BLOCK }, { "article", T_ARTICLE }, { "aside", T_ASIDE },
	{ "audio", T_DROP }, { "base", T_DROP }, { "blockquote", T_BLOCKQUOTE },
	{ "body", T_BODY }, { "br", T_BR }, { "button", T_BUTTON }, { "canvas", T_DROP },
	{ "caption", T_CAPTION }, { "center", T_CENTER }, { "datalist", T_DROP },
	{ "dd", T_DD }, { "details", T_BLOCK }, { "dialog", T_DROP }, { "div", T_DIV },
	{ "dl", T_DL }, { "dt", T_DT }, { "embed", T_EMBED }, { "fieldset", T_FIELDSET },
	{ "figcaption", T_FIGCAPTION }, { "figure", T_FIGURE }, { "font", T_FONT },
	{ "footer", T_FOOTER }, { "form", T_FORM }, { "frame", T_DROP },
	{ "frameset", T_DROP }, { "h1", T_H1 }, { "h2", T_H2 }, { "h3", T_H3 },
	{ "h4", T_H4 }, { "h5", T_H5 }, { "h6", T_H6 }, { "head", T_DROP },
	{ "header", T_HEADER }, { "hgroup", T_BLOCK }, { "hr", T_HR }, { "html", T_HTML },
	{ "iframe", T_IFRAME }, { "img", T_IMG }, { "input", T_INPUT }, { "label", T_DROP },
	{ "legend", T_DROP }, { "li", T_LI }, { "link", T_DROP }, { "main", T_MAIN },
	{ "map", T_DROP }, { "math", T_DROP }, { "menu", T_DROP }, { "meta", T_DROP },
	{ "nav", T_NAV }, { "noscript", T_DROP }, { "object", T_EMBED }, { "ol", T_OL },
	{ "optgroup", T_DROP }, { "option", T_DROP }, { "output", T_DROP }, { "p", T_P },
	{ "param", T_DROP }, { "picture", T_DROP }, { "pre", T_PRE }, { "progress", T_DROP },
	{ "script", T_DROP }, { "section", T_SECTION }, { "select", T_SELECT },
	{ "source", T_DROP }, { "style", T_DROP }, { "summary", T_BLOCK }, { "svg", T_DROP },
	{ "table", T_TABLE }, { "tbody", T_TBODY }, { "td", T_TD }, { "template", T_DROP },
	{ "textarea", T_INPUT }, { "tfoot", T_TFOOT }, { "th", T_TH }, { "thead", T_THEAD },
	{ "title", T_DROP }, { "tr", T_TR }, { "track", T_DROP }, { "ul", T_UL },
	{ "video", T_DROP },
};

static int
tagcmp(const void *key, const void *elt)
{
	return strcmp(key, ((const struct tagdef *)elt)->name);
}

static enum tag
tag_of(const xmlNode *n)
{
	const struct tagdef *d;

	if (n->name == NULL)
		return T_OTHER;
	d = bsearch(n->name, tagdefs, sizeof tagdefs / sizeof tagdefs[0], sizeof tagdefs[0], tagcmp);
	return d != NULL ? d->tag : T_OTHER;
}

/* Elements that end a paragraph (the rest are inline and imply no space). */
static bool
is_block(enum tag t)
{
	switch (t) {
	case T_ARTICLE: case T_ASIDE: case T_BLOCKQUOTE: case T_BODY: case T_CAPTION:
	case T_CENTER: case T_DD: case T_DIV: case T_DL: case T_DT: case T_FIELDSET:
	case T_FIGCAPTION: case T_FIGURE: case T_FOOTER: case T_FORM: case T_H1: case T_H2:
	case T_H3: case T_H4: case T_H5: case T_H6: case T_HEADER: case T_HR: case T_HTML:
	case T_LI: case T_MAIN: case T_NAV: case T_OL: case T_P: case T_PRE: case T_SECTION:
	case T_TABLE: case T_TBODY: case T_TD: case T_TH: case T_THEAD: case T_TFOOT:
	case T_TR: case T_UL: case T_BLOCK:
		return true;
	default:
		return false;
	}
}

static bool
is_heading(enum tag t)
{
	return t >= T_H1 && t <= T_H6;
}

/* What the class and id of an element say about it. */
enum {
	C_POS = 1 << 0,       /* article, content, story ... */
	C_NEG = 1 << 1,       /* comment, share, sidebar ... */
	C_UNLIKELY = 1 << 2,  /* so clearly not the article that it goes before scoring */
	C_BYLINE = 1 << 3,    /* byline, author, dateline: short furniture inside articles */
	C_HARD = 1 << 4,      /* comments, cookie and newsletter boxes: never the article */
	C_EMBED = 1 << 5,     /* a quoted social post */
};

/* Posts quoted from social networks are part of the story that embeds them. */
static const char *const embed_words[] = { "tweet", "instagram-media", "social-embed",
    "social-media-embed", "embed-social", "fb-post", "tiktok-embed" };

struct ninfo {
	xmlNode *node;
	int parent;
	uint8_t tag;
	uint8_t cls;
	bool dead, has_block, last_br, scored;
	uint32_t text, link, commas, inl_text, inl_commas;
	uint32_t np, nli, nimg, ninput, nembed, nbrbr, nth, nh1, nchild;
	float score;
};

/* Room for every class word of every kind (checked where the lists are). */
#define NCWORDS 192

struct ctx {
	xmlDoc *doc;
	struct ninfo *info;
	size_t n, cap;
	unsigned flags;
	struct lede_meta meta;
	/* A small cache of class/id verdicts: pages repeat the same few. */
	struct { uint32_t hash; uint8_t cls; bool used; } cache[1024];
	/* The class words of every kind sorted by first byte: those starting
	 * with b are words[first[b]] up to words[first[b + 1]]. */
	struct cword { const char *w; size_t n; uint8_t kind; } words[NCWORDS];
	uint16_t first[257];
};

enum {
	F_STRIP_UNLIKELY = 1 << 0,
	F_WEIGHT_CLASSES = 1 << 1,
	F_CLEAN_CONDITIONALLY = 1 << 2,
	F_STRIP_HARD = 1 << 3,
};

/* Tracing the choice of block, for tuning; off unless compiled in. */
static bool
debug_on(void)
{
#ifdef LEDE_CLEAN_DEBUG
	return getenv("LEDE_DEBUG_CLEAN") != NULL;
#else
	return false;
#endif
}

static int
idx_of(const xmlNode *n)
{
	return (int)(intptr_t)n->_private - 1;
}

/* ---- class and id words ---- */

static const char *const pos_words[] = {
	"article", "body", "content", "entry", "post", "story", "text", "main", "blog",
	"prose", "hentry",
};
static const char *const neg_words[] = {
	"comment", "share", "sharing", "social", "related", "promo", "sidebar", "footer",
	"cookie", "consent", "banner", "newsletter", "subscri", "sponsor", "caption",
	"popular", "mostread", "most-read", "trending", "breadcrumb", "outbrain", "taboola",
	"disqus", "widget", "masthead", "shopping", "signup", "sign-up", "modal",
	"popup", "gdpr", "recommend", "advert", "skip", "toolbar", "pagination", "pager",
	"menu", "dropdown", "carousel", "teaser", "footnote-ref", "print-only", "hidden",
	"readmore", "read-more", "more-stories", "nextread", "tease", "author-bio",
	"about-author", "author-info", "byline-share", "notification", "rollover", "tooltip",
	"popover", "hovercard",
};
/* Words matched only as whole tokens, being short. */
static const char *const neg_tokens[] = {
	"ad", "ads", "adv", "nav", "navbar", "navigation", "meta", "tags", "tag", "topics",
	"header", "extra", "rss", "legal", "contact", "aside", "login", "bio", "follow", "print", "email", "subnav", "jump", "toc", "ticker",
	"alert", "hid", "fb", "twitter", "facebook", "whatsapp", "pinterest", "linkedin",
};
static const char *const unlikely_words[] = {
	"comment", "share", "social", "related", "sidebar", "footer", "cookie", "consent",
	"banner", "newsletter", "subscri", "sponsor", "popular", "mostread", "most-read",
	"breadcrumb", "outbrain", "taboola", "disqus", "popup", "modal", "gdpr", "menu",
	"pagination", "pager", "skip", "signup", "trending", "recommend", "advert",
	"community", "shoutbox", "combx", "remark", "replies", "response", "agegate", "skyscraper",
	"discussion",
	"caption", "notification", "rollover", "tooltip", "popover", "hovercard", "adsbygoogle",
	"author-bio", "about-author", "author-info", "author-box", "authorbox", "author-card",
};
static const char *const unlikely_tokens[] = {
	"ad", "ads", "nav", "navbar", "navigation", "header", "rss", "login", "subnav",
	"toc", "ticker",
};
/* Gone in every pass: relaxing the rules for a short article must not let
 * the comment thread under it take its place. */
static const char *const hard_words[] = {
	"comment", "disqus", "cookie", "consent", "newsletter", "respond", "response", "replies",
	"discussion",
	"most-read", "mostread", "most-popular", "outbrain", "taboola",
};
static const char *const byline_words[] = {
	"byline", "author", "dateline", "timestamp", "publish", "posted-on", "posted_on",
	"article-date", "article__date", "post-date", "entry-date", "updated",
};

static bool
any_in(const char *s, const char *const *words, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strstr(s, words[i]) != NULL)
			return true;
	return false;
}

static bool
token_in(const char *s, size_t len, const char *const *words, size_t n)
{
	size_t i;

	/* strncmp stops at a shorter word's NUL, which no token byte is; the
	 * first letters turn nearly every word away before the call. */
	for (i = 0; i < n; i++)
		if (words[i][0] == s[0] && strncmp(words[i], s, len) == 0 && words[i][len] == '\0')
			return true;
	return false;
}

#define NWORDS(a) (sizeof(a) / sizeof((a)[0]))

_Static_assert(NWORDS(pos_words) + NWORDS(neg_words) + NWORDS(unlikely_words) +
    NWORDS(byline_words) + NWORDS(hard_words) + NWORDS(embed_words) <= NCWORDS,
    "NCWORDS holds every class word");

/* Sorts the class words by first byte, so that one scan of a class string
 * finds them all instead of a strstr for each. */
static void
index_words(struct ctx *c)
{
	static const struct {
		const char *const *v;
		size_t n;
		uint8_t kind;
	} lists[] = {
		{ pos_words, NWORDS(pos_words), C_POS },
		{ neg_words, NWORDS(neg_words), C_NEG },
		{ unlikely_words, NWORDS(unlikely_words), C_UNLIKELY },
		{ byline_words, NWORDS(byline_words), C_BYLINE },
		{ hard_words, NWORDS(hard_words), C_HARD },
		{ embed_words, NWORDS(embed_words), C_EMBED },
	};
	uint16_t next[256] = { 0 };
	size_t l, i, b;
	const char *w;

	for (l = 0; l < NWORDS(lists); l++)
		for (i = 0; i < lists[l].n; i++)
			next[(unsigned char)lists[l].v[i][0]]++;
	c->first[0] = 0;
	for (b = 0; b < 256; b++) {
		c->first[b + 1] = (uint16_t)(c->first[b] + next[b]);
		next[b] = c->first[b];
	}
	for (l = 0; l < NWORDS(lists); l++) {
		for (i = 0; i < lists[l].n; i++) {
			w = lists[l].v[i];
			c->words[next[(unsigned char)w[0]]++] =
			    (struct cword){ w, strlen(w), lists[l].kind };
		}
	}
}

/* Classifies "class id" text, lower-cased, up to 200 bytes. */
static uint8_t
classify(const struct ctx *c, const char *s)
{
	const struct cword *w;
	const char *p = s, *q;
	uint8_t found = 0, cls;
	size_t k;

	/* Every word of every kind that occurs anywhere in s. */
	for (p = s; *p; p++) {
		for (k = c->first[(unsigned char)*p]; k < c->first[(unsigned char)*p + 1]; k++) {
			w = &c->words[k];
			if ((w->n < 2 || p[1] == w->w[1]) && strncmp(p, w->w, w->n) == 0)
				found |= w->kind;
		}
	}
	cls = found & (uint8_t)~C_EMBED;
	for (p = s; *p;) {
		while (*p && !((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')))
			p++;
		for (q = p; (*q >= 'a' && *q <= 'z') || (*q >= '0' && *q <= '9'); q++)
			;
		if (q > p) {
			if (token_in(p, (size_t)(q - p), neg_tokens, NWORDS(neg_tokens)))
				cls |= C_NEG;
			if (token_in(p, (size_t)(q - p), unlikely_tokens, NWORDS(unlikely_tokens)))
				cls |= C_UNLIKELY;
		}
		p = q;
	}
	if (found & C_EMBED)
		cls = (uint8_t)((cls & ~(C_NEG | C_UNLIKELY | C_HARD)) | C_EMBED);
	return cls;
}

/* The attributes the cleaner reads, found in one pass over the list. */
struct attrs {
	const char *cl, *id, *style, *role, *aria_hidden;
	bool hidden;
};

static void
read_attrs(const xmlNode *n, struct attrs *a)
{
	const xmlAttr *p;
	const char *name, *v;

	memset(a, 0, sizeof *a);
	for (p = n->properties; p != NULL; p = p->next) {
		if ((name = (const char *)p->name) == NULL)
			continue;
		v = p->children != NULL && p->children->content != NULL ?
		    (const char *)p->children->content : "";
		switch (name[0]) {
		case 'c': case 'C':
			if (strcasecmp(name, "class") == 0)
				a->cl = v;
			break;
		case 'i': case 'I':
			if (strcasecmp(name, "id") == 0)
				a->id = v;
			break;
		case 's': case 'S':
			if (strcasecmp(name, "style") == 0)
				a->style = v;
			break;
		case 'r': case 'R':
			if (strcasecmp(name, "role") == 0)
				a->role = v;
			break;
		case 'h': case 'H':
			if (strcasecmp(name, "hidden") == 0)
				a->hidden = true;
			break;
		case 'a': case 'A':
			if (strcasecmp(name, "aria-hidden") == 0)
				a->aria_hidden = v;
			break;
		default:
			break;
		}
	}
}

static uint8_t
class_of(struct ctx *c, const struct attrs *a)
{
	const char *cl = a->cl, *id = a->id;
	char s[204];
	size_t k = 0;
	uint32_t h;
	const char *p;
	unsigned slot;

	if (cl == NULL && id == NULL)
		return 0;
	for (p = cl ? cl : ""; *p && k < 100; p++)
		s[k++] = (char)((*p >= 'A' && *p <= 'Z') ? *p + 32 : *p);
	s[k++] = ' ';
	for (p = id ? id : ""; *p && k < 201; p++)
		s[k++] = (char)((*p >= 'A' && *p <= 'Z') ? *p + 32 : *p);
	s[k] = '\0';
	h = lede_fnv32(s, k);
	slot = h & 1023;
	/* A hash hit is trusted: a rare collision costs one misjudged block. */
	if (c->cache[slot].used && c->cache[slot].hash == h)
		return c->cache[slot].cls;
	c->cache[slot].used = true;
	c->cache[slot].hash = h;
	c->cache[slot].cls = classify(c, s);
	return c->cache[slot].cls;
}

static int
class_weight(const struct ninfo *i)
{
	int w = 0;

	if (i->cls & C_POS)
		w += 25;
	if (i->cls & C_NEG)
		w -= 25;
	return w;
}

/* ---- marking and counting ---- */

static bool
hidden(const struct attrs *a)
{
	const char *v;

	if (a->hidden)
		return true;
	if (a->aria_hidden != NULL && strcasecmp(a->aria_hidden, "true") == 0)
		return true;
	if ((v = a->style) != NULL && (strstr(v, "display:none") != NULL ||
	    strstr(v, "display: none") != NULL || strstr(v, "visibility:hidden") != NULL ||
	    strstr(v, "visibility: hidden") != NULL))
		return true;
	if ((v = a->role) != NULL && (strcasecmp(v, "navigation") == 0 ||
	    strcasecmp(v, "complementary") == 0 || strcasecmp(v, "menu") == 0 ||
	    strcasecmp(v, "menubar") == 0 || strcasecmp(v, "dialog") == 0 ||
	    strcasecmp(v, "alertdialog") == 0 || strcasecmp(v, "banner") == 0 ||
	    strcasecmp(v, "contentinfo") == 0 || strcasecmp(v, "search") == 0))
		return true;
	return false;
}

static bool
dead_tag(enum tag t)
{
	switch (t) {
	case T_DROP: case T_BUTTON: case T_SELECT: case T_INPUT: case T_NAV: case T_FOOTER:
	case T_ASIDE: case T_FIGURE: case T_FIGCAPTION: case T_IFRAME: case T_EMBED:
		return true;
	default:
		return false;
	}
}

static bool
mark_dead(struct ctx *c, const struct ninfo *i, const struct attrs *a)
{
	enum tag t = i->tag;

	if (dead_tag(t))
		return true;
	if (t == T_BODY || t == T_HTML)
		return false;
	if (hidden(a))
		return true;
	if ((((c->flags & F_STRIP_UNLIKELY) && (i->cls & C_UNLIKELY)) ||
	    ((c->flags & F_STRIP_HARD) && (i->cls & C_HARD))) &&
	    !(i->cls & C_POS) &&
	    t != T_ARTICLE && t != T_MAIN && t != T_A && t != T_TD && t != T_TR &&
	    t != T_TBODY && t != T_TABLE)
		return true;
	return false;
}

/* How many bytes of m have their top bit set (m has no other bits). */
static uint32_t
top_bits(uint64_t m)
{
	return (uint32_t)(((m >> 7) * LEDE_ONES) >> 56);
}

/* Text length as a reader sees it: runs of white space count once. */
static void
text_stats(const char *s, uint32_t *len, uint32_t *commas)
{
	const unsigned char *p = (const unsigned char *)s, *q, *end = p + strlen(s);
	uint32_t n = 0, k = 0;
	uint64_t w, sp;
	bool space = true;

	for (;;) {
		/* Eight bytes at a time while they are ASCII from the space up
		 * and hold no comma: each counts but a space that follows a
		 * space. */
		while (end - p >= 8) {
			w = lede_load8(p);
			if ((w & LEDE_HIGHS) | lede_below8(w, 0x20) | lede_has8(w, ','))
				break;
			sp = lede_eq8(w, ' ');  /* no byte has its top bit now */
			n += 8 - top_bits(sp & ((sp << 8) | (space ? 0x80u : 0)));
			space = (sp >> 63) != 0;
			p += 8;
		}
		/* Printable ASCII but the comma, the bulk of any text: each is one
		 * character and ends a run of white space. */
		for (q = p; *q > ' ' && *q < 0x80 && *q != ','; q++)
			;
		if (q > p) {
			n += (uint32_t)(q - p);
			space = false;
			p = q;
		}
		if (*p == '\0')
			break;
		if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r' || *p == '\f') {
			if (!space)
				n++;
			space = true;
			p++;
			continue;
		}
		space = false;
		if ((*p & 0xC0) == 0x80) {
			p++;
			continue;
		}
		n++;
		if (*p == ',')
			k++;
		/* Fullwidth and ideographic commas: CJK text has no ASCII ones. */
		else if (p[0] == 0xEF && p[1] == 0xBC && p[2] == 0x8C)
			k++;
		else if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x81)
			k++;
		p++;
	}
	if (space && n > 0)
		n--;
	*len += n;
	*commas += k;
}

static bool
blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\n' && *s != '\t' && *s != '\r' && *s != '\f')
			return false;
	return true;
}

/* One walk in document order gives every element its entry; then one
 * walk backwards adds each element's totals into its parent's. */
static int
build(struct ctx *c, struct lede_err *err)
{
	xmlNode *root = xmlDocGetRootElement(c->doc), *n = root;
	struct ninfo *i, *p;
	struct attrs a;
	int cur = -1;
	size_t k;

	c->n = 0;
	while (n != NULL) {
		if (n->type == XML_ELEMENT_NODE) {
			if (c->n >= (size_t)INT32_MAX - 1)
				return lede_errf(err, "the page has too many elements");
			if (!lede_grow(&c->info, &c->cap, c->n + 1, sizeof *c->info))
				return lede_err_oom(err);
			i = &c->info[c->n];
			memset(i, 0, sizeof *i);
			i->node = n;
			i->parent = cur;
			i->tag = (uint8_t)tag_of(n);
			read_attrs(n, &a);
			i->cls = class_of(c, &a);
			n->_private = (void *)(intptr_t)(c->n + 1);
			i->dead = mark_dead(c, i, &a);
			if (cur >= 0) {
				p = &c->info[cur];
				p->nchild++;
				if (i->tag == T_BR) {
					if (p->last_br)
						p->nbrbr++;
					p->last_br = true;
				} else {
					p->last_br = false;
				}
			}
			c->n++;
			if (!i->dead && n->children != NULL) {
				cur = (int)c->n - 1;
				n = n->children;
				continue;
			}
		} else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) &&
		    cur >= 0 && n->content != NULL && !blank((const char *)n->content)) {
			p = &c->info[cur];
			text_stats((const char *)n->content, &p->inl_text, &p->inl_commas);
			p->last_br = false;
		}
		while (n != root && n->next == NULL) {
			n = n->parent;
			cur = c->info[cur].parent;
		}
		n = n == root ? NULL : n->next;
	}
	for (k = c->n; k-- > 0;) {
		i = &c->info[k];
		if (i->dead) {
			i->text = i->link = i->commas = 0;
			if (i->parent >= 0) {
				p = &c->info[i->parent];
				p->nembed += i->tag == T_EMBED || i->tag == T_IFRAME;
				p->ninput += i->tag == T_INPUT || i->tag == T_SELECT || i->tag == T_BUTTON;
			}
			continue;
		}
		/* Block children have added to text, inline ones and loose text to inl_*. */
		i->text += i->inl_text;
		i->commas += i->inl_commas;
		if (i->tag == T_A)
			i->link = i->text;
		i->np += i->tag == T_P;
		i->nli += i->tag == T_LI;
		i->nimg += i->tag == T_IMG;
		i->nth += i->tag == T_TH;
		i->nh1 += i->tag == T_H1;
		if (i->parent < 0)
			continue;
		p = &c->info[i->parent];
		p->link += i->link;
		p->np += i->np;
		p->nli += i->nli;
		p->nimg += i->nimg;
		p->ninput += i->ninput;
		p->nembed += i->nembed;
		p->nth += i->nth;
		p->nh1 += i->nh1;
		if (is_block(i->tag) || i->has_block) {
			p->has_block = true;
			p->text += i->text;
			p->commas += i->commas;
		} else {
			/* Inline children are part of the parent's own running text. */
			p->inl_text += i->text;
			p->inl_commas += i->commas;
		}
	}
	return 0;
}

/* ---- scoring ---- */

static float
link_density(const struct ninfo *i)
{
	return i->text > 0 ? (float)i->link / (float)i->text : 0.0f;
}

static float
tag_base(enum tag t)
{
	switch (t) {
	case T_DIV: case T_ARTICLE: case T_MAIN:
		return 5;
	case T_PRE: case T_TD: case T_BLOCKQUOTE:
		return 3;
	case T_DL: case T_DD: case T_DT: case T_LI: case T_OL: case T_UL: case T_FORM:
	case T_BLOCK:
		return -3;
	case T_H1: case T_H2: case T_H3: case T_H4: case T_H5: case T_H6: case T_TH:
		return -5;
	default:
		return 0;
	}
}

static bool
para_like(enum tag t)
{
	switch (t) {
	case T_P: case T_PRE: case T_TD: case T_DIV: case T_SECTION: case T_ARTICLE:
	case T_CENTER: case T_FONT: case T_MAIN: case T_BLOCKQUOTE: case T_DD:
		return true;
	default:
		return false;
	}
}

static void
give(struct ctx *c, int start, float points)
{
	struct ninfo *a;
	int level, k = start;

	for (level = 0; level < 5 && k >= 0; level++, k = c->info[k].parent) {
		a = &c->info[k];
		if (a->tag == T_HTML)
			break;
		if (!a->scored) {
			a->scored = true;
			a->score = tag_base(a->tag) +
			    ((c->flags & F_WEIGHT_CLASSES) ? (float)class_weight(a) : 0);
		}
		a->score += points / (level == 0 ? 1.0f : level == 1 ? 2.0f : (float)level * 3.0f);
	}
}

static void
score(struct ctx *c)
{
	struct ninfo *i;
	uint32_t len, commas, units;
	int start;
	size_t k;

	for (k = 0; k < c->n; k++) {
		i = &c->info[k];
		if (i->dead)
			continue;
		if (para_like(i->tag) && !i->has_block) {
			len = i->text;
			commas = i->commas;
			start = i->parent;
			units = 1 + i->nbrbr;
		} else if (i->has_block && i->inl_text >= 25 && i->tag != T_BODY) {
			/* Loose text beside blocks is a paragraph without its <p>. */
			len = i->inl_text;
			commas = i->inl_commas;
			start = (int)k;
			units = 1;
		} else {
			continue;
		}
		if (len < 25 || start < 0)
			continue;
		give(c, start, (float)units + (float)commas +
		    (float)(len / 100 < 3 * units ? len / 100 : 3 * units));
	}
	for (k = 0; k < c->n; k++) {
		i = &c->info[k];
		if (i->scored)
			i->score *= 1.0f - link_density(i);
	}
}

static int
body_index(struct ctx *c)
{
	size_t k;

	for (k = 0; k < c->n; k++)
		if (c->info[k].tag == T_BODY)
			return (int)k;
	return c->n > 0 ? 0 : -1;
}

#define NTOP 5

static int
pick_top(struct ctx *c, int **counts)
{
	int top[NTOP], ntop = 0, best, k, j, a, parent;
	float last, threshold, ps;
	struct ninfo *i;
	size_t n;

	for (n = 0; n < c->n; n++) {
		i = &c->info[n];
		if (!i->scored || i->dead || i->tag == T_BODY)
			continue;
		for (j = ntop; j > 0 && c->info[top[j - 1]].score < i->score; j--)
			if (j < NTOP)
				top[j] = top[j - 1];
		if (j < NTOP) {
			top[j] = (int)n;
			if (ntop < NTOP)
				ntop++;
		}
	}
	if (ntop == 0)
		return -1;
	best = top[0];
	/* When several strong candidates share an ancestor, the article was
	 * split into parts and the ancestor holds them all. */
	if (*counts == NULL && (*counts = calloc(c->n, sizeof **counts)) == NULL)
		return -2;
	for (k = 1; k < ntop; k++) {
		if (c->info[top[k]].score < 0.75f * c->info[best].score)
			continue;
		for (a = c->info[top[k]].parent; a >= 0; a = c->info[a].parent)
			(*counts)[a]++;
	}
	for (a = c->info[best].parent; a >= 0 && c->info[a].tag != T_BODY; a = c->info[a].parent) {
		if ((*counts)[a] >= 3) {
			best = a;
			break;
		}
	}
	/* Climb while the parent scores about as well: it holds more article. */
	last = c->info[best].score;
	threshold = last / 3;
	for (parent = c->info[best].parent; parent >= 0 && c->info[parent].tag != T_BODY;
	    parent = c->info[parent].parent) {
		if (!c->info[parent].scored)
			continue;
		ps = c->info[parent].score;
		if (ps < threshold)
			break;
		if (ps > last) {
			best = parent;
			break;
		}
		last = ps;
	}
	while ((parent = c->info[best].parent) >= 0 && c->info[parent].tag != T_BODY &&
	    c->info[parent].nchild == 1)
		best = parent;
	return best;
}

/* ---- writing the article out ---- */

struct out {
	struct lede_doc *doc;
	struct lede_buf buf;
	struct lede_norm norm;
	bool open, last_br, cell_sep;
	enum lede_kind kind;
	int pre, bq, li, head;
	int dtable;           /* inside a data table: a row is a paragraph */
	int in_a;             /* inside a link */
	size_t link_bytes;    /* of the open paragraph, written inside links */
};

static void
flush(struct out *o)
{
	if (!o->open)
		return;
	lede_norm_finish(&o->norm);
	if (lede_clean_is_label(o->buf.data, o->buf.len))
		o->buf.len = 0;
	/* A short run that is mostly links is navigation or "see also". */
	if (o->kind != LEDE_PARA_HEADING && o->kind != LEDE_PARA_PRE && o->buf.len < 200 &&
	    o->link_bytes * 10 >= o->buf.len * 7 && lede_clean_words(o->buf.data, o->buf.len) >= 3 &&
	    strncmp(o->buf.data, "http", 4) != 0)
		o->buf.len = 0;
	if (o->buf.len > 0 && lede_buf_ok(&o->buf)) {
		if (lede_doc_add_para(o->doc, o->kind, o->buf.data, o->buf.len) != 0)
			o->buf.oom = true;
	}
	if (lede_buf_ok(&o->buf))
		lede_buf_reset(&o->buf);
	o->open = false;
}

static void
feed(struct out *o, const char *s)
{
	size_t len = strlen(s), before;

	if (!o->open) {
		if (blank(s))
			return;
		o->kind = o->pre ? LEDE_PARA_PRE : o->head ? LEDE_PARA_HEADING :
		    o->li ? LEDE_PARA_LIST_ITEM : o->bq ? LEDE_PARA_BLOCKQUOTE : LEDE_PARA_TEXT;
		lede_norm_start(&o->norm, &o->buf, o->pre ? LEDE_NORM_KEEP_LINES : 0);
		o->open = true;
		o->link_bytes = 0;
	}
	before = o->buf.len;
	if (!blank(s)) {
		o->last_br = false;
		if (o->cell_sep) {
			o->cell_sep = false;
			lede_norm_feed(&o->norm, " | ", 3);
		}
	}
	lede_norm_feed(&o->norm, s, len);
	if (o->in_a > 0)
		o->link_bytes += o->buf.len - before;
}

static bool
layout_table(const struct ninfo *i)
{
	const char *v = lede_attr(i->node, "role");

	if (v != NULL && strcasecmp(v, "presentation") == 0)
		return true;
	return i->nth == 0 && lede_attr(i->node, "summary") == NULL;
}

/* Readability's conditional cleaning, on totals already known. */
static bool
junk(struct ctx *c, const struct ninfo *i)
{
	int w = (c->flags & F_WEIGHT_CLASSES) ? class_weight(i) : 0;
	float ld = link_density(i), pf;
	bool list = i->tag == T_UL || i->tag == T_OL;
	long li = (long)i->nli - 100;

	if (is_heading(i->tag))
		return w < 0 || (i->text > 0 && ld > 0.5f);
	if ((i->cls & C_BYLINE) && i->text < 120 && !(i->cls & C_POS))
		return true;
	if (i->tag == T_P && i->text > 0 && ld > 0.8f && i->text < 200)
		return true;
	if (!(c->flags & F_CLEAN_CONDITIONALLY) || (i->cls & C_EMBED))
		return false;
	switch (i->tag) {
	case T_DIV: case T_SECTION: case T_UL: case T_OL: case T_FORM: case T_FIELDSET:
	case T_HEADER: case T_DL: case T_TABLE:
		break;
	default:
		return false;
	}
	if (i->tag == T_TABLE && !layout_table(i))
		return false;
	/* A list of nothing but links inside an article is "see also". */
	if (list && ld > 0.8f && i->nli >= 2)
		return true;
	if (w + (i->scored ? i->score : 0) < 0)
		return true;
	if (i->commas >= 10)
		return false;
	pf = (float)i->np;
	if (i->nimg > 1 && pf / (float)i->nimg < 0.5f)
		return true;
	if (!list && li > (long)i->np)
		return true;
	if (i->ninput > i->np / 3)
		return true;
	if (!list && i->text < 25 && (i->nimg == 0 || i->nimg > 2))
		return true;
	if (!list && w < 25 && ld > 0.2f)
		return true;
	if (w >= 25 && ld > 0.5f)
		return true;
	if ((i->nembed == 1 && i->text < 75) || i->nembed > 1)
		return true;
	return false;
}

/* Cells of a data table run on within their row. */
static bool
blockish(const struct out *o, enum tag t)
{
	if (o->dtable > 0 && (t == T_TD || t == T_TH))
		return false;
	return is_block(t);
}

static void
enter_ctx(struct out *o, enum tag t, int d)
{
	if (t == T_PRE)
		o->pre += d;
	else if (t == T_BLOCKQUOTE)
		o->bq += d;
	else if (t == T_LI || t == T_DD || t == T_DT)
		o->li += d;
	else if (is_heading(t))
		o->head += d;
}

static void
leave(struct out *o, const struct ninfo *i)
{
	if (i->tag == T_A && o->in_a > 0)
		o->in_a--;
	if (i->tag == T_TABLE && o->dtable > 0 && !layout_table(i))
		o->dtable--;
	if (blockish(o, i->tag)) {
		flush(o);
		enter_ctx(o, i->tag, -1);
	}
}

static void
emit_tree(struct ctx *c, struct out *o, xmlNode *root)
{
	xmlNode *n = root;
	struct ninfo *i;
	bool down;

	while (n != NULL) {
		down = false;
		if (n->type == XML_ELEMENT_NODE) {
			i = idx_of(n) >= 0 ? &c->info[idx_of(n)] : NULL;
			if (i != NULL && !i->dead && (n == root || !junk(c, i))) {
				if (i->tag == T_BR) {
					if (o->pre)
						feed(o, "\n");
					else if (o->last_br)
						flush(o);
					else if (o->open)
						lede_norm_space(&o->norm);
					o->last_br = true;
				} else if (blockish(o, i->tag)) {
					flush(o);
					o->last_br = false;
					o->cell_sep = false;
					enter_ctx(o, i->tag, 1);
					if (i->tag == T_TABLE && !layout_table(i))
						o->dtable++;
					down = true;
				} else {
					if ((i->tag == T_TD || i->tag == T_TH) && o->open)
						o->cell_sep = true;
					o->in_a += i->tag == T_A;
					down = true;
				}
				if (down && n->children == NULL) {
					leave(o, i);
					down = false;
				}
			}
		} else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) &&
		    n->content != NULL) {
			feed(o, (const char *)n->content);
		}
		if (down) {
			n = n->children;
			continue;
		}
		while (n != root && n->next == NULL) {
			n = n->parent;
			leave(o, &c->info[idx_of(n)]);
		}
		n = n == root ? NULL : n->next;
	}
	flush(o);
}

static bool
ends_sentence(const xmlNode *n)
{
	char *s = lede_node_text(n);
	size_t len;
	bool r;

	if (s == NULL)
		return false;
	len = strlen(s);
	r = strstr(s, ". ") != NULL || (len > 0 && s[len - 1] == '.');
	free(s);
	return r;
}

static bool
same_class(const xmlNode *a, const xmlNode *b)
{
	const char *x = lede_attr(a, "class"), *y = lede_attr(b, "class");

	return x != NULL && y != NULL && *x != '\0' && strcmp(x, y) == 0;
}

static bool
keep_sibling(struct ctx *c, int top, const struct ninfo *s, float threshold)
{
	float bonus = same_class(c->info[top].node, s->node) ? c->info[top].score * 0.2f : 0;
	float ld = link_density(s);

	if (s->dead)
		return false;
	if (s->scored && s->score + bonus >= threshold)
		return true;
	/* A part of the article that nests its paragraphs too deep to be scored:
	 * same class as the chosen block, plain text. */
	if (bonus > 0 && !s->scored && s->text > 200 && ld < 0.25f)
		return true;
	if (s->tag == T_P || (para_like(s->tag) && !s->has_block)) {
		if (s->text > 80 && ld < 0.25f)
			return true;
		if (s->text > 0 && s->text <= 80 && s->link == 0 && ends_sentence(s->node))
			return true;
	}
	return false;
}

/* The block before the article that holds its headline often holds the
 * standfirst too, which pages repeat as their description: that one
 * paragraph belongs to the article, the byline and kicker beside it do not. */
static bool
standfirst_class(const xmlNode *n)
{
	static const char *const words[] = { "standfirst", "dek", "subtitle", "subhead",
	    "strapline", "summary", "intro", "lede", "deck", "excerpt", "description" };
	const char *cl = lede_attr(n, "class");
	char s[128];
	size_t k;

	if (cl == NULL)
		return false;
	for (k = 0; cl[k] != '\0' && k + 1 < sizeof s; k++)
		s[k] = (char)((cl[k] >= 'A' && cl[k] <= 'Z') ? cl[k] + 32 : cl[k]);
	s[k] = '\0';
	return any_in(s, words, NWORDS(words));
}

static int
move_text_paras(struct lede_doc *from, struct lede_doc *to, const char *want)
{
	size_t k;

	for (k = 0; k < from->nparas; k++) {
		if (from->paras[k].kind != LEDE_PARA_TEXT)
			continue;
		if (want != NULL && !lede_meta_same_text(from->paras[k].text, want))
			continue;
		if (lede_doc_add_para(to, LEDE_PARA_TEXT, from->paras[k].text, from->paras[k].len) != 0)
			return -1;
	}
	return 0;
}

static int
standfirst_in(struct ctx *c, const struct ninfo *s, struct lede_doc *doc)
{
	struct out o = { 0 };
	xmlNode *n = s->node;
	const struct ninfo *i;
	bool found = false, down;
	int rc = 0;

	if (s->dead || s->nh1 == 0 || s->text > 2000)
		return 0;
	if ((o.doc = lede_doc_new()) == NULL)
		return -1;
	/* First the blocks the page itself calls a standfirst or summary. */
	while (n != NULL) {
		down = false;
		if (n->type == XML_ELEMENT_NODE && idx_of(n) >= 0) {
			i = &c->info[idx_of(n)];
			if (!i->dead && n != s->node && i->text >= 40 && !is_heading(i->tag) &&
			    standfirst_class(n)) {
				emit_tree(c, &o, n);
				found = true;
			} else {
				down = !i->dead && n->children != NULL;
			}
		}
		if (down) {
			n = n->children;
			continue;
		}
		while (n != s->node && n->next == NULL)
			n = n->parent;
		n = n == s->node ? NULL : n->next;
	}
	if (found) {
		rc = move_text_paras(o.doc, doc, NULL);
	} else if (c->meta.description != NULL) {
		/* Else the paragraph the page repeats as its description. */
		emit_tree(c, &o, s->node);
		rc = move_text_paras(o.doc, doc, c->meta.description);
	}
	if (o.buf.oom)
		rc = -1;
	lede_buf_free(&o.buf);
	lede_doc_free(o.doc);
	return rc;
}

static void
free_paras(struct lede_doc *doc)
{
	size_t k;

	for (k = 0; k < doc->nparas; k++)
		free(doc->paras[k].text);
	doc->nparas = 0;
}

/* Builds the paragraphs from the chosen block and its siblings. */
static int
extract(struct ctx *c, struct lede_doc *doc, int **counts, struct lede_err *err)
{
	struct out o = { .doc = doc };
	struct ninfo *t;
	xmlNode *s;
	float threshold;
	bool before;
	int top, body;

	if (build(c, err) != 0)
		return -1;
	score(c);
	top = pick_top(c, counts);
	if (top == -2)
		return lede_err_oom(err);
	body = body_index(c);
	if (top < 0)
		top = body;
	if (top < 0)
		return 0;
	t = &c->info[top];
	if (debug_on())
		fprintf(stderr, "flags %u top %d <%s class=%s id=%s> score %.1f text %u\n", c->flags, top,
		    (const char *)t->node->name, lede_attr(t->node, "class"), lede_attr(t->node, "id"),
		    t->score, t->text);
	if (t->parent < 0 || t->tag == T_BODY) {
		emit_tree(c, &o, t->node);
	} else {
		threshold = t->score * 0.2f > 10 ? t->score * 0.2f : 10;
		before = true;
		for (s = t->node->parent->children; s != NULL; s = s->next) {
			if (s->type != XML_ELEMENT_NODE || idx_of(s) < 0)
				continue;
			if (s == t->node)
				before = false;
			if (s == t->node || keep_sibling(c, top, &c->info[idx_of(s)], threshold)) {
				if (debug_on())
					fprintf(stderr, "  sibling <%s class=%s>\n", (const char *)s->name, lede_attr(s, "class"));
				emit_tree(c, &o, s);
			}
			else if (before && standfirst_in(c, &c->info[idx_of(s)], doc) != 0)
				o.buf.oom = true;
		}
	}
	lede_buf_free(&o.buf);
	if (o.buf.oom)
		return lede_err_oom(err);
	return 0;
}

static size_t
doc_chars(const struct lede_doc *doc)
{
	size_t k, n = 0;

	for (k = 0; k < doc->nparas; k++)
		n += doc->paras[k].len;
	return n;
}

/* When the page's JSON-LD carries the article body and the markup gave much
 * less, the markup hid it (scripts, paywalls): its paragraphs are the text. */
static int
rescue_from_ld(struct lede_doc *doc, const char *body)
{
	const char *p = body, *e;

	free_paras(doc);
	while (*p) {
		e = strchr(p, '\n');
		if (e == NULL)
			e = p + strlen(p);
		if (e > p && lede_doc_add_para(doc, LEDE_PARA_TEXT, p, (size_t)(e - p)) != 0)
			return -1;
		p = *e ? e + 1 : e;
	}
	return 0;
}

static int
extract_pass(struct ctx *c, struct lede_doc *doc, unsigned flags, int **counts,
    struct lede_err *err)
{
	c->flags = flags;
	free(*counts);
	*counts = NULL;
	free_paras(doc);
	return extract(c, doc, counts, err);
}

static int
parse(const char *data, size_t len, const char *charset, xmlDoc **out, struct lede_err *err)
{
	struct lede_buf u = LEDE_BUF_INIT;
	htmlParserCtxtPtr ctxt;
	const char *text;
	char meta[64];
	size_t bomlen, textlen;
	int opts = HTML_PARSE_NONET | HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
	    HTML_PARSE_NOWARNING | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC;

	if (lede_clean_bom(data, len, &bomlen) == NULL && (charset == NULL || *charset == '\0') &&
	    lede_clean_meta_charset(data, len, meta, sizeof meta))
		charset = meta;
	if (lede_clean_utf8_text(&u, data, len, charset, &text, &textlen, err) != 0) {
		lede_buf_free(&u);
		return -1;
	}
	if (textlen > INT32_MAX) {
		lede_buf_free(&u);
		return lede_errf(err, "the page is too large to parse");
	}
	if ((ctxt = htmlNewParserCtxt()) == NULL) {
		lede_buf_free(&u);
		return lede_err_oom(err);
	}
	*out = htmlCtxtReadMemory(ctxt, text, (int)textlen, NULL, "UTF-8", opts);
	htmlFreeParserCtxt(ctxt);
	lede_buf_free(&u);
	if (*out == NULL || xmlDocGetRootElement(*out) == NULL) {
		if (*out != NULL)
			xmlFreeDoc(*out);
		*out = NULL;
		return lede_errf(err, "no readable text");
	}
	return 0;
}

int
lede_clean_html(const char *data, size_t len, const char *charset, const char *url,
    struct lede_doc **out, struct lede_err *err)
{
	static const unsigned passes[] = {
		F_STRIP_HARD | F_STRIP_UNLIKELY | F_WEIGHT_CLASSES | F_CLEAN_CONDITIONALLY,
		F_STRIP_HARD | F_WEIGHT_CLASSES | F_CLEAN_CONDITIONALLY,
		F_STRIP_HARD | F_CLEAN_CONDITIONALLY,
		F_STRIP_HARD,
		0,
	};
	struct ctx *c;
	struct lede_doc *doc = NULL;
	int *counts = NULL, rc = -1;
	size_t p, best = 0, held = 0, got, best_chars = 0, ld_len;
	const size_t npasses = sizeof passes / sizeof passes[0];

	if (lede_clean_is_binary(data, len))
		return lede_errf(err, "not a web page or text (binary data)");
	if ((c = calloc(1, sizeof *c)) == NULL)
		return lede_err_oom(err);
	index_words(c);
	if (parse(data, len, charset, &c->doc, err) != 0)
		goto done;
	if (lede_meta_collect(c->doc, &c->meta, err) != 0)
		goto done;
	if ((doc = lede_doc_new()) == NULL) {
		rc = lede_err_oom(err);
		goto done;
	}
	/* Each pass relaxes the rules; a page whose article hides behind
	 * unlikely class names still comes out, in linear time overall. */
	for (p = 0; p < npasses && best_chars < 500; p++) {
		/* The last pass lets comment threads back in: only for a page
		 * that gave nothing at all without it. */
		if (p == npasses - 1 && best_chars > 0)
			break;
		if (extract_pass(c, doc, passes[p], &counts, err) != 0)
			goto done;
		held = p;
		got = doc_chars(doc);
		/* A looser pass must find markedly more to win: a little more is
		 * the furniture the stricter rules left out. */
		if (p == 0 || (got > best_chars &&
		    (best_chars == 0 || got > best_chars + best_chars / 4 + 50))) {
			best_chars = got;
			best = p;
		}
	}
	if (held != best && extract_pass(c, doc, passes[best], &counts, err) != 0)
		goto done;
	if (lede_meta_apply(&c->meta, doc, err) != 0)
		goto done;
	if (lede_clean_trim(doc, &c->meta) != 0) {
		rc = lede_err_oom(err);
		goto done;
	}
	ld_len = c->meta.ld_body != NULL ? strlen(c->meta.ld_body) : 0;
	if (ld_len > 500 && doc_chars(doc) * 2 < ld_len && rescue_from_ld(doc, c->meta.ld_body) != 0) {
		rc = lede_err_oom(err);
		goto done;
	}
	if (url != NULL && lede_doc_set(&doc->url, url) != 0) {
		rc = lede_err_oom(err);
		goto done;
	}
	if (doc->nparas == 0) {
		rc = lede_errf(err, "no readable text");
		goto done;
	}
	*out = doc;
	doc = NULL;
	rc = 0;
done:
	free(counts);
	lede_doc_free(doc);
	lede_meta_free(&c->meta);
	if (c->doc != NULL)
		xmlFreeDoc(c->doc);
	free(c->info);
	free(c);
	return rc;
}
