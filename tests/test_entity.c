/* People and places end to end: roles split off, every mention of a person
 * in one entry (surname, first name, Mr X, possessives), ambiguous words by
 * context. Texts written for these tests. */
#include "config.h"

#include <stdio.h>

#include "annot.h"
#include "tap.h"

int
main(void)
{
	const struct lede_entity *p;
	struct lede_doc *d;
	size_t k;
	bool clean;

	{
		static const char *const l[] = {
			"French President Emmanuel Macron met US special envoy Steve Witkoff in Paris on Thursday.",
			"According to officials, Macron\xe2\x80\x99s plan was welcomed. Despite the rain, Witkoff smiled.",
			"The UK defence secretary John Healey also spoke. Healey said the talks went well.",
			"John Healey, the defence secretary, flew home to London.",
			NULL };
		d = annotate_lines("Leaders meet in Paris", l);
	}
	p = person(d, "Emmanuel Macron");
	ok(p != NULL, "Emmanuel Macron is a person, without his title");
	if (p) {
		ok(has_str(p->roles, p->nroles, "French President"), "his role is French President");
		ok(has_str(p->aliases, p->naliases, "Macron"), "Macron is an alias (the possessive dropped)");
		is_int(p->nmentions, 2, "both mentions of Macron are his");
		clean = true;
		for (k = 0; k < p->nmentions; k++)
			clean = clean && strcmp(mention_text(d, p, k), "Macron\xe2\x80\x99s") != 0;
		ok(clean, "no mention covers the possessive ending");
	}
	p = person(d, "Steve Witkoff");
	ok(p && has_str(p->roles, p->nroles, "US special envoy"), "Witkoff's role is US special envoy");
	ok(p && p->nmentions == 2, "Witkoff alone is the same person");
	p = person(d, "John Healey");
	ok(p && has_str(p->roles, p->nroles, "UK defence secretary"), "role before the name");
	ok(p && has_str(p->roles, p->nroles, "defence secretary"), "role in an apposition");
	ok(p && p->nmentions == 3, "three mentions of Healey, surname alone included");
	ok(person(d, "According") == NULL, "According is not a person");
	ok(person(d, "Despite") == NULL, "Despite is not a person");
	ok(person(d, "Macron\xe2\x80\x99s") == NULL, "the possessive form is not a separate person");
	ok(place(d, "Paris") && place(d, "Paris")->nmentions == 2, "Paris, in the title and the text");
	ok(place(d, "London") != NULL, "London is a place");
	ok(person(d, "French President Emmanuel Macron") == NULL, "the title is not part of the name");
	lede_doc_free(d);

	{
		static const char *const l[] = {
			"Ihor Maharynsky lost his home in the strike on the village. Ihor said he would rebuild.",
			"Tomasz Wisniewski, a farmer, agreed. Mr Wisniewski said the harvest was poor.",
			"Later Mr. Wisniewski\xe2\x80\x99s son spoke to Ihor.",
			NULL };
		d = annotate_lines(NULL, l);
	}
	p = person(d, "Ihor Maharynsky");
	ok(p && p->nmentions == 3, "the first name alone is the same private person");
	ok(p && has_str(p->aliases, p->naliases, "Ihor"), "Ihor is an alias of Ihor Maharynsky");
	p = person(d, "Tomasz Wisniewski");
	ok(p && p->nmentions == 3, "Mr Wisniewski and Mr. Wisniewski's are Tomasz Wisniewski");
	ok(person(d, "Mr Wisniewski") == NULL, "the honorific is not part of a name");
	lede_doc_free(d);

	{
		static const char *const l[] = {
			"In Washington, lawmakers met on Tuesday. Denzel Washington, the actor, was not there.",
			"Jordan and Syria signed a water deal in Amman on Monday.",
			"Milan beat Roma 2-1 on Sunday. Milan is the second city of Italy.",
			NULL };
		d = annotate_lines(NULL, l);
	}
	p = place(d, "Washington");
	ok(p && p->mentions[0].para == 0 && p->mentions[0].start == 3, "Washington the city, by context");
	p = person(d, "Denzel Washington");
	ok(p && p->nmentions == 1, "Denzel Washington the person, by context");
	ok(place(d, "Jordan") != NULL, "Jordan the country, signing a deal");
	ok(person(d, "Jordan") == NULL, "Jordan is no person here");
	p = place(d, "Milan");
	ok(p && p->nmentions == 1 && p->mentions[0].start > 20, "Milan beating Roma is a team; Milan the city is a place");
	ok(place(d, "Roma") == NULL && person(d, "Roma") == NULL, "Roma the team is neither");
	ok(place(d, "Italy") != NULL, "Italy is a place");
	lede_doc_free(d);

	{
		/* a name in no list, found from context alone */
		static const char *const l[] = {
			"Kestrin Vaulmoor, a little-known engineer from Leeds, told reporters on Monday that the bridge was safe.",
			"Vaulmoor said the inspection would finish next week.",
			NULL };
		d = annotate_lines(NULL, l);
	}
	p = person(d, "Kestrin Vaulmoor");
	ok(p && p->nmentions == 2, "an unknown name is found and its surname joined to it");
	ok(place(d, "Leeds") != NULL, "Leeds is a place");
	if (d->npeople == 0)
		dump(d);
	lede_doc_free(d);

	{
		/* roles from descriptions without a name */
		static const char *const l[] = {
			"Russian President Vladimir Putin met US President Donald Trump in Alaska.",
			"Putin said the talks were useful. Putin smiled. Putin left early.",
			"Critics said the US president gave the Russian leader too much.",
			NULL };
		d = annotate_lines(NULL, l);
	}
	p = person(d, "Vladimir Putin");
	ok(p && has_str(p->roles, p->nroles, "Russian leader"), "the Russian leader is the article's main person");
	p = person(d, "Donald Trump");
	ok(p && p->nroles == 1 && has_str(p->roles, p->nroles, "US President"),
	    "the US president is Trump, no second spelling of his role");
	lede_doc_free(d);

	lede_annotator_free(annot);
	return tap_done();
}
