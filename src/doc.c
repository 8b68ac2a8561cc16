#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lede/buf.h"
#include "lede/doc.h"

static const char *const kind_names[] = {
	[LEDE_PARA_TEXT] = "text",
	[LEDE_PARA_HEADING] = "heading",
	[LEDE_PARA_BLOCKQUOTE] = "blockquote",
	[LEDE_PARA_LIST_ITEM] = "list-item",
	[LEDE_PARA_PRE] = "preformatted",
};

const char *
lede_kind_name(enum lede_kind kind)
{
	if ((size_t)kind >= sizeof kind_names / sizeof kind_names[0])
		return "text";
	return kind_names[kind];
}

int
lede_kind_parse(const char *name, enum lede_kind *out)
{
	size_t i;

	for (i = 0; i < sizeof kind_names / sizeof kind_names[0]; i++) {
		if (strcmp(name, kind_names[i]) == 0) {
			*out = (enum lede_kind)i;
			return 0;
		}
	}
	return -1;
}

struct lede_doc *
lede_doc_new(void)
{
	return calloc(1, sizeof(struct lede_doc));
}

static void
free_strv(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void
free_entities(struct lede_entity *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].name);
		free_strv(v[i].aliases, v[i].naliases);
		free_strv(v[i].roles, v[i].nroles);
		free(v[i].mentions);
	}
	free(v);
}

void
lede_doc_clear_annotations(struct lede_doc *doc)
{
	size_t i;

	free_entities(doc->people, doc->npeople);
	free_entities(doc->places, doc->nplaces);
	for (i = 0; i < doc->nquotes; i++) {
		free(doc->quotes[i].text);
		free(doc->quotes[i].source);
	}
	free(doc->quotes);
	for (i = 0; i < doc->nfacts; i++) {
		free(doc->facts[i].kind);
		free(doc->facts[i].text);
	}
	free(doc->facts);
	for (i = 0; i < doc->nwarnings; i++) {
		free(doc->warnings[i].kind);
		free(doc->warnings[i].message);
	}
	free(doc->warnings);
	doc->people = doc->places = NULL;
	doc->quotes = NULL;
	doc->facts = NULL;
	doc->warnings = NULL;
	doc->npeople = doc->cappeople = doc->nplaces = doc->capplaces = 0;
	doc->nquotes = doc->capquotes = doc->nfacts = doc->capfacts = 0;
	doc->nwarnings = doc->capwarnings = 0;
}

static void
free_note(struct lede_note *n)
{
	free(n->exact);
	free(n->prefix);
	free(n->suffix);
	free(n->text);
	free(n->created);
}

void
lede_doc_free(struct lede_doc *doc)
{
	size_t i;

	if (doc == NULL)
		return;
	lede_doc_clear_annotations(doc);
	for (i = 0; i < doc->nparas; i++)
		free(doc->paras[i].text);
	free(doc->paras);
	for (i = 0; i < doc->nnotes; i++)
		free_note(&doc->notes[i]);
	free(doc->notes);
	free(doc->input);
	free(doc->url);
	free(doc->title);
	free(doc->byline);
	free(doc->site);
	free(doc->published);
	free(doc->lang);
	free(doc->saved);
	free(doc);
}

int
lede_doc_set(char **field, const char *s)
{
	char *p = NULL;

	if (s != NULL && (p = lede_strdup(s)) == NULL)
		return -1;
	free(*field);
	*field = p;
	return 0;
}

int
lede_doc_add_para(struct lede_doc *doc, enum lede_kind kind, const char *text, size_t len)
{
	char *p;

	if (!lede_grow(&doc->paras, &doc->capparas, doc->nparas + 1, sizeof *doc->paras))
		return -1;
	if ((p = lede_strndup(text, len)) == NULL)
		return -1;
	doc->paras[doc->nparas].kind = kind;
	doc->paras[doc->nparas].text = p;
	doc->paras[doc->nparas].len = len;
	doc->nparas++;
	return 0;
}

const char *
lede_doc_text(const struct lede_doc *doc, int para, size_t *len)
{
	const char *t;

	if (para == LEDE_TITLE) {
		t = doc->title ? doc->title : "";
		*len = strlen(t);
		return t;
	}
	if (para < 0 || (size_t)para >= doc->nparas) {
		*len = 0;
		return NULL;
	}
	*len = doc->paras[para].len;
	return doc->paras[para].text;
}

bool
lede_span_valid(const struct lede_doc *doc, struct lede_span s)
{
	size_t len;

	if (lede_doc_text(doc, s.para, &len) == NULL)
		return false;
	return s.start <= s.end && s.end <= len;
}

int
lede_span_cmp(const void *a, const void *b)
{
	const struct lede_span *x = a, *y = b;

	if (x->para != y->para)
		return x->para < y->para ? -1 : 1;
	return x->start < y->start ? -1 : x->start > y->start;
}

