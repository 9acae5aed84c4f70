//! The KPI report: every registry KPI whose inputs the data has, per row, per group
//! and in total. Every value comes from the registry's own functions, with each
//! Amount parameter fed a cell (rows) or the whole column range (groups, total), so
//! group and total KPIs are blended exactly as `=ROAS(B2:B9, C2:C9)` blends them.

use super::dataset::{Dataset, Gathered, MappedColumn, SourceInfo};
use super::roles::{role_of_param, Role};
use super::warning::Warning;
use crate::bind::{self, ArgView, Summed};
use crate::eval::{call, Value};
use crate::registry::{self, Function, Param, ResultKind, Shape};
use crate::value::Cell;
use crate::{num, KpiResult};

/// A KPI the report computes and where its inputs come from.
#[derive(Clone, Debug, serde::Serialize)]
pub struct KpiColumn {
    /// Registry id (`ROAS`).
    pub id: &'static str,
    /// What the result is.
    pub result: ResultKind,
    /// One line on what it means.
    pub description: &'static str,
    /// `(parameter, role)` for each parameter fed from a column.
    pub inputs: Vec<(&'static str, Role)>,
    #[serde(skip)]
    /// The registry row.
    pub function: &'static Function,
    #[serde(skip)]
    /// Per parameter, the measure column feeding it (`None`: omitted, default applies).
    pub sources: Vec<Option<usize>>,
}

/// A registry KPI left out, and the columns it would need.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct SkippedKpi {
    /// Registry id.
    pub id: &'static str,
    /// The roles it needs that the data lacks (empty when an input is not a column at all).
    pub missing: Vec<Role>,
}

/// A computed result: a number, a text, or a spreadsheet error with its message.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome(pub KpiResult<Value>);

impl serde::Serialize for Outcome {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        crate::eval::Wire(&self.0).serialize(s)
    }
}

/// One line of the report: a data row, a group or the total.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Line {
    /// The sheet row (data rows only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<u32>,
    /// The group key (data rows and groups, when grouping).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// The label values, one per label column (data rows only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<String>,
    /// How many data rows the line covers.
    pub count: usize,
    /// One per measure: the cell (rows) or the exact sum (groups, total).
    pub values: Vec<Cell>,
    /// One per KPI column.
    pub kpis: Vec<Outcome>,
    /// By period (groups only): one per KPI column, its change on the previous period;
    /// `None` for the first period and for rows with no date.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub change: Vec<Option<Outcome>>,
}

/// The whole report.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Report {
    /// Where the data came from.
    pub source: SourceInfo,
    /// Every header column and its role.
    pub mapping: Vec<MappedColumn>,
    /// The label columns' headers, in [`Line::labels`] order.
    pub labels: Vec<String>,
    /// The measure roles, in [`Line::values`] order.
    pub measures: Vec<Role>,
    /// The measures' headers as the file spells them.
    pub measure_headers: Vec<String>,
    /// The KPIs computed, in [`Line::kpis`] order.
    pub kpis: Vec<KpiColumn>,
    /// Registry KPIs left out for want of columns.
    pub skipped: Vec<SkippedKpi>,
    /// The header of the column grouped by, if any.
    pub group_by: Option<String>,
    /// The calendar period grouped by, if any: groups are periods in calendar order, each
    /// with its KPIs' change on the previous one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<super::periods::Period>,
    /// One line per data row, computed as it is read (a million rows are not held twice).
    pub rows: RowLines,
    /// One line per group, in order of first appearance.
    pub groups: Vec<Line>,
    /// All rows together.
    pub total: Line,
    /// Things the reader should know.
    pub warnings: Vec<Warning>,
}

/// The KPIs the data supports: every registry function whose required parameters are
/// all fed by columns present; optional parameters are fed when their column is present.
pub fn plan(ds: &Dataset) -> (Vec<KpiColumn>, Vec<SkippedKpi>) {
    let mut kpis = Vec::new();
    let mut skipped = Vec::new();
    // A table (attribution's channel rows) does not fit a report column.
    for f in registry::functions().iter().filter(|f| f.shape == Shape::Value) {
        let mut sources = Vec::new();
        let mut inputs = Vec::new();
        let mut missing = Vec::new();
        let mut impossible = false;
        for p in f.params {
            let role = role_of_param(f, p.name);
            let col = role.and_then(|r| ds.measure(r));
            match (role, col) {
                (Some(r), Some(c)) => {
                    inputs.push((p.name, r));
                    sources.push(Some(c));
                }
                _ if p.optional() => sources.push(None),
                (Some(r), None) => missing.push(r),
                (None, _) => impossible = true,
            }
        }
        if missing.is_empty() && !impossible && !inputs.is_empty() {
            kpis.push(KpiColumn { id: f.id, result: f.result, description: f.description, inputs, function: f, sources });
        } else if !impossible {
            skipped.push(SkippedKpi { id: f.id, missing });
        } else {
            skipped.push(SkippedKpi { id: f.id, missing: Vec::new() });
        }
    }
    (kpis, skipped)
}

fn evaluate(k: &KpiColumn, args: &[ArgView]) -> Outcome {
    Outcome(call(k.function, args))
}

/// A measure column's total, by the one range-sum rule ([`bind::range_sum`]): blanks
/// skipped, an error cell propagates (text and TRUE/FALSE are already left out, see
/// [`ColumnData::gather`](super::dataset::ColumnData::gather)); blank when the range holds
/// no number at all. Measures may be negative (refunds, net figures), so the sum takes any sign.
fn exact_sum(g: &Summed) -> Cell {
    const MEASURE: Param = Param::amount("column", "A measure column.").signed();
    match bind::range_sum(&MEASURE, ArgView::Summed(g)) {
        Ok(None) => Cell::Empty,
        Ok(Some(t)) => num::to_f64(&t).map_or_else(|e| Cell::Error(e.kind), Cell::Number),
        Err(e) => Cell::Error(e.kind),
    }
}

