//! The CLI on a corpus of hostile workbooks (issue 14), each run under a memory cap and
//! a time limit: every file must give a report (exit 0) or one `sheetkpi: …` message
//! (exit 2), never a signal (134 abort, 137 kill), a panic (101) or a hang, and never a
//! temporary file left beside `--out`.
//!
//! The corpus is written at test time by `scripts/hostile-corpus.py` (stdlib Python), so
//! no generated binary is committed; `--big` adds the gigabyte bombs.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The address-space cap for each run. A report of these small files needs a few tens of
/// MB; 1 GiB is far below what the bombs would take if their claims were believed.
const MEMORY_CAP: u64 = 1 << 30;
/// Each run must end within this (a debug build: a release build is several times faster).
const TIME_LIMIT: Duration = Duration::from_secs(60);

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// Writes the corpus into `dir` and returns `(file name, description)` per file.
fn corpus(dir: &Path) -> Vec<(String, String)> {
    let script = repo().join("scripts/hostile-corpus.py");
    let status = Command::new("python3").arg(&script).arg(dir).arg("--big").status().expect("python3 runs");
    assert!(status.success(), "{} failed", script.display());
    let index = std::fs::read_to_string(dir.join("index.tsv")).unwrap();
    index
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(n, d)| (n.to_string(), d.to_string()))
        .collect()
}

/// One run's outcome.
struct Run {
    code: Option<i32>,
    signal: Option<i32>,
    stderr: String,
    elapsed: Duration,
    peak_kib: u64,
}

/// The peak resident size of a running process, from /proc (0 once it is gone).
fn vm_hwm(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// Runs the CLI under `prlimit --as`, killing it past the time limit.
fn run(args: &[&str], cwd: &Path) -> Run {
    use std::os::unix::process::ExitStatusExt;
    let start = Instant::now();
    // prlimit execs the CLI, so the child's pid is the CLI's own.
    let mut child = Command::new("prlimit")
        .arg(format!("--as={MEMORY_CAP}"))
        .arg("--")
        .arg(env!("CARGO_BIN_EXE_sheetkpi"))
        .args(args)
        .current_dir(cwd)
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("prlimit runs (util-linux)");
    let mut peak = 0;
    let status = loop {
        peak = peak.max(vm_hwm(child.id()));
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            break child.wait().unwrap();
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let mut stderr = String::new();
    use std::io::Read;
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    Run { code: status.code(), signal: status.signal(), stderr, elapsed: start.elapsed(), peak_kib: peak }
}

/// What is wrong with a run, if anything. `ok` are the exit codes that mean an answer.
fn judge(r: &Run, ok: &[i32], out: Option<&Path>) -> Option<String> {
    if r.elapsed > TIME_LIMIT {
        return Some(format!("did not end within {TIME_LIMIT:?}"));
    }
    if let Some(s) = r.signal {
        return Some(format!("killed by signal {s}: {}", r.stderr.lines().next().unwrap_or("")));
    }
    let code = r.code.unwrap_or(-1);
    if code == 2 {
        if !r.stderr.starts_with("sheetkpi: ") || r.stderr.contains("panicked") {
            return Some(format!("exit 2 without a clean message: {}", r.stderr.lines().next().unwrap_or("")));
        }
        if out.is_some_and(Path::exists) {
            return Some("exit 2, yet the --out file was written".into());
        }
        return None;
    }
    if !ok.contains(&code) {
        return Some(format!("exit {code}: {}", r.stderr.lines().next().unwrap_or("")));
    }
    if out.is_some_and(|o| !o.exists()) {
        return Some(format!("exit {code} without writing --out"));
    }
    None
}

/// Temporary files of `--out` left in `dir`.
fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".sheetkpi-"))
        .collect()
}

#[test]
fn every_hostile_file_gets_a_report_or_a_message() {
    let tmp = tempfile::tempdir().unwrap();
    let files = tmp.path().join("corpus");
    let outs = tmp.path().join("out");
    std::fs::create_dir_all(&outs).unwrap();
    let corpus = corpus(&files);
    assert!(corpus.len() >= 100, "the corpus has {} files", corpus.len());
    let mut failures = Vec::new();
    let (mut runs, mut peak, mut slowest) = (0, 0u64, (Duration::ZERO, String::new()));
    for (name, what) in &corpus {
        let path = files.join(name);
        let path = path.to_str().unwrap();
        let out = outs.join(format!("{name}.csv"));
        let mut cases: Vec<(Vec<&str>, &[i32], Option<&Path>)> =
            vec![(vec!["report", path, "--out", out.to_str().unwrap()], &[0], Some(&out))];
        if !name.ends_with(".csv") {
            // audit: 1 means a stale formula, an answer too.
            cases.push((vec!["audit", path], &[0, 1], None));
        }
        cases.push((vec!["attribute", path], &[0, 1], None));
        cases.push((vec!["clv", path, "--unit", "weeks"], &[0, 1], None));
        // convert reads every format's header (and refuses all but xlsx/xlsm with a message).
        let converted = outs.join(format!("{name}.converted.xlsx"));
        let converted_arg = converted.to_str().unwrap().to_string();
        cases.push((vec!["convert", path, "--to", "sheets", "--out", &converted_arg], &[0], Some(&converted)));
        for (args, ok, out) in cases {
            let r = run(&args, &outs);
            runs += 1;
            peak = peak.max(r.peak_kib);
            if r.elapsed > slowest.0 {
                slowest = (r.elapsed, format!("{} {name}", args[0]));
            }
            if let Some(why) = judge(&r, ok, out) {
                failures.push(format!("{} {name} ({what}): {why}", args[0]));
            }
            let left = leftovers(&outs);
            if !left.is_empty() {
                failures.push(format!("{} {name}: left {left:?} beside --out", args[0]));
                for l in left {
                    let _ = std::fs::remove_file(outs.join(l));
                }
            }
        }
    }
    eprintln!(
        "{} files, {runs} runs; peak resident {} MiB; slowest {:?} ({})",
        corpus.len(),
        peak / 1024,
        slowest.0,
        slowest.1
    );
    assert!(failures.is_empty(), "{} of {runs} runs failed:\n{}", failures.len(), failures.join("\n"));
}
