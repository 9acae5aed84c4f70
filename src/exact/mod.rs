//! Exact numbers over every finite double: `rust_decimal` where it is exact, big rationals
//! where it is not.
//!
//! A spreadsheet can send any finite double (5.55e-17 is what `=0.1+0.2-0.3` leaves in a
//! cell; 1e300 is a valid number) and KPIs multiply and divide them. `Decimal` holds 28
//! decimal places and about 7.9e28, so on its own it rounds tiny values and refuses huge
//! ones. [`Exact`] keeps `Decimal` as the fast path (no allocation, the common case) and
//! checks every operation for exactness; whatever does not fit falls back to a fraction
//! of big integers ([`big`], pure Rust). A result leaves through [`Exact::to_f64`], the
//! correctly rounded nearest double.
//!
//! The fallback fraction is kept unreduced on purpose: reducing needs a gcd, code the
//! functions WASM that every spreadsheet downloads does not need. KPI formulas are a few
//! steps long, and sums add fractions of equal denominators, so numbers stay small.

mod big;
mod round;

pub use big::ratio_to_f64;
pub(crate) use round::decimal_parts_to_f64;

use big::BigInt;
use rust_decimal::Decimal;
use std::cmp::Ordering;

/// An exact rational number.
#[derive(Clone, Debug)]
pub enum Exact {
    /// A decimal known to be exact (every input the user typed, sums, products).
    Dec(Decimal),
    /// The exact quotient `n / d` of two exact decimals (`d` not zero), kept unreduced so
    /// that a KPI's final division (`ROAS(1, 3)`) needs no allocation; further arithmetic
    /// on it goes to [`Exact::Big`].
    Quot(Decimal, Decimal),
    /// Anything else, as a fraction of big integers.
    Big(Box<Ratio>),
}

/// `n / d` with `d` > 0, not reduced.
#[derive(Clone, Debug)]
pub struct Ratio {
    n: BigInt,
    d: BigInt,
}

impl Ratio {
    fn add(&self, o: &Ratio) -> Ratio {
        if self.d == o.d {
            // Sums of cells typed at one scale share a denominator: no growth.
            return Ratio { n: self.n.add(&o.n), d: self.d.clone() };
        }
        Ratio { n: self.n.mul(&o.d).add(&o.n.mul(&self.d)), d: self.d.mul(&o.d) }
    }
    fn mul(&self, o: &Ratio) -> Ratio {
        Ratio { n: self.n.mul(&o.n), d: self.d.mul(&o.d) }
    }
    /// `self / o` for a non-zero `o`.
    fn div(&self, o: &Ratio) -> Ratio {
        let (n, d) = (self.n.mul(&o.d), self.d.mul(&o.n));
        if d.is_negative() {
            Ratio { n: n.neg(), d: d.neg() }
        } else {
            Ratio { n, d }
        }
    }
    fn cmp(&self, o: &Ratio) -> Ordering {
        self.n.mul(&o.d).cmp(&o.n.mul(&self.d))
    }
}

/// 2^53: every integer below it is an exact double.
const EXACT_INT: u128 = 1 << 53;
/// 2^96: the largest mantissa a `Decimal` holds, plus one.
const DEC_LIMIT: u128 = 1 << 96;
/// `Decimal`'s largest scale.
const MAX_SCALE: u32 = 28;

/// 10^k as an i128, for k up to 38.
fn pow10_i128(k: u32) -> Option<i128> {
    10i128.checked_pow(k)
}

/// A `Decimal` from an exact mantissa and scale, if it fits without rounding.
fn decimal_from(m: i128, scale: u32) -> Option<Decimal> {
    let (mut m, mut scale) = (m, scale);
    // Trailing zeros beyond Decimal's scale can be dropped exactly.
    while scale > MAX_SCALE && m % 10 == 0 {
        m /= 10;
        scale -= 1;
    }
    if scale > MAX_SCALE || m.unsigned_abs() >= DEC_LIMIT {
        return None;
    }
    Decimal::try_from_i128_with_scale(m, scale).ok()
}

