//! The query commands, run as a user runs them: the built `polity` binary against fixture
//! folders under `tests/fixtures/<situation>/` (one per time rule) and the frozen example
//! dataset `examples/sahel-mini/`. Each command is checked in all three output formats;
//! JSON is parsed with `serde_json` and CSV with the `csv` crate, so the assertions are about
//! the data, not about column widths.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::collections::HashMap;
use std::process::{Command, Output};

use serde_json::Value;

/// The day "today" means in these tests, unless a test pins another.
const TODAY: &str = "2026-11-28";
/// The frozen example dataset.
const MINI: &str = "examples/sahel-mini";

fn fixture(name: &str) -> String {
    format!("tests/fixtures/{name}")
}

fn polity_on(today: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_polity"))
        .args(args)
        .env("POLITY_TODAY", today)
        .env("NO_COLOR", "1")
        .env_remove("POLITY_FACTS")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run polity")
}

fn polity(args: &[&str]) -> Output {
    polity_on(TODAY, args)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

/// Runs a command that must succeed; returns its standard output.
fn ok(args: &[&str]) -> String {
    let out = polity(args);
    assert!(
        out.status.success(),
        "polity {args:?} failed ({:?}):\n{}",
        out.status.code(),
        text(&out.stderr)
    );
    text(&out.stdout)
}

/// Runs a command that must fail with `code`; returns its standard error.
fn fails(code: i32, args: &[&str]) -> String {
    let out = polity(args);
    assert_eq!(
        out.status.code(),
        Some(code),
        "polity {args:?}: stdout {}",
        text(&out.stdout)
    );
    assert!(out.stdout.is_empty(), "nothing on stdout on failure");
    text(&out.stderr)
}

/// The rows of `--format json`: an array of objects.
fn json(args: &[&str]) -> Vec<Value> {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    let out = ok(&all);
    let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    v.as_array().expect("a JSON array").clone()
}

/// The header and rows of `--format csv`, each row keyed by column name.
fn csv(args: &[&str]) -> (Vec<String>, Vec<HashMap<String, String>>) {
    let mut all = args.to_vec();
    all.extend(["--format", "csv"]);
    let out = ok(&all);
    let mut r = csv::Reader::from_reader(out.as_bytes());
    let headers: Vec<String> = r.headers().unwrap().iter().map(str::to_owned).collect();
    let rows = r
        .records()
        .map(|rec| {
            let rec = rec.unwrap();
            headers
                .iter()
                .cloned()
                .zip(rec.iter().map(str::to_owned))
                .collect()
        })
        .collect();
    (headers, rows)
}

fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key]
        .as_str()
        .unwrap_or_else(|| panic!("`{key}` is not a string in {v}"))
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap_or_else(|| panic!("not an array: {v}"))
        .iter()
        .map(|x| x.as_str().unwrap().to_owned())
        .collect()
}

// ---------------------------------------------------------------------------------------
// partners: the time rules

