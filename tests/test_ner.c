/* The tagger and its data: gazetteer classes, tags from context, and clear
 * errors for missing or damaged data files. Texts written for these tests. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lede/gazetteer.h"
#include "lede/ner.h"
#include "lede/paths.h"
#include "lede/tok.h"
#include "tap.h"

static struct lede_gaz *gaz;
static struct lede_ner *model;

static uint32_t
classes(const char *phrase)
{
	struct lede_toks t = { 0 };
	struct lede_err err;
	uint64_t k = 0;
	size_t i;

	if (lede_tokenize(phrase, strlen(phrase), &t, &err) != 0)
		return 0;
	for (i = 0; i < t.n; i++) {
		uint64_t w = lede_gaz_word_key(phrase + t.v[i].start, t.v[i].end - t.v[i].start);
		k = i == 0 ? w : lede_gaz_extend(k, w);
	}
	lede_toks_free(&t);
	return lede_gaz_get(gaz, k);
}

/* The tags of text as "word/TAG" for the words that are not O. */
static const char *
tagged(const char *text)
{
	static const char *names[] = { "O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG",
		"B-MISC", "I-MISC" };
	static char out[2048];
	static uint8_t tags[512];
	struct lede_toks t = { 0 };
	struct lede_ner_ctx c = { 0 };
	struct lede_err err;
	size_t i, o = 0;

	out[0] = '\0';
	if (lede_tokenize(text, strlen(text), &t, &err) != 0 || t.n > 512 ||
	    lede_ner_prepare(&c, gaz, text, &t, &err) != 0)
		return "error";
	lede_ner_tag(model, &c, &t, tags);
	for (i = 0; i < t.n; i++) {
		if (tags[i] == LEDE_NER_O)
			continue;
		o += (size_t)snprintf(out + o, sizeof out - o, "%s%.*s/%s", o ? " " : "",
		    (int)(t.v[i].end - t.v[i].start), text + t.v[i].start, names[tags[i]]);
		if (o >= sizeof out)
			break;
	}
	lede_toks_free(&t);
	lede_ner_ctx_free(&c);
	return out;
}

/* Tags text with c (prepared afresh) into tags and margins. */
static int
tag_with(struct lede_ner_ctx *c, const char *text, struct lede_toks *t, uint8_t *tags,
    int32_t *margins, size_t max)
{
	struct lede_err err;

	if (lede_tokenize(text, strlen(text), t, &err) != 0 || t->n > max ||
	    lede_ner_prepare(c, gaz, text, t, &err) != 0)
		return -1;
	lede_ner_tag(model, c, t, tags);
	memcpy(margins, c->margin, t->n * sizeof *margins);
	return 0;
}

/* The tagger keeps per-word sums from paragraph to paragraph and starts
 * its tables again when they fill: a text must tag the same whatever came
 * before it. */
static void
same_after_others(void)
{
	static const char *text = "Officials said Marvek Tollandrin met Emily Warren in Geneva. "
	    "THE TALKS WENT WELL, SAID THE ENVOY. According to Reuters, Paris agreed.";
	static uint8_t t1[256], t2[256];
	static int32_t m1[256], m2[256];
	struct lede_ner_ctx fresh = { 0 }, used = { 0 };
	struct lede_toks t = { 0 };
	char *many;
	size_t i, o = 0, cap = 400000;
	int rc;

	/* thousands of made-up names, more than the tables hold */
	if ((many = malloc(cap)) == NULL)
		return;
	for (i = 0; i < 20000 && o + 64 < cap; i++) {
		unsigned x = (unsigned)i * 2654435761u;
		o += (size_t)snprintf(many + o, cap - o, "Mr %c%c%c%c%c met %c%c%c%cs in Vel%c%c. ",
		    'A' + (int)(x % 26), 'a' + (int)(x / 26 % 26), 'a' + (int)(x / 676 % 26),
		    'a' + (int)(i % 26), 'a' + (int)(i / 26 % 26), 'B' + (int)(i / 676 % 20),
		    'a' + (int)(x / 17576 % 26), 'a' + (int)(i % 26), 'a' + (int)(i / 26 % 26),
		    'a' + (int)(i % 26), 'a' + (int)(i / 26 % 26));
	}
	rc = tag_with(&fresh, text, &t, t1, m1, 256);
	if (rc == 0) {
		uint8_t *tags = malloc(cap);
		int32_t *margins = malloc(cap * sizeof *margins);
		if (tags == NULL || margins == NULL || tag_with(&used, many, &t, tags, margins, cap) != 0)
			rc = -1;
		free(tags);
		free(margins);
	}
	if (rc == 0)
		rc = tag_with(&used, text, &t, t2, m2, 256);
	ok(rc == 0 && memcmp(t1, t2, sizeof t1) == 0, "the same tags after 20000 other names");
	ok(rc == 0 && memcmp(m1, m2, t.n * sizeof *m1) == 0, "the same margins after them");
	lede_ner_ctx_free(&fresh);
	lede_ner_ctx_free(&used);
	lede_toks_free(&t);
	free(many);
}

