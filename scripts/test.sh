#!/usr/bin/env bash
# Every test: style, native tests, the Wasm boundary in headless Chromium, the app end to end in
# a real browser, and a quick run of the benchmarks so they do not rot.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

bash scripts/setup.sh

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy"
cargo clippy --quiet --all-targets -- -D warnings

step "native tests (cargo test)"
cargo test --quiet

step "the first-load module's core (no narrative, no files, no grids)"
cargo clippy --quiet --lib --no-default-features -- -D warnings
cargo test --quiet --no-default-features --test first_module

step "Wasm tests in headless Chromium (wasm-bindgen-test)"
# No --quiet: cargo would pass it on to wasm-bindgen-test-runner, which refuses it.
CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test wasm

step "Wasm build for the page"
bash scripts/build-wasm.sh

if [ -f package.json ]; then
  step "single-file build"
  npm run --silent build
  step "the page's scripts type-checked (tsc --noEmit --checkJs, strict)"
  npm run --silent check:types
  step "end-to-end tests in Chromium (Playwright)"
  npm run --silent test:e2e
fi

step "fuzz smoke (every cargo-fuzz target, briefly)"
FUZZ_SECONDS="${FUZZ_SECONDS:-15}" bash scripts/fuzz-smoke.sh

if [ -f scripts/bench.sh ]; then
  step "benchmarks, quick mode (figures only, no timing assertions)"
  bash scripts/bench.sh --quick
fi

step "all tests passed"
