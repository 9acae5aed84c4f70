//! Range semantics: additive inputs blend (sum / sum), blanks are skipped, anything
//! else that is not a number is an error, and errors pass through.

use sheetkpi::{evaluate, Arg, Cell, ErrorKind, Range, Value};

fn num(name: &str, args: &[Arg]) -> f64 {
    match evaluate(name, args) {
        Ok(Value::Number(x)) => x,
        other => panic!("{name}: {other:?}"),
    }
}

fn err(name: &str, args: &[Arg]) -> ErrorKind {
    match evaluate(name, args) {
        Err(e) => e.kind,
        other => panic!("{name}: expected an error, got {other:?}"),
    }
}

fn col(cells: Vec<Cell>) -> Arg {
    Arg::Range(Range::column(cells))
}

#[test]
fn ranges_blend_instead_of_averaging_ratios() {
    // Campaign A: 100 revenue on 10 spend (10x); B: 900 on 290 spend (≈3.1x).
    // Blended ROAS is 1000 / 300 = 3.333…; the average of the two ratios would be 6.55.
    let r = num("ROAS", &[Arg::column(&[100.0, 900.0]), Arg::column(&[10.0, 290.0])]);
    assert_eq!(r, 1000.0 / 300.0);
    assert_ne!(r, (10.0 + 900.0 / 290.0) / 2.0);
    // CAC: 300 cost / 4 customers.
    assert_eq!(num("CAC", &[Arg::column(&[100.0, 200.0]), Arg::column(&[1.0, 3.0])]), 75.0);
}

#[test]
fn two_dimensional_ranges_sum_every_cell() {
    let spend = Arg::Range(Range::from_rows(vec![
        vec![Cell::Number(10.0), Cell::Number(20.0)],
        vec![Cell::Number(30.0), Cell::Number(40.0)],
    ]));
    assert_eq!(num("ROAS", &[Arg::num(1000.0), spend]), 10.0);
}

#[test]
fn blanks_are_skipped_but_an_all_blank_range_is_missing() {
    let clicks = col(vec![Cell::Number(10.0), Cell::Empty, Cell::Text(String::new()), Cell::Number(4.0)]);
    assert_eq!(num("CTR", &[clicks, Arg::num(1000.0)]), 0.014);
    assert_eq!(err("CTR", &[col(vec![Cell::Empty, Cell::Empty]), Arg::num(1000.0)]), ErrorKind::NA);
    assert_eq!(err("CTR", &[Arg::Range(Range::from_rows(vec![])), Arg::num(1000.0)]), ErrorKind::NA);
}

#[test]
fn text_and_booleans_in_a_range_are_value_errors() {
    let with_text = col(vec![Cell::Number(10.0), Cell::Text("n/a".into())]);
    assert_eq!(err("CPC", &[with_text, Arg::num(5.0)]), ErrorKind::Value);
    let with_bool = col(vec![Cell::Bool(true), Cell::Number(10.0)]);
    assert_eq!(err("CPC", &[Arg::num(5.0), with_bool]), ErrorKind::Value);
}

#[test]
fn error_cells_propagate_unchanged_and_the_first_wins() {
    for kind in ErrorKind::ALL {
        let bad = col(vec![Cell::Number(1.0), Cell::Error(kind)]);
        assert_eq!(err("CPL", &[bad, Arg::num(5.0)]), kind);
    }
    // Left to right: the revenue input's #REF! is reported before the spend input's #N/A.
    let args = [Arg::Cell(Cell::Error(ErrorKind::Ref)), Arg::Cell(Cell::Error(ErrorKind::NA))];
    assert_eq!(err("ROAS", &args), ErrorKind::Ref);
    // An error cell wins over a type error before it in the same range…
    let mixed = col(vec![Cell::Text("x".into()), Cell::Error(ErrorKind::Num)]);
    assert_eq!(err("ROAS", &[mixed, Arg::num(1.0)]), ErrorKind::Num);
    // …and over a type or domain error in an earlier input.
    assert_eq!(err("CPM", &[Arg::num(-5.0), Arg::Cell(Cell::Error(ErrorKind::Div0))]), ErrorKind::Div0);
    assert_eq!(err("CPM", &[Arg::Cell(Cell::Text("x".into())), Arg::Cell(Cell::Error(ErrorKind::Ref))]), ErrorKind::Ref);
    // A type error in a later input wins over a domain error in an earlier one.
    assert_eq!(err("CPM", &[Arg::num(-5.0), Arg::Cell(Cell::Text("x".into()))]), ErrorKind::Value);
    assert_eq!(err("CPM", &[Arg::num(-5.0), Arg::empty()]), ErrorKind::NA);
    // Among domain errors, the leftmost.
    let e = evaluate("CTR", &[Arg::num(-1.0), Arg::num(f64::NAN)]).unwrap_err();
    assert!(e.message.contains("clicks"), "{}", e.message);
}

#[test]
fn a_negative_cell_anywhere_in_an_additive_range_is_num() {
    assert_eq!(err("CPA", &[Arg::column(&[100.0, -5.0, 20.0]), Arg::num(3.0)]), ErrorKind::Num);
    // -0 is zero, not negative.
    assert_eq!(num("CPA", &[Arg::column(&[-0.0, 30.0]), Arg::num(3.0)]), 10.0);
}

#[test]
fn sums_beyond_decimal_range_stay_exact_and_only_the_double_range_is_num() {
    // 7e28 + 7e28 is past rust_decimal's 7.9e28: the exact fallback carries it.
    let huge = Arg::column(&[7e28, 7e28]);
    assert_eq!(num("ROAS", &[huge, Arg::num(1.0)]), 1.4e29);
    assert_eq!(num("ROAS", &[Arg::num(7e28), Arg::num(0.001)]), 7e31);
    // 1e308 + 1e308 is beyond the largest double: #NUM!, never infinity.
    assert_eq!(err("ROAS", &[Arg::column(&[1e308, 1e308]), Arg::num(1.0)]), ErrorKind::Num);
    assert_eq!(err("ROAS", &[Arg::num(1e300), Arg::num(1e-300)]), ErrorKind::Num);
}

#[test]
fn single_value_parameters_refuse_ranges() {
    let margin = Arg::column(&[0.5, 0.6]);
    assert_eq!(err("CLV", &[Arg::num(50.0), Arg::num(4.0), Arg::num(3.0), margin]), ErrorKind::Value);
    assert_eq!(num("CLV", &[Arg::num(50.0), Arg::num(4.0), Arg::num(3.0), Arg::column(&[0.5])]), 300.0);
    assert_eq!(err("CLV", &[Arg::column(&[50.0, 60.0]), Arg::num(4.0), Arg::num(3.0)]), ErrorKind::Value);
}

#[test]
fn ten_thousand_cells_sum_exactly() {
    // 0.1 ten thousand times is exactly 1000 in decimal (binary floating point drifts).
    let spend = Arg::column(&vec![0.1; 10_000]);
    assert_eq!(num("CPC", &[spend, Arg::num(1000.0)]), 1.0);
    let mut float_sum = 0.0f64;
    for _ in 0..10_000 {
        float_sum += 0.1;
    }
    assert_ne!(float_sum, 1000.0, "the float drift this guards against");
}
