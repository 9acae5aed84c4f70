//! A structural check of compound files (xls, encrypted Office files) before calamine
//! reads them: calamine 0.38 indexes past its buffer (a panic) when a sector chain
//! points beyond the end of a truncated file. Found by the importer's fuzz target.

use super::error::ImportError;

/// Sector ids at or above this are markers (free, end of chain, FAT, DIFAT), not sectors.
const MAX_REGULAR: u32 = 0xFFFF_FFFA;

fn u32_at(b: &[u8], i: usize) -> Option<u32> {
    b.get(i..i + 4).map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

fn corrupt(detail: &str) -> ImportError {
    ImportError::Corrupt { format: "xls".into(), detail: detail.into() }
}

/// Checks that every sector the header, the DIFAT, the FAT and the mini FAT refer to
/// lies inside the file.
pub fn check(bytes: &[u8]) -> Result<(), ImportError> {
    let shift = bytes.get(0x1E..0x20).map(|s| u16::from_le_bytes([s[0], s[1]])).ok_or_else(|| corrupt("header cut short"))?;
    let size: usize = match shift {
        9 => 512,
        12 => 4096,
        _ => return Err(corrupt("unknown sector size")),
    };
    if bytes.len() < size {
        return Err(corrupt("header cut short"));
    }
    // Sectors that exist: the data after the header, a partial last sector included.
    let available = (bytes.len() - size).div_ceil(size);
    let sector = |id: u32| -> Result<&[u8], ImportError> {
        if id as usize >= available {
            return Err(corrupt("a sector points past the end of the file"));
        }
        let start = size + id as usize * size;
        Ok(&bytes[start..(start + size).min(bytes.len())])
    };
    let regular = |id: u32| id < MAX_REGULAR;
    // DIFAT: 109 ids in the header, then a chain of DIFAT sectors.
    let mut fat_sectors: Vec<u32> = (0..109).filter_map(|i| u32_at(bytes, 0x4C + 4 * i)).filter(|&id| regular(id)).collect();
    let mut next = u32_at(bytes, 0x44).unwrap_or(u32::MAX);
    let mut hops = 0;
    while regular(next) {
        hops += 1;
        if hops > available {
            return Err(corrupt("the sector allocation table loops"));
        }
        let s = sector(next)?;
        let ids: Vec<u32> = s.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect();
        let (last, rest) = ids.split_last().ok_or_else(|| corrupt("empty DIFAT sector"))?;
        fat_sectors.extend(rest.iter().copied().filter(|&id| regular(id)));
        next = *last;
    }
    let mut fat = Vec::new();
    for id in fat_sectors {
        fat.extend(sector(id)?.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])));
    }
    // calamine follows chains as `fat[id]`: every id must be a sector and a FAT index.
    let limit = available.min(fat.len());
    if fat.iter().any(|&id| regular(id) && id as usize >= limit) {
        return Err(corrupt("a sector chain points past the end of the file"));
    }
    for at in [0x30, 0x3C] {
        if let Some(id) = u32_at(bytes, at).filter(|&id| regular(id)) {
            if id as usize >= limit {
                return Err(corrupt("a stream starts past the end of the file"));
            }
        }
    }
    // The directory chain is read to its end: it must end, not loop.
    let mut next = u32_at(bytes, 0x30).unwrap_or(u32::MAX);
    let mut hops = 0;
    while regular(next) {
        hops += 1;
        if hops > fat.len() {
            return Err(corrupt("the directory chain loops"));
        }
        next = fat[next as usize];
    }
    // The mini stream lives in the root directory entry's chain; mini sectors are 64 bytes.
    let dir = sector(u32_at(bytes, 0x30).unwrap_or(u32::MAX)).unwrap_or(&[]);
    let mini_len = u32_at(dir, 0x78).unwrap_or(0) as usize;
    // calamine reads the mini stream along the root entry's chain and slices a mini sector
    // from what it got: a chain that ends early gives it fewer bytes than the entry claims
    // (found by fuzzing), so only the sectors really there count.
    let root_start = u32_at(dir, 0x74).unwrap_or(u32::MAX);
    let mini_real = chain(root_start, &fat, mini_len, |id| sector(id).ok()).len();
    let mini_available = mini_real.div_ceil(64);
    let mut next = u32_at(bytes, 0x3C).unwrap_or(u32::MAX);
    let mut hops = 0;
    while regular(next) {
        hops += 1;
        if hops > available {
            return Err(corrupt("the mini allocation table loops"));
        }
        let s = sector(next)?;
        if s.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).any(|id| regular(id) && id as usize >= mini_available)
        {
            return Err(corrupt("a mini sector chain points past the end of its stream"));
        }
        next = fat.get(next as usize).copied().unwrap_or(u32::MAX);
    }
    Ok(())
}

