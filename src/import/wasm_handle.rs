//! One workbook open in the import WASM (feature `import-wasm`): the page's worker hands
//! the file's bytes over once and asks everything of this handle, instead of copying the
//! bytes in and reading the whole workbook again for every request.
//!
//! It keeps the bytes (one copy, in WASM memory), the last report computed from them, the
//! options it was computed with, and which data rows belong to each group. Every answer is
//! made by the same code as the free functions in [`super::wasm`], so it is the very object,
//! text or bytes they give for the same file and options.

use super::wasm::{from_json, import_error, options, text_of, xlsx_of};
use super::{report, summary_json, Options, Report};
use crate::js_wire::error as error_object;
use std::collections::HashMap;
use wasm_bindgen::prelude::*;

/// A workbook open in the importer: its bytes and the report last computed from them.
/// JS must call `free()` when done with it (a new file opened), or its memory stays taken.
#[wasm_bindgen]
pub struct ImportWorkbook {
    bytes: Vec<u8>,
    kept: Option<Kept>,
}

/// A report with what it was computed from.
struct Kept {
    options: Options,
    report: Report,
    /// The indices of each group's data rows, in sheet order (empty when not grouping).
    members: HashMap<String, Vec<u32>>,
}

/// The data rows of each group, from the dataset's group column: read before the report
/// takes the dataset, since the report's rows compute every KPI when asked for one.
fn members_of(ds: &super::dataset::Dataset) -> HashMap<String, Vec<u32>> {
    let Some(label) = ds.group_by.and_then(|g| ds.labels.get(g)) else { return HashMap::new() };
    label
        .values
        .groups()
        .into_iter()
        .map(|(key, rows)| (key.to_string(), rows.into_iter().map(|i| i as u32).collect()))
        .collect()
}

/// What a request that needs a report says before any report has been computed.
const NO_REPORT: &str = "no report has been computed for this workbook";

/// A count or start from JS as an index: negative, NaN or fractional parts are dropped.
fn index(x: f64) -> usize {
    if x.is_finite() && x > 0.0 { x as usize } else { 0 }
}

#[wasm_bindgen]
impl ImportWorkbook {
    /// Opens a workbook: `bytes` are copied into WASM memory once, here, and read by every
    /// later call. Nothing is read yet; [`report`](Self::report) computes the report.
    #[wasm_bindgen(constructor)]
    pub fn new(bytes: Vec<u8>) -> ImportWorkbook {
        ImportWorkbook { bytes, kept: None }
    }

    /// An empty workbook with room for `size` bytes, filled by [`append`](Self::append): the
    /// worker streams a file in chunk by chunk, so no copy of the whole file is ever held
    /// in JS beside the one here. `undefined` when the tab cannot give that much memory:
    /// nothing is read, and the instance stays usable.
    pub fn reserve(size: f64) -> Option<ImportWorkbook> {
        let mut book = ImportWorkbook { bytes: Vec::new(), kept: None };
        book.make_room(index(size)).then_some(book)
    }

    /// Adds the next `chunk` of the file's bytes (after [`reserve`](Self::reserve)); false,
    /// with nothing added, when the file turns out larger than the memory left.
    pub fn append(&mut self, chunk: &[u8]) -> bool {
        let room = self.make_room(chunk.len());
        if room {
            self.bytes.extend_from_slice(chunk);
        }
        room
    }

    /// Computes the report with `opts` (those of `import_report`) and keeps it, replacing
    /// the one kept before; answers [`summary`](Self::summary). On failure (`{error,
    /// message}`, as `import_report` gives) the report kept before stays.
    pub fn report(&mut self, opts: JsValue) -> JsValue {
        let options = match options(opts) {
            Ok(o) => o,
            Err(e) => return e,
        };
        match super::dataset(&self.bytes, &options, &mut |_, _| {}) {
            Ok(ds) => {
                let members = members_of(&ds);
                self.kept = Some(Kept { options, report: report::build(ds), members });
                self.summary()
            }
            Err(e) => import_error(&e),
        }
    }

    /// The kept report as the object `import_report` gives, without `rows` and with
    /// `rowCount`, how many there are; `{error, message}` if no report has been computed.
    pub fn summary(&self) -> JsValue {
        match self.kept() {
            Ok(k) => from_json(&summary_json::json(&k.report)),
            Err(e) => e,
        }
    }

