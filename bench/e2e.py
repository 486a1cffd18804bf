#!/usr/bin/env python3
"""Row 1 of `make bench`: POST /api/v1/run end to end through dynbox-server and
the dynboxd it starts, on loopback, with bench/load (closed loop, keep-alive).

Three phases on one server: uncached at concurrency 1 and at concurrency 8
(every request's code differs, so compile and run happen each time), and the
cache-hit path at concurrency 8. A request counts only when it is a 200 whose
run verdict is ok. Prints one JSON object.

Usage: e2e.py BUILD_DIR PROGRAM.rs [SECONDS]
"""
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def main():
    build, program = sys.argv[1], sys.argv[2]
    seconds = sys.argv[3] if len(sys.argv) > 3 else "5"
    port = free_port()
    data = f"/tmp/dynbox-bench-{os.getpid()}"
    server = subprocess.Popen(
        [os.path.join(build, "dynbox-server"), "--listen", f"127.0.0.1:{port}", "--db", f"{data}/b.db",
         "--rate", "0", "--access-log", "0", "--max-jobs", "256"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    out = {"program": os.path.basename(program), "seconds": float(seconds), "cores": os.cpu_count()}
    try:
        deadline = time.time() + 20
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as r:
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(0.1)
        phases = [("uncached_c1", ["--uncached", "--conns", "1"]),
                  ("uncached_c8", ["--uncached", "--conns", "8"]),
                  ("cached_c8", ["--conns", "8"])]
        for name, args in phases:
            r = subprocess.run([os.path.join(build, "bench", "load"), "--port", str(port), "--path",
                                "/api/v1/run", "--file", program, "--seconds", seconds,
                                "--expect", '"verdict":"ok"'] + args, capture_output=True, text=True)
            try:
                out[name] = json.loads(r.stdout)
            except ValueError:
                out[name] = {"error": (r.stderr or "no output").strip().splitlines()[-1]}
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        subprocess.run(["rm", "-rf", data])
    print(json.dumps(out))


main()
