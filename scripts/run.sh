#!/usr/bin/env bash
# Builds the Wasm and serves the app; prints the address to open.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build-wasm.sh
exec node scripts/serve.mjs "$@"
