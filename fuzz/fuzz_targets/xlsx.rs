//! Arbitrary bytes read as a .xlsx file by every importer (see common.rs).
#![no_main]

#[path = "common.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| common::run(data, "f.xlsx"));