/// (partner id, activity) of `partners ACTOR` with extra arguments.
fn partners(facts: &str, actor: &str, extra: &[&str]) -> Vec<(String, String)> {
    let mut args = vec!["partners", actor, "--facts", facts];
    args.extend(extra);
    json(&args)
        .iter()
        .map(|r| (s(r, "id").to_owned(), s(r, "activity").to_owned()))
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

#[test]
fn tie_opened_by_mou_is_a_partnership_from_its_date() {
    let f = fixture("mou-closed-by-ended-event");
    assert_eq!(partners(&f, "MLI", &["--at", "2015-03-09"]), pairs(&[]));
    assert_eq!(
        partners(&f, "MLI", &["--at", "2015-03-10"]),
        pairs(&[("FRA", "yes")])
    );
    assert_eq!(
        partners(&f, "MLI", &["--at", "2020"]),
        pairs(&[("FRA", "yes")])
    );
}

#[test]
fn tie_closed_by_event_is_maybe_within_month_precision_end() {
    let f = fixture("mou-closed-by-ended-event");
    // The end `2022-05` may be any day of May; the last day of a tie counts as active.
    for day in ["2022-04-30", "2022-05-01"] {
        assert_eq!(
            partners(&f, "MLI", &["--at", day]),
            pairs(&[("FRA", "yes")]),
            "{day}"
        );
    }
    for day in ["2022-05-02", "2022-05-15", "2022-05-31"] {
        assert_eq!(
            partners(&f, "MLI", &["--at", day]),
            pairs(&[("FRA", "maybe")]),
            "{day}"
        );
    }
    assert_eq!(partners(&f, "MLI", &["--at", "2022-06-01"]), pairs(&[]));
}

#[test]
fn derived_partner_names_opening_and_closing_events() {
    let rows = json(&[
        "partners",
        "France",
        "--facts",
        &fixture("mou-closed-by-ended-event"),
        "--at",
        "2020",
    ]);
    assert_eq!(rows.len(), 1);
    assert_eq!(s(&rows[0], "id"), "MLI");
    assert_eq!(strings(&rows[0]["relations"]), ["r-mou", "r-ended"]);
    assert_eq!(s(&rows[0]["since"], "text"), "2015-03-10");
    assert_eq!(s(&rows[0]["since"], "precision"), "day");
    assert_eq!(s(&rows[0]["sources"][0], "url"), "https://example.org/mou");
}

#[test]
fn certain_hides_maybe_rows() {
    let f = fixture("mou-closed-by-ended-event");
    assert_eq!(
        partners(&f, "MLI", &["--at", "2022-05-15"]),
        pairs(&[("FRA", "maybe")])
    );
    assert_eq!(
        partners(&f, "MLI", &["--at", "2022-05-15", "--certain"]),
        pairs(&[])
    );
    assert_eq!(
        partners(&f, "MLI", &["--at", "2022-04-15", "--certain"]),
        pairs(&[("FRA", "yes")])
    );
}

#[test]
fn explicit_open_ended_tie_is_closed_by_closing_event() {
    let f = fixture("explicit-tie-closed-by-event");
    let at = |d: &str| partners(&f, "MLI", &["--at", d]);
    assert!(at("2022-05-02").contains(&("FRA".into(), "yes".into())));
    assert!(!at("2022-05-03").iter().any(|(id, _)| id == "FRA"));
    let rows = json(&["partners", "MLI", "--facts", &f, "--at", "2021"]);
    let fra = rows.iter().find(|r| s(r, "id") == "FRA").unwrap();
    assert_eq!(strings(&fra["relations"]), ["r-fra-mli", "r-mli-fra-ended"]);
}

#[test]
fn closing_event_before_tie_start_does_not_close_it() {
    let f = fixture("explicit-tie-closed-by-event");
    assert_eq!(
        partners(&f, "MLI", &["--at", "2026-01-01"]),
        pairs(&[("DEU", "yes")])
    );
}

#[test]
fn explicit_tie_not_duplicated_by_derivation() {
    let f = fixture("explicit-tie-not-duplicated");
    // The agreement of 2014 falls within the written tie: it derives nothing.
    let rows = json(&["partners", "MLI", "--facts", &f, "--at", "2014-06-01"]);
    assert_eq!(rows.len(), 1);
    assert_eq!(strings(&rows[0]["relations"]), ["r-tie"]);
    // After the written tie ended, the agreement of 2019 opens a new, derived one.
    let rows = json(&["partners", "MLI", "--facts", &f, "--at", "2020"]);
    assert_eq!(rows.len(), 1);
    assert_eq!(strings(&rows[0]["relations"]), ["r-signed-later"]);
    assert_eq!(partners(&f, "MLI", &["--at", "2017"]), pairs(&[]));
}

#[test]
fn partners_via_alliance() {
    let f = fixture("alliance-and-organisation");
    let rows = json(&["partners", "MLI", "--facts", &f, "--at", "2024-06-01"]);
    let found: HashMap<&str, Vec<String>> = rows
        .iter()
        .map(|r| {
            let via = r["via"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| s(v, "id").to_owned())
                .collect();
            (s(r, "id"), via)
        })
        .collect();
    let mut ids: Vec<&str> = found.keys().copied().collect();
    ids.sort_unstable();
    // The alliance itself, its other members, its cooperative partner; not JNIM (in
    // conflict with the alliance), not ECOWAS or its members and partners.
    assert_eq!(ids, ["AES", "BFA", "NER", "RUS"]);
    // The alliance itself is a partner by membership, the others through it.
    let aes = rows.iter().find(|r| s(r, "id") == "AES").unwrap();
    assert_eq!(aes["member"], true);
    assert!(found["AES"].is_empty());
    for id in ["BFA", "NER", "RUS"] {
        assert_eq!(found[id], ["AES"], "{id} is a partner via AES");
    }
    let rus = rows.iter().find(|r| s(r, "id") == "RUS").unwrap();
    assert_eq!(rus["direct"], false);
    assert_eq!(strings(&rus["relations"]), ["r-mli-aes", "r-rus-aes"]);
}

#[test]
fn direct_excludes_alliance_partners() {
    let f = fixture("alliance-and-organisation");
    assert_eq!(
        partners(&f, "MLI", &["--at", "2024-06-01", "--direct"]),
        pairs(&[])
    );
    assert_eq!(
        partners(&f, "RUS", &["--at", "2024-06-01", "--direct"]),
        pairs(&[("AES", "yes")])
    );
}

#[test]
fn organisation_membership_makes_no_partners() {
    let f = fixture("alliance-and-organisation");
    // In 2020 Mali is in ECOWAS (an organization, not an alliance) and in no alliance.
    assert_eq!(partners(&f, "MLI", &["--at", "2020"]), pairs(&[]));
    assert_eq!(partners(&f, "SEN", &["--at", "2024-06-01"]), pairs(&[]));
}

#[test]
fn alliance_partners_only_while_both_ties_hold() {
    let f = fixture("alliance-and-organisation");
    let ids = |d: &str| -> Vec<String> {
        partners(&f, "MLI", &["--at", d])
            .into_iter()
            .map(|(id, _)| id)
            .collect()
    };
    // Niger joined in 2024-02, Russia's tie with the alliance began 2024-01-01.
    assert_eq!(ids("2023-12-01"), ["AES", "BFA"]);
    // Burkina Faso's written membership was ended by its withdrawal on 2025-06-01.
    assert_eq!(ids("2025-07-01"), ["AES", "NER", "RUS"]);
}

#[test]
fn conflictual_relations_never_make_partners() {
    let f = fixture("conflictual-never-partners");
    for day in ["2022-08-15", "2023", TODAY] {
        assert_eq!(partners(&f, "MLI", &["--at", day]), pairs(&[]), "{day}");
    }
    assert_eq!(partners(&f, "JNIM", &["--at", "2023"]), pairs(&[]));
}

#[test]
fn at_during_and_throughout_differ() {
    let f = fixture("time-rules");
    let spn = |flag: &str, p: &str| -> Option<String> {
        partners(&f, "MLI", &[flag, p])
            .into_iter()
            .find(|(id, _)| id == "SPN")
            .map(|(_, a)| a)
    };
    // A tie from 2021-03-01 to 2021-09-30.
    assert_eq!(spn("--at", "2021").as_deref(), Some("maybe"));
    assert_eq!(spn("--during", "2021").as_deref(), Some("yes"));
    assert_eq!(spn("--throughout", "2021"), None);
    assert_eq!(spn("--throughout", "2021-05").as_deref(), Some("yes"));
    assert_eq!(spn("--at", "2021-10-01"), None);
}

#[test]
fn unknown_end_is_maybe_after_start() {
    let f = fixture("time-rules");
    let unk = |d: &str| -> Option<String> {
        partners(&f, "MLI", &["--at", d])
            .into_iter()
            .find(|(id, _)| id == "UNK")
            .map(|(_, a)| a)
    };
    assert_eq!(unk("2015-05-31"), None);
    assert_eq!(unk("2015-06-15").as_deref(), Some("maybe"));
    assert_eq!(unk("2020").as_deref(), Some("maybe"));
    assert_eq!(unk(TODAY).as_deref(), Some("maybe"));
}

#[test]
fn approximate_start_widens_by_one_unit() {
    let f = fixture("time-rules");
    let apx = |d: &str| -> Option<String> {
        partners(&f, "MLI", &["--at", d])
            .into_iter()
            .find(|(id, _)| id == "APX")
            .map(|(_, a)| a)
    };
    // `2018~` may mean any day of 2017 to 2019.
    assert_eq!(apx("2016-12-31"), None);
    assert_eq!(apx("2017-01-01").as_deref(), Some("maybe"));
    assert_eq!(apx("2019-12-30").as_deref(), Some("maybe"));
    assert_eq!(apx("2019-12-31").as_deref(), Some("yes"));
}

#[test]
fn default_time_is_polity_today() {
    let f = fixture("time-rules");
    let has_later = |today: &str| {
        let out = polity_on(
            today,
            &["partners", "MLI", "--facts", &f, "--format", "csv"],
        );
        assert!(out.status.success());
        text(&out.stdout).contains("LTR")
    };
    assert!(!has_later("2023-12-31"));
    assert!(has_later("2024-01-01"));
}

// ---------------------------------------------------------------------------------------
// actor names

#[test]
fn unknown_actor_exits_2_with_suggestion() {
    let err = fails(2, &["partners", "Mail", "--facts", &fixture("names")]);
    assert!(
        err.contains("no actor `Mail`; did you mean Mali (MLI)?"),
        "{err}"
    );
}

#[test]
fn ambiguous_name_lists_candidates() {
    let err = fails(2, &["partners", "congo", "--facts", &fixture("names")]);
    assert!(err.contains("could mean several actors"), "{err}");
    assert!(err.contains("COD") && err.contains("COG"), "{err}");
}

#[test]
fn names_resolve_by_alias_language_case_and_accents() {
    let f = fixture("names");
    for name in ["MLI", "mali", "BAMAKO", "Mali"] {
        assert_eq!(partners(&f, name, &[]), pairs(&[("CIV", "yes")]), "{name}");
    }
    for name in ["cote d'ivoire", "Côte d’Ivoire", "elfenbeinkuste", "CIV"] {
        assert_eq!(partners(&f, name, &[]), pairs(&[("MLI", "yes")]), "{name}");
    }
}

#[test]
fn partners_in_three_formats() {
    let args = ["partners", "Mali", "--facts", MINI, "--at", "2025-09-01"];
    let table = ok(&args);
    assert!(table.starts_with("Partners of Mali (MLI) at 2025-09-01: 4 (0 maybe)"));
    assert!(table.contains("via AES"));
    let rows = json(&args);
    assert_eq!(rows.len(), 4);
    let (headers, rows) = csv(&args);
    assert_eq!(
        headers,
        [
            "partner",
            "id",
            "kind",
            "active",
            "via",
            "since",
            "relations"
        ]
    );
    let rus = rows.iter().find(|r| r["id"] == "RUS").unwrap();
    assert_eq!(rus["via"], "direct, via AES");
    assert_eq!(rus["since"], "2019-06");
}

// ---------------------------------------------------------------------------------------
// between

fn kinds_and_ids(rows: &[Value]) -> Vec<(String, String)> {
    rows.iter()
        .map(|r| {
            let id = r["relation"]
                .as_str()
                .or(r["opened_by"].as_str())
                .unwrap()
                .to_owned();
            (s(r, "kind").to_owned(), id)
        })
        .collect()
}

#[test]
fn between_lists_relations_in_date_order_in_three_formats() {
    let args = ["between", "Mali", "France", "--facts", MINI];
    let table = ok(&args);
    assert!(
        table.starts_with("Between Mali (MLI) and France (FRA): 5 (0 derived)"),
        "{table}"
    );
    assert!(table.contains("Mali ended defence cooperation with France"));
    let rows = json(&args);
    assert_eq!(
        kinds_and_ids(&rows),
        pairs(&[
            ("tie", "ex-fra-mli-coop"),
            ("tie", "ex-fra-mli-presence"),
            ("event", "ex-mli-fra-coop-ended"),
            ("event", "ex-mli-fra-criticized"),
            ("event", "ex-fra-mli-withdrawal"),
        ])
    );
    // The written open-ended tie ends with the event that closed it.
    assert_eq!(s(&rows[0]["end"], "text"), "2022-05-02");
    assert_eq!(s(&rows[0], "closed_by"), "ex-mli-fra-coop-ended");
    assert_eq!(rows[0]["ongoing"], false);
    // A claim says whose it is.
    assert_eq!(s(&rows[3], "confidence"), "claimed");
    assert_eq!(s(&rows[3]["claimed_by"], "id"), "MLI");
    let (headers, rows) = csv(&args);
    assert_eq!(headers, ["date", "until", "kind", "what", "relations"]);
    assert_eq!(rows.len(), 5);
    assert_eq!(
        rows[2]["what"],
        "Mali ended defence cooperation with France"
    );
    assert_eq!(rows[0]["until"], "2022-05-02");
    assert_eq!(
        rows[0]["relations"],
        "ex-fra-mli-coop, ex-mli-fra-coop-ended"
    );
}

#[test]
fn between_reads_each_relation_in_its_own_direction() {
    // Asked from either side, the sentence is the same.
    let a = json(&["between", "France", "Mali", "--facts", MINI]);
    let b = json(&["between", "Mali", "France", "--facts", MINI]);
    let sentences = |rows: &[Value]| -> Vec<String> {
        rows.iter().map(|r| s(r, "sentence").to_owned()).collect()
    };
    assert_eq!(sentences(&a), sentences(&b));
    assert!(sentences(&a).contains(&"France withdrew its troops from Mali".to_owned()));
}

#[test]
fn between_shows_derived_tie_with_opening_and_closing_events() {
    let rows = json(&[
        "between",
        "MLI",
        "FRA",
        "--facts",
        &fixture("mou-closed-by-ended-event"),
    ]);
    assert_eq!(
        kinds_and_ids(&rows),
        pairs(&[
            ("event", "r-mou"),
            ("derived_tie", "r-mou"),
            ("event", "r-ended")
        ])
    );
    let tie = &rows[1];
    assert_eq!(tie["relation"], Value::Null);
    assert_eq!(s(tie, "type"), "defence_cooperation");
    assert_eq!(s(tie, "closed_by"), "r-ended");
    assert_eq!(s(&tie["end"], "text"), "2022-05");
    assert_eq!(s(&tie["end"], "precision"), "month");
    assert_eq!(s(&tie["end"], "earliest"), "2022-05-01");
    assert_eq!(s(&tie["end"], "latest"), "2022-05-31");
    assert_eq!(strings(&tie["relations"]), ["r-mou", "r-ended"]);
}

#[test]
fn between_does_not_duplicate_explicit_tie() {
    let rows = json(&[
        "between",
        "MLI",
        "RUS",
        "--facts",
        &fixture("explicit-tie-not-duplicated"),
    ]);
    assert_eq!(
        kinds_and_ids(&rows),
        pairs(&[
            ("tie", "r-tie"),
            ("event", "r-signed-within"),
            ("event", "r-signed-later"),
            ("derived_tie", "r-signed-later"),
        ])
    );
}

#[test]
fn between_window_keeps_what_may_overlap_it() {
    let ids = |extra: &[&str]| -> Vec<String> {
        let mut args = vec!["between", "Mali", "France", "--facts", MINI];
        args.extend(extra);
        kinds_and_ids(&json(&args))
            .into_iter()
            .map(|(_, id)| id)
            .collect()
    };
    // Defence cooperation ended on 2022-05-02: not from June on; the claim of `2022-08` may be.
    assert_eq!(
        ids(&["--from", "2022-06"]),
        [
            "ex-fra-mli-presence",
            "ex-mli-fra-criticized",
            "ex-fra-mli-withdrawal"
        ]
    );
    assert_eq!(
        ids(&["--to", "2012"]),
        Vec::<String>::new(),
        "nothing before 2013"
    );
    assert_eq!(
        ids(&["--from", "2022-08-20"]),
        ["ex-mli-fra-criticized"],
        "a month-precision date may fall in the window"
    );
    let err = fails(
        2,
        &[
            "between", "Mali", "France", "--facts", MINI, "--from", "2023", "--to", "2022",
        ],
    );
    assert!(err.contains("--to 2022 is before --from 2023"), "{err}");
}

#[test]
fn between_unknown_actor_exits_2() {
    let err = fails(2, &["between", "Mali", "Frnace", "--facts", MINI]);
    assert!(err.contains("did you mean France (FRA)?"), "{err}");
}

// ---------------------------------------------------------------------------------------
// timeline

/// (date text, moment, id) of each timeline row.
fn entries(rows: &[Value]) -> Vec<(String, String, String)> {
    rows.iter()
        .map(|r| {
            let id = r["relation"].as_str().or(r["opened_by"].as_str()).unwrap();
            (
                s(&r["date"], "text").to_owned(),
                s(r, "moment").to_owned(),
                id.to_owned(),
            )
        })
        .collect()
}

fn triples(list: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
    list.iter()
        .map(|(a, b, c)| ((*a).to_owned(), (*b).to_owned(), (*c).to_owned()))
        .collect()
}

#[test]
fn timeline_sorts_partial_dates_by_first_day_last_day_and_id() {
    let rows = json(&["timeline", "--facts", &fixture("timeline-partial-dates")]);
    assert_eq!(
        entries(&rows),
        triples(&[
            ("2020", "start", "tie-dated"),
            ("2021-02", "start", "tie-unknown-end"),
            ("2023", "event", "year"),
            ("2023-09~", "event", "approx"),
            ("2023-09", "event", "month"),
            ("2023-09-16", "event", "a-day"),
            ("2023-09-16", "event", "b-day"),
            ("2024-06", "end", "tie-dated"),
        ])
    );
    // A partial date is shown at its precision, and carries its range.
    let month = &rows[4]["date"];
    assert_eq!(s(month, "precision"), "month");
    assert_eq!(s(month, "earliest"), "2023-09-01");
    assert_eq!(s(month, "latest"), "2023-09-30");
    let table = ok(&["timeline", "--facts", &fixture("timeline-partial-dates")]);
    assert!(table.contains("  2023-09   "), "{table}");
    assert!(!table.contains("2023-09-01"), "{table}");
}

#[test]
fn timeline_gives_no_end_entry_for_an_unknown_end() {
    let rows = json(&[
        "timeline",
        "TCD",
        "--facts",
        &fixture("timeline-partial-dates"),
    ]);
    let unknown: Vec<_> = entries(&rows)
        .into_iter()
        .filter(|(_, _, id)| id == "tie-unknown-end")
        .collect();
    assert_eq!(unknown, triples(&[("2021-02", "start", "tie-unknown-end")]));
}

#[test]
fn timeline_window_keeps_dates_that_may_fall_in_it() {
    let ids = |from: &str, to: &str| -> Vec<String> {
        entries(&json(&[
            "timeline",
            "--facts",
            &fixture("timeline-partial-dates"),
            "--from",
            from,
            "--to",
            to,
        ]))
        .into_iter()
        .map(|(_, _, id)| id)
        .collect()
    };
    // `2023` and `2023-09~` may fall on 2023-08-15; `2023-09` may not.
    assert_eq!(ids("2023-08-15", "2023-08-15"), ["year", "approx"]);
    assert_eq!(
        ids("2023-09-16", "2023-09-16"),
        ["year", "approx", "month", "a-day", "b-day"]
    );
    assert_eq!(ids("2024-07", "2025"), Vec::<String>::new());
}

#[test]
fn timeline_in_three_formats_with_actor_window_and_tie_ends() {
    let args = [
        "timeline", "Mali", "France", "--facts", MINI, "--from", "2022-05", "--to", "2022-05",
    ];
    let table = ok(&args);
    assert!(
        table
            .starts_with("Timeline of Mali (MLI), France (FRA) from 2022-05 to 2022-05: 2 entries"),
        "{table}"
    );
    let rows = json(&args);
    // The written tie ends on the day of the event that closed it, right after it.
    assert_eq!(
        entries(&rows),
        triples(&[
            ("2022-05-02", "event", "ex-mli-fra-coop-ended"),
            ("2022-05-02", "end", "ex-fra-mli-coop"),
        ])
    );
    assert_eq!(s(&rows[1], "closed_by"), "ex-mli-fra-coop-ended");
    let (headers, rows) = csv(&args);
    assert_eq!(headers, ["date", "change", "what", "relations"]);
    assert_eq!(rows[1]["change"], "tie ends");
    assert_eq!(rows[1]["what"], "France cooperates on defence with Mali");
    assert_eq!(
        rows[1]["relations"],
        "ex-fra-mli-coop, ex-mli-fra-coop-ended"
    );
}

#[test]
fn timeline_marks_derived_ties() {
    let (_, rows) = csv(&["timeline", "Niger", "--facts", MINI, "--type", "member_of"]);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["change"], "derived tie starts");
    assert_eq!(
        rows[0]["what"],
        "Niger is a member of Alliance of Sahel States"
    );
    assert_eq!(rows[0]["relations"], "ex-ner-aes");
}

