//! `sheetkpi clv FILE`: customer lifetime value as the research computes it (BG/NBD,
//! Pareto/NBD or BG/BB, with Gamma-Gamma for spend) from a summary per customer or a
//! transaction list (see docs/clv.md).

use crate::format::{OutFormat, Output};
use crate::{fail, note};
use crate::report::read_input;
use sheetkpi::clv::forecast::{Fitted, Model};
use sheetkpi::clv::summary::Unit;
use sheetkpi::import::clv_report::{self, ClvOptions, ClvOutcome, CSV_COLUMNS};
use sheetkpi::import::customers::{self, CustomerOptions};
use sheetkpi::import::journeys::xlsx::{self, Table};
use sheetkpi::registry::{format_plain, ResultKind};
use sheetkpi::{Cell, KpiResult};
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// What `sheetkpi clv --help` says about the exit status.
pub const EXIT_STATUS: &str = "Exit status: 0 on success, 1 when a customer's prediction is a spreadsheet error (the \
others are still shown), 2 when the file cannot be read, holds no customer data, has a cell that cannot be used, \
the model cannot be fitted to it, or the output cannot be written.";

/// Options of `sheetkpi clv`.
#[derive(clap::Args)]
pub struct Args {
    /// The customers: xlsx, xlsm, xlsb, xls, ods or csv; a summary per customer (frequency,
    /// recency, T[, monetary_value]) or one row per transaction (customer, date[, amount]).
    file: PathBuf,
    /// The purchase model: bgnbd (BG/NBD), pnbd (Pareto/NBD) or bgbb (BG/BB, discrete opportunities).
    #[arg(long, default_value = "bgnbd", value_parser = clv_report::parse_model)]
    model: Model,
    /// The time unit: days, weeks or months. Transactions are counted in it (needed); for a
    /// summary it is the unit its recency and age are in (stated in the output).
    #[arg(long, value_parser = clv_report::parse_unit)]
    unit: Option<Unit>,
    /// Transactions: the end of observation, YYYY-MM-DD (default: the latest transaction).
    #[arg(long, value_name = "YYYY-MM-DD")]
    end: Option<String>,
    /// Periods ahead for expected purchases and CLV (default: a year in the unit).
    #[arg(long, value_name = "N")]
    horizon: Option<f64>,
    /// Discount rate per period for the CLV (0.01 is 1% a period).
    #[arg(long, default_value_t = 0.0)]
    discount: f64,
    /// Margin on spend for the CLV, 0 to 1 (1: the CLV is in revenue).
    #[arg(long, default_value_t = 1.0)]
    margin: f64,
    /// Read this sheet (default: the first with customer headers).
    #[arg(long)]
    sheet: Option<String>,
    #[command(flatten)]
    output: Output,
    /// List every customer in the table (default: the 20 of highest CLV).
    #[arg(long)]
    rows: bool,
    #[command(flatten)]
    limits: crate::files::LimitArgs,
    #[command(flatten)]
    decimal: crate::files::DecimalArg,
}

