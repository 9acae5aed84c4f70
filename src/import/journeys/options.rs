//! An attribution's options as JavaScript passes them (the page's model controls, through
//! the import WASM's `import_attribute`): the options of `sheetkpi attribute` by their
//! camelCase names, read into the same [`JourneyOptions`] and [`ModelParams`] the CLI
//! builds, so that the page and `sheetkpi attribute FILE --order 2 …` compute one thing.
//! Numbers may come as numbers or as the text typed in a field (`40%`), read as a cell
//! is read ([`number`]), as the CLI reads `--position-shares`.
//!
//! What cannot be read is an [`OptionError`] naming the option, so the page can point at
//! its control. Values that read but that a model refuses (shares adding up to more than
//! 1, a half-life of 0) are that model's spreadsheet error in the result, as in the CLI.

use super::report::{models, ModelParams, ORDERS};
use super::JourneyOptions;
use crate::attribution::Model;
use crate::exact::Exact;
use crate::value::Cell;
use serde::Deserialize;

/// A number given as a number or as text.
#[derive(Deserialize, Clone, Debug, PartialEq)]
#[serde(untagged)]
pub enum Typed {
    /// A JS number.
    Number(f64),
    /// The text of a field, as typed.
    Text(String),
}

/// The options (every one optional: the CLI's defaults).
#[derive(Deserialize, Default, Clone, Debug, PartialEq)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct AttributeOptions {
    /// The sheet to read (`--sheet`).
    pub sheet: Option<String>,
    /// The file's name, for format messages and CSV recognition.
    pub file_name: Option<String>,
    /// Refuse larger sheets (`--max-cells`).
    pub max_cells: Option<f64>,
    /// Model names, or `all` (`--model`; default all).
    pub models: Option<Vec<String>>,
    /// The Markov order, 1 to 4 (`--order`).
    pub order: Option<Typed>,
    /// Touchpoint data: the lookback window in days (`--lookback-days`).
    pub lookback_days: Option<Typed>,
    /// Position model: the first touch's share (`--position-shares FIRST,…`).
    pub first_share: Option<Typed>,
    /// Position model: the last touch's share (`--position-shares …,LAST`).
    pub last_share: Option<Typed>,
    /// Time decay: the half-life in days, touches on path-level data (`--half-life`).
    pub half_life: Option<Typed>,
    /// Last non-direct: the direct channel's name (`--direct`).
    pub direct: Option<String>,
    /// Path-level data: the separator (`--sep`).
    pub sep: Option<String>,
    /// Also the Markov transition matrix (`--transition-matrix`).
    pub transition_matrix: bool,
    /// A CSV file's decimal separator: `auto`, `point` or `comma` (`--decimal`).
    pub decimal: Option<String>,
}

/// An option that cannot be read: which one (its camelCase name) and why, in words.
#[derive(Clone, Debug, PartialEq)]
pub struct OptionError {
    /// The option's name, as in [`AttributeOptions`] on the JS side (`lookbackDays`).
    pub option: &'static str,
    /// What is wrong with it.
    pub message: String,
}

/// What the options ask for: how to read the journeys, the models, and the matrix or not.
pub struct Resolved {
    /// How to read the journeys.
    pub journeys: JourneyOptions,
    /// The models, with their parameters.
    pub models: Vec<Model>,
    /// Whether to give the transition matrix.
    pub transition_matrix: bool,
}

/// A number as typed (`0.4`, `40%`, `1e3`, `1 500`), read as a spreadsheet cell is read.
pub fn number(t: &str) -> Option<f64> {
    match crate::import::csv_in::parse_field(t, false) {
        Cell::Number(x) => Some(x),
        _ => None,
    }
}

/// A share as typed (`0.4`, `40%`), exactly as typed; else the message why not.
pub fn share(t: &str) -> Result<Exact, String> {
    number(t).and_then(|x| crate::num::to_exact(x).ok()).ok_or_else(|| format!("\"{}\" is not a number", t.trim()))
}

