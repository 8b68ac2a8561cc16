#!/bin/sh
# Saving copies with -o: the format from the name, atomic replacement, and
# every way it can fail leaving what was there untouched and no temporary
# file behind. Also opening a saved copy again and converting it.
. "$srcdir/tests/lib.sh"

rich="$srcdir/tests/copies/rich.json"
umask 022

# no_temp DIR: passes when no temporary file was left in DIR.
no_temp() {
	left=$(ls -A "$1" | grep '\.lede-' || true)
	is "$left" "" "$2: no temporary file left behind"
}

mode_of() { stat -c %a "$1"; }

# --- the format follows the extension
for ext in md html json txt; do
	out="$TMPD/copy.$ext"
	"$LEDE" -o "$out" "$rich" 2>"$TMPD/err"
	is "$?" 0 "-o copy.$ext succeeds"
done
contains "$(head -n 1 "$TMPD/copy.md")" "# Harbour Council Backs Flood Wall" "a .md copy is Markdown"
contains "$(cat "$TMPD/copy.md")" "## People" "the Markdown copy lists people"
contains "$(head -n 1 "$TMPD/copy.html")" "<!DOCTYPE html>" "a .html copy is HTML"
contains "$(cat "$TMPD/copy.html")" '<mark class="person"' "the HTML copy marks people"
contains "$(head -c 8 "$TMPD/copy.json")" '{"url":' "a .json copy is JSON"
contains "$(head -n 1 "$TMPD/copy.txt")" "Harbour Council" "a .txt copy is text"
is "$(mode_of "$TMPD/copy.md")" 644 "a new copy gets 0666 less the umask"
no_temp "$TMPD" "after saving"

"$LEDE" -o "$TMPD/copy.unknown" "$rich" 2>"$TMPD/err"
rc=$?
check "an unknown extension fails" [ "$rc" -ne 0 ]
contains "$(cat "$TMPD/err")" "cannot tell the format" "and says why"
"$LEDE" --format=markdown -o "$TMPD/copy.unknown" "$rich"
contains "$(head -n 1 "$TMPD/copy.unknown")" "# Harbour" "--format overrides the name"

# --- a copy opens again, and converts
"$LEDE" --format=json "$TMPD/copy.json" >"$TMPD/again.json"
is "$(cat "$TMPD/again.json")" "$(cat "$TMPD/copy.json")" "a JSON copy read and written again is identical"
"$LEDE" -o "$TMPD/converted.md" "$TMPD/copy.json"
is "$(cat "$TMPD/converted.md")" "$(cat "$TMPD/copy.md")" "a JSON copy converts to the same Markdown"
contains "$(cat "$TMPD/converted.md")" "Check the cost against last year's budget." "with its notes"

# --- replacing keeps the mode and is atomic (new inode)
printf 'old\n' >"$TMPD/keep.md"
chmod 600 "$TMPD/keep.md"
ino_before=$(stat -c %i "$TMPD/keep.md")
"$LEDE" -o "$TMPD/keep.md" "$rich"
is "$(mode_of "$TMPD/keep.md")" 600 "replacing keeps the file's mode"
check "the file was replaced by a rename" [ "$(stat -c %i "$TMPD/keep.md")" != "$ino_before" ]
contains "$(head -n 1 "$TMPD/keep.md")" "# Harbour" "with the new content"

# --- an input that fails leaves the target untouched
printf 'precious\n' >"$TMPD/precious.md"
printf '{"title": 5, "paragraphs": []}' >"$TMPD/bad.json"
"$LEDE" -o "$TMPD/precious.md" "$TMPD/bad.json" 2>"$TMPD/err"
rc=$?
check "a damaged copy as input fails" [ "$rc" -ne 0 ]
is "$(cat "$TMPD/err")" "lede: $TMPD/bad.json: damaged copy: title: should be a string, not a number" \
	"with a one-line reason naming the field"
is "$(cat "$TMPD/precious.md")" "precious" "the target is untouched"
no_temp "$TMPD" "after a failed input"

# --- devices and pipes are written in place
"$LEDE" -o /dev/full --format=text "$rich" 2>"$TMPD/err"
rc=$?
check "/dev/full fails" [ "$rc" -ne 0 ]
contains "$(cat "$TMPD/err")" "No space left on device" "and says the device is full"
out=$("$LEDE" -o /dev/stdout --format=text "$rich" | head -n 1)
is "$out" "Harbour Council Backs Flood Wall After Storm, Says Mayor" "/dev/stdout into a pipe is written"
"$LEDE" -o /dev/stdout --format=text "$rich" >"$TMPD/redirected.txt"
contains "$(head -n 1 "$TMPD/redirected.txt")" "Harbour Council" "/dev/stdout into a file is written"
if mkfifo "$TMPD/fifo" 2>/dev/null; then
	cat "$TMPD/fifo" >"$TMPD/from-fifo" &
	reader=$!
	"$LEDE" -o "$TMPD/fifo" --format=markdown "$rich"
	rc=$?
	wait "$reader"
	is "$rc" 0 "a fifo is written"
	check "a fifo stays a fifo" [ -p "$TMPD/fifo" ]
	contains "$(head -n 1 "$TMPD/from-fifo")" "# Harbour" "and its reader gets the copy"
