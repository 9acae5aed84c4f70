//! The one formula reader, through its three callers: the formula bar's path
//! (`sheetkpi::evaluate_formula`, what the WASM's `evaluate_formula` calls), `sheetkpi eval`
//! (the binary) and `sheetkpi audit` (a workbook written here with rust_xlsxwriter). They
//! must agree with each other and with the oracles: every registry example's independently
//! computed result, and the compiler's reading of a decimal literal for `%`.

use rust_xlsxwriter::{Formula, Workbook};
use sheetkpi::import::audit::{audit, Status};
use sheetkpi::eval::Wire;
use sheetkpi::formula;
use sheetkpi::registry::{self, Expected};
use sheetkpi::{evaluate_formula, ErrorKind, KpiResult, Value};
use std::process::Command;

/// What a formula must give: a result, or a parse error starting with this message.
enum Want {
    Result(Expected),
    Unreadable(&'static str),
}

fn cases() -> Vec<(String, Want)> {
    let mut out: Vec<(String, Want)> = registry::functions()
        .iter()
        .flat_map(|f| f.examples.iter().map(|e| (e.formula.to_string(), Want::Result(e.expected))))
        .collect();
    let number = |x: f64| Want::Result(Expected::Number(x));
    let ragged = "every row of an array needs the same number of values";
    out.extend([
        // `%` is the typed decimal rounded once; the oracle is the compiler's literal.
        ("ROAS(1.1%, 1)".into(), number(0.011)),
        ("ROAS(67.3%, 1)".into(), number(0.673)),
        // The exact decimal 0.673 - 1, rounded once (binary gives -0.3270000000000001).
        ("ROI(67.3%, 1)".into(), number(-0.327)),
        ("ROAS(62%, 1)".into(), number(0.62)),
        ("ROAS(1.5E-3%, 1)".into(), number(1.5e-5)),
        ("ROAS(1e3, .5)".into(), number(2000.0)),
        // `;` between arguments, European style; inside {} it stays the row separator.
        ("ROAS(1000; 100)".into(), number(10.0)),
        ("CAC({100,200;300,400}; {1;3})".into(), number(250.0)),
        ("CAC({100;200;300}; {1,2;3,4})".into(), number(60.0)),
        ("CAC({100,200;300}, {1;3})".into(), Want::Unreadable(ragged)),
        ("CAC({100;200,300}; 4)".into(), Want::Unreadable(ragged)),
        ("CAC({100,{200}}, 1)".into(), Want::Unreadable("arrays cannot be nested")),
        ("CAC({{100}}, 1)".into(), Want::Unreadable("arrays cannot be nested")),
    ]);
    out
}

/// `got` for `formula` is what `want` says, by the registry's one rule.
fn same(formula: &str, got: &KpiResult<Value>, want: &Expected) -> bool {
    let f = formula::called_name(formula).and_then(registry::find).expect("a registry function");
    registry::holds(f, want, got)
}

#[test]
fn the_formula_bar_path() {
    for (formula, want) in cases() {
        match (evaluate_formula(&formula), want) {
            (Ok(got), Want::Result(e)) => assert!(same(&formula, &got, &e), "{formula}: {got:?}, expected {e:?}"),
            (Err(err), Want::Unreadable(m)) => assert!(err.message.starts_with(m), "{formula}: {err}"),
            (got, _) => panic!("{formula}: {got:?}"),
        }
    }
}

fn sheetkpi(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_sheetkpi")).args(args).output().expect("runs")
}

#[test]
fn sheetkpi_eval() {
    let cases = cases();
    let dir = std::env::temp_dir().join(format!("sheetkpi-agree-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("formulas.txt");
    let readable: Vec<&(String, Want)> = cases.iter().filter(|(_, w)| matches!(w, Want::Result(_))).collect();
    std::fs::write(&file, readable.iter().map(|(f, _)| format!("{f}\n")).collect::<String>()).unwrap();
    let out = sheetkpi(&["eval", "--json", "--file", file.to_str().unwrap()]);
    std::fs::remove_dir_all(&dir).ok();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), readable.len(), "{}", String::from_utf8_lossy(&out.stderr));
    for ((formula, want), line) in readable.iter().zip(lines) {
        let Want::Result(want) = want else { unreachable!() };
        // Numbers through Rust's correctly rounded reader: serde_json's default is not.
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let got = match (line.parse::<f64>(), v.as_str()) {
            (Ok(x), _) => Ok(Value::Number(x)),
            // A table: the same wire JSON as the formula bar's path gives, byte for byte
            // (serde_json writes shortest round-trip digits, so equal text is equal bits).
            _ if v.is_array() => {
                let bar = evaluate_formula(formula).expect("reads").expect("a table");
                assert_eq!(line, serde_json::to_string(&Wire(&Ok(bar.clone()))).unwrap(), "{formula}");
                Ok(bar)
            }
            (_, Some(t)) => Ok(Value::Text(Box::leak(t.to_string().into_boxed_str()))),
            _ => {
                Err(sheetkpi::KpiError::new(ErrorKind::from_code(v["error"].as_str().unwrap()).unwrap(), String::new()))
            }
        };
        assert!(same(formula, &got, want), "{formula}: eval printed {line}, expected {want:?}");
    }
    for (formula, want) in &cases {
        if let Want::Unreadable(m) = want {
            let out = sheetkpi(&["eval", formula]);
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{formula}");
            assert!(err.contains(m), "{formula}: {err}");
        }
    }
}

/// `KPI.ROAS(…)` and `_xldudf_KPI_ROAS(…)` (how Excel stores add-in calls) by turns.
fn as_stored(formula: &str, i: usize) -> String {
    let (name, rest) = formula.split_at(formula.find('(').unwrap());
    let id = registry::find(name).unwrap().id;
    if i.is_multiple_of(2) {
        format!("=KPI.{id}{rest}")
    } else {
        format!("=_xldudf_KPI_{id}{rest}")
    }
}

#[test]
fn sheetkpi_audit() {
    let cases = cases();
    let mut wb = Workbook::new();
    let data = wb.add_worksheet().set_name("Data").unwrap();
    data.write_number(0, 0, 1000.0).unwrap();
    data.write_number(0, 1, 100.0).unwrap();
    let ws = wb.add_worksheet().set_name("KPI").unwrap();
    for (i, (formula, _)) in cases.iter().enumerate() {
        ws.write_formula(i as u32, 0, Formula::new(as_stored(formula, i)).set_result("0")).unwrap();
    }
    // References with `;` between the arguments: 1000 / 100.
    let refs = cases.len() as u32;
    ws.write_formula(refs, 0, Formula::new("=KPI.ROAS(Data!A1; 'Data'!$B$1)").set_result("10")).unwrap();
    // Ours inside another function: not evaluated, and the wrapper is the reason.
    ws.write_formula(refs + 1, 0, Formula::new("=IFERROR(KPI.ROAS(1000;100),0)").set_result("10")).unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let a = audit(&bytes, Some("agree.xlsx"), sheetkpi::import::DEFAULT_MAX_CELLS).unwrap();
    assert_eq!(a.findings.len(), cases.len() + 2);
    for (i, (formula, want)) in cases.iter().enumerate() {
        let f = a.findings.iter().find(|f| f.cell == format!("A{}", i + 1)).unwrap_or_else(|| panic!("{formula}"));
        match want {
            Want::Result(e) => {
                let got = &f.computed.as_ref().unwrap_or_else(|| panic!("{formula}: {:?}", f.note)).0;
                assert!(same(formula, got, e), "{formula}: the audit computes {got:?}, expected {e:?}");
            }
            Want::Unreadable(m) => {
                assert_eq!(f.status, Status::NotEvaluated, "{formula}");
                assert!(f.note.as_deref().is_some_and(|n| n.starts_with(m)), "{formula}: {:?}", f.note);
            }
        }
    }
    let f = a.findings.iter().find(|f| f.cell == format!("A{}", refs + 1)).unwrap();
    assert_eq!((f.status, f.computed.as_ref().map(|c| c.0.clone())), (Status::Ok, Some(Ok(Value::Number(10.0)))));
    let f = a.findings.iter().find(|f| f.cell == format!("A{}", refs + 2)).unwrap();
    assert_eq!(f.status, Status::NotEvaluated);
    assert_eq!(f.note.as_deref(), Some("it does not start with a call of a KPI function"));
}
