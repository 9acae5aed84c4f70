//! Maximum likelihood for the CLV models: BFGS on the log parameters, several fixed starts,
//! a Newton polish at the end, standard errors from the Hessian.
//!
//! Why our own optimiser rather than a crate: the models have 3–4 parameters, the objective is
//! smooth on the log scale, and what matters is that the same data give the same bits on every
//! host. A 150-line BFGS with a backtracking (Armijo) line search, in a fixed order of
//! operations, has no hidden parallelism, no platform maths and no dependency to keep (argmin,
//! the well-kept candidate, pulls in a large tree for what is used here). Everything is on the
//! log scale, so every parameter stays positive without bounds.

use super::special::ln;
use crate::error::{KpiError, KpiResult};

/// A model's negative log-likelihood as the optimiser sees it: a function of the log
/// parameters, averaged over the (weighted) customers so that tolerances do not depend on
/// the number of customers.
pub trait Objective {
    /// How many parameters.
    fn dim(&self) -> usize;
    /// The mean negative log-likelihood at these log parameters; +∞ (or NaN) where undefined.
    fn value(&self, log_params: &[f64]) -> f64;
    /// The value and its gradient in the log parameters. The default is central differences,
    /// for the models whose analytic gradient is impractical (Pareto/NBD's hypergeometric terms).
    /// The value must be the same bits as [`Objective::value`]'s: the optimiser takes either.
    fn value_grad(&self, log_params: &[f64], grad: &mut [f64]) -> f64 {
        numeric_gradient(self, log_params, grad);
        self.value(log_params)
    }
    /// True when [`Objective::value_grad`] is analytic: the Hessian is then taken from
    /// differences of the gradient, else from function values.
    fn analytic_gradient(&self) -> bool {
        false
    }
    /// The total weight (number of customers) the mean is over.
    fn total_weight(&self) -> f64;
    /// Fixed starting points (log parameters), tried in this order.
    fn starts(&self) -> Vec<Vec<f64>>;
}

/// Central differences with step 1e-5 on the log scale: truncation error about 1e-10 times the
/// third derivative, rounding noise about 2e-16·|f|/1e-5, both far below the stop tolerance.
pub fn numeric_gradient<O: Objective + ?Sized>(obj: &O, x: &[f64], grad: &mut [f64]) {
    const H: f64 = 1e-5;
    let mut p = x.to_vec();
    for i in 0..x.len() {
        p[i] = x[i] + H;
        let up = obj.value(&p);
        p[i] = x[i] - H;
        let down = obj.value(&p);
        p[i] = x[i];
        grad[i] = (up - down) / (2.0 * H);
    }
}

/// A fitted model.
#[derive(Clone, Debug, PartialEq)]
pub struct Fit {
    /// The estimates, in the model's natural scale (not logs), in the model's parameter order.
    pub params: Vec<f64>,
    /// Their standard errors (delta method from the Hessian of the log-likelihood in the log
    /// parameters); NaN where the Hessian is not positive definite.
    pub std_errors: Vec<f64>,
    /// The maximised log-likelihood, summed over customers, in the data's own time unit.
    pub log_likelihood: f64,
    /// BFGS iterations used by the winning start.
    pub iterations: usize,
}

/// Iterations each start gets before the best is run on.
const SCOUT_ITER: usize = 20;
/// Iterations for the winning start.
const MAX_ITER: usize = 1000;

/// A log parameter beyond this with a standard error above 10 times the estimate: a ridge.
const RIDGE_BOUND: f64 = 15.0;

/// A log parameter beyond this means the estimate runs off to 0 or ∞: the data cannot identify it.
const LOG_BOUND: f64 = 30.0;

