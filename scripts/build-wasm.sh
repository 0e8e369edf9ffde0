#!/usr/bin/env bash
# Builds the Wasm module into www/pkg (ES module + optimised .wasm).
set -euo pipefail
cd "$(dirname "$0")/.."
# The `wasm` profile (Cargo.toml): optimised for size, unlike the native release build.
cargo build --quiet --profile wasm --target wasm32-unknown-unknown --lib
rm -rf www/pkg
wasm-bindgen --target web --no-typescript --out-dir www/pkg target/wasm32-unknown-unknown/wasm/kiemso.wasm
# binaryen from npm (package.json): Debian's wasm-opt 108 mistranslates the externref table that
# wasm-bindgen emits, and the module then fails to start.
WASM_OPT=node_modules/.bin/wasm-opt
[ -x "$WASM_OPT" ] || { echo "[build] $WASM_OPT missing: run scripts/setup.sh (npm ci)" >&2; exit 1; }
"$WASM_OPT" -Oz --strip-debug --strip-producers \
  --enable-reference-types --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-multivalue \
  www/pkg/kiemso_bg.wasm -o www/pkg/kiemso_bg.wasm
echo "[build] www/pkg/kiemso_bg.wasm: $(wc -c < www/pkg/kiemso_bg.wasm) bytes, $(gzip -9c www/pkg/kiemso_bg.wasm | wc -c) gzipped"
