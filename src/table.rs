//! Tables as values: what a function returns when its answer is a table that spills
//! (one row per channel, say), for every host alike.
//!
//! A table is a header row of column names, then rows of cells. Each cell is a number,
//! an owned text (a channel name taken from the input) or a spreadsheet error of its own;
//! one bad cell does not spoil the table. The registry declares a table function's columns
//! ([`crate::registry::Column`]): their names, kinds and, for columns computed by numeric
//! methods, the tolerance their examples are checked to.

use crate::error::KpiError;
use crate::exact::Exact;
use serde::Serialize;
use std::fmt::Write;

/// One cell of a table a KPI computed.
#[derive(Clone, Debug)]
pub enum OutCell {
    /// An exact number, handed on as its correctly rounded double.
    Exact(Exact),
    /// A number computed by a numeric method in double precision (a linear solve).
    Float(f64),
    /// A text, such as a channel name.
    Text(String),
    /// This cell's own error.
    Error(KpiError),
}

/// One cell of a table as every host receives it.
#[derive(Clone, Debug, PartialEq)]
pub enum TableCell {
    /// A number.
    Number(f64),
    /// A text.
    Text(String),
    /// A spreadsheet error with its message.
    Error(KpiError),
}

/// A table: `rows[0]` is the header (texts), then the data rows, all as wide as the header.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// The header row, then the data rows.
    pub rows: Vec<Vec<TableCell>>,
}

impl Table {
    /// The table of a KPI's output: the declared column names as the header; exact numbers
    /// correctly rounded, a non-finite one (beyond the double range) as that cell's `#NUM!`.
    pub fn of(columns: &[&str], rows: Vec<Vec<OutCell>>) -> Table {
        let header = columns
            .iter()
            .map(|c| TableCell::Text(c.to_string()))
            .collect();
        let mut out = Vec::with_capacity(rows.len() + 1);
        out.push(header);
        for row in rows {
            out.push(
                row.into_iter()
                    .map(|c| match c {
                        OutCell::Exact(x) => match crate::num::to_f64(&x) {
                            Ok(f) => TableCell::Number(f),
                            Err(e) => TableCell::Error(e),
                        },
                        OutCell::Float(f) if f.is_finite() => {
                            TableCell::Number(if f == 0.0 { 0.0 } else { f })
                        }
                        OutCell::Float(_) => TableCell::Error(KpiError::overflow()),
                        OutCell::Text(t) => TableCell::Text(t),
                        OutCell::Error(e) => TableCell::Error(e),
                    })
                    .collect(),
            );
        }
        Table { rows: out }
    }

    /// The data rows, without the header.
    pub fn data(&self) -> &[Vec<TableCell>] {
        self.rows.get(1..).unwrap_or(&[])
    }

    /// Number of columns.
    pub fn width(&self) -> usize {
        self.rows.first().map_or(0, Vec::len)
    }
}

impl Serialize for TableCell {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            TableCell::Number(x) => s.serialize_f64(*x),
            TableCell::Text(t) => s.serialize_str(t),
            TableCell::Error(e) => crate::eval::WireError {
                error: e.kind.code(),
                message: &e.message,
            }
            .serialize(s),
        }
    }
}

/// How many terminal columns `s` takes: East Asian wide characters count two.
pub fn display_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// How many terminal columns one character takes ([`display_width`]'s rule).
pub fn char_width(c: char) -> usize {
    if (c as u32) >= 0x1100 { 2 } else { 1 }
}

/// Whether a cell is laid out as a number (right-aligned): digits, a sign, or an error code.
fn is_numeric(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '#')
}

/// The part of a number from its decimal point on (`.70x` of `1.70x`), by which the
/// figures of a column line up; empty for whole numbers and error codes.
fn tail(s: &str) -> &str {
    if s.starts_with('#') {
        return "";
    }
    match s.find('.') {
        Some(i) if s[i + 1..].starts_with(|c: char| c.is_ascii_digit()) => &s[i..],
        _ => "",
    }
}

/// Per column, how wide its cells lay out and how wide the widest decimal tail is.
fn measure(head: &[String], rows: &[Vec<String>]) -> (Vec<usize>, Vec<usize>) {
    let mut tails = vec![0; head.len()];
    for r in rows {
        for (i, c) in r.iter().enumerate().skip(1) {
            if i < tails.len() && is_numeric(c) {
                tails[i] = tails[i].max(display_width(tail(c)));
            }
        }
    }
    let mut widths: Vec<usize> = head.iter().map(|h| display_width(h)).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(display_width(c) + aligned_pad(c, tails[i], i));
            }
        }
    }
    (widths, tails)
}

/// Spaces after a number so that its decimal point sits under the column's others.
fn aligned_pad(c: &str, column_tail: usize, i: usize) -> usize {
    if i == 0 || !is_numeric(c) || c.starts_with('#') {
        return 0;
    }
    column_tail - display_width(tail(c))
}

/// The width each column of the table takes when laid out by [`layout`].
pub fn column_widths(head: &[String], rows: &[Vec<String>]) -> Vec<usize> {
    measure(head, rows).0
}

/// Lays out a header and rows of texts as aligned columns for a terminal: text left,
/// numbers right with their decimal points lined up, error codes right, East Asian wide
/// characters counted as two columns.
pub fn layout(out: &mut String, head: &[String], rows: &[Vec<String>]) {
    let (widths, tails) = measure(head, rows);
    let emit = |out: &mut String, cells: &[String], is_head: bool| {
        let mut line = String::new();
        for (i, c) in cells.iter().enumerate() {
            let after = if is_head {
                0
            } else {
                aligned_pad(c, tails.get(i).copied().unwrap_or(0), i)
            };
            let pad = widths
                .get(i)
                .copied()
                .unwrap_or(0)
                .saturating_sub(display_width(c) + after);
            if i > 0 {
                line.push_str("  ");
            }
            if i > 0 && is_numeric(c) {
                line.push_str(&" ".repeat(pad));
                line.push_str(c);
                line.push_str(&" ".repeat(after));
            } else {
                line.push_str(c);
                line.push_str(&" ".repeat(pad));
            }
        }
        let _ = writeln!(out, "{}", line.trim_end());
    };
    emit(out, head, true);
    let _ = writeln!(
        out,
        "{}",
        widths
            .iter()
            .map(|w| "-".repeat(*w))
            .collect::<Vec<_>>()
            .join("  ")
    );
    for r in rows {
        emit(out, r, false);
    }
}

impl Table {
    /// The table as aligned text (header, rule, rows), numbers in shortest round-trip digits:
    /// how `sheetkpi eval` prints a table.
    pub fn aligned(&self) -> String {
        let text = |c: &TableCell| match c {
            TableCell::Number(x) => crate::docs::format_number(*x),
            TableCell::Text(t) => t.clone(),
            TableCell::Error(e) => e.kind.code().to_string(),
        };
        let head: Vec<String> = self
            .rows
            .first()
            .map(|r| r.iter().map(text).collect())
            .unwrap_or_default();
        let rows: Vec<Vec<String>> = self
            .data()
            .iter()
            .map(|r| r.iter().map(text).collect())
            .collect();
        let mut out = String::new();
        layout(&mut out, &head, &rows);
        out
    }
}

/// A table on the wire: an array of rows, the header first.
impl Serialize for Table {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.rows.serialize(s)
    }
}
