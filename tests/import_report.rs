//! The importer on real fixture workbooks (rust_xlsxwriter, LibreOffice, msoffcrypto):
//! header detection, role mapping in four languages, dates, and KPIs per row, group and
//! total. Expected numbers are worked out by hand from the fixture data
//! (tests/fixtures/make_fixtures.rs) and checked with Python's correctly rounded `/`.
#![cfg(feature = "import")]

use sheetkpi::import::dataset::MappingOrigin;
use sheetkpi::import::report::{Line, Report};
use sheetkpi::import::roles::Role;
use sheetkpi::import::{report, ImportError, Options};
use sheetkpi::{ErrorKind, Value};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn read(name: &str) -> Report {
    let opts = Options { file_name: Some(name.into()), ..Options::default() };
    report(&fixture(name), &opts).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn kpi(r: &Report, line: &Line, id: &str) -> Result<f64, ErrorKind> {
    let i = r.kpis.iter().position(|k| k.id == id).unwrap_or_else(|| panic!("{id} not computed"));
    match &line.kpis[i].0 {
        Ok(Value::Number(x)) => Ok(*x),
        Ok(other) => panic!("{id}: {other:?}"),
        Err(e) => Err(e.kind),
    }
}

fn group<'a>(r: &'a Report, key: &str) -> &'a Line {
    r.groups.iter().find(|g| g.group.as_deref() == Some(key)).unwrap_or_else(|| panic!("no group {key}"))
}

fn role_of(r: &Report, header: &str) -> Option<Role> {
    r.mapping.iter().find(|m| m.header == header).and_then(|m| m.role)
}

#[test]
fn simplified_chinese_1904_workbook_with_title_spacer_and_total_row() {
    for name in ["tests/fixtures/zh_hans_1904.xlsx", "tests/fixtures/zh_hans_1904_lo.xlsx"] {
        let r = read(name);
        assert_eq!(r.source.header_row, 2, "{name}");
        assert_eq!(r.rows.len(), 3, "{name}: the blank spacer and the 合计 row are not data");
        assert_eq!(role_of(&r, "花费（元）"), Some(Role::Spend));
        assert_eq!(role_of(&r, "收入(元)"), Some(Role::Revenue));
        assert_eq!(role_of(&r, "展示量"), Some(Role::Impressions));
        assert_eq!(role_of(&r, "推广计划"), Some(Role::Campaign));
        // 1904 date system: serial 43844 there is 2024-01-15.
        assert_eq!(r.rows.get(0).unwrap().labels[2], "2024-01-15", "{name}");
        assert_eq!(r.rows.get(1).unwrap().labels[2], "2024-02-15", "{name}");
        assert!(r.warnings.iter().any(|w| w.message.contains("row 7")), "{name}: {:?}", r.warnings);
        // 百度: 6000 / 1500 = 4; 微信: 2000 / 800 = 2.5; total 8000 / 2300.
        assert_eq!(kpi(&r, group(&r, "百度"), "ROAS"), Ok(4.0));
        assert_eq!(kpi(&r, group(&r, "微信"), "ROAS"), Ok(2.5));
        assert_eq!(kpi(&r, &r.total, "ROAS"), Ok(3.4782608695652173));
        // CPC 百度 = 1500 / 500 = 3; CTR total = 700 / 70000 = 0.01.
        assert_eq!(kpi(&r, group(&r, "百度"), "CPC"), Ok(3.0));
        assert_eq!(kpi(&r, &r.total, "CTR"), Ok(0.01));
    }
}

#[test]
fn traditional_chinese_two_row_merged_header() {
    for name in ["tests/fixtures/zh_hant_merged.xlsx", "tests/fixtures/zh_hant_lo.ods"] {
        let r = read(name);
        assert_eq!(r.source.header_row, 2, "{name}");
        assert_eq!(r.group_by.as_deref(), Some("通路"), "{name}");
        assert_eq!(role_of(&r, "廣告費用（NT$）"), Some(Role::Spend));
        assert_eq!(role_of(&r, "曝光次數"), Some(Role::Impressions));
        assert_eq!(role_of(&r, "轉換次數"), Some(Role::Conversions));
        // 臉書: 16000 / 5000 = 3.2; total 22000 / 6000; CPA 臉書 = 5000 / 40 = 125.
        assert_eq!(kpi(&r, group(&r, "臉書"), "ROAS"), Ok(3.2));
        assert_eq!(kpi(&r, &r.total, "ROAS"), Ok(3.6666666666666665));
        assert_eq!(kpi(&r, group(&r, "臉書"), "CPA"), Ok(125.0));
        assert_eq!(r.rows.get(0).unwrap().labels[2], "2024-03-01", "{name}");
    }
}

