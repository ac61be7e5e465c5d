//! How rows explain themselves: relations as sentences, and the JSON shape of an item.
//!
//! A relation always reads as the sentence `<from name> <label> <to name>` ("Mali ended
//! defence cooperation with France"), whichever actor a command started from, so it is
//! right in every direction. Claims and disputed relations say so in the sentence cell
//! of tables, and carry `confidence` and `claimed_by` in JSON. Every command that prints
//! items uses [`ItemJson`], so `between`, `timeline`, `diff`, `path`, `neighbours` and
//! `show` share one documented shape.

use serde::Serialize;

use super::output::{ActorJson, DateJson};
use crate::graph::Graph;
use crate::model::Confidence;
use crate::query::item::{Item, ItemKind};
use crate::query::partners::Partner;
use crate::validate::TieEnd;

/// The display name of actor `i`.
pub fn name(g: &Graph, i: usize) -> String {
    g.actor(i).map(|a| a.fact.name.clone()).unwrap_or_default()
}

/// "Mali (MLI)": how titles name an actor.
pub fn who(g: &Graph, i: usize) -> String {
    g.actor(i)
        .map(|a| format!("{} ({})", a.fact.name, a.fact.id))
        .unwrap_or_default()
}

/// The sentence `<from name> <label> <to name>` for a relation type between two actors.
pub fn sentence(g: &Graph, from: usize, ty: usize, to: usize) -> String {
    let label = g.facts.types.get(ty).map_or("", |t| t.label.as_str());
    format!("{} {label} {}", name(g, from), name(g, to))
}

/// The relation whose confidence and claim an item carries: itself, or its opening event.
fn own_relation(item: &Item) -> Option<usize> {
    item.relations().first().copied()
}

/// The sentence of an item, marked when it is only a claim or disputed.
pub fn what(g: &Graph, item: &Item) -> String {
    let mut text = sentence(g, item.from, item.ty, item.to);
    if let Some(rel) = own_relation(item).and_then(|r| g.facts.relations.get(r)) {
        match rel.confidence() {
            Confidence::Claimed => {
                let by = rel.claimed_by().map(|a| name(g, a));
                text.push_str(" [claimed");
                if let Some(by) = by {
                    text.push_str(" by ");
                    text.push_str(&by);
                }
                text.push(']');
            }
            Confidence::Disputed => text.push_str(" [disputed]"),
            Confidence::Confirmed | Confidence::Reported => {}
        }
    }
    text
}

/// Why a partner is one, for tables: `direct`, `member` (an alliance it belongs to, or a
/// member of the alliance asked about), `via AES`.
pub fn via_text(g: &Graph, p: &Partner) -> String {
    let mut via: Vec<String> = Vec::new();
    if p.direct {
        via.push("direct".to_owned());
    }
    if p.member {
        via.push("member".to_owned());
    }
    via.extend(p.via.iter().map(|&v| {
        let id = g.actor(v).map_or("", |a| a.fact.id.as_str());
        format!("via {id}")
    }));
    via.join(", ")
}

/// "event", "tie" or "derived tie", for tables.
pub fn kind_text(item: &Item) -> &'static str {
    match item.kind {
        ItemKind::Event => "event",
        ItemKind::Tie => "tie",
        ItemKind::DerivedTie => "derived tie",
    }
}

/// How a tie ends, for tables: its end date, `ongoing`, or `ended, date unknown`.
pub fn until_text(item: &Item) -> String {
    match &item.end {
        None => String::new(),
        Some(TieEnd::Ongoing) => "ongoing".to_owned(),
        Some(TieEnd::Unknown) => "ended, date unknown".to_owned(),
        Some(TieEnd::At(d)) => d.to_string(),
    }
}

/// The ids of the relations an item rests on, joined for a table or CSV cell.
pub fn relations_text(g: &Graph, item: &Item) -> String {
    relation_ids(g, &item.relations()).join(", ")
}

fn relation_ids(g: &Graph, relations: &[usize]) -> Vec<String> {
    super::output::relation_ids(g, relations)
}

fn relation_id(g: &Graph, r: Option<usize>) -> Option<String> {
    r.and_then(|r| g.facts.relations.get(r))
        .map(|r| r.id.clone())
}

/// An event, a written tie or a derived tie in JSON output.
#[derive(Debug, Clone, Serialize)]
pub struct ItemJson {
    /// `event`, `tie` or `derived_tie`.
    pub kind: &'static str,
    /// The relation's id; `null` for a derived tie (see `opened_by`).
    pub relation: Option<String>,
    /// The relation type's id (for a derived tie, the tie type).
    #[serde(rename = "type")]
    pub ty: String,
    /// The actor the relation reads from.
    pub from: ActorJson,
    /// The actor the relation reads to.
    pub to: ActorJson,
    /// `<from name> <label> <to name>`.
    pub sentence: String,
    /// The event's date, or when the tie began.
    pub start: DateJson,
    /// The event's date, or when the tie ended; `null` while ongoing or when unknown.
    pub end: Option<DateJson>,
    /// True for a tie still in force (no end, no closing event).
    pub ongoing: bool,
    /// For a derived tie, the id of the event that opened it.
    pub opened_by: Option<String>,
    /// The id of the event that closed the tie, if one did.
    pub closed_by: Option<String>,
    /// `confirmed`, `reported`, `claimed` or `disputed` (a derived tie's is its opening event's).
    pub confidence: &'static str,
    /// Whose claim it is, when it is one.
    pub claimed_by: Option<ActorJson>,
    /// Every relation id it rests on: itself or its opening event, then its closing event.
    pub relations: Vec<String>,
}

impl ItemJson {
    /// The JSON view of an item.
    pub fn of(g: &Graph, item: &Item) -> ItemJson {
        let rel = own_relation(item).and_then(|r| g.facts.relations.get(r));
        let end = match (&item.kind, &item.end) {
            (ItemKind::Event, _) => Some(DateJson::from(&item.start)),
            (_, Some(TieEnd::At(d))) => Some(DateJson::from(d)),
            _ => None,
        };
        ItemJson {
            kind: item.kind.as_str(),
            relation: match item.kind {
                ItemKind::DerivedTie => None,
                ItemKind::Event | ItemKind::Tie => relation_id(g, own_relation(item)),
            },
            ty: g
                .facts
                .types
                .get(item.ty)
                .map(|t| t.id.clone())
                .unwrap_or_default(),
            from: ActorJson::of(g, item.from),
            to: ActorJson::of(g, item.to),
            sentence: sentence(g, item.from, item.ty, item.to),
            start: DateJson::from(&item.start),
            end,
            ongoing: matches!(item.end, Some(TieEnd::Ongoing)),
            opened_by: relation_id(g, item.opened_by),
            closed_by: relation_id(g, item.closed_by),
            confidence: rel.map_or("reported", |r| r.confidence().as_str()),
            claimed_by: rel
                .and_then(crate::validate::Rel::claimed_by)
                .map(|a| ActorJson::of(g, a)),
            relations: relation_ids(g, &item.relations()),
        }
    }
}
