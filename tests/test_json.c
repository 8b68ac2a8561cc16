#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "lede/doc.h"
#include "lede/json.h"
#include "tap.h"

static void
test_escape(void)
{
	struct lede_buf b = LEDE_BUF_INIT;

	lede_json_str(&b, "a\"b\\c\n\x01\xC2\x9B\xE2\x80\xA8\xFF", 13);
	is_str(b.data, "\"a\\\"b\\\\c\\n\\u0001\\u009b\\u2028\xEF\xBF\xBD\"", "escapes quotes, controls and bad bytes");
	lede_buf_free(&b);
}

static void
test_doc(void)
{
	struct lede_buf b = LEDE_BUF_INIT;
	struct lede_doc *d = lede_doc_new();
	int p;

	lede_doc_set(&d->title, "Title");
	lede_doc_add_para(d, LEDE_PARA_TEXT, "Ann Lee said \"yes\".", 19);
	lede_doc_add_para(d, LEDE_PARA_HEADING, "Next", 4);
	p = lede_doc_add_person(d, "Ann Lee");
	lede_entity_add_mention(&d->people[p], (struct lede_span){ 0, 0, 7 });
	lede_entity_add_role(&d->people[p], "mayor");
	lede_doc_add_quote(d, (struct lede_span){ 0, 13, 18 }, 14, 17, p, NULL);
	lede_doc_add_fact(d, "count", (struct lede_span){ LEDE_TITLE, 0, 5 });
	lede_doc_add_warning(d, "unclosed-quote", LEDE_NO_PARA, "mark at %d", 3);
	ok(lede_json_write_doc(&b, d) == 0, "document writes");
	is_str(b.data,
	    "{\"url\":null,\"title\":\"Title\",\"byline\":null,\"site\":null,\"published\":null,"
	    "\"lang\":null,\"paragraphs\":[{\"kind\":\"text\",\"text\":\"Ann Lee said \\\"yes\\\".\"},"
	    "{\"kind\":\"heading\",\"text\":\"Next\"}],"
	    "\"people\":[{\"name\":\"Ann Lee\",\"aliases\":[],\"roles\":[\"mayor\"],"
	    "\"mentions\":[{\"paragraph\":0,\"start\":0,\"end\":7}]}],\"places\":[],"
	    "\"quotes\":[{\"paragraph\":0,\"start\":13,\"end\":18,\"text\":\"yes\",\"speaker\":\"Ann Lee\","
	    "\"source\":null,\"unclosed\":false,\"unopened\":false,\"continued\":false}],"
	    "\"facts\":[{\"kind\":\"count\",\"text\":\"Title\",\"paragraph\":-1,\"start\":0,\"end\":5}],"
	    "\"warnings\":[{\"kind\":\"unclosed-quote\",\"message\":\"mark at 3\",\"paragraph\":null}],"
	    "\"notes\":[]}",
	    "the whole contract comes out in order");
	ok(lede_doc_add_quote(d, (struct lede_span){ 0, 13, 99 }, 14, 17, -1, NULL) < 0,
	    "a quote span past the paragraph is refused");
	lede_buf_free(&b);
	lede_doc_free(d);
}

static void
test_span_order(void)
{
	struct lede_span v[] = { { 2, 5, 9 }, { -1, 3, 4 }, { 2, 1, 2 }, { 0, 7, 8 } };

	qsort(v, 4, sizeof v[0], lede_span_cmp);
	ok(v[0].para == -1 && v[1].para == 0 && v[2].para == 2 && v[2].start == 1 && v[3].start == 5,
	    "spans sort by paragraph, the title first, then by start");
}

int
main(void)
{
	test_span_order();
	test_escape();
	test_doc();
	return tap_done();
}
