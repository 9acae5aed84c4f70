//! Binding spreadsheet arguments to a function's declared parameters.
//!
//! This is where the range semantics live, once for every KPI:
//! - an [`ParamKind::Amount`] sums its cells (so a KPI over ranges is the blended KPI),
//!   skipping blanks ([`Cell::is_blank`]); text or booleans are `#VALUE!`; no number at all is `#N/A`;
//! - a single-value kind takes one cell, and a multi-cell range there is `#VALUE!`;
//! - an error cell anywhere propagates with its own code.
//!
//! Arguments are read left to right, cells row by row; the first problem wins.

use crate::error::{KpiError, KpiResult};
use crate::num;
use crate::registry::{DefaultValue, Function, Input, Param, ParamKind};
use crate::value::{Arg, Cell};
use rust_decimal::Decimal;

/// A borrowed argument: spreadsheet cells, or a block of plain numbers
/// (the WASM fast path, where JavaScript has already dropped the blanks).
#[derive(Clone, Copy, Debug)]
pub enum ArgView<'a> {
    /// Cells as the sheet sent them.
    Cells(&'a [Cell]),
    /// The numbers of a range whose other cells were all blank; `cells` counts them all.
    Numbers {
        /// The numeric cells.
        values: &'a [f64],
        /// How many cells the range had, blanks included.
        cells: usize,
    },
}

impl<'a> From<&'a Arg> for ArgView<'a> {
    fn from(arg: &'a Arg) -> Self {
        ArgView::Cells(arg.cells())
    }
}

/// One cell seen through either view.
enum CellRef<'a> {
    Number(f64),
    Other(&'a Cell),
}

impl<'a> ArgView<'a> {
    fn len(&self) -> usize {
        match self {
            ArgView::Cells(c) => c.len(),
            ArgView::Numbers { cells, .. } => *cells,
        }
    }

    /// Every non-blank cell, in order.
    fn non_blank(self) -> impl Iterator<Item = CellRef<'a>> {
        let (cells, values): (&'a [Cell], &'a [f64]) = match self {
            ArgView::Cells(c) => (c, &[]),
            ArgView::Numbers { values, .. } => (&[], values),
        };
        let from_cells = cells.iter().filter_map(|c| match c {
            c if c.is_blank() => None,
            Cell::Number(x) => Some(CellRef::Number(*x)),
            other => Some(CellRef::Other(other)),
        });
        from_cells.chain(values.iter().map(|&x| CellRef::Number(x)))
    }
}

/// Binds `args` to `f`'s parameters. Missing trailing arguments are treated as omitted.
pub fn bind(f: &Function, args: &[ArgView]) -> KpiResult<Vec<Input>> {
    if args.len() > f.params.len() {
        return Err(KpiError::value(format!(
            "{} takes at most {} inputs, but got {}.",
            f.id,
            f.params.len(),
            args.len()
        )));
    }
    f.params
        .iter()
        .enumerate()
        .map(|(i, p)| bind_one(p, args.get(i).copied()))
        .collect()
}

fn bind_one(p: &Param, arg: Option<ArgView>) -> KpiResult<Input> {
    let arg = arg.unwrap_or(ArgView::Cells(&[]));
    match p.kind {
        ParamKind::Amount => sum(p, arg),
        ParamKind::Series => series(p, arg),
        ParamKind::Paired => paired(p, arg),
        _ => single(p, arg),
    }
}

fn missing(p: &Param) -> KpiError {
    KpiError::na(format!("The {} input is missing: give a number or a cell that holds one.", p.name))
}

/// A non-number cell where a number is needed.
fn not_a_number(p: &Param, cell: &Cell) -> KpiError {
    match cell {
        Cell::Error(k) => KpiError::propagated(*k, p.name),
        Cell::Text(t) => KpiError::value(format!(
            "The {} input holds the text \"{}\"; it needs a number.",
            p.name,
            clip(t)
        )),
        Cell::Bool(b) => KpiError::value(format!(
            "The {} input holds {}; it needs a number.",
            p.name,
            if *b { "TRUE" } else { "FALSE" }
        )),
        // Callers skip blanks and numbers before asking.
        Cell::Empty | Cell::Number(_) => missing(p),
    }
}

