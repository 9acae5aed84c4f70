//! Customer data in a workbook, for CLV: finds a sheet of customers in either shape teams
//! keep and reads it into the histories the models need ([`crate::clv::forecast`]).
//!
//! - *A summary per customer* (RFM): repeat purchases, recency, age and optionally the mean
//!   repeat spend, in lifetimes' names (`frequency`, `recency`, `T`, `monetary_value`),
//!   Fader and Hardie's (`x`, `t_x`, `T`, `zbar`) or the usual words in English, Norwegian and
//!   Simplified and Traditional Chinese; for BG/BB the opportunities (`n`, `periods`).
//! - *A transaction list*: customer id, date and optionally amount per row, summarised in
//!   a time unit the user gives ([`crate::clv::summary::summarize`], lifetimes' rule).
//!
//! A cell that cannot be read is an error naming its sheet, row and column; rows left out
//! are named in a warning.

use super::detect::{header_like_texts, is_total_label};
use super::error::ImportError;
use super::headers::{self, lookup, write_seen, BadCell, FoundColumn};
use super::load::{sheets_to_read, with_rows};
use super::source::{self, Raw, Row, Rows};
use crate::value::Cell;
use std::fmt;

/// A column of customer data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The customer's id.
    Customer,
    /// A transaction's date.
    Date,
    /// A transaction's amount.
    Amount,
    /// Repeat purchases (x).
    Frequency,
    /// Time from the first to the last purchase (t_x).
    Recency,
    /// Time from the first purchase to the end of observation (T).
    Age,
    /// Mean spend of the repeat purchases.
    Monetary,
    /// Discrete opportunities observed after the first (BG/BB's n).
    Periods,
    /// How many customers share the row's history (a summary of patterns).
    Weight,
}

impl Field {
    /// The field's name in messages.
    pub fn name(self) -> &'static str {
        match self {
            Field::Customer => "customer",
            Field::Date => "date",
            Field::Amount => "amount",
            Field::Frequency => "frequency",
            Field::Recency => "recency",
            Field::Age => "age (T)",
            Field::Monetary => "mean repeat spend",
            Field::Periods => "opportunities (n)",
            Field::Weight => "weight (customers with this history)",
        }
    }
}

/// Header names per field, compared by [`headers::key`].
#[rustfmt::skip]
const NAMES: &[(Field, &[&str])] = &[
    (Field::Customer, &[
        "customer", "customer id", "customer_id", "customerid", "client", "client id", "user id", "cust id", "id",
        "kunde", "kunde-id", "kundeid", "kundenummer", "kundenr",
        "客户", "客户id", "客户编号", "顾客id", "客戶", "客戶id", "客戶編號", "顧客id",
    ]),
    (Field::Date, &[
        "date", "order date", "purchase date", "transaction date", "order_date", "invoice date",
        "dato", "kjøpsdato", "ordredato", "fakturadato",
        "日期", "购买日期", "订单日期", "交易日期", "購買日期", "訂單日期", "交易日期",
    ]),
    (Field::Amount, &[
        "amount", "order value", "order total", "sales", "revenue", "price", "total", "value",
        "beløp", "ordreverdi", "omsetning", "salg",
        "金额", "订单金额", "销售额", "金額", "訂單金額", "銷售額",
    ]),
    (Field::Frequency, &[
        "frequency", "x", "repeat purchases", "repeat transactions",
        "frekvens", "gjentatte kjøp",
        "频次", "购买频次", "消费频率", "重复购买", "頻次", "購買頻次", "消費頻率", "重複購買",
    ]),
    (Field::Recency, &[
        "recency", "t_x", "tx",
        "nylighet", "aktualitet",
        "最近一次消费", "近度", "最近一次消費",
    ]),
    (Field::Age, &[
        "t", "age", "customer age", "tenure", "observation period",
        "alder", "kundealder", "observasjonsperiode",
        "客户年龄", "观察期", "客戶年齡", "觀察期",
    ]),
    (Field::Monetary, &[
        "monetary_value", "monetary value", "monetary", "zbar", "mean spend", "average spend", "average order value", "aov",
        "snittordre", "gjennomsnittlig kjøp", "snittbeløp",
        "消费金额", "平均消费", "平均订单金额", "消費金額", "平均消費", "平均訂單金額",
    ]),
    (Field::Periods, &[
        "n", "periods", "n_periods", "opportunities", "perioder", "muligheter", "期数", "机会", "期數", "機會",
    ]),
    (Field::Weight, &[
        "weights", "weight", "customers", "number of customers", "count", "antall kunder", "vekt",
        "客户数", "人数", "权重", "客戶數", "人數", "權重",
    ]),
];

