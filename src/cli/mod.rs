//! The command line: argument parsing, output formatting and exit codes.
//!
//! Each subcommand lives in its own file with an argument struct (whose doc comments are
//! the `--help` text) and a `run` function. Everything that decides an exit code is here:
//! 0 success, 1 the facts have errors, 2 usage or I/O errors. A closed pipe is success.

mod actors;
pub mod args;
mod between;
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
    let result = match cli.command {
        Command::Check(args) => check::run(&cx, &args),
        Command::Partners(args) => partners::run(&cx, &args),
        Command::Between(args) => between::run(&cx, &args),
        Command::Timeline(args) => timeline::run(&cx, &args),
        Command::Path(args) => path::run(&cx, &args),
        Command::Neighbours(args) => neighbours::run(&cx, &args),
        Command::Diff(args) => diff::run(&cx, &args),
        Command::Show(args) => show::run(&cx, &args),
        Command::Actors(args) => actors::run(&cx, &args),
        Command::Stats(args) => stats::run(&cx, &args),
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