#[test]
fn norwegian_workbook_in_xlsx_and_as_libreoffice_saves_it_in_ods_and_xls() {
    for name in ["tests/fixtures/no.xlsx", "tests/fixtures/no_lo.ods", "tests/fixtures/no_lo.xls"] {
        let r = read(name);
        assert_eq!(role_of(&r, "Kostnad (kr)"), Some(Role::Spend), "{name}");
        assert_eq!(role_of(&r, "Besøkende"), Some(Role::Visitors), "{name}");
        assert_eq!(role_of(&r, "Nye kunder"), Some(Role::NewCustomers), "{name}");
        assert_eq!(r.rows.len(), 4);
        assert_eq!(r.rows.get(0).unwrap().labels[2], "2024-06-10", "{name}");
        // Spend 1500.5 + 499.5 + 1000 + 0 = 3000; revenue 10200; new customers 16.
        assert_eq!(kpi(&r, &r.total, "ROAS"), Ok(3.4));
        assert_eq!(kpi(&r, &r.total, "CAC"), Ok(187.5));
        assert_eq!(kpi(&r, &r.total, "CVR"), Ok(0.033823529411764704)); // 46 / 1360
        assert_eq!(kpi(&r, group(&r, "Google"), "ROAS"), Ok(3.5)); // 7000 / 2000
        // Email spent nothing: ROAS is #DIV/0! for its row and group, not a silent 0.
        assert_eq!(kpi(&r, group(&r, "E-post"), "ROAS"), Err(ErrorKind::Div0));
        assert_eq!(kpi(&r, &r.rows.get(0).unwrap(), "ROI"), Ok(2.9986671109630123)); // 4499.5 / 1500.5
    }
}

#[test]
fn norwegian_csv_from_excel_decimal_commas_and_windows_1252() {
    let r = read("tests/fixtures/no_cp1252.csv");
    assert_eq!(role_of(&r, "Besøkende"), Some(Role::Visitors));
    // Google: (1500.50 + 499.50) = 2000 spend, 7000 revenue.
    assert_eq!(kpi(&r, group(&r, "Google"), "ROAS"), Ok(3.5));
    assert_eq!(kpi(&r, &r.total, "CVR"), Ok(0.03162393162393162)); // 37 / 1170
}

#[test]
fn english_csv_with_title_blank_lines_and_total_line() {
    let r = read("tests/fixtures/en.csv");
    assert_eq!(r.source.header_row, 3);
    assert_eq!(r.rows.iter().map(|l| l.row.unwrap()).collect::<Vec<_>>(), vec![4, 6, 7]);
    assert!(r.warnings.iter().any(|w| w.message.contains("row 8")), "{:?}", r.warnings);
    // Search: 4300 / 1100; CTR 60 / 1500 = 0.04. Total: 4800 / 1350.
    assert_eq!(kpi(&r, group(&r, "Search"), "ROAS"), Ok(3.909090909090909));
    assert_eq!(kpi(&r, group(&r, "Search"), "CTR"), Ok(0.04));
    assert_eq!(kpi(&r, &r.total, "ROAS"), Ok(3.5555555555555554));
}

#[test]
fn sample_workbook_reads_its_excel_table() {
    let r = read("samples/campaigns.xlsx");
    assert_eq!(r.source.table.as_deref(), Some("Campaigns"));
    assert_eq!(r.source.header_row, 3);
    assert_eq!(r.rows.len(), 30);
    assert_eq!(r.groups.len(), 5);
    assert_eq!(r.rows.get(0).unwrap().labels, vec!["Google Ads", "Brand search", "2024-01-01"]);
    for id in ["ROAS", "ROI", "CAC", "CPC", "CPL", "CTR", "CVR"] {
        assert!(r.kpis.iter().any(|k| k.id == id), "{id} missing");
    }
    // Row 4: spend 2520, revenue 4284 (ROAS 1.7), clicks 840 of 105000 impressions.
    assert_eq!(kpi(&r, &r.rows.get(0).unwrap(), "ROAS"), Ok(1.7));
    assert_eq!(kpi(&r, &r.rows.get(0).unwrap(), "CTR"), Ok(0.008));
}

