//! Returns on marketing money: ROI, ROAS, MER, ROAC.

use super::{ratio, sources};
use crate::error::ErrorKind::{Div0, Num, Value, NA};
use crate::registry::{ex, ex_err, Function, Param, ResultKind, Shape};

const REVENUE_ADS: Param = Param::amount("revenue", "Revenue from the ads, in your currency (a cell or a range).");
const AD_SPEND: Param = Param::amount("ad_spend", "What the ads cost, in the same currency (a cell or a range).");

/// ROI, ROAS, MER and ROAC.
pub const FUNCTIONS: &[Function] = &[
    Function {
        id: "ROI",
        sheets_name: "ROI",
        description: "Marketing ROI: (revenue − marketing cost) / marketing cost, as a fraction (0.5 = 50%).",
        formula: "(revenue − cost) / cost",
        source: sources::TRACK_10,
        params: &[
            Param::amount("revenue", "Revenue attributed to marketing (or the sales growth it brought, which may be negative).")
                .signed(),
            Param::amount("cost", "Marketing cost over the same period."),
        ],
        result: ResultKind::Fraction,
        shape: Shape::Value,
        examples: &[
            ex("ROI(15000, 10000)", 0.5),
            ex("ROI(5000, 10000)", -0.5),
            ex("ROI(-500, 1000)", -1.5),
            ex("ROI({6000;9000}, {4000;6000})", 0.5),
            ex_err("ROI(1000, 0)", Div0),
        ],
        eval: |a| {
            let (revenue, cost) = (a.num(0)?, a.num(1)?);
            ratio(revenue - &cost, cost, "Marketing cost is zero, so ROI is undefined.")
        },
    },
    Function {
        id: "ROAS",
        sheets_name: "ROAS",
        description: "Return on ad spend: ad revenue / ad spend, as a multiple (10 means 10:1).",
        formula: "revenue / ad spend",
        source: sources::TRACK_10,
        params: &[REVENUE_ADS, AD_SPEND],
        result: ResultKind::Multiple,
        shape: Shape::Value,
        examples: &[
            ex("ROAS(1000, 100)", 10.0),
            ex("ROAS({400,600}, {30,70})", 10.0),
            ex("ROAS(1, 3)", 0.3333333333333333),
            ex_err("ROAS(1000, 0)", Div0),
            ex_err("ROAS(\"abc\", 100)", Value),
            ex_err("ROAS(1000, -100)", Num),
            ex_err("ROAS(, 100)", NA),
        ],
        eval: |a| ratio(a.num(0)?, a.num(1)?, "Ad spend is zero, so ROAS is undefined."),
    },
    Function {
        id: "MER",
        sheets_name: "MER",
        description: "Marketing efficiency ratio: total revenue / total marketing spend across all channels.",
        formula: "total revenue / total marketing spend",
        source: sources::MOPS_9,
        params: &[
            Param::amount("revenue", "All revenue in the period (a cell or a range)."),
            Param::amount("spend", "All marketing spend in the same period, every channel."),
        ],
        result: ResultKind::Multiple,
        shape: Shape::Value,
        examples: &[ex("MER(250000, 50000)", 5.0), ex("MER({100;200}, {30;30})", 5.0), ex_err("MER(100, 0)", Div0)],
        eval: |a| ratio(a.num(0)?, a.num(1)?, "Marketing spend is zero, so MER is undefined."),
    },
    Function {
        id: "ROAC",
        sheets_name: "ROAC",
        description: "Return on ad cost: (ad revenue + value of the leads it generated) / (ad spend + creative cost), as a multiple; sits between ROAS and ROI.",
        formula: "(revenue + lead value) / (ad spend + creative cost)",
        source: sources::CUSTOM_16,
        params: &[
            REVENUE_ADS,
            AD_SPEND,
            Param::amount("creative_cost", "What making the ads cost: design, copy, video, agency fees."),
            Param::amount("lead_value", "Value of the leads the ads generated that have not bought yet; omit for none.").or(0.0),
        ],
        result: ResultKind::Multiple,
        shape: Shape::Value,
        examples: &[
            ex("ROAC(10000, 1500, 500)", 5.0),
            ex("ROAC(10000, 1500, 500, 2000)", 6.0),
            ex("ROAC({4000,6000}, {1000,500}, 500)", 5.0),
            ex("ROAC(1000, 100, 200)", 3.3333333333333335),
            ex_err("ROAC(1000, 0, 0)", Div0),
            ex_err("ROAC(1000, -1, 500)", Num),
            ex_err("ROAC(1000, TRUE, 500)", Value),
            ex_err("ROAC(1000, 1500)", NA),
        ],
        eval: |a| {
            let value = a.num(0)? + a.num(3)?;
            let cost = a.num(1)? + a.num(2)?;
            ratio(value, cost, "Ad spend and creative cost are both zero, so ROAC is undefined.")
        },
    },
];
