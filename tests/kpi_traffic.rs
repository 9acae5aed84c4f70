//! BOUNCE_RATE, PAGES_PER_SESSION, AVG_SESSION_DURATION, REFERRAL_SHARE.

mod kpi_support;
use kpi_support::*;
use sheetkpi::{ErrorKind::*, Value};

#[test]
fn bounce_rate() {
    // seeds/004: bounces / visitors. 1 300 of 5 200 sessions bounced = 1/4.
    assert_eq!(num("BOUNCE_RATE(1300, 5200)"), 0.25);
    assert_eq!(num("BOUNCE_RATE(0, 10)"), 0.0);
    assert_eq!(num("BOUNCE_RATE(7, 7)"), 1.0);
    // Landing pages 100/200 and 300/1800: blended 400 / 2000 = 0.2 (the mean of rates would be 1/3).
    assert_eq!(num("BOUNCE_RATE({100;300}, {200;1800})"), 0.2);
    errors(&[
        ("BOUNCE_RATE(11, 10)", Num),
        ("BOUNCE_RATE(0, 0)", Div0),
        ("BOUNCE_RATE(-1, 10)", Num),
        ("BOUNCE_RATE(\"x\", 10)", Value),
        ("BOUNCE_RATE(1)", NA),
        ("BOUNCE_RATE({1;#N/A}, 10)", NA),
    ]);
}

#[test]
fn pages_per_session() {
    // seeds/002 "sider per besøk": 12 000 views / 4 800 sessions = 2.5.
    assert_eq!(num("PAGES_PER_SESSION(12000, 4800)"), 2.5);
    assert_eq!(num("PAGES_PER_SESSION(7, 3)"), 7.0 / 3.0);
    // Desktop 3000/1000 and mobile 1000/1000: 4000/2000 = 2.
    assert_eq!(num("PAGES_PER_SESSION({3000,1000}, {1000,1000})"), 2.0);
    errors(&[
        ("PAGES_PER_SESSION(10, 0)", Div0),
        ("PAGES_PER_SESSION(10, -2)", Num),
        ("PAGES_PER_SESSION(TRUE, 2)", Value),
        ("PAGES_PER_SESSION(, 2)", NA),
    ]);
}

#[test]
fn avg_session_duration() {
    // seeds/002 "tid på nettstedet": 2 400 sessions totalling 20 hours (72 000 s) = 30 s each.
    assert_eq!(num("AVG_SESSION_DURATION(72000, 2400)"), 30.0);
    assert_eq!(num("AVG_SESSION_DURATION(200, 3)"), 200.0 / 3.0);
    // Two days: 6 000 s / 50 and 3 000 s / 100 → 9 000 / 150 = 60.
    assert_eq!(num("AVG_SESSION_DURATION({6000;3000}, {50;100})"), 60.0);
    errors(&[
        ("AVG_SESSION_DURATION(60, 0)", Div0),
        ("AVG_SESSION_DURATION(60, -1)", Num),
        ("AVG_SESSION_DURATION(\"1:00\", 1)", Value),
        ("AVG_SESSION_DURATION(60)", NA),
    ]);
}

#[test]
fn referral_share() {
    // seeds/000 #7: 640 of 3 200 visits from referrals = 0.2.
    assert_eq!(num("REFERRAL_SHARE(640, 3200)"), 0.2);
    assert_eq!(num("REFERRAL_SHARE(1, 7)"), 1.0 / 7.0);
    // Sheets sends blanks as "": skipped inside a range.
    let refs = column(vec![n(100.0), sheets_blank(), n(300.0)]);
    let all = column(vec![n(1000.0), n(1000.0), n(1000.0)]);
    assert_eq!(call("REFERRAL_SHARE", &[refs, all]), Ok(Value::Number(400.0 / 3000.0)));
    errors(&[
        ("REFERRAL_SHARE(3300, 3200)", Num),
        ("REFERRAL_SHARE(0, 0)", Div0),
        ("REFERRAL_SHARE(-5, 3200)", Num),
        ("REFERRAL_SHARE(640, \"all\")", Value),
        ("REFERRAL_SHARE(, 3200)", NA),
    ]);
}
