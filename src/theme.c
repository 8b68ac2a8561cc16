/* Theme files: `role = style` lines, parsed without a terminal. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "lede/buf.h"
#include "lede/kv.h"
#include "lede/paths.h"
#include "lede/text.h"
#include "lede/theme.h"

static const char *const role_names[LEDE_ROLE_COUNT] = {
#define NAME(id, name) [LEDE_ROLE_##id] = name,
	LEDE_ROLES(NAME)
#undef NAME
};

/* Kept equal to themes/dark.theme (a unit test compares them), so lede still
 * has colours when run from a folder without its data files. */
static const char builtin_dark[] =
	"normal = default\n"
	"title = bold bright-white\n"
	"byline = dim\n"
	"heading = bold bright-white\n"
	"blockquote = italic\n"
	"bar = 244\n"
	"bullet = yellow\n"
	"person = bold cyan\n"
	"place = green\n"
	"quote = yellow\n"
	"quote.selected = bold black on yellow\n"
	"fact = magenta\n"
	"note = underline bright-yellow on 236\n"
	"search = reverse bold\n"
	"status = reverse\n"
	"message = bold yellow on default\n"
	"prompt = default\n"
	"panel = default\n"
	"panel.heading = bold underline cyan\n"
	"panel.selected = reverse\n"
	"panel.border = 240\n"
	"help = default\n"
	"help.key = bold yellow\n";

static const char *const color_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

static const struct {
	const char *name;
	unsigned attr;
} attr_names[] = {
	{ "bold", LEDE_ATTR_BOLD }, { "dim", LEDE_ATTR_DIM },
	{ "underline", LEDE_ATTR_UNDERLINE }, { "reverse", LEDE_ATTR_REVERSE },
	{ "italic", LEDE_ATTR_ITALIC }, { "standout", LEDE_ATTR_STANDOUT },
};

const char *
lede_role_name(enum lede_role r)
{
	return (unsigned)r < LEDE_ROLE_COUNT ? role_names[r] : "?";
}

int
lede_role_parse(const char *name)
{
	for (int r = 0; r < LEDE_ROLE_COUNT; r++)
		if (strcmp(role_names[r], name) == 0)
			return r;
	return -1;
}

/* A colour word: a name, bright-NAME, "default" or 0-255; -2 when not one. */
static int
parse_color(const char *w)
{
	char *end;
	long v;

	if (strcasecmp(w, "default") == 0)
		return LEDE_COLOR_DEFAULT;
	if (w[0] >= '0' && w[0] <= '9') {
		v = strtol(w, &end, 10);
		return *end == '\0' && v <= 255 ? (int)v : -2;
	}
	if (strcasecmp(w, "grey") == 0 || strcasecmp(w, "gray") == 0)
		return 8;
	for (int i = 0; i < 8; i++) {
		if (strcasecmp(w, color_names[i]) == 0)
			return i;
		if (strncasecmp(w, "bright-", 7) == 0 && strcasecmp(w + 7, color_names[i]) == 0)
			return i + 8;
	}
	return -2;
}

int
lede_style_parse(const char *value, struct lede_style *out, const char **why)
{
	struct lede_style s = { 0, LEDE_COLOR_DEFAULT, LEDE_COLOR_DEFAULT };
	char word[64];
	const char *p = value;
	int seen_fg = 0, want_bg = 0, seen_bg = 0, c;
	size_t n;

	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		n = strcspn(p, " \t");
		if (n >= sizeof word) {
			*why = "a word is too long";
			return -1;
		}
		memcpy(word, p, n);
		word[n] = '\0';
		p += n;
		if (strcasecmp(word, "on") == 0) {
			if (want_bg || seen_bg) {
				*why = "'on' appears twice";
				return -1;
			}
			want_bg = 1;
			continue;
		}
		if (strcasecmp(word, "normal") == 0 || strcasecmp(word, "none") == 0)
			continue;
		size_t i;
		for (i = 0; i < sizeof attr_names / sizeof attr_names[0]; i++)
			if (strcasecmp(word, attr_names[i].name) == 0)
				break;
		if (i < sizeof attr_names / sizeof attr_names[0]) {
			if (want_bg) {
				*why = "'on' must be followed by a colour";
				return -1;
			}
			s.attrs |= attr_names[i].attr;
			continue;
		}
		if ((c = parse_color(word)) == -2) {
			*why = "unknown word (attributes: bold dim underline reverse italic standout; "
			    "colours: default, black..white, bright-NAME, 0-255; 'on' before a background)";
			return -1;
		}
		if (want_bg) {
			s.bg = (short)c;
			want_bg = 0;
			seen_bg = 1;
		} else if (seen_fg) {
			*why = "two foreground colours (write 'FG on BG')";
			return -1;
		} else {
			s.fg = (short)c;
			seen_fg = 1;
		}
	}
	if (want_bg) {
		*why = "'on' must be followed by a colour";
		return -1;
	}
	*out = s;
	return 0;
}

