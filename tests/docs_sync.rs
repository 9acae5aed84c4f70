//! FUNCTIONS.md is generated from the registry; this keeps the committed copy (and the README's count) in sync.
//! Regenerate with: cargo run -q -- docs > FUNCTIONS.md

#[test]
fn functions_md_matches_the_registry() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/FUNCTIONS.md");
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    let generated = sheetkpi::docs::functions_markdown();
    assert!(
        committed == generated,
        "FUNCTIONS.md is out of date: run `cargo run -q -- docs > FUNCTIONS.md`"
    );
    for f in sheetkpi::registry::functions() {
        assert!(generated.contains(&format!("## {}\n", f.id)), "{} missing from the docs", f.id);
    }
}

/// The README counts the functions ("… 56 in all"): the count is the registry's.
#[test]
fn readme_counts_the_registry_functions() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let n = sheetkpi::registry::functions().len();
    assert!(readme.contains(&format!("… {n} in all)")), "README.md should say \"… {n} in all)\"");
}