/// LibreOffice's re-saves of the sample give the very same report.
#[test]
fn libreoffice_resaves_give_the_same_report() {
    let a = read("samples/campaigns.xlsx");
    for name in ["tests/fixtures/campaigns_lo.xlsx", "tests/fixtures/campaigns_lo.ods"] {
        let b = read(name);
        let strip = |r: &Report| {
            serde_json::json!({"rows": r.rows, "groups": r.groups, "total": r.total, "kpis": r.kpis, "mapping": r.mapping})
        };
        assert_eq!(strip(&a), strip(&b), "{name}");
    }
}

#[test]
fn groups_and_totals_are_blended_not_averaged() {
    let r = read("tests/fixtures/en.csv");
    // Rows' ROAS: 4, 2, 3; their average would be 3, the blended total is 4800 / 1350.
    let total = kpi(&r, &r.total, "ROAS").unwrap();
    assert_ne!(total, 3.0);
    assert_eq!(total, 4800.0 / 1350.0);
}

#[test]
fn user_mapping_and_group_by() {
    let name = "tests/fixtures/no_header.xlsx";
    let opts = |map: &[&str]| Options {
        map: map.iter().map(|s| s.to_string()).collect(),
        file_name: Some(name.into()),
        ..Options::default()
    };
    let r = report(&fixture(name), &opts(&["revenue=Foo", "ad spend=bar"])).unwrap();
    // Foo = 1, Bar = 2: ROAS = 1 / 2.
    assert_eq!(kpi(&r, &r.total, "ROAS"), Ok(0.5));
    assert_eq!(r.mapping[0].by, Some(MappingOrigin::User));
    // The JSON (the page branches on it) says who chose, in words, not a CLI flag.
    let by = |r: &Report| -> Vec<serde_json::Value> {
        let json: serde_json::Value = serde_json::from_str(&sheetkpi::import::render::json(r)).unwrap();
        json["mapping"].as_array().unwrap().iter().map(|m| m["by"].clone()).collect()
    };
    assert_eq!(by(&r), vec!["user", "user"]);
    let detected = report(&fixture("samples/campaigns.xlsx"), &Options::default()).unwrap();
    assert!(by(&detected).iter().all(|b| b == "header" || b.is_null()), "{:?}", by(&detected));
    assert!(by(&detected).iter().any(|b| b == "header"));
    let sample = fixture("samples/campaigns.xlsx");
    assert!(matches!(report(&sample, &opts(&["spend=Nope"])), Err(ImportError::NoSuchColumn { .. })));
    assert!(matches!(report(&fixture(name), &opts(&["wages=Foo"])), Err(ImportError::BadMapping { .. })));
    assert!(matches!(report(&fixture(name), &opts(&["spend"])), Err(ImportError::BadMapping { .. })));

    let s = "samples/campaigns.xlsx";
    let by = Options { group_by: Some("campaign".into()), ..Options::default() };
    let r = report(&fixture(s), &by).unwrap();
    assert_eq!(r.groups.len(), 10);
    assert_eq!(r.group_by.as_deref(), Some("Campaign"));
    let by = Options { group_by: Some("Month".into()), ..Options::default() };
    assert_eq!(report(&fixture(s), &by).unwrap().groups.len(), 3);
}

