//! The interop suite: polity's exports checked by the programs people open them with.
//!
//! Graphviz's `dot` must accept every DOT export (hostile names included) and render
//! svg, png and pdf; networkx must read the GraphML and GEXF back with the same nodes,
//! edges and attribute values; Python's csv module must read the CSV back to the same
//! relations. Kùzu must import the Neo4j CSVs and Oxigraph the Turtle and N-Triples
//! exports, and both must answer the README's partner queries exactly as `polity partners
//! --direct` does, on the curated facts and on a fixture of partial dates and derived
//! ties. Gated by `POLITY_INTEROP=1` (`.ci/run` sets it, with Graphviz installed and
//! `POLITY_PYTHON` pointing at a virtual environment made from
//! `tests/interop/requirements.txt`): without it each test says it is skipped and passes;
//! with it, a missing `dot` or Python fails loudly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn enabled(test: &str) -> bool {
    if std::env::var("POLITY_INTEROP").as_deref() == Ok("1") {
        true
    } else {
        println!(
            "{test}: skipped; set POLITY_INTEROP=1 (as .ci/run does) to run the interop suite"
        );
        false
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn dataset(name: &str) -> String {
    root().join(name).display().to_string()
}

/// The datasets every check runs on: the example, hostile names, and the curated facts.
fn datasets() -> [String; 3] {
    [
        dataset("examples/sahel-mini"),
        dataset("tests/fixtures/hostile-names"),
        dataset("facts"),
    ]
}

fn polity(args: &[&str]) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_polity"))
        .args(args)
        .env("POLITY_TODAY", "2026-11-28")
        .env_remove("POLITY_FACTS")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "polity {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn run(program: &str, args: &[&str], stdin: Option<&[u8]>, what: &str) -> Output {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("POLITY_INTEROP=1 but {what} `{program}` cannot run: {e}"));
    let mut input = child.stdin.take().unwrap();
    if let Some(bytes) = stdin {
        input.write_all(bytes).unwrap();
    }
    drop(input);
    child.wait_with_output().unwrap()
}

fn dot(args: &[&str], stdin: &[u8]) -> Output {
    run(
        "dot",
        args,
        Some(stdin),
        "Graphviz (apt-get install graphviz)",
    )
}

fn python(script: &str, args: &[&str]) -> Value {
    let py = std::env::var("POLITY_PYTHON").unwrap_or_else(|_| "python3".to_owned());
    let script = root().join("tests/interop").join(script);
    let mut all = vec![script.to_str().unwrap()];
    all.extend(args);
    let out = run(&py, &all, None, "Python (POLITY_PYTHON)");
    assert!(
        out.status.success(),
        "{py} {all:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// CSV rows as polity's own csv crate reads them: the values every format must carry.
fn csv_rows(path: &Path) -> Vec<BTreeMap<String, String>> {
    let bytes = fs::read(path).unwrap();
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let mut r = csv::Reader::from_reader(bytes);
    let headers = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            headers
                .iter()
                .zip(rec.unwrap().iter())
                .map(|(h, v)| (h.to_owned(), v.to_owned()))
                .collect()
        })
        .collect()
}

/// Exports `facts` as csv (nodes.csv, edges.csv) and `format` into `dir`.
fn export(facts: &str, format: &str, dir: &Path) -> PathBuf {
    let d = dir.to_str().unwrap();
    polity(&["export", "csv", "--facts", facts, "-o", d]);
    polity(&["export", format, "--facts", facts, "-o", d]);
    dir.join(format!("polity.{format}"))
}

/// networkx's value for a field, as the text CSV holds.
fn as_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        other => other.to_string(),
    }
}

/// Every non-empty CSV field is an attribute with the same value in networkx's reading.
fn same_values(what: &str, csv: &BTreeMap<String, String>, attrs: &Value) {
    for (field, value) in csv {
        if field == "id" || value.is_empty() {
            continue;
        }
        // XML cannot hold most control characters: polity writes U+FFFD for them.
        let want: String = value
            .chars()
            .map(|c| {
                if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{7f}'..) {
                    '\u{fffd}'
                } else {
                    c
                }
            })
            .collect();
        let got = attrs.get(field).map(as_text);
        assert_eq!(got.as_deref(), Some(want.as_str()), "{what}: field {field}");
    }
}

