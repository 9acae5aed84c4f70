//! The tracking plot of the papers (Fader, Hardie & Lee 2005 fig. 2; FHS 2010 fig. 4): the
//! whole base's cumulative repeat purchases period by period, as observed and as the fitted
//! model expects them.
//!
//! Period t counts from the earliest first purchase's period (t = 0) to the observation
//! end's (t = T). Actual at t: repeat purchases in periods 1..=t, by the summary's rules
//! (one per customer and period, the first period not a repeat), so the last point is the
//! sum of every customer's x. Model at t: Σ over customers with first period s_i < t of
//! E[X(t − s_i)], the repeat purchases a new customer is expected to make in their first
//! t − s_i periods, so the last point is Σ E[X(T_i)], the model's count of the same x.
//!
//! lifetimes 0.11.3's `expected_cumulative_transactions(model, …, t=T + 1)` has the same
//! model column, one row earlier (its row t − 1), but its actual column at row t − 1 sums the
//! periods 0..t − 1, one period behind its model; here both count to the end of period t
//! (its actual at row t). The oracle test checks both columns against it.

use crate::error::KpiResult;

/// The series, one entry per period 1..=T.
#[derive(Clone, Debug, PartialEq)]
pub struct Tracking {
    /// Periods since the earliest first purchase: 1, 2, …, T.
    pub period: Vec<f64>,
    /// Observed cumulative repeat purchases.
    pub actual: Vec<f64>,
    /// The model's expected cumulative repeat purchases.
    pub model: Vec<f64>,
}

/// The series from each customer's age `t` (end period − first period, as the summary has
/// it), the base's repeat purchases per period (`repeats[k]`: in period k, k = 0..=T; from
/// [`super::summary::repeats_by_period`]) and a new customer's expected repeat purchases in
/// their first h periods (`new(h)`). An error of `new` is the series' error.
pub fn tracking(ages: &[f64], repeats: &[f64], new: &dyn Fn(f64) -> KpiResult<f64>) -> KpiResult<Tracking> {
    let last = repeats.len().saturating_sub(1);
    // Customers by first period s = T − age: how many started in each.
    let mut cohort = vec![0.0; last + 1];
    for &a in ages {
        let s = last as f64 - a;
        if s >= 0.0 && s <= last as f64 {
            cohort[s as usize] += 1.0;
        }
    }
    // E[X(h)] once per h, then each point is a sum over the cohorts.
    let expected: Vec<f64> = (0..=last).map(|h| new(h as f64)).collect::<KpiResult<_>>()?;
    let mut out = Tracking { period: Vec::with_capacity(last), actual: Vec::with_capacity(last), model: Vec::with_capacity(last) };
    let mut actual = repeats.first().copied().unwrap_or(0.0);
    for t in 1..=last {
        actual += repeats[t];
        let model = (0..t).filter(|&s| cohort[s] > 0.0).map(|s| cohort[s] * expected[t - s]).sum();
        out.period.push(t as f64);
        out.actual.push(actual);
        out.model.push(model);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two customers from period 0 and one from period 1; E[X(h)] = h/2.
    #[test]
    fn sums_cohorts_and_cumulates_repeats() {
        let tr = tracking(&[3.0, 3.0, 2.0], &[0.0, 1.0, 0.0, 2.0], &|h| Ok(h / 2.0)).unwrap();
        assert_eq!(tr.period, vec![1.0, 2.0, 3.0]);
        assert_eq!(tr.actual, vec![1.0, 1.0, 3.0]);
        // t=1: 2·0.5; t=2: 2·1 + 1·0.5; t=3: 2·1.5 + 1·1.
        assert_eq!(tr.model, vec![1.0, 2.5, 4.0]);
    }

    #[test]
    fn one_period_has_no_points() {
        let tr = tracking(&[0.0], &[0.0], &|_| Ok(1.0)).unwrap();
        assert!(tr.period.is_empty() && tr.model.is_empty());
    }
}
