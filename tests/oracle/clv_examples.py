#!/usr/bin/env python3
"""The CLV functions' registry examples against oracles that are not our code.

`sheetkpi examples` evaluates every registry example natively; this checks the values of the
Pareto/NBD, BG/BB and discounted-CLV examples against
  - lifetimes 0.11.3 (ParetoNBDFitter, BetaGeoBetaBinomFitter) at the same parameters, and
  - a 50-digit mpmath evaluation of the published formulas (Fader & Hardie's note 008/009 for
    Pareto/NBD with its Gaussian hypergeometric terms; Fader, Hardie & Shang 2010 eqs. 5, 11,
    13 for BG/BB), and, for the fits, a 50-digit Newton polish of lifetimes' optimum with the
    standard errors from the 50-digit Hessian (lifetimes' Pareto/NBD has no standard errors).
It also checks the fits against the published estimates to the digits printed there.

    $PY tests/oracle/clv_examples.py --bin target/debug/sheetkpi
(PY from scripts/clv-venv.sh). Exits 1 on any mismatch.
"""
import argparse
import json
import re
import subprocess
import sys
import warnings

import mpmath as mp
import numpy as np
import pandas as pd

warnings.filterwarnings("ignore")
from lifetimes import BetaGeoBetaBinomFitter, ParetoNBDFitter  # noqa: E402
from lifetimes.datasets import load_donations  # noqa: E402

mp.mp.dps = 50
FAILS = []


def check(name, ok, detail=""):
    print(("ok   " if ok else "FAIL ") + name + (" (" + detail + ")" if detail else ""))
    if not ok:
        FAILS.append(name)


def rel(a, b):
    a, b = float(a), float(b)
    return abs(a - b) / max(abs(b), 1e-300)


# ---- Pareto/NBD (note 008 eq. 22 with the 2F1 of eqs. 23–24; note 009 eqs. 36–41) ----------
def pnbd_parts(p, x, tx, T):
    r, al, s, be = p
    m = r + s + x
    if al >= be:
        f = lambda t: mp.hyp2f1(m, s + 1, m + 1, (al - be) / (al + t)) / (al + t) ** m
    else:
        f = lambda t: mp.hyp2f1(m, r + x, m + 1, (be - al) / (be + t)) / (be + t) ** m
    a0 = f(tx) - f(T)
    lead = mp.gamma(r + x) * al**r * be**s / mp.gamma(r)
    alive = 1 / ((al + T) ** (r + x) * (be + T) ** s)
    return lead, alive, s / m * a0


def pnbd_ll(p, x, tx, T):
    lead, alive, dead = pnbd_parts(p, x, tx, T)
    return mp.log(lead * (alive + dead))


def pnbd_alive(p, x, tx, T):
    _, alive, dead = pnbd_parts(p, x, tx, T)
    return alive / (alive + dead)


def pnbd_expected(p, t, x, tx, T):
    r, al, s, be = p
    q = (be + T) / (be + T + t)
    return pnbd_alive(p, x, tx, T) * (r + x) * (be + T) / ((al + T) * (s - 1)) * (1 - q ** (s - 1))


# ---- BG/BB (Fader, Hardie & Shang 2010) -----------------------------------------------------
def bgbb_l(p, x, tx, n):
    a, b, g, d = p
    B = mp.beta
    out = B(a + x, b + n - x) / B(a, b) * B(g, d + n) / B(g, d)
    for i in range(int(n - tx)):
        out += B(a + x, b + tx - x + i) / B(a, b) * B(g + 1, d + tx + i) / B(g, d)
    return out


def bgbb_ll(p, x, tx, n):
    return mp.log(bgbb_l(p, x, tx, n))


def bgbb_alive(p, m, x, tx, n):
    a, b, g, d = p
    return mp.beta(a + x, b + n - x) / mp.beta(a, b) * mp.beta(g, d + n + m) / mp.beta(g, d) / bgbb_l(p, x, tx, n)


def bgbb_expected(p, m, x, tx, n):
    a, b, g, d = p
    G = mp.gamma
    return (mp.beta(a + x + 1, b + n - x) / mp.beta(a, b) * d / (g - 1) * G(g + d) / G(1 + d)
            * (G(1 + d + n) / G(g + d + n) - G(1 + d + n + m) / G(g + d + n + m)) / bgbb_l(p, x, tx, n))


