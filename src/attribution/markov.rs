//! Markov-chain attribution with exact removal effects.
//!
//! The model is ChannelAttribution's (Altomare & Loris, `markov_model`; Anderl et al. 2016,
//! "Mapping the customer journey"): states `(start)`, one per channel window (order `k`:
//! the last `k` channels of the path, a shorter path being one state of its own),
//! `(conversion)` and `(null)`. Every journey adds its conversions + nulls to each
//! transition along its path (repeats of the same state in a row merged, as
//! ChannelAttribution does; self-loops change no absorption probability anyway), its
//! conversions to last state → conversion and its nulls to last state → null.
//!
//! The removal effect of channel `c` is `1 − P(conversion | c removed) / P(conversion)`,
//! where removing `c` sends whatever enters a state containing `c` to null. That equals
//! `P(c visited | conversion)`, which is what ChannelAttribution estimates by simulating
//! random walks. Here both probabilities are solved instead, as the absorbing chain's linear
//! system ([`super::solve::solve_all`]): directly by state elimination where that is cheap
//! (exact up to rounding), else by Gauss–Seidel bracketed from below and above to
//! 9e-16 relative. Fixed operation order: the same bits natively and in wasm32. One
//! solve for `P(conversion)` and one per channel.
//! Value: each conversion carries the mean value of the conversions that left the same
//! state (ChannelAttribution draws it from that state's value distribution, same mean), so
//! the value removal effect is `1 − E[value | c removed] / E[value]`, from the same solve.
//! ChannelAttribution also caps each simulated walk at the longest observed path (its
//! `max_step` default) and counts a capped walk as not converting, which biases its removal
//! effects low where walks are long beside the paths: on 20,000 random paths of at most 12
//! touches over 40 channels at order 2, one channel's is 0.279 at that default, 0.313 with
//! `max_step = 200`, 0.318 exactly. On its Data.csv (paths up to 89 touches) the cap does
//! not show.
//! Attributed conversions are `total × RE_c / Σ RE` (value likewise, with value removal
//! effects; when no converting journey carries a value, with the conversion ones).

use super::solve::{solve_all, Chain};
use super::{intern, pair, Credit, IdMap, Journeys};
use crate::error::{KpiError, KpiResult};
use crate::exact::Exact;

pub use super::solve::WORK_LIMIT;

/// A channel's removal effects: the share of conversions (and of value) that would be
/// lost without it.
#[derive(Clone, Debug, PartialEq)]
pub struct RemovalEffect {
    /// The channel.
    pub channel: String,
    /// `1 − P(conversion | channel removed) / P(conversion)`, 0 to 1.
    pub conversions: f64,
    /// The same for the expected conversion value.
    pub value: f64,
}

/// One transition of the fitted chain.
#[derive(Clone, Debug, PartialEq)]
pub struct Transition {
    /// `(start)` or a state: its channels joined by `" > "`.
    pub from: String,
    /// A state, `(conversion)` or `(null)`.
    pub to: String,
    /// The transition probability (the rows add up to 1).
    pub probability: f64,
}

fn check_order(order: u8) -> KpiResult<()> {
    if (1..=4).contains(&order) {
        Ok(())
    } else {
        Err(KpiError::num("The Markov order must be 1, 2, 3 or 4."))
    }
}

