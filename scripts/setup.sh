#!/usr/bin/env bash
# Installs what building and testing Kiểm số needs, only what is missing: safe to run every time.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

# The wasm-bindgen CLI must equal the crate's pinned version.
WB_VERSION=$(sed -n 's/^wasm-bindgen = "=\(.*\)"/\1/p' Cargo.toml)

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WB_VERSION" ]; then
  say "cargo install wasm-bindgen-cli $WB_VERSION (about 10 minutes, once)"
  # No --locked: the locked set is not all on this registry.
  cargo install wasm-bindgen-cli --version "$WB_VERSION"
fi

# cargo-fuzz, for the fuzz smoke of the tests (it needs the nightly toolchain; without one the
# smoke says it is skipped).
if cargo +nightly --version >/dev/null 2>&1 && ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  say "cargo install cargo-fuzz (a few minutes, once)"
  cargo install cargo-fuzz
fi

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
if [ ${#missing[@]} -gt 0 ]; then
  say "apt-get install ${missing[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ -f package.json ]; then
  stamp=node_modules/.kiemso-lock
  if [ ! -d node_modules ] || ! cmp -s package-lock.json "$stamp" 2>/dev/null; then
    say "npm ci"
    npm ci --no-audit --no-fund --loglevel=error
    cp package-lock.json "$stamp"
  fi
fi

# python-docx and openpyxl, the independent readers tests/export.rs opens the exported .docx and
# .xlsx with (a reader other than ours), in a venv of the worktree (.venv-export, git-ignored).
if [ ! -x .venv-export/bin/python ] || ! .venv-export/bin/python -c 'import docx, openpyxl' 2>/dev/null; then
  say "pip install python-docx openpyxl into .venv-export"
  python3 -m venv .venv-export
  .venv-export/bin/pip install --quiet --disable-pip-version-check python-docx openpyxl
fi
