//! The BG/NBD model (Fader, Hardie & Lee 2005, "Counting your customers the easy way: an
//! alternative to the Pareto/NBD model", Marketing Science 24(2), 275–284): while alive a
//! customer buys at Poisson rate λ ~ Gamma(r, α); after each purchase they drop out with
//! probability p ~ Beta(a, b).
//!
//! The formulas are the paper's equations (6) (likelihood), (10) (conditional expectation),
//! and Fader–Hardie note 021 (P(alive)); they are written as lifetimes 0.11.3 writes them so
//! that the two agree to rounding, with every transcendental from `libm`.

use super::fit::{self, Fit, Objective};
use super::special::{digamma, exp, hyp2f1, lgamma, ln, ln1p};
use super::distinct::Distinct;
use super::{check_horizon, check_one, check_params, finite, Customers};
use crate::error::KpiResult;

/// The parameters, in the order r, α, a, b.
pub const NAMES: [&str; 4] = ["r", "alpha", "a", "b"];

/// BG/NBD parameters: purchase rate λ ~ Gamma(shape r, rate α) (α in the data's time unit),
/// drop-out probability p ~ Beta(a, b).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BgNbd {
    /// Gamma shape of the purchase rate.
    pub r: f64,
    /// Gamma rate (scale of time) of the purchase rate.
    pub alpha: f64,
    /// Beta a of the drop-out probability.
    pub a: f64,
    /// Beta b of the drop-out probability.
    pub b: f64,
}

impl BgNbd {
    /// From a slice in [`NAMES`] order; each must be a positive number.
    pub fn from_slice(p: &[f64]) -> KpiResult<BgNbd> {
        if p.len() != 4 {
            return Err(crate::error::KpiError::value("BG/NBD needs four parameters: r, alpha, a, b."));
        }
        check_params(p, "BG/NBD")?;
        Ok(BgNbd { r: p[0], alpha: p[1], a: p[2], b: p[3] })
    }

    /// One customer's log-likelihood (FHL 2005 eq. 6, the log-sum-exp form of section 7).
    pub fn log_likelihood_one(&self, x: f64, t_x: f64, t: f64) -> f64 {
        let BgNbd { r, alpha, a, b } = *self;
        let a1 = lgamma(r + x) - lgamma(r) + r * ln(alpha);
        let a2 = lgamma(a + b) + lgamma(b + x) - lgamma(b) - lgamma(a + b + x);
        let a3 = -(r + x) * ln(alpha + t);
        if x > 0.0 {
            let a4 = ln(a) - ln(b + x - 1.0) - (r + x) * ln(alpha + t_x);
            a1 + a2 + super::special::log_add_exp(a3, a4)
        } else {
            a1 + a2 + a3
        }
    }

    /// The total log-likelihood of the customers (weighted), in their time unit.
    pub fn log_likelihood(&self, c: &Customers) -> f64 {
        (0..c.len()).map(|i| c.weight[i] * self.log_likelihood_one(c.x[i], c.t_x[i], c.t[i])).sum()
    }

    /// Expected repeat purchases in the next `h` periods (T, T + h] of a customer with history
    /// (x, t_x, T): FHL 2005 eq. (10).
    pub fn expected_purchases(&self, h: f64, x: f64, t_x: f64, t: f64) -> KpiResult<f64> {
        check_one(x, t_x, t)?;
        check_horizon(h)?;
        if h == 0.0 {
            return Ok(0.0);
        }
        finite(self.expected_purchases_unchecked(h, x, t_x, t), "expected number of purchases")
    }

    fn expected_purchases_unchecked(&self, h: f64, x: f64, t_x: f64, t: f64) -> f64 {
        let BgNbd { r, alpha, a, b } = *self;
        let (ha, hb, hc) = (r + x, b + x, a + b + x - 1.0);
        let z = h / (alpha + t + h);
        let mut ln_hyp = ln(hyp2f1(ha, hb, hc, z));
        if !ln_hyp.is_finite() {
            // Euler's transformation, as lifetimes falls back to it.
            ln_hyp = ln(hyp2f1(hc - ha, hc - hb, hc, z)) + (hc - ha - hb) * ln1p(-z);
        }
        let first = (a + b + x - 1.0) / (a - 1.0);
        let second = 1.0 - exp(ln_hyp + (r + x) * ln((alpha + t) / (alpha + h + t)));
        let denom = if x > 0.0 {
            1.0 + (a / (b + x - 1.0)) * exp((r + x) * ln((alpha + t) / (alpha + t_x)))
        } else {
            1.0
        };
        first * second / denom
    }

