/* Trains lede's people/places tagger (an averaged perceptron) from BIO files
 * and compiles the gazetteer list. Not run by make: see data/SOURCES.md for
 * the exact commands that made data/ner.model and data/gazetteers.bin.
 *
 *   train-ner --gazetteers LIST.txt OUT.bin
 *   train-ner [-e EPOCHS] [-b BITS] [-c CAPS_EVERY] [-r RUNS] [-d DROP_MAX] -g gazetteers.bin -o ner.model
 *             FILE.bio[:REPEAT]...
 *   train-ner -g gazetteers.bin -m ner.model --eval FILE.bio   (scores a BIO file)
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lede/buf.h"
#include "lede/gazetteer.h"
#include "lede/ner.h"
#include "lede/tok.h"

struct sent {
	size_t text, ntok, tok;      /* offsets into the corpus arrays */
};

struct corpus {
	struct lede_buf text;
	struct lede_tok *toks;
	uint8_t *gold;
	size_t ntoks, captoks, capgold;
	struct sent *s;
	size_t ns, caps;
};

static int
tag_parse(const char *t)
{
	static const char *names[] = { "O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG",
		"B-MISC", "I-MISC" };
	int i;

	for (i = 0; i < LEDE_NER_NTAGS; i++)
		if (strcmp(t, names[i]) == 0)
			return i;
	return 0;
}

static void
fail(const char *msg)
{
	fprintf(stderr, "train-ner: %s\n", msg);
	exit(1);
}

static void
add_tok(struct corpus *c, size_t s0, const char *w, size_t n, int tag, bool upper)
{
	size_t at, i;

	if (!lede_grow(&c->toks, &c->captoks, c->ntoks + 1, sizeof *c->toks) ||
	    !lede_grow(&c->gold, &c->capgold, c->ntoks + 1, 1))
		fail("out of memory");
	if (c->text.len > s0)
		lede_buf_addc(&c->text, ' ');
	at = c->text.len - s0;
	for (i = 0; i < n; i++) {
		char ch = w[i];
		if (upper && ch >= 'a' && ch <= 'z')
			ch = (char)(ch - 32);
		lede_buf_addc(&c->text, ch);
	}
	c->toks[c->ntoks].start = (uint32_t)at;
	c->toks[c->ntoks].end = (uint32_t)(at + n);
	c->toks[c->ntoks].flags = lede_tok_classify(c->text.data + s0 + at, n);
	c->gold[c->ntoks] = (uint8_t)tag;
	c->ntoks++;
}

/* One sentence of (word, tag) pairs from a BIO file; upper makes a copy set
 * in capitals, like the headlines of wire copy. */
static void
add_sent(struct corpus *c, char **w, int *tags, size_t n, bool upper)
{
	size_t s0 = c->text.len, i, t0 = c->ntoks;

	if (n == 0)
		return;
	for (i = 0; i < n; i++)
		add_tok(c, s0, w[i], strlen(w[i]), tags[i], upper);
	lede_buf_addc(&c->text, '\0');
	c->toks[t0].flags |= LEDE_TOK_SENT;
	if (!lede_grow(&c->s, &c->caps, c->ns + 1, sizeof *c->s))
		fail("out of memory");
	c->s[c->ns].text = s0;
	c->s[c->ns].tok = t0;
	c->s[c->ns].ntok = n;
	c->ns++;
}

static void
load(struct corpus *c, const char *path, int repeat, int caps_every)
{
	FILE *f = fopen(path, "r");
	char line[4096];
	char *w[512];
	int tags[512], r;
	size_t n = 0, count = 0, i;

	if (f == NULL)
		fail("cannot open a training file");
	for (;;) {
		char *ok = fgets(line, sizeof line, f), *tab;
		if (ok == NULL || line[0] == '\n' || strncmp(line, "-DOCSTART-", 10) == 0) {
			if (n > 0) {
				for (r = 0; r < repeat; r++)
					add_sent(c, w, tags, n, false);
				if (caps_every > 0 && ++count % (size_t)caps_every == 0)
					add_sent(c, w, tags, n, true);
			}
			for (i = 0; i < n; i++)
				free(w[i]);
			n = 0;
			if (ok == NULL)
				break;
			continue;
		}
		line[strcspn(line, "\r\n")] = '\0';
		if ((tab = strrchr(line, '\t')) == NULL || n == 512)
			continue;
		*tab = '\0';
		if ((w[n] = strdup(line)) == NULL)
			fail("out of memory");
		tags[n++] = tag_parse(tab + 1);
	}
	fclose(f);
}

/* Counts of each word's hash over the corpus, for word dropout: rare words
 * lose their identity features half the time in training, so the model
 * learns the shapes, affixes and contexts unseen names will have. */
struct counts {
	uint64_t *k;
	uint32_t *n;
	size_t cap;
};

static uint32_t *
count_slot(struct counts *w, uint64_t key)
{
	size_t i = (size_t)(key ^ (key >> 29)) & (w->cap - 1);

	key |= 1;
	while (w->k[i] != 0 && w->k[i] != key)
		i = (i + 1) & (w->cap - 1);
	w->k[i] = key;
	return &w->n[i];
}

