#!/usr/bin/env python3
"""Scores lede's annotations on the project's own news articles (tests/eval).

Each article NAME.txt (first line the title, paragraphs between blank lines)
has its hand-made gold in NAME.json:
  people    [{"name": canonical, "mentions": [every surface written]}]
  places    [name, ...]
  tempting  [{"text": ..., "is": "person"|"place"|"org"|"none"}]: words that
            tempt a tagger (sentence-initial words, organisations, places used
            as names); tagging one as a person when it is not, or missing it
            when it is, counts as wrong
  quotes    [{"text": the words between the marks, "speaker": name or null}]
  facts     [{"kind": ..., "text": ...}]   (roles are left to the people scores)
  warnings  [{"kind": ..., "person": surname (conflicting-role only)}]

  usage: tools/eval-annotator.py [--lede BIN] [--dir DIR] [--only GLOB] [-v]
                                 [--min KEY=VALUE ...]

Prints per-category recall and precision, micro-averaged over the articles.
With --min, exits 1 when a score drops below its floor (keys as printed).
"""
import argparse
import fnmatch
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def word_char(b):
    return b.isalnum() or b in "-_" or ord(b) >= 0x80


def occurrences(texts, needle):
    """(para, start, end) byte spans where needle stands as whole words."""
    nb = needle.encode()
    out = []
    for para, t in texts:
        tb = t.encode()
        i = tb.find(nb)
        while i >= 0:
            before = tb[:i].decode(errors="ignore")[-1:] if i > 0 else ""
            after = tb[i + len(nb):].decode(errors="ignore")[:1]
            if not (before and word_char(before)) and not (after and word_char(after)):
                out.append((para, i, i + len(nb)))
            i = tb.find(nb, i + 1)
    return out


def overlaps(a, b):
    return a[0] == b[0] and a[1] < b[2] and b[1] < a[2]


def norm_quote(s):
    """The words of a quote without the marks and the comma news style
    puts inside them."""
    prev = None
    while s != prev:
        prev = s
        s = s.strip().strip("\"'\u201c\u201d\u2018\u2019\u00ab\u00bb").rstrip(",;:")
    return s


FACT_STOP = {"on", "in", "at", "of", "the", "a", "an", "about", "around", "some", "more",
             "than", "least", "nearly", "almost", "over", "up", "to", "since", "by", "her",
             "own", "his", "their"}


def fact_tokens(s):
    return [w.strip("()[],.;:\u201c\u201d\"'").lower() for w in s.split()]


def fact_keys(s):
    toks = [w for w in fact_tokens(s) if w]
    digits = {w for w in toks if re.search(r"\d", w)}
    return digits if digits else {w for w in toks if w not in FACT_STOP}


class Tally:
    def __init__(self):
        self.c = {}

    def add(self, key, hit, total):
        h, t = self.c.get(key, (0, 0))
        self.c[key] = (h + hit, t + total)

    def rate(self, key):
        h, t = self.c.get(key, (0, 0))
        return h / t if t else 1.0


def run_lede(lede, path):
    r = subprocess.run([lede, "--format=json", path], capture_output=True, check=False)
    if r.returncode != 0:
        raise SystemExit("%s failed on %s: %s" % (lede, path, r.stderr.decode(errors="replace")))
    return json.loads(r.stdout.decode())


def check_gold(name, texts, gold):
    whole = "\n".join(t for _, t in texts)
    want = []
    for p in gold["people"]:
        want += p["mentions"]
    want += gold["places"] + [t["text"] for t in gold.get("tempting", [])]
    want += [q["text"] for q in gold["quotes"]] + [f["text"] for f in gold["facts"]]
    for w in want:
        if w not in whole:
            raise SystemExit("%s: gold text not in the article: %r" % (name, w))


