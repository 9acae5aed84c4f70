//! Multi-touch attribution as spreadsheet functions: which channels earned the conversions.
//! The models live in [`crate::attribution`]; these rows bind spreadsheet ranges to them and
//! spill one row per channel.

use super::sources;
use crate::attribution::{self as engine, ChannelResult, Journeys, Model, Touch};
use crate::error::ErrorKind::{Num, Value, NA};
use crate::error::{KpiError, KpiResult};
use crate::exact::Exact;
use crate::registry::ExpectedCell::{E, N, T};
use crate::registry::{ex_err, ex_table, Column, Function, Inputs, Output, Param, ResultKind, Shape};
use crate::table::OutCell;

/// The model names a cell may give, the default first: Markov, the data-driven model
/// (the articles ask for the middle touches that first and last touch miss).
const MODELS: &[&str] = &["markov", "first", "last", "linear", "position", "time_decay", "last_non_direct", "shapley"];

/// Relative tolerance of columns that Markov's linear solve feeds (exact for the other models).
const SOLVE: Option<f64> = Some(1e-12);

const PATHS: Param = Param::texts(
    "paths",
    "Channel paths, one journey type per row, e.g. \"Facebook > Email > Direct\" (ChannelAttribution's and GA's export).",
);
const CONVERSIONS: Param = Param::paired("conversions", "Conversions of each path, in the same rows.");
const VALUES: Param = Param::paired("values", "Conversion value of each path (revenue); omit for none.").or_omitted();
const NULLS: Param =
    Param::paired("nulls", "Journeys of each path that did not convert (Markov uses them); omit for none.").or_omitted();
const MODEL: Param = Param::choice("model", "The attribution model.", MODELS);
const ORDER: Param =
    Param::non_negative("order", "Markov order: how many past channels a state remembers, 1 to 4.").or(1.0);
const SEPARATOR: Param = Param::texts("separator", "What separates channels in a path.").or_text(">");

const CHANNEL_COLUMNS: &[Column] = &[
    Column { name: "channel", kind: ResultKind::Text, description: "The channel, as named in the paths.", tolerance: None },
    Column {
        name: "conversions",
        kind: ResultKind::Count,
        description: "Conversions attributed to the channel; the channels add up to the total.",
        tolerance: SOLVE,
    },
    Column {
        name: "value",
        kind: ResultKind::Money,
        description: "Conversion value attributed to the channel; adds up to the total value.",
        tolerance: SOLVE,
    },
    Column { name: "share", kind: ResultKind::Fraction, description: "The channel's share of the conversions.", tolerance: SOLVE },
];

const fn model_column(name: &'static str, description: &'static str, tolerance: Option<f64>) -> Column {
    Column { name, kind: ResultKind::Count, description, tolerance }
}

const COMPARE_COLUMNS: &[Column] = &[
    Column { name: "channel", kind: ResultKind::Text, description: "The channel, as named in the paths.", tolerance: None },
    model_column("first", "Conversions by first touch.", None),
    model_column("last", "Conversions by last touch.", None),
    model_column("linear", "Conversions by linear (every touch an equal share).", None),
    model_column("position", "Conversions by position (40/20/40).", None),
    model_column("time_decay", "Conversions by time decay (half-life 7 touches on path data).", Some(1e-12)),
    model_column("last_non_direct", "Conversions by last non-direct touch (\"Direct\").", None),
    model_column("shapley", "Conversions by exact Shapley values.", None),
    model_column("markov", "Conversions by Markov removal effects (order 1).", SOLVE),
];

const REMOVAL_COLUMNS: &[Column] = &[
    Column { name: "channel", kind: ResultKind::Text, description: "The channel, as named in the paths.", tolerance: None },
    Column {
        name: "removal_effect",
        kind: ResultKind::Fraction,
        description: "Share of conversions lost if the channel were removed from every journey.",
        tolerance: SOLVE,
    },
    Column {
        name: "value_removal_effect",
        kind: ResultKind::Fraction,
        description: "Share of conversion value lost if the channel were removed.",
        tolerance: SOLVE,
    },
];

/// Cells of a paired numeric column: a blank count is none.
fn counts(cells: &[Option<Exact>]) -> Vec<Exact> {
    cells.iter().map(|c| c.clone().unwrap_or(Exact::ZERO)).collect()
}

/// Cells of a text column, blanks as empty text.
fn texts(cells: &[Option<String>]) -> Vec<&str> {
    cells.iter().map(|c| c.as_deref().unwrap_or("")).collect()
}

