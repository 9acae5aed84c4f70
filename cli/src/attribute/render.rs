//! The attribution as text tables and xlsx sheets (its CSV and JSON are the library's:
//! `journeys::csv_out`, `journeys::json`, which the page's import WASM writes too).

use sheetkpi::import::journeys::report::Outcome;
use sheetkpi::import::journeys::{xlsx::Table, Shape};
use sheetkpi::registry::{format_plain, ResultKind};
use sheetkpi::Cell;

// The columns are the library's, so the CSV (also the library's) and the page's download
// are cut from the same cells as these tables.
use sheetkpi::import::journeys::columns::{by_model, channel_names, model_columns, removal_columns, Column};

fn show(c: &Cell, kind: ResultKind) -> String {
    match c {
        Cell::Number(x) => format_plain(*x, kind, true),
        Cell::Error(k) => k.code().to_string(),
        _ => String::new(),
    }
}

/// Aligned text: the first `left` columns (text) left, the others (numbers) right.
fn aligned(header: &[String], rows: &[Vec<String>], left: usize) -> String {
    let widths: Vec<usize> = (0..header.len())
        .map(|c| rows.iter().map(|r| r[c].chars().count()).chain([header[c].chars().count()]).max().unwrap_or(0))
        .collect();
    let line = |cells: &[String]| {
        let parts: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(c, t)| if c < left { format!("{t:<w$}", w = widths[c]) } else { format!("{t:>w$}", w = widths[c]) })
            .collect();
        parts.join("  ").trim_end().to_string() + "\n"
    };
    let mut s = line(header);
    s += &line(&widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>());
    for r in rows {
        s += &line(r);
    }
    s
}

fn block(title: &str, names: &[String], cols: &[Column]) -> String {
    let header: Vec<String> = ["Channel".to_string()].into_iter().chain(cols.iter().map(|c| c.header.clone())).collect();
    let rows: Vec<Vec<String>> = names
        .iter()
        .enumerate()
        .map(|(i, n)| [n.clone()].into_iter().chain(cols.iter().map(|c| show(&c.cells[i], c.kind))).collect())
        .collect();
    format!("{title}\n{}\n", aligned(&header, &rows, 1))
}

pub(super) fn text(o: &Outcome) -> String {
    let d = &o.data;
    let j = &d.journeys;
    let count = |n: usize, one: &str, many: &str| {
        format!("{} {}", format_plain(n as f64, ResultKind::Count, false), if n == 1 { one } else { many })
    };
    let what = if d.shape == Shape::Paths { ("path", "paths") } else { ("touch", "touches") };
    let mut s = format!(
        "Sheet \"{}\", header row {}: {}, {}, {}; {} conversions, value {}\n\n",
        d.sheet,
        d.header_row,
        count(d.rows, what.0, what.1),
        count(j.journeys.len(), "journey", "journeys"),
        count(j.channels.len(), "channel", "channels"),
        format_plain(j.total_conversions().to_f64(), ResultKind::Count, false),
        format_plain(j.total_value().to_f64(), ResultKind::Money, false)
    );
    let names = channel_names(o);
    if let [(name, r)] = o.models.as_slice() {
        s += &block(&format!("Model: {name}"), &names, &model_columns(o, name, r, false));
    } else {
        s += &block("Conversions by model", &names, &by_model(o, 0));
        s += &block("Value by model", &names, &by_model(o, 1));
    }
    let removal = removal_columns(o);
    if !removal.is_empty() {
        let n = names.len() - 1;
        let cols: Vec<Column> = removal.into_iter().map(|mut c| {
            c.cells.truncate(n);
            c
        }).collect();
        s += &block("Markov removal effects", &names[..n], &cols);
    }
    if let Some(r) = &o.transitions {
        let rows: Vec<Vec<String>> = match r {
            Ok(t) => t.iter().map(|t| vec![t.from.clone(), t.to.clone(), format!("{:.6}", t.probability)]).collect(),
            Err(e) => vec![vec![e.kind.code().to_string(), e.message.to_string(), String::new()]],
        };
        let header = ["From".to_string(), "To".to_string(), "Probability".to_string()];
        s += &format!("Markov transition matrix\n{}\n", aligned(&header, &rows, 2));
    }
    s
}

// ---- xlsx ----

fn sheet(name: &str, names: &[String], cols: Vec<Column>, total_row: bool) -> Table {
    let rows = names
        .iter()
        .enumerate()
        .map(|(i, n)| std::iter::once(Cell::Text(n.clone())).chain(cols.iter().map(|c| c.cells[i].clone())).collect())
        .collect();
    Table {
        name: name.to_string(),
        header: std::iter::once("Channel".to_string()).chain(cols.iter().map(|c| c.header.clone())).collect(),
        kinds: std::iter::once(None).chain(cols.iter().map(|c| Some(c.kind))).collect(),
        rows,
        total_row,
    }
}

/// A sheet per model, then conversions and value by model (for several), removal
/// effects (Markov) and the warnings.
pub(super) fn tables(o: &Outcome) -> Vec<Table> {
    let names = channel_names(o);
    let mut out: Vec<Table> = Vec::new();
    if o.models.len() > 1 {
        out.push(sheet("Conversions by model", &names, by_model(o, 0), true));
        out.push(sheet("Value by model", &names, by_model(o, 1), true));
    }
    for (name, r) in &o.models {
        out.push(sheet(name, &names, model_columns(o, name, r, false), true));
    }
    let removal = removal_columns(o);
    if !removal.is_empty() {
        let n = names.len() - 1;
        out.push(sheet("Removal effects", &names[..n], removal, false));
    }
    if let Some(Ok(t)) = &o.transitions {
        out.push(Table {
            name: "Transitions".into(),
            header: vec!["From".into(), "To".into(), "Probability".into()],
            kinds: vec![None, None, Some(ResultKind::Fraction)],
            rows: t.iter().map(|t| vec![Cell::Text(t.from.clone()), Cell::Text(t.to.clone()), Cell::Number(t.probability)]).collect(),
            total_row: false,
        });
    }
    if !o.warnings.is_empty() {
        out.push(Table {
            name: "Warnings".into(),
            header: vec!["Warning".into()],
            kinds: vec![None],
            rows: o.warnings.iter().map(|w| vec![Cell::Text(w.clone())]).collect(),
            total_row: false,
        });
    }
    out
}
