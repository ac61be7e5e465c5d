//! The `README.md` that `export all` writes beside the files: what each file holds and
//! which program opens it. Generated from the selection, so it is deterministic and its
//! counts match the files.

use std::fmt::Write;

use super::Selection;
use super::fields::{EDGE_FIELDS, NODE_FIELDS};

fn describe(name: &str) -> Option<(&'static str, &'static str)> {
    Some(match name.rsplit('.').next()? {
        "dot" => (
            "the diagram as Graphviz DOT text: actors shaped and coloured by kind, relations coloured and styled by polarity and labelled with their dates, alliances as clusters of their members, a legend",
            "Graphviz (`dot -Tsvg polity.dot -o polity.svg`), xdot, any text editor",
        ),
        "svg" => (
            "the diagram, rendered by Graphviz (hover for tooltips)",
            "any web browser, Inkscape",
        ),
        "png" => ("the diagram as a picture", "any image viewer"),
        "pdf" => ("the diagram for printing", "any PDF reader"),
        "csv" if name.starts_with("nodes") => (
            "one row per actor",
            "LibreOffice Calc, Excel, pandas, any CSV reader",
        ),
        "csv" if name.starts_with("edges") => (
            "one row per relation and one per derived tie (`derived` = true)",
            "LibreOffice Calc, Excel, pandas, any CSV reader",
        ),
        "json" => (
            "the resolved graph: the facts as a valid fact file, derived ties, ends set by closing events, alliance clusters, activity at the filter's time",
            "jq, any programming language",
        ),
        "graphml" => (
            "the graph with every field as a declared attribute",
            "yEd, Cytoscape, networkx (`networkx.read_graphml`)",
        ),
        "gexf" => (
            "a dynamic graph (GEXF 1.3): every relation has its time interval",
            "Gephi (Window → Timeline shows relations appear and disappear), networkx (`networkx.read_gexf(path, version=\"1.3\")`)",
        ),
        "csv" if name.starts_with("neo4j-actors") => (
            "Neo4j import: one row per actor (`id:ID(Actor)`, `:LABEL`, typed properties)",
            "`neo4j-admin database import full` (see below), Kùzu",
        ),
        "csv" if name.starts_with("neo4j-sources") => (
            "Neo4j import: one row per source (`id:ID(Source)`)",
            "`neo4j-admin database import full`, Kùzu",
        ),
        "csv" if name.starts_with("neo4j-relations") => (
            "Neo4j import: one row per relation and derived tie (`:START_ID(Actor)`, `:END_ID(Actor)`, `:TYPE`), with dates, day bounds, confidence and `sources:string[]`",
            "`neo4j-admin database import full`, Kùzu",
        ),
        "cypher" => (
            "an idempotent Cypher script: every actor, source, relation and derived tie MERGEd on its id",
            "Neo4j (`cypher-shell -f polity.cypher`), Memgraph (`mgconsole < polity.cypher`)",
        ),
        "ttl" => (
            "RDF Turtle: actors, relation types, relations and derived ties as `rdf:Statement`s with dates and sources (PROV-O), direct triples for what is active",
            "any SPARQL store (Oxigraph, Apache Jena, GraphDB), rdflib",
        ),
        "nt" => (
            "RDF N-Triples: the Turtle's triples, one per line",
            "any SPARQL store, `grep`",
        ),
        "jsonl" => (
            "events as JSON lines in the PLOVER layout (date, source and recipient actors, event category, CAMEO code, citations)",
            "event-data tools, jq, pandas (`read_json(path, lines=True)`)",
        ),
        _ => return None,
    })
}

