#!/usr/bin/env bash
# Fuzzes the workbook importer with one cargo-fuzz target per format (fuzz/fuzz_targets/:
# xlsx, xls, xlsb, ods, csv; each runs the report, audit, journey and customer readers) for
# SECONDS in all (default 300, shared equally), each seeded with the test fixtures and the
# hostile corpus of its format (scripts/hostile-corpus.py), and reports per target how long it
# ran, how many inputs it tried, and whether it found a crash. Not part of CI. Needs a nightly
# toolchain; installs cargo-fuzz if missing. Built like the shipped binaries (-O: no overflow
# checks), so it finds what users could hit. A panic is a crash here even where the CLI's
# containment would turn it into a message: in the page's WASM it would be a trap.
# Crashes land in fuzz/artifacts/TARGET/.
#
#   bench/import-fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
SECONDS_TO_RUN=${1:-300}
shift || true
if [ $# -gt 0 ]; then TARGETS=("$@"); else TARGETS=(xlsx xls xlsb ods csv); fi
NIGHTLY=$(rustup toolchain list | awk '/nightly/{print $1; exit}')
[ -n "$NIGHTLY" ] || { echo "no nightly toolchain (rustup toolchain install nightly)" >&2; exit 1; }
command -v cargo-fuzz >/dev/null || cargo install -q cargo-fuzz --locked
SEEDS=target/fuzz-seeds
rm -rf "$SEEDS" && mkdir -p "$SEEDS"
python3 scripts/hostile-corpus.py "$SEEDS" >/dev/null
EACH=$(( SECONDS_TO_RUN / ${#TARGETS[@]} ))
status=0
for t in "${TARGETS[@]}"; do
  CORPUS=target/fuzz-corpus/$t
  mkdir -p "$CORPUS"
  cp "$SEEDS"/*."$t" tests/fixtures/*."$t" "$CORPUS"/ 2>/dev/null || true
  [ "$t" != xlsx ] || cp samples/*.xlsx "$CORPUS"/ 2>/dev/null || true
  start=$(date +%s)
  set +e
  log=$( (cd fuzz && cargo +"$NIGHTLY" fuzz run -O "$t" "../$CORPUS" -- -max_total_time="$EACH" -rss_limit_mb=2048 -timeout=60) 2>&1)
  s=$?
  set -e
  runs=$(printf '%s\n' "$log" | grep -oE '#[0-9]+' | tail -1 | tr -d '#')
  echo "[import-fuzz] $t: ran $(( $(date +%s) - start )) s, ${runs:-0} inputs, exit $s (0 = no crash found)"
  # On a crash: what failed (the panic and where, or libFuzzer's verdict) and the input, not
  # the input's bytes, which libFuzzer prints in full.
  [ $s -eq 0 ] || { printf '%s\n' "$log" | grep -E -A3 "panicked at|ERROR: libFuzzer|SUMMARY:|Test unit written|Reproduce with" | grep -v '^\s*\[' | head -30; status=$s; }
done
exit "$status"
