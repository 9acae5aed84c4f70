#!/usr/bin/env python3
"""sheetkpi's attribution engine against the real peer, ChannelAttribution 2.2.5.

Run with the oracle venv's python (scripts/oracle-venv.sh prints it):

    PY=$(scripts/oracle-venv.sh)
    cargo build --release --example attribution-json
    $PY tests/oracle/compare_attribution.py [--orders 1,2,3,4] [--seeds 0,10,20,30]

Checks, on the package's own Data.csv (10,000 paths; copied out of the venv, never committed):
  1. first, last, linear: conversions and values equal heuristic_models' to 1e-9 (relative).
  2. Markov: the fitted transition matrix equals markov_model's (out_more) to 1e-12, the
     same transitions at every order. Removal effects: ours are exact, ChannelAttribution's simulated. For each order,
     ours must equal those of ChannelAttribution's own transition matrix (its out_more
     output) solved as an absorbing chain by numpy.linalg.solve (an independent dense LU), to
     1e-9; and lie near its simulated ones over the seeds. Whether each lies within their
     spread (min to max) is reported per channel; four draws of a simulation need not
     bracket the truth, so the check fails only when ours is farther from their mean than
     the spread or four binomial standard errors sqrt(re (1 - re) / N), whichever is larger
     (N, the simulated conversions per run, taken as 1 / the smallest positive simulated
     removal effect: each is a count of those conversions over N).
Prints a report; exits 1 if a check fails.
"""
import argparse
import json
import os
import subprocess
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def run_json(cmd):
    r = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True)
    return json.loads(r.stdout)


