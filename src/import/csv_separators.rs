//! Which character is the decimal separator, decided per column of a CSV file from all
//! of its values, and the CSV checks that need the whole text (line breaks, quotes).
//!
//! The rule (docs/import.md, "Numbers in CSV"): a value shows its decimal separator
//! when it cannot be read the other way: `2,5` or `100,25` (a comma not followed by
//! exactly three digits), `1.234,5` (a comma after point groups), `1.234.567` (several
//! points) show a decimal comma; `0.244`, `12.5`, `1,234.5`, `1,234,567` show a decimal
//! point. `100,250` and `100.250` show nothing. A column whose values show one
//! separator reads every value with it, the ambiguous ones included; a column that shows
//! none (or both) follows the file: a `;`-separated file uses decimal commas, unless
//! its numbers anywhere show a decimal point and none a decimal comma (as
//! ChannelAttribution's Data.csv); any other file uses decimal points. A value that
//! cannot be read with its column's separator stays text, so the cell is `#VALUE!`
//! rather than a number read the other way.

/// The decimal separator of a CSV file's numbers: detected per column by the rule above, or
/// the one the user names (`--decimal`, the hosts' `decimal` option), which then holds for
/// every column; a value that cannot be read with it stays text (`#VALUE!`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Decimal {
    /// Detected from the values.
    #[default]
    Auto,
    /// A decimal point: `1,234.5`.
    Point,
    /// A decimal comma: `1.234,5`.
    Comma,
}

impl Decimal {
    /// The names [`Decimal::parse`] accepts, as the CLI lists them.
    pub const NAMES: [&'static str; 3] = ["auto", "point", "comma"];

    /// `auto`, `point` (or `.`) or `comma` (or `,`), any case; the message names the choices.
    pub fn parse(s: &str) -> Result<Decimal, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "auto" => Ok(Decimal::Auto),
            "point" | "." => Ok(Decimal::Point),
            "comma" | "," => Ok(Decimal::Comma),
            _ => Err(format!("decimal must be auto, point or comma, not {s:?}")),
        }
    }
}

/// What a value says about its decimal separator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shows {
    /// A decimal point.
    Point,
    /// A decimal comma.
    Comma,
    /// Nothing: no separator, or one that reads both ways (`100,250`).
    Neither,
}

/// What `field` shows, if it looks like a number at all.
pub fn shows(field: &str) -> Shows {
    let t = field.trim_matches(|c: char| !c.is_ascii_digit());
    if t.is_empty() || !t.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | ' ' | '\u{a0}' | '\u{202f}')) {
        return Shows::Neither;
    }
    let (dots, commas) = (t.matches('.').count(), t.matches(',').count());
    let one_group = |sep: char| {
        let (int, frac) = t.split_once(sep).unwrap_or((t, ""));
        let int = int.trim();
        frac.len() == 3 && (1..=3).contains(&int.len()) && !int.starts_with('0')
    };
    match (dots, commas) {
        (0, 0) => Shows::Neither,
        (_, 0) if dots > 1 => Shows::Comma,
        (0, _) if commas > 1 => Shows::Point,
        (1, 0) if one_group('.') => Shows::Neither,
        (0, 1) if one_group(',') => Shows::Neither,
        (1, 0) => Shows::Point,
        (0, 1) => Shows::Comma,
        // Both: the last one is the decimal separator.
        _ if t.rfind('.') > t.rfind(',') => Shows::Point,
        _ => Shows::Comma,
    }
}

/// Per column, what its values show together: one separator, or none (also when they
/// disagree, so the file's rule decides).
#[derive(Clone, Debug, Default)]
pub struct Columns {
    seen: Vec<(bool, bool)>,
}

