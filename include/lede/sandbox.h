/* The sandbox: turning untrusted page bytes into a document in a child
 * process that cannot reach the user's files or the network, so a bug in the
 * HTML parser or the cleaner costs one page, never the user's data.
 *
 * The parent forks a worker (or, for a page in a legacy charset, a child for
 * that page alone). The child closes every descriptor but its pipe or socket,
 * lowers its address-space and CPU limits, sets no_new_privs, installs a
 * seccomp allowlist (memory management, reading and writing its own socket;
 * no open, no socket, no exec), does the work and writes the document back
 * in the binary wire form of docwire.h. The parent reads at most a bounded
 * reply within a bounded time and rebuilds the document with the docwire
 * reader, which makes every check lede_copy_read makes on a JSON copy (UTF-8,
 * controls, every span and speaker): the child's reply is as untrusted as
 * the page. The worker's reply is read as it arrives, with no buffer for
 * all of it.
 *
 * Without libseccomp (configure --without-seccomp) the child still runs with
 * its limits and without descriptors, but no filter: crashes and runaway
 * pages are contained, file access is not. Under AddressSanitizer the filter
 * is a denylist (open, socket, exec and kin are fatal, everything else is
 * allowed) because the sanitizer's runtime makes system calls of its own, and
 * the address-space limit is not set (the shadow memory reserves terabytes). */
#ifndef LEDE_SANDBOX_H
#define LEDE_SANDBOX_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "lede/annotate.h"
#include "lede/buf.h"
#include "lede/doc.h"
#include "lede/err.h"
#include "lede/input.h"

/* Builds a document from an input in this process, as lede always has: a
 * JSON copy lede wrote is read back, anything else is cleaned; then, when a
 * is not NULL, the document is annotated unless the copy already was. */
int lede_load_doc(const struct lede_input *in, const struct lede_annotator *a,
    struct lede_doc **out, struct lede_err *err);

/* lede_load_doc in a sandboxed child: a worker kept for the whole run, or,
 * for a page in a charset other than UTF-8, a child forked for it alone.
 * a must be loaded already (the child cannot open the models) and must not
 * read files while it annotates; pass NULL to annotate in the caller. Errors are one line: the child's
 * own reason ("no readable text"), or what stopped it ("the page crashed the
 * parser (signal 11, Segmentation fault)", "blocked system call"). */
int lede_sandboxed_load(const struct lede_input *in, const struct lede_annotator *a,
    struct lede_doc **out, struct lede_err *err);

/* Ends the worker lede_sandboxed_load keeps between pages and waits for
 * it (it would end by itself once lede exits). */
void lede_sandbox_end(void);

/* The worker lede_sandboxed_load hands pages to, or 0 when there is none
 * (for tests). */
pid_t lede_sandbox_worker(void);

/* True when children run under a seccomp filter (an allowlist, or the
 * sanitizer build's denylist); false without libseccomp. */
bool lede_sandbox_filtered(void);

/* The machinery under lede_sandboxed_load, open to tests. fn runs in the
 * confined child and appends one document in the wire form
 * (lede_docwire_write) to reply, or returns -1 with err; the parent turns the
 * reply into *out with lede_docwire_read. */
typedef int (*lede_sandbox_fn)(void *ctx, struct lede_buf *reply, struct lede_err *err);

struct lede_sandbox_limits {
	size_t max_reply;        /* bytes of reply the parent accepts */
	size_t max_memory;       /* address space the child may add to its own */
	unsigned cpu_seconds;    /* CPU time; the parent waits at most twice this plus 5 s */
};

/* The limits lede_sandboxed_load uses for an input of len bytes. */
void lede_sandbox_limits_for(size_t len, struct lede_sandbox_limits *lim);

int lede_sandbox_run(lede_sandbox_fn fn, void *ctx, const struct lede_sandbox_limits *lim,
    struct lede_doc **out, struct lede_err *err);

#endif
