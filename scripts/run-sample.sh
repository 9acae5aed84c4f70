#!/usr/bin/env bash
# Sets everything up, builds the CLI, and runs the main job on the bundled sample.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"
cargo build --release --quiet
echo "== sheetkpi report samples/campaigns.xlsx" >&2
target/release/sheetkpi report samples/campaigns.xlsx
