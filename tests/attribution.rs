//! The attribution engine against oracles that are not its own code: chains solved by hand,
//! an independent value iteration of the absorbing chain, brute-force Shapley enumeration
//! over all coalitions, and exact conservation for every model.

use sheetkpi::attribution::{
    attribute, from_paths, from_touches, removal_effects, transition_matrix, ChannelResult, Journeys, Model, Touch,
    MODEL_NAMES,
};
use sheetkpi::error::ErrorKind;
use sheetkpi::exact::Exact;
use std::collections::HashMap;

fn ex(s: &str) -> Exact {
    let d: rust_decimal::Decimal = s.parse().unwrap();
    Exact::from(d)
}

fn int(i: i64) -> Exact {
    Exact::int(i)
}

fn paths(rows: &[(&str, i64, i64, i64)]) -> Journeys {
    let p: Vec<&str> = rows.iter().map(|r| r.0).collect();
    let c: Vec<Exact> = rows.iter().map(|r| int(r.1)).collect();
    let v: Vec<Exact> = rows.iter().map(|r| int(r.2)).collect();
    let n: Vec<Exact> = rows.iter().map(|r| int(r.3)).collect();
    from_paths(&p, ">", &c, Some(&v), Some(&n)).unwrap()
}

fn by_name(r: &[ChannelResult]) -> HashMap<String, ChannelResult> {
    r.iter().map(|x| (x.channel.clone(), x.clone())).collect()
}

fn all_models() -> Vec<Model> {
    let mut m: Vec<Model> = MODEL_NAMES.iter().map(|n| Model::parse(n).unwrap()).collect();
    m.push(Model::Markov { order: 2 });
    m.push(Model::Markov { order: 3 });
    m.push(Model::Position { first: ex("0.3"), last: ex("0.7") });
    m.push(Model::TimeDecay { half_life: 0.5 });
    m.push(Model::LastNonDirect { direct: "a".into() });
    m
}

fn assert_conserved(j: &Journeys) {
    for m in all_models() {
        let r = attribute(j, &m).unwrap();
        let c = r.iter().fold(Exact::ZERO, |a, x| a + &x.conversions);
        let v = r.iter().fold(Exact::ZERO, |a, x| a + &x.value);
        assert!(c == j.total_conversions(), "{m:?}: conversions {} != {}", c.to_f64(), j.total_conversions().to_f64());
        assert!(v == j.total_value(), "{m:?}: value {} != {}", v.to_f64(), j.total_value().to_f64());
        // Shares are unreduced fractions of different denominators: summing hundreds of them
        // is slow (and implied by the conversions' sum), so only for small tables.
        if !j.total_conversions().is_zero() && r.len() <= 20 {
            let s = r.iter().fold(Exact::ZERO, |a, x| a + &x.share);
            assert!(s == Exact::ONE, "{m:?}: shares add to {}", s.to_f64());
        }
    }
}

/// A small deterministic generator (xorshift), so the random cases are reproducible.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn random_paths(rng: &mut Rng, channels: u64, rows: usize, max_len: u64) -> Vec<(String, i64, i64, i64)> {
    (0..rows)
        .map(|_| {
            let len = 1 + rng.below(max_len);
            let p: Vec<String> = (0..len).map(|_| format!("c{}", rng.below(channels))).collect();
            (p.join(" > "), rng.below(4) as i64, rng.below(1000) as i64, rng.below(4) as i64)
        })
        .collect()
}

fn owned(rows: &[(String, i64, i64, i64)]) -> Journeys {
    let r: Vec<(&str, i64, i64, i64)> = rows.iter().map(|r| (r.0.as_str(), r.1, r.2, r.3)).collect();
    paths(&r)
}

// ---------------------------------------------------------------- heuristic models

