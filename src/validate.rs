//! Validation: the whole set of parsed files checked at once, every problem reported.
//!
//! Input is what [`crate::load`] parsed; output is [`Facts`], in which every reference is
//! resolved to an index and every date parsed, so later steps never re-check anything.
//! Elements with errors are left out of `Facts` (and reported); a reference to an id that
//! sits in a file that failed to parse is not reported again, so one broken file does not
//! cause a cascade of "unknown actor" errors elsewhere.

use std::collections::{HashMap, HashSet};

use crate::date::FuzzyDate;
use crate::diagnostic::{Diagnostic, FieldPath};
use crate::load::{self, ParsedFile};
use crate::model::{Actor, Confidence, Relation, RelationType, Source, TypeKind};
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

/// A validated relation: the fact as written, with its references resolved.
#[derive(Debug, Clone)]
pub struct Rel {
    /// The relation as written.
    pub fact: Relation,
    /// Index into [`Facts::types`].
    pub ty: usize,
    /// Index into [`Facts::actors`] of `from`.
    pub from: usize,
    /// Index into [`Facts::actors`] of `to`.
    pub to: usize,
    /// When it holds.
    pub when: When,
    /// Indices into [`Facts::sources`].
    pub sources: Vec<usize>,
    /// Index into [`Facts::files`] of the file that defines it.
    pub file: usize,
}

impl Rel {
    /// The confidence, `reported` when not given.
    pub fn confidence(&self) -> Confidence {
        self.fact.confidence.unwrap_or_default()
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
    /// Sources.
    pub sources: Vec<Source>,
    /// Actors.
    pub actors: Vec<ActorRec>,
    /// Relations.
    pub relations: Vec<Rel>,
    /// Type id → index.
    pub type_ix: HashMap<String, usize>,
    /// Source id → index.
    pub source_ix: HashMap<String, usize>,
    /// Actor id → index.
    pub actor_ix: HashMap<String, usize>,
}

/// The result of validating: the usable facts and every problem found.
#[derive(Debug)]
pub struct Checked {
    /// What is usable.
    pub facts: Facts,
    /// Every problem, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

struct Ctx<'a> {
    files: &'a [ParsedFile],
    diagnostics: Vec<Diagnostic>,
    /// Ids that may be defined where we could not read them (see `maybe_lost`).
    lost: std::cell::OnceCell<HashSet<String>>,
}

impl Ctx<'_> {
    fn at(&mut self, d: Diagnostic, file: usize, path: &FieldPath, at_key: bool) {
        let d = match self.files.get(file) {
            Some(f) => load::located(d, &f.path, &f.text, f.index(), path, at_key),
            None => d,
        };
        self.diagnostics.push(d);
    }

