//! The iterative solve of an absorbing chain, for chains too big to eliminate (see
//! [`Sweeps::removals`]).

use super::solve::{Chain, Work};

/// How many solves share a sweep: each position then holds `4 × LANES` numbers.
const LANES: usize = 4;

/// Stop once both bounds at the start agree to this relative width (2^-50, 8.9e-16: a few
/// units in the last place, as close as the direct solve's rounding).
const TOLERANCE: f64 = 1.0 / (1u64 << 50) as f64;

/// A chain laid out once for Gauss–Seidel sweeps: the states reachable from the start, in
/// depth-first post-order (successors before their predecessors wherever the chain has no
/// loop, so a chain without loops is solved in one sweep; the start comes last), each row's
/// transition probabilities to positions in that order. Built once, it serves the whole
/// chain's solve and every removal solve.
pub(super) struct Sweeps {
    /// Position → global state.
    state: Vec<u32>,
    /// Row `i`'s entries are `first[i]..first[i + 1]` of `to` and `coef`.
    first: Vec<usize>,
    to: Vec<u32>,
    coef: Vec<f64>,
    /// Predecessors, the same way (`back_first`, `back`): for the can-convert pass.
    back_first: Vec<usize>,
    back: Vec<u32>,
    /// Probability of converting in one step, and the value it brings.
    rp: Vec<f64>,
    rv: Vec<f64>,
    /// The largest mean conversion value of a state: an upper bound of every value.
    vmax: f64,
}

/// Upper bounds of `P(conversion)` and `E[value]` at every position, as a solve ended.
pub(super) struct Bounds {
    p: Vec<f64>,
    v: Vec<f64>,
}

impl Sweeps {
    /// Lays `c` out.
    pub fn new(c: &Chain) -> Sweeps {
        let n = c.windows.len();
        let mut pos = vec![u32::MAX; n];
        let mut state: Vec<u32> = Vec::new();
        let mut seen = vec![false; n];
        let mut stack: Vec<(u32, usize)> = vec![(0, 0)];
        seen[0] = true;
        while let Some(top) = stack.last_mut() {
            let (s, next) = (top.0, top.1);
            if let Some(&(t, _)) = c.out[s as usize].get(next) {
                top.1 += 1;
                if !seen[t as usize] {
                    seen[t as usize] = true;
                    stack.push((t, 0));
                }
            } else {
                pos[s as usize] = state.len() as u32;
                state.push(s);
                stack.pop();
            }
        }
        let m = state.len();
        let (mut first, mut to, mut coef) = (Vec::with_capacity(m + 1), vec![], vec![]);
        let (mut rp, mut rv, mut vmax) = (Vec::with_capacity(m), Vec::with_capacity(m), 0.0f64);
        let mut indegree = vec![0usize; m + 1];
        for &s in &state {
            let s = s as usize;
            let total = c.out[s].iter().map(|e| e.1).sum::<f64>() + c.conv[s] + c.null[s];
            first.push(to.len());
            for &(t, w) in &c.out[s] {
                to.push(pos[t as usize]);
                coef.push(w / total);
                indegree[pos[t as usize] as usize + 1] += 1;
            }
            rp.push(c.conv[s] / total);
            rv.push(c.value[s] / total);
            if c.conv[s] > 0.0 {
                vmax = vmax.max(c.value[s] / c.conv[s]);
            }
        }
        first.push(to.len());
        // Predecessor lists by counting sort: prefix sums of the in-degrees.
        for i in 0..m {
            indegree[i + 1] += indegree[i];
        }
        let back_first = indegree.clone();
        let mut back = vec![0u32; to.len()];
        let mut fill = indegree;
        for i in 0..m {
            for &t in &to[first[i]..first[i + 1]] {
                back[fill[t as usize]] = i as u32;
                fill[t as usize] += 1;
            }
        }
        Sweeps { state, first, to, coef, back_first, back, rp, rv, vmax }
    }

    /// `(P(conversion), E[value])` from the start for the whole chain, and the upper bounds
    /// it ended with: the start of every removal solve.
    pub fn whole(&self, c: &Chain, work: &mut Work) -> ((f64, f64), Bounds) {
        let mut bounds = Bounds { p: vec![], v: vec![] };
        let r = self.solve(c, &[None], None, Some(&mut bounds), work);
        (r[0], bounds)
    }

    /// `(P(conversion), E[value])` from the start with each of `removed`'s channels sent to
    /// null in turn, starting from the whole chain's upper bounds.
    pub fn removals(&self, c: &Chain, removed: &[u32], whole: &Bounds, work: &mut Work) -> Vec<(f64, f64)> {
        let mut res = Vec::with_capacity(removed.len());
        for group in removed.chunks(LANES) {
            let lanes: Vec<Option<u32>> = group.iter().map(|&ch| Some(ch)).collect();
            res.extend(self.solve(c, &lanes, Some(whole), None, work));
        }
        res
    }

