//! The `sheetkpi` binary: output and exit codes.
#![cfg(feature = "cli")]

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
