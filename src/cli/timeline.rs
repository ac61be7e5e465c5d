//! `polity timeline`: dated events and the starts and ends of ties, in date order.

use std::process::ExitCode;

use serde::Serialize;

use super::explain::{self, ItemJson};
use super::output::{self, Cells, DateJson, FormatArgs};
use super::{Context, Failure, args};
use crate::query::item::ItemKind;
use crate::query::timeline::{self, Moment, Options};

/// Events and the starts and ends of ties in date order, dates at their own precision.
///
/// Lists events and the days ties began and ended, in date order, each date at the
/// precision the facts give (`2023-09`, not `2023-09-01`). With actors, only what involves
/// any of them. A tie ended by an event ends on that event's date; derived ties (opened by
/// an event) are listed as such.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  polity timeline                               everything
  polity timeline Mali                          what involves Mali
  polity timeline Mali France --from 2022       involving either, from 2022 on
  polity timeline --type joined,withdrew_from   memberships changing
  polity timeline Niger --format csv")]
pub struct Args {
    /// Actors: ids, names, any language's names or aliases [default: all actors]
    actors: Vec<String>,

    #[command(flatten)]
    window: args::WindowArgs,

    /// Only these relation types (repeat or separate with commas); a tie's start and end
    /// count as its type
    #[arg(long = "type", value_name = "TYPE", value_delimiter = ',')]
    types: Vec<String>,

    #[command(flatten)]
    format: FormatArgs,
}

/// One row of `polity timeline --format json`: the entry's date and moment, then the item.
#[derive(Serialize)]
struct Row {
    date: DateJson,
    moment: &'static str,
    #[serde(flatten)]
    item: ItemJson,
}

/// Runs `polity timeline`.
pub fn run(cx: &Context, args: &Args) -> Result<ExitCode, Failure> {
    let g = cx.graph()?;
    let actors = args
        .actors
        .iter()
        .map(|a| args::actor(&g, a))
        .collect::<Result<Vec<_>, _>>()?;
    let types = args
        .types
        .iter()
        .map(|t| args::relation_type(&g, t))
        .collect::<Result<Vec<_>, _>>()?;
    let entries = timeline::timeline(
        &g,
        &Options {
            actors: actors.clone(),
            window: args.window.period()?,
            types,
        },
    );
    let json: Vec<Row> = entries
        .iter()
        .map(|e| Row {
            date: DateJson::from(&e.date),
            moment: e.moment.as_str(),
            item: ItemJson::of(&g, &e.item),
        })
        .collect();
    let cells = Cells {
        headers: vec!["date", "change", "what", "relations"],
        rows: entries
            .iter()
            .map(|e| {
                let tie = if e.item.kind == ItemKind::DerivedTie {
                    "derived tie"
                } else {
                    "tie"
                };
                let change = match e.moment {
                    Moment::Event => "event".to_owned(),
                    Moment::Start => format!("{tie} starts"),
                    Moment::End => format!("{tie} ends"),
                };
                vec![
                    e.date.to_string(),
                    change,
                    explain::what(&g, &e.item),
                    explain::relations_text(&g, &e.item),
                ]
            })
            .collect(),
    };
    let whom = if actors.is_empty() {
        String::new()
    } else {
        let names: Vec<String> = actors.iter().map(|&a| explain::who(&g, a)).collect();
        format!(" of {}", names.join(", "))
    };
    let title = format!(
        "Timeline{whom}{}: {} entries",
        args.window.describe(),
        entries.len()
    );
    output::emit(args.format.format, &title, &json, &cells)?;
    Ok(ExitCode::SUCCESS)
}
