/* Helpers for the annotator tests: build a document from lines, annotate it
 * and look people and places up by name. */
#ifndef LEDE_TESTS_ANNOT_H
#define LEDE_TESTS_ANNOT_H

#include <stdlib.h>
#include <string.h>

#include "lede/annotate.h"
#include "lede/doc.h"

static struct lede_annotator *annot;

/* lines: the title, then one paragraph per string; NULL-terminated. */
static struct lede_doc * __attribute__((unused))
annotate_lines(const char *title, const char *const *lines)
{
	struct lede_doc *d = lede_doc_new();
	struct lede_err err;
	size_t i;

	if (d == NULL)
		return NULL;
	if (title != NULL)
		lede_doc_set(&d->title, title);
	for (i = 0; lines[i] != NULL; i++)
		lede_doc_add_para(d, LEDE_PARA_TEXT, lines[i], strlen(lines[i]));
	if (annot == NULL && lede_annotator_new(&annot, &err) != 0) {
		printf("# %s\n", err.msg);
		return d;
	}
	if (lede_annotate(annot, d, &err) != 0)
		printf("# %s\n", err.msg);
	return d;
}

static const struct lede_entity * __attribute__((unused))
find_ent(const struct lede_entity *v, size_t n, const char *name)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		if (strcmp(v[i].name, name) == 0)
			return &v[i];
		for (k = 0; k < v[i].naliases; k++)
			if (strcmp(v[i].aliases[k], name) == 0)
				return &v[i];
	}
	return NULL;
}

#define person(d, name) find_ent((d)->people, (d)->npeople, (name))
#define place(d, name) find_ent((d)->places, (d)->nplaces, (name))

static bool __attribute__((unused))
has_str(char **v, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return true;
	return false;
}

/* The text a mention covers. */
static const char * __attribute__((unused))
mention_text(const struct lede_doc *d, const struct lede_entity *e, size_t k)
{
	static char buf[256];
	size_t len, n;
	const char *t = lede_doc_text(d, e->mentions[k].para, &len);

	n = e->mentions[k].end - e->mentions[k].start;
	if (t == NULL || n >= sizeof buf)
		return "";
	memcpy(buf, t + e->mentions[k].start, n);
	buf[n] = '\0';
	return buf;
}

static void __attribute__((unused))
dump(const struct lede_doc *d)
{
	size_t i;

	for (i = 0; i < d->npeople; i++)
		printf("#   person: %s (%zu mentions)\n", d->people[i].name, d->people[i].nmentions);
	for (i = 0; i < d->nplaces; i++)
		printf("#   place: %s (%zu mentions)\n", d->places[i].name, d->places[i].nmentions);
}

#endif
