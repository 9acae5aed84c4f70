//! The forms formulas are stored in, for the audit: Google Sheets' export wrapper,
//! OpenDocument's syntax, and where in a formula our functions are called. The formula
//! itself is read by [`crate::formula`], the one reader, and names by
//! [`crate::registry::find`], the one lookup.

use crate::registry::{self, Function};

/// Google Sheets exports custom functions as `__xludf.DUMMYFUNCTION("ROAS(B2,C2)")`:
/// the formula inside the string is the real one.
pub fn unwrap_sheets_export(formula: &str) -> String {
    const MARK: &str = "__xludf.DUMMYFUNCTION(\"";
    let Some(i) = formula.find(MARK) else { return formula.to_string() };
    let rest = &formula[i + MARK.len()..];
    let mut out = String::new();
    let mut chars = rest.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '"' {
            if chars.peek() == Some(&'"') {
                chars.next();
                out.push('"');
                continue;
            }
            return out;
        }
        out.push(c);
    }
    formula.to_string()
}

/// OpenDocument formula syntax (`of:=KPI.ROAS([.B2];[$Data.C2:.C5])`) in Excel's.
/// OpenDocument separates arguments and array columns with `;` and array rows with `|`
/// (`{1;2|3;4}`); Excel's form is `,` and `;` (`{1,2;3,4}`).
pub fn from_opendocument(formula: &str) -> String {
    let f = formula.strip_prefix("of:").unwrap_or(formula);
    let f = f.strip_prefix('=').unwrap_or(f);
    let mut out = String::new();
    let mut in_string = false;
    let mut in_array = false;
    let mut chars = f.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                in_string = !in_string;
                out.push(c);
            }
            '[' if !in_string => {
                let mut inner = String::new();
                for d in chars.by_ref() {
                    if d == ']' {
                        break;
                    }
                    inner.push(d);
                }
                out.push_str(&ods_reference(&inner));
            }
            '{' | '}' if !in_string => {
                in_array = c == '{';
                out.push(c);
            }
            ';' if !in_string => out.push(','),
            '|' if !in_string && in_array => out.push(';'),
            _ => out.push(c),
        }
    }
    out
}

/// `.B2` → `B2`, `$Data.B2:.B5` → `Data!B2:B5`, `'My sheet'.B2` → `'My sheet'!B2`.
fn ods_reference(r: &str) -> String {
    let part = |p: &str| -> (Option<String>, String) {
        let p = p.trim_start_matches('$');
        match p.rfind('.') {
            Some(0) => (None, p[1..].to_string()),
            Some(i) => (Some(p[..i].to_string()), p[i + 1..].to_string()),
            None => (None, p.to_string()),
        }
    };
    let (a, b) = match r.split_once(':') {
        Some((a, b)) => (a, Some(b)),
        None => (r, None),
    };
    let (sheet, cell) = part(a);
    let mut out = match sheet {
        Some(s) => format!("{s}!{cell}"),
        None => cell,
    };
    if let Some(b) = b {
        out.push(':');
        out.push_str(&part(b).1);
    }
    out
}

fn name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '.'
}

/// The names of our functions a formula calls, anywhere in it.
pub fn calls_in(formula: &str) -> Vec<&'static Function> {
    let chars: Vec<char> = formula.chars().collect();
    let mut out: Vec<&'static Function> = Vec::new();
    let mut i = 0;
    let mut in_string = false;
    while i < chars.len() {
        let c = chars[i];
        if c == '"' {
            in_string = !in_string;
            i += 1;
            continue;
        }
        if in_string || !(name_char(c) || c == '[') {
            i += 1;
            continue;
        }
        let start = i;
        if c == '[' {
            while i < chars.len() && chars[i] != '!' {
                i += 1;
            }
            i += 1;
        }
        while i < chars.len() && name_char(chars[i]) {
            i += 1;
        }
        if chars.get(i) == Some(&'(') {
            let name: String = chars[start..i].iter().collect();
            if let Some(f) = registry::find(&name) {
                if !out.iter().any(|g| std::ptr::eq(*g, f)) {
                    out.push(f);
                }
            }
        }
        i = i.max(start + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_our_calls_anywhere() {
        let ids = |f: &str| calls_in(f).iter().map(|f| f.id).collect::<Vec<_>>();
        assert_eq!(ids("IFERROR(KPI.ROAS(B2,C2),0)+_xldudf_KPI_CTR(A1,A2)"), vec!["ROAS", "CTR"]);
        assert_eq!(ids("[2]!_xldudf_KPI_CPC(A1,A2)"), vec!["CPC"]);
        assert!(ids("SUM(A1:A3)&\"KPI.ROAS(1,2)\"").is_empty());
    }

    #[test]
    fn foreign_syntaxes() {
        assert_eq!(unwrap_sheets_export("IFERROR(__xludf.DUMMYFUNCTION(\"ROAS(B2,\"\"x\"\")\"),10)"), "ROAS(B2,\"x\")");
        assert_eq!(from_opendocument("of:=KPI.ROAS([.B2];[$Data.C2:.C5])"), "KPI.ROAS(B2,Data!C2:C5)");
        assert_eq!(from_opendocument("of:=KPI.CAC({1;2|3;4};{1|3})"), "KPI.CAC({1,2;3,4},{1;3})");
        assert_eq!(from_opendocument("of:=KPI.X(\"a;b|c\";1)"), "KPI.X(\"a;b|c\",1)");
    }
}
