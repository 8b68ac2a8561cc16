/* The sandboxed load: see sandbox.h for the design. The reply on the pipe is
 * one tag byte, then 'D' + the document in the wire form of docwire.h, or
 * 'E' + a one-line reason. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef HAVE_SECCOMP
#include <sys/mman.h>
#include <seccomp.h>
#endif

#include "lede/clean-decode.h"
#include "lede/clean.h"
#include "lede/copy.h"
#include "lede/docwire.h"
#include "lede/sandbox.h"
#include "lede/text.h"

#if defined(__SANITIZE_ADDRESS__)
#define LEDE_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define LEDE_ASAN 1
#endif
#endif
#ifndef LEDE_ASAN
#define LEDE_ASAN 0
#endif

int
lede_load_doc(const struct lede_input *in, const struct lede_annotator *a,
    struct lede_doc **out, struct lede_err *err)
{
	struct lede_doc *doc = NULL;
	int rc;

	if (in->url == NULL && lede_copy_looks_like(in->data, in->len))
		rc = lede_copy_read(in->data, in->len, &doc, err);
	else
		rc = lede_clean(in, &doc, err);
	if (rc != 0)
		return -1;
	if (a != NULL && doc->npeople + doc->nplaces + doc->nquotes == 0 &&
	    lede_annotate(a, doc, err) != 0) {
		lede_doc_free(doc);
		return -1;
	}
	*out = doc;
	return 0;
}

bool
lede_sandbox_filtered(void)
{
#ifdef HAVE_SECCOMP
	return true;
#else
	return false;
#endif
}

void
lede_sandbox_limits_for(size_t len, struct lede_sandbox_limits *lim)
{
	size_t mib = len >> 20;

	/* Measured on the 25 MB bench article: its reply is about the size of
	 * the page (text from a one-byte charset can come to three times it)
	 * and the cleaner peaks near 10x; the factors leave room for dense
	 * markup without letting a hostile page take the machine. */
	lim->max_reply = (16u << 20) + (len < SIZE_MAX / 8 ? len * 8 : SIZE_MAX / 2);
	lim->max_memory = ((size_t)1 << 30) + (len < SIZE_MAX / 64 ? len * 64 : SIZE_MAX / 2);
	lim->cpu_seconds = 10 + (unsigned)(mib < 3600 ? mib : 3600);
}

/* ---- the child ---- */

static bool
write_all(int fd, const char *p, size_t n)
{
	ssize_t w;

	while (n > 0) {
		w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		p += w;
		n -= (size_t)w;
	}
	return true;
}

static void
reply_error(int fd, const char *msg)
{
	char b[sizeof ((struct lede_err *)0)->msg + 1];
	size_t n = strlen(msg);

	if (n > sizeof b - 1)
		n = sizeof b - 1;
	b[0] = 'E';
	memcpy(b + 1, msg, n);
	write_all(fd, b, n + 1);
}

/* Only the pipe stays open: the terminal, the user's files and any socket
 * the fetcher left are gone before the page is touched. */
static void
close_others(int keep)
{
	long max, fd;

#ifdef SYS_close_range
	if ((keep == 0 || syscall(SYS_close_range, 0u, (unsigned)keep - 1, 0u) == 0) &&
	    syscall(SYS_close_range, (unsigned)keep + 1, ~0u, 0u) == 0)
		return;
#endif
	max = sysconf(_SC_OPEN_MAX);
	if (max < 0 || max > 65536)
		max = 65536;
	for (fd = 0; fd < max; fd++)
		if (fd != keep)
			close((int)fd);
}

/* The address space the child already has (libraries, the models it shares
 * with the parent), so the limit adds to it rather than guessing. */
static size_t
current_vm(void)
{
	unsigned long long pages = 0;
	FILE *f = fopen("/proc/self/statm", "r");

	if (f == NULL)
		return (size_t)4 << 30;
	if (fscanf(f, "%llu", &pages) != 1)
		pages = 0;
	fclose(f);
	return (size_t)(pages * (unsigned long long)sysconf(_SC_PAGESIZE));
}