/* A lean context (info not filled: the tagger reads the words through
 * their numbers) tags and scores like a filled one, paragraph after
 * paragraph, its word table starting again between them; and
 * lede_ner_features gives the same features from it. */
static void
lean_same_as_filled(void)
{
	static const char *paras[] = {
		"Officials said Marvek Tollandrin met Emily Warren in Geneva on 12 May 2024.",
		"THE TALKS WENT WELL, SAID THE ENVOY. According to Reuters, Paris agreed.",
		"Bosnia and Herzegovina, the United Kingdom and New York City's mayor, Mr. O'Neil, "
		"spoke with Dr. Ana Lo\xcc\x81pez of the U.S. State Department \xe2\x80\x94 twice.",
	};
	struct lede_ner_ctx fill = { 0 }, lean = { 0 };
	struct lede_toks t = { 0 };
	uint8_t *t1, *t2;
	int32_t *m1, *m2;
	uint64_t f1[LEDE_NER_MAXFEAT], f2[LEDE_NER_MAXFEAT];
	char *many;
	size_t i, k, o = 0, cap = 300000, n1, n2;
	bool same = true, feats = true;
	int rc = 0;

	lean.lean = true;
	t1 = malloc(cap);
	t2 = malloc(cap);
	m1 = malloc(cap * sizeof *m1);
	m2 = malloc(cap * sizeof *m2);
	many = malloc(cap);
	if (t1 == NULL || t2 == NULL || m1 == NULL || m2 == NULL || many == NULL)
		goto done;
	/* more made-up words than the word table holds, in paragraphs of a
	 * few hundred tokens */
	for (k = 0; k < 60 && rc == 0; k++) {
		for (o = 0, i = 0; i < 40; i++) {
			unsigned x = (unsigned)(k * 40 + i) * 2654435761u;
			o += (size_t)snprintf(many + o, cap - o, "Mr %c%c%c%c met %c%c%c in Vel%c%c. ",
			    'A' + (int)(x % 26), 'a' + (int)(x / 26 % 26), 'a' + (int)(x / 676 % 26),
			    'a' + (int)(i % 26), 'B' + (int)(x / 17576 % 20), 'a' + (int)(k % 26),
			    'a' + (int)(i / 26 % 26), 'a' + (int)(k % 26), 'a' + (int)(i % 26));
		}
		rc = tag_with(&fill, many, &t, t1, m1, cap) | tag_with(&lean, many, &t, t2, m2, cap);
		if (rc == 0 && (memcmp(t1, t2, t.n) != 0 || memcmp(m1, m2, t.n * sizeof *m1) != 0))
			same = false;
		for (i = 0; i < sizeof paras / sizeof *paras && rc == 0; i++) {
			rc = tag_with(&fill, paras[i], &t, t1, m1, cap) |
			    tag_with(&lean, paras[i], &t, t2, m2, cap);
			if (rc == 0 && (memcmp(t1, t2, t.n) != 0 || memcmp(m1, m2, t.n * sizeof *m1) != 0))
				same = false;
			for (o = 0; o < t.n && rc == 0; o++) {
				/* the filled info blanks the words far from names,
				 * which are never scored */
				if (!lede_ner_gate(&fill, &t, o, LEDE_NER_B_PER))
					continue;
				n1 = lede_ner_features(&fill, &t, o, LEDE_NER_B_PER, LEDE_NER_O, f1);
				n2 = lede_ner_features(&lean, &t, o, LEDE_NER_B_PER, LEDE_NER_O, f2);
				if (n1 != n2 || memcmp(f1, f2, n1 * sizeof *f1) != 0)
					feats = false;
			}
		}
	}
	ok(rc == 0 && same, "a lean context tags and scores as a filled one");
	ok(rc == 0 && feats && !lean.info_filled && fill.info_filled,
	    "and gives the same features (of tokens near names)");
done:
	free(t1);
	free(t2);
	free(m1);
	free(m2);
	free(many);
	lede_ner_ctx_free(&fill);
	lede_ner_ctx_free(&lean);
	lede_toks_free(&t);
}

static void
write_file(const char *path, const void *p, size_t n)
{
	FILE *f = fopen(path, "wb");

	if (f != NULL) {
		fwrite(p, 1, n, f);
		fclose(f);
	}
}

