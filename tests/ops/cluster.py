#!/usr/bin/env python3
"""cluster.py — more than one machine, on one machine: two dynbox-server
processes sharing one snippet store (PostgreSQL when DYNBOX_TEST_PG is set,
else one SQLite file), each pointed at the same two dynboxd daemons over
loopback TCP.

Checks:
  1. a snippet shared through one server is served by the other;
  2. under load on both servers, one daemon is killed (SIGKILL): every
     request still gets an answer — a correct 200 (retried on the other
     daemon) or a 503 — and none hangs;
  3. the dead daemon is marked unhealthy in /metrics; restarted on its
     port, it is marked healthy again within seconds, and with the other
     daemon gone the jobs are answered by it.

Usage: cluster.py BUILD_DIR
"""
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

build = sys.argv[1]
server_bin = os.path.join(build, "dynbox-server")
daemon_bin = os.path.join(build, "dynboxd")
failures = []
procs = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def start(argv, log):
    p = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT)
    procs.append(p)
    return p


def request(port, method, path, body=None, timeout=20):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def wait_until(pred, seconds):
    end = time.time() + seconds
    while time.time() < end:
        try:
            if pred():
                return True
        except OSError:
            pass
        time.sleep(0.1)
    return False


def start_daemon(port, log):
    p = start([daemon_bin, "--listen", f"tcp:127.0.0.1:{port}", "--workers", "1"], log)
    ok = wait_until(lambda: socket.create_connection(("127.0.0.1", port), 0.5).close() is None, 15)
    return p, ok


def daemon_healthy(server_port, daemon_port):
    _, text = request(server_port, "GET", "/metrics")
    want = f'dynbox_daemon_healthy{{daemon="tcp:127.0.0.1:{daemon_port}"}} 1'
    return want in text.decode()


def run_job(port, n):
    code = f"fn main() {{\n    println!(\"{{}}\", {n});\n}}\n"
    status, body = request(port, "POST", "/api/v1/run", {"code": code})
    if status == 200:
        out = json.loads(body)
        return status, (out.get("run") or {}).get("stdout") == f"{n}\n"
    return status, status == 503


def main():
    tmp = tempfile.mkdtemp(prefix="dynbox-cluster-")
    log = open(os.path.join(tmp, "log"), "w")
    store = os.environ.get("DYNBOX_TEST_PG") or os.path.join(tmp, "shared.db")
    print(f"store: {'postgres' if store.startswith('postgres') else 'one SQLite file'}")
    da, db = free_port(), free_port()
    daemon_a, ok_a = start_daemon(da, log)
    daemon_b, ok_b = start_daemon(db, log)
    check(ok_a and ok_b, "two dynboxd listen on loopback TCP")
    servers = []
    for _ in range(2):
        port = free_port()
        start([server_bin, "--listen", f"127.0.0.1:{port}", "--db", store,
               "--daemon", f"tcp:127.0.0.1:{da}", "--daemon", f"tcp:127.0.0.1:{db}",
               "--rate", "0", "--cache-bytes", "0", "--access-log", "0",
               "--static", os.path.join(tmp, "no-ui"), "--job-timeout-ms", "10000"], log)
        servers.append(port)
    up = all(wait_until(lambda p=p: request(p, "GET", "/healthz", timeout=2)[0] == 200, 15) for p in servers)
    check(up, "two dynbox-server answer /healthz")
    if not up:
        return

    # 1. one store behind both servers
    code = "fn main() {\n    println!(\"shared\");\n}\n"
    st, body = request(servers[0], "POST", "/api/v1/snippets", {"code": code})
    sid = json.loads(body).get("id") if st in (200, 201) else None
    st2, body2 = request(servers[1], "GET", f"/api/v1/snippets/{sid}")
    check(sid is not None and st2 == 200 and json.loads(body2).get("code") == code,
          "a snippet shared on one server is served by the other")

    # 2. load on both servers; kill daemon A a second in
    results, lock = [], threading.Lock()
    stop_at = time.time() + 4.0
    counter = [0]

    def client(i):
        while time.time() < stop_at:
            with lock:
                counter[0] += 1
                n = counter[0]
            t0 = time.time()
            try:
                status, good = run_job(servers[n % 2], n)
            except Exception as e:  # a hang or a broken connection
                status, good = f"{type(e).__name__}", False
            with lock:
                results.append((t0, status, good))

    threads = [threading.Thread(target=client, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    time.sleep(1.0)
    killed_at = time.time()
    daemon_a.send_signal(signal.SIGKILL)
    daemon_a.wait()
    for t in threads:
        t.join()
    answered = [r for r in results if r[1] in (200, 503)]
    wrong = [r for r in results if not r[2]]
    after = [r for r in results if r[0] > killed_at + 0.1 and r[1] == 200 and r[2]]
    statuses = {}
    for r in results:
        statuses[r[1]] = statuses.get(r[1], 0) + 1
    print(f"     load: {len(results)} requests, statuses {statuses}")
    check(len(results) > 0 and len(answered) == len(results) and not wrong,
          "with a daemon killed under load every request got a correct 200 or a 503, none hung")
    check(len(after) > 0, "after the kill, jobs are answered by the other daemon")
    check(wait_until(lambda: not daemon_healthy(servers[0], da), 5),
          "the killed daemon is marked unhealthy in /metrics")

    # 3. restart A on its port: healthy again, and used
    daemon_a, ok = start_daemon(da, log)
    check(ok and wait_until(lambda: daemon_healthy(servers[0], da) and daemon_healthy(servers[1], da), 10),
          "restarted, the daemon is marked healthy again")
    daemon_b.send_signal(signal.SIGKILL)
    daemon_b.wait()
    outcomes = [run_job(servers[k % 2], 100000 + k) for k in range(4)]
    check(all(st == 200 and good for st, good in outcomes),
          "with the other daemon gone, the restarted one answers the jobs")


try:
    main()
finally:
    for p in procs:
        if p.poll() is None:
            p.send_signal(signal.SIGTERM)
    for p in procs:
        try:
            p.wait(timeout=10)
        except subprocess.TimeoutExpired:
            p.kill()
print(f"cluster: {'all passed' if not failures else str(len(failures)) + ' failed'}")
sys.exit(1 if failures else 0)
