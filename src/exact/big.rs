//! The few big-integer operations the exact fallback needs: add, subtract, multiply,
//! compare, shift, powers of ten, and the 56-bit quotient that rounding to a double takes.
//!
//! Written here rather than taken from num-bigint because every spreadsheet downloads the
//! functions WASM: num-bigint (general multiplication and division algorithms, formatting,
//! parsing) grew it by more than 20%, these ~150 lines by a few percent. Speed does not
//! matter on this path (values beyond rust_decimal's 28 digits are rare); correctness is
//! checked bit for bit against Python's exact fractions (tests/oracle/exact_oracle.py).

use std::cmp::Ordering;

/// A non-negative integer: little-endian 32-bit limbs, no high zero limbs.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
struct Mag(Vec<u32>);

impl Mag {
    fn from_u128(mut x: u128) -> Mag {
        let mut v = Vec::new();
        while x != 0 {
            v.push(x as u32);
            x >>= 32;
        }
        Mag(v)
    }
    fn trim(mut self) -> Mag {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
        self
    }
    fn is_zero(&self) -> bool {
        self.0.is_empty()
    }
    fn bits(&self) -> u64 {
        match self.0.last() {
            None => 0,
            Some(&top) => 32 * self.0.len() as u64 - u64::from(top.leading_zeros()),
        }
    }
    fn cmp(&self, o: &Mag) -> Ordering {
        self.0.len().cmp(&o.0.len()).then_with(|| self.0.iter().rev().cmp(o.0.iter().rev()))
    }
    fn add(&self, o: &Mag) -> Mag {
        let (long, short) = if self.0.len() >= o.0.len() { (self, o) } else { (o, self) };
        let mut out = Vec::with_capacity(long.0.len() + 1);
        let mut carry = 0u64;
        for (i, &a) in long.0.iter().enumerate() {
            let s = u64::from(a) + u64::from(*short.0.get(i).unwrap_or(&0)) + carry;
            out.push(s as u32);
            carry = s >> 32;
        }
        if carry != 0 {
            out.push(carry as u32);
        }
        Mag(out)
    }
    /// `self − o` for `self ≥ o`.
    fn sub(&self, o: &Mag) -> Mag {
        let mut out = Vec::with_capacity(self.0.len());
        let mut borrow = 0i64;
        for (i, &a) in self.0.iter().enumerate() {
            let mut d = i64::from(a) - i64::from(*o.0.get(i).unwrap_or(&0)) - borrow;
            borrow = 0;
            if d < 0 {
                d += 1 << 32;
                borrow = 1;
            }
            out.push(d as u32);
        }
        Mag(out).trim()
    }
    fn mul(&self, o: &Mag) -> Mag {
        if self.is_zero() || o.is_zero() {
            return Mag::default();
        }
        let mut out = vec![0u32; self.0.len() + o.0.len()];
        for (i, &a) in self.0.iter().enumerate() {
            let mut carry = 0u64;
            for (j, &b) in o.0.iter().enumerate() {
                let t = u64::from(a) * u64::from(b) + u64::from(out[i + j]) + carry;
                out[i + j] = t as u32;
                carry = t >> 32;
            }
            out[i + o.0.len()] = carry as u32;
        }
        Mag(out).trim()
    }
    fn shl(&self, k: u64) -> Mag {
        if self.is_zero() {
            return Mag::default();
        }
        let (limbs, bits) = ((k / 32) as usize, (k % 32) as u32);
        let mut out = vec![0u32; limbs];
        let mut carry = 0u32;
        for &a in &self.0 {
            if bits == 0 {
                out.push(a);
            } else {
                out.push((a << bits) | carry);
                carry = a >> (32 - bits);
            }
        }
        if carry != 0 {
            out.push(carry);
        }
        Mag(out)
    }
    fn to_u128(&self) -> Option<u128> {
        if self.0.len() > 4 {
            return None;
        }
        Some(self.0.iter().rev().fold(0u128, |acc, &l| (acc << 32) | u128::from(l)))
    }
}

/// A signed big integer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BigInt {
    negative: bool,
    mag: Mag,
}