/* Lowers a limit to soft/hard, never above what the user already set. */
static int
lower_limit(int res, rlim_t soft, rlim_t hard)
{
	struct rlimit r;

	if (getrlimit(res, &r) != 0)
		return -1;
	if (r.rlim_max != RLIM_INFINITY && hard > r.rlim_max)
		hard = r.rlim_max;
	if (soft > hard)
		soft = hard;
	r.rlim_cur = soft;
	r.rlim_max = hard;
	return setrlimit(res, &r);
}

static int
set_limits(const struct lede_sandbox_limits *lim, struct lede_err *err)
{
	struct rlimit r;

	if (lower_limit(RLIMIT_CPU, lim->cpu_seconds, (rlim_t)lim->cpu_seconds + 1) != 0)
		return lede_errf(err, "sandbox: CPU limit: %s", strerror(errno));
	if (!LEDE_ASAN) {
		size_t vm = current_vm();
		rlim_t as = vm + lim->max_memory < vm ? RLIM_INFINITY : (rlim_t)(vm + lim->max_memory);

		if (lower_limit(RLIMIT_AS, as, as) != 0)
			return lede_errf(err, "sandbox: memory limit: %s", strerror(errno));
	}
	/* The child must not start anything; nothing it could start would get
	 * more rights than lede has. */
	r.rlim_cur = r.rlim_max = 0;
	if (setrlimit(RLIMIT_NPROC, &r) != 0 && errno != EPERM)
		return lede_errf(err, "sandbox: process limit: %s", strerror(errno));
	if (setrlimit(RLIMIT_CORE, &r) != 0)
		return lede_errf(err, "sandbox: core limit: %s", strerror(errno));
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
		return lede_errf(err, "sandbox: no_new_privs: %s", strerror(errno));
	return 0;
}

#ifdef HAVE_SECCOMP
static int
allow(scmp_filter_ctx ctx, int nr)
{
	return seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 0);
}

/* What the cleaner, libxml2, iconv (its modules loaded by the parent) and
 * malloc need, and nothing that reaches outside the process: no open, no
 * socket, no exec, no read. Memory is never made executable. */
static int
add_allowlist(scmp_filter_ctx ctx, int fd, bool reads)
{
	static const int plain[] = {
		SCMP_SYS(brk), SCMP_SYS(munmap), SCMP_SYS(mremap), SCMP_SYS(madvise),
		SCMP_SYS(exit_group), SCMP_SYS(exit), SCMP_SYS(rt_sigreturn),
		SCMP_SYS(rt_sigprocmask), SCMP_SYS(futex), SCMP_SYS(getrandom),
		SCMP_SYS(clock_gettime), SCMP_SYS(gettimeofday), SCMP_SYS(time),
		SCMP_SYS(getpid), SCMP_SYS(gettid), SCMP_SYS(fstat), SCMP_SYS(newfstatat),
		SCMP_SYS(lseek),
	};
	size_t i;
	int rc = 0;

	for (i = 0; i < sizeof plain / sizeof plain[0]; i++)
		rc |= allow(ctx, plain[i]);
	rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(write), 1,
	    SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)fd, 0));
	if (reads)
		rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(read), 1,
		    SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)fd, 0));
	/* A library's diagnostic to stderr (closed here) fails quietly rather
	 * than costing the page. */
	rc |= seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EBADF), SCMP_SYS(write), 1,
	    SCMP_A0(SCMP_CMP_NE, (scmp_datum_t)fd, 0));
	rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(mmap), 1,
	    SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC, 0));
	rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(mprotect), 1,
	    SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC, 0));
	/* abort() after heap corruption signals itself; let it, so the parent
	 * reports SIGABRT rather than a blocked call. */
	rc |= seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(tgkill), 1,
	    SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)getpid(), 0));
	return rc;
}

/* The sanitizer build: ASan's runtime maps, unmaps, reads /proc and more at
 * times of its choosing, so only the calls that reach outside are fatal. */
static int
add_denylist(scmp_filter_ctx ctx)
{
	static const int deny[] = {
		SCMP_SYS(open), SCMP_SYS(openat), SCMP_SYS(openat2), SCMP_SYS(creat),
		SCMP_SYS(socket), SCMP_SYS(socketpair), SCMP_SYS(connect),
		SCMP_SYS(execve), SCMP_SYS(execveat), SCMP_SYS(ptrace),
		SCMP_SYS(unlink), SCMP_SYS(unlinkat), SCMP_SYS(rename), SCMP_SYS(renameat),
		SCMP_SYS(renameat2), SCMP_SYS(truncate),
	};
	size_t i;
	int rc = 0;

	for (i = 0; i < sizeof deny / sizeof deny[0]; i++)
		rc |= seccomp_rule_add(ctx, SCMP_ACT_KILL_PROCESS, deny[i], 0);
	return rc;
}
#endif

