#!/usr/bin/env python3
"""Builds lede's gazetteer word list from the licensed sources.

usage: tools/build-gazetteers.py SOURCES_DIR OUT.txt
  SOURCES_DIR is shared/data-sources (see data/SOURCES.md).
Then `tools/train-ner --gazetteers OUT.txt data/gazetteers.bin` compiles it.

Each output line is CLASSES<TAB>phrase, classes as letters:
  F given name, L surname, C city, K country, R region, D nationality word,
  W common small word (from the training corpora), T title or role word,
  P national capital, B city of 500,000 or more.
"""
import collections
import csv
import os
import sys

# Role and title words: the heads of descriptions like "French President"
# or "US special envoy". Written for lede; small words only.
TITLES = """
mr mrs ms miss mr. mrs. ms. dr dr. sir dame lord lady prof prof. professor
president vice-president premier minister secretary chancellor envoy ambassador
commander leader chief head governor mayor senator sen. rep. representative
congressman congresswoman lawmaker spokesman spokeswoman spokesperson
general gen. admiral colonel col. captain capt. lieutenant lt. sergeant sgt. major
king queen prince princess emperor sultan sheikh emir pope cardinal bishop
archbishop rabbi imam ayatollah cleric pastor reverend rev. father
chairman chairwoman chair director manager coach striker midfielder defender
goalkeeper captain executive ceo founder owner analyst adviser advisor aide
official officer diplomat negotiator prosecutor judge justice attorney lawyer
counsel inspector commissioner superintendent sheriff detective deputy
correspondent reporter editor journalist author writer actor actress singer
economist strategist candidate nominee challenger incumbent opponent rival
secretary-general commander-in-chief prime foreign defence defense interior
finance economy health justice home trade special national deputy former acting
chief-executive
""".split()


def fold(s):
    """The same folding as lede_tok_lower (C): enough for matching."""
    out = []
    for ch in s:
        c = ord(ch)
        if 65 <= c <= 90 or (0xC0 <= c <= 0xDE and c != 0xD7) or \
                (0x391 <= c <= 0x3A9) or (0x410 <= c <= 0x42F):
            c += 32
        elif 0x100 <= c <= 0x17F and not c & 1:
            c += 1
        elif c in (0x2018, 0x2019):
            c = 39
        out.append(chr(c))
    return "".join(out)


def rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        yield from csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)


def titlecase(s):
    return s[:1].upper() + s[1:].lower() if s.isupper() else s


def main():
    src, out = sys.argv[1], sys.argv[2]
    g = os.path.join(src, "gazetteers")
    cls = collections.defaultdict(set)

    def add(name, c):
        name = " ".join((name or "").split())
        if len(name) < 2 or len(name) > 60:
            return
        cls[fold(name)].add(c)

    # given names
    for r in rows(os.path.join(g, "names-moby-stdlib/given_names.tsv")):
        add(r["name"], "F")
    for r in rows(os.path.join(g, "names-census-1990/given_names.tsv")):
        add(titlecase(r["name"]), "F")
    for r in rows(os.path.join(g, "names-ssa-us/given_names.tsv")):
        if int(r["total_births_1880_2024"] or 0) >= 1000:
            add(r["name"], "F")
    for r in rows(os.path.join(g, "names-by-country-sigpwned/forenames.tsv")):
        add(r["romanized_name"], "F")
        add(r["localized_name"], "F")
    for r in rows(os.path.join(g, "names-gender-detection-npm/given_names.tsv")):
        if r["lang"] != "en":
            add(r["name_lowercase"], "F")
    # surnames
    for r in rows(os.path.join(g, "names-census-1990/surnames.tsv")):
        if int(r["rank"]) <= 40000:
            add(titlecase(r["name"]), "L")
    for r in rows(os.path.join(g, "names-by-country-sigpwned/surnames.tsv")):
        add(r["romanized_name"], "L")
        add(r["localized_name"], "L")
    # places
    for r in rows(os.path.join(g, "geonames-cities/cities5000.tsv")):
        big = int(r["population"] or 0) >= 500000
        for n in (r["name"], r["name_ascii"]):
            add(n, "C")
            if big:
                add(n, "B")
            if r["feature_code"] == "PPLC":
                add(n, "P")
        add(r["admin1_name"], "R")
    for r in rows(os.path.join(g, "iso-codes/subdivisions.tsv")):
        add(r["name"], "R")
        add(r["name_ascii"], "R")
    for r in rows(os.path.join(g, "iso-codes/countries.tsv")):
        for k in ("name", "common_name", "official_name"):
            add(r[k], "K")
    for r in rows(os.path.join(g, "iso-codes/former_countries.tsv")):
        add(r["name"], "K")
    for r in rows(os.path.join(g, "world-countries/countries.tsv")):
        for k in ("name_common", "name_official"):
            add(r[k], "K")
        for a in r["alt_spellings"].split("|"):
            if len(a) >= 2 and (len(a) > 3 or a.isupper()):
                add(a, "K")
        for k in ("demonym_eng_m", "demonym_eng_f"):
            add(r[k], "D")
        for c in r["capitals"].split("|"):
            add(c, "P")
            add(c, "C")
        add(r["region"], "R")
        add(r["subregion"], "R")
    # short and older forms news writes that the lists lack
    for a in ("US", "U.S.", "U.S.A.", "U.K.", "UAE", "Britain", "Great Britain", "England",
              "Scotland", "Wales", "Northern Ireland", "Turkey", "Czech Republic", "Burma",
              "Ivory Coast", "Holland", "Macedonia", "Swaziland", "Zaire", "Soviet Union",
              "Yugoslavia", "South Korea", "North Korea", "Taiwan", "Palestine", "Vatican"):
        add(a, "K")
    for r in rows(os.path.join(g, "demonyms-cartogrify/demonyms.tsv")):
        add(r["term"], "D")
    # common small words: written small at least 90% of the time off the
    # sentence start, and seen at least 3 times
    low = collections.Counter()
    cap = collections.Counter()
    for corpus in ("gmb", "wikigold"):
        first = True
        with open(os.path.join(src, "ner-train", corpus, "train.bio"), encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\n")
                if not line or line.startswith("-DOCSTART-"):
                    first = True
                    continue
                w = line.split("\t")[0]
                if not first and w[:1].isalpha():
                    if w[:1].islower():
                        low[fold(w)] += 1
                    else:
                        cap[fold(w)] += 1
                first = False
    for w, n in low.items():
        if n >= 3 and n >= 9 * cap[w]:
            cls[w].add("W")
    for w in TITLES:
        cls[fold(w)].add("T")

    order = "FLCKRDWTPB"
    with open(out, "w", encoding="utf-8") as f:
        for name in sorted(cls):
            if "\t" in name:
                continue
            f.write("".join(c for c in order if c in cls[name]) + "\t" + name + "\n")


if __name__ == "__main__":
    main()
