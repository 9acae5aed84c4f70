//! Journey data in a workbook, for attribution: finds a sheet of customer journeys in
//! either shape marketers export and builds the engine's [`Journeys`] from it.
//!
//! - *Path level* (ChannelAttribution's and Google Analytics' export): a path such as
//!   `Facebook > Email > Direct` per row, its conversions, and optionally its conversion
//!   value and its non-converting journeys ([`from_paths`](crate::attribution::from_paths)).
//! - *Touchpoint level* (an ad server or GA4 export): one touch per row: user id,
//!   timestamp, channel, conversions at that touch (0/1 or a count) and their value
//!   ([`from_touches`](crate::attribution::from_touches)).
//!
//! The workbook is read by the importer's own readers ([`source`], [`csv_in`](super::csv_in)); headers are
//! recognised in English, Norwegian and Simplified and Traditional Chinese, ChannelAttribution's
//! own (`path`, `total_conversions`, `total_conversion_value`, `total_null`) included, and the
//! importer's role names ([`role_of_header`](super::roles::role_of_header)) count too. A cell that cannot be read is an
//! error naming its row and column; every row left out is named in a warning.

use super::detect::header_like_texts;
use super::error::ImportError;
use super::headers::{write_seen, BadCell};
use super::source::{self, Rows};
use crate::attribution::Journeys;
use crate::error::KpiError;
use collect::Collect;
use fields::{header_of, names_of};
use super::load::{sheets_to_read, with_rows};
use std::fmt;

mod collect;
pub mod columns;
pub mod csv_out;
mod fields;
pub mod json;
pub mod options;
pub mod report;

#[cfg(feature = "xlsx-out")]
pub mod xlsx;

pub use fields::{field_of, Field};

/// Which of the two shapes a sheet holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    /// One row per path.
    Paths,
    /// One row per touch.
    Touches,
}

/// How to read the journeys.
#[derive(Clone, Debug, PartialEq)]
pub struct JourneyOptions {
    /// The sheet to read (default: the first with journey headers).
    pub sheet: Option<String>,
    /// The channel separator in paths (default `>`).
    pub sep: String,
    /// Touchpoint data: the lookback window before a conversion, in days (default 30).
    pub lookback_days: f64,
    /// Refuse a sheet that declares or holds more cells than this.
    pub max_cells: u64,
    /// The byte budget ([`super::Limits::bytes`]).
    pub max_bytes: u64,
    /// The file's name, for format messages and CSV recognition.
    pub file_name: Option<String>,
    /// A CSV file's decimal separator (detected unless the user names it).
    pub decimal: super::Decimal,
}

impl Default for JourneyOptions {
    fn default() -> Self {
        JourneyOptions {
            sheet: None,
            sep: ">".into(),
            lookback_days: 30.0,
            max_cells: super::DEFAULT_MAX_CELLS,
            max_bytes: super::DEFAULT_MAX_BYTES,
            file_name: None,
            decimal: super::Decimal::Auto,
        }
    }
}

/// A column found in the header row.
pub type FoundColumn = super::headers::FoundColumn<Field>;

/// The journeys read from a workbook, with where they came from.
#[derive(Clone, Debug, PartialEq)]
pub struct JourneyData {
    /// The journeys, for [`crate::attribution::attribute`].
    pub journeys: Journeys,
    /// The shape found.
    pub shape: Shape,
    /// The sheet read (`csv` for a CSV file).
    pub sheet: String,
    /// The header's row in the sheet, 1-based.
    pub header_row: u32,
    /// The columns used.
    pub columns: Vec<FoundColumn>,
    /// Data rows read (touches, or paths).
    pub rows: usize,
    /// Rows left out and other things the user should know.
    pub warnings: Vec<String>,
}

impl JourneyData {
    /// Whether the data has a column of `field`.
    pub fn has(&self, field: Field) -> bool {
        self.columns.iter().any(|c| c.field == field)
    }
}

/// Why no journeys could be read.
#[derive(Clone, Debug, PartialEq)]
pub enum JourneyError {
    /// The workbook itself could not be read.
    Import(ImportError),
    /// No sheet has a journey header: the header-like texts seen, per sheet.
    NoJourneys {
        /// `(sheet, texts)`.
        seen: Vec<(String, Vec<String>)>,
    },
    /// A journey header lacks a column the shape needs.
    MissingColumn {
        /// The sheet.
        sheet: String,
        /// The header's row, 1-based.
        row: u32,
        /// The shape the header is.
        shape: Shape,
        /// The column it lacks.
        missing: Field,
    },
    /// A cell that cannot be used.
    BadCell(BadCell),
    /// The engine refused the journeys (an empty separator, a bad lookback window).
    Engine(KpiError),
}

impl From<ImportError> for JourneyError {
    fn from(e: ImportError) -> Self {
        JourneyError::Import(e)
    }
}

impl fmt::Display for JourneyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JourneyError::Import(e) => write!(f, "{e}"),
            JourneyError::NoJourneys { seen } => {
                write!(f, "no journey data found: a sheet needs a header naming a path column and conversions \
                    (path level), or user, time, channel and conversions (touchpoint level)")?;
                write_seen(f, seen)?;
                write!(f, "\n  path headers it knows: {}; user: {}; time: {}", names_of(Field::Path), names_of(Field::User), names_of(Field::Time))
            }
            JourneyError::MissingColumn { sheet, row, shape, missing } => write!(
                f,
                "sheet \"{sheet}\" row {row} is a {} header but has no {} column (headers it knows: {})",
                if *shape == Shape::Paths { "path-level" } else { "touchpoint-level" },
                missing.name(),
                names_of(*missing)
            ),
            JourneyError::BadCell(b) => write!(f, "{b}"),
            JourneyError::Engine(e) => write!(f, "{}", e.message),
        }
    }
}

