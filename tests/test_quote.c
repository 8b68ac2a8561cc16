/* Quote spans: every quotation style, nesting, quotes running over
 * paragraphs, unbalanced marks, apostrophes, scare quotes, titles of works,
 * and hostile input that must stay linear. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lede/doc.h"
#include "lede/quote.h"
#include "tap.h"

/* A document whose paragraphs are the given texts (NULL-terminated). */
static struct lede_doc *
doc_of(const char *title, const char *const *paras)
{
	struct lede_doc *d = lede_doc_new();
	struct lede_err err;

	if (d == NULL)
		return NULL;
	if (title != NULL)
		lede_doc_set(&d->title, title);
	for (; *paras != NULL; paras++)
		lede_doc_add_para(d, LEDE_PARA_TEXT, *paras, strlen(*paras));
	if (lede_quotes_find(d, &err) != 0) {
		printf("# lede_quotes_find: %s\n", err.msg);
		lede_doc_free(d);
		return NULL;
	}
	return d;
}

/* One paragraph; checks it holds exactly one quote with these words. */
static void
one(const char *text, const char *want, const char *what)
{
	const char *p[] = { text, NULL };
	struct lede_doc *d = doc_of(NULL, p);

	is_int(d ? d->nquotes : 0, 1, "%s: one quote", what);
	if (d != NULL && d->nquotes >= 1)
		is_str(d->quotes[0].text, want, "%s: its words", what);
	else
		ok(0, "%s: its words", what);
	lede_doc_free(d);
}

static void
none(const char *text, const char *what)
{
	const char *p[] = { text, NULL };
	struct lede_doc *d = doc_of(NULL, p);

	is_int(d ? (long long)d->nquotes : -1LL, 0, "%s: no quote", what);
	lede_doc_free(d);
}

static void
styles(void)
{
	const char *p[] = { "He said \u201cwe will win the vote\u201d on Monday.", NULL };
	struct lede_doc *d = doc_of(NULL, p);

	is_int(d->nquotes, 1, "curly double: one quote");
	is_str(d->quotes[0].text, "we will win the vote", "curly double: words between the marks");
	is_int(d->quotes[0].span.start, 8, "the span starts at the opening mark");
	is_int(d->quotes[0].span.end, 8 + 3 + 20 + 3, "and ends after the closing mark");
	ok(!d->quotes[0].unclosed && !d->quotes[0].unopened, "balanced: no flags");
	lede_doc_free(d);

	one("She said \u2018we will win the vote\u2019 today.", "we will win the vote", "curly single");
	one("She said \"we will win the vote\" today.", "we will win the vote", "straight double");
	one("She said 'we will win the vote' today.", "we will win the vote", "straight single");
	one("Il a dit \u00ab nous allons gagner \u00bb hier.", " nous allons gagner ", "guillemets");
	one("Er sagte \u00bbwir werden gewinnen\u00ab gestern.", "wir werden gewinnen", "reversed guillemets");
	one("Er sagte \u201ewir werden gewinnen\u201c gestern.", "wir werden gewinnen", "German low-high");
	one("Er sagte \u201awir werden gewinnen\u2018 gestern.", "wir werden gewinnen", "German single low-high");
	one("Il a dit \u2039nous allons gagner\u203a hier.", "nous allons gagner", "single guillemets");
	one("He said ''we will win the vote'' today.", "we will win the vote", "doubled straight singles");
	one("\u201cWe will win,\u201d he said.", "We will win,", "quote opening the paragraph");
	one("\u201cIt was an attempt to mislead voters,\u2019\u2019 he told the BBC.",
	    "It was an attempt to mislead voters,", "typewriter \u2019\u2019 closing a double");
	one("Il remake de \u201cI Cavalieri dello Zodiaco\u201c, prodotto da Toei.",
	    "I Cavalieri dello Zodiaco", "a \u201c typed where the closing mark goes");
	one("He told Cook. \" You guys have done such a good job.\"",
	    " You guys have done such a good job.", "a straight mark with spaces on both sides");
	none("[button link=\u201dhttp://example.com/x/\u201d type=\u201dbig\u201d] Send", "markup attributes");
}

static void
nested(void)
{
	one("\u201cThey told me \u2018never again\u2019 and I believed them,\u201d she said.",
	    "They told me \u2018never again\u2019 and I believed them,", "single inside double");
	one("\"He called it 'a disaster' twice,\" she said.",
	    "He called it 'a disaster' twice,", "straight single inside straight double");
	one("A sample called \u201cGlasgow (\u201cNo Place Like Home\u201d) came in\u201d, he said.",
	    "Glasgow (\u201cNo Place Like Home\u201d) came in", "the same mark nested within a sentence");
	one("\u00ab Il a dit \u201cjamais\u201d hier \u00bb, dit-elle.",
	    " Il a dit \u201cjamais\u201d hier ", "English marks inside guillemets");
}

