//! Results leave as the correctly rounded f64 of the exact decimal result.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use sheetkpi::{evaluate, Arg, Value};

fn num(name: &str, a: f64, b: f64) -> f64 {
    match evaluate(name, &[Arg::num(a), Arg::num(b)]) {
        Ok(Value::Number(x)) => x,
        other => panic!("{name}({a}, {b}): {other:?}"),
    }
}

/// For every a, b in 1..=199, a KPI computing a / b returns exactly IEEE a / b,
/// which is what JavaScript, Excel and Sheets compute (the Node test checks JS itself).
#[test]
fn quotients_match_ieee_division_for_all_small_pairs() {
    for name in ["ROAS", "MER", "CAC", "CPC", "CPL", "CPA"] {
        for a in 1..=199u32 {
            for b in 1..=199u32 {
                let (a, b) = (a as f64, b as f64);
                assert_eq!(num(name, a, b).to_bits(), (a / b).to_bits(), "{name}({a}, {b})");
            }
        }
    }
    for name in ["CTR", "CVR"] {
        for b in 1..=199u32 {
            for a in 0..=b {
                let (a, b) = (a as f64, b as f64);
                assert_eq!(num(name, a, b).to_bits(), (a / b).to_bits(), "{name}({a}, {b})");
            }
        }
    }
}

/// The trap the conversion avoids: rust_decimal's own to_f64 is off for many pairs.
#[test]
fn naive_decimal_to_f64_would_fail_the_requirement() {
    let mut naive_wrong = 0;
    for a in 1..=199i64 {
        for b in 1..=199i64 {
            let q = Decimal::from(a) / Decimal::from(b);
            if q.to_f64() != Some(a as f64 / b as f64) {
                naive_wrong += 1;
            }
        }
    }
    assert!(naive_wrong > 1000, "only {naive_wrong} pairs differ; the guard above would be vacuous");
}

#[test]
fn typed_decimals_stay_exact() {
    // 0.3 / 0.1 is 3 as typed, while binary floating point gives 2.9999999999999996.
    assert_eq!(num("ROAS", 0.3, 0.1), 3.0);
    assert_ne!(0.3f64 / 0.1, 3.0);
    // 1.1 × 3 (CLV with one purchase a period) is 3.3, not 3.3000000000000003.
    let clv = evaluate("CLV", &[Arg::num(1.1), Arg::num(1.0), Arg::num(3.0)]);
    assert_eq!(clv, Ok(Value::Number(3.3)));
    assert_ne!(1.1f64 * 3.0, 3.3);
}
