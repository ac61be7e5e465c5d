//! The Turtle export: the triples of [`super::rdf`], readable.
//!
//! Opens with a comment saying what the file holds and the `@prefix` lines of
//! [`super::rdf::PREFIXES`]; then one block per subject (`a` for `rdf:type`, one
//! predicate and object per line). IRIs are written as prefixed names when the local part
//! is a valid Turtle local name (a leading `-` or `.` and a trailing `.` escaped with `\`),
//! else in full; literals use the N-Triples escapes, which Turtle shares.

use std::fmt::Write;

use super::Selection;
use super::ntriples::{self, literal};
use super::rdf::{self, Object, PREFIXES};
use crate::time::Period;

/// The local part as a Turtle local name, or `None` when it cannot be one.
fn local_name(local: &str) -> Option<String> {
    if local.is_empty()
        || !local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ':'))
    {
        return None;
    }
    let last = local.len() - 1;
    let mut out = String::with_capacity(local.len() + 2);
    for (i, c) in local.char_indices() {
        let escape = (i == 0 && matches!(c, '-' | '.')) || (i == last && c == '.');
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    Some(out)
}

/// An IRI as a prefixed name (the longest matching namespace) or in full.
fn name(iri: &str) -> String {
    let best = PREFIXES
        .iter()
        .filter(|(_, ns)| iri.starts_with(ns))
        .max_by_key(|(_, ns)| ns.len());
    if let Some((prefix, ns)) = best
        && let Some(local) = iri.get(ns.len()..).and_then(local_name)
    {
        return format!("{prefix}:{local}");
    }
    ntriples::iri(iri)
}

fn object(o: &Object) -> String {
    match o {
        Object::Iri(i) => name(i),
        Object::Literal {
            text,
            datatype,
            lang,
        } => literal(text, datatype.as_deref(), lang.as_deref(), name),
    }
}

/// The selection as Turtle.
pub fn turtle(sel: &Selection, now: Option<Period>) -> String {
    let mut out = String::new();
    for line in rdf::explain(sel, now) {
        let _ = writeln!(out, "# {line}");
    }
    for (prefix, ns) in PREFIXES {
        let _ = writeln!(out, "@prefix {prefix}: {} .", ntriples::iri(ns));
    }
    let triples = rdf::triples(sel, now);
    let mut current: Option<&str> = None;
    for t in &triples {
        let predicate = if t.predicate == format!("{}type", rdf::RDF) {
            "a".to_owned()
        } else {
            name(&t.predicate)
        };
        if current == Some(t.subject.as_str()) {
            let _ = write!(out, " ;\n    {predicate} {}", object(&t.object));
        } else {
            if current.is_some() {
                out.push_str(" .\n");
            }
            let _ = write!(
                out,
                "\n{}\n    {predicate} {}",
                name(&t.subject),
                object(&t.object)
            );
            current = Some(&t.subject);
        }
    }
    if current.is_some() {
        out.push_str(" .\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_names_escape_what_turtle_forbids() {
        assert_eq!(local_name("ex-mli-aes").as_deref(), Some("ex-mli-aes"));
        assert_eq!(local_name("derived:ex.1").as_deref(), Some("derived:ex.1"));
        assert_eq!(local_name("-42.").as_deref(), Some("\\-42\\."));
        assert_eq!(local_name(".x").as_deref(), Some("\\.x"));
        assert_eq!(local_name("a b"), None);
        assert_eq!(local_name(""), None);
    }

    #[test]
    fn names_use_the_longest_namespace() {
        assert_eq!(name("urn:polity:actor:MLI"), "actor:MLI");
        assert_eq!(name("urn:polity:startEarliest"), "polity:startEarliest");
        assert_eq!(
            name("http://www.w3.org/2000/01/rdf-schema#label"),
            "rdfs:label"
        );
        assert_eq!(name("https://example.org/x"), "<https://example.org/x>");
    }
}
