#!/bin/sh
# Scores the cleaner on the shared extraction benchmark (../shared/bench/extraction):
# runs `lede --format=json --no-annotate` on every page, writes each document's
# paragraphs (title excluded) joined by blank lines to <id>.txt in a temporary
# folder, and prints the benchmark scorer's verdict. Builds nothing itself.
#
# usage: tools/bench-extraction.sh [LEDE_BINARY] [-- SCORER_ARGS...]
#   LEDE_BINARY defaults to $LEDE, else src/lede; SHARED to ../shared beside the repo.
#   KEEP=DIR keeps the predictions in DIR instead of a temporary folder.
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
lede=${LEDE:-src/lede}
if [ $# -gt 0 ] && [ "$1" != "--" ]; then
	lede=$1
	shift
fi
[ $# -gt 0 ] && [ "$1" = "--" ] && shift
shared=${SHARED:-$here/../shared}
bench=$shared/bench/extraction
scorer=$shared/bench/tools/score_extraction.py
[ -x "$lede" ] || { echo "bench-extraction: no lede binary at $lede" >&2; exit 2; }
[ -d "$bench/html" ] || { echo "bench-extraction: no benchmark at $bench" >&2; exit 2; }

if [ -n "${KEEP:-}" ]; then
	out=$KEEP
	mkdir -p "$out"
else
	out=$(mktemp -d "${TMPDIR:-/tmp}/lede-bench.XXXXXX")
	trap 'rm -rf "$out"' EXIT
fi

failed=0
start=$(date +%s.%N)
for page in "$bench"/html/*.html; do
	id=$(basename "$page" .html)
	if ! "$lede" --format=json --no-annotate "$page" >"$out/$id.json" 2>"$out/$id.err"; then
		failed=$((failed + 1))
		echo "no document: $id: $(cat "$out/$id.err")" >&2
	fi
done
end=$(date +%s.%N)

python3 - "$out" <<'PY'
import json, os, sys
d = sys.argv[1]
for f in os.listdir(d):
    if not f.endswith(".json"):
        continue
    path = os.path.join(d, f)
    text = ""
    try:
        with open(path, encoding="utf-8") as fh:
            line = fh.readline()
        if line.strip():
            doc = json.loads(line)
            text = "\n\n".join(p["text"] for p in doc.get("paragraphs", []))
    except (OSError, ValueError) as e:
        print(f"unreadable output {f}: {e}", file=sys.stderr)
    with open(os.path.join(d, f[:-5] + ".txt"), "w", encoding="utf-8") as fh:
        fh.write(text)
PY
echo "pages without a document: $failed"
awk -v s="$start" -v e="$end" 'BEGIN { printf "lede time over all pages: %.2f s\n", e - s }'
python3 "$scorer" "$out" "$@"
