//! A reader that stops early (`sheetkpi functions --json | head`) ends every command
//! quietly: exit 0, no panic message. Each case writes far more than a pipe holds, so
//! the command is still writing when the pipe closes.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Linux's default pipe capacity, plus the CLI's output buffer: output beyond this
/// cannot all be written before the reader goes away.
const PIPE_AND_BUFFER: usize = 65_536 + 8_192;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn sheetkpi() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_sheetkpi"));
    c.current_dir(root());
    c
}

/// Runs `args` to the end, then again reading only a few bytes before closing the pipe.
fn ends_quietly_when_the_reader_stops(args: &[&str]) {
    let full = sheetkpi().args(args).output().unwrap();
    assert!(full.status.success(), "{args:?}: {}", String::from_utf8_lossy(&full.stderr));
    assert!(full.stdout.len() > PIPE_AND_BUFFER, "{args:?} writes only {} bytes: the test would prove nothing", full.stdout.len());

    let mut child = sheetkpi().args(args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).unwrap();
    assert_eq!(first, full.stdout[..16], "{args:?}");
    drop(stdout);
    let o = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!err.contains("panicked") && !err.contains("Broken pipe"), "{args:?}: {err}");
    // None would mean killed by a signal (SIGPIPE, or SIGABRT from a release-build panic).
    assert_eq!(o.status.code(), Some(0), "{args:?}: {err}");
}

// `docs` (49 KB) fits in the pipe, so it cannot be tested this way; it writes through
// the same writer as the commands below.
#[test]
fn functions_and_examples() {
    ends_quietly_when_the_reader_stops(&["functions", "--json"]);
    ends_quietly_when_the_reader_stops(&["examples", "--json"]);
}

#[test]
fn eval_report_and_audit() {
    let dir = tempfile::tempdir().unwrap();
    let formulas = dir.path().join("many.kpi");
    std::fs::write(&formulas, "ROAS(1000, 100)\nCPC(500, 250)\n".repeat(20_000)).unwrap();
    let formulas = formulas.to_str().unwrap();
    ends_quietly_when_the_reader_stops(&["eval", "--file", formulas]);
    ends_quietly_when_the_reader_stops(&["eval", "--json", "--file", formulas]);

    let csv = dir.path().join("big.csv");
    let mut text = String::from("Channel,Spend,Revenue,Clicks,Impressions\n");
    for i in 0..3_000 {
        text.push_str(&format!("Channel {},{},{},{},{}\n", i % 7, 100 + i, 400 + 3 * i, 20 + i, 1_000 + 10 * i));
    }
    std::fs::write(&csv, text).unwrap();
    let csv = csv.to_str().unwrap();
    ends_quietly_when_the_reader_stops(&["report", csv, "--format", "csv"]);
    ends_quietly_when_the_reader_stops(&["report", csv, "--rows"]);
    ends_quietly_when_the_reader_stops(&["report", csv, "--format", "json"]);

    // A workbook with thousands of KPI formulas to audit.
    let xlsx = dir.path().join("big.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for r in 0..3_000u32 {
        let n = r + 1;
        ws.write_number(r, 0, 400.0).unwrap();
        ws.write_number(r, 1, 100.0).unwrap();
        let f = rust_xlsxwriter::Formula::new(format!("=KPI.ROAS(A{n},B{n})")).set_result("4");
        ws.write_formula(r, 2, f).unwrap();
    }
    wb.save(&xlsx).unwrap();
    ends_quietly_when_the_reader_stops(&["audit", xlsx.to_str().unwrap(), "--all"]);
    ends_quietly_when_the_reader_stops(&["audit", xlsx.to_str().unwrap(), "--json"]);
}
