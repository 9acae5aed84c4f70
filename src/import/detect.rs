//! Finding the header row and deciding which column plays which role.

use super::dataset::{column_letters, MappedColumn, MappingOrigin};
use super::error::ImportError;
use super::roles::{normalize, role_of_header, Role};
use super::source::Row;
use super::warning::{Kind, Warning};

/// A user's `--map role=header`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Override {
    /// The role.
    pub role: Role,
    /// The header text (or column letter) it names.
    pub header: String,
}

impl Override {
    /// Parses `role=header`; the role may be its name or any synonym (`kostnad=Utgifter`).
    pub fn parse(s: &str) -> Result<Override, ImportError> {
        let (role, header) = s.split_once('=').ok_or_else(|| ImportError::BadMapping {
            detail: format!("a column mapping takes the form role=header, e.g. spend=\"Kostnad\"; got \"{s}\""),
        })?;
        let r = Role::parse(role).ok_or_else(|| ImportError::BadMapping {
            detail: format!(
                "\"{}\" is not a role; the roles are: {}",
                role.trim(),
                Role::ALL.iter().map(|r| r.name()).collect::<Vec<_>>().join(", ")
            ),
        })?;
        Ok(Override { role: r, header: header.trim().to_string() })
    }
}

/// Whether `header` (a cell's text) is the column `wanted` names: same text ignoring
/// case and spacing, or the same normalized name.
pub fn same_header(header: &str, wanted: &str) -> bool {
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    squash(header) == squash(wanted) || (!normalize(wanted).is_empty() && normalize(header) == normalize(wanted))
}

/// How header-like a row is: (known measure columns, known columns, text cells, non-blank cells).
fn score(row: &Row, overrides: &[Override], cols: Option<(u32, u32)>) -> (usize, usize, usize, usize) {
    let mut roles = Vec::new();
    let (mut text, mut filled) = (0, 0);
    for (c, cell) in row.cells.iter().enumerate() {
        if cols.is_some_and(|(lo, hi)| (c as u32) < lo || (c as u32) > hi) || cell.is_blank() {
            continue;
        }
        filled += 1;
        if let Some(t) = cell.text() {
            text += 1;
            let role = overrides
                .iter()
                .find(|o| same_header(t, &o.header))
                .map(|o| o.role)
                .or_else(|| role_of_header(t));
            if let Some(r) = role {
                if !roles.contains(&r) {
                    roles.push(r);
                }
            }
        }
    }
    let measures = roles.iter().filter(|r| r.is_measure()).count();
    (measures, roles.len(), text, filled)
}

/// The header row among `head`: of the rows that are mostly text and name a known
/// number column, the one naming the most known columns (the first on a tie). A
/// group-header row above the real one ("Paid media" over three columns) loses to it.
pub fn find_header(head: &[Row], overrides: &[Override], cols: Option<(u32, u32)>) -> Option<usize> {
    head.iter()
        .map(|r| score(r, overrides, cols))
        .enumerate()
        .filter(|(_, (m, _, t, n))| *m >= 1 && 2 * t > *n)
        .max_by_key(|(i, (m, k, _, _))| (*k, *m, usize::MAX - i))
        .map(|(i, _)| i)
}

/// The texts of the most text-heavy row, for the "no header" message.
pub fn header_like_texts(head: &[Row]) -> Vec<String> {
    head.iter()
        .max_by_key(|r| r.cells.iter().filter(|c| c.text().is_some()).count())
        .map(|r| r.cells.iter().filter_map(|c| c.text()).map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect())
        .unwrap_or_default()
}

