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

/// The default time budget of one import, in seconds: far beyond what any real workbook
/// needs (a million-row sheet reads in seconds), short of a hang.
pub const DEFAULT_MAX_SECONDS: u64 = 600;

/// Sets the time budget of every import on this thread from now on (the CLI's
/// `--max-seconds`; per thread, so that tests running side by side keep their own). Time is
/// counted from the outermost [`contain`] and checked where sheetkpi's own code walks the
/// file (inflating parts, counting cells), so work that stalls inside calamine is stopped at
/// the next such point. In WebAssembly there is no clock here: the page bounds the worker.
pub fn set_time_budget(seconds: u64) {
    MAX_SECONDS.with(|m| m.set(seconds));
}

/// [`ImportError::TooSlow`] once the current import is past the time budget.
pub fn check_time() -> Result<(), ImportError> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        let seconds = MAX_SECONDS.with(Cell::get);
        let late = STARTED.with(|s| s.get().is_some_and(|t| t.elapsed().as_secs_f64() > seconds as f64));
        if late {
            return Err(ImportError::TooSlow { seconds });
        }
    }
    Ok(())
}

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
    /// The time budget in seconds ([`set_time_budget`]).
    static MAX_SECONDS: Cell<u64> = const { Cell::new(DEFAULT_MAX_SECONDS) };
    /// When the outermost [`contain`] began: the import's clock.
    #[cfg(not(target_arch = "wasm32"))]
    static STARTED: Cell<Option<std::time::Instant>> = const { Cell::new(None) };
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
    let outermost = CONTAINING.with(|c| {
        c.set(c.get() + 1);
        c.get() == 1
    });
    #[cfg(not(target_arch = "wasm32"))]
    if outermost {
        STARTED.with(|s| s.set(Some(std::time::Instant::now())));
    }
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    CONTAINING.with(|c| c.set(c.get() - 1));
    #[cfg(not(target_arch = "wasm32"))]
    if outermost {
        STARTED.with(|s| s.set(None));
    }
    let _ = outermost; // only the clock needs it, and wasm32 has none
    result.unwrap_or_else(|payload| {
        let why = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "an internal fault".into());
        Err(ImportError::Damaged { detail: format!("the reader stopped: {why}") }.into())
    })
}

/// The current import's clock: its time budget and when it began, carried to a thread
/// that reads for it ([`super::read_ahead`]) so that the budget holds there too.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Clone, Copy, Debug)]
pub struct Clock {
    max_seconds: u64,
    started: Option<std::time::Instant>,
}

/// This thread's import clock ([`Clock`]).
#[cfg(not(target_arch = "wasm32"))]
pub fn clock() -> Clock {
    Clock { max_seconds: MAX_SECONDS.with(Cell::get), started: STARTED.with(Cell::get) }
}

/// [`contain`] on a thread working for the import whose clock is `clock`: its time
/// budget counts from the import's start, not from this thread's.
#[cfg(not(target_arch = "wasm32"))]
pub fn contain_for<T, E: From<ImportError>>(clock: Clock, f: impl FnOnce() -> Result<T, E>) -> Result<T, E> {
    MAX_SECONDS.with(|m| m.set(clock.max_seconds));
    contain(|| {
        if clock.started.is_some() {
            STARTED.with(|s| s.set(clock.started));
        }
        f()
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

    #[test]
    fn past_the_time_budget_an_import_stops_with_a_message() {
        // Outside an import there is no clock to be late on.
        assert_eq!(check_time(), Ok(()));
        set_time_budget(0);
        let r: Result<(), ImportError> = contain(|| {
            std::thread::sleep(std::time::Duration::from_millis(5));
            check_time()
        });
        set_time_budget(DEFAULT_MAX_SECONDS);
        assert_eq!(r, Err(ImportError::TooSlow { seconds: 0 }));
        assert!(r.unwrap_err().cli_message().contains("--max-seconds N"));
        assert_eq!(contain(check_time), Ok(()));
    }

    #[test]
    fn a_thread_reading_for_an_import_keeps_its_clock() {
        set_time_budget(0);
        let r: Result<(), ImportError> = contain(|| {
            std::thread::sleep(std::time::Duration::from_millis(5));
            let clock = clock();
            // The other thread's own budget would be the default; the import's is 0 and spent.
            std::thread::spawn(move || contain_for(clock, check_time)).join().unwrap()
        });
        set_time_budget(DEFAULT_MAX_SECONDS);
        assert_eq!(r, Err(ImportError::TooSlow { seconds: 0 }));
    }
}
