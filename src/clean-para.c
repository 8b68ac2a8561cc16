#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lede/buf.h"
#include "lede/clean-para.h"

size_t
lede_clean_words(const char *s, size_t len)
{
	size_t i, n = len > 0;

	for (i = 0; i < len; i++)
		n += s[i] == ' ';
	return n;
}

/* "Advertisement", "Story continues below advertisement": the labels of
 * ad slots whose markup says nothing. */
static bool
ad_label(const char *s, size_t len)
{
	static const char *const labels[] = { "advertisement", "advertisements", "advert",
	    "sponsored", "sponsored content", "ad", "anzeige", "publicit\xC3\xA9", "publicidad",
	    "pubblicit\xC3\xA0" };
	char low[64];
	size_t i;

	if (len == 0 || len >= sizeof low)
		return false;
	for (i = 0; i < len; i++)
		low[i] = (char)((s[i] >= 'A' && s[i] <= 'Z') ? s[i] + 32 : s[i]);
	low[len] = '\0';
	for (i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(low, labels[i]) == 0)
			return true;
	return strstr(low, "advertisement") != NULL && strstr(low, "continue") != NULL;
}

/* "Please enable JavaScript to view the comments": a notice, not text. */
static bool
script_notice(const char *s, size_t len)
{
	char low[160];
	size_t i;

	if (len == 0 || len >= sizeof low)
		return false;
	for (i = 0; i < len; i++)
		low[i] = (char)((s[i] >= 'A' && s[i] <= 'Z') ? s[i] + 32 : s[i]);
	low[len] = '\0';
	return strstr(low, "javascript") != NULL && (strstr(low, "enable") != NULL ||
	    strstr(low, "require") != NULL || strstr(low, "turn on") != NULL ||
	    strstr(low, "support") != NULL || strstr(low, "disabled") != NULL);
}

bool
lede_clean_is_label(const char *s, size_t len)
{
	return ad_label(s, len) || script_notice(s, len);
}

static bool
starts_with_word(const char *s, const char *w)
{
	size_t n = strlen(w);

	return strncasecmp(s, w, n) == 0 && (s[n] == ' ' || s[n] == ':' || s[n] == '\0');
}

static bool
is_digit(char ch)
{
	return ch >= '0' && ch <= '9';
}

static bool
has_year(const char *s)
{
	const char *p;

	for (p = s; *p; p++)
		if ((p[0] == '1' && p[1] == '9') || (p[0] == '2' && p[1] == '0'))
			if (is_digit(p[2]) && is_digit(p[3]) && !is_digit(p[4]) &&
			    (p == s || !is_digit(p[-1])))
				return true;
	return false;
}

/* 0:13, 10:14, 21:47 */
static bool
has_clock(const char *s)
{
	const char *p;

	for (p = s; *p; p++)
		if (is_digit(p[0]) && p[1] == ':' && is_digit(p[2]) && is_digit(p[3]))
			return true;
	return false;
}

/* A date as pages print them: 14/11/2008, 2008-11-14, 3 March 2020, Mar 3,
 * or any year with a time of day beside it (in any language). */
static bool
has_date(const char *s)
{
	static const char *const months[] = { "jan", "feb", "mar", "apr", "may", "jun", "jul",
	    "aug", "sep", "oct", "nov", "dec" };
	const char *p;
	size_t i;

	for (p = s; *p; p++) {
		if (is_digit(p[0]) && (p[1] == '/' || p[1] == '.' || (is_digit(p[1]) &&
		    (p[2] == '/' || p[2] == '.'))) && strpbrk(p, "/.") != NULL) {
			const char *q = strpbrk(p, "/.");
			if (is_digit(q[1]) && (q[2] == '/' || q[2] == '.' || (is_digit(q[2]) &&
			    (q[3] == '/' || q[3] == '.'))))
				return true;
		}
		if (is_digit(p[0]) && is_digit(p[1]) && is_digit(p[2]) && is_digit(p[3]) &&
		    p[4] == '-' && is_digit(p[5]) && is_digit(p[6]) && p[7] == '-')
			return true;
		if (p == s || p[-1] == ' ') {
			for (i = 0; i < 12; i++) {
				if (strncasecmp(p, months[i], 3) != 0)
					continue;
				/* A month name next to a number. */
				const char *e = p + 3;
				while ((*e >= 'a' && *e <= 'z') || *e == '.')
					e++;
				if ((*e == ' ' && is_digit(e[1])) || (p - s >= 2 && is_digit(p[-2])))
					return true;
			}
		}
	}
	return has_year(s) && has_clock(s);
}

