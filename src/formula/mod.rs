//! The one formula reader: a single call of one function, as typed in a cell or stored in
//! a workbook. `sheetkpi eval`, the browser's formula bar and `sheetkpi audit` all read
//! formulas here, so they cannot disagree.
//!
//! Grammar:
//! - an optional `=`, then the function name as written: `ROAS`, `KPI.ROAS`, Excel's stored
//!   forms `_xldudf_KPI_ROAS` and `[2]!_xldudf_KPI_ROAS`. [`parse`] keeps the name as
//!   written; [`crate::registry::find`] is the one lookup of what it names.
//! - `(` arguments `)`. An argument is a number, `"text"` (`""` is a quote), `TRUE`/`FALSE`,
//!   an error code (`#N/A`), an array `{…}`, nothing (an omitted argument), or a cell or
//!   range reference (`B2`, `$C$2`, `Data!B2:B9`, `'My data'!A1`, `B:B`).
//! - Numbers are read as a spreadsheet reads them: `12.5`, `.5`, `1e3`, `-4`, `62%`. The
//!   typed decimal is rounded to a double once, so `1.1%` is the double nearest 0.011
//!   (see `number.rs`). The decimal point is always `.`.
//! - Separators: outside `{}`, `,` and `;` both separate arguments (`;` is what Excel shows
//!   in European locales: `ROAS(1000; 100)`). Inside `{}`, `,` separates columns and `;`
//!   rows, as in Excel's file format: `{1,2;3,4}` is two rows of two. The rule depends
//!   only on whether a `{` is open, so it is never ambiguous.
//! - An array holds only values (no references, no nested arrays); an empty slot in it is
//!   a blank cell; every row needs as many values as the first ([`rectangular`]).
//!
//! Nested calls, operators and defined names are refused with a message, never guessed.
//! References are parsed for the audit; [`literal_args`] is how the callers without a
//! workbook (eval, the formula bar) take only literals.

mod number;
mod reference;
pub mod rename;

pub use reference::{cell_address, Reference};

use crate::error::ErrorKind;
use crate::value::{Arg, Cell, Range};
use std::fmt;

/// A parsed call.
#[derive(Clone, Debug, PartialEq)]
pub struct Call {
    /// The function name as written (without `=`).
    pub name: String,
    /// The arguments in order.
    pub args: Vec<Operand>,
}

/// One argument of a parsed call.
#[derive(Clone, Debug, PartialEq)]
pub enum Operand {
    /// A literal: a value, an array (a range), or a blank cell for an omitted argument.
    Value(Arg),
    /// A cell or range reference, for a caller with a workbook to resolve.
    Ref(Reference),
}

/// Why a formula could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// Byte offset of the problem.
    pub at: usize,
    /// What is wrong, as one phrase a user can act on.
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at character {})", self.message, self.at + 1)
    }
}

impl std::error::Error for ParseError {}

/// Parses `text` as one call; references are kept as [`Operand::Ref`].
pub fn parse(text: &str) -> Result<Call, ParseError> {
    let mut p = Parser { s: text.as_bytes(), text, i: 0 };
    let name = p.call_start()?.to_string();
    let args = p.args()?;
    p.ws();
    if p.i < p.s.len() {
        return Err(p.err("the KPI call is part of a larger expression"));
    }
    Ok(Call { name, args })
}

/// The name of the function `text` starts by calling (`=KPI.ROAS(…` → `KPI.ROAS`), read as
/// [`parse`] reads it, whatever follows; `None` when it does not start with a call.
pub fn called_name(text: &str) -> Option<&str> {
    Parser { s: text.as_bytes(), text, i: 0 }.call_start().ok()
}

/// The arguments as values, for a caller without a workbook; a reference is an error.
pub fn literal_args(args: Vec<Operand>) -> Result<Vec<Arg>, ParseError> {
    args.into_iter()
        .map(|op| match op {
            Operand::Value(a) => Ok(a),
            Operand::Ref(r) => Err(ParseError {
                at: r.at,
                message:
                    "cell references are not supported here: they need a workbook; type the values themselves"
                        .into(),
            }),
        })
        .collect()
}

/// The rows of an array as a range when every row has as many values as the first; else
/// the one refusal of a ragged array (`{1,2;3}`), before any [`Range`] is built.
pub fn rectangular(rows: Vec<Vec<Cell>>, at: usize) -> Result<Range, ParseError> {
    let width = rows.first().map_or(0, Vec::len);
    match rows.iter().position(|r| r.len() != width) {
        None => Ok(Range::from_rows(rows)),
        Some(n) => Err(ParseError {
            at,
            message: format!(
                "every row of an array needs the same number of values: row {} has {}, the first has {width}",
                n + 1,
                rows[n].len()
            ),
        }),
    }
}