/// Which of the two shapes a sheet holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    /// One row per customer: repeat purchases, recency, age (or opportunities).
    Summary,
    /// One row per transaction: customer, date, amount.
    Transactions,
}

/// How to read the customers.
#[derive(Clone, Debug, PartialEq)]
pub struct CustomerOptions {
    /// The sheet to read (default: the first with customer headers).
    pub sheet: Option<String>,
    /// Refuse a sheet that declares or holds more cells than this.
    pub max_cells: u64,
    /// The byte budget ([`super::Limits::bytes`]).
    pub max_bytes: u64,
    /// The file's name, for format messages and CSV recognition.
    pub file_name: Option<String>,
    /// A CSV file's decimal separator (detected unless the user names it).
    pub decimal: super::Decimal,
}

impl Default for CustomerOptions {
    fn default() -> Self {
        let l = super::Limits::default();
        CustomerOptions { sheet: None, max_cells: l.cells, max_bytes: l.bytes, file_name: None, decimal: super::Decimal::Auto }
    }
}

/// The rows read, by shape.
#[derive(Clone, Debug, PartialEq)]
pub enum Records {
    /// One per customer.
    Summary {
        /// Ids (`row N` where the sheet has no customer column).
        ids: Vec<String>,
        /// Repeat purchases.
        x: Vec<f64>,
        /// Recency.
        t_x: Vec<f64>,
        /// Age, or opportunities for BG/BB (whichever column the sheet has; age first).
        t: Vec<f64>,
        /// Mean repeat spend, when the sheet has it.
        monetary: Option<Vec<f64>>,
        /// Customers per row, when the sheet has it (else one each).
        weight: Option<Vec<f64>>,
    },
    /// One per transaction.
    Transactions {
        /// Customer ids.
        ids: Vec<String>,
        /// Dates as spreadsheet serials.
        dates: Vec<f64>,
        /// Amounts, when the sheet has them.
        amounts: Option<Vec<f64>>,
    },
}

/// The customer data read from a workbook, with where it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct CustomerData {
    /// The rows.
    pub records: Records,
    /// The sheet read (`csv` for a CSV file).
    pub sheet: String,
    /// The header's row, 1-based.
    pub header_row: u32,
    /// The columns used.
    pub columns: Vec<FoundColumn<Field>>,
    /// Rows left out and other things the user should know.
    pub warnings: Vec<String>,
}

impl CustomerData {
    /// The shape the records are in.
    pub fn records_shape(&self) -> Shape {
        match self.records {
            Records::Summary { .. } => Shape::Summary,
            Records::Transactions { .. } => Shape::Transactions,
        }
    }
}

/// Why no customers could be read.
#[derive(Clone, Debug, PartialEq)]
pub enum CustomerError {
    /// The workbook itself could not be read.
    Import(ImportError),
    /// No sheet has a customer header: the header-like texts seen, per sheet.
    NoCustomers {
        /// `(sheet, texts)`.
        seen: Vec<(String, Vec<String>)>,
    },
    /// A cell that cannot be used.
    BadCell(BadCell),
}

impl From<ImportError> for CustomerError {
    fn from(e: ImportError) -> Self {
        CustomerError::Import(e)
    }
}

impl fmt::Display for CustomerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CustomerError::Import(e) => write!(f, "{e}"),
            CustomerError::NoCustomers { seen } => {
                write!(f, "no customer data found: a sheet needs a header naming frequency, recency and age \
                    (a summary per customer), or customer and date (one row per transaction)")?;
                write_seen(f, seen)?;
                let names = |fl| headers::names_of(NAMES, fl, 4);
                write!(f, "\n  headers it knows: frequency {}; recency {}; age {}; customer {}; date {}",
                    names(Field::Frequency), names(Field::Recency), names(Field::Age), names(Field::Customer), names(Field::Date))
            }
            CustomerError::BadCell(b) => write!(f, "{b}"),
        }
    }
}

impl CustomerError {
    /// The message for the command line (an import error with its flag remedy).
    pub fn cli_message(&self) -> String {
        match self {
            CustomerError::Import(e) => e.cli_message(),
            e => e.to_string(),
        }
    }
}

/// The field a header names.
pub fn field_of(header: &str) -> Option<Field> {
    lookup(NAMES, header)
}

