//! `polity export` from the outside: every format, the filters, atomic writes, a missing
//! Graphviz, and the committed `exports/` folder. Needs no external program; the
//! interop suite (`tests/interop.rs`) checks the files with Graphviz and networkx.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn mini() -> String {
    root().join("examples/sahel-mini").display().to_string()
}

fn hostile() -> String {
    root()
        .join("tests/fixtures/hostile-names")
        .display()
        .to_string()
}

fn polity_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_polity"))
        .args(args)
        .current_dir(dir)
        .env("POLITY_TODAY", "2026-11-28")
        .env("NO_COLOR", "1")
        .env_remove("POLITY_FACTS")
        .output()
        .unwrap()
}

fn polity(args: &[&str]) -> Output {
    polity_in(&root(), args)
}

/// Runs polity, expects success, returns standard output as text.
fn ok(args: &[&str]) -> String {
    let out = polity(args);
    assert!(
        out.status.success(),
        "polity {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn json(facts: &str, extra: &[&str]) -> Value {
    let mut args = vec!["export", "json", "--facts", facts];
    args.extend(extra);
    serde_json::from_str(&ok(&args)).unwrap()
}

/// The ids of everything an export holds: relations as written, then derived ties.
fn link_ids(doc: &Value) -> BTreeSet<String> {
    let rel = doc["facts"]["relations"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let der = doc["derived_ties"].as_array().cloned().unwrap();
    rel.iter()
        .chain(der.iter())
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect()
}

fn csv_rows(bytes: &[u8]) -> Vec<BTreeMap<String, String>> {
    let mut r = csv::Reader::from_reader(bytes);
    let headers = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            headers
                .iter()
                .zip(rec.iter())
                .map(|(h, v)| (h.to_owned(), v.to_owned()))
                .collect()
        })
        .collect()
}

// ---------------------------------------------------------------- a tiny XML checker

/// One start tag: its name and attributes (values unescaped).
#[derive(Debug)]
struct Element {
    name: String,
    attrs: BTreeMap<String, String>,
    text: String,
}

fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let end = rest[i..].find(';').expect("unterminated entity") + i;
        let ent = &rest[i + 1..end];
        let c = match ent {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            e if e.starts_with("#x") => {
                char::from_u32(u32::from_str_radix(&e[2..], 16).unwrap()).unwrap()
            }
            e if e.starts_with('#') => char::from_u32(e[1..].parse().unwrap()).unwrap(),
            e => panic!("unknown entity &{e};"),
        };
        out.push(c);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

fn xml_char_ok(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}

