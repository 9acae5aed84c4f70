//! `sheetkpi report FILE`: every KPI a campaign workbook's data supports, per row,
//! per group and in total, as a table, CSV, JSON or a live xlsx.

use crate::format::{OutFormat, Output};
use crate::{fail, note};
use sheetkpi::import::journeys::{self, JourneyOptions};
use sheetkpi::import::{self, render, Options};
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Options of `sheetkpi report`.
#[derive(clap::Args)]
pub struct Args {
    /// The workbook: xlsx, xlsm, xlsb, xls, ods or csv; several (with the same columns)
    /// are read together, a "Source" column naming each row's file.
    #[arg(required = true, num_args = 1.., value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Read this sheet (default: the first with a recognisable header row).
    #[arg(long)]
    sheet: Option<String>,
    /// Group by this column (header or role name; default: channel, else campaign).
    #[arg(long, value_name = "COL", conflicts_with = "period")]
    group_by: Option<String>,
    /// Group by calendar period of the date column, each KPI with its change on the
    /// previous period (WoW, MoM, QoQ, YoY).
    #[arg(long, value_name = "week|month|quarter|year", value_parser = sheetkpi::import::periods::Period::parse)]
    period: Option<sheetkpi::import::periods::Period>,
    /// Take a column for a role, e.g. --map spend=Kostnad (repeatable).
    #[arg(long, value_name = "ROLE=HEADER")]
    map: Vec<String>,
    #[command(flatten)]
    output: Output,
    /// List every data row in the table, however many.
    #[arg(long)]
    rows: bool,
    /// Show these KPIs in the table, e.g. --kpis ROAS,CAC (CSV, JSON and xlsx keep them all).
    #[arg(long, value_delimiter = ',', value_name = "ID,…")]
    kpis: Option<Vec<String>>,
    /// Show every column in the table, however wide; on a terminal it otherwise fits the
    /// window, showing the key figures (piped output always has every column).
    #[arg(long)]
    wide: bool,
    #[command(flatten)]
    limits: crate::files::LimitArgs,
    #[command(flatten)]
    decimal: crate::files::DecimalArg,
}

/// A pointer to `sheetkpi attribute` when the workbook holds journey data (paths or touch
/// rows): the report's KPIs do not use it.
fn journey_hint(bytes: &[u8], file: &Path) -> Option<String> {
    let opts = JourneyOptions { file_name: file.file_name().map(|n| n.to_string_lossy().into_owned()), ..Default::default() };
    let (sheet, shape) = journeys::detect(bytes, &opts).ok()??;
    let what = match shape {
        journeys::Shape::Paths => "channel paths",
        journeys::Shape::Touches => "one row per touch",
    };
    let place = if sheet == import::source::CSV_SHEET { "the file".to_string() } else { format!("sheet \"{sheet}\"") };
    Some(format!(
        "{place} holds journey data ({what}): `sheetkpi attribute {}` credits its conversions to channels",
        file.display()
    ))
}

pub use crate::files::read_input;

/// The width to fit the table to: the terminal's, when the table goes to one and
/// `--wide` is not given; `None` (every column) for a pipe or a file.
fn terminal_width(args: &Args) -> Option<usize> {
    if args.wide || args.output.out.is_some() || !std::io::stdout().is_terminal() {
        return None;
    }
    let cols = console::Term::stdout().size_checked().map_or(80, |(_, cols)| cols as usize);
    // Narrower than this, no table fits at all: the key column and one figure need it.
    Some(cols.max(40))
}

/// A progress bar on a terminal for long reads; nothing when stderr is piped.
fn progress_bar() -> Option<indicatif::ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::hidden();
    bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} reading rows {pos}/{len} {wide_bar} {elapsed}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    Some(bar)
}

