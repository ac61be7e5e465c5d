//! Validation: the whole set of parsed files checked at once, every problem reported.
//!
//! Input is what [`crate::load`] parsed; output is [`Facts`], in which every reference is
//! resolved to an index and every date parsed, so later steps never re-check anything.
//! Elements with errors are left out of `Facts` (and reported); a reference to an id that
//! sits in a file that failed to parse is not reported again, so one broken file does not
//! cause a cascade of "unknown actor" errors elsewhere.

use std::collections::{HashMap, HashSet};

/// The hash map used for ids: foldhash, several times faster than `SipHash` on short keys.
/// Fact files are the user's own, so flooding resistance buys nothing here.
pub type Map<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

use crate::date::FuzzyDate;
use crate::diagnostic::{Diagnostic, FieldPath};
use crate::load::stage::{Notes, StagedDate, StagedRelation, Sym, Symbols};
use crate::load::{self, ParsedFile};
use crate::model::{Actor, Confidence, FactFile, Relation, RelationType, TypeKind};
use crate::sources::SourceTable;
use crate::suggest;

/// The reserved relation type for membership, relied on by queries.
pub const MEMBER_OF: &str = "member_of";

/// When a relation holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum When {
    /// An event on a date.
    Event(FuzzyDate),
    /// A tie from a start to an end.
    Tie {
        /// When it began.
        start: FuzzyDate,
        /// When it ended, if it did.
        end: TieEnd,
    },
}

/// How a tie ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TieEnd {
    /// Still in force.
    Ongoing,
    /// Ended at a date no source gives (`"ended": true`).
    Unknown,
    /// Ended at this date.
    At(FuzzyDate),
}

/// A validated relation: its id, its references resolved, its dates parsed.
///
/// Compact on purpose (a fact set may hold millions): the type, actors and sources are
/// indices, the dates are [`When`], and the rarely given free text sits behind one
/// pointer. What the file said is recoverable from these (a date displays as written).
#[derive(Debug, Clone)]
pub struct Rel {
    /// Its id.
    pub id: String,
    /// Index into [`Facts::types`].
    pub ty: usize,
    /// Index into [`Facts::actors`] of `from`.
    pub from: usize,
    /// Index into [`Facts::actors`] of `to`.
    pub to: usize,
    /// When it holds.
    pub when: When,
    /// Its sources: a range of [`Facts::citations`] (see [`Facts::sources_of`]).
    pub sources: std::ops::Range<u32>,
    /// `confidence` as written (see [`Rel::confidence`]).
    pub stated_confidence: Option<Confidence>,
    /// `ended` as written.
    pub ended: Option<bool>,
    /// Summary, quote and claimant, when any is given (see [`Rel::claimed_by`]).
    pub notes: Option<Box<Notes>>,
    /// Index into [`Facts::files`] of the file that defines it.
    pub file: usize,
}

impl Rel {
    /// The confidence, `reported` when not given.
    pub fn confidence(&self) -> Confidence {
        self.stated_confidence.unwrap_or_default()
    }

    /// One sentence saying what happened, if given.
    pub fn summary(&self) -> Option<&str> {
        self.notes.as_ref()?.summary.as_deref()
    }

    /// The exact words of a source, if given.
    pub fn quote(&self) -> Option<&str> {
        self.notes.as_ref()?.quote.as_deref()
    }

    /// Index into [`Facts::actors`] of the actor whose claim this is.
    pub fn claimed_by(&self) -> Option<usize> {
        self.notes.as_ref()?.claimed_by
    }
}

/// A validated actor with its parsed lifespan.
#[derive(Debug, Clone)]
pub struct ActorRec {
    /// The actor as written.
    pub fact: Actor,
    /// Parsed `start`.
    pub start: Option<FuzzyDate>,
    /// Parsed `end`.
    pub end: Option<FuzzyDate>,
    /// Index into [`Facts::files`] of the file that defines it.
    pub file: usize,
}

/// A validated fact set: every id unique, every reference resolved, every date parsed.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// The files read, in order.
    pub files: Vec<String>,
    /// Relation types.
    pub types: Vec<RelationType>,
    /// Sources, stored compactly.
    pub sources: SourceTable,
    /// Actors.
    pub actors: Vec<ActorRec>,
    /// Relations.
    pub relations: Relations,
    /// Every relation's sources (indices into `sources`), relation after relation.
    pub citations: Vec<u32>,
    /// Type id → index.
    pub type_ix: Map<String, usize>,
    /// Actor id → index. (Sources are found by [`SourceTable::find`]: every reference
    /// to one is resolved here once, so no index of millions of ids is kept.)
    pub actor_ix: Map<String, usize>,
}

/// The validated relations, indexed from 0 in file order, kept in per-file chunks.
///
/// Chunks rather than one array on purpose: while loading, each file's staged relations are
/// freed as its validated ones are built, and a chunk of about the same size reuses that
/// memory, where one array for a million relations would be a fresh allocation on top (at
/// 1M relations the difference is most of a hundred megabytes of peak memory).
#[derive(Debug, Clone, Default)]
pub struct Relations {
    chunks: Vec<Vec<Rel>>,
    /// The index of each chunk's first relation.
    firsts: Vec<usize>,
    len: usize,
}