# ---- 50-digit maximum likelihood ------------------------------------------------------------
def polish(ll_one, rows, weights, starts):
    """The 50-digit maximum of the total log-likelihood: from each start (lifetimes' optimum,
    ours), Newton in log-parameters with a backtracking line search (gradient ascent where the
    Hessian is not negative definite), by central differences at 50 digits (step 1e-12:
    truncation ~1e-24, rounding ~1e-38), until the step is below 1e-30. Of the starts that
    reach a maximum it keeps the one with the highest log-likelihood, so an optimizer of ours
    that stops at a lesser local maximum than lifetimes' fails. Returns the optimum, its
    log-likelihood and the standard errors from the inverse Hessian in the parameters."""
    total = lambda p: mp.fsum(w * ll_one(p, *row) for row, w in zip(rows, weights))
    h = mp.mpf("1e-12")

    def value(u):
        try:
            v = total([mp.exp(c) for c in u])
        except (ZeroDivisionError, ValueError):
            return None
        return v if isinstance(v, mp.mpf) and mp.isfinite(v) else None

    def derivatives(f, u):
        k = len(u)
        at = lambda d: f([u[i] + d.get(i, 0) * h for i in range(k)])
        f0 = at({})
        g, H = mp.matrix(k, 1), mp.matrix(k, k)
        for i in range(k):
            up, dn = at({i: 1}), at({i: -1})
            g[i] = (up - dn) / (2 * h)
            H[i, i] = (up - 2 * f0 + dn) / h**2
            for j in range(i):
                H[i, j] = H[j, i] = (at({i: 1, j: 1}) - at({i: 1, j: -1}) - at({i: -1, j: 1}) + at({i: -1, j: -1})) / (4 * h * h)
        return f0, g, H

    def negative_definite(H):
        try:
            mp.cholesky(-H)
            return True
        except (ValueError, ZeroDivisionError):
            return False

    def climb(start):
        u = [mp.log(mp.mpf(v)) for v in start]
        if value(u) is None:
            return None
        for _ in range(200):
            f0, g, H = derivatives(value, u)
            step = mp.lu_solve(-H, g) if negative_definite(H) else g * (1 / max(mp.norm(g), 1))
            t = mp.mpf(1)
            while t > mp.mpf("1e-20"):
                cand = [u[i] + t * step[i] for i in range(len(u))]
                v = value(cand)
                if v is not None and v >= f0:
                    break
                t /= 2
            else:
                return None
            u = cand
            if mp.norm(step) * t < mp.mpf("1e-30"):
                break
        p = [mp.exp(c) for c in u]
        f0, _, H = derivatives(total, p)
        return (p, f0, H) if negative_definite(H) else None

    found = [r for r in (climb(s) for s in starts) if r is not None]
    if not found:
        return None
    p, f0, H = max(found, key=lambda r: r[1])
    cov = mp.inverse(-H)
    return p, f0, [mp.sqrt(cov[i, i]) for i in range(len(p))]


def args_of(formula):
    """The argument lists of an example formula: arrays as lists of floats, numbers as floats,
    strings as str."""
    inner = formula[formula.index("(") + 1: formula.rindex(")")]
    out = []
    for tok in re.findall(r'\{[^}]*\}|"[^"]*"|[^,\s][^,]*', inner):
        tok = tok.strip()
        if tok.startswith("{"):
            out.append([float(v) for v in tok[1:-1].split(";")])
        elif tok.startswith('"'):
            out.append(tok[1:-1])
        else:
            out.append(float(tok))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/debug/sheetkpi")
    a = ap.parse_args()
    examples = json.loads(subprocess.run([a.bin, "examples"], check=True, capture_output=True, text=True).stdout)
    ours = {}
    for e in examples:
        if e["id"].startswith(("PNBD_", "BGBB_", "CLV_DISCOUNTED")):
            ours[e["formula"]] = e
    check("the Pareto/NBD, BG/BB and CLV examples are there", len(ours) >= 15, "%d examples" % len(ours))

    def num_of(e):
        v = e["native"]
        return None if isinstance(v, dict) else v

    for formula, e in sorted(ours.items()):
        fid, args = e["id"], args_of(formula)
        if isinstance(e["expected"], dict):
            check(formula[:60] + " is an error", isinstance(e["native"], dict) and e["native"]["error"] == e["expected"]["error"],
                  str(e["native"]))
            continue
        if fid in ("PNBD_FIT", "BGBB_FIT"):
            fit_check(fid, args, e["native"])
            continue
        got = num_of(e)
        if fid == "PNBD_PURCHASES":
            p, x, tx, T, t = args
            want = pnbd_expected(p[:4], t, x, tx, T)
            lt = ParetoNBDFitter()
            lt.params_ = pd.Series(dict(zip(["r", "alpha", "s", "beta"], p[:4])))
            life = lt.conditional_expected_number_of_purchases_up_to_time(t, x, tx, T)
        elif fid == "PNBD_ALIVE":
            p, x, tx, T = args
            want = pnbd_alive(p[:4], x, tx, T)
            lt = ParetoNBDFitter()
            lt.params_ = pd.Series(dict(zip(["r", "alpha", "s", "beta"], p[:4])))
            life = lt.conditional_probability_alive(x, tx, T)
        elif fid == "BGBB_PURCHASES":
            p, x, tx, n, m = args
            want = bgbb_expected(p[:4], m, x, tx, n)
            lt = BetaGeoBetaBinomFitter()
            lt.params_ = pd.Series(dict(zip(["alpha", "beta", "gamma", "delta"], p[:4])))
            life = lt.conditional_expected_number_of_purchases_up_to_time(m, np.array([x]), np.array([tx]), np.array([n]))[0]
        elif fid == "BGBB_ALIVE":
            p, x, tx, n = args[:4]
            m = args[4] if len(args) > 4 else 0.0
            want = bgbb_alive(p[:4], m, x, tx, n)
            lt = BetaGeoBetaBinomFitter()
            lt.params_ = pd.Series(dict(zip(["alpha", "beta", "gamma", "delta"], p[:4])))
            life = lt.conditional_probability_alive(m, np.array([x]), np.array([tx]), np.array([n]))[0]
        elif fid == "CLV_DISCOUNTED":
            want, life = clv_discounted(args)
        else:
            check("%s has an oracle" % fid, False)
            continue
        if want is None:
            continue
        r = rel(got, want) if want != 0 else abs(float(got))
        check("%s = the 50-digit formula to 1e-13" % formula[:70], r <= 1e-13, "ours %r, mpmath %s, rel %.1e" % (got, mp.nstr(want, 17), r))
        if life is not None:
            r = rel(got, life) if life != 0 else abs(float(got))
            check("%s = lifetimes to 1e-9" % formula[:70], r <= 1e-9, "lifetimes %r, rel %.1e" % (float(life), r))
    sys.exit(1 if FAILS else 0)


