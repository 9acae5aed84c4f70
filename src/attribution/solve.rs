//! The solves of an absorbing chain: direct by state elimination, or iterative for chains
//! too big to eliminate ([`solve_all`] chooses).

use crate::error::{KpiError, KpiResult};
use super::iterate::Sweeps;
use super::IdMap;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// The chain as weighted counts: state 0 is `(start)`.
pub(super) struct Chain {
    /// Each state's channel window (empty for the start).
    pub windows: Vec<Vec<u32>>,
    /// Transitions between states, sorted by target.
    pub out: Vec<Vec<(u32, f64)>>,
    /// Weight of each state's transitions to conversion.
    pub conv: Vec<f64>,
    /// Conversion value leaving each state (the reward on its conversion transitions).
    pub value: Vec<f64>,
    /// Weight of each state's transitions to null.
    pub null: Vec<f64>,
}

/// `(P(conversion), E[value])` from the start.
pub(super) type Solved = (f64, f64);

/// [`Solved`] first for the whole chain, then with each
/// of `removed`'s channels sent to null in turn.
///
/// Directly, by state elimination ([`solve_with`]), when the whole chain's elimination
/// costs no more work than its iterative solve: exact up to the doubles' rounding (order 1
/// and 2 on ChannelAttribution's Data.csv). Otherwise (higher orders, where fill-in makes
/// elimination up to cubic in the states) iteratively ([`Sweeps`]): each answer
/// bracketed between a lower and an upper bound that agree to 9e-16 relative. Both count
/// their work, so the same data takes the same route everywhere; past `limit` (in all,
/// [`WORK_LIMIT`] but in tests), `#NUM!`.
pub(super) fn solve_all(c: &Chain, removed: &[u32], limit: u64) -> KpiResult<(Solved, Vec<Solved>)> {
    // Each of the 1 + removed solves may take an equal share of the limit.
    let share = limit / (removed.len() as u64 + 1);
    let sweeps = Sweeps::new(c);
    let mut work = Work { done: 0, limit: share };
    let (iterated, bounds) = sweeps.whole(c, &mut work);
    // The direct solve, unless it costs more than the iterative one (or than a share, when
    // the iteration mixes too slowly to finish in one: long loops between few states):
    // fill-in is unknown until it happens, so it runs on that budget (work units weighted
    // to take about the same time in both: at most about twice the cheaper one's time).
    let spent = work.done.min(share);
    let mut direct = Work { done: 0, limit: spent.max(DIRECT_ANYWAY).min(share) };
    let whole = solve_with(c, &sweeps, None, Some(DENSE_WHEN), &mut direct);
    let by_elimination = direct.done <= direct.limit;
    let mut work = Work { done: spent + direct.done.min(direct.limit), limit };
    let each = if by_elimination {
        removed.iter().map(|&ch| solve_with(c, &sweeps, Some(ch), Some(DENSE_WHEN), &mut work)).collect()
    } else if spent < share {
        sweeps.removals(c, removed, &bounds, &mut work)
    } else {
        work.done = u64::MAX; // neither way finishes the whole chain in its share
        vec![]
    };
    if work.done > work.limit {
        return Err(KpiError::num(format!(
            "This Markov chain has {} states: too many to solve at this order in reasonable time; use a lower order.",
            c.windows.len() - 1
        )));
    }
    Ok((if by_elimination { whole } else { iterated }, each))
}

/// The direct solve's budget whatever the iterative one cost (about 2 ms): small chains are
/// solved directly.
const DIRECT_ANYWAY: u64 = 1 << 20;

/// The most work (multiply-adds, sparse steps weighted by [`SPARSE_STEP`]) one attribution
/// may spend on its solves, about 10 seconds natively: beyond, `#NUM!` rather than a
/// spreadsheet that hangs. Counted, not timed, so the same data gives the same answer
/// everywhere. Order 4 on ChannelAttribution's Data.csv needs about 1% of it; order 3 over
/// 40 channels and 20,000 random paths (48,000 states) a fifth.
pub const WORK_LIMIT: u64 = 3_000_000_000;

