//! CPM and ROAC: worked values computed by hand, every error kind, range blending.

mod kpi_support;
use kpi_support::*;
use sheetkpi::{Arg, Cell, ErrorKind::*, Value};

#[test]
fn cpm_worked_values() {
    // 1 800 spent on 240 000 impressions: 1800 / 240 = 7.5 per thousand.
    assert_eq!(num("CPM(1800, 240000)"), 7.5);
    // 10 / 3000 × 1000 = 10/3; integer division in f64 is correctly rounded too.
    assert_eq!(num("CPM(10, 3000)"), 10.0 / 3.0);
    // The Excel name works as well.
    assert_eq!(num("KPI.CPM(0, 5000)"), 0.0);
}

#[test]
fn cpm_blends_ranges() {
    // Channel A 300 / 100 000 impressions (CPM 3), B 900 / 100 000 (CPM 9): blended 1200 / 200 000 = 6.
    assert_eq!(num("CPM({300,900}, {100000,100000})"), 6.0);
    // Unequal volumes show the blend is weighted: 300/100 000 and 900/50 000 → 1200/150 000 = 8 (the simple mean of 3 and 18 is 10.5).
    assert_eq!(num("CPM({300;900}, {100000;50000})"), 8.0);
    // Blanks in a range are skipped, Excel's null and Sheets' "" alike.
    let cost = column(vec![n(300.0), blank(), n(900.0), sheets_blank()]);
    let imps = column(vec![n(100000.0), n(50000.0)]);
    assert_eq!(call("CPM", &[cost, imps]), Ok(Value::Number(8.0)));
}

#[test]
fn cpm_errors() {
    errors(&[
        ("CPM(100, 0)", Div0),
        ("CPM(100, {0;})", Div0),
        ("CPM(100, -1000)", Num),
        ("CPM(1e306, 0.001)", Num),
        ("CPM(\"100\", 1000)", Value),
        ("CPM(100, {1000;TRUE})", Value),
        ("CPM(, 1000)", NA),
        ("CPM(100)", NA),
        ("CPM(#NULL!, 1000)", Null),
        ("CPM(100, 1000, 5)", Value),
    ]);
}

#[test]
fn roac_worked_values() {
    // seeds/001: ROAC counts lead value and creative cost beside revenue and ad spend.
    // 12 000 revenue + 3 000 lead value = 15 000; 4 000 ads + 1 000 creative = 5 000 → 3.
    assert_eq!(num("ROAC(12000, 4000, 1000, 3000)"), 3.0);
    // Without lead value: 12 000 / 5 000 = 2.4.
    assert_eq!(num("ROAC(12000, 4000, 1000)"), 2.4);
    // Between ROAS (12000/4000 = 3) and ROI ((12000 − 5000)/5000 = 1.4) in this example, as the article says.
    let roas = num("ROAS(12000, 4000)");
    let roac = num("ROAC(12000, 4000, 1000)");
    let roi = num("ROI(12000, 5000)");
    assert!(roi < roac && roac < roas);
    // 1000 / 700 = 10/7.
    assert_eq!(num("ROAC(1000, 600, 100)"), 10.0 / 7.0);
}

#[test]
fn roac_blends_every_range() {
    // Two campaigns: (5000 + 1000 lead value) and (7000 + 2000); costs (2000 + 500) and (2000 + 500):
    // 15 000 / 5 000 = 3.
    assert_eq!(num("ROAC({5000;7000}, {2000;2000}, {500;500}, {1000;2000})"), 3.0);
    // A blank lead value is its default, 0.
    let args = [Arg::num(12000.0), Arg::num(4000.0), Arg::num(1000.0), Arg::Cell(Cell::Empty)];
    assert_eq!(call("ROAC", &args), Ok(Value::Number(2.4)));
}

#[test]
fn roac_errors() {
    errors(&[
        ("ROAC(1000, 0, 0)", Div0),
        ("ROAC(1000, 0, 0, 500)", Div0),
        ("ROAC(1000, 100, -1)", Num),
        ("ROAC(1000, 100, 10, -5)", Num),
        ("ROAC(1000, 100, \"ten\")", Value),
        ("ROAC(1000, 100, 10, FALSE)", Value),
        ("ROAC(1000, 100)", NA),
        ("ROAC(#REF!, 100, 10)", Ref),
    ]);
}