#define UNK_WORD 0x5eed5eed5eedull

static struct lede_toks
sent_toks(struct corpus *c, size_t k)
{
	struct lede_toks t = { c->toks + c->s[k].tok, c->s[k].ntok, c->s[k].ntok };
	return t;
}

static int drop_max;    /* words seen at most this often may be dropped; 0: none */

static void
train(struct corpus *c, const struct lede_gaz *g, int epochs, int bits, float *avg, int runs,
    unsigned long long seed)
{
	struct counts wc = { NULL, NULL, 1u << 21 };
	uint32_t nb = 1u << bits, mask = nb - 1;
	size_t nw = (size_t)nb * LEDE_NER_NTAGS, k, i, j, nf, *order;
	float *w = calloc(nw, sizeof *w);
	double *u = calloc(nw, sizeof *u);
	uint64_t feats[LEDE_NER_MAXFEAT];
	struct lede_ner_ctx ctx = { 0 };
	struct lede_err err;
	double step = 1;
	int e, tag;

	order = malloc(c->ns * sizeof *order);
	if (w == NULL || u == NULL || order == NULL)
		fail("out of memory");
	for (k = 0; k < c->ns; k++)
		order[k] = k;
	wc.k = calloc(wc.cap, sizeof *wc.k);
	wc.n = calloc(wc.cap, sizeof *wc.n);
	if (wc.k == NULL || wc.n == NULL)
		fail("out of memory");
	if (drop_max > 0) {
		for (k = 0; k < c->ns; k++) {
			struct lede_toks t = sent_toks(c, k);
			if (lede_ner_prepare(&ctx, g, c->text.data + c->s[k].text, &t, &err) != 0)
				fail(err.msg);
			for (i = 0; i < t.n; i++)
				(*count_slot(&wc, ctx.info[i].word))++;
		}
	}
	for (e = 0; e < epochs; e++) {
		size_t errors = 0, seen = 0;
		for (k = c->ns; k > 1; k--) {     /* a reproducible shuffle */
			seed = seed * 6364136223846793005ull + 1442695040888963407ull;
			j = (size_t)(seed >> 33) % k;
			size_t tmp = order[k - 1]; order[k - 1] = order[j]; order[j] = tmp;
		}
		for (k = 0; k < c->ns; k++) {
			size_t sk = order[k];
			struct lede_toks t = sent_toks(c, sk);
			const char *text = c->text.data + c->s[sk].text;
			const uint8_t *gold = c->gold + c->s[sk].tok;
			int prev = 0, prev2 = 0;

			if (lede_ner_prepare(&ctx, g, text, &t, &err) != 0)
				fail(err.msg);
			if (drop_max > 0)
				for (i = 0; i < t.n; i++) {
					seed = seed * 6364136223846793005ull + 1442695040888963407ull;
					if ((seed >> 63) && *count_slot(&wc, ctx.info[i].word) <= (uint32_t)drop_max)
						ctx.info[i].word = UNK_WORD;
				}
			for (i = 0; i < t.n; i++) {
				float score[LEDE_NER_NTAGS] = { 0 };
				int best = 0;
				if (!lede_ner_gate(&ctx, &t, i, prev)) {
					prev2 = prev;
					prev = 0;
					continue;
				}
				nf = lede_ner_features(&ctx, &t, i, prev, prev2, feats);
				for (j = 0; j < nf; j++) {
					const float *row = w + (size_t)(feats[j] & mask) * LEDE_NER_NTAGS;
					for (tag = 0; tag < LEDE_NER_NTAGS; tag++)
						score[tag] += row[tag];
				}
				for (tag = 1; tag < LEDE_NER_NTAGS; tag++)
					if (lede_ner_allowed(prev, tag) && score[tag] > score[best])
						best = tag;
				seen++;
				if (best != gold[i]) {
					errors++;
					for (j = 0; j < nf; j++) {
						size_t row = (size_t)(feats[j] & mask) * LEDE_NER_NTAGS;
						w[row + gold[i]] += 1;
						u[row + gold[i]] += step;
						w[row + best] -= 1;
						u[row + best] -= step;
					}
				}
				step++;
				prev2 = prev;
				prev = best;
			}
		}
		fprintf(stderr, "epoch %d: %zu errors in %zu scored tokens (%.2f%%)\n", e + 1, errors,
		    seen, 100.0 * (double)errors / (double)(seen ? seen : 1));
	}
	for (i = 0; i < nw; i++)
		avg[i] += (float)(w[i] - u[i] / step) / (float)runs;
	lede_ner_ctx_free(&ctx);
	free(wc.k);
	free(wc.n);
	free(w);
	free(u);
	free(order);
}

/* Exact-span precision and recall per type, for choosing features on a
 * development split (never for training). */
