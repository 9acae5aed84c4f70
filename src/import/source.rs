//! Opening a workbook from bytes and reading its sheets row by row.
//!
//! The format is recognised from the bytes (not the file name), so a renamed file is
//! still read and a non-workbook gets a clear message. xlsx and xlsb sheets are
//! streamed cell by cell (their declared size is checked before the first cell); xls
//! and ods sheets are loaded by calamine and checked before use; csv is parsed by the
//! `csv` crate.

use super::error::ImportError;
use super::sniff::{sniff, Format};
use crate::error::ErrorKind;
use crate::value::Cell;
use calamine::{CellErrorType, Data, DataType, Dimensions, Reader, Sheets};
use std::io::{Cursor, Read, Seek, SeekFrom};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// One source cell: a spreadsheet value, or a date (kept as its serial and as text).
#[derive(Clone, Debug, PartialEq)]
pub enum Raw {
    /// Any value but a date.
    Cell(Cell),
    /// A date cell: the serial number formulas see, and `YYYY-MM-DD[ hh:mm:ss]`.
    Date {
        /// The serial day number as stored in the file (1904-based in 1904 workbooks).
        serial: f64,
        /// The calendar date.
        iso: String,
    },
}

impl Raw {
    /// Whether the cell is blank, by the one rule ([`Cell::is_blank`]).
    pub fn is_blank(&self) -> bool {
        matches!(self, Raw::Cell(c) if c.is_blank())
    }
    /// The text of a text cell.
    pub fn text(&self) -> Option<&str> {
        match self {
            Raw::Cell(Cell::Text(t)) => Some(t),
            _ => None,
        }
    }
    /// The value a formula sees: dates are their serial number.
    pub fn to_cell(&self) -> Cell {
        match self {
            Raw::Cell(c) => c.clone(),
            Raw::Date { serial, .. } => Cell::Number(*serial),
        }
    }
    /// The value as a label: text as is, dates as `YYYY-MM-DD`, numbers shortest.
    pub fn label(&self) -> String {
        match self {
            Raw::Cell(Cell::Text(t)) => t.trim().to_string(),
            Raw::Cell(Cell::Number(x)) => crate::docs::format_number(*x),
            Raw::Cell(Cell::Bool(b)) => (if *b { "TRUE" } else { "FALSE" }).to_string(),
            Raw::Cell(Cell::Error(k)) => k.code().to_string(),
            Raw::Cell(Cell::Empty) => String::new(),
            Raw::Date { iso, .. } => iso.clone(),
        }
    }
}

/// One sheet row: its 0-based index and its cells from column A on.
#[derive(Clone, Debug, Default)]
pub struct Row {
    /// 0-based row index in the sheet.
    pub index: u32,
    /// Cells from column A; missing trailing cells are blank.
    pub cells: Vec<Raw>,
}

impl Row {
    /// The cell in 0-based column `col` (blank if absent).
    pub fn get(&self, col: u32) -> &Raw {
        static BLANK: Raw = Raw::Cell(Cell::Empty);
        self.cells.get(col as usize).unwrap_or(&BLANK)
    }
    /// Whether every cell is blank.
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(Raw::is_blank)
    }
}

/// A stream of rows in sheet order.
pub trait Rows {
    /// The next non-empty row, or `None` at the end of the sheet.
    fn next_row(&mut self) -> Result<Option<Row>, ImportError>;
    /// The number of rows the sheet declares, if known (for progress).
    fn declared_rows(&self) -> Option<u64>;
}

/// An opened workbook: a spreadsheet in calamine's own [`Sheets`], or CSV text.
///
/// Read it through [`Reader`] (owned ranges), never calamine's `ReaderRef`: `Sheets`
/// implements that with `unimplemented!()` (a panic) for xls and ods.
pub enum Book<'a> {
    /// xlsx, xlsm, xlsb, xls or ods. Boxed: calamine's readers are large beside a `String`.
    Sheets(Box<Sheets<Tracked<'a>>>),
    /// CSV text (already decoded to UTF-8).
    Csv(String),
}

