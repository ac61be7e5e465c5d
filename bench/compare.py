#!/usr/bin/env python3
"""Check that polity answers the peer benchmark's questions exactly as the peers do.

Usage:  python3 bench/compare.py CORPUS_DIR [--polity target/release/polity]
                                 [--peers duckdb,networkx] [--shared ../shared/bench]

CORPUS_DIR holds the corpus (`gen_corpus.py N --out CORPUS_DIR`) and its facts folder
(`bench/corpus_to_facts.py CORPUS_DIR`). The reference answer is the shared pure-Python
one (`compare.py`'s `reference`, csv + BFS); each peer named in --peers is run from the
shared folder with the interpreter running this script; polity is asked

  Q1  polity partners HUB --at T --direct --format csv      (the `id` column, sorted)
  Q2  polity neighbours HUB --depth 2 --any-time --format csv   (the number of rows)
  Q3  polity path A B --any-time --format json                (the number of hops)

with --no-cache, so every answer is computed. A question whose command this polity
build does not have is reported as missing, not as equal. Exit 1 on any mismatch.
"""
import argparse
import csv
import io
import json
import os
import subprocess
import sys


def polity(binary, facts, *args):
    cmd = [binary, "--no-cache", "--facts", facts, *args]
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        return None, out.stderr.strip()[-300:]
    return out.stdout, None


def polity_answers(binary, facts, p):
    q1, err1 = polity(binary, facts, "partners", p["hub"], "--at", p["T"], "--direct",
                      "--format", "csv")
    q2, err2 = polity(binary, facts, "neighbours", p["hub"], "--depth", "2", "--any-time",
                      "--format", "csv")
    q3, err3 = polity(binary, facts, "path", p["q3_from"], p["q3_to"], "--any-time",
                      "--format", "json")
    res = {"peer": "polity", "errors": {}}
    if q1 is not None:
        res["q1"] = sorted(row["id"] for row in csv.DictReader(io.StringIO(q1)))
    else:
        res["errors"]["q1"] = err1
    if q2 is not None:
        res["q2"] = sum(1 for _ in csv.DictReader(io.StringIO(q2)))
    else:
        res["errors"]["q2"] = err2
    if q3 is not None:
        res["q3"] = path_length(json.loads(q3))
    else:
        res["errors"]["q3"] = err3
    return res


def path_length(doc):
    """The number of hops of `polity path --format json` output (a list of steps, or an
    object with `hops` / `length` / `steps`)."""
    if isinstance(doc, dict):
        for key in ("hops", "length"):
            if isinstance(doc.get(key), int):
                return doc[key]
        doc = doc.get("steps", doc.get("path", []))
    return len(doc)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--polity", default="target/release/polity")
    ap.add_argument("--peers", default="duckdb,networkx")
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "bench"))
    a = ap.parse_args()
    corpus = os.path.abspath(a.corpus)
    sys.path.insert(0, a.shared)
    import compare as shared  # the shared folder's reference and peer runner

    p = json.load(open(os.path.join(corpus, "params.json")))
    results = [shared.reference(corpus)]
    results.append(polity_answers(a.polity, os.path.join(corpus, "facts"), p))
    for name in filter(None, a.peers.split(",")):
        if name == "oxigraph" and not os.path.exists(os.path.join(corpus, "corpus.nt")):
            print("oxigraph: skipped (no corpus.nt)")
            continue
        results.append(shared.run_peer(name, corpus))
    ref = results[0]
    ok = True
    print(f"{'who':<10} {'Q1 count':>8} {'Q1 first..last':<20} {'Q2':>7} {'Q3':>4}")
    for r in results:
        q1 = r.get("q1")
        span = f"{q1[0]}..{q1[-1]}" if q1 else "-"
        print(f"{r['peer']:<10} {len(q1) if q1 is not None else '-':>8} {span:<20} "
              f"{str(r.get('q2', '-')):>7} {str(r.get('q3', '-')):>4}")
        for q in ("q1", "q2", "q3"):
            if r.get(q) is not None and r[q] != ref[q]:
                ok = False
                print(f"  MISMATCH {r['peer']} {q}: {str(r[q])[:200]} != reference {str(ref[q])[:200]}")
        for q, err in r.get("errors", {}).items():
            print(f"  MISSING {r['peer']} {q}: {err}")
    print("ALL EQUAL" if ok else "MISMATCH")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
