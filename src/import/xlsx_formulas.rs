//! Native spreadsheet formulas for registry KPIs, so an exported report stays live in
//! Excel, Google Sheets and LibreOffice without the add-in. `{param}` stands for the
//! cell holding that parameter. A KPI missing here is exported as its value.

/// `(function id, native formula over its parameters)`.
pub const NATIVE: &[(&str, &str)] = &[
    ("ROI", "({revenue}-{cost})/{cost}"),
    ("ROAS", "{revenue}/{ad_spend}"),
    ("MER", "{revenue}/{spend}"),
    ("CAC", "{cost}/{new_customers}"),
    ("CPC", "{cost}/{clicks}"),
    ("CPL", "{cost}/{leads}"),
    ("CPA", "{cost}/{actions}"),
    ("CTR", "{clicks}/{impressions}"),
    ("CVR", "{conversions}/{visitors}"),
];

/// The native formula of `id` with each `{param}` replaced by `cell(param)`, or `None`
/// when no template is known or a parameter has no cell.
pub fn native_formula(id: &str, cell: impl Fn(&str) -> Option<String>) -> Option<String> {
    let template = NATIVE.iter().find(|(f, _)| *f == id)?.1;
    let mut out = String::from("=");
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let j = rest[i..].find('}')? + i;
        out.push_str(&cell(&rest[i + 1..j])?);
        rest = &rest[j + 1..];
    }
    out.push_str(rest);
    Some(out)
}
