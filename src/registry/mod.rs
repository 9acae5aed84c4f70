//! The function registry: the single source of truth for every KPI.
//!
//! Each family module in `crate::kpi` contributes a table of [`Function`] rows; this
//! module gathers them. The dispatcher, the CLI listing, `FUNCTIONS.md`, Excel's
//! `functions.json` and the Sheets JSDoc are all generated from these rows.

pub mod check;
pub mod display;
pub mod info;
pub mod source;

pub use check::holds;
pub use display::{format_plain, Display};

pub use source::{Article, Source};
pub use info::{all as info, ExampleInfo, FunctionInfo, ParamInfo, ResultKinds};

use crate::error::{ErrorKind, KpiError, KpiResult};
use crate::exact::Exact;
use std::sync::OnceLock;

/// How a parameter takes its argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ParamKind {
    /// An additive quantity (spend, revenue, clicks, customers): one cell or a range.
    /// A range is summed, so a KPI over ranges is the blended KPI. Non-negative unless
    /// the parameter is declared [`Param::signed`].
    Amount,
    /// A fraction from 0 to 1 (a percentage cell): one value.
    Rate,
    /// One number that cannot be negative (a count of periods, purchases per period).
    NonNegative,
    /// One number of either sign.
    Number,
    /// TRUE or FALSE (a number counts as TRUE unless it is 0).
    Flag,
    /// A range of numbers used one by one (survey scores, dates); blanks skipped.
    Series,
    /// A range read cell by cell with blanks kept in place, so that two such ranges
    /// pair up position by position (lead dates beside close dates); a row with a
    /// blank on either side is left out of the pairing.
    Paired,
    /// A range of texts kept in place, blanks included (paths, channel names, user ids):
    /// it pairs row by row with `paired` ranges beside it. A number reads as its digits.
    Texts,
    /// A block kept as rows × columns (a touchpoint table).
    Block,
    /// One of the named options the parameter lists ([`Param::choices`]), any case.
    Choice,
}

impl ParamKind {
    /// Whether a range is a valid argument for this kind.
    pub fn takes_range(self) -> bool {
        matches!(self, ParamKind::Amount | ParamKind::Series | ParamKind::Paired | ParamKind::Texts | ParamKind::Block)
    }
    /// A short phrase for documentation.
    pub fn describe(self) -> &'static str {
        match self {
            ParamKind::Amount => "number or range (summed)",
            ParamKind::Rate => "fraction 0–1",
            ParamKind::NonNegative => "number",
            ParamKind::Number => "number",
            ParamKind::Flag => "TRUE/FALSE",
            ParamKind::Series => "range of numbers",
            ParamKind::Paired => "range, paired row by row",
            ParamKind::Texts => "range of text, paired row by row",
            ParamKind::Block => "range (rows × columns)",
            ParamKind::Choice => "one of the listed options",
        }
    }
}

/// Which signs a parameter accepts: declared per parameter, printed in the docs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SignDomain {
    /// Zero or more: spend, counts, sessions, rates. A negative is `#NUM!`.
    NonNegative,
    /// Either sign, where the formula gives a meaningful answer for a negative
    /// (sales growth, a margin, a lifetime value, a target).
    Any,
}

impl SignDomain {
    /// A short phrase for documentation.
    pub fn describe(self) -> &'static str {
        match self {
            SignDomain::NonNegative => "≥ 0",
            SignDomain::Any => "any sign",
        }
    }
}

/// The default of an optional parameter.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum DefaultValue {
    /// A number.
    Number(f64),
    /// A boolean.
    Flag(bool),
    /// No value: the function tells "omitted" apart from every value (NPS's count form).
    Omitted,
    /// A text (a separator such as `>`).
    Text(&'static str),
    /// The first of a [`ParamKind::Choice`]'s options.
    FirstChoice,
}

/// One parameter of a function, declared as data.
#[derive(Clone, Copy, Debug)]
pub struct Param {
    /// Short name, as autocomplete shows it (`spend`).
    pub name: &'static str,
    /// One sentence for the user.
    pub description: &'static str,
    /// How the argument is read.
    pub kind: ParamKind,
    /// `Some` for an optional parameter: the value used when it is omitted or blank.
    pub default: Option<DefaultValue>,
    /// Which signs the parameter accepts.
    pub sign: SignDomain,
    /// The options of a [`ParamKind::Choice`] (the first is the default); empty otherwise.
    pub choices: &'static [&'static str],
}

