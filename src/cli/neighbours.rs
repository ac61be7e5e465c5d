//! `polity neighbours` (alias `neighbors`): the actors within N hops of an actor at a time.

use std::process::ExitCode;

use serde::Serialize;

use super::explain::{self, ItemJson};
use super::output::{self, ActorJson, Cells, FormatArgs};
use super::{Context, Failure, args};
use crate::query::item::Item;
use crate::query::neighbours;
use crate::time::Activity;

/// The actors within N hops of an actor, over relations active at a time.
///
/// Lists the actors within N hops of an actor over relations active at the asked time (any
/// polarity, either direction), nearest first. Each row names the actor one hop closer
/// ("through") and the relation or derived tie that links them; its activity is that of
/// the whole chain (maybe when any link on it is only maybe active).
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  polity neighbours Mali                        direct neighbours today
  polity neighbours Mali --depth 2 --at 2021    within two hops in 2021
  polity neighbors Niger --certain              certain links only
  polity neighbours AES --format csv")]
pub struct Args {
    /// The actor: id, name, any language's name or alias (case and accents ignored)
    actor: String,

    /// How many hops away to look
    #[arg(long, value_name = "N", default_value_t = 1)]
    depth: usize,

    #[command(flatten)]
    time: args::TimeArgs,

    /// Follow only links that are certainly active
    #[arg(long)]
    certain: bool,

    #[command(flatten)]
    format: FormatArgs,
}

/// One row of `polity neighbours --format json`.
#[derive(Serialize)]
struct Row {
    id: String,
    name: String,
    kind: &'static str,
    distance: usize,
    activity: Activity,
    through: ActorJson,
    link: ItemJson,
}

/// Runs `polity neighbours`.
pub fn run(cx: &Context, args: &Args) -> Result<ExitCode, Failure> {
    let g = cx.graph()?;
    let actor = args::actor(&g, &args.actor)?;
    let time = args.time.query()?;
    let min = Activity::least(args.certain);
    let found = neighbours::neighbours(&g, actor, args.depth, time, min);
    let reach = neighbours::reach(&found);
    let mut rows: Vec<(neighbours::Neighbour, Activity, Item)> = found
        .iter()
        .zip(reach)
        .filter_map(|(n, a)| Item::of(&g, n.link).map(|i| (*n, a, i)))
        .collect();
    rows.sort_by_cached_key(|(n, _, _)| {
        let a = g.actor(n.actor);
        (
            n.distance,
            a.map(|a| a.fact.name.clone()),
            a.map(|a| a.fact.id.clone()),
        )
    });
    // A large neighbourhood has tens of thousands of rows: build only what the chosen
    // format prints (JSON objects, or the cells of a table or CSV).
    let format = args.format.format;
    let json: Vec<Row> = if format == output::Format::Json {
        rows.iter()
            .map(|(n, a, i)| {
                let who = ActorJson::of(&g, n.actor);
                Row {
                    id: who.id,
                    name: who.name,
                    kind: g.actor(n.actor).map_or("other", |x| x.fact.kind.as_str()),
                    distance: n.distance,
                    activity: *a,
                    through: ActorJson::of(&g, n.parent),
                    link: ItemJson::of(&g, i),
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    let cells = Cells {
        headers: vec![
            "distance",
            "actor",
            "id",
            "kind",
            "active",
            "through",
            "what",
            "relations",
        ],
        rows: if format == output::Format::Json {
            Vec::new()
        } else {
            rows.iter()
                .map(|(n, a, i)| {
                    let who = ActorJson::of(&g, n.actor);
                    vec![
                        n.distance.to_string(),
                        who.name,
                        who.id,
                        g.actor(n.actor)
                            .map_or("other", |x| x.fact.kind.as_str())
                            .to_owned(),
                        a.to_string(),
                        ActorJson::of(&g, n.parent).name,
                        explain::what(&g, i),
                        explain::relations_text(&g, i),
                    ]
                })
                .collect()
        },
    };
    let maybe = rows
        .iter()
        .filter(|(_, a, _)| *a == Activity::Maybe)
        .count();
    let hops = if args.depth == 1 { "hop" } else { "hops" };
    let title = format!(
        "Neighbours of {} within {} {hops} {}: {} ({maybe} maybe)",
        explain::who(&g, actor),
        args.depth,
        args::describe(&time, &args.time),
        rows.len()
    );
    output::emit(format, &title, &json, &cells)?;
    Ok(ExitCode::SUCCESS)
}
