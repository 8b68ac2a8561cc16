#!/bin/sh
# The fetcher against tests/httpd.py on 127.0.0.1: limits, redirects, types,
# encodings and the wording of every failure. No other network is used.
. "$srcdir/tests/lib.sh"

if [ -z "${PYTHON3:-}" ] || [ "$PYTHON3" = no ]; then
	echo "1..0 # SKIP python3 not found; the test server needs it"
	exit 0
fi
PROBE=${builddir:-.}/tests/fetch_probe

# The test server must be reached directly, whatever the caller's proxy.
unset http_proxy https_proxy HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

# With openssl at hand, a throwaway self-signed certificate lets the server
# speak TLS too, to show that lede checks certificates.
tls=
if command -v openssl >/dev/null 2>&1 &&
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 \
    -keyout "$TMPD/key.pem" -out "$TMPD/cert.pem" >/dev/null 2>&1; then
	tls="$TMPD/cert.pem $TMPD/key.pem"
fi
# $tls is two paths without spaces or nothing: split on purpose.
# shellcheck disable=SC2086
"$PYTHON3" "$srcdir/tests/httpd.py" "$TMPD/port" "$TMPD/log" 120 $tls 2>"$TMPD/httpd.err" &
httpd=$!
trap 'kill $httpd 2>/dev/null; rm -rf "$TMPD"' EXIT
trap 'exit 1' INT TERM HUP
i=0
while [ ! -s "$TMPD/port" ] && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
if [ ! -s "$TMPD/port" ]; then
	fail "the test server started"
	diag "$(cat "$TMPD/httpd.err")"
	done_testing
	exit 1
fi
PORT=$(cat "$TMPD/port")
BASE=http://127.0.0.1:$PORT
TAB=$(printf '\t')
NL='
'

# Milliseconds from GNU date, or from Python where date lacks %N.
now_ms() {
	case $(date +%N) in
	*N*) "$PYTHON3" -c 'import time; print(int(time.time() * 1000))' ;;
	*) echo $(($(date +%s%N) / 1000000)) ;;
	esac
}

# run COMMAND...: runs bounded in time; sets rc, out, err, ms (elapsed).
run() {
	t0=$(now_ms)
	timeout 20 "$@" >"$TMPD/out" 2>"$TMPD/err"
	rc=$?
	ms=$(($(now_ms) - t0))
	out=$(cat "$TMPD/out")
	err=$(cat "$TMPD/err")
}

# refused PATH WANT DESCRIPTION [OPTION...]: lede fails on BASE/PATH with
# exactly one stderr line "lede: URL: ...WANT...", nothing on stdout.
refused() {
	p=$1 want=$2 d=$3
	shift 3
	run "$LEDE" --format=text "$@" "$BASE$p"
	if [ "$rc" -ne 0 ] && [ "$rc" -ne 124 ] && [ -z "$out" ] &&
	    [ "$(wc -l <"$TMPD/err")" -eq 1 ]; then
		case $err in
		"lede: $BASE$p: "*"$want"*) pass "$d"; return ;;
		esac
	fi
	fail "$d"
	diag "exit $rc" "stdout: $out" "stderr: $err" "wanted: lede: $BASE$p: ...$want..."
}


# --- the input layer alone (tests/fetch_probe)
run "$PROBE" "$BASE/plain"
is "$rc" 0 "a plain page is fetched"
contains "$out" "Hello from the plain page." "its body arrives"
contains "$out" "type=text/plain${NL}charset=utf-8" "its type and charset are split"
contains "$out" "url=$BASE/plain" "its URL is kept"
plainlen=$(printf '%s\n' "$out" | sed -n 's/^len=//p')
run "$PROBE" -m "$plainlen" "$BASE/plain"
is "$rc" 0 "a page of exactly the size limit ($plainlen bytes) is read"
run "$PROBE" -m "$((plainlen - 1))" "$BASE/plain"
is "$err" "error: larger than the $((plainlen - 1))-byte limit (see --max-size)" "one byte less is refused"