impl Param {
    const fn of(kind: ParamKind, name: &'static str, description: &'static str) -> Param {
        let sign = match kind {
            ParamKind::Amount | ParamKind::Rate | ParamKind::NonNegative => SignDomain::NonNegative,
            ParamKind::Number
            | ParamKind::Flag
            | ParamKind::Series
            | ParamKind::Paired
            | ParamKind::Texts
            | ParamKind::Block
            | ParamKind::Choice => SignDomain::Any,
        };
        Param { name, description, kind, default: None, sign, choices: &[] }
    }
    /// The same amount, allowed to be negative where the formula means something for it
    /// (sales growth, net revenue after refunds).
    pub const fn signed(self) -> Param {
        Param { sign: SignDomain::Any, ..self }
    }
    /// How the parameter is documented: its kind, and its sign domain where that matters.
    pub fn describe(&self) -> String {
        match self.kind {
            ParamKind::Amount | ParamKind::NonNegative | ParamKind::Number => {
                format!("{}, {}", self.kind.describe(), self.sign.describe())
            }
            _ => self.kind.describe().to_string(),
        }
    }
    /// An additive quantity: a cell or a range, summed.
    pub const fn amount(name: &'static str, description: &'static str) -> Param {
        Self::of(ParamKind::Amount, name, description)
    }
    /// A fraction from 0 to 1.
    pub const fn rate(name: &'static str, description: &'static str) -> Param {
        Self::of(ParamKind::Rate, name, description)
    }
    /// One non-negative number.
    pub const fn non_negative(name: &'static str, description: &'static str) -> Param {
        Self::of(ParamKind::NonNegative, name, description)
    }
    /// One number of either sign.
    pub const fn number(name: &'static str, description: &'static str) -> Param {
        Self::of(ParamKind::Number, name, description)
    }
    /// TRUE or FALSE.
    pub const fn flag(name: &'static str, description: &'static str) -> Param {
        Self::of(ParamKind::Flag, name, description)
    }
    /// A range of numbers used one by one.
    pub const fn series(name: &'static str, description: &'static str) -> Param {
        Self::of(ParamKind::Series, name, description)
    }
    /// The same parameter, optional with a numeric default.
    pub const fn or(self, default: f64) -> Param {
        Param { default: Some(DefaultValue::Number(default)), ..self }
    }
    /// The same parameter, optional with a boolean default.
    pub const fn or_flag(self, default: bool) -> Param {
        Param { default: Some(DefaultValue::Flag(default)), ..self }
    }
    /// A range paired cell by cell with another (blanks kept in place).
    pub const fn paired(name: &'static str, description: &'static str) -> Param {
        Self::of(ParamKind::Paired, name, description)
    }
    /// A range of texts kept in place (paths, channel names).
    pub const fn texts(name: &'static str, description: &'static str) -> Param {
        Self::of(ParamKind::Texts, name, description)
    }
    /// A block of rows × columns.
    pub const fn block(name: &'static str, description: &'static str) -> Param {
        Self::of(ParamKind::Block, name, description)
    }
    /// One of `choices`, any case; optional, the first being the default.
    pub const fn choice(name: &'static str, description: &'static str, choices: &'static [&'static str]) -> Param {
        Param { choices, default: Some(DefaultValue::FirstChoice), ..Self::of(ParamKind::Choice, name, description) }
    }
    /// The same parameter, optional with a text default.
    pub const fn or_text(self, default: &'static str) -> Param {
        Param { default: Some(DefaultValue::Text(default)), ..self }
    }
    /// The same parameter, optional with no default: omitted binds as [`Input::Omitted`].
    pub const fn or_omitted(self) -> Param {
        Param { default: Some(DefaultValue::Omitted), ..self }
    }
    /// Whether the parameter may be omitted.
    pub fn optional(&self) -> bool {
        self.default.is_some()
    }
    /// The default as a formula would spell it (`0.9`, `TRUE`), if there is one.
    pub fn default_text(&self) -> Option<String> {
        match self.default? {
            DefaultValue::Number(x) => Some(crate::docs::format_number(x)),
            DefaultValue::Flag(b) => Some(if b { "TRUE" } else { "FALSE" }.to_string()),
            DefaultValue::Omitted => None,
            DefaultValue::Text(t) => Some(format!("\"{t}\"")),
            DefaultValue::FirstChoice => self.choices.first().map(|c| format!("\"{c}\"")),
        }
    }
}

