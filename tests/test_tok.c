/* Tokens and sentences: abbreviations, initials, decimals, apostrophes,
 * possessives, byte offsets. Texts written for these tests. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "lede/tok.h"
#include "tap.h"

static struct lede_toks toks;
static const char *cur;

/* The tokens of s joined by '|', sentence starts marked with '^'. */
static const char *
split(const char *s)
{
	static char out[4096];
	static struct lede_err err;
	size_t i, o = 0;

	cur = s;
	out[0] = '\0';
	if (lede_tokenize(s, strlen(s), &toks, &err) != 0)
		return err.msg;
	for (i = 0; i < toks.n && o + 64 < sizeof out; i++) {
		size_t n = toks.v[i].end - toks.v[i].start;
		if (n > sizeof out - o - 8)
			n = sizeof out - o - 8;
		if (i > 0)
			out[o++] = '|';
		if (toks.v[i].flags & LEDE_TOK_SENT)
			out[o++] = '^';
		memcpy(out + o, s + toks.v[i].start, n);
		o += n;
	}
	out[o] = '\0';
	return out;
}

int
main(void)
{
	char big[300000];
	int many;
	size_t i;

	is_str(split("Mr. Smith met Dr. Jones."), "^Mr.|Smith|met|Dr.|Jones|.", "titles keep their period");
	is_str(split("Gen. Lee and Sen. Warren spoke in Jan. about St. Louis."),
	    "^Gen.|Lee|and|Sen.|Warren|spoke|in|Jan.|about|St.|Louis|.", "more abbreviations");
	is_str(split("Rep. Ortiz and Gov. Hale met Acme Inc. and Bolt Corp. staff."),
	    "^Rep.|Ortiz|and|Gov.|Hale|met|Acme|Inc.|and|Bolt|Corp.|staff|.", "Rep. Gov. Inc. Corp.");
	is_str(split("The U.S. economy grew. U.S. officials agreed."),
	    "^The|U.S.|economy|grew|.|^U.S.|officials|agreed|.", "U.S. stays one token, no break after it");
	is_str(split("Sales rose in the U.S. The rest fell."),
	    "^Sales|rose|in|the|U.S.|^The|rest|fell|.", "U.S. can end a sentence");
	is_str(split("J. K. Rowling wrote it. She smiled."),
	    "^J.|K.|Rowling|wrote|it|.|^She|smiled|.", "initials do not end sentences");
	is_str(split("Prices rose 1.24 percent to 3,500.75 dollars."),
	    "^Prices|rose|1.24|percent|to|3,500.75|dollars|.", "decimals and thousands");
	is_str(split("Mary O\xe2\x80\x99" "Connor loved the \xe2\x80\x99" "90s."),
	    "^Mary|O\xe2\x80\x99" "Connor|loved|the|\xe2\x80\x99" "90s|.", "curly apostrophes inside words");
	is_str(split("Putin\xe2\x80\x99s aide and Putin's envoy"),
	    "^Putin|\xe2\x80\x99s|aide|and|Putin|'s|envoy", "possessives split off, curly and straight");
	ok(toks.v[1].flags & LEDE_TOK_POSS, "the curly possessive is marked");
	ok(toks.v[5].flags & LEDE_TOK_POSS, "the straight possessive is marked");
	is_str(split("the allies\xe2\x80\x99 pledge"), "^the|allies|\xe2\x80\x99|pledge", "plural possessive");
	ok(toks.v[2].flags & LEDE_TOK_POSS, "plural possessive is marked");
	is_str(split("Jean-Pierre won 2-1 at al-Aqsa."), "^Jean-Pierre|won|2-1|at|al-Aqsa|.",
	    "hyphens join words");
	is_str(split("\xe2\x80\x9cWe will,\xe2\x80\x9d he said. \xe2\x80\x9cYes.\xe2\x80\x9d"),
	    "^\xe2\x80\x9c|We|will|,|\xe2\x80\x9d|he|said|.|^\xe2\x80\x9c|Yes|.|\xe2\x80\x9d",
	    "quotation marks are tokens; a quote opens a sentence");
	is_str(split("Really? Yes! no."), "^Really|?|^Yes|!|no|.", "question and exclamation marks");
	is_str(split("He lives at No. 10 now."), "^He|lives|at|No.|10|now|.", "No. before a number");
	is_str(split("\xc3\x89lys\xc3\xa9" "e Palace"), "^\xc3\x89lys\xc3\xa9" "e|Palace", "accented letters");
	{
		/* every listed abbreviation, in any case; and some that are not */
		static const char *const abbr[] = { "mr", "mrs", "ms", "messrs", "mme", "mlle",
			"dr", "prof", "sr", "jr", "st", "mt", "ft", "gen", "col", "lt", "sgt", "capt",
			"cmdr", "cdr", "adm", "maj", "brig", "cpl", "pvt", "sen", "rep", "gov", "pres",
			"rev", "hon", "fr", "supt", "insp", "det", "amb", "atty", "jan", "feb", "mar",
			"apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "vs", "approx",
			"dept", "univ", "ave", "blvd", "rd", "gov't", "vol", "cf", "ca", "al", "inc",
			"corp", "ltd", "co", "bros", "etc", "plc", "llc", "e.g", "i.e", NULL };
		static const char *const not_abbr[] = { "m", "mx", "mrss", "go", "govt", "gov'", "x",
			"vss", "corps", "approxi", "e", "i", "mr s", "ms mrs", "", NULL };
		char buf[32];
		int bad = 0;
		for (i = 0; abbr[i] != NULL; i++) {
			size_t k, n = strlen(abbr[i]);
			snprintf(buf, sizeof buf, "%s.", abbr[i]);
			bad += !lede_tok_is_abbrev(buf, n + 1) || !lede_tok_is_abbrev(buf, n);
			for (k = 0; k < n; k++)
				buf[k] = (char)(buf[k] >= 'a' && buf[k] <= 'z' ? buf[k] - 32 : buf[k]);
			bad += !lede_tok_is_abbrev(buf, n + 1);
		}
		is_int(bad, 0, "every title and abbreviation is known, in any case");
		for (bad = 0, i = 0; not_abbr[i] != NULL; i++)
			bad += lede_tok_is_abbrev(not_abbr[i], strlen(not_abbr[i]));
		is_int(bad, 0, "near misses are not abbreviations");
		is_str(split("Approx. 40 came. Gov't. officials and Bros. Inc. left."),
		    "^Approx.|40|came|.|^Gov't.|officials|and|Bros.|Inc.|left|.", "abbreviations in a text");
	}
	split("Mr. Smith");
	ok(toks.v[0].flags & LEDE_TOK_ABBR, "Mr. is an abbreviation");
	ok((toks.v[1].flags & LEDE_TOK_UPPER) && !(toks.v[1].flags & LEDE_TOK_ALLCAP), "Smith is capitalised");
	split("  two  words ");
	is_int(toks.v[0].start, 2, "offsets are bytes into the text (start)");
	is_int(toks.v[1].end, 12, "offsets are bytes into the text (end)");
	split("");
	is_int(toks.n, 0, "empty text, no tokens");
	/* a long line without spaces is one token, found in linear time */
	for (i = 0; i + 1 < sizeof big; i++)
		big[i] = 'a';
	big[sizeof big - 1] = '\0';
	split(big);
	is_int(toks.n, 1, "a 300 kB word is one token");
	for (i = 0; i + 1 < sizeof big; i++)
		big[i] = "x.'-"[i % 4];
	split(big);
	ok(toks.n > 0, "punctuation soup tokenises");
	/* sentences are found alike in paragraphs with few and with many
	 * marks (the tokenizer lists a few hundred, then reads every token) */
	for (many = 0; many < 2; many++) {
		size_t o = 0, sents = 0, k;
		for (k = 0; k < (many ? 400u : 20u) && o + 100 < sizeof big; k++)
			o += (size_t)snprintf(big + o, sizeof big - o, "Mr. Lee, of Ohio, said no. He, too, left! "
			    "U.S. officials (and others) agreed. ");
		split(big);
		for (i = 0; i < toks.n; i++)
			sents += (toks.v[i].flags & LEDE_TOK_SENT) != 0;
		is_int((long)sents, (long)(3 * k), many ? "sentences in a paragraph of many marks" :
		    "sentences in a paragraph of few marks");
	}
	{
		char low[64];
		lede_tok_lower("\xc3\x89LYS\xc3\x89" "E\xe2\x80\x99S", 12, low, sizeof low);
		is_str(low, "\xc3\xa9lys\xc3\xa9" "e's", "folding lowers accented capitals and the curly apostrophe");
	}
	lede_toks_free(&toks);
	(void)cur;
	return tap_done();
}
