//! Reading the input file and writing `--out`, safely: only regular files are read (a
//! fifo or device could hang the read or never end it), `--out` is written through a
//! temporary file that is renamed into place, removed on failure and on Ctrl-C or
//! SIGTERM, and never written onto a symlink, fifo or device.

use std::fs::{self, File, Permissions};
use std::io::{Read, Write};
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

/// Temporary files are named `.sheetkpi-XXXXXX.tmp`.
const PREFIX: &str = ".sheetkpi-";
const SUFFIX: &str = ".tmp";

/// A temporary file left by a run that was killed (SIGKILL, power loss) is this old at
/// least before a later run removes it: no write of a report takes this long.
const STALE: Duration = Duration::from_secs(3600);

/// The temporary file being written, for the signal handler to remove.
static PENDING: Mutex<Option<PathBuf>> = Mutex::new(None);

/// On Ctrl-C, SIGTERM or SIGHUP (the `ctrlc` crate's `termination` feature), removes the
/// temporary file of `--out` being written, then exits 130 as a shell does for Ctrl-C.
/// The handler runs on its own thread, so it may take the lock and touch the file system.
pub fn remove_temporary_on_signal() {
    let _ = ctrlc::set_handler(|| {
        if let Ok(mut pending) = PENDING.lock() {
            if let Some(path) = pending.take() {
                let _ = fs::remove_file(path);
            }
        }
        std::process::exit(130);
    });
}

/// What a path is, when it is not a regular file.
fn not_regular(t: fs::FileType) -> Option<&'static str> {
    if t.is_file() {
        None
    } else if t.is_dir() {
        Some("a directory")
    } else if t.is_symlink() {
        Some("a symbolic link")
    } else if t.is_fifo() {
        Some("a named pipe (fifo)")
    } else if t.is_char_device() || t.is_block_device() {
        Some("a device")
    } else if t.is_socket() {
        Some("a socket")
    } else {
        Some("not a regular file")
    }
}

/// Reads the file for `report`, `audit` and `attribute`, with a clear message on
/// failure. Only a regular file is read, and no more of it than its size when opened:
/// it is opened without blocking (a fifo with no writer would wait forever) and checked
/// before any byte is read (`/dev/zero` never ends).
pub fn read_input(path: &Path) -> Result<Vec<u8>, String> {
    let cannot = |e: std::io::Error| format!("cannot read {}: {e}", path.display());
    let file = fs::OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK).open(path).map_err(cannot)?;
    let meta = file.metadata().map_err(cannot)?;
    if let Some(what) = not_regular(meta.file_type()) {
        return Err(format!("{} is {what}, not a workbook file; sheetkpi reads regular files only", path.display()));
    }
    let size = meta.len();
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(size.saturating_add(1)).read_to_end(&mut bytes).map_err(cannot)?;
    if bytes.len() as u64 > size {
        return Err(format!("{} grew while it was being read; read a finished copy", path.display()));
    }
    Ok(bytes)
}

/// Removes temporary files of earlier runs in `dir` that are older than [`STALE`].
fn remove_stale(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    let now = SystemTime::now();
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(PREFIX) && name.ends_with(SUFFIX)) {
            continue;
        }
        let old = e.metadata().ok().and_then(|m| m.modified().ok()).and_then(|t| now.duration_since(t).ok());
        if old.is_some_and(|age| age > STALE) && e.file_type().is_ok_and(|t| t.is_file()) {
            let _ = fs::remove_file(e.path());
        }
    }
}

/// What writes a result's bytes to the writer it is given, as they are made: a
/// result need not be held whole before it is written (the CSV report streams).
pub type Body<'a> = &'a mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>;

/// Writes what `body` writes to `out` through a temporary file in the same directory and a
/// rename, so an interrupted run leaves no half-written file; refuses to overwrite
/// `input`, and to write onto anything but a regular file (a symlink would be replaced
/// by a file, a fifo or device would not get the report). A new file gets permissions
/// 0666 less the umask, as any other program's output; a file replaced keeps its own.
pub fn write_atomically(out: &Path, inputs: &[&Path], body: Body) -> Result<(), String> {
    for input in inputs {
        let same = match (out.canonicalize(), input.canonicalize()) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        };
        if same {
            return Err(format!("refusing to write over the input file {}; choose another --out", input.display()));
        }
    }
    let existing = fs::symlink_metadata(out).ok();
    if let Some(what) = existing.as_ref().and_then(|m| not_regular(m.file_type())) {
        return Err(format!("refusing to write --out {}: it is {what}; give the path of a regular file", out.display()));
    }
    let mode = existing.map_or(0o666, |m| m.permissions().mode() & 0o777);
    let dir = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    remove_stale(&dir);
    let mut tmp = tempfile::Builder::new()
        .prefix(PREFIX)
        .suffix(SUFFIX)
        // The kernel applies the umask to this mode, as for any file a program creates.
        .permissions(Permissions::from_mode(mode))
        .tempfile_in(&dir)
        .map_err(|e| format!("cannot write in {}: {e}", dir.display()))?;
    *PENDING.lock().unwrap_or_else(|e| e.into_inner()) = Some(tmp.path().to_path_buf());
    let written = body(&mut tmp).and_then(|_| tmp.as_file().sync_all());
    let result = match written {
        Ok(()) => tmp.persist(out).map(|_: File| ()).map_err(|e| format!("cannot write {}: {}", out.display(), e.error)),
        // Dropping the temporary file removes it.
        Err(e) => Err(format!("cannot write {}: {e}", out.display())),
    };
    *PENDING.lock().unwrap_or_else(|e| e.into_inner()) = None;
    result
}

/// The import budgets a command takes (`--max-cells`, `--max-bytes`).
#[derive(clap::Args)]
pub struct LimitArgs {
    /// Refuse sheets larger than this many cells.
    #[arg(long, default_value_t = sheetkpi::import::DEFAULT_MAX_CELLS)]
    pub max_cells: u64,
    /// Refuse workbooks whose parts inflate to, or whose claims would take, more bytes than this.
    #[arg(long, default_value_t = sheetkpi::import::DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,
    /// Stop reading a file that takes longer than this many seconds.
    #[arg(long, default_value_t = sheetkpi::import::limits::DEFAULT_MAX_SECONDS)]
    pub max_seconds: u64,
}

/// How a CSV file's numbers are read, for the commands that read numbers.
#[derive(clap::Args, Debug, Clone, Copy)]
pub struct DecimalArg {
    /// A CSV file's decimal separator: auto (detected per column, see docs/import.md), point or comma.
    #[arg(long, default_value = "auto", value_parser = sheetkpi::import::Decimal::parse)]
    pub decimal: sheetkpi::import::Decimal,
}

impl LimitArgs {
    /// As the importer takes them; the time budget is set for the imports that follow.
    pub fn limits(&self) -> sheetkpi::import::Limits {
        sheetkpi::import::limits::set_time_budget(self.max_seconds);
        sheetkpi::import::Limits { cells: self.max_cells, bytes: self.max_bytes }
    }
}
