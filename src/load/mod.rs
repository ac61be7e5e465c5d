//! Reading fact files: find them, read them, parse them, and say exactly what is wrong.
//!
//! Files are read in sorted path order so every later step is deterministic. A file that
//! fails to parse is reported and the rest are still read; within a file that is valid
//! JSON but has wrong fields, each bad actor, source, relation or vocabulary entry is
//! reported on its own and the good ones are kept, so one run shows every mistake.
//! The happy path is a single typed `serde_json` pass per file, parsed in parallel.

pub mod locate;
pub mod stage;

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::diagnostic::{Diagnostic, FieldPath, Segment};
use crate::model::FactFile;

/// Files larger than this are refused rather than parsed.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// The collections a fact file may hold, in the order they are validated.
pub const COLLECTIONS: [&str; 4] = ["vocabulary", "sources", "actors", "relations"];

/// A fact file's text, before parsing.
#[derive(Debug, Clone)]
pub struct SourceText {
    /// The path shown to users.
    pub path: String,
    /// The whole file.
    pub text: String,
}

/// One parsed fact file.
///
/// Its text is kept only while something may need it: a file with problems keeps it for
/// locating them; a clean file read from disk drops it after parsing (at a million
/// relations the texts would be the largest thing in memory) and reads it again in the
/// rare case that validation later needs to point into it.
#[derive(Debug, Clone)]
pub struct ParsedFile {
    /// The path shown to users.
    pub path: String,
    /// Where to read the text again when it was dropped.
    disk: Option<PathBuf>,
    /// The whole file (without a byte-order mark), for locating diagnostics.
    text: std::sync::OnceLock<String>,
    /// What parsed; bad elements are left out. After [`ParsedFile::stage`], its relations
    /// and sources are in `staged` instead.
    pub facts: FactFile,
    /// Relations and sources in compact form, once staged.
    pub staged: Option<stage::Staged>,
    /// For each collection (in [`COLLECTIONS`] order) the original array index of each
    /// kept element; empty when every element was kept (index `i` is element `i`).
    pub positions: [Vec<usize>; 4],
    /// True when the file could not be parsed at all.
    pub broken: bool,
    /// Ids of elements left out because they were malformed, so references to them are
    /// not reported again as unknown.
    pub dropped_ids: Vec<String>,
    /// Where things sit in `text`, built when the first diagnostic needs it.
    index: std::sync::OnceLock<locate::Index>,
}

impl ParsedFile {
    /// The file's text (without a byte-order mark), read again from disk if it was dropped.
    ///
    /// A file that can no longer be read gives an empty text, so diagnostics then point at
    /// its first line rather than failing.
    pub fn text(&self) -> &str {
        self.text.get_or_init(|| {
            self.disk
                .as_deref()
                .and_then(|p| fs::read_to_string(p).ok())
                .map(|t| match t.strip_prefix('\u{feff}') {
                    Some(rest) => rest.to_owned(),
                    None => t,
                })
                .unwrap_or_default()
        })
    }

    /// Moves the relations and sources into their compact staged form (once).
    pub fn stage(&mut self) {
        if self.staged.is_none() {
            let relations = std::mem::take(&mut self.facts.relations);
            let sources = std::mem::take(&mut self.facts.sources);
            self.staged = Some(stage::stage(&relations, &sources));
        }
    }

    /// The position index of this file's text.
    pub fn index(&self) -> &locate::Index {
        self.index.get_or_init(|| locate::Index::build(self.text()))
    }

    /// The original array index of kept element `i` of a collection.
    pub fn position(&self, collection: usize, i: usize) -> usize {
        self.positions
            .get(collection)
            .and_then(|p| p.get(i))
            .copied()
            .unwrap_or(i)
    }
}

/// Every `*.json` file under `dir`, recursively, in sorted path order.
///
/// Symbolic links are followed once; a folder reached twice (a link loop) is skipped
/// with a diagnostic. Hidden entries (names starting with `.`) are ignored.
pub fn discover(dir: &Path) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    match fs::metadata(dir) {
        Err(e) => {
            problems.push(
                Diagnostic::io(
                    "E061",
                    format!(
                        "cannot read the facts folder `{}`: {}",
                        dir.display(),
                        plain_io(&e)
                    ),
                )
                .with_hint("pass an existing folder with --facts DIR, or set POLITY_FACTS"),
            );
            return (files, problems);
        }
        Ok(m) if !m.is_dir() => {
            problems.push(
                Diagnostic::io(
                    "E061",
                    format!("the facts path `{}` is a file, not a folder", dir.display()),
                )
                .with_hint("pass the folder that holds the fact files, e.g. --facts facts"),
            );
            return (files, problems);
        }
        Ok(_) => {}
    }
    let mut seen = HashSet::new();
    walk(dir, &mut seen, &mut files, &mut problems);
    files.sort();
    if files.is_empty() && problems.is_empty() {
        problems.push(
            Diagnostic::io(
                "E062",
                format!("no fact files (*.json) under `{}`", dir.display()),
            )
            .with_hint("add a fact file (see the README's fact format), or point --facts at another folder"),
        );
    }
    (files, problems)
}

