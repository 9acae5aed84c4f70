//! `sheetkpi functions`: the catalogue, from the registry.

use crate::note;
use sheetkpi::registry;
use std::io::{self, Write};
use std::process::ExitCode;

/// Options of `sheetkpi functions`.
#[derive(clap::Args)]
pub struct Args {
    /// Print the full registry as JSON (parameters, kinds, examples).
    #[arg(long)]
    json: bool,
}

/// Writes the catalogue to `out`.
pub fn run(args: Args, out: &mut dyn Write) -> io::Result<ExitCode> {
    if args.json {
        match serde_json::to_string_pretty(&registry::info()) {
            Ok(s) => writeln!(out, "{s}")?,
            Err(e) => {
                note(e);
                return Ok(ExitCode::from(2));
            }
        }
        return Ok(ExitCode::SUCCESS);
    }
    let fns = registry::functions();
    let width = fns.iter().map(|f| f.signature().len()).max().unwrap_or(0);
    for f in fns {
        writeln!(out, "{:width$}  {}", f.signature(), f.description)?;
    }
    writeln!(out, "\n{} functions. In Excel type =KPI.<NAME>(…), in Google Sheets =<NAME>(…).", fns.len())?;
    Ok(ExitCode::SUCCESS)
}
