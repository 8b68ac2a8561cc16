#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <json-c/json.h>

#include "lede/buf.h"
#include "lede/clean-meta.h"
#include "lede/text.h"

/* JSON-LD nests a few levels (@graph, author, publisher); anything deeper is
 * not metadata, and the bound keeps hostile input from exhausting the stack. */
#define LD_DEPTH 24

const char *
lede_attr(const xmlNode *n, const char *name)
{
	const xmlAttr *a;

	for (a = n->properties; a != NULL; a = a->next) {
		if (a->name == NULL || strcasecmp((const char *)a->name, name) != 0)
			continue;
		if (a->children == NULL || a->children->content == NULL)
			return "";
		return (const char *)a->children->content;
	}
	return NULL;
}

static bool
is_text_node(const xmlNode *n)
{
	return n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE;
}

/* Script and style text is never reader text, even inside a heading. */
static bool
is_hidden_tag(const xmlNode *n)
{
	const char *t = (const char *)n->name;

	return n->type == XML_ELEMENT_NODE && t != NULL && (strcmp(t, "script") == 0 ||
	    strcmp(t, "style") == 0 || strcmp(t, "noscript") == 0 || strcmp(t, "template") == 0);
}

char *
lede_node_text(const xmlNode *root)
{
	struct lede_buf b = LEDE_BUF_INIT;
	struct lede_norm nm;
	const xmlNode *n = root;
	char *s;

	lede_norm_start(&nm, &b, 0);
	while (n != NULL) {
		if (is_text_node(n) && n->content != NULL)
			lede_norm_feed(&nm, (const char *)n->content, strlen((const char *)n->content));
		if (n->type == XML_ELEMENT_NODE && n->children != NULL && !is_hidden_tag(n)) {
			n = n->children;
			continue;
		}
		while (n != root && n->next == NULL)
			n = n->parent;
		n = n == root ? NULL : n->next;
	}
	lede_norm_finish(&nm);
	s = lede_buf_detach(&b);
	if (s == NULL && lede_buf_ok(&b))
		s = lede_strdup("");
	return s;
}

static char *
norm_dup(const char *s)
{
	if (s == NULL)
		return NULL;
	return lede_text_normalize_dup(s, strlen(s), 0);
}

/* Keeps the first non-empty value seen for a field. */
static int
keep(char **field, const char *value)
{
	char *s;

	if (*field != NULL || value == NULL)
		return 0;
	if ((s = norm_dup(value)) == NULL)
		return -1;
	if (*s == '\0') {
		free(s);
		return 0;
	}
	*field = s;
	return 0;
}

struct collect {
	struct lede_meta *m;
	char *og_site, *app_name, *ld_publisher;
	char *meta_author, *article_author, *ld_author;
	char *ld_date, *meta_date, *time_date;
	char *http_lang, *og_locale, *ld_lang;
	char *page_author;
	int author_tries;
	bool oom;
};

static bool
type_is_article(json_object *t)
{
	static const char *const types[] = {
		"Article", "NewsArticle", "BlogPosting", "ReportageNewsArticle",
		"AnalysisNewsArticle", "OpinionNewsArticle", "ReviewNewsArticle",
		"BackgroundNewsArticle", "AskPublicQuestion", "Report", "ScholarlyArticle",
		"TechArticle", "LiveBlogPosting", "SatiricalArticle", "SocialMediaPosting",
		"DiscussionForumPosting", "Blog", "Posting",
	};
	const char *s;
	size_t i, k;

	if (t == NULL)
		return false;
	if (json_object_is_type(t, json_type_array)) {
		for (k = 0; k < json_object_array_length(t); k++)
			if (type_is_article(json_object_array_get_idx(t, k)))
				return true;
		return false;
	}
	if (!json_object_is_type(t, json_type_string))
		return false;
	s = json_object_get_string(t);
	if (strncmp(s, "http://schema.org/", 18) == 0)
		s += 18;
	else if (strncmp(s, "https://schema.org/", 19) == 0)
		s += 19;
	for (i = 0; i < sizeof types / sizeof types[0]; i++)
		if (strcmp(s, types[i]) == 0)
			return true;
	return false;
}

