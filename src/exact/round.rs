//! Rounding an exact value to the nearest double: the one rounding step (ties to even,
//! subnormals included) that the big-fraction path and the decimal path share, and the
//! decimal path itself in fixed-width integers.
//!
//! Hand-written rather than a crate: what is needed is `m / 10^s` for a `Decimal`'s
//! mantissa and scale, correctly rounded. rust_decimal's `to_f64` is not correctly
//! rounded, and going through text (`"{m}e-{s}"` and `str::parse`, the previous route)
//! formats and parses a number per result.

/// The correctly rounded double of `±(q + ε) · 2^e`, where `q` holds at least 55
/// significant bits (so two rounding bits follow the 53 of the significand) and `ε` is a
/// positive fraction below one exactly when `sticky` is set (the discarded remainder).
/// ±infinity beyond the double range.
pub(crate) fn round_to_f64(q: u64, sticky: bool, e: i64, negative: bool) -> f64 {
    let width = 64 - i64::from(q.leading_zeros());
    // Bits of q below the significand: those beyond 53, or more where the result is
    // subnormal (the last significand bit of a double is never below 2^-1074).
    let drop = (width - 53).max(-1074 - e);
    let exp = e + drop;
    // A drop of 64 or more leaves less than half of 2^-1074 (q < 2^57): zero.
    let m = if drop >= 64 {
        0
    } else {
        let drop = drop as u32;
        let m = q >> drop;
        let rest = q & ((1u64 << drop) - 1);
        let half = 1u64 << (drop - 1);
        let up = rest > half || (rest == half && (sticky || m & 1 == 1));
        m + u64::from(up)
    };
    let x = if m == 0 { 0.0 } else { libm::ldexp(m as f64, exp.clamp(-2200, 2200) as i32) };
    if negative {
        -x
    } else {
        x
    }
}

/// The correctly rounded double of `mantissa / 10^scale` (a `Decimal`'s parts:
/// |mantissa| < 2^96, scale ≤ 28), by integer division; `None` outside those bounds.
///
/// `10^s = 5^s · 2^s`, and the `2^s` is only an exponent, so the division is by `5^s`
/// (below 2^66). With `e = bits(n) − bits(5^s) − 55`, `q = ⌊n · 2^−e / 5^s⌋` lies in
/// [2^54, 2^56) and every operand fits in a `u128`: `n · 2^−e` has `bits(5^s) + 55 ≤ 121`
/// bits, `5^s · 2^e` has `bits(n) − 55 ≤ 41`.
pub(crate) fn decimal_parts_to_f64(mantissa: i128, scale: u32) -> Option<f64> {
    let n = mantissa.unsigned_abs();
    if n == 0 {
        return Some(0.0);
    }
    if n >> 96 != 0 || scale > 28 {
        return None;
    }
    let d = 5u128.checked_pow(scale)?;
    let bits = |x: u128| 128 - i64::from(x.leading_zeros());
    let e = bits(n) - bits(d) - 55;
    let (num, den) = if e >= 0 { (n, d << e) } else { (n << -e, d) };
    let q = u64::try_from(num / den).ok()?;
    Some(round_to_f64(q, num % den != 0, e - i64::from(scale), mantissa < 0))
}