#[test]
fn timeline_type_filter() {
    let rows = json(&[
        "timeline",
        "--facts",
        MINI,
        "--type",
        "joined",
        "--type",
        "withdrew_from,seized_power_in",
    ]);
    let mut types: Vec<&str> = rows.iter().map(|r| s(r, "type")).collect();
    types.dedup();
    assert_eq!(types, ["seized_power_in", "joined", "withdrew_from"]);
    assert_eq!(rows.len(), 5);
    let err = fails(2, &["timeline", "--facts", MINI, "--type", "joind"]);
    assert!(
        err.contains("no relation type `joind`; did you mean `joined`?"),
        "{err}"
    );
}

#[test]
fn timeline_empty_is_not_an_error() {
    let out = ok(&["timeline", "Sadio Camara", "--facts", MINI, "--to", "2020"]);
    assert_eq!(
        out,
        "Timeline of Sadio Camara (camara-sadio) up to 2020: 0 entries\n"
    );
    let (headers, rows) = csv(&["timeline", "camara-sadio", "--facts", MINI, "--to", "2020"]);
    assert_eq!(headers.len(), 4);
    assert!(rows.is_empty());
    assert!(json(&["timeline", "camara-sadio", "--facts", MINI, "--to", "2020"]).is_empty());
}

// ---------------------------------------------------------------------------------------
// path and neighbours