/// Minimises `obj` from each of its starts and returns the best optimum, with standard errors.
/// `names` are the parameters' names, for the error message.
pub fn fit(obj: &dyn Objective, names: &[&str]) -> KpiResult<Fit> {
    // Every start gets a short run (20 iterations: most converge within it); the best of them
    // (the earlier among equals) is then run to convergence. Several starts guard against one
    // that begins in a poor region; running only the leader on saves the cost of finishing
    // the others (Pareto/NBD's likelihood is expensive).
    let mut best: Option<(Vec<f64>, f64, usize, bool)> = None;
    for start in obj.starts() {
        if let Some((x, f, it, done)) = bfgs(obj, &start, SCOUT_ITER) {
            if best.as_ref().map_or(true, |b| f < b.1) {
                best = Some((x, f, it, done));
            }
        }
    }
    let best = match best {
        Some((x, f, it, false)) => match bfgs(obj, &x, MAX_ITER) {
            Some((x2, f2, it2, _)) if f2 <= f => Some((x2, f2, it + it2)),
            _ => None,
        },
        Some((x, f, it, true)) => Some((x, f, it)),
        None => None,
    };
    let Some((mut x, mut f, iterations)) = best else {
        return Err(KpiError::num("The model could not be fitted to these customers: the likelihood has no maximum the optimiser can reach (check the data for extreme values)."));
    };
    // Newton polish: BFGS stops at a small gradient; a few Newton steps on one numerical
    // Hessian take the optimum to the accuracy of the gradient itself.
    let x_bfgs = x.clone();
    let h_bfgs = hessian(obj, &x);
    if let Some(h) = &h_bfgs {
        for _ in 0..4 {
            let mut g = vec![0.0; x.len()];
            obj.value_grad(&x, &mut g);
            let Some(step) = solve(h, &g) else { break };
            let trial: Vec<f64> = x.iter().zip(&step).map(|(a, s)| a - s).collect();
            let ft = obj.value(&trial);
            if ft.is_finite() && ft < f {
                x = trial;
                f = ft;
            } else {
                break;
            }
        }
    }
    if let Some(i) = x.iter().position(|v| v.abs() > LOG_BOUND) {
        return Err(KpiError::num(format!(
            "These customers cannot identify the model: its {} parameter runs off to {} (too few repeat buyers, or purchase patterns that give no sign of drop-out).",
            names.get(i).copied().unwrap_or("?"),
            if x[i] > 0.0 { "infinity" } else { "zero" }
        )));
    }
    let params: Vec<f64> = x.iter().map(|&v| super::special::exp(v)).collect();
    let w = obj.total_weight();
    // The polish moves the estimates by about the gradient over the curvature: when that is
    // below 1e-6 on the log scale, the Hessian it used is the optimum's to far more digits
    // than a standard error has (a Hessian costs 2 gradients per parameter).
    let moved = x.iter().zip(&x_bfgs).fold(0.0f64, |m, (a, b)| m.max((a - b).abs()));
    let h_final = if moved < 1e-6 { h_bfgs } else { hessian(obj, &x) };
    let std_errors = match h_final.and_then(|h| invert(&h)) {
        Some(inv) => (0..x.len())
            .map(|i| {
                let var = inv[i][i] / w;
                if var > 0.0 && var.is_finite() { params[i] * var.sqrt() } else { f64::NAN }
            })
            .collect(),
        None => vec![f64::NAN; x.len()],
    };
    // On a ridge (the likelihood still rising towards a boundary, e.g. no sign of drop-out)
    // BFGS stops where the slope vanishes in rounding, short of LOG_BOUND: an estimate beyond
    // e^±15 whose standard error exceeds 10 times itself is the same verdict.
    if let Some(i) = (0..x.len()).find(|&i| x[i].abs() > RIDGE_BOUND && !(std_errors[i] <= 10.0 * params[i])) {
        return Err(KpiError::num(format!(
            "These customers cannot identify the model: its {} parameter runs off to {} (too few repeat buyers, or purchase patterns that give no sign of drop-out).",
            names.get(i).copied().unwrap_or("?"),
            if x[i] > 0.0 { "infinity" } else { "zero" }
        )));
    }
    Ok(Fit { params, std_errors, log_likelihood: -f * w, iterations })
}

