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
    let mini_available = mini_len.div_ceil(64);
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
