//! The importer's WebAssembly exports (feature `import-wasm`, bundle `pkg-import/`),
//! kept apart from the small functions-only bundle that Excel and Sheets load.
//!
//! - [`import_report`]: workbook bytes and options in; the report (source, mapping,
//!   KPIs, rows, groups, total, warnings) out as a plain JS object, exactly the object
//!   `sheetkpi report --format json` prints. A file that cannot be read gives
//!   `{error, message}`: the CLI's facts, with the remedy in what the page offers
//!   ([`page_message`]), never a command-line flag.
//! - [`import_render`]: the report as CSV or table text, for downloads.
//! - [`import_xlsx`]: the report as the live-formula xlsx `sheetkpi report --format xlsx`
//!   writes, for the page's Excel download.
//! - [`import_audit`]: the formula audit, as `sheetkpi audit --json` prints it.
//! - [`import_attribute`]: the attribution models over the journey data, the object
//!   `sheetkpi attribute --format json` prints with the same options;
//!   [`import_attribute_csv`] the CSV it writes; [`import_journeys_detect`] says cheaply
//!   whether a workbook holds journey data at all.
//! - [`import_clv`]: the CLV forecast of the workbook's customers, the object `sheetkpi clv
//!   --format json` prints with the same options; [`import_clv_csv`] its CSV.
//!
//! Each of these reads the workbook anew from bytes copied in for the call; the page keeps
//! one workbook open instead, behind the handle in [`super::wasm_handle`], which answers
//! with these same functions' code from bytes and a report it keeps.

use super::error::Remedy;
use super::{audit, render, report, ImportError, Options};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

/// Options as JS passes them: `{sheet, groupBy, map: ["spend=Kostnad"], maxCells, fileName, decimal}`.
#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct JsOptions {
    sheet: Option<String>,
    group_by: Option<String>,
    map: Vec<String>,
    max_cells: Option<f64>,
    file_name: Option<String>,
    decimal: Option<String>,
    period: Option<String>,
}

/// The importer's options from the JS options object (absent: the defaults), or `{error, message}`.
pub(super) fn options(js: JsValue) -> Result<Options, JsValue> {
    if js.is_undefined() || js.is_null() {
        return Ok(Options::default());
    }
    let o: JsOptions = serde_wasm_bindgen::from_value(js).map_err(|e| error_object("bad_options", &e.to_string()))?;
    Ok(Options {
        sheet: o.sheet,
        group_by: o.group_by,
        map: o.map,
        max_cells: o.max_cells.filter(|x| x.is_finite() && *x >= 0.0).map_or(super::DEFAULT_MAX_CELLS, |x| x as u64),
        max_bytes: super::DEFAULT_MAX_BYTES,
        file_name: o.file_name,
        decimal: super::journeys::options::decimal_of(o.decimal.as_deref()).map_err(|m| error_object("bad_options", &m))?,
        period: o.period.as_deref().map(super::periods::Period::parse).transpose().map_err(|m| error_object("bad_options", &m))?,
    })
}

use crate::js_wire::error as error_object;

/// The CSV dialect a host asks for: `{locale, bom, delimiter, decimal}`
/// ([`DialectChoice`](super::csv_write::DialectChoice)); absent, the default (a BOM,
/// `,` and `.`). A mistyped setting is refused, as a mistyped option is.
pub(super) fn dialect(js: JsValue) -> Result<super::csv_write::CsvDialect, JsValue> {
    if js.is_undefined() || js.is_null() {
        return Ok(Default::default());
    }
    let text = js_sys::JSON::stringify(&js).map(String::from).unwrap_or_default();
    let choice: super::csv_write::DialectChoice =
        serde_json::from_str(&text).map_err(|e| error_object("bad_options", &format!("CSV dialect: {e}")))?;
    choice.resolve().map_err(|m| error_object("bad_options", &m))
}

/// The message as the browser page shows it: the facts, then the remedy (if any) on a
/// line of its own, in what the page offers. The page has no cell-limit control and
/// maps columns only once a report is shown, so neither remedy can point at a control.
pub fn page_message(e: &ImportError) -> String {
    let remedy = match e.remedy() {
        None => return e.to_string(),
        Some(Remedy::RaiseCellLimit | Remedy::RaiseByteLimit | Remedy::RaiseTimeLimit) => {
            "that is more than this page reads: save a copy holding only the rows and columns the report needs, and open that"
        }
        Some(Remedy::MapColumns) => {
            "rename the header of your spend or revenue column (or another number column) to one of the known names, and open the file again"
        }
    };
    format!("{e}\n  {remedy}")
}