/// BFGS with an Armijo backtracking line search, at most `max_iter` iterations: the point, its
/// value, the iterations used and whether it converged. None when the start is not even finite
/// or the search ends far from a stationary point.
fn bfgs(obj: &dyn Objective, x0: &[f64], max_iter: usize) -> Option<(Vec<f64>, f64, usize, bool)> {
    let n = x0.len();
    let mut x = x0.to_vec();
    let mut g = vec![0.0; n];
    let mut f = obj.value_grad(&x, &mut g);
    if !f.is_finite() || g.iter().any(|v| !v.is_finite()) {
        return None;
    }
    // The inverse Hessian approximation, the identity to start (scaled after the first step).
    let mut hinv = identity(n);
    let mut first = true;
    let analytic = obj.analytic_gradient();
    // Iterations without progress, and whether BFGS was restarted since the last progress: on a
    // ridge (an estimate running off to the boundary) steps shrink to nothing; a restart from
    // steepest descent is tried once, then the search stops.
    let (mut stall, mut restarted) = (0usize, false);
    for it in 0..max_iter {
        let gmax = g.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        if gmax < 1e-10 {
            return Some((x, f, it, true));
        }
        let mut d: Vec<f64> = (0..n).map(|i| -(0..n).map(|j| hinv[i][j] * g[j]).sum::<f64>()).collect();
        let mut slope: f64 = d.iter().zip(&g).map(|(a, b)| a * b).sum();
        if !(slope < 0.0) {
            // Not a descent direction (a poor approximation): restart from steepest descent.
            hinv = identity(n);
            d = g.iter().map(|v| -v).collect();
            slope = -g.iter().map(|v| v * v).sum::<f64>();
        }
        // At most 3 units per step on the log scale (a factor e³): no overflow in one leap.
        let dmax = d.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        let mut step = if dmax > 3.0 { 3.0 / dmax } else { 1.0 };
        let mut accepted = None;
        // The first trial is usually accepted: with an analytic gradient it is evaluated with
        // its gradient at once (one evaluation instead of two); backtracks take values only.
        let mut gn = vec![0.0; n];
        let mut have_grad = false;
        for k in 0..60 {
            let trial: Vec<f64> = x.iter().zip(&d).map(|(a, b)| a + step * b).collect();
            have_grad = k == 0 && analytic;
            let ft = if have_grad { obj.value_grad(&trial, &mut gn) } else { obj.value(&trial) };
            if ft.is_finite() && ft <= f + 1e-4 * step * slope {
                accepted = Some((trial, ft));
                break;
            }
            step *= 0.5;
        }
        let Some((xn, fn_)) = accepted else {
            // No decrease along the direction: at the optimum up to rounding, or stuck.
            return if gmax < 1e-5 { Some((x, f, it, true)) } else { None };
        };
        let fn_ = if have_grad {
            fn_
        } else {
            let v = obj.value_grad(&xn, &mut gn);
            if v.is_finite() { v } else { fn_ }
        };
        if gn.iter().any(|v| !v.is_finite()) {
            return None;
        }
        let s: Vec<f64> = xn.iter().zip(&x).map(|(a, b)| a - b).collect();
        let y: Vec<f64> = gn.iter().zip(&g).map(|(a, b)| a - b).collect();
        let sy: f64 = s.iter().zip(&y).map(|(a, b)| a * b).sum();
        let yy: f64 = y.iter().map(|v| v * v).sum();
        if sy > 1e-12 * yy.sqrt() * s.iter().map(|v| v * v).sum::<f64>().sqrt() {
            if first {
                let scale = sy / yy;
                hinv = identity(n);
                for (i, row) in hinv.iter_mut().enumerate() {
                    row[i] = scale;
                }
                first = false;
            }
            // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ
            let rho = 1.0 / sy;
            let hy: Vec<f64> = (0..n).map(|i| (0..n).map(|j| hinv[i][j] * y[j]).sum()).collect();
            let yhy: f64 = y.iter().zip(&hy).map(|(a, b)| a * b).sum();
            for i in 0..n {
                for j in 0..n {
                    hinv[i][j] += -rho * (hy[i] * s[j] + s[i] * hy[j]) + (rho * rho * yhy + rho) * s[i] * s[j];
                }
            }
        }
        let df = f - fn_;
        x = xn;
        g = gn;
        f = fn_;
        if df <= 1e-15 * f.abs().max(1.0) {
            stall += 1;
        } else {
            stall = 0;
            restarted = false;
        }
        if stall >= 3 {
            let gmax = g.iter().fold(0.0f64, |m, v| m.max(v.abs()));
            if restarted || gmax < 1e-8 {
                return if gmax < 1e-4 { Some((x, f, it + 1, true)) } else { None };
            }
            hinv = identity(n);
            first = true;
            restarted = true;
            stall = 0;
        }
        // Far beyond any identified value: stop here, fit() reports the parameter that runs off.
        if x.iter().any(|v| v.abs() > LOG_BOUND + 5.0) {
            return Some((x, f, it + 1, true));
        }
        // Converged when the objective no longer moves and the gradient is small.
        if df.abs() <= 1e-16 * f.abs().max(1.0) && g.iter().fold(0.0f64, |m, v| m.max(v.abs())) < 1e-6 {
            return Some((x, f, it + 1, true));
        }
    }
    if max_iter < MAX_ITER {
        // A scouting run that has not finished: the caller goes on from here.
        return Some((x, f, max_iter, false));
    }
    let gmax = g.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    if gmax < 1e-6 { Some((x, f, max_iter, true)) } else { None }
}

