#!/usr/bin/env bash
# A short fuzz run of every target in fuzz/ (20 s each by default), so that CI notices when a
# change makes any of them crash. Needs the nightly toolchain and cargo-fuzz; without them it says
# why it is skipped and succeeds. Long runs: `cd fuzz && cargo +nightly fuzz run <target>`.
#
#   scripts/fuzz-smoke.sh              every target, 20 s each
#   FUZZ_SECONDS=600 scripts/fuzz-smoke.sh number check
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds="${FUZZ_SECONDS:-20}"

if ! cargo +nightly --version >/dev/null 2>&1; then
  echo "fuzz smoke: skipped: no nightly toolchain (rustup toolchain install nightly)"
  exit 0
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "fuzz smoke: skipped: cargo-fuzz is not installed (cargo install cargo-fuzz)"
  exit 0
fi

if [ "$#" -gt 0 ]; then
  targets=("$@")
else
  mapfile -t targets < <(cargo +nightly fuzz list)
fi

# -O: optimised, so 20 s is many runs; -a: with overflow checks and debug assertions, so an
# arithmetic overflow is a crash here (release builds would silently wrap).
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! nice -n 10 cargo +nightly fuzz build -O -a >"$log" 2>&1; then
  tail -40 "$log"
  echo "fuzz smoke: the fuzz targets do not build"
  exit 1
fi
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  seeds=()
  [ -d "seeds/$t" ] && seeds=("seeds/$t")
  printf 'fuzz smoke: %-10s %3s s ... ' "$t" "$seconds"
  # Leak detection is off: the narrative's word tables are built once and leaked on purpose
  # (`Box::leak` in a `OnceLock`), which LeakSanitizer reports at exit.
  # The file readers run with the 1 MB stack a Wasm instance has, so deep recursion shows here.
  if (case "$t" in docx|xlsx|check_file) ulimit -s 1024 ;; esac
      ASAN_OPTIONS=detect_leaks=0 nice -n 10 cargo +nightly fuzz run -O -a "$t" "corpus/$t" "${seeds[@]}" -- \
        -max_total_time="$seconds" -rss_limit_mb=4096 -print_final_stats=1 -detect_leaks=0) >"$log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    echo "ok (${runs:-?} runs, no crash)"
  else
    echo "FAILED"
    grep -v '^ *#[0-9]' "$log" | tail -40
    echo "fuzz smoke: $t crashed; the input is in fuzz/artifacts/$t/. Reproduce with:"
    echo "  cd fuzz && cargo +nightly fuzz run $t artifacts/$t/<file>"
    exit 1
  fi
done
