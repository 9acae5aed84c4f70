//! Why a workbook could not be imported, in words a finance team can act on.
//!
//! An [`ImportError`] states the facts (its `Display`), the same on every surface. When
//! the way out is a setting of the surface itself (a cell limit, a column mapping), the
//! error names it as a [`Remedy`] and each surface words it with its own controls: the
//! command line with its flags ([`ImportError::cli_message`]), the browser page with
//! what the page offers (`import::wasm`).

use std::fmt;

/// An import failure. Its message names the file's problem; where the file itself is
/// the problem (encrypted, corrupt, not a workbook), also what to do with the file.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ImportError {
    /// The file is empty.
    Empty,
    /// The bytes are not a workbook or CSV file we can read.
    NotAWorkbook {
        /// What the bytes look like.
        detail: String,
    },
    /// The workbook is password-protected.
    Encrypted,
    /// The workbook is cut short or damaged.
    Corrupt {
        /// The format it claims to be.
        format: String,
        /// What the reader tripped over.
        detail: String,
    },
    /// A sheet (or the whole file) is larger than the limit.
    TooLarge {
        /// The sheet.
        sheet: String,
        /// What it claims or holds.
        detail: String,
        /// The limit in cells.
        limit: u64,
    },
    /// The file's claims or parts need more bytes than the budget (`--max-bytes`).
    TooManyBytes {
        /// What it claims or inflates to.
        detail: String,
        /// The limit in bytes.
        limit: u64,
    },
    /// Reading took longer than the time budget (`--max-seconds`).
    TooSlow {
        /// The budget in seconds.
        seconds: u64,
    },
    /// The reader met damage it could not report as an error (a contained panic).
    Damaged {
        /// Where the reader stopped.
        detail: String,
    },
    /// The sheet asked for (`--sheet`, the `sheet` option) is not in the workbook.
    NoSuchSheet {
        /// The name asked for.
        wanted: String,
        /// The sheets the workbook has.
        available: Vec<String>,
    },
    /// No sheet has a header row naming known columns.
    NoHeader {
        /// The header-like texts seen, per sheet: `(sheet, texts)`.
        seen: Vec<(String, Vec<String>)>,
        /// A few known names per role.
        known: Vec<String>,
    },
    /// A column mapping or the group-by column names a column the header row does not have.
    NoSuchColumn {
        /// The name asked for.
        wanted: String,
        /// The headers of the chosen row.
        headers: Vec<String>,
    },
    /// A column mapping is not `role=header`, or names an unknown role.
    BadMapping {
        /// What is wrong.
        detail: String,
    },
    /// A report by period, of data with no date column.
    NoDateColumn {
        /// The message, naming the columns there are.
        detail: String,
    },
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Empty => write!(f, "the file is empty (0 bytes)"),
            ImportError::NotAWorkbook { detail } => write!(
                f,
                "not a workbook: {detail}. sheetkpi reads xlsx, xlsm, xlsb, xls, ods and csv files"
            ),
            ImportError::Encrypted => write!(
                f,
                "the workbook is password-protected (encrypted); open it in Excel, remove the password \
                 (File > Info > Protect Workbook) and save a copy"
            ),
            ImportError::Corrupt { format, detail } => write!(
                f,
                "the {format} file is truncated or corrupt ({detail}); download or export it again"
            ),
            ImportError::TooLarge { sheet, detail, limit } => {
                write!(f, "sheet \"{sheet}\" is too large to import: {detail}, over the limit of {limit} cells")
            }
            ImportError::TooManyBytes { detail, limit } => {
                write!(f, "this workbook is too large to import: {detail}; sheetkpi reads at most {limit} bytes")
            }
            ImportError::Damaged { detail } => {
                write!(f, "this file is damaged ({detail}); download or export it again")
            }
            ImportError::TooSlow { seconds } => {
                write!(f, "reading this file took longer than {seconds} s, so sheetkpi stopped")
            }
            ImportError::NoSuchSheet { wanted, available } => {
                write!(f, "there is no sheet named \"{wanted}\"; the workbook has: {}", quoted(available))
            }
            ImportError::NoHeader { seen, known } => {
                write!(f, "no header row names a column sheetkpi knows.")?;
                for (sheet, texts) in seen {
                    if texts.is_empty() {
                        write!(f, "\n  sheet \"{sheet}\": no text in its first rows")?;
                    } else {
                        write!(f, "\n  sheet \"{sheet}\" has: {}", quoted(texts))?;
                    }
                }
                write!(f, "\n  known names include: {}", known.join("; "))
            }
            ImportError::NoSuchColumn { wanted, headers } => {
                write!(f, "no column is headed \"{wanted}\"; the headers are: {}", quoted(headers))
            }
            ImportError::BadMapping { detail } | ImportError::NoDateColumn { detail } => write!(f, "{detail}"),
        }
    }
}

fn quoted(items: &[String]) -> String {
    let shown: Vec<String> = items.iter().take(30).map(|s| format!("\"{s}\"")).collect();
    let more = items.len().saturating_sub(30);
    if more > 0 {
        format!("{} and {more} more", shown.join(", "))
    } else {
        shown.join(", ")
    }
}

impl std::error::Error for ImportError {}

/// A way out that is a setting of the surface the user is on, not a fix to the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Remedy {
    /// The sheet is over the cell limit: raise the limit, where the surface lets the
    /// user, or read a smaller copy of the sheet.
    RaiseCellLimit,
    /// The file's parts or claims are over the byte budget: raise it, where the surface
    /// lets the user, or read a smaller copy.
    RaiseByteLimit,
    /// No header was recognised: say which column plays which role, or rename headers.
    MapColumns,
    /// Reading took longer than the time budget: raise it, or read a smaller copy.
    RaiseTimeLimit,
}

impl ImportError {
    /// The surface's setting that would let the import succeed, if any.
    pub fn remedy(&self) -> Option<Remedy> {
        match self {
            ImportError::TooLarge { .. } => Some(Remedy::RaiseCellLimit),
            ImportError::TooManyBytes { .. } => Some(Remedy::RaiseByteLimit),
            ImportError::NoHeader { .. } => Some(Remedy::MapColumns),
            ImportError::TooSlow { .. } => Some(Remedy::RaiseTimeLimit),
            _ => None,
        }
    }

    /// The message as the command line prints it: the facts, then the remedy (if any)
    /// on a line of its own, in the flags of `sheetkpi report` and `sheetkpi audit`.
    pub fn cli_message(&self) -> String {
        let remedy = match self.remedy() {
            None => return self.to_string(),
            Some(Remedy::RaiseCellLimit) => "if the sheet really is that large, raise the limit with --max-cells N",
            Some(Remedy::RaiseByteLimit) => "if the workbook really is that large, raise the limit with --max-bytes N",
            Some(Remedy::MapColumns) => "map a column yourself with --map role=header, e.g. --map spend=\"Kostnad\"",
            Some(Remedy::RaiseTimeLimit) => "if the file really is that large, allow more time with --max-seconds N",
        };
        format!("{self}\n  {remedy}")
    }
}
