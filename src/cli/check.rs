//! `polity check`: validate the facts, report every problem, or print a one-line summary.

use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;

use super::{Context, Failure, render};
use crate::diagnostic::{Category, Diagnostic, Severity};

/// Validate the fact files and report every problem at once.
///
/// Exit status: 0 when the facts are clean (warnings allowed unless --strict), 1 when
/// they have errors, 2 when they cannot be read at all.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  polity check
  polity check --strict --facts facts
  polity check --format json | jq '.diagnostics[] | .message'")]
pub struct Args {
    /// Treat warnings (e.g. a relation without sources) as errors
    #[arg(long)]
    strict: bool,

    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// Human-readable, with source snippets
    Text,
    /// One JSON object with every diagnostic, for editors and CI
    Json,
}

#[derive(Serialize)]
struct Summary {
    actors: usize,
    relations: usize,
    sources: usize,
    relation_types: usize,
    files: usize,
    errors: usize,
    warnings: usize,
}

#[derive(Serialize)]
struct Report<'a> {
    ok: bool,
    summary: Summary,
    diagnostics: &'a [Diagnostic],
}

/// Runs `polity check`.
pub fn run(cx: &Context, args: &Args) -> Result<ExitCode, Failure> {
    let checked = crate::load_facts(&cx.origin);
    let is_error = |d: &&Diagnostic| d.severity == Severity::Error || args.strict;
    let errors = checked.diagnostics.iter().filter(is_error).count();
    let warnings = checked.diagnostics.len() - errors;
    let io_failure = checked
        .diagnostics
        .iter()
        .any(|d| d.category == Category::Io && is_error(&d));
    let f = &checked.facts;
    let summary = Summary {
        actors: f.actors.len(),
        relations: f.relations.len(),
        sources: f.sources.len(),
        relation_types: f.types.len(),
        files: f.files.len(),
        errors,
        warnings,
    };
    match args.format {
        Format::Json => {
            let mut diagnostics = checked.diagnostics.clone();
            if args.strict {
                for d in &mut diagnostics {
                    d.severity = Severity::Error;
                }
            }
            let report = Report {
                ok: errors == 0,
                summary,
                diagnostics: &diagnostics,
            };
            let mut out = std::io::stdout().lock();
            serde_json::to_writer_pretty(&mut out, &report).map_err(std::io::Error::from)?;
            writeln!(out)?;
        }
        Format::Text => {
            let mut err = anstream::stderr().lock();
            for d in &checked.diagnostics {
                render::diagnostic(&mut err, d, args.strict)?;
            }
            if errors > 0 {
                writeln!(
                    err,
                    "{}: {} has {} and {} in {} file(s)",
                    render::error_label(),
                    cx.origin.describe(),
                    plural(errors, "error"),
                    plural(warnings, "warning"),
                    summary.files,
                )?;
            } else {
                let mut out = anstream::stdout().lock();
                writeln!(
                    out,
                    "ok: {} actors, {} relations, {} sources, {} relation types in {} files ({})",
                    summary.actors,
                    summary.relations,
                    summary.sources,
                    summary.relation_types,
                    summary.files,
                    plural(warnings, "warning"),
                )?;
            }
        }
    }
    Ok(ExitCode::from(match (errors, io_failure) {
        (0, _) => 0,
        (_, true) => 2,
        _ => 1,
    }))
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
