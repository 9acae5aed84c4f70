#!/usr/bin/env bash
# Fuzzes the workbook importer (fuzz/fuzz_targets/import_bytes.rs) for SECONDS (default
# 300), seeded with the test fixtures, and reports how long it ran without a crash.
# Not part of CI. Needs a nightly toolchain; installs cargo-fuzz if missing. Built like
# the shipped binaries (-O: no overflow checks), so it finds what users could hit.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
SECONDS_TO_RUN=${1:-300}
NIGHTLY=$(rustup toolchain list | awk '/nightly/{print $1; exit}')
[ -n "$NIGHTLY" ] || { echo "no nightly toolchain (rustup toolchain install nightly)" >&2; exit 1; }
command -v cargo-fuzz >/dev/null || cargo install -q cargo-fuzz --locked
CORPUS=target/fuzz-corpus/import_bytes
mkdir -p "$CORPUS"
cp samples/campaigns.xlsx tests/fixtures/*.xlsx tests/fixtures/*.ods tests/fixtures/*.xls tests/fixtures/*.csv "$CORPUS"/ 2>/dev/null || true
start=$(date +%s)
set +e
(cd fuzz && cargo +"$NIGHTLY" fuzz run -O import_bytes "../$CORPUS" -- -max_total_time="$SECONDS_TO_RUN" -rss_limit_mb=2048 -timeout=20 2>&1 | tail -25)
status=${PIPESTATUS[0]}
set -e
echo "[import-fuzz] ran $(( $(date +%s) - start )) s, exit $status (0 = no crash found)"
exit "$status"
