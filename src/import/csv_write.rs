//! The one CSV writer: the report's, the attribution's and the CLV forecast's CSV, in the
//! CLI and in the page's downloads, all written through [`CsvWriter`] in a [`CsvDialect`].
//!
//! A CSV is opened by a spreadsheet in the user's locale, which decides how it splits
//! fields and reads numbers: Excel in Norway splits on `;` and reads `1,5`; Excel in
//! China or the US splits on `,` and reads `1.5`; and Excel reads a file without a
//! byte-order mark in the system's ANSI code page, so UTF-8 headers (`花费`) come out
//! garbled. The dialect therefore carries the BOM, the delimiter and the decimal mark,
//! and a locale picks all three ([`CsvDialect::for_locale`]).
//!
//! Text that a spreadsheet would run as a formula is neutralised as OWASP recommends for
//! CSV injection ([`csv_safe_text`]); numbers keep their shortest round-trip digits
//! ([`crate::number_text`]), only the decimal mark following the dialect.

use crate::error::ErrorKind;
use crate::value::Cell;
use std::io::Write;

/// The UTF-8 byte-order mark, which tells Excel the file is UTF-8.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// How a CSV is written for the spreadsheet that opens it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CsvDialect {
    /// Start with the UTF-8 byte-order mark.
    pub bom: bool,
    /// The field separator: `,`, `;`, tab or `|`.
    pub delimiter: u8,
    /// Write numbers with a decimal comma (`1,5`) instead of a point.
    pub decimal_comma: bool,
}

impl Default for CsvDialect {
    /// What Excel opens right in English and Chinese locales: a BOM, `,` and `.`.
    fn default() -> Self {
        CsvDialect { bom: true, delimiter: b',', decimal_comma: false }
    }
}

/// The locales [`CsvDialect::for_locale`] knows, as the CLI's `--locale` lists them.
pub const LOCALES: [&str; 4] = ["en", "nb", "zh-Hans", "zh-Hant"];

impl CsvDialect {
    /// The dialect a spreadsheet set to `tag` reads by default: `nb` (also `no`, `nb-NO`,
    /// `nn`) splits on `;` with a decimal comma, as Norwegian Windows' list separator
    /// and decimal symbol are; `en`, `zh-Hans` and `zh-Hant` (and their regions) on `,`
    /// with a point. Always with the BOM. `None` for a locale it does not know.
    pub fn for_locale(tag: &str) -> Option<Self> {
        let lang = tag.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
        match lang.as_str() {
            "nb" | "no" | "nn" => Some(CsvDialect { bom: true, delimiter: b';', decimal_comma: true }),
            "en" | "zh" => Some(CsvDialect::default()),
            _ => None,
        }
    }
}

/// A dialect as a host states it: a locale for the defaults, and any of the three
/// settings over it (the CLI's `--locale`, `--no-bom`, `--delimiter`, `--csv-decimal`; the
/// page's `{locale, bom, delimiter, decimal}`).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DialectChoice {
    /// `en`, `nb`, `zh-Hans`, `zh-Hant` (see [`CsvDialect::for_locale`]).
    pub locale: Option<String>,
    /// Whether to start with the byte-order mark.
    pub bom: Option<bool>,
    /// `,`, `;`, `|`, or a tab (`"\t"` or `tab`).
    pub delimiter: Option<String>,
    /// `point` or `comma` (also `.` and `,`).
    pub decimal: Option<String>,
}

impl DialectChoice {
    /// The dialect chosen, or a message naming the setting that cannot be used.
    pub fn resolve(&self) -> Result<CsvDialect, String> {
        let mut d = match &self.locale {
            None => CsvDialect::default(),
            Some(tag) => CsvDialect::for_locale(tag)
                .ok_or_else(|| format!("locale \"{tag}\" is not one of {}", LOCALES.join(", ")))?,
        };
        if let Some(bom) = self.bom {
            d.bom = bom;
        }
        if let Some(sep) = &self.delimiter {
            d.delimiter = match sep.as_str() {
                "," => b',',
                ";" => b';',
                "|" => b'|',
                "\t" | "tab" | "\\t" => b'\t',
                other => return Err(format!("delimiter \"{other}\" is not one of , ; | tab")),
            };
        }
        if let Some(mark) = &self.decimal {
            d.decimal_comma = match mark.as_str() {
                "point" | "." => false,
                "comma" | "," => true,
                other => return Err(format!("decimal mark \"{other}\" is not point or comma")),
            };
        }
        Ok(d)
    }
}

/// Text for a CSV cell, neutralised as OWASP recommends for CSV injection: text that a
/// spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage
/// return) gets a leading `'`, which spreadsheets show as text. Only for text: numbers are
/// written as numbers (`-5` stays `-5`).
pub fn csv_safe_text(t: &str) -> String {
    let mut s = String::with_capacity(t.len() + 1);
    put_safe_text(&mut s, t);
    s
}

/// Appends [`csv_safe_text`] of `t`.
fn put_safe_text(out: &mut String, t: &str) {
    if t.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        out.push('\'');
    }
    out.push_str(t);
}

/// Writes CSV lines field by field in a [`CsvDialect`], quoting as RFC 4180 does (the csv
/// crate), each field built in one reused buffer so that no field is allocated on its own.
pub struct CsvWriter<W: Write> {
    w: csv::Writer<W>,
    field: String,
    decimal_comma: bool,
}

impl<W: Write> CsvWriter<W> {
    /// A writer of lines in `dialect`, for a CSV's first part: it starts with the BOM when
    /// the dialect has one.
    pub fn start(mut out: W, dialect: CsvDialect) -> std::io::Result<Self> {
        if dialect.bom {
            out.write_all(BOM)?;
        }
        Ok(Self::resume(out, dialect))
    }

