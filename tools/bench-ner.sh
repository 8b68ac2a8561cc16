#!/bin/sh
# Scores lede's people and places on the CoNLL-2003 bench (shared/bench/ner):
# every mention of a person counts as PER, of a place as LOC, matched by text.
#   tools/bench-ner.sh [dev|test] [BUILD_DIR]
# dev is for tuning; test is for reporting. Nothing here is used in training.
set -eu
split=${1:-dev}
here=$(cd "$(dirname "$0")/.." && pwd)
build=${2:-$here}
lede=$build/src/lede
shared=${SHARED:-$here/../shared}
bench=$shared/bench/ner
case $split in
dev) docs=$bench/dev_docs; gold=$bench/gold_dev.jsonl; bio=$bench/dev.bio ;;
test) docs=$bench/docs; gold=$bench/gold_test.jsonl; bio=$bench/test.bio ;;
*) echo "usage: $0 [dev|test] [BUILD_DIR]" >&2; exit 2 ;;
esac
[ -x "$lede" ] || { echo "no lede binary at $lede (pass the build folder)" >&2; exit 2; }
[ -d "$docs" ] || { echo "no bench at $bench" >&2; exit 2; }
out=$(mktemp -d "${TMPDIR:-/tmp}/bench-ner.XXXXXX")
[ -n "${KEEP:-}" ] && echo "keeping $out" >&2 || trap 'rm -rf "$out"' EXIT
for f in "$docs"/*.txt; do
	n=$(basename "$f" .txt)
	"$lede" --format=json "$f" > "$out/$n.json"
done
python3 - "$out" > "$out/pred.jsonl" <<'PY'
import json, os, sys
d = sys.argv[1]
for name in sorted(os.listdir(d)):
    if not name.endswith(".json"):
        continue
    doc = json.load(open(os.path.join(d, name), encoding="utf-8"))
    paras = [p["text"] for p in doc["paragraphs"]]
    title = doc.get("title") or ""
    ents = []
    for key, ty in (("people", "PER"), ("places", "LOC")):
        for e in doc.get(key) or []:
            for m in e["mentions"]:
                text = title if m["paragraph"] == -1 else paras[m["paragraph"]]
                b = text.encode("utf-8")[m["start"]:m["end"]].decode("utf-8", "replace")
                ents.append({"text": b, "type": ty})
    print(json.dumps({"doc": int(name[:-5]), "entities": ents}))
PY
python3 "$shared/bench/tools/score_ner.py" "$out/pred.jsonl" --by-text \
	--gold-json "$gold" --gold-bio "$bio" --name "lede $split"
