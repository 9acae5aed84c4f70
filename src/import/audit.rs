//! The formula audit: every cell whose formula calls one of our functions is evaluated
//! again from the cells it references and compared with the value the file has cached.

use super::audit_parse::{calls_in, from_opendocument, unwrap_sheets_export};
use super::dataset::column_letters;
use super::error::ImportError;
use super::report::Outcome;
use super::sniff::Format;
use super::source;
use crate::eval::{evaluate, Value};
use crate::table::TableCell;
use crate::formula::{self, Operand, Reference};
use crate::registry;
use crate::value::{Arg, Cell, Range};
use calamine::{Data, Reader};
use std::collections::HashMap;

/// What the audit found for one formula.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The cached value is what the formula gives now.
    Ok,
    /// The cached value differs: stale (inputs changed since) or wrong.
    Mismatch,
    /// The formula could not be evaluated here; see the note.
    NotEvaluated,
}

/// One audited formula.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Finding {
    /// The sheet.
    pub sheet: String,
    /// The cell address (`B7`).
    pub cell: String,
    /// The formula as stored (with `=`).
    pub formula: String,
    /// The verdict.
    pub status: Status,
    /// The value cached in the file.
    pub cached: Cell,
    /// What the formula gives now (when evaluated).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub computed: Option<Outcome>,
    /// Why it was not evaluated, or how the values differ.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The audit of a workbook.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Audit {
    /// The file format.
    pub format: Format,
    /// Every formula calling our functions, sheet by sheet, row by row.
    pub findings: Vec<Finding>,
    /// How many are current.
    pub ok: usize,
    /// How many are stale or wrong.
    pub mismatches: usize,
    /// How many could not be evaluated.
    pub not_evaluated: usize,
}

/// Ranges larger than this are not expanded (the formula is reported instead).
const MAX_RANGE_CELLS: u64 = 4_000_000;

/// The workbook being audited, with the value ranges of the sheets read so far.
struct Workbook<'a> {
    book: source::Book<'a>,
    format: Format,
    values: HashMap<String, calamine::Range<Data>>,
    names: Vec<String>,
}

impl Workbook<'_> {
    fn values(&mut self, sheet: &str) -> Option<&calamine::Range<Data>> {
        let name = self.names.iter().find(|n| n.eq_ignore_ascii_case(sheet))?.clone();
        if !self.values.contains_key(&name) {
            // CSV has no formulas, so nothing refers to its values.
            let source::Book::Sheets(s) = &mut self.book else { return None };
            let range = s.worksheet_range(&name).ok()?;
            self.values.insert(name.clone(), range);
        }
        self.values.get(&name)
    }

    fn formulas(&mut self, sheet: &str, max_cells: u64) -> Result<calamine::Range<String>, ImportError> {
        // Both ranges are laid out over their cells' bounding box: check it first.
        super::extent::check(&mut self.book, self.format, sheet, max_cells)?;
        match &mut self.book {
            source::Book::Sheets(s) => s.worksheet_formula(sheet).map_err(|e| source::read_error(self.format, e)),
            source::Book::Csv(_) => Ok(calamine::Range::empty()),
        }
    }
}

/// Audits every formula of `bytes` that calls one of our functions.
pub fn audit(bytes: &[u8], file_name: Option<&str>, max_cells: u64) -> Result<Audit, ImportError> {
    audit_within(bytes, file_name, super::Limits { cells: max_cells, ..super::Limits::default() })
}

/// [`audit`] within a full budget of cells and bytes.
pub fn audit_within(bytes: &[u8], file_name: Option<&str>, limits: super::Limits) -> Result<Audit, ImportError> {
    // A panic in the reader (calamine, on a damaged file) becomes a message.
    super::limits::contain(|| audit_contained(bytes, file_name, limits))
}

fn audit_contained(bytes: &[u8], file_name: Option<&str>, limits: super::Limits) -> Result<Audit, ImportError> {
    let max_cells = limits.cells;
    let opened = source::open(bytes, file_name, limits)?;
    let format = opened.format;
    let names = opened.book.sheet_names();
    let mut sheets = Workbook { book: opened.book, format, values: HashMap::new(), names: names.clone() };
    let mut findings = Vec::new();
    for sheet in &names {
        let formulas = sheets.formulas(sheet, max_cells)?;
        let (h, w) = formulas.get_size();
        source::check_size(sheet, h as u64, w as u64, max_cells)?;
        let (r0, c0) = formulas.start().unwrap_or((0, 0));
        for (r, c, text) in formulas.used_cells() {
            if text.is_empty() {
                continue;
            }
            let (row, col) = (r0 + r as u32, c0 + c as u32);
            let stored = if format == Format::Ods { from_opendocument(text) } else { text.clone() };
            let formula = unwrap_sheets_export(&stored);
            if calls_in(&formula).is_empty() {
                continue;
            }
            let cached = sheets.values(sheet).and_then(|v| v.get_value((row, col))).map_or(Cell::Empty, |d| {
                source::from_data(d).to_cell()
            });
            let mut f = Finding {
                sheet: sheet.clone(),
                cell: format!("{}{}", column_letters(col), row + 1),
                formula: format!("={}", text.trim_start_matches("of:").trim_start_matches('=')),
                status: Status::NotEvaluated,
                cached,
                computed: None,
                note: None,
            };
            match evaluate_call(&formula, sheet, &mut sheets) {
                Ok(result) => {
                    let same = same_value(&f.cached, &result);
                    f.status = if same { Status::Ok } else { Status::Mismatch };
                    if !same {
                        f.note = Some(format!("cached {}, computes {}", show_cell(&f.cached), show_result(&result)));
                    }
                    f.computed = Some(Outcome(result));
                }
                Err(why) => f.note = Some(why),
            }
            findings.push(f);
        }
    }
    let count = |s: Status| findings.iter().filter(|f| f.status == s).count();
    Ok(Audit {
        format,
        ok: count(Status::Ok),
        mismatches: count(Status::Mismatch),
        not_evaluated: count(Status::NotEvaluated),
        findings,
    })
}