#[test]
fn bad_inputs_give_their_errors() {
    let err = |name: &str| {
        let opts = Options { file_name: Some(name.into()), ..Options::default() };
        report(&fixture(name), &opts).err().unwrap_or_else(|| panic!("{name} was read"))
    };
    assert_eq!(err("tests/fixtures/empty.csv"), ImportError::Empty);
    assert_eq!(err("tests/fixtures/encrypted.xlsx"), ImportError::Encrypted);
    assert!(matches!(err("tests/fixtures/binary.xlsx"), ImportError::NotAWorkbook { .. }));
    assert!(matches!(err("tests/fixtures/truncated.xlsx"), ImportError::Corrupt { .. }));
    // Found by the fuzz target: a compound file whose sector chain runs past its end
    // (calamine would index out of bounds).
    assert!(matches!(err("tests/fixtures/fuzz_cfb_past_eof.xls"), ImportError::Corrupt { .. }));
    // Found by the per-format fuzz targets: calamine panics on both (a trap in WASM), so the
    // pre-read checks refuse them as damaged rather than relying on the native containment.
    // An xls whose EXTERNSHEET record is empty (calamine reads a 2-byte count from it):
    assert!(matches!(err("tests/fixtures/fuzz_externsheet_empty.xls"), ImportError::Corrupt { .. }));
    // An xls whose root chain ends before the mini stream it claims (calamine slices a mini
    // sector past what it read):
    assert!(matches!(err("tests/fixtures/fuzz_mini_stream_short.xls"), ImportError::Corrupt { .. }));
    // An xls whose header counts no mini FAT sectors while its Workbook stream is short enough
    // to live in the mini stream (calamine indexes its empty mini FAT):
    assert!(matches!(err("tests/fixtures/fuzz_mini_fat_empty.xls"), ImportError::Corrupt { .. }));
    // An xls whose Workbook entry claims 1 GB along a sector chain that loops on itself
    // (calamine copies the same sector until it has 1 GB):
    assert!(matches!(err("tests/fixtures/cfb_chain_loop.xls"), ImportError::Corrupt { .. }));
    // An xls whose FAT sector is the file's last, cut to 419 bytes (calamine asserts a whole
    // number of 4-byte ids):
    assert!(matches!(err("tests/fixtures/fuzz_fat_sector_cut.xls"), ImportError::Corrupt { .. }));
    // An xls whose globals' EOF record claims a length that swallows the sheet's records; calamine
    // still reads the sheet from its BOUNDSHEET offset and meets an inverted DIMENSIONS there:
    assert!(matches!(err("tests/fixtures/fuzz_sheet_inside_record.xls"), ImportError::Corrupt { .. }));
    // An xls whose shared-string table has a string flagged with a phonetic block but only 2 of
    // the block size's 4 bytes (calamine's read_i32 slices past the record):
    assert!(matches!(err("tests/fixtures/fuzz_sst_phonetic_cut.xls"), ImportError::Corrupt { .. }));
    // An xls whose DATEMODE record is empty (calamine reads a 2-byte flag from it):
    assert!(matches!(err("tests/fixtures/fuzz_datemode_empty.xls"), ImportError::Corrupt { .. }));
    // An xls whose sheet record points past the end of the workbook stream:
    assert!(matches!(err("tests/fixtures/fuzz_sheet_past_end.xls"), ImportError::Corrupt { .. }));
    // An xlsb whose workbook relationships part is named `woRkbook.bin.rels` (calamine looks
    // the sheet's relationship up in a map it found empty):
    assert!(matches!(err("tests/fixtures/fuzz_rels_wrong_case.xlsb"), ImportError::Corrupt { .. }));
    assert!(matches!(err("tests/fixtures/huge_claim.xlsx"), ImportError::TooLarge { .. }));
    match err("tests/fixtures/no_header.xlsx") {
        ImportError::NoHeader { seen, known } => {
            assert_eq!(seen, vec![("Misc".to_string(), vec!["Foo".to_string(), "Bar".to_string()])]);
            assert!(known.iter().any(|k| k.contains("花费")));
        }
        other => panic!("{other:?}"),
    }
    let opts = Options { sheet: Some("Nope".into()), ..Options::default() };
    match report(&fixture("samples/campaigns.xlsx"), &opts) {
        Err(ImportError::NoSuchSheet { available, .. }) => assert_eq!(available, vec!["Campaigns"]),
        other => panic!("{other:?}"),
    }
    // The limit is the user's to lower.
    let opts = Options { max_cells: 100, ..Options::default() };
    assert!(matches!(report(&fixture("samples/campaigns.xlsx"), &opts), Err(ImportError::TooLarge { .. })));
}

