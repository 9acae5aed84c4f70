//! Arbitrary bytes into the importer: the report and the audit must return a value or
//! an `ImportError`, never panic, hang or allocate without bound.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sheetkpi::import::{audit::audit, report, Options};

fuzz_target!(|data: &[u8]| {
    // A small cell limit keeps a lying dimension from allocating much.
    for name in ["f.xlsx", "f.csv"] {
        let opts = Options { max_cells: 1_000_000, file_name: Some(name.into()), ..Options::default() };
        if let Ok(r) = report(data, &opts) {
            let _ = sheetkpi::import::render::csv(&r);
        }
    }
    let _ = audit(data, Some("f.xlsx"), 1_000_000);
});