impl Relations {
    /// The number of relations.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The relation at index `i`.
    pub fn get(&self, i: usize) -> Option<&Rel> {
        let c = self.firsts.partition_point(|&f| f <= i).checked_sub(1)?;
        self.chunks.get(c)?.get(i - self.firsts.get(c)?)
    }

    /// Every relation, in index order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &Rel> + Clone + '_ {
        self.chunks.iter().flatten()
    }

    /// Appends a chunk of relations (an empty one is skipped).
    pub fn push_chunk(&mut self, chunk: Vec<Rel>) {
        if !chunk.is_empty() {
            self.firsts.push(self.len);
            self.len += chunk.len();
            self.chunks.push(chunk);
        }
    }
}

impl<'a> IntoIterator for &'a Relations {
    type Item = &'a Rel;
    type IntoIter = std::iter::Flatten<std::slice::Iter<'a, Vec<Rel>>>;

    fn into_iter(self) -> Self::IntoIter {
        self.chunks.iter().flatten()
    }
}

impl Facts {
    /// The id of the actor whose claim a relation is, if it names one.
    pub fn claimant(&self, r: &Rel) -> Option<&str> {
        r.claimed_by()
            .and_then(|a| self.actors.get(a))
            .map(|a| a.fact.id.as_str())
    }

    /// A relation as its fact file wrote it (for exports that write fact files back).
    pub fn written(&self, r: &Rel) -> Relation {
        let (date, start, end) = match &r.when {
            When::Event(d) => (Some(d.to_string()), None, None),
            When::Tie { start, end } => (
                None,
                Some(start.to_string()),
                match end {
                    TieEnd::At(e) => Some(e.to_string()),
                    TieEnd::Ongoing | TieEnd::Unknown => None,
                },
            ),
        };
        Relation {
            id: r.id.clone(),
            kind: self
                .types
                .get(r.ty)
                .map(|t| t.id.clone())
                .unwrap_or_default(),
            from: self
                .actors
                .get(r.from)
                .map(|a| a.fact.id.clone())
                .unwrap_or_default(),
            to: self
                .actors
                .get(r.to)
                .map(|a| a.fact.id.clone())
                .unwrap_or_default(),
            date,
            start,
            end,
            summary: r.summary().map(str::to_owned),
            sources: self
                .sources_of(r)
                .filter_map(|s| self.sources.get(s))
                .map(|s| s.id.to_owned())
                .collect(),
            quote: r.quote().map(str::to_owned),
            confidence: r.stated_confidence,
            claimed_by: self.claimant(r).map(str::to_owned),
            ended: r.ended,
        }
    }

    /// The sources a relation cites (indices into [`Facts::sources`]), in written order.
    pub fn sources_of(&self, r: &Rel) -> impl Iterator<Item = usize> + '_ {
        self.citations
            .get(r.sources.start as usize..r.sources.end as usize)
            .unwrap_or_default()
            .iter()
            .map(|&s| s as usize)
    }
}

/// The result of validating: the usable facts and every problem found.
#[derive(Debug)]
pub struct Checked {
    /// What is usable.
    pub facts: Facts,
    /// Every problem, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

/// True when an id is non-empty and uses only `A-Z a-z 0-9 _ . -`.
fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
}

struct Ctx<'a> {
    files: &'a [ParsedFile],
    diagnostics: Vec<Diagnostic>,
    /// Ids that may be defined where we could not read them (see `maybe_lost`).
    lost: std::cell::OnceCell<HashSet<String>>,
}

impl<'a> Ctx<'a> {
    /// A context with no problems found yet (one per thread that checks).
    fn new(files: &'a [ParsedFile]) -> Self {
        Ctx {
            files,
            diagnostics: Vec::new(),
            lost: std::cell::OnceCell::new(),
        }
    }

    fn at(&mut self, d: Diagnostic, file: usize, path: &FieldPath, at_key: bool) {
        let d = match self.files.get(file) {
            Some(f) => load::located(d, &f.path, f.text(), f.index(), path, at_key),
            None => d,
        };
        self.diagnostics.push(d);
    }

    fn place(&self, file: usize, path: &FieldPath) -> String {
        match self.files.get(file) {
            Some(f) => {
                let off = f.index().locate(f.text(), &path.0, false).unwrap_or(0);
                let loc = f.index().location(f.text(), off);
                format!("{}:{}:{}", f.path, loc.line, loc.column)
            }
            None => String::from("?"),
        }
    }

    /// True when `id` may be defined in a file or element that could not be read, so an
    /// "unknown" report would only be a follow-on error.
    fn maybe_lost(&self, id: &str) -> bool {
        self.lost
            .get_or_init(|| {
                let mut lost = HashSet::new();
                for f in self.files {
                    lost.extend(f.dropped_ids.iter().cloned());
                    if f.broken {
                        // Every string literal of the unreadable file, roughly: the
                        // segments between double quotes.
                        lost.extend(f.text().split('"').skip(1).step_by(2).map(str::to_owned));
                    }
                }
                lost
            })
            .contains(id)
    }

