//! Keeping customers: retention rate, churn rate, new-to-loss ratio, net new customers.

use super::{ratio, share, sources};
use crate::error::ErrorKind::{Div0, Num, Value, NA};
use crate::error::KpiError;
use crate::registry::{ex, ex_err, Function, Output, Param, ResultKind, Shape};

const START: Param = Param::amount("customers_at_start", "Customers at the start of the period (a cell or a range).");

/// RETENTION_RATE, CHURN_RATE, NEW_TO_LOSS, NET_NEW_CUSTOMERS.
pub const FUNCTIONS: &[Function] = &[
    Function {
        id: "RETENTION_RATE",
        sheets_name: "RETENTION_RATE",
        description: "Customer retention rate: customers kept / customers at the start, not counting customers won during the period.",
        formula: "(customers at end − new customers) / customers at start",
        source: sources::EFFECTIVENESS_NO,
        params: &[
            Param::amount("customers_at_end", "Customers at the end of the period."),
            Param::amount("new_customers", "Customers won during the period (they are not counted as retained)."),
            START,
        ],
        result: ResultKind::Fraction,
        shape: Shape::Value,
        examples: &[
            ex("RETENTION_RATE(220, 50, 200)", 0.85),
            ex("RETENTION_RATE(1000, 100, 1000)", 0.9),
            ex("RETENTION_RATE({120;100}, {30;20}, {100;100})", 0.85),
            ex("RETENTION_RATE(2, 0, 3)", 0.6666666666666666),
            ex_err("RETENTION_RATE(40, 50, 200)", Num),
            ex_err("RETENTION_RATE(260, 50, 200)", Num),
            ex_err("RETENTION_RATE(0, 0, 0)", Div0),
            ex_err("RETENTION_RATE(220, \"fifty\", 200)", Value),
            ex_err("RETENTION_RATE(220, 50)", NA),
        ],
        eval: |a| {
            let (end, new, start) = (a.num(0)?, a.num(1)?, a.num(2)?);
            if new > end {
                return Err(KpiError::num("There are more new customers than customers at the end; check the inputs."));
            }
            share(
                end - new,
                start,
                "No customers at the start, so there is nothing to retain.",
                "More customers were kept than there were at the start; new customers must be counted in the new-customers input.",
            )
        },
    },
    Function {
        id: "CHURN_RATE",
        sheets_name: "CHURN_RATE",
        description: "Customer churn rate: customers lost (cancelled, inactive…) during the period / customers at the start.",
        formula: "customers lost / customers at start",
        source: sources::EFFECTIVENESS_NO,
        params: &[Param::amount("customers_lost", "Customers from the start of the period lost during it, by your churn definition."), START],
        result: ResultKind::Fraction,
        shape: Shape::Value,
        examples: &[
            ex("CHURN_RATE(30, 600)", 0.05),
            ex("CHURN_RATE({10;20}, {200;400})", 0.05),
            ex("CHURN_RATE(1, 3)", 0.3333333333333333),
            ex_err("CHURN_RATE(700, 600)", Num),
            ex_err("CHURN_RATE(0, 0)", Div0),
            ex_err("CHURN_RATE(30, \"600\")", Value),
            ex_err("CHURN_RATE(30)", NA),
        ],
        eval: |a| {
            share(
                a.num(0)?,
                a.num(1)?,
                "No customers at the start, so the churn rate is undefined.",
                "More customers were lost than there were at the start; check the two inputs.",
            )
        },
    },
    Function {
        id: "NEW_TO_LOSS",
        sheets_name: "NEW_TO_LOSS",
        description: "New-to-loss ratio: new customers / customers lost; above 1 the base grows, a ratio trending to 1 means growth has stalled.",
        formula: "new customers / customers lost",
        source: sources::CUSTOM_16,
        params: &[
            Param::amount("new_customers", "New customers won in the period."),
            Param::amount("customers_lost", "Customers lost in the same period, by your churn definition (cancelled, inactive…)."),
        ],
        result: ResultKind::Ratio,
        shape: Shape::Value,
        examples: &[
            ex("NEW_TO_LOSS(150, 100)", 1.5),
            ex("NEW_TO_LOSS({100;50}, {60;40})", 1.5),
            ex("NEW_TO_LOSS(100, 100)", 1.0),
            ex("NEW_TO_LOSS(2, 3)", 0.6666666666666666),
            ex_err("NEW_TO_LOSS(150, 0)", Div0),
            ex_err("NEW_TO_LOSS(-150, 100)", Num),
            ex_err("NEW_TO_LOSS(150, TRUE)", Value),
            ex_err("NEW_TO_LOSS(, 100)", NA),
        ],
        eval: |a| ratio(a.num(0)?, a.num(1)?, "No customers were lost, so the new-to-loss ratio is undefined (growth is unopposed)."),
    },
    Function {
        id: "NET_NEW_CUSTOMERS",
        sheets_name: "NET_NEW_CUSTOMERS",
        description: "Net new customers: customers won − customers lost in the period; negative when the base shrinks.",
        formula: "new customers − customers lost",
        source: sources::CUSTOM_16,
        params: &[
            Param::amount("new_customers", "New customers won in the period (a cell or a range)."),
            Param::amount("customers_lost", "Customers lost in the same period (a cell or a range)."),
        ],
        result: ResultKind::Count,
        shape: Shape::Value,
        examples: &[
            ex("NET_NEW_CUSTOMERS(240, 160)", 80.0),
            ex("NET_NEW_CUSTOMERS(50, 200)", -150.0),
            ex("NET_NEW_CUSTOMERS({80,90,70}, {50,60,50})", 80.0),
            ex_err("NET_NEW_CUSTOMERS(-240, 160)", Num),
            ex_err("NET_NEW_CUSTOMERS(240, \"160\")", Value),
            ex_err("NET_NEW_CUSTOMERS(240)", NA),
        ],
        eval: |a| Ok(Output::Number(a.num(0)? - a.num(1)?)),
    },
];
