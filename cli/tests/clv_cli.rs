//! `sheetkpi clv`: the routes in (a transaction list, its summary), the outputs, and the
//! messages when the data or the options cannot make a forecast. The numbers themselves are
//! checked against lifetimes in tests/oracle/clv_cli.py.

mod common;
use common::{sheetkpi, stderr, stdout};
use std::fmt::Write as _;

/// Transactions of 300 customers over 2024, simulated as the models assume (a fixed
/// generator): each buys at their own rate (exponential gaps), may drop out after each
/// purchase, and spends around their own mean.
fn transactions() -> String {
    let mut x = 0x2545f4914f6cdd1du64;
    let mut unit = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut s = String::from("Customer ID,Order date,Amount\n");
    for c in 0..300 {
        let rate = [0.01, 0.03, 0.08][(unit() * 3.0) as usize];
        let drop = [0.05, 0.2, 0.5][(unit() * 3.0) as usize];
        let mean = 20.0 + 180.0 * unit();
        // Day d of 336 is month d / 28 + 1, day d % 28 + 1: valid dates, in order.
        let mut d = unit() * 150.0;
        loop {
            let day = d as u32;
            writeln!(s, "c{c},2024-{:02}-{:02},{:.2}", day / 28 + 1, day % 28 + 1, mean * (0.5 + unit())).unwrap();
            d += -(1.0 - unit()).ln() / rate;
            if d >= 336.0 || unit() < drop {
                break;
            }
        }
    }
    s
}

fn write(dir: &std::path::Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_string_lossy().into_owned()
}

fn json(args: &[&str]) -> serde_json::Value {
    let o = sheetkpi(args);
    assert!(o.status.code().is_some_and(|c| c <= 1), "{}", stderr(&o));
    serde_json::from_str(&stdout(&o)).unwrap()
}

#[test]
fn a_transaction_list_and_its_summary_give_one_forecast() {
    let dir = tempfile::tempdir().unwrap();
    let tx = write(dir.path(), "tx.csv", &transactions());
    let a = json(&["clv", &tx, "--unit", "days", "--format", "json"]);
    // The summary the CLI made, written back as a summary file in lifetimes' names.
    let mut summary = String::from("customer_id,frequency,recency,T,monetary_value\n");
    for c in a["customers"].as_array().unwrap() {
        writeln!(summary, "{},{},{},{},{}", c["id"].as_str().unwrap(), c["frequency"], c["recency"], c["T"], 0.0).unwrap();
    }
    let sum = write(dir.path(), "summary.csv", &summary.replace(",0.0\n", "\n").replace(",monetary_value\n", "\n"));
    let b = json(&["clv", &sum, "--unit", "days", "--format", "json"]);
    assert_eq!(a["params"], b["params"]);
    assert_eq!(a["log_likelihood"], b["log_likelihood"]);
    for (x, y) in a["customers"].as_array().unwrap().iter().zip(b["customers"].as_array().unwrap()) {
        assert_eq!((&x["expected_purchases"], &x["p_alive"]), (&y["expected_purchases"], &y["p_alive"]));
    }
    assert_eq!(a["unit"], "days");
    assert_eq!(a["horizon"], 365.0); // a year in the unit
    assert!(a["spend"]["params"]["p"].is_number() && a["customers"][0]["clv"].is_number());
    assert!(b["spend"].is_null() && b["customers"][0]["clv"].is_null());
}

