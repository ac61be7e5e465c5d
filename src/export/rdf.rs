//! The selection as RDF triples, which the Turtle and N-Triples exports write.
//!
//! Namespace (documented in the README): `urn:polity:` holds polity's own terms
//! (`polity:Actor`, `polity:startEarliest`, …) and, below it, one namespace per kind of
//! thing named by its id: `actor:` (`urn:polity:actor:MLI`), `rel:` (relation types, used
//! as RDF properties), `stmt:` (relations and derived ties as statements; a derived tie is
//! `stmt:derived:` and its opening event's id) and `source:`.
//!
//! - An actor has `rdfs:label` (its name, and its name in each language, language-tagged),
//!   `skos:altLabel` for each alias, `owl:sameAs` its Wikidata item, `rdfs:comment` its
//!   description, and its lifespan.
//! - Each relation and derived tie is an `rdf:Statement` (`rdf:subject`, `rdf:predicate` =
//!   its type, `rdf:object`) with its dates — `xsd:gYear`, `xsd:gYearMonth` or `xsd:date`
//!   by precision, plus the date as written (EDTF) and the precision —, its effective span
//!   as four `xsd:date` day bounds (see [`super::props`]; 9999-12-31 while ongoing), its
//!   confidence, and `prov:wasDerivedFrom` each source it rests on.
//! - Each relation type is an `rdf:Property` with its label, polarity and kind.
//! - Plus, as Wikidata does, a direct triple `actor:A rel:TYPE actor:B` for each relation
//!   or derived tie certainly active at the time asked for (both ways for a symmetric type).
//!
//! Invariants: no blank nodes, so the Turtle and the N-Triples exports hold the very same
//! triples; every IRI is built from validated ids (`[A-Za-z0-9_.-]`) or Wikidata item
//! ids, and source addresses are `xsd:anyURI` literals, so no IRI needs escaping; the
//! order is deterministic (subjects grouped: relation types, actors with their direct
//! triples, sources, statements, each sorted by id).

use std::collections::{BTreeMap, BTreeSet};

use super::props::{self, ONGOING};
use super::{Link, Node, Selection};
use crate::date::{FuzzyDate, Precision};
use crate::model::{RelationType, Source, TypeKind};
use crate::time::{Activity, Period, TimeQuery};

pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
pub const OWL: &str = "http://www.w3.org/2002/07/owl#";
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
pub const PROV: &str = "http://www.w3.org/ns/prov#";
pub const DCTERMS: &str = "http://purl.org/dc/terms/";
pub const WD: &str = "http://www.wikidata.org/entity/";
pub const POLITY: &str = "urn:polity:";
pub const ACTOR: &str = "urn:polity:actor:";
pub const REL: &str = "urn:polity:rel:";
pub const STMT: &str = "urn:polity:stmt:";
pub const SOURCE: &str = "urn:polity:source:";

/// Prefix names and namespaces, as the Turtle export declares them.
pub const PREFIXES: [(&str, &str); 13] = [
    ("rdf", RDF),
    ("rdfs", RDFS),
    ("xsd", XSD),
    ("owl", OWL),
    ("skos", SKOS),
    ("prov", PROV),
    ("dcterms", DCTERMS),
    ("wd", WD),
    ("polity", POLITY),
    ("actor", ACTOR),
    ("rel", REL),
    ("stmt", STMT),
    ("source", SOURCE),
];

/// The object of a triple.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Object {
    /// An IRI.
    Iri(String),
    /// A literal: its text, and a datatype IRI (`None`: `xsd:string`) or a language tag.
    Literal {
        text: String,
        datatype: Option<String>,
        lang: Option<String>,
    },
}

/// One triple; the subject and predicate are IRIs.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Triple {
    pub subject: String,
    pub predicate: String,
    pub object: Object,
}

fn term(ns: &str, local: &str) -> String {
    format!("{ns}{local}")
}

fn plain(text: &str) -> Object {
    Object::Literal {
        text: text.to_owned(),
        datatype: None,
        lang: None,
    }
}

fn typed(text: &str, xsd_type: &str) -> Object {
    Object::Literal {
        text: text.to_owned(),
        datatype: Some(term(XSD, xsd_type)),
        lang: None,
    }
}

fn boolean(b: bool) -> Object {
    typed(if b { "true" } else { "false" }, "boolean")
}

/// True for a language tag RDF accepts (BCP 47 shape: `de`, `zh-Hans`, `pt-BR`).
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary_ok = parts
        .next()
        .is_some_and(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()));
    primary_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// A date as an XSD value of its precision (`2013` as `xsd:gYear`, `2019-06` as
/// `xsd:gYearMonth`, `2013-01-11` as `xsd:date`); a qualifier is kept in the EDTF text.
pub fn xsd_date(d: &FuzzyDate) -> Object {
    let written = d.to_string();
    let text = written.trim_end_matches(['~', '?', '%']);
    let ty = match d.precision() {
        Precision::Year => "gYear",
        Precision::Month => "gYearMonth",
        Precision::Day => "date",
    };
    typed(text, ty)
}

