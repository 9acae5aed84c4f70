//! Multi-touch attribution: which channels earned the conversions.
//!
//! Pure engine, no host knowledge. Input is a set of [`Journeys`] (built from path-level
//! exports with [`from_paths`] or from one row per touch with [`from_touches`]); output is
//! one [`ChannelResult`] per channel for a [`Model`].
//!
//! Exactness: the heuristic models (first, last, linear, position, last non-direct) and
//! Shapley work in [`Exact`] arithmetic, so the channels add up to the totals exactly.
//! Time decay's weights come from `2^(−Δt/h)` (irrational in general): they are rounded to
//! 15 decimal places and the most recent touch takes the remainder, so it conserves exactly
//! too. Markov's removal effects are solved from the absorbing chain's linear system
//! ([`markov`]: exact up to double rounding, or bracketed to 9e-16 on big chains); its
//! attributed conversions are then split exactly in proportion to them, so they also add
//! up to the total exactly.

mod heuristic;
mod iterate;
mod journeys;
pub mod markov;
mod shapley;
mod solve;

pub use journeys::{from_paths, from_touches, Journey, Journeys, Touch};
pub use markov::{removal_effects, transition_matrix, RemovalEffect, Transition};

use crate::error::{KpiError, KpiResult};
use crate::exact::Exact;
use std::collections::BTreeMap;

/// The one map type of the attribution code: `u64` keys (an integer, or two `u32` ids
/// packed by [`pair`]) to `u64` values (an index into a `Vec`, or an `f64`'s bits). Each
/// key or value type of a map is its own copy of the map's code in the functions WASM, so
/// everything shares this one; and a `BTreeMap` iterates in key order, never in a hash order.
pub(crate) type IdMap = BTreeMap<u64, u64>;

/// Two ids as one [`IdMap`] key, ordered by `a` then `b`.
pub(crate) fn pair(a: u32, b: u32) -> u64 {
    (u64::from(a) << 32) | u64::from(b)
}

/// `map[key]`, or `next` (the caller's next free index, which it then fills) if `key` is new.
pub(crate) fn intern(map: &mut IdMap, key: u64, next: usize) -> KpiResult<u32> {
    let n = u32::try_from(next).map_err(|_| KpiError::num("Too many distinct states."))?;
    Ok(*map.entry(key).or_insert(u64::from(n)) as u32)
}

/// An attribution model.
///
/// Sources: first, last, linear, position based, time decay and last non-direct as in
/// Google Analytics' model comparison tool (Universal Analytics, "Attribution modeling
/// overview"); first, last and linear as ChannelAttribution's `heuristic_models` (which
/// `tests/oracle/compare_attribution.py` checks to 1e-9); Markov as Anderl, Becker, von
/// Wangenheim & Schumann (2016), "Mapping the customer journey: lessons learned from
/// graph-based online attribution modeling", and ChannelAttribution's `markov_model`;
/// Shapley (1953), "A value for n-person games", with the worth of Zhao, Mahboobi &
/// Bagheri (2018), "Shapley value methods for attribution modeling in online advertising"
/// (the conversions of the journeys whose channel set is a subset of the coalition).
#[derive(Clone, Debug, PartialEq)]
pub enum Model {
    /// All credit to the first touch.
    First,
    /// All credit to the last touch.
    Last,
    /// Each touch an equal share; a channel touched twice gets two shares.
    Linear,
    /// Position based ("U-shaped"): `first` to the first touch, `last` to the last, the rest
    /// split evenly over the middle touches. One touch takes all; two touches split evenly
    /// (Google Analytics' definition). Default 0.4 / 0.4 (40/20/40).
    Position {
        /// The first touch's share, 0 to 1.
        first: Exact,
        /// The last touch's share, 0 to 1 (`first + last` at most 1).
        last: Exact,
    },
    /// Time decay: touch `i` weighs `2^(−Δt/half_life)`, Δt the time from touch `i` to the
    /// journey's last touch, normalized per journey. On touchpoint data Δt is in days (the
    /// touches' serial times); on path-level data, which has no times, Δt counts touches
    /// back from the last one, so `half_life` is in touches. Default 7.
    TimeDecay {
        /// Days (or touches on path-level data) after which a touch's weight halves.
        half_life: f64,
    },
    /// All credit to the last touch that is not `direct` (compared case-insensitively,
    /// trimmed); a journey of direct touches only credits direct.
    LastNonDirect {
        /// The name of the direct channel.
        direct: String,
    },
    /// Markov chain of the given order (1 to 4), attribution by removal effects
    /// (ChannelAttribution's model, solved as a linear system instead of simulated; see [`markov`]).
    Markov {
        /// How many past channels a state remembers, 1 to 4.
        order: u8,
    },
    /// Exact Shapley values of the game "worth of a set of channels = conversions of the
    /// journeys whose channels all lie in it". That worth is a sum of one unanimity game per
    /// journey, so each journey's conversions and value go in equal parts to its distinct
    /// channels: exact, linear time, no limit on the number of channels.
    Shapley,
}