/// The Hessian of the mean negative log-likelihood in the log parameters, symmetrised: by
/// central differences of an analytic gradient (step 1e-4), or else of function values
/// (step 1e-4: rounding noise about 2e-16·|f|/1e-8, truncation about 1e-8 of the fourth
/// derivative; the standard errors need a few digits). None where it is not finite.
pub fn hessian(obj: &dyn Objective, x: &[f64]) -> Option<Vec<Vec<f64>>> {
    const H: f64 = 1e-4;
    let n = x.len();
    let mut h = vec![vec![0.0; n]; n];
    let mut p = x.to_vec();
    if obj.analytic_gradient() {
        let (mut gu, mut gd) = (vec![0.0; n], vec![0.0; n]);
        for i in 0..n {
            p[i] = x[i] + H;
            obj.value_grad(&p, &mut gu);
            p[i] = x[i] - H;
            obj.value_grad(&p, &mut gd);
            p[i] = x[i];
            for j in 0..n {
                h[i][j] = (gu[j] - gd[j]) / (2.0 * H);
            }
        }
        for i in 0..n {
            for j in 0..i {
                let m = 0.5 * (h[i][j] + h[j][i]);
                h[i][j] = m;
                h[j][i] = m;
            }
        }
    } else {
        // Second differences of values lose digits to rounding as eps·|f|/h²: at the usual
        // h = 1e-4 that is 1e-4 relative on a weakly identified direction (the 50-digit Hessian
        // of tests/oracle/clv_examples.py showed it). Richardson's extrapolation from h and 2h
        // cancels the h² truncation term, so a step ten times larger keeps both errors near 1e-8.
        const R: f64 = 1e-3;
        let (fine, coarse) = (value_differences(obj, x, R), value_differences(obj, x, 2.0 * R));
        for i in 0..n {
            for j in 0..n {
                h[i][j] = (4.0 * fine[i][j] - coarse[i][j]) / 3.0;
            }
        }
    }
    if h.iter().flatten().all(|v| v.is_finite()) { Some(h) } else { None }
}

/// Central second differences of the objective's values at step `h`: the Hessian to O(h²).
fn value_differences(obj: &dyn Objective, x: &[f64], h: f64) -> Vec<Vec<f64>> {
    let n = x.len();
    let f0 = obj.value(x);
    let mut p = x.to_vec();
    let mut at = |i: usize, di: f64, j: usize, dj: f64| {
        p[i] += di;
        p[j] += dj;
        let v = obj.value(&p);
        p[i] = x[i];
        p[j] = x[j];
        v
    };
    let mut d = vec![vec![0.0; n]; n];
    for i in 0..n {
        d[i][i] = (at(i, h, i, 0.0) - 2.0 * f0 + at(i, -h, i, 0.0)) / (h * h);
        for j in 0..i {
            let v = (at(i, h, j, h) - at(i, h, j, -h) - at(i, -h, j, h) + at(i, -h, j, -h)) / (4.0 * h * h);
            d[i][j] = v;
            d[j][i] = v;
        }
    }
    d
}

