/* Reading a saved JSON copy back. A copy is a file anyone may have edited, so
 * it is checked as hostile input: every field's type, every span against its
 * text and UTF-8 boundaries, every speaker against the people, the nesting
 * depth, and every string for control characters. The first problem found is
 * reported by its path in the JSON ("people[2].mentions[0].end: ..."). */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <json-c/json.h>

#include "lede/buf.h"
#include "lede/copy.h"
#include "lede/export.h"
#include "lede/note.h"
#include "lede/paths.h"
#include "lede/save.h"
#include "lede/text.h"

#define COPY_MAX_DEPTH 64
/* How far into the data lede_copy_looks_like searches for the key. */
#define LOOKS_WINDOW (1u << 20)

bool
lede_copy_looks_like(const char *data, size_t len)
{
	size_t i = 0;

	/* A UTF-8 byte order mark is tolerated: some editors add one. */
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r'))
		i++;
	if (i >= len || data[i] != '{')
		return false;
	return memmem(data + i, len - i < LOOKS_WINDOW ? len - i : LOOKS_WINDOW,
	    "\"paragraphs\"", 12) != NULL;
}

struct rd {
	struct lede_doc *doc;
	struct lede_err *err;
	char where[160];         /* the JSON path of the object being read */
};

static int __attribute__((format(printf, 3, 4)))
bad(struct rd *r, const char *field, const char *fmt, ...)
{
	char msg[320];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return lede_errf(r->err, "damaged copy: %s%s%s: %s", r->where,
	    *r->where && field ? "." : "", field ? field : "", msg);
}

static void __attribute__((format(printf, 2, 3)))
at(struct rd *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->where, sizeof r->where, fmt, ap);
	va_end(ap);
}

static const char *
type_name(json_object *o)
{
	switch (json_object_get_type(o)) {
	case json_type_null: return "null";
	case json_type_boolean: return "true/false";
	case json_type_double: return "a fraction";
	case json_type_int: return "a number";
	case json_type_object: return "an object";
	case json_type_array: return "a list";
	case json_type_string: return "a string";
	}
	return "something else";
}

/* Finds a key; a missing key and a null value both give NULL. */
static json_object *
field(json_object *obj, const char *key)
{
	json_object *v;

	return json_object_object_get_ex(obj, key, &v) ? v : NULL;
}

enum str_flags {
	STR_NULLABLE = 1u << 0,
	STR_VERBATIM = 1u << 1,  /* offsets point into it: check, never rewrite */
	STR_LINES = 1u << 2,     /* newlines allowed (preformatted text) */
	STR_REQUIRED = 1u << 3,
};

/* Finds the first character a copy may not hold: invalid UTF-8, a control
 * (the same set the normaliser strips) or, in verbatim text, an invisible
 * one the normaliser would have removed. */
static int
check_text(struct rd *r, const char *name, const char *s, size_t n, unsigned flags)
{
	size_t i = 0, adv;
	uint32_t cp;

	while (i < n) {
		cp = lede_utf8_next(s + i, n - i, &adv);
		if (cp == LEDE_REPLACEMENT && adv == 1)
			return bad(r, name, "invalid UTF-8 at byte %zu", i);
		if (cp == '\n' && (flags & STR_LINES)) {
			i += adv;
			continue;
		}
		if (lede_cp_is_forbidden(cp))
			return bad(r, name, "control character U+%04X at byte %zu", (unsigned)cp, i);
		if ((flags & STR_VERBATIM) && lede_cp_is_invisible(cp))
			return bad(r, name, "invisible character U+%04X at byte %zu", (unsigned)cp, i);
		i += adv;
	}
	return 0;
}

/* Reads obj.name as a string into *out (malloc'd; NULL for null/missing when
 * allowed). Text that no offset points into goes through the normaliser. */
