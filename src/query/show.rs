//! Cards: what the facts say about one actor, or about one relation.
//!
//! An actor card gathers the actor's memberships over time (its `member_of` ties, written
//! or derived, with their effective ends), its members when others belong to it, how many
//! relations of each type it takes part in, and its latest events. A relation card holds
//! the relation and the ties it opened or closed, so any fact traces to its sources.
//! Lists are in date order (latest events: newest first), counts by count then type id.

use std::collections::HashMap;

use crate::graph::{Graph, LinkRef};
use crate::query::item::{self, Item, ItemKind};
use crate::validate::MEMBER_OF;

/// What the facts say about one actor.
#[derive(Debug, Clone)]
pub struct ActorCard {
    /// Actor index.
    pub actor: usize,
    /// Its `member_of` ties to organisations and alliances, in date order.
    pub memberships: Vec<Item>,
    /// The `member_of` ties of its members, in date order.
    pub members: Vec<Item>,
    /// (type index, number of relations of that type it takes part in), most first.
    pub by_type: Vec<(usize, usize)>,
    /// Its latest events, newest first.
    pub latest_events: Vec<Item>,
}

/// The card of `actor`, with up to `latest` events.
pub fn actor_card(g: &Graph, actor: usize, latest: usize) -> ActorCard {
    let member_of = g.facts.type_ix.get(MEMBER_OF).copied();
    let items = item::items_of(g, actor);
    let is_membership = |i: &&Item| Some(i.ty) == member_of && i.kind != ItemKind::Event;
    let memberships = items
        .iter()
        .filter(is_membership)
        .filter(|i| i.from == actor)
        .cloned()
        .collect();
    let members = items
        .iter()
        .filter(is_membership)
        .filter(|i| i.to == actor && i.from != actor)
        .cloned()
        .collect();
    let mut counts: HashMap<usize, usize> = HashMap::new();
    for r in &g.facts.relations {
        if r.from == actor || r.to == actor {
            *counts.entry(r.ty).or_default() += 1;
        }
    }
    let type_id = |t: usize| g.facts.types.get(t).map(|t| t.id.clone());
    let mut by_type: Vec<(usize, usize)> = counts.into_iter().collect();
    by_type.sort_by_cached_key(|&(t, n)| (std::cmp::Reverse(n), type_id(t)));
    let mut events: Vec<Item> = items
        .into_iter()
        .filter(|i| i.kind == ItemKind::Event)
        .collect();
    // Newest first: the timeline's order, reversed.
    events.sort_by_cached_key(|i| std::cmp::Reverse(i.sort_key(g)));
    events.truncate(latest);
    ActorCard {
        actor,
        memberships,
        members,
        by_type,
        latest_events: events,
    }
}

/// What the facts say about one relation.
#[derive(Debug, Clone)]
pub struct RelationCard {
    /// Index into `Facts::relations`.
    pub relation: usize,
    /// The relation as an item (a tie with its effective end).
    pub item: Item,
    /// Ties this relation opened (derived ties), in date order.
    pub opened: Vec<Item>,
    /// Ties this relation closed, in date order.
    pub closed: Vec<Item>,
}

/// The index of the relation with this exact id.
pub fn find_relation(g: &Graph, id: &str) -> Option<usize> {
    g.facts.relations.iter().position(|r| r.id == id)
}

/// The card of relation `r`.
pub fn relation_card(g: &Graph, r: usize) -> Option<RelationCard> {
    let item = Item::of(g, LinkRef::Relation(r))?;
    let mut opened = Vec::new();
    let mut closed = Vec::new();
    for (ti, t) in g.ties.iter().enumerate() {
        let tie = Item::of_tie(ti, t);
        if tie.opened_by == Some(r) {
            opened.push(tie.clone());
        }
        if tie.closed_by == Some(r) {
            closed.push(tie);
        }
    }
    item::sort(g, &mut opened);
    item::sort(g, &mut closed);
    Some(RelationCard {
        relation: r,
        item,
        opened,
        closed,
    })
}
