//! The loader never panics: property tests that feed it arbitrary bytes and randomly
//! damaged copies of a valid fact file (the in-suite companion of `fuzz/`), and the
//! regression cases the fuzzer found (`tests/fixtures/fuzz-regressions/`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::path::Path;

use polity::{graph::Graph, load, validate};
use proptest::prelude::*;

/// Runs the whole pipeline on one file's bytes and checks every diagnostic is placed.
fn pipeline(bytes: Vec<u8>) {
    let text = match load::decode(bytes, "case.json") {
        Ok(t) => t,
        Err(d) => {
            assert!(d.location.is_some(), "{d:?}");
            return;
        }
    };
    let (file, problems) = load::parse(text);
    for d in &problems {
        if let Some(l) = &d.location {
            assert!(l.line >= 1 && l.column >= 1, "{d:?}");
        }
    }
    let checked = validate::validate(vec![file]);
    for d in &checked.diagnostics {
        let l = d
            .location
            .as_ref()
            .expect("validation diagnostics are located");
        assert!(l.line >= 1 && l.column >= 1, "{d:?}");
        assert!(d.file.is_some());
    }
    let g = Graph::build(checked.facts);
    let _ = g.resolve("mali");
}

fn valid_file() -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz-seed.json"))
        .unwrap()
}

#[derive(Debug, Clone)]
enum Edit {
    Delete(usize, usize),
    Insert(usize, Vec<u8>),
    Replace(usize, u8),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), 1usize..40).prop_map(|(at, n)| Edit::Delete(at, n)),
        (
            any::<usize>(),
            prop::collection::vec(
                prop::sample::select(b"{}[],:\"\\ 0123-~?%abcnull\n\xff\x00".to_vec()),
                1..6
            )
        )
            .prop_map(|(at, b)| Edit::Insert(at, b)),
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Edit::Replace(at, b)),
    ]
}

fn apply(mut bytes: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
    for e in edits {
        let len = bytes.len().max(1);
        match e {
            Edit::Delete(at, n) => {
                let at = at % len;
                let end = (at + n).min(bytes.len());
                if at < end {
                    bytes.drain(at..end);
                }
            }
            Edit::Insert(at, b) => {
                let at = at % (bytes.len() + 1);
                bytes.splice(at..at, b.iter().copied());
            }
            Edit::Replace(at, b) => {
                if !bytes.is_empty() {
                    let at = at % bytes.len();
                    bytes[at] = *b;
                }
            }
        }
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn prop_damaged_fact_files_never_panic(edits in prop::collection::vec(edit(), 1..8)) {
        pipeline(apply(valid_file(), &edits));
    }

    #[test]
    fn prop_arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        pipeline(bytes);
    }

    #[test]
    fn prop_arbitrary_json_values_in_fields_never_panic(
        field in prop::sample::select(vec!["id", "type", "from", "to", "date", "start", "end", "sources", "confidence", "ended", "claimed_by", "quote"]),
        value in prop_oneof![
            Just("null".to_owned()), Just("true".to_owned()), Just("[]".to_owned()), Just("{}".to_owned()),
            any::<i64>().prop_map(|n| n.to_string()),
            "\\PC{0,12}".prop_map(|s| serde_json::to_string(&s).unwrap()),
        ],
    ) {
        let text = format!(
            r#"{{"vocabulary": [{{"id": "t", "label": "t", "kind": "tie", "polarity": "neutral"}}],
            "actors": [{{"id": "A", "name": "A", "kind": "state"}}],
            "relations": [{{"id": "r", "type": "t", "from": "A", "to": "A", "start": "2020", "{field}": {value}}}]}}"#
        );
        pipeline(text.into_bytes());
    }
}

#[test]
fn fuzz_regressions_never_panic() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz-regressions");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        pipeline(std::fs::read(entry.unwrap().path()).unwrap());
        n += 1;
    }
    assert!(n > 0);
}
