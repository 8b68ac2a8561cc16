/* The sandbox: the same documents as in-process loading, and every way a
 * child can go wrong (a blocked call, a crash, a runaway, garbage, too much
 * output, a hostile reason) ends as one clear line in the parent. The
 * misbehaving children are defined here, in the test, never in lede. */
#include "config.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lede/annotate.h"
#include "lede/buf.h"
#include "lede/doc.h"
#include "lede/docwire.h"
#include "lede/json.h"
#include "lede/sandbox.h"
#include "tap.h"

#if defined(__SANITIZE_ADDRESS__)
#define ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ASAN 1
#endif
#endif
#ifndef ASAN
#define ASAN 0
#endif

static char *
slurp(const char *rel, size_t *len)
{
	struct lede_buf b = LEDE_BUF_INIT;
	char path[4096], chunk[8192];
	size_t n;
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", LEDE_ABS_SRCDIR, rel);
	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		lede_buf_add(&b, chunk, n);
	fclose(f);
	lede_buf_addc(&b, '\0');
	*len = b.len - 1;
	return lede_buf_detach(&b);
}

static char *
to_json(const struct lede_doc *d)
{
	struct lede_buf b = LEDE_BUF_INIT;

	if (lede_json_write_doc(&b, d) != 0) {
		lede_buf_free(&b);
		return NULL;
	}
	return lede_buf_detach(&b);
}

/* lede's load: cleaned in the child, annotated here, as main.c does. */
static void
same_page(const struct lede_annotator *a, const char *rel)
{
	struct lede_input in = { 0 };
	struct lede_doc *want = NULL, *got = NULL;
	struct lede_err err;
	char *jw, *jg;
	int rc;

	in.data = slurp(rel, &in.len);
	if (in.data == NULL) {
		ok(0, "%s: readable", rel);
		return;
	}
	ok(lede_load_doc(&in, a, &want, &err) == 0, "%s: loads in-process", rel);
	rc = lede_sandboxed_load(&in, NULL, &got, &err);
	ok(rc == 0, "%s: loads in the sandbox%s%s", rel, rc ? ": " : "", rc ? err.msg : "");
	if (rc == 0 && got->npeople + got->nplaces + got->nquotes == 0)
		ok(lede_annotate(a, got, &err) == 0, "%s: annotates after the sandbox", rel);
	if (want != NULL && got != NULL) {
		jw = to_json(want);
		jg = to_json(got);
		ok(jw != NULL && jg != NULL && strcmp(jw, jg) == 0,
		    "%s: the sandboxed document equals the in-process one", rel);
		ok(got->nparas > 0 && (strstr(rel, "harbour") == NULL || got->npeople > 0),
		    "%s: has text%s", rel, strstr(rel, "harbour") ? " and people" : "");
		free(jw);
		free(jg);
	}
	lede_doc_free(want);
	lede_doc_free(got);
	free(in.data);
}

static int
tries_open(void *ctx, struct lede_buf *reply, struct lede_err *err)
{
	int fd = open((const char *)ctx, O_RDONLY);

	/* Reached only when nothing stopped the call. */
	return lede_errf(err, "open returned %d", fd);
}

static int
crashes(void *ctx, struct lede_buf *reply, struct lede_err *err)
{
	/* The kernel's default action, not the sanitizer's handler (the
	 * allowlist has no sigaction, the sanitizer build's denylist has). */
	if (ASAN)
		signal(SIGSEGV, SIG_DFL);
	raise(SIGSEGV);
	return lede_errf(err, "still alive");
}

static int
spins(void *ctx, struct lede_buf *reply, struct lede_err *err)
{
	volatile unsigned long n = 0;

	for (;;)
		n++;
	return 0;
}

static int
garbage(void *ctx, struct lede_buf *reply, struct lede_err *err)
{
	lede_buf_adds(reply, (const char *)ctx);
	return 0;
}

/* A document of one paragraph, "x", and one person mentioned at the given
 * span (the parent must check it), in the wire form. */
static int
sends_doc(void *ctx, struct lede_buf *reply, struct lede_err *err)
{
	const struct lede_span *at = ctx;
	struct lede_doc *d = lede_doc_new();
	int p;

	if (d == NULL || lede_doc_set(&d->title, "T") != 0 || lede_doc_add_para(d, LEDE_PARA_TEXT, "x", 1) != 0 ||
	    (p = lede_doc_add_person(d, "A")) < 0 || lede_entity_add_mention(&d->people[p], *at) != 0)
		return lede_err_oom(err);
	return lede_docwire_write(reply, d, err);
}

