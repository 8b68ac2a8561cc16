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
		# In one process (no sandbox child) so one profile holds everything.
		nosb=
		"$builddir/src/lede" --help 2>/dev/null | grep -q -e '--no-sandbox' && nosb=--no-sandbox
		for what in pages small; do
			if [ "$what" = pages ]; then set -- "$pages"/*; else set -- "$small"; fi
			valgrind --tool=callgrind --callgrind-out-file="$work/cg.$what" \
				"$builddir/src/lede" $nosb --format=json "$@" >/dev/null 2>"$work/cg.log" || true
			echo
			echo "callgrind, lede --format=json on the $what: lede's functions, time including callees"
			callgrind_annotate --inclusive=yes "$work/cg.$what" 2>/dev/null |
				grep -E '^ *[0-9,]+ .*(src|bench)/[a-z-]+\.c:' | sed -n '1,20p'
			echo "callgrind, the same: every function, own time"
			callgrind_annotate --inclusive=no "$work/cg.$what" 2>/dev/null |
				grep -E '^ *[0-9,]+ ' | sed -n '2,16p'
		done
	else
		echo "callgrind: valgrind is not installed"
	fi
fi