    /// `{rows, total}`: the kept report's data rows of `group` (absent: all rows; a group
    /// when the report does not group: none), `count` of them from the `from`th, each as
    /// `import_report`'s `rows` have it; `total` is how many the group has.
    pub fn rows(&self, group: Option<String>, from: f64, count: f64) -> JsValue {
        let k = match self.kept() {
            Ok(k) => k,
            Err(e) => return e,
        };
        // The group's row indices (None: every row, not listed out for a page of them).
        let members: Option<&[u32]> = group.map(|g| k.members.get(&g).map_or(&[][..], Vec::as_slice));
        let total = members.map_or(k.report.rows.len(), <[u32]>::len);
        let start = index(from).min(total);
        let end = start.saturating_add(index(count)).min(total);
        let row = |p: usize| members.map_or(Some(p), |m| m.get(p).map(|&i| i as usize));
        let lines: Vec<_> = (start..end).filter_map(|p| k.report.rows.get(row(p)?)).collect();
        let rows = serde_json::to_string(&lines).unwrap_or_else(|_| "[]".to_string());
        from_json(&format!("{{\"rows\":{rows},\"total\":{total}}}"))
    }

    /// The report as text, `format` `"csv"`, `"table"` or `"json"`, as `import_render` gives
    /// it: from the kept report when `opts` are those it was computed with (absent: the kept
    /// one whatever its options), else computed anew from the kept bytes (and not kept).
    pub fn render(&self, format: &str, opts: JsValue, dialect: JsValue) -> JsValue {
        self.with_report(opts, |r| text_of(r, format, dialect))
    }

    /// Whether `opts` (those of `import_report`) are the ones the kept report was computed
    /// with, so that [`csv_part`](Self::csv_part) gives their CSV.
    pub fn keeps(&self, opts: JsValue) -> bool {
        matches!((&self.kept, options(opts)), (Some(k), Ok(o)) if k.options == o)
    }

    /// Lines `from..from + count` of the kept report's CSV in `dialect` (`render("csv")`'s
    /// text, the header as line 0), `""` past the end: the page's download takes the CSV
    /// in parts, so WASM memory never holds the whole text of a large report.
    pub fn csv_part(&self, from: f64, count: f64, dialect: JsValue) -> JsValue {
        let k = match self.kept() {
            Ok(k) => k,
            Err(e) => return e,
        };
        let d = match super::wasm::dialect(dialect) {
            Ok(d) => d,
            Err(e) => return e,
        };
        let mut out = Vec::new();
        match super::render::csv_part(&k.report, d, index(from), index(count), &mut out) {
            Ok(()) => JsValue::from_str(&String::from_utf8_lossy(&out)),
            Err(e) => error_object("internal", &e.to_string()),
        }
    }

    /// The report as the live-formula xlsx `import_xlsx` gives, as a `Uint8Array`; the
    /// report chosen as for [`render`](Self::render).
    pub fn xlsx(&self, opts: JsValue) -> JsValue {
        self.with_report(opts, xlsx_of)
    }

    /// `import_attribute` of the kept bytes.
    pub fn attribute(&self, opts: JsValue) -> JsValue {
        super::wasm::import_attribute(&self.bytes, opts)
    }

    /// `import_attribute_csv` of the kept bytes.
    pub fn attribute_csv(&self, opts: JsValue, dialect: JsValue) -> JsValue {
        super::wasm::import_attribute_csv(&self.bytes, opts, dialect)
    }

    /// `import_journeys_detect` of the kept bytes.
    pub fn journeys_detect(&self, file_name: Option<String>) -> JsValue {
        super::wasm::import_journeys_detect(&self.bytes, file_name)
    }

    /// `import_clv` of the kept bytes.
    pub fn clv(&self, opts: JsValue) -> JsValue {
        super::wasm::import_clv(&self.bytes, opts)
    }

    /// `import_clv_csv` of the kept bytes.
    pub fn clv_csv(&self, opts: JsValue, dialect: JsValue) -> JsValue {
        super::wasm::import_clv_csv(&self.bytes, opts, dialect)
    }
}

impl ImportWorkbook {
    /// Whether there is room for `more` bytes past those held. A refusal is answered, not
    /// trapped on, so the allocator's note of it is dropped (a later trap is not blamed on it).
    fn make_room(&mut self, more: usize) -> bool {
        let room = self.bytes.try_reserve_exact(more).is_ok();
        if !room {
            super::wasm::forget_memory_failure();
        }
        room
    }

    /// The kept report, or the error a request before any report gives.
    fn kept(&self) -> Result<&Kept, JsValue> {
        self.kept.as_ref().ok_or_else(|| error_object("internal", NO_REPORT))
    }

    /// `answer` of the report `opts` ask for: the kept one when they are its options (or
    /// absent), else one computed from the kept bytes for this answer alone.
    fn with_report(&self, opts: JsValue, answer: impl FnOnce(&Report) -> JsValue) -> JsValue {
        let absent = opts.is_undefined() || opts.is_null();
        let options = match options(opts) {
            Ok(o) => o,
            Err(e) => return e,
        };
        match &self.kept {
            Some(k) if absent || k.options == options => answer(&k.report),
            _ if absent => error_object("internal", NO_REPORT),
            _ => match super::report(&self.bytes, &options) {
                Ok(r) => answer(&r),
                Err(e) => import_error(&e),
            },
        }
    }
}