    fn place(&self, file: usize, path: &FieldPath) -> String {
        match self.files.get(file) {
            Some(f) => {
                let off = f.index().locate(&f.text, &path.0, false).unwrap_or(0);
                let loc = f.index().location(&f.text, off);
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
                        lost.extend(f.text.split('"').skip(1).step_by(2).map(str::to_owned));
                    }
                }
                lost
            })
            .contains(id)
    }

    fn date(&mut self, text: Option<&String>, file: usize, path: &FieldPath) -> Option<FuzzyDate> {
        let text = text?;
        match FuzzyDate::parse(text) {
            Ok(d) => Some(d),
            Err(e) => {
                self.at(
                    Diagnostic::error("E030", e.message).with_hint(e.hint),
                    file,
                    path,
                    false,
                );
                None
            }
        }
    }

    fn check_id(&mut self, id: &str, file: usize, path: &FieldPath) -> bool {
        let ok = !id.is_empty()
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'));
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
            self.at(d, file, &path.key("id"), false);
        }
        ok
    }

    /// Registers an id; reports a duplicate. Returns false for a duplicate.
    fn register(
        &mut self,
        seen: &mut HashMap<String, (usize, FieldPath)>,
        what: &str,
        id: &str,
        file: usize,
        path: &FieldPath,
    ) -> bool {
        if let Some((f0, p0)) = seen.get(id) {
            let first = self.place(*f0, &p0.key("id"));
            self.at(
                Diagnostic::error("E010", format!("duplicate {what} id `{id}`"))
                    .with_note(format!("first defined at {first}"))
                    .with_hint(format!(
                        "give each {what} its own id, or merge the two entries"
                    )),
                file,
                &path.key("id"),
                false,
            );
            return false;
        }
        seen.insert(id.to_owned(), (file, path.clone()));
        true
    }

    #[allow(clippy::too_many_arguments)] // one call shape for three kinds of reference
    fn unknown(
        &mut self,
        code: &'static str,
        what: &str,
        id: &str,
        known: &HashMap<String, usize>,
        describe: impl Fn(&str) -> Option<String>,
        file: usize,
        path: &FieldPath,
    ) {
        if self.maybe_lost(id) {
            return;
        }
        let mut d = Diagnostic::error(code, format!("unknown {what} `{id}`"));
        let mut keys: Vec<&str> = known.keys().map(String::as_str).collect();
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

/// Validates parsed files into facts and diagnostics.
pub fn validate(files: &[ParsedFile]) -> Checked {
    let mut cx = Ctx {
        files,
        diagnostics: Vec::new(),
        lost: std::cell::OnceCell::new(),
    };
    let mut facts = Facts {
        files: files.iter().map(|f| f.path.clone()).collect(),
        ..Facts::default()
    };

    // Vocabulary.
    let mut seen = HashMap::new();
    let mut type_paths = Vec::new();
    for (fi, f) in files.iter().enumerate() {
        for (i, t) in f.facts.vocabulary.iter().enumerate() {
            let path = FieldPath::element("vocabulary", f.position(0, i));
            if cx.check_id(&t.id, fi, &path)
                && cx.register(&mut seen, "relation type", &t.id, fi, &path)
            {
                facts.type_ix.insert(t.id.clone(), facts.types.len());
                facts.types.push(t.clone());
                type_paths.push((fi, path));
            }
        }
    }
    for (t, (fi, path)) in facts.types.iter().zip(&type_paths) {
        check_type(&mut cx, t, &facts, *fi, path);
    }

    // Sources.
    let mut seen = HashMap::new();
    for (fi, f) in files.iter().enumerate() {
        for (i, s) in f.facts.sources.iter().enumerate() {
            let path = FieldPath::element("sources", f.position(1, i));
            let mut ok = cx.check_id(&s.id, fi, &path);
            ok &= cx.register(&mut seen, "source", &s.id, fi, &path);
            if !(s.url.starts_with("https://") || s.url.starts_with("http://")) || s.url.len() < 10
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
            cx.date(s.published.as_ref(), fi, &path.key("published"));
            cx.date(s.retrieved.as_ref(), fi, &path.key("retrieved"));
            if ok {
                facts.source_ix.insert(s.id.clone(), facts.sources.len());
                facts.sources.push(s.clone());
            }
        }
    }

    // Actors.
    let mut seen = HashMap::new();
    for (fi, f) in files.iter().enumerate() {
        for (i, a) in f.facts.actors.iter().enumerate() {
            let path = FieldPath::element("actors", f.position(2, i));
            let mut ok = cx.check_id(&a.id, fi, &path);
            ok &= cx.register(&mut seen, "actor", &a.id, fi, &path);
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
            let start = cx.date(a.start.as_ref(), fi, &path.key("start"));
            let end = cx.date(a.end.as_ref(), fi, &path.key("end"));
            if let (Some(s), Some(e)) = (&start, &end) {
                end_before_start(&mut cx, s, e, fi, &path);
            }
            if ok {
                facts.actor_ix.insert(a.id.clone(), facts.actors.len());
                facts.actors.push(ActorRec {
                    fact: a.clone(),
                    start,
                    end,
                    file: fi,
                });
            }
        }
    }

    // Relations.
    let mut seen = HashMap::new();
    for (fi, f) in files.iter().enumerate() {
        for (i, r) in f.facts.relations.iter().enumerate() {
            let path = FieldPath::element("relations", f.position(3, i));
            if let Some(rel) = check_relation(&mut cx, &mut seen, &facts, r, fi, &path) {
                facts.relations.push(rel);
            }
        }
    }

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
    path: &FieldPath,
) -> bool {
    if end.latest() < start.earliest() {
        cx.at(
            Diagnostic::error("E031", format!("`end` {end} is before `start` {start}"))
                .with_hint("swap the two dates, or correct the one that is wrong"),
            fi,
            &path.key("end"),
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

fn check_relation(
    cx: &mut Ctx<'_>,
    seen: &mut HashMap<String, (usize, FieldPath)>,
    facts: &Facts,
    r: &Relation,
    fi: usize,
    path: &FieldPath,
) -> Option<Rel> {
    let mut ok = cx.check_id(&r.id, fi, path);
    ok &= cx.register(seen, "relation", &r.id, fi, path);
    let ty = facts.type_ix.get(&r.kind).copied();
    if ty.is_none() {
        cx.unknown(
            "E022",
            "relation type",
            &r.kind,
            &facts.type_ix,
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
    let actor = |cx: &mut Ctx<'_>, id: &str, key: &str| {
        let found = facts.actor_ix.get(id).copied();
        if found.is_none() {
            cx.unknown(
                "E020",
                "actor",
                id,
                &facts.actor_ix,
                describe,
                fi,
                &path.key(key),
            );
        }
        found
    };
    let from = actor(cx, &r.from, "from");
    let to = actor(cx, &r.to, "to");
    if let Some(c) = &r.claimed_by {
        actor(cx, c, "claimed_by");
    }
    let mut sources = Vec::with_capacity(r.sources.len());
    for (i, s) in r.sources.iter().enumerate() {
        match facts.source_ix.get(s) {
            Some(&x) => sources.push(x),
            None => cx.unknown(
                "E021",
                "source",
                s,
                &facts.source_ix,
                |_| None,
                fi,
                &path.key("sources").index(i),
            ),
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
        .and_then(|t| check_when(cx, t, r, fi, path));
    match (ok, ty, from, to, when) {
        (true, Some(ty), Some(from), Some(to), Some(when)) if sources.len() == r.sources.len() => {
            Some(Rel {
                fact: r.clone(),
                ty,
                from,
                to,
                when,
                sources,
                file: fi,
            })
        }
        _ => None,
    }
}

fn check_when(
    cx: &mut Ctx<'_>,
    t: &RelationType,
    r: &Relation,
    fi: usize,
    path: &FieldPath,
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
            let Some(text) = &r.date else {
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
            let date = cx.date(Some(text), fi, &path.key("date"))?;
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
            let Some(start_text) = &r.start else {
                cx.at(
                    Diagnostic::error("E034", format!("tie `{}` has no `start`", r.id))
                        .with_hint("add \"start\": the date the tie began, at the precision the sources give (e.g. \"2013\")"),
                    fi,
                    path,
                    false,
                );
                return None;
            };
            let start = cx.date(Some(start_text), fi, &path.key("start"));
            let end_date = cx.date(r.end.as_ref(), fi, &path.key("end"));
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
