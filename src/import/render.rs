//! The report as text: a terminal table, CSV, or JSON.

use super::dataset::MappingOrigin;
use super::report::{Line, Outcome, Report};
use crate::eval::Value;
use crate::registry::{format_plain, ResultKind};
use crate::value::Cell;
use std::fmt::Write;

/// The report as pretty JSON (the same object the import WASM returns).
pub fn json(r: &Report) -> String {
    serde_json::to_string_pretty(r).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// Text for a CSV cell, neutralised as OWASP recommends for CSV injection: text that a
/// spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage
/// return) gets a leading `'`, which spreadsheets show as text. Only for text: numbers are
/// written as numbers (`-5` stays `-5`). The attribution CSV (`journeys::csv_out`, also the
/// page's download) uses it too, so there is one rule.
pub fn csv_safe_text(t: &str) -> String {
    let mut s = String::with_capacity(t.len() + 1);
    put_safe_text(&mut s, t);
    s
}

/// Whether a spreadsheet would run `t` as a formula ([`csv_safe_text`]'s one rule).
fn needs_quote_mark(t: &str) -> bool {
    t.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

fn cell_text(c: &Cell) -> String {
    let mut s = String::new();
    put_cell(&mut s, c);
    s
}

/// Appends the CSV text of a cell (a number at full precision, text neutralised).
fn put_cell(out: &mut String, c: &Cell) {
    match c {
        Cell::Number(x) => crate::docs::write_number(out, *x),
        Cell::Text(t) => put_safe_text(out, t),
        Cell::Bool(b) => out.push_str(if *b { "TRUE" } else { "FALSE" }),
        Cell::Empty => {}
        Cell::Error(k) => out.push_str(k.code()),
    }
}

/// Appends [`csv_safe_text`] of `t`.
fn put_safe_text(out: &mut String, t: &str) {
    if needs_quote_mark(t) {
        out.push('\'');
    }
    out.push_str(t);
}

/// Appends the CSV text of a KPI result (errors as their codes).
fn put_outcome(out: &mut String, o: &Outcome) {
    match &o.0 {
        Ok(Value::Number(x)) => crate::docs::write_number(out, *x),
        Ok(Value::Text(t)) => out.push_str(t),
        // The report plans one-value KPIs only (report::plan).
        Ok(Value::Table(_)) => {}
        Err(e) => out.push_str(e.kind.code()),
    }
}

/// The report as CSV: one line per data row, group and total (column `level`),
/// numbers at full precision, errors as their codes.
pub fn csv(r: &Report) -> String {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = csv_to(r, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// [`csv`], streamed to `out` line by line: each field is built in one reused buffer,
/// so no line and no number is allocated on its own, and the report is never held whole.
pub fn csv_to(r: &Report, out: impl std::io::Write) -> std::io::Result<()> {
    let mut w = csv::WriterBuilder::new().from_writer(out);
    let mut head = vec!["level".to_string(), "row".into(), "group".into()];
    head.extend(r.labels.iter().map(|l| csv_safe_text(l)));
    head.extend(r.measures.iter().map(|m| csv_safe_text(m.name())));
    head.extend(r.kpis.iter().map(|k| k.id.to_string()));
    w.write_record(&head).map_err(io_error)?;
    let mut field = String::new();
    let mut line = |level: &str, l: &Line| -> csv::Result<()> {
        let mut put = |w: &mut csv::Writer<_>, f: &mut dyn FnMut(&mut String)| {
            field.clear();
            f(&mut field);
            w.write_field(&field)
        };
        w.write_field(level)?;
        put(&mut w, &mut |s| {
            if let Some(n) = l.row {
                let _ = write!(s, "{n}");
            }
        })?;
        put(&mut w, &mut |s| put_safe_text(s, l.group.as_deref().unwrap_or_default()))?;
        if l.labels.is_empty() {
            for _ in 0..r.labels.len() {
                w.write_field("")?;
            }
        } else {
            for t in &l.labels {
                put(&mut w, &mut |s| put_safe_text(s, t))?;
            }
        }
        for c in &l.values {
            put(&mut w, &mut |s| put_cell(s, c))?;
        }
        for o in &l.kpis {
            put(&mut w, &mut |s| put_outcome(s, o))?;
        }
        w.write_record(None::<&[u8]>)
    };
    for l in r.rows.iter() {
        line("row", &l).map_err(io_error)?;
    }
    for l in &r.groups {
        line("group", l).map_err(io_error)?;
    }
    line("total", &r.total).map_err(io_error)?;
    w.flush()
}

/// The writer's own error back out of the csv crate's, its kind kept: a closed pipe
/// stays `BrokenPipe`, which the CLI ends on quietly.
fn io_error(e: csv::Error) -> std::io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => std::io::Error::other(format!("{other:?}")),
    }
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

/// The report as a terminal table: what was read, the mapping, then rows, groups, total.
pub fn text(r: &Report, all_rows: bool) -> String {
    let mut out = String::new();
    let s = &r.source;
    let table_note = s.table.as_ref().map(|t| format!(", table \"{t}\"")).unwrap_or_default();
    let _ = writeln!(
        out,
        "Read {} data rows from sheet \"{}\"{} ({}, header in row {}).",
        s.rows,
        s.sheet,
        table_note,
        s.format.name(),
        s.header_row
    );
    let _ = writeln!(out, "\nColumns:");
    for m in &r.mapping {
        let role = match (m.role, m.by) {
            (Some(role), Some(MappingOrigin::User)) => format!("{} (--map)", role.name()),
            (Some(role), _) => role.name().to_string(),
            (None, _) => "(not used)".to_string(),
        };
        let _ = writeln!(out, "  {:>3}  {:<28} → {}", m.column, m.header, role);
    }
    let kpi_names: Vec<&str> = r.kpis.iter().map(|k| k.id).collect();
    let _ = writeln!(out, "\nKPIs: {}", if kpi_names.is_empty() { "none".into() } else { kpi_names.join(", ") });
    let missing: Vec<String> = r
        .skipped
        .iter()
        .filter(|k| !k.missing.is_empty())
        .map(|k| format!("{} (needs {})", k.id, k.missing.iter().map(|m| m.name()).collect::<Vec<_>>().join(", ")))
        .collect();
    if !missing.is_empty() {
        let _ = writeln!(out, "Not computed: {}", missing.join("; "));
    }
    let mut head: Vec<String> = r.measure_headers.clone();
    head.extend(r.kpis.iter().map(|k| k.id.to_string()));
    let line_cells = |l: &Line| -> Vec<String> {
        let mut v: Vec<String> = l.values.iter().map(human_cell).collect();
        v.extend(l.kpis.iter().zip(&r.kpis).map(|(o, k)| human_outcome(o, k.result)));
        v
    };
    if all_rows || r.rows.len() <= TABLE_ROW_LIMIT {
        let _ = writeln!(out, "\nRows:");
        let mut h = vec!["Row".to_string()];
        h.extend(r.labels.iter().cloned());
        h.extend(head.iter().cloned());
        let rows: Vec<Vec<String>> = r
            .rows
            .iter()
            .map(|l| {
                let mut v = vec![l.row.map(|n| n.to_string()).unwrap_or_default()];
                v.extend(l.labels.iter().cloned());
                v.extend(line_cells(&l));
                v
            })
            .collect();
        crate::table::layout(&mut out, &h, &rows);
    } else {
        let _ = writeln!(
            out,
            "\n({} data rows: use --rows to list them, or --format csv/json/xlsx for everything)",
            r.rows.len()
        );
    }
    let mut rows: Vec<Vec<String>> = Vec::new();
    for l in &r.groups {
        let mut v = vec![l.group.clone().unwrap_or_default(), l.count.to_string()];
        v.extend(line_cells(l));
        rows.push(v);
    }
    let mut total = vec!["Total".to_string(), r.total.count.to_string()];
    total.extend(line_cells(&r.total));
    rows.push(total);
    let title = r.group_by.clone().map_or("Total".to_string(), |g| format!("By {g}"));
    let _ = writeln!(out, "\n{title}:");
    let mut h = vec![r.group_by.clone().unwrap_or_default(), "Rows".to_string()];
    h.extend(head);
    crate::table::layout(&mut out, &h, &rows);
    for w in &r.warnings {
        let _ = writeln!(out, "\nNote: {w}");
    }
    out
}
