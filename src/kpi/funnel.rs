//! Funnel rates: CTR and conversion rate.

use super::{share, sources};
use crate::error::ErrorKind::{Div0, Num, Value};
use crate::registry::{ex, ex_err, Function, Param, ResultKind, Shape};

/// CTR and CVR.
pub const FUNCTIONS: &[Function] = &[
    Function {
        id: "CTR",
        sheets_name: "CTR",
        description: "Click-through rate: clicks / impressions, as a fraction (0.014 = 1.4%).",
        formula: "clicks / impressions",
        source: sources::EFFECTIVENESS_NO,
        params: &[
            Param::amount("clicks", "Clicks on the ad, link or call to action."),
            Param::amount("impressions", "Times it was shown."),
        ],
        result: ResultKind::Fraction,
        shape: Shape::Value,
        examples: &[
            ex("CTR(14, 1000)", 0.014),
            ex("CTR({10;4}, {600;400})", 0.014),
            ex_err("CTR(15, 10)", Num),
            ex_err("CTR(0, 0)", Div0),
            ex_err("CTR({1,2}, \"x\")", Value),
        ],
        eval: |a| {
            share(
                a.num(0)?,
                a.num(1)?,
                "No impressions, so the click-through rate is undefined.",
                "There are more clicks than impressions; check the two inputs.",
            )
        },
    },
    Function {
        id: "CVR",
        sheets_name: "CVR",
        description: "Conversion rate: visitors who converted / all visitors, as a fraction.",
        formula: "conversions / visitors",
        source: sources::MOPS_9,
        params: &[
            Param::amount("conversions", "Visitors who completed the action (purchase, sign-up, form)."),
            Param::amount("visitors", "All visitors in the same period."),
        ],
        result: ResultKind::Fraction,
        shape: Shape::Value,
        examples: &[
            ex("CVR(2000, 100000)", 0.02),
            ex("CVR(1, 3)", 0.3333333333333333),
            ex_err("CVR(5, 4)", Num),
            ex_err("CVR(0, 0)", Div0),
        ],
        eval: |a| {
            share(
                a.num(0)?,
                a.num(1)?,
                "No visitors, so the conversion rate is undefined.",
                "There are more conversions than visitors; check the two inputs.",
            )
        },
    },
];
