//! A sheet's rows through the importer's readers (xlsx and xlsb streamed), and `;` CSV
//! with decimal points.

use super::{JourneyError, Scan};
use crate::import::csv_in::{self, CsvRows};
use crate::import::error::ImportError;
use crate::import::sniff::Format;
use crate::import::source::{self, Book, Budget, CellStream, RangeRows, Raw, Row, Rows};
use calamine::{Reader as _, Sheets};

type Visit<'f> = &'f mut dyn FnMut(&mut dyn Rows) -> Result<Scan, JourneyError>;

/// Runs `f` over the rows of `sheet` with the importer's readers (streaming xlsx and xlsb).
pub(super) fn with_rows(book: &mut Book, format: Format, sheet: &str, limit: u64, f: Visit) -> Result<Scan, JourneyError> {
    let fail = move |e: calamine::Error| JourneyError::Import(source::read_error(format, e));
    macro_rules! stream {
        ($x:expr) => {{
            let mut reader = $x.worksheet_cells_reader(sheet).map_err(|e| fail(e.into()))?;
            let (rows, cols) = source::declared(&reader.dimensions());
            source::check_size(sheet, rows, cols, limit)?;
            let next = move || match reader.next_cell() {
                Ok(Some(c)) => Ok(Some((c.get_position().0, c.get_position().1, source::from_data(c.get_value())))),
                Ok(None) => Ok(None),
                Err(e) => Err(source::read_error(format, e.into())),
            };
            f(&mut CellStream::new(next, Budget::new(sheet, limit), Some(rows)))
        }};
    }
    match book {
        Book::Sheets(sheets) => match sheets.as_mut() {
            Sheets::Xlsx(x) => stream!(x),
            Sheets::Xlsb(x) => stream!(x),
            other => {
                let range = other.worksheet_range(sheet).map_err(fail)?;
                f(&mut RangeRows::new(sheet, range, limit)?)
            }
        },
        Book::Csv(text) if csv_in::delimiter(text) == b';' && decimal_points(text) => {
            f(&mut PointCsv::new(text, Budget::new(sheet, limit)))
        }
        Book::Csv(text) => f(&mut CsvRows::new(text, Budget::new(sheet, limit))),
    }
}

/// Whether a `;`-separated CSV writes decimals with a point (ChannelAttribution's Data.csv:
/// `0.244`), which the importer's CSV reader, assuming a decimal-comma locale for `;`,
/// would read as thousands: some field is a number with a point that cannot be a
/// thousands group (`0.244`, `12.5`) and none has a decimal comma (`2,5`).
pub(super) fn decimal_points(text: &str) -> bool {
    let (mut point, mut comma) = (false, false);
    for field in text.lines().take(1000).flat_map(|l| l.split(';')) {
        let t = field.trim().trim_matches('"').trim_start_matches('-');
        let number = |sep: char| {
            t.split_once(sep).filter(|(i, f)| {
                !i.is_empty() && !f.is_empty() && i.bytes().all(|b| b.is_ascii_digit()) && f.bytes().all(|b| b.is_ascii_digit())
            })
        };
        if let Some((i, f)) = number('.') {
            point |= f.len() != 3 || i.starts_with('0') || i.len() > 3;
        }
        comma |= number(',').is_some();
    }
    point && !comma
}

/// Rows of a `;`-separated CSV with decimal points: the importer's field parsing with
/// the decimal point, rows numbered by their line in the file.
struct PointCsv<'a> {
    records: csv::StringRecordsIntoIter<&'a [u8]>,
    budget: Budget,
}

impl<'a> PointCsv<'a> {
    fn new(text: &'a str, budget: Budget) -> Self {
        let reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(b';').from_reader(text.as_bytes());
        PointCsv { records: reader.into_records(), budget }
    }
}

impl Rows for PointCsv<'_> {
    fn next_row(&mut self) -> Result<Option<Row>, ImportError> {
        for rec in self.records.by_ref() {
            let rec = rec.map_err(|e| ImportError::Corrupt { format: "csv".into(), detail: e.to_string() })?;
            self.budget.take(rec.len() as u64)?;
            let index = rec.position().map_or(0, |p| p.line().saturating_sub(1)) as u32;
            let row = Row { index, cells: rec.iter().map(|f| Raw::Cell(csv_in::parse_field(f, false))).collect() };
            if !row.is_blank() {
                return Ok(Some(row));
            }
        }
        Ok(None)
    }
    fn declared_rows(&self) -> Option<u64> {
        None
    }
}
