//! The CLV forecast of a workbook's customers, as `sheetkpi clv` writes it: the histories
//! (summarised from transactions in the stated time unit when needed), the fits, the
//! per-customer predictions, and their JSON and CSV.

use super::customers::{CustomerData, Records, Shape};
use super::csv_write::{CsvDialect, CsvWriter};
use crate::clv::forecast::{forecast, Forecast, History, Model, Settings};
use crate::clv::summary::{repeats_by_period, summarize, Unit};
use crate::clv::tracking::{tracking, Tracking};
use crate::clv::{alive_histogram, forecast::top_by_clv};
use crate::error::{KpiError, KpiResult};
use super::customers::Field;
use super::headers::FoundColumn;
use super::journeys::options::{number_of, OptionError, Typed};
use super::json_layout::{OrError, Ordered};
use serde::Serialize;

/// A model by name, for the CLI's `--model` and the hosts' `model`.
pub fn parse_model(s: &str) -> Result<Model, String> {
    Model::parse(s).ok_or_else(|| format!("unknown model \"{s}\": use {}", Model::NAMES.join(", ")))
}

/// A time unit by name, for `--unit` and `unit`.
pub fn parse_unit(s: &str) -> Result<Unit, String> {
    Unit::parse(s).ok_or_else(|| format!("unknown unit \"{s}\": use days, weeks or months"))
}

/// An observation end, `YYYY-MM-DD`, as a date serial, for `--end` and `end`.
pub fn parse_end(s: &str) -> Result<f64, String> {
    super::dates::serial_of_iso(s.trim()).ok_or_else(|| format!("\"{s}\" is not a date: give YYYY-MM-DD"))
}

/// The options as a host passes them as JSON (the page): `{model, unit, end, horizon,
/// discount, margin, sheet, maxCells, maxBytes, fileName, decimal}`, every field optional, a
/// mistyped one refused. The same parsers as the CLI's flags; a number may come as a number or
/// as the text typed in a field (`1%`, read as a spreadsheet cell is read, as for attribution's
/// options).
#[derive(serde::Deserialize, Default)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct HostOptions {
    model: Option<String>,
    unit: Option<String>,
    end: Option<String>,
    horizon: Option<Typed>,
    discount: Option<Typed>,
    margin: Option<Typed>,
    sheet: Option<String>,
    max_cells: Option<f64>,
    max_bytes: Option<f64>,
    file_name: Option<String>,
    decimal: Option<String>,
}

/// A number option as typed (attribution's rule: [`number_of`]), or the error naming it.
fn typed_number(option: &'static str, v: &Option<Typed>) -> Result<Option<f64>, OptionError> {
    v.as_ref().map(|t| number_of(option, t)).transpose()
}

impl HostOptions {
    /// The reading and forecasting options, or the error naming the option (its camelCase
    /// name) that cannot be read.
    pub fn resolve(self) -> Result<(super::customers::CustomerOptions, ClvOptions), OptionError> {
        let named = |option: &'static str| move |message: String| OptionError { option, message };
        let model = self.model.as_deref().map_or(Ok(Model::BgNbd), parse_model).map_err(named("model"))?;
        let unit = self.unit.as_deref().map(parse_unit).transpose().map_err(named("unit"))?;
        let end = self.end.as_deref().map(parse_end).transpose().map_err(|e| OptionError { option: "end", message: format!("end {e}") })?;
        let horizon = typed_number("horizon", &self.horizon)?;
        let discount = typed_number("discount", &self.discount)?.unwrap_or(0.0);
        let margin = typed_number("margin", &self.margin)?.unwrap_or(1.0);
        let d = super::Limits::default();
        let limit = |v: Option<f64>, default: u64| v.filter(|x| x.is_finite() && *x >= 0.0).map_or(default, |x| x as u64);
        let read = super::customers::CustomerOptions {
            sheet: self.sheet,
            max_cells: limit(self.max_cells, d.cells),
            max_bytes: limit(self.max_bytes, d.bytes),
            file_name: self.file_name,
            decimal: super::journeys::options::decimal_of(self.decimal.as_deref()).map_err(named("decimal"))?,
        };
        Ok((read, ClvOptions { model, unit, end, horizon, discount, margin }))
    }
}