/// A number option as typed: a JS number as it is, a text read as a spreadsheet cell is read
/// (`1%`, `1 500`); the error names the option.
pub fn number_of(option: &'static str, v: &Typed) -> Result<f64, OptionError> {
    let bad = |message: String| OptionError { option, message };
    match v {
        Typed::Number(x) if x.is_finite() => Ok(*x),
        Typed::Number(x) => Err(bad(format!("{x} is not a number"))),
        Typed::Text(t) if t.trim().is_empty() => Err(bad("enter a number".into())),
        Typed::Text(t) => number(t).ok_or_else(|| bad(format!("\"{}\" is not a number", t.trim()))),
    }
}

/// A host's `decimal` option: detected when absent.
pub fn decimal_of(v: Option<&str>) -> Result<crate::import::Decimal, String> {
    v.map_or(Ok(crate::import::Decimal::Auto), crate::import::Decimal::parse)
}

fn share_of(option: &'static str, v: &Typed) -> Result<Exact, OptionError> {
    let x = number_of(option, v)?;
    crate::num::to_exact(x).map_err(|e| OptionError { option, message: e.message.to_string() })
}

impl AttributeOptions {
    /// The journey options, models and matrix these options ask for.
    pub fn resolve(&self) -> Result<Resolved, OptionError> {
        let d = ModelParams::default();
        let order = match &self.order {
            None => d.order,
            Some(v) => {
                let x = number_of("order", v)?;
                let (lo, hi) = (*ORDERS.start(), *ORDERS.end());
                if !(x.fract() == 0.0 && (f64::from(lo)..=f64::from(hi)).contains(&x)) {
                    return Err(OptionError { option: "order", message: format!("the Markov order is a whole number from {lo} to {hi}") });
                }
                x as u8
            }
        };
        let p = ModelParams {
            order,
            first: self.first_share.as_ref().map_or(Ok(d.first), |v| share_of("firstShare", v))?,
            last: self.last_share.as_ref().map_or(Ok(d.last), |v| share_of("lastShare", v))?,
            half_life: self.half_life.as_ref().map_or(Ok(d.half_life), |v| number_of("halfLife", v))?,
            direct: self.direct.clone().unwrap_or(d.direct),
        };
        let names = self.models.clone().unwrap_or_else(|| vec!["all".into()]);
        if names.is_empty() {
            return Err(OptionError { option: "models", message: "choose at least one model".into() });
        }
        let models = models(&names, &p).map_err(|e| OptionError { option: "models", message: e.message.to_string() })?;
        let dj = JourneyOptions::default();
        let journeys = JourneyOptions {
            sheet: self.sheet.clone(),
            sep: self.sep.clone().unwrap_or(dj.sep),
            lookback_days: self.lookback_days.as_ref().map_or(Ok(dj.lookback_days), |v| number_of("lookbackDays", v))?,
            max_cells: self.max_cells.filter(|x| x.is_finite() && *x >= 0.0).map_or(dj.max_cells, |x| x as u64),
            max_bytes: dj.max_bytes,
            file_name: self.file_name.clone(),
            decimal: decimal_of(self.decimal.as_deref()).map_err(|message| OptionError { option: "decimal", message })?,
        };
        Ok(Resolved { journeys, models, transition_matrix: self.transition_matrix })
    }
}

/// The defaults the page fills its controls with, and the orders it offers:
/// `{"order": 1, "orders": [1, 2, 3, 4], "lookbackDays": 30.0, "firstShare": 0.4, …}`.
pub fn defaults() -> serde_json::Value {
    let p = ModelParams::default();
    serde_json::json!({
        "order": p.order,
        "orders": ORDERS.collect::<Vec<u8>>(),
        "lookbackDays": JourneyOptions::default().lookback_days,
        "firstShare": p.first.to_f64(),
        "lastShare": p.last.to_f64(),
        "halfLife": p.half_life,
        "direct": p.direct,
    })
}
