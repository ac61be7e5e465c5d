//! Typed properties for the graph-database exports: the Neo4j import CSVs and the Cypher
//! script carry the same properties with the same values, and the RDF export the same
//! facts under its own names.
//!
//! Dates are `date` values (a partial date as its first day, ISO `YYYY-MM-DD`) beside the
//! date as written (EDTF) and its precision, so nothing the facts say is lost and a
//! database can still compare dates. Every relation and derived tie also carries its
//! effective span as four day bounds — `start_earliest`, `start_latest`, `end_earliest`,
//! `end_latest` — so a query reproduces polity's time rules exactly: a tie is certainly
//! active on day T when `start_latest <= T <= end_earliest`, and possibly active when
//! `start_earliest <= T <= end_latest`. A tie still ongoing (or whose end no source
//! dates) has `end_latest` [`ONGOING`] (9999-12-31), a sentinel far after any fact, so
//! these comparisons need no null handling. Days are clamped into 0001-01-01..=9999-12-31,
//! the range every engine's date type holds.
//!
//! Invariant: `*_PROPS` lists name and type every property in the order of the values the
//! matching `*_values` function returns (arrays of the same length, checked by the
//! compiler; the types by a test).

use std::collections::BTreeSet;

use super::{Link, Node, Selection};
use crate::date::{Day, FuzzyDate};
use crate::model::{ActorKind, Source, TypeKind};
use crate::time::Span;
use crate::validate::TieEnd;

/// The day standing for "not ended": the last day every engine's date type holds.
pub const ONGOING: &str = "9999-12-31";

/// The type of a property.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Text.
    Text,
    /// `true` or `false`.
    Bool,
    /// A calendar day.
    Date,
    /// A list of texts.
    List,
}

impl Kind {
    /// The type as a `neo4j-admin database import` header names it.
    pub fn neo4j(self) -> &'static str {
        match self {
            Kind::Text => "string",
            Kind::Bool => "boolean",
            Kind::Date => "date",
            Kind::List => "string[]",
        }
    }
}

/// A property value; `Text(None)`, `Date(None)` and an empty list are absent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// Text.
    Text(Option<String>),
    /// `true` or `false`.
    Bool(bool),
    /// A day, as ISO `YYYY-MM-DD`.
    Date(Option<String>),
    /// A list of texts.
    List(Vec<String>),
}

impl Value {
    /// The value's type.
    #[cfg(test)]
    pub fn kind(&self) -> Kind {
        match self {
            Value::Text(_) => Kind::Text,
            Value::Bool(_) => Kind::Bool,
            Value::Date(_) => Kind::Date,
            Value::List(_) => Kind::List,
        }
    }

    /// True when there is no value.
    pub fn is_absent(&self) -> bool {
        match self {
            Value::Text(v) | Value::Date(v) => v.is_none(),
            Value::Bool(_) => false,
            Value::List(v) => v.is_empty(),
        }
    }
}

fn text(s: &str) -> Value {
    Value::Text(Some(s.to_owned()))
}

fn opt_text(s: Option<&str>) -> Value {
    Value::Text(s.map(str::to_owned))
}

/// A day as ISO `YYYY-MM-DD`, clamped into 0001-01-01..=9999-12-31.
pub fn day(d: Day) -> String {
    let first = Day::from_ymd(1, 1, 1);
    let last = Day::from_ymd(9999, 12, 31);
    d.clamp(first, last).to_string()
}

/// The span's four day bounds: `[start_earliest, start_latest, end_earliest, end_latest]`.
/// The last is never before the first, as in polity's own "possibly active" rule.
pub fn bounds(span: &Span) -> [String; 4] {
    [
        day(span.start.first),
        day(span.start.last),
        day(span.end.first),
        day(span.end.last.max(span.start.first)),
    ]
}

/// A date's first day, the date as written (EDTF) and its precision.
fn date_values(d: Option<&FuzzyDate>) -> [Value; 3] {
    match d {
        Some(d) => [
            Value::Date(Some(day(d.first_day()))),
            text(&d.to_string()),
            text(d.precision().as_str()),
        ],
        None => [Value::Date(None), Value::Text(None), Value::Text(None)],
    }
}

/// `event` or `tie`.
pub fn type_kind(k: TypeKind) -> &'static str {
    match k {
        TypeKind::Event => "event",
        TypeKind::Tie => "tie",
    }
}

