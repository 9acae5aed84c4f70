//! The CLV core (src/clv/) on its own: parameter recovery from data simulated from each model,
//! fits that do not depend on the rows' order, predictions monotone in the horizon, P(alive) in
//! [0, 1], clear errors (never a panic) on any input. The comparison with lifetimes and the
//! published estimates is tests/oracle/clv_lifetimes.py.

use proptest::prelude::*;
use sheetkpi::clv::bgbb::{self, BgBb};
use sheetkpi::clv::bgnbd::{self, BgNbd};
use sheetkpi::clv::gamma_gamma::{self, GammaGamma, Spenders};
use sheetkpi::clv::pareto_nbd::{self, ParetoNbd};
use sheetkpi::clv::summary::{summarize, Unit};
use sheetkpi::clv::{value, Customers};
use sheetkpi::ErrorKind;

/// SplitMix64: a small, seeded generator, so the simulated data are fixed.
struct Rng(u64);
impl Rng {
    fn u(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64 + 0.5 / (1u64 << 53) as f64
    }
    fn normal(&mut self) -> f64 {
        (-2.0 * self.u().ln()).sqrt() * (2.0 * std::f64::consts::PI * self.u()).cos()
    }
    /// Gamma(shape, rate) by Marsaglia–Tsang.
    fn gamma(&mut self, shape: f64, rate: f64) -> f64 {
        if shape < 1.0 {
            return self.gamma(shape + 1.0, rate) * self.u().powf(1.0 / shape);
        }
        let d = shape - 1.0 / 3.0;
        let c = 1.0 / (9.0 * d).sqrt();
        loop {
            let z = self.normal();
            let v = (1.0 + c * z).powi(3);
            if v > 0.0 && self.u().ln() < 0.5 * z * z + d - d * v + d * v.ln() {
                return d * v / rate;
            }
        }
    }
    fn beta(&mut self, a: f64, b: f64) -> f64 {
        let x = self.gamma(a, 1.0);
        x / (x + self.gamma(b, 1.0))
    }
    fn exp(&mut self, rate: f64) -> f64 {
        -self.u().ln() / rate
    }
}

/// x, t_x, T of n customers observed for `t` units: BG/NBD when `pareto` is None, else
/// Pareto/NBD with drop-out rate ~ Gamma(s, β).
fn simulate(n: usize, t: f64, r: f64, alpha: f64, drop: (f64, f64), pareto: bool, seed: u64) -> Customers {
    let mut g = Rng(seed);
    let (mut xs, mut txs, mut ts) = (vec![], vec![], vec![]);
    for i in 0..n {
        // Ages spread over [t/2, t], as cohorts that joined at different times.
        let age = t * (0.5 + 0.5 * (i as f64 / n as f64));
        let lambda = g.gamma(r, alpha);
        let (mut x, mut last, mut now) = (0.0, 0.0, 0.0);
        if pareto {
            let mu = g.gamma(drop.0, drop.1);
            let death = g.exp(mu);
            loop {
                now += g.exp(lambda);
                if now > age || now > death {
                    break;
                }
                x += 1.0;
                last = now;
            }
        } else {
            let p = g.beta(drop.0, drop.1);
            loop {
                now += g.exp(lambda);
                if now > age {
                    break;
                }
                x += 1.0;
                last = now;
                if g.u() < p {
                    break;
                }
            }
        }
        xs.push(x);
        txs.push(last);
        ts.push(age);
    }
    Customers::new(&xs, &txs, &ts).unwrap()
}

fn within(est: &[f64], se: &[f64], truth: &[f64], k: f64) {
    for i in 0..est.len() {
        assert!(se[i].is_finite() && se[i] > 0.0, "se {se:?}");
        assert!((est[i] - truth[i]).abs() <= k * se[i], "parameter {i}: {} vs {} (se {})", est[i], truth[i], se[i]);
    }
}

#[test]
fn bgnbd_recovers_simulated_parameters() {
    let truth = [0.5, 8.0, 0.8, 2.5];
    let c = simulate(6000, 52.0, truth[0], truth[1], (truth[2], truth[3]), false, 1);
    let (_, f) = bgnbd::fit(&c).unwrap();
    within(&f.params, &f.std_errors, &truth, 4.0);
}

#[test]
fn pareto_nbd_recovers_simulated_parameters() {
    let truth = [0.6, 10.0, 0.7, 12.0];
    let c = simulate(3000, 78.0, truth[0], truth[1], (truth[2], truth[3]), true, 2);
    let (_, f) = pareto_nbd::fit(&c).unwrap();
    within(&f.params, &f.std_errors, &truth, 4.0);
}

