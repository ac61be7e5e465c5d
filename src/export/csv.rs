//! The spreadsheet export: `nodes.csv` and `edges.csv`.
//!
//! UTF-8 with a header row, the fields of [`super::fields`] as columns, written as the
//! csv crate's default writer writes them: cells separated by `,`, rows ended by `\n`, a
//! cell quoted exactly when it holds `,`, `"`, `\r` or `\n` (a quote doubled inside), and
//! a row of one empty cell written `""`. With `--excel` each file starts with a UTF-8
//! byte-order mark (Excel needs it to read accents) and any cell beginning with `=`, `+`,
//! `-`, `@`, a tab or a carriage return is prefixed with `'`, so no spreadsheet runs it as
//! a formula (CSV injection); without it, cells are exactly the facts, for programs.
//!
//! The rows are written here rather than by the csv crate: `edges.csv` may hold millions
//! of rows, and the crate's writer runs every byte through its quoting state machine and
//! wants each row as a record, where most cells need no quotes and can be copied at once.
//! The rules above are the crate's, and a property test checks that both write the same
//! bytes. Cells come as borrowed text ([`edge_cells`]), and a large table is written in
//! parallel ([`super::runs`]): a CSV row does not depend on the rows before it.

use std::borrow::Cow;
use std::convert::Infallible;

use super::fields::{EDGE_FIELDS, NODE_FIELDS, edge_cells, node_values};
use super::{Link, Links, Options, Selection, runs, swar};

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A cell a spreadsheet would not run as a formula.
fn neutralise(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// True when a cell holds a byte that makes it need quotes (`,`, `"`, `\r`, `\n`).
/// Looked at eight bytes at a time, as one integer ([`swar`]).
fn needs_quotes(cell: &[u8]) -> bool {
    swar::words(cell).any(|w| {
        swar::has(w, b',') | swar::has(w, b'"') | swar::has(w, b'\r') | swar::has(w, b'\n') != 0
    })
}

/// A CSV table being written into memory.
struct Table {
    out: Vec<u8>,
    excel: bool,
    /// Cells written in the current row.
    cells: usize,
    /// Where the current row starts in `out`.
    row_start: usize,
}

impl Table {
    fn new(out: Vec<u8>, excel: bool) -> Table {
        Table {
            row_start: out.len(),
            out,
            excel,
            cells: 0,
        }
    }

    /// A table starting with the byte-order mark (with `--excel`) and the header row.
    fn with_header(headers: &[&str], excel: bool) -> Table {
        let mut t = Table::new(if excel { BOM.to_vec() } else { Vec::new() }, excel);
        for h in headers {
            t.raw_cell(h.as_bytes());
        }
        t.end_row();
        t
    }

    /// A cell as it is.
    fn raw_cell(&mut self, cell: &[u8]) {
        if self.cells > 0 {
            self.out.push(b',');
        }
        self.cells += 1;
        if needs_quotes(cell) {
            self.out.push(b'"');
            for part in cell.split_inclusive(|&b| b == b'"') {
                self.out.extend_from_slice(part);
                if part.ends_with(b"\"") {
                    self.out.push(b'"');
                }
            }
            self.out.push(b'"');
        } else {
            self.out.extend_from_slice(cell);
        }
    }

    /// A cell, neutralised with `--excel`.
    fn cell(&mut self, text: &str) {
        if self.excel {
            self.raw_cell(neutralise(text).as_bytes());
        } else {
            self.raw_cell(text.as_bytes());
        }
    }

    fn end_row(&mut self) {
        // A row that is one empty cell would read as a blank line.
        if self.out.len() == self.row_start {
            self.out.extend_from_slice(b"\"\"");
        }
        self.out.push(b'\n');
        self.cells = 0;
        self.row_start = self.out.len();
    }

    /// Writes one row per link.
    fn links<'g>(&mut self, links: impl Iterator<Item = Link<'g>>) {
        let mut bufs = Default::default();
        for l in links {
            let _ = edge_cells(&l, &mut bufs, |c| {
                self.cell(c);
                Ok::<(), Infallible>(())
            });
            self.end_row();
        }
    }
}

/// `edges.csv`: the header, then the links' rows, written in parallel ([`runs`]).
fn edges(links: &Links, excel: bool) -> Vec<u8> {
    let head = Table::with_header(&EDGE_FIELDS, excel);
    let tables = match runs::write(
        links.ixs(),
        head,
        || Table::new(Vec::new(), excel),
        |t, run| {
            t.links(links.resolve(run));
            Ok::<(), Infallible>(())
        },
    ) {
        Ok(tables) => tables,
        Err(never) => match never {},
    };
    let mut parts = tables.into_iter().map(|t| t.out);
    let mut out = parts.next().unwrap_or_default();
    let rest: Vec<Vec<u8>> = parts.collect();
    out.reserve_exact(rest.iter().map(Vec::len).sum());
    for part in rest {
        out.extend_from_slice(&part);
    }
    out
}

/// The contents of `nodes.csv` and `edges.csv`, or of `edges.csv` alone, in the order of
/// [`super::Format::file_names`].
pub fn csv(sel: &Selection, opts: Options) -> Vec<Vec<u8>> {
    let mut files = Vec::new();
    if !opts.edges_only {
        let mut t = Table::with_header(&NODE_FIELDS, opts.excel);
        for n in &sel.nodes {
            for c in node_values(n) {
                t.cell(&c);
            }
            t.end_row();
        }
        files.push(t.out);
    }
    files.push(edges(&sel.links, opts.excel));
    files
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn neutralises_formula_cells_only() {
        assert_eq!(neutralise("=1+1"), "'=1+1");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("-2"), "'-2");
        assert_eq!(neutralise("Mali"), "Mali");
        assert_eq!(neutralise("a=b"), "a=b");
    }

    proptest! {
        #[test]
        fn prop_rows_are_what_the_csv_crate_writes(
            rows in prop::collection::vec(
                prop::collection::vec("\\PC*|[\",\r\n a-z]*", 1..4), 0..6),
        ) {
            let mut ours = Table::new(Vec::new(), false);
            let mut theirs = ::csv::WriterBuilder::new()
                .flexible(true)
                .from_writer(Vec::new());
            for row in &rows {
                for c in row {
                    ours.cell(c);
                }
                ours.end_row();
                theirs.write_record(row).unwrap();
            }
            prop_assert_eq!(ours.out, theirs.into_inner().unwrap());
        }
    }
}