fn walk(
    dir: &Path,
    seen: &mut HashSet<PathBuf>,
    files: &mut Vec<PathBuf>,
    problems: &mut Vec<Diagnostic>,
) {
    let canonical = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if !seen.insert(canonical) {
        problems.push(
            Diagnostic::warning(
                "E060",
                format!(
                    "`{}` was already read (a symbolic link loop?); skipped",
                    dir.display()
                ),
            )
            .with_hint("remove the link that points back into the facts folder"),
        );
        return;
    }
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            problems.push(Diagnostic::io(
                "E060",
                format!("cannot read folder `{}`: {}", dir.display(), plain_io(&e)),
            ));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        match fs::metadata(&path) {
            Ok(m) if m.is_dir() => walk(&path, seen, files, problems),
            Ok(_) if path.extension().is_some_and(|e| e == "json") => files.push(path),
            Ok(_) => {}
            Err(e) => problems.push(Diagnostic::io(
                "E060",
                format!("cannot read `{}`: {}", path.display(), plain_io(&e)),
            )),
        }
    }
}

/// An I/O error's message without Rust's "(os error N)" suffix.
pub fn plain_io(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s.get(..i).unwrap_or(&s).to_owned(),
        None => s,
    }
}

/// Reads a fact file as UTF-8 text; problems become diagnostics.
pub fn read(path: &Path, shown: &str) -> Result<SourceText, Diagnostic> {
    let meta = fs::metadata(path).map_err(|e| {
        Diagnostic::io("E060", format!("cannot read: {}", plain_io(&e))).in_file(shown)
    })?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(Diagnostic::error(
            "E005",
            format!(
                "the file is {} MiB; polity reads fact files of at most {} MiB",
                meta.len() / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        )
        .in_file(shown)
        .with_hint("split it into several files in the same folder"));
    }
    let bytes = fs::read(path).map_err(|e| {
        Diagnostic::io("E060", format!("cannot read: {}", plain_io(&e))).in_file(shown)
    })?;
    decode(bytes, shown)
}

/// Turns bytes into text, reporting invalid UTF-8 at its place.
pub fn decode(bytes: Vec<u8>, shown: &str) -> Result<SourceText, Diagnostic> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceText {
            path: shown.to_owned(),
            text,
        }),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let valid = String::from_utf8_lossy(bytes.get(..at).unwrap_or_default()).into_owned();
            let mut d = Diagnostic::error(
                "E004",
                format!("the file is not valid UTF-8 (bad byte at offset {at})"),
            )
            .in_file(shown)
            .with_hint("save the file as UTF-8");
            d.location = Some(locate::location_of(&valid, valid.len()));
            Err(d)
        }
    }
}

/// Parses one fact file, collecting every problem it can find.
pub fn parse(source: SourceText) -> (ParsedFile, Vec<Diagnostic>) {
    let SourceText { path, text } = source;
    let mut problems = Vec::new();
    let body = match text.strip_prefix('\u{feff}') {
        Some(rest) => {
            problems.push(
                Diagnostic::warning("W003", "the file starts with a UTF-8 byte-order mark")
                    .in_file(&path)
                    .with_hint("save the file as UTF-8 without BOM"),
            );
            rest
        }
        None => text.as_str(),
    };
    let bom = text.len() - body.len();
    let mut file = ParsedFile {
        path: path.clone(),
        disk: None,
        text: std::sync::OnceLock::new(),
        facts: FactFile::default(),
        staged: None,
        positions: Default::default(),
        broken: false,
        dropped_ids: Vec::new(),
        index: std::sync::OnceLock::new(),
    };
    let fast = serde_json::from_str::<stage::FastFile>(body).map(|mut fast| {
        let staged = fast.stage();
        (fast.vocabulary, fast.actors, staged)
    });
    if let Ok((vocabulary, actors, staged)) = fast {
        file.facts.vocabulary = vocabulary;
        file.facts.actors = actors;
        file.staged = Some(staged);
        let text = if bom > 0 { body.to_owned() } else { text };
        file.text = std::sync::OnceLock::from(text);
        return (file, problems);
    }
    match serde_json::from_str::<FactFile>(body) {
        Ok(facts) => file.facts = facts,
        Err(e) if e.is_data() => recover(body, &e, &mut file, &mut problems),
        Err(e) => {
            file.broken = true;
            problems.push(syntax_diagnostic(body, &e, &path));
        }
    }
    let text = if bom > 0 { body.to_owned() } else { text };
    file.text = std::sync::OnceLock::from(text);
    (file, problems)
}