/// Collects the triples of one subject.
struct Subject<'a> {
    iri: String,
    out: &'a mut Vec<Triple>,
}

impl Subject<'_> {
    fn add(&mut self, predicate: String, object: Object) {
        self.out.push(Triple {
            subject: self.iri.clone(),
            predicate,
            object,
        });
    }

    fn class(&mut self, class: String) {
        self.add(term(RDF, "type"), Object::Iri(class));
    }

    fn text(&mut self, predicate: String, text: Option<&str>) {
        if let Some(t) = text {
            self.add(predicate, plain(t));
        }
    }

    /// `polity:NAME` typed by precision, `polity:NAMEEdtf` and `polity:NAMEPrecision`.
    fn date(&mut self, name: &str, d: Option<&FuzzyDate>) {
        if let Some(d) = d {
            self.add(term(POLITY, name), xsd_date(d));
            self.add(term(POLITY, &format!("{name}Edtf")), plain(&d.to_string()));
            self.add(
                term(POLITY, &format!("{name}Precision")),
                plain(d.precision().as_str()),
            );
        }
    }
}

fn relation_type(out: &mut Vec<Triple>, t: &RelationType) {
    let mut s = Subject {
        iri: term(REL, &t.id),
        out,
    };
    s.class(term(RDF, "Property"));
    s.class(term(POLITY, "RelationType"));
    s.add(term(POLITY, "id"), plain(&t.id));
    s.add(term(RDFS, "label"), plain(&t.label));
    s.text(term(POLITY, "inverseLabel"), t.inverse_label.as_deref());
    s.add(term(POLITY, "kind"), plain(props::type_kind(t.kind)));
    s.add(term(POLITY, "directed"), boolean(t.directed));
    s.add(term(POLITY, "polarity"), plain(t.polarity.as_str()));
    if let Some(o) = &t.opens {
        s.add(term(POLITY, "opens"), Object::Iri(term(REL, o)));
    }
    for c in &t.closes {
        s.add(term(POLITY, "closes"), Object::Iri(term(REL, c)));
    }
    s.text(term(POLITY, "cameo"), t.cameo.as_deref());
    s.text(term(POLITY, "plover"), t.plover.as_deref());
}

fn actor(out: &mut Vec<Triple>, n: &Node, direct: &BTreeSet<(String, String)>) {
    let mut s = Subject {
        iri: term(ACTOR, &n.id),
        out,
    };
    s.class(term(POLITY, "Actor"));
    s.add(term(POLITY, "id"), plain(&n.id));
    s.add(term(POLITY, "kind"), plain(n.kind.as_str()));
    s.add(term(RDFS, "label"), plain(&n.name));
    for (tag, name) in &n.names {
        if is_language_tag(tag) {
            let lang = Object::Literal {
                text: name.clone(),
                datatype: None,
                lang: Some(tag.clone()),
            };
            s.add(term(RDFS, "label"), lang);
        } else {
            // Not a language tag RDF can hold: the name is kept, untagged.
            s.add(term(SKOS, "altLabel"), plain(name));
        }
    }
    for alias in &n.aliases {
        s.add(term(SKOS, "altLabel"), plain(alias));
    }
    s.text(term(POLITY, "iso3"), n.iso3.as_deref());
    if let Some(q) = &n.wikidata {
        s.add(term(OWL, "sameAs"), Object::Iri(term(WD, q)));
    }
    s.text(term(RDFS, "comment"), n.description.as_deref());
    s.date("start", n.start.as_ref());
    s.date("end", n.end.as_ref());
    if let Some(a) = n.activity {
        s.add(term(POLITY, "activity"), plain(a.as_str()));
    }
    for (ty, other) in direct {
        s.add(term(REL, ty), Object::Iri(term(ACTOR, other)));
    }
}

fn source(out: &mut Vec<Triple>, src: &Source) {
    let mut s = Subject {
        iri: term(SOURCE, &src.id),
        out,
    };
    s.class(term(PROV, "Entity"));
    s.add(term(POLITY, "id"), plain(&src.id));
    s.add(term(POLITY, "url"), typed(&src.url, "anyURI"));
    s.text(term(DCTERMS, "title"), src.title.as_deref());
    s.text(term(DCTERMS, "publisher"), src.publisher.as_deref());
    s.text(term(DCTERMS, "language"), src.language.as_deref());
    let parse = |d: Option<&String>| d.and_then(|d| FuzzyDate::parse(d).ok());
    s.date("published", parse(src.published.as_ref()).as_ref());
    s.date("retrieved", parse(src.retrieved.as_ref()).as_ref());
}