/// The README for a folder holding `names`.
pub fn readme(sel: &Selection, names: &[&str]) -> String {
    let derived = sel.links.iter().filter(|l| l.derived).count();
    let mut out = String::new();
    let _ = writeln!(out, "# polity exports\n");
    let _ = writeln!(
        out,
        "Written by `polity export all`; do not edit by hand. In the polity repository,\n\
         regenerate this folder with `cargo run -- export all -o exports/` (a test fails when\n\
         it is stale; the images depend on the installed Graphviz and are not compared, and\n\
         `--no-images` leaves them out).\n"
    );
    let _ = writeln!(
        out,
        "Selection: {}. {} actors, {} relations, {} derived ties.\n",
        sel.title(),
        sel.nodes.len(),
        sel.links.len() - derived,
        derived
    );
    out.push_str("| file | what it holds | open it with |\n|---|---|---|\n");
    for name in names {
        if let Some((what, with)) = describe(name) {
            let _ = writeln!(out, "| `{name}` | {what} | {with} |");
        }
    }
    let _ = writeln!(
        out,
        "\n## CSV\n\n\
         UTF-8 with a header row; cells that need it are quoted. Dates are ISO `YYYY-MM-DD`\n\
         (the first day of the date as written) with a precision (`year`, `month`, `day`) in\n\
         the next column; `when` holds the dates as written (EDTF: `2013/2022-05-02`,\n\
         `2021-12~/..` while ongoing, `2020/` when the end is unknown). Lists are joined with\n\
         `; `. `activity` (yes, maybe) is empty without a time filter. `polity export csv --excel`\n\
         adds the byte-order mark Excel needs for accents and prefixes cells starting with\n\
         `=`, `+`, `-`, `@`, tab or carriage return with `'` so they are never run as formulas.\n"
    );
    let _ = writeln!(out, "- `nodes.csv`: {}", code_list(&NODE_FIELDS));
    let _ = writeln!(out, "- `edges.csv`: {}", code_list(&EDGE_FIELDS));
    let _ = writeln!(
        out,
        "\n## JSON\n\n\
         ```text\n\
         {{\n  \"format\": \"polity-export\", \"version\": 1, \"title\": \"…\",\n  \
         \"filter\": {{\"time\": null | {{\"mode\", \"date\", \"first\", \"last\"}}, \"around\": null | {{\"actor\", \"depth\"}}, \"types\": [], \"kinds\": []}},\n  \
         \"facts\": {{\"vocabulary\": […], \"sources\": […], \"actors\": […], \"relations\": […]}},\n  \
         \"derived_ties\": [{{\"id\", \"type\", \"from\", \"to\", \"start\", \"status\", \"end\", \"opened_by\", \"closed_by\", \"activity\"}}],\n  \
         \"closed_ties\": [{{\"relation\", \"closed_by\", \"end\"}}],\n  \
         \"clusters\": [{{\"alliance\", \"members\"}}],\n  \
         \"activity\": null | {{\"actors\": {{\"ID\": \"yes\" | \"maybe\"}}, \"relations\": {{…}}}}\n}}\n\
         ```\n\n\
         `facts` is a valid polity fact file, exactly as the facts are written: save it as a\n\
         `.json` file in a facts folder and it loads back unchanged. With a filter, `facts`\n\
         holds what is selected (plus any actor a relation names in `claimed_by`), so a derived\n\
         tie's `opened_by` or `closed_by` may name an event outside it. Dates outside `facts`\n\
         are `{{\"text\", \"earliest\", \"latest\", \"precision\"}}`."
    );
    let _ = writeln!(
        out,
        "\n## Graph databases, RDF and events\n\n\
         Every relation and derived tie carries its dates as written (EDTF) with their\n\
         precision, each date's first day as a typed date, and its span as four day bounds\n\
         (`start_earliest`, `start_latest`, `end_earliest`, `end_latest`; {ongoing} while\n\
         ongoing): a tie is certainly active on day T when `start_latest <= T <= end_earliest`,\n\
         possibly when `start_earliest <= T <= end_latest`. Load the Neo4j files into a new\n\
         database with\n\n\
         ```sh\n\
         neo4j-admin database import full neo4j --multiline-fields=true \\\n    \
         --nodes=neo4j-actors.csv --nodes=neo4j-sources.csv --relationships=neo4j-relations.csv\n\
         ```\n\n\
         The RDF namespace is `urn:polity:` (`actor:`, `rel:`, `stmt:`, `source:` below it).\n\
         polity's README (section Exports) explains every field and gives Cypher and SPARQL\n\
         queries that answer `polity partners ACTOR --direct --at DAY`.",
        ongoing = super::props::ONGOING
    );
    out
}

fn code_list(fields: &[&str]) -> String {
    let v: Vec<String> = fields.iter().map(|f| format!("`{f}`")).collect();
    v.join(", ")
}