    /// Parses the date at `path.key`, reporting a bad one.
    fn date(
        &mut self,
        text: Option<&str>,
        file: usize,
        path: &(impl Place + ?Sized),
        key: &str,
    ) -> Option<FuzzyDate> {
        let text = text?;
        match FuzzyDate::parse(text) {
            Ok(d) => Some(d),
            Err(e) => {
                self.at(
                    Diagnostic::error("E030", e.message).with_hint(e.hint),
                    file,
                    &path.path().key(key),
                    false,
                );
                None
            }
        }
    }

    fn check_id(&mut self, id: &str, file: usize, path: &(impl Place + ?Sized)) -> bool {
        let ok = valid_id(id);
        if !ok {
            let fixed: String = id
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || "_.-".contains(c) {
                        c
                    } else {
                        '-'
                    }
                })
                .collect();
            let message = if id.is_empty() {
                "empty id".to_owned()
            } else {
                format!("id `{id}` has characters outside A-Z a-z 0-9 _ . -")
            };
            let mut d = Diagnostic::error("E011", message);
            d = if fixed.is_empty() {
                d.with_hint("give it a non-empty id such as `MLI` or `rel-2023-09-16-aes-founded`")
            } else {
                d.with_hint(format!(
                    "use letters, digits, `_`, `.` and `-` only, e.g. `{fixed}`"
                ))
            };
            self.at(d, file, &path.path().key("id"), false);
        }
        ok
    }

    /// A date parsed while staging; one that did not parse is parsed again to report why.
    fn staged_date(
        &mut self,
        date: Option<&StagedDate>,
        file: usize,
        path: &(impl Place + ?Sized),
        key: &str,
    ) -> Option<FuzzyDate> {
        match date? {
            Ok(d) => Some(d.clone()),
            Err(text) => self.date(Some(text), file, path, key),
        }
    }

    /// Reports a duplicate id when `first` (file and path of the first definition) is
    /// given. Returns false for a duplicate.
    fn register(
        &mut self,
        first: Option<&(usize, FieldPath)>,
        what: &str,
        id: &str,
        file: usize,
        path: &(impl Place + ?Sized),
    ) -> bool {
        if let Some((f0, p0)) = first {
            let first = self.place(*f0, &p0.key("id"));
            self.at(
                Diagnostic::error("E010", format!("duplicate {what} id `{id}`"))
                    .with_note(format!("first defined at {first}"))
                    .with_hint(format!(
                        "give each {what} its own id, or merge the two entries"
                    )),
                file,
                &path.path().key("id"),
                false,
            );
            return false;
        }
        true
    }

    #[allow(clippy::too_many_arguments)] // one call shape for three kinds of reference
    fn unknown<'k>(
        &mut self,
        code: &'static str,
        what: &str,
        id: &str,
        known: &dyn Fn() -> Vec<&'k str>,
        describe: impl Fn(&str) -> Option<String>,
        file: usize,
        path: &FieldPath,
    ) {
        if self.maybe_lost(id) {
            return;
        }
        let mut d = Diagnostic::error(code, format!("unknown {what} `{id}`"));
        let mut keys = known();
        keys.sort_unstable();
        d = match suggest::closest(id, keys) {
            Some(s) => match describe(s) {
                Some(desc) => d.with_hint(format!("did you mean `{s}` ({desc})?")),
                None => d.with_hint(format!("did you mean `{s}`?")),
            },
            None => d.with_hint(format!(
                "define a {what} with this id, or use an existing one"
            )),
        };
        self.at(d, file, path, false);
    }
}

/// First definitions of ids defined more than once: for the element at `(file, index)`
/// the `(file, index)` of the first element with the same id. Ids are borrowed, so this
/// costs a table of references, not a copy of every id; `count` (how many ids come) sizes
/// it once instead of growing it through a million inserts.
fn duplicates<'x>(
    ids: impl Iterator<Item = (usize, usize, &'x str)>,
    count: usize,
) -> HashMap<(usize, usize), (usize, usize)> {
    let mut seen: Map<&str, (usize, usize)> =
        Map::with_capacity_and_hasher(count, foldhash::fast::RandomState::default());
    let mut dups = HashMap::new();
    for (fi, i, id) in ids {
        match seen.entry(id) {
            std::collections::hash_map::Entry::Occupied(first) => {
                dups.insert((fi, i), *first.get());
            }
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert((fi, i));
            }
        }
    }
    dups
}

/// Where an element's id was first defined, if this element repeats it.
fn first_of(
    files: &[ParsedFile],
    dups: &HashMap<(usize, usize), (usize, usize)>,
    collection: &str,
    at: (usize, usize),
) -> Option<(usize, FieldPath)> {
    dups.get(&at).map(|&(f0, i0)| {
        let pos = files.get(f0).map_or(i0, |f| {
            f.position(
                load::COLLECTIONS
                    .iter()
                    .position(|c| *c == collection)
                    .unwrap_or(0),
                i0,
            )
        });
        (f0, FieldPath::element(collection, pos))
    })
}