static const char *
ld_string(json_object *o, const char *key)
{
	json_object *v;

	if (!json_object_object_get_ex(o, key, &v))
		return NULL;
	if (json_object_is_type(v, json_type_array) && json_object_array_length(v) > 0)
		v = json_object_array_get_idx(v, 0);
	if (v != NULL && json_object_is_type(v, json_type_string))
		return json_object_get_string(v);
	return NULL;
}

/* A person or organisation: a bare string, or an object with "name". */
static const char *
ld_name(json_object *v)
{
	if (v == NULL)
		return NULL;
	if (json_object_is_type(v, json_type_string))
		return json_object_get_string(v);
	if (json_object_is_type(v, json_type_object))
		return ld_string(v, "name");
	return NULL;
}

static void
ld_authors(struct collect *c, json_object *a)
{
	struct lede_buf b = LEDE_BUF_INIT;
	const char *name;
	size_t k, n = 1;

	if (c->ld_author != NULL || a == NULL)
		return;
	if (json_object_is_type(a, json_type_array))
		n = json_object_array_length(a);
	for (k = 0; k < n && k < 8; k++) {
		name = ld_name(json_object_is_type(a, json_type_array) ?
		    json_object_array_get_idx(a, k) : a);
		if (name == NULL || *name == '\0' || strncmp(name, "http", 4) == 0)
			continue;
		if (b.len > 0)
			lede_buf_lit(&b, ", ");
		lede_buf_adds(&b, name);
	}
	if (b.len > 0 && keep(&c->ld_author, b.data) != 0)
		c->oom = true;
	lede_buf_free(&b);
}

static void
ld_article(struct collect *c, json_object *o)
{
	json_object *v;
	const char *body;
	char *s;

	if (keep(&c->m->ld_headline, ld_string(o, "headline")) != 0 ||
	    keep(&c->ld_date, ld_string(o, "datePublished")) != 0 ||
	    keep(&c->ld_lang, ld_string(o, "inLanguage")) != 0)
		c->oom = true;
	if (json_object_object_get_ex(o, "author", &v))
		ld_authors(c, v);
	if (json_object_object_get_ex(o, "publisher", &v) &&
	    keep(&c->ld_publisher, ld_name(v)) != 0)
		c->oom = true;
	body = ld_string(o, "articleBody");
	if (body != NULL && (c->m->ld_body == NULL || strlen(body) > strlen(c->m->ld_body))) {
		/* Keep line breaks: they are the only paragraph marks it has. */
		if ((s = lede_text_normalize_dup(body, strlen(body), LEDE_NORM_KEEP_LINES)) == NULL) {
			c->oom = true;
			return;
		}
		free(c->m->ld_body);
		c->m->ld_body = s;
	}
}

static void
ld_walk(struct collect *c, json_object *o, int depth)
{
	json_object *v;
	size_t k;

	if (o == NULL || depth > LD_DEPTH)
		return;
	if (json_object_is_type(o, json_type_array)) {
		for (k = 0; k < json_object_array_length(o); k++)
			ld_walk(c, json_object_array_get_idx(o, k), depth + 1);
		return;
	}
	if (!json_object_is_type(o, json_type_object))
		return;
	if (json_object_object_get_ex(o, "@type", &v) && type_is_article(v))
		ld_article(c, o);
	else if (json_object_object_get_ex(o, "@type", &v) && json_object_is_type(v, json_type_string) &&
	    (strcmp(json_object_get_string(v), "WebSite") == 0 ||
	    strcmp(json_object_get_string(v), "Organization") == 0 ||
	    strcmp(json_object_get_string(v), "NewsMediaOrganization") == 0) &&
	    keep(&c->ld_publisher, ld_string(o, "name")) != 0)
		c->oom = true;
	if (json_object_object_get_ex(o, "@graph", &v))
		ld_walk(c, v, depth + 1);
	if (json_object_object_get_ex(o, "mainEntity", &v))
		ld_walk(c, v, depth + 1);
}

