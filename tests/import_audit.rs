//! `sheetkpi audit` on a workbook with current, stale, wrong and non-evaluable KPI
//! formulas (tests/fixtures/make_fixtures.rs, `audit`), as rust_xlsxwriter wrote it and
//! as LibreOffice re-saved it in OpenDocument.
#![cfg(feature = "import")]

use sheetkpi::import::audit::{audit, Audit, Status};
use sheetkpi::Value;

fn run(name: &str) -> Audit {
    let bytes = std::fs::read(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    audit(&bytes, Some(name), sheetkpi::import::DEFAULT_MAX_CELLS).unwrap()
}

fn status(a: &Audit, sheet: &str, cell: &str) -> Status {
    a.findings.iter().find(|f| f.sheet == sheet && f.cell == cell).unwrap_or_else(|| panic!("{sheet}!{cell}")).status
}

#[test]
fn xlsx_audit_finds_every_stale_and_wrong_value() {
    let a = run("audit.xlsx");
    use Status::*;
    let expected = [
        ("Data", "F2", Ok),            // 1000 / 100 = 10, cached 10
        ("Data", "F3", Mismatch),      // 3000 / 1000 = 3, cached 2.5 (stale)
        ("KPI sheet", "A1", Ok),       // 4000 / 1100 over ranges
        ("KPI sheet", "A2", Ok),       // Sheets name
        ("KPI sheet", "A3", Mismatch), // _xldudf_KPI_CTR: 50 / 1000 = 0.05, cached 0.5
        ("KPI sheet", "A4", Ok),       // #DIV/0! cached and computed
        ("KPI sheet", "A5", Mismatch), // literals: 10, cached 9
        ("KPI sheet", "A6", NotEvaluated),
        ("KPI sheet", "A8", Ok), // quoted sheet name, absolute reference
        ("KPI sheet", "A9", Mismatch),
    ];
    for (sheet, cell, s) in expected {
        assert_eq!(status(&a, sheet, cell), s, "{sheet}!{cell}");
    }
    assert_eq!(a.findings.len(), expected.len(), "SUM in A7 is not ours");
    assert_eq!((a.ok, a.mismatches, a.not_evaluated), (5, 4, 1));
    let f3 = a.findings.iter().find(|f| f.cell == "F3").unwrap();
    assert_eq!(f3.computed.as_ref().unwrap().0, std::result::Result::Ok(Value::Number(3.0)));
    assert_eq!(f3.note.as_deref(), Some("cached 2.5, computes 3"));
}

#[test]
fn libreoffice_ods_audit_reads_opendocument_formulas() {
    let a = run("audit_lo.ods");
    // LibreOffice caches 15 digits (3.63636363636364): still current.
    assert_eq!(status(&a, "KPI sheet", "A1"), Status::Ok);
    assert_eq!(status(&a, "Data", "F3"), Status::Mismatch);
    assert_eq!(status(&a, "KPI sheet", "A5"), Status::Mismatch);
    assert_eq!(status(&a, "KPI sheet", "A6"), Status::NotEvaluated);
    assert_eq!(status(&a, "KPI sheet", "A8"), Status::Ok);
}

#[test]
fn audit_cli_exit_codes() {
    let bin = env!("CARGO_BIN_EXE_sheetkpi");
    let dir = env!("CARGO_MANIFEST_DIR");
    let o = std::process::Command::new(bin).args(["audit", "tests/fixtures/audit.xlsx"]).current_dir(dir).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("Data!F3  =KPI.ROAS(B3,C3)  STALE OR WRONG: cached 2.5, computes 3"), "{out}");
    assert!(out.contains("not evaluated: the KPI call is part of a larger expression"), "{out}");
    assert!(!out.contains("Data!F2"), "current formulas are listed only with --all");
    // A workbook without KPI formulas passes.
    let o = std::process::Command::new(bin).args(["audit", "samples/campaigns.xlsx"]).current_dir(dir).output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    let o = std::process::Command::new(bin).args(["audit", "tests/fixtures/truncated.xlsx"]).current_dir(dir).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    // Over the cell limit: the message names the flag that raises it.
    let o = std::process::Command::new(bin)
        .args(["audit", "tests/fixtures/audit.xlsx", "--max-cells", "1"])
        .current_dir(dir)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("too large to import") && err.contains("--max-cells N"), "{err}");
}