/// The actor ids along a path, and each hop's activity.
fn hops(facts: &str, from: &str, to: &str, extra: &[&str]) -> (Vec<String>, Vec<String>) {
    let mut args = vec!["path", from, to, "--facts", facts];
    args.extend(extra);
    let rows = json(&args);
    let mut ids: Vec<String> = rows
        .first()
        .map(|r| vec![s(&r["from"], "id").to_owned()])
        .unwrap_or_default();
    ids.extend(rows.iter().map(|r| s(&r["to"], "id").to_owned()));
    let acts = rows.iter().map(|r| s(r, "activity").to_owned()).collect();
    (ids, acts)
}

#[test]
fn path_every_hop_active_at_the_time() {
    let f = fixture("path-chain");
    let (ids, acts) = hops(&f, "MLI", "TCD", &["--at", "2014-06-01"]);
    assert_eq!(ids, ["MLI", "BFA", "NER", "TCD"]);
    assert_eq!(acts, ["yes", "yes", "yes"]);
    // From 2020 a direct tie; the first hop of the old chain ended in 2015.
    let (ids, _) = hops(&f, "MLI", "TCD", &["--at", "2021"]);
    assert_eq!(ids, ["MLI", "TCD"]);
    // An event is a hop on its date, whatever its polarity.
    let (ids, _) = hops(&f, "MLI", "TCD", &["--at", "2014-06-10"]);
    assert_eq!(ids, ["MLI", "NER", "TCD"]);
    // Conflict links too.
    let (ids, _) = hops(&f, "JNIM", "MLI", &["--at", "2014-06-01"]);
    assert_eq!(ids, ["JNIM", "TCD", "NER", "BFA", "MLI"]);
}

