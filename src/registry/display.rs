//! How each kind of result is shown: one table for every host.
//!
//! The CLI's tables, the xlsx report's number formats, FUNCTIONS.md, the Sheets JSDoc and
//! the browser page all read this table (the JS hosts through the registry JSON, where
//! each function carries its result's [`Display`], and the WASM's `result_kinds()`); each
//! host only applies it in its own medium (ASCII here, `Intl.NumberFormat` on the page,
//! an Excel format code in the xlsx).

use super::ResultKind;
use serde::Serialize;

/// The display of one result kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Display {
    /// Decimals shown (after scaling to a percentage, for `percent`).
    pub decimals: u8,
    /// Shown as a percentage: the fraction × 100 with a `%` sign (0.014 → 1.40%).
    pub percent: bool,
    /// A `+` before positive values (a score above zero).
    pub signed: bool,
    /// Text after the number: `x` for a multiple (4.20x), ` days`.
    pub suffix: &'static str,
    /// The suffix for exactly 1 (` day`); the same as `suffix` where no singular exists.
    pub suffix_one: &'static str,
    /// A whole value outside a table column may drop its decimals (5 customers, not 5.00).
    pub trim_whole: bool,
    /// The same display as an Excel number format code, for the xlsx report.
    pub excel_format: &'static str,
    /// What the result is, in words, for documentation.
    pub words: &'static str,
}

const fn display(decimals: u8, suffix: &'static str, excel_format: &'static str, words: &'static str) -> Display {
    Display {
        decimals,
        percent: false,
        signed: false,
        suffix,
        suffix_one: suffix,
        trim_whole: false,
        excel_format,
        words,
    }
}

impl ResultKind {
    /// Every kind, in a fixed order.
    pub const ALL: [ResultKind; 10] = [
        ResultKind::Money,
        ResultKind::Multiple,
        ResultKind::Fraction,
        ResultKind::Ratio,
        ResultKind::Count,
        ResultKind::Seconds,
        ResultKind::Days,
        ResultKind::Months,
        ResultKind::Score,
        ResultKind::Text,
    ];

    /// How results of this kind are shown, everywhere.
    pub const fn display(self) -> Display {
        match self {
            ResultKind::Money => display(2, "", "#,##0.00", "money, in the inputs' currency"),
            ResultKind::Multiple => display(2, "x", "#,##0.00\"x\"", "a multiple (10 means 10:1), shown as 10.00x"),
            ResultKind::Fraction => Display {
                percent: true,
                ..display(2, "%", "0.00%", "a fraction, shown as a percentage (0.014 is 1.40%)")
            },
            ResultKind::Ratio => display(2, "", "#,##0.00", "a ratio"),
            ResultKind::Count => Display { trim_whole: true, ..display(2, "", "#,##0.00", "a count") },
            ResultKind::Seconds => display(1, " s", "#,##0.0\" s\"", "seconds"),
            ResultKind::Days => Display {
                suffix_one: " day",
                ..display(1, " days", "[=1]0.0\" day\";#,##0.0\" days\"", "days")
            },
            ResultKind::Months => Display {
                suffix_one: " month",
                ..display(1, " months", "[=1]0.0\" month\";#,##0.0\" months\"", "months")
            },
            ResultKind::Score => Display { signed: true, ..display(1, "", "+0.0;-0.0;0.0", "a score") },
            ResultKind::Text => display(0, "", "General", "text"),
        }
    }
}

/// `x` shown by its kind's [`Display`] in plain ASCII: thousands separated by `,`, the
/// kind's decimals, its sign and suffix. `fixed`: a table column, where every value keeps
/// the same decimals (so whole counts are not trimmed). Non-finite values and magnitudes
/// beyond 1e15 (where fixed decimals stop meaning anything) fall back to the shortest
/// round-trip digits.
pub fn format_plain(x: f64, kind: ResultKind, fixed: bool) -> String {
    let d = kind.display();
    let shown = if d.percent { x * 100.0 } else { x };
    if !shown.is_finite() || shown.abs() >= 1e15 {
        return crate::docs::format_number(x);
    }
    let decimals = if d.trim_whole && !fixed && x.fract() == 0.0 { 0 } else { usize::from(d.decimals) };
    let s = format!("{:.*}", decimals, shown.abs());
    let (int, frac) = s.split_once('.').map_or((s.as_str(), None), |(i, f)| (i, Some(f)));
    let mut out = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    // No "-0.00": a value that rounds to zero shows without a sign.
    let nonzero = out.chars().any(|c| c.is_ascii_digit() && c != '0');
    if x < 0.0 && nonzero {
        out.insert(0, '-');
    } else if d.signed && x > 0.0 && nonzero {
        out.insert(0, '+');
    }
    out.push_str(if x == 1.0 { d.suffix_one } else { d.suffix });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_shows_as_documented() {
        use ResultKind::*;
        assert_eq!(format_plain(16890.0, Money, false), "16,890.00");
        assert_eq!(format_plain(-4132.8, Money, false), "-4,132.80");
        assert_eq!(format_plain(4.2, Multiple, false), "4.20x");
        assert_eq!(format_plain(0.014, Fraction, false), "1.40%");
        assert_eq!(format_plain(5.0, Count, false), "5");
        assert_eq!(format_plain(5.0, Count, true), "5.00");
        assert_eq!(format_plain(2.346, Count, false), "2.35");
        assert_eq!(format_plain(1.0, Days, false), "1.0 day");
        assert_eq!(format_plain(12.26, Days, false), "12.3 days");
        assert_eq!(format_plain(25.0, Score, false), "+25.0");
        assert_eq!(format_plain(-0.001, Money, false), "0.00");
        assert_eq!(format_plain(65.5, Seconds, false), "65.5 s");
    }
}
