//! The report as an xlsx workbook with live native formulas and cached values:
//! sheet "Data" holds every row with its KPIs as formulas over the row's cells, sheet
//! "Summary" the groups and the total, whose sums are formulas over "Data" and whose KPIs
//! are formulas over those sums ([`super::xlsx_formulas`]), so editing a number in "Data"
//! updates everything that depends on it when the file is opened in Excel, Google Sheets
//! or LibreOffice, and a recalculation gives the report's own results: text in a number
//! column is `#VALUE!` in its row and left out of the sums, as the report has it.

use super::dataset::column_letters;
use super::report::{KpiColumn, Line, Outcome, Report};
use super::xlsx_formulas::{native_formula, Input};
use crate::eval::Value;
use crate::registry::ResultKind;
use crate::value::Cell;
use rust_xlsxwriter::{Format, Formula, Workbook, Worksheet, XlsxError};

/// Data rows that fit on one sheet under the header.
const MAX_DATA_ROWS: usize = 1_048_575;

/// The registry's display of `kind` as the cell's number format.
fn number_format(kind: ResultKind) -> Format {
    Format::new().set_num_format(kind.display().excel_format)
}

/// The cached result text of an outcome, as the file stores it.
fn result_text(o: &Outcome) -> String {
    match &o.0 {
        Ok(Value::Number(x)) => format!("{x}"),
        Ok(Value::Text(t)) => t.to_string(),
        // The report plans one-value KPIs only (report::plan).
        Ok(Value::Table(_)) => String::new(),
        Err(e) => e.kind.code().to_string(),
    }
}

fn write_cell(ws: &mut Worksheet, row: u32, col: u16, c: &Cell) -> Result<(), XlsxError> {
    match c {
        Cell::Number(x) => ws.write_number(row, col, *x).map(|_| ()),
        Cell::Text(t) => ws.write_string(row, col, t).map(|_| ()),
        Cell::Bool(b) => ws.write_boolean(row, col, *b).map(|_| ()),
        Cell::Empty => Ok(()),
        // An error constant is a valid formula: `=#DIV/0!`.
        Cell::Error(k) => {
            ws.write_formula(row, col, Formula::new(format!("={}", k.code())).set_result(k.code())).map(|_| ())
        }
    }
}

/// Writes one KPI cell: the native formula with our value cached, or the value alone
/// when the KPI has no native formula; `input_of(m)` is where measure `m`'s value is.
fn write_kpi(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    k: &KpiColumn,
    o: &Outcome,
    input_of: &dyn Fn(usize) -> Input,
    fmt: &Format,
) -> Result<(), XlsxError> {
    let formula = native_formula(k.function, |i| k.sources[i].map(input_of));
    match formula {
        Some(f) => ws.write_formula_with_format(row, col, Formula::new(f).set_result(result_text(o)), fmt).map(|_| ()),
        None => match &o.0 {
            Ok(Value::Number(x)) => ws.write_number_with_format(row, col, *x, fmt).map(|_| ()),
            Ok(Value::Text(t)) => ws.write_string(row, col, *t).map(|_| ()),
            Ok(Value::Table(_)) => Ok(()),
            Err(e) => write_cell(ws, row, col, &Cell::Error(e.kind)),
        },
    }
}

/// The workbook's bytes.
pub fn xlsx(r: &Report) -> Result<Vec<u8>, String> {
    if r.rows.len() > MAX_DATA_ROWS {
        return Err(format!(
            "{} data rows do not fit on one xlsx sheet (at most {MAX_DATA_ROWS}); export CSV instead",
            r.rows.len()
        ));
    }
    build(r).map_err(|e| format!("cannot write the xlsx report: {e}"))
}