impl BigInt {
    /// `x`.
    pub fn from_i128(x: i128) -> BigInt {
        BigInt { negative: x < 0, mag: Mag::from_u128(x.unsigned_abs()) }
    }
    fn of(negative: bool, mag: Mag) -> BigInt {
        BigInt { negative: negative && !mag.is_zero(), mag }
    }
    /// 10^k.
    pub fn pow10(k: u32) -> BigInt {
        let mut m = Mag::from_u128(1);
        let mut left = k;
        while left > 0 {
            let step = left.min(38);
            m = m.mul(&Mag::from_u128(10u128.pow(step)));
            left -= step;
        }
        BigInt::of(false, m)
    }
    /// Whether this is zero.
    pub fn is_zero(&self) -> bool {
        self.mag.is_zero()
    }
    /// Whether this is below zero.
    pub fn is_negative(&self) -> bool {
        self.negative
    }
    /// `−self`.
    pub fn neg(&self) -> BigInt {
        BigInt::of(!self.negative, self.mag.clone())
    }
    /// `self + o`.
    pub fn add(&self, o: &BigInt) -> BigInt {
        if self.negative == o.negative {
            return BigInt::of(self.negative, self.mag.add(&o.mag));
        }
        match self.mag.cmp(&o.mag) {
            Ordering::Less => BigInt::of(o.negative, o.mag.sub(&self.mag)),
            _ => BigInt::of(self.negative, self.mag.sub(&o.mag)),
        }
    }
    /// `self × o`.
    pub fn mul(&self, o: &BigInt) -> BigInt {
        BigInt::of(self.negative != o.negative, self.mag.mul(&o.mag))
    }
    /// The value, if it fits an i128.
    pub fn to_i128(&self) -> Option<i128> {
        let m = i128::try_from(self.mag.to_u128()?).ok()?;
        Some(if self.negative { -m } else { m })
    }
    /// The exact order.
    pub fn cmp(&self, o: &BigInt) -> Ordering {
        match (self.negative, o.negative) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => self.mag.cmp(&o.mag),
            (true, true) => o.mag.cmp(&self.mag),
        }
    }
}

/// The correctly rounded double of `numer / denom` (`denom` ≠ 0), ties to even,
/// subnormals included; ±infinity beyond the double range.
pub fn ratio_to_f64(numer: &BigInt, denom: &BigInt) -> f64 {
    if numer.is_zero() {
        return 0.0;
    }
    let negative = numer.negative != denom.negative;
    let (n, d) = (&numer.mag, &denom.mag);
    // With e = bits(n) − bits(d) − 55, q = ⌊n / (d·2^e)⌋ lies in [2^54, 2^56): 53
    // significant bits, the rounding bits after them, and the remainder as a sticky bit.
    let e = n.bits() as i64 - d.bits() as i64 - 55;
    let (mut rest, den) = if e >= 0 { (n.clone(), d.shl(e as u64)) } else { (n.shl(e.unsigned_abs()), d.clone()) };
    // Long division, one bit at a time: only 56 quotient bits are ever needed.
    let mut q = 0u64;
    for bit in (0..57).rev() {
        let step = den.shl(bit);
        if rest.cmp(&step) != Ordering::Less {
            rest = rest.sub(&step);
            q |= 1 << bit;
        }
    }
    super::round::round_to_f64(q, !rest.is_zero(), e, negative)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn big(x: i128) -> BigInt {
        BigInt::from_i128(x)
    }

    #[test]
    fn arithmetic_matches_i128() {
        let xs = [0i128, 1, -1, 7, -12345, 1 << 40, -(1 << 62), 99_999_999_999_999_999, i64::MAX as i128];
        for &a in &xs {
            for &b in &xs {
                assert_eq!(big(a).add(&big(b)).to_i128(), Some(a + b), "{a} + {b}");
                assert_eq!(big(a).add(&big(b).neg()).to_i128(), Some(a - b), "{a} - {b}");
                assert_eq!(big(a).mul(&big(b)).to_i128(), a.checked_mul(b), "{a} * {b}");
                assert_eq!(big(a).cmp(&big(b)), a.cmp(&b), "{a} <> {b}");
            }
        }
        assert_eq!(BigInt::pow10(30).to_i128(), Some(10i128.pow(30)));
        assert_eq!(BigInt::pow10(40).to_i128(), None);
        assert_eq!(BigInt::pow10(40).cmp(&BigInt::pow10(39)), Ordering::Greater);
    }

    #[test]
    fn rounding_ties_to_even_and_subnormals() {
        let one = big(1);
        let two53 = big(1 << 53);
        // 2^53 + 1 is a tie between 2^53 and 2^53 + 2: even wins; 2^53 + 3 rounds up.
        assert_eq!(ratio_to_f64(&two53.add(&one), &one), 9007199254740992.0);
        assert_eq!(ratio_to_f64(&two53.add(&big(3)), &one), 9007199254740996.0);
        // The smallest subnormal, half of it (a tie to even: 0), three halves (up to 2 units).
        let d = Mag::from_u128(1).shl(1074);
        let d = BigInt::of(false, d);
        assert_eq!(ratio_to_f64(&one, &d), 5e-324);
        assert_eq!(ratio_to_f64(&one, &d.mul(&big(2))), 0.0);
        assert_eq!(ratio_to_f64(&big(3), &d.mul(&big(2))), 1e-323);
        assert_eq!(ratio_to_f64(&big(-1), &big(3)), -1.0 / 3.0);
        assert_eq!(ratio_to_f64(&big(1), &big(-3)), -1.0 / 3.0);
        // Beyond the largest double.
        assert_eq!(ratio_to_f64(&BigInt::pow10(309), &one), f64::INFINITY);
        assert_eq!(ratio_to_f64(&BigInt::pow10(308), &one), 1e308);
    }
}
