//! `polity check` on bad input: every case under `tests/fixtures/bad/<case>/facts` must give
//! exactly the diagnostics in `<case>/expected.json` (code, file, line, column, path,
//! message) and the expected exit code, never a panic. After an intended change to a
//! message, regenerate with `POLITY_BLESS=1 cargo test --test check` and review the diff.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{Value, json};

fn polity(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_polity"))
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("POLITY_FACTS")
        .output()
        .expect("polity runs")
}

/// The facts-relative, stable view of a diagnostic.
fn essential(d: &Value, facts: &Path) -> Value {
    let file = d["file"].as_str().map(|f| {
        Path::new(f)
            .strip_prefix(facts)
            .map_or_else(|_| f.to_owned(), |p| p.display().to_string())
    });
    // Messages may name the facts folder; keep expectations independent of the checkout.
    let message = d["message"]
        .as_str()
        .map(|m| m.replace(facts.to_str().unwrap(), "<facts>"));
    json!({
        "code": d["code"], "severity": d["severity"], "file": file,
        "line": d["line"], "column": d["column"], "path": d["path"], "message": message,
    })
}

fn check_json(facts: &Path, strict: bool) -> (i32, Value) {
    let dir = facts.to_str().unwrap();
    let mut args = vec!["check", "--format", "json", "--facts", dir];
    if strict {
        args.push("--strict");
    }
    let out = polity(&args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "panic on {dir}: {stderr}");
    let report: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("JSON report for {dir}: {e}\n{stderr}"));
    let diags: Vec<Value> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| essential(d, facts))
        .collect();
    (out.status.code().unwrap_or(-1), Value::Array(diags))
}

#[test]
fn bad_input_corpus() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad");
    let mut cases: Vec<PathBuf> = fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    assert!(cases.len() >= 30, "the corpus has {} cases", cases.len());
    let bless = std::env::var_os("POLITY_BLESS").is_some();
    let mut failures = Vec::new();
    for case in &cases {
        let facts = case.join("facts");
        let (exit, diagnostics) = check_json(&facts, false);
        let actual = json!({ "exit": exit, "diagnostics": diagnostics });
        let expected_path = case.join("expected.json");
        if bless {
            fs::write(
                &expected_path,
                serde_json::to_string_pretty(&actual).unwrap() + "\n",
            )
            .unwrap();
            continue;
        }
        let expected: Value =
            serde_json::from_str(&fs::read_to_string(&expected_path).unwrap_or_default())
                .unwrap_or(Value::Null);
        if expected != actual {
            failures.push(format!(
                "{}:\nexpected {}\nactual   {}",
                case.display(),
                serde_json::to_string_pretty(&expected).unwrap(),
                serde_json::to_string_pretty(&actual).unwrap()
            ));
        }
        // Every bad case fails `check --strict`, and none is silently clean.
        let (strict_exit, _) = check_json(&facts, true);
        assert_ne!(strict_exit, 0, "{} passes check --strict", case.display());
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn ten_mistakes_give_ten_located_diagnostics() {
    let facts = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ten-mistakes");
    let out = polity(&["check", "--facts", facts.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stderr).unwrap();
    let headers: Vec<&str> = text.lines().filter(|l| l.starts_with("error[")).collect();
    let places: Vec<&str> = text
        .lines()
        .filter(|l| l.trim_start().starts_with("--> "))
        .collect();
    assert_eq!(headers.len(), 10, "{text}");
    assert_eq!(places.len(), 10, "{text}");
    for p in &places {
        // file:line:column (field path)
        let loc = p.trim_start().trim_start_matches("--> ");
        let mut parts = loc.split(':');
        let file = parts.next().unwrap();
        assert!(
            Path::new(file).extension().is_some_and(|e| e == "json"),
            "{p}"
        );
        let line: usize = parts.next().unwrap().parse().unwrap();
        let column: usize = parts
            .next()
            .unwrap()
            .split(' ')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!(line > 0 && column > 0, "{p}");
    }
    let (_, diags) = check_json(&facts, false);
    let mut codes: Vec<&str> = diags
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), 10, "ten different kinds of mistake: {codes:?}");
    assert!(
        text.ends_with("has 10 errors and 0 warnings in 3 file(s)\n"),
        "{text}"
    );
}

