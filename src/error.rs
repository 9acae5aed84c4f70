//! The one error model: every failure is a spreadsheet error code plus a message a marketer can act on.

use std::borrow::Cow;
use std::fmt;

/// A spreadsheet error code.
///
/// KPIs only ever *raise* the first four. The last three exist so that an error cell
/// arriving from the sheet (`#REF!` from a deleted column, say) propagates unchanged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum ErrorKind {
    /// `#DIV/0!`: a denominator is zero.
    #[serde(rename = "#DIV/0!")]
    Div0,
    /// `#VALUE!`: text or a boolean where a number is needed, or a range where one value is needed.
    #[serde(rename = "#VALUE!")]
    Value,
    /// `#NUM!`: a number outside the KPI's domain (negative spend, a part larger than its whole, overflow).
    #[serde(rename = "#NUM!")]
    Num,
    /// `#N/A`: required data is missing.
    #[serde(rename = "#N/A")]
    NA,
    /// `#REF!`, only propagated from input cells.
    #[serde(rename = "#REF!")]
    Ref,
    /// `#NAME?`, only propagated from input cells.
    #[serde(rename = "#NAME?")]
    Name,
    /// `#NULL!`, only propagated from input cells.
    #[serde(rename = "#NULL!")]
    Null,
}

impl ErrorKind {
    /// Every kind, in a fixed order.
    pub const ALL: [ErrorKind; 7] = [
        ErrorKind::Div0,
        ErrorKind::Value,
        ErrorKind::Num,
        ErrorKind::NA,
        ErrorKind::Ref,
        ErrorKind::Name,
        ErrorKind::Null,
    ];

    /// The code as a spreadsheet shows it, e.g. `#DIV/0!`.
    pub fn code(self) -> &'static str {
        match self {
            ErrorKind::Div0 => "#DIV/0!",
            ErrorKind::Value => "#VALUE!",
            ErrorKind::Num => "#NUM!",
            ErrorKind::NA => "#N/A",
            ErrorKind::Ref => "#REF!",
            ErrorKind::Name => "#NAME?",
            ErrorKind::Null => "#NULL!",
        }
    }

    /// Parses a code such as `#N/A` (case-insensitive). Unknown codes give `None`.
    pub fn from_code(code: &str) -> Option<ErrorKind> {
        let code = code.trim();
        ErrorKind::ALL.into_iter().find(|k| k.code().eq_ignore_ascii_case(code))
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A KPI failure: the spreadsheet error to show and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KpiError {
    /// Which spreadsheet error this is.
    pub kind: ErrorKind,
    /// One sentence for the person who typed the formula.
    pub message: Cow<'static, str>,
}

impl KpiError {
    /// An error with a message.
    pub fn new(kind: ErrorKind, message: impl Into<Cow<'static, str>>) -> Self {
        KpiError { kind, message: message.into() }
    }
    /// `#DIV/0!`
    pub fn div0(message: impl Into<Cow<'static, str>>) -> Self {
        Self::new(ErrorKind::Div0, message)
    }
    /// `#VALUE!`
    pub fn value(message: impl Into<Cow<'static, str>>) -> Self {
        Self::new(ErrorKind::Value, message)
    }
    /// `#NUM!`
    pub fn num(message: impl Into<Cow<'static, str>>) -> Self {
        Self::new(ErrorKind::Num, message)
    }
    /// `#N/A`
    pub fn na(message: impl Into<Cow<'static, str>>) -> Self {
        Self::new(ErrorKind::NA, message)
    }
    /// The error to return when an input cell already holds `kind`: the same code, passed on.
    pub fn propagated(kind: ErrorKind, param: &str) -> Self {
        Self::new(kind, format!("The {param} input already shows {}; fix that cell first.", kind.code()))
    }
    /// A result beyond the range of a spreadsheet number (about ±1.8e308).
    pub fn overflow() -> Self {
        Self::num("The result is too large for a spreadsheet number (beyond about ±1.8e308).")
    }
}

impl fmt::Display for KpiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.kind.code(), self.message)
    }
}

impl std::error::Error for KpiError {}

/// What every KPI computation returns.
pub type KpiResult<T> = Result<T, KpiError>;
