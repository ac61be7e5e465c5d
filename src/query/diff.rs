//! What changed for an actor between two times: partners gained, lost and kept, and the
//! ties it took part in that started or ended in between.
//!
//! Partners are those of [`super::partners`] at each time, by the same rules (cooperative
//! ties, alliances, `certain`, `direct`): a partner at the later time only is gained, at
//! the earlier only lost, at both kept. A tie of the actor (written or derived, of any
//! type) started in between when its start may fall from the first day of the earlier
//! time to the last day of the later, and ended in between likewise for a dated end (an
//! unknown end has no day to report).

use std::collections::BTreeMap;

use crate::date::{Day, FuzzyDate};
use crate::graph::Graph;
use crate::query::item::Item;
use crate::query::partners::{self, Partner};
use crate::time::{Activity, Period, TimeQuery};

/// What changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Change {
    /// A partner at the later time, not the earlier.
    Gained,
    /// A partner at the earlier time, not the later.
    Lost,
    /// A partner at both times.
    Kept,
    /// A tie of the actor began in between.
    Started,
    /// A tie of the actor ended in between.
    Ended,
}

impl Change {
    /// The name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Gained => "gained",
            Change::Lost => "lost",
            Change::Kept => "kept",
            Change::Started => "started",
            Change::Ended => "ended",
        }
    }
}

/// What to compare.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// The earlier time.
    pub from: Period,
    /// The later time.
    pub to: Period,
    /// Count only certain partners.
    pub certain: bool,
    /// Only the actor's own ties make partners; no alliances.
    pub direct: bool,
}

/// One change.
#[derive(Debug, Clone)]
pub struct Row {
    /// What changed.
    pub change: Change,
    /// The partner, or the actor at the other end of the tie.
    pub actor: usize,
    /// Partnership (or tie) activity at the earlier time.
    pub before: Activity,
    /// Partnership (or tie) activity at the later time.
    pub after: Activity,
    /// For partner rows: the partner as found at the later time (the earlier when lost).
    pub partner: Option<Partner>,
    /// For tie rows: the tie.
    pub tie: Option<Item>,
    /// Since when a partner is one, or the day a tie started or ended.
    pub date: Option<FuzzyDate>,
}

/// The changes for `actor`: partner rows (gained, lost, kept; each by name) then tie rows
/// in date order.
pub fn diff(g: &Graph, actor: usize, opts: &Options) -> Vec<Row> {
    let ask = |t: Period| {
        partners::partners(
            g,
            actor,
            &partners::Options {
                time: TimeQuery::At(t),
                certain: opts.certain,
                direct: opts.direct,
                kind: None,
            },
        )
    };
    let mut both: BTreeMap<usize, (Option<Partner>, Option<Partner>)> = BTreeMap::new();
    for p in ask(opts.from) {
        let who = p.actor;
        both.entry(who).or_default().0 = Some(p);
    }
    for p in ask(opts.to) {
        let who = p.actor;
        both.entry(who).or_default().1 = Some(p);
    }
    let mut rows: Vec<Row> = both
        .into_iter()
        .map(|(other, (before, after))| {
            let change = match (&before, &after) {
                (Some(_), Some(_)) => Change::Kept,
                (Some(_), None) => Change::Lost,
                _ => Change::Gained,
            };
            let act = |p: &Option<Partner>| p.as_ref().map_or(Activity::No, |p| p.activity);
            let (b, a) = (act(&before), act(&after));
            let partner = after.or(before);
            Row {
                change,
                actor: other,
                before: b,
                after: a,
                date: partner.as_ref().and_then(|p| p.since.clone()),
                partner,
                tie: None,
            }
        })
        .collect();
    let name = |i: usize| g.actor(i).map(|a| (a.fact.name.clone(), a.fact.id.clone()));
    rows.sort_by_cached_key(|r| (r.change, name(r.actor)));

    let window = Period {
        first: opts.from.first,
        last: opts.to.last,
    };
    let may_fall_in = |d: &FuzzyDate| d.earliest() <= window.last && d.latest() >= window.first;
    let mut ties: Vec<(Row, (Day, Day, String, Change))> = Vec::new();
    for &ti in g.ties_of.get(actor).map(Vec::as_slice).unwrap_or_default() {
        let Some(t) = g.ties.get(ti) else { continue };
        let item = Item::of_tie(ti, t);
        let mut dated = vec![(Change::Started, item.start.clone())];
        dated.extend(item.end_date().map(|d| (Change::Ended, d.clone())));
        for (change, date) in dated {
            if !may_fall_in(&date) {
                continue;
            }
            let key = (
                date.earliest(),
                date.latest(),
                item.id(g).to_owned(),
                change,
            );
            ties.push((
                Row {
                    change,
                    actor: item.other(actor),
                    before: TimeQuery::At(opts.from).activity(&item.span),
                    after: TimeQuery::At(opts.to).activity(&item.span),
                    partner: None,
                    tie: Some(item.clone()),
                    date: Some(date),
                },
                key,
            ));
        }
    }
    ties.sort_by(|a, b| a.1.cmp(&b.1));
    rows.extend(ties.into_iter().map(|(r, _)| r));
    rows
}