#[test]
fn heuristics_by_hand() {
    // a > b > c > b, 10 conversions worth 100; c, 2 conversions worth 30.
    let j = paths(&[("a > b > c > b", 10, 100, 0), ("c", 2, 30, 1)]);
    let get = |m: Model| by_name(&attribute(&j, &m).unwrap());
    let first = get(Model::First);
    assert!(first["a"].conversions == int(10) && first["c"].conversions == int(2) && first["b"].conversions == int(0));
    let last = get(Model::Last);
    assert!(last["b"].conversions == int(10) && last["c"].value == int(30) && last["a"].conversions == int(0));
    // Linear: a 10/4, b 2·10/4, c 10/4 + 2.
    let lin = get(Model::Linear);
    assert!(lin["a"].conversions == ex("2.5") && lin["b"].conversions == int(5) && lin["c"].conversions == ex("4.5"));
    assert!(lin["b"].value == int(50) && lin["c"].value == int(55));
    // Position 40/20/40: a 4, b 1 + 4, c 1 + 2.
    let pos = get(Model::parse("position").unwrap());
    assert!(pos["a"].conversions == int(4) && pos["b"].conversions == int(5) && pos["c"].conversions == int(3));
    // Shapley: distinct channels {a,b,c}: 10/3 each; c also 2.
    let sh = get(Model::Shapley);
    let third = int(10).div(&int(3)).unwrap();
    assert!(sh["a"].conversions == third && sh["c"].conversions == &third + &int(2));
    // Shares.
    assert!(lin["c"].share == ex("4.5").div(&int(12)).unwrap());
}

#[test]
fn position_one_and_two_touches() {
    let j = paths(&[("a", 1, 0, 0), ("a > b", 1, 0, 0)]);
    let r = by_name(&attribute(&j, &Model::parse("position").unwrap()).unwrap());
    assert!(r["a"].conversions == ex("1.5") && r["b"].conversions == ex("0.5"));
    let bad = attribute(&j, &Model::Position { first: ex("0.6"), last: ex("0.6") }).unwrap_err();
    assert_eq!(bad.kind, ErrorKind::Num);
}

#[test]
fn time_decay_by_position_and_by_days() {
    // Path-level: half-life 1 touch: weights 1/8, 1/4, 1/2, 1 over 15/8 → 1/15, 2/15, 4/15, 8/15.
    let j = paths(&[("a > b > c > d", 15, 0, 0)]);
    let r = by_name(&attribute(&j, &Model::TimeDecay { half_life: 1.0 }).unwrap());
    for (ch, w) in [("a", 1.0), ("b", 2.0), ("c", 4.0), ("d", 8.0)] {
        assert!((r[ch].conversions.to_f64() - w).abs() < 1e-13, "{ch}: {}", r[ch].conversions.to_f64());
    }
    // Touch times in days, half-life 7: a 14 days before the conversion weighs 1/4 of it.
    let t = |user: &str, time: f64, ch: &str, c: i64| Touch {
        user: user.into(),
        time,
        channel: ch.into(),
        conversions: int(c),
        value: int(0),
    };
    let j = from_touches(&[t("u", 100.0, "a", 0), t("u", 114.0, "b", 1)], 30.0).unwrap();
    let r = by_name(&attribute(&j, &Model::parse("time_decay").unwrap()).unwrap());
    assert!((r["a"].conversions.to_f64() - 0.2).abs() < 1e-15 && (r["b"].conversions.to_f64() - 0.8).abs() < 1e-15);
    assert_eq!(attribute(&j, &Model::TimeDecay { half_life: 0.0 }).unwrap_err().kind, ErrorKind::Num);
}

#[test]
fn last_non_direct() {
    let j = paths(&[("Email > Direct", 1, 10, 0), ("direct > DIRECT", 2, 0, 0)]);
    let r = by_name(&attribute(&j, &Model::parse("last_non_direct").unwrap()).unwrap());
    assert!(r["Email"].conversions == int(1) && r["Direct"].conversions == int(0));
    // All-direct journeys credit direct (their last touch).
    assert!(r["DIRECT"].conversions == int(2));
}

#[test]
fn conservation_every_model_random() {
    let mut rng = Rng(0x9e3779b97f4a7c15);
    for case in 0..20 {
        let rows = random_paths(&mut rng, 2 + case % 6, 30, 7);
        let j = owned(&rows);
        if j.total_conversions().is_zero() {
            continue;
        }
        assert_conserved(&j);
    }
    // Decimal counts and values, to the cent.
    let p = ["a > b > c", "b", "c > a > a > b > c > d"];
    let c = [ex("1.25"), ex("0.33"), ex("2")];
    let v = [ex("19.99"), ex("30.7346153846154"), ex("1234.56")];
    let n = [ex("3"), ex("0"), ex("1.5")];
    assert_conserved(&from_paths(&p, ">", &c, Some(&v), Some(&n)).unwrap());
}

// ---------------------------------------------------------------- Shapley