/* A library that complains on stderr costs nothing: the write fails. */
static int
chatty(void *ctx, struct lede_buf *reply, struct lede_err *err)
{
	if (write(2, "warning\n", 8) != -1)
		return lede_errf(err, "stderr was writable");
	return sends_doc(ctx, reply, err);
}

static int
floods(void *ctx, struct lede_buf *reply, struct lede_err *err)
{
	size_t i, n = *(const size_t *)ctx;

	lede_buf_adds(reply, "LDW1");
	for (i = 0; i < n; i++)
		lede_buf_addc(reply, 'a');
	return 0;
}

static int
hostile_reason(void *ctx, struct lede_buf *reply, struct lede_err *err)
{
	return lede_errf(err, "bad \x1b[31mred\x1b[0m\nsecond line \xff");
}

static int
hoards(void *ctx, struct lede_buf *reply, struct lede_err *err)
{
	size_t n = *(const size_t *)ctx;
	char *p = malloc(n);

	if (p == NULL)
		return lede_err_oom(err);
	memset(p, 1, n);
	return lede_errf(err, "got %zu bytes", n);
}

static void
misbehaving_children(void)
{
	struct lede_sandbox_limits lim = { 1u << 20, 256u << 20, 5 };
	struct lede_span good = { 0, 0, 1 }, past = { 0, 0, 9 };
	struct lede_doc *doc = NULL;
	struct lede_err err;
	size_t big;

	if (lede_sandbox_filtered()) {
		ok(lede_sandbox_run(tries_open, "/etc/passwd", &lim, &doc, &err) == -1 &&
		    strstr(err.msg, "blocked system call") != NULL,
		    "a child that opens a file is killed (%s)", err.msg);
		ok(lede_sandbox_run(tries_open, "/nonexistent", &lim, &doc, &err) == -1 &&
		    strstr(err.msg, "blocked system call (signal 31)") != NULL,
		    "even a file that is not there (%s)", err.msg);
	} else {
		printf("ok %d # SKIP built without libseccomp\n", ++tap_n);
		printf("ok %d # SKIP built without libseccomp\n", ++tap_n);
	}
	ok(lede_sandbox_run(crashes, NULL, &lim, &doc, &err) == -1 &&
	    strstr(err.msg, "the page crashed the parser (signal 11") != NULL,
	    "a crash is one line (%s)", err.msg);
	lim.cpu_seconds = 1;
	ok(lede_sandbox_run(spins, NULL, &lim, &doc, &err) == -1 &&
	    strstr(err.msg, "CPU limit") != NULL, "a runaway child is stopped (%s)", err.msg);
	lim.cpu_seconds = 5;
	ok(lede_sandbox_run(garbage, "{\"title\": 12", &lim, &doc, &err) == -1 &&
	    strstr(err.msg, "the parser's reply is damaged") != NULL, "garbage is refused (%s)",
	    err.msg);
	ok(lede_sandbox_run(garbage, "LDW1\x01\x00", &lim, &doc, &err) == -1 &&
	    strstr(err.msg, "ends too soon") != NULL, "a cut reply is refused (%s)", err.msg);
	ok(lede_sandbox_run(garbage, "", &lim, &doc, &err) == -1,
	    "an empty document is refused (%s)", err.msg);
	ok(lede_sandbox_run(sends_doc, &past, &lim, &doc, &err) == -1 &&
	    strstr(err.msg, "people[0].mentions[0].end: 9 is past the end") != NULL,
	    "a span past its paragraph is refused (%s)", err.msg);
	doc = NULL;
	ok(lede_sandbox_run(chatty, &good, &lim, &doc, &err) == 0 && doc != NULL && doc->nparas == 1 &&
	    doc->npeople == 1, "a write to stderr fails quietly and the document still arrives");
	lede_doc_free(doc);
	doc = NULL;
	big = 2u << 20;
	ok(lede_sandbox_run(floods, &big, &lim, &doc, &err) == -1 &&
	    strstr(err.msg, "over its limit") != NULL, "an oversize reply is refused (%s)", err.msg);
	ok(lede_sandbox_run(hostile_reason, NULL, &lim, &doc, &err) == -1 &&
	    strchr(err.msg, '\x1b') == NULL && strchr(err.msg, '\n') == NULL &&
	    strstr(err.msg, "bad ?[31mred") != NULL,
	    "the child's reason is one printable line (%s)", err.msg);
	if (!ASAN) {
		big = 1u << 30;
		ok(lede_sandbox_run(hoards, &big, &lim, &doc, &err) == -1 &&
		    strcmp(err.msg, "out of memory") == 0,
		    "memory beyond the limit is refused (%s)", err.msg);
	} else {
		printf("ok %d # SKIP no address-space limit under AddressSanitizer\n", ++tap_n);
	}
}

