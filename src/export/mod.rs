//! Exports: the graph, or the part of it a filter selects, as files other programs open.
//!
//! [`select`] applies the filters shared with the queries (time, ego network, relation
//! types, actor kinds) once and resolves the result into plain data — [`Node`]s, [`Link`]s
//! (relations and derived ties) and alliance [`Cluster`]s — that every writer consumes, so
//! all formats hold the same actors and relations. One file per format sits behind the
//! [`Format`] enum; each writer turns a [`Selection`] into bytes and never touches the
//! disk, so rendering fails before anything is written ([`atomic`] writes the result).
//!
//! A selection may hold a million links, so it borrows rather than copies: a [`Link`]'s
//! texts are references into the graph, and the selection keeps each link as an index
//! ([`Links`]) resolved only as a writer reads it. The CSV and DOT writers, which face the
//! largest selections, write their text directly and on every core (module `runs`).
//!
//! Invariants: every link's two ends are nodes of the selection; nodes are sorted by id,
//! links by (derived, id), cluster members by id, so every export is deterministic and
//! diffs cleanly; a derived tie's id is `derived:` followed by its opening event's id,
//! which never clashes with a fact id (`:` is not allowed in ids).

pub mod atomic;
mod csv;
mod cypher;
mod dot;
mod fields;
mod gexf;
mod graphml;
mod json;
mod neo4j;
mod ntriples;
mod plover;
mod props;
mod rdf;
mod readme;
mod render;
mod runs;
mod swar;
mod turtle;
mod xml;

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use crate::date::{Day, FuzzyDate};
use crate::graph::{Graph, LinkRef};
use crate::model::{ActorKind, Confidence, FactFile, Polarity, TypeKind};
use crate::query::neighbours::neighbours;
use crate::ties::Basis;
use crate::time::{Activity, FOREVER, Period, Span, TimeQuery};
use crate::validate::{ActorRec, Facts, MEMBER_OF, TieEnd, When};
use fields::push_date;

pub use dot::quote as dot_quote;
pub use xml::escape as xml_escape;

/// The file name stem of single-file exports written into a folder.
pub const STEM: &str = "polity";

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// Graphviz DOT text.
    Dot,
    /// SVG rendered by Graphviz `dot`.
    Svg,
    /// PNG rendered by Graphviz `dot`.
    Png,
    /// PDF rendered by Graphviz `dot`.
    Pdf,
    /// `nodes.csv` and `edges.csv` (or `edges.csv` alone).
    Csv,
    /// The resolved graph as one JSON document.
    Json,
    /// GraphML, for yEd, Cytoscape and networkx.
    Graphml,
    /// GEXF 1.3 with time intervals, for Gephi.
    Gexf,
    /// The CSV files `neo4j-admin database import` takes: actors, sources, relations.
    Neo4j,
    /// An idempotent Cypher script (`MERGE` on ids) for a running Neo4j or Memgraph.
    Cypher,
    /// RDF Turtle: actors, relation statements with their dates and sources (PROV-O).
    Ttl,
    /// RDF N-Triples: the same triples as Turtle, one per line.
    Nt,
    /// Events as JSON lines in the PLOVER layout, for event-data tools.
    Jsonl,
}

impl Format {
    /// Every format, in the order `export all` writes them.
    pub const ALL: [Format; 13] = [
        Format::Dot,
        Format::Svg,
        Format::Png,
        Format::Pdf,
        Format::Csv,
        Format::Json,
        Format::Graphml,
        Format::Gexf,
        Format::Neo4j,
        Format::Cypher,
        Format::Ttl,
        Format::Nt,
        Format::Jsonl,
    ];

    /// The format's name on the command line, also its file extension.
    pub fn name(self) -> &'static str {
        match self {
            Format::Dot => "dot",
            Format::Svg => "svg",
            Format::Png => "png",
            Format::Pdf => "pdf",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Graphml => "graphml",
            Format::Gexf => "gexf",
            Format::Neo4j => "neo4j",
            Format::Cypher => "cypher",
            Format::Ttl => "ttl",
            Format::Nt => "nt",
            Format::Jsonl => "jsonl",
        }
    }

    /// True for formats rendered by Graphviz's `dot` program.
    pub fn is_image(self) -> bool {
        matches!(self, Format::Svg | Format::Png | Format::Pdf)
    }

    /// The names of the files this format writes into a folder.
    pub fn file_names(self, opts: &Options) -> Vec<String> {
        match self {
            Format::Csv if opts.edges_only => vec!["edges.csv".to_owned()],
            Format::Csv => vec!["nodes.csv".to_owned(), "edges.csv".to_owned()],
            Format::Neo4j => neo4j::FILES.iter().map(|&f| f.to_owned()).collect(),
            f => vec![format!("{STEM}.{}", f.name())],
        }
    }

    /// True when the format writes several files, so it needs a folder.
    pub fn needs_folder(self, opts: &Options) -> bool {
        self.file_names(opts).len() > 1
    }

    /// True for formats that write the selection's fact file or its sources and
    /// vocabulary ([`Selection::facts`]).
    pub fn needs_facts(self) -> bool {
        matches!(
            self,
            Format::Json
                | Format::Jsonl
                | Format::Ttl
                | Format::Nt
                | Format::Neo4j
                | Format::Cypher
        )
    }

    /// True for formats that are not text.
    pub fn is_binary(self) -> bool {
        matches!(self, Format::Png | Format::Pdf)
    }
}

