//! CSV numbers and lines as docs/import.md states them (issue 14): CR-only files are
//! read by line, an unclosed quote is an error naming its line, and a column's decimal
//! separator is decided from all of its values.
#![cfg(feature = "import")]

use sheetkpi::import::{self, render, ImportError, Options};

/// `(sheet row, [numbers…])` per data row of the report of `text`.
fn rows(text: &str) -> Vec<(u64, Vec<serde_json::Value>)> {
    let opts = Options { file_name: Some("t.csv".into()), ..Options::default() };
    let report = import::report(text.as_bytes(), &opts).unwrap();
    let json: serde_json::Value = serde_json::from_str(&render::json(&report)).unwrap();
    json["rows"].as_array().unwrap().iter().map(|r| (r["row"].as_u64().unwrap(), r["values"].as_array().unwrap().clone())).collect()
}

fn numbers(text: &str) -> Vec<Vec<f64>> {
    rows(text).into_iter().map(|(_, v)| v.iter().filter_map(serde_json::Value::as_f64).collect()).collect()
}

#[test]
fn cr_only_lines_are_numbered() {
    let r = rows("Channel,Spend,Revenue\rSearch,100,250\r\rSocial,50,60\r");
    assert_eq!(r.iter().map(|(n, _)| *n).collect::<Vec<_>>(), vec![2, 4]);
}

#[test]
fn an_unclosed_quote_names_its_line() {
    let opts = Options { file_name: Some("t.csv".into()), ..Options::default() };
    let err = import::report(b"Channel,Spend,Revenue\nSearch,100,250\n\"Social,50,60\nVideo,1,2\n", &opts).unwrap_err();
    let ImportError::Corrupt { detail, .. } = &err else { panic!("{err:?}") };
    assert!(detail.contains("line 3"), "{detail}");
}

#[test]
fn each_column_keeps_the_separator_its_values_show() {
    // `;` file: Spend shows decimal points (1.5), so 100.250 is 100.25, not 100250.
    assert_eq!(numbers("Channel;Spend;Revenue\nSearch;100.250;1\nSocial;1.5;2\n"), vec![vec![100.25, 1.0], vec![1.5, 2.0]]);
    // `;` file, Norwegian: Spend shows a decimal comma (2,5), so 1.234 groups thousands;
    // Revenue shows nothing and follows the file (decimal commas).
    assert_eq!(numbers("Kanal;Kostnad;Inntekter\na;2,5;1.000\nb;1.234;3\n"), vec![vec![2.5, 1000.0], vec![1234.0, 3.0]]);
    // `,` file: a quoted "100,250" in a column that shows decimal points (2.5) is 100250;
    // in a column that shows a decimal comma ("2,5") it is 100.25.
    assert_eq!(numbers("Channel,Spend,Revenue\nSearch,\"100,250\",\"100,250\"\nSocial,2.5,\"2,5\"\n"), vec![
        vec![100_250.0, 100.25],
        vec![2.5, 2.5]
    ]);
}
