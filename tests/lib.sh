# Shell helpers for TAP tests. Source it: . "$srcdir/tests/lib.sh"
# Every check prints one TAP point; `done_testing` prints the plan and sets
# the exit status. Failures show what was seen, so a log reads on its own.
: "${LEDE:?LEDE must point at the lede binary (make check sets it)}"
: "${srcdir:?srcdir must be set (make check sets it)}"
tap_n=0
tap_failed=0
TMPD=$(mktemp -d "${TMPDIR:-/tmp}/lede-test.XXXXXX")
trap 'rm -rf "$TMPD"' EXIT

pass() { tap_n=$((tap_n + 1)); echo "ok $tap_n - $*"; }
fail() { tap_n=$((tap_n + 1)); tap_failed=$((tap_failed + 1)); echo "not ok $tap_n - $*"; }
skip() { tap_n=$((tap_n + 1)); echo "ok $tap_n # SKIP $*"; }
diag() { printf '%s\n' "$@" | sed 's/^/#   /'; }

# check DESCRIPTION COMMAND...: passes when the command succeeds.
check() {
	d=$1; shift
	if "$@"; then pass "$d"; else fail "$d"; fi
}

# is GOT WANT DESCRIPTION
is() {
	if [ "$1" = "$2" ]; then pass "$3"; else fail "$3"; diag "got:  $1" "want: $2"; fi
}

# contains HAYSTACK NEEDLE DESCRIPTION
contains() {
	case $1 in
	*"$2"*) pass "$3" ;;
	*) fail "$3"; diag "wanted to find: $2" "in: $(printf '%s' "$1" | head -c 2000)" ;;
	esac
}

# lacks HAYSTACK NEEDLE DESCRIPTION
lacks() {
	case $1 in
	*"$2"*) fail "$3"; diag "did not want: $2" ;;
	*) pass "$3" ;;
	esac
}

# Where the user's shared material is (the specimen, the benches), or empty.
shared_dir() {
	for d in "${SHARED:-}" "$srcdir/../shared"; do
		[ -n "$d" ] && [ -d "$d/specimen" ] && { echo "$d"; return; }
	done
}

done_testing() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
}