    /// The probability that a customer with history (x, t_x, T) is still alive at T
    /// (Fader–Hardie note 021): 1 without repeat purchases.
    pub fn p_alive(&self, x: f64, t_x: f64, t: f64) -> KpiResult<f64> {
        check_one(x, t_x, t)?;
        if x == 0.0 {
            return Ok(1.0);
        }
        let BgNbd { r, alpha, a, b } = *self;
        let log_div = (r + x) * ln((alpha + t) / (alpha + t_x)) + ln(a / (b + x - 1.0));
        // expit(−log_div), written so that neither branch overflows.
        let p = if log_div > 0.0 { let e = exp(-log_div); e / (1.0 + e) } else { 1.0 / (1.0 + exp(log_div)) };
        finite(p, "probability alive")
    }

    /// Expected repeat purchases of a new customer in their first `h` periods (FHL 2005 eq. 9).
    pub fn expected_purchases_new(&self, h: f64) -> KpiResult<f64> {
        check_horizon(h)?;
        if h == 0.0 {
            return Ok(0.0);
        }
        let BgNbd { r, alpha, a, b } = *self;
        let hyp = hyp2f1(r, b, a + b - 1.0, h / (alpha + h));
        finite((a + b - 1.0) / (a - 1.0) * (1.0 - hyp * exp(r * ln(alpha / (alpha + h)))), "expected number of purchases")
    }
}

/// The mean negative log-likelihood over customers, with its analytic gradient, arranged so
/// that each evaluation computes the gamma-function terms once per distinct frequency and the
/// logarithms once per distinct age and recency: per history there remain one log-sum-exp
/// and a few multiply-adds. Built from [`Customers::patterns`], so it is in a fixed order.
struct Nll {
    /// Per distinct frequency x (ascending): x, its total weight and its histories' rows.
    groups: Vec<(f64, f64, std::ops::Range<usize>)>,
    /// The distinct ages T and recencies t_x, and each row's index among them.
    ages: Distinct,
    recencies: Distinct,
    weight: Vec<f64>,
    total: f64,
    /// The longest age, the time scale of the starts.
    t_max: f64,
}

impl Nll {
    fn new(c: &Customers) -> Nll {
        let c = c.patterns();
        let mut groups: Vec<(f64, f64, std::ops::Range<usize>)> = Vec::new();
        // patterns() sorts by x first, so each frequency's rows are contiguous.
        for i in 0..c.len() {
            match groups.last_mut() {
                Some(g) if g.0 == c.x[i] => {
                    g.1 += c.weight[i];
                    g.2.end = i + 1;
                }
                _ => groups.push((c.x[i], c.weight[i], i..i + 1)),
            }
        }
        Nll {
            groups,
            ages: Distinct::of(&c.t),
            recencies: Distinct::of(&c.t_x),
            t_max: c.t.iter().fold(0.0f64, |m, &v| m.max(v)),
            total: c.total_weight(),
            weight: c.weight,
        }
    }

