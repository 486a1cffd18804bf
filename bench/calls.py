#!/usr/bin/env python3
"""Row 4 of `make bench`: the generated code's cost of one async method call.

bench/calls/{static,boxed,manual}.rs run a loop of CALLS awaited calls of
the same async method: static dispatch (T: Step, future inline), `.box`
through `dyn Step` (under both ABIs), and a trait whose method returns
Pin<Box<dyn Future>> itself, as Rust code is written today. Each variant is
run by `dynboxc run --json` with CALLS = N and with CALLS = 0; the difference
of the medians over N is the time per call (compile and JIT cancel out).
Allocations per call come from the ledger (boxed futures / N): they must be
exactly 0 for static and 1 for the others. Prints one JSON object.

Usage: calls.py DYNBOXC [N] [RUNS]
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

VARIANTS = [("static", "static", "vtable-size"), ("boxed_vtable_size", "boxed", "vtable-size"),
            ("boxed_callee", "boxed", "callee"), ("manual", "manual", "vtable-size")]


def run(dynboxc, path, abi):
    t0 = time.perf_counter()
    r = subprocess.run([dynboxc, "run", "--json", f"--abi={abi}", path], capture_output=True, text=True)
    wall = (time.perf_counter() - t0) * 1e3
    return wall, json.loads(r.stdout) if r.stdout.startswith("{") else {"status": "no output", "stderr": r.stderr}


def main():
    dynboxc = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 1000000
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "calls")
    out = {"calls": n, "runs": runs}
    with tempfile.TemporaryDirectory() as tmp:
        for name, prog, abi in VARIANTS:
            src = open(os.path.join(here, prog + ".rs")).read()
            paths = {}
            for k in (0, n):
                paths[k] = os.path.join(tmp, f"{name}_{k}.rs")
                with open(paths[k], "w") as f:
                    f.write(src.replace("CALLS", str(k)))
            walls = {0: [], n: []}
            result = None
            for _ in range(runs):
                for k in (0, n):
                    wall, res = run(dynboxc, paths[k], abi)
                    walls[k].append(wall)
                    if k == n:
                        result = res
            if result.get("status") != "ok":
                out[name] = {"error": result.get("status", "?") + ": " + (result.get("stderr") or "").strip()[:200]}
                continue
            boxed = next(k["allocs"] for k in result["ledger"]["kinds"] if k["kind"] == "boxed future")
            ns = (statistics.median(walls[n]) - statistics.median(walls[0])) * 1e6 / n
            out[name] = {"abi": abi, "ns_per_call": round(ns, 2), "boxed_allocs": boxed,
                         "allocs_per_call": boxed / n, "live_bytes": result["ledger"]["live_bytes"]}
    if "ns_per_call" in out.get("static", {}) and "ns_per_call" in out.get("boxed_vtable_size", {}):
        out["boxed_over_static"] = round(out["boxed_vtable_size"]["ns_per_call"] /
                                         max(out["static"]["ns_per_call"], 1e-9), 2)
    print(json.dumps(out))


main()