else
	skip "mkfifo is not available"
fi

# --- a missing folder
"$LEDE" -o "$TMPD/no/such/folder/x.md" "$rich" 2>"$TMPD/err"
rc=$?
check "a missing folder fails" [ "$rc" -ne 0 ]
contains "$(cat "$TMPD/err")" "does not exist" "and says the folder is missing"
check "nothing is created" [ ! -e "$TMPD/no" ]

# --- a folder is not a file
mkdir "$TMPD/dir.md"
"$LEDE" -o "$TMPD/dir.md" "$rich" 2>"$TMPD/err"
rc=$?
check "a folder as target fails" [ "$rc" -ne 0 ]
contains "$(cat "$TMPD/err")" "is a folder" "and says why"

"$LEDE" -o "$TMPD/new-folder/" --format=json "$rich" 2>"$TMPD/err"
rc=$?
check "a name ending in / fails" [ "$rc" -ne 0 ]
contains "$(cat "$TMPD/err")" "names a folder" "and says why"

# --- symbolic links: the file behind the link is replaced, the link stays
printf 'old\n' >"$TMPD/real.md"
ln -s real.md "$TMPD/link.md"
"$LEDE" -o "$TMPD/link.md" "$rich"
check "the link is still a link" [ -L "$TMPD/link.md" ]
contains "$(head -n 1 "$TMPD/real.md")" "# Harbour" "the file it points to holds the copy"
ln -s missing.md "$TMPD/dangling.md"
"$LEDE" -o "$TMPD/dangling.md" "$rich" 2>"$TMPD/err"
rc=$?
check "a link to a missing file fails" [ "$rc" -ne 0 ]
contains "$(cat "$TMPD/err")" "symbolic link to a missing file" "and says why"
check "and creates nothing" [ ! -e "$TMPD/missing.md" ]

# --- a folder without write permission, as an unprivileged user (CI is root)
ro="$TMPD/ro"
mkdir "$ro"
printf 'untouched\n' >"$ro/copy.md"
cp "$ro/copy.md" "$TMPD/copy.md.orig"
chmod 755 "$TMPD"
chmod 555 "$ro"
chmod 644 "$ro/copy.md"
as_user=
if [ "$(id -u)" -ne 0 ]; then
	as_user=" "
elif setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
	as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
elif runuser -u nobody -- true 2>/dev/null; then
	as_user="runuser -u nobody --"
fi
# The build tree may sit where that user cannot reach (CI clones under
# /root): run copies of the binary and the input from the open $TMPD.
cp "$LEDE" "$TMPD/lede-bin" && chmod 755 "$TMPD/lede-bin"
cp "$rich" "$TMPD/rich.json" && chmod 644 "$TMPD/rich.json"
if [ -z "$as_user" ]; then
	skip "no way to run as an unprivileged user"
elif ! $as_user test -x "$TMPD/lede-bin"; then
	skip "the temporary folder is not reachable by an unprivileged user"
else
	HOME=$TMPD LEDE_DATADIR=$srcdir $as_user "$TMPD/lede-bin" -o "$ro/copy.md" "$TMPD/rich.json" 2>"$TMPD/err"
	rc=$?
	check "a read-only folder fails" [ "$rc" -ne 0 ]
	contains "$(cat "$TMPD/err")" "Permission denied" "and says permission is denied"
	check "the existing copy is byte-for-byte unchanged" cmp -s "$ro/copy.md" "$TMPD/copy.md.orig"
	no_temp "$ro" "in a read-only folder"
fi
chmod 755 "$ro"

# --- a full disk (a tiny tmpfs in a private mount namespace, when allowed)
if [ "$(id -u)" -eq 0 ] && unshare -m sh -c "mount -t tmpfs -o size=64k tmpfs '$TMPD/ro'" 2>/dev/null; then
	unshare -m sh -c "
		mount -t tmpfs -o size=64k tmpfs '$ro' || exit 99
		printf 'untouched\n' >'$ro/copy.html'
		dd if=/dev/zero of='$ro/fill' bs=4096 2>/dev/null
		'$LEDE' -o '$ro/copy.html' '$rich' 2>'$TMPD/err'
		echo \$? >'$TMPD/rc'
		cat '$ro/copy.html' >'$TMPD/after'
		ls -A '$ro' >'$TMPD/listing'
	"
	check "a full disk fails" [ "$(cat "$TMPD/rc")" -ne 0 ]
	contains "$(cat "$TMPD/err")" "No space left on device" "and says the disk is full"
	is "$(cat "$TMPD/after")" "untouched" "the existing copy is unchanged"
	is "$(grep -c '\.lede-' "$TMPD/listing")" 0 "no temporary file is left on the full disk"
else
	skip "cannot mount a small tmpfs to fill (not root, or no mount namespace)"
fi

done_testing
