/* load.c — a small HTTP/1.1 load client for the API tests: C threads, each
 * with one keep-alive connection, sending a fixed mix of requests for a
 * given time. Prints counts by status and latency percentiles; exits 1 on
 * a 5xx other than 503, a malformed answer or a broken connection.
 *
 * usage: test_api_load PORT SECONDS CONCURRENCY SNIPPET_ID
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_LAT 2000000

static int port, seconds, conc;
static const char *snippet;
static atomic_ulong by_status[600];
static atomic_ulong errors, nlat;
static uint32_t *lat_us;
static uint64_t t_end;

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static int dial(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    struct timeval tv = {10, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    if (connect(fd, (struct sockaddr *)&a, sizeof a) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}

static int send_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t k = send(fd, p, n, MSG_NOSIGNAL);
        if (k <= 0)
            return -1;
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

/* Reads one response; returns its status, or -1. *close_after when the
 * server said Connection: close. */
static int read_response(int fd, char *buf, size_t cap, int *close_after)
{
    size_t len = 0;
    char *hend = NULL;
    while (!hend) {
        if (len == cap - 1)
            return -1;
        ssize_t k = recv(fd, buf + len, cap - 1 - len, 0);
        if (k <= 0)
            return -1;
        len += (size_t)k;
        buf[len] = '\0';
        hend = strstr(buf, "\r\n\r\n");
    }
    int status = 0;
    if (sscanf(buf, "HTTP/1.1 %d", &status) != 1)
        return -1;
    const char *cl = strcasestr(buf, "\r\nContent-Length:");
    if (!cl || cl > hend)
        return -1;
    size_t body = strtoul(cl + 17, NULL, 10);
    const char *c = strcasestr(buf, "\r\nConnection: close");
    *close_after = c && c < hend;
    size_t have = len - (size_t)(hend + 4 - buf);
    while (have < body) {
        char tmp[65536];
        size_t want = body - have < sizeof tmp ? body - have : sizeof tmp;
        ssize_t k = recv(fd, tmp, want, 0);
        if (k <= 0)
            return -1;
        have += (size_t)k;
    }
    return status;
}

static void *worker(void *arg)
{
    long id = (long)arg;
    char req[4096], buf[1 << 16];
    int fd = -1;
    unsigned long i = 0;
    while (now_ns() < t_end) {
        if (fd < 0 && (fd = dial()) < 0) {
            atomic_fetch_add(&errors, 1);
            usleep(10000);
            continue;
        }
        char body[512];
        const char *method = "GET", *path;
        char pbuf[128];
        body[0] = '\0';
        switch (i++ % 8) {
        case 0:
        case 1:
        case 2:
            method = "POST";
            path = "/api/v1/run";
            snprintf(body, sizeof body, "{\"code\":\"fn main() { println!(\\\"{}\\\", %d); }\"}", 1 + (int)(id % 4));
            break;
        case 3:
            method = "POST";
            path = "/api/v1/compile";
            snprintf(body, sizeof body, "{\"code\":\"fn main() { let v = %lu; println!(\\\"{}\\\", v); }\"}",
                     (unsigned long)id * 1000000ul + i);
            break;
        case 4:
            snprintf(pbuf, sizeof pbuf, "/api/v1/snippets/%s", snippet);
            path = pbuf;
            break;
        case 5:
            snprintf(pbuf, sizeof pbuf, "/s/%s.rs", snippet);
            path = pbuf;
            break;
        case 6:
            method = "POST";
            path = "/api/v1/snippets";
            snprintf(body, sizeof body, "{\"code\":\"fn main() {}\\n// load %ld\"}", id);
            break;
        default:
            path = "/api/v1/version";
        }
        int n = snprintf(req, sizeof req,
                         "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                         "Content-Length: %zu\r\n\r\n%s",
                         method, path, strlen(body), body);
        uint64_t t0 = now_ns();
        int close_after = 0, st = -1;
        errno = 0;
        if (send_all(fd, req, (size_t)n) == 0)
            st = read_response(fd, buf, sizeof buf, &close_after);
        if (st < 0) {
            if (atomic_fetch_add(&errors, 1) < 3)
                fprintf(stderr, "load: %s %s failed after %.1f ms: %s\n", method, path,
                        (double)(now_ns() - t0) / 1e6, errno ? strerror(errno) : "connection closed");
            close(fd);
            fd = -1;
            continue;
        }
        unsigned long k = atomic_fetch_add(&nlat, 1);
        if (k < MAX_LAT)
            lat_us[k] = (uint32_t)((now_ns() - t0) / 1000);
        if (st > 0 && st < 600)
            atomic_fetch_add(&by_status[st], 1);
        if (close_after) {
            close(fd);
            fd = -1;
        }
    }
    if (fd >= 0)
        close(fd);
    return NULL;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: %s PORT SECONDS CONCURRENCY SNIPPET_ID\n", argv[0]);
        return 2;
    }
    port = atoi(argv[1]);
    seconds = atoi(argv[2]);
    conc = atoi(argv[3]);
    snippet = argv[4];
    lat_us = malloc(sizeof *lat_us * MAX_LAT);
    if (!lat_us || conc <= 0 || conc > 1024)
        return 2;
    uint64_t t0 = now_ns();
    t_end = t0 + (uint64_t)seconds * 1000000000u;
    pthread_t *th = calloc((size_t)conc, sizeof *th);
    for (long i = 0; i < conc; i++)
        pthread_create(&th[i], NULL, worker, (void *)i);
    for (int i = 0; i < conc; i++)
        pthread_join(th[i], NULL);
    double el = (double)(now_ns() - t0) / 1e9;
    unsigned long total = atomic_load(&nlat), bad = 0;
    printf("load: %lu requests in %.1f s (%.0f/s) at concurrency %d;", total, el, (double)total / el, conc);
    for (int s = 100; s < 600; s++) {
        unsigned long v = atomic_load(&by_status[s]);
        if (v)
            printf(" %d:%lu", s, v);
        if (v && s >= 500 && s != 503)
            bad += v;
    }
    unsigned long n = total < MAX_LAT ? total : MAX_LAT;
    qsort(lat_us, n, sizeof *lat_us, cmp_u32);
    if (n)
        printf("; p50 %.2f ms, p99 %.2f ms", lat_us[n / 2] / 1000.0, lat_us[n * 99 / 100] / 1000.0);
    printf("; connection errors %lu\n", atomic_load(&errors));
    free(lat_us);
    free(th);
    return bad || atomic_load(&errors) || total == 0 ? 1 : 0;
}
