#!/bin/sh
# The pager in a real terminal: tmux runs it, send-keys types, capture-pane
# shows what the reader would see. Documents come from tests/pager_doc (exact
# people, quotes and facts); when lede itself reads JSON copies, the first
# screen is also checked through the lede binary.
. "$srcdir/tests/lib.sh"

DOC=${builddir:-.}/tests/pager_doc
SOCK=lede-test-$$-0
nsock=0
EXPECT=$srcdir/tests/pager

if ! command -v tmux >/dev/null 2>&1; then
	skip "tmux is not installed"
	done_testing
	exit
fi

# A test started from inside tmux or without a terminal type still gets its
# own private servers.
unset TMUX
TERM=${TERM:-xterm}
export TERM
T() { tmux -L "$SOCK" -f /dev/null "$@"; }
# Each terminal gets its own server, so a new one never meets the old one
# shutting down; all are killed at the end.
cleanup() {
	k=0
	while [ $k -le $nsock ]; do
		tmux -L "lede-test-$$-$k" kill-server >/dev/null 2>&1
		k=$((k + 1))
	done
	rm -rf "$TMPD"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# settle: waits until the screen stops changing and its bottom line (the
# status line, drawn last) is there, or the program has ended; at most ~5 s.
settle() {
	prev=
	i=0
	sleep 0.05
	while [ $i -lt 50 ]; do
		cur=$(T capture-pane -p 2>/dev/null)
		h=$(T display-message -p '#{pane_height}' 2>/dev/null)
		last=$(T capture-pane -p -S $((${h:-1} - 1)) -E $((${h:-1} - 1)) 2>/dev/null)
		if [ -n "$cur" ] && [ "$cur" = "$prev" ] &&
		    { [ -n "$last" ] || [ -s "$TMPD/exit" ]; }; then
			return 0
		fi
		prev=$cur
		sleep 0.1
		i=$((i + 1))
	done
	return 0
}

# start COLS ROWS COMMAND: a fresh terminal running COMMAND; its exit status
# lands in $TMPD/exit and the pane stays for a look after it ends.
start() {
	T kill-server >/dev/null 2>&1
	nsock=$((nsock + 1))
	SOCK=lede-test-$$-$nsock
	rm -f "$TMPD/exit"
	T new-session -d -x "$1" -y "$2" \
	    "cd '$TMPD' && $3; echo \$? > '$TMPD/exit'; sleep 600"
	settle
}

# keys KEY...: types, waits for the screen to react (at most ~2 s: on a
# busy machine the pager may not have read the keys yet), then to settle.
keys() {
	before=$(T capture-pane -p 2>/dev/null)
	T send-keys "$@"
	i=0
	while [ $i -lt 40 ] && [ "$(T capture-pane -p 2>/dev/null)" = "$before" ] &&
	    [ ! -s "$TMPD/exit" ]; do
		sleep 0.05
		i=$((i + 1))
	done
	settle
}
screen() { T capture-pane -p; }
styled() { T capture-pane -p -e; }
status_line() { screen | tail -n 1; }

# wait_exit: the status of the program, once it has ended (at most ~5 s).
wait_exit() {
	i=0
	while [ ! -s "$TMPD/exit" ] && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	cat "$TMPD/exit" 2>/dev/null || echo none
}

# The widest line of column 0..$1 in display columns (wc -L knows wide chars).
LC_ALL=C.UTF-8
export LC_ALL

## First screen: compared with the expected dump, as tig does.
start 120 40 "$DOC article"
screen > "$TMPD/first.screen"
if diff -u "$EXPECT/article-120x40.screen" "$TMPD/first.screen" > "$TMPD/diff"; then
	pass "first screen at 120x40 matches tests/pager/article-120x40.screen"
else
	fail "first screen at 120x40 matches tests/pager/article-120x40.screen"
	diag "$(cat "$TMPD/diff")"
fi
s=$(screen)
contains "$s" "Leaders agree on a climate fund at the Paris summit" "the title is on the first line"
styled | head -n 1 > "$TMPD/title.ansi"
contains "$(cat "$TMPD/title.ansi")" "[1" "the title is bold"
for h in "People (3)" "Places (2)" "Quotes (4)" "Facts (4)" "Warnings (1)"; do
	contains "$s" "$h" "the panel shows $h at 120x40"
done
contains "$(status_line)" "https://news.example/2026/11/paris-summit" "the status line names the source"

## Quote jumps.
keys ']'
contains "$(status_line)" "quote 1/4 Emmanuel Macron" "] selects the first quote"
styled | grep -F "This is the day" > "$TMPD/q1.ansi"
styled | grep -F "We have a promise" > "$TMPD/q2.ansi"
sel=$(sed -n 's/.*\(\[[0-9;]*m\)“This is the day.*/\1/p' "$TMPD/q1.ansi")
oth=$(sed -n 's/.*\(\[[0-9;]*m\)“We have a promise.*/\1/p' "$TMPD/q2.ansi")
if [ -n "$sel" ] && [ "$sel" != "$oth" ]; then
	pass "the selected quote is styled apart from the others ($sel vs $oth)"
else
	fail "the selected quote is styled apart from the others"
	diag "selected: '$sel' other: '$oth'"
fi
keys ']'
contains "$(status_line)" "quote 2/4 Olaf Scholz" "] again selects the second"
keys ']' ']'
contains "$(status_line)" "quote 4/4" "after four, quote 4/4"
keys ']'
contains "$(status_line)" "No more quotes" "past the last quote the status says so"
keys '['
contains "$(status_line)" "quote 3/4 Ngozi Okonjo-Iweala" "[ goes back to quote 3/4"
keys '[' '['
contains "$(status_line)" "quote 1/4" "[ twice more reaches quote 1/4"
keys '['
contains "$(status_line)" "No more quotes" "before the first quote the status says so"

## Search.
keys / B e r l i n Enter
lacks "$(status_line)" "Pattern not found" "/Berlin finds a match"
styled | grep -F "reporters in" > "$TMPD/m.ansi"
contains "$(cat "$TMPD/m.ansi")" "7mBerlin" "matches are shown in reverse"
n=0
while [ $n -lt 5 ]; do
	keys n
	case $(status_line) in *"Pattern not found"*) break ;; esac
	n=$((n + 1))
