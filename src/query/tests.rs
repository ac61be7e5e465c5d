//! Properties of the query layer over generated fact sets, run through the whole pipeline
//! (parse, validate, graph, query): a partnership is certain inside a certain tie, and
//! widening a date never turns a certain partnership into none.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use proptest::prelude::*;

use crate::date::{Day, FuzzyDate};
use crate::graph::Graph;
use crate::load::{self, SourceText};
use crate::query::partners::{self, Options};
use crate::time::{Activity, Period, TimeQuery};

/// A graph of two states whose defence cooperation is opened by one event and closed by
/// another, on the given dates.
fn graph(opened: &str, closed: &str) -> Graph {
    let text = format!(
        r#"{{
  "vocabulary": [
    {{"id": "defence_cooperation", "label": "cooperates on defence with", "kind": "tie", "directed": false, "polarity": "cooperative"}},
    {{"id": "mou_signed", "label": "signed an MoU with", "kind": "event", "polarity": "cooperative", "opens": "defence_cooperation"}},
    {{"id": "cooperation_ended", "label": "ended cooperation with", "kind": "event", "polarity": "conflictual", "closes": ["defence_cooperation"]}}
  ],
  "actors": [{{"id": "A", "name": "A", "kind": "state"}}, {{"id": "B", "name": "B", "kind": "state"}}],
  "relations": [
    {{"id": "open", "type": "mou_signed", "from": "A", "to": "B", "date": "{opened}"}},
    {{"id": "close", "type": "cooperation_ended", "from": "B", "to": "A", "date": "{closed}"}}
  ]
}}"#
    );
    let files: Vec<_> = load::parse_all(vec![SourceText {
        path: "gen.json".into(),
        text,
    }])
    .into_iter()
    .map(|(f, _)| f)
    .collect();
    let checked = crate::validate::validate(files);
    assert!(
        checked
            .diagnostics
            .iter()
            .all(|d| d.severity != crate::diagnostic::Severity::Error),
        "{:?}",
        checked.diagnostics
    );
    Graph::build(checked.facts)
}

/// How certainly B is A's partner at `t` (`No` when it is not one).
fn partnership(g: &Graph, t: Period) -> Activity {
    let rows = partners::partners(
        g,
        0,
        &Options {
            time: TimeQuery::At(t),
            certain: false,
            direct: false,
            kind: None,
        },
    );
    rows.first().map_or(Activity::No, |p| p.activity)
}

fn day(d: Day) -> String {
    d.to_string()
}

proptest! {
    #[test]
    fn prop_at_inside_a_certain_derived_tie_is_yes(a in 10_000i32..20_000, len in 0i32..3000, off in 0i32..3000) {
        let g = graph(&day(Day(a)), &day(Day(a + len)));
        let t = Day(a + off.min(len));
        prop_assert_eq!(partnership(&g, Period::day(t)), Activity::Yes);
        prop_assert_eq!(partnership(&g, Period::day(Day(a - 1))), Activity::No);
        prop_assert_eq!(partnership(&g, Period::day(Day(a + len + 1))), Activity::No);
    }

    #[test]
    fn prop_widening_a_date_never_turns_yes_into_no(
        a in 10_000i32..20_000,
        len in 40i32..3000,
        q in 9_900i32..23_100,
        widen_open in any::<bool>(),
        precision in 0usize..3,
    ) {
        let (open, close) = (Day(a), Day(a + len));
        let narrow = graph(&day(open), &day(close));
        // The same dates, written less precisely (month or year, maybe approximate).
        let wide_text = |d: Day| {
            let (y, m, _) = d.ymd();
            match precision {
                0 => format!("{y:04}-{m:02}"),
                1 => format!("{y:04}"),
                _ => format!("{y:04}-{m:02}~"),
            }
        };
        let (o, c) = if widen_open {
            (wide_text(open), day(close))
        } else {
            (day(open), wide_text(close))
        };
        // A close date widened to before the open date would be a different fact.
        prop_assume!(FuzzyDate::parse(&c).unwrap().latest() >= FuzzyDate::parse(&o).unwrap().earliest());
        let wide = graph(&o, &c);
        for t in [Period::day(Day(q)), Period { first: Day(q), last: Day(q + 30) }] {
            let before = partnership(&narrow, t);
            let after = partnership(&wide, t);
            prop_assert!(
                !(before == Activity::Yes && after == Activity::No),
                "{o}..{c} at {:?}: yes became no", t
            );
        }
    }
}

