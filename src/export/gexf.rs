//! The GEXF 1.3 export, for Gephi: a dynamic graph whose timeline works.
//!
//! The graph is `mode="dynamic"` with `timeformat="date"`; each actor with a lifespan and
//! each link carries a spell, the days on which it may hold: an event over the days its
//! date may mean, a tie from the first day its start may mean to the last day its end may
//! mean, open-ended while ongoing or when its end is unknown. Gephi's timeline slider then
//! shows relations appear and disappear. Node and edge attributes are declared (the
//! fields every tabular format shares) and static. Written by hand through the one XML
//! escaping helper. As in GraphML, edges keep their written direction and symmetric types
//! carry `directed` = false, because networkx refuses undirected edges in a directed graph.

use std::fmt::Write;

use super::Selection;
use super::fields::{BOOLEAN_FIELDS, EDGE_FIELDS, NODE_FIELDS, edge_values, node_values};
use super::xml::escape;
use crate::time::{FOREVER, Span};

fn attr_type(name: &str) -> &'static str {
    if BOOLEAN_FIELDS.contains(&name) {
        "boolean"
    } else {
        "string"
    }
}

fn attvalues(out: &mut String, fields: &[&str], values: &[String]) {
    let present: Vec<(&&str, &String)> = fields
        .iter()
        .zip(values)
        .skip(1)
        .filter(|(_, v)| !v.is_empty())
        .collect();
    if present.is_empty() {
        return;
    }
    out.push_str("        <attvalues>\n");
    for (name, value) in present {
        let _ = writeln!(
            out,
            "          <attvalue for=\"{name}\" value=\"{}\"/>",
            escape(value)
        );
    }
    out.push_str("        </attvalues>\n");
}

/// A `<spells>` element for a span, or nothing when the span is unbounded both ways.
fn spells(out: &mut String, span: &Span, bounded_start: bool) {
    let mut spell = String::from("<spell");
    if bounded_start {
        let _ = write!(spell, " start=\"{}\"", span.start.first);
    }
    let last = span.end.last.max(span.start.first);
    if last < FOREVER {
        let _ = write!(spell, " end=\"{last}\"");
    }
    if spell.len() == "<spell".len() {
        return;
    }
    let _ = writeln!(
        out,
        "        <spells>\n          {spell}/>\n        </spells>"
    );
}

fn declare(out: &mut String, class: &str, fields: &[&str]) {
    let _ = writeln!(out, "    <attributes class=\"{class}\" mode=\"static\">");
    for name in fields.iter().skip(1) {
        let _ = writeln!(
            out,
            "      <attribute id=\"{name}\" title=\"{name}\" type=\"{}\"/>",
            attr_type(name)
        );
    }
    out.push_str("    </attributes>\n");
}

/// The selection as a GEXF 1.3 document.
pub fn gexf(sel: &Selection) -> String {
    let mut out = String::from(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<gexf xmlns=\"http://gexf.net/1.3\"",
        " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"",
        " xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\"",
        " version=\"1.3\">\n",
        "  <meta>\n    <creator>polity</creator>\n",
    ));
    let _ = writeln!(
        out,
        "    <description>{}</description>\n  </meta>",
        escape(&sel.title())
    );
    out.push_str(concat!(
        "  <graph mode=\"dynamic\" defaultedgetype=\"directed\"",
        " timeformat=\"date\" timerepresentation=\"interval\">\n",
    ));
    declare(&mut out, "node", &NODE_FIELDS);
    declare(&mut out, "edge", &EDGE_FIELDS);
    out.push_str("    <nodes>\n");
    for n in &sel.nodes {
        let _ = writeln!(
            out,
            "      <node id=\"{}\" label=\"{}\">",
            escape(&n.id),
            escape(&n.name)
        );
        attvalues(&mut out, &NODE_FIELDS, &node_values(n));
        spells(&mut out, &n.span(), n.start.is_some());
        out.push_str("      </node>\n");
    }
    out.push_str("    </nodes>\n    <edges>\n");
    for l in &sel.links {
        let _ = writeln!(
            out,
            "      <edge id=\"{}\" source=\"{}\" target=\"{}\" label=\"{}\" kind=\"{}\">",
            escape(&l.id),
            escape(l.from),
            escape(l.to),
            escape(l.label),
            escape(l.ty)
        );
        attvalues(&mut out, &EDGE_FIELDS, &edge_values(&l));
        spells(&mut out, &l.span, true);
        out.push_str("      </edge>\n");
    }
    out.push_str("    </edges>\n  </graph>\n</gexf>\n");
    out
}
