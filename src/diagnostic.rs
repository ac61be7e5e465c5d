//! Problems found in fact files, as data.
//!
//! A [`Diagnostic`] says what is wrong, where (file, line, column, field path) and how to
//! fix it. The library only produces them; the CLI renders them as text or JSON. Every
//! code is documented in the README's "Errors" section and never changes meaning.

use std::fmt;

use serde::Serialize;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The facts are wrong: `check` exits 1.
    Error,
    /// Suspicious but usable; an error under `--strict`.
    Warning,
}

/// What a diagnostic is about: the facts (exit 1) or reading them at all (exit 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// The content of the fact files.
    Data,
    /// The file system: a missing folder, an unreadable file.
    Io,
}

/// One step of a field path such as `relations[3].to`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// An object key.
    Key(String),
    /// An array index.
    Index(usize),
}

/// A field path inside a fact file, such as `relations[3].to`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldPath(pub Vec<Segment>);

impl FieldPath {
    /// The path of element `index` of a top-level collection, e.g. `actors[2]`.
    pub fn element(collection: &str, index: usize) -> FieldPath {
        FieldPath(vec![
            Segment::Key(collection.to_owned()),
            Segment::Index(index),
        ])
    }

    /// This path extended by a key.
    #[must_use]
    pub fn key(&self, key: &str) -> FieldPath {
        let mut v = self.0.clone();
        v.push(Segment::Key(key.to_owned()));
        FieldPath(v)
    }

    /// This path extended by an index.
    #[must_use]
    pub fn index(&self, index: usize) -> FieldPath {
        let mut v = self.0.clone();
        v.push(Segment::Index(index));
        FieldPath(v)
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Segment::Key(k) if i == 0 => write!(f, "{k}")?,
                Segment::Key(k) => write!(f, ".{k}")?,
                Segment::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

impl Serialize for FieldPath {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Where in a file a problem sits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The text of that line, for a snippet.
    #[serde(skip)]
    pub line_text: String,
}

/// One problem found while reading or validating fact files.
#[derive(Debug, Clone, Serialize)]
pub struct Diagnostic {
    /// Stable code, e.g. `E020`; documented in the README.
    pub code: &'static str,
    /// Error or warning.
    pub severity: Severity,
    /// Data or I/O.
    #[serde(skip)]
    pub category: Category,
    /// What is wrong, in one sentence.
    pub message: String,
    /// The file, as given on the command line or relative to the facts folder.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// Line and column, when the problem has a place in the file.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// The field path, e.g. `relations[3].to`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<FieldPath>,
    /// How to fix it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// Related information, e.g. where a duplicate was first defined.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Diagnostic {
    /// A data error with a message.
    pub fn error(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code,
            severity: Severity::Error,
            category: Category::Data,
            message: message.into(),
            file: None,
            location: None,
            path: None,
            hint: None,
            note: None,
        }
    }

    /// A data warning with a message.
    pub fn warning(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    /// An I/O error with a message.
    pub fn io(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            category: Category::Io,
            ..Diagnostic::error(code, message)
        }
    }

    /// With a hint on how to fix it.
    #[must_use]
    pub fn with_hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    /// With a note.
    #[must_use]
    pub fn with_note(mut self, note: impl Into<String>) -> Diagnostic {
        self.note = Some(note.into());
        self
    }

    /// In a file.
    #[must_use]
    pub fn in_file(mut self, file: impl Into<String>) -> Diagnostic {
        self.file = Some(file.into());
        self
    }
}

/// Every diagnostic code with a one-line meaning, for `polity check --explain` and the README.
pub const CODES: &[(&str, &str)] = &[
    ("E001", "the file is not valid JSON"),
    ("E002", "a value has the wrong type or shape"),
    ("E003", "unknown field"),
    ("E004", "the file is not valid UTF-8"),
    ("E005", "the file is too large or nested too deeply"),
    ("E010", "duplicate id"),
    ("E011", "an id has characters outside [A-Za-z0-9_.-]"),
    ("E020", "unknown actor"),
    ("E021", "unknown source"),
    ("E022", "unknown relation type"),
    ("E030", "invalid date"),
    ("E031", "end before start"),
    ("E032", "an event has `start`, `end` or `ended`"),
    ("E033", "a tie has `date`"),
    ("E034", "an event without `date` or a tie without `start`"),
    ("E040", "`opens` or `closes` names an unknown relation type"),
    (
        "E041",
        "`opens` or `closes` misused (not a tie type, or on a tie type)",
    ),
    ("E042", "`member_of` is not a directed tie"),
    ("E050", "a source `url` is not http or https"),
    ("E051", "a malformed `iso3` or `wikidata` id"),
    ("E060", "a file or folder cannot be read"),
    ("E061", "the facts path does not exist or is not a folder"),
    ("E062", "no fact files found"),
    ("W001", "a relation cites no source"),
    ("W002", "a claim without `claimed_by`"),
    ("W003", "the file starts with a byte-order mark"),
];