/// Validates parsed files into facts and diagnostics. The files' facts are moved, not
/// copied, into the result; the files stay with the diagnostics' locations.
pub fn validate(mut files: Vec<ParsedFile>) -> Checked {
    let mut source_tables = Vec::with_capacity(files.len());
    let mut relation_lists = Vec::with_capacity(files.len());
    for f in &mut files {
        f.stage();
        let staged = f.staged.take().unwrap_or_default();
        source_tables.push(staged.sources);
        relation_lists.push((staged.symbols, staged.cites, staged.relations));
    }
    let contents: Vec<FactFile> = files
        .iter_mut()
        .map(|f| std::mem::take(&mut f.facts))
        .collect();
    let mut vocabularies = Vec::with_capacity(contents.len());
    let mut actor_lists = Vec::with_capacity(contents.len());
    for c in contents {
        vocabularies.push(c.vocabulary);
        actor_lists.push(c.actors);
    }
    let files = &files;
    let mut cx = Ctx::new(files);
    let mut facts = Facts {
        files: files.iter().map(|f| f.path.clone()).collect(),
        ..Facts::default()
    };

    // Vocabulary. A type with a bad id is not registered, so it duplicates nothing.
    let dups = duplicates(
        vocabularies.iter().enumerate().flat_map(|(fi, v)| {
            v.iter()
                .enumerate()
                .filter(|(_, t)| valid_id(&t.id))
                .map(move |(i, t)| (fi, i, t.id.as_str()))
        }),
        vocabularies.iter().map(Vec::len).sum(),
    );
    let mut type_paths = Vec::new();
    for (fi, (f, list)) in files.iter().zip(vocabularies).enumerate() {
        for (i, t) in list.into_iter().enumerate() {
            let path = FieldPath::element("vocabulary", f.position(0, i));
            let first = first_of(files, &dups, "vocabulary", (fi, i));
            if cx.check_id(&t.id, fi, &path)
                && cx.register(first.as_ref(), "relation type", &t.id, fi, &path)
            {
                facts.type_ix.insert(t.id.clone(), facts.types.len());
                facts.types.push(t);
                type_paths.push((fi, path));
            }
        }
    }
    for (t, (fi, path)) in facts.types.iter().zip(&type_paths) {
        check_type(&mut cx, t, &facts, *fi, path);
    }

    // Sources: every file's table joined into one (each freed once copied), and each id
    // hashed once: the same map finds duplicates now and resolves citations later.
    let mut all = SourceTable::new();
    let mut bases = Vec::with_capacity(source_tables.len());
    for t in source_tables {
        bases.push(all.len());
        all.append(t);
    }
    // While this thread checks sources and actors, another looks for duplicate relation ids.
    let (mut relation_lists, dups, mut source_ix) = std::thread::scope(|scope| {
        let job = scope.spawn(move || {
            let dups = duplicates(
                relation_lists
                    .iter()
                    .enumerate()
                    .flat_map(|(fi, (_, _, v))| {
                        v.iter()
                            .enumerate()
                            .map(move |(i, r)| (fi, i, r.id.as_str()))
                    }),
                relation_lists.iter().map(|(_, _, v)| v.len()).sum(),
            );
            (relation_lists, dups)
        });
        let home = |g: usize| {
            let fi = bases.partition_point(|&b| b <= g).saturating_sub(1);
            (fi, g - bases.get(fi).copied().unwrap_or(0))
        };
        // The first source with each id, found in two halves of the id space at once,
        // then every source checked in two halves of the list at once (each half's
        // problems in list order, so joined they read as one pass would give them).
        let shards: [Shard<'_>; 2] = {
            let theirs = scope.spawn(|| Shard::build(&all, 1));
            let mine = Shard::build(&all, 0);
            [mine, join(theirs)]
        };
        let first: Map<usize, usize> = shards
            .iter()
            .flat_map(|sh| sh.repeats.iter().copied())
            .collect();
        let check = |range: std::ops::Range<usize>| {
            let mut cx = Ctx::new(files);
            let kept: Vec<bool> = range
                .map(|g| {
                    let Some(s) = all.get(g) else { return false };
                    let (fi, i) = home(g);
                    let pos = files.get(fi).map_or(i, |f| f.position(1, i));
                    let path = LazyPath::new("sources", pos);
                    let first = first.get(&g).map(|&g0| {
                        let (f0, i0) = home(g0);
                        let pos0 = files.get(f0).map_or(i0, |f| f.position(1, i0));
                        (f0, FieldPath::element("sources", pos0))
                    });
                    let mut ok = cx.check_id(s.id, fi, &path);
                    ok &= cx.register(first.as_ref(), "source", s.id, fi, &path);
                    if !(s.url.starts_with("https://") || s.url.starts_with("http://"))
                        || s.url.len() < 10
                    {
                        cx.at(
                            Diagnostic::error(
                                "E050",
                                format!("source url `{}` is not an http or https address", s.url),
                            )
                            .with_hint("give the full address of the page, starting with https://"),
                            fi,
                            &path.key("url"),
                            false,
                        );
                    }
                    cx.date(s.published, fi, &path, "published");
                    cx.date(s.retrieved, fi, &path, "retrieved");
                    ok
                })
                .collect();
            (kept, cx.diagnostics)
        };
        let half = all.len() / 2;
        let ((mut kept, diagnostics), (more, more_diagnostics)) = std::thread::scope(|inner| {
            let theirs = inner.spawn(|| check(half..all.len()));
            (check(0..half), join(theirs))
        });
        cx.diagnostics.extend(diagnostics);
        cx.diagnostics.extend(more_diagnostics);
        kept.extend(more);
        let [even, odd] = shards;
        let mut source_ix = SourceIx {
            maps: [even.map, odd.map],
            kept,
            remap: None,
        };
        if source_ix.kept.contains(&false) {
            let mut next = 0;
            source_ix.remap = Some(
                source_ix
                    .kept
                    .iter()
                    .map(|&k| {
                        next += usize::from(k);
                        next.saturating_sub(1)
                    })
                    .collect(),
            );
        }

        // Actors.
        let dups = duplicates(
            actor_lists.iter().enumerate().flat_map(|(fi, v)| {
                v.iter()
                    .enumerate()
                    .map(move |(i, a)| (fi, i, a.id.as_str()))
            }),
            actor_lists.iter().map(Vec::len).sum(),
        );
        for (fi, (f, list)) in files.iter().zip(actor_lists).enumerate() {
            for (i, a) in list.into_iter().enumerate() {
                let path = FieldPath::element("actors", f.position(2, i));
                let first = first_of(files, &dups, "actors", (fi, i));
                let mut ok = cx.check_id(&a.id, fi, &path);
                ok &= cx.register(first.as_ref(), "actor", &a.id, fi, &path);
                if let Some(iso) = &a.iso3
                    && (iso.len() != 3 || !iso.bytes().all(|b| b.is_ascii_uppercase()))
                {
                    {
                        cx.at(
                            Diagnostic::error(
                                "E051",
                                format!("`{iso}` is not an ISO 3166 alpha-3 code"),
                            )
                            .with_hint("use three capital letters, e.g. `MLI` for Mali"),
                            fi,
                            &path.key("iso3"),
                            false,
                        );
                    }
                }
                if let Some(q) = &a.wikidata {
                    let digits = q.strip_prefix('Q').unwrap_or_default();
                    if digits.is_empty()
                        || !digits.bytes().all(|b| b.is_ascii_digit())
                        || digits.starts_with('0')
                    {
                        cx.at(
                            Diagnostic::error("E051", format!("`{q}` is not a Wikidata item id"))
                                .with_hint(
                                    "use the item id from the Wikidata page, e.g. `Q912` for Mali",
                                ),
                            fi,
                            &path.key("wikidata"),
                            false,
                        );
                    }
                }
                let start = cx.date(a.start.as_deref(), fi, &path, "start");
                let end = cx.date(a.end.as_deref(), fi, &path, "end");
                if let (Some(s), Some(e)) = (&start, &end) {
                    end_before_start(&mut cx, s, e, fi, &path);
                }
                if ok {
                    facts.actor_ix.insert(a.id.clone(), facts.actors.len());
                    facts.actors.push(ActorRec {
                        fact: a,
                        start,
                        end,
                        file: fi,
                    });
                }
            }
        }

        let (relation_lists, dups) = join(job);
        (relation_lists, dups, source_ix)
    });

    // Relations: each file's names resolved once per distinct name, not per mention; the
    // files split in two halves of about as many relations, checked on two threads.
    let total: usize = relation_lists.iter().map(|(_, _, v)| v.len()).sum();
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let mut split = relation_lists.len();
    if threads > 1 {
        let mut seen = 0;
        split = relation_lists
            .iter()
            .position(|(_, _, v)| {
                seen += v.len();
                seen * 2 >= total
            })
            .map_or(relation_lists.len(), |i| i + 1);
    }
    let second = relation_lists.split_off(split.min(relation_lists.len()));
    let (first_half, second_half) = std::thread::scope(|scope| {
        let job = scope.spawn(|| check_relations(files, &facts, &source_ix, &dups, second, split));
        let done = check_relations(files, &facts, &source_ix, &dups, relation_lists, 0);
        match job.join() {
            Ok(other) => (done, other),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    });
    let (chunks, mut citations, diagnostics) = first_half;
    cx.diagnostics.extend(diagnostics);
    let (more, more_citations, diagnostics) = second_half;
    cx.diagnostics.extend(diagnostics);
    let mut relations = Relations::default();
    for chunk in chunks {
        relations.push_chunk(chunk);
    }
    let base = u32::try_from(citations.len()).unwrap_or(u32::MAX);
    for mut chunk in more {
        for r in &mut chunk {
            r.sources = r.sources.start.saturating_add(base)..r.sources.end.saturating_add(base);
        }
        relations.push_chunk(chunk);
    }
    citations.extend(more_citations);
    debug_assert!(relations.len() <= total);
    facts.relations = relations;
    facts.citations = citations;
    let kept = std::mem::take(&mut source_ix.kept);
    drop(source_ix);
    facts.sources = if kept.contains(&false) {
        let mut only = SourceTable::new();
        for g in (0..all.len()).filter(|&g| kept.get(g) == Some(&true)) {
            if let Some(s) = all.get(g) {
                only.push_ref(&s);
            }
        }
        only
    } else {
        all
    };
    facts.sources.shrink_to_fit();

    Checked {
        facts,
        diagnostics: cx.diagnostics,
    }
}

fn end_before_start(
    cx: &mut Ctx<'_>,
    start: &FuzzyDate,
    end: &FuzzyDate,
    fi: usize,
    path: &(impl Place + ?Sized),
) -> bool {
    if end.latest() < start.earliest() {
        cx.at(
            Diagnostic::error("E031", format!("`end` {end} is before `start` {start}"))
                .with_hint("swap the two dates, or correct the one that is wrong"),
            fi,
            &path.path().key("end"),
            false,
        );
        return true;
    }
    false
}

fn check_type(cx: &mut Ctx<'_>, t: &RelationType, facts: &Facts, fi: usize, path: &FieldPath) {
    let tie_named = |cx: &mut Ctx<'_>, name: &str, p: FieldPath| match facts.type_ix.get(name) {
        None => {
            let mut ids: Vec<&str> = facts.type_ix.keys().map(String::as_str).collect();
            ids.sort_unstable();
            let mut d = Diagnostic::error("E040", format!("unknown relation type `{name}`"));
            d = match suggest::closest(name, ids) {
                Some(s) => d.with_hint(format!("did you mean `{s}`?")),
                None => d.with_hint("name a tie type defined in the vocabulary"),
            };
            cx.at(d, fi, &p, false);
        }
        Some(&i) => {
            if facts.types.get(i).is_some_and(|x| x.kind != TypeKind::Tie) {
                cx.at(
                    Diagnostic::error(
                        "E041",
                        format!("`{name}` is an event type; events open and close tie types only"),
                    )
                    .with_hint("name a type whose kind is `tie`"),
                    fi,
                    &p,
                    false,
                );
            }
        }
    };
    if t.kind == TypeKind::Tie && (t.opens.is_some() || !t.closes.is_empty()) {
        let key = if t.opens.is_some() { "opens" } else { "closes" };
        cx.at(
            Diagnostic::error(
                "E041",
                format!(
                    "tie type `{}` has `{key}`; only event types open or close ties",
                    t.id
                ),
            )
            .with_hint("remove it, or make this an event type (`\"kind\": \"event\"`)"),
            fi,
            &path.key(key),
            true,
        );
    } else {
        if let Some(o) = &t.opens {
            tie_named(cx, o, path.key("opens"));
        }
        for (i, c) in t.closes.iter().enumerate() {
            tie_named(cx, c, path.key("closes").index(i));
        }
    }
    if t.id == MEMBER_OF && (t.kind != TypeKind::Tie || !t.directed) {
        cx.at(
            Diagnostic::error(
                "E042",
                "`member_of` is reserved for a directed tie from the member to the organisation",
            )
            .with_hint(
                "set \"kind\": \"tie\" and \"directed\": true, or use another id for this type",
            ),
            fi,
            &path.key("id"),
            false,
        );
    }
}

