//! The Graphviz DOT export, built with graphviz-rust's structures.
//!
//! Actors are nodes shaped and coloured by kind; relations and derived ties are edges
//! coloured and styled by polarity, labelled with the relation's label and its dates at
//! their own precision; each alliance is a cluster holding its members at the filter's
//! time; a legend explains the shapes and lines that appear. graphviz-rust prints ids as
//! given, so every id and attribute value goes through [`quote`], the one escaping helper:
//! the output is always valid DOT and every label shows its text exactly, in full Unicode.

use std::fmt::Write;

use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Graph as DotGraph, GraphAttributes, Id, Node as DotNode, NodeId, Stmt,
    Subgraph, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};

use super::{Link, Node, Selection};
use crate::model::{ActorKind, Polarity};
use crate::time::Activity;

const FONT: &str = "Helvetica,Arial,sans-serif";

/// `text` as a DOT quoted string that Graphviz reads back as exactly `text`.
///
/// Quotes and backslashes are escaped (a label's `\\` is one backslash, so `\N` or `\l`
/// in a name stay literal); a line break becomes `\n` (CRLF and lone CR included); a tab
/// becomes a space; other control characters, which no label can show, are dropped.
/// Everything else, accents and Cyrillic included, is kept as UTF-8.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn id(text: &str) -> Id {
    Id::Escaped(quote(text))
}

fn attr(name: &str, value: &str) -> Attribute {
    Attribute(Id::Plain(name.to_owned()), id(value))
}

fn node_id(text: &str) -> NodeId {
    NodeId(id(text), None)
}

/// Shape, fill and border colour of an actor kind.
fn kind_style(kind: ActorKind) -> (&'static str, &'static str, &'static str) {
    match kind {
        ActorKind::State => ("box", "#deebf7", "#3182bd"),
        ActorKind::Alliance => ("doubleoctagon", "#fdd0a2", "#d94801"),
        ActorKind::Organization => ("hexagon", "#efedf5", "#756bb1"),
        ActorKind::GovernmentBody => ("tab", "#e5f5e0", "#31a354"),
        ActorKind::Person => ("ellipse", "#fff7bc", "#b8860b"),
        ActorKind::ArmedGroup => ("octagon", "#fcbba1", "#a50f15"),
        ActorKind::Other => ("note", "#f0f0f0", "#636363"),
    }
}

/// Colour, line style and arrowhead of a polarity.
fn polarity_style(p: Polarity) -> (&'static str, &'static str, &'static str) {
    match p {
        Polarity::Cooperative => ("#1a9850", "solid", "normal"),
        Polarity::Conflictual => ("#d73027", "dashed", "normal"),
        Polarity::Neutral => ("#737373", "dotted", "normal"),
        Polarity::Structural => ("#2166ac", "solid", "empty"),
    }
}

const POLARITIES: [Polarity; 4] = [
    Polarity::Cooperative,
    Polarity::Conflictual,
    Polarity::Neutral,
    Polarity::Structural,
];

fn kind_attrs(kind: ActorKind) -> Vec<Attribute> {
    let (shape, fill, border) = kind_style(kind);
    let style = if kind == ActorKind::State {
        "rounded,filled"
    } else {
        "filled"
    };
    vec![
        attr("shape", shape),
        attr("style", style),
        attr("fillcolor", fill),
        attr("color", border),
    ]
}

fn actor_node(n: &Node) -> Stmt {
    let mut attrs = vec![attr("label", &format!("{}\n{}", n.name, n.id))];
    attrs.extend(kind_attrs(n.kind));
    let mut tip = format!("{} ({}, {})", n.name, n.id, n.kind.as_str());
    if let Some(d) = &n.description {
        tip.push_str(": ");
        tip.push_str(d);
    }
    attrs.push(attr("tooltip", &tip));
    Stmt::Node(DotNode::new(node_id(&n.id), attrs))
}

fn link_edge(l: &Link) -> Stmt {
    let (color, style, arrow) = polarity_style(l.polarity);
    let mut label = format!("{}\n{}", l.label, l.when());
    if l.derived {
        label.push_str(" (derived)");
    }
    if l.activity == Some(Activity::Maybe) {
        label.push_str("\n(maybe active then)");
    }
    let mut attrs = vec![
        attr("label", &label),
        attr("color", color),
        attr("fontcolor", color),
        attr("style", style),
        attr("arrowhead", arrow),
    ];
    if !l.directed {
        attrs.push(attr("dir", "none"));
    }
    let tip = match &l.summary {
        Some(s) => format!("{}: {s}", l.id),
        None => l.id.clone(),
    };
    attrs.push(attr("tooltip", &tip));
    Stmt::Edge(Edge {
        ty: EdgeTy::Pair(Vertex::N(node_id(&l.from)), Vertex::N(node_id(&l.to))),
        attributes: attrs,
    })
}

/// A line sample of a polarity in the legend.
fn polarity_sample(p: Polarity) -> &'static str {
    match p {
        Polarity::Cooperative => "\u{2014}\u{2014}\u{2014}\u{25b6}",
        Polarity::Conflictual => "\u{2013} \u{2013} \u{2013}\u{25b6}",
        Polarity::Neutral => "\u{b7} \u{b7} \u{b7} \u{25b6}",
        Polarity::Structural => "\u{2014}\u{2014}\u{2014}\u{25b7}",
    }
}

