//! The output format of the commands that write a result file (`report`, `attribute`):
//! one choice, one rule for picking it from `--out`'s extension.

use crate::files::{write_atomically, Body};
use crate::note;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OutFormat {
    /// Readable tables (the default on a terminal).
    Table,
    /// CSV, formula-like text neutralised.
    Csv,
    /// JSON, every number the correctly rounded double.
    Json,
    /// An xlsx workbook (needs --out).
    Xlsx,
}

impl OutFormat {
    /// `format` if given, else by `out`'s extension (`.csv`, `.json`, `.xlsx`, any case),
    /// else a table.
    pub fn choose(format: Option<OutFormat>, out: Option<&Path>) -> OutFormat {
        if let Some(f) = format {
            return f;
        }
        let ext = out.and_then(Path::extension).and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("csv") => OutFormat::Csv,
            Some("json") => OutFormat::Json,
            Some("xlsx") => OutFormat::Xlsx,
            _ => OutFormat::Table,
        }
    }
}

/// Where and how a command writes its result (`--format`, `--out`).
#[derive(clap::Args)]
pub struct Output {
    /// Output format (default: from --out's extension, else table).
    #[arg(long, short, value_enum)]
    pub format: Option<OutFormat>,
    /// Write the result here (atomically) instead of printing it.
    #[arg(long, short)]
    pub out: Option<PathBuf>,
}

impl Output {
    /// The format chosen ([`OutFormat::choose`]).
    pub fn chosen(&self) -> OutFormat {
        OutFormat::choose(self.format, self.out.as_deref())
    }

    /// Writes `body` to `--out` (atomically, never over `input`), saying what it wrote
    /// (`wrote PATH (what)`), else to `out`: `code` once written, 2 with the message when
    /// `--out` cannot be written; an Err is a failed write to `out`.
    pub fn deliver(&self, input: &Path, body: &[u8], what: &str, code: ExitCode, out: &mut dyn Write) -> io::Result<ExitCode> {
        self.deliver_with(input, &mut |w| w.write_all(body), what, code, out)
    }

    /// [`Output::deliver`], the bytes written by `body` as they are made.
    pub fn deliver_with(&self, input: &Path, body: Body, what: &str, code: ExitCode, out: &mut dyn Write) -> io::Result<ExitCode> {
        match &self.out {
            Some(path) => match write_atomically(path, input, body) {
                Ok(()) => {
                    note(format_args!("wrote {} ({what})", path.display()));
                    Ok(code)
                }
                Err(e) => {
                    note(e);
                    Ok(ExitCode::from(2))
                }
            },
            None => {
                body(out)?;
                Ok(code)
            }
        }
    }
}
