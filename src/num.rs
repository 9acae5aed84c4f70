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

/// Why an f64 has no exact decimal here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotExact {
    /// NaN or an infinity.
    NotFinite,
    /// Beyond about ±7.9e28.
    TooLarge,
    /// Needs more than 28 decimal places.
    TooSmall,
}

impl NotExact {
    /// The `#NUM!` error, naming the value (`"The spend input"`).
    pub fn error(self, subject: &str) -> KpiError {
        KpiError::num(match self {
            NotExact::NotFinite => format!("{subject} is not a finite number."),
            NotExact::TooLarge => format!("{subject} is too large to compute exactly (beyond about ±7.9e28)."),
            NotExact::TooSmall => {
                format!("{subject} is too small to compute exactly (it needs more than 28 decimal places).")
            }
        })
    }
}

/// The exact decimal of a cell's number, as typed: its shortest round-trip digits.
///
/// NaN and infinities are `#NUM!`; so is a number a decimal cannot hold exactly
/// (beyond about ±7.9e28, or needing more than 28 decimal places).
pub fn to_decimal(x: f64) -> KpiResult<Decimal> {
    decimal_of(x).map_err(|e| e.error("A value"))
}

/// [`to_decimal`] without building a message: the hot path for bound arguments.
pub fn decimal_of(x: f64) -> Result<Decimal, NotExact> {
    if !x.is_finite() {
        return Err(NotExact::NotFinite);
    }
    if x == 0.0 {
        return Ok(Decimal::ZERO);
    }
    // Fast path: the fewest decimals k such that m / 10^k (m an integer below 2^52)
    // rounds back to x. Below 2^52 the spacing of doubles near x is under 10^-k, so
    // that m is unique and its digits are x's shortest round-trip form.
    for (k, &p) in POW10.iter().enumerate().take(18) {
        let scaled = x * p;
        if scaled.abs() >= EXACT_INT / 2.0 {
            break;
        }
        let m = scaled.round();
        if m / p == x {
            return Ok(Decimal::new(m as i64, k as u32));
        }
    }
    let mut buf = Buf::new();
    // `{:e}` prints the shortest digits that round-trip, e.g. 1.4e-2.
    if write!(buf, "{x:e}").is_err() {
        return Err(NotExact::TooLarge);
    }
    Decimal::from_scientific(buf.as_str()).map_err(|_| if x.abs() >= 1.0 { NotExact::TooLarge } else { NotExact::TooSmall })
}

/// The shortest-digits decimal through formatting alone: the reference the fast path must equal.
#[doc(hidden)]
pub fn decimal_of_by_formatting(x: f64) -> Option<Decimal> {
    let mut buf = Buf::new();
    write!(buf, "{x:e}").ok()?;
    Decimal::from_scientific(buf.as_str()).ok()
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
    // The exact value as `<mantissa>e-<scale>`: Rust's parser rounds it correctly,
    // and integer formatting is several times cheaper than Decimal's Display.
    let mut buf = Buf::new();
    match write!(buf, "{m}e-{scale}") {
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
    fn fast_path_equals_shortest_digits() {
        // Deterministic pseudo-random doubles of every typical shape.
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..200_000 {
            let r = next();
            let x = match r % 4 {
                0 => (r >> 11) as f64 / (1u64 << 53) as f64,
                1 => ((r >> 20) % 10_000_000) as f64 / 100.0,
                2 => ((r >> 20) % 1_000_000) as f64 / 1000.0 * if r & 1 == 0 { 1.0 } else { -1.0 },
                _ => f64::from_bits(r >> 2 | 0x3000_0000_0000_0000),
            };
            assert_eq!(decimal_of(x).ok(), decimal_of_by_formatting(x), "{x:e}");
        }
        for x in [0.1, 0.2, 0.3, 1.005, 2.675, 1e-5, 123456.789, 4503599627370495.5, 0.30000000000000004] {
            assert_eq!(decimal_of(x).ok(), decimal_of_by_formatting(x), "{x:e}");
        }
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
    fn long_mantissas_round_like_the_decimal_string() {
        for (a, b) in [(1000, 7), (1, 3), (2, 3), (123456789, 1000003), (-5, 7), (10, 3)] {
            let q = div(Decimal::from(a), Decimal::from(b), "").unwrap();
            assert_eq!(to_f64(q), q.to_string().parse::<f64>().unwrap(), "{a}/{b}");
            assert_eq!(to_f64(q), a as f64 / b as f64, "{a}/{b}");
        }
    }

    #[test]
    fn no_negative_zero() {
        let z = mul(Decimal::from(-1), Decimal::ZERO).unwrap();
        assert!(to_f64(z).is_sign_positive());
    }
}
