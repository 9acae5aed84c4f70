#!/usr/bin/env bash
# Native = WASM for attribution, and the WASM beside ChannelAttribution in the same run.
#
# Runs every model (Markov at orders 1 to 4, with its removal effects; then Markov order 1
# alone) on one path-level CSV natively and in wasm32 (node), folds the bits of every
# result into a hash on each side, and fails unless the hashes agree. Then times Markov
# order 1 (parsing the paths included) natively, in wasm32 and with ChannelAttribution
# 2.2.5's markov_model (one seed, its defaults) on the same file, ROUNDS times in turn, and
# prints each one's fastest round, its first and the ratios. Ours: the fastest of REPEAT
# calls in one process (the first call includes V8's tier-up of the new module); theirs:
# one call per round, as the oracle script times it (the venv's start-up excluded).
#
#   bench/attribution-wasm.sh [FILE]     (default: ChannelAttribution's Data.csv, copied
#                                         out of the oracle venv as the bench does)
#   ROUNDS=3 REPEAT=5 bench/attribution-wasm.sh
#   bench/attribution-wasm.sh --check FILE...   (the bits only, no timing, no venv: tests)
set -euo pipefail
cd "$(dirname "$0")/.."
T=${CARGO_TARGET_DIR:-$PWD/target}
CHECK=
if [ "${1:-}" = --check ]; then
  CHECK=1
  shift
  FILES=()
  for f in "$@"; do FILES+=("$(realpath "$f")"); done
fi
[ -n "$CHECK" ] || PY=${PY:-$(scripts/oracle-venv.sh)}
ORACLE=${ORACLE:-$PWD/tests/oracle/channel_attribution.py}
if [ -z "$CHECK" ]; then
  F=${1:-$T/ca-Data.csv}
  [ -f "$F" ] || "$PY" "$ORACLE" --copy-data "$F" >/dev/null
  F=$(realpath "$F")
  FILES=("$F")
fi
ROUNDS=${ROUNDS:-3}
REPEAT=${REPEAT:-5}
cd bench/attribution-wasm
export CARGO_TARGET_DIR=$T/attribution-wasm
cargo build -q --release --target wasm32-unknown-unknown --lib
cargo build -q --release --bin attribution-native
WASM=$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/attribution_wasm.wasm
NATIVE=$CARGO_TARGET_DIR/release/attribution-native
status=0
for G in "${FILES[@]}"; do
  for which in heuristic markov markov1; do
    read -r hn cn sn _ < <("$NATIVE" "$G" "$which")
    read -r hw cw sw _ < <(node run.mjs "$WASM" "$G" "$which")
    same=$([ "$hn" = "$hw" ] && [ "$cn" = "$cw" ] && echo same || echo DIFFERENT)
    [ "$same" = same ] || status=1
    echo "$(basename "$G") $which: $cn numbers, native $hn in ${sn}s, wasm32 $hw in ${sw}s: $same bits"
  done
done
[ -z "$CHECK" ] || exit $status
echo "Markov order 1 on $(basename "$F") ($(($(wc -l < "$F") - 1)) paths), $ROUNDS rounds:"
best() { sort -g | head -1; }
: > "$CARGO_TARGET_DIR/times"
for r in $(seq "$ROUNDS"); do
  read -r _ _ nb nf < <("$NATIVE" "$F" markov1 "$REPEAT")
  read -r _ _ wb wf < <(node run.mjs "$WASM" "$F" markov1 "$REPEAT")
  ca=$("$PY" "$ORACLE" --csv "$F" --order 1 --seeds 0 2>/dev/null | "$PY" -c 'import json, sys; print(json.load(sys.stdin)["seconds"]["markov_model"][0])')
  echo "$nb $nf $wb $wf $ca" >> "$CARGO_TARGET_DIR/times"
  echo "  round $r: native ${nb}s (first ${nf}s), wasm32 ${wb}s (first ${wf}s), ChannelAttribution markov_model ${ca}s"
done
"$PY" - "$CARGO_TARGET_DIR/times" <<'PY'
import sys
rows = [list(map(float, l.split())) for l in open(sys.argv[1]) if l.strip()]
nb, nf, wb, wf, ca = (min(c) for c in zip(*rows))
print(f"  fastest: native {nb * 1e3:.1f} ms, wasm32 {wb * 1e3:.1f} ms (first call {wf * 1e3:.1f} ms), "
      f"ChannelAttribution {ca * 1e3:.1f} ms")
print(f"  ChannelAttribution / wasm32: {ca / wb:.1f}x (first call {ca / wf:.1f}x); "
      f"ChannelAttribution / native: {ca / nb:.1f}x; wasm32 / native: {wb / nb:.2f}x")
PY
exit $status
