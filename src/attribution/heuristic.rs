//! The rule-based models, in exact arithmetic.
//!
//! Definitions as in Google Analytics' model comparison tool (first, last, linear,
//! position based, time decay, last non-direct click) and ChannelAttribution's
//! `heuristic_models` (first, last, linear with repeated touches counted each time).

use super::{Credit, Journeys, Model};
use crate::error::{KpiError, KpiResult};
use crate::exact::Exact;

fn credit(c: &mut Credit, ch: u32, conv: &Exact, value: &Exact) {
    c.conversions[ch as usize].add(conv);
    c.value[ch as usize].add(value);
}

fn credit_over(c: &mut Credit, ch: u32, conv: &Exact, value: &Exact, d: u64) {
    c.conversions[ch as usize].add_over(conv, d);
    c.value[ch as usize].add_over(value, d);
}

/// Whether a (trimmed) channel name is the (trimmed) direct channel's, ignoring case.
pub(super) type SameName = fn(&str, &str) -> bool;

/// Equal under Unicode's lowercase mapping.
pub(super) fn same_unicode(name: &str, direct: &str) -> bool {
    name.to_lowercase() == direct.to_lowercase()
}

/// [`same_unicode`] for an ASCII `direct`, without Unicode's tables. The lowercase of
/// `name` can equal ASCII text only if every character maps to ASCII: the ASCII letters,
/// and of all other characters only U+212A KELVIN SIGN (to `k`; the test
/// `same_ascii_is_same_unicode` checks every character). So a non-ASCII channel name such
/// as "Dírect" or "Прямой" is not "Direct", exactly as under the Unicode mapping.
pub(super) fn same_ascii(name: &str, direct: &str) -> bool {
    let mut d = direct.bytes();
    for c in name.chars() {
        let l = match c {
            _ if c.is_ascii() => c.to_ascii_lowercase() as u8,
            '\u{212A}' => b'k',
            _ => return false,
        };
        if d.next().map(|b| b.to_ascii_lowercase()) != Some(l) {
            return false;
        }
    }
    d.next().is_none()
}

/// First, last, linear and last non-direct: each journey's credit to one touch or, for
/// linear, `1/L` to each of its `L` touches.
pub(super) fn simple(j: &Journeys, model: &Model, same: SameName) -> Credit {
    let mut c = Credit::new(j.channels.len());
    let direct = match model {
        Model::LastNonDirect { direct } => Some(direct.trim()),
        _ => None,
    };
    let is_direct: Vec<bool> = j.channels.iter().map(|n| direct.is_some_and(|d| same(n.trim(), d))).collect();
    for jr in &j.journeys {
        let (t, conv, value) = (&jr.touches, &jr.conversions, &jr.value);
        let (Some(&first), Some(&last)) = (t.first(), t.last()) else { continue };
        match model {
            Model::First => credit(&mut c, first, conv, value),
            Model::Last => credit(&mut c, last, conv, value),
            Model::LastNonDirect { .. } => {
                let ch = t.iter().rev().copied().find(|&ch| !is_direct[ch as usize]).unwrap_or(last);
                credit(&mut c, ch, conv, value)
            }
            _ => {
                for &ch in t {
                    credit_over(&mut c, ch, conv, value, t.len() as u64);
                }
            }
        }
    }
    c
}

fn fraction(x: &Exact, what: &str) -> KpiResult<()> {
    if x.is_negative() || x.cmp_exact(&Exact::ONE).is_gt() {
        return Err(KpiError::num(format!("The {what} touch's share must be between 0 and 1.")));
    }
    Ok(())
}

