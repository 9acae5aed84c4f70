//! The data rows under a journey header: each cell checked, skipped rows counted, then
//! the engine's journeys built.

use super::fields::Header;
use super::{Field, FoundColumn, JourneyData, JourneyError, JourneyOptions, Shape};
use crate::attribution::{from_paths, from_touches, Touch};
use crate::error::KpiError;
use crate::exact::Exact;
use crate::import::dates::time_of;
use crate::import::detect::is_total_label;
use crate::import::headers::BadCell;
use crate::import::source::{Raw, Row};
use crate::value::Cell;

/// Sheet rows in a warning, as the importer lists them: `row 3, 5, 9` or `row 3, … and 12 more`.
fn row_list(rows: &[u32]) -> String {
    let shown: Vec<String> = rows.iter().take(10).map(u32::to_string).collect();
    match rows.len().saturating_sub(10) {
        0 => format!("row {}", shown.join(", ")),
        more => format!("row {} and {more} more", shown.join(", ")),
    }
}

/// Collects the data rows of one sheet, checking each cell.
pub(super) struct Collect<'a> {
    sheet: &'a str,
    opts: &'a JourneyOptions,
    header: Header,
    paths: Vec<String>,
    conversions: Vec<Exact>,
    values: Vec<Exact>,
    nulls: Vec<Exact>,
    touches: Vec<Touch>,
    blank: Vec<u32>,
    totals: Vec<u32>,
    empty_names: Vec<u32>,
    value_without_conversion: Vec<u32>,
}

impl<'a> Collect<'a> {
    pub(super) fn new(sheet: &'a str, header: Header, opts: &'a JourneyOptions) -> Self {
        Collect {
            sheet,
            opts,
            header,
            paths: vec![],
            conversions: vec![],
            values: vec![],
            nulls: vec![],
            touches: vec![],
            blank: vec![],
            totals: vec![],
            empty_names: vec![],
            value_without_conversion: vec![],
        }
    }

    fn column(&self, f: Field) -> Option<&FoundColumn> {
        self.header.columns.iter().find(|c| c.field == f)
    }

    /// The error for the cell of `f` in `row`.
    fn bad(&self, row: &Row, f: Field, detail: String) -> JourneyError {
        let (sheet, row) = (self.sheet.to_string(), row.index + 1);
        match self.column(f) {
            Some(c) => JourneyError::BadCell(BadCell { sheet, row, column: c.column.clone(), header: c.header.clone(), detail }),
            None => JourneyError::Engine(KpiError::value(format!("Sheet \"{sheet}\" row {row}: {detail}"))),
        }
    }

