//! `sheetkpi convert FILE --to sheets|excel --out OUT`: the workbook with its KPI calls
//! renamed for the other spreadsheet (`KPI.ROAS` in Excel, `ROAS` in Google Sheets).

use crate::{fail, note};
use sheetkpi::formula::rename::Host;
use sheetkpi::import::convert::convert;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// The spreadsheet the converted workbook is for.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum Target {
    /// Google Sheets: `ROAS(…)`, as the Sheets add-on names the functions.
    Sheets,
    /// Excel: `KPI.ROAS(…)`, stored as Excel stores add-in functions (`_xldudf_KPI_ROAS`).
    Excel,
}

/// Options of `sheetkpi convert`.
#[derive(clap::Args)]
pub struct Args {
    /// The workbook: xlsx or xlsm (Google Sheets downloads and opens xlsx).
    file: PathBuf,
    /// The spreadsheet the new workbook is for.
    #[arg(long, value_enum)]
    to: Target,
    /// Where to write the new workbook (never over the input).
    #[arg(long)]
    out: PathBuf,
    #[command(flatten)]
    limits: crate::files::LimitArgs,
}

/// Exit 0 when the workbook is written (with the count of calls renamed on stderr), 2
/// when it cannot be read or written.
pub fn run(args: Args, _out: &mut dyn Write) -> io::Result<ExitCode> {
    let bytes = match crate::files::read_input(&args.file) {
        Ok(b) => b,
        Err(e) => return fail(e),
    };
    let target = match args.to {
        Target::Sheets => Host::Sheets,
        Target::Excel => Host::Excel,
    };
    let name = args.file.file_name().map(|n| n.to_string_lossy().into_owned());
    let done = match convert(&bytes, name.as_deref(), target, args.limits.limits()) {
        Ok(d) => d,
        Err(e) => return fail(format_args!("{}: {e}", args.file.display())),
    };
    if let Err(e) = crate::files::write_atomically(&args.out, &[&args.file], &mut |w| w.write_all(&done.bytes)) {
        return fail(e);
    }
    let host = match args.to {
        Target::Sheets => "Google Sheets",
        Target::Excel => "Excel",
    };
    note(format_args!(
        "{}: renamed {} KPI call{} in {} formula{} for {host}",
        args.out.display(),
        done.calls,
        if done.calls == 1 { "" } else { "s" },
        done.formulas,
        if done.formulas == 1 { "" } else { "s" }
    ));
    Ok(ExitCode::SUCCESS)
}
