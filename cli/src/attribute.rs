//! `sheetkpi attribute FILE`: which channels earned the conversions, under one or every
//! attribution model, from journey data in either shape (see docs/attribution.md).

use crate::note;
use crate::report::{read_input, write_atomically};
use sheetkpi::attribution::{
    attribute, removal_effects, transition_matrix, ChannelResult, Model, RemovalEffect, Transition, MODEL_NAMES,
};
use sheetkpi::docs::format_number;
use sheetkpi::import::journeys::{self, xlsx::Table, Field, JourneyData, JourneyOptions, Shape};
use sheetkpi::registry::{format_plain, ResultKind};
use sheetkpi::exact::Exact;
use sheetkpi::{Cell, KpiError};
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// What `sheetkpi attribute --help` says about the exit status.
pub const EXIT_STATUS: &str = "Exit status: 0 on success, 1 when a model gives a spreadsheet error (the other models \
are still shown), 2 when the file cannot be read, holds no journey data, has a cell that cannot be used, or the \
output cannot be written.";

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OutFormat {
    /// Readable tables: per model, or channel × model for several.
    Table,
    /// CSV: a row per channel; for several models, columns per model.
    Csv,
    /// JSON: models, removal effects, totals and warnings.
    Json,
    /// An xlsx workbook with a sheet per model (needs --out).
    Xlsx,
}

/// Options of `sheetkpi attribute`.
#[derive(clap::Args)]
pub struct Args {
    /// The journey data: xlsx, xlsm, xlsb, xls, ods or csv, one row per path or per touch.
    file: PathBuf,
    /// The model, or several separated by commas, or all: first, last, linear, position,
    /// time_decay, last_non_direct, markov, shapley.
    #[arg(long, short, default_value = "all", value_delimiter = ',')]
    model: Vec<String>,
    /// The Markov chain's order (1 to 4).
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u8).range(1..=4))]
    order: u8,
    /// Position model: the first and last touches' shares, e.g. 0.4,0.4 (40/20/40).
    #[arg(long, value_name = "FIRST,LAST", default_value = "0.4,0.4")]
    position_shares: String,
    /// Time-decay model: the half-life, in days (in touches on path-level data).
    #[arg(long, default_value_t = 7.0, value_name = "DAYS")]
    half_life: f64,
    /// Last non-direct model: the name of the direct channel (compared ignoring case).
    #[arg(long, default_value = "Direct", value_name = "NAME")]
    direct: String,
    /// Touchpoint data: touches more than this many days before a conversion are left out.
    #[arg(long, default_value_t = 30.0, value_name = "DAYS")]
    lookback_days: f64,
    /// Path-level data: the channel separator inside a path.
    #[arg(long, default_value = ">")]
    sep: String,
    /// Read this sheet (default: the first with journey headers).
    #[arg(long)]
    sheet: Option<String>,
    /// Output format (default: from --out's extension, else table).
    #[arg(long, short, value_enum)]
    format: Option<OutFormat>,
    /// Write the result here (atomically) instead of printing it.
    #[arg(long, short)]
    out: Option<PathBuf>,
    /// Also give the Markov chain's transition matrix (table, JSON and xlsx output).
    #[arg(long)]
    transition_matrix: bool,
    /// Refuse sheets larger than this many cells.
    #[arg(long, default_value_t = sheetkpi::import::DEFAULT_MAX_CELLS)]
    max_cells: u64,
}

fn fail(msg: impl std::fmt::Display) -> io::Result<ExitCode> {
    note(msg);
    Ok(ExitCode::from(2))
}

fn format_for(args: &Args) -> OutFormat {
    if let Some(f) = args.format {
        return f;
    }
    let ext = args.out.as_ref().and_then(|p| p.extension()).and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("csv") => OutFormat::Csv,
        Some("json") => OutFormat::Json,
        Some("xlsx") => OutFormat::Xlsx,
        _ => OutFormat::Table,
    }
}

/// A share typed on the command line (`0.4`, `40%`), exactly as typed.
fn share(t: &str) -> Result<Exact, KpiError> {
    match sheetkpi::import::csv_in::parse_field(t, false) {
        Cell::Number(x) => sheetkpi::num::to_exact(x),
        _ => Err(KpiError::value(format!("--position-shares: \"{}\" is not a number", t.trim()))),
    }
}

