#!/bin/sh
# The user's specimen page: the headline as title, the standfirst and the 35
# article paragraphs, and none of the page's furniture.
. "$srcdir/tests/lib.sh"

shared=$(shared_dir)
if [ -z "$shared" ] || [ ! -f "$shared/specimen/paris-summit.html" ]; then
	skip "the shared specimen is absent"
	done_testing
	exit 0
fi
html=$shared/specimen/paris-summit.html
want=$shared/specimen/paris-summit.txt

"$LEDE" --format=text --no-annotate "$html" >"$TMPD/got.txt" 2>"$TMPD/err.txt"
check "lede reads the specimen" test -s "$TMPD/got.txt"
got=$(cat "$TMPD/got.txt")

is "$(sed -n 1p "$TMPD/got.txt")" "$(sed -n 1p "$want")" "the headline is the title"
# The text export puts a blank line between paragraphs; the specimen has none.
grep -v '^$' "$TMPD/got.txt" | sed 1d >"$TMPD/paras.txt"
is "$(wc -l <"$TMPD/paras.txt" | tr -d ' ')" 36 "the standfirst and 35 paragraphs"
grep -v '^$' "$want" >"$TMPD/want.txt"
is "$(sed -n 1p "$TMPD/paras.txt")" "$(sed -n 2p "$TMPD/want.txt")" "the standfirst comes first"
# The specimen text ends with a source line the page does not carry.
sed -n '3,37p' "$TMPD/want.txt" >"$TMPD/want-body.txt"
sed -n '2,36p' "$TMPD/paras.txt" >"$TMPD/got-body.txt"
if cmp -s "$TMPD/want-body.txt" "$TMPD/got-body.txt"; then
	pass "the 35 paragraphs are the article's, in order"
else
	fail "the 35 paragraphs are the article's, in order"
	diag "$(diff "$TMPD/want-body.txt" "$TMPD/got-body.txt" | head -20)"
fi
# The specimen's own text reads as plain text: headline, then a paragraph a line.
"$LEDE" --format=text --no-annotate "$want" >"$TMPD/txt.txt" 2>&1
is "$(sed -n 1p "$TMPD/txt.txt")" "$(sed -n 1p "$TMPD/want.txt")" "plain text: the first line is the title"
is "$(grep -v '^$' "$TMPD/txt.txt" | sed 1d | wc -l | tr -d ' ')" 37 "plain text: one paragraph per line"
lacks "$got" "cookies" "no cookie banner"
lacks "$got" "Politics" "no navigation"
lacks "$got" "Image source" "no image caption"
lacks "$got" "Related" "no related links"
lacks "$got" "Train fares" "no most-read list"
lacks "$got" "Copyright" "no footer"
lacks "$got" "Share" "no share bar"
done_testing
