#!/usr/bin/env python3
"""sheetkpi's CLV core (src/clv/) against the real peer, lifetimes 0.11.3, and the published values.

Run with the CLV venv's python (scripts/clv-venv.sh prints it):

    PY=$(bash scripts/clv-venv.sh)
    cargo build --example clv-json
    $PY tests/oracle/clv_lifetimes.py [--ours target/debug/examples/clv-json]

The data are the ones lifetimes ships (read from the installed package, never copied into the
repository): the CDNOW summary (2,357 customers, weeks), its repeat buyers' mean spend, the
CDNOW master transactions, lifetimes' example transactions, and the donations data (BG/BB).

Checks:
  1. Fits. BG/NBD, Pareto/NBD, Gamma-Gamma and BG/BB: our maximised log-likelihood equals
     lifetimes' (its own likelihood function at its own optimum, in the data's units) to 1e-6
     relative (the issue asks for 1e-4); our parameters
     equal lifetimes' to 1e-3 relative; the standard errors equal lifetimes' (BG/NBD, GG, BG/BB;
     its Pareto/NBD has none) to 1e-3. The published estimates, to the digits printed there:
     BG/NBD r=0.243 alpha=4.414 a=0.793 b=2.426 LL=-9582.4 (Fader, Hardie & Lee 2005);
     Pareto/NBD r=0.55 alpha=10.58 s=0.61 beta=11.67 LL=-9595.0 (Fader & Hardie's note 008
     and FHL 2005); Gamma-Gamma p=6.25 q=3.74 gamma=15.44 (FHL 2005, "RFM and CLV"; within one
     unit of the last digit, see below);
     BG/BB alpha=1.204 beta=0.750 gamma=0.657 delta=2.783 LL=-33225.6 (FHS 2010).
  2. Predictions at lifetimes' fitted parameters, per customer: conditional expected purchases
     (several horizons), P(alive), the per-customer log-likelihood, Gamma-Gamma's expected
     spend, BG/BB's expected transactions and P(alive) m opportunities ahead, discounted CLV
     (lifetimes' customer_lifetime_value): equal to lifetimes' to 1e-9 relative.
  3. The RFM summary of transactions equals summary_data_from_transaction_data (days and weeks,
     with and without amounts, with an observation end inside the data).
Prints a report and a closing 'N passed, N failed' line; exits 1 if a check fails.
"""
import argparse
import json
import math
import os
import subprocess
import sys
import time
import warnings

warnings.filterwarnings("ignore")

import numpy as np
import pandas as pd
import lifetimes
from lifetimes import BetaGeoFitter, ParetoNBDFitter, GammaGammaFitter, BetaGeoBetaBinomFitter
from lifetimes import datasets as lds
from lifetimes.utils import summary_data_from_transaction_data, _customer_lifetime_value

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
RESULTS = {"passed": 0, "failed": 0}


def check(name, ok, detail=""):
    RESULTS["passed" if ok else "failed"] += 1
    print(("ok    " if ok else "FAIL  ") + name + (": " + detail if detail else ""))


def ours(bin_, tasks):
    r = subprocess.run([bin_], input=json.dumps({"tasks": tasks}), check=True, stdout=subprocess.PIPE, text=True)
    out = json.loads(r.stdout)
    for t, o in zip(tasks, out):
        if isinstance(o, dict) and "error" in o:
            raise SystemExit("ours failed on %s %s: %s" % (t["kind"], t.get("model"), o["error"]))
    return out