/// The workbook and what it is.
pub struct Opened<'a> {
    /// The format recognised.
    pub format: Format,
    /// The reader.
    pub book: Book<'a>,
    /// Where calamine's latest read of the bytes began.
    pub reads: ReadMark,
}

/// Where the latest read of a [`Tracked`] began, shared with the reader calamine owns.
#[derive(Clone, Debug, Default)]
pub struct ReadMark(Arc<AtomicU64>);

impl ReadMark {
    /// The byte offset at which the latest read began.
    pub fn last(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
    /// Forgets the latest read ([`ReadMark::last`] is `u64::MAX` until the next one), so
    /// that a stale offset is never taken for a new read.
    pub fn reset(&self) {
        self.0.store(u64::MAX, Ordering::Relaxed);
    }
}

/// The workbook's bytes as calamine reads them, noting where each read begins. Right
/// after calamine opens a sheet, that offset lies inside the sheet's zip entry: how
/// [`super::merges`] finds the very part calamine streams, without repeating calamine's
/// own mapping from sheet names to parts (which it does not expose).
pub struct Tracked<'a> {
    cursor: Cursor<&'a [u8]>,
    mark: ReadMark,
}

impl Read for Tracked<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.mark.0.store(self.cursor.position(), Ordering::Relaxed);
        self.cursor.read(buf)
    }
}

impl Seek for Tracked<'_> {
    fn seek(&mut self, pos: SeekFrom) -> std::io::Result<u64> {
        self.cursor.seek(pos)
    }
}

/// An error calamine gives while opening or reading: a password means the file is
/// encrypted; anything else, that it is damaged.
pub fn read_error(format: Format, e: calamine::Error) -> ImportError {
    use calamine::{Error as E, OdsError, XlsError, XlsbError, XlsxError};
    let detail = match e {
        E::Xlsx(XlsxError::Password)
        | E::Xlsb(XlsbError::Password)
        | E::Xls(XlsError::Password)
        | E::Ods(OdsError::Password) => return ImportError::Encrypted,
        // The message names the format already: the reader's own words, without
        // calamine's "Xlsx error: " prefix.
        E::Xlsx(e) => e.to_string(),
        E::Xlsb(e) => e.to_string(),
        E::Xls(e) => e.to_string(),
        E::Ods(e) => e.to_string(),
        e => e.to_string(),
    };
    ImportError::Corrupt { format: format.name().to_string(), detail }
}

/// Opens `bytes` with calamine's reader `R`, its reads noted in `mark`.
fn read<'a, R>(format: Format, bytes: &'a [u8], mark: &ReadMark) -> Result<R, ImportError>
where
    R: Reader<Tracked<'a>>,
    calamine::Error: From<R::Error>,
{
    R::new(Tracked { cursor: Cursor::new(bytes), mark: mark.clone() }).map_err(|e| read_error(format, e.into()))
}

/// Opens `bytes` as a workbook. `name` (a file name) only breaks ties for CSV.
///
/// The format comes from our own [`sniff`] (which also runs the pre-read safety checks
/// calamine needs, such as the compound-file check for xls), not from calamine's
/// trial-and-error auto-detection.
///
/// Before calamine reads anything, the file's claims are checked against `limits`:
/// zip parts' inflated sizes, shared-string counts and xlsb record lengths
/// ([`super::zip_check`]), ods repeat counts ([`super::ods_check`]), xls dimensions
/// and cell extents ([`super::biff_check`]).
pub fn open<'a>(bytes: &'a [u8], name: Option<&str>, limits: super::Limits) -> Result<Opened<'a>, ImportError> {
    let format = sniff(bytes, name)?;
    match format {
        Format::Xlsx | Format::Xlsm | Format::Xlsb | Format::Ods => super::zip_check::check(bytes, format, limits)?,
        Format::Xls => {
            if let Some(stream) = super::cfb_check::workbook_stream(bytes) {
                super::biff_check::check(&stream, limits)?;
            }
        }
        Format::Csv | Format::EncryptedOoxml => {}
    }
    if format == Format::Ods {
        super::ods_check::check(bytes, limits)?;
    }
    let reads = ReadMark::default();
    let sheets = match format {
        Format::Xlsx | Format::Xlsm => Sheets::Xlsx(read(format, bytes, &reads)?),
        Format::Xlsb => Sheets::Xlsb(read(format, bytes, &reads)?),
        Format::Xls => Sheets::Xls(read(format, bytes, &reads)?),
        Format::Ods => Sheets::Ods(read(format, bytes, &reads)?),
        Format::Csv => return Ok(Opened { format, book: Book::Csv(super::csv_in::decode(bytes)), reads }),
        Format::EncryptedOoxml => return Err(ImportError::Encrypted),
    };
    Ok(Opened { format, book: Book::Sheets(Box::new(sheets)), reads })
}

