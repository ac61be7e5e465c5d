//! `polity show`: the card of an actor, or of a relation with its sources.

use std::process::ExitCode;

use serde::Serialize;

use super::explain::{self, ItemJson};
use super::output::{self, Cells, DateJson, FormatArgs, SourceJson};
use super::{Context, Failure, args};
use crate::graph::{Graph, ResolveError};
use crate::query::item::Item;
use crate::query::show::{self, ActorCard, RelationCard};

/// How many recent events an actor card lists.
const LATEST: usize = 5;

/// An actor's card, or a relation with its sources.
///
/// Shows an actor's card: names by language and aliases, ids (ISO, Wikidata), description,
/// lifespan, memberships over time, members, relations counted by type and the latest
/// events. Given a relation id instead, shows that relation: its sentence, dates,
/// confidence, claim, summary, quote and sources (title, publisher, date, URL), and the
/// ties it opened or closed — so any fact traces to its source. An actor wins over a
/// relation with the same id.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  polity show Mali                      the card of Mali
  polity show Russland --format json    any language's name works
  polity show ex-mli-fra-coop-ended     a relation and its sources (ids appear in every answer)")]
pub struct Args {
    /// An actor (id, name, any language's name or alias) or a relation id
    subject: String,

    #[command(flatten)]
    format: FormatArgs,
}

/// A relation type counted on an actor card.
#[derive(Serialize)]
struct TypeCount {
    #[serde(rename = "type")]
    ty: String,
    label: String,
    count: usize,
}

/// `polity show ACTOR --format json` (an array holding this one object).
#[derive(Serialize)]
struct ActorJson {
    card: &'static str,
    id: String,
    name: String,
    kind: &'static str,
    names: std::collections::BTreeMap<String, String>,
    aliases: Vec<String>,
    iso3: Option<String>,
    wikidata: Option<String>,
    description: Option<String>,
    start: Option<DateJson>,
    end: Option<DateJson>,
    memberships: Vec<ItemJson>,
    members: Vec<ItemJson>,
    relations_by_type: Vec<TypeCount>,
    latest_events: Vec<ItemJson>,
}

/// `polity show RELATION --format json` (an array holding this one object).
#[derive(Serialize)]
struct RelationJson {
    card: &'static str,
    #[serde(flatten)]
    item: ItemJson,
    summary: Option<String>,
    quote: Option<String>,
    sources: Vec<SourceJson>,
    file: String,
    opened: Vec<ItemJson>,
    closed: Vec<ItemJson>,
}

/// Runs `polity show`.
pub fn run(cx: &Context, args: &Args) -> Result<ExitCode, Failure> {
    let g = cx.graph()?;
    let name = &args.subject;
    if g.resolve(name).is_err()
        && let Some(r) = show::find_relation(&g, name)
        && let Some(card) = show::relation_card(&g, r)
    {
        return relation(&g, &card, args);
    }
    if let Err(ResolveError::Unknown { suggestions, .. }) = g.resolve(name)
        && suggestions.is_empty()
    {
        let ids = g.facts.relations.iter().map(|r| r.id.as_str());
        if let Some(near) = crate::suggest::closest(name, ids) {
            return Err(Failure::Usage(format!(
                "no actor or relation `{name}`; did you mean relation `{near}`?"
            )));
        }
    }
    let actor = args::actor(&g, name)?;
    let card = show::actor_card(&g, actor, LATEST);
    actor_card(&g, &card, args)
}

fn period_text(i: &Item) -> String {
    format!("{} to {}", i.start, explain::until_text(i))
}

fn item_detail(g: &Graph, i: &Item) -> String {
    format!(
        "{}, {}; {}",
        explain::kind_text(i),
        period_text(i),
        explain::relations_text(g, i)
    )
}