static void
ld_script(struct collect *c, const xmlNode *script)
{
	struct lede_buf b = LEDE_BUF_INIT;
	const xmlNode *t;
	struct json_tokener *tok;
	json_object *o;

	for (t = script->children; t != NULL; t = t->next)
		if (is_text_node(t) && t->content != NULL)
			lede_buf_adds(&b, (const char *)t->content);
	if (b.len == 0 || !lede_buf_ok(&b)) {
		lede_buf_free(&b);
		return;
	}
	tok = json_tokener_new_ex(LD_DEPTH);
	if (tok == NULL) {
		lede_buf_free(&b);
		c->oom = true;
		return;
	}
	o = json_tokener_parse_ex(tok, b.data, (int)(b.len > 0x7fffffff ? 0x7fffffff : b.len));
	if (o != NULL) {
		ld_walk(c, o, 0);
		json_object_put(o);
	}
	json_tokener_free(tok);
	lede_buf_free(&b);
}

static void
meta_tag(struct collect *c, const xmlNode *n)
{
	static const char *const date_names[] = {
		"date", "pubdate", "publishdate", "publish-date", "publish_date", "dc.date",
		"dc.date.issued", "dcterms.created", "dcterms.date", "sailthru.date",
		"parsely-pub-date", "article.published", "published_time", "og:published_time",
		"datepublished", "citation_publication_date",
	};
	const char *key = lede_attr(n, "property"), *val = lede_attr(n, "content");
	size_t i;
	int rc = 0;

	if (key == NULL)
		key = lede_attr(n, "name");
	if (key == NULL)
		key = lede_attr(n, "itemprop");
	if (key == NULL && (key = lede_attr(n, "http-equiv")) != NULL &&
	    strcasecmp(key, "content-language") == 0)
		rc |= keep(&c->http_lang, val);
	if (key == NULL || val == NULL)
		return;
	if (strcasecmp(key, "og:title") == 0 || strcasecmp(key, "twitter:title") == 0)
		rc |= keep(&c->m->og_title, val);
	else if (strcasecmp(key, "og:site_name") == 0)
		rc |= keep(&c->og_site, val);
	else if (strcasecmp(key, "application-name") == 0)
		rc |= keep(&c->app_name, val);
	else if (strcasecmp(key, "article:published_time") == 0)
		rc |= keep(&c->meta_date, val);
	else if (strcasecmp(key, "article:author") == 0 && strncmp(val, "http", 4) != 0)
		rc |= keep(&c->article_author, val);
	else if (strcasecmp(key, "author") == 0 || strcasecmp(key, "dc.creator") == 0 ||
	    strcasecmp(key, "parsely-author") == 0 || strcasecmp(key, "sailthru.author") == 0)
		rc |= keep(&c->meta_author, val);
	else if (strcasecmp(key, "description") == 0 || strcasecmp(key, "og:description") == 0)
		rc |= keep(&c->m->description, val);
	else if (strcasecmp(key, "og:locale") == 0)
		rc |= keep(&c->og_locale, val);
	else {
		for (i = 0; i < sizeof date_names / sizeof date_names[0]; i++)
			if (strcasecmp(key, date_names[i]) == 0)
				rc |= keep(&c->meta_date, val);
	}
	if (rc != 0)
		c->oom = true;
}

/* True when a class or rel names the author: "byline", "author vcard". */
static bool
names_author(const xmlNode *n)
{
	const char *v = lede_attr(n, "rel"), *p;
	size_t k;

	if (v != NULL && strcasecmp(v, "author") == 0)
		return true;
	if ((v = lede_attr(n, "itemprop")) != NULL && strcasecmp(v, "author") == 0)
		return true;
	if ((v = lede_attr(n, "class")) == NULL)
		return false;
	for (p = v; *p; p += k) {
		while (*p == ' ')
			p++;
		for (k = 0; p[k] != '\0' && p[k] != ' '; k++)
			;
		if ((k == 6 && strncasecmp(p, "byline", 6) == 0) ||
		    (k == 6 && strncasecmp(p, "author", 6) == 0) ||
		    (k == 11 && strncasecmp(p, "author-name", 11) == 0))
			return true;
	}
	return false;
}

