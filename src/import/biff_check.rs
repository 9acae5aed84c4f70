//! A pre-read check of an xls workbook's sheets against the budget. calamine reads
//! every sheet when it opens an xls, reserving memory for the cells each DIMENSIONS
//! record claims (a claim of 4 billion rows is a 43 TB reservation) and laying the cells
//! out over their bounding box (a cell in A1 and one in IV65536 make 16.7 million).
//! This walks the BIFF records of the Workbook stream first and refuses those claims.

use super::error::ImportError;
use super::limits::Limits;

fn corrupt(detail: String) -> ImportError {
    ImportError::Corrupt { format: "xls".into(), detail }
}

fn u16_at(b: &[u8], i: usize) -> Option<u16> {
    b.get(i..i + 2).map(|s| u16::from_le_bytes([s[0], s[1]]))
}

fn u32_at(b: &[u8], i: usize) -> Option<u32> {
    b.get(i..i + 4).map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

/// What one sheet substream claims and holds.
struct Sheet {
    name: String,
    claim: u64,
    rows: Option<(u32, u32)>,
    cols: Option<(u32, u32)>,
}

impl Sheet {
    fn cell(&mut self, row: u32, col: u32) {
        let grow = |r: &mut Option<(u32, u32)>, v: u32| *r = Some(r.map_or((v, v), |(a, b)| (a.min(v), b.max(v))));
        grow(&mut self.rows, row);
        grow(&mut self.cols, col);
    }
    fn laid_out(&self) -> u64 {
        match (self.rows, self.cols) {
            (Some((r0, r1)), Some((c0, c1))) => u64::from(r1 - r0 + 1) * u64::from(c1 - c0 + 1),
            _ => 0,
        }
    }
}

/// The records calamine reads fixed fields from without checking their length (found by
/// fuzzing, bench/import-fuzz.sh), with the bytes it reads: FILEPASS, CODEPAGE, DATEMODE and
/// BOF a 2-byte field ([MS-XLS] 2.4.117, 2.4.52, 2.4.77, 2.4.21); BOUNDSHEET8 its offset,
/// state and name length (2.4.28); EXTERNSHEET its 2-byte count (2.4.106); a defined name
/// (Lbl, 2.4.150) 14 bytes of fields, its formula's length (cce, at byte 4) taken off the
/// record's end.
fn record_fields(typ: u16, data: &[u8]) -> Result<(), ImportError> {
    let (name, fixed) = match typ {
        0x002F => ("a FILEPASS", 2),
        0x0042 => ("a CODEPAGE", 2),
        0x0022 => ("a DATEMODE", 2),
        0x0809 => ("a BOF", 2),
        0x0085 => ("a BOUNDSHEET8", 8),
        0x0017 => ("an EXTERNSHEET", 2),
        0x0018 => ("a defined-name (Lbl)", 14),
        _ => return Ok(()),
    };
    if data.len() < fixed {
        return Err(corrupt(format!("{name} record is {} bytes long, shorter than its {fixed} bytes of fields", data.len())));
    }
    if typ == 0x0018 {
        let cce = u16_at(data, 4).unwrap_or(0) as usize;
        if cce > data.len() - fixed {
            return Err(corrupt(format!("a defined name's formula claims {cce} bytes, but its record is {} bytes long", data.len())));
        }
    }
    Ok(())
}

/// The sheet's claimed cells from a DIMENSIONS record, read as calamine reads it.
fn dimensions(data: &[u8]) -> Result<u64, ImportError> {
    let (rf, rl, cf, cl) = match data.len() {
        10 => (u16_at(data, 0), u16_at(data, 2), u16_at(data, 4), u16_at(data, 6)).into_u32(),
        14 | 16 => (u32_at(data, 0), u32_at(data, 4), u16_at(data, 8).map(u32::from), u16_at(data, 10).map(u32::from)),
        n => return Err(corrupt(format!("a DIMENSIONS record is {n} bytes long"))),
    };
    let (Some(rf), Some(rl), Some(mut cf), Some(cl)) = (rf, rl, cf, cl) else { return Ok(0) };
    if cf > 0xFF || cl < cf {
        cf = 0;
    }
    if rl == 0 || cl == 0 {
        return Ok(0);
    }
    // calamine computes (last - first + 1) unchecked: a first row after the last one
    // overflows (a panic, or a wrapped, enormous reservation).
    if rl - 1 < rf {
        return Err(corrupt(format!("a sheet's dimensions end (row {rl}) before they begin (row {})", rf + 1)));
    }
    Ok(u64::from(rl - rf) * u64::from(cl - cf))
}

trait IntoU32 {
    fn into_u32(self) -> (Option<u32>, Option<u32>, Option<u32>, Option<u32>);
}

impl IntoU32 for (Option<u16>, Option<u16>, Option<u16>, Option<u16>) {
    fn into_u32(self) -> (Option<u32>, Option<u32>, Option<u32>, Option<u32>) {
        (self.0.map(u32::from), self.1.map(u32::from), self.2.map(u32::from), self.3.map(u32::from))
    }
}

/// The records of `stream` as calamine's `RecordIter` yields them: type, data and the data
/// of the CONTINUE records that follow it (taken with it, not yielded), ending where a
/// record would run past the stream (calamine stops there with an error of its own).
fn records(stream: &[u8]) -> impl Iterator<Item = (u16, &[u8], Vec<&[u8]>)> {
    let mut i = 0usize;
    std::iter::from_fn(move || {
        let typ = u16_at(stream, i)?;
        let len = u16_at(stream, i + 2)? as usize;
        let data = stream.get(i + 4..i + 4 + len)?;
        i += 4 + len;
        let mut continued = Vec::new();
        while u16_at(stream, i) == Some(0x003C) && stream.len() > i + 4 {
            let more = u16_at(stream, i + 2)? as usize;
            continued.push(stream.get(i + 4..i + 4 + more)?);
            i += 4 + more;
        }
        Some((typ, data, continued))
    })
}

/// Moves `d` on by `n` bytes, into the next CONTINUE records as calamine's `Record::skip`
/// does; false where the records end first (calamine's own error).
fn skip<'a>(d: &mut &'a [u8], more: &mut impl Iterator<Item = &'a [u8]>, mut n: usize) -> bool {
    while n > 0 {
        if d.is_empty() {
            match more.next() {
                Some(next) => *d = next,
                None => return false,
            }
        }
        let l = n.min(d.len());
        *d = &d[l..];
        n -= l;
    }
    true
}

