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
mod cfb_check;
pub mod clv_report;
pub mod csv_in;
pub mod customers;
pub mod dataset;
pub mod dates;
pub mod detect;
pub mod error;
pub mod headers;
pub mod journeys;
pub mod json_layout;
pub mod load;
pub mod render;
pub mod report;
pub mod roles;
pub mod sniff;
pub mod source;
#[cfg(feature = "import-wasm")]
pub mod wasm;
#[cfg(feature = "xlsx-out")]
pub mod xlsx_out;
pub mod xlsx_formulas;

pub use error::ImportError;
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
    /// The file's name, for format messages and CSV recognition.
    pub file_name: Option<String>,
}

/// The default cell limit: 1,048,576 rows × 64 columns, beyond any campaign export.
pub const DEFAULT_MAX_CELLS: u64 = 1_048_576 * 64;

impl Default for Options {
    fn default() -> Self {
        Options { sheet: None, group_by: None, map: Vec::new(), max_cells: DEFAULT_MAX_CELLS, file_name: None }
    }
}

/// Reads the workbook and builds the KPI report.
pub fn report(bytes: &[u8], opts: &Options) -> Result<Report, ImportError> {
    report_with_progress(bytes, opts, &mut |_, _| {})
}

/// [`report`], calling `progress(rows_read, declared_rows)` while reading.
pub fn report_with_progress(bytes: &[u8], opts: &Options, progress: load::Progress) -> Result<Report, ImportError> {
    let ds = load::load(bytes, opts, progress)?;
    Ok(report::build(ds))
}
