#!/usr/bin/env python3
"""rt_gen.py — generates what hosts hand to libtcc from runtime/rt.h.

  rt_gen.py header  RT_H OUT.c   rt_header_text: rt.h's text as a C string
  rt_gen.py symbols PRE.i OUT.c  rt_symbols: every function and object that
                                 rt.h declares, read from its preprocessed
                                 text (`cc -E -P rt.h`) so the RT_DECL_*
                                 macro families are expanded

The symbol table is derived, never written by hand, so a declaration added
to rt.h is handed to libtcc without anyone remembering to."""
import re
import sys

# Called by tcc's generated code without any declaration in rt.h (struct
# copies and zeroing); libtcc's own float/unsigned helpers come from jit.c.
EXTRA = ["memcpy", "memmove", "memset"]


def c_string(text):
    out = []
    for line in text.splitlines(keepends=True):
        esc = line.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
        esc = esc.replace("\n", "\\n")
        out.append('"' + esc + '"')
    return "\n".join(out) if out else '""'


def gen_header(src, dst):
    with open(src, encoding="utf-8") as f:
        text = f.read()
    body = (
        "/* Generated from runtime/rt.h by runtime/gen/rt_gen.py; do not edit. */\n"
        '#include "../../runtime/rt_host.h"\n\n'
        "const char rt_header_text[] =\n" + c_string(text) + ";\n"
        "const rt_usize rt_header_len = sizeof rt_header_text - 1;\n"
    )
    with open(dst, "w", encoding="utf-8") as f:
        f.write(body)


ATTR = re.compile(r"__attribute__\s*\(\((?:[^()]|\([^()]*\))*\)\)")
IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def top_level_statements(text):
    """Splits at ';' outside braces, dropping everything inside braces."""
    stmts, cur, depth = [], [], 0
    for ch in text:
        if ch == "{":
            depth += 1
            cur.append(" {} ")
        elif ch == "}":
            depth -= 1
        elif depth:
            continue
        elif ch == ";":
            stmts.append(" ".join("".join(cur).split()))
            cur = []
        else:
            cur.append(ch)
    return stmts


def declared_names(pre):
    pre = ATTR.sub(" ", pre)
    names = []
    for st in top_level_statements(pre):
        if not st or st.startswith("typedef") or "{}" in st:
            continue
        if "(" in st:
            head = st[: st.index("(")].rstrip()
            m = re.search(r"([A-Za-z_][A-Za-z0-9_]*)$", head)
            if not m or head.endswith("(*"):
                continue
            names.append(m.group(1))
        elif st.startswith("extern "):
            ids = IDENT.findall(st)
            names.append(ids[-1])
    return names


def gen_symbols(src, dst):
    with open(src, encoding="utf-8") as f:
        names = declared_names(f.read())
    bad = [n for n in names if not n.startswith("rt_")]
    if bad:
        sys.exit("rt_gen.py: rt.h declares names without the rt_ prefix: " + ", ".join(bad))
    seen, uniq = set(), []
    for n in names:
        if n not in seen:
            seen.add(n)
            uniq.append(n)
    lines = [
        "/* Generated from runtime/rt.h by runtime/gen/rt_gen.py; do not edit. */",
        '#include "../../runtime/rt_host.h"   /* written to build/gen/ */',
        "",
        "#include <string.h>",
        "",
        "const RtSymbol rt_symbols[] = {",
    ]
    for n in uniq + EXTRA:
        lines.append('    {"%s", (const void *)&%s},' % (n, n))
    lines.append("};")
    lines.append("const rt_usize rt_symbols_count = sizeof rt_symbols / sizeof rt_symbols[0];")
    with open(dst, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("header", "symbols"):
        sys.exit("usage: rt_gen.py header|symbols IN OUT")
    (gen_header if sys.argv[1] == "header" else gen_symbols)(sys.argv[2], sys.argv[3])


if __name__ == "__main__":
    main()