/// Runs the forecast into `--out`, else to `out`; see [`EXIT_STATUS`].
pub fn run(args: Args, out: &mut dyn Write) -> io::Result<ExitCode> {
    let (format, dialect) = match args.output.resolve() {
        Ok(chosen) => chosen,
        Err(e) => return fail(e),
    };
    let end = match args.end.as_deref().map(clv_report::parse_end).transpose() {
        Ok(e) => e,
        Err(e) => return fail(format!("--end {e}")),
    };
    let bytes = match read_input(&args.file) {
        Ok(b) => b,
        Err(e) => return fail(e),
    };
    let limits = args.limits.limits();
    let opts = CustomerOptions {
        sheet: args.sheet.clone(),
        max_cells: limits.cells,
        max_bytes: limits.bytes,
        decimal: args.decimal.decimal,
        file_name: args.file.file_name().map(|n| n.to_string_lossy().into_owned()),
    };
    let data = match customers::read(&bytes, &opts) {
        Ok(d) => d,
        Err(e) => return fail(format!("{}: {}", args.file.display(), e.cli_message())),
    };
    let o = ClvOptions { model: args.model, unit: args.unit, end, horizon: args.horizon, discount: args.discount, margin: args.margin };
    let outcome = match clv_report::compute(data, &o) {
        Ok(r) => r,
        Err(e) => return fail(format!("{}: {} {}", args.file.display(), e.kind.code(), e.message)),
    };
    for w in &outcome.warnings {
        note(format_args!("warning: {w}"));
    }
    let failed = outcome.forecast.customers.iter().any(|c| {
        c.expected_purchases.is_err() || c.p_alive.is_err() || c.clv.as_ref().is_some_and(|r| r.is_err())
    });
    let body = match format {
        OutFormat::Table => text(&outcome, args.rows).into_bytes(),
        OutFormat::Csv => clv_report::csv(&outcome, dialect).into_bytes(),
        OutFormat::Json => clv_report::json(&outcome).into_bytes(),
        OutFormat::Xlsx => match xlsx::workbook(&tables(&outcome)) {
            Ok(b) => b,
            Err(e) => return fail(e),
        },
    };
    let code = if failed { ExitCode::from(1) } else { ExitCode::SUCCESS };
    let what = format!("{} customers", outcome.forecast.customers.len());
    args.output.deliver(&[&args.file], &body, &what, code, out)
}

/// A result for people: its number by `kind`, or its error code.
fn shown(r: &KpiResult<f64>, kind: ResultKind) -> String {
    match r {
        Ok(x) => format_plain(*x, kind, true),
        Err(e) => e.kind.code().to_string(),
    }
}

/// The unit in words: `weeks`, or the data's own unit when not given.
fn unit_words(o: &ClvOutcome) -> &'static str {
    o.unit.map_or("periods of the data's unit", Unit::name)
}

/// A fit as `name  estimate  std. error` lines with its log-likelihood.
fn fit_lines(s: &mut String, title: &str, f: &Fitted) {
    s.push_str(&format!("{title} (log-likelihood {:.4})\n", f.fit.log_likelihood));
    let head = ["parameter".to_string(), "estimate".into(), "std. error".into()];
    let rows: Vec<Vec<String>> = f
        .names
        .iter()
        .zip(&f.fit.params)
        .zip(&f.fit.std_errors)
        .map(|((n, p), e)| vec![n.to_string(), format!("{p:.6}"), if e.is_nan() { "n/a".into() } else { format!("{e:.6}") }])
        .collect();
    sheetkpi::table::layout(s, &head, &rows);
}