/* A byline printed in the page: "By Ann Lee" -> "Ann Lee". */
static void
page_author(struct collect *c, const xmlNode *n)
{
	char *s, *p;
	size_t len;

	/* A few tries keep this linear when classes mislead. */
	if (c->page_author != NULL || c->author_tries >= 4 || !names_author(n))
		return;
	c->author_tries++;
	if ((s = lede_node_text(n)) == NULL) {
		c->oom = true;
		return;
	}
	p = s;
	if (strncasecmp(p, "by ", 3) == 0)
		p += 3;
	len = strlen(p);
	if (len >= 3 && len <= 60 && strchr(p, '@') == NULL && strstr(p, "http") == NULL &&
	    keep(&c->page_author, p) != 0)
		c->oom = true;
	free(s);
}

static void
element(struct collect *c, const xmlNode *n, bool *skip)
{
	const char *t = (const char *)n->name, *v;
	char *s;

	*skip = false;
	if (strcmp(t, "meta") == 0) {
		meta_tag(c, n);
	} else if (strcmp(t, "title") == 0 && c->m->title_tag == NULL) {
		if ((c->m->title_tag = lede_node_text(n)) == NULL)
			c->oom = true;
		*skip = true;
	} else if (strcmp(t, "script") == 0) {
		v = lede_attr(n, "type");
		if (v != NULL && strcasecmp(v, "application/ld+json") == 0)
			ld_script(c, n);
		*skip = true;
	} else if (strcmp(t, "style") == 0) {
		*skip = true;
	} else if (strcmp(t, "h1") == 0 && c->m->nh1 < LEDE_META_H1S) {
		if ((s = lede_node_text(n)) == NULL)
			c->oom = true;
		else if (*s == '\0')
			free(s);
		else
			c->m->h1[c->m->nh1++] = s;
		*skip = true;
	} else if (strcmp(t, "h2") == 0 && c->m->nh2 < LEDE_META_H1S) {
		if ((s = lede_node_text(n)) == NULL)
			c->oom = true;
		else if (*s == '\0')
			free(s);
		else
			c->m->h2[c->m->nh2++] = s;
		*skip = true;
	} else if (strcmp(t, "time") == 0 && c->time_date == NULL) {
		if ((v = lede_attr(n, "datetime")) != NULL && keep(&c->time_date, v) != 0)
			c->oom = true;
	} else if (strcmp(t, "html") == 0) {
		if ((v = lede_attr(n, "lang")) != NULL && keep(&c->m->lang, v) != 0)
			c->oom = true;
	} else {
		page_author(c, n);
	}
}

static void
take(char **dst, char **src)
{
	if (*dst == NULL) {
		*dst = *src;
		*src = NULL;
	}
}

static void
collect_free(struct collect *c)
{
	free(c->og_site);
	free(c->app_name);
	free(c->ld_publisher);
	free(c->meta_author);
	free(c->article_author);
	free(c->ld_author);
	free(c->ld_date);
	free(c->meta_date);
	free(c->time_date);
	free(c->http_lang);
	free(c->og_locale);
	free(c->ld_lang);
	free(c->page_author);
}

int
lede_meta_collect(xmlDoc *doc, struct lede_meta *m, struct lede_err *err)
{
	struct collect c = { .m = m };
	xmlNode *root = xmlDocGetRootElement(doc), *n = root;
	bool skip;
	char *p;

	memset(m, 0, sizeof *m);
	while (n != NULL && !c.oom) {
		skip = false;
		if (n->type == XML_ELEMENT_NODE && n->name != NULL)
			element(&c, n, &skip);
		if (n->type == XML_ELEMENT_NODE && n->children != NULL && !skip) {
			n = n->children;
			continue;
		}
		while (n != root && n->next == NULL)
			n = n->parent;
		n = n == root ? NULL : n->next;
	}
	take(&m->site, &c.og_site);
	take(&m->site, &c.ld_publisher);
	take(&m->site, &c.app_name);
	take(&m->byline, &c.ld_author);
	take(&m->byline, &c.meta_author);
	take(&m->byline, &c.article_author);
	take(&m->byline, &c.page_author);
	take(&m->published, &c.ld_date);
	take(&m->published, &c.meta_date);
	take(&m->published, &c.time_date);
	take(&m->lang, &c.http_lang);
	take(&m->lang, &c.og_locale);
	take(&m->lang, &c.ld_lang);
	if (m->lang != NULL)
		for (p = m->lang; *p; p++)
			if (*p == '_')
				*p = '-';
	collect_free(&c);
	if (c.oom) {
		lede_meta_free(m);
		return lede_err_oom(err);
	}
	return 0;
}

