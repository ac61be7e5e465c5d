//! `polity between`: every relation and derived tie between two actors, in date order.

use std::process::ExitCode;

use super::explain::{self, ItemJson};
use super::output::{self, Cells, FormatArgs};
use super::{Context, Failure, args};
use crate::query::between;
use crate::query::item::ItemKind;
use crate::time::TimeQuery;

/// Everything between two actors in date order, each relation read as a sentence.
///
/// Lists events, written ties and ties derived
/// from events (naming the events that opened and closed them), each read as a sentence
/// in its own direction ("Mali ended defence cooperation with France").
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  polity between Mali France                  everything, ever
  polity between Mali France --from 2022      what may have held from 2022 on
  polity between MLI RUS --to 2020-12-31      up to the end of 2020
  polity between Mali Russland --format json")]
pub struct Args {
    /// One actor: id, name, any language's name or alias (case and accents ignored)
    a: String,

    /// The other actor
    b: String,

    #[command(flatten)]
    window: args::WindowArgs,

    #[command(flatten)]
    format: FormatArgs,
}

/// Runs `polity between`.
pub fn run(cx: &Context, args: &Args) -> Result<ExitCode, Failure> {
    let g = cx.graph()?;
    let a = args::actor(&g, &args.a)?;
    let b = args::actor(&g, &args.b)?;
    let time = args
        .window
        .period()?
        .map_or(TimeQuery::Always, TimeQuery::During);
    let items = between::between(&g, a, b, time);
    let json: Vec<ItemJson> = items.iter().map(|i| ItemJson::of(&g, i)).collect();
    let cells = Cells {
        headers: vec!["date", "until", "kind", "what", "relations"],
        rows: items
            .iter()
            .map(|i| {
                vec![
                    i.start.to_string(),
                    explain::until_text(i),
                    explain::kind_text(i).to_owned(),
                    explain::what(&g, i),
                    explain::relations_text(&g, i),
                ]
            })
            .collect(),
    };
    let derived = items
        .iter()
        .filter(|i| i.kind == ItemKind::DerivedTie)
        .count();
    let title = format!(
        "Between {} and {}{}: {} ({derived} derived)",
        explain::who(&g, a),
        explain::who(&g, b),
        args.window.describe(),
        items.len()
    );
    output::emit(args.format.format, &title, &json, &cells)?;
    Ok(ExitCode::SUCCESS)
}
