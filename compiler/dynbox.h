/* dynbox.h — the public interface of the dynbox compiler library.
 *
 * The library is pure: source text in, a DbUnit out (diagnostics, dumps), no
 * globals and no I/O. The CLI, the daemon, the tests and the fuzzer all call
 * the same functions. A DbUnit owns every byte it hands out; db_unit_free
 * releases all of it in one call.
 */
#ifndef DYNBOX_H
#define DYNBOX_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

#define DB_VERSION "0.1.0"

/* Largest accepted source, in bytes (DESIGN.md section 8: 64 KiB). The CLI
 * enforces it; the library itself accepts any size so tests can exceed it. */
#define DB_MAX_SOURCE (64 * 1024)

typedef enum { DB_RULES_METHOD_SCOPE, DB_RULES_STABLE } DbRules;
typedef enum { DB_ABI_VTABLE_SIZE, DB_ABI_CALLEE } DbAbi;

/* Options a caller may force; a `// dynbox:` first line fills the ones left
 * unset. Caller-set options win over the file's line, as the API promises. */
typedef struct DbOptions {
    DbRules rules;
    DbAbi abi;
    bool rules_set;
    bool abi_set;
} DbOptions;

typedef enum { DB_PHASE_PARSE, DB_PHASE_CHECK } DbPhase;
typedef enum { DB_DUMP_TOKENS, DB_DUMP_AST, DB_DUMP_TYPES } DbDump;
typedef enum { DB_FORMAT_HUMAN, DB_FORMAT_JSON } DbFormat;

typedef struct DbUnit DbUnit;

/* Makes a compilation unit over a copy of `src` (`len` bytes, may contain NUL
 * or invalid UTF-8). `file_name` is what diagnostics call the file. `forced`
 * may be NULL. Returns NULL only when memory is exhausted. */
DbUnit *db_unit_new(const char *file_name, const char *src, size_t len,
                    const DbOptions *forced);
void db_unit_free(DbUnit *u);

/* A unit with the standard prelude already loaded and no source yet: a
 * daemon's pre-forked worker makes one while it waits for a job, then hands
 * it the program with db_unit_set_source (once), so the job does not pay for
 * the prelude. Returns NULL only when memory is exhausted. */
DbUnit *db_unit_new_preloaded(void);
void db_unit_set_source(DbUnit *u, const char *file_name, const char *src, size_t len,
                        const DbOptions *forced);

/* Runs the pipeline up to and including `last`. Phases run once; calling
 * again with a later phase continues. Returns the number of errors so far. */
int db_run(DbUnit *u, DbPhase last);

/* Wall time each phase took in this unit, in nanoseconds (0 for a phase
 * that has not run): for the compile result's timings and the benchmarks. */
typedef enum {
    DB_TIME_LEX,
    DB_TIME_PARSE,
    DB_TIME_DYN,      /* dyn-compatibility analysis */
    DB_TIME_CHECK,    /* resolution and type checking (prelude included) */
    DB_TIME_LOWER,    /* lowering to C */
    DB_PHASE_TIMERS
} DbTimer;
uint64_t db_phase_ns(const DbUnit *u, DbTimer which);

/* The effective options after reading the file's `// dynbox:` line. */
DbOptions db_options(const DbUnit *u);

int db_error_count(const DbUnit *u);
int db_warning_count(const DbUnit *u);

/* Text of a phase dump (NUL-terminated, owned by the unit). Runs the phases
 * the dump needs. */
const char *db_dump(DbUnit *u, DbDump what);

/* All diagnostics rendered: human (rustc's terminal layout, ANSI colours when
 * `color`) or JSON (rustc's diagnostic shape, one object per line). Owned by
 * the unit. */
const char *db_render_diagnostics(DbUnit *u, DbFormat format, bool color);

/* rustc's closing lines ("error: aborting due to ..."), empty when clean. */
const char *db_render_summary(DbUnit *u, bool color);

/* The dyn-compatibility report (runs the pipeline through DB_PHASE_CHECK):
 * every trait's verdict under both rule sets, each method's dispatch class
 * and reason, and the vtable layout per impl. Human text, or JSON as
 * docs/explain.md describes. Owned by the unit. */
const char *db_explain_report(DbUnit *u, DbFormat format);

/* The futures' sizes in that report (fut_size/fut_align of boxed slots),
 * which only a C compiler knows: db_explain_layout_probe lowers the program
 * in a unit of its own (u's diagnostics stay as they are) and returns that C
 * plus a table `const rt_usize DB_LAYOUT_TABLE[]` (size, align per future),
 * owned by u; NULL when there is nothing to measure or the lowering refuses
 * the program (the report then says why). The host compiles it as it would
 * run it, and hands the table (or NULL and the compiler's message) to
 * db_explain_set_layouts before db_explain_report. Without a probe the
 * report shows the sizes as unknown. */
#define DB_LAYOUT_TABLE "dynbox_fut_layouts"
const char *db_explain_layout_probe(DbUnit *u);
void db_explain_set_layouts(DbUnit *u, const size_t *table, const char *why);

/* Runs check and the lowering; returns the whole C99 translation unit (the
 * text of runtime/rt.h first, so libtcc needs no include path, then the
 * program), NUL-terminated, owned by the unit; `*len` (may be NULL) gets its
 * length. The program's entry is `void dynbox_main(void)`, which a host runs
 * with rt_host_run(dynbox_main). NULL when the program has errors, including
 * constructs the lowering does not support yet (diagnostics are in the unit). */
const char *db_emit_c(DbUnit *u, size_t *len);

/* The long explanation of an error code (E0038, DB0001, ...), or NULL. */
const char *db_explain(const char *code);

#endif
