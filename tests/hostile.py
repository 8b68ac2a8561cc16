#!/usr/bin/env python3
"""Hostile inputs for tests/test_hostile.sh, made at test time, and the
checker that scans lede's output for anything a terminal would act on.

  hostile.py gen KIND FILE     write one hostile input (kinds: see GENERATORS)
  hostile.py scan FILE [json]  exit 0 when FILE is valid UTF-8 without C0
                               (but \\n, \\t), C1, DEL or bidi controls; with
                               `json`, also parse each line as JSON and scan
                               every decoded string the same way
  hostile.py rss KIB OUT CMD...  run CMD with stdout to OUT; print "rss N" (its
                               peak RSS in KiB); exit 99 when that passes KIB,
                               else with CMD's status
"""
import json
import os
import subprocess
import sys

BAD = set(range(0x00, 0x20)) - {0x0A, 0x09}
BAD |= {0x7F} | set(range(0x80, 0xA0))
BAD |= set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A)) | {0x200E, 0x200F, 0x061C}

PAGE = ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head>'
        '<body><nav><a href="/">Home</a></nav><article><h1>{title}</h1>{body}</article>'
        '<footer>Footer</footer></body></html>')
FILLER = ("<p>The council met on Tuesday to discuss the budget for the coming year, "
          "and members said the plan would be published within a fortnight.</p>")


def page(title, body):
    return PAGE.format(title=title, body=body + FILLER * 3).encode("utf-8", "surrogateescape")


def gen_escapes():
    esc, bel = "\x1b", "\x07"
    title = ("Title " + esc + "]0;pwned-title" + bel + " &#x1b;]0;entity-title&#x7; "
             "&#x9b;2J \u009b31m " + esc + "[2J end")
    body = ("<p>Start " + esc + "[31mred" + esc + "[0m and " + esc + "]52;c;cm0gLXJmIH4=" + bel +
            " clipboard, &#27;[1m bold &#x1b;]52;c;ZXZpbA==&#x07; entity osc, "
            "&#155;K csi, &#x85; nel, &#127; del, &#8; bs, &#13; cr, "
            "bidi \u202eevil\u202c &#x202E;rev&#x202C; &#x2066;iso&#x2069; &#8207; end words</p>"
            '<p><a href="javascript:&#x1b;]8;;http://evil/&#x1b;\\">link' + esc + "]8;;x" + esc +
            "\\</a> in a paragraph that is long enough to stay in the article.</p>")
    data = page(title, body)
    # Raw C1 bytes as the single bytes of a Latin-1-ish page, not UTF-8.
    return data.replace(b"end words", b"raw \x9b2J \x8d c1 end words")


def gen_invalid_utf8():
    return page("Invalid UTF-8", "<p>Before the bad bytes \xff\xfe\xc3 and after them the words stay.</p>"
                .encode("latin-1").decode("utf-8", "surrogateescape"))


def gen_invalid_utf8_text():
    return ("Invalid UTF-8 in plain text\n\nBefore the bad bytes ".encode() + b"\xff\xfe\xc3\x28" +
            b" and after them the words stay.\n\nA second paragraph follows here.\n")


def gen_nul():
    return page("NUL bytes", "<p>Before the NUL</p>").replace(
        b"Before the NUL", b"Before the\x00NUL byte the words stay\x00 and after it too")


def gen_nested():
    n = 200000
    return (b"<!DOCTYPE html><html><head><title>Nested</title></head><body>" + b"<div>" * n +
            b"<p>Deep inside two hundred thousand elements the text is still here.</p>" +
            b"</div>" * n + b"</body></html>")


def gen_entity_bomb():
    decl = '<!ENTITY lol "lol">'
    prev = "lol"
    for i in range(1, 10):
        name = "lol%d" % i
        decl += '<!ENTITY %s "%s">' % (name, ("&%s;" % prev) * 10)
        prev = name
    return ('<?xml version="1.0"?><!DOCTYPE html [%s]><html><head><title>Bomb</title></head>'
            '<body><article><p>Laughs: &%s; and the story text goes on after the entity.</p>%s'
            '</article></body></html>' % (decl, prev, FILLER * 3)).encode()


def gen_long_line():
    return page("Long line", "<p>Start " + "x" * (5 * 1024 * 1024) + " end of the line.</p>")


def gen_quotes():
    marks = "\u201c \u201d \" \u2018 \u00ab \u00bb \u201e ".split()
    parts = []
    for i in range(400):
        words = " ".join("%s word%d" % (marks[(i * 7 + k) % len(marks)], k) for k in range(100))
        parts.append("<p>%s said Jane Doe.</p>" % words)
    return page("Unbalanced quotes", "".join(parts))


