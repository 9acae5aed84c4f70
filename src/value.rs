//! What a spreadsheet can send: single cells and 2-D ranges of them.

use crate::error::ErrorKind;

/// One spreadsheet cell value.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// A number (a date is a number too: its serial day).
    Number(f64),
    /// Text.
    Text(String),
    /// TRUE or FALSE.
    Bool(bool),
    /// A blank cell, or an omitted argument.
    Empty,
    /// A cell that already shows an error.
    Error(ErrorKind),
}

/// One argument of a function call: a single value or a rectangular range.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    /// A single value.
    Cell(Cell),
    /// A range, row by row: `rows × cols` cells.
    Range(Range),
}

/// A rectangular block of cells, stored row-major.
#[derive(Clone, Debug, PartialEq)]
pub struct Range {
    rows: usize,
    cols: usize,
    cells: Vec<Cell>,
}

impl Range {
    /// Builds a range from rows. Ragged rows are padded with empty cells, as a spreadsheet's
    /// rectangular selection would be; only a JS caller can send those (hosts send rectangular
    /// ranges). The formula reader refuses a ragged array before it gets here
    /// ([`crate::formula::rectangular`]).
    pub fn from_rows(rows: Vec<Vec<Cell>>) -> Range {
        let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
        let nrows = rows.len();
        let mut cells = Vec::with_capacity(nrows * cols);
        for mut row in rows {
            row.resize(cols, Cell::Empty);
            cells.extend(row);
        }
        Range { rows: nrows, cols, cells }
    }

    /// A one-column range.
    pub fn column(cells: Vec<Cell>) -> Range {
        Range { rows: cells.len(), cols: 1, cells }
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.rows
    }
    /// Number of columns.
    pub fn cols(&self) -> usize {
        self.cols
    }
    /// All cells, row by row.
    pub fn cells(&self) -> &[Cell] {
        &self.cells
    }
}

impl Cell {
    /// The one blank rule for every host and the importer: an empty cell, an omitted
    /// argument, or text of nothing but whitespace (Sheets sends blank cells as `""`, and a
    /// cell holding a stray space looks blank to the person who reads the sheet).
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }
}

impl Arg {
    /// A number argument.
    pub fn num(x: f64) -> Arg {
        Arg::Cell(Cell::Number(x))
    }
    /// An omitted argument.
    pub fn empty() -> Arg {
        Arg::Cell(Cell::Empty)
    }
    /// A one-column range of numbers.
    pub fn column(xs: &[f64]) -> Arg {
        Arg::Range(Range::column(xs.iter().map(|&x| Cell::Number(x)).collect()))
    }
    /// The cells this argument holds: one for a single value.
    pub fn cells(&self) -> &[Cell] {
        match self {
            Arg::Cell(c) => std::slice::from_ref(c),
            Arg::Range(r) => r.cells(),
        }
    }
}

/// Cells serialize as JSON-shaped values: number, string, boolean, `null` for blank,
/// and `{"error": "#REF!"}` for an error cell. This is also the shape JS hosts send.
impl serde::Serialize for Cell {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        match self {
            Cell::Number(x) => s.serialize_f64(*x),
            Cell::Text(t) => s.serialize_str(t),
            Cell::Bool(b) => s.serialize_bool(*b),
            Cell::Empty => s.serialize_unit(),
            Cell::Error(k) => {
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry("error", k.code())?;
                m.end()
            }
        }
    }
}

/// A range serializes as an array of rows.
impl serde::Serialize for Arg {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        match self {
            Arg::Cell(c) => c.serialize(s),
            Arg::Range(r) => {
                let mut seq = s.serialize_seq(Some(r.rows))?;
                if r.cols > 0 {
                    for row in r.cells.chunks(r.cols) {
                        seq.serialize_element(row)?;
                    }
                }
                seq.end()
            }
        }
    }
}
