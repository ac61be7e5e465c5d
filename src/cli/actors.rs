//! `polity actors`: list actors, by kind or by a search over their names.

use std::process::ExitCode;

use serde::Serialize;

use super::output::{self, Cells, FormatArgs};
use super::{Context, Failure};
use crate::query::actors::{self, Options};

/// List actors, by kind or by a search over their names.
///
/// Lists actors by name: all, those of a kind, or those whose id, name in any language,
/// alias, ISO code or Wikidata id contains a text (case, accents and punctuation ignored).
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  polity actors                         every actor
  polity actors --kind alliance         alliances only
  polity actors --search sahel          names containing \"sahel\", in any language
  polity actors --search etats --format csv")]
pub struct Args {
    /// Only actors of this kind
    #[arg(long, value_enum, value_name = "KIND")]
    kind: Option<crate::model::ActorKind>,

    /// Only actors whose id, names, aliases or codes contain this text
    #[arg(long, value_name = "TEXT")]
    search: Option<String>,

    #[command(flatten)]
    format: FormatArgs,
}

/// One row of `polity actors --format json`.
#[derive(Serialize)]
struct Row {
    id: String,
    name: String,
    kind: &'static str,
    names: std::collections::BTreeMap<String, String>,
    aliases: Vec<String>,
    iso3: Option<String>,
    wikidata: Option<String>,
    relations: usize,
    matched: Option<String>,
}

/// Runs `polity actors`.
pub fn run(cx: &Context, args: &Args) -> Result<ExitCode, Failure> {
    let g = cx.graph()?;
    let rows = actors::actors(
        &g,
        &Options {
            kind: args.kind,
            search: args.search.clone(),
        },
    );
    let json: Vec<Row> = rows
        .iter()
        .filter_map(|r| {
            let a = &g.actor(r.actor)?.fact;
            Some(Row {
                id: a.id.clone(),
                name: a.name.clone(),
                kind: a.kind.as_str(),
                names: a.names.clone(),
                aliases: a.aliases.clone(),
                iso3: a.iso3.clone(),
                wikidata: a.wikidata.clone(),
                relations: r.relations,
                matched: r.matched.clone(),
            })
        })
        .collect();
    let mut cells = Cells {
        headers: vec![
            "id",
            "name",
            "kind",
            "iso3",
            "wikidata",
            "aliases",
            "relations",
        ],
        rows: Vec::new(),
    };
    if args.search.is_some() {
        cells.headers.push("matched");
    }
    for r in &json {
        let mut line = vec![
            r.id.clone(),
            r.name.clone(),
            r.kind.to_owned(),
            r.iso3.clone().unwrap_or_default(),
            r.wikidata.clone().unwrap_or_default(),
            r.aliases.join(", "),
            r.relations.to_string(),
        ];
        if args.search.is_some() {
            line.push(r.matched.clone().unwrap_or_default());
        }
        cells.rows.push(line);
    }
    let kind = args
        .kind
        .map_or_else(String::new, |k| format!(" of kind {}", k.as_str()));
    let search = args
        .search
        .as_ref()
        .map_or_else(String::new, |s| format!(" matching `{s}`"));
    let title = format!("Actors{kind}{search}: {}", json.len());
    output::emit(args.format.format, &title, &json, &cells)?;
    Ok(ExitCode::SUCCESS)
}
