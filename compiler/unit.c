/* unit.c — the library's entry points: make a unit over a source text, run
 * the pipeline phase by phase, and hand out dumps and rendered diagnostics.
 * This is the one function-level view of the whole pipeline.
 */
#include "internal.h"
#include "types.h"

#include <stdlib.h>
#include <string.h>

DbUnit *db_unit_new(const char *file_name, const char *src, size_t len,
                    const DbOptions *forced) {
    DbUnit *u = calloc(1, sizeof *u);
    if (!u) return NULL;
    /* Spans are 32-bit offsets; the CLI and the API cap sources far below. */
    if (len > UINT32_MAX / 2) len = UINT32_MAX / 2;
    u->src.name = arena_strndup(&u->arena, file_name, strlen(file_name));
    u->src.text = arena_strndup(&u->arena, src, len);
    u->src.len = (uint32_t)len;
    if (forced) u->forced = *forced;
    return u;
}

/* Where the prelude bodies' local ids start in a preloaded unit: 2^24, far
 * above the locals of any program a worker takes (at most 1 MiB of source,
 * a few bytes per binding). */
enum { PRELUDE_LOCAL_BASE = 1 << 24 };

DbUnit *db_unit_new_preloaded(void) {
    DbUnit *u = calloc(1, sizeof *u);
    if (!u) return NULL;
    u->src.name = "";
    u->src.text = "";
    check_preload(u);
    /* The prelude's bodies too: they depend on no program, db_emit_c would
     * check them first thing in every job (check_fn skips a checked body),
     * and in a forked worker checking them then would write across the
     * prelude's shared pages. Their locals are numbered from far above any
     * program's, so ids stay unique in the unit and the program's own come
     * out exactly as in a unit made without preloading. */
    if (u->tcx) {
        int next = u->tcx->next_local;
        u->tcx->next_local = PRELUDE_LOCAL_BASE;
        check_prelude_bodies(u);
        u->tcx->next_local = next;
    }
    return u;
}

void db_unit_set_source(DbUnit *u, const char *file_name, const char *src, size_t len,
                        const DbOptions *forced) {
    if (u->options_read || u->lexed) return; /* a unit compiles one source */
    if (len > UINT32_MAX / 2) len = UINT32_MAX / 2;
    u->src.name = arena_strndup(&u->arena, file_name, strlen(file_name));
    u->src.text = arena_strndup(&u->arena, src, len);
    u->src.len = (uint32_t)len;
    if (forced) u->forced = *forced;
}

void db_unit_free(DbUnit *u) {
    if (!u) return;
    free(u->src.line_starts);
    buf_free(&u->dump);
    buf_free(&u->rendered);
    buf_free(&u->summary);
    buf_free(&u->lower_out);
    arena_free_all(&u->arena);
    free(u);
}

DbOptions db_options(const DbUnit *u) { return u->opts; }
int db_error_count(const DbUnit *u) { return u->diags.errors; }
int db_warning_count(const DbUnit *u) { return u->diags.warnings; }

uint64_t db_phase_ns(const DbUnit *u, DbTimer which) {
    return which < DB_PHASE_TIMERS ? u->phase_ns[which] : 0;
}

/* The pipeline. Each phase runs once and records that it ran. */
int db_run(DbUnit *u, DbPhase last) {
    options_read(u);
    if (!u->lexed) TIMED(u, DB_TIME_LEX, lex_run(u));
    if (!u->parsed) TIMED(u, DB_TIME_PARSE, parse_run(u));
    if (last == DB_PHASE_PARSE) return u->diags.errors;
    /* Like rustc, dyn compatibility is checked even after syntax errors:
     * the parser recovers at item boundaries and leaves a crate. */
    if (!u->dyn) TIMED(u, DB_TIME_DYN, dyn_run(u));
    if (!u->checked) TIMED(u, DB_TIME_CHECK, check_run(u));
    return u->diags.errors;
}

const char *db_dump(DbUnit *u, DbDump what) {
    u->dump.len = 0;
    buf_puts(&u->dump, "");
    switch (what) {
    case DB_DUMP_TOKENS:
        options_read(u);
        if (!u->lexed) lex_run(u);
        dump_tokens(u, &u->dump);
        break;
    case DB_DUMP_AST:
        db_run(u, DB_PHASE_PARSE);
        dump_ast(u, &u->dump);
        break;
    case DB_DUMP_TYPES:
        db_run(u, DB_PHASE_CHECK);
        check_dump_types(u, &u->dump);
        break;
    }
    return u->dump.s;
}

const char *db_render_diagnostics(DbUnit *u, DbFormat format, bool color) {
    u->rendered.len = 0;
    buf_puts(&u->rendered, "");
    for (Diag *d = u->diags.head; d; d = d->next) {
        if (format == DB_FORMAT_JSON) diag_render_json(u, &u->rendered, d);
        else diag_render_human(u, &u->rendered, d, color);
    }
    return u->rendered.s;
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* rustc's closing lines: the error count, then which codes have an
 * explanation (`For more information about this error, try ...`). */
const char *db_render_summary(DbUnit *u, bool color) {
    Buf *b = &u->summary;
    b->len = 0;
    buf_puts(b, "");
    /* rustc 1.95's exact escape sequences, as diag.c uses them */
    const char *bold_red = color ? "\x1b[1m\x1b[91m" : "";
    const char *bold = color ? "\x1b[1m" : "";
    const char *reset = color ? "\x1b[0m" : "";
    int errors = u->diags.errors, warnings = u->diags.warnings;
    if (errors == 0) {
        if (warnings)
            buf_printf(b, "%swarning%s%s: %d warning%s emitted%s\n\n", color ? "\x1b[1m\x1b[33m" : "",
                       reset, bold, warnings, warnings == 1 ? "" : "s", reset);
        return b->s;
    }
    buf_printf(b, "%serror%s%s: aborting due to ", bold_red, reset, bold);
    if (errors == 1) buf_puts(b, "1 previous error");
    else buf_printf(b, "%d previous errors", errors);
    if (warnings) buf_printf(b, "; %d warning%s emitted", warnings, warnings == 1 ? "" : "s");
    buf_printf(b, "%s\n\n", reset);

    const char *codes[64];
    int n = 0;
    for (Diag *d = u->diags.head; d && n < 64; d = d->next) {
        if (!d->code || d->level != DIAG_ERROR || !db_explain(d->code)) continue;
        bool dup = false;
        for (int i = 0; i < n; i++) dup |= strcmp(codes[i], d->code) == 0;
        if (!dup) codes[n++] = d->code;
    }
    if (n == 0) return b->s;
    qsort(codes, (size_t)n, sizeof codes[0], cmp_str);
    if (n == 1) {
        buf_printf(b, "%sFor more information about this error, try `dynboxc --explain %s`.%s\n",
                   bold, codes[0], reset);
    } else {
        buf_printf(b, "%sSome errors have detailed explanations: ", bold);
        for (int i = 0; i < n; i++)
            buf_printf(b, "%s%s", codes[i], i + 1 < n ? (i + 2 < n ? ", " : ", ") : ".");
        buf_printf(b, "%s\n%sFor more information about an error, try `dynboxc --explain %s`.%s\n",
                   reset, bold, codes[0], reset);
    }
    return b->s;
}
