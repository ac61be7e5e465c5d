//! Partners of an actor at a time: who cooperates with it, directly or through an alliance.
//!
//! A partner is an actor with a cooperative tie (explicit or derived) with the actor that
//! is active at the asked time; plus, for every alliance the actor is a member of then
//! (`member_of` to an actor of kind `alliance`), the alliance itself, its other members,
//! and the actors with a cooperative tie with the alliance, each shown "via" it. An
//! organisation that is not an alliance (the UN, ECOWAS) makes no partners of its
//! members, and conflictual relations never make partners. An alliance's own partners
//! include its members while they are members. Every row keeps the ties it
//! rests on, so it can name its relations and sources.

use std::collections::BTreeMap;

use crate::date::FuzzyDate;
use crate::graph::Graph;
use crate::model::{ActorKind, Polarity};
use crate::ties::Tie;
use crate::time::{Activity, TimeQuery};
use crate::validate::MEMBER_OF;

/// What to ask.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// When.
    pub time: TimeQuery,
    /// Leave out partners that are only maybe active.
    pub certain: bool,
    /// Only the actor's own ties: no partners through alliances.
    pub direct: bool,
    /// Only partners of this kind.
    pub kind: Option<ActorKind>,
}

/// One partner, with everything that makes it one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Partner {
    /// Actor index of the partner.
    pub actor: usize,
    /// How certain the partnership is at the asked time.
    pub activity: Activity,
    /// True when one of the actor's own cooperative ties makes it a partner.
    pub direct: bool,
    /// True when the partner is an alliance the actor belongs to, or (when the actor is an
    /// alliance) one of its members.
    pub member: bool,
    /// Alliances (actor indices) through which it is a partner, sorted.
    pub via: Vec<usize>,
    /// The earliest start among the ties that make it a partner.
    pub since: Option<FuzzyDate>,
    /// Indices into `Graph::ties` of those ties, sorted.
    pub ties: Vec<usize>,
}

impl Partner {
    /// The relation indices the row rests on, sorted and unique.
    pub fn relations(&self, g: &Graph) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .ties
            .iter()
            .filter_map(|&t| g.ties.get(t))
            .flat_map(Tie::relations)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

fn is_member_tie(g: &Graph, t: &Tie) -> bool {
    g.facts.types.get(t.ty).is_some_and(|ty| ty.id == MEMBER_OF)
}

fn is_cooperative(g: &Graph, t: &Tie) -> bool {
    g.facts
        .types
        .get(t.ty)
        .is_some_and(|ty| ty.polarity == Polarity::Cooperative)
}

fn kind_of(g: &Graph, actor: usize) -> Option<ActorKind> {
    g.actor(actor).map(|a| a.fact.kind)
}

/// How a partner is reached.
#[derive(Clone, Copy)]
enum Route {
    Direct,
    Membership,
    Via(usize),
}

#[derive(Default)]
struct Acc {
    activity: Option<Activity>,
    direct: bool,
    member: bool,
    via: Vec<usize>,
    since: Option<FuzzyDate>,
    ties: Vec<usize>,
}

impl Acc {
    fn add(&mut self, activity: Activity, route: Route, ties: &[usize], g: &Graph) {
        self.activity = Some(self.activity.map_or(activity, |a| a.or(activity)));
        match route {
            Route::Direct => self.direct = true,
            Route::Membership => self.member = true,
            Route::Via(v) => self.via.push(v),
        }
        for &t in ties {
            self.ties.push(t);
        }
        // The partnership began when the last of its conditions began: a member's
        // partner through an alliance is a partner since both ties hold.
        let start = ties
            .iter()
            .filter_map(|&t| g.ties.get(t))
            .map(|t| &t.start)
            .max_by_key(|d| (d.earliest(), d.latest()));
        if let Some(s) = start {
            let earlier = self
                .since
                .as_ref()
                .is_none_or(|cur| (s.earliest(), s.latest()) < (cur.earliest(), cur.latest()));
            if earlier {
                self.since = Some(s.clone());
            }
        }
    }
}

/// The partners of `actor`, sorted: certain ones first, then by name and id.
pub fn partners(g: &Graph, actor: usize, opts: &Options) -> Vec<Partner> {
    let mut acc: BTreeMap<usize, Acc> = BTreeMap::new();
    let active = |t: &Tie| opts.time.activity(&t.span);
    let own = g.ties_of.get(actor).map(Vec::as_slice).unwrap_or_default();
    for &ti in own {
        let Some(t) = g.ties.get(ti) else { continue };
        if !is_cooperative(g, t) {
            continue;
        }
        let a = active(t);
        if a != Activity::No {
            acc.entry(t.other(actor))
                .or_default()
                .add(a, Route::Direct, &[ti], g);
        }
    }
    if kind_of(g, actor) == Some(ActorKind::Alliance) {
        // An alliance's members are its partners while they are members.
        for &mi in own {
            let Some(m) = g.ties.get(mi) else { continue };
            if m.to == actor && m.from != actor && is_member_tie(g, m) {
                let a = active(m);
                if a != Activity::No {
                    acc.entry(m.from)
                        .or_default()
                        .add(a, Route::Membership, &[mi], g);
                }
            }
        }
    }
    if !opts.direct {
        for &mi in own {
            let Some(m) = g.ties.get(mi) else { continue };
            let alliance = m.to;
            if m.from != actor
                || !is_member_tie(g, m)
                || kind_of(g, alliance) != Some(ActorKind::Alliance)
            {
                continue;
            }
            let am = active(m);
            if am == Activity::No {
                continue;
            }
            acc.entry(alliance)
                .or_default()
                .add(am, Route::Membership, &[mi], g);
            for &oi in g
                .ties_of
                .get(alliance)
                .map(Vec::as_slice)
                .unwrap_or_default()
            {
                let Some(o) = g.ties.get(oi) else { continue };
                let other = o.other(alliance);
                let fellow_member = is_member_tie(g, o) && o.to == alliance;
                if other == actor || !(fellow_member || is_cooperative(g, o)) {
                    continue;
                }
                let a = am.and(active(o));
                if a != Activity::No {
                    acc.entry(other)
                        .or_default()
                        .add(a, Route::Via(alliance), &[mi, oi], g);
                }
            }
        }
    }
    let mut rows: Vec<Partner> = acc
        .into_iter()
        .filter(|(p, _)| *p != actor)
        .filter_map(|(p, mut a)| {
            let activity = a.activity?;
            a.via.sort_unstable();
            a.via.dedup();
            a.ties.sort_unstable();
            a.ties.dedup();
            Some(Partner {
                actor: p,
                activity,
                direct: a.direct,
                member: a.member,
                via: a.via,
                since: a.since,
                ties: a.ties,
            })
        })
        .filter(|p| !opts.certain || p.activity == Activity::Yes)
        .filter(|p| opts.kind.is_none_or(|k| kind_of(g, p.actor) == Some(k)))
        .collect();
    let name = |i: usize| g.actor(i).map(|a| (a.fact.name.clone(), a.fact.id.clone()));
    rows.sort_by_cached_key(|p| (std::cmp::Reverse(p.activity), name(p.actor)));
    rows
}