/// The sector size and the FAT of a compound file that [`check`] has passed.
fn fat(bytes: &[u8]) -> Option<(usize, Vec<u32>)> {
    let size = match u16::from_le_bytes([*bytes.get(0x1E)?, *bytes.get(0x1F)?]) {
        9 => 512,
        12 => 4096,
        _ => return None,
    };
    let mut ids: Vec<u32> = (0..109).filter_map(|i| u32_at(bytes, 0x4C + 4 * i)).filter(|&id| id < MAX_REGULAR).collect();
    let mut next = u32_at(bytes, 0x44).unwrap_or(u32::MAX);
    let mut hops = 0;
    while next < MAX_REGULAR && hops <= bytes.len() / size {
        hops += 1;
        let s = bytes.get(size + next as usize * size..size + (next as usize + 1) * size)?;
        let all: Vec<u32> = s.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect();
        let (last, rest) = all.split_last()?;
        ids.extend(rest.iter().copied().filter(|&id| id < MAX_REGULAR));
        next = *last;
    }
    let mut fat = Vec::new();
    for id in ids {
        let start = size + id as usize * size;
        let s = bytes.get(start..(start + size).min(bytes.len()))?;
        fat.extend(s.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])));
    }
    Some((size, fat))
}

/// The bytes of the chain starting at `first`, in units of `unit` bytes taken from
/// `sector(id)`, following `table`; at most `max` bytes, and never looping.
fn chain<'a>(first: u32, table: &[u32], max: usize, sector: impl Fn(u32) -> Option<&'a [u8]>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut next = first;
    let mut hops = 0;
    while next < MAX_REGULAR && out.len() < max && hops <= table.len() {
        hops += 1;
        let Some(s) = sector(next) else { break };
        out.extend_from_slice(s);
        next = table.get(next as usize).copied().unwrap_or(u32::MAX);
    }
    out.truncate(max);
    out
}

/// The `Workbook` (or BIFF5 `Book`) stream of a compound file that [`check`] has
/// passed, read the way calamine reads it (from the mini stream when it is small).
pub fn workbook_stream(bytes: &[u8]) -> Option<Vec<u8>> {
    let (size, fat) = fat(bytes)?;
    let sector = |id: u32| -> Option<&[u8]> {
        let start = size.checked_add((id as usize).checked_mul(size)?)?;
        bytes.get(start..(start + size).min(bytes.len()))
    };
    let dir = chain(u32_at(bytes, 0x30)?, &fat, bytes.len(), sector);
    let entries: Vec<&[u8]> = dir.chunks_exact(128).collect();
    let root = entries.first()?;
    let name_of = |e: &[u8]| {
        let n = (u16::from_le_bytes([e[64], e[65]]) as usize).min(64).saturating_sub(2);
        String::from_utf16_lossy(&e[..n].chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect::<Vec<_>>())
    };
    let entry = entries
        .iter()
        .find(|e| e[66] == 2 && name_of(e) == "Workbook")
        .or_else(|| entries.iter().find(|e| e[66] == 2 && name_of(e) == "Book"))?;
    let (start, len) = (u32_at(entry, 116)?, u32_at(entry, 120)? as usize);
    let cutoff = u32_at(bytes, 0x38).unwrap_or(4096) as usize;
    if len >= cutoff {
        return Some(chain(start, &fat, len, sector));
    }
    let mini_stream = chain(u32_at(root, 116)?, &fat, u32_at(root, 120)? as usize, sector);
    let mini_fat: Vec<u32> = chain(u32_at(bytes, 0x3C)?, &fat, bytes.len(), sector)
        .chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect();
    Some(chain(start, &mini_fat, len, |id| mini_stream.get(id as usize * 64..(id as usize * 64 + 64).min(mini_stream.len()))))
}
