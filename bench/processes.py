"""Timing processes for the side-by-side benchmarks (bench/frictionless.py,
bench/against_duckdb.py): wall time and peak resident set of one process, and medians."""
import os
import subprocess
import sys
import tempfile
import time


def run(cmd, cwd):
    """Runs cmd; returns (wall seconds, peak RSS in kB, exit code, stdout)."""
    with tempfile.TemporaryFile() as err:
        t = time.perf_counter()
        p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=err)
        out = p.stdout.read()
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t
        p.returncode = code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            err.seek(0)
            sys.exit(f"{' '.join(cmd)} failed ({code}): {err.read().decode(errors='replace')[-2000:]}")
    return wall, usage.ru_maxrss, code, out


def median(xs):
    s = sorted(xs)
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2
