//! The Cypher export: a script that loads the selection into a running Neo4j or Memgraph.
//!
//! Idempotent by construction: every statement `MERGE`s one node or relationship on its
//! id (actors on `Actor {id}`, sources on `Source {id}`, relations and derived ties on
//! their type and `id` between their two actors) and then replaces all its properties
//! with `SET x = {…}`, so running the script twice leaves the same graph as running it
//! once, and running a newer export updates the graph in place. No statement `CREATE`s.
//! Properties are those of the Neo4j CSV export ([`super::props`]); dates are `date(…)`
//! values. One statement per line, each ending with `;`; strings are single-quoted with
//! `\`-escapes, so any name, quote or newline stays inside its literal.

use std::fmt::Write;

use super::Selection;
use super::props::{
    self, LINK_PROPS, NODE_PROPS, SOURCE_PROPS, Value, kind_label, link_values, node_values,
    source_values,
};

/// `text` as a single-quoted Cypher string literal.
pub fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('\'');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// A label, relationship type or property key: bare when it is a plain identifier,
/// else in backticks (a backtick doubled).
pub fn name(text: &str) -> String {
    let plain = text
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if plain {
        text.to_owned()
    } else {
        format!("`{}`", text.replace('`', "``"))
    }
}

fn literal(v: &Value) -> String {
    match v {
        Value::Text(Some(t)) => string(t),
        Value::Date(Some(d)) => format!("date({})", string(d)),
        Value::Bool(b) => b.to_string(),
        Value::List(items) => {
            let items: Vec<String> = items.iter().map(|i| string(i)).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Text(None) | Value::Date(None) => "null".to_owned(),
    }
}

/// A map literal of the present values.
fn map<'a>(entries: impl Iterator<Item = (String, &'a Value)>) -> String {
    let parts: Vec<String> = entries
        .filter(|(_, v)| !v.is_absent())
        .map(|(k, v)| format!("{}: {}", name(&k), literal(v)))
        .collect();
    format!("{{{}}}", parts.join(", "))
}

/// The selection as a Cypher script.
pub fn cypher(sel: &Selection) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "// polity export: {}.",
        sel.title().replace(['\n', '\r'], " ")
    );
    out.push_str(concat!(
        "// Idempotent: every statement MERGEs one node or relationship on its id and replaces\n",
        "// its properties, so running the script again changes nothing. Run it with\n",
        "//   cypher-shell -f polity.cypher       (Neo4j)\n",
        "//   mgconsole < polity.cypher           (Memgraph)\n",
        "// On a large graph, index the ids first:\n",
        "//   CREATE INDEX actor_id IF NOT EXISTS FOR (n:Actor) ON (n.id);     (Neo4j)\n",
        "//   CREATE INDEX source_id IF NOT EXISTS FOR (n:Source) ON (n.id);\n",
        "//   CREATE INDEX ON :Actor(id); CREATE INDEX ON :Source(id);         (Memgraph)\n",
    ));
    let languages = props::languages(sel);
    let id_value = |id: &str| Value::Text(Some(id.to_owned()));
    for n in &sel.nodes {
        let values = node_values(n, &languages);
        let keys = NODE_PROPS
            .iter()
            .map(|(k, _)| (*k).to_owned())
            .chain(languages.iter().map(|l| props::name_property(l)));
        let id = id_value(&n.id);
        let entries = std::iter::once(("id".to_owned(), &id)).chain(keys.zip(values.iter()));
        let _ = writeln!(
            out,
            "MERGE (n:Actor {{id: {}}}) SET n = {}, n:{};",
            string(&n.id),
            map(entries),
            name(kind_label(n.kind))
        );
    }
    for s in props::sources(sel) {
        let values = source_values(&s);
        let id = id_value(&s.id);
        let entries = std::iter::once(("id".to_owned(), &id)).chain(
            SOURCE_PROPS
                .iter()
                .map(|(k, _)| (*k).to_owned())
                .zip(values.iter()),
        );
        let _ = writeln!(
            out,
            "MERGE (n:Source {{id: {}}}) SET n = {};",
            string(&s.id),
            map(entries)
        );
    }
    for l in &sel.links {
        let values = link_values(&l);
        let entries = LINK_PROPS
            .iter()
            .map(|(k, _)| (*k).to_owned())
            .zip(values.iter());
        let _ = writeln!(
            out,
            "MATCH (a:Actor {{id: {}}}), (b:Actor {{id: {}}}) MERGE (a)-[r:{} {{id: {}}}]->(b) SET r = {};",
            string(l.from),
            string(l.to),
            name(l.ty),
            string(&l.id),
            map(entries)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_escape_quotes_backslashes_and_controls() {
        assert_eq!(
            string("It's \"a\" \\ test\n\u{1}é"),
            "'It\\'s \\\"a\\\" \\\\ test\\n\\u0001é'"
        );
    }

    #[test]
    fn names_are_backticked_unless_plain() {
        assert_eq!(name("member_of"), "member_of");
        assert_eq!(name("name_zh-Hans"), "`name_zh-Hans`");
        assert_eq!(name("a`b"), "`a``b`");
        assert_eq!(name("1x"), "`1x`");
    }
}
