#!/usr/bin/env bash
# Builds the Wasm and serves the app (www/, the sources: edit and reload); prints the address to
# open. The app as deployed, minified, is dist/www/: `node scripts/serve.mjs --root dist/www`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build-wasm.sh
exec node scripts/serve.mjs "$@"