impl JourneyError {
    /// The message for the command line (an import error with its flag remedy).
    pub fn cli_message(&self) -> String {
        match self {
            JourneyError::Import(e) => e.cli_message(),
            e => e.to_string(),
        }
    }
}

/// Reads the journeys of the first sheet with journey headers (or of `opts.sheet`).
pub fn read(bytes: &[u8], opts: &JourneyOptions) -> Result<JourneyData, JourneyError> {
    visit(bytes, opts, false)?.ok_or_else(|| JourneyError::NoJourneys { seen: vec![] })
}

/// The sheet and shape of the journey data in a workbook, if any, reading only each
/// sheet's first rows (for `report` to point to attribution). Unreadable workbooks are errors.
pub fn detect(bytes: &[u8], opts: &JourneyOptions) -> Result<Option<(String, Shape)>, ImportError> {
    match visit(bytes, opts, true) {
        Ok(d) => Ok(d.map(|d| (d.sheet, d.shape))),
        Err(JourneyError::Import(e)) => Err(e),
        Err(JourneyError::MissingColumn { sheet, shape, .. }) => Ok(Some((sheet, shape))),
        Err(_) => Ok(None),
    }
}

enum Scan {
    Found(Box<JourneyData>),
    NotFound(Vec<String>),
}

fn visit(bytes: &[u8], opts: &JourneyOptions, head_only: bool) -> Result<Option<JourneyData>, JourneyError> {
    // A panic in the reader (calamine, on a damaged file) becomes a message.
    super::limits::contain(|| visit_contained(bytes, opts, head_only))
}

fn visit_contained(bytes: &[u8], opts: &JourneyOptions, head_only: bool) -> Result<Option<JourneyData>, JourneyError> {
    let limits = super::Limits { cells: opts.max_cells, bytes: opts.max_bytes };
    let mut opened = source::open(bytes, opts.file_name.as_deref(), limits)?;
    let names = opened.book.sheet_names();
    let sheets = sheets_to_read(names, opts.sheet.as_deref())?;
    let mut seen = Vec::new();
    // A journey header lacking a column is reported only if no later sheet has journeys.
    let mut incomplete = None;
    for sheet in &sheets {
        let scan = with_rows(&mut opened.book, opened.format, sheet, opts.max_cells, opts.decimal, &mut |rows| {
            scan(rows, sheet, opts, head_only)
        });
        match scan {
            Ok(Scan::Found(d)) => return Ok(Some(*d)),
            Ok(Scan::NotFound(texts)) => seen.push((sheet.clone(), texts)),
            Err(e @ JourneyError::MissingColumn { .. }) => {
                incomplete.get_or_insert(e);
            }
            Err(e) => return Err(e),
        }
    }
    match incomplete {
        Some(e) => Err(e),
        None if head_only => Ok(None),
        None => Err(JourneyError::NoJourneys { seen }),
    }
}

fn scan(rows: &mut dyn Rows, sheet: &str, opts: &JourneyOptions, head_only: bool) -> Result<Scan, JourneyError> {
    let mut head = super::headers::first_rows(rows)?;
    let mut found = None;
    for (i, r) in head.iter().enumerate() {
        if let Some(h) = header_of(r, sheet)? {
            found = Some((i, h));
            break;
        }
    }
    let Some((h, header)) = found else { return Ok(Scan::NotFound(header_like_texts(&head))) };
    let mut reader = Collect::new(sheet, header, opts);
    let header_row = head[h].index + 1;
    if !head_only {
        for r in head.drain(h + 1..) {
            reader.add(&r)?;
        }
        while let Some(r) = rows.next_row()? {
            reader.add(&r)?;
        }
    }
    Ok(Scan::Found(Box::new(reader.finish(header_row)?)))
}

#[cfg(test)]
mod tests {
    use crate::import::dates::{serial_or_epoch, time_text};
    use crate::import::csv_in::decimal_points;
    use super::*;

    #[test]
    fn times() {
        let at = |s: &str| time_text(s);
        assert_eq!(at("2024-01-31"), Some(45322.0));
        assert_eq!(at("2024-01-31 12:00"), Some(45322.5));
        assert_eq!(at("2024-01-31T12:00:00Z"), Some(45322.5));
        assert_eq!(at("2024-01-31T13:00:00+01:00"), Some(45322.5));
        assert_eq!(at("2024-01-31T07:00:00-0500"), Some(45322.5));
        assert_eq!(at("31.01.2024"), Some(45322.0));
        assert_eq!(at("2024/01/31"), Some(45322.0));
        assert_eq!(at("yesterday"), None);
        assert_eq!(serial_or_epoch(1_706_702_400.0), 45322.5);
        assert_eq!(serial_or_epoch(1_706_702_400_000_000.0), 45322.5);
    }

    #[test]
    fn decimal_point_sniffing() {
        assert!(decimal_points("path;total_conversions;total_conversion_value\na > b;1;0.244\n"));
        assert!(!decimal_points("sti;konverteringer;verdi\na > b;1;2,5\nc;1;1.234\n"));
        assert!(!decimal_points("sti;konverteringer\na;1.234\n"));
    }

    #[test]
    fn headers() {
        for (h, f) in [
            ("total_conversions", Field::Conversions),
            ("total_conversion_value", Field::Value),
            ("total_null", Field::Nulls),
            ("No conversion", Field::Nulls),
            ("Kanalsti", Field::Path),
            ("轉化路徑", Field::Path),
            ("未转化", Field::Nulls),
            ("转化", Field::Conversions),
            ("Revenue (USD)", Field::Value),
            ("User ID", Field::User),
            ("Source / Medium", Field::Channel),
        ] {
            assert_eq!(field_of(h), Some(f), "{h}");
        }
    }
}