fn statement(out: &mut Vec<Triple>, l: &Link) {
    let mut s = Subject {
        iri: term(STMT, &l.id),
        out,
    };
    s.class(term(RDF, "Statement"));
    s.class(term(POLITY, "Relation"));
    s.class(term(
        POLITY,
        match l.kind {
            TypeKind::Event => "Event",
            TypeKind::Tie => "Tie",
        },
    ));
    if l.derived {
        s.class(term(POLITY, "DerivedTie"));
    }
    s.add(term(RDF, "subject"), Object::Iri(term(ACTOR, l.from)));
    s.add(term(RDF, "predicate"), Object::Iri(term(REL, l.ty)));
    s.add(term(RDF, "object"), Object::Iri(term(ACTOR, l.to)));
    s.add(term(POLITY, "id"), plain(&l.id));
    s.add(term(POLITY, "derived"), boolean(l.derived));
    s.add(
        term(RDFS, "label"),
        plain(&format!("{} {} {}", l.from_name, l.label, l.to_name)),
    );
    s.date("date", l.date.as_ref());
    s.date("start", l.start.as_ref());
    s.date("end", l.end_date());
    if let Some(status) = props::status(l) {
        s.add(term(POLITY, "status"), plain(status));
    }
    s.add(term(POLITY, "when"), plain(&l.edtf()));
    let names = ["startEarliest", "startLatest", "endEarliest", "endLatest"];
    for (name, day) in names.into_iter().zip(props::bounds(&l.span)) {
        s.add(term(POLITY, name), typed(&day, "date"));
    }
    if let Some(a) = l.activity {
        s.add(term(POLITY, "activity"), plain(a.as_str()));
    }
    s.add(term(POLITY, "confidence"), plain(l.confidence.as_str()));
    if let Some(c) = &l.claimed_by {
        s.add(term(POLITY, "claimedBy"), Object::Iri(term(ACTOR, c)));
    }
    if let Some(o) = &l.opened_by {
        s.add(term(POLITY, "openedBy"), Object::Iri(term(STMT, o)));
    }
    if let Some(c) = &l.closed_by {
        s.add(term(POLITY, "closedBy"), Object::Iri(term(STMT, c)));
    }
    s.text(term(RDFS, "comment"), l.summary);
    s.text(term(POLITY, "quote"), l.quote);
    for src in l.sources.iter() {
        s.add(
            term(PROV, "wasDerivedFrom"),
            Object::Iri(term(SOURCE, src.id)),
        );
    }
}

/// The direct triples by subject actor id: (relation type, object actor id), for every
/// link certainly active at `now`, both ways for a symmetric type.
fn direct(sel: &Selection, now: Option<Period>) -> BTreeMap<String, BTreeSet<(String, String)>> {
    let mut out: BTreeMap<String, BTreeSet<(String, String)>> = BTreeMap::new();
    let Some(now) = now else {
        return out;
    };
    for l in &sel.links {
        if TimeQuery::At(now).activity(&l.span) != Activity::Yes {
            continue;
        }
        out.entry(l.from.to_owned())
            .or_default()
            .insert((l.ty.to_owned(), l.to.to_owned()));
        if !l.directed {
            out.entry(l.to.to_owned())
                .or_default()
                .insert((l.ty.to_owned(), l.from.to_owned()));
        }
    }
    out
}

/// Every triple of the selection, grouped by subject, in a deterministic order.
pub fn triples(sel: &Selection, now: Option<Period>) -> Vec<Triple> {
    let mut out = Vec::new();
    for t in &sel.facts.vocabulary {
        relation_type(&mut out, t);
    }
    let direct = direct(sel, now);
    let none = BTreeSet::new();
    for n in &sel.nodes {
        actor(&mut out, n, direct.get(&n.id).unwrap_or(&none));
    }
    for s in props::sources(sel) {
        source(&mut out, &s);
    }
    for l in &sel.links {
        statement(&mut out, &l);
    }
    out
}

/// The comment both RDF exports may open with: what the file is and how to read it.
pub fn explain(sel: &Selection, now: Option<Period>) -> Vec<String> {
    let mut lines = vec![
        format!("polity export: {}.", sel.title().replace(['\n', '\r'], " ")),
        "Namespace urn:polity: (prefix polity:); actors are actor:ID, relation types rel:ID,"
            .to_owned(),
        "relations and derived ties stmt:ID (rdf:Statement), sources source:ID (prov:Entity)."
            .to_owned(),
        format!(
            "Day bounds polity:startEarliest .. polity:endLatest give each span; {ONGOING} while ongoing."
        ),
    ];
    if now.is_some() {
        lines.push(
            "Direct triples actor:A rel:TYPE actor:B: what is certainly active at the --at date, else on the day of the export."
                .to_owned(),
        );
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags() {
        for ok in ["de", "fr", "zh-Hans", "pt-BR", "sr-Latn-RS"] {
            assert!(is_language_tag(ok), "{ok}");
        }
        for bad in ["", "x", "de_DE", "fr-", "has space", "ru-toolongsubtag"] {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }

    #[test]
    fn dates_take_the_type_of_their_precision() {
        let d = |s: &str| {
            xsd_date(
                &FuzzyDate::parse(s).unwrap_or_else(|_| FuzzyDate::from_day(crate::date::Day(0))),
            )
        };
        assert_eq!(d("2013"), typed("2013", "gYear"));
        assert_eq!(d("2021-12~"), typed("2021-12", "gYearMonth"));
        assert_eq!(d("2022-05-02"), typed("2022-05-02", "date"));
    }
}