def clv_discounted(args):
    """Σ_k (E[N(k·L)] − E[N((k−1)·L)]) · spend · margin / (1+d)^k at 50 digits; the model's
    cumulative expectation from the formulas above, the spend from Gamma-Gamma's note 025 eq. 5."""
    purchases, gg, x, tx, T, spend, periods, d = args[:8]
    margin = args[8] if len(args) > 8 else 1.0
    step = args[9] if len(args) > 9 else 1.0
    model = args[10] if len(args) > 10 else "bgnbd"
    if model == "pnbd":
        cum = lambda h: pnbd_expected(purchases[:4], h, x, tx, T) if h > 0 else 0
    elif model == "bgbb":
        cum = lambda h: bgbb_expected(purchases[:4], h, x, tx, T) if h > 0 else 0
    else:
        return None, None  # the BG/NBD examples are checked against lifetimes in their comments
    p, q, g = [mp.mpf(v) for v in gg[:3]]
    w = p * x / (p * x + q - 1)
    sp = (1 - w) * p * g / (q - 1) + w * mp.mpf(spend)
    total = mp.mpf(0)
    for k in range(1, int(periods) + 1):
        total += (cum(k * step) - cum((k - 1) * step)) * sp * margin / (1 + mp.mpf(d)) ** k
    return total, None


def fit_check(fid, args, native):
    rows = {r[0]: r for r in native[1:]}
    if fid == "PNBD_FIT":
        x, tx, T = args
        lt = ParetoNBDFitter().fit(pd.Series(x), pd.Series(tx), pd.Series(T))
        names, start = ["r", "alpha", "s", "beta"], list(lt.params_.values)
        best = polish(pnbd_ll, list(zip(x, tx, T)), [1] * len(x), [start, [rows[nm][1] for nm in names]])
        lt_se = None
    else:
        x, tx, n = args[:3]
        w = args[3] if len(args) > 3 else [1.0] * len(x)
        lt = BetaGeoBetaBinomFitter().fit(pd.Series(x), pd.Series(tx), pd.Series(n), weights=pd.Series(w))
        names, start = ["alpha", "beta", "gamma", "delta"], list(lt.params_.values)
        best = polish(bgbb_ll, list(zip(x, tx, n)), w, [start, [rows[nm][1] for nm in names]])
        lt_se = list(lt.standard_errors_.values)
        d = load_donations()
        if list(d.frequency) == x and list(d.weights) == w:
            for nm, pub in zip(names, [1.204, 0.750, 0.657, 2.783]):
                check("BGBB_FIT %s = FHS 2010's %.3f" % (nm, pub), round(rows[nm][1], 3) == pub, repr(rows[nm][1]))
            check("BGBB_FIT log-likelihood = FHS 2010's -33225.6", round(rows["log_likelihood"][1], 1) == -33225.6)
    check("%s: a 50-digit maximum is found from lifetimes' optimum or ours" % fid, best is not None)
    if best is None:
        return
    opt, ll, se = best
    for i, nm in enumerate(names):
        check("%s %s = the 50-digit optimum to 1e-6" % (fid, nm), rel(rows[nm][1], opt[i]) <= 1e-6,
              "ours %r, mpmath %s, lifetimes %r" % (rows[nm][1], mp.nstr(opt[i], 17), start[i]))
        check("%s %s's standard error = the 50-digit Hessian's to 1e-6" % (fid, nm), rel(rows[nm][2], se[i]) <= 1e-6,
              "ours %r, mpmath %s" % (rows[nm][2], mp.nstr(se[i], 17)))
        if lt_se is not None:
            check("%s %s's standard error = lifetimes' to 1e-4" % (fid, nm), rel(rows[nm][2], lt_se[i]) <= 1e-4,
                  "lifetimes %r" % lt_se[i])
    check("%s log-likelihood = the 50-digit one to 1e-12" % fid, rel(rows["log_likelihood"][1], ll) <= 1e-12,
          "ours %r, mpmath %s" % (rows["log_likelihood"][1], mp.nstr(ll, 17)))


if __name__ == "__main__":
    main()
