//! Reading a sheet on a thread of its own (native builds): calamine inflates and parses
//! the sheet's XML (or the CSV reader splits and parses its fields) on one core while the
//! caller turns what came before into rows and columns on the other, so a report reads at
//! nearly the speed of the reader alone. What is read comes through a bounded channel in
//! batches, in the reader's order, so memory stays a few batches whatever the sheet's
//! size, and the rows are the very rows a reader on the caller's thread gives.

use super::error::ImportError;
use super::limits;
use super::source::{Budget, CellStream, Raw, Row, Rows};
use std::sync::mpsc::{sync_channel, Receiver};

/// Cells per batch: large enough that the channel costs nothing per cell, small enough
/// that a caller who stops after the header (the journey and customer detects) wastes little.
const CELLS_PER_BATCH: usize = 2048;
/// Rows per batch, for readers that give whole rows (CSV): about as many cells.
const ROWS_PER_BATCH: usize = 256;
/// Batches in flight: how far the reader may run ahead of the caller.
const IN_FLIGHT: usize = 4;

/// Runs `f` over the rows of a sheet whose cells `open` streams, with `open` and the
/// cells it yields on a scoped thread. `open` gives the sheet's declared row count and
/// its cell source, or the error that stops the read before any cell; each value is made
/// a [`Raw`] by `to_raw` on the caller's thread, which has time to spare while the reader
/// works. The cells are counted against `limit` as they arrive, exactly as on one thread.
pub fn with_cells_read_ahead<T, E, O, N, V>(
    sheet: &str,
    limit: u64,
    open: O,
    to_raw: impl Fn(V) -> Raw,
    f: &mut dyn FnMut(&mut dyn Rows) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<ImportError>,
    O: FnOnce() -> Result<(u64, N), ImportError> + Send,
    N: FnMut() -> Result<Option<(u32, u32, V)>, ImportError>,
    V: Send,
{
    read_ahead(CELLS_PER_BATCH, open, |rows, mut cells| {
        let next = move || cells.next().map(|c| c.map(|(r, col, v)| (r, col, to_raw(v))));
        f(&mut CellStream::new(next, Budget::new(sheet, limit), Some(rows)))
    })
}

/// Runs `f` over the rows of the reader `open` makes, with the reader on a scoped thread
/// (it counts its own cells against its budget there, as on one thread).
pub fn with_rows_read_ahead<T, E, O, R>(open: O, f: &mut dyn FnMut(&mut dyn Rows) -> Result<T, E>) -> Result<T, E>
where
    E: From<ImportError>,
    O: FnOnce() -> Result<R, ImportError> + Send,
    R: Rows,
{
    let open = move || {
        let mut rows = open()?;
        Ok((rows.declared_rows(), move || rows.next_row()))
    };
    read_ahead(ROWS_PER_BATCH, open, |declared, rows| f(&mut RowsAhead { rows, declared }))
}

/// Runs `open` and the source it makes on a scoped thread, `consume` on this one with
/// what `open` told first and the items as they come, `per_batch` at a time. The reader's
/// thread keeps this import's clock ([`limits::contain_for`]), and a panic there
/// (calamine's, on a damaged file) is contained and arrives as the same
/// [`ImportError::Damaged`] message as on one thread.
fn read_ahead<T, E, M, I, O, N>(per_batch: usize, open: O, consume: impl FnOnce(M, Incoming<I>) -> Result<T, E>) -> Result<T, E>
where
    E: From<ImportError>,
    M: Send,
    I: Send,
    O: FnOnce() -> Result<(M, N), ImportError> + Send,
    N: FnMut() -> Result<Option<I>, ImportError>,
{
    let clock = limits::clock();
    std::thread::scope(|s| {
        let (opened_tx, opened_rx) = sync_channel::<Result<M, ImportError>>(1);
        let (items_tx, items_rx) = sync_channel::<Result<Vec<I>, ImportError>>(IN_FLIGHT);
        s.spawn(move || {
            let mut opened = false;
            let outcome = limits::contain_for(clock, || {
                let (told, mut next) = open()?;
                opened = true;
                if opened_tx.send(Ok(told)).is_err() {
                    return Ok(());
                }
                let mut batch = Vec::with_capacity(per_batch);
                loop {
                    match next() {
                        Ok(Some(item)) => {
                            batch.push(item);
                            if batch.len() < per_batch {
                                continue;
                            }
                        }
                        Ok(None) => {
                            let _ = items_tx.send(Ok(batch));
                            return Ok(());
                        }
                        Err(e) => {
                            // What came before the fault first, as a reader on one thread gives it.
                            let _ = items_tx.send(Ok(batch));
                            return Err(e);
                        }
                    }
                    // A send fails once the caller has stopped reading: then so does this thread.
                    if items_tx.send(Ok(std::mem::replace(&mut batch, Vec::with_capacity(per_batch)))).is_err() {
                        return Ok(());
                    }
                }
            });
            if let Err(e) = outcome {
                if opened {
                    let _ = items_tx.send(Err(e));
                } else {
                    let _ = opened_tx.send(Err(e));
                }
            }
        });
        // The reader's thread always sends before it ends; a closed channel is a fault.
        let closed = || ImportError::Damaged { detail: "the reader stopped without a word".into() };
        let told = opened_rx.recv().unwrap_or_else(|_| Err(closed()))?;
        consume(told, Incoming { rx: items_rx, batch: Vec::new().into_iter() })
    })
}

/// The caller's side of the channel: one batch at a time, item by item.
struct Incoming<I> {
    rx: Receiver<Result<Vec<I>, ImportError>>,
    batch: std::vec::IntoIter<I>,
}

impl<I> Incoming<I> {
    fn next(&mut self) -> Result<Option<I>, ImportError> {
        loop {
            if let Some(item) = self.batch.next() {
                return Ok(Some(item));
            }
            match self.rx.recv() {
                Ok(Ok(b)) => self.batch = b.into_iter(),
                Ok(Err(e)) => return Err(e),
                // The reader sent its last batch and ended.
                Err(_) => return Ok(None),
            }
        }
    }
}

/// Rows read ahead by a reader of whole rows.
struct RowsAhead {
    rows: Incoming<Row>,
    declared: Option<u64>,
}

impl Rows for RowsAhead {
    fn next_row(&mut self) -> Result<Option<Row>, ImportError> {
        self.rows.next()
    }
    fn declared_rows(&self) -> Option<u64> {
        self.declared
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::Cell;

    /// A cell as a reader gives it: `(row, column, value)`.
    type SheetCell = (u32, u32, Raw);

    /// `n` rows of three cells, some blank, as a reader yields them.
    fn cells(n: u32) -> Vec<SheetCell> {
        (0..n)
            .flat_map(|r| (0..3).map(move |c| (r, c, Raw::Cell(if (r + c) % 7 == 0 { Cell::Empty } else { Cell::Number((r * 3 + c) as f64) }))))
            .collect()
    }

    /// Every row `rows` gives, as (index, cells).
    fn all(rows: &mut dyn Rows) -> Result<Vec<(u32, Vec<Raw>)>, ImportError> {
        let mut out = Vec::new();
        while let Some(r) = rows.next_row()? {
            out.push((r.index, r.cells));
        }
        Ok(out)
    }

    /// The values are cells already.
    fn raw(v: Raw) -> Raw {
        v
    }

    fn source(v: Vec<SheetCell>) -> impl FnMut() -> Result<Option<SheetCell>, ImportError> {
        let mut it = v.into_iter();
        move || Ok(it.next())
    }

    #[test]
    fn rows_read_ahead_are_the_rows_read_on_one_thread() {
        // Many batches, and a last one partly full.
        for n in [0, 1, 5, (CELLS_PER_BATCH as u32) / 3 * 7 + 11] {
            let on_one = all(&mut CellStream::new(source(cells(n)), Budget::new("S", u64::MAX), Some(n as u64))).unwrap();
            let ahead = with_cells_read_ahead("S", u64::MAX, || Ok((n as u64, source(cells(n)))), raw, &mut |rows| all(rows)).unwrap();
            assert_eq!(ahead, on_one, "{n} rows");
            assert_eq!(ahead.len(), n as usize);
        }
    }

    #[test]
    fn csv_rows_read_ahead_are_the_rows_read_on_one_thread() {
        use super::super::csv_in::CsvRows;
        use super::super::csv_separators::Decimal;
        let mut text = String::from("Channel;Spend;Revenue\n");
        for i in 0..(ROWS_PER_BATCH * 5 + 3) {
            // Blank lines and a quoted field with a line break among them, as real exports have.
            text.push_str(&format!("ch{};{},5;\"{}\n{}\"\n{}", i % 7, i, i * 3, i % 2, if i % 97 == 0 { "\n\n" } else { "" }));
        }
        let budget = || Budget::new("csv", u64::MAX);
        let on_one = all(&mut CsvRows::new(&text, budget(), Decimal::Auto)).unwrap();
        let ahead = with_rows_read_ahead(|| Ok(CsvRows::new(&text, budget(), Decimal::Auto)), &mut |rows| all(rows)).unwrap();
        assert_eq!(ahead.len(), ROWS_PER_BATCH * 5 + 4, "the header and every data row");
        assert_eq!(ahead, on_one);
        let limited = with_rows_read_ahead(|| Ok(CsvRows::new(&text, Budget::new("csv", 600), Decimal::Auto)), &mut |rows| all(rows));
        assert!(matches!(limited, Err(ImportError::TooLarge { limit: 600, .. })), "{limited:?}");
    }

    #[test]
    fn the_cell_budget_counts_as_on_one_thread() {
        let err = with_cells_read_ahead("S", 100, || Ok((1000, source(cells(1000)))), raw, &mut |rows| all(rows)).unwrap_err();
        assert!(matches!(err, ImportError::TooLarge { limit: 100, .. }), "{err:?}");
    }

    #[test]
    fn a_read_error_comes_after_the_cells_before_it() {
        let faulty = || {
            let mut it = cells(3000).into_iter();
            move || match it.next() {
                Some(c) if c.0 == 2500 => Err(ImportError::Corrupt { format: "xlsx".into(), detail: "bad row".into() }),
                other => Ok(other),
            }
        };
        // The rows before the fault and the fault, as (rows seen, error).
        let count = |rows: &mut dyn Rows| {
            let mut seen = 0;
            loop {
                match rows.next_row() {
                    Ok(Some(_)) => seen += 1,
                    Ok(None) => return Ok::<_, ImportError>((seen, None)),
                    Err(e) => return Ok((seen, Some(e))),
                }
            }
        };
        let on_one = count(&mut CellStream::new(faulty(), Budget::new("S", u64::MAX), Some(3000))).unwrap();
        let ahead = with_cells_read_ahead("S", u64::MAX, || Ok((3000, faulty())), raw, &mut |rows| count(rows)).unwrap();
        assert_eq!(ahead, on_one);
        // Row 2499 is complete only once the next cell is read, and that read is the fault.
        assert_eq!(ahead.0, 2499);
        assert!(matches!(ahead.1, Some(ImportError::Corrupt { .. })), "{ahead:?}");
    }

    #[test]
    fn an_open_that_fails_is_the_answer() {
        let none = || -> Result<(u64, fn() -> Result<Option<SheetCell>, ImportError>), ImportError> { Err(ImportError::Empty) };
        assert_eq!(with_cells_read_ahead("S", 10, none, raw, &mut |rows| all(rows)), Err(ImportError::Empty));
    }

    #[test]
    fn a_panic_in_the_reader_is_contained_as_a_damaged_file() {
        let mut i = 0u32;
        let next = move || {
            i += 1;
            if i == 9000 {
                panic!("index out of range in the reader");
            }
            Ok(Some((i / 3, i % 3, Raw::Cell(Cell::Number(i as f64)))))
        };
        let err = with_cells_read_ahead("S", u64::MAX, || Ok((0, next)), raw, &mut |rows| all(rows)).unwrap_err();
        assert_eq!(err, ImportError::Damaged { detail: "the reader stopped: index out of range in the reader".into() });
    }

    #[test]
    fn a_caller_that_stops_early_stops_the_reader() {
        // An endless sheet: only a reader that ends when the caller stops lets this return.
        let mut i = 0u64;
        let endless = move || {
            i += 1;
            Ok(Some(((i / 4) as u32, (i % 4) as u32, Raw::Cell(Cell::Number(1.0)))))
        };
        let first = with_cells_read_ahead("S", u64::MAX, || Ok((0, endless)), raw, &mut |rows| rows.next_row().map(|r| r.map(|r| r.index)));
        assert_eq!(first, Ok(Some(0)));
    }
}
