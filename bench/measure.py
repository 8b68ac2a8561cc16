#!/usr/bin/env python3
"""The benchmark's measuring half (bench/run.sh finds the programs and calls
this). Alternates lede and the libxml2 baseline over the same inputs for
several rounds, takes medians of wall time and peak RSS (per child, from
wait4), and prints ratios that read the same on any machine.

usage: measure.py --lede BIN --baseline BIN --stages BIN --pages DIR
                  --big FILE --small FILE --tiny FILE [--rounds N] [--work DIR]
"""
import argparse
import glob
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


TIME = shutil.which("time", path="/usr/bin:/bin")


def run(cmd, stdout=subprocess.DEVNULL, env=None):
    """Runs cmd; returns (exit status, wall seconds, CPU seconds, peak RSS in
    KiB).

    The peak RSS comes from /usr/bin/time when it is installed: Linux counts
    the memory of the process that forked a child into the child's peak, so
    wait4 here would report this (large) Python process, not the program."""
    rssfile = None
    if TIME is not None:
        fd, rssfile = tempfile.mkstemp(prefix="lede-bench-rss.")
        os.close(fd)
        cmd = [TIME, "-f", "%M", "-o", rssfile] + list(cmd)
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.PIPE, env=env)
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    maxrss = ru.ru_maxrss
    cpu = ru.ru_utime + ru.ru_stime
    if rssfile is not None:
        with open(rssfile) as f:
            lines = [l for l in f.read().split("\n") if l.strip().isdigit()]
        os.remove(rssfile)
        maxrss = int(lines[-1]) if lines else 0
    if p.returncode != 0:
        sys.stderr.write(err.decode("utf-8", "replace")[-2000:])
    return p.returncode, wall, cpu, maxrss


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def verdict(value, target, lower_is_better=True):
    ok = value <= target if lower_is_better else value >= target
    return "ok" if ok else "MISSED"


