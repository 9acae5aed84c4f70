//! Each kind of report warning from a workbook that provokes it, with the cells it names
//! as a spreadsheet addresses them; and the same warnings on the xlsx's Notes sheet.
#![cfg(feature = "xlsx-out")]

use calamine::{Data, Reader, Xlsx};
use sheetkpi::import::warning::{Kind, Warning};
use sheetkpi::import::{report, xlsx_out, Options};
use std::io::Cursor;

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn of_kind(ws: &[Warning], kind: Kind) -> Vec<&Warning> {
    ws.iter().filter(|w| w.kind == kind).collect()
}

#[test]
fn a_messy_csv_provokes_each_kind_with_its_cells() {
    let r = report(&fixture("tests/fixtures/warnings.csv"), &Options::default()).unwrap();
    let w = &r.warnings;
    let one = |kind| {
        let found = of_kind(w, kind);
        assert_eq!(found.len(), 1, "{kind:?} in {w:#?}");
        found[0].clone()
    };
    let ambiguous = one(Kind::AmbiguousColumn);
    assert!(ambiguous.message.contains("column C \"Cost\" also looks like spend"), "{}", ambiguous.message);
    let skipped = one(Kind::RowsSkipped);
    assert_eq!((skipped.cells.clone(), skipped.count), (vec!["6:6".to_string()], 1));
    let text = one(Kind::NonNumeric);
    assert_eq!((text.cells.clone(), text.count), (vec!["D4".to_string()], 1));
    assert!(text.message.contains("(D4 \"n/a\")"), "{}", text.message);
    let domain = of_kind(w, Kind::OutsideDomain);
    assert_eq!(domain.len(), 2, "{domain:#?}");
    assert_eq!(domain[0].cells, ["B3"], "the negative spend");
    assert!(domain[0].message.contains("ROAS"), "{}", domain[0].message);
    assert_eq!(domain[1].cells, ["E3"], "more clicks than impressions");
    assert!(domain[1].message.contains("CTR is #NUM!"), "{}", domain[1].message);
    let unused = one(Kind::UnusedColumns);
    assert!(unused.message.contains("G \"Notes\""), "{}", unused.message);
    assert!(unused.message.contains("C \"Cost\""), "the spend column left out is not used either: {}", unused.message);
    let currency = one(Kind::CurrencyMismatch);
    assert!(currency.message.contains("is NOK") && currency.message.contains("is USD"), "{}", currency.message);
    // And what the rows say, beside: the KPIs the warnings name are the errors they say.
    let row = r.rows.get(1).unwrap();
    let roas = r.kpis.iter().position(|k| k.id == "ROAS").unwrap();
    assert_eq!(row.kpis[roas].0.as_ref().unwrap_err().kind.code(), "#NUM!");
}

#[test]
fn a_clean_workbook_has_no_warning() {
    for f in ["samples/campaigns.xlsx", "tests/fixtures/zh_hant_lo.ods"] {
        let r = report(&fixture(f), &Options::default()).unwrap();
        assert_eq!(r.warnings, [], "{f}");
    }
}

