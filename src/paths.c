#include "config.h"

#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lede/buf.h"
#include "lede/paths.h"

static const char *
detect_root(void)
{
	static char exe[PATH_MAX];
	const char *env = getenv("LEDE_DATADIR");
	size_t blen = strlen(LEDE_ABS_BUILDDIR);
	ssize_t n;

	if (env != NULL && *env != '\0')
		return env;
	/* A binary that lives under the build tree it was built in is being run
	 * uninstalled (src/lede, a test, a benchmark): its data is still in the
	 * source tree. An installed copy lives elsewhere and reads pkgdatadir. */
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((size_t)n > blen && strncmp(exe, LEDE_ABS_BUILDDIR, blen) == 0 && exe[blen] == '/')
			return LEDE_ABS_SRCDIR;
	}
	return LEDE_PKGDATADIR;
}

const char *
lede_data_root(void)
{
	static const char *root;

	if (root == NULL)
		root = detect_root();
	return root;
}

static char *
join(const char *a, const char *b, const char *c, struct lede_err *err)
{
	struct lede_buf buf = LEDE_BUF_INIT;
	char *p;

	lede_buf_adds(&buf, a);
	lede_buf_addc(&buf, '/');
	lede_buf_adds(&buf, b);
	if (c != NULL) {
		lede_buf_addc(&buf, '/');
		lede_buf_adds(&buf, c);
	}
	if ((p = lede_buf_detach(&buf)) == NULL)
		lede_err_oom(err);
	return p;
}

char *
lede_data_path(const char *rel, struct lede_err *err)
{
	return join(lede_data_root(), rel, NULL, err);
}

static const char *
home_dir(void)
{
	const char *h = getenv("HOME");
	struct passwd *pw;

	if (h != NULL && *h == '/')
		return h;
	pw = getpwuid(getuid());
	return pw != NULL && pw->pw_dir != NULL ? pw->pw_dir : NULL;
}

/* XDG says a relative value is invalid and must be ignored. */
static char *
xdg(const char *var, const char *fallback, const char *leaf, struct lede_err *err)
{
	const char *v = getenv(var), *home;
	char *base, *p;

	if (v != NULL && v[0] == '/')
		return join(v, "lede", leaf, err);
	if ((home = home_dir()) == NULL) {
		lede_errf(err, "cannot find the home folder (HOME is not set)");
		return NULL;
	}
	if ((base = join(home, fallback, NULL, err)) == NULL)
		return NULL;
	p = join(base, "lede", leaf, err);
	free(base);
	return p;
}

char *
lede_config_file(struct lede_err *err)
{
	return xdg("XDG_CONFIG_HOME", ".config", "config", err);
}

char *
lede_data_home(struct lede_err *err)
{
	return xdg("XDG_DATA_HOME", ".local/share", NULL, err);
}

int
lede_mkdirs(const char *dir, struct lede_err *err)
{
	char *p, *s;

	if ((p = lede_strdup(dir)) == NULL)
		return lede_err_oom(err);
	for (s = p + 1; ; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;

			*s = '\0';
			if (mkdir(p, 0700) != 0 && errno != EEXIST) {
				lede_errf(err, "%s: %s", p, strerror(errno));
				free(p);
				return -1;
			}
			*s = c;
			if (c == '\0')
				break;
		}
	}
	free(p);
	return 0;
}

int
lede_data_read(const char *path, unsigned char **out, size_t *size, struct lede_err *err)
{
	FILE *f;
	long n;
	unsigned char *m;

	if ((f = fopen(path, "rb")) == NULL)
		return lede_errf(err, "cannot open %s: %s (lede's data files are missing; "
		    "reinstall lede or set LEDE_DATADIR)", path, strerror(errno));
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
		fclose(f);
		return lede_errf(err, "cannot read %s", path);
	}
	/* 8 bytes of slack keep the tables after the header aligned. */
	if ((m = aligned_alloc(16, ((size_t)n + 16) & ~(size_t)15)) == NULL) {
		fclose(f);
		return lede_err_oom(err);
	}
	if (fread(m, 1, (size_t)n, f) != (size_t)n) {
		fclose(f);
		free(m);
		return lede_errf(err, "cannot read %s", path);
	}
	fclose(f);
	*out = m;
	*size = (size_t)n;
	return 0;
}

int
lede_read_small_file(const char *path, char **out, size_t *len, struct lede_err *err)
{
	struct lede_buf b = LEDE_BUF_INIT;
	char chunk[4096];
	size_t n;
	FILE *f;

	if ((f = fopen(path, "rb")) == NULL)
		return lede_errf(err, "%s: %s", path, strerror(errno));
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		lede_buf_add(&b, chunk, n);
		if (b.len > (1u << 20)) {
			fclose(f);
			lede_buf_free(&b);
			return lede_errf(err, "%s: larger than 1 MiB", path);
		}
	}
	if (ferror(f)) {
		fclose(f);
		lede_buf_free(&b);
		return lede_errf(err, "%s: %s", path, strerror(errno));
	}
	fclose(f);
	lede_buf_addc(&b, '\0');
	if (!lede_buf_ok(&b)) {
		lede_buf_free(&b);
		return lede_err_oom(err);
	}
	*len = b.len - 1;
	*out = lede_buf_detach(&b);
	return 0;
}
