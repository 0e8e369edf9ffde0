#!/usr/bin/env bash
# Builds the Wasm module into www/pkg (ES module + optimised .wasm).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --release --target wasm32-unknown-unknown --lib
rm -rf www/pkg
wasm-bindgen --target web --no-typescript --out-dir www/pkg target/wasm32-unknown-unknown/release/kiemso.wasm
wasm-opt -Oz --strip-debug --strip-producers \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
  www/pkg/kiemso_bg.wasm -o www/pkg/kiemso_bg.wasm
echo "[build] www/pkg/kiemso_bg.wasm: $(wc -c < www/pkg/kiemso_bg.wasm) bytes, $(gzip -9c www/pkg/kiemso_bg.wasm | wc -c) gzipped"
