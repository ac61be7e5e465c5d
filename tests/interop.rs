//! The interop suite: polity's exports checked by the programs people open them with.
//!
//! Graphviz's `dot` must accept every DOT export (hostile names included) and render
//! svg, png and pdf; networkx must read the GraphML and GEXF back with the same nodes,
//! edges and attribute values; Python's csv module must read the CSV back to the same
//! relations. Gated by `POLITY_INTEROP=1` (`.ci/run` sets it, with Graphviz installed and
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
