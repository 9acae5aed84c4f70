//! The Pareto/NBD model (Schmittlein, Morrison & Colombo 1987, "Counting your customers:
//! who are they and what will they do next?", Management Science 33(1), 1–24): while alive a
//! customer buys at Poisson rate λ ~ Gamma(r, α) and has an exponential lifetime with rate
//! μ ~ Gamma(s, β).
//!
//! The likelihood is Fader & Hardie's note 009 ("A note on deriving the Pareto/NBD model and
//! related expressions", 2005) eqs. (18)–(20), as lifetimes 0.11.3 writes it:
//! L = Γ(r+x) α^r β^s / Γ(r) · [ (α+T)^−(r+x) (β+T)^−s + s/(r+s+x) · A₀ ], where
//! A₀ = F(t_x) − F(T) and F(τ) = ₂F₁(r+s+x, t; r+s+x+1; |α−β|/(M+τ)) / (M+τ)^(r+s+x), with
//! M = max(α, β) and t = r+x when α < β, s+1 when α ≥ β (both branches are the same integral,
//! each the one whose hypergeometric argument lies in [0, 1)).
//!
//! Where implementations go wrong: A₀ is a difference of two nearly equal numbers when t_x is
//! close to T (a recent buyer), and the difference of hypergeometric terms then loses all its
//! digits (BTYD's patch, lifetimes' logsumexp with sign −1, which still cancels). Here, when
//! F(T) > 0.9·F(t_x), A₀ is computed instead from what it is, the integral
//! A₀ = (r+s+x) ∫_{t_x}^{T} (α+u)^−(r+x) (β+u)^−(s+1) du, by Gauss–Legendre in the variable
//! ln(min(α,β) + u), in which the integrand is analytic within π of the real axis; panels over
//! which its logarithm changes by at most 2 make the 16-point rule exact to rounding. Both ways are cross-checked in tests.

use super::fit::{self, Fit, Objective};
use super::special::{exp, gauss_legendre, hyp2f1, lgamma, ln, log_add_exp};
use super::{check_horizon, check_one, check_params, finite, Customers};
use crate::error::{KpiError, KpiResult};

/// The parameters, in the order r, α, s, β.
pub const NAMES: [&str; 4] = ["r", "alpha", "s", "beta"];

/// Pareto/NBD parameters: purchase rate λ ~ Gamma(r, α), drop-out rate μ ~ Gamma(s, β); α and
/// β in the data's time unit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ParetoNbd {
    /// Gamma shape of the purchase rate.
    pub r: f64,
    /// Gamma rate of the purchase rate.
    pub alpha: f64,
    /// Gamma shape of the drop-out rate.
    pub s: f64,
    /// Gamma rate of the drop-out rate.
    pub beta: f64,
}

impl ParetoNbd {
    /// From a slice in [`NAMES`] order; each must be a positive number.
    pub fn from_slice(p: &[f64]) -> KpiResult<ParetoNbd> {
        if p.len() != 4 {
            return Err(KpiError::value("Pareto/NBD needs four parameters: r, alpha, s, beta."));
        }
        check_params(p, "Pareto/NBD")?;
        Ok(ParetoNbd { r: p[0], alpha: p[1], s: p[2], beta: p[3] })
    }

    /// ln F(τ), the hypergeometric term of A₀ (see the module comment).
    fn ln_f(&self, x: f64, tau: f64) -> f64 {
        let ParetoNbd { r, alpha, s, beta } = *self;
        let (lo, hi, t) = if alpha < beta { (alpha, beta, r + x) } else { (beta, alpha, s + 1.0) };
        let rsf = r + s + x;
        ln(hyp2f1(rsf, t, rsf + 1.0, (hi - lo) / (hi + tau))) - rsf * ln(hi + tau)
    }

    /// ln A₀ by the quadrature of its integral (see the module comment). The variable is the
    /// offset o = ln((m+u)/(m+t_x)) ∈ [0, ln1p((T−t_x)/(m+t_x))], m = min(α, β), computed
    /// by ln1p so that a short interval (a recent buyer) keeps its digits.
    fn ln_a0_quadrature(&self, x: f64, t_x: f64, t: f64) -> f64 {
        self.ln_a0_quadrature_panels(x, t_x, t, 1)
    }

