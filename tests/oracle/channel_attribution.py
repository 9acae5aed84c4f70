#!/usr/bin/env python3
"""The real peer for attribution: ChannelAttribution 2.2.5 (PyPI), run on a path-level CSV.

Run it with the venv that scripts/oracle-venv.sh makes (it prints that venv's python):

    PY=$(scripts/oracle-venv.sh)
    $PY tests/oracle/channel_attribution.py                     # the package's own Data.csv
    $PY tests/oracle/channel_attribution.py --csv F --order 2 --seeds 1,2,3,4 --sep '>'
    $PY tests/oracle/channel_attribution.py --copy-data target/ca-Data.csv

It prints one JSON object on stdout (everything the package prints goes to stderr):

    {"heuristic": {"first"|"last"|"linear": {channel: [conversions, value]}},
     "markov": {"order": k, "seeds": [..],
                "removal_effects": {channel: [per seed]},        # removal_effects_conversion
                "removal_effects_value": {channel: [per seed]},  # removal_effects_conversion_value
                "conversions": {channel: [per seed]}, "values": {channel: [per seed]},
                "channel_ids": {"1": channel, ..}  (markov_model's numbering),
                "transition_matrix": [[[from channels..], [to channels..], p], ..]
                    (with --transition-matrix; first seed)},
     "totals": {"conversions": .., "value": .., "null": .., "paths": ..},
     "data": {"csv": path, "sha256": ..},
     "versions": {...},
     "seconds": {"heuristic_models": t, "markov_model": [per seed]}}

Calls, as ChannelAttribution 2.2.5 defines them (src/cypack/ChannelAttribution.pyx):
    heuristic_models(Data, var_path, var_conv, var_value=None, sep=">", flg_pro=True)
    markov_model(Data, var_path, var_conv, var_value=None, var_null=None, order=1,
                 nsim_start=1e5, max_step=None, out_more=False, sep=">", ncore=1, nfold=10,
                 seed=0, conv_par=0.05, rate_step_sim=1.5, verbose=True, flg_pro=True)
Both take a pandas DataFrame; the sample Data.csv is ';'-separated with the columns
path;total_conversions;total_conversion_value;total_null. markov_model is a stochastic
simulation: its results depend on the seed (with ncore=1, as here, the seed fixes them).
Seeds are not independent streams: each of the nfold=10 runs of one call draws from
mt19937(seed + run), and the call reports the one run nearest the median, so seeds s and
s+1 share nine of their ten generators (on Data.csv seeds 0 and 1, and 3 and 4, give
identical results). Hence the default seeds 0,10,20,30, whose generators are disjoint.
Its removal effect of a channel is the share of simulated converting paths that visited
it (about 2,300 per run on Data.csv, so a step of about 0.0004), which is the
absorbing-chain removal effect 1 - P(conv | channel removed) / P(conv), estimated.

Where the sample lives: the sdist's src/cypack/data/Data.csv, installed as the top-level
package `cypack`: <site-packages>/cypack/data/Data.csv (not inside ChannelAttribution/).
ChannelAttribution is GPL-3.0-or-later, and the package says nothing separately about
Data.csv, so sheetkpi does not commit a copy: tests copy it out of the venv (--copy-data).
"""
import argparse
import hashlib
import json
import os
import shutil
import sys
import time

# The package prints banners with print() at import and from its C++ core (PyRun_SimpleString):
# keep stdout for our JSON alone.
_OUT = sys.stdout
sys.stdout = sys.stderr
os.environ.setdefault("MPLBACKEND", "Agg")  # it imports matplotlib.pyplot when it loads

import importlib.util  # noqa: E402
import importlib.metadata as md  # noqa: E402

import pandas as pd  # noqa: E402

NFOLD = 10  # markov_model's default nfold, passed explicitly


def packaged_data_csv():
    """The Data.csv that ChannelAttribution 2.2.5 installs (package `cypack`, data/Data.csv)."""
    spec = importlib.util.find_spec("cypack")
    candidates = []
    if spec is not None and spec.submodule_search_locations:
        candidates += [os.path.join(d, "data", "Data.csv") for d in spec.submodule_search_locations]
    ca = importlib.util.find_spec("ChannelAttribution")
    if ca is not None and ca.submodule_search_locations:
        for d in ca.submodule_search_locations:
            candidates += [os.path.join(d, "data", "Data.csv"),
                           os.path.join(os.path.dirname(d), "cypack", "data", "Data.csv")]
    for c in candidates:
        if os.path.isfile(c):
            return c
    sys.exit("ChannelAttribution's Data.csv not found (looked in: %s)" % ", ".join(candidates))


def read_csv(path):
    with open(path, encoding="utf-8") as f:
        header = f.readline()
    delim = ";" if header.count(";") >= header.count(",") else ","
    return pd.read_csv(path, sep=delim)


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        h.update(f.read())
    return h.hexdigest()


