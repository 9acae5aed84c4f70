//! Probabilistic customer lifetime value as spreadsheet functions: fits that spill their
//! parameters, and per-customer predictions that read the spilled estimates, so a column of
//! predictions comes from one fit. The models live in [`crate::clv`] (docs/clv.md).

use super::sources;
use crate::clv::{bgnbd, gamma_gamma, summary, value, Customers, Fit};
use crate::error::ErrorKind::{Num, Value, NA};
use crate::error::{KpiError, KpiResult};
use crate::registry::ExpectedCell::{E, N, T};
use crate::registry::{ex, ex_err, ex_table, Column, Function, Inputs, Output, Param, ResultKind, Shape};
use crate::table::OutCell;

/// Fits are numeric: examples are checked against lifetimes 0.11.3's fit (its own tolerance
/// is 1e-7 on the scaled problem), the standard errors against its autograd Hessian.
const FITTED: Option<f64> = Some(1e-5);

const FIT_COLUMNS: &[Column] = &[
    Column { name: "parameter", kind: ResultKind::Text, description: "The parameter's name, then log_likelihood.", tolerance: None },
    Column { name: "estimate", kind: ResultKind::Ratio, description: "The maximum-likelihood estimate (the log-likelihood in its row).", tolerance: FITTED },
    Column { name: "std_error", kind: ResultKind::Ratio, description: "Its standard error, from the Hessian of the log-likelihood.", tolerance: FITTED },
];

const RFM_COLUMNS: &[Column] = &[
    Column { name: "customer", kind: ResultKind::Text, description: "The customer id, in the order of first appearance.", tolerance: None },
    Column { name: "frequency", kind: ResultKind::Count, description: "Repeat purchases: periods with a purchase after the first.", tolerance: None },
    Column { name: "recency", kind: ResultKind::Count, description: "Last purchase period − first, in the unit.", tolerance: None },
    Column { name: "T", kind: ResultKind::Count, description: "Observation end period − first purchase period, in the unit.", tolerance: None },
    Column { name: "monetary_value", kind: ResultKind::Money, description: "Mean spend per repeat period (first purchase left out); 0 without repeats.", tolerance: None },
];

const FREQUENCY: Param = Param::paired("frequency", "Repeat purchases of each customer (x, lifetimes' frequency).");
const RECENCY: Param = Param::paired("recency", "Time from each customer's first to last purchase (t_x), in the data's unit.");
const AGE: Param = Param::paired("T", "Time from each customer's first purchase to the end of observation, same unit.");
const BGNBD_PARAMS: Param = Param::series("bgnbd", "The BG/NBD estimates r, alpha, a, b (BGNBD_FIT's estimate column).");
const GG_PARAMS: Param = Param::series("gamma_gamma", "The Gamma-Gamma estimates p, q, gamma (GG_FIT's estimate column).");
const X: Param = Param::non_negative("frequency", "This customer's repeat purchases.");
const TX: Param = Param::non_negative("recency", "This customer's time from first to last purchase.");
const AGE1: Param = Param::non_negative("T", "This customer's time from first purchase to the end of observation.");
const UNIT: Param = Param { default: None, ..Param::choice("unit", "The time unit of recency and T.", &["days", "weeks", "months"]) };

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

fn num(v: KpiResult<f64>) -> KpiResult<Output> {
    let v = v?;
    crate::num::to_exact(v).map(Output::Number)
}

// 40 CDNOW customers (every 60th of lifetimes' cdnow_customers_summary.csv, weeks).
const CDNOW40: &str = "BGNBD_FIT({2;4;1;0;0;0;0;0;1;2;4;1;0;0;19;0;0;2;11;1;6;1;0;2;2;0;0;1;3;0;0;0;2;17;2;1;2;3;0;0}, \
{30.43;29.43;3;0;0;0;0;0;21.57;31.71;21.43;33.71;0;0;34;0;0;21.43;32;0.71;26.71;19.86;0;11.71;22.57;0;0;25.86;18.29;0;0;0;3.71;28.43;9.57;7.57;8.43;20.14;0;0}, \
{38.86;38.43;38.14;37.71;37.43;37;36.71;36.29;36;35.71;35.43;35.14;34.86;34.57;34.14;34;33.71;33.43;33.14;32.86;32.57;32.29;32;31.71;31.43;31.14;30.86;30.57;30.29;30;29.71;29.43;29.14;28.86;28.57;28.29;28;27.71;27.29;27})";

