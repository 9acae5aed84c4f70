//! Plain tables as an xlsx workbook (`sheetkpi attribute --format xlsx`): one sheet per
//! table, a bold header row, each number column in its registry display's Excel format.

use crate::registry::ResultKind;
use crate::value::Cell;
use rust_xlsxwriter::{Format, Formula, Workbook, XlsxError};

/// One sheet: a header row, then rows of cells.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// The sheet's name (at most 31 characters, none of `[]:*?/\`).
    pub name: String,
    /// The header row.
    pub header: Vec<String>,
    /// Per column, the kind whose [`ResultKind::display`] formats its numbers (`None`: General).
    pub kinds: Vec<Option<ResultKind>>,
    /// The rows under the header.
    pub rows: Vec<Vec<Cell>>,
    /// Whether the last row is a total (shown bold).
    pub total_row: bool,
}

/// The workbook's bytes, the tables in order.
pub fn workbook(tables: &[Table]) -> Result<Vec<u8>, String> {
    build(tables).map_err(|e| format!("cannot write the xlsx file: {e}"))
}

fn build(tables: &[Table]) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    for t in tables {
        let ws = wb.add_worksheet().set_name(&t.name)?;
        for (c, h) in t.header.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, h, &bold)?;
        }
        let formats: Vec<Format> = (0..t.header.len())
            .map(|c| match t.kinds.get(c).copied().flatten() {
                Some(k) => Format::new().set_num_format(k.display().excel_format),
                None => Format::new(),
            })
            .collect();
        for (r, row) in t.rows.iter().enumerate() {
            let total = t.total_row && r + 1 == t.rows.len();
            for (c, cell) in row.iter().enumerate() {
                let mut fmt = formats.get(c).cloned().unwrap_or_default();
                if total {
                    fmt = fmt.set_bold();
                }
                let (row, col) = (r as u32 + 1, c as u16);
                match cell {
                    Cell::Number(x) => ws.write_number_with_format(row, col, *x, &fmt).map(|_| ())?,
                    Cell::Text(s) => ws.write_string_with_format(row, col, s, &fmt).map(|_| ())?,
                    Cell::Bool(b) => ws.write_boolean_with_format(row, col, *b, &fmt).map(|_| ())?,
                    Cell::Error(k) => {
                        let f = Formula::new(format!("={}", k.code())).set_result(k.code());
                        ws.write_formula_with_format(row, col, f, &fmt).map(|_| ())?
                    }
                    Cell::Empty => {}
                }
            }
        }
        ws.set_freeze_panes(1, 1)?;
        ws.set_column_width(0, 24.0)?;
        if t.header.len() > 1 {
            ws.set_column_range_width(1, t.header.len() as u16 - 1, 14.0)?;
        }
    }
    wb.save_to_buffer()
}