/// Options of particular formats.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// CSV: write `edges.csv` only.
    pub edges_only: bool,
    /// CSV: start with a UTF-8 byte-order mark and neutralise cells a spreadsheet would
    /// run as formulas.
    pub excel: bool,
    /// RDF: write a direct triple for each relation certainly active at this time (the
    /// `--at` date, else today); `None` writes none.
    pub now: Option<Period>,
}

/// One exported file: its name inside an output folder, and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    /// The file name (no folder), e.g. `polity.dot`, `edges.csv`.
    pub name: String,
    /// The content.
    pub bytes: Vec<u8>,
}

/// Why an export could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Graphviz's `dot` is not installed or not on `PATH`.
    #[error(
        "Graphviz `dot` is not installed (or not on PATH); install it with `apt-get install graphviz` or `brew install graphviz`"
    )]
    GraphvizMissing,
    /// `dot` ran and failed.
    #[error("Graphviz `dot` failed: {0}")]
    Graphviz(String),
    /// Writing into memory failed (CSV).
    #[error("{0}")]
    Write(String),
}

/// Produces the files of one format.
pub fn export(format: Format, sel: &Selection, opts: &Options) -> Result<Vec<File>, ExportError> {
    let contents: Vec<Vec<u8>> = match format {
        Format::Dot => vec![dot::dot(sel).into_bytes()],
        Format::Svg | Format::Png | Format::Pdf => {
            vec![render::render(format, &dot::dot(sel))?]
        }
        Format::Csv => csv::csv(sel, *opts),
        Format::Json => vec![json::json(sel).into_bytes()],
        Format::Graphml => vec![graphml::graphml(sel).into_bytes()],
        Format::Gexf => vec![gexf::gexf(sel).into_bytes()],
        Format::Neo4j => neo4j::neo4j(sel)?,
        Format::Cypher => vec![cypher::cypher(sel).into_bytes()],
        Format::Ttl => vec![turtle::turtle(sel, opts.now).into_bytes()],
        Format::Nt => vec![ntriples::ntriples(sel, opts.now).into_bytes()],
        Format::Jsonl => vec![plover::jsonl(sel).into_bytes()],
    };
    Ok(format
        .file_names(opts)
        .into_iter()
        .zip(contents)
        .map(|(name, bytes)| File { name, bytes })
        .collect())
}

/// Every format (the images only when `images` is set) plus a `README.md` describing
/// every format's files (the images too, so the README does not depend on Graphviz), as
/// `export all` writes them into a folder. Everything is produced before anything is
/// written, so a missing Graphviz writes nothing.
pub fn all(sel: &Selection, opts: &Options, images: bool) -> Result<Vec<File>, ExportError> {
    let mut files = Vec::new();
    let mut names = Vec::new();
    for f in Format::ALL {
        names.extend(f.file_names(opts));
        if f.is_image() && !images {
            continue;
        }
        files.extend(export(f, sel, opts)?);
    }
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    files.push(File {
        name: "README.md".to_owned(),
        bytes: readme::readme(sel, &names).into_bytes(),
    });
    Ok(files)
}

/// What to export: the filters shared with the queries. The default selects everything.
#[derive(Debug, Clone)]
pub struct Filter {
    /// Only what is active then (`Always`: everything, with its dates).
    pub time: TimeQuery,
    /// The time as the user wrote it, e.g. `2025-09-01`, for titles and the JSON export.
    pub time_text: Option<String>,
    /// Only the actor (index) and those within this many hops of it.
    pub around: Option<(usize, usize)>,
    /// Only relations (and derived ties) of these types (indices into `Facts::types`).
    pub types: Vec<usize>,
    /// Only actors of these kinds.
    pub kinds: Vec<ActorKind>,
}

