//! The attribution report over journey data: the models run, the Markov removal effects
//! and the warnings. One builder for `sheetkpi attribute` and the page's `import_attribute`,
//! so the two cannot drift apart; written out by [`super::json`] and [`super::csv_out`]
//! (and by the CLI's tables and xlsx, from [`super::columns`]).

use super::{Field, JourneyData, Shape};
use crate::attribution::{
    attribute, removal_effects, transition_matrix, ChannelResult, Model, RemovalEffect, Transition, MODEL_NAMES,
};
use crate::error::KpiError;
use crate::exact::Exact;

/// The Markov orders offered (`--order`, the page's order control).
pub const ORDERS: std::ops::RangeInclusive<u8> = 1..=4;

/// The models' parameters (the CLI's defaults).
#[derive(Clone, Debug, PartialEq)]
pub struct ModelParams {
    /// The Markov chain's order (1 to 4).
    pub order: u8,
    /// Position model: the first and last touches' shares.
    pub first: Exact,
    /// See `first`.
    pub last: Exact,
    /// Time-decay half-life, in days (touches on path-level data).
    pub half_life: f64,
    /// Last non-direct: the direct channel's name.
    pub direct: String,
}

impl Default for ModelParams {
    fn default() -> Self {
        let share = |x: f64| crate::num::to_exact(x).expect("0.4 is exact");
        ModelParams { order: 1, first: share(0.4), last: share(0.4), half_life: 7.0, direct: "Direct".into() }
    }
}

/// The models named (`all` for every one, in [`MODEL_NAMES`] order), each once, with `p`.
pub fn models(names: &[String], p: &ModelParams) -> Result<Vec<Model>, KpiError> {
    let with_params = |m: Model| match m {
        Model::Markov { .. } => Model::Markov { order: p.order },
        Model::Position { .. } => Model::Position { first: p.first.clone(), last: p.last.clone() },
        Model::TimeDecay { .. } => Model::TimeDecay { half_life: p.half_life },
        Model::LastNonDirect { .. } => Model::LastNonDirect { direct: p.direct.clone() },
        m => m,
    };
    let mut out: Vec<Model> = Vec::new();
    for n in names {
        let batch = if n.trim().eq_ignore_ascii_case("all") {
            MODEL_NAMES.iter().map(|m| Model::parse(m)).collect::<Result<Vec<_>, _>>()?
        } else {
            vec![Model::parse(n)?]
        };
        for m in batch.into_iter().map(with_params) {
            if !out.iter().any(|x| x.name() == m.name()) {
                out.push(m);
            }
        }
    }
    Ok(out)
}

/// Everything computed, before formatting. A model's error is kept in place so the
/// other models are still shown.
pub struct Outcome {
    /// The journeys and where they came from.
    pub data: JourneyData,
    /// Each model's result, in the order asked.
    pub models: Vec<(&'static str, Result<Vec<ChannelResult>, KpiError>)>,
    /// The Markov removal effects, when Markov ran.
    pub removal: Option<Result<Vec<RemovalEffect>, KpiError>>,
    /// The Markov transition matrix, when asked for.
    pub transitions: Option<Result<Vec<Transition>, KpiError>>,
    /// The reader's warnings, then the models'.
    pub warnings: Vec<String>,
}

/// Runs `models` over `data` (and the transition matrix when `with_matrix`).
pub fn compute(data: JourneyData, models: &[Model], with_matrix: bool) -> Outcome {
    let mut warnings = data.warnings.clone();
    let markov = models.iter().find_map(|m| if let Model::Markov { order } = m { Some(*order) } else { None });
    if markov.is_some() && data.shape == Shape::Paths && !data.has(Field::Nulls) {
        warnings.push(
            "no column of non-converting journeys (nulls): the Markov model sees only converting journeys, \
             so every removal effect is the share of converting paths that touch the channel"
                .into(),
        );
    }
    let results = models.iter().map(|m| (m.name(), attribute(&data.journeys, m))).collect();
    let removal = markov.map(|order| removal_effects(&data.journeys, order));
    if with_matrix && markov.is_none() {
        // The page asks for the matrix with markov alone, so only the CLI can meet this.
        warnings.push("--transition-matrix needs the markov model among the models".into());
    }
    let transitions = markov.filter(|_| with_matrix).map(|order| transition_matrix(&data.journeys, order));
    Outcome { data, models: results, removal, transitions, warnings }
}
