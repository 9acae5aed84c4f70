//! Header rows of the data sheets the importer recognises by name (journeys, customers):
//! one rule for comparing a header with the names it may have, and for reading a row as
//! a header.

use super::dataset::column_letters;
use super::error::ImportError;
use super::source::{Row, Rows};
use std::fmt;

/// How many non-blank rows of a sheet are searched for its header.
pub const HEAD_ROWS: usize = 100;

/// The first [`HEAD_ROWS`] rows of a sheet, where its header is looked for.
pub fn first_rows(rows: &mut dyn Rows) -> Result<Vec<Row>, ImportError> {
    let mut head = Vec::new();
    while head.len() < HEAD_ROWS {
        match rows.next_row()? {
            Some(r) => head.push(r),
            None => break,
        }
    }
    Ok(head)
}

/// A header reduced for comparison: lower case, letters and digits only (`Customer ID`,
/// `customer_id` and `customer-id` are one).
pub fn key(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// The field of `names` whose list holds `header` (by [`key`]), the first listed on a tie.
pub fn lookup<F: Copy>(names: &[(F, &[&str])], header: &str) -> Option<F> {
    let k = key(header);
    if k.is_empty() {
        return None;
    }
    names.iter().find(|(_, ns)| ns.iter().any(|n| key(n) == k)).map(|(f, _)| *f)
}

/// The first `n` names a field is known by, quoted, for messages.
pub fn names_of<F: PartialEq>(names: &[(F, &[&str])], f: F, n: usize) -> String {
    let list = names.iter().find(|(g, _)| *g == f).map_or(&[][..], |(_, ns)| *ns);
    list.iter().take(n).map(|s| format!("\"{s}\"")).collect::<Vec<_>>().join(", ")
}

/// A column found in a header row.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct FoundColumn<F> {
    /// What it holds.
    pub field: F,
    /// Its letters (`B`).
    pub column: String,
    /// Its header text.
    pub header: String,
    /// Its index, 0-based.
    #[serde(skip)]
    pub col: u32,
}

/// The columns a row names, when it reads as a header: more than half of its filled cells
/// text. A field named twice keeps its first column, with a warning naming both.
pub fn columns_of<F: Copy + PartialEq>(
    r: &Row,
    field_of: impl Fn(&str) -> Option<F>,
    name: impl Fn(F) -> &'static str,
) -> Option<(Vec<FoundColumn<F>>, Vec<String>)> {
    let (mut text, mut filled) = (0, 0);
    let mut columns: Vec<FoundColumn<F>> = Vec::new();
    let mut warnings = Vec::new();
    for (c, cell) in r.cells.iter().enumerate() {
        if cell.is_blank() {
            continue;
        }
        filled += 1;
        let Some(t) = cell.text() else { continue };
        text += 1;
        let Some(field) = field_of(t) else { continue };
        let found = FoundColumn { field, column: column_letters(c as u32), header: t.trim().to_string(), col: c as u32 };
        match columns.iter().find(|x| x.field == field) {
            Some(first) => warnings.push(format!(
                "column {} \"{}\" also looks like {}; using column {} \"{}\"",
                found.column,
                found.header,
                name(field),
                first.column,
                first.header
            )),
            None => columns.push(found),
        }
    }
    (2 * text > filled).then_some((columns, warnings))
}

/// A data cell that cannot be used, named as a spreadsheet user finds it.
#[derive(Clone, Debug, PartialEq)]
pub struct BadCell {
    /// The sheet.
    pub sheet: String,
    /// The cell's row, 1-based.
    pub row: u32,
    /// The column's letters.
    pub column: String,
    /// The column's header.
    pub header: String,
    /// What is wrong.
    pub detail: String,
}

impl BadCell {
    /// The cell of column `c` in sheet row `row` (0-based), and what is wrong with it.
    pub fn at<F>(sheet: &str, row: &Row, c: &FoundColumn<F>, detail: String) -> BadCell {
        BadCell { sheet: sheet.into(), row: row.index + 1, column: c.column.clone(), header: c.header.clone(), detail }
    }
}

impl fmt::Display for BadCell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let BadCell { sheet, row, column, header, detail } = self;
        write!(f, "sheet \"{sheet}\" row {row}, column {column} (\"{header}\"): {detail}")
    }
}

/// Lists, after a "no such data" message, the header-like texts each sheet had.
pub fn write_seen(f: &mut fmt::Formatter<'_>, seen: &[(String, Vec<String>)]) -> fmt::Result {
    for (sheet, texts) in seen {
        let shown: Vec<String> = texts.iter().take(12).map(|t| format!("\"{t}\"")).collect();
        write!(f, "\n  sheet \"{sheet}\": {}", if shown.is_empty() { "no header text".into() } else { shown.join(", ") })?;
    }
    Ok(())
}
