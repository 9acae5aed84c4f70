//! A range bound through its worked-out sum ([`Summed`], what the report feeds its KPIs)
//! gives every function the same value and the same error, message included, as the
//! range itself: the shortcut may never change an answer.

use proptest::prelude::*;
use sheetkpi::bind::{ArgView, Summed};
use sheetkpi::registry;
use sheetkpi::{call, Cell, ErrorKind};

fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => -1e6..1e6f64,
        2 => (0u32..1000u32).prop_map(f64::from),
        1 => prop::sample::select(vec![
            f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 0.0, -0.0, -1.0, 1e308, -1e308,
            5e-324, -5e-324, 7.9e28, 0.1, 0.5, 1.0, 2.0,
        ]),
    ]
}

fn cell() -> impl Strategy<Value = Cell> {
    prop_oneof![
        8 => number().prop_map(Cell::Number),
        1 => "[a-z0-9 ]{0,4}".prop_map(Cell::Text),
        1 => Just(Cell::Text("  ".into())),
        1 => any::<bool>().prop_map(Cell::Bool),
        2 => Just(Cell::Empty),
        1 => prop::sample::select(ErrorKind::ALL.to_vec()).prop_map(Cell::Error),
    ]
}

/// A function, and per argument its cells and whether to send them summed.
fn case() -> impl Strategy<Value = (usize, Vec<(Vec<Cell>, bool)>)> {
    let n = registry::functions().len();
    (0..n).prop_flat_map(|i| {
        let arity = registry::functions()[i].params.len();
        let arg = (prop::collection::vec(cell(), 0..5), any::<bool>());
        (Just(i), prop::collection::vec(arg, 0..=arity))
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 20_000, ..ProptestConfig::default() })]

    #[test]
    fn summed_binding_changes_nothing((i, args) in case()) {
        let f = registry::functions()[i];
        let plain: Vec<ArgView> = args.iter().map(|(c, _)| ArgView::Cells(c)).collect();
        // A single cell goes through the report's per-row constructor.
        let summed: Vec<Summed> = args
            .iter()
            .zip(&plain)
            .map(|((c, _), v)| if c.len() == 1 { Summed::of_cell(&c[0]) } else { Summed::of(*v) })
            .collect();
        let mixed: Vec<ArgView> = args
            .iter()
            .zip(&summed)
            .zip(&plain)
            .map(|(((_, use_sum), s), v)| if *use_sum { ArgView::Summed(s) } else { *v })
            .collect();
        prop_assert_eq!(call(f, &mixed), call(f, &plain), "{}", f.id);
    }
}

/// The cases the rule orders by position: a negative number before or after a NaN, and
/// a text after a negative, in one Amount range.
#[test]
fn order_of_problems_inside_one_range_is_kept() {
    let roas = registry::find("ROAS").unwrap();
    let ranges = [
        vec![Cell::Number(-1.0), Cell::Number(f64::NAN)],
        vec![Cell::Number(f64::NAN), Cell::Number(-1.0)],
        vec![Cell::Number(-1.0), Cell::Text("n/a".into())],
        vec![Cell::Empty, Cell::Number(2.0), Cell::Error(ErrorKind::NA), Cell::Text("x".into())],
    ];
    for r in &ranges {
        let spend = [Cell::Number(10.0)];
        let plain = [ArgView::Cells(r), ArgView::Cells(&spend)];
        let s = Summed::of(ArgView::Cells(r));
        let via_sum = [ArgView::Summed(&s), ArgView::Cells(&spend)];
        let expected = call(roas, &plain);
        assert!(expected.is_err(), "{r:?}");
        assert_eq!(call(roas, &via_sum), expected, "{r:?}");
    }
}
