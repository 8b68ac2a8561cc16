#!/bin/sh
# The Markdown copy renders as the page's own text in a CommonMark tool: every
# paragraph comes out as one block holding exactly its text, and nothing from
# the page turns into markup. Needs cmark and python3; skips without them.
. "$srcdir/tests/lib.sh"

if ! command -v cmark >/dev/null 2>&1; then
	skip "cmark is not installed"
	done_testing
	exit
fi
if [ -z "${PYTHON3:-}" ] || [ "$PYTHON3" = no ]; then
	skip "python3 is not available"
	done_testing
	exit
fi

for copy in rich hostile; do
	json="$srcdir/tests/copies/$copy.json"
	"$LEDE" --no-annotate --format=markdown "$json" >"$TMPD/$copy.md"
	check "$copy: Markdown is written" [ -s "$TMPD/$copy.md" ]
	cmark "$TMPD/$copy.md" >"$TMPD/$copy.html"
	# Prints one line per paragraph that does not render as its own text.
	"$PYTHON3" - "$json" "$TMPD/$copy.html" >"$TMPD/$copy.bad" <<'PY'
import html, json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
out = open(sys.argv[2], encoding="utf-8").read()
def esc(s):
    return html.escape(s, quote=False).replace('"', "&quot;")
wrap = {
    "text": ("<p>", "</p>"),
    "heading": ("<h2>", "</h2>"),
    "blockquote": ("<blockquote>\n<p>", "</p>\n</blockquote>"),
    "list-item": ("<li>", "</li>"),
    "preformatted": ('<pre><code class="language-text">', "\n</code></pre>"),
}
title = "<h1>" + esc(doc["title"]) + "</h1>"
if title not in out:
    print("title:", doc["title"])
for i, p in enumerate(doc["paragraphs"]):
    a, b = wrap[p["kind"]]
    if a + esc(p["text"]) + b not in out:
        print("paragraph", i, repr(p["text"]))
PY
	is "$(cat "$TMPD/$copy.bad")" "" "$copy: every paragraph renders as its own text in cmark"
	lacks "$(cat "$TMPD/$copy.html")" "<script" "$copy: no script from the page"
	lacks "$(cat "$TMPD/$copy.html")" "<img" "$copy: no image from the page"
	lacks "$(cat "$TMPD/$copy.html")" "<div" "$copy: no raw HTML from the page"
	lacks "$(cat "$TMPD/$copy.html")" "<hr" "$copy: no rule from the page"
	lacks "$(cat "$TMPD/$copy.html")" "<em>" "$copy: no emphasis from the page"
done
contains "$(cat "$TMPD/rich.html")" "<h2>People</h2>" "the people section renders as a heading"
contains "$(cat "$TMPD/rich.html")" "<li><strong>Ann Lee</strong>, mayor (2 mentions)</li>" "and lists people"

done_testing