/// A legend of the kinds and polarities that appear, as one table-shaped node. Its text
/// is fixed (kind and polarity names), so it needs no escaping.
fn legend(sel: &Selection) -> Option<Stmt> {
    let mut rows = String::new();
    for kind in ActorKind::ALL {
        if sel.nodes.iter().any(|n| n.kind == kind) {
            let (_, fill, border) = kind_style(kind);
            let _ = write!(
                rows,
                r#"
    <TR><TD BGCOLOR="{fill}" COLOR="{border}" BORDER="1" WIDTH="30"></TD><TD ALIGN="LEFT">{}</TD></TR>"#,
                kind.as_str().replace('_', " ")
            );
        }
    }
    for p in POLARITIES {
        if sel.links.iter().any(|l| l.polarity == p) {
            let (color, _, _) = polarity_style(p);
            let _ = write!(
                rows,
                r#"
    <TR><TD><FONT COLOR="{color}">{}</FONT></TD><TD ALIGN="LEFT">{}</TD></TR>"#,
                polarity_sample(p),
                p.as_str()
            );
        }
    }
    if rows.is_empty() {
        return None;
    }
    if sel.links.iter().any(|l| l.derived) {
        rows.push_str(
            r#"
    <TR><TD COLSPAN="2" ALIGN="LEFT">(derived): a tie an event opened</TD></TR>"#,
        );
    }
    let table = format!(
        r##"<<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="3" CELLPADDING="2" COLOR="#969696">
    <TR><TD COLSPAN="2"><B>Legend</B></TD></TR>{rows}
  </TABLE>>"##
    );
    Some(Stmt::Node(DotNode::new(
        node_id("polity:legend"),
        vec![
            attr("shape", "plaintext"),
            attr("fontsize", "9"),
            Attribute(Id::Plain("label".to_owned()), Id::Html(table)),
        ],
    )))
}

/// The selection as a DOT document, ending with a newline.
pub fn dot(sel: &Selection) -> String {
    let mut stmts = vec![
        Stmt::GAttribute(GraphAttributes::Graph(vec![
            attr("label", &format!("polity: {}", sel.title())),
            attr("labelloc", "t"),
            attr("fontname", FONT),
            attr("rankdir", "LR"),
            attr("newrank", "true"),
            attr("nodesep", "0.4"),
            attr("ranksep", "1.2"),
        ])),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            attr("fontname", FONT),
            attr("fontsize", "11"),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![
            attr("fontname", FONT),
            attr("fontsize", "9"),
        ])),
    ];
    for c in &sel.clusters {
        let mut inner = vec![Stmt::GAttribute(GraphAttributes::Graph(vec![
            attr("label", &format!("{} ({})", c.name, c.alliance)),
            attr("style", "rounded,filled"),
            attr("fillcolor", "#fff5eb"),
            attr("color", "#d94801"),
        ]))];
        inner.extend(
            sel.nodes
                .iter()
                .filter(|n| n.cluster.as_deref() == Some(c.alliance.as_str()))
                .map(actor_node),
        );
        stmts.push(Stmt::Subgraph(Subgraph {
            id: id(&format!("cluster_{}", c.alliance)),
            stmts: inner,
        }));
    }
    stmts.extend(
        sel.nodes
            .iter()
            .filter(|n| n.cluster.is_none())
            .map(actor_node),
    );
    stmts.extend(sel.links.iter().map(link_edge));
    stmts.extend(legend(sel));
    let graph = DotGraph::DiGraph {
        id: id("polity"),
        strict: false,
        stmts,
    };
    let mut text = graph.print(&mut PrinterContext::default());
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use proptest::prelude::*;

    /// What Graphviz shows for a quoted label: the lexer's `\"` and escString's `\\`, `\n`.
    fn shown(quoted: &str) -> String {
        let inner = quoted
            .strip_prefix('"')
            .and_then(|s| s.strip_suffix('"'))
            .unwrap();
        let mut out = String::new();
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next().unwrap() {
                    'n' => out.push('\n'),
                    other => out.push(other),
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    fn parses(label: &str) -> bool {
        let doc = format!("digraph g {{ \"a\" [label={label}] \"a\" -> \"b\" [label={label}] }}");
        graphviz_rust::parse(&doc).is_ok()
    }

    #[test]
    fn quotes_backslashes_and_line_breaks() {
        assert_eq!(quote(r#"say "hi""#), r#""say \"hi\"""#);
        assert_eq!(quote(r"a\b\"), r#""a\\b\\""#);
        assert_eq!(
            quote("one\ntwo\r\nthree\rfour"),
            r#""one\ntwo\nthree\nfour""#
        );
        assert_eq!(quote("tab\there\u{1}\u{7f}"), r#""tab here""#);
        assert_eq!(quote("Россия Côte"), "\"Россия Côte\"");
    }

    #[test]
    fn a_trailing_backslash_does_not_eat_the_closing_quote() {
        let q = quote("ends with \\");
        assert!(parses(&q));
        assert_eq!(shown(&q), "ends with \\");
    }

    proptest! {
        #[test]
        fn prop_any_text_quotes_to_valid_dot_showing_that_text(text in "\\PC*|[\"\\\\\n\r\t a-z]*") {
            let q = quote(&text);
            prop_assert!(parses(&q), "{q}");
            let expected: String = text
                .replace("\r\n", "\n")
                .replace('\r', "\n")
                .replace('\t', " ")
                .chars()
                .filter(|c| *c == '\n' || !c.is_control())
                .collect();
            prop_assert_eq!(shown(&q), expected);
        }
    }
}