int
lede_doc_add_entity(struct lede_entity **vec, size_t *n, size_t *cap, const char *name)
{
	struct lede_entity *e;

	if (!lede_grow(vec, cap, *n + 1, sizeof **vec))
		return -1;
	e = &(*vec)[*n];
	memset(e, 0, sizeof *e);
	if ((e->name = lede_strdup(name)) == NULL)
		return -1;
	return (int)(*n)++;
}

static int
add_unique(char ***v, size_t *n, size_t *cap, const char *s)
{
	size_t i;
	char *p;

	for (i = 0; i < *n; i++)
		if (strcmp((*v)[i], s) == 0)
			return 0;
	if (!lede_grow(v, cap, *n + 1, sizeof **v))
		return -1;
	if ((p = lede_strdup(s)) == NULL)
		return -1;
	(*v)[(*n)++] = p;
	return 0;
}

int
lede_entity_add_alias(struct lede_entity *e, const char *alias)
{
	return add_unique(&e->aliases, &e->naliases, &e->capaliases, alias);
}

int
lede_entity_add_role(struct lede_entity *e, const char *role)
{
	return add_unique(&e->roles, &e->nroles, &e->caproles, role);
}

int
lede_entity_add_mention(struct lede_entity *e, struct lede_span s)
{
	if (!lede_grow(&e->mentions, &e->capmentions, e->nmentions + 1, sizeof *e->mentions))
		return -1;
	e->mentions[e->nmentions++] = s;
	return 0;
}

int
lede_doc_add_quote(struct lede_doc *doc, struct lede_span span, size_t text_start,
    size_t text_end, int speaker, const char *source)
{
	struct lede_quote *q;
	const char *t;
	size_t len;

	t = lede_doc_text(doc, span.para, &len);
	if (t == NULL || !lede_span_valid(doc, span) || text_start > text_end || text_end > len)
		return -1;
	if (!lede_grow(&doc->quotes, &doc->capquotes, doc->nquotes + 1, sizeof *doc->quotes))
		return -1;
	q = &doc->quotes[doc->nquotes];
	memset(q, 0, sizeof *q);
	q->span = span;
	q->speaker = speaker;
	if ((q->text = lede_strndup(t + text_start, text_end - text_start)) == NULL)
		return -1;
	if (source != NULL && (q->source = lede_strdup(source)) == NULL) {
		free(q->text);
		return -1;
	}
	return (int)doc->nquotes++;
}

int
lede_doc_add_fact(struct lede_doc *doc, const char *kind, struct lede_span span)
{
	struct lede_fact *f;
	const char *t;
	size_t len;

	t = lede_doc_text(doc, span.para, &len);
	if (t == NULL || !lede_span_valid(doc, span))
		return -1;
	if (!lede_grow(&doc->facts, &doc->capfacts, doc->nfacts + 1, sizeof *doc->facts))
		return -1;
	f = &doc->facts[doc->nfacts];
	f->span = span;
	f->kind = lede_strdup(kind);
	f->text = lede_strndup(t + span.start, span.end - span.start);
	if (f->kind == NULL || f->text == NULL) {
		free(f->kind);
		free(f->text);
		return -1;
	}
	return (int)doc->nfacts++;
}

int
lede_doc_add_warning(struct lede_doc *doc, const char *kind, int para, const char *fmt, ...)
{
	struct lede_buf b = LEDE_BUF_INIT;
	struct lede_warning *w;
	va_list ap;
	int n;

	if (!lede_grow(&doc->warnings, &doc->capwarnings, doc->nwarnings + 1, sizeof *doc->warnings))
		return -1;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !lede_buf_reserve(&b, (size_t)n))
		return -1;
	va_start(ap, fmt);
	vsnprintf(b.data, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b.len = (size_t)n;
	w = &doc->warnings[doc->nwarnings];
	w->para = para;
	w->message = lede_buf_detach(&b);
	w->kind = lede_strdup(kind);
	if (w->message == NULL || w->kind == NULL) {
		free(w->message);
		free(w->kind);
		return -1;
	}
	return (int)doc->nwarnings++;
}

int
lede_doc_add_note(struct lede_doc *doc, const struct lede_note *src)
{
	struct lede_note *n;

	if (!lede_grow(&doc->notes, &doc->capnotes, doc->nnotes + 1, sizeof *doc->notes))
		return -1;
	n = &doc->notes[doc->nnotes];
	memset(n, 0, sizeof *n);
	n->span = src->span;
	if ((src->exact && !(n->exact = lede_strdup(src->exact))) ||
	    (src->prefix && !(n->prefix = lede_strdup(src->prefix))) ||
	    (src->suffix && !(n->suffix = lede_strdup(src->suffix))) ||
	    (src->text && !(n->text = lede_strdup(src->text))) ||
	    (src->created && !(n->created = lede_strdup(src->created)))) {
		free_note(n);
		return -1;
	}
	return (int)doc->nnotes++;
}
