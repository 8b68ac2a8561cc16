/* The input layer: a URL goes to the fetcher, anything else is a file or
 * standard input, read whole under the same --max-size. Every reason it
 * gives is one lowercase line, printed by main() as "lede: INPUT: reason". */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lede/buf.h"
#include "lede/fetch.h"
#include "lede/input.h"

void
lede_input_opts_init(struct lede_input_opts *o)
{
	o->timeout = LEDE_DEFAULT_TIMEOUT;
	o->max_size = LEDE_DEFAULT_MAX_SIZE;
	o->user_agent = NULL;
}

bool
lede_input_is_url(const char *arg)
{
	return strncasecmp(arg, "http://", 7) == 0 || strncasecmp(arg, "https://", 8) == 0;
}

void
lede_input_free(struct lede_input *in)
{
	free(in->data);
	free(in->url);
	free(in->content_type);
	free(in->charset);
	memset(in, 0, sizeof *in);
}

/* strerror's words, lowercase-first to fit "lede: FILE: reason", with the
 * common cases said plainly. */
static int
errno_err(struct lede_err *err, int e)
{
	const char *s;

	switch (e) {
	case ENOENT: return lede_errf(err, "no such file");
	case EACCES: return lede_errf(err, "permission denied");
	case EISDIR: return lede_errf(err, "is a folder, not a page");
	case ENOTDIR: return lede_errf(err, "a part of the path is not a folder");
	default: break;
	}
	s = strerror(e);
	if (isupper((unsigned char)s[0]) && islower((unsigned char)s[1]))
		return lede_errf(err, "%c%s", tolower((unsigned char)s[0]), s + 1);
	return lede_errf(err, "%s", s);
}

/* The media type a file's name announces; NULL leaves it to the content. */
static const char *
type_from_name(const char *path)
{
	static const struct { const char *ext, *type; } map[] = {
		{ ".txt", "text/plain" }, { ".text", "text/plain" },
		{ ".html", "text/html" }, { ".htm", "text/html" },
		{ ".xhtml", "application/xhtml+xml" }, { ".xht", "application/xhtml+xml" },
	};
	const char *dot = strrchr(path, '.');
	size_t i;

	if (dot == NULL || strchr(dot, '/') != NULL)
		return NULL;
	for (i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcasecmp(dot, map[i].ext) == 0)
			return map[i].type;
	return NULL;
}

/* "example.com/news/1" or "www.example.com": a URL typed without its
 * scheme, which is worth a hint when no such file exists. */
static bool
looks_like_host_path(const char *arg)
{
	size_t host = strcspn(arg, "/"), i, tld = 0;
	bool dot = false;

	if (strncasecmp(arg, "www.", 4) != 0 && arg[host] != '/')
		return false;
	for (i = 0; i < host; i++) {
		if (arg[i] == '.') {
			dot = true;
			tld = 0;
		} else if (isalpha((unsigned char)arg[i])) {
			tld++;
		} else if (!isdigit((unsigned char)arg[i]) && arg[i] != '-') {
			return false;
		} else {
			tld = 0;
		}
	}
	return dot && tld >= 2 && arg[0] != '.';
}

/* Names a URL's scheme in an error when it is a plain word. */
static int
scheme_err(const char *arg, struct lede_err *err)
{
	size_t n = 0;

	while (isalnum((unsigned char)arg[n]) || arg[n] == '+' || arg[n] == '-' || arg[n] == '.')
		n++;
	if (n > 0 && n <= 16 && arg[n] == ':' && isalpha((unsigned char)arg[0]))
		return lede_errf(err, "%.*s: URLs are not fetched (only http and https)", (int)n, arg);
	return lede_errf(err, "unsupported URL scheme (only http and https)");
}

/* Reads all of fd, refusing more than max bytes (one byte past the limit is
 * read to tell "exactly max" from "more"). */
static int
read_fd(int fd, size_t max, struct lede_buf *b, struct lede_err *err)
{
	ssize_t n;

	for (;;) {
		if (!lede_buf_reserve(b, 65536))
			return lede_err_oom(err);
		n = read(fd, b->data + b->len, 65536);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return errno_err(err, errno);
		}
		if (n == 0)
			break;
		b->len += (size_t)n;
		if (b->len > max)
			return lede_errf(err, "larger than the %zu-byte limit (see --max-size)", max);
	}
	b->data[b->len] = '\0';
	return 0;
}

static int
read_path(const char *arg, const struct lede_input_opts *o, struct lede_buf *b,
    struct lede_err *err)
{
	struct stat st;
	int fd, rc;

	if (strcmp(arg, "-") == 0)
		return read_fd(STDIN_FILENO, o->max_size, b, err);
	if (strncasecmp(arg, "file:", 5) == 0)
		return lede_errf(err, "file: URLs are not fetched; give the path instead");
	if (strstr(arg, "://") != NULL)
		return scheme_err(arg, err);
	if ((fd = open(arg, O_RDONLY | O_CLOEXEC | O_NOCTTY)) < 0) {
		if (errno == ENOENT && looks_like_host_path(arg))
			return lede_errf(err, "no such file (for a web page, give the whole "
			    "https:// URL)");
		return errno_err(err, errno);
	}
	if (fstat(fd, &st) != 0) {
		rc = errno_err(err, errno);
	} else if (S_ISDIR(st.st_mode)) {
		rc = lede_errf(err, "is a folder, not a page");
	} else if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > o->max_size) {
		rc = lede_errf(err, "larger than the %zu-byte limit (see --max-size)", o->max_size);
	} else {
		rc = read_fd(fd, o->max_size, b, err);
	}
	close(fd);
	return rc;
}

int
lede_input_read(const char *arg, const struct lede_input_opts *o, struct lede_input *in,
    struct lede_err *err)
{
	struct lede_buf b = LEDE_BUF_INIT;
	const char *type;

	memset(in, 0, sizeof *in);
	if (lede_input_is_url(arg))
		return lede_fetch(arg, o, in, err);
	if (read_path(arg, o, &b, err) != 0) {
		lede_buf_free(&b);
		return -1;
	}
	if (b.len == 0) {
		lede_buf_free(&b);
		return lede_errf(err, strcmp(arg, "-") == 0 ? "empty input" : "empty file");
	}
	in->len = b.len;
	if ((in->data = lede_buf_detach(&b)) == NULL)
		return lede_err_oom(err);
	if (strcmp(arg, "-") != 0 && (type = type_from_name(arg)) != NULL &&
	    (in->content_type = lede_strdup(type)) == NULL) {
		lede_input_free(in);
		return lede_err_oom(err);
	}
	return 0;
}