/// At most 40 characters of a text, for messages.
fn clip(t: &str) -> String {
    let mut s: String = t.chars().take(40).collect();
    if s.len() < t.len() {
        s.push('…');
    }
    s
}

fn decimal(p: &Param, x: f64) -> KpiResult<Decimal> {
    num::decimal_of(x).map_err(|e| e.error(&format!("The {} input", p.name)))
}

fn negative(p: &Param) -> KpiError {
    KpiError::num(format!("The {} input can't be negative.", p.name))
}

fn sum(p: &Param, arg: ArgView) -> KpiResult<Input> {
    let mut total = Decimal::ZERO;
    let mut seen = false;
    for cell in arg.non_blank() {
        match cell {
            CellRef::Number(x) => {
                let d = decimal(p, x)?;
                if d.is_sign_negative() && !d.is_zero() {
                    return Err(negative(p));
                }
                total = num::add(total, d)?;
                seen = true;
            }
            CellRef::Other(c) => return Err(not_a_number(p, c)),
        }
    }
    if seen {
        Ok(Input::Num(total))
    } else {
        default_or_missing(p)
    }
}

fn series(p: &Param, arg: ArgView) -> KpiResult<Input> {
    let mut out = Vec::new();
    for cell in arg.non_blank() {
        match cell {
            CellRef::Number(x) => out.push(decimal(p, x)?),
            CellRef::Other(c) => return Err(not_a_number(p, c)),
        }
    }
    if out.is_empty() {
        return match p.default {
            Some(DefaultValue::Omitted) => Ok(Input::Omitted),
            _ => Err(missing(p)),
        };
    }
    Ok(Input::Series(out))
}

/// Every cell in place, blanks as `None`, so two ranges pair up row by row.
fn paired(p: &Param, arg: ArgView) -> KpiResult<Input> {
    let cells = match arg {
        ArgView::Cells(cells) => cells,
        // The numbers-only view has already dropped its blanks, so positions are lost;
        // only a range with no blanks can be paired from it. (The WASM fast paths turn
        // this error into NaN and the router re-sends the cells themselves.)
        ArgView::Numbers { values, cells } if values.len() == cells => {
            return values.iter().map(|&x| decimal(p, x).map(Some)).collect::<KpiResult<_>>().map(Input::Paired);
        }
        ArgView::Numbers { .. } => {
            return Err(KpiError::value(format!("The {} input must be sent with its blank cells in place.", p.name)))
        }
    };
    let mut out = Vec::with_capacity(cells.len());
    for cell in cells {
        out.push(match cell {
            c if c.is_blank() => None,
            Cell::Number(x) => Some(decimal(p, *x)?),
            other => return Err(not_a_number(p, other)),
        });
    }
    if out.iter().all(Option::is_none) {
        return Err(missing(p));
    }
    Ok(Input::Paired(out))
}

fn default_or_missing(p: &Param) -> KpiResult<Input> {
    match p.default {
        Some(DefaultValue::Number(x)) => Ok(Input::Num(decimal(p, x)?)),
        Some(DefaultValue::Flag(b)) => Ok(Input::Flag(b)),
        Some(DefaultValue::Omitted) => Ok(Input::Omitted),
        None => Err(missing(p)),
    }
}

fn single(p: &Param, arg: ArgView) -> KpiResult<Input> {
    if arg.len() > 1 {
        return Err(KpiError::value(format!(
            "The {} input needs one value, not a range of {} cells.",
            p.name,
            arg.len()
        )));
    }
    let Some(cell) = arg.non_blank().next() else {
        return default_or_missing(p);
    };
    let x = match cell {
        CellRef::Number(x) => x,
        CellRef::Other(Cell::Bool(b)) if p.kind == ParamKind::Flag => return Ok(Input::Flag(*b)),
        CellRef::Other(c) => return Err(not_a_number(p, c)),
    };
    let d = decimal(p, x)?;
    match p.kind {
        ParamKind::Flag => Ok(Input::Flag(!d.is_zero())),
        ParamKind::Rate if d < Decimal::ZERO || d > Decimal::ONE => Err(KpiError::num(format!(
            "The {} input is a rate and must be between 0 and 1 (0% to 100%).",
            p.name
        ))),
        ParamKind::NonNegative if d.is_sign_negative() && !d.is_zero() => Err(negative(p)),
        _ => Ok(Input::Num(d)),
    }
}