/// The fraction of a decimal: mantissa / 10^scale.
fn big_of_decimal(d: &Decimal) -> Ratio {
    Ratio { n: BigInt::from_i128(d.mantissa()), d: BigInt::pow10(d.scale()) }
}

impl Exact {
    /// Zero.
    pub const ZERO: Exact = Exact::Dec(Decimal::ZERO);
    /// One.
    pub const ONE: Exact = Exact::Dec(Decimal::ONE);

    /// An integer.
    pub fn int(i: i64) -> Exact {
        Exact::Dec(Decimal::from(i))
    }

    /// The exact value of the digits a user typed: `mantissa × 10^exponent`.
    pub fn from_digits(mantissa: i128, exponent: i32) -> Exact {
        if exponent <= 0 {
            if let Some(d) = decimal_from(mantissa, exponent.unsigned_abs()) {
                return Exact::Dec(d);
            }
        } else if let Some(m) = pow10_i128(exponent as u32).and_then(|p| mantissa.checked_mul(p)) {
            if let Some(d) = decimal_from(m, 0) {
                return Exact::Dec(d);
            }
        }
        let m = BigInt::from_i128(mantissa);
        let r = if exponent >= 0 {
            Ratio { n: m.mul(&BigInt::pow10(exponent as u32)), d: BigInt::from_i128(1) }
        } else {
            Ratio { n: m, d: BigInt::pow10(exponent.unsigned_abs()) }
        };
        Exact::Big(Box::new(r))
    }

    /// The value as a fraction of big integers (allocates; the slow path).
    fn big(&self) -> Ratio {
        match self {
            Exact::Dec(d) => big_of_decimal(d),
            Exact::Quot(n, d) => big_of_decimal(n).div(&big_of_decimal(d)),
            Exact::Big(r) => (**r).clone(),
        }
    }

    fn from_big(r: Ratio) -> Exact {
        // Back to a decimal where one holds it exactly, so later steps stay fast.
        if let (Some(n), Some(d)) = (r.n.to_i128(), r.d.to_i128()) {
            if n % d == 0 {
                if let Some(dec) = decimal_from(n / d, 0) {
                    return Exact::Dec(dec);
                }
            }
        }
        Exact::Big(Box::new(r))
    }

    /// The decimal, if this is one.
    pub fn as_decimal(&self) -> Option<Decimal> {
        match self {
            Exact::Dec(d) => Some(*d),
            _ => None,
        }
    }

    /// Whether the value is zero.
    pub fn is_zero(&self) -> bool {
        match self {
            Exact::Dec(d) => d.is_zero(),
            Exact::Quot(n, _) => n.is_zero(),
            Exact::Big(r) => r.n.is_zero(),
        }
    }

    /// Whether the value is below zero.
    pub fn is_negative(&self) -> bool {
        match self {
            Exact::Dec(d) => d.is_sign_negative() && !d.is_zero(),
            Exact::Quot(n, d) => !n.is_zero() && (n.is_sign_negative() != d.is_sign_negative()),
            Exact::Big(r) => r.n.is_negative(),
        }
    }

    /// `self + other`, exactly.
    pub fn add(&self, other: &Exact) -> Exact {
        if let (Exact::Dec(a), Exact::Dec(b)) = (self, other) {
            // rust_decimal aligns to the larger scale and only ever rounds by giving up
            // scale, so a sum that keeps that scale is exact.
            if let Some(sum) = a.checked_add(*b) {
                if sum.scale() == a.scale().max(b.scale()) {
                    return Exact::Dec(sum);
                }
            }
        }
        Exact::from_big(self.big().add(&other.big()))
    }

    /// `self − other`, exactly.
    pub fn sub(&self, other: &Exact) -> Exact {
        self.add(&other.neg())
    }

