//! ENGAGEMENT_RATE and SHARE_OF_VOICE.

mod kpi_support;
use kpi_support::*;
use sheetkpi::{Arg, Cell, ErrorKind::*, Range, Value};

#[test]
fn engagement_rate_worked_values() {
    // seeds/000 #10: likes, shares and comments. 420 likes + 60 shares + 120 comments = 600 on 24 000 impressions = 0.025.
    assert_eq!(num("ENGAGEMENT_RATE(420, 24000, 60, 120)"), 0.025);
    // 1 engagement on 3 impressions.
    assert_eq!(num("ENGAGEMENT_RATE(1, 3)"), 1.0 / 3.0);
    // By reach, engagements can exceed the audience: 300 engagements from 250 people reached = 1.2.
    assert_eq!(num("ENGAGEMENT_RATE(300, 250)"), 1.2);
}

#[test]
fn engagement_rate_takes_several_ranges() {
    // Three posts as rows, likes | shares | comments as columns: the whole block is summed.
    let block = Arg::Range(Range::from_rows(vec![
        vec![Cell::Number(100.0), Cell::Number(10.0), Cell::Number(5.0)],
        vec![Cell::Number(200.0), Cell::Empty, Cell::Number(15.0)],
        vec![Cell::Number(150.0), Cell::Number(20.0), Cell::Number(0.0)],
    ]));
    let impressions = column(vec![n(10000.0), n(5000.0), n(5000.0)]);
    // (115 + 215 + 170) / 20 000 = 500 / 20 000 = 0.025.
    assert_eq!(call("ENGAGEMENT_RATE", &[block, impressions.clone()]), Ok(Value::Number(0.025)));
    // The same engagements given as three separate column ranges.
    let likes = column(vec![n(100.0), n(200.0), n(150.0)]);
    let shares = column(vec![n(10.0), blank(), n(20.0)]);
    let comments = column(vec![n(5.0), n(15.0), n(0.0)]);
    assert_eq!(call("ENGAGEMENT_RATE", &[likes, impressions, shares, comments]), Ok(Value::Number(0.025)));
}

#[test]
fn engagement_rate_errors() {
    errors(&[
        ("ENGAGEMENT_RATE(10, 0)", Div0),
        ("ENGAGEMENT_RATE(0, 0, 0, 0)", Div0),
        ("ENGAGEMENT_RATE(-10, 100)", Num),
        ("ENGAGEMENT_RATE(10, 100, 1, -1)", Num),
        ("ENGAGEMENT_RATE(10, 100, \"1\")", Value),
        ("ENGAGEMENT_RATE(, 100)", NA),
        ("ENGAGEMENT_RATE(10, 100, #REF!)", Ref),
    ]);
}

#[test]
fn share_of_voice() {
    // seeds/001 #6: 1 250 of 5 000 category mentions = 0.25.
    assert_eq!(num("SHARE_OF_VOICE(1250, 5000)"), 0.25);
    assert_eq!(num("SHARE_OF_VOICE(2, 7)"), 2.0 / 7.0);
    // Two networks: 100/1000 and 400/1000 → 500/2000 = 0.25.
    assert_eq!(num("SHARE_OF_VOICE({100,400}, {1000,1000})"), 0.25);
    errors(&[
        ("SHARE_OF_VOICE(5001, 5000)", Num),
        ("SHARE_OF_VOICE(0, 0)", Div0),
        ("SHARE_OF_VOICE(-1, 5000)", Num),
        ("SHARE_OF_VOICE(\"ours\", 5000)", Value),
        ("SHARE_OF_VOICE(1250)", NA),
    ]);
}