void
lede_meta_free(struct lede_meta *m)
{
	size_t i;

	free(m->title_tag);
	free(m->og_title);
	free(m->ld_headline);
	for (i = 0; i < m->nh1; i++)
		free(m->h1[i]);
	for (i = 0; i < m->nh2; i++)
		free(m->h2[i]);
	free(m->site);
	free(m->byline);
	free(m->published);
	free(m->lang);
	free(m->description);
	free(m->ld_body);
	memset(m, 0, sizeof *m);
}

/* Folds text to lower-case letters and digits (other bytes of non-ASCII
 * letters kept) so headlines compare across punctuation and quotes. */
static size_t
fold(const char *s, char *out, size_t cap)
{
	size_t n = 0;
	unsigned char ch;

	for (; *s && n + 1 < cap; s++) {
		ch = (unsigned char)*s;
		if (ch >= 0x80) {
			/* Curly quotes and dashes are punctuation, like their ASCII kin. */
			if (ch == 0xE2 && (unsigned char)s[1] == 0x80) {
				s += s[2] ? 2 : 1;
				continue;
			}
			out[n++] = (char)ch;
		} else if (isalnum(ch)) {
			out[n++] = (char)tolower(ch);
		}
	}
	out[n] = '\0';
	return n;
}

bool
lede_meta_same_text(const char *a, const char *b)
{
	char fa[512], fb[512];
	size_t na, nb;

	if (a == NULL || b == NULL)
		return false;
	if (strlen(a) > 500 || strlen(b) > 500)
		return strcmp(a, b) == 0;
	na = fold(a, fa, sizeof fa);
	nb = fold(b, fb, sizeof fb);
	return na > 0 && na == nb && memcmp(fa, fb, na) == 0;
}

/* True when b is a part of a (after folding), and a substantial one. */
static bool
contains_text(const char *a, const char *b)
{
	char fa[512], fb[512];
	size_t na, nb;

	if (a == NULL || b == NULL || strlen(a) > 500 || strlen(b) > 500)
		return false;
	na = fold(a, fa, sizeof fa);
	nb = fold(b, fb, sizeof fb);
	return nb >= 8 && nb <= na && strstr(fa, fb) != NULL;
}

static const char *const seps[] = { " | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ",
    " :: ", " \xC2\xB7 ", " \xC2\xBB ", " / " };

/* The length of the separator starting at s, or 0. */
static size_t
sep_at(const char *s)
{
	size_t i, k;

	for (i = 0; i < sizeof seps / sizeof seps[0]; i++) {
		k = strlen(seps[i]);
		if (strncmp(s, seps[i], k) == 0)
			return k;
	}
	return 0;
}

size_t
lede_meta_title_prefix(const char *title_tag, const char *text)
{
	size_t i, n, best = 0;

	if (title_tag == NULL || text == NULL)
		return 0;
	n = strlen(title_tag);
	for (i = 1; i < n && i < 1000; i++) {
		if (title_tag[i] != ' ' || sep_at(title_tag + i) == 0)
			continue;
		if (strncmp(title_tag, text, i) == 0 && (text[i] == ' ' || text[i] == '\0'))
			best = i;
	}
	return best;
}

/* A leading part of the <title> that a heading repeats, or NULL. */
static char *
title_from_heading(const struct lede_meta *m)
{
	size_t i, k, n;
	char *p;

	if (m->title_tag == NULL)
		return NULL;
	n = strlen(m->title_tag);
	for (i = 1; i < n && i < 1000; i++) {
		if (m->title_tag[i] != ' ' || sep_at(m->title_tag + i) == 0)
			continue;
		if ((p = lede_strndup(m->title_tag, i)) == NULL)
			return NULL;
		for (k = 0; k < m->nh1 + m->nh2; k++)
			if (lede_meta_same_text(p, k < m->nh1 ? m->h1[k] : m->h2[k - m->nh1]))
				return p;
		free(p);
	}
	return NULL;
}

