//! The shortest time-respecting chain of relations between two actors.
//!
//! Every hop must be active at the asked time — an event on its date, a tie over its span,
//! a derived tie likewise — of any polarity and in either direction. Hops that are only
//! maybe active are allowed unless the caller asks for certain ones only; a chain is as
//! certain as its least certain hop. The search is the breadth-first walk of
//! [`super::neighbours`], so a chain has the fewest hops there are, and among equally
//! short ones it is the one the walk meets first (deterministic: actors in fact order,
//! links by certainty, then relations before derived ties, then index).

use std::collections::HashMap;

use crate::graph::{Graph, LinkRef};
use crate::query::neighbours;
use crate::time::{Activity, TimeQuery};

/// One step of a chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hop {
    /// Actor index the step leaves.
    pub from: usize,
    /// Actor index the step reaches.
    pub to: usize,
    /// What links them.
    pub link: LinkRef,
    /// How certain the link is at the asked time.
    pub activity: Activity,
}

/// The shortest chain from `from` to `to` of at most `max_hops` links active at `time`
/// with at least activity `min`, or `None` when there is none. From an actor to itself
/// the chain is empty.
pub fn path(
    g: &Graph,
    from: usize,
    to: usize,
    time: TimeQuery,
    max_hops: usize,
    min: Activity,
) -> Option<Vec<Hop>> {
    if from == to {
        return Some(Vec::new());
    }
    let reached = neighbours::towards(g, from, to, max_hops, time, min);
    let by_actor: HashMap<usize, &neighbours::Neighbour> =
        reached.iter().map(|n| (n.actor, n)).collect();
    let mut hops = Vec::new();
    let mut at = to;
    while at != from {
        let n = by_actor.get(&at)?;
        hops.push(Hop {
            from: n.parent,
            to: n.actor,
            link: n.link,
            activity: n.activity,
        });
        at = n.parent;
        if hops.len() > max_hops {
            return None;
        }
    }
    hops.reverse();
    Some(hops)
}