impl Book<'_> {
    /// Sheet names in workbook order (CSV has one, "csv").
    pub fn sheet_names(&self) -> Vec<String> {
        match self {
            Book::Sheets(s) => worksheets_only(s.sheets_metadata()),
            Book::Csv(_) => vec![CSV_SHEET.to_string()],
        }
    }
}

/// The name a CSV file's only sheet goes by.
pub const CSV_SHEET: &str = "csv";

fn worksheets_only(sheets: &[calamine::Sheet]) -> Vec<String> {
    sheets
        .iter()
        .filter(|s| s.typ == calamine::SheetType::WorkSheet)
        .map(|s| s.name.clone())
        .collect()
}

/// Refuses a sheet whose declared size is over `limit` cells.
pub fn check_size(sheet: &str, rows: u64, cols: u64, limit: u64) -> Result<(), ImportError> {
    let cells = rows.saturating_mul(cols);
    if cells > limit {
        return Err(ImportError::TooLarge {
            sheet: sheet.to_string(),
            detail: format!("it claims {rows} rows × {cols} columns = {cells} cells"),
            limit,
        });
    }
    Ok(())
}

fn dims_size(d: &Dimensions) -> (u64, u64) {
    if d.end.0 < d.start.0 || d.end.1 < d.start.1 {
        return (0, 0);
    }
    ((d.end.0 - d.start.0) as u64 + 1, (d.end.1 - d.start.1) as u64 + 1)
}

/// Counts cells as they stream and refuses a sheet that holds more than its limit
/// (a sheet can understate its size).
pub struct Budget {
    sheet: String,
    limit: u64,
    used: u64,
}

impl Budget {
    /// A budget of `limit` cells for `sheet`.
    pub fn new(sheet: &str, limit: u64) -> Budget {
        Budget { sheet: sheet.to_string(), limit, used: 0 }
    }
    /// Counts `n` more cells; too many is [`ImportError::TooLarge`].
    pub fn take(&mut self, n: u64) -> Result<(), ImportError> {
        // The clock, every 65,536 cells or so: cheap, and often enough to stop within a second.
        if (self.used >> 16) != ((self.used + n) >> 16) {
            super::limits::check_time()?;
        }
        self.used += n;
        if self.used > self.limit {
            return Err(ImportError::TooLarge {
                sheet: self.sheet.clone(),
                detail: format!("it holds more than {} cells", self.limit),
                limit: self.limit,
            });
        }
        Ok(())
    }
}

/// Columns past this are ignored: Excel's own limit (XFD).
const MAX_COLUMNS: u32 = 16_384;

fn put(row: &mut Row, col: u32, v: Raw) {
    if col >= MAX_COLUMNS || v.is_blank() {
        return;
    }
    let i = col as usize;
    if row.cells.len() <= i {
        row.cells.resize(i + 1, Raw::Cell(Cell::Empty));
    }
    row.cells[i] = v;
}

