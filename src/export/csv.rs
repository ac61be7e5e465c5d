//! The spreadsheet export: `nodes.csv` and `edges.csv`.
//!
//! UTF-8 with a header row, the fields of [`super::fields`] as columns; the csv crate
//! quotes exactly the cells that need it. With `--excel` each file starts with a UTF-8
//! byte-order mark (Excel needs it to read accents) and any cell beginning with `=`, `+`,
//! `-`, `@`, a tab or a carriage return is prefixed with `'`, so no spreadsheet runs it as
//! a formula (CSV injection); without it, cells are exactly the facts, for programs.

use super::fields::{EDGE_FIELDS, NODE_FIELDS, edge_values, node_values};
use super::{ExportError, Options, Selection};

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A cell a spreadsheet would not run as a formula.
fn neutralise(cell: String) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell
    }
}

fn table(
    headers: &[&str],
    rows: impl Iterator<Item = Vec<String>>,
    excel: bool,
) -> Result<Vec<u8>, ExportError> {
    let err = |e: csv::Error| ExportError::Write(e.to_string());
    let mut w = csv::Writer::from_writer(if excel { BOM.to_vec() } else { Vec::new() });
    w.write_record(headers).map_err(err)?;
    for row in rows {
        let row: Vec<String> = if excel {
            row.into_iter().map(neutralise).collect()
        } else {
            row
        };
        w.write_record(&row).map_err(err)?;
    }
    w.into_inner()
        .map_err(|e| ExportError::Write(e.to_string()))
}

/// The contents of `nodes.csv` and `edges.csv`, or of `edges.csv` alone, in the order of
/// [`super::Format::file_names`].
pub fn csv(sel: &Selection, opts: Options) -> Result<Vec<Vec<u8>>, ExportError> {
    let mut files = Vec::new();
    if !opts.edges_only {
        files.push(table(
            &NODE_FIELDS,
            sel.nodes.iter().map(node_values),
            opts.excel,
        )?);
    }
    files.push(table(
        &EDGE_FIELDS,
        sel.links.iter().map(edge_values),
        opts.excel,
    )?);
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neutralises_formula_cells_only() {
        assert_eq!(neutralise("=1+1".to_owned()), "'=1+1");
        assert_eq!(neutralise("@SUM(A1)".to_owned()), "'@SUM(A1)");
        assert_eq!(neutralise("-2".to_owned()), "'-2");
        assert_eq!(neutralise("Mali".to_owned()), "Mali");
        assert_eq!(neutralise("a=b".to_owned()), "a=b");
    }
}