/// φ_i = Σ_{S ⊆ N∖{i}} |S|!(n−|S|−1)!/n! · (v(S ∪ {i}) − v(S)), over all 2^n coalitions.
fn brute_shapley(j: &Journeys, value: bool) -> Vec<Exact> {
    let n = j.channels.len();
    let fact = |k: usize| (1..=k as i64).product::<i64>();
    let sets: Vec<(u32, &Exact)> = j
        .journeys
        .iter()
        .map(|jr| (jr.touches.iter().fold(0u32, |m, &c| m | 1 << c), if value { &jr.value } else { &jr.conversions }))
        .collect();
    let v = |s: u32| sets.iter().filter(|(m, _)| m & !s == 0).fold(Exact::ZERO, |a, (_, c)| a + *c);
    let worth: Vec<Exact> = (0..1u32 << n).map(v).collect();
    (0..n)
        .map(|i| {
            let mut sum = Exact::ZERO;
            for s in 0..1u32 << n {
                if s & 1 << i != 0 {
                    continue;
                }
                let k = s.count_ones() as usize;
                let w = int(fact(k) * fact(n - k - 1));
                sum = sum + w * (&worth[(s | 1 << i) as usize] - &worth[s as usize]);
            }
            sum.div(&int(fact(n))).unwrap()
        })
        .collect()
}

#[test]
fn shapley_closed_form_equals_enumeration() {
    let mut rng = Rng(12345);
    for case in 0..40 {
        let channels = 1 + case % 8;
        let rows = random_paths(&mut rng, channels, 1 + (case as usize % 12), 6);
        let j = owned(&rows);
        let r = attribute(&j, &Model::Shapley).unwrap();
        let (bc, bv) = (brute_shapley(&j, false), brute_shapley(&j, true));
        for (i, x) in r.iter().enumerate() {
            assert!(x.conversions == bc[i], "case {case} {}: {} vs {}", x.channel, x.conversions.to_f64(), bc[i].to_f64());
            assert!(x.value == bv[i], "case {case} {}: value", x.channel);
        }
    }
}

// ---------------------------------------------------------------- Markov