static int
install_filter(int fd, bool reads, struct lede_err *err)
{
#ifdef HAVE_SECCOMP
	scmp_filter_ctx ctx;
	int rc;

	ctx = seccomp_init(LEDE_ASAN ? SCMP_ACT_ALLOW : SCMP_ACT_KILL_PROCESS);
	if (ctx == NULL)
		return lede_errf(err, "sandbox: seccomp_init failed");
	rc = LEDE_ASAN ? add_denylist(ctx) : add_allowlist(ctx, fd, reads);
	if (rc == 0)
		rc = seccomp_load(ctx);
	seccomp_release(ctx);
	if (rc != 0)
		return lede_errf(err, "sandbox: the seccomp filter could not be installed (%s)",
		    strerror(rc < 0 ? -rc : EINVAL));
#else
	(void)fd;
	(void)reads;
	(void)err;
#endif
	return 0;
}

static void __attribute__((noreturn))
child_main(int fd, lede_sandbox_fn fn, void *ctx, const struct lede_sandbox_limits *lim)
{
	struct lede_buf reply = LEDE_BUF_INIT;
	struct lede_err err;

	/* A full pipe after the parent gave up must end the child, quietly. */
	signal(SIGPIPE, SIG_DFL);
	close_others(fd);
	if (set_limits(lim, &err) != 0 || install_filter(fd, false, &err) != 0) {
		reply_error(fd, err.msg);
		_exit(1);
	}
	lede_buf_addc(&reply, 'D');
	if (fn(ctx, &reply, &err) != 0) {
		reply_error(fd, err.msg);
		_exit(0);
	}
	if (!lede_buf_ok(&reply)) {
		lede_err_oom(&err);
		reply_error(fd, err.msg);
		_exit(0);
	}
	write_all(fd, reply.data, reply.len);
	/* No free, no atexit handlers, no stdio flush: the parent's buffered
	 * output must not be written twice, and exiting frees faster. */
	_exit(0);
}

/* ---- the parent ---- */

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

enum read_end { READ_EOF, READ_TOO_BIG, READ_TIMEOUT, READ_FAILED };

static enum read_end
read_reply(int fd, struct lede_buf *reply, size_t max, double deadline)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	ssize_t n;
	double left;
	int r;

	for (;;) {
		left = deadline - now();
		if (left <= 0)
			return READ_TIMEOUT;
		r = poll(&pfd, 1, (int)(left * 1000) + 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return READ_FAILED;
		if (r == 0)
			continue;
		if (!lede_buf_reserve(reply, 65536))
			return READ_FAILED;
		n = read(fd, reply->data + reply->len, reply->cap - reply->len - 1);
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n < 0)
			return READ_FAILED;
		if (n == 0)
			return READ_EOF;
		reply->len += (size_t)n;
		reply->data[reply->len] = '\0';
		if (reply->len > max + 1)
			return READ_TOO_BIG;
	}
}

/* Waits for the child until the deadline, then kills it. Returns its wait
 * status, or -1 when it cannot be known (SIGCHLD ignored by our parent). */
static int
reap(pid_t pid, double deadline, bool *killed)
{
	struct timespec nap = { 0, 20000 };
	pid_t w;
	int status;

	*killed = false;
#ifdef SYS_pidfd_open
	/* A pidfd wakes us the moment the child exits; the loop below is for
	 * kernels before 5.3. */
	{
		int pfd = (int)syscall(SYS_pidfd_open, pid, 0);
		struct pollfd p = { .fd = pfd, .events = POLLIN };
		double left;

		while (pfd >= 0 && (left = deadline - now()) > 0)
			if (poll(&p, 1, (int)(left * 1000) + 1) != 0 && (p.revents != 0 || errno != EINTR))
				break;
		if (pfd >= 0)
			close(pfd);
	}
#endif
	for (;;) {
		w = waitpid(pid, &status, WNOHANG);
		if (w == pid)
			return status;
		if (w < 0 && errno != EINTR)
			return -1;
		if (now() >= deadline) {
			kill(pid, SIGKILL);
			*killed = true;
			while ((w = waitpid(pid, &status, 0)) < 0 && errno == EINTR)
				;
			return w == pid ? status : -1;
		}
		nanosleep(&nap, NULL);
		if (nap.tv_nsec < 10000000)
			nap.tv_nsec *= 2;
	}
}