    /// `−self`.
    pub fn neg(&self) -> Exact {
        match self {
            Exact::Dec(d) => Exact::Dec(-*d),
            Exact::Quot(n, d) => Exact::Quot(-*n, *d),
            Exact::Big(r) => Exact::Big(Box::new(Ratio { n: r.n.neg(), d: r.d.clone() })),
        }
    }

    /// `self × other`, exactly.
    pub fn mul(&self, other: &Exact) -> Exact {
        if let (Exact::Dec(a), Exact::Dec(b)) = (self, other) {
            // Likewise a product that keeps the sum of the scales was not rounded.
            if let Some(p) = a.checked_mul(*b) {
                if p.scale() == a.scale() + b.scale() {
                    return Exact::Dec(p);
                }
            }
        }
        Exact::from_big(self.big().mul(&other.big()))
    }

    /// `self / other`, exactly; `None` when `other` is zero.
    pub fn div(&self, other: &Exact) -> Option<Exact> {
        if other.is_zero() {
            return None;
        }
        if let (Exact::Dec(a), Exact::Dec(b)) = (self, other) {
            // Where one mantissa divides the other the quotient is a decimal (CAC(5000, 50));
            // otherwise the exact quotient is kept as it is, with no long division at all:
            // most KPIs end in this division, and rounding it to a double takes one IEEE
            // division of two exact integers (`quot_to_f64`).
            let (ma, mb) = (a.mantissa(), b.mantissa());
            // i64 where the mantissas fit: i128 remainders are a slow library call in wasm32.
            let divides = match (i64::try_from(ma), i64::try_from(mb)) {
                (Ok(x), Ok(y)) => x.checked_rem(y) == Some(0),
                _ => ma.checked_rem(mb) == Some(0),
            };
            if divides {
                let q = ma / mb;
                let (sa, sb) = (a.scale(), b.scale());
                let exact = if sa >= sb {
                    decimal_from(q, sa - sb)
                } else {
                    pow10_i128(sb - sa).and_then(|p| q.checked_mul(p)).and_then(|m| decimal_from(m, 0))
                };
                if let Some(d) = exact {
                    return Some(Exact::Dec(d));
                }
            }
            return Some(Exact::Quot(*a, *b));
        }
        Some(Exact::from_big(self.big().div(&other.big())))
    }

    /// The exact order of two values.
    pub fn cmp_exact(&self, other: &Exact) -> Ordering {
        match (self, other) {
            (Exact::Dec(a), Exact::Dec(b)) => a.cmp(b),
            _ => self.big().cmp(&other.big()),
        }
    }

    /// The correctly rounded nearest double (ties to even); ±infinity beyond the double
    /// range. Never −0.
    pub fn to_f64(&self) -> f64 {
        let x = match self {
            Exact::Dec(d) => crate::num::decimal_to_f64(*d),
            Exact::Quot(n, d) => quot_to_f64(n, d),
            Exact::Big(r) => ratio_to_f64(&r.n, &r.d),
        };
        if x == 0.0 {
            0.0
        } else {
            x
        }
    }
}

impl PartialEq for Exact {
    fn eq(&self, other: &Exact) -> bool {
        self.cmp_exact(other) == Ordering::Equal
    }
}

impl PartialOrd for Exact {
    fn partial_cmp(&self, other: &Exact) -> Option<Ordering> {
        Some(self.cmp_exact(other))
    }
}

/// `+`, `−`, `×` for owned and borrowed operands alike, all exact.
macro_rules! exact_op {
    ($trait:ident, $method:ident) => {
        impl std::ops::$trait<&Exact> for &Exact {
            type Output = Exact;
            fn $method(self, rhs: &Exact) -> Exact {
                Exact::$method(self, rhs)
            }
        }
        impl std::ops::$trait<Exact> for Exact {
            type Output = Exact;
            fn $method(self, rhs: Exact) -> Exact {
                Exact::$method(&self, &rhs)
            }
        }
        impl std::ops::$trait<&Exact> for Exact {
            type Output = Exact;
            fn $method(self, rhs: &Exact) -> Exact {
                Exact::$method(&self, rhs)
            }
        }
        impl std::ops::$trait<Exact> for &Exact {
            type Output = Exact;
            fn $method(self, rhs: Exact) -> Exact {
                Exact::$method(self, &rhs)
            }
        }
    };
}
exact_op!(Add, add);
exact_op!(Sub, sub);
exact_op!(Mul, mul);

