//! `sheetkpi examples --json`: native results of every registry example, bit for bit.

use sheetkpi::registry::{self, ExampleInfo};
use sheetkpi::{evaluate, Value};
use std::process::ExitCode;

/// Options of `sheetkpi examples`.
#[derive(clap::Args)]
pub struct Args {
    /// Print JSON (the only format; kept explicit for scripts).
    #[arg(long)]
    json: bool,
}

/// Prints `[{id, formula, args, expected, native, bits}]`, `bits` being the f64's hex bits.
pub fn run(_args: Args) -> ExitCode {
    let mut rows = Vec::new();
    for f in registry::functions() {
        for e in f.examples {
            let info = ExampleInfo::from(e);
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
                "native": crate::result_json(&result),
                "bits": bits,
            }));
        }
    }
    match serde_json::to_string_pretty(&rows) {
        Ok(s) => {
            println!("{s}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("sheetkpi: {e}");
            ExitCode::from(2)
        }
    }
}