/// The fits, then the customers (the 20 of highest CLV, else of most expected purchases;
/// all with `--rows`).
fn text(o: &ClvOutcome, all: bool) -> String {
    let mut s = String::new();
    let f = &o.forecast;
    fit_lines(&mut s, &format!("{} purchase model, in {}", model_title(o.model), unit_words(o)), &f.purchases);
    match &f.spend {
        Some(Ok(sp)) => {
            s.push('\n');
            fit_lines(&mut s, "Gamma-Gamma spend model, on the repeat buyers", sp);
        }
        Some(Err(e)) => s.push_str(&format!("\nGamma-Gamma spend model: {} {}\n", e.kind.code(), e.message)),
        None => {}
    }
    let mut order: Vec<usize> = (0..f.customers.len()).collect();
    let key = |i: usize| {
        let c = &f.customers[i];
        let v = c.clv.as_ref().and_then(|r| r.as_ref().ok()).or(c.expected_purchases.as_ref().ok());
        v.copied().unwrap_or(f64::NEG_INFINITY)
    };
    // Highest first; ties keep the input's order (a stable sort).
    order.sort_by(|&a, &b| key(b).total_cmp(&key(a)));
    let shown_rows = if all { order.len() } else { order.len().min(20) };
    s.push_str(&format!(
        "\nCustomers ({} of {}, by {}; horizon {} {}{})\n",
        shown_rows,
        order.len(),
        if f.spend.as_ref().is_some_and(|r| r.is_ok()) { "CLV" } else { "expected purchases" },
        format_plain(o.horizon, ResultKind::Count, false),
        unit_words(o),
        if o.discount != 0.0 { format!(", discount {} a period", format_plain(o.discount, ResultKind::Fraction, true)) } else { String::new() }
    ));
    let head: Vec<String> = CSV_COLUMNS.iter().map(|c| c.to_string()).collect();
    let rows: Vec<Vec<String>> = order[..shown_rows]
        .iter()
        .map(|&i| {
            let c = &f.customers[i];
            let h = &c.history;
            let opt = |r: &Option<KpiResult<f64>>, k| r.as_ref().map_or(String::new(), |r| shown(r, k));
            vec![
                h.id.clone(),
                format_plain(h.weight, ResultKind::Count, false),
                format_plain(h.x, ResultKind::Count, false),
                format_plain(h.t_x, ResultKind::Count, true),
                format_plain(h.t, ResultKind::Count, true),
                shown(&c.expected_purchases, ResultKind::Count),
                shown(&c.p_alive, ResultKind::Fraction),
                opt(&c.expected_spend, ResultKind::Money),
                opt(&c.clv, ResultKind::Money),
            ]
        })
        .collect();
    sheetkpi::table::layout(&mut s, &head, &rows);
    s
}

fn model_title(m: Model) -> &'static str {
    match m {
        Model::BgNbd => "BG/NBD",
        Model::ParetoNbd => "Pareto/NBD",
        Model::BgBb => "BG/BB",
    }
}

/// The xlsx: a sheet of customers, one per fit.
fn tables(o: &ClvOutcome) -> Vec<Table> {
    let f = &o.forecast;
    let num = |r: &KpiResult<f64>| match r {
        Ok(x) => Cell::Number(*x),
        Err(e) => Cell::Error(e.kind),
    };
    let opt = |r: &Option<KpiResult<f64>>| r.as_ref().map_or(Cell::Empty, num);
    let customers = Table {
        name: "Customers".into(),
        header: CSV_COLUMNS.iter().map(|c| c.to_string()).collect(),
        kinds: vec![None, None, None, None, None, Some(ResultKind::Count), Some(ResultKind::Fraction), Some(ResultKind::Money), Some(ResultKind::Money)],
        rows: f
            .customers
            .iter()
            .map(|c| {
                let h = &c.history;
                vec![
                    Cell::Text(h.id.clone()),
                    Cell::Number(h.weight),
                    Cell::Number(h.x),
                    Cell::Number(h.t_x),
                    Cell::Number(h.t),
                    num(&c.expected_purchases),
                    num(&c.p_alive),
                    opt(&c.expected_spend),
                    opt(&c.clv),
                ]
            })
            .collect(),
        total_row: false,
    };
    let fit_table = |name: &str, fit: &Fitted| Table {
        name: name.into(),
        header: vec!["parameter".into(), "estimate".into(), "std_error".into()],
        kinds: vec![None, None, None],
        rows: fit
            .names
            .iter()
            .zip(&fit.fit.params)
            .zip(&fit.fit.std_errors)
            .map(|((n, p), e)| vec![Cell::Text(n.to_string()), Cell::Number(*p), if e.is_nan() { Cell::Empty } else { Cell::Number(*e) }])
            .chain([vec![Cell::Text("log_likelihood".into()), Cell::Number(fit.fit.log_likelihood), Cell::Empty]])
            .collect(),
        total_row: false,
    };
    let mut t = vec![customers, fit_table(&model_title(o.model).replace('/', " "), &f.purchases)];
    if let Some(Ok(sp)) = &f.spend {
        t.push(fit_table("Gamma-Gamma", sp));
    }
    t
}