/// What a function returns, for formatting and documentation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ResultKind {
    /// An amount of money, in the inputs' currency.
    Money,
    /// A multiple such as ROAS: 10 means 10:1.
    Multiple,
    /// A fraction (0.014), shown as a percentage (1.4%).
    Fraction,
    /// A plain ratio of two quantities.
    Ratio,
    /// A count or an average count.
    Count,
    /// A number of seconds (a duration).
    Seconds,
    /// A number of days.
    Days,
    /// A number of months.
    Months,
    /// A score on a fixed scale (NPS: −100 to 100).
    Score,
    /// Text, such as a status.
    Text,
}

impl ResultKind {
    /// Whether the result is a number (everything but `Text`).
    pub fn is_number(self) -> bool {
        self != ResultKind::Text
    }
}

/// The shape of what a function returns.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Shape {
    /// One value of the function's [`ResultKind`].
    Value,
    /// A table that spills: a header row of these columns' names, then one row per item.
    Table(&'static [Column]),
}

/// One column of a table result.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Column {
    /// The header, as the spilled table shows it (`channel`, `conversions`).
    pub name: &'static str,
    /// What its cells are.
    pub kind: ResultKind,
    /// What the column holds, in one sentence.
    pub description: &'static str,
    /// For a column computed by a numeric method (a linear solve), the relative tolerance
    /// its worked examples are checked to; `None`: exact, checked to the bit.
    pub tolerance: Option<f64>,
}

/// What a worked example must give.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Expected {
    /// This number, to the last bit.
    Number(f64),
    /// This text.
    Text(&'static str),
    /// This spreadsheet error.
    Error(ErrorKind),
    /// This table, data rows only (the header is the function's columns), cell by cell:
    /// numbers to the bit, or within the column's tolerance.
    Table(&'static [&'static [ExpectedCell]]),
}

/// One expected cell of a table example.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ExpectedCell {
    /// A number.
    N(f64),
    /// A text.
    T(&'static str),
    /// This cell's own spreadsheet error.
    E(ErrorKind),
}

/// Shorthand for an example with a table result.
pub const fn ex_table(formula: &'static str, rows: &'static [&'static [ExpectedCell]]) -> Example {
    Example { formula, expected: Expected::Table(rows) }
}

/// A worked example: a formula and the result it must give.
#[derive(Clone, Copy, Debug)]
pub struct Example {
    /// A formula in the CLI's syntax, e.g. `ROAS(1000, 100)`.
    pub formula: &'static str,
    /// The result, computed independently of the code (by hand or from the source article).
    pub expected: Expected,
}

/// Shorthand for an example with a numeric result.
pub const fn ex(formula: &'static str, value: f64) -> Example {
    Example { formula, expected: Expected::Number(value) }
}

/// Shorthand for an example with a text result.
pub const fn ex_text(formula: &'static str, text: &'static str) -> Example {
    Example { formula, expected: Expected::Text(text) }
}

/// Shorthand for an example that gives a spreadsheet error.
pub const fn ex_err(formula: &'static str, kind: ErrorKind) -> Example {
    Example { formula, expected: Expected::Error(kind) }
}

/// A bound argument, in the type its parameter kind promises.
#[derive(Clone, Debug, PartialEq)]
pub enum Input {
    /// One number (or the sum of a range, for [`ParamKind::Amount`]).
    Num(Exact),
    /// A boolean.
    Flag(bool),
    /// A list of numbers, blanks skipped.
    Series(Vec<Exact>),
    /// Every cell of a [`ParamKind::Texts`] range in order, `None` for a blank.
    Texts(Vec<Option<String>>),
    /// A [`ParamKind::Block`]: the cells, rows × columns.
    Block(crate::value::Range),
    /// The index of the chosen option of a [`ParamKind::Choice`].
    Choice(usize),
    /// Every cell of a [`ParamKind::Paired`] range in order, `None` for a blank.
    Paired(Vec<Option<Exact>>),
    /// An optional parameter with no default that was not given.
    Omitted,
}

/// The bound arguments handed to a KPI's pure function.
pub struct Inputs<'a>(pub &'a [Input]);