/// A tie's status: `ongoing`, `ended` (at a known date) or `unknown` (ended, no source
/// says when); `None` for an event.
pub fn status(l: &Link) -> Option<&'static str> {
    match (&l.kind, &l.end) {
        (TypeKind::Event, _) => None,
        (TypeKind::Tie, Some(TieEnd::At(_))) => Some("ended"),
        (TypeKind::Tie, Some(TieEnd::Unknown)) => Some("unknown"),
        (TypeKind::Tie, _) => Some("ongoing"),
    }
}

/// The label an actor kind gets besides `Actor`, e.g. `State`, `GovernmentBody`.
pub fn kind_label(k: ActorKind) -> &'static str {
    match k {
        ActorKind::State => "State",
        ActorKind::Alliance => "Alliance",
        ActorKind::Organization => "Organization",
        ActorKind::GovernmentBody => "GovernmentBody",
        ActorKind::Person => "Person",
        ActorKind::ArmedGroup => "ArmedGroup",
        ActorKind::Other => "Other",
    }
}

/// Properties of a relation or derived tie, in order.
pub const LINK_PROPS: [(&str, Kind); 29] = [
    ("id", Kind::Text),
    ("derived", Kind::Bool),
    ("kind", Kind::Text),
    ("label", Kind::Text),
    ("polarity", Kind::Text),
    ("directed", Kind::Bool),
    ("date", Kind::Date),
    ("date_edtf", Kind::Text),
    ("date_precision", Kind::Text),
    ("start", Kind::Date),
    ("start_edtf", Kind::Text),
    ("start_precision", Kind::Text),
    ("end", Kind::Date),
    ("end_edtf", Kind::Text),
    ("end_precision", Kind::Text),
    ("status", Kind::Text),
    ("when", Kind::Text),
    ("start_earliest", Kind::Date),
    ("start_latest", Kind::Date),
    ("end_earliest", Kind::Date),
    ("end_latest", Kind::Date),
    ("activity", Kind::Text),
    ("confidence", Kind::Text),
    ("claimed_by", Kind::Text),
    ("opened_by", Kind::Text),
    ("closed_by", Kind::Text),
    ("sources", Kind::List),
    ("summary", Kind::Text),
    ("quote", Kind::Text),
];

/// The values of [`LINK_PROPS`] for one link.
pub fn link_values(l: &Link) -> [Value; 29] {
    let [date, date_edtf, date_p] = date_values(l.date.as_ref());
    let [start, start_edtf, start_p] = date_values(l.start.as_ref());
    let [end, end_edtf, end_p] = date_values(l.end_date());
    let [se, sl, ee, el] = bounds(&l.span).map(|d| Value::Date(Some(d)));
    [
        text(&l.id),
        Value::Bool(l.derived),
        text(type_kind(l.kind)),
        text(l.label),
        text(l.polarity.as_str()),
        Value::Bool(l.directed),
        date,
        date_edtf,
        date_p,
        start,
        start_edtf,
        start_p,
        end,
        end_edtf,
        end_p,
        Value::Text(status(l).map(str::to_owned)),
        text(&l.edtf()),
        se,
        sl,
        ee,
        el,
        Value::Text(l.activity.map(|a| a.as_str().to_owned())),
        text(l.confidence.as_str()),
        opt_text(l.claimed_by),
        opt_text(l.opened_by),
        opt_text(l.closed_by),
        Value::List(l.sources.iter().map(|s| s.id.to_owned()).collect()),
        opt_text(l.summary),
        opt_text(l.quote),
    ]
}

/// Properties of an actor besides its id, in order; then one `name_<tag>` text property
/// per language of [`languages`].
pub const NODE_PROPS: [(&str, Kind); 14] = [
    ("name", Kind::Text),
    ("kind", Kind::Text),
    ("iso3", Kind::Text),
    ("wikidata", Kind::Text),
    ("description", Kind::Text),
    ("start", Kind::Date),
    ("start_edtf", Kind::Text),
    ("start_precision", Kind::Text),
    ("end", Kind::Date),
    ("end_edtf", Kind::Text),
    ("end_precision", Kind::Text),
    ("aliases", Kind::List),
    ("activity", Kind::Text),
    ("alliance", Kind::Text),
];

