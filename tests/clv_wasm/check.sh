#!/usr/bin/env bash
# Native = WASM for the CLV core, bit for bit: builds this crate natively (a .so called from
# Python through ctypes) and for wasm32-unknown-unknown (run in Node), fits BG/NBD, Pareto/NBD,
# Gamma-Gamma and BG/BB on the data lifetimes ships (CDNOW, donations), with every customer's
# expected purchases (39 weeks) and P(alive), and compares every double's bits.
# Needs the CLV venv (scripts/clv-venv.sh), a wasm32 target and node.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(cd ../.. && pwd)
PY=$(bash "$ROOT/scripts/clv-venv.sh")
T=${CARGO_TARGET_DIR:-$ROOT/target}/clv-wasm
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
CARGO_TARGET_DIR=$T cargo build -q --release
CARGO_TARGET_DIR=$T cargo build -q --release --target wasm32-unknown-unknown
"$PY" - "$W" "$T" <<'PYEOF'
import ctypes, json, struct, sys, warnings
warnings.filterwarnings("ignore")
from lifetimes import datasets as d
w, t = sys.argv[1], sys.argv[2]
c = d.load_cdnow_summary(); m = d.load_cdnow_summary_data_with_monetary_value(); dn = d.load_donations()
one = lambda n: [1.0] * n
rfm = c.frequency.astype(float).tolist() + c.recency.tolist() + c["T"].tolist() + one(len(c))
sets = [(0, rfm, len(c)), (1, rfm, len(c)),
        (2, m.frequency.astype(float).tolist() + m.monetary_value.astype(float).tolist() + one(2 * len(m)), len(m)),
        (3, sum((dn[k].astype(float).tolist() for k in ("frequency", "recency", "periods", "weights")), []), len(dn))]
json.dump(sets, open(w + "/sets.json", "w"))
lib = ctypes.CDLL(t + "/release/libclvwasm.so")
lib.run.argtypes = [ctypes.c_uint32, ctypes.POINTER(ctypes.c_double), ctypes.c_size_t, ctypes.c_double, ctypes.POINTER(ctypes.c_double)]
out = []
for model, data, n in sets:
    dd = (ctypes.c_double * len(data))(*data); o = (ctypes.c_double * (9 + 2 * n))()
    rc = lib.run(model, dd, n, 39.0, o)
    out.append([rc] + [str(struct.unpack("<Q", struct.pack("<d", v))[0]) for v in o])
json.dump(out, open(w + "/native.json", "w"))
PYEOF
node --input-type=module - "$W" "$T" <<'JSEOF'
import fs from "node:fs";
const [w, t] = process.argv.slice(2);
const { instance } = await WebAssembly.instantiate(fs.readFileSync(t + "/wasm32-unknown-unknown/release/clvwasm.wasm"), {});
const e = instance.exports;
const native = JSON.parse(fs.readFileSync(w + "/native.json"));
let bad = 0, total = 0;
JSON.parse(fs.readFileSync(w + "/sets.json")).forEach(([model, data, n], k) => {
  const dp = e.alloc(data.length), op = e.alloc(9 + 2 * n);
  new Float64Array(e.memory.buffer, dp, data.length).set(data);
  const rc = e.run(model, dp, n, 39.0, op);
  const o = new Float64Array(e.memory.buffer, op, 9 + 2 * n);
  const bits = Array.from(new BigUint64Array(o.buffer.slice(o.byteOffset, o.byteOffset + o.byteLength)), b => b.toString());
  const mine = [rc, ...bits];
  const diff = mine.filter((v, i) => String(v) !== String(native[k][i])).length;
  console.log(`model ${["bgnbd", "pnbd", "gg", "bgbb"][model]}: ${mine.length - 1} doubles, ${diff} differ`);
  bad += diff; total += mine.length - 1;
});
console.log(`${bad === 0 ? 1 : 0} passed, ${bad === 0 ? 0 : 1} failed`);
process.exit(bad === 0 ? 0 : 1);
JSEOF
