//! `sheetkpi attribute FILE`: which channels earned the conversions, under one or every
//! attribution model, from journey data in either shape (see docs/attribution.md).

use crate::format::{OutFormat, Output};
use crate::{fail, note};
use crate::report::read_input;
use sheetkpi::attribution::Model;
use sheetkpi::import::journeys::report::{self, ModelParams, ORDERS};
use sheetkpi::import::journeys::{self, options::share, JourneyOptions};
use sheetkpi::KpiError;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

mod render;

use journeys::{csv_out::csv, json::json};
use render::{tables, text};

/// What `sheetkpi attribute --help` says about the exit status.
pub const EXIT_STATUS: &str = "Exit status: 0 on success, 1 when a model gives a spreadsheet error (the other models \
are still shown), 2 when the file cannot be read, holds no journey data, has a cell that cannot be used, or the \
output cannot be written.";

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
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u8).range(i64::from(*ORDERS.start())..=i64::from(*ORDERS.end())))]
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
    #[command(flatten)]
    output: Output,
    /// Also give the Markov chain's transition matrix (table, JSON and xlsx output).
    #[arg(long)]
    transition_matrix: bool,
    #[command(flatten)]
    limits: crate::files::LimitArgs,
    #[command(flatten)]
    decimal: crate::files::DecimalArg,
}

/// The models asked for, in [`MODEL_NAMES`](sheetkpi::attribution::MODEL_NAMES) order for
/// `all`, else as given, with the parameters from `args`.
fn models(args: &Args) -> Result<Vec<Model>, KpiError> {
    let (first, last) = args
        .position_shares
        .split_once(',')
        .ok_or_else(|| KpiError::value("--position-shares takes FIRST,LAST, e.g. 0.4,0.4"))?;
    let share = |t: &str| share(t).map_err(|e| KpiError::value(format!("--position-shares: {e}")));
    let params = ModelParams {
        order: args.order,
        first: share(first)?,
        last: share(last)?,
        half_life: args.half_life,
        direct: args.direct.clone(),
    };
    report::models(&args.model, &params)
}

/// Runs the attribution into `--out`, else to `out`; see [`EXIT_STATUS`].
pub fn run(args: Args, out: &mut dyn Write) -> io::Result<ExitCode> {
    let (format, dialect) = match args.output.resolve() {
        Ok(chosen) => chosen,
        Err(e) => return fail(e),
    };
    let models = match models(&args) {
        Ok(m) => m,
        Err(e) => return fail(e.message),
    };
    let bytes = match read_input(&args.file) {
        Ok(b) => b,
        Err(e) => return fail(e),
    };
    let limits = args.limits.limits();
    let opts = JourneyOptions {
        sheet: args.sheet.clone(),
        sep: args.sep.clone(),
        lookback_days: args.lookback_days,
        max_cells: limits.cells,
        max_bytes: limits.bytes,
        decimal: args.decimal.decimal,
        file_name: args.file.file_name().map(|n| n.to_string_lossy().into_owned()),
    };
    let data = match journeys::read(&bytes, &opts) {
        Ok(d) => d,
        Err(e) => return fail(format!("{}: {}", args.file.display(), e.cli_message())),
    };
    let mut o = report::compute(data, &models, args.transition_matrix);
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
        OutFormat::Csv => csv(&o, dialect).into_bytes(),
        OutFormat::Json => json(&o).into_bytes(),
        OutFormat::Xlsx => match journeys::xlsx::workbook(&tables(&o)) {
            Ok(b) => b,
            Err(e) => return fail(e),
        },
    };
    let code = if failed { ExitCode::from(1) } else { ExitCode::SUCCESS };
    let what = format!("{} channels, {} models", o.data.journeys.channels.len(), o.models.len());
    args.output.deliver(&[&args.file], &body, &what, code, out)
}
