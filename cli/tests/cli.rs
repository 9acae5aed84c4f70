//! The `sheetkpi` binary: output and exit codes.

use std::process::Command;

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_sheetkpi")).args(args).output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn eval_prints_the_value_and_exits_zero() {
    assert_eq!(run(&["eval", "ROAS(1000, 100)"]), (0, "10\n".into(), String::new()));
    assert_eq!(run(&["eval", "=KPI.CTR(14, 1000)"]).1, "0.014\n");
    assert_eq!(run(&["eval", "CAC({100,200}, {1,3})"]).1, "75\n");
}

#[test]
fn eval_prints_the_spreadsheet_error_and_exits_one() {
    let (code, out, _) = run(&["eval", "ROAS(1000, 0)"]);
    assert_eq!(code, 1);
    assert!(out.starts_with("#DIV/0!  ") && out.contains("spend"), "{out}");
    let (code, out, _) = run(&["eval", "--json", "CTR(15, 10)"]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["error"], "#NUM!");
}

#[test]
fn eval_rejects_unreadable_formulas_with_exit_two() {
    let (code, out, err) = run(&["eval", "ROAS(A1, 2)"]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(err.contains("cell references are not supported here: they need a workbook; type the values"), "{err}");
    assert!(err.contains("(at character 6)"), "{err}");
    assert_eq!(run(&["eval"]).0, 2);
}

#[test]
fn eval_reads_a_file_of_formulas() {
    let dir = std::env::temp_dir().join(format!("sheetkpi-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("f.txt");
    std::fs::write(&file, "# comment\nROAS(1000, 100)\n\nCPC(500, 250)\n").unwrap();
    let (code, out, _) = run(&["eval", "--file", file.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert_eq!(out, "ROAS(1000, 100)  →  10\nCPC(500, 250)  →  2\n");
    assert_eq!(run(&["eval", "--file", dir.join("missing").to_str().unwrap()]).0, 2);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn eval_file_evaluates_every_line_and_exits_with_the_worst_status() {
    let dir = std::env::temp_dir().join(format!("sheetkpi-cli-lines-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("mixed.kpi");
    let path = file.to_str().unwrap();
    // Line 4 cannot be read; line 3 is a spreadsheet error; the lines after 4 still count.
    std::fs::write(&file, "ROAS(1000, 100)\n# comment\nROAS(1000, 0)\nROAS(A1, 2)\n\nCPC(500, 250)\nCTR(\n").unwrap();
    let (code, out, err) = run(&["eval", "--file", path]);
    assert_eq!(code, 2, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert_eq!(lines[0], "ROAS(1000, 100)  →  10");
    assert!(lines[1].starts_with("ROAS(1000, 0)  →  #DIV/0!  "), "{out}");
    assert_eq!(lines[2], "CPC(500, 250)  →  2");
    let err_lines: Vec<&str> = err.lines().collect();
    assert_eq!(err_lines.len(), 2, "{err}");
    assert!(err_lines[0].starts_with(&format!("sheetkpi: {path}:4: cannot read formula \"ROAS(A1, 2)\": ")), "{err}");
    assert!(err_lines[1].starts_with(&format!("sheetkpi: {path}:7: cannot read formula \"CTR(\": ")), "{err}");

    // JSON lines: one per formula that could be read, in order.
    let (code, out, _) = run(&["eval", "--json", "--file", path]);
    assert_eq!(code, 2);
    let v: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(v.len(), 3, "{out}");
    assert_eq!((v[0].as_f64(), v[1]["error"].as_str(), v[2].as_f64()), (Some(10.0), Some("#DIV/0!"), Some(2.0)));

    // Without the unreadable lines the worst is the spreadsheet error.
    std::fs::write(&file, "ROAS(1000, 0)\nROAS(1000, 100)\n").unwrap();
    let (code, out, err) = run(&["eval", "--file", path]);
    assert_eq!((code, out.lines().count(), err.as_str()), (1, 2, ""));
    std::fs::remove_dir_all(&dir).ok();

    // Formulas given as arguments are all evaluated too.
    let (code, out, err) = run(&["eval", "ROAS(A1, 2)", "ROAS(1000, 100)"]);
    assert_eq!((code, out.as_str()), (2, "ROAS(1000, 100)  →  10\n"));
    assert!(err.starts_with("sheetkpi: cannot read formula \"ROAS(A1, 2)\": "), "{err}");
}

#[test]
fn functions_lists_the_whole_registry() {
    let (code, out, _) = run(&["functions"]);
    assert_eq!(code, 0);
    for f in sheetkpi::registry::functions() {
        assert!(out.contains(&f.signature()), "{} missing", f.id);
    }
    let (_, json, _) = run(&["functions", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v.as_array().map(Vec::len), Some(sheetkpi::registry::functions().len()));
}

#[test]
fn help_is_there_for_every_command() {
    for cmd in [vec!["--help"], vec!["eval", "--help"], vec!["functions", "--help"], vec!["docs", "--help"]] {
        let (code, out, _) = run(&cmd);
        assert_eq!(code, 0, "{cmd:?}");
        assert!(out.contains("Usage"), "{cmd:?}");
    }
}
