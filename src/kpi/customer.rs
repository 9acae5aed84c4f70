//! Customer value: CLV.

use super::sources;
use crate::error::ErrorKind::{Num, NA};
use crate::num;
use crate::registry::{ex, ex_err, Function, Output, Param, ResultKind};

/// CLV.
pub const FUNCTIONS: &[Function] = &[Function {
    id: "CLV",
    sheets_name: "CLV",
    description: "Customer lifetime value: average purchase × purchases per period × lifespan in periods × gross margin.",
    formula: "purchase value × purchases per period × lifespan × margin",
    source: sources::MOPS_9,
    params: &[
        Param::non_negative("avg_purchase", "Average value of one purchase, in your currency."),
        Param::non_negative("purchases_per_period", "Average purchases per customer per period (e.g. per year)."),
        Param::non_negative("lifespan", "Average customer lifespan, in the same periods."),
        Param::rate("margin", "Gross margin as a fraction (0.25 = 25%); omit for revenue-based CLV.").or(1.0),
    ],
    result: ResultKind::Money,
    examples: &[
        ex("CLV(50, 4, 3)", 600.0),
        ex("CLV(50, 4, 3, 25%)", 150.0),
        ex("CLV(19.99, 12, 2.5, 0.6)", 359.82),
        ex_err("CLV(50, 4, 3, 1.5)", Num),
        ex_err("CLV(50, 4)", NA),
    ],
    eval: |a| {
        let value = num::mul(a.num(0)?, a.num(1)?)?;
        let value = num::mul(value, a.num(2)?)?;
        num::mul(value, a.num(3)?).map(Output::Number)
    },
}];
