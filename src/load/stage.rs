//! Staging: a parsed file's relations and sources in compact form, before validation.
//!
//! Validation needs every file (a relation may name an actor defined in a later file), so
//! everything parsed waits in memory until the last file is read. Waiting as the format's
//! own types (a `String` per field) would cost about a kilobyte per relation; staging,
//! done right after parsing on the same worker thread, keeps instead:
//! - each relation's references (type, actors, sources, claimant) as *symbols*: indices
//!   into a per-file table that holds each distinct string once, so validation resolves
//!   a name once per file rather than once per mention;
//! - dates already parsed (their text is kept only when it does not parse, to report it);
//! - sources as one [`SourceTable`] record each.
//!
//! Invariant: staging changes no meaning and loses nothing validation reports on; the
//! element order and [`super::ParsedFile::position`]s are those of the parsed file.

use std::borrow::Cow;
use std::collections::HashMap;

use serde::Deserialize;

use crate::date::FuzzyDate;
use crate::model::{Confidence, Relation};
use crate::sources::SourceTable;

/// A symbol: an index into a file's [`Symbols`].
pub type Sym = u32;

/// The distinct strings a file's relations refer to, each stored once.
#[derive(Debug, Clone, Default)]
pub struct Symbols {
    text: String,
    ends: Vec<u32>,
}

impl Symbols {
    /// The string of symbol `s` (empty for an unknown symbol).
    pub fn get(&self, s: Sym) -> &str {
        let i = s as usize;
        let end = self.ends.get(i).copied().unwrap_or(0) as usize;
        let start = match i.checked_sub(1) {
            Some(p) => self.ends.get(p).copied().unwrap_or(0) as usize,
            None => 0,
        };
        self.text.get(start..end).unwrap_or_default()
    }

    /// Appends a string, returning its symbol (no deduplication).
    pub fn push(&mut self, s: &str) -> Sym {
        let sym = Sym::try_from(self.ends.len()).unwrap_or(Sym::MAX);
        self.text.push_str(s);
        // A file is at most `MAX_FILE_BYTES` (512 MiB), so its strings fit u32 offsets.
        self.ends
            .push(u32::try_from(self.text.len()).unwrap_or(u32::MAX));
        sym
    }

    /// The number of symbols.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
}

/// Builds a [`Symbols`] table, handing out one symbol per distinct string.
#[derive(Default)]
struct Interner<'a> {
    seen: HashMap<&'a str, Sym, foldhash::fast::RandomState>,
    table: Symbols,
}

impl<'a> Interner<'a> {
    fn intern(&mut self, s: &'a str) -> Sym {
        if let Some(&sym) = self.seen.get(s) {
            return sym;
        }
        let sym = self.table.push(s);
        self.seen.insert(s, sym);
        sym
    }
}

/// A date as read: parsed, or the text that did not parse.
pub type StagedDate = Result<FuzzyDate, Box<str>>;

/// The free text of a relation, rarely present in bulk data, so kept behind one pointer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Notes {
    /// One sentence saying what happened.
    pub summary: Option<String>,
    /// The exact words of a source.
    pub quote: Option<String>,
    /// The claimant, as an index into `Facts::actors` (set by validation, which resolves it).
    pub claimed_by: Option<usize>,
}

/// A relation as read, its references still names (symbols of its file).
#[derive(Debug, Clone)]
pub struct StagedRelation {
    /// Its id.
    pub id: String,
    /// Its type.
    pub kind: Sym,
    /// Its `from` actor.
    pub from: Sym,
    /// Its `to` actor.
    pub to: Sym,
    /// `date`, parsed.
    pub date: Option<StagedDate>,
    /// `start`, parsed.
    pub start: Option<StagedDate>,
    /// `end`, parsed.
    pub end: Option<StagedDate>,
    /// Its sources: a range of the file's citations.
    pub sources: std::ops::Range<Sym>,
    /// `claimed_by`.
    pub claimed_by: Option<Sym>,
    /// `confidence` as written.
    pub confidence: Option<Confidence>,
    /// `ended` as written.
    pub ended: Option<bool>,
    /// Summary and quote, when either is given.
    pub notes: Option<Box<Notes>>,
}

/// A file's relations and sources, staged.
#[derive(Debug, Clone, Default)]
pub struct Staged {
    /// The strings the relations refer to.
    pub symbols: Symbols,
    /// The source ids relations cite, in order, not deduplicated (each source is
    /// usually cited once, so interning them would cost a hash and save nothing).
    pub cites: Symbols,
    /// The relations, in file order.
    pub relations: Vec<StagedRelation>,
    /// The sources, in file order.
    pub sources: SourceTable,
}

/// A string borrowed from the file text when it has no escapes, else unescaped.
#[derive(Debug)]
pub struct Text<'a>(pub Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> serde::de::Visitor<'de> for V<'a> {
            type Value = Text<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Text(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Text(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
                Ok(Text(Cow::Owned(v)))
            }
        }
        d.deserialize_str(V(std::marker::PhantomData))
    }
}

impl Text<'_> {
    fn as_str(&self) -> &str {
        &self.0
    }
}

/// The fast path's view of a fact file: what [`crate::model::FactFile`] accepts, with
/// relations and sources borrowed from the text instead of copied into `String`s.
/// Anything it rejects goes to the full parse, which reports it, so it only has to
/// accept nothing the format rejects and read what it accepts the same way.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FastFile<'a> {
    #[serde(rename = "$schema", default, borrow)]
    #[allow(dead_code)] // read only to accept it, as the format does
    schema: Option<Text<'a>>,
    /// Relation types (few: the format's own types).
    #[serde(default)]
    pub vocabulary: Vec<crate::model::RelationType>,
    #[serde(default, borrow)]
    sources: Vec<FastSource<'a>>,
    /// Actors (few, next to relations: the format's own types).
    #[serde(default)]
    pub actors: Vec<crate::model::Actor>,
    #[serde(default, borrow)]
    relations: Vec<FastRelation<'a>>,
}

