//! Binding spreadsheet arguments to a function's declared parameters.
//!
//! This is where the range semantics live, once for every KPI:
//! - an [`ParamKind::Amount`] sums its cells (so a KPI over ranges is the blended KPI),
//!   skipping blanks ([`Cell::is_blank`]); text or booleans are `#VALUE!`; no number at all is `#N/A`;
//! - a single-value kind takes one cell, and a multi-cell range there is `#VALUE!`;
//! - an error cell anywhere propagates with its own code.
//!
//! When several inputs are wrong, one order decides which error shows (the table in
//! docs/catalogue.md):
//! 1. an error already in an input cell (the leftmost input first, its cells row by row);
//! 2. a missing input (`#N/A`) or a value of the wrong type or shape (`#VALUE!`), leftmost first;
//! 3. a number outside its parameter's domain (`#NUM!`: a negative where the parameter's
//!    sign domain forbids it, a rate outside 0–1, NaN or an infinity), leftmost first;
//! 4. then the KPI itself (a zero denominator, a part larger than its whole).

use crate::error::{KpiError, KpiResult};
use crate::exact::Exact;
use crate::num;
use crate::registry::{DefaultValue, Function, Input, Param, ParamKind, SignDomain};
use crate::value::{Arg, Cell};

/// A borrowed argument: spreadsheet cells, or a block of plain numbers
/// (the WASM fast path, where JavaScript has already dropped the blanks).
#[derive(Clone, Copy, Debug)]
pub enum ArgView<'a> {
    /// Cells as the sheet sent them.
    Cells(&'a [Cell]),
    /// A range's cells row by row, `cols` wide: a [`ParamKind::Block`] keeps its shape.
    Grid {
        /// The cells, row-major.
        cells: &'a [Cell],
        /// Columns per row.
        cols: usize,
    },
    /// The numbers of a range whose other cells were all blank; `cells` counts them all.
    Numbers {
        /// The numeric cells.
        values: &'a [f64],
        /// How many cells the range had, blanks included.
        cells: usize,
    },
    /// A range with its Amount binding worked out once ([`Summed::of`]): a report feeds the
    /// same column to dozens of KPIs, and each would otherwise sum it again.
    Summed(&'a Summed<'a>),
}

/// A range and what binding it to an Amount parameter finds, computed once: the exact
/// sum, the first error and non-number cells, and where the first number outside a
/// domain sits. Binding through it gives the same value and the same error as binding
/// the range itself, for every parameter.
#[derive(Clone, Debug)]
pub struct Summed<'a> {
    view: ArgView<'a>,
    first_error: Option<crate::ErrorKind>,
    first_other: Option<&'a Cell>,
    /// Index among the numbers of the first NaN or infinity.
    first_not_finite: Option<usize>,
    /// Index among the numbers of the first negative one.
    first_negative: Option<usize>,
    total: Option<Exact>,
}

impl<'a> Summed<'a> {
    /// Works out `view`'s Amount binding.
    pub fn of(view: ArgView<'a>) -> Self {
        let view = view.plain();
        let (mut first_not_finite, mut first_negative, mut first_other) = (None, None, None);
        let mut total = Exact::ZERO;
        let mut n = 0;
        for cell in view.non_blank() {
            match cell {
                CellRef::Number(x) => {
                    match num::exact_of(x) {
                        Some(d) => {
                            if d.is_negative() && first_negative.is_none() {
                                first_negative = Some(n);
                            }
                            total = total.add(&d);
                        }
                        None => {
                            first_not_finite.get_or_insert(n);
                        }
                    }
                    n += 1;
                }
                CellRef::Other(c) => {
                    first_other = Some(c);
                    break;
                }
            }
        }
        Summed {
            view,
            first_error: view.first_error(),
            first_other,
            first_not_finite,
            first_negative,
            total: (n > 0).then_some(total),
        }
    }

    /// A single cell's binding, as [`Summed::of`] would work it out, without its walk:
    /// a report makes one for every measure of every row.
    pub fn of_cell(cell: &'a Cell) -> Self {
        let view = ArgView::Cells(std::slice::from_ref(cell));
        let mut s = Summed { view, first_error: None, first_other: None, first_not_finite: None, first_negative: None, total: None };
        match cell {
            c if c.is_blank() => {}
            Cell::Number(x) => match num::exact_of(*x) {
                Some(d) => {
                    s.first_negative = d.is_negative().then_some(0);
                    s.total = Some(d);
                }
                None => {
                    s.first_not_finite = Some(0);
                    s.total = Some(Exact::ZERO);
                }
            },
            Cell::Error(k) => {
                s.first_error = Some(*k);
                s.first_other = Some(cell);
            }
            other => s.first_other = Some(other),
        }
        s
    }