/// The page's time budget per request: `requested` seconds (at least 1; the CLI's
/// `--max-seconds` default when absent), and the error the page shows past it, worded as
/// every import error is: `{seconds, error, message}`. The page keeps it, because a worker
/// that is over time cannot answer; it stops the worker and starts a fresh one.
#[wasm_bindgen]
pub fn import_time_budget(requested: Option<f64>) -> JsValue {
    let seconds = requested.filter(|x| x.is_finite() && *x >= 1.0).map_or(super::limits::DEFAULT_MAX_SECONDS, |x| x as u64);
    let e = ImportError::TooSlow { seconds };
    let kind = serde_json::to_value(&e).ok().and_then(|v| v["kind"].as_str().map(String::from)).unwrap_or_default();
    from_json(&serde_json::json!({"seconds": seconds, "error": kind, "message": page_message(&e)}).to_string())
}

/// `{error, message}` for an import error, in the page's wording.
pub(super) fn import_error(e: &ImportError) -> JsValue {
    let kind = serde_json::to_value(e).ok().and_then(|v| v["kind"].as_str().map(String::from)).unwrap_or_default();
    error_object(&kind, &page_message(e))
}

/// Parses JSON made by serde_json into a JS object: the very shape the CLI prints.
pub(super) fn from_json(text: &str) -> JsValue {
    js_sys::JSON::parse(text).unwrap_or_else(|_| error_object("internal", "the report could not be converted"))
}

/// The report of `bytes` read with JS options, or the `{error, message}` to return.
fn report_of(bytes: &[u8], opts: JsValue) -> Result<super::Report, JsValue> {
    let opts = options(opts)?;
    report(bytes, &opts).map_err(|e| import_error(&e))
}

/// The KPI report of a workbook, or `{error, message}`.
#[wasm_bindgen]
pub fn import_report(bytes: &[u8], opts: JsValue) -> JsValue {
    match report_of(bytes, opts) {
        Ok(r) => from_json(&render::json(&r)),
        Err(e) => e,
    }
}

/// The report as text: `format` is `"csv"` (in the CSV `dialect`, see [`dialect`]),
/// `"table"` or `"json"`; or `{error, message}`.
#[wasm_bindgen]
pub fn import_render(bytes: &[u8], opts: JsValue, format: &str, dialect: JsValue) -> JsValue {
    match report_of(bytes, opts) {
        Ok(r) => text_of(&r, format, dialect),
        Err(e) => e,
    }
}

/// [`import_render`]'s text of a report already computed.
pub(super) fn text_of(r: &super::Report, format: &str, csv_dialect: JsValue) -> JsValue {
    match format {
        "csv" => match dialect(csv_dialect) {
            Ok(d) => render::csv(r, d).into(),
            Err(e) => e,
        },
        "table" => render::text(r, &render::TextLayout::default()).into(),
        "json" => render::json(r).into(),
        other => error_object("bad_options", &format!("unknown format \"{other}\": use csv, table or json")),
    }
}

/// The report as an xlsx workbook whose KPI cells are live formulas (the bytes
/// `sheetkpi report --format xlsx` writes), as a `Uint8Array`; or `{error, message}`.
#[wasm_bindgen]
pub fn import_xlsx(bytes: &[u8], opts: JsValue) -> JsValue {
    match report_of(bytes, opts) {
        Ok(r) => xlsx_of(&r),
        Err(e) => e,
    }
}

/// [`import_xlsx`]'s bytes of a report already computed.
pub(super) fn xlsx_of(r: &super::Report) -> JsValue {
    match super::xlsx_out::xlsx(r) {
        Ok(book) => js_sys::Uint8Array::from(book.as_slice()).into(),
        Err(message) => error_object("xlsx_output", &message),
    }
}

/// The formula audit of a workbook, or `{error, message}`.
#[wasm_bindgen]
pub fn import_audit(bytes: &[u8], file_name: Option<String>) -> JsValue {
    match audit::audit(bytes, file_name.as_deref(), super::DEFAULT_MAX_CELLS) {
        Ok(a) => from_json(&serde_json::to_string(&a).unwrap_or_default()),
        Err(e) => import_error(&e),
    }
}

