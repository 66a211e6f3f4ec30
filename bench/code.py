#!/usr/bin/env python3
"""Throughput of `dyad code` over every sentence of Reuters-21578 with the full Phoenix dictionaries.

Usage: python3 bench/code.py [--runs 5] [--shared ../shared] [--bin target/release/dyad] [--compare OTHER_BIN]

Runs `dyad code reuters21578.jsonl --petrarch <Phoenix> --threads N` for N = 1 (pinned to one core
with taskset) and N = 2, `--runs` times each, and reports the median wall time, sentences/s (the
sentence count is the one dyad prints on stderr) and the peak RSS (GNU time). The baseline in the same
run is `dyad article` over the same file: reading and cleaning alone, without tagging or coding.

`--compare OTHER_BIN` times a second build (e.g. an older commit's) in the same run, alternating the
two run by run, so that the load of a shared machine falls on both alike.
"""
import argparse, json, os, re, shutil, statistics, subprocess, sys, time

def run_once(cmd):
    t = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "MAXRSS %M"] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - t
    err = p.stderr.decode()
    if p.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{err[-800:]}")
    return wall, int(re.search(r"MAXRSS (\d+)", err).group(1)), err

def run_alternating(cmds, runs):
    """Runs each command `runs` times, alternating between them; (median wall, max RSS, stderr) each."""
    walls = [[] for _ in cmds]
    rss = [[] for _ in cmds]
    errs = [""] * len(cmds)
    for _ in range(runs):
        for i, cmd in enumerate(cmds):
            w, r, errs[i] = run_once(cmd)
            walls[i].append(w)
            rss[i].append(r)
    return [(statistics.median(walls[i]), max(rss[i]), errs[i]) for i in range(len(cmds))]

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared"))
    ap.add_argument("--bin", default=os.path.join(os.path.dirname(__file__), "..", "target", "release", "dyad"))
    ap.add_argument("--compare", help="a second dyad binary, timed alternately with --bin")
    a = ap.parse_args()
    corpus = os.path.join(a.shared, "corpus/reuters21578/reuters21578.jsonl")
    dicts = os.path.join(a.shared, "reference/dictionaries")
    if not (os.path.exists(corpus) and os.path.isdir(dicts)):
        print(f"SKIPPED: corpus or dictionaries not found under {a.shared}")
        return
    if not os.path.exists("/usr/bin/time"):
        sys.exit("needs GNU time (/usr/bin/time): apt-get install time")
    pin = ["taskset", "-c", "0"] if shutil.which("taskset") else []
    bins = [a.bin] + ([a.compare] if a.compare else [])
    label = lambda b: "" if len(bins) == 1 else f" [{b}]"
    rows = []
    for b, (med, rss, _) in zip(bins, run_alternating([pin + [b, "article", corpus, "--json", "--quiet"] for b in bins], a.runs)):
        rows.append(dict(what="dyad article (baseline: read + clean only)", bin=b, threads=1, median_s=med, sentences=None, sentences_per_s=None, peak_rss_mb=rss / 1024))
    for threads in (1, 2):
        cmds = [([] if threads > 1 else pin) + [b, "code", corpus, "--petrarch", dicts, "--threads", str(threads), "--quiet"] for b in bins]
        for b, (med, rss, err) in zip(bins, run_alternating(cmds, a.runs)):
            m = re.search(r"(\d+) sentences, (\d+) events", err)
            sents, evs = int(m.group(1)), int(m.group(2))
            rows.append(dict(what="dyad code --petrarch Phoenix", bin=b, threads=threads, median_s=med, sentences=sents, events=evs,
                             sentences_per_s=sents / med, peak_rss_mb=rss / 1024))
    print(f"Reuters-21578, median of {a.runs} runs (threads=1 pinned with taskset -c 0)")
    for r in rows:
        sps = f"{r['sentences_per_s']:.0f}" if r["sentences_per_s"] else "-"
        print(f"{r['what']:45} threads={r['threads']}  {r['median_s']:7.2f} s  sentences/s {sps:>8}  peak RSS {r['peak_rss_mb']:.0f} MB{label(r['bin'])}")
    print(json.dumps(rows))

if __name__ == "__main__":
    main()
