#!/usr/bin/env python3
"""Throughput of `dyad code` over every sentence of Reuters-21578 with the full Phoenix dictionaries.

Usage: python3 bench/code.py [--runs 5] [--shared ../shared] [--bin target/release/dyad]

Runs `dyad code reuters21578.jsonl --petrarch <Phoenix> --threads N` for N = 1 (pinned to one core
with taskset) and N = 2, `--runs` times each, and reports the median wall time, sentences/s (the
sentence count is the one dyad prints on stderr) and the peak RSS (GNU time). The baseline in the same
run is `dyad article` over the same file: reading and cleaning alone, without tagging or coding.
"""
import argparse, json, os, re, shutil, statistics, subprocess, sys, time

def run(cmd, runs):
    walls, rss, err = [], [], ""
    for _ in range(runs):
        t = time.perf_counter()
        p = subprocess.run(["/usr/bin/time", "-f", "MAXRSS %M"] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        walls.append(time.perf_counter() - t)
        err = p.stderr.decode()
        if p.returncode != 0:
            sys.exit(f"{' '.join(cmd)} failed:\n{err[-800:]}")
        rss.append(int(re.search(r"MAXRSS (\d+)", err).group(1)))
    return statistics.median(walls), max(rss), err

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared"))
    ap.add_argument("--bin", default=os.path.join(os.path.dirname(__file__), "..", "target", "release", "dyad"))
    a = ap.parse_args()
    corpus = os.path.join(a.shared, "corpus/reuters21578/reuters21578.jsonl")
    dicts = os.path.join(a.shared, "reference/dictionaries")
    if not (os.path.exists(corpus) and os.path.isdir(dicts)):
        print(f"SKIPPED: corpus or dictionaries not found under {a.shared}")
        return
    if not os.path.exists("/usr/bin/time"):
        sys.exit("needs GNU time (/usr/bin/time): apt-get install time")
    pin = ["taskset", "-c", "0"] if shutil.which("taskset") else []
    rows = []
    base, base_rss, _ = run(pin + [a.bin, "article", corpus, "--json", "--quiet"], a.runs)
    rows.append(dict(what="dyad article (baseline: read + clean only)", threads=1, median_s=base, sentences=None, sentences_per_s=None, peak_rss_mb=base_rss / 1024))
    for threads in (1, 2):
        cmd = ([] if threads > 1 else pin) + [a.bin, "code", corpus, "--petrarch", dicts, "--threads", str(threads), "--quiet"]
        med, rss, err = run(cmd, a.runs)
        m = re.search(r"(\d+) sentences, (\d+) events", err)
        sents, evs = int(m.group(1)), int(m.group(2))
        rows.append(dict(what="dyad code --petrarch Phoenix", threads=threads, median_s=med, sentences=sents, events=evs,
                         sentences_per_s=sents / med, peak_rss_mb=rss / 1024))
    print(f"Reuters-21578, median of {a.runs} runs (threads=1 pinned with taskset -c 0)")
    for r in rows:
        sps = f"{r['sentences_per_s']:.0f}" if r["sentences_per_s"] else "-"
        print(f"{r['what']:45} threads={r['threads']}  {r['median_s']:7.2f} s  sentences/s {sps:>8}  peak RSS {r['peak_rss_mb']:.0f} MB")
    print(json.dumps(rows))

if __name__ == "__main__":
    main()
