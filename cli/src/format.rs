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
    #[command(flatten)]
    pub csv: CsvArgs,
}

/// How a CSV result is written, for the spreadsheet that opens it
/// ([`sheetkpi::import::csv_write`]).
#[derive(clap::Args)]
#[command(next_help_heading = "CSV output")]
pub struct CsvArgs {
    /// Write the CSV as a spreadsheet set to this locale reads it: en, zh-Hans, zh-Hant
    /// (`,` between fields, `.` in numbers) or nb (`;` and `,`).
    #[arg(long, value_name = "LOCALE")]
    pub locale: Option<String>,
    /// Leave out the UTF-8 byte-order mark, which Excel needs to read UTF-8 text right.
    #[arg(long)]
    pub no_bom: bool,
    /// The field separator: , ; | or tab (default: the locale's, else ,).
    #[arg(long, value_name = "SEP")]
    pub delimiter: Option<String>,
    /// The decimal mark of numbers: point or comma (default: the locale's, else point).
    #[arg(long, value_name = "MARK")]
    pub csv_decimal: Option<String>,
}

impl CsvArgs {
    /// The dialect chosen, or the message naming the setting that cannot be used.
    pub fn dialect(&self) -> Result<sheetkpi::import::csv_write::CsvDialect, String> {
        let choice = sheetkpi::import::csv_write::DialectChoice {
            locale: self.locale.clone(),
            bom: self.no_bom.then_some(false),
            delimiter: self.delimiter.clone(),
            decimal: self.csv_decimal.clone(),
        };
        choice.resolve().map_err(|m| {
            let flag = if m.starts_with("locale") {
                "--locale"
            } else if m.starts_with("delimiter") {
                "--delimiter"
            } else {
                "--csv-decimal"
            };
            format!("{flag}: {m}")
        })
    }
}

impl Output {
    /// The format chosen and the CSV dialect, or the message refusing them: an xlsx
    /// needs `--out`, and a dialect setting may be unknown.
    pub fn resolve(&self) -> Result<(OutFormat, sheetkpi::import::csv_write::CsvDialect), String> {
        let format = self.chosen();
        if format == OutFormat::Xlsx && self.out.is_none() {
            return Err("--format xlsx needs --out FILE.xlsx".into());
        }
        Ok((format, self.csv.dialect()?))
    }

    /// The format chosen ([`OutFormat::choose`]).
    pub fn chosen(&self) -> OutFormat {
        OutFormat::choose(self.format, self.out.as_deref())
    }

    /// Writes `body` to `--out` (atomically, never over one of `inputs`), saying what it wrote
    /// (`wrote PATH (what)`), else to `out`: `code` once written, 2 with the message when
    /// `--out` cannot be written; an Err is a failed write to `out`.
    pub fn deliver(&self, inputs: &[&Path], body: &[u8], what: &str, code: ExitCode, out: &mut dyn Write) -> io::Result<ExitCode> {
        self.deliver_with(inputs, &mut |w| w.write_all(body), what, code, out)
    }

    /// [`Output::deliver`], the bytes written by `body` as they are made.
    pub fn deliver_with(&self, inputs: &[&Path], body: Body, what: &str, code: ExitCode, out: &mut dyn Write) -> io::Result<ExitCode> {
        match &self.out {
            Some(path) => match write_atomically(path, inputs, body) {
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
