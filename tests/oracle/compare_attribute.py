#!/usr/bin/env python3
"""`sheetkpi attribute` (the CLI, end to end) against the real peer, ChannelAttribution 2.2.5.

Run with the oracle venv's python (scripts/oracle-venv.sh makes it and prints it):

    PY=$(scripts/oracle-venv.sh)
    cargo build --release -p sheetkpi-cli
    $PY tests/oracle/compare_attribute.py [--bin target/release/sheetkpi] [--seeds 0,10,...,390]

On the package's own Data.csv (10,000 paths, `;`-separated with decimal points; copied out
of the venv into a temporary directory by channel_attribution.py --copy-data, never committed:
ChannelAttribution is GPL-3.0), runs

    sheetkpi attribute Data.csv --model all --format json

and checks:
  1. first, last, linear: every channel's conversions and value equal heuristic_models' to
     1e-9 (relative to max(1, |theirs|)), and the totals equal the file's sums.
  2. Markov (order 1): our removal effects are exact, theirs simulated by markov_model with
     the seeds given (default the 40 seeds 0, 10, ..., 390: markov_model's nfold=10 runs use
     generators seed..seed+9, so seeds closer than 10 share generators; see
     channel_attribution.py). Each of our removal effects (conversion and value) must lie within
     the min-max of theirs over the seeds. The spread is reported per channel.
Exits 1 if a check fails.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
ORACLE = os.path.join(HERE, "channel_attribution.py")
TOL = 1e-9


def run_json(cmd):
    r = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True)
    return json.loads(r.stdout)


def close(a, b):
    return abs(a - b) <= TOL * max(1.0, abs(b))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default=os.environ.get("SHEETKPI_BIN") or os.path.join(
        os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target"), "release", "sheetkpi"))
    ap.add_argument("--seeds", default=",".join(str(s) for s in range(0, 400, 10)))
    ap.add_argument("--oracle-json", help="reuse channel_attribution.py's output saved here (skips the peer run)")
    a = ap.parse_args()
    if not os.path.isfile(a.bin):
        sys.exit("%s not found: cargo build --release -p sheetkpi-cli, or pass --bin" % a.bin)

    tmp = tempfile.mkdtemp(prefix="sheetkpi-ca-")
    data = os.path.join(tmp, "Data.csv")
    subprocess.run([sys.executable, ORACLE, "--copy-data", data], check=True, stdout=subprocess.DEVNULL)
    if a.oracle_json and os.path.isfile(a.oracle_json):
        with open(a.oracle_json) as f:
            ca = json.load(f)
    else:
        ca = run_json([sys.executable, ORACLE, "--csv", data, "--seeds", a.seeds])
        if a.oracle_json:
            with open(a.oracle_json, "w") as f:
                json.dump(ca, f)
    ours = run_json([a.bin, "attribute", data, "--model", "all", "--format", "json"])
    failures = []

    # 1. Heuristics and totals.
    t = ours["totals"]
    for k in ("conversions", "value"):
        if not close(t[k], ca["totals"][k]):
            failures.append("total %s: ours %r, file %r" % (k, t[k], ca["totals"][k]))
    worst = 0.0
    for model in ("first", "last", "linear"):
        mine = {r["channel"]: r for r in ours["models"][model]}
        theirs = ca["heuristic"][model]
        if set(mine) != set(theirs):
            failures.append("%s: channels differ: %s vs %s" % (model, sorted(mine), sorted(theirs)))
            continue
        for ch, (conv, value) in theirs.items():
            for what, x, y in (("conversions", mine[ch]["conversions"], conv), ("value", mine[ch]["value"], value)):
                worst = max(worst, abs(x - y) / max(1.0, abs(y)))
                if not close(x, y):
                    failures.append("%s %s %s: ours %r, ChannelAttribution %r" % (model, ch, what, x, y))
    print("heuristics: first, last, linear over %d channels; largest relative difference %.3g (limit %g)"
          % (len(ca["heuristic"]["first"]), worst, TOL))

    # 2. Markov removal effects within the spread of the simulations.
    mk = ca["markov"]
    seeds = mk["seeds"]
    print("\nMarkov order 1 removal effects: ours (exact) against markov_model over %d seeds (%s..%s)"
          % (len(seeds), seeds[0], seeds[-1]))
    print("%-8s %-10s %10s %10s %10s %9s %10s  %s" % ("channel", "effect", "ours", "min", "max", "spread", "rel.spread", ""))
    re_ours = ours["removal_effects"]
    for kind, key, theirs_all in (("conversion", "conversions", mk["removal_effects"]),
                                  ("value", "value", mk["removal_effects_value"])):
        for ch in sorted(theirs_all):
            xs = theirs_all[ch]
            lo, hi = min(xs), max(xs)
            mean = sum(xs) / len(xs)
            x = re_ours[ch][key]
            ok = lo <= x <= hi
            rel = (hi - lo) / mean if mean else float("nan")
            print("%-8s %-10s %10.6f %10.6f %10.6f %9.6f %10.1f%%  %s"
                  % (ch, kind, x, lo, hi, hi - lo, 100 * rel, "ok" if ok else "OUTSIDE"))
            if not ok:
                failures.append("markov %s removal effect of %s: ours %.6f outside [%.6f, %.6f]" % (kind, ch, x, lo, hi))
        missing = set(re_ours) - set(theirs_all)
        if missing:
            failures.append("markov: channels only ours: %s" % sorted(missing))

    print()
    if failures:
        print("FAILED (%d):" % len(failures))
        for f in failures:
            print("  " + f)
        sys.exit(1)
    print("all checks passed")


if __name__ == "__main__":
    main()