/// Reads `formula` with the one formula reader and evaluates it from the workbook's cells.
fn evaluate_call(formula: &str, sheet: &str, sheets: &mut Workbook) -> Result<crate::KpiResult<Value>, String> {
    // Ours first: in `IFERROR(KPI.ROAS(…), 0)` the reason is the wrapper, not its argument.
    let function = formula::called_name(formula)
        .and_then(registry::find)
        .ok_or_else(|| "it does not start with a call of a KPI function".to_string())?;
    let call = formula::parse(formula).map_err(|e| e.message)?;
    let mut args = Vec::with_capacity(call.args.len());
    for op in call.args {
        args.push(match op {
            Operand::Value(a) => a,
            Operand::Ref(r) => resolve(&r, sheet, sheets)?,
        });
    }
    Ok(evaluate(function.id, &args))
}

fn resolve(r: &Reference, sheet: &str, sheets: &mut Workbook) -> Result<Arg, String> {
    let target = r.sheet.as_deref().unwrap_or(sheet);
    let values = sheets.values(target).ok_or_else(|| format!("it refers to sheet \"{target}\", which the file does not have"))?;
    let (end_row, _) = values.end().unwrap_or((0, 0));
    let last_row = r.end.0.min(end_row.max(r.start.0));
    let rows = (last_row - r.start.0) as u64 + 1;
    let cols = (r.end.1 - r.start.1) as u64 + 1;
    if rows * cols > MAX_RANGE_CELLS {
        return Err(format!("a range of {} cells is larger than the audit expands", rows * cols));
    }
    let cell = |row: u32, col: u32| values.get_value((row, col)).map_or(Cell::Empty, |d| source::from_data(d).to_cell());
    if rows == 1 && cols == 1 {
        return Ok(Arg::Cell(cell(r.start.0, r.start.1)));
    }
    let grid = (r.start.0..=last_row).map(|row| (r.start.1..=r.end.1).map(|col| cell(row, col)).collect()).collect();
    Ok(Arg::Range(Range::from_rows(grid)))
}

/// Equal as a spreadsheet shows them: numbers to 15 significant digits (the precision
/// Excel displays and LibreOffice stores cached values with), errors by code, text exactly.
fn same_value(cached: &Cell, result: &crate::KpiResult<Value>) -> bool {
    let digits15 = |x: f64| format!("{x:.14e}");
    match (cached, result) {
        (Cell::Number(a), Ok(Value::Number(b))) => a == b || digits15(*a) == digits15(*b),
        // Some writers store a cached error as its text.
        (Cell::Text(a), Err(e)) => crate::ErrorKind::from_code(a) == Some(e.kind),
        (Cell::Text(a), Ok(Value::Text(b))) => a == b,
        // A spilled table's formula cell holds its top-left cell: the first column's name.
        (Cell::Text(a), Ok(Value::Table(t))) => matches!(t.rows.first().and_then(|r| r.first()), Some(TableCell::Text(b)) if a == b),
        (Cell::Error(a), Err(e)) => *a == e.kind,
        _ => false,
    }
}

fn show_cell(c: &Cell) -> String {
    match c {
        Cell::Number(x) => crate::docs::format_number(*x),
        Cell::Text(t) => format!("\"{t}\""),
        Cell::Bool(b) => (if *b { "TRUE" } else { "FALSE" }).into(),
        Cell::Empty => "nothing".into(),
        Cell::Error(k) => k.code().into(),
    }
}

fn show_result(r: &crate::KpiResult<Value>) -> String {
    match r {
        Ok(Value::Number(x)) => crate::docs::format_number(*x),
        Ok(Value::Text(t)) => format!("\"{t}\""),
        Ok(Value::Table(t)) => format!("a table of {} rows", t.data().len()),
        Err(e) => format!("{} ({})", e.kind.code(), e.message),
    }
}
