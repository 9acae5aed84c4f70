//! A structural check of compound files (xls, encrypted Office files) before calamine
//! reads them. calamine 0.38 follows sector chains as `fats[id]` and slices sectors out of
//! what it has read without bounds checks, so a chain that points past the file, past its
//! table, or past a short mini stream panics (found by the importer's fuzz targets), and a
//! chain that loops grows a stream to whatever length its directory entry claims.
//!
//! One parse, [`Compound::read`], mirrors what calamine's `Cfb::new` and `get_stream` will
//! read, and refuses the file where they would panic or loop; [`check`] and
//! [`workbook_stream`] are both made of it.

use super::error::ImportError;

/// Sector ids at or above this are markers (free, end of chain, FAT, DIFAT), not sectors.
const MAX_REGULAR: u32 = 0xFFFF_FFFA;
/// The end-of-chain marker: the only one calamine stops at.
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
/// calamine reads a stream shorter than this from the mini stream (it ignores the header's
/// cutoff field, which is always 4096 in files that Office writes).
const MINI_CUTOFF: usize = 4096;
/// Mini sectors are 64 bytes (calamine refuses any other mini sector shift).
const MINI_SIZE: usize = 64;

fn u32_at(b: &[u8], i: usize) -> Option<u32> {
    b.get(i..i + 4).map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

fn u32s(b: &[u8]) -> impl Iterator<Item = u32> + '_ {
    b.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
}

/// The ids of an allocation table (a DIFAT or FAT sector, the mini FAT): calamine asserts
/// that its length is a whole number of ids, so a table cut short at the end of the file
/// (found by fuzzing) is refused here.
fn table(b: &[u8], what: &str) -> Result<Vec<u32>, ImportError> {
    if !b.len().is_multiple_of(4) {
        return Err(corrupt(&format!("the {what} is cut short")));
    }
    Ok(u32s(b).collect())
}

fn corrupt(detail: &str) -> ImportError {
    ImportError::Corrupt { format: "xls".into(), detail: detail.into() }
}

/// Sectors of one size, as calamine's `Sectors` hands them out: sector `id` is the bytes at
/// `id * size` of `data` (a partial last sector included).
struct Units<'a> {
    data: &'a [u8],
    size: usize,
    /// A short last sector makes calamine read on from the file into it (its mini stream
    /// does this), so a stream must not need more than such a sector holds.
    spills: bool,
}

impl<'a> Units<'a> {
    /// How many sectors hold data.
    fn count(&self) -> usize {
        self.data.len().div_ceil(self.size)
    }

    fn get(&self, id: u32) -> Option<&'a [u8]> {
        let start = (id as usize).checked_mul(self.size)?;
        (start < self.data.len()).then(|| &self.data[start..(start + self.size).min(self.data.len())])
    }

    /// The first `len` bytes of the chain from `first`, following `table`, exactly as
    /// calamine's `get_chain` reads them, or why calamine would panic or loop on it: every
    /// sector it visits must hold data, every sector after which the stream is still short
    /// must have an entry in `table`, and no chain is longer than there are sectors.
    fn chain(&self, first: u32, table: &[u32], len: usize, what: &str) -> Result<Vec<u8>, ImportError> {
        let mut out = Vec::new();
        let mut id = first;
        let mut hops = 0;
        while id != END_OF_CHAIN {
            let sector = self.get(id).ok_or_else(|| corrupt(&format!("the {what} points past the end of its data")))?;
            hops += 1;
            if hops > self.count() {
                return Err(corrupt(&format!("the {what} chain loops")));
            }
            out.extend_from_slice(&sector[..sector.len().min(len - out.len())]);
            if out.len() >= len {
                break;
            }
            if self.spills && sector.len() < self.size {
                return Err(corrupt(&format!("the {what} runs past the end of the mini stream")));
            }
            id = *table.get(id as usize).ok_or_else(|| corrupt(&format!("the {what} chain points past its allocation table")))?;
        }
        Ok(out)
    }
}

/// A directory entry as calamine reads it.
struct Entry {
    name: String,
    start: u32,
    len: usize,
}

/// A compound file that calamine can open and read its workbook stream from without
/// panicking.
pub struct Compound<'a> {
    sectors: Units<'a>,
    fat: Vec<u32>,
    entries: Vec<Entry>,
    /// The mini stream and its table; empty when the header counts no mini FAT sectors
    /// (calamine then reads neither).
    mini_stream: Vec<u8>,
    mini_fat: Vec<u32>,
}

