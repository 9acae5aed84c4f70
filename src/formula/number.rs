//! Number literals as a spreadsheet reads them: the typed digits, rounded once.
//!
//! `1.1%` is the decimal 0.011, so its value is the double nearest to 0.011, not
//! `1.1 / 100.0` (which is 0.011000000000000001). Every `%` moves the decimal exponent
//! by two and the whole literal goes through one correctly rounded decimal-to-double
//! conversion, so no binary rounding happens before the last step.

use super::ParseError;

/// Reads the number literal starting at `start` of `s` (a sign, digits with an optional
/// `.`, an optional exponent, then any `%` signs, each after optional spaces).
/// Returns its value and the offset just past it.
pub(super) fn read(s: &[u8], start: usize) -> Result<(f64, usize), ParseError> {
    let at = |i: usize, message: &str| ParseError { at: i, message: message.to_string() };
    let byte = |i: usize| s.get(i).copied();
    let mut i = start;
    let mut decimal = String::new();
    if let Some(c @ (b'-' | b'+')) = byte(i) {
        if c == b'-' {
            decimal.push('-');
        }
        i += 1;
    }
    let mut digits = 0;
    while let Some(c) = byte(i).filter(u8::is_ascii_digit) {
        decimal.push(c as char);
        digits += 1;
        i += 1;
    }
    if byte(i) == Some(b'.') {
        decimal.push('.');
        i += 1;
        while let Some(c) = byte(i).filter(u8::is_ascii_digit) {
            decimal.push(c as char);
            digits += 1;
            i += 1;
        }
    }
    if digits == 0 {
        return Err(at(start, "expected a number"));
    }
    // Saturating: an exponent beyond any double's range only needs to stay beyond it.
    let mut exponent: i64 = 0;
    if matches!(byte(i), Some(b'e' | b'E')) {
        i += 1;
        let negative = byte(i) == Some(b'-');
        if matches!(byte(i), Some(b'-' | b'+')) {
            i += 1;
        }
        let first = i;
        while let Some(c) = byte(i).filter(u8::is_ascii_digit) {
            exponent = (exponent * 10 + i64::from(c - b'0')).min(1 << 40);
            i += 1;
        }
        if i == first {
            return Err(at(i, "expected digits after the exponent"));
        }
        if negative {
            exponent = -exponent;
        }
    }
    loop {
        let mut j = i;
        while matches!(byte(j), Some(b' ' | b'\t' | b'\r' | b'\n')) {
            j += 1;
        }
        if byte(j) != Some(b'%') {
            break;
        }
        exponent -= 2;
        i = j + 1;
    }
    decimal.push('e');
    decimal.push_str(&exponent.to_string());
    let x: f64 = decimal.parse().map_err(|_| at(start, "this is not a number"))?;
    if !x.is_finite() {
        return Err(at(start, "this number is too large for a spreadsheet (the largest is about 1.8e308)"));
    }
    // A spreadsheet has no negative zero: `-0` is 0.
    Ok((if x == 0.0 { 0.0 } else { x }, i))
}

#[cfg(test)]
mod tests {
    use super::read;

    fn value(text: &str) -> f64 {
        let (x, end) = read(text.as_bytes(), 0).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(end, text.len(), "{text}");
        x
    }

    #[test]
    fn the_typed_digits_rounded_once() {
        // The oracle is the compiler's own reading of the same decimal.
        assert_eq!(value("1.1%").to_bits(), 0.011_f64.to_bits());
        assert_eq!(value("67.3%").to_bits(), 0.673_f64.to_bits());
        assert_eq!(value("62%").to_bits(), 0.62_f64.to_bits());
        assert_eq!(value("1.5E-3%").to_bits(), 1.5e-5_f64.to_bits());
        assert_eq!(value("50 %%").to_bits(), 0.005_f64.to_bits());
        assert_eq!(value("1e3"), 1000.0);
        assert_eq!(value(".5"), 0.5);
        assert_eq!(value("5."), 5.0);
        assert_eq!(value("-2.5"), -2.5);
        assert_eq!(value("+7"), 7.0);
        assert_eq!(value("-0").to_bits(), 0.0_f64.to_bits());
        assert_eq!(value("1e-400"), 0.0);
        // A huge exponent that percent signs bring back into range.
        assert_eq!(value("1e310%%").to_bits(), 1e306_f64.to_bits());
    }

    #[test]
    fn what_is_not_a_number_is_said() {
        for bad in ["", "-", ".", "e3", "1e", "1e+", "-%"] {
            assert!(read(bad.as_bytes(), 0).is_err(), "{bad}");
        }
        let e = read(b"1e309", 0).unwrap_err();
        assert!(e.message.contains("too large"), "{e}");
        assert!(read(b"-1e99999999999999999999", 0).unwrap_err().message.contains("too large"));
    }
}
