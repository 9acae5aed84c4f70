//! The standard normal distribution, for the A/B-test statistics.
//!
//! Decimal has no `erfc` or normal quantile, so these are f64. They use only IEEE
//! basic operations, `sqrt` (correctly rounded everywhere) and the pure-Rust `libm`
//! crate's `erfc` and `log` (musl's algorithms, < 1 ulp), never the platform's libm:
//! the same source compiles to the same bits natively and in WebAssembly.

use std::f64::consts::FRAC_1_SQRT_2;

/// P(Z > z) for a standard normal Z. Its relative error is about z² times that of z
/// itself (the tail's steepness), plus an ulp or two.
pub fn upper_tail(z: f64) -> f64 {
    0.5 * erfc(z * FRAC_1_SQRT_2)
}

/// The complementary error function, erfc(x) = 2·P(Z > x·√2), to within an ulp or so.
/// It keeps full relative precision far into the tail, where 1 − Φ would cancel.
pub fn erfc(x: f64) -> f64 {
    libm::erfc(x)
}

/// Φ⁻¹(p): the z with P(Z ≤ z) = p, for 0 < p < 1 (NaN outside).
///
/// Wichura's algorithm AS 241 (PPND16, Applied Statistics 37, 1988), accurate to
/// about 1 part in 10^16; the coefficients are the published ones.
pub fn quantile(p: f64) -> f64 {
    if !(p > 0.0 && p < 1.0) {
        return f64::NAN;
    }
    let q = p - 0.5;
    if q.abs() <= 0.425 {
        let r = 0.180625 - q * q;
        return q * poly(&A, r) / poly(&B, r);
    }
    let r = if q < 0.0 { p } else { 1.0 - p };
    let r = libm::sqrt(-libm::log(r));
    let z = if r <= 5.0 {
        let r = r - 1.6;
        poly(&C, r) / poly(&D, r)
    } else {
        let r = r - 5.0;
        poly(&E, r) / poly(&F, r)
    };
    if q < 0.0 {
        -z
    } else {
        z
    }
}

/// Σ c[i]·x^i by Horner's rule, highest power first (the order AS 241 evaluates).
fn poly(c: &[f64; 8], x: f64) -> f64 {
    c.iter().rev().fold(0.0, |acc, &k| acc * x + k)
}

/// AS 241 coefficients, lowest power first; the denominators' constant term is 1.
#[allow(clippy::excessive_precision)]
const A: [f64; 8] = [
    3.387132872796366608,
    133.14166789178437745,
    1971.5909503065514427,
    13731.693765509461125,
    45921.953931549871457,
    67265.770927008700853,
    33430.575583588128105,
    2509.0809287301226727,
];
#[allow(clippy::excessive_precision)]
const B: [f64; 8] = [
    1.0,
    42.313330701600911252,
    687.1870074920579083,
    5394.1960214247511077,
    21213.794301586595867,
    39307.89580009271061,
    28729.085735721942674,
    5226.495278852854561,
];
#[allow(clippy::excessive_precision)]
const C: [f64; 8] = [
    1.42343711074968357734,
    4.6303378461565452959,
    5.7694972214606914055,
    3.64784832476320460504,
    1.27045825245236838258,
    0.24178072517745061177,
    0.0227238449892691845833,
    7.7454501427834140764e-4,
];
#[allow(clippy::excessive_precision)]
const D: [f64; 8] = [
    1.0,
    2.05319162663775882187,
    1.6763848301838038494,
    0.68976733498510000455,
    0.14810397642748007459,
    0.0151986665636164571966,
    5.475938084995344946e-4,
    1.05075007164441684324e-9,
];
#[allow(clippy::excessive_precision)]
const E: [f64; 8] = [
    6.6579046435011037772,
    5.4637849111641143699,
    1.7848265399172913358,
    0.29656057182850489123,
    0.026532189526576123093,
    0.0012426609473880784386,
    2.71155556874348757815e-5,
    2.01033439929228813265e-7,
];
#[allow(clippy::excessive_precision)]
const F: [f64; 8] = [
    1.0,
    0.59983220655588793769,
    0.13692988092273580531,
    0.0148753612908506148525,
    7.868691311456132591e-4,
    1.8463183175100546818e-5,
    1.4215117583164458887e-7,
    2.04426310338993978564e-15,
];

#[cfg(test)]
mod tests {
    use super::*;

    // Expected values: Python 3.11, scipy 1.17.1, `scipy.stats.norm.ppf(p)`.
    #[test]
    fn quantiles_match_scipy() {
        for (p, z) in [
            (0.975, 1.959963984540054),
            (0.8, 0.8416212335729143),
            (0.95, 1.6448536269514722),
            (0.995, 2.5758293035489004),
            (1e-12, -7.034483825301131),
        ] {
            let got = quantile(p);
            assert!((got - z).abs() <= 4.0 * f64::EPSILON * z.abs(), "{p}: {got} vs {z}");
        }
        assert!(quantile(0.0).is_nan() && quantile(1.0).is_nan() && quantile(f64::NAN).is_nan());
    }

    // Expected values: Python 3.11, mpmath 1.3.0 at 50 digits,
    // `float(mpmath.erfc(mpmath.mpf(z) / mpmath.sqrt(2)) / 2)`.
    #[test]
    fn tails_match_mpmath() {
        for (z, p) in [
            (1.959963984540054, 0.025000000000000012),
            (0.0, 0.5),
            (-1.0, 0.8413447460685429),
            (8.0, 6.220960574271784e-16),
        ] {
            let got = upper_tail(z);
            // The z argument itself is rounded: allow (1 + z²) · 4 ulps.
            assert!((got - p).abs() <= (1.0 + z * z) * 4.0 * f64::EPSILON * p, "{z}: {got} vs {p}");
        }
    }
}
