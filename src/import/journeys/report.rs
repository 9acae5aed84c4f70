//! The attribution report over journey data: the models run, the Markov removal effects
//! and the warnings, and its JSON. One builder for `sheetkpi attribute --format json` and
//! the page's `import_attribute`, so the two cannot drift apart.

use super::{Field, JourneyData, Shape};
use crate::attribution::{
    attribute, removal_effects, transition_matrix, ChannelResult, Model, RemovalEffect, Transition, MODEL_NAMES,
};
use crate::error::KpiError;
use crate::exact::Exact;

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
        // Only the CLI asks for the matrix, so its flag may be named here.
        warnings.push("--transition-matrix needs the markov model among the models".into());
    }
    let transitions = markov.filter(|_| with_matrix).map(|order| transition_matrix(&data.journeys, order));
    Outcome { data, models: results, removal, transitions, warnings }
}

fn num(x: f64) -> String {
    serde_json::to_string(&x).unwrap_or_else(|_| "null".into())
}

fn string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

fn error_json(e: &KpiError) -> String {
    format!("{{\"error\": {}, \"message\": {}}}", string(e.kind.code()), string(&e.message))
}

fn list(items: Vec<String>, open: &str, close: &str, indent: &str) -> String {
    format!("{open}\n{indent}  {}\n{indent}{close}", items.join(&format!(",\n{indent}  ")))
}

/// `{"models": {..}, "removal_effects": {..}, "totals": {..}, "source": {..}, "warnings": [..]}`,
/// models and channels in their display order. Written by hand (not serde) for its
/// readable layout, which the CLI's tests and the oracle comparison pin byte for byte.
pub fn json(o: &Outcome) -> String {
    let mut s = String::from("{\n  \"models\": {");
    for (i, (name, r)) in o.models.iter().enumerate() {
        s += if i == 0 { "\n    " } else { ",\n    " };
        s += &format!("{}: ", string(name));
        match r {
            Ok(rows) => {
                let items = rows
                    .iter()
                    .map(|c| {
                        format!(
                            "{{\"channel\": {}, \"conversions\": {}, \"value\": {}, \"share\": {}}}",
                            string(&c.channel),
                            num(c.conversions.to_f64()),
                            num(c.value.to_f64()),
                            num(c.share.to_f64())
                        )
                    })
                    .collect();
                s += &list(items, "[", "]", "    ");
            }
            Err(e) => s += &error_json(e),
        }
    }
    s += "\n  }";
    if let Some(r) = &o.removal {
        s += ",\n  \"removal_effects\": ";
        match r {
            Ok(effects) => {
                let items = effects
                    .iter()
                    .map(|e| format!("{}: {{\"conversions\": {}, \"value\": {}}}", string(&e.channel), num(e.conversions), num(e.value)))
                    .collect();
                s += &list(items, "{", "}", "  ");
            }
            Err(e) => s += &error_json(e),
        }
    }
    if let Some(r) = &o.transitions {
        s += ",\n  \"transition_matrix\": ";
        match r {
            Ok(t) => {
                let items = t
                    .iter()
                    .map(|t| format!("{{\"from\": {}, \"to\": {}, \"probability\": {}}}", string(&t.from), string(&t.to), num(t.probability)))
                    .collect();
                s += &list(items, "[", "]", "  ");
            }
            Err(e) => s += &error_json(e),
        }
    }
    let d = &o.data;
    let j = &d.journeys;
    s += &format!(
        ",\n  \"totals\": {{\"conversions\": {}, \"value\": {}}}",
        num(j.total_conversions().to_f64()),
        num(j.total_value().to_f64())
    );
    let shape = if d.shape == Shape::Paths { "paths" } else { "touches" };
    s += &format!(
        ",\n  \"source\": {{\"sheet\": {}, \"header_row\": {}, \"shape\": {}, \"rows\": {}, \"journeys\": {}, \"channels\": {}}}",
        string(&d.sheet),
        d.header_row,
        string(shape),
        d.rows,
        j.journeys.len(),
        j.channels.len()
    );
    let warnings: Vec<String> = o.warnings.iter().map(|w| string(w)).collect();
    s += &format!(",\n  \"warnings\": [{}]\n}}\n", warnings.join(", "));
    s
}
