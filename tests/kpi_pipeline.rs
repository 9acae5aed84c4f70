//! LEAD_TO_CUSTOMER, MQL_TO_SQL, SALES_CYCLE.

mod kpi_support;
use kpi_support::*;
use sheetkpi::{Arg, Cell, ErrorKind::*, Range, Value};

#[test]
fn lead_to_customer() {
    // seeds/004: converted customers / all leads. 18 of 240 leads = 0.075.
    assert_eq!(num("LEAD_TO_CUSTOMER(18, 240)"), 0.075);
    assert_eq!(num("LEAD_TO_CUSTOMER(5, 7)"), 5.0 / 7.0);
    // Webinar 10/100 and ads 8/400: 18 / 500 = 0.036 (the mean of rates would be 0.06).
    assert_eq!(num("LEAD_TO_CUSTOMER({10;8}, {100;400})"), 0.036);
    errors(&[
        ("LEAD_TO_CUSTOMER(241, 240)", Num),
        ("LEAD_TO_CUSTOMER(0, 0)", Div0),
        ("LEAD_TO_CUSTOMER(-1, 240)", Num),
        ("LEAD_TO_CUSTOMER(18, TRUE)", Value),
        ("LEAD_TO_CUSTOMER(18)", NA),
    ]);
}

#[test]
fn mql_to_sql() {
    // seeds/004: SQLs / MQLs. 36 of 120 = 0.3.
    assert_eq!(num("MQL_TO_SQL(36, 120)"), 0.3);
    assert_eq!(num("MQL_TO_SQL(1, 9)"), 1.0 / 9.0);
    // Two quarters, 30/100 and 6/20 → 36/120 = 0.3.
    assert_eq!(num("MQL_TO_SQL({30,6}, {100,20})"), 0.3);
    errors(&[
        ("MQL_TO_SQL(121, 120)", Num),
        ("MQL_TO_SQL(0, 0)", Div0),
        ("MQL_TO_SQL(36, -120)", Num),
        ("MQL_TO_SQL(\"36\", 120)", Value),
        ("MQL_TO_SQL(, 120)", NA),
    ]);
}

/// Excel date serials: 45292 is 2024-01-01.
const JAN_1_2024: f64 = 45292.0;

#[test]
fn sales_cycle_worked_values() {
    // Deals: 1 Jan → 31 Jan (30 days), 1 Jan → 1 Apr 2024 (91 days: 31 + 29 + 31), 15 Jan → 14 Feb (30 days).
    // Mean (30 + 91 + 30) / 3 = 151 / 3.
    let leads = column(vec![n(JAN_1_2024), n(JAN_1_2024), n(JAN_1_2024 + 14.0)]);
    let closes = column(vec![n(JAN_1_2024 + 30.0), n(JAN_1_2024 + 91.0), n(JAN_1_2024 + 44.0)]);
    assert_eq!(call("SALES_CYCLE", &[leads, closes]), Ok(Value::Number(151.0 / 3.0)));
    // Same-day close: 0 days.
    assert_eq!(num("SALES_CYCLE(45292, 45292)"), 0.0);
    // Times of day count: 09:00 on day 1 to 21:00 on day 3 is 2.5 days.
    assert_eq!(num("SALES_CYCLE(45292.375, 45294.875)"), 2.5);
}

#[test]
fn sales_cycle_keeps_rows_aligned() {
    // The open deal in row 2 (no close date yet) drops out as a whole row; rows 1 and 3 still pair
    // with each other's dates, so (10 + 30) / 2 = 20, not a misaligned (45302 − 45292, 45322 − 45302).
    let leads = column(vec![n(45292.0), n(45295.0), n(45302.0)]);
    let closes = column(vec![n(45302.0), blank(), n(45332.0)]);
    assert_eq!(call("SALES_CYCLE", &[leads, closes.clone()]), Ok(Value::Number(20.0)));
    // Sheets' "" blanks behave the same, on either side.
    let leads = column(vec![n(45292.0), sheets_blank(), n(45302.0)]);
    let closes = column(vec![n(45302.0), n(45310.0), n(45332.0)]);
    assert_eq!(call("SALES_CYCLE", &[leads, closes]), Ok(Value::Number(20.0)));
    // A 2-row × 2-column block pairs cell by cell too.
    let leads = Arg::Range(Range::from_rows(vec![vec![n(0.0), n(10.0)], vec![n(20.0), Cell::Empty]]));
    let closes = Arg::Range(Range::from_rows(vec![vec![n(4.0), n(16.0)], vec![n(28.0), n(99.0)]]));
    assert_eq!(call("SALES_CYCLE", &[leads, closes]), Ok(Value::Number(6.0)));
}

#[test]
fn sales_cycle_errors() {
    errors(&[
        // Second deal closes 2 days before it was a lead.
        ("SALES_CYCLE({45292;45300}, {45310;45298})", Num),
        ("SALES_CYCLE({45292;45300}, {45310})", Value),
        ("SALES_CYCLE({45292;TRUE}, {45310;45320})", Value),
        ("SALES_CYCLE({45292;}, {;45320})", Div0),
        ("SALES_CYCLE({;}, {45310;45320})", NA),
        ("SALES_CYCLE(45292)", NA),
        ("SALES_CYCLE({45292;#REF!}, {45310;45320})", Ref),
        // A cycle beyond the largest double.
        ("SALES_CYCLE(-1e308, 1e308)", Num),
    ]);
}
