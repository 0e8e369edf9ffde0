"""Side by side with what a data person would pick: `frictionless validate` (frictionless-py) with
a Table Schema, against `kiemso check`, on the same generated tables as CSV, one process each,
wall time and peak resident set (from wait4, per process).

The schema (bench/out/table.schema.json, written by `bench gen`) holds what Table Schema can say:
types (Vietnamese numbers), required cells, a unique STT of the right shape, the units as an enum,
values not negative. It cannot say that a total is the sum of its children, nor that a percentage
is its numerator over its denominator, which is what Kiểm số checks.

Usage: python3 bench/frictionless.py --out bench/out --kiemso BIN --frictionless BIN [--rows …] [--runs N]
Writes OUT/frictionless.json. Exits non-zero if either tool crashes or a table is not valid.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

from processes import median, run


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--kiemso", required=True)
    ap.add_argument("--frictionless", required=True)
    ap.add_argument("--rows", default="1000,10000,100000")
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    out = os.path.abspath(a.out)
    kiemso = os.path.abspath(a.kiemso)
    frictionless = os.path.abspath(a.frictionless)
    # frictionless only opens relative paths inside its working directory.
    schema = "table.schema.json"
    version = subprocess.run([frictionless, "--version"], capture_output=True, text=True).stdout.strip()

    # What starting each tool costs: a one-row table.
    with open(os.path.join(out, "table-1.csv"), "w", encoding="utf-8") as f:
        f.write("STT,Chỉ tiêu,Đơn vị tính,Số liệu,Ghi chú\n1.,Số văn bản,Văn bản,14,\n")
    start_k = median([run([kiemso, "check", "table-1.csv"], out)[0] for _ in range(a.runs)])
    start_f = median([run([frictionless, "validate", "--schema", schema, "table-1.csv"], out)[0]
                      for _ in range(a.runs)])

    sizes = []
    for n in [int(x) for x in a.rows.split(",")]:
        table = f"table-{n}.csv"
        runs = a.runs if n <= 10_000 else 1
        # Untimed first: both read the whole table (and the file is in the page cache after).
        # Kiểm số's JSON (100 MB for 100,000 rows) is read by a child process: a parent grown
        # that large would pass its peak resident set on to every later child (Linux counts
        # the memory a child had before it exec'd the tool), and inflate every figure after.
        with tempfile.NamedTemporaryFile(suffix=".json") as j:
            subprocess.run([kiemso, "check", table, "--json"], cwd=out, stdout=j, check=False)
            read = int(subprocess.run(
                [sys.executable, "-c",
                 "import json,sys; print(sum(f['rows'] for f in json.load(open(sys.argv[1]))['forms']))",
                 j.name], capture_output=True, text=True, check=True).stdout)
        report = json.loads(run([frictionless, "validate", "--schema", schema, table, "--json"], out)[3])
        if not report.get("valid"):
            sys.exit(f"frictionless finds {table} invalid: {json.dumps(report)[:2000]}")
        rows = report["tasks"][0]["stats"]["rows"]
        if read != n or rows != n:
            sys.exit(f"{table}: kiemso read {read} rows, frictionless {rows}")
        # Timed: each as a person runs it, with its readable report.
        k = [run([kiemso, "check", table], out) for _ in range(runs)]
        fr = [run([frictionless, "validate", "--schema", schema, table], out) for _ in range(runs)]
        sizes.append({
            "size": n,
            "kiemso_s": median([r[0] for r in k]), "kiemso_rss_kb": max(r[1] for r in k),
            "frictionless_s": median([r[0] for r in fr]), "frictionless_rss_kb": max(r[1] for r in fr),
        })
        print(f"[bench] frictionless: {n} rows done", file=sys.stderr)
    with open(os.path.join(out, "frictionless.json"), "w", encoding="utf-8") as f:
        json.dump({"version": version, "startup": {"kiemso_s": start_k, "frictionless_s": start_f},
                   "sizes": sizes}, f, indent=2)


if __name__ == "__main__":
    main()
