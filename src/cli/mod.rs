//! The command line: argument parsing, output formatting and exit codes.
//!
//! Each subcommand lives in its own file with an argument struct (whose doc comments are
//! the `--help` text) and a `run` function. Everything that decides an exit code is here:
//! 0 success, 1 the facts have errors, 2 usage or I/O errors. A closed pipe is success.

mod actors;
pub mod args;
mod between;
mod cache;
mod check;
mod completions;
mod diff;
pub mod explain;
mod export;
mod neighbours;
pub mod output;
mod partners;
mod path;
pub mod render;
mod schema;
mod show;
mod stats;
mod timeline;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::FactsOrigin;
use crate::graph::Graph;

const EXAMPLES: &str = "\
Examples:
  polity partners Mali --at 2021-06          Mali's partners in June 2021, and why
  polity diff Mali --from 2021-06            partners gained and lost since then
  polity between Russland 'Allianz der Sahelstaaten'
  polity show rel-2025-08-14-aes-russia-mod-defence-mou   one fact with its sources
  polity timeline Niger --from 2023 --to 2024
  polity export svg --around Mali --at 2025-09-01 -o mali.svg
  polity check --strict                      validate the facts, every problem located

Facts come from --facts DIR, else $POLITY_FACTS, else ./facts if it exists, else the
curated Sahel dataset built into polity.";

/// A geopolitical relationship knowledge graph: dated, sourced facts you can question and draw.
#[derive(Debug, Parser)]
#[command(name = "polity", version, about, after_help = EXAMPLES, propagate_version = true)]
pub struct Cli {
    /// Folder of fact files [default: ./facts if it exists, else the built-in dataset]
    #[arg(long, global = true, env = "POLITY_FACTS", value_name = "DIR")]
    facts: Option<PathBuf>,

    /// Answer from scratch: neither read nor write the answer cache (see the README's
    /// "Performance" section)
    #[arg(long, global = true)]
    no_cache: bool,

    /// When to use colour
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    color: ColorChoice,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ColorChoice {
    /// Colour on a terminal, unless `NO_COLOR` is set
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
enum Command {
    Check(check::Args),
    Partners(partners::Args),
    Between(between::Args),
    Timeline(timeline::Args),
    Path(path::Args),
    #[command(visible_alias = "neighbors")]
    Neighbours(neighbours::Args),
    Diff(diff::Args),
    Show(show::Args),
    Actors(actors::Args),
    Stats(stats::Args),
    Export(export::Args),
    Schema(schema::Args),
    Completions(completions::Args),
}

/// How a command failed, mapped to an exit code in one place.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// The facts have errors (exit 1); diagnostics were already printed.
    #[error("the facts have errors")]
    Facts,
    /// Bad usage, e.g. an unknown actor name (exit 2).
    #[error("{0}")]
    Usage(String),
    /// Reading or writing failed (exit 2).
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// Shared context of every command.
pub struct Context {
    /// Where the facts come from.
    pub origin: FactsOrigin,
}

impl Context {
    /// Loads and validates the facts; on errors prints them and fails with exit 1.
    pub fn graph(&self) -> Result<Graph, Failure> {
        let checked = crate::load_facts(&self.origin);
        let errors: Vec<_> = checked
            .diagnostics
            .iter()
            .filter(|d| d.severity == crate::diagnostic::Severity::Error)
            .cloned()
            .collect();
        if !errors.is_empty() {
            let mut err = anstream::stderr().lock();
            for d in &errors {
                render::diagnostic(&mut err, d, false)?;
            }
            writeln!(
                err,
                "{}: {} has {} error(s); run `polity check` for details",
                render::error_label(),
                self.origin.describe(),
                errors.len()
            )?;
            return Err(
                if errors
                    .iter()
                    .any(|d| d.category == crate::diagnostic::Category::Io)
                {
                    Failure::Usage(String::new())
                } else {
                    Failure::Facts
                },
            );
        }
        Ok(Graph::build(checked.facts))
    }
}

/// Runs a query command through the answer cache: a repeated question on an unchanged
/// facts folder prints the stored answer; a new one runs and, when it succeeds, is stored.
fn cached(
    cx: &Context,
    no_cache: bool,
    run: impl FnOnce() -> Result<ExitCode, Failure>,
) -> Result<ExitCode, Failure> {
    let entry = match (&cx.origin, no_cache) {
        (FactsOrigin::Dir(dir), false) => cache::Entry::for_question(dir),
        _ => None,
    };
    let Some(entry) = entry else {
        return run();
    };
    if let Some(answer) = entry.read() {
        io::stdout().lock().write_all(&answer)?;
        return Ok(ExitCode::SUCCESS);
    }
    let (result, answer) = output::capture(run);
    io::stdout().lock().write_all(&answer)?;
    if matches!(result, Ok(code) if code == ExitCode::SUCCESS) {
        entry.write(&answer);
    }
    result
}

/// Runs polity with the process's arguments and returns its exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.color {
        ColorChoice::Auto => {}
        ColorChoice::Always => anstream::ColorChoice::Always.write_global(),
        ColorChoice::Never => anstream::ColorChoice::Never.write_global(),
    }
    let cx = Context {
        origin: FactsOrigin::choose(cli.facts),
    };
    let nc = cli.no_cache;
    let result = match cli.command {
        Command::Check(args) => check::run(&cx, &args),
        Command::Partners(args) => cached(&cx, nc, || partners::run(&cx, &args)),
        Command::Between(args) => cached(&cx, nc, || between::run(&cx, &args)),
        Command::Timeline(args) => cached(&cx, nc, || timeline::run(&cx, &args)),
        // `path` may explain an empty answer on stderr, which a cached answer would lose.
        Command::Path(args) => path::run(&cx, &args),
        Command::Neighbours(args) => cached(&cx, nc, || neighbours::run(&cx, &args)),
        Command::Diff(args) => cached(&cx, nc, || diff::run(&cx, &args)),
        Command::Show(args) => cached(&cx, nc, || show::run(&cx, &args)),
        Command::Actors(args) => cached(&cx, nc, || actors::run(&cx, &args)),
        Command::Stats(args) => cached(&cx, nc, || stats::run(&cx, &args)),
        // Exports write files or large streams: always computed.
        Command::Export(args) => export::run(&cx, &args),
        Command::Schema(args) => schema::run(&args),
        Command::Completions(args) => completions::run(&args),
    };
    match result {
        Ok(code) => code,
        Err(Failure::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Failure::Facts) => ExitCode::from(1),
        Err(Failure::Usage(msg)) => {
            if !msg.is_empty() {
                let _ = writeln!(anstream::stderr(), "{}: {msg}", render::error_label());
            }
            ExitCode::from(2)
        }
        Err(Failure::Io(e)) => {
            let _ = writeln!(
                anstream::stderr(),
                "{}: {}",
                render::error_label(),
                crate::load::plain_io(&e)
            );
            ExitCode::from(2)
        }
    }
}
