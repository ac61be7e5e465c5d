//! The knowledge graph: actors as petgraph nodes, every relation an edge, and a name index.
//!
//! Many dated edges between the same pair are normal (an agreement, its end, a new one),
//! so this is a plain `DiGraph` with parallel edges; node `i` is actor `i` of [`Facts`]
//! and edge weights are relation indices, so petgraph's algorithms and the facts share one
//! numbering. Questions that walk hop after hop (`neighbours`, `path`) read a compact copy
//! of the same links, one contiguous run per actor (see `Adjacency`), built on the first
//! walk. The name index folds case, accents and punctuation so `mali`, `Russland` and
//! `cote d'ivoire` resolve; ids always win over names, names over aliases.

use crate::validate::Map as HashMap;

use petgraph::graph::{DiGraph, NodeIndex};

use crate::suggest;
use crate::text::fold;
use crate::ties::{self, Basis, Tie};
use crate::time::Span;
use crate::validate::{ActorRec, Facts};

/// A validated fact set as a graph.
#[derive(Debug)]
pub struct Graph {
    /// The facts behind the graph.
    pub facts: Facts,
    /// Node weight: actor index; edge weight: relation index.
    pub graph: DiGraph<usize, usize>,
    /// Every tie, explicit and derived (see [`crate::ties`]).
    pub ties: Vec<Tie>,
    /// For each actor, the indices into `ties` of the ties it takes part in.
    pub ties_of: Vec<Vec<usize>>,
    /// Every actor's links in one contiguous array (see [`Adjacency`]): what questions that
    /// walk the graph (`neighbours`, `path`) read, hop after hop. Built on the first walk,
    /// since questions like `partners` never need it.
    adjacency: std::sync::OnceLock<Adjacency>,
    /// For each relation that is a written tie, the index into `ties` of its `Tie`
    /// (`u32::MAX` for events), so a relation finds its effective end at once.
    written_tie: Vec<u32>,
    /// For each relation, when it is active: an event on its date, a tie from its start
    /// to its end (or to the event that closed it).
    pub spans: Vec<Span>,
    /// Folded name → (tier, actor index); tier 0 is an id, 1 a primary name, 2 a
    /// language's name, 3 an alias. Built on the first lookup that is not an exact id,
    /// since folding every name of a large fact set costs more than most questions.
    names: std::sync::OnceLock<HashMap<String, Vec<(u8, usize)>>>,
}

/// What links two actors: a relation, or a tie derived from events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LinkRef {
    /// Index into `Facts::relations`.
    Relation(usize),
    /// Index into `Graph::ties` (a derived tie).
    Tie(usize),
}

/// One link from an actor to another.
#[derive(Debug, Clone, Copy)]
pub struct Link {
    /// The actor at the other end.
    pub other: usize,
    /// What links them.
    pub what: LinkRef,
    /// When the link is active.
    pub span: Span,
}

/// Why a name did not resolve to one actor.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    /// No actor has this id, name or alias.
    #[error("no actor `{name}`")]
    Unknown {
        /// What the user typed.
        name: String,
        /// Near matches: (id, name).
        suggestions: Vec<(String, String)>,
    },
    /// Several actors share this name.
    #[error("`{name}` could mean several actors")]
    Ambiguous {
        /// What the user typed.
        name: String,
        /// The candidates: (id, name).
        candidates: Vec<(String, String)>,
    },
}

