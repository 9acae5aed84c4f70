//! `sheetkpi attribute` as users run it: every format, --model all, atomic --out, and the
//! exit codes (0 results, 1 a model's spreadsheet error, 2 unreadable or unusable input).

mod common;

use calamine::{open_workbook_auto, Data, Reader};
use common::{files_in, root, stderr, stdout};
use std::process::Output;

/// Runs `sheetkpi attribute ARGS`.
fn sheetkpi(args: &[&str]) -> Output {
    common::sheetkpi(&[&["attribute"], args].concat())
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

const PATHS: &str = "tests/fixtures/journeys/paths_en.csv";
const TOUCHES: &str = "tests/fixtures/journeys/touches_en.csv";

fn json(args: &[&str]) -> serde_json::Value {
    let o = sheetkpi(&[args, &["--format", "json"]].concat());
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    serde_json::from_str(&stdout(&o)).unwrap()
}


#[test]
fn json_has_every_model_removal_effects_totals_and_warnings() {
    let j = json(&[PATHS, "--model", "all"]);
    let models: Vec<&String> = j["models"].as_object().unwrap().keys().collect();
    let mut want = vec!["first", "last", "last_non_direct", "linear", "markov", "position", "shapley", "time_decay"];
    want.sort();
    assert_eq!(models, want);
    for (name, rows) in j["models"].as_object().unwrap() {
        let rows = rows.as_array().unwrap();
        assert_eq!(rows.len(), 4, "{name}");
        let sum = |k: &str| rows.iter().map(|r| r[k].as_f64().unwrap()).sum::<f64>();
        assert!((sum("conversions") - 4.0).abs() < 1e-12, "{name}");
        assert!((sum("value") - 280.49).abs() < 1e-9, "{name}");
        assert!((sum("share") - 1.0).abs() < 1e-12, "{name}");
    }
    let linear = &j["models"]["linear"];
    assert_eq!(linear[0]["channel"], "Facebook");
    assert_eq!(linear[0]["conversions"].as_f64(), Some(17.0 / 12.0));
    assert_eq!(j["totals"]["conversions"].as_f64(), Some(4.0));
    assert_eq!(j["totals"]["value"].as_f64(), Some(280.49));
    let re = j["removal_effects"].as_object().unwrap();
    assert_eq!(re.len(), 4);
    assert!(re["Facebook"]["conversions"].as_f64().unwrap() > 0.0);
    assert_eq!(j["warnings"][0], "skipped total rows (so they are not counted twice): row 7");
    assert_eq!(j["source"]["shape"], "paths");
    // Models and channels come in display order in the text itself.
    let text = stdout(&sheetkpi(&[PATHS, "--format", "json"]));
    let at = |s: &str| text.find(s).unwrap();
    assert!(at("\"first\"") < at("\"last\"") && at("\"time_decay\"") < at("\"markov\"") && at("\"markov\"") < at("\"shapley\""));
    // One heuristic model: no removal effects.
    let j = json(&[PATHS, "--model", "first"]);
    assert!(j.get("removal_effects").is_none());
    assert_eq!(j["models"]["first"][0]["conversions"].as_f64(), Some(3.0));
}

/// The JSON's layout, pinned: a row a line, plain objects on one line, numbers as serde_json
/// writes a double (shortest round-trip digits, `3.0` for a whole one).
#[test]
fn json_layout_is_a_row_a_line() {
    let o = sheetkpi(&[PATHS, "--model", "first", "--format", "json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        r#"{
  "models": {
    "first": [
      {"channel": "Facebook", "conversions": 3.0, "value": 230.5, "share": 0.75},
      {"channel": "Email", "conversions": 0.0, "value": 0.0, "share": 0.0},
      {"channel": "Direct", "conversions": 0.0, "value": 0.0, "share": 0.0},
      {"channel": "Search", "conversions": 1.0, "value": 49.99, "share": 0.25}
    ]
  },
  "totals": {"conversions": 4.0, "value": 280.49},
  "source": {"sheet": "csv", "header_row": 1, "shape": "paths", "rows": 4, "journeys": 4, "channels": 4},
  "warnings": ["skipped total rows (so they are not counted twice): row 7"]
}
"#
    );
}

#[test]
fn table_per_model_and_side_by_side() {
    let o = sheetkpi(&[PATHS, "--model", "linear"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let t = stdout(&o);
    for needle in ["Model: linear", "conversions", "share", "Facebook", "1.42", "Total", "100.00%"] {
        assert!(t.contains(needle), "{needle} not in:\n{t}");
    }
    assert!(stderr(&o).contains("warning: skipped total rows"), "{}", stderr(&o));
    let t = stdout(&sheetkpi(&[PATHS]));
    for needle in ["Conversions by model", "Value by model", "last_non_direct", "Markov removal effects", "230.50"] {
        assert!(t.contains(needle), "{needle} not in:\n{t}");
    }
}

#[test]
fn csv_one_row_per_channel() {
    let o = sheetkpi(&[PATHS, "--model", "linear", "--format", "csv"]);
    let lines: Vec<String> = stdout(&o).lines().map(String::from).collect();
    // The byte-order mark by default, so that Excel reads the UTF-8 as UTF-8.
    assert_eq!(lines[0], "\u{feff}channel,conversions,value,share");
    assert_eq!(lines.len(), 5);
    assert!(lines[1].starts_with("Facebook,1.4166666666666667,"), "{}", lines[1]);
    let o = sheetkpi(&[PATHS, "--model", "first,markov", "--format", "csv", "--no-bom"]);
    let header = stdout(&o).lines().next().unwrap().to_string();
    assert_eq!(
        header,
        "channel,first_conversions,first_value,first_share,markov_conversions,markov_value,markov_share,\
         removal_effect,removal_effect_value"
    );
}

#[test]
fn xlsx_has_a_sheet_per_model_and_the_comparison() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("attribution.xlsx");
    let o = sheetkpi(&[PATHS, "--out", out.to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).contains("wrote "), "{}", stderr(&o));
    let mut wb = open_workbook_auto(&out).unwrap();
    let names = wb.sheet_names();
    assert_eq!(names[..3], ["Conversions by model", "Value by model", "first"]);
    assert_eq!(names[names.len() - 2..], ["Removal effects", "Warnings"]);
    let r = wb.worksheet_range("Conversions by model").unwrap();
    assert_eq!(r.get((0, 0)), Some(&Data::String("Channel".into())));
    assert_eq!(r.get((1, 0)), Some(&Data::String("Facebook".into())));
    assert_eq!(r.get((1, 1)), Some(&Data::Float(3.0)));
    assert_eq!(r.get((5, 0)), Some(&Data::String("Total".into())));
    let r = wb.worksheet_range("linear").unwrap();
    assert_eq!(r.get((1, 1)), Some(&Data::Float(17.0 / 12.0)));
    assert_eq!(files_in(dir.path()), ["attribution.xlsx"]);
}

#[test]
fn out_is_atomic_and_never_the_input() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("paths.csv");
    std::fs::copy(root().join(PATHS), &input).unwrap();
    let before = std::fs::read(&input).unwrap();
    let o = sheetkpi(&[input.to_str().unwrap(), "--format", "csv", "--out", input.to_str().unwrap()]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("refusing to write over the input file"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&input).unwrap(), before);
    let json_out = dir.path().join("out.json");
    let o = sheetkpi(&[input.to_str().unwrap(), "--out", json_out.to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let j: serde_json::Value = serde_json::from_slice(&std::fs::read(&json_out).unwrap()).unwrap();
    assert!(j["models"]["markov"].is_array());
    assert_eq!(files_in(dir.path()), ["out.json", "paths.csv"]);
    let o = sheetkpi(&[PATHS, "--out", dir.path().join("missing/x.csv").to_str().unwrap()]);
    assert_eq!(code(&o), 2);
    assert_eq!(files_in(dir.path()), ["out.json", "paths.csv"]);
    let o = sheetkpi(&[PATHS, "--format", "xlsx"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("--format xlsx needs --out"), "{}", stderr(&o));
}

#[test]
fn no_journey_data_is_a_clear_message_and_exit_2() {
    let o = sheetkpi(&["tests/fixtures/journeys/no_journeys.csv"]);
    assert_eq!(code(&o), 2);
    assert!(stdout(&o).is_empty());
    let e = stderr(&o);
    assert!(e.contains("no_journeys.csv: no journey data found"), "{e}");
    assert!(e.contains("sheet \"csv\": \"Channel\", \"Spend\", \"Clicks\", \"Conversions\""), "{e}");
    let o = sheetkpi(&["tests/fixtures/no_such_file.csv"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("cannot read"), "{}", stderr(&o));
}

#[test]
fn bad_input_exits_2_and_a_model_error_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "path,conversions\na > b,1\nb,lots\n").unwrap();
    let o = sheetkpi(&[bad.to_str().unwrap()]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("row 3, column B (\"conversions\"): \"lots\" is text, not a number"), "{}", stderr(&o));
    let o = sheetkpi(&[PATHS, "--model", "magic"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("Unknown attribution model \"magic\""), "{}", stderr(&o));
    let o = sheetkpi(&[PATHS, "--order", "5"]);
    assert_eq!(code(&o), 2);
    // Nothing converted: Markov has nothing to attribute (#DIV/0!); the other models still show.
    let zero = dir.path().join("zero.csv");
    std::fs::write(&zero, "path,conversions,nulls\na > b,0,3\nb,0,2\n").unwrap();
    let o = sheetkpi(&[zero.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let j: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(j["models"]["markov"]["error"], "#DIV/0!");
    assert!(j["models"]["first"].is_array());
    assert!(stderr(&o).contains("markov: #DIV/0!"), "{}", stderr(&o));
}

#[test]
fn touches_with_a_lookback_and_an_ods() {
    let j = json(&[TOUCHES, "--model", "first"]);
    let first = &j["models"]["first"];
    let by = |ch: &str| first.as_array().unwrap().iter().find(|r| r["channel"] == ch).unwrap()["conversions"].as_f64();
    assert_eq!((by("Facebook"), by("Search")), (Some(2.0), Some(1.0)));
    assert_eq!(j["source"]["shape"], "touches");
    let j = json(&[TOUCHES, "--model", "first", "--lookback-days", "90"]);
    let first = &j["models"]["first"];
    let by = |ch: &str| first.as_array().unwrap().iter().find(|r| r["channel"] == ch).unwrap()["conversions"].as_f64();
    assert_eq!((by("Facebook"), by("Search")), (Some(1.0), Some(2.0)));
    let ods = json(&["tests/fixtures/journeys/touches_zh_hans_lo.ods", "--model", "all"]);
    let csv = json(&[TOUCHES, "--model", "all"]);
    assert_eq!(ods["models"], csv["models"]);
    assert_eq!(ods["removal_effects"], csv["removal_effects"]);
}

#[test]
fn a_separator_option() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("piped.csv");
    std::fs::write(&f, "path,conversions\nFacebook | Email,1\nEmail | Direct,2\n").unwrap();
    let o = sheetkpi(&[f.to_str().unwrap(), "--model", "first", "--format", "json"]);
    assert!(stderr(&o).contains("contain \"|\": is that the separator?"), "{}", stderr(&o));
    let j = json(&[f.to_str().unwrap(), "--model", "first", "--sep", "|"]);
    assert_eq!(j["models"]["first"].as_array().unwrap().len(), 3);
    assert_eq!(j["warnings"].as_array().unwrap().len(), 0);
}

#[test]
fn model_parameters() {
    let j = json(&[PATHS, "--model", "position,last_non_direct", "--position-shares", "0.3,30%", "--direct", "email"]);
    let conv = |m: &str, ch: &str| {
        j["models"][m].as_array().unwrap().iter().find(|r| r["channel"] == ch).unwrap()["conversions"].as_f64().unwrap()
    };
    // Position 30/40/30: Facebook 2·0.3 + 1·0.5 (a two-touch path) + 1·0.4/2 = 1.3.
    assert!((conv("position", "Facebook") - 1.3).abs() < 1e-15);
    // Email is the direct channel here: Direct gets the paths that end ... > Email > Direct.
    assert_eq!((conv("last_non_direct", "Direct"), conv("last_non_direct", "Email")), (3.0, 0.0));
    let o = sheetkpi(&[PATHS, "--model", "position", "--position-shares", "0.8,0.4", "--format", "json"]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("position: #NUM! The first and last touches' shares add up to more than 1."), "{}", stderr(&o));
    let o = sheetkpi(&[PATHS, "--position-shares", "lots"]);
    assert_eq!(code(&o), 2);
    let slow = json(&[TOUCHES, "--model", "time_decay", "--half-life", "1000"]);
    let fast = json(&[TOUCHES, "--model", "time_decay", "--half-life", "0.1"]);
    let fb = |j: &serde_json::Value| j["models"]["time_decay"][0]["conversions"].as_f64().unwrap();
    // A long half-life spreads u1's first conversion evenly over its three touches; a short one gives it to the last.
    assert_eq!(j_channel(&slow, "time_decay", 0), "Facebook");
    assert!(fb(&slow) > 1.3 && fb(&fast) < 1.0001, "{} {}", fb(&slow), fb(&fast));
}

fn j_channel(j: &serde_json::Value, model: &str, i: usize) -> String {
    j["models"][model][i]["channel"].as_str().unwrap().to_string()
}

#[test]
fn the_transition_matrix_on_request() {
    let j = json(&[PATHS, "--model", "markov", "--transition-matrix"]);
    let t = j["transition_matrix"].as_array().unwrap();
    // From (start): 7 of 12 journeys (2 + 3 converting and not, 1 + 1) begin with Facebook.
    let start_fb = t.iter().find(|x| x["from"] == "(start)" && x["to"] == "Facebook").unwrap();
    assert_eq!(start_fb["probability"].as_f64(), Some(7.0 / 12.0));
    let mut sums = std::collections::BTreeMap::new();
    for x in t {
        *sums.entry(x["from"].as_str().unwrap().to_string()).or_insert(0.0) += x["probability"].as_f64().unwrap();
    }
    assert!(sums.values().all(|s| (s - 1.0).abs() < 1e-12), "{sums:?}");
    let o = sheetkpi(&[PATHS, "--model", "markov", "--transition-matrix"]);
    assert!(stdout(&o).contains("Markov transition matrix"));
    let o = sheetkpi(&[PATHS, "--model", "first", "--transition-matrix", "--format", "json"]);
    assert!(stderr(&o).contains("--transition-matrix needs the markov model"), "{}", stderr(&o));
}
