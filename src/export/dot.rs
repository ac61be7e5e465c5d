//! The Graphviz DOT export, written as text in the layout graphviz-rust's printer gives.
//!
//! Actors are nodes shaped and coloured by kind; relations and derived ties are edges
//! coloured and styled by polarity, labelled with the relation's label and its dates at
//! their own precision; each alliance is a cluster holding its members at the filter's
//! time; a legend explains the shapes and lines that appear. Every id and attribute value
//! goes through [`quote`], the one escaping helper: the output is always valid DOT and
//! every label shows its text exactly, in full Unicode.
//!
//! The text is written directly rather than built as graphviz-rust's statement tree and
//! printed: the tree costs several strings per attribute and its printer joins them by
//! repeated concatenation, which made up most of the time of a diagram with hundreds of
//! thousands of edges. The layout is the printer's default, kept byte for byte (the
//! committed `exports/` diagrams are checked): two spaces of indent per level, one
//! statement per line, `name="value"` attributes separated by spaces, `id[…]` for nodes
//! and attribute statements, `a -> b […]` for edges. graphviz-rust still renders the text
//! into images ([`super::render`]) and parses it in the tests. Edges are written in
//! parallel ([`super::runs`]).

use std::fmt::Write;

use super::{Link, Node, Selection, runs, swar};
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
    push_quoted(&mut out, text);
    out
}

/// True for the bytes [`push_quoted`] looks at: `"`, `\`, ASCII control characters and
/// the lead byte `0xC2` of the two-byte C1 controls (U+0080 to U+009F).
fn special(b: u8) -> bool {
    b < b' ' || matches!(b, b'"' | b'\\' | 0x7f | 0xc2)
}

/// [`quote`], appended to `out`. Text with no [`special`] byte, most of it, is found
/// eight bytes at a time ([`swar`]) and copied at once; otherwise the runs between
/// special bytes are.
fn push_quoted(out: &mut String, text: &str) {
    out.push('"');
    let bytes = text.as_bytes();
    let plain = !swar::words(bytes).any(|w| {
        swar::below(w, b' ')
            | swar::has(w, b'"')
            | swar::has(w, b'\\')
            | swar::has(w, 0x7f)
            | swar::has(w, 0xc2)
            != 0
    });
    if plain {
        out.push_str(text);
        out.push('"');
        return;
    }
    let (mut run, mut i) = (0, 0);
    while let Some(&b) = bytes.get(i) {
        if !special(b) {
            i += 1;
            continue;
        }
        out.push_str(text.get(run..i).unwrap_or_default());
        i += 1;
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => {
                if bytes.get(i) == Some(&b'\n') {
                    i += 1;
                }
                out.push_str("\\n");
            }
            b'\t' => out.push(' '),
            0xc2 => {
                // A two-byte character: a C1 control is dropped, anything else kept.
                if !matches!(bytes.get(i), Some(0x80..=0x9f)) {
                    out.push_str(text.get(i - 1..=i).unwrap_or_default());
                }
                i += 1;
            }
            // Other control characters, which no label can show.
            _ => {}
        }
        run = i;
    }
    out.push_str(text.get(run..).unwrap_or_default());
    out.push('"');
}

/// `[name="value" …]`, every value quoted.
fn push_attrs<'a>(out: &mut String, attrs: impl IntoIterator<Item = (&'a str, &'a str)>) {
    out.push('[');
    for (i, (name, value)) in attrs.into_iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(name);
        out.push('=');
        push_quoted(out, value);
    }
    out.push(']');
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

/// An actor's node statement at `indent`, with its line break.
fn actor_node(out: &mut String, indent: &str, n: &Node) {
    let (shape, fill, border) = kind_style(n.kind);
    let style = if n.kind == ActorKind::State {
        "rounded,filled"
    } else {
        "filled"
    };
    let label = format!("{}\n{}", n.name, n.id);
    let mut tip = format!("{} ({}, {})", n.name, n.id, n.kind.as_str());
    if let Some(d) = &n.description {
        tip.push_str(": ");
        tip.push_str(d);
    }
    out.push_str(indent);
    push_quoted(out, &n.id);
    push_attrs(
        out,
        [
            ("label", label.as_str()),
            ("shape", shape),
            ("style", style),
            ("fillcolor", fill),
            ("color", border),
            ("tooltip", tip.as_str()),
        ],
    );
    out.push('\n');
}

/// Edge statements and what the legend needs to know of them.
#[derive(Default)]
struct Edges {
    text: String,
    /// Which of [`POLARITIES`] appear.
    polarities: [bool; 4],
    derived: bool,
    /// Reused for each edge's label and tooltip.
    label: String,
    tip: String,
}

impl Edges {
    fn with_text(text: String) -> Edges {
        Edges {
            text,
            ..Edges::default()
        }
    }

