//! Pre-read checks of a zip-based workbook (xlsx, xlsm, xlsb, ods) against the byte
//! budget. The `zip` crate fails a part that inflates past its declared size, so the
//! declared sizes bound what calamine can inflate: their sum is checked first (a deflate
//! bomb declares its size or fails at it). Then two claims calamine allocates from:
//! the shared-string count (it reserves a `String` per claimed string, and each string
//! read costs an allocation beyond its text) and xlsb record lengths (it allocates a
//! record's claimed length before reading it).

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
            if k == 0 || !scan.feed(&buf[..k]).map_err(|d| corrupt(format, format!("{name}: {d}")))? {
                break;
            }
        }
        scan.finish(size, limits).map_err(|e| match e {
            Finding::Damaged(d) => corrupt(format, format!("{name}: {d}")),
            Finding::Over(e) => e,
        })?;
    }
    Ok(())
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
                Some(PartScan::Records(RecordWalk::new(declared)))
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
}

enum Walk {
    Type { read: u8 },
    Len { read: u8, len: u64 },
    Body { left: u64 },
}

impl RecordWalk {
    fn new(size: u64) -> RecordWalk {
        RecordWalk { size, at: 0, state: Walk::Type { read: 0 } }
    }

    fn feed(&mut self, chunk: &[u8]) -> Result<(), String> {
        let mut i = 0;
        while i < chunk.len() {
            match &mut self.state {
                Walk::Body { left } => {
                    let k = (*left).min((chunk.len() - i) as u64);
                    *left -= k;
                    i += k as usize;
                    self.at += k;
                    if *left == 0 {
                        self.state = Walk::Type { read: 0 };
                    }
                    continue;
                }
                Walk::Type { read } => {
                    *read += 1;
                    if chunk[i] & 0x80 == 0 || *read == 2 {
                        self.state = Walk::Len { read: 0, len: 0 };
                    }
                }
                Walk::Len { read, len } => {
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
                        self.state = if len == 0 { Walk::Type { read: 0 } } else { Walk::Body { left: len } };
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
            Walk::Type { read: 0 } => Ok(()),
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
