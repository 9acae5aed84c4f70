//! A pre-read check of an ods sheet's repeat counts: `number-rows-repeated` and
//! `number-columns-repeated` let a few bytes claim billions of cells, which calamine
//! expands into memory when it opens the file (every sheet at once). This reads
//! `content.xml` once, streaming, and estimates what calamine would hold.

use super::error::ImportError;
use super::limits::Limits;
use quick_xml::events::{BytesStart, Event};
use std::io::{BufReader, Cursor, Read};

/// calamine's own caps (ods.rs): rows and columns past these are dropped.
const MAX_ROWS: u64 = 1_048_576;
const MAX_COLUMNS: u64 = 16_384;

/// One loaded cell costs a `Data` and a formula `String` in calamine.
fn cell_cost() -> u64 {
    (std::mem::size_of::<calamine::Data>() + std::mem::size_of::<String>()) as u64
}

fn corrupt(detail: String) -> ImportError {
    ImportError::Corrupt { format: "ods".into(), detail }
}

fn repeats(e: &BytesStart, key: &str) -> Result<u64, ImportError> {
    match e.try_get_attribute(key).map_err(|err| corrupt(err.to_string()))? {
        None => Ok(1),
        Some(a) => Some(a.value.as_ref())
            .and_then(|s| s.trim().parse::<u64>().ok())
            .ok_or_else(|| corrupt(format!("a repeat count is not a number: {}", a.value))),
    }
}

/// What one sheet (`table:table`) claims.
#[derive(Default)]
struct Table {
    name: String,
    rows: u64,
    first: Option<u64>,
    last: u64,
    width: u64,
    /// Cells calamine pushes while reading rows (before repeating them).
    pushed: u64,
    /// Bytes of text cloned into repeated cells.
    text: u64,
}

/// The row being read.
#[derive(Default)]
struct RowScan {
    repeat: u64,
    col: u64,
    width: u64,
    text: u64,
}