/// Position based: `first` and `last` to the end touches, the rest evenly over the middle.
pub(super) fn position(j: &Journeys, first: &Exact, last: &Exact) -> KpiResult<Credit> {
    fraction(first, "first")?;
    fraction(last, "last")?;
    let middle = Exact::ONE - first - last;
    if middle.is_negative() {
        return Err(KpiError::num("The first and last touches' shares add up to more than 1."));
    }
    let half = Exact::from_digits(5, -1);
    let mut c = Credit::new(j.channels.len());
    for jr in &j.journeys {
        let (t, conv, value) = (&jr.touches, &jr.conversions, &jr.value);
        match t.len() {
            0 => {}
            1 => credit(&mut c, t[0], conv, value),
            2 => {
                credit(&mut c, t[0], &(conv * &half), &(value * &half));
                credit(&mut c, t[1], &(conv * &half), &(value * &half));
            }
            n => {
                credit(&mut c, t[0], &(conv * first), &(value * first));
                credit(&mut c, t[n - 1], &(conv * last), &(value * last));
                let (cm, vm) = (conv * &middle, value * &middle);
                for &ch in &t[1..n - 1] {
                    credit_over(&mut c, ch, &cm, &vm, (n - 2) as u64);
                }
            }
        }
    }
    Ok(c)
}

/// 10^15: weights are rounded to 15 decimal places (see [`time_decay`]).
const DECAY_UNIT: i64 = 1_000_000_000_000_000;
/// Each weight is credited in two parts of 8 digits (`hi · 10^8 + lo`), so that a value's
/// digits times a part still fit a decimal: a sum of decimals stays fast.
const DECAY_SPLIT: i64 = 100_000_000;

/// Time decay: touch `i` weighs `2^(−Δt_i/h)`, normalized per journey.
///
/// The weights are irrational in general, and exact fractions of them would have a
/// different denominator in every journey (sums of those grow without bound), so each
/// normalized weight is rounded to 15 decimal places and the journey's last touch (the
/// heaviest) takes `1 − Σ others`: the weights of a journey add up to exactly 1, and
/// conversions and value are conserved exactly.
pub(super) fn time_decay(j: &Journeys, half_life: f64) -> KpiResult<Credit> {
    if !(half_life > 0.0 && half_life.is_finite()) {
        return Err(KpiError::num("The time-decay half-life must be a positive number."));
    }
    let unit = DECAY_UNIT as f64;
    let (d_hi, d_lo) = ((DECAY_UNIT / DECAY_SPLIT) as u64, DECAY_UNIT as u64);
    let mut c = Credit::new(j.channels.len());
    let mut w = vec![];
    for jr in &j.journeys {
        let t = &jr.touches;
        let n = t.len();
        if n == 0 {
            continue;
        }
        w.clear();
        match &jr.times {
            Some(times) => {
                let end = times[n - 1];
                w.extend(times.iter().map(|&x| libm::exp2(-((end - x).max(0.0)) / half_life)));
            }
            None => w.extend((0..n).map(|i| libm::exp2(-((n - 1 - i) as f64) / half_life))),
        }
        let total: f64 = w.iter().sum();
        let mut rest = DECAY_UNIT;
        for (i, &ch) in t.iter().enumerate() {
            let units = if i + 1 == n {
                rest
            } else {
                // 0 ≤ w/total ≤ 1, so the scaled weight fits an i64 exactly.
                let u = (w[i] / total * unit).round();
                let u = if u.is_finite() { (u as i64).clamp(0, rest) } else { 0 };
                rest -= u;
                u
            };
            let (hi, lo) = (Exact::int(units / DECAY_SPLIT), Exact::int(units % DECAY_SPLIT));
            let (cv, v) = (&jr.conversions, &jr.value);
            c.conversions[ch as usize].add_over(&(cv * &hi), d_hi);
            c.conversions[ch as usize].add_over(&(cv * &lo), d_lo);
            c.value[ch as usize].add_over(&(v * &hi), d_hi);
            c.value[ch as usize].add_over(&(v * &lo), d_lo);
        }
    }
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::{same_ascii, same_unicode};

    /// Every character, alone and among ASCII letters, against ASCII direct names.
    #[test]
    fn same_ascii_is_same_unicode() {
        let directs = ["direct", "Direct", "k", "K", "ak", "i", "s", "ss", "a"];
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            for name in [c.to_string(), format!("a{c}"), format!("{c}ss"), format!("dir{c}ct")] {
                for d in directs {
                    assert_eq!(same_ascii(&name, d), same_unicode(&name, d), "{name:?} {d:?}");
                }
            }
        }
        assert!(same_ascii("DIRECT", "Direct") && !same_ascii("Dírect", "Direct") && !same_ascii("Direc", "Direct"));
    }
}