/// Checks well-formedness (one root, balanced tags, quoted attributes, known entities,
/// no raw `<` or `&` in text, only XML characters) and returns the elements in order.
fn parse_xml(doc: &str) -> Vec<Element> {
    assert!(doc.chars().all(xml_char_ok), "a character XML forbids");
    let body = doc
        .strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .expect("XML declaration");
    let mut elements: Vec<Element> = Vec::new();
    let mut open: Vec<(String, usize)> = Vec::new();
    let mut roots = 0;
    let mut rest = body;
    loop {
        let lt = rest.find('<');
        let text = &rest[..lt.unwrap_or(rest.len())];
        assert!(
            !text.contains('>') || !text.trim().is_empty(),
            "stray > in {text:?}"
        );
        if !text.trim().is_empty() {
            assert!(!open.is_empty(), "text outside the root: {text:?}");
            let t = unescape(text);
            let idx = open.last().unwrap().1;
            elements[idx].text.push_str(&t);
        }
        let Some(lt) = lt else { break };
        rest = &rest[lt..];
        let gt = rest.find('>').expect("unclosed tag");
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            let (top, _) = open.pop().expect("close without open");
            assert_eq!(top, name, "mismatched close tag");
            continue;
        }
        let self_closing = tag.ends_with('/');
        let tag = tag.trim_end_matches('/');
        let (name, mut attrs_text) = tag.split_once(' ').unwrap_or((tag, ""));
        assert!(
            !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || ":_-".contains(c)),
            "bad tag name {name:?}"
        );
        let mut attrs = BTreeMap::new();
        loop {
            attrs_text = attrs_text.trim_start();
            if attrs_text.is_empty() {
                break;
            }
            let eq = attrs_text.find('=').expect("attribute without =");
            let key = &attrs_text[..eq];
            let quote = attrs_text[eq + 1..].chars().next().unwrap();
            assert!(quote == '"' || quote == '\'', "unquoted attribute {key}");
            let vstart = eq + 2;
            let vend = attrs_text[vstart..]
                .find(quote)
                .expect("unterminated value")
                + vstart;
            let raw = &attrs_text[vstart..vend];
            assert!(!raw.contains('<'), "< in attribute value");
            assert!(
                attrs.insert(key.to_owned(), unescape(raw)).is_none(),
                "duplicate attribute {key}"
            );
            attrs_text = &attrs_text[vend + 1..];
        }
        if open.is_empty() {
            roots += 1;
        }
        elements.push(Element {
            name: name.to_owned(),
            attrs,
            text: String::new(),
        });
        if !self_closing {
            open.push((name.to_owned(), elements.len() - 1));
        }
    }
    assert!(open.is_empty(), "unclosed elements {open:?}");
    assert_eq!(roots, 1, "exactly one root element");
    elements
}

fn xml_text(name: &str) -> String {
    // What the XML export writes for a name: characters XML forbids become U+FFFD.
    name.chars()
        .map(|c| if xml_char_ok(c) { c } else { '\u{fffd}' })
        .collect()
}

// ---------------------------------------------------------------- DOT

fn snapshot(name: &str, actual: &str) {
    let path = root().join("tests/snapshots").join(name);
    if std::env::var_os("POLITY_BLESS").is_some() {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, actual).unwrap();
    }
    let expected = fs::read_to_string(&path).unwrap_or_default();
    assert!(
        expected == actual,
        "{} differs; after an intended change run `POLITY_BLESS=1 cargo test --test export`",
        path.display()
    );
}

#[test]
fn dot_snapshot_of_the_example_dataset() {
    snapshot(
        "sahel-mini.dot",
        &ok(&["export", "dot", "--facts", &mini()]),
    );
}

#[test]
fn dot_snapshot_of_hostile_names() {
    snapshot(
        "hostile-names.dot",
        &ok(&["export", "dot", "--facts", &hostile()]),
    );
}

#[test]
fn graphviz_rust_parses_every_dot_export() {
    let cases: [&[&str]; 5] = [
        &["--facts", &mini()],
        &["--facts", &mini(), "--around", "Mali", "--at", "2025-09-01"],
        &[
            "--facts",
            &mini(),
            "--during",
            "2022",
            "--type",
            "defence_cooperation",
        ],
        &[
            "--facts",
            &mini(),
            "--kind",
            "state",
            "--throughout",
            "2014",
        ],
        &["--facts", &hostile()],
    ];
    for extra in cases {
        let mut args = vec!["export", "dot"];
        args.extend(extra);
        let text = ok(&args);
        assert!(
            graphviz_rust::parse(&text).is_ok(),
            "graphviz-rust rejects the DOT of {args:?}"
        );
    }
}

