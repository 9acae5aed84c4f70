//! The special functions the CLV models need, built only from the `libm` crate and the
//! basic operations, so that every host computes the same bits: natively `f64::ln` calls the
//! platform's libm and in wasm32 compiler-builtins' port, which may differ in the last bit.

/// ln Γ(x) for x > 0 (musl's `lgamma_r` through `libm`).
pub fn lgamma(x: f64) -> f64 {
    libm::lgamma_r(x).0
}

/// ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), for a, b > 0.
pub fn lbeta(a: f64, b: f64) -> f64 {
    lgamma(a) + lgamma(b) - lgamma(a + b)
}

/// The natural logarithm.
pub fn ln(x: f64) -> f64 {
    libm::log(x)
}

/// e^x.
pub fn exp(x: f64) -> f64 {
    libm::exp(x)
}

/// ln(1 + x), accurate for small x.
pub fn ln1p(x: f64) -> f64 {
    libm::log1p(x)
}

/// x^y.
pub fn pow(x: f64, y: f64) -> f64 {
    libm::pow(x, y)
}

/// ln(e^a + e^b) without overflow; −∞ terms are fine.
pub fn log_add_exp(a: f64, b: f64) -> f64 {
    if a == f64::NEG_INFINITY {
        return b;
    }
    if b == f64::NEG_INFINITY {
        return a;
    }
    let (hi, lo) = if a >= b { (a, b) } else { (b, a) };
    hi + ln1p(exp(lo - hi))
}

/// The digamma function ψ(x) = d/dx ln Γ(x), for x > 0: the recurrence ψ(x) = ψ(x+1) − 1/x
/// up to x ≥ 10, then the asymptotic series (error below 1e-16 relative there).
pub fn digamma(mut x: f64) -> f64 {
    if !(x > 0.0) || !x.is_finite() {
        return f64::NAN;
    }
    let mut acc = 0.0;
    while x < 10.0 {
        acc -= 1.0 / x;
        x += 1.0;
    }
    let inv = 1.0 / x;
    let inv2 = inv * inv;
    // Bernoulli numbers B_2k / (2k): 1/12, 1/120, 1/252, 1/240, 1/132, 691/32760, 1/12.
    let series = inv2
        * (1.0 / 12.0
            - inv2 * (1.0 / 120.0 - inv2 * (1.0 / 252.0 - inv2 * (1.0 / 240.0 - inv2 * (1.0 / 132.0 - inv2 * (691.0 / 32760.0 - inv2 / 12.0))))));
    acc + ln(x) - 0.5 * inv - series
}

/// The most terms a hypergeometric series may take before it is given up (NaN): with z up to
/// about 0.9995 and parameters up to a few thousand it converges well within this.
const MAX_TERMS: usize = 1_000_000;

/// The Gauss hypergeometric function ₂F₁(a, b; c; z) for 0 ≤ z < 1, by its power series.
///
/// Every caller in this crate has a, b, c > 0, so every term is positive and the sum is
/// accurate in relative terms (no cancellation); the tail after a term is at most
/// term · z / (1 − z) once the term ratio has fallen below z's limit, which is the stop rule.
/// NaN when the series does not converge in [`MAX_TERMS`] terms or the arguments are out of range.
pub fn hyp2f1(a: f64, b: f64, c: f64, z: f64) -> f64 {
    if !(0.0..1.0).contains(&z) || !a.is_finite() || !b.is_finite() || !c.is_finite() {
        return f64::NAN;
    }
    if z == 0.0 || a == 0.0 || b == 0.0 {
        return 1.0;
    }
    let mut sum = 1.0f64;
    let mut term = 1.0f64;
    let tail = z / (1.0 - z);
    for n in 0..MAX_TERMS {
        let nf = n as f64;
        let ratio = (a + nf) * (b + nf) / ((c + nf) * (nf + 1.0)) * z;
        term *= ratio;
        sum += term;
        if !sum.is_finite() {
            return f64::NAN;
        }
        // Once the ratio is below 1 and at most z/(…) bounds hold, the remaining tail is
        // below term·max(ratio, z)/(1 − max(ratio, z)).
        let r = if ratio > z { ratio } else { z };
        if r < 1.0 {
            let bound = term.abs() * if ratio > z { r / (1.0 - r) } else { tail };
            if bound <= 1e-17 * sum.abs() {
                return sum;
            }
        }
    }
    f64::NAN
}

