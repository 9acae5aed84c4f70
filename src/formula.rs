//! A parser for one function call with literal arguments, as typed in a cell:
//! `=ROAS(1000, 100)`, `CAC({100,200;300,400}, {1;3})`, `KPI.CTR(14, 1000)`.
//!
//! Arguments are literals only: numbers (with `%`), `"text"`, `TRUE`/`FALSE`,
//! error codes such as `#N/A`, `{…}` arrays (`,` between columns, `;` between rows),
//! and empty slots for omitted arguments. No cell references or nested calls.

use crate::error::ErrorKind;
use crate::value::{Arg, Cell, Range};
use std::fmt;

/// A parsed call.
#[derive(Clone, Debug, PartialEq)]
pub struct Call {
    /// The function name as written (without `=`).
    pub name: String,
    /// The arguments in order; an omitted one is a blank cell.
    pub args: Vec<Arg>,
}

/// Why a formula could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// Byte offset of the problem.
    pub at: usize,
    /// What was expected.
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at character {})", self.message, self.at + 1)
    }
}

impl std::error::Error for ParseError {}

/// Parses `text` as one call.
pub fn parse(text: &str) -> Result<Call, ParseError> {
    let mut p = Parser { s: text.as_bytes(), text, i: 0 };
    p.ws();
    if p.peek() == Some(b'=') {
        p.i += 1;
    }
    p.ws();
    let name = p.name()?;
    p.ws();
    p.expect(b'(')?;
    let mut args = Vec::new();
    p.ws();
    if p.peek() == Some(b')') {
        p.i += 1;
    } else {
        loop {
            p.ws();
            args.push(p.arg()?);
            p.ws();
            match p.next() {
                Some(b',') => continue,
                Some(b')') => break,
                _ => return Err(p.err_back("expected ',' or ')'")),
            }
        }
    }
    p.ws();
    if p.i < p.s.len() {
        return Err(p.err("unexpected text after the closing ')'"));
    }
    Ok(Call { name, args })
}

