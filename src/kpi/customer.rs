//! Customer value: CLV, retention-based CLV, LTV:CAC, CAC payback, average discount.

use super::{ratio, sources};
use crate::error::ErrorKind::{Div0, Num, Value, NA};
use crate::error::KpiError;
use crate::registry::{ex, ex_err, Function, Output, Param, ResultKind, Shape};
use crate::exact::Exact;

/// CLV, CLV_RETENTION, LTV_CAC, CAC_PAYBACK, AVG_DISCOUNT.
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
    shape: Shape::Value,
    examples: &[
        ex("CLV(50, 4, 3)", 600.0),
        ex("CLV(50, 4, 3, 25%)", 150.0),
        ex("CLV(19.99, 12, 2.5, 0.6)", 359.82),
        ex_err("CLV(50, 4, 3, 1.5)", Num),
        ex_err("CLV(50, 4)", NA),
    ],
    eval: |a| {
        let value = a.num(0)? * a.num(1)?;
        let value = value * a.num(2)?;
        Ok(Output::Number(value * a.num(3)?))
    },
},
Function {
    id: "CLV_RETENTION",
    sheets_name: "CLV_RETENTION",
    description: "Retention-based customer lifetime value: margin × retention / (1 + discount rate − retention), \
                  the standard infinite-horizon CLV with margin received at the end of each period (Gupta & Lehmann).",
    formula: "margin × r / (1 + d − r)",
    source: sources::CLV_RETENTION,
    params: &[
        Param::number("margin", "Gross margin one customer brings per period (e.g. per year), in your currency."),
        Param::rate("retention", "Share of customers kept from one period to the next (0.8 = 80%)."),
        Param::rate("discount_rate", "Discount rate per period for the time value of money (0.1 = 10%); 0 for none."),
    ],
    result: ResultKind::Money,
    shape: Shape::Value,
    examples: &[
        ex("CLV_RETENTION(100, 0.8, 0.1)", 266.6666666666667),
        ex("CLV_RETENTION(100, 90%, 12%)", 409.09090909090907),
        ex("CLV_RETENTION(50, 0.5, 0)", 50.0),
        ex_err("CLV_RETENTION(100, 1, 0)", Div0),
        ex_err("CLV_RETENTION(100, 1.2, 0.1)", Num),
        ex_err("CLV_RETENTION({100,120}, 0.8, 0.1)", Value),
        ex_err("CLV_RETENTION(100, 0.8)", NA),
    ],
    eval: |a| {
        let (margin, r, d) = (a.num(0)?, a.num(1)?, a.num(2)?);
        let kept = margin * &r;
        let denominator = (Exact::ONE + d) - r;
        ratio(kept, denominator, "Retention is 100% with no discounting, so the lifetime value is unbounded.")
    },
},
Function {
    id: "LTV_CAC",
    sheets_name: "LTV_CAC",
    description: "LTV:CAC ratio: customer lifetime value / customer acquisition cost, as a multiple (3 means 3:1). \
                  Below 1 you pay more to win a customer than the customer is worth.",
    formula: "lifetime value / acquisition cost",
    source: sources::LTV_CAC,
    params: &[
        Param::number("ltv", "Customer lifetime value, e.g. from CLV or CLV_RETENTION."),
        Param::non_negative("cac", "Customer acquisition cost, e.g. from CAC, same currency."),
    ],
    result: ResultKind::Multiple,
    shape: Shape::Value,
    examples: &[
        ex("LTV_CAC(600, 200)", 3.0),
        ex("LTV_CAC(150, 200)", 0.75),
        ex("LTV_CAC(1000, 3)", 333.3333333333333),
        ex_err("LTV_CAC(600, 0)", Div0),
        ex_err("LTV_CAC(600, -200)", Num),
        ex_err("LTV_CAC({600,700}, 200)", Value),
        ex_err("LTV_CAC(, 200)", NA),
    ],
    eval: |a| ratio(a.num(0)?, a.num(1)?, "Acquisition cost is zero, so LTV:CAC is undefined."),
},
Function {
    id: "CAC_PAYBACK",
    sheets_name: "CAC_PAYBACK",
    description: "CAC payback period: months of a customer's gross profit needed to earn back what winning them cost. \
                  Margin-adjusted (the SaaS convention); omit the margin for a revenue-based payback.",
    formula: "CAC / (monthly revenue per customer × gross margin)",
    source: sources::CAC_PAYBACK,
    params: &[
        Param::non_negative("cac", "Customer acquisition cost, e.g. from CAC."),
        Param::non_negative("monthly_revenue", "Average revenue one customer brings per month, same currency."),
        Param::rate("gross_margin", "Gross margin as a fraction (0.75 = 75%); omit to use revenue.").or(1.0),
    ],
    result: ResultKind::Months,
    shape: Shape::Value,
    examples: &[
        ex("CAC_PAYBACK(600, 100)", 6.0),
        ex("CAC_PAYBACK(600, 100, 75%)", 8.0),
        ex("CAC_PAYBACK(500, 30, 0.5)", 33.333333333333336),
        ex_err("CAC_PAYBACK(600, 0)", Div0),
        ex_err("CAC_PAYBACK(600, 100, 0)", Div0),
        ex_err("CAC_PAYBACK(600, 100, 1.2)", Num),
        ex_err("CAC_PAYBACK(-600, 100)", Num),
        ex_err("CAC_PAYBACK(\"600\", 100)", Value),
        ex_err("CAC_PAYBACK(600)", NA),
    ],
    eval: |a| {
        let monthly_profit = a.num(1)? * a.num(2)?;
        ratio(a.num(0)?, monthly_profit, "A customer brings no monthly gross profit, so CAC is never paid back.")
    },
},
Function {
    id: "AVG_DISCOUNT",
    sheets_name: "AVG_DISCOUNT",
    description: "Average discount rate: 1 − paid / list price, over the purchases given (e.g. new customers' first orders), \
                  as a fraction. Sums both ranges, so it is weighted by order value.",
    formula: "1 − paid total / list-price total",
    source: sources::CUSTOM_16,
    params: &[
        Param::amount("list_total", "What the purchases would have cost at list price (a cell or a range)."),
        Param::amount("paid_total", "What the customers actually paid for the same purchases."),
    ],
    result: ResultKind::Fraction,
    shape: Shape::Value,
    examples: &[
        ex("AVG_DISCOUNT(10000, 8500)", 0.15),
        ex("AVG_DISCOUNT({6000;4000}, {5000;3500})", 0.15),
        ex("AVG_DISCOUNT(3, 2)", 0.3333333333333333),
        ex("AVG_DISCOUNT(500, 500)", 0.0),
        ex_err("AVG_DISCOUNT(8000, 9000)", Num),
        ex_err("AVG_DISCOUNT(0, 0)", Div0),
        ex_err("AVG_DISCOUNT(\"list\", 8500)", Value),
        ex_err("AVG_DISCOUNT(10000)", NA),
    ],
    eval: |a| {
        let (list, paid) = (a.num(0)?, a.num(1)?);
        if paid > list {
            return Err(KpiError::num("Customers paid more than the list price; check the two inputs."));
        }
        // (list − paid) / list is 1 − paid / list with one rounding instead of two.
        ratio(&list - paid, list, "The list-price total is zero, so the discount rate is undefined.")
    },
},
];
