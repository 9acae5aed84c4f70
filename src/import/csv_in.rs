//! CSV input: decoding, delimiter detection, and reading cells as a spreadsheet
//! would when it opens the file (numbers, percentages, TRUE/FALSE, error codes).

use super::csv_separators::{line_breaks, unclosed_quote, Columns, Decimal};
use super::error::ImportError;
use super::source::{Budget, Raw, Row, Rows};
use crate::error::ErrorKind;
use crate::value::Cell;

/// The text of a CSV file: as its byte-order mark says (UTF-8, UTF-16LE or UTF-16BE;
/// the mark is dropped), else UTF-8 if it is valid UTF-8, else Windows-1252, which is
/// what Excel writes on Norwegian and English Windows. Malformed sequences become
/// U+FFFD rather than failing the import.
pub fn decode(bytes: &[u8]) -> String {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return encoding.decode_without_bom_handling(&bytes[bom..]).0.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0.into_owned(),
    }
}

/// The lines of `text`, ended by `\n`, `\r\n` or a lone `\r` (with empty lines between a
/// `\r` and its `\n`, which no caller counts).
fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.split(['\n', '\r'])
}

/// The delimiter used most consistently in the first lines: `,` `;` tab or `|`.
pub fn delimiter(text: &str) -> u8 {
    let lines: Vec<&str> = lines(text).filter(|l| !l.trim().is_empty()).take(20).collect();
    let mut best = (b',', 0usize, 0usize);
    for d in [b',', b';', b'\t', b'|'] {
        let counts: Vec<usize> = lines.iter().map(|l| l.bytes().filter(|&b| b == d).count()).collect();
        let min = counts.iter().copied().min().unwrap_or(0);
        let total: usize = counts.iter().sum();
        if (min, total) > (best.1, best.2) {
            best = (d, min, total);
        }
    }
    best.0
}

/// A field as the cell a spreadsheet makes of it.
pub fn parse_field(field: &str, decimal_comma: bool) -> Cell {
    let t = field.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}');
    if t.is_empty() {
        return Cell::Empty;
    }
    if t.eq_ignore_ascii_case("true") {
        return Cell::Bool(true);
    }
    if t.eq_ignore_ascii_case("false") {
        return Cell::Bool(false);
    }
    if t.starts_with('#') {
        if let Some(k) = ErrorKind::from_code(t) {
            return Cell::Error(k);
        }
    }
    match number(t, decimal_comma) {
        Some(x) => Cell::Number(x),
        None => Cell::Text(field.trim().to_string()),
    }
}

fn is_group(g: &str) -> bool {
    g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit())
}

/// `int` with optional thousands separator `sep`: `1,234,567` or `1234567`.
fn strip_thousands(int: &str, sep: char) -> Option<String> {
    if !int.contains(sep) {
        return Some(int.to_string());
    }
    let mut groups = int.split(sep);
    let first = groups.next()?;
    if first.is_empty() || first.len() > 3 || !first.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let rest: Vec<&str> = groups.collect();
    if !rest.iter().all(|g| is_group(g)) {
        return None;
    }
    Some(std::iter::once(first).chain(rest).collect())
}

/// Whether a `;`-separated CSV writes decimals with a point after all (ChannelAttribution's
/// Data.csv: `0.244`), though `;` usually means a decimal-comma locale: some field of the
/// first 1,000 lines is a number with a point that cannot be a thousands group (`0.244`,
/// `12.5`) and none has a decimal comma (`2,5`).
pub fn decimal_points(text: &str) -> bool {
    let (mut point, mut comma) = (false, false);
    for field in lines(text).take(1000).flat_map(|l| l.split(';')) {
        let t = field.trim().trim_matches('"').trim_start_matches('-');
        let number = |sep: char| {
            t.split_once(sep).filter(|(i, f)| {
                !i.is_empty() && !f.is_empty() && i.bytes().all(|b| b.is_ascii_digit()) && f.bytes().all(|b| b.is_ascii_digit())
            })
        };
        if let Some((i, f)) = number('.') {
            point |= f.len() != 3 || i.starts_with('0') || i.len() > 3;
        }
        comma |= number(',').is_some();
    }
    point && !comma
}

