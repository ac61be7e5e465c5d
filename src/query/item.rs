//! Relations and derived ties as answers show them: one [`Item`] per thing a row rests on.
//!
//! Queries that list what happened (`between`, `timeline`, `diff`, `show`, `path`,
//! `neighbours`) speak of items: a relation as written — an event on its date, or an
//! explicit tie with its *effective* end (a closing event ends an open-ended tie) — or a
//! tie derived from events, which names the event that opened it and the one that closed
//! it. Every item lists the relations it rests on, so every row traces to its sources.
//!
//! Invariant: items sort by the first and then the last day their date may mean, then by
//! id (a derived tie's id is its opening event's), so the same facts always give the same
//! order.

use crate::date::{Day, FuzzyDate};
use crate::graph::{Graph, LinkRef};
use crate::ties::{Basis, Tie};
use crate::time::Span;
use crate::validate::{TieEnd, When};

/// What an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ItemKind {
    /// An event relation, on its date.
    Event,
    /// A tie relation as written in the facts.
    Tie,
    /// A tie derived from an opening event.
    DerivedTie,
}

impl ItemKind {
    /// The name used in JSON and CSV output.
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Event => "event",
            ItemKind::Tie => "tie",
            ItemKind::DerivedTie => "derived_tie",
        }
    }
}

/// A relation or a derived tie, with what it says and when it holds.
#[derive(Debug, Clone)]
pub struct Item {
    /// Its identity in the graph.
    pub link: LinkRef,
    /// Event, written tie or derived tie.
    pub kind: ItemKind,
    /// Index into `Facts::types`: the relation's type, or the derived tie's type.
    pub ty: usize,
    /// Actor index the relation reads from.
    pub from: usize,
    /// Actor index the relation reads to.
    pub to: usize,
    /// The event's date, or when the tie began.
    pub start: FuzzyDate,
    /// How the tie ends, after closing events are applied; `None` for events.
    pub end: Option<TieEnd>,
    /// For a derived tie: the event (relation index) that opened it.
    pub opened_by: Option<usize>,
    /// The event (relation index) that closed the tie, when an event did.
    pub closed_by: Option<usize>,
    /// When it is active.
    pub span: Span,
}

impl Item {
    /// The item for one of the graph's ties (`ti` indexes `Graph::ties`).
    pub fn of_tie(ti: usize, t: &Tie) -> Item {
        let (link, kind, opened_by) = match t.basis {
            Basis::Explicit(r) => (LinkRef::Relation(r), ItemKind::Tie, None),
            Basis::Derived(e) => (LinkRef::Tie(ti), ItemKind::DerivedTie, Some(e)),
        };
        Item {
            link,
            kind,
            ty: t.ty,
            from: t.from,
            to: t.to,
            start: t.start.clone(),
            end: Some(t.end.clone()),
            opened_by,
            closed_by: t.closed_by,
            span: t.span,
        }
    }

    /// The item a link refers to.
    pub fn of(g: &Graph, link: LinkRef) -> Option<Item> {
        match link {
            LinkRef::Tie(ti) => g.ties.get(ti).map(|t| Item::of_tie(ti, t)),
            LinkRef::Relation(r) => {
                let rel = g.facts.relations.get(r)?;
                // A written tie's effective end lives on its `Tie`.
                let written = g
                    .written_tie(r)
                    .and_then(|ti| g.ties.get(ti).map(|t| Item::of_tie(ti, t)));
                if written.is_some() {
                    return written;
                }
                let (kind, start, end) = match &rel.when {
                    When::Event(d) => (ItemKind::Event, d.clone(), None),
                    When::Tie { start, end } => (ItemKind::Tie, start.clone(), Some(end.clone())),
                };
                Some(Item {
                    link,
                    kind,
                    ty: rel.ty,
                    from: rel.from,
                    to: rel.to,
                    start,
                    end,
                    opened_by: None,
                    closed_by: None,
                    span: g.spans.get(r).copied().unwrap_or(Span::EMPTY),
                })
            }
        }
    }

    /// The relation indices it rests on: itself or its opening event, then its closing event.
    pub fn relations(&self) -> Vec<usize> {
        let first = match self.link {
            LinkRef::Relation(r) => Some(r),
            LinkRef::Tie(_) => self.opened_by,
        };
        first.into_iter().chain(self.closed_by).collect()
    }

    /// Its id: the relation's, or for a derived tie its opening event's.
    pub fn id<'g>(&self, g: &'g Graph) -> &'g str {
        self.relations()
            .first()
            .and_then(|&r| g.facts.relations.get(r))
            .map_or("", |r| r.id.as_str())
    }

    /// True when `actor` is at either end.
    pub fn involves(&self, actor: usize) -> bool {
        self.from == actor || self.to == actor
    }

    /// The actor at the other end, seen from `actor`.
    pub fn other(&self, actor: usize) -> usize {
        if self.from == actor {
            self.to
        } else {
            self.from
        }
    }

    /// The date the tie ended, when one is known (events have none).
    pub fn end_date(&self) -> Option<&FuzzyDate> {
        match &self.end {
            Some(TieEnd::At(d)) => Some(d),
            _ => None,
        }
    }

    /// The sort key: first day, last day, id, then events before ties before derived ties.
    pub fn sort_key(&self, g: &Graph) -> (Day, Day, String, ItemKind) {
        (
            self.start.earliest(),
            self.start.latest(),
            self.id(g).to_owned(),
            self.kind,
        )
    }
}

/// Sorts items into date order (see the module invariant).
pub fn sort(g: &Graph, items: &mut [Item]) {
    items.sort_by_cached_key(|i| i.sort_key(g));
}

/// Every relation and every derived tie, in date order.
pub fn items(g: &Graph) -> Vec<Item> {
    let mut out: Vec<Item> = g
        .ties
        .iter()
        .enumerate()
        .map(|(ti, t)| Item::of_tie(ti, t))
        .collect();
    let tied: std::collections::HashSet<usize> = g
        .ties
        .iter()
        .filter_map(|t| match t.basis {
            Basis::Explicit(r) => Some(r),
            Basis::Derived(_) => None,
        })
        .collect();
    out.extend(
        (0..g.facts.relations.len())
            .filter(|r| !tied.contains(r))
            .filter_map(|r| Item::of(g, LinkRef::Relation(r))),
    );
    sort(g, &mut out);
    out
}

/// The items an actor takes part in, in date order.
pub fn items_of(g: &Graph, actor: usize) -> Vec<Item> {
    let mut out: Vec<Item> = g.links(actor).filter_map(|l| Item::of(g, l.what)).collect();
    // A relation from an actor to itself is reached twice.
    out.sort_by_key(|i| i.link);
    out.dedup_by_key(|i| i.link);
    sort(g, &mut out);
    out
}
