//! `sheetkpi convert`: a workbook's KPI calls renamed for the other spreadsheet, so that a
//! file moves between Excel (`KPI.ROAS`, stored as `_xldudf_KPI_ROAS`) and Google Sheets
//! (`ROAS`) without breaking. Only the text of formulas changes (worksheet cell formulas and
//! the workbook's defined names), through [`crate::formula::rename`]; every other part of
//! the file is copied as it was stored, compressed bytes included, and every other byte of a
//! rewritten part is kept.

use super::error::ImportError;
use super::sniff::{sniff, Format};
use crate::formula::rename::{rename_calls, Host};
use quick_xml::events::{BytesText, Event};
use std::fmt;
use std::io::{Cursor, Read, Write};

/// What a conversion did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Converted {
    /// The new workbook.
    pub bytes: Vec<u8>,
    /// KPI calls renamed.
    pub calls: usize,
    /// Formulas (cells or defined names) that held them.
    pub formulas: usize,
}

/// Why a workbook could not be converted.
#[derive(Clone, Debug, PartialEq)]
pub enum ConvertError {
    /// The file cannot be read (as the report would say).
    Import(ImportError),
    /// A format whose formulas cannot be rewritten here.
    Format(Format),
    /// A part is not well-formed XML.
    Xml {
        /// The part's name in the zip.
        part: String,
        /// What the XML reader said.
        detail: String,
    },
}

impl fmt::Display for ConvertError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConvertError::Import(e) => write!(f, "{e}"),
            ConvertError::Format(format) => write!(
                f,
                "convert rewrites xlsx and xlsm workbooks, the format Excel and Google Sheets both open; this is {}: \
                 save it as xlsx first",
                format.name()
            ),
            ConvertError::Xml { part, detail } => {
                write!(f, "the workbook's part {part} is not well-formed XML ({detail}); open and save it in a spreadsheet first")
            }
        }
    }
}

impl From<ImportError> for ConvertError {
    fn from(e: ImportError) -> Self {
        ConvertError::Import(e)
    }
}

fn corrupt(detail: impl fmt::Display) -> ConvertError {
    ConvertError::Import(ImportError::Corrupt { format: "xlsx".into(), detail: detail.to_string() })
}

/// Which element's text is a formula in a part, if any: a cell's `<f>` in a worksheet, a
/// `<definedName>` in the workbook part.
fn formula_element(part: &str) -> Option<&'static str> {
    let lower = part.to_ascii_lowercase();
    if lower.starts_with("xl/worksheets/") && lower.ends_with(".xml") {
        Some("f")
    } else if lower == "xl/workbook.xml" {
        Some("definedName")
    } else {
        None
    }
}

/// The workbook with its KPI calls renamed for `target`. The file is checked against
/// `limits` as the report checks it (zip bombs, lying sizes) before any part is inflated.
pub fn convert(bytes: &[u8], name: Option<&str>, target: Host, limits: super::Limits) -> Result<Converted, ConvertError> {
    let format = sniff(bytes, name)?;
    if !matches!(format, Format::Xlsx | Format::Xlsm) {
        return Err(ConvertError::Format(format));
    }
    super::zip_check::check(bytes, format, limits)?;
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(corrupt)?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(bytes.len())));
    let mut done = Converted::default();
    for i in 0..zip.len() {
        let part_name = zip.by_index_raw(i).map_err(corrupt)?.name().map_err(corrupt)?.into_owned();
        let Some(element) = formula_element(&part_name) else {
            out.raw_copy_file(zip.by_index_raw(i).map_err(corrupt)?).map_err(corrupt)?;
            continue;
        };
        let mut xml = Vec::new();
        let mut part = zip.by_index(i).map_err(corrupt)?;
        part.read_to_end(&mut xml).map_err(corrupt)?;
        let (new_xml, calls, formulas) = rename_in_xml(&xml, element, target).map_err(|detail| ConvertError::Xml { part: part_name.clone(), detail })?;
        if calls == 0 {
            drop(part);
            out.raw_copy_file(zip.by_index_raw(i).map_err(corrupt)?).map_err(corrupt)?;
            continue;
        }
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .last_modified_time(part.last_modified().unwrap_or_default());
        drop(part);
        out.start_file(part_name.as_str(), options).map_err(corrupt)?;
        out.write_all(&new_xml).map_err(corrupt)?;
        done.calls += calls;
        done.formulas += formulas;
    }
    done.bytes = out.finish().map_err(corrupt)?.into_inner();
    Ok(done)
}

/// The part with the text of every `element` renamed: the new XML, the calls renamed and
/// the formulas that held them. Events are written back as they were read, so only the
/// renamed texts differ. The XML reader splits a text at each entity (`&quot;`), so a
/// formula's events are held until its element ends and written back unchanged unless
/// the whole text was renamed.
fn rename_in_xml(xml: &[u8], element: &str, target: Host) -> Result<(Vec<u8>, usize, usize), String> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    reader.config_mut().trim_text(false);
    let mut writer = quick_xml::Writer::new(Vec::with_capacity(xml.len()));
    let (mut calls, mut formulas) = (0, 0);
    // Inside a formula element: its events so far, its text with entities resolved, and
    // whether it holds anything else (a comment, CDATA): then it is left as it is.
    let mut held: Option<(Vec<Event<'static>>, String, bool)> = None;
    let mut buf = Vec::new();
    let xml_error = |e: &dyn fmt::Display| e.to_string();
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| xml_error(&e))?.into_owned();
        buf.clear();
        match (&event, held.as_mut()) {
            (Event::Eof, _) => break,
            (Event::Start(e), None) if e.local_name().as_ref() == element => {
                writer.write_event(event).map_err(|e| xml_error(&e))?;
                held = Some((Vec::new(), String::new(), false));
            }
            (Event::End(e), Some(_)) if e.local_name().as_ref() == element => {
                let (events, text, opaque) = held.take().unwrap_or_default();
                let (renamed, n) = if opaque { (String::new(), 0) } else { rename_calls(&text, target) };
                if n > 0 {
                    calls += n;
                    formulas += 1;
                    // Only &, < and > need escaping in element text, as spreadsheets write it.
                    let text = quick_xml::escape::partial_escape(renamed.as_str());
                    writer.write_event(Event::Text(BytesText::from_escaped(text))).map_err(|e| xml_error(&e))?;
                } else {
                    for e in events {
                        writer.write_event(e).map_err(|e| xml_error(&e))?;
                    }
                }
                writer.write_event(event).map_err(|e| xml_error(&e))?;
            }
            (_, Some((events, text, opaque))) => {
                match &event {
                    Event::Text(t) => text.push_str(t),
                    Event::GeneralRef(r) => match r.resolve_char_ref().map_err(|e| xml_error(&e))? {
                        Some(c) => text.push(c),
                        None => text.push_str(
                            quick_xml::escape::resolve_predefined_entity(r).ok_or_else(|| format!("unknown entity &{};", &**r))?,
                        ),
                    },
                    _ => *opaque = true,
                }
                events.push(event);
            }
            (_, None) => writer.write_event(event).map_err(|e| xml_error(&e))?,
        }
    }
    Ok((writer.into_inner(), calls, formulas))
}
