//! One budget per import, checked against what a file claims before anything is
//! allocated from the claim, and a guard that turns a reader's panic into a message.
//!
//! A workbook can claim far more than it holds (a shared-string count of four billion,
//! a sheet of 17 billion cells, a zip entry that inflates a thousand times): the
//! pre-read checks ([`super::zip_check`], [`super::ods_check`], [`super::biff_check`])
//! compare each claim with [`Limits`] and refuse it with [`ImportError::TooLarge`] or
//! [`ImportError::TooManyBytes`] before calamine believes it.

use super::error::ImportError;
use std::cell::Cell;

/// The default byte budget: 1 GiB inflated from a workbook's parts, and as much memory
/// for what its claims would cost (shared strings, loaded sheets).
pub const DEFAULT_MAX_BYTES: u64 = 1 << 30;

/// The budget of one import.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Cells a sheet may claim or hold.
    pub cells: u64,
    /// Bytes the parts of a zip-based workbook may inflate to, and bytes of memory the
    /// file's claims may cost (estimated from the claims, before reading).
    pub bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { cells: super::DEFAULT_MAX_CELLS, bytes: DEFAULT_MAX_BYTES }
    }
}

impl Limits {
    /// Refuses an estimated memory cost over the byte budget.
    pub fn check_bytes(&self, what: impl FnOnce() -> String, bytes: u64) -> Result<(), ImportError> {
        if bytes > self.bytes {
            return Err(ImportError::TooManyBytes { detail: what(), limit: self.bytes });
        }
        Ok(())
    }
}

thread_local! {
    static CONTAINING: Cell<u32> = const { Cell::new(0) };
}

/// Whether the current thread is inside [`contain`]: a panic hook can stay quiet then,
/// because the panic becomes an [`ImportError::Damaged`] message.
pub fn containing() -> bool {
    CONTAINING.with(|c| c.get() > 0)
}

/// Runs `f`, turning a panic inside it (calamine's, on a damaged file) into
/// [`ImportError::Damaged`]. Native builds unwind; in WebAssembly a panic aborts (the
/// page starts a fresh instance).
pub fn contain<T, E: From<ImportError>>(f: impl FnOnce() -> Result<T, E>) -> Result<T, E> {
    CONTAINING.with(|c| c.set(c.get() + 1));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    CONTAINING.with(|c| c.set(c.get() - 1));
    result.unwrap_or_else(|payload| {
        let why = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "an internal fault".into());
        Err(ImportError::Damaged { detail: format!("the reader stopped: {why}") }.into())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_inside_becomes_a_damaged_file_message() {
        let r: Result<(), ImportError> = contain(|| panic!("index out of range"));
        assert_eq!(r, Err(ImportError::Damaged { detail: "the reader stopped: index out of range".into() }));
        assert!(!containing(), "the guard is released after the panic");
        assert_eq!(contain(|| Ok::<_, ImportError>(7)), Ok(7));
    }
}