    /// [`sum`] of the range, without walking it again.
    fn sum(&self, p: &Param, domain: &mut Domain) -> KpiResult<Option<Exact>> {
        if let Some(c) = self.first_other {
            return Err(not_a_number(p, c));
        }
        let negative = self.first_negative.filter(|_| p.sign == SignDomain::NonNegative);
        match (self.first_not_finite, negative) {
            (Some(i), Some(j)) if j < i => domain.flag(|| negative_error(p)),
            (Some(_), _) => domain.flag(|| not_finite(p)),
            (None, Some(_)) => domain.flag(|| negative_error(p)),
            (None, None) => {}
        }
        Ok(self.total.clone())
    }
}

impl<'a> From<&'a Arg> for ArgView<'a> {
    fn from(arg: &'a Arg) -> Self {
        match arg {
            Arg::Cell(c) => ArgView::Cells(std::slice::from_ref(c)),
            Arg::Range(r) => ArgView::Grid { cells: r.cells(), cols: r.cols() },
        }
    }
}

/// One cell seen through either view.
enum CellRef<'a> {
    Number(f64),
    Other(&'a Cell),
}

impl<'a> ArgView<'a> {
    /// The range itself, without a worked-out sum.
    fn plain(self) -> ArgView<'a> {
        match self {
            ArgView::Summed(s) => s.view,
            other => other,
        }
    }

    fn len(&self) -> usize {
        match self {
            ArgView::Cells(c) | ArgView::Grid { cells: c, .. } => c.len(),
            ArgView::Numbers { cells, .. } => *cells,
            ArgView::Summed(s) => s.view.len(),
        }
    }

    /// The cells, where the view has them (the numbers-only view has only numbers).
    fn cells(self) -> Option<&'a [Cell]> {
        match self {
            ArgView::Cells(c) | ArgView::Grid { cells: c, .. } => Some(c),
            ArgView::Numbers { .. } => None,
            ArgView::Summed(s) => s.view.cells(),
        }
    }

    /// Every non-blank cell, in order.
    fn non_blank(self) -> impl Iterator<Item = CellRef<'a>> {
        let (cells, values): (&'a [Cell], &'a [f64]) = match self.plain() {
            ArgView::Cells(c) | ArgView::Grid { cells: c, .. } => (c, &[]),
            ArgView::Numbers { values, .. } => (&[], values),
            // plain() never returns one: Summed::of stores only plain views.
            ArgView::Summed(_) => (&[], &[]),
        };
        let from_cells = cells.iter().filter_map(|c| match c {
            c if c.is_blank() => None,
            Cell::Number(x) => Some(CellRef::Number(*x)),
            other => Some(CellRef::Other(other)),
        });
        from_cells.chain(values.iter().map(|&x| CellRef::Number(x)))
    }

    /// The first error cell, row by row (the numbers-only view holds none).
    fn first_error(self) -> Option<crate::ErrorKind> {
        if let ArgView::Summed(s) = self {
            return s.first_error;
        }
        self.cells()?.iter().find_map(|c| match c {
            Cell::Error(k) => Some(*k),
            _ => None,
        })
    }
}

/// The first domain error met while binding; later ones are not shown.
#[derive(Default)]
struct Domain(Option<KpiError>);