/// The 16-point Gauss–Legendre rule on [−1, 1]: the 8 positive nodes and their weights,
/// computed once by Newton's method on P₁₆ (basic operations and `libm::cos` only, so the
/// table is the same bits everywhere), rather than typed in.
fn gauss_legendre_16() -> &'static ([f64; 8], [f64; 8]) {
    static RULE: std::sync::OnceLock<([f64; 8], [f64; 8])> = std::sync::OnceLock::new();
    RULE.get_or_init(|| {
        const N: usize = 16;
        let mut xs = [0.0; 8];
        let mut ws = [0.0; 8];
        for i in 0..8 {
            // The i-th largest root, from the usual cosine first guess.
            let mut x = libm::cos(core::f64::consts::PI * (i as f64 + 0.75) / (N as f64 + 0.5));
            let mut dp = 0.0;
            for _ in 0..100 {
                let (mut p0, mut p1) = (1.0f64, x);
                for k in 2..=N {
                    let kf = k as f64;
                    let p2 = ((2.0 * kf - 1.0) * x * p1 - (kf - 1.0) * p0) / kf;
                    p0 = p1;
                    p1 = p2;
                }
                dp = N as f64 * (x * p1 - p0) / (x * x - 1.0);
                let dx = p1 / dp;
                x -= dx;
                if dx.abs() < 1e-17 {
                    break;
                }
            }
            xs[i] = x;
            ws[i] = 2.0 / ((1.0 - x * x) * dp * dp);
        }
        (xs, ws)
    })
}

/// ∫ f over [lo, hi] by 16-point Gauss–Legendre (exact for polynomials of degree ≤ 31), in a fixed order (node pairs summed from
/// the ends in), so the result is the same bits on every host.
pub fn gauss_legendre(lo: f64, hi: f64, f: &dyn Fn(f64) -> f64) -> f64 {
    let (xs, ws) = gauss_legendre_16();
    let mid = 0.5 * (lo + hi);
    let half = 0.5 * (hi - lo);
    let mut sum = 0.0;
    for i in 0..8 {
        let d = half * xs[i];
        sum += ws[i] * (f(mid - d) + f(mid + d));
    }
    sum * half
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digamma_known_values() {
        // ψ(1) = −γ, ψ(1/2) = −γ − 2 ln 2, ψ(10) from mpmath.
        let euler = 0.577_215_664_901_532_9;
        assert!((digamma(1.0) + euler).abs() < 1e-15);
        assert!((digamma(0.5) + euler + 2.0 * core::f64::consts::LN_2).abs() < 1e-14);
        assert!((digamma(10.0) - 2.251_752_589_066_721).abs() < 1e-15);
    }

    #[test]
    fn digamma_is_the_derivative_of_lgamma() {
        for &x in &[0.05, 0.3, 1.7, 4.2, 25.0, 400.0] {
            let h = 1e-6 * x;
            let num = (lgamma(x + h) - lgamma(x - h)) / (2.0 * h);
            assert!((digamma(x) - num).abs() < 1e-7 * (1.0 + digamma(x).abs()), "x={x}");
        }
    }

    #[test]
    fn hyp2f1_closed_forms() {
        // ₂F₁(1, 1; 2; z) = −ln(1 − z)/z; ₂F₁(a, b; b; z) = (1 − z)^−a.
        for &z in &[1e-9, 0.1, 0.5, 0.9, 0.99] {
            let want = -ln1p(-z) / z;
            assert!((hyp2f1(1.0, 1.0, 2.0, z) / want - 1.0).abs() < 1e-14, "z={z}");
            let want = pow(1.0 - z, -2.5);
            assert!((hyp2f1(2.5, 3.0, 3.0, z) / want - 1.0).abs() < 1e-13, "z={z}");
        }
        assert!(hyp2f1(1.0, 1.0, 2.0, 1.0).is_nan());
        assert_eq!(hyp2f1(1.0, 1.0, 2.0, 0.0), 1.0);
    }

    #[test]
    fn gauss_legendre_is_exact_for_polynomials_and_smooth_functions() {
        let v = gauss_legendre(0.0, 2.0, &|x| x.powi(7));
        assert!((v - 32.0).abs() < 1e-12);
        let v = gauss_legendre(1.0, 3.0, &|x| 1.0 / x);
        assert!((v - ln(3.0)).abs() < 1e-15);
    }
}