    /// One solve per lane (`None`: the whole chain; a channel: with its states sent to
    /// null), swept together.
    ///
    /// Gauss–Seidel on `h = r + A h` (`A` the transition probabilities between the states
    /// kept, `r` those into conversion, and likewise for the value), run from below and
    /// from above at once: from 0 every sweep raises the iterate, and from an upper bound
    /// (1 for probabilities, the largest mean conversion value for values, or the whole
    /// chain's solve: removing a channel only lowers both) every sweep lowers it, towards
    /// the one solution between them. That holds because every coefficient is non-negative
    /// and every state kept can reach a conversion (so the chain is absorbing and the
    /// iteration converges); states that cannot are left out (their probability is 0).
    /// A lane stops when its two bounds agree at the start to [`TOLERANCE`], or stop
    /// moving (rounding's floor), and answers their midpoint: a bracketed error, not a
    /// tolerance guessed from the steps. Each lane's arithmetic is its own and it stops by
    /// its own test, so its answer is the same bits whichever lanes share its sweeps:
    /// sharing only reads each row's entries once for all of them (and lets the compiler
    /// vectorise the lanes). Fixed order, plain additions and multiplications: the same
    /// bits natively and in wasm32. Each lane's sweeps count its entries against `work`;
    /// past its limit, `(0, 0)` and `work.done > work.limit`.
    fn solve(&self, c: &Chain, lanes: &[Option<u32>], start: Option<&Bounds>, end: Option<&mut Bounds>, work: &mut Work) -> Vec<(f64, f64)> {
        let m = self.state.len();
        let root = m - 1;
        let g = lanes.len(); // at most LANES: the lanes past it idle
        // Per position and lane: lower and upper probability, lower and upper value.
        let kept: Vec<Vec<bool>> = lanes.iter().map(|&r| self.kept(c, r)).collect();
        let mut res = vec![(0.0, 0.0); g];
        let mut active: Vec<bool> = kept.iter().map(|k| k[root]).collect();
        let mut x = vec![[[0.0f64; 4]; LANES]; m];
        for (l, k) in kept.iter().enumerate() {
            for i in (0..m).filter(|&i| k[i]) {
                let (p, v) = start.map_or((1.0, self.vmax), |b| (b.p[i], b.v[i]));
                x[i][l] = [0.0, p, 0.0, v];
            }
        }
        // Rows any lane keeps, and each lane's cost of a sweep.
        let rows: Vec<u32> = (0..m as u32).filter(|&i| kept.iter().any(|k| k[i as usize])).collect();
        let cost: Vec<u64> = kept
            .iter()
            .map(|k| (0..m).filter(|&i| k[i]).map(|i| 4 * (self.first[i + 1] - self.first[i] + 1) as u64).sum())
            .collect();
        let close = |lo: f64, hi: f64| hi - lo <= TOLERANCE * hi;
        while active.iter().any(|&a| a) {
            for l in (0..g).filter(|&l| active[l]) {
                work.done += cost[l];
            }
            if work.done > work.limit {
                if let Some(b) = end {
                    (b.p, b.v) = (vec![0.0; m], vec![0.0; m]);
                }
                return vec![(0.0, 0.0); g];
            }
            let mut moved = [false; LANES];
            for &i in &rows {
                let i = i as usize;
                let (p, v) = (self.rp[i], self.rv[i]);
                let mut y = [[p, p, v, v]; LANES];
                for e in self.first[i]..self.first[i + 1] {
                    let (t, f) = (&x[self.to[e] as usize], self.coef[e]);
                    for (yl, tl) in y.iter_mut().zip(t) {
                        for (yq, tq) in yl.iter_mut().zip(tl) {
                            *yq += f * tq;
                        }
                    }
                }
                for l in 0..g {
                    if active[l] && kept[l][i] {
                        let (o, n) = (x[i][l], y[l]);
                        // Monotone in exact arithmetic; `max`/`min` keep rounding from undoing it.
                        let n = [n[0].max(o[0]), n[1].min(o[1]), n[2].max(o[2]), n[3].min(o[3])];
                        moved[l] |= n != o;
                        x[i][l] = n;
                    }
                }
            }
            for l in 0..g {
                let r = x[root][l];
                if active[l] && (!moved[l] || (close(r[0], r[1]) && close(r[2], r[3]))) {
                    active[l] = false;
                    res[l] = ((r[0] + r[1]) / 2.0, (r[2] + r[3]) / 2.0);
                }
            }
        }
        if let Some(b) = end {
            b.p = x.iter().map(|y| y[0][1]).collect();
            b.v = x.iter().map(|y| y[0][3]).collect();
        }
        res
    }

    /// The states a solve keeps ([`Sweeps::kept`]) as global state indices, ascending (the
    /// start first); `None` when the start cannot reach a conversion. The direct solve's set.
    pub fn kept_states(&self, c: &Chain, removed: Option<u32>) -> Option<Vec<usize>> {
        let keep = self.kept(c, removed);
        if !keep[self.state.len() - 1] {
            return None;
        }
        let mut states: Vec<usize> = (0..keep.len()).filter(|&i| keep[i]).map(|i| self.state[i] as usize).collect();
        states.sort_unstable();
        Some(states)
    }

    /// The positions a solve keeps: reachable from the start avoiding `removed`'s states,
    /// and able to reach a conversion from there.
    fn kept(&self, c: &Chain, removed: Option<u32>) -> Vec<bool> {
        let m = self.state.len();
        let live = |i: usize| removed.is_none_or(|r| i == m - 1 || !c.windows[self.state[i] as usize].contains(&r));
        let mut reach = vec![false; m];
        let mut stack = vec![m - 1];
        reach[m - 1] = true;
        while let Some(i) = stack.pop() {
            for &t in &self.to[self.first[i]..self.first[i + 1]] {
                let t = t as usize;
                if !reach[t] && live(t) {
                    reach[t] = true;
                    stack.push(t);
                }
            }
        }
        let mut keep = vec![false; m];
        let mut stack: Vec<usize> = (0..m).filter(|&i| reach[i] && self.rp[i] > 0.0).collect();
        for &i in &stack {
            keep[i] = true;
        }
        while let Some(i) = stack.pop() {
            for &p in &self.back[self.back_first[i]..self.back_first[i + 1]] {
                let p = p as usize;
                if reach[p] && !keep[p] {
                    keep[p] = true;
                    stack.push(p);
                }
            }
        }
        keep
    }
}
