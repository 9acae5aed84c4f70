//! The attribution report as CSV: `sheetkpi attribute --format csv` and the page's
//! download (the import WASM's `import_attribute_csv`), the same bytes.
//!
//! One row per channel and no total row (whoever sums a column would count it twice); one
//! model gives `channel,conversions,value,share`, several `channel,<model>_conversions,
//! <model>_value,<model>_share,…`, and with Markov `removal_effect,removal_effect_value`.
//! Numbers in full precision; channel names through the report's CSV rule
//! ([`csv_safe_text`], OWASP's formula-injection rule), then RFC 4180 quoting.

use super::columns::all_columns;
use super::report::Outcome;
use crate::docs::format_number;
use crate::import::render::csv_safe_text;
use crate::value::Cell;

fn field(t: &str) -> String {
    let t = &csv_safe_text(t);
    if t.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", t.replace('"', "\"\""))
    } else {
        t.to_string()
    }
}

/// The report as CSV text, `\n` after every line.
pub fn csv(o: &Outcome) -> String {
    let cols = all_columns(o);
    let mut s = std::iter::once("channel".to_string()).chain(cols.iter().map(|c| c.header.clone())).collect::<Vec<_>>().join(",");
    s.push('\n');
    for (i, name) in o.data.journeys.channels.iter().enumerate() {
        let mut line = vec![field(name)];
        line.extend(cols.iter().map(|c| match &c.cells[i] {
            Cell::Number(x) => format_number(*x),
            Cell::Error(k) => k.code().to_string(),
            _ => String::new(),
        }));
        s += &line.join(",");
        s.push('\n');
    }
    s
}
