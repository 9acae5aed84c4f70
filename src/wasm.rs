//! WebAssembly exports for the Excel, Sheets and browser hosts.
//!
//! - [`evaluate`]: the generic entry. Arguments as JS values (number, string, boolean,
//!   `null`/`undefined` for blank, `{error: "#REF!"}`, 2-D arrays of those), read with
//!   serde-wasm-bindgen. Returns a number, a string, or `{error, message}`.
//! - [`eval_fast`] and [`eval_numbers`]: serde-free paths for all-numeric calls. They
//!   return NaN whenever the answer is not a plain number (an error or a text result);
//!   the caller then asks [`evaluate`] for the full answer, so the rare path pays twice
//!   and the common one pays nothing.

use crate::bind::ArgView;
use crate::error::{ErrorKind, KpiResult};
use crate::eval::{self, Value};
use crate::js_wire;
use crate::registry;
use crate::value::{Arg, Cell, Range};
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;
use wasm_bindgen::prelude::*;

/// One JS argument, deserialized.
struct JsArg(Arg);
/// One JS cell inside a range.
struct JsCell(Cell);

struct CellVisitor;

impl<'de> Visitor<'de> for CellVisitor {
    type Value = Cell;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number, string, boolean, null or {error}")
    }
    fn visit_f64<E>(self, x: f64) -> Result<Cell, E> {
        Ok(Cell::Number(x))
    }
    fn visit_i64<E>(self, x: i64) -> Result<Cell, E> {
        Ok(Cell::Number(x as f64))
    }
    fn visit_u64<E>(self, x: u64) -> Result<Cell, E> {
        Ok(Cell::Number(x as f64))
    }
    fn visit_str<E>(self, s: &str) -> Result<Cell, E> {
        Ok(Cell::Text(s.to_string()))
    }
    fn visit_string<E>(self, s: String) -> Result<Cell, E> {
        Ok(Cell::Text(s))
    }
    fn visit_bool<E>(self, b: bool) -> Result<Cell, E> {
        Ok(Cell::Bool(b))
    }
    fn visit_unit<E>(self) -> Result<Cell, E> {
        Ok(Cell::Empty)
    }
    fn visit_none<E>(self) -> Result<Cell, E> {
        Ok(Cell::Empty)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Cell, A::Error> {
        // An error object; a code we do not know (#SPILL!, #BUSY!…) means the data is not there.
        let mut kind = ErrorKind::NA;
        while let Some(key) = map.next_key::<String>()? {
            if key == "error" {
                let code: String = map.next_value()?;
                kind = ErrorKind::from_code(&code).unwrap_or(ErrorKind::NA);
            } else {
                map.next_value::<de::IgnoredAny>()?;
            }
        }
        Ok(Cell::Error(kind))
    }
}

impl<'de> Deserialize<'de> for JsCell {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(CellVisitor).map(JsCell)
    }
}

/// A row of a range: an array of cells, or a lone cell (a 1-D array is one row).
struct JsRow(Vec<Cell>);

impl<'de> Deserialize<'de> for JsRow {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct RowVisitor;
        impl<'de> Visitor<'de> for RowVisitor {
            type Value = Vec<Cell>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a row of cells")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Cell>, A::Error> {
                let mut row = Vec::with_capacity(seq.size_hint().unwrap_or(0));
                while let Some(JsCell(c)) = seq.next_element()? {
                    row.push(c);
                }
                Ok(row)
            }
            fn visit_f64<E>(self, x: f64) -> Result<Vec<Cell>, E> {
                Ok(vec![Cell::Number(x)])
            }
            fn visit_i64<E>(self, x: i64) -> Result<Vec<Cell>, E> {
                Ok(vec![Cell::Number(x as f64)])
            }
            fn visit_u64<E>(self, x: u64) -> Result<Vec<Cell>, E> {
                Ok(vec![Cell::Number(x as f64)])
            }
            fn visit_str<E>(self, s: &str) -> Result<Vec<Cell>, E> {
                Ok(vec![Cell::Text(s.to_string())])
            }
            fn visit_bool<E>(self, b: bool) -> Result<Vec<Cell>, E> {
                Ok(vec![Cell::Bool(b)])
            }
            fn visit_unit<E>(self) -> Result<Vec<Cell>, E> {
                Ok(vec![Cell::Empty])
            }
            fn visit_none<E>(self) -> Result<Vec<Cell>, E> {
                Ok(vec![Cell::Empty])
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Vec<Cell>, A::Error> {
                CellVisitor.visit_map(map).map(|c| vec![c])
            }
        }
        d.deserialize_any(RowVisitor).map(JsRow)
    }
}

impl<'de> Deserialize<'de> for JsArg {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ArgVisitor;
        impl<'de> Visitor<'de> for ArgVisitor {
            type Value = Arg;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a cell value or a 2-D array of them")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Arg, A::Error> {
                let mut rows = Vec::with_capacity(seq.size_hint().unwrap_or(0));
                while let Some(JsRow(r)) = seq.next_element()? {
                    rows.push(r);
                }
                Ok(Arg::Range(Range::from_rows(rows)))
            }
            fn visit_f64<E>(self, x: f64) -> Result<Arg, E> {
                Ok(Arg::Cell(Cell::Number(x)))
            }
            fn visit_i64<E>(self, x: i64) -> Result<Arg, E> {
                Ok(Arg::Cell(Cell::Number(x as f64)))
            }
            fn visit_u64<E>(self, x: u64) -> Result<Arg, E> {
                Ok(Arg::Cell(Cell::Number(x as f64)))
            }
            fn visit_str<E>(self, s: &str) -> Result<Arg, E> {
                Ok(Arg::Cell(Cell::Text(s.to_string())))
            }
            fn visit_bool<E>(self, b: bool) -> Result<Arg, E> {
                Ok(Arg::Cell(Cell::Bool(b)))
            }
            fn visit_unit<E>(self) -> Result<Arg, E> {
                Ok(Arg::Cell(Cell::Empty))
            }
            fn visit_none<E>(self) -> Result<Arg, E> {
                Ok(Arg::Cell(Cell::Empty))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Arg, A::Error> {
                CellVisitor.visit_map(map).map(Arg::Cell)
            }
        }
        d.deserialize_any(ArgVisitor).map(JsArg)
    }
}