fn build(r: &Report) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let plain = Format::new();
    let formats: Vec<Format> = r.kpis.iter().map(|k| number_format(k.result)).collect();
    let nl = r.labels.len() as u16;
    let nm = r.measures.len() as u16;
    // Data: Row | labels | measures | KPIs.
    let first_measure = 1 + nl;
    let first_kpi = first_measure + nm;
    let last_row = r.rows.len() as u32 + 1; // 1-based row of the last data row
    {
        let ws = wb.add_worksheet().set_name("Data")?;
        ws.write_string_with_format(0, 0, "Row", &bold)?;
        for (i, h) in r.labels.iter().enumerate() {
            ws.write_string_with_format(0, 1 + i as u16, h, &bold)?;
        }
        for (i, h) in r.measure_headers.iter().enumerate() {
            ws.write_string_with_format(0, first_measure + i as u16, h, &bold)?;
        }
        for (i, k) in r.kpis.iter().enumerate() {
            ws.write_string_with_format(0, first_kpi + i as u16, k.id, &bold)?;
        }
        for (n, l) in r.rows.iter().enumerate() {
            let row = n as u32 + 1;
            if let Some(src) = l.row {
                ws.write_number(row, 0, src as f64)?;
            }
            for (i, t) in l.labels.iter().enumerate() {
                if !t.is_empty() {
                    ws.write_string(row, 1 + i as u16, t)?;
                }
            }
            for (i, c) in l.values.iter().enumerate() {
                write_cell(ws, row, first_measure + i as u16, c)?;
            }
            let input_of = |m: usize| {
                let cell = format!("{}{}", column_letters((first_measure as usize + m) as u32), row + 1);
                Input { negative: format!("{cell}<0"), cell }
            };
            for (i, (k, o)) in r.kpis.iter().zip(&l.kpis).enumerate() {
                write_kpi(ws, row, first_kpi + i as u16, k, o, &input_of, &formats[i])?;
            }
        }
        let mut headers: Vec<&str> = vec!["Row"];
        headers.extend(r.labels.iter().map(String::as_str));
        headers.extend(r.measure_headers.iter().map(String::as_str));
        headers.extend(r.kpis.iter().map(|k| k.id));
        print_layout(ws, &headers)?;
    }
    // Summary: key | Rows | sums | KPIs; the groups, then the total.
    let ws = wb.add_worksheet().set_name("Summary")?;
    let key_col = r.group_by.as_ref().and_then(|g| r.labels.iter().position(|h| h == g));
    ws.write_string_with_format(0, 0, r.group_by.as_deref().unwrap_or(""), &bold)?;
    ws.write_string_with_format(0, 1, "Rows", &bold)?;
    for (i, h) in r.measure_headers.iter().enumerate() {
        ws.write_string_with_format(0, 2 + i as u16, h, &bold)?;
    }
    for (i, k) in r.kpis.iter().enumerate() {
        ws.write_string_with_format(0, 2 + nm + i as u16, k.id, &bold)?;
    }
    let change_heads: Vec<String> = match r.period {
        Some(p) => r.kpis.iter().map(|k| format!("{} {}", k.id, p.change_name())).collect(),
        None => Vec::new(),
    };
    let first_change = 2 + nm + r.kpis.len() as u16;
    for (i, h) in change_heads.iter().enumerate() {
        ws.write_string_with_format(0, first_change + i as u16, h, &bold)?;
    }
    let change_format = number_format(ResultKind::Fraction);
    let data_range = |col: u16| {
        let c = column_letters(col as u32);
        format!("Data!${c}$2:${c}${}", last_row.max(2))
    };
    let lines: Vec<(&Line, bool)> = r.groups.iter().map(|l| (l, false)).chain([(&r.total, true)]).collect();
    for (n, (l, is_total)) in lines.into_iter().enumerate() {
        let row = n as u32 + 1;
        let key = if is_total { "Total".to_string() } else { l.group.clone().unwrap_or_default() };
        ws.write_string_with_format(row, 0, &key, if is_total { &bold } else { &plain })?;
        ws.write_number(row, 1, l.count as f64)?;
        // The group's rows (EXACT: case and wildcards as the report groups them; a
        // SUMPRODUCT argument counts text and TRUE/FALSE as 0, as the report's sums leave
        // them out), or every row for the total.
        let members = match (is_total, key_col) {
            (false, Some(k)) => Some(format!("--EXACT({},$A{})", data_range(1 + k as u16), row + 1)),
            _ => None,
        };
        for (i, v) in l.values.iter().enumerate() {
            let values = data_range(first_measure + i as u16);
            // Blank when the rows hold no number and no error, as the report's sum is.
            let f = match &members {
                Some(m) => format!("=IF(SUMPRODUCT({m},ISNUMBER({values})+ISERROR({values}))=0,\"\",SUMPRODUCT({m},{values}))"),
                None => format!("=IF(COUNT({values})+SUMPRODUCT(--ISERROR({values}))=0,\"\",SUM({values}))"),
            };
            let cached = match v {
                Cell::Number(x) => format!("{x}"),
                Cell::Error(k) => k.code().to_string(),
                _ => String::new(),
            };
            ws.write_formula(row, 2 + i as u16, Formula::new(f).set_result(cached))?;
        }
        // A sum's input is negative for a KPI when any of its cells is, as the engine
        // checks a range.
        let input_of = |m: usize| {
            let values = data_range(first_measure + m as u16);
            let negative = match &members {
                Some(mem) => format!("SUMPRODUCT({mem},--({values}<0))>0"),
                None => format!("COUNTIF({values},\"<0\")>0"),
            };
            Input { cell: format!("{}{}", column_letters(2 + m as u32), row + 1), negative }
        };
        for (i, (k, o)) in r.kpis.iter().zip(&l.kpis).enumerate() {
            write_kpi(ws, row, 2 + nm + i as u16, k, o, &input_of, &formats[i])?;
        }
        if let (Some(period), false) = (r.period, is_total) {
            // After the previous period's line: (this − that) / |that|, the engine's
            // order of errors first; with no line for the period before, #N/A.
            let follows = n > 0 && period.previous(&key).as_deref() == r.groups[n - 1].group.as_deref();
            for (i, c) in l.change.iter().enumerate() {
                let Some(c) = c else { continue };
                let col = 2 + nm + i as u16;
                let letters = column_letters(col as u32);
                let (cur, prev) = (format!("{letters}{}", row + 1), format!("{letters}{row}"));
                let f = if follows {
                    format!("=IF(ISERROR({cur}),{cur},IF(ISERROR({prev}),{prev},IF({prev}=0,#DIV/0!,({cur}-{prev})/ABS({prev}))))")
                } else {
                    "=NA()".to_string()
                };
                ws.write_formula_with_format(row, first_change + i as u16, Formula::new(f).set_result(result_text(c)), &change_format)?;
            }
        }
    }
    let mut headers: Vec<&str> = vec![r.group_by.as_deref().unwrap_or(""), "Rows"];
    headers.extend(r.measure_headers.iter().map(String::as_str));
    headers.extend(r.kpis.iter().map(|k| k.id));
    headers.extend(change_heads.iter().map(String::as_str));
    print_layout(ws, &headers)?;
    if !r.warnings.is_empty() {
        notes(wb.add_worksheet().set_name("Notes")?, r, &bold)?;
    }
    wb.save_to_buffer()
}

