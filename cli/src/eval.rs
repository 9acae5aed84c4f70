//! `sheetkpi eval`: evaluate literal formulas.

use crate::note;
use sheetkpi::docs::format_number;
use sheetkpi::{evaluate_formula, KpiResult, Value};
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Options of `sheetkpi eval`.
#[derive(clap::Args)]
pub struct Args {
    /// Formulas, e.g. "ROAS(1000, 100)" or "=KPI.CAC({100,200}, {1,3})".
    formulas: Vec<String>,
    /// Read formulas from a file, one per line (blank lines and lines starting with # are skipped).
    #[arg(long, short)]
    file: Option<PathBuf>,
    /// Print results as JSON lines: a number, a string, or {"error", "message"}.
    #[arg(long)]
    json: bool,
}

fn show(r: &KpiResult<Value>) -> String {
    match r {
        Ok(Value::Number(x)) => format_number(*x),
        Ok(Value::Text(t)) => t.to_string(),
        Err(e) => format!("{}  {}", e.kind.code(), e.message),
    }
}

/// Evaluates each formula; exit 1 if any result is a spreadsheet error, 2 if one can't be read.
pub fn run(args: Args, out: &mut dyn Write) -> io::Result<ExitCode> {
    let mut formulas = args.formulas;
    if let Some(path) = &args.file {
        match std::fs::read_to_string(path) {
            Ok(text) => formulas.extend(
                text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(String::from),
            ),
            Err(e) => {
                note(format_args!("cannot read {}: {e}", path.display()));
                return Ok(ExitCode::from(2));
            }
        }
    }
    if formulas.is_empty() {
        note("give a formula, e.g. sheetkpi eval \"ROAS(1000, 100)\"");
        return Ok(ExitCode::from(2));
    }
    let labelled = formulas.len() > 1;
    let mut code = ExitCode::SUCCESS;
    for text in &formulas {
        let result = match evaluate_formula(text) {
            Ok(r) => r,
            Err(e) => {
                note(format_args!("cannot read formula {text:?}: {e}"));
                return Ok(ExitCode::from(2));
            }
        };
        if result.is_err() {
            code = ExitCode::from(1);
        }
        if args.json {
            writeln!(out, "{}", crate::result_json(&result))?;
        } else if labelled {
            writeln!(out, "{text}  →  {}", show(&result))?;
        } else {
            writeln!(out, "{}", show(&result))?;
        }
    }
    Ok(code)
}
