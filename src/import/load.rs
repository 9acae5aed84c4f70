//! Reading a workbook into a [`Dataset`]: choose the sheet (and Excel table), find the
//! header, map the columns, then stream the data rows into column storage.

use super::dataset::{parse_cell_ref, ColumnData, Dataset, Label, MappedColumn, Measure, SourceInfo};
use super::detect::{find_header, header_like_texts, is_total_label, map_columns, same_header, Override};
use super::error::ImportError;
use super::roles::{known_names, Role};
use super::sniff::Format;
use super::source::{self, Book, Budget, RangeRows, Row, Rows};
#[cfg(target_arch = "wasm32")]
use super::source::CellStream;
use super::warning::{self, Kind, Warning};
use super::Options;
use calamine::{Dimensions, Reader, Sheets};
use std::io::Read;

// How many non-blank rows are searched for the header: the one number for every reader.
use super::headers::HEAD_ROWS;

/// Where an Excel table sits (0-based, inclusive).
#[derive(Clone, Debug)]
struct TableHint {
    name: String,
    header_row: u32,
    first_col: u32,
    last_col: u32,
    last_row: u32,
}

enum Scan {
    Found(Box<Dataset>),
    NotFound(Vec<String>),
}

/// The sheets to look at: the one asked for (its exact name, else any case), or all of them.
pub(crate) fn sheets_to_read(names: Vec<String>, wanted: Option<&str>) -> Result<Vec<String>, ImportError> {
    let Some(wanted) = wanted else { return Ok(names) };
    let hit = names
        .iter()
        .find(|n| *n == wanted)
        .or_else(|| names.iter().find(|n| n.eq_ignore_ascii_case(wanted.trim())))
        .ok_or_else(|| ImportError::NoSuchSheet { wanted: wanted.to_string(), available: names.clone() })?;
    Ok(vec![hit.clone()])
}

/// Progress reports: rows read so far, and the total if the sheet declares it.
pub type Progress<'a> = &'a mut dyn FnMut(u64, Option<u64>);

/// Reads `bytes` into a dataset: the first sheet with KPI columns (or `--sheet`'s), and
/// every later sheet with the same columns beside it ([`super::combine`], a `Sheet` column
/// saying which), the other sheets named in a warning.
pub fn load(bytes: &[u8], opts: &Options, progress: Progress) -> Result<Dataset, ImportError> {
    let overrides = opts.map.iter().map(|m| Override::parse(m)).collect::<Result<Vec<_>, _>>()?;
    let mut opened = source::open(bytes, opts.file_name.as_deref(), opts.limits())?;
    let names = opened.book.sheet_names();
    let sheets = sheets_to_read(names.clone(), opts.sheet.as_deref())?;
    let mut seen = Vec::new();
    let mut read: Vec<(String, Dataset)> = Vec::new();
    let mut different = Vec::new();
    for sheet in &sheets {
        let tables = tables_in(bytes, &mut opened.book, sheet);
        let merges = super::merges::merges_in(bytes, &mut opened.book, &opened.reads, sheet);
        let ctx = Ctx { format: opened.format, sheet, opts, overrides: &overrides };
        let mut outcome = None;
        let mut found = None;
        for t in tables.iter().map(Some).chain([None]) {
            let scan = with_rows(&mut opened.book, opened.format, sheet, opts.max_cells, opts.decimal, &mut |rows| {
                scan(rows, &ctx, t, &merges, progress)
            })?;
            match scan {
                Scan::Found(ds) => {
                    found = Some(*ds);
                    break;
                }
                Scan::NotFound(texts) => outcome = Some(texts),
            }
        }
        match found {
            Some(ds) if read.first().is_none_or(|(_, first)| super::combine::same_header(first, &ds)) => read.push((sheet.clone(), ds)),
            Some(_) => different.push(sheet.clone()),
            None => seen.push((sheet.clone(), outcome.unwrap_or_default())),
        }
    }
    let read_names: Vec<String> = read.iter().map(|(n, _)| n.clone()).collect();
    let mut ds = match read.len() {
        0 => {
            let known = Role::ALL.iter().map(|r| format!("{}: {}", r.name(), known_names(*r).join(", "))).collect();
            return Err(ImportError::NoHeader { seen, known });
        }
        1 => read.pop().map(|(_, ds)| ds).unwrap_or_else(|| unreachable!()),
        _ => super::combine::combine(read, SHEET_COLUMN, false),
    };
    if read_names.len() > 1 {
        let quoted: Vec<String> = read_names.iter().map(|n| format!("\"{n}\"")).collect();
        ds.warnings.push(Warning::new(
            Kind::SheetsCombined,
            format!(
                "sheets {} have the same header and are read together (column \"{SHEET_COLUMN}\" says which); choose one by its name to read it alone",
                quoted.join(", ")
            ),
        ));
    }
    let no_header: Vec<String> = seen.iter().map(|(n, _)| n.clone()).collect();
    ds.warnings.extend(sheets_not_read(&names, &read_names, &no_header, &different, opts.sheet.is_some()));
    Ok(ds)
}

