//! `polity partners`: who cooperates with an actor at a time, and why.

use std::process::ExitCode;

use serde::Serialize;

use super::args;
use super::explain;
use super::output::{self, ActorJson, Cells, DateJson, FormatArgs, SourceJson};
use super::{Context, Failure};
use crate::query::partners::{self, Options, Partner};
use crate::time::Activity;

/// Who cooperates with an actor at a time, directly or through an alliance, and why.
///
/// Lists an actor's partners at a time: cooperative ties, and fellow members and partners of
/// the alliances it belongs to ("via"). Each row names the relations it rests on.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  polity partners Mali                      partners today
  polity partners Mali --at 2021-06         in June 2021
  polity partners mali --direct --certain   own ties only, certain rows only
  polity partners Russland --sources        with the sources behind each row
  polity partners MLI --format json")]
pub struct Args {
    /// The actor: id, name, any language's name or alias (case and accents ignored)
    actor: String,

    #[command(flatten)]
    time: args::TimeArgs,

    /// Hide rows that are only maybe active (partial dates, unknown ends)
    #[arg(long)]
    certain: bool,

    /// Only the actor's own ties; no partners through alliances
    #[arg(long)]
    direct: bool,

    /// Only partners of this kind
    #[arg(long, value_enum, value_name = "KIND")]
    kind: Option<crate::model::ActorKind>,

    /// Show the sources (title and URL) behind each row
    #[arg(long)]
    sources: bool,

    #[command(flatten)]
    format: FormatArgs,
}

/// One row of `polity partners --format json`.
#[derive(Serialize)]
struct Row {
    id: String,
    name: String,
    kind: &'static str,
    activity: Activity,
    direct: bool,
    member: bool,
    via: Vec<ActorJson>,
    since: Option<DateJson>,
    relations: Vec<String>,
    sources: Vec<SourceJson>,
}

/// Runs `polity partners`.
pub fn run(cx: &Context, args: &Args) -> Result<ExitCode, Failure> {
    let g = cx.graph()?;
    let actor = args::actor(&g, &args.actor)?;
    let time = args.time.query()?;
    let rows = partners::partners(
        &g,
        actor,
        &Options {
            time,
            certain: args.certain,
            direct: args.direct,
            kind: args.kind,
        },
    );
    let json: Vec<Row> = rows.iter().map(|p| row(&g, p)).collect();
    let mut cells = Cells {
        headers: vec![
            "partner",
            "id",
            "kind",
            "active",
            "via",
            "since",
            "relations",
        ],
        rows: Vec::new(),
    };
    if args.sources {
        cells.headers.push("sources");
    }
    for (r, p) in json.iter().zip(&rows) {
        let mut line = vec![
            r.name.clone(),
            r.id.clone(),
            r.kind.to_owned(),
            r.activity.to_string(),
            explain::via_text(&g, p),
            r.since.as_ref().map(|d| d.text.clone()).unwrap_or_default(),
            r.relations.join(", "),
        ];
        if args.sources {
            let s: Vec<String> = r
                .sources
                .iter()
                .map(|s| format!("{} <{}>", s.title.as_deref().unwrap_or(&s.id), s.url))
                .collect();
            line.push(s.join("; "));
        }
        cells.rows.push(line);
    }
    let maybe = rows
        .iter()
        .filter(|p| p.activity == Activity::Maybe)
        .count();
    let who = g
        .actor(actor)
        .map(|a| format!("{} ({})", a.fact.name, a.fact.id))
        .unwrap_or_default();
    let title = format!(
        "Partners of {who} {}: {} ({maybe} maybe)",
        args::describe(&time, &args.time),
        rows.len()
    );
    output::emit(args.format.format, &title, &json, &cells)?;
    Ok(ExitCode::SUCCESS)
}

fn row(g: &crate::graph::Graph, p: &Partner) -> Row {
    let rels = p.relations(g);
    let a = g.actor(p.actor);
    Row {
        id: a.map(|a| a.fact.id.clone()).unwrap_or_default(),
        name: a.map(|a| a.fact.name.clone()).unwrap_or_default(),
        kind: a.map_or("other", |a| a.fact.kind.as_str()),
        activity: p.activity,
        direct: p.direct,
        member: p.member,
        via: p.via.iter().map(|&v| ActorJson::of(g, v)).collect(),
        since: p.since.as_ref().map(DateJson::from),
        relations: output::relation_ids(g, &rels),
        sources: output::sources_of(g, &rels),
    }
}