/// Checks `content.xml` of the ods in `bytes` against `limits`.
pub fn check(bytes: &[u8], limits: Limits) -> Result<(), ImportError> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else { return Ok(()) };
    let Ok(part) = zip.by_name("content.xml") else { return Ok(()) };
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(part.take(limits.bytes)));
    let mut buf = Vec::new();
    let (mut table, mut row): (Option<Table>, Option<RowScan>) = (None, None);
    // The cell being read: its column repeat, whether it has a value, its text's length.
    let mut cell: Option<(u64, bool, u64)> = None;
    let (mut cells, mut memory) = (0u64, 0u64);
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| corrupt(e.to_string()))?;
        match event {
            Event::Eof => break,
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                match e.name().as_ref() {
                    "table:table" => {
                        let name = e
                            .try_get_attribute("table:name")
                            .ok()
                            .flatten()
                            .map(|a| a.value.into_owned())
                            .unwrap_or_default();
                        table = Some(Table { name, ..Table::default() });
                    }
                    "table:table-row" => {
                        let r = RowScan { repeat: repeats(e, "table:number-rows-repeated")?, ..RowScan::default() };
                        if empty {
                            end_row(table.as_mut(), r);
                        } else {
                            row = Some(r);
                        }
                    }
                    "table:table-cell" | "table:covered-table-cell" => {
                        let n = repeats(e, "table:number-columns-repeated")?;
                        let has = e.try_get_attribute("office:value-type").ok().flatten().is_some()
                            || e.try_get_attribute("table:formula").ok().flatten().is_some();
                        if empty {
                            end_cell(row.as_mut(), (n, has, 0));
                        } else {
                            cell = Some((n, has, 0));
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(ref t) => {
                if let Some(c) = cell.as_mut() {
                    c.2 += t.len() as u64;
                }
            }
            Event::End(ref e) => match e.name().as_ref() {
                "table:table-cell" | "table:covered-table-cell" => {
                    if let Some(c) = cell.take() {
                        end_cell(row.as_mut(), c);
                    }
                }
                "table:table-row" => {
                    if let Some(r) = row.take() {
                        end_row(table.as_mut(), r);
                    }
                }
                "table:table" => {
                    if let Some(t) = table.take() {
                        let (height, width) = (t.first.map_or(0, |f| t.last - f), t.width);
                        let claimed = height.saturating_mul(width);
                        if claimed > limits.cells {
                            return Err(ImportError::TooLarge {
                                sheet: t.name,
                                detail: format!("its repeated rows and columns claim {height} rows × {width} columns = {claimed} cells"),
                                limit: limits.cells,
                            });
                        }
                        cells = cells.saturating_add(claimed).saturating_add(t.pushed);
                        memory = memory.saturating_add(t.text);
                    }
                }
                _ => {}
            },
            _ => {}
        }
        buf.clear();
        // calamine reads every sheet when it opens the file: the budget is for all of them.
        let cost = cells.saturating_mul(cell_cost()).saturating_add(memory);
        limits.check_bytes(|| format!("its repeated cells would take about {cost} bytes of memory"), cost)?;
    }
    Ok(())
}

fn end_cell(row: Option<&mut RowScan>, (n, has, text): (u64, bool, u64)) {
    let Some(r) = row else { return };
    let n = n.min(MAX_COLUMNS.saturating_sub(r.col));
    r.col += n;
    if has {
        r.width = r.col;
        r.text = r.text.saturating_add(n.saturating_mul(text));
    }
}

fn end_row(table: Option<&mut Table>, r: RowScan) {
    let Some(t) = table else { return };
    let repeat = r.repeat.min(MAX_ROWS.saturating_sub(t.rows));
    if r.width > 0 {
        t.first.get_or_insert(t.rows);
        t.last = t.rows + repeat;
        t.width = t.width.max(r.width);
        t.pushed = t.pushed.saturating_add(r.width);
        t.text = t.text.saturating_add(repeat.saturating_mul(r.text));
    }
    t.rows += repeat;
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// An ods holding `rows` in its one table (stored, not deflated: only the XML matters).
    fn ods(rows: &str) -> Vec<u8> {
        let content = format!(
            r#"<office:document-content xmlns:office="o" xmlns:table="t" xmlns:text="x"><office:body><office:spreadsheet><table:table table:name="S">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
        );
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        w.start_file("content.xml", stored).unwrap();
        w.write_all(content.as_bytes()).unwrap();
        w.finish().unwrap().into_inner()
    }

    const CELL: &str = r#"<table:table-cell office:value-type="string"><text:p>abc</text:p></table:table-cell>"#;

    #[test]
    fn repeats_are_counted_before_calamine_expands_them() {
        let limits = Limits { cells: 1_000_000, bytes: 1 << 30 };
        let one = format!("<table:table-row>{CELL}</table:table-row>");
        assert!(check(&ods(&one), limits).is_ok());
        // 2,000 rows × 1,000 columns = 2 million cells, over the cell limit.
        let wide = CELL.replace("<table:table-cell ", r#"<table:table-cell table:number-columns-repeated="1000" "#);
        let tall = format!(r#"<table:table-row table:number-rows-repeated="2000">{wide}</table:table-row>"#);
        assert!(matches!(check(&ods(&tall), limits), Err(ImportError::TooLarge { .. })));
        // Under the cell limit, but each cell clones its text: over a 1 MB byte budget.
        let small = Limits { cells: 1_000_000, bytes: 1 << 20 };
        let tall = format!(r#"<table:table-row table:number-rows-repeated="900">{wide}</table:table-row>"#);
        assert!(matches!(check(&ods(&tall), small), Err(ImportError::TooManyBytes { .. })));
        // Trailing empty rows and columns (as LibreOffice writes them) cost nothing.
        let empty = r#"<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>"#;
        assert!(check(&ods(&format!("{one}{empty}")), limits).is_ok());
    }
}
