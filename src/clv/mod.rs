//! Probabilistic customer lifetime value: the "buy till you die" models of the research
//! (BG/NBD, Pareto/NBD, BG/BB), the Gamma-Gamma spend model, discounted CLV, and the RFM
//! summary of a transaction list. Pure, in double precision with `libm` maths only, so every
//! host computes the same bits; see docs/clv.md.

pub mod alive_histogram;
pub mod bgbb;
pub mod bgnbd;
pub(crate) mod distinct;
pub mod fit;
pub mod forecast;
pub mod gamma_gamma;
pub mod pareto_nbd;
pub mod special;
pub mod summary;
pub mod tracking;
pub mod value;

pub use fit::Fit;

use crate::error::{KpiError, KpiResult};

/// Customers as the continuous-time models see them: per customer the number of repeat
/// purchases x, the time of the last one t_x and the age T (both since the first purchase,
/// in one time unit), and a weight (how many customers share this history; 1 usually).
#[derive(Clone, Debug, PartialEq)]
pub struct Customers {
    /// Repeat purchases (frequency), whole numbers ≥ 0.
    pub x: Vec<f64>,
    /// Recency: time from the first to the last purchase.
    pub t_x: Vec<f64>,
    /// Age: time from the first purchase to the end of observation.
    pub t: Vec<f64>,
    /// How many customers have this history.
    pub weight: Vec<f64>,
}

impl Customers {
    /// Checks an RFM summary: one x, t_x and T per customer, finite, x a whole number ≥ 0,
    /// 0 ≤ t_x ≤ T, t_x = 0 exactly when x = 0.
    pub fn new(x: &[f64], t_x: &[f64], t: &[f64]) -> KpiResult<Customers> {
        Customers::weighted(x, t_x, t, &vec![1.0; x.len()])
    }

    /// As [`Customers::new`], with a weight (a count of customers, ≥ 0) per row.
    pub fn weighted(x: &[f64], t_x: &[f64], t: &[f64], weight: &[f64]) -> KpiResult<Customers> {
        if x.len() != t_x.len() || x.len() != t.len() || x.len() != weight.len() {
            return Err(KpiError::value(format!(
                "Frequency, recency and age need one value per customer; got {}, {} and {} values.",
                x.len(),
                t_x.len(),
                t.len()
            )));
        }
        if x.is_empty() {
            return Err(KpiError::na("There are no customers: frequency, recency and age are empty."));
        }
        for i in 0..x.len() {
            check_row(i + 1, x[i], t_x[i], t[i], weight[i])?;
        }
        Ok(Customers { x: x.to_vec(), t_x: t_x.to_vec(), t: t.to_vec(), weight: weight.to_vec() })
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.x.len()
    }

    /// True when there are no rows (never, for a checked value).
    pub fn is_empty(&self) -> bool {
        self.x.is_empty()
    }

    /// The total weight.
    pub fn total_weight(&self) -> f64 {
        self.weight.iter().sum()
    }

    /// The distinct histories with their summed weights, in a fixed order (by x, t_x, T):
    /// what the likelihood is summed over. Fits are quicker (CDNOW's 2,357 customers have
    /// far fewer distinct histories) and, since the order no longer depends on the rows' order,
    /// a fit is the same bits however the rows are sorted.
    pub fn patterns(&self) -> Customers {
        // Non-negative finite doubles order as their bit patterns do; + 0.0 makes −0 into +0.
        let mut rows: Vec<([u64; 3], f64)> = (0..self.len())
            .filter(|&i| self.weight[i] > 0.0)
            .map(|i| ([(self.x[i] + 0.0).to_bits(), (self.t_x[i] + 0.0).to_bits(), (self.t[i] + 0.0).to_bits()], self.weight[i]))
            .collect();
        // By weight within a history, so that fractional weights are summed in an order the
        // rows' order cannot change ((0.1 + 0.2) + 0.3 and (0.3 + 0.2) + 0.1 differ in the last bit).
        rows.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
        let mut c = Customers { x: vec![], t_x: vec![], t: vec![], weight: vec![] };
        let mut last: Option<[u64; 3]> = None;
        for (key, w) in rows {
            if last == Some(key) {
                *c.weight.last_mut().expect("a history was pushed") += w;
                continue;
            }
            last = Some(key);
            c.x.push(f64::from_bits(key[0]));
            c.t_x.push(f64::from_bits(key[1]));
            c.t.push(f64::from_bits(key[2]));
            c.weight.push(w);
        }
        c
    }

