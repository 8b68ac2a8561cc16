/* The request table expanded into names, help and default bindings. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lede/buf.h"
#include "lede/keys.h"
#include "lede/text.h"

static const char *const req_names[LEDE_REQ_COUNT] = {
	[LEDE_REQ_NONE] = "none",
#define NAME(id, name, help, ...) [LEDE_REQ_##id] = name,
	LEDE_REQUESTS(NAME)
#undef NAME
};

static const char *const req_help[LEDE_REQ_COUNT] = {
	[LEDE_REQ_NONE] = "",
#define HELP(id, name, help, ...) [LEDE_REQ_##id] = help,
	LEDE_REQUESTS(HELP)
#undef HELP
};

/* Each request's default keys, ended by 0 (no key is code point 0). */
#define KEYS(id, name, help, ...) static const int keys_##id[] = { __VA_ARGS__, 0 };
LEDE_REQUESTS(KEYS)
#undef KEYS

static const int *const req_keys[LEDE_REQ_COUNT] = {
	[LEDE_REQ_NONE] = NULL,
#define KEYP(id, name, help, ...) [LEDE_REQ_##id] = keys_##id,
	LEDE_REQUESTS(KEYP)
#undef KEYP
};

static const struct {
	const char *name;
	int key;
} key_names[] = {
	{ "Space", ' ' }, { "Tab", '\t' }, { "Enter", '\n' }, { "Return", '\r' },
	{ "Esc", LEDE_KEY_ESC }, { "Backspace", LEDE_KEY_FN(KEY_BACKSPACE) },
	{ "Up", LEDE_KEY_FN(KEY_UP) }, { "Down", LEDE_KEY_FN(KEY_DOWN) },
	{ "Left", LEDE_KEY_FN(KEY_LEFT) }, { "Right", LEDE_KEY_FN(KEY_RIGHT) },
	{ "PgUp", LEDE_KEY_FN(KEY_PPAGE) }, { "PgDn", LEDE_KEY_FN(KEY_NPAGE) },
	{ "Home", LEDE_KEY_FN(KEY_HOME) }, { "End", LEDE_KEY_FN(KEY_END) },
	{ "KeypadEnter", LEDE_KEY_FN(KEY_ENTER) }, { "Delete", LEDE_KEY_FN(KEY_DC) },
	{ "Insert", LEDE_KEY_FN(KEY_IC) },
};

const char *
lede_request_name(enum lede_request r)
{
	return (unsigned)r < LEDE_REQ_COUNT ? req_names[r] : "none";
}

const char *
lede_request_help(enum lede_request r)
{
	return (unsigned)r < LEDE_REQ_COUNT ? req_help[r] : "";
}

enum lede_request
lede_request_parse(const char *name)
{
	for (int r = 1; r < LEDE_REQ_COUNT; r++)
		if (strcmp(req_names[r], name) == 0)
			return (enum lede_request)r;
	return LEDE_REQ_NONE;
}

int
lede_key_parse(const char *name)
{
	size_t n = strlen(name), adv;
	uint32_t cp;
	char *end;
	long f;

	if (n == 0)
		return -1;
	for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (strcasecmp(key_names[i].name, name) == 0)
			return key_names[i].key;
	if ((name[0] == 'F' || name[0] == 'f') && n > 1 && name[1] >= '1' && name[1] <= '9') {
		f = strtol(name + 1, &end, 10);
		if (*end == '\0' && f >= 1 && f <= 24)
			return LEDE_KEY_FN(KEY_F(f));
	}
	if (n == 3 && (strncmp(name, "C-", 2) == 0 || strncmp(name, "c-", 2) == 0) &&
	    ((name[2] >= 'a' && name[2] <= 'z') || (name[2] >= 'A' && name[2] <= 'Z')))
		return LEDE_CTRL(name[2]);
	if (n == 2 && name[0] == '^' && ((name[1] >= 'a' && name[1] <= 'z') ||
	    (name[1] >= 'A' && name[1] <= 'Z') || name[1] == '[' || name[1] == ']'))
		return LEDE_CTRL(name[1]);
	cp = lede_utf8_next(name, n, &adv);
	if (adv != n || cp == LEDE_REPLACEMENT || lede_cp_is_forbidden(cp) || cp == ' ')
		return -1;
	return (int)cp;
}

void
lede_key_name(int key, char *out, size_t size)
{
	char u[5];

	for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (key_names[i].key == key && key != '\r') {
			snprintf(out, size, "%s", key_names[i].name);
			return;
		}
	if (key == '\r') {
		snprintf(out, size, "Enter");
		return;
	}
	if (key & LEDE_KEY_FN(0)) {
		int k = key & ~LEDE_KEY_FN(0);

		if (k >= KEY_F(1) && k <= KEY_F(24))
			snprintf(out, size, "F%d", k - KEY_F0);
		else
			snprintf(out, size, "key-%d", k);
		return;
	}
	if (key > 0 && key < 32) {
		snprintf(out, size, "C-%c", key + 'a' - 1);
		return;
	}
	if (key <= 0 || key > 0x10FFFF || lede_cp_is_forbidden((uint32_t)key)) {
		snprintf(out, size, "?");
		return;
	}
	u[lede_utf8_put(u, (uint32_t)key)] = '\0';
	snprintf(out, size, "%s", u);
}

int
lede_keymap_bind(struct lede_keymap *m, int key, enum lede_request req, struct lede_err *err)
{
	for (size_t i = 0; i < m->n; i++)
		if (m->v[i].key == key) {
			m->v[i].req = req;
			return 0;
		}
	if (!lede_grow(&m->v, &m->cap, m->n + 1, sizeof *m->v))
		return lede_err_oom(err);
	m->v[m->n].key = key;
	m->v[m->n].req = req;
	m->n++;
	return 0;
}

int
lede_keymap_init(struct lede_keymap *m, struct lede_err *err)
{
	memset(m, 0, sizeof *m);
	for (int r = 1; r < LEDE_REQ_COUNT; r++)
		for (const int *k = req_keys[r]; *k != 0; k++)
			if (lede_keymap_bind(m, *k, (enum lede_request)r, err) != 0) {
				lede_keymap_free(m);
				return -1;
			}
	return 0;
}

enum lede_request
lede_keymap_lookup(const struct lede_keymap *m, int key)
{
	for (size_t i = 0; i < m->n; i++)
		if (m->v[i].key == key)
			return m->v[i].req;
	return LEDE_REQ_NONE;
}

void
lede_keymap_free(struct lede_keymap *m)
{
	free(m->v);
	memset(m, 0, sizeof *m);
}

void
lede_keymap_keys(const struct lede_keymap *m, enum lede_request r, char *out, size_t size)
{
	size_t len = 0;
	char name[32];

	if (size == 0)
		return;
	out[0] = '\0';
	for (size_t i = 0; i < m->n; i++) {
		if (m->v[i].req != r || m->v[i].key == '\r')
			continue;
		lede_key_name(m->v[i].key, name, sizeof name);
		int w = snprintf(out + len, size - len, "%s%s", len > 0 ? ", " : "", name);
		if (w < 0 || (size_t)w >= size - len)
			break;
		len += (size_t)w;
	}
}
