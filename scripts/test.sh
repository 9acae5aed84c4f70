#!/usr/bin/env bash
# Sets everything up, then runs every test: Rust (unit, registry contract, proptest,
# docs sync, CLI), the exact oracle in Python fractions against the CLI, attribution against
# ChannelAttribution 2.2.5 in a venv (scripts/oracle-venv.sh), the CLV models against
# lifetimes 0.11.3 in another (scripts/clv-venv.sh), builds the WASM and every host bundle (each `build:*` npm script),
# then the Node tests in tests/node/ against the real WASM (browser ones in Chromium, the CSV
# download also in LibreOffice headless).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"

echo "== cargo test" >&2
cargo test --all-features --quiet 2>&1 | grep -v '^$'
# The fuzz targets live outside the workspace (cargo-fuzz's layout): check they still build.
(cd fuzz && cargo check --quiet)
echo "== building WASM and host bundles" >&2
bash scripts/build.sh
cargo build --quiet
echo "== exact oracle (Python fractions) against the CLI" >&2
python3 tests/oracle/exact_oracle.py --cli target/debug/sheetkpi
echo "== attribution against the real peer, ChannelAttribution 2.2.5 (its own Data.csv)" >&2
PY=$(bash scripts/oracle-venv.sh)
cargo build --quiet -p sheetkpi --example attribution-json
"$PY" tests/oracle/compare_attribute.py --bin target/debug/sheetkpi
"$PY" tests/oracle/compare_attribution.py --ours target/debug/examples/attribution-json --orders 1,2,3,4
echo "== attribution natively = in wasm32, bit for bit (Data.csv; 5,000 random paths over 40 channels, solved iteratively at orders 3 and 4)" >&2
python3 bench/random-paths.py target/random-paths.csv --paths 5000
"$PY" tests/oracle/channel_attribution.py --copy-data target/ca-Data.csv >/dev/null
bash bench/attribution-wasm.sh --check target/ca-Data.csv target/random-paths.csv
echo "== CLV against the real peer, lifetimes 0.11.3 (its own CDNOW and donations data)" >&2
CLVPY=$(bash scripts/clv-venv.sh)
cargo build --quiet -p sheetkpi --example clv-json
"$CLVPY" tests/oracle/clv_lifetimes.py --ours "${CARGO_TARGET_DIR:-target}/debug/examples/clv-json"
"$CLVPY" tests/oracle/clv_cli.py --bin target/debug/sheetkpi # sheetkpi clv end to end, files in, JSON out
"$CLVPY" tests/oracle/clv_examples.py --bin target/debug/sheetkpi # the Pareto/NBD and BG/BB functions' examples vs mpmath and lifetimes
bash tests/clv_wasm/check.sh # the same fits and predictions natively and in wasm32, bit for bit
echo "== node tests" >&2
# LibreOffice headless opens the page's CSV download in tests/node/web-hostile.test.mjs
# (no live formula may survive) and reads the CSV back with each locale's settings in
# tests/node/csv-locale.test.mjs, through its UNO bridge (python3-uno); only the tests need it.
log() { echo "[test] $*" >&2; }
source scripts/apt.sh
apt_install libreoffice-calc-nogui python3-uno
node --test --test-concurrency=1 tests/node/