    /// A link's edge statement, with its line break.
    fn link(&mut self, l: &Link) {
        let (color, style, arrow) = polarity_style(l.polarity);
        if let Some(seen) = POLARITIES
            .iter()
            .position(|&p| p == l.polarity)
            .and_then(|i| self.polarities.get_mut(i))
        {
            *seen = true;
        }
        self.derived |= l.derived;
        let label = &mut self.label;
        label.clear();
        label.push_str(l.label);
        label.push('\n');
        l.push_when(label);
        if l.derived {
            label.push_str(" (derived)");
        }
        if l.activity == Some(Activity::Maybe) {
            label.push_str("\n(maybe active then)");
        }
        let tip = &mut self.tip;
        tip.clear();
        tip.push_str(&l.id);
        if let Some(s) = l.summary {
            tip.push_str(": ");
            tip.push_str(s);
        }
        let out = &mut self.text;
        out.push_str("  ");
        push_quoted(out, l.from);
        out.push_str(" -> ");
        push_quoted(out, l.to);
        out.push(' ');
        let attrs = [
            ("label", label.as_str()),
            ("color", color),
            ("fontcolor", color),
            ("style", style),
            ("arrowhead", arrow),
        ];
        let dir = (!l.directed).then_some(("dir", "none"));
        push_attrs(
            out,
            attrs
                .into_iter()
                .chain(dir)
                .chain([("tooltip", tip.as_str())]),
        );
        out.push('\n');
    }
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

/// A legend of the kinds and polarities that appear (`polarities` as in [`Edges`]), as
/// one table-shaped node statement with its line break. Its text is fixed (kind and
/// polarity names), so it needs no escaping.
fn legend(out: &mut String, sel: &Selection, polarities: [bool; 4], derived: bool) {
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
    for (p, seen) in POLARITIES.into_iter().zip(polarities) {
        if seen {
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
        return;
    }
    if derived {
        rows.push_str(
            r#"
    <TR><TD COLSPAN="2" ALIGN="LEFT">(derived): a tie an event opened</TD></TR>"#,
        );
    }
    let _ = write!(
        out,
        r##"  "polity:legend"[shape="plaintext" fontsize="9" label=<<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="3" CELLPADDING="2" COLOR="#969696">
    <TR><TD COLSPAN="2"><B>Legend</B></TD></TR>{rows}
  </TABLE>>]
"##
    );
}

/// The selection as a DOT document, ending with a newline.
pub fn dot(sel: &Selection) -> String {
    // About what a node and an edge take, so the text is seldom moved as it grows.
    let mut out = String::with_capacity(4096 + 256 * sel.nodes.len() + 192 * sel.links.len());
    out.push_str("digraph \"polity\" {\n  graph");
    push_attrs(
        &mut out,
        [
            ("label", format!("polity: {}", sel.title()).as_str()),
            ("labelloc", "t"),
            ("fontname", FONT),
            ("rankdir", "LR"),
            ("newrank", "true"),
            ("nodesep", "0.4"),
            ("ranksep", "1.2"),
        ],
    );
    out.push_str("\n  node");
    push_attrs(&mut out, [("fontname", FONT), ("fontsize", "11")]);
    out.push_str("\n  edge");
    push_attrs(&mut out, [("fontname", FONT), ("fontsize", "9")]);
    out.push('\n');
    // Each cluster's members, in node order.
    let mut members: std::collections::BTreeMap<&str, Vec<&Node>> = sel
        .clusters
        .iter()
        .map(|c| (c.alliance.as_str(), Vec::new()))
        .collect();
    for n in &sel.nodes {
        if let Some(m) = n.cluster.as_deref().and_then(|c| members.get_mut(c)) {
            m.push(n);
        }
    }
    for c in &sel.clusters {
        out.push_str("  subgraph ");
        push_quoted(&mut out, &format!("cluster_{}", c.alliance));
        out.push_str(" {\n    graph");
        push_attrs(
            &mut out,
            [
                ("label", format!("{} ({})", c.name, c.alliance).as_str()),
                ("style", "rounded,filled"),
                ("fillcolor", "#fff5eb"),
                ("color", "#d94801"),
            ],
        );
        out.push('\n');
        for n in members.get(c.alliance.as_str()).into_iter().flatten() {
            actor_node(&mut out, "    ", n);
        }
        out.push_str("  }\n");
    }
    for n in sel.nodes.iter().filter(|n| n.cluster.is_none()) {
        actor_node(&mut out, "  ", n);
    }
    let parts = runs::write(
        sel.links.ixs(),
        Edges::with_text(out),
        Edges::default,
        |e, run| {
            for l in sel.links.resolve(run) {
                e.link(&l);
            }
            Ok::<(), std::convert::Infallible>(())
        },
    );
    let mut parts = match parts {
        Ok(parts) => parts.into_iter(),
        Err(never) => match never {},
    };
    let mut head = parts.next().unwrap_or_default();
    let rest: Vec<Edges> = parts.collect();
    head.text
        .reserve_exact(rest.iter().map(|e| e.text.len()).sum::<usize>() + 4096);
    for e in rest {
        head.text.push_str(&e.text);
        for (seen, also) in head.polarities.iter_mut().zip(e.polarities) {
            *seen |= also;
        }
        head.derived |= e.derived;
    }
    let mut out = head.text;
    legend(&mut out, sel, head.polarities, head.derived);
    out.push_str("}\n");
    out
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

    /// The escaping rules one character at a time, as [`quote`] states them.
    fn quote_by_chars(text: &str) -> String {
        let mut out = String::from('"');
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

    proptest! {
        #[test]
        fn prop_quote_copies_runs_as_the_rules_say(
            text in "\\PC*|[\"\\\\\n\r\t a-z\u{80}-\u{c0}\u{0}-\u{1f}\u{7f}–é]*",
        ) {
            prop_assert_eq!(quote(&text), quote_by_chars(&text));
        }

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