/// What to forecast, as the user gives it.
#[derive(Clone, Debug, PartialEq)]
pub struct ClvOptions {
    /// The purchase model.
    pub model: Model,
    /// The time unit: needed to summarise transactions; for a summary, the unit its
    /// recency and age are in, if the user says (else outputs say "the data's unit").
    pub unit: Option<Unit>,
    /// Transactions: the end of observation (a serial day; default the latest transaction).
    pub end: Option<f64>,
    /// Periods ahead (default: a year in the unit; required when the unit is unknown).
    pub horizon: Option<f64>,
    /// Discount rate per period.
    pub discount: f64,
    /// Margin on spend, 0 to 1.
    pub margin: f64,
}

/// The forecast with what it was made from.
#[derive(Clone, Debug, PartialEq)]
pub struct ClvOutcome {
    /// The data read.
    pub data: CustomerData,
    /// The options, the horizon filled in.
    pub model: Model,
    /// The unit, when known.
    pub unit: Option<Unit>,
    /// Periods ahead.
    pub horizon: f64,
    /// Discount rate per period.
    pub discount: f64,
    /// Margin.
    pub margin: f64,
    /// The fits and predictions.
    pub forecast: Forecast,
    /// The tracking plot's series, for transactions (its error when the model cannot give
    /// it); None for a summary, which has no purchase dates.
    pub tracking: Option<KpiResult<Tracking>>,
    /// Things the user should know (the data's warnings first).
    pub warnings: Vec<String>,
}

/// A year in `unit`: the default horizon.
fn year_in(unit: Unit) -> f64 {
    match unit {
        Unit::Days => 365.0,
        Unit::Weeks => 52.0,
        Unit::Months => 12.0,
    }
}

/// Fits and forecasts; `#VALUE!`/`#NUM!` with the reason when the options or the data
/// cannot make a forecast.
pub fn compute(data: CustomerData, o: &ClvOptions) -> KpiResult<ClvOutcome> {
    let mut warnings = data.warnings.clone();
    // Transactions: the per-period repeats for the tracking plot, counted as the summary is.
    let mut repeats = None;
    let histories: Vec<History> = match &data.records {
        Records::Summary { ids, x, t_x, t, monetary, weight } => {
            if o.end.is_some() {
                warnings.push("--end applies to transactions only; a summary's ages are already counted to its end".into());
            }
            if o.unit.is_none() {
                warnings.push("the summary's time unit was not given (--unit), so recency, age and the horizon are in the data's own unit".into());
            }
            (0..ids.len())
                .map(|i| History {
                    id: ids[i].clone(),
                    x: x[i],
                    t_x: t_x[i],
                    t: t[i],
                    monetary: monetary.as_ref().map(|m| m[i]),
                    weight: weight.as_ref().map_or(1.0, |w| w[i]),
                })
                .collect()
        }
        Records::Transactions { ids, dates, amounts } => {
            let unit = o.unit.ok_or_else(|| {
                KpiError::value("Transactions need a time unit to be counted in: give --unit days, weeks or months.")
            })?;
            repeats = Some(repeats_by_period(ids, dates, unit, o.end)?);
            summarize(ids, dates, amounts.as_deref(), unit, o.end)?
                .into_iter()
                .map(|r| History { id: r.id, x: r.x, t_x: r.t_x, t: r.t, monetary: r.monetary, weight: 1.0 })
                .collect()
        }
    };
    let horizon = match (o.horizon, o.unit) {
        (Some(h), _) => h,
        (None, Some(u)) => year_in(u),
        (None, None) => return Err(KpiError::value("Give the horizon (--horizon N periods): the data's time unit is not known.")),
    };
    let age_column = data.columns.iter().any(|c| c.field == super::customers::Field::Age);
    if data.records_shape() == Shape::Summary && o.model == Model::BgBb && age_column {
        warnings.push("BG/BB counts opportunities: each customer's age is read as the number of opportunities after the first".into());
    }
    let forecast = forecast(&histories, &Settings { model: o.model, horizon, discount: o.discount, margin: o.margin })?;
    if let Some(Err(e)) = &forecast.spend {
        warnings.push(format!("the spend model (Gamma-Gamma) could not be fitted, so there is no expected spend or CLV: {}", e.message));
    }
    if forecast.spend.is_none() {
        warnings.push("the data has no spend (amount or mean repeat spend), so there is no expected spend or CLV".into());
    }
    let tracking = repeats.map(|r| {
        let ages: Vec<f64> = histories.iter().map(|h| h.t).collect();
        let params = &forecast.purchases.fit.params;
        tracking(&ages, &r, &|h| o.model.expected_purchases_new(params, h))
    });
    Ok(ClvOutcome { data, model: o.model, unit: o.unit, horizon, discount: o.discount, margin: o.margin, forecast, tracking, warnings })
}

