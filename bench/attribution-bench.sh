#!/usr/bin/env bash
# Times the attribution engine (examples/attribution-json, release) beside ChannelAttribution
# 2.2.5 (heuristic_models, markov_model with one seed) on the same data in the same run:
# the package's Data.csv (10,000 paths); with --big, 1,000,000 paths (Data.csv repeated
# 100 times with varied counts); with --random, 20,000 random paths of 1 to 12 touches over
# 40 channels (bench/random-paths.py, a fixed seed), whose chain at order 3 has 48,000 states: the size at which
# the Markov solve turns iterative. Ours: the fastest of 5 runs of each model, in-process
# (parsing excluded, reported apart); theirs: one call each, as the oracle script times it.
#
#   bench/attribution-bench.sh [--big] [--random] [--orders 1,2,3,4]
#
# Needs the oracle venv (scripts/oracle-venv.sh) and tests/oracle/channel_attribution.py;
# ORACLE=path/to/channel_attribution.py and PY=venv-python override where they are.
set -euo pipefail
cd "$(dirname "$0")/.."
ORDERS=1,2,3,4
BIG=
RANDOM_PATHS=
while [ $# -gt 0 ]; do
  case "$1" in
    --big) BIG=1 ;;
    --random) RANDOM_PATHS=1 ;;
    --orders) ORDERS=$2; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
T=${CARGO_TARGET_DIR:-target}
PY=${PY:-$(scripts/oracle-venv.sh)}
ORACLE=${ORACLE:-tests/oracle/channel_attribution.py}
cargo build -q --release --example attribution-json
OURS=$T/release/examples/attribution-json
DATA=$T/ca-Data.csv
[ -f "$DATA" ] || "$PY" "$ORACLE" --copy-data "$DATA" >/dev/null
FILES=("$DATA")
if [ -n "$BIG" ]; then
  BIGF=$T/ca-Data-1M.csv
  [ -f "$BIGF" ] || "$PY" - "$DATA" "$BIGF" <<'PY'
import sys
src, dst = sys.argv[1], sys.argv[2]
lines = open(src).read().splitlines()
with open(dst, "w") as f:
    f.write(lines[0] + "\n")
    for k in range(100):
        for i, line in enumerate(lines[1:]):
            p, c, v, n = line.split(";")
            # Varied counts: same paths, different weights per copy.
            c2, n2 = (int(c) + (i + k) % 3), (int(n) + (i * 7 + k) % 4)
            f.write(f"{p};{c2};{float(v) * (1 + k % 5) / 5:.3f};{n2}\n")
PY
  FILES+=("$BIGF")
fi
if [ -n "$RANDOM_PATHS" ]; then
  RANDF=$T/ca-random-40x20000.csv
  [ -f "$RANDF" ] || python3 bench/random-paths.py "$RANDF"
  FILES+=("$RANDF")
fi
for F in "${FILES[@]}"; do
  echo "== $F ($(($(wc -l < "$F") - 1)) paths)"
  for ORDER in ${ORDERS//,/ }; do
    MODELS=markov
    [ "$ORDER" = 1 ] && MODELS=all
    OURS_JSON=$("$OURS" "$F" --models "$MODELS" --order "$ORDER" --repeat 5)
    CA_JSON=$("$PY" "$ORACLE" --csv "$F" --order "$ORDER" --seeds 0 2>/dev/null)
    "$PY" - "$ORDER" "$OURS_JSON" "$CA_JSON" <<'PY'
import json, sys
order, ours, ca = int(sys.argv[1]), json.loads(sys.argv[2]), json.loads(sys.argv[3])
s, cs = ours["seconds"], ca["seconds"]
if order == 1:
    print(f"  parse (ours, once): {ours['parse_seconds'] * 1e3:9.2f} ms")
    for m in ("first", "last", "linear", "position", "time_decay", "last_non_direct", "shapley"):
        print(f"  {m:16} ours {s[m] * 1e3:9.2f} ms")
    h = cs["heuristic_models"]
    three = s["first"] + s["last"] + s["linear"]
    print(f"  {'first+last+linear':16} ours {three * 1e3:9.2f} ms   ChannelAttribution heuristic_models {h * 1e3:9.2f} ms   ratio {h / three:7.1f}x")
m = cs["markov_model"][0]
print(f"  markov order {order}   ours {s['markov'] * 1e3:9.2f} ms (solved)   ChannelAttribution markov_model {m * 1e3:9.2f} ms (simulated)   ratio {m / s['markov']:7.1f}x")
PY
  done
done
