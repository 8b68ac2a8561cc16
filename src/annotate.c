#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "lede/annotate.h"
#include "lede/buf.h"
#include "lede/entity.h"
#include "lede/fact.h"
#include "lede/gazetteer.h"
#include "lede/ner.h"
#include "lede/paths.h"
#include "lede/quote.h"
#include "lede/tok.h"
#include "lede/warn.h"

struct lede_annotator {
	struct lede_ner *ner;
	struct lede_gaz *gaz;
	struct lede_genders *genders;
	struct lede_nations *nations;
};

int
lede_annotator_new(struct lede_annotator **out, struct lede_err *err)
{
	struct lede_annotator *a;
	char *path;
	int rc;

	*out = NULL;
	if ((a = calloc(1, sizeof *a)) == NULL)
		return lede_err_oom(err);
	if ((path = lede_data_path("data/gazetteers.bin", err)) == NULL) {
		free(a);
		return -1;
	}
	rc = lede_gaz_load(&a->gaz, path, err);
	free(path);
	if (rc == 0) {
		if ((path = lede_data_path("data/ner.model", err)) == NULL)
			rc = -1;
		else
			rc = lede_ner_load(&a->ner, path, err);
		free(path);
	}
	/* everything a document needs is read here, so that annotating one
	 * opens no files (and can run inside the sandbox) */
	if (rc == 0)
		rc = lede_genders_load(&a->genders, err);
	if (rc == 0)
		rc = lede_nations_load(&a->nations, err);
	if (rc != 0) {
		lede_annotator_free(a);
		return -1;
	}
	*out = a;
	return 0;
}

void
lede_annotator_free(struct lede_annotator *a)
{
	if (a == NULL)
		return;
	lede_ner_free(a->ner);
	lede_gaz_free(a->gaz);
	lede_genders_free(a->genders);
	lede_nations_free(a->nations);
	free(a);
}

#define WINDOW 65536      /* tokens tagged at once */

/* Scratch reused paragraph after paragraph; grows to the longest one. */
struct run {
	struct lede_toks toks;
	struct lede_ner_ctx ctx;
	uint8_t *tags;               /* the paragraph's tags */
	size_t captags;
};

static int
tag_para(const struct lede_annotator *a, struct run *r, struct lede_ents *ents, int para,
    const char *text, size_t len, struct lede_err *err)
{
	size_t w = 0, end;

	if (lede_tokenize(text, len, &r->toks, err) != 0)
		return -1;
	if (!lede_grow(&r->tags, &r->captags, r->toks.n + 1, 1))
		return lede_err_oom(err);
	/* A paragraph of millions of tokens is tagged a window at a time, cut
	 * at a sentence start where there is one, so the per-token scratch
	 * stays small whatever the page. Tokens keep their offsets into the
	 * whole paragraph, so a window is just a slice. */
	while (w < r->toks.n) {
		struct lede_toks win;
		end = w + WINDOW < r->toks.n ? w + WINDOW : r->toks.n;
		while (end < r->toks.n && end < w + 2 * WINDOW && !(r->toks.v[end].flags & LEDE_TOK_SENT))
			end++;
		win.v = r->toks.v + w;
		win.n = win.cap = end - w;
		if (lede_ner_prepare(&r->ctx, a->gaz, text, &win, err) != 0)
			return -1;
		lede_ner_tag(a->ner, &r->ctx, &win, r->tags + w);
		/* the tagger's keys are the gazetteer keys of the words, so the
		 * entity rules need not hash names' words again */
		if (lede_ents_collect_keyed(ents, para, text, &win, r->ctx.keys, r->ctx.gw,
		    r->ctx.gp, r->ctx.margin, r->tags + w, err) != 0)
			return -1;
		w = end;
	}
	return 0;
}

static int
find_entities(const struct lede_annotator *a, struct lede_doc *doc, struct lede_err *err)
{
	struct run r;
	struct lede_ents *ents = NULL;
	size_t i;
	int rc = -1;

	memset(&r, 0, sizeof r);
	/* only the tagger and lede_ents_collect_keyed (keys, gw, gp, margin) read ctx */
	r.ctx.lean = true;
	if (lede_ents_new(&ents, err) != 0)
		return -1;
	if (doc->title != NULL &&
	    tag_para(a, &r, ents, LEDE_TITLE, doc->title, strlen(doc->title), err) != 0)
		goto done;
	for (i = 0; i < doc->nparas; i++)
		if (tag_para(a, &r, ents, (int)i, doc->paras[i].text, doc->paras[i].len, err) != 0)
			goto done;
	rc = lede_ents_finish(ents, doc, err);
done:
	lede_ents_free(ents);
	lede_toks_free(&r.toks);
	lede_ner_ctx_free(&r.ctx);
	free(r.tags);
	return rc;
}

int
lede_annotate(const struct lede_annotator *a, struct lede_doc *doc, struct lede_err *err)
{
	lede_doc_clear_annotations(doc);
	if (find_entities(a, doc, err) != 0 ||
	    lede_quotes_find(doc, err) != 0 ||
	    lede_quotes_attribute_with(doc, a->genders, err) != 0 ||
	    lede_facts_find(doc, err) != 0 ||
	    lede_warnings_find_with(doc, a->nations, err) != 0) {
		lede_doc_clear_annotations(doc);
		return -1;
	}
	return 0;
}
