//! Everything between two actors: every relation and derived tie that links them, in date
//! order.
//!
//! Either direction counts (a relation from A to B and one from B to A); each item keeps
//! its own direction, so it reads as written. With a time window, only items that may be
//! active at some point of it are kept (`during`: yes or maybe).

use crate::query::item::{self, Item};
use crate::time::{Activity, TimeQuery};

use crate::graph::Graph;

/// The items linking actors `a` and `b` that may be active at `time`, in date order.
pub fn between(g: &Graph, a: usize, b: usize, time: TimeQuery) -> Vec<Item> {
    item::items_of(g, a)
        .into_iter()
        .filter(|i| i.involves(a) && i.other(a) == b)
        .filter(|i| time.activity(&i.span) != Activity::No)
        .collect()
}
