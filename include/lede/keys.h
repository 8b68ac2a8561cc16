/* The pager's requests and their keys. One table (an X-macro) generates the
 * request enum, the request names used by `bind` in the config file, the
 * default bindings and the help screen, so none of them can drift apart. */
#ifndef LEDE_KEYS_H
#define LEDE_KEYS_H

#include <stddef.h>

#include "lede/err.h"

/* A key is a Unicode code point, or an ncurses function key code (KEY_DOWN,
 * KEY_F(1)...) with LEDE_KEY_FN set, so the two ranges never collide. */
#define LEDE_KEY_FN(k)  ((int)(k) | 0x1000000)
#define LEDE_CTRL(c)    ((c) & 0x1f)
#define LEDE_KEY_ESC    27

/* R(ID, "name", "help text", default keys...). The ncurses KEY_* codes are
 * only expanded where the table is used, in keys.c, which includes curses.h. */
#define LEDE_REQUESTS(R) \
	R(LINE_DOWN,  "line-down",  "Down one line (in the panel: next item)", \
	    'j', LEDE_KEY_FN(KEY_DOWN), LEDE_CTRL('n'), LEDE_CTRL('e')) \
	R(LINE_UP,    "line-up",    "Up one line (in the panel: previous item)", \
	    'k', LEDE_KEY_FN(KEY_UP), LEDE_CTRL('p'), LEDE_CTRL('y')) \
	R(PAGE_DOWN,  "page-down",  "Down one page", \
	    ' ', LEDE_KEY_FN(KEY_NPAGE), 'f', LEDE_CTRL('f')) \
	R(PAGE_UP,    "page-up",    "Up one page", \
	    'b', LEDE_KEY_FN(KEY_PPAGE), LEDE_CTRL('b')) \
	R(HALF_DOWN,  "half-down",  "Down half a page", 'd', LEDE_CTRL('d')) \
	R(HALF_UP,    "half-up",    "Up half a page", 'u', LEDE_CTRL('u')) \
	R(TOP,        "top",        "Go to the top", 'g', LEDE_KEY_FN(KEY_HOME), '<') \
	R(BOTTOM,     "bottom",     "Go to the end", 'G', LEDE_KEY_FN(KEY_END), '>') \
	R(NEXT_PARA,  "next-paragraph", "Next paragraph", '}') \
	R(PREV_PARA,  "prev-paragraph", "Previous paragraph", '{') \
	R(NEXT_QUOTE, "next-quote", "Next quote (shows quote K/N)", ']') \
	R(PREV_QUOTE, "prev-quote", "Previous quote", '[') \
	R(SEARCH,     "search",     "Search forward (Enter runs, Esc cancels)", '/') \
	R(NEXT_MATCH, "next-match", "Next match, or next mention of the panel's pick", 'n') \
	R(PREV_MATCH, "prev-match", "Previous match or mention", 'N') \
	R(FOCUS,      "focus",      "Move focus between the article and the panel", '\t') \
	R(PANEL,      "panel",      "Show or hide the panel", 'p') \
	R(ENTER,      "enter",      "In the panel: jump to the item; else down one line", \
	    '\n', '\r', LEDE_KEY_FN(KEY_ENTER)) \
	R(MARK,       "mark",       "Highlight the current quote or the top paragraph (again: remove)", 'm') \
	R(NOTE,       "note",       "Add a note to the current quote or the top paragraph", 'a') \
	R(SAVE,       "save",       "Save an annotated copy (.md, .html, .json, .txt)", 's') \
	R(OPEN,       "open",       "Open the source in $BROWSER", 'o') \
	R(COMMAND,    "command",    "Command: :n next document, :p previous, :q quit", ':') \
	R(NEXT_DOC,   "next-doc",   "Next document", LEDE_KEY_FN(KEY_F(8))) \
	R(PREV_DOC,   "prev-doc",   "Previous document", LEDE_KEY_FN(KEY_F(7))) \
	R(REDRAW,     "redraw",     "Redraw the screen", LEDE_CTRL('l')) \
	R(HELP,       "help",       "This help (any key closes it)", '?', LEDE_KEY_FN(KEY_F(1)), 'h') \
	R(QUIT,       "quit",       "Quit (all documents)", 'q', 'Q')

enum lede_request {
	LEDE_REQ_NONE,
#define LEDE_REQ_ENUM(id, name, help, ...) LEDE_REQ_##id,
	LEDE_REQUESTS(LEDE_REQ_ENUM)
#undef LEDE_REQ_ENUM
	LEDE_REQ_COUNT
};

struct lede_binding {
	int key;
	enum lede_request req;
};

/* The current key map: defaults first, then the user's `bind` lines. */
struct lede_keymap {
	struct lede_binding *v;
	size_t n, cap;
};

const char *lede_request_name(enum lede_request r);
const char *lede_request_help(enum lede_request r);
/* LEDE_REQ_NONE for an unknown name. */
enum lede_request lede_request_parse(const char *name);

/* Key names: a character ("j", "]", "é"), "Space", "Tab", "Enter", "Esc",
 * "Backspace", "Up", "Down", "Left", "Right", "PgUp", "PgDn", "Home", "End",
 * "F1".."F12", "C-x" or "^x" for control keys. Returns -1 when unknown. */
int lede_key_parse(const char *name);
/* Writes the key's name into out (at least 16 bytes). */
void lede_key_name(int key, char *out, size_t size);

int lede_keymap_init(struct lede_keymap *m, struct lede_err *err);
/* Binds key to req, replacing what the key did before; LEDE_REQ_NONE unbinds. */
int lede_keymap_bind(struct lede_keymap *m, int key, enum lede_request req, struct lede_err *err);
enum lede_request lede_keymap_lookup(const struct lede_keymap *m, int key);
void lede_keymap_free(struct lede_keymap *m);

/* The keys bound to r, as "j, Down, C-n" (up to size bytes). */
void lede_keymap_keys(const struct lede_keymap *m, enum lede_request r, char *out, size_t size);

#endif