fn error_kind(e: &CellErrorType) -> ErrorKind {
    match e {
        CellErrorType::Div0 => ErrorKind::Div0,
        CellErrorType::NA | CellErrorType::GettingData => ErrorKind::NA,
        CellErrorType::Name => ErrorKind::Name,
        CellErrorType::Null => ErrorKind::Null,
        CellErrorType::Num => ErrorKind::Num,
        CellErrorType::Ref => ErrorKind::Ref,
        CellErrorType::Value => ErrorKind::Value,
    }
}

fn date(dt: &calamine::ExcelDateTime) -> Raw {
    if !dt.is_datetime() {
        return Raw::Cell(Cell::Number(dt.as_f64()));
    }
    let (y, m, d, hh, mm, ss, _ms) = dt.to_ymd_hms_milli();
    let iso = if (hh, mm, ss) == (0, 0, 0) {
        format!("{y:04}-{m:02}-{d:02}")
    } else {
        format!("{y:04}-{m:02}-{d:02} {hh:02}:{mm:02}:{ss:02}")
    };
    Raw::Date { serial: dt.as_f64(), iso }
}

/// An ISO date text (as ods gives dates) with its serial in the 1900 date system.
fn iso_date(s: &str) -> Raw {
    match super::dates::serial_of_iso(s) {
        Some(serial) => Raw::Date { serial, iso: s.replace('T', " ") },
        None => Raw::Cell(Cell::Text(s.to_string())),
    }
}

/// A calamine cell value as a [`Raw`]: one function for both of calamine's cell types
/// (`Data` from loaded ranges, `DataRef` from the streaming readers), through their
/// common [`DataType`] trait.
pub fn from_data<D: DataType>(v: &D) -> Raw {
    if let Some(i) = v.get_int() {
        Raw::Cell(Cell::Number(i as f64))
    } else if let Some(x) = v.get_float() {
        Raw::Cell(Cell::Number(x))
    } else if let Some(s) = v.get_string() {
        Raw::Cell(Cell::Text(s.to_string()))
    } else if let Some(b) = v.get_bool() {
        Raw::Cell(Cell::Bool(b))
    } else if let Some(dt) = v.get_datetime() {
        date(&dt)
    } else if let Some(s) = v.get_datetime_iso() {
        iso_date(s)
    } else if let Some(s) = v.get_duration_iso() {
        Raw::Cell(Cell::Text(s.to_string()))
    } else if let Some(e) = v.get_error() {
        Raw::Cell(Cell::Error(error_kind(e)))
    } else {
        Raw::Cell(Cell::Empty)
    }
}

/// Rows of a streamed sheet, from any cell-by-cell reader.
pub struct CellStream<F> {
    next: F,
    pending: Option<(u32, u32, Raw)>,
    budget: Budget,
    declared: Option<u64>,
    done: bool,
}

impl<F> CellStream<F>
where
    F: FnMut() -> Result<Option<(u32, u32, Raw)>, ImportError>,
{
    /// Wraps `next`, which yields `(row, col, value)` in row order.
    pub fn new(next: F, budget: Budget, declared: Option<u64>) -> Self {
        CellStream { next, pending: None, budget, declared, done: false }
    }
}

impl<F> Rows for CellStream<F>
where
    F: FnMut() -> Result<Option<(u32, u32, Raw)>, ImportError>,
{
    fn next_row(&mut self) -> Result<Option<Row>, ImportError> {
        loop {
            let first = match self.pending.take() {
                Some(c) => c,
                None if self.done => return Ok(None),
                None => match (self.next)()? {
                    Some(c) => c,
                    None => {
                        self.done = true;
                        return Ok(None);
                    }
                },
            };
            let mut row = Row { index: first.0, cells: Vec::new() };
            self.budget.take(1)?;
            put(&mut row, first.1, first.2);
            loop {
                match (self.next)()? {
                    Some(c) if c.0 == row.index => {
                        self.budget.take(1)?;
                        put(&mut row, c.1, c.2);
                    }
                    Some(c) => {
                        self.pending = Some(c);
                        break;
                    }
                    None => {
                        self.done = true;
                        break;
                    }
                }
            }
            if !row.is_blank() {
                return Ok(Some(row));
            }
        }
    }
    fn declared_rows(&self) -> Option<u64> {
        self.declared
    }
}