static int
signal_error(int sig, const struct lede_sandbox_limits *lim, struct lede_err *err)
{
	const char *name = strsignal(sig);

	if (sig == SIGSYS)
		return lede_errf(err, "the parser was stopped: blocked system call (signal %d)", sig);
	if (sig == SIGXCPU)
		return lede_errf(err, "the page took the parser over its CPU limit (%u s)",
		    lim->cpu_seconds);
	return lede_errf(err, "the page crashed the parser (signal %d, %s)", sig,
	    name != NULL ? name : "unknown");
}

/* The child's reason, shown as one line of printable text whatever it holds. */
static int
child_error(const char *s, size_t n, struct lede_err *err)
{
	char msg[sizeof err->msg];
	size_t i = 0, o = 0, adv;
	uint32_t cp;

	while (i < n && o + 5 < sizeof msg) {
		cp = lede_utf8_next(s + i, n - i, &adv);
		if (cp < 0x20 || lede_cp_is_forbidden(cp) || lede_cp_is_invisible(cp) ||
		    cp == LEDE_REPLACEMENT) {
			msg[o++] = '?';
		} else {
			memcpy(msg + o, s + i, adv);
			o += adv;
		}
		i += adv;
	}
	msg[o] = '\0';
	return lede_errf(err, "%s", o > 0 ? msg : "the parser failed without a reason");
}

int
lede_sandbox_run(lede_sandbox_fn fn, void *ctx, const struct lede_sandbox_limits *lim,
    struct lede_doc **out, struct lede_err *err)
{
	struct lede_buf reply = LEDE_BUF_INIT;
	enum read_end end;
	double deadline;
	bool killed;
	pid_t pid;
	int p[2], status, rc;

	if (pipe2(p, O_CLOEXEC) != 0)
		return lede_errf(err, "sandbox: pipe: %s", strerror(errno));
	pid = fork();
	if (pid < 0) {
		rc = errno;
		close(p[0]);
		close(p[1]);
		return lede_errf(err, "sandbox: fork: %s", strerror(rc));
	}
	if (pid == 0) {
		close(p[0]);
		child_main(p[1], fn, ctx, lim);
	}
	close(p[1]);
	deadline = now() + 2.0 * lim->cpu_seconds + 5;
	end = read_reply(p[0], &reply, lim->max_reply, deadline);
	rc = errno;
	close(p[0]);
	if (end != READ_EOF)
		deadline = 0;
	status = reap(pid, deadline, &killed);

	if (end == READ_TOO_BIG)
		rc = lede_errf(err, "the parser's reply is over its limit of %zu bytes", lim->max_reply);
	else if (end == READ_TIMEOUT)
		rc = lede_errf(err, "the parser did not finish in time");
	else if (end == READ_FAILED)
		rc = lede_buf_ok(&reply) ? lede_errf(err, "sandbox: reading the reply: %s",
		    strerror(rc)) : lede_err_oom(err);
	else if (killed)
		rc = lede_errf(err, "the parser did not exit in time");
	else if (status != -1 && WIFSIGNALED(status))
		rc = signal_error(WTERMSIG(status), lim, err);
	else if (reply.len > 0 && reply.data[0] == 'E')
		rc = child_error(reply.data + 1, reply.len - 1, err);
	else if (reply.len > 0 && reply.data[0] == 'D' && (status == -1 || WEXITSTATUS(status) == 0))
		rc = lede_docwire_read(reply.data + 1, reply.len - 1, out, err);
	else if (status != -1 && WEXITSTATUS(status) != 0)
		rc = lede_errf(err, "the parser failed (exit status %d)", WEXITSTATUS(status));
	else
		rc = lede_errf(err, "the parser's reply is damaged");
	lede_buf_free(&reply);
	return rc;
}