fn build(j: &Journeys, order: u8) -> KpiResult<Chain> {
    check_order(order)?;
    j.check()?;
    let k = order as usize;
    // States by a trie of their windows: key `pair(node, channel)` → child node (node 0 the
    // empty window); `state[node]` is the node's state, 0 while it is only a prefix (state 0,
    // the start, has the empty window). Integer keys, no `Vec` keys to hash or compare.
    let mut trie = IdMap::new();
    let mut state: Vec<u32> = vec![0];
    let mut windows: Vec<Vec<u32>> = vec![vec![]];
    // Transitions: key `pair(from, to)` → index into `weights`.
    let mut edges = IdMap::new();
    let mut weights: Vec<Exact> = vec![];
    let (mut conv, mut value, mut null) = (vec![Exact::ZERO], vec![Exact::ZERO], vec![Exact::ZERO]);
    let mut id = |w: &[u32], windows: &mut Vec<Vec<u32>>| -> KpiResult<u32> {
        let mut node = 0;
        for &ch in w {
            node = intern(&mut trie, pair(node, ch), state.len())?;
            if node as usize == state.len() {
                state.push(0);
            }
        }
        let s = &mut state[node as usize];
        if *s == 0 {
            *s = windows.len() as u32;
            windows.push(w.to_vec());
        }
        Ok(*s)
    };
    for jr in &j.journeys {
        let w = &jr.conversions + &jr.nulls;
        if w.is_zero() {
            continue;
        }
        let t = &jr.touches;
        let mut prev = 0u32;
        let n_windows = if t.len() < k { 1 } else { t.len() - k + 1 };
        for s in 0..n_windows {
            let win = &t[s..(s + k).min(t.len())];
            let st = id(win, &mut windows)?;
            if st == prev {
                continue;
            }
            if st as usize >= conv.len() {
                conv.push(Exact::ZERO);
                value.push(Exact::ZERO);
                null.push(Exact::ZERO);
            }
            let e = intern(&mut edges, pair(prev, st), weights.len())? as usize;
            if e == weights.len() {
                weights.push(Exact::ZERO);
            }
            weights[e] = &weights[e] + &w;
            prev = st;
        }
        let p = prev as usize;
        conv[p] = &conv[p] + &jr.conversions;
        null[p] = &null[p] + &jr.nulls;
        if !jr.conversions.is_zero() {
            value[p] = &value[p] + &jr.value;
        }
    }
    let mut out: Vec<Vec<(u32, f64)>> = (0..windows.len()).map(|_| vec![]).collect(); // no Vec-clone code
    // In key order: each state's targets come out sorted, with no sort.
    for (key, e) in edges {
        out[(key >> 32) as usize].push((key as u32, weights[e as usize].to_f64()));
    }
    let f = |v: Vec<Exact>| v.iter().map(Exact::to_f64).collect();
    Ok(Chain { windows, out, conv: f(conv), value: f(value), null: f(null) })
}

fn effects(c: &Chain, channels: usize, limit: u64) -> KpiResult<Vec<(f64, f64)>> {
    let mut present = vec![false; channels];
    for w in &c.windows {
        for &ch in w {
            present[ch as usize] = true;
        }
    }
    let here: Vec<u32> = (0..channels as u32).filter(|&ch| present[ch as usize]).collect();
    let ((p, e), each) = solve_all(c, &here, limit)?;
    if p <= 0.0 {
        return Err(KpiError::div0("No journey converted, so there is nothing for the Markov model to attribute."));
    }
    let mut res = vec![(0.0, 0.0); channels];
    for (&ch, (pc, ec)) in here.iter().zip(each) {
        let re = (1.0 - pc / p).max(0.0);
        let rv = if e > 0.0 { (1.0 - ec / e).max(0.0) } else { re };
        res[ch as usize] = (re, rv);
    }
    Ok(res)
}

/// The removal effects of every channel (in the journeys' channel order) under a Markov
/// chain of order 1 to 4. `#NUM!` for another order, `#DIV/0!` when nothing converted.
pub fn removal_effects(j: &Journeys, order: u8) -> KpiResult<Vec<RemovalEffect>> {
    let c = build(j, order)?;
    let e = effects(&c, j.channels.len(), WORK_LIMIT)?;
    Ok(j.channels
        .iter()
        .zip(e)
        .map(|(name, (conversions, value))| RemovalEffect { channel: name.clone(), conversions, value })
        .collect())
}

/// The fitted transition probabilities, state by state in first-seen order, each row's
/// targets in first-seen order then `(conversion)`, `(null)`.
pub fn transition_matrix(j: &Journeys, order: u8) -> KpiResult<Vec<Transition>> {
    let c = build(j, order)?;
    let name = |s: usize| {
        if s == 0 {
            "(start)".to_string()
        } else {
            // Joined by hand: `join` would be its own code in the functions WASM.
            let mut n = String::new();
            for (i, &ch) in c.windows[s].iter().enumerate() {
                if i > 0 {
                    n.push_str(" > ");
                }
                n.push_str(&j.channels[ch as usize]);
            }
            n
        }
    };
    let mut rows = vec![];
    for s in 0..c.windows.len() {
        let total = c.out[s].iter().map(|e| e.1).sum::<f64>() + c.conv[s] + c.null[s];
        if total <= 0.0 {
            continue;
        }
        let ends = [("(conversion)".to_string(), c.conv[s]), ("(null)".to_string(), c.null[s])];
        let targets = c.out[s].iter().map(|&(t, w)| (name(t as usize), w)).chain(ends);
        for (to, w) in targets.filter(|e| e.1 > 0.0) {
            rows.push(Transition { from: name(s), to, probability: w / total });
        }
    }
    Ok(rows)
}


