//! The report's xlsx reads and prints like a finished report, by the elements ECMA-376
//! (Office Open XML, part 1, §18.3.1 and §18.2.6) defines for it: on both sheets the
//! header row is frozen (`pane` `state="frozen"`) and repeated on every printed page
//! (`_xlnm.Print_Titles`), pages are landscape and one page wide (`fitToPage`,
//! `fitToHeight="0"`), and every column is at least as wide as its header.
#![cfg(feature = "xlsx-out")]

use sheetkpi::import::{report, xlsx_out, Options};
use std::io::{Cursor, Read};

fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// `(min, max, width)` of each `<col>` element.
fn cols(sheet: &str) -> Vec<(u32, u32, f64)> {
    let attr = |el: &str, name: &str| -> String {
        let at = el.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
        el[at..at + el[at..].find('"').unwrap()].to_string()
    };
    sheet
        .split("<col ")
        .skip(1)
        .map(|el| format!(" {el}"))
        .map(|el| (attr(&el, "min").parse().unwrap(), attr(&el, "max").parse().unwrap(), attr(&el, "width").parse().unwrap()))
        .collect()
}

#[test]
fn both_sheets_print_landscape_one_page_wide_with_the_header_on_every_page() {
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/samples/campaigns.xlsx")).unwrap();
    let r = report(&bytes, &Options::default()).unwrap();
    let out = xlsx_out::xlsx(&r).unwrap();
    let workbook = part(&out, "xl/workbook.xml");
    assert!(workbook.contains(r#"<definedName name="_xlnm.Print_Titles" localSheetId="0">Data!$1:$1</definedName>"#));
    assert!(workbook.contains(r#"<definedName name="_xlnm.Print_Titles" localSheetId="1">Summary!$1:$1</definedName>"#));
    let mut data_head: Vec<String> = vec!["Row".into()];
    data_head.extend(r.labels.iter().cloned());
    data_head.extend(r.measure_headers.iter().cloned());
    data_head.extend(r.kpis.iter().map(|k| k.id.to_string()));
    let mut summary_head: Vec<String> = vec![r.group_by.clone().unwrap_or_default(), "Rows".into()];
    summary_head.extend(r.measure_headers.iter().cloned());
    summary_head.extend(r.kpis.iter().map(|k| k.id.to_string()));
    for (sheet, head) in [("xl/worksheets/sheet1.xml", data_head), ("xl/worksheets/sheet2.xml", summary_head)] {
        let xml = part(&out, sheet);
        assert!(xml.contains(r#"state="frozen""#) && xml.contains(r#"ySplit="1""#), "{sheet}: header frozen");
        assert!(xml.contains(r#"<pageSetUpPr fitToPage="1"/>"#), "{sheet}: fit to page");
        let setup = &xml[xml.find("<pageSetup ").unwrap()..];
        let setup = &setup[..setup.find("/>").unwrap()];
        assert!(setup.contains(r#"orientation="landscape""#), "{sheet}: {setup}");
        // fitToWidth defaults to 1; fitToHeight 0 means as many pages long as it takes.
        assert!(setup.contains(r#"fitToHeight="0""#) && !setup.contains("fitToWidth"), "{sheet}: {setup}");
        let widths = cols(&xml);
        for (i, h) in head.iter().enumerate() {
            let col = i as u32 + 1;
            let w = widths.iter().find(|(a, b, _)| (*a..=*b).contains(&col)).map(|c| c.2);
            // A column's width is in characters of the default font: the header plus a margin.
            assert!(w.is_some_and(|w| w >= h.chars().count() as f64 + 1.0), "{sheet}: column {col} {h:?} is {w:?} wide");
        }
    }
}