struct Parser<'a> {
    s: &'a [u8],
    text: &'a str,
    i: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }
    fn next(&mut self) -> Option<u8> {
        let c = self.peek();
        self.i += 1;
        c
    }
    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }
    fn err(&self, message: &str) -> ParseError {
        ParseError { at: self.i.min(self.s.len()), message: message.to_string() }
    }
    fn err_back(&self, message: &str) -> ParseError {
        ParseError { at: self.i.saturating_sub(1).min(self.s.len()), message: message.to_string() }
    }
    fn expect(&mut self, c: u8) -> Result<(), ParseError> {
        if self.peek() == Some(c) {
            self.i += 1;
            Ok(())
        } else {
            Err(self.err(&format!("expected '{}'", c as char)))
        }
    }

    fn name(&mut self) -> Result<String, ParseError> {
        let start = self.i;
        while matches!(self.peek(), Some(c) if c.is_ascii_alphanumeric() || c == b'_' || c == b'.') {
            self.i += 1;
        }
        if self.i == start || !self.s[start].is_ascii_alphabetic() {
            return Err(ParseError { at: start, message: "expected a function name".into() });
        }
        Ok(self.text[start..self.i].to_string())
    }

    /// One argument; an empty slot (`ROAS(1,)`) is a blank cell.
    fn arg(&mut self) -> Result<Arg, ParseError> {
        match self.peek() {
            Some(b'{') => self.array().map(Arg::Range),
            Some(b',' | b')') | None => Ok(Arg::Cell(Cell::Empty)),
            _ => self.cell().map(Arg::Cell),
        }
    }

    fn array(&mut self) -> Result<Range, ParseError> {
        self.expect(b'{')?;
        let mut rows = vec![Vec::new()];
        loop {
            self.ws();
            let cell = match self.peek() {
                Some(b',' | b';' | b'}') => Cell::Empty,
                _ => self.cell()?,
            };
            if let Some(row) = rows.last_mut() {
                row.push(cell);
            }
            self.ws();
            match self.next() {
                Some(b',') => {}
                Some(b';') => rows.push(Vec::new()),
                Some(b'}') => break,
                _ => return Err(self.err_back("expected ',', ';' or '}' in an array")),
            }
        }
        let width = rows[0].len();
        if rows.iter().any(|r| r.len() != width) {
            return Err(self.err_back("every row of an array needs the same number of values"));
        }
        Ok(Range::from_rows(rows))
    }

    fn cell(&mut self) -> Result<Cell, ParseError> {
        match self.peek() {
            Some(b'"') => self.string().map(Cell::Text),
            Some(b'#') => self.error_code(),
            Some(c) if c.is_ascii_alphabetic() => {
                let start = self.i;
                while matches!(self.peek(), Some(c) if c.is_ascii_alphabetic()) {
                    self.i += 1;
                }
                match self.text[start..self.i].to_ascii_uppercase().as_str() {
                    "TRUE" => Ok(Cell::Bool(true)),
                    "FALSE" => Ok(Cell::Bool(false)),
                    _ => Err(ParseError {
                        at: start,
                        message: "expected a number, \"text\", TRUE, FALSE or an error code; cell references are not supported".into(),
                    }),
                }
            }
            _ => self.number().map(Cell::Number),
        }
    }

    fn string(&mut self) -> Result<String, ParseError> {
        self.expect(b'"')?;
        let mut out = String::new();
        loop {
            let start = self.i;
            while matches!(self.peek(), Some(c) if c != b'"') {
                self.i += 1;
            }
            out.push_str(&self.text[start..self.i]);
            if self.next() != Some(b'"') {
                return Err(self.err("unterminated \"text\""));
            }
            // A doubled quote is a literal quote, as in spreadsheets.
            if self.peek() == Some(b'"') {
                self.i += 1;
                out.push('"');
            } else {
                return Ok(out);
            }
        }
    }

    fn error_code(&mut self) -> Result<Cell, ParseError> {
        let start = self.i;
        while matches!(self.peek(), Some(c) if !matches!(c, b',' | b';' | b')' | b'}' | b' ')) {
            self.i += 1;
        }
        ErrorKind::from_code(&self.text[start..self.i])
            .map(Cell::Error)
            .ok_or(ParseError { at: start, message: "unknown error code".into() })
    }

    fn number(&mut self) -> Result<f64, ParseError> {
        let start = self.i;
        if matches!(self.peek(), Some(b'-' | b'+')) {
            self.i += 1;
        }
        let digits = |p: &mut Self| {
            let s = p.i;
            while matches!(p.peek(), Some(c) if c.is_ascii_digit()) {
                p.i += 1;
            }
            p.i - s
        };
        let mut n = digits(self);
        if self.peek() == Some(b'.') {
            self.i += 1;
            n += digits(self);
        }
        if n == 0 {
            return Err(ParseError { at: start, message: "expected a number".into() });
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.i += 1;
            if matches!(self.peek(), Some(b'-' | b'+')) {
                self.i += 1;
            }
            if digits(self) == 0 {
                return Err(self.err("expected digits after the exponent"));
            }
        }
        let x: f64 = self.text[start..self.i]
            .parse()
            .map_err(|_| ParseError { at: start, message: "not a number".into() })?;
        self.ws();
        if self.peek() == Some(b'%') {
            self.i += 1;
            return Ok(x / 100.0);
        }
        Ok(x)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_scalars_and_arrays() {
        let c = parse("=KPI.CAC({100,200;300,}, {1;3}, , \"x\", TRUE, #N/A, 1.5%)").unwrap();
        assert_eq!(c.name, "KPI.CAC");
        assert_eq!(c.args.len(), 7);
        assert_eq!(
            c.args[0],
            Arg::Range(Range::from_rows(vec![
                vec![Cell::Number(100.0), Cell::Number(200.0)],
                vec![Cell::Number(300.0), Cell::Empty],
            ]))
        );
        assert_eq!(c.args[2], Arg::Cell(Cell::Empty));
        assert_eq!(c.args[3], Arg::Cell(Cell::Text("x".into())));
        assert_eq!(c.args[4], Arg::Cell(Cell::Bool(true)));
        assert_eq!(c.args[5], Arg::Cell(Cell::Error(ErrorKind::NA)));
        assert_eq!(c.args[6], Arg::Cell(Cell::Number(0.015)));
    }

    #[test]
    fn rejects_garbage_with_a_position() {
        assert_eq!(parse("ROAS(1000 100)").unwrap_err().at, 10);
        assert!(parse("ROAS(A1, 2)").is_err());
        assert!(parse("ROAS(1, 2) x").is_err());
        assert!(parse("({1,2;3})").is_err());
        assert!(parse("ROAS({1,2;3}, 1)").is_err());
        assert!(parse("ROAS(\"abc").is_err());
        assert!(parse("ROAS(1e, 2)").is_err());
    }
}
