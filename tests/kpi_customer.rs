//! CLV_RETENTION, LTV_CAC, CAC_PAYBACK, AVG_DISCOUNT.

mod kpi_support;
use kpi_support::*;
use sheetkpi::ErrorKind::*;

#[test]
fn clv_retention_worked_values() {
    // 200 × 0.75 / (1 + 0.25 − 0.75) = 150 / 0.5 = 300.
    assert_eq!(num("CLV_RETENTION(200, 0.75, 0.25)"), 300.0);
    // 120 × 0.6 / (1 + 0.1 − 0.6) = 72 / 0.5 = 144.
    assert_eq!(num("CLV_RETENTION(120, 60%, 10%)"), 144.0);
    // No discounting: m·r/(1 − r); 100 × 0.5 / 0.5 = 100.
    assert_eq!(num("CLV_RETENTION(100, 0.5, 0)"), 100.0);
    // No retention: the customer is gone before the first period's margin arrives.
    assert_eq!(num("CLV_RETENTION(100, 0, 0.1)"), 0.0);
    // A loss-making customer has a negative lifetime value.
    assert_eq!(num("CLV_RETENTION(-40, 0.5, 0)"), -40.0);
}

#[test]
fn clv_retention_is_the_discounted_sum_of_margins() {
    // Independent check: Σ_{t≥1} m·r^t / (1+d)^t, summed term by term in f64.
    let (m, r, d) = (85.0_f64, 0.83_f64, 0.07_f64);
    let mut sum = 0.0;
    let mut factor = 1.0;
    for _ in 0..2000 {
        factor *= r / (1.0 + d);
        sum += m * factor;
    }
    let got = num("CLV_RETENTION(85, 0.83, 0.07)");
    assert!(close(got, sum, 1e-12), "{got} vs {sum}");
}

#[test]
fn clv_retention_errors() {
    errors(&[
        ("CLV_RETENTION(100, 1, 0)", Div0),
        ("CLV_RETENTION(100, 1.01, 0.1)", Num),
        ("CLV_RETENTION(100, 0.8, -0.1)", Num),
        ("CLV_RETENTION(100, 0.8, 1.5)", Num),
        ("CLV_RETENTION(100, \"80%\", 0.1)", Value),
        ("CLV_RETENTION({100;200}, 0.8, 0.1)", Value),
        ("CLV_RETENTION(100, , 0.1)", NA),
    ]);
}

#[test]
fn ltv_cac() {
    // seeds/000 and 004 compare LTV with CAC: 900 / 300 = 3 (3:1).
    assert_eq!(num("LTV_CAC(900, 300)"), 3.0);
    // CAC above LTV: overspending to win customers.
    assert_eq!(num("LTV_CAC(250, 1000)"), 0.25);
    assert_eq!(num("LTV_CAC(-100, 200)"), -0.5);
    assert_eq!(num("LTV_CAC(100, 7)"), 100.0 / 7.0);
    // Chained with CAC over ranges: CAC({3000;6000}, {20;40}) = 150; 600 / 150 = 4.
    let cac = num("CAC({3000;6000}, {20;40})");
    assert_eq!(num(&format!("LTV_CAC(600, {cac})")), 4.0);
    errors(&[
        ("LTV_CAC(900, 0)", Div0),
        ("LTV_CAC(900, -300)", Num),
        ("LTV_CAC({900;800}, 300)", Value),
        ("LTV_CAC(\"900\", 300)", Value),
        ("LTV_CAC(900)", NA),
    ]);
}

#[test]
fn cac_payback() {
    // 1 200 CAC; 150 a month at 80% margin = 120 gross profit a month → 10 months.
    assert_eq!(num("CAC_PAYBACK(1200, 150, 0.8)"), 10.0);
    // Revenue-based: 900 / 100 = 9 months.
    assert_eq!(num("CAC_PAYBACK(900, 100)"), 9.0);
    // 1 000 / (75 × 0.8 = 60) = 50/3 months.
    assert_eq!(num("CAC_PAYBACK(1000, 75, 80%)"), 50.0 / 3.0);
    errors(&[
        ("CAC_PAYBACK(1200, 0, 0.8)", Div0),
        ("CAC_PAYBACK(1200, 150, 0)", Div0),
        ("CAC_PAYBACK(1200, 150, -0.1)", Num),
        ("CAC_PAYBACK(1200, -150)", Num),
        ("CAC_PAYBACK(1200, {150;100})", Value),
        ("CAC_PAYBACK(1200, TRUE)", Value),
        ("CAC_PAYBACK(, 150)", NA),
    ]);
}

#[test]
fn avg_discount() {
    // seeds/001 #9: new customers' discount. List 2 000, paid 1 700 → 15%.
    assert_eq!(num("AVG_DISCOUNT(2000, 1700)"), 0.15);
    assert_eq!(num("AVG_DISCOUNT(1000, 900)"), 0.1);
    assert_eq!(num("AVG_DISCOUNT(7, 5)"), 2.0 / 7.0);
    // Orders 900 of 1 000 (10% off) and 2 100 of 3 000 (30% off): weighted by value,
    // (100 + 900) / 4 000 = 25%, not the 20% mean of the two rates.
    assert_eq!(num("AVG_DISCOUNT({1000;3000}, {900;2100})"), 0.25);
    // Free orders are a 100% discount.
    assert_eq!(num("AVG_DISCOUNT(500, 0)"), 1.0);
    errors(&[
        ("AVG_DISCOUNT(1000, 1100)", Num),
        ("AVG_DISCOUNT(0, 0)", Div0),
        ("AVG_DISCOUNT(-1000, 0)", Num),
        ("AVG_DISCOUNT(1000, \"900\")", Value),
        ("AVG_DISCOUNT(, 900)", NA),
    ]);
}
