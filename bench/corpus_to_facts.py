#!/usr/bin/env python3
"""Turn a peer-benchmark corpus into a polity facts folder that answers the same questions.

Usage:  python3 bench/corpus_to_facts.py CORPUS_DIR [--out FACTS_DIR] [--per-file 10000]

CORPUS_DIR is what `../shared/bench/gen_corpus.py N --out CORPUS_DIR` wrote
(corpus.json, params.json). FACTS_DIR (default CORPUS_DIR/facts) receives a folder
as a curator would keep it, one JSON element per line:

  vocabulary.json               the corpus's 15 relation types
  actors.json                   every actor (id, kind, name, aliases)
  sources/sources-NNNN.json     one source per distinct URL, in the file of the
                                relations chunk that first cites it
  relations/relations-NNNN.json relations, --per-file (10,000) per file

Mapping, chosen so that polity's answers equal the peers' (see bench/compare.py):
* every corpus relation becomes a *tie*; a point event (no end) becomes a tie
  whose `end` equals its `start`, i.e. a one-day (one-month, one-year) tie at its
  own precision. So "the interval contains T" of the peers (first day of start
  <= T <= last day of end) is exactly polity's yes-or-maybe at T.
* the 7 cooperative types get polarity `cooperative` (member_of stays the reserved
  directed tie, cooperative here); the others conflictual or neutral. No type
  opens or closes another, so no tie is derived or ended by an event.
* confidence 0.30-1.00 becomes confirmed (>= 0.85), reported (>= 0.5) or disputed.
Only the standard library is used; the same corpus gives the same bytes.
"""
import argparse
import json
import os
import shutil
import sys

COOPERATIVE = ["member_of", "mou_signed", "defence_cooperation", "support_pledged",
               "trade_agreement", "military_aid", "diplomatic_recognition"]
CONFLICTUAL = ["cooperation_ended", "troops_withdrawn", "criticized", "sanctioned",
               "coup", "armed_clash"]
NEUTRAL = ["meeting_held", "leader_of"]


def line(obj):
    return json.dumps(obj, ensure_ascii=False, separators=(", ", ": "))


def write_file(path, key, items):
    with open(path, "w", encoding="utf-8") as fh:
        fh.write('{"%s": [\n' % key)
        fh.write(",\n".join("  " + line(x) for x in items))
        fh.write("\n]}\n")


def confidence(c):
    return "confirmed" if c >= 0.85 else ("reported" if c >= 0.5 else "disputed")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--out", default=None)
    ap.add_argument("--per-file", type=int, default=10000)
    a = ap.parse_args()
    out = a.out or os.path.join(a.corpus, "facts")
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(os.path.join(out, "relations"))
    os.makedirs(os.path.join(out, "sources"))
    with open(os.path.join(a.corpus, "corpus.json"), encoding="utf-8") as fh:
        corpus = json.load(fh)

    vocabulary = []
    for t in COOPERATIVE + CONFLICTUAL + NEUTRAL:
        v = {"id": t, "label": t.replace("_", " "), "kind": "tie",
             "polarity": "cooperative" if t in COOPERATIVE else
             ("conflictual" if t in CONFLICTUAL else "neutral")}
        if t != "member_of":
            v["directed"] = t in ("leader_of", "sanctioned", "criticized", "military_aid")
        vocabulary.append(v)
    write_file(os.path.join(out, "vocabulary.json"), "vocabulary", vocabulary)

    actors = [{"id": x["id"], "name": x["name"], "kind": x["kind"], "aliases": x["aliases"]}
              for x in corpus["actors"]]
    write_file(os.path.join(out, "actors.json"), "actors", actors)

    source_ids = {}
    rels = corpus["relations"]
    n_files = 0
    for chunk_start in range(0, len(rels), a.per_file):
        n_files += 1
        chunk, new_sources = [], []
        for r in rels[chunk_start:chunk_start + a.per_file]:
            ids = []
            for s in r["sources"]:
                sid = source_ids.get(s["url"])
                if sid is None:
                    sid = f"S{len(source_ids) + 1:07d}"
                    source_ids[s["url"]] = sid
                    new_sources.append({"id": sid, "url": s["url"], "publisher": s["publisher"],
                                        "published": s["published"]})
                ids.append(sid)
            chunk.append({"id": r["id"], "type": r["type"], "from": r["from"], "to": r["to"],
                          "start": r["start"], "end": r["end"] or r["start"],
                          "confidence": confidence(r["confidence"]), "sources": ids})
        write_file(os.path.join(out, "sources", f"sources-{n_files:04d}.json"), "sources", new_sources)
        write_file(os.path.join(out, "relations", f"relations-{n_files:04d}.json"), "relations", chunk)
    print(f"{out}: {len(actors)} actors, {len(rels)} relations in {n_files} files, "
          f"{len(source_ids)} sources", file=sys.stderr)


if __name__ == "__main__":
    main()
