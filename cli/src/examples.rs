//! `sheetkpi examples --json`: native results of every registry example, bit for bit.

use sheetkpi::registry::{self, ExampleInfo};
use crate::note;
use sheetkpi::eval::Wire;
use sheetkpi::{evaluate, Value};
use std::io::{self, Write};
use std::process::ExitCode;

/// Options of `sheetkpi examples`.
#[derive(clap::Args)]
pub struct Args {
    /// Print JSON (the only format; kept explicit for scripts).
    #[arg(long)]
    json: bool,
}

/// Writes `[{id, formula, args, expected, native, bits}]`, `bits` being the f64's hex bits.
pub fn run(_args: Args, out: &mut dyn Write) -> io::Result<ExitCode> {
    let mut rows = Vec::new();
    for f in registry::functions() {
        for e in f.examples {
            let info = ExampleInfo::of(e, f.shape);
            let result = evaluate(f.id, &info.args);
            let bits = match &result {
                Ok(Value::Number(x)) => Some(format!("{:016x}", x.to_bits())),
                _ => None,
            };
            rows.push(serde_json::json!({
                "id": f.id,
                "formula": e.formula,
                "args": info.args,
                "expected": info.expected,
                "native": Wire(&result),
                "bits": bits,
            }));
        }
    }
    match serde_json::to_string_pretty(&rows) {
        Ok(s) => {
            writeln!(out, "{s}")?;
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            note(e);
            Ok(ExitCode::from(2))
        }
    }
}
