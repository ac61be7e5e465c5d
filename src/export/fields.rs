//! The flat view of actors and links that the tabular formats share: CSV columns, and
//! GraphML and GEXF attributes, so every format carries the same fields with the same
//! values. Dates are ISO `YYYY-MM-DD` (the first day of the date as written) with a
//! precision beside each, plus the dates as written (EDTF) in `when`; lists are joined
//! with `; `; absent values are empty strings.

use std::fmt::Write;

use super::{Link, Node};
use crate::date::{Day, FuzzyDate};
use crate::model::TypeKind;
use crate::time::Activity;

/// Fields holding `true` or `false`.
pub const BOOLEAN_FIELDS: [&str; 2] = ["derived", "directed"];

/// Fields of an actor, in order; `id` first.
pub const NODE_FIELDS: [&str; 14] = [
    "id",
    "name",
    "kind",
    "iso3",
    "wikidata",
    "start",
    "start_precision",
    "end",
    "end_precision",
    "activity",
    "alliance",
    "names",
    "aliases",
    "description",
];

/// Fields of a relation or derived tie, in order; `id` first.
pub const EDGE_FIELDS: [&str; 26] = [
    "id",
    "derived",
    "from_id",
    "from_name",
    "to_id",
    "to_name",
    "type",
    "label",
    "kind",
    "polarity",
    "directed",
    "date",
    "date_precision",
    "start",
    "start_precision",
    "end",
    "end_precision",
    "when",
    "activity",
    "confidence",
    "claimed_by",
    "opened_by",
    "closed_by",
    "source_ids",
    "source_urls",
    "summary",
];

fn iso(d: Option<&FuzzyDate>) -> [String; 2] {
    match d {
        Some(d) => [d.first_day().to_string(), d.precision().as_str().to_owned()],
        None => [String::new(), String::new()],
    }
}

fn activity(a: Option<Activity>) -> String {
    a.map(|a| a.as_str().to_owned()).unwrap_or_default()
}

fn yes_no(b: bool) -> &'static str {
    if b { "true" } else { "false" }
}

pub fn node_values(n: &Node) -> Vec<String> {
    let [start, start_p] = iso(n.start.as_ref());
    let [end, end_p] = iso(n.end.as_ref());
    let names: Vec<String> = n.names.iter().map(|(l, s)| format!("{l}: {s}")).collect();
    vec![
        n.id.clone(),
        n.name.clone(),
        n.kind.as_str().to_owned(),
        n.iso3.clone().unwrap_or_default(),
        n.wikidata.clone().unwrap_or_default(),
        start,
        start_p,
        end,
        end_p,
        activity(n.activity),
        // The alliance the actor is a member of; an alliance is drawn in its own cluster.
        n.cluster.clone().filter(|c| *c != n.id).unwrap_or_default(),
        names.join("; "),
        n.aliases.join("; "),
        n.description.clone().unwrap_or_default(),
    ]
}

/// A day as ISO `YYYY-MM-DD`, exactly as its `Display` writes it; years 0 to 9999 (all
/// but invented ones) without the formatting machinery, as a table may hold millions.
fn push_day(out: &mut String, d: Day) {
    let (y, m, dd) = d.ymd();
    match u32::try_from(y) {
        Ok(y) if y <= 9999 => {
            for n in [y / 1000, y / 100 % 10, y / 10 % 10, y % 10] {
                out.push(digit(n));
            }
            for n in [m, dd] {
                out.push('-');
                out.push(digit(n / 10 % 10));
                out.push(digit(n % 10));
            }
        }
        // Writing to a String cannot fail.
        _ => drop(write!(out, "{d}")),
    }
}

fn digit(n: u32) -> char {
    char::from_digit(n, 10).unwrap_or('0')
}

/// A date's two cells: its first day and its precision (see [`iso`]).
fn date_cells<E>(
    d: Option<&FuzzyDate>,
    buf: &mut String,
    cell: &mut impl FnMut(&str) -> Result<(), E>,
) -> Result<(), E> {
    if let Some(d) = d {
        buf.clear();
        push_day(buf, d.first_day());
        cell(buf)?;
        cell(d.precision().as_str())
    } else {
        cell("")?;
        cell("")
    }
}

/// Each cell of a link's row, in the order of [`EDGE_FIELDS`], handed to `cell` in turn.
/// Cells that are not text in the facts (dates, joined lists) are formatted into `bufs`,
/// which are reused, so a row costs no allocation.
pub fn edge_cells<E>(
    l: &Link,
    bufs: &mut [String; 2],
    mut cell: impl FnMut(&str) -> Result<(), E>,
) -> Result<(), E> {
    let [buf, _] = bufs;
    cell(&l.id)?;
    cell(yes_no(l.derived))?;
    cell(l.from)?;
    cell(l.from_name)?;
    cell(l.to)?;
    cell(l.to_name)?;
    cell(l.ty)?;
    cell(l.label)?;
    cell(match l.kind {
        TypeKind::Event => "event",
        TypeKind::Tie => "tie",
    })?;
    cell(l.polarity.as_str())?;
    cell(yes_no(l.directed))?;
    date_cells(l.date.as_ref(), buf, &mut cell)?;
    date_cells(l.start.as_ref(), buf, &mut cell)?;
    date_cells(l.end_date(), buf, &mut cell)?;
    buf.clear();
    // Writing to a String cannot fail.
    let _ = l.write_edtf(buf);
    cell(buf)?;
    cell(l.activity.map_or("", Activity::as_str))?;
    cell(l.confidence.as_str())?;
    cell(l.claimed_by.unwrap_or_default())?;
    cell(l.opened_by.unwrap_or_default())?;
    cell(l.closed_by.unwrap_or_default())?;
    // Ids and addresses in one pass over the sources.
    let [ids, urls] = bufs;
    ids.clear();
    urls.clear();
    for (i, s) in l.sources.iter().enumerate() {
        if i > 0 {
            ids.push_str("; ");
            urls.push_str("; ");
        }
        ids.push_str(s.id);
        urls.push_str(s.url);
    }
    cell(ids)?;
    cell(urls)?;
    cell(l.summary.unwrap_or_default())
}

/// A link's cells as strings (see [`edge_cells`]).
pub fn edge_values(l: &Link) -> Vec<String> {
    let mut out = Vec::with_capacity(EDGE_FIELDS.len());
    let _ = edge_cells(l, &mut Default::default(), |c| {
        out.push(c.to_owned());
        Ok::<(), std::convert::Infallible>(())
    });
    out
}
