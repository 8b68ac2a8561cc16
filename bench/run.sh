#!/bin/sh
# The performance benchmark (issue 7): lede against a bare libxml2 parse of
# the same bytes, on the 181 pages of the extraction bench and on a generated
# 25 MB article. Not a test: it prints figures and ratios with their targets.
#
# usage: bench/run.sh [BUILDDIR]      (or `make bench` in a build folder)
# env:   BENCH_ROUNDS (default 5), SHARED (default SRCDIR/../shared),
#        BENCH_CALLGRIND=1 to also profile the pages run with callgrind.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
srcdir=${srcdir:-$(dirname "$here")}
builddir=${1:-${builddir:-$(pwd)}}
builddir=$(cd "$builddir" && pwd)
shared=${SHARED:-$srcdir/../shared}
python=${PYTHON3:-python3}
pages=$shared/bench/extraction/html

if [ ! -d "$pages" ]; then
	echo "bench: skipped: $pages is absent (the shared bench material is needed)"
	exit 0
fi
if [ ! -x "$builddir/src/lede" ] || [ ! -x "$builddir/bench/baseline" ] || [ ! -x "$builddir/bench/stages" ]; then
	make -C "$builddir" src/lede bench/baseline bench/stages >/dev/null
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/lede-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
big=$work/article-25mb.html
small=$work/article-sixteenth.html
tiny=$work/tiny.html
"$python" "$srcdir/bench/gen-article.py" --size $((25 * 1024 * 1024)) -o "$big"
"$python" "$srcdir/bench/gen-article.py" --size $((25 * 1024 * 1024 / 16)) -o "$small"
"$python" "$srcdir/bench/gen-article.py" --size 2500 -o "$tiny"

"$python" "$srcdir/bench/measure.py" --lede "$builddir/src/lede" \
	--baseline "$builddir/bench/baseline" --stages "$builddir/bench/stages" \
	--pages "$pages" --big "$big" --small "$small" --tiny "$tiny" \
	--rounds "${BENCH_ROUNDS:-5}" --work "$work"

if [ "${BENCH_CALLGRIND:-0}" = 1 ]; then
	if command -v valgrind >/dev/null 2>&1; then
		echo
		echo "callgrind: lede --format=json over the pages (functions by own cost)"
		valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" \
			"$builddir/src/lede" --format=json "$pages"/* >/dev/null 2>"$work/cg.log" || true
		callgrind_annotate --inclusive=no "$work/cg.out" 2>/dev/null | sed -n '1,60p' |
			grep -E '^ *[0-9,]+ ' | head -n 30
	else
		echo "callgrind: valgrind is not installed"
	fi
fi
