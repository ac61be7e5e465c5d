//! Any bytes as a fact file: reading, parsing, validating and building the graph must
//! never panic, and every diagnostic that names a place must name a real one.
#![no_main]

use libfuzzer_sys::fuzz_target;
use polity::load;

fuzz_target!(|data: &[u8]| {
    let files = match load::decode(data.to_vec(), "fuzz.json") {
        Ok(text) => vec![load::parse(text)],
        Err(d) => {
            assert!(d.location.is_some());
            return;
        }
    };
    let mut parsed = Vec::new();
    for (file, problems) in files {
        for d in &problems {
            if let Some(l) = &d.location {
                assert!(l.line >= 1 && l.column >= 1);
            }
        }
        parsed.push(file);
    }
    let checked = polity::validate::validate(parsed);
    for d in &checked.diagnostics {
        let l = d.location.as_ref().expect("validation diagnostics are located");
        assert!(l.line >= 1 && l.column >= 1);
    }
    let graph = polity::graph::Graph::build(checked.facts);
    let _ = graph.resolve("mali");
});
