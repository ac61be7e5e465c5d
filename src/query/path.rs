//! The shortest time-respecting chain of relations between two actors.
//!
//! Every hop must be active at the asked time — an event on its date, a tie over its span,
//! a derived tie likewise — of any polarity and in either direction. Hops that are only
//! maybe active are allowed unless the caller asks for certain ones only; a chain is as
//! certain as its least certain hop. The search is the breadth-first walk of
//! [`super::neighbours`], so a chain has the fewest hops there are, and among equally
//! short ones it is the one the walk meets first (deterministic: actors in fact order,
//! links by certainty, then relations before derived ties, then index).
//!
//! To find it fast in a large graph, the length is found first by searching from both
//! ends; the walk from `from` then expands only actors that can still lie on a chain of
//! that length (an actor on a shortest chain was reached from one that is, so the walk
//! meets the same chain; a property test pins this against the plain walk).

use std::collections::HashMap;

use crate::graph::{Graph, LinkRef};
use crate::query::neighbours;
use crate::time::{Activity, TimeQuery};

const UNSEEN: u32 = u32::MAX;

/// The length of the shortest chain (at most `max_hops`), by breadth-first searches from
/// both ends, one whole level at a time on the smaller side; with each actor's distance
/// from `to` as far as that side searched (`UNSEEN` beyond) and how far that is.
fn distance(
    g: &Graph,
    from: usize,
    to: usize,
    max_hops: usize,
    time: TimeQuery,
    min: Activity,
) -> Option<(usize, Vec<u32>, usize)> {
    let n = g.facts.actors.len();
    let mut dist = [vec![UNSEEN; n], vec![UNSEEN; n]];
    let mut frontier = [vec![from], vec![to]];
    let mut radius = [0usize; 2];
    for (side, start) in [from, to].into_iter().enumerate() {
        *dist.get_mut(side)?.get_mut(start)? = 0;
    }
    let usable = |act: Activity| act >= min && act != Activity::No;
    while radius[0] + radius[1] < max_hops {
        let side = usize::from(frontier[1].len() < frontier[0].len());
        let other = 1 - side;
        if frontier.get(side)?.is_empty() {
            return None;
        }
        let mut next = Vec::new();
        let mut best: Option<usize> = None;
        let level = *radius.get(side)?;
        for &a in frontier.get(side)? {
            for l in g.links(a) {
                if !usable(time.activity(&l.span)) {
                    continue;
                }
                let o = l.other;
                let there = dist.get(other)?.get(o).copied().unwrap_or(UNSEEN);
                if there != UNSEEN {
                    let total = level + 1 + there as usize;
                    best = Some(best.map_or(total, |b| b.min(total)));
                }
                let here = dist.get_mut(side)?.get_mut(o)?;
                if *here == UNSEEN {
                    *here = u32::try_from(level + 1).unwrap_or(UNSEEN - 1);
                    next.push(o);
                }
            }
        }
        *radius.get_mut(side)? += 1;
        *frontier.get_mut(side)? = next;
        if let Some(b) = best {
            let [_, back] = dist;
            return (b <= max_hops).then_some((b, back, radius[1]));
        }
    }
    None
}

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
    // The length first, by a search from both ends; then the walk of `neighbours` from
    // `from`, expanding only actors that can still be on a chain of that length.
    let (length, back, radius) = distance(g, from, to, max_hops, time, min)?;
    let expand = |a: usize, d: usize| match back.get(a).copied().filter(|&b| b != UNSEEN) {
        Some(b) => d + b as usize <= length,
        // Unmet from `to`: farther from it than the searched radius.
        None => length.saturating_sub(d) > radius,
    };
    let reached = neighbours::towards_pruned(g, from, to, length, time, min, &expand);
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
