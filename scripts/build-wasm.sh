#!/usr/bin/env bash
# Builds the functions-only WebAssembly (feature `wasm`) with wasm-pack into pkg/,
# then shrinks it with wasm-opt from npm's binaryen (Debian's
# wasm-opt 108 corrupts wasm-bindgen's externref table). The `--target web` glue serves every host:
# browsers and Excel load it as an ES module, Node through initSync, Sheets bundled.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
TOOLCHAIN=$(cat target/setup/wasm-toolchain 2>/dev/null || true)
case "$TOOLCHAIN" in
  "") ;;
  /usr) export PATH="/usr/bin:$PATH" ;;
  *) export RUSTUP_TOOLCHAIN="$TOOLCHAIN" ;;
esac
wasm-pack --quiet build --release --target web --out-dir pkg --out-name sheetkpi --no-pack \
  -- --no-default-features --features wasm
node_modules/.bin/wasm-opt -Oz --enable-reference-types --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-multivalue --enable-mutable-globals --strip-debug --strip-producers pkg/sheetkpi_bg.wasm -o pkg/sheetkpi_bg.wasm
echo "[build-wasm] pkg/sheetkpi_bg.wasm: $(stat -c %s pkg/sheetkpi_bg.wasm) bytes, $(gzip -9c pkg/sheetkpi_bg.wasm | wc -c) gzipped" >&2