/// The values of [`NODE_PROPS`] for one actor, then its name in each of `languages`.
pub fn node_values(n: &Node, languages: &[String]) -> Vec<Value> {
    let [start, start_edtf, start_p] = date_values(n.start.as_ref());
    let [end, end_edtf, end_p] = date_values(n.end.as_ref());
    let mut out = vec![
        text(&n.name),
        text(n.kind.as_str()),
        opt_text(n.iso3.as_deref()),
        opt_text(n.wikidata.as_deref()),
        opt_text(n.description.as_deref()),
        start,
        start_edtf,
        start_p,
        end,
        end_edtf,
        end_p,
        Value::List(n.aliases.clone()),
        Value::Text(n.activity.map(|a| a.as_str().to_owned())),
        // The alliance the actor is drawn in as a member; an alliance is its own cluster.
        Value::Text(n.cluster.clone().filter(|c| *c != n.id)),
    ];
    out.extend(
        languages
            .iter()
            .map(|l| opt_text(n.names.get(l).map(String::as_str))),
    );
    out
}

/// Every language tag of the actors' names, sorted.
pub fn languages(sel: &Selection) -> Vec<String> {
    let tags: BTreeSet<&String> = sel.nodes.iter().flat_map(|n| n.names.keys()).collect();
    tags.into_iter().cloned().collect()
}

/// The property holding an actor's name in a language: `name_` and the tag, with any
/// character other than a letter, digit, `-` or `_` as `_` (tags are BCP 47: `de`,
/// `zh-Hans`).
pub fn name_property(tag: &str) -> String {
    let clean: String = tag
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("name_{clean}")
}

/// Properties of a source besides its id, in order.
pub const SOURCE_PROPS: [(&str, Kind); 10] = [
    ("url", Kind::Text),
    ("title", Kind::Text),
    ("publisher", Kind::Text),
    ("published", Kind::Date),
    ("published_edtf", Kind::Text),
    ("published_precision", Kind::Text),
    ("language", Kind::Text),
    ("retrieved", Kind::Date),
    ("retrieved_edtf", Kind::Text),
    ("retrieved_precision", Kind::Text),
];

fn parse(d: Option<&String>) -> Option<FuzzyDate> {
    d.and_then(|d| FuzzyDate::parse(d).ok())
}

/// The values of [`SOURCE_PROPS`] for one source.
pub fn source_values(s: &Source) -> [Value; 10] {
    let [published, published_edtf, published_p] =
        date_values(parse(s.published.as_ref()).as_ref());
    let [retrieved, retrieved_edtf, retrieved_p] =
        date_values(parse(s.retrieved.as_ref()).as_ref());
    [
        text(&s.url),
        opt_text(s.title.as_deref()),
        opt_text(s.publisher.as_deref()),
        published,
        published_edtf,
        published_p,
        opt_text(s.language.as_deref()),
        retrieved,
        retrieved_edtf,
        retrieved_p,
    ]
}

/// Every source the selection holds or a link cites, sorted by id. A derived tie may
/// cite an event outside a filtered selection; its sources are still listed, with the
/// id and address the link knows.
pub fn sources(sel: &Selection) -> Vec<Source> {
    let mut out: Vec<Source> = sel.facts.sources.clone();
    for l in &sel.links {
        for s in l.sources.iter() {
            if !out.iter().any(|o| o.id == s.id) {
                out.push(Source {
                    id: s.id.to_owned(),
                    url: s.url.to_owned(),
                    title: None,
                    publisher: None,
                    published: None,
                    language: None,
                    retrieved: None,
                });
            }
        }
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::FuzzyDate;
    use crate::time::{FOREVER, Period};

    #[test]
    fn days_are_clamped_to_what_engines_hold() {
        assert_eq!(day(FOREVER), ONGOING);
        assert_eq!(day(Day(i32::MIN / 2)), "0001-01-01");
        assert_eq!(day(Day::from_ymd(2022, 5, 2)), "2022-05-02");
    }

    #[test]
    fn bounds_of_a_partial_ongoing_tie() {
        let start = FuzzyDate::parse("2021-12~").ok();
        let span = Span {
            start: start.as_ref().map_or(Period::day(Day(0)), Period::of),
            end: Period::day(FOREVER),
        };
        assert_eq!(
            bounds(&span),
            ["2021-11-01", "2022-01-31", ONGOING, ONGOING].map(str::to_owned)
        );
    }

    #[test]
    fn name_properties_are_safe_names() {
        assert_eq!(name_property("zh-Hans"), "name_zh-Hans");
        assert_eq!(name_property("x y:z"), "name_x_y_z");
    }

    #[test]
    fn declared_kinds_match_values() {
        let source = Source {
            id: "s".to_owned(),
            url: "https://example.org".to_owned(),
            title: None,
            publisher: None,
            published: Some("2020-05".to_owned()),
            language: None,
            retrieved: None,
        };
        for ((name, kind), value) in SOURCE_PROPS.iter().zip(source_values(&source)) {
            assert_eq!(*kind, value.kind(), "{name}");
        }
    }
}
