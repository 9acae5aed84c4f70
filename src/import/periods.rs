//! Reporting by calendar period (`--period month`): each row's date (the date column, read
//! as ISO text `2024-03-05`) names its period (`2024-03`), the report groups by period in
//! calendar order, and each period's KPIs get their change on the previous period (MoM,
//! QoQ…) as a fraction, exactly: (this − previous) / |previous|.

use super::dataset::{Dataset, Label};
use super::label_values::LabelValues;
use super::report::Outcome;
use super::roles::Role;
use super::warning::{self, Kind, Warning};
use crate::error::KpiError;
use crate::eval::Value;

/// A calendar period to report by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    /// ISO 8601 weeks, Monday to Sunday (`2024-W09`).
    Week,
    /// Calendar months (`2024-03`).
    Month,
    /// Calendar quarters (`2024-Q1`).
    Quarter,
    /// Calendar years (`2024`).
    Year,
}

/// The group of rows whose date cannot be read as one.
pub const NO_DATE: &str = "(no date)";

impl Period {
    /// `week`, `month`, `quarter` or `year` (any case).
    pub fn parse(s: &str) -> Result<Period, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "week" => Ok(Period::Week),
            "month" => Ok(Period::Month),
            "quarter" => Ok(Period::Quarter),
            "year" => Ok(Period::Year),
            other => Err(format!("\"{other}\" is not a period: use week, month, quarter or year")),
        }
    }

    /// The period column's header.
    pub fn header(self) -> &'static str {
        match self {
            Period::Week => "Week",
            Period::Month => "Month",
            Period::Quarter => "Quarter",
            Period::Year => "Year",
        }
    }

    /// The change on the previous period, as finance names it.
    pub fn change_name(self) -> &'static str {
        match self {
            Period::Week => "WoW",
            Period::Month => "MoM",
            Period::Quarter => "QoQ",
            Period::Year => "YoY",
        }
    }

    /// The period of a date given as ISO text (`2024-03-05`, `2024-03-05T10:00:00`,
    /// `2024-03`), or `None` when it is not one.
    pub fn key_of(self, date: &str) -> Option<String> {
        let (y, m, d) = ymd(date)?;
        Some(match self {
            Period::Year => format!("{y:04}"),
            Period::Quarter => format!("{y:04}-Q{}", (m - 1) / 3 + 1),
            Period::Month => format!("{y:04}-{m:02}"),
            Period::Week => {
                let (wy, w) = iso_week(days_from_civil(y, m, d?));
                format!("{wy:04}-W{w:02}")
            }
        })
    }

    /// The key of the period before `key` (one [`key_of`](Self::key_of) gives).
    pub fn previous(self, key: &str) -> Option<String> {
        match self {
            Period::Year => Some(format!("{:04}", key.parse::<i64>().ok()? - 1)),
            Period::Quarter => {
                let (y, q) = key.split_once("-Q")?;
                let (y, q): (i64, u32) = (y.parse().ok()?, q.parse().ok()?);
                Some(if q == 1 { format!("{:04}-Q4", y - 1) } else { format!("{y:04}-Q{}", q - 1) })
            }
            Period::Month => {
                let (y, m) = key.split_once('-')?;
                let (y, m): (i64, u32) = (y.parse().ok()?, m.parse().ok()?);
                Some(if m == 1 { format!("{:04}-12", y - 1) } else { format!("{y:04}-{:02}", m - 1) })
            }
            Period::Week => {
                let (y, w) = key.split_once("-W")?;
                let (y, w): (i64, i64) = (y.parse().ok()?, w.parse().ok()?);
                // The Monday of week 1 is the Monday on or before 4 January.
                let jan4 = days_from_civil(y, 1, 4);
                let monday = jan4 - weekday(jan4) + (w - 1) * 7;
                let (py, pw) = iso_week(monday - 7);
                Some(format!("{py:04}-W{pw:02}"))
            }
        }
    }
}

/// Year, month and (if given) day of ISO date text.
fn ymd(s: &str) -> Option<(i64, u32, Option<u32>)> {
    let date = s.trim().split(['T', ' ']).next()?;
    let mut parts = date.split('-');
    let y: i64 = parts.next().filter(|p| p.len() == 4)?.parse().ok()?;
    let m: u32 = parts.next().filter(|p| p.len() == 2)?.parse().ok()?;
    let d: Option<u32> = match parts.next() {
        Some(p) if p.len() == 2 => Some(p.parse().ok()?),
        Some(_) => return None,
        None => None,
    };
    if parts.next().is_some() || !(1..=12).contains(&m) || d.is_some_and(|d| !(1..=days_in(y, m)).contains(&d)) {
        return None;
    }
    Some((y, m, d))
}