/// The model names [`Model::parse`] accepts, in display order.
pub const MODEL_NAMES: [&str; 8] =
    ["first", "last", "linear", "position", "time_decay", "last_non_direct", "markov", "shapley"];

/// [`MODEL_NAMES`] joined by `", "`, written out: `join` would be its own code in the
/// functions WASM for this one message (a test checks the two agree).
const MODEL_LIST: &str = "first, last, linear, position, time_decay, last_non_direct, markov, shapley";

impl Model {
    /// A model by name with its default parameters: `first`, `last`, `linear`, `position`
    /// (40/20/40), `time_decay` (half-life 7), `last_non_direct` (`"Direct"`), `markov`
    /// (order 1), `shapley`. Case-insensitive; `-` and spaces count as `_`.
    pub fn parse(name: &str) -> KpiResult<Model> {
        let n: String = name
            .trim()
            .chars()
            .map(|c| if c == '-' || c == ' ' { '_' } else { c.to_ascii_lowercase() })
            .collect();
        Ok(match n.as_str() {
            "first" | "first_touch" => Model::First,
            "last" | "last_touch" => Model::Last,
            "linear" => Model::Linear,
            "position" | "position_based" | "u_shaped" => {
                Model::Position { first: Exact::from_digits(4, -1), last: Exact::from_digits(4, -1) }
            }
            "time_decay" => Model::TimeDecay { half_life: 7.0 },
            "last_non_direct" => Model::LastNonDirect { direct: "Direct".into() },
            "markov" => Model::Markov { order: 1 },
            "shapley" => Model::Shapley,
            _ => {
                return Err(KpiError::value(format!("Unknown attribution model \"{}\": use one of {MODEL_LIST}.", name.trim())))
            }
        })
    }

    /// The model's canonical name (one of [`MODEL_NAMES`]).
    pub fn name(&self) -> &'static str {
        match self {
            Model::First => "first",
            Model::Last => "last",
            Model::Linear => "linear",
            Model::Position { .. } => "position",
            Model::TimeDecay { .. } => "time_decay",
            Model::LastNonDirect { .. } => "last_non_direct",
            Model::Markov { .. } => "markov",
            Model::Shapley => "shapley",
        }
    }
}

/// What one channel earned under a model.
#[derive(Clone, Debug, PartialEq)]
pub struct ChannelResult {
    /// The channel's name, as in the input.
    pub channel: String,
    /// Attributed conversions.
    pub conversions: Exact,
    /// Attributed conversion value.
    pub value: Exact,
    /// `conversions` over the total conversions (0 when nothing converted).
    pub share: Exact,
}

/// Attributes the journeys' conversions and value to their channels under `model`: one row
/// per channel, in the order channels first appear in the input. Channels add up to the
/// journeys' total conversions and value, exactly, for every model.
///
/// Last non-direct compares names with Unicode's lowercase mapping (`str::to_lowercase`).
pub fn attribute(j: &Journeys, model: &Model) -> KpiResult<Vec<ChannelResult>> {
    attribute_with(j, model, heuristic::same_unicode)
}