fn check_graph(format: &str) {
    for facts in datasets() {
        let dir = tempfile::tempdir().unwrap();
        let path = export(&facts, format, dir.path());
        let nodes = csv_rows(&dir.path().join("nodes.csv"));
        let edges = csv_rows(&dir.path().join("edges.csv"));
        let g = python("read_graph.py", &[format, path.to_str().unwrap()]);
        let got_nodes = g["nodes"].as_object().unwrap();
        let got_edges = g["edges"].as_array().unwrap();
        assert_eq!(got_nodes.len(), nodes.len(), "{format} nodes of {facts}");
        assert_eq!(got_edges.len(), edges.len(), "{format} edges of {facts}");
        for n in &nodes {
            let attrs = &got_nodes[&n["id"]];
            same_values(&format!("{format} node {}", n["id"]), n, attrs);
            if format == "gexf" {
                assert_eq!(attrs["label"], attrs["name"]);
            }
        }
        let by_key: BTreeMap<&str, &Value> = got_edges
            .iter()
            .map(|e| (e["key"].as_str().unwrap(), e))
            .collect();
        for e in &edges {
            let got = by_key[e["id"].as_str()];
            assert_eq!(got["source"], e["from_id"].as_str());
            assert_eq!(got["target"], e["to_id"].as_str());
            same_values(&format!("{format} edge {}", e["id"]), e, &got["attributes"]);
            if format == "gexf" {
                let spells = got["attributes"]["spells"].as_array().unwrap();
                assert_eq!(spells.len(), 1, "{} has one spell", e["id"]);
            }
        }
    }
}

#[test]
fn dot_accepts_every_dot_export() {
    if !enabled("dot_accepts_every_dot_export") {
        return;
    }
    let version = run("dot", &["-V"], None, "Graphviz (apt-get install graphviz)");
    assert!(version.status.success());
    let mini = dataset("examples/sahel-mini");
    let mut cases: Vec<Vec<String>> = datasets()
        .iter()
        .map(|f| vec!["--facts".to_owned(), f.clone()])
        .collect();
    for extra in [
        &["--around", "Mali", "--at", "2025-09-01"][..],
        &["--around", "Niger", "--depth", "3", "--during", "2023"][..],
        &[
            "--type",
            "member_of",
            "joined",
            "--kind",
            "state",
            "alliance",
        ][..],
    ] {
        let mut c = vec!["--facts".to_owned(), mini.clone()];
        c.extend(extra.iter().map(|s| (*s).to_owned()));
        cases.push(c);
    }
    for case in &cases {
        let mut args = vec!["export", "dot"];
        args.extend(case.iter().map(String::as_str));
        let text = polity(&args);
        let out = dot(&["-Tsvg"], &text);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success(),
            "dot rejects the DOT of {case:?}: {err}"
        );
        assert!(
            !err.contains("Error"),
            "dot complains about {case:?}: {err}"
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("<svg"));
    }
    // The committed DOT export too.
    let committed = fs::read(root().join("exports/polity.dot")).unwrap();
    assert!(dot(&["-Tsvg"], &committed).status.success());
}

#[test]
fn polity_renders_svg_png_and_pdf() {
    if !enabled("polity_renders_svg_png_and_pdf") {
        return;
    }
    let hostile = dataset("tests/fixtures/hostile-names");
    let dir = tempfile::tempdir().unwrap();
    for (format, magic) in [
        ("svg", &b"<?xml"[..]),
        ("png", b"\x89PNG"),
        ("pdf", b"%PDF"),
    ] {
        let path = dir.path().join(format!("out.{format}"));
        polity(&[
            "export",
            format,
            "--facts",
            &hostile,
            "-o",
            path.to_str().unwrap(),
        ]);
        assert!(fs::read(&path).unwrap().starts_with(magic), "{format}");
    }
    let svg = fs::read_to_string(dir.path().join("out.svg")).unwrap();
    // Names arrive whole: Cyrillic, accents, and quotes (as SVG text escapes them).
    assert!(svg.contains("Россия / Україна"));
    assert!(svg.contains("Côte d’Ivoire"));
    assert!(svg.contains("The &quot;Quoted&quot; State"));
    assert!(svg.contains(r"Back\slash \N \l \\ Land"));
}

#[test]
fn networkx_reads_graphml_back() {
    if enabled("networkx_reads_graphml_back") {
        check_graph("graphml");
    }
}

#[test]
fn networkx_reads_gexf_back() {
    if enabled("networkx_reads_gexf_back") {
        check_graph("gexf");
    }
}

