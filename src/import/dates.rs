//! Calendar dates as spreadsheet serial numbers (the 1900 date system).

use super::source::Raw;
use crate::value::Cell;

/// Days from 1970-01-01 to a civil date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The serial of `YYYY-MM-DD` or `YYYY-MM-DDThh:mm:ss[.fff]`, as Excel counts from
/// 1899-12-30 (which absorbs Excel's fictitious 1900-02-29 for dates from March 1900).
pub fn serial_of_iso(s: &str) -> Option<f64> {
    let (date, time) = match s.split_once(['T', ' ']) {
        Some((d, t)) => (d, Some(t)),
        None => (s, None),
    };
    let mut parts = date.split('-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let d: u32 = parts.next()?.parse().ok()?;
    if parts.next().is_some() || !(1..=12).contains(&m) || !(1..=31).contains(&d) || !(1900..=9999).contains(&y) {
        return None;
    }
    let days = days_from_civil(y, m, d) - days_from_civil(1899, 12, 30);
    let mut frac = 0.0;
    if let Some(t) = time {
        let mut it = t.split(':');
        let h: f64 = it.next()?.parse().ok()?;
        let mi: f64 = it.next().unwrap_or("0").parse().ok()?;
        let sec: f64 = it.next().unwrap_or("0").parse().ok()?;
        frac = (h * 3600.0 + mi * 60.0 + sec) / 86_400.0;
    }
    Some(days as f64 + frac)
}

/// A date or time as a serial day (a touch's time, a purchase's date): a date cell, a serial number, a Unix timestamp (seconds,
/// milliseconds or microseconds since 1970, as GA4 exports), or ISO-like text
/// (`2024-03-01`, `2024-03-01 14:30[:05]`, `2024-03-01T14:30:05Z`, with a `+01:00` offset
/// taken to UTC; also `2024/03/01` and `01.03.2024`).
pub(crate) fn time_of(raw: &Raw) -> Option<f64> {
    match raw {
        Raw::Date { serial, .. } => Some(*serial),
        Raw::Cell(Cell::Number(x)) if x.is_finite() => Some(serial_or_epoch(*x)),
        Raw::Cell(Cell::Text(t)) => time_text(t.trim()),
        _ => None,
    }
}

/// Serial days up to 9999-12-31 (2,958,465); beyond, a Unix timestamp.
pub(crate) fn serial_or_epoch(x: f64) -> f64 {
    if x <= 2_958_465.0 {
        return x;
    }
    let seconds = if x < 1e11 { x } else if x < 1e14 { x / 1e3 } else { x / 1e6 };
    seconds / 86_400.0 + 25_569.0
}

pub(crate) fn time_text(t: &str) -> Option<f64> {
    let t = t.strip_suffix(['Z', 'z']).unwrap_or(t);
    // A UTC offset after the time: `+01:00`, `-0500`.
    let (t, offset) = match t.rfind(['+', '-']).filter(|&i| t[..i].contains([':', 'T', ' '])) {
        Some(i) => {
            let (h, m) = match t[i + 1..].split_once(':') {
                Some((h, m)) => (h, m),
                None if t.len() - i == 5 => t[i + 1..].split_at(2),
                None => (&t[i + 1..], "0"),
            };
            let mins = h.parse::<f64>().ok()? * 60.0 + m.parse::<f64>().ok()?;
            (&t[..i], if &t[i..=i] == "-" { -mins } else { mins })
        }
        None => (t, 0.0),
    };
    let (date, time) = t.split_once(['T', ' ']).map_or((t, None), |(d, rest)| (d, Some(rest.trim())));
    let parts: Vec<&str> = date.split(['-', '/', '.']).collect();
    let iso_date = match parts.as_slice() {
        [y, m, d] if y.len() == 4 => format!("{y}-{m}-{d}"),
        [d, m, y] if y.len() == 4 && date.contains('.') => format!("{y}-{m}-{d}"),
        _ => return None,
    };
    let text = match time {
        Some(tm) if !tm.is_empty() => format!("{iso_date}T{tm}"),
        _ => iso_date,
    };
    serial_of_iso(&text).map(|s| s - offset / 1440.0)
}

#[cfg(test)]
mod tests {
    use super::serial_of_iso;

    #[test]
    fn serials_match_excel() {
        // Excel: =DATE(2024,1,31) is 45322; =DATE(1900,3,1) is 61; =DATE(2000,1,1) is 36526.
        assert_eq!(serial_of_iso("2024-01-31"), Some(45322.0));
        assert_eq!(serial_of_iso("1900-03-01"), Some(61.0));
        assert_eq!(serial_of_iso("2000-01-01"), Some(36526.0));
        assert_eq!(serial_of_iso("2000-01-01T12:00:00"), Some(36526.5));
        assert_eq!(serial_of_iso("2000-13-01"), None);
        assert_eq!(serial_of_iso("hello"), None);
    }
}
