//! Nothing is lost: no command changes a fact file, exports refuse to write into the
//! facts folder, and the curated dataset survives facts → `export json` → load with every
//! actor, relation (dates at their precision), source and relation type intact.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn polity(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_polity"))
        .args(args)
        .env("NO_COLOR", "1")
        .env("POLITY_TODAY", "2026-11-28")
        .env_remove("POLITY_FACTS")
        .output()
        .expect("polity runs")
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            fs::copy(e.path(), target).unwrap();
        }
    }
}

/// Every file under `dir` with its bytes and modification time.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, std::time::SystemTime)> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            let meta = e.metadata().unwrap();
            if meta.is_dir() {
                stack.push(e.path());
            } else {
                out.insert(
                    e.path(),
                    (fs::read(e.path()).unwrap(), meta.modified().unwrap()),
                );
            }
        }
    }
    out
}

fn curated() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("facts")
}

#[test]
fn no_command_changes_the_facts_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let facts = tmp.path().join("facts");
    copy_dir(&curated(), &facts);
    let before = snapshot(&facts);
    let f = facts.to_str().unwrap();
    let out_dir = tmp.path().join("out");
    let o = out_dir.to_str().unwrap();
    for args in [
        &["check", "--strict"][..],
        &["partners", "Mali"],
        &["between", "Mali", "France"],
        &["timeline", "Mali"],
        &["path", "Mali", "Russia"],
        &["neighbours", "Mali", "--depth", "2"],
        &["diff", "Mali", "--from", "2021-06-01"],
        &["show", "Mali"],
        &["actors"],
        &["stats"],
        &["export", "all", "--no-images", "-o", o],
    ] {
        let mut full = args.to_vec();
        full.extend(["--facts", f]);
        let out = polity(&full);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // Exports refuse to write into the facts folder, even into a new file there.
    for target in [
        facts.join("export.json"),
        facts.join("sub/x.json"),
        facts.clone(),
    ] {
        let out = polity(&[
            "export",
            "json",
            "--facts",
            f,
            "-o",
            target.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(2));
        assert!(
            String::from_utf8_lossy(&out.stderr)
                .contains("refusing to write into the facts folder")
        );
    }
    assert_eq!(before, snapshot(&facts), "the facts folder changed");
}

#[test]
fn curated_facts_survive_a_json_export_round_trip() {
    let tmp = tempfile::tempdir().unwrap();
    let out = polity(&["export", "json", "--facts", curated().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let again = tmp.path().join("again");
    fs::create_dir(&again).unwrap();
    fs::write(
        again.join("all.json"),
        serde_json::to_string_pretty(&doc["facts"]).unwrap(),
    )
    .unwrap();
    let check = polity(&["check", "--strict", "--facts", again.to_str().unwrap()]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );

    // Compare everything as written, element by element, keyed by id.
    let load = |dir: &Path| -> BTreeMap<(String, String), Value> {
        let mut all = BTreeMap::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            for e in fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| x == "json") {
                    let v: Value = serde_json::from_str(&fs::read_to_string(&p).unwrap()).unwrap();
                    for coll in ["vocabulary", "sources", "actors", "relations"] {
                        for item in v[coll].as_array().into_iter().flatten() {
                            let id = item["id"].as_str().unwrap().to_owned();
                            let mut item = item.clone();
                            // `directed` defaults to true; writing it or not means the same.
                            if coll == "vocabulary" && item.get("directed").is_none() {
                                item["directed"] = Value::Bool(true);
                            }
                            assert!(all.insert((coll.to_owned(), id), item).is_none());
                        }
                    }
                }
            }
        }
        all
    };
    let original = load(&curated());
    let round = load(&again);
    assert!(original.keys().filter(|k| k.0 == "relations").count() >= 70);
    assert_eq!(original.len(), round.len());
    for (key, value) in &original {
        assert_eq!(
            Some(value),
            round.get(key),
            "{key:?} changed in the round trip"
        );
    }
}