    /// The quadrature with `refine` times as many panels as needed (tests check that the
    /// result does not move).
    fn ln_a0_quadrature_panels(&self, x: f64, t_x: f64, t: f64, refine: usize) -> f64 {
        let ParetoNbd { r, alpha, s, beta } = *self;
        let m = alpha.min(beta);
        let base = m + t_x;
        let span = super::special::ln1p((t - t_x) / base);
        // Panel width. d/do of the log integrand is 1 − (r+x)(m+u)/(α+u) − (s+1)(m+u)/(β+u),
        // both fractions ≤ 1 and largest at u = T, so its size is at most
        // k = 1 + (r+x)(m+T)/(α+T) + (s+1)(m+T)/(β+T) (its curvature is bounded by the same),
        // and it is analytic within π of the real axis. The 16-point rule's error on e^(−k·o)
        // over a panel of half-width h is about (k h)^32 / 32!: below 1e-16 for k h ≤ 3, hence
        // panels no wider than 6/k (and 2, for the singularities at distance π). Checked in
        // tests against 4× finer panels.
        let rate = 1.0 + (r + x) * (m + t) / (alpha + t) + (s + 1.0) * (m + t) / (beta + t);
        let max_width = if rate > 3.0 { 6.0 / rate } else { 2.0 };
        let panels = (libm::ceil(span / max_width) as usize).clamp(1, 2000) * refine;
        let width = span / panels as f64;
        // The log integrand (Jacobian included) relative to its value at o = 0, so that the sum
        // neither underflows nor overflows: m + u = base·e^o.
        let ln_g = |o: f64| {
            let mu = base * exp(o);
            o - (r + x) * ln(alpha - m + mu) - (s + 1.0) * ln(beta - m + mu)
        };
        let ref_ = ln_g(0.0);
        let mut sum = 0.0;
        for k in 0..panels {
            let a = width * k as f64;
            let b = if k + 1 == panels { span } else { a + width };
            sum += gauss_legendre(a, b, &|o| exp(ln_g(o) - ref_));
        }
        ln(r + s + x) + ln(base) + ref_ + ln(sum)
    }

    /// ln A₀: the difference of hypergeometric terms where that is accurate and quick, else
    /// the quadrature. The difference e^l1 − e^l2 loses about log10((1+ρ)/(1−ρ)) digits for
    /// ρ = e^(l2−l1): at most 1.3 for ρ ≤ 0.9. The series needs few terms while its argument is
    /// at most 0.9 (far from the optimum α and β can be very unequal, the argument near 1 and the
    /// series tens of thousands of terms long; the quadrature costs a few hundred).
    pub fn ln_a0(&self, x: f64, t_x: f64, t: f64) -> f64 {
        if t_x >= t {
            return f64::NEG_INFINITY;
        }
        let (lo, hi) = if self.alpha < self.beta { (self.alpha, self.beta) } else { (self.beta, self.alpha) };
        if (hi - lo) / (hi + t_x) <= 0.9 {
            let l1 = self.ln_f(x, t_x);
            let l2 = self.ln_f(x, t);
            if l1.is_finite() && l2.is_finite() && l2 - l1 <= ln(0.9) {
                return l1 + ln(-libm::expm1(l2 - l1));
            }
        }
        self.ln_a0_quadrature(x, t_x, t)
    }

    /// One customer's log-likelihood (note 009 eq. 18), in the data's time unit.
    pub fn log_likelihood_one(&self, x: f64, t_x: f64, t: f64) -> f64 {
        let ParetoNbd { r, alpha, s, beta } = *self;
        let a1 = lgamma(r + x) - lgamma(r) + r * ln(alpha) + s * ln(beta);
        let a2 = log_add_exp(-(r + x) * ln(alpha + t) - s * ln(beta + t), ln(s) + self.ln_a0(x, t_x, t) - ln(r + s + x));
        a1 + a2
    }

    /// The total (weighted) log-likelihood.
    pub fn log_likelihood(&self, c: &Customers) -> f64 {
        (0..c.len()).map(|i| c.weight[i] * self.log_likelihood_one(c.x[i], c.t_x[i], c.t[i])).sum()
    }

    /// Expected repeat purchases in the next `h` periods of a customer with history
    /// (x, t_x, T): note 009 eq. (41).
    pub fn expected_purchases(&self, h: f64, x: f64, t_x: f64, t: f64) -> KpiResult<f64> {
        check_one(x, t_x, t)?;
        check_horizon(h)?;
        if h == 0.0 {
            return Ok(0.0);
        }
        let ParetoNbd { r, alpha, s, beta } = *self;
        let ll = self.log_likelihood_one(x, t_x, t);
        let first = lgamma(r + x) - lgamma(r) + r * ln(alpha) + s * ln(beta) - (r + x) * ln(alpha + t) - s * ln(beta + t);
        let second = ln(r + x) + ln(beta + t) - ln(alpha + t);
        // (1 − q^(s−1))/(s − 1) with q = (β+T)/(β+T+h), by expm1 so that s near 1 keeps its digits.
        let lq = ln((beta + t) / (beta + t + h));
        let third = if s == 1.0 { ln(-lq) } else { ln(-libm::expm1((s - 1.0) * lq) / (s - 1.0)) };
        finite(exp(first + second + third - ll), "expected number of purchases")
    }

    /// The probability that the customer is alive at T (note 009 eqs. 36–37).
    pub fn p_alive(&self, x: f64, t_x: f64, t: f64) -> KpiResult<f64> {
        check_one(x, t_x, t)?;
        let ParetoNbd { r, alpha, s, beta } = *self;
        let e = ln(s) - ln(r + s + x) + (r + x) * ln(alpha + t) + s * ln(beta + t) + self.ln_a0(x, t_x, t);
        let p = if e > 0.0 { let q = exp(-e); q / (1.0 + q) } else { 1.0 / (1.0 + exp(e)) };
        finite(p, "probability alive")
    }

