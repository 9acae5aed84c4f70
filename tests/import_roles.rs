//! The column-role table: header synonyms in four languages, units ignored, one role
//! per name, and the link from registry parameters to roles.
#![cfg(feature = "import")]

use sheetkpi::import::report::plan;
use sheetkpi::import::roles::{normalize, role_of_header, role_of_param, Role, PARAM_ROLES, SYNONYMS};
use sheetkpi::registry;
use std::collections::HashMap;

#[test]
fn headers_in_four_languages_with_units() {
    let cases: &[(&str, Option<Role>)] = &[
        ("Spend (USD)", Some(Role::Spend)),
        ("  AD SPEND ($) ", Some(Role::Spend)),
        ("Amount spent [NOK]", Some(Role::Spend)),
        ("Total spend", Some(Role::Spend)),
        ("花费(元)", Some(Role::Spend)),
        ("花费（元）", Some(Role::Spend)),
        ("总花费", Some(Role::Spend)),
        ("廣告費用（NT$）", Some(Role::Spend)),
        ("Kostnad (kr)", Some(Role::Spend)),
        ("Kostnad kr", Some(Role::Spend)),
        ("Revenue_EUR", Some(Role::Revenue)),
        ("营收", Some(Role::Revenue)),
        ("營收", Some(Role::Revenue)),
        ("Inntekter", Some(Role::Revenue)),
        ("Impr.", Some(Role::Impressions)),
        ("曝光次數", Some(Role::Impressions)),
        ("展示量", Some(Role::Impressions)),
        ("Visninger", Some(Role::Impressions)),
        ("# of clicks", Some(Role::Clicks)),
        ("點擊次數", Some(Role::Clicks)),
        ("Antall klikk", Some(Role::Clicks)),
        ("Sessions", Some(Role::Visitors)),
        ("Besøkende", Some(Role::Visitors)),
        ("访客数", Some(Role::Visitors)),
        ("MQLs", Some(Role::Mqls)),
        ("SQL", Some(Role::Sqls)),
        ("New customers", Some(Role::NewCustomers)),
        ("新增客户", Some(Role::NewCustomers)),
        ("Nye kunder", Some(Role::NewCustomers)),
        ("Churned customers", Some(Role::CustomersLost)),
        ("流失客戶", Some(Role::CustomersLost)),
        ("Customers at start", Some(Role::CustomersStart)),
        ("期末客户数", Some(Role::CustomersEnd)),
        ("Page views", Some(Role::PageViews)),
        ("Sidevisninger", Some(Role::PageViews)),
        ("互動次數", Some(Role::Engagements)),
        ("Channel", Some(Role::Channel)),
        ("通路", Some(Role::Channel)),
        ("Kanal", Some(Role::Channel)),
        ("Kampanje", Some(Role::Campaign)),
        ("广告活动", Some(Role::Campaign)),
        ("Dato", Some(Role::Date)),
        ("日期", Some(Role::Date)),
        // KPIs and rates are not inputs.
        ("CTR", None),
        ("Conversion rate", None),
        ("Cost per click", None),
        ("ROAS", None),
        ("", None),
        ("(USD)", None),
    ];
    for (header, role) in cases {
        assert_eq!(role_of_header(header), *role, "{header:?} (normalized {:?})", normalize(header));
    }
}

#[test]
fn no_name_belongs_to_two_roles() {
    let mut seen: HashMap<String, Role> = HashMap::new();
    for (role, names) in SYNONYMS {
        for n in *names {
            let key = normalize(n);
            assert!(!key.is_empty(), "{n:?} normalizes to nothing");
            if let Some(other) = seen.insert(key.clone(), *role) {
                assert_eq!(other, *role, "{n:?} ({key}) is listed under {other:?} and {role:?}");
            }
            // Each synonym is found as a header naming its own role.
            assert_eq!(role_of_header(n), Some(*role), "{n:?}");
        }
    }
    for role in Role::ALL {
        assert!(SYNONYMS.iter().any(|(r, _)| *r == role), "{role:?} has no synonyms");
        assert_eq!(Role::parse(role.name()), Some(role));
    }
}

#[test]
fn every_role_has_names_in_every_language() {
    // Simplified and Traditional Chinese differ in most of these names; Norwegian uses ASCII or æøå.
    for (role, names) in SYNONYMS {
        let han = names.iter().filter(|n| n.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))).count();
        let latin = names.iter().filter(|n| n.chars().all(|c| c.is_ascii() || "æøåÆØÅ".contains(c))).count();
        assert!(han >= 2, "{role:?}: Chinese names missing");
        assert!(latin >= 2, "{role:?}: English/Norwegian names missing");
    }
}

#[test]
fn explicit_parameter_links_name_real_parameters() {
    for (fid, param, _) in PARAM_ROLES {
        if *fid == "*" {
            assert!(
                registry::functions().iter().any(|f| f.params.iter().any(|p| p.name == *param)),
                "no function has a parameter {param}"
            );
        } else {
            let f = registry::find(fid).unwrap_or_else(|| panic!("{fid} is not in the registry"));
            assert!(f.params.iter().any(|p| p.name == *param), "{fid} has no parameter {param}");
        }
    }
}

#[test]
fn core_kpis_are_fed_from_columns() {
    let cases = [
        ("ROAS", "revenue", Role::Revenue),
        ("ROAS", "ad_spend", Role::Spend),
        ("ROI", "cost", Role::Spend),
        ("MER", "spend", Role::Spend),
        ("CAC", "new_customers", Role::NewCustomers),
        ("CPC", "clicks", Role::Clicks),
        ("CPL", "leads", Role::Leads),
        ("CPA", "actions", Role::Conversions),
        ("CTR", "impressions", Role::Impressions),
        ("CVR", "conversions", Role::Conversions),
        ("CVR", "visitors", Role::Visitors),
    ];
    for (fid, param, role) in cases {
        let f = registry::find(fid).unwrap();
        assert_eq!(role_of_param(f, param), Some(role), "{fid}.{param}");
    }
    // CLV's inputs are averages, not columns to sum: never fed from a column.
    let clv = registry::find("CLV").unwrap();
    assert!(clv.params.iter().all(|p| role_of_param(clv, p.name).is_none()));
}

#[test]
fn plan_skips_what_the_data_cannot_feed() {
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/zh_hans_1904.xlsx")).unwrap();
    let ds = sheetkpi::import::load::load(&bytes, &Default::default(), &mut |_, _| {}).unwrap();
    let (kpis, skipped) = plan(&ds);
    let ids: Vec<&str> = kpis.iter().map(|k| k.id).collect();
    for id in ["ROI", "ROAS", "MER", "CPC", "CPA", "CTR"] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    // No new-customer or visitor column: CAC and CVR are left out, naming what they need.
    let cac = skipped.iter().find(|s| s.id == "CAC").unwrap();
    assert_eq!(cac.missing, vec![Role::NewCustomers]);
    assert!(skipped.iter().any(|s| s.id == "CVR"));
    assert!(skipped.iter().any(|s| s.id == "CLV" && s.missing.is_empty()));
}