/// The header of the column naming each row's sheet, when sheets are read together.
pub const SHEET_COLUMN: &str = "Sheet";

/// The warning naming the workbook's sheets not read, each with why: no header row with
/// KPI columns, other columns than the sheet read, or another sheet chosen.
fn sheets_not_read(names: &[String], read: &[String], no_header: &[String], different: &[String], chosen: bool) -> Option<Warning> {
    let quoted = |ns: Vec<&String>| ns.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", ");
    let is = |list: &[String], n: &String| list.contains(n);
    let mut parts = Vec::new();
    let none = quoted(names.iter().filter(|n| is(no_header, n)).collect());
    if !none.is_empty() {
        parts.push(format!("{none} (no header row with KPI columns)"));
    }
    let other = quoted(names.iter().filter(|n| is(different, n)).collect());
    if !other.is_empty() {
        parts.push(format!("{other} (other columns than the sheet read; choose one by its name to read it)"));
    }
    let unchosen = quoted(names.iter().filter(|n| !is(read, n) && !is(no_header, n) && !is(different, n)).collect());
    if chosen && !unchosen.is_empty() {
        parts.push(format!("{unchosen} (another sheet was chosen)"));
    }
    if parts.is_empty() {
        return None;
    }
    let read = quoted(read.iter().collect());
    Some(Warning::new(Kind::SheetsNotRead, format!("read {read}; not read: {}", parts.join("; "))))
}

struct Ctx<'a> {
    format: Format,
    sheet: &'a str,
    opts: &'a Options,
    overrides: &'a [Override],
}

/// A streaming cell reader over one sheet of an xlsx or xlsb workbook, handed to `f`.
/// A macro, not a function: calamine's two cell readers share their methods but no trait.
/// Natively the reader runs on a thread of its own ([`super::read_ahead`]); wasm32 has one.
macro_rules! stream_cells {
    ($workbook:expr, $format:expr, $sheet:expr, $limit:expr, $f:expr) => {{
        let format = $format;
        let (sheet, limit): (&str, u64) = ($sheet, $limit);
        let workbook = $workbook;
        let open = move || {
            // Moved in, so that the reader may borrow the workbook for as long as it streams.
            let workbook = workbook;
            let fail = move |e| source::read_error(format, calamine::Error::from(e));
            let mut reader = workbook.worksheet_cells_reader(sheet).map_err(fail)?;
            let (rows, cols) = source::declared(&reader.dimensions());
            source::check_size(sheet, rows, cols, limit)?;
            // calamine's value as it is (a shared string borrowed from the workbook, not
            // copied): the caller makes its own cell of it, natively on its own thread.
            let next = move || match reader.next_cell() {
                Ok(Some(c)) => {
                    let (r, col) = c.get_position();
                    Ok(Some((r, col, c.get_value().clone())))
                }
                Ok(None) => Ok(None),
                Err(e) => Err(fail(e)),
            };
            Ok::<_, ImportError>((rows, next))
        };
        #[cfg(not(target_arch = "wasm32"))]
        let out = super::read_ahead::with_cells_read_ahead(sheet, limit, open, |v| source::from_data(&v), $f);
        #[cfg(target_arch = "wasm32")]
        let out = {
            let (rows, mut next) = open()?;
            let next = move || next().map(|c| c.map(|(r, col, v)| (r, col, source::from_data(&v))));
            $f(&mut CellStream::new(next, Budget::new(sheet, limit), Some(rows)))
        };
        out
    }};
}

