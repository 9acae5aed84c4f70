//! Shared helpers for the `tests/kpi_*.rs` catalogue tests.
#![allow(dead_code)]

use sheetkpi::{evaluate, evaluate_formula, Arg, Cell, ErrorKind, Range, Value};

/// The number a formula gives; fails the test on anything else.
pub fn num(formula: &str) -> f64 {
    match evaluate_formula(formula).expect("formula parses") {
        Ok(Value::Number(x)) => x,
        other => panic!("{formula}: expected a number, got {other:?}"),
    }
}

/// The text a formula gives.
pub fn text(formula: &str) -> &'static str {
    match evaluate_formula(formula).expect("formula parses") {
        Ok(Value::Text(t)) => t,
        other => panic!("{formula}: expected text, got {other:?}"),
    }
}

/// The spreadsheet error a formula gives.
pub fn err(formula: &str) -> ErrorKind {
    match evaluate_formula(formula).expect("formula parses") {
        Err(e) => {
            assert!(!e.message.is_empty(), "{formula}: an error needs a message");
            e.kind
        }
        other => panic!("{formula}: expected an error, got {other:?}"),
    }
}

/// Asserts each formula gives its error.
pub fn errors(cases: &[(&str, ErrorKind)]) {
    for (formula, kind) in cases {
        assert_eq!(err(formula), *kind, "{formula}");
    }
}

/// Calls `name` on host-shaped arguments.
pub fn call(name: &str, args: &[Arg]) -> Result<Value, ErrorKind> {
    evaluate(name, args).map_err(|e| e.kind)
}

/// A one-column range from cells.
pub fn column(cells: Vec<Cell>) -> Arg {
    Arg::Range(Range::column(cells))
}

/// Shorthand cells.
pub fn n(x: f64) -> Cell {
    Cell::Number(x)
}
/// A blank cell.
pub fn blank() -> Cell {
    Cell::Empty
}
/// A blank as Google Sheets sends it.
pub fn sheets_blank() -> Cell {
    Cell::Text(String::new())
}

/// Whether two floats are within `rel` of each other, relatively.
pub fn close(a: f64, b: f64, rel: f64) -> bool {
    a == b || (a - b).abs() <= rel * a.abs().max(b.abs())
}
