//! The Gamma-Gamma model of spend per transaction (Fader, Hardie & Lee 2005, "RFM and CLV:
//! using iso-value curves for customer base analysis", Journal of Marketing Research 42(4),
//! 415–430; Fader & Hardie's note 025, "The Gamma-Gamma model of monetary value", 2013): each
//! transaction's value is Gamma(p, ν) with ν ~ Gamma(q, γ) across customers; the model is
//! fitted on the repeat buyers' mean repeat spend m̄ and their number of repeat purchases x.

use super::fit::{self, Fit, Objective};
use super::special::{digamma, exp, lgamma, ln};
use super::{check_params, finite};
use crate::error::{KpiError, KpiResult};

/// The parameters, in the order p, q, γ (lifetimes calls γ `v`).
pub const NAMES: [&str; 3] = ["p", "q", "gamma"];

/// Gamma-Gamma parameters.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GammaGamma {
    /// Shape of the spend per transaction.
    pub p: f64,
    /// Shape of the scale's distribution across customers.
    pub q: f64,
    /// Scale of the scale's distribution (in money).
    pub gamma: f64,
}

/// Repeat buyers as the spend model sees them: repeat purchases x ≥ 1 and mean repeat spend m̄ > 0.
#[derive(Clone, Debug, PartialEq)]
pub struct Spenders {
    /// Repeat purchases.
    pub x: Vec<f64>,
    /// Mean spend of the repeat purchases.
    pub m: Vec<f64>,
}

impl Spenders {
    /// The repeat buyers among the customers: rows with x = 0 are left out (they have no
    /// repeat spend; lifetimes' users filter them the same way). A repeat buyer's mean spend
    /// must be a positive number.
    pub fn new(x: &[f64], m: &[f64]) -> KpiResult<Spenders> {
        if x.len() != m.len() {
            return Err(KpiError::value(format!("Frequency and mean spend need one value per customer; got {} and {} values.", x.len(), m.len())));
        }
        let (mut xs, mut ms) = (Vec::new(), Vec::new());
        for i in 0..x.len() {
            let row = i + 1;
            if !x[i].is_finite() || x[i] < 0.0 || x[i].fract() != 0.0 {
                return Err(KpiError::num(format!("Customer {row}'s frequency must be a whole number of repeat purchases, 0 or more.")));
            }
            if x[i] == 0.0 {
                continue;
            }
            if !(m[i].is_finite() && m[i] > 0.0) {
                return Err(KpiError::num(format!("Customer {row} is a repeat buyer with a mean spend of {}: the spend model needs a positive amount.", m[i])));
            }
            xs.push(x[i]);
            ms.push(m[i]);
        }
        Ok(Spenders { x: xs, m: ms })
    }
}

impl GammaGamma {
    /// From a slice in [`NAMES`] order; each must be a positive number.
    pub fn from_slice(p: &[f64]) -> KpiResult<GammaGamma> {
        if p.len() != 3 {
            return Err(KpiError::value("Gamma-Gamma needs three parameters: p, q, gamma."));
        }
        check_params(p, "Gamma-Gamma")?;
        Ok(GammaGamma { p: p[0], q: p[1], gamma: p[2] })
    }

    /// One repeat buyer's log-likelihood: the density of m̄ given x (note 025 eq. 1a).
    pub fn log_likelihood_one(&self, x: f64, m: f64) -> f64 {
        let GammaGamma { p, q, gamma: v } = *self;
        lgamma(p * x + q) - lgamma(p * x) - lgamma(q) + q * ln(v) + (p * x - 1.0) * ln(m) + (p * x) * ln(x)
            - (p * x + q) * ln(x * m + v)
    }

    /// The total log-likelihood over the repeat buyers.
    pub fn log_likelihood(&self, s: &Spenders) -> f64 {
        (0..s.x.len()).map(|i| self.log_likelihood_one(s.x[i], s.m[i])).sum()
    }

    /// The expected spend per transaction of a customer with x repeat purchases of mean m̄
    /// (note 025 eq. 5): a weighted mean of m̄ and the population mean p γ / (q − 1). A
    /// customer without repeat purchases gets the population mean. Needs q > 1.
    pub fn expected_spend(&self, x: f64, m: f64) -> KpiResult<f64> {
        let GammaGamma { p, q, gamma: v } = *self;
        if !(q > 1.0) {
            return Err(KpiError::num("The Gamma-Gamma q parameter is 1 or less: the model's mean spend is infinite, so there is no expected spend."));
        }
        if !x.is_finite() || x < 0.0 || x.fract() != 0.0 {
            return Err(KpiError::num("The frequency must be a whole number of repeat purchases, 0 or more."));
        }
        let population = v * p / (q - 1.0);
        if x == 0.0 {
            return Ok(population);
        }
        if !(m.is_finite() && m > 0.0) {
            return Err(KpiError::num("A repeat buyer's mean spend must be a positive amount."));
        }
        let w = p * x / (p * x + q - 1.0);
        finite((1.0 - w) * population + w * m, "expected spend")
    }
}

/// The mean negative log-likelihood over the repeat buyers, with its analytic gradient,
/// arranged so that each evaluation computes the gamma-function terms once per distinct
/// frequency: per buyer there remain ln(x m̄ + γ) and 1/(x m̄ + γ); ln m̄ is summed once.
struct Nll {
    /// Per distinct frequency x (ascending): x, ln x, its buyers' count and Σ ln m̄, and
    /// the rows of its distinct (x, m̄) pairs.
    groups: Vec<Group>,
    /// Per distinct (x, m̄), in the order (x, m̄): x·m̄ and how many buyers have it.
    xm: Vec<f64>,
    count: Vec<f64>,
    total: f64,
    /// ln of the mean spend, the money scale of the starts.
    ln_mean: f64,
}

