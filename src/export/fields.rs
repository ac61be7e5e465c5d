//! The flat view of actors and links that the tabular formats share: CSV columns, and
//! GraphML and GEXF attributes, so every format carries the same fields with the same
//! values. Dates are ISO `YYYY-MM-DD` (the first day of the date as written) with a
//! precision beside each, plus the dates as written (EDTF) in `when`; lists are joined
//! with `; `; absent values are empty strings.

use super::{Link, Node};
use crate::date::FuzzyDate;
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

fn yes_no(b: bool) -> String {
    if b { "true" } else { "false" }.to_owned()
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

pub fn edge_values(l: &Link) -> Vec<String> {
    let [date, date_p] = iso(l.date.as_ref());
    let [start, start_p] = iso(l.start.as_ref());
    let [end, end_p] = iso(l.end_date());
    let ids: Vec<&str> = l.sources.iter().map(|s| s.id.as_str()).collect();
    let urls: Vec<&str> = l.sources.iter().map(|s| s.url.as_str()).collect();
    vec![
        l.id.clone(),
        yes_no(l.derived),
        l.from.clone(),
        l.from_name.clone(),
        l.to.clone(),
        l.to_name.clone(),
        l.ty.clone(),
        l.label.clone(),
        match l.kind {
            TypeKind::Event => "event",
            TypeKind::Tie => "tie",
        }
        .to_owned(),
        l.polarity.as_str().to_owned(),
        yes_no(l.directed),
        date,
        date_p,
        start,
        start_p,
        end,
        end_p,
        l.edtf(),
        activity(l.activity),
        l.confidence.as_str().to_owned(),
        l.claimed_by.clone().unwrap_or_default(),
        l.opened_by.clone().unwrap_or_default(),
        l.closed_by.clone().unwrap_or_default(),
        ids.join("; "),
        urls.join("; "),
        l.summary.clone().unwrap_or_default(),
    ]
}