    /// A writer of lines in `dialect` that continue a CSV already started (no BOM): the
    /// later parts of a CSV made in parts.
    pub fn resume(out: W, dialect: CsvDialect) -> Self {
        let w = csv::WriterBuilder::new().delimiter(dialect.delimiter).from_writer(out);
        CsvWriter { w, field: String::new(), decimal_comma: dialect.decimal_comma }
    }

    fn put(&mut self, f: impl FnOnce(&mut String)) -> std::io::Result<()> {
        self.field.clear();
        f(&mut self.field);
        self.w.write_field(&self.field).map_err(io_error)
    }

    /// A field written as it is: the CSV's own words (column names, `level`'s values).
    pub fn word(&mut self, t: &str) -> std::io::Result<()> {
        self.w.write_field(t).map_err(io_error)
    }

    /// A field of the user's text, neutralised ([`csv_safe_text`]).
    pub fn text(&mut self, t: &str) -> std::io::Result<()> {
        self.put(|s| put_safe_text(s, t))
    }

    /// A number: its shortest round-trip digits, with the dialect's decimal mark.
    pub fn number(&mut self, x: f64) -> std::io::Result<()> {
        let comma = self.decimal_comma;
        self.put(|s| {
            crate::number_text::write_number(s, x);
            if comma {
                // The one `.` a number's text can have is its decimal point.
                if let Some(p) = s.find('.') {
                    s.replace_range(p..=p, ",");
                }
            }
        })
    }

    /// A whole number written as it is (a sheet row number).
    pub fn count(&mut self, n: u64) -> std::io::Result<()> {
        self.put(|s| {
            use std::fmt::Write as _;
            let _ = write!(s, "{n}");
        })
    }

    /// A spreadsheet error, as its code (`#DIV/0!`).
    pub fn error(&mut self, k: ErrorKind) -> std::io::Result<()> {
        self.w.write_field(k.code()).map_err(io_error)
    }

    /// An empty field.
    pub fn empty(&mut self) -> std::io::Result<()> {
        self.w.write_field("").map_err(io_error)
    }

    /// A cell: a number, neutralised text, `TRUE`/`FALSE`, empty, or an error's code.
    pub fn cell(&mut self, c: &Cell) -> std::io::Result<()> {
        match c {
            Cell::Number(x) => self.number(*x),
            Cell::Text(t) => self.text(t),
            Cell::Bool(b) => self.word(if *b { "TRUE" } else { "FALSE" }),
            Cell::Empty => self.empty(),
            Cell::Error(k) => self.error(*k),
        }
    }

    /// Ends the line.
    pub fn end_line(&mut self) -> std::io::Result<()> {
        self.w.write_record(None::<&[u8]>).map_err(io_error)
    }

    /// Flushes what is buffered and hands back the output.
    pub fn finish(self) -> std::io::Result<W> {
        self.w.into_inner().map_err(|e| std::io::Error::other(e.to_string()))
    }
}

/// The writer's own error back out of the csv crate's, its kind kept: a closed pipe
/// stays `BrokenPipe`, which the CLI ends on quietly.
fn io_error(e: csv::Error) -> std::io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => std::io::Error::other(format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(d: CsvDialect, f: impl FnOnce(&mut CsvWriter<&mut Vec<u8>>) -> std::io::Result<()>) -> String {
        let mut out = Vec::new();
        let mut w = CsvWriter::start(&mut out, d).unwrap();
        f(&mut w).unwrap();
        w.end_line().unwrap();
        w.finish().unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn norwegian_dialect_splits_on_semicolons_with_decimal_commas() {
        let nb = CsvDialect::for_locale("nb-NO").unwrap();
        let text = line(nb, |w| {
            w.text("Søk; betalt")?;
            w.number(1234.5)?;
            w.number(-0.25)?;
            w.number(1.5e-8)?;
            w.number(3.0)
        });
        assert_eq!(text, "\u{feff}\"Søk; betalt\";1234,5;-0,25;1,5e-8;3\n");
    }

    #[test]
    fn comma_decimals_in_a_comma_separated_file_are_quoted() {
        let d = CsvDialect { bom: false, delimiter: b',', decimal_comma: true };
        assert_eq!(line(d, |w| w.number(2.5).and_then(|()| w.number(7.0))), "\"2,5\",7\n");
    }

    #[test]
    fn choices_override_the_locale_and_bad_ones_are_named() {
        let c = DialectChoice { locale: Some("zh-Hans".into()), bom: Some(false), delimiter: Some("tab".into()), decimal: None };
        assert_eq!(c.resolve(), Ok(CsvDialect { bom: false, delimiter: b'\t', decimal_comma: false }));
        assert_eq!(DialectChoice::default().resolve(), Ok(CsvDialect::default()));
        let bad = DialectChoice { locale: Some("fr".into()), ..Default::default() };
        assert!(bad.resolve().unwrap_err().contains("\"fr\""));
        let bad = DialectChoice { delimiter: Some(":".into()), ..Default::default() };
        assert!(bad.resolve().unwrap_err().contains("\":\""));
    }

    #[test]
    fn formula_like_text_is_neutralised_and_numbers_are_not() {
        let d = CsvDialect { bom: false, ..Default::default() };
        assert_eq!(line(d, |w| w.text("=1+1").and_then(|()| w.text("-x")).and_then(|()| w.number(-5.0))), "'=1+1,'-x,-5\n");
    }
}
