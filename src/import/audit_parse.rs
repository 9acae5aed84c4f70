//! A small reference-aware reader of cell formulas, for the audit: finds calls to our
//! functions in any formula, and parses a formula that is exactly one such call with
//! literal, cell, range and array arguments. Anything else is reported as not
//! evaluable rather than guessed. (`crate::formula` stays the literal-only CLI grammar.)

use crate::error::ErrorKind;
use crate::registry::{self, Function};

/// A cell or range reference as written: optional sheet, 0-based corners (inclusive).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    /// The sheet named before `!`, if any.
    pub sheet: Option<String>,
    /// Top-left `(row, col)`; a whole-column reference has row 0.
    pub start: (u32, u32),
    /// Bottom-right `(row, col)`; a whole-column reference has row `u32::MAX`.
    pub end: (u32, u32),
}

/// One argument of a parsed call.
#[derive(Clone, Debug, PartialEq)]
pub enum Operand {
    /// An omitted argument.
    Omitted,
    /// A number literal.
    Number(f64),
    /// A text literal.
    Text(String),
    /// TRUE or FALSE.
    Bool(bool),
    /// An error literal such as `#N/A`.
    Error(ErrorKind),
    /// An array constant, row by row.
    Array(Vec<Vec<Operand>>),
    /// A cell or range.
    Ref(Reference),
}

/// A formula that is one call of ours.
#[derive(Clone, Debug)]
pub struct Call {
    /// The registry function.
    pub function: &'static Function,
    /// Its arguments.
    pub args: Vec<Operand>,
}

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
pub fn from_opendocument(formula: &str) -> String {
    let f = formula.strip_prefix("of:").unwrap_or(formula);
    let f = f.strip_prefix('=').unwrap_or(f);
    let mut out = String::new();
    let mut in_string = false;
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
            ';' if !in_string => out.push(','),
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

/// Our function named `name` as a formula spells it: `KPI.ROAS`, `_xldudf_KPI_ROAS`
/// (how Excel saves add-in functions), `[2]!_xldudf_KPI_ROAS`, or the Sheets name `ROAS`.
pub fn our_function(name: &str) -> Option<&'static Function> {
    let name = match name.find("]!") {
        Some(i) if name.starts_with('[') => &name[i + 2..],
        _ => name,
    };
    let upper = name.to_ascii_uppercase();
    if let Some(rest) = upper.strip_prefix("_XLDUDF_") {
        let id = rest.strip_prefix("KPI_").or_else(|| rest.strip_prefix("KPI."))?;
        return registry::functions().iter().copied().find(|f| f.id.eq_ignore_ascii_case(id));
    }
    if let Some(id) = upper.strip_prefix("KPI.") {
        return registry::functions().iter().copied().find(|f| f.id.eq_ignore_ascii_case(id));
    }
    registry::functions().iter().copied().find(|f| f.sheets_name.eq_ignore_ascii_case(&upper))
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
            if let Some(f) = our_function(&name) {
                if !out.iter().any(|g| std::ptr::eq(*g, f)) {
                    out.push(f);
                }
            }
        }
        i = i.max(start + 1);
    }
    out
}

/// Why a formula is not one plain call of ours.
pub type Unsupported = String;

/// Parses `formula` (with or without `=`) as exactly one call of ours.
pub fn parse_call(formula: &str) -> Result<Call, Unsupported> {
    let mut p = P { s: formula.trim().chars().collect(), i: 0 };
    if p.peek() == Some('=') {
        p.i += 1;
    }
    p.ws();
    let name = p.take_while(|c| name_char(c) || matches!(c, '[' | ']' | '!'));
    let function = our_function(&name).ok_or_else(|| "it does not start with a call of a KPI function".to_string())?;
    p.ws();
    p.expect('(')?;
    let mut args = Vec::new();
    p.ws();
    if p.peek() == Some(')') {
        p.i += 1;
    } else {
        loop {
            args.push(p.operand()?);
            p.ws();
            match p.next() {
                Some(',') => continue,
                Some(')') => break,
                _ => return Err("it has more than one KPI call, or operators around it".into()),
            }
        }
    }
    p.ws();
    if p.i < p.s.len() {
        return Err("the KPI call is part of a larger expression".into());
    }
    Ok(Call { function, args })
}

struct P {
    s: Vec<char>,
    i: usize,
}

