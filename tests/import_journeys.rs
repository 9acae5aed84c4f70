//! Journey data found in workbooks: both shapes, headers in four languages, `;` CSV with
//! decimal points (ChannelAttribution's Data.csv) or commas, xlsx date cells and an ods
//! saved by LibreOffice; every bad cell named by row and column, every skipped row warned
//! about; shuffled touch rows give identical journeys and results. Expected numbers are
//! worked out by hand from the fixtures (tests/fixtures/journeys/).
#![cfg(feature = "import")]

use sheetkpi::attribution::{attribute, Model, MODEL_NAMES};
use sheetkpi::exact::Exact;
use sheetkpi::import::journeys::{detect, read, Field, JourneyData, JourneyError, JourneyOptions, Shape};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/journeys/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn opts(name: &str) -> JourneyOptions {
    JourneyOptions { file_name: Some(name.into()), ..JourneyOptions::default() }
}

fn load(name: &str) -> JourneyData {
    read(&fixture(name), &opts(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn csv(text: &str) -> Result<JourneyData, JourneyError> {
    read(text.as_bytes(), &opts("t.csv"))
}

fn q(n: i64, d: i64) -> Exact {
    Exact::int(n).div(&Exact::int(d)).unwrap()
}

fn dec(s: &str) -> Exact {
    let (i, f) = s.split_once('.').unwrap_or((s, ""));
    Exact::from_digits(format!("{i}{f}").parse().unwrap(), -(f.len() as i32))
}

/// `(channel, conversions, value)` under `model`.
fn results(d: &JourneyData, model: &str) -> Vec<(String, Exact, Exact)> {
    let m = Model::parse(model).unwrap();
    attribute(&d.journeys, &m).unwrap().into_iter().map(|r| (r.channel, r.conversions, r.value)).collect()
}

fn get(rows: &[(String, Exact, Exact)], ch: &str) -> (Exact, Exact) {
    let r = rows.iter().find(|r| r.0 == ch).unwrap_or_else(|| panic!("{ch} not in {rows:?}"));
    (r.1.clone(), r.2.clone())
}

fn fields(d: &JourneyData) -> Vec<Field> {
    d.columns.iter().map(|c| c.field).collect()
}

#[test]
fn path_level_english_with_a_total_row_and_a_blank_line() {
    let d = load("paths_en.csv");
    assert_eq!((d.shape, d.sheet.as_str(), d.header_row, d.rows), (Shape::Paths, "csv", 1, 4));
    assert_eq!(fields(&d), [Field::Path, Field::Conversions, Field::Value, Field::Nulls]);
    assert_eq!(d.warnings, ["skipped total rows (so they are not counted twice): row 7"]);
    assert_eq!(d.journeys.total_conversions(), Exact::int(4));
    assert_eq!(d.journeys.total_value(), dec("280.49"));
    let first = results(&d, "first");
    assert_eq!(get(&first, "Facebook"), (Exact::int(3), dec("230.50")));
    assert_eq!(get(&first, "Search"), (Exact::int(1), dec("49.99")));
    assert_eq!(get(&first, "Email"), (Exact::ZERO, Exact::ZERO));
    let last = results(&d, "last");
    assert_eq!(get(&last, "Direct"), (Exact::int(3), dec("230.50")));
    // Linear: 2/3 + 1/2 + 1/4 to Facebook, 2/3 + 1/4 to Email, 2/3 + 1/2 to Direct, 2/4 to Search.
    let linear = results(&d, "linear");
    assert_eq!(get(&linear, "Facebook").0, q(17, 12));
    assert_eq!(get(&linear, "Email").0, q(11, 12));
    assert_eq!(get(&linear, "Direct").0, q(7, 6));
    assert_eq!(get(&linear, "Search").0, q(1, 2));
}

#[test]
fn channel_attribution_headers_semicolons_and_decimal_points() {
    // The importer's CSV reader takes `;` for a decimal-comma locale (3.195 would be 3195):
    // a `;` file whose numbers have decimal points is read with the point.
    let d = load("paths_ca.csv");
    assert_eq!(fields(&d), [Field::Path, Field::Conversions, Field::Value, Field::Nulls]);
    assert_eq!(d.journeys.total_value(), dec("15.939"));
    let values: Vec<Exact> = d.journeys.journeys.iter().map(|j| j.value.clone()).collect();
    assert_eq!(values, [dec("0.244"), dec("3.195"), dec("12.5")]);
    let nulls: Vec<Exact> = d.journeys.journeys.iter().map(|j| j.nulls.clone()).collect();
    assert_eq!(nulls, [Exact::int(3), Exact::int(6), Exact::ZERO]);
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
    // Rows keep their line numbers in the file, blank lines counted.
    let t = bad("path;total_conversions;total_conversion_value\n\na;1;0.5\nb;x;0.5\n");
    assert!(t.contains("row 4, column B (\"total_conversions\")"), "{t}");
}

#[test]
fn norwegian_semicolons_keep_the_decimal_comma() {
    let d = load("paths_no.csv");
    assert_eq!(fields(&d), [Field::Path, Field::Conversions, Field::Value, Field::Nulls]);
    assert_eq!(d.journeys.total_value(), dec("1334.4"));
    assert_eq!(d.journeys.channels, ["Facebook", "E-post"]);
}

#[test]
fn path_headers_in_four_languages() {
    for header in [
        "journey,conversions,revenue,nulls",
        "Conversion path,Orders,Conversion value,No conversion",
        "MCF Channel Grouping Path,Conversions,Conversion Value,Non-conversions",
        "path,total_conversions,total_conversion_value,total_null",
        "Sti,Konverteringer,Omsetning,Ikke-konverteringer",
        "Kundereise,Konverteringer,Verdi,Ikke konvertert",
        "转化路径,转化次数,转化价值,未转化",
        "路径,转化,收入,未转化",
        "轉化路徑,轉化,轉化價值,未轉化",
        "路徑,轉化次數,收入,未轉化",
    ] {
        let d = csv(&format!("{header}\na > b,2,10,1\n")).unwrap_or_else(|e| panic!("{header}: {e}"));
        assert_eq!(d.shape, Shape::Paths, "{header}");
        assert_eq!(fields(&d), [Field::Path, Field::Conversions, Field::Value, Field::Nulls], "{header}");
        assert_eq!(d.journeys.total_value(), Exact::int(10), "{header}");
    }
}

#[test]
fn touch_headers_in_four_languages() {
    for header in [
        "User ID,Timestamp,Channel,Converted,Revenue",
        "client id,event time,Source / Medium,Conversions,Conversion value",
        "Bruker-ID,Tidspunkt,Kanal,Konverteringer,Verdi",
        "用户ID,时间,渠道,转化,转化价值",
        "用戶ID,時間,渠道,轉化,收入",
    ] {
        let d = csv(&format!("{header}\nu1,2024-03-01,a,0,\nu1,2024-03-02,b,1,10\n")).unwrap_or_else(|e| panic!("{header}: {e}"));
        assert_eq!(d.shape, Shape::Touches, "{header}");
        assert_eq!(fields(&d), [Field::User, Field::Time, Field::Channel, Field::Conversions, Field::Value], "{header}");
        assert_eq!(d.journeys.journeys.len(), 1, "{header}");
        assert_eq!(d.journeys.total_value(), Exact::int(10), "{header}");
    }
}

#[test]
fn touch_level_lookback_repeat_conversions_and_warnings() {
    let d = load("touches_en.csv");
    assert_eq!((d.shape, d.rows), (Shape::Touches, 8));
    // u1: Facebook > Email > Direct (converts), then Search (converts again); u2: Search is
    // 60 days before its conversion (dropped), Facebook converts, Email does not; u3: Display.
    assert_eq!(d.journeys.journeys.len(), 5);
    assert_eq!(
        d.warnings,
        [
            "ignored values on touches that did not convert: row 9",
            "1 touch was left out: more than 30 days before the conversion they led to (the lookback window)",
        ]
    );
    let first = results(&d, "first");
    assert_eq!(get(&first, "Facebook"), (Exact::int(2), Exact::int(170)));
    assert_eq!(get(&first, "Search"), (Exact::int(1), Exact::int(30)));
    assert_eq!(get(&first, "Display"), (Exact::ZERO, Exact::ZERO));
    let long = read(&fixture("touches_en.csv"), &JourneyOptions { lookback_days: 90.0, ..opts("touches_en.csv") }).unwrap();
    let first = results(&long, "first");
    assert_eq!(get(&first, "Facebook"), (Exact::int(1), Exact::int(120)));
    assert_eq!(get(&first, "Search"), (Exact::int(2), Exact::int(80)));
    assert_eq!(long.warnings.len(), 1);
}

#[test]
fn unix_timestamps_and_offsets() {
    // GA4's event_timestamp is microseconds since 1970; 2024-03-01 00:00 UTC = 1709251200 s.
    let text = "user_pseudo_id,event_timestamp,channel,conversions,value\n\
                a,1709251200000000,x,0,\n\
                a,1711929600000000,y,1,5\n";
    let d = read(text.as_bytes(), &JourneyOptions { lookback_days: 60.0, ..opts("t.csv") }).unwrap();
    assert_eq!(d.journeys.journeys[0].times, Some(vec![45352.0, 45383.0]));
    // 31 days apart: outside the default 30-day lookback.
    assert_eq!(csv(text).unwrap().journeys.journeys[0].touches.len(), 1);
    let iso = csv("user,time,channel,conversions\na,2024-03-01T13:00:00+01:00,x,1\n").unwrap();
    assert_eq!(iso.journeys.journeys[0].times, Some(vec![45352.5]));
}

fn bad(text: &str) -> String {
    match csv(text) {
        Err(e) => e.to_string(),
        Ok(d) => panic!("read: {d:?}"),
    }
}

#[test]
fn bad_cells_name_their_row_and_column() {
    let t = bad("path,conversions\na > b,1\nb,abc\n");
    assert_eq!(t, "sheet \"csv\" row 3, column B (\"conversions\"): \"abc\" is text, not a number");
    let t = bad("path,conversions,value\na,1,-5\n");
    assert_eq!(t, "sheet \"csv\" row 2, column C (\"value\"): -5 is negative; value cannot be");
    let t = bad("path,conversions\na,#N/A\n");
    assert!(t.contains("row 2, column B") && t.contains("#N/A"), "{t}");
    let t = bad("path,conversions\n,3\n");
    assert!(t.contains("row 2, column A (\"path\"): the path is empty"), "{t}");
    let t = bad("user,time,channel,converted\nu1,yesterday,a,1\n");
    assert!(t.contains("row 2, column B (\"time\"): \"yesterday\" is not a date"), "{t}");
    let t = bad("user,time,channel,converted\n,2024-01-01,a,1\n");
    assert_eq!(t, "sheet \"csv\" row 2, column A (\"user\"): the user is blank");
    let t = bad("user,time,channel,converted\nu,2024-01-01,a,TRUE\nu,2024-01-02,b,x\n");
    assert!(t.contains("row 3, column D (\"converted\")"), "{t}");
}

#[test]
fn missing_columns_are_named() {
    let t = bad("path,revenue\na > b,3\n");
    assert!(t.starts_with("sheet \"csv\" row 1 is a path-level header but has no conversions column"), "{t}");
    let t = bad("user id,timestamp,channel,revenue\nu,2024-01-01,a,3\n");
    assert!(t.starts_with("sheet \"csv\" row 1 is a touchpoint-level header but has no conversions column"), "{t}");
}

#[test]
fn no_journey_data_says_what_it_saw() {
    let e = read(&fixture("no_journeys.csv"), &opts("no_journeys.csv")).unwrap_err();
    let JourneyError::NoJourneys { seen } = &e else { panic!("{e:?}") };
    assert_eq!(seen, &[("csv".to_string(), vec!["Channel".into(), "Spend".into(), "Clicks".into(), "Conversions".into()])]);
    assert!(e.to_string().starts_with("no journey data found"), "{e}");
    assert_eq!(detect(&fixture("no_journeys.csv"), &opts("no_journeys.csv")), Ok(None));
    assert_eq!(detect(&fixture("paths_en.csv"), &opts("paths_en.csv")), Ok(Some(("csv".into(), Shape::Paths))));
    assert_eq!(detect(&fixture("touches_en.csv"), &opts("touches_en.csv")), Ok(Some(("csv".into(), Shape::Touches))));
    assert!(matches!(read(b"", &opts("e.csv")), Err(JourneyError::Import(_))));
}

#[test]
fn rows_left_out_are_warned_about() {
    let d = csv("path,conversions,orders\na > > b,1,1\n,0,0\nTotal,1,1\n").unwrap();
    assert_eq!(
        d.warnings,
        [
            "column C \"orders\" also looks like conversions; using column B \"conversions\"",
            "skipped total rows (so they are not counted twice): row 4",
            "skipped rows with no path and no counts: row 3",
            "ignored empty channel names between separators: row 2",
        ]
    );
    let d = csv("user,time,channel,converted,note\n,,,,a note\nu,2024-01-01,a,1,\n").unwrap();
    assert_eq!(d.warnings, ["skipped rows with no user, channel or time: row 2"]);
}

#[test]
fn an_unknown_separator_is_pointed_out() {
    let d = csv("path,conversions\nFacebook | Email,1\nEmail | Direct,2\nDirect,1\n").unwrap();
    assert_eq!(d.journeys.channels.len(), 3);
    assert_eq!(
        d.warnings,
        ["no path contains the separator \">\", so every path is read as one channel; 2 of 3 contain \"|\": is that the separator?"]
    );
    let piped = read(b"path,conversions\nFacebook | Email,1\nEmail | Direct,2\n", &JourneyOptions { sep: "|".into(), ..opts("t.csv") });
    assert_eq!(piped.unwrap().journeys.channels, ["Facebook", "Email", "Direct"]);
    let empty = read(b"path,conversions\na,1\n", &JourneyOptions { sep: String::new(), ..opts("t.csv") });
    assert!(matches!(empty, Err(JourneyError::Engine(_))));
}

/// A small deterministic generator (no dependency).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

#[test]
fn shuffled_touch_rows_give_identical_journeys_and_results() {
    let mut g = Lcg(7);
    let channels = ["Search", "Social", "Email", "Direct", "Display"];
    let mut rows: Vec<String> = (0..400)
        .map(|_| {
            let conv = if g.next(5) == 0 { 1 } else { 0 };
            format!(
                "u{},2024-0{}-{:02} {:02}:{:02},{},{conv},{}",
                g.next(30),
                1 + g.next(3),
                1 + g.next(28),
                g.next(24),
                g.next(4) * 15,
                channels[g.next(5) as usize],
                if conv == 1 { format!("{}.{:02}", g.next(200), g.next(100)) } else { String::new() }
            )
        })
        .collect();
    let text = |rows: &[String]| format!("user id,timestamp,channel,converted,revenue\n{}\n", rows.join("\n"));
    let base = csv(&text(&rows)).unwrap();
    let all: Vec<_> = MODEL_NAMES.iter().map(|m| results(&base, m)).collect();
    for _ in 0..4 {
        for i in (1..rows.len()).rev() {
            rows.swap(i, g.next(i as u64 + 1) as usize);
        }
        let d = csv(&text(&rows)).unwrap();
        assert_eq!(d.journeys, base.journeys);
        let again: Vec<_> = MODEL_NAMES.iter().map(|m| results(&d, m)).collect();
        assert_eq!(again, all);
    }
}

#[test]
fn xlsx_date_cells_and_the_lo_saved_ods_read_like_the_csv() {
    let want = load("touches_en.csv");
    for name in ["touches_zh_hans.xlsx", "touches_zh_hans_lo.ods"] {
        let d = load(name);
        assert_eq!(d.sheet, "触点", "{name}");
        assert_eq!(d.header_row, 3, "{name}");
        assert_eq!(d.journeys, want.journeys, "{name}");
    }
    let d = load("paths_zh_hant.xlsx");
    assert_eq!((d.sheet.as_str(), d.shape), ("路徑", Shape::Paths));
    assert_eq!(d.journeys, load("paths_en.csv").journeys);
}

#[test]
fn a_sheet_can_be_chosen() {
    let bytes = fixture("paths_zh_hant.xlsx");
    let o = |s: &str| JourneyOptions { sheet: Some(s.into()), ..opts("paths_zh_hant.xlsx") };
    assert!(matches!(read(&bytes, &o("說明")), Err(JourneyError::NoJourneys { .. })));
    assert!(matches!(read(&bytes, &o("nope")), Err(JourneyError::Import(_))));
    assert_eq!(read(&bytes, &o("路徑")).unwrap().rows, 4);
}

/// Writes the xlsx fixtures (tests/fixtures/journeys/make.sh runs this, then LibreOffice).
#[cfg(feature = "xlsx-out")]
#[test]
#[ignore]
fn write_xlsx_fixtures() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let dir = format!("{}/tests/fixtures/journeys", env!("CARGO_MANIFEST_DIR"));
    // touches_en.csv with Simplified Chinese headers under a title row, times as date cells.
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("触点").unwrap();
    ws.write_string(0, 0, "用户触点导出").unwrap();
    for (c, h) in ["用户ID", "时间", "渠道", "转化", "转化价值"].iter().enumerate() {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    let fmt = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    let text = String::from_utf8(fixture("touches_en.csv")).unwrap();
    for (r, line) in text.lines().skip(1).enumerate() {
        let f: Vec<&str> = line.split(',').collect();
        let row = r as u32 + 3;
        ws.write_string(row, 0, f[0]).unwrap();
        let t = f[1].trim_end_matches('Z').replace('T', " ");
        let t = if t.len() == 10 { format!("{t} 00:00:00") } else if t.len() == 16 { format!("{t}:00") } else { t };
        ws.write_datetime_with_format(row, 1, ExcelDateTime::parse_from_str(&t).unwrap(), &fmt).unwrap();
        ws.write_string(row, 2, f[2]).unwrap();
        ws.write_number(row, 3, f[3].parse::<f64>().unwrap()).unwrap();
        if !f[4].is_empty() {
            ws.write_number(row, 4, f[4].parse::<f64>().unwrap()).unwrap();
        }
    }
    wb.save(format!("{dir}/touches_zh_hans.xlsx")).unwrap();
    // paths_en.csv in Traditional Chinese, after a notes sheet.
    let mut wb = Workbook::new();
    wb.add_worksheet().set_name("說明").unwrap().write_string(0, 0, "轉化路徑匯出").unwrap();
    let ws = wb.add_worksheet().set_name("路徑").unwrap();
    for (c, h) in ["轉化路徑", "轉化", "轉化價值", "未轉化"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let text = String::from_utf8(fixture("paths_en.csv")).unwrap();
    for (r, line) in text.lines().skip(1).filter(|l| !l.is_empty()).enumerate() {
        let f: Vec<&str> = line.split(',').collect();
        ws.write_string(r as u32 + 1, 0, f[0]).unwrap();
        for (c, x) in f.iter().enumerate().skip(1) {
            ws.write_number(r as u32 + 1, c as u16, x.parse::<f64>().unwrap()).unwrap();
        }
    }
    wb.save(format!("{dir}/paths_zh_hant.xlsx")).unwrap();
}

#[test]
fn a_thousand_touch_path() {
    let path: Vec<String> = (0..1000).map(|i| format!("c{}", i % 7)).collect();
    let d = csv(&format!("path,conversions,value\n{},3,10\nc0,1,0\n", path.join(" > "))).unwrap();
    assert_eq!(d.journeys.journeys[0].touches.len(), 1000);
    for m in MODEL_NAMES {
        let r = results(&d, m);
        let sum = r.iter().fold(Exact::ZERO, |a, x| a + &x.1);
        assert_eq!(sum, Exact::int(4), "{m}");
    }
    // c0 is touches 0, 7, …, 994: 143 of the 1,000, so linear gives it 3 · 143/1000 + 1.
    assert_eq!(get(&results(&d, "linear"), "c0").0, q(3 * 143 + 1000, 1000));
}