hops0=$(grep -Ec "^(/r[123]|/plain)$TAB" "$TMPD/log")
run "$PROBE" "$BASE/r1"
contains "$out" "url=$BASE/plain" "a 301, 302, 307 chain ends at the final URL"
contains "$out" "Hello from the plain page." "and brings its page"
is "$(($(grep -Ec "^(/r[123]|/plain)$TAB" "$TMPD/log") - hops0))" 4 "each hop was one request"

run "$PROBE" "$BASE/tohigh"
contains "$out" "url=$BASE/plain?caf%e9+au+lait$NL" "bytes past ASCII in a Location arrive percent-encoded"

run "$PROBE" "$BASE/gzip"
contains "$out" "This page travelled gzip-compressed and arrived whole." "a gzip body is decoded"

run "$PROBE" "$BASE/deflate"
contains "$out" "This page travelled gzip-compressed and arrived whole." "a deflate body is decoded"
enc=$(grep "^/deflate$TAB" "$TMPD/log" | cut -f 3)
contains "$enc" "gzip" "Accept-Encoding offers gzip"
contains "$enc" "deflate" "and deflate"

run "$PROBE" "$BASE/cp1252"
contains "$out" "charset=windows-1252" "a charset given only in the header reaches the cleaner"
contains "$out" "type=text/html" "with the media type alone"

run "$PROBE" "$BASE/xhtml"
is "$rc" 0 "application/xhtml+xml is read"
contains "$out" "charset=utf-8$NL" "its charset is lowercased"

run "$PROBE" "$BASE/notype"
is "$rc" 0 "a page without Content-Type is read"
contains "$out" "type=$NL" "and has no type"

run "$PROBE" "$BASE/quotedcharset"
contains "$out" "charset=iso-8859-1$NL" "a quoted charset parameter is read"

run "$PROBE" "$BASE/badcharset"
is "$rc" 0 "a page with a garbage charset is read"
contains "$out" "charset=${NL}len=" "the garbage charset is dropped"

run "$PROBE" -a "TestAgent/7" "$BASE/ua"
contains "$out" "The user agent was TestAgent/7." "a chosen User-Agent is sent"

# A proxy from the environment is honoured: the server answers as one, for a
# host name that does not exist anywhere.
run env http_proxy="$BASE" "$PROBE" "http://lede-proxy-test.invalid/proxied"
contains "$out" "Answered by the proxy." "http_proxy is honoured"

# --- the command: pages
run "$LEDE" --no-annotate --format=text "$BASE/plain"
contains "$out" "Hello from the plain page." "lede prints a fetched page"
contains "$(cat "$TMPD/log")" "/plain${TAB}lede/" "the User-Agent names lede"
grep "^/plain$TAB" "$TMPD/log" | tail -n 1 >"$TMPD/ua"
contains "$(cat "$TMPD/ua")" "lede/" "lede's own request carries lede/VERSION"

run "$LEDE" --no-annotate --format=json "$BASE/r1"
url=$(printf '%s\n' "$out" | "$PYTHON3" -c 'import json, sys; print(json.loads(sys.stdin.readline())["url"])' 2>/dev/null)
is "$url" "$BASE/plain" "after redirects --format=json names the final URL"

run "$LEDE" --no-annotate --format=text "$BASE/gzip"
contains "$out" "arrived whole" "lede prints a decoded gzip page"

run "$LEDE" --no-annotate --format=text "$BASE/cp1252"
# shellcheck disable=SC1111
contains "$out" "“It costs £25 a week,”" "Windows-1252 from the header comes out as UTF-8"

run "$LEDE" --no-annotate --format=text "$BASE/404" "$BASE/plain"
is "$rc" 1 "one failing URL among two: exit 1"
contains "$out" "Hello from the plain page." "the other is still printed"
is "$err" "lede: $BASE/404: HTTP 404 Not Found" "and the failure is one line"