impl Default for Filter {
    fn default() -> Self {
        Filter {
            time: TimeQuery::Always,
            time_text: None,
            around: None,
            types: Vec::new(),
            kinds: Vec::new(),
        }
    }
}

impl Filter {
    /// True when nothing is filtered out.
    pub fn is_everything(&self) -> bool {
        self.time == TimeQuery::Always
            && self.around.is_none()
            && self.types.is_empty()
            && self.kinds.is_empty()
    }

    /// `at`, `during` or `throughout`, or `None` without a time filter.
    pub fn time_mode(&self) -> Option<&'static str> {
        match self.time {
            TimeQuery::At(_) => Some("at"),
            TimeQuery::During(_) => Some("during"),
            TimeQuery::Throughout(_) => Some("throughout"),
            TimeQuery::Always => None,
        }
    }

    /// The asked period, when there is one.
    pub fn period(&self) -> Option<Period> {
        match self.time {
            TimeQuery::At(p) | TimeQuery::During(p) | TimeQuery::Throughout(p) => Some(p),
            TimeQuery::Always => None,
        }
    }
}

/// An actor in an export.
#[derive(Debug, Clone)]
pub struct Node {
    /// Index into `Facts::actors`.
    pub actor: usize,
    /// The actor's id.
    pub id: String,
    /// Its display name, in full Unicode.
    pub name: String,
    /// What sort of actor it is.
    pub kind: ActorKind,
    /// ISO 3166 alpha-3 code.
    pub iso3: Option<String>,
    /// Wikidata item id.
    pub wikidata: Option<String>,
    /// Who this is.
    pub description: Option<String>,
    /// Names by language tag.
    pub names: BTreeMap<String, String>,
    /// Other names.
    pub aliases: Vec<String>,
    /// When it came into being.
    pub start: Option<FuzzyDate>,
    /// When it ceased to exist.
    pub end: Option<FuzzyDate>,
    /// Whether it exists at the filter's time (`None` without a time filter).
    pub activity: Option<Activity>,
    /// The alliance (id) whose cluster it is drawn in, if any.
    pub cluster: Option<String>,
}

impl Node {
    /// When the actor exists: from its start to its end, each unbounded when not given.
    pub fn span(&self) -> Span {
        actor_span(self.start.as_ref(), self.end.as_ref())
    }
}

/// A cited source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourceRef<'g> {
    /// The source's id.
    pub id: &'g str,
    /// Its address.
    pub url: &'g str,
}

/// The sources a link cites: those of its relation, or of a derived tie's opening and
/// closing events, each once, in the order written. Read from the facts when iterated
/// rather than copied into every link (a million links would mean a million lists).
#[derive(Debug, Clone, Copy)]
pub struct Sources<'g> {
    facts: &'g Facts,
    lists: [&'g [u32]; 2],
}

impl<'g> Sources<'g> {
    fn of(facts: &'g Facts, relations: &[usize]) -> Sources<'g> {
        let mut lists: [&'g [u32]; 2] = [&[], &[]];
        for (list, rel) in lists
            .iter_mut()
            .zip(relations.iter().filter_map(|&r| facts.relations.get(r)))
        {
            *list = facts
                .citations
                .get(rel.sources.start as usize..rel.sources.end as usize)
                .unwrap_or_default();
        }
        Sources { facts, lists }
    }

    /// Each source, once. Source ids are unique in a fact set, so one index is one source.
    pub fn iter(&self) -> impl Iterator<Item = SourceRef<'g>> + use<'g> {
        let facts = self.facts;
        let [a, b] = self.lists;
        let all = move || a.iter().chain(b);
        all()
            .enumerate()
            .filter(move |&(i, s)| !all().take(i).any(|p| p == s))
            .filter_map(move |(_, &s)| facts.sources.get(s as usize))
            .map(|s| SourceRef {
                id: s.id,
                url: s.url,
            })
    }
}

/// A relation or a derived tie in an export, with everything resolved. Its texts are
/// borrowed from the graph: an export of a million relations copies no strings to make
/// its links.
#[derive(Debug, Clone)]
pub struct Link<'g> {
    /// The relation's id, or `derived:` and the opening event's id.
    pub id: Cow<'g, str>,
    /// True for a tie derived from an opening event.
    pub derived: bool,
    /// Id of the `from` actor.
    pub from: &'g str,
    /// Name of the `from` actor.
    pub from_name: &'g str,
    /// Id of the `to` actor.
    pub to: &'g str,
    /// Name of the `to` actor.
    pub to_name: &'g str,
    /// The relation type's id.
    pub ty: &'g str,
    /// How the type reads from `from` to `to`.
    pub label: &'g str,
    /// Event or tie.
    pub kind: TypeKind,
    /// Cooperative, conflictual, neutral or structural.
    pub polarity: Polarity,
    /// Whether `from` and `to` play different roles.
    pub directed: bool,
    /// An event's date.
    pub date: Option<FuzzyDate>,
    /// A tie's start.
    pub start: Option<FuzzyDate>,
    /// A tie's effective end (a closing event's date when one ended it); `None` for events.
    pub end: Option<TieEnd>,
    /// A derived tie's opening event (relation id).
    pub opened_by: Option<&'g str>,
    /// The event (relation id) that ended this tie, if one did.
    pub closed_by: Option<&'g str>,
    /// How active it is at the filter's time (`None` without a time filter).
    pub activity: Option<Activity>,
    /// How well it is established (a derived tie: its opening event's).
    pub confidence: Confidence,
    /// Whose claim it is.
    pub claimed_by: Option<&'g str>,
    /// The sources cited (a derived tie: its opening and closing events').
    pub sources: Sources<'g>,
    /// One sentence saying what happened.
    pub summary: Option<&'g str>,
    /// The exact words of a source (a derived tie: none; its opening event has them).
    pub quote: Option<&'g str>,
    /// When it is active.
    pub span: Span,
}

impl Link<'_> {
    /// The link's dates at their own precision, e.g. `2019-06`, `2013 – 2022-05-02`,
    /// `since 2021-12~`, `2020 – ?` (ended, date unknown).
    pub fn when(&self) -> String {
        let mut out = String::new();
        self.push_when(&mut out);
        out
    }