impl Domain {
    fn flag(&mut self, e: impl FnOnce() -> KpiError) {
        if self.0.is_none() {
            self.0 = Some(e());
        }
    }
    /// The exact value of `x`, flagging NaN and infinities (bound as zero, never used).
    fn exact(&mut self, p: &Param, x: f64) -> Exact {
        num::exact_of(x).unwrap_or_else(|| {
            self.flag(|| not_finite(p));
            Exact::ZERO
        })
    }
    /// Flags a negative number where `p`'s sign domain forbids it.
    fn sign(&mut self, p: &Param, x: &Exact) {
        if p.sign == SignDomain::NonNegative && x.is_negative() {
            self.flag(|| negative_error(p));
        }
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
    for (p, arg) in f.params.iter().zip(args) {
        if let Some(kind) = arg.first_error() {
            return Err(KpiError::propagated(kind, p.name));
        }
    }
    let mut domain = Domain::default();
    let inputs = f
        .params
        .iter()
        .enumerate()
        .map(|(i, p)| bind_one(p, args.get(i).copied().unwrap_or(ArgView::Cells(&[])), &mut domain))
        .collect::<KpiResult<Vec<Input>>>()?;
    match domain.0 {
        Some(e) => Err(e),
        None => Ok(inputs),
    }
}

fn bind_one(p: &Param, arg: ArgView, domain: &mut Domain) -> KpiResult<Input> {
    // Only an Amount uses a worked-out sum; every other kind reads the range itself.
    let plain = arg.plain();
    match p.kind {
        ParamKind::Amount => match sum(p, arg, domain)? {
            Some(total) => Ok(Input::Num(total)),
            None => default_or_missing(p, domain),
        },
        ParamKind::Series => series(p, plain, domain),
        ParamKind::Paired => paired(p, plain, domain),
        ParamKind::Texts => texts(p, plain, domain),
        ParamKind::Block => block(p, plain),
        ParamKind::Choice => choice(p, plain, domain),
        ParamKind::Rate | ParamKind::NonNegative | ParamKind::Number | ParamKind::Flag => single(p, plain, domain),
    }
}

/// The exact sum of a range by the rule every host and the importer share: blanks skipped,
/// an error cell passed on, text or a boolean `#VALUE!`, a negative number `#NUM!` unless
/// `p`'s sign domain allows it. `None` when the range holds no number.
pub fn range_sum(p: &Param, arg: ArgView) -> KpiResult<Option<Exact>> {
    if let Some(kind) = arg.first_error() {
        return Err(KpiError::propagated(kind, p.name));
    }
    let mut domain = Domain::default();
    let total = sum(p, arg, &mut domain)?;
    match domain.0 {
        Some(e) => Err(e),
        None => Ok(total),
    }
}

fn sum(p: &Param, arg: ArgView, domain: &mut Domain) -> KpiResult<Option<Exact>> {
    if let ArgView::Summed(s) = arg {
        return s.sum(p, domain);
    }
    let mut total = Exact::ZERO;
    let mut seen = false;
    for cell in arg.non_blank() {
        match cell {
            CellRef::Number(x) => {
                let d = domain.exact(p, x);
                domain.sign(p, &d);
                total = total.add(&d);
                seen = true;
            }
            CellRef::Other(c) => return Err(not_a_number(p, c)),
        }
    }
    Ok(seen.then_some(total))
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
pub(crate) fn clip(t: &str) -> String {
    let mut s: String = t.chars().take(40).collect();
    if s.len() < t.len() {
        s.push('…');
    }
    s
}

fn not_finite(p: &Param) -> KpiError {
    num::not_finite(&format!("The {} input", p.name))
}

fn negative_error(p: &Param) -> KpiError {
    KpiError::num(format!("The {} input can't be negative.", p.name))
}

fn series(p: &Param, arg: ArgView, domain: &mut Domain) -> KpiResult<Input> {
    let mut out = Vec::new();
    for cell in arg.non_blank() {
        match cell {
            CellRef::Number(x) => out.push(domain.exact(p, x)),
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
fn paired(p: &Param, arg: ArgView, domain: &mut Domain) -> KpiResult<Input> {
    let cells = match arg {
        ArgView::Cells(cells) | ArgView::Grid { cells, .. } => cells,
        // The numbers-only view has already dropped its blanks, so positions are lost;
        // only a range with no blanks can be paired from it. (The WASM fast paths turn
        // this error into NaN and the router re-sends the cells themselves.)
        ArgView::Numbers { values, cells } if values.len() == cells => {
            return Ok(Input::Paired(values.iter().map(|&x| Some(domain.exact(p, x))).collect()));
        }
        ArgView::Numbers { .. } => {
            return Err(KpiError::value(format!("The {} input must be sent with its blank cells in place.", p.name)))
        }
        ArgView::Summed(s) => return paired(p, s.view, domain),
    };
    let mut out = Vec::with_capacity(cells.len());
    for cell in cells {
        out.push(match cell {
            c if c.is_blank() => None,
            Cell::Number(x) => Some(domain.exact(p, *x)),
            other => return Err(not_a_number(p, other)),
        });
    }
    if out.iter().all(Option::is_none) {
        return default_or_missing(p, domain);
    }
    Ok(Input::Paired(out))
}

/// Every cell as text in place, blanks as `None`: paths, channel names, user ids. A
/// number reads as its shortest digits (an id of 12345 is "12345"); TRUE/FALSE is not a name.
fn texts(p: &Param, arg: ArgView, domain: &mut Domain) -> KpiResult<Input> {
    let out: Vec<Option<String>> = match arg {
        ArgView::Cells(cells) | ArgView::Grid { cells, .. } => cells
            .iter()
            .map(|c| match c {
                c if c.is_blank() => Ok(None),
                Cell::Text(t) => Ok(Some(t.trim().to_string())),
                Cell::Number(x) => Ok(Some(crate::docs::format_number(*x))),
                other => Err(not_a_text(p, other)),
            })
            .collect::<KpiResult<_>>()?,
        ArgView::Numbers { values, .. } => values.iter().map(|x| Some(crate::docs::format_number(*x))).collect(),
        ArgView::Summed(s) => return texts(p, s.view, domain),
    };
    if out.iter().all(Option::is_none) {
        return default_or_missing(p, domain);
    }
    Ok(Input::Texts(out))
}

fn not_a_text(p: &Param, cell: &Cell) -> KpiError {
    match cell {
        Cell::Bool(b) => KpiError::value(format!(
            "The {} input holds {}; it needs text.",
            p.name,
            if *b { "TRUE" } else { "FALSE" }
        )),
        other => not_a_number(p, other),
    }
}

/// The block as the sheet sent it, rows × columns.
fn block(p: &Param, arg: ArgView) -> KpiResult<Input> {
    let (cells, cols) = match arg {
        ArgView::Grid { cells, cols } => (cells, cols),
        ArgView::Cells(cells) => (cells, 1),
        ArgView::Numbers { .. } => {
            return Err(KpiError::value(format!("The {} input must be sent as the cells of its range.", p.name)))
        }
        ArgView::Summed(s) => return block(p, s.view),
    };
    if cells.iter().all(Cell::is_blank) {
        return Err(missing(p));
    }
    let rows = cells.chunks(cols.max(1)).map(<[Cell]>::to_vec).collect();
    Ok(Input::Block(crate::value::Range::from_rows(rows)))
}

/// One of the parameter's options, any case; blank or omitted is the first.
fn choice(p: &Param, arg: ArgView, domain: &mut Domain) -> KpiResult<Input> {
    if arg.len() > 1 {
        return Err(KpiError::value(format!("The {} input needs one option, not a range.", p.name)));
    }
    let options = || p.choices.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", ");
    match arg.non_blank().next() {
        None => default_or_missing(p, domain),
        Some(CellRef::Other(Cell::Text(t))) => p
            .choices
            .iter()
            .position(|c| c.eq_ignore_ascii_case(t.trim()))
            .map(Input::Choice)
            .ok_or_else(|| KpiError::value(format!("The {} input \"{}\" is not one of {}.", p.name, clip(t), options()))),
        Some(_) => Err(KpiError::value(format!("The {} input needs one of {}.", p.name, options()))),
    }
}

fn default_or_missing(p: &Param, domain: &mut Domain) -> KpiResult<Input> {
    match p.default {
        Some(DefaultValue::Number(x)) => Ok(Input::Num(domain.exact(p, x))),
        Some(DefaultValue::Flag(b)) => Ok(Input::Flag(b)),
        Some(DefaultValue::Omitted) => Ok(Input::Omitted),
        Some(DefaultValue::Text(t)) => Ok(Input::Texts(vec![Some(t.to_string())])),
        Some(DefaultValue::FirstChoice) => Ok(Input::Choice(0)),
        None => Err(missing(p)),
    }
}

fn single(p: &Param, arg: ArgView, domain: &mut Domain) -> KpiResult<Input> {
    if arg.len() > 1 {
        return Err(KpiError::value(format!(
            "The {} input needs one value, not a range of {} cells.",
            p.name,
            arg.len()
        )));
    }
    let Some(cell) = arg.non_blank().next() else {
        return default_or_missing(p, domain);
    };
    let x = match cell {
        CellRef::Number(x) => x,
        CellRef::Other(Cell::Bool(b)) if p.kind == ParamKind::Flag => return Ok(Input::Flag(*b)),
        CellRef::Other(c) => return Err(not_a_number(p, c)),
    };
    let d = domain.exact(p, x);
    if p.kind == ParamKind::Flag {
        return Ok(Input::Flag(!d.is_zero()));
    }
    if p.kind == ParamKind::Rate && (d.is_negative() || d.cmp_exact(&Exact::ONE).is_gt()) {
        domain.flag(|| {
            KpiError::num(format!("The {} input is a rate and must be between 0 and 1 (0% to 100%).", p.name))
        });
    }
    domain.sign(p, &d);
    Ok(Input::Num(d))
}
