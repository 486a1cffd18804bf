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
    e2e = results.get("e2e")
    if e2e:
        print(f"\n1. POST /api/v1/run of {e2e['program']} end to end ({e2e['seconds']:.0f} s per phase, "
              f"{e2e['cores']} cores; a request counts when its verdict is ok)")
        for key, what in (("uncached_c1", "uncached, concurrency 1"), ("uncached_c8", "uncached, concurrency 8"),
                          ("cached_c8", "cache hits, concurrency 8")):
            ph = e2e.get(key, {})
            if "p50_ms" not in ph:
                row(what, "not measured", ph.get("error", ""))
                continue
            good = ph["requests"] - ph["errors"]
            note = f"({ph['errors']} of {ph['requests']} not ok)" if ph["errors"] else ""
            row(f"{what}: p50 / p99 / max",
                f"{ph['p50_ms']:.2f} / {ph['p99_ms']:.2f} / {ph['max_ms']:.1f} ms",
                "budget p50 <= 3, p99 <= 15 ms" if key == "uncached_c1" else note)
            row(f"{what}: requests per second", f"{good / e2e['seconds']:.0f} /s",
                "budget >= 400 /s" if key == "uncached_c8" else
                "budget >= 10,000 /s" if key == "cached_c8" else note)
    rc = results.get("rustc")
    if rc:
        print(f"\n2. versus rustc on {rc['program']} (whole processes, {rc['runs']} runs)")
        if "dynbox_ms" in rc:
            row("dynboxc run (compile + JIT + run)", f"{rc['dynbox_ms']:.2f} ms")
        else:
            row("dynboxc run", "not measured", rc.get("dynbox_error", ""))
        if "rustc_total_ms" in rc:
            row("rustc --edition 2024 (compile)", f"{rc['rustc_compile_ms']:.2f} ms")
            row("the rustc binary (run)", f"{rc['rustc_run_ms']:.2f} ms")
        else:
            row("rustc", "not measured", rc.get("rustc_skipped", rc.get("rustc_error", "")))
        if "ratio_rustc_over_dynbox" in rc:
            row("rustc (compile + run) / dynbox", f"{rc['ratio_rustc_over_dynbox']:.1f}x")
    fe = results.get("frontend")
    if fe:
        print(f"\n3. front end on a generated {fe['lines']}-line program ({fe['runs']} runs)")
        for phase in ("lex", "parse", "dyn", "check", "lower"):
            row(phase, f"{fe[phase + '_ms']:.2f} ms")
        row("total (fresh unit, prelude included)", f"{fe['total_ms']:.2f} ms")
        row("daemon job (prelude preloaded)", f"{fe['job_ms']:.2f} ms")
        if "tcc_ms" in fe:
            row(f"libtcc on the {fe['c_bytes'] // 1024} KiB of C produced", f"{fe['tcc_ms']:.2f} ms",
                "budget: front end (lex to C) < libtcc")
            front = sum(fe[p + "_ms"] for p in ("lex", "parse", "dyn", "check", "lower"))
            row("front end (lex to C) / libtcc", f"{front / fe['tcc_ms']:.2f}x", "budget < 1x")
        else:
            row("lower + libtcc", "not measured", fe.get("lower_error", ""))
    calls = results.get("calls")
    if calls:
        print(f"\n4. generated code: {calls['calls']:,} awaited calls of one async method "
              f"({calls['runs']} runs, median)")
        names = (("static", "static dispatch (T: Step)"), ("boxed_vtable_size", ".box through dyn, abi=vtable-size"),
                 ("boxed_callee", ".box through dyn, abi=callee"),
                 ("manual", "trait returning Pin<Box<dyn Future>>"))
        for key, what in names:
            v = calls.get(key, {})
            if "ns_per_call" not in v:
                row(what, "not measured", v.get("error", ""))
                continue
            budget = "budget: exactly 0 allocs" if key == "static" else "budget: exactly 1 alloc"
            row(what, f"{v['ns_per_call']:.1f} ns, {v['allocs_per_call']:g} allocs/call", budget)
        if "boxed_over_static" in calls:
            row(".box / static", f"{calls['boxed_over_static']:.2f}x", "budget <= 2x")
    dm = results.get("daemon")
    if dm:
        print(f"\n5. daemon stages for {os.path.basename(dm['program'])} ({dm['runs']} jobs, one at a time)")
        for stage, v in dm.get("stages", {}).items():
            row(stage, f"{v['p50_us'] / 1e3:.2f} / {v['p99_us'] / 1e3:.2f} ms", "p50 / p99")
        if dm.get("fallback_reason"):
            print(f"  (measured on {dm['program']}: {dm['fallback_reason']})")
    missing = [n for n in ("e2e", "rustc", "frontend", "calls", "daemon") if n not in results]
    if missing:
        print("\nnot measured: " + ", ".join(missing))
    with open(out_path, "w") as f:
        json.dump(results, f, indent=2, sort_keys=True)
        f.write("\n")
    print(f"\nwrote {out_path}")


main()
