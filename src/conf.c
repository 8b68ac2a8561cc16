/* The user's config file. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lede/buf.h"
#include "lede/conf.h"
#include "lede/kv.h"
#include "lede/paths.h"
#include "lede/theme.h"

void
lede_conf_init(struct lede_conf *c)
{
	c->theme = NULL;
	c->width = 0;
	c->panel = -1;
}

void
lede_conf_free(struct lede_conf *c)
{
	free(c->theme);
	lede_conf_init(c);
}

/* `bind KEY REQUEST`: the key is one word, the request the rest. */
static int
parse_bind(struct lede_keymap *km, char *args, const char *file, int lineno,
    struct lede_err *err)
{
	char *key = lede_kv_trim(args), *req, w[128];
	enum lede_request r;
	int k;

	req = key + strcspn(key, " \t");
	if (*req == '\0')
		return lede_errf(err, "%s:%d: expected 'bind KEY REQUEST'", file, lineno);
	*req++ = '\0';
	req = lede_kv_trim(req);
	if ((k = lede_key_parse(key)) < 0) {
		lede_printable_word(w, sizeof w, key, strlen(key));
		return lede_errf(err, "%s:%d: unknown key '%s'", file, lineno, w);
	}
	if ((r = lede_request_parse(req)) == LEDE_REQ_NONE && strcmp(req, "none") != 0) {
		lede_printable_word(w, sizeof w, req, strlen(req));
		return lede_errf(err, "%s:%d: unknown request '%s' (press ? in the pager for the list)",
		    file, lineno, w);
	}
	if (km != NULL && lede_keymap_bind(km, k, r, err) != 0)
		return -1;
	return 0;
}

static int
parse_setting(struct lede_conf *c, const char *key, const char *val, const char *file,
    int lineno, struct lede_err *err)
{
	char *end, w[128];
	long v;

	if (strcmp(key, "theme") == 0) {
		if (*val == '\0')
			return lede_errf(err, "%s:%d: theme wants a name or a path", file, lineno);
		/* The name ends up in messages on the terminal. */
		for (const char *c2 = val; *c2 != '\0'; c2++)
			if ((unsigned char)*c2 < 0x20 || *c2 == 0x7f)
				return lede_errf(err, "%s:%d: theme: a control character in the name",
				    file, lineno);
		free(c->theme);
		if ((c->theme = lede_strdup(val)) == NULL)
			return lede_err_oom(err);
		return 0;
	}
	if (strcmp(key, "width") == 0) {
		errno = 0;
		v = strtol(val, &end, 10);
		if (errno != 0 || end == val || *end != '\0' || v < 20 || v > 1000)
			return lede_errf(err, "%s:%d: width wants a number of columns from 20 to 1000",
			    file, lineno);
		c->width = (int)v;
		return 0;
	}
	if (strcmp(key, "panel") == 0) {
		if (strcmp(val, "on") == 0 || strcmp(val, "yes") == 0 || strcmp(val, "true") == 0)
			c->panel = 1;
		else if (strcmp(val, "off") == 0 || strcmp(val, "no") == 0 || strcmp(val, "false") == 0)
			c->panel = 0;
		else
			return lede_errf(err, "%s:%d: panel wants on or off", file, lineno);
		return 0;
	}
	lede_printable_word(w, sizeof w, key, strlen(key));
	return lede_errf(err, "%s:%d: unknown setting '%s' (theme, width, panel, bind)",
	    file, lineno, w);
}

int
lede_conf_parse(struct lede_conf *c, struct lede_keymap *km, const char *data, size_t len,
    const char *file, struct lede_err *err)
{
	struct lede_kv kv;
	char *s, *key, *val;
	int rc;

	lede_kv_start(&kv, data, len, file);
	while ((rc = lede_kv_next(&kv, &s, err)) > 0) {
		if (strncmp(s, "bind", 4) == 0 && (s[4] == ' ' || s[4] == '\t')) {
			if (parse_bind(km, s + 5, file, kv.lineno, err) != 0)
				return -1;
			continue;
		}
		if (lede_kv_split(s, &key, &val) != 0)
			return lede_errf(err, "%s:%d: expected 'setting = value' or 'bind KEY REQUEST'",
			    file, kv.lineno);
		if (parse_setting(c, key, val, file, kv.lineno, err) != 0)
			return -1;
	}
	return rc;
}

int
lede_conf_load(struct lede_conf *c, struct lede_keymap *km, struct lede_err *err)
{
	char *path, *data;
	struct stat st;
	size_t len;
	int rc;

	if ((path = lede_config_file(err)) == NULL)
		return 0;   /* no home folder: there is no config to read */
	if (stat(path, &st) != 0 && errno == ENOENT) {
		free(path);
		return 0;
	}
	if (lede_read_small_file(path, &data, &len, err) != 0) {
		free(path);
		return -1;
	}
	rc = lede_conf_parse(c, km, data, len, path, err);
	free(data);
	free(path);
	return rc;
}
