//! Pre-read checks of a zip-based workbook (xlsx, xlsm, xlsb, ods) against the byte
//! budget. The `zip` crate fails a part that inflates past its declared size, so the
//! declared sizes bound what calamine can inflate: their sum is checked first (a deflate
//! bomb declares its size or fails at it). Then two claims calamine allocates from:
//! the shared-string count (it reserves a `String` per claimed string, and each string
//! read costs an allocation beyond its text) and xlsb record lengths (it allocates a
//! record's claimed length before reading it). And the xlsb workbook's sheet records, which
//! calamine slices and looks up without checking (a panic, which in WASM is a trap that
//! cannot be contained): each must hold the lengths it claims and name a relationship that
//! exists.

use super::error::ImportError;
use super::limits::Limits;
use super::sniff::Format;
use std::io::{Cursor, Read};

/// What one shared string costs in calamine beyond its text: the `String` calamine
/// reserves per claimed string, and the allocation behind each string read.
const STRING_OVERHEAD: u64 = 24 + 32;

fn corrupt(format: Format, detail: String) -> ImportError {
    ImportError::Corrupt { format: format.name().to_string(), detail }
}

/// Whether calamine may read this part (everything but pictures and embedded objects).
fn read_by_calamine(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    !(lower.contains("/media/") || lower.contains("/embeddings/") || lower.starts_with("pictures/") || lower.ends_with('/'))
}

/// Checks `bytes` (a zip) against `limits`.
pub fn check(bytes: &[u8], format: Format, limits: Limits) -> Result<(), ImportError> {
    let unreadable = |e: zip::result::ZipError| corrupt(format, format!("its zip container cannot be read: {e}"));
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(unreadable)?;
    let mut declared = 0u64;
    for i in 0..zip.len() {
        let part = zip.by_index_raw(i).map_err(unreadable)?;
        if read_by_calamine(&part.name().map(|n| n.into_owned()).unwrap_or_default()) {
            declared = declared.saturating_add(part.size());
        }
    }
    limits.check_bytes(|| format!("its parts claim {declared} bytes unpacked"), declared)?;
    let mut sheets: Vec<Vec<u8>> = Vec::new();
    for i in 0..zip.len() {
        let (name, size) = {
            let part = zip.by_index_raw(i).map_err(unreadable)?;
            (part.name().map(|n| n.into_owned()).unwrap_or_default(), part.size())
        };
        if !read_by_calamine(&name) {
            continue;
        }
        let Some(mut scan) = PartScan::new(&name, format, size, limits) else { continue };
        let mut part = zip.by_index(i).map_err(unreadable)?;
        let mut buf = vec![0u8; 1 << 16];
        loop {
            let k = part.read(&mut buf).map_err(|e| corrupt(format, format!("its part {name} cannot be inflated: {e}")))?;
            super::limits::check_time()?;
            if k == 0 || !scan.feed(&buf[..k]).map_err(|d| corrupt(format, format!("{name}: {d}")))? {
                break;
            }
        }
        if let PartScan::Records(w) = &mut scan {
            sheets.append(&mut w.kept);
        }
        scan.finish(size, limits).map_err(|e| match e {
            Finding::Damaged(d) => corrupt(format, format!("{name}: {d}")),
            Finding::Over(e) => e,
        })?;
    }
    if format == Format::Xlsb {
        let rels = read_part(&mut zip, "xl/_rels/workbook.bin.rels").map_err(unreadable)?;
        xlsb_sheets(&sheets, &rels).map_err(|d| corrupt(format, format!("xl/workbook.bin: {d}")))?;
    }
    Ok(())
}

/// A small part's bytes, found by its exact name as calamine finds it (empty when absent: a
/// part named in another case is one calamine does not see). The declared sizes are within
/// the budget, so reading it whole is safe.
fn read_part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Vec<u8>, zip::result::ZipError> {
    let mut out = Vec::new();
    match zip.by_name(name) {
        Ok(mut part) => part.read_to_end(&mut out).map_err(zip::result::ZipError::Io)?,
        Err(zip::result::ZipError::FileNotFound) => 0,
        Err(e) => return Err(e),
    };
    Ok(out)
}

/// The BIFF12 type of a sheet record in the workbook part (BrtBundleSh, [MS-XLSB] 2.4.646).
const BUNDLE_SHEET: u16 = 156;