#[test]
fn clean_facts_print_one_summary_line() {
    let facts = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/sahel-mini");
    let out = polity(&["check", "--strict", "--facts", facts.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(
        stdout.starts_with("ok: 11 actors, 17 relations, 1 sources"),
        "{stdout}"
    );
    assert!(out.stderr.is_empty());
}

#[test]
fn facts_option_is_accepted_before_the_subcommand() {
    let facts = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/sahel-mini");
    let out = polity(&["--facts", facts.to_str().unwrap(), "check"]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn facts_path_problems_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("facts.json");
    fs::write(&file, "{}").unwrap();
    for (path, needle) in [
        (file.clone(), "is a file, not a folder"),
        (tmp.path().join("missing"), "cannot read the facts folder"),
    ] {
        let out = polity(&["check", "--facts", path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(needle), "{err}");
        assert!(err.contains("error[E061]"), "{err}");
    }
    let empty = tmp.path().join("empty");
    fs::create_dir(&empty).unwrap();
    let out = polity(&["check", "--facts", empty.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("error[E062]: no fact files"));
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_broken_links_are_reported_not_followed_forever() {
    let tmp = tempfile::tempdir().unwrap();
    let facts = tmp.path().join("facts");
    fs::create_dir_all(facts.join("sub")).unwrap();
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/sahel-mini/actors.json"),
        facts.join("sub/actors.json"),
    )
    .unwrap();
    std::os::unix::fs::symlink(&facts, facts.join("sub/loop")).unwrap();
    std::os::unix::fs::symlink(facts.join("nowhere.json"), facts.join("broken.json")).unwrap();
    let out = polity(&[
        "check",
        "--format",
        "json",
        "--facts",
        facts.to_str().unwrap(),
    ]);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let messages: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert!(
        messages.iter().any(|m| m.contains("symbolic link loop")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("broken.json")),
        "{messages:?}"
    );
    assert_eq!(
        out.status.code(),
        Some(2),
        "an unreadable file is an I/O error"
    );
}

#[test]
fn a_huge_string_is_read_without_trouble() {
    let tmp = tempfile::tempdir().unwrap();
    let name = "x".repeat(20 * 1024 * 1024);
    let text = format!(r#"{{"actors": [{{"id": "X", "name": "{name}", "kind": "stat"}}]}}"#);
    fs::write(tmp.path().join("big.json"), text).unwrap();
    let (exit, diags) = check_json(tmp.path(), false);
    assert_eq!(exit, 1);
    assert_eq!(diags[0]["code"], "E002");
    assert_eq!(diags[0]["path"], "actors[0].kind");
}

#[test]
fn diagnostics_as_json_have_a_stable_shape() {
    let facts = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/readme-mistakes");
    let out = polity(&[
        "check",
        "--format",
        "json",
        "--facts",
        facts.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["ok"], false);
    assert_eq!(report["summary"]["errors"], 3);
    let d = &report["diagnostics"][0];
    for key in [
        "code", "severity", "message", "file", "line", "column", "path", "hint",
    ] {
        assert!(!d[key].is_null(), "missing {key} in {d}");
    }
    assert_eq!(d["hint"], "did you mean `MLI` (Mali)?");
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let facts = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/readme-mistakes");
    let f = facts.to_str().unwrap();
    let plain = polity(&["check", "--facts", f]);
    assert!(!plain.stderr.contains(&0x1b), "no escape codes when piped");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_polity"));
    let coloured = cmd
        .args(["check", "--color", "always", "--facts", f])
        .output()
        .unwrap();
    assert!(
        coloured.stderr.contains(&0x1b),
        "escape codes with --color always"
    );
}

#[test]
fn schema_command_prints_the_committed_schema() {
    let out = polity(&["schema"]);
    assert_eq!(out.status.code(), Some(0));
    let committed =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/facts.schema.json"))
            .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        committed,
        "schema/facts.schema.json is stale: run `cargo run -- schema > schema/facts.schema.json`"
    );
}

#[test]
fn closed_pipe_exits_quietly() {
    use std::io::Read;
    use std::process::Stdio;
    // Enough output (thousands of warnings) to overflow a pipe nobody reads.
    let tmp = tempfile::tempdir().unwrap();
    let mut relations = Vec::new();
    for i in 0..5000 {
        relations.push(format!(
            r#"{{"id": "r{i}", "type": "t", "from": "A", "to": "B", "start": "2020"}}"#
        ));
    }
    let text = format!(
        r#"{{"vocabulary": [{{"id": "t", "label": "t", "kind": "tie", "polarity": "neutral"}}],
        "actors": [{{"id": "A", "name": "A", "kind": "state"}}, {{"id": "B", "name": "B", "kind": "state"}}],
        "relations": [{}]}}"#,
        relations.join(",\n")
    );
    fs::write(tmp.path().join("f.json"), text).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_polity"))
        .args([
            "check",
            "--format",
            "json",
            "--facts",
            tmp.path().to_str().unwrap(),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert_eq!(err, "", "nothing on stderr");
    assert_eq!(status.code(), Some(0), "a closed pipe is not an error");
}
