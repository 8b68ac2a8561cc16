#include "config.h"

#include <string.h>

#include "lede/kv.h"

void
lede_kv_start(struct lede_kv *kv, const char *data, size_t len, const char *file)
{
	kv->p = data;
	kv->end = data + len;
	kv->file = file;
	kv->lineno = 0;
	kv->line[0] = '\0';
}

char *
lede_kv_trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

int
lede_kv_next(struct lede_kv *kv, char **s, struct lede_err *err)
{
	const char *nl;
	size_t n;

	while (kv->p < kv->end) {
		kv->lineno++;
		nl = memchr(kv->p, '\n', (size_t)(kv->end - kv->p));
		n = (size_t)((nl ? nl : kv->end) - kv->p);
		/* A bounded line keeps every later step on a fixed buffer; no real
		 * setting comes near the limit. */
		if (n >= sizeof kv->line)
			return lede_errf(err, "%s:%d: line too long", kv->file, kv->lineno);
		memcpy(kv->line, kv->p, n);
		kv->line[n] = '\0';
		kv->p = nl ? nl + 1 : kv->end;
		if (memchr(kv->line, '\0', n) != NULL)
			return lede_errf(err, "%s:%d: NUL byte in the line", kv->file, kv->lineno);
		*s = lede_kv_trim(kv->line);
		if (**s != '\0' && **s != '#')
			return 1;
	}
	return 0;
}

int
lede_kv_split(char *s, char **key, char **value)
{
	char *eq = strchr(s, '=');

	if (eq == NULL)
		return -1;
	*eq = '\0';
	*key = lede_kv_trim(s);
	*value = lede_kv_trim(eq + 1);
	return 0;
}