done
is "$n" 2 "n steps through the three Berlins, then says Pattern not found"
keys N
lacks "$(status_line)" "Pattern not found" "N goes back to an earlier match"
keys / B e r l x BSpace i n Enter
lacks "$(status_line)" "Pattern not found" "Backspace edits the search prompt"
keys / z q x j Enter
contains "$(status_line)" "Pattern not found" "a missing pattern says Pattern not found"
keys / a b c C-u B e r l Escape
lacks "$(status_line)" "Pattern not found" "Esc cancels the prompt"

## Help, generated from the key table.
keys '?'
s=$(screen)
contains "$s" "lede keys" "? opens the help"
contains "$s" "Next quote" "the help lists next-quote"
contains "$s" "Search forward" "the help lists search"
keys x
contains "$(screen)" "Leaders agree" "any key closes the help"

T resize-window -x 80 -y 12; settle
keys '?'
contains "$(screen)" "Space: more" "a help taller than the screen says it scrolls"
keys Space Space Space
contains "$(screen)" "Quit (all documents)" "and Space reaches its end"
keys x
contains "$(status_line)" "%" "then any other key closes it"
T resize-window -x 120 -y 40; settle

## The panel: focus, move, Enter on a person, n through the mentions.
keys g Tab
keys Enter
contains "$(status_line)" "3 mentions of Emmanuel Macron" "Enter on a person makes the mentions the search"
keys n n
lacks "$(status_line)" "No more mentions" "n steps to the next mentions"
keys n
contains "$(status_line)" "No more mentions" "past the last mention the status says so"
keys Tab p
lacks "$(screen)" "People (3)" "p hides the panel"
keys p
contains "$(screen)" "People (3)" "p shows it again"

## On a narrow terminal the panel is a full-screen overlay.
T resize-window -x 80 -y 24; settle
lacks "$(screen)" "People (3)" "at 80 columns the panel is not beside the article"
keys Tab
is "$(screen | head -n 1)" "People (3)" "Tab opens it over the article"
keys j j j j j Enter
contains "$(status_line)" "quote 1/4 Emmanuel Macron" "Enter on a quote jumps to it and selects it"
contains "$(screen)" "This is the day" "and the article comes back at the quote"
T resize-window -x 120 -y 40; settle

## q quits with status 0 and gives the terminal back.
keys q
is "$(wait_exit)" 0 "q exits with status 0"
lacks "$(screen)" "Leaders agree" "the terminal shows its old contents again (alternate screen left)"

