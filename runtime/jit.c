/* jit.c — libtcc in memory, configured to open no file.
 *
 * Owns one TCCState per program and the helper functions libtcc's libtcc1.a
 * would have provided: we pass -nostdlib so libtcc never looks for that
 * archive (or for libc), and hand the few helpers over as symbols instead.
 */
#include "jit.h"
#include "rt_host.h"

#include <libtcc.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Messages kept per program; libtcc stops after a few errors anyway, and a
 * pathological program must not grow the buffer without bound. */
#define MSG_CAP (16 * 1024)

struct JitProgram {
    TCCState *s;
    bool relocated;
    size_t msg_len;
    char msg[MSG_CAP];
};

/* ---- helpers libtcc1.a would provide on x86_64 ---------------------------
 * tcc emits calls to these for unsigned 64-bit <-> floating conversions and
 * for va_arg in a variadic function it compiled; gcc compiles the C below
 * inline, so the semantics are the host compiler's. */

static unsigned long long fixunssfdi(float a) { return (unsigned long long)a; }
static unsigned long long fixunsdfdi(double a) { return (unsigned long long)a; }
static unsigned long long fixunsxfdi(long double a) { return (unsigned long long)a; }
static long long fixsfdi(float a) { return (long long)a; }
static long long fixdfdi(double a) { return (long long)a; }
static long long fixxfdi(long double a) { return (long long)a; }
static float floatundisf(unsigned long long a) { return (float)a; }
static double floatundidf(unsigned long long a) { return (double)a; }
static long double floatundixf(unsigned long long a) { return (long double)a; }

/* The System V x86-64 va_list, which tcc shares with gcc. */
typedef struct VaList {
    unsigned gp_offset;
    unsigned fp_offset;
    char *overflow_arg_area;
    char *reg_save_area;
} VaList;

/* tcc's calling convention for va_arg: `kind` says where the ABI put the
 * argument (0 general registers, 1 SSE registers, 2 memory); the result is
 * the argument's address. The register save area holds 6 general registers
 * (48 bytes) then 8 SSE registers of 16 bytes (up to offset 176). */
static void *va_arg_helper(VaList *ap, int kind, int size, int align)
{
    size_t sz = ((size_t)size + 7) & ~(size_t)7;
    size_t al = ((size_t)align + 7) & ~(size_t)7;
    if (kind == 0 && ap->gp_offset + sz <= 48) {
        ap->gp_offset += (unsigned)sz;
        return ap->reg_save_area + ap->gp_offset - sz;
    }
    if (kind == 1 && sz == 8 && ap->fp_offset + 16 <= 176) {
        ap->fp_offset += 16;
        return ap->reg_save_area + ap->fp_offset - 16;
    }
    if (kind == 1 && sz == 16 && ap->fp_offset + 32 <= 176) {
        /* two SSE eightbytes live 16 bytes apart; make them contiguous */
        char *lo = ap->reg_save_area + ap->fp_offset;
        memmove(lo + 8, lo + 16, 8);
        ap->fp_offset += 32;
        return lo;
    }
    uintptr_t at = ((uintptr_t)ap->overflow_arg_area + al - 1) & ~(uintptr_t)(al - 1);
    ap->overflow_arg_area = (char *)at + sz;
    return (char *)at;
}

static const JitSymbol builtins[] = {
    {"memcpy", (const void *)memcpy},
    {"memmove", (const void *)memmove},
    {"memset", (const void *)memset},
    {"__fixunssfdi", (const void *)fixunssfdi},
    {"__fixunsdfdi", (const void *)fixunsdfdi},
    {"__fixunsxfdi", (const void *)fixunsxfdi},
    {"__fixsfdi", (const void *)fixsfdi},
    {"__fixdfdi", (const void *)fixdfdi},
    {"__fixxfdi", (const void *)fixxfdi},
    {"__floatundisf", (const void *)floatundisf},
    {"__floatundidf", (const void *)floatundidf},
    {"__floatundixf", (const void *)floatundixf},
    {"__va_arg", (const void *)va_arg_helper},
};

/* ---- messages ----------------------------------------------------------- */

static bool path_char(char c)
{
    return c && c != ' ' && c != '\'' && c != '"' && c != ':' && c != ')' &&
           c != ',' && c != '\n' && c != '`';
}

/* Appends one libtcc message with the host's text removed: no "tcc: "
 * prefix, "<string>" becomes "main.c", and an absolute path of two or more
 * components (a header or library libtcc looked for) becomes "<path>". */