/* The last " | ", " - " ... separator in t[0, n), or NULL. */
static const char *
last_sep(const char *t, size_t n, size_t *seplen)
{
	const char *best = NULL, *p;
	size_t i, k;

	for (i = 0; i < sizeof seps / sizeof seps[0]; i++) {
		k = strlen(seps[i]);
		for (p = t; p + k <= t + n; p++) {
			if (memcmp(p, seps[i], k) == 0 && (best == NULL || p > best)) {
				best = p;
				*seplen = k;
			}
		}
	}
	return best;
}

/* "Headline - Section | Site Name" -> "Headline": ends that name the site
 * go, and so does a short end when no site is known. */
static char *
strip_title(const char *t, const char *site)
{
	size_t n = strlen(t), seplen = 0, words;
	const char *sep, *p;
	char *end;
	bool cut;

	if (n > 1000)
		return lede_strdup(t);
	while ((sep = last_sep(t, n, &seplen)) != NULL && sep - t > 10) {
		if ((end = lede_strndup(sep + seplen, n - (size_t)(sep - t) - seplen)) == NULL)
			return NULL;
		cut = false;
		if (site != NULL)
			cut = lede_meta_same_text(end, site) || contains_text(end, site) ||
			    contains_text(site, end);
		if (!cut && site == NULL) {
			for (words = 1, p = end; *p; p++)
				if (*p == ' ')
					words++;
			cut = words <= 3 && (size_t)(sep - t) > 2 * strlen(end);
		}
		free(end);
		if (!cut)
			break;
		n = (size_t)(sep - t);
	}
	return lede_strndup(t, n);
}

/* True when the <title> ends in " | NAME" (or any separator) and NAME is s. */
static bool
names_site(const char *title_tag, const char *s)
{
	size_t n, seplen = 0;
	const char *sep;

	if (title_tag == NULL || s == NULL || (n = strlen(title_tag)) > 1000)
		return false;
	sep = last_sep(title_tag, n, &seplen);
	return sep != NULL && lede_meta_same_text(sep + seplen, s);
}

static int
set_norm(char **field, const char *s)
{
	if (s == NULL || *s == '\0')
		return 0;
	return lede_doc_set(field, s);
}

int
lede_meta_apply(const struct lede_meta *m, struct lede_doc *doc, struct lede_err *err)
{
	const char *title = NULL;
	char *tt = NULL, *head = NULL;
	size_t i;
	int rc;

	if (m->title_tag != NULL && (tt = strip_title(m->title_tag, m->site)) == NULL)
		return lede_err_oom(err);
	/* The article's own <h1> is the headline when another source agrees;
	 * pages also use <h1> for the site's logo. */
	for (i = 0; i < m->nh1 && title == NULL; i++) {
		/* The site's own name set as a logo heading is not the headline. */
		if (lede_meta_same_text(m->h1[i], m->site) || names_site(m->title_tag, m->h1[i]))
			continue;
		if (lede_meta_same_text(m->h1[i], m->og_title) ||
		    lede_meta_same_text(m->h1[i], m->ld_headline) ||
		    lede_meta_same_text(m->h1[i], tt) ||
		    contains_text(m->og_title, m->h1[i]) || contains_text(m->ld_headline, m->h1[i]) ||
		    contains_text(m->title_tag, m->h1[i]))
			title = m->h1[i];
	}
	if (title == NULL && m->og_title != NULL)
		title = m->og_title;
	if (title == NULL && m->ld_headline != NULL)
		title = m->ld_headline;
	if (title == NULL && (head = title_from_heading(m)) != NULL)
		title = head;
	if (title == NULL && tt != NULL && *tt != '\0')
		title = tt;
	if (title == NULL && m->nh1 > 0)
		title = m->h1[0];
	if (title != NULL && m->og_title == title && tt != NULL && *tt != '\0' &&
	    contains_text(title, tt) && !lede_meta_same_text(title, tt)) {
		/* og:title often carries the site's suffix too. */
		title = tt;
	}
	rc = lede_doc_set(&doc->title, title != NULL ? title : "");
	rc |= set_norm(&doc->byline, m->byline != NULL && strncasecmp(m->byline, "by ", 3) == 0 ?
	    m->byline + 3 : m->byline);
	rc |= set_norm(&doc->site, m->site);
	rc |= set_norm(&doc->published, m->published);
	rc |= set_norm(&doc->lang, m->lang);
	free(tt);
	free(head);
	return rc != 0 ? lede_err_oom(err) : 0;
}