/// The journeys of `PATHS, CONVERSIONS, [VALUES], [NULLS]` inputs at `paths`…`nulls`.
fn path_journeys(a: &Inputs, values: Option<usize>, nulls: Option<usize>, separator: usize) -> KpiResult<Journeys> {
    let paths = a.texts(0)?;
    let conversions = counts(a.paired(1)?);
    let values = match values {
        Some(i) => a.opt_paired(i)?.map(counts),
        None => None,
    };
    let nulls = match nulls {
        Some(i) => a.opt_paired(i)?.map(counts),
        None => None,
    };
    let sep = a.opt_text(separator)?.unwrap_or(">");
    engine::from_paths(&texts(paths), sep, &conversions, values.as_deref(), nulls.as_deref())
}

/// The model named by choice input `i`, Markov at the order in input `order`.
fn model(a: &Inputs, i: usize, order: Option<usize>) -> KpiResult<Model> {
    let m = Model::parse(MODELS[a.choice(i)?])?;
    Ok(match (m, order) {
        (Model::Markov { .. }, Some(o)) => Model::Markov { order: markov_order(a, o)? },
        (m, _) => m,
    })
}

fn markov_order(a: &Inputs, i: usize) -> KpiResult<u8> {
    let o = a.num(i)?;
    (1..=4u8)
        .find(|k| o == Exact::int(i64::from(*k)))
        .ok_or_else(|| KpiError::num("The Markov order must be a whole number from 1 to 4."))
}

fn channel_rows(results: Vec<ChannelResult>) -> Vec<Vec<OutCell>> {
    results
        .into_iter()
        .map(|r| {
            vec![OutCell::Text(r.channel), OutCell::Exact(r.conversions), OutCell::Exact(r.value), OutCell::Exact(r.share)]
        })
        .collect()
}

fn compare(j: &Journeys) -> KpiResult<Output> {
    let per_model: Vec<Vec<ChannelResult>> =
        COMPARE_COLUMNS[1..].iter().map(|c| Model::parse(c.name).and_then(|m| engine::attribute_sheet(j, &m))).collect::<KpiResult<_>>()?;
    let rows = j
        .channels
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let mut row = vec![OutCell::Text(name.clone())];
            row.extend(per_model.iter().map(|m| OutCell::Exact(m[i].conversions.clone())));
            row
        })
        .collect();
    Ok(Output::Table(rows))
}

fn touches(a: &Inputs) -> KpiResult<Journeys> {
    let users = a.texts(0)?;
    let times = a.paired(1)?;
    let channels = a.texts(2)?;
    let conversions = a.paired(3)?;
    let values = a.opt_paired(4)?;
    let n = users.len();
    if [times.len(), channels.len(), conversions.len()].iter().any(|&l| l != n)
        || values.is_some_and(|v| v.len() != n)
    {
        return Err(KpiError::value("The user, time, channel and conversion ranges must have the same rows, one touch per row."));
    }
    let mut rows = Vec::with_capacity(n);
    for i in 0..n {
        let (Some(user), Some(channel)) = (&users[i], &channels[i]) else {
            if times[i].is_none() && conversions[i].is_none() {
                continue; // a blank row
            }
            return Err(KpiError::value(format!("Touch row {} has no user or no channel.", i + 1)));
        };
        let Some(time) = &times[i] else {
            return Err(KpiError::value(format!("Touch row {} has no time.", i + 1)));
        };
        rows.push(Touch {
            user: user.clone(),
            time: time.to_f64(),
            channel: channel.clone(),
            conversions: conversions[i].clone().unwrap_or(Exact::ZERO),
            value: values.and_then(|v| v[i].clone()).unwrap_or(Exact::ZERO),
        });
    }
    let lookback = a.num(6)?;
    if lookback.is_negative() || lookback.is_zero() {
        return Err(KpiError::num("The lookback window must be more than 0 days."));
    }
    engine::from_touches(&rows, lookback.to_f64())
}