    /// Expected repeat purchases of a new customer in their first `h` periods (note 009 eq. 27).
    pub fn expected_purchases_new(&self, h: f64) -> KpiResult<f64> {
        check_horizon(h)?;
        let ParetoNbd { r, alpha, s, beta } = *self;
        let lq = ln(beta / (beta + h));
        let part = if s == 1.0 { -lq } else { -libm::expm1((s - 1.0) * lq) / (s - 1.0) };
        finite(r * beta / alpha * part, "expected number of purchases")
    }
}

struct Nll<'a>(&'a Customers, f64);

impl Objective for Nll<'_> {
    fn dim(&self) -> usize {
        4
    }
    fn value(&self, lp: &[f64]) -> f64 {
        let p = ParetoNbd { r: exp(lp[0]), alpha: exp(lp[1]), s: exp(lp[2]), beta: exp(lp[3]) };
        -p.log_likelihood(self.0) / self.1
    }
    fn total_weight(&self) -> f64 {
        self.1
    }
    fn starts(&self) -> Vec<Vec<f64>> {
        let s = ln(self.0.t.iter().fold(0.0f64, |m, &v| m.max(v)));
        vec![
            vec![0.0, s, 0.0, s],
            vec![ln(0.5), s - ln(4.0), ln(0.5), s - ln(4.0)],
            vec![ln(2.0), s + ln(2.0), ln(2.0), s + ln(2.0)],
        ]
    }
}

/// Fits Pareto/NBD by maximum likelihood (numerical gradient: the hypergeometric terms'
/// parameter derivatives have no practical closed form).
pub fn fit(c: &Customers) -> KpiResult<(ParetoNbd, Fit)> {
    c.check_fittable()?;
    let c = &c.patterns();
    let f = fit::fit(&Nll(c, c.total_weight()), &NAMES)?;
    Ok((ParetoNbd::from_slice(&f.params)?, f))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where the hypergeometric difference does not cancel, it and the quadrature agree: this
    /// checks the integral representation of A₀ and the quadrature at once, on both branches.
    #[test]
    fn a0_two_ways_agree_on_both_branches() {
        for p in [
            ParetoNbd { r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 }, // α < β
            ParetoNbd { r: 0.55, alpha: 11.67, s: 0.61, beta: 10.58 }, // α ≥ β
            ParetoNbd { r: 2.0, alpha: 0.5, s: 1.5, beta: 40.0 },
            ParetoNbd { r: 0.3, alpha: 60.0, s: 0.2, beta: 0.8 },
        ] {
            for &(x, tx, t) in &[(0.0, 0.0, 38.9), (1.0, 2.0, 38.9), (5.0, 10.0, 52.0), (20.0, 3.0, 70.0)] {
                let l1 = p.ln_f(x, tx);
                let l2 = p.ln_f(x, t);
                let hyp = l1 + ln(-libm::expm1(l2 - l1));
                let quad = p.ln_a0_quadrature(x, tx, t);
                assert!((hyp - quad).abs() < 1e-12 * hyp.abs().max(1.0), "{p:?} {x} {tx} {t}: {hyp} vs {quad}");
            }
        }
    }

    #[test]
    fn quadrature_does_not_move_with_finer_panels() {
        let mut worst = 0.0f64;
        for &(r, alpha, s, beta) in &[(0.55, 10.58, 0.61, 11.67), (0.05, 0.01, 3.0, 500.0), (4.0, 300.0, 0.05, 0.2), (0.6, 11.0, 22_000.0, 770_000.0)] {
            let p = ParetoNbd { r, alpha, s, beta };
            for &(x, tx, t) in &[(0.0, 0.0, 40.0), (1.0, 0.5, 78.0), (30.0, 10.0, 52.0), (200.0, 1.0, 300.0), (3.0, 37.9, 38.0)] {
                let a = p.ln_a0_quadrature(x, tx, t);
                let b = p.ln_a0_quadrature_panels(x, tx, t, 4);
                worst = worst.max((a - b).abs() / b.abs().max(1.0));
            }
        }
        assert!(worst < 1e-13, "{worst}");
    }

    #[test]
    fn recent_buyers_keep_their_digits() {
        // t_x a hair before T: A₀ ≈ (r+s+x)(T − t_x)(α+T)^−(r+x)(β+T)^−(s+1).
        let p = ParetoNbd { r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 };
        let (x, t) = (3.0, 38.0);
        let tx = t - 1e-9;
        let want = ln((p.r + p.s + x) * (t - tx)) - (p.r + x) * ln(p.alpha + t) - (p.s + 1.0) * ln(p.beta + t);
        assert!((p.ln_a0(x, tx, t) - want).abs() < 1e-7, "{} vs {want}", p.ln_a0(x, tx, t));
    }
}