struct Parser<'a> {
    s: &'a [u8],
    text: &'a str,
    i: usize,
}

/// Bytes of a name or an unquoted reference; any non-ASCII byte too, so that a sheet
/// named in another script reads whole (word boundaries stay on ASCII bytes).
fn word_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'$') || c >= 0x80
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }
    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }
    fn err(&self, message: &str) -> ParseError {
        ParseError { at: self.i.min(self.s.len()), message: message.to_string() }
    }
    fn err_at(at: usize, message: impl Into<String>) -> ParseError {
        ParseError { at, message: message.into() }
    }
    fn word(&mut self) -> &str {
        let start = self.i;
        while self.peek().is_some_and(word_byte) {
            self.i += 1;
        }
        &self.text[start..self.i]
    }

    /// An optional `=`, the function name, and its `(`.
    fn call_start(&mut self) -> Result<&'a str, ParseError> {
        self.ws();
        if self.peek() == Some(b'=') {
            self.i += 1;
        }
        self.ws();
        let name = self.function_name()?;
        self.ws();
        if self.peek() != Some(b'(') {
            return Err(self.err("expected '(' after the function name"));
        }
        self.i += 1;
        Ok(name)
    }

    /// `ROAS`, `KPI.ROAS`, `_xldudf_KPI_ROAS`, or `[2]!` before any of them.
    fn function_name(&mut self) -> Result<&'a str, ParseError> {
        let start = self.i;
        if self.peek() == Some(b'[') {
            while self.peek().is_some_and(|c| c != b']') {
                self.i += 1;
            }
            self.i += 1;
            if self.peek() != Some(b'!') {
                return Err(Self::err_at(start, "expected a function name"));
            }
            self.i += 1;
        }
        let first = self.i;
        while self.peek().is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_' || c == b'.') {
            self.i += 1;
        }
        if self.i == first || !(self.s[first].is_ascii_alphabetic() || self.s[first] == b'_') {
            return Err(Self::err_at(start, "expected a function name"));
        }
        Ok(&self.text[start..self.i])
    }

    /// The arguments after `(`, through the closing `)`.
    fn args(&mut self) -> Result<Vec<Operand>, ParseError> {
        let mut args = Vec::new();
        self.ws();
        if self.peek() == Some(b')') {
            self.i += 1;
            return Ok(args);
        }
        loop {
            self.ws();
            args.push(self.operand()?);
            self.ws();
            match self.peek() {
                Some(b',' | b';') => self.i += 1,
                Some(b')') => {
                    self.i += 1;
                    return Ok(args);
                }
                None => return Err(self.err("the formula ends before its closing ')'")),
                Some(_) => {
                    return Err(self.err(
                        "expected ',', ';' or ')' after an argument (an expression or operator in an argument is not evaluated)",
                    ))
                }
            }
        }
    }

    fn operand(&mut self) -> Result<Operand, ParseError> {
        match self.peek() {
            None | Some(b',' | b';' | b')') => Ok(Operand::Value(Arg::Cell(Cell::Empty))),
            Some(b'{') => self.array().map(|r| Operand::Value(Arg::Range(r))),
            Some(b'"' | b'#' | b'0'..=b'9' | b'.' | b'+' | b'-') => {
                self.literal().map(|c| Operand::Value(Arg::Cell(c)))
            }
            Some(_) => self.word_operand(),
        }
    }

    /// A value: number, text, error code, TRUE or FALSE.
    fn literal(&mut self) -> Result<Cell, ParseError> {
        match self.peek() {
            Some(b'"') => self.string().map(Cell::Text),
            Some(b'#') => self.error_code(),
            Some(c) if c.is_ascii_alphabetic() => {
                let start = self.i;
                match self.word().to_ascii_uppercase().as_str() {
                    "TRUE" => Ok(Cell::Bool(true)),
                    "FALSE" => Ok(Cell::Bool(false)),
                    _ => Err(Self::err_at(start, "an array holds only numbers, \"text\", TRUE, FALSE and error codes")),
                }
            }
            _ => {
                let (x, end) = number::read(self.s, self.i)?;
                self.i = end;
                Ok(Cell::Number(x))
            }
        }
    }

    /// TRUE, FALSE or a reference; anything else that starts like a name is refused.
    fn word_operand(&mut self) -> Result<Operand, ParseError> {
        let at = self.i;
        let quoted = if self.peek() == Some(b'\'') { Some(self.quoted_sheet()?) } else { None };
        let mut first = self.word().to_string();
        if first.is_empty() && quoted.is_none() {
            return Err(Self::err_at(
                at,
                "expected an argument: a number, \"text\", TRUE, FALSE, an error code, an {array} or a cell reference",
            ));
        }
        let sheet = match quoted {
            Some(s) => Some(s),
            None if self.peek() == Some(b'!') => {
                self.i += 1;
                Some(std::mem::replace(&mut first, self.word().to_string()))
            }
            None => None,
        };
        if sheet.is_none() && self.peek() == Some(b'(') {
            return Err(Self::err_at(at, "an argument is another function call (nested calls are not evaluated)"));
        }
        let second = if self.peek() == Some(b':') {
            self.i += 1;
            Some(self.word().to_string())
        } else {
            None
        };
        if sheet.is_none() && second.is_none() {
            match first.to_ascii_uppercase().as_str() {
                "TRUE" => return Ok(Operand::Value(Arg::Cell(Cell::Bool(true)))),
                "FALSE" => return Ok(Operand::Value(Arg::Cell(Cell::Bool(false)))),
                _ => {}
            }
        }
        reference::reference(sheet, &first, second.as_deref(), at).map(Operand::Ref).ok_or_else(|| {
            Self::err_at(at, format!("\"{}\" is a name, not a value or a cell reference", &self.text[at..self.i]))
        })
    }

    /// `'My ''data'''!`: a quoted sheet name and its `!`.
    fn quoted_sheet(&mut self) -> Result<String, ParseError> {
        let name = self.quoted(b'\'', "unterminated 'sheet name'")?;
        if self.peek() == Some(b'!') {
            self.i += 1;
            Ok(name)
        } else {
            Err(self.err("expected '!' after a quoted sheet name"))
        }
    }

    fn array(&mut self) -> Result<Range, ParseError> {
        let at = self.i;
        self.i += 1;
        let mut rows = vec![Vec::new()];
        loop {
            self.ws();
            let cell = match self.peek() {
                Some(b',' | b';' | b'}') => Cell::Empty,
                Some(b'{') => return Err(self.err("arrays cannot be nested")),
                _ => self.literal()?,
            };
            if let Some(row) = rows.last_mut() {
                row.push(cell);
            }
            self.ws();
            match self.peek() {
                Some(b',') => {}
                Some(b';') => rows.push(Vec::new()),
                Some(b'}') => {
                    self.i += 1;
                    return rectangular(rows, at);
                }
                None => return Err(Self::err_at(at, "the array has no closing '}'")),
                Some(_) => return Err(self.err("expected ',', ';' or '}' in an array")),
            }
            self.i += 1;
        }
    }

    fn string(&mut self) -> Result<String, ParseError> {
        self.quoted(b'"', "unterminated \"text\"")
    }

    /// The text between `quote`s from here, a doubled quote standing for one (spreadsheets
    /// write both `"say ""hi"""` and `'Bob''s data'!A1`).
    fn quoted(&mut self, quote: u8, unterminated: &str) -> Result<String, ParseError> {
        let at = self.i;
        self.i += 1;
        let mut out = String::new();
        loop {
            let start = self.i;
            while self.peek().is_some_and(|c| c != quote) {
                self.i += 1;
            }
            out.push_str(&self.text[start..self.i]);
            if self.peek().is_none() {
                return Err(Self::err_at(at, unterminated));
            }
            self.i += 1;
            if self.peek() == Some(quote) {
                self.i += 1;
                out.push(quote as char);
            } else {
                return Ok(out);
            }
        }
    }

    fn error_code(&mut self) -> Result<Cell, ParseError> {
        let start = self.i;
        while self.peek().is_some_and(|c| !matches!(c, b',' | b';' | b')' | b'}' | b' ' | b'\t' | b'\r' | b'\n')) {
            self.i += 1;
        }
        ErrorKind::from_code(&self.text[start..self.i]).map(Cell::Error).ok_or_else(|| {
            Self::err_at(start, "unknown error code (known: #N/A, #DIV/0!, #VALUE!, #REF!, #NAME?, #NUM!, #NULL!)")
        })
    }
}

#[cfg(test)]
mod tests;
