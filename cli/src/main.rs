//! The `sheetkpi` command-line tool: a thin adapter over the library.

mod attribute;
mod audit;
mod clv;
mod convert;
mod eval;
mod examples;
mod files;
mod format;
mod functions;
mod report;

use clap::{Parser, Subcommand};
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

/// Marketing KPIs (ROAS, CAC, CLV…) computed exactly, as in the Excel and Sheets add-ins.
#[derive(Parser)]
#[command(name = "sheetkpi", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// List every function with its parameters and description.
    Functions(functions::Args),
    /// Evaluate formulas such as "ROAS(1000, 100)" or "CAC({100,200}, {1,3})".
    #[command(after_help = eval::EXIT_STATUS)]
    Eval(eval::Args),
    /// Print FUNCTIONS.md, the function reference generated from the registry.
    Docs,
    /// Evaluate every registry example natively (used to check WASM against native).
    Examples(examples::Args),
    /// Every KPI a campaign workbook supports, per row, per channel or campaign, and in total.
    Report(report::Args),
    /// Check the KPI formulas in a workbook against the values it has cached.
    Audit(audit::Args),
    /// Which channels earned the conversions: attribution models over journey data (paths or touches).
    #[command(after_help = attribute::EXIT_STATUS)]
    Attribute(attribute::Args),
    /// Customer lifetime value: BG/NBD, Pareto/NBD or BG/BB with Gamma-Gamma, from customers or transactions.
    #[command(after_help = clv::EXIT_STATUS)]
    Clv(clv::Args),
    /// Rename a workbook's KPI calls for the other spreadsheet: KPI.ROAS (Excel) ⇄ ROAS (Google Sheets).
    Convert(convert::Args),
}

/// Parses the command line and runs it; the exit code is 0 on success (and when the
/// reader closes the output early), 1 when a result is a spreadsheet error, 2 on a usage
/// or syntax error.
fn main() -> ExitCode {
    let cli = Cli::parse();
    quiet_contained_panics();
    files::remove_temporary_on_signal();
    // Every command writes its results here and returns the first write error, so a
    // closed pipe is handled once, below, instead of panicking inside `println!`.
    let mut out = BufWriter::new(io::stdout().lock());
    let result = run(cli.command, &mut out).and_then(|code| out.flush().map(|()| code));
    match result {
        Ok(code) => code,
        // The reader stopped reading (`sheetkpi functions --json | head`): it has all it
        // wanted, so end quietly and successfully, as `head` itself would.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            note(format_args!("cannot write the output: {e}"));
            ExitCode::from(2)
        }
    }
}

/// A panic inside the importer's reader (calamine, on a damaged file) is caught and
/// reported as one `sheetkpi: this file is damaged …` line, so the default hook's
/// "thread 'main' panicked at …" must not print for it; any other panic still does.
fn quiet_contained_panics() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !sheetkpi::import::limits::containing() {
            default(info);
        }
    }));
}

/// Runs one command, writing its results to `out`; an Err is a failed write.
fn run(command: Command, out: &mut dyn Write) -> io::Result<ExitCode> {
    match command {
        Command::Functions(a) => functions::run(a, out),
        Command::Eval(a) => eval::run(a, out),
        Command::Docs => {
            out.write_all(sheetkpi::docs::functions_markdown().as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Examples(a) => examples::run(a, out),
        Command::Report(a) => report::run(a, out),
        Command::Audit(a) => audit::run(a, out),
        Command::Attribute(a) => attribute::run(a, out),
        Command::Clv(a) => clv::run(a, out),
        Command::Convert(a) => convert::run(a, out),
    }
}

/// Prints a message for the user on stderr, prefixed `sheetkpi: `. A failed write is
/// ignored: with stderr gone there is no one left to tell, and it must not panic.
pub fn note(msg: impl std::fmt::Display) {
    let _ = writeln!(io::stderr(), "sheetkpi: {msg}");
}

/// [`note`]s the message and answers exit code 2: how the file commands refuse an input.
pub fn fail(msg: impl std::fmt::Display) -> io::Result<std::process::ExitCode> {
    note(msg);
    Ok(std::process::ExitCode::from(2))
}
