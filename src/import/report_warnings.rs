//! The report's own warnings, found in the data read: text where numbers belong, numbers
//! outside a KPI's domain, columns no role uses, and spend and revenue in different
//! currencies (the reader's own, about rows and sheets, come with the dataset).

use super::dataset::{column_letters, ColumnData, Dataset};
use super::report::KpiColumn;
use super::roles::Role;
use super::warning::{self, Kind, Warning};
use super::xlsx_formulas::NATIVE;
use crate::registry::SignDomain;
use crate::value::Cell;

/// Every warning about the data of `ds` for the KPIs planned.
pub(super) fn of(ds: &Dataset, kpis: &[KpiColumn]) -> Vec<Warning> {
    let mut out = non_numbers(ds);
    out.extend(negatives(ds, kpis));
    out.extend(parts_over_wholes(ds, kpis));
    out.extend(unused_columns(ds));
    out.extend(currency_mismatch(ds, kpis));
    out
}

/// One warning per measure column holding text or TRUE/FALSE: its rows' KPIs that use the
/// cell are `#VALUE!` (as `=E3/D3` is in a spreadsheet), and the group and total sums leave
/// the cell out (as `SUM` does), so the report and its xlsx agree however it is recalculated.
fn non_numbers(ds: &Dataset) -> Vec<Warning> {
    ds.measures
        .iter()
        .filter_map(|m| {
            let cells = m.data.non_numbers();
            if cells.is_empty() {
                return None;
            }
            let col = super::dataset::column_letters(m.col);
            let address = |i: usize| format!("{}{col}{}", ds.place(i), ds.rows.get(i).copied().unwrap_or_default());
            let named: Vec<String> = cells
                .iter()
                .take(warning::NAMED)
                .map(|(i, c)| match c {
                    Cell::Text(t) => format!("{} \"{}\"", address(*i), crate::bind::clip(t)),
                    Cell::Bool(b) => format!("{} {}", address(*i), if *b { "TRUE" } else { "FALSE" }),
                    _ => address(*i),
                })
                .collect();
            let n = cells.len();
            let (s, are, their, them) = if n == 1 { ("", "is", "its row", "it") } else { ("s", "are", "their rows", "them") };
            let message = format!(
                "column {col} \"{}\" has {n} cell{s} that {are} not a number ({}): the KPIs of {their} are #VALUE!, and the group and total sums leave {them} out",
                m.header,
                warning::list(&named, n),
            );
            Some(Warning::about(Kind::NonNumeric, message, cells.iter().map(|(i, _)| address(*i)).take(warning::NAMED).collect(), n))
        })
        .collect()
}

/// The numbers of a column with their row index.
fn numbers(data: &ColumnData) -> Box<dyn Iterator<Item = (usize, f64)> + '_> {
    match data {
        ColumnData::Numbers(v) => Box::new(v.iter().copied().enumerate().filter(|(_, x)| !x.is_nan())),
        ColumnData::Cells(v) => Box::new(v.iter().enumerate().filter_map(|(i, c)| match c {
            Cell::Number(x) => Some((i, *x)),
            _ => None,
        })),
    }
}

/// A measure's KPIs, as `ROAS, ROI` for a message.
fn ids(kpis: &[&KpiColumn]) -> String {
    kpis.iter().map(|k| k.id).collect::<Vec<_>>().join(", ")
}