fn identity(n: usize) -> Vec<Vec<f64>> {
    (0..n).map(|i| (0..n).map(|j| if i == j { 1.0 } else { 0.0 }).collect()).collect()
}

/// The inverse of a small matrix by Gauss–Jordan with partial pivoting; None when singular.
pub fn invert(a: &[Vec<f64>]) -> Option<Vec<Vec<f64>>> {
    let n = a.len();
    let mut m: Vec<Vec<f64>> = a.iter().enumerate().map(|(i, r)| {
        let mut row = r.clone();
        row.extend((0..n).map(|j| if i == j { 1.0 } else { 0.0 }));
        row
    }).collect();
    for c in 0..n {
        let p = (c..n).fold(c, |b, r| if m[r][c].abs() > m[b][c].abs() { r } else { b });
        if !(m[p][c].abs() > 1e-300) {
            return None;
        }
        m.swap(c, p);
        let piv = m[c][c];
        for v in m[c].iter_mut() {
            *v /= piv;
        }
        for r in 0..n {
            if r != c {
                let k = m[r][c];
                if k != 0.0 {
                    for j in 0..2 * n {
                        m[r][j] -= k * m[c][j];
                    }
                }
            }
        }
    }
    Some(m.into_iter().map(|r| r[n..].to_vec()).collect())
}

/// Solves H s = g for s; None when H is singular or the step is not finite.
fn solve(h: &[Vec<f64>], g: &[f64]) -> Option<Vec<f64>> {
    let inv = invert(h)?;
    let s: Vec<f64> = inv.iter().map(|row| row.iter().zip(g).map(|(a, b)| a * b).sum()).collect();
    if s.iter().all(|v| v.is_finite()) { Some(s) } else { None }
}

/// ln of the mean of positive values: a data-driven scale for starting points.
pub fn ln_mean_positive(values: &[f64]) -> f64 {
    let (mut sum, mut n) = (0.0, 0.0);
    for &v in values {
        if v > 0.0 {
            sum += v;
            n += 1.0;
        }
    }
    if n > 0.0 { ln(sum / n) } else { 0.0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A quadratic bowl in disguise: f(x) = Σ (e^x_i − c_i)² + 1.
    struct Bowl;
    impl Objective for Bowl {
        fn dim(&self) -> usize { 2 }
        fn value(&self, x: &[f64]) -> f64 {
            let a = super::super::special::exp(x[0]) - 2.0;
            let b = super::super::special::exp(x[1]) - 0.5;
            a * a + 3.0 * b * b + 1.0
        }
        fn total_weight(&self) -> f64 { 1.0 }
        fn starts(&self) -> Vec<Vec<f64>> { vec![vec![0.0, 0.0], vec![2.0, -2.0]] }
    }

    #[test]
    fn finds_the_minimum_of_a_smooth_function() {
        let f = fit(&Bowl, &["a", "b"]).unwrap();
        assert!((f.params[0] - 2.0).abs() < 1e-8 && (f.params[1] - 0.5).abs() < 1e-8, "{f:?}");
        assert!((f.log_likelihood + 1.0).abs() < 1e-12);
    }

    #[test]
    fn inverts_a_matrix() {
        let a = vec![vec![4.0, 1.0], vec![2.0, 3.0]];
        let inv = invert(&a).unwrap();
        assert!((inv[0][0] - 0.3).abs() < 1e-15 && (inv[0][1] + 0.1).abs() < 1e-15);
        assert!(invert(&[vec![1.0, 2.0], vec![2.0, 4.0]]).is_none());
    }
}