## Reader notes: m highlights, a notes, s saves (asking before overwriting).
mkdir -p "$TMPD/data"
start 120 40 "env XDG_DATA_HOME='$TMPD/data' SOURCE_DATE_EPOCH=1700000000 $DOC article"
keys ']' m
contains "$(status_line)" "Highlighted" "m highlights the selected quote"
contains "$(screen)" "Notes (1)" "the panel grows a Notes section"
contains "$(screen)" "highlight: “This is the day" "listing the highlight"
keys m
contains "$(status_line)" "Highlight removed" "m again removes it"
lacks "$(screen)" "Notes (1)" "and the Notes section goes"
keys ']' a
keys c h e c k Space t h i s Enter
contains "$(status_line)" "Note added" "a adds a note through a prompt"
contains "$(screen)" "check this — “We have a promise" "the note is listed with its quote"
keys s
contains "$(status_line)" "Save to (.json .md .html .txt): " "s asks where to save"
contains "$(status_line)" "2026-11-20-leaders-agree-on-a" "with a default named from the date and title"
keys Enter
saved=$(ls "$TMPD"/data/lede/copies/*.json 2>/dev/null | head -n 1)
contains "$(status_line)" "Saved to $TMPD/data/lede/copies/" "Enter saves and says where"
check "the copy exists" [ -s "$saved" ]
contains "$(cat "$saved" 2>/dev/null)" '"check this"' "the copy holds the note"
contains "$(cat "$saved" 2>/dev/null)" '"prefix"' "anchored with its context"
keys s C-u
T send-keys -l "$TMPD/data/x.md"; settle
keys Enter
contains "$(status_line)" "Saved to $TMPD/data/x.md" "a new path is accepted"
check "and written in the format of its extension" grep -q '^# Leaders agree' "$TMPD/data/x.md"
keys s C-u
T send-keys -l "$TMPD/data/x.md"; settle
keys Enter
contains "$(status_line)" "exists. Overwrite? (y/n)" "an existing file is not overwritten without asking"
keys n
contains "$(status_line)" "Not saved" "n keeps it"
keys s Escape
contains "$(status_line)" "Not saved" "Esc cancels the save"
keys q
is "$(wait_exit)" 0 "q exits 0 after notes"

## Resize: reflow and keep the paragraph at the top.
start 120 40 "$DOC --no-panel big:300"
keys '}' '}' '}' '}' '}'
before=$(screen | head -n 1 | sed 's/^ *//' | cut -c1-30)
T resize-window -x 200 -y 50; settle
after=$(screen | head -n 1 | sed 's/^ *//' | cut -c1-30)
is "$after" "$before" "a larger terminal keeps the same paragraph at the top"
T resize-window -x 60 -y 20; settle
after=$(screen | head -n 1 | sed 's/^ *//' | cut -c1-30)
is "$after" "$before" "a smaller one too"
T resize-window -x 20 -y 6; settle
s=$(screen)
contains "$s" "Paragraph" "20x6 still shows the article"
T resize-window -x 8 -y 2; settle
contains "$(screen)" "Terminal" "a tiny terminal says it is too small"
T resize-window -x 120 -y 40; settle
contains "$(screen)" "Paragraph" "back to 120x40 the article returns"
keys q
is "$(wait_exit)" 0 "and q still exits 0"

## The mouse wheel (xterm X10 reports, which ncurses asks tmux for).
start 120 40 "$DOC --no-panel big:300"
top=$(screen | head -n 1)
T send-keys -l "$(printf '\033[Ma!!')"; settle
lacks "$(screen | head -n 1)" "$top" "the wheel scrolls down"
T send-keys -l "$(printf '\033[M`!!')"; settle
is "$(screen | head -n 1)" "$top" "and back up"
keys q

## Wide characters and combining marks.
start 120 40 "$DOC --width=20 --no-panel cjk"
s=$(screen)
contains "$s" "日本語の文章は単語の" "ten wide characters fill a 20-column line"
contains "$s" "間に空白がありません" "the next line starts with the next character"
printf '%s\n' "$s" > "$TMPD/comb.screen"
want=$(printf '  Cafe\314\201 re\314\201sume\314\201 nai\314\210ve')
if grep -qx "$want" "$TMPD/comb.screen"; then
	pass "combining marks take no column (Café résumé naïve fits in 20 with room to spare)"
else
	fail "combining marks take no column (Café résumé naïve fits in 20 with room to spare)"
	diag "$(od -c "$TMPD/comb.screen" | sed -n 10,16p)"
fi
keys q
start 120 40 "$DOC cjk"
# Every line's panel border must sit in the same display column.
screen | head -n 12 > "$TMPD/cjk.screen"
cols=$("${PYTHON3:-python3}" -c '
import sys, unicodedata
seen = set()
for line in open(sys.argv[1], encoding="utf-8"):
    col = 0
    for ch in line:
        if ch == "\u2502":
            seen.add(col); break
        if unicodedata.combining(ch): continue
        col += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
print(" ".join(str(c) for c in sorted(seen)))
' "$TMPD/cjk.screen" 2>/dev/null)
is "$cols" 79 "wide and combining text leaves the panel border in one column"
keys q

## Themes and NO_COLOR.
colour_sgr='\[([0-9;]*;)?(3[0-7]|4[0-7]|9[0-7]|10[0-7]|38;5;[0-9]+|48;5;[0-9]+)(;[0-9;]*)?m'
start 120 40 "$DOC article"
keys ']'
if styled | grep -Eq "$colour_sgr"; then pass "the dark theme uses colours"; else fail "the dark theme uses colours"; fi
keys q
start 120 40 "env NO_COLOR=1 $DOC article"
keys ']'
if styled | grep -Eq "$colour_sgr"; then fail "NO_COLOR: no colour codes"; else pass "NO_COLOR: no colour codes"; fi
contains "$(styled)" "[1mEmmanuel Macron" "NO_COLOR still marks people in bold"
keys q
start 120 40 "$DOC --theme=mono article"
if styled | grep -Eq "$colour_sgr"; then fail "--theme=mono: no colour codes"; else pass "--theme=mono: no colour codes"; fi
keys q
start 120 40 "env TERM=screen-256color $DOC --theme=light article"
keys ']'
contains "$(screen)" "quote 1/4" "the light theme works on a 256-colour terminal"
keys q
is "$(wait_exit)" 0 "and exits 0"

start 120 40 "env TERM=screen $DOC article"
keys ']'
contains "$(status_line)" "quote 1/4" "an 8-colour terminal works with the 256-colour themes"
if styled | grep -Eq '38;5;|48;5;'; then fail "and gets no 256-colour codes"; else pass "and gets no 256-colour codes"; fi
keys q

printf 'person = bold cyan\nquote = sparkly\n' > "$TMPD/bad.theme"
out=$("$DOC" --theme="$TMPD/bad.theme" article 2>&1 </dev/null)
is "$?" 1 "a bad theme line fails"
contains "$out" "bad.theme:2: quote: unknown word" "and names the file and line"
mkdir -p "$TMPD/cfg/lede"
printf '# mine\ntheme = mono\nwidth = 5\n' > "$TMPD/cfg/lede/config"
out=$(XDG_CONFIG_HOME="$TMPD/cfg" "$DOC" article 2>&1 </dev/null)
is "$?" 1 "a bad config line fails"
contains "$out" "lede: $TMPD/cfg/lede/config:3: width wants" "with lede: CONFIG:LINE: reason"
printf 'bind x quit\nbind Space nonsense\n' > "$TMPD/cfg/lede/config"
out=$(XDG_CONFIG_HOME="$TMPD/cfg" "$DOC" article 2>&1 </dev/null)
contains "$out" "config:2: unknown request 'nonsense'" "an unknown request in bind is named"
printf 'width = 40\npanel = off\nbind x quit\n' > "$TMPD/cfg/lede/config"
start 120 40 "env XDG_CONFIG_HOME='$TMPD/cfg' $DOC article"
w=$(screen | sed '$d' | wc -L)
check "config width = 40 and panel = off give a 44-column screen (got $w)" [ "$w" -le 44 ]
keys x
is "$(wait_exit)" 0 "a bound key (bind x quit) quits"

## A page full of escape sequences shows none of their effects.
start 120 40 "$DOC escape"
raw=$(screen)
contains "$raw" "Evil [31mred[0m title ]0;pwned end" "the title's escapes are shown as plain text, ESC dropped"
contains "$raw" "Text with [2J clear and 31m CSI" "ESC [2J and U+009B do nothing"
contains "$raw" "Bell  backspace  and DEL  and a tabhere." "BEL, BS, DEL and TAB are not drawn"
case $raw in *"$(printf '\033')"*) fail "no raw ESC on the screen" ;; *) pass "no raw ESC on the screen" ;; esac
title=$(T display-message -p '#{pane_title}')
lacks "$title" "pwned" "the window title is untouched"
lacks "$(T show-buffer 2>/dev/null)" "hello" "nothing reached the clipboard"
keys q