/// Checks the relations of consecutive files starting at file `first_file`: the valid
/// ones (their sources as ranges of the returned citations) and the diagnostics.
fn check_relations(
    files: &[ParsedFile],
    facts: &Facts,
    source_ix: &SourceIx<'_>,
    dups: &HashMap<(usize, usize), (usize, usize)>,
    lists: Vec<(Symbols, Symbols, Vec<StagedRelation>)>,
    first_file: usize,
) -> (Vec<Vec<Rel>>, Vec<u32>, Vec<Diagnostic>) {
    let mut cx = Ctx::new(files);
    let mut chunks = Vec::with_capacity(lists.len());
    let mut citations = Vec::with_capacity(lists.iter().map(|(_, c, _)| c.len()).sum());
    for (fi, (symbols, cites, list)) in (first_file..).zip(lists) {
        let Some(f) = files.get(fi) else { continue };
        let mut names = Names::new(&symbols, &cites, facts, source_ix, &mut citations);
        let mut chunk = Vec::with_capacity(list.len());
        for (i, r) in list.into_iter().enumerate() {
            let path = LazyPath::new("relations", f.position(3, i));
            let first = first_of(files, dups, "relations", (fi, i));
            if let Some(rel) = check_relation(&mut cx, first.as_ref(), &mut names, r, fi, &path) {
                chunk.push(rel);
            }
        }
        chunk.shrink_to_fit();
        chunks.push(chunk);
    }
    (chunks, citations, cx.diagnostics)
}

