#!/bin/sh
# The command's behaviour at its edges: help, version, bad options, and the
# one-line error for each input that cannot be read, with the run going on.
. "$srcdir/tests/lib.sh"

# run COMMAND...: runs bounded in time; sets rc, out, err, nerr (stderr lines).
run() {
	timeout 20 "$@" >"$TMPD/out" 2>"$TMPD/err" </dev/null
	rc=$?
	out=$(cat "$TMPD/out")
	err=$(cat "$TMPD/err")
	nerr=$(wc -l <"$TMPD/err")
}

# one_error DESCRIPTION PREFIX: the last run failed (not by timeout), printed
# nothing, and said exactly one stderr line starting with PREFIX.
one_error() {
	if [ "$rc" -ne 0 ] && [ "$rc" -ne 124 ] && [ -z "$out" ] && [ "$nerr" -eq 1 ]; then
		case $err in
		"$2"*) pass "$1"; return ;;
		esac
	fi
	fail "$1"
	diag "exit $rc" "stdout: $out" "stderr: $err" "wanted one line starting: $2"
}

# bad_option DESCRIPTION OPTION...: exit 2, nothing on stdout, exactly one
# line on stderr, starting "lede: ", saying what is wrong.
bad_option() {
	d=$1
	shift
	run "$LEDE" "$@" "$TMPD/a.txt"
	said=$(cat "$TMPD/err")
	if [ "$rc" -eq 2 ] && [ -z "$out" ] && [ "$(printf '%s\n' "$said" | wc -l)" -eq 1 ] &&
	    [ "${said#lede: }" != "$said" ]; then
		pass "$d"
	else
		fail "$d"
		diag "exit $rc" "stdout: $out" "stderr: $err"
	fi
}

cd "$TMPD" || exit 1
printf 'The first article is about the harbour vote and its long aftermath.\n' >a.txt
printf 'The second article is about the bridge and the ferry that replaced it.\n' >b.txt

# --- help and version
run "$LEDE" --help
is "$rc" 0 "--help exits 0"
contains "$out" "--format" "--help mentions --format"
is "$err" "" "--help says nothing on stderr"
run "$LEDE" -h
contains "$out" "Usage: lede" "-h is --help"

run "$LEDE" --version
is "$rc" 0 "--version exits 0"
is "$out" "lede 0.1.0" "--version prints lede 0.1.0"

# --- bad options
bad_option "an unknown option: exit 2, one line" --bogus
contains "$err" "--bogus" "the line names the option"
bad_option "--timeout=abc is refused" --timeout=abc
contains "$err" "--timeout" "and the line names --timeout"
bad_option "--timeout=0 is refused" --timeout=0
bad_option "--timeout=-5 is refused" --timeout=-5
bad_option "--timeout=2.5 is refused" --timeout=2.5
bad_option "--max-size=0 is refused" --max-size=0
bad_option "--max-size=10X is refused" --max-size=10X
bad_option "--format=pdf is refused" --format=pdf
bad_option "--timeout without a value is refused" --timeout

# --- inputs that cannot be read, one line each
run "$LEDE" --format=text nosuch.html
one_error "a missing file: one line" "lede: nosuch.html: "
is "$err" "lede: nosuch.html: no such file" "which says no such file"

run "$LEDE" --format=text example.com/news/1
one_error "a URL without its scheme: one line" "lede: example.com/news/1: no such file"
contains "$err" "https://" "which hints at the scheme"
run "$LEDE" --format=text nosuch/page.html
lacks "$err" "https://" "no such hint for a plain missing path"

mkdir folder
run "$LEDE" --format=text folder
one_error "a folder: one line" "lede: folder: "
contains "$err" "folder" "which says it is a folder"

: >empty.txt
run "$LEDE" --format=text empty.txt
one_error "an empty file: one line" "lede: empty.txt: "
contains "$err" "empty" "which says it is empty"

run "$LEDE" --format=text -
one_error "empty standard input: one line" "lede: -: "

run "$LEDE" --format=text --max-size=10 a.txt
one_error "--max-size=10 on a bigger file: one line" "lede: a.txt: "
contains "$err" "larger than the 10-byte limit (see --max-size)" "which names the limit"

printf 'more than ten bytes arrive here\n' >"$TMPD/in"
timeout 20 "$LEDE" --format=text --max-size=10 - <"$TMPD/in" >"$TMPD/out" 2>"$TMPD/err"
rc=$? out=$(cat "$TMPD/out") err=$(cat "$TMPD/err") nerr=$(wc -l <"$TMPD/err")
one_error "--max-size holds for standard input too" "lede: -: larger than the 10-byte limit"

printf 'Ten bytes\n' >ten.txt
run "$LEDE" --no-annotate --format=text --max-size=10 ten.txt
contains "$out" "Ten bytes" "a file of exactly --max-size bytes is read"
run "$LEDE" --no-annotate --format=text --max-size=9 ten.txt
one_error "one byte more is refused" "lede: ten.txt: larger than the 9-byte limit"
timeout 20 "$LEDE" --no-annotate --format=text --max-size=10 - <ten.txt >"$TMPD/out" 2>"$TMPD/err"
contains "$(cat "$TMPD/out")" "Ten bytes" "standard input of exactly --max-size bytes is read"

run "$LEDE" --no-annotate --format=text --max-size=1k a.txt
is "$rc" 0 "a file under --max-size=1k is read"

if [ "$(id -u)" -eq 0 ]; then
	skip "running as root: every file is readable"
else
	printf 'secret\n' >locked.txt
	chmod 000 locked.txt
	run "$LEDE" --format=text locked.txt
	one_error "an unreadable file: one line" "lede: locked.txt: permission denied"
fi

run "$LEDE" --format=text file:///etc/passwd
one_error "a file: URL is refused" "lede: file:///etc/passwd: "
lacks "$out" "root:" "and nothing of it is printed"
run "$LEDE" --format=text ftp://127.0.0.1/x
one_error "an ftp: URL is refused" "lede: ftp://127.0.0.1/x: ftp: URLs are not fetched"

# --- several inputs: the run goes on past a failure
run "$LEDE" --no-annotate --format=text a.txt nosuch.html b.txt
is "$rc" 1 "one failing input among three: exit 1"
contains "$err" "lede: nosuch.html: no such file" "the failure is reported"
is "$nerr" 1 "in one line, and only that"
contains "$out" "harbour vote" "the input before it is printed"
contains "$out" "the ferry" "the input after it is printed"
lacks "$out" "nosuch" "nothing of the failed input reaches stdout"

run "$LEDE" --format=text nosuch.html folder empty.txt
is "$rc" 1 "three failing inputs: exit 1"
is "$nerr" 3 "one line each"
is "$out" "" "nothing on stdout"

# --- standard input, and the whole default pipeline (annotation on)
timeout 20 "$LEDE" --format=text - <a.txt >"$TMPD/out" 2>"$TMPD/err"
rc=$?
is "$rc" 0 "standard input is read with the default annotation"
contains "$(cat "$TMPD/out")" "harbour vote" "and printed"
is "$(cat "$TMPD/err")" "" "with nothing on stderr"

done_testing
