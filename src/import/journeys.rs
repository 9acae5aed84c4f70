//! Journey data in a workbook, for attribution: finds a sheet of customer journeys in
//! either shape marketers export and builds the engine's [`Journeys`] from it.
//!
//! - *Path level* (ChannelAttribution's and Google Analytics' export): a path such as
//!   `Facebook > Email > Direct` per row, its conversions, and optionally its conversion
//!   value and its non-converting journeys ([`from_paths`]).
//! - *Touchpoint level* (an ad server or GA4 export): one touch per row: user id,
//!   timestamp, channel, conversions at that touch (0/1 or a count) and their value
//!   ([`from_touches`]).
//!
//! The workbook is read by the importer's own readers ([`source`], [`csv_in`]); headers are
//! recognised in English, Norwegian and Simplified and Traditional Chinese, ChannelAttribution's
//! own (`path`, `total_conversions`, `total_conversion_value`, `total_null`) included, and the
//! importer's role names ([`role_of_header`]) count too. A cell that cannot be read is an
//! error naming its row and column; every row left out is named in a warning.

use super::csv_in::{self, CsvRows};
use super::dataset::column_letters;
use super::detect::{header_like_texts, is_total_label};
use super::error::ImportError;
use super::roles::{role_of_header, Role};
use super::sniff::Format;
use super::source::{self, Book, Budget, CellStream, RangeRows, Raw, Row, Rows};
use crate::attribution::{from_paths, from_touches, Journeys, Touch};
use crate::error::KpiError;
use crate::exact::Exact;
use crate::value::Cell;
use calamine::{Reader as _, Sheets};
use std::fmt;

#[cfg(feature = "xlsx-out")]
pub mod xlsx;

/// How many non-blank rows of a sheet are searched for the header.
const HEAD_ROWS: usize = 100;

/// A column of journey data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The channel path (path level).
    Path,
    /// Conversions: per path, or at a touch (0/1 or a count).
    Conversions,
    /// Conversion value.
    Value,
    /// Journeys that did not convert, per path (path level).
    Nulls,
    /// The user (or client, cookie) id (touchpoint level).
    User,
    /// The touch's date and time (touchpoint level).
    Time,
    /// The touch's channel (touchpoint level).
    Channel,
}

impl Field {
    /// The field's name in messages and JSON.
    pub fn name(self) -> &'static str {
        match self {
            Field::Path => "path",
            Field::Conversions => "conversions",
            Field::Value => "value",
            Field::Nulls => "nulls",
            Field::User => "user",
            Field::Time => "time",
            Field::Channel => "channel",
        }
    }
}

/// Header names per field, compared by [`key`] (lower case, letters and digits only).
/// Checked before the importer's role names, which also give conversions, value, channel
/// and time (see [`field_of`]).
#[rustfmt::skip]
const NAMES: &[(Field, &[&str])] = &[
    (Field::Path, &[
        "path", "paths", "journey", "journeys", "channel path", "conversion path", "customer journey", "touchpoint path",
        "mcf channel grouping path", "channel grouping path", "source / medium path", "default channel group path",
        "sti", "kundereise", "kanalsti", "konverteringssti",
        "路径", "转化路径", "渠道路径", "路徑", "轉化路徑", "轉換路徑", "渠道路徑",
    ]),
    (Field::Conversions, &[
        "total_conversions", "converted", "conversion count", "konvertert", "已转化", "已轉化", "转化次数", "轉化次數",
    ]),
    (Field::Value, &[
        "total_conversion_value", "value", "conversion value", "revenue", "purchase revenue", "verdi", "konverteringsverdi",
        "转化价值", "价值", "轉化價值", "轉換價值", "價值",
    ]),
    (Field::Nulls, &[
        "total_null", "null", "nulls", "non-conversions", "non conversions", "nonconversions", "no conversion",
        "no conversions", "not converted", "total_nulls",
        "ikke-konverteringer", "ikke konverteringer", "ikke konvertert",
        "未转化", "未转化次数", "未轉化", "未轉化次數", "未轉換",
    ]),
    (Field::User, &[
        "user", "user id", "userid", "user_pseudo_id", "client id", "clientid", "customer id", "visitor id", "cookie id",
        "bruker", "bruker-id", "brukerid", "kunde-id", "kundeid",
        "用户", "用户id", "客户id", "访客id", "用戶", "用戶id", "客戶id", "訪客id",
    ]),
    (Field::Time, &[
        "timestamp", "time", "datetime", "date time", "event time", "event_timestamp", "touch time", "touched at",
        "tidspunkt", "tid", "tidsstempel",
        "时间", "时间戳", "日期时间", "時間", "時間戳", "日期時間",
    ]),
    (Field::Channel, &["touchpoint", "channel name", "kontaktpunkt", "触点", "觸點"]),
];