    /// [`Link::when`], appended to `out`.
    pub fn push_when(&self, out: &mut String) {
        match (&self.date, &self.start, &self.end) {
            (Some(d), _, _) => push_date(out, d),
            (None, Some(s), end) => {
                if !matches!(end, Some(TieEnd::At(_) | TieEnd::Unknown)) {
                    out.push_str("since ");
                }
                push_date(out, s);
                match end {
                    Some(TieEnd::At(e)) => {
                        out.push_str(" – ");
                        push_date(out, e);
                    }
                    Some(TieEnd::Unknown) => out.push_str(" – ?"),
                    _ => {}
                }
            }
            (None, None, _) => {}
        }
    }

    /// The link's dates as an EDTF interval (`2013/2022-05-02`, `2021-12~/..` while
    /// ongoing, `2020/` when the end is unknown) or an event's date.
    pub fn edtf(&self) -> String {
        let mut out = String::new();
        self.push_edtf(&mut out);
        out
    }

    /// [`Link::edtf`], appended to `out`.
    pub fn push_edtf(&self, out: &mut String) {
        match (&self.date, &self.start, &self.end) {
            (Some(d), _, _) => push_date(out, d),
            (None, Some(s), end) => {
                push_date(out, s);
                match end {
                    Some(TieEnd::At(e)) => {
                        out.push('/');
                        push_date(out, e);
                    }
                    Some(TieEnd::Unknown) => out.push('/'),
                    _ => out.push_str("/.."),
                }
            }
            (None, None, _) => {}
        }
    }

    /// The end date, when the tie ended at a known date.
    pub fn end_date(&self) -> Option<&FuzzyDate> {
        match &self.end {
            Some(TieEnd::At(d)) => Some(d),
            _ => None,
        }
    }
}

/// A link of a selection before it is resolved: a relation or a derived tie, and its
/// activity at the filter's time (`None` without a time filter).
#[derive(Debug, Clone, Copy)]
pub(crate) struct LinkIx {
    what: LinkRef,
    activity: Option<Activity>,
}

impl LinkIx {
    /// True when [`LinkIx::resolve`] gives a link, found without resolving a relation.
    fn resolves(self, g: &Graph) -> bool {
        match self.what {
            LinkRef::Relation(r) => g.facts.relations.get(r).is_some_and(|rel| {
                g.facts.types.get(rel.ty).is_some()
                    && g.actor(rel.from).is_some()
                    && g.actor(rel.to).is_some()
            }),
            LinkRef::Tie(_) => self.resolve(g).is_some(),
        }
    }

    fn resolve(self, g: &Graph) -> Option<Link<'_>> {
        match self.what {
            LinkRef::Relation(r) => relation_link(g, r, self.activity),
            LinkRef::Tie(t) => derived_link(g, t, self.activity),
        }
    }
}

/// A selection's links, in order: kept as indices into the graph and resolved into
/// [`Link`]s as they are read, so a selection of a million links holds a few bytes for
/// each rather than every link at once.
#[derive(Debug, Clone)]
pub struct Links<'g> {
    g: &'g Graph,
    /// Each resolves (checked when selected).
    ixs: Vec<LinkIx>,
}

