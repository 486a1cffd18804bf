#!/usr/bin/env python3
"""Row 2 of `make bench`: dynbox against rustc on the same program.

rustc side: tests/twins/http_client.rs (the example with its async methods
through dyn desugared by hand, run on the same executor rules) compiled with
`rustc --edition 2024` and run, each timed as a whole process. dynbox side:
`dynboxc run` of the example itself, compile + JIT + run in one process.
Both outputs must equal the example's .out, or the row is not reported.
Prints one JSON object (medians in ms) on stdout.

Usage: vs_rustc.py DYNBOXC EXAMPLE.rs TWIN.rs EXPECTED.out [RUNS]
"""
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def timed(argv, runs, **kw):
    """Median wall ms of running argv `runs` times, and its last result."""
    times, last = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        last = subprocess.run(argv, capture_output=True, **kw)
        times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times), last


def main():
    dynboxc, example, twin, expected = sys.argv[1:5]
    runs = int(sys.argv[5]) if len(sys.argv) > 5 else 20
    want = open(expected, "rb").read()
    out = {"program": os.path.basename(example), "runs": runs}

    dyn_ms, r = timed([dynboxc, "run", example], runs)
    if r.returncode != 0 or r.stdout != want:
        out["dynbox_error"] = (r.stderr.decode(errors="replace").strip().splitlines() or ["wrong output"])[0]
    else:
        out["dynbox_ms"] = round(dyn_ms, 3)

    if not shutil.which("rustc"):
        out["rustc_skipped"] = "rustc is not installed"
    else:
        with tempfile.TemporaryDirectory() as tmp:
            exe = os.path.join(tmp, "twin")
            compile_ms, r = timed(["rustc", "--edition", "2024", "-o", exe, twin], max(3, runs // 5))
            if r.returncode != 0:
                out["rustc_error"] = r.stderr.decode(errors="replace").strip().splitlines()[0]
            else:
                run_ms, r = timed([exe], runs)
                if r.stdout != want:
                    out["rustc_error"] = "the twin's output differs from the example's .out"
                else:
                    out["rustc_compile_ms"] = round(compile_ms, 3)
                    out["rustc_run_ms"] = round(run_ms, 3)
                    out["rustc_total_ms"] = round(compile_ms + run_ms, 3)
    if "dynbox_ms" in out and "rustc_total_ms" in out:
        out["ratio_rustc_over_dynbox"] = round(out["rustc_total_ms"] / out["dynbox_ms"], 1)
    print(json.dumps(out))


main()