static int
get_str(struct rd *r, json_object *obj, const char *name, unsigned flags, char **out)
{
	json_object *v = field(obj, name);
	const char *s;
	size_t n;

	*out = NULL;
	if (v == NULL) {
		if (flags & STR_REQUIRED)
			return bad(r, name, "missing");
		return 0;
	}
	if (!json_object_is_type(v, json_type_string)) {
		if ((flags & STR_NULLABLE) && !(flags & STR_REQUIRED))
			return bad(r, name, "should be a string or null, not %s", type_name(v));
		return bad(r, name, "should be a string, not %s", type_name(v));
	}
	s = json_object_get_string(v);
	n = (size_t)json_object_get_string_len(v);
	if (check_text(r, name, s, n, flags) != 0)
		return -1;
	*out = (flags & STR_VERBATIM) ? lede_strndup(s, n) :
	    lede_text_normalize_dup(s, n, (flags & STR_LINES) ? LEDE_NORM_KEEP_LINES : 0);
	if (*out == NULL)
		return lede_err_oom(r->err);
	return 0;
}

static int
get_array(struct rd *r, json_object *obj, const char *name, bool required, json_object **out,
    size_t *n)
{
	json_object *v = field(obj, name);

	*out = NULL;
	*n = 0;
	if (v == NULL)
		return required ? bad(r, name, "missing") : 0;
	if (!json_object_is_type(v, json_type_array))
		return bad(r, name, "should be a list, not %s", type_name(v));
	*out = v;
	*n = json_object_array_length(v);
	return 0;
}

static int
get_bool(struct rd *r, json_object *obj, const char *name, bool *out)
{
	json_object *v = field(obj, name);

	*out = false;
	if (v == NULL)
		return 0;
	if (!json_object_is_type(v, json_type_boolean))
		return bad(r, name, "should be true or false, not %s", type_name(v));
	*out = json_object_get_boolean(v);
	return 0;
}

static int
get_int(struct rd *r, json_object *obj, const char *name, int64_t min, int64_t max,
    int64_t *out)
{
	json_object *v = field(obj, name);

	if (v == NULL)
		return bad(r, name, "missing");
	if (!json_object_is_type(v, json_type_int))
		return bad(r, name, "should be a whole number, not %s", type_name(v));
	errno = 0;
	*out = json_object_get_int64(v);
	if (errno != 0 || *out < min || *out > max)
		return bad(r, name, "%s is out of range (%lld to %lld)", json_object_get_string(v),
		    (long long)min, (long long)max);
	return 0;
}

static bool
is_cont(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

/* paragraph/start/end of obj: a paragraph that exists (or -1, the title),
 * offsets within it, on character boundaries. */
static int
get_span(struct rd *r, json_object *obj, struct lede_span *s)
{
	const struct lede_doc *d = r->doc;
	int64_t para, start, end;
	const char *t;
	size_t len;

	if (get_int(r, obj, "paragraph", LEDE_TITLE, (int64_t)d->nparas - 1, &para) != 0)
		return -1;
	t = lede_doc_text(d, (int)para, &len);
	if (get_int(r, obj, "start", 0, (int64_t)len, &start) != 0 ||
	    get_int(r, obj, "end", 0, (int64_t)len, &end) != 0)
		return -1;
	if (start > end)
		return bad(r, "end", "%lld comes before start %lld", (long long)end, (long long)start);
	if ((size_t)start < len && is_cont((unsigned char)t[start]))
		return bad(r, "start", "%lld splits a UTF-8 character", (long long)start);
	if ((size_t)end < len && is_cont((unsigned char)t[end]))
		return bad(r, "end", "%lld splits a UTF-8 character", (long long)end);
	s->para = (int)para;
	s->start = (size_t)start;
	s->end = (size_t)end;
	return 0;
}

static int
want_object(struct rd *r, json_object *v)
{
	if (!json_object_is_type(v, json_type_object))
		return bad(r, NULL, "should be an object, not %s", type_name(v));
	return 0;
}

static int
read_meta(struct rd *r, json_object *root)
{
	static const struct { const char *key; size_t off; } meta[] = {
		{ "url", offsetof(struct lede_doc, url) },
		{ "byline", offsetof(struct lede_doc, byline) },
		{ "site", offsetof(struct lede_doc, site) },
		{ "published", offsetof(struct lede_doc, published) },
		{ "lang", offsetof(struct lede_doc, lang) },
		{ "saved", offsetof(struct lede_doc, saved) },
	};
	size_t i;
	char *s;

	if (get_str(r, root, "title", STR_VERBATIM | STR_REQUIRED, &r->doc->title) != 0)
		return -1;
	for (i = 0; i < sizeof meta / sizeof meta[0]; i++) {
		if (get_str(r, root, meta[i].key, STR_NULLABLE, &s) != 0)
			return -1;
		*(char **)(void *)((char *)r->doc + meta[i].off) = s;
	}
	if (r->doc->lang != NULL) {
		for (s = r->doc->lang; *s; s++)
			if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
			    (*s >= '0' && *s <= '9') || *s == '-'))
				return bad(r, "lang", "is not a language tag");
		if (strlen(r->doc->lang) > 35)
			return bad(r, "lang", "is not a language tag");
	}
	return 0;
}