/// A random fact set: `n` actors, `edges` ties and events between random pairs at random
/// dates (some partial, so some links are only maybe active at the asked time).
fn random_graph(n: usize, edges: &[(usize, usize, u8, bool)]) -> Graph {
    let actors: Vec<String> = (0..n)
        .map(|i| format!(r#"{{"id": "A{i}", "name": "A{i}", "kind": "state"}}"#))
        .collect();
    let relations: Vec<String> = edges
        .iter()
        .enumerate()
        .map(|(i, &(a, b, year, event))| {
            let (a, b) = (a % n, b % n);
            let y = 2000 + u32::from(year % 20);
            if event {
                format!(
                    r#"{{"id": "r{i}", "type": "met", "from": "A{a}", "to": "A{b}", "date": "{y}-06"}}"#
                )
            } else {
                format!(
                    r#"{{"id": "r{i}", "type": "tie", "from": "A{a}", "to": "A{b}", "start": "{y}", "end": "{}"}}"#,
                    y + 3
                )
            }
        })
        .collect();
    let text = format!(
        r#"{{"vocabulary": [
    {{"id": "tie", "label": "is tied to", "kind": "tie", "polarity": "neutral"}},
    {{"id": "met", "label": "met", "kind": "event", "polarity": "neutral"}}],
  "actors": [{}], "relations": [{}]}}"#,
        actors.join(","),
        relations.join(",")
    );
    let files: Vec<_> = load::parse_all(vec![SourceText {
        path: "gen.json".into(),
        text,
    }])
    .into_iter()
    .map(|(f, _)| f)
    .collect();
    Graph::build(crate::validate::validate(files).facts)
}

proptest! {
    /// `path` searches from both ends and prunes its walk, yet finds exactly the chain the
    /// plain breadth-first walk from `from` meets first.
    #[test]
    fn prop_path_is_the_chain_the_plain_walk_meets_first(
        n in 2usize..25,
        edges in proptest::collection::vec((0usize..25, 0usize..25, 0u8..20, proptest::bool::ANY), 0..60),
        from in 0usize..25, to in 0usize..25, year in 2000i32..2025, any in proptest::bool::ANY,
        certain in proptest::bool::ANY,
    ) {
        let g = random_graph(n, &edges);
        let (from, to) = (from % n, to % n);
        let time = if any {
            TimeQuery::Always
        } else {
            TimeQuery::At(Period::of(&FuzzyDate::parse(&format!("{year}-03-01")).unwrap()))
        };
        let min = if certain { Activity::Yes } else { Activity::Maybe };
        let max_hops = 6;
        let found = crate::query::path::path(&g, from, to, time, max_hops, min);
        // The plain walk, as `path` did before it searched from both ends.
        let plain = if from == to {
            Some(Vec::new())
        } else {
            let rows = crate::query::neighbours::neighbours(&g, from, max_hops, time, min);
            let mut hops = Vec::new();
            let mut at = to;
            let mut ok = true;
            while at != from {
                let Some(r) = rows.iter().find(|r| r.actor == at) else { ok = false; break };
                hops.push((r.parent, r.actor, r.link));
                at = r.parent;
            }
            hops.reverse();
            ok.then_some(hops)
        };
        let found: Option<Vec<_>> =
            found.map(|h| h.iter().map(|h| (h.from, h.to, h.link)).collect());
        prop_assert_eq!(found, plain);
    }
}
