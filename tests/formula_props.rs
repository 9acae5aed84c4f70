//! The formula reader on any text: never a panic, errors point inside the text, and
//! numbers read as their typed decimal digits.

use proptest::prelude::*;
use sheetkpi::formula::{literal_args, parse, Operand};
use sheetkpi::{evaluate_formula, Arg, Cell};

/// Text made mostly of the formula grammar's own pieces, so that the parser goes deep.
fn formula_like() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "=",
        "ROAS",
        "KPI.CAC",
        "_xldudf_KPI_CTR",
        "[2]!",
        "(",
        ")",
        ",",
        ";",
        "{",
        "}",
        "\"",
        "\"\"",
        "'",
        "''",
        "!",
        ":",
        "$",
        "A1",
        "B:B",
        "Data",
        "'My sheet'",
        "1",
        ".5",
        "1e3",
        "e",
        "E-",
        "%",
        "-",
        "+",
        "#N/A",
        "#DIV/0!",
        "#",
        "TRUE",
        "false",
        " ",
        "\t",
        "é",
        "数据",
        "*",
        "(1)",
        "1e999",
        "9999999999999999999999",
    ]);
    prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

fn check(text: &str) {
    match parse(text) {
        Ok(call) => {
            if let Err(e) = literal_args(call.args) {
                assert!(e.at <= text.len() && text.is_char_boundary(e.at), "{text:?}: {e:?}");
            }
        }
        Err(e) => assert!(e.at <= text.len() && text.is_char_boundary(e.at), "{text:?}: {e:?}"),
    }
    let _ = evaluate_formula(text);
}

/// `digits%` as the decimal with its point moved two places left, by text alone.
fn percent_oracle(int: &str, frac: &str) -> f64 {
    let padded = format!("00{int}");
    let (head, tail) = padded.split_at(padded.len() - 2);
    format!("{head}.{tail}{frac}").parse().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn never_panics_on_any_text(text in any::<String>()) {
        check(&text);
    }

    #[test]
    fn never_panics_on_formula_like_text(text in formula_like()) {
        check(&text);
    }

    #[test]
    fn percent_is_the_decimal_moved_two_places(int in "[0-9]{1,20}", frac in "[0-9]{0,20}") {
        let text = if frac.is_empty() { format!("F({int}%)") } else { format!("F({int}.{frac}%)") };
        let args = literal_args(parse(&text).unwrap().args).unwrap();
        let Arg::Cell(Cell::Number(x)) = args[0] else { panic!("{text}") };
        prop_assert_eq!(x.to_bits(), percent_oracle(&int, &frac).to_bits(), "{}", text);
    }

    #[test]
    fn any_double_written_shortest_reads_back_to_its_bits(x in any::<f64>().prop_filter("finite", |x| x.is_finite())) {
        let text = format!("F({x:?}; {x:e})");
        let call = parse(&text).unwrap();
        for op in call.args {
            let Operand::Value(Arg::Cell(Cell::Number(y))) = op else { panic!("{text}") };
            // A spreadsheet has no negative zero.
            prop_assert_eq!(y.to_bits(), if x == 0.0 { 0.0f64.to_bits() } else { x.to_bits() }, "{}", text);
        }
    }
}