/* lede's pages go to one worker in turn; a worker that dies between pages
 * is replaced; a page in another charset gets a child of its own. */
static void
worker(const struct lede_annotator *a)
{
	static const char cp1251[] = "<html><head><meta charset=\"windows-1251\">"
	    "<title>\xcf\xf0\xe8\xe2\xe5\xf2</title></head><body><article><p>The mayor said "
	    "the harbour wall will be rebuilt this year, with money from the port and the "
	    "town, and \xe0\xe1\xe2 work starts in May.</p><p>Residents asked for a public "
	    "meeting before the council votes on the plan next week.</p></article></body></html>";
	struct lede_input in = { 0 };
	struct lede_doc *want = NULL, *got = NULL;
	struct lede_err err;
	pid_t first, second;
	char *jw, *jg;

	in.data = slurp("examples/harbour-vote.html", &in.len);
	ok(in.data != NULL && lede_sandboxed_load(&in, NULL, &got, &err) == 0, "worker: a page");
	lede_doc_free(got);
	first = lede_sandbox_worker();
	ok(first > 0 && lede_sandboxed_load(&in, NULL, &got, &err) == 0, "worker: another page");
	lede_doc_free(got);
	ok(lede_sandbox_worker() == first, "worker: the same worker serves both");
	kill(first, SIGKILL);
	usleep(100000);
	ok(lede_sandboxed_load(&in, NULL, &got, &err) == 0, "worker: a page after the worker died");
	lede_doc_free(got);
	second = lede_sandbox_worker();
	ok(second > 0 && second != first, "worker: a new worker took over");
	free(in.data);

	in.data = (char *)cp1251;
	in.len = sizeof cp1251 - 1;
	got = NULL;
	ok(lede_load_doc(&in, NULL, &want, &err) == 0, "windows-1251: loads in-process");
	ok(lede_sandboxed_load(&in, NULL, &got, &err) == 0, "windows-1251: loads in the sandbox");
	if (want != NULL && got != NULL) {
		jw = to_json(want);
		jg = to_json(got);
		ok(jw != NULL && jg != NULL && strcmp(jw, jg) == 0 && strstr(jg, "\xd0\x9f") != NULL,
		    "windows-1251: decoded the same in both (a child of its own)");
		free(jw);
		free(jg);
	}
	lede_doc_free(want);
	lede_doc_free(got);
	ok(lede_sandbox_worker() == second, "windows-1251: the worker stays for later pages");
	(void)a;
}

static void
reasons_cross(void)
{
	struct lede_input in = { 0 };
	struct lede_doc *doc = NULL;
	struct lede_err want, got;
	char empty[] = "<html><body><script>x</script></body></html>";

	in.data = empty;
	in.len = strlen(empty);
	ok(lede_load_doc(&in, NULL, &doc, &want) == -1, "an empty page fails in-process");
	ok(lede_sandboxed_load(&in, NULL, &doc, &got) == -1, "and in the sandbox");
	is_str(got.msg, want.msg, "with the same reason");
}

int
main(void)
{
	static const char *pages[] = {
		"tests/pages/blog-comments.html", "tests/pages/div-soup.html",
		"tests/pages/modern-ads.html", "tests/pages/table-layout.html",
		"examples/harbour-vote.html",
	};
	struct lede_annotator *a = NULL;
	struct lede_err err;
	size_t i;

	if (lede_annotator_new(&a, &err) != 0) {
		printf("Bail out! %s\n", err.msg);
		return 1;
	}
	for (i = 0; i < sizeof pages / sizeof pages[0]; i++)
		same_page(a, pages[i]);
	reasons_cross();
	worker(a);
	misbehaving_children();
	lede_annotator_free(a);
	return tap_done();
}
