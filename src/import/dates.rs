//! Calendar dates as spreadsheet serial numbers (the 1900 date system).

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