/// Checks the workbook's sheet records as calamine reads them: hsState and iTabID (8 bytes),
/// then the relationship id and the name, each a character count and UTF-16 text that must
/// fit in the record; and the id must be one of `rels`' `Id` attributes.
fn xlsb_sheets(sheets: &[Vec<u8>], rels: &[u8]) -> Result<(), String> {
    let ids = relationship_ids(rels);
    for (k, body) in sheets.iter().enumerate() {
        let n = k + 1;
        let wide = |at: usize, what: &str| -> Result<(String, usize), String> {
            let count = body.get(at..at + 4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize);
            let Some(count) = count else {
                return Err(format!("sheet record {n} is {} bytes long, too short for its {what}", body.len()));
            };
            let end = count.checked_mul(2).and_then(|c| c.checked_add(at + 4)).filter(|&e| e <= body.len());
            let Some(end) = end else {
                return Err(format!("sheet record {n}'s {what} claims {count} characters, but the record is {} bytes long", body.len()));
            };
            let units: Vec<u16> = body[at + 4..end].chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
            Ok((String::from_utf16_lossy(&units), end))
        };
        let (id, after) = wide(8, "relationship id")?;
        wide(after, "name")?;
        if !ids.contains(&id) {
            return Err(format!("sheet record {n} names relationship {id:?}, which xl/_rels/workbook.bin.rels does not have"));
        }
    }
    Ok(())
}

/// The `Id` attributes of a relationships part.
fn relationship_ids(rels: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(rels);
    let mut out = Vec::new();
    for (i, _) in text.match_indices("Id=") {
        // `Id=` but not `TargetId=` or similar: the attribute starts after a space.
        if !text[..i].ends_with(|c: char| c.is_ascii_whitespace()) {
            continue;
        }
        let rest = &text[i + 3..];
        let Some(q) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else { continue };
        if let Some(end) = rest[1..].find(q) {
            out.push(rest[1..1 + end].to_string());
        }
    }
    out
}

enum Finding {
    Damaged(String),
    Over(ImportError),
}

/// What is watched while a part inflates.
enum PartScan {
    /// xlsx shared strings: the claimed count (from the first bytes) and, when the part
    /// could hold more strings than the budget allows (`count`), the strings it holds.
    /// Counting stops once the strings alone are over `room` (the budget less the part's size).
    SharedStrings { head: Vec<u8>, count: bool, strings: u64, tail: Vec<u8>, room: u64 },
    /// An xlsb part: its records, whose lengths must fit in the part.
    Records(RecordWalk),
}

impl PartScan {
    /// The watch for a part, if it needs one.
    fn new(name: &str, format: Format, declared: u64, limits: Limits) -> Option<PartScan> {
        let lower = name.to_ascii_lowercase();
        match format {
            Format::Xlsx | Format::Xlsm if lower.ends_with("sharedstrings.xml") => {
                // At most one string per five bytes: only then can the count matter.
                let worst = (declared / 5 + 1).saturating_mul(STRING_OVERHEAD).saturating_add(declared);
                let room = limits.bytes.saturating_sub(declared);
                Some(PartScan::SharedStrings { head: Vec::new(), count: worst > limits.bytes, strings: 0, tail: Vec::new(), room })
            }
            Format::Xlsb if lower.ends_with(".bin") && !lower.ends_with("vbaproject.bin") => {
                let mut w = RecordWalk::new(declared);
                if lower == "xl/workbook.bin" {
                    w.keep = Some(BUNDLE_SHEET);
                }
                Some(PartScan::Records(w))
            }
            _ => None,
        }
    }

    /// Watches the next bytes; false once nothing more needs to be seen.
    fn feed(&mut self, chunk: &[u8]) -> Result<bool, String> {
        match self {
            PartScan::SharedStrings { head, count, strings, tail, room } => {
                if head.len() < 4096 {
                    head.extend_from_slice(&chunk[..chunk.len().min(4096 - head.len())]);
                }
                if !*count {
                    return Ok(head.len() < 4096);
                }
                // Count `<si>` / `<si ` openings, also across chunk boundaries: one whose
                // next byte is not here yet stays in the tail and is counted next time.
                let mut joined = std::mem::take(tail);
                joined.extend_from_slice(chunk);
                *strings += memchr::memmem::find_iter(&joined, b"<si")
                    .filter(|&i| matches!(joined.get(i + 3), Some(b'>' | b' ' | b'/')))
                    .count() as u64;
                *tail = joined[joined.len().saturating_sub(3)..].to_vec();
                // Over budget already: the rest cannot bring it back.
                Ok(strings.saturating_mul(STRING_OVERHEAD) <= *room)
            }
            PartScan::Records(w) => w.feed(chunk).map(|()| true),
        }
    }

