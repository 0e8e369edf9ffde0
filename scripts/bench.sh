#!/usr/bin/env bash
# The benchmarks (`make bench`): one table of figures, no assertions on time.
#   scripts/bench.sh          full mode: many iterations, 1k/10k/100k rows, 1,000 reports through
#                             the CLI, a minimal checker, frictionless and DuckDB side by side
#                             (installed in bench/out/venv)
#   scripts/bench.sh --quick  the same benchmarks, small and on the debug build that the tests have
#                             just compiled (CI runs it so they do not rot): its native figures are
#                             not measurements; fails if any benchmark fails, never because of a time
# Native: examples/bench (release build). Browser: bench/browser.mjs (headless Chromium; Wasm in a
# Web Worker, the real app in www/). Generated inputs and results go to bench/out (ignored by git).
set -euo pipefail
cd "$(dirname "$0")/.."

mode=full
case "${1:-}" in
  --quick) mode=quick ;;
  "" | --full) ;;
  *) echo "usage: scripts/bench.sh [--quick]" >&2; exit 2 ;;
esac
say() { printf '\033[1m[bench]\033[0m %s\n' "$*" >&2; }

OUT=bench/out
if [ "$mode" = full ]; then
  ROWS=1000,10000,100000 ITERS=5000 BATCH=1000 BROWSER_FLAGS=() PROFILE=release
else
  ROWS=1000,10000 ITERS=30 BATCH=50 BROWSER_FLAGS=(--quick) PROFILE=debug
fi

bash scripts/setup.sh >&2

say "build ($PROFILE): examples/bench and the kiemso CLI"
if [ "$PROFILE" = release ]; then
  cargo build --quiet --release --example bench --bin kiemso
else
  cargo build --quiet --example bench --bin kiemso
fi
TARGET_DIR=$(cargo metadata --format-version 1 --no-deps | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')
BENCH="$TARGET_DIR/$PROFILE/examples/bench"
KIEMSO="$TARGET_DIR/$PROFILE/kiemso"

# The Wasm the page uses: built afresh in full mode; in quick mode (scripts/test.sh has just built
# it) only when missing.
if [ "$mode" = full ] || ! compgen -G "www/pkg/kiemso_bg.*.wasm" >/dev/null; then
  say "build the Wasm module"
  bash scripts/build-wasm.sh >&2
fi

mkdir -p "$OUT"
rm -f "$OUT"/native.json "$OUT"/browser.json "$OUT"/frictionless.json
say "generate inputs: tables of $ROWS rows, $BATCH reports"
"$BENCH" gen --out "$OUT" --rows "$ROWS" --seed www/examples/khanh-hoa-q3-2024.txt --batch "$BATCH"

"$BENCH" native --out "$OUT" --seed www/examples/khanh-hoa-q3-2024.txt --kiemso "$KIEMSO" \
  --rows "$ROWS" --iters "$ITERS"

node bench/browser.mjs --out "$OUT" --rows "$ROWS" "${BROWSER_FLAGS[@]}"

FRICTIONLESS="$OUT/venv/bin/frictionless"
if [ "$mode" = full ] && { [ ! -x "$FRICTIONLESS" ] || ! "$OUT/venv/bin/python" -c "import duckdb" 2>/dev/null; }; then
  say "install frictionless and duckdb (PyPI) into $OUT/venv"
  python3 -m venv "$OUT/venv"
  "$OUT/venv/bin/pip" install --quiet --disable-pip-version-check frictionless duckdb
fi
if [ -x "$FRICTIONLESS" ]; then
  runs=3; [ "$mode" = quick ] && runs=1
  python3 bench/frictionless.py --out "$OUT" --kiemso "$KIEMSO" --frictionless "$FRICTIONLESS" \
    --rows "$ROWS" --runs "$runs"
else
  say "frictionless is not installed: skipped (the full mode installs it)"
fi
rm -f "$OUT"/duckdb.json
if [ -x "$OUT/venv/bin/python" ] && "$OUT/venv/bin/python" -c "import duckdb" 2>/dev/null; then
  runs=3; [ "$mode" = quick ] && runs=1
  "$OUT/venv/bin/python" bench/against_duckdb.py --out "$OUT" --kiemso "$KIEMSO" --rows "$ROWS" --runs "$runs"
else
  say "duckdb is not installed: skipped (the full mode installs it)"
fi

echo
node bench/table.mjs --out "$OUT" --mode "$mode" --profile "$PROFILE"