/// Rows of a sheet calamine has already loaded (xls, ods).
pub struct RangeRows {
    range: calamine::Range<Data>,
    next: usize,
}

impl RangeRows {
    /// Checks the loaded range's size, then iterates it.
    pub fn new(sheet: &str, range: calamine::Range<Data>, limit: u64) -> Result<Self, ImportError> {
        let (h, w) = range.get_size();
        check_size(sheet, h as u64, w as u64, limit)?;
        Ok(RangeRows { range, next: 0 })
    }
}

impl Rows for RangeRows {
    fn next_row(&mut self) -> Result<Option<Row>, ImportError> {
        let (h, w) = self.range.get_size();
        let (r0, c0) = self.range.start().unwrap_or((0, 0));
        while self.next < h {
            let i = self.next;
            self.next += 1;
            let mut row = Row { index: r0 + i as u32, cells: Vec::new() };
            for j in 0..w {
                if let Some(v) = self.range.get((i, j)) {
                    put(&mut row, c0 + j as u32, from_data(v));
                }
            }
            if !row.is_blank() {
                return Ok(Some(row));
            }
        }
        Ok(None)
    }
    fn declared_rows(&self) -> Option<u64> {
        Some(self.range.get_size().0 as u64)
    }
}

/// The declared size of an xlsx/xlsb sheet, from its dimensions.
pub fn declared(d: &Dimensions) -> (u64, u64) {
    dims_size(d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{DataRef, ExcelDateTime, ExcelDateTimeType};

    #[test]
    fn data_and_data_ref_read_alike() {
        let day = ExcelDateTime::new(45_000.0, ExcelDateTimeType::DateTime, false);
        let noon = ExcelDateTime::new(45_000.5, ExcelDateTimeType::DateTime, false);
        let span = ExcelDateTime::new(1.5, ExcelDateTimeType::TimeDelta, false);
        let date = |serial: f64, iso: &str| Raw::Date { serial, iso: iso.into() };
        let cases: Vec<(Data, DataRef, Raw)> = vec![
            (Data::Int(-3), DataRef::Int(-3), Raw::Cell(Cell::Number(-3.0))),
            (Data::Float(0.1), DataRef::Float(0.1), Raw::Cell(Cell::Number(0.1))),
            (Data::String("Spend".into()), DataRef::SharedString("Spend"), Raw::Cell(Cell::Text("Spend".into()))),
            (Data::String("x".into()), DataRef::String("x".into()), Raw::Cell(Cell::Text("x".into()))),
            (Data::Bool(true), DataRef::Bool(true), Raw::Cell(Cell::Bool(true))),
            (Data::DateTime(day), DataRef::DateTime(day), date(45_000.0, "2023-03-15")),
            (Data::DateTime(noon), DataRef::DateTime(noon), date(45_000.5, "2023-03-15 12:00:00")),
            // A duration is a plain number to formulas, not a date.
            (Data::DateTime(span), DataRef::DateTime(span), Raw::Cell(Cell::Number(1.5))),
            (
                Data::DateTimeIso("2024-01-31".into()),
                DataRef::DateTimeIso("2024-01-31".into()),
                date(45_322.0, "2024-01-31"),
            ),
            (Data::DurationIso("PT1H".into()), DataRef::DurationIso("PT1H".into()), Raw::Cell(Cell::Text("PT1H".into()))),
            (
                Data::Error(CellErrorType::Div0),
                DataRef::Error(CellErrorType::Div0),
                Raw::Cell(Cell::Error(ErrorKind::Div0)),
            ),
            (Data::Empty, DataRef::Empty, Raw::Cell(Cell::Empty)),
        ];
        for (data, data_ref, want) in cases {
            assert_eq!(from_data(&data), want, "{data:?}");
            assert_eq!(from_data(&data_ref), want, "{data_ref:?}");
        }
    }
}