static int
read_paras(struct rd *r, json_object *root)
{
	json_object *arr, *p, *k;
	enum lede_kind kind;
	size_t n, i;
	char *text;
	int rc;

	if (get_array(r, root, "paragraphs", true, &arr, &n) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		at(r, "paragraphs[%zu]", i);
		p = json_object_array_get_idx(arr, i);
		if (want_object(r, p) != 0)
			return -1;
		kind = LEDE_PARA_TEXT;
		if ((k = field(p, "kind")) != NULL) {
			if (!json_object_is_type(k, json_type_string))
				return bad(r, "kind", "should be a string, not %s", type_name(k));
			if (lede_kind_parse(json_object_get_string(k), &kind) != 0)
				return bad(r, "kind", "unknown kind (text, heading, blockquote, "
				    "list-item or preformatted)");
		}
		if (get_str(r, p, "text", STR_VERBATIM | STR_REQUIRED |
		    (kind == LEDE_PARA_PRE ? STR_LINES : 0), &text) != 0)
			return -1;
		rc = lede_doc_add_para(r->doc, kind, text, strlen(text));
		free(text);
		if (rc != 0)
			return lede_err_oom(r->err);
	}
	r->where[0] = '\0';
	return 0;
}

static int
read_strv(struct rd *r, json_object *obj, const char *name, struct lede_entity *e,
    int (*add)(struct lede_entity *, const char *))
{
	json_object *arr, *v;
	size_t n, i;
	char *s;
	int rc;

	if (get_array(r, obj, name, false, &arr, &n) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		v = json_object_array_get_idx(arr, i);
		if (!json_object_is_type(v, json_type_string))
			return bad(r, name, "item %zu should be a string, not %s", i, type_name(v));
		if (check_text(r, name, json_object_get_string(v),
		    (size_t)json_object_get_string_len(v), 0) != 0)
			return -1;
		s = lede_text_normalize_dup(json_object_get_string(v),
		    (size_t)json_object_get_string_len(v), 0);
		if (s == NULL)
			return lede_err_oom(r->err);
		rc = add(e, s);
		free(s);
		if (rc != 0)
			return lede_err_oom(r->err);
	}
	return 0;
}