static void append_sanitized(JitProgram *p, const char *m)
{
    char *out = p->msg + p->msg_len;
    size_t room = MSG_CAP - p->msg_len, n = 0;
    if (room < 2)
        return;
    if (strncmp(m, "tcc: ", 5) == 0)
        m += 5;
    for (size_t i = 0; m[i] && n + 8 < room;) {
        if (strncmp(m + i, "<string>", 8) == 0) {
            memcpy(out + n, "main.c", 6);
            n += 6;
            i += 8;
            continue;
        }
        bool starts = m[i] == '/' && (i == 0 || strchr(" '\"(`=\n", m[i - 1]));
        if (starts) {
            size_t j = i + 1, slashes = 0;
            while (path_char(m[j]))
                slashes += m[j++] == '/';
            if (slashes > 0) {
                memcpy(out + n, "<path>", 6);
                n += 6;
                i = j;
                continue;
            }
        }
        out[n++] = m[i++];
    }
    out[n++] = '\n';
    out[n] = '\0';
    p->msg_len += n;
}

static void on_error(void *opaque, const char *msg)
{
    append_sanitized(opaque, msg);
}

static void copy_msgs(const JitProgram *p, char *err, size_t errlen, const char *fallback)
{
    if (!err || errlen == 0)
        return;
    const char *src = p && p->msg_len ? p->msg : fallback;
    size_t n = strlen(src);
    if (n >= errlen)
        n = errlen - 1;
    memcpy(err, src, n);
    err[n] = '\0';
}

/* ---- the program -------------------------------------------------------- */

static bool provided(const JitSymbol *syms, size_t nsyms, const char *name)
{
    for (size_t i = 0; i < nsyms; i++)
        if (strcmp(syms[i].name, name) == 0)
            return true;
    return false;
}

int jit_compile(const char *c_text, const JitSymbol *syms, size_t nsyms,
                JitProgram **out, char *err, size_t errlen)
{
    int rc = JIT_INTERNAL;
    *out = NULL;
    JitProgram *p = calloc(1, sizeof *p);
    if (!p) {
        copy_msgs(NULL, err, errlen, "out of memory");
        return JIT_INTERNAL;
    }
    p->s = tcc_new();
    if (!p->s) {
        copy_msgs(NULL, err, errlen, "out of memory");
        goto done;
    }
    /* A path that cannot exist: libtcc derives its include and library
     * directories from it, so even a stray lookup finds nothing. */
    tcc_set_lib_path(p->s, "/nonexistent");
    tcc_set_error_func(p->s, p, on_error);
    /* Options before the output type: tcc_set_output_type adds the default
     * system include paths unless -nostdinc is already set. */
    tcc_set_options(p->s, "-nostdinc -nostdlib");
    if (tcc_set_output_type(p->s, TCC_OUTPUT_MEMORY) < 0) {
        copy_msgs(p, err, errlen, "cannot set up the compiler");
        goto done;
    }
    for (size_t i = 0; i < nsyms; i++)
        tcc_add_symbol(p->s, syms[i].name, syms[i].addr);
    for (size_t i = 0; i < sizeof builtins / sizeof builtins[0]; i++)
        if (!provided(syms, nsyms, builtins[i].name))
            tcc_add_symbol(p->s, builtins[i].name, builtins[i].addr);
    if (tcc_compile_string(p->s, c_text) < 0) {
        rc = JIT_ERROR;
        copy_msgs(p, err, errlen, "compilation failed");
        goto done;
    }
    copy_msgs(p, err, errlen, ""); /* warnings, if any */
    *out = p;
    p = NULL;
    rc = JIT_OK;
done:
    jit_free(p);
    return rc;
}

int jit_compile_dynbox(const char *c_text, JitProgram **out, char *err, size_t errlen)
{
    /* RtSymbol and JitSymbol are the same {name, addr} pair */
    return jit_compile(c_text, (const JitSymbol *)rt_symbols, rt_symbols_count, out, err, errlen);
}

int jit_relocate(JitProgram *p, char *err, size_t errlen)
{
    if (p->relocated) {
        copy_msgs(NULL, err, errlen, "program already relocated");
        return JIT_ERROR;
    }
    p->msg_len = 0;
    p->msg[0] = '\0';
    if (tcc_relocate(p->s, TCC_RELOCATE_AUTO) < 0) {
        copy_msgs(p, err, errlen, "relocation failed");
        return JIT_ERROR;
    }
    p->relocated = true;
    copy_msgs(p, err, errlen, "");
    return JIT_OK;
}

void *jit_entry(JitProgram *p, const char *name)
{
    if (!p || !p->relocated)
        return NULL;
    return tcc_get_symbol(p->s, name);
}

void jit_free(JitProgram *p)
{
    if (!p)
        return;
    if (p->s)
        tcc_delete(p->s);
    free(p);
}