/// The whole document, in the order people read it.
#[derive(Serialize)]
struct Doc<'a> {
    model: &'static str,
    unit: Option<&'static str>,
    horizon: f64,
    discount: f64,
    margin: f64,
    params: Ordered<&'static str, Option<f64>>,
    log_likelihood: f64,
    std_errors: Ordered<&'static str, Option<f64>>,
    spend: Option<OrError<'a, Spend>>,
    p_alive_histogram: AliveHistogram,
    #[serde(skip_serializing_if = "Option::is_none")]
    tracking: Option<OrError<'a, TrackingDoc<'a>>>,
    top_by_clv: Vec<usize>,
    customers: Vec<Customer<'a>>,
    source: Source<'a>,
    warnings: &'a [String],
}

/// The Gamma-Gamma fit.
#[derive(Serialize)]
struct Spend {
    model: &'static str,
    params: Ordered<&'static str, Option<f64>>,
    log_likelihood: f64,
    std_errors: Ordered<&'static str, Option<f64>>,
}

/// P(alive) in ten bins: bin k is [lower[k], lower[k] + 0.1), the last closed at 1;
/// counts weighted (a summary row can stand for many customers).
#[derive(Serialize)]
struct AliveHistogram {
    lower: [f64; alive_histogram::BINS],
    count: [f64; alive_histogram::BINS],
}

/// The tracking plot's series ([`crate::clv::tracking`]).
#[derive(Serialize)]
struct TrackingDoc<'a> {
    unit: Option<&'static str>,
    period: &'a [f64],
    actual: &'a [f64],
    model: &'a [f64],
}

/// How many customers `top_by_clv` lists.
pub const TOP_CUSTOMERS: usize = 20;

/// One customer: the history, then the forecast.
#[derive(Serialize)]
struct Customer<'a> {
    id: &'a str,
    weight: f64,
    frequency: f64,
    recency: f64,
    #[serde(rename = "T")]
    t: f64,
    expected_purchases: OrError<'a, f64>,
    p_alive: OrError<'a, f64>,
    expected_spend: Option<OrError<'a, f64>>,
    clv: Option<OrError<'a, f64>>,
}

#[derive(Serialize)]
struct Source<'a> {
    sheet: &'a str,
    header_row: u32,
    shape: Shape,
    columns: &'a [FoundColumn<Field>],
}

/// Parameters by name; a standard error the Hessian cannot give is `null`.
fn named(names: &'static [&'static str], values: &[f64]) -> Ordered<&'static str, Option<f64>> {
    Ordered(names.iter().zip(values).map(|(n, v)| (*n, v.is_finite().then_some(*v))).collect())
}