static int
read_entities(struct rd *r, json_object *root, const char *key, bool people)
{
	struct lede_doc *d = r->doc;
	json_object *arr, *o, *m, *mo;
	size_t n, i, nm, j;
	struct lede_span s;
	char *name;
	int idx;

	if (get_array(r, root, key, false, &arr, &n) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		at(r, "%s[%zu]", key, i);
		o = json_object_array_get_idx(arr, i);
		if (want_object(r, o) != 0 || get_str(r, o, "name", STR_REQUIRED, &name) != 0)
			return -1;
		if (*name == '\0') {
			free(name);
			return bad(r, "name", "is empty");
		}
		idx = people ? lede_doc_add_person(d, name) : lede_doc_add_place(d, name);
		free(name);
		if (idx < 0)
			return lede_err_oom(r->err);
		struct lede_entity *e = people ? &d->people[idx] : &d->places[idx];

		if (read_strv(r, o, "aliases", e, lede_entity_add_alias) != 0 ||
		    read_strv(r, o, "roles", e, lede_entity_add_role) != 0)
			return -1;
		if (get_array(r, o, "mentions", false, &m, &nm) != 0)
			return -1;
		for (j = 0; j < nm; j++) {
			at(r, "%s[%zu].mentions[%zu]", key, i, j);
			mo = json_object_array_get_idx(m, j);
			if (want_object(r, mo) != 0 || get_span(r, mo, &s) != 0)
				return -1;
			if (lede_entity_add_mention(e, s) != 0)
				return lede_err_oom(r->err);
		}
	}
	r->where[0] = '\0';
	return 0;
}

struct name_ix {
	const char *name;
	size_t i;
};

