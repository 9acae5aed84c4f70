//! What each result costs: CAC, CPC, CPL, CPA, CPM.

use super::{ratio, sources};
use crate::error::ErrorKind::{Div0, Num, Value, NA};
use crate::exact::Exact;
use crate::registry::{ex, ex_err, Function, Param, ResultKind, Shape};

const COST: Param = Param::amount("cost", "Total cost, in your currency (a cell or a range).");

/// CAC, CPC, CPL, CPA, CPM.
pub const FUNCTIONS: &[Function] = &[
    Function {
        id: "CAC",
        sheets_name: "CAC",
        description: "Customer acquisition cost: marketing + sales cost / new customers won.",
        formula: "cost / new customers",
        source: sources::MOPS_9,
        params: &[
            Param::amount("cost", "Marketing and sales cost of winning the customers, people and software included."),
            Param::amount("new_customers", "New customers won in the same period."),
        ],
        result: ResultKind::Money,
        shape: Shape::Value,
        examples: &[
            ex("CAC(5000, 50)", 100.0),
            ex("CAC({100,200}, {1,3})", 75.0),
            ex("CAC(100, 3)", 33.333333333333336),
            ex_err("CAC(5000, 0)", Div0),
            ex_err("CAC(-5000, 50)", Num),
            ex_err("CAC({100,TRUE}, 3)", Value),
        ],
        eval: |a| ratio(a.num(0)?, a.num(1)?, "No new customers, so the cost per customer is undefined."),
    },
    Function {
        id: "CPC",
        sheets_name: "CPC",
        description: "Cost per click: ad cost / clicks.",
        formula: "cost / clicks",
        source: sources::DIGITAL_5,
        params: &[COST, Param::amount("clicks", "Clicks on the ads.")],
        result: ResultKind::Money,
        shape: Shape::Value,
        examples: &[ex("CPC(500, 250)", 2.0), ex("CPC({120;80}, {50;50})", 2.0), ex_err("CPC(500, 0)", Div0)],
        eval: |a| ratio(a.num(0)?, a.num(1)?, "No clicks, so the cost per click is undefined."),
    },
    Function {
        id: "CPL",
        sheets_name: "CPL",
        description: "Cost per lead: lead-generation spend / leads generated.",
        formula: "cost / leads",
        source: sources::EFFECTIVENESS_NO,
        params: &[COST, Param::amount("leads", "Leads generated.")],
        result: ResultKind::Money,
        shape: Shape::Value,
        examples: &[ex("CPL(3000, 120)", 25.0), ex("CPL(1000, 3)", 333.3333333333333), ex_err("CPL(3000, 0)", Div0)],
        eval: |a| ratio(a.num(0)?, a.num(1)?, "No leads, so the cost per lead is undefined."),
    },
    Function {
        id: "CPA",
        sheets_name: "CPA",
        description: "Cost per action: cost / actions (sales, sign-ups, downloads…).",
        formula: "cost / actions",
        source: sources::DIGITAL_5,
        params: &[COST, Param::amount("actions", "Actions taken: purchases, sign-ups, downloads…")],
        result: ResultKind::Money,
        shape: Shape::Value,
        examples: &[ex("CPA(4500, 90)", 50.0), ex("CPA({1000,500}, {20,10})", 50.0), ex_err("CPA(4500, 0)", Div0)],
        eval: |a| ratio(a.num(0)?, a.num(1)?, "No actions, so the cost per action is undefined."),
    },
    Function {
        id: "CPM",
        sheets_name: "CPM",
        description: "Cost per mille: ad cost per thousand impressions served.",
        formula: "cost / impressions × 1000",
        source: sources::CPM,
        params: &[COST, Param::amount("impressions", "Impressions served: times the ad was shown.")],
        result: ResultKind::Money,
        shape: Shape::Value,
        examples: &[
            ex("CPM(500, 100000)", 5.0),
            ex("CPM({300;200}, {60000;40000})", 5.0),
            ex("CPM(2, 3000)", 0.6666666666666666),
            ex("CPM(1250, 50000)", 25.0),
            ex_err("CPM(500, 0)", Div0),
            ex_err("CPM(-500, 1000)", Num),
            ex_err("CPM(\"abc\", 1000)", Value),
            ex_err("CPM(, 1000)", NA),
        ],
        eval: |a| {
            // One exact division of cost × 1000: no intermediate rounding.
            let per_mille = a.num(0)? * Exact::int(1000);
            ratio(per_mille, a.num(1)?, "No impressions, so the cost per thousand is undefined.")
        },
    },
];