/// Reads the customers of the first sheet with customer headers (or of `opts.sheet`).
pub fn read(bytes: &[u8], opts: &CustomerOptions) -> Result<CustomerData, CustomerError> {
    // A panic in the reader (calamine, on a damaged file) becomes a message.
    super::limits::contain(|| read_contained(bytes, opts))
}

fn read_contained(bytes: &[u8], opts: &CustomerOptions) -> Result<CustomerData, CustomerError> {
    let limits = super::Limits { cells: opts.max_cells, bytes: opts.max_bytes };
    let mut opened = source::open(bytes, opts.file_name.as_deref(), limits)?;
    let names = opened.book.sheet_names();
    let sheets = sheets_to_read(names, opts.sheet.as_deref())?;
    let mut seen = Vec::new();
    for sheet in &sheets {
        match with_rows(&mut opened.book, opened.format, sheet, opts.max_cells, opts.decimal, &mut |rows| scan(rows, sheet))? {
            Ok(d) => return Ok(d),
            Err(texts) => seen.push((sheet.clone(), texts)),
        }
    }
    Err(CustomerError::NoCustomers { seen })
}

/// The sheet's customer data, or the header-like texts of its first rows.
fn scan(rows: &mut dyn Rows, sheet: &str) -> Result<Result<CustomerData, Vec<String>>, CustomerError> {
    let mut head = super::headers::first_rows(rows)?;
    let Some((h, shape, columns, warnings)) = head.iter().enumerate().find_map(|(i, r)| header_of(r).map(|(s, c, w)| (i, s, c, w)))
    else {
        return Ok(Err(header_like_texts(&head)));
    };
    let header_row = head[h].index + 1;
    let mut c = Collect { sheet, shape, columns, warnings, ids: vec![], a: vec![], b: vec![], c: vec![], d: vec![], e: vec![], blank: 0, totals: 0 };
    for r in head.drain(h + 1..) {
        c.add(&r)?;
    }
    while let Some(r) = rows.next_row()? {
        c.add(&r)?;
    }
    Ok(Ok(c.finish(header_row)))
}

/// The shape and columns of a customer header, if `r` is one.
fn header_of(r: &Row) -> Option<(Shape, Vec<FoundColumn<Field>>, Vec<String>)> {
    let (mut columns, warnings) = headers::columns_of(r, field_of, Field::name)?;
    let found: Vec<Field> = columns.iter().map(|c| c.field).collect();
    let has = |f: Field| found.contains(&f);
    let (shape, used): (Shape, &[Field]) = if has(Field::Frequency) && has(Field::Recency) && (has(Field::Age) || has(Field::Periods)) {
        (Shape::Summary, &[Field::Customer, Field::Frequency, Field::Recency, Field::Age, Field::Periods, Field::Monetary, Field::Weight])
    } else if has(Field::Customer) && has(Field::Date) {
        (Shape::Transactions, &[Field::Customer, Field::Date, Field::Amount])
    } else {
        return None;
    };
    columns.retain(|c| used.contains(&c.field));
    // A summary with both an age and opportunities: the age is the model's T.
    if has(Field::Age) {
        columns.retain(|c| c.field != Field::Periods);
    }
    Some((shape, columns, warnings))
}

/// The data rows under a customer header, each cell checked.
struct Collect<'a> {
    sheet: &'a str,
    shape: Shape,
    columns: Vec<FoundColumn<Field>>,
    warnings: Vec<String>,
    ids: Vec<String>,
    /// Summary: x, t_x, T, monetary, weight; transactions: dates, amounts.
    a: Vec<f64>,
    b: Vec<f64>,
    c: Vec<f64>,
    d: Vec<f64>,
    e: Vec<f64>,
    blank: usize,
    totals: usize,
}

