use super::*;

fn n(x: f64) -> Operand {
    Operand::Value(Arg::Cell(Cell::Number(x)))
}
fn blank() -> Operand {
    Operand::Value(Arg::Cell(Cell::Empty))
}
fn r(sheet: Option<&str>, start: (u32, u32), end: (u32, u32), at: usize) -> Operand {
    Operand::Ref(Reference { sheet: sheet.map(String::from), start, end, at })
}
fn literal(text: &str) -> Vec<Arg> {
    literal_args(parse(text).unwrap_or_else(|e| panic!("{text}: {e}")).args).unwrap_or_else(|e| panic!("{text}: {e}"))
}

#[test]
fn parses_scalars_and_arrays() {
    let c = parse("=KPI.CAC({100,200;300,}, {1;3}, , \"x\"\"y\", TRUE, #N/A, 1.5%)").unwrap();
    assert_eq!(c.name, "KPI.CAC");
    let args = literal_args(c.args).unwrap();
    assert_eq!(args.len(), 7);
    assert_eq!(
        args[0],
        Arg::Range(Range::from_rows(vec![
            vec![Cell::Number(100.0), Cell::Number(200.0)],
            vec![Cell::Number(300.0), Cell::Empty],
        ]))
    );
    assert_eq!(args[1], Arg::Range(Range::column(vec![Cell::Number(1.0), Cell::Number(3.0)])));
    assert_eq!(args[2], Arg::Cell(Cell::Empty));
    assert_eq!(args[3], Arg::Cell(Cell::Text("x\"y".into())));
    assert_eq!(args[4], Arg::Cell(Cell::Bool(true)));
    assert_eq!(args[5], Arg::Cell(Cell::Error(ErrorKind::NA)));
    assert_eq!(args[6], Arg::Cell(Cell::Number(0.015)));
    assert_eq!(parse("ROAS()").unwrap().args, vec![]);
    assert_eq!(parse("ROAS(,)").unwrap().args, vec![blank(), blank()]);
}

#[test]
fn semicolons_separate_arguments_outside_arrays_and_rows_inside() {
    assert_eq!(literal("ROAS(1000; 100)"), literal("ROAS(1000, 100)"));
    assert_eq!(literal("CAC({100,200;300,400}; {1;3})"), literal("CAC({100,200;300,400}, {1;3})"));
    let args = literal("CAC({1;2;3}; 4)");
    assert!(matches!(&args[0], Arg::Range(r) if r.rows() == 3 && r.cols() == 1));
    assert_eq!(args.len(), 2);
}

#[test]
fn stored_names_are_kept_as_written() {
    for name in ["ROAS", "KPI.ROAS", "_xldudf_KPI_ROAS", "[2]!_xldudf_KPI_ROAS", "cac_payback"] {
        assert_eq!(parse(&format!("={name}(1,2)")).unwrap().name, name);
    }
}

#[test]
fn the_called_name_whatever_follows() {
    assert_eq!(called_name(" =_xldudf_KPI_ROAS(B2,C2)*100"), Some("_xldudf_KPI_ROAS"));
    assert_eq!(called_name("IFERROR(KPI.ROAS(B2,C2),0)"), Some("IFERROR"));
    assert_eq!(called_name("B2/C2"), None);
    assert_eq!(called_name("ROAS"), None);
}

#[test]
fn references_for_the_audit() {
    let c = parse("KPI.ROAS(B2, $C$2)").unwrap();
    assert_eq!(c.args, vec![r(None, (1, 1), (1, 1), 9), r(None, (1, 2), (1, 2), 13)]);
    let c = parse("=_xldudf_KPI_CTR('My ''data'''!A1:A3,Data!B:B)").unwrap();
    assert_eq!(c.args, vec![r(Some("My 'data'"), (0, 0), (2, 0), 17), r(Some("Data"), (0, 1), (u32::MAX, 1), 37)]);
    let c = parse("ROAS('Données 2024'!B2; Übersicht!C3)").unwrap();
    assert_eq!(c.args[0], r(Some("Données 2024"), (1, 1), (1, 1), 5));
    assert!(matches!(&c.args[1], Operand::Ref(x) if x.sheet.as_deref() == Some("Übersicht")));
    assert_eq!(parse("ROAS(true, False)").unwrap().args[1], Operand::Value(Arg::Cell(Cell::Bool(false))));
    assert_eq!(parse("KPI.ROAS(, -1e3)").unwrap().args, vec![blank(), n(-1000.0)]);
}

#[test]
fn literal_callers_refuse_references_where_they_are() {
    let e = literal_args(parse("ROAS(A1, 2)").unwrap().args).unwrap_err();
    assert_eq!(e.at, 5);
    assert!(e.message.contains("cell references are not supported"), "{e}");
    assert!(!e.message.contains("sheetkpi"), "the formula bar shows it too: {e}");
}

#[test]
fn ragged_arrays_are_refused_with_one_message() {
    for text in ["ROAS({1,2;3}, 1)", "ROAS({1;2,3}, 1)", "ROAS({1,2;3,4;5}; 1)"] {
        let e = parse(text).unwrap_err();
        assert!(e.message.starts_with("every row of an array needs the same number of values"), "{text}: {e}");
        assert_eq!(e.at, 5, "{text}");
    }
    let e = parse("F({1,2;3})").unwrap_err();
    assert_eq!(e.message, "every row of an array needs the same number of values: row 2 has 1, the first has 2");
}

#[test]
fn not_evaluable_is_said_never_guessed() {
    let said = |text: &str, what: &str| {
        let e = parse(text).unwrap_err();
        assert!(e.message.contains(what), "{text}: {e}");
    };
    said("KPI.ROAS(B2,C2)*100", "part of a larger expression");
    said("KPI.ROAS(SUM(B2:B3),C2)", "nested calls");
    said("KPI.ROAS(B2+1,C2)", "expression or operator");
    said("KPI.ROAS(Name,C2)", "\"Name\" is a name");
    said("ROAS({1,{2}}, 1)", "cannot be nested");
    said("ROAS({A1}, 1)", "an array holds only");
    said("ROAS(1000,, 5", "ends before its closing ')'");
    said("ROAS(#WHAT, 1)", "unknown error code");
    said("ROAS(1e999, 1)", "too large");
    said("ROAS(\"abc", "unterminated");
    said("ROAS('abc, 1)", "unterminated");
    said("({1,2;3})", "function name");
    said("ROAS 1, 2", "expected '('");
}

#[test]
fn rejects_garbage_with_a_position() {
    assert_eq!(parse("ROAS(1000 100)").unwrap_err().at, 10);
    assert_eq!(parse("ROAS(1, 2) x").unwrap_err().at, 11);
    assert_eq!(parse("ROAS(1e, 2)").unwrap_err().at, 7);
    assert_eq!(parse("ROAS(1, *)").unwrap_err().at, 8);
}