impl Graph {
    /// Builds the graph and name index from validated facts.
    pub fn build(facts: Facts) -> Graph {
        // petgraph's graph on one core while the ties and spans are worked out on the other.
        let (
            graph,
            TieTables {
                ties,
                ties_of,
                spans,
                written_tie,
            },
        ) = std::thread::scope(|scope| {
            let graph = scope.spawn(|| {
                let mut graph = DiGraph::with_capacity(facts.actors.len(), facts.relations.len());
                for i in 0..facts.actors.len() {
                    graph.add_node(i);
                }
                for (i, r) in facts.relations.iter().enumerate() {
                    graph.add_edge(NodeIndex::new(r.from), NodeIndex::new(r.to), i);
                }
                graph
            });
            let rest = Self::tie_tables(&facts);
            match graph.join() {
                Ok(graph) => (graph, rest),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        });
        Graph {
            facts,
            graph,
            ties,
            ties_of,
            adjacency: std::sync::OnceLock::new(),
            written_tie,
            spans,
            names: std::sync::OnceLock::new(),
        }
    }

    /// Every tie, each actor's ties, and each relation's span and written tie.
    fn tie_tables(facts: &Facts) -> TieTables {
        let ties = ties::ties(facts);
        // Each actor's list sized exactly (a hub takes part in a tenth of all ties, and
        // doubling would leave up to half of every list unused).
        let mut degree = vec![0usize; facts.actors.len()];
        for t in &ties {
            for end in [Some(t.from), (t.to != t.from).then_some(t.to)]
                .into_iter()
                .flatten()
            {
                if let Some(d) = degree.get_mut(end) {
                    *d += 1;
                }
            }
        }
        let mut ties_of: Vec<Vec<usize>> = degree.into_iter().map(Vec::with_capacity).collect();
        for (i, t) in ties.iter().enumerate() {
            let ends = [Some(t.from), (t.to != t.from).then_some(t.to)];
            for end in ends.into_iter().flatten() {
                if let Some(v) = ties_of.get_mut(end) {
                    v.push(i);
                }
            }
        }
        let mut spans: Vec<Span> = facts.relations.iter().map(|r| Span::of(&r.when)).collect();
        let mut written_tie = vec![u32::MAX; facts.relations.len()];
        for (ti, t) in ties.iter().enumerate() {
            if let Basis::Explicit(r) = t.basis {
                if let Some(s) = spans.get_mut(r) {
                    *s = t.span;
                }
                if let (Some(w), Ok(ti)) = (written_tie.get_mut(r), u32::try_from(ti)) {
                    *w = ti;
                }
            }
        }
        TieTables {
            ties,
            ties_of,
            spans,
            written_tie,
        }
    }

    /// The folded name index (see `names`).
    fn names(&self) -> &HashMap<String, Vec<(u8, usize)>> {
        self.names.get_or_init(|| {
            let mut names: HashMap<String, Vec<(u8, usize)>> = HashMap::default();
            for (i, a) in self.facts.actors.iter().enumerate() {
                let a = &a.fact;
                let keys = std::iter::once((0u8, a.id.as_str()))
                    .chain(std::iter::once((1, a.name.as_str())))
                    .chain(a.names.values().map(|n| (2, n.as_str())))
                    .chain(a.aliases.iter().map(|n| (3, n.as_str())))
                    .chain(a.iso3.iter().map(|n| (0, n.as_str())));
                for (tier, key) in keys {
                    let entry = names.entry(fold(key)).or_default();
                    if !entry.iter().any(|&(t, x)| x == i && t <= tier) {
                        entry.push((tier, i));
                    }
                }
            }
            names
        })
    }

    /// Everything that links `actor` to another actor: its relations (in both directions;
    /// a relation from an actor to itself twice) and the derived ties it takes part in,
    /// each with its span. Relations come in fact order, then derived ties in tie order.
    pub fn links(&self, actor: usize) -> impl Iterator<Item = Link> + '_ {
        self.adjacency
            .get_or_init(|| Adjacency::build(&self.facts, &self.ties, &self.spans))
            .of(actor)
            .iter()
            .map(|e| Link {
                other: e.other as usize,
                what: e.what(),
                span: e.span,
            })
    }

    /// The index into `ties` of the tie a written tie relation is (`None` for events).
    pub fn written_tie(&self, relation: usize) -> Option<usize> {
        self.written_tie
            .get(relation)
            .filter(|&&t| t != u32::MAX)
            .map(|&t| t as usize)
    }

    /// The actor with this index.
    pub fn actor(&self, i: usize) -> Option<&ActorRec> {
        self.facts.actors.get(i)
    }

    /// Resolves a user's name for an actor: id, name, any language's name or alias,
    /// case- and accent-insensitively.
    pub fn resolve(&self, name: &str) -> Result<usize, ResolveError> {
        if let Some(&i) = self.facts.actor_ix.get(name) {
            return Ok(i);
        }
        let key = fold(name);
        if let Some(hits) = self.names().get(&key) {
            let best = hits.iter().map(|&(t, _)| t).min().unwrap_or(0);
            let mut found: Vec<usize> = hits
                .iter()
                .filter(|&&(t, _)| t == best)
                .map(|&(_, i)| i)
                .collect();
            found.sort_unstable();
            found.dedup();
            if let [one] = found.as_slice() {
                return Ok(*one);
            }
            return Err(ResolveError::Ambiguous {
                name: name.to_owned(),
                candidates: found.into_iter().map(|i| self.label(i)).collect(),
            });
        }
        let mut keys: Vec<&str> = self.names().keys().map(String::as_str).collect();
        keys.sort_unstable();
        let mut suggestions: Vec<(String, String)> = Vec::new();
        for k in suggest::near(&key, keys) {
            for &(_, i) in self.names().get(k).map(Vec::as_slice).unwrap_or_default() {
                let l = self.label(i);
                if !suggestions.contains(&l) {
                    suggestions.push(l);
                }
            }
        }
        suggestions.truncate(3);
        Err(ResolveError::Unknown {
            name: name.to_owned(),
            suggestions,
        })
    }

