//! Header rows of the data sheets the importer recognises by name (journeys, customers):
//! one rule for comparing a header with the names it may have, and for reading a row as
//! a header.

use super::dataset::column_letters;
use super::source::Row;

/// A header reduced for comparison: lower case, letters and digits only (`Customer ID`,
/// `customer_id` and `customer-id` are one).
pub fn key(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// The field of `names` whose list holds `header` (by [`key`]), the first listed on a tie.
pub fn lookup<F: Copy>(names: &[(F, &[&str])], header: &str) -> Option<F> {
    let k = key(header);
    if k.is_empty() {
        return None;
    }
    names.iter().find(|(_, ns)| ns.iter().any(|n| key(n) == k)).map(|(f, _)| *f)
}

/// The first `n` names a field is known by, quoted, for messages.
pub fn names_of<F: PartialEq>(names: &[(F, &[&str])], f: F, n: usize) -> String {
    let list = names.iter().find(|(g, _)| *g == f).map_or(&[][..], |(_, ns)| *ns);
    list.iter().take(n).map(|s| format!("\"{s}\"")).collect::<Vec<_>>().join(", ")
}

/// A column found in a header row.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct FoundColumn<F> {
    /// What it holds.
    pub field: F,
    /// Its letters (`B`).
    pub column: String,
    /// Its header text.
    pub header: String,
    /// Its index, 0-based.
    #[serde(skip)]
    pub col: u32,
}

/// The columns a row names, when it reads as a header: more than half of its filled cells
/// text. A field named twice keeps its first column, with a warning naming both.
pub fn columns_of<F: Copy + PartialEq>(
    r: &Row,
    field_of: impl Fn(&str) -> Option<F>,
    name: impl Fn(F) -> &'static str,
) -> Option<(Vec<FoundColumn<F>>, Vec<String>)> {
    let (mut text, mut filled) = (0, 0);
    let mut columns: Vec<FoundColumn<F>> = Vec::new();
    let mut warnings = Vec::new();
    for (c, cell) in r.cells.iter().enumerate() {
        if cell.is_blank() {
            continue;
        }
        filled += 1;
        let Some(t) = cell.text() else { continue };
        text += 1;
        let Some(field) = field_of(t) else { continue };
        let found = FoundColumn { field, column: column_letters(c as u32), header: t.trim().to_string(), col: c as u32 };
        match columns.iter().find(|x| x.field == field) {
            Some(first) => warnings.push(format!(
                "column {} \"{}\" also looks like {}; using column {} \"{}\"",
                found.column,
                found.header,
                name(field),
                first.column,
                first.header
            )),
            None => columns.push(found),
        }
    }
    (2 * text > filled).then_some((columns, warnings))
}
