//! `sheetkpi functions`: the catalogue, from the registry.

use sheetkpi::registry;
use std::process::ExitCode;

/// Options of `sheetkpi functions`.
#[derive(clap::Args)]
pub struct Args {
    /// Print the full registry as JSON (parameters, kinds, examples).
    #[arg(long)]
    json: bool,
}

/// Prints the catalogue.
pub fn run(args: Args) -> ExitCode {
    if args.json {
        match serde_json::to_string_pretty(&registry::info()) {
            Ok(s) => println!("{s}"),
            Err(e) => {
                eprintln!("sheetkpi: {e}");
                return ExitCode::from(2);
            }
        }
        return ExitCode::SUCCESS;
    }
    let fns = registry::functions();
    let width = fns.iter().map(|f| f.signature().len()).max().unwrap_or(0);
    for f in fns {
        println!("{:width$}  {}", f.signature(), f.description);
    }
    println!("\n{} functions. In Excel type =KPI.<NAME>(…), in Google Sheets =<NAME>(…).", fns.len());
    ExitCode::SUCCESS
}
