#!/usr/bin/env bash
# Builds the three Wasm modules of the page (ES module glue + optimised .wasm):
#   www/pkg/core/  tables only (no narrative checks, no .docx/.xlsx): the page's first load,
#                  within the first-load budget (docs/benchmarks.md);
#   www/pkg/       everything but the writers: fetched by the worker when a file is opened or the
#                  input has a narrative; also the module of the single-file build and of the
#                  check() API;
#   www/pkg/export/ everything and the writers of the correction letter (.docx) and the marked
#                  tables (.xlsx): fetched by the page only when one of them is asked for (the
#                  writers would make the complete module 70 % larger: docs/exports.md).
# Then each Wasm is named by its content and the service worker's list is written
# (scripts/build-assets.mjs), so a cached glue never meets another build's Wasm; and the single
# file (www/kiemso.html, scripts/build-single.mjs) is built for the page to offer for download.
set -euo pipefail
cd "$(dirname "$0")/.."

# binaryen from npm (package.json): Debian's wasm-opt 108 mistranslates the externref table that
# wasm-bindgen emits, and the module then fails to start.
WASM_OPT=node_modules/.bin/wasm-opt
[ -x "$WASM_OPT" ] || { echo "[build] $WASM_OPT missing: run scripts/setup.sh (npm ci)" >&2; exit 1; }

# build OUT_DIR PROFILE WASM_OPT_LEVEL [cargo feature flags…]
# The profiles (Cargo.toml): `wasm` (speed, the first load), `wasm-complete` (speed and size) and
# `wasm-export` (size: the writers' module, fetched on a click).
build() {
  local out=$1 profile=$2 level=$3; shift 3
  cargo build --quiet --profile "$profile" --target wasm32-unknown-unknown --lib "$@"
  local tmp; tmp=$(mktemp -d)
  wasm-bindgen --target web --no-typescript --out-dir "$tmp" "target/wasm32-unknown-unknown/$profile/kiemso.wasm"
  "$WASM_OPT" "$level" --strip-debug --strip-producers \
    --enable-reference-types --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-multivalue \
    "$tmp/kiemso_bg.wasm" -o "$tmp/kiemso_bg.wasm"
  mkdir -p "$out"
  mv "$tmp/kiemso.js" "$tmp/kiemso_bg.wasm" "$out/"
  # The glue's types, written by hand (www/types/pkg/): beside the glue, tsc reads them instead of
  # type-checking the generated JavaScript (tsconfig.json).
  cp "www/types/${out#www/}/kiemso.d.ts" "$out/"
  rm -rf "$tmp"
  echo "[build] $out/kiemso_bg.wasm: $(wc -c < "$out/kiemso_bg.wasm") bytes, $(gzip -9c "$out/kiemso_bg.wasm" | wc -c) gzipped"
}

rm -rf www/pkg
build www/pkg/core wasm -O3 --no-default-features
build www/pkg wasm-complete -Os --no-default-features --features narrative,files,grids,locate,target
build www/pkg/export wasm-export -Oz
node scripts/build-assets.mjs
# The single file the page offers for download (after the Wasm is named, before the list that
# includes it is written again).
node scripts/build-single.mjs --out www/kiemso.html
node scripts/build-assets.mjs
# The app as deployed: www/ with its scripts and styles minified (dist/www/).
node scripts/build-dist.mjs
