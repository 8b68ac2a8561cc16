#!/bin/sh
# Scores quote spans and speakers on the PolNeAR bench (dev for tuning, test
# for reporting): runs lede on each article's text, keeps each quote's text
# and its speaker (the person's name, else the source as written), and hands
# the result to the bench's own scorer.
#   usage: tools/bench-quotes.sh [dev|test]     (run from a build folder)
# LEDE (default ./src/lede) is the binary. While the plain-text cleaner is not
# in place, the build's tools/quote-driver stands in, and the script says so.
set -eu
split=${1:-dev}
case $split in dev|test) ;; *) echo "usage: $0 [dev|test]" >&2; exit 2 ;; esac
here=$(cd "$(dirname "$0")" && pwd)
shared=${SHARED:-$here/../../shared}
[ -d "$shared/bench/quotes" ] || shared=/work/shared
gold=$shared/bench/quotes/polnear_$split.jsonl
[ -f "$gold" ] || { echo "$0: no bench at $gold" >&2; exit 2; }
lede=${LEDE:-./src/lede}
driver=${QUOTE_DRIVER:-./tools/quote-driver}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench-quotes.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

printf 'Probe "quote," he said.\n\nA second paragraph.\n' >"$tmp/probe.txt"
if "$lede" --format=json "$tmp/probe.txt" >"$tmp/probe.json" 2>/dev/null &&
    grep -q '"quotes":\[{' "$tmp/probe.json"; then
	run=$lede
	runargs=--format=json
else
	[ -x "$driver" ] || { echo "$0: neither $lede nor $driver works" >&2; exit 2; }
	echo "note: $lede cannot read plain text yet; using $driver" >&2
	run=$driver
	runargs=
fi

python3 - "$gold" "$tmp" "$run" "$runargs" >"$tmp/pred.jsonl" <<'PY'
import json, os, subprocess, sys
gold, tmp, run, runargs = sys.argv[1:5]
for line in open(gold, encoding="utf-8"):
    art = json.loads(line)
    path = os.path.join(tmp, "a.txt")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(art["text"])
    cmd = [run] + ([runargs] if runargs else []) + [path]
    res = subprocess.run(cmd, capture_output=True)
    quotes = []
    if res.returncode == 0:
        doc = json.loads(res.stdout.decode("utf-8"))
        if isinstance(doc, list):
            doc = doc[0]
        for q in doc.get("quotes", []):
            quotes.append({"text": q["text"], "speaker": q.get("speaker") or q.get("source")})
    else:
        sys.stderr.write("lede failed on %s: %s\n" % (art["doc"], res.stderr.decode()[:200]))
    print(json.dumps({"doc": art["doc"], "quotes": quotes}))
PY
[ -n "${KEEP_PRED:-}" ] && cp "$tmp/pred.jsonl" "$KEEP_PRED"
python3 "$shared/bench/tools/score_quotes.py" "$tmp/pred.jsonl" --gold "$gold" \
    --gold-subset pure --name "lede-$split"
