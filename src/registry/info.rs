//! A serializable view of the registry, for the CLI's `--json`, the WASM `registry()`
//! export and the JavaScript generators (Excel metadata, Sheets JSDoc).

use super::{
    Column, DefaultValue, Display, Example, Expected, ExpectedCell, Function, Param, ParamKind, ResultKind, Shape,
    SignDomain,
};
use crate::formula;
use crate::value::Arg;
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde::Serialize;

/// One function, as the hosts' generators see it.
#[derive(Serialize)]
pub struct FunctionInfo {
    /// Registry id, also the Excel name without namespace.
    pub id: &'static str,
    /// `KPI.ROAS`.
    pub excel_name: String,
    /// `ROAS`.
    pub sheets_name: &'static str,
    /// One line for autocomplete.
    pub description: &'static str,
    /// The formula in words.
    pub formula: &'static str,
    /// Where the definition comes from, in English (the articles by their titles, then the note).
    pub source: String,
    /// The source articles, each by its own title and language.
    pub source_articles: &'static [super::Article],
    /// What the row takes from the articles and from elsewhere (English; empty when the article is all).
    pub source_note: &'static str,
    /// Parameters in order.
    pub params: Vec<ParamInfo>,
    /// What the result is.
    pub result: ResultKind,
    /// How the result is shown (the registry's one display table).
    pub display: Display,
    /// `ROAS(revenue, ad_spend)`, optional parameters in brackets.
    pub signature: String,
    /// The same under the Excel name: `KPI.ROAS(revenue, ad_spend)`.
    pub excel_signature: String,
    /// The same under the Sheets name.
    pub sheets_signature: String,
    /// A table result's columns (its header row, in order); empty for a one-value result.
    pub columns: &'static [Column],
    /// Worked examples.
    pub examples: Vec<ExampleInfo>,
}

/// One parameter.
#[derive(Serialize)]
pub struct ParamInfo {
    /// Name.
    pub name: &'static str,
    /// Description.
    pub description: &'static str,
    /// How the argument is read.
    pub kind: ParamKind,
    /// Which signs it accepts.
    pub sign: SignDomain,
    /// Kind and sign domain in words, as the docs print them.
    pub describe: String,
    /// Whether a range may be passed.
    pub takes_range: bool,
    /// Whether it may be omitted.
    pub optional: bool,
    /// The default when omitted (a number or a boolean), if optional.
    pub default: Option<DefaultInfo>,
    /// The default as a formula spells it (`0.9`, `TRUE`), if there is one.
    pub default_text: Option<String>,
    /// The options of a choice parameter (the first is the default); empty otherwise.
    pub choices: &'static [&'static str],
}

/// A default value, serialized as a plain number, boolean or text.
pub struct DefaultInfo(DefaultValue, &'static [&'static str]);

impl Serialize for DefaultInfo {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            DefaultValue::Number(x) => s.serialize_f64(x),
            DefaultValue::Flag(b) => s.serialize_bool(b),
            DefaultValue::Text(t) => s.serialize_str(t),
            DefaultValue::FirstChoice => match self.1.first() {
                Some(c) => s.serialize_str(c),
                None => s.serialize_none(),
            },
            DefaultValue::Omitted => s.serialize_none(),
        }
    }
}

/// One worked example with its arguments already parsed.
#[derive(Serialize)]
pub struct ExampleInfo {
    /// The formula text.
    pub formula: &'static str,
    /// Its arguments: numbers, strings, booleans, `null` for blank, `{error}` objects, 2-D arrays.
    pub args: Vec<Arg>,
    /// The expected result: a number, a string, or `{"error": "#DIV/0!"}`.
    pub expected: ExpectedInfo,
}

/// An expected result, serialized in the same shape the WASM `evaluate` returns (a table
/// with its header row of the function's column names).
pub struct ExpectedInfo(Expected, Shape);

impl Serialize for ExpectedInfo {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Expected::Table(rows) => {
                let header: Vec<TableCellInfo> = match self.1 {
                    Shape::Table(cols) => cols.iter().map(|c| TableCellInfo(ExpectedCell::T(c.name))).collect(),
                    Shape::Value => Vec::new(),
                };
                let mut seq = s.serialize_seq(Some(rows.len() + 1))?;
                seq.serialize_element(&header)?;
                for row in rows {
                    seq.serialize_element(&row.iter().map(|c| TableCellInfo(*c)).collect::<Vec<_>>())?;
                }
                seq.end()
            }
            Expected::Number(x) => s.serialize_f64(x),
            Expected::Text(t) => s.serialize_str(t),
            Expected::Error(k) => {
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry("error", k.code())?;
                m.end()
            }
        }
    }
}

/// One expected table cell: a number or a text.
struct TableCellInfo(ExpectedCell);

impl Serialize for TableCellInfo {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            ExpectedCell::N(x) => s.serialize_f64(x),
            ExpectedCell::T(t) => s.serialize_str(t),
            ExpectedCell::E(k) => {
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry("error", k.code())?;
                m.end()
            }
        }
    }
}

impl From<&Param> for ParamInfo {
    fn from(p: &Param) -> Self {
        ParamInfo {
            name: p.name,
            description: p.description,
            kind: p.kind,
            sign: p.sign,
            describe: p.describe(),
            takes_range: p.kind.takes_range(),
            optional: p.optional(),
            // "Optional, no default" shows as `optional: true, default: null`.
            default: p.default.filter(|d| *d != DefaultValue::Omitted).map(|d| DefaultInfo(d, p.choices)),
            choices: p.choices,
            default_text: p.default_text(),
        }
    }
}

impl ExampleInfo {
    /// The example of a function of this shape, its arguments parsed.
    pub fn of(e: &Example, shape: Shape) -> Self {
        // Registry tests parse every example, so an unparsable one never ships.
        let args = formula::parse(e.formula).and_then(|c| formula::literal_args(c.args)).unwrap_or_default();
        ExampleInfo { formula: e.formula, args, expected: ExpectedInfo(e.expected, shape) }
    }
}

impl From<&Function> for FunctionInfo {
    fn from(f: &Function) -> Self {
        FunctionInfo {
            id: f.id,
            excel_name: f.excel_full_name(),
            sheets_name: f.sheets_name,
            description: f.description,
            formula: f.formula,
            source: f.source.english(),
            source_articles: f.source.articles,
            source_note: f.source.note,
            params: f.params.iter().map(ParamInfo::from).collect(),
            result: f.result,
            display: f.result.display(),
            signature: f.signature(),
            excel_signature: f.signature_as(&f.excel_full_name()),
            sheets_signature: f.signature_as(f.sheets_name),
            columns: match f.shape {
                Shape::Table(cols) => cols,
                Shape::Value => &[],
            },
            examples: f.examples.iter().map(|e| ExampleInfo::of(e, f.shape)).collect(),
        }
    }
}

/// Every result kind's display, serialized by kind name (`{"money": {...}, ...}`), for
/// hosts that show a number whose kind is not a function's (a funnel step rate, a count).
pub struct ResultKinds;

impl Serialize for ResultKinds {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(ResultKind::ALL.len()))?;
        for k in ResultKind::ALL {
            m.serialize_entry(&k, &k.display())?;
        }
        m.end()
    }
}

/// The whole registry as serializable rows.
pub fn all() -> Vec<FunctionInfo> {
    super::functions().iter().map(|f| FunctionInfo::from(*f)).collect()
}