impl Inputs<'_> {
    fn mismatch(i: usize) -> KpiError {
        // Only reachable if a row's function disagrees with its own parameter list;
        // the registry tests run every row, so this is a guard, not a path.
        KpiError::value(format!("Internal mismatch at input {}.", i + 1))
    }
    /// Input `i` as a number.
    pub fn num(&self, i: usize) -> KpiResult<Exact> {
        match self.0.get(i) {
            Some(Input::Num(d)) => Ok(d.clone()),
            _ => Err(Self::mismatch(i)),
        }
    }
    /// Input `i` as a boolean.
    pub fn flag(&self, i: usize) -> KpiResult<bool> {
        match self.0.get(i) {
            Some(Input::Flag(b)) => Ok(*b),
            _ => Err(Self::mismatch(i)),
        }
    }
    /// Input `i` as a number, or `None` when it was omitted ([`Param::or_omitted`]).
    pub fn opt_num(&self, i: usize) -> KpiResult<Option<Exact>> {
        match self.0.get(i) {
            Some(Input::Num(d)) => Ok(Some(d.clone())),
            Some(Input::Omitted) => Ok(None),
            _ => Err(Self::mismatch(i)),
        }
    }
    /// Input `i` as position-kept cells (`None` for a blank).
    pub fn paired(&self, i: usize) -> KpiResult<&[Option<Exact>]> {
        match self.0.get(i) {
            Some(Input::Paired(v)) => Ok(v),
            _ => Err(Self::mismatch(i)),
        }
    }
    /// Input `i` as position-kept cells, or `None` when it was omitted ([`Param::or_omitted`]).
    pub fn opt_paired(&self, i: usize) -> KpiResult<Option<&[Option<Exact>]>> {
        match self.0.get(i) {
            Some(Input::Paired(v)) => Ok(Some(v)),
            Some(Input::Omitted) => Ok(None),
            _ => Err(Self::mismatch(i)),
        }
    }
    /// Input `i` as position-kept texts (`None` for a blank).
    pub fn texts(&self, i: usize) -> KpiResult<&[Option<String>]> {
        match self.0.get(i) {
            Some(Input::Texts(v)) => Ok(v),
            _ => Err(Self::mismatch(i)),
        }
    }
    /// Input `i` as a block of cells.
    pub fn block(&self, i: usize) -> KpiResult<&crate::value::Range> {
        match self.0.get(i) {
            Some(Input::Block(r)) => Ok(r),
            _ => Err(Self::mismatch(i)),
        }
    }
    /// Input `i` as the index of the chosen option.
    pub fn choice(&self, i: usize) -> KpiResult<usize> {
        match self.0.get(i) {
            Some(Input::Choice(c)) => Ok(*c),
            _ => Err(Self::mismatch(i)),
        }
    }
    /// Input `i` as a text (a [`DefaultValue::Text`] parameter), or `None` when omitted.
    pub fn opt_text(&self, i: usize) -> KpiResult<Option<&str>> {
        match self.0.get(i) {
            Some(Input::Texts(v)) => Ok(v.first().and_then(|t| t.as_deref())),
            Some(Input::Omitted) => Ok(None),
            _ => Err(Self::mismatch(i)),
        }
    }
    /// Input `i` as a list of numbers.
    pub fn series(&self, i: usize) -> KpiResult<&[Exact]> {
        match self.0.get(i) {
            Some(Input::Series(v)) => Ok(v),
            _ => Err(Self::mismatch(i)),
        }
    }
}

