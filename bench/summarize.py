#!/usr/bin/env python3
"""Print the table of one bench/run.sh result folder: medians, peak memory and ratios.

Usage: python3 bench/summarize.py bench/results/nN

Reads the hyperfine JSON (median wall time) and GNU time (peak RSS, KiB) files that
bench/run.sh wrote, and each peer's RESULT line (its own in-script load and query times).
Ratios are polity / peer: below 1 means polity is faster or smaller.
"""
import glob
import json
import os
import statistics
import sys


def median(path):
    with open(path) as fh:
        return statistics.median(json.load(fh)["results"][0]["times"])


def rss_mib(path):
    with open(path) as fh:
        return int(fh.read().split()[-1]) / 1024


def main():
    r = sys.argv[1]
    n = int(os.path.basename(os.path.normpath(r)).lstrip("n"))
    rows = {}
    for f in sorted(glob.glob(os.path.join(r, "*.hyperfine.json"))):
        name = os.path.basename(f)[: -len(".hyperfine.json")]
        rss = os.path.join(r, name + ".rss")
        rows[name] = (median(f), rss_mib(rss) if os.path.exists(rss) else None)
    peers = {k[5:]: v for k, v in rows.items() if k.startswith("peer_")}
    ours = {k: v for k, v in rows.items() if k.startswith("polity_")}
    print(f"## N = {n:,}\n")
    print("| command (whole process) | median wall s | peak MiB | bytes / relation |")
    print("|---|---|---|---|")
    for k, (t, m) in ours.items():
        per = f"{m * 1048576 / n:,.0f}" if m else "-"
        print(f"| {k.replace('polity_', 'polity ').replace('_', ' ')} | {t:.3f} | "
              f"{m:,.0f} | {per} |" if m else f"| {k} | {t:.3f} | - | - |")
    for k, (t, m) in peers.items():
        print(f"| {k} (import, load, Q1-Q3, exit) | {t:.3f} | {m:,.0f} | {m * 1048576 / n:,.0f} |")
    if "polity_partners" in ours and peers:
        pt, pm = ours["polity_partners"]
        print("\n| ratio polity partners (cold) / peer | wall | peak memory |")
        print("|---|---|---|")
        for k, (t, m) in peers.items():
            print(f"| / {k} | {pt / t:.3f} ({t / pt:.1f}x faster) | {pm / m:.2f} |")
    if "polity_partners_cached" in ours and "polity_partners" in ours:
        c, p = ours["polity_partners_cached"][0], ours["polity_partners"][0]
        print(f"\nanswer cache: repeated partners {c * 1000:.0f} ms vs first {p:.2f} s: "
              f"{p / c:.0f}x faster")
    for peer in peers:
        out = os.path.join(r, f"peer_{peer}.out")
        if os.path.exists(out):
            res = [ln for ln in open(out) if ln.startswith("RESULT ")]
            if res:
                d = json.loads(res[-1][7:])
                print(f"\n{peer} in-script: load {d['load_s']:.2f} s, Q1 {d['q1_ms']:.1f} ms, "
                      f"Q2 {d['q2_ms']:.1f} ms, Q3 "
                      f"{d['q3_ms'] if d['q3_ms'] is None else round(d['q3_ms'], 1)} ms")


if __name__ == "__main__":
    main()
