/* metrics.c — request counters by route and status, latency histograms by
 * route, verdict counts and load-shedding counters, plus their rendering.
 */
#include "metrics.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const route_names[MR_COUNT] = {
    "compile", "run", "snippet_create", "snippet_get", "share_page", "share_raw", "examples",
    "version", "healthz", "metrics", "static", "preflight", "other",
};

/* Status codes the server answers with; anything else counts as its class. */
static const unsigned statuses[] = {200, 201, 204, 304, 400, 404, 405, 413, 415, 429, 500, 503};
#define NSTATUS (sizeof statuses / sizeof statuses[0])
#define NSLOT (NSTATUS + 1)

/* Histogram bounds in seconds: 1 ms to 10 s covers a cached hit to a job
 * that ran into the wall-time limit. */
static const double bounds[] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                0.1,    0.25,  0.5,    1,     2.5,  5,     10};
#define NBOUND (sizeof bounds / sizeof bounds[0])

static const char *const verdicts[] = {"ok",      "panic",        "timeout", "memory",
                                       "output_limit", "syscall", "crashed", "internal_error"};
#define NVERDICT (sizeof verdicts / sizeof verdicts[0])

static atomic_ullong requests[MR_COUNT][NSLOT];
static atomic_ullong other_status[MR_COUNT];
static atomic_ullong hist[MR_COUNT][NBOUND + 1];
static atomic_ullong hist_sum_us[MR_COUNT];
static atomic_ullong verdict_count[NVERDICT + 1];
static atomic_ullong rate_limited, saturated;

const char *metrics_route_name(MetricRoute r)
{
    return r < MR_COUNT ? route_names[r] : "other";
}

void metrics_request(MetricRoute r, unsigned status, uint64_t ns)
{
    if (r >= MR_COUNT)
        r = MR_OTHER;
    size_t s = 0;
    while (s < NSTATUS && statuses[s] != status)
        s++;
    atomic_fetch_add(&requests[r][s], 1);
    if (s == NSTATUS)
        atomic_fetch_add(&other_status[r], 1);
    double secs = (double)ns / 1e9;
    size_t b = 0;
    while (b < NBOUND && secs > bounds[b])
        b++;
    atomic_fetch_add(&hist[r][b], 1);
    atomic_fetch_add(&hist_sum_us[r], ns / 1000);
}

void metrics_verdict(const char *v)
{
    size_t i = 0;
    while (i < NVERDICT && strcmp(verdicts[i], v) != 0)
        i++;
    atomic_fetch_add(&verdict_count[i], 1);
}

void metrics_rate_limited(void)
{
    atomic_fetch_add(&rate_limited, 1);
}

void metrics_saturated(void)
{
    atomic_fetch_add(&saturated, 1);
}

typedef struct Out {
    char *p;
    size_t len, cap;
    int failed;
} Out;

static void put(Out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(Out *o, const char *fmt, ...)
{
    if (o->failed)
        return;
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(o->p + o->len, o->cap - o->len, fmt, ap);
        va_end(ap);
        if (n < 0) {
            o->failed = 1;
            return;
        }
        if ((size_t)n < o->cap - o->len) {
            o->len += (size_t)n;
            return;
        }
        size_t cap = o->cap * 2 + (size_t)n;
        char *p = realloc(o->p, cap);
        if (!p) {
            o->failed = 1;
            return;
        }
        o->p = p;
        o->cap = cap;
    }
}

