//! BG/BB (Fader, Hardie & Shang 2010) as spreadsheet functions, for discrete transaction
//! opportunities (a yearly donation, a renewal): the fit and its per-customer predictions.

use super::{columns, estimates, fit_table, num, FIT_COLUMNS};
use crate::clv::bgbb;
use crate::error::ErrorKind::{Num, NA};
use crate::kpi::sources;
use crate::registry::ExpectedCell::{E, N, T};
use crate::registry::{ex, ex_err, ex_table, Function, Param, ResultKind, Shape};

const BGBB_PARAMS: Param = Param::series("bgbb", "The BG/BB estimates alpha, beta, gamma, delta (BGBB_FIT's estimate column).");
const X: Param = Param::non_negative("frequency", "This customer's transactions after the first opportunity's (x).");
const TX: Param = Param::non_negative("recency", "The opportunity of this customer's last transaction (t_x; 0 without any).");
const N_OPP: Param = Param::non_negative("opportunities", "The opportunities observed for this customer (n).");

// Fader, Hardie & Shang's donations data (lifetimes' load_donations): 11,104 donors of the 1995
// cohort over 6 yearly opportunities, as 22 patterns (x, t_x, n) with their counts.
const DONATIONS: &str = "BGBB_FIT({0;1;1;1;1;1;1;2;2;2;2;2;3;3;3;3;4;4;4;5;5;6}, \
{0;1;2;3;4;5;6;2;3;4;5;6;3;4;5;6;4;5;6;5;6;6}, {6;6;6;6;6;6;6;6;6;6;6;6;6;6;6;6;6;6;6;6;6;6}, \
{3464;1091;277;129;78;119;129;613;255;155;173;234;322;181;225;357;240;284;512;335;728;1203})";

// The predictions' examples are at the published estimates (FHS 2010). Numbers are pinned to
// the bit; tests/oracle/clv_examples.py checks each against a 50-digit evaluation of the
// paper's eqs. 11 and 13 (all within 5e-14) and lifetimes 0.11.3 (4e-13).