#[test]
fn gamma_gamma_recovers_simulated_parameters() {
    let (p, q, gamma) = (6.0, 4.0, 15.0);
    let mut g = Rng(3);
    let (mut xs, mut ms) = (vec![], vec![]);
    for i in 0..3000 {
        let x = 1.0 + (i % 7) as f64;
        let nu = g.gamma(q, gamma);
        let total: f64 = (0..x as usize).map(|_| g.gamma(p, nu)).sum();
        xs.push(x);
        ms.push(total / x);
    }
    let (_, f) = gamma_gamma::fit(&Spenders::new(&xs, &ms).unwrap()).unwrap();
    within(&f.params, &f.std_errors, &[p, q, gamma], 4.0);
}

#[test]
fn bgbb_recovers_simulated_parameters() {
    let truth = [1.2, 0.75, 0.65, 2.8];
    let mut g = Rng(4);
    let n = 6.0;
    let (mut xs, mut txs, mut ns) = (vec![], vec![], vec![]);
    for _ in 0..8000 {
        let p = g.beta(truth[0], truth[1]);
        let theta = g.beta(truth[2], truth[3]);
        let (mut x, mut last) = (0.0, 0.0);
        for k in 1..=n as usize {
            // FHS 2010: a customer may die at the start of every opportunity, the first included
            // (alive through n with probability (1 − θ)^n).
            if g.u() < theta {
                break;
            }
            if g.u() < p {
                x += 1.0;
                last = k as f64;
            }
        }
        xs.push(x);
        txs.push(last);
        ns.push(n);
    }
    let c = bgbb::customers(&xs, &txs, &ns, &vec![1.0; xs.len()]).unwrap();
    let (_, f) = bgbb::fit(&c).unwrap();
    within(&f.params, &f.std_errors, &truth, 4.0);
}

#[test]
fn fits_do_not_depend_on_the_rows_order() {
    let c = simulate(600, 40.0, 0.3, 5.0, (0.8, 2.4), false, 5);
    let n = c.len();
    // A fixed permutation: reversed, then every other row first.
    let perm: Vec<usize> = (0..n).rev().step_by(2).chain((0..n).rev().skip(1).step_by(2)).collect();
    let pick = |v: &[f64]| perm.iter().map(|&i| v[i]).collect::<Vec<_>>();
    let d = Customers::new(&pick(&c.x), &pick(&c.t_x), &pick(&c.t)).unwrap();
    let (a, fa) = bgnbd::fit(&c).unwrap();
    let (b, fb) = bgnbd::fit(&d).unwrap();
    assert_eq!(a, b);
    assert_eq!(fa.log_likelihood.to_bits(), fb.log_likelihood.to_bits());
    let (a, _) = pareto_nbd::fit(&c).unwrap();
    let (b, _) = pareto_nbd::fit(&d).unwrap();
    assert_eq!(a, b);
    let m: Vec<f64> = (0..n).map(|i| if c.x[i] > 0.0 { 10.0 + (i % 13) as f64 } else { 0.0 }).collect();
    let (a, _) = gamma_gamma::fit(&Spenders::new(&c.x, &m).unwrap()).unwrap();
    let (b, _) = gamma_gamma::fit(&Spenders::new(&pick(&c.x), &pick(&m)).unwrap()).unwrap();
    assert_eq!(a, b);
}

#[test]
fn data_that_cannot_identify_a_model_is_a_num_error_with_a_reason() {
    // No repeat buyer.
    let c = Customers::new(&[0.0, 0.0, 0.0], &[0.0, 0.0, 0.0], &[10.0, 12.0, 8.0]).unwrap();
    let e = bgnbd::fit(&c).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Num);
    assert!(e.message.contains("repeat"), "{}", e.message);
    assert!(pareto_nbd::fit(&c).is_err());
    // Twenty customers whose purchases show no drop-out: a and b run off to infinity together.
    let x = [2.0, 1.0, 0.0, 0.0, 0.0, 7.0, 1.0, 0.0, 2.0, 0.0, 5.0, 0.0, 0.0, 3.0, 1.0, 0.0, 0.0, 4.0, 6.0, 1.0];
    let tx = [30.43, 1.71, 0.0, 0.0, 0.0, 29.43, 5.0, 0.0, 35.71, 0.0, 24.43, 0.0, 0.0, 20.0, 2.14, 0.0, 0.0, 34.29, 4.5, 10.0];
    let t: Vec<f64> = (0..20).map(|i| if i < 11 { 38.86 } else { 38.71 }).collect();
    let e = bgnbd::fit(&Customers::new(&x, &tx, &t).unwrap()).unwrap_err();
    assert!(e.message.contains("cannot identify"), "{}", e.message);
    // One customer.
    let c = Customers::new(&[2.0], &[5.0], &[10.0]).unwrap();
    assert!(bgnbd::fit(&c).unwrap_err().message.contains("two customers"));
    // One repeat buyer for the spend model.
    assert!(gamma_gamma::fit(&Spenders::new(&[1.0, 0.0], &[10.0, 0.0]).unwrap()).is_err());
    // Histories that are not histories.
    let bad: [(&[f64], &[f64], &[f64], &str); 6] = [
        (&[1.0], &[0.0], &[5.0], "recency of 0"),
        (&[0.0], &[2.0], &[5.0], "no repeat purchase"),
        (&[1.0], &[6.0], &[5.0], "after the end"),
        (&[1.5], &[2.0], &[5.0], "whole number"),
        (&[f64::NAN], &[2.0], &[5.0], "finite"),
        (&[1.0], &[2.0], &[-5.0], "negative"),
    ];
    for (x, tx, t, why) in bad {
        let e = Customers::new(x, tx, t).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Num);
        assert!(e.message.contains(why), "{why}: {}", e.message);
    }
    assert_eq!(Customers::new(&[], &[], &[]).unwrap_err().kind, ErrorKind::NA);
    assert_eq!(Customers::new(&[1.0], &[1.0, 2.0], &[3.0]).unwrap_err().kind, ErrorKind::Value);
}