/// The diagnostic for a file that is not valid JSON (or nested too deeply to read).
fn syntax_diagnostic(body: &str, e: &serde_json::Error, path: &str) -> Diagnostic {
    let mut d = Diagnostic::error("E001", syntax_message(e))
        .in_file(path)
        .with_hint(syntax_hint(body, e));
    if e.line() > 0 {
        d.location = Some(locate::location_of_line_byte(body, e.line(), e.column()));
    }
    if is_depth_error(e) {
        d.code = "E005";
        d.message = "the file is nested too deeply (more than 128 levels)".into();
        d.hint = Some("fact files need at most 5 levels of nesting; flatten this value".into());
    }
    d
}

fn is_depth_error(e: &serde_json::Error) -> bool {
    e.to_string().starts_with("recursion limit exceeded")
}

/// `serde_json`'s message without its " at line L column C" suffix (we show the place ourselves).
fn syntax_message(e: &serde_json::Error) -> String {
    let s = e.to_string();
    let s = match s.rfind(" at line ") {
        Some(i) => s.get(..i).unwrap_or(&s).to_owned(),
        None => s,
    };
    format!("invalid JSON: {s}")
}

fn syntax_hint(text: &str, e: &serde_json::Error) -> String {
    let msg = e.to_string();
    let line = text
        .lines()
        .nth(e.line().saturating_sub(1))
        .unwrap_or_default();
    if text.trim().is_empty() {
        "the file is empty: a fact file holds one JSON object, at least {}".into()
    } else if msg.starts_with("trailing comma") {
        "remove the comma before the closing bracket".into()
    } else if msg.starts_with("EOF while parsing") {
        "the file ends too early: close every `{` and `[`".into()
    } else if line.trim_start().starts_with("//") || line.contains("/*") {
        "JSON has no comments: remove them (use a `description` or `summary` field instead)".into()
    } else if msg.starts_with("key must be a string") && line.contains('\'') {
        "JSON strings use double quotes \"…\", not single quotes".into()
    } else if msg.starts_with("key must be a string") {
        "object keys are strings in double quotes".into()
    } else if msg.starts_with("expected `,` or") {
        "a comma is missing between two items, or a bracket is not closed".into()
    } else if msg.starts_with("control character") {
        "write newlines and tabs inside strings as \\n and \\t".into()
    } else if msg.starts_with("trailing characters") {
        "a fact file holds exactly one JSON object; remove what follows it".into()
    } else {
        "fix the JSON syntax at this place; an editor with JSON support shows such mistakes as you type".into()
    }
}