/// A workbook (written by rust_xlsxwriter) of sheets Jan, Feb and "Mar kvartal" with the
/// same header, read together with a Sheet column; "Notes" with no header, "Traffic" with
/// other columns and "Feb NO" with the same roles under other words (or a summary beside
/// its data), named as not read; cell addresses carry each row's own sheet.
#[test]
fn sheets_with_the_same_columns_are_read_together_and_the_rest_named() {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let sheet = |wb: &mut rust_xlsxwriter::Workbook, name: &str, head: &[&str], row: &[&str]| {
        let ws = wb.add_worksheet().set_name(name).unwrap();
        for (c, h) in head.iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        for (c, v) in row.iter().enumerate() {
            match v.parse::<f64>() {
                Ok(x) => ws.write_number(1, c as u16, x).unwrap(),
                Err(_) => ws.write_string(1, c as u16, *v).unwrap(),
            };
        }
    };
    sheet(&mut wb, "Notes", &["Campaign plan for Q1"], &[]);
    sheet(&mut wb, "Jan", &["Channel", "Spend", "Revenue"], &["Search", "5", "n/a"]);
    sheet(&mut wb, "Feb", &["Channel", "Spend", "Revenue"], &["Search", "6", "18"]);
    sheet(&mut wb, "Feb NO", &["Kanal", "Kostnad", "Inntekt"], &["Search", "6", "18"]);
    sheet(&mut wb, "Traffic", &["Channel", "Clicks", "Impressions"], &["Search", "5", "50"]);
    sheet(&mut wb, "Mar kvartal", &["Channel", "Spend", "Revenue"], &["Social", "4", "TBD"]);
    let bytes = wb.save_to_buffer().unwrap();
    let r = report(&bytes, &Options::default()).unwrap();
    assert_eq!(r.source.combined, ["Jan", "Feb", "Mar kvartal"]);
    assert_eq!(r.labels[0], "Sheet");
    let sheets: Vec<String> = r.rows.iter().map(|l| l.labels[0].clone()).collect();
    assert_eq!(sheets, ["Jan", "Feb", "Mar kvartal"]);
    let combined = of_kind(&r.warnings, Kind::SheetsCombined);
    assert!(combined[0].message.contains("\"Jan\", \"Feb\", \"Mar kvartal\""), "{}", combined[0].message);
    let not_read = of_kind(&r.warnings, Kind::SheetsNotRead);
    assert_eq!(not_read.len(), 1, "{:#?}", r.warnings);
    assert!(not_read[0].message.contains("\"Notes\" (no header row with KPI columns)"), "{}", not_read[0].message);
    assert!(not_read[0].message.contains("\"Feb NO\", \"Traffic\" (other columns than the sheet read"), "{}", not_read[0].message);
    assert_eq!(of_kind(&r.warnings, Kind::NonNumeric)[0].cells, ["Jan!C2", "'Mar kvartal'!C2"]);
    // The total adds the months: 5 + 6 + 4 spent, only Feb's 18 of revenue a number.
    assert_eq!(r.total.values, [sheetkpi::value::Cell::Number(15.0), sheetkpi::value::Cell::Number(18.0)]);
    // One sheet by its name: the others named, as chosen away.
    let opts = Options { sheet: Some("Mar kvartal".into()), ..Default::default() };
    let r = report(&bytes, &opts).unwrap();
    assert!(r.source.combined.is_empty());
    let not_read = of_kind(&r.warnings, Kind::SheetsNotRead);
    assert!(not_read[0].message.contains("\"Notes\", \"Jan\", \"Feb\", \"Feb NO\", \"Traffic\" (another sheet was chosen)"), "{:#?}", r.warnings);
}

#[test]
fn the_xlsx_has_a_notes_sheet_with_every_warning() {
    let r = report(&fixture("tests/fixtures/warnings.csv"), &Options::default()).unwrap();
    let bytes = xlsx_out::xlsx(&r).unwrap();
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    let notes = wb.worksheet_range("Notes").unwrap();
    let column = |c: usize| (1..notes.height()).map(|row| notes.get((row, c)).cloned().unwrap_or(Data::Empty).to_string()).collect::<Vec<_>>();
    let kinds: Vec<String> = r.warnings.iter().map(|w| serde_json::to_value(w.kind).unwrap().as_str().unwrap().to_string()).collect();
    assert_eq!(column(0), kinds);
    assert_eq!(column(1), r.warnings.iter().map(|w| w.message.clone()).collect::<Vec<_>>());
    assert!(column(2).contains(&"D4".to_string()), "{:?}", column(2));
    let clean = report(&fixture("samples/campaigns.xlsx"), &Options::default()).unwrap();
    let wb: Xlsx<_> = Xlsx::new(Cursor::new(xlsx_out::xlsx(&clean).unwrap())).unwrap();
    assert_eq!(wb.sheet_names(), ["Data", "Summary"], "no Notes sheet without warnings");
}
