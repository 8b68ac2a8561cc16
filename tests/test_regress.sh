#!/bin/sh
# Every fuzzer finding (tests/regress/NAME/) and every seed (fuzz/seeds/NAME/)
# replayed through its harness (tests/regress_NAME, built from fuzz/fuzz_NAME.c
# and tests/regress-main.c). A harness checks doc.h's promises on what comes
# out and traps when one breaks; under --enable-sanitizers the memory errors
# the fuzzers found are caught too.
. "$srcdir/tests/lib.sh"
LEDE_DATADIR=$srcdir
export LEDE_DATADIR
for name in clean annotate copy config docwire; do
	prog=$builddir/tests/regress_$name
	for f in "$srcdir/tests/regress/$name"/* "$srcdir/fuzz/seeds/$name"/*; do
		[ -f "$f" ] || continue
		rel=${f#"$srcdir"/}
		if out=$("$prog" "$f" 2>&1); then
			pass "$name: $rel"
		else
			fail "$name: $rel (exit $?)"
			diag "$(printf '%s\n' "$out" | grep -E 'ERROR|runtime error|#[0-9] |broken promise|not UTF-8|control character' | head -n 8)"
		fi
	done
done
done_testing