/// Runs `f` over the rows of `sheet`, streaming where the format allows.
pub(crate) fn with_rows<T, E: From<ImportError>>(
    book: &mut Book,
    format: Format,
    sheet: &str,
    limit: u64,
    decimal: super::csv_separators::Decimal,
    f: &mut dyn FnMut(&mut dyn Rows) -> Result<T, E>,
) -> Result<T, E> {
    match book {
        Book::Sheets(sheets) => match sheets.as_mut() {
            Sheets::Xlsx(x) => stream_cells!(x, format, sheet, limit, f),
            Sheets::Xlsb(x) => stream_cells!(x, format, sheet, limit, f),
            // xls and ods have no cell-by-cell reader: calamine loads the sheet, whose
            // size RangeRows checks before use.
            other => {
                let range = other.worksheet_range(sheet).map_err(|e| source::read_error(format, e))?;
                f(&mut RangeRows::new(sheet, range, limit)?)
            }
        },
        #[cfg(not(target_arch = "wasm32"))]
        Book::Csv(text) => {
            let text: &str = text;
            super::read_ahead::with_rows_read_ahead(move || Ok(super::csv_in::CsvRows::new(text, Budget::new(sheet, limit), decimal)), f)
        }
        #[cfg(target_arch = "wasm32")]
        Book::Csv(text) => f(&mut super::csv_in::CsvRows::new(text, Budget::new(sheet, limit), decimal)),
    }
}

/// The Excel tables of an xlsx sheet, from the table parts in the package.
fn tables_in(bytes: &[u8], book: &mut Book, sheet: &str) -> Vec<TableHint> {
    let Book::Sheets(sheets) = book else { return Vec::new() };
    let Sheets::Xlsx(x) = sheets.as_mut() else { return Vec::new() };
    if x.load_tables().is_err() {
        return Vec::new();
    }
    let names: Vec<String> = x.table_names_in_sheet(sheet).into_iter().cloned().collect();
    if names.is_empty() {
        return Vec::new();
    }
    let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else { return Vec::new() };
    let parts: Vec<String> = zip
        .file_names()
        .filter_map(Result::ok)
        .map(|n| n.into_owned())
        .filter(|n| n.starts_with("xl/tables/"))
        .collect();
    let mut out = Vec::new();
    for part in parts {
        let Ok(f) = zip.by_name(&part) else { continue };
        let mut xml = String::new();
        if f.take(1 << 20).read_to_string(&mut xml).is_err() {
            continue;
        }
        let Some(tag) = xml.find("<table ").map(|i| &xml[i..]).and_then(|t| t.split('>').next()) else { continue };
        let name = attr(tag, "displayName").or_else(|| attr(tag, "name")).unwrap_or_default();
        if !names.contains(&name) || attr(tag, "headerRowCount").as_deref() == Some("0") {
            continue;
        }
        let totals: u32 = attr(tag, "totalsRowCount").and_then(|s| s.parse().ok()).unwrap_or(0);
        let Some((a, b)) = attr(tag, "ref").as_deref().and_then(|r| r.split_once(':').map(|(a, b)| (a.to_string(), b.to_string())))
        else {
            continue;
        };
        let (Some((r0, c0)), Some((r1, c1))) = (parse_cell_ref(&a), parse_cell_ref(&b)) else { continue };
        out.push(TableHint { name, header_row: r0, first_col: c0, last_col: c1, last_row: r1.saturating_sub(totals) });
    }
    out.sort_by_key(|t| (t.header_row, t.first_col));
    out
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let i = tag.find(&key)? + key.len();
    let j = tag[i..].find('"')?;
    Some(tag[i..i + j].to_string())
}

