//! Numbers enter from f64 and leave as f64; in between they are exact ([`Exact`]).
//!
//! A cell's f64 becomes the decimal the user typed (its shortest round-trip form:
//! 0.1 is 0.1, not 0.1000000000000000055…), for every finite double. A result leaves as
//! the correctly rounded nearest f64 of the exact result, so `a / b` matches what
//! JavaScript, Excel and Sheets compute for whole numbers. rust_decimal's own `to_f64`
//! is not correctly rounded (1/3 gives 0.33333333333333337), hence the conversions here.

use crate::error::{KpiError, KpiResult};
pub use crate::exact::Exact;
use rust_decimal::Decimal;
use std::borrow::Borrow;
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
    /// Beyond about ±7.9e28, or needing more than 28 decimal places: no `Decimal` holds it
    /// (an [`Exact`] does).
    OutOfDecimal,
}

/// The `#NUM!` error for a cell that holds NaN or an infinity, naming it (`"The spend input"`).
pub fn not_finite(subject: &str) -> KpiError {
    KpiError::num(format!("{subject} is not a finite number."))
}

/// The exact value of a cell's number, as typed (its shortest round-trip digits), for
/// every finite double; NaN and infinities are `#NUM!`.
pub fn to_exact(x: f64) -> KpiResult<Exact> {
    exact_of(x).ok_or_else(|| not_finite("A value"))
}

/// [`to_exact`] without building a message: the hot path for bound arguments.
pub fn exact_of(x: f64) -> Option<Exact> {
    match decimal_of(x) {
        Ok(d) => Some(Exact::Dec(d)),
        Err(NotExact::NotFinite) => None,
        Err(NotExact::OutOfDecimal) => {
            // `{:e}` prints the shortest round-trip digits, e.g. 5.551115123125783e-17.
            let mut buf = Buf::new();
            write!(buf, "{x:e}").ok()?;
            let (digits, exp) = buf.as_str().split_once('e')?;
            let exp: i32 = exp.parse().ok()?;
            let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
            let mantissa: i128 = format!("{int}{frac}").parse().ok()?;
            Some(Exact::from_digits(mantissa, exp - frac.len() as i32))
        }
    }
}

/// The exact decimal of a cell's number, as typed, where a `Decimal` holds it.
pub fn to_decimal(x: f64) -> KpiResult<Decimal> {
    decimal_of(x).map_err(|e| match e {
        NotExact::NotFinite => not_finite("A value"),
        NotExact::OutOfDecimal => KpiError::num("A value is too large or too small for a decimal."),
    })
}

/// The shortest round-trip decimal of `x`, where a `Decimal` holds it.
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
        return Err(NotExact::OutOfDecimal);
    }
    Decimal::from_scientific(buf.as_str()).map_err(|_| NotExact::OutOfDecimal)
}

/// The shortest-digits decimal through formatting alone: the reference the fast path must equal.
#[doc(hidden)]
pub fn decimal_of_by_formatting(x: f64) -> Option<Decimal> {
    let mut buf = Buf::new();
    write!(buf, "{x:e}").ok()?;
    Decimal::from_scientific(buf.as_str()).ok()
}

/// The correctly rounded nearest f64 of an exact decimal. Never returns -0.
pub fn decimal_to_f64(d: Decimal) -> f64 {
    if d.is_zero() {
        return 0.0;
    }
    let m = d.mantissa();
    let scale = d.scale();
    // Exact mantissa and exact power of ten: one IEEE division rounds correctly.
    if m.unsigned_abs() < EXACT_INT as u128 && (scale as usize) < POW10.len() {
        return m as f64 / POW10[scale as usize];
    }
    // Otherwise an exact integer division. A Decimal's parts are always within its bounds
    // (mantissa below 2^96, scale at most 28); NaN, were they not, is #NUM!, not a number.
    crate::exact::decimal_parts_to_f64(m, scale).unwrap_or(f64::NAN)
}

/// The decimal's exact value written as `<mantissa>e-<scale>` and parsed (Rust's parser
/// rounds correctly): the previous route, the reference [`decimal_to_f64`] must equal
/// bit for bit. Test-only, so that it adds nothing to the functions WASM.
#[cfg(test)]
fn decimal_to_f64_by_text(d: Decimal) -> f64 {
    let mut buf = Buf::new();
    match write!(buf, "{}e-{}", d.mantissa(), d.scale()) {
        Ok(()) => buf.as_str().parse().unwrap_or(f64::NAN),
        Err(_) => f64::NAN,
    }
}