/// What a KPI gives back.
#[derive(Clone, Debug)]
pub enum Output {
    /// An exact number, handed to spreadsheets as its correctly rounded nearest f64.
    Number(Exact),
    /// A text result.
    Text(&'static str),
    /// A table: one row of cells per item, as wide as the function's declared columns.
    Table(Vec<Vec<crate::table::OutCell>>),
}

/// One registry row: everything every host needs to know about a function.
#[derive(Clone, Copy, Debug)]
pub struct Function {
    /// Identifier and Excel name (shown as `KPI.<id>` in Excel), e.g. `ROAS`.
    pub id: &'static str,
    /// The Google Sheets name (no dots; differs from `id` only to avoid a built-in name).
    pub sheets_name: &'static str,
    /// One line for autocomplete.
    pub description: &'static str,
    /// The formula in words, for the docs.
    pub formula: &'static str,
    /// Where the definition comes from.
    pub source: Source,
    /// Parameters in order; optional ones last.
    pub params: &'static [Param],
    /// What the result is; for a table, the kind of its first column (the rows' names).
    pub result: ResultKind,
    /// One value, or a table with declared columns.
    pub shape: Shape,
    /// Worked examples with independently computed results.
    pub examples: &'static [Example],
    /// The pure computation on bound inputs.
    pub eval: fn(&Inputs) -> KpiResult<Output>,
}

impl Function {
    /// The name Excel users type, with its namespace: `KPI.ROAS`.
    pub fn excel_full_name(&self) -> String {
        format!("{}.{}", crate::EXCEL_NAMESPACE, self.id)
    }
    /// Number of parameters that must be given.
    pub fn required_params(&self) -> usize {
        self.params.iter().filter(|p| !p.optional()).count()
    }
    /// A signature for listings: `ROAS(revenue, spend)`, optional parameters in brackets.
    pub fn signature(&self) -> String {
        self.signature_as(self.id)
    }
    /// The signature under another of the function's names (`KPI.ROAS(…)` for Excel).
    pub fn signature_as(&self, name: &str) -> String {
        let params: Vec<String> = self
            .params
            .iter()
            .map(|p| if p.optional() { format!("[{}]", p.name) } else { p.name.to_string() })
            .collect();
        format!("{name}({})", params.join(", "))
    }
}

/// Every function, in registry order (family by family).
pub fn functions() -> &'static [&'static Function] {
    static ALL: OnceLock<Vec<&'static Function>> = OnceLock::new();
    ALL.get_or_init(|| crate::kpi::FAMILIES.iter().flat_map(|family| family.iter()).collect())
}

/// The one lookup of a function by the name a formula or a host uses, any case:
/// - bare: the Sheets name or the id (`ROAS`);
/// - namespaced, the id: `KPI.ROAS`, and as Excel stores add-in functions in files,
///   `_xldudf_KPI_ROAS` (also `_xldudf_KPI.ROAS`);
/// - any of these after `[2]!`, Excel's reference to the add-in as an external workbook.
pub fn find(name: &str) -> Option<&'static Function> {
    let name = name.trim();
    let name = match name.split_once("]!") {
        Some((book, rest)) if book.starts_with('[') => rest,
        _ => name,
    };
    if let Some(rest) = strip_prefix_ignore_case(name, "_xldudf_") {
        let id = strip_namespace(rest, b'_').or_else(|| strip_namespace(rest, b'.'))?;
        return functions().iter().copied().find(|f| f.id.eq_ignore_ascii_case(id));
    }
    if let Some(id) = strip_namespace(name, b'.') {
        return functions().iter().copied().find(|f| f.id.eq_ignore_ascii_case(id));
    }
    functions().iter().copied().find(|f| f.sheets_name.eq_ignore_ascii_case(name) || f.id.eq_ignore_ascii_case(name))
}

fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &s[prefix.len()..])
}

/// `KPI.ROAS` → `ROAS` (with `separator` `.`); `KPI_ROAS` with `_`.
fn strip_namespace(s: &str, separator: u8) -> Option<&str> {
    let rest = strip_prefix_ignore_case(s, crate::EXCEL_NAMESPACE)?;
    (rest.as_bytes().first() == Some(&separator)).then(|| &rest[1..])
}

/// The position of a function in [`functions()`], for the WASM fast path.
pub fn index_of(name: &str) -> Option<usize> {
    let f = find(name)?;
    functions().iter().position(|g| std::ptr::eq(*g, f))
}