static void
multi_paragraph(void)
{
	const char *p[] = {
		"\u201cThe first part of what she said runs on.",
		"\u201cAnd this is the second part,\u201d she said.",
		"Unrelated text follows.",
		NULL,
	};
	struct lede_doc *d = doc_of(NULL, p);

	is_int(d->nquotes, 2, "a quote over two paragraphs: one piece per paragraph");
	is_str(d->quotes[0].text, "The first part of what she said runs on.", "the first piece");
	ok(d->quotes[0].continued, "the first piece is marked continued");
	ok(!d->quotes[0].unclosed, "and not unclosed");
	is_int(d->quotes[0].span.para, 0, "in the first paragraph");
	is_str(d->quotes[1].text, "And this is the second part,", "the second piece");
	ok(!d->quotes[1].continued, "the last piece is not continued");
	lede_doc_free(d);
}

static void
unbalanced(void)
{
	const char *p1[] = {
		"He said \u201cwe will never give up and then left.",
		"The next paragraph is \u201cuntouched\u201d by it.",
		NULL,
	};
	const char *p2[] = {
		"The sincerity of Russia\u201d is the question, according to the president.",
		NULL,
	};
	const char *p3[] = {
		"\u201cI never said that. But what is the point? Later he stated, \u201cLet us see.\u201d",
		NULL,
	};
	const char *p4[] = {
		"They said \u201cyes\u201d to the plan. It is complete now.\u201d Then nothing.",
		NULL,
	};
	struct lede_doc *d = doc_of(NULL, p1);

	is_int(d->nquotes, 2, "unclosed: the quote and the next paragraph's");
	is_str(d->quotes[0].text, "we will never give up and then left.", "unclosed: runs to the paragraph's end");
	ok(d->quotes[0].unclosed, "unclosed: flagged");
	is_str(d->quotes[1].text, "untouched", "unclosed: does not swallow the next paragraph");
	lede_doc_free(d);

	d = doc_of(NULL, p2);
	is_int(d->nquotes, 1, "unopened: one quote");
	is_str(d->quotes[0].text, "The sincerity of Russia", "unopened: from the paragraph's start");
	ok(d->quotes[0].unopened, "unopened: flagged");
	is_int(d->quotes[0].span.start, 0, "unopened: the span starts with the words");
	lede_doc_free(d);

	d = doc_of(NULL, p3);
	is_int(d->nquotes, 2, "an opening mark while one is open: two quotes");
	is_str(d->quotes[0].text, "I never said that. But what is the point?",
	    "the open one ends at the last sentence end before the new mark");
	ok(d->quotes[0].unclosed, "and is flagged unclosed");
	is_str(d->quotes[1].text, "Let us see.", "the new one is whole");
	lede_doc_free(d);

	d = doc_of(NULL, p4);
	is_int(d->nquotes, 2, "a stray closing mark after a closed quote");
	is_str(d->quotes[1].text, "to the plan. It is complete now.",
	    "starts after the previous quote, not before it");
	lede_doc_free(d);

	{
		const char *p5[] = {
			"\u201cWe did all they asked and more, the director said on Monday. Then he "
			    "added \u201cwe will never see it again.\u201d",
			NULL,
		};
		d = doc_of(NULL, p5);
		is_int(d->nquotes, 2, "an open quote, its cue, and a new quote: two quotes");
		is_str(d->quotes[0].text, "We did all they asked and more,",
		    "an open quote whose sentence ends on its cue ends at the comma");
		lede_doc_free(d);
	}
	one("\u201cWe will be back every week, their organiser said.", "We will be back every week,",
	    "the same at the paragraph's end");
	one("\u201cWe fought hard, and we said so.", "We fought hard, and we said so.",
	    "a clause of its own speaker is still the quote");
	one("Smith said he hoped to hold it later. It won't be the same, but it will be something.\u201d",
	    "It won't be the same, but it will be something.",
	    "an unopened quote starts after a sentence reporting speech");
}

static void
apostrophes(void)
{
	none("O\u2019Connor said Putin\u2019s dogs\u2019 bowls from the \u201990s were fine.", "curly apostrophes");
	none("Rock \u2019n\u2019 roll and rock 'n' roll never die, we\u2019re told.", "rock 'n' roll");
	none("O'Connor's dogs' bowls from the '90s weren't his.", "straight apostrophes");
	none("He is 6'3\" tall and weighs 236 pounds.", "feet and inches");
	one("He said \u201cthe dogs\u2019 bowls are empty\u201d again.", "the dogs\u2019 bowls are empty",
	    "a plural possessive inside a quote");
}

