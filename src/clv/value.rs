//! Discounted customer lifetime value from a purchase model and a spend per purchase:
//! CLV = Σ_{k=1}^{n} (E[N(k·step)] − E[N((k−1)·step)]) · spend · margin / (1 + d)^k,
//! where E[N(t)] is the customer's expected purchases in the next t units of the data's time
//! unit, `step` the length of one discounting period in that unit, and d the discount rate per
//! period. With step = 1 the periods are the data's unit itself. This is lifetimes'
//! `_customer_lifetime_value` with its `freq` factor made an explicit input instead of a guess
//! from a default (its default assumes days, which inflates the CLV of weekly data).

use crate::error::{KpiError, KpiResult};

/// The most discounting periods one CLV sums.
pub const MAX_PERIODS: f64 = 10_000.0;

/// The discounted CLV over `periods` periods of `step` units each; `cumulative(t)` is the
/// expected number of purchases in the next t units.
pub fn discounted_clv(
    cumulative: &dyn Fn(f64) -> KpiResult<f64>,
    spend: f64,
    margin: f64,
    discount: f64,
    periods: f64,
    step: f64,
) -> KpiResult<f64> {
    if !(spend.is_finite() && margin.is_finite()) {
        return Err(KpiError::num("The spend per purchase and the margin must be finite numbers."));
    }
    if !(discount.is_finite() && discount > -1.0) {
        return Err(KpiError::num("The discount rate per period must be a number above −100%."));
    }
    if !(periods.is_finite() && periods >= 0.0 && periods.fract() == 0.0 && periods <= MAX_PERIODS) {
        return Err(KpiError::num("The number of periods must be a whole number from 0 to 10,000."));
    }
    if !(step.is_finite() && step > 0.0) {
        return Err(KpiError::num("The period length must be a positive number of time units."));
    }
    let mut total = 0.0;
    let mut prev = 0.0;
    for k in 1..=periods as u32 {
        let cum = cumulative(k as f64 * step)?;
        total += (cum - prev) * spend * margin / libm::pow(1.0 + discount, k as f64);
        prev = cum;
    }
    super::finite(total, "customer lifetime value")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_steady_buyer_is_an_annuity() {
        // One purchase per unit, spend 10, margin 0.5, 10% per period, 3 periods.
        let v = discounted_clv(&|t| Ok(t), 10.0, 0.5, 0.1, 3.0, 1.0).unwrap();
        let want = 5.0 / 1.1 + 5.0 / 1.21 + 5.0 / 1.331;
        assert!((v - want).abs() < 1e-12);
        assert!(discounted_clv(&|t| Ok(t), 10.0, 0.5, -1.0, 3.0, 1.0).is_err());
        assert!(discounted_clv(&|t| Ok(t), 10.0, 0.5, 0.1, 2.5, 1.0).is_err());
    }
}
