#!/usr/bin/env bash
# The golden corpus: proves a change output-neutral. Builds `kiemso` at BASE (a commit, default
# HEAD) and in the working tree, runs both over every input of the corpus (`kiemso check --json`,
# and `--all` for the text output), and diffs what they print. Exit 0 when every output is byte
# for byte the same, 1 with the first differences otherwise.
#
#   scripts/golden.sh [BASE]
#
# The corpus (tests/golden/): the example report; every fixture of tests/fixtures (text, Word,
# Excel, grids, units); every fuzz seed of the `check` target; the texts of the narrative corpus
# (tests/corpus/narrative, one input per source); and 400 digit mutations and 100 slices of the
# example report, made by tests/golden/mutate.py (deterministic). Outputs go to target/golden/
# (ignored by git); nothing in it is expected to be committed: a change that should alter the
# output (an improvement) is proved by reading the diff, not by updating a frozen copy.
set -euo pipefail
cd "$(dirname "$0")/.."
BASE=${1:-HEAD}
OUT=target/golden
rm -rf "$OUT"
mkdir -p "$OUT/inputs" "$OUT/base" "$OUT/work"

say() { printf '\033[1m[golden]\033[0m %s\n' "$*" >&2; }

say "inputs"
python3 tests/golden/mutate.py --seed www/examples/khanh-hoa-q3-2024.txt --corpus tests/corpus/narrative --out "$OUT/inputs"
inputs=(www/examples/khanh-hoa-q3-2024.txt)
while IFS= read -r f; do inputs+=("$f"); done < <(find tests/fixtures fuzz/seeds/check "$OUT/inputs" -type f \
  \( -name '*.txt' -o -name '*.tsv' -o -name '*.csv' -o -name '*.docx' -o -name '*.xlsx' -o -name '*.html' \) | sort)
say "${#inputs[@]} inputs"

# Both builds share the target directory: the dependencies compile once.
TARGET_DIR=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
say "build $BASE"
tree=$(mktemp -d)
git worktree add --quiet --detach "$tree" "$BASE"
trap 'git worktree remove --force "$tree" >/dev/null 2>&1 || true' EXIT
(cd "$tree" && CARGO_TARGET_DIR="$TARGET_DIR" cargo build --quiet --release --bin kiemso)
cp "$TARGET_DIR/release/kiemso" "$OUT/kiemso-base"

say "build the working tree"
cargo build --quiet --release --bin kiemso
cp "$TARGET_DIR/release/kiemso" "$OUT/kiemso-work"

run() { # BIN DIR
  local i=0
  for f in "${inputs[@]}"; do
    i=$((i + 1))
    "$1" check "$f" --json > "$2/$i.json" 2>&1 || true
    "$1" check "$f" --all > "$2/$i.txt" 2>&1 || true
  done
}
say "run both"
run "$OUT/kiemso-base" "$OUT/base"
run "$OUT/kiemso-work" "$OUT/work"

if diff -rq "$OUT/base" "$OUT/work" > "$OUT/diff.txt"; then
  say "the same output for all ${#inputs[@]} inputs (JSON and text)"
else
  say "$(wc -l < "$OUT/diff.txt") outputs differ; the first:"
  first=$(head -1 "$OUT/diff.txt" | awk '{print $2}')
  n=$(basename "$first" | cut -d. -f1)
  echo "input: ${inputs[$((n - 1))]}" >&2
  diff "$first" "${first/base/work}" | head -40 >&2 || true
  exit 1
fi
