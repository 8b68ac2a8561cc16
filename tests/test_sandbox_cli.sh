#!/bin/sh
# lede --sandbox end to end: the same output as in-process for every format,
# several inputs in one run, copies read back, and a failing page reported on
# one line while the others still print.
. "$srcdir/tests/lib.sh"

# The JSON and the exports stamp the time; pin it so two runs compare.
SOURCE_DATE_EPOCH=1700000000
export SOURCE_DATE_EPOCH

pages="$srcdir/tests/pages/blog-comments.html $srcdir/tests/pages/div-soup.html
$srcdir/tests/pages/modern-ads.html $srcdir/tests/pages/table-layout.html
$srcdir/examples/harbour-vote.html"
for f in json text markdown html; do
	# shellcheck disable=SC2086
	"$LEDE" --sandbox --format=$f $pages >"$TMPD/s.$f" 2>"$TMPD/s.err"
	rs=$?
	# shellcheck disable=SC2086
	"$LEDE" --no-sandbox --format=$f $pages >"$TMPD/n.$f" 2>"$TMPD/n.err"
	is "$rs" 0 "$f: the sandboxed run succeeds"
	check "$f: sandboxed output equals in-process output" cmp -s "$TMPD/s.$f" "$TMPD/n.$f"
	is "$(cat "$TMPD/s.err")" "" "$f: nothing on standard error"
done
is "$(grep -c . "$TMPD/s.json")" 5 "five inputs, five JSON lines"
contains "$(cat "$TMPD/s.json")" '"people":[{' "the harbour story has its people"

# A copy goes through the child too and comes back unchanged.
"$LEDE" --no-sandbox -o "$TMPD/copy.json" "$srcdir/examples/harbour-vote.html"
"$LEDE" --sandbox --format=json "$TMPD/copy.json" >"$TMPD/copy-s.json"
"$LEDE" --no-sandbox --format=json "$TMPD/copy.json" >"$TMPD/copy-n.json"
check "a copy read in the sandbox equals one read in-process" cmp -s "$TMPD/copy-s.json" "$TMPD/copy-n.json"

# A page with no text fails with the cleaner's own reason, on one line, and
# the good page after it still prints.
printf '<html><body><script>x()</script></body></html>' >"$TMPD/empty.html"
"$LEDE" --sandbox --format=text "$TMPD/empty.html" "$srcdir/tests/pages/div-soup.html" \
	>"$TMPD/mix.out" 2>"$TMPD/mix.err"
is "$?" 1 "one bad input: exit status 1"
"$LEDE" --no-sandbox --format=text "$TMPD/empty.html" 2>"$TMPD/want.err" >/dev/null
is "$(cat "$TMPD/mix.err")" "$(cat "$TMPD/want.err")" "the same one-line reason as in-process"
check "the good input still prints" [ -s "$TMPD/mix.out" ]

done_testing
