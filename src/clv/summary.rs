//! The RFM summary of a transaction list: per customer the repeat purchases x, the recency t_x,
//! the age T and the mean repeat spend, in a stated time unit, exactly as lifetimes 0.11.3's
//! `summary_data_from_transaction_data` computes them.
//!
//! The rule (lifetimes' own, read from its source): every date is first reduced to its period
//! in the unit (pandas `to_period`: the day; the week Monday–Sunday, pandas' `W` = `W-SUN`; the
//! calendar month), and the observation end too. Transactions in a period after the end's are
//! left out. A customer's transactions in one period count once, their amounts summed. The
//! first period is the first purchase, not a repeat: x = periods with a purchase − 1,
//! t_x = last period − first period, T = end period − first period, counted in whole units.
//! The mean repeat spend is the mean of the per-period sums after the first period, 0 without
//! repeats. Months: lifetimes 0.11.3 divides by `np.timedelta64(1, 'M')`, which pandas 2 refuses
//! (and older pandas turned into 30.436875 days); here months are whole calendar months, the
//! difference of the pandas monthly periods, which is what the period rule means.

use crate::error::{KpiError, KpiResult};
use std::collections::BTreeMap;

/// The time unit of recency, age and every prediction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Calendar days.
    Days,
    /// Weeks from Monday to Sunday.
    Weeks,
    /// Calendar months.
    Months,
}

impl Unit {
    /// Parses `days`, `weeks` or `months` (also the singular, and lifetimes' `D`, `W`, `M`).
    pub fn parse(s: &str) -> Option<Unit> {
        match s.trim().to_ascii_lowercase().as_str() {
            "d" | "day" | "days" => Some(Unit::Days),
            "w" | "week" | "weeks" => Some(Unit::Weeks),
            "m" | "month" | "months" => Some(Unit::Months),
            _ => None,
        }
    }

    /// The unit's name, plural: `days`, `weeks`, `months`.
    pub fn name(self) -> &'static str {
        match self {
            Unit::Days => "days",
            Unit::Weeks => "weeks",
            Unit::Months => "months",
        }
    }

    /// The index of the period holding a date (a spreadsheet serial: days since 1899-12-30;
    /// the time of day is ignored). Consecutive periods have consecutive indices.
    pub fn period(self, serial: f64) -> i64 {
        let day = libm::floor(serial) as i64;
        match self {
            Unit::Days => day,
            // Serial 2 (1900-01-01) is a Monday; weeks start on Mondays.
            Unit::Weeks => (day - 2).div_euclid(7),
            Unit::Months => {
                let (y, m, _) = civil_from_serial(day);
                y * 12 + (m as i64 - 1)
            }
        }
    }
}

/// The largest date accepted: 9999-12-31, as in Excel.
const MAX_SERIAL: f64 = 2_958_465.0;

/// (year, month, day) of a spreadsheet serial (days since 1899-12-30), proleptic Gregorian
/// (H. Hinnant's `civil_from_days`).
pub fn civil_from_serial(serial: i64) -> (i64, u32, u32) {
    let z = serial - 25_569 + 719_468; // days since 0000-03-01
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + if m <= 2 { 1 } else { 0 }, m, d)
}

/// The spreadsheet serial of a calendar date (inverse of [`civil_from_serial`]).
pub fn serial_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468 + 25_569
}

/// One customer's summary.
#[derive(Clone, Debug, PartialEq)]
pub struct RfmRow {
    /// The customer id as given.
    pub id: String,
    /// Repeat purchases (periods with a purchase after the first).
    pub x: f64,
    /// Recency: last purchase period − first, in the unit.
    pub t_x: f64,
    /// Age: end period − first purchase period, in the unit.
    pub t: f64,
    /// Mean spend of the repeat periods (0 without repeats); None without amounts.
    pub monetary: Option<f64>,
}

/// Summarises transactions (customer id, date serial, optional amount) in `unit`, observed to
/// `end` (a date serial; the latest transaction when None). Customers come in the order of
/// their first row in the input; customers whose every transaction is after the end are left out.
pub fn summarize(ids: &[String], dates: &[f64], amounts: Option<&[f64]>, unit: Unit, end: Option<f64>) -> KpiResult<Vec<RfmRow>> {
    let g = group(ids, dates, amounts, unit, end)?;
    Ok(g.order
        .iter()
        .zip(&g.periods)
        .map(|(id, per)| {
            let first = *per.keys().next().unwrap_or(&g.end);
            let last = *per.keys().next_back().unwrap_or(&g.end);
            let x = (per.len() - 1) as f64;
            let monetary = amounts.map(|_| {
                if per.len() < 2 {
                    0.0
                } else {
                    per.values().skip(1).sum::<f64>() / x
                }
            });
            RfmRow { id: id.to_string(), x, t_x: (last - first) as f64, t: (g.end - first) as f64, monetary }
        })
        .collect())
}

/// The repeat purchases of the whole base per period, by the same rules as [`summarize`]
/// (one per customer and period, the first period not a repeat): entry k is the count in the
/// k-th period after the earliest first purchase's (entry 0, that period itself, is always 0),
/// up to the end's period. For the tracking plot ([`super::tracking`]).
pub fn repeats_by_period(ids: &[String], dates: &[f64], unit: Unit, end: Option<f64>) -> KpiResult<Vec<f64>> {
    let g = group(ids, dates, None, unit, end)?;
    let start = g.periods.iter().filter_map(|per| per.keys().next().copied()).min().unwrap_or(g.end);
    let mut counts = vec![0.0; (g.end - start) as usize + 1];
    for per in &g.periods {
        for &p in per.keys().skip(1) {
            counts[(p - start) as usize] += 1.0;
        }
    }
    Ok(counts)
}

