#!/usr/bin/env python3
"""Prints the benchmark table from the JSON parts the bench-* targets wrote
and collects them into one results file.

Usage: report.py PARTS_DIR RESULTS_JSON
"""
import json
import os
import sys


def load(path):
    try:
        with open(path) as f:
            return json.loads(f.read())
    except (OSError, ValueError):
        return None


def row(name, value, budget=""):
    print(f"  {name:<52} {value:>16}  {budget}")


def main():
    parts_dir, out_path = sys.argv[1], sys.argv[2]
    results = {}
    for name in sorted(os.listdir(parts_dir)):
        if name.endswith(".json"):
            data = load(os.path.join(parts_dir, name))
            if data is not None:
                results[name[:-5]] = data
    print("dynbox benchmarks (medians unless noted; budgets from DESIGN.md section 10)")
    fe = results.get("frontend")
    if fe:
        print(f"\n3. front end on a generated {fe['lines']}-line program ({fe['runs']} runs)")
        for phase in ("lex", "parse", "dyn", "check", "lower"):
            row(phase, f"{fe[phase + '_ms']:.2f} ms")
        row("total (fresh unit, prelude included)", f"{fe['total_ms']:.2f} ms")
        row("daemon job (prelude preloaded)", f"{fe['job_ms']:.2f} ms")
    missing = [n for n in ("frontend",) if n not in results]
    if missing:
        print("\nnot measured: " + ", ".join(missing))
    with open(out_path, "w") as f:
        json.dump(results, f, indent=2, sort_keys=True)
        f.write("\n")
    print(f"\nwrote {out_path}")


main()
