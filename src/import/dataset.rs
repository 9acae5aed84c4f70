//! The imported data: the mapped columns of one sheet, stored column by column.

use super::roles::Role;
use super::sniff::Format;
use crate::bind::ArgView;
use crate::value::Cell;

/// Numbers-only columns are kept as plain `f64` (NaN for a blank) until a cell
/// that is not a number arrives: a million-row column then costs 8 MB, not 32.
#[derive(Clone, Debug)]
pub enum ColumnData {
    /// Only numbers and blanks so far (blank = NaN).
    Numbers(Vec<f64>),
    /// Any cells.
    Cells(Vec<Cell>),
}

impl ColumnData {
    /// Appends a cell.
    pub fn push(&mut self, cell: Cell) {
        if let ColumnData::Numbers(v) = self {
            match cell {
                // NaN is the blank marker, so a NaN value (never typed in a sheet) forces the cell form.
                Cell::Number(x) if !x.is_nan() => return v.push(x),
                Cell::Empty => return v.push(f64::NAN),
                _ => {
                    let cells = v.iter().map(|&x| if x.is_nan() { Cell::Empty } else { Cell::Number(x) }).collect();
                    *self = ColumnData::Cells(cells);
                }
            }
        }
        if let ColumnData::Cells(v) = self {
            v.push(cell);
        }
    }
    /// Number of rows.
    pub fn len(&self) -> usize {
        match self {
            ColumnData::Numbers(v) => v.len(),
            ColumnData::Cells(v) => v.len(),
        }
    }
    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Row `i` as a cell.
    pub fn cell(&self, i: usize) -> Cell {
        match self {
            ColumnData::Numbers(v) => match v.get(i) {
                Some(x) if !x.is_nan() => Cell::Number(*x),
                _ => Cell::Empty,
            },
            ColumnData::Cells(v) => v.get(i).cloned().unwrap_or(Cell::Empty),
        }
    }
    /// The rows whose cell is text or TRUE/FALSE where a number belongs, with the cell:
    /// the report leaves them out of group and total sums and names them in a warning.
    pub fn non_numbers(&self) -> Vec<(usize, &Cell)> {
        match self {
            ColumnData::Numbers(_) => Vec::new(),
            ColumnData::Cells(v) => v.iter().enumerate().filter(|(_, c)| matches!(c, Cell::Text(_) | Cell::Bool(_))).collect(),
        }
    }
    /// The rows `idx` gathered for a group's or the total's range argument: numbers and
    /// error cells, text and TRUE/FALSE left out (numbers only when possible).
    pub fn gather(&self, idx: Option<&[usize]>) -> Gathered {
        match self {
            ColumnData::Numbers(v) => {
                let values: Vec<f64> = match idx {
                    Some(idx) => idx.iter().map(|&i| v[i]).filter(|x| !x.is_nan()).collect(),
                    None => v.iter().copied().filter(|x| !x.is_nan()).collect(),
                };
                Gathered::Numbers { values, cells: idx.map_or(v.len(), <[usize]>::len) }
            }
            // Text and TRUE/FALSE are left out, as a spreadsheet's SUM leaves them out
            // (the report's rule for group and total sums; see `non_numbers`).
            ColumnData::Cells(v) => {
                let number_or_error = |c: &Cell| match c {
                    Cell::Text(_) | Cell::Bool(_) => Cell::Empty,
                    other => other.clone(),
                };
                Gathered::Cells(match idx {
                    Some(idx) => idx.iter().map(|&i| number_or_error(&v[i])).collect(),
                    None => v.iter().map(number_or_error).collect(),
                })
            }
        }
    }
}

/// A column's cells for a group, owned, viewable as a range argument.
#[derive(Clone, Debug)]
pub enum Gathered {
    /// The numbers of a range whose other cells are blank.
    Numbers {
        /// The numbers.
        values: Vec<f64>,
        /// How many cells the range has, blanks included.
        cells: usize,
    },
    /// Any cells.
    Cells(Vec<Cell>),
}

impl Gathered {
    /// The range argument.
    pub fn view(&self) -> ArgView<'_> {
        match self {
            Gathered::Numbers { values, cells } => ArgView::Numbers { values, cells: *cells },
            Gathered::Cells(c) => ArgView::Cells(c),
        }
    }
}

