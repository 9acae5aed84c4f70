//! Whether a result is what a worked example expects: the one rule every test and host
//! check uses (numbers to the bit; a table's numeric-method columns within their stated
//! tolerance; texts and error codes exactly).

use super::{Expected, ExpectedCell, Function, Shape};
use crate::error::KpiResult;
use crate::eval::Value;
use crate::table::{Table, TableCell};

/// Whether `got`, the result of `f`, is what `expected` says.
pub fn holds(f: &Function, expected: &Expected, got: &KpiResult<Value>) -> bool {
    match (got, expected) {
        (Ok(Value::Number(x)), Expected::Number(y)) => x.to_bits() == y.to_bits(),
        (Ok(Value::Text(t)), Expected::Text(u)) => t == u,
        (Ok(Value::Table(t)), Expected::Table(rows)) => table_holds(f, t, rows),
        (Err(e), Expected::Error(k)) => e.kind == *k,
        _ => false,
    }
}

/// The header is the declared columns; every row and cell as expected.
fn table_holds(f: &Function, t: &Table, rows: &[&[ExpectedCell]]) -> bool {
    let Shape::Table(cols) = f.shape else { return false };
    let header: Vec<TableCell> = cols.iter().map(|c| TableCell::Text(c.name.to_string())).collect();
    t.rows.first() == Some(&header)
        && t.data().len() == rows.len()
        && t.data().iter().zip(rows).all(|(got, want)| {
            got.len() == cols.len()
                && want.len() == cols.len()
                && got.iter().zip(*want).zip(cols).all(|((g, w), col)| match (g, w, col.tolerance) {
                    (TableCell::Number(x), ExpectedCell::N(y), None) => x.to_bits() == y.to_bits(),
                    (TableCell::Number(x), ExpectedCell::N(y), Some(tol)) => (x - y).abs() <= tol * y.abs().max(1e-300),
                    (TableCell::Text(a), ExpectedCell::T(b), _) => a == b,
                    (TableCell::Error(e), ExpectedCell::E(k), _) => e.kind == *k,
                    _ => false,
                })
        })
}
