//! The Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV") and the discounted
//! CLV that joins a purchase model's forecast with it.

use super::{columns, estimates, fit_table, num, FIT_COLUMNS, FREQUENCY, TX, X};
use crate::clv::{bgbb, bgnbd, gamma_gamma, pareto_nbd, value};
use crate::error::KpiResult;
use crate::error::ErrorKind::{Num, NA};
use crate::kpi::sources;
use crate::registry::ExpectedCell::{E, N, T};
use crate::registry::{ex, ex_err, ex_table, Function, Param, ResultKind, Shape};

const GG_PARAMS: Param = Param::series("gamma_gamma", "The Gamma-Gamma estimates p, q, gamma (GG_FIT's estimate column).");

// The 23 repeat buyers of the 40 CDNOW customers (super::cdnow40): frequency, mean repeat spend.
const CDNOW23: &str = "GG_FIT({2;4;1;1;2;4;1;19;2;11;1;6;1;2;2;1;3;2;17;2;1;2;3}, \
{22.35;53.4;13.77;89.48;33.72;31.97;12.99;29.49;29.6;106.53;13.97;41.17;13.77;34.21;36.81;19.55;13.23;20.69;48.23;13.07;54.51;38.13;125.6})";

/// GG_FIT, GG_SPEND, CLV_DISCOUNTED.
pub const FUNCTIONS: &[Function] = &[
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
        description: "Discounted customer lifetime value of one customer: per future period, the purchase model's expected \
                      purchases × Gamma-Gamma's expected spend × margin, discounted at the rate per period. The purchase \
                      model is BG/NBD unless model says pnbd (Pareto/NBD) or bgbb (BG/BB: a period is an opportunity). \
                      Periods are period_length units of the data's time unit (1: the unit itself); the unit is never guessed.",
        formula: "Σ_k (E[N(k·L)] − E[N((k−1)·L)]) · spend · margin / (1+d)^k",
        source: sources::CLV_MODELS,
        params: &[
            Param::series("purchases", "The purchase model's estimates (BGNBD_FIT's, PNBD_FIT's or BGBB_FIT's estimate column)."),
            GG_PARAMS,
            X,
            TX,
            Param::non_negative("T", "This customer's time from first purchase to the end of observation (BG/BB: opportunities)."),
            Param::non_negative("spend", "This customer's mean spend per repeat purchase (0 without repeats)."),
            Param::non_negative("periods", "How many future periods to sum, a whole number up to 10,000."),
            Param::rate("discount_rate", "Discount rate per period (0.01 = 1%)."),
            Param::rate("margin", "Gross margin as a fraction; omit for revenue.").or(1.0),
            Param::non_negative("period_length", "Length of one period in the data's time unit (4.345 for months of weekly data).").or(1.0),
            Param::choice("model", "The purchase model the estimates are of.", &["bgnbd", "pnbd", "bgbb"]),
        ],
        result: ResultKind::Money,
        shape: Shape::Value,
        examples: &[
            // 52 weeks at 0.2% a week; lifetimes 0.11.3's customer_lifetime_value (freq 'M': one unit
            // per period) gives 36.61219393580589, 8e-15 apart.
            ex("CLV_DISCOUNTED({0.243;4.414;0.793;2.426}, {6.25;3.74;15.44}, 2, 30.43, 38.86, 22.35, 52, 0.002)", 36.61219393580561),
            ex("CLV_DISCOUNTED({0.243;4.414;0.793;2.426}, {6.25;3.74;15.44}, 2, 30.43, 38.86, 22.35, 0, 0.002)", 0.0),
            ex_err("CLV_DISCOUNTED({0.243;4.414;0.793;2.426}, {6.25;3.74;15.44}, 2, 30.43, 38.86, 22.35, 2.5, 0.002)", Num),
            // Pareto/NBD at note 008's CDNOW estimates, 13 four-week periods at 1% each, 30% margin;
            // BG/BB at FHS 2010's donation estimates, 5 yearly opportunities at 10%: both within
            // 5e-14 of a 50-digit evaluation of the papers' formulas (tests/oracle/clv_examples.py).
            ex("CLV_DISCOUNTED({0.553;10.58;0.606;11.67}, {6.25;3.74;15.44}, 2, 30.43, 38.86, 22.35, 13, 0.01, 0.3, 4, \"pnbd\")", 12.839807006484456),
            ex("CLV_DISCOUNTED({1.204;0.75;0.657;2.783}, {6.25;3.74;15.44}, 3, 5, 6, 50, 5, 0.1, 1, 1, \"bgbb\")", 66.5415960387825),
            ex_err("CLV_DISCOUNTED({1.204;0.75;0.657;2.783}, {6.25;3.74;15.44}, 3, 5, 6, 50, 5, 0.1, 1, 0.5, \"bgbb\")", Num),
        ],
        eval: |a| {
            let params = estimates(a, 0, 4, "purchase model")?;
            let g = gamma_gamma::GammaGamma::from_slice(&estimates(a, 1, 3, "Gamma-Gamma")?)?;
            let (x, tx, t) = (a.num(2)?.to_f64(), a.num(3)?.to_f64(), a.num(4)?.to_f64());
            let spend = g.expected_spend(x, a.num(5)?.to_f64())?;
            let cum: Box<dyn Fn(f64) -> KpiResult<f64>> = match a.choice(10)? {
                0 => {
                    let p = bgnbd::BgNbd::from_slice(&params)?;
                    Box::new(move |h| p.expected_purchases(h, x, tx, t))
                }
                1 => {
                    let p = pareto_nbd::ParetoNbd::from_slice(&params)?;
                    Box::new(move |h| p.expected_purchases(h, x, tx, t))
                }
                _ => {
                    let p = bgbb::BgBb::from_slice(&params)?;
                    Box::new(move |m| p.expected_transactions(m, x, tx, t))
                }
            };
            num(value::discounted_clv(&*cum, spend, a.num(8)?.to_f64(), a.num(7)?.to_f64(), a.num(6)?.to_f64(), a.num(9)?.to_f64()))
        },
    },
];
