//! `sheetkpi audit FILE` as users run it: the listing and the exit codes, on the audit
//! fixture (tests/fixtures/make_fixtures.rs) and the sample; the audit itself is tested in
//! tests/import_audit.rs at the root.

#[test]
fn audit_cli_exit_codes() {
    let bin = env!("CARGO_BIN_EXE_sheetkpi");
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
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
