//! The wire format ([`crate::eval::Wire`]) as JavaScript values, for both WASM bundles.

use crate::error::KpiResult;
use crate::eval::{Value, Wire, WireError};
use serde::Serialize;
use wasm_bindgen::JsValue;

/// Plain JS objects (not `Map`s) for the `{error, message}` shape.
fn to_js<T: Serialize>(v: &T) -> JsValue {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).unwrap_or(JsValue::NULL)
}

/// A result: a number, a string, or `{error, message}`.
pub fn result(r: &KpiResult<Value>) -> JsValue {
    to_js(&Wire(r))
}

/// `{error: code, message}`.
pub fn error(code: &str, message: &str) -> JsValue {
    to_js(&WireError { error: code, message })
}