static int
cmp_name_ix(const void *a, const void *b)
{
	const struct name_ix *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	if (c != 0)
		return c;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* People sorted by name, so each quote's speaker is found in log time; among
 * people of the same name the first wins, as in the writer, which names a
 * speaker by name. */
static struct name_ix *
people_index(const struct lede_doc *d)
{
	struct name_ix *ix = malloc((d->npeople ? d->npeople : 1) * sizeof *ix);
	size_t i;

	if (ix == NULL)
		return NULL;
	for (i = 0; i < d->npeople; i++)
		ix[i] = (struct name_ix){ d->people[i].name, i };
	qsort(ix, d->npeople, sizeof *ix, cmp_name_ix);
	return ix;
}

static int
find_person(const struct lede_doc *d, const struct name_ix *ix, const char *name)
{
	size_t lo = 0, hi = d->npeople, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(ix[mid].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < d->npeople && strcmp(ix[lo].name, name) == 0)
		return (int)ix[lo].i;
	return -1;
}

static int
read_quote(struct rd *r, json_object *o, const struct name_ix *ix)
{
	struct lede_doc *d = r->doc;
	char *text = NULL, *speaker = NULL, *source = NULL;
	struct lede_span s;
	const char *t, *p;
	struct lede_quote *q;
	int who = -1, rc = -1, qi;
	size_t len, tlen;

	if (want_object(r, o) != 0 || get_span(r, o, &s) != 0 ||
	    get_str(r, o, "text", STR_VERBATIM | STR_REQUIRED, &text) != 0 ||
	    get_str(r, o, "speaker", STR_NULLABLE, &speaker) != 0 ||
	    get_str(r, o, "source", STR_NULLABLE, &source) != 0)
		goto out;
	if (speaker != NULL && (who = find_person(d, ix, speaker)) < 0) {
		bad(r, "speaker", "\"%.80s\" is not in people", speaker);
		goto out;
	}
	t = lede_doc_text(d, s.para, &len);
	tlen = strlen(text);
	p = tlen == 0 ? t + s.start : memmem(t + s.start, s.end - s.start, text, tlen);
	if (p == NULL) {
		bad(r, "text", "is not inside the quote's span");
		goto out;
	}
	qi = lede_doc_add_quote(d, s, (size_t)(p - t), (size_t)(p - t) + tlen, who, source);
	if (qi < 0) {
		lede_err_oom(r->err);
		goto out;
	}
	q = &d->quotes[qi];
	if (get_bool(r, o, "unclosed", &q->unclosed) != 0 ||
	    get_bool(r, o, "unopened", &q->unopened) != 0 ||
	    get_bool(r, o, "continued", &q->continued) != 0)
		goto out;
	rc = 0;
out:
	free(text);
	free(speaker);
	free(source);
	return rc;
}

static int
read_quotes(struct rd *r, json_object *root)
{
	struct name_ix *ix;
	json_object *arr;
	size_t n, i;
	int rc = 0;

	if (get_array(r, root, "quotes", false, &arr, &n) != 0)
		return -1;
	if ((ix = people_index(r->doc)) == NULL)
		return lede_err_oom(r->err);
	for (i = 0; i < n && rc == 0; i++) {
		at(r, "quotes[%zu]", i);
		rc = read_quote(r, json_object_array_get_idx(arr, i), ix);
	}
	free(ix);
	if (rc == 0)
		r->where[0] = '\0';
	return rc;
}

static int
read_facts(struct rd *r, json_object *root)
{
	json_object *arr, *o;
	struct lede_span s;
	char *kind, *text;
	const char *t;
	size_t n, i, len;
	int rc;

	if (get_array(r, root, "facts", false, &arr, &n) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		at(r, "facts[%zu]", i);
		o = json_object_array_get_idx(arr, i);
		if (want_object(r, o) != 0 || get_span(r, o, &s) != 0 ||
		    get_str(r, o, "kind", STR_REQUIRED, &kind) != 0)
			return -1;
		if (get_str(r, o, "text", STR_VERBATIM, &text) != 0) {
			free(kind);
			return -1;
		}
		t = lede_doc_text(r->doc, s.para, &len);
		if (text != NULL && (strlen(text) != s.end - s.start ||
		    memcmp(text, t + s.start, s.end - s.start) != 0)) {
			free(kind);
			free(text);
			return bad(r, "text", "differs from the text at its span");
		}
		rc = lede_doc_add_fact(r->doc, kind, s);
		free(kind);
		free(text);
		if (rc < 0)
			return lede_err_oom(r->err);
	}
	r->where[0] = '\0';
	return 0;
}

static int
read_warnings(struct rd *r, json_object *root)
{
	json_object *arr, *o, *p;
	char *kind, *msg;
	size_t n, i;
	int64_t para;
	int rc;

	if (get_array(r, root, "warnings", false, &arr, &n) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		at(r, "warnings[%zu]", i);
		o = json_object_array_get_idx(arr, i);
		para = LEDE_NO_PARA;
		if (want_object(r, o) != 0)
			return -1;
		if ((p = field(o, "paragraph")) != NULL &&
		    get_int(r, o, "paragraph", LEDE_TITLE, (int64_t)r->doc->nparas - 1, &para) != 0)
			return -1;
		if (get_str(r, o, "kind", STR_REQUIRED, &kind) != 0)
			return -1;
		if (get_str(r, o, "message", STR_REQUIRED, &msg) != 0) {
			free(kind);
			return -1;
		}
		rc = lede_doc_add_warning(r->doc, kind, (int)para, "%s", msg);
		free(kind);
		free(msg);
		if (rc < 0)
			return lede_err_oom(r->err);
	}
	r->where[0] = '\0';
	return 0;
}

static int
read_note(struct rd *r, json_object *o)
{
	struct lede_note n = { 0 };
	json_object *sel, *type;

	if (want_object(r, o) != 0 || get_span(r, o, &n.span) != 0)
		return -1;
	if ((sel = field(o, "selector")) == NULL)
		return bad(r, "selector", "missing");
	if (!json_object_is_type(sel, json_type_object))
		return bad(r, "selector", "should be an object, not %s", type_name(sel));
	type = field(sel, "type");
	if (type != NULL && (!json_object_is_type(type, json_type_string) ||
	    strcmp(json_object_get_string(type), "TextQuoteSelector") != 0))
		return bad(r, "selector.type", "only TextQuoteSelector is understood");
	if (get_str(r, sel, "exact", STR_VERBATIM | STR_REQUIRED, &n.exact) != 0 ||
	    get_str(r, sel, "prefix", STR_VERBATIM, &n.prefix) != 0 ||
	    get_str(r, sel, "suffix", STR_VERBATIM, &n.suffix) != 0 ||
	    get_str(r, o, "note", STR_NULLABLE, &n.text) != 0 ||
	    get_str(r, o, "created", STR_NULLABLE, &n.created) != 0)
		goto out;
	if (*n.exact == '\0') {
		bad(r, "selector.exact", "is empty");
		goto out;
	}
	return lede_doc_keep_note(r->doc, &n, r->err) < 0 ? -1 : 0;
out:
	lede_note_clear(&n);
	return -1;
}

static int
read_notes(struct rd *r, json_object *root)
{
	json_object *arr;
	size_t n, i;

	if (get_array(r, root, "notes", false, &arr, &n) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		at(r, "notes[%zu]", i);
		if (read_note(r, json_object_array_get_idx(arr, i)) != 0)
			return -1;
	}
	r->where[0] = '\0';
	/* The text is the copy's own, so offsets should still agree; a hand edit
	 * may have moved the text, and the quoted context finds it again. */
	return lede_notes_reanchor(r->doc, r->err) < 0 ? -1 : 0;
}

static int
parse(const char *data, size_t len, json_object **out, struct lede_err *err)
{
	enum json_tokener_error jerr;
	struct json_tokener *tok;
	json_object *root;
	size_t end;

	if (len > INT_MAX)
		return lede_errf(err, "damaged copy: too large to read");
	if ((tok = json_tokener_new_ex(COPY_MAX_DEPTH)) == NULL)
		return lede_err_oom(err);
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT
#ifdef JSON_TOKENER_VALIDATE_UTF8
	    | JSON_TOKENER_VALIDATE_UTF8
#endif
	    );
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	root = json_tokener_parse_ex(tok, data, (int)len);
	jerr = json_tokener_get_error(tok);
	end = json_tokener_get_parse_end(tok);
	json_tokener_free(tok);
	if (jerr == json_tokener_continue) {
		json_object_put(root);
		return lede_errf(err, "damaged copy: the JSON ends too soon (truncated?)");
	}
	if (jerr == json_tokener_error_depth) {
		json_object_put(root);
		return lede_errf(err, "damaged copy: nested more than %d levels deep", COPY_MAX_DEPTH);
	}
#ifdef JSON_TOKENER_VALIDATE_UTF8
	if (jerr == json_tokener_error_parse_utf8_string) {
		json_object_put(root);
		return lede_errf(err, "damaged copy: invalid UTF-8 near byte %zu", end);
	}
#endif
	if (jerr != json_tokener_success || root == NULL) {
		json_object_put(root);
		return lede_errf(err, "damaged copy: invalid JSON at byte %zu: %s", end,
		    json_tokener_error_desc(jerr));
	}
	if (!json_object_is_type(root, json_type_object)) {
		json_object_put(root);
		return lede_errf(err, "damaged copy: the top level should be an object");
	}
	*out = root;
	return 0;
}

