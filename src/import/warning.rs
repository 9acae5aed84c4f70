//! What the reader of a report should know: one [`Kind`] per thing that would otherwise go
//! unnoticed, the message, and the cells it is about, as a spreadsheet addresses them.
//! The CLI prints the messages (under the table, or on stderr), the JSON carries the whole
//! objects, the page lists them, and the xlsx has them on its *Notes* sheet.

/// Cells named per warning; `count` says how many there are in all.
pub const NAMED: usize = 5;

/// What a warning is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Two columns look like the same role; one is used.
    AmbiguousColumn,
    /// Rows left out: totals, or rows with no numbers.
    RowsSkipped,
    /// Text or TRUE/FALSE where a number belongs.
    NonNumeric,
    /// Numbers outside a KPI's domain: a negative spend, more clicks than impressions.
    OutsideDomain,
    /// Header columns no role or grouping uses.
    UnusedColumns,
    /// Sheets of the workbook that were not read.
    SheetsNotRead,
    /// Sheets with the same header, read together.
    SheetsCombined,
    /// Spend and revenue headers name different currencies.
    CurrencyMismatch,
    /// Rows whose date cannot be read, reported by period in "(no date)".
    NoDate,
}

/// One warning.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Warning {
    /// What it is about.
    pub kind: Kind,
    /// The sentence shown to the user.
    pub message: String,
    /// The cells (`Jan!D3`) or rows (`Jan!7:7`) concerned, the first [`NAMED`] of them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cells: Vec<String>,
    /// How many cells or rows in all (0 when the warning is not about cells).
    #[serde(skip_serializing_if = "is_zero")]
    pub count: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Warning {
    /// A warning about no cells in particular.
    pub fn new(kind: Kind, message: impl Into<String>) -> Self {
        Warning { kind, message: message.into(), cells: Vec::new(), count: 0 }
    }

    /// A warning about `count` cells, of which `cells` are the first (at most [`NAMED`] kept).
    pub fn about(kind: Kind, message: impl Into<String>, mut cells: Vec<String>, count: usize) -> Self {
        cells.truncate(NAMED);
        Warning { kind, message: message.into(), cells, count }
    }
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// `cells` named for a message: `C3, C9` or `C3, C9, … and 12 more`.
pub fn list(cells: &[String], count: usize) -> String {
    let shown = cells.iter().take(NAMED).cloned().collect::<Vec<_>>().join(", ");
    match count.saturating_sub(NAMED.min(cells.len())) {
        0 => shown,
        more => format!("{shown} and {more} more"),
    }
}
