//! `--out` and the input file (issue 14): no output lost, nothing left behind, nothing
//! replaced that is not a regular file, and no read that cannot end.

mod common;

use common::{root, sheetkpi, stderr};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn sample() -> String {
    root().join("samples/campaigns.xlsx").to_string_lossy().into_owned()
}

fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo").arg(path).status().expect("mkfifo runs");
    assert!(ok.success());
}

#[test]
fn out_onto_a_symlink_is_refused_and_the_link_kept() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("target.csv");
    std::fs::write(&target, "kept").unwrap();
    let link = dir.path().join("link.csv");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let o = sheetkpi(&["report", &sample(), "--out", link.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("it is a symbolic link"), "{}", stderr(&o));
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "kept");
}

#[test]
fn out_onto_a_fifo_or_device_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.csv");
    mkfifo(&fifo);
    let o = sheetkpi(&["report", &sample(), "--out", fifo.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("named pipe"), "{}", stderr(&o));
    let o = sheetkpi(&["report", &sample(), "--format", "csv", "--out", "/dev/null"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("a device"), "{}", stderr(&o));
}

#[test]
fn new_output_files_take_the_umask() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.csv");
    // Through the shell, to run the CLI under a umask of its own.
    let status = Command::new("sh")
        .arg("-c")
        .arg("umask 027; exec \"$0\" report \"$1\" --out \"$2\"")
        .arg(env!("CARGO_BIN_EXE_sheetkpi"))
        .arg(sample())
        .arg(&out)
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(std::fs::metadata(&out).unwrap().permissions().mode() & 0o777, 0o640);
    // A file replaced keeps its permissions.
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o604)).unwrap();
    assert!(sheetkpi(&["report", &sample(), "--out", out.to_str().unwrap()]).status.success());
    assert_eq!(std::fs::metadata(&out).unwrap().permissions().mode() & 0o777, 0o604);
}

#[test]
fn a_fifo_or_device_as_input_is_refused_without_hanging() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("book.csv");
    mkfifo(&fifo);
    for input in [fifo.to_str().unwrap(), "/dev/zero"] {
        let start = Instant::now();
        let o = sheetkpi(&["report", input]);
        assert_eq!(o.status.code(), Some(2), "{input}");
        assert!(stderr(&o).contains("regular files only"), "{}", stderr(&o));
        assert!(start.elapsed() < Duration::from_secs(10));
    }
}

#[test]
fn stale_temporary_files_are_removed_and_fresh_ones_kept() {
    let dir = tempfile::tempdir().unwrap();
    let stale = dir.path().join(".sheetkpi-old123.tmp");
    let fresh = dir.path().join(".sheetkpi-new456.tmp");
    std::fs::write(&stale, "x").unwrap();
    std::fs::write(&fresh, "x").unwrap();
    // Two hours ago: older than any write takes (another run may own a fresh one).
    let old = std::time::SystemTime::now() - Duration::from_secs(7200);
    std::fs::File::options().write(true).open(&stale).unwrap().set_modified(old).unwrap();
    let out = dir.path().join("r.json");
    assert!(sheetkpi(&["report", &sample(), "--out", out.to_str().unwrap()]).status.success());
    assert!(!stale.exists());
    assert!(fresh.exists());
}

#[test]
fn sigterm_while_writing_leaves_no_temporary_file() {
    // A CSV large enough that writing its report takes a while.
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("big.csv");
    let mut text = String::from("Channel,Spend,Revenue,Clicks,Impressions\n");
    for i in 0..200_000 {
        text.push_str(&format!("C{},{},{},{},{}\n", i % 7, 100 + i % 50, 250 + i % 90, 10 + i % 5, 1000 + i));
    }
    std::fs::write(&input, text).unwrap();
    let out = dir.path().join("report.json");
    let mut caught = false;
    for _ in 0..5 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_sheetkpi"))
            .args(["report", input.to_str().unwrap(), "--out", out.to_str().unwrap()])
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Wait for the temporary file to appear, then terminate the run.
        let start = Instant::now();
        let seen = loop {
            let tmp = common::files_in(dir.path()).into_iter().any(|n| n.starts_with(".sheetkpi-"));
            if tmp || start.elapsed() > Duration::from_secs(60) || child.try_wait().unwrap().is_some() {
                break tmp;
            }
            std::thread::sleep(Duration::from_micros(200));
        };
        if seen {
            unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
        }
        let status = child.wait().unwrap();
        let left: Vec<String> = common::files_in(dir.path()).into_iter().filter(|n| n.starts_with(".sheetkpi-")).collect();
        assert!(left.is_empty(), "left {left:?} (exit {status:?})");
        if seen && status.code() == Some(130) {
            caught = true;
            assert!(!out.exists(), "an interrupted run wrote --out");
            break;
        }
        let _ = std::fs::remove_file(&out);
    }
    assert!(caught, "the write was never caught in progress");
}