char *metrics_render(const MetricsGauges *g, size_t *len)
{
    Out o = {malloc(16384), 0, 16384, 0};
    if (!o.p)
        return NULL;
    put(&o, "# HELP dynbox_http_requests_total HTTP requests by route and status.\n"
            "# TYPE dynbox_http_requests_total counter\n");
    for (int r = 0; r < MR_COUNT; r++) {
        for (size_t s = 0; s < NSTATUS; s++) {
            unsigned long long v = atomic_load(&requests[r][s]);
            if (v)
                put(&o, "dynbox_http_requests_total{route=\"%s\",status=\"%u\"} %llu\n", route_names[r],
                    statuses[s], v);
        }
        unsigned long long v = atomic_load(&other_status[r]);
        if (v)
            put(&o, "dynbox_http_requests_total{route=\"%s\",status=\"other\"} %llu\n", route_names[r], v);
    }
    put(&o, "# HELP dynbox_http_request_duration_seconds Time from the first byte of a request to "
            "its completion.\n# TYPE dynbox_http_request_duration_seconds histogram\n");
    for (int r = 0; r < MR_COUNT; r++) {
        unsigned long long cum = 0;
        unsigned long long counts[NBOUND + 1];
        for (size_t b = 0; b <= NBOUND; b++)
            counts[b] = atomic_load(&hist[r][b]);
        unsigned long long total = 0;
        for (size_t b = 0; b <= NBOUND; b++)
            total += counts[b];
        if (!total)
            continue;
        for (size_t b = 0; b < NBOUND; b++) {
            cum += counts[b];
            put(&o, "dynbox_http_request_duration_seconds_bucket{route=\"%s\",le=\"%g\"} %llu\n",
                route_names[r], bounds[b], cum);
        }
        put(&o, "dynbox_http_request_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} %llu\n",
            route_names[r], total);
        put(&o, "dynbox_http_request_duration_seconds_sum{route=\"%s\"} %.6f\n", route_names[r],
            (double)atomic_load(&hist_sum_us[r]) / 1e6);
        put(&o, "dynbox_http_request_duration_seconds_count{route=\"%s\"} %llu\n", route_names[r], total);
    }
    put(&o, "# HELP dynbox_cache_hits_total Result-cache hits.\n# TYPE dynbox_cache_hits_total counter\n"
            "dynbox_cache_hits_total %llu\n",
        (unsigned long long)g->cache_hits);
    put(&o, "# HELP dynbox_cache_misses_total Result-cache misses.\n"
            "# TYPE dynbox_cache_misses_total counter\ndynbox_cache_misses_total %llu\n",
        (unsigned long long)g->cache_misses);
    put(&o, "# HELP dynbox_cache_evictions_total Entries evicted to stay within the byte budget.\n"
            "# TYPE dynbox_cache_evictions_total counter\ndynbox_cache_evictions_total %llu\n",
        (unsigned long long)g->cache_evictions);
    put(&o, "# HELP dynbox_cache_entries Entries in the result cache.\n# TYPE dynbox_cache_entries gauge\n"
            "dynbox_cache_entries %zu\n",
        g->cache_entries);
    put(&o, "# HELP dynbox_cache_bytes Bytes held by the result cache.\n# TYPE dynbox_cache_bytes gauge\n"
            "dynbox_cache_bytes %zu\n",
        g->cache_bytes);
    put(&o, "# HELP dynbox_cache_max_bytes The result cache's byte budget.\n"
            "# TYPE dynbox_cache_max_bytes gauge\ndynbox_cache_max_bytes %zu\n",
        g->cache_max_bytes);
    put(&o, "# HELP dynbox_rate_limited_total Requests refused with 429.\n"
            "# TYPE dynbox_rate_limited_total counter\ndynbox_rate_limited_total %llu\n",
        (unsigned long long)atomic_load(&rate_limited));
    put(&o, "# HELP dynbox_saturated_total Requests refused with 503 because every daemon was busy.\n"
            "# TYPE dynbox_saturated_total counter\ndynbox_saturated_total %llu\n",
        (unsigned long long)atomic_load(&saturated));
    put(&o, "# HELP dynbox_run_verdicts_total Verdicts of programs run (fresh, not cached).\n"
            "# TYPE dynbox_run_verdicts_total counter\n");
    for (size_t i = 0; i <= NVERDICT; i++)
        put(&o, "dynbox_run_verdicts_total{verdict=\"%s\"} %llu\n", i < NVERDICT ? verdicts[i] : "other",
            (unsigned long long)atomic_load(&verdict_count[i]));
    if (g->snippets >= 0)
        put(&o, "# HELP dynbox_snippets_stored Snippets in the store.\n# TYPE dynbox_snippets_stored gauge\n"
                "dynbox_snippets_stored %lld\n",
            (long long)g->snippets);
    put(&o, "# HELP dynbox_inflight_jobs Compile and run jobs waiting for or running on a daemon.\n"
            "# TYPE dynbox_inflight_jobs gauge\ndynbox_inflight_jobs %u\n",
        g->inflight_jobs);
    put(&o, "# HELP dynbox_inflight_requests HTTP requests being served.\n"
            "# TYPE dynbox_inflight_requests gauge\ndynbox_inflight_requests %u\n",
        g->inflight_requests);
    static const char *const dnames[] = {"up", "workers", "ready", "queue", "running", "healthy", "jobs"};
    static const char *const dhelp[] = {"1 when the daemon answered a ping", "Workers configured",
                                        "Workers ready for a job", "Jobs waiting in the daemon's queue",
                                        "Jobs running",
                                        "1 while this server sends jobs to the daemon (0: unreachable, probed)",
                                        "This server's jobs in flight at the daemon"};
    for (size_t k = 0; k < 7; k++) {
        put(&o, "# HELP dynbox_daemon_%s %s.\n# TYPE dynbox_daemon_%s gauge\n", dnames[k], dhelp[k],
            dnames[k]);
        for (unsigned i = 0; i < g->ndaemons && i < 8; i++) {
            long long v = k == 0 ? g->daemon[i].up : k == 1 ? g->daemon[i].workers
                                                   : k == 2 ? g->daemon[i].ready
                                                   : k == 3 ? g->daemon[i].queue
                                                   : k == 4 ? g->daemon[i].running
                                                   : k == 5 ? g->daemon[i].healthy
                                                            : g->daemon[i].inflight;
            if (k == 0 || k >= 5 || g->daemon[i].up)
                put(&o, "dynbox_daemon_%s{daemon=\"%s\"} %lld\n", dnames[k], g->daemon[i].addr, v);
        }
    }
    if (o.failed) {
        free(o.p);
        return NULL;
    }
    *len = o.len;
    return o.p;
}
