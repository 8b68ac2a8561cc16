/* Theme files, the config file and key names. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "lede/conf.h"
#include "lede/keys.h"
#include "lede/kv.h"
#include "lede/theme.h"
#include "tap.h"

#define P(t, s, e) lede_theme_parse((t), (s), strlen(s), "x.theme", (e))

static void
test_styles(void)
{
	struct lede_style s;
	const char *why = NULL;

	ok(lede_style_parse("bold yellow on default", &s, &why) == 0, "bold yellow on default parses");
	ok(s.attrs == LEDE_ATTR_BOLD && s.fg == 3 && s.bg == LEDE_COLOR_DEFAULT, "into bold, fg 3");
	ok(lede_style_parse("238 on bright-blue", &s, &why) == 0 && s.fg == 238 && s.bg == 12,
	    "numbers and bright names");
	ok(lede_style_parse("underline reverse", &s, &why) == 0 &&
	    s.attrs == (LEDE_ATTR_UNDERLINE | LEDE_ATTR_REVERSE) && s.fg == LEDE_COLOR_DEFAULT,
	    "attributes alone");
	ok(lede_style_parse("256", &s, &why) != 0, "256 is not a colour");
	ok(lede_style_parse("red green", &s, &why) != 0, "two foregrounds are refused");
	ok(lede_style_parse("red on", &s, &why) != 0, "'on' needs a colour");
	ok(lede_style_parse("sparkly", &s, &why) != 0 && why != NULL, "unknown words say why");
}

static void
test_themes(void)
{
	struct lede_theme t, b;
	struct lede_err err;

	ok(P(&t, "# c\n\nperson = bold cyan\nquote.selected = reverse\n", &err) == 0, "a theme parses");
	ok(t.role[LEDE_ROLE_PERSON].fg == 6 && t.uses_color, "person is cyan");
	ok(t.role[LEDE_ROLE_QUOTE_SELECTED].attrs == LEDE_ATTR_REVERSE, "quote.selected is reverse");
	ok(P(&t, "person = bold\nnobody = bold\n", &err) != 0, "an unknown role fails");
	is_str(err.msg, "x.theme:2: unknown role 'nobody'", "with the file and line");
	ok(P(&t, "\n\nfact = red on\n", &err) != 0, "a bad style fails");
	is_str(err.msg, "x.theme:3: fact: 'on' must be followed by a colour", "and says why");
	ok(P(&t, "person bold\n", &err) != 0, "a line without = fails");
	ok(lede_theme_load(&t, "dark", &err) == 0, "the dark theme loads");
	lede_theme_builtin(&b);
	ok(memcmp(&t, &b, sizeof t) == 0, "the built-in theme is themes/dark.theme");
	ok(lede_theme_load(&t, "mono", &err) == 0, "the mono theme loads");
	ok(!t.uses_color, "and has no colour");
	for (int r = 0; r < LEDE_ROLE_COUNT; r++)
		if (t.role[r].attrs & ~(unsigned)(LEDE_ATTR_BOLD | LEDE_ATTR_UNDERLINE | LEDE_ATTR_REVERSE))
			ok(0, "mono role %s uses only bold, underline, reverse", lede_role_name(r));
	ok(lede_theme_load(&t, "light", &err) == 0, "the light theme loads");
	ok(lede_theme_load(&t, "nosuch", &err) != 0, "an unknown theme name fails");
	ok(lede_theme_load(&t, "/nonexistent/x.theme", &err) != 0, "a missing theme file fails");
}

static void
test_conf(void)
{
	struct lede_keymap km;
	struct lede_conf c;
	struct lede_err err;
	const char *good = "# comment\ntheme = light\nwidth = 72\npanel = off\nbind x quit\n"
	    "bind C-k line-up\nbind q none\n";

	lede_keymap_init(&km, &err);
	lede_conf_init(&c);
	ok(lede_conf_parse(&c, &km, good, strlen(good), "cfg", &err) == 0, "a config parses");
	is_str(c.theme, "light", "theme");
	is_int(c.width, 72, "width");
	is_int(c.panel, 0, "panel");
	is_int(lede_keymap_lookup(&km, 'x'), LEDE_REQ_QUIT, "bind x quit");
	is_int(lede_keymap_lookup(&km, LEDE_CTRL('k')), LEDE_REQ_LINE_UP, "bind C-k line-up");
	is_int(lede_keymap_lookup(&km, 'q'), LEDE_REQ_NONE, "bind q none unbinds");
	is_int(lede_keymap_lookup(&km, 'j'), LEDE_REQ_LINE_DOWN, "defaults stay");
	ok(lede_conf_parse(&c, &km, "width = 5\n", 10, "cfg", &err) != 0, "width 5 fails");
	is_str(err.msg, "cfg:1: width wants a number of columns from 20 to 1000", "with a reason");
	ok(lede_conf_parse(&c, &km, "\npanel = maybe\n", 14, "cfg", &err) != 0, "panel maybe fails");
	is_str(err.msg, "cfg:2: panel wants on or off", "with its line");
	ok(lede_conf_parse(&c, &km, "colour = 1\n", 11, "cfg", &err) != 0, "unknown settings fail");
	ok(lede_conf_parse(&c, &km, "bind Nope quit\n", 15, "cfg", &err) != 0, "unknown keys fail");
	is_str(err.msg, "cfg:1: unknown key 'Nope'", "and are named");
	ok(lede_conf_parse(&c, &km, "bind x\n", 7, "cfg", &err) != 0, "bind without a request fails");
	ok(lede_conf_parse(&c, &km, "theme = a\x01" "b\n", 12, "cfg", &err) != 0,
	    "a theme name with a control character fails");
	is_str(err.msg, "cfg:1: theme: a control character in the name", "and says so");
	lede_conf_free(&c);
	lede_keymap_free(&km);
}

static void
test_keys(void)
{
	static const char *names[] = { "j", "Space", "Tab", "Enter", "Esc", "PgDn", "Home", "F1",
	    "C-l", "]", "\xC3\xA9" };
	char buf[32];

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		int k = lede_key_parse(names[i]);

		lede_key_name(k, buf, sizeof buf);
		is_str(buf, names[i], "key name %s round-trips", names[i]);
	}
	is_int(lede_key_parse("^L"), LEDE_CTRL('l'), "^L is C-l");
	is_int(lede_key_parse("\x1b"), -1, "a raw control character is not a key name");
	is_int(lede_request_parse("next-quote"), LEDE_REQ_NEXT_QUOTE, "request names parse");
	is_str(lede_request_name(LEDE_REQ_SEARCH), "search", "and print");
	for (int r = 1; r < LEDE_REQ_COUNT; r++)
		ok(lede_request_help((enum lede_request)r)[0] != '\0', "%s has help text",
		    lede_request_name((enum lede_request)r));
}

static void
test_kv(void)
{
	static const char text[] = "# comment\n\n  width = 72 \r\nbare line\nlast=1";
	struct lede_err err = { "" };
	struct lede_kv kv;
	char *s, *k, *v;
	char big[LEDE_KV_LINE_MAX + 10];

	lede_kv_start(&kv, text, sizeof text - 1, "cfg");
	is_int(lede_kv_next(&kv, &s, &err), 1, "comments and blank lines are skipped");
	is_int(kv.lineno, 3, "and still counted");
	ok(lede_kv_split(s, &k, &v) == 0 && strcmp(k, "width") == 0 && strcmp(v, "72") == 0,
	    "key and value are trimmed, CR included");
	is_int(lede_kv_next(&kv, &s, &err), 1, "a line without '=' is still a line");
	is_int(lede_kv_split(s, &k, &v), -1, "which does not split");
	is_int(lede_kv_next(&kv, &s, &err), 1, "the last line needs no newline");
	is_int(lede_kv_next(&kv, &s, &err), 0, "then the end");
	memset(big, 'x', sizeof big);
	lede_kv_start(&kv, big, sizeof big, "cfg");
	is_int(lede_kv_next(&kv, &s, &err), -1, "an over-long line is an error");
	is_str(err.msg, "cfg:1: line too long", "naming the file and line");
	lede_kv_start(&kv, "a\0b\n", 4, "cfg");
	is_int(lede_kv_next(&kv, &s, &err), -1, "a NUL byte is an error");
}

int
main(void)
{
	test_kv();
	test_styles();
	test_themes();
	test_conf();
	test_keys();
	return tap_done();
}
