//! The JSON export: the resolved graph in one documented document.
//!
//! Shape (version 1; fields are only ever added):
//! `{"format": "polity-export", "version": 1, "title", "filter", "facts", "derived_ties",
//! "closed_ties", "clusters", "activity"}`. `facts` is a valid fact file (the model types,
//! exactly as written), so it can be saved as a `.json` fact file and loads back
//! unchanged; everything polity infers from it (derived ties, ends set by closing events,
//! alliance clusters, activity at the filter's time) sits beside it, never inside it.
//! With a filter, `facts` holds the selection (plus any actor a kept relation names in
//! `claimed_by`, so it stays valid), and a derived tie may rest on an event outside it.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Link, Selection};
use crate::date::DateJson;
use crate::model::FactFile;
use crate::time::Activity;
use crate::validate::TieEnd;

#[derive(Serialize)]
struct Export<'a> {
    format: &'static str,
    version: u32,
    title: String,
    filter: Filter<'a>,
    facts: &'a FactFile,
    derived_ties: Vec<DerivedTie<'a>>,
    closed_ties: Vec<ClosedTie<'a>>,
    clusters: Vec<Cluster<'a>>,
    activity: Option<ActivityMap<'a>>,
}

#[derive(Serialize)]
struct Filter<'a> {
    time: Option<Time<'a>>,
    around: Option<Around<'a>>,
    types: &'a [String],
    kinds: Vec<&'static str>,
}

#[derive(Serialize)]
struct Time<'a> {
    mode: &'static str,
    date: Option<&'a str>,
    first: String,
    last: String,
}

#[derive(Serialize)]
struct Around<'a> {
    actor: &'a str,
    depth: usize,
}

#[derive(Serialize)]
struct DerivedTie<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    ty: &'a str,
    from: &'a str,
    to: &'a str,
    start: Option<DateJson>,
    /// `ongoing`, `unknown` (ended at a date no source gives) or `ended`.
    status: &'static str,
    end: Option<DateJson>,
    opened_by: Option<&'a str>,
    closed_by: Option<&'a str>,
    activity: Option<Activity>,
}

#[derive(Serialize)]
struct ClosedTie<'a> {
    relation: &'a str,
    closed_by: &'a str,
    end: Option<DateJson>,
}

#[derive(Serialize)]
struct Cluster<'a> {
    alliance: &'a str,
    members: &'a [String],
}

#[derive(Serialize)]
struct ActivityMap<'a> {
    actors: BTreeMap<&'a str, Activity>,
    relations: BTreeMap<&'a str, Activity>,
}

fn status(l: &Link) -> &'static str {
    match l.end {
        Some(TieEnd::At(_)) => "ended",
        Some(TieEnd::Unknown) => "unknown",
        _ => "ongoing",
    }
}

/// The selection as pretty-printed JSON, ending with a newline.
pub fn json(sel: &Selection) -> String {
    let f = &sel.filter;
    let links: Vec<Link> = sel.links.iter().collect();
    let time = f.time_mode().zip(f.period()).map(|(mode, p)| Time {
        mode,
        date: f.time_text.as_deref(),
        first: p.first.to_string(),
        last: p.last.to_string(),
    });
    let doc = Export {
        format: "polity-export",
        version: 1,
        title: sel.title(),
        filter: Filter {
            time,
            around: sel.around.as_ref().map(|(id, _)| Around {
                actor: id,
                depth: f.around.map_or(1, |(_, d)| d),
            }),
            types: &sel.types,
            kinds: f.kinds.iter().map(|k| k.as_str()).collect(),
        },
        facts: &sel.facts,
        derived_ties: links
            .iter()
            .filter(|l| l.derived)
            .map(|l| DerivedTie {
                id: &l.id,
                ty: l.ty,
                from: l.from,
                to: l.to,
                start: l.start.as_ref().map(DateJson::from),
                status: status(l),
                end: l.end_date().map(DateJson::from),
                opened_by: l.opened_by,
                closed_by: l.closed_by,
                activity: l.activity,
            })
            .collect(),
        closed_ties: links
            .iter()
            .filter(|l| !l.derived)
            .filter_map(|l| {
                Some(ClosedTie {
                    relation: &l.id,
                    closed_by: l.closed_by?,
                    end: l.end_date().map(DateJson::from),
                })
            })
            .collect(),
        clusters: sel
            .clusters
            .iter()
            .map(|c| Cluster {
                alliance: &c.alliance,
                members: &c.members,
            })
            .collect(),
        activity: f.time_mode().map(|_| ActivityMap {
            actors: sel
                .nodes
                .iter()
                .filter_map(|n| Some((n.id.as_str(), n.activity?)))
                .collect(),
            relations: links
                .iter()
                .filter(|l| !l.derived)
                .filter_map(|l| Some((&*l.id, l.activity?)))
                .collect(),
        }),
    };
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}
