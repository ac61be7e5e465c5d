//! The N-Triples export: the triples of [`super::rdf`], one per line.
//!
//! Every line is one complete triple `<s> <p> o .` with full IRIs and no comments, so the
//! file splits, greps and concatenates line by line, and holds exactly the triples of the
//! Turtle export. Literals use the escapes N-Triples defines (`\"`, `\\`, `\n`, `\r`,
//! `\t`, and `\uXXXX` for other control characters); everything else is UTF-8 as is.

use std::fmt::Write;

use super::Selection;
use super::rdf::{self, Object};
use crate::time::Period;

/// `text` as the body of a double-quoted N-Triples or Turtle string (without the quotes).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

/// An IRI in angle brackets; characters an IRI reference may not hold are `\u`-escaped
/// (polity's IRIs are built from validated ids, so this never happens in practice).
pub fn iri(iri: &str) -> String {
    let mut out = String::with_capacity(iri.len() + 2);
    out.push('<');
    for c in iri.chars() {
        if c <= ' ' || matches!(c, '<' | '>' | '"' | '{' | '}' | '|' | '^' | '`' | '\\') {
            let _ = write!(out, "\\u{:04X}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out.push('>');
    out
}

/// A literal: quoted text with its datatype (`^^<…>`) or language tag (`@…`).
pub fn literal(
    text: &str,
    datatype: Option<&str>,
    lang: Option<&str>,
    dt: impl Fn(&str) -> String,
) -> String {
    let mut out = format!("\"{}\"", escape(text));
    if let Some(l) = lang {
        let _ = write!(out, "@{l}");
    } else if let Some(d) = datatype {
        let _ = write!(out, "^^{}", dt(d));
    }
    out
}

/// The selection as N-Triples.
pub fn ntriples(sel: &Selection, now: Option<Period>) -> String {
    let mut out = String::new();
    for t in rdf::triples(sel, now) {
        let object = match &t.object {
            Object::Iri(i) => iri(i),
            Object::Literal {
                text,
                datatype,
                lang,
            } => literal(text, datatype.as_deref(), lang.as_deref(), iri),
        };
        let _ = writeln!(out, "{} {} {object} .", iri(&t.subject), iri(&t.predicate));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_quotes_backslashes_and_controls() {
        assert_eq!(
            escape("The \"Q\" \\ a\nb\r\tc\u{1}\u{7f} Россия"),
            "The \\\"Q\\\" \\\\ a\\nb\\r\\tc\\u0001\\u007F Россия"
        );
    }

    #[test]
    fn iris_never_break_out() {
        assert_eq!(iri("urn:polity:actor:MLI"), "<urn:polity:actor:MLI>");
        assert_eq!(iri("a b>"), "<a\\u0020b\\u003E>");
    }
}