/// Copies a merged region's text into its blank cells, within the rows read so far,
/// so a header merged over two rows or columns still names its columns.
fn fill_merges(head: &mut [Row], merges: &[Dimensions]) {
    for m in merges {
        let Some(top) = head.iter().find(|r| r.index == m.start.0) else { continue };
        let value = top.get(m.start.1).clone();
        if value.text().is_none() {
            continue;
        }
        let last_col = m.end.1.min(m.start.1 + 256);
        for row in head.iter_mut().filter(|r| r.index >= m.start.0 && r.index <= m.end.0) {
            for c in m.start.1..=last_col {
                if row.get(c).is_blank() {
                    if row.cells.len() <= c as usize {
                        row.cells.resize(c as usize + 1, source::Raw::Cell(crate::value::Cell::Empty));
                    }
                    row.cells[c as usize] = value.clone();
                }
            }
        }
    }
}

/// In a two-row header whose merges are not recorded (ods, csv), a blank header cell
/// takes the text directly above it: `Channel` over a blank, beside `Spend | Clicks`.
fn fill_from_row_above(head: &mut [Row], h: usize) {
    if h == 0 || head[h - 1].index + 1 != head[h].index {
        return;
    }
    let above = head[h - 1].clone();
    for (c, cell) in above.cells.iter().enumerate() {
        if cell.text().is_some() && head[h].get(c as u32).is_blank() {
            if head[h].cells.len() <= c {
                head[h].cells.resize(c + 1, source::Raw::Cell(crate::value::Cell::Empty));
            }
            head[h].cells[c] = cell.clone();
        }
    }
}

fn scan(
    rows: &mut dyn Rows,
    ctx: &Ctx,
    table: Option<&TableHint>,
    merges: &[Dimensions],
    progress: Progress,
) -> Result<Scan, ImportError> {
    let declared = rows.declared_rows();
    let cols = table.map(|t| (t.first_col, t.last_col));
    let mut head: Vec<Row> = Vec::new();
    while head.len() < HEAD_ROWS {
        match rows.next_row()? {
            Some(r) if table.is_some_and(|t| r.index < t.header_row) => continue,
            Some(r) if table.is_some_and(|t| r.index > t.last_row) => break,
            Some(r) => head.push(r),
            None => break,
        }
    }
    fill_merges(&mut head, merges);
    let h = match table {
        Some(t) => head.iter().position(|r| r.index == t.header_row).filter(|&i| {
            find_header(&head[i..=i], ctx.overrides, cols).is_some()
        }),
        None => find_header(&head, ctx.overrides, None),
    };
    let Some(h) = h else { return Ok(Scan::NotFound(header_like_texts(&head))) };
    fill_from_row_above(&mut head, h);
    let mut warnings = Vec::new();
    let mapped = map_columns(&head[h], ctx.overrides, cols, &mut warnings)?;
    if !mapped.iter().any(|(_, m)| m.role.is_some_and(Role::is_measure)) {
        return Ok(Scan::NotFound(mapped.into_iter().map(|(_, m)| m.header).collect()));
    }
    let mut ds = new_dataset(ctx, table, &head[h], mapped, warnings)?;
    let mut counts = Skipped::default();
    let last_row = table.map(|t| t.last_row);
    let rest: Vec<Row> = head.drain(h + 1..).collect();
    let mut n = 0u64;
    let mut take = |r: Row, ds: &mut Dataset| {
        add_row(ds, &r, &mut counts);
        n += 1;
        if n.is_multiple_of(8192) {
            progress(n, declared);
        }
    };
    for r in rest {
        if last_row.is_some_and(|l| r.index > l) {
            break;
        }
        take(r, &mut ds);
    }
    while let Some(r) = rows.next_row()? {
        if last_row.is_some_and(|l| r.index > l) {
            break;
        }
        take(r, &mut ds);
    }
    progress(n, declared);
    counts.warn(&mut ds.warnings, &super::dataset::cell_prefix(ctx.format, ctx.sheet));
    ds.source.rows = ds.rows.len();
    Ok(Scan::Found(Box::new(ds)))
}

