//! Exact decimal arithmetic at the edges: numbers enter from f64 and leave as f64.
//!
//! A cell's f64 becomes the decimal the user typed (its shortest round-trip form:
//! 0.1 is 0.1, not 0.1000000000000000055…). A result leaves as the correctly rounded
//! nearest f64 of the exact decimal, so `a / b` matches what JavaScript, Excel and
//! Sheets compute for whole numbers. rust_decimal's own `to_f64` is not correctly
//! rounded (1/3 gives 0.33333333333333337), hence the conversions here.

use crate::error::{KpiError, KpiResult};
use rust_decimal::Decimal;
use std::fmt::Write;

/// 2^53: below it every integer is an exact f64.
const EXACT_INT: f64 = 9_007_199_254_740_992.0;

/// Powers of ten that are exact doubles (10^0 ..= 10^22).
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// A fixed stack buffer for formatting numbers without allocating.
struct Buf {
    bytes: [u8; 64],
    len: usize,
}

impl Buf {
    fn new() -> Buf {
        Buf { bytes: [0; 64], len: 0 }
    }
    fn as_str(&self) -> &str {
        // Only `write_str` fills the buffer, and it only copies whole `&str`s.
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or("")
    }
}

impl Write for Buf {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let end = self.len + s.len();
        if end > self.bytes.len() {
            return Err(std::fmt::Error);
        }
        self.bytes[self.len..end].copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// The exact decimal of a cell's number, as typed: its shortest round-trip digits.
///
/// NaN and infinities are `#NUM!`; so is a number a decimal cannot hold exactly
/// (beyond about ±7.9e28, or needing more than 28 decimal places).
pub fn to_decimal(x: f64) -> KpiResult<Decimal> {
    to_decimal_named(x, "A value")
}

/// [`to_decimal`], with errors that name the value (`"The spend input"`).
pub fn to_decimal_named(x: f64, subject: &str) -> KpiResult<Decimal> {
    if !x.is_finite() {
        return Err(KpiError::num(format!("{subject} is not a finite number.")));
    }
    if x == 0.0 {
        return Ok(Decimal::ZERO);
    }
    if x.fract() == 0.0 && x.abs() < EXACT_INT {
        return Ok(Decimal::from(x as i64));
    }
    let mut buf = Buf::new();
    // `{:e}` prints the shortest digits that round-trip, e.g. 1.4e-2.
    if write!(buf, "{x:e}").is_err() {
        return Err(KpiError::num(format!("{subject} could not be read as a number.")));
    }
    Decimal::from_scientific(buf.as_str()).map_err(|_| {
        if x.abs() >= 1.0 {
            KpiError::num(format!("{subject} is too large to compute exactly (beyond about ±7.9e28)."))
        } else {
            KpiError::num(format!("{subject} is too small to compute exactly (it needs more than 28 decimal places)."))
        }
    })
}

/// The correctly rounded nearest f64 of an exact decimal. Never returns -0.
pub fn to_f64(d: Decimal) -> f64 {
    if d.is_zero() {
        return 0.0;
    }
    let m = d.mantissa();
    let scale = d.scale() as usize;
    // Exact mantissa and exact power of ten: one IEEE division rounds correctly.
    if m.unsigned_abs() < EXACT_INT as u128 && scale < POW10.len() {
        return m as f64 / POW10[scale];
    }
    let mut buf = Buf::new();
    match write!(buf, "{d}") {
        Ok(()) => buf.as_str().parse().unwrap_or(f64::NAN),
        Err(_) => f64::NAN,
    }
}

/// `a + b`, or `#NUM!` on overflow.
pub fn add(a: Decimal, b: Decimal) -> KpiResult<Decimal> {
    a.checked_add(b).ok_or_else(KpiError::overflow)
}

/// `a - b`, or `#NUM!` on overflow.
pub fn sub(a: Decimal, b: Decimal) -> KpiResult<Decimal> {
    a.checked_sub(b).ok_or_else(KpiError::overflow)
}

/// `a × b`, or `#NUM!` on overflow.
pub fn mul(a: Decimal, b: Decimal) -> KpiResult<Decimal> {
    a.checked_mul(b).ok_or_else(KpiError::overflow)
}

/// `a / b`; a zero `b` is `#DIV/0!` with `why_zero` as its message.
pub fn div(a: Decimal, b: Decimal, why_zero: &'static str) -> KpiResult<Decimal> {
    if b.is_zero() {
        return Err(KpiError::div0(why_zero));
    }
    a.checked_div(b).ok_or_else(KpiError::overflow)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_digits_survive() {
        assert_eq!(to_decimal(0.1).unwrap().to_string(), "0.1");
        assert_eq!(to_decimal(0.014).unwrap().to_string(), "0.014");
        assert_eq!(to_decimal(-2.5).unwrap().to_string(), "-2.5");
        assert_eq!(to_decimal(1e20).unwrap().to_string(), "100000000000000000000");
        assert_eq!(to_decimal(-0.0).unwrap(), Decimal::ZERO);
    }

    #[test]
    fn out_of_range_is_num() {
        for x in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 1e308, -1e308, 1e29, 1e-30, 5e-324] {
            let e = to_decimal(x).unwrap_err();
            assert_eq!(e.kind, crate::ErrorKind::Num, "{x}");
        }
    }

    #[test]
    fn one_third_is_correctly_rounded() {
        let third = div(Decimal::ONE, Decimal::from(3), "").unwrap();
        assert_eq!(to_f64(third), 1.0 / 3.0);
        assert_eq!(to_f64(third), 0.3333333333333333);
    }

    #[test]
    fn no_negative_zero() {
        let z = mul(Decimal::from(-1), Decimal::ZERO).unwrap();
        assert!(to_f64(z).is_sign_positive());
    }
}
