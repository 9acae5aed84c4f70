#!/usr/bin/env bash
# Builds the workbook importer's WebAssembly into pkg-import/ (see build-wasm.sh).
exec bash "$(dirname "$0")/build-wasm.sh" import
