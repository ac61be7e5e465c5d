//! `polity diff`: partners gained, lost and kept between two times, and the ties that
//! started or ended in between.

use std::process::ExitCode;

use serde::Serialize;

use super::explain::{self, ItemJson};
use super::output::{self, ActorJson, Cells, DateJson, FormatArgs};
use super::{Context, Failure, args};
use crate::query::diff::{self, Change, Options};
use crate::time::{Activity, Period};

/// Partners gained, lost and kept between two times, and ties started or ended in between.
///
/// Compares an actor's partners at two times — gained, lost, kept — and lists the ties it
/// took part in (any type, written or derived) that started or ended in between: "partners
/// of Mali as of 2021 vs now" in one command. `before` and `after` are the activity at
/// --from and at --to.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  polity diff Mali --from 2021                  partners in 2021 vs today
  polity diff Mali --from 2021-06-01 --to 2024  between two dates
  polity diff Niger --from 2023 --certain       certain partners only
  polity diff MLI --from 2021 --format json")]
pub struct Args {
    /// The actor: id, name, any language's name or alias (case and accents ignored)
    actor: String,

    /// The earlier time (a partial date is one unknown day in it)
    #[arg(long, value_name = "DATE")]
    from: String,

    /// The later time [default: today]
    #[arg(long, value_name = "DATE")]
    to: Option<String>,

    /// Count only certain partners (no partial dates, no unknown ends)
    #[arg(long)]
    certain: bool,

    /// Only the actor's own ties make partners; no partners through alliances
    #[arg(long)]
    direct: bool,

    #[command(flatten)]
    format: FormatArgs,
}

/// How a partner row's partner is one.
#[derive(Serialize)]
struct PartnerJson {
    direct: bool,
    via: Vec<ActorJson>,
}

/// One row of `polity diff --format json`.
#[derive(Serialize)]
struct Row {
    change: &'static str,
    id: String,
    name: String,
    kind: &'static str,
    before: Activity,
    after: Activity,
    date: Option<DateJson>,
    partner: Option<PartnerJson>,
    tie: Option<ItemJson>,
    relations: Vec<String>,
}

/// Runs `polity diff`.
pub fn run(cx: &Context, args: &Args) -> Result<ExitCode, Failure> {
    let g = cx.graph()?;
    let actor = args::actor(&g, &args.actor)?;
    let from = args::period(&args.from)?;
    let to_text = args.to.clone().unwrap_or_else(|| args::today().to_string());
    let to = match &args.to {
        Some(t) => args::period(t)?,
        None => Period::day(args::today()),
    };
    if to.last < from.first {
        return Err(Failure::Usage(format!(
            "--to {to_text} is before --from {}",
            args.from
        )));
    }
    let rows = diff::diff(
        &g,
        actor,
        &Options {
            from,
            to,
            certain: args.certain,
            direct: args.direct,
        },
    );
    let json: Vec<Row> = rows
        .iter()
        .map(|r| {
            let who = ActorJson::of(&g, r.actor);
            let relations = match (&r.partner, &r.tie) {
                (Some(p), _) => p.relations(&g),
                (None, Some(t)) => t.relations(),
                (None, None) => Vec::new(),
            };
            Row {
                change: r.change.as_str(),
                id: who.id,
                name: who.name,
                kind: g.actor(r.actor).map_or("other", |a| a.fact.kind.as_str()),
                before: r.before,
                after: r.after,
                date: r.date.as_ref().map(DateJson::from),
                partner: r.partner.as_ref().map(|p| PartnerJson {
                    direct: p.direct,
                    via: p.via.iter().map(|&v| ActorJson::of(&g, v)).collect(),
                }),
                tie: r.tie.as_ref().map(|t| ItemJson::of(&g, t)),
                relations: output::relation_ids(&g, &relations),
            }
        })
        .collect();
    let cells = Cells {
        headers: vec![
            "change",
            "actor",
            "id",
            "before",
            "after",
            "date",
            "what",
            "relations",
        ],
        rows: json
            .iter()
            .zip(&rows)
            .map(|(j, r)| {
                let what = match (&r.partner, &r.tie) {
                    (Some(p), _) => format!("partner: {}", explain::via_text(&g, p)),
                    (None, Some(t)) => {
                        format!("{}: {}", explain::kind_text(t), explain::what(&g, t))
                    }
                    (None, None) => String::new(),
                };
                vec![
                    j.change.to_owned(),
                    j.name.clone(),
                    j.id.clone(),
                    j.before.to_string(),
                    j.after.to_string(),
                    r.date.as_ref().map(ToString::to_string).unwrap_or_default(),
                    what,
                    j.relations.join(", "),
                ]
            })
            .collect(),
    };
    let count = |c: Change| rows.iter().filter(|r| r.change == c).count();
    let title = format!(
        "Changes for {} from {} to {to_text}: partners {} gained, {} lost, {} kept; ties {} started, {} ended",
        explain::who(&g, actor),
        args.from,
        count(Change::Gained),
        count(Change::Lost),
        count(Change::Kept),
        count(Change::Started),
        count(Change::Ended),
    );
    output::emit(args.format.format, &title, &json, &cells)?;
    Ok(ExitCode::SUCCESS)
}
