//! The BG/BB model for discrete transaction opportunities (Fader, Hardie & Shang 2010,
//! "Customer-base analysis in a discrete-time noncontractual setting", Marketing Science 29(6),
//! 1086–1108): at each of n opportunities (a yearly donation, a renewal) an alive customer
//! transacts with probability p ~ Beta(α, β), and drops out before the next with probability
//! θ ~ Beta(γ, δ).
//!
//! History per customer: x transactions in the n opportunities, the last at opportunity t_x
//! (0 when x = 0). The likelihood is the paper's eq. (5), summed in log space (lifetimes adds
//! 1e-15 inside the logarithm of the sum; we do not).

use super::fit::{self, Fit, Objective};
use super::special::{exp, lbeta, lgamma, ln, log_add_exp};
use super::{check_params, finite, Customers};
use crate::error::{KpiError, KpiResult};

/// The parameters, in the order α, β, γ, δ.
pub const NAMES: [&str; 4] = ["alpha", "beta", "gamma", "delta"];

/// BG/BB parameters.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BgBb {
    /// Beta α of the transaction probability.
    pub alpha: f64,
    /// Beta β of the transaction probability.
    pub beta: f64,
    /// Beta γ of the drop-out probability.
    pub gamma: f64,
    /// Beta δ of the drop-out probability.
    pub delta: f64,
}

/// Checks a discrete-time history: whole numbers with 0 ≤ x ≤ t_x ≤ n, and t_x = 0 exactly
/// when x = 0.
pub fn check_history(x: f64, t_x: f64, n: f64) -> KpiResult<()> {
    super::check_one(x, t_x, n)?;
    if t_x.fract() != 0.0 || n.fract() != 0.0 {
        return Err(KpiError::num("BG/BB counts opportunities: recency and the number of opportunities must be whole numbers."));
    }
    if n > 100_000.0 {
        return Err(KpiError::num("BG/BB takes at most 100,000 transaction opportunities."));
    }
    if x > t_x {
        return Err(KpiError::num(format!("{x} transactions cannot fit in the first {t_x} opportunities.")));
    }
    Ok(())
}

/// Checked discrete-time customers (weights count customers with the same history).
pub fn customers(x: &[f64], t_x: &[f64], n: &[f64], weight: &[f64]) -> KpiResult<Customers> {
    let c = Customers::weighted(x, t_x, n, weight)?;
    for i in 0..c.len() {
        check_history(c.x[i], c.t_x[i], c.t[i]).map_err(|e| KpiError::num(format!("Customer {}: {}", i + 1, e.message)))?;
    }
    Ok(c)
}

impl BgBb {
    /// From a slice in [`NAMES`] order; each must be a positive number.
    pub fn from_slice(p: &[f64]) -> KpiResult<BgBb> {
        if p.len() != 4 {
            return Err(KpiError::value("BG/BB needs four parameters: alpha, beta, gamma, delta."));
        }
        check_params(p, "BG/BB")?;
        Ok(BgBb { alpha: p[0], beta: p[1], gamma: p[2], delta: p[3] })
    }

    /// One customer's log-likelihood (FHS 2010 eq. 5).
    pub fn log_likelihood_one(&self, x: f64, t_x: f64, n: f64) -> f64 {
        let BgBb { alpha, beta, gamma, delta } = *self;
        let (lab, lgd) = (lbeta(alpha, beta), lbeta(gamma, delta));
        let mut ll = lbeta(alpha + x, beta + n - x) - lab + lbeta(gamma, delta + n) - lgd;
        let k = (n - t_x) as u64;
        for i in 0..k {
            let i = i as f64;
            ll = log_add_exp(ll, lbeta(alpha + x, beta + t_x - x + i) - lab + lbeta(gamma + 1.0, delta + t_x + i) - lgd);
        }
        ll
    }

    /// The total (weighted) log-likelihood.
    pub fn log_likelihood(&self, c: &Customers) -> f64 {
        (0..c.len()).map(|i| if c.weight[i] == 0.0 { 0.0 } else { c.weight[i] * self.log_likelihood_one(c.x[i], c.t_x[i], c.t[i]) }).sum()
    }

    /// Expected transactions in the next `m` opportunities (n, n + m] of a customer with history
    /// (x, t_x, n): FHS 2010 eq. (13).
    pub fn expected_transactions(&self, m: f64, x: f64, t_x: f64, n: f64) -> KpiResult<f64> {
        check_history(x, t_x, n)?;
        if !(m.is_finite() && m >= 0.0 && m.fract() == 0.0) {
            return Err(KpiError::num("The number of future opportunities must be a whole number, 0 or more."));
        }
        if m == 0.0 {
            return Ok(0.0);
        }
        let BgBb { alpha, beta, gamma, delta } = *self;
        let ll = self.log_likelihood_one(x, t_x, n);
        let p2 = lbeta(alpha + x + 1.0, beta + n - x) - lbeta(alpha, beta);
        let p3 = delta / (gamma - 1.0) * exp(lgamma(gamma + delta) - lgamma(1.0 + delta));
        let p4 = exp(lgamma(1.0 + delta + n) - lgamma(gamma + delta + n));
        let p5 = exp(lgamma(1.0 + delta + n + m) - lgamma(gamma + delta + n + m));
        finite(exp(p2 - ll) * p3 * (p4 - p5), "expected number of transactions")
    }

    /// The probability that the customer is alive at opportunity n + m (FHS 2010 eq. 11
    /// for m = 0; lifetimes' `conditional_probability_alive`).
    pub fn p_alive(&self, m: f64, x: f64, t_x: f64, n: f64) -> KpiResult<f64> {
        check_history(x, t_x, n)?;
        if !(m.is_finite() && m >= 0.0 && m.fract() == 0.0) {
            return Err(KpiError::num("The number of future opportunities must be a whole number, 0 or more."));
        }
        let BgBb { alpha, beta, gamma, delta } = *self;
        let p1 = lbeta(alpha + x, beta + n - x) - lbeta(alpha, beta);
        let p2 = lbeta(gamma, delta + n + m) - lbeta(gamma, delta);
        finite(exp(p1 + p2 - self.log_likelihood_one(x, t_x, n)), "probability alive")
    }
}

struct Nll<'a>(&'a Customers, f64);

impl Objective for Nll<'_> {
    fn dim(&self) -> usize {
        4
    }
    fn value(&self, lp: &[f64]) -> f64 {
        let p = BgBb { alpha: exp(lp[0]), beta: exp(lp[1]), gamma: exp(lp[2]), delta: exp(lp[3]) };
        -p.log_likelihood(self.0) / self.1
    }
    fn total_weight(&self) -> f64 {
        self.1
    }
    fn starts(&self) -> Vec<Vec<f64>> {
        vec![vec![0.0, 0.0, 0.0, 0.0], vec![ln(0.5), ln(2.0), ln(0.5), ln(2.0)], vec![ln(2.0), ln(0.5), ln(2.0), ln(5.0)]]
    }
}

/// Fits BG/BB by maximum likelihood (numerical gradient).
pub fn fit(c: &Customers) -> KpiResult<(BgBb, Fit)> {
    c.check_fittable()?;
    for i in 0..c.len() {
        check_history(c.x[i], c.t_x[i], c.t[i])?;
    }
    let c = &c.patterns();
    let f = fit::fit(&Nll(c, c.total_weight()), &NAMES)?;
    Ok((BgBb::from_slice(&f.params)?, f))
}
