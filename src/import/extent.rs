//! The extent of a sheet's cells before calamine lays them out: `worksheet_range` and
//! `worksheet_formula` allocate the bounding box of the cells they find, so a formula in
//! A1 and one in XFD1048576 are a 17-billion-cell allocation. Streaming the cells first
//! costs one more read of the sheet and no memory.

use super::error::ImportError;
use super::sniff::Format;
use super::source::{self, Book};
use calamine::Sheets;

#[derive(Default)]
struct Span {
    rows: Option<(u32, u32)>,
    cols: Option<(u32, u32)>,
}

impl Span {
    fn add(&mut self, (r, c): (u32, u32)) {
        let grow = |s: &mut Option<(u32, u32)>, v: u32| *s = Some(s.map_or((v, v), |(a, b)| (a.min(v), b.max(v))));
        grow(&mut self.rows, r);
        grow(&mut self.cols, c);
    }
    fn size(&self) -> (u64, u64) {
        match (self.rows, self.cols) {
            (Some((r0, r1)), Some((c0, c1))) => (u64::from(r1 - r0) + 1, u64::from(c1 - c0) + 1),
            _ => (0, 0),
        }
    }
}

/// Streams the cells and the formulas of `sheet` (xlsx, xlsb) and refuses a sheet whose
/// bounding box is over `limit` cells. Other formats are checked when they are opened.
macro_rules! span_of {
    ($book:expr, $format:expr, $sheet:expr) => {{
        let fail = |e| source::read_error($format, calamine::Error::from(e));
        let mut span = Span::default();
        let mut cells = $book.worksheet_cells_reader($sheet).map_err(fail)?;
        while let Some(c) = cells.next_cell().map_err(fail)? {
            span.add(c.get_position());
        }
        drop(cells);
        let mut formulas = $book.worksheet_cells_reader($sheet).map_err(fail)?;
        while let Some(c) = formulas.next_formula().map_err(fail)? {
            if !c.get_value().is_empty() {
                span.add(c.get_position());
            }
        }
        span
    }};
}

/// Refuses `sheet` if the box its cells and formulas span is over `limit` cells.
pub fn check(book: &mut Book, format: Format, sheet: &str, limit: u64) -> Result<(), ImportError> {
    let Book::Sheets(sheets) = book else { return Ok(()) };
    let span = match sheets.as_mut() {
        Sheets::Xlsx(x) => span_of!(x, format, sheet),
        Sheets::Xlsb(x) => span_of!(x, format, sheet),
        _ => return Ok(()),
    };
    let (rows, cols) = span.size();
    let cells = rows.saturating_mul(cols);
    if cells > limit {
        return Err(ImportError::TooLarge {
            sheet: sheet.to_string(),
            detail: format!("its cells span {rows} rows × {cols} columns = {cells} cells"),
            limit,
        });
    }
    Ok(())
}
