//! A chronology: events on their dates, and the days ties began and ended, in date order.
//!
//! A tie (written or derived) gives a start entry and, when its end has a date — written,
//! or the date of the event that closed it — an end entry; a tie whose end is unknown
//! has no end entry, since no day can be given for it. Dates keep their precision.
//!
//! Invariant: entries sort by the first day their date may mean, then the last day, then
//! the id of what they rest on (for a tie ended by an event, that event's id, so the end
//! follows its cause), then event before start before end; so output is deterministic and
//! a month-precision date (`2023-09`) comes before the days of that month.

use crate::date::{Day, FuzzyDate};
use crate::graph::Graph;
use crate::query::item::{self, Item, ItemKind};
use crate::time::Period;

/// What happened on an entry's date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Moment {
    /// An event took place.
    Event,
    /// A tie began.
    Start,
    /// A tie ended.
    End,
}

impl Moment {
    /// The name used in JSON and CSV output.
    pub fn as_str(self) -> &'static str {
        match self {
            Moment::Event => "event",
            Moment::Start => "start",
            Moment::End => "end",
        }
    }
}

/// One dated entry of a timeline.
#[derive(Debug, Clone)]
pub struct Entry {
    /// What happened.
    pub moment: Moment,
    /// When, as written.
    pub date: FuzzyDate,
    /// The event or tie.
    pub item: Item,
}

/// What to list.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Only entries involving any of these actors (all when empty).
    pub actors: Vec<usize>,
    /// Only entries whose date may fall in this period.
    pub window: Option<Period>,
    /// Only entries of these relation types (indices into `Facts::types`; all when empty).
    pub types: Vec<usize>,
}

/// The timeline, in date order.
pub fn timeline(g: &Graph, opts: &Options) -> Vec<Entry> {
    let mut out = Vec::new();
    for it in item::items(g) {
        if !opts.actors.is_empty() && !opts.actors.iter().any(|&a| it.involves(a)) {
            continue;
        }
        if !opts.types.is_empty() && !opts.types.contains(&it.ty) {
            continue;
        }
        let mut dates = Vec::with_capacity(2);
        if it.kind == ItemKind::Event {
            dates.push((Moment::Event, it.start.clone()));
        } else {
            dates.push((Moment::Start, it.start.clone()));
            if let Some(end) = it.end_date() {
                dates.push((Moment::End, end.clone()));
            }
        }
        for (moment, date) in dates {
            let inside = opts
                .window
                .is_none_or(|w| date.earliest() <= w.last && date.latest() >= w.first);
            if inside {
                out.push(Entry {
                    moment,
                    date,
                    item: it.clone(),
                });
            }
        }
    }
    out.sort_by_cached_key(|e| key(g, e));
    out
}

/// The sort key. A tie ended by an event is keyed by that event's id, so on their shared
/// date the end follows its cause instead of falling wherever its own id sorts.
fn key(g: &Graph, e: &Entry) -> (Day, Day, String, Moment, String, ItemKind) {
    let closer = e
        .item
        .closed_by
        .filter(|_| e.moment == Moment::End)
        .and_then(|c| g.facts.relations.get(c))
        .map(|r| r.id.clone());
    let own = e.item.id(g).to_owned();
    (
        e.date.earliest(),
        e.date.latest(),
        closer.unwrap_or_else(|| own.clone()),
        e.moment,
        own,
        e.item.kind,
    )
}
