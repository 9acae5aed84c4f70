//! The one text form of a number, used wherever sheetkpi writes a number as text (the
//! docs, the CLI, the report's CSV, ids read from numbers): the shortest digits that read
//! back as the same double, and of two such, the one nearer the double, an exact tie
//! going to the even digit, as JavaScript's `String(x)`, Python's `repr` and the JSON
//! writer choose them; laid out plainly (`0.0001`, `1234.5`) for magnitudes from 1e-7 to
//! below 1e21, and as `1.5e-8`, `1e21` outside them.
//!
//! The digits come from `ryu` (already in the tree through the csv writer): several
//! times faster than the standard library's formatter, whose ties go away from zero
//! (`1234560000000000.3` where JavaScript prints `…0.2`), and a report writes millions
//! of numbers.

use std::fmt::Write;

/// [`write_number`] into a new `String`.
pub fn format_number(x: f64) -> String {
    let mut s = String::new();
    write_number(&mut s, x);
    s
}

/// Appends the text of `x` to `out`: for writers that reuse one buffer across many
/// numbers (the CSV report) instead of a new `String` per value.
pub fn write_number(out: &mut String, x: f64) {
    if x.is_nan() {
        out.push_str("NaN");
    } else if x.is_infinite() {
        out.push_str(if x > 0.0 { "inf" } else { "-inf" });
    } else if x == 0.0 {
        out.push_str(if x.is_sign_negative() { "-0" } else { "0" });
    } else {
        lay_out(out, ryu::Buffer::new().format_finite(x));
    }
}

/// Lays out ryu's text of a finite, non-zero double (`1.0`, `0.0001`, `1.5e-7`, `1e21`)
/// as the rule says.
fn lay_out(out: &mut String, text: &str) {
    let Some(e) = text.bytes().position(|b| b == b'e') else {
        // Plain already, as ryu writes magnitudes near 1: only a whole number's ".0" goes.
        out.push_str(text.strip_suffix(".0").unwrap_or(text));
        return;
    };
    let exp: i32 = text[e + 1..].parse().unwrap_or(0);
    let (negative, mantissa) = match text[..e].strip_prefix('-') {
        Some(m) => (true, m),
        None => (false, &text[..e]),
    };
    // ryu's exponent form is `d` or `d.ddd`: one digit before the point, none of them
    // leading zeros, no trailing zeros.
    let (first, rest) = mantissa.split_at(1);
    let rest = rest.strip_prefix('.').unwrap_or(rest);
    if negative {
        out.push('-');
    }
    if !(-7..21).contains(&exp) {
        out.push_str(first);
        if !rest.is_empty() {
            out.push('.');
            out.push_str(rest);
        }
        let _ = write!(out, "e{exp}");
    } else if exp >= 0 {
        // Whole digits: `first`, then `exp` more from `rest`, padded with zeros.
        let whole = exp as usize;
        out.push_str(first);
        if rest.len() <= whole {
            out.push_str(rest);
            out.extend(std::iter::repeat_n('0', whole - rest.len()));
        } else {
            out.push_str(&rest[..whole]);
            out.push('.');
            out.push_str(&rest[whole..]);
        }
    } else {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', (-exp - 1) as usize));
        out.push_str(first);
        out.push_str(rest);
    }
}
