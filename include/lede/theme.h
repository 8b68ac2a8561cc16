/* Themes: the drawing code asks for a role ("person", "quote.selected"),
 * never a colour; a theme file maps roles to styles. The format is in
 * doc/themes.md. Parsing needs no terminal; lede_scr_apply_theme (screen.h)
 * turns a theme into ncurses attributes. */
#ifndef LEDE_THEME_H
#define LEDE_THEME_H

#include <stddef.h>

#include "lede/err.h"

#define LEDE_ROLES(R) \
	R(NORMAL,         "normal") \
	R(TITLE,          "title") \
	R(BYLINE,         "byline") \
	R(HEADING,        "heading") \
	R(BLOCKQUOTE,     "blockquote") \
	R(BAR,            "bar") \
	R(BULLET,         "bullet") \
	R(PERSON,         "person") \
	R(PLACE,          "place") \
	R(QUOTE,          "quote") \
	R(QUOTE_SELECTED, "quote.selected") \
	R(FACT,           "fact") \
	R(NOTE,           "note") \
	R(SEARCH,         "search") \
	R(STATUS,         "status") \
	R(MESSAGE,        "message") \
	R(PROMPT,         "prompt") \
	R(PANEL,          "panel") \
	R(PANEL_HEADING,  "panel.heading") \
	R(PANEL_SELECTED, "panel.selected") \
	R(PANEL_BORDER,   "panel.border") \
	R(HELP,           "help") \
	R(HELP_KEY,       "help.key")

enum lede_role {
#define LEDE_ROLE_ENUM(id, name) LEDE_ROLE_##id,
	LEDE_ROLES(LEDE_ROLE_ENUM)
#undef LEDE_ROLE_ENUM
	LEDE_ROLE_COUNT
};

enum {
	LEDE_ATTR_BOLD = 1u << 0,
	LEDE_ATTR_DIM = 1u << 1,
	LEDE_ATTR_UNDERLINE = 1u << 2,
	LEDE_ATTR_REVERSE = 1u << 3,
	LEDE_ATTR_ITALIC = 1u << 4,
	LEDE_ATTR_STANDOUT = 1u << 5,
};

#define LEDE_COLOR_DEFAULT (-1)

struct lede_style {
	unsigned attrs;
	short fg, bg;          /* 0-255, or LEDE_COLOR_DEFAULT */
};

struct lede_theme {
	struct lede_style role[LEDE_ROLE_COUNT];
	int uses_color;        /* some role names a colour */
};

const char *lede_role_name(enum lede_role r);
/* -1 for an unknown role name. */
int lede_role_parse(const char *name);

/* Parses a value such as "bold yellow on default", "reverse", "238 on 16".
 * Returns 0, or -1 with *why set to a short reason. */
int lede_style_parse(const char *value, struct lede_style *out, const char **why);

/* Parses a whole theme file's text; `file` names it in messages
 * ("FILE:LINE: reason"). Roles the file leaves out stay plain. */
int lede_theme_parse(struct lede_theme *t, const char *data, size_t len, const char *file,
    struct lede_err *err);

/* Loads a theme by name ("dark", looked up as themes/NAME.theme in lede's data
 * folder) or by path (anything with a '/' or ending in ".theme"). The
 * built-in dark theme stands in when the default file is missing. */
int lede_theme_load(struct lede_theme *t, const char *name, struct lede_err *err);
/* The built-in theme: the same as themes/dark.theme. */
void lede_theme_builtin(struct lede_theme *t);

/* Copies at most 40 bytes of s (n bytes) into out as printable text, for
 * quoting a file's words in an error message: controls and invalid UTF-8
 * never reach the terminal through stderr. */
void lede_printable_word(char *out, size_t size, const char *s, size_t n);

#endif
