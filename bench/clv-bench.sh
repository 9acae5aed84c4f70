#!/usr/bin/env bash
# Times the CLV fits beside lifetimes 0.11.3 in the same run: BG/NBD and Gamma-Gamma on
# CDNOW (2,357 customers; 946 repeat buyers), natively (the core as a .so, called through
# ctypes), in wasm32 (node) and with lifetimes' BetaGeoFitter / GammaGammaFitter; with --big
# also BG/NBD on 1,000,000 customers simulated from CDNOW's fitted model (fixed seed).
# Ours: the fastest of 5 calls of one fit plus every customer's expected purchases and
# P(alive) (tests/clv_wasm's `run`); lifetimes: the fastest of 3 fits (1 with --big).
#
#   bench/clv-bench.sh [--big]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=$(bash scripts/clv-venv.sh)
T=${CARGO_TARGET_DIR:-$ROOT/target}/clv-wasm
(cd tests/clv_wasm && CARGO_TARGET_DIR=$T cargo build -q --release && CARGO_TARGET_DIR=$T cargo build -q --release --target wasm32-unknown-unknown)
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
cat > "$W/wasm.mjs" <<'JS'
// node wasm.mjs MODULE SETS.json: per set the fastest of 5 runs, in seconds, as JSON.
import fs from "node:fs";
const [mod, sets] = process.argv.slice(2);
const { instance } = await WebAssembly.instantiate(fs.readFileSync(mod), {});
const e = instance.exports;
const out = [];
for (const [model, data, n, reps] of JSON.parse(fs.readFileSync(sets))) {
  const dp = e.alloc(data.length), op = e.alloc(9 + 2 * n);
  new Float64Array(e.memory.buffer, dp, data.length).set(data);
  let best = Infinity;
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    if (e.run(model, dp, n, 39.0, op) !== 0) throw new Error(`model ${model}: the fit failed`);
    best = Math.min(best, (performance.now() - t) / 1000);
  }
  out.push(best);
}
console.log(JSON.stringify(out));
JS
"$PY" - "$W" "$T" "${1:-}" <<'PY'
import ctypes, json, subprocess, sys, time, warnings
warnings.filterwarnings("ignore")
import numpy as np
from lifetimes import BetaGeoFitter, GammaGammaFitter
from lifetimes import datasets as d
w, t, big = sys.argv[1], sys.argv[2], sys.argv[3] == "--big"
c = d.load_cdnow_summary(); m = d.load_cdnow_summary_data_with_monetary_value()
m = m[m.frequency > 0]
def best(f, reps):
    b = float("inf")
    for _ in range(reps):
        s = time.perf_counter(); f(); b = min(b, time.perf_counter() - s)
    return b
sets = [("BG/NBD on CDNOW (2,357 customers)", 0, c.frequency.astype(float).tolist() + c.recency.tolist() + c["T"].tolist() + [1.0] * len(c), len(c), 5,
         lambda: BetaGeoFitter().fit(c.frequency, c.recency, c["T"]), 3),
        ("Gamma-Gamma on CDNOW (946 repeat buyers)", 2, m.frequency.astype(float).tolist() + m.monetary_value.astype(float).tolist() + [1.0] * (2 * len(m)), len(m), 5,
         lambda: GammaGammaFitter().fit(m.frequency, m.monetary_value), 3)]
if big:
    # BG/NBD customers with CDNOW's fitted parameters, observed for 39 weeks.
    rng = np.random.default_rng(12); n = 1_000_000
    lam = rng.gamma(0.243, 1 / 4.414, n); p = rng.beta(0.793, 2.426, n); T = np.full(n, 39.0)
    x = np.zeros(n); tx = np.zeros(n)
    for i in range(n):
        tt, k, last = 0.0, 0, 0.0
        while True:
            tt += rng.exponential(1 / lam[i]) if lam[i] > 0 else 1e9
            if tt > 39: break
            k += 1; last = tt
            if rng.random() < p[i]: break
        # Recency to the hundredth, but never 0 after a repeat purchase (not a valid history).
        x[i], tx[i] = k, max(round(last, 2), 0.01) if k else 0.0
    sets.append(("BG/NBD on 1,000,000 simulated customers", 0, x.tolist() + tx.tolist() + T.tolist() + [1.0] * n, n, 1,
                 lambda: BetaGeoFitter().fit(x, tx, T), 1))
lib = ctypes.CDLL(t + "/release/libclvwasm.so")
lib.run.argtypes = [ctypes.c_uint32, ctypes.POINTER(ctypes.c_double), ctypes.c_size_t, ctypes.c_double, ctypes.POINTER(ctypes.c_double)]
json.dump([[s[1], s[2], s[3], s[4]] for s in sets], open(w + "/sets.json", "w"))
wasm = json.loads(subprocess.run(["node", w + "/wasm.mjs", t + "/wasm32-unknown-unknown/release/clvwasm.wasm", w + "/sets.json"],
                                 check=True, capture_output=True, text=True).stdout)
for (name, model, data, n, reps, theirs, treps), ws in zip(sets, wasm):
    dd = (ctypes.c_double * len(data))(*data); o = (ctypes.c_double * (9 + 2 * n))()
    assert lib.run(model, dd, n, 39.0, o) == 0, name + ": our fit failed"
    ours = best(lambda: lib.run(model, dd, n, 39.0, o), reps)
    lt = best(theirs, treps)
    print(f"{name}: native {ours * 1e3:.1f} ms, wasm32 {ws * 1e3:.1f} ms, lifetimes {lt * 1e3:.1f} ms; "
          f"lifetimes / native {lt / ours:.1f}x, lifetimes / wasm32 {lt / ws:.1f}x")
PY
