//! The report as text: a terminal table, CSV, or JSON.

use super::dataset::MappingOrigin;
use super::report::{Line, Outcome, Report};
use super::roles::Role;
use crate::eval::Value;
use crate::registry::{format_plain, ResultKind};
use crate::value::Cell;
use std::fmt::Write;

/// The report as pretty JSON (the same object the import WASM returns).
pub fn json(r: &Report) -> String {
    serde_json::to_string_pretty(r).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

pub use super::csv_write::csv_safe_text;
use super::csv_write::{CsvDialect, CsvWriter};

fn cell_text(c: &Cell) -> String {
    match c {
        Cell::Number(x) => crate::number_text::format_number(*x),
        Cell::Text(t) => csv_safe_text(t),
        Cell::Bool(b) => (if *b { "TRUE" } else { "FALSE" }).to_string(),
        Cell::Empty => String::new(),
        Cell::Error(k) => k.code().to_string(),
    }
}

/// Writes a KPI result's field (errors as their codes).
fn put_outcome<W: std::io::Write>(w: &mut CsvWriter<W>, o: &Outcome) -> std::io::Result<()> {
    match &o.0 {
        Ok(Value::Number(x)) => w.number(*x),
        Ok(Value::Text(t)) => w.text(t),
        // The report plans one-value KPIs only (report::plan).
        Ok(Value::Table(_)) => w.empty(),
        Err(e) => w.error(e.kind),
    }
}

/// The report as CSV in `dialect`: one line per data row, group and total (column
/// `level`), the file's own headers, numbers in their shortest round-trip digits, errors
/// as their codes.
pub fn csv(r: &Report, dialect: CsvDialect) -> String {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = csv_to(r, dialect, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// [`csv`], streamed to `out` line by line, so the report's text is never held whole.
/// Natively the data rows are computed and written in batches on every core, and the
/// batches written in order, so the text is the same byte for byte.
pub fn csv_to(r: &Report, dialect: CsvDialect, mut out: impl std::io::Write) -> std::io::Result<()> {
    // One thread: the whole text is its one part.
    #[cfg(target_arch = "wasm32")]
    return csv_part(r, dialect, 0, usize::MAX, &mut out);
    #[cfg(not(target_arch = "wasm32"))]
    {
        csv_part(r, dialect, 0, 1, &mut out)?;
        csv_rows(r, dialect, &mut out)?;
        // The groups and the total, after the header and the data rows.
        csv_part(r, dialect, 1 + r.rows.len(), usize::MAX, out)
    }
}

/// Lines `from..from + count` of [`csv`]'s text, counting the header as line 0, then the
/// data rows, the groups and the total: [`csv`] a part at a time, for a caller that hands
/// a large report on in parts instead of holding its whole text (the page's download).
/// The parts joined are [`csv`] byte for byte (the BOM, if any, starts line 0); past the
/// last line, nothing.
pub fn csv_part(r: &Report, dialect: CsvDialect, from: usize, count: usize, out: impl std::io::Write) -> std::io::Result<()> {
    let end = from.saturating_add(count);
    let mut w = if from == 0 && count > 0 {
        let mut w = CsvWriter::start(out, dialect)?;
        csv_head(r, &mut w)?;
        w
    } else {
        CsvWriter::resume(out, dialect)
    };
    let rows = r.rows.len();
    for i in from.max(1)..end.min(rows + 1) {
        if let Some(l) = r.rows.get(i - 1) {
            csv_line(&mut w, r.labels.len(), changes(r), "row", &l)?;
        }
    }
    let groups = rows + 1;
    for i in from.max(groups)..end.min(groups + r.groups.len()) {
        csv_line(&mut w, r.labels.len(), changes(r), "group", &r.groups[i - groups])?;
    }
    let total = groups + r.groups.len();
    if (from..end).contains(&total) {
        csv_line(&mut w, r.labels.len(), changes(r), "total", &r.total)?;
    }
    w.finish()?.flush()
}

/// How many change columns the CSV has: one per KPI by period, else none.
fn changes(r: &Report) -> usize {
    if r.period.is_some() {
        r.kpis.len()
    } else {
        0
    }
}

/// The CSV header: level, row, group, the labels and the measures under the file's own
/// headers, the KPI ids.
fn csv_head<W: std::io::Write>(r: &Report, w: &mut CsvWriter<W>) -> std::io::Result<()> {
    for word in ["level", "row", "group"] {
        w.word(word)?;
    }
    for h in r.labels.iter().chain(&r.measure_headers) {
        w.text(h)?;
    }
    for k in &r.kpis {
        w.word(k.id)?;
    }
    if let Some(period) = r.period {
        for k in &r.kpis {
            w.word(&format!("{} {}", k.id, period.change_name()))?;
        }
    }
    w.end_line()
}

/// Data rows per batch: a batch's text is a few hundred KB, and there are a couple per core.
#[cfg(not(target_arch = "wasm32"))]
const ROWS_PER_BATCH: usize = 4096;

/// The data rows' CSV lines, in order: batches of rows computed and written to text side
/// by side (rayon), a round of batches at a time, each round written before the next is
/// made, so memory stays a few batches whatever the number of rows.
#[cfg(not(target_arch = "wasm32"))]
fn csv_rows(r: &Report, dialect: CsvDialect, mut out: impl std::io::Write) -> std::io::Result<()> {
    use rayon::prelude::*;
    let n = r.rows.len();
    let per_round = ROWS_PER_BATCH * 2 * rayon::current_num_threads().max(1);
    for round in (0..n).step_by(per_round) {
        let end = (round + per_round).min(n);
        let starts: Vec<usize> = (round..end).step_by(ROWS_PER_BATCH).collect();
        let texts: Vec<std::io::Result<Vec<u8>>> = starts
            .into_par_iter()
            .map(|start| {
                let mut w = CsvWriter::resume(Vec::new(), dialect);
                for i in start..(start + ROWS_PER_BATCH).min(end) {
                    if let Some(l) = r.rows.get(i) {
                        csv_line(&mut w, r.labels.len(), changes(r), "row", &l)?;
                    }
                }
                w.finish()
            })
            .collect();
        for text in texts {
            out.write_all(&text?)?;
        }
    }
    Ok(())
}

/// One CSV line of the report: `level`, the sheet row, the group, the labels (blank for
/// group and total lines, `labels` of them), the measures, the KPIs, and by period the
/// `changes` change columns.
fn csv_line<W: std::io::Write>(w: &mut CsvWriter<W>, labels: usize, changes: usize, level: &str, l: &Line) -> std::io::Result<()> {
    w.word(level)?;
    match l.row {
        Some(n) => w.count(n.into())?,
        None => w.empty()?,
    }
    w.text(l.group.as_deref().unwrap_or_default())?;
    if l.labels.is_empty() {
        for _ in 0..labels {
            w.empty()?;
        }
    } else {
        for t in &l.labels {
            w.text(t)?;
        }
    }
    for c in &l.values {
        w.cell(c)?;
    }
    for o in &l.kpis {
        put_outcome(w, o)?;
    }
    // By period, every line has the change columns, filled on the periods' lines.
    for i in 0..changes {
        match l.change.get(i) {
            Some(Some(o)) => put_outcome(w, o)?,
            _ => w.empty()?,
        }
    }
    w.end_line()
}

fn human_outcome(o: &Outcome, kind: ResultKind) -> String {
    match &o.0 {
        Ok(Value::Number(x)) => format_plain(*x, kind, false),
        Ok(Value::Text(t)) => t.to_string(),
        // The report plans one-value KPIs only (report::plan).
        Ok(Value::Table(_)) => String::new(),
        Err(e) => e.kind.code().to_string(),
    }
}

fn human_cell(c: &Cell) -> String {
    match c {
        // A source measure has no result kind: shown as a count is (whole, or 2 decimals).
        Cell::Number(x) => format_plain(*x, ResultKind::Count, false),
        other => cell_text(other),
    }
}

/// Lays out rows of cells with columns padded (text left, numbers right).
/// Data rows are listed in the terminal table up to this many (CSV and JSON list all).
pub const TABLE_ROW_LIMIT: usize = 50;

/// How the terminal table is laid out.
#[derive(Clone, Debug, Default)]
pub struct TextLayout {
    /// List every data row, however many.
    pub all_rows: bool,
    /// Fit the tables to this many terminal columns, showing the key figures that fit;
    /// `None` shows every column (piped output, `--wide`).
    pub width: Option<usize>,
    /// Show these KPIs only, in this order (`--kpis`); ids the report did not compute are
    /// refused by [`TextLayout::check_kpis`].
    pub kpis: Option<Vec<String>>,
}

impl TextLayout {
    /// The chosen KPIs as the report's ids (any case), or the message naming those it lacks.
    pub fn check_kpis(&self, r: &Report) -> Result<(), String> {
        let Some(want) = &self.kpis else {
            return Ok(());
        };
        let unknown: Vec<&str> = want
            .iter()
            .map(String::as_str)
            .filter(|w| !r.kpis.iter().any(|k| k.id.eq_ignore_ascii_case(w)))
            .collect();
        if unknown.is_empty() {
            return Ok(());
        }
        let have: Vec<&str> = r.kpis.iter().map(|k| k.id).collect();
        Err(format!(
            "--kpis: this report has no {}; it computes {}",
            unknown.join(", "),
            if have.is_empty() {
                "no KPIs".to_string()
            } else {
                have.join(", ")
            }
        ))
    }
}

/// The KPIs a fitted table shows first, most asked-for first (the articles' headline
/// figures: return on spend, cost of a customer, then the funnel); any other follows in
/// registry order.
const KEY_KPIS: &[&str] = &[
    "ROAS", "ROI", "CAC", "CPA", "CVR", "CTR", "CPC", "CPM", "CPL", "MER",
];

/// The measure roles a fitted table keeps beside its KPIs.
const KEY_MEASURES: &[Role] = &[Role::Spend, Role::Revenue];

/// A label in a fitted table is cut to this many columns.
const LABEL_WIDTH: usize = 24;

/// The report's value columns (measures, then KPIs) in the order a table shows them
/// when it cannot show them all.
fn by_priority(r: &Report, layout: &TextLayout) -> Vec<usize> {
    let nm = r.measures.len();
    let kpi_col = |id: &str| {
        r.kpis
            .iter()
            .position(|k| k.id.eq_ignore_ascii_case(id))
            .map(|i| nm + i)
    };
    let key_measures = KEY_MEASURES
        .iter()
        .filter_map(|role| r.measures.iter().position(|m| m == role));
    match &layout.kpis {
        Some(ids) => key_measures
            .chain(ids.iter().filter_map(|id| kpi_col(id)))
            .collect(),
        None if layout.width.is_none() => (0..nm + r.kpis.len()).collect(),
        None => {
            let mut order: Vec<usize> = key_measures
                .chain(KEY_KPIS.iter().filter_map(|id| kpi_col(id)))
                .collect();
            for i in nm..nm + r.kpis.len() {
                if !order.contains(&i) {
                    order.push(i);
                }
            }
            order
        }
    }
}

/// Of `candidates` (value columns in priority order), those that fit beside the fixed
/// columns within `width`, back in the table's own order.
fn fitting(
    head: &[String],
    rows: &[Vec<String>],
    fixed: usize,
    candidates: &[usize],
    width: Option<usize>,
) -> Vec<usize> {
    let Some(width) = width else {
        let mut all = candidates.to_vec();
        all.sort_unstable();
        return all;
    };
    let widths = crate::table::column_widths(head, rows);
    let mut used: usize = widths[..fixed].iter().sum::<usize>() + 2 * fixed.saturating_sub(1);
    let mut chosen = Vec::new();
    for &c in candidates {
        let w = widths[fixed + c] + 2;
        if used + w <= width {
            used += w;
            chosen.push(c);
        }
    }
    chosen.sort_unstable();
    chosen
}

/// Keeps the fixed columns and the `chosen` value columns of a table.
fn project(cells: &[String], fixed: usize, chosen: &[usize]) -> Vec<String> {
    let mut v: Vec<String> = cells[..fixed].to_vec();
    v.extend(chosen.iter().map(|&c| cells[fixed + c].clone()));
    v
}

/// `text` cut to `max` terminal columns, an ellipsis marking the cut.
fn clip_to(text: &str, max: usize) -> String {
    if crate::table::display_width(text) <= max {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        used += crate::table::char_width(c);
        if used > max - 1 {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// Writes `line`, wrapped between words at `width` with a two-space hanging indent
/// (a word wider than the line is cut); as it is when there is no width.
fn put_wrapped(out: &mut String, line: &str, width: Option<usize>) {
    let Some(width) = width else {
        let _ = writeln!(out, "{line}");
        return;
    };
    let mut current = String::new();
    for word in line.split(' ').filter(|w| !w.is_empty()) {
        let w = crate::table::display_width(word);
        if !current.is_empty() && crate::table::display_width(&current) + 1 + w > width {
            let _ = writeln!(out, "{current}");
            current = "  ".to_string();
        } else if !current.is_empty() && current != "  " {
            current.push(' ');
        }
        let room = width - crate::table::display_width(&current);
        current.push_str(&clip_to(word, room));
    }
    let _ = writeln!(out, "{current}");
}

/// The report as a terminal table: what was read, the mapping, then rows, groups, total.
pub fn text(r: &Report, layout: &TextLayout) -> String {
    let width = layout.width;
    let label = |t: &str| {
        if width.is_some() {
            clip_to(t, LABEL_WIDTH)
        } else {
            t.to_string()
        }
    };
    let mut out = String::new();
    let s = &r.source;
    let table_note = s
        .table
        .as_ref()
        .map(|t| format!(", table \"{t}\""))
        .unwrap_or_default();
    let read = if s.combined.is_empty() {
        format!(
            "Read {} data rows from sheet \"{}\"{} ({}, header in row {}).",
            s.rows,
            s.sheet,
            table_note,
            s.format.name(),
            s.header_row
        )
    } else {
        let parts: Vec<String> = s.combined.iter().map(|p| format!("\"{p}\"")).collect();
        format!("Read {} data rows from {} together (the columns of the first, header in row {}).", s.rows, parts.join(", "), s.header_row)
    };
    put_wrapped(&mut out, &read, width);
    let _ = writeln!(out, "\nColumns:");
    for m in &r.mapping {
        let role = match (m.role, m.by) {
            (Some(role), Some(MappingOrigin::User)) => format!("{} (--map)", role.name()),
            (Some(role), _) => role.name().to_string(),
            (None, _) => "(not used)".to_string(),
        };
        let header = if width.is_some() {
            clip_to(&m.header, 28)
        } else {
            m.header.clone()
        };
        let _ = writeln!(out, "  {:>3}  {:<28} → {}", m.column, header, role);
    }
    let kpi_names: Vec<&str> = r.kpis.iter().map(|k| k.id).collect();
    let kpis_line = format!(
        "KPIs: {}",
        if kpi_names.is_empty() {
            "none".into()
        } else {
            kpi_names.join(", ")
        }
    );
    out.push('\n');
    put_wrapped(&mut out, &kpis_line, width);
    let missing: Vec<String> = r
        .skipped
        .iter()
        .filter(|k| !k.missing.is_empty())
        .map(|k| {
            format!(
                "{} (needs {})",
                k.id,
                k.missing
                    .iter()
                    .map(|m| m.name())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })
        .collect();
    if !missing.is_empty() {
        put_wrapped(
            &mut out,
            &format!("Not computed: {}", missing.join("; ")),
            width,
        );
    }
    let mut head: Vec<String> = r.measure_headers.clone();
    head.extend(r.kpis.iter().map(|k| k.id.to_string()));
    let line_cells = |l: &Line| -> Vec<String> {
        let mut v: Vec<String> = l.values.iter().map(human_cell).collect();
        v.extend(
            l.kpis
                .iter()
                .zip(&r.kpis)
                .map(|(o, k)| human_outcome(o, k.result)),
        );
        v
    };
    let priority = by_priority(r, layout);
    // The groups and the total: the key column and the row count, then what fits.
    let mut rows: Vec<Vec<String>> = Vec::new();
    for l in &r.groups {
        let mut v = vec![
            label(l.group.as_deref().unwrap_or_default()),
            l.count.to_string(),
        ];
        v.extend(line_cells(l));
        rows.push(v);
    }
    let mut total = vec!["Total".to_string(), r.total.count.to_string()];
    total.extend(line_cells(&r.total));
    rows.push(total);
    let mut group_head = vec![r.group_by.clone().unwrap_or_default(), "Rows".to_string()];
    group_head.extend(head.iter().cloned());
    let shown = fitting(&group_head, &rows, 2, &priority, width);
    if all_rows_shown(r, layout) {
        let _ = writeln!(out, "\nRows:");
        let fixed = 1 + r.labels.len();
        let mut h = vec!["Row".to_string()];
        h.extend(r.labels.iter().map(|t| label(t)));
        h.extend(head.iter().cloned());
        let data: Vec<Vec<String>> = r
            .rows
            .iter()
            .map(|l| {
                let mut v = vec![l.row.map(|n| n.to_string()).unwrap_or_default()];
                v.extend(l.labels.iter().map(|t| label(t)));
                v.extend(line_cells(&l));
                v
            })
            .collect();
        // The data rows show what the group table shows, as far as it fits beside their labels.
        let in_order: Vec<usize> = priority
            .iter()
            .copied()
            .filter(|c| shown.contains(c))
            .collect();
        let cols = fitting(&h, &data, fixed, &in_order, width);
        let data: Vec<Vec<String>> = data.iter().map(|d| project(d, fixed, &cols)).collect();
        crate::table::layout(&mut out, &project(&h, fixed, &cols), &data);
    } else {
        let _ = writeln!(
            out,
            "\n({} data rows: use --rows to list them, or --format csv/json/xlsx for everything)",
            r.rows.len()
        );
    }
    let title = r
        .group_by
        .clone()
        .map_or("Total".to_string(), |g| format!("By {g}"));
    let _ = writeln!(out, "\n{title}:");
    let rows: Vec<Vec<String>> = rows.iter().map(|v| project(v, 2, &shown)).collect();
    crate::table::layout(&mut out, &project(&group_head, 2, &shown), &rows);
    if let Some(period) = r.period {
        // The change of each KPI shown above, as a percentage of the period before.
        let nm = r.measure_headers.len();
        let kpi_cols: Vec<usize> = shown.iter().copied().filter(|&c| c >= nm).collect();
        let _ = writeln!(out, "\nChange on the {} before ({}):", period.header().to_lowercase(), period.change_name());
        let mut change_head = vec![r.group_by.clone().unwrap_or_default()];
        change_head.extend(kpi_cols.iter().map(|&c| head[c].clone()));
        let lines: Vec<Vec<String>> = r
            .groups
            .iter()
            .map(|l| {
                let mut v = vec![label(l.group.as_deref().unwrap_or_default())];
                v.extend(kpi_cols.iter().map(|&c| {
                    l.change.get(c - nm).and_then(Option::as_ref).map_or(String::new(), |o| human_outcome(o, ResultKind::Fraction))
                }));
                v
            })
            .collect();
        crate::table::layout(&mut out, &change_head, &lines);
    }
    let hidden: Vec<&str> = (0..head.len())
        .filter(|c| !shown.contains(c))
        .map(|c| head[c].as_str())
        .collect();
    if !hidden.is_empty() {
        out.push('\n');
        let what = if layout.kpis.is_some() {
            "--kpis to choose others"
        } else {
            "--kpis to choose, --wide for every column"
        };
        put_wrapped(
            &mut out,
            &format!("Not shown ({what}): {}", hidden.join(", ")),
            width,
        );
    }
    for w in &r.warnings {
        out.push('\n');
        put_wrapped(&mut out, &format!("Note: {w}"), width);
    }
    out
}

/// Whether the data rows are listed: asked for, or few enough.
fn all_rows_shown(r: &Report, layout: &TextLayout) -> bool {
    layout.all_rows || r.rows.len() <= TABLE_ROW_LIMIT
}