/// Runs the report into `--out`, else to `out`; exit 0 on success, 2 when the file
/// cannot be read or written.
pub fn run(args: Args, out: &mut dyn Write) -> io::Result<ExitCode> {
    let (format, dialect) = match args.output.resolve() {
        Ok(chosen) => chosen,
        Err(e) => return fail(e),
    };
    let limits = args.limits.limits();
    let opts_of = |file: &Path| Options {
        sheet: args.sheet.clone(),
        group_by: args.group_by.clone(),
        map: args.map.clone(),
        max_cells: limits.cells,
        max_bytes: limits.bytes,
        decimal: args.decimal.decimal,
        file_name: file.file_name().map(|n| n.to_string_lossy().into_owned()),
        period: args.period,
    };
    let report = if let [file] = &args.files[..] {
        match one_file(file, &opts_of(file)) {
            Ok(r) => r,
            Err(code) => return Ok(code),
        }
    } else {
        match several_files(&args.files, &opts_of) {
            Ok(r) => r,
            Err(e) => return fail(e),
        }
    };
    // The table lists them under itself; a file or a pipe gets them here.
    if format != OutFormat::Table {
        for w in &report.warnings {
            note(format_args!("warning: {w}"));
        }
    }
    let inputs: Vec<&Path> = args.files.iter().map(PathBuf::as_path).collect();
    let what = format!("{} rows, {} KPIs", report.rows.len(), report.kpis.len());
    let body: Vec<u8> = match format {
        OutFormat::Table => {
            let layout = render::TextLayout {
                all_rows: args.rows,
                width: terminal_width(&args),
                kpis: args.kpis.as_ref().map(|k| k.iter().map(|s| s.trim().to_string()).collect()),
            };
            if let Err(e) = layout.check_kpis(&report) {
                return fail(e);
            }
            render::text(&report, &layout).into_bytes()
        }
        // Streamed: a large report's CSV is never held whole.
        OutFormat::Csv => {
            return args.output.deliver_with(&inputs, &mut |w| render::csv_to(&report, dialect, w), &what, ExitCode::SUCCESS, out)
        }
        OutFormat::Json => render::json(&report).into_bytes(),
        OutFormat::Xlsx => match import::xlsx_out::xlsx(&report) {
            Ok(b) => b,
            Err(e) => return fail(e),
        },
    };
    args.output.deliver(&inputs, &body, &what, ExitCode::SUCCESS, out)
}

/// The report of one file, its journey hint and warnings said; `Err(code)` once the
/// failure is said.
fn one_file(file: &Path, opts: &Options) -> Result<import::Report, ExitCode> {
    let bytes = read_input(file).map_err(|e| refuse(e))?;
    let bar = progress_bar();
    let mut on_progress = |n: u64, total: Option<u64>| {
        if let Some(b) = &bar {
            if let Some(t) = total {
                b.set_length(t);
            }
            b.set_position(n);
        }
    };
    let result = import::report_with_progress(&bytes, opts, &mut on_progress);
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    // The hint reads the file again: only worth it when the file could be read at all
    // (a second pass over a bomb or a damaged file would double the cost of refusing it).
    let readable = match &result {
        Ok(_) => true,
        Err(e) => matches!(e, import::ImportError::NoHeader { .. } | import::ImportError::NoSuchColumn { .. }),
    };
    let hint = if readable { journey_hint(&bytes, file) } else { None };
    match result {
        Ok(r) => {
            if let Some(h) = hint {
                note(h);
            }
            Ok(r)
        }
        Err(e) => {
            let also = hint.map(|h| format!("\n{h}")).unwrap_or_default();
            Err(refuse(format!("{}: {}{also}", file.display(), e.cli_message())))
        }
    }
}

/// Notes `msg` and answers exit code 2.
fn refuse(msg: impl std::fmt::Display) -> ExitCode {
    note(msg);
    ExitCode::from(2)
}

/// The header of the column naming each row's file when several are read together.
const SOURCE_COLUMN: &str = "Source";

/// The report of several files read together: each read on a core of its own (rayon),
/// in the order given, then combined when they have the same columns.
fn several_files(files: &[PathBuf], opts_of: &(dyn Fn(&Path) -> Options + Sync)) -> Result<import::Report, String> {
    use rayon::prelude::*;
    let read: Vec<Result<(String, sheetkpi::import::dataset::Dataset), String>> = files
        .par_iter()
        .map(|file| {
            let bytes = read_input(file)?;
            let ds = import::dataset(&bytes, &opts_of(file), &mut |_, _| {}).map_err(|e| format!("{}: {}", file.display(), e.cli_message()))?;
            Ok((file.display().to_string(), ds))
        })
        .collect();
    let parts = read.into_iter().collect::<Result<Vec<_>, String>>()?;
    let (first_name, first) = &parts[0];
    for (name, ds) in &parts[1..] {
        if !sheetkpi::import::combine::same_columns(first, ds) {
            let columns = |d: &sheetkpi::import::dataset::Dataset| {
                d.labels.iter().map(|l| l.header.clone()).chain(d.measures.iter().map(|m| m.header.clone())).collect::<Vec<_>>().join(", ")
            };
            return Err(format!(
                "{name} has other columns than {first_name}, so they cannot be read together: {} against {}",
                columns(ds),
                columns(first)
            ));
        }
    }
    Ok(sheetkpi::import::report::build(sheetkpi::import::combine::combine(parts, SOURCE_COLUMN, true)))
}
