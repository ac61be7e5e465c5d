//! Questions over the graph. Every query returns plain rows that name the relations
//! (and so the sources) they rest on; the CLI decides how to print them.

pub mod actors;
pub mod between;
pub mod diff;
pub mod item;
pub mod neighbours;
pub mod partners;
pub mod path;
pub mod show;
pub mod stats;
pub mod timeline;

#[cfg(test)]
mod tests;
