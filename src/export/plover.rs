//! The event export: one JSON object per line in the PLOVER layout, for event-data tools.
//!
//! PLOVER (the Open Event Data Alliance's successor to CAMEO) names the fields of an event
//! record: `id`, `date` (`YYYY-MM-DD`), `source` and `recipient` (lists of actor objects
//! with `code`, `actor_text`, `identifier_id`, `identifier_text`), `event` (a list of
//! PLOVER categories), `text` and `cite_info` (the citations). Every event of the
//! selection (a relation whose type is an event; ties are states, not events) is one line:
//! `source` is its `from` actor and `recipient` its `to` actor, `code` the polity actor id
//! (ISO 3166 alpha-3 for states, as PLOVER asks), `identifier_id` the Wikidata item;
//! `event` holds the type's `plover` category (empty when the vocabulary gives none),
//! `cameo` its CAMEO code, `text` the quote, `comment` the summary, and `cite_info` one
//! object per source (`url`, `title`, `publication`, `language`, `citation` = the source
//! id). A partial date goes in `date` as its first day; the extra field `polity` keeps what
//! PLOVER has no field for: the relation type, the date as written with its precision and
//! range, confidence, claimant and direction. Lines are in date order (first day, last
//! day, id), so the file reads as a chronology.

use std::collections::BTreeMap;

use serde::Serialize;

use super::props;
use super::{Link, Node, Selection};
use crate::model::{RelationType, Source, TypeKind};

#[derive(Serialize)]
struct Record<'a> {
    id: &'a str,
    date: String,
    source: Vec<Actor<'a>>,
    recipient: Vec<Actor<'a>>,
    event: Vec<&'a str>,
    cameo: Option<&'a str>,
    text: Option<&'a str>,
    comment: Option<&'a str>,
    cite_info: Vec<Cite<'a>>,
    polity: Extra<'a>,
}

/// PLOVER's actor object; its field names are PLOVER's.
#[derive(Serialize)]
#[allow(clippy::struct_field_names)]
struct Actor<'a> {
    code: &'a str,
    actor_text: &'a str,
    identifier_id: Option<&'a str>,
    identifier_text: &'a str,
}

#[derive(Serialize)]
struct Cite<'a> {
    url: &'a str,
    title: Option<&'a str>,
    publication: Option<&'a str>,
    language: Option<&'a str>,
    citation: &'a str,
}

#[derive(Serialize)]
struct Extra<'a> {
    #[serde(rename = "type")]
    ty: &'a str,
    label: &'a str,
    date: String,
    precision: &'static str,
    earliest: String,
    latest: String,
    polarity: &'static str,
    directed: bool,
    confidence: &'static str,
    claimed_by: Option<&'a str>,
}

fn actor<'a>(nodes: &BTreeMap<&str, &'a Node>, id: &'a str, name: &'a str) -> Actor<'a> {
    Actor {
        code: id,
        actor_text: name,
        identifier_id: nodes.get(id).and_then(|n| n.wikidata.as_deref()),
        identifier_text: name,
    }
}

fn record<'a>(
    l: &'a Link,
    nodes: &BTreeMap<&str, &'a Node>,
    types: &BTreeMap<&str, &'a RelationType>,
    sources: &'a [Source],
) -> Option<Record<'a>> {
    let date = l.date.as_ref()?;
    let ty = types.get(l.ty);
    let [earliest, _, _, latest] = props::bounds(&l.span);
    Some(Record {
        id: &l.id,
        date: props::day(date.first_day()),
        source: vec![actor(nodes, l.from, l.from_name)],
        recipient: vec![actor(nodes, l.to, l.to_name)],
        event: ty.and_then(|t| t.plover.as_deref()).into_iter().collect(),
        cameo: ty.and_then(|t| t.cameo.as_deref()),
        text: l.quote,
        comment: l.summary,
        cite_info: l
            .sources
            .iter()
            .map(|s| {
                let full = sources.iter().find(|f| f.id == s.id);
                Cite {
                    url: s.url,
                    title: full.and_then(|f| f.title.as_deref()),
                    publication: full.and_then(|f| f.publisher.as_deref()),
                    language: full.and_then(|f| f.language.as_deref()),
                    citation: s.id,
                }
            })
            .collect(),
        polity: Extra {
            ty: l.ty,
            label: l.label,
            date: date.to_string(),
            precision: date.precision().as_str(),
            earliest,
            latest,
            polarity: l.polarity.as_str(),
            directed: l.directed,
            confidence: l.confidence.as_str(),
            claimed_by: l.claimed_by,
        },
    })
}

/// The selection's events as JSON lines.
pub fn jsonl(sel: &Selection) -> String {
    let nodes: BTreeMap<&str, &Node> = sel.nodes.iter().map(|n| (n.id.as_str(), n)).collect();
    let types: BTreeMap<&str, &RelationType> = sel
        .facts
        .vocabulary
        .iter()
        .map(|t| (t.id.as_str(), t))
        .collect();
    let mut events: Vec<Link> = sel
        .links
        .iter()
        .filter(|l| l.kind == TypeKind::Event && !l.derived)
        .collect();
    events.sort_by(|a, b| {
        (a.span.start.first, a.span.start.last, &a.id).cmp(&(
            b.span.start.first,
            b.span.start.last,
            &b.id,
        ))
    });
    let mut out = String::new();
    for l in &events {
        if let Some(r) = record(l, &nodes, &types, &sel.facts.sources)
            && let Ok(line) = serde_json::to_string(&r)
        {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}