/// `{error, message}` for journeys that cannot be read, in the page's wording.
fn journey_error(e: &super::journeys::JourneyError) -> JsValue {
    use super::journeys::JourneyError as J;
    let kind = match e {
        J::Import(e) => return import_error(e),
        J::NoJourneys { .. } => "no_journeys",
        J::MissingColumn { .. } => "missing_column",
        J::BadCell(_) => "bad_cell",
        J::Engine(_) => "engine",
    };
    error_object(kind, &e.to_string())
}

/// The attribution outcome of `bytes` with JS options ([`AttributeOptions`]), or the
/// `{error, message}` to return: `{error: "bad_options", option, message}` names the option
/// that cannot be read, so the page can point at its control.
///
/// [`AttributeOptions`]: super::journeys::options::AttributeOptions
fn attribution_of(bytes: &[u8], opts: JsValue) -> Result<super::journeys::report::Outcome, JsValue> {
    use super::journeys::options::AttributeOptions;
    // Through JSON text, not serde_wasm_bindgen, which looks up only the fields it knows:
    // so a mistyped option is refused (`deny_unknown_fields`), never silently ignored.
    let o: AttributeOptions = if opts.is_undefined() || opts.is_null() {
        AttributeOptions::default()
    } else {
        let text = js_sys::JSON::stringify(&opts).map(String::from).unwrap_or_default();
        serde_json::from_str(&text).map_err(|e| error_object("bad_options", &e.to_string()))?
    };
    let r = o.resolve().map_err(|e| {
        from_json(&serde_json::json!({"error": "bad_options", "option": e.option, "message": e.message}).to_string())
    })?;
    let data = super::journeys::read(bytes, &r.journeys).map_err(|e| journey_error(&e))?;
    Ok(super::journeys::report::compute(data, &r.models, r.transition_matrix))
}

/// The attribution of the workbook's journey data, as the object `sheetkpi attribute
/// --format json` prints with the same options (by default `--model all`, the CLI's
/// defaults); or `{error, message}`. Options: `sheet`, `maxCells`, `fileName`, `models`,
/// `order`, `lookbackDays`, `firstShare`, `lastShare`, `halfLife`, `direct`, `sep`,
/// `transitionMatrix` (numbers as numbers or as typed text).
#[wasm_bindgen]
pub fn import_attribute(bytes: &[u8], opts: JsValue) -> JsValue {
    match attribution_of(bytes, opts) {
        Ok(o) => from_json(&super::journeys::json::json(&o)),
        Err(e) => e,
    }
}

/// The attribution as the CSV text `sheetkpi attribute FILE --format csv` writes with the
/// same options (those of [`import_attribute`]) in the CSV `dialect` ([`dialect`]), for
/// the page's download; or `{error, message}`.
#[wasm_bindgen]
pub fn import_attribute_csv(bytes: &[u8], opts: JsValue, dialect: JsValue) -> JsValue {
    let d = match self::dialect(dialect) {
        Ok(d) => d,
        Err(e) => return e,
    };
    match attribution_of(bytes, opts) {
        Ok(o) => super::journeys::csv_out::csv(&o, d).into(),
        Err(e) => e,
    }
}

/// The attribution options' defaults and the Markov orders offered, for the page's controls.
#[wasm_bindgen]
pub fn import_attribute_defaults() -> JsValue {
    from_json(&super::journeys::options::defaults().to_string())
}

/// `{sheet, shape}` of the workbook's journey data, reading only each sheet's first rows;
/// `null` when it holds none, `{error, message}` when it cannot be read.
#[wasm_bindgen]
pub fn import_journeys_detect(bytes: &[u8], file_name: Option<String>) -> JsValue {
    let opts = super::journeys::JourneyOptions { file_name, ..Default::default() };
    match super::journeys::detect(bytes, &opts) {
        Ok(Some((sheet, shape))) => {
            from_json(&serde_json::json!({"sheet": sheet, "shape": shape}).to_string())
        }
        Ok(None) => JsValue::NULL,
        Err(e) => import_error(&e),
    }
}