/// One column of the header row and what it was taken for.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct MappedColumn {
    /// Column letter in the sheet (`B`).
    pub column: String,
    /// The header text.
    pub header: String,
    /// The role, if the column was recognised or mapped.
    pub role: Option<Role>,
    /// Who gave it the role (`"header"` or `"user"`; `null` with no role).
    pub by: Option<MappingOrigin>,
}

/// How a column got its role: the same words on every surface, whatever control the
/// user chose it with (`--map` in the CLI, the column's list on the page).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MappingOrigin {
    /// Recognised from the column's header text.
    Header,
    /// Chosen by the user.
    User,
}

/// A measure column (summed by KPIs).
#[derive(Clone, Debug)]
pub struct Measure {
    /// Its role.
    pub role: Role,
    /// The header text.
    pub header: String,
    /// 0-based column in the sheet.
    pub col: u32,
    /// The cells.
    pub data: ColumnData,
}

/// A label column (channel, campaign, date or the `--group-by` column).
#[derive(Clone, Debug)]
pub struct Label {
    /// Its role, or `None` for a `--group-by` column with no role.
    pub role: Option<Role>,
    /// The header text.
    pub header: String,
    /// 0-based column in the sheet.
    pub col: u32,
    /// The cell texts.
    pub values: super::label_values::LabelValues,
}

/// Where the data came from.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct SourceInfo {
    /// The file format.
    pub format: Format,
    /// The sheet read.
    pub sheet: String,
    /// The Excel table read, if the data came from one.
    pub table: Option<String>,
    /// The header row's number in the sheet (1-based).
    pub header_row: u32,
    /// Number of data rows read.
    pub rows: usize,
    /// The sheets (or files) read together, when there are several, in order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub combined: Vec<String>,
}

/// Everything read from the workbook.
#[derive(Clone, Debug)]
pub struct Dataset {
    /// Where it came from.
    pub source: SourceInfo,
    /// Every header-row column and its role.
    pub columns: Vec<MappedColumn>,
    /// The measure columns, in [`Role::ALL`] order.
    pub measures: Vec<Measure>,
    /// The label columns.
    pub labels: Vec<Label>,
    /// The label column to group by, if any.
    pub group_by: Option<usize>,
    /// The 1-based sheet row of each data row.
    pub rows: Vec<u32>,
    /// Things the user should know (skipped rows, duplicate columns, sheets not read).
    pub warnings: Vec<super::warning::Warning>,
    /// Per row, what its cell addresses start with (`Feb!`), when the rows come from
    /// several sheets or files ([`super::combine`]); `None`: every row's is the source's.
    pub places: Option<super::label_values::LabelValues>,
    /// The calendar period grouped by, if any ([`super::periods`]).
    pub period: Option<super::periods::Period>,
}

impl Dataset {
    /// What the cell addresses of row `i` start with: `Jan!`, `[b.csv]`, or nothing for a CSV.
    pub fn place(&self, i: usize) -> std::borrow::Cow<'_, str> {
        match &self.places {
            Some(p) => p.get(i).unwrap_or_default().into(),
            None => cell_prefix(self.source.format, &self.source.sheet).into(),
        }
    }
}

impl Dataset {
    /// The measure column of `role`, if present.
    pub fn measure(&self, role: Role) -> Option<usize> {
        self.measures.iter().position(|m| m.role == role)
    }
}

/// What starts a cell address of the sheet read: [`sheet_ref`], or nothing for a CSV file
/// (its one sheet has no name a spreadsheet would show).
pub fn cell_prefix(format: super::sniff::Format, sheet: &str) -> String {
    if format == super::sniff::Format::Csv {
        String::new()
    } else {
        sheet_ref(sheet)
    }
}

/// A sheet's name as a cell address starts with it: `Jan!`, or `'Mars 2024'!` with the
/// quotes a spreadsheet needs for a name that is not a plain word (an inner `'` doubled).
pub fn sheet_ref(name: &str) -> String {
    let plain = name.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '.');
    if plain {
        format!("{name}!")
    } else {
        format!("'{}'!", name.replace('\'', "''"))
    }
}

/// The letters of a 0-based column: 0 → `A`, 27 → `AB`.
pub fn column_letters(col: u32) -> String {
    let mut n = col as u64 + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = ((n - 1) % 26) as u8;
        out.push(b'A' + r);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// A cell address such as `AB12` or `$A$1` as 0-based `(row, col)`: the formula
/// reader's own rule, so the importer and the audit read addresses alike.
pub fn parse_cell_ref(s: &str) -> Option<(u32, u32)> {
    crate::formula::cell_address(s.trim())
}