/// A header reduced for comparison: lower case, letters and digits only.
fn key(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// The field a header names: [`NAMES`] first, then the importer's roles.
pub fn field_of(header: &str) -> Option<Field> {
    let k = key(header);
    if k.is_empty() {
        return None;
    }
    if let Some((f, _)) = NAMES.iter().find(|(_, names)| names.iter().any(|n| key(n) == k)) {
        return Some(*f);
    }
    match role_of_header(header)? {
        Role::Conversions => Some(Field::Conversions),
        Role::Revenue => Some(Field::Value),
        Role::Channel => Some(Field::Channel),
        Role::Date => Some(Field::Time),
        _ => None,
    }
}

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
    /// The file's name, for format messages and CSV recognition.
    pub file_name: Option<String>,
}

impl Default for JourneyOptions {
    fn default() -> Self {
        JourneyOptions {
            sheet: None,
            sep: ">".into(),
            lookback_days: 30.0,
            max_cells: super::DEFAULT_MAX_CELLS,
            file_name: None,
        }
    }
}

/// A column found in the header row.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct FoundColumn {
    /// What it holds.
    pub field: Field,
    /// Its letters (`B`).
    pub column: String,
    /// Its header text.
    pub header: String,
    #[serde(skip)]
    col: u32,
}

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
    BadCell {
        /// The sheet.
        sheet: String,
        /// The cell's row, 1-based.
        row: u32,
        /// The column's letters.
        column: String,
        /// The column's header.
        header: String,
        /// What is wrong.
        detail: String,
    },
    /// The engine refused the journeys (an empty separator, a bad lookback window).
    Engine(KpiError),
}

impl From<ImportError> for JourneyError {
    fn from(e: ImportError) -> Self {
        JourneyError::Import(e)
    }
}

fn names_of(f: Field) -> String {
    let names = NAMES.iter().find(|(g, _)| *g == f).map_or(&[][..], |(_, n)| *n);
    names.iter().take(4).map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", ")
}

