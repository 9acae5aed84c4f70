//! NPS, MARKET_SHARE, BRAND_AWARENESS, PURCHASE_INTENT.

mod kpi_support;
use kpi_support::*;
use sheetkpi::{Arg, Cell, ErrorKind::*, Range, Value};

#[test]
fn nps_from_answers() {
    // 10 answers: promoters 10, 10, 9 (3); passives 8, 7 (2); detractors 6, 5, 3, 0, 6 (5).
    // (3 − 5) / 10 × 100 = −20.
    assert_eq!(num("NPS({10,10,9,8,7,6,5,3,0,6})"), -20.0);
    // Boundaries: 9 is a promoter, 7 and 8 passives, 6 a detractor. (1 − 1) / 4 = 0.
    assert_eq!(num("NPS({9,8,7,6})"), 0.0);
    // 2 promoters of 3: 200/3.
    assert_eq!(num("NPS({10,9,8})"), 200.0 / 3.0);
    // A survey sheet with a blank answer row and Sheets' "" blank: both skipped. 3 promoters, 1 detractor of 5.
    let answers = Arg::Range(Range::from_rows(vec![
        vec![n(10.0), n(9.0)],
        vec![Cell::Empty, n(9.0)],
        vec![n(7.0), sheets_blank()],
        vec![n(2.0), Cell::Empty],
    ]));
    assert_eq!(call("NPS", &[answers]), Ok(Value::Number(40.0)));
}

#[test]
fn nps_from_counts() {
    // 120 promoters, 50 passives, 30 detractors of 200: (120 − 30) / 200 × 100 = 45.
    assert_eq!(num("NPS(120, 50, 30)"), 45.0);
    assert_eq!(num("NPS(0, 0, 7)"), -100.0);
    // Two regions' counts blend: (70 + 50, 20 + 30, 10 + 20) → (120 − 30)/200 = 45.
    assert_eq!(num("NPS({70;50}, {20;30}, {10;20})"), 45.0);
    // Counts and answers agree: 3 promoters, 2 passives, 5 detractors = the first test's answers.
    assert_eq!(num("NPS(3, 2, 5)"), num("NPS({10,10,9,8,7,6,5,3,0,6})"));
}

#[test]
fn nps_errors() {
    errors(&[
        ("NPS({10,11})", Num),
        ("NPS({-1,10})", Num),
        ("NPS({8.5,10})", Num),
        ("NPS(-5, 1, 1)", Num),
        ("NPS(5, -1, 1)", Num),
        ("NPS(0, 0, 0)", Div0),
        ("NPS(120, 50)", NA),
        ("NPS(120, , 30)", NA),
        ("NPS({10,\"9\"})", Value),
        ("NPS({10,TRUE})", Value),
        ("NPS()", NA),
        ("NPS({10,#N/A})", NA),
    ]);
}

#[test]
fn market_share() {
    // seeds/000: your slice of the customer pie. 3.2 M of 40 M = 0.08.
    assert_eq!(num("MARKET_SHARE(3200000, 40000000)"), 0.08);
    assert_eq!(num("MARKET_SHARE(1, 7)"), 1.0 / 7.0);
    // Two regions: 1 M of 10 M and 2 M of 5 M → 3 M / 15 M = 0.2.
    assert_eq!(num("MARKET_SHARE({1000000;2000000}, {10000000;5000000})"), 0.2);
    errors(&[
        ("MARKET_SHARE(41, 40)", Num),
        ("MARKET_SHARE(0, 0)", Div0),
        ("MARKET_SHARE(-1, 40)", Num),
        ("MARKET_SHARE(\"8%\", 40)", Value),
        ("MARKET_SHARE(, 40)", NA),
    ]);
}

#[test]
fn brand_awareness_and_purchase_intent() {
    // seeds/000: of 2 000 in the target audience surveyed, 700 know the brand (0.35);
    // of those 700, 140 intend to buy (0.2).
    assert_eq!(num("BRAND_AWARENESS(700, 2000)"), 0.35);
    assert_eq!(num("PURCHASE_INTENT(140, 700)"), 0.2);
    assert_eq!(num("BRAND_AWARENESS(3, 7)"), 3.0 / 7.0);
    assert_eq!(num("PURCHASE_INTENT(1, 9)"), 1.0 / 9.0);
    // Before/after waves blend: (300 + 400) / (1000 + 1000) = 0.35.
    assert_eq!(num("BRAND_AWARENESS({300,400}, {1000,1000})"), 0.35);
    assert_eq!(num("PURCHASE_INTENT({60,80}, {300,400})"), 0.2);
    errors(&[
        ("BRAND_AWARENESS(2001, 2000)", Num),
        ("BRAND_AWARENESS(0, 0)", Div0),
        ("BRAND_AWARENESS(-7, 2000)", Num),
        ("BRAND_AWARENESS(\"most\", 2000)", Value),
        ("BRAND_AWARENESS(700)", NA),
        ("PURCHASE_INTENT(701, 700)", Num),
        ("PURCHASE_INTENT(0, 0)", Div0),
        ("PURCHASE_INTENT(140, -700)", Num),
        ("PURCHASE_INTENT(TRUE, 700)", Value),
        ("PURCHASE_INTENT(140)", NA),
    ]);
}