impl Collect<'_> {
    fn column(&self, f: Field) -> Option<&FoundColumn<Field>> {
        self.columns.iter().find(|c| c.field == f)
    }

    fn bad(&self, row: &Row, f: Field, detail: String) -> CustomerError {
        let c = self.column(f).expect("only read columns are checked");
        CustomerError::BadCell(BadCell::at(self.sheet, row, c, detail))
    }

    /// A number of `f` in `row`: a finite number, 0 or more.
    fn number(&self, row: &Row, f: Field) -> Result<f64, CustomerError> {
        let c = self.column(f).expect("only read columns are checked");
        let problem = match row.get(c.col) {
            Raw::Cell(Cell::Number(x)) if x.is_finite() && *x >= 0.0 => return Ok(*x + 0.0),
            Raw::Cell(Cell::Number(x)) if x.is_finite() => format!("{} is negative; a {} cannot be", crate::docs::format_number(*x), f.name()),
            Raw::Cell(Cell::Number(_)) => "the number is not finite".into(),
            Raw::Cell(Cell::Empty) => format!("the {} is blank", f.name()),
            Raw::Cell(Cell::Text(t)) => format!("\"{}\" is text, not a number", t.trim()),
            Raw::Cell(Cell::Bool(_)) => "TRUE/FALSE is not a number".into(),
            Raw::Cell(Cell::Error(k)) => format!("the cell is the error {}", k.code()),
            Raw::Date { iso, .. } => format!("{iso} is a date, not a number"),
        };
        Err(self.bad(row, f, problem))
    }

    fn add(&mut self, row: &Row) -> Result<(), CustomerError> {
        let used = |f: Field| self.columns.iter().find(|c| c.field == f).map(|c| row.get(c.col));
        if self.columns.iter().all(|c| row.get(c.col).is_blank()) {
            self.blank += 1;
            return Ok(());
        }
        if row.cells.iter().find(|c| !c.is_blank()).and_then(Raw::text).is_some_and(is_total_label) {
            self.totals += 1;
            return Ok(());
        }
        let id = match used(Field::Customer).cloned() {
            Some(Raw::Cell(Cell::Error(k))) => return Err(self.bad(row, Field::Customer, format!("the id is the error {}", k.code()))),
            Some(raw) if !raw.is_blank() => raw.label().trim().to_string(),
            Some(_) if self.shape == Shape::Transactions => return Err(self.bad(row, Field::Customer, "the customer id is blank".into())),
            _ => format!("row {}", row.index + 1),
        };
        self.ids.push(id);
        match self.shape {
            Shape::Summary => {
                let t = if self.column(Field::Age).is_some() { Field::Age } else { Field::Periods };
                self.a.push(self.number(row, Field::Frequency)?);
                self.b.push(self.number(row, Field::Recency)?);
                self.c.push(self.number(row, t)?);
                if self.column(Field::Monetary).is_some() {
                    self.d.push(self.number(row, Field::Monetary)?);
                }
                if self.column(Field::Weight).is_some() {
                    self.e.push(self.number(row, Field::Weight)?);
                }
            }
            Shape::Transactions => {
                let raw = used(Field::Date).expect("a transactions header has a date").clone();
                let Some(date) = super::dates::time_of(&raw) else {
                    let detail = format!("\"{}\" is not a date", raw.label().trim());
                    return Err(self.bad(row, Field::Date, detail));
                };
                self.a.push(date);
                if self.column(Field::Amount).is_some() {
                    self.b.push(self.number(row, Field::Amount)?);
                }
            }
        }
        Ok(())
    }

    fn finish(mut self, header_row: u32) -> CustomerData {
        if self.blank > 0 {
            self.warnings.push(format!("{} blank row(s) left out", self.blank));
        }
        if self.totals > 0 {
            self.warnings.push(format!("{} total row(s) left out", self.totals));
        }
        let records = match self.shape {
            Shape::Summary => {
                let monetary = self.column(Field::Monetary).is_some().then(|| std::mem::take(&mut self.d));
                let weight = self.column(Field::Weight).is_some().then(|| std::mem::take(&mut self.e));
                Records::Summary { ids: self.ids, x: self.a, t_x: self.b, t: self.c, monetary, weight }
            }
            Shape::Transactions => {
                let amounts = self.column(Field::Amount).is_some().then(|| std::mem::take(&mut self.b));
                Records::Transactions { ids: self.ids, dates: self.a, amounts }
            }
        };
        CustomerData { records, sheet: self.sheet.to_string(), header_row, columns: self.columns, warnings: self.warnings }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_in_four_languages() {
        for (h, f) in [
            ("frequency", Field::Frequency),
            ("t_x", Field::Recency),
            ("T", Field::Age),
            ("monetary_value", Field::Monetary),
            ("zbar", Field::Monetary),
            ("Customer ID", Field::Customer),
            ("Kjøpsdato", Field::Date),
            ("订单日期", Field::Date),
            ("消費金額", Field::Monetary),
            ("Beløp", Field::Amount),
            ("periods", Field::Periods),
            ("weights", Field::Weight),
        ] {
            assert_eq!(field_of(h), Some(f), "{h}");
        }
        assert_eq!(field_of("Spend"), None);
    }
}