/// The file is valid JSON but not a valid fact file: report each bad element on its own.
fn recover(
    body: &str,
    original: &serde_json::Error,
    file: &mut ParsedFile,
    problems: &mut Vec<Diagnostic>,
) {
    let path = file.path.clone();
    let here = Here {
        file: &path,
        body,
        index: locate::Index::build(body),
    };
    let value: Value = match serde_json::from_str(body) {
        Ok(v) => v,
        Err(e) => {
            file.broken = true;
            problems.push(syntax_diagnostic(body, &e, &path));
            return;
        }
    };
    let Value::Object(map) = value else {
        file.broken = true;
        problems.push(
            here.at(
                Diagnostic::error(
                    "E002",
                    format!(
                        "a fact file must be a JSON object, found {}",
                        describe(&value)
                    ),
                )
                .with_hint("wrap the content in { \"actors\": [...], \"relations\": [...] }"),
                &FieldPath::default(),
                false,
            ),
        );
        return;
    };
    let before = problems.len();
    for (key, value) in map {
        let Some(collection) = COLLECTIONS.iter().position(|c| *c == key) else {
            if key != "$schema" {
                let d = unknown_field(
                    &key,
                    &["$schema", "vocabulary", "sources", "actors", "relations"],
                );
                problems.push(here.at(d, &FieldPath(vec![Segment::Key(key.clone())]), true));
            } else if !value.is_string() {
                let d = Diagnostic::error(
                    "E002",
                    "`$schema` must be a string (the path of the schema)",
                );
                problems.push(here.at(d, &FieldPath(vec![Segment::Key(key.clone())]), false));
            }
            continue;
        };
        let Value::Array(items) = value else {
            let d = Diagnostic::error(
                "E002",
                format!("`{key}` must be an array, found {}", describe(&value)),
            )
            .with_hint(format!("write \"{key}\": [ ... ]"));
            problems.push(here.at(d, &FieldPath(vec![Segment::Key(key.clone())]), false));
            continue;
        };
        for (index, item) in items.into_iter().enumerate() {
            let base = FieldPath::element(&key, index);
            let id = item.get("id").and_then(Value::as_str).map(str::to_owned);
            let kept = match collection {
                0 => element(item, &base, &here, problems).map(|x| file.facts.vocabulary.push(x)),
                1 => element(item, &base, &here, problems).map(|x| file.facts.sources.push(x)),
                2 => element(item, &base, &here, problems).map(|x| file.facts.actors.push(x)),
                _ => element(item, &base, &here, problems).map(|x| file.facts.relations.push(x)),
            };
            match (kept, id) {
                (Some(()), _) => {
                    if let Some(p) = file.positions.get_mut(collection) {
                        p.push(index);
                    }
                }
                (None, Some(id)) => file.dropped_ids.push(id),
                (None, None) => {}
            }
        }
    }
    if problems.len() == before {
        // Something serde rejects that the element-wise pass does not see (a duplicate
        // key, for one): report serde's own finding at its place.
        let typed = serde_path_to_error::deserialize::<_, FactFile>(
            &mut serde_json::Deserializer::from_str(body),
        );
        let (fp, message) = typed.err().map_or_else(
            || (FieldPath::default(), original.to_string()),
            |e| (convert_path(e.path()), e.into_inner().to_string()),
        );
        let mut d = Diagnostic::error("E002", clean_serde_message(&message));
        if d.message.starts_with("duplicate field") {
            d = d.with_hint("each key may appear once in an object; remove one of them");
        }
        d = d.in_file(&path);
        if original.line() > 0 {
            d.location = Some(locate::location_of_line_byte(
                body,
                original.line(),
                original.column(),
            ));
        }
        if !fp.0.is_empty() {
            d.path = Some(fp);
        }
        problems.push(d);
    }
}

/// A file being recovered: what `located` needs to place a diagnostic in it.
struct Here<'a> {
    file: &'a str,
    body: &'a str,
    index: locate::Index,
}

impl Here<'_> {
    fn at(&self, d: Diagnostic, path: &FieldPath, at_key: bool) -> Diagnostic {
        located(d, self.file, self.body, &self.index, path, at_key)
    }
}

fn element<T: DeserializeOwned>(
    item: Value,
    base: &FieldPath,
    here: &Here<'_>,
    problems: &mut Vec<Diagnostic>,
) -> Option<T> {
    match serde_path_to_error::deserialize::<_, T>(item) {
        Ok(x) => Some(x),
        Err(e) => {
            let mut path = base.clone();
            path.0.extend(convert_path(e.path()).0);
            let inner = e.into_inner().to_string();
            let (d, at_key) = element_diagnostic(&inner);
            problems.push(here.at(d, &path, at_key));
            None
        }
    }
}

/// Turns a serde message about one element into a diagnostic; true when it concerns a key.
fn element_diagnostic(message: &str) -> (Diagnostic, bool) {
    let message = clean_serde_message(message);
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let name = rest.split('`').next().unwrap_or_default();
        let expected: Vec<&str> = rest.split('`').skip(2).step_by(2).collect();
        return (unknown_field(name, &expected), true);
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let name = rest.split('`').next().unwrap_or_default();
        let expected: Vec<&str> = rest.split('`').skip(2).step_by(2).collect();
        let mut d = Diagnostic::error("E002", format!("`{name}` is not one of the allowed values"));
        d = match crate::suggest::closest(name, expected.iter().copied()) {
            Some(s) => d.with_hint(format!(
                "did you mean `{s}`? allowed: {}",
                expected.join(", ")
            )),
            None => d.with_hint(format!("allowed: {}", expected.join(", "))),
        };
        return (d, false);
    }
    if let Some(field) = message.strip_prefix("missing field `") {
        let name = field.split('`').next().unwrap_or_default();
        return (
            Diagnostic::error("E002", format!("missing required field `{name}`"))
                .with_hint(format!("add \"{name}\": … to this object")),
            false,
        );
    }
    let hint = if message.contains("expected a string")
        || message.contains("expected a borrowed string")
    {
        "write the value in double quotes"
    } else if message.contains("expected a sequence") {
        "write a list: [ ... ]"
    } else if message.contains("expected a boolean") {
        "write true or false, without quotes"
    } else {
        "see schema/facts.schema.json for the expected shape"
    };
    (Diagnostic::error("E002", message).with_hint(hint), false)
}