/* ---- lede's own use: one worker per run ----
 *
 * A child forked per page costs about 1.5 ms of page faults per page (fresh
 * memory in every child), half again lede's own time on small pages. So lede
 * keeps one confined worker and hands it the pages in turn over a socket
 * pair. A new worker is forked when the last one died or sent back something
 * the parent refused, after WORKER_PAGES pages (one hostile page can
 * sway at most that many later ones, and none of the user's files), and for
 * a page larger than its memory limit was set for. A page in a charset other
 * than UTF-8 gets a child of its own, forked right after the parent loaded
 * the iconv module for it: the worker cannot load modules, and glibc unloads
 * an idle one once others have been used, so it cannot inherit them all.
 *
 * The page that starts a worker is not sent: the worker is forked with it in
 * memory and answers it first, so a large page is not copied through the
 * socket (on the 25 MB bench article that copy and the memory it lands in
 * cost more than the fork).
 *
 * Request: data length (8 bytes), then the lengths of url, content type and
 * charset (4 bytes each, UINT32_MAX for none), then the bytes. Reply: 'D' or
 * 'E', the payload length (8 bytes), the payload: the document in the wire
 * form (docwire.h), streamed from the worker's document and read by the
 * parent as it arrives, or the reason, at most ERROR_MAX bytes. Host byte
 * order: both ends are the same program. */

#define WORKER_PAGES 64
#define WORKER_MIN_SIZE ((size_t)8 << 20)
#define NO_FIELD UINT32_MAX
#define ERROR_MAX ((size_t)64 << 10)
/* Bytes a side may have in flight on the socket. The default (about 200 KiB)
 * makes the sender of a large document stop and wait for the reader every
 * few paragraphs; on a busy machine that doubled the cost of moving the
 * 25 MB bench article. The kernel caps it at net.core.wmem_max. */
#define SOCKET_BUFFER (2 << 20)

struct worker {
	pid_t pid;                      /* 0: none */
	int fd;
	unsigned served;
	size_t sized_for;
	const struct lede_annotator *a;
};

static struct worker wk;

