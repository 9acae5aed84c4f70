//! Several datasets read as one: the sheets of a workbook that share a header (a sheet a
//! month), or several files (`sheetkpi report a.xlsx b.csv`). Each row keeps where it came
//! from, in a label column of its own (`Sheet` or `Source`), and in the cell addresses
//! its warnings name (`Feb!D4`, `[b.csv]D4`).

use super::dataset::{cell_prefix, ColumnData, Dataset, Label};
use super::label_values::LabelValues;

/// Whether `a` and `b` have the same columns: the same measure and label roles, in
/// whatever words their headers say them (`Spend` and `Kostnad` are one column), and the
/// same column grouped by, so that their rows mean the same thing side by side.
pub fn same_columns(a: &Dataset, b: &Dataset) -> bool {
    let measures = |d: &Dataset| d.measures.iter().map(|m| m.role).collect::<Vec<_>>();
    // A label with no role (the `--group-by` column) is known by its header alone.
    let labels = |d: &Dataset| {
        d.labels.iter().map(|l| (l.role, if l.role.is_none() { l.header.to_lowercase() } else { String::new() })).collect::<Vec<_>>()
    };
    measures(a) == measures(b) && labels(a) == labels(b) && a.group_by == b.group_by
}

/// Whether `a` and `b` have the same header row: the same texts (any case) in the same
/// columns. Sheets are read together only then, so that a summary sheet beside its data
/// (our own report's *Summary* beside *Data*) is not counted twice.
pub fn same_header(a: &Dataset, b: &Dataset) -> bool {
    let head = |d: &Dataset| d.columns.iter().map(|c| (c.column.clone(), c.header.trim().to_lowercase())).collect::<Vec<_>>();
    same_columns(a, b) && head(a) == head(b)
}

/// The cell-address prefix of each of `ds`'s rows, as a label column would hold it.
fn places_of(ds: &Dataset) -> LabelValues {
    if let Some(p) = &ds.places {
        return p.clone();
    }
    let prefix = cell_prefix(ds.source.format, &ds.source.sheet);
    let mut v = LabelValues::default();
    for _ in 0..ds.rows.len() {
        v.push(&prefix);
    }
    v
}

/// `parts` (name, dataset) as one dataset: the first's columns (every part has them:
/// [`same_columns`]), a first label column `column` naming each row's part, the rows in
/// order, every part's warnings. The cell addresses of each row start with its place:
/// its sheet (`Feb!`), or for files (`file_places`) its file (`[b.csv]`, `[a.xlsx]Jan!`).
pub fn combine(parts: Vec<(String, Dataset)>, column: &str, file_places: bool) -> Dataset {
    let mut parts = parts.into_iter();
    let Some((first_name, mut out)) = parts.next() else {
        unreachable!("combine is given at least one part")
    };
    let mut names = LabelValues::default();
    let mut places = LabelValues::default();
    let place = |name: &str, ds: &Dataset, places: &mut LabelValues| {
        let own = places_of(ds);
        for p in own.iter() {
            if file_places {
                places.push(&format!("[{name}]{p}"));
            } else {
                places.push(p);
            }
        }
    };
    for _ in 0..out.rows.len() {
        names.push(&first_name);
    }
    place(&first_name, &out, &mut places);
    let mut read = vec![part_name(&first_name, &out, file_places)];
    for (name, ds) in parts {
        for _ in 0..ds.rows.len() {
            names.push(&name);
        }
        place(&name, &ds, &mut places);
        read.push(part_name(&name, &ds, file_places));
        for (m, theirs) in out.measures.iter_mut().zip(ds.measures) {
            append(&mut m.data, theirs.data);
        }
        for (l, theirs) in out.labels.iter_mut().zip(ds.labels) {
            for t in theirs.values.iter() {
                l.values.push(t);
            }
        }
        out.rows.extend(ds.rows);
        out.warnings.extend(ds.warnings);
    }
    out.labels.insert(0, Label { role: None, header: column.to_string(), col: u32::MAX, values: names });
    out.group_by = out.group_by.map(|g| g + 1);
    out.places = Some(places);
    out.source.rows = out.rows.len();
    out.source.combined = read;
    out
}

/// How a part is named in [`SourceInfo::combined`](super::dataset::SourceInfo::combined).
fn part_name(name: &str, ds: &Dataset, file_places: bool) -> String {
    if file_places && !ds.source.combined.is_empty() {
        format!("{name} ({})", ds.source.combined.join(", "))
    } else {
        name.to_string()
    }
}

/// `theirs` appended to `ours`, numbers kept as numbers when both are.
fn append(ours: &mut ColumnData, theirs: ColumnData) {
    match (ours, theirs) {
        (ColumnData::Numbers(a), ColumnData::Numbers(b)) => a.extend(b),
        (ours, theirs) => {
            for i in 0..theirs.len() {
                ours.push(theirs.cell(i));
            }
        }
    }
}
