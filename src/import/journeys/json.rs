//! The attribution report as JSON: `sheetkpi attribute --format json` and the page's
//! `import_attribute` (the same text, parsed), so the two cannot drift apart.
//!
//! `{"models": {..}, "removal_effects": {..}, "transition_matrix": [..], "totals": {..},
//! "source": {..}, "warnings": [..]}`, models and channels in their display order (maps
//! are written in the order given, never sorted). Numbers are each exact result's
//! correctly rounded double, in serde_json's shortest round-trip digits. Laid out a row a
//! line ([`json_layout`](crate::import::json_layout)) so that people can read it too.

use super::report::Outcome;
use super::Shape;
use crate::attribution::{ChannelResult, RemovalEffect, Transition};
use crate::import::json_layout::{OrError, Ordered};
use serde::Serialize;

/// The whole document.
#[derive(Serialize)]
struct Doc<'a> {
    models: Ordered<&'static str, OrError<'a, Vec<Row<'a>>>>,
    /// Whenever Markov ran.
    #[serde(skip_serializing_if = "Option::is_none")]
    removal_effects: Option<OrError<'a, Ordered<&'a str, Effect>>>,
    /// When asked for (and Markov ran).
    #[serde(skip_serializing_if = "Option::is_none")]
    transition_matrix: Option<OrError<'a, Vec<Step<'a>>>>,
    totals: Totals,
    source: Source<'a>,
    warnings: &'a [String],
}

/// One channel under one model.
#[derive(Serialize)]
struct Row<'a> {
    channel: &'a str,
    conversions: f64,
    value: f64,
    share: f64,
}

impl<'a> From<&'a ChannelResult> for Row<'a> {
    fn from(c: &'a ChannelResult) -> Self {
        Row { channel: &c.channel, conversions: c.conversions.to_f64(), value: c.value.to_f64(), share: c.share.to_f64() }
    }
}

/// A channel's removal effects (the channel is the key).
#[derive(Serialize)]
struct Effect {
    conversions: f64,
    value: f64,
}

/// One transition of the fitted chain.
#[derive(Serialize)]
struct Step<'a> {
    from: &'a str,
    to: &'a str,
    probability: f64,
}

#[derive(Serialize)]
struct Totals {
    conversions: f64,
    value: f64,
}

/// Where the journeys came from.
#[derive(Serialize)]
struct Source<'a> {
    sheet: &'a str,
    header_row: u32,
    shape: Shape,
    rows: usize,
    journeys: usize,
    channels: usize,
}

fn effects(e: &[RemovalEffect]) -> Ordered<&str, Effect> {
    Ordered(e.iter().map(|e| (e.channel.as_str(), Effect { conversions: e.conversions, value: e.value })).collect())
}

fn steps(t: &[Transition]) -> Vec<Step<'_>> {
    t.iter().map(|t| Step { from: &t.from, to: &t.to, probability: t.probability }).collect()
}

fn doc(o: &Outcome) -> Doc<'_> {
    let d = &o.data;
    let j = &d.journeys;
    Doc {
        models: Ordered(
            o.models.iter().map(|(name, r)| (*name, OrError::of(r, |rows| rows.iter().map(Row::from).collect()))).collect(),
        ),
        removal_effects: o.removal.as_ref().map(|r| OrError::of(r, |e| effects(e))),
        transition_matrix: o.transitions.as_ref().map(|r| OrError::of(r, |t| steps(t))),
        totals: Totals { conversions: j.total_conversions().to_f64(), value: j.total_value().to_f64() },
        source: Source {
            sheet: &d.sheet,
            header_row: d.header_row,
            shape: d.shape,
            rows: d.rows,
            journeys: j.journeys.len(),
            channels: j.channels.len(),
        },
        warnings: &o.warnings,
    }
}

/// The report as JSON text (ending with a newline).
pub fn json(o: &Outcome) -> String {
    crate::import::json_layout::to_string(&doc(o))
}