    fn label(&self, i: usize) -> (String, String) {
        self.actor(i)
            .map(|a| (a.fact.id.clone(), a.fact.name.clone()))
            .unwrap_or_default()
    }
}

/// What [`Graph::build`] works out beside petgraph's graph (see the fields of [`Graph`]).
struct TieTables {
    ties: Vec<Tie>,
    ties_of: Vec<Vec<usize>>,
    spans: Vec<Span>,
    written_tie: Vec<u32>,
}

/// Every actor's links in compressed sparse rows: actor `a`'s are `ends[start[a]..start[a + 1]]`.
///
/// petgraph's `DiGraph` keeps each node's edges as linked lists threaded through one edge
/// array, and a relation's span lives in another; walking a hub's hundred thousand links
/// that way is two scattered reads per link. Here a hop reads one contiguous run of
/// 24-byte entries that carry the other end, the link and its span. (petgraph's own `Csr`
/// refuses the parallel edges dated relations need.)
#[derive(Debug, Default)]
struct Adjacency {
    start: Vec<u32>,
    ends: Vec<End>,
}

/// One link as seen from one of its ends.
#[derive(Debug, Clone, Copy)]
struct End {
    /// The actor at the other end.
    other: u32,
    /// A relation index, or a derived tie's index with [`End::DERIVED`] set (so a fact
    /// set may hold up to 2³¹ relations and as many derived ties, far beyond what fits in
    /// memory here).
    link: u32,
    span: Span,
}

impl End {
    const DERIVED: u32 = 1 << 31;

    fn what(&self) -> LinkRef {
        if self.link & Self::DERIVED == 0 {
            LinkRef::Relation(self.link as usize)
        } else {
            LinkRef::Tie((self.link & !Self::DERIVED) as usize)
        }
    }
}

impl Adjacency {
    fn build(facts: &Facts, ties: &[Tie], spans: &[Span]) -> Adjacency {
        let n = facts.actors.len();
        // (one end, the other end, link) for every end of every link, in the order
        // `links` promises; counted first so every row is placed exactly once.
        let derived = ties
            .iter()
            .enumerate()
            .filter(|(_, t)| t.is_derived())
            .map(|(i, t)| (t.from, t.to, LinkRef::Tie(i)));
        let relations = facts
            .relations
            .iter()
            .enumerate()
            .map(|(i, r)| (r.from, r.to, LinkRef::Relation(i)));
        let all = || relations.clone().chain(derived.clone());
        // A relation from an actor to itself is listed twice, as petgraph lists a self-loop
        // among both outgoing and incoming edges; a derived tie once.
        let ends_of = |(from, to, link): (usize, usize, LinkRef)| {
            let twice = matches!(link, LinkRef::Relation(_)) || from != to;
            [Some((from, to)), twice.then_some((to, from))]
                .into_iter()
                .flatten()
        };
        let mut count = vec![0u32; n + 1];
        for (here, _) in all().flat_map(ends_of) {
            if let Some(c) = count.get_mut(here + 1) {
                *c += 1;
            }
        }
        for i in 1..count.len() {
            let before = count.get(i - 1).copied().unwrap_or(0);
            if let Some(c) = count.get_mut(i) {
                *c += before;
            }
        }
        let total = count.last().copied().unwrap_or(0) as usize;
        let mut ends = vec![
            End {
                other: 0,
                link: 0,
                span: Span::EMPTY,
            };
            total
        ];
        let mut next = count.clone();
        for (from, to, link) in all() {
            let (index, flag, span) = match link {
                LinkRef::Relation(r) => (r, 0, spans.get(r).copied()),
                LinkRef::Tie(t) => (t, End::DERIVED, ties.get(t).map(|t| t.span)),
            };
            let end = |other: usize| End {
                other: u32::try_from(other).unwrap_or(u32::MAX),
                link: u32::try_from(index).unwrap_or(u32::MAX) | flag,
                span: span.unwrap_or(Span::EMPTY),
            };
            for (here, there) in ends_of((from, to, link)) {
                if let Some(slot) = next.get_mut(here)
                    && let Some(e) = ends.get_mut(*slot as usize)
                {
                    *e = end(there);
                    *slot += 1;
                }
            }
        }
        Adjacency { start: count, ends }
    }

