#!/bin/sh
# The whole test suite, from a fresh Debian machine: installs what the tests
# need, then runs make check in a normal build, make check again under
# AddressSanitizer and UndefinedBehaviorSanitizer, the fuzzers for a short
# while, and make distcheck. Ends with the line "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
top=$(pwd)

test_pkgs="tmux python3 clang libclang-rt-14-dev cmark time"
if [ "$(id -u)" -eq 0 ]; then sudo=; else sudo=sudo; fi
missing=
for p in $test_pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
done
if [ -n "$missing" ]; then
	$sudo apt-get update
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends $missing
fi
tools/setup.sh || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }

passed=0
failed=0
# Adds up automake's per-run summary (every TAP point counts).
count() {
	log=$1
	if [ ! -f "$log" ]; then
		failed=$((failed + 1))
		return
	fi
	p=$(sed -n 's/^# PASS: *//p' "$log" | head -n1)
	f=$(sed -n 's/^# FAIL: *//p' "$log" | head -n1)
	e=$(sed -n 's/^# ERROR: *//p' "$log" | head -n1)
	xp=$(sed -n 's/^# XPASS: *//p' "$log" | head -n1)
	passed=$((passed + ${p:-0}))
	failed=$((failed + ${f:-0} + ${e:-0} + ${xp:-0}))
	[ -n "$p" ] || failed=$((failed + 1))
}
stage() {
	echo "== $1"
}

stage "make check"
make -j2 check >/dev/null 2>&1 || true
grep -E '^(FAIL|ERROR)' test-suite.log 2>/dev/null || true
count test-suite.log

stage "make check under ASan and UBSan"
# A separate copy of the tree: automake refuses an out-of-tree build of a
# source folder that is configured in place, and the Quick start builds in
# place so that src/lede is where the README says.
san=$top/build-san
rm -rf "$san/tree"
mkdir -p "$san/tree"
git ls-files --cached --others --exclude-standard -z | tar --null -cf - -T - | tar -xf - -C "$san/tree"
# clang's UBSan checks more than gcc's (an offset added to a null pointer,
# say), and clang is installed for the fuzzers anyway.
(cd "$san/tree" && autoreconf -fi >/dev/null 2>&1 && ./configure -q --enable-sanitizers CC=clang &&
	SHARED="$top/../shared" ASAN_OPTIONS=detect_leaks=1 make -j2 check >/dev/null 2>&1) || true
grep -E '^(FAIL|ERROR)' "$san/tree/test-suite.log" 2>/dev/null || true
count "$san/tree/test-suite.log"

if [ -x tools/fuzz.sh ]; then
	stage "fuzzing"
	if FUZZ_SECONDS=${FUZZ_SECONDS:-60} tools/fuzz.sh; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
	fi
fi

stage "make distcheck"
if make -j2 distcheck >distcheck.log 2>&1; then
	passed=$((passed + 1))
else
	tail -n 30 distcheck.log
	failed=$((failed + 1))
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
