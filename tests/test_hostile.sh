#!/bin/sh
# Hostile inputs (issue 6): terminal escapes, bidi controls, invalid UTF-8,
# NUL bytes, a 25 MB page, deep nesting, an entity bomb, a 5 MB word,
# thousands of unbalanced quotes and names, empty and binary input. Each case
# asserts what comes out, not only that lede survived. The inputs are made
# here by tests/hostile.py; the same script scans the output.
. "$srcdir/tests/lib.sh"
py=${PYTHON3:-python3}
gen() { "$py" "$srcdir/tests/hostile.py" gen "$1" "$TMPD/$2"; }
scan() { "$py" "$srcdir/tests/hostile.py" scan "$@"; }

# The time bound for one run: a sanitizer build runs several times slower.
bound=60
if command -v ldd >/dev/null 2>&1 && ldd "$LEDE" 2>/dev/null | grep -q -e libasan -e libubsan; then
	bound=240
fi

# run NAME ARGS...: runs lede with a time bound; stdout in $TMPD/NAME.out,
# stderr in $TMPD/NAME.err, the status in $rc (124 when the bound was hit).
run() {
	name=$1; shift
	timeout "$bound" "$LEDE" "$@" >"$TMPD/$name.out" 2>"$TMPD/$name.err"
	rc=$?
}

# exits WANT DESCRIPTION: the last run's status was WANT; if not, shows
# what it said on stderr.
exits() {
	if [ "$rc" -eq "$1" ]; then
		pass "$2"
	else
		fail "$2"
		diag "exit $rc, want $1; stderr:" "$(head -c 1500 "$TMPD/$name.err")"
	fi
}

# one_error ARG NAME: stderr holds exactly the line "lede: ARG: reason".
one_error() {
	lines=$(wc -l <"$TMPD/$2.err")
	first=$(head -n 1 "$TMPD/$2.err")
	case $first in
	"lede: $1: "?*) [ "$lines" -eq 1 ] && pass "$2: one error line 'lede: INPUT: reason' ($first)" ||
		{ fail "$2: one error line"; diag "$(cat "$TMPD/$2.err")"; } ;;
	*) fail "$2: error in the form 'lede: INPUT: reason'"; diag "got: $(head -c 500 "$TMPD/$2.err")" ;;
	esac
}

# clean_output NAME FORMAT: the output scans clean; JSON is also decoded.
clean_output() {
	if [ "$2" = json ]; then why=$(scan "$TMPD/$1.out" json); else why=$(scan "$TMPD/$1.out"); fi
	if [ -z "$why" ]; then pass "$1: $2 output is UTF-8 with no control, C1 or bidi character"
	else fail "$1: $2 output is clean"; diag "$why"; fi
}

formats="text json markdown html"

# --- terminal escapes in the title, text, entities and links; bidi controls
gen escapes escapes.html
for f in $formats; do
	run "escapes-$f" --format="$f" "$TMPD/escapes.html"
	exits 0 "escapes: --format=$f exits 0"
	clean_output "escapes-$f" "$f"
	out=$(cat "$TMPD/escapes-$f.out")
	contains "$out" "end words" "escapes: $f keeps the words around the escapes"
	contains "$out" "clipboard" "escapes: $f keeps the words after an OSC 52 write"
done
run escapes-stdin --format=text - <"$TMPD/escapes.html"
exits 0 "escapes from standard input: exit 0"
clean_output escapes-stdin text
run escapes-plain --format=text --no-annotate "$TMPD/escapes.html"
clean_output escapes-plain text

# --- the same page in the pager, in a real terminal: the page can neither
# set the terminal's title (OSC 0) nor write its clipboard (OSC 52)
if command -v tmux >/dev/null 2>&1; then
	tsock=lede-hostile-$$
	T() { tmux -L "$tsock" -f /dev/null "$@"; }
	# lede starts once the options and the known title are in place.
	T new-session -d -x 100 -y 30 "sleep 0.5; exec '$LEDE' '$TMPD/escapes.html'"
	T set-option -g set-clipboard on >/dev/null 2>&1
	T set-option -g allow-rename on >/dev/null 2>&1
	T select-pane -T lede-hostile-start 2>/dev/null
	i=0
	screen=
	while [ $i -lt 100 ]; do
		screen=$(T capture-pane -p 2>/dev/null)
		case $screen in *"end words"*) break ;; esac
		sleep 0.1
		i=$((i + 1))
	done
	# Page through the whole article so every line has been drawn.
	T send-keys NPage NPage NPage End 2>/dev/null
	sleep 0.5
	title=$(T display-message -p '#{pane_title}' 2>/dev/null)
	buffers=$(T list-buffers 2>/dev/null)
	T send-keys q 2>/dev/null
	sleep 0.2
	T kill-server >/dev/null 2>&1
	contains "$screen" "end words" "pager: the article is on screen"
	is "$title" lede-hostile-start "pager: the page does not set the terminal title"
	is "$buffers" "" "pager: the page does not write the clipboard (no tmux paste buffer)"
else
	skip "pager in a terminal: tmux is not installed"
fi

# --- a hand-edited saved copy carrying escapes: refused, and the refusal
# itself carries none
gen copy-escapes copy.json
run copy --format=text "$TMPD/copy.json"
exits 1 "saved copy with escapes: refused"
one_error "$TMPD/copy.json" copy
why=$(scan "$TMPD/copy.err")
is "$why" "" "saved copy with escapes: the error message is clean"
is "$(wc -c <"$TMPD/copy.out")" 0 "saved copy with escapes: nothing printed"

