//! The sales pipeline: lead-to-customer rate, MQL-to-SQL rate, average sales cycle.

use super::{share, sources};
use crate::error::ErrorKind::{Div0, Num, Value, NA};
use crate::error::{KpiError, KpiResult};
use crate::num;
use crate::registry::{ex, ex_err, Function, Output, Param, ResultKind, Shape};
use crate::exact::Exact;

/// LEAD_TO_CUSTOMER, MQL_TO_SQL, SALES_CYCLE.
pub const FUNCTIONS: &[Function] = &[
    Function {
        id: "LEAD_TO_CUSTOMER",
        sheets_name: "LEAD_TO_CUSTOMER",
        description: "Lead-to-customer rate: leads that became paying customers / all leads, as a fraction.",
        formula: "customers won / leads",
        source: sources::MOPS_9,
        params: &[
            Param::amount("customers", "Leads that became paying customers."),
            Param::amount("leads", "All leads in the same cohort or period."),
        ],
        result: ResultKind::Fraction,
        shape: Shape::Value,
        examples: &[
            ex("LEAD_TO_CUSTOMER(30, 600)", 0.05),
            ex("LEAD_TO_CUSTOMER({10,20}, {200,400})", 0.05),
            ex("LEAD_TO_CUSTOMER(2, 3)", 0.6666666666666666),
            ex_err("LEAD_TO_CUSTOMER(601, 600)", Num),
            ex_err("LEAD_TO_CUSTOMER(0, 0)", Div0),
            ex_err("LEAD_TO_CUSTOMER(\"thirty\", 600)", Value),
            ex_err("LEAD_TO_CUSTOMER(30)", NA),
        ],
        eval: |a| {
            share(
                a.num(0)?,
                a.num(1)?,
                "No leads, so the lead-to-customer rate is undefined.",
                "There are more customers won than leads; check the two inputs.",
            )
        },
    },
    Function {
        id: "MQL_TO_SQL",
        sheets_name: "MQL_TO_SQL",
        description: "MQL-to-SQL rate: marketing-qualified leads accepted as sales-qualified / all MQLs, as a fraction.",
        formula: "SQLs / MQLs",
        source: sources::MOPS_9,
        params: &[
            Param::amount("sqls", "Sales-qualified leads that came from the MQLs."),
            Param::amount("mqls", "Marketing-qualified leads handed over in the same period."),
        ],
        result: ResultKind::Fraction,
        shape: Shape::Value,
        examples: &[
            ex("MQL_TO_SQL(45, 300)", 0.15),
            ex("MQL_TO_SQL({20;25}, {100;200})", 0.15),
            ex("MQL_TO_SQL(1, 6)", 0.16666666666666666),
            ex_err("MQL_TO_SQL(301, 300)", Num),
            ex_err("MQL_TO_SQL(0, 0)", Div0),
            ex_err("MQL_TO_SQL(45, \"300\")", Value),
            ex_err("MQL_TO_SQL(, 300)", NA),
        ],
        eval: |a| {
            share(
                a.num(0)?,
                a.num(1)?,
                "No MQLs, so the MQL-to-SQL rate is undefined.",
                "There are more SQLs than MQLs; check the two inputs.",
            )
        },
    },
    Function {
        id: "SALES_CYCLE",
        sheets_name: "SALES_CYCLE",
        description: "Average sales cycle: mean days from lead date to close date over the deals that have both; \
                      a row whose close date is still blank (an open deal) is left out.",
        formula: "average of (close date − lead date), row by row",
        source: sources::EFFECTIVENESS_NO,
        params: &[
            Param::paired("lead_dates", "Date each deal became a lead (date cells), one row per deal."),
            Param::paired("close_dates", "Date each deal closed, same rows as the lead dates; blank while still open."),
        ],
        result: ResultKind::Days,
        shape: Shape::Value,
        examples: &[
            ex("SALES_CYCLE({45000;45010;45020}, {45030;45070;45050})", 40.0),
            ex("SALES_CYCLE({45000;45010;45020}, {45030;;45051})", 30.5),
            ex("SALES_CYCLE({45000;45010;45020}, {45030;45070;45051})", 40.333333333333336),
            ex("SALES_CYCLE(45000.25, 45010.75)", 10.5),
            ex_err("SALES_CYCLE({45000;45010}, {45030;45005})", Num),
            ex_err("SALES_CYCLE({45000;45010}, {45030;45040;45050})", Value),
            ex_err("SALES_CYCLE({45000;\"soon\"}, {45030;45040})", Value),
            ex_err("SALES_CYCLE({45000;}, {;45040})", Div0),
            ex_err("SALES_CYCLE({45000;45010})", NA),
        ],
        eval: |a| average_cycle(a.paired(0)?, a.paired(1)?).map(Output::Number),
    },
];

/// Mean of `close − lead` over the rows where both dates are present.
fn average_cycle(leads: &[Option<Exact>], closes: &[Option<Exact>]) -> KpiResult<Exact> {
    if leads.len() != closes.len() {
        return Err(KpiError::value(format!(
            "The lead dates ({} cells) and close dates ({} cells) must be ranges of the same size, one row per deal.",
            leads.len(),
            closes.len()
        )));
    }
    let mut days = Exact::ZERO;
    let mut deals: u64 = 0;
    for (row, pair) in leads.iter().zip(closes).enumerate() {
        let (Some(lead), Some(close)) = pair else { continue };
        if close < lead {
            return Err(KpiError::num(format!("Deal {} closes before it became a lead; check its two dates.", row + 1)));
        }
        days = days + (close - lead);
        deals += 1;
    }
    num::div(days, Exact::int(deals as i64), "No deal has both a lead date and a close date yet, so there is no cycle to average.")
}
