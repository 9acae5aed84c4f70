//! Workbook import: a KPI report and a formula audit from any campaign workbook.
//!
//! Bytes in (xlsx, xlsm, xlsb, xls, ods or csv), and out: the columns found and the
//! roles they play ([`roles`]), then every registry KPI the data supports per row, per
//! group and in total ([`report`]), or the audit of the KPI formulas already in the
//! file ([`audit`]). The same code runs natively (the `sheetkpi report` and `audit`
//! commands) and in WebAssembly (feature `import-wasm`).
//!
//! ```no_run
//! let bytes = std::fs::read("samples/campaigns.xlsx").unwrap();
//! let report = sheetkpi::import::report(&bytes, &sheetkpi::import::Options::default()).unwrap();
//! println!("{} rows, {} KPIs", report.rows.len(), report.kpis.len());
//! ```

pub mod audit;
mod audit_parse;
mod biff_check;
mod cfb_check;
pub mod clv_report;
pub mod combine;
#[cfg(feature = "xlsx-out")]
pub mod convert;
pub mod csv_in;
pub mod csv_separators;
pub mod csv_write;
pub mod customers;
pub mod dataset;
pub mod dates;
pub mod detect;
pub mod error;
mod extent;
pub mod headers;
pub mod journeys;
pub mod json_layout;
pub mod label_values;
pub mod limits;
pub mod load;
mod merges;
mod ods_check;
pub mod periods;
#[cfg(not(target_arch = "wasm32"))]
mod read_ahead;
pub mod render;
pub mod report;
mod report_warnings;
pub mod roles;
pub mod sniff;
pub mod source;
pub mod summary_json;
pub mod warning;
#[cfg(feature = "import-wasm")]
pub mod wasm;
#[cfg(feature = "import-wasm")]
pub mod wasm_handle;
#[cfg(feature = "xlsx-out")]
pub mod xlsx_out;
pub mod xlsx_formulas;
mod zip_check;

pub use error::ImportError;
pub use csv_separators::Decimal;
pub use limits::{Limits, DEFAULT_MAX_BYTES};
pub use report::Report;

/// How to read the workbook.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// The sheet to read (default: the first with a recognisable header).
    pub sheet: Option<String>,
    /// The column to group by, by header or role name (default: channel, else campaign).
    pub group_by: Option<String>,
    /// `role=header` overrides, e.g. `spend=Kostnad`.
    pub map: Vec<String>,
    /// Refuse a sheet that declares or holds more cells than this.
    pub max_cells: u64,
    /// The byte budget: bytes inflated from the file's parts, and memory its claims may
    /// cost ([`Limits::bytes`]).
    pub max_bytes: u64,
    /// The file's name, for format messages and CSV recognition.
    pub file_name: Option<String>,
    /// A CSV file's decimal separator (detected unless the user names it).
    pub decimal: Decimal,
    /// Group by this calendar period of the date column, with each KPI's change on the
    /// previous period ([`periods`]), instead of by `group_by`.
    pub period: Option<periods::Period>,
}

/// The default cell limit: 1,048,576 rows × 64 columns, beyond any campaign export.
pub const DEFAULT_MAX_CELLS: u64 = 1_048_576 * 64;

impl Options {
    /// The budget these options set.
    pub fn limits(&self) -> Limits {
        Limits { cells: self.max_cells, bytes: self.max_bytes }
    }
}

impl Default for Options {
    fn default() -> Self {
        Options { sheet: None, group_by: None, map: Vec::new(), max_cells: DEFAULT_MAX_CELLS, max_bytes: DEFAULT_MAX_BYTES, file_name: None, decimal: Decimal::Auto, period: None }
    }
}

/// Reads the workbook and builds the KPI report.
pub fn report(bytes: &[u8], opts: &Options) -> Result<Report, ImportError> {
    report_with_progress(bytes, opts, &mut |_, _| {})
}

/// [`report`], calling `progress(rows_read, declared_rows)` while reading.
pub fn report_with_progress(bytes: &[u8], opts: &Options, progress: load::Progress) -> Result<Report, ImportError> {
    Ok(report::build(dataset(bytes, opts, progress)?))
}

/// The columns and rows a report is built from ([`report::build`]): for a caller that
/// also needs the rows' labels before they go into the report (the page's workbook
/// handle indexes rows by group).
pub fn dataset(bytes: &[u8], opts: &Options, progress: load::Progress) -> Result<dataset::Dataset, ImportError> {
    // A panic in the reader (calamine, on a damaged file) becomes a message.
    let mut ds = limits::contain(|| load::load(bytes, opts, progress))?;
    if let Some(p) = opts.period {
        periods::apply(&mut ds, p).map_err(|detail| ImportError::NoDateColumn { detail })?;
    }
    Ok(ds)
}