impl fmt::Display for JourneyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JourneyError::Import(e) => write!(f, "{e}"),
            JourneyError::NoJourneys { seen } => {
                write!(f, "no journey data found: a sheet needs a header naming a path column and conversions \
                    (path level), or user, time, channel and conversions (touchpoint level)")?;
                for (sheet, texts) in seen {
                    let shown: Vec<String> = texts.iter().take(12).map(|t| format!("\"{t}\"")).collect();
                    write!(f, "\n  sheet \"{sheet}\": {}", if shown.is_empty() { "no header text".into() } else { shown.join(", ") })?;
                }
                write!(f, "\n  path headers it knows: {}; user: {}; time: {}", names_of(Field::Path), names_of(Field::User), names_of(Field::Time))
            }
            JourneyError::MissingColumn { sheet, row, shape, missing } => write!(
                f,
                "sheet \"{sheet}\" row {row} is a {} header but has no {} column (headers it knows: {})",
                if *shape == Shape::Paths { "path-level" } else { "touchpoint-level" },
                missing.name(),
                names_of(*missing)
            ),
            JourneyError::BadCell { sheet, row, column, header, detail } => {
                write!(f, "sheet \"{sheet}\" row {row}, column {column} (\"{header}\"): {detail}")
            }
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
    let mut opened = source::open(bytes, opts.file_name.as_deref())?;
    let names = opened.book.sheet_names();
    let sheets = match &opts.sheet {
        Some(wanted) => {
            let hit = names
                .iter()
                .find(|n| *n == wanted)
                .or_else(|| names.iter().find(|n| n.eq_ignore_ascii_case(wanted.trim())))
                .ok_or_else(|| ImportError::NoSuchSheet { wanted: wanted.clone(), available: names.clone() })?;
            vec![hit.clone()]
        }
        None => names,
    };
    let mut seen = Vec::new();
    // A journey header lacking a column is reported only if no later sheet has journeys.
    let mut incomplete = None;
    for sheet in &sheets {
        let scan = with_rows(&mut opened.book, opened.format, sheet, opts.max_cells, &mut |rows| {
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

type Visit<'f> = &'f mut dyn FnMut(&mut dyn Rows) -> Result<Scan, JourneyError>;

/// Runs `f` over the rows of `sheet` with the importer's readers (streaming xlsx and xlsb).
fn with_rows(book: &mut Book, format: Format, sheet: &str, limit: u64, f: Visit) -> Result<Scan, JourneyError> {
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
fn decimal_points(text: &str) -> bool {
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

struct Header {
    shape: Shape,
    columns: Vec<FoundColumn>,
    warnings: Vec<String>,
}

/// The journey header `r` is, if any: mostly text, naming a path (path level) or a user,
/// a time and a channel (touchpoint level). A field named twice keeps its first column.
fn header_of(r: &Row, sheet: &str) -> Result<Option<Header>, JourneyError> {
    let (mut text, mut filled) = (0, 0);
    let mut columns: Vec<FoundColumn> = Vec::new();
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
                field.name(),
                first.column,
                first.header
            )),
            None => columns.push(found),
        }
    }
    let has = |f: Field| columns.iter().any(|x| x.field == f);
    if 2 * text <= filled {
        return Ok(None);
    }
    let (shape, used): (Shape, &[Field]) = if has(Field::Path) {
        (Shape::Paths, &[Field::Path, Field::Conversions, Field::Value, Field::Nulls])
    } else if has(Field::User) && has(Field::Time) && has(Field::Channel) {
        (Shape::Touches, &[Field::User, Field::Time, Field::Channel, Field::Conversions, Field::Value])
    } else {
        return Ok(None);
    };
    if !has(Field::Conversions) {
        return Err(JourneyError::MissingColumn { sheet: sheet.into(), row: r.index + 1, shape, missing: Field::Conversions });
    }
    columns.retain(|c| used.contains(&c.field));
    Ok(Some(Header { shape, columns, warnings }))
}

fn scan(rows: &mut dyn Rows, sheet: &str, opts: &JourneyOptions, head_only: bool) -> Result<Scan, JourneyError> {
    let mut head: Vec<Row> = Vec::new();
    while head.len() < HEAD_ROWS {
        match rows.next_row()? {
            Some(r) => head.push(r),
            None => break,
        }
    }
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

/// Sheet rows in a warning, as the importer lists them: `row 3, 5, 9` or `row 3, … and 12 more`.
fn row_list(rows: &[u32]) -> String {
    let shown: Vec<String> = rows.iter().take(10).map(u32::to_string).collect();
    match rows.len().saturating_sub(10) {
        0 => format!("row {}", shown.join(", ")),
        more => format!("row {} and {more} more", shown.join(", ")),
    }
}

/// Collects the data rows of one sheet, checking each cell.
struct Collect<'a> {
    sheet: &'a str,
    opts: &'a JourneyOptions,
    header: Header,
    paths: Vec<String>,
    conversions: Vec<Exact>,
    values: Vec<Exact>,
    nulls: Vec<Exact>,
    touches: Vec<Touch>,
    blank: Vec<u32>,
    totals: Vec<u32>,
    empty_names: Vec<u32>,
    value_without_conversion: Vec<u32>,
}

impl<'a> Collect<'a> {
    fn new(sheet: &'a str, header: Header, opts: &'a JourneyOptions) -> Self {
        Collect {
            sheet,
            opts,
            header,
            paths: vec![],
            conversions: vec![],
            values: vec![],
            nulls: vec![],
            touches: vec![],
            blank: vec![],
            totals: vec![],
            empty_names: vec![],
            value_without_conversion: vec![],
        }
    }

    fn column(&self, f: Field) -> Option<&FoundColumn> {
        self.header.columns.iter().find(|c| c.field == f)
    }

    /// The error for the cell of `f` in `row`.
    fn bad(&self, row: &Row, f: Field, detail: String) -> JourneyError {
        let (sheet, row) = (self.sheet.to_string(), row.index + 1);
        match self.column(f) {
            Some(c) => JourneyError::BadCell { sheet, row, column: c.column.clone(), header: c.header.clone(), detail },
            None => JourneyError::Engine(KpiError::value(format!("Sheet \"{sheet}\" row {row}: {detail}"))),
        }
    }

    /// The cell of `f` in `row` (blank when the column is absent).
    fn cell<'r>(&self, row: &'r Row, f: Field) -> &'r Raw {
        static BLANK: Raw = Raw::Cell(Cell::Empty);
        self.column(f).map_or(&BLANK, |c| row.get(c.col))
    }

    /// A count or value: a non-negative number, blank for 0; TRUE/FALSE for conversions.
    fn amount(&self, row: &Row, f: Field) -> Result<Exact, JourneyError> {
        let Some(c) = self.column(f) else { return Ok(Exact::ZERO) };
        let problem = match row.get(c.col) {
            Raw::Cell(Cell::Empty) => return Ok(Exact::ZERO),
            Raw::Cell(Cell::Bool(b)) if f == Field::Conversions => return Ok(if *b { Exact::ONE } else { Exact::ZERO }),
            Raw::Cell(Cell::Number(x)) => match crate::num::exact_of(*x) {
                Some(e) if !e.is_negative() => return Ok(e),
                Some(_) => format!("{} is negative; {} cannot be", crate::docs::format_number(*x), f.name()),
                None => "the number is not finite".to_string(),
            },
            Raw::Cell(Cell::Text(t)) => format!("\"{}\" is text, not a number", t.trim()),
            Raw::Cell(Cell::Bool(_)) => "TRUE/FALSE is not a number".to_string(),
            Raw::Cell(Cell::Error(k)) => format!("the cell is the error {}", k.code()),
            Raw::Date { iso, .. } => format!("{iso} is a date, not a number"),
        };
        Err(self.bad(row, f, problem))
    }

    fn add(&mut self, row: &Row) -> Result<(), JourneyError> {
        let first_text = row.cells.iter().find(|c| !c.is_blank()).and_then(Raw::text);
        if first_text.is_some_and(is_total_label) {
            self.totals.push(row.index + 1);
            return Ok(());
        }
        match self.header.shape {
            Shape::Paths => self.add_path(row),
            Shape::Touches => self.add_touch(row),
        }
    }

    fn add_path(&mut self, row: &Row) -> Result<(), JourneyError> {
        let path = self.cell(row, Field::Path);
        if let Raw::Cell(Cell::Error(k)) = path {
            return Err(self.bad(row, Field::Path, format!("the path is the error {}", k.code())));
        }
        let path = path.label();
        let (conv, value, nulls) = (self.amount(row, Field::Conversions)?, self.amount(row, Field::Value)?, self.amount(row, Field::Nulls)?);
        if path.split(self.opts.sep.as_str()).all(|s| s.trim().is_empty()) {
            if conv.is_zero() && value.is_zero() && nulls.is_zero() {
                self.blank.push(row.index + 1);
                return Ok(());
            }
            let detail = "the path is empty but the row has conversions or journeys; name its channels";
            return Err(self.bad(row, Field::Path, detail.into()));
        }
        if !self.opts.sep.is_empty() && path.split(self.opts.sep.as_str()).any(|s| s.trim().is_empty()) {
            self.empty_names.push(row.index + 1);
        }
        self.paths.push(path);
        self.conversions.push(conv);
        self.values.push(value);
        self.nulls.push(nulls);
        Ok(())
    }

    fn add_touch(&mut self, row: &Row) -> Result<(), JourneyError> {
        let (user, channel, time) = (self.cell(row, Field::User), self.cell(row, Field::Channel), self.cell(row, Field::Time));
        if user.is_blank() && channel.is_blank() && time.is_blank() {
            self.blank.push(row.index + 1);
            return Ok(());
        }
        for (f, raw) in [(Field::User, user), (Field::Channel, channel), (Field::Time, time)] {
            let problem = match raw {
                r if r.is_blank() => format!("the {} is blank", f.name()),
                Raw::Cell(Cell::Error(k)) => format!("the cell is the error {}", k.code()),
                _ => continue,
            };
            return Err(self.bad(row, f, problem));
        }
        let time = match time_of(time) {
            Some(t) => t,
            None => {
                let detail = format!("\"{}\" is not a date and time (a date cell, or text like 2024-03-01 14:30:00)", time.label());
                return Err(self.bad(row, Field::Time, detail));
            }
        };
        let conversions = self.amount(row, Field::Conversions)?;
        let mut value = self.amount(row, Field::Value)?;
        if conversions.is_zero() && !value.is_zero() {
            self.value_without_conversion.push(row.index + 1);
            value = Exact::ZERO;
        }
        self.touches.push(Touch { user: user.label(), time, channel: channel.label(), conversions, value });
        Ok(())
    }

    fn finish(self, header_row: u32) -> Result<JourneyData, JourneyError> {
        let mut warnings = self.header.warnings.clone();
        let mut note = |rows: &[u32], what: &str| {
            if !rows.is_empty() {
                warnings.push(format!("{what}: {}", row_list(rows)));
            }
        };
        note(&self.totals, "skipped total rows (so they are not counted twice)");
        let blank_what = match self.header.shape {
            Shape::Paths => "skipped rows with no path and no counts",
            Shape::Touches => "skipped rows with no user, channel or time",
        };
        note(&self.blank, blank_what);
        note(&self.empty_names, "ignored empty channel names between separators");
        note(&self.value_without_conversion, "ignored values on touches that did not convert");
        let has = |f: Field| self.header.columns.iter().any(|c| c.field == f);
        let (journeys, rows) = match self.header.shape {
            Shape::Paths => {
                let refs: Vec<&str> = self.paths.iter().map(String::as_str).collect();
                let values = has(Field::Value).then_some(&self.values[..]);
                let nulls = has(Field::Nulls).then_some(&self.nulls[..]);
                let j = from_paths(&refs, &self.opts.sep, &self.conversions, values, nulls).map_err(JourneyError::Engine)?;
                if let Some(w) = separator_warning(&self.paths, &self.opts.sep) {
                    warnings.push(w);
                }
                (j, self.paths.len())
            }
            Shape::Touches => {
                let j = from_touches(&self.touches, self.opts.lookback_days).map_err(JourneyError::Engine)?;
                let kept: usize = j.journeys.iter().map(|x| x.touches.len()).sum();
                let dropped = self.touches.len().saturating_sub(kept);
                if dropped > 0 {
                    warnings.push(format!(
                        "{dropped} touch{} left out: more than {} days before the conversion they led to (the lookback window)",
                        if dropped == 1 { " was" } else { "es were" },
                        crate::docs::format_number(self.opts.lookback_days)
                    ));
                }
                (j, self.touches.len())
            }
        };
        warnings.extend(journeys.skipped.iter().cloned());
        Ok(JourneyData {
            journeys,
            shape: self.header.shape,
            sheet: self.sheet.to_string(),
            header_row,
            columns: self.header.columns,
            rows,
            warnings,
        })
    }
}