/// Walks a shared-string table (SST, [MS-XLS] 2.4.265) as calamine's `parse_sst` reads it,
/// across its CONTINUE records, and refuses what would make it panic: a string whose
/// rich-text run count or phonetic block size (2 and 4 bytes after its header) is cut off,
/// or a string continued into an empty CONTINUE record (calamine reads its flag byte
/// unchecked). Found by fuzzing. Where calamine stops with an error of its own, so does this.
fn shared_strings(data: &[u8], continued: &[&[u8]]) -> Result<(), ImportError> {
    let cut = |what: &str| corrupt(format!("a shared string's {what} is cut short"));
    let mut more = continued.iter().copied();
    let Some(mut d) = data.get(8..) else { return Ok(()) };
    loop {
        if d.is_empty() {
            match more.next() {
                Some(next) => d = next,
                None => return Ok(()),
            }
            if d.is_empty() {
                continue; // calamine reads an empty string here
            }
        }
        if d.len() < 3 {
            return Ok(());
        }
        let (mut len, flags) = (u16_at(d, 0).unwrap_or(0) as usize, d[2]);
        d = &d[3..];
        let mut runs = 0usize;
        if flags & 0x8 != 0 {
            runs = u16_at(d, 0).ok_or_else(|| cut("count of formatting runs"))? as usize;
            d = &d[2..];
        }
        let mut phonetic = 0usize;
        if flags & 0x4 != 0 {
            phonetic = u32_at(d, 0).ok_or_else(|| cut("phonetic block size"))? as i32 as usize;
            d = &d[4..];
        }
        let mut wide = flags & 0x1 != 0;
        while len > 0 {
            let taken = if wide { (d.len() / 2).min(len) } else { d.len().min(len) };
            d = &d[taken * if wide { 2 } else { 1 }..];
            len -= taken;
            if len > 0 {
                let Some(next) = more.next() else { return Ok(()) };
                let (&flag, rest) = next.split_first().ok_or_else(|| cut("continuation"))?;
                wide = flag & 0x1 != 0;
                d = rest;
            }
        }
        // The formatting runs (4 bytes each), then the phonetic block.
        if !skip(&mut d, &mut more, runs * 4) || !skip(&mut d, &mut more, phonetic) {
            return Ok(());
        }
    }
}

