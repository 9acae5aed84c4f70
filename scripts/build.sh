#!/usr/bin/env bash
# Builds the WASM, then every host bundle: each npm script named build:* (build:wasm first).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build-wasm.sh
for s in $(node -e 'const p=require("./package.json");console.log(Object.keys(p.scripts).filter(k=>k.startsWith("build:")&&k!=="build:wasm").sort().join(" "))'); do
  echo "[build] npm run $s" >&2
  npm run --silent "$s"
done
