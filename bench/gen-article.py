#!/usr/bin/env python3
"""Writes a long, deterministic news article page for the benchmark.

The page is almost all text: realistic sentences with people, places, roles,
quotations, numbers, money and dates, in paragraphs under an <article>, with a
little site chrome around it for the cleaner to drop. The same --seed always
gives the same bytes, and a smaller --size gives a prefix of the same
paragraphs (cut at a paragraph boundary), so "the first sixteenth" of the big
page is simply the page generated with size/16.

usage: gen-article.py [--size BYTES] [--seed N] [-o FILE]
"""
import argparse
import sys

FIRST = """Amelia Oliver Hannah Rahul Mei Kwame Sofia Lukas Ingrid Mateo Aisha Tomasz
Chloe Daniel Fatima Hiroshi Elena Marcus Priya Jonas Leila Samuel Grace Pavel
Nadia Oscar Yusuf Clara Andrei Beatriz Kofi Helena Ravi Maya Stefan Zainab
Victor Anna Malik Ruth""".split()
LAST = """Hartley Okafor Lindqvist Moreau Tanaka Novak Brennan Castillo Idowu Fischer
Rossi Kowalski Nakamura Haddad Petrov Sandoval Mensah Whitfield Laurent Kaur
Bergstrom Adeyemi Costa Dubois Varga Ellison Haugen Mbeki Quintero Sato Abbott
Fairclough Galloway Ibrahim Jansen Keller Lombardi Marsh Nilsen Ortega""".split()
PLACES = """Paris Berlin Lagos Nairobi Lisbon Warsaw Osaka Toronto Manchester Lyon
Brussels Geneva Madrid Naples Krakow Accra Mumbai Chennai Sydney Auckland
Glasgow Dublin Vienna Prague Budapest Oslo Helsinki Marseille Seville Porto
Boston Denver Chicago Montreal Santiago Lima Bogota Cairo Tunis Istanbul""".split()
COUNTRIES = """France Germany Nigeria Kenya Portugal Poland Japan Canada Britain Belgium
Switzerland Spain Italy Ghana India Australia Ireland Austria Norway Finland
Chile Peru Colombia Egypt Tunisia Turkey""".split()
ROLES = ["finance minister", "mayor", "chief executive", "union leader",
         "foreign secretary", "spokeswoman", "spokesman", "economist",
         "health minister", "police chief", "professor of economics",
         "opposition leader", "central bank governor", "head of the delegation"]
ORGS = ["the statistics office", "the central bank", "the city council",
        "the transport authority", "the World Health Organization",
        "the port authority", "the national rail operator", "the IMF"]
THINGS = ["exports", "rents", "fuel prices", "ticket sales", "hospital admissions",
          "wheat output", "tourist arrivals", "electricity demand", "wages",
          "bond yields", "new housing starts", "passenger numbers"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
QUOTES = ["We will not sign an agreement that leaves our farmers behind",
          "This is the moment to act, not to wait for another report",
          "Nobody in this room expected the numbers to move so quickly",
          "We have asked for the figures three times and we are still waiting",
          "The plan is sound, but the money is not there yet",
          "I have spoken to the families and they deserve an answer",
          "It is too early to say whether the talks have failed",
          "Our door remains open, as it always has been",
          "The city cannot carry this cost on its own",
          "We were told it would take weeks; it took a single afternoon"]
CLAUSES = ["the talks would resume after the weekend",
           "the budget would be revised before the summer",
           "the new line would open two years late",
           "the agreement had been reached after a night of negotiation",
           "inspectors had found no evidence of wrongdoing",
           "the strike would end if the offer were put in writing",
           "the delegation would travel on to the border region",
           "prices were expected to fall by the end of the year"]


class Rng:
    """A small linear congruential generator: the same numbers on every
    Python version, which the random module does not promise."""

    def __init__(self, seed):
        self.state = (seed * 6364136223846793005 + 1442695040888963407) & (2**64 - 1)

    def next(self):
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) & (2**64 - 1)
        return self.state >> 33

    def pick(self, seq):
        return seq[self.next() % len(seq)]

    def num(self, lo, hi):
        return lo + self.next() % (hi - lo + 1)


