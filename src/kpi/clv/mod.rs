//! Probabilistic customer lifetime value as spreadsheet functions: fits that spill their
//! parameters, and per-customer predictions that read the spilled estimates, so a column of
//! predictions comes from one fit. The models live in [`crate::clv`] (docs/clv.md); one
//! module here per model, plus the spend model with the discounted CLV, and RFM.

pub mod bgbb;
pub mod bgnbd;
pub mod pareto_nbd;
pub mod rfm;
pub mod value;

use crate::clv::Fit;
use crate::error::{KpiError, KpiResult};
use crate::registry::{Column, Inputs, Output, Param, ResultKind};
use crate::table::OutCell;

/// Fits are numeric: examples are checked against lifetimes 0.11.3's fit (its own tolerance
/// is 1e-7 on the scaled problem) or a 50-digit Newton polish of it, the standard errors
/// against its autograd Hessian or the 50-digit one (tests/oracle/clv_examples.py).
const FITTED: Option<f64> = Some(1e-5);

const FIT_COLUMNS: &[Column] = &[
    Column { name: "parameter", kind: ResultKind::Text, description: "The parameter's name, then log_likelihood.", tolerance: None },
    Column { name: "estimate", kind: ResultKind::Ratio, description: "The maximum-likelihood estimate (the log-likelihood in its row).", tolerance: FITTED },
    Column { name: "std_error", kind: ResultKind::Ratio, description: "Its standard error, from the Hessian of the log-likelihood.", tolerance: FITTED },
];

const FREQUENCY: Param = Param::paired("frequency", "Repeat purchases of each customer (x, lifetimes' frequency).");
const RECENCY: Param = Param::paired("recency", "Time from each customer's first to last purchase (t_x), in the data's unit.");
const AGE: Param = Param::paired("T", "Time from each customer's first purchase to the end of observation, same unit.");
const X: Param = Param::non_negative("frequency", "This customer's repeat purchases.");
const TX: Param = Param::non_negative("recency", "This customer's time from first to last purchase.");
const AGE1: Param = Param::non_negative("T", "This customer's time from first purchase to the end of observation.");
const HORIZON: Param = Param::non_negative("t", "Horizon: how many periods ahead, in the data's unit.");

/// The arguments of the fit examples: 40 CDNOW customers (every 60th of lifetimes'
/// cdnow_customers_summary.csv, weeks) as frequency, recency, T.
macro_rules! cdnow40 {
    () => {
        "{2;4;1;0;0;0;0;0;1;2;4;1;0;0;19;0;0;2;11;1;6;1;0;2;2;0;0;1;3;0;0;0;2;17;2;1;2;3;0;0}, \
{30.43;29.43;3;0;0;0;0;0;21.57;31.71;21.43;33.71;0;0;34;0;0;21.43;32;0.71;26.71;19.86;0;11.71;22.57;0;0;25.86;18.29;0;0;0;3.71;28.43;9.57;7.57;8.43;20.14;0;0}, \
{38.86;38.43;38.14;37.71;37.43;37;36.71;36.29;36;35.71;35.43;35.14;34.86;34.57;34.14;34;33.71;33.43;33.14;32.86;32.57;32.29;32;31.71;31.43;31.14;30.86;30.57;30.29;30;29.71;29.43;29.14;28.86;28.57;28.29;28;27.71;27.29;27}"
    };
}
use cdnow40;

/// The numbers of paired columns, row by row: an all-blank row is skipped, a partly blank one refused.
fn columns(a: &Inputs, idx: &[usize]) -> KpiResult<Vec<Vec<f64>>> {
    let cols: Vec<_> = idx.iter().map(|&i| a.paired(i)).collect::<KpiResult<_>>()?;
    let n = cols[0].len();
    if cols.iter().any(|c| c.len() != n) {
        return Err(KpiError::value("The customer ranges must have the same rows, one customer per row."));
    }
    let mut out = vec![Vec::with_capacity(n); cols.len()];
    for r in 0..n {
        let blanks = cols.iter().filter(|c| c[r].is_none()).count();
        if blanks == cols.len() {
            continue;
        }
        if blanks > 0 {
            return Err(KpiError::value(format!("Customer row {} is partly blank.", r + 1)));
        }
        for (k, c) in cols.iter().enumerate() {
            out[k].push(c[r].as_ref().map_or(0.0, |v| v.to_f64()));
        }
    }
    Ok(out)
}

/// The first `n` numbers of a parameter range (a spilled estimate column may carry the
/// log-likelihood after them).
fn estimates(a: &Inputs, i: usize, n: usize, model: &str) -> KpiResult<Vec<f64>> {
    let s = a.series(i)?;
    if s.len() < n {
        return Err(KpiError::na(format!("The {model} parameters need {n} numbers (the estimate column its fit spills).")));
    }
    Ok(s[..n].iter().map(|v| v.to_f64()).collect())
}

/// A fit as it spills: one row per parameter (name, estimate, standard error), then the
/// log-likelihood.
fn fit_table(names: &[&str], f: &Fit) -> Output {
    let mut rows: Vec<Vec<OutCell>> = names
        .iter()
        .zip(f.params.iter().zip(&f.std_errors))
        .map(|(n, (p, se))| {
            let se = if se.is_finite() {
                OutCell::Float(*se)
            } else {
                OutCell::Error(KpiError::num("No standard error: the likelihood is flat in this direction at the estimate."))
            };
            vec![OutCell::Text(n.to_string()), OutCell::Float(*p), se]
        })
        .collect();
    rows.push(vec![
        OutCell::Text("log_likelihood".into()),
        OutCell::Float(f.log_likelihood),
        OutCell::Error(KpiError::na("A log-likelihood has no standard error.")),
    ]);
    Output::Table(rows)
}

/// A model's number as a cell value.
fn num(v: KpiResult<f64>) -> KpiResult<Output> {
    let v = v?;
    crate::num::to_exact(v).map(Output::Number)
}