static bool
read_all(int fd, void *p, size_t n)
{
	char *c = p;
	ssize_t r;

	while (n > 0) {
		r = read(fd, c, n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return false;
		c += r;
		n -= (size_t)r;
	}
	return true;
}

static bool
worker_head(int fd, char tag, size_t n)
{
	char head[9];
	uint64_t len = n;

	head[0] = tag;
	memcpy(head + 1, &len, sizeof len);
	return write_all(fd, head, sizeof head);
}

static void
worker_error(int fd, const char *msg)
{
	size_t n = strlen(msg);

	if (worker_head(fd, 'E', n))
		write_all(fd, msg, n);
}

static int
put_fd(void *ctx, const void *p, size_t n)
{
	return write_all(*(const int *)ctx, p, n) ? 0 : -1;
}

/* Reads one field of a request; false when the stream is broken. */
static bool
read_field(int fd, uint32_t n, char **out)
{
	*out = NULL;
	if (n == NO_FIELD)
		return true;
	if ((*out = malloc((size_t)n + 1)) == NULL || !read_all(fd, *out, n))
		return false;
	(*out)[n] = '\0';
	return true;
}

static void
worker_page(int fd, const struct lede_annotator *a, const struct lede_input *in)
{
	struct lede_doc *doc;
	struct lede_err err;
	size_t len;

	if (lede_load_doc(in, a, &doc, &err) != 0) {
		worker_error(fd, err.msg);
		return;
	}
	/* Sized first, so the document goes out straight from its own memory
	 * with no copy of it in between. A send that fails half-way means the
	 * parent gave up on us: the next read ends the loop. */
	if (lede_docwire_size(doc, &len, &err) != 0)
		worker_error(fd, err.msg);
	else if (worker_head(fd, 'D', len))
		lede_docwire_send(doc, put_fd, &fd, &err);
	lede_doc_free(doc);
}

/* first: the page the worker was forked for, already in its memory (the
 * parent's, copied at the fork), or NULL. */
static void __attribute__((noreturn))
worker_main(int fd, const struct lede_annotator *a, const struct lede_sandbox_limits *lim,
    const struct lede_input *first)
{
	struct lede_input in;
	struct lede_err err;
	uint64_t len;
	uint32_t f[3];
	bool whole;

	signal(SIGPIPE, SIG_DFL);
	close_others(fd);
	if (set_limits(lim, &err) != 0 || install_filter(fd, true, &err) != 0) {
		worker_error(fd, err.msg);
		_exit(1);
	}
	if (first != NULL)
		worker_page(fd, a, first);
	while (read_all(fd, &len, sizeof len) && read_all(fd, f, sizeof f)) {
		memset(&in, 0, sizeof in);
		whole = len < SIZE_MAX && (in.data = malloc((size_t)len + 1)) != NULL &&
		    read_all(fd, in.data, (size_t)len) && read_field(fd, f[0], &in.url) &&
		    read_field(fd, f[1], &in.content_type) && read_field(fd, f[2], &in.charset);
		if (!whole) {
			/* The stream cannot be resynchronised: say why and go. */
			lede_err_oom(&err);
			worker_error(fd, err.msg);
			_exit(1);
		}
		in.data[len] = '\0';
		in.len = (size_t)len;
		worker_page(fd, a, &in);
		lede_input_free(&in);
	}
	_exit(0);
}

/* The charset the cleaner will decode the page from, as declared. */
static bool
page_charset(const struct lede_input *in, char *out, size_t outlen)
{
	const char *bom;
	size_t bomlen;

	if ((bom = lede_clean_bom(in->data, in->len, &bomlen)) != NULL)
		return snprintf(out, outlen, "%s", bom) > 0;
	if (in->charset != NULL && *in->charset != '\0')
		return snprintf(out, outlen, "%s", in->charset) > 0;
	return lede_clean_meta_charset(in->data, in->len, out, outlen);
}

/* A child cannot open iconv's conversion modules; converting a few bytes
 * here, in the charset the cleaner will pick, leaves the module loaded for
 * the child forked next. */
static void
warm_decoder(const struct lede_input *in, const char *charset)
{
	struct lede_buf tmp = LEDE_BUF_INIT;
	struct lede_err e;

	lede_clean_to_utf8(&tmp, in->data, in->len < 4 ? in->len : 4, charset, &e);
	lede_buf_free(&tmp);
}

struct load_ctx {
	const struct lede_input *in;
	const struct lede_annotator *a;
};

static int
load_in_child(void *p, struct lede_buf *reply, struct lede_err *err)
{
	const struct load_ctx *c = p;
	struct lede_doc *doc;

	if (lede_load_doc(c->in, c->a, &doc, err) != 0)
		return -1;
	/* The child exits next: the document is not freed. */
	return lede_docwire_write(reply, doc, err);
}

static void
worker_stop(bool force)
{
	bool killed;

	if (wk.pid <= 0)
		return;
	if (force)
		kill(wk.pid, SIGKILL);
	close(wk.fd);
	/* Without force the worker reads end of file and exits at once. */
	reap(wk.pid, force ? 0 : now() + 2, &killed);
	wk.pid = 0;
}

/* Everything libxml2 and the cleaner set up on first use (parser globals,
 * tables, dictionaries) is set up here once, from a fixed page, so each child
 * inherits it instead of building it again: that halves a child's time. */
static void
warm_cleaner(void)
{
	static const char page[] = "<html><head><title>t</title></head><body><article>"
	    "<p>Warm words for the parser, long enough to count as a paragraph of text.</p>"
	    "</article></body></html>";
	static bool done;
	struct lede_input in = { 0 };
	struct lede_doc *doc;
	struct lede_err e;

	if (done)
		return;
	done = true;
	in.data = (char *)page;
	in.len = sizeof page - 1;
	if (lede_clean(&in, &doc, &e) == 0)
		lede_doc_free(doc);
}

/* Forks a worker sized for first, which it answers before anything else. */
static int
worker_start(const struct lede_annotator *a, const struct lede_input *first,
    struct lede_err *err)
{
	size_t len = first->len;
	struct lede_sandbox_limits lim;
	pid_t pid;
	int sv[2], e;

	warm_cleaner();
	/* Free heap pages handed back now are fresh zero pages for the worker,
	 * not pages the kernel must copy on its first write. */
	malloc_trim(0);
	wk.sized_for = len > WORKER_MIN_SIZE ? len : WORKER_MIN_SIZE;
	lede_sandbox_limits_for(wk.sized_for, &lim);
	/* Each page has its own deadline in the parent; the CPU limit is the
	 * worker's whole life. */
	lim.cpu_seconds *= WORKER_PAGES;
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
		return lede_errf(err, "sandbox: socketpair: %s", strerror(errno));
	/* Best effort: a smaller buffer is only slower. */
	e = SOCKET_BUFFER;
	setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &e, sizeof e);
	setsockopt(sv[1], SOL_SOCKET, SO_SNDBUF, &e, sizeof e);
	pid = fork();
	if (pid < 0) {
		e = errno;
		close(sv[0]);
		close(sv[1]);
		return lede_errf(err, "sandbox: fork: %s", strerror(e));
	}
	if (pid == 0) {
		close(sv[0]);
		worker_main(sv[1], a, &lim, first);
	}
	close(sv[1]);
	wk.pid = pid;
	wk.fd = sv[0];
	wk.served = 0;
	wk.a = a;
	return 0;
}