def column(df, name, required):
    if name in df.columns:
        return name
    if required:
        sys.exit("column %r not in %s" % (name, list(df.columns)))
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--csv", help="path-level CSV (default: the package's Data.csv)")
    ap.add_argument("--order", type=int, default=1)
    ap.add_argument("--seeds", default="0,10,20,30",
                    help="comma-separated markov_model seeds (keep them >= nfold=10 apart: see above)")
    ap.add_argument("--sep", default=">", help="channel separator inside a path (one character)")
    ap.add_argument("--path-col", default="path")
    ap.add_argument("--conv-col", default="total_conversions")
    ap.add_argument("--value-col", default="total_conversion_value", help="optional column")
    ap.add_argument("--null-col", default="total_null", help="optional column")
    ap.add_argument("--nsim-start", type=int, default=100000, help="markov_model's nsim_start")
    ap.add_argument("--no-markov", action="store_true", help="heuristic models only")
    ap.add_argument("--transition-matrix", action="store_true",
                    help="also give markov_model's transition matrix (first seed)")
    ap.add_argument("--copy-data", metavar="DEST",
                    help="copy the package's Data.csv to DEST, print DEST's path and stop")
    a = ap.parse_args()

    if a.copy_data:
        src = packaged_data_csv()
        dest = a.copy_data
        if os.path.isdir(dest) or dest.endswith(("/", os.sep)):
            dest = os.path.join(dest, "Data.csv")
        os.makedirs(os.path.dirname(os.path.abspath(dest)), exist_ok=True)
        shutil.copyfile(src, dest)
        print(os.path.abspath(dest), file=_OUT)
        return

    import ChannelAttribution as ca  # prints its banner (to stderr, see above)

    path = a.csv or packaged_data_csv()
    df = read_csv(path)
    vp = column(df, a.path_col, True)
    vc = column(df, a.conv_col, True)
    vv = column(df, a.value_col, False)
    vn = column(df, a.null_col, False)
    seeds = [int(s) for s in a.seeds.split(",") if s.strip()]
    close = sorted({(x, y) for x in seeds for y in seeds if x < y and y - x < NFOLD})
    if close:
        print("warning: seeds %s are less than %d apart: markov_model draws with the same "
              "generators for both, so their results are not independent" % (close, NFOLD),
              file=sys.stderr)

    out = {}
    t0 = time.perf_counter()
    h = ca.heuristic_models(df, vp, vc, var_value=vv, sep=a.sep, flg_pro=False)
    t_heur = time.perf_counter() - t0
    heur = {}
    for model, prefix in (("first", "first_touch"), ("last", "last_touch"), ("linear", "linear_touch")):
        m = {}
        for _, r in h.iterrows():
            if vv is None:
                m[r["channel_name"]] = [float(r[prefix]), None]
            else:
                m[r["channel_name"]] = [float(r[prefix + "_conversions"]), float(r[prefix + "_value"])]
        heur[model] = dict(sorted(m.items()))
    out["heuristic"] = heur

    t_markov = []
    if not a.no_markov:
        mk = {"order": a.order, "seeds": seeds, "nsim_start": a.nsim_start,
              "removal_effects": {}, "removal_effects_value": {}, "conversions": {}, "values": {}}
        for i, seed in enumerate(seeds):
            t0 = time.perf_counter()
            r = ca.markov_model(df, vp, vc, var_value=vv, var_null=vn, order=a.order,
                                nsim_start=a.nsim_start, out_more=True, sep=a.sep, ncore=1, nfold=NFOLD,
                                seed=seed, verbose=False, flg_pro=False)
            t_markov.append(time.perf_counter() - t0)
            res, re_ = r["result"], r["removal_effects"]
            re_col = "removal_effects_conversion" if vv is not None else "removal_effect"
            for _, row in re_.iterrows():
                ch = row["channel_name"]
                mk["removal_effects"].setdefault(ch, []).append(float(row[re_col]))
                if vv is not None:
                    mk["removal_effects_value"].setdefault(ch, []).append(
                        float(row["removal_effects_conversion_value"]))
            for _, row in res.iterrows():
                ch = row["channel_name"]
                mk["conversions"].setdefault(ch, []).append(float(row["total_conversions"]))
                if vv is not None:
                    mk["values"].setdefault(ch, []).append(float(row["total_conversion_value"]))
            if i == 0:
                # markov_model numbers the channels 1.. in the order of its result (first
                # appearance in the data); its transition matrix names states by those ids,
                # an order-k state as k ids joined by spaces ("4 6"), beside "(start)",
                # "(conversion)" and "(null)". It equals transition_matrix(..., flg_equal=False):
                # repeated consecutive touches of one channel are collapsed at order 1.
                names = [str(c) for c in res["channel_name"]]
                mk["channel_ids"] = {str(k + 1): c for k, c in enumerate(names)}
                if a.transition_matrix:
                    def state(x):
                        x = str(x)
                        return [x] if x.startswith("(") else [names[int(t) - 1] for t in x.split()]
                    mk["transition_matrix"] = [[state(x["channel_from"]), state(x["channel_to"]),
                                                float(x["transition_probability"])]
                                               for _, x in r["transition_matrix"].iterrows()]
        for k in ("removal_effects", "removal_effects_value", "conversions", "values"):
            mk[k] = dict(sorted(mk[k].items()))
        out["markov"] = mk

    out["totals"] = {
        "conversions": float(df[vc].sum()),
        "value": float(df[vv].sum()) if vv is not None else None,
        "null": float(df[vn].sum()) if vn is not None else None,
        "paths": int(len(df)),
    }
    out["data"] = {"csv": os.path.abspath(path), "sha256": sha256(path)}
    out["versions"] = {p: md.version(p) for p in ("ChannelAttribution", "numpy", "pandas")}
    out["seconds"] = {"heuristic_models": t_heur, "markov_model": t_markov}
    json.dump(out, _OUT, indent=1, allow_nan=True)
    _OUT.write("\n")


if __name__ == "__main__":
    main()
