/* load.c — a closed-loop HTTP load generator for dynbox-server on loopback.
 *
 * N connections (one thread each, keep-alive) send `POST PATH` with a JSON
 * body {"code": ..., "options": {}} for a fixed time and record each
 * request's latency. With --uncached every request's code differs (a comment
 * with a counter is appended) so the server's result cache cannot answer;
 * without it every request is the same and, after the first, a cache hit.
 * Prints one JSON object: requests, errors (non-200), rps, p50/p99/max ms.
 *
 * With --expect TEXT, a 200 whose body lacks TEXT (e.g. "verdict":"ok") is
 * an error too.
 *
 * Usage: load --port P --path /api/v1/run --file prog.rs [--conns N]
 *             [--seconds S] [--uncached] [--expect TEXT]
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

typedef struct Config {
    int port;
    const char *path;
    char *code_json; /* the program as a JSON string body, quotes excluded */
    int conns;
    double seconds;
    bool uncached;
    const char *expect; /* a 200 whose body lacks this counts as an error */
} Config;

typedef struct Worker {
    const Config *cfg;
    int id;
    double *lat_ms; /* grows */
    size_t n, cap;
    size_t errors;
    pthread_t thread;
} Worker;

static atomic_ulong counter;

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static char *read_file(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *s = malloc((size_t)n + 1);
    if (!s || fread(s, 1, (size_t)n, f) != (size_t)n) {
        fclose(f);
        free(s);
        return NULL;
    }
    s[n] = 0;
    fclose(f);
    return s;
}

/* The program as the inside of a JSON string. */
static char *json_escape(const char *s) {
    size_t n = strlen(s);
    char *out = malloc(n * 6 + 1), *o = out;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\') {
            *o++ = '\\';
            *o++ = (char)*p;
        } else if (*p == '\n') {
            *o++ = '\\';
            *o++ = 'n';
        } else if (*p < 0x20) {
            o += sprintf(o, "\\u%04x", *p);
        } else {
            *o++ = (char)*p;
        }
    }
    *o = 0;
    return out;
}

static int connect_loopback(int port) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return -1;
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (connect(fd, (struct sockaddr *)&a, sizeof a) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}

static bool send_all(int fd, const char *p, size_t n) {
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return false;
        p += w;
        n -= (size_t)w;
    }
    return true;
}

/* Reads one response; returns its status or -1 when the connection broke. */
static int read_response(int fd, char **buf, size_t *cap) {
    size_t have = 0;
    long body_len = -1;
    size_t head_end = 0;
    for (;;) {
        if (have + 4096 > *cap) {
            *cap = (*cap + 4096) * 2;
            *buf = realloc(*buf, *cap);
        }
        ssize_t r = read(fd, *buf + have, *cap - have - 1);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return -1;
        have += (size_t)r;
        (*buf)[have] = 0;
        if (!head_end) {
            char *e = strstr(*buf, "\r\n\r\n");
            if (!e) continue;
            head_end = (size_t)(e - *buf) + 4;
            char *cl = strcasestr(*buf, "\r\ncontent-length:");
            body_len = cl && cl < e ? strtol(cl + 17, NULL, 10) : 0;
        }
        if (have >= head_end + (size_t)body_len) break;
    }
    int status = 0;
    if (sscanf(*buf, "HTTP/1.%*d %d", &status) != 1) return -1;
    return status;
}