impl P {
    fn peek(&self) -> Option<char> {
        self.s.get(self.i).copied()
    }
    fn next(&mut self) -> Option<char> {
        let c = self.peek();
        self.i += 1;
        c
    }
    fn ws(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.i += 1;
        }
    }
    fn expect(&mut self, c: char) -> Result<(), Unsupported> {
        if self.next() == Some(c) {
            Ok(())
        } else {
            Err(format!("expected '{c}'"))
        }
    }
    fn take_while(&mut self, f: impl Fn(char) -> bool) -> String {
        let start = self.i;
        while self.peek().is_some_and(&f) {
            self.i += 1;
        }
        self.s[start..self.i].iter().collect()
    }

    fn operand(&mut self) -> Result<Operand, Unsupported> {
        self.ws();
        match self.peek() {
            None => Err("the formula ends early".into()),
            Some(',') | Some(')') => Ok(Operand::Omitted),
            Some('"') => self.string().map(Operand::Text),
            Some('{') => self.array(),
            Some('#') => {
                let code = self.take_while(|c| !matches!(c, ',' | ')' | ';' | '}') && !c.is_whitespace());
                ErrorKind::from_code(&code).map(Operand::Error).ok_or_else(|| format!("unknown error literal {code}"))
            }
            Some(c) if c.is_ascii_digit() || matches!(c, '.' | '-' | '+') => self.number(),
            Some(_) => self.reference_or_bool(),
        }
    }

    fn string(&mut self) -> Result<String, Unsupported> {
        self.i += 1;
        let mut out = String::new();
        loop {
            match self.next() {
                Some('"') if self.peek() == Some('"') => {
                    self.i += 1;
                    out.push('"');
                }
                Some('"') => return Ok(out),
                Some(c) => out.push(c),
                None => return Err("unterminated text".into()),
            }
        }
    }

    fn number(&mut self) -> Result<Operand, Unsupported> {
        let mut sign = 1.0;
        while let Some(c @ ('-' | '+')) = self.peek() {
            if c == '-' {
                sign = -sign;
            }
            self.i += 1;
        }
        let mut text = self.take_while(|c| c.is_ascii_digit() || c == '.');
        if matches!(self.peek(), Some('e' | 'E')) {
            text.push('e');
            self.i += 1;
            if let Some(c @ ('-' | '+')) = self.peek() {
                text.push(c);
                self.i += 1;
            }
            text.push_str(&self.take_while(|c| c.is_ascii_digit()));
        }
        if self.peek() == Some('%') {
            self.i += 1;
            if text.contains('e') {
                return Err("a percentage with an exponent".into());
            }
            text = format!("{text}e-2");
        }
        let x: f64 = text.parse().map_err(|_| format!("cannot read the number {text}"))?;
        self.ws();
        if !matches!(self.peek(), Some(',' | ')' | ';' | '}') | None) {
            return Err("an argument is an expression, not a value or reference".into());
        }
        Ok(Operand::Number(sign * x))
    }

    fn array(&mut self) -> Result<Operand, Unsupported> {
        self.i += 1;
        let mut rows = vec![Vec::new()];
        loop {
            self.ws();
            let v = match self.peek() {
                Some('"') => Operand::Text(self.string()?),
                Some('#') => self.operand()?,
                Some(c) if c.is_ascii_digit() || matches!(c, '.' | '-' | '+') => self.number()?,
                _ => match self.take_while(char::is_alphabetic).to_ascii_uppercase().as_str() {
                    "TRUE" => Operand::Bool(true),
                    "FALSE" => Operand::Bool(false),
                    _ => return Err("an array holds something other than values".into()),
                },
            };
            if let Some(r) = rows.last_mut() {
                r.push(v);
            }
            self.ws();
            match self.next() {
                Some(',') => {}
                Some(';') => rows.push(Vec::new()),
                Some('}') => return Ok(Operand::Array(rows)),
                _ => return Err("unterminated array".into()),
            }
        }
    }

    fn reference_or_bool(&mut self) -> Result<Operand, Unsupported> {
        let sheet = if self.peek() == Some('\'') {
            self.i += 1;
            let mut name = String::new();
            loop {
                match self.next() {
                    Some('\'') if self.peek() == Some('\'') => {
                        self.i += 1;
                        name.push('\'');
                    }
                    Some('\'') => break,
                    Some(c) => name.push(c),
                    None => return Err("unterminated sheet name".into()),
                }
            }
            if self.next() != Some('!') {
                return Err("expected '!' after a sheet name".into());
            }
            Some(name)
        } else {
            None
        };
        let word = self.take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '$'));
        let (sheet, first) = if sheet.is_none() && self.peek() == Some('!') {
            self.i += 1;
            (Some(word), self.take_while(|c| c.is_ascii_alphanumeric() || c == '$'))
        } else {
            (sheet, word)
        };
        if sheet.is_none() && self.peek() != Some(':') {
            match first.to_ascii_uppercase().as_str() {
                "TRUE" => return self.end_of_operand(Operand::Bool(true)),
                "FALSE" => return self.end_of_operand(Operand::Bool(false)),
                _ => {}
            }
        }
        if self.peek() == Some('(') {
            return Err("an argument is another function call".into());
        }
        let second = if self.peek() == Some(':') {
            self.i += 1;
            Some(self.take_while(|c| c.is_ascii_alphanumeric() || c == '$'))
        } else {
            None
        };
        let r = reference(sheet, &first, second.as_deref())
            .ok_or_else(|| format!("\"{first}\" is a name or expression, not a cell reference"))?;
        self.end_of_operand(Operand::Ref(r))
    }

    fn end_of_operand(&mut self, op: Operand) -> Result<Operand, Unsupported> {
        self.ws();
        if matches!(self.peek(), Some(',' | ')') | None) {
            Ok(op)
        } else {
            Err("an argument is an expression, not a value or reference".into())
        }
    }
}

