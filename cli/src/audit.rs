//! `sheetkpi audit FILE`: are the KPI formulas in a workbook still right?

use crate::note;
use crate::report::read_input;
use sheetkpi::import::audit::{audit_within, Status};
use std::io::{self, Write};
use std::process::ExitCode;

/// Options of `sheetkpi audit`.
#[derive(clap::Args)]
pub struct Args {
    /// The workbook: xlsx, xlsm, xlsb, xls or ods.
    file: std::path::PathBuf,
    /// Print the audit as JSON.
    #[arg(long)]
    json: bool,
    /// Also list the formulas whose cached values are current.
    #[arg(long)]
    all: bool,
    #[command(flatten)]
    limits: crate::files::LimitArgs,
}

/// Exit 0 when every KPI formula's cached value is current, 1 when any is stale or
/// wrong, 2 when the file cannot be read. Formulas it cannot evaluate are listed, not judged.
pub fn run(args: Args, out: &mut dyn Write) -> io::Result<ExitCode> {
    let bytes = match read_input(&args.file) {
        Ok(b) => b,
        Err(e) => {
            note(e);
            return Ok(ExitCode::from(2));
        }
    };
    let name = args.file.file_name().map(|n| n.to_string_lossy().into_owned());
    let a = match audit_within(&bytes, name.as_deref(), args.limits.limits()) {
        Ok(a) => a,
        Err(e) => {
            note(format_args!("{}: {}", args.file.display(), e.cli_message()));
            return Ok(ExitCode::from(2));
        }
    };
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&a).unwrap_or_default())?;
    } else {
        for f in a.findings.iter().filter(|f| args.all || f.status != Status::Ok) {
            let verdict = match f.status {
                Status::Ok => "ok",
                Status::Mismatch => "STALE OR WRONG",
                Status::NotEvaluated => "not evaluated",
            };
            let note = f.note.as_deref().map(|n| format!(": {n}")).unwrap_or_default();
            writeln!(out, "{}!{}  {}  {verdict}{note}", f.sheet, f.cell, f.formula)?;
        }
        writeln!(
            out,
            "{} KPI formulas: {} current, {} stale or wrong, {} not evaluated.",
            a.findings.len(),
            a.ok,
            a.mismatches,
            a.not_evaluated
        )?;
    }
    Ok(if a.mismatches > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