#[test]
fn path_marks_maybe_hops_and_certain_skips_them() {
    let f = fixture("path-chain");
    // Chad's troops arrived some day in 2014-05.
    let (ids, acts) = hops(&f, "MLI", "TCD", &["--at", "2014-05-15"]);
    assert_eq!(ids, ["MLI", "BFA", "NER", "TCD"]);
    assert_eq!(acts, ["yes", "yes", "maybe"]);
    let (ids, _) = hops(&f, "MLI", "TCD", &["--at", "2014-05-15", "--certain"]);
    assert!(ids.is_empty());
    let table = ok(&["path", "MLI", "TCD", "--facts", &f, "--at", "2014-05-15"]);
    assert!(
        table.starts_with("Path from Mali (MLI) to Chad (TCD) at 2014-05-15: 3 hops (1 maybe)"),
        "{table}"
    );
}

#[test]
fn path_respects_max_hops() {
    let f = fixture("path-chain");
    let (ids, _) = hops(&f, "MLI", "TCD", &["--at", "2014-06-01", "--max-hops", "3"]);
    assert_eq!(ids.len(), 4);
    let (ids, _) = hops(&f, "MLI", "TCD", &["--at", "2014-06-01", "--max-hops", "2"]);
    assert!(ids.is_empty());
}

#[test]
fn no_path_is_empty_output_exit_0_and_a_message() {
    let f = fixture("path-chain");
    let args = ["path", "MLI", "TCD", "--facts", &f, "--at", "2013"];
    let out = polity(&args);
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    assert_eq!(
        text(&out.stderr),
        "no path from Mali (MLI) to Chad (TCD) at 2013 within 6 hops\n"
    );
    assert!(json(&args).is_empty());
    let (headers, rows) = csv(&args);
    assert_eq!(
        headers,
        [
            "hop",
            "from",
            "to",
            "active",
            "date",
            "until",
            "what",
            "relations"
        ]
    );
    assert!(rows.is_empty());
}

#[test]
fn path_in_three_formats() {
    let args = [
        "path",
        "Mali",
        "United States",
        "--facts",
        MINI,
        "--at",
        "2024-01-01",
    ];
    let table = ok(&args);
    assert!(
        table.contains("United States has troops in Niger"),
        "{table}"
    );
    let rows = json(&args);
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0]["hop"], 1);
    assert_eq!(s(&rows[0]["link"], "kind"), "derived_tie");
    assert_eq!(s(&rows[0]["link"], "opened_by"), "ex-mli-aes");
    // The hop walks from Niger to the United States; the relation reads as written.
    assert_eq!(s(&rows[2]["from"], "id"), "NER");
    assert_eq!(s(&rows[2]["link"]["from"], "id"), "USA");
    let (_, rows) = csv(&args);
    assert_eq!(rows[2]["what"], "United States has troops in Niger");
    assert_eq!(rows[2]["until"], "2024-09");
    let zero = json(&["path", "Mali", "MLI", "--facts", MINI]);
    assert!(zero.is_empty(), "from an actor to itself: no hops");
}

/// (id, distance, activity) of each neighbour.
fn near(facts: &str, actor: &str, extra: &[&str]) -> Vec<(String, u64, String)> {
    let mut args = vec!["neighbours", actor, "--facts", facts];
    args.extend(extra);
    json(&args)
        .iter()
        .map(|r| {
            (
                s(r, "id").to_owned(),
                r["distance"].as_u64().unwrap(),
                s(r, "activity").to_owned(),
            )
        })
        .collect()
}

fn near_ids(list: &[(String, u64, String)]) -> Vec<&str> {
    list.iter().map(|(id, _, _)| id.as_str()).collect()
}

#[test]
fn neighbours_within_depth_at_a_time() {
    let f = fixture("path-chain");
    let at = ["--at", "2014-06-01"];
    assert_eq!(near_ids(&near(&f, "MLI", &at)), ["BFA"]);
    let four = near(&f, "MLI", &["--at", "2014-06-01", "--depth", "4"]);
    assert_eq!(
        four.iter()
            .map(|(id, d, _)| (id.as_str(), *d))
            .collect::<Vec<_>>(),
        [("BFA", 1), ("NER", 2), ("TCD", 3), ("JNIM", 4)]
    );
    assert_eq!(
        near_ids(&near(&f, "MLI", &["--at", "2013", "--depth", "4"])),
        ["BFA", "NER"]
    );
}