impl std::ops::Neg for Exact {
    type Output = Exact;
    fn neg(self) -> Exact {
        Exact::neg(&self)
    }
}

impl From<Decimal> for Exact {
    fn from(d: Decimal) -> Exact {
        Exact::Dec(d)
    }
}

/// `n / d` for two decimals: one IEEE division when both scaled integers are exact
/// doubles (then the division itself rounds correctly), else the big-rational way.
fn quot_to_f64(n: &Decimal, d: &Decimal) -> f64 {
    // n / d = (mn·10^sd) / (md·10^sn): only the difference of the scales needs applying.
    // Done in i64 (native in wasm32, unlike i128) for mantissas below 2^53.
    let (mn, md) = (n.mantissa(), d.mantissa());
    if let (Ok(mn), Ok(md)) = (i64::try_from(mn), i64::try_from(md)) {
        let (sn, sd) = (n.scale(), d.scale());
        let (num, den) = if sn >= sd {
            (Some(mn), 10i64.checked_pow(sn - sd).and_then(|p| md.checked_mul(p)))
        } else {
            (10i64.checked_pow(sd - sn).and_then(|p| mn.checked_mul(p)), Some(md))
        };
        if let (Some(a), Some(b)) = (num, den) {
            if u128::from(a.unsigned_abs()) < EXACT_INT && u128::from(b.unsigned_abs()) < EXACT_INT {
                return a as f64 / b as f64;
            }
        }
    }
    let r = big_of_decimal(n).div(&big_of_decimal(d));
    ratio_to_f64(&r.n, &r.d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Exact {
        Exact::Dec(s.parse().unwrap())
    }

    #[test]
    fn decimal_fast_path_stays_decimal() {
        assert!(matches!(dec("0.1").add(&dec("0.2")), Exact::Dec(_)));
        assert_eq!(dec("0.1").add(&dec("0.2")).to_f64(), 0.3);
        assert!(matches!(dec("5000").div(&dec("50")).unwrap(), Exact::Dec(d) if d == rust_decimal::Decimal::from(100)));
        assert!(matches!(dec("1.5").div(&dec("0.05")).unwrap(), Exact::Dec(d) if d == rust_decimal::Decimal::from(30)));
        assert_eq!(dec("1").div(&dec("4")).unwrap().to_f64(), 0.25);
        assert!(matches!(dec("1").div(&dec("3")).unwrap(), Exact::Quot(..)));
        assert_eq!(dec("1").div(&dec("3")).unwrap().to_f64(), 1.0 / 3.0);
    }

    #[test]
    fn tiny_and_huge_are_exact() {
        // 1 / 3e14: Decimal alone would keep only 14 significant digits.
        let q = dec("1").div(&dec("300000000000000")).unwrap();
        assert_eq!(q.to_f64(), 3.3333333333333332e-15); // float(Fraction(1, 3 * 10**14))
        // 1e-28 / 3: below Decimal's scale.
        let q = Exact::from_digits(1, -28).div(&dec("3")).unwrap();
        assert_eq!(q.to_f64(), 3.3333333333333334e-29); // float(Fraction(1, 3 * 10**28))
        // 1e10 cubed is beyond Decimal's range.
        let big = dec("10000000000");
        assert_eq!(big.mul(&big).mul(&big).to_f64(), 1e30);
        // Beyond the double range.
        let huge = Exact::from_digits(1, 308);
        assert_eq!(huge.mul(&huge).to_f64(), f64::INFINITY);
    }
}
