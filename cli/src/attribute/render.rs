//! The attribution as text tables, CSV, JSON and xlsx sheets.

use sheetkpi::import::journeys::report::Outcome;
use sheetkpi::attribution::ChannelResult;
use sheetkpi::docs::format_number;
use sheetkpi::import::journeys::{xlsx::Table, Shape};
use sheetkpi::registry::{format_plain, ResultKind};
use sheetkpi::{Cell, KpiError};

/// The JSON is the library's, so the page's `import_attribute` gives the same object.
pub(super) use sheetkpi::import::journeys::report::json;

// ---- Tables shared by the text, CSV and xlsx outputs ----

/// One column of a channel table: its header, kind, and a value per channel (then the total).
struct Column {
    header: String,
    kind: ResultKind,
    cells: Vec<Cell>,
}

fn cell(x: f64) -> Cell {
    Cell::Number(x)
}

/// The columns of one model (`conversions`, `value`, `share`), each with a total cell;
/// prefix names them for a multi-model table.
fn model_columns(o: &Outcome, name: &str, r: &Result<Vec<ChannelResult>, KpiError>, prefix: bool) -> Vec<Column> {
    let n = o.data.journeys.channels.len();
    let j = &o.data.journeys;
    let total = [j.total_conversions().to_f64(), j.total_value().to_f64(), if j.total_conversions().is_zero() { 0.0 } else { 1.0 }];
    let parts = [("conversions", ResultKind::Count), ("value", ResultKind::Money), ("share", ResultKind::Fraction)];
    parts
        .iter()
        .enumerate()
        .map(|(k, (what, kind))| {
            let cells: Vec<Cell> = match r {
                Ok(rows) => rows
                    .iter()
                    .map(|c| cell([c.conversions.to_f64(), c.value.to_f64(), c.share.to_f64()][k]))
                    .chain([cell(total[k])])
                    .collect(),
                Err(e) => vec![Cell::Error(e.kind); n + 1],
            };
            let header = if prefix { format!("{name}_{what}") } else { what.to_string() };
            Column { header, kind: *kind, cells }
        })
        .collect()
}

/// The removal effects as two columns (with a blank total cell), by channel.
fn removal_columns(o: &Outcome) -> Vec<Column> {
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
                        effects.iter().find(|e| &e.channel == ch).map_or(Cell::Empty, |e| cell(if conv { e.conversions } else { e.value }))
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
fn channel_names(o: &Outcome) -> Vec<String> {
    o.data.journeys.channels.iter().cloned().chain(["Total".to_string()]).collect()
}

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

/// One part (conversions 0, value 1, share 2) of every model, a column per model.
fn by_model(o: &Outcome, part: usize) -> Vec<Column> {
    o.models
        .iter()
        .map(|(name, r)| {
            let mut c = model_columns(o, name, r, false).swap_remove(part);
            c.header = name.to_string();
            c
        })
        .collect()
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

// ---- CSV ----

fn csv_field(t: &str) -> String {
    let t = &sheetkpi::import::render::csv_safe_text(t);
    if t.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", t.replace('"', "\"\""))
    } else {
        t.to_string()
    }
}

/// All columns of a CSV or xlsx table: per model (prefixed when several), then removal effects.
fn all_columns(o: &Outcome) -> Vec<Column> {
    let several = o.models.len() > 1;
    let mut cols: Vec<Column> = o.models.iter().flat_map(|(n, r)| model_columns(o, n, r, several)).collect();
    cols.extend(removal_columns(o));
    cols
}

pub(super) fn csv(o: &Outcome) -> String {
    let cols = all_columns(o);
    let mut s = std::iter::once("channel".to_string()).chain(cols.iter().map(|c| c.header.clone())).collect::<Vec<_>>().join(",");
    s.push('\n');
    // The channels only: a total row would be counted twice by whoever sums the column.
    for (i, name) in o.data.journeys.channels.iter().enumerate() {
        let mut line = vec![csv_field(name)];
        line.extend(cols.iter().map(|c| match &c.cells[i] {
            Cell::Number(x) => format_number(*x),
            Cell::Error(k) => k.code().to_string(),
            _ => String::new(),
        }));
        s += &line.join(",");
        s.push('\n');
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