fn bgnbd_params() -> impl Strategy<Value = BgNbd> {
    (0.05..5.0f64, 0.1..100.0f64, 0.05..5.0f64, 0.05..10.0f64).prop_map(|(r, alpha, a, b)| BgNbd { r, alpha, a, b })
}

fn pnbd_params() -> impl Strategy<Value = ParetoNbd> {
    (0.05..5.0f64, 0.1..100.0f64, 0.05..5.0f64, 0.1..100.0f64).prop_map(|(r, alpha, s, beta)| ParetoNbd { r, alpha, s, beta })
}

/// A valid continuous-time history.
fn history() -> impl Strategy<Value = (f64, f64, f64)> {
    (0u32..60, 0.0..1.0f64, 0.01..200.0f64).prop_map(|(x, frac, t)| {
        let x = x as f64;
        if x == 0.0 { (0.0, 0.0, t) } else { (x, (frac * t).max(1e-3 * t), t) }
    })
}

fn any_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        3 => -1e3..1e3f64,
        2 => (0u32..100).prop_map(f64::from),
        1 => prop::sample::select(vec![f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 0.0, -0.0, 1e308, -1e308, 5e-324, 1e-300]),
        1 => any::<f64>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn bgnbd_predictions_are_monotone_and_probabilities(p in bgnbd_params(), (x, tx, t) in history(), h in 0.0..500.0f64, dh in 0.0..500.0f64) {
        let e1 = p.expected_purchases(h, x, tx, t);
        let e2 = p.expected_purchases(h + dh, x, tx, t);
        prop_assert!(e1.is_ok() && e2.is_ok(), "{e1:?} {e2:?}");
        if let (Ok(e1), Ok(e2)) = (e1, e2) {
            prop_assert!(e1 >= 0.0, "{e1}");
            prop_assert!(e2 >= e1 * (1.0 - 1e-9) - 1e-12, "{e1} > {e2}");
        }
        let a = p.p_alive(x, tx, t).unwrap();
        prop_assert!((0.0..=1.0).contains(&a), "{a}");
    }

    #[test]
    fn pareto_nbd_predictions_are_monotone_and_probabilities(p in pnbd_params(), (x, tx, t) in history(), h in 0.0..500.0f64, dh in 0.0..500.0f64) {
        let e1 = p.expected_purchases(h, x, tx, t);
        let e2 = p.expected_purchases(h + dh, x, tx, t);
        prop_assert!(e1.is_ok() && e2.is_ok(), "{e1:?} {e2:?}");
        if let (Ok(e1), Ok(e2)) = (e1, e2) {
            prop_assert!(e1 >= 0.0);
            prop_assert!(e2 >= e1 * (1.0 - 1e-9) - 1e-12, "{e1} > {e2}");
        }
        let a = p.p_alive(x, tx, t).unwrap();
        prop_assert!((0.0..=1.0).contains(&a), "{a}");
        prop_assert!(p.log_likelihood_one(x, tx, t).is_finite());
    }

    #[test]
    fn bgbb_predictions_are_monotone_and_probabilities(
        a in 0.1..5.0f64, b in 0.1..5.0f64, g in 0.1..5.0f64, d in 0.1..5.0f64,
        n in 1u32..30, x in 0u32..30, tx in 0u32..30, m in 0u32..20, dm in 0u32..20,
    ) {
        let (n, tx) = (n as f64, (tx.min(n)) as f64);
        let x = if tx == 0.0 { 0.0 } else { (x as f64).clamp(1.0, tx) };
        let p = BgBb { alpha: a, beta: b, gamma: g, delta: d };
        let e1 = p.expected_transactions(m as f64, x, tx, n);
        let e2 = p.expected_transactions((m + dm) as f64, x, tx, n);
        prop_assert!(e1.is_ok() && e2.is_ok(), "{e1:?} {e2:?}");
        if let (Ok(e1), Ok(e2)) = (e1, e2) {
            prop_assert!(e2 >= e1 * (1.0 - 1e-9) - 1e-12, "{e1} > {e2}");
        }
        let a0 = p.p_alive(0.0, x, tx, n).unwrap();
        let am = p.p_alive(m as f64, x, tx, n).unwrap();
        prop_assert!((0.0..=1.0 + 1e-12).contains(&a0) && am <= a0 * (1.0 + 1e-12), "{a0} {am}");
    }

    #[test]
    fn gamma_gamma_spend_lies_between_the_customer_and_the_population(p in 0.5..10.0f64, q in 1.1..10.0f64, v in 1.0..50.0f64, x in 1u32..50, m in 0.01..1000.0f64) {
        let g = GammaGamma { p, q, gamma: v };
        let e = g.expected_spend(x as f64, m).unwrap();
        let pop = v * p / (q - 1.0);
        prop_assert!(e >= m.min(pop) * (1.0 - 1e-12) && e <= m.max(pop) * (1.0 + 1e-12));
    }

    /// Any numbers at all, through every entry point: a value or an error, never a panic.
    #[test]
    fn every_entry_point_is_total(v in prop::collection::vec(any_f64(), 12)) {
        let bg = BgNbd { r: v[0].abs(), alpha: v[1].abs(), a: v[2].abs(), b: v[3].abs() };
        let _ = BgNbd::from_slice(&v[0..4]);
        let _ = bg.expected_purchases(v[4], v[5], v[6], v[7]);
        let _ = bg.p_alive(v[5], v[6], v[7]);
        let _ = bg.expected_purchases_new(v[8]);
        let pn = ParetoNbd { r: v[0].abs(), alpha: v[1].abs(), s: v[2].abs(), beta: v[3].abs() };
        let _ = pn.expected_purchases(v[4], v[5], v[6], v[7]);
        let _ = pn.p_alive(v[5], v[6], v[7]);
        let bb = BgBb { alpha: v[0].abs(), beta: v[1].abs(), gamma: v[2].abs(), delta: v[3].abs() };
        let _ = bb.expected_transactions(v[4], v[5], v[6], v[7]);
        let _ = bb.p_alive(v[4], v[5], v[6], v[7]);
        let gg = GammaGamma { p: v[0].abs(), q: v[1].abs(), gamma: v[2].abs() };
        let _ = gg.expected_spend(v[5], v[8]);
        let _ = value::discounted_clv(&|h| bg.expected_purchases(h, v[5], v[6], v[7]), v[8], v[9], v[10], v[11], v[4]);
        if let Ok(c) = Customers::new(&v[0..4], &v[4..8], &v[8..12]) {
            let _ = bgnbd::fit(&c);
            let _ = pareto_nbd::fit(&c);
        }
        if let Ok(c) = bgbb::customers(&v[0..4], &v[4..8], &v[8..12], &[1.0; 4]) {
            let _ = bgbb::fit(&c);
        }
        if let Ok(s) = Spenders::new(&v[0..6], &v[6..12]) {
            let _ = gamma_gamma::fit(&s);
        }
        let ids: Vec<String> = (0..6).map(|i| format!("c{}", i % 3)).collect();
        let _ = summarize(&ids, &v[0..6], Some(&v[6..12]), Unit::Weeks, Some(v[11]));
        let _ = summarize(&ids, &v[0..6], None, Unit::Months, None);
    }

    /// Small random data sets: each fit converges or says why, and a result is finite.
    #[test]
    fn small_fits_converge_or_say_why(rows in prop::collection::vec((0u32..8, 0.0..1.0f64, 1.0..50.0f64), 2..40)) {
        let (mut x, mut tx, mut t) = (vec![], vec![], vec![]);
        for (xi, f, ti) in rows {
            let xi = xi as f64;
            x.push(xi);
            tx.push(if xi == 0.0 { 0.0 } else { (f * ti).max(0.01) });
            t.push(ti);
        }
        let c = Customers::new(&x, &tx, &t).unwrap();
        match bgnbd::fit(&c) {
            Ok((p, f)) => prop_assert!(f.log_likelihood.is_finite() && p.r > 0.0),
            Err(e) => prop_assert!(e.kind == ErrorKind::Num && !e.message.is_empty()),
        }
    }
}

