//! Actors within N hops of an actor, over links active at a time.
//!
//! A hop is any relation (events on their date, ties over their span) or derived tie,
//! of any polarity, in either direction. Breadth-first, so each actor's distance is the
//! fewest hops; the link that first reached it is kept to explain the row.

use std::collections::VecDeque;

use crate::graph::{Graph, LinkRef};
use crate::time::{Activity, TimeQuery};

/// An actor near another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Neighbour {
    /// Actor index.
    pub actor: usize,
    /// Fewest hops from the start.
    pub distance: usize,
    /// The actor one hop closer to the start.
    pub parent: usize,
    /// The link from `parent` that reached it (the smallest, for determinism).
    pub link: LinkRef,
    /// How certain the link from `parent` is at the asked time.
    pub activity: Activity,
}

/// Every actor within `depth` hops of `start` over links whose activity at `time` is at
/// least `min` (use `Activity::Maybe` to include uncertain links), in BFS order.
pub fn neighbours(
    g: &Graph,
    start: usize,
    depth: usize,
    time: TimeQuery,
    min: Activity,
) -> Vec<Neighbour> {
    walk(g, start, depth, time, min, None, &|_, _| true)
}

/// The walk of [`neighbours`], stopped as soon as it reaches `goal`: every row it returns
/// is the row `neighbours` gives for that actor (an actor's parent and link are fixed
/// when the walk first meets it), so the chain to `goal` is the same, found sooner.
pub fn towards(
    g: &Graph,
    start: usize,
    goal: usize,
    depth: usize,
    time: TimeQuery,
    min: Activity,
) -> Vec<Neighbour> {
    walk(g, start, depth, time, min, Some(goal), &|_, _| true)
}

/// [`towards`], expanding only the actors `expand(actor, distance)` allows. When it allows
/// every actor that lies on some shortest chain to `goal`, the chain found is the same:
/// such an actor's parent lies on a shortest chain too, so those actors are met in the
/// same order and by the same links (see `path`).
pub fn towards_pruned(
    g: &Graph,
    start: usize,
    goal: usize,
    depth: usize,
    time: TimeQuery,
    min: Activity,
    expand: &dyn Fn(usize, usize) -> bool,
) -> Vec<Neighbour> {
    walk(g, start, depth, time, min, Some(goal), expand)
}

fn walk(
    g: &Graph,
    start: usize,
    depth: usize,
    time: TimeQuery,
    min: Activity,
    goal: Option<usize>,
    expand: &dyn Fn(usize, usize) -> bool,
) -> Vec<Neighbour> {
    let n = g.facts.actors.len();
    let mut seen = vec![false; n];
    let mut out = Vec::new();
    if let Some(s) = seen.get_mut(start) {
        *s = true;
    }
    let mut queue = VecDeque::from([(start, 0usize)]);
    while let Some((a, d)) = queue.pop_front() {
        if d >= depth || !expand(a, d) {
            continue;
        }
        // Best link to each new actor from `a`, for a stable explanation.
        let mut found: Vec<(usize, LinkRef, Activity)> = g
            .links(a)
            .filter_map(|l| {
                let act = time.activity(&l.span);
                (act >= min && act != Activity::No && !seen.get(l.other).copied().unwrap_or(true))
                    .then_some((l.other, l.what, act))
            })
            .collect();
        found.sort_unstable_by_key(|&(o, w, act)| (o, std::cmp::Reverse(act), w));
        found.dedup_by_key(|x| x.0);
        for (o, link, activity) in found {
            if let Some(s) = seen.get_mut(o) {
                *s = true;
            }
            out.push(Neighbour {
                actor: o,
                distance: d + 1,
                parent: a,
                link,
                activity,
            });
            queue.push_back((o, d + 1));
            if goal == Some(o) {
                return out;
            }
        }
    }
    out
}

/// How certain it is that each actor of `rows` (the output of [`neighbours`], in its BFS
/// order) is reachable: its chain from the start is as certain as its least certain link.
pub fn reach(rows: &[Neighbour]) -> Vec<Activity> {
    let mut known: std::collections::HashMap<usize, Activity> = std::collections::HashMap::new();
    rows.iter()
        .map(|n| {
            let before = known.get(&n.parent).copied().unwrap_or(Activity::Yes);
            let a = before.and(n.activity);
            known.insert(n.actor, a);
            a
        })
        .collect()
}
