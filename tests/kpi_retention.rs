//! RETENTION_RATE, CHURN_RATE, NEW_TO_LOSS.

mod kpi_support;
use kpi_support::*;
use sheetkpi::ErrorKind::*;

#[test]
fn retention_rate() {
    // seeds/002: kept customers over customers at the start, new customers not counted.
    // Start 500, won 80, end 505: kept 425 → 0.85.
    assert_eq!(num("RETENTION_RATE(505, 80, 500)"), 0.85);
    // Start 3, end 3, none new: all kept.
    assert_eq!(num("RETENTION_RATE(3, 0, 3)"), 1.0);
    // Start 7, end 6, 1 new: 5/7.
    assert_eq!(num("RETENTION_RATE(6, 1, 7)"), 5.0 / 7.0);
    // Two segments: (90 − 10)/100 and (200 − 40)/300 → (290 − 50) / 400 = 0.6.
    assert_eq!(num("RETENTION_RATE({90;200}, {10;40}, {100;300})"), 0.6);
    errors(&[
        ("RETENTION_RATE(70, 80, 500)", Num),
        ("RETENTION_RATE(600, 80, 500)", Num),
        ("RETENTION_RATE(0, 0, 0)", Div0),
        ("RETENTION_RATE(505, -80, 500)", Num),
        ("RETENTION_RATE(505, 80, \"500\")", Value),
        ("RETENTION_RATE(505, , 500)", NA),
    ]);
}

#[test]
fn churn_rate() {
    // seeds/002 "kundefrafall": 45 lost of 1 500 = 0.03.
    assert_eq!(num("CHURN_RATE(45, 1500)"), 0.03);
    assert_eq!(num("CHURN_RATE(2, 9)"), 2.0 / 9.0);
    // Monthly plan 30/1000, annual 15/500 → 45/1500 = 0.03.
    assert_eq!(num("CHURN_RATE({30;15}, {1000;500})"), 0.03);
    // Retention and churn of the same cohort with no new customers add up to 1: 1455 kept, 45 lost.
    assert_eq!(num("RETENTION_RATE(1455, 0, 1500)") + num("CHURN_RATE(45, 1500)"), 1.0);
    errors(&[
        ("CHURN_RATE(1501, 1500)", Num),
        ("CHURN_RATE(0, 0)", Div0),
        ("CHURN_RATE(-45, 1500)", Num),
        ("CHURN_RATE(FALSE, 1500)", Value),
        ("CHURN_RATE(45)", NA),
    ]);
}

#[test]
fn new_to_loss() {
    // seeds/001 #4: new customers / customers lost. 240 won, 160 lost = 1.5.
    assert_eq!(num("NEW_TO_LOSS(240, 160)"), 1.5);
    // Shrinking: 50 won, 200 lost.
    assert_eq!(num("NEW_TO_LOSS(50, 200)"), 0.25);
    assert_eq!(num("NEW_TO_LOSS(10, 7)"), 10.0 / 7.0);
    // Three months: 80/50, 90/60, 70/50 → 240/160 = 1.5.
    assert_eq!(num("NEW_TO_LOSS({80,90,70}, {50,60,50})"), 1.5);
    errors(&[
        ("NEW_TO_LOSS(240, 0)", Div0),
        ("NEW_TO_LOSS(240, -1)", Num),
        ("NEW_TO_LOSS(\"many\", 160)", Value),
        ("NEW_TO_LOSS(240)", NA),
    ]);
}

#[test]
fn net_new_customers() {
    // seeds/001 #4 reports net new customers beside the new-to-loss ratio: 240 won − 160 lost = 80.
    assert_eq!(num("NET_NEW_CUSTOMERS(240, 160)"), 80.0);
    assert_eq!(num("NET_NEW_CUSTOMERS(12.5, 20)"), -7.5);
    assert_eq!(num("NET_NEW_CUSTOMERS(0, 0)"), 0.0);
    // Three months summed: (80 + 90 + 70) − (50 + 60 + 50) = 80.
    assert_eq!(num("NET_NEW_CUSTOMERS({80;90;70}, {50;60;50})"), 80.0);
    errors(&[
        ("NET_NEW_CUSTOMERS(240, -160)", Num),
        ("NET_NEW_CUSTOMERS(TRUE, 160)", Value),
        ("NET_NEW_CUSTOMERS(, 160)", NA),
        ("NET_NEW_CUSTOMERS(240, #REF!)", Ref),
    ]);
}
