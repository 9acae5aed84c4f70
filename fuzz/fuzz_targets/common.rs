//! What every per-format target does with its bytes: each reader the hosts use (report,
//! audit, journeys, customers) under a small budget, so a lying size claim cannot allocate
//! much; each must return a value or an error, never panic, hang or allocate without bound.
//! `file_name` fixes the format the way a host's file name does.

use sheetkpi::import::{audit::audit_within, customers, journeys, report, Limits, Options};

/// Cells and bytes small enough for libFuzzer's 2 GB RSS limit with room to spare.
const LIMITS: Limits = Limits { cells: 1_000_000, bytes: 64 << 20 };

/// Runs every reader on `data` as a file called `file_name`.
pub fn run(data: &[u8], file_name: &str) {
    let name = Some(file_name.to_string());
    let opts = Options { max_cells: LIMITS.cells, max_bytes: LIMITS.bytes, file_name: name.clone(), ..Options::default() };
    if let Ok(r) = report(data, &opts) {
        let _ = sheetkpi::import::render::csv(&r, Default::default());
    }
    let _ = audit_within(data, Some(file_name), LIMITS);
    let j = journeys::JourneyOptions { max_cells: LIMITS.cells, max_bytes: LIMITS.bytes, file_name: name.clone(), ..Default::default() };
    let _ = journeys::read(data, &j);
    let c = customers::CustomerOptions { max_cells: LIMITS.cells, max_bytes: LIMITS.bytes, file_name: name, ..Default::default() };
    let _ = customers::read(data, &c);
}