/* 0, or -1 on a broken connection, -2 when the deadline passed. */
static int
send_all(int fd, const void *p, size_t n, double deadline)
{
	struct pollfd pfd = { .fd = fd, .events = POLLOUT };
	const char *c = p;
	double left;
	ssize_t w;

	while (n > 0) {
		w = send(fd, c, n, MSG_NOSIGNAL | MSG_DONTWAIT);
		if (w > 0) {
			c += w;
			n -= (size_t)w;
			continue;
		}
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			if ((left = deadline - now()) <= 0)
				return -2;
			poll(&pfd, 1, (int)(left * 1000) + 1);
			continue;
		}
		return -1;
	}
	return 0;
}

static int
recv_all(int fd, void *p, size_t n, double deadline)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	char *c = p;
	double left;
	ssize_t r;

	while (n > 0) {
		r = recv(fd, c, n, MSG_DONTWAIT);
		if (r > 0) {
			c += r;
			n -= (size_t)r;
			continue;
		}
		if (r == 0)
			return -1;
		if (errno == EINTR)
			continue;
		if (errno != EAGAIN && errno != EWOULDBLOCK)
			return -1;
		if ((left = deadline - now()) <= 0)
			return -2;
		poll(&pfd, 1, (int)(left * 1000) + 1);
	}
	return 0;
}

static int
send_request(const struct lede_input *in, double deadline)
{
	const char *fields[3] = { in->url, in->content_type, in->charset };
	uint64_t len = in->len;
	uint32_t f[3];
	int i, rc;

	for (i = 0; i < 3; i++)
		f[i] = fields[i] == NULL ? NO_FIELD : (uint32_t)strnlen(fields[i], NO_FIELD - 1);
	if ((rc = send_all(wk.fd, &len, sizeof len, deadline)) != 0 ||
	    (rc = send_all(wk.fd, f, sizeof f, deadline)) != 0 ||
	    (rc = send_all(wk.fd, in->data, in->len, deadline)) != 0)
		return rc;
	for (i = 0; i < 3; i++)
		if (fields[i] != NULL && (rc = send_all(wk.fd, fields[i], f[i], deadline)) != 0)
			return rc;
	return 0;
}

/* The worker is gone or broken: why, in one line. */
static int
worker_died(int how, const struct lede_sandbox_limits *lim, struct lede_err *err)
{
	bool killed;
	int status;

	if (how == -2) {
		worker_stop(true);
		return lede_errf(err, "the parser did not finish in time");
	}
	kill(wk.pid, SIGKILL);
	close(wk.fd);
	status = reap(wk.pid, now() + 2, &killed);
	wk.pid = 0;
	/* Our own SIGKILL after a clean exit or a broken stream says nothing. */
	if (status != -1 && WIFSIGNALED(status) && WTERMSIG(status) != SIGKILL)
		return signal_error(WTERMSIG(status), lim, err);
	if (status != -1 && WIFEXITED(status) && WEXITSTATUS(status) != 0)
		return lede_errf(err, "the parser failed (exit status %d)", WEXITSTATUS(status));
	return lede_errf(err, "the parser stopped before it answered");
}

struct pull {
	int fd;
	double deadline;
	int rc;                 /* as recv_all's: -1 broken, -2 too late */
};