impl<'a> Compound<'a> {
    /// Parses the header, the DIFAT, the FAT, the directory and the mini stream the way
    /// calamine's `Cfb::new` does, refusing what would make it panic or loop.
    pub fn read(bytes: &'a [u8]) -> Result<Compound<'a>, ImportError> {
        let shift = bytes.get(0x1E..0x20).map(|s| u16::from_le_bytes([s[0], s[1]])).ok_or_else(|| corrupt("header cut short"))?;
        let size: usize = match shift {
            9 => 512,
            12 => 4096,
            _ => return Err(corrupt("unknown sector size")),
        };
        if bytes.len() < size {
            return Err(corrupt("header cut short"));
        }
        let sectors = Units { data: &bytes[size..], size, spills: false };
        let regular = |id: u32| id < MAX_REGULAR;
        let sector = |id: u32| sectors.get(id).ok_or_else(|| corrupt("a sector points past the end of the file"));
        // DIFAT: 109 ids in the header, then a chain of DIFAT sectors whose last id links on.
        let mut fat_sectors: Vec<u32> = u32s(&bytes[0x4C..512]).filter(|&id| regular(id)).collect();
        let mut next = u32_at(bytes, 0x44).unwrap_or(u32::MAX);
        let mut hops = 0;
        while regular(next) {
            hops += 1;
            if hops > sectors.count() {
                return Err(corrupt("the sector allocation table loops"));
            }
            let ids = table(sector(next)?, "sector allocation table")?;
            let (last, rest) = ids.split_last().ok_or_else(|| corrupt("empty DIFAT sector"))?;
            fat_sectors.extend(rest.iter().copied().filter(|&id| regular(id)));
            next = *last;
        }
        let mut fat = Vec::new();
        for id in fat_sectors {
            fat.extend(table(sector(id)?, "sector allocation table")?);
        }
        let dir = sectors.chain(u32_at(bytes, 0x30).unwrap_or(END_OF_CHAIN), &fat, usize::MAX, "directory")?;
        let mut entries = Vec::new();
        for e in dir.chunks_exact(128) {
            // calamine decodes all 64 name bytes and cuts at the first NUL, ignoring the
            // name length field.
            let units: Vec<u16> = e[..64].chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
            let mut name = String::from_utf16_lossy(&units);
            name.truncate(name.find('\0').unwrap_or(name.len()));
            let len = if size == 512 {
                u32_at(e, 120).unwrap_or(0) as usize
            } else {
                // A version 4 length is 64 bits; calamine unwraps its conversion to usize,
                // which panics on wasm32 above 4 GB.
                let wide = u64::from_le_bytes(e[120..128].try_into().unwrap_or([0; 8]));
                usize::try_from(u32::try_from(wide).map_err(|_| corrupt("a stream claims more than 4 GB"))?).unwrap_or(usize::MAX)
            };
            entries.push(Entry { name, start: u32_at(e, 116).unwrap_or(END_OF_CHAIN), len });
        }
        let root = entries.first().ok_or_else(|| corrupt("the directory is empty"))?;
        let mini_fat_sectors = u32_at(bytes, 0x40).unwrap_or(0) as usize;
        let (mini_stream, mini_fat) = if mini_fat_sectors > 0 {
            let mini_stream = sectors.chain(root.start, &fat, root.len, "mini stream")?;
            let claim = mini_fat_sectors.checked_mul(size).filter(|&n| u32::try_from(n).is_ok()).ok_or_else(|| corrupt("the mini allocation table claims more than 4 GB"))?;
            let mini_fat = sectors.chain(u32_at(bytes, 0x3C).unwrap_or(END_OF_CHAIN), &fat, claim, "mini allocation table")?;
            (mini_stream, table(&mini_fat, "mini allocation table")?)
        } else {
            (Vec::new(), Vec::new())
        };
        Ok(Compound { sectors, fat, entries, mini_stream, mini_fat })
    }

    /// The stream calamine's `get_stream(name)` returns: the first entry whose name matches
    /// without regard to ASCII case, read from the mini stream when it is short. `Ok(None)`
    /// when there is no such entry.
    fn stream(&self, name: &str) -> Result<Option<Vec<u8>>, ImportError> {
        let Some(entry) = self.entries.iter().find(|e| e.name.eq_ignore_ascii_case(name)) else { return Ok(None) };
        let what = format!("{name} stream");
        let bytes = if entry.len < MINI_CUTOFF {
            Units { data: &self.mini_stream, size: MINI_SIZE, spills: true }.chain(entry.start, &self.mini_fat, entry.len, &what)?
        } else {
            self.sectors.chain(entry.start, &self.fat, entry.len, &what)?
        };
        Ok(Some(bytes))
    }

    /// The `Workbook` stream, or the BIFF5 `Book` stream, as calamine's xls reader reads
    /// it; `Ok(None)` when there is neither.
    pub fn workbook(&self) -> Result<Option<Vec<u8>>, ImportError> {
        match self.stream("Workbook")? {
            Some(s) => Ok(Some(s)),
            None => self.stream("Book"),
        }
    }
}

/// Checks that calamine can open the compound file and read its workbook stream without
/// panicking or looping. A file with no workbook stream passes: calamine says so itself.
pub fn check(bytes: &[u8]) -> Result<(), ImportError> {
    Compound::read(bytes)?.workbook().map(|_| ())
}

/// The `Workbook` (or BIFF5 `Book`) stream of a compound file, read the way calamine reads
/// it, or `None` where [`check`] refuses the file.
pub fn workbook_stream(bytes: &[u8]) -> Option<Vec<u8>> {
    Compound::read(bytes).ok()?.workbook().ok()?
}
