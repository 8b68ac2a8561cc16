#!/bin/sh
# Builds the libFuzzer harnesses in fuzz/ with clang
# (-fsanitize=fuzzer,address,undefined) against the library sources compiled
# with the same sanitizers, runs each for FUZZ_SECONDS, and fails on any
# crash, leak, timeout or broken invariant, printing the reproducer's path.
#
# usage: tools/fuzz.sh [HARNESS...]     (default: every fuzz/fuzz_*.c)
# env:   FUZZ_SECONDS  seconds per harness (default 60)
#        FUZZ_BUILD    build folder (default ./build-fuzz); the corpora grown
#                      and any crash files go under it, never into fuzz/seeds
#        CC            clang to use (default clang)
#        FUZZ_CFLAGS   extra compiler flags (e.g. -fno-sanitize=nonnull-attribute
#                      to look past a known finding)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
seconds=${FUZZ_SECONDS:-60}
build=${FUZZ_BUILD:-$top/build-fuzz}
cc=${CC:-clang}
case $cc in *clang*) ;; *) cc=clang ;; esac
jobs=2

if ! command -v "$cc" >/dev/null 2>&1; then
	echo "fuzz: $cc is not installed (apt-get install clang libclang-rt-14-dev)" >&2
	exit 1
fi
mkdir -p "$build/obj" "$build/bin"
build=$(cd "$build" && pwd)

# config.h: the tree's own when it is configured in place (then a second
# configure elsewhere would refuse to run), else one from a configure run
# in the build folder.
if [ -f "$top/config.h" ]; then
	confdir=$top
else
	if [ ! -f "$build/config.h" ] || [ "$top/configure" -nt "$build/config.h" ]; then
		(cd "$build" && "$top/configure" -q CC="$cc") >/dev/null ||
			{ echo "fuzz: configure failed in $build" >&2; exit 1; }
	fi
	confdir=$build
fi

# The library's sources are exactly what Makefile.am puts in liblede.a.
srcs=$(awk '
	/^src_liblede_a_SOURCES/ { on = 1 }
	on { for (i = 1; i <= NF; i++) if ($i ~ /\.c$/) print $i; if ($NF != "\\") on = 0 }
' "$top/Makefile.am")
pkgs="libxml-2.0 libcurl ncursesw json-c"
pcflags=$(pkg-config --cflags $pkgs)
libs="$(pkg-config --libs $pkgs) -lm"
# The sandbox's filter, when this configuration has it.
if grep -q '^#define HAVE_SECCOMP 1' "$confdir/config.h"; then
	pcflags="$pcflags $(pkg-config --cflags libseccomp)"
	libs="$libs $(pkg-config --libs libseccomp)"
fi
san="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
# The paths are baked in as string literals; they must not hold spaces.
cflags="-std=c11 -g -O1 $san ${FUZZ_CFLAGS:-} -I$confdir -I$top/include $pcflags
	-DLEDE_PKGDATADIR=\"$top\" -DLEDE_ABS_SRCDIR=\"$top\" -DLEDE_ABS_BUILDDIR=\"$build\""

echo "fuzz: compiling the library with $cc and sanitizers in $build"
rm -f "$build/obj/"*.o
n=0
for s in $srcs; do
	o=$build/obj/$(echo "$s" | tr / _).o
	# shellcheck disable=SC2086
	$cc $cflags -fsanitize=fuzzer-no-link -c "$top/$s" -o "$o" &
	n=$((n + 1))
	[ $((n % jobs)) -ne 0 ] || wait
done
wait
for s in $srcs; do
	[ -f "$build/obj/$(echo "$s" | tr / _).o" ] || { echo "fuzz: $s did not compile" >&2; exit 1; }
done
rm -f "$build/liblede-fuzz.a"
ar rcs "$build/liblede-fuzz.a" "$build/obj/"*.o

if [ $# -gt 0 ]; then
	harnesses=$*
else
	harnesses=$(cd "$top/fuzz" && ls fuzz_*.c | sed 's/\.c$//')
fi

# The annotator's models and the themes come from the source tree.
LEDE_DATADIR=$top
export LEDE_DATADIR
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export ASAN_OPTIONS UBSAN_OPTIONS

failed=0
for h in $harnesses; do
	bin=$build/bin/$h
	# shellcheck disable=SC2086
	if ! $cc $cflags -fsanitize=fuzzer "$top/fuzz/$h.c" "$build/liblede-fuzz.a" $libs -o "$bin"; then
		echo "fuzz: $h: build failed" >&2
		failed=$((failed + 1))
		continue
	fi
	name=${h#fuzz_}
	corpus=$build/corpus-$name
	art=$build/artifacts-$name
	mkdir -p "$corpus" "$art"
	log=$build/$h.log
	seeds=$top/fuzz/seeds/$name
	[ -d "$seeds" ] || seeds=
	dict=
	[ -f "$top/fuzz/$name.dict" ] && dict=-dict=$top/fuzz/$name.dict
	maxlen=65536
	[ "$name" = clean ] && maxlen=262144
	echo "fuzz: $h for ${seconds}s"
	# shellcheck disable=SC2086
	if "$bin" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len=$maxlen \
	    -print_final_stats=1 $dict -artifact_prefix="$art/" "$corpus" $seeds >"$log" 2>&1; then
		execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
		cov=$(grep -E '^#[0-9]+' "$log" | tail -n 1 | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
		echo "fuzz: $h: ok, ${execs:-?} runs, coverage ${cov:-?}, corpus $(ls "$corpus" | wc -l) files"
	else
		failed=$((failed + 1))
		echo "fuzz: $h: FAILED (log: $log)"
		grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error)' "$log" | head -n 5
		for f in "$art"/*; do
			[ -e "$f" ] && echo "fuzz: $h: reproducer: $f  (run: $bin $f)"
		done
	fi
done
[ "$failed" -eq 0 ] || { echo "fuzz: $failed harness(es) failed"; exit 1; }
echo "fuzz: all harnesses passed"
