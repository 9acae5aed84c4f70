//! A sheet's merged cells, without reading the sheet's XML twice.
//!
//! An xlsx sheet stores `<mergeCells>` after `<sheetData>`, so calamine's
//! `merge_cells_by_sheet_name` inflates and tokenises the whole sheet before the data is
//! streamed: about a fifth of a large report's time. Most sheets have no merges, and a
//! sheet whose XML never spells `mergeCells` cannot have any (the element's local name
//! is those bytes, whatever its prefix; markup is never escaped). So the sheet's part is
//! inflated and searched for those bytes (no XML tokenising), and only a sheet that
//! mentions them is handed to calamine as before: the same result in every case.

use super::source::{Book, ReadMark};
use calamine::{Dimensions, Sheets};
use std::io::{Cursor, Read};

/// The merged regions of `sheet` (xlsx and xls; other formats record none that calamine reads).
pub(crate) fn merges_in(bytes: &[u8], book: &mut Book, reads: &ReadMark, sheet: &str) -> Vec<Dimensions> {
    let Book::Sheets(sheets) = book else { return Vec::new() };
    // calamine reads merges for xlsx and xls only, with no Reader method for them.
    match sheets.as_mut() {
        Sheets::Xlsx(x) => {
            // Opening the sheet's cell reader reads the start of its part: the offset of
            // that read names the zip entry calamine maps the sheet to.
            reads.reset();
            if x.worksheet_cells_reader(sheet).is_ok() && part_mentions(bytes, reads.last(), b"mergeCells") == Some(false) {
                return Vec::new();
            }
            x.merge_cells_by_sheet_name(sheet).unwrap_or_default()
        }
        Sheets::Xls(x) => x.merge_cells_by_sheet_name(sheet).unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// Whether the zip entry of `bytes` that spans byte `offset` (its local header or its
/// data) inflates to bytes containing `needle`; `None` if no entry spans it or it cannot
/// be inflated (the caller then asks calamine).
fn part_mentions(bytes: &[u8], offset: u64, needle: &[u8]) -> Option<bool> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut hit = None;
    for i in 0..zip.len() {
        let part = zip.by_index_raw(i).ok()?;
        let end = part.data_start()?.checked_add(part.compressed_size())?;
        if part.header_start() <= offset && offset < end {
            if hit.is_some() {
                // Overlapping entries: which one calamine reads is not certain.
                return None;
            }
            hit = Some(i);
        }
    }
    let mut part = zip.by_index(hit?).ok()?;
    contains(&mut part, needle)
}

/// Whether the bytes `r` yields contain `needle`, read in chunks (also across their
/// boundaries); `None` on a read error.
fn contains(r: &mut impl Read, needle: &[u8]) -> Option<bool> {
    let finder = memchr::memmem::Finder::new(needle);
    let keep = needle.len().saturating_sub(1);
    let mut buf = vec![0u8; (1 << 16) + keep];
    // The last `keep` bytes of the previous chunk stay at the front: a match that
    // straddles two chunks is found in the second.
    let mut carried = 0;
    loop {
        let k = r.read(&mut buf[carried..]).ok()?;
        if k == 0 {
            return Some(false);
        }
        let filled = carried + k;
        if finder.find(&buf[..filled]).is_some() {
            return Some(true);
        }
        carried = keep.min(filled);
        buf.copy_within(filled - carried..filled, 0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that hands out at most `n` bytes per read, to split matches across chunks.
    struct Trickle<'a>(&'a [u8], usize);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let k = self.0.len().min(self.1).min(buf.len());
            buf[..k].copy_from_slice(&self.0[..k]);
            self.0 = &self.0[k..];
            Ok(k)
        }
    }

    /// Every sheet of every xlsx fixture: the same merges as calamine's own full read,
    /// and the merged fixture really takes the calamine path.
    #[test]
    fn same_merges_as_calamine() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
        let mut merged = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "xlsx") {
                continue;
            }
            let bytes = std::fs::read(&path).unwrap();
            let Ok(mut opened) = super::super::source::open(&bytes, None, Default::default()) else { continue };
            for sheet in opened.book.sheet_names() {
                let ours = merges_in(&bytes, &mut opened.book, &opened.reads, &sheet);
                let Book::Sheets(s) = &mut opened.book else { unreachable!() };
                let Sheets::Xlsx(x) = s.as_mut() else { unreachable!() };
                let theirs = x.merge_cells_by_sheet_name(&sheet).unwrap_or_default();
                assert_eq!(ours, theirs, "{} {sheet}", path.display());
                merged += ours.len();
            }
        }
        assert!(merged > 0, "no fixture has merged cells");
    }

    #[test]
    fn finds_the_needle_across_chunk_boundaries() {
        let text = b"<sheetData><row/></sheetData><x:mergeCells count=\"1\">";
        for n in 1..text.len() {
            assert_eq!(contains(&mut Trickle(text, n), b"mergeCells"), Some(true), "chunks of {n}");
            assert_eq!(contains(&mut Trickle(&text[..30], n), b"mergeCells"), Some(false), "chunks of {n}");
        }
        assert_eq!(contains(&mut Trickle(b"", 1), b"mergeCells"), Some(false));
    }
}