# The same through lede itself: the cleaner, the annotator and the pager.
start 120 40 "$LEDE --no-annotate $EXPECT/escape.html"
raw=$(screen)
contains "$raw" "Evil [31mred[0m title ]0;pwned end" "lede: a page's title escapes are shown inert"
contains "$raw" "First paragraph with [2J a clear-screen" "lede: ESC [2J clears nothing"
case $raw in *"$(printf '\033')"*) fail "lede: no raw ESC on the screen" ;; *) pass "lede: no raw ESC on the screen" ;; esac
styled > "$TMPD/escape.ansi"
check "lede: capture -e holds no page escape (no ESC ]52, no ESC [2J, no ESC [5m)" \
    sh -c '! grep -q "$(printf "\033")\(\]\|\[2J\|\[5m\|\[31m\)" "$1"' sh "$TMPD/escape.ansi"
lacks "$(T display-message -p '#{pane_title}')" "pwned" "lede: the window title is untouched"
keys q
is "$(wait_exit)" 0 "lede: q exits 0"

## o hands the address to $BROWSER as one argument, never through a shell.
printf '#!/bin/sh\nprintf "%%s\\n" "$#" "$@" > "%s/browser.out"\n' "$TMPD" > "$TMPD/browser"
chmod +x "$TMPD/browser"
start 120 40 "env BROWSER='$TMPD/browser' $DOC article"
keys o
is "$(cat "$TMPD/browser.out" 2>/dev/null | tr '\n' ' ')" "1 https://news.example/2026/11/paris-summit " \
    "o runs \$BROWSER with the URL as its only argument"