/// `a / b`, exactly; a zero `b` is `#DIV/0!` with `why_zero` as its message.
pub fn div(a: impl Borrow<Exact>, b: impl Borrow<Exact>, why_zero: &'static str) -> KpiResult<Exact> {
    a.borrow().div(b.borrow()).ok_or_else(|| KpiError::div0(why_zero))
}

/// The correctly rounded nearest f64 of an exact result, or `#NUM!` beyond the double range.
pub fn to_f64(x: &Exact) -> KpiResult<f64> {
    let f = x.to_f64();
    if f.is_finite() {
        Ok(f)
    } else {
        Err(KpiError::overflow())
    }
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
    fn not_finite_is_num_and_every_finite_double_is_exact() {
        for x in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(to_exact(x).unwrap_err().kind, crate::ErrorKind::Num, "{x}");
        }
        for x in [1e308, -1e308, 1e29, 1e-30, 5e-324, f64::MAX, f64::MIN_POSITIVE, 5.551115123125783e-17] {
            assert_eq!(to_exact(x).unwrap().to_f64(), x, "{x:e}");
        }
    }

    #[test]
    fn one_third_is_correctly_rounded() {
        let third = div(Exact::ONE, Exact::int(3), "").unwrap();
        assert_eq!(third.to_f64(), 1.0 / 3.0);
        assert_eq!(third.to_f64(), 0.3333333333333333);
    }

    #[test]
    fn long_mantissas_round_like_the_decimal_string() {
        for (a, b) in [(1000, 7), (1, 3), (2, 3), (123456789, 1000003), (-5, 7), (10, 3)] {
            let q = Decimal::from(a).checked_div(Decimal::from(b)).unwrap();
            assert_eq!(decimal_to_f64(q), q.to_string().parse::<f64>().unwrap(), "{a}/{b}");
            let q = div(Exact::int(a), Exact::int(b), "").unwrap();
            assert_eq!(q.to_f64(), a as f64 / b as f64, "{a}/{b}");
        }
    }

    /// Mantissas at the edges: around powers of two (2^53 and the rounding bits) and of
    /// ten, and the largest a Decimal holds.
    fn edge_mantissas() -> Vec<i128> {
        let mut v = Vec::new();
        for k in 0..96 {
            for d in [-2i128, -1, 0, 1, 2] {
                v.push((1i128 << k) + d);
            }
        }
        for k in 0..29 {
            for d in [-1i128, 0, 1] {
                v.push(10i128.pow(k) + d);
            }
        }
        v.push((1i128 << 96) - 1);
        v.retain(|m| *m > 0 && *m < 1i128 << 96);
        v
    }

    #[test]
    fn integer_route_equals_text_route_at_the_edges() {
        for m in edge_mantissas() {
            for scale in 0..=28 {
                for m in [m, -m] {
                    let d = Decimal::from_i128_with_scale(m, scale);
                    let (a, b) = (decimal_to_f64(d), decimal_to_f64_by_text(d));
                    assert_eq!(a.to_bits(), b.to_bits(), "{m}e-{scale}");
                }
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(20_000))]
        #[test]
        fn integer_route_equals_text_route(
            m in proptest::prop_oneof![
                -(1i128 << 96) + 1..(1i128 << 96),
                -(1i128 << 60)..(1i128 << 60),
                (1i128 << 53) - 1000..(1i128 << 53) + 1000,
            ],
            shift in 0u32..96,
            scale in 0u32..=28,
        ) {
            // Also the short mantissas of every width (a random 96-bit one is nearly always long).
            for m in [m, m >> shift] {
                let d = Decimal::from_i128_with_scale(m, scale);
                proptest::prop_assert_eq!(decimal_to_f64(d).to_bits(), decimal_to_f64_by_text(d).to_bits(), "{}e-{}", m, scale);
            }
        }
    }

    #[test]
    fn no_negative_zero() {
        let z = Exact::int(-1) * Exact::ZERO;
        assert!(z.to_f64().is_sign_positive());
    }
}