def gen_names():
    first = ["Anna", "Boris", "Carla", "David", "Elif", "Farid", "Greta", "Hugo", "Ines", "Jonas"]
    last = ["Moreau", "Okafor", "Tanaka", "Novak", "Rossi", "Haddad", "Petrov", "Kaur", "Costa", "Sato"]
    parts = []
    for i in range(500):
        names = ", ".join("%s %s%d of %s%d" % (first[k % 10], last[(k // 10) % 10], i, "Paris", k)
                          for k in range(80))
        parts.append("<p>%s, Mr Smith and Ms Jones said in London.</p>" % names)
    return page("Many names", "".join(parts))


def gen_random():
    # A fixed xorshift stream: the same "random" bytes on every run.
    x = 0x9E3779B97F4A7C15
    out = bytearray()
    while len(out) < 65536:
        x ^= (x << 13) & 0xFFFFFFFFFFFFFFFF
        x ^= x >> 7
        x ^= (x << 17) & 0xFFFFFFFFFFFFFFFF
        out += x.to_bytes(8, "little")
    return bytes(out)


def gen_copy_escapes():
    # A saved copy, hand-edited: escapes and a bidi override where a copy
    # written by lede can have none.
    doc = {"url": "https://news.example/\u001b]8;;https://evil.example/\u0007",
           "title": "Title \u001b]0;pwned\u0007 \u202e", "byline": None, "site": None,
           "published": None, "lang": "en", "saved": "2026-11-25T10:00:00Z",
           "paragraphs": [{"kind": "text", "text": "Text \u001b[2J\u009b31m clear"}],
           "people": [], "places": [], "quotes": [], "facts": [], "warnings": [], "notes": []}
    return json.dumps(doc).encode()


def gen_empty():
    return b""


GENERATORS = {
    "escapes": gen_escapes, "invalid-utf8": gen_invalid_utf8,
    "invalid-utf8-text": gen_invalid_utf8_text, "nul": gen_nul, "nested": gen_nested,
    "entity-bomb": gen_entity_bomb, "long-line": gen_long_line, "quotes": gen_quotes,
    "names": gen_names, "random": gen_random, "copy-escapes": gen_copy_escapes, "empty": gen_empty,
}


def scan_text(s, where):
    for i, ch in enumerate(s):
        if ord(ch) in BAD:
            ctx = s[max(0, i - 30):i + 10]
            return "%s: U+%04X at %d near %r" % (where, ord(ch), i, ctx)
    return None


def scan_json(v, where):
    if isinstance(v, str):
        return scan_text(v, where)
    if isinstance(v, list):
        items = enumerate(v)
    elif isinstance(v, dict):
        items = v.items()
    else:
        return None
    for k, x in items:
        bad = scan_json(k, where) if isinstance(k, str) else None
        bad = bad or scan_json(x, "%s/%s" % (where, k))
        if bad:
            return bad
    return None


def scan(path, as_json):
    raw = open(path, "rb").read()
    try:
        s = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        return "not valid UTF-8: %s" % e
    # A form feed line separates documents in text output; nothing else may.
    bad = scan_text(s.replace("\f\n", "\n"), "output")
    if bad or not as_json:
        return bad
    for n, line in enumerate(s.splitlines()):
        if not line.strip():
            continue
        try:
            v = json.loads(line)
        except ValueError as e:
            return "line %d is not JSON: %s" % (n + 1, e)
        bad = scan_json(v, "json line %d" % (n + 1))
        if bad:
            return bad
    return None


def main():
    if len(sys.argv) >= 4 and sys.argv[1] == "gen":
        with open(sys.argv[3], "wb") as f:
            f.write(GENERATORS[sys.argv[2]]())
        return 0
    if len(sys.argv) >= 3 and sys.argv[1] == "scan":
        bad = scan(sys.argv[2], len(sys.argv) > 3 and sys.argv[3] == "json")
        if bad:
            print(bad)
            return 1
        return 0
    if len(sys.argv) >= 5 and sys.argv[1] == "rss":
        limit = int(sys.argv[2])
        with open(sys.argv[3], "wb") as out:
            p = subprocess.Popen(sys.argv[4:], stdout=out)
            _, status, ru = os.wait4(p.pid, 0)
        print("rss %d" % ru.ru_maxrss)
        code = os.waitstatus_to_exitcode(status)
        if ru.ru_maxrss > limit:
            return 99
        return code
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
