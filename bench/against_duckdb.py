"""Side by side with an analytical database: the rules Kiểm số infers for the generated tables,
written in SQL for DuckDB, against `kiemso check` on the same CSV. Both give their verdicts by
kind (passed and failed checks of each kind); they must be the same, else the comparison is void
and this script fails.

The rules (src/rules.rs, examples/bench/minimal.rs): a «Tỷ lệ …» row in % with exactly two count
children is child 2 ÷ child 1 × 100 (and child 2 ≤ child 1); a «Tổng …» row (not in %) whose two
or more children share its unit is their sum; every count whole and not negative, every % within
0–100, every amount not negative, every coded row 0 or 1. A figure printed with d decimals
stands for ± ½·10⁻ᵈ; the ratio is compared by cross-multiplication, exactly.

Usage: python3 bench/against_duckdb.py --out bench/out --kiemso BIN [--rows 1000,10000,100000] [--runs N]
(run with the Python of a venv that has duckdb). Writes OUT/duckdb.json.
"""
import argparse
import json
import os
import subprocess
import sys
import time

from processes import median, run

SQL = r"""
WITH raw AS (
  SELECT row_number() OVER () AS i, rtrim(stt, '.') AS stt, lower(ind) AS ind, unit,
         nullif(trim(val), '') AS val
  FROM read_csv($path, header = true, all_varchar = true, quote = '"',
                columns = {'stt': 'VARCHAR', 'ind': 'VARCHAR', 'unit': 'VARCHAR',
                           'val': 'VARCHAR', 'note': 'VARCHAR'})
),
r AS (
  SELECT i, stt, ind, unit,
         CASE WHEN unit = '%' THEN 'percent' WHEN unit LIKE '%=%' THEN 'code'
              WHEN unit LIKE '%đồng%' THEN 'amount' ELSE 'count' END AS kind,
         CAST(replace(replace(val, '.', ''), ',', '.') AS DECIMAL(38, 6)) AS v,
         CASE WHEN val IS NULL OR unit NOT IN ('%') AND unit NOT LIKE '%đồng%' THEN 0
              WHEN strpos(val, ',') = 0 THEN 0.5
              ELSE 0.5 / pow(10, length(val) - strpos(val, ','))::DECIMAL(38, 6) END AS half,
         CASE WHEN strpos(stt, '.') > 0 THEN regexp_replace(stt, '\.[^.]*$', '') END AS parent
  FROM raw
),
row_checks AS (
  SELECT CASE kind WHEN 'count' THEN 'count' WHEN 'code' THEN 'code' ELSE 'range' END AS check_kind,
         CASE kind WHEN 'count' THEN v = floor(v) AND v >= 0
                   WHEN 'code' THEN v IN (0, 1)
                   WHEN 'percent' THEN v >= 0 AND v <= 100
                   ELSE v >= 0 END AS ok
  FROM r WHERE v IS NOT NULL
),
kids AS (
  SELECT c.parent, count(*) AS n, bool_and(c.kind = 'count') AS all_count,
         arg_min(c.v, c.i) AS first_v, arg_max(c.v, c.i) AS second_v,
         bool_and(c.v IS NOT NULL) AS all_values, sum(c.v) AS total, sum(c.half) AS slack,
         list(c.unit) AS units
  FROM r AS c WHERE c.parent IS NOT NULL GROUP BY c.parent
),
rules AS (
  SELECT 'ratio' AS check_kind, abs(p.v * k.first_v - k.second_v * 100) <= p.half * k.first_v AS ok
  FROM r AS p JOIN kids AS k ON k.parent = p.stt
  WHERE p.v IS NOT NULL AND p.kind = 'percent' AND (p.ind LIKE 'tỷ lệ%' OR p.ind LIKE 'tỉ lệ%')
    AND k.n = 2 AND k.all_count AND k.all_values AND k.first_v <> 0
  UNION ALL
  SELECT 'part', k.second_v <= k.first_v
  FROM r AS p JOIN kids AS k ON k.parent = p.stt
  WHERE p.v IS NOT NULL AND p.kind = 'percent' AND (p.ind LIKE 'tỷ lệ%' OR p.ind LIKE 'tỉ lệ%')
    AND k.n = 2 AND k.all_count AND k.all_values
  UNION ALL
  SELECT 'sum', abs(p.v - k.total) <= p.half + k.slack
  FROM r AS p JOIN kids AS k ON k.parent = p.stt
  WHERE p.v IS NOT NULL AND p.kind <> 'percent' AND p.ind LIKE 'tổng%' AND k.n >= 2
    AND k.all_values AND list_unique(list_append(k.units, p.unit)) = 1
)
SELECT check_kind, count(*) FILTER (WHERE ok), count(*) FILTER (WHERE NOT ok)
FROM (SELECT * FROM row_checks UNION ALL SELECT * FROM rules)
GROUP BY check_kind ORDER BY check_kind
"""


