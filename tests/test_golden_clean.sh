#!/bin/sh
# Golden pages in the layouts common on the web (a blog with a long comment
# thread, <br> div soup, an old table layout, a modern page with ads and a
# newsletter box): the text lede prints must be exactly the expected text.
. "$srcdir/tests/lib.sh"

for page in blog-comments div-soup table-layout modern-ads; do
	html=$srcdir/tests/pages/$page.html
	want=$srcdir/tests/pages/$page.txt
	if ! "$LEDE" --format=text --no-annotate "$html" >"$TMPD/$page.txt" 2>"$TMPD/$page.err"; then
		fail "$page: lede failed"
		diag "$(cat "$TMPD/$page.err")"
		continue
	fi
	if cmp -s "$want" "$TMPD/$page.txt"; then
		pass "$page: text as expected"
	else
		fail "$page: text as expected"
		diag "$(diff "$want" "$TMPD/$page.txt" | head -30)"
	fi
done

# The furniture of each layout stays out.
got=$(cat "$TMPD"/*.txt)
lacks "$got" "thoughts on" "no comment thread"
lacks "$got" "plant stand" "no comment text"
lacks "$got" "Most Read" "no most-read box"
lacks "$got" "Email to a friend" "no story tools"
lacks "$got" "Members' Area" "no table navigation"
lacks "$got" "Webmaster" "no table footer"
lacks "$got" "Advertisement" "no ad labels"
lacks "$got" "Sign up to Departures" "no newsletter box"
lacks "$got" "Read more" "no inline related links"
lacks "$got" "cookies" "no cookie banner"
lacks "$got" "Photograph:" "no image caption"
done_testing