/// The *Notes* sheet: each warning with its kind and the cells it is about, so the
/// workbook carries what the report said of its data.
fn notes(ws: &mut Worksheet, r: &Report, bold: &Format) -> Result<(), XlsxError> {
    let wrap = Format::new().set_text_wrap();
    for (c, h) in ["Kind", "Message", "Cells"].iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, bold)?;
    }
    for (i, w) in r.warnings.iter().enumerate() {
        let row = i as u32 + 1;
        let kind = serde_json::to_value(w.kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
        ws.write_string(row, 0, &kind)?;
        ws.write_string_with_format(row, 1, &w.message, &wrap)?;
        if !w.cells.is_empty() {
            ws.write_string(row, 2, super::warning::list(&w.cells, w.count))?;
        }
    }
    ws.set_column_width(0, 18)?;
    ws.set_column_width(1, 100)?;
    ws.set_column_width(2, 40)?;
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

/// Lays a sheet out to read and print: each column as wide as its header (12 to 40
/// characters, so no header is cut and figures to the cent fit), the header row frozen
/// and repeated on every printed page, landscape, one page wide however many pages long.
fn print_layout(ws: &mut Worksheet, headers: &[&str]) -> Result<(), XlsxError> {
    for (i, h) in headers.iter().enumerate() {
        let width = crate::table::display_width(h) as f64 + 2.0;
        ws.set_column_width(i as u16, width.clamp(12.0, 40.0))?;
    }
    ws.set_freeze_panes(1, 0)?;
    ws.set_repeat_rows(0, 0)?;
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    Ok(())
}
