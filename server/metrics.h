/* metrics.h — the server's counters and histograms, rendered in the
 * Prometheus text format for GET /metrics. Lock-free atomics; the module
 * owns one static set of counters (there is one server per process).
 */
#ifndef DYNBOX_METRICS_H
#define DYNBOX_METRICS_H

#include <stddef.h>
#include <stdint.h>

typedef enum {
    MR_COMPILE, MR_RUN, MR_SNIPPET_CREATE, MR_SNIPPET_GET, MR_SHARE_PAGE, MR_SHARE_RAW,
    MR_EXAMPLES, MR_VERSION, MR_HEALTHZ, MR_METRICS, MR_STATIC, MR_PREFLIGHT, MR_OTHER,
    MR_COUNT
} MetricRoute;

const char *metrics_route_name(MetricRoute r);

void metrics_request(MetricRoute r, unsigned status, uint64_t duration_ns);
void metrics_verdict(const char *verdict);
void metrics_rate_limited(void);
void metrics_saturated(void);

/* Values read at scrape time from other modules. */
typedef struct MetricsGauges {
    uint64_t cache_hits, cache_misses, cache_evictions;
    size_t cache_entries, cache_bytes, cache_max_bytes;
    int64_t snippets; /* -1 when the store could not say */
    unsigned ndaemons;
    struct {
        const char *addr;
        int up;
        long long workers, ready, queue, running;
        long long healthy;  /* the server's view: jobs go to it */
        long long inflight; /* this server's jobs at it */
    } daemon[8];
    unsigned inflight_jobs;
    unsigned inflight_requests;
} MetricsGauges;

/* The whole exposition text, malloc'd; NULL when out of memory. */
char *metrics_render(const MetricsGauges *g, size_t *len);

#endif