/// Something that names a place in a file: a field path, or one built on demand.
trait Place {
    /// The field path.
    fn path(&self) -> &FieldPath;
}

impl Place for FieldPath {
    fn path(&self) -> &FieldPath {
        self
    }
}

impl Place for LazyPath {
    fn path(&self) -> &FieldPath {
        self
    }
}

/// A field path built only when a diagnostic needs it: most elements have none, and a
/// million paths would cost two allocations each.
struct LazyPath {
    collection: &'static str,
    position: usize,
    path: std::cell::OnceCell<FieldPath>,
}

impl LazyPath {
    fn new(collection: &'static str, position: usize) -> Self {
        LazyPath {
            collection,
            position,
            path: std::cell::OnceCell::new(),
        }
    }
}

impl std::ops::Deref for LazyPath {
    type Target = FieldPath;

    fn deref(&self) -> &FieldPath {
        self.path
            .get_or_init(|| FieldPath::element(self.collection, self.position))
    }
}

/// Which of the two halves of the id space a source id falls in (a fixed hash, so the
/// split and everything that follows from it is the same on every run).
fn shard_of(id: &str) -> usize {
    use std::hash::BuildHasher;
    usize::from(foldhash::fast::FixedState::with_seed(0x5eed).hash_one(id) & 1 == 1)
}