contains "$(screen)" "Leaders agree" "and the pager comes back"
keys q
start 120 40 "env -u BROWSER $DOC article"
keys o
contains "$(status_line)" 'No $BROWSER set' "without \$BROWSER, o says so"
keys q

## Signals restore the terminal.
start 120 40 "sh -c 'echo \$\$ > pid; exec $DOC article'"
pid=$(cat "$TMPD/pid")
kill -TERM "$pid"
is "$(wait_exit)" 143 "SIGTERM ends the pager with the signal's status"
lacks "$(screen)" "Leaders agree" "and the terminal is restored"

start 120 40 "sh -c 'echo \$\$ > pid; exec $DOC article'"
kill -INT "$(cat "$TMPD/pid")"
is "$(wait_exit)" 130 "SIGINT ends the pager with the signal's status"
lacks "$(screen)" "Leaders agree" "and the terminal is restored"

# A crash inside the pager (here a SIGSEGV from outside) restores the
# terminal from the signal handler, then dies of the signal as it would have.
start 120 40 "sh -c 'echo \$\$ > pid; exec $DOC article'"
kill -SEGV "$(cat "$TMPD/pid")"
is "$(wait_exit)" 139 "SIGSEGV still ends the process with its own status"
lacks "$(screen)" "Leaders agree" "after the terminal was put back"

## Several documents: :n and :p.
start 120 40 "$DOC article cjk"
contains "$(status_line)" "[1/2]" "two documents: the status shows 1/2"
keys : n Enter
contains "$(screen)" "wide text" ":n opens the second"
keys : p Enter
contains "$(screen)" "Leaders agree" ":p goes back"
keys q
is "$(wait_exit)" 0 "q quits all"

## The trace for the benchmark.
start 120 40 "env LEDE_TRACE='$TMPD/trace' $DOC big:2000"
keys G
keys g
keys q
wait_exit >/dev/null
contains "$(cat "$TMPD/trace")" "first-screen " "LEDE_TRACE records first-screen"
contains "$(cat "$TMPD/trace")" "key bottom " "and a line per key"

## Through lede itself, once it reads its own JSON copies.
"$DOC" --json article > "$TMPD/article.json"
if [ -x "$LEDE" ] && "$LEDE" --format=json "$TMPD/article.json" >/dev/null 2>&1; then
	start 120 40 "$LEDE $TMPD/article.json"
	screen > "$TMPD/lede.screen"
	sed 's|https://news.example/2026/11/paris-summit||' "$EXPECT/article-120x40.screen" > "$TMPD/want"
	sed 's|https://news.example/2026/11/paris-summit||' "$TMPD/lede.screen" > "$TMPD/got"
	if diff -u "$TMPD/want" "$TMPD/got" > "$TMPD/diff2"; then
		pass "lede FILE.json opens the same first screen"
	else
		fail "lede FILE.json opens the same first screen"
		diag "$(cat "$TMPD/diff2")"
	fi
	keys ']'
	contains "$(status_line)" "quote 1/4" "lede: ] selects quote 1/4"
	keys q
	is "$(wait_exit)" 0 "lede: q exits 0"
fi

done_testing