def duck_verdicts(path):
    # Imported here: the processes timed first are children of this one, and Linux counts in a
    # child's peak resident set what its parent held when it forked.
    import duckdb

    con = duckdb.connect()
    rows = con.execute(SQL, {"path": path}).fetchall()
    con.close()
    return {k: [p, f] for k, p, f in rows}


# Beyond the page's 200,000 records, `kiemso check` needs `--large` (its read limits raised).
PAGE_RECORDS = 200_000


def large(n):
    return ["--large"] if n >= PAGE_RECORDS else []


def kiemso_verdicts(kiemso, path, n):
    # The JSON goes to a file, read by a child: a parent grown by a 100 MB document would
    # inflate the peak resident set Linux reports for every later child.
    out = subprocess.run([kiemso, "check", path, "--compact", *large(n)], capture_output=True)
    if out.returncode not in (0, 1):
        sys.exit(f"kiemso check {path} failed: {out.stderr.decode(errors='replace')[-500:]}")
    verdicts = {}
    for c in json.loads(out.stdout)["checks"]:
        v = verdicts.setdefault(c["kind"], [0, 0])
        v[0 if c["status"] == "pass" else 1] += 1
    return verdicts


def edited_copy(path):
    """The table with every 50th figure's last digit changed (rows without a note), so that
    failures are compared too: the same edits as `bench minimal`."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for i, line in enumerate(lines):
        if i % 50 == 7 and line.endswith(",") and line[-2:-1].isdigit():
            d = int(line[-2])
            lines[i] = line[:-2] + str((d + 1) % 10) + ","
    edited = path.replace(".csv", "-edited.csv")
    with open(edited, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    return edited


def timed(cmd):
    """Wall seconds and peak RSS (kB) of one process, its output dropped."""
    wall, rss, _, _ = run(cmd, None)
    return wall, rss


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--kiemso", required=True)
    ap.add_argument("--rows", default="1000,10000,100000")
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    out = os.path.abspath(a.out)
    kiemso = os.path.abspath(a.kiemso)
    sizes = []
    ns = [int(x) for x in a.rows.split(",")]
    # Timed first, while this process is small: each tool as a person runs it, one process, its
    # readable output.
    for n in ns:
        path = os.path.join(out, f"table-{n}.csv")
        runs = a.runs if n <= 10_000 else max(1, a.runs // 2)
        me = [sys.executable, os.path.abspath(__file__), "--query-only", path]
        k = [timed([kiemso, "check", path, *large(n)]) for _ in range(runs)]
        d = [timed(me) for _ in range(runs)]
        sizes.append({
            "size": n, "runs": runs,
            "kiemso_s": median([x[0] for x in k]), "kiemso_rss_kb": max(x[1] for x in k),
            "duckdb_process_s": median([x[0] for x in d]), "duckdb_rss_kb": max(x[1] for x in d),
        })
    # Then the same verdicts, on the tables and on copies with edits, and the query alone
    # (DuckDB's own start-up excluded), in this process.
    for entry in sizes:
        n = entry["size"]
        path = os.path.join(out, f"table-{n}.csv")
        ours, theirs = kiemso_verdicts(kiemso, path, n), duck_verdicts(path)
        if ours != theirs:
            sys.exit(f"table-{n}.csv: DuckDB's verdicts {theirs} differ from Kiểm số's {ours}")
        edited = edited_copy(path)
        ours_e, theirs_e = kiemso_verdicts(kiemso, edited, n), duck_verdicts(edited)
        if ours_e != theirs_e or all(f == 0 for _, f in ours_e.values()):
            sys.exit(f"{edited}: DuckDB's verdicts {theirs_e} differ from Kiểm số's {ours_e}")
        query = []
        for _ in range(entry["runs"]):
            t = time.perf_counter()
            duck_verdicts(path)
            query.append(time.perf_counter() - t)
        entry["checks"] = sum(p + f for p, f in ours.values())
        entry["duckdb_query_s"] = median(query)
        print(f"[bench] duckdb: {n} rows done", file=sys.stderr)
    import duckdb

    with open(os.path.join(out, "duckdb.json"), "w", encoding="utf-8") as f:
        json.dump({"version": duckdb.__version__, "sizes": sizes}, f, indent=2)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--query-only":
        duck_verdicts(sys.argv[2])
    else:
        main()
