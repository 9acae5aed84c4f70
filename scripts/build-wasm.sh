#!/usr/bin/env bash
# Builds a WebAssembly bundle with wasm-pack, then shrinks it with wasm-opt from npm's
# binaryen (Debian's wasm-opt 108 corrupts wasm-bindgen's externref table).
#   build-wasm.sh            the functions-only bundle (feature `wasm`) into pkg/: what
#                            Excel and Sheets download, so it must stay small
#   build-wasm.sh import     the workbook importer (feature `import-wasm`) into pkg-import/,
#                            for the browser page's reports
# The `--target web` glue serves every host: browsers and Excel load it as an ES module,
# Node through initSync, Sheets bundled.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
# The toolchain, wasm-bindgen, wasm-pack and wasm-opt: idempotent, a fraction of a second
# when they are there, so that this works on a fresh clone by itself.
bash scripts/setup.sh
case "${1:-functions}" in
  functions) FEATURE=wasm OUT=pkg NAME=sheetkpi ;;
  import) FEATURE=import-wasm OUT=pkg-import NAME=sheetkpi_import ;;
  *) echo "usage: $0 [functions|import]" >&2; exit 2 ;;
esac
# The toolchain setup.sh chose for wasm32 (empty: the default one).
TOOLCHAIN=$(cat target/setup/wasm-toolchain 2>/dev/null || true)
case "$TOOLCHAIN" in
  "") ;;
  /usr) export PATH="/usr/bin:$PATH" ;;
  *) export RUSTUP_TOOLCHAIN="$TOOLCHAIN" ;;
esac
# `--package sheetkpi`: the library alone, or Cargo would unify in the CLI member's
# features (import, xlsx-out) and the functions bundle would carry the importer. The crate
# path `.` is explicit so that wasm-pack passes everything after `--` on to cargo.
# Size over speed: Cargo.toml's release profile is opt-level 3 for the native CLI.
export CARGO_PROFILE_RELEASE_OPT_LEVEL=s
wasm-pack --quiet build --release --target web --out-dir "$OUT" --out-name "$NAME" --no-pack . \
  -- --package sheetkpi --no-default-features --features "$FEATURE"
WASM="$OUT/${NAME}_bg.wasm"
node_modules/.bin/wasm-opt -Oz --enable-reference-types --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-multivalue --enable-mutable-globals --strip-debug --strip-producers "$WASM" -o "$WASM"
echo "[build-wasm] $WASM: $(stat -c %s "$WASM") bytes, $(gzip -9c "$WASM" | wc -c) gzipped" >&2