/// Transactions grouped by customer and period, checked and cut at the end's period.
struct Grouped<'a> {
    /// The end's period.
    end: i64,
    /// Customer ids in first-appearance order.
    order: Vec<&'a str>,
    /// Per customer (as `order`), per period: the summed amount (0 without amounts).
    periods: Vec<BTreeMap<i64, f64>>,
}

fn group<'a>(ids: &'a [String], dates: &[f64], amounts: Option<&[f64]>, unit: Unit, end: Option<f64>) -> KpiResult<Grouped<'a>> {
    if ids.len() != dates.len() || amounts.is_some_and(|a| a.len() != ids.len()) {
        return Err(KpiError::value("Customer ids, dates and amounts need one value per transaction."));
    }
    if ids.is_empty() {
        return Err(KpiError::na("There are no transactions."));
    }
    for (i, &d) in dates.iter().enumerate() {
        if !(d.is_finite() && (1.0..=MAX_SERIAL).contains(&d)) {
            return Err(KpiError::num(format!("Transaction {}'s date is not a date between 1900 and 9999.", i + 1)));
        }
    }
    if let Some(a) = amounts {
        if let Some(i) = a.iter().position(|v| !v.is_finite()) {
            return Err(KpiError::num(format!("Transaction {}'s amount is not a finite number.", i + 1)));
        }
    }
    let end = match end {
        Some(e) if e.is_finite() && (1.0..=MAX_SERIAL).contains(&e) => e,
        Some(_) => return Err(KpiError::num("The observation end is not a date between 1900 and 9999.")),
        None => dates.iter().fold(f64::NEG_INFINITY, |m, &d| m.max(d)),
    };
    let end_p = unit.period(end);
    // BTreeMaps, so the order of everything is fixed.
    let mut order: Vec<&str> = Vec::new();
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    let mut periods: Vec<BTreeMap<i64, f64>> = Vec::new();
    for i in 0..ids.len() {
        let p = unit.period(dates[i]);
        if p > end_p {
            continue;
        }
        let k = *index.entry(ids[i].as_str()).or_insert_with(|| {
            order.push(ids[i].as_str());
            periods.push(BTreeMap::new());
            periods.len() - 1
        });
        *periods[k].entry(p).or_insert(0.0) += amounts.map_or(0.0, |a| a[i]);
    }
    if order.is_empty() {
        return Err(KpiError::num("Every transaction is after the observation end."));
    }
    Ok(Grouped { end: end_p, order, periods })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(y: i64, m: u32, d: u32) -> f64 {
        serial_from_civil(y, m, d) as f64
    }

    #[test]
    fn serials_are_spreadsheet_serials() {
        assert_eq!(serial_from_civil(1899, 12, 30), 0);
        assert_eq!(serial_from_civil(1900, 3, 1), 61);
        assert_eq!(serial_from_civil(2020, 1, 31), 43_861);
        for d in [61, 43_861, 2_958_465] {
            let (y, m, dd) = civil_from_serial(d);
            assert_eq!(serial_from_civil(y, m, dd), d);
        }
    }

    /// lifetimes 0.11.3 on these six rows (observation end 2020-06-30) gives, in days,
    /// x = 2, 1, 0; t_x = 44, 1, 0; T = 151, 177, 122; spend 2.5, 5, 0; in weeks
    /// x = 1, 1, 0; t_x = 6, 1, 0; T = 22, 26, 18; spend 3, 5, 0 (printed by the oracle script).
    #[test]
    fn days_and_weeks_as_lifetimes() {
        let ids: Vec<String> = ["1", "1", "1", "2", "2", "3"].iter().map(|s| s.to_string()).collect();
        let dates = [s(2020, 1, 31), s(2020, 2, 1), s(2020, 3, 15), s(2020, 1, 5), s(2020, 1, 6), s(2020, 2, 29)];
        let amounts = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
        let end = Some(s(2020, 6, 30));
        let d = summarize(&ids, &dates, Some(&amounts), Unit::Days, end).unwrap();
        let got: Vec<_> = d.iter().map(|r| (r.x, r.t_x, r.t, r.monetary.unwrap())).collect();
        assert_eq!(got, vec![(2.0, 44.0, 151.0, 2.5), (1.0, 1.0, 177.0, 5.0), (0.0, 0.0, 122.0, 0.0)]);
        let w = summarize(&ids, &dates, Some(&amounts), Unit::Weeks, end).unwrap();
        let got: Vec<_> = w.iter().map(|r| (r.x, r.t_x, r.t, r.monetary.unwrap())).collect();
        assert_eq!(got, vec![(1.0, 6.0, 22.0, 3.0), (1.0, 1.0, 26.0, 5.0), (0.0, 0.0, 18.0, 0.0)]);
        let m = summarize(&ids, &dates, None, Unit::Months, end).unwrap();
        let got: Vec<_> = m.iter().map(|r| (r.x, r.t_x, r.t, r.monetary)).collect();
        assert_eq!(got, vec![(2.0, 2.0, 5.0, None), (0.0, 0.0, 5.0, None), (0.0, 0.0, 4.0, None)]);
    }

    #[test]
    fn bad_input_is_a_clear_error() {
        let ids = vec!["a".to_string()];
        assert!(summarize(&ids, &[f64::NAN], None, Unit::Days, None).is_err());
        assert!(summarize(&ids, &[-3.0], None, Unit::Days, None).is_err());
        assert!(summarize(&ids, &[40_000.0], Some(&[f64::INFINITY]), Unit::Days, None).is_err());
        assert!(summarize(&ids, &[40_000.0], None, Unit::Days, Some(39_000.0)).is_err());
        assert!(summarize(&[], &[], None, Unit::Days, None).is_err());
    }
}
