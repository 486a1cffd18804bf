/* http.h — dynbox-server's private header: configuration, the server
 * context, per-request state and the functions the http_*.c files share.
 *
 * http_main.c owns the process (options, the local dynboxd, signals),
 * http_api.c the routing, JSON API and daemon dispatch, http_static.c the
 * static files, share pages and the examples gallery.
 */
#ifndef DYNBOX_HTTP_H
#define DYNBOX_HTTP_H

#include "cache.h"
#include "daemon_pool.h"
#include "metrics.h"
#include "ratelimit.h"
#include "store.h"

#include <jansson.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define HTTP_MAX_DAEMONS POOL_MAX

typedef struct HttpConfig {
    const char *listen; /* HOST:PORT */
    const char *db;
    const char *daemons[HTTP_MAX_DAEMONS];
    unsigned ndaemons; /* 0: start a local dynboxd */
    const char *static_dir;
    const char *examples_dir;
    size_t body_max;
    size_t cache_bytes;
    double rate, burst;
    unsigned threads;
    unsigned client_timeout_s;
    unsigned max_jobs;    /* compile/run jobs queued or running before 503 */
    unsigned dispatchers; /* threads talking to the daemons */
    unsigned job_timeout_ms;
    unsigned grace_s; /* how long shutdown waits for in-flight requests */
    unsigned daemon_workers, daemon_queue; /* for the local dynboxd; 0 = its default */
    bool access_log;
} HttpConfig;

typedef struct HttpReq HttpReq;

typedef struct HttpServer {
    HttpConfig cfg;
    struct MHD_Daemon *mhd;
    Store *store;
    Cache *cache;
    RateLimit *rl;
    pthread_mutex_t mu; /* guards the job queue */
    pthread_cond_t cv;
    HttpReq *qhead, *qtail;
    unsigned jobs; /* queued or running */
    bool stopping;
    pthread_t *disp;
    unsigned ndisp;
    DaemonPool pool;      /* which daemon gets the next job */
    pthread_t prober;     /* pings unhealthy daemons until they answer */
    bool prober_started;
    atomic_uint inflight; /* HTTP requests between first byte and completion */
} HttpServer;

typedef struct HttpBuf {
    char *p;
    size_t len, cap;
} HttpBuf;

struct HttpReq {
    HttpServer *srv;
    struct MHD_Connection *conn;
    MetricRoute route;
    uint64_t t0;
    char method[8];
    char *path;
    char client[64];
    HttpBuf body;
    bool too_large;
    bool answered; /* a response was queued */
    unsigned status;
    size_t resp_bytes;
    bool cached;
    /* a compile or run job handed to a dispatcher */
    bool waiting, done;
    json_t *job;
    bool cacheable;
    unsigned char key[32];
    unsigned rstatus;
    char *rbody;
    size_t rlen;
    unsigned retry_after;
    HttpReq *next;
};

uint64_t http_now_ns(void);
int http_buf_append(HttpBuf *b, const void *p, size_t n);

/* The MHD callbacks (http_api.c). */
enum MHD_Result http_handler(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                             const char *version, const char *upload, size_t *upload_size, void **con_cls);
void http_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                    enum MHD_RequestTerminationCode toe);
int http_dispatch_start(HttpServer *s);
void http_dispatch_stop(HttpServer *s);

/* Queues a response; `body` is copied. Adds CORS headers on /api/ paths. */
enum MHD_Result http_respond(HttpReq *r, unsigned status, const char *ctype, const char *body, size_t len);
/* Adds headers after the response is made: (name, value) pairs, NULL-ended. */
enum MHD_Result http_respond_h(HttpReq *r, unsigned status, const char *ctype, const char *body, size_t len,
                               const char *const *headers);
/* {"error": {"code", "message"}}. */
enum MHD_Result http_error(HttpReq *r, unsigned status, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
enum MHD_Result http_json(HttpReq *r, unsigned status, json_t *o); /* steals o */

/* http_static.c */
enum MHD_Result http_static(HttpReq *r, const char *path);
enum MHD_Result http_share_page(HttpReq *r, const StoreSnippet *sn);
enum MHD_Result http_examples(HttpReq *r);

#endif
