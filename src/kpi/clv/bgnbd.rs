//! BG/NBD (Fader, Hardie & Lee 2005) as spreadsheet functions: the fit and its per-customer
//! predictions.

use super::{cdnow40, columns, estimates, fit_table, num, AGE, AGE1, FIT_COLUMNS, FREQUENCY, HORIZON, RECENCY, TX, X};
use crate::clv::{bgnbd, Customers};
use crate::error::ErrorKind::{Num, NA};
use crate::kpi::sources;
use crate::registry::ExpectedCell::{E, N, T};
use crate::registry::{ex, ex_err, ex_table, Function, Param, ResultKind, Shape};

/// The BG/NBD estimates a prediction reads.
pub(super) const BGNBD_PARAMS: Param = Param::series("bgnbd", "The BG/NBD estimates r, alpha, a, b (BGNBD_FIT's estimate column).");

/// BGNBD_FIT, BGNBD_PURCHASES, BGNBD_ALIVE.
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
            ex_table(concat!("BGNBD_FIT(", cdnow40!(), ")"), &[
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
        params: &[BGNBD_PARAMS, X, TX, AGE1, HORIZON],
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
];