// Their 23 repeat buyers' mean repeat spend.
const CDNOW23: &str = "GG_FIT({2;4;1;1;2;4;1;19;2;11;1;6;1;2;2;1;3;2;17;2;1;2;3}, \
{22.35;53.4;13.77;89.48;33.72;31.97;12.99;29.49;29.6;106.53;13.97;41.17;13.77;34.21;36.81;19.55;13.23;20.69;48.23;13.07;54.51;38.13;125.6})";

/// BGNBD_FIT, BGNBD_PURCHASES, BGNBD_ALIVE, GG_FIT, GG_SPEND, CLV_DISCOUNTED, RFM.
pub const FUNCTIONS: &[Function] = &[
    Function {
        id: "BGNBD_FIT",
        sheets_name: "BGNBD_FIT",
        description: "Fits the BG/NBD model (Fader, Hardie & Lee 2005) to customers' frequency, recency and age by maximum \
                      likelihood: spills r, alpha, a, b with standard errors, and the log-likelihood. Time in one unit, the data's.",
        formula: "argmax Σ ln L(r, α, a, b | x, t_x, T) (FHL 2005 eq. 6)",
        source: sources::CLV_MODELS,
        params: &[FREQUENCY, RECENCY, AGE],
        result: ResultKind::Text,
        shape: Shape::Table(FIT_COLUMNS),
        examples: &[
            // lifetimes 0.11.3's BetaGeoFitter on the same 40 customers.
            ex_table(CDNOW40, &[
                &[T("r"), N(0.4044491252763107), N(0.1279768419232113)],
                &[T("alpha"), N(4.655895552844753), N(2.164837993261827)],
                &[T("a"), N(0.18810647581718815), N(0.2468413259831685)],
                &[T("b"), N(1.282198714447495), N(1.8163578631046615)],
                &[T("log_likelihood"), N(-276.1584927765058), E(NA)],
            ]),
            ex_err("BGNBD_FIT({0;0;0}, {0;0;0}, {10;12;8})", Num),
            ex_err("BGNBD_FIT({2}, {5}, {10})", Num),
            ex_err("BGNBD_FIT({1;2}, {6;3}, {5;10})", Num),
            ex_err("BGNBD_FIT({1;2}, {1;3})", NA),
        ],
        eval: |a| {
            let c = columns(a, &[0, 1, 2])?;
            let (_, f) = bgnbd::fit(&Customers::new(&c[0], &c[1], &c[2])?)?;
            Ok(fit_table(&bgnbd::NAMES, &f))
        },
    },
    Function {
        id: "BGNBD_PURCHASES",
        sheets_name: "BGNBD_PURCHASES",
        description: "Expected repeat purchases of one customer in the next t periods under a BG/NBD fit (FHL 2005 eq. 10), \
                      from the fit's spilled estimates: fill a column of these from one BGNBD_FIT.",
        formula: "E[X(T, T+t] | x, t_x, T; r, α, a, b]",
        source: sources::CLV_MODELS,
        params: &[BGNBD_PARAMS, X, TX, AGE1, Param::non_negative("t", "Horizon: how many periods ahead, in the data's unit.")],
        result: ResultKind::Count,
        shape: Shape::Value,
        examples: &[
            // At the published CDNOW estimates (FHL 2005), 39 weeks ahead. lifetimes 0.11.3 gives
            // 1.2260281747671318 (scipy's hyp2f1): 3e-15 apart; the second is the same bits.
            ex("BGNBD_PURCHASES({0.243;4.414;0.793;2.426}, 2, 30.43, 38.86, 39)", 1.226028174767135),
            ex("BGNBD_PURCHASES({0.243;4.414;0.793;2.426}, 0, 0, 38.86, 39)", 0.19509805201125396),
            ex("BGNBD_PURCHASES({0.243;4.414;0.793;2.426}, 2, 30.43, 38.86, 0)", 0.0),
            ex_err("BGNBD_PURCHASES({0.243;4.414;0.793;2.426}, 2, 40, 38.86, 39)", Num),
            ex_err("BGNBD_PURCHASES({0.243;4.414}, 2, 30.43, 38.86, 39)", NA),
        ],
        eval: |a| {
            let p = bgnbd::BgNbd::from_slice(&estimates(a, 0, 4, "BG/NBD")?)?;
            num(p.expected_purchases(a.num(4)?.to_f64(), a.num(1)?.to_f64(), a.num(2)?.to_f64(), a.num(3)?.to_f64()))
        },
    },
    Function {
        id: "BGNBD_ALIVE",
        sheets_name: "BGNBD_ALIVE",
        description: "Probability that a customer is still active (has not dropped out) at the end of observation, under a \
                      BG/NBD fit (Fader, Hardie & Lee's note 021); 1 for a customer without repeat purchases.",
        formula: "1 / (1 + a/(b+x−1) · ((α+T)/(α+t_x))^(r+x))",
        source: sources::CLV_MODELS,
        params: &[BGNBD_PARAMS, X, TX, AGE1],
        result: ResultKind::Fraction,
        shape: Shape::Value,
        examples: &[
            // lifetimes 0.11.3: the same bits, and 0.00016909425607622972 for the second (1 ulp).
            ex("BGNBD_ALIVE({0.243;4.414;0.793;2.426}, 2, 30.43, 38.86)", 0.726578570080673),
            ex("BGNBD_ALIVE({0.243;4.414;0.793;2.426}, 7, 5, 38.86)", 0.0001690942560762297),
            ex("BGNBD_ALIVE({0.243;4.414;0.793;2.426}, 0, 0, 38.86)", 1.0),
            ex_err("BGNBD_ALIVE({0.243;4.414;0.793;2.426}, 2, 0, 38.86)", Num),
        ],
        eval: |a| {
            let p = bgnbd::BgNbd::from_slice(&estimates(a, 0, 4, "BG/NBD")?)?;
            num(p.p_alive(a.num(1)?.to_f64(), a.num(2)?.to_f64(), a.num(3)?.to_f64()))
        },
    },
    Function {
        id: "GG_FIT",
        sheets_name: "GG_FIT",
        description: "Fits the Gamma-Gamma spend model (Fader, Hardie & Lee 2005, \"RFM and CLV\") to the repeat buyers' \
                      frequency and mean repeat spend: spills p, q, gamma with standard errors, and the log-likelihood. \
                      Rows with frequency 0 are left out.",
        formula: "argmax Σ ln f(m̄ | x; p, q, γ) (Fader & Hardie note 025 eq. 1a)",
        source: sources::CLV_MODELS,
        params: &[FREQUENCY, Param::paired("spend", "Each customer's mean spend per repeat purchase (lifetimes' monetary_value).")],
        result: ResultKind::Text,
        shape: Shape::Table(FIT_COLUMNS),
        examples: &[
            // lifetimes 0.11.3's GammaGammaFitter on the same 23 repeat buyers.
            ex_table(CDNOW23, &[
                &[T("p"), N(6.022491494242064), N(11.660105892849048)],
                &[T("q"), N(3.4383723050664905), N(2.032608012775921)],
                &[T("gamma"), N(16.354588643199993), N(43.539404846700016)],
                &[T("log_likelihood"), N(-101.4446500729833), E(NA)],
            ]),
            ex_err("GG_FIT({2;0}, {10;0})", Num),
            ex_err("GG_FIT({2;1}, {10;-3})", Num),
        ],
        eval: |a| {
            let c = columns(a, &[0, 1])?;
            let (_, f) = gamma_gamma::fit(&gamma_gamma::Spenders::new(&c[0], &c[1])?)?;
            Ok(fit_table(&gamma_gamma::NAMES, &f))
        },
    },
    Function {
        id: "GG_SPEND",
        sheets_name: "GG_SPEND",
        description: "Expected spend per purchase of one customer under a Gamma-Gamma fit: their mean repeat spend shrunk \
                      towards the population mean p·gamma/(q−1) (note 025 eq. 5); the population mean without repeats.",
        formula: "(1 − w) · pγ/(q−1) + w · m̄, w = px/(px+q−1)",
        source: sources::CLV_MODELS,
        params: &[GG_PARAMS, X, Param::non_negative("spend", "This customer's mean spend per repeat purchase (0 without repeats).")],
        result: ResultKind::Money,
        shape: Shape::Value,
        examples: &[
            // lifetimes 0.11.3's conditional_expected_average_profit: the same bits.
            ex("GG_SPEND({6.25;3.74;15.44}, 2, 22.35)", 24.663713910761157),
            ex("GG_SPEND({6.25;3.74;15.44}, 0, 0)", 35.21897810218978),
            ex_err("GG_SPEND({6.25;0.9;15.44}, 2, 22.35)", Num),
        ],
        eval: |a| {
            let g = gamma_gamma::GammaGamma::from_slice(&estimates(a, 0, 3, "Gamma-Gamma")?)?;
            num(g.expected_spend(a.num(1)?.to_f64(), a.num(2)?.to_f64()))
        },
    },
    Function {
        id: "CLV_DISCOUNTED",
        sheets_name: "CLV_DISCOUNTED",
        description: "Discounted customer lifetime value of one customer: per future period, BG/NBD's expected purchases × \
                      Gamma-Gamma's expected spend × margin, discounted at the rate per period. Periods are period_length \
                      units of the data's time unit (1: the unit itself); the unit is never guessed.",
        formula: "Σ_k (E[N(k·L)] − E[N((k−1)·L)]) · spend · margin / (1+d)^k",
        source: sources::CLV_MODELS,
        params: &[
            BGNBD_PARAMS,
            GG_PARAMS,
            X,
            TX,
            AGE1,
            Param::non_negative("spend", "This customer's mean spend per repeat purchase (0 without repeats)."),
            Param::non_negative("periods", "How many future periods to sum, a whole number up to 10,000."),
            Param::rate("discount_rate", "Discount rate per period (0.01 = 1%)."),
            Param::rate("margin", "Gross margin as a fraction; omit for revenue.").or(1.0),
            Param::non_negative("period_length", "Length of one period in the data's time unit (4.345 for months of weekly data).").or(1.0),
        ],
        result: ResultKind::Money,
        shape: Shape::Value,
        examples: &[
            // 52 weeks at 0.2% a week; lifetimes 0.11.3's customer_lifetime_value (freq 'M': one unit
            // per period) gives 36.61219393580589, 8e-15 apart.
            ex("CLV_DISCOUNTED({0.243;4.414;0.793;2.426}, {6.25;3.74;15.44}, 2, 30.43, 38.86, 22.35, 52, 0.002)", 36.61219393580561),
            ex("CLV_DISCOUNTED({0.243;4.414;0.793;2.426}, {6.25;3.74;15.44}, 2, 30.43, 38.86, 22.35, 0, 0.002)", 0.0),
            ex_err("CLV_DISCOUNTED({0.243;4.414;0.793;2.426}, {6.25;3.74;15.44}, 2, 30.43, 38.86, 22.35, 2.5, 0.002)", Num),
        ],
        eval: |a| {
            let p = bgnbd::BgNbd::from_slice(&estimates(a, 0, 4, "BG/NBD")?)?;
            let g = gamma_gamma::GammaGamma::from_slice(&estimates(a, 1, 3, "Gamma-Gamma")?)?;
            let (x, tx, t) = (a.num(2)?.to_f64(), a.num(3)?.to_f64(), a.num(4)?.to_f64());
            let spend = g.expected_spend(x, a.num(5)?.to_f64())?;
            let cum = |h: f64| p.expected_purchases(h, x, tx, t);
            num(value::discounted_clv(&cum, spend, a.num(8)?.to_f64(), a.num(7)?.to_f64(), a.num(6)?.to_f64(), a.num(9)?.to_f64()))
        },
    },
    Function {
        id: "RFM",
        sheets_name: "RFM",
        description: "RFM summary of a transaction list (customer, date, amount), one row per customer that spills: \
                      frequency, recency, T and mean repeat spend in the chosen unit, as lifetimes' \
                      summary_data_from_transaction_data: same-period purchases count once, the first is not a repeat.",
        formula: "per customer: x = periods bought − 1, t_x = last − first, T = end − first (periods), spend = mean of repeat periods",
        source: sources::CLV_MODELS,
        params: &[
            Param::texts("customers", "The customer id of each transaction."),
            Param::paired("dates", "The date of each transaction (date cells)."),
            UNIT,
            Param::paired("amounts", "The amount of each transaction; omit for none.").or_omitted(),
            Param::non_negative("end", "The observation end date; omit for the latest transaction.").or_omitted(),
        ],
        result: ResultKind::Text,
        shape: Shape::Table(RFM_COLUMNS),
        examples: &[
            // a buys twice on day 45000 (15 in all) and on 45010 (20); b once on 45003; end 45020.
            ex_table(
                "RFM({\"a\";\"a\";\"b\";\"a\"}, {45000;45000;45003;45010}, \"days\", {10;5;7;20}, 45020)",
                &[&[T("a"), N(1.0), N(10.0), N(20.0), N(20.0)], &[T("b"), N(0.0), N(0.0), N(17.0), N(0.0)]],
            ),
            // Weeks run Monday to Sunday: 45000 (2023-03-15) is a Wednesday, 45010 the Saturday of the next week.
            ex_table(
                "RFM({\"a\";\"a\";\"b\";\"a\"}, {45000;45000;45003;45010}, \"weeks\", {10;5;7;20}, 45020)",
                &[&[T("a"), N(1.0), N(1.0), N(3.0), N(20.0)], &[T("b"), N(0.0), N(0.0), N(3.0), N(0.0)]],
            ),
            ex_err("RFM({\"a\"}, {45000}, \"years\")", Value),
            ex_err("RFM({\"a\"}, {45000})", NA),
        ],
        eval: |a| {
            let ids = a.texts(0)?;
            let dates = a.paired(1)?;
            let amounts = a.opt_paired(3)?;
            if dates.len() != ids.len() || amounts.is_some_and(|v| v.len() != ids.len()) {
                return Err(KpiError::value("The customer, date and amount ranges must have the same rows, one transaction per row."));
            }
            let (mut id, mut d, mut m) = (vec![], vec![], vec![]);
            for i in 0..ids.len() {
                match (&ids[i], &dates[i]) {
                    (None, None) => continue,
                    (Some(c), Some(t)) => {
                        id.push(c.clone());
                        d.push(t.to_f64());
                        m.push(amounts.and_then(|v| v[i].as_ref()).map_or(0.0, |v| v.to_f64()));
                    }
                    _ => return Err(KpiError::value(format!("Transaction row {} has no customer or no date.", i + 1))),
                }
            }
            let unit = [summary::Unit::Days, summary::Unit::Weeks, summary::Unit::Months][a.choice(2)?];
            let end = a.opt_num(4)?.map(|e| e.to_f64());
            let rows = summary::summarize(&id, &d, amounts.map(|_| m.as_slice()), unit, end)?;
            Ok(Output::Table(
                rows.into_iter()
                    .map(|r| {
                        let money = match r.monetary {
                            Some(v) => OutCell::Float(v),
                            None => OutCell::Error(KpiError::na("No amounts were given.")),
                        };
                        vec![OutCell::Text(r.id), OutCell::Float(r.x), OutCell::Float(r.t_x), OutCell::Float(r.t), money]
                    })
                    .collect(),
            ))
        },
    },
];
