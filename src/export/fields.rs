//! The flat view of actors and links that the tabular formats share: CSV columns, and
//! GraphML and GEXF attributes, so every format carries the same fields with the same
//! values. Dates are ISO `YYYY-MM-DD` (the first day of the date as written) with a
//! precision beside each, plus the dates as written (EDTF) in `when`; lists are joined
//! with `; `; absent values are empty strings.

use std::fmt::Write;

use super::{Link, Node};
use crate::date::{Day, FuzzyDate, Precision, Qualifier};
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

/// A date as written (EDTF, at its own precision), exactly as its `Display` writes it;
/// years 0 to 9999 (all but invented ones) without the formatting machinery, as an
/// export may hold millions.
pub fn push_date(out: &mut String, d: &FuzzyDate) {
    let (y, m, dd) = d.first_day().ymd();
    let Ok(y @ 0..=9999) = u32::try_from(y) else {
        // Writing to a String cannot fail.
        let _ = write!(out, "{d}");
        return;
    };
    push_digits(out, y, 4);
    match d.precision() {
        Precision::Year => {}
        Precision::Month => {
            out.push('-');
            push_digits(out, m, 2);
        }
        Precision::Day => {
            out.push('-');
            push_digits(out, m, 2);
            out.push('-');
            push_digits(out, dd, 2);
        }
    }
    match d.qualifier() {
        Some(Qualifier::Approximate) => out.push('~'),
        Some(Qualifier::Uncertain) => out.push('?'),
        Some(Qualifier::Both) => out.push('%'),
        None => {}
    }
}

/// `n` in `width` decimal digits, zero-padded (`n` below 10^`width`).
fn push_digits(out: &mut String, n: u32, width: u32) {
    for p in (0..width).rev() {
        out.push(digit(n / 10u32.pow(p) % 10));
    }
}

/// A day as ISO `YYYY-MM-DD`, exactly as its `Display` writes it; years 0 to 9999
/// without the formatting machinery (see [`push_date`]).
fn push_day(out: &mut String, d: Day) {
    let (y, m, dd) = d.ymd();
    let Ok(y @ 0..=9999) = u32::try_from(y) else {
        // Writing to a String cannot fail.
        let _ = write!(out, "{d}");
        return;
    };
    push_digits(out, y, 4);
    out.push('-');
    push_digits(out, m, 2);
    out.push('-');
    push_digits(out, dd, 2);
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
    l.push_edtf(buf);
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

#[cfg(test)]
mod tests {
    #![allow(clippy::indexing_slicing)]
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn prop_dates_and_days_read_as_their_display(
            y in 0i32..=9999, m in 0u32..=12, d in 0u32..=31, q in 0usize..4,
        ) {
            let mut text = format!("{y:04}");
            if m > 0 {
                let _ = write!(text, "-{m:02}");
                if d > 0 {
                    let _ = write!(text, "-{d:02}");
                }
            }
            text.push_str(["", "~", "?", "%"][q]);
            if let Ok(date) = FuzzyDate::parse(&text) {
                let mut out = String::new();
                push_date(&mut out, &date);
                prop_assert_eq!(&out, &date.to_string());
                for day in [date.first_day(), date.earliest(), date.latest()] {
                    out.clear();
                    push_day(&mut out, day);
                    prop_assert_eq!(&out, &day.to_string());
                }
            }
        }
    }
}
