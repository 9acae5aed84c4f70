//! sheetkpi: marketing KPIs as exact spreadsheet functions.
//!
//! One pure core with no host knowledge. Every KPI is a registry row
//! ([`registry::Function`]) plus a pure function on `rust_decimal`; hosts (WASM for
//! Excel, Sheets and the browser; the CLI) are thin adapters over [`evaluate`].
//!
//! ```
//! use sheetkpi::{evaluate_formula, Value};
//! let v = evaluate_formula("ROAS(1000, 100)").unwrap().unwrap();
//! assert_eq!(v, Value::Number(10.0));
//! ```

#![warn(missing_docs)]

pub mod attribution;
pub mod bind;
pub mod clv;
pub mod docs;
pub mod error;
pub mod eval;
pub mod exact;
pub mod formula;
#[cfg(feature = "import")]
pub mod import;
pub mod kpi;
pub mod num;
pub mod number_text;
pub mod registry;
pub mod table;
pub mod value;

#[cfg(feature = "wasm")]
pub mod wasm;
#[cfg(any(feature = "wasm", feature = "import-wasm"))]
pub mod js_wire;

pub use error::{ErrorKind, KpiError, KpiResult};
pub use eval::{call, evaluate, evaluate_formula, Value};
pub use value::{Arg, Cell, Range};

/// The namespace of the Excel add-in's functions: `KPI.ROAS`.
pub const EXCEL_NAMESPACE: &str = "KPI";
