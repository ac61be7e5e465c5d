//! `polity path`: the shortest chain of relations linking two actors at a time.

use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;

use super::explain::{self, ItemJson};
use super::output::{self, ActorJson, Cells, Format, FormatArgs};
use super::{Context, Failure, args};
use crate::query::item::Item;
use crate::query::path::{self, Hop};
use crate::time::Activity;

/// The shortest chain of relations linking two actors, every hop active at a time.
///
/// Finds the shortest chain of relations linking two actors, every hop active at the asked
/// time (any polarity, either direction: an event on its date, a tie over its span).
/// Hops that are only maybe active are marked; `--certain` uses certain hops only. No
/// chain is not an error: the table says so on stderr, JSON is `[]`, CSV only a header.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  polity path Mali \"United States\"              a chain as of today
  polity path Mali USA --at 2024-01-01          as of a day
  polity path Mali Russia --certain             certain hops only
  polity path MLI NER --max-hops 2 --format json")]
pub struct Args {
    /// Where the chain starts: id, name, any language's name or alias
    from: String,

    /// Where the chain ends
    to: String,

    #[command(flatten)]
    time: args::TimeArgs,

    /// The longest chain to look for
    #[arg(long, value_name = "N", default_value_t = 6)]
    max_hops: usize,

    /// Use only hops that are certainly active (no partial dates, no unknown ends)
    #[arg(long)]
    certain: bool,

    #[command(flatten)]
    format: FormatArgs,
}

/// One row of `polity path --format json`: a hop, and the relation or derived tie it takes.
#[derive(Serialize)]
struct Row {
    hop: usize,
    from: ActorJson,
    to: ActorJson,
    activity: Activity,
    link: ItemJson,
}

/// Runs `polity path`.
pub fn run(cx: &Context, args: &Args) -> Result<ExitCode, Failure> {
    let g = cx.graph()?;
    let from = args::actor(&g, &args.from)?;
    let to = args::actor(&g, &args.to)?;
    let time = args.time.query()?;
    let min = Activity::least(args.certain);
    let when = args::describe(&time, &args.time);
    let found = path::path(&g, from, to, time, args.max_hops, min);
    let hops: &[Hop] = found.as_deref().unwrap_or_default();
    let items: Vec<(Hop, Item)> = hops
        .iter()
        .filter_map(|h| Item::of(&g, h.link).map(|i| (*h, i)))
        .collect();
    let json: Vec<Row> = items
        .iter()
        .enumerate()
        .map(|(n, (h, i))| Row {
            hop: n + 1,
            from: ActorJson::of(&g, h.from),
            to: ActorJson::of(&g, h.to),
            activity: h.activity,
            link: ItemJson::of(&g, i),
        })
        .collect();
    let cells = Cells {
        headers: vec![
            "hop",
            "from",
            "to",
            "active",
            "date",
            "until",
            "what",
            "relations",
        ],
        rows: items
            .iter()
            .enumerate()
            .map(|(n, (h, i))| {
                vec![
                    (n + 1).to_string(),
                    explain::name(&g, h.from),
                    explain::name(&g, h.to),
                    h.activity.to_string(),
                    i.start.to_string(),
                    explain::until_text(i),
                    explain::what(&g, i),
                    explain::relations_text(&g, i),
                ]
            })
            .collect(),
    };
    if found.is_none() && args.format.format == Format::Table {
        writeln!(
            anstream::stderr(),
            "no path from {} to {} {when} within {} hops",
            explain::who(&g, from),
            explain::who(&g, to),
            args.max_hops
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let maybe = hops
        .iter()
        .filter(|h| h.activity == Activity::Maybe)
        .count();
    let title = format!(
        "Path from {} to {} {when}: {} hops ({maybe} maybe)",
        explain::who(&g, from),
        explain::who(&g, to),
        hops.len(),
    );
    output::emit(args.format.format, &title, &json, &cells)?;
    Ok(ExitCode::SUCCESS)
}