/// When no path contains `sep` (every path one channel) but most contain another usual
/// separator, a warning saying which.
fn separator_warning(paths: &[String], sep: &str) -> Option<String> {
    if paths.is_empty() || paths.iter().any(|p| p.contains(sep)) {
        return None;
    }
    let (best, n) = ["→", "->", "=>", "»", ">", "|", ",", ";", "/", " - ", "+"]
        .into_iter()
        .filter(|s| *s != sep)
        .map(|s| (s, paths.iter().filter(|p| p.contains(s)).count()))
        .max_by_key(|(_, n)| *n)?;
    (2 * n > paths.len()).then(|| {
        format!("no path contains the separator \"{sep}\", so every path is read as one channel; {n} of {} contain \"{best}\": is that the separator?", paths.len())
    })
}

/// A touch's time as a serial day: a date cell, a serial number, a Unix timestamp (seconds,
/// milliseconds or microseconds since 1970, as GA4 exports), or ISO-like text
/// (`2024-03-01`, `2024-03-01 14:30[:05]`, `2024-03-01T14:30:05Z`, with a `+01:00` offset
/// taken to UTC; also `2024/03/01` and `01.03.2024`).
fn time_of(raw: &Raw) -> Option<f64> {
    match raw {
        Raw::Date { serial, .. } => Some(*serial),
        Raw::Cell(Cell::Number(x)) if x.is_finite() => Some(serial_or_epoch(*x)),
        Raw::Cell(Cell::Text(t)) => time_text(t.trim()),
        _ => None,
    }
}

