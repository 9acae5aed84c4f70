//! Pareto/NBD (Schmittlein, Morrison & Colombo 1987) as spreadsheet functions: the fit and its
//! per-customer predictions, with the likelihood's hypergeometric terms computed stably
//! (crate::clv::pareto_nbd).

use super::{cdnow40, columns, estimates, fit_table, num, AGE, AGE1, FIT_COLUMNS, FREQUENCY, HORIZON, RECENCY, TX, X};
use crate::clv::{pareto_nbd, Customers};
use crate::error::ErrorKind::{Num, NA};
use crate::kpi::sources;
use crate::registry::ExpectedCell::{E, N, T};
use crate::registry::{ex, ex_err, ex_table, Function, Param, ResultKind, Shape};

/// The Pareto/NBD estimates a prediction reads.
const PNBD_PARAMS: Param = Param::series("pnbd", "The Pareto/NBD estimates r, alpha, s, beta (PNBD_FIT's estimate column).");

// The predictions' examples are at the published CDNOW estimates (Fader & Hardie's note 008),
// weeks. Numbers are pinned to the bit; tests/oracle/clv_examples.py checks each against a
// 50-digit evaluation of note 009's formulas (all within 3e-15) and lifetimes 0.11.3 (4e-15).

/// PNBD_FIT, PNBD_PURCHASES, PNBD_ALIVE.
pub const FUNCTIONS: &[Function] = &[
    Function {
        id: "PNBD_FIT",
        sheets_name: "PNBD_FIT",
        description: "Fits the Pareto/NBD model (Schmittlein, Morrison & Colombo 1987) to customers' frequency, recency and \
                      age by maximum likelihood: spills r, alpha, s, beta with standard errors, and the log-likelihood. \
                      Time in one unit, the data's.",
        formula: "argmax Σ ln L(r, α, s, β | x, t_x, T) (Fader & Hardie note 008 eq. 22)",
        source: sources::CLV_MODELS,
        params: &[FREQUENCY, RECENCY, AGE],
        result: ResultKind::Text,
        shape: Shape::Table(FIT_COLUMNS),
        examples: &[
            // The 50-digit Newton polish of lifetimes 0.11.3's optimum, and the standard errors of the
            // 50-digit Hessian (lifetimes' Pareto/NBD gives none; its own optimum moves by 1e-4 from run
            // to run).
            ex_table(concat!("PNBD_FIT(", cdnow40!(), ")"), &[
                &[T("r"), N(0.5428306496971752), N(0.22483990166272202)],
                &[T("alpha"), N(6.467985212797583), N(2.785247539702971)],
                &[T("s"), N(0.1557284024656913), N(0.3295778520845323)],
                &[T("beta"), N(5.556371164553876), N(23.13482082932471)],
                &[T("log_likelihood"), N(-276.65252427890449), E(NA)],
            ]),
            ex_err("PNBD_FIT({0;0;0}, {0;0;0}, {10;12;8})", Num),
            ex_err("PNBD_FIT({1;2}, {6;3}, {5;10})", Num),
            ex_err("PNBD_FIT({1;2}, {1;3})", NA),
        ],
        eval: |a| {
            let c = columns(a, &[0, 1, 2])?;
            let (_, f) = pareto_nbd::fit(&Customers::new(&c[0], &c[1], &c[2])?)?;
            Ok(fit_table(&pareto_nbd::NAMES, &f))
        },
    },
    Function {
        id: "PNBD_PURCHASES",
        sheets_name: "PNBD_PURCHASES",
        description: "Expected repeat purchases of one customer in the next t periods under a Pareto/NBD fit (note 009 \
                      eq. 41), from the fit's spilled estimates: fill a column of these from one PNBD_FIT.",
        formula: "E[Y(t) | x, t_x, T; r, α, s, β] = P(alive) · (r+x)(β+T) / ((α+T)(s−1)) · (1 − ((β+T)/(β+T+t))^(s−1))",
        source: sources::CLV_MODELS,
        params: &[PNBD_PARAMS, X, TX, AGE1, HORIZON],
        result: ResultKind::Count,
        shape: Shape::Value,
        examples: &[
            ex("PNBD_PURCHASES({0.553;10.58;0.606;11.67}, 2, 30.43, 38.86, 39)", 1.455075199265843),
            ex("PNBD_PURCHASES({0.553;10.58;0.606;11.67}, 0, 0, 38.86, 39)", 0.10708626479093644),
            ex("PNBD_PURCHASES({0.553;10.58;0.606;11.67}, 2, 30.43, 38.86, 0)", 0.0),
            ex_err("PNBD_PURCHASES({0.553;10.58;0.606;11.67}, 2, 40, 38.86, 39)", Num),
            ex_err("PNBD_PURCHASES({0.553;10.58}, 2, 30.43, 38.86, 39)", NA),
        ],
        eval: |a| {
            let p = pareto_nbd::ParetoNbd::from_slice(&estimates(a, 0, 4, "Pareto/NBD")?)?;
            num(p.expected_purchases(a.num(4)?.to_f64(), a.num(1)?.to_f64(), a.num(2)?.to_f64(), a.num(3)?.to_f64()))
        },
    },
    Function {
        id: "PNBD_ALIVE",
        sheets_name: "PNBD_ALIVE",
        description: "Probability that a customer is still active at the end of observation under a Pareto/NBD fit \
                      (note 009 eqs. 36–37). Unlike BG/NBD, a customer without repeat purchases may have dropped out.",
        formula: "1 / (1 + s/(r+s+x) · (α+T)^(r+x) (β+T)^s · A₀)",
        source: sources::CLV_MODELS,
        params: &[PNBD_PARAMS, X, TX, AGE1],
        result: ResultKind::Fraction,
        shape: Shape::Value,
        examples: &[
            ex("PNBD_ALIVE({0.553;10.58;0.606;11.67}, 2, 30.43, 38.86)", 0.86917148212026),
            ex("PNBD_ALIVE({0.553;10.58;0.606;11.67}, 7, 5, 38.86)", 0.0011837219086067283),
            ex("PNBD_ALIVE({0.553;10.58;0.606;11.67}, 0, 0, 38.86)", 0.29531090459784265),
            ex_err("PNBD_ALIVE({0.553;10.58;0.606;11.67}, 2, 0, 38.86)", Num),
        ],
        eval: |a| {
            let p = pareto_nbd::ParetoNbd::from_slice(&estimates(a, 0, 4, "Pareto/NBD")?)?;
            num(p.p_alive(a.num(1)?.to_f64(), a.num(2)?.to_f64(), a.num(3)?.to_f64()))
        },
    },
];