/// The tracking series, the P(alive) histogram and the top customers, by their rules
/// (docs/clv.md); their numbers are checked against lifetimes in tests/oracle/clv_cli.py.
#[test]
fn tracking_histogram_and_top_customers() {
    let dir = tempfile::tempdir().unwrap();
    let tx = write(dir.path(), "tx.csv", &transactions());
    let a = json(&["clv", &tx, "--unit", "weeks", "--format", "json"]);
    let customers = a["customers"].as_array().unwrap();
    let nums = |v: &serde_json::Value| v.as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect::<Vec<_>>();
    let tr = &a["tracking"];
    assert_eq!(tr["unit"], "weeks");
    let (period, actual, model) = (nums(&tr["period"]), nums(&tr["actual"]), nums(&tr["model"]));
    let max_t = customers.iter().map(|c| c["T"].as_f64().unwrap()).fold(0.0, f64::max);
    assert_eq!(period, (1..=max_t as usize).map(|t| t as f64).collect::<Vec<_>>());
    // Cumulative: never falling; the last actual is every customer's repeats.
    assert!(actual.windows(2).all(|w| w[0] <= w[1]) && model.windows(2).all(|w| w[0] <= w[1]));
    assert_eq!(*actual.last().unwrap(), customers.iter().map(|c| c["frequency"].as_f64().unwrap()).sum::<f64>());
    // The histogram counts every customer, each in its bin.
    let count = nums(&a["p_alive_histogram"]["count"]);
    assert_eq!(count.iter().sum::<f64>(), customers.len() as f64);
    for (k, n) in count.iter().enumerate() {
        let lo = k as f64 / 10.0;
        let inside = customers.iter().filter(|c| {
            let p = c["p_alive"].as_f64().unwrap();
            p >= lo && (p < lo + 0.1 || k == 9)
        });
        assert_eq!(inside.count() as f64, *n, "bin {k}");
    }
    // The top 20 by CLV, highest first, none left out that is higher.
    let top: Vec<usize> = a["top_by_clv"].as_array().unwrap().iter().map(|i| i.as_u64().unwrap() as usize).collect();
    assert_eq!(top.len(), 20);
    let clv = |i: usize| customers[i]["clv"].as_f64().unwrap();
    assert!(top.windows(2).all(|w| clv(w[0]) > clv(w[1]) || (clv(w[0]) == clv(w[1]) && w[0] < w[1])));
    let cut = clv(top[19]);
    assert!((0..customers.len()).filter(|i| !top.contains(i)).all(|i| clv(i) <= cut));
    // A summary has no dates, so no tracking series.
    let mut summary = String::from("frequency,recency,T\n");
    for c in customers {
        writeln!(summary, "{},{},{}", c["frequency"], c["recency"], c["T"]).unwrap();
    }
    let sum = write(dir.path(), "summary.csv", &summary);
    let b = json(&["clv", &sum, "--unit", "weeks", "--format", "json"]);
    assert!(b.get("tracking").is_none());
    assert_eq!(b["top_by_clv"], serde_json::json!([]));
}

#[test]
fn the_unit_is_never_guessed() {
    let dir = tempfile::tempdir().unwrap();
    let tx = write(dir.path(), "tx.csv", &transactions());
    let o = sheetkpi(&["clv", &tx]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--unit days, weeks or months"), "{}", stderr(&o));
    let sum = write(dir.path(), "s.csv", "frequency,recency,T\n2,5,9\n0,0,9\n1,3,8\n");
    let o = sheetkpi(&["clv", &sum]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--horizon"), "{}", stderr(&o));
}

#[test]
fn data_that_cannot_identify_the_model_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let sum = write(dir.path(), "s.csv", "frequency,recency,T\n0,0,9\n0,0,8\n0,0,7\n");
    let o = sheetkpi(&["clv", &sum, "--unit", "weeks"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("#NUM!") && stderr(&o).contains("repeat"), "{}", stderr(&o));
    let bad = write(dir.path(), "b.csv", "frequency,recency,T\n2,5,9\n1,x,8\n");
    let o = sheetkpi(&["clv", &bad, "--unit", "weeks"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("row 3, column B (\"recency\")"), "{}", stderr(&o));
    let none = write(dir.path(), "n.csv", "spend,clicks\n1,2\n");
    let o = sheetkpi(&["clv", &none, "--unit", "weeks"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no customer data found"), "{}", stderr(&o));
    let o = sheetkpi(&["clv", &sum, "--unit", "weeks", "--end", "soon"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--end \"soon\" is not a date"), "{}", stderr(&o));
}

#[test]
fn outputs_csv_xlsx_and_a_table() {
    let dir = tempfile::tempdir().unwrap();
    let text = transactions().replacen("c0,", "=HYPERLINK(\"http://evil.example\"),", 1);
    let tx = write(dir.path(), "tx.csv", &text);
    let o = sheetkpi(&["clv", &tx, "--unit", "weeks", "--format", "csv"]);
    let csv = stdout(&o);
    assert!(csv.starts_with("\u{feff}id,weight,frequency,recency,T,expected_purchases,p_alive,expected_spend,clv\n"), "{csv}");
    assert!(csv.contains("'=HYPERLINK"), "formula-like ids are neutralised: {csv}");
    let out = dir.path().join("clv.xlsx");
    let o = sheetkpi(&["clv", &tx, "--unit", "weeks", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(&std::fs::read(&out).unwrap()[..2], b"PK");
    let o = sheetkpi(&["clv", &tx, "--unit", "weeks"]);
    let t = stdout(&o);
    assert!(t.contains("BG/NBD purchase model, in weeks") && t.contains("Gamma-Gamma") && t.contains("Customers (20 of 300"), "{t}");
}