int
lede_copy_read(const char *data, size_t len, struct lede_doc **out, struct lede_err *err)
{
	struct rd r = { .err = err };
	json_object *root = NULL;

	*out = NULL;
	if (parse(data, len, &root, err) != 0)
		return -1;
	if ((r.doc = lede_doc_new()) == NULL) {
		json_object_put(root);
		return lede_err_oom(err);
	}
	/* Paragraphs before anything that points into them. People before
	 * quotes, whose speakers name them. */
	if (read_paras(&r, root) != 0 || read_meta(&r, root) != 0 ||
	    read_entities(&r, root, "people", true) != 0 ||
	    read_entities(&r, root, "places", false) != 0 ||
	    read_quotes(&r, root) != 0 || read_facts(&r, root) != 0 ||
	    read_warnings(&r, root) != 0 || read_notes(&r, root) != 0) {
		json_object_put(root);
		lede_doc_free(r.doc);
		return -1;
	}
	json_object_put(root);
	*out = r.doc;
	return 0;
}

/* An ASCII slug of s: lower-case letters and digits, other runs as one '-',
 * Latin-1 letters folded to their base letter, at most max bytes, cut at a
 * dash when it can be. */
static void
slug(struct lede_buf *b, const char *s, size_t max)
{
	static const char fold[] =
	    "aaaaaaaceeeeiiiidnooooo-ouuuuyts"     /* U+00C0 .. U+00DF */
	    "aaaaaaaceeeeiiiidnooooo-ouuuuyty";    /* U+00E0 .. U+00FF */
	size_t i = 0, n = strlen(s), adv, start = b->len, last_dash = 0;
	bool dash = false;
	uint32_t cp;
	char c;

	while (i < n && b->len - start < max) {
		cp = lede_utf8_next(s + i, n - i, &adv);
		i += adv;
		c = 0;
		if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
			c = (char)cp;
		else if (cp >= 'A' && cp <= 'Z')
			c = (char)(cp - 'A' + 'a');
		else if (cp >= 0xC0 && cp <= 0xFF && fold[cp - 0xC0] != '-')
			c = fold[cp - 0xC0];
		else if (cp == 0x2019 || cp == '\'')
			continue;       /* "Ukraine's" reads better as "ukraines" */
		if (c == 0) {
			dash = b->len > start;
			continue;
		}
		if (dash) {
			last_dash = b->len;
			lede_buf_addc(b, '-');
			dash = false;
		}
		lede_buf_addc(b, c);
	}
	if (i < n && last_dash > start + max / 2) {
		b->len = last_dash;
		b->data[b->len] = '\0';
	}
	if (b->len == start)
		lede_buf_lit(b, "article");
}