fn column_only(s: &str) -> Option<u32> {
    let s = s.replace('$', "");
    if s.is_empty() || s.len() > 3 || !s.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let col = s.bytes().fold(0u32, |n, b| n * 26 + (b.to_ascii_uppercase() - b'A' + 1) as u32) - 1;
    (col < 16_384).then_some(col)
}

fn reference(sheet: Option<String>, a: &str, b: Option<&str>) -> Option<Reference> {
    use super::dataset::parse_cell_ref;
    match b {
        None => {
            let p = parse_cell_ref(a)?;
            Some(Reference { sheet, start: p, end: p })
        }
        Some(b) => {
            if let (Some(p), Some(q)) = (parse_cell_ref(a), parse_cell_ref(b)) {
                let start = (p.0.min(q.0), p.1.min(q.1));
                let end = (p.0.max(q.0), p.1.max(q.1));
                return Some(Reference { sheet, start, end });
            }
            let (c1, c2) = (column_only(a)?, column_only(b)?);
            Some(Reference { sheet, start: (0, c1.min(c2)), end: (u32::MAX, c1.max(c2)) })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(sheet: Option<&str>, start: (u32, u32), end: (u32, u32)) -> Operand {
        Operand::Ref(Reference { sheet: sheet.map(String::from), start, end })
    }

    #[test]
    fn calls_with_references() {
        let c = parse_call("KPI.ROAS(B2, $C$2)").unwrap();
        assert_eq!(c.function.id, "ROAS");
        assert_eq!(c.args, vec![r(None, (1, 1), (1, 1)), r(None, (1, 2), (1, 2))]);
        let c = parse_call("=_xldudf_KPI_CTR('My ''data'''!A1:A3,Data!B:B)").unwrap();
        assert_eq!(c.function.id, "CTR");
        assert_eq!(c.args, vec![r(Some("My 'data'"), (0, 0), (2, 0)), r(Some("Data"), (0, 1), (u32::MAX, 1))]);
        let c = parse_call("ROAS({1,2;3,4}, 5%)").unwrap();
        assert_eq!(c.args[1], Operand::Number(0.05));
        let c = parse_call("KPI.ROAS(, -1e3)").unwrap();
        assert_eq!(c.args, vec![Operand::Omitted, Operand::Number(-1000.0)]);
    }

    #[test]
    fn not_evaluable_is_said() {
        for f in ["KPI.ROAS(B2,C2)*100", "KPI.ROAS(SUM(B2:B3),C2)", "KPI.ROAS(B2+1,C2)", "SUM(B2)", "KPI.ROAS(Name,C2)"] {
            assert!(parse_call(f).is_err(), "{f}");
        }
    }

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
    }
}