impl Columns {
    /// Notes one field of column `col`.
    pub fn add(&mut self, col: usize, field: &str) {
        let s = shows(field);
        if s == Shows::Neither {
            return;
        }
        if self.seen.len() <= col {
            self.seen.resize(col + 1, (false, false));
        }
        let e = &mut self.seen[col];
        match s {
            Shows::Point => e.0 = true,
            Shows::Comma => e.1 = true,
            Shows::Neither => {}
        }
    }
    /// Whether any column shows a decimal point and none a decimal comma.
    pub fn points_only(&self) -> bool {
        self.seen.iter().any(|e| e.0) && !self.seen.iter().any(|e| e.1)
    }
    /// Whether column `col` reads decimal commas, given the file's rule `file_comma` and
    /// the user's choice, which wins.
    pub fn decimal_comma(&self, col: usize, file_comma: bool, chosen: Decimal) -> bool {
        match (chosen, self.seen.get(col)) {
            (Decimal::Point, _) => false,
            (Decimal::Comma, _) => true,
            (Decimal::Auto, seen) => Self::detected(seen, file_comma),
        }
    }
    fn detected(seen: Option<&(bool, bool)>, file_comma: bool) -> bool {
        match seen {
            Some((true, false)) => false,
            Some((false, true)) => true,
            _ => file_comma,
        }
    }
}

/// How many line breaks `bytes` holds: `\r\n`, a lone `\r` (old Mac files) and `\n`
/// each end one line.
pub fn line_breaks(bytes: &[u8]) -> u32 {
    let mut n = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
            n += 1;
        }
    }
    n
}

/// The 1-based line where a quoted field opens and never closes, if one does. A quote
/// opens a field only as its first character (as the `csv` reader reads it), and `""`
/// inside a quoted field is a quote.
pub fn unclosed_quote(text: &str, delimiter: u8) -> Option<u32> {
    let b = text.as_bytes();
    let (mut line, mut opened, mut quoted, mut field_start) = (1u32, 0u32, false, true);
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let breaks = c == b'\n' || (c == b'\r' && b.get(i + 1) != Some(&b'\n'));
        if quoted {
            if c == b'"' {
                if b.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    quoted = false;
                }
            }
        } else if field_start && c == b'"' {
            quoted = true;
            opened = line;
        }
        field_start = !quoted && (c == delimiter || c == b'\n' || c == b'\r');
        if breaks {
            line += 1;
        }
        i += 1;
    }
    quoted.then_some(opened)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_values_show() {
        for (v, s) in [
            ("2,5", Shows::Comma),
            ("100,25", Shows::Comma),
            ("1.234,5", Shows::Comma),
            ("1.234.567", Shows::Comma),
            ("0,250", Shows::Comma),
            ("0.244", Shows::Point),
            ("12.5", Shows::Point),
            ("1,234.5", Shows::Point),
            ("1,234,567", Shows::Point),
            ("1234.567", Shows::Point),
            ("100,250", Shows::Neither),
            ("100.250", Shows::Neither),
            ("$1,000", Shows::Neither),
            ("250", Shows::Neither),
            ("Google Ads", Shows::Neither),
            ("12,5%", Shows::Comma),
            ("kr 1 234,50", Shows::Comma),
        ] {
            assert_eq!(shows(v), s, "{v}");
        }
    }

    #[test]
    fn a_column_follows_what_its_values_show() {
        let mut c = Columns::default();
        c.add(1, "100,250");
        c.add(1, "2,5");
        c.add(2, "100,250");
        c.add(3, "1.5");
        c.add(3, "2,5");
        assert!(c.decimal_comma(1, false, Decimal::Auto));
        assert!(!c.decimal_comma(2, false, Decimal::Auto) && c.decimal_comma(2, true, Decimal::Auto), "the file decides");
        assert!(c.decimal_comma(3, true, Decimal::Auto) && !c.decimal_comma(3, false, Decimal::Auto), "they disagree: the file decides");
        assert!(!c.decimal_comma(1, true, Decimal::Point) && c.decimal_comma(1, false, Decimal::Comma), "the user's choice wins");
    }

    #[test]
    fn line_breaks_of_every_kind() {
        assert_eq!(line_breaks(b"a\rb\r\nc\nd"), 3);
        assert_eq!(line_breaks(b"\r\r"), 2);
    }

    #[test]
    fn unclosed_quotes_name_their_line() {
        assert_eq!(unclosed_quote("a,b\n1,2\n\"x,3\n4,5\n", b','), Some(3));
        assert_eq!(unclosed_quote("a,b\r\"x\"\"y\",2\r", b','), None);
        assert_eq!(unclosed_quote("a,b\rc,\"open\r", b','), Some(2));
        // A quote inside an unquoted field is a character, not an opening.
        assert_eq!(unclosed_quote("a,b\n5\" screen,2\n", b','), None);
    }
}
