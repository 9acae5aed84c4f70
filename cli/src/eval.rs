//! `sheetkpi eval`: evaluate literal formulas.

use crate::note;
use sheetkpi::docs::format_number;
use sheetkpi::eval::Wire;
use sheetkpi::{evaluate_formula, KpiResult, Value};
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// What `sheetkpi eval --help` says about the exit status.
pub const EXIT_STATUS: &str = "Exit status: 0 when every result is a value, 1 when any is a spreadsheet error, \
2 when a formula cannot be read (reported on stderr with its line number; the other formulas are still evaluated).";

/// Options of `sheetkpi eval`.
#[derive(clap::Args)]
pub struct Args {
    /// Formulas, e.g. "ROAS(1000, 100)" or "=KPI.CAC({100,200}, {1,3})".
    formulas: Vec<String>,
    /// Read formulas from a file, one per line (blank lines and lines starting with # are skipped);
    /// every line is evaluated, even after one that cannot be read.
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
        Ok(Value::Table(t)) => t.aligned().trim_end().to_string(),
        Err(e) => format!("{}  {}", e.kind.code(), e.message),
    }
}

/// Evaluates every formula, the arguments' then the file's, printing one result each
/// (a value, or a spreadsheet error and its reason). A formula that cannot be read is
/// reported on stderr, with its file and line number, and the rest are still evaluated.
/// The exit code is the worst status: 0 all values, 1 a spreadsheet error, 2 a formula
/// that cannot be read (or no formula, or an unreadable file).
pub fn run(args: Args, out: &mut dyn Write) -> io::Result<ExitCode> {
    // (line number in --file, formula); arguments have no line.
    let mut formulas: Vec<(Option<usize>, String)> = args.formulas.into_iter().map(|f| (None, f)).collect();
    if let Some(path) = &args.file {
        match std::fs::read_to_string(path) {
            Ok(text) => formulas.extend(
                text.lines()
                    .enumerate()
                    .map(|(i, l)| (i + 1, l.trim()))
                    .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
                    .map(|(n, l)| (Some(n), l.to_string())),
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
    let mut worst = 0u8;
    for (line, text) in &formulas {
        let result = match evaluate_formula(text) {
            Ok(r) => r,
            Err(e) => {
                // Results are buffered: flush them so that on a terminal the message
                // appears after the results of the lines above it.
                out.flush()?;
                match (line, &args.file) {
                    (Some(n), Some(path)) => {
                        note(format_args!("{}:{n}: cannot read formula {text:?}: {e}", path.display()))
                    }
                    _ => note(format_args!("cannot read formula {text:?}: {e}")),
                }
                worst = 2;
                continue;
            }
        };
        if result.is_err() {
            worst = worst.max(1);
        }
        if args.json {
            writeln!(out, "{}", serde_json::to_string(&Wire(&result))?)?;
        } else if labelled && matches!(result, Ok(Value::Table(_))) {
            // A table goes on lines of its own, under its formula.
            writeln!(out, "{text}  →\n{}", show(&result))?;
        } else if labelled {
            writeln!(out, "{text}  →  {}", show(&result))?;
        } else {
            writeln!(out, "{}", show(&result))?;
        }
    }
    Ok(ExitCode::from(worst))
}