def exact_re(tm):
    """Removal effects of a transition matrix [[from], [to], p] by dense direct solves."""
    states = sorted({tuple(f) for f, _, _ in tm} | {tuple(t) for _, t, _ in tm})
    trans = [s for s in states if s not in (("(conversion)",), ("(null)",))]
    idx = {s: i for i, s in enumerate(trans)}
    n = len(trans)
    Q = np.zeros((n, n))
    b = np.zeros(n)
    for f, t, p in tm:
        f, t = tuple(f), tuple(t)
        if t == ("(conversion)",):
            b[idx[f]] += p
        elif t != ("(null)",):
            Q[idx[f], idx[t]] += p
    start = idx[("(start)",)]

    def p_conv(removed):
        keep = [i for i, s in enumerate(trans) if removed is None or s == ("(start)",) or removed not in s]
        q = Q[np.ix_(keep, keep)]
        h = np.linalg.solve(np.eye(len(keep)) - q, b[keep])
        return h[keep.index(start)]

    p = p_conv(None)
    channels = sorted({c for s in trans for c in s if not c.startswith("(")})
    return {c: 1 - p_conv(c) / p for c in channels}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--orders", default="1")
    ap.add_argument("--seeds", default="0,10,20,30")
    ap.add_argument("--oracle", default=os.path.join(ROOT, "tests/oracle/channel_attribution.py"))
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    ap.add_argument("--ours", default=os.path.join(target, "release/examples/attribution-json"))
    ap.add_argument("--csv", default=os.path.join(target, "ca-Data.csv"))
    a = ap.parse_args()
    if not os.path.exists(a.csv):
        subprocess.run([sys.executable, a.oracle, "--copy-data", a.csv], check=True, stdout=subprocess.DEVNULL)
    ok = True
    for order in [int(o) for o in a.orders.split(",")]:
        ca = run_json([sys.executable, a.oracle, "--csv", a.csv, "--order", str(order), "--seeds", a.seeds,
                       "--transition-matrix"])
        ours = run_json([a.ours, a.csv, "--order", str(order), "--transition-matrix"])
        print(f"== order {order}: ChannelAttribution markov_model {ca['seconds']['markov_model']} s per seed")
        if order == 1:
            worst = 0.0
            for model in ("first", "last", "linear"):
                mine = {r["channel"]: r for r in ours["models"][model]}
                for ch, (conv, val) in ca["heuristic"][model].items():
                    for x, y in ((mine[ch]["conversions"], conv), (mine[ch]["value"], val)):
                        worst = max(worst, abs(x - y) / max(1.0, abs(y)))
            good = worst <= 1e-9
            ok &= good
            print(f"heuristics first/last/linear: worst relative difference {worst:.3g} ({'ok' if good else 'FAIL'})")
        # The fitted chain itself: the same transitions with the same probabilities.
        key = lambda t: (tuple(t[0]), tuple(t[1]))  # noqa: E731
        theirs_tm = {key(t): t[2] for t in ca["markov"]["transition_matrix"]}
        ours_tm = {key(t): t[2] for t in ours["transition_matrix"]}
        same_keys = set(theirs_tm) == set(ours_tm)
        worst_tm = max((abs(ours_tm[k] - theirs_tm[k]) for k in theirs_tm if k in ours_tm), default=0.0)
        good = same_keys and worst_tm <= 1e-12
        ok &= good
        print(f"transition matrix: {len(ours_tm)} transitions (ChannelAttribution {len(theirs_tm)}), "
              f"same transitions: {same_keys}, largest difference {worst_tm:.3g} ({'ok' if good else 'FAIL'})")
        exact = exact_re(ca["markov"]["transition_matrix"])
        sims = ca["markov"]["removal_effects"]
        print(f"{'channel':8} {'ours (exact)':>14} {'numpy solve':>14} {'CA min':>10} {'CA max':>10} {'spread':>9}  inside")
        inside = 0
        n_sim = 1 / min(x for s in sims.values() for x in s if x > 0)
        worst_np = max(abs(ours["removal_effects"][c] - exact[c]) for c in sims)
        for ch in sorted(sims):
            v, s = ours["removal_effects"][ch], sims[ch]
            lo, hi = min(s), max(s)
            d_np = abs(v - exact[ch])
            if d_np > 1e-9:
                ok = False
            within = lo <= v <= hi
            inside += within
            tol = max(hi - lo, 4 * np.sqrt(v * (1 - v) / n_sim))
            if abs(v - np.mean(s)) > tol:
                ok = False
                print(f"{ch}: {v} is {abs(v - np.mean(s)):.3g} from the simulations' mean (tolerance {tol:.3g})")
            print(f"{ch:8} {v:14.10f} {exact[ch]:14.10f} {lo:10.6f} {hi:10.6f} {hi - lo:9.6f}  "
                  f"{'yes' if within else 'NO'}{'' if d_np <= 1e-9 else f'  numpy differs by {d_np:.3g}'}")
        print(f"ours vs numpy's solve of ChannelAttribution's transition matrix: max difference {worst_np:.3g}")
        print(f"simulated conversions per run: about {n_sim:.0f}")
        # Value removal effects: no exact peer (the per-state mean values are not in the
        # transition matrix), so against the simulations' spread, reported only.
        simv = ca["markov"].get("removal_effects_value") or {}
        if simv:
            inside_v = sum(min(simv[c]) <= ours["removal_effects_value"][c] <= max(simv[c]) for c in simv)
            far = max(abs(ours["removal_effects_value"][c] - np.mean(simv[c])) for c in simv)
            print(f"value removal effects inside the simulations' spread: {inside_v} of {len(simv)}; "
                  f"largest distance from their mean {far:.4f}")
            for c in sorted(simv):
                print(f"  value {c:8} ours {ours['removal_effects_value'][c]:.6f}  CA {min(simv[c]):.6f} .. {max(simv[c]):.6f}")
        print(f"inside the spread of {len(a.seeds.split(','))} seeds: {inside} of {len(sims)} channels; "
              f"largest spread {max(max(s) - min(s) for s in sims.values()):.6f}; "
              f"largest relative spread {max((max(s) - min(s)) / max(1e-12, np.mean(s)) for s in sims.values()):.3f}")
    print("OK" if ok else "FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