#[test]
fn neighbours_chain_is_as_certain_as_its_weakest_link() {
    let f = fixture("path-chain");
    let rows = near(&f, "MLI", &["--at", "2014-05-15", "--depth", "4"]);
    // Chad is reached over a maybe link, so JNIM (a certain link from Chad) is maybe too.
    assert_eq!(
        rows,
        [
            ("BFA".to_owned(), 1, "yes".to_owned()),
            ("NER".to_owned(), 2, "yes".to_owned()),
            ("TCD".to_owned(), 3, "maybe".to_owned()),
            ("JNIM".to_owned(), 4, "maybe".to_owned()),
        ]
    );
    let certain = near(
        &f,
        "MLI",
        &["--at", "2014-05-15", "--depth", "4", "--certain"],
    );
    assert_eq!(near_ids(&certain), ["BFA", "NER"]);
}

#[test]
fn neighbours_in_three_formats_and_alias() {
    let args = [
        "neighbours",
        "Mali",
        "--facts",
        MINI,
        "--at",
        "2024-01-01",
        "--depth",
        "2",
    ];
    let table = ok(&args);
    assert!(
        table.starts_with("Neighbours of Mali (MLI) within 2 hops at 2024-01-01: 5 (0 maybe)"),
        "{table}"
    );
    let rows = json(&args);
    let ids: Vec<&str> = rows.iter().map(|r| s(r, "id")).collect();
    assert_eq!(ids, ["AES", "ECOWAS", "RUS", "BFA", "NER"]);
    assert_eq!(s(&rows[3]["through"], "id"), "AES");
    assert_eq!(
        s(&rows[3]["link"], "sentence"),
        "Burkina Faso is a member of Alliance of Sahel States"
    );
    let (headers, rows) = csv(&args);
    assert_eq!(
        headers,
        [
            "distance",
            "actor",
            "id",
            "kind",
            "active",
            "through",
            "what",
            "relations"
        ]
    );
    assert_eq!(rows[1]["relations"], "ex-mli-ecowas, ex-mli-ecowas-exit");
    let mut alias = args.to_vec();
    alias[0] = "neighbors";
    assert_eq!(ok(&alias), table);
}

// ---------------------------------------------------------------------------------------
// diff

/// (change, id) of each diff row.
fn changes(rows: &[Value]) -> Vec<(String, String)> {
    rows.iter()
        .map(|r| (s(r, "change").to_owned(), s(r, "id").to_owned()))
        .collect()
}

#[test]
fn diff_partners_gained_lost_kept_and_ties_in_between() {
    let args = [
        "diff",
        "Mali",
        "--facts",
        MINI,
        "--from",
        "2021-06-01",
        "--to",
        "2025-09-01",
    ];
    let table = ok(&args);
    assert!(table.starts_with(
        "Changes for Mali (MLI) from 2021-06-01 to 2025-09-01: partners 3 gained, 1 lost, 1 kept; ties 2 started, 3 ended"
    ), "{table}");
    let rows = json(&args);
    assert_eq!(
        changes(&rows),
        pairs(&[
            ("gained", "AES"),
            ("gained", "BFA"),
            ("gained", "NER"),
            ("lost", "FRA"),
            ("kept", "RUS"),
            ("started", "RUS"),
            ("ended", "FRA"),
            ("ended", "FRA"),
            ("started", "AES"),
            ("ended", "ECOWAS"),
        ])
    );
    let bfa = &rows[1];
    assert_eq!((s(bfa, "before"), s(bfa, "after")), ("no", "yes"));
    assert_eq!(s(&bfa["partner"]["via"][0], "id"), "AES");
    assert_eq!(bfa["tie"], Value::Null);
    let coop_ended = &rows[6];
    assert_eq!(s(&coop_ended["date"], "text"), "2022-05-02");
    assert_eq!(s(&coop_ended["tie"], "closed_by"), "ex-mli-fra-coop-ended");
    assert_eq!(coop_ended["partner"], Value::Null);
    let joined = &rows[8];
    assert_eq!(s(&joined["tie"], "kind"), "derived_tie");
    assert_eq!(strings(&joined["relations"]), ["ex-mli-aes"]);
    let (headers, rows) = csv(&args);
    assert_eq!(
        headers,
        [
            "change",
            "actor",
            "id",
            "before",
            "after",
            "date",
            "what",
            "relations"
        ]
    );
    assert_eq!(rows[3]["what"], "partner: direct");
    assert_eq!(
        rows[6]["what"],
        "tie: France cooperates on defence with Mali"
    );
    assert_eq!(
        rows[8]["what"],
        "derived tie: Mali is a member of Alliance of Sahel States"
    );
}

#[test]
fn diff_to_defaults_to_today() {
    let explicit = json(&[
        "diff", "Mali", "--facts", MINI, "--from", "2021", "--to", TODAY,
    ]);
    let default = json(&["diff", "Mali", "--facts", MINI, "--from", "2021"]);
    assert_eq!(explicit, default);
    assert!(!default.is_empty());
    let err = fails(
        2,
        &[
            "diff", "Mali", "--facts", MINI, "--from", "2021", "--to", "2020",
        ],
    );
    assert!(err.contains("--to 2020 is before --from 2021"), "{err}");
}

#[test]
fn diff_certain_counts_maybe_partners_as_absent() {
    let f = fixture("mou-closed-by-ended-event");
    let args = [
        "diff",
        "MLI",
        "--facts",
        &f,
        "--from",
        "2020",
        "--to",
        "2022-05-15",
    ];
    let rows = json(&args);
    assert_eq!(changes(&rows), pairs(&[("kept", "FRA"), ("ended", "FRA")]));
    assert_eq!(s(&rows[0], "after"), "maybe");
    let mut certain = args.to_vec();
    certain.push("--certain");
    assert_eq!(
        changes(&json(&certain)),
        pairs(&[("lost", "FRA"), ("ended", "FRA")])
    );
}

#[test]
fn diff_direct_leaves_out_alliance_partners() {
    let f = fixture("alliance-and-organisation");
    let args = [
        "diff",
        "MLI",
        "--facts",
        &f,
        "--from",
        "2020",
        "--to",
        "2024-06-01",
    ];
    assert_eq!(
        changes(&json(&args)),
        pairs(&[
            ("gained", "AES"),
            ("gained", "BFA"),
            ("gained", "NER"),
            ("gained", "RUS"),
            ("started", "AES"),
        ])
    );
    let mut direct = args.to_vec();
    direct.push("--direct");
    assert_eq!(changes(&json(&direct)), pairs(&[("started", "AES")]));
}

// ---------------------------------------------------------------------------------------
// show

