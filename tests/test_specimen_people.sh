#!/bin/sh
# The user's specimen article: its people are one entry each with all their
# mentions, its places are found, and no ordinary word is taken for a person.
. "$srcdir/tests/lib.sh"

shared=$(shared_dir)
py=${PYTHON3:-python3}
if [ -z "$shared" ] || [ ! -f "$shared/specimen/paris-summit.txt" ]; then
	skip "the specimen is not here (shared/ is absent)"
	done_testing
	exit $?
fi
if ! command -v "$py" >/dev/null 2>&1 || [ "$py" = no ]; then
	skip "python3 is needed to read the JSON"
	done_testing
	exit $?
fi

"$LEDE" --format=json "$shared/specimen/paris-summit.txt" > "$TMPD/out.json"
check "lede prints JSON for the specimen" test -s "$TMPD/out.json"

# one line per person: name|aliases|mention texts ; then places
"$py" - "$TMPD/out.json" > "$TMPD/ents" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
paras = [p["text"] for p in d["paragraphs"]]
def text(m):
    t = d["title"] if m["paragraph"] == -1 else paras[m["paragraph"]]
    return t.encode("utf-8")[m["start"]:m["end"]].decode("utf-8")
for p in d["people"]:
    print("P\t%s\t%s\t%s" % (p["name"], "|".join(p["aliases"]), "|".join(text(m) for m in p["mentions"])))
for p in d["places"]:
    print("L\t%s\t%s" % (p["name"], "|".join(p["aliases"])))
PY
people=$(grep '^P' "$TMPD/ents")
places=$(grep '^L' "$TMPD/ents")

for who in Healey Macron Putin Rutte Trump Witkoff Zelensky Maharynsky; do
	n=$(printf '%s\n' "$people" | cut -f2 | grep -c "$who")
	is "$n" 1 "$who is exactly one person entry"
done
# every mention of a surname in the text belongs to that person's entry
for who in Putin Trump Zelensky Macron Healey; do
	want=$(grep -o "$who" "$shared/specimen/paris-summit.txt" | wc -l)
	got=$(printf '%s\n' "$people" | awk -F'\t' -v w="$who" '$2 ~ w { print $4 }' | tr '|' '\n' | grep -c "$who")
	is "$got" "$want" "all $want mentions of $who are in one entry"
done
ihor=$(printf '%s\n' "$people" | awk -F'\t' '$2 ~ /Maharynsky/ { print $4 }')
contains "|$ihor|" "|Ihor|" "Ihor alone is a mention of Ihor Maharynsky"
for bad in According Despite Coalition "Putin’s" "Putin's" President; do
	n=$(printf '%s\n' "$people" | cut -f2,3 | tr '\t|' '\n\n' | grep -cx "$bad")
	is "$n" 0 "$bad is not a person"
done
lacks "$(printf '%s\n' "$people" | cut -f4)" "’s" "no mention covers a possessive ending"
for where in Paris Kyiv Ukraine Russia Alaska Moscow Beijing Germany Italy "United States" "Élysée Palace"; do
	n=$(printf '%s\n' "$places" | cut -f2,3 | tr '\t|' '\n\n' | grep -cx "$where")
	is "$n" 1 "$where is a place"
done
n=$(printf '%s\n' "$places" | cut -f2,3 | tr '\t|' '\n\n' | grep -cx -e UK -e "United Kingdom")
check "the UK is a place" test "$n" -ge 1
done_testing
