//! The answer cache: a repeated question is answered from the cache, any edit to any fact
//! file (even one that keeps the file's size and modification time) gives the new answer,
//! and `--no-cache` neither reads nor writes the cache.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A copy of the small example dataset and an empty cache folder, both temporary.
struct Setup {
    _dir: tempfile::TempDir,
    facts: PathBuf,
    cache: PathBuf,
}

fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let facts = dir.path().join("facts");
    fs::create_dir(&facts).unwrap();
    for entry in fs::read_dir("examples/sahel-mini").unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), facts.join(entry.file_name())).unwrap();
    }
    let cache = dir.path().join("cache");
    Setup {
        _dir: dir,
        facts,
        cache,
    }
}

fn partners(s: &Setup, extra: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_polity"))
        .args(extra)
        .args(["partners", "Mali", "--at", "2021-06-01", "--format", "csv"])
        .arg("--facts")
        .arg(&s.facts)
        .env("POLITY_CACHE_DIR", &s.cache)
        .env("POLITY_TODAY", "2025-01-01")
        .env("NO_COLOR", "1")
        .output()
        .expect("polity runs");
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

fn entries(cache: &Path) -> Vec<PathBuf> {
    fs::read_dir(cache).map_or_else(|_| Vec::new(), |d| d.map(|e| e.unwrap().path()).collect())
}

/// Replaces the stored answer (after its header line) with a marker.
fn poison(cache: &Path) {
    let [entry] = entries(cache).try_into().unwrap();
    let text = fs::read_to_string(&entry).unwrap();
    let header = text.lines().next().unwrap();
    fs::write(&entry, format!("{header}\npoisoned\n")).unwrap();
}

#[test]
fn cache_answers_a_repeated_question() {
    let s = setup();
    let first = partners(&s, &[]);
    assert!(first.contains("Russia,RUS"), "{first}");
    assert_eq!(entries(&s.cache).len(), 1);
    assert_eq!(partners(&s, &[]), first);
    poison(&s.cache);
    assert_eq!(
        partners(&s, &[]),
        "poisoned\n",
        "the second answer came from the cache"
    );
}

#[test]
fn cache_edit_with_same_size_and_mtime_gives_the_new_answer() {
    let s = setup();
    let before = partners(&s, &[]);
    assert!(before.contains("Russia,RUS"), "{before}");
    let file = s.facts.join("relations.json");
    let mtime = fs::metadata(&file).unwrap().modified().unwrap();
    let text = fs::read_to_string(&file).unwrap();
    // The Russia–Mali agreement moves from 2019 to 2029: same length, same size.
    let edited = text.replace(
        r#""to": "MLI", "date": "2019-06""#,
        r#""to": "MLI", "date": "2029-06""#,
    );
    assert_ne!(edited, text);
    assert_eq!(edited.len(), text.len());
    fs::write(&file, edited).unwrap();
    fs::File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(mtime)
        .unwrap();
    assert_eq!(fs::metadata(&file).unwrap().modified().unwrap(), mtime);
    let after = partners(&s, &[]);
    assert!(!after.contains("Russia,RUS"), "stale answer: {after}");
}

#[test]
fn cache_is_invalidated_by_a_new_file() {
    let s = setup();
    let before = partners(&s, &[]);
    fs::write(
        s.facts.join("more.json"),
        r#"{"relations": [{"id": "x-1", "type": "defence_cooperation", "from": "NER", "to": "MLI", "start": "2020", "sources": ["ex-1"]}]}"#,
    )
    .unwrap();
    let after = partners(&s, &[]);
    assert_ne!(after, before);
    assert!(after.contains("Niger,NER"), "{after}");
}

#[test]
fn no_cache_neither_reads_nor_writes_the_cache() {
    let s = setup();
    let answer = partners(&s, &["--no-cache"]);
    assert!(entries(&s.cache).is_empty(), "--no-cache wrote an entry");
    partners(&s, &[]);
    poison(&s.cache);
    assert_eq!(partners(&s, &["--no-cache"]), answer);
    assert_eq!(partners(&s, &[]), "poisoned\n");
}