fn re(j: &Journeys, order: u8) -> HashMap<String, f64> {
    removal_effects(j, order).unwrap().into_iter().map(|r| (r.channel, r.conversions)).collect()
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

#[test]
fn markov_by_hand_acyclic() {
    // a > b (1 conv), a (1 null), b (1 conv, 1 null).
    // Counts: start→a 2, start→b 2, a→b 1, a→null 1, b→conv 2, b→null 1.
    // P(conv|b) = 2/3, P(conv|a) = 1/2 · 2/3 = 1/3, P = 1/2 · 1/3 + 1/2 · 2/3 = 1/2.
    // Without a: P = 1/2 · 2/3 = 1/3 → RE_a = 1 − (1/3)/(1/2) = 1/3. Without b: P = 0 → RE_b = 1.
    // Attributed: 2 × (1/3)/(4/3) = 1/2 to a, 3/2 to b.
    let j = paths(&[("a > b", 1, 0, 0), ("a", 0, 0, 1), ("b", 1, 0, 1)]);
    let e = re(&j, 1);
    assert!(close(e["a"], 1.0 / 3.0, 1e-15) && close(e["b"], 1.0, 1e-15), "{e:?}");
    let r = by_name(&attribute(&j, &Model::Markov { order: 1 }).unwrap());
    assert!(close(r["a"].conversions.to_f64(), 0.5, 1e-15) && close(r["b"].conversions.to_f64(), 1.5, 1e-15));
    assert!(&r["a"].conversions + &r["b"].conversions == int(2));
}

#[test]
fn markov_by_hand_cycle() {
    // a > b > a (1 conv), b > a (1 null).
    // Counts: start→a 1, start→b 1, a→b 1, a→conv 1, a→null 1, b→a 2.
    // h_b = h_a, h_a = (h_b + 1)/3 → h_a = 1/2 = P.
    // Without a: P = 0 → RE_a = 1. Without b: h_a = 1/3, P = 1/2 · 1/3 = 1/6 → RE_b = 2/3.
    let j = paths(&[("a > b > a", 1, 0, 0), ("b > a", 0, 0, 1)]);
    let e = re(&j, 1);
    assert!(close(e["a"], 1.0, 1e-15) && close(e["b"], 2.0 / 3.0, 1e-15), "{e:?}");
    // The transition matrix: a's row is b 1/3, conversion 1/3, null 1/3.
    let t = transition_matrix(&j, 1).unwrap();
    let row: Vec<_> = t.iter().filter(|x| x.from == "a").map(|x| (x.to.as_str(), x.probability)).collect();
    assert_eq!(row, vec![("b", 1.0 / 3.0), ("(conversion)", 1.0 / 3.0), ("(null)", 1.0 / 3.0)]);
}

#[test]
fn markov_value_removal_effects_by_hand() {
    // a (1 conv worth 10), b (1 conv worth 30), a > b (1 null).
    // P(conv): start→a 2, start→b 1; a→conv 1, a→b 1; b→conv 1, b→null 1.
    // h_b = 1/2, h_a = 1/2 + 1/2 · 1/2 = 3/4, P = 2/3 · 3/4 + 1/3 · 1/2 = 2/3.
    // Value: b's conversions are worth 30 each, a's 10. E_b = 15, E_a = 5 + 15/2 = 12.5,
    // E = 2/3 · 12.5 + 1/3 · 15 = 40/3. Without b: E = 2/3 · 5 = 10/3 → RE = 3/4.
    let j = paths(&[("a", 1, 10, 0), ("b", 1, 30, 0), ("a > b", 0, 0, 1)]);
    let e = removal_effects(&j, 1).unwrap();
    let b = e.iter().find(|x| x.channel == "b").unwrap();
    // Conversions without b: 2/3 · 1/2 = 1/3 → RE_b = 1/2.
    assert!(close(b.conversions, 0.5, 1e-15) && close(b.value, 0.75, 1e-15), "{b:?}");
}

/// The chain of order `k` counted independently, then h = Qh + b iterated to a fixed point.
fn iterate_p(rows: &[(String, i64, i64, i64)], k: usize, removed: Option<&str>) -> f64 {
    let mut ids: HashMap<Vec<String>, usize> = HashMap::new();
    ids.insert(vec![], 0);
    let mut edges: HashMap<(usize, usize), f64> = HashMap::new();
    let mut ends: HashMap<usize, (f64, f64)> = HashMap::new();
    for (p, c, _, n) in rows {
        let w = (c + n) as f64;
        if w == 0.0 {
            continue;
        }
        let t: Vec<String> = p.split('>').map(|s| s.trim().to_string()).collect();
        let wins: Vec<Vec<String>> =
            if t.len() < k { vec![t.clone()] } else { t.windows(k).map(|w| w.to_vec()).collect() };
        let mut prev = 0;
        for win in wins {
            let len = ids.len();
            let id = *ids.entry(win).or_insert(len);
            if id != prev {
                *edges.entry((prev, id)).or_insert(0.0) += w;
                prev = id;
            }
        }
        let e = ends.entry(prev).or_insert((0.0, 0.0));
        e.0 += *c as f64;
        e.1 += *n as f64;
    }
    let n = ids.len();
    let dead: Vec<bool> = {
        let mut d = vec![false; n];
        for (win, &id) in &ids {
            d[id] = removed.is_some_and(|r| win.iter().any(|c| c == r));
        }
        d
    };
    let mut total = vec![0.0; n];
    for (&(a, _), w) in &edges {
        total[a] += w;
    }
    for (&s, e) in &ends {
        total[s] += e.0 + e.1;
    }
    let mut h = vec![0.0; n];
    for _ in 0..20_000 {
        let mut next = vec![0.0; n];
        for (&s, e) in &ends {
            next[s] += e.0 / total[s];
        }
        for (&(a, b), w) in &edges {
            if !dead[b] {
                next[a] += w / total[a] * h[b];
            }
        }
        let diff = next.iter().zip(&h).map(|(x, y)| (x - y).abs()).fold(0.0, f64::max);
        h = next;
        if diff < 1e-16 {
            break;
        }
    }
    h[0]
}

#[test]
fn markov_equals_independent_value_iteration() {
    let mut rng = Rng(777);
    for case in 0..24 {
        let channels = 2 + case % 4;
        let rows = random_paths(&mut rng, channels, 6 + case as usize, 5);
        let j = owned(&rows);
        if j.total_conversions().is_zero() {
            continue;
        }
        for k in 1..=3u8 {
            let p = iterate_p(&rows, k as usize, None);
            let e = re(&j, k);
            for (ch, &got) in &e {
                let want = 1.0 - iterate_p(&rows, k as usize, Some(ch)) / p;
                assert!(close(got, want, 1e-12), "case {case} order {k} {ch}: {got} vs {want}");
            }
        }
    }
}

#[test]
fn markov_errors() {
    let j = paths(&[("a > b", 1, 0, 0)]);
    assert_eq!(removal_effects(&j, 0).unwrap_err().kind, ErrorKind::Num);
    assert_eq!(removal_effects(&j, 5).unwrap_err().kind, ErrorKind::Num);
    let none = paths(&[("a > b", 0, 0, 3)]);
    assert_eq!(attribute(&none, &Model::Markov { order: 1 }).unwrap_err().kind, ErrorKind::Div0);
    // The heuristics give zeros when nothing converted.
    let r = attribute(&none, &Model::Linear).unwrap();
    assert!(r.iter().all(|x| x.conversions.is_zero() && x.share.is_zero()));
}

// ---------------------------------------------------------------- inputs

#[test]
fn single_channel_gets_everything() {
    let j = paths(&[("tv", 3, 30, 1), ("tv > tv", 2, 5, 0)]);
    for m in all_models() {
        let r = attribute(&j, &m).unwrap();
        assert_eq!(r.len(), 1);
        assert!(r[0].conversions == int(5) && r[0].value == int(35) && r[0].share == Exact::ONE, "{m:?}");
    }
    assert_eq!(re(&j, 1)["tv"], 1.0);
}

#[test]
fn a_thousand_touch_path() {
    let long: Vec<String> = (0..1000).map(|i| format!("c{}", i % 7)).collect();
    let long = long.join(" > ");
    let rows = vec![(long.clone(), 1000, 7000, 3), ("c1 > c2".to_string(), 1, 1, 1)];
    let j = owned(&rows);
    assert_eq!(j.journeys[0].touches.len(), 1000);
    assert_conserved(&j);
    let lin = by_name(&attribute(&j, &Model::Linear).unwrap());
    // c0 is touched at 0, 7, ..., 994: 143 times of 1000 in the long path, never in the short one.
    assert!(lin["c0"].conversions == int(143));
    let _ = re(&j, 4);
}

#[test]
fn path_text_issues() {
    // Empty names between separators are ignored; a separator not found is one channel.
    let j = from_paths(&["a >  > b >", " a|b "], ">", &[int(1), int(1)], None, None).unwrap();
    assert_eq!(j.channels, vec!["a", "b", "a|b"]);
    assert_eq!(j.journeys[0].touches, vec![0, 1]);
    // Another separator.
    let j = from_paths(&["a|b"], "|", &[int(1)], None, None).unwrap();
    assert_eq!(j.channels, vec!["a", "b"]);
    // A blank row with nothing on it is skipped and reported; with conversions it is an error.
    let j = from_paths(&["a", "  ", "b"], ">", &[int(1), int(0), int(1)], None, None).unwrap();
    assert_eq!((j.journeys.len(), j.skipped.len()), (2, 1));
    let e = from_paths(&["a", " > "], ">", &[int(1), int(2)], None, None).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Value);
    assert!(e.message.contains("Row 2"), "{}", e.message);
    // Negative counts, mismatched lengths, an empty separator.
    assert_eq!(from_paths(&["a"], ">", &[int(-1)], None, None).unwrap_err().kind, ErrorKind::Num);
    assert_eq!(from_paths(&["a"], ">", &[int(1)], None, Some(&[int(-2)])).unwrap_err().kind, ErrorKind::Num);
    assert_eq!(from_paths(&["a", "b"], ">", &[int(1)], None, None).unwrap_err().kind, ErrorKind::Value);
    assert_eq!(from_paths(&["a"], "", &[int(1)], None, None).unwrap_err().kind, ErrorKind::Value);
    // No paths at all: every model gives an empty table (Markov: nothing converted).
    let empty = from_paths(&[], ">", &[], None, None).unwrap();
    assert!(attribute(&empty, &Model::Linear).unwrap().is_empty());
    assert!(Model::parse("lastish").is_err());
    assert_eq!(Model::parse(" Time-Decay ").unwrap(), Model::TimeDecay { half_life: 7.0 });
}