static unsigned char *
read_file(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	unsigned char *p;
	long len;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	p = malloc((size_t)len);
	if (p != NULL && fread(p, 1, (size_t)len, f) != (size_t)len) {
		free(p);
		p = NULL;
	}
	fclose(f);
	*n = (size_t)len;
	return p;
}

int
main(void)
{
	struct lede_err err;
	char *gpath, *mpath, tmp[64];
	struct timespec a, b;
	struct lede_ner *m2;
	struct lede_gaz *g2;
	unsigned char *data;
	size_t n;
	double ms;
	int fd;

	gpath = lede_data_path("data/gazetteers.bin", &err);
	mpath = lede_data_path("data/ner.model", &err);
	clock_gettime(CLOCK_MONOTONIC, &a);
	ok(lede_gaz_load(&gaz, gpath, &err) == 0, "the gazetteers load");
	ok(lede_ner_load(&model, mpath, &err) == 0, "the model loads");
	clock_gettime(CLOCK_MONOTONIC, &b);
	if (gaz == NULL || model == NULL) {
		printf("# %s\n", err.msg);
		return tap_done();
	}
	ms = (double)(b.tv_sec - a.tv_sec) * 1e3 + (double)(b.tv_nsec - a.tv_nsec) / 1e6;
	printf("# loading took %.1f ms\n", ms);
	ok(ms < 1000, "loading takes well under a second");

	ok(classes("Paris") & LEDE_GAZ_CITY, "Paris is a city");
	ok(classes("France") & LEDE_GAZ_COUNTRY, "France is a country");
	ok(classes("United Kingdom") & LEDE_GAZ_COUNTRY, "United Kingdom, a phrase, is a country");
	ok(classes("FRANCE") & LEDE_GAZ_COUNTRY, "lookups ignore case");
	ok(classes("French") & LEDE_GAZ_DEMONYM, "French is a nationality word");
	ok(classes("president") & LEDE_GAZ_TITLE, "president is a role word");
	ok(classes("Emily") & LEDE_GAZ_FIRST, "Emily is a given name");
	ok(classes("according") & LEDE_GAZ_COMMON, "according is a common small word");
	ok(classes("Zqxvb") == 0, "a made-up word is in no list");

	is_str(tagged("Officials said Marvek Tollandrin, a local engineer, would lead the inquiry."),
	    "Marvek/B-PER Tollandrin/I-PER", "an unknown name is tagged from context");
	is_str(tagged("According to the report, prices rose."), "", "According opening a sentence is no name");
	is_str(tagged("Despite the rain, the parade went ahead in Vienna."), "Vienna/B-LOC",
	    "Despite opening a sentence is no name; Vienna is a place");
	is_str(tagged("The talks in Geneva ended on Friday."), "Geneva/B-LOC", "a city after in");
	is_str(tagged("PARIS, the capital, was quiet."), "PARIS/B-LOC", "a city in capitals");
	same_after_others();
	lean_same_as_filled();

	/* damaged and missing data files give clear errors */
	snprintf(tmp, sizeof tmp, "/tmp/lede-test-ner.XXXXXX");
	fd = mkstemp(tmp);
	ok(fd >= 0, "a temporary file");
	if (fd >= 0)
		close(fd);
	data = read_file(mpath, &n);
	ok(data != NULL && n > 64, "the model file reads");
	if (data != NULL) {
		write_file(tmp, data, n / 2);
		ok(lede_ner_load(&m2, tmp, &err) != 0 && strstr(err.msg, "damaged"), "a truncated model is refused");
		data[n - 1] ^= 0x55;
		write_file(tmp, data, n);
		ok(lede_ner_load(&m2, tmp, &err) != 0 && strstr(err.msg, "checksum"), "a corrupted model is refused");
		write_file(tmp, "hello", 5);
		ok(lede_ner_load(&m2, tmp, &err) != 0 && strstr(err.msg, "not a lede"), "a foreign file is refused");
		free(data);
	}
	data = read_file(gpath, &n);
	if (data != NULL) {
		write_file(tmp, data, n - 6);
		ok(lede_gaz_load(&g2, tmp, &err) != 0 && strstr(err.msg, "damaged"), "a truncated gazetteer is refused");
		write_file(tmp, "LEDEGAZ1", 8);
		ok(lede_gaz_load(&g2, tmp, &err) != 0, "a header-only gazetteer is refused");
		free(data);
	}
	unlink(tmp);
	ok(lede_ner_load(&m2, "/nonexistent/ner.model", &err) != 0 && strstr(err.msg, "/nonexistent/ner.model"),
	    "a missing model names its path");
	printf("# %s\n", err.msg);

	lede_ner_free(model);
	lede_gaz_free(gaz);
	free(gpath);
	free(mpath);
	return tap_done();
}
