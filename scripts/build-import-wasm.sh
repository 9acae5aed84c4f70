#!/usr/bin/env bash
# Builds the workbook importer's WebAssembly (feature `import-wasm`) into pkg-import/,
# separate from the functions-only pkg/ that Excel and Sheets load, then shrinks it with
# npm binaryen's wasm-opt (as scripts/build-wasm.sh does, for the same reasons).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
TOOLCHAIN=$(cat target/setup/wasm-toolchain 2>/dev/null || true)
case "$TOOLCHAIN" in
  "") ;;
  /usr) export PATH="/usr/bin:$PATH" ;;
  *) export RUSTUP_TOOLCHAIN="$TOOLCHAIN" ;;
esac
wasm-pack --quiet build --release --target web --out-dir pkg-import --out-name sheetkpi_import --no-pack \
  -- --no-default-features --features import-wasm
node_modules/.bin/wasm-opt -Oz --enable-reference-types --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-multivalue --enable-mutable-globals --strip-debug --strip-producers pkg-import/sheetkpi_import_bg.wasm -o pkg-import/sheetkpi_import_bg.wasm
echo "[build-import-wasm] pkg-import/sheetkpi_import_bg.wasm: $(stat -c %s pkg-import/sheetkpi_import_bg.wasm) bytes, $(gzip -9c pkg-import/sheetkpi_import_bg.wasm | wc -c) gzipped" >&2
