//! RFM: a transaction list summarised per customer, as the CLV models read it.

use crate::clv::summary;
use crate::error::ErrorKind::{Value, NA};
use crate::error::KpiError;
use crate::kpi::sources;
use crate::registry::ExpectedCell::{N, T};
use crate::registry::{ex_err, ex_table, Column, Function, Output, Param, ResultKind, Shape};
use crate::table::OutCell;

const RFM_COLUMNS: &[Column] = &[
    Column { name: "customer", kind: ResultKind::Text, description: "The customer id, in the order of first appearance.", tolerance: None },
    Column { name: "frequency", kind: ResultKind::Count, description: "Repeat purchases: periods with a purchase after the first.", tolerance: None },
    Column { name: "recency", kind: ResultKind::Count, description: "Last purchase period − first, in the unit.", tolerance: None },
    Column { name: "T", kind: ResultKind::Count, description: "Observation end period − first purchase period, in the unit.", tolerance: None },
    Column { name: "monetary_value", kind: ResultKind::Money, description: "Mean spend per repeat period (first purchase left out); 0 without repeats.", tolerance: None },
];

const UNIT: Param = Param { default: None, ..Param::choice("unit", "The time unit of recency and T.", &["days", "weeks", "months"]) };

/// RFM.
pub const FUNCTIONS: &[Function] = &[
    Function {
        id: "RFM",
        sheets_name: "RFM",
        description: "RFM summary of a transaction list (customer, date, amount), one row per customer that spills: \
                      frequency, recency, T and mean repeat spend in the chosen unit, as lifetimes' \
                      summary_data_from_transaction_data: same-period purchases count once, the first is not a repeat.",
        formula: "per customer: x = periods bought − 1, t_x = last − first, T = end − first (periods), spend = mean of repeat periods",
        source: sources::CLV_MODELS,
        params: &[
            Param::texts("customers", "The customer id of each transaction."),
            Param::paired("dates", "The date of each transaction (date cells)."),
            UNIT,
            Param::paired("amounts", "The amount of each transaction; omit for none.").or_omitted(),
            Param::non_negative("end", "The observation end date; omit for the latest transaction.").or_omitted(),
        ],
        result: ResultKind::Text,
        shape: Shape::Table(RFM_COLUMNS),
        examples: &[
            // a buys twice on day 45000 (15 in all) and on 45010 (20); b once on 45003; end 45020.
            ex_table(
                "RFM({\"a\";\"a\";\"b\";\"a\"}, {45000;45000;45003;45010}, \"days\", {10;5;7;20}, 45020)",
                &[&[T("a"), N(1.0), N(10.0), N(20.0), N(20.0)], &[T("b"), N(0.0), N(0.0), N(17.0), N(0.0)]],
            ),
            // Weeks run Monday to Sunday: 45000 (2023-03-15) is a Wednesday, 45010 the Saturday of the next week.
            ex_table(
                "RFM({\"a\";\"a\";\"b\";\"a\"}, {45000;45000;45003;45010}, \"weeks\", {10;5;7;20}, 45020)",
                &[&[T("a"), N(1.0), N(1.0), N(3.0), N(20.0)], &[T("b"), N(0.0), N(0.0), N(3.0), N(0.0)]],
            ),
            ex_err("RFM({\"a\"}, {45000}, \"years\")", Value),
            ex_err("RFM({\"a\"}, {45000})", NA),
        ],
        eval: |a| {
            let ids = a.texts(0)?;
            let dates = a.paired(1)?;
            let amounts = a.opt_paired(3)?;
            if dates.len() != ids.len() || amounts.is_some_and(|v| v.len() != ids.len()) {
                return Err(KpiError::value("The customer, date and amount ranges must have the same rows, one transaction per row."));
            }
            let (mut id, mut d, mut m) = (vec![], vec![], vec![]);
            for i in 0..ids.len() {
                match (&ids[i], &dates[i]) {
                    (None, None) => continue,
                    (Some(c), Some(t)) => {
                        id.push(c.clone());
                        d.push(t.to_f64());
                        m.push(amounts.and_then(|v| v[i].as_ref()).map_or(0.0, |v| v.to_f64()));
                    }
                    _ => return Err(KpiError::value(format!("Transaction row {} has no customer or no date.", i + 1))),
                }
            }
            let unit = [summary::Unit::Days, summary::Unit::Weeks, summary::Unit::Months][a.choice(2)?];
            let end = a.opt_num(4)?.map(|e| e.to_f64());
            let rows = summary::summarize(&id, &d, amounts.map(|_| m.as_slice()), unit, end)?;
            Ok(Output::Table(
                rows.into_iter()
                    .map(|r| {
                        let money = match r.monetary {
                            Some(v) => OutCell::Float(v),
                            None => OutCell::Error(KpiError::na("No amounts were given.")),
                        };
                        vec![OutCell::Text(r.id), OutCell::Float(r.x), OutCell::Float(r.t_x), OutCell::Float(r.t), money]
                    })
                    .collect(),
            ))
        },
    },
];
