//! The hand-over exports from the outside: Neo4j import CSVs, the Cypher script, Turtle,
//! N-Triples and PLOVER JSON lines. Needs no external program; the interop suite
//! (`tests/interop.rs`) loads them into Kùzu and Oxigraph.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn dataset(name: &str) -> String {
    root().join(name).display().to_string()
}

fn mini() -> String {
    dataset("examples/sahel-mini")
}

fn hostile() -> String {
    dataset("tests/fixtures/hostile-names")
}

fn polity(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_polity"))
        .args(args)
        .current_dir(root())
        .env("POLITY_TODAY", "2026-11-28")
        .env("NO_COLOR", "1")
        .env_remove("POLITY_FACTS")
        .output()
        .unwrap()
}

fn ok(args: &[&str]) -> String {
    let out = polity(args);
    assert!(
        out.status.success(),
        "polity {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn export(format: &str, facts: &str, extra: &[&str]) -> String {
    let mut args = vec!["export", format, "--facts", facts];
    args.extend(extra);
    ok(&args)
}

fn json(facts: &str) -> Value {
    serde_json::from_str(&export("json", facts, &[])).unwrap()
}

/// Every relation id as written, then every derived tie id.
fn link_ids(doc: &Value) -> BTreeSet<String> {
    let rels = doc["facts"]["relations"].as_array().unwrap();
    let ties = doc["derived_ties"].as_array().unwrap();
    rels.iter()
        .chain(ties)
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect()
}

/// The neo4j export into a temporary folder: (header, rows) per file.
struct Neo4j {
    _dir: tempfile::TempDir,
    files: BTreeMap<String, (Vec<String>, Vec<Vec<String>>)>,
}

impl Neo4j {
    fn of(facts: &str) -> Neo4j {
        let dir = tempfile::tempdir().unwrap();
        ok(&[
            "export",
            "neo4j",
            "--facts",
            facts,
            "-o",
            dir.path().to_str().unwrap(),
        ]);
        let mut files = BTreeMap::new();
        for name in [
            "neo4j-actors.csv",
            "neo4j-sources.csv",
            "neo4j-relations.csv",
        ] {
            files.insert(name.to_owned(), read_csv(&dir.path().join(name)));
        }
        Neo4j { _dir: dir, files }
    }

    fn header(&self, file: &str) -> &[String] {
        &self.files[file].0
    }

    /// Rows as column → value, the column being the header up to its `:` (or the
    /// header itself when it starts with `:`).
    fn rows(&self, file: &str) -> Vec<BTreeMap<String, String>> {
        let (header, rows) = &self.files[file];
        rows.iter()
            .map(|r| {
                header
                    .iter()
                    .map(|h| {
                        if h.starts_with(':') {
                            h.clone()
                        } else {
                            h.split(':').next().unwrap().to_owned()
                        }
                    })
                    .zip(r.iter().cloned())
                    .collect()
            })
            .collect()
    }
}

fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let bytes = fs::read(path).unwrap();
    assert!(!bytes.starts_with(b"\xEF\xBB\xBF"), "no byte-order mark");
    let mut r = csv::Reader::from_reader(bytes.as_slice());
    let header = r.headers().unwrap().iter().map(str::to_owned).collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (header, rows)
}