    /// The checks before a fit: at least two customers and at least one repeat buyer, else
    /// the model cannot be identified.
    pub fn check_fittable(&self) -> KpiResult<()> {
        if self.total_weight() < 2.0 {
            return Err(KpiError::num("A model needs at least two customers to be fitted."));
        }
        if !self.x.iter().zip(&self.weight).any(|(&x, &w)| x > 0.0 && w > 0.0) {
            return Err(KpiError::num("No customer has a repeat purchase: without repeat buyers the purchase rate and drop-out cannot be told apart."));
        }
        if !self.t.iter().any(|&t| t > 0.0) {
            return Err(KpiError::num("Every customer's age is 0: the observation period is empty."));
        }
        Ok(())
    }
}

/// One row's checks (see [`Customers::new`]); `row` is its 1-based number for the message.
fn check_row(row: usize, xi: f64, txi: f64, ti: f64, wi: f64) -> KpiResult<()> {
    if !(xi.is_finite() && txi.is_finite() && ti.is_finite() && wi.is_finite()) {
        return Err(KpiError::num(format!("Customer {row} has a frequency, recency or age that is not a finite number.")));
    }
    if xi < 0.0 || xi.fract() != 0.0 {
        return Err(KpiError::num(format!("Customer {row}'s frequency ({xi}) must be a whole number of repeat purchases, 0 or more.")));
    }
    if txi < 0.0 || ti < 0.0 {
        return Err(KpiError::num(format!("Customer {row}'s recency and age must not be negative.")));
    }
    if txi > ti {
        return Err(KpiError::num(format!("Customer {row}'s recency ({txi}) is after the end of observation (age {ti}): the last purchase cannot be later than the end.")));
    }
    if xi == 0.0 && txi != 0.0 {
        return Err(KpiError::num(format!("Customer {row} has no repeat purchase but a recency of {txi}: recency is 0 without repeat purchases.")));
    }
    if xi > 0.0 && txi == 0.0 {
        return Err(KpiError::num(format!("Customer {row} has {xi} repeat purchases but a recency of 0: a repeat purchase comes after the first.")));
    }
    if wi < 0.0 {
        return Err(KpiError::num(format!("Customer {row}'s weight must not be negative.")));
    }
    Ok(())
}

/// Checks one customer's history for a prediction (same rules as [`Customers::new`]) and a
/// horizon t ≥ 0.
pub fn check_one(x: f64, t_x: f64, t: f64) -> KpiResult<()> {
    // Without building a Customers: predictions check every customer, a million at a time.
    check_row(1, x, t_x, t, 1.0)
}

/// Checks a prediction horizon: finite and ≥ 0.
pub fn check_horizon(h: f64) -> KpiResult<()> {
    if h.is_finite() && h >= 0.0 {
        Ok(())
    } else {
        Err(KpiError::num("The prediction horizon must be a finite number of periods, 0 or more."))
    }
}

/// Checks fitted parameters handed back in: all finite and > 0.
pub fn check_params(p: &[f64], model: &str) -> KpiResult<()> {
    if p.iter().all(|v| v.is_finite() && *v > 0.0) {
        Ok(())
    } else {
        Err(KpiError::num(format!("The {model} parameters must all be positive numbers (use the ones its fit returns).")))
    }
}

/// A result that must be a finite number, else `#NUM!` with the model's name.
pub(crate) fn finite(v: f64, what: &str) -> KpiResult<f64> {
    if v.is_finite() {
        Ok(if v == 0.0 { 0.0 } else { v })
    } else {
        Err(KpiError::num(format!("The {what} cannot be computed for these inputs (it is beyond the range of a spreadsheet number).")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_sum_weights_in_an_order_the_rows_cannot_change() {
        let a = Customers::weighted(&[1.0, 0.0, 1.0, 1.0], &[2.0, 0.0, 2.0, 2.0], &[5.0; 4], &[0.1, 1.0, 0.2, 0.3]).unwrap();
        let b = Customers::weighted(&[1.0, 1.0, 1.0, 0.0], &[2.0, 2.0, 2.0, 0.0], &[5.0; 4], &[0.3, 0.2, 0.1, 1.0]).unwrap();
        let (pa, pb) = (a.patterns(), b.patterns());
        assert_eq!(pa.x, vec![0.0, 1.0]);
        assert_eq!(pa.weight[1].to_bits(), pb.weight[1].to_bits());
        assert_eq!(pa, pb);
    }
}