/// Operations spent so far, against a limit.
pub(super) struct Work {
    pub done: u64,
    pub limit: u64,
}

/// `(P(conversion), E[value])` from the start, with `removed`'s states sent to null, by a
/// direct solve: state elimination (the GTH variant of Gaussian elimination,
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
/// the last few hundred dense; see `bench/attribution-bench.sh`). Dense by `dense_when`
/// (never for `None`: for the tests). Past `work.limit`, `(0, 0)`.
pub(super) fn solve_with(c: &Chain, sweeps: &Sweeps, removed: Option<u32>, dense_when: Option<u64>, work: &mut Work) -> (f64, f64) {
    let Some(kept) = sweeps.kept_states(c, removed) else {
        return (0.0, 0.0);
    };
    let mut local = vec![u32::MAX; c.windows.len()];
    for (i, &s) in kept.iter().enumerate() {
        local[s] = i as u32;
    }
    let m = kept.len();
    // Each state's successors (target → weight's bits) and predecessors (as keys), in maps
    // of the one map type ([`IdMap`]): no map code of their own in the functions WASM.
    // Every sum below runs in target order.
    let mut out: Vec<IdMap> = (0..m).map(|_| IdMap::new()).collect();
    let mut inn: Vec<IdMap> = (0..m).map(|_| IdMap::new()).collect();
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
                out[i].insert(u64::from(lt), w.to_bits());
                inn[lt as usize].insert(i as u64, 0);
            }
        }
    }
    // Entries to eliminated states are left in the maps, skipped where read (`gone`):
    // `BTreeMap::remove` would be several KB of its own in the functions WASM. So the
    // degrees are counted here, live neighbours only (`usize`, as the maps' lengths were).
    let mut deg_in: Vec<usize> = inn.iter().map(IdMap::len).collect();
    // The set-up (the maps above) costs about a sparse step per state and per entry.
    work.done += SPARSE_STEP * (m + deg_in.iter().sum::<usize>()) as u64;
    if work.done > work.limit {
        return (0.0, 0.0);
    }
    let mut deg_out: Vec<usize> = out.iter().map(IdMap::len).collect();
    let cost = |deg_in: &[usize], deg_out: &[usize], k: usize| (deg_in[k] * deg_out[k]) as u64;
    // Minimum (in × out, index) first. A state's cost changes when a neighbour goes: its
    // new entry is pushed and the old one skipped when it comes up (stale: not its current
    // cost, or the state gone), so the pops are those of an exact set of (cost, state).
    let mut queue: BinaryHeap<Reverse<(u64, u32)>> =
        (1..m).map(|k| Reverse((cost(&deg_in, &deg_out, k), k as u32))).collect();
    let mut gone = vec![false; m];
    let mut live = m as u64 - 1;
    while let Some(&Reverse((cst, k))) = queue.peek() {
        if gone[k as usize] || cst != cost(&deg_in, &deg_out, k as usize) {
            queue.pop();
            continue;
        }
        // Fill-in has made the rest dense: finish on a dense matrix, with the same rule.
        let left = live + 1;
        if left <= DENSE_MAX && dense_when.is_some_and(|d| cst.saturating_mul(d) >= left * left) {
            let mut order: Vec<u32> = Vec::with_capacity(live as usize);
            while let Some(Reverse((cst, k))) = queue.pop() {
                let ku = k as usize;
                if !gone[ku] && cst == cost(&deg_in, &deg_out, ku) {
                    gone[ku] = true; // listed: its duplicates are skipped
                    order.push(k);
                }
            }
            return dense(&order, &out, &conv, &value, &null, work);
        }
        queue.pop();
        let k = k as usize;
        gone[k] = true;
        live -= 1;
        let outs: Vec<(u64, f64)> = std::mem::take(&mut out[k])
            .into_iter()
            .filter(|e| !gone[e.0 as usize])
            .map(|(j, b)| (j, f64::from_bits(b)))
            .collect();
        let preds: Vec<u64> = std::mem::take(&mut inn[k]).into_keys().filter(|&i| !gone[i as usize]).collect();
        let s_k = outs.iter().map(|e| e.1).sum::<f64>() + conv[k] + null[k];
        for &(j, _) in &outs {
            deg_in[j as usize] -= 1; // k, left in inn[j]
        }
        work.done += SPARSE_STEP * (1 + preds.len() + outs.len() + preds.len() * outs.len()) as u64;
        if work.done > work.limit {
            return (0.0, 0.0);
        }
        for &i in &preds {
            let w = out[i as usize].get(&(k as u64)).map_or(0.0, |&b| f64::from_bits(b)); // left there
            deg_out[i as usize] -= 1;
            if s_k <= 0.0 {
                null[i as usize] += w;
                continue;
            }
            let f = w / s_k;
            for &(j, w_kj) in &outs {
                if j == i {
                    continue; // a self-loop: no effect on absorption
                }
                let e = out[i as usize].entry(j).or_insert_with(|| {
                    deg_out[i as usize] += 1;
                    0f64.to_bits()
                });
                *e = (f64::from_bits(*e) + w_kj * f).to_bits();
                if inn[j as usize].insert(i, 0).is_none() {
                    deg_in[j as usize] += 1;
                }
            }
            let i = i as usize;
            conv[i] += conv[k] * f;
            value[i] += value[k] * f;
            null[i] += null[k] * f;
        }
        for t in preds.iter().copied().chain(outs.iter().map(|e| e.0)) {
            if t != 0 {
                queue.push(Reverse((cost(&deg_in, &deg_out, t as usize), t as u32)));
            }
        }
    }
    let s0 = out[0].iter().filter(|e| !gone[*e.0 as usize]).map(|e| f64::from_bits(*e.1)).sum::<f64>() + conv[0] + null[0];
    if s0 > 0.0 {
        (conv[0] / s0, value[0] / s0)
    } else {
        (0.0, 0.0)
    }
}

