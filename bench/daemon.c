/* daemon.c — dynboxd's job latency, stage by stage (`make bench-daemon`).
 *
 * Starts a private dynboxd, runs one program N times (one job at a time, each
 * on a ready pre-forked worker) and reports p50/p99 of the request-to-result
 * latency seen by the client and of each stage the daemon reports: queue,
 * hand-off to the worker, compile (front end + lowering + libtcc), relocate,
 * filter (no_new_privs + seccomp), run; plus the daemon's own share (the
 * latency minus the worker's compile, relocate, filter and run). Writes the
 * figures as JSON. The program is ../shared/examples/http_client.rs; while
 * the lowering cannot compile it, a synchronous fallback is measured and the
 * JSON says why.
 */
#include "../server/daemon_client.h"
#include "../tests/sandbox/harness.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { ST_LATENCY, ST_QUEUE, ST_HANDOFF, ST_COMPILE, ST_FRONTEND, ST_LOWER, ST_TCC,
       ST_RELOCATE, ST_FILTER, ST_RUN, ST_DAEMON, NSTAGES };
static const char *const stage_names[NSTAGES] = {
    "latency", "queue", "handoff", "compile", "frontend", "lower", "tcc",
    "relocate", "filter", "run", "daemon_overhead"};

static double now_us(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    if (b && fread(b, 1, (size_t)n, f) != (size_t)n) {
        free(b);
        b = NULL;
    }
    if (b)
        b[n] = '\0';
    fclose(f);
    return b;
}

static double us(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_integer(v) ? (double)json_integer_value(v) : -1;
}

static json_t *run_once(const char *addr, const char *code, double *latency)
{
    json_t *req = json_pack("{sssss{}}", "op", "run", "code", code, "options");
    double t0 = now_us();
    json_t *resp = sbxh_call(addr, req, 30000);
    *latency = now_us() - t0;
    json_decref(req);
    return resp;
}

/* Waits (unmeasured) until every pre-forked worker is ready again. */
static void wait_ready(const char *addr)
{
    for (int i = 0; i < 500; i++) {
        json_t *req = json_pack("{ss}", "op", "ping");
        json_t *p = sbxh_call(addr, req, 5000);
        json_decref(req);
        bool ready = p && json_integer_value(json_object_get(p, "ready")) ==
                              json_integer_value(json_object_get(p, "workers"));
        json_decref(p);
        if (ready)
            return;
        struct timespec t = {0, 2000000};
        nanosleep(&t, NULL);
    }
}

