#!/usr/bin/env python3
"""Throughput of `dyad article` over the Reuters-21578 and BBC corpora, one core.

Usage: python3 bench/article.py [--runs 5] [--shared ../shared] [--bin target/release/dyad]

It reads the corpora from ../shared (never copied into the repository), and lays them out in a
temporary folder in three forms: the JSONL files as they are, one plain-text file per article, and one
HTML page per article (the body wrapped in a page with navigation, ads, related links and a footer).
Each form is read by `dyad article --json` pinned to one core (taskset), `--runs` times; the median
wall time gives MB/s (input bytes) and articles/s. Baselines in the same run: `cat` of the same files
(the I/O floor) and Python's json.loads over the JSONL lines (a common reference parser).
"""
import argparse, html, json, os, shutil, statistics, subprocess, sys, tempfile, time

def run(cmd, runs):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        times.append(time.perf_counter() - t)
        if p.returncode != 0:
            sys.exit(f"{' '.join(cmd)} failed: {p.stderr.decode()[-500:]}")
    return statistics.median(times), p.stderr.decode()

PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | Bench Wire</title>
<meta property="og:site_name" content="Bench Wire"><meta property="article:published_time" content="1987-03-01T10:00:00+00:00">
<meta name="author" content="Staff"></head><body><header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a> <a href="/markets">Markets</a></nav></header>
<div class="ad">Advertisement</div><main><article><h1>{title}</h1>{paras}</article>
<aside class="related"><h3>Related stories</h3><ul><li><a href="/x">Markets close higher</a></li><li><a href="/y">Oil steady</a></li></ul></aside>
<section class="comments"><h3>Comments (3)</h3></section></main><footer><p>Copyright 2024 Bench Wire. All rights reserved.</p></footer></body></html>
"""

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared"))
    ap.add_argument("--bin", default=os.path.join(os.path.dirname(__file__), "..", "target", "release", "dyad"))
    a = ap.parse_args()
    corpora = {
        "reuters": os.path.join(a.shared, "corpus/reuters21578/reuters21578.jsonl"),
        "bbc": os.path.join(a.shared, "corpus/bbc/bbc.jsonl"),
    }
    if not all(os.path.exists(p) for p in corpora.values()):
        print(f"SKIPPED: corpora not found under {a.shared}")
        return
    pin = ["taskset", "-c", "0"] if shutil.which("taskset") else []
    tmp = tempfile.mkdtemp(prefix="dyad-bench-")
    results = []
    try:
        for name, path in corpora.items():
            tdir, hdir = os.path.join(tmp, name, "text"), os.path.join(tmp, name, "html")
            os.makedirs(tdir); os.makedirs(hdir)
            recs = [json.loads(l) for l in open(path, encoding="utf-8")]
            n = 0
            for i, r in enumerate(recs):
                text = (r.get("text") or "").strip()
                if not text:
                    continue
                n += 1
                title = (r.get("title") or "").strip() or "Untitled"
                with open(os.path.join(tdir, f"{i:06d}.txt"), "w", encoding="utf-8") as f:
                    f.write(f"{title}\n\n{text}\n")
                paras = "".join(f"<p>{html.escape(p.strip())}</p>" for p in text.split("\n\n") if p.strip())
                with open(os.path.join(hdir, f"{i:06d}.html"), "w", encoding="utf-8") as f:
                    f.write(PAGE.format(title=html.escape(title), paras=paras))
            for form, target in [("jsonl", path), ("text", tdir), ("html", hdir)]:
                size = os.path.getsize(target) if os.path.isfile(target) else sum(
                    os.path.getsize(os.path.join(target, f)) for f in os.listdir(target))
                cmd = pin + [a.bin, "article", target, "--json", "--quiet"]
                if form == "text":
                    cmd += ["--date", "1987-03-01"]
                med, err = run(cmd, a.runs)
                arts = int(err.strip().splitlines()[-2].split()[0])
                files = [target] if os.path.isfile(target) else [os.path.join(target, f) for f in sorted(os.listdir(target))]
                cat, _ = run(pin + ["cat"] + files, a.runs) if len(files) < 30000 else (float("nan"), "")
                results.append(dict(corpus=name, form=form, mb=size / 1e6, articles=arts, median_s=med,
                                    mb_per_s=size / 1e6 / med, articles_per_s=arts / med, cat_mb_per_s=size / 1e6 / cat))
            t = []
            for _ in range(a.runs):
                t0 = time.perf_counter()
                for l in open(path, encoding="utf-8"):
                    json.loads(l)
                t.append(time.perf_counter() - t0)
            results.append(dict(corpus=name, form="python json.loads (baseline)", mb=os.path.getsize(path) / 1e6,
                                articles=len(recs), median_s=statistics.median(t),
                                mb_per_s=os.path.getsize(path) / 1e6 / statistics.median(t),
                                articles_per_s=len(recs) / statistics.median(t), cat_mb_per_s=float("nan")))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"dyad article, one core (taskset -c 0), median of {a.runs} runs")
    print(f"{'corpus':8} {'form':30} {'MB':>7} {'articles':>8} {'median s':>9} {'MB/s':>8} {'articles/s':>11} {'cat MB/s':>9}")
    for r in results:
        print(f"{r['corpus']:8} {r['form']:30} {r['mb']:7.1f} {r['articles']:8d} {r['median_s']:9.3f} {r['mb_per_s']:8.1f} {r['articles_per_s']:11.0f} {r['cat_mb_per_s']:9.0f}")
    print(json.dumps(results))

if __name__ == "__main__":
    main()