    fn finish(self, size: u64, limits: Limits) -> Result<(), Finding> {
        match self {
            PartScan::SharedStrings { head, strings, .. } => {
                let claimed = unique_count(&head).unwrap_or(0);
                // The smallest shared string, `<si/>`, takes five bytes.
                let most = size / 5 + 1;
                if claimed > most {
                    return Err(Finding::Damaged(format!(
                        "it claims {claimed} shared strings, but its {size} bytes hold at most {most}"
                    )));
                }
                let n = claimed.max(strings);
                let cost = n.saturating_mul(STRING_OVERHEAD).saturating_add(size);
                limits
                    .check_bytes(|| format!("it holds at least {n} shared strings, which would take at least {cost} bytes of memory"), cost)
                    .map_err(Finding::Over)
            }
            PartScan::Records(w) => w.finish().map_err(Finding::Damaged),
        }
    }
}

/// The `uniqueCount` attribute of the `<sst>` element in the part's first bytes.
fn unique_count(head: &[u8]) -> Option<u64> {
    let text = String::from_utf8_lossy(head);
    let sst = &text[text.find("<sst")?..];
    let tag = &sst[..sst.find('>').unwrap_or(sst.len())];
    let at = tag.find("uniqueCount=")? + "uniqueCount=".len();
    let v = tag[at..].trim_start_matches(['"', '\'']);
    let digits: String = v.chars().take_while(char::is_ascii_digit).collect();
    // A count too long for u64 is a claim no part can hold.
    Some(digits.parse().unwrap_or(u64::MAX))
}

/// Walks BIFF12 records (a 1–2 byte type and a 1–4 byte length, 7 bits a byte) as the
/// bytes arrive, checking that each record's length fits in what is left of the part.
struct RecordWalk {
    size: u64,
    at: u64,
    state: Walk,
    /// The record type whose bodies are kept, if any.
    keep: Option<u16>,
    /// Their bodies, in order.
    kept: Vec<Vec<u8>>,
}

enum Walk {
    Type { read: u8, typ: u16 },
    Len { read: u8, len: u64, typ: u16 },
    Body { left: u64, keeping: Option<Vec<u8>> },
}

impl RecordWalk {
    fn new(size: u64) -> RecordWalk {
        RecordWalk { size, at: 0, state: Walk::Type { read: 0, typ: 0 }, keep: None, kept: Vec::new() }
    }

    fn feed(&mut self, chunk: &[u8]) -> Result<(), String> {
        let mut i = 0;
        while i < chunk.len() {
            match &mut self.state {
                Walk::Body { left, keeping } => {
                    let k = (*left).min((chunk.len() - i) as u64);
                    if let Some(body) = keeping {
                        body.extend_from_slice(&chunk[i..i + k as usize]);
                    }
                    *left -= k;
                    i += k as usize;
                    self.at += k;
                    if *left == 0 {
                        if let Walk::Body { keeping: Some(body), .. } = std::mem::replace(&mut self.state, Walk::Type { read: 0, typ: 0 }) {
                            self.kept.push(body);
                        }
                    }
                    continue;
                }
                Walk::Type { read, typ } => {
                    *typ |= u16::from(chunk[i] & 0x7F) << (7 * u16::from(*read));
                    *read += 1;
                    if chunk[i] & 0x80 == 0 || *read == 2 {
                        self.state = Walk::Len { read: 0, len: 0, typ: *typ };
                    }
                }
                Walk::Len { read, len, typ } => {
                    let b = chunk[i];
                    *len |= u64::from(b & 0x7F) << (7 * u32::from(*read));
                    *read += 1;
                    if b & 0x80 == 0 || *read == 4 {
                        let len = *len;
                        let left_in_part = self.size.saturating_sub(self.at + 1);
                        if len > left_in_part {
                            return Err(format!(
                                "a record at byte {} claims {len} bytes, but the part has {left_in_part} left",
                                self.at
                            ));
                        }
                        let keep = self.keep == Some(*typ);
                        if len == 0 {
                            if keep {
                                self.kept.push(Vec::new());
                            }
                            self.state = Walk::Type { read: 0, typ: 0 };
                        } else {
                            // The length fits in the part, which fits in the budget.
                            self.state = Walk::Body { left: len, keeping: keep.then(Vec::new) };
                        }
                    }
                }
            }
            i += 1;
            self.at += 1;
        }
        Ok(())
    }