/// [`attribute`] for the spreadsheet functions, whose only direct channel name is
/// [`Model::parse`]'s `"Direct"`: an ASCII name, matched by [`heuristic::same_ascii`]
/// with the same result as the Unicode mapping, whose tables (about 18 KB) would otherwise
/// be in the functions WASM. A non-ASCII direct name is `#VALUE!` here (never one given).
pub(crate) fn attribute_sheet(j: &Journeys, model: &Model) -> KpiResult<Vec<ChannelResult>> {
    if matches!(model, Model::LastNonDirect { direct } if !direct.is_ascii()) {
        return Err(KpiError::value("The direct channel's name must be ASCII text here."));
    }
    attribute_with(j, model, heuristic::same_ascii)
}

fn attribute_with(j: &Journeys, model: &Model, same: heuristic::SameName) -> KpiResult<Vec<ChannelResult>> {
    j.check()?;
    let credit = match model {
        Model::First | Model::Last | Model::Linear | Model::LastNonDirect { .. } => heuristic::simple(j, model, same),
        Model::Position { first, last } => heuristic::position(j, first, last)?,
        Model::TimeDecay { half_life } => heuristic::time_decay(j, *half_life)?,
        Model::Shapley => shapley::shapley(j),
        Model::Markov { order } => markov::attribute(j, *order)?,
    };
    Ok(results(j, credit))
}

/// Per-channel conversions and value, before shares.
pub(crate) struct Credit {
    pub conversions: Vec<Acc>,
    pub value: Vec<Acc>,
}

impl Credit {
    pub fn new(n: usize) -> Credit {
        Credit { conversions: (0..n).map(|_| Acc::default()).collect(), value: (0..n).map(|_| Acc::default()).collect() }
    }
}

fn results(j: &Journeys, credit: Credit) -> Vec<ChannelResult> {
    let conv: Vec<Exact> = credit.conversions.into_iter().map(Acc::finish).collect();
    let total = conv.iter().fold(Exact::ZERO, |a, b| a + b);
    j.channels
        .iter()
        .zip(conv)
        .zip(credit.value.into_iter().map(Acc::finish))
        .map(|((name, c), v)| {
            let share = c.div(&total).unwrap_or(Exact::ZERO);
            ChannelResult { channel: name.clone(), conversions: c, value: v, share }
        })
        .collect()
}

/// An exact sum of terms `x` and `x / d` for small integers `d`.
///
/// The exact type keeps fractions unreduced (no gcd), so adding 10,000 fractions `c / L`
/// of varying `L` one by one would multiply their denominators together. Grouping the
/// numerators by denominator keeps every running sum a decimal; the few distinct
/// denominators meet only once, at [`Acc::finish`].
pub(crate) struct Acc {
    plain: Exact,
    /// Denominator → index into `sums`.
    over: IdMap,
    sums: Vec<Exact>,
}

impl Acc {
    /// Adds `x`.
    pub fn add(&mut self, x: &Exact) {
        self.plain = &self.plain + x;
    }
    /// Adds `x / d` (`d` > 0).
    pub fn add_over(&mut self, x: &Exact, d: u64) {
        if d == 1 {
            return self.add(x);
        }
        let i = *self.over.entry(d).or_insert(self.sums.len() as u64) as usize;
        if i == self.sums.len() {
            self.sums.push(Exact::ZERO);
        }
        self.sums[i] = &self.sums[i] + x;
    }
    /// The exact sum.
    pub fn finish(self) -> Exact {
        let mut s = self.plain;
        for (d, i) in self.over {
            let n = &self.sums[i as usize];
            if let Some(q) = i64::try_from(d).ok().and_then(|d| n.div(&Exact::int(d))) {
                s = s + q;
            }
        }
        s
    }
}

impl Default for Acc {
    fn default() -> Acc {
        Acc { plain: Exact::ZERO, over: IdMap::new(), sums: vec![] }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn model_list_is_the_names() {
        assert_eq!(super::MODEL_LIST, super::MODEL_NAMES.join(", "));
    }
}
