#!/usr/bin/env python3
"""End-to-end `dyad ingest` of Reuters-21578 next to `dyad code` into /dev/null on the same input.

Usage: python3 bench/ingest.py [--runs 3] [--shared ../shared] [--bin target/release/dyad] [--threads 2]
                               [--idle 0.5]

Runs, alternately, `runs` times each:
  dyad code   reuters21578.jsonl --format jsonl --threads N > /dev/null
  dyad ingest reuters21578.jsonl --db <fresh temporary file> --threads N
with dyad's own dictionaries (the default of both), under GNU time for the peak RSS. Reports the
median wall time of each, articles/s and sentences/s (counts from dyad's own summaries), the events
and mentions stored (`dyad stats --json`), the database size, the peak RSS, and ingest's speed as a
share of code's (the goal: at least 70 %), overall and per alternating pair. Before each run it waits
(up to 2 minutes) for the 1-minute load average to fall below --idle, so that a build running
beside it does not skew one side; the load seen is printed.
"""
import argparse, json, os, re, statistics, subprocess, sys, tempfile, time


def wait_idle(limit):
    t = time.time()
    while os.getloadavg()[0] > limit and time.time() - t < 120:
        time.sleep(5)
    return os.getloadavg()[0]


def timed(cmd, stdout=subprocess.DEVNULL):
    t = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "MAXRSS %M CPU %U %S"] + cmd, stdout=stdout, stderr=subprocess.PIPE)
    wall = time.perf_counter() - t
    err = p.stderr.decode()
    if p.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({p.returncode}):\n{err[-1500:]}")
    m = re.search(r"MAXRSS (\d+) CPU ([\d.]+) ([\d.]+)", err)
    timed.cpu = float(m.group(2)) + float(m.group(3))
    return wall, int(m.group(1)), err


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--shared", default=os.path.join(here, "..", "..", "shared"))
    ap.add_argument("--bin", default=os.path.join(here, "..", "target", "release", "dyad"))
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--idle", type=float, default=1.0)
    a = ap.parse_args()
    corpus = os.path.join(a.shared, "corpus/reuters21578/reuters21578.jsonl")
    if not os.path.exists(corpus):
        print(f"SKIPPED: {corpus} not found (pass --shared)")
        return
    if not os.path.exists("/usr/bin/time"):
        sys.exit("needs GNU time (/usr/bin/time): apt-get install time")
    threads = ["--threads", str(a.threads)]
    code_runs, ingest_runs = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(a.runs):
            load_c = wait_idle(a.idle)
            wall, rss, err = timed([a.bin, "code", corpus, "--format", "jsonl", "--quiet"] + threads)
            m = re.search(r"(\d+) articles, (\d+) rejected, (\d+) sentences, (\d+) events", err)
            code_runs.append(dict(wall=wall, cpu=timed.cpu, rss=rss, articles=int(m[1]), sentences=int(m[3]), events=int(m[4])))
            db = os.path.join(tmp, f"reuters-{i}.db")
            load_i = wait_idle(a.idle)
            wall, rss, err = timed([a.bin, "ingest", corpus, "--db", db, "--quiet"] + threads)
            m = re.search(r"(\d+) articles read: (\d+) stored", err)
            s = re.search(r"(\d+) sentences, (\d+) events \((\d+) new events, (\d+) mentions\)", err)
            st = json.loads(subprocess.run([a.bin, "stats", "--db", db, "--json"], capture_output=True, check=True).stdout)
            size = sum(os.path.getsize(p) for p in (db, db + "-wal") if os.path.exists(p))
            ingest_runs.append(dict(wall=wall, cpu=timed.cpu, rss=rss, articles=int(m[1]), stored=int(m[2]), sentences=int(s[1]),
                                    records=int(s[2]), events=st["events"], mentions=st["mentions"], db_mb=size / 1e6,
                                    summary=[l for l in err.splitlines() if l.strip() and not l.startswith("MAXRSS")][-3:]))
            print(f"run {i + 1}: code {code_runs[-1]['wall']:.2f} s (load {load_c:.2f}), "
                  f"ingest {wall:.2f} s (load {load_i:.2f})", file=sys.stderr)
    cw = statistics.median(r["wall"] for r in code_runs)
    iw = statistics.median(r["wall"] for r in ingest_runs)
    c, g = code_runs[0], ingest_runs[0]
    print(f"Reuters-21578 ({corpus}), {a.threads} threads, median of {a.runs} runs each, alternating")
    print(f"dyad code > /dev/null : {cw:6.2f} s  {c['articles'] / cw:7.0f} articles/s  {c['sentences'] / cw:7.0f} sentences/s"
          f"  {c['events']} events  peak RSS {max(r['rss'] for r in code_runs) / 1024:.0f} MB")
    print(f"dyad ingest           : {iw:6.2f} s  {g['articles'] / iw:7.0f} articles/s  {g['sentences'] / iw:7.0f} sentences/s"
          f"  {g['stored']} articles stored, {g['events']} events, {g['mentions']} mentions"
          f"  database {g['db_mb']:.0f} MB  peak RSS {max(r['rss'] for r in ingest_runs) / 1024:.0f} MB")
    pairs = [c["wall"] / g["wall"] for c, g in zip(code_runs, ingest_runs)]
    print(f"ingest speed / code speed: {cw / iw:.0%} of the medians; per pair "
          + ", ".join(f"{p:.0%}" for p in pairs) + " (goal: at least 70 %)")
    cc = statistics.median(r["cpu"] for r in code_runs)
    ic = statistics.median(r["cpu"] for r in ingest_runs)
    print(f"CPU time (user+sys, median): code {cc:.1f} s, ingest {ic:.1f} s")
    print("ingest summary: " + " | ".join(g["summary"]))
    print(json.dumps(dict(code=code_runs, ingest=ingest_runs, code_median_s=cw, ingest_median_s=iw, ratio=cw / iw)))


if __name__ == "__main__":
    main()