    /// The cell of `f` in `row` (blank when the column is absent).
    fn cell<'r>(&self, row: &'r Row, f: Field) -> &'r Raw {
        static BLANK: Raw = Raw::Cell(Cell::Empty);
        self.column(f).map_or(&BLANK, |c| row.get(c.col))
    }

    /// A count or value: a non-negative number, blank for 0; TRUE/FALSE for conversions.
    fn amount(&self, row: &Row, f: Field) -> Result<Exact, JourneyError> {
        let Some(c) = self.column(f) else { return Ok(Exact::ZERO) };
        let problem = match row.get(c.col) {
            Raw::Cell(Cell::Empty) => return Ok(Exact::ZERO),
            Raw::Cell(Cell::Bool(b)) if f == Field::Conversions => return Ok(if *b { Exact::ONE } else { Exact::ZERO }),
            Raw::Cell(Cell::Number(x)) => match crate::num::exact_of(*x) {
                Some(e) if !e.is_negative() => return Ok(e),
                Some(_) => format!("{} is negative; {} cannot be", crate::docs::format_number(*x), f.name()),
                None => "the number is not finite".to_string(),
            },
            Raw::Cell(Cell::Text(t)) => format!("\"{}\" is text, not a number", t.trim()),
            Raw::Cell(Cell::Bool(_)) => "TRUE/FALSE is not a number".to_string(),
            Raw::Cell(Cell::Error(k)) => format!("the cell is the error {}", k.code()),
            Raw::Date { iso, .. } => format!("{iso} is a date, not a number"),
        };
        Err(self.bad(row, f, problem))
    }

    pub(super) fn add(&mut self, row: &Row) -> Result<(), JourneyError> {
        let first_text = row.cells.iter().find(|c| !c.is_blank()).and_then(Raw::text);
        if first_text.is_some_and(is_total_label) {
            self.totals.push(row.index + 1);
            return Ok(());
        }
        match self.header.shape {
            Shape::Paths => self.add_path(row),
            Shape::Touches => self.add_touch(row),
        }
    }

    fn add_path(&mut self, row: &Row) -> Result<(), JourneyError> {
        let path = self.cell(row, Field::Path);
        if let Raw::Cell(Cell::Error(k)) = path {
            return Err(self.bad(row, Field::Path, format!("the path is the error {}", k.code())));
        }
        let path = path.label();
        let (conv, value, nulls) = (self.amount(row, Field::Conversions)?, self.amount(row, Field::Value)?, self.amount(row, Field::Nulls)?);
        if path.split(self.opts.sep.as_str()).all(|s| s.trim().is_empty()) {
            if conv.is_zero() && value.is_zero() && nulls.is_zero() {
                self.blank.push(row.index + 1);
                return Ok(());
            }
            let detail = "the path is empty but the row has conversions or journeys; name its channels";
            return Err(self.bad(row, Field::Path, detail.into()));
        }
        if !self.opts.sep.is_empty() && path.split(self.opts.sep.as_str()).any(|s| s.trim().is_empty()) {
            self.empty_names.push(row.index + 1);
        }
        self.paths.push(path);
        self.conversions.push(conv);
        self.values.push(value);
        self.nulls.push(nulls);
        Ok(())
    }

    fn add_touch(&mut self, row: &Row) -> Result<(), JourneyError> {
        let (user, channel, time) = (self.cell(row, Field::User), self.cell(row, Field::Channel), self.cell(row, Field::Time));
        if user.is_blank() && channel.is_blank() && time.is_blank() {
            self.blank.push(row.index + 1);
            return Ok(());
        }
        for (f, raw) in [(Field::User, user), (Field::Channel, channel), (Field::Time, time)] {
            let problem = match raw {
                r if r.is_blank() => format!("the {} is blank", f.name()),
                Raw::Cell(Cell::Error(k)) => format!("the cell is the error {}", k.code()),
                _ => continue,
            };
            return Err(self.bad(row, f, problem));
        }
        let time = match time_of(time) {
            Some(t) => t,
            None => {
                let detail = format!("\"{}\" is not a date and time (a date cell, or text like 2024-03-01 14:30:00)", time.label());
                return Err(self.bad(row, Field::Time, detail));
            }
        };
        let conversions = self.amount(row, Field::Conversions)?;
        let mut value = self.amount(row, Field::Value)?;
        if conversions.is_zero() && !value.is_zero() {
            self.value_without_conversion.push(row.index + 1);
            value = Exact::ZERO;
        }
        self.touches.push(Touch { user: user.label(), time, channel: channel.label(), conversions, value });
        Ok(())
    }

    pub(super) fn finish(self, header_row: u32) -> Result<JourneyData, JourneyError> {
        let mut warnings = self.header.warnings.clone();
        let mut note = |rows: &[u32], what: &str| {
            if !rows.is_empty() {
                warnings.push(format!("{what}: {}", row_list(rows)));
            }
        };
        note(&self.totals, "skipped total rows (so they are not counted twice)");
        let blank_what = match self.header.shape {
            Shape::Paths => "skipped rows with no path and no counts",
            Shape::Touches => "skipped rows with no user, channel or time",
        };
        note(&self.blank, blank_what);
        note(&self.empty_names, "ignored empty channel names between separators");
        note(&self.value_without_conversion, "ignored values on touches that did not convert");
        let has = |f: Field| self.header.columns.iter().any(|c| c.field == f);
        let (journeys, rows) = match self.header.shape {
            Shape::Paths => {
                let refs: Vec<&str> = self.paths.iter().map(String::as_str).collect();
                let values = has(Field::Value).then_some(&self.values[..]);
                let nulls = has(Field::Nulls).then_some(&self.nulls[..]);
                let j = from_paths(&refs, &self.opts.sep, &self.conversions, values, nulls).map_err(JourneyError::Engine)?;
                if let Some(w) = separator_warning(&self.paths, &self.opts.sep) {
                    warnings.push(w);
                }
                (j, self.paths.len())
            }
            Shape::Touches => {
                let j = from_touches(&self.touches, self.opts.lookback_days).map_err(JourneyError::Engine)?;
                let kept: usize = j.journeys.iter().map(|x| x.touches.len()).sum();
                let dropped = self.touches.len().saturating_sub(kept);
                if dropped > 0 {
                    warnings.push(format!(
                        "{dropped} touch{} left out: more than {} days before the conversion they led to (the lookback window)",
                        if dropped == 1 { " was" } else { "es were" },
                        crate::docs::format_number(self.opts.lookback_days)
                    ));
                }
                (j, self.touches.len())
            }
        };
        warnings.extend(journeys.skipped.iter().cloned());
        Ok(JourneyData {
            journeys,
            shape: self.header.shape,
            sheet: self.sheet.to_string(),
            header_row,
            columns: self.header.columns,
            rows,
            warnings,
        })
    }
}

/// When no path contains `sep` (every path one channel) but most contain another usual
/// separator, a warning saying which.
fn separator_warning(paths: &[String], sep: &str) -> Option<String> {
    if paths.is_empty() || paths.iter().any(|p| p.contains(sep)) {
        return None;
    }
    let (best, n) = ["→", "->", "=>", "»", ">", "|", ",", ";", "/", " - ", "+"]
        .into_iter()
        .filter(|s| *s != sep)
        .map(|s| (s, paths.iter().filter(|p| p.contains(s)).count()))
        .max_by_key(|(_, n)| *n)?;
    (2 * n > paths.len()).then(|| {
        format!("no path contains the separator \"{sep}\", so every path is read as one channel; {n} of {} contain \"{best}\": is that the separator?", paths.len())
    })
}