/// One warning per measure column with negative numbers that feed a KPI input which
/// cannot be negative (a spend, clicks): those KPIs are `#NUM!` in the rows, and in the
/// groups and total that hold them (the engine checks every cell of a range).
fn negatives(ds: &Dataset, kpis: &[KpiColumn]) -> Vec<Warning> {
    ds.measures
        .iter()
        .enumerate()
        .filter_map(|(mi, m)| {
            let strict: Vec<&KpiColumn> = kpis
                .iter()
                .filter(|k| k.function.params.iter().zip(&k.sources).any(|(p, s)| *s == Some(mi) && p.sign == SignDomain::NonNegative))
                .collect();
            if strict.is_empty() {
                return None;
            }
            let col = column_letters(m.col);
            let rows: Vec<usize> = numbers(&m.data).filter(|(_, x)| *x < 0.0).map(|(i, _)| i).collect();
            if rows.is_empty() {
                return None;
            }
            let cells: Vec<String> = rows.iter().take(warning::NAMED).map(|&i| format!("{}{col}{}", ds.place(i), ds.rows[i])).collect();
            let n = rows.len();
            let message = format!(
                "column {col} \"{}\" has {n} negative number{} ({}): {} cannot take one, so they are #NUM! in {}, {} group and the total",
                m.header,
                if n == 1 { "" } else { "s" },
                warning::list(&cells, n),
                ids(&strict),
                if n == 1 { "its row" } else { "those rows" },
                if n == 1 { "its" } else { "their" },
            );
            Some(Warning::about(Kind::OutsideDomain, message, cells, n))
        })
        .collect()
}

/// One warning per pair of columns where a part is larger than its whole in some rows
/// (more clicks than impressions): the KPIs that check it ([`NATIVE`]'s `{part}>{whole}`
/// checks, the engine's own) are `#NUM!` there.
fn parts_over_wholes(ds: &Dataset, kpis: &[KpiColumn]) -> Vec<Warning> {
    // (part measure, whole measure) → the KPIs checking it.
    let mut pairs: Vec<((usize, usize), Vec<&KpiColumn>)> = Vec::new();
    for k in kpis {
        let Some(native) = NATIVE.iter().find(|n| n.id == k.id) else { continue };
        for check in native.checks {
            let Some((part, whole)) = simple_comparison(check) else { continue };
            let source = |name: &str| k.function.params.iter().position(|p| p.name == name).and_then(|i| k.sources[i]);
            let (Some(p), Some(w)) = (source(part), source(whole)) else { continue };
            match pairs.iter_mut().find(|(pw, _)| *pw == (p, w)) {
                Some((_, ks)) => ks.push(k),
                None => pairs.push(((p, w), vec![k])),
            }
        }
    }
    pairs
        .into_iter()
        .filter_map(|((p, w), ks)| {
            let (part, whole) = (&ds.measures[p], &ds.measures[w]);
            let wholes: Vec<f64> = (0..ds.rows.len()).map(|i| match part.data.cell(i) {
                Cell::Number(_) => match whole.data.cell(i) {
                    Cell::Number(y) => y,
                    _ => f64::NAN,
                },
                _ => f64::NAN,
            }).collect();
            let rows: Vec<usize> = numbers(&part.data).filter(|(i, x)| *x > wholes[*i]).map(|(i, _)| i).collect();
            if rows.is_empty() {
                return None;
            }
            let col = column_letters(part.col);
            let cells: Vec<String> = rows.iter().take(warning::NAMED).map(|&i| format!("{}{col}{}", ds.place(i), ds.rows[i])).collect();
            let n = rows.len();
            let message = format!(
                "{n} row{} {} more \"{}\" than \"{}\" ({}), which cannot be: {} {} #NUM! there",
                if n == 1 { "" } else { "s" },
                if n == 1 { "has" } else { "have" },
                part.header,
                whole.header,
                warning::list(&cells, n),
                ids(&ks),
                if ks.len() == 1 { "is" } else { "are" },
            );
            Some(Warning::about(Kind::OutsideDomain, message, cells, n))
        })
        .collect()
}

/// `(a, b)` of a check that is exactly `{a}>{b}`.
fn simple_comparison(check: &str) -> Option<(&str, &str)> {
    let (a, b) = check.split_once('>')?;
    let a = a.strip_prefix('{')?.strip_suffix('}')?;
    let b = b.strip_prefix('{')?.strip_suffix('}')?;
    (!a.contains(['{', '}']) && !b.contains(['{', '}'])).then_some((a, b))
}

