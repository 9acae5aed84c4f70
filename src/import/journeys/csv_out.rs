//! The attribution report as CSV: `sheetkpi attribute --format csv` and the page's
//! download (the import WASM's `import_attribute_csv`), the same bytes.
//!
//! One row per channel and no total row (whoever sums a column would count it twice); one
//! model gives `channel,conversions,value,share`, several `channel,<model>_conversions,
//! <model>_value,<model>_share,…`, and with Markov `removal_effect,removal_effect_value`.
//! Numbers in full precision; channel names through the report's CSV rule
//! ([`csv_safe_text`](crate::import::csv_write::csv_safe_text), OWASP's formula-injection
//! rule), then RFC 4180 quoting, in the dialect chosen ([`crate::import::csv_write`]).

use super::columns::all_columns;
use super::report::Outcome;
use crate::import::csv_write::{CsvDialect, CsvWriter};

/// The report as CSV text in `dialect`, a line per channel.
pub fn csv(o: &Outcome, dialect: CsvDialect) -> String {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = write(o, dialect, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

fn write(o: &Outcome, dialect: CsvDialect, out: &mut Vec<u8>) -> std::io::Result<()> {
    let cols = all_columns(o);
    let mut w = CsvWriter::start(out, dialect)?;
    w.word("channel")?;
    for c in &cols {
        w.word(&c.header)?;
    }
    w.end_line()?;
    for (i, name) in o.data.journeys.channels.iter().enumerate() {
        w.text(name)?;
        for c in &cols {
            match &c.cells[i] {
                crate::value::Cell::Number(x) => w.number(*x)?,
                crate::value::Cell::Error(k) => w.error(*k)?,
                _ => w.empty()?,
            }
        }
        w.end_line()?;
    }
    w.finish().map(drop)
}
