/* jit.h — compiles C text to machine code in memory with libtcc.
 *
 * Owns the libtcc state of one program. libtcc is configured to open no file
 * (no include or library paths, -nostdinc -nostdlib): everything the program
 * calls is handed over as a symbol. Compile and relocate are separate steps
 * because relocation needs mprotect(PROT_EXEC), which the sandbox forbids
 * once its seccomp filter is loaded: relocate first, then lock down, then run.
 */
#ifndef DYNBOX_JIT_H
#define DYNBOX_JIT_H

#include <stddef.h>

/* A function or object the program may use, by C name. */
typedef struct JitSymbol {
    const char *name;
    const void *addr;
} JitSymbol;

typedef struct JitProgram JitProgram;

enum {
    JIT_OK = 0,
    JIT_ERROR = -1,    /* the C text has errors; `err` holds them */
    JIT_INTERNAL = -2, /* libtcc could not be set up (out of memory) */
};

/* Compiles `c_text` (NUL-terminated) into a new program that can call the
 * `nsyms` symbols of `syms` plus the few helpers libtcc's own runtime would
 * have provided (memcpy, memmove, memset, 64-bit float conversions, va_arg).
 * On JIT_OK `*out` owns the program; otherwise `*out` is NULL and `err`
 * holds the messages, one a line, with no host path in them ("main.c:3:
 * error: ..."). `err` may be NULL when errlen is 0. */
int jit_compile(const char *c_text, const JitSymbol *syms, size_t nsyms,
                JitProgram **out, char *err, size_t errlen);

/* The entry point of lowered dynbox C (db_emit_c): `void dynbox_main(void)`,
 * which a host runs with rt_host_run. */
#define JIT_DYNBOX_ENTRY "dynbox_main"

/* jit_compile for the C text db_emit_c produced: the program may call the
 * runtime's whole symbol table (rt_symbols of rt_host.h) and nothing else.
 * The one way every host (dynboxc run, dynboxd's worker) JITs a program;
 * callers of it link the runtime library. */
int jit_compile_dynbox(const char *c_text, JitProgram **out, char *err, size_t errlen);

/* Links the program into executable memory (mmap/mprotect with PROT_EXEC).
 * Must run before the seccomp filter. JIT_ERROR with a message when a
 * symbol is undefined. Calling it twice is an error. */
int jit_relocate(JitProgram *p, char *err, size_t errlen);

/* Address of a relocated symbol, or NULL. */
void *jit_entry(JitProgram *p, const char *name);

/* Releases the program and its code. */
void jit_free(JitProgram *p);

#endif