/// What one sparse elimination step (a map update, with its share of the queue and the
/// allocations) costs, in the work units of a dense one or of a sweep's multiply-add:
/// measured on chains of 1,600 to 70,000 states, 40 to 130 times as long.
const SPARSE_STEP: u64 = 128;

/// Switch to dense elimination once the cheapest state's in × out reaches 1/512 of the
/// remaining states squared: from there on, fill-in makes the sparse maps slower than a
/// plain matrix (measured on Data.csv at orders 2 to 4: 8 is 2 to 3 times slower, 16,384 a
/// little slower).
pub(super) const DENSE_WHEN: u64 = 512;
/// But never a dense matrix of more than this many states (72 MB): beyond, stay sparse.
const DENSE_MAX: u64 = 3000;

/// The same elimination on the remaining states as a dense matrix: the start, then `order`
/// (the states left, cheapest first), eliminated in that order.
fn dense(
    order: &[u32],
    out: &[IdMap],
    conv: &[f64],
    value: &[f64],
    null: &[f64],
    work: &mut Work,
) -> (f64, f64) {
    let ids: Vec<usize> = std::iter::once(0).chain(order.iter().map(|&k| k as usize)).collect();
    let r = ids.len();
    // Local state → dense index (usize::MAX: already eliminated).
    let mut at = vec![usize::MAX; out.len()];
    for (d, &s) in ids.iter().enumerate() {
        at[s] = d;
    }
    let mut w = vec![0.0f64; r * r];
    let (mut cv, mut vv, mut nv) = (vec![0.0; r], vec![0.0; r], vec![0.0; r]);
    for (d, &s) in ids.iter().enumerate() {
        (cv[d], vv[d], nv[d]) = (conv[s], value[s], null[s]);
        for (&t, &x) in &out[s] {
            let e = at[t as usize];
            if e != usize::MAX {
                w[d * r + e] = f64::from_bits(x);
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