/// A group or total line over the rows `idx` (`None`: every row).
fn aggregate(ds: &Dataset, kpis: &[KpiColumn], idx: Option<&[usize]>, group: Option<String>) -> Line {
    let gathered: Vec<Gathered> = ds.measures.iter().map(|m| m.data.gather(idx)).collect();
    let summed: Vec<Summed> = gathered.iter().map(|g| Summed::of(g.view())).collect();
    Line {
        row: None,
        group,
        labels: Vec::new(),
        count: idx.map_or(ds.rows.len(), <[usize]>::len),
        values: summed.iter().map(exact_sum).collect(),
        kpis: evaluate_all(kpis, &summed),
        change: Vec::new(),
    }
}

/// Every KPI of one line, each parameter fed its column's worked-out sum.
fn evaluate_all(kpis: &[KpiColumn], summed: &[Summed]) -> Vec<Outcome> {
    let empty: &[Cell] = &[];
    kpis.iter()
        .map(|k| {
            let args: Vec<ArgView> =
                k.sources.iter().map(|s| s.map_or(ArgView::Cells(empty), |c| ArgView::Summed(&summed[c]))).collect();
            evaluate(k, &args)
        })
        .collect()
}

/// The per-row lines of a report, computed on demand from the imported columns.
#[derive(Clone, Debug)]
pub struct RowLines {
    ds: Dataset,
    kpis: Vec<KpiColumn>,
}

impl RowLines {
    /// Number of data rows.
    pub fn len(&self) -> usize {
        self.ds.rows.len()
    }
    /// Whether there are no data rows.
    pub fn is_empty(&self) -> bool {
        self.ds.rows.is_empty()
    }
    /// Data row `i` (0-based) with its KPIs.
    pub fn get(&self, i: usize) -> Option<Line> {
        let ds = &self.ds;
        let sheet_row = *ds.rows.get(i)?;
        let cells: Vec<Cell> = ds.measures.iter().map(|m| m.data.cell(i)).collect();
        let summed: Vec<Summed> = cells.iter().map(Summed::of_cell).collect();
        let kpis = evaluate_all(&self.kpis, &summed);
        Some(Line {
            row: Some(sheet_row),
            group: ds.group_by.map(|g| ds.labels[g].values.get(i).unwrap_or_default().to_string()),
            labels: ds.labels.iter().map(|l| l.values.get(i).unwrap_or_default().to_string()).collect(),
            count: 1,
            values: cells,
            kpis,
            change: Vec::new(),
        })
    }
    /// Every data row, in order.
    pub fn iter(&self) -> impl Iterator<Item = Line> + '_ {
        (0..self.len()).filter_map(|i| self.get(i))
    }
}

impl serde::Serialize for RowLines {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

/// Each period's change on the previous one, KPI by KPI: `#N/A` when the previous period
/// has no rows, nothing for the first period and for the rows with no date.
fn with_changes(groups: &mut [Line], period: super::periods::Period) {
    use super::periods::{change, NO_DATE};
    for i in 0..groups.len() {
        let key = groups[i].group.clone().unwrap_or_default();
        let n = groups[i].kpis.len();
        let previous = if i > 0 && key != NO_DATE { Some(&groups[i - 1]) } else { None };
        let change: Vec<Option<Outcome>> = match previous {
            None => vec![None; n],
            Some(p) if period.previous(&key).as_deref() == p.group.as_deref() => {
                groups[i].kpis.iter().zip(&p.kpis).map(|(c, p)| Some(change(c, p, period))).collect()
            }
            Some(_) => {
                let before = period.previous(&key).unwrap_or_default();
                let e = crate::error::KpiError::na(format!("There are no rows for {before}, the period before, so there is no change."));
                vec![Some(Outcome(Err(e))); n]
            }
        };
        groups[i].change = change;
    }
}

/// Builds the report.
pub fn build(ds: Dataset) -> Report {
    let (kpis, skipped) = plan(&ds);
    let mut groups = Vec::new();
    if let Some(g) = ds.group_by {
        let mut keyed = ds.labels[g].values.groups();
        if ds.period.is_some() {
            // Calendar order (the keys sort so), rows with no date last.
            keyed.sort_by_key(|(key, _)| (*key == super::periods::NO_DATE, key.to_string()));
        }
        for (key, idx) in keyed {
            groups.push(aggregate(&ds, &kpis, Some(&idx), Some(key.to_string())));
        }
    }
    if let Some(period) = ds.period {
        with_changes(&mut groups, period);
    }
    let total = aggregate(&ds, &kpis, None, None);
    Report {
        labels: ds.labels.iter().map(|l| l.header.clone()).collect(),
        measures: ds.measures.iter().map(|m| m.role).collect(),
        measure_headers: ds.measures.iter().map(|m| m.header.clone()).collect(),
        group_by: ds.group_by.map(|g| ds.labels[g].header.clone()),
        period: ds.period,
        source: ds.source.clone(),
        mapping: ds.columns.clone(),
        skipped,
        groups,
        total,
        warnings: ds.warnings.iter().cloned().chain(super::report_warnings::of(&ds, &kpis)).collect(),
        rows: RowLines { ds, kpis: kpis.clone() },
        kpis,
    }
}