static void
evaluate(struct corpus *c, const struct lede_gaz *g, const struct lede_ner *m)
{
	static const char *names[] = { "PER", "LOC", "ORG", "MISC" };
	size_t tp[4] = { 0 }, np[4] = { 0 }, ng[4] = { 0 }, k, i, j;
	struct lede_ner_ctx ctx = { 0 };
	struct lede_err err;
	uint8_t *pred = malloc(4096);
	int ty;

	for (k = 0; k < c->ns; k++) {
		struct lede_toks t = sent_toks(c, k);
		const uint8_t *gold = c->gold + c->s[k].tok;
		if (t.n > 4096 || lede_ner_prepare(&ctx, g, c->text.data + c->s[k].text, &t, &err) != 0)
			continue;
		lede_ner_tag(m, &ctx, &t, pred);
		for (i = 0; i < t.n; i++) {
			if (gold[i] & 1) {
				ty = (gold[i] - 1) / 2;
				ng[ty]++;
				for (j = i + 1; j < t.n && gold[j] == gold[i] + 1; j++)
					;
				if (pred[i] == gold[i] && (j == t.n || pred[j] != gold[i] + 1)) {
					size_t q;
					for (q = i + 1; q < j && pred[q] == gold[q]; q++)
						;
					if (q == j)
						tp[ty]++;
				}
			}
			if (pred[i] & 1)
				np[(pred[i] - 1) / 2]++;
		}
	}
	for (ty = 0; ty < 4; ty++) {
		double p = np[ty] ? (double)tp[ty] / (double)np[ty] : 0;
		double r = ng[ty] ? (double)tp[ty] / (double)ng[ty] : 0;
		printf("%-4s P %.3f R %.3f F1 %.3f (gold %zu)\n", names[ty], p, r,
		    p + r > 0 ? 2 * p * r / (p + r) : 0, ng[ty]);
	}
	free(pred);
	lede_ner_ctx_free(&ctx);
}

int
main(int argc, char **argv)
{
	struct corpus c = { LEDE_BUF_INIT, NULL, NULL, 0, 0, 0, NULL, 0, 0 };
	struct lede_gaz *g = NULL;
	struct lede_ner *m = NULL;
	struct lede_err err;
	const char *out = NULL, *gaz = NULL, *model = NULL, *eval = NULL;
	int epochs = 6, bits = 18, caps_every = 12, runs = 1, i;

	if (argc == 4 && strcmp(argv[1], "--gazetteers") == 0) {
		if (lede_gaz_compile(argv[2], argv[3], &err) != 0)
			fail(err.msg);
		return 0;
	}
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-e") == 0 && i + 1 < argc)
			epochs = atoi(argv[++i]);
		else if (strcmp(argv[i], "-b") == 0 && i + 1 < argc)
			bits = atoi(argv[++i]);
		else if (strcmp(argv[i], "-d") == 0 && i + 1 < argc)
			drop_max = atoi(argv[++i]);
		else if (strcmp(argv[i], "-r") == 0 && i + 1 < argc)
			runs = atoi(argv[++i]);
		else if (strcmp(argv[i], "-c") == 0 && i + 1 < argc)
			caps_every = atoi(argv[++i]);
		else if (strcmp(argv[i], "-g") == 0 && i + 1 < argc)
			gaz = argv[++i];
		else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
			out = argv[++i];
		else if (strcmp(argv[i], "-m") == 0 && i + 1 < argc)
			model = argv[++i];
		else if (strcmp(argv[i], "--eval") == 0 && i + 1 < argc)
			eval = argv[++i];
		else if (argv[i][0] == '-')
			fail("usage: see the comment at the top of tools/train-ner.c");
		else {
			char *colon = strrchr(argv[i], ':');
			int repeat = 1;
			if (colon != NULL) {
				*colon = '\0';
				repeat = atoi(colon + 1);
			}
			load(&c, argv[i], repeat, caps_every);
		}
	}
	if (gaz == NULL || bits < 10 || bits > 24 || runs < 1 || epochs < 1)
		fail("usage: see the comment at the top of tools/train-ner.c");
	if (lede_gaz_load(&g, gaz, &err) != 0)
		fail(err.msg);
	if (eval != NULL) {
		if (model == NULL || lede_ner_load(&m, model, &err) != 0)
			fail(model ? err.msg : "--eval needs -m MODEL");
		load(&c, eval, 1, 0);
		evaluate(&c, g, m);
	} else {
		if (out == NULL)
			fail("no output (-o)");
		float *avg = calloc((size_t)LEDE_NER_NTAGS << bits, sizeof *avg);
		int r;
		if (avg == NULL)
			fail("out of memory");
		fprintf(stderr, "%zu sentences, %zu tokens\n", c.ns, c.ntoks);
		/* several runs over different orders, averaged: steadier weights */
		for (r = 0; r < runs; r++)
			train(&c, g, epochs, bits, avg, runs, 42 + (unsigned long long)r * 7919);
		if (lede_ner_save(out, avg, 1u << bits, &err) != 0)
			fail(err.msg);
		free(avg);
	}
	lede_ner_free(m);
	lede_gaz_free(g);
	return 0;
}