#[test]
fn python_csv_reads_the_same_relations() {
    if !enabled("python_csv_reads_the_same_relations") {
        return;
    }
    for facts in datasets() {
        for excel in [false, true] {
            let dir = tempfile::tempdir().unwrap();
            let d = dir.path().to_str().unwrap();
            let mut args = vec!["export", "csv", "--facts", &facts, "-o", d];
            if excel {
                args.push("--excel");
            }
            polity(&args);
            let doc: Value =
                serde_json::from_slice(&polity(&["export", "json", "--facts", &facts])).unwrap();
            for file in ["nodes.csv", "edges.csv"] {
                let path = dir.path().join(file);
                let mut py_args = vec![path.to_str().unwrap()];
                if excel {
                    py_args.push("--excel");
                }
                let rows = python("read_csv.py", &py_args);
                let ours: Vec<Value> = csv_rows(&path)
                    .into_iter()
                    .map(|r| serde_json::to_value(r).unwrap())
                    .collect();
                assert_eq!(rows.as_array().unwrap(), &ours, "{file} of {facts}");
            }
            // The edges are the export's relations and derived ties, end to end.
            let path = dir.path().join("edges.csv");
            let mut py_args = vec![path.to_str().unwrap()];
            if excel {
                py_args.push("--excel");
            }
            let rows = python("read_csv.py", &py_args);
            let got: BTreeSet<(String, String, String, String)> = rows
                .as_array()
                .unwrap()
                .iter()
                .map(|r| {
                    let f = |k: &str| r[k].as_str().unwrap().to_owned();
                    (f("id"), f("from_id"), f("to_id"), f("type"))
                })
                .collect();
            let empty = Vec::new();
            let rels = doc["facts"]["relations"].as_array().unwrap_or(&empty);
            let ties = doc["derived_ties"].as_array().unwrap();
            let want: BTreeSet<(String, String, String, String)> = rels
                .iter()
                .chain(ties)
                .map(|r| {
                    let f = |k: &str| r[k].as_str().unwrap().to_owned();
                    (f("id"), f("from"), f("to"), f("type"))
                })
                .collect();
            assert_eq!(got, want, "edges.csv of {facts}, excel {excel}");
        }
    }
}

// ------------------------------------------------------------- graph databases, RDF

/// Mali's direct partners differ between these days, on the curated facts and on a
/// fixture of partial and qualified dates, a derived tie closed by an event and opened
/// again, an explicit tie closed by an event, an end no source dates, a conflictual tie
/// and an alliance (which `--direct` leaves out).
fn partner_cases() -> [(String, Vec<&'static str>); 2] {
    [
        (
            dataset("facts"),
            vec![
                "2013-06-01",
                "2021-06-01",
                "2022-01-15",
                "2022-05-15",
                "2023-03-15",
                "2025-09-01",
            ],
        ),
        (
            dataset("tests/fixtures/interop-partners"),
            vec![
                "2015-03-01",
                "2015-07-01",
                "2019-06-15",
                "2021-06-01",
                "2022-01-15",
                "2023-03-15",
                "2024-09-10",
                "2025-09-01",
            ],
        ),
    ]
}

type Answer = BTreeSet<(String, String)>;

/// `polity partners Mali --direct --at DAY`: (partner id, activity) pairs.
fn polity_partners(facts: &str, day: &str) -> Answer {
    let out = polity(&[
        "partners", "Mali", "--direct", "--at", day, "--facts", facts, "--format", "json",
    ]);
    let rows: Value = serde_json::from_slice(&out).unwrap();
    rows.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let f = |k: &str| r[k].as_str().unwrap().to_owned();
            (f("id"), f("activity"))
        })
        .collect()
}