/* The reader's source: whatever the socket holds now, at most n bytes. */
static ssize_t
pull_reply(void *ctx, void *buf, size_t n)
{
	struct pull *p = ctx;
	struct pollfd pfd = { .fd = p->fd, .events = POLLIN };
	double left;
	ssize_t r;

	for (;;) {
		r = recv(p->fd, buf, n, MSG_DONTWAIT);
		if (r > 0)
			return r;
		if (r < 0 && errno == EINTR)
			continue;
		if (r == 0 || (errno != EAGAIN && errno != EWOULDBLOCK)) {
			p->rc = -1;
			return -1;
		}
		if ((left = p->deadline - now()) <= 0) {
			p->rc = -2;
			return -1;
		}
		poll(&pfd, 1, (int)(left * 1000) + 1);
	}
}

/* Asks the worker for in (unless the worker was forked with it in memory:
 * forked_with) and reads the answer. */
static int
worker_load(const struct lede_input *in, bool forked_with, struct lede_doc **out,
    struct lede_err *err)
{
	struct lede_sandbox_limits lim;
	struct pull src = { wk.fd, 0, 0 };
	char head[9], *msg;
	uint64_t len;
	int rc;

	lede_sandbox_limits_for(in->len, &lim);
	src.deadline = now() + 2.0 * lim.cpu_seconds + 5;
	if ((!forked_with && (rc = send_request(in, src.deadline)) != 0) ||
	    (rc = recv_all(wk.fd, head, sizeof head, src.deadline)) != 0)
		return worker_died(rc, &lim, err);
	memcpy(&len, head + 1, sizeof len);
	if (head[0] == 'D') {
		if (len > lim.max_reply) {
			worker_stop(true);
			return lede_errf(err, "the parser's reply is over its limit of %zu bytes",
			    lim.max_reply);
		}
		rc = lede_docwire_read_from(pull_reply, &src, (size_t)len, out, err);
		if (src.rc != 0)
			return worker_died(src.rc, &lim, err);
		/* A worker that wrote what the reader refuses is not trusted
		 * again (and the stream is out of step). */
		if (rc != 0)
			worker_stop(true);
		return rc;
	}
	if (head[0] != 'E' || len > ERROR_MAX) {
		worker_stop(true);
		return lede_errf(err, "the parser's reply is damaged");
	}
	if ((msg = malloc((size_t)len + 1)) == NULL) {
		worker_stop(true);
		return lede_err_oom(err);
	}
	if ((rc = recv_all(wk.fd, msg, (size_t)len, src.deadline)) != 0) {
		free(msg);
		return worker_died(rc, &lim, err);
	}
	rc = child_error(msg, (size_t)len, err);
	free(msg);
	return rc;
}

int
lede_sandboxed_load(const struct lede_input *in, const struct lede_annotator *a,
    struct lede_doc **out, struct lede_err *err)
{
	struct lede_sandbox_limits lim;
	struct load_ctx c = { in, a };
	char cs[64];
	int status;
	bool fresh;

	if (page_charset(in, cs, sizeof cs) && strcasecmp(cs, "utf-8") != 0 &&
	    strcasecmp(cs, "utf8") != 0) {
		warm_cleaner();
		warm_decoder(in, cs);
		malloc_trim(0);
		lede_sandbox_limits_for(in->len, &lim);
		return lede_sandbox_run(load_in_child, &c, &lim, out, err);
	}
	/* A worker that died between pages (or was reaped by someone else) is
	 * replaced before it is asked anything. */
	if (wk.pid > 0 && waitpid(wk.pid, &status, WNOHANG) != 0) {
		close(wk.fd);
		wk.pid = 0;
	}
	if (wk.pid > 0 && (wk.served >= WORKER_PAGES || in->len > wk.sized_for || a != wk.a))
		worker_stop(false);
	/* A new worker is forked with this page: nothing to send. */
	fresh = wk.pid <= 0;
	if (fresh && worker_start(a, in, err) != 0)
		return -1;
	wk.served++;
	return worker_load(in, fresh, out, err);
}

void
lede_sandbox_end(void)
{
	worker_stop(false);
}

pid_t
lede_sandbox_worker(void)
{
	return wk.pid;
}