/// The models asked for, in [`MODEL_NAMES`] order for `all`, else as given, with the
/// parameters from `args`.
fn models(args: &Args) -> Result<Vec<Model>, KpiError> {
    let (first, last) = args
        .position_shares
        .split_once(',')
        .ok_or_else(|| KpiError::value("--position-shares takes FIRST,LAST, e.g. 0.4,0.4"))?;
    let (first, last) = (share(first)?, share(last)?);
    let with_args = |m: Model| match m {
        Model::Markov { .. } => Model::Markov { order: args.order },
        Model::Position { .. } => Model::Position { first: first.clone(), last: last.clone() },
        Model::TimeDecay { .. } => Model::TimeDecay { half_life: args.half_life },
        Model::LastNonDirect { .. } => Model::LastNonDirect { direct: args.direct.clone() },
        m => m,
    };
    let names = &args.model;
    let mut out: Vec<Model> = Vec::new();
    for n in names {
        let batch = if n.trim().eq_ignore_ascii_case("all") {
            MODEL_NAMES.iter().map(|m| Model::parse(m)).collect::<Result<Vec<_>, _>>()?
        } else {
            vec![Model::parse(n)?]
        };
        for m in batch {
            let m = with_args(m);
            if !out.iter().any(|x| x.name() == m.name()) {
                out.push(m);
            }
        }
    }
    Ok(out)
}