# --- invalid UTF-8: replaced with U+FFFD, the rest of the paragraph kept
gen invalid-utf8 bad.html
run bad-html --format=json "$TMPD/bad.html"
exits 0 "invalid UTF-8 in HTML: exit 0"
clean_output bad-html json
out=$(cat "$TMPD/bad-html.out")
contains "$out" "bad bytes $(printf '\357\277\275')" "invalid UTF-8 in HTML: shows U+FFFD"
contains "$out" "and after them the words stay" "invalid UTF-8 in HTML: the rest of the paragraph is kept"
gen invalid-utf8-text bad.txt
run bad-text --format=text "$TMPD/bad.txt"
exits 0 "invalid UTF-8 in plain text: exit 0"
clean_output bad-text text
out=$(cat "$TMPD/bad-text.out")
contains "$out" "$(printf '\357\277\275')" "invalid UTF-8 in plain text: shows U+FFFD"
contains "$out" "and after them the words stay" "invalid UTF-8 in plain text: the rest of the paragraph is kept"

# --- NUL bytes: the text around them is kept
gen nul nul.html
run nul --format=text "$TMPD/nul.html"
exits 0 "NUL bytes: exit 0"
clean_output nul text
out=$(cat "$TMPD/nul.out")
contains "$out" "Before the" "NUL bytes: the text before a NUL is kept"
contains "$out" "and after it too" "NUL bytes: the text after a NUL is kept"

# --- a 25 MB article finishes in seconds with all its text
"$py" "$srcdir/bench/gen-article.py" --size $((25 * 1024 * 1024)) -o "$TMPD/big.html"
start=$(date +%s)
run big --format=json "$TMPD/big.html"
secs=$(($(date +%s) - start))
exits 0 "25 MB page: exit 0 (in ${secs}s, bound ${bound}s)"
paras=$("$py" -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["paragraphs"]))' "$TMPD/big.out" 2>/dev/null)
want=$(grep -c '^<[ph][2 >]' "$TMPD/big.html")
check "25 MB page: all $want paragraphs and headings come out (got ${paras:-none})" \
	test "${paras:-0}" -ge $((want - 2))
rm -f "$TMPD/big.html" "$TMPD/big.out"

# --- 200,000 nested elements: the text, or a clear error; no crash
gen nested nested.html
run nested --format=text "$TMPD/nested.html"
if [ "$rc" -eq 0 ]; then
	contains "$(cat "$TMPD/nested.out")" "the text is still here" "200,000 nested elements: the text comes out"
elif [ "$rc" -eq 1 ]; then
	one_error "$TMPD/nested.html" nested
else
	fail "200,000 nested elements: exit 0 with the text or 1 with an error (got $rc)"
	diag "$(head -c 500 "$TMPD/nested.err")"
fi

# --- an entity bomb in the DOCTYPE: not expanded, memory bounded
gen entity-bomb bomb.html
rss=$("$py" "$srcdir/tests/hostile.py" rss 262144 "$TMPD/bomb.out" \
	timeout "$bound" "$LEDE" --format=text "$TMPD/bomb.html" 2>"$TMPD/bomb.err")
brc=$?
rss=${rss#rss }
rc=$brc name=bomb
exits 0 "entity bomb: exit 0 within 256 MiB ($rss KiB)"
size=$(wc -c <"$TMPD/bomb.out")
check "entity bomb: output stays small ($size bytes)" test "$size" -lt 100000
lacks "$(cat "$TMPD/bomb.out")" "lollollollollol" "entity bomb: the entities are not expanded"
contains "$(cat "$TMPD/bomb.out")" "the story text goes on" "entity bomb: the text around it is kept"

# --- a 5 MB word without a space
gen long-line long.html
run long --format=text "$TMPD/long.html"
exits 0 "5 MB line without spaces: exit 0"
longest=$(awk '{ if (length($0) > m) m = length($0) } END { print m + 0 }' "$TMPD/long.out")
xs=$(tr -cd x <"$TMPD/long.out" | wc -c)
check "5 MB line without spaces: all 5 MiB of it kept (got $xs)" test "$xs" -ge 5242880
contains "$(tail -c 2000 "$TMPD/long.out")" "end of the line" "5 MB line without spaces: the text after it is kept"

# --- tens of thousands of unbalanced quotation marks, and of names
gen quotes quotes.html
start=$(date +%s)
run quotes --format=json "$TMPD/quotes.html"
exits 0 "40,000 unbalanced quotation marks: exit 0 in $(($(date +%s) - start))s"
clean_output quotes json
gen names names.html
start=$(date +%s)
run names --format=json "$TMPD/names.html"
exits 0 "40,000 names: exit 0 in $(($(date +%s) - start))s"
clean_output names json

# --- empty and binary input: a clear error, exit 1
gen empty empty.html
run empty --format=text "$TMPD/empty.html"
exits 1 "empty file: exit 1"
one_error "$TMPD/empty.html" empty
is "$(wc -c <"$TMPD/empty.out")" 0 "empty file: nothing on standard output"
run empty-stdin --format=text - </dev/null
exits 1 "empty standard input: exit 1"
one_error - empty-stdin
gen random random.bin
run random --format=text "$TMPD/random.bin"
exits 1 "random binary: exit 1"
one_error "$TMPD/random.bin" random

# --- exit status and error format with several inputs
run missing --format=text "$TMPD/no-such-file.html"
exits 1 "missing file: exit 1"
one_error "$TMPD/no-such-file.html" missing
gen nul ok.html
run mixed --format=json "$TMPD/ok.html" "$TMPD/no-such-file.html" "$TMPD/ok.html"
exits 1 "one bad input among good ones: exit 1"
is "$(grep -c . "$TMPD/mixed.out")" 2 "one bad input among good ones: the good ones still print"
one_error "$TMPD/no-such-file.html" mixed

done_testing
