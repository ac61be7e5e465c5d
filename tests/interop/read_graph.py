"""Reads a polity GraphML or GEXF export with networkx and prints what it found as JSON.

Usage: read_graph.py graphml|gexf PATH

Output: {"type": class name, "nodes": {id: attributes}, "edges": [{"source", "target",
"key", "attributes"}]}, so the Rust interop test can compare counts and values.
"""

import json
import sys

import networkx as nx


def main() -> None:
    kind, path = sys.argv[1], sys.argv[2]
    if kind == "graphml":
        graph = nx.read_graphml(path)
    elif kind == "gexf":
        graph = nx.read_gexf(path, version="1.3")
    else:
        raise SystemExit(f"unknown format {kind}")
    edges = graph.edges(keys=True, data=True) if graph.is_multigraph() else (
        (u, v, d.get("id"), d) for u, v, d in graph.edges(data=True)
    )
    out = {
        "type": type(graph).__name__,
        "nodes": {n: d for n, d in graph.nodes(data=True)},
        "edges": [
            {"source": u, "target": v, "key": k, "attributes": d} for u, v, k, d in edges
        ],
    }
    json.dump(out, sys.stdout, default=list)


if __name__ == "__main__":
    main()