def score_article(name, doc, gold, T, verbose):
    texts = [(-1, doc["title"] or "")] + [(i, p["text"]) for i, p in enumerate(doc["paragraphs"])]
    check_gold(name, texts, gold)
    miss = []

    # people: a system person is the gold person whose surfaces hold its
    # name or one of its aliases
    gp = gold["people"]
    surf = {}
    for gi, p in enumerate(gp):
        for s in [p["name"]] + p["mentions"]:
            surf[s.lower()] = gi
    sys_to_gold = {}
    for si, p in enumerate(doc["people"]):
        for s in [p["name"]] + p["aliases"]:
            if s.lower() in surf:
                sys_to_gold[si] = surf[s.lower()]
                break
    found = set(sys_to_gold.values())
    canon = {gi for si, gi in sys_to_gold.items()
             if doc["people"][si]["name"].lower() == gp[gi]["name"].lower()}
    T.add("people found", len(found), len(gp))
    T.add("people canonical", len(canon), len(gp))
    T.add("people precision", len(sys_to_gold), len(doc["people"]))
    for gi, p in enumerate(gp):
        if gi not in found:
            miss.append("person missed: %s" % p["name"])
        elif gi not in canon:
            names = [doc["people"][si]["name"] for si, g in sys_to_gold.items() if g == gi]
            miss.append("person named %s, gold %s" % (" / ".join(names), p["name"]))
    for si, p in enumerate(doc["people"]):
        if si not in sys_to_gold:
            m = p["mentions"][0] if p["mentions"] else None
            miss.append("not a person: %s (paragraph %s)" % (p["name"], m["paragraph"] if m else "?"))

    # mentions: every place a gold surface stands, longest surfaces first
    claimed = []
    gold_ments = []
    forms = sorted(((s, gi) for gi, p in enumerate(gp) for s in p["mentions"]),
                   key=lambda x: -len(x[0]))
    for s, gi in forms:
        for o in occurrences(texts, s):
            if not any(overlaps(o, c) for c in claimed):
                claimed.append(o)
                gold_ments.append((o, gi, s))
    sys_ments = [((m["paragraph"], m["start"], m["end"]), sys_to_gold.get(si))
                 for si, p in enumerate(doc["people"]) for m in p["mentions"]]
    hit = 0
    for o, gi, s in gold_ments:
        if any(g == gi and overlaps(o, sp) for sp, g in sys_ments):
            hit += 1
        else:
            miss.append("mention missed: %s (paragraph %d)" % (s, o[0]))
    T.add("mentions found", hit, len(gold_ments))

    # places
    gpl = {p.lower() for p in gold["places"]}
    sys_pl = set()
    ok_pl = 0
    for p in doc["places"]:
        forms_ = {p["name"].lower()} | {a.lower() for a in p["aliases"]}
        sys_pl |= forms_
        if forms_ & gpl:
            ok_pl += 1
        else:
            miss.append("not a place: %s" % p["name"])
    place_ment = [(m["paragraph"], m["start"], m["end"]) for p in doc["places"] for m in p["mentions"]]
    got = 0
    for p in gold["places"]:
        if p.lower() in sys_pl or any(any(overlaps(o, m) for m in place_ment)
                                       for o in occurrences(texts, p)):
            got += 1
        else:
            miss.append("place missed: %s" % p)
    T.add("places found", got, len(gold["places"]))
    T.add("places precision", ok_pl, len(doc["places"]))

    # tempting words: each standing occurrence not inside a longer gold name
    temp = gold.get("tempting", [])
    longer = [s for p in gp for s in p["mentions"]] + gold["places"] + [t["text"] for t in temp]
    person_spans = [sp for sp, _ in sys_ments]
    wrong = total = 0
    for t in temp:
        for o in occurrences(texts, t["text"]):
            inside = False
            for L in longer:
                if len(L) > len(t["text"]) and t["text"] in L:
                    if any(o[0] == x[0] and x[1] <= o[1] and o[2] <= x[2]
                           for x in occurrences(texts, L)):
                        inside = True
                        break
            if inside:
                continue
            total += 1
            tagged = any(overlaps(o, sp) for sp in person_spans)
            if tagged != (t["is"] == "person"):
                wrong += 1
                miss.append("tempting word %s (%s) %s (paragraph %d)" % (
                    t["text"], t["is"], "tagged as a person" if tagged else "not tagged", o[0]))
    T.add("tempting wrong", wrong, total)

    # quotes
    sysq = {}
    for q in doc["quotes"]:
        sysq.setdefault(norm_quote(q["text"]), []).append(q)
    gq_norm = set()
    qhit = spk_ok = spk_n = named_ok = named_n = 0
    for q in gold["quotes"]:
        k = norm_quote(q["text"])
        gq_norm.add(k)
        if k not in sysq:
            miss.append("quote missed: %s" % q["text"][:70])
            continue
        qhit += 1
        s = sysq[k][0]
        who = s["speaker"]
        if q["speaker"] is None:
            right = who is None
        else:
            gi = surf.get(q["speaker"].lower())
            right = False
            if who is not None:
                si = next((i for i, p in enumerate(doc["people"]) if p["name"] == who), None)
                right = si is not None and sys_to_gold.get(si) == gi
            elif s["source"] is not None:
                right = surf.get(s["source"].lower()) == gi
            named_n += 1
            named_ok += right
        spk_n += 1
        spk_ok += right
        if not right:
            miss.append("speaker of %r: %s (source %s), gold %s" % (
                q["text"][:40], who, s["source"], q["speaker"]))
    T.add("quotes found", qhit, len(gold["quotes"]))
    qp = sum(1 for k in sysq for _ in sysq[k] if k in gq_norm)
    T.add("quotes precision", qp, len(doc["quotes"]))
    for k in sysq:
        if k not in gq_norm:
            miss.append("not a quote: %s" % k[:70])
    T.add("speakers right", spk_ok, spk_n)
    T.add("named speakers right", named_ok, named_n)

    # facts (roles excepted): same kind, every key of the gold in one fact
    sf = [f for f in doc["facts"] if f["kind"] != "role"]
    used = [False] * len(sf)
    fhit = 0
    for f in gold["facts"]:
        keys = fact_keys(f["text"])
        j = next((j for j, s in enumerate(sf) if not used[j] and s["kind"] == f["kind"] and
                  keys <= set(fact_tokens(s["text"]))), None)
        if j is None:
            miss.append("fact missed: %s %s" % (f["kind"], f["text"]))
            continue
        used[j] = True
        fhit += 1
    T.add("facts found", fhit, len(gold["facts"]))
    T.add("facts precision", sum(used), len(sf))
    for j, s in enumerate(sf):
        if not used[j]:
            miss.append("extra fact: %s %s (paragraph %d)" % (s["kind"], s["text"], s["paragraph"]))

    # warnings: conflicting roles, and the quote marks
    gw = gold.get("warnings", [])
    sw = doc["warnings"]
    whit = 0
    for w in gw:
        if any(x["kind"] == w["kind"] and w.get("person", "") in x["message"] for x in sw):
            whit += 1
        else:
            miss.append("warning missed: %s %s" % (w["kind"], w.get("person", "")))
    T.add("warnings found", whit, len(gw))
    conflict_gold = [w for w in gw if w["kind"] == "conflicting-role"]
    false = 0
    for x in sw:
        if x["kind"] == "conflicting-role" and not any(w["person"] in x["message"] for w in conflict_gold):
            false += 1
            miss.append("false warning: %s" % x["message"])
    T.add("false conflict warnings", false, 0)
    if verbose:
        print("== %s" % name)
        for m in miss:
            print("   " + m)


