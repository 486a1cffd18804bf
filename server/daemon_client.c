/* daemon_client.c — blocking frames over a socket to dynboxd.
 *
 * Owns the socket and a receive buffer per connection; deadlines are enforced
 * with poll so a stuck daemon never hangs a caller past its timeout.
 */
#include "daemon_client.h"

#include "proto.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct DcConn {
    int fd;
    char *buf; /* bytes received past the last frame */
    size_t len, cap;
};

static int64_t now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static int remaining(int64_t deadline)
{
    if (deadline < 0)
        return -1;
    int64_t left = deadline - now_ms();
    return left > 0 ? (int)left : 0;
}

int dc_connect(const char *addr, int timeout_ms, DcConn **out, char *err, size_t errlen)
{
    struct sockaddr_storage ss;
    socklen_t slen;
    *out = NULL;
    if (proto_parse_addr(addr, &ss, &slen, err, errlen) < 0)
        return DC_ECONNECT;
    int fd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) {
        snprintf(err, errlen, "socket: %s", strerror(errno));
        return DC_ECONNECT;
    }
    int rc = connect(fd, (struct sockaddr *)&ss, slen);
    if (rc < 0 && errno == EINPROGRESS) {
        struct pollfd p = {.fd = fd, .events = POLLOUT};
        int soerr = 0;
        socklen_t sl = sizeof soerr;
        if (poll(&p, 1, timeout_ms) == 1 && getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &sl) == 0 &&
            soerr == 0)
            rc = 0;
        else
            errno = soerr ? soerr : ETIMEDOUT;
    }
    if (rc < 0) {
        snprintf(err, errlen, "%s: %s", addr, strerror(errno));
        close(fd);
        return DC_ECONNECT;
    }
    int one = 1;
    if (ss.ss_family != AF_UNIX)
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    DcConn *c = calloc(1, sizeof *c);
    if (!c) {
        close(fd);
        snprintf(err, errlen, "out of memory");
        return DC_ECONNECT;
    }
    c->fd = fd;
    *out = c;
    return DC_OK;
}

void dc_close(DcConn *c)
{
    if (!c)
        return;
    close(c->fd);
    free(c->buf);
    free(c);
}

int dc_fd(const DcConn *c)
{
    return c->fd;
}

static int send_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            struct pollfd pf = {.fd = fd, .events = POLLOUT};
            if (poll(&pf, 1, -1) < 0 && errno != EINTR)
                return DC_EIO;
            continue;
        }
        if (w <= 0)
            return DC_EIO;
        p += w;
        n -= (size_t)w;
    }
    return DC_OK;
}

int dc_send(DcConn *c, const char *json, size_t len)
{
    unsigned char hdr[4];
    if (len > UINT32_MAX)
        return DC_EPROTO;
    proto_put_len(hdr, (uint32_t)len);
    int rc = send_all(c->fd, (const char *)hdr, 4);
    return rc ? rc : send_all(c->fd, json, len);
}

int dc_recv(DcConn *c, int timeout_ms, char **json, size_t *len)
{
    int64_t deadline = timeout_ms < 0 ? -1 : now_ms() + timeout_ms;
    *json = NULL;
    *len = 0;
    for (;;) {
        if (c->len >= 4) {
            uint32_t n = proto_get_len((unsigned char *)c->buf);
            if (n > PROTO_MAX_RESPONSE)
                return DC_EPROTO;
            if (c->len >= 4 + (size_t)n) {
                char *out = malloc((size_t)n + 1);
                if (!out)
                    return DC_EIO;
                memcpy(out, c->buf + 4, n);
                out[n] = '\0';
                memmove(c->buf, c->buf + 4 + n, c->len - 4 - n);
                c->len -= 4 + (size_t)n;
                *json = out;
                *len = n;
                return DC_OK;
            }
            size_t need = 4 + (size_t)n;
            if (need > c->cap) {
                char *b = realloc(c->buf, need);
                if (!b)
                    return DC_EIO;
                c->buf = b;
                c->cap = need;
            }
        }
        if (c->cap - c->len < 65536) {
            size_t cap = c->cap ? c->cap * 2 : 65536;
            char *b = realloc(c->buf, cap);
            if (!b)
                return DC_EIO;
            c->buf = b;
            c->cap = cap;
        }
        struct pollfd p = {.fd = c->fd, .events = POLLIN};
        int pr = poll(&p, 1, remaining(deadline));
        if (pr < 0 && errno == EINTR)
            continue;
        if (pr == 0)
            return DC_ETIMEOUT;
        if (pr < 0)
            return DC_EIO;
        ssize_t r = recv(c->fd, c->buf + c->len, c->cap - c->len, 0);
        if (r < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK))
            continue;
        if (r == 0)
            return DC_ECLOSED;
        if (r < 0)
            return DC_EIO;
        c->len += (size_t)r;
    }
}

int dc_send_json(DcConn *c, const json_t *req)
{
    char *s = json_dumps(req, JSON_COMPACT);
    if (!s)
        return DC_EPROTO;
    int rc = dc_send(c, s, strlen(s));
    free(s);
    return rc;
}

int dc_recv_json(DcConn *c, int timeout_ms, json_t **resp)
{
    char *s;
    size_t n;
    *resp = NULL;
    int rc = dc_recv(c, timeout_ms, &s, &n);
    if (rc)
        return rc;
    *resp = json_loadb(s, n, 0, NULL);
    free(s);
    return *resp ? DC_OK : DC_EPROTO;
}

int dc_call(DcConn *c, const json_t *req, int timeout_ms, json_t **resp)
{
    int rc = dc_send_json(c, req);
    return rc ? rc : dc_recv_json(c, timeout_ms, resp);
}

const char *dc_strerror(int rc)
{
    switch (rc) {
    case DC_OK:
        return "ok";
    case DC_ECONNECT:
        return "cannot connect to the daemon";
    case DC_EIO:
        return "connection error";
    case DC_ETIMEOUT:
        return "timed out waiting for the daemon";
    case DC_EPROTO:
        return "malformed frame from the daemon";
    case DC_ECLOSED:
        return "the daemon closed the connection";
    default:
        return "unknown error";
    }
}