char *
lede_copy_default_path(const struct lede_doc *doc, const char *ext, struct lede_err *err)
{
	struct lede_buf b = LEDE_BUF_INIT;
	char *home, ts[32], *p;
	const char *date = doc->published;
	struct stat st;
	size_t base;
	int k;

	if ((home = lede_data_home(err)) == NULL)
		return NULL;
	lede_buf_adds(&b, home);
	free(home);
	lede_buf_lit(&b, "/copies");
	if (!lede_buf_ok(&b) || lede_mkdirs(b.data, err) != 0) {
		if (!lede_buf_ok(&b))
			lede_err_oom(err);
		lede_buf_free(&b);
		return NULL;
	}
	lede_buf_addc(&b, '/');
	/* The article's own date when it has one in ISO form, else today. */
	if (date == NULL || strlen(date) < 10 || date[4] != '-' || date[7] != '-') {
		lede_timestamp(ts);
		date = ts;
	}
	for (k = 0; k < 10; k++)
		lede_buf_addc(&b, (date[k] >= '0' && date[k] <= '9') || date[k] == '-' ? date[k] : '0');
	lede_buf_addc(&b, '-');
	slug(&b, doc->title ? doc->title : "", 60);
	base = b.len;
	if (ext != NULL && *ext == '.')
		ext++;
	if (ext == NULL || *ext == '\0' || strspn(ext, "abcdefghijklmnopqrstuvwxyz0123456789") != strlen(ext))
		ext = "json";
	/* Never propose a name that is taken: another article of the same day
	 * and title gets -2, -3 ... */
	for (k = 1; k < 1000; k++) {
		b.len = base;
		if (k > 1)
			lede_buf_printf(&b, "-%d", k);
		lede_buf_addc(&b, '.');
		lede_buf_adds(&b, ext);
		if (!lede_buf_ok(&b) || lstat(b.data, &st) != 0)
			break;
	}
	if ((p = lede_buf_detach(&b)) == NULL)
		lede_err_oom(err);
	return p;
}

int
lede_copy_save(const struct lede_doc *doc, const char *path, struct lede_err *err)
{
	struct lede_buf b = LEDE_BUF_INIT;
	enum lede_format f;
	int rc;

	if (lede_format_from_path(path, &f) != 0)
		f = LEDE_FMT_JSON;
	if (lede_export(&b, doc, f, err) != 0) {
		lede_buf_free(&b);
		return -1;
	}
	if (f == LEDE_FMT_JSON)
		lede_buf_addc(&b, '\n');
	if (!lede_buf_ok(&b)) {
		lede_buf_free(&b);
		return lede_err_oom(err);
	}
	rc = lede_save(path, b.data, b.len, err);
	lede_buf_free(&b);
	return rc;
}
