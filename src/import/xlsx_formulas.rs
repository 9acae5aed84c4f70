//! Native spreadsheet formulas for the report's KPIs, so an exported report stays live in
//! Excel, Google Sheets and LibreOffice without the add-in, and gives the report's own
//! results when any of them recalculates it.
//!
//! Each formula first makes the checks the engine makes when it binds the inputs
//! ([`crate::bind`]), in the engine's order, so that a messy cell gives the same error in
//! the workbook as in the report:
//! 1. an input holding an error passes it on (the first input's first);
//! 2. input by input: a blank one is `#N/A` (missing; an optional input takes its
//!    default), text or TRUE/FALSE is `#VALUE!`;
//! 3. a negative input where the parameter forbids it is `#NUM!`;
//!
//! then the KPI's own checks ([`Native::checks`], as its `eval` makes them), then its
//! result. `{param}` in a template stands for the input's value.

use crate::registry::{DefaultValue, Function, SignDomain};

/// A KPI's native form.
pub struct Native {
    /// Registry id.
    pub id: &'static str,
    /// Conditions that make the result `#NUM!`, in the order the KPI's `eval` tests them.
    pub checks: &'static [&'static str],
    /// The result (a division by zero is the spreadsheet's own `#DIV/0!`, as the engine's).
    pub result: &'static str,
}

