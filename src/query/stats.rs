//! Counting a fact set: actors by kind, relations by type and year, the span of dates,
//! and how well relations are sourced.
//!
//! A relation's year is the year written in its event date or tie start (a `2023~` counts
//! for 2023). The date range runs from the earliest-starting to the latest-ending date
//! written on any relation (event dates, tie starts and written ends).

use std::collections::{BTreeMap, HashMap};

use crate::date::FuzzyDate;
use crate::graph::Graph;
use crate::model::ActorKind;
use crate::validate::{TieEnd, When};

/// Counts over a fact set.
#[derive(Debug, Clone, Default)]
pub struct Stats {
    /// Fact files read.
    pub files: usize,
    /// Actors.
    pub actors: usize,
    /// Relations.
    pub relations: usize,
    /// Relation types in the vocabulary.
    pub types: usize,
    /// Sources.
    pub sources: usize,
    /// Ties derived from events.
    pub derived_ties: usize,
    /// Actors of each kind (kinds with none left out), in the format's order of kinds.
    pub by_kind: Vec<(ActorKind, usize)>,
    /// Relations of each type (types with none left out): most first, then by type id.
    pub by_type: Vec<(usize, usize)>,
    /// Relations by the year of their date or start, oldest first.
    pub by_year: Vec<(i32, usize)>,
    /// The earliest date written on a relation.
    pub first: Option<FuzzyDate>,
    /// The latest date written on a relation.
    pub last: Option<FuzzyDate>,
    /// Relations that cite no source.
    pub unsourced: usize,
    /// Sources no relation cites.
    pub uncited: usize,
}

/// Counts `g`'s facts.
pub fn stats(g: &Graph) -> Stats {
    let f = &g.facts;
    let by_kind = ActorKind::ALL
        .iter()
        .map(|&k| (k, f.actors.iter().filter(|a| a.fact.kind == k).count()))
        .filter(|&(_, n)| n > 0)
        .collect();
    let mut types: HashMap<usize, usize> = HashMap::new();
    let mut years: BTreeMap<i32, usize> = BTreeMap::new();
    let mut first: Option<&FuzzyDate> = None;
    let mut last: Option<&FuzzyDate> = None;
    let mut cited = vec![false; f.sources.len()];
    let mut unsourced = 0;
    for r in &f.relations {
        *types.entry(r.ty).or_default() += 1;
        let (start, end) = match &r.when {
            When::Event(d) => (d, Some(d)),
            When::Tie { start, end } => (
                start,
                match end {
                    TieEnd::At(d) => Some(d),
                    TieEnd::Ongoing | TieEnd::Unknown => None,
                },
            ),
        };
        *years.entry(start.first_day().ymd().0).or_default() += 1;
        if first.is_none_or(|x| (start.earliest(), start.latest()) < (x.earliest(), x.latest())) {
            first = Some(start);
        }
        for d in std::iter::once(start).chain(end) {
            if last.is_none_or(|x| (d.latest(), d.earliest()) > (x.latest(), x.earliest())) {
                last = Some(d);
            }
        }
        if r.sources.is_empty() {
            unsourced += 1;
        }
        for s in f.sources_of(r) {
            if let Some(c) = cited.get_mut(s) {
                *c = true;
            }
        }
    }
    let type_id = |t: usize| f.types.get(t).map(|t| t.id.clone());
    let mut by_type: Vec<(usize, usize)> = types.into_iter().collect();
    by_type.sort_by_cached_key(|&(t, n)| (std::cmp::Reverse(n), type_id(t)));
    Stats {
        files: f.files.len(),
        actors: f.actors.len(),
        relations: f.relations.len(),
        types: f.types.len(),
        sources: f.sources.len(),
        derived_ties: g.ties.iter().filter(|t| t.is_derived()).count(),
        by_kind,
        by_type,
        by_year: years.into_iter().collect(),
        first: first.cloned(),
        last: last.cloned(),
        unsourced,
        uncited: cited.iter().filter(|c| !**c).count(),
    }
}