static void
scare_and_titles(void)
{
	one("An American \u201csafety net\u201d is one of the main demands.", "safety net", "scare quote");
	none("On CBS\u2019s \u201cFace the Nation,\u201d the senator spoke.", "title of a programme");
	one("He said \u201cNever.\u201d and left.", "Never.", "a one-word sentence is speech");
	one("\u201cAmazing,\u201d Davis said.", "Amazing,", "a capitalised word followed by a speech cue is speech");
	none("He said \u201c \u201d and \"\" then.", "marks around nothing");
}

static void
title(void)
{
	const char *p[] = { "Body text.", NULL };
	struct lede_doc *d = doc_of("Minister: \u2018We Will Not Back Down\u2019", p);

	is_int(d->nquotes, 1, "a quote in the title");
	is_int(d->quotes[0].span.para, LEDE_TITLE, "its paragraph is the title");
	is_str(d->quotes[0].text, "We Will Not Back Down", "headline case is kept in the title");
	lede_doc_free(d);
	d = doc_of("Iranian Director's \u201cThe Salt Road\u201d Wins Top Prize", p);
	is_int(d->nquotes, 0, "a film's title after a possessive in the title is no quote");
	lede_doc_free(d);
}

/* Tens of thousands of unbalanced marks, and a long paragraph with one
 * unclosed mark: both finish quickly and stay bounded. */
static void
hostile(void)
{
	size_t n = 60000, i, big = 5u << 20;
	char *s = malloc(n * 4 + 1), *b = malloc(big + 8);
	const char *p[] = { NULL, NULL };
	struct lede_doc *d;
	clock_t t0 = clock();

	for (i = 0; i < n; i++)
		memcpy(s + i * 4, i % 2 ? "\u201c" "a" : "\u201d" "a", 4);
	s[n * 4] = '\0';
	p[0] = s;
	d = doc_of(NULL, p);
	ok(d != NULL && d->nquotes <= n, "60,000 alternating marks: bounded output (%zu quotes)",
	    d ? d->nquotes : 0);
	lede_doc_free(d);

	for (i = 0; i < n; i++)
		memcpy(s + i * 4, "\u201c" "a", 4);
	d = doc_of(NULL, p);
	ok(d != NULL, "60,000 opening marks in one paragraph");
	lede_doc_free(d);

	memcpy(b, "\u201c", 3);
	memset(b + 3, 'x', big);
	for (i = 3; i < big; i += 80)
		b[i] = ' ';
	b[big + 3] = '\0';
	p[0] = b;
	d = doc_of(NULL, p);
	ok(d != NULL && d->nquotes == 1 && d->quotes[0].unclosed, "a 5 MB paragraph with one open mark");
	lede_doc_free(d);
	ok((double)(clock() - t0) / CLOCKS_PER_SEC < 20.0, "all of it in linear time");
	free(s);
	free(b);
}

/* The scan steps over runs of plain bytes and decodes only the character
 * before a mark: whatever stands there, it must judge the mark as if it had
 * read every character. */
static void
before_marks(void)
{
	none("Caf\u00e9's menu and Ren\u00e9e's bar are open.", "an apostrophe after a non-ASCII letter");
	none("Stra\u00dfe\u2019s end and \u00c5se\u2019s house.", "a curly apostrophe after a non-ASCII letter");
	one("The menu \u00e0 la carte: \u201cwe will win the vote\u201d today.", "we will win the vote",
	    "an opening mark after a colon, after non-ASCII words");
	one("Na\u00efve \u2014\u201cwe will win the vote,\u201d she wrote.", "we will win the vote,",
	    "an opening mark right after a dash");
	one("\u4e2d\u6587 \"we will win the vote\" today.", "we will win the vote",
	    "a straight mark after a space after CJK text");
	{
		/* a stray byte reads as a character that is no space and no
		 * letter: the mark after it cannot open, only close */
		const char *p[] = { "abc \x80\"we will win the vote\" today.", NULL };
		struct lede_doc *d = doc_of(NULL, p);
		is_int(d ? d->nquotes : 0, 1, "a mark after a stray byte: one quote");
		ok(d != NULL && d->nquotes == 1 && d->quotes[0].unopened && d->quotes[0].span.start == 0,
		    "a mark after a stray byte does not open");
		lede_doc_free(d);
	}
	none("abc\xe2\x80'n' roll", "a mark after a cut-off character");
}

int
main(void)
{
	before_marks();
	styles();
	nested();
	multi_paragraph();
	unbalanced();
	apostrophes();
	scare_and_titles();
	title();
	hostile();
	return tap_done();
}