def person(r):
    return r.pick(FIRST) + " " + r.pick(LAST)


def sentence(r):
    k = r.next() % 9
    if k == 0:
        return "%s, the %s of %s, said on %s that %s." % (
            person(r), r.pick(ROLES), r.pick(COUNTRIES), r.pick(DAYS), r.pick(CLAUSES))
    if k == 1:
        return "\u201c%s,\u201d %s said in %s." % (r.pick(QUOTES), person(r), r.pick(PLACES))
    if k == 2:
        return "%s reported a %d.%d per cent rise in %s to \u00a3%d.%dbn in %s %d." % (
            r.pick(ORGS).capitalize(), r.num(1, 19), r.num(0, 9), r.pick(THINGS),
            r.num(1, 900), r.num(0, 9), r.pick(MONTHS), r.num(1990, 2026))
    if k == 3:
        return "About %d,%03d people gathered in %s on %s, according to %s." % (
            r.num(1, 90), r.num(0, 999), r.pick(PLACES), r.pick(DAYS), r.pick(ORGS))
    if k == 4:
        return "%s, %d, told reporters in %s: \u201c%s.\u201d" % (
            person(r), r.num(19, 88), r.pick(PLACES), r.pick(QUOTES))
    if k == 5:
        return "The %s in %s rose by %d%% between %s and %s, to $%d million." % (
            r.pick(THINGS), r.pick(PLACES), r.num(2, 60), r.pick(MONTHS),
            r.pick(MONTHS), r.num(3, 950))
    if k == 6:
        return "\"%s,\" said %s, who has led the %s office since %d." % (
            r.pick(QUOTES), person(r), r.pick(PLACES), r.num(1998, 2025))
    if k == 7:
        return "Officials in %s and %s declined to comment on the %s figures." % (
            r.pick(PLACES), r.pick(COUNTRIES), r.pick(THINGS))
    return "Mr %s and Ms %s met in %s on %d %s to discuss %s." % (
        r.pick(LAST), r.pick(LAST), r.pick(PLACES), r.num(1, 28), r.pick(MONTHS),
        r.pick(THINGS))


HEAD = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Talks drag on as the summit enters its final week | The Daily Ledger</title>
<meta name="author" content="Amelia Hartley">
<meta property="og:title" content="Talks drag on as the summit enters its final week">
</head>
<body>
<header class="site-header"><a href="/">The Daily Ledger</a>
<nav><ul><li><a href="/world">World</a></li><li><a href="/business">Business</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/culture">Culture</a></li></ul></nav>
</header>
<main>
<article>
<h1>Talks drag on as the summit enters its final week</h1>
<p class="byline">By Amelia Hartley, Paris</p>
"""
TAIL = """</article>
<aside class="related"><h3>Related</h3><ul><li><a href="/a">Ministers meet again</a></li>
<li><a href="/b">What the deal means for farmers</a></li></ul></aside>
</main>
<footer><p>&copy; 2026 The Daily Ledger. All rights reserved.</p>
<a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer>
</body>
</html>
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size", type=int, default=25 * 1024 * 1024,
                    help="stop before the page grows past this many bytes")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("-o", "--output", default="-")
    a = ap.parse_args()

    r = Rng(a.seed)
    parts = [HEAD]
    size = len(HEAD.encode()) + len(TAIL.encode())
    npara = 0
    while True:
        if npara > 0 and npara % 40 == 0:
            block = "<h2>%s, %s</h2>\n" % (r.pick(PLACES), r.pick(MONTHS))
        else:
            block = "<p>" + " ".join(sentence(r) for _ in range(r.num(3, 7))) + "</p>\n"
        n = len(block.encode())
        if size + n > a.size:
            break
        parts.append(block)
        size += n
        npara += 1
    parts.append(TAIL)
    data = "".join(parts).encode()
    if a.output == "-":
        sys.stdout.buffer.write(data)
    else:
        with open(a.output, "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