impl<'g> Links<'g> {
    /// The number of links.
    pub fn len(&self) -> usize {
        self.ixs.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.ixs.is_empty()
    }

    /// Every link, in order.
    pub fn iter(&self) -> LinkIter<'_, 'g> {
        self.resolve(&self.ixs)
    }

    /// The links, unresolved, to be split into runs ([`Links::resolve`]).
    pub(crate) fn ixs(&self) -> &[LinkIx] {
        &self.ixs
    }

    /// Some of [`Links::ixs`], resolved.
    pub(crate) fn resolve<'a>(&self, ixs: &'a [LinkIx]) -> LinkIter<'a, 'g> {
        LinkIter {
            g: self.g,
            ixs: ixs.iter(),
        }
    }
}

/// The links of a selection, resolved one by one (see [`Links`]).
#[derive(Debug, Clone)]
pub struct LinkIter<'a, 'g> {
    g: &'g Graph,
    ixs: std::slice::Iter<'a, LinkIx>,
}

impl<'g> Iterator for LinkIter<'_, 'g> {
    type Item = Link<'g>;

    fn next(&mut self) -> Option<Link<'g>> {
        let g = self.g;
        self.ixs.find_map(|ix| ix.resolve(g))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (0, Some(self.ixs.len()))
    }
}

impl<'a, 'g> IntoIterator for &'a Links<'g> {
    type Item = Link<'g>;
    type IntoIter = LinkIter<'a, 'g>;

    fn into_iter(self) -> LinkIter<'a, 'g> {
        self.iter()
    }
}

/// Alliance members drawn together: an alliance and its members at the filter's time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cluster {
    /// The alliance's id.
    pub alliance: String,
    /// The alliance's name.
    pub name: String,
    /// Ids of the members drawn in it, sorted.
    pub members: Vec<String>,
}

/// What an export holds, resolved into plain data (links borrow their texts from the
/// graph).
#[derive(Debug, Clone)]
pub struct Selection<'g> {
    /// The filter that made it.
    pub filter: Filter,
    /// The centre of an ego network: (id, name).
    pub around: Option<(String, String)>,
    /// Ids of the selected relation types (empty: all).
    pub types: Vec<String>,
    /// Actors, sorted by id.
    pub nodes: Vec<Node>,
    /// Relations then derived ties, each sorted by id.
    pub links: Links<'g>,
    /// Alliance clusters, sorted by alliance id.
    pub clusters: Vec<Cluster>,
    /// The selected facts as a fact file: the whole vocabulary, the selected actors (plus
    /// any actor a selected relation names in `claimed_by`) and relations, and the sources
    /// they cite (all sources when nothing is filtered out), each sorted by id.
    pub facts: FactFile,
}

impl Selection<'_> {
    /// A one-line description, e.g. `Mali (MLI) within 1 hop, at 2025-09-01`.
    pub fn title(&self) -> String {
        let mut parts = Vec::new();
        match &self.around {
            Some((id, name)) => {
                let depth = self.filter.around.map_or(1, |(_, d)| d);
                let hops = if depth == 1 { "hop" } else { "hops" };
                parts.push(format!("{name} ({id}) within {depth} {hops}"));
            }
            None => parts.push("all actors".to_owned()),
        }
        if !self.types.is_empty() {
            parts.push(format!("types {}", self.types.join(", ")));
        }
        if !self.filter.kinds.is_empty() {
            let k: Vec<&str> = self.filter.kinds.iter().map(|k| k.as_str()).collect();
            parts.push(format!("kinds {}", k.join(", ")));
        }
        match (self.filter.time_mode(), &self.filter.time_text) {
            (Some(mode), Some(t)) => parts.push(format!("{mode} {t}")),
            _ => parts.push("all dates".to_owned()),
        }
        parts.join(", ")
    }
}

fn actor_span(start: Option<&FuzzyDate>, end: Option<&FuzzyDate>) -> Span {
    let never = Day(i32::MIN / 2);
    Span {
        start: start.map_or(Period::day(never), Period::of),
        end: end.map_or(Period::day(FOREVER), Period::of),
    }
}

fn activity_at(filter: &Filter, span: &Span) -> Activity {
    filter.time.activity(span)
}

/// Applies a filter to the graph and resolves the result.
pub fn select<'g>(g: &'g Graph, filter: &Filter) -> Selection<'g> {
    select_for(g, filter, true)
}