// ---------------------------------------------------------------- touchpoint journeys

fn touch(user: &str, time: f64, ch: &str, c: i64, v: i64) -> Touch {
    Touch { user: user.into(), time, channel: ch.into(), conversions: int(c), value: int(v) }
}

#[test]
fn touchpoint_journeys() {
    let rows = vec![
        touch("u1", 1.0, "Search", 0, 0),
        touch("u1", 40.0, "Email", 0, 0), // 5.5 days before the conversion: kept
        touch("u1", 45.5, "Direct", 1, 100),
        touch("u1", 46.0, "Social", 0, 0),
        touch("u1", 47.0, "Email", 2, 50),
        touch("u1", 60.0, "Search", 0, 0),
        touch("u2", 10.0, "Social", 0, 0),
        touch("u2", 11.0, "Social", 1, 20),
    ];
    let j = from_touches(&rows, 30.0).unwrap();
    let show = |j: &Journeys| -> Vec<(Vec<String>, f64, f64, f64)> {
        j.journeys
            .iter()
            .map(|x| {
                let t = x.touches.iter().map(|&c| j.channels[c as usize].clone()).collect();
                (t, x.conversions.to_f64(), x.value.to_f64(), x.nulls.to_f64())
            })
            .collect()
    };
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    // Day 1 is 44.5 days before the first conversion: outside the window, dropped.
    assert_eq!(
        show(&j),
        vec![
            (s(&["Email", "Direct"]), 1.0, 100.0, 0.0),
            (s(&["Social", "Email"]), 2.0, 50.0, 0.0),
            (s(&["Search"]), 0.0, 0.0, 1.0),
            (s(&["Social", "Social"]), 1.0, 20.0, 0.0),
        ]
    );
    assert_eq!(j.journeys[0].times, Some(vec![40.0, 45.5]));
    // Shuffled rows: identical journeys, channels and results.
    let mut rng = Rng(99);
    for _ in 0..10 {
        let mut sh = rows.clone();
        for i in (1..sh.len()).rev() {
            sh.swap(i, rng.below(i as u64 + 1) as usize);
        }
        let k = from_touches(&sh, 30.0).unwrap();
        assert_eq!(k, j);
        for m in all_models() {
            assert_eq!(attribute(&k, &m).unwrap(), attribute(&j, &m).unwrap());
        }
    }
    assert_conserved(&j);
    // A longer window keeps day 1.
    let j = from_touches(&rows, 60.0).unwrap();
    assert_eq!(j.journeys[0].touches.len(), 3);
    // Bad inputs.
    assert_eq!(from_touches(&rows, 0.0).unwrap_err().kind, ErrorKind::Num);
    assert_eq!(from_touches(&[touch("u", f64::NAN, "a", 0, 0)], 30.0).unwrap_err().kind, ErrorKind::Num);
    assert_eq!(from_touches(&[touch("u", 1.0, " ", 0, 0)], 30.0).unwrap_err().kind, ErrorKind::Value);
    assert_eq!(from_touches(&[touch("u", 1.0, "a", -1, 0)], 30.0).unwrap_err().kind, ErrorKind::Num);
    assert!(from_touches(&[], 30.0).unwrap().journeys.is_empty());
}