/// A number as typed in a cell: `1234.5`, `1,234.5`, `1 234,5` (decimal comma),
/// `12%`, `(100)` for −100, with a currency sign or code at either end.
fn number(t: &str, decimal_comma: bool) -> Option<f64> {
    if is_plain_number(t, decimal_comma) {
        return t.parse().ok();
    }
    general_number(t, decimal_comma)
}

/// Whether `t` is the common case that [`general_number`] reads as the standard
/// library's correctly rounded parse does, without its copies: ASCII digits after an
/// optional `-`, and (where a point is the decimal separator) one `.` between digits.
fn is_plain_number(t: &str, decimal_comma: bool) -> bool {
    let digits = t.strip_prefix('-').unwrap_or(t).as_bytes();
    let (int, frac) = match digits.iter().position(|&b| b == b'.') {
        Some(_) if decimal_comma => return false,
        Some(i) => (&digits[..i], Some(&digits[i + 1..])),
        None => (digits, None),
    };
    let all_digits = |d: &[u8]| !d.is_empty() && d.iter().all(u8::is_ascii_digit);
    all_digits(int) && frac.is_none_or(all_digits)
}

/// [`number`] by the general rule: signs, brackets, currencies, percent, thousands groups.
fn general_number(t: &str, decimal_comma: bool) -> Option<f64> {
    let mut s = t.to_string();
    let mut negative = false;
    if s.starts_with('(') && s.ends_with(')') {
        negative = true;
        s = s[1..s.len() - 1].to_string();
    }
    for unit in ["NOK", "USD", "EUR", "kr", "Kr", "$", "€", "£", "¥", "￥", "元"] {
        if let Some(r) = s.strip_prefix(unit) {
            s = r.trim_start().to_string();
        }
        if let Some(r) = s.strip_suffix(unit) {
            s = r.trim_end().to_string();
        }
    }
    if let Some(r) = s.strip_prefix('-') {
        negative = !negative;
        s = r.trim_start().to_string();
    } else if let Some(r) = s.strip_prefix('+') {
        s = r.to_string();
    }
    let mut exponent = 0i32;
    if let Some(r) = s.strip_suffix('%') {
        exponent = -2;
        s = r.trim_end().to_string();
    }
    // Spaces (also no-break ones) group thousands in Norwegian.
    s.retain(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'));
    let (dec_sep, thou_sep) = if decimal_comma { (',', '.') } else { ('.', ',') };
    let (int, frac) = match s.split_once(dec_sep) {
        Some((i, f)) => (i, Some(f)),
        None => (s.as_str(), None),
    };
    let (mantissa_int, exp_part) = (int, "");
    let int = strip_thousands(mantissa_int, thou_sep)?;
    let mut plain = int;
    let mut tail = String::from(exp_part);
    if let Some(f) = frac {
        // An exponent, if any, sits in the fraction: 1.5E+3.
        let (digits, exp) = match f.find(['e', 'E']) {
            Some(i) => (&f[..i], &f[i..]),
            None => (f, ""),
        };
        plain.push('.');
        plain.push_str(digits);
        tail = exp.to_string();
    } else if let Some(i) = plain.find(['e', 'E']) {
        tail = plain[i..].to_string();
        plain.truncate(i);
    }
    if plain.is_empty() || plain == "." || !plain.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    if !tail.is_empty() {
        let e: i32 = tail[1..].parse().ok()?;
        exponent = exponent.checked_add(e)?;
    }
    // Parse once, correctly rounded, with the percent folded into the exponent.
    let x: f64 = format!("{plain}e{exponent}").parse().ok()?;
    if !x.is_finite() {
        return None;
    }
    Some(if negative { -x } else { x })
}

/// Rows of a CSV text.
pub struct CsvRows<'a> {
    records: csv::StringRecordsIntoIter<&'a [u8]>,
    /// The file's decimal separator rule, and what each column's values show
    /// ([`super::csv_separators`]).
    decimal_comma: bool,
    /// The user's choice, which overrides both.
    decimal: Decimal,
    columns: Columns,
    /// The line of a quote that never closes: the file cannot be read as meant.
    unclosed: Option<u32>,
    budget: Budget,
    text: &'a str,
    /// Byte offset and 0-based line number of the last record's start.
    at: (usize, u32),
}