ORDER = [
    ("people found", "people found (any form)"),
    ("people canonical", "people found by canonical name"),
    ("people precision", "people precision"),
    ("mentions found", "people mentions found"),
    ("places found", "places found"),
    ("places precision", "places precision"),
    ("tempting wrong", "wrong among tempting words"),
    ("quotes found", "quotes found (exact text)"),
    ("quotes precision", "quotes precision"),
    ("speakers right", "speakers right (of found)"),
    ("named speakers right", "named speakers right"),
    ("facts found", "facts found"),
    ("facts precision", "facts precision"),
    ("warnings found", "warnings found"),
]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lede", default=os.environ.get("LEDE", "./src/lede"))
    ap.add_argument("--dir", default=os.path.join(HERE, "..", "tests", "eval"))
    ap.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    ap.add_argument("--only", action="append", default=[], metavar="GLOB",
                    help="score only the articles whose name matches (e.g. '1[3-6]-*')")
    ap.add_argument("--min", action="append", default=[], metavar="KEY=VALUE",
                    help="floor for a score (for 'tempting wrong': a ceiling)")
    a = ap.parse_args()
    names = sorted(f[:-4] for f in os.listdir(a.dir) if f.endswith(".txt"))
    if a.only:
        names = [n for n in names if any(fnmatch.fnmatch(n, g) for g in a.only)]
    if not names:
        raise SystemExit("no articles in %s" % a.dir)
    T = Tally()
    for n in names:
        with open(os.path.join(a.dir, n + ".json"), encoding="utf-8") as fh:
            gold = json.load(fh)
        doc = run_lede(a.lede, os.path.join(a.dir, n + ".txt"))
        score_article(n, doc, gold, T, a.verbose)
    print("%-34s %7s %9s" % ("category (%d articles)" % len(names), "score", "count"))
    for key, label in ORDER:
        h, t = T.c.get(key, (0, 0))
        print("%-34s %7.3f %9s" % (label, T.rate(key), "%d/%d" % (h, t)))
    print("%-34s %7d" % ("false conflicting-role warnings", T.c.get("false conflict warnings", (0, 0))[0]))
    bad = 0
    for spec in a.min:
        key, _, val = spec.partition("=")
        key = key.replace("_", " ")
        if key not in T.c and key != "false conflict warnings":
            raise SystemExit("unknown score %r" % key)
        v = float(val)
        if key == "tempting wrong":
            ok = T.rate(key) <= v
        elif key == "false conflict warnings":
            ok = T.c.get(key, (0, 0))[0] <= v
        else:
            ok = T.rate(key) >= v
        if not ok:
            got = T.c.get(key, (0, 0))[0] if key == "false conflict warnings" else T.rate(key)
            print("BELOW FLOOR: %s %.3f (floor %s)" % (key, got, val))
            bad += 1
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
