//! Any mix of inputs a spreadsheet can send, to every registry function: never a panic,
//! always a finite number, a text result or a spreadsheet error.

use proptest::prelude::*;
use sheetkpi::table::TableCell;
use sheetkpi::registry;
use sheetkpi::{evaluate, Arg, Cell, ErrorKind, Range, Value};

fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => -1e6..1e6f64,
        2 => (0u32..1000u32).prop_map(f64::from),
        1 => prop::sample::select(vec![
            f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 0.0, -0.0, 1e308, -1e308,
            f64::MIN_POSITIVE, 5e-324, -5e-324, 1e-300, 7.9e28, 1e15 + 0.3, 0.1, 1.0,
        ]),
        1 => any::<f64>(),
    ]
}

fn cell() -> impl Strategy<Value = Cell> {
    prop_oneof![
        6 => number().prop_map(Cell::Number),
        1 => "[a-z0-9 %$]{0,6}".prop_map(Cell::Text),
        1 => any::<bool>().prop_map(Cell::Bool),
        2 => Just(Cell::Empty),
        1 => prop::sample::select(ErrorKind::ALL.to_vec()).prop_map(Cell::Error),
    ]
}

fn range() -> impl Strategy<Value = Range> {
    prop_oneof![
        8 => (1usize..6, 1usize..4).prop_flat_map(|(r, c)| prop::collection::vec(cell(), r * c)
            .prop_map(move |cells| Range::from_rows(cells.chunks(c).map(<[Cell]>::to_vec).collect()))),
        // Up to 10,000 cells, mostly numbers, as a long column.
        1 => prop::collection::vec(prop_oneof![9 => (0u32..100_000).prop_map(|x| Cell::Number(x as f64 / 100.0)), 1 => cell()], 0..10_000)
            .prop_map(Range::column),
    ]
}

fn arg() -> impl Strategy<Value = Arg> {
    prop_oneof![3 => cell().prop_map(Arg::Cell), 1 => range().prop_map(Arg::Range)]
}

fn call() -> impl Strategy<Value = (usize, Vec<Arg>)> {
    let n = registry::functions().len();
    (0..n).prop_flat_map(|i| {
        let arity = registry::functions()[i].params.len();
        (Just(i), prop::collection::vec(arg(), 0..=arity + 1))
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn every_function_answers_every_input((i, args) in call()) {
        let f = registry::functions()[i];
        match evaluate(f.id, &args) {
            Ok(Value::Number(x)) => prop_assert!(x.is_finite(), "{} gave {x}", f.id),
            Ok(Value::Text(t)) => prop_assert!(!t.is_empty()),
            Ok(Value::Table(t)) => {
                // A header and rows as wide as it; every number finite, every error explained.
                let width = t.width();
                prop_assert!(width > 0);
                for row in &t.rows {
                    prop_assert_eq!(row.len(), width);
                    for c in row {
                        match c {
                            TableCell::Number(x) => prop_assert!(x.is_finite()),
                            TableCell::Text(_) => {}
                            TableCell::Error(e) => prop_assert!(!e.message.is_empty()),
                        }
                    }
                }
            }
            Err(e) => {
                prop_assert!(ErrorKind::ALL.contains(&e.kind));
                prop_assert!(!e.message.is_empty());
            }
        }
    }
}