fn unknown_field(name: &str, expected: &[&str]) -> Diagnostic {
    let d = Diagnostic::error("E003", format!("unknown field `{name}`"));
    match crate::suggest::closest(name, expected.iter().copied()) {
        Some(s) => d.with_hint(format!("did you mean `{s}`?")),
        None => d.with_hint(format!("allowed fields: {}", expected.join(", "))),
    }
}

fn clean_serde_message(s: &str) -> String {
    let s = match s.rfind(" at line ") {
        Some(i) => s.get(..i).unwrap_or(s),
        None => s,
    };
    s.replace("invalid type: ", "wrong type: ")
}

fn describe(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn convert_path(p: &serde_path_to_error::Path) -> FieldPath {
    use serde_path_to_error::Segment as S;
    FieldPath(
        p.iter()
            .filter_map(|s| match s {
                S::Seq { index } => Some(Segment::Index(*index)),
                S::Map { key } => Some(Segment::Key(key.clone())),
                S::Enum { .. } | S::Unknown => None,
            })
            .collect(),
    )
}

/// Fills in a diagnostic's file, path and location.
pub fn located(
    mut d: Diagnostic,
    file: &str,
    text: &str,
    index: &locate::Index,
    path: &FieldPath,
    at_key: bool,
) -> Diagnostic {
    d.file = Some(file.to_owned());
    let offset = index
        .locate(text, &path.0, at_key)
        .or_else(|| {
            // The exact key may be missing (a missing field): point at the enclosing object.
            let mut p = path.0.clone();
            while !p.is_empty() {
                p.pop();
                if let Some(o) = index.locate(text, &p, false) {
                    return Some(o);
                }
            }
            None
        })
        .unwrap_or(0);
    d.location = Some(index.location(text, offset));
    if !path.0.is_empty() {
        d.path = Some(path.clone());
    }
    d
}

/// Parses many files, in parallel where there are several cores; order is kept.
pub fn parse_all(sources: Vec<SourceText>) -> Vec<(ParsedFile, Vec<Diagnostic>)> {
    let slots: Vec<std::sync::Mutex<Option<SourceText>>> = sources
        .into_iter()
        .map(|s| std::sync::Mutex::new(Some(s)))
        .collect();
    parallel_map(slots.len(), |i| {
        slots.get(i).and_then(|m| m.lock().ok()?.take()).map(parse)
    })
    .into_iter()
    .flatten()
    .collect()
}

/// Reads and parses fact files, in parallel where there are several cores; order is kept.
///
/// Each file's text lives only while it is parsed (unless it has problems, see
/// [`ParsedFile`]), so memory holds the parsed facts, not the files. A file that cannot
/// be read gives only its diagnostic.
pub fn read_all(paths: &[PathBuf]) -> Vec<(Option<ParsedFile>, Vec<Diagnostic>)> {
    parallel_map(paths.len(), |i| {
        let path = paths.get(i)?;
        let shown = path.display().to_string();
        Some(match read(path, &shown) {
            Ok(text) => {
                let (mut file, problems) = parse(text);
                file.stage();
                if problems.is_empty() {
                    file.text = std::sync::OnceLock::new();
                    file.disk = Some(path.clone());
                }
                (Some(file), problems)
            }
            Err(d) => (None, vec![d]),
        })
    })
    .into_iter()
    .flatten()
    .collect()
}

/// `f(0)`, …, `f(n - 1)` on every core, each worker taking the next index as it gets free
/// (files differ in size); results in index order.
pub(crate) fn parallel_map<R: Send>(n: usize, f: impl Fn(usize) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(n);
    if threads < 2 {
        return (0..n).map(f).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        if i >= n {
                            break out;
                        }
                        out.push((i, f(i)));
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    done.sort_unstable_by_key(|&(i, _)| i);
    done.into_iter().map(|(_, r)| r).collect()
}