def rel(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return np.abs(a - b) / np.maximum(np.abs(b), 1e-300)


def worst(a, b):
    """Largest relative difference, and where."""
    r = rel(a, b)
    i = int(np.argmax(r))
    return float(r[i]), i


def printed(value, published):
    """Does value, rounded to the published number's digits, equal it?"""
    s = repr(published)
    digits = len(s.split(".")[1]) if "." in s else 0
    return round(value, digits) == published


def main():
    ap = argparse.ArgumentParser()
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    ap.add_argument("--ours", default=os.path.join(target, "debug/examples/clv-json"))
    a = ap.parse_args()
    print("lifetimes", lifetimes.__version__, "numpy", np.__version__, "pandas", pd.__version__)

    cd = lds.load_cdnow_summary()
    x, tx, T = cd["frequency"].to_numpy(float), cd["recency"].to_numpy(float), cd["T"].to_numpy(float)
    mon = lds.load_cdnow_summary_data_with_monetary_value()
    rep = mon[mon["frequency"] > 0]
    dn = lds.load_donations()
    bx, btx, bn, bw = (dn[c].to_numpy(float) for c in ("frequency", "recency", "periods", "weights"))
    rfm = {"x": x.tolist(), "t_x": tx.tolist(), "T": T.tolist()}

    # ---- 1. fits --------------------------------------------------------------------------
    t0 = time.perf_counter(); bgf = BetaGeoFitter().fit(x, tx, T); t_bg = time.perf_counter() - t0
    t0 = time.perf_counter(); pnf = ParetoNBDFitter().fit(x, tx, T); t_pn = time.perf_counter() - t0
    t0 = time.perf_counter(); ggf = GammaGammaFitter().fit(rep["frequency"], rep["monetary_value"]); t_gg = time.perf_counter() - t0
    t0 = time.perf_counter(); bbf = BetaGeoBetaBinomFitter().fit(bx, btx, bn, bw); t_bb = time.perf_counter() - t0

    # lifetimes' own likelihood functions at its optimum, on the unscaled data: the LL in the
    # data's units (its fit reports it on time scaled to max T = 1, a different density).
    w1 = np.ones_like(x)
    lt_ll = {
        "bgnbd": -BetaGeoFitter._negative_log_likelihood(np.log(bgf.params_.values), x, tx, T, w1, 0.0) * len(x),
        "pnbd": -ParetoNBDFitter._negative_log_likelihood(pnf.params_.values, x, tx, T, w1, 0.0),
        "gg": -GammaGammaFitter._negative_log_likelihood(np.log(ggf.params_.values), rep["frequency"].to_numpy(float), rep["monetary_value"].to_numpy(float), np.ones(len(rep)), 0.0) * len(rep),
        "bgbb": -BetaGeoBetaBinomFitter._negative_log_likelihood(np.log(bbf.params_.values), bx, btx, bn, bw, 0.0) * bw.sum(),
    }
    lt = {"bgnbd": (bgf, t_bg), "pnbd": (pnf, t_pn), "gg": (ggf, t_gg), "bgbb": (bbf, t_bb)}
    tasks = [
        dict(kind="fit", model="bgnbd", **rfm),
        dict(kind="fit", model="pnbd", **rfm),
        dict(kind="fit", model="gg", x=mon["frequency"].astype(float).tolist(), m=mon["monetary_value"].astype(float).tolist()),
        dict(kind="fit", model="bgbb", x=bx.tolist(), t_x=btx.tolist(), T=bn.tolist(), weights=bw.tolist()),
    ]
    fits = dict(zip(["bgnbd", "pnbd", "gg", "bgbb"], ours(a.ours, tasks)))
    published = {
        "bgnbd": ([0.243, 4.414, 0.793, 2.426], -9582.4),
        "pnbd": ([0.55, 10.58, 0.61, 11.67], -9595.0),
        "gg": ([6.25, 3.74, 15.44], None),
        "bgbb": ([1.204, 0.750, 0.657, 2.783], -33225.6),
    }
    for m, f in fits.items():
        fitter, secs = lt[m]
        lp = fitter.params_.values
        print("%-6s ours   %s LL=%.6f se=%s (%.3fs, debug build)" % (m, np.array2string(np.array(f["params"]), precision=6), f["log_likelihood"], np.array2string(np.array(f["std_errors"]), precision=5), f["seconds"]))
        print("%-6s theirs %s LL=%.6f (%.3fs)" % (m, np.array2string(lp, precision=6), lt_ll[m], secs))
        d = (f["log_likelihood"] - lt_ll[m]) / abs(lt_ll[m])
        check("%s log-likelihood = lifetimes' to 1e-6" % m, abs(d) <= 1e-6, "rel diff %.2e" % d)
        r, i = worst(f["params"], lp)
        check("%s parameters = lifetimes' to 1e-3" % m, r <= 1e-3, "worst %.2e (%s)" % (r, f["names"][i]))
        if getattr(fitter, "standard_errors_", None) is not None and m != "pnbd":
            r, i = worst(f["std_errors"], fitter.standard_errors_.values)
            check("%s standard errors = lifetimes' to 1e-3" % m, r <= 1e-3, "worst %.2e (%s)" % (r, f["names"][i]))
        pp, pll = published[m]
        if m == "gg":
            # FHL's gamma (15.44) is 0.0077 from the maximum on the data lifetimes ships
            # (lifetimes' own test allows 0.015): ours and lifetimes' agree on 15.4477. So: within
            # one unit of the printed digit, and our likelihood at least that of the published values.
            okp = all(abs(v - p) <= 0.01 for v, p in zip(f["params"], pp))
            at_pub = -GammaGammaFitter._negative_log_likelihood(np.log(pp), rep["frequency"].to_numpy(float), rep["monetary_value"].to_numpy(float), np.ones(len(rep)), 0.0) * len(rep)
            check("gg parameters = published %s within one unit of the printed digit" % pp, okp, str([round(v, 4) for v in f["params"]]))
            check("gg our log-likelihood >= at the published parameters", f["log_likelihood"] >= at_pub, "%.4f vs %.4f" % (f["log_likelihood"], at_pub))
        else:
            okp = all(printed(v, p) for v, p in zip(f["params"], pp))
            check("%s parameters = published %s to the printed digits" % (m, pp), okp, str([round(v, 4) for v in f["params"]]))
        if pll is not None:
            check("%s log-likelihood = published %s" % (m, pll), printed(f["log_likelihood"], pll), "%.3f" % f["log_likelihood"])

    # ---- 2. predictions at lifetimes' parameters -----------------------------------------
    tasks, expect = [], []
    for h in (1.0, 10.0, 39.0, 52.0, 200.0):
        tasks.append(dict(kind="predict", model="bgnbd", params=bgf.params_.tolist(), t=h, **rfm))
        expect.append(("bgnbd t=%g" % h, {
            "expected": bgf.conditional_expected_number_of_purchases_up_to_time(h, x, tx, T),
            "p_alive": bgf.conditional_probability_alive(x, tx, T),
            "ll": np.asarray([-BetaGeoFitter._negative_log_likelihood(np.log(bgf.params_.values), x[i:i + 1], tx[i:i + 1], T[i:i + 1], np.ones(1), 0.0) for i in range(len(x))]),
            "new": bgf.expected_number_of_purchases_up_to_time(h),
        }))
        tasks.append(dict(kind="predict", model="pnbd", params=pnf.params_.tolist(), t=h, **rfm))
        expect.append(("pnbd t=%g" % h, {
            "expected": pnf.conditional_expected_number_of_purchases_up_to_time(h, x, tx, T),
            "p_alive": pnf.conditional_probability_alive(x, tx, T),
            "ll": ParetoNBDFitter._conditional_log_likelihood(pnf.params_.values, x, tx, T),
            "new": pnf.expected_number_of_purchases_up_to_time(h),
        }))
    for m_ in (0.0, 1.0, 5.0, 10.0):
        tasks.append(dict(kind="predict", model="bgbb", params=bbf.params_.tolist(), t=m_, x=bx.tolist(), t_x=btx.tolist(), T=bn.tolist()))
        e = {"p_alive": bbf.conditional_probability_alive(m_, bx, btx, bn),
             "ll": BetaGeoBetaBinomFitter._loglikelihood(bbf.params_.values, bx, btx, bn)}
        if m_ > 0:
            e["expected"] = bbf.conditional_expected_number_of_purchases_up_to_time(m_, bx, btx, bn)
        expect.append(("bgbb m=%g" % m_, e))
    mx, mm = mon["frequency"].to_numpy(float), mon["monetary_value"].to_numpy(float)
    tasks.append(dict(kind="predict", model="gg", params=ggf.params_.tolist(), x=mx.tolist(), m=mm.tolist()))
    expect.append(("gg", {"expected_spend": ggf.conditional_expected_average_profit(mon["frequency"], mon["monetary_value"]).to_numpy()}))
    # Discounted CLV: lifetimes' freq factor is the period length in the data's unit ('M' → 1
    # unit per period, 'W' → 4.345): ours takes it as `step`.
    mt, mtx, mT = (mon[c].to_numpy(float) for c in ("frequency", "recency", "T"))
    for model, fitter in (("bgnbd", bgf), ("pnbd", pnf)):
        for freq, step, periods, d in (("M", 1.0, 12, 0.01), ("W", 4.345, 6, 0.02)):
            tasks.append(dict(kind="clv", model=model, params=fitter.params_.tolist(), gg=ggf.params_.tolist(), x=mt.tolist(), t_x=mtx.tolist(), T=mT.tolist(), m=mm.tolist(), periods=periods, step=step, discount=d, margin=1.0))
            clv = ggf.customer_lifetime_value(fitter, mon["frequency"], mon["recency"], mon["T"], mon["monetary_value"], time=periods, discount_rate=d, freq=freq)
            expect.append(("clv %s freq=%s" % (model, freq), {"clv": clv.to_numpy()}))
    got = ours(a.ours, tasks)
    for (name, e), g in zip(expect, got):
        for k, v in e.items():
            mine = g[k]
            if np.ndim(v) == 0:
                r, i = float(rel(mine, v)), 0
            else:
                if any(isinstance(u, str) for u in mine):
                    check("%s %s: every customer computed" % (name, k), False, next(u for u in mine if isinstance(u, str)))
                    continue
                r, i = worst(mine, v)
            check("%s %s = lifetimes' to 1e-9" % (name, k), r <= 1e-9, "worst rel diff %.2e (customer %d)" % (r, i + 1))

    # ---- 3. RFM summary from transactions -------------------------------------------------
    base = pd.Timestamp("1899-12-30")
    def serial(s):
        return ((pd.to_datetime(s) - base) / pd.Timedelta(days=1)).astype(float)
    path = os.path.join(os.path.dirname(lds.__file__), "CDNOW_master.txt")
    master = pd.read_csv(path, sep=r"\s+", header=0, names=["id", "date", "cds", "amount"], dtype={"id": str, "date": str})
    master["date"] = pd.to_datetime(master["date"], format="%Y%m%d")
    ex = lds.load_transaction_data()
    ex["id"] = ex["id"].astype(str)
    cases = [("CDNOW master", master, "amount", "1998-06-30"), ("CDNOW master", master, "amount", "1997-09-30"),
             ("lifetimes example", ex, None, None), ("lifetimes example", ex, None, "2014-10-15")]
    tasks, expect = [], []
    for label, df, amt, end in cases:
        for unit, freq in (("days", "D"), ("weeks", "W")):
            want = summary_data_from_transaction_data(df, "id", "date", monetary_value_col=amt, observation_period_end=end, freq=freq)
            t = dict(kind="summary", ids=df["id"].tolist(), dates=serial(df["date"]).tolist(), unit=unit)
            if amt:
                t["amounts"] = df[amt].astype(float).tolist()
            if end:
                t["end"] = float(serial(pd.Series([end])).iloc[0])
            tasks.append(t)
            expect.append(("%s %s end=%s%s" % (label, unit, end or "last", " with amounts" if amt else ""), want))
    for (name, want), rows in zip(expect, ours(a.ours, tasks)):
        got = pd.DataFrame(rows).set_index("id")
        want = want.copy()
        want.index = want.index.astype(str)
        same_ids = set(got.index) == set(want.index)
        check("summary %s: the same %d customers" % (name, len(want)), same_ids, "ours %d" % len(got))
        if not same_ids:
            continue
        got = got.loc[want.index]
        for col in want.columns:
            diff = np.abs(got[col].to_numpy(float) - want[col].to_numpy(float))
            tol = 1e-9 * np.maximum(1.0, np.abs(want[col].to_numpy(float))) if col == "monetary_value" else 0.0
            bad = int((diff > tol).sum())
            check("summary %s: %s equal" % (name, col), bad == 0, "%d differ" % bad if bad else "")

    print("%d passed, %d failed" % (RESULTS["passed"], RESULTS["failed"]))
    return 1 if RESULTS["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
