//! Recognising a file's format from its first bytes, so a misnamed file is still
//! read and a file that is no workbook at all gets a precise message.

use super::error::ImportError;
use std::io::{Cursor, Read};

/// A format the importer reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Office Open XML workbook.
    Xlsx,
    /// Office Open XML workbook with macros.
    Xlsm,
    /// Excel binary workbook.
    Xlsb,
    /// Excel 97–2003 workbook (BIFF8).
    Xls,
    /// OpenDocument spreadsheet.
    Ods,
    /// Comma-, semicolon- or tab-separated text.
    Csv,
    /// An Office workbook wrapped in password encryption.
    EncryptedOoxml,
}

impl Format {
    /// The usual file extension.
    pub fn name(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Xlsm => "xlsm",
            Format::Xlsb => "xlsb",
            Format::Xls => "xls",
            Format::Ods => "ods",
            Format::Csv => "csv",
            Format::EncryptedOoxml => "encrypted Office",
        }
    }
}

const CFB_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

fn extension(name: Option<&str>) -> Option<String> {
    let name = name?;
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    Some(ext)
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

fn utf16le(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect()
}

/// What the bytes are. `name` is only used to word messages and to accept CSV text.
pub fn sniff(bytes: &[u8], name: Option<&str>) -> Result<Format, ImportError> {
    if bytes.is_empty() {
        return Err(ImportError::Empty);
    }
    let ext = extension(name);
    if bytes.starts_with(CFB_MAGIC) {
        // An encrypted xlsx/xlsb is a compound file holding an EncryptedPackage stream.
        if contains(bytes, &utf16le("EncryptedPackage")) {
            return Err(ImportError::Encrypted);
        }
        super::cfb_check::check(bytes)?;
        return Ok(Format::Xls);
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return zip_format(bytes, ext.as_deref());
    }
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let trimmed = lower.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&lower);
    let start = trimmed.iter().position(|b| !b.is_ascii_whitespace()).map_or(&[][..], |i| &trimmed[i..]);
    if start.starts_with(b"%pdf") {
        return Err(not("it is a PDF document"));
    }
    if start.starts_with(b"<!doctype html") || start.starts_with(b"<html") || start.starts_with(b"<table") {
        return Err(not(
            "it is an HTML page saved with a spreadsheet name (some tools export such files); \
             open it in Excel and save it as xlsx",
        ));
    }
    if start.starts_with(b"<?xml") {
        return Err(not("it is an XML document (an Excel 2003 XML workbook, perhaps); save it as xlsx"));
    }
    let text_like = looks_like_text(head);
    match ext.as_deref() {
        Some("xlsx" | "xlsm" | "xlsb" | "xls" | "ods") => Err(not(&format!(
            "the file is named .{} but its bytes are {}",
            ext.unwrap_or_default(),
            if text_like { "plain text" } else { "not a spreadsheet's" }
        ))),
        _ if text_like => Ok(Format::Csv),
        _ => Err(not("its bytes are neither a spreadsheet nor text")),
    }
}

fn not(detail: &str) -> ImportError {
    ImportError::NotAWorkbook { detail: detail.to_string() }
}

/// Text (UTF-8, UTF-16 with a BOM, or a legacy 8-bit code page) rather than binary.
fn looks_like_text(head: &[u8]) -> bool {
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return true;
    }
    let controls = head.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)).count();
    controls == 0
}

fn zip_format(bytes: &[u8], ext: Option<&str>) -> Result<Format, ImportError> {
    let claimed = match ext {
        Some("ods") => "ods",
        Some("xlsb") => "xlsb",
        Some("xlsm") => "xlsm",
        _ => "xlsx",
    };
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| ImportError::Corrupt {
        format: claimed.to_string(),
        detail: format!("its zip container cannot be read: {e}"),
    })?;
    let names: Vec<String> = zip.file_names().filter_map(Result::ok).map(|n| n.into_owned()).collect();
    let has = |n: &str| names.iter().any(|x| x == n);
    if has("xl/workbook.bin") {
        return Ok(Format::Xlsb);
    }
    if has("xl/workbook.xml") {
        let macro_enabled = read_small(&mut zip, "[Content_Types].xml")
            .map(|t| t.contains("macroEnabled"))
            .unwrap_or(false);
        return Ok(if macro_enabled || ext == Some("xlsm") { Format::Xlsm } else { Format::Xlsx });
    }
    if has("content.xml") {
        let mime = read_small(&mut zip, "mimetype").unwrap_or_default();
        if mime.contains("spreadsheet") {
            return Ok(Format::Ods);
        }
        return Err(not(&format!("it is an OpenDocument file of type \"{}\", not a spreadsheet", mime.trim())));
    }
    if has("word/document.xml") {
        return Err(not("it is a Word document"));
    }
    if has("ppt/presentation.xml") {
        return Err(not("it is a PowerPoint presentation"));
    }
    Err(not("it is a zip archive that holds no workbook"))
}

fn read_small(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Option<String> {
    let f = zip.by_name(name).ok()?;
    let mut s = String::new();
    f.take(1 << 20).read_to_string(&mut s).ok()?;
    Some(s)
}