/// The header columns nothing uses: no role, and not the column grouped by.
fn unused_columns(ds: &Dataset) -> Option<Warning> {
    let grouped = ds.group_by.map(|g| &ds.labels[g]).filter(|l| l.col != u32::MAX).map(|l| column_letters(l.col));
    let unused: Vec<String> = ds
        .columns
        .iter()
        .filter(|c| c.role.is_none() && !c.header.trim().is_empty() && grouped.as_deref() != Some(c.column.as_str()))
        .map(|c| format!("{} \"{}\"", c.column, c.header))
        .collect();
    if unused.is_empty() {
        return None;
    }
    let message = format!(
        "column{} not used: {} (map {} to a role if it holds a number the KPIs need)",
        if unused.len() == 1 { "" } else { "s" },
        unused.join(", "),
        if unused.len() == 1 { "it" } else { "one" },
    );
    Some(Warning::new(Kind::UnusedColumns, message))
}

/// ISO 4217 codes a header may name bare (`Spend NOK`), beside any code in brackets.
const CODES: [&str; 12] = ["NOK", "SEK", "DKK", "EUR", "USD", "GBP", "CNY", "RMB", "TWD", "HKD", "JPY", "CHF"];

/// The currency a header names (`Spend (NOK)`, `廣告費用（NT$）`, `Revenue USD`), as a code
/// where the symbol says which (`NT$` → TWD, `€` → EUR, `元` → CNY), else as written.
pub(crate) fn header_currency(header: &str) -> Option<String> {
    let alias = |t: &str| -> Option<String> {
        let t = t.trim();
        let upper = t.to_uppercase();
        let code = match upper.as_str() {
            "US$" => "USD",
            "NT$" | "NTD" => "TWD",
            "HK$" => "HKD",
            "€" => "EUR",
            "£" => "GBP",
            "RMB" | "元" | "人民币" | "CN¥" => "CNY",
            "円" => "JPY",
            "$" | "¥" | "￥" | "KR" | "KR." => return Some(t.to_string()),
            c if c.len() == 3 && c.chars().all(|ch| ch.is_ascii_uppercase()) && CODES.contains(&c) => c,
            _ => return None,
        };
        Some(code.to_string())
    };
    let bracketed = header
        .split(['(', '（', '['])
        .skip(1)
        .filter_map(|rest| rest.split([')', '）', ']']).next())
        .find_map(alias);
    bracketed.or_else(|| header.split(|c: char| !c.is_ascii_alphabetic()).find_map(|w| CODES.contains(&w).then(|| alias(w)).flatten()))
}

/// Spend and revenue whose headers name different currencies: the KPIs dividing one by
/// the other mix them.
fn currency_mismatch(ds: &Dataset, kpis: &[KpiColumn]) -> Option<Warning> {
    let index = |r: Role| ds.measures.iter().position(|m| m.role == r);
    let (s, r) = (index(Role::Spend)?, index(Role::Revenue)?);
    let (spend, revenue) = (&ds.measures[s], &ds.measures[r]);
    let (sc, rc) = (header_currency(&spend.header)?, header_currency(&revenue.header)?);
    if sc == rc {
        return None;
    }
    let both: Vec<&KpiColumn> = kpis.iter().filter(|k| k.sources.contains(&Some(s)) && k.sources.contains(&Some(r))).collect();
    let message = format!(
        "spend and revenue are in different currencies: column {} \"{}\" is {sc}, column {} \"{}\" is {rc}, so {} mix them (convert one column first)",
        column_letters(spend.col),
        spend.header,
        column_letters(revenue.col),
        revenue.header,
        if both.is_empty() { "the KPIs".to_string() } else { ids(&both) },
    );
    Some(Warning::new(Kind::CurrencyMismatch, message))
}

#[cfg(test)]
mod tests {
    use super::header_currency;

    #[test]
    fn currencies_in_headers() {
        let cases = [
            ("Spend (NOK)", Some("NOK")),
            ("Revenue (USD)", Some("USD")),
            ("廣告費用（NT$）", Some("TWD")),
            ("Kostnad i NOK", Some("NOK")),
            ("Omsetning (kr)", Some("kr")),
            ("花费 (元)", Some("CNY")),
            ("Revenue [€]", Some("EUR")),
            ("Spend", None),
            ("Clicks (unique)", None),
            ("Revenue (net)", None),
        ];
        for (h, want) in cases {
            assert_eq!(header_currency(h).as_deref(), want, "{h}");
        }
    }
}