/// [`select`], leaving `facts` empty unless `with_facts` (see [`Format::needs_facts`]):
/// copying a million relations into a fact file is wasted on a CSV or a diagram.
pub fn select_for<'g>(g: &'g Graph, filter: &Filter, with_facts: bool) -> Selection<'g> {
    let facts = &g.facts;
    let timed = filter.time != TimeQuery::Always;
    let kind_ok = |a: &ActorRec| filter.kinds.is_empty() || filter.kinds.contains(&a.fact.kind);
    let type_ok = |ty: usize| filter.types.is_empty() || filter.types.contains(&ty);

    // Candidate actors: the ego network, or every actor; then by kind and lifespan.
    let centre = filter.around.map(|(a, _)| a);
    let candidates: Vec<usize> = match filter.around {
        Some((start, depth)) => std::iter::once(start)
            .chain(
                neighbours(g, start, depth, filter.time, Activity::Maybe)
                    .into_iter()
                    .map(|n| n.actor),
            )
            .collect(),
        None => (0..facts.actors.len()).collect(),
    };
    let mut actors: BTreeSet<usize> = candidates
        .into_iter()
        .filter(|&i| {
            g.actor(i).is_some_and(|a| {
                Some(i) == centre
                    || (kind_ok(a)
                        && activity_at(filter, &actor_span(a.start.as_ref(), a.end.as_ref()))
                            != Activity::No)
            })
        })
        .collect();
    // Candidates were filtered by lifespan; links may still touch an actor outside its
    // lifespan (the facts say so), so link ends are checked against the kind-filtered set.
    // A flag per actor, as every relation's two ends are looked up.
    let reachable: Vec<bool> = match filter.around {
        Some(_) => flags(facts.actors.len(), actors.iter().copied()),
        None => (0..facts.actors.len())
            .map(|i| g.actor(i).is_some_and(kind_ok))
            .collect(),
    };
    let ends_ok = |a: usize, b: usize| {
        let ok = |x: usize| reachable.get(x).copied().unwrap_or(false) || Some(x) == centre;
        ok(a) && ok(b)
    };

    let mut rels: Vec<(usize, Activity)> = Vec::new();
    for (i, r) in facts.relations.iter().enumerate() {
        let span = g.spans.get(i).copied().unwrap_or(Span::EMPTY);
        let act = activity_at(filter, &span);
        if act != Activity::No && type_ok(r.ty) && ends_ok(r.from, r.to) {
            rels.push((i, act));
        }
    }
    let mut derived: Vec<(usize, Activity)> = Vec::new();
    for (i, t) in g.ties.iter().enumerate() {
        let act = activity_at(filter, &t.span);
        if t.is_derived() && act != Activity::No && type_ok(t.ty) && ends_ok(t.from, t.to) {
            derived.push((i, act));
        }
    }
    let ends = rels
        .iter()
        .filter_map(|&(r, _)| facts.relations.get(r).map(|r| (r.from, r.to)))
        .chain(
            derived
                .iter()
                .filter_map(|&(t, _)| g.ties.get(t).map(|t| (t.from, t.to))),
        );
    let touched = flags(facts.actors.len(), ends.flat_map(|(a, b)| [a, b]));
    let touched = touched
        .iter()
        .enumerate()
        .filter_map(|(i, &t)| t.then_some(i));
    if filter.types.is_empty() {
        actors.extend(touched);
    } else {
        // A type filter asks about those relations: actors without one are left out.
        actors = touched.collect();
        actors.extend(centre);
    }

    let mut nodes: Vec<Node> = actors
        .iter()
        .filter_map(|&i| g.actor(i).map(|a| node(i, a, filter, timed)))
        .collect();
    nodes.sort_by(|a, b| a.id.cmp(&b.id));

    // Sorted by id as (id, index) pairs, then resolved in that order, so the sort moves
    // small pairs rather than whole links (stable, as ids of derived ties may repeat).
    let mut rels: Vec<(&str, usize, Activity)> = rels
        .into_iter()
        .filter_map(|(r, act)| Some((facts.relations.get(r)?.id.as_str(), r, act)))
        .collect();
    rels.sort_by(|a, b| a.0.cmp(b.0));
    let mut derived: Vec<(&str, usize, Activity)> = derived
        .into_iter()
        .filter_map(|(t, act)| Some((derived_opener(g, t)?.id.as_str(), t, act)))
        .collect();
    derived.sort_by(|a, b| a.0.cmp(b.0));
    // An explicit tie's effective end comes from its Tie (a closing event may end it).
    let ixs: Vec<LinkIx> = rels
        .iter()
        .map(|&(_, r, act)| (LinkRef::Relation(r), act))
        .chain(derived.iter().map(|&(_, t, act)| (LinkRef::Tie(t), act)))
        .map(|(what, act)| LinkIx {
            what,
            activity: timed.then_some(act),
        })
        .filter(|ix| ix.resolves(g))
        .collect();
    let links = Links { g, ixs };

    let clusters = clusters(g, filter, &actors);
    // Nodes by id, so marking cluster members costs a lookup, not a scan of every node
    // (a later cluster wins, as before).
    let by_id: crate::validate::Map<String, usize> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.clone(), i))
        .collect();
    for c in &clusters {
        for id in std::iter::once(&c.alliance).chain(&c.members) {
            if let Some(n) = by_id.get(id).and_then(|&i| nodes.get_mut(i)) {
                n.cluster = Some(c.alliance.clone());
            }
        }
    }

    let fact_file = if with_facts {
        let rels: Vec<(usize, Activity)> = rels.iter().map(|&(_, r, act)| (r, act)).collect();
        fact_file(g, filter, &actors, &rels)
    } else {
        FactFile::default()
    };
    Selection {
        filter: filter.clone(),
        around: centre
            .and_then(|c| g.actor(c))
            .map(|a| (a.fact.id.clone(), a.fact.name.clone())),
        types: filter
            .types
            .iter()
            .filter_map(|&t| facts.types.get(t).map(|t| t.id.clone()))
            .collect(),
        nodes,
        links,
        clusters,
        facts: fact_file,
    }
}