/// ATTRIBUTION, ATTRIBUTION_COMPARE, ATTRIBUTION_REMOVAL, ATTRIBUTION_TOUCHES.
pub const FUNCTIONS: &[Function] = &[
    Function {
        id: "ATTRIBUTION",
        sheets_name: "ATTRIBUTION",
        description: "Multi-touch attribution of conversions and value to channels, from channel paths: one row per channel \
                      (channel, conversions, value, share) that spills. Models: markov (default; exact removal effects, \
                      not simulated), first, last, linear, position (40/20/40), time_decay, last_non_direct, shapley (exact).",
        formula: "per model: each journey's conversions and value split over its touches; Markov: total × removal effect / Σ removal effects",
        source: sources::ATTRIBUTION,
        params: &[PATHS, CONVERSIONS, VALUES, NULLS, MODEL, ORDER, SEPARATOR],
        result: ResultKind::Text,
        shape: Shape::Table(CHANNEL_COLUMNS),
        examples: &[
            // Journeys A > B and B, one conversion each (worth 10 and 20).
            ex_table(
                "ATTRIBUTION({\"A > B\";\"B\"}, {1;1}, {10;20}, , \"linear\")",
                &[&[T("A"), N(0.5), N(5.0), N(0.25)], &[T("B"), N(1.5), N(25.0), N(0.75)]],
            ),
            ex_table(
                "ATTRIBUTION({\"A > B\";\"B\"}, {1;1}, {10;20}, , \"first\")",
                &[&[T("A"), N(1.0), N(10.0), N(0.5)], &[T("B"), N(1.0), N(20.0), N(0.5)]],
            ),
            // Markov: without A half the journeys still convert (removal effect 1/2), without B
            // none do (1): A gets 2 × (1/2) / (3/2) = 2/3, B 4/3.
            ex_table(
                "ATTRIBUTION({\"A > B\";\"B\"}, {1;1})",
                &[&[T("A"), N(0.6666666666666666), N(0.0), N(0.3333333333333333)], &[T("B"), N(1.3333333333333333), N(0.0), N(0.6666666666666666)]],
            ),
            ex_table(
                "ATTRIBUTION({\"A|B\";\"B\"}, {1;1}, , , \"last\", , \"|\")",
                &[&[T("A"), N(0.0), N(0.0), N(0.0)], &[T("B"), N(2.0), N(0.0), N(1.0)]],
            ),
            ex_err("ATTRIBUTION({\"A > B\";\"B\"}, {1;-1})", Num),
            ex_err("ATTRIBUTION({\"A > B\";\"B\"}, {1;1}, , , \"newest\")", Value),
            ex_err("ATTRIBUTION({\"A > B\";\"B\"}, {1;1}, , , \"markov\", 5)", Num),
            ex_err("ATTRIBUTION({\"A > B\";\"B\"})", NA),
        ],
        eval: |a| {
            let j = path_journeys(a, Some(2), Some(3), 6)?;
            Ok(Output::Table(channel_rows(engine::attribute_sheet(&j, &model(a, 4, Some(5))?)?)))
        },
    },
    Function {
        id: "ATTRIBUTION_COMPARE",
        sheets_name: "ATTRIBUTION_COMPARE",
        description: "Every attribution model side by side: one row per channel, one column of attributed conversions per \
                      model (first, last, linear, position, time decay, last non-direct, Shapley, Markov), ready to chart.",
        formula: "ATTRIBUTION's conversions column for each model",
        source: sources::ATTRIBUTION,
        params: &[PATHS, CONVERSIONS, VALUES, NULLS, SEPARATOR],
        result: ResultKind::Text,
        shape: Shape::Table(COMPARE_COLUMNS),
        examples: &[
            // Time decay: A's touch is one before the last, weight 2^(−1/7), so A gets
            // 2^(−1/7) / (1 + 2^(−1/7)) of the first journey.
            ex_table(
                "ATTRIBUTION_COMPARE({\"A > B\";\"B\"}, {1;1})",
                &[
                    &[T("A"), N(1.0), N(0.0), N(0.5), N(0.5), N(0.47526495118259765), N(0.0), N(0.5), N(0.6666666666666666)],
                    &[T("B"), N(1.0), N(2.0), N(1.5), N(1.5), N(1.5247350488174023), N(2.0), N(1.5), N(1.3333333333333333)],
                ],
            ),
            ex_err("ATTRIBUTION_COMPARE({\"A\";\"B\"}, {1;TRUE})", Value),
        ],
        eval: |a| compare(&path_journeys(a, Some(2), Some(3), 4)?),
    },
    Function {
        id: "ATTRIBUTION_REMOVAL",
        sheets_name: "ATTRIBUTION_REMOVAL",
        description: "Markov removal effects: per channel, the share of conversions (and of value) that would be lost if the \
                      channel were taken out of every journey, from the absorbing chain solved as a linear system (not simulated).",
        formula: "1 − P(conversion | channel removed) / P(conversion)",
        source: sources::ATTRIBUTION,
        params: &[PATHS, CONVERSIONS, VALUES, NULLS, ORDER, SEPARATOR],
        result: ResultKind::Text,
        shape: Shape::Table(REMOVAL_COLUMNS),
        examples: &[
            // Without A half the conversions are lost; each carries the mean value of the
            // conversions leaving its last state (both leave B: 15), so half the value too.
            ex_table(
                "ATTRIBUTION_REMOVAL({\"A > B\";\"B\"}, {1;1}, {10;20})",
                &[&[T("A"), N(0.5), N(0.5)], &[T("B"), N(1.0), N(1.0)]],
            ),
            // A always converts, B never: without A nothing converts, without B nothing is
            // lost; no value was given, so there is no value removal effect.
            ex_table(
                "ATTRIBUTION_REMOVAL({\"A\";\"B\"}, {1;0}, , {0;1})",
                &[&[T("A"), N(1.0), E(NA)], &[T("B"), N(0.0), E(NA)]],
            ),
            ex_err("ATTRIBUTION_REMOVAL({\"A\";\"B\"}, {1;0}, , {0;1}, 0)", Num),
        ],
        eval: |a| {
            let j = path_journeys(a, Some(2), Some(3), 5)?;
            let valued = !j.total_value().is_zero();
            let rows = engine::removal_effects(&j, markov_order(a, 4)?)?
                .into_iter()
                .map(|r| {
                    let value = if valued {
                        OutCell::Float(r.value)
                    } else {
                        OutCell::Error(KpiError::na("No conversion value was given, so there is no value removal effect."))
                    };
                    vec![OutCell::Text(r.channel), OutCell::Float(r.conversions), value]
                })
                .collect();
            Ok(Output::Table(rows))
        },
    },
    Function {
        id: "ATTRIBUTION_TOUCHES",
        sheets_name: "ATTRIBUTION_TOUCHES",
        description: "Multi-touch attribution from one row per touch (an ad server or GA4 export): a journey is a user's touches \
                      up to a conversion, after their previous one, within the lookback window; rows in any order. Spills \
                      channel, conversions, value, share, as ATTRIBUTION does.",
        formula: "journeys from touches, then ATTRIBUTION's models",
        source: sources::ATTRIBUTION,
        params: &[
            Param::texts("users", "User (or client) id of each touch."),
            Param::paired("times", "When each touch happened (date-time cells)."),
            Param::texts("channels", "The channel of each touch."),
            Param::paired("conversions", "Conversions at each touch: 1 where the user converted, else 0 or blank."),
            Param::paired("values", "Conversion value at each converting touch; omit for none.").or_omitted(),
            MODEL,
            Param::non_negative("lookback_days", "Touches up to this many days before a conversion count towards it.").or(30.0),
        ],
        result: ResultKind::Text,
        shape: Shape::Table(CHANNEL_COLUMNS),
        examples: &[
            // u1 touches A then B and converts; u2 converts on B; rows out of order.
            ex_table(
                "ATTRIBUTION_TOUCHES({\"u2\";\"u1\";\"u1\"}, {45002;45001;45000}, {\"B\";\"B\";\"A\"}, {1;1;0}, , \"linear\")",
                &[&[T("A"), N(0.5), N(0.0), N(0.25)], &[T("B"), N(1.5), N(0.0), N(0.75)]],
            ),
            ex_err("ATTRIBUTION_TOUCHES({\"u1\";\"u1\"}, {45000;45001}, {\"A\";\"B\"}, {0;1}, , \"linear\", 0)", Num),
        ],
        eval: |a| {
            let j = touches(a)?;
            Ok(Output::Table(channel_rows(engine::attribute_sheet(&j, &model(a, 5, None)?)?)))
        },
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    /// The spreadsheet's option list (default first) and the comparison's columns name the
    /// engine's models, each once: a model added to the engine must be offered here too.
    #[test]
    fn every_engine_model_is_offered_and_compared() {
        let mut offered: Vec<&str> = MODELS.to_vec();
        let mut compared: Vec<&str> = COMPARE_COLUMNS[1..].iter().map(|c| c.name).collect();
        let mut engine: Vec<&str> = engine::MODEL_NAMES.to_vec();
        offered.sort_unstable();
        compared.sort_unstable();
        engine.sort_unstable();
        assert_eq!(offered, engine);
        assert_eq!(compared, engine);
    }
}
