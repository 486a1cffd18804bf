#!/usr/bin/env python3
"""gen_goldens.py — regenerates the formatting goldens from rustc (run by
hand after changing fmt_cases.txt or upgrading Rust; the outputs are checked
in so the tests need no rustc):

  fmt_cases.txt -> a Rust program -> fmt_cases.out   (records end in \\x1e\\n)
  fmt_floats.rs                   -> fmt_floats.out
  math_floats.rs                  -> math_floats.out  (f64 methods, as bits)
  unicode_chars.rs                -> unicode_chars.out (char properties, case maps)

Usage: python3 tests/runtime/gen_goldens.py   (from the project root)"""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def rust_value(ty, v):
    if ty in ("f64", "f32"):
        special = {"NAN": "NAN", "INF": "INFINITY", "-INF": "NEG_INFINITY"}
        if v in special:
            return "%s::%s" % (ty, special[v])
        return '"%s".parse::<%s>().unwrap()' % (v, ty)
    if ty == "char":
        return "'\\u{%s}'" % v[2:]
    if ty == "str":
        return '"%s"' % v
    if ty in ("bool", "unit"):
        return v
    return "%s%s" % (v, ty)


def cases_program():
    out = ["use std::io::Write;", "fn main() {", "    let mut o = std::io::stdout().lock();"]
    with open(os.path.join(HERE, "fmt_cases.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            ty, v, spec = line.split("\t")
            out.append('    write!(o, "%s\\x1e\\n", %s).unwrap();' % (spec, rust_value(ty, v)))
    out.append("}")
    return "\n".join(out) + "\n"


def run_rust(src_text, out_path, tmp, name):
    src = os.path.join(tmp, name + ".rs")
    with open(src, "w", encoding="utf-8") as f:
        f.write(src_text)
    exe = os.path.join(tmp, name)
    subprocess.run(["rustc", "--edition", "2024", "-O", "-A", "warnings", src, "-o", exe], check=True)
    with open(out_path, "wb") as f:
        subprocess.run([exe], stdout=f, check=True)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        run_rust(cases_program(), os.path.join(HERE, "fmt_cases.out"), tmp, "cases")
        for name in ("fmt_floats", "math_floats", "unicode_chars"):
            with open(os.path.join(HERE, name + ".rs"), encoding="utf-8") as f:
                run_rust(f.read(), os.path.join(HERE, name + ".out"), tmp, name)
    print("wrote fmt_cases.out and the .out of each .rs with", subprocess.run(
        ["rustc", "--version"], capture_output=True, text=True).stdout.strip())


if __name__ == "__main__":
    sys.exit(main())
