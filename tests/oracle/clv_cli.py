#!/usr/bin/env python3
"""`sheetkpi clv` end to end against lifetimes 0.11.3: files in, the CLI's JSON out.

    PY=$(bash scripts/clv-venv.sh)
    cargo build -p sheetkpi-cli
    $PY tests/oracle/clv_cli.py --bin target/debug/sheetkpi

The data are lifetimes' own (read from the installed package, written to a temporary
directory as the files a user would have, never committed):
  1. the CDNOW summary with mean repeat spend (x, t_x, T, zbar; weeks), as CSV (and xlsx
     when openpyxl is there): BG/NBD and Gamma-Gamma as published and as lifetimes fits them
     (parameters to 1e-3), then every
     customer's expected purchases over the horizon, P(alive), expected spend and discounted
     CLV at the CLI's own parameters equal lifetimes' to 1e-9 relative;
  2. the CDNOW master transactions (customer, date, amount) counted in weeks to a stated end:
     the same customers' frequency, recency and T as summary_data_from_transaction_data, and
     the same fit as from that summary; and the tracking plot's series (BG/NBD and
     Pareto/NBD) as expected_cumulative_transactions gives them at the CLI's parameters
     (its predicted row t-1 and its actual row t are our period t: docs/clv.md);
  3. the donations summary with weights (BG/BB), as published and as lifetimes fits it.
Prints a line per check and 'N passed, N failed'; exits 1 if a check fails.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import warnings

warnings.filterwarnings("ignore")

import numpy as np
import pandas as pd
from lifetimes import BetaGeoBetaBinomFitter, BetaGeoFitter, GammaGammaFitter, ParetoNBDFitter
from lifetimes import datasets as lds
from lifetimes.utils import _customer_lifetime_value, expected_cumulative_transactions, summary_data_from_transaction_data

RESULTS = {"passed": 0, "failed": 0}


def check(name, ok, detail=""):
    RESULTS["passed" if ok else "failed"] += 1
    print(("ok    " if ok else "FAIL  ") + name + (": " + detail if detail else ""))


def run(bin_, *args):
    p = subprocess.run([bin_, "clv", *args, "--format", "json"], capture_output=True, text=True)
    if p.returncode not in (0, 1):
        raise SystemExit("sheetkpi clv %s: exit %d: %s" % (" ".join(args), p.returncode, p.stderr))
    return json.loads(p.stdout)


def _has_openpyxl():
    try:
        import openpyxl  # noqa: F401
        return True
    except ImportError:
        return False


def rel(a, b):
    a, b = np.asarray(a, float), np.asarray(b, float)
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(b), 1e-300)))


def check_tracking(got, master, fitter, names, label):
    """Our tracking series against lifetimes' expected_cumulative_transactions at our
    parameters: with t = T + 1 its predicted rows 0..T-1 are our model at periods 1..T, its
    actual rows 1..T our actual (its actual lags its predicted by one period)."""
    tr = got.get("tracking")
    if not isinstance(tr, dict) or "period" not in tr:
        check("CDNOW master %s: a tracking series" % label, False, str(tr))
        return
    T = len(tr["period"])
    check("CDNOW master %s tracking: periods 1..T in weeks, the last actual = the sum of x" % label,
          tr["unit"] == "weeks" and tr["period"] == list(range(1, T + 1))
          and tr["actual"][-1] == sum(c["frequency"] for c in got["customers"]))
    fitter.params_ = pd.Series({k: got["params"][k] for k in names})
    lt = expected_cumulative_transactions(fitter, master, "date", "id", T + 1, freq="W")
    check("CDNOW master %s tracking: actual = expected_cumulative_transactions' (exactly)" % label,
          list(lt["actual"].values[1:T + 1]) == tr["actual"])
    check("CDNOW master %s tracking: model = expected_cumulative_transactions' to 1e-9" % label,
          rel(tr["model"], lt["predicted"].values[:T]) <= 1e-9, "max rel %g" % rel(tr["model"], lt["predicted"].values[:T]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/debug/sheetkpi")
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="sheetkpi-clv-")

    # ---- 1. the CDNOW summary with spend, CSV and xlsx -----------------------------------
    mon = lds.load_cdnow_summary_data_with_monetary_value()  # frequency, recency, T, monetary_value
    df = pd.DataFrame({"ID": mon.index.astype(str), "x": mon["frequency"], "t_x": mon["recency"], "T": mon["T"], "zbar": mon["monetary_value"]})
    csv_path = os.path.join(tmp, "cdnow.csv")
    df.to_csv(csv_path, index=False)
    horizon, discount = 39, 0.01
    xlsx_path = os.path.join(tmp, "cdnow.xlsx")
    df.to_excel(xlsx_path, index=False) if _has_openpyxl() else None
    for path in [csv_path] + ([xlsx_path] if os.path.exists(xlsx_path) else []):
        got = run(a.bin, path, "--unit", "weeks", "--horizon", str(horizon), "--discount", str(discount))
        bg = BetaGeoFitter().fit(mon["frequency"], mon["recency"], mon["T"])
        check("CDNOW %s: unit and horizon stated" % os.path.basename(path), got["unit"] == "weeks" and got["horizon"] == horizon)
        check("CDNOW BG/NBD log-likelihood = the published -9582.4", round(got["log_likelihood"], 1) == -9582.4, str(got["log_likelihood"]))
        check("CDNOW BG/NBD parameters = lifetimes' to 1e-3",
              rel([got["params"][k] for k in ("r", "alpha", "a", "b")], bg.params_[["r", "alpha", "a", "b"]].values) <= 1e-3)
        check("CDNOW BG/NBD = the published r=0.243 alpha=4.414 a=0.793 b=2.426",
              [round(got["params"][k], 3) for k in ("r", "alpha", "a", "b")] == [0.243, 4.414, 0.793, 2.426], str(got["params"]))
        # lifetimes' predictions at the CLI's own parameters.
        bg.params_ = pd.Series(got["params"])
        cust = got["customers"]
        f = np.array([c["frequency"] for c in cust]); r = np.array([c["recency"] for c in cust]); T = np.array([c["T"] for c in cust])
        check("CDNOW: the customers' histories as given", rel(f, mon["frequency"].values) == 0 and rel(T, mon["T"].values) == 0)
        want = bg.conditional_expected_number_of_purchases_up_to_time(horizon, f, r, T)
        check("CDNOW expected purchases in %d weeks = lifetimes' to 1e-9" % horizon, rel([c["expected_purchases"] for c in cust], want) <= 1e-9)
        want = bg.conditional_probability_alive(f, r, T)
        check("CDNOW P(alive) = lifetimes' to 1e-9", rel([c["p_alive"] for c in cust], want) <= 1e-9)
        gg = GammaGammaFitter()
        rep = mon[mon["frequency"] > 0]
        gg.fit(rep["frequency"], rep["monetary_value"])
        sp = got["spend"]
        check("CDNOW Gamma-Gamma = the published p=6.25 q=3.74 gamma=15.44 (to one unit of the last digit)",
              all(abs(sp["params"][k] - v) <= 0.011 for k, v in (("p", 6.25), ("q", 3.74), ("gamma", 15.44))), str(sp["params"]))
        check("CDNOW Gamma-Gamma parameters = lifetimes' to 1e-3", rel([sp["params"][k] for k in ("p", "q", "gamma")], gg.params_[["p", "q", "v"]].values) <= 1e-3)
        gg.params_ = pd.Series({"p": sp["params"]["p"], "q": sp["params"]["q"], "v": sp["params"]["gamma"]})
        m = mon["monetary_value"].values
        want = gg.conditional_expected_average_profit(pd.Series(f), pd.Series(m)).values
        check("CDNOW expected spend = lifetimes' to 1e-9", rel([c["expected_spend"] for c in cust], want) <= 1e-9)
        # lifetimes' CLV with one-week steps (its freq "M" is a factor of 1: periods of the data's unit).
        want = _customer_lifetime_value(bg, pd.Series(f), pd.Series(r), pd.Series(T), pd.Series(want), time=horizon, discount_rate=discount, freq="M").values
        check("CDNOW discounted CLV = lifetimes' to 1e-9", rel([c["clv"] for c in cust], want) <= 1e-9)

    # ---- 2. transactions: CDNOW master, weeks, to an end date --------------------------------
    path = os.path.join(os.path.dirname(lds.__file__), "CDNOW_master.txt")
    master = pd.read_csv(path, sep=r"\s+", header=0, names=["id", "date", "cds", "amount"], dtype={"id": str, "date": str})
    master["date"] = pd.to_datetime(master["date"], format="%Y%m%d")
    tx = pd.DataFrame({"Customer ID": master["id"], "Order date": master["date"].dt.strftime("%Y-%m-%d"), "Amount": master["amount"]})
    tx_path = os.path.join(tmp, "transactions.csv")
    tx.to_csv(tx_path, index=False)
    end = "1997-09-30"
    got = run(a.bin, tx_path, "--unit", "weeks", "--end", end)
    want = summary_data_from_transaction_data(master, "id", "date", monetary_value_col="amount", observation_period_end=end, freq="W")
    # A CSV cell of digits is a number, as in a spreadsheet: 00004 is read as 4.
    mine = pd.DataFrame(got["customers"])
    mine["id"] = mine["id"].astype(int)
    mine = mine.set_index("id")
    want.index = want.index.astype(int)
    same = set(mine.index) == set(want.index)
    check("CDNOW master transactions: the same %d customers as lifetimes' summary" % len(want), same, "ours %d" % len(mine))
    if same:
        mine = mine.loc[want.index]
        for ours_col, theirs in (("frequency", "frequency"), ("recency", "recency"), ("T", "T")):
            check("CDNOW master: %s = summary_data_from_transaction_data's" % ours_col, rel(mine[ours_col], want[theirs]) == 0)
        bg = BetaGeoFitter().fit(want["frequency"], want["recency"], want["T"])
        check("CDNOW master BG/NBD parameters = lifetimes' fit of its own summary to 1e-3",
              rel([got["params"][k] for k in ("r", "alpha", "a", "b")], bg.params_[["r", "alpha", "a", "b"]].values) <= 1e-3, str(got["params"]))

        check_tracking(got, master, BetaGeoFitter(), ("r", "alpha", "a", "b"), "BG/NBD")
        got_p = run(a.bin, tx_path, "--unit", "weeks", "--end", end, "--model", "pnbd")
        check_tracking(got_p, master, ParetoNBDFitter(), ("r", "alpha", "s", "beta"), "Pareto/NBD")

    # ---- 3. donations: BG/BB with weights ---------------------------------------------------
    dn = lds.load_donations()
    dn_path = os.path.join(tmp, "donations.csv")
    dn.to_csv(dn_path, index=False)
    got = run(a.bin, dn_path, "--model", "bgbb", "--horizon", "5")
    bb = BetaGeoBetaBinomFitter().fit(dn["frequency"], dn["recency"], dn["periods"], weights=dn["weights"])
    check("donations BG/BB = the published alpha=1.204 beta=0.750 gamma=0.657 delta=2.783",
          [round(got["params"][k], 3) for k in ("alpha", "beta", "gamma", "delta")] == [1.204, 0.750, 0.657, 2.783], str(got["params"]))
    check("donations BG/BB log-likelihood = the published -33225.6", round(got["log_likelihood"], 1) == -33225.6, str(got["log_likelihood"]))
    check("donations BG/BB parameters = lifetimes' to 1e-3",
          rel([got["params"][k] for k in ("alpha", "beta", "gamma", "delta")], bb.params_[["alpha", "beta", "gamma", "delta"]].values) <= 1e-3)
    check("donations: weights kept (11,104 donors in 22 histories)", sum(c["weight"] for c in got["customers"]) == 11104 and len(got["customers"]) == 22)

    print("%d passed, %d failed" % (RESULTS["passed"], RESULTS["failed"]))
    return 1 if RESULTS["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