/// Checks the Workbook stream `stream` against `limits`.
pub fn check(stream: &[u8], limits: Limits) -> Result<(), ImportError> {
    // The stream from its start: the fixed fields of every record calamine reads unchecked,
    // and where each sheet starts (BOUNDSHEET8 records).
    let mut starts = Vec::new();
    for (typ, data, continued) in records(stream) {
        record_fields(typ, data)?;
        if typ == 0x00FC {
            shared_strings(data, &continued)?;
        }
        if typ == 0x0085 {
            let cch = data[6] as usize;
            let name = if data[7] & 1 == 1 {
                let u: Vec<u16> = data[8..].chunks_exact(2).take(cch).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
                String::from_utf16_lossy(&u)
            } else {
                data[8..].iter().take(cch).map(|&b| b as char).collect()
            };
            let pos = u32_at(data, 0).unwrap_or(0) as usize;
            // calamine reads the sheet from this offset without checking it (found by fuzzing).
            if pos > stream.len() {
                return Err(corrupt(format!(
                    "sheet \"{name}\" is said to start at byte {pos}, past the end of the {}-byte workbook stream",
                    stream.len()
                )));
            }
            starts.push((pos, name));
        }
    }
    // Each sheet as calamine walks it: from its offset (which need not fall on a record of the
    // walk above: found by fuzzing) to its EOF, nested substreams (charts) skipped.
    let mut sheets: Vec<Sheet> = Vec::new();
    for (pos, name) in starts {
        let mut s = Sheet { name, claim: 0, rows: None, cols: None };
        let (mut depth, mut seen_bof) = (0usize, false);
        for (typ, data, _) in records(&stream[pos..]) {
            if depth > 0 {
                match typ {
                    0x0809 => depth += 1,
                    0x000A => depth -= 1,
                    _ => {}
                }
                continue;
            }
            match typ {
                0x0809 if seen_bof => depth += 1,
                0x0809 => seen_bof = true,
                0x000A => break,
                0x0200 => s.claim = s.claim.max(dimensions(data)?),
                // Cell records: row and column first.
                0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 | 0x0201 | 0x00BD | 0x00BE => {
                    if let (Some(row), Some(col)) = (u16_at(data, 0), u16_at(data, 2)) {
                        s.cell(u32::from(row), u32::from(col));
                        // MULRK / MULBLANK: the last column ends the record.
                        if matches!(typ, 0x00BD | 0x00BE) {
                            if let Some(last) = u16_at(data, data.len().saturating_sub(2)) {
                                s.cell(u32::from(row), u32::from(last));
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        sheets.push(s);
    }
    // calamine holds every sheet at once: a reserved cell (position and value) per
    // claimed cell, then a value and a formula per laid-out cell.
    let reserved = (std::mem::size_of::<calamine::Cell<calamine::Data>>()) as u64;
    let laid = (std::mem::size_of::<calamine::Data>() + std::mem::size_of::<String>()) as u64;
    let mut memory = 0u64;
    for s in &sheets {
        let cells = s.claim.max(s.laid_out());
        if cells > limits.cells {
            return Err(ImportError::TooLarge {
                sheet: s.name.clone(),
                detail: format!("it claims {cells} cells"),
                limit: limits.cells,
            });
        }
        memory = memory.saturating_add(s.claim.saturating_mul(reserved)).saturating_add(s.laid_out().saturating_mul(laid));
    }
    limits.check_bytes(|| format!("its sheets would take about {memory} bytes of memory"), memory)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sheet_must_start_inside_the_stream() {
        // A BOUNDSHEET8 (0x0085) naming sheet "S" at byte 4000 of a 20-byte stream.
        let mut rec = vec![0x85, 0x00, 9, 0];
        rec.extend_from_slice(&4000u32.to_le_bytes());
        rec.extend_from_slice(&[0, 0, 1, 0, b'S']);
        rec.extend_from_slice(&[0; 7]);
        let e = check(&rec, Limits::default()).unwrap_err().to_string();
        assert!(e.contains("past the end of the 20-byte workbook stream"), "{e}");
    }

    #[test]
    fn records_must_hold_their_fields() {
        assert!(record_fields(0x0017, &[]).unwrap_err().to_string().contains("EXTERNSHEET record is 0 bytes long"));
        assert_eq!(record_fields(0x0017, &[0, 0]), Ok(()));
        for typ in [0x002F, 0x0042, 0x0022, 0x0809] {
            assert!(record_fields(typ, &[1]).is_err(), "{typ:#06x}");
            assert_eq!(record_fields(typ, &[1, 0]), Ok(()));
        }
        assert!(record_fields(0x0085, &[0; 7]).is_err());
        assert!(record_fields(0x0018, &[0; 13]).is_err());
        let mut lbl = vec![0u8; 20];
        lbl[4] = 6;
        assert_eq!(record_fields(0x0018, &lbl), Ok(()));
        lbl[4] = 7;
        assert!(record_fields(0x0018, &lbl).unwrap_err().to_string().contains("claims 7 bytes"));
        // Records calamine checks itself are left alone.
        assert_eq!(record_fields(0x00FC, &[]), Ok(()));
    }

    #[test]
    fn shared_strings_are_walked_as_calamine_reads_them() {
        let header = [0u8; 8];
        let sst = |strings: &[u8]| [&header[..], strings].concat();
        // "ab" in one byte per character, then "c" in two.
        assert_eq!(shared_strings(&sst(&[2, 0, 0, b'a', b'b', 1, 0, 1, b'c', 0]), &[]), Ok(()));
        // A phonetic block size (flag 0x4) with 2 of its 4 bytes: calamine's read_i32 panics.
        assert!(shared_strings(&sst(&[1, 0, 0x4, 9, 9]), &[]).unwrap_err().to_string().contains("phonetic block size"));
        // A run count (flag 0x8) with 1 of its 2 bytes.
        assert!(shared_strings(&sst(&[1, 0, 0x8, 9]), &[]).unwrap_err().to_string().contains("formatting runs"));
        // "abc" split over a CONTINUE record, which starts with its own flag byte…
        assert_eq!(shared_strings(&sst(&[3, 0, 0, b'a']), &[&[0, b'b', b'c']]), Ok(()));
        // …so an empty CONTINUE in the middle of a string makes calamine index an empty slice.
        assert!(shared_strings(&sst(&[3, 0, 0, b'a']), &[&[]]).unwrap_err().to_string().contains("continuation"));
        // Runs and phonetic bytes are skipped across records; what runs out is calamine's own error.
        assert_eq!(shared_strings(&sst(&[1, 0, 0xC, 1, 0, 2, 0, 0, 0, b'x', 1, 2]), &[&[3, 4, 5, 6]]), Ok(()));
        assert_eq!(shared_strings(&sst(&[5, 0, 0, b'a']), &[]), Ok(()));
    }

    #[test]
    fn dimensions_are_read_as_calamine_reads_them() {
        let biff8 = |rf: u32, rl: u32, cf: u16, cl: u16| {
            [&rf.to_le_bytes()[..], &rl.to_le_bytes(), &cf.to_le_bytes(), &cl.to_le_bytes(), &[0, 0]].concat()
        };
        assert_eq!(dimensions(&biff8(0, 10, 0, 3)).unwrap(), 30);
        assert_eq!(dimensions(&biff8(0, 4_000_000_000, 0, 3)).unwrap(), 12_000_000_000);
        assert!(dimensions(&biff8(5, 2, 0, 3)).is_err());
        assert_eq!(dimensions(&biff8(0, 0, 0, 0)).unwrap(), 0);
    }
}