/// One half of the source ids: the first source with each id in it, and every later
/// source that repeats one (its index, the first one's index).
struct Shard<'a> {
    map: Map<&'a str, usize>,
    repeats: Vec<(usize, usize)>,
}

impl<'a> Shard<'a> {
    fn build(all: &'a SourceTable, shard: usize) -> Shard<'a> {
        let mut map = Map::with_capacity_and_hasher(
            all.len() / 2 + 1,
            foldhash::fast::RandomState::default(),
        );
        let mut repeats = Vec::new();
        for (g, id) in all.ids().enumerate() {
            if shard_of(id) != shard {
                continue;
            }
            match map.entry(id) {
                std::collections::hash_map::Entry::Occupied(e) => repeats.push((g, *e.get())),
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert(g);
                }
            }
        }
        Shard { map, repeats }
    }
}

/// A scoped thread's result; its panic, if it panicked, goes on in this thread.
fn join<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    match handle.join() {
        Ok(done) => done,
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

/// Source ids → index, while relations are validated: the first source with each id
/// (in the map of its half of the id space), whether it was kept, and (when some were
/// not) where kept ones end up.
struct SourceIx<'a> {
    maps: [Map<&'a str, usize>; 2],
    kept: Vec<bool>,
    remap: Option<Vec<usize>>,
}

impl SourceIx<'_> {
    fn get(&self, id: &str) -> Option<usize> {
        let g = *self.maps.get(shard_of(id))?.get(id)?;
        if !self.kept.get(g).copied().unwrap_or(false) {
            return None;
        }
        match &self.remap {
            Some(r) => r.get(g).copied(),
            None => Some(g),
        }
    }

    fn keys(&self) -> Vec<&str> {
        self.maps
            .iter()
            .flatten()
            .filter(|&(_, &g)| self.kept.get(g).copied().unwrap_or(false))
            .map(|(&k, _)| k)
            .collect()
    }
}

/// A file's symbols resolved against the facts, each on first use.
struct Names<'a> {
    symbols: &'a Symbols,
    cites: &'a Symbols,
    facts: &'a Facts,
    source_ix: &'a SourceIx<'a>,
    /// Where resolved citations go (see [`Facts::citations`]).
    citations: &'a mut Vec<u32>,
    /// Per symbol: type and actor index; `UNSEEN` until asked, `NONE` if unknown.
    types: Vec<u32>,
    actors: Vec<u32>,
}

const UNSEEN: u32 = u32::MAX;
const NONE: u32 = u32::MAX - 1;

impl<'a> Names<'a> {
    fn new(
        symbols: &'a Symbols,
        cites: &'a Symbols,
        facts: &'a Facts,
        source_ix: &'a SourceIx<'a>,
        citations: &'a mut Vec<u32>,
    ) -> Self {
        let n = symbols.len();
        Names {
            symbols,
            cites,
            facts,
            source_ix,
            citations,
            types: vec![UNSEEN; n],
            actors: vec![UNSEEN; n],
        }
    }

    fn text(&self, s: Sym) -> &'a str {
        self.symbols.get(s)
    }

    fn cached(cache: &mut [u32], s: Sym, find: impl FnOnce() -> Option<usize>) -> Option<usize> {
        let slot = cache.get_mut(s as usize)?;
        if *slot == UNSEEN {
            *slot = find()
                .and_then(|i| u32::try_from(i).ok())
                .filter(|&i| i < NONE)
                .unwrap_or(NONE);
        }
        (*slot != NONE).then_some(*slot as usize)
    }

    fn ty(&mut self, s: Sym) -> Option<usize> {
        let (facts, text) = (self.facts, self.text(s));
        Self::cached(&mut self.types, s, || facts.type_ix.get(text).copied())
    }

    fn actor(&mut self, s: Sym) -> Option<usize> {
        let (facts, text) = (self.facts, self.text(s));
        Self::cached(&mut self.actors, s, || facts.actor_ix.get(text).copied())
    }

    fn source(&self, c: Sym) -> Option<usize> {
        self.source_ix.get(self.cites.get(c))
    }
}