#[test]
fn show_actor_card_in_three_formats() {
    let args = ["show", "Bamako", "--facts", MINI];
    let table = ok(&args);
    assert!(table.starts_with("Mali (MLI) — state\n"), "{table}");
    let rows = json(&args);
    assert_eq!(rows.len(), 1);
    let card = &rows[0];
    assert_eq!(s(card, "card"), "actor");
    assert_eq!(s(card, "id"), "MLI");
    assert_eq!(s(&card["names"], "fr"), "Mali");
    assert_eq!(strings(&card["aliases"]), ["Bamako"]);
    assert_eq!(s(card, "iso3"), "MLI");
    assert_eq!(s(card, "wikidata"), "Q912");
    // Memberships over time: the written ECOWAS membership ended by the withdrawal, and
    // the AES membership derived from joining.
    let m = card["memberships"].as_array().unwrap();
    assert_eq!(m.len(), 2);
    assert_eq!(s(&m[0]["to"], "id"), "ECOWAS");
    assert_eq!(s(&m[0]["end"], "text"), "2025-01-29");
    assert_eq!(s(&m[0], "closed_by"), "ex-mli-ecowas-exit");
    assert_eq!(s(&m[1]["to"], "id"), "AES");
    assert_eq!(s(&m[1], "kind"), "derived_tie");
    assert_eq!(m[1]["ongoing"], true);
    let by_type = card["relations_by_type"].as_array().unwrap();
    assert_eq!(s(&by_type[0], "type"), "military_presence");
    assert_eq!(by_type[0]["count"], 2);
    let total: u64 = by_type.iter().map(|t| t["count"].as_u64().unwrap()).sum();
    assert_eq!(total, 10, "Mali takes part in 10 of the 17 relations");
    let latest: Vec<&str> = card["latest_events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| s(e, "relation"))
        .collect();
    assert_eq!(
        latest,
        [
            "ex-mli-ecowas-exit",
            "ex-mli-aes",
            "ex-fra-mli-withdrawal",
            "ex-mli-fra-criticized",
            "ex-mli-fra-coop-ended"
        ]
    );
    let (headers, rows) = csv(&args);
    assert_eq!(headers, ["field", "value", "detail"]);
    let member_of: Vec<&str> = rows
        .iter()
        .filter(|r| r["field"] == "member of")
        .map(|r| r["value"].as_str())
        .collect();
    assert_eq!(
        member_of,
        [
            "Economic Community of West African States (ECOWAS)",
            "Alliance of Sahel States (AES)"
        ]
    );
    assert!(
        rows.iter()
            .any(|r| r["field"] == "name (de)" && r["value"] == "Mali")
    );
}

#[test]
fn show_alliance_lists_its_members() {
    let rows = json(&["show", "AES", "--facts", MINI]);
    let members: Vec<&str> = rows[0]["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| s(&m["from"], "id"))
        .collect();
    assert_eq!(members, ["BFA", "MLI", "NER"]);
    assert!(rows[0]["memberships"].as_array().unwrap().is_empty());
}

#[test]
fn show_relation_traces_it_to_its_sources() {
    let f = fixture("relation-card");
    let args = ["show", "r-accusation", "--facts", &f];
    let table = ok(&args);
    assert!(table.starts_with("Relation r-accusation\n"), "{table}");
    assert!(table.contains("Mali accused France"), "{table}");
    let card = &json(&args)[0];
    assert_eq!(s(card, "card"), "relation");
    assert_eq!(s(card, "sentence"), "Mali accused France");
    assert_eq!(s(&card["start"], "text"), "2022-08-15");
    assert_eq!(s(card, "confidence"), "claimed");
    assert_eq!(s(&card["claimed_by"], "id"), "MLI");
    assert_eq!(
        s(card, "summary"),
        "Mali accused France of violating its airspace."
    );
    assert_eq!(
        s(card, "quote"),
        "des violations répétées de l'espace aérien"
    );
    assert_eq!(s(card, "file"), "tests/fixtures/relation-card/facts.json");
    let sources = card["sources"].as_array().unwrap();
    assert_eq!(sources.len(), 2);
    assert_eq!(s(&sources[0], "title"), "Government statement");
    assert_eq!(s(&sources[0], "publisher"), "Government of Mali");
    assert_eq!(s(&sources[0], "published"), "2022-08-16");
    assert_eq!(s(&sources[1], "url"), "https://example.org/report");
    let (headers, rows) = csv(&args);
    assert_eq!(headers, ["field", "value", "detail"]);
    let source_rows: Vec<(&str, &str)> = rows
        .iter()
        .filter(|r| r["field"] == "source")
        .map(|r| (r["value"].as_str(), r["detail"].as_str()))
        .collect();
    assert_eq!(
        source_rows,
        [
            (
                "Government statement",
                "Government of Mali, 2022-08-16, https://example.org/statement"
            ),
            (
                "Report on the accusation",
                "Example News, 2022-08-17, https://example.org/report"
            ),
        ]
    );
    assert!(
        rows.iter()
            .any(|r| r["field"] == "claimed by" && r["value"] == "Mali (MLI)")
    );
}

#[test]
fn show_closing_event_names_the_tie_it_closed() {
    let card = &json(&["show", "ex-mli-fra-coop-ended", "--facts", MINI])[0];
    let closed = card["closed"].as_array().unwrap();
    assert_eq!(closed.len(), 1);
    assert_eq!(s(&closed[0], "relation"), "ex-fra-mli-coop");
    let mou = &json(&[
        "show",
        "r-mou",
        "--facts",
        &fixture("mou-closed-by-ended-event"),
    ])[0];
    let derived = mou["opened"].as_array().unwrap();
    assert_eq!(derived.len(), 1);
    assert_eq!(s(&derived[0], "kind"), "derived_tie");
    assert_eq!(s(&derived[0], "closed_by"), "r-ended");
}

#[test]
fn show_actor_wins_over_relation_with_same_id() {
    let card = &json(&["show", "MLI", "--facts", &fixture("relation-card")])[0];
    assert_eq!(s(card, "card"), "actor");
}

#[test]
fn show_unknown_suggests_actor_or_relation() {
    let err = fails(2, &["show", "ex-mli-fra-cop-ended", "--facts", MINI]);
    assert!(
        err.contains("no actor or relation `ex-mli-fra-cop-ended`; did you mean relation `ex-mli-fra-coop-ended`?"),
        "{err}"
    );
    let err = fails(2, &["show", "Mail", "--facts", MINI]);
    assert!(err.contains("did you mean Mali (MLI)?"), "{err}");
}

// ---------------------------------------------------------------------------------------
// actors and stats

fn actor_ids(extra: &[&str]) -> Vec<String> {
    let mut args = vec!["actors", "--facts", MINI];
    args.extend(extra);
    json(&args).iter().map(|r| s(r, "id").to_owned()).collect()
}

#[test]
fn actors_in_three_formats() {
    let args = ["actors", "--facts", MINI];
    let table = ok(&args);
    assert!(table.starts_with("Actors: 11\n"), "{table}");
    let rows = json(&args);
    assert_eq!(rows.len(), 11);
    // Sorted by name.
    assert_eq!(s(&rows[0], "name"), "Alliance of Sahel States");
    let mli = rows.iter().find(|r| s(r, "id") == "MLI").unwrap();
    assert_eq!(mli["relations"], 10);
    assert_eq!(s(mli, "wikidata"), "Q912");
    assert_eq!(mli["matched"], Value::Null);
    let (headers, rows) = csv(&args);
    assert_eq!(
        headers,
        [
            "id",
            "name",
            "kind",
            "iso3",
            "wikidata",
            "aliases",
            "relations"
        ]
    );
    let rus = rows.iter().find(|r| r["id"] == "RUS").unwrap();
    assert_eq!(rus["aliases"], "Moscow, Moskau, Russian Federation");
}

#[test]
fn actors_by_kind() {
    assert_eq!(actor_ids(&["--kind", "alliance"]), ["AES"]);
    assert_eq!(
        actor_ids(&["--kind", "government-body"]),
        ["MLI-MOD", "NER-CNSP"]
    );
    assert_eq!(actor_ids(&["--kind", "armed-group"]), Vec::<String>::new());
}

#[test]
fn actors_search_matches_folded_names_aliases_and_ids() {
    // Another language's name, without its accent.
    assert_eq!(actor_ids(&["--search", "etats"]), ["AES", "ECOWAS", "USA"]);
    // An alias, in any case.
    assert_eq!(actor_ids(&["--search", "MOSKAU"]), ["RUS"]);
    // Ids and Wikidata ids.
    assert_eq!(actor_ids(&["--search", "cnsp"]), ["NER-CNSP"]);
    assert_eq!(actor_ids(&["--search", "Q1032"]), ["NER"]);
    assert_eq!(
        actor_ids(&["--search", "sahel", "--kind", "state"]),
        Vec::<String>::new()
    );
    let (headers, rows) = csv(&["actors", "--facts", MINI, "--search", "moskau"]);
    assert_eq!(headers.last().unwrap(), "matched");
    assert_eq!(rows[0]["matched"], "Moskau");
}

/// The `count` of a stats row.
fn stat(rows: &[Value], section: &str, key: &str) -> Option<u64> {
    rows.iter()
        .find(|r| s(r, "section") == section && s(r, "key") == key)
        .and_then(|r| r["count"].as_u64())
}

#[test]
fn stats_in_three_formats() {
    let args = ["stats", "--facts", MINI];
    let table = ok(&args);
    assert!(
        table.starts_with("Facts in examples/sahel-mini: 11 actors, 17 relations, 1 sources\n"),
        "{table}"
    );
    let rows = json(&args);
    assert_eq!(stat(&rows, "totals", "actors"), Some(11));
    assert_eq!(stat(&rows, "totals", "relations"), Some(17));
    assert_eq!(stat(&rows, "totals", "derived ties"), Some(5));
    assert_eq!(stat(&rows, "actors by kind", "state"), Some(6));
    assert_eq!(stat(&rows, "actors by kind", "armed_group"), None);
    assert_eq!(stat(&rows, "relations by type", "joined"), Some(3));
    assert_eq!(stat(&rows, "relations by year", "2023"), Some(4));
    let per_year: u64 = rows
        .iter()
        .filter(|r| s(r, "section") == "relations by year")
        .map(|r| r["count"].as_u64().unwrap())
        .sum();
    assert_eq!(per_year, 17);
    let first = rows.iter().find(|r| s(r, "key") == "first").unwrap();
    assert_eq!(s(&first["date"], "text"), "1975-05-28");
    let last = rows.iter().find(|r| s(r, "key") == "last").unwrap();
    assert_eq!(s(&last["date"], "text"), "2025");
    assert_eq!(s(&last["date"], "latest"), "2025-12-31");
    assert_eq!(stat(&rows, "sources", "relations without sources"), Some(0));
    let (headers, rows) = csv(&args);
    assert_eq!(headers, ["section", "key", "value"]);
    assert!(
        rows.iter()
            .any(|r| r["key"] == "first" && r["value"] == "1975-05-28")
    );
}

#[test]
fn stats_count_unsourced_relations_and_uncited_sources() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("facts.json"),
        r#"{
  "vocabulary": [{"id": "met", "label": "met", "kind": "event", "polarity": "neutral"}],
  "sources": [{"id": "s1", "url": "https://example.org/1"}, {"id": "s2", "url": "https://example.org/2"}],
  "actors": [{"id": "A", "name": "A", "kind": "state"}, {"id": "B", "name": "B", "kind": "other"}],
  "relations": [
    {"id": "r1", "type": "met", "from": "A", "to": "B", "date": "2020", "sources": ["s1"]},
    {"id": "r2", "type": "met", "from": "A", "to": "B", "date": "2021~"}
  ]
}"#,
    )
    .unwrap();
    let rows = json(&["stats", "--facts", dir.path().to_str().unwrap()]);
    assert_eq!(stat(&rows, "sources", "relations without sources"), Some(1));
    assert_eq!(stat(&rows, "sources", "sources never cited"), Some(1));
    assert_eq!(stat(&rows, "relations by year", "2021"), Some(1));
    let first = rows.iter().find(|r| s(r, "key") == "first").unwrap();
    assert_eq!(s(&first["date"], "text"), "2020");
    let last = rows.iter().find(|r| s(r, "key") == "last").unwrap();
    assert_eq!(s(&last["date"], "text"), "2021~");
}

#[test]
fn an_alliances_members_are_its_partners() {
    let f = fixture("alliance-and-organisation");
    let rows = json(&["partners", "AES", "--facts", &f, "--at", "2024-06-01"]);
    let members: Vec<&str> = rows
        .iter()
        .filter(|r| r["member"] == true)
        .map(|r| s(r, "id"))
        .collect();
    assert_eq!(members, ["BFA", "MLI", "NER"]);
    // ECOWAS is an organisation, not an alliance: its members are not its partners.
    let rows = json(&["partners", "ECOWAS", "--facts", &f, "--at", "2024-06-01"]);
    assert!(rows.iter().all(|r| r["member"] == false), "{rows:?}");
}
