//! polity: a geopolitical relationship knowledge graph built from dated, sourced fact files.
//!
//! Data flows one way: fact files → [`load`] (parse, keep where every value sits) →
//! [`validate`] (every problem at once) → [`graph`] (petgraph plus a name index) →
//! queries and exports (plain data) → [`cli`] (formatting and exit codes). No module
//! reaches back up that line, and nothing here exits the process or prints, except `cli`.

pub mod cli;
pub mod date;
pub mod diagnostic;
pub mod export;
pub mod graph;
pub mod load;
pub mod memory;
pub mod model;
pub mod query;
pub mod sources;
pub mod suggest;
pub mod text;
pub mod ties;
pub mod time;
pub mod validate;

use std::path::{Path, PathBuf};

use diagnostic::Diagnostic;
use validate::Checked;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_facts.rs"));
}

/// Where the facts come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FactsOrigin {
    /// A folder of fact files.
    Dir(PathBuf),
    /// The curated dataset compiled into the binary.
    Embedded,
}

impl FactsOrigin {
    /// The facts folder to use: the one given (flag or `POLITY_FACTS`), else `./facts` if
    /// it exists, else the curated dataset compiled into the binary.
    pub fn choose(given: Option<PathBuf>) -> FactsOrigin {
        match given {
            Some(dir) => FactsOrigin::Dir(dir),
            None if Path::new("facts").is_dir() => FactsOrigin::Dir(PathBuf::from("facts")),
            None => FactsOrigin::Embedded,
        }
    }

    /// How to name this origin to a user.
    pub fn describe(&self) -> String {
        match self {
            FactsOrigin::Dir(d) => d.display().to_string(),
            FactsOrigin::Embedded => "the built-in dataset".to_owned(),
        }
    }
}

/// Reads, parses and validates a fact set. Problems are diagnostics, never panics.
pub fn load_facts(origin: &FactsOrigin) -> Checked {
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    let mut files = Vec::new();
    match origin {
        FactsOrigin::Dir(dir) => {
            let (paths, problems) = load::discover(dir);
            diagnostics.extend(problems);
            for (file, problems) in load::read_all(&paths) {
                diagnostics.extend(problems);
                files.extend(file);
            }
        }
        FactsOrigin::Embedded => {
            let texts = embedded::EMBEDDED.iter().map(|(p, t)| load::SourceText {
                path: (*p).to_owned(),
                text: (*t).to_owned(),
            });
            for (file, problems) in load::parse_all(texts.collect()) {
                diagnostics.extend(problems);
                files.push(file);
            }
        }
    }
    let mut checked = validate::validate(files);
    memory::release_freed();
    diagnostics.append(&mut checked.diagnostics);
    // Reading order: problems without a file first, then by file, line and column.
    diagnostics.sort_by(|a, b| {
        let key = |d: &Diagnostic| {
            (
                d.file.clone(),
                d.location.as_ref().map(|l| (l.line, l.column)),
            )
        };
        key(a).cmp(&key(b))
    });
    checked.diagnostics = diagnostics;
    checked
}
