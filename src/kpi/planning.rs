//! Campaign planning and check-ins: budget pacing, progress to target, traffic-light status.

use super::{ratio, sources};
use crate::error::ErrorKind::{Div0, Num, Value, NA};
use crate::error::{KpiError, KpiResult};
use crate::num;
use crate::registry::{ex, ex_err, ex_text, Function, Output, Param, ResultKind, Shape};
use crate::exact::Exact;

const ACTUAL: Param = Param::number("actual", "The KPI's current value (a number or a cell holding a KPI result).");
const TARGET: Param = Param::number("target", "The KPI's target value, in the same unit.");

/// PACING, KPI_PROGRESS, KPI_STATUS.
pub const FUNCTIONS: &[Function] = &[
    Function {
        id: "PACING",
        sheets_name: "PACING",
        description: "Budget pacing: share of budget spent / share of the flight elapsed. 1 is on pace, above 1 overspending, below 1 underspending.",
        formula: "(spend / budget) / (days elapsed / days in flight)",
        source: sources::PACING,
        params: &[
            Param::amount("spend", "Spend to date (a cell or a range of channels)."),
            Param::amount("budget", "Total budget for the flight (a cell or a range of channels)."),
            Param::non_negative("days_elapsed", "Days of the flight that have passed."),
            Param::non_negative("days_total", "Days in the whole flight."),
        ],
        result: ResultKind::Ratio,
        shape: Shape::Value,
        examples: &[
            ex("PACING(5000, 20000, 10, 30)", 0.75),
            ex("PACING(12000, 30000, 10, 31)", 1.24),
            ex("PACING({2000;3000}, {12000;8000}, 10, 30)", 0.75),
            ex("PACING(1000, 3000, 7, 30)", 1.4285714285714286),
            ex_err("PACING(5000, 0, 10, 30)", Div0),
            ex_err("PACING(5000, 20000, 0, 30)", Div0),
            ex_err("PACING(5000, 20000, 40, 30)", Num),
            ex_err("PACING(-5000, 20000, 10, 30)", Num),
            ex_err("PACING(5000, \"20k\", 10, 30)", Value),
            ex_err("PACING(5000, 20000, 10)", NA),
        ],
        eval: |a| pacing(a.num(0)?, a.num(1)?, a.num(2)?, a.num(3)?).map(Output::Number),
    },
    Function {
        id: "KPI_PROGRESS",
        sheets_name: "KPI_PROGRESS",
        description: "Progress to target: actual / target, as a fraction (0.75 = 75% of the way there).",
        formula: "actual / target",
        source: sources::PACING,
        params: &[ACTUAL, TARGET],
        result: ResultKind::Fraction,
        shape: Shape::Value,
        examples: &[
            ex("KPI_PROGRESS(7500, 10000)", 0.75),
            ex("KPI_PROGRESS(120, 100)", 1.2),
            ex("KPI_PROGRESS(-5%, 20%)", -0.25),
            ex("KPI_PROGRESS(1, 3)", 0.3333333333333333),
            ex_err("KPI_PROGRESS(7500, 0)", Div0),
            ex("KPI_PROGRESS(1e30, 1)", 1e30),
            ex_err("KPI_PROGRESS(1e300, 1e-300)", Num),
            ex_err("KPI_PROGRESS({1,2}, 3)", Value),
            ex_err("KPI_PROGRESS(, 10000)", NA),
        ],
        eval: |a| ratio(a.num(0)?, a.num(1)?, "The target is zero, so progress towards it is undefined."),
    },
    Function {
        id: "KPI_STATUS",
        sheets_name: "KPI_STATUS",
        description: "Traffic-light status of a KPI against its target: \"GREEN\" at or past target, \"AMBER\" within the amber \
                      threshold (default: at least 90% of target), \"RED\" below it. For costs such as CAC or CPA set \
                      lower_is_better: then GREEN is at or under target and AMBER when target / actual ≥ the threshold.",
        formula: "progress = actual / target (target / actual if lower is better): ≥ 1 GREEN, ≥ amber AMBER, else RED",
        source: sources::STATUS,
        params: &[
            ACTUAL,
            Param::number("target", "The KPI's target value, in the same unit; must be above zero."),
            Param::rate("amber", "Lowest progress still rated AMBER, as a fraction of target (0.9 = 90%).").or(0.9),
            Param::flag("lower_is_better", "TRUE for KPIs where less is better (CAC, CPC, churn, bounce rate).").or_flag(false),
        ],
        result: ResultKind::Text,
        shape: Shape::Value,
        examples: &[
            ex_text("KPI_STATUS(100, 100)", "GREEN"),
            ex_text("KPI_STATUS(95, 100)", "AMBER"),
            ex_text("KPI_STATUS(90, 100)", "AMBER"),
            ex_text("KPI_STATUS(89.9, 100)", "RED"),
            ex_text("KPI_STATUS(80, 100, 80%)", "AMBER"),
            ex_text("KPI_STATUS(45, 50, , TRUE)", "GREEN"),
            ex_text("KPI_STATUS(55, 50, 0.9, TRUE)", "AMBER"),
            ex_text("KPI_STATUS(60, 50, , TRUE)", "RED"),
            ex_text("KPI_STATUS(-0.1, 0.2)", "RED"),
            ex_err("KPI_STATUS(1, 0)", Div0),
            ex_err("KPI_STATUS(1, -5)", Num),
            ex_err("KPI_STATUS(95, 100, 1.5)", Num),
            ex_err("KPI_STATUS(\"good\", 100)", Value),
            ex_err("KPI_STATUS(95)", NA),
        ],
        eval: |a| status(a.num(0)?, a.num(1)?, a.num(2)?, a.flag(3)?).map(Output::Text),
    },
];

/// `spend × days_total / (budget × days_elapsed)`: the same ratio of ratios, one rounding.
fn pacing(spend: Exact, budget: Exact, elapsed: Exact, total: Exact) -> KpiResult<Exact> {
    if elapsed > total {
        return Err(KpiError::num("More days have elapsed than the flight has; check the two day counts."));
    }
    if budget.is_zero() {
        return Err(KpiError::div0("The budget is zero, so pacing is undefined."));
    }
    let planned = budget * elapsed;
    num::div(spend * total, planned, "No days have elapsed yet, so there is no pace to measure.")
}

/// The traffic light, by comparisons only (no division, so no rounding at the boundaries).
fn status(actual: Exact, target: Exact, amber: Exact, lower_is_better: bool) -> KpiResult<&'static str> {
    if target.is_zero() {
        return Err(KpiError::div0("The target is zero, so there is no percentage of target to rate."));
    }
    if target.is_negative() {
        return Err(KpiError::num("The target must be above zero for a traffic-light rating."));
    }
    let amber_line = amber * if lower_is_better { &actual } else { &target };
    let (on_target, within_amber) = if lower_is_better {
        // target / actual ≥ amber  ⇔  amber × actual ≤ target (actual > 0; at or below 0 it is on target anyway).
        (actual <= target, amber_line <= target)
    } else {
        // actual / target ≥ amber  ⇔  actual ≥ amber × target (target > 0).
        (actual >= target, actual >= amber_line)
    };
    Ok(if on_target {
        "GREEN"
    } else if within_amber {
        "AMBER"
    } else {
        "RED"
    })
}