/// Everything computed, before formatting.
struct Outcome {
    data: JourneyData,
    models: Vec<(&'static str, Result<Vec<ChannelResult>, KpiError>)>,
    removal: Option<Result<Vec<RemovalEffect>, KpiError>>,
    transitions: Option<Result<Vec<Transition>, KpiError>>,
    warnings: Vec<String>,
}

/// Runs the attribution into `--out`, else to `out`; see [`EXIT_STATUS`].
pub fn run(args: Args, out: &mut dyn Write) -> io::Result<ExitCode> {
    let format = format_for(&args);
    if format == OutFormat::Xlsx && args.out.is_none() {
        return fail("--format xlsx needs --out FILE.xlsx");
    }
    let models = match models(&args) {
        Ok(m) => m,
        Err(e) => return fail(e.message),
    };
    let bytes = match read_input(&args.file) {
        Ok(b) => b,
        Err(e) => return fail(e),
    };
    let opts = JourneyOptions {
        sheet: args.sheet.clone(),
        sep: args.sep.clone(),
        lookback_days: args.lookback_days,
        max_cells: args.max_cells,
        file_name: args.file.file_name().map(|n| n.to_string_lossy().into_owned()),
    };
    let data = match journeys::read(&bytes, &opts) {
        Ok(d) => d,
        Err(e) => return fail(format!("{}: {}", args.file.display(), e.cli_message())),
    };
    let mut o = compute(data, &models, args.transition_matrix);
    if o.transitions.is_some() && format == OutFormat::Csv {
        o.warnings.push("the transition matrix is given in table, JSON and xlsx output, not in CSV".into());
    }
    for w in &o.warnings {
        note(format_args!("warning: {w}"));
    }
    let failed = o.models.iter().any(|(_, r)| r.is_err()) || matches!(o.removal, Some(Err(_)));
    for (name, r) in &o.models {
        if let Err(e) = r {
            note(format_args!("{name}: {} {}", e.kind.code(), e.message));
        }
    }
    let body = match format {
        OutFormat::Table => text(&o).into_bytes(),
        OutFormat::Csv => csv(&o).into_bytes(),
        OutFormat::Json => json(&o).into_bytes(),
        OutFormat::Xlsx => match journeys::xlsx::workbook(&tables(&o)) {
            Ok(b) => b,
            Err(e) => return fail(e),
        },
    };
    let code = if failed { ExitCode::from(1) } else { ExitCode::SUCCESS };
    match &args.out {
        Some(path) => match write_atomically(path, &args.file, &body) {
            Ok(()) => {
                note(format_args!("wrote {} ({} channels, {} models)", path.display(), o.data.journeys.channels.len(), o.models.len()));
                Ok(code)
            }
            Err(e) => fail(e),
        },
        None => {
            out.write_all(&body)?;
            Ok(code)
        }
    }
}

fn compute(data: JourneyData, models: &[Model], with_matrix: bool) -> Outcome {
    let mut warnings = data.warnings.clone();
    let markov = models.iter().find_map(|m| if let Model::Markov { order } = m { Some(*order) } else { None });
    if markov.is_some() && data.shape == Shape::Paths && !data.has(Field::Nulls) {
        warnings.push(
            "no column of non-converting journeys (nulls): the Markov model sees only converting journeys, \
             so every removal effect is the share of converting paths that touch the channel"
                .into(),
        );
    }
    let results = models.iter().map(|m| (m.name(), attribute(&data.journeys, m))).collect();
    let removal = markov.map(|order| removal_effects(&data.journeys, order));
    if with_matrix && markov.is_none() {
        warnings.push("--transition-matrix needs the markov model among the models".into());
    }
    let transitions = markov.filter(|_| with_matrix).map(|order| transition_matrix(&data.journeys, order));
    Outcome { data, models: results, removal, transitions, warnings }
}

// ---- JSON ----

fn num(x: f64) -> String {
    serde_json::to_string(&x).unwrap_or_else(|_| "null".into())
}

fn string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

fn error_json(e: &KpiError) -> String {
    format!("{{\"error\": {}, \"message\": {}}}", string(e.kind.code()), string(&e.message))
}

/// `{"models": {..}, "removal_effects": {..}, "totals": {..}, "source": {..}, "warnings": [..]}`,
/// models and channels in their display order.
fn json(o: &Outcome) -> String {
    let mut s = String::from("{\n  \"models\": {");
    for (i, (name, r)) in o.models.iter().enumerate() {
        s += if i == 0 { "\n    " } else { ",\n    " };
        s += &format!("{}: ", string(name));
        match r {
            Ok(rows) => {
                let items: Vec<String> = rows
                    .iter()
                    .map(|c| {
                        format!(
                            "{{\"channel\": {}, \"conversions\": {}, \"value\": {}, \"share\": {}}}",
                            string(&c.channel),
                            num(c.conversions.to_f64()),
                            num(c.value.to_f64()),
                            num(c.share.to_f64())
                        )
                    })
                    .collect();
                s += &format!("[\n      {}\n    ]", items.join(",\n      "));
            }
            Err(e) => s += &error_json(e),
        }
    }
    s += "\n  }";
    if let Some(r) = &o.removal {
        s += ",\n  \"removal_effects\": ";
        match r {
            Ok(effects) => {
                let items: Vec<String> = effects
                    .iter()
                    .map(|e| format!("{}: {{\"conversions\": {}, \"value\": {}}}", string(&e.channel), num(e.conversions), num(e.value)))
                    .collect();
                s += &format!("{{\n    {}\n  }}", items.join(",\n    "));
            }
            Err(e) => s += &error_json(e),
        }
    }
    if let Some(r) = &o.transitions {
        s += ",\n  \"transition_matrix\": ";
        match r {
            Ok(t) => {
                let items: Vec<String> = t
                    .iter()
                    .map(|t| format!("{{\"from\": {}, \"to\": {}, \"probability\": {}}}", string(&t.from), string(&t.to), num(t.probability)))
                    .collect();
                s += &format!("[\n    {}\n  ]", items.join(",\n    "));
            }
            Err(e) => s += &error_json(e),
        }
    }
    let j = &o.data.journeys;
    s += &format!(
        ",\n  \"totals\": {{\"conversions\": {}, \"value\": {}}}",
        num(j.total_conversions().to_f64()),
        num(j.total_value().to_f64())
    );
    let d = &o.data;
    let shape = if d.shape == Shape::Paths { "paths" } else { "touches" };
    s += &format!(
        ",\n  \"source\": {{\"sheet\": {}, \"header_row\": {}, \"shape\": {}, \"rows\": {}, \"journeys\": {}, \"channels\": {}}}",
        string(&d.sheet),
        d.header_row,
        string(shape),
        d.rows,
        j.journeys.len(),
        j.channels.len()
    );
    let warnings: Vec<String> = o.warnings.iter().map(|w| string(w)).collect();
    s += &format!(",\n  \"warnings\": [{}]\n}}\n", warnings.join(", "));
    s
}

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

fn text(o: &Outcome) -> String {
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

fn csv(o: &Outcome) -> String {
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
fn tables(o: &Outcome) -> Vec<Table> {
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
