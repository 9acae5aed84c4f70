#!/usr/bin/env bash
# Native = WASM for attribution: runs every model (Markov at orders 1 to 4, with its removal
# effects; then order 1 alone, whose time is the one to set beside markov_model's) on one
# path-level CSV natively and in wasm32 (node), folds the bits of every result into a hash
# on each side, and fails unless the hashes agree. Prints both times (parsing included).
#
#   bench/attribution-wasm.sh [FILE]     (default: ChannelAttribution's Data.csv, copied
#                                         out of the oracle venv as the bench does)
set -euo pipefail
cd "$(dirname "$0")/.."
T=${CARGO_TARGET_DIR:-$PWD/target}
F=${1:-$T/ca-Data.csv}
if [ ! -f "$F" ]; then
  PY=${PY:-$(scripts/oracle-venv.sh)}
  "$PY" "${ORACLE:-tests/oracle/channel_attribution.py}" --copy-data "$F" >/dev/null
fi
cd bench/attribution-wasm
export CARGO_TARGET_DIR=$T/attribution-wasm
cargo build -q --release --target wasm32-unknown-unknown --lib
cargo build -q --release --bin attribution-native
WASM=$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/attribution_wasm.wasm
status=0
for which in heuristic markov markov1; do
  read -r hn cn sn < <("$CARGO_TARGET_DIR/release/attribution-native" "$F" "$which")
  read -r hw cw sw < <(node run.mjs "$WASM" "$F" "$which")
  same=$([ "$hn" = "$hw" ] && [ "$cn" = "$cw" ] && echo same || echo DIFFERENT)
  [ "$same" = same ] || status=1
  echo "$which: $cn numbers, native $hn in ${sn}s, wasm32 $hw in ${sw}s: $same bits"
done
exit $status