fn days_in(y: i64, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 1970-01-01 (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
}

/// The year of a day count from 1970-01-01 (the inverse of [`days_from_civil`]'s year).
fn year_of(days: i64) -> i64 {
    let z = days + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    yoe + era * 400 + i64::from(m <= 2)
}

/// Days since the Monday of the week (0 for Monday; 1970-01-01 was a Thursday).
fn weekday(days: i64) -> i64 {
    (days + 3).rem_euclid(7)
}

/// The ISO 8601 week-year and week of a day: the week's Thursday decides its year.
fn iso_week(days: i64) -> (i64, i64) {
    let thursday = days - weekday(days) + 3;
    let y = year_of(thursday);
    (y, (thursday - days_from_civil(y, 1, 1)) / 7 + 1)
}

/// Groups `ds` by `period` of its date column: a label column named for the period
/// (`Month`), grouped by; rows whose date cannot be read go to [`NO_DATE`], named in a
/// warning. `Err` names the columns when there is no date column.
pub fn apply(ds: &mut Dataset, period: Period) -> Result<(), String> {
    let Some(d) = ds.labels.iter().position(|l| l.role == Some(Role::Date)) else {
        let headers: Vec<String> = ds.columns.iter().map(|c| format!("\"{}\"", c.header)).collect();
        return Err(format!("a report by {} needs a date column, and none of the columns is one: {}", period.header().to_lowercase(), headers.join(", ")));
    };
    let col = super::dataset::column_letters(ds.labels[d].col);
    let mut keys = LabelValues::default();
    let mut undated = Vec::new();
    for (i, text) in ds.labels[d].values.iter().enumerate() {
        match period.key_of(text) {
            Some(k) => keys.push(&k),
            None => {
                keys.push(NO_DATE);
                undated.push(i);
            }
        }
    }
    if !undated.is_empty() {
        let cells: Vec<String> = undated.iter().take(warning::NAMED).map(|&i| format!("{}{col}{}", ds.place(i), ds.rows[i])).collect();
        let n = undated.len();
        let message = format!(
            "{n} row{} {} no date that reads as one ({}), so {} in the period \"{NO_DATE}\"",
            if n == 1 { "" } else { "s" },
            if n == 1 { "has" } else { "have" },
            warning::list(&cells, n),
            if n == 1 { "it is" } else { "they are" },
        );
        ds.warnings.push(Warning::about(Kind::NoDate, message, cells, n));
    }
    ds.labels.push(Label { role: None, header: period.header().to_string(), col: u32::MAX, values: keys });
    ds.group_by = Some(ds.labels.len() - 1);
    ds.period = Some(period);
    Ok(())
}

/// The change from `previous` to `current`, (current − previous) / |previous|, rounded
/// once; an error of either passes on, a zero previous is `#DIV/0!`.
pub fn change(current: &Outcome, previous: &Outcome, period: Period) -> Outcome {
    let number = |o: &Outcome| match &o.0 {
        Ok(Value::Number(x)) => Ok(*x),
        Ok(_) => Err(KpiError::value("The KPI is not a number, so it has no change.")),
        Err(e) => Err(e.clone()),
    };
    let result = number(current).and_then(|c| {
        let p = number(previous)?;
        let (c, p) = (crate::num::exact_of(c), crate::num::exact_of(p));
        let (Some(c), Some(p)) = (c, p) else {
            return Err(KpiError::num("The KPI is not a finite number, so it has no change."));
        };
        let why = match period {
            Period::Week => "It was zero the week before, so its change is undefined.",
            Period::Month => "It was zero the month before, so its change is undefined.",
            Period::Quarter => "It was zero the quarter before, so its change is undefined.",
            Period::Year => "It was zero the year before, so its change is undefined.",
        };
        let base = if p.is_negative() { p.neg() } else { p.clone() };
        crate::num::div(c.sub(&p), base, why).and_then(|x| crate::num::to_f64(&x))
    });
    Outcome(result.map(Value::Number))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_the_period_before() {
        let p = |s| Period::parse(s).unwrap();
        assert_eq!(p("month").key_of("2024-03-05"), Some("2024-03".into()));
        assert_eq!(p("Quarter").key_of("2024-11-30T10:00:00"), Some("2024-Q4".into()));
        assert_eq!(p("year").key_of("2024-02"), Some("2024".into()));
        // ISO weeks: 2024-12-30 is in week 1 of 2025; 2021-01-03 in week 53 of 2020.
        assert_eq!(p("week").key_of("2024-12-30"), Some("2025-W01".into()));
        assert_eq!(p("week").key_of("2021-01-03"), Some("2020-W53".into()));
        assert_eq!(p("week").key_of("2024-03-04"), Some("2024-W10".into()));
        for bad in ["03/05/2024", "2024-13-01", "2023-02-29", "", "n/a", "45352"] {
            assert_eq!(p("month").key_of(bad), None, "{bad}");
        }
        assert_eq!(p("month").previous("2024-01").as_deref(), Some("2023-12"));
        assert_eq!(p("quarter").previous("2024-Q1").as_deref(), Some("2023-Q4"));
        assert_eq!(p("week").previous("2021-W01").as_deref(), Some("2020-W53"));
        assert_eq!(p("week").previous("2024-W10").as_deref(), Some("2024-W09"));
        assert_eq!(p("year").previous("2024").as_deref(), Some("2023"));
        assert!(Period::parse("fortnight").is_err());
    }

    #[test]
    fn change_is_exact_and_errors_pass_on() {
        let n = |x: f64| Outcome(Ok(Value::Number(x)));
        let m = Period::Month;
        assert_eq!(change(&n(3.0), &n(2.0), m), n(0.5));
        // Each value read as its shortest decimal, as every KPI reads a number: exactly 2,
        // where 0.3 / 0.1 − 1 in doubles is 1.9999999999999996.
        assert_eq!(change(&n(0.3), &n(0.1), m), n(2.0));
        // (1/3 − 0.1) / 0.1 with 1/3 as 0.3333333333333333: Python's
        // float((Fraction('0.3333333333333333') - Fraction('0.1')) / Fraction('0.1')).
        assert_eq!(change(&n(1.0 / 3.0), &n(0.1), m), n(2.333333333333333));
        assert_eq!(change(&n(-1.0), &n(-2.0), m), n(0.5), "a negative base: the change is on its size");
        assert_eq!(change(&n(1.0), &n(0.0), m).0.unwrap_err().kind.code(), "#DIV/0!");
        let na = Outcome(Err(KpiError::na("x")));
        assert_eq!(change(&na, &n(1.0), m).0.unwrap_err().kind.code(), "#N/A");
        assert_eq!(change(&n(1.0), &na, m).0.unwrap_err().kind.code(), "#N/A");
    }
}