# --- the command: refusals, each one line
refused /badgzip "the compressed page is corrupt" "a corrupt gzip body is named"
refused /404 "HTTP 404 Not Found" "404 names the status"
refused /500 "HTTP 500 Internal Server Error" "500 names the status"
refused /418 "HTTP 418" "a status without a reason phrase names the code"
refused /png "image/png" "an image is refused, naming its type"
refused /empty "empty" "an empty page is refused"
refused /loop "redirect loop: more than 10 redirects" "a redirect loop is stopped"
is "$(grep -c "^/loop$TAB" "$TMPD/log")" 11 "after the first request and 10 redirects"
refused /tofile "refused a redirect to a file: URL" "a redirect to file:///etc/passwd is refused"
lacks "$out" "root:" "and nothing of /etc/passwd shows"
refused /toescape "refused a redirect to a malformed URL" "a Location with control characters is refused"
refused /toftp "refused a redirect to the ftp: scheme" "a redirect to ftp: is refused"

before=$(grep -c "^/ua$TAB" "$TMPD/log")
refused /ua "the User-Agent must be one line" "a User-Agent with a line break is refused" \
    --user-agent="$(printf 'x\r\nX-Injected: 1')"
is "$(grep -c "^/ua$TAB" "$TMPD/log")" "$before" "and no request is made with it"

refused /drip "timed out after 2 seconds" "a one-byte-a-second drip times out" --timeout=2
check "within about 2 seconds (took ${ms} ms)" [ "$ms" -lt 3500 ]
refused /stall "timed out after 2 seconds" "a stalled body times out" --timeout=2
check "within about 2 seconds (took ${ms} ms)" [ "$ms" -lt 3500 ]
refused /silent "timed out after 2 seconds" "a server that never answers times out" --timeout=2
check "within about 2 seconds (took ${ms} ms)" [ "$ms" -lt 3500 ]

refused /endless "larger than the 1048576-byte limit (see --max-size)" \
    "a body that never ends stops at --max-size" --max-size=1M
refused /endlessheaders "too many headers" "headers that never end are cut off"
refused /hugelength "larger than the 1048576-byte limit" \
    "a Content-Length past --max-size is refused up front" --max-size=1M
refused /hugelength404 "HTTP 404 Not Found" "a 404 with a huge Content-Length is still a 404" --max-size=1M
refused /bomb "larger than the 1048576-byte limit" \
    "a gzip bomb (260 kB inflating to 256 MiB) stops at --max-size" --max-size=1M
if [ -x /usr/bin/time ]; then
	run /usr/bin/time -f '%M' -o "$TMPD/rss" "$LEDE" --max-size=1M --format=text "$BASE/bomb"
	rss=$(tail -n 1 "$TMPD/rss")
	check "the bomb leaves memory bounded (max RSS ${rss} kB < 150000 kB)" \
	    [ "${rss:-999999}" -lt 150000 ]
else
	skip "no /usr/bin/time to measure memory"
fi
refused /bomb "larger than the 33554432-byte limit" "the default limit is 32 MiB"

if [ -n "$tls" ]; then
	TLSPORT=$(cat "$TMPD/port.tls")
	run "$LEDE" --format=text "https://127.0.0.1:$TLSPORT/plain"
	is "$err" "lede: https://127.0.0.1:$TLSPORT/plain: the server's TLS certificate is not trusted: self-signed certificate" \
	    "a self-signed certificate is refused, saying why"
	is "$out" "" "and nothing of the page is printed"
else
	skip "no openssl to make a test certificate"
	skip "no openssl to make a test certificate"
fi

# A port nobody listens on: bind one, close it, use it.
closed=$("$PYTHON3" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
run "$LEDE" --format=text "http://127.0.0.1:$closed/"
is "$err" "lede: http://127.0.0.1:$closed/: connection refused" "a closed port: connection refused"
is "$out" "" "and nothing on stdout"

# A host name that cannot resolve, without asking any DNS server: a label
# longer than 63 bytes cannot even be put into a query, so the resolver
# fails before anything leaves the machine.
long=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
run "$LEDE" --format=text "http://$long.invalid/"
is "$err" "lede: http://$long.invalid/: host not found: $long.invalid" "a host that does not resolve is named"
is "$out" "" "and nothing on stdout"

done_testing
