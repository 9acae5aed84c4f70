//! Cell and range references as written in a formula: `B2`, `$C$2`, `Data!B2:B9`,
//! `'My data'!A1`, whole columns `B:B`.

/// A cell or range reference as written: optional sheet, 0-based corners (inclusive).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    /// The sheet named before `!`, if any (quotes removed, `''` read as `'`).
    pub sheet: Option<String>,
    /// Top-left `(row, col)`; a whole-column reference has row 0.
    pub start: (u32, u32),
    /// Bottom-right `(row, col)`; a whole-column reference has row `u32::MAX`.
    pub end: (u32, u32),
    /// Byte offset in the formula where the reference is written.
    pub at: usize,
}

/// The largest worksheet Excel allows: 1,048,576 rows by 16,384 columns (XFD).
const MAX_ROWS: u32 = 1_048_576;
const MAX_COLS: u32 = 16_384;

/// A column such as `AB` or `$AB` as a 0-based index.
fn column(s: &str) -> Option<u32> {
    let s = s.strip_prefix('$').unwrap_or(s);
    if s.is_empty() || s.len() > 3 || !s.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let col = s.bytes().fold(0u32, |n, b| n * 26 + u32::from(b.to_ascii_uppercase() - b'A' + 1)) - 1;
    (col < MAX_COLS).then_some(col)
}

/// A cell address such as `AB12` or `$A$1` as 0-based `(row, col)`.
pub fn cell_address(s: &str) -> Option<(u32, u32)> {
    let split = s.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = s.split_at(split);
    let col = column(letters.strip_suffix('$').unwrap_or(letters))?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let row: u32 = digits.parse().ok()?;
    (1..=MAX_ROWS).contains(&row).then(|| (row - 1, col))
}

/// The reference `a` or `a:b` on `sheet`, or `None` when they are not addresses.
pub(super) fn reference(sheet: Option<String>, a: &str, b: Option<&str>, at: usize) -> Option<Reference> {
    let Some(b) = b else {
        let p = cell_address(a)?;
        return Some(Reference { sheet, start: p, end: p, at });
    };
    if let (Some(p), Some(q)) = (cell_address(a), cell_address(b)) {
        let start = (p.0.min(q.0), p.1.min(q.1));
        let end = (p.0.max(q.0), p.1.max(q.1));
        return Some(Reference { sheet, start, end, at });
    }
    let (c1, c2) = (column(a)?, column(b)?);
    Some(Reference { sheet, start: (0, c1.min(c2)), end: (u32::MAX, c1.max(c2)), at })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses() {
        assert_eq!(cell_address("A1"), Some((0, 0)));
        assert_eq!(cell_address("$AB$12"), Some((11, 27)));
        assert_eq!(cell_address("XFD1048576"), Some((1_048_575, 16_383)));
        for bad in ["", "A", "1", "A0", "XFE1", "A1048577", "ABCD1", "A1B", "A$$1", "ROAS"] {
            assert_eq!(cell_address(bad), None, "{bad}");
        }
        let r = reference(None, "C9", Some("$B$2"), 3).unwrap();
        assert_eq!((r.start, r.end), ((1, 1), (8, 2)));
        let r = reference(Some("S".into()), "$D", Some("B"), 0).unwrap();
        assert_eq!((r.start, r.end), ((0, 1), (u32::MAX, 3)));
        assert_eq!(reference(None, "B", None, 0), None);
    }
}
