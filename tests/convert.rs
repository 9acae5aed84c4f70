//! `sheetkpi convert` on a workbook written by a real writer (rust_xlsxwriter): KPI calls
//! are renamed between Excel's stored form and Sheets' names in cells and defined names,
//! and nothing else in the file changes; Excel → Sheets → Excel gives back the original.
#![cfg(feature = "xlsx-out")]

use rust_xlsxwriter::{Formula, Workbook};
use sheetkpi::formula::rename::Host;
use sheetkpi::import::convert::convert;
use sheetkpi::import::Limits;
use std::io::{Cursor, Read};

/// Every part of a zip: name → (inflated bytes, compressed bytes as stored).
fn parts(bytes: &[u8]) -> Vec<(String, Vec<u8>, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut raw = Vec::new();
            let name = {
                let mut f = zip.by_index_raw(i).unwrap();
                f.read_to_end(&mut raw).unwrap();
                f.name().unwrap().into_owned()
            };
            let mut inflated = Vec::new();
            zip.by_index(i).unwrap().read_to_end(&mut inflated).unwrap();
            (name, inflated, raw)
        })
        .collect()
}

fn part(bytes: &[u8], name: &str) -> String {
    let p = parts(bytes).into_iter().find(|p| p.0 == name).unwrap_or_else(|| panic!("no {name}"));
    String::from_utf8(p.1).unwrap()
}

/// The formulas of a sheet part, in order.
fn formulas(xml: &str) -> Vec<String> {
    xml.split("<f>").skip(1).map(|s| s[..s.find("</f>").unwrap()].to_string()).collect()
}

fn excel_workbook() -> Vec<u8> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet().set_name("Data").unwrap();
    ws.write_string(0, 0, "KPI.ROAS(B2,C2)").unwrap(); // text that looks like a call
    ws.write_number(1, 1, 1000.0).unwrap();
    ws.write_number(1, 2, 100.0).unwrap();
    ws.write_formula(1, 3, Formula::new("=_xldudf_KPI_ROAS(B2,C2)").set_result("10")).unwrap();
    ws.write_formula(2, 3, Formula::new(r#"=IF(_xldudf_KPI_ROAS(B2,C2)>2,"KPI.ROAS(",SUM(B2:C2))"#).set_result("KPI.ROAS(")).unwrap();
    ws.write_formula(3, 3, Formula::new("=SUM(B2:C2)").set_result("1100")).unwrap();
    ws.write_formula(4, 3, Formula::new("='KPI.ROAS(x'!A1&_xldudf_KPI_CAC(B2,C2)").set_result("10")).unwrap();
    let other = book.add_worksheet().set_name("KPI.ROAS(x").unwrap();
    other.write_string(0, 0, "a sheet whose name looks like a call").unwrap();
    book.define_name("Best", "=_xldudf_KPI_ROAS(Data!$B$2,Data!$C$2)").unwrap();
    book.save_to_buffer().unwrap()
}

#[test]
fn excel_to_sheets_renames_calls_and_nothing_else() {
    let excel = excel_workbook();
    let sheets = convert(&excel, Some("kpis.xlsx"), Host::Sheets, Limits::default()).unwrap();
    assert_eq!((sheets.calls, sheets.formulas), (4, 4));
    assert_eq!(
        formulas(&part(&sheets.bytes, "xl/worksheets/sheet1.xml")),
        ["ROAS(B2,C2)", r#"IF(ROAS(B2,C2)&gt;2,"KPI.ROAS(",SUM(B2:C2))"#, "SUM(B2:C2)", "'KPI.ROAS(x'!A1&amp;CAC(B2,C2)"]
    );
    assert!(part(&sheets.bytes, "xl/workbook.xml").contains(">ROAS(Data!$B$2,Data!$C$2)</definedName>"));
    // Every part without a KPI call is copied as stored, compressed bytes included.
    let before = parts(&excel);
    let after = parts(&sheets.bytes);
    assert_eq!(before.iter().map(|p| &p.0).collect::<Vec<_>>(), after.iter().map(|p| &p.0).collect::<Vec<_>>());
    for (b, a) in before.iter().zip(&after) {
        if b.0 != "xl/worksheets/sheet1.xml" && b.0 != "xl/workbook.xml" {
            assert_eq!(b.2, a.2, "{} was changed", b.0);
        }
    }
    // Apart from the formulas, the rewritten sheet is byte for byte what it was.
    let strip = |xml: String| formulas(&xml).iter().fold(xml.clone(), |x, f| x.replacen(&format!("<f>{f}</f>"), "<f/>", 1));
    assert_eq!(strip(part(&excel, "xl/worksheets/sheet1.xml")), strip(part(&sheets.bytes, "xl/worksheets/sheet1.xml")));
}

#[test]
fn sheets_to_excel_gives_back_the_original() {
    let excel = excel_workbook();
    let sheets = convert(&excel, Some("kpis.xlsx"), Host::Sheets, Limits::default()).unwrap();
    let back = convert(&sheets.bytes, Some("kpis.xlsx"), Host::Excel, Limits::default()).unwrap();
    assert_eq!((back.calls, back.formulas), (4, 4));
    for name in ["xl/worksheets/sheet1.xml", "xl/workbook.xml"] {
        assert_eq!(part(&back.bytes, name), part(&excel, name), "{name}");
    }
    // Converting a workbook already in the target's form changes nothing.
    let again = convert(&back.bytes, Some("kpis.xlsx"), Host::Excel, Limits::default()).unwrap();
    assert_eq!((again.calls, again.bytes.len()), (0, back.bytes.len()));
}

#[test]
fn formats_that_cannot_be_rewritten_are_refused_with_a_reason() {
    let csv = b"Channel,Spend\nSearch,1\n";
    let e = convert(csv, Some("a.csv"), Host::Sheets, Limits::default()).unwrap_err().to_string();
    assert!(e.contains("convert rewrites xlsx and xlsm") && e.contains("save it as xlsx first"), "{e}");
}
