//! calamine alone streaming every cell of a workbook's first sheet: the reference
//! `bench/import-speed.sh` measures the report against (the same calamine version and
//! reader the importer uses, `worksheet_cells_reader`, with nothing done per cell).
//!
//! Usage: cargo run --release --features import --example calamine-read -- FILE.xlsx
//! Prints the number of cells and the sum of the numeric ones (so nothing is optimised away).

use calamine::{open_workbook, DataRef, Reader, Xlsx};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: calamine-read FILE.xlsx")?;
    let mut book: Xlsx<_> = open_workbook(&path)?;
    let sheet = book.sheet_names().first().cloned().ok_or("no sheet")?;
    let mut cells = book.worksheet_cells_reader(&sheet)?;
    let (mut n, mut sum) = (0u64, 0f64);
    while let Some(c) = cells.next_cell()? {
        n += 1;
        match c.get_value() {
            DataRef::Float(x) => sum += x,
            DataRef::Int(i) => sum += *i as f64,
            _ => {}
        }
    }
    println!("{n} cells, numeric sum {sum}");
    Ok(())
}