void
lede_printable_word(char *out, size_t size, const char *s, size_t n)
{
	char *t;

	if (size == 0)
		return;
	t = lede_text_normalize_dup(s, n > 40 ? 40 : n, 0);
	snprintf(out, size, "%s", t ? t : "?");
	free(t);
}

int
lede_theme_parse(struct lede_theme *t, const char *data, size_t len, const char *file,
    struct lede_err *err)
{
	char *s, *key, *val;
	const char *why;
	struct lede_style st;
	struct lede_kv kv;
	int role, rc;

	memset(t, 0, sizeof *t);
	for (int r = 0; r < LEDE_ROLE_COUNT; r++)
		t->role[r].fg = t->role[r].bg = LEDE_COLOR_DEFAULT;
	lede_kv_start(&kv, data, len, file);
	while ((rc = lede_kv_next(&kv, &s, err)) > 0) {
		if (lede_kv_split(s, &key, &val) != 0)
			return lede_errf(err, "%s:%d: expected 'role = style'", file, kv.lineno);
		if ((role = lede_role_parse(key)) < 0) {
			char w[128];

			lede_printable_word(w, sizeof w, key, strlen(key));
			return lede_errf(err, "%s:%d: unknown role '%s'", file, kv.lineno, w);
		}
		if (lede_style_parse(val, &st, &why) != 0)
			return lede_errf(err, "%s:%d: %s: %s", file, kv.lineno, key, why);
		t->role[role] = st;
		if (st.fg != LEDE_COLOR_DEFAULT || st.bg != LEDE_COLOR_DEFAULT)
			t->uses_color = 1;
	}
	return rc;
}

void
lede_theme_builtin(struct lede_theme *t)
{
	/* Cannot fail: the text is ours and the unit test parses it. */
	(void)lede_theme_parse(t, builtin_dark, sizeof builtin_dark - 1, "built-in", NULL);
}

int
lede_theme_load(struct lede_theme *t, const char *name, struct lede_err *err)
{
	size_t nlen = strlen(name), len;
	char *path, *data;
	struct stat st;
	int rc;

	if (nlen == 0)
		return lede_errf(err, "empty theme name");
	if (strchr(name, '/') != NULL || (nlen > 6 && strcmp(name + nlen - 6, ".theme") == 0)) {
		path = lede_strdup(name);
	} else {
		struct lede_buf rel = LEDE_BUF_INIT;

		lede_buf_lit(&rel, "themes/");
		lede_buf_adds(&rel, name);
		lede_buf_lit(&rel, ".theme");
		if (!lede_buf_ok(&rel)) {
			lede_buf_free(&rel);
			return lede_err_oom(err);
		}
		path = lede_data_path(rel.data, err);
		lede_buf_free(&rel);
		if (path == NULL)
			return -1;
		if (stat(path, &st) != 0) {
			free(path);
			if (strcmp(name, "dark") == 0) {
				lede_theme_builtin(t);
				return 0;
			}
			char w[128];

			lede_printable_word(w, sizeof w, name, nlen);
			return lede_errf(err, "no theme named '%s' (try dark, light, mono or a file path)",
			    w);
		}
	}
	if (path == NULL)
		return lede_err_oom(err);
	if (lede_read_small_file(path, &data, &len, err) != 0) {
		free(path);
		return -1;
	}
	rc = lede_theme_parse(t, data, len, path, err);
	free(data);
	free(path);
	return rc;
}