static void *worker_main(void *arg) {
    Worker *w = arg;
    const Config *c = w->cfg;
    size_t body_cap = strlen(c->code_json) + 256;
    char *body = malloc(body_cap);
    char *req = malloc(body_cap + 512);
    char *resp = NULL;
    size_t resp_cap = 0;
    int fd = connect_loopback(c->port);
    double end = now_ms() + c->seconds * 1e3;
    while (now_ms() < end) {
        if (fd < 0 && (fd = connect_loopback(c->port)) < 0) {
            w->errors++;
            usleep(1000);
            continue;
        }
        int blen;
        if (c->uncached)
            blen = snprintf(body, body_cap, "{\"code\":\"%s\\n// request %lu\\n\",\"options\":{}}", c->code_json,
                            atomic_fetch_add(&counter, 1));
        else
            blen = snprintf(body, body_cap, "{\"code\":\"%s\",\"options\":{}}", c->code_json);
        int rlen = snprintf(req, body_cap + 512,
                            "POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            "Content-Length: %d\r\n\r\n%s",
                            c->path, blen, body);
        double t0 = now_ms();
        int status = send_all(fd, req, (size_t)rlen) ? read_response(fd, &resp, &resp_cap) : -1;
        double dt = now_ms() - t0;
        if (status < 0) {
            close(fd);
            fd = -1;
            w->errors++;
            continue;
        }
        if (status != 200 || (c->expect && !strstr(resp, c->expect))) w->errors++;
        if (w->n == w->cap) {
            w->cap = w->cap ? w->cap * 2 : 4096;
            w->lat_ms = realloc(w->lat_ms, w->cap * sizeof *w->lat_ms);
        }
        w->lat_ms[w->n++] = dt;
    }
    if (fd >= 0) close(fd);
    free(body);
    free(req);
    free(resp);
    return NULL;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double percentile(const double *v, size_t n, double p) {
    if (n == 0) return 0;
    size_t i = (size_t)(p * (double)(n - 1) + 0.5);
    return v[i < n ? i : n - 1];
}

static void usage(void) {
    fputs("usage: load --port P --path PATH --file PROGRAM [--conns N] [--seconds S] [--uncached]\n"
          "            [--expect TEXT]\n", stderr);
    exit(2);
}

int main(int argc, char **argv) {
    Config c = { .conns = 1, .seconds = 3, .path = "/api/v1/run" };
    const char *file = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--uncached")) c.uncached = true;
        else if (!strcmp(a, "--expect") && v) c.expect = v, i++;
        else if (!v) usage();
        else if (!strcmp(a, "--port")) c.port = atoi(v), i++;
        else if (!strcmp(a, "--path")) c.path = v, i++;
        else if (!strcmp(a, "--file")) file = v, i++;
        else if (!strcmp(a, "--conns")) c.conns = atoi(v), i++;
        else if (!strcmp(a, "--seconds")) c.seconds = atof(v), i++;
        else usage();
    }
    if (!c.port || !file || c.conns < 1 || c.conns > 256 || c.seconds <= 0) usage();
    char *code = read_file(file);
    if (!code) {
        fprintf(stderr, "load: cannot read %s\n", file);
        return 1;
    }
    c.code_json = json_escape(code);
    Worker *ws = calloc((size_t)c.conns, sizeof *ws);
    double t0 = now_ms();
    for (int i = 0; i < c.conns; i++) {
        ws[i].cfg = &c;
        ws[i].id = i;
        pthread_create(&ws[i].thread, NULL, worker_main, &ws[i]);
    }
    size_t total = 0, errors = 0;
    for (int i = 0; i < c.conns; i++) {
        pthread_join(ws[i].thread, NULL);
        total += ws[i].n;
        errors += ws[i].errors;
    }
    double elapsed = (now_ms() - t0) / 1e3;
    double *all = malloc((total ? total : 1) * sizeof *all);
    size_t k = 0;
    for (int i = 0; i < c.conns; i++) {
        memcpy(all + k, ws[i].lat_ms, ws[i].n * sizeof *all);
        k += ws[i].n;
        free(ws[i].lat_ms);
    }
    qsort(all, total, sizeof *all, cmp_double);
    printf("{\"conns\":%d,\"uncached\":%s,\"requests\":%zu,\"errors\":%zu,\"rps\":%.1f,"
           "\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"max_ms\":%.3f}\n",
           c.conns, c.uncached ? "true" : "false", total, errors, (double)total / elapsed,
           percentile(all, total, 0.50), percentile(all, total, 0.99), total ? all[total - 1] : 0.0);
    free(all);
    free(ws);
    free(code);
    free(c.code_json);
    return total == 0 ? 1 : 0;
}
