"""Loads polity's Turtle and N-Triples exports into Oxigraph and asks it for partners.

Usage: oxigraph_partners.py TTL NT QUERY ACTOR DAY [DAY ...]

Both files are parsed by Oxigraph's strict parsers into two stores. QUERY is a SPARQL
query with one line `VALUES (?actor ?at) { (actor:ID "DAY"^^xsd:date) }`; it runs on the
Turtle store once per DAY with that line set to ACTOR and DAY.

Output (JSON): {"turtle_triples": n, "ntriples_triples": n, "same_triples": bool,
"names": {actor id: rdfs:label without language}, "answers": {DAY: [[partner, activity], ...]}}.
"""

import json
import re
import sys
from pathlib import Path

import pyoxigraph as ox

VALUES = re.compile(r"^(\s*)VALUES \(\?actor \?at\) \{.*\}\s*$", re.MULTILINE)


def main() -> None:
    ttl, nt, query_file, actor, days = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]
    turtle = ox.Store()
    turtle.load(path=ttl, format=ox.RdfFormat.TURTLE)
    ntriples = ox.Store()
    ntriples.load(path=nt, format=ox.RdfFormat.N_TRIPLES)
    query = Path(query_file).read_text(encoding="utf-8")
    if len(VALUES.findall(query)) != 1:
        raise SystemExit(f"{query_file}: expected one line VALUES (?actor ?at) {{ … }}")
    answers = {}
    for day in days:
        q = VALUES.sub(
            lambda m: f'{m.group(1)}VALUES (?actor ?at) {{ (actor:{actor} "{day}"^^xsd:date) }}', query
        )
        answers[day] = [[s["partner"].value, s["activity"].value] for s in turtle.query(q)]
    names = {
        s["id"].value: s["name"].value
        for s in turtle.query(
            """PREFIX polity: <urn:polity:> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            SELECT ?id ?name WHERE { ?a a polity:Actor ; polity:id ?id ; rdfs:label ?name .
            FILTER (lang(?name) = "") }"""
        )
    }
    json.dump(
        {
            "turtle_triples": len(turtle),
            "ntriples_triples": len(ntriples),
            "same_triples": set(turtle) == set(ntriples),
            "names": names,
            "answers": answers,
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