/// BGBB_FIT, BGBB_PURCHASES, BGBB_ALIVE.
pub const FUNCTIONS: &[Function] = &[
    Function {
        id: "BGBB_FIT",
        sheets_name: "BGBB_FIT",
        description: "Fits the BG/BB model (Fader, Hardie & Shang 2010) for discrete opportunities to customers' \
                      transactions x, last transaction's opportunity t_x and opportunities n, by maximum likelihood: spills \
                      alpha, beta, gamma, delta with standard errors, and the log-likelihood. Rows may be patterns with counts.",
        formula: "argmax Σ w · ln L(α, β, γ, δ | x, t_x, n) (FHS 2010 eq. 5)",
        source: sources::CLV_MODELS,
        params: &[
            Param::paired("frequency", "Transactions of each customer (or pattern) after the first opportunity's."),
            Param::paired("recency", "The opportunity of each one's last transaction (0 without any)."),
            Param::paired("opportunities", "The opportunities each was observed for."),
            Param::paired("customers", "How many customers share each row's pattern; omit for one each.").or_omitted(),
        ],
        result: ResultKind::Text,
        shape: Shape::Table(FIT_COLUMNS),
        examples: &[
            // The 50-digit Newton polish of lifetimes 0.11.3's optimum and its Hessian's standard errors
            // (lifetimes' own agree to 1e-4); FHS 2010 print 1.204, 0.750,
            // 0.657, 2.783 and −33,225.6; the standard errors are lifetimes' to 1e-4.
            ex_table(DONATIONS, &[
                &[T("alpha"), N(1.203522351601914), N(0.06939136238888156)],
                &[T("beta"), N(0.7497163581729389), N(0.029447716660385766)],
                &[T("gamma"), N(0.6567182084418325), N(0.05100985895641318)],
                &[T("delta"), N(2.783442232577381), N(0.3208190030432685)],
                &[T("log_likelihood"), N(-33225.581274347007), E(NA)],
            ]),
            ex_err("BGBB_FIT({0;0;0}, {0;0;0}, {6;6;6})", Num),
            ex_err("BGBB_FIT({3;1}, {2;1}, {6;6})", Num),
            ex_err("BGBB_FIT({1;2}, {1;3}, {6;6}, {10;-1})", Num),
            ex_err("BGBB_FIT({1;2}, {1;3})", NA),
        ],
        eval: |a| {
            let weighted = a.opt_paired(3)?.is_some();
            let c = columns(a, if weighted { &[0, 1, 2, 3] } else { &[0, 1, 2] })?;
            let w = if weighted { c[3].clone() } else { vec![1.0; c[0].len()] };
            let (_, f) = bgbb::fit(&bgbb::customers(&c[0], &c[1], &c[2], &w)?)?;
            Ok(fit_table(&bgbb::NAMES, &f))
        },
    },
    Function {
        id: "BGBB_PURCHASES",
        sheets_name: "BGBB_PURCHASES",
        description: "Expected transactions of one customer in the next m opportunities under a BG/BB fit (FHS 2010 \
                      eq. 13), from the fit's spilled estimates: fill a column of these from one BGBB_FIT.",
        formula: "E[X(n, n+m) | x, t_x, n; α, β, γ, δ]",
        source: sources::CLV_MODELS,
        params: &[BGBB_PARAMS, X, TX, N_OPP, Param::non_negative("m", "How many future opportunities, a whole number.")],
        result: ResultKind::Count,
        shape: Shape::Value,
        examples: &[
            ex("BGBB_PURCHASES({1.204;0.75;0.657;2.783}, 3, 5, 6, 5)", 1.804425999794649),
            ex("BGBB_PURCHASES({1.204;0.75;0.657;2.783}, 0, 0, 6, 5)", 0.07280287747504618),
            ex("BGBB_PURCHASES({1.204;0.75;0.657;2.783}, 6, 6, 6, 10)", 6.705290825014861),
            ex("BGBB_PURCHASES({1.204;0.75;0.657;2.783}, 3, 5, 6, 0)", 0.0),
            ex_err("BGBB_PURCHASES({1.204;0.75;0.657;2.783}, 3, 5, 6, 2.5)", Num),
            ex_err("BGBB_PURCHASES({1.204;0.75;0.657;2.783}, 4, 3, 6, 5)", Num),
            ex_err("BGBB_PURCHASES({1.204;0.75}, 3, 5, 6, 5)", NA),
        ],
        eval: |a| {
            let p = bgbb::BgBb::from_slice(&estimates(a, 0, 4, "BG/BB")?)?;
            num(p.expected_transactions(a.num(4)?.to_f64(), a.num(1)?.to_f64(), a.num(2)?.to_f64(), a.num(3)?.to_f64()))
        },
    },
    Function {
        id: "BGBB_ALIVE",
        sheets_name: "BGBB_ALIVE",
        description: "Probability that a customer is still active at opportunity n + m under a BG/BB fit (FHS 2010 eq. 11; \
                      m = 0: at the end of observation).",
        formula: "B(α+x, β+n−x)/B(α, β) · B(γ, δ+n+m)/B(γ, δ) / L(α, β, γ, δ | x, t_x, n)",
        source: sources::CLV_MODELS,
        params: &[BGBB_PARAMS, X, TX, N_OPP, Param::non_negative("m", "Opportunities ahead, a whole number.").or(0.0)],
        result: ResultKind::Fraction,
        shape: Shape::Value,
        examples: &[
            ex("BGBB_ALIVE({1.204;0.75;0.657;2.783}, 3, 5, 6)", 0.8240885155367921),
            ex("BGBB_ALIVE({1.204;0.75;0.657;2.783}, 0, 0, 6)", 0.11609661329298451),
            ex("BGBB_ALIVE({1.204;0.75;0.657;2.783}, 6, 6, 6)", 1.0),
            ex("BGBB_ALIVE({1.204;0.75;0.657;2.783}, 3, 5, 6, 4)", 0.6414538014874551),
            ex_err("BGBB_ALIVE({1.204;0.75;0.657;2.783}, 3, 5, 6.5)", Num),
        ],
        eval: |a| {
            let p = bgbb::BgBb::from_slice(&estimates(a, 0, 4, "BG/BB")?)?;
            num(p.p_alive(a.num(4)?.to_f64(), a.num(1)?.to_f64(), a.num(2)?.to_f64(), a.num(3)?.to_f64()))
        },
    },
];