#[test]
fn dot_has_clusters_legend_and_unicode() {
    let text = ok(&["export", "dot", "--facts", &hostile()]);
    assert!(text.contains(r#"subgraph "cluster_MARK""#));
    assert!(text.contains("Россия / Україна"));
    assert!(text.contains("Côte d’Ivoire"));
    assert!(text.contains(r#"label="The \"Quoted\" State\nQUOTE""#));
    assert!(text.contains(r#""polity:legend"[shape="plaintext""#));
}

#[test]
fn alliance_clusters_hold_members_at_the_asked_time() {
    // In 2021 AES did not exist; in 2025 Mali, Burkina Faso and Niger are its members.
    let early = ok(&["export", "dot", "--facts", &mini(), "--at", "2021-06-01"]);
    assert!(!early.contains("cluster_AES"));
    let late = json(&mini(), &["--at", "2025-09-01"]);
    assert_eq!(
        late["clusters"],
        serde_json::json!([{"alliance": "AES", "members": ["BFA", "MLI", "NER"]}])
    );
}

// ---------------------------------------------------------------- filters

#[test]
fn without_a_time_filter_everything_is_exported() {
    let doc = json(&mini(), &[]);
    assert_eq!(doc["facts"]["actors"].as_array().unwrap().len(), 11);
    assert_eq!(doc["facts"]["relations"].as_array().unwrap().len(), 17);
    assert_eq!(doc["filter"]["time"], Value::Null);
    assert_eq!(doc["activity"], Value::Null);
}

#[test]
fn a_time_filter_keeps_what_is_active_then() {
    let doc = json(&mini(), &["--at", "2021-06-01"]);
    let ids = link_ids(&doc);
    let expected: BTreeSet<String> = [
        "ex-camara-mod",
        "ex-fra-mli-coop",
        "ex-fra-mli-presence",
        "ex-mli-ecowas",
        "ex-usa-ner-presence",
        "derived:ex-rus-mli-agreement",
    ]
    .map(String::from)
    .into();
    assert_eq!(ids, expected);
    // Sadio Camara heads the ministry from some day in June 2021: maybe on the 1st.
    assert_eq!(doc["activity"]["relations"]["ex-camara-mod"], "maybe");
    assert_eq!(doc["activity"]["relations"]["ex-fra-mli-coop"], "yes");
    // AES was founded in 2023.
    let actors: Vec<&str> = doc["facts"]["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert!(!actors.contains(&"AES"));
}

#[test]
fn around_gives_the_ego_network() {
    let doc = json(
        &mini(),
        &["--around", "Mali", "--depth", "1", "--at", "2025-09-01"],
    );
    let actors: Vec<&str> = doc["facts"]["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(actors, ["AES", "MLI", "RUS"]);
    assert_eq!(
        doc["filter"]["around"],
        serde_json::json!({"actor": "MLI", "depth": 1})
    );
    let two = json(
        &mini(),
        &["--around", "Mali", "--depth", "2", "--at", "2025-09-01"],
    );
    assert_eq!(two["facts"]["actors"].as_array().unwrap().len(), 5);
}

#[test]
fn type_and_kind_filters() {
    let doc = json(
        &mini(),
        &[
            "--type",
            "member_of",
            "joined",
            "--kind",
            "state",
            "alliance",
        ],
    );
    for r in doc["facts"]["relations"].as_array().unwrap() {
        assert!(["member_of", "joined"].contains(&r["type"].as_str().unwrap()));
    }
    for t in doc["derived_ties"].as_array().unwrap() {
        assert_eq!(t["type"], "member_of");
    }
    let kinds: BTreeSet<&str> = doc["facts"]["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["alliance", "state"].into());
    // Mali's ECOWAS membership is left out with ECOWAS, an organization.
    assert!(!link_ids(&doc).contains("ex-mli-ecowas"));
}

#[test]
fn an_unknown_type_is_a_usage_error_with_a_suggestion() {
    let out = polity(&[
        "export",
        "csv",
        "--facts",
        &mini(),
        "--type",
        "memberof",
        "--edges-only",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("no relation type `memberof`; did you mean `member_of`?"),
        "{err}"
    );
}

#[test]
fn format_options_given_to_another_format_are_usage_errors() {
    for (args, msg) in [
        (
            &["export", "dot", "--excel"][..],
            "--excel applies to `export csv` only",
        ),
        (
            &["export", "json", "--edges-only"][..],
            "--edges-only applies to `export csv` only",
        ),
        (
            &["export", "csv", "--no-images", "--edges-only"][..],
            "--no-images applies to `export all` only",
        ),
    ] {
        let mut all = args.to_vec();
        let facts = mini();
        all.extend(["--facts", &facts]);
        let out = polity(&all);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(msg),
            "{args:?}"
        );
    }
}

// ---------------------------------------------------------------- CSV

#[test]
fn csv_reads_back_to_the_same_relations() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("tables");
    ok(&[
        "export",
        "csv",
        "--facts",
        &hostile(),
        "-o",
        out.to_str().unwrap(),
    ]);
    let doc = json(&hostile(), &[]);
    let edges = csv_rows(&fs::read(out.join("edges.csv")).unwrap());
    let ids: BTreeSet<String> = edges.iter().map(|r| r["id"].clone()).collect();
    assert_eq!(ids, link_ids(&doc));
    for r in doc["facts"]["relations"].as_array().unwrap() {
        let row = edges
            .iter()
            .find(|e| e["id"] == r["id"].as_str().unwrap())
            .unwrap();
        assert_eq!(row["from_id"], r["from"].as_str().unwrap());
        assert_eq!(row["to_id"], r["to"].as_str().unwrap());
        assert_eq!(row["type"], r["type"].as_str().unwrap());
        assert_eq!(row["derived"], "false");
        assert_eq!(row["summary"], r["summary"].as_str().unwrap_or(""));
    }
    assert!(edges.iter().any(|e| e["derived"] == "true"));
    let nodes = csv_rows(&fs::read(out.join("nodes.csv")).unwrap());
    for a in doc["facts"]["actors"].as_array().unwrap() {
        let row = nodes
            .iter()
            .find(|n| n["id"] == a["id"].as_str().unwrap())
            .unwrap();
        // Names come back exactly: quotes, backslashes, line breaks, accents, Cyrillic.
        assert_eq!(row["name"], a["name"].as_str().unwrap());
    }
    let quoted = edges.iter().find(|e| e["id"] == "r-join-quote").unwrap();
    assert_eq!(quoted["date"], "2020-03-01");
    assert_eq!(quoted["date_precision"], "month");
    assert_eq!(quoted["source_urls"], "https://example.org/a?b=1&c=\"2\"");
    let ended = edges.iter().find(|e| e["id"] == "r-quarrel").unwrap();
    assert_eq!(ended["when"], "2018/");
}

#[test]
fn csv_for_excel_has_a_bom_and_no_formulas() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("t");
    ok(&[
        "export",
        "csv",
        "--excel",
        "--facts",
        &hostile(),
        "-o",
        out.to_str().unwrap(),
    ]);
    let bytes = fs::read(out.join("nodes.csv")).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let nodes = csv_rows(&bytes[3..]);
    let formula = nodes.iter().find(|n| n["id"] == "FORMULA").unwrap();
    assert_eq!(formula["name"], "'=HYPERLINK(\"http://evil\")");
    assert_eq!(formula["description"], "'+cmd|' /C calc'!A0");
    let minus = nodes.iter().find(|n| n["id"] == "123").unwrap();
    assert_eq!(minus["name"], "'-42");
    let acc = nodes.iter().find(|n| n["id"] == "ACC").unwrap();
    assert_eq!(acc["name"], "Côte d’Ivoire — Ñandú Åland Øre");
    // Without --excel the cells are the facts, unchanged.
    let plain = ok(&["export", "csv", "--edges-only", "--facts", &hostile()]);
    assert!(!plain.starts_with('\u{feff}'));
    assert!(plain.contains(",@SUM(1+1)"));
}

#[test]
fn csv_edges_only_goes_to_stdout_and_two_files_need_a_folder() {
    let text = ok(&["export", "csv", "--edges-only", "--facts", &mini()]);
    assert!(text.starts_with("id,derived,from_id,from_name,to_id,to_name,type,label,"));
    let out = polity(&["export", "csv", "--facts", &mini()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("give -o DIR, or --edges-only"));
}

// ---------------------------------------------------------------- JSON

#[test]
fn json_facts_load_back_unchanged() {
    for extra in [&[][..], &["--around", "Niger", "--during", "2023"][..]] {
        let doc = json(&mini(), extra);
        assert_eq!(doc["format"], "polity-export");
        assert_eq!(doc["version"], 1);
        let dir = tempfile::tempdir().unwrap();
        fs::write(
            dir.path().join("facts.json"),
            serde_json::to_string_pretty(&doc["facts"]).unwrap(),
        )
        .unwrap();
        let facts = dir.path().to_str().unwrap();
        let check = polity(&["check", "--strict", "--facts", facts]);
        assert!(
            check.status.success(),
            "{}",
            String::from_utf8_lossy(&check.stdout)
        );
        let again = json(facts, &[]);
        assert_eq!(again["facts"], doc["facts"]);
        if extra.is_empty() {
            // Unfiltered, everything polity infers is inferred again the same way.
            assert_eq!(again["derived_ties"], doc["derived_ties"]);
            assert_eq!(again["closed_ties"], doc["closed_ties"]);
        }
    }
}

#[test]
fn json_keeps_claimants_so_the_facts_stay_valid() {
    // r-quarrel-2 is claimed by actor 123; an ego network around CYR still holds 123.
    let doc = json(&hostile(), &["--around", "CYR", "--type", "quarrel"]);
    let actors: Vec<&str> = doc["facts"]["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert!(actors.contains(&"123"));
}

// ---------------------------------------------------------------- GraphML and GEXF

#[test]
fn graphml_is_well_formed_with_every_key_declared() {
    for facts in [mini(), hostile()] {
        let text = ok(&["export", "graphml", "--facts", &facts]);
        let doc = json(&facts, &[]);
        let els = parse_xml(&text);
        assert_eq!(els[0].name, "graphml");
        let keys: BTreeMap<&str, &str> = els
            .iter()
            .filter(|e| e.name == "key")
            .map(|e| (e.attrs["id"].as_str(), e.attrs["for"].as_str()))
            .collect();
        let mut scope = "";
        for e in &els {
            match e.name.as_str() {
                "graph" => scope = "graph",
                "node" => scope = "node",
                "edge" => scope = "edge",
                "data" => assert_eq!(keys.get(e.attrs["key"].as_str()), Some(&scope)),
                _ => {}
            }
        }
        // Keys come before the graph, as the schema requires.
        let first_graph = els.iter().position(|e| e.name == "graph").unwrap();
        assert!(els[first_graph..].iter().all(|e| e.name != "key"));
        let nodes: Vec<&Element> = els.iter().filter(|e| e.name == "node").collect();
        let edges = els.iter().filter(|e| e.name == "edge").count();
        assert_eq!(
            nodes.len(),
            doc["facts"]["actors"].as_array().unwrap().len()
        );
        assert_eq!(edges, link_ids(&doc).len());
        for a in doc["facts"]["actors"].as_array().unwrap() {
            let i = els
                .iter()
                .position(|e| e.name == "node" && e.attrs["id"] == a["id"].as_str().unwrap())
                .unwrap();
            let name = els[i + 1..]
                .iter()
                .find(|e| e.name == "data" && e.attrs["key"] == "n_name")
                .unwrap();
            assert_eq!(name.text, xml_text(a["name"].as_str().unwrap()));
        }
    }
}

#[test]
fn gexf_is_dynamic_with_spells_and_declared_attributes() {
    for facts in [mini(), hostile()] {
        let text = ok(&["export", "gexf", "--facts", &facts]);
        let doc = json(&facts, &[]);
        let els = parse_xml(&text);
        assert_eq!(els[0].name, "gexf");
        assert_eq!(els[0].attrs["version"], "1.3");
        let graph = els.iter().find(|e| e.name == "graph").unwrap();
        assert_eq!(graph.attrs["mode"], "dynamic");
        assert_eq!(graph.attrs["timeformat"], "date");
        let declared: BTreeSet<&str> = els
            .iter()
            .filter(|e| e.name == "attribute")
            .map(|e| e.attrs["id"].as_str())
            .collect();
        for e in els.iter().filter(|e| e.name == "attvalue") {
            assert!(declared.contains(e.attrs["for"].as_str()));
        }
        let edges: Vec<&Element> = els.iter().filter(|e| e.name == "edge").collect();
        assert_eq!(edges.len(), link_ids(&doc).len());
        let spells = els.iter().filter(|e| e.name == "spell").count();
        assert!(spells >= edges.len(), "every edge has a spell");
        for a in doc["facts"]["actors"].as_array().unwrap() {
            let node = els
                .iter()
                .find(|e| e.name == "node" && e.attrs["id"] == a["id"].as_str().unwrap())
                .unwrap();
            assert_eq!(node.attrs["label"], xml_text(a["name"].as_str().unwrap()));
        }
    }
}

#[test]
fn gexf_spells_follow_the_dates() {
    let text = ok(&["export", "gexf", "--facts", &mini()]);
    let els = parse_xml(&text);
    let spell_of = |id: &str| {
        let i = els
            .iter()
            .position(|e| e.name == "edge" && e.attrs["id"] == id)
            .unwrap();
        els[i + 1..]
            .iter()
            .find(|e| e.name == "spell")
            .unwrap()
            .attrs
            .clone()
    };
    // A tie closed by an event: from its start to the closing date.
    let coop = spell_of("ex-fra-mli-coop");
    assert_eq!(coop.get("start").map(String::as_str), Some("2013-01-01"));
    assert_eq!(coop.get("end").map(String::as_str), Some("2022-05-02"));
    // An event with a month's precision: the days it may mean.
    let agreement = spell_of("ex-rus-mli-agreement");
    assert_eq!(
        agreement.get("start").map(String::as_str),
        Some("2019-06-01")
    );
    assert_eq!(agreement.get("end").map(String::as_str), Some("2019-06-30"));
    // Ongoing: open-ended.
    assert_eq!(spell_of("derived:ex-rus-mli-agreement").get("end"), None);
}

// ---------------------------------------------------------------- files and failures

#[test]
fn a_file_path_that_is_a_folder_gets_the_usual_name() {
    let dir = tempfile::tempdir().unwrap();
    ok(&[
        "export",
        "gexf",
        "--facts",
        &mini(),
        "-o",
        dir.path().to_str().unwrap(),
    ]);
    assert!(dir.path().join("polity.gexf").is_file());
}

#[test]
fn all_without_images_writes_every_text_format_and_a_readme() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    ok(&[
        "export",
        "all",
        "--no-images",
        "--facts",
        &mini(),
        "-o",
        out.to_str().unwrap(),
    ]);
    let mut names: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "README.md",
            "edges.csv",
            "neo4j-actors.csv",
            "neo4j-relations.csv",
            "neo4j-sources.csv",
            "nodes.csv",
            "polity.cypher",
            "polity.dot",
            "polity.gexf",
            "polity.graphml",
            "polity.json",
            "polity.jsonl",
            "polity.nt",
            "polity.ttl"
        ]
    );
    let readme = fs::read_to_string(out.join("README.md")).unwrap();
    for name in &names {
        if name != "README.md" {
            assert!(readme.contains(&format!("| `{name}` |")), "{name}");
        }
    }
    assert!(readme.contains("11 actors, 17 relations, 5 derived ties"));
}

/// A PATH holding no programs, so `dot` cannot be found.
fn no_graphviz(dir: &Path, args: &[&str]) -> Output {
    let empty = dir.join("empty-path");
    fs::create_dir_all(&empty).unwrap();
    Command::new(env!("CARGO_BIN_EXE_polity"))
        .args(args)
        .current_dir(dir)
        .env("PATH", &empty)
        .env_remove("POLITY_FACTS")
        .output()
        .unwrap()
}

#[test]
fn a_missing_graphviz_is_one_line_exit_2_and_nothing_written() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("old.png"), "old picture").unwrap();
    for (format, target) in [("svg", "new.svg"), ("png", "old.png"), ("pdf", "new.pdf")] {
        let out = no_graphviz(d, &["export", format, "--facts", &mini(), "-o", target]);
        assert_eq!(out.status.code(), Some(2), "{format}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("apt-get install graphviz"), "{err}");
        assert!(err.contains("brew install graphviz"), "{err}");
        assert!(out.stdout.is_empty());
    }
    assert!(!d.join("new.svg").exists());
    assert!(!d.join("new.pdf").exists());
    assert_eq!(
        fs::read_to_string(d.join("old.png")).unwrap(),
        "old picture"
    );
    // `all` renders before writing anything: no folder, no text files either.
    let out = no_graphviz(
        d,
        &["export", "all", "--facts", &mini(), "-o", "everything"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(!d.join("everything").exists());
    let names: Vec<_> = fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}"); // old.png and empty-path
}

#[test]
fn a_failed_write_leaves_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    // The target's folder does not exist: an error, and nothing is created anywhere.
    let out = polity_in(
        dir.path(),
        &["export", "dot", "--facts", &mini(), "-o", "missing/out.dot"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot write missing/out.dot"));
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn exports_are_deterministic() {
    for format in ["dot", "json", "graphml", "gexf"] {
        let a = ok(&["export", format, "--facts", &mini()]);
        let b = ok(&["export", format, "--facts", &mini()]);
        assert_eq!(a, b, "{format}");
    }
}

// ---------------------------------------------------------------- exports/

/// The committed `exports/` folder is what `polity export all` makes of `facts/` now
/// (images excepted: they depend on the installed Graphviz).
#[test]
fn exports_folder_is_fresh() {
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("exports");
    let facts = root().join("facts");
    ok(&[
        "export",
        "all",
        "--no-images",
        "--facts",
        facts.to_str().unwrap(),
        "-o",
        fresh.to_str().unwrap(),
    ]);
    let committed = root().join("exports");
    let mut stale = Vec::new();
    for entry in fs::read_dir(&fresh).unwrap() {
        let name = entry.unwrap().file_name();
        let want = fs::read(fresh.join(&name)).unwrap();
        if fs::read(committed.join(&name)).ok() != Some(want) {
            stale.push(name.to_string_lossy().into_owned());
        }
    }
    stale.sort();
    assert!(
        stale.is_empty(),
        "exports/ is stale ({}); regenerate it with `cargo run -- export all -o exports/`",
        stale.join(", ")
    );
}

// ---------------------------------------------------------------- README

/// The README's DOT example is the real output. (trycmd, which runs the README's
/// `console` blocks, rewrites every backslash as a path separator, so DOT's `\n` cannot
/// be checked there; this block is `text` and checked here instead.)
#[test]
fn readme_dot_example_matches_the_output() {
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    let command =
        "polity export dot --facts examples/sahel-mini --around Mali --depth 1 --at 2025-09-01";
    let start = readme
        .find(&format!("```text\n$ {command}\n"))
        .expect("the README shows the DOT example");
    let body = &readme[start..];
    let body = &body[body.find('\n').unwrap() + 1..];
    let body = &body[body.find('\n').unwrap() + 1..];
    let shown = &body[..body.find("```\n").unwrap()];
    let args: Vec<&str> = command.split(' ').skip(1).collect();
    assert_eq!(shown, ok(&args), "update the README's DOT example");
}
