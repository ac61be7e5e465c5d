//! The README's `console` examples, run as written against the frozen example dataset.
//! Refresh them after an intended change with `TRYCMD=overwrite cargo test --test readme`.
#![allow(clippy::expect_used)]

#[test]
fn readme_examples() {
    // Answers cached by the examples stay in a folder of this test's own.
    let cache = tempfile::tempdir().expect("a temporary folder");
    trycmd::TestCases::new()
        .env("POLITY_CACHE_DIR", cache.path().display().to_string())
        .env("POLITY_TODAY", "2026-11-28")
        .env("NO_COLOR", "1")
        .register_bin("polity", trycmd::cargo::cargo_bin!("polity"))
        .case("README.md");
}