    /// The links of `actor` (none for an unknown index).
    fn of(&self, actor: usize) -> &[End] {
        let at = |i: usize| self.start.get(i).map_or(0, |&s| s as usize);
        self.ends.get(at(actor)..at(actor + 1)).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use crate::load::{SourceText, parse};

    fn graph(json: &str) -> Graph {
        let (file, problems) = parse(SourceText {
            path: "t.json".into(),
            text: json.into(),
        });
        assert!(problems.is_empty(), "{problems:?}");
        let checked = crate::validate::validate(vec![file]);
        assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
        Graph::build(checked.facts)
    }

    const ACTORS: &str = r#"{"actors": [
        {"id": "CIV", "name": "Côte d’Ivoire", "kind": "state", "iso3": "CIV"},
        {"id": "RUS", "name": "Russia", "kind": "state", "names": {"de": "Russland", "ru": "Россия"}, "aliases": ["Moskau"]},
        {"id": "NER", "name": "Niger", "kind": "state"},
        {"id": "NGA", "name": "Nigeria", "kind": "state"},
        {"id": "river", "name": "Niger River", "kind": "other", "aliases": ["Niger"]},
        {"id": "a1", "name": "Union", "kind": "alliance"},
        {"id": "a2", "name": "Union", "kind": "organization"}
    ]}"#;

    #[test]
    fn resolves_ids_names_languages_and_aliases_loosely() {
        let g = graph(ACTORS);
        let id = |name: &str| g.resolve(name).map(|i| g.facts.actors[i].fact.id.clone());
        assert_eq!(id("cote d'ivoire").unwrap(), "CIV");
        assert_eq!(id("COTE D’IVOIRE").unwrap(), "CIV");
        assert_eq!(id("russland").unwrap(), "RUS");
        assert_eq!(id("Россия").unwrap(), "RUS");
        assert_eq!(id("moskau").unwrap(), "RUS");
        assert_eq!(id("rus").unwrap(), "RUS");
        // A name beats an alias: "Niger" is the state, not the river.
        assert_eq!(id("niger").unwrap(), "NER");
    }

    #[test]
    fn unknown_and_ambiguous_names_explain_themselves() {
        let g = graph(ACTORS);
        match g.resolve("Nigerr") {
            Err(ResolveError::Unknown { suggestions, .. }) => {
                assert_eq!(suggestions[0], ("NER".to_owned(), "Niger".to_owned()));
            }
            other => panic!("{other:?}"),
        }
        match g.resolve("union") {
            Err(ResolveError::Ambiguous { candidates, .. }) => {
                let ids: Vec<&str> = candidates.iter().map(|c| c.0.as_str()).collect();
                assert_eq!(ids, ["a1", "a2"]);
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            g.resolve("zzzzzzzz"),
            Err(ResolveError::Unknown { suggestions, .. }) if suggestions.is_empty()
        ));
    }

    /// `links` read from the adjacency against the same links worked out from the facts
    /// and ties directly, on the built-in dataset (written ties, events, derived ties).
    #[test]
    fn links_are_every_relation_and_derived_tie_of_the_actor() {
        let checked = crate::load_facts(&crate::FactsOrigin::Embedded);
        let g = Graph::build(checked.facts);
        assert!(
            g.ties.iter().any(Tie::is_derived),
            "the dataset derives ties"
        );
        let key = |l: &Link| (l.what, l.other, l.span.start, l.span.end);
        for actor in 0..g.facts.actors.len() {
            let mut want = Vec::new();
            for (i, r) in g.facts.relations.iter().enumerate() {
                let span = g.spans[i];
                // Both directions; a relation from an actor to itself twice.
                for (here, there) in [(r.from, r.to), (r.to, r.from)] {
                    if here == actor {
                        want.push((LinkRef::Relation(i), there, span.start, span.end));
                    }
                }
            }
            for (i, t) in g.ties.iter().enumerate().filter(|(_, t)| t.is_derived()) {
                if t.from == actor || t.to == actor {
                    want.push((LinkRef::Tie(i), t.other(actor), t.span.start, t.span.end));
                }
            }
            let got: Vec<_> = g.links(actor).map(|l| key(&l)).collect();
            assert_eq!(got, want, "links of {}", g.facts.actors[actor].fact.id);
        }
    }
}