fn node(i: usize, a: &ActorRec, filter: &Filter, timed: bool) -> Node {
    let f = &a.fact;
    Node {
        actor: i,
        id: f.id.clone(),
        name: f.name.clone(),
        kind: f.kind,
        iso3: f.iso3.clone(),
        wikidata: f.wikidata.clone(),
        description: f.description.clone(),
        names: f.names.clone(),
        aliases: f.aliases.clone(),
        start: a.start.clone(),
        end: a.end.clone(),
        activity: timed.then(|| activity_at(filter, &actor_span(a.start.as_ref(), a.end.as_ref()))),
        cluster: None,
    }
}

/// A flag per actor, set for the given ones.
fn flags(len: usize, set: impl IntoIterator<Item = usize>) -> Vec<bool> {
    let mut out = vec![false; len];
    for i in set {
        if let Some(f) = out.get_mut(i) {
            *f = true;
        }
    }
    out
}

fn relation_id(g: &Graph, r: usize) -> Option<&str> {
    g.facts.relations.get(r).map(|r| r.id.as_str())
}

fn relation_link(g: &Graph, r: usize, activity: Option<Activity>) -> Option<Link<'_>> {
    let rel = g.facts.relations.get(r)?;
    let ty = g.facts.types.get(rel.ty)?;
    let from = g.actor(rel.from)?;
    let to = g.actor(rel.to)?;
    let tie = g.written_tie(r).and_then(|t| g.ties.get(t));
    let (date, start, end, closed_by) = match (&rel.when, tie) {
        (When::Event(d), _) => (Some(d.clone()), None, None, None),
        (When::Tie { start, .. }, Some(t)) => (
            None,
            Some(start.clone()),
            Some(t.end.clone()),
            t.closed_by.and_then(|c| relation_id(g, c)),
        ),
        (When::Tie { start, end }, None) => (None, Some(start.clone()), Some(end.clone()), None),
    };
    Some(Link {
        id: Cow::Borrowed(&rel.id),
        derived: false,
        from: &from.fact.id,
        from_name: &from.fact.name,
        to: &to.fact.id,
        to_name: &to.fact.name,
        ty: &ty.id,
        label: &ty.label,
        kind: ty.kind,
        polarity: ty.polarity,
        directed: ty.directed,
        date,
        start,
        end,
        opened_by: None,
        closed_by,
        activity,
        confidence: rel.confidence(),
        claimed_by: g.facts.claimant(rel),
        sources: Sources::of(&g.facts, &[r]),
        summary: rel.summary(),
        quote: rel.quote(),
        span: g.spans.get(r).copied().unwrap_or(Span::EMPTY),
    })
}

/// The event that opened a derived tie.
fn derived_opener(g: &Graph, t: usize) -> Option<&crate::validate::Rel> {
    let Basis::Derived(opener) = g.ties.get(t)?.basis else {
        return None;
    };
    g.facts.relations.get(opener)
}