/// The CLV outcome of `bytes` with JS options ([`HostOptions`]), or the `{error, message}`.
///
/// [`HostOptions`]: super::clv_report::HostOptions
fn clv_of(bytes: &[u8], opts: JsValue) -> Result<super::clv_report::ClvOutcome, JsValue> {
    use super::clv_report::{compute, HostOptions};
    // Through JSON text, as for attribution, so that a mistyped option is refused.
    let o: HostOptions = if opts.is_undefined() || opts.is_null() {
        HostOptions::default()
    } else {
        let text = js_sys::JSON::stringify(&opts).map(String::from).unwrap_or_default();
        serde_json::from_str(&text).map_err(|e| error_object("bad_options", &e.to_string()))?
    };
    let (read, clv) = o.resolve().map_err(|e| {
        from_json(&serde_json::json!({"error": "bad_options", "option": e.option, "message": e.message}).to_string())
    })?;
    let data = super::customers::read(bytes, &read).map_err(|e| {
        use super::customers::CustomerError as C;
        let kind = match &e {
            C::Import(e) => return import_error(e),
            C::NoCustomers { .. } => "no_customers",
            C::BadCell(_) => "bad_cell",
        };
        error_object(kind, &e.to_string())
    })?;
    compute(data, &clv).map_err(|e| error_object(e.kind.code(), &e.message))
}

/// The CLV forecast of the workbook's customers (a summary per customer or a transaction
/// list), as the object `sheetkpi clv --format json` prints with the same options; or
/// `{error, message}`. Options: `model`, `unit`, `end`, `horizon`, `discount`, `margin`,
/// `sheet`, `maxCells`, `fileName`.
#[wasm_bindgen]
pub fn import_clv(bytes: &[u8], opts: JsValue) -> JsValue {
    match clv_of(bytes, opts) {
        Ok(o) => from_json(&super::clv_report::json(&o)),
        Err(e) => e,
    }
}

/// The CLV forecast as the CSV text `sheetkpi clv --format csv` writes, in the CSV
/// `dialect` ([`dialect`]); or `{error, message}`.
#[wasm_bindgen]
pub fn import_clv_csv(bytes: &[u8], opts: JsValue, dialect: JsValue) -> JsValue {
    let d = match self::dialect(dialect) {
        Ok(d) => d,
        Err(e) => return e,
    };
    match clv_of(bytes, opts) {
        Ok(o) => super::clv_report::csv(&o, d).into(),
        Err(e) => e,
    }
}

/// The crate version.
#[wasm_bindgen]
pub fn import_version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Every column role the importer knows, in its order (`channel`, `campaign`, `spend`…):
/// the page's mapping selects list these, so no host keeps its own copy.
#[wasm_bindgen]
pub fn import_roles() -> Vec<String> {
    super::roles::Role::ALL.iter().map(|r| r.name().to_string()).collect()
}

/// The system allocator, noting the size of any allocation it cannot give. In WebAssembly
/// running out of memory is not a panic: the standard library aborts, which traps with
/// nothing said, so this note is how the page tells "the file needs more memory than the
/// tab has" from a fault in sheetkpi ([`import_memory_failure`]).
struct NotingAllocator;

static FAILED_ALLOCATION: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

fn noted(p: *mut u8, size: usize) -> *mut u8 {
    if p.is_null() {
        FAILED_ALLOCATION.store(size, std::sync::atomic::Ordering::Relaxed);
    }
    p
}

// SAFETY: every call is passed straight to `System`, which upholds GlobalAlloc's contract.
unsafe impl std::alloc::GlobalAlloc for NotingAllocator {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        noted(unsafe { std::alloc::System.alloc(layout) }, layout.size())
    }
    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        noted(unsafe { std::alloc::System.alloc_zeroed(layout) }, layout.size())
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        noted(unsafe { std::alloc::System.realloc(ptr, layout, new_size) }, new_size)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        unsafe { std::alloc::System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: NotingAllocator = NotingAllocator;

/// Forgets a failed allocation that was answered with a message rather than a trap (a file
/// too large to read in), so that a later trap is not blamed on it.
pub(super) fn forget_memory_failure() {
    FAILED_ALLOCATION.store(0, std::sync::atomic::Ordering::Relaxed);
}

/// The size in bytes of the allocation this instance could not get, or 0 if none failed.
/// The page asks after a trap (it allocates nothing, so it answers even then): non-zero
/// means the file needed more memory than the tab gives WebAssembly (4 GB at most).
#[wasm_bindgen]
pub fn import_memory_failure() -> f64 {
    FAILED_ALLOCATION.load(std::sync::atomic::Ordering::Relaxed) as f64
}