#[test]
fn same_time_ties_do_not_depend_on_row_order() {
    let a = [touch("u", 5.0, "b", 0, 0), touch("u", 5.0, "a", 0, 0), touch("u", 5.0, "c", 1, 9)];
    let b = [a[2].clone(), a[0].clone(), a[1].clone()];
    let (ja, jb) = (from_touches(&a, 30.0).unwrap(), from_touches(&b, 30.0).unwrap());
    assert_eq!(ja, jb);
    // The converting touch closes the journey, after the other touches at the same time.
    assert_eq!(ja.journeys.len(), 1);
    assert_eq!(ja.journeys[0].touches.len(), 3);
}

#[test]
fn invalid_journeys_are_errors_not_panics() {
    let mut j = paths(&[("a > b", 1, 0, 0)]);
    j.journeys[0].touches.push(7);
    for m in all_models() {
        assert_eq!(attribute(&j, &m).unwrap_err().kind, ErrorKind::Value);
    }
    j.journeys[0].touches.clear();
    assert!(attribute(&j, &Model::Linear).is_err());
}

#[test]
fn shapley_needs_no_channel_limit() {
    // 300 distinct channels in one journey (2^300 coalitions to enumerate): each gets 1/300.
    let long: Vec<String> = (0..300).map(|i| format!("ch{i}")).collect();
    let rows = vec![(long.join(" > "), 3, 600, 0), ("ch7".to_string(), 1, 1, 0)];
    let j = owned(&rows);
    let r = by_name(&attribute(&j, &Model::Shapley).unwrap());
    assert!(r["ch0"].conversions == int(3).div(&int(300)).unwrap() && r["ch0"].value == int(2));
    assert!(r["ch7"].conversions == &int(3).div(&int(300)).unwrap() + &int(1));
    assert_conserved(&j);
}
