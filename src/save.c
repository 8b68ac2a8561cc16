/* Saving a copy. A regular file is replaced atomically (temporary file in the
 * same folder, fsync, rename, fsync of the folder), so a reader or a crash
 * sees either the old copy or the new one, never half of one. Devices, fifos
 * and ttys cannot be replaced and are written in place.
 *
 * Symbolic links: the link is kept and the file it points to is replaced
 * atomically (the path is resolved first). A link to a missing file is
 * refused, because where it would create a file is rarely what was meant. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lede/buf.h"
#include "lede/save.h"

static int
write_all(int fd, const char *data, size_t len)
{
	ssize_t n;

	while (len > 0) {
		n = write(fd, data, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Devices and pipes: no temporary file is possible, so write and report. */
static int
save_direct(const char *path, const char *data, size_t len, struct lede_err *err)
{
	int fd, e;

	if ((fd = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY)) < 0)
		return lede_errf(err, "cannot open for writing: %s", strerror(errno));
	if (write_all(fd, data, len) != 0) {
		e = errno;
		close(fd);
		return lede_errf(err, "cannot write: %s", strerror(e));
	}
	/* fsync on a pipe or tty fails with EINVAL: nothing to flush there. */
	if (fsync(fd) != 0 && errno != EINVAL && errno != EROFS && errno != ENOTSUP) {
		e = errno;
		close(fd);
		return lede_errf(err, "cannot write: %s", strerror(e));
	}
	if (close(fd) != 0 && errno != EINTR)
		return lede_errf(err, "cannot write: %s", strerror(errno));
	return 0;
}

static mode_t
new_file_mode(void)
{
	mode_t mask = umask(0);

	umask(mask);
	return 0666 & ~mask;
}

static char *
dir_of(const char *path, struct lede_err *err)
{
	char *copy, *d, *res;

	if ((copy = lede_strdup(path)) == NULL) {
		lede_err_oom(err);
		return NULL;
	}
	d = dirname(copy);
	res = lede_strdup(d);
	free(copy);
	if (res == NULL)
		lede_err_oom(err);
	return res;
}

static char *
temp_template(const char *path, struct lede_err *err)
{
	struct lede_buf b = LEDE_BUF_INIT;
	const char *slash = strrchr(path, '/');
	char *p;

	/* A hidden name beside the target: same file system, so rename works,
	 * and out of the way of globs while it exists. */
	if (slash != NULL)
		lede_buf_add(&b, path, (size_t)(slash - path) + 1);
	lede_buf_lit(&b, ".");
	lede_buf_adds(&b, slash ? slash + 1 : path);
	lede_buf_lit(&b, ".lede-XXXXXX");
	if ((p = lede_buf_detach(&b)) == NULL)
		lede_err_oom(err);
	return p;
}

static int
sync_dir(const char *dir)
{
	int fd, rc = 0;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return -1;
	if (fsync(fd) != 0 && errno != EINVAL)
		rc = -1;
	close(fd);
	return rc;
}

static int
save_atomic(const char *path, const struct stat *old, const char *data, size_t len,
    struct lede_err *err)
{
	char *tmp = NULL, *dir = NULL;
	int fd = -1, e;

	if ((dir = dir_of(path, err)) == NULL || (tmp = temp_template(path, err)) == NULL)
		goto fail;
	if ((fd = mkostemp(tmp, O_CLOEXEC)) < 0) {
		e = errno;
		if (e == ENOENT || e == ENOTDIR)
			lede_errf(err, "cannot save: the folder %s does not exist", dir);
		else
			lede_errf(err, "cannot save in %s: %s", dir, strerror(e));
		free(tmp);
		tmp = NULL;
		goto fail;
	}
	if (fchmod(fd, old ? (old->st_mode & 07777) : new_file_mode()) != 0) {
		lede_errf(err, "cannot set the mode of %s: %s", tmp, strerror(errno));
		goto fail;
	}
	/* Keep the owner when replacing someone else's file (as root); a plain
	 * user cannot, and then the copy is simply theirs. */
	if (old != NULL && (old->st_uid != geteuid() || old->st_gid != getegid()))
		(void)!fchown(fd, old->st_uid, old->st_gid);
	if (write_all(fd, data, len) != 0 || fsync(fd) != 0) {
		lede_errf(err, "cannot write: %s", strerror(errno));
		goto fail;
	}
	e = close(fd);
	fd = -1;
	if (e != 0) {
		lede_errf(err, "cannot write: %s", strerror(errno));
		goto fail;
	}
	if (rename(tmp, path) != 0) {
		lede_errf(err, "cannot replace the file: %s", strerror(errno));
		goto fail;
	}
	free(tmp);
	tmp = NULL;
	/* The rename is done; a folder that will not sync is reported, since the
	 * copy may not survive a crash, but the file itself is in place. */
	if (sync_dir(dir) != 0) {
		lede_errf(err, "saved, but the folder %s could not be synced: %s", dir, strerror(errno));
		free(dir);
		return -1;
	}
	free(dir);
	return 0;
fail:
	if (fd >= 0)
		close(fd);
	if (tmp != NULL)
		unlink(tmp);
	free(tmp);
	free(dir);
	return -1;
}

static bool
is_special_tree(const char *path)
{
	return strncmp(path, "/dev/", 5) == 0 || strncmp(path, "/proc/", 6) == 0;
}

int
lede_save(const char *path, const char *data, size_t len, struct lede_err *err)
{
	struct stat lst, st;
	char *real;
	int rc;

	if (path == NULL || *path == '\0')
		return lede_errf(err, "no file name to save to");
	if (path[strlen(path) - 1] == '/')
		return lede_errf(err, "cannot save: names a folder, not a file");
	if (lstat(path, &lst) != 0) {
		if (errno != ENOENT)
			return lede_errf(err, "cannot save: %s", strerror(errno));
		return save_atomic(path, NULL, data, len, err);
	}
	if (stat(path, &st) != 0) {
		if (S_ISLNK(lst.st_mode) && errno == ENOENT)
			return lede_errf(err, "cannot save: a symbolic link to a missing file");
		return lede_errf(err, "cannot save: %s", strerror(errno));
	}
	if (S_ISDIR(st.st_mode))
		return lede_errf(err, "cannot save: is a folder");
	/* /dev/stdout and /proc/self/fd/N name whatever the descriptor is, even a
	 * regular file the shell opened: write into it, never rename over it. */
	if (!S_ISREG(st.st_mode) || is_special_tree(path))
		return save_direct(path, data, len, err);
	if (!S_ISLNK(lst.st_mode))
		return save_atomic(path, &st, data, len, err);
	if ((real = realpath(path, NULL)) == NULL)
		return lede_errf(err, "cannot resolve the symbolic link: %s", strerror(errno));
	if (is_special_tree(real))
		rc = save_direct(path, data, len, err);
	else
		rc = save_atomic(real, &st, data, len, err);
	free(real);
	return rc;
}
