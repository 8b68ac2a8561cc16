/* The document model: what the cleaner produces, the annotator fills in, and
 * the pager, the JSON writer and the copies read. Every string is owned by the
 * document, NUL-terminated, valid UTF-8 and free of control characters
 * (lede_text_normalize has run on it). Offsets are UTF-8 byte offsets into a
 * paragraph's text (or the title, paragraph LEDE_TITLE), end exclusive. */
#ifndef LEDE_DOC_H
#define LEDE_DOC_H

#include <stdbool.h>
#include <stddef.h>

#define LEDE_TITLE (-1)     /* a span in the title rather than a paragraph */
#define LEDE_NO_PARA (-2)   /* a warning that names no paragraph */

enum lede_kind {
	LEDE_PARA_TEXT,
	LEDE_PARA_HEADING,
	LEDE_PARA_BLOCKQUOTE,
	LEDE_PARA_LIST_ITEM,
	LEDE_PARA_PRE,
};

struct lede_para {
	enum lede_kind kind;
	char *text;
	size_t len;
};

struct lede_span {
	int para;
	size_t start, end;
};

/* A person or a place, with every mention of it in the text. */
struct lede_entity {
	char *name;                 /* the fullest form seen */
	char **aliases;             /* other forms seen, without possessive endings */
	size_t naliases;
	char **roles;               /* "French President", "defence secretary" */
	size_t nroles;
	struct lede_span *mentions;
	size_t nmentions, capmentions;
	size_t capaliases, caproles;
};

struct lede_quote {
	struct lede_span span;      /* covers the quotation marks */
	char *text;                 /* exactly the words between the marks */
	int speaker;                /* index into doc->people, or -1 */
	char *source;               /* the source as written when not a person, or NULL */
	bool unclosed;              /* the opening mark never closes */
	bool unopened;              /* the closing mark never opens */
	bool continued;             /* goes on in the next paragraph */
};

struct lede_fact {
	char *kind;                 /* "money", "count", "percent", "date", "age", "score", "role" */
	char *text;
	struct lede_span span;
};

struct lede_warning {
	char *kind;                 /* "conflicting-role", "unclosed-quote", ... */
	char *message;
	int para;                   /* or LEDE_TITLE, or LEDE_NO_PARA */
};

/* The reader's own highlight (text == NULL) or note, anchored both by offsets
 * and by the quoted text (W3C TextQuoteSelector) so it survives small edits. */
struct lede_note {
	struct lede_span span;
	char *exact, *prefix, *suffix;
	char *text;                 /* the note, or NULL for a plain highlight */
	char *created;              /* ISO 8601, or NULL */
};

#define LEDE_VEC(type, name) type *name; size_t n##name, cap##name

struct lede_doc {
	char *input;                /* the argument the user gave */
	char *url;                  /* final URL after redirects, or NULL */
	char *title;
	char *byline, *site, *published, *lang;   /* each may be NULL */
	char *saved;                /* when a copy was saved (copies only), or NULL */
	LEDE_VEC(struct lede_para, paras);
	LEDE_VEC(struct lede_entity, people);
	LEDE_VEC(struct lede_entity, places);
	LEDE_VEC(struct lede_quote, quotes);
	LEDE_VEC(struct lede_fact, facts);
	LEDE_VEC(struct lede_warning, warnings);
	LEDE_VEC(struct lede_note, notes);
};

struct lede_doc *lede_doc_new(void);
void lede_doc_free(struct lede_doc *doc);
/* Drops every annotation (people .. warnings), keeping text and notes. */
void lede_doc_clear_annotations(struct lede_doc *doc);

/* Setters take a copy. They return 0, or -1 on allocation failure. */
int lede_doc_set(char **field, const char *s);
int lede_doc_add_para(struct lede_doc *doc, enum lede_kind kind, const char *text, size_t len);

/* The text a span points into: the title for LEDE_TITLE, else the paragraph. */
const char *lede_doc_text(const struct lede_doc *doc, int para, size_t *len);
bool lede_span_valid(const struct lede_doc *doc, struct lede_span s);
/* qsort order of struct lede_span: by paragraph (title first), then start. */
int lede_span_cmp(const void *a, const void *b);

/* Entities: returns the index of the new entry, or -1. */
int lede_doc_add_entity(struct lede_entity **vec, size_t *n, size_t *cap, const char *name);
int lede_entity_add_alias(struct lede_entity *e, const char *alias);   /* skips duplicates */
int lede_entity_add_role(struct lede_entity *e, const char *role);     /* skips duplicates */
int lede_entity_add_mention(struct lede_entity *e, struct lede_span s);
#define lede_doc_add_person(d, name) \
	lede_doc_add_entity(&(d)->people, &(d)->npeople, &(d)->cappeople, (name))
#define lede_doc_add_place(d, name) \
	lede_doc_add_entity(&(d)->places, &(d)->nplaces, &(d)->capplaces, (name))

/* Quotes, facts and warnings: the text for a quote or fact is cut from the
 * document at the span, so it is exactly what stands there. */
int lede_doc_add_quote(struct lede_doc *doc, struct lede_span span, size_t text_start,
    size_t text_end, int speaker, const char *source);
int lede_doc_add_fact(struct lede_doc *doc, const char *kind, struct lede_span span);
int lede_doc_add_warning(struct lede_doc *doc, const char *kind, int para, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
int lede_doc_add_note(struct lede_doc *doc, const struct lede_note *note);  /* deep copy */

const char *lede_kind_name(enum lede_kind kind);
int lede_kind_parse(const char *name, enum lede_kind *out);

#endif
