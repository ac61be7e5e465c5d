//! `polity stats`: counts over the facts.

use std::process::ExitCode;

use serde::Serialize;

use super::output::{self, Cells, DateJson, FormatArgs};
use super::{Context, Failure};
use crate::query::stats;

/// Count the facts: by kind, type and year; the date range; sourcing.
///
/// Counts the facts: totals, actors by kind, relations by type and by year (of their date
/// or start), the range of dates, relations that cite no source and sources no relation
/// cites.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  polity stats
  polity stats --facts my-facts --format json")]
pub struct Args {
    #[command(flatten)]
    format: FormatArgs,
}

/// One row of `polity stats --format json`: a count, or (in section `dates`) a date.
#[derive(Serialize)]
struct Row {
    section: &'static str,
    key: String,
    count: Option<usize>,
    date: Option<DateJson>,
}

fn count(section: &'static str, key: impl Into<String>, n: usize) -> Row {
    Row {
        section,
        key: key.into(),
        count: Some(n),
        date: None,
    }
}

/// Runs `polity stats`.
pub fn run(cx: &Context, args: &Args) -> Result<ExitCode, Failure> {
    let g = cx.graph()?;
    let s = stats::stats(&g);
    let mut json = vec![
        count("totals", "files", s.files),
        count("totals", "actors", s.actors),
        count("totals", "relations", s.relations),
        count("totals", "relation types", s.types),
        count("totals", "sources", s.sources),
        count("totals", "derived ties", s.derived_ties),
    ];
    json.extend(
        s.by_kind
            .iter()
            .map(|(k, n)| count("actors by kind", k.as_str(), *n)),
    );
    json.extend(s.by_type.iter().map(|&(t, n)| {
        let id = g
            .facts
            .types
            .get(t)
            .map(|t| t.id.clone())
            .unwrap_or_default();
        count("relations by type", id, n)
    }));
    json.extend(
        s.by_year
            .iter()
            .map(|(y, n)| count("relations by year", y.to_string(), *n)),
    );
    for (key, d) in [("first", &s.first), ("last", &s.last)] {
        if let Some(d) = d {
            json.push(Row {
                section: "dates",
                key: key.to_owned(),
                count: None,
                date: Some(DateJson::from(d)),
            });
        }
    }
    json.push(count("sources", "relations without sources", s.unsourced));
    json.push(count("sources", "sources never cited", s.uncited));
    let cells = Cells {
        headers: vec!["section", "key", "value"],
        rows: json
            .iter()
            .map(|r| {
                let value = match (&r.count, &r.date) {
                    (Some(n), _) => n.to_string(),
                    (None, Some(d)) => d.text.clone(),
                    (None, None) => String::new(),
                };
                vec![r.section.to_owned(), r.key.clone(), value]
            })
            .collect(),
    };
    let title = format!(
        "Facts in {}: {} actors, {} relations, {} sources",
        cx.origin.describe(),
        s.actors,
        s.relations,
        s.sources
    );
    output::emit(args.format.format, &title, &json, &cells)?;
    Ok(ExitCode::SUCCESS)
}
