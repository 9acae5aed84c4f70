//! The dispatcher: name + arguments in, value or spreadsheet error out.

use crate::bind::{bind, ArgView};
use crate::error::{ErrorKind, KpiError, KpiResult};
use crate::formula::{self, ParseError};
use crate::num;
use crate::registry::{self, Function, Inputs, Output, Shape};
use crate::table::Table;
use crate::value::Arg;

/// A result as every host hands it to a spreadsheet.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// The correctly rounded f64 of the exact result.
    Number(f64),
    /// A text result.
    Text(&'static str),
    /// A table that spills: the header row, then the data rows.
    Table(Table),
}

impl Value {
    /// The value of `f`'s output: a number beyond the double range is `#NUM!`; a table gets
    /// `f`'s declared column names as its header.
    pub fn of(f: &Function, o: Output) -> KpiResult<Value> {
        match o {
            Output::Number(x) => num::to_f64(&x).map(Value::Number),
            Output::Text(t) => Ok(Value::Text(t)),
            Output::Table(rows) => {
                let names: Vec<&str> = match f.shape {
                    Shape::Table(cols) => cols.iter().map(|c| c.name).collect(),
                    Shape::Value => Vec::new(),
                };
                Ok(Value::Table(Table::of(&names, rows)))
            }
        }
    }
}

/// The one wire format of a result, for every host: a number, a string, or
/// `{"error": "#DIV/0!", "message": "…"}`. The CLI's `--json`, the report's JSON and both
/// WASM bundles serialize results through this, and nothing else.
pub struct Wire<'a>(pub &'a KpiResult<Value>);

impl serde::Serialize for Wire<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Ok(Value::Number(x)) => s.serialize_f64(*x),
            Ok(Value::Text(t)) => s.serialize_str(t),
            Ok(Value::Table(t)) => t.serialize(s),
            Err(e) => WireError { error: e.kind.code(), message: &e.message }.serialize(s),
        }
    }
}

/// An error on the wire: a code (a spreadsheet error, or an importer's kind such as
/// `"too_large"`) and a sentence for the person who sees it.
#[derive(serde::Serialize)]
pub struct WireError<'a> {
    /// `#DIV/0!`, or an importer error kind.
    pub error: &'a str,
    /// What to do about it.
    pub message: &'a str,
}

/// Calls `f` on borrowed arguments.
pub fn call(f: &Function, args: &[ArgView]) -> KpiResult<Value> {
    let inputs = bind(f, args)?;
    (f.eval)(&Inputs(&inputs)).and_then(|o| Value::of(f, o))
}

/// The `#NAME?` error for a function that does not exist.
pub fn unknown_function(name: &str) -> KpiError {
    KpiError::new(
        ErrorKind::Name,
        format!("There is no KPI function named {name}; check its spelling against the list of KPI functions."),
    )
}

/// Calls the function named `name` (id, `KPI.` name or Sheets name, any case).
pub fn evaluate(name: &str, args: &[Arg]) -> KpiResult<Value> {
    let f = registry::find(name).ok_or_else(|| unknown_function(name))?;
    let views: Vec<ArgView> = args.iter().map(ArgView::from).collect();
    call(f, &views)
}

/// Parses and evaluates one formula of literals such as `=ROAS(1000, 100)`; a cell
/// reference is a [`ParseError`] (there is no workbook to read it from).
pub fn evaluate_formula(text: &str) -> Result<KpiResult<Value>, ParseError> {
    let c = formula::parse(text)?;
    let args = formula::literal_args(c.args)?;
    Ok(evaluate(&c.name, &args))
}