fn check_relation(
    cx: &mut Ctx<'_>,
    first: Option<&(usize, FieldPath)>,
    names: &mut Names<'_>,
    r: StagedRelation,
    fi: usize,
    path: &LazyPath,
) -> Option<Rel> {
    let facts = names.facts;
    let mut ok = cx.check_id(&r.id, fi, path);
    ok &= cx.register(first, "relation", &r.id, fi, path);
    let ty = names.ty(r.kind);
    if ty.is_none() {
        cx.unknown(
            "E022",
            "relation type",
            names.text(r.kind),
            &|| facts.type_ix.keys().map(String::as_str).collect(),
            |_| None,
            fi,
            &path.key("type"),
        );
    }
    let describe = |id: &str| {
        facts
            .actor_ix
            .get(id)
            .and_then(|&i| facts.actors.get(i))
            .map(|a| a.fact.name.clone())
    };
    let actor = |cx: &mut Ctx<'_>, names: &mut Names<'_>, sym: Sym, key: &str| {
        let found = names.actor(sym);
        if found.is_none() {
            cx.unknown(
                "E020",
                "actor",
                names.text(sym),
                &|| facts.actor_ix.keys().map(String::as_str).collect(),
                describe,
                fi,
                &path.key(key),
            );
        }
        found
    };
    let from = actor(cx, names, r.from, "from");
    let to = actor(cx, names, r.to, "to");
    let claimed_by = r.claimed_by.and_then(|c| actor(cx, names, c, "claimed_by"));
    let first_cite = names.citations.len();
    let mut unknown_sources = false;
    for (i, c) in r.sources.clone().enumerate() {
        if let Some(x) = names.source(c).and_then(|x| u32::try_from(x).ok()) {
            names.citations.push(x);
        } else {
            unknown_sources = true;
            let ix = names.source_ix;
            cx.unknown(
                "E021",
                "source",
                names.cites.get(c),
                &|| ix.keys(),
                |_| None,
                fi,
                &path.key("sources").index(i),
            );
        }
    }
    if r.sources.is_empty() {
        cx.at(
            Diagnostic::warning("W001", format!("relation `{}` cites no source", r.id))
                .with_hint("add \"sources\": [\"…\"] naming a source that says this"),
            fi,
            path,
            false,
        );
    }
    if r.confidence == Some(Confidence::Claimed) && r.claimed_by.is_none() {
        cx.at(
            Diagnostic::warning(
                "W002",
                format!("relation `{}` is a claim but does not say whose", r.id),
            )
            .with_hint("add \"claimed_by\": the id of the actor making the claim"),
            fi,
            &path.key("confidence"),
            false,
        );
    }
    let when = ty
        .and_then(|t| facts.types.get(t))
        .and_then(|t| check_when(cx, t, &r, fi, path));
    match (ok, ty, from, to, when) {
        (true, Some(ty), Some(from), Some(to), Some(when)) if !unknown_sources => {
            let cited = u32::try_from(first_cite).unwrap_or(u32::MAX)
                ..u32::try_from(names.citations.len()).unwrap_or(u32::MAX);
            Some(Rel {
                id: r.id,
                ty,
                from,
                to,
                when,
                sources: cited,
                stated_confidence: r.confidence,
                ended: r.ended,
                notes: match (r.notes, claimed_by) {
                    (None, None) => None,
                    (notes, claimed_by) => Some(Box::new(Notes {
                        claimed_by,
                        ..notes.map(|n| *n).unwrap_or_default()
                    })),
                },
                file: fi,
            })
        }
        _ => {
            names.citations.truncate(first_cite);
            None
        }
    }
}

fn check_when(
    cx: &mut Ctx<'_>,
    t: &RelationType,
    r: &StagedRelation,
    fi: usize,
    path: &LazyPath,
) -> Option<When> {
    match t.kind {
        TypeKind::Event => {
            let mut bad = false;
            for (key, present) in [
                ("start", r.start.is_some()),
                ("end", r.end.is_some()),
                ("ended", r.ended.is_some()),
            ] {
                if present {
                    bad = true;
                    cx.at(
                        Diagnostic::error(
                            "E032",
                            format!(
                                "`{}` is an event type; an event has a `date`, not `{key}`",
                                t.id
                            ),
                        )
                        .with_hint(if key == "start" && r.date.is_none() {
                            "rename `start` to `date`".to_owned()
                        } else {
                            format!("remove `{key}`, or use a tie type")
                        }),
                        fi,
                        &path.key(key),
                        true,
                    );
                }
            }
            let Some(date) = &r.date else {
                if !bad {
                    cx.at(
                        Diagnostic::error("E034", format!("event `{}` has no `date`", r.id))
                            .with_hint("add \"date\": \"YYYY-MM-DD\" (or YYYY-MM, or YYYY)"),
                        fi,
                        path,
                        false,
                    );
                }
                return None;
            };
            let date = cx.staged_date(Some(date), fi, path, "date")?;
            (!bad).then_some(When::Event(date))
        }
        TypeKind::Tie => {
            if r.date.is_some() {
                cx.at(
                    Diagnostic::error(
                        "E033",
                        format!(
                            "`{}` is a tie type; a tie has `start` and `end`, not `date`",
                            t.id
                        ),
                    )
                    .with_hint(if r.start.is_none() {
                        "rename `date` to `start`"
                    } else {
                        "remove `date`"
                    }),
                    fi,
                    &path.key("date"),
                    true,
                );
                return None;
            }
            let Some(start_staged) = &r.start else {
                cx.at(
                    Diagnostic::error("E034", format!("tie `{}` has no `start`", r.id))
                        .with_hint("add \"start\": the date the tie began, at the precision the sources give (e.g. \"2013\")"),
                    fi,
                    path,
                    false,
                );
                return None;
            };
            let start = cx.staged_date(Some(start_staged), fi, path, "start");
            let end_date = cx.staged_date(r.end.as_ref(), fi, path, "end");
            if r.end.is_some() && end_date.is_none() {
                return None;
            }
            let start = start?;
            if let Some(e) = &end_date
                && end_before_start(cx, &start, e, fi, path)
            {
                return None;
            }
            let end = match (end_date, r.ended) {
                (Some(e), _) => TieEnd::At(e),
                (None, Some(true)) => TieEnd::Unknown,
                (None, _) => TieEnd::Ongoing,
            };
            Some(When::Tie { start, end })
        }
    }
}