fn is_iso_day(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

// ---------------------------------------------------------------- neo4j

#[test]
fn neo4j_headers_are_what_neo4j_admin_reads() {
    let n = Neo4j::of(&mini());
    assert_eq!(
        n.header("neo4j-actors.csv").join(","),
        "id:ID(Actor),:LABEL,name:string,kind:string,iso3:string,wikidata:string,\
         description:string,start:date,start_edtf:string,start_precision:string,end:date,\
         end_edtf:string,end_precision:string,aliases:string[],activity:string,\
         alliance:string,name_de:string,name_en:string,name_fr:string,name_ru:string"
    );
    assert_eq!(
        n.header("neo4j-sources.csv").join(","),
        "id:ID(Source),:LABEL,url:string,title:string,publisher:string,published:date,\
         published_edtf:string,published_precision:string,language:string,retrieved:date,\
         retrieved_edtf:string,retrieved_precision:string"
    );
    assert_eq!(
        n.header("neo4j-relations.csv").join(","),
        ":START_ID(Actor),:END_ID(Actor),:TYPE,id:string,derived:boolean,kind:string,\
         label:string,polarity:string,directed:boolean,date:date,date_edtf:string,\
         date_precision:string,start:date,start_edtf:string,start_precision:string,end:date,\
         end_edtf:string,end_precision:string,status:string,when:string,start_earliest:date,\
         start_latest:date,end_earliest:date,end_latest:date,activity:string,\
         confidence:string,claimed_by:string,opened_by:string,closed_by:string,\
         sources:string[],summary:string,quote:string"
    );
}

#[test]
fn neo4j_values_fit_their_types_and_every_reference_resolves() {
    for facts in [mini(), hostile(), dataset("facts")] {
        let n = Neo4j::of(&facts);
        for (file, (header, rows)) in &n.files {
            for row in rows {
                assert_eq!(row.len(), header.len(), "{file}");
                for (h, v) in header.iter().zip(row) {
                    if v.is_empty() {
                        continue;
                    }
                    if h.ends_with(":date") {
                        assert!(is_iso_day(v), "{file} {h} = {v}");
                    }
                    if h.ends_with(":boolean") {
                        assert!(v == "true" || v == "false", "{file} {h} = {v}");
                    }
                }
            }
        }
        let actors: Vec<String> = n
            .rows("neo4j-actors.csv")
            .iter()
            .map(|r| r["id"].clone())
            .collect();
        let actor_set: BTreeSet<&String> = actors.iter().collect();
        assert_eq!(actor_set.len(), actors.len(), "actor ids are unique");
        let sources: BTreeSet<String> = n
            .rows("neo4j-sources.csv")
            .iter()
            .map(|r| r["id"].clone())
            .collect();
        for r in n.rows("neo4j-relations.csv") {
            assert!(actor_set.contains(&r[":START_ID(Actor)"]), "{facts}");
            assert!(actor_set.contains(&r[":END_ID(Actor)"]), "{facts}");
            for s in r["sources"].split(';').filter(|s| !s.is_empty()) {
                assert!(sources.contains(s), "{facts}: source {s}");
            }
            // The day bounds are ordered, and present on every row.
            let b: Vec<&str> = [
                "start_earliest",
                "start_latest",
                "end_earliest",
                "end_latest",
            ]
            .iter()
            .map(|k| r[*k].as_str())
            .collect();
            assert!(b.iter().all(|d| is_iso_day(d)), "{}", r["id"]);
            assert!(b[0] <= b[1] && b[0] <= b[3] && b[2] <= b[3], "{}", r["id"]);
        }
        for a in n.rows("neo4j-actors.csv") {
            assert!(a[":LABEL"].starts_with("Actor;"), "{}", a["id"]);
        }
    }
}

#[test]
fn neo4j_relations_are_every_relation_and_derived_tie() {
    for facts in [mini(), dataset("facts")] {
        let doc = json(&facts);
        let n = Neo4j::of(&facts);
        let rows = n.rows("neo4j-relations.csv");
        let got: BTreeSet<String> = rows.iter().map(|r| r["id"].clone()).collect();
        assert_eq!(got, link_ids(&doc), "{facts}");
        assert_eq!(got.len(), rows.len());
        for r in &rows {
            assert_eq!(r["derived"] == "true", r["id"].starts_with("derived:"));
            if r["derived"] == "true" {
                assert_eq!(r["opened_by"], r["id"]["derived:".len()..]);
            }
        }
    }
}

#[test]
fn spans_of_partial_dates_and_closed_ties() {
    let n = Neo4j::of(&mini());
    let rows = n.rows("neo4j-relations.csv");
    let row = |id: &str| rows.iter().find(|r| r["id"] == id).unwrap().clone();
    // An explicit tie from a year, ended by an event on a day.
    let coop = row("ex-fra-mli-coop");
    assert_eq!(
        [
            &coop["start"],
            &coop["start_edtf"],
            &coop["start_precision"],
            &coop["end"],
            &coop["status"],
            &coop["closed_by"],
        ],
        [
            "2013-01-01",
            "2013",
            "year",
            "2022-05-02",
            "ended",
            "ex-mli-fra-coop-ended"
        ]
    );
    assert_eq!(
        [
            &coop["start_earliest"],
            &coop["start_latest"],
            &coop["end_earliest"],
            &coop["end_latest"],
        ],
        ["2013-01-01", "2013-12-31", "2022-05-02", "2022-05-02"]
    );
    // An approximate month, still ongoing: the far-future sentinel.
    let presence = row("ex-rus-mli-presence");
    assert_eq!(presence["start_edtf"], "2021-12~");
    assert_eq!(presence["start"], "2021-12-01");
    assert_eq!(
        [
            &presence["start_earliest"],
            &presence["start_latest"],
            &presence["end_earliest"],
            &presence["end_latest"],
        ],
        ["2021-11-01", "2022-01-31", "9999-12-31", "9999-12-31"]
    );
    assert_eq!(presence["status"], "ongoing");
    // A derived tie names the event that opened it.
    let derived = row("derived:ex-rus-mli-agreement");
    assert_eq!(derived[":TYPE"], "defence_cooperation");
    assert_eq!(derived["kind"], "tie");
    assert_eq!(derived["start_edtf"], "2019-06");
}

#[test]
fn neo4j_writes_a_folder() {
    let out = polity(&["export", "neo4j", "--facts", &mini()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("give -o DIR"), "{err}");
}

// ---------------------------------------------------------------- cypher

/// The single-quoted Cypher strings of a line, unescaped.
fn cypher_strings(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c != '\'' {
            continue;
        }
        let mut s = String::new();
        loop {
            match chars.next().expect("unterminated string") {
                '\'' => break,
                '\\' => match chars.next().unwrap() {
                    'n' => s.push('\n'),
                    'r' => s.push('\r'),
                    't' => s.push('\t'),
                    'u' => {
                        let hex: String = chars.by_ref().take(4).collect();
                        s.push(char::from_u32(u32::from_str_radix(&hex, 16).unwrap()).unwrap());
                    }
                    c => s.push(c),
                },
                c => s.push(c),
            }
        }
        out.push(s);
    }
    out
}

#[test]
fn cypher_is_idempotent_by_construction() {
    for facts in [mini(), hostile()] {
        let script = export("cypher", &facts, &[]);
        let doc = json(&facts);
        let mut keys = BTreeSet::new();
        let mut statements = 0;
        for line in script.lines().filter(|l| !l.starts_with("//")) {
            statements += 1;
            assert!(line.ends_with(';'), "one statement per line: {line}");
            assert!(!line.contains("CREATE"), "never CREATE: {line}");
            let merge = line.starts_with("MERGE (n:Actor {id: ")
                || line.starts_with("MERGE (n:Source {id: ")
                || (line.starts_with("MATCH (a:Actor {id: ") && line.contains(") MERGE (a)-[r:"));
            assert!(merge, "{line}");
            assert!(
                line.contains(" SET n = {") || line.contains(" SET r = {"),
                "{line}"
            );
            // The MERGE key: the line's kind and the first string of its key.
            let strings = cypher_strings(line);
            let key = if line.starts_with("MATCH") {
                strings[2].clone()
            } else {
                format!("{}:{}", &line[..16], strings[0])
            };
            assert!(keys.insert(key), "each thing is MERGEd once: {line}");
        }
        let nodes = doc["facts"]["actors"].as_array().unwrap().len();
        let sources = doc["facts"]["sources"].as_array().unwrap().len();
        assert_eq!(
            statements,
            nodes + sources + link_ids(&doc).len(),
            "{facts}"
        );
    }
}

#[test]
fn cypher_strings_keep_hostile_names_whole() {
    let script = export("cypher", &hostile(), &[]);
    let doc = json(&hostile());
    for a in doc["facts"]["actors"].as_array().unwrap() {
        let id = a["id"].as_str().unwrap();
        let line = script
            .lines()
            .find(|l| l.starts_with(&format!("MERGE (n:Actor {{id: '{id}'}})")))
            .unwrap();
        let strings = cypher_strings(line);
        // id in the key, id in the map, then the name.
        assert_eq!(strings[0], id);
        assert_eq!(strings[2], a["name"].as_str().unwrap(), "{id}");
    }
    assert!(!script.chars().any(|c| c.is_control() && c != '\n'));
}

// ---------------------------------------------------------------- RDF

/// The double-quoted literals of Turtle or N-Triples text, unescaped.
fn rdf_literals(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = text.chars();
    let mut in_comment = false;
    let mut in_iri = false;
    while let Some(c) = chars.next() {
        match c {
            '\n' => in_comment = false,
            _ if in_comment => {}
            '#' if !in_iri => in_comment = true,
            '<' => in_iri = true,
            '>' => in_iri = false,
            '"' if !in_iri => {
                let mut s = String::new();
                loop {
                    match chars.next().expect("unterminated literal") {
                        '"' => break,
                        '\n' | '\r' => panic!("raw line break in a literal"),
                        '\\' => match chars.next().unwrap() {
                            'n' => s.push('\n'),
                            'r' => s.push('\r'),
                            't' => s.push('\t'),
                            'u' => {
                                let hex: String = chars.by_ref().take(4).collect();
                                s.push(
                                    char::from_u32(u32::from_str_radix(&hex, 16).unwrap()).unwrap(),
                                );
                            }
                            c @ ('"' | '\\') => s.push(c),
                            c => panic!("unknown escape \\{c}"),
                        },
                        c => s.push(c),
                    }
                }
                out.push(s);
            }
            _ => {}
        }
    }
    out
}

#[test]
fn turtle_escapes_quotes_backslashes_newlines_and_unicode() {
    let ttl = export("ttl", &hostile(), &[]);
    assert!(
        !ttl.chars().any(|c| c.is_control() && c != '\n'),
        "no raw control character"
    );
    let literals: BTreeSet<String> = rdf_literals(&ttl).into_iter().collect();
    let doc = json(&hostile());
    for a in doc["facts"]["actors"].as_array().unwrap() {
        let name = a["name"].as_str().unwrap();
        assert!(literals.contains(name), "{name:?}");
        for alias in a["aliases"].as_array().into_iter().flatten() {
            assert!(literals.contains(alias.as_str().unwrap()));
        }
    }
    for r in doc["facts"]["relations"].as_array().unwrap() {
        if let Some(s) = r["summary"].as_str() {
            assert!(literals.contains(s), "{s:?}");
        }
    }
    assert!(literals.contains("Россия"));
    assert!(ttl.contains("\"Россия\"@ru"), "language-tagged names");
}

/// One N-Triples line: `<s> <p> object .` with an IRI, or a literal with an optional
/// datatype IRI or language tag, as the object.
fn is_triple_line(line: &str) -> bool {
    let iri = |s: &str| -> Option<usize> {
        let rest = s.strip_prefix('<')?;
        let end = rest.find('>')?;
        let body = &rest[..end];
        (!body.is_empty() && !body.contains([' ', '<', '"'])).then_some(end + 2)
    };
    let Some(a) = iri(line) else { return false };
    let Some(rest) = line[a..].strip_prefix(' ') else {
        return false;
    };
    let Some(b) = iri(rest) else { return false };
    let Some(object) = rest[b..].strip_prefix(' ') else {
        return false;
    };
    let Some(object) = object.strip_suffix(" .") else {
        return false;
    };
    if let Some(end) = iri(object) {
        return end == object.len();
    }
    let Some(lit) = object.strip_prefix('"') else {
        return false;
    };
    // The closing quote: the first `"` not escaped.
    let mut escaped = false;
    let mut close = None;
    for (i, c) in lit.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => {
                close = Some(i);
                break;
            }
            _ => {}
        }
    }
    let Some(close) = close else { return false };
    let tail = &lit[close + 1..];
    tail.is_empty()
        || tail
            .strip_prefix("^^")
            .is_some_and(|t| iri(t) == Some(t.len()))
        || tail.strip_prefix('@').is_some_and(|t| {
            !t.is_empty() && t.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

#[test]
fn ntriples_is_one_triple_per_line_and_the_turtle_s_triples() {
    for facts in [mini(), hostile()] {
        let nt = export("nt", &facts, &[]);
        let ttl = export("ttl", &facts, &[]);
        for line in nt.lines() {
            assert!(is_triple_line(line), "{line}");
        }
        // Turtle writes one predicate and object per indented line.
        let ttl_triples = ttl.lines().filter(|l| l.starts_with("    ")).count();
        assert_eq!(nt.lines().count(), ttl_triples, "{facts}");
        let mut a = rdf_literals(&nt);
        let mut b = rdf_literals(&ttl);
        a.sort();
        b.sort();
        assert_eq!(a, b, "the same literals, {facts}");
    }
}

#[test]
fn direct_triples_are_what_is_certainly_active_then() {
    let at = |day: &str| export("ttl", &mini(), &["--at", day]);
    let y2021 = at("2021-06-01");
    assert!(y2021.contains("rel:defence_cooperation actor:MLI"));
    let fra = y2021.split("\nactor:FRA\n").nth(1).unwrap();
    let fra = &fra[..fra.find(" .\n").unwrap()];
    assert!(fra.contains("rel:defence_cooperation actor:MLI"), "{fra}");
    assert!(fra.contains("rel:military_presence actor:MLI"), "{fra}");
    // Symmetric: Mali cooperates with France too; military presence is one way.
    let mli = y2021.split("\nactor:MLI\n").nth(1).unwrap();
    let mli = &mli[..mli.find(" .\n").unwrap()];
    assert!(mli.contains("rel:defence_cooperation actor:FRA"), "{mli}");
    assert!(!mli.contains("rel:military_presence actor:FRA"), "{mli}");
    let y2025 = at("2025-09-01");
    assert!(!y2025.contains("rel:defence_cooperation actor:FRA"));
    assert!(y2025.contains("rel:member_of actor:AES"));
    // Without --at: today (POLITY_TODAY), so the derived AES membership holds.
    let today = export("ttl", &mini(), &[]);
    assert!(today.contains("rel:member_of actor:AES"));
}

// ---------------------------------------------------------------- PLOVER

#[test]
fn plover_lines_are_the_events_in_date_order() {
    let text = export("jsonl", &mini(), &[]);
    let doc = json(&mini());
    let types: BTreeMap<&str, &Value> = doc["facts"]["vocabulary"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["id"].as_str().unwrap(), t))
        .collect();
    let events: BTreeSet<&str> = doc["facts"]["relations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["date"].is_string())
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    let mut seen = BTreeSet::new();
    let mut last = String::new();
    for line in text.lines() {
        let e: Value = serde_json::from_str(line).unwrap();
        let id = e["id"].as_str().unwrap();
        seen.insert(id.to_owned());
        let date = e["date"].as_str().unwrap();
        assert!(is_iso_day(date), "{date}");
        assert!(*date >= *last, "date order");
        last = date.to_owned();
        assert_eq!(e["source"].as_array().unwrap().len(), 1);
        assert_eq!(e["recipient"].as_array().unwrap().len(), 1);
        assert!(e["source"][0]["code"].is_string());
        let ty = types[e["polity"]["type"].as_str().unwrap()];
        let plover: Vec<&Value> = ty["plover"]
            .as_str()
            .map(|_| &ty["plover"])
            .into_iter()
            .collect();
        assert_eq!(
            e["event"].as_array().unwrap().iter().collect::<Vec<_>>(),
            plover
        );
        assert_eq!(e["cameo"], ty.get("cameo").cloned().unwrap_or(Value::Null));
        for cite in e["cite_info"].as_array().unwrap() {
            assert!(cite["url"].as_str().unwrap().starts_with("https://"));
        }
    }
    let events: BTreeSet<String> = events.into_iter().map(str::to_owned).collect();
    assert_eq!(seen, events);
}

// ---------------------------------------------------------------- nothing lost

#[test]
fn nothing_lost_in_neo4j_and_turtle() {
    let facts = mini();
    let doc = json(&facts);
    let n = Neo4j::of(&facts);
    let ttl = export("ttl", &facts, &[]);
    let literals: BTreeSet<String> = rdf_literals(&ttl).into_iter().collect();
    let actors = n.rows("neo4j-actors.csv");
    for a in doc["facts"]["actors"].as_array().unwrap() {
        let id = a["id"].as_str().unwrap();
        let row = actors.iter().find(|r| r["id"] == id).expect(id);
        assert_eq!(row["name"], a["name"].as_str().unwrap());
        assert!(
            ttl.contains(&format!("\nactor:{id}\n    a polity:Actor")),
            "{id}"
        );
        for (lang, name) in a["names"].as_object().into_iter().flatten() {
            let name = name.as_str().unwrap();
            assert_eq!(row[&format!("name_{lang}")], name);
            assert!(ttl.contains(&format!("\"{name}\"@{lang}")), "{id} {lang}");
        }
        for key in ["start", "end"] {
            if let Some(d) = a[key].as_str() {
                assert_eq!(row[&format!("{key}_edtf")], d, "{id}");
                assert!(literals.contains(d), "{id} {key}");
            }
        }
        if let Some(q) = a["wikidata"].as_str() {
            assert!(ttl.contains(&format!("owl:sameAs wd:{q}")));
        }
    }
    let rels = n.rows("neo4j-relations.csv");
    for r in doc["facts"]["relations"].as_array().unwrap() {
        let id = r["id"].as_str().unwrap();
        let row = rels.iter().find(|x| x["id"] == id).expect(id);
        assert_eq!(row[":START_ID(Actor)"], r["from"].as_str().unwrap());
        assert_eq!(row[":END_ID(Actor)"], r["to"].as_str().unwrap());
        assert_eq!(row[":TYPE"], r["type"].as_str().unwrap());
        assert!(ttl.contains(&format!("\nstmt:{id}\n")), "{id}");
        for key in ["date", "start", "end"] {
            let Some(d) = r[key].as_str() else { continue };
            // An explicit end is kept; an end set by a closing event is that event's date.
            assert_eq!(row[&format!("{key}_edtf")], d, "{id} {key}");
            let precision = match d.trim_end_matches(['~', '?', '%']).len() {
                4 => "year",
                7 => "month",
                _ => "day",
            };
            assert_eq!(row[&format!("{key}_precision")], precision, "{id} {key}");
            let pred = format!("polity:{key}Precision \"{precision}\"");
            let block = ttl.split(&format!("\nstmt:{id}\n")).nth(1).unwrap();
            let block = &block[..block.find(" .\n").unwrap()];
            assert!(block.contains(&pred), "{id}: {pred}");
            assert!(
                block.contains(&format!("polity:{key}Edtf \"{d}\"")),
                "{id} {key}"
            );
        }
        for s in r["sources"].as_array().into_iter().flatten() {
            let s = s.as_str().unwrap();
            assert!(row["sources"].split(';').any(|x| x == s), "{id} cites {s}");
            let block = ttl.split(&format!("\nstmt:{id}\n")).nth(1).unwrap();
            let block = &block[..block.find(" .\n").unwrap()];
            assert!(block.contains(&format!("prov:wasDerivedFrom source:{s}")));
        }
    }
    for t in doc["derived_ties"].as_array().unwrap() {
        let id = t["id"].as_str().unwrap();
        assert!(rels.iter().any(|x| x["id"] == id), "{id}");
        assert!(ttl.contains(&format!("\nstmt:{id}\n")), "{id}");
    }
    let sources = n.rows("neo4j-sources.csv");
    for s in doc["facts"]["sources"].as_array().unwrap() {
        let id = s["id"].as_str().unwrap();
        let url = s["url"].as_str().unwrap();
        let row = sources.iter().find(|x| x["id"] == id).expect(id);
        assert_eq!(row["url"], url);
        assert!(ttl.contains(&format!("\nsource:{id}\n")), "{id}");
        assert!(literals.contains(url));
    }
}

// ---------------------------------------------------------------- README

/// The README quotes the partner queries the interop suite runs, word for word.
#[test]
fn readme_quotes_the_interop_queries() {
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    for (file, fence) in [("partners.cypher", "cypher"), ("partners.rq", "sparql")] {
        let query = fs::read_to_string(root().join("tests/interop/queries").join(file)).unwrap();
        let block = format!("```{fence}\n{query}```\n");
        assert!(
            readme.contains(&block),
            "README.md must quote tests/interop/queries/{file} in a ```{fence} block"
        );
    }
}