/// Attribution by removal effects: `total × RE_c / Σ RE`, split exactly.
///
/// Each removal effect is scaled to an integer weight (`RE_c / max RE × 2^53`, rounded:
/// a double's precision; `2^53 / n` rounded down to a power of two for `n` > 1 channels, so
/// that the weights' sum stays an exact integer), so the channels' shares are exact
/// fractions of one common denominator and add up to the totals exactly.
pub(super) fn attribute(j: &Journeys, order: u8) -> KpiResult<Credit> {
    let c = build(j, order)?;
    let e = effects(&c, j.channels.len(), WORK_LIMIT)?;
    let (total_c, total_v) = (j.total_conversions(), j.total_value());
    let mut credit = Credit::new(j.channels.len());
    let shift = (usize::BITS - e.len().saturating_sub(1).leading_zeros()).min(40);
    let units = (1u64 << (53 - shift)) as f64;
    let weights = |pick: fn(&(f64, f64)) -> f64| -> Vec<u64> {
        let max = e.iter().map(pick).fold(0.0, f64::max);
        e.iter().map(|x| if max > 0.0 { (pick(x) / max * units).round() as u64 } else { 0 }).collect()
    };
    for (acc, total, w) in [
        (&mut credit.conversions, &total_c, weights(|x| x.0)),
        (&mut credit.value, &total_v, weights(|x| x.1)),
    ] {
        let sum: u64 = w.iter().sum();
        if sum == 0 {
            continue;
        }
        for (a, &wi) in acc.iter_mut().zip(&w) {
            a.add_over(&(total * &Exact::int(wi as i64)), sum);
        }
    }
    Ok(credit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attribution::from_paths;
    use crate::attribution::iterate::Sweeps;
    use crate::attribution::solve::{solve_with, Work};

    /// The sparse and the dense elimination, and every switch point between them, agree.
    #[test]
    fn sparse_and_dense_agree() {
        let mut x = 0x2545f4914f6cdd1du64;
        let mut next = move |n: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % n
        };
        for case in 0..30 {
            let rows: Vec<(String, Exact, Exact)> = (0..40)
                .map(|_| {
                    let len = 1 + next(8);
                    let p: Vec<String> = (0..len).map(|_| format!("c{}", next(3 + case % 5))).collect();
                    (p.join(">"), Exact::int(next(3) as i64), Exact::int(next(3) as i64))
                })
                .collect();
            let paths: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
            let conv: Vec<Exact> = rows.iter().map(|r| r.1.clone()).collect();
            let null: Vec<Exact> = rows.iter().map(|r| r.2.clone()).collect();
            let j = from_paths(&paths, ">", &conv, Some(&conv), Some(&null)).unwrap();
            for order in 1..=3 {
                let c = build(&j, order).unwrap();
                for removed in std::iter::once(None).chain((0..j.channels.len() as u32).map(Some)) {
                    let (p, e) = solve_with(&c, &Sweeps::new(&c), removed, None, &mut Work { done: 0, limit: u64::MAX });
                    for d in [1, 2, 8, 64, u64::MAX] {
                        let (q, f) = solve_with(&c, &Sweeps::new(&c), removed, Some(d), &mut Work { done: 0, limit: u64::MAX });
                        assert!((p - q).abs() <= 1e-14 && (e - f).abs() <= 1e-13 * e.max(1.0), "{case} {order} {d}");
                    }
                }
            }
        }
    }

    /// The iterative solve lands within its bracket of the direct one, from either start,
    /// and sends the same data the same way every time.
    #[test]
    fn iterative_and_direct_agree() {
        let mut x = 0x9e3779b97f4a7c15u64;
        let mut next = move |n: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % n
        };
        for case in 0..40 {
            let rows: Vec<(String, Exact, Exact, Exact)> = (0..60)
                .map(|_| {
                    let len = 1 + next(10);
                    let p: Vec<String> = (0..len).map(|_| format!("c{}", next(2 + case % 7))).collect();
                    (p.join(">"), Exact::int(next(3) as i64), Exact::int(next(50) as i64), Exact::int(next(4) as i64))
                })
                .collect();
            let paths: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
            let conv: Vec<Exact> = rows.iter().map(|r| r.1.clone()).collect();
            let value: Vec<Exact> = rows.iter().map(|r| r.2.clone()).collect();
            let null: Vec<Exact> = rows.iter().map(|r| r.3.clone()).collect();
            let j = from_paths(&paths, ">", &conv, Some(&value), Some(&null)).unwrap();
            for order in 1..=3 {
                let c = build(&j, order).unwrap();
                let work = || Work { done: 0, limit: u64::MAX };
                let sweeps = Sweeps::new(&c);
                let (whole, bounds) = sweeps.whole(&c, &mut work());
                let near = |a: f64, b: f64| (a - b).abs() <= 1e-15 * b.abs().max(1e-300);
                let (p, e) = solve_with(&c, &Sweeps::new(&c), None, None, &mut work());
                assert!(near(whole.0, p) && near(whole.1, e), "{case} {order}: {whole:?} {p} {e}");
                let all: Vec<u32> = (0..j.channels.len() as u32).collect();
                let warm = sweeps.removals(&c, &all, &bounds, &mut work());
                for ch in all {
                    let (p, e) = solve_with(&c, &Sweeps::new(&c), Some(ch), None, &mut work());
                    // Alone, or beside the others: the same bits.
                    let alone = sweeps.removals(&c, &[ch], &bounds, &mut work())[0];
                    assert_eq!(alone, warm[ch as usize]);
                    let (q, f) = alone;
                    assert!(near(q, p) && near(f, e), "{case} {order} {ch}: {q} {p} {f} {e}");
                }
            }
        }
    }

    /// Small chains go the direct way, big ones the iterative way, bit for bit.
    #[test]
    fn route_by_size() {
        use crate::attribution::solve::{solve_all, DENSE_WHEN};
        let mut x = 0x853c49e6748fea9bu64;
        let mut next = move |n: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % n
        };
        for (paths, channels, order, direct) in [(200, 4, 1, true), (3000, 40, 3, false)] {
            let rows: Vec<String> = (0..paths)
                .map(|_| (0..1 + next(12)).map(|_| format!("c{}", next(channels))).collect::<Vec<_>>().join(">"))
                .collect();
            let refs: Vec<&str> = rows.iter().map(String::as_str).collect();
            let conv: Vec<Exact> = (0..paths).map(|_| Exact::int(next(3) as i64)).collect();
            let null: Vec<Exact> = (0..paths).map(|_| Exact::int(1 + next(4) as i64)).collect();
            let j = from_paths(&refs, ">", &conv, Some(&conv), Some(&null)).unwrap();
            let c = build(&j, order).unwrap();
            let all: Vec<u32> = (0..j.channels.len() as u32).collect();
            let (whole, each) = solve_all(&c, &all, WORK_LIMIT).unwrap();
            let work = || Work { done: 0, limit: u64::MAX };
            let expect = if direct {
                let w = solve_with(&c, &Sweeps::new(&c), None, Some(DENSE_WHEN), &mut work());
                (w, all.iter().map(|&ch| solve_with(&c, &Sweeps::new(&c), Some(ch), Some(DENSE_WHEN), &mut work())).collect::<Vec<_>>())
            } else {
                let sweeps = Sweeps::new(&c);
                let (w, bounds) = sweeps.whole(&c, &mut work());
                (w, sweeps.removals(&c, &all, &bounds, &mut work()))
            };
            assert_eq!((whole, each), expect, "{paths} paths, order {order}");
        }
    }

    /// A chain that mixes too slowly to iterate within its share (a long loop between two
    /// channels) is still solved, directly.
    #[test]
    fn slow_mixing_goes_direct() {
        use crate::attribution::solve::{solve_all, DENSE_WHEN};
        let long = ["a"; 4000].iter().zip(["b"; 4000]).map(|(a, b)| format!("{a}>{b}")).collect::<Vec<_>>().join(">");
        let j = from_paths(&[long.as_str(), "a"], ">", &[Exact::int(1), Exact::int(0)], None, Some(&[Exact::int(0), Exact::int(1)])).unwrap();
        let c = build(&j, 1).unwrap();
        let limit = 3 << 20; // a share of 2^20 each for the whole chain and the two removals
        let (whole, each) = solve_all(&c, &[0, 1], limit).unwrap();
        let work = || Work { done: 0, limit: u64::MAX };
        assert_eq!(whole, solve_with(&c, &Sweeps::new(&c), None, Some(DENSE_WHEN), &mut work()));
        assert_eq!(each[1], solve_with(&c, &Sweeps::new(&c), Some(1), Some(DENSE_WHEN), &mut work()));
        // Iterating it would have cost more than the share.
        let mut w = Work { done: 0, limit: u64::MAX };
        crate::attribution::iterate::Sweeps::new(&c).whole(&c, &mut w);
        assert!(w.done > 1 << 20, "{}", w.done);
    }

    /// Past the work limit: `#NUM!` naming the state count, not a hang.
    #[test]
    fn work_limit_is_an_error() {
        let j = from_paths(&["a>b>c>a>c>b", "b>a"], ">", &[Exact::int(1), Exact::int(1)], None, None).unwrap();
        let c = build(&j, 1).unwrap();
        let e = effects(&c, 3, 3).unwrap_err();
        assert_eq!(e.kind, crate::error::ErrorKind::Num);
        assert!(e.message.contains("3 states"), "{}", e.message);
        assert!(effects(&c, 3, WORK_LIMIT).is_ok());
    }
}
