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
//! random walks. Here both probabilities are solved exactly instead, by a direct solve of
//! the absorbing chain: state elimination (the GTH form of Gaussian elimination: only
//! additions, multiplications and divisions of non-negative numbers, so no cancellation
//! and no pivoting), sparse in minimum-degree order and finished dense once fill-in makes
//! the rest dense. Fixed operation order: the same bits natively and in wasm32. One solve
//! for `P(conversion)` and one per channel.
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

use super::{Credit, Journeys};
use crate::error::{KpiError, KpiResult};
use crate::exact::Exact;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

/// A multiply-rotate hash (FxHash's) for the small integer keys of the chain: several
/// times faster than the default SipHash on millions of transitions, and seedless (only
/// lookups use it; nothing iterates a map in hash order into a result).
#[derive(Default)]
struct Fx(u64);

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u32(&mut self, x: u32) {
        self.write_u64(u64::from(x));
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_usize(&mut self, x: usize) {
        self.write_u64(x as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

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

/// The chain as weighted counts: state 0 is `(start)`.
struct Chain {
    /// Each state's channel window (empty for the start).
    windows: Vec<Vec<u32>>,
    /// Transitions between states, sorted by target.
    out: Vec<Vec<(u32, f64)>>,
    conv: Vec<f64>,
    value: Vec<f64>,
    null: Vec<f64>,
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
    let mut ids: FxMap<Vec<u32>, u32> = FxMap::default();
    let mut windows: Vec<Vec<u32>> = vec![vec![]];
    let mut edges: FxMap<(u32, u32), Exact> = FxMap::default();
    let (mut conv, mut value, mut null) = (vec![Exact::ZERO], vec![Exact::ZERO], vec![Exact::ZERO]);
    let mut id = |w: &[u32], windows: &mut Vec<Vec<u32>>| -> u32 {
        if let Some(&i) = ids.get(w) {
            return i;
        }
        let i = windows.len() as u32;
        ids.insert(w.to_vec(), i);
        windows.push(w.to_vec());
        i
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
            let st = id(win, &mut windows);
            if st == prev {
                continue;
            }
            if st as usize >= conv.len() {
                conv.push(Exact::ZERO);
                value.push(Exact::ZERO);
                null.push(Exact::ZERO);
            }
            let e = edges.entry((prev, st)).or_insert(Exact::ZERO);
            *e = &*e + &w;
            prev = st;
        }
        let p = prev as usize;
        conv[p] = &conv[p] + &jr.conversions;
        null[p] = &null[p] + &jr.nulls;
        if !jr.conversions.is_zero() {
            value[p] = &value[p] + &jr.value;
        }
    }
    let mut out: Vec<Vec<(u32, f64)>> = vec![vec![]; windows.len()];
    for ((a, b), w) in edges {
        out[a as usize].push((b, w.to_f64()));
    }
    for o in &mut out {
        o.sort_by_key(|e| e.0);
    }
    let f = |v: Vec<Exact>| v.iter().map(Exact::to_f64).collect();
    Ok(Chain { windows, out, conv: f(conv), value: f(value), null: f(null) })
}

/// `(P(conversion), E[value])` from the start, with `removed`'s states sent to null.
///
/// A direct solve by state elimination (the GTH variant of Gaussian elimination,
/// Grassmann, Taksar & Heyman 1985): eliminating state `k` reroutes each predecessor's
/// weight `w_ik` to `k`'s successors in proportion `w_kj / S_k`, `S_k` the sum of `k`'s
/// outgoing weights (self-loops dropped: they change no absorption probability). Only
/// additions, multiplications and divisions of non-negative numbers occur, so there is no
/// cancellation and no pivoting is needed (the matrix `I − Q` is a diagonally dominant
/// M-matrix; GTH is componentwise accurate on it), and the operation order is fixed:
/// the same bits natively and in wasm32. No iteration, no simulation, no tolerance.
///
/// States unreachable from the start are left out, and states that cannot reach a
/// conversion count as null (their probability is exactly 0). States are eliminated by
/// minimum degree (in × out, ties by index): cost `Σ in_k × out_k` at elimination, which
/// is `O(states × channels²)` at order 1. At higher orders fill-in makes the last states
/// dense; those (at most [`DENSE_MAX`]) are finished as a dense matrix, `O(r³)` time and
/// `r²` memory for `r` of them (order 4 on ChannelAttribution's Data.csv: ~3,800 states,
/// the last few hundred dense; see `bench/attribution-bench.sh`). One solve for
/// `P(conversion)` and one per channel for the removal effects.
fn solve(c: &Chain, removed: Option<u32>, work: &mut Work) -> KpiResult<(f64, f64)> {
    let r = solve_with(c, removed, Some(DENSE_WHEN), work);
    if work.done > work.limit {
        return Err(KpiError::num(format!(
            "This Markov chain has {} states: too many to solve at this order in reasonable time; use a lower order.",
            c.windows.len() - 1
        )));
    }
    Ok(r)
}

/// The most multiply-adds one attribution may spend on its solves (about 10 seconds
/// natively): beyond, `#NUM!` rather than a spreadsheet that hangs. Counted, not timed, so
/// the same data gives the same answer everywhere. Orders 1 to 4 on ChannelAttribution's
/// Data.csv need at most 1.3% of it; order 3 over 40 channels and 20,000 varied paths
/// needs more.
pub const WORK_LIMIT: u64 = 10_000_000_000;

/// Operations spent so far, against a limit.
struct Work {
    done: u64,
    limit: u64,
}

/// [`solve`], switching to dense by `dense_when` (never for `None`: for the tests).
fn solve_with(c: &Chain, removed: Option<u32>, dense_when: Option<u64>, work: &mut Work) -> (f64, f64) {
    let n = c.windows.len();
    let alive: Vec<bool> = (0..n).map(|s| s == 0 || removed.is_none_or(|r| !c.windows[s].contains(&r))).collect();
    // Reachable from the start through live states.
    let mut reach = vec![false; n];
    let mut stack = vec![0usize];
    reach[0] = true;
    while let Some(s) = stack.pop() {
        for &(t, _) in &c.out[s] {
            let t = t as usize;
            if alive[t] && !reach[t] {
                reach[t] = true;
                stack.push(t);
            }
        }
    }
    // Of those, the ones that can reach a conversion.
    let mut back: Vec<Vec<u32>> = vec![vec![]; n];
    for s in (0..n).filter(|&s| reach[s]) {
        for &(t, _) in &c.out[s] {
            if reach[t as usize] {
                back[t as usize].push(s as u32);
            }
        }
    }
    let mut keep = vec![false; n];
    let mut stack: Vec<usize> = (0..n).filter(|&s| reach[s] && c.conv[s] > 0.0).collect();
    for &s in &stack {
        keep[s] = true;
    }
    while let Some(s) = stack.pop() {
        for &p in &back[s] {
            if !keep[p as usize] {
                keep[p as usize] = true;
                stack.push(p as usize);
            }
        }
    }
    if !keep[0] {
        return (0.0, 0.0);
    }
    // Local numbering, the start first.
    let mut local = vec![u32::MAX; n];
    let kept: Vec<usize> = (0..n).filter(|&s| keep[s]).collect();
    for (i, &s) in kept.iter().enumerate() {
        local[s] = i as u32;
    }
    let m = kept.len();
    let mut out: Vec<BTreeMap<u32, f64>> = vec![BTreeMap::new(); m];
    let mut inn: Vec<BTreeSet<u32>> = vec![BTreeSet::new(); m];
    let mut conv = vec![0.0; m];
    let mut value = vec![0.0; m];
    let mut null = vec![0.0; m];
    for (i, &s) in kept.iter().enumerate() {
        conv[i] = c.conv[s];
        value[i] = c.value[s];
        null[i] = c.null[s];
        for &(t, w) in &c.out[s] {
            let lt = local[t as usize];
            if lt == u32::MAX {
                null[i] += w; // into a removed or hopeless state: lost
            } else {
                out[i].insert(lt, w);
                inn[lt as usize].insert(i as u32);
            }
        }
    }
    let cost = |out: &[BTreeMap<u32, f64>], inn: &[BTreeSet<u32>], k: usize| (inn[k].len() * out[k].len()) as u64;
    let mut queue: BTreeSet<(u64, u32)> = (1..m).map(|k| (cost(&out, &inn, k), k as u32)).collect();
    while let Some(&(cst, k)) = queue.first() {
        // Fill-in has made the rest dense: finish on a dense matrix, with the same rule.
        let left = queue.len() as u64 + 1;
        if left <= DENSE_MAX && dense_when.is_some_and(|d| cst.saturating_mul(d) >= left * left) {
            let order: Vec<u32> = queue.iter().map(|e| e.1).collect();
            return dense(&order, &out, &conv, &value, &null, work);
        }
        queue.pop_first();
        let k = k as usize;
        let outs: Vec<(u32, f64)> = std::mem::take(&mut out[k]).into_iter().collect();
        let preds: Vec<u32> = std::mem::take(&mut inn[k]).into_iter().collect();
        // Neighbours' degrees change: take them out of the queue, put them back after.
        let mut touched: BTreeSet<u32> = preds.iter().copied().collect();
        touched.extend(outs.iter().map(|e| e.0));
        for &t in &touched {
            if t != 0 {
                queue.remove(&(cost(&out, &inn, t as usize), t));
            }
        }
        let s_k = outs.iter().map(|e| e.1).sum::<f64>() + conv[k] + null[k];
        for &(j, _) in &outs {
            inn[j as usize].remove(&(k as u32));
        }
        work.done += 1 + (preds.len() * outs.len()) as u64;
        if work.done > work.limit {
            return (0.0, 0.0);
        }
        for &i in &preds {
            let i = i as usize;
            let w = out[i].remove(&(k as u32)).unwrap_or(0.0);
            if s_k <= 0.0 {
                null[i] += w;
                continue;
            }
            let f = w / s_k;
            for &(j, w_kj) in &outs {
                if j as usize == i {
                    continue; // a self-loop: no effect on absorption
                }
                *out[i].entry(j).or_insert(0.0) += w_kj * f;
                inn[j as usize].insert(i as u32);
            }
            conv[i] += conv[k] * f;
            value[i] += value[k] * f;
            null[i] += null[k] * f;
        }
        for &t in &touched {
            if t != 0 {
                queue.insert((cost(&out, &inn, t as usize), t));
            }
        }
    }
    let s0 = out[0].values().sum::<f64>() + conv[0] + null[0];
    if s0 > 0.0 {
        (conv[0] / s0, value[0] / s0)
    } else {
        (0.0, 0.0)
    }
}

/// Switch to dense elimination once the cheapest state's in × out reaches 1/512 of the
/// remaining states squared: from there on, fill-in makes the sparse maps slower than a
/// plain matrix (measured on Data.csv at orders 2 to 4: 8 is 2 to 3 times slower, 16,384 a
/// little slower).
const DENSE_WHEN: u64 = 512;
/// But never a dense matrix of more than this many states (72 MB): beyond, stay sparse.
const DENSE_MAX: u64 = 3000;

/// The same elimination on the remaining states as a dense matrix: the start, then `order`
/// (the states left, cheapest first), eliminated in that order.
fn dense(
    order: &[u32],
    out: &[BTreeMap<u32, f64>],
    conv: &[f64],
    value: &[f64],
    null: &[f64],
    work: &mut Work,
) -> (f64, f64) {
    let ids: Vec<usize> = std::iter::once(0).chain(order.iter().map(|&k| k as usize)).collect();
    let r = ids.len();
    let mut at: FxMap<u32, usize> = FxMap::default();
    for (d, &s) in ids.iter().enumerate() {
        at.insert(s as u32, d);
    }
    let mut w = vec![0.0f64; r * r];
    let (mut cv, mut vv, mut nv) = (vec![0.0; r], vec![0.0; r], vec![0.0; r]);
    for (d, &s) in ids.iter().enumerate() {
        (cv[d], vv[d], nv[d]) = (conv[s], value[s], null[s]);
        for (t, &x) in &out[s] {
            if let Some(&e) = at.get(t) {
                w[d * r + e] = x;
            }
        }
    }
    let mut nz: Vec<usize> = Vec::with_capacity(r);
    for k in 1..r {
        // Row k's non-zero columns: still sparse when the switch happens, so the updates
        // skip the zeros (adding 0 · f changes no bit, so this is only faster).
        nz.clear();
        nz.extend((k + 1..r).filter(|&j| w[k * r + j] != 0.0));
        let s_k = nz.iter().map(|&j| w[k * r + j]).sum::<f64>() + cv[k] + nv[k];
        work.done += (r + nz.len() * (r - k)) as u64;
        if work.done > work.limit {
            return (0.0, 0.0);
        }
        for i in std::iter::once(0).chain(k + 1..r) {
            let x = std::mem::take(&mut w[i * r + k]);
            if x == 0.0 {
                continue;
            }
            if s_k <= 0.0 {
                nv[i] += x;
                continue;
            }
            let f = x / s_k;
            for &j in &nz {
                if j != i {
                    w[i * r + j] += w[k * r + j] * f;
                }
            }
            cv[i] += cv[k] * f;
            vv[i] += vv[k] * f;
            nv[i] += nv[k] * f;
        }
    }
    let s0 = w[1..r].iter().sum::<f64>() + cv[0] + nv[0];
    if s0 > 0.0 {
        (cv[0] / s0, vv[0] / s0)
    } else {
        (0.0, 0.0)
    }
}

fn effects(c: &Chain, channels: usize, limit: u64) -> KpiResult<Vec<(f64, f64)>> {
    let mut work = Work { done: 0, limit };
    let (p, e) = solve(c, None, &mut work)?;
    if p <= 0.0 {
        return Err(KpiError::div0("No journey converted, so there is nothing for the Markov model to attribute."));
    }
    let mut present = vec![false; channels];
    for w in &c.windows {
        for &ch in w {
            present[ch as usize] = true;
        }
    }
    let mut res = Vec::with_capacity(channels);
    for (ch, &here) in present.iter().enumerate() {
        if !here {
            res.push((0.0, 0.0));
            continue;
        }
        let (pc, ec) = solve(c, Some(ch as u32), &mut work)?;
        let re = (1.0 - pc / p).max(0.0);
        let rv = if e > 0.0 { (1.0 - ec / e).max(0.0) } else { re };
        res.push((re, rv));
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
            c.windows[s].iter().map(|&ch| j.channels[ch as usize].as_str()).collect::<Vec<_>>().join(" > ")
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
                    let (p, e) = solve_with(&c, removed, None, &mut Work { done: 0, limit: u64::MAX });
                    for d in [1, 2, 8, 64, u64::MAX] {
                        let (q, f) = solve_with(&c, removed, Some(d), &mut Work { done: 0, limit: u64::MAX });
                        assert!((p - q).abs() <= 1e-14 && (e - f).abs() <= 1e-13 * e.max(1.0), "{case} {order} {d}");
                    }
                }
            }
        }
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
