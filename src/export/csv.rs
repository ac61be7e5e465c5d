//! The spreadsheet export: `nodes.csv` and `edges.csv`.
//!
//! UTF-8 with a header row; one row per relation and one per derived tie (marked in the
//! `derived` column); dates as ISO `YYYY-MM-DD` (the first day of the date as written)
//! with a precision column beside each, and the dates as written in EDTF in `when`; lists
//! joined with `; `. The csv crate quotes exactly the cells that need it. With `--excel`
//! the files start with a UTF-8 byte-order mark (Excel needs it to read accents) and any
//! cell beginning with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with `'`
//! so no spreadsheet runs it as a formula (CSV injection); without it, cells are exactly
//! the facts, for programs.

use super::fields::{EDGE_FIELDS, NODE_FIELDS, edge_values, node_values};
use super::{ExportError, File, Options, Selection};

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

/// `nodes.csv` and `edges.csv`, or `edges.csv` alone.
pub fn csv(sel: &Selection, opts: Options) -> Result<Vec<File>, ExportError> {
    let mut files = Vec::new();
    if !opts.edges_only {
        files.push(File {
            name: "nodes.csv".to_owned(),
            bytes: table(&NODE_FIELDS, sel.nodes.iter().map(node_values), opts.excel)?,
        });
    }
    files.push(File {
        name: "edges.csv".to_owned(),
        bytes: table(&EDGE_FIELDS, sel.links.iter().map(edge_values), opts.excel)?,
    });
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