/// Every fixture the importer refuses, with its error.
fn refused() -> Vec<(&'static str, ImportError)> {
    let names = [
        "tests/fixtures/empty.csv",
        "tests/fixtures/binary.xlsx",
        "tests/fixtures/truncated.xlsx",
        "tests/fixtures/encrypted.xlsx",
        "tests/fixtures/fuzz_cfb_past_eof.xls",
        "tests/fixtures/fuzz_externsheet_empty.xls",
        "tests/fixtures/fuzz_sheet_past_end.xls",
        "tests/fixtures/fuzz_datemode_empty.xls",
        "tests/fixtures/fuzz_mini_stream_short.xls",
        "tests/fixtures/fuzz_mini_fat_empty.xls",
        "tests/fixtures/cfb_chain_loop.xls",
        "tests/fixtures/fuzz_fat_sector_cut.xls",
        "tests/fixtures/fuzz_sheet_inside_record.xls",
        "tests/fixtures/fuzz_sst_phonetic_cut.xls",
        "tests/fixtures/fuzz_rels_wrong_case.xlsb",
        "tests/fixtures/huge_claim.xlsx",
        "tests/fixtures/no_header.xlsx",
    ];
    names
        .into_iter()
        .map(|name| {
            let opts = Options { file_name: Some(name.into()), ..Options::default() };
            (name, report(&fixture(name), &opts).err().unwrap_or_else(|| panic!("{name} was read")))
        })
        .collect()
}

#[test]
fn messages_name_the_controls_of_the_command_line() {
    for (name, e) in refused() {
        let m = e.cli_message();
        // The facts come first, the same on every surface.
        assert!(m.starts_with(&e.to_string()), "{name}: {m}");
        match e {
            ImportError::TooLarge { .. } => assert!(m.contains("--max-cells N"), "{name}: {m}"),
            ImportError::NoHeader { .. } => assert!(m.contains("--map role=header"), "{name}: {m}"),
            _ => assert_eq!(m, e.to_string(), "{name}: no remedy of the CLI's own"),
        }
    }
}

#[cfg(feature = "import-wasm")]
#[test]
fn messages_on_the_page_name_no_command_line_flag() {
    use sheetkpi::import::wasm::page_message;
    let mut remedied = 0;
    for (name, e) in refused() {
        let m = page_message(&e);
        assert!(m.starts_with(&e.to_string()), "{name}: {m}");
        assert!(!m.contains("--"), "{name}: the page has no flags: {m}");
        if e.remedy().is_some() {
            remedied += 1;
            assert_ne!(m, e.to_string(), "{name}: the page words the remedy");
        }
    }
    assert_eq!(remedied, 2, "huge_claim.xlsx and no_header.xlsx");
    // Nor does a mapping the page could send.
    let opts = Options { map: vec!["spend".into()], ..Options::default() };
    let e = report(&fixture("samples/campaigns.xlsx"), &opts).unwrap_err();
    assert!(!page_message(&e).contains("--"), "{e}");
}

#[test]
fn csv_parts_joined_are_the_whole_csv() {
    use sheetkpi::import::render;
    // Grouped (groups and a total after the rows) and not; parts that split rows, groups and the total.
    let grouped = {
        let opts = Options { group_by: Some("campaign".into()), ..Default::default() };
        report(&std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/samples/campaigns.xlsx")).unwrap(), &opts).unwrap()
    };
    assert!(!grouped.groups.is_empty());
    let nb = sheetkpi::import::csv_write::CsvDialect::for_locale("nb").unwrap();
    for (r, dialect) in [(read("tests/fixtures/en.csv"), Default::default()), (grouped, nb)] {
        let whole = render::csv(&r, dialect);
        let lines = whole.lines().count();
        assert_eq!(lines, 1 + r.rows.len() + r.groups.len() + 1);
        for size in [1, 2, 3, 7, lines - 1, lines, lines + 5] {
            let mut joined = Vec::new();
            let mut from = 0;
            loop {
                let mut part = Vec::new();
                render::csv_part(&r, dialect, from, size, &mut part).unwrap();
                if part.is_empty() {
                    break;
                }
                assert_eq!(String::from_utf8_lossy(&part).lines().count(), size.min(lines - from), "part at {from}");
                joined.extend(part);
                from += size;
            }
            assert_eq!(String::from_utf8(joined).unwrap(), whole, "parts of {size} lines");
        }
        let mut none = Vec::new();
        render::csv_part(&r, dialect, 3, 0, &mut none).unwrap();
        assert!(none.is_empty());
    }
}
