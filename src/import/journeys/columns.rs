//! The attribution report as channel columns: a model's conversions, value and share, and
//! the Markov removal effects, each a column of cells by channel (then the total). The CLI's
//! text table and xlsx, and the CSV ([`super::csv`]) that the CLI and the page share, are
//! all cut from these.

use super::report::Outcome;
use crate::attribution::ChannelResult;
use crate::error::KpiError;
use crate::registry::ResultKind;
use crate::value::Cell;

/// One column of a channel table: its header, kind, and a value per channel (then the total,
/// for a model's columns; blank for the removal effects).
pub struct Column {
    /// `conversions`, or `<model>_conversions` in a table of several models.
    pub header: String,
    /// How its numbers are shown.
    pub kind: ResultKind,
    /// A cell per channel, then the total.
    pub cells: Vec<Cell>,
}

/// The parts of a model, in their column order.
pub const PARTS: [(&str, ResultKind); 3] =
    [("conversions", ResultKind::Count), ("value", ResultKind::Money), ("share", ResultKind::Fraction)];

/// The columns of one model (`conversions`, `value`, `share`), each with a total cell;
/// `prefix` names them `<model>_…` for a table of several models.
pub fn model_columns(o: &Outcome, name: &str, r: &Result<Vec<ChannelResult>, KpiError>, prefix: bool) -> Vec<Column> {
    let n = o.data.journeys.channels.len();
    let j = &o.data.journeys;
    let total = [j.total_conversions().to_f64(), j.total_value().to_f64(), if j.total_conversions().is_zero() { 0.0 } else { 1.0 }];
    PARTS
        .iter()
        .enumerate()
        .map(|(k, (what, kind))| {
            let cells: Vec<Cell> = match r {
                Ok(rows) => rows
                    .iter()
                    .map(|c| Cell::Number([c.conversions.to_f64(), c.value.to_f64(), c.share.to_f64()][k]))
                    .chain([Cell::Number(total[k])])
                    .collect(),
                Err(e) => vec![Cell::Error(e.kind); n + 1],
            };
            let header = if prefix { format!("{name}_{what}") } else { what.to_string() };
            Column { header, kind: *kind, cells }
        })
        .collect()
}

/// The removal effects as two columns (with a blank total cell), by channel; none
/// without Markov.
pub fn removal_columns(o: &Outcome) -> Vec<Column> {
    let Some(r) = &o.removal else { return vec![] };
    let n = o.data.journeys.channels.len();
    [("removal_effect", true), ("removal_effect_value", false)]
        .into_iter()
        .map(|(header, conv)| {
            let cells = match r {
                Ok(effects) => o
                    .data
                    .journeys
                    .channels
                    .iter()
                    .map(|ch| {
                        effects
                            .iter()
                            .find(|e| &e.channel == ch)
                            .map_or(Cell::Empty, |e| Cell::Number(if conv { e.conversions } else { e.value }))
                    })
                    .chain([Cell::Empty])
                    .collect(),
                Err(e) => vec![Cell::Error(e.kind); n + 1],
            };
            Column { header: header.to_string(), kind: ResultKind::Fraction, cells }
        })
        .collect()
}

/// Channel names, then `Total`.
pub fn channel_names(o: &Outcome) -> Vec<String> {
    o.data.journeys.channels.iter().cloned().chain(["Total".to_string()]).collect()
}

/// One part (an index into [`PARTS`]) of every model, a column per model named after it.
pub fn by_model(o: &Outcome, part: usize) -> Vec<Column> {
    o.models
        .iter()
        .map(|(name, r)| {
            let mut c = model_columns(o, name, r, false).swap_remove(part);
            c.header = name.to_string();
            c
        })
        .collect()
}

/// All columns of a CSV or xlsx table: per model (prefixed when several), then removal effects.
pub fn all_columns(o: &Outcome) -> Vec<Column> {
    let several = o.models.len() > 1;
    let mut cols: Vec<Column> = o.models.iter().flat_map(|(n, r)| model_columns(o, n, r, several)).collect();
    cols.extend(removal_columns(o));
    cols
}