int main(int argc, char **argv)
{
    const char *exe = NULL, *out = "build/bench/daemon.json";
    const char *program = "../shared/examples/http_client.rs";
    const char *fallback = "tests/sandbox/cases/dynbox_ledger.rs";
    int runs = 200;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--daemon") == 0)
            exe = argv[i + 1];
        else if (strcmp(argv[i], "--out") == 0)
            out = argv[i + 1];
        else if (strcmp(argv[i], "--program") == 0)
            program = argv[i + 1];
        else if (strcmp(argv[i], "--fallback") == 0)
            fallback = argv[i + 1];
        else if (strcmp(argv[i], "--runs") == 0)
            runs = atoi(argv[i + 1]);
    }
    if (!exe || runs < 1) {
        fputs("usage: bench_daemon --daemon PATH [--out FILE] [--program FILE] [--fallback FILE] "
              "[--runs N]\n",
              stderr);
        return 2;
    }
    SbxhDaemon d;
    char err[2048];
    const char *args[] = {"--workers", "2", "--queue", "64", NULL};
    if (sbxh_start(&d, exe, args, err, sizeof err) < 0) {
        fprintf(stderr, "bench_daemon: %s\n", err);
        return 1;
    }
    int rc = 1;
    json_t *report = json_object();
    char *code = slurp(program);
    const char *measured = program;
    if (!code) {
        fprintf(stderr, "bench_daemon: cannot read %s\n", program);
        goto done;
    }
    /* one trial run: does the program compile and run here? */
    double lat;
    wait_ready(d.addr);
    json_t *trial = run_once(d.addr, code, &lat);
    const char *verdict =
        json_string_value(json_object_get(json_object_get(trial, "run"), "verdict"));
    if (!verdict) {
        json_t *diags = json_object_get(json_object_get(trial, "compile"), "diagnostics");
        const char *why = json_string_value(json_object_get(json_array_get(diags, 0), "message"));
        char reason[512];
        snprintf(reason, sizeof reason, "%s does not run yet: %s", program,
                 why ? why : "no run result");
        fprintf(stderr, "bench_daemon: %s; measuring %s instead\n", reason, fallback);
        json_object_set_new(report, "fallback_reason", json_string(reason));
        free(code);
        code = slurp(fallback);
        measured = fallback;
        if (!code) {
            fprintf(stderr, "bench_daemon: cannot read %s\n", fallback);
            json_decref(trial);
            goto done;
        }
    }
    json_decref(trial);

    double *v[NSTAGES];
    for (int s = 0; s < NSTAGES; s++)
        v[s] = calloc((size_t)runs, sizeof(double));
    int n = 0, bad = 0;
    for (int i = 0; i < runs; i++) {
        wait_ready(d.addr);
        json_t *resp = run_once(d.addr, code, &lat);
        json_t *run = json_object_get(resp, "run");
        const char *vd = json_string_value(json_object_get(run, "verdict"));
        if (!vd || strcmp(vd, "ok") != 0) {
            bad++;
            json_decref(resp);
            continue;
        }
        json_t *st = json_object_get(resp, "stages_us");
        json_t *ct = json_object_get(json_object_get(resp, "compile"), "timings_us");
        v[ST_LATENCY][n] = lat;
        v[ST_QUEUE][n] = us(st, "queue");
        v[ST_HANDOFF][n] = us(st, "handoff");
        v[ST_COMPILE][n] = us(st, "compile");
        v[ST_FRONTEND][n] = us(ct, "frontend");
        v[ST_LOWER][n] = us(ct, "lower");
        v[ST_TCC][n] = us(ct, "tcc");
        v[ST_RELOCATE][n] = us(st, "relocate");
        v[ST_FILTER][n] = us(st, "filter");
        v[ST_RUN][n] = us(st, "run");
        v[ST_DAEMON][n] = lat - v[ST_COMPILE][n] - v[ST_RELOCATE][n] - v[ST_FILTER][n] - v[ST_RUN][n];
        n++;
        json_decref(resp);
    }
    json_t *stages = json_object();
    printf("dynboxd job latency: %s, %d runs (%d not ok), one job at a time on a ready worker\n",
           measured, n, bad);
    printf("  %-16s %10s %10s\n", "stage", "p50 us", "p99 us");
    for (int s = 0; s < NSTAGES; s++) {
        double p50 = sbxh_percentile(v[s], (size_t)n, 50), p99 = sbxh_percentile(v[s], (size_t)n, 99);
        printf("  %-16s %10.0f %10.0f\n", stage_names[s], p50, p99);
        json_object_set_new(stages, stage_names[s], json_pack("{sfsf}", "p50_us", p50, "p99_us", p99));
        free(v[s]);
    }
    json_object_set_new(report, "program", json_string(measured));
    json_object_set_new(report, "runs", json_integer(n));
    json_object_set_new(report, "not_ok", json_integer(bad));
    json_object_set_new(report, "stages", stages);
    if (json_dump_file(report, out, JSON_INDENT(2) | JSON_SORT_KEYS) != 0) {
        fprintf(stderr, "bench_daemon: cannot write %s\n", out);
        goto done;
    }
    printf("wrote %s\n", out);
    rc = bad ? 1 : 0;
done:
    free(code);
    json_decref(report);
    sbxh_stop(&d);
    return rc;
}
