/* rt_host.h — the runtime as the host (dynboxc, dynboxd, tests) sees it: the
 * header text and symbol table to hand to libtcc, configuration, running a
 * program's entry point, and reading the output and the allocation ledger.
 * Ownership: everything returned here is owned by the runtime and stays
 * valid until the next rt_host_init or rt_host_release. */
#ifndef DYNBOX_RT_HOST_H
#define DYNBOX_RT_HOST_H

#include "rt.h"

/* ---- For libtcc (generated into the build directory from rt.h) ---- */

/* The text of rt.h, to prepend to generated C (NUL-terminated). */
extern const char rt_header_text[];
extern const rt_usize rt_header_len;

/* Every function and object rt.h declares (generated from its text by
 * runtime/gen/rt_gen.py, so none can be forgotten), plus memcpy, memmove
 * and memset, which tcc's generated code calls without a declaration; hand
 * each to tcc_add_symbol. libtcc1's float/unsigned conversions (__fixunsdfdi
 * ...) are jit.c's to add. */
typedef struct RtSymbol {
    const char *name;
    const void *addr;
} RtSymbol;
extern const RtSymbol rt_symbols[];
extern const rt_usize rt_symbols_count;

/* ---- Running a program ---- */

/* Output kept per run, stdout and stderr together: the sandbox's limit. */
#define RT_DEFAULT_OUTPUT_CAP ((rt_usize)1 << 20)

typedef struct RtConfig {
    rt_usize output_cap;   /* 0 means RT_DEFAULT_OUTPUT_CAP */
    /* Nonzero: flushing writes the output to fds 1 and 2 (in print order);
     * zero: output is only kept in memory for rt_host_output. */
    rt_bool write_fds;
    /* Called when a panic ends the program, after the output is flushed and
     * just before exit_group(101), so the host can still report the ledger;
     * must not return control to the program. May be RT_NULL. */
    void (*on_exit)(int status, void *ctx);
    void *on_exit_ctx;
    const char *file_name; /* in panic messages; RT_NULL means "main.rs" */
    /* With write_fds: write to fds 1 and 2 once this many bytes are pending;
     * 0 means 64 KiB. A sandbox sets 1, so everything printed before the
     * program is killed has reached its pipes. */
    rt_usize flush_bytes;
    /* Called instead of abort() when an allocation fails, after the output
     * flush and the "memory allocation of N bytes failed" line, so a sandbox
     * can report "memory" rather than a crash, with on_exit_ctx; must not
     * return. May be RT_NULL. */
    void (*on_oom)(void *ctx);
} RtConfig;

/* Resets every piece of runtime state (ledger, output, clock, tasks) for a
 * new run. cfg may be RT_NULL for the defaults. */
void rt_host_init(const RtConfig *cfg);

/* Runs entry (the generated program's main), then drops the tasks still
 * queued in creation order and flushes the output. Returns 0. A panic does
 * not return: it exits the process with 101 (see RtConfig.on_exit). */
int rt_host_run(void (*entry)(void));

/* Writes the output not yet written (when write_fds is set). */
void rt_host_flush(void);

/* Frees the runtime's own buffers (output, site table); the ledger's
 * numbers are gone afterwards. For hosts that run many programs. */
void rt_host_release(void);

/* ---- Output ---- */

/* One print call (print!, println!, eprint!, a panic message...), in order.
 * offset/len index the stream's bytes from rt_host_output. */
typedef struct RtOutputEvent {
    rt_u32 stream;       /* RT_STDOUT or RT_STDERR */
    rt_u64 time_ms;      /* virtual time of the print */
    rt_usize offset;
    rt_usize len;
} RtOutputEvent;
const RtOutputEvent *rt_host_events(rt_usize *count);
const rt_u8 *rt_host_output(rt_u32 stream, rt_usize *len);
/* Nonzero when output was cut at the cap. */
rt_bool rt_host_output_truncated(void);

/* ---- Allocation ledger ---- */

typedef struct RtKindStats {
    rt_u64 allocs;       /* rt_alloc calls */
    rt_u64 reallocs;     /* rt_realloc calls (growth of String/Vec) */
    rt_u64 frees;
    rt_u64 bytes;        /* sizes passed to rt_alloc plus growth by rt_realloc */
    rt_u64 live_count;   /* allocated and not freed */
    rt_u64 live_bytes;
} RtKindStats;

/* One `.box` / dyn_box! call site, in order of first allocation. */
typedef struct RtSiteStats {
    rt_u32 line;
    rt_u32 col;
    const char *text;    /* a copy owned by the runtime */
    rt_u64 allocs;
    rt_u64 bytes;
} RtSiteStats;

void rt_host_kind_stats(rt_u32 kind, RtKindStats *out);
/* "boxed future", "Box", "String", "Vec", "task", "closure", "other". */
const char *rt_host_kind_name(rt_u32 kind);
rt_usize rt_host_site_count(void);
const RtSiteStats *rt_host_site(rt_usize index);
/* After a normal exit anything live is a leak. */
rt_u64 rt_host_live_count(void);
rt_u64 rt_host_live_bytes(void);
rt_u64 rt_host_peak_bytes(void);

/* The virtual clock (ms) now, e.g. at the end of the run. */
rt_u64 rt_host_now(void);

#endif /* DYNBOX_RT_HOST_H */