impl<'a> CsvRows<'a> {
    /// Reads `text`, detecting its delimiter; numbers with the `decimal` separator
    /// (detected per column for [`Decimal::Auto`]).
    pub fn new(text: &'a str, budget: Budget, decimal: Decimal) -> Self {
        let d = delimiter(text);
        let reader = || csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(d).from_reader(text.as_bytes());
        // One pass over every value first: what each column shows of its decimal separator.
        let mut columns = Columns::default();
        for rec in reader().into_records().map_while(Result::ok) {
            for (c, f) in rec.iter().enumerate() {
                columns.add(c, f);
            }
        }
        // A semicolon-separated file comes from a decimal-comma locale (Excel in Norway,
        // Europe), unless its numbers say otherwise.
        let decimal_comma = d == b';' && !columns.points_only();
        let unclosed = unclosed_quote(text, d);
        CsvRows { records: reader().into_records(), decimal_comma, decimal, columns, unclosed, budget, text, at: (0, 0) }
    }
}

impl Rows for CsvRows<'_> {
    fn next_row(&mut self) -> Result<Option<Row>, ImportError> {
        if let Some(line) = self.unclosed {
            return Err(ImportError::Corrupt {
                format: "csv".into(),
                detail: format!("a quote opened on line {line} is never closed, so the rest of the file would be one cell"),
            });
        }
        for rec in self.records.by_ref() {
            let rec = rec.map_err(|e| ImportError::Corrupt { format: "csv".into(), detail: e.to_string() })?;
            // Number rows by their line in the file, counting the blank lines csv skips.
            let mut byte = rec.position().map_or(self.at.0, |p| p.byte() as usize).min(self.text.len());
            // csv reports a record after blank lines as starting at the first of them.
            while matches!(self.text.as_bytes().get(byte), Some(b'\n' | b'\r')) {
                byte += 1;
            }
            let from = self.at.0.min(byte);
            let newlines = line_breaks(&self.text.as_bytes()[from..byte]);
            self.at = (byte, self.at.1 + newlines);
            let index = self.at.1;
            self.budget.take(rec.len() as u64)?;
            let row = Row {
                index,
                cells: rec
                    .iter()
                    .enumerate()
                    .map(|(c, f)| Raw::Cell(parse_field(f, self.columns.decimal_comma(c, self.decimal_comma, self.decimal))))
                    .collect(),
            };
            if !row.is_blank() {
                return Ok(Some(row));
            }
        }
        Ok(None)
    }
    fn declared_rows(&self) -> Option<u64> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_numbers_read_as_the_general_rule_reads_them() {
        // Digits, signs, points and lengths near f64's rounding edges, under both separators.
        let mut seed = 12345u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut plain = 0;
        for _ in 0..200_000 {
            let len = 1 + (next() % 24) as usize;
            let mut t: String = (0..len).map(|_| char::from(b'0' + (next() % 10) as u8)).collect();
            match next() % 4 {
                0 => t.insert(1 + (next() as usize % len), '.'),
                1 => t.insert(0, '-'),
                2 => t.push_str(["", ".", "e5", ",5", "%"][(next() % 5) as usize]),
                _ => {}
            }
            for comma in [false, true] {
                if is_plain_number(&t, comma) {
                    plain += 1;
                    let fast: Option<f64> = t.parse().ok();
                    assert_eq!(fast.map(f64::to_bits), general_number(&t, comma).map(f64::to_bits), "{t} (comma {comma})");
                }
            }
        }
        assert!(plain > 100_000, "{plain} plain cases tried");
        assert!(!is_plain_number("1.5", true), "under a decimal comma a point groups thousands: the general rule decides");
        assert!(!is_plain_number("-", false) && !is_plain_number("1.", false) && !is_plain_number(".5", false));
    }

    #[test]
    fn numbers_as_a_spreadsheet_reads_them() {
        assert_eq!(parse_field("1234.5", false), Cell::Number(1234.5));
        assert_eq!(parse_field("1,234.5", false), Cell::Number(1234.5));
        assert_eq!(parse_field("1 234,5", true), Cell::Number(1234.5));
        assert_eq!(parse_field("1.234,5", true), Cell::Number(1234.5));
        assert_eq!(parse_field("1,1%", true), Cell::Number(0.011));
        assert_eq!(parse_field("1.1%", false), Cell::Number(0.011));
        assert_eq!(parse_field("$1,000", false), Cell::Number(1000.0));
        assert_eq!(parse_field("kr 250", true), Cell::Number(250.0));
        assert_eq!(parse_field("(100)", false), Cell::Number(-100.0));
        assert_eq!(parse_field("1.5E+3", false), Cell::Number(1500.0));
        assert_eq!(parse_field("TRUE", false), Cell::Bool(true));
        assert_eq!(parse_field("#N/A", false), Cell::Error(ErrorKind::NA));
        assert_eq!(parse_field("12,34,5", false), Cell::Text("12,34,5".into()));
        assert_eq!(parse_field("inf", false), Cell::Text("inf".into()));
        assert_eq!(parse_field("NaN", false), Cell::Text("NaN".into()));
        assert_eq!(parse_field("Google Ads", false), Cell::Text("Google Ads".into()));
    }

    #[test]
    fn semicolon_files_with_decimal_points_keep_them() {
        // ChannelAttribution's Data.csv is `;`-separated with decimal points.
        let cells = |text: &str| {
            let mut rows = CsvRows::new(text, Budget::new("csv", 1000), Decimal::Auto);
            let mut out = Vec::new();
            while let Some(r) = rows.next_row().unwrap() {
                out.extend(r.cells.into_iter().filter_map(|c| match c {
                    Raw::Cell(Cell::Number(x)) => Some(x),
                    _ => None,
                }));
            }
            out
        };
        assert_eq!(cells("path;value\na > b;0.244\nc;12.5\n"), vec![0.244, 12.5]);
        // A Norwegian file: decimal commas, and a point groups thousands.
        assert_eq!(cells("sti;verdi\na;2,5\nb;1.234\n"), vec![2.5, 1234.0]);
    }

    #[test]
    fn delimiters() {
        assert_eq!(delimiter("a;b;c\n1;2,5;3\n"), b';');
        assert_eq!(delimiter("a,b,c\n1,2,3\n"), b',');
        assert_eq!(delimiter("a\tb\n1\t2\n"), b'\t');
    }

    #[test]
    fn legacy_code_page() {
        assert_eq!(decode(b"Kostnad;Bes\xf8kende\n"), "Kostnad;Besøkende\n");
        // 0x80..0x9F are Windows-1252's own, not Latin-1's controls.
        assert_eq!(decode(b"\x80 5;\x93ok\x94;\x9e"), "€ 5;“ok”;ž");
        // Valid UTF-8 without a mark stays UTF-8 (not read as two 1252 characters).
        assert_eq!(decode("Besøkende".as_bytes()), "Besøkende");
    }

    #[test]
    fn byte_order_marks() {
        assert_eq!(decode(b"\xef\xbb\xbfspend\n"), "spend\n");
        let le: Vec<u8> = [0xFF, 0xFE].into_iter().chain("Kostnad;Besøk €\n".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(decode(&le), "Kostnad;Besøk €\n");
        let be: Vec<u8> = [0xFE, 0xFF].into_iter().chain("花费,收入\n".encode_utf16().flat_map(u16::to_be_bytes)).collect();
        assert_eq!(decode(&be), "花费,收入\n");
        // A cut-off last byte is shown as a replacement character, not dropped silently.
        assert_eq!(decode(&le[..le.len() - 1]), "Kostnad;Besøk €\u{fffd}");
    }
}
