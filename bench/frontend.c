/* frontend.c — the front end's time per phase on one program.
 *
 * Compiles the program RUNS times through the library (a fresh unit each
 * time, as the daemon does) and prints the median time of each phase as one
 * JSON object: lex, parse, dyn, check, and the total; the program's size in
 * lines and bytes. The daemon's per-job path (prelude loaded before the job)
 * is measured too: `job_ms` is the median of set_source + check on a unit
 * made with db_unit_new_preloaded. Then the program is lowered to C
 * (db_emit_c, the "lower" phase) and that C compiled by libtcc in memory as
 * a job does (jit_compile_dynbox + relocation): `tcc_ms`, and `c_bytes`. When
 * the lowering refuses the program, `lower_error` says why.
 *
 * Usage: frontend PROGRAM.rs [RUNS]
 */
#include "dynbox.h"
#include "jit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n) {
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fputs("usage: frontend PROGRAM.rs [RUNS]\n", stderr);
        return 2;
    }
    int runs = argc > 2 ? atoi(argv[2]) : 9;
    if (runs < 1 || runs > 1000) runs = 9;
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        fprintf(stderr, "frontend: cannot open %s\n", argv[1]);
        return 1;
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *src = malloc((size_t)n + 1);
    if (!src || fread(src, 1, (size_t)n, f) != (size_t)n) {
        fprintf(stderr, "frontend: cannot read %s\n", argv[1]);
        return 1;
    }
    fclose(f);
    src[n] = 0;
    long lines = 0;
    for (long i = 0; i < n; i++) lines += src[i] == '\n';

    static const char *const names[DB_PHASE_TIMERS] = { "lex", "parse", "dyn", "check", "lower" };
    double *phase[DB_PHASE_TIMERS], *total = calloc((size_t)runs, sizeof(double)),
           *job = calloc((size_t)runs, sizeof(double));
    for (int p = 0; p < DB_PHASE_TIMERS; p++) phase[p] = calloc((size_t)runs, sizeof(double));
    double *tcc = calloc((size_t)runs, sizeof(double));
    int errors = 0;
    size_t c_bytes = 0;
    char lower_error[300] = "";
    for (int r = 0; r < runs; r++) {
        double t0 = now_ms();
        DbUnit *u = db_unit_new("bench.rs", src, (size_t)n, NULL);
        errors = db_run(u, DB_PHASE_CHECK);
        const char *c = errors ? NULL : db_emit_c(u, &c_bytes);
        total[r] = now_ms() - t0;
        for (int p = 0; p < DB_PHASE_TIMERS; p++) phase[p][r] = (double)db_phase_ns(u, (DbTimer)p) / 1e6;
        if (r == 0 && errors) fputs(db_render_diagnostics(u, DB_FORMAT_HUMAN, false), stderr);
        if (c) {
            char err[512];
            JitProgram *jp = NULL;
            t0 = now_ms();
            int rc = jit_compile_dynbox(c, &jp, err, sizeof err);
            if (rc == JIT_OK) rc = jit_relocate(jp, err, sizeof err);
            tcc[r] = now_ms() - t0;
            if (rc != JIT_OK) snprintf(lower_error, sizeof lower_error, "libtcc: %.200s", err);
            jit_free(jp);
        } else if (!errors && !lower_error[0]) {
            const char *d = db_render_diagnostics(u, DB_FORMAT_HUMAN, false);
            size_t k = strcspn(d, "\n");
            snprintf(lower_error, sizeof lower_error, "%.*s", (int)(k < 200 ? k : 200), d);
        }
        db_unit_free(u);

        DbUnit *w = db_unit_new_preloaded();
        t0 = now_ms();
        db_unit_set_source(w, "bench.rs", src, (size_t)n, NULL);
        db_run(w, DB_PHASE_CHECK);
        job[r] = now_ms() - t0;
        db_unit_free(w);
    }
    printf("{\"program\":\"%s\",\"lines\":%ld,\"bytes\":%ld,\"runs\":%d,\"errors\":%d", argv[1], lines, n, runs, errors);
    for (int p = 0; p < DB_PHASE_TIMERS; p++) printf(",\"%s_ms\":%.3f", names[p], median(phase[p], runs));
    printf(",\"total_ms\":%.3f,\"job_ms\":%.3f", median(total, runs), median(job, runs));
    if (lower_error[0]) {
        printf(",\"lower_error\":\"");
        for (const char *q = lower_error; *q; q++)
            if (*q == '"' || *q == '\\') printf("\\%c", *q);
            else if ((unsigned char)*q >= 0x20) putchar(*q);
        printf("\"}\n");
    } else {
        printf(",\"tcc_ms\":%.3f,\"c_bytes\":%zu}\n", median(tcc, runs), c_bytes);
    }
    free(tcc);
    for (int p = 0; p < DB_PHASE_TIMERS; p++) free(phase[p]);
    free(total);
    free(job);
    free(src);
    return errors ? 1 : 0;
}
