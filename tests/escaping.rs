//! Escaping, proven by properties: whatever Unicode curators put in names, labels and
//! summaries (quotes, backslashes, newlines, `<&>`, control characters, right-to-left
//! text), every text export stays valid and, where the format can hold it, keeps the
//! value intact: DOT parses with graphviz-rust's own parser, GraphML and GEXF parse as
//! XML, CSV round-trips through the csv crate, and the JSON export round-trips.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use polity::export::{self, Filter, Format, Options};
use polity::{graph::Graph, load, validate};
use proptest::prelude::*;
use serde_json::{Value, json};

/// A fact set whose every free text is `text`.
fn graph_with(text: &str) -> Graph {
    let facts = json!({
        "vocabulary": [{"id": "coop", "label": text, "inverse_label": text, "kind": "tie",
                        "directed": false, "polarity": "cooperative"}],
        "sources": [{"id": "s", "url": "https://example.org/x", "title": text, "publisher": text}],
        "actors": [
            {"id": "A", "name": text, "kind": "state", "aliases": [text], "description": text,
             "names": {"fr": text}},
            {"id": "B", "name": format!("{text}2"), "kind": "alliance"}
        ],
        "relations": [{"id": "r", "type": "coop", "from": "A", "to": "B", "start": "2020-02",
                       "summary": text, "quote": text, "sources": ["s"]}]
    });
    let (file, problems) = load::parse(load::SourceText {
        path: "p.json".into(),
        text: facts.to_string(),
    });
    assert!(problems.is_empty(), "{problems:?}");
    let checked = validate::validate(vec![file]);
    assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
    Graph::build(checked.facts)
}

fn text_of(g: &Graph, format: Format) -> Vec<String> {
    let sel = export::select(g, &Filter::default());
    export::export(format, &sel, &Options::default())
        .unwrap()
        .into_iter()
        .map(|f| String::from_utf8(f.bytes).unwrap())
        .collect()
}

/// What XML 1.0 can carry of a text (the exporter replaces the rest with U+FFFD).
fn xml_visible(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => c,
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => '\u{fffd}',
            c => c,
        })
        .collect()
}

fn hostile() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{1,24}",
        "[\"'\\\\<>&\n\r\t ;,=+@{}\\[\\]a-zé]{1,24}",
        Just("مالي \u{202e}abc\u{202c} Россия".to_owned()),
        Just("a\u{0}b\u{1}c\u{1f}d".to_owned()),
        Just("\\\"\\n\"\\".to_owned()),
    ]
    .prop_filter("names need a visible character", |s| !s.trim().is_empty())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn prop_dot_always_parses(text in hostile()) {
        let g = graph_with(&text);
        let dot = &text_of(&g, Format::Dot)[0];
        prop_assert!(graphviz_rust::parse(dot).is_ok(), "DOT does not parse:\n{dot}");
    }

    #[test]
    fn prop_graphml_and_gexf_are_xml_with_the_value_intact(text in hostile()) {
        let g = graph_with(&text);
        let want = xml_visible(&text);
        for format in [Format::Graphml, Format::Gexf] {
            let xml = &text_of(&g, format)[0];
            let doc = roxmltree::Document::parse(xml)
                .map_err(|e| TestCaseError::fail(format!("{format:?}: {e}\n{xml}")))?;
            let found = doc.descendants().any(|n| {
                n.text() == Some(want.as_str())
                    || n.attributes().any(|a| a.value() == want)
            });
            prop_assert!(found, "{:?} lost the value {:?}", format, want);
        }
    }

    #[test]
    fn prop_csv_round_trips(text in hostile()) {
        let g = graph_with(&text);
        let files = text_of(&g, Format::Csv);
        let mut nodes = csv::Reader::from_reader(files[0].as_bytes());
        let headers = nodes.headers().unwrap().clone();
        let name = headers.iter().position(|h| h == "name").unwrap();
        let names: Vec<String> = nodes.records().map(|r| r.unwrap()[name].to_owned()).collect();
        prop_assert!(names.contains(&text), "{names:?} lacks {text:?}");
        let mut edges = csv::Reader::from_reader(files[1].as_bytes());
        let headers = edges.headers().unwrap().clone();
        let summary = headers.iter().position(|h| h == "summary").unwrap();
        let label = headers.iter().position(|h| h == "label").unwrap();
        let mut rows = 0;
        for r in edges.records() {
            let r = r.unwrap();
            prop_assert_eq!(&r[label], text.as_str());
            prop_assert_eq!(&r[summary], text.as_str());
            rows += 1;
        }
        prop_assert_eq!(rows, 1);
    }

    #[test]
    fn prop_json_round_trips(text in hostile()) {
        let g = graph_with(&text);
        let doc: Value = serde_json::from_str(&text_of(&g, Format::Json)[0]).unwrap();
        prop_assert_eq!(doc["facts"]["actors"][0]["name"].as_str(), Some(text.as_str()));
        prop_assert_eq!(doc["facts"]["relations"][0]["summary"].as_str(), Some(text.as_str()));
        prop_assert_eq!(doc["facts"]["sources"][0]["title"].as_str(), Some(text.as_str()));
    }
}