    /// The objective, and its gradient into `grad` when asked for: the line search needs
    /// values only, which skip the digammas and the shares (the value is the same bits).
    fn eval(&self, lp: &[f64], grad: Option<&mut [f64]>) -> f64 {
        let want = grad.is_some();
        let (r, alpha, a, b) = (exp(lp[0]), exp(lp[1]), exp(lp[2]), exp(lp[3]));
        let (ln_a, ln_alpha) = (ln(a), ln(alpha));
        let (lg_r, lg_ab, lg_b) = (lgamma(r), lgamma(a + b), lgamma(b));
        // ln(α + T) and 1/(α + T) per distinct age, the same per distinct recency.
        let inv = |d: &Distinct| if want { d.map(|t| 1.0 / (alpha + t)) } else { Vec::new() };
        let (l_at, i_at) = (self.ages.map(|t| ln(alpha + t)), inv(&self.ages));
        let (l_atx, i_atx) = (self.recencies.map(|t| ln(alpha + t)), inv(&self.recencies));
        let mut ll = 0.0;
        let mut d = [0.0f64; 4];
        for (x, wx, rows) in self.groups.iter().cloned() {
            let rx = r + x;
            // The terms of ln L that depend on the frequency only (a1 + a2 of the paper's form).
            let base = lgamma(rx) - lg_r + r * ln_alpha + lg_ab + lgamma(b + x) - lg_b - lgamma(a + b + x);
            // Weighted sums over the group's histories: Σ w·(log-sum-exp), and of the shares
            // w3, w4 of its two terms times ln(α + ·), 1/(α + ·) and 1.
            let (mut s_m, mut s_l, mut s_i, mut s4) = (0.0, 0.0, 0.0, 0.0);
            if x > 0.0 {
                let k4 = ln_a - ln(b + x - 1.0);
                for i in rows {
                    let (ia, ir, w) = (self.ages.index[i] as usize, self.recencies.index[i] as usize, self.weight[i]);
                    let a3 = -rx * l_at[ia];
                    let a4 = k4 - rx * l_atx[ir];
                    // ln(e^a3 + e^a4) = hi + ln(1 + e), e = e^(lo − hi); the shares are 1/(1+e), e/(1+e).
                    let (hi, lo) = if a3 >= a4 { (a3, a4) } else { (a4, a3) };
                    let e = exp(lo - hi);
                    s_m += w * (hi + ln1p(e));
                    if want {
                        let share_hi = 1.0 / (1.0 + e);
                        let (w3, w4) = if a3 >= a4 { (share_hi, e * share_hi) } else { (e * share_hi, share_hi) };
                        s_l += w * (w3 * l_at[ia] + w4 * l_atx[ir]);
                        s_i += w * (w3 * i_at[ia] + w4 * i_atx[ir]);
                        s4 += w * w4;
                    }
                }
            } else {
                for i in rows {
                    let (ia, w) = (self.ages.index[i] as usize, self.weight[i]);
                    s_m += w * (-rx * l_at[ia]);
                    if want {
                        s_l += w * l_at[ia];
                        s_i += w * i_at[ia];
                    }
                }
            }
            ll += wx * base + s_m;
            if want {
                let (psi_r, psi_ab, psi_b, psi_abx) = (digamma(r), digamma(a + b), digamma(b), digamma(a + b + x));
                d[0] += wx * (digamma(rx) - psi_r + ln_alpha) - s_l;
                d[1] += wx * r / alpha - rx * s_i;
                d[2] += wx * (psi_ab - psi_abx) + s4 / a;
                d[3] += wx * (psi_ab + digamma(b + x) - psi_b - psi_abx) - if x > 0.0 { s4 / (b + x - 1.0) } else { 0.0 };
            }
        }
        if let Some(g) = grad {
            // Chain rule to the log parameters, and the sign and mean of the objective.
            let p = [r, alpha, a, b];
            for k in 0..4 {
                g[k] = -d[k] * p[k] / self.total;
            }
        }
        -ll / self.total
    }

}

impl Objective for Nll {
    fn dim(&self) -> usize {
        4
    }
    fn value(&self, lp: &[f64]) -> f64 {
        self.eval(lp, None)
    }
    fn value_grad(&self, lp: &[f64], g: &mut [f64]) -> f64 {
        self.eval(lp, Some(g))
    }
    fn analytic_gradient(&self) -> bool {
        true
    }
    fn total_weight(&self) -> f64 {
        self.total
    }
    fn starts(&self) -> Vec<Vec<f64>> {
        // α is a time scale: starts relative to the longest age, so they do not depend on the unit.
        let s = ln(self.t_max);
        vec![
            vec![0.0, s, 0.0, 0.0],
            vec![ln(0.2), s - ln(10.0), ln(0.5), ln(2.0)],
            vec![ln(3.0), s + ln(3.0), ln(2.0), ln(5.0)],
        ]
    }
}

/// Fits BG/NBD by maximum likelihood. `#NUM!` when the customers cannot identify the model.
pub fn fit(c: &Customers) -> KpiResult<(BgNbd, Fit)> {
    c.check_fittable()?;
    let f = fit::fit(&Nll::new(c), &NAMES)?;
    Ok((BgNbd::from_slice(&f.params)?, f))
}

/// The objective, for tests of the gradient.
#[doc(hidden)]
pub fn objective(c: &Customers) -> impl Objective {
    Nll::new(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn analytic_gradient_matches_central_differences() {
        // Repeated frequencies, ages and recencies and a repeated history, as the grouping sees them.
        let c = Customers::weighted(
            &[0.0, 2.0, 1.0, 5.0, 1.0, 2.0, 0.0, 1.0],
            &[0.0, 30.4, 1.7, 35.0, 20.0, 30.4, 0.0, 20.0],
            &[38.9, 38.9, 38.9, 36.0, 25.0, 38.9, 25.0, 38.9],
            &[1.0, 1.0, 2.0, 1.0, 1.0, 3.0, 1.0, 0.0],
        )
        .unwrap();
        let obj = objective(&c);
        let x = [ln(0.24), ln(4.4), ln(0.79), ln(2.4)];
        let mut g = [0.0; 4];
        let mut gn = [0.0; 4];
        obj.value_grad(&x, &mut g);
        fit::numeric_gradient(&obj, &x, &mut gn);
        for k in 0..4 {
            assert!((g[k] - gn[k]).abs() < 1e-8 * (1.0 + g[k].abs()), "{k}: {g:?} vs {gn:?}");
        }
    }
}
