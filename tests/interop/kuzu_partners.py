"""Imports polity's Neo4j export into Kùzu as neo4j-admin would, and asks it for partners.

Usage: kuzu_partners.py DIR QUERY ACTOR DAY [DAY ...]

DIR holds neo4j-actors.csv, neo4j-sources.csv and neo4j-relations.csv. Each file is read
by Kùzu's own CSV reader and typed by its neo4j-admin header exactly as neo4j-admin types
it: `name:ID(Space)` is the key of node table Space, `:LABEL` the labels (`;`-separated),
`:START_ID(Space)`, `:END_ID(Space)` and `:TYPE` a relationship (one Kùzu relationship
table per type, as Neo4j keeps one type per relationship), and `name:T` a property of
type T in string, boolean, date or string[] (`;`-separated). Any other header fails.
Then the Cypher query in QUERY runs with $actor = ACTOR and $at = each DAY.

Output (JSON): {"counts": {table: rows}, "relationships": n, "dangling_sources": [...],
"names": {actor id: name}, "answers": {DAY: [[partner, activity], ...]}}.
"""

import csv
import json
import re
import sys
from pathlib import Path

import kuzu

ARRAY = ";"
TYPES = {"string": "STRING", "boolean": "BOOLEAN", "date": "DATE", "string[]": "STRING[]"}


def quote(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


def literal(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def header(path: Path) -> list[str]:
    with open(path, encoding="utf-8", newline="") as f:
        return next(csv.reader(f))


def columns(path: Path):
    """(kind, name, type) per column: kind is id, label, start, end, type or property."""
    out = []
    for h in header(path):
        if m := re.fullmatch(r"(\w*):ID\((\w+)\)", h):
            out.append(("id", m.group(1) or "id", m.group(2)))
        elif h == ":LABEL":
            out.append(("label", "labels", None))
        elif m := re.fullmatch(r":(START|END)_ID\((\w+)\)", h):
            out.append((m.group(1).lower(), None, m.group(2)))
        elif h == ":TYPE":
            out.append(("type", None, None))
        elif m := re.fullmatch(r"([^:]+):(string|boolean|date|string\[\])", h):
            out.append(("property", m.group(1), m.group(2)))
        else:
            raise SystemExit(f"{path.name}: a header neo4j-admin would not read as polity means it: {h!r}")
    return out


def cast(col: str, ty: str) -> str:
    """A Kùzu expression typing the raw text column `col` as neo4j-admin types it."""
    empty = f"{col} IS NULL OR {col} = ''"
    if ty == "string":
        return f"CASE WHEN {empty} THEN NULL ELSE {col} END"
    if ty == "date":
        return f"CASE WHEN {empty} THEN NULL ELSE date({col}) END"
    if ty == "boolean":
        return f"CASE WHEN {col} = 'true' THEN true WHEN {col} = 'false' THEN false ELSE NULL END"
    return f"CASE WHEN {empty} THEN NULL ELSE string_split({col}, {literal(ARRAY)}) END"


def load(path: Path, cols) -> str:
    raw = ", ".join(f"c{i} STRING" for i in range(len(cols)))
    return f"LOAD WITH HEADERS ({raw}) FROM {literal(str(path))} (header=true, parallel=false)"


def import_nodes(conn, path: Path) -> str:
    cols = columns(path)
    space = next(t for k, _, t in cols if k == "id")
    props, exprs = [], []
    for i, (kind, name, ty) in enumerate(cols):
        if kind == "id":
            props.append(f"{quote(name)} STRING PRIMARY KEY")
            exprs.append(f"c{i}")
        elif kind == "label":
            props.append(f"{quote(name)} STRING[]")
            exprs.append(cast(f"c{i}", "string[]"))
        else:
            props.append(f"{quote(name)} {TYPES[ty]}")
            exprs.append(cast(f"c{i}", ty))
    conn.execute(f"CREATE NODE TABLE {quote(space)}({', '.join(props)})")
    conn.execute(f"COPY {quote(space)} FROM ({load(path, cols)} RETURN {', '.join(exprs)})")
    return space


def import_relationships(conn, path: Path) -> int:
    cols = columns(path)
    start = next(i for i, c in enumerate(cols) if c[0] == "start")
    end = next(i for i, c in enumerate(cols) if c[0] == "end")
    ty = next(i for i, c in enumerate(cols) if c[0] == "type")
    props = [(i, n, t) for i, (k, n, t) in enumerate(cols) if k == "property"]
    result = conn.execute(f"{load(path, cols)} RETURN DISTINCT c{ty}")
    types = []
    while result.has_next():
        types.append(result.get_next()[0])
    for t in sorted(types):
        schema = ", ".join(f"{quote(n)} {TYPES[p]}" for _, n, p in props)
        conn.execute(
            f"CREATE REL TABLE {quote(t)}(FROM {quote(cols[start][2])} TO {quote(cols[end][2])}"
            + (f", {schema}" if schema else "")
            + ")"
        )
        exprs = [f"c{start}", f"c{end}"] + [cast(f"c{i}", p) for i, _, p in props]
        conn.execute(
            f"COPY {quote(t)} FROM ({load(path, cols)} WHERE c{ty} = {literal(t)} "
            f"RETURN {', '.join(exprs)})"
        )
    return len(types)


def rows(result) -> list:
    out = []
    while result.has_next():
        out.append(result.get_next())
    return out


def main() -> None:
    folder, query_file, actor, days = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4:]
    conn = kuzu.Connection(kuzu.Database(":memory:"))
    spaces = [import_nodes(conn, folder / f) for f in ("neo4j-actors.csv", "neo4j-sources.csv")]
    import_relationships(conn, folder / "neo4j-relations.csv")
    counts = {s: rows(conn.execute(f"MATCH (n:{quote(s)}) RETURN count(n)"))[0][0] for s in spaces}
    rels = rows(conn.execute("MATCH (:Actor)-[r]->(:Actor) RETURN r.sources"))
    source_ids = {r[0] for r in rows(conn.execute("MATCH (s:Source) RETURN s.id"))}
    dangling = sorted({s for (ss,) in rels for s in (ss or []) if s not in source_ids})
    names = dict(rows(conn.execute("MATCH (a:Actor) RETURN a.id, a.name")))
    query = Path(query_file).read_text(encoding="utf-8")
    answers = {
        day: rows(conn.execute(query, {"actor": actor, "at": day})) for day in days
    }
    json.dump(
        {"counts": counts, "relationships": len(rels), "dangling_sources": dangling, "names": names,
         "answers": answers},
        sys.stdout,
    )


if __name__ == "__main__":
    main()