fn actor_card(g: &Graph, card: &ActorCard, args: &Args) -> Result<ExitCode, Failure> {
    let Some(a) = g.actor(card.actor) else {
        return Ok(ExitCode::SUCCESS);
    };
    let f = &a.fact;
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut add = |field: &str, value: String, detail: String| {
        rows.push(vec![field.to_owned(), value, detail]);
    };
    add("id", f.id.clone(), String::new());
    add("name", f.name.clone(), String::new());
    add("kind", f.kind.as_str().to_owned(), String::new());
    for (lang, n) in &f.names {
        add(&format!("name ({lang})"), n.clone(), String::new());
    }
    for alias in &f.aliases {
        add("alias", alias.clone(), String::new());
    }
    if let Some(iso) = &f.iso3 {
        add("iso3", iso.clone(), String::new());
    }
    if let Some(q) = &f.wikidata {
        add(
            "wikidata",
            q.clone(),
            format!("https://www.wikidata.org/wiki/{q}"),
        );
    }
    if let Some(d) = &f.description {
        add("description", d.clone(), String::new());
    }
    if let Some(d) = &a.start {
        add("start", d.to_string(), String::new());
    }
    if let Some(d) = &a.end {
        add("end", d.to_string(), String::new());
    }
    for m in &card.memberships {
        add("member of", explain::who(g, m.to), item_detail(g, m));
    }
    for m in &card.members {
        add("member", explain::who(g, m.from), item_detail(g, m));
    }
    let type_of = |t: usize| g.facts.types.get(t);
    for &(t, n) in &card.by_type {
        let id = type_of(t).map(|t| t.id.clone()).unwrap_or_default();
        add("relations", n.to_string(), id);
    }
    for e in &card.latest_events {
        add(
            "event",
            e.start.to_string(),
            format!("{}; {}", explain::what(g, e), explain::relations_text(g, e)),
        );
    }
    let json = ActorJson {
        card: "actor",
        id: f.id.clone(),
        name: f.name.clone(),
        kind: f.kind.as_str(),
        names: f.names.clone(),
        aliases: f.aliases.clone(),
        iso3: f.iso3.clone(),
        wikidata: f.wikidata.clone(),
        description: f.description.clone(),
        start: a.start.as_ref().map(DateJson::from),
        end: a.end.as_ref().map(DateJson::from),
        memberships: card
            .memberships
            .iter()
            .map(|i| ItemJson::of(g, i))
            .collect(),
        members: card.members.iter().map(|i| ItemJson::of(g, i)).collect(),
        relations_by_type: card
            .by_type
            .iter()
            .map(|&(t, count)| TypeCount {
                ty: type_of(t).map(|t| t.id.clone()).unwrap_or_default(),
                label: type_of(t).map(|t| t.label.clone()).unwrap_or_default(),
                count,
            })
            .collect(),
        latest_events: card
            .latest_events
            .iter()
            .map(|i| ItemJson::of(g, i))
            .collect(),
    };
    let cells = Cells {
        headers: vec!["field", "value", "detail"],
        rows,
    };
    let title = format!("{} — {}", explain::who(g, card.actor), f.kind.as_str());
    output::emit(args.format.format, &title, &[json], &cells)?;
    Ok(ExitCode::SUCCESS)
}

fn relation(g: &Graph, card: &RelationCard, args: &Args) -> Result<ExitCode, Failure> {
    let Some(rel) = g.facts.relations.get(card.relation) else {
        return Ok(ExitCode::SUCCESS);
    };
    let i = &card.item;
    let ty = g.facts.types.get(rel.ty);
    let sources = output::sources_of(g, &[card.relation]);
    let file = g.facts.files.get(rel.file).cloned().unwrap_or_default();
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut add = |field: &str, value: String, detail: String| {
        rows.push(vec![field.to_owned(), value, detail]);
    };
    add("relation", rel.id.clone(), file.clone());
    add(
        "type",
        ty.map(|t| t.id.clone()).unwrap_or_default(),
        format!(
            "{}, {}",
            explain::kind_text(i),
            ty.map_or("", |t| t.polarity.as_str())
        ),
    );
    add(
        "sentence",
        explain::sentence(g, i.from, i.ty, i.to),
        String::new(),
    );
    if i.end.is_none() {
        add("date", i.start.to_string(), String::new());
    } else {
        add("start", i.start.to_string(), String::new());
        let closed = i.closed_by.and_then(|c| g.facts.relations.get(c));
        add(
            "end",
            explain::until_text(i),
            closed.map_or_else(String::new, |c| format!("closed by {}", c.id)),
        );
    }
    add(
        "confidence",
        rel.confidence().as_str().to_owned(),
        String::new(),
    );
    if let Some(by) = rel.claimed_by() {
        add("claimed by", explain::who(g, by), String::new());
    }
    if let Some(s) = rel.summary() {
        add("summary", s.to_owned(), String::new());
    }
    if let Some(q) = rel.quote() {
        add("quote", q.to_owned(), String::new());
    }
    for s in &sources {
        let mut detail: Vec<&str> = Vec::new();
        detail.extend(s.publisher.as_deref());
        detail.extend(s.published.as_deref());
        detail.push(&s.url);
        add(
            "source",
            s.title.clone().unwrap_or_else(|| s.id.clone()),
            detail.join(", "),
        );
    }
    for t in &card.opened {
        add("opens", explain::what(g, t), item_detail(g, t));
    }
    for t in &card.closed {
        add("closes", explain::what(g, t), item_detail(g, t));
    }
    let json = RelationJson {
        card: "relation",
        item: ItemJson::of(g, i),
        summary: rel.summary().map(str::to_owned),
        quote: rel.quote().map(str::to_owned),
        sources,
        file,
        opened: card.opened.iter().map(|t| ItemJson::of(g, t)).collect(),
        closed: card.closed.iter().map(|t| ItemJson::of(g, t)).collect(),
    };
    let cells = Cells {
        headers: vec!["field", "value", "detail"],
        rows,
    };
    let title = format!("Relation {}", rel.id);
    output::emit(args.format.format, &title, &[json], &cells)?;
    Ok(ExitCode::SUCCESS)
}
