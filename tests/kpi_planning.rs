//! PACING, KPI_PROGRESS, KPI_STATUS.

mod kpi_support;
use kpi_support::*;
use sheetkpi::{Arg, Cell, ErrorKind::*, Value};

#[test]
fn pacing() {
    // seeds/000: spend should track time. 15 of 30 days gone, 6 000 of a 10 000 budget spent:
    // 0.6 / 0.5 = 1.2 (overspending).
    assert_eq!(num("PACING(6000, 10000, 15, 30)"), 1.2);
    // Exactly on pace.
    assert_eq!(num("PACING(2500, 10000, 7, 28)"), 1.0);
    // 1 000 of 9 000 after 10 of 30 days: (1/9) / (1/3) = 1/3.
    assert_eq!(num("PACING(1000, 9000, 10, 30)"), 1.0 / 3.0);
    // Three channels' spend and budgets blend: 6 000 / 10 000 again.
    assert_eq!(num("PACING({1000;2000;3000}, {2000;3000;5000}, 15, 30)"), 1.2);
    // Last day: all spent, all elapsed.
    assert_eq!(num("PACING(10000, 10000, 30, 30)"), 1.0);
    errors(&[
        ("PACING(6000, 0, 15, 30)", Div0),
        ("PACING(6000, 10000, 0, 30)", Div0),
        ("PACING(6000, 10000, 31, 30)", Num),
        ("PACING(6000, 10000, -1, 30)", Num),
        ("PACING(6000, 10000, {1;2}, 30)", Value),
        ("PACING(6000, 10000, \"15\", 30)", Value),
        ("PACING(6000, , 15, 30)", NA),
    ]);
}

#[test]
fn kpi_progress() {
    // 10% of spend may not mean 10% of the sales target (seeds/000): 180 of 2 000 sales = 9%.
    assert_eq!(num("KPI_PROGRESS(180, 2000)"), 0.09);
    assert_eq!(num("KPI_PROGRESS(2, 7)"), 2.0 / 7.0);
    assert_eq!(num("KPI_PROGRESS(0, 50)"), 0.0);
    // Beyond rust_decimal's range, still exact.
    assert_eq!(num("KPI_PROGRESS(1e29, 1)"), 1e29);
    // A KPI result in a cell: ROAS 4 against the seeds/003 target of 5:1 = 80%.
    let roas = num("ROAS(400, 100)");
    assert_eq!(num(&format!("KPI_PROGRESS({roas}, 5)")), 0.8);
    errors(&[
        ("KPI_PROGRESS(180, 0)", Div0),
        ("KPI_PROGRESS(1e300, 1e-300)", Num),
        ("KPI_PROGRESS({180;20}, 2000)", Value),
        ("KPI_PROGRESS(\"180\", 2000)", Value),
        ("KPI_PROGRESS(180)", NA),
    ]);
}

#[test]
fn kpi_status_higher_is_better() {
    // ROAS targets from seeds/003: aiming for 4:1.
    assert_eq!(text("KPI_STATUS(4.2, 4)"), "GREEN");
    assert_eq!(text("KPI_STATUS(3.8, 4)"), "AMBER"); // 95%
    assert_eq!(text("KPI_STATUS(3.6, 4)"), "AMBER"); // exactly 90%: the boundary is AMBER
    assert_eq!(text("KPI_STATUS(3.59, 4)"), "RED");
    // A stricter band: amber only from 95%.
    assert_eq!(text("KPI_STATUS(3.7, 4, 0.95)"), "RED");
    // 0.1 + 0.2 style values stay exact: 0.3 of a 1/3-ish target is decided in decimal.
    assert_eq!(text("KPI_STATUS(0.27, 0.3)"), "AMBER");
    // amber = 1 means no AMBER band at all.
    assert_eq!(text("KPI_STATUS(99.99, 100, 1)"), "RED");
}

#[test]
fn kpi_status_lower_is_better() {
    // CAC target 50: at or under is GREEN; 55 is 50/55 = 90.9% → AMBER; 56 is 89.3% → RED.
    assert_eq!(text("KPI_STATUS(50, 50, , TRUE)"), "GREEN");
    assert_eq!(text("KPI_STATUS(30, 50, , TRUE)"), "GREEN");
    assert_eq!(text("KPI_STATUS(55, 50, , TRUE)"), "AMBER");
    assert_eq!(text("KPI_STATUS(56, 50, , TRUE)"), "RED");
    // Boundary: 50 / 0.9 = 55.5…; 55.5 × 0.9 = 49.95 ≤ 50 → AMBER, 55.6 × 0.9 = 50.04 → RED.
    assert_eq!(text("KPI_STATUS(55.5, 50, 0.9, TRUE)"), "AMBER");
    assert_eq!(text("KPI_STATUS(55.6, 50, 0.9, TRUE)"), "RED");
    // A number as the flag counts as TRUE unless 0; a blank flag is the default FALSE.
    assert_eq!(text("KPI_STATUS(30, 50, 0.9, 1)"), "GREEN");
    let args = [Arg::num(30.0), Arg::num(50.0), Arg::empty(), Arg::Cell(Cell::Empty)];
    assert_eq!(sheetkpi::evaluate("KPI_STATUS", &args).map_err(|e| e.kind), Ok(Value::Text("RED")));
}

#[test]
fn kpi_status_errors() {
    errors(&[
        ("KPI_STATUS(3, 0)", Div0),
        ("KPI_STATUS(3, -4)", Num),
        ("KPI_STATUS(3, 4, 1.1)", Num),
        ("KPI_STATUS(3, 4, -0.1)", Num),
        ("KPI_STATUS(3, 4, 0.9, \"yes\")", Value),
        ("KPI_STATUS({3;4}, 4)", Value),
        ("KPI_STATUS(3)", NA),
        ("KPI_STATUS(#NAME?, 4)", Name),
    ]);
}
