//! The Neo4j export: the CSV files `neo4j-admin database import` takes.
//!
//! - `neo4j-actors.csv`: `id:ID(Actor)`, `:LABEL` (`Actor` and the kind, e.g.
//!   `Actor;State`), then the typed properties of [`super::props::NODE_PROPS`] and a
//!   `name_<tag>` column per language.
//! - `neo4j-sources.csv`: `id:ID(Source)`, `:LABEL` (`Source`), the source's properties.
//! - `neo4j-relations.csv`: `:START_ID(Actor)`, `:END_ID(Actor)`, `:TYPE` (the relation
//!   type id, as written), then [`super::props::LINK_PROPS`]: every relation and every
//!   derived tie (`derived` = true), with `sources` naming the `Source` nodes it rests on.
//!
//! A property graph cannot link a node to a relationship, so a relationship names its
//! sources by id (`sources:string[]`); `MATCH (s:Source) WHERE s.id IN r.sources` joins
//! them. Lists are joined with `;`, neo4j-admin's default array delimiter; an absent value
//! is an empty cell, which neo4j-admin leaves unset. The header types are the ones
//! neo4j-admin reads (`string`, `boolean`, `date`, `string[]`).

use super::props::{
    self, Kind, LINK_PROPS, NODE_PROPS, SOURCE_PROPS, Value, kind_label, link_values, node_values,
    source_values,
};
use super::{ExportError, Selection};

/// The files written, in order.
pub const FILES: [&str; 3] = [
    "neo4j-actors.csv",
    "neo4j-sources.csv",
    "neo4j-relations.csv",
];

/// neo4j-admin's default array delimiter.
const ARRAY_DELIMITER: &str = ";";

fn cell(v: Value) -> String {
    match v {
        Value::Text(t) | Value::Date(t) => t.unwrap_or_default(),
        Value::Bool(b) => b.to_string(),
        Value::List(items) => items.join(ARRAY_DELIMITER),
    }
}

fn header(name: &str, kind: Kind) -> String {
    format!("{name}:{}", kind.neo4j())
}

fn table(
    headers: &[String],
    rows: impl Iterator<Item = Vec<String>>,
) -> Result<Vec<u8>, ExportError> {
    let err = |e: csv::Error| ExportError::Write(e.to_string());
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(headers).map_err(err)?;
    for row in rows {
        w.write_record(&row).map_err(err)?;
    }
    w.into_inner()
        .map_err(|e| ExportError::Write(e.to_string()))
}

/// The contents of the files of [`FILES`], in order.
pub fn neo4j(sel: &Selection) -> Result<Vec<Vec<u8>>, ExportError> {
    let languages = props::languages(sel);
    let mut actor_headers = vec!["id:ID(Actor)".to_owned(), ":LABEL".to_owned()];
    actor_headers.extend(NODE_PROPS.iter().map(|&(n, k)| header(n, k)));
    actor_headers.extend(
        languages
            .iter()
            .map(|l| header(&props::name_property(l), Kind::Text)),
    );
    let actors = table(
        &actor_headers,
        sel.nodes.iter().map(|n| {
            let mut row = vec![n.id.clone(), format!("Actor;{}", kind_label(n.kind))];
            row.extend(node_values(n, &languages).into_iter().map(cell));
            row
        }),
    )?;

    let mut source_headers = vec!["id:ID(Source)".to_owned(), ":LABEL".to_owned()];
    source_headers.extend(SOURCE_PROPS.iter().map(|&(n, k)| header(n, k)));
    let sources = table(
        &source_headers,
        props::sources(sel).iter().map(|s| {
            let mut row = vec![s.id.clone(), "Source".to_owned()];
            row.extend(source_values(s).into_iter().map(cell));
            row
        }),
    )?;

    let mut rel_headers = vec![
        ":START_ID(Actor)".to_owned(),
        ":END_ID(Actor)".to_owned(),
        ":TYPE".to_owned(),
    ];
    rel_headers.extend(LINK_PROPS.iter().map(|&(n, k)| header(n, k)));
    let relations = table(
        &rel_headers,
        sel.links.iter().map(|l| {
            let mut row = vec![l.from.to_owned(), l.to.to_owned(), l.ty.to_owned()];
            row.extend(link_values(&l).into_iter().map(cell));
            row
        }),
    )?;
    Ok(vec![actors, sources, relations])
}
