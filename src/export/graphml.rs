//! The GraphML export, for yEd, Cytoscape and networkx.
//!
//! Written by hand through the one XML escaping helper. Every attribute is declared as a
//! `<key>` before the graph (`string`, or `boolean` for `derived` and `directed`), keys are
//! the fields every tabular format shares, and a `<data>` element is written only for a
//! non-empty value. Edges keep the direction the facts give: a symmetric relation type
//! carries `directed` = false as data, because networkx refuses a directed graph whose
//! edges say `directed="false"`. Relations between the same two actors are parallel
//! edges, each with its relation id as edge id.

use std::fmt::Write;

use super::Selection;
use super::fields::{BOOLEAN_FIELDS, EDGE_FIELDS, NODE_FIELDS, edge_values, node_values};
use super::xml::escape;

fn key_type(name: &str) -> &'static str {
    if BOOLEAN_FIELDS.contains(&name) {
        "boolean"
    } else {
        "string"
    }
}

fn data(out: &mut String, prefix: &str, fields: &[&str], values: &[String]) {
    for (name, value) in fields.iter().zip(values).skip(1) {
        if !value.is_empty() {
            let _ = writeln!(
                out,
                "      <data key=\"{prefix}_{name}\">{}</data>",
                escape(value)
            );
        }
    }
}

/// The selection as a GraphML document.
pub fn graphml(sel: &Selection) -> String {
    let mut out = String::from(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"",
        " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"",
        " xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns",
        " http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
        "  <key id=\"g_title\" for=\"graph\" attr.name=\"title\" attr.type=\"string\"/>\n",
    ));
    for (prefix, scope, fields) in [
        ("n", "node", &NODE_FIELDS[..]),
        ("e", "edge", &EDGE_FIELDS[..]),
    ] {
        for name in fields.iter().skip(1) {
            let _ = writeln!(
                out,
                "  <key id=\"{prefix}_{name}\" for=\"{scope}\" attr.name=\"{name}\" attr.type=\"{}\"/>",
                key_type(name)
            );
        }
    }
    out.push_str("  <graph id=\"polity\" edgedefault=\"directed\">\n");
    let _ = writeln!(
        out,
        "    <data key=\"g_title\">{}</data>",
        escape(&sel.title())
    );
    for n in &sel.nodes {
        let _ = writeln!(out, "    <node id=\"{}\">", escape(&n.id));
        data(&mut out, "n", &NODE_FIELDS, &node_values(n));
        out.push_str("    </node>\n");
    }
    for l in &sel.links {
        let _ = writeln!(
            out,
            "    <edge id=\"{}\" source=\"{}\" target=\"{}\">",
            escape(&l.id),
            escape(l.from),
            escape(l.to)
        );
        data(&mut out, "e", &EDGE_FIELDS, &edge_values(&l));
        out.push_str("    </edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}
