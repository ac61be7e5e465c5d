//! Listing actors: all of them, those of one kind, or those a text finds.
//!
//! A search matches when the folded text (case, accents and punctuation ignored, as in
//! name lookup) is contained in the folded id, name, any language's name, any alias, the
//! ISO code or the Wikidata id. Rows are sorted by name, then id, and say which name
//! matched, so a hit on an alias or another language's name is explained.

use crate::graph::Graph;
use crate::model::ActorKind;
use crate::text::fold;

/// What to list.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Only actors of this kind.
    pub kind: Option<ActorKind>,
    /// Only actors with an id, name, alias or code containing this text.
    pub search: Option<String>,
}

/// One listed actor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorRow {
    /// Actor index.
    pub actor: usize,
    /// How many relations it takes part in.
    pub relations: usize,
    /// The id, name, alias or code the search matched (the first, in that order).
    pub matched: Option<String>,
}

/// The actors matching `opts`, by name then id.
pub fn actors(g: &Graph, opts: &Options) -> Vec<ActorRow> {
    let mut counts = vec![0usize; g.facts.actors.len()];
    for r in &g.facts.relations {
        if let Some(c) = counts.get_mut(r.from) {
            *c += 1;
        }
        if r.to != r.from
            && let Some(c) = counts.get_mut(r.to)
        {
            *c += 1;
        }
    }
    let needle = opts.search.as_deref().map(fold);
    let mut rows: Vec<ActorRow> = g
        .facts
        .actors
        .iter()
        .enumerate()
        .filter(|(_, a)| opts.kind.is_none_or(|k| a.fact.kind == k))
        .filter_map(|(i, a)| {
            let f = &a.fact;
            let matched = match &needle {
                None => None,
                Some(n) => {
                    let keys = std::iter::once(&f.id)
                        .chain(std::iter::once(&f.name))
                        .chain(f.names.values())
                        .chain(&f.aliases)
                        .chain(&f.iso3)
                        .chain(&f.wikidata);
                    let mut hit = None;
                    for k in keys {
                        if fold(k).contains(n.as_str()) {
                            hit = Some(k.clone());
                            break;
                        }
                    }
                    Some(hit?)
                }
            };
            Some(ActorRow {
                actor: i,
                relations: counts.get(i).copied().unwrap_or(0),
                matched,
            })
        })
        .collect();
    let name = |i: usize| g.actor(i).map(|a| (a.fact.name.clone(), a.fact.id.clone()));
    rows.sort_by_cached_key(|r| name(r.actor));
    rows
}
