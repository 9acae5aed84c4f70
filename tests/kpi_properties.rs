//! Relations between the catalogue's functions that must hold for any valid input:
//! each checks one function against a different computation of the same quantity.

use proptest::prelude::*;
use sheetkpi::{evaluate, Arg, Cell, Range, Value};

fn number(name: &str, args: &[Arg]) -> f64 {
    match evaluate(name, args) {
        Ok(Value::Number(x)) => x,
        other => panic!("{name}: {other:?}"),
    }
}

fn column(xs: &[f64]) -> Arg {
    Arg::column(xs)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// NPS from answers equals NPS from the counts of those answers, and stays in −100..100.
    #[test]
    fn nps_answers_and_counts_agree(answers in prop::collection::vec(0u8..=10, 1..200)) {
        let scores: Vec<f64> = answers.iter().map(|&a| f64::from(a)).collect();
        let from_answers = number("NPS", &[column(&scores)]);
        let promoters = answers.iter().filter(|&&a| a >= 9).count() as f64;
        let passives = answers.iter().filter(|&&a| a == 7 || a == 8).count() as f64;
        let detractors = answers.iter().filter(|&&a| a <= 6).count() as f64;
        let from_counts = number("NPS", &[Arg::num(promoters), Arg::num(passives), Arg::num(detractors)]);
        prop_assert_eq!(from_answers.to_bits(), from_counts.to_bits());
        prop_assert!((-100.0..=100.0).contains(&from_answers));
        // (P − D) · 100 / N with integers: IEEE division of exact integers rounds the same way.
        let n = answers.len() as f64;
        prop_assert_eq!(from_answers, (promoters - detractors) * 100.0 / n);
    }

    /// SALES_CYCLE is the mean of whole-day differences over closed deals, in any row order.
    #[test]
    fn sales_cycle_is_the_mean_of_closed_deals(
        deals in prop::collection::vec((40_000u32..50_000, 0u32..400, any::<bool>()), 1..60)
    ) {
        let leads: Vec<Cell> = deals.iter().map(|&(l, _, _)| Cell::Number(f64::from(l))).collect();
        let closes: Vec<Cell> = deals
            .iter()
            .map(|&(l, d, open)| if open { Cell::Empty } else { Cell::Number(f64::from(l + d)) })
            .collect();
        let closed: Vec<u32> = deals.iter().filter(|d| !d.2).map(|d| d.1).collect();
        let got = evaluate("SALES_CYCLE", &[Arg::Range(Range::column(leads.clone())), Arg::Range(Range::column(closes.clone()))]);
        if closed.is_empty() {
            // No close date at all: the input is missing, as for any all-blank range.
            prop_assert_eq!(got.map_err(|e| e.kind), Err(sheetkpi::ErrorKind::NA));
        } else {
            let total: u32 = closed.iter().sum();
            prop_assert_eq!(got.map_err(|e| e.kind), Ok(Value::Number(f64::from(total) / closed.len() as f64)));
            // Reversing the rows of both ranges together changes nothing.
            let (mut l, mut c) = (leads, closes);
            l.reverse();
            c.reverse();
            let reversed = number("SALES_CYCLE", &[Arg::Range(Range::column(l)), Arg::Range(Range::column(c))]);
            prop_assert_eq!(reversed, f64::from(total) / closed.len() as f64);
        }
    }

    /// With integer inputs KPI_STATUS agrees with the exact comparison of KPI_PROGRESS's
    /// numerator and denominator, in both directions.
    #[test]
    fn kpi_status_follows_progress(actual in 0u32..2000, target in 1u32..2000, amber_pct in 50u32..=100, lower in any::<bool>()) {
        let amber = f64::from(amber_pct) / 100.0;
        let args = [Arg::num(f64::from(actual)), Arg::num(f64::from(target)), Arg::num(amber), Arg::Cell(Cell::Bool(lower))];
        let got = evaluate("KPI_STATUS", &args).expect("valid inputs");
        // In whole hundredths: progress ≥ amber ⇔ 100·actual ≥ amber_pct·target (or the reverse when lower is better).
        let (a, t, p) = (u64::from(actual), u64::from(target), u64::from(amber_pct));
        let expected = if lower {
            if a <= t { "GREEN" } else if p * a <= 100 * t { "AMBER" } else { "RED" }
        } else if a >= t { "GREEN" } else if 100 * a >= p * t { "AMBER" } else { "RED" };
        prop_assert_eq!(got, Value::Text(expected));
    }

    /// The two one-tailed p-values add up to 1, the two-tailed one is twice the smaller,
    /// and swapping the variants leaves the two-tailed one unchanged.
    #[test]
    fn pvalue_tails_are_consistent(va in 20u32..100_000, vb in 20u32..100_000, fa in 0.0f64..0.5, fb in 0.0f64..0.5) {
        let (ca, cb) = ((f64::from(va) * fa).floor(), (f64::from(vb) * fb).floor());
        prop_assume!(ca + cb > 0.0);
        let (va, vb) = (f64::from(va), f64::from(vb));
        let ab = [Arg::num(ca), Arg::num(va), Arg::num(cb), Arg::num(vb)];
        let ba = [Arg::num(cb), Arg::num(vb), Arg::num(ca), Arg::num(va)];
        let two = number("ABTEST_PVALUE", &ab);
        prop_assert_eq!(two, number("ABTEST_PVALUE", &ba));
        let one = |args: &[Arg; 4]| {
            let mut v = args.to_vec();
            v.push(Arg::num(1.0));
            number("ABTEST_PVALUE", &v)
        };
        let (b_better, a_better) = (one(&ab), one(&ba));
        prop_assert!((b_better + a_better - 1.0).abs() <= 4.0 * f64::EPSILON);
        // Results keep at most 28 decimal places, hence the absolute 1e-28 for far-tail values.
        prop_assert!((2.0 * b_better.min(a_better) - two).abs() <= 4.0 * f64::EPSILON * two + 1e-28);
        prop_assert!((0.0..=1.0).contains(&two));
    }

    /// More visitors are needed for a smaller uplift, a stricter alpha or more power.
    #[test]
    fn sample_size_is_monotone(base_pm in 5u32..500, uplift_pct in 2u32..100) {
        let p = f64::from(base_pm) / 1000.0;
        let u = f64::from(uplift_pct) / 100.0;
        let n = |u: f64, alpha: f64, power: f64| {
            number("ABTEST_SAMPLE_SIZE", &[Arg::num(p), Arg::num(u), Arg::num(alpha), Arg::num(power)])
        };
        let base = n(u, 0.05, 0.8);
        prop_assert!(base >= 1.0 && base.fract() == 0.0);
        prop_assert!(n(u / 2.0, 0.05, 0.8) >= base);
        prop_assert!(n(u, 0.01, 0.8) >= base);
        prop_assert!(n(u, 0.05, 0.9) >= base);
    }

    /// Retention and churn of a cohort with no new customers add up to exactly 1 in decimal;
    /// AVG_DISCOUNT and paid / list add up to 1.
    #[test]
    fn complements(start in 1u32..1_000_000, lost_frac in 0.0f64..=1.0, paid_frac in 0.0f64..=1.0) {
        let lost = (f64::from(start) * lost_frac).floor();
        let start = f64::from(start);
        let retention = number("RETENTION_RATE", &[Arg::num(start - lost), Arg::num(0.0), Arg::num(start)]);
        let churn = number("CHURN_RATE", &[Arg::num(lost), Arg::num(start)]);
        // Each is the correctly rounded double of an exact fraction; their sum is within an ulp of 1.
        prop_assert!((retention + churn - 1.0).abs() <= f64::EPSILON);
        prop_assert_eq!(retention, (start - lost) / start);
        let paid = (start * paid_frac).floor();
        let discount = number("AVG_DISCOUNT", &[Arg::num(start), Arg::num(paid)]);
        prop_assert_eq!(discount, (start - paid) / start);
    }
}
