//! The edges issue 11 found, each against Python's exact fractions
//! (`float(Fraction(...))`, the correctly rounded double of the exact result).

use sheetkpi::{evaluate_formula, ErrorKind, Value};

fn eval(formula: &str) -> Result<f64, ErrorKind> {
    match evaluate_formula(formula).expect(formula) {
        Ok(Value::Number(x)) => Ok(x),
        Ok(other) => panic!("{formula}: {other:?}"),
        Err(e) => Err(e.kind),
    }
}

#[test]
fn tiny_and_huge_results_are_correctly_rounded() {
    let cases = [
        // Below rust_decimal's 28 decimal places.
        ("CTR(1, 300000000000000)", 3.3333333333333332e-15),
        ("ROAS(1e-28, 3)", 3.3333333333333334e-29),
        // A tiny intermediate in a normal result: 631.6 / (5.822e-23 × 0.2461).
        ("CAC_PAYBACK(631.6, 5.822e-23, 0.2461)", 4.408169714813195e25),
        // Beyond rust_decimal's 7.9e28.
        ("CLV(1e10, 1e10, 1e10)", 1e30),
        // What =0.1+0.2-0.3 leaves in a cell.
        ("ROAS(5.551115123125783e-17, 1)", 5.551115123125783e-17),
        // Typed digits 5e-324, halved: 2.5e-324 is above half the smallest subnormal.
        ("ROAS(5e-324, 2)", 5e-324),
    ];
    for (formula, want) in cases {
        let want: f64 = want;
        assert_eq!(eval(formula).map(f64::to_bits), Ok(want.to_bits()), "{formula}");
    }
    // Only a result beyond the double range is #NUM!.
    assert_eq!(eval("ROAS(1e308, 1e-10)"), Err(ErrorKind::Num));
}

#[test]
fn percent_literals_are_decimals() {
    assert_eq!(eval("ROAS(1.1%, 1)"), Ok(0.011));
    assert_eq!(eval("ROI(67.3%, 1)"), Ok(-0.327));
}

#[test]
fn error_cells_come_first_then_types_then_domains() {
    assert_eq!(eval("CPM(-5, #DIV/0!)"), Err(ErrorKind::Div0));
    assert_eq!(eval("CPM(\"x\", #REF!)"), Err(ErrorKind::Ref));
    assert_eq!(eval("CPM(-5, \"x\")"), Err(ErrorKind::Value));
    assert_eq!(eval("CPM(-5, )"), Err(ErrorKind::NA));
    assert_eq!(eval("CPM(-5, 0)"), Err(ErrorKind::Num));
}

#[test]
fn sign_domains_are_declared() {
    // ROI's revenue may be sales growth, which may be negative: (−500 − 1000) / 1000.
    assert_eq!(eval("ROI(-500, 1000)"), Ok(-1.5));
    // A lifetime value may be negative (a customer who costs more than they bring).
    assert_eq!(eval("LTV_CAC(-600, 200)"), Ok(-3.0));
    // Ad revenue and spend may not.
    assert_eq!(eval("ROAS(-600, 200)"), Err(ErrorKind::Num));
    assert_eq!(eval("ROI(500, -1000)"), Err(ErrorKind::Num));
}