/// Maps the header row's columns to roles: the header's own name first, then the
/// user's overrides, which win. A role claimed twice keeps its first column.
pub fn map_columns(
    header: &Row,
    overrides: &[Override],
    cols: Option<(u32, u32)>,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<(u32, MappedColumn)>, ImportError> {
    let mut out: Vec<(u32, MappedColumn)> = Vec::new();
    for (c, cell) in header.cells.iter().enumerate() {
        let c = c as u32;
        if cols.is_some_and(|(lo, hi)| c < lo || c > hi) || cell.is_blank() {
            continue;
        }
        let text = cell.label();
        let role = role_of_header(&text);
        out.push((c, MappedColumn { column: column_letters(c), header: text, role, by: role.map(|_| MappingOrigin::Header) }));
    }
    for o in overrides {
        let target = out
            .iter()
            .position(|(_, m)| same_header(&m.header, &o.header))
            .or_else(|| out.iter().position(|(_, m)| m.column.eq_ignore_ascii_case(o.header.trim())))
            .ok_or_else(|| ImportError::NoSuchColumn {
                wanted: o.header.clone(),
                headers: out.iter().map(|(_, m)| m.header.clone()).collect(),
            })?;
        for (_, m) in out.iter_mut() {
            if m.role == Some(o.role) {
                m.role = None;
                m.by = None;
            }
        }
        out[target].1.role = Some(o.role);
        out[target].1.by = Some(MappingOrigin::User);
    }
    // One column per role: the first (or the user's) wins.
    for i in 0..out.len() {
        let Some(role) = out[i].1.role else { continue };
        if let Some(j) = out[..i].iter().position(|(_, m)| m.role == Some(role)) {
            let (winner, loser) = if out[i].1.by == Some(MappingOrigin::User) { (i, j) } else { (j, i) };
            warnings.push(Warning::new(Kind::AmbiguousColumn, format!(
                // Shown by the CLI and the page alike: it names no control of either.
                "column {} \"{}\" also looks like {}; using column {} \"{}\" (map {} yourself to use the other)",
                out[loser].1.column,
                out[loser].1.header,
                role.name(),
                out[winner].1.column,
                out[winner].1.header,
                role.name()
            )));
            out[loser].1.role = None;
            out[loser].1.by = None;
        }
    }
    Ok(out)
}

/// Words that mark a totals row, which must not be counted twice.
const TOTAL_WORDS: &[&str] =
    &["total", "totals", "grandtotal", "sum", "subtotal", "totalt", "sum totalt", "合计", "总计", "合計", "總計", "小计", "小計"];

/// Whether a label says the row is a total.
pub fn is_total_label(text: &str) -> bool {
    if text.is_ascii() {
        return is_total_ascii(text.as_bytes());
    }
    // Compared char by char, without allocating: this runs on every label cell of every row.
    let letters = || text.chars().filter(|c| !c.is_whitespace() && *c != ':').flat_map(char::to_lowercase);
    // Most labels differ from every word in their first letter: compare that one first.
    let Some(first) = letters().next() else { return false };
    TOTAL_WORDS.iter().any(|w| w.starts_with(first) && w.chars().filter(|c| *c != ' ').eq(letters()))
}

/// [`is_total_label`] for ASCII text, the common case, in a fixed buffer: this runs on
/// every label cell of every row.
fn is_total_ascii(text: &[u8]) -> bool {
    const LONGEST: usize = 10; // "grandtotal"
    let mut buf = [0u8; LONGEST];
    let mut n = 0;
    for &b in text.iter().filter(|&&b| !(b as char).is_whitespace() && b != b':') {
        if n == LONGEST {
            return false;
        }
        buf[n] = b.to_ascii_lowercase();
        n += 1;
    }
    let letters = &buf[..n];
    // A word can only match a text of its own length: compare those alone, whole.
    TOTAL_WORDS.iter().any(|w| {
        w.is_ascii() && w.len() - w.bytes().filter(|&b| b == b' ').count() == n && w.bytes().filter(|&b| b != b' ').eq(letters.iter().copied())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::source::Raw;
    use crate::value::Cell;

    fn header(texts: &[&str]) -> Row {
        Row { index: 0, cells: texts.iter().map(|t| Raw::Cell(Cell::Text(t.to_string()))).collect() }
    }

    #[test]
    fn a_role_claimed_twice_keeps_one_column_and_says_so() {
        let mut warnings = Vec::new();
        let m = map_columns(&header(&["Spend", "Cost", "Revenue"]), &[], None, &mut warnings).unwrap();
        let roles: Vec<_> = m.iter().map(|(_, c)| (c.role, c.by)).collect();
        let header_spend = (Some(Role::Spend), Some(MappingOrigin::Header));
        assert_eq!(roles, vec![header_spend, (None, None), (Some(Role::Revenue), Some(MappingOrigin::Header))]);
        assert_eq!(warnings.iter().map(|w| w.message.as_str()).collect::<Vec<_>>(), ["column B \"Cost\" also looks like spend; using column A \"Spend\" (map spend yourself to use the other)"]);
        // The user's choice wins over the header's.
        let mut warnings = Vec::new();
        let user = [Override { role: Role::Spend, header: "Cost".into() }];
        let m = map_columns(&header(&["Spend", "Cost"]), &user, None, &mut warnings).unwrap();
        assert_eq!(m[1].1.role, Some(Role::Spend));
        assert_eq!(m[1].1.by, Some(MappingOrigin::User));
        assert_eq!((m[0].1.role, m[0].1.by), (None, None));
    }

    #[test]
    fn total_labels_in_the_four_languages() {
        for t in ["Total", "  TOTALS ", "Grand Total:", "grand total", "Sub total", "Sum totalt", "Totalt:", "合计", "總計", "小計"] {
            assert!(is_total_label(t), "{t:?}");
        }
        // A hyphen is part of the word; a longer label only starts with a total word.
        for t in ["", "Sub-total", "Summer sale", "Total spend", "Totality", "合", "Google Ads"] {
            assert!(!is_total_label(t), "{t:?}");
        }
    }

    /// The first-letter check only skips words that cannot match: the same answers as
    /// comparing every word, on labels built from the words' pieces.
    #[test]
    fn first_letter_shortcut_changes_nothing() {
        let every_word = |text: &str| {
            let letters = || text.chars().filter(|c| !c.is_whitespace() && *c != ':').flat_map(char::to_lowercase);
            TOTAL_WORDS.iter().any(|w| w.chars().filter(|c| *c != ' ').eq(letters()))
        };
        let pieces = ["", " ", "\u{b}", ":", "T", "t", "otal", "s", "GRAND", "İ", "Σ", "sub", "um", "合", "计", "總", "Meta 2", "2024-01", "ẞ"];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let t = format!("{a}{b}{c}");
                    assert_eq!(is_total_label(&t), every_word(&t), "{t:?}");
                }
            }
        }
    }
}
