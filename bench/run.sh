#!/usr/bin/env bash
# polity against the peers (DuckDB, Kùzu, networkx, Oxigraph) on the same corpus, in the
# same run: answers checked equal, whole-process wall time (hyperfine, median) and peak
# memory (GNU time), ratios printed by bench/summarize.py. See BENCHMARKS.md.
#
# Setup (once):
#   apt-get install -y hyperfine time
#   python3 -m venv bench/.venv && bench/.venv/bin/pip install -r ../shared/bench/requirements.txt
#   cargo build --release
# Run:
#   bench/run.sh 10000 100000 1000000
# Environment: SHARED (the shared peer folder, default ../shared/bench beside the checkout), PY (the venv's
# python), PEERS (default duckdb,kuzu,networkx; add oxigraph to convert and run it too),
# RUNS / WARMUP (hyperfine, default 5 / 1), PEER_RUNS (runs of each peer, default RUNS).
# Corpora go to bench/data/nN (gitignored), results to bench/results/nN.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-$(cd "$(dirname "$0")/../.." && pwd)/shared/bench}
PY=${PY:-bench/.venv/bin/python}
PEERS=${PEERS:-duckdb,kuzu,networkx}
RUNS=${RUNS:-5}
WARMUP=${WARMUP:-1}
PEER_RUNS=${PEER_RUNS:-$RUNS}
POLITY=$PWD/target/release/polity
[ -x "$POLITY" ] || cargo build --release
export POLITY_CACHE_DIR=$PWD/bench/results/cache
for N in "$@"; do
  D=bench/data/n$N
  R=bench/results/n$N
  mkdir -p "$R" "$D"
  [ -f "$D/corpus.json" ] || python3 "$SHARED/gen_corpus.py" "$N" --out "$D"
  [ -d "$D/facts" ] || python3 bench/corpus_to_facts.py "$D"
  case ",$PEERS," in *,oxigraph,*) [ -f "$D/corpus.nt" ] || $PY "$SHARED/to_ntriples.py" "$D" ;; esac
  read -r HUB T A B < <(python3 -c "import json,sys; p=json.load(open('$D/params.json')); print(p['hub'], p['T'], p['q3_from'], p['q3_to'])")
  F=$D/facts
  OUT=/tmp/polity-bench-out/polity
  mkdir -p "$OUT"
  # 1. the answers agree (polity, the pure-Python reference, every peer)
  $PY bench/compare.py "$D" --polity "$POLITY" --peers "$PEERS" --shared "$SHARED" | tee "$R/compare.txt"
  grep -q "ALL EQUAL" "$R/compare.txt"
  # 2. whole-process figures, each command cold (no answer cache) unless named "cached"
  declare -A CMD=(
    [polity_check]="$POLITY --no-cache check --facts $F"
    [polity_partners]="$POLITY --no-cache partners $HUB --at $T --direct --format csv --facts $F"
    [polity_partners_cached]="$POLITY partners $HUB --at $T --direct --format csv --facts $F"
    [polity_neighbours]="$POLITY --no-cache neighbours $HUB --depth 2 --any-time --format csv --facts $F"
    [polity_path]="$POLITY --no-cache path $A $B --any-time --format json --facts $F"
    [polity_export_csv]="$POLITY export csv --edges-only -o $OUT/edges.csv --facts $F"
    [polity_export_dot]="$POLITY export dot --around $HUB -o $OUT/ego.dot --facts $F"
  )
  $POLITY partners "$HUB" --at "$T" --direct --format csv --facts "$F" > /dev/null  # fill the cache
  for name in "${!CMD[@]}"; do
    hyperfine -N --runs "$RUNS" --warmup "$WARMUP" --style basic --output null \
      --export-json "$R/$name.hyperfine.json" "${CMD[$name]}" > /dev/null
    /usr/bin/time -f "%M" -o "$R/$name.rss" ${CMD[$name]} > /dev/null
  done
  IFS=, read -ra PEER_LIST <<< "$PEERS"
  for peer in "${PEER_LIST[@]}"; do
    NOEXP=--no-export; [ "$peer" = oxigraph ] && NOEXP=""
    hyperfine -N --runs "$PEER_RUNS" --warmup "$WARMUP" --style basic --output null \
      --export-json "$R/peer_$peer.hyperfine.json" "$PY $SHARED/peer_$peer.py $D $NOEXP" > /dev/null
    /usr/bin/time -f "%M" -o "$R/peer_$peer.rss" $PY "$SHARED/peer_$peer.py" "$D" $NOEXP > "$R/peer_$peer.out"
  done
  python3 bench/summarize.py "$R" | tee "$R/summary.md"
done
