#!/usr/bin/env bash
# Gets this machine ready to build and test sheetkpi: a Rust toolchain that can target
# wasm32-unknown-unknown, wasm-bindgen-cli at exactly the locked version, wasm-pack,
# Chromium, and the Node packages from package-lock.json (binaryen's wasm-opt among them).
# Idempotent, and quick when everything is already there.
#
# Where `rustup target add` cannot download (as on our build machines), it takes the
# Debian route (docs/toolchain.md): Debian's rustc-web with its std source,
# std built once for wasm32, the toolchain linked into rustup as `sheetkpi-wasm`.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
log() { echo "[setup] $*" >&2; }
STATE=target/setup
mkdir -p "$STATE"

source scripts/apt.sh

command -v cargo >/dev/null || { log "no cargo on PATH: install Rust (rustup) first"; exit 1; }
command -v node >/dev/null || apt_install nodejs npm
apt_install chromium libxml2-utils openssl # xmllint, openssl: the Excel manifest and dev-server tests

has_wasm_std() { # $1: toolchain name or empty for the default
  local dir
  dir=$(RUSTUP_TOOLCHAIN="${1:-${RUSTUP_TOOLCHAIN:-}}" rustc --print target-libdir --target wasm32-unknown-unknown 2>/dev/null) || return 1
  compgen -G "$dir/libcore-*.rlib" >/dev/null
}

WASM_TOOLCHAIN=
# SHEETKPI_WASM_ROUTE=debian forces the Debian route (to test it on a machine where rustup works).
if [ "${SHEETKPI_WASM_ROUTE:-}" != debian ] && has_wasm_std ""; then
  log "wasm32 target present in the default toolchain"
elif [ "${SHEETKPI_WASM_ROUTE:-}" != debian ] && command -v rustup >/dev/null && timeout 60 rustup target add wasm32-unknown-unknown >/dev/null 2>&1 && has_wasm_std ""; then
  log "wasm32 target added with rustup"
else
  log "rustup cannot add wasm32 here: using Debian's rustc-web"
  apt_install rustc-web cargo-web rust-web-src lld-22
  LIBDIR=/usr/lib/rustlib/wasm32-unknown-unknown/lib
  if ! compgen -G "$LIBDIR/libcore-*.rlib" >/dev/null; then
    log "building std for wasm32 with Debian's toolchain (about a minute)"
    tmp=$(mktemp -d)
    (cd "$tmp" && PATH=/usr/bin:$PATH /usr/bin/cargo init -q --lib --name wasmstd \
      && PATH=/usr/bin:$PATH RUSTC_BOOTSTRAP=1 /usr/bin/cargo build -q --release \
         --target wasm32-unknown-unknown -Z build-std=std,panic_abort)
    mkdir -p "$LIBDIR"
    find "$tmp/target/wasm32-unknown-unknown/release/deps" -name '*.rlib' ! -name 'libwasmstd-*' -exec cp {} "$LIBDIR/" \;
    rm -rf "$tmp"
  fi
  if command -v rustup >/dev/null; then
    rustup toolchain list | grep -q '^sheetkpi-wasm' || rustup toolchain link sheetkpi-wasm /usr
    WASM_TOOLCHAIN=sheetkpi-wasm
  else
    WASM_TOOLCHAIN=/usr
  fi
fi
# build-wasm.sh reads this: the toolchain to build WASM with (empty: the default one).
echo "$WASM_TOOLCHAIN" > "$STATE/wasm-toolchain"

# wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock exactly.
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WB_VERSION" ]; then
  log "cargo install wasm-bindgen-cli $WB_VERSION (a few minutes)"
  cargo install -q wasm-bindgen-cli --version "$WB_VERSION" --locked 2>/dev/null \
    || cargo install -q wasm-bindgen-cli --version "$WB_VERSION" --force
fi
if ! command -v wasm-pack >/dev/null; then
  log "cargo install wasm-pack (a few minutes)"
  cargo install -q wasm-pack --locked 2>/dev/null || cargo install -q wasm-pack
fi

if [ -f package-lock.json ] && { [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; }; then
  log "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
log "ready"