/// [`crate::model::Source`], borrowed.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FastSource<'a> {
    #[serde(borrow)]
    id: Text<'a>,
    #[serde(borrow)]
    url: Text<'a>,
    #[serde(default, borrow)]
    title: Option<Text<'a>>,
    #[serde(default, borrow)]
    publisher: Option<Text<'a>>,
    #[serde(default, borrow)]
    published: Option<Text<'a>>,
    #[serde(default, borrow)]
    language: Option<Text<'a>>,
    #[serde(default, borrow)]
    retrieved: Option<Text<'a>>,
}

/// [`crate::model::Relation`], borrowed.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FastRelation<'a> {
    #[serde(borrow)]
    id: Text<'a>,
    #[serde(rename = "type", borrow)]
    kind: Text<'a>,
    #[serde(borrow)]
    from: Text<'a>,
    #[serde(borrow)]
    to: Text<'a>,
    #[serde(default, borrow)]
    date: Option<Text<'a>>,
    #[serde(default, borrow)]
    start: Option<Text<'a>>,
    #[serde(default, borrow)]
    end: Option<Text<'a>>,
    #[serde(default, borrow)]
    summary: Option<Text<'a>>,
    #[serde(default, borrow)]
    sources: Vec<Text<'a>>,
    #[serde(default, borrow)]
    quote: Option<Text<'a>>,
    #[serde(default)]
    confidence: Option<Confidence>,
    #[serde(default, borrow)]
    claimed_by: Option<Text<'a>>,
    #[serde(default)]
    ended: Option<bool>,
}

impl FastFile<'_> {
    /// Stages the relations and sources, leaving the vocabulary and actors.
    pub fn stage(&mut self) -> Staged {
        let sources = std::mem::take(&mut self.sources);
        let relations = std::mem::take(&mut self.relations);
        let mut table = SourceTable::new();
        for s in &sources {
            table.push_ref(&crate::sources::SourceRef {
                id: s.id.as_str(),
                url: s.url.as_str(),
                title: s.title.as_ref().map(Text::as_str),
                publisher: s.publisher.as_ref().map(Text::as_str),
                published: s.published.as_ref().map(Text::as_str),
                language: s.language.as_ref().map(Text::as_str),
                retrieved: s.retrieved.as_ref().map(Text::as_str),
            });
        }
        table.shrink_to_fit();
        stage_relations(relations, table)
    }
}

fn text(s: Option<&String>) -> Option<Text<'_>> {
    s.map(String::as_str).map(|t| Text(Cow::Borrowed(t)))
}

fn owned(t: Option<Text<'_>>) -> Option<String> {
    t.map(|t| t.0.into_owned())
}

fn date(text: Option<&Text<'_>>) -> Option<StagedDate> {
    let text = text?.as_str();
    Some(FuzzyDate::parse(text).map_err(|_| text.into()))
}

fn stage_relations(relations: Vec<FastRelation<'_>>, sources: SourceTable) -> Staged {
    let mut interner = Interner::default();
    let mut cites = Symbols::default();
    let mut staged = Vec::with_capacity(relations.len());
    for r in &relations {
        let kind = interner.intern(r.kind.as_str());
        let from = interner.intern(r.from.as_str());
        let to = interner.intern(r.to.as_str());
        let first = Sym::try_from(cites.len()).unwrap_or(Sym::MAX);
        for s in &r.sources {
            cites.push(s.as_str());
        }
        let cited_range = first..Sym::try_from(cites.len()).unwrap_or(Sym::MAX);
        let claimed_by = r.claimed_by.as_ref().map(|c| interner.intern(c.as_str()));
        staged.push(StagedRelation {
            id: r.id.as_str().to_owned(),
            kind,
            from,
            to,
            date: date(r.date.as_ref()),
            start: date(r.start.as_ref()),
            end: date(r.end.as_ref()),
            sources: cited_range,
            claimed_by,
            confidence: r.confidence,
            ended: r.ended,
            notes: None,
        });
    }
    let symbols = std::mem::take(&mut interner.table);
    drop(interner);
    for (s, r) in staged.iter_mut().zip(relations) {
        if r.summary.is_some() || r.quote.is_some() {
            s.notes = Some(Box::new(Notes {
                summary: owned(r.summary),
                quote: owned(r.quote),
                claimed_by: None,
            }));
        }
    }
    Staged {
        symbols,
        cites,
        relations: staged,
        sources,
    }
}

/// Stages relations and sources of the format's own types (the full parse's output).
pub fn stage(relations: &[Relation], sources: &[crate::model::Source]) -> Staged {
    let mut table = SourceTable::new();
    for s in sources {
        table.push(s);
    }
    table.shrink_to_fit();
    let borrowed: Vec<FastRelation<'_>> = relations
        .iter()
        .map(|r| FastRelation {
            id: Text(Cow::Borrowed(&r.id)),
            kind: Text(Cow::Borrowed(&r.kind)),
            from: Text(Cow::Borrowed(&r.from)),
            to: Text(Cow::Borrowed(&r.to)),
            date: text(r.date.as_ref()),
            start: text(r.start.as_ref()),
            end: text(r.end.as_ref()),
            summary: text(r.summary.as_ref()),
            sources: r.sources.iter().map(|s| Text(Cow::Borrowed(s))).collect(),
            quote: text(r.quote.as_ref()),
            confidence: r.confidence,
            claimed_by: text(r.claimed_by.as_ref()),
            ended: r.ended,
        })
        .collect();
    stage_relations(borrowed, table)
}
