//! Printing query results as a table, JSON or CSV.
//!
//! Every query command builds two views of its rows: serialisable structs for JSON (a
//! documented, stable shape) and flat text cells for the table and CSV. Tables fit the
//! terminal's width when writing to one and are never cut when piped.

use std::io::{self, IsTerminal, Write};

use comfy_table::{ContentArrangement, LineStyle, Table as Comfy, TableStyle};
use serde::Serialize;

use crate::graph::Graph;

/// How to print results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// An aligned table for people
    Table,
    /// A JSON array with one object per row, for scripts
    Json,
    /// CSV with a header row, for spreadsheets
    Csv,
}

/// The `--format` option shared by every query command.
#[derive(Debug, Clone, clap::Args)]
pub struct FormatArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// Rows as text cells, for the table and CSV.
#[derive(Debug, Clone, Default)]
pub struct Cells {
    /// Column names.
    pub headers: Vec<&'static str>,
    /// One vector of cells per row.
    pub rows: Vec<Vec<String>>,
}

/// Prints rows in the chosen format. `title` is shown above a table only.
pub fn emit<T: Serialize>(
    format: Format,
    title: &str,
    json: &[T],
    cells: &Cells,
) -> io::Result<()> {
    let captured = CAPTURED.with(|c| {
        let mut c = c.borrow_mut();
        c.as_mut()
            .map(|buf| render(&mut *buf, format, title, json, cells))
    });
    match captured {
        Some(done) => done,
        None => render(io::stdout().lock(), format, title, json, cells),
    }
}

thread_local! {
    /// While set, [`emit`] appends here instead of printing (see [`capture`]).
    static CAPTURED: std::cell::RefCell<Option<Vec<u8>>> = const { std::cell::RefCell::new(None) };
}

/// Runs `f` with everything [`emit`] prints collected instead; returns `f`'s result and
/// the bytes (for the answer cache, which prints and stores them).
pub fn capture<R>(f: impl FnOnce() -> R) -> (R, Vec<u8>) {
    CAPTURED.with(|c| *c.borrow_mut() = Some(Vec::new()));
    let result = f();
    let bytes = CAPTURED.with(|c| c.borrow_mut().take()).unwrap_or_default();
    (result, bytes)
}

fn render<T: Serialize, W: Write>(
    mut out: W,
    format: Format,
    title: &str,
    json: &[T],
    cells: &Cells,
) -> io::Result<()> {
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, json).map_err(io::Error::from)?;
            writeln!(out)
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(&cells.headers).map_err(csv_io)?;
            for row in &cells.rows {
                w.write_record(row).map_err(csv_io)?;
            }
            w.flush()
        }
        Format::Table => {
            if !title.is_empty() {
                writeln!(out, "{title}")?;
            }
            if cells.rows.is_empty() {
                return Ok(());
            }
            let mut t = Comfy::new();
            // Columns and a rule under the header: easy to read, easy to diff.
            t.load_style(TableStyle::new().header_separator(LineStyle::new('─', '─', '─', '─')));
            if io::stdout().is_terminal()
                && let Some((terminal_size::Width(w), _)) = terminal_size::terminal_size()
            {
                t.set_content_arrangement(ContentArrangement::Dynamic);
                t.set_width(w);
            }
            t.set_header(cells.headers.iter().copied());
            for row in &cells.rows {
                t.add_row(row.iter().map(String::as_str));
            }
            let lines: Vec<String> = t.lines().map(|l| l.trim_end().to_owned()).collect();
            // The rule under the header is as wide as the widest line of text, not the
            // padded table.
            let width = lines
                .iter()
                .filter(|l| !l.starts_with('─'))
                .map(|l| l.chars().count())
                .max()
                .unwrap_or(0);
            for line in &lines {
                if line.starts_with('─') {
                    writeln!(out, "{}", "─".repeat(width))?;
                } else {
                    writeln!(out, "{line}")?;
                }
            }
            Ok(())
        }
    }
}

fn csv_io(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

pub use crate::date::DateJson;

/// An actor reference in JSON output.
#[derive(Debug, Clone, Serialize)]
pub struct ActorJson {
    /// The actor's id.
    pub id: String,
    /// The actor's display name.
    pub name: String,
}

impl ActorJson {
    /// The reference for actor index `i`.
    pub fn of(g: &Graph, i: usize) -> ActorJson {
        let (id, name) = g
            .actor(i)
            .map(|a| (a.fact.id.clone(), a.fact.name.clone()))
            .unwrap_or_default();
        ActorJson { id, name }
    }
}

/// A source in JSON output.
#[derive(Debug, Clone, Serialize)]
pub struct SourceJson {
    /// The source's id.
    pub id: String,
    /// Its address.
    pub url: String,
    /// Its title, if given.
    pub title: Option<String>,
    /// Its publisher, if given.
    pub publisher: Option<String>,
    /// When it was published (as written), if given.
    pub published: Option<String>,
}

/// The sources (unique, in order of first citation) of a set of relations.
pub fn sources_of(g: &Graph, relations: &[usize]) -> Vec<SourceJson> {
    let mut seen = Vec::new();
    for &r in relations {
        for s in g
            .facts
            .relations
            .get(r)
            .into_iter()
            .flat_map(|r| g.facts.sources_of(r))
        {
            if !seen.contains(&s) {
                seen.push(s);
            }
        }
    }
    seen.into_iter()
        .filter_map(|s| g.facts.sources.get(s))
        .map(|s| SourceJson {
            id: s.id.to_owned(),
            url: s.url.to_owned(),
            title: s.title.map(str::to_owned),
            publisher: s.publisher.map(str::to_owned),
            published: s.published.map(str::to_owned),
        })
        .collect()
}

/// The ids of relations, in the given order.
pub fn relation_ids(g: &Graph, relations: &[usize]) -> Vec<String> {
    relations
        .iter()
        .filter_map(|&r| g.facts.relations.get(r))
        .map(|r| r.id.clone())
        .collect()
}
