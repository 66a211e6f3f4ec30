#!/usr/bin/env python3
"""Query latency over a generated database of 1 M events.

Usage: python3 bench/query.py [--db /tmp/dyad-events-1m.db] [--events 1000000] [--runs 7]
                              [--bin target/release/dyad] [--generator target/release/examples/generate]

Builds the database first if it does not exist (`cargo build --release -p dyad-store --example
generate`, then `generate DB EVENTS`: articles through the store's real write path, see
crates/store/examples/generate.rs). Then runs each query `runs` times as a whole `dyad query`
process (start-up, opening the database and printing included) and reports the median and the
slowest wall time. The headline is the dyad time series: `dyad query --dyad PAK,RUS --by month`
(goal: at most 100 ms). SQLite's plan for it is printed to show the indexes used.
"""
import argparse, os, statistics, subprocess, sys, time

QUERIES = [
    ("dyad time series PAK,RUS by month", ["--dyad", "PAK,RUS", "--by", "month", "--format", "jsonl"]),
    ("dyad time series IND,PAK by month", ["--dyad", "IND,PAK", "--by", "month", "--format", "jsonl"]),
    ("dyad time series CHN,USA by month (largest)", ["--dyad", "CHN,USA", "--by", "month", "--format", "jsonl"]),
    ("dyad time series RUSGOV,UKR by day", ["--dyad", "RUSGOV,UKR", "--by", "day", "--format", "jsonl"]),
    ("dyad events PAK,RUS 2010-2014 (rows)", ["--dyad", "PAK,RUS", "--from", "2010-01-01", "--to", "2014-12-31", "--format", "jsonl"]),
    ("source USA, root 19, by year", ["--source", "USA", "--root", "19", "--by", "year", "--format", "jsonl"]),
    ("one month, all events, by day", ["--from", "2012-06-01", "--to", "2012-06-30", "--by", "day", "--format", "jsonl"]),
    ("topic cybersecurity, dyad CHN,USA (rows)", ["--dyad", "CHN,USA", "--topic", "cybersecurity", "--format", "jsonl"]),
    ("full-text w0042 w0043, limit 100 (rows)", ["--text", "w0042 w0043", "--limit", "100", "--format", "jsonl"]),
]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.join(here, "..")
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", default="/tmp/dyad-events-1m.db")
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--bin", default=os.path.join(root, "target", "release", "dyad"))
    ap.add_argument("--generator", default=os.path.join(root, "target", "release", "examples", "generate"))
    a = ap.parse_args()
    if not os.path.exists(a.db):
        if not os.path.exists(a.generator):
            subprocess.run(["cargo", "build", "--release", "-p", "dyad-store", "--example", "generate"], cwd=root, check=True)
        print(f"generating {a.events} events into {a.db} ...", file=sys.stderr)
        subprocess.run([a.generator, a.db, str(a.events)], check=True)
    stats = subprocess.run([a.bin, "stats", "--db", a.db, "--json"], capture_output=True, check=True, text=True).stdout
    print(f"database {a.db} ({os.path.getsize(a.db) / 1e6:.0f} MB): {stats.strip()[:160]}...")
    plan = subprocess.run([a.bin, "query", "--db", a.db, "--plan"] + QUERIES[0][1], capture_output=True, text=True).stderr
    print("plan of the dyad time series:\n  " + "\n  ".join(l for l in plan.splitlines() if l.startswith("plan:")))
    for name, args in QUERIES:
        walls, rows = [], 0
        for _ in range(a.runs):
            t = time.perf_counter()
            p = subprocess.run([a.bin, "query", "--db", a.db] + args, capture_output=True)
            walls.append((time.perf_counter() - t) * 1000)
            if p.returncode != 0:
                sys.exit(p.stderr.decode())
            rows = p.stdout.count(b"\n")
        print(f"{name:45} median {statistics.median(walls):7.1f} ms  max {max(walls):7.1f} ms  ({rows} rows, {a.runs} runs)")


if __name__ == "__main__":
    main()