fn engine_answer(v: &Value) -> Answer {
    v.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r[0].as_str().unwrap().to_owned(),
                r[1].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// The engine gives the same partners as polity: the same certain ("yes") set, the same
/// possible ("yes" or "maybe") set, and the same activity for each. The days must not
/// all give one answer, or the comparison would prove little.
fn same_partners(engine: &str, facts: &str, days: &[&str], answers: &Value) {
    let mut distinct = BTreeSet::new();
    for day in days {
        let want = polity_partners(facts, day);
        let got = engine_answer(&answers[*day]);
        let ids = |a: &Answer, only_yes: bool| -> BTreeSet<String> {
            a.iter()
                .filter(|(_, act)| !only_yes || act == "yes")
                .map(|(id, _)| id.clone())
                .collect()
        };
        assert_eq!(
            ids(&got, true),
            ids(&want, true),
            "{engine}, yes, {facts} at {day}"
        );
        assert_eq!(
            ids(&got, false),
            ids(&want, false),
            "{engine}, yes or maybe, {facts} at {day}"
        );
        assert_eq!(got, want, "{engine}, {facts} at {day}");
        distinct.insert(format!("{want:?}"));
    }
    assert!(
        distinct.len() > 1,
        "{facts}: the days give different answers"
    );
}

fn query(name: &str) -> String {
    root()
        .join("tests/interop/queries")
        .join(name)
        .display()
        .to_string()
}

/// Actor id → name, as the facts have them.
fn actor_names(facts: &str) -> BTreeMap<String, String> {
    let doc: Value =
        serde_json::from_slice(&polity(&["export", "json", "--facts", facts])).unwrap();
    doc["facts"]["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["id"].as_str().unwrap().to_owned(),
                a["name"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn names_of(v: &Value) -> BTreeMap<String, String> {
    v.as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned()))
        .collect()
}

#[test]
fn kuzu_imports_the_neo4j_csvs_and_answers_partners_like_polity() {
    if !enabled("kuzu_imports_the_neo4j_csvs_and_answers_partners_like_polity") {
        return;
    }
    let hostile = (dataset("tests/fixtures/hostile-names"), Vec::new());
    for (facts, days) in partner_cases().into_iter().chain([hostile]) {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().to_str().unwrap();
        polity(&["export", "neo4j", "--facts", &facts, "-o", d]);
        let cypher = query("partners.cypher");
        let mut args = vec![d, cypher.as_str(), "MLI"];
        args.extend(&days);
        let got = python("kuzu_partners.py", &args);
        let doc: Value =
            serde_json::from_slice(&polity(&["export", "json", "--facts", &facts])).unwrap();
        let links = doc["facts"]["relations"].as_array().unwrap().len()
            + doc["derived_ties"].as_array().unwrap().len();
        assert_eq!(got["relationships"], links, "relationships of {facts}");
        assert_eq!(
            got["counts"]["Source"],
            doc["facts"]["sources"].as_array().unwrap().len(),
            "sources of {facts}"
        );
        assert_eq!(got["dangling_sources"], serde_json::json!([]), "{facts}");
        // Names arrive whole: quotes, backslashes, newlines, Unicode.
        assert_eq!(
            names_of(&got["names"]),
            actor_names(&facts),
            "names of {facts}"
        );
        if !days.is_empty() {
            same_partners("Kùzu", &facts, &days, &got["answers"]);
        }
    }
}

#[test]
fn oxigraph_loads_turtle_and_ntriples_and_answers_partners_like_polity() {
    if !enabled("oxigraph_loads_turtle_and_ntriples_and_answers_partners_like_polity") {
        return;
    }
    let extra = [
        (dataset("tests/fixtures/hostile-names"), Vec::new()),
        (dataset("examples/sahel-mini"), Vec::new()),
    ];
    for (facts, days) in partner_cases().into_iter().chain(extra) {
        let dir = tempfile::tempdir().unwrap();
        let ttl = dir.path().join("polity.ttl");
        let nt = dir.path().join("polity.nt");
        for (format, path) in [("ttl", &ttl), ("nt", &nt)] {
            polity(&[
                "export",
                format,
                "--facts",
                &facts,
                "-o",
                path.to_str().unwrap(),
            ]);
        }
        let lines = fs::read_to_string(&nt).unwrap().lines().count();
        let sparql = query("partners.rq");
        let mut args = vec![
            ttl.to_str().unwrap(),
            nt.to_str().unwrap(),
            sparql.as_str(),
            "MLI",
        ];
        args.extend(&days);
        let got = python("oxigraph_partners.py", &args);
        assert_eq!(got["turtle_triples"], got["ntriples_triples"], "{facts}");
        assert_eq!(
            got["ntriples_triples"], lines,
            "one triple per line, {facts}"
        );
        assert_eq!(got["same_triples"], true, "{facts}");
        assert_eq!(
            names_of(&got["names"]),
            actor_names(&facts),
            "names of {facts}"
        );
        if !days.is_empty() {
            same_partners("Oxigraph", &facts, &days, &got["answers"]);
        }
    }
}