fn to_js(r: KpiResult<Value>) -> JsValue {
    js_wire::result(&r)
}

/// Evaluates `name` (id, `KPI.` name or Sheets name) on `args`, an array of JS values.
/// Returns a number, a string, or `{error, message}`; never throws.
#[wasm_bindgen]
pub fn evaluate(name: &str, args: JsValue) -> JsValue {
    let args: Vec<JsArg> = match serde_wasm_bindgen::from_value(args) {
        Ok(a) => a,
        Err(e) => return js_wire::error("#VALUE!", &format!("These inputs could not be read: {e}")),
    };
    let args: Vec<Arg> = args.into_iter().map(|a| a.0).collect();
    to_js(eval::evaluate(name, &args))
}

/// The registry position of a function, or -1 if there is none by that name.
#[wasm_bindgen]
pub fn function_index(name: &str) -> i32 {
    registry::index_of(name).map_or(-1, |i| i as i32)
}

fn fast(index: u32, args: &[ArgView]) -> f64 {
    let Some(f) = registry::functions().get(index as usize) else {
        return f64::NAN;
    };
    match eval::call(f, args) {
        Ok(Value::Number(x)) => x,
        _ => f64::NAN,
    }
}

/// All-scalar fast path: function `index` on its first `argc` of `a`..`f`.
/// NaN means "not a plain number": call [`evaluate`] for the error or text.
#[wasm_bindgen]
#[allow(clippy::too_many_arguments)]
pub fn eval_fast(index: u32, argc: u32, a: f64, b: f64, c: f64, d: f64, e: f64, f: f64) -> f64 {
    let xs = [a, b, c, d, e, f];
    let n = (argc as usize).min(xs.len());
    let mut views = [ArgView::Cells(&[]); 6];
    for (view, x) in views.iter_mut().zip(&xs[..n]) {
        *view = ArgView::Numbers { values: std::slice::from_ref(x), cells: 1 };
    }
    fast(index, &views[..n])
}

/// All-numeric ranges fast path. `values` holds every argument's numbers back to back;
/// `shape` holds, per argument, how many of `values` are its own and how many cells it
/// had with blanks (so `[[5],[""]]` is 1 value of 2 cells). NaN as for [`eval_fast`].
#[wasm_bindgen]
pub fn eval_numbers(index: u32, values: &[f64], shape: &[u32]) -> f64 {
    let mut views = Vec::with_capacity(shape.len() / 2);
    let mut at = 0usize;
    for pair in shape.chunks_exact(2) {
        let (n, cells) = (pair[0] as usize, pair[1] as usize);
        let Some(slice) = values.get(at..at + n) else {
            return f64::NAN;
        };
        views.push(ArgView::Numbers { values: slice, cells });
        at += n;
    }
    fast(index, &views)
}

/// Every function's id, Excel name and Sheets name, in registry order, flattened:
/// `[id0, excel0, sheets0, id1, …]`.
/// What a host needs to route calls, without building the whole registry at start-up.
#[wasm_bindgen]
pub fn function_names() -> Vec<String> {
    registry::functions()
        .iter()
        .flat_map(|f| [f.id.to_string(), f.excel_full_name(), f.sheets_name.to_string()])
        .collect()
}

/// The registry positions of the functions whose result is a table (it spills): hosts send
/// those straight to [`evaluate`], which returns the table as an array of rows, header first.
#[wasm_bindgen]
pub fn table_functions() -> Vec<u32> {
    registry::functions()
        .iter()
        .enumerate()
        .filter(|(_, f)| f.shape != registry::Shape::Value)
        .map(|(i, _)| i as u32)
        .collect()
}

/// The whole registry: ids, names, descriptions, parameters, result kinds and examples.
#[wasm_bindgen]
pub fn registry() -> JsValue {
    let s = serde_wasm_bindgen::Serializer::json_compatible();
    serde::Serialize::serialize(&registry::info(), &s).unwrap_or(JsValue::NULL)
}

/// How each result kind is shown: `{money: {decimals, percent, signed, suffix, …}, …}`,
/// the registry's one display table.
#[wasm_bindgen]
pub fn result_kinds() -> JsValue {
    let s = serde_wasm_bindgen::Serializer::json_compatible();
    serde::Serialize::serialize(&registry::ResultKinds, &s).unwrap_or(JsValue::NULL)
}

/// The crate version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Parses and evaluates one formula as `sheetkpi eval` does (`=ROAS(1000, 100)`,
/// `CAC({100,200}, {1,3})`). A formula that cannot be read gives
/// `{error: "#VALUE!", message, at}` with `at` the character position of the problem.
#[wasm_bindgen]
pub fn evaluate_formula(text: &str) -> JsValue {
    match eval::evaluate_formula(text) {
        Ok(result) => to_js(result),
        Err(e) => {
            let o = js_wire::error("#VALUE!", &format!("This formula cannot be read: {e}."));
            // A byte offset to a character count, without slicing (so never a panic).
            let at = text.char_indices().take_while(|(i, _)| *i < e.at).count() as f64;
            let _ = js_sys::Reflect::set(&o, &"at".into(), &at.into());
            o
        }
    }
}
