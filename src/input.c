#include "config.h"

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
			return lede_errf(err, "%s", strerror(errno));
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
		return lede_errf(err, "unsupported URL scheme (only http and https)");
	if ((fd = open(arg, O_RDONLY | O_CLOEXEC | O_NOCTTY)) < 0)
		return lede_errf(err, "%s", strerror(errno));
	if (fstat(fd, &st) != 0) {
		rc = lede_errf(err, "%s", strerror(errno));
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

	memset(in, 0, sizeof *in);
	if (lede_input_is_url(arg))
		return lede_fetch(arg, o, in, err);
	if (read_path(arg, o, &b, err) != 0) {
		lede_buf_free(&b);
		return -1;
	}
	if (b.len == 0) {
		lede_buf_free(&b);
		return lede_errf(err, "empty input");
	}
	in->len = b.len;
	in->data = lede_buf_detach(&b);
	return in->data != NULL ? 0 : lede_err_oom(err);
}
