//! `FUNCTIONS.md`, generated from the registry (a test keeps the committed copy in sync).

use crate::registry::{self, Expected, Function, Param};
use std::fmt::Write;

pub use crate::number_text::{format_number, write_number};

fn expected(e: &Expected) -> String {
    match e {
        Expected::Number(x) => format_number(*x),
        Expected::Text(t) => format!("\"{t}\""),
        Expected::Error(k) => k.code().to_string(),
        Expected::Table(rows) => {
            let cell = |c: &registry::ExpectedCell| match c {
                registry::ExpectedCell::N(x) => format_number(*x),
                registry::ExpectedCell::T(t) => t.to_string(),
                registry::ExpectedCell::E(k) => k.code().to_string(),
            };
            // One table row per line inside the cell: `Email · 10 · 0.5`.
            let lines: Vec<String> = rows.iter().map(|r| r.iter().map(cell).collect::<Vec<_>>().join(" · ")).collect();
            format!("a table: {}", lines.join("; "))
        }
    }
}

fn default(p: &Param) -> String {
    match (p.optional(), p.default_text()) {
        (false, _) => "required".into(),
        (true, Some(d)) => format!("optional, default {d}"),
        (true, None) => "optional".into(),
    }
}

fn anchor(f: &Function) -> String {
    f.id.to_ascii_lowercase()
}

fn section(out: &mut String, f: &Function) {
    let _ = writeln!(out, "## {}\n", f.id);
    let _ = writeln!(out, "{}\n", f.description);
    let _ = writeln!(out, "- Excel: `={}(…)` · Google Sheets: `={}(…)`", f.excel_full_name(), f.sheets_name);
    let _ = writeln!(out, "- Formula: {}", f.formula);
    match f.shape {
        registry::Shape::Value => {
            let _ = writeln!(out, "- Result: {}", f.result.display().words);
        }
        registry::Shape::Table(cols) => {
            let _ = writeln!(
                out,
                "- Result: a table that spills (Excel dynamic array, Sheets array): a header row, then one row per item"
            );
            let _ = writeln!(out, "- Source: {}\n", f.source.english());
            let _ = writeln!(out, "| column | shows | precision | description |\n|---|---|---|---|");
            for c in cols {
                let precision = match c.tolerance {
                    None => "exact".to_string(),
                    Some(t) => format!("to {t:e} relative (numeric)"),
                };
                let _ = writeln!(out, "| `{}` | {} | {precision} | {} |", c.name, c.kind.display().words, c.description);
            }
            out.push('\n');
        }
    }
    if f.shape == registry::Shape::Value {
        let _ = writeln!(out, "- Source: {}\n", f.source.english());
    }
    let _ = writeln!(out, "| parameter | kind | | description |\n|---|---|---|---|");
    for p in f.params {
        let options = if p.choices.is_empty() {
            String::new()
        } else {
            format!(" Options: {}.", p.choices.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", "))
        };
        let _ = writeln!(out, "| `{}` | {} | {} | {}{options} |", p.name, p.describe(), default(p), p.description);
    }
    let _ = writeln!(out, "\n| example | result |\n|---|---|");
    for e in f.examples {
        let _ = writeln!(out, "| `={}` | {} |", e.formula, expected(&e.expected));
    }
    out.push('\n');
}

/// The whole of `FUNCTIONS.md`.
pub fn functions_markdown() -> String {
    let mut out = String::from(
        "# sheetkpi functions\n\n\
         Generated from the registry (`src/kpi/`) by `sheetkpi docs`; do not edit by hand.\n\n\
         Additive inputs (spend, revenue, clicks, customers…) take a cell or a range; a range is summed, \
         so a KPI over ranges is the blended KPI (sum of numerators / sum of denominators). Rates are \
         fractions (0.014 shows as 1.4% in a percent format); ROAS and MER are multiples (10 means 10:1).\n\n\
         Errors: `#DIV/0!` a zero denominator · `#VALUE!` text or TRUE/FALSE where a number is needed, or \
         a range where one value is needed · `#NUM!` a value outside the KPI's domain (negative spend, a \
         part larger than its whole, a rate outside 0–1, overflow) · `#N/A` a required input is missing. \
         An error already in an input cell is passed on unchanged.\n\n",
    );
    let _ = writeln!(out, "| function | description |\n|---|---|");
    for f in registry::functions() {
        let _ = writeln!(out, "| [{}](#{}) | {} |", f.signature(), anchor(f), f.description);
    }
    out.push('\n');
    for f in registry::functions() {
        section(&mut out, f);
    }
    out
}