def pager_trace(lede, page, work, json_seconds):
    """Runs the pager on page inside a private tmux server, presses keys, and
    reads the LEDE_TRACE file the pager writes."""
    tmux = shutil.which("tmux")
    if tmux is None:
        print("pager: not available (tmux is not installed)")
        return
    trace = os.path.join(work, "pager.trace")
    if os.path.exists(trace):
        os.remove(trace)
    sock = "lede-bench-%d" % os.getpid()
    base = [tmux, "-L", sock, "-f", "/dev/null"]
    env = dict(os.environ, LEDE_TRACE=trace, TERM="xterm-256color")
    cmd = "exec env LEDE_TRACE=%s %s %s" % (trace, lede, page)
    subprocess.run(base + ["new-session", "-d", "-x", "120", "-y", "40", cmd], env=env, check=True)

    def alive():
        return subprocess.run(base + ["has-session"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL).returncode == 0

    def read_trace():
        if not os.path.exists(trace):
            return []
        with open(trace) as f:
            return f.read().splitlines()

    def nkeys(lines):
        return len([l for l in lines if l.startswith("key ")])

    def wait_for(pred, limit):
        end = time.time() + limit
        while time.time() < end:
            lines = read_trace()
            if pred(lines):
                return lines
            if not alive():
                return None
            time.sleep(0.05)
        return None

    def keys(*k):
        subprocess.run(base + ["send-keys"] + list(k), check=False)

    try:
        lines = wait_for(lambda ls: any(l.startswith("first-screen ") for l in ls), 120)
        if lines is None:
            print("  pager: not available (it exited or wrote no 'first-screen' line to LEDE_TRACE)")
            return
        plan = [("NPage",)] * 10 + [("]",)] * 10 + [("/", "Kowalski", "Enter")] \
            + [("n",)] * 5 + [("NPage",)] * 5
        for k in plan:
            before = nkeys(read_trace())
            keys(*k)
            wait_for(lambda ls: nkeys(ls) > before, 5)
            time.sleep(0.05)
        keys("q")
        time.sleep(0.3)
        lines = read_trace()
    finally:
        subprocess.run(base + ["kill-server"], check=False, stderr=subprocess.DEVNULL)
    first = [float(l.split()[1]) for l in lines if l.startswith("first-screen ")]
    per_key = {}
    for l in lines:
        f = l.split()
        if len(f) >= 3 and f[0] == "key":
            try:
                per_key.setdefault(f[1], []).append(float(f[-1]))
            except ValueError:
                pass
    if first:
        r = first[0] / json_seconds
        print("  pager first screen        %8.3f s   = %.2fx the --format=json time"
              "   (target <= 1.5: %s)" % (first[0], r, verdict(r, 1.5)))
    worst = 0.0
    for name, ts in sorted(per_key.items()):
        worst = max(worst, max(ts))
        print("  pager key %-15s %8.2f ms median, %.2f ms worst over %d presses" % (
            name, statistics.median(ts) * 1e3, max(ts) * 1e3, len(ts)))
    if per_key:
        print("  pager slowest key         %8.2f ms   (target < 5 ms: %s)" % (
            worst * 1e3, verdict(worst * 1e3, 5.0)))
    else:
        print("  pager: no 'key' lines in the trace")


def main():
    ap = argparse.ArgumentParser()
    for a in ("lede", "baseline", "stages", "pages", "big", "small", "tiny", "work"):
        ap.add_argument("--" + a, required=a != "work")
    ap.add_argument("--rounds", type=int, default=5)
    a = ap.parse_args()
    work = a.work or os.path.dirname(a.big)

    pages = sorted(glob.glob(os.path.join(a.pages, "*")))
    pages_bytes = sum(os.path.getsize(p) for p in pages)
    big_bytes = os.path.getsize(a.big)
    small_bytes = os.path.getsize(a.small)

    print("lede benchmark on %s, %s, %d CPUs, %s" % (
        os.uname().nodename, cpu_model(), os.cpu_count(), time.strftime("%Y-%m-%d %H:%M")))
    print("inputs: %d pages (%.1f MB); generated article %.1f MB and its first sixteenth %.2f MB"
          % (len(pages), pages_bytes / 1e6, big_bytes / 1e6, small_bytes / 1e6))

    # Check run (also warms the page cache): every page gives one document.
    out = os.path.join(work, "pages.jsonl")
    with open(out, "wb") as f:
        rc, _, _, _ = run([a.lede, "--format=json"] + pages, stdout=f)
    with open(out, "rb") as f:
        lines = [l for l in f.read().split(b"\n") if l.strip()]
    good = 0
    for l in lines:
        try:
            json.loads(l)
            good += 1
        except ValueError:
            pass
    print("check: lede --format=json over the pages: exit %d, %d JSON lines of %d expected (%s)"
          % (rc, good, len(pages), "ok" if rc == 0 and good == len(pages) else "FAILED"))
    for f in (a.big, a.small):
        with open(out, "wb") as o:
            rc, _, _, _ = run([a.lede, "--format=json", f], stdout=o)
        with open(out, "rb") as o:
            doc = json.loads(o.read())
        print("check: %s: exit %d, %d paragraphs, %d people, %d places, %d quotes" % (
            os.path.basename(f), rc, len(doc.get("paragraphs", [])), len(doc.get("people", [])),
            len(doc.get("places", [])), len(doc.get("quotes", []))))

    # What is run: (who, job) -> command. lede-nosb is lede without its
    # sandbox (a forked, confined child per page), when lede has one, to show
    # what the confinement costs.
    helptext = subprocess.run([a.lede, "--help"], stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL).stdout.decode("utf-8", "replace")
    who = ["lede", "base"] + (["lede-nosb"] if "--no-sandbox" in helptext else [])
    inputs = {"pages": pages, "big": [a.big], "small": [a.small], "tiny": [a.tiny]}
    cmds = {}
    for j, files in inputs.items():
        cmds[("lede", j)] = [a.lede, "--format=json"] + files
        cmds[("base", j)] = [a.baseline] + files
        if "lede-nosb" in who and j in ("pages", "big"):
            cmds[("lede-nosb", j)] = [a.lede, "--no-sandbox", "--format=json"] + files
    wall = {k: [] for k in cmds}
    cpu = {k: [] for k in cmds}
    rss = {k: [] for k in cmds}
    for _ in range(a.rounds):
        for k, cmd in cmds.items():
            rc, w, c, m = run(cmd)
            if rc != 0:
                print("%s on %s exited %d" % (k[0], k[1], rc))
            wall[k].append(w)
            cpu[k].append(c)
            rss[k].append(m)
    med = {k: statistics.median(v) for k, v in wall.items()}
    mcpu = {k: statistics.median(v) for k, v in cpu.items()}
    mrss = {k: statistics.median(v) for k, v in rss.items()}

    def line(label, k, nbytes, npages=None):
        per = " %.2f ms/page," % (med[k] * 1e3 / npages) if npages else ""
        print("  %-14s wall %7.3f s,%s %6.1f MB/s; CPU %7.3f s; peak RSS %6.1f MB" % (
            label, med[k], per, nbytes / 1e6 / med[k], mcpu[k], mrss[k] / 1024))

    print("\nmedians of %d rounds (wall clock; CPU = user + system of the process and "
          "its children; load average now %.1f)" % (a.rounds, os.getloadavg()[0]))
    print("baseline (libxml2 htmlReadMemory: read + parse + free):")
    line("pages", ("base", "pages"), pages_bytes, len(pages))
    line("25 MB article", ("base", "big"), big_bytes)
    print("lede --format=json:")
    line("pages", ("lede", "pages"), pages_bytes, len(pages))
    line("25 MB article", ("lede", "big"), big_bytes)
    line("1/16 article", ("lede", "small"), small_bytes)
    line("tiny page", ("lede", "tiny"), os.path.getsize(a.tiny))
    if "lede-nosb" in who:
        print("lede --no-sandbox --format=json:")
        line("pages", ("lede-nosb", "pages"), pages_bytes, len(pages))
        line("25 MB article", ("lede-nosb", "big"), big_bytes)

    def ratio(x, y):
        return med[x] / med[y], mcpu[x] / max(1e-9, mcpu[y])

    print("\nratios (wall; CPU in brackets; the verdict reads the CPU ratio, which a busy"
          " machine does not skew):")
    r, rc_ = ratio(("lede", "pages"), ("base", "pages"))
    print("  1. pipeline / parse, 181 pages      %6.2f [%5.2f]  (target <= 2.5: %s)" % (
        r, rc_, verdict(rc_, 2.5)))
    if "lede-nosb" in who:
        r, rc_ = ratio(("lede-nosb", "pages"), ("base", "pages"))
        print("     same with --no-sandbox           %6.2f [%5.2f]" % (r, rc_))
    sb, sm = ("lede", "big"), ("lede", "small")
    growth = (med[sb] / big_bytes) / (med[sm] / small_bytes)
    growth_c = (mcpu[sb] / big_bytes) / max(1e-12, mcpu[sm] / small_bytes)
    start = med[("lede", "tiny")]
    growth_net = ((med[sb] - start) / big_bytes) / max(1e-12, (med[sm] - start) / small_bytes)
    print("  2. growth: time/byte 25 MB / 1.6 MB %6.2f [%5.2f]  (target <= 1.5: %s)" % (
        growth, growth_c, verdict(growth_c, 1.5)))
    print("     same without start-up time       %6.2f" % growth_net)
    r, rc_ = ratio(("lede", "big"), ("base", "big"))
    print("     pipeline / parse, 25 MB article  %6.2f [%5.2f]  (target <= 4: %s)" % (
        r, rc_, verdict(rc_, 4)))
    r = mrss[("lede", "big")] / mrss[("base", "big")]
    print("  3. peak RSS lede / baseline, 25 MB  %6.2f          (target <= 2.0: %s)  [%.0f MB / %.0f MB]" % (
        r, verdict(r, 2.0), mrss[("lede", "big")] / 1024, mrss[("base", "big")] / 1024))

    print("  4. pager on the 25 MB article:")
    pager_trace(a.lede, a.big, work, med[("lede", "big")])

    if TIME is None:
        print("     (peak RSS from wait4: install the time package for exact figures)")

    print("\n5. stages (bench/stages, one process, same 181 pages):")
    sys.stdout.flush()
    subprocess.run([a.stages] + pages, check=False)
    print("   stages on the 25 MB article:")
    sys.stdout.flush()
    subprocess.run([a.stages, a.big], check=False)


if __name__ == "__main__":
    main()