const fn native(id: &'static str, checks: &'static [&'static str], result: &'static str) -> Native {
    Native { id, checks, result }
}

/// Every KPI the report can plan (a test holds this to `report::plan` with every role).
pub const NATIVE: &[Native] = &[
    native("ROI", &[], "({revenue}-{cost})/{cost}"),
    native("ROAS", &[], "{revenue}/{ad_spend}"),
    native("MER", &[], "{revenue}/{spend}"),
    native("CAC", &[], "{cost}/{new_customers}"),
    native("CPC", &[], "{cost}/{clicks}"),
    native("CPL", &[], "{cost}/{leads}"),
    native("CPA", &[], "{cost}/{actions}"),
    native("CPM", &[], "{cost}*1000/{impressions}"),
    // share(): a part larger than its whole is #NUM!, before the division.
    native("CTR", &["{clicks}>{impressions}"], "{clicks}/{impressions}"),
    native("CVR", &["{conversions}>{visitors}"], "{conversions}/{visitors}"),
    native("BOUNCE_RATE", &["{bounces}>{sessions}"], "{bounces}/{sessions}"),
    native("PAGES_PER_SESSION", &[], "{page_views}/{sessions}"),
    native("ENGAGEMENT_RATE", &[], "({engagements}+{more_engagements}+{other_engagements})/{impressions}"),
    native("MQL_TO_SQL", &["{sqls}>{mqls}"], "{sqls}/{mqls}"),
    native(
        "RETENTION_RATE",
        &["{new_customers}>{customers_at_end}", "{customers_at_end}-{new_customers}>{customers_at_start}"],
        "({customers_at_end}-{new_customers})/{customers_at_start}",
    ),
    native("CHURN_RATE", &["{customers_lost}>{customers_at_start}"], "{customers_lost}/{customers_at_start}"),
    native("NEW_TO_LOSS", &[], "{new_customers}/{customers_lost}"),
    native("NET_NEW_CUSTOMERS", &[], "{new_customers}-{customers_lost}"),
];

/// Where one input of a KPI formula is.
pub struct Input {
    /// The cell holding the value (`E2`, or a Summary sum cell).
    pub cell: String,
    /// A condition that holds when any number behind the value is negative (`E2<0` for a
    /// cell; for a sum, whether any of its cells is, as the engine checks a range).
    pub negative: String,
}

/// The native formula of KPI `f` (with `=`), each parameter's input given by `input(i)`
/// (`None`: not fed, so its default applies); `None` when the KPI has no template or a
/// parameter without a default is not fed.
pub fn native_formula(f: &Function, input: impl Fn(usize) -> Option<Input>) -> Option<String> {
    let native = NATIVE.iter().find(|n| n.id == f.id)?;
    let inputs: Vec<Option<Input>> = (0..f.params.len()).map(&input).collect();
    // Each parameter's value in the result and checks: its cell, or its default.
    let mut values = Vec::new();
    for (p, i) in f.params.iter().zip(&inputs) {
        values.push(match (i, p.default) {
            (Some(i), Some(DefaultValue::Number(d))) => {
                format!("IF({c}=\"\",{},{c})", crate::number_text::format_number(d), c = i.cell)
            }
            (Some(i), _) => i.cell.clone(),
            (None, Some(DefaultValue::Number(d))) => crate::number_text::format_number(d),
            (None, _) => return None,
        });
    }
    let fill = |template: &str| -> Option<String> {
        let mut out = String::new();
        let mut rest = template;
        while let Some(at) = rest.find('{') {
            out.push_str(&rest[..at]);
            let end = rest[at..].find('}')? + at;
            let i = f.params.iter().position(|p| p.name == &rest[at + 1..end])?;
            // A cell reference, a number or an IF(…): one operand each.
            out.push_str(&values[i]);
            rest = &rest[end + 1..];
        }
        out.push_str(rest);
        Some(out)
    };
    // Built inside out: the result, wrapped in each check from the last to the first.
    let mut formula = fill(native.result)?;
    for check in native.checks.iter().rev() {
        formula = format!("IF({},#NUM!,{formula})", fill(check)?);
    }
    let negatives: Vec<&str> = f
        .params
        .iter()
        .zip(&inputs)
        .filter(|(p, _)| p.sign == SignDomain::NonNegative)
        .filter_map(|(_, i)| i.as_ref().map(|i| i.negative.as_str()))
        .collect();
    if !negatives.is_empty() {
        formula = format!("IF(OR({}),#NUM!,{formula})", negatives.join(","));
    }
    for (p, i) in f.params.iter().zip(&inputs).rev() {
        let Some(i) = i else { continue };
        let c = &i.cell;
        formula = if p.default.is_some() {
            format!("IF(AND({c}<>\"\",NOT(ISNUMBER({c}))),#VALUE!,{formula})")
        } else {
            format!("IF({c}=\"\",NA(),IF(NOT(ISNUMBER({c})),#VALUE!,{formula}))")
        };
    }
    for i in inputs.iter().rev().flatten() {
        formula = format!("IF(ISERROR({c}),{c},{formula})", c = i.cell);
    }
    Some(format!("={formula}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(c: &str) -> Option<Input> {
        Some(Input { cell: c.into(), negative: format!("{c}<0") })
    }

    #[test]
    fn checks_wrap_the_result_in_the_engines_order() {
        let ctr = crate::registry::find("CTR").unwrap();
        let f = native_formula(ctr, |i| cell(["A2", "B2"][i])).unwrap();
        assert_eq!(
            f,
            "=IF(ISERROR(A2),A2,IF(ISERROR(B2),B2,IF(A2=\"\",NA(),IF(NOT(ISNUMBER(A2)),#VALUE!,\
             IF(B2=\"\",NA(),IF(NOT(ISNUMBER(B2)),#VALUE!,IF(OR(A2<0,B2<0),#NUM!,IF(A2>B2,#NUM!,A2/B2))))))))"
        );
    }

    #[test]
    fn an_input_not_fed_takes_its_default() {
        let er = crate::registry::find("ENGAGEMENT_RATE").unwrap();
        let f = native_formula(er, |i| if i < 2 { cell(["C2", "D2"][i]) } else { None }).unwrap();
        assert!(f.ends_with("IF(OR(C2<0,D2<0),#NUM!,(C2+0+0)/D2)))))))"), "{f}");
        assert!(native_formula(er, |i| if i == 0 { cell("C2") } else { None }).is_none(), "impressions has no default");
    }

    /// Every KPI the report plans when every role has a column has a template, and every
    /// template names only its function's parameters.
    #[test]
    fn every_kpi_the_report_can_plan_has_a_native_formula() {
        for n in NATIVE {
            let f = crate::registry::find(n.id).unwrap_or_else(|| panic!("{} is not a registry id", n.id));
            let fed = |_| cell("A1");
            assert!(native_formula(f, fed).is_some(), "{}: a template names a parameter it does not have", n.id);
        }
        let plannable: Vec<&str> = crate::registry::functions()
            .iter()
            .filter(|f| f.shape == crate::registry::Shape::Value)
            .filter(|f| {
                f.params.iter().all(|p| p.optional() || crate::import::roles::role_of_param(f, p.name).is_some())
                    && f.params.iter().any(|p| crate::import::roles::role_of_param(f, p.name).is_some())
            })
            .map(|f| f.id)
            .collect();
        for id in &plannable {
            assert!(NATIVE.iter().any(|n| n.id == *id), "{id} can be in a report but has no native formula");
        }
    }
}