struct Group {
    x: f64,
    ln_x: f64,
    n: f64,
    sum_ln_m: f64,
    rows: std::ops::Range<usize>,
}

impl Nll {
    fn new(s: &Spenders) -> Nll {
        // In a fixed order (by x, then m̄), so the fit does not depend on the rows' order.
        let mut rows: Vec<(f64, f64)> = s.x.iter().copied().zip(s.m.iter().copied()).collect();
        rows.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
        let m: Vec<f64> = rows.iter().map(|r| r.1).collect();
        let (mut groups, mut xm, mut count): (Vec<Group>, Vec<f64>, Vec<f64>) = (Vec::new(), Vec::new(), Vec::new());
        for (i, &(x, mi)) in rows.iter().enumerate() {
            if groups.last().is_none_or(|g| g.x != x) {
                groups.push(Group { x, ln_x: ln(x), n: 0.0, sum_ln_m: 0.0, rows: xm.len()..xm.len() });
            }
            let g = groups.last_mut().expect("pushed above");
            g.n += 1.0;
            g.sum_ln_m += ln(mi);
            if i > 0 && rows[i - 1] == (x, mi) {
                *count.last_mut().expect("a previous row") += 1.0;
            } else {
                xm.push(x * mi);
                count.push(1.0);
                g.rows.end = xm.len();
            }
        }
        Nll { groups, xm, count, total: rows.len() as f64, ln_mean: fit::ln_mean_positive(&m) }
    }
}

impl Objective for Nll {
    fn dim(&self) -> usize {
        3
    }
    fn value(&self, lp: &[f64]) -> f64 {
        let mut g = [0.0; 3];
        self.value_grad(lp, &mut g)
    }
    fn value_grad(&self, lp: &[f64], g: &mut [f64]) -> f64 {
        let (p, q, v) = (exp(lp[0]), exp(lp[1]), exp(lp[2]));
        let (lg_q, psi_q, ln_v) = (lgamma(q), digamma(q), ln(v));
        let (mut ll, mut dp, mut dq, mut dv) = (0.0, 0.0, 0.0, 0.0);
        for gr in &self.groups {
            let (x, n) = (gr.x, gr.n);
            let px = p * x;
            // Σ over the group's buyers of ln(x m̄ + γ) and 1/(x m̄ + γ).
            let (mut s_l, mut s_i) = (0.0, 0.0);
            for i in gr.rows.clone() {
                let u = self.xm[i] + v;
                s_l += self.count[i] * ln(u);
                s_i += self.count[i] / u;
            }
            let psi_pxq = digamma(px + q);
            ll += n * (lgamma(px + q) - lgamma(px) - lg_q + q * ln_v + px * gr.ln_x) + (px - 1.0) * gr.sum_ln_m - (px + q) * s_l;
            dp += x * (n * (psi_pxq - digamma(px) + gr.ln_x) + gr.sum_ln_m - s_l);
            dq += n * (psi_pxq - psi_q + ln_v) - s_l;
            dv += n * q / v - (px + q) * s_i;
        }
        g[0] = -dp * p / self.total;
        g[1] = -dq * q / self.total;
        g[2] = -dv * v / self.total;
        -ll / self.total
    }
    fn analytic_gradient(&self) -> bool {
        true
    }
    fn total_weight(&self) -> f64 {
        self.total
    }
    fn starts(&self) -> Vec<Vec<f64>> {
        let lm = self.ln_mean;
        vec![vec![0.0, 0.0, lm], vec![ln(5.0), ln(3.0), lm + ln(2.0)], vec![ln(0.5), ln(10.0), lm + ln(10.0)]]
    }
}

/// Fits Gamma-Gamma on the repeat buyers. `#NUM!` with fewer than two repeat buyers, or when
/// every repeat buyer spends the same (the spread across customers is then not identified).
pub fn fit(s: &Spenders) -> KpiResult<(GammaGamma, Fit)> {
    if s.x.len() < 2 {
        return Err(KpiError::num("The spend model needs at least two repeat buyers (customers with a repeat purchase and its spend)."));
    }
    let f = fit::fit(&Nll::new(s), &NAMES)?;
    Ok((GammaGamma::from_slice(&f.params)?, f))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn analytic_gradient_matches_central_differences() {
        // Repeated frequencies and one repeated (x, m̄), as the grouping sees them.
        let s = Spenders::new(&[2.0, 1.0, 0.0, 5.0, 2.0, 2.0], &[22.35, 11.77, 0.0, 40.0, 22.35, 30.0]).unwrap();
        assert_eq!(s.x.len(), 5);
        let obj = Nll::new(&s);
        let x = [ln(6.25), ln(3.74), ln(15.44)];
        let (mut g, mut gn) = ([0.0; 3], [0.0; 3]);
        obj.value_grad(&x, &mut g);
        fit::numeric_gradient(&obj, &x, &mut gn);
        for k in 0..3 {
            assert!((g[k] - gn[k]).abs() < 1e-8 * (1.0 + g[k].abs()), "{g:?} vs {gn:?}");
        }
    }
}