/// `{"model", "unit", "horizon", "discount", "margin", "params", "log_likelihood",
/// "std_errors", "spend", "p_alive_histogram": {"lower", "count"}, "tracking" (transactions
/// only: {"unit", "period", "actual", "model"}), "top_by_clv" (indices into "customers",
/// highest CLV first, at most [`TOP_CUSTOMERS`]), "customers": [..], "source", "warnings"}`, one customer a line
/// ([`json_layout`](super::json_layout)); numbers in serde_json's shortest round-trip digits.
pub fn json(o: &ClvOutcome) -> String {
    let p = &o.forecast.purchases;
    let spend = o.forecast.spend.as_ref().map(|r| {
        OrError::of(r, |s| Spend {
            model: s.model,
            params: named(s.names, &s.fit.params),
            log_likelihood: s.fit.log_likelihood,
            std_errors: named(s.names, &s.fit.std_errors),
        })
    });
    let customers = o
        .forecast
        .customers
        .iter()
        .map(|c| {
            let h = &c.history;
            Customer {
                id: &h.id,
                weight: h.weight,
                frequency: h.x,
                recency: h.t_x,
                t: h.t,
                expected_purchases: OrError::of(&c.expected_purchases, |x| *x),
                p_alive: OrError::of(&c.p_alive, |x| *x),
                expected_spend: c.expected_spend.as_ref().map(|r| OrError::of(r, |x| *x)),
                clv: c.clv.as_ref().map(|r| OrError::of(r, |x| *x)),
            }
        })
        .collect();
    super::json_layout::to_string(&Doc {
        model: o.model.name(),
        unit: o.unit.map(Unit::name),
        horizon: o.horizon,
        discount: o.discount,
        margin: o.margin,
        params: named(p.names, &p.fit.params),
        log_likelihood: p.fit.log_likelihood,
        std_errors: named(p.names, &p.fit.std_errors),
        spend,
        p_alive_histogram: AliveHistogram {
            lower: alive_histogram::lower_edges(),
            count: alive_histogram::histogram(o.forecast.customers.iter().map(|c| (*c.p_alive.as_ref().unwrap_or(&f64::NAN), c.history.weight))),
        },
        tracking: o.tracking.as_ref().map(|r| {
            OrError::of(r, |t| TrackingDoc { unit: o.unit.map(Unit::name), period: &t.period, actual: &t.actual, model: &t.model })
        }),
        top_by_clv: top_by_clv(&o.forecast.customers, TOP_CUSTOMERS),
        customers,
        source: Source { sheet: &o.data.sheet, header_row: o.data.header_row, shape: o.data.records_shape(), columns: &o.data.columns },
        warnings: &o.warnings,
    })
}

/// The CSV columns, in order.
pub const CSV_COLUMNS: [&str; 9] = ["id", "weight", "frequency", "recency", "T", "expected_purchases", "p_alive", "expected_spend", "clv"];

/// One line per customer ([`CSV_COLUMNS`]) in `dialect`, numbers in their shortest
/// round-trip digits, an error cell as its code, ids through the one CSV text rule
/// ([`csv_safe_text`](super::csv_write::csv_safe_text): OWASP's formula-injection rule),
/// quoted by the csv crate as the report is.
pub fn csv(o: &ClvOutcome, dialect: CsvDialect) -> String {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = write_csv(o, dialect, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

fn write_csv(o: &ClvOutcome, dialect: CsvDialect, out: &mut Vec<u8>) -> std::io::Result<()> {
    let mut w = CsvWriter::start(out, dialect)?;
    for c in CSV_COLUMNS {
        w.word(c)?;
    }
    w.end_line()?;
    let cell = |w: &mut CsvWriter<_>, r: Option<&KpiResult<f64>>| match r {
        Some(Ok(x)) => w.number(*x),
        Some(Err(e)) => w.error(e.kind),
        None => w.empty(),
    };
    for c in &o.forecast.customers {
        let h = &c.history;
        w.text(&h.id)?;
        for x in [h.weight, h.x, h.t_x, h.t] {
            w.number(x)?;
        }
        cell(&mut w, Some(&c.expected_purchases))?;
        cell(&mut w, Some(&c.p_alive))?;
        cell(&mut w, c.expected_spend.as_ref())?;
        cell(&mut w, c.clv.as_ref())?;
        w.end_line()?;
    }
    w.finish().map(drop)
}