fn derived_link(g: &Graph, t: usize, activity: Option<Activity>) -> Option<Link<'_>> {
    let tie = g.ties.get(t)?;
    let open = derived_opener(g, t)?;
    let ty = g.facts.types.get(tie.ty)?;
    let from = g.actor(tie.from)?;
    let to = g.actor(tie.to)?;
    Some(Link {
        id: Cow::Owned(format!("derived:{}", open.id)),
        derived: true,
        from: &from.fact.id,
        from_name: &from.fact.name,
        to: &to.fact.id,
        to_name: &to.fact.name,
        ty: &ty.id,
        label: &ty.label,
        kind: ty.kind,
        polarity: ty.polarity,
        directed: ty.directed,
        date: None,
        start: Some(tie.start.clone()),
        end: Some(tie.end.clone()),
        opened_by: Some(&open.id),
        closed_by: tie.closed_by.and_then(|c| relation_id(g, c)),
        activity,
        confidence: open.confidence(),
        claimed_by: g.facts.claimant(open),
        sources: Sources::of(&g.facts, &tie.relations()),
        summary: open.summary(),
        quote: None,
        span: tie.span,
    })
}

/// Alliances and their members at the filter's time. An actor is drawn in one cluster
/// only (Graphviz cannot draw a node in two): the alliance whose membership is most
/// certain then, began latest, and has the smallest id, in that order.
fn clusters(g: &Graph, filter: &Filter, actors: &BTreeSet<usize>) -> Vec<Cluster> {
    let is_alliance = |i: usize| {
        g.actor(i)
            .is_some_and(|a| a.fact.kind == ActorKind::Alliance)
    };
    let mut best: BTreeMap<usize, (Activity, Day, std::cmp::Reverse<String>, usize)> =
        BTreeMap::new();
    for t in &g.ties {
        let member_tie = g.facts.types.get(t.ty).is_some_and(|ty| ty.id == MEMBER_OF);
        if !member_tie
            || !is_alliance(t.to)
            || is_alliance(t.from)
            || !actors.contains(&t.from)
            || !actors.contains(&t.to)
        {
            continue;
        }
        let act = activity_at(filter, &t.span);
        if act == Activity::No {
            continue;
        }
        let id = g.actor(t.to).map(|a| a.fact.id.clone()).unwrap_or_default();
        let key = (act, t.start.earliest(), std::cmp::Reverse(id), t.to);
        let better = best.get(&t.from).is_none_or(|cur| key > *cur);
        if better {
            best.insert(t.from, key);
        }
    }
    let mut by_alliance: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for (member, (_, _, _, alliance)) in best {
        if let Some(a) = g.actor(member) {
            by_alliance
                .entry(alliance)
                .or_default()
                .push(a.fact.id.clone());
        }
    }
    let mut out: Vec<Cluster> = by_alliance
        .into_iter()
        .filter_map(|(a, mut members)| {
            let al = g.actor(a)?;
            members.sort();
            Some(Cluster {
                alliance: al.fact.id.clone(),
                name: al.fact.name.clone(),
                members,
            })
        })
        .collect();
    out.sort_by(|a, b| a.alliance.cmp(&b.alliance));
    out
}

/// The selected facts as a fact file that loads back unchanged.
fn fact_file(
    g: &Graph,
    filter: &Filter,
    actors: &BTreeSet<usize>,
    rels: &[(usize, Activity)],
) -> FactFile {
    let facts = &g.facts;
    let mut vocabulary = facts.types.clone();
    vocabulary.sort_by(|a, b| a.id.cmp(&b.id));
    // Whoever a kept relation names as claimant must be there too, or the file would
    // not load back.
    let claimants = rels
        .iter()
        .filter_map(|&(r, _)| facts.relations.get(r)?.claimed_by());
    let with_claimants: BTreeSet<usize> = actors.iter().copied().chain(claimants).collect();
    let mut actor_facts: Vec<_> = with_claimants
        .iter()
        .filter_map(|&i| g.actor(i).map(|a| a.fact.clone()))
        .collect();
    actor_facts.sort_by(|a, b| a.id.cmp(&b.id));
    let mut relations: Vec<_> = rels
        .iter()
        .filter_map(|&(r, _)| facts.relations.get(r).map(|r| facts.written(r)))
        .collect();
    relations.sort_by(|a, b| a.id.cmp(&b.id));
    let cited: BTreeSet<usize> = rels
        .iter()
        .filter_map(|&(r, _)| facts.relations.get(r))
        .flat_map(|r| facts.sources_of(r))
        .collect();
    let mut sources: Vec<_> = facts
        .sources
        .iter()
        .enumerate()
        .filter(|(i, _)| filter.is_everything() || cited.contains(i))
        .map(|(_, s)| s.to_source())
        .collect();
    sources.sort_by(|a, b| a.id.cmp(&b.id));
    FactFile {
        schema: None,
        vocabulary,
        sources,
        actors: actor_facts,
        relations,
    }
}
