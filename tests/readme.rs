//! The README's `console` examples, run as written against the frozen example dataset.
//! Refresh them after an intended change with `TRYCMD=overwrite cargo test --test readme`.

#[test]
fn readme_examples() {
    trycmd::TestCases::new()
        .env("POLITY_TODAY", "2026-11-28")
        .env("NO_COLOR", "1")
        .register_bin("polity", trycmd::cargo::cargo_bin!("polity"))
        .case("README.md");
}
