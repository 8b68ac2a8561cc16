/* libFuzzer harness for the pager's text files: the config file (with its
 * `bind` lines) and theme files. Both come from the user's disk, but a
 * downloaded theme is as untrusted as a page. Whatever they hold, parsing
 * must end in 0 or a clean error, never in a crash, a leak or a style
 * outside what the terminal can take. The first byte picks the parser. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lede/conf.h"
#include "lede/err.h"
#include "lede/keys.h"
#include "lede/theme.h"

#include "check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_style(const struct lede_style *s)
{
	FUZZ_ASSERT(s->fg == LEDE_COLOR_DEFAULT || (s->fg >= 0 && s->fg <= 255));
	FUZZ_ASSERT(s->bg == LEDE_COLOR_DEFAULT || (s->bg >= 0 && s->bg <= 255));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lede_err err;
	const char *text;
	char *copy;
	unsigned pick;

	if (size == 0)
		return 0;
	pick = data[0];
	/* The parsers read the text of a file, which the reader NUL-terminates. */
	if ((copy = malloc(size)) == NULL)
		return 0;
	memcpy(copy, data + 1, size - 1);
	copy[size - 1] = '\0';
	text = copy;

	if (pick & 1) {
		struct lede_theme t;
		const char *why = NULL;
		struct lede_style st;

		memset(&t, 0, sizeof t);
		if (lede_theme_parse(&t, text, size - 1, "fuzz.theme", &err) == 0) {
			for (int r = 0; r < LEDE_ROLE_COUNT; r++)
				check_style(&t.role[r]);
		} else {
			fuzz_check_str(err.msg, 0);
		}
		if (lede_style_parse(text, &st, &why) == 0)
			check_style(&st);
		else
			FUZZ_ASSERT(why != NULL);
		(void)lede_role_parse(text);
	} else {
		struct lede_conf c;
		struct lede_keymap km;

		lede_conf_init(&c);
		if (lede_keymap_init(&km, &err) == 0) {
			if (lede_conf_parse(&c, (pick & 2) ? &km : NULL, text, size - 1,
			    "fuzz.conf", &err) == 0) {
				FUZZ_ASSERT(c.width == 0 || (c.width >= 20 && c.width <= 1000));
				FUZZ_ASSERT(c.panel >= -1 && c.panel <= 1);
				/* A theme path may be any bytes (it names a file), but
				 * not control characters: it ends up in messages. */
				for (const char *t = c.theme; t != NULL && *t != '\0'; t++)
					FUZZ_ASSERT((unsigned char)*t >= 0x20 && *t != 0x7f);
			}
			lede_keymap_free(&km);
		}
		lede_conf_free(&c);
		(void)lede_key_parse(text);
	}
	free(copy);
	return 0;
}
