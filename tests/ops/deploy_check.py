#!/usr/bin/env python3
"""deploy_check.py — deploy/ must describe what exists: every YAML file parses,
every container of the dynbox image runs a program the image has (the
Dockerfile's final stage copies /app/bin/), and every --flag and DYNBOX_*
variable it passes is in that program's --help.

Usage: deploy_check.py BUILD_DIR
"""
import glob
import os
import re
import subprocess
import sys

import yaml

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
build = sys.argv[1]
failures = []
helps = {}


def help_of(program):
    if program not in helps:
        r = subprocess.run([os.path.join(build, program), "--help"], capture_output=True, text=True)
        helps[program] = r.stdout + r.stderr
    return helps[program]


def check_container(where, entry, args, env):
    program = os.path.basename(entry[0]) if entry else "dynbox-server"
    if entry and not entry[0].startswith("/app/bin/"):
        failures.append(f"{where}: runs {entry[0]}, which the image does not have")
        return
    text = help_of(program)
    for a in list(entry[1:]) + list(args):
        if isinstance(a, str) and a.startswith("--") and a.split("=")[0] not in text:
            failures.append(f"{where}: `{a}` is not in `{program} --help`")
    for name in env:
        if name.startswith("DYNBOX_") and name not in text:
            failures.append(f"{where}: variable {name} is not in `{program} --help`")


def main():
    files = sorted(glob.glob(os.path.join(root, "deploy", "**", "*.yaml"), recursive=True))
    containers = 0
    for path in files:
        rel = os.path.relpath(path, root)
        try:
            docs = [d for d in yaml.safe_load_all(open(path)) if d]
        except yaml.YAMLError as e:
            failures.append(f"{rel}: not YAML: {e}")
            continue
        for doc in docs:
            if "services" in doc:  # a compose file
                for name, svc in doc["services"].items():
                    if not str(svc.get("image", "")).startswith("dynbox"):
                        continue
                    containers += 1
                    check_container(f"{rel} service {name}", svc.get("entrypoint") or [],
                                    svc.get("command") or [], (svc.get("environment") or {}).keys())
            elif doc.get("kind") == "Deployment":
                for c in doc["spec"]["template"]["spec"]["containers"]:
                    if not str(c.get("image", "")).startswith("dynbox"):
                        continue
                    containers += 1
                    check_container(f"{rel} {doc['metadata']['name']}/{c['name']}", c.get("command") or [],
                                    c.get("args") or [], [e["name"] for e in c.get("env") or []])
    docs_text = open(os.path.join(root, "docs", "operations.md")).read()
    for path in files:
        rel = os.path.relpath(path, root)
        if rel not in docs_text:
            failures.append(f"{rel} is not described in docs/operations.md")
    for f in failures:
        print("FAIL " + f)
    print(f"deploy: {len(files)} files, {containers} dynbox containers, "
          f"{'all consistent' if not failures else str(len(failures)) + ' problems'}")
    return 1 if failures else 0


sys.exit(main())
