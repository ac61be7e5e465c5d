//! Ties as queries see them: explicit ties and ties derived from events.
//!
//! Curators often record what happened ("a defence agreement was signed", "cooperation
//! ended") rather than the state it created. The vocabulary says which event types open
//! a tie type (`opens`) and which close one (`closes`); from that, every opening event
//! starts a derived tie between the same two actors on its date, running until the next
//! closing event between them (in either direction), else ongoing. A derived tie names the
//! events that opened and closed it, so every answer built on it can be traced.
//!
//! Rules: an explicit tie is never duplicated by derivation (an opening event that falls
//! within an explicit tie of the same type and pair derives nothing), and an explicit tie
//! without an end is ended by the first closing event after its start, exactly like a
//! derived one (a `withdrew_from` ends an open-ended `member_of`).

use crate::validate::Map as HashMap;

use crate::date::FuzzyDate;
use crate::model::{Polarity, TypeKind};
use crate::time::{Activity, Span};
use crate::validate::{Facts, TieEnd, When};

/// Where a tie comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Basis {
    /// A tie relation written in the facts (index into `Facts::relations`).
    Explicit(usize),
    /// Opened by this event relation (index into `Facts::relations`).
    Derived(usize),
}

/// A tie between two actors, explicit or derived, with its effective span.
#[derive(Debug, Clone)]
pub struct Tie {
    /// Index into `Facts::types` (a tie type).
    pub ty: usize,
    /// Actor index of `from`.
    pub from: usize,
    /// Actor index of `to`.
    pub to: usize,
    /// When it began.
    pub start: FuzzyDate,
    /// When it ended.
    pub end: TieEnd,
    /// Its span, for activity questions.
    pub span: Span,
    /// The relation it is, or the event that opened it.
    pub basis: Basis,
    /// The event that closed it, when an event did.
    pub closed_by: Option<usize>,
}

impl Tie {
    /// The relation indices this tie rests on: itself or its opening event, then its closing event.
    pub fn relations(&self) -> Vec<usize> {
        let first = match self.basis {
            Basis::Explicit(r) | Basis::Derived(r) => r,
        };
        std::iter::once(first).chain(self.closed_by).collect()
    }

    /// True when derived from events.
    pub fn is_derived(&self) -> bool {
        matches!(self.basis, Basis::Derived(_))
    }

    /// The other end of the tie, seen from `actor`.
    pub fn other(&self, actor: usize) -> usize {
        if self.from == actor {
            self.to
        } else {
            self.from
        }
    }
}

fn pair(a: usize, b: usize) -> (usize, usize) {
    if a <= b { (a, b) } else { (b, a) }
}

/// Every tie of a fact set: explicit ties first (in relation order), then derived ones.
pub fn ties(facts: &Facts) -> Vec<Tie> {
    let kind = |ty: usize| facts.types.get(ty).map(|t| t.kind);
    // Closing events by unordered pair, in date order.
    let mut closers: HashMap<(usize, usize), Vec<usize>> = HashMap::default();
    let mut openers = Vec::new();
    for (i, r) in facts.relations.iter().enumerate() {
        let Some(t) = facts.types.get(r.ty) else {
            continue;
        };
        if t.kind != TypeKind::Event {
            continue;
        }
        if !t.closes.is_empty() {
            closers.entry(pair(r.from, r.to)).or_default().push(i);
        }
        if t.opens.is_some() {
            openers.push(i);
        }
    }
    let date_of = |i: usize| match facts.relations.get(i).map(|r| &r.when) {
        Some(When::Event(d)) => Some(d),
        _ => None,
    };
    for list in closers.values_mut() {
        list.sort_by_key(|&i| {
            (
                date_of(i).map(|d| (d.earliest(), d.latest())),
                facts.relations.get(i).map(|r| r.id.as_str()),
            )
        });
    }
    // The first event after `start` between the pair that closes tie type `ty`.
    let close = |a: usize, b: usize, ty: usize, start: &FuzzyDate, not: Option<usize>| {
        let tid = facts.types.get(ty).map(|t| t.id.as_str())?;
        closers.get(&pair(a, b))?.iter().copied().find(|&c| {
            Some(c) != not
                && facts
                    .relations
                    .get(c)
                    .and_then(|r| facts.types.get(r.ty))
                    .is_some_and(|t| t.closes.iter().any(|x| x == tid))
                && date_of(c).is_some_and(|d| d.latest() >= start.earliest())
        })
    };

    let mut out = Vec::with_capacity(facts.relations.len());
    let mut explicit: HashMap<(usize, usize, usize), Vec<usize>> = HashMap::default();
    for (i, r) in facts.relations.iter().enumerate() {
        let When::Tie { start, end } = &r.when else {
            continue;
        };
        if kind(r.ty) != Some(TypeKind::Tie) {
            continue;
        }
        let (end, closed_by) = match end {
            TieEnd::Ongoing => match close(r.from, r.to, r.ty, start, None) {
                Some(c) => (
                    date_of(c).map_or(TieEnd::Ongoing, |d| TieEnd::At(d.clone())),
                    Some(c),
                ),
                None => (TieEnd::Ongoing, None),
            },
            other => (other.clone(), None),
        };
        if !openers.is_empty() {
            // Only opening events ask which explicit ties cover them.
            let (a, b) = pair(r.from, r.to);
            explicit.entry((r.ty, a, b)).or_default().push(out.len());
        }
        out.push(Tie {
            ty: r.ty,
            from: r.from,
            to: r.to,
            span: Span::tie(start, &end),
            start: start.clone(),
            end,
            basis: Basis::Explicit(i),
            closed_by,
        });
    }
    for e in openers {
        let Some(r) = facts.relations.get(e) else {
            continue;
        };
        let Some(ty) = facts
            .types
            .get(r.ty)
            .and_then(|t| t.opens.as_ref())
            .and_then(|o| facts.type_ix.get(o).copied())
        else {
            continue;
        };
        let When::Event(date) = &r.when else {
            continue;
        };
        let (a, b) = pair(r.from, r.to);
        let covered = explicit.get(&(ty, a, b)).is_some_and(|ts| {
            ts.iter().any(|&t| {
                out.get(t)
                    .is_some_and(|t: &Tie| t.span.at(crate::time::Period::of(date)) != Activity::No)
            })
        });
        if covered {
            continue;
        }
        let closed_by = close(r.from, r.to, ty, date, Some(e));
        let end = closed_by
            .and_then(date_of)
            .map_or(TieEnd::Ongoing, |d| TieEnd::At(d.clone()));
        out.push(Tie {
            ty,
            from: r.from,
            to: r.to,
            span: Span::tie(date, &end),
            start: date.clone(),
            end,
            basis: Basis::Derived(e),
            closed_by,
        });
    }
    out
}

/// The polarity of a tie's type.
pub fn polarity(facts: &Facts, tie: &Tie) -> Option<Polarity> {
    facts.types.get(tie.ty).map(|t| t.polarity)
}
