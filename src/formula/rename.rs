//! Renames the registry's functions inside any formula, for moving a workbook between Excel
//! and Google Sheets (`sheetkpi convert`). Unlike [`super::parse`], which reads one KPI call,
//! this scans whole formulas (`IF(KPI.ROAS(B2,C2)>2,"ok",SUM(B:B))`) with a lexer that knows
//! only what can hide a name: string literals, quoted sheet names, bracketed parts and
//! numbers. Everything that is not a registry call is copied byte for byte.
//!
//! Hand-written because no maintained crate tokenises spreadsheet formulas in both dialects,
//! and this needs only to find names followed by `(`.

use crate::registry::{self, Function};

/// The spreadsheet a formula is written for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Host {
    /// Excel, in the form its files store add-in functions: `_xldudf_KPI_ROAS`.
    Excel,
    /// Google Sheets: the bare Sheets name, `ROAS`.
    Sheets,
}

impl Host {
    /// The name a call of `f` has in this host's files.
    pub fn stored_name(self, f: &Function) -> String {
        match self {
            Host::Excel => format!("_xldudf_{}_{}", crate::EXCEL_NAMESPACE, f.id),
            Host::Sheets => f.sheets_name.to_string(),
        }
    }
}

/// The registry function a name written for the *other* host calls: for Excel targets the
/// bare Sheets names, for Sheets targets Excel's forms (`KPI.ROAS`, `_xldudf_KPI_ROAS`,
/// `[2]!_xldudf_KPI_ROAS`). A bare name is never taken for Excel's own form, so a built-in
/// such as `SUM` can never be renamed, and a name already in the target's form is kept.
fn foreign_call(name: &str, target: Host) -> Option<&'static Function> {
    let f = registry::find(name)?;
    let bare = !name.contains(['.', '!']) && !name.to_ascii_lowercase().starts_with("_xldudf_");
    match target {
        Host::Excel => (bare && f.sheets_name.eq_ignore_ascii_case(name)).then_some(f),
        Host::Sheets => (!bare).then_some(f),
    }
}

/// `formula` with every call of a registry function written for the other host renamed to
/// `target`'s form, and how many calls were renamed. Text in quotes, sheet names, other
/// functions and references are left exactly as they are.
pub fn rename_calls(formula: &str, target: Host) -> (String, usize) {
    let s = formula.as_bytes();
    let mut out = String::with_capacity(formula.len());
    let mut copied = 0;
    let mut renamed = 0;
    let mut i = 0;
    while i < s.len() {
        match s[i] {
            // A string literal or a quoted sheet name: its closing quote, doubled quotes inside.
            q @ (b'"' | b'\'') => i = quoted_end(s, i, q),
            b'0'..=b'9' => i = number_end(s, i),
            c if c == b'[' || c.is_ascii_alphabetic() || c == b'_' || c == b'\\' => {
                let start = i;
                i = name_end(s, i);
                if s.get(i) == Some(&b'(') {
                    if let Some(f) = foreign_call(&formula[start..i], target) {
                        out.push_str(&formula[copied..start]);
                        out.push_str(&target.stored_name(f));
                        copied = i;
                        renamed += 1;
                    }
                }
            }
            _ => i += 1,
        }
    }
    out.push_str(&formula[copied..]);
    (out, renamed)
}

/// Past the quote that closes the one at `start` (a doubled quote is one character).
fn quoted_end(s: &[u8], start: usize, quote: u8) -> usize {
    let mut i = start + 1;
    while i < s.len() {
        if s[i] == quote {
            if s.get(i + 1) == Some(&quote) {
                i += 2;
                continue;
            }
            return i + 1;
        }
        i += 1;
    }
    s.len()
}

/// Past a number such as `12`, `1.5` or `1E+3`, so its exponent is not read as a name.
fn number_end(s: &[u8], start: usize) -> usize {
    let mut i = start;
    while i < s.len() && (s[i].is_ascii_digit() || s[i] == b'.') {
        i += 1;
    }
    if i < s.len() && (s[i] == b'E' || s[i] == b'e') {
        let mut j = i + 1;
        if j < s.len() && (s[j] == b'+' || s[j] == b'-') {
            j += 1;
        }
        if j < s.len() && s[j].is_ascii_digit() {
            i = j;
            while i < s.len() && s[i].is_ascii_digit() {
                i += 1;
            }
        }
    }
    i
}

/// Past a name: letters, digits, `_`, `.`, `\`, with bracketed parts (`[2]!`, `Table[Col]`,
/// nested brackets included) and a `!` that joins a book or sheet to what follows.
fn name_end(s: &[u8], start: usize) -> usize {
    let mut i = start;
    while i < s.len() {
        match s[i] {
            b'[' => {
                let mut depth = 0usize;
                while i < s.len() {
                    match s[i] {
                        b'[' => depth += 1,
                        b']' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                i += 1;
            }
            b'!' => i += 1,
            c if c.is_ascii_alphanumeric() || c == b'_' || c == b'.' || c == b'\\' => i += 1,
            _ => break,
        }
    }
    i.min(s.len())
}

#[cfg(test)]
mod tests {
    use super::{rename_calls, Host};

    #[test]
    fn excel_forms_become_sheets_names_and_back() {
        let excel = r#"IF(_xldudf_KPI_ROAS(B2,C2)>2,"KPI.ROAS(1,2) is text",SUM(B2:B3))"#;
        let (sheets, n) = rename_calls(excel, Host::Sheets);
        assert_eq!(sheets, r#"IF(ROAS(B2,C2)>2,"KPI.ROAS(1,2) is text",SUM(B2:B3))"#);
        assert_eq!(n, 1);
        assert_eq!(rename_calls(&sheets, Host::Excel), (excel.to_string(), 1));
    }

    #[test]
    fn every_stored_form_is_read() {
        for written in ["KPI.ROAS", "kpi.roas", "_xldudf_KPI_ROAS", "_xldudf_KPI.ROAS", "[2]!_xldudf_KPI_ROAS"] {
            assert_eq!(rename_calls(&format!("{written}(1,2)*2"), Host::Sheets), ("ROAS(1,2)*2".to_string(), 1), "{written}");
        }
    }

    #[test]
    fn builtins_references_and_quoted_text_are_left_alone() {
        for f in [
            "SUM(A1:A3)",
            "ROAS(1,2)", // already Sheets' form: nothing to do for Sheets
            r#"CONCAT("KPI.ROAS(",A1)"#,
            "'KPI.ROAS(x'!A1+1",
            "Table1[[#This Row],[KPI.ROAS(]]",
            "1E+3+KPI_ROAS",
            "KPI.ROAS", // a name without a call (a defined name)
        ] {
            assert_eq!(rename_calls(f, Host::Sheets), (f.to_string(), 0), "{f}");
        }
        // Excel's own forms and built-ins stay when the target is Excel.
        for f in ["_xldudf_KPI_ROAS(1,2)", "SUM(1,2)", "LOG10(100)", r#""ROAS(1,2)""#] {
            assert_eq!(rename_calls(f, Host::Excel), (f.to_string(), 0), "{f}");
        }
    }

    #[test]
    fn nested_and_repeated_calls_are_all_renamed() {
        let (s, n) = rename_calls("KPI.ROAS(KPI.CAC(A1,B1),2)+KPI.CAC(1,2)", Host::Sheets);
        assert_eq!((s.as_str(), n), ("ROAS(CAC(A1,B1),2)+CAC(1,2)", 3));
    }
}