fn new_dataset(
    ctx: &Ctx,
    table: Option<&TableHint>,
    header: &Row,
    mapped: Vec<(u32, MappedColumn)>,
    warnings: Vec<Warning>,
) -> Result<Dataset, ImportError> {
    let mut measures = Vec::new();
    let mut labels = Vec::new();
    for role in Role::ALL {
        let Some((col, m)) = mapped.iter().find(|(_, m)| m.role == Some(role)) else { continue };
        if role.is_measure() {
            measures.push(Measure { role, header: m.header.clone(), col: *col, data: ColumnData::Numbers(Vec::new()) });
        } else {
            labels.push(Label { role: Some(role), header: m.header.clone(), col: *col, values: Default::default() });
        }
    }
    let group_by = match &ctx.opts.group_by {
        Some(g) => {
            let by_role = Role::parse(g).and_then(|r| mapped.iter().find(|(_, m)| m.role == Some(r)));
            let by_header = || mapped.iter().find(|(_, m)| same_header(&m.header, g));
            let (col, m) = by_role.or_else(by_header).ok_or_else(|| ImportError::NoSuchColumn {
                wanted: g.clone(),
                headers: mapped.iter().map(|(_, m)| m.header.clone()).collect(),
            })?;
            match labels.iter().position(|l| l.col == *col) {
                Some(i) => Some(i),
                None => {
                    labels.push(Label { role: None, header: m.header.clone(), col: *col, values: Default::default() });
                    Some(labels.len() - 1)
                }
            }
        }
        None => {
            let pick = |r: Role| labels.iter().position(|l| l.role == Some(r));
            pick(Role::Channel).or_else(|| pick(Role::Campaign))
        }
    };
    Ok(Dataset {
        source: SourceInfo {
            format: ctx.format,
            sheet: ctx.sheet.to_string(),
            table: table.map(|t| t.name.clone()),
            header_row: header.index + 1,
            rows: 0,
            combined: Vec::new(),
        },
        columns: mapped.into_iter().map(|(_, m)| m).collect(),
        measures,
        labels,
        group_by,
        rows: Vec::new(),
        warnings,
        places: None,
        period: None,
    })
}

#[derive(Default)]
struct Skipped {
    totals: Vec<u32>,
    no_numbers: Vec<u32>,
}

impl Skipped {
    /// The warnings, rows named as a spreadsheet names them (`Jan!7:7`).
    fn warn(&self, w: &mut Vec<Warning>, sheet: &str) {
        let list = |rows: &[u32]| {
            let shown: Vec<String> = rows.iter().take(10).map(u32::to_string).collect();
            if rows.len() > 10 {
                format!("{} and {} more", shown.join(", "), rows.len() - 10)
            } else {
                shown.join(", ")
            }
        };
        let refs = |rows: &[u32]| rows.iter().take(warning::NAMED).map(|r| format!("{sheet}{r}:{r}")).collect();
        if !self.totals.is_empty() {
            let message = format!("skipped total rows (so they are not counted twice): row {}", list(&self.totals));
            w.push(Warning::about(Kind::RowsSkipped, message, refs(&self.totals), self.totals.len()));
        }
        if !self.no_numbers.is_empty() {
            let message = format!("skipped rows with no numbers in the mapped columns: row {}", list(&self.no_numbers));
            w.push(Warning::about(Kind::RowsSkipped, message, refs(&self.no_numbers), self.no_numbers.len()));
        }
    }
}

fn add_row(ds: &mut Dataset, r: &Row, skipped: &mut Skipped) {
    let sheet_row = r.index + 1;
    if ds.measures.iter().all(|m| r.get(m.col).is_blank()) {
        // Notes, titles and subheadings below the header are not data.
        if ds.labels.iter().any(|l| !r.get(l.col).is_blank()) {
            skipped.no_numbers.push(sheet_row);
        }
        return;
    }
    let label_total = ds.labels.iter().any(|l| r.get(l.col).text().is_some_and(is_total_label));
    let first_text_total = r.cells.iter().find(|c| !c.is_blank()).and_then(|c| c.text()).is_some_and(is_total_label);
    if label_total || first_text_total {
        skipped.totals.push(sheet_row);
        return;
    }
    for m in ds.measures.iter_mut() {
        m.data.push(r.get(m.col).to_cell());
    }
    for l in ds.labels.iter_mut() {
        l.values.push(&r.get(l.col).label());
    }
    ds.rows.push(sheet_row);
}
