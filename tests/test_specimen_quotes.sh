#!/bin/sh
# The specimen article: its quotes carry their speakers, the unbalanced ones
# included, and Putin's conflicting nationalities are flagged. Needs
# /work/shared (skips without it) and python3 to read the JSON.
. "$srcdir/tests/lib.sh"

shared=$(shared_dir)
spec=$shared/specimen/paris-summit.txt
py=${PYTHON3:-python3}
if [ -z "$shared" ] || [ ! -f "$spec" ] || ! command -v "$py" >/dev/null 2>&1; then
	skip "the specimen or python3 is not here"
	done_testing
	exit $?
fi

if ! "$LEDE" --format=json "$spec" >"$TMPD/spec.json" 2>"$TMPD/err"; then
	fail "lede reads the specimen"
	diag "$(cat "$TMPD/err")"
	done_testing
	exit $?
fi
pass "lede reads the specimen"

# One line per quote: its words | speaker or source | flags; then warnings.
"$py" - "$TMPD/spec.json" >"$TMPD/quotes" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
if isinstance(d, list):
    d = d[0]
for q in d["quotes"]:
    flags = [k for k in ("unclosed", "unopened", "continued") if q.get(k)]
    print("Q %s | %s | %s" % (q["text"], q.get("speaker") or q.get("source") or "-", " ".join(flags)))
for w in d["warnings"]:
    print("W %s | %s" % (w["kind"], w["message"]))
PY
out=$(cat "$TMPD/quotes")

# speaker_of WORDS: the speaker of the first quote starting with WORDS
speaker_of() {
	grep -F "Q $1" "$TMPD/quotes" | head -n 1 | sed 's/^[^|]*| \([^|]*\) |.*/\1/'
}

contains "$out" "Q The sincerity of Russia | " "the unopened quote is found from its paragraph's start"
contains "$(grep -F 'Q The sincerity of Russia' "$TMPD/quotes")" "unopened" "and flagged unopened"
contains "$(speaker_of 'The sincerity of Russia')" "Macron" ""The sincerity of Russia" is Macron's"
contains "$(speaker_of 'It seems to me that if common sense prevails')" "Putin" \
    ""It seems to me..." is Putin's (he, from the paragraph before)"
contains "$(speaker_of 'If not, then we will have to resolve all our tasks militarily.')" "Putin" \
    ""If not...militarily" is Putin's"
contains "$(speaker_of 'help make the skies safe')" "Healey" "John Healey's first quote is his"
contains "$(speaker_of 'has not ruled out any further action')" "Healey" "John Healey's emphasised quote is his"
contains "$(speaker_of 'I think we’re going to get it all straightened out.')" "Trump" "Trump's quote is Trump's"
contains "$(speaker_of 'technical work')" "French diplomats" "a source that is not a person, as written"
is "$(speaker_of 'safety net')" "-" "the scare quote has no speaker"
contains "$out" "W conflicting-role | Vladimir Putin is called both" "Putin's conflicting roles are flagged"
contains "$(grep 'W conflicting-role' "$TMPD/quotes")" "Chinese President" "naming the Chinese President role"
contains "$(grep 'W conflicting-role' "$TMPD/quotes")" "Russian leader" "and the Russian leader one"
contains "$out" "W unopened-quote" "an unopened-quote warning"
contains "$out" "W unclosed-quote" "an unclosed-quote warning"
lacks "$out" "no speaker found for “safety net" "no unattributed warning for the scare quote"
done_testing