/// Serial days up to 9999-12-31 (2,958,465); beyond, a Unix timestamp.
fn serial_or_epoch(x: f64) -> f64 {
    if x <= 2_958_465.0 {
        return x;
    }
    let seconds = if x < 1e11 { x } else if x < 1e14 { x / 1e3 } else { x / 1e6 };
    seconds / 86_400.0 + 25_569.0
}

fn time_text(t: &str) -> Option<f64> {
    let t = t.strip_suffix(['Z', 'z']).unwrap_or(t);
    // A UTC offset after the time: `+01:00`, `-0500`.
    let (t, offset) = match t.rfind(['+', '-']).filter(|&i| t[..i].contains([':', 'T', ' '])) {
        Some(i) => {
            let (h, m) = match t[i + 1..].split_once(':') {
                Some((h, m)) => (h, m),
                None if t.len() - i == 5 => t[i + 1..].split_at(2),
                None => (&t[i + 1..], "0"),
            };
            let mins = h.parse::<f64>().ok()? * 60.0 + m.parse::<f64>().ok()?;
            (&t[..i], if &t[i..=i] == "-" { -mins } else { mins })
        }
        None => (t, 0.0),
    };
    let (date, time) = t.split_once(['T', ' ']).map_or((t, None), |(d, rest)| (d, Some(rest.trim())));
    let parts: Vec<&str> = date.split(['-', '/', '.']).collect();
    let iso_date = match parts.as_slice() {
        [y, m, d] if y.len() == 4 => format!("{y}-{m}-{d}"),
        [d, m, y] if y.len() == 4 && date.contains('.') => format!("{y}-{m}-{d}"),
        _ => return None,
    };
    let text = match time {
        Some(tm) if !tm.is_empty() => format!("{iso_date}T{tm}"),
        _ => iso_date,
    };
    super::dates::serial_of_iso(&text).map(|s| s - offset / 1440.0)
}

#[cfg(test)]
mod tests {
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