/* Bylines and datelines that lead an article: short, and reading as
 * "By Name" or as a date with "Posted"/"Updated" around it. */
static bool
front_matter(const struct lede_para *p)
{
	const char *s = p->text;

	if (p->kind != LEDE_PARA_TEXT || p->len > 100)
		return false;
	if (starts_with_word(s, "by") && p->len > 3 && ((s[3] >= 'A' && s[3] <= 'Z') ||
	    (p->len < 40 && s[p->len - 1] != '.')))
		return true;
	if (starts_with_word(s, "posted") || starts_with_word(s, "updated") ||
	    starts_with_word(s, "published") || starts_with_word(s, "last updated"))
		return true;
	return p->len < 60 && has_date(s) && s[p->len - 1] != '.';
}

/* "Posted in News | Tagged x, y", "Filed under", a last dateline: the
 * furniture that trails an article. */
static void
drop_tail(struct lede_doc *doc)
{
	static const char *const leads[] = { "tags", "tagged", "filed under", "posted in",
	    "categories", "category", "topics", "share this", "related" };
	struct lede_para *p;
	size_t i;
	bool cut;

	while (doc->nparas > 1) {
		p = &doc->paras[doc->nparas - 1];
		/* A heading with nothing under it headed a list that is gone. */
		cut = front_matter(p) || p->kind == LEDE_PARA_HEADING;
		for (i = 0; i < sizeof leads / sizeof leads[0] && !cut; i++)
			cut = p->kind == LEDE_PARA_TEXT && p->len < 200 && starts_with_word(p->text, leads[i]);
		if (!cut)
			break;
		free(p->text);
		doc->nparas--;
	}
}

/* The headline, a repeat of it, or a bare byline at the top is not text. */
int
lede_clean_trim(struct lede_doc *doc, const struct lede_meta *m)
{
	size_t k, w = 0, cut, head;
	bool front = true;
	char *s;

	/* A page without headline metadata prints it at the head of the text. */
	if (m->og_title == NULL && m->ld_headline == NULL && m->nh1 == 0 && doc->nparas > 0 &&
	    (cut = lede_meta_title_prefix(m->title_tag, doc->paras[0].text)) > 0 &&
	    !lede_meta_same_text(doc->title, doc->paras[0].text)) {
		if (lede_doc_set(&doc->title, m->title_tag) != 0)
			return -1;
		doc->title[cut] = '\0';
	}
	/* Short lines above the headline are its kicker, section or breadcrumbs. */
	for (head = 0; head < doc->nparas && head < 8; head++)
		if (lede_meta_same_text(doc->paras[head].text, doc->title))
			break;
	if (head == doc->nparas || head == 8)
		head = 0;
	for (k = 0; k < doc->nparas; k++) {
		struct lede_para *p = &doc->paras[k];

		if ((k < 8 && doc->title != NULL && lede_meta_same_text(p->text, doc->title)) ||
		    (k < head && p->len < 100)) {
			free(p->text);
			continue;
		}
		cut = doc->title != NULL ? strlen(doc->title) : 0;
		if (front && cut > 0 && p->len > cut && strncmp(p->text, doc->title, cut) == 0 &&
		    p->text[cut] == ' ') {
			if ((s = lede_strdup(p->text + cut + 1)) == NULL)
				return -1;
			free(p->text);
			p->text = s;
			p->len = strlen(s);
		}
		if (front && front_matter(p)) {
			free(p->text);
			continue;
		}
		if (p->len >= 100 || p->kind != LEDE_PARA_TEXT)
			front = false;
		doc->paras[w++] = *p;
	}
	doc->nparas = w;
	drop_tail(doc);
	return 0;
}