    fn finish(self) -> Result<(), String> {
        match self.state {
            Walk::Type { read: 0, .. } => Ok(()),
            _ => Err(format!("the last record is cut short at byte {}", self.at)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_lengths_must_fit_the_part() {
        // BrtBeginSheet (0x81 0x01, length 0), then a number cell of two bytes.
        let ok = [0x81, 0x01, 0x00, 0x05, 0x02, 0xAA, 0xBB];
        let mut w = RecordWalk::new(ok.len() as u64);
        w.feed(&ok[..4]).unwrap();
        w.feed(&ok[4..]).unwrap();
        w.finish().unwrap();
        // A cell record claiming 256 MB in a nine-byte part.
        let lie = [0x81, 0x01, 0x00, 0x05, 0xFF, 0xFF, 0xFF, 0x7F, 0x00];
        assert!(RecordWalk::new(lie.len() as u64).feed(&lie).unwrap_err().contains("claims 268435455 bytes"));
        // A part declared six bytes long that ends inside a four-byte record.
        let mut w = RecordWalk::new(6);
        w.feed(&[0x05, 0x04, 0x00]).unwrap();
        assert!(w.finish().is_err(), "a record cut short");
    }

    #[test]
    fn sheet_records_must_hold_their_lengths_and_name_a_relationship() {
        let wide = |s: &str| {
            let mut b = (s.encode_utf16().count() as u32).to_le_bytes().to_vec();
            b.extend(s.encode_utf16().flat_map(u16::to_le_bytes));
            b
        };
        let record = |id: &[u8], name: &[u8]| [&[0u8; 8][..], id, name].concat();
        let rels = br#"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.bin"/></Relationships>"#;
        assert_eq!(xlsb_sheets(&[record(&wide("rId1"), &wide("Campaigns"))], rels), Ok(()));
        let unknown = xlsb_sheets(&[record(&wide("rId9"), &wide("Campaigns"))], rels).unwrap_err();
        assert!(unknown.contains("\"rId9\""), "{unknown}");
        assert!(xlsb_sheets(&[vec![0; 4]], rels).unwrap_err().contains("too short"));
        let lie = record(&0x7FFF_FFFFu32.to_le_bytes(), b"");
        assert!(xlsb_sheets(&[lie], rels).unwrap_err().contains("claims 2147483647 characters"));
        assert!(xlsb_sheets(&[record(&wide("rId1"), &[9, 0, 0, 0])], rels).unwrap_err().contains("name claims 9"));
        // The walk keeps the sheet records' bodies, also across chunks: type 156 is 0x9C 0x01.
        let body = record(&wide("rId1"), &wide("S"));
        let mut part = vec![0x9C, 0x01, body.len() as u8];
        part.extend_from_slice(&body);
        let mut w = RecordWalk::new(part.len() as u64);
        w.keep = Some(BUNDLE_SHEET);
        w.feed(&part[..5]).unwrap();
        w.feed(&part[5..]).unwrap();
        assert_eq!(w.kept, vec![body]);
        assert_eq!(relationship_ids(br#"<Relationship Target='x' Id='a'/><Relationship TargetId="no" Id="b"/>"#), ["a", "b"]);
    }

    #[test]
    fn shared_string_claims() {
        assert_eq!(unique_count(br#"<?xml?><sst xmlns="x" count="9" uniqueCount="4000000000"><si>"#), Some(4_000_000_000));
        assert_eq!(unique_count(b"<sst><si>"), None);
    }

    #[test]
    fn shared_strings_are_counted_across_chunks() {
        let limits = Limits { cells: 1, bytes: 1 };
        let mut scan = PartScan::new("xl/sharedStrings.xml", Format::Xlsx, 1 << 20, limits).unwrap();
        for chunk in [&b"<sst><si><t>a</t></si><s"[..], b"i><t>b</t></si><si", b"/><si", b">x</si></sst>"] {
            scan.feed(chunk).unwrap();
        }
        let PartScan::SharedStrings { strings, .. } = scan else { unreachable!() };
        assert_eq!(strings, 4);
    }
}
