#!/usr/bin/env python3
"""The exact budgets of DESIGN.md section 10, read from bench/results.json
(written by `make bench`): a static call of an async method allocates
nothing, a `.box` call through dyn (either ABI) and the hand-written
Pin<Box<dyn Future>> trait allocate exactly one boxed future per call, and
nothing stays live. Timings in the file are reported by `make bench`, never
asserted here: the machines are noisy.

Usage: budgets.py RESULTS_JSON
"""
import json
import sys

path = sys.argv[1]
try:
    results = json.load(open(path))
except OSError:
    print(f"test-budgets: skipped ({path} does not exist; `make bench` writes it)")
    sys.exit(0)

calls = results.get("calls")
failures = []
if not calls:
    failures.append("no `calls` part (row 4): run `make bench`")
else:
    want = {"static": 0, "boxed_vtable_size": 1, "boxed_callee": 1, "manual": 1}
    for name, per_call in want.items():
        v = calls.get(name, {})
        if "boxed_allocs" not in v:
            failures.append(f"{name}: not measured ({v.get('error', 'missing')})")
            continue
        if v["boxed_allocs"] != per_call * calls["calls"]:
            failures.append(f"{name}: {v['boxed_allocs']} boxed futures for {calls['calls']} calls, "
                            f"expected exactly {per_call} per call")
        if v["live_bytes"] != 0:
            failures.append(f"{name}: {v['live_bytes']} bytes still live at exit")
for f in failures:
    print("FAIL " + f)
print(f"test-budgets: {'exact budgets hold' if not failures else str(len(failures)) + ' failed'} "
      f"({path})")
sys.exit(1 if failures else 0)
