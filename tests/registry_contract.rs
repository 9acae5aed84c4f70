//! Every registry row keeps the contract the hosts rely on: names, parameters,
//! examples that hold to the last bit, and the shared error behaviour per parameter kind.

use sheetkpi::registry::{self, Expected, Function, ParamKind, SignDomain};
use sheetkpi::{evaluate, formula, Arg, Cell, ErrorKind, KpiResult, Range, Value};
use std::collections::HashSet;

fn check(f: &Function, args: &[Arg], expected: &Expected) -> Result<(), String> {
    let got = evaluate(f.id, args);
    if registry::holds(f, expected, &got) {
        Ok(())
    } else {
        Err(format!("{}: got {got:?}, expected {expected:?}", f.id))
    }
}

#[test]
fn names_are_valid_and_unique() {
    let mut seen = HashSet::new();
    for f in registry::functions() {
        assert!(!f.id.is_empty() && f.id.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'), "{}", f.id);
        assert!(f.id.starts_with(|c: char| c.is_ascii_uppercase()), "{}", f.id);
        assert!(!f.sheets_name.contains('.') && !f.sheets_name.ends_with('_'), "{}", f.sheets_name);
        assert!(seen.insert(f.id.to_string()), "duplicate {}", f.id);
        if f.sheets_name != f.id {
            assert!(seen.insert(f.sheets_name.to_string()), "duplicate {}", f.sheets_name);
        }
        assert!(f.description.len() > 10 && !f.formula.is_empty() && !f.source.articles.is_empty(), "{}", f.id);
        assert_eq!(registry::find(&f.excel_full_name()).map(|g| g.id), Some(f.id));
        assert_eq!(registry::find(&f.sheets_name.to_lowercase()).map(|g| g.id), Some(f.id));
        // As Excel stores add-in calls in files (the audit reads these).
        for stored in [format!("_xldudf_KPI_{}", f.id), format!("[2]!_xldudf_kpi.{}", f.id), format!("[1]!KPI.{}", f.id)] {
            assert_eq!(registry::find(&stored).map(|g| g.id), Some(f.id), "{stored}");
        }
        for other in [format!("_xldudf_{}", f.id), format!("KPI_{}", f.id), format!("XKPI.{}", f.id), format!("KPI.{}.", f.id)] {
            assert_eq!(registry::find(&other).map(|g| g.id), None, "{other}");
        }
    }
    assert!(registry::functions().len() >= 10);
}

#[test]
fn parameters_are_well_formed() {
    for f in registry::functions() {
        let mut optional_seen = false;
        let mut names = HashSet::new();
        for p in f.params {
            assert!(names.insert(p.name), "{}: duplicate parameter {}", f.id, p.name);
            assert!(!p.description.is_empty(), "{}.{}", f.id, p.name);
            assert!(!optional_seen || p.optional(), "{}: required {} after an optional one", f.id, p.name);
            optional_seen |= p.optional();
        }
    }
}

#[test]
fn every_example_holds_to_the_bit() {
    let mut failures = Vec::new();
    for f in registry::functions() {
        assert!(!f.examples.is_empty(), "{} has no example", f.id);
        assert!(f.examples.iter().any(|e| !matches!(e.expected, Expected::Error(_))), "{} has no worked value", f.id);
        for e in f.examples {
            let call = formula::parse(e.formula).unwrap_or_else(|err| panic!("{}: {err}", e.formula));
            assert_eq!(registry::find(&call.name).map(|g| g.id), Some(f.id), "{} is filed under {}", e.formula, f.id);
            let args = formula::literal_args(call.args).unwrap_or_else(|err| panic!("{}: {err}", e.formula));
            if let Err(msg) = check(f, &args, &e.expected) {
                failures.push(format!("{} → {msg}", e.formula));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// The first example of `f` with a value (number or text) as its result, as a base to vary.
fn base_call(f: &Function) -> Option<Vec<Arg>> {
    f.examples.iter().find(|e| !matches!(e.expected, Expected::Error(_))).map(|e| {
        let mut args = formula::parse(e.formula).and_then(|c| formula::literal_args(c.args)).expect("parses");
        args.resize(f.params.len(), Arg::Cell(Cell::Empty));
        args
    })
}

fn kind_of(r: &KpiResult<Value>) -> Option<ErrorKind> {
    r.as_ref().err().map(|e| e.kind)
}

/// A text range (paths, names) reads a number as its digits: never a type error there.
fn numbers_read_as_text(with: &dyn Fn(Arg) -> KpiResult<Value>, ctx: &str) {
    if let Err(e) = with(Arg::num(12.0)) {
        assert!(!e.message.contains("needs text"), "{ctx}: {}", e.message);
    }
}

#[test]
fn each_parameter_kind_rejects_and_propagates_alike() {
    for f in registry::functions() {
        let base = base_call(f).unwrap_or_else(|| panic!("{} has no worked value to vary", f.id));
        let base_result = evaluate(f.id, &base);
        for (i, p) in f.params.iter().enumerate() {
            let with = |a: Arg| {
                let mut args = base.clone();
                args[i] = a;
                evaluate(f.id, &args)
            };
            let ctx = format!("{}.{}", f.id, p.name);
            // An error cell passes through with its own code, in a cell or inside a range.
            assert_eq!(kind_of(&with(Arg::Cell(Cell::Error(ErrorKind::Ref)))), Some(ErrorKind::Ref), "{ctx}");
            assert_eq!(kind_of(&with(Arg::Cell(Cell::Error(ErrorKind::Div0)))), Some(ErrorKind::Div0), "{ctx}");
            // TRUE/FALSE is neither a number, a name nor an option.
            if p.kind != ParamKind::Flag {
                assert_eq!(kind_of(&with(Arg::Cell(Cell::Bool(true)))), Some(ErrorKind::Value), "{ctx}");
            }
            match p.kind {
                ParamKind::Texts | ParamKind::Block => numbers_read_as_text(&with, &ctx),
                ParamKind::Choice => {
                    // Any case of an option is that option; anything else is #VALUE! naming them.
                    let first = p.choices[0];
                    assert_eq!(with(Arg::Cell(Cell::Text(first.to_uppercase()))), with(Arg::Cell(Cell::Text(first.into()))), "{ctx}");
                    let e = with(Arg::Cell(Cell::Text("no such option".into()))).unwrap_err();
                    assert_eq!(e.kind, ErrorKind::Value, "{ctx}");
                    assert!(p.choices.iter().all(|c| e.message.contains(c)), "{ctx}: {}", e.message);
                    assert_eq!(kind_of(&with(Arg::num(1.0))), Some(ErrorKind::Value), "{ctx}");
                }
                _ => {
                    // Text is never a number.
                    assert_eq!(kind_of(&with(Arg::Cell(Cell::Text("12".into())))), Some(ErrorKind::Value), "{ctx}");
                }
            }
            if matches!(p.kind, ParamKind::Texts | ParamKind::Block | ParamKind::Choice) {
                continue;
            }
            // Blank: the default if optional, else #N/A.
            let blank = with(Arg::Cell(Cell::Empty));
            if p.optional() {
                assert!(kind_of(&blank) != Some(ErrorKind::NA) || kind_of(&base_result) == Some(ErrorKind::NA), "{ctx}");
            } else {
                assert_eq!(kind_of(&blank), Some(ErrorKind::NA), "{ctx}");
            }
            let original = base[i].clone();
            let single = match &original {
                Arg::Cell(c) => Some(c.clone()),
                Arg::Range(r) if r.cells().len() == 1 => Some(r.cells()[0].clone()),
                _ => None,
            };
            let Some(cell) = single else { continue };
            match p.kind {
                ParamKind::Amount | ParamKind::Series => {
                    // A value surrounded by blanks in a range reads as the value alone.
                    let padded = Arg::Range(Range::from_rows(vec![
                        vec![Cell::Empty, cell.clone()],
                        vec![Cell::Text(String::new()), Cell::Empty],
                    ]));
                    assert_eq!(with(padded), base_result, "{ctx}");
                }
                ParamKind::Paired => {
                    // Cells pair by position, so only the 1x1 range is sure to read as the value.
                    assert_eq!(with(Arg::Range(Range::column(vec![cell]))), base_result, "{ctx}");
                }
                ParamKind::Texts | ParamKind::Block | ParamKind::Choice => {}
                ParamKind::Rate | ParamKind::NonNegative | ParamKind::Number | ParamKind::Flag => {
                    // One value in a 1x1 range is that value; two cells are a range, not a value.
                    assert_eq!(with(Arg::Range(Range::column(vec![cell.clone()]))), base_result, "{ctx}");
                    let two = Arg::Range(Range::column(vec![cell.clone(), cell]));
                    assert_eq!(kind_of(&with(two)), Some(ErrorKind::Value), "{ctx}");
                }
            }
            // Domain checks shared by kind and declared sign domain.
            match p.kind {
                ParamKind::Amount | ParamKind::NonNegative | ParamKind::Number if p.sign == SignDomain::NonNegative => {
                    assert_eq!(kind_of(&with(Arg::num(-1.0))), Some(ErrorKind::Num), "{ctx}");
                }
                ParamKind::Amount | ParamKind::NonNegative | ParamKind::Number => {
                    // Either sign is accepted by binding; the KPI may still rule a value out.
                    if let Err(e) = with(Arg::num(-1.0)) {
                        assert!(!e.message.contains("can't be negative"), "{ctx}: {}", e.message);
                    }
                }
                ParamKind::Rate => {
                    assert_eq!(kind_of(&with(Arg::num(1.5))), Some(ErrorKind::Num), "{ctx}");
                    assert_eq!(kind_of(&with(Arg::num(-0.1))), Some(ErrorKind::Num), "{ctx}");
                }
                _ => {}
            }
            assert_eq!(kind_of(&with(Arg::num(f64::NAN))), Some(ErrorKind::Num), "{ctx}");
            // The largest doubles are exact inputs: a finite result or an error, never ±inf or NaN.
            for x in [1e308, f64::MAX, 5e-324] {
                if let Ok(Value::Number(y)) = with(Arg::num(x)) {
                    assert!(y.is_finite(), "{ctx} with {x:e}: {y}");
                }
            }
        }
        // One argument too many is #VALUE!.
        let mut extra = base.clone();
        extra.push(Arg::num(1.0));
        assert_eq!(kind_of(&evaluate(f.id, &extra)), Some(ErrorKind::Value), "{} with an extra input", f.id);
    }
}
