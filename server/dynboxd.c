/* dynboxd.c — the compilation daemon: a single-threaded epoll loop that
 * hands each job to a fresh pre-forked worker and answers with what it saw.
 *
 * Owns the listening socket, client connections, the worker pool, the job
 * queue and every job's captured output. Holds no secrets: it never reads a
 * file after start-up and keeps no data beyond the jobs in flight.
 */
#include "../compiler/dynbox.h"
#include "proto.h"
#include "result.h"
#include "sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <time.h>
#include <unistd.h>

/* The uid/gid workers become when the daemon runs as root ("nobody"). */
#define NOBODY 65534u
/* A client that stops reading its answers is cut off past this backlog. */
#define MAX_CONN_BACKLOG (256u << 20)
/* How long a ready worker may take to fork its successor. */
#define SUCCESSOR_TIMEOUT_MS 1000

/* Respawn back-off after a worker failed to start: 10 ms doubling to 1 s. */
#define SPAWN_BACKOFF_MIN_NS 10000000ull
#define SPAWN_BACKOFF_MAX_NS 1000000000ull

typedef struct Config {
    const char *listen;
    const char *worker_path;
    unsigned workers;
    unsigned queue;
    SbxLimits max; /* the defaults and the caps */
    bool allow_raw_c;
    bool no_namespaces; /* test the fallback: run as if the kernel refused them all */
    bool verbose;
} Config;

enum { K_LISTEN, K_SIGNAL, K_CONN, K_PIDFD, K_CTL, K_OUT, K_ERR };

typedef struct Watch {
    int kind;
    void *obj;
} Watch;

typedef struct Conn {
    Watch watch;
    int fd;
    Buf in;
    Buf out;
    size_t out_off;
    bool want_out; /* EPOLLOUT registered */
    bool closing;  /* answer what is buffered, then close */
    bool gone;     /* closed; freed after the current batch of events */
    struct Conn *prev, *next;
} Conn;

typedef enum { WS_STARTING, WS_READY, WS_RUNNING } WState;

typedef struct Worker {
    SbxWorker sw;
    WState state;
    Watch w_pid, w_ctl, w_out, w_err;
    bool ctl_watched, out_watched, err_watched;
    Buf ctl_in;
    Buf ctl_out;
    size_t ctl_off;
    bool ctl_want_out;
    Job *job;
    bool dead; /* reaped */
    bool gone; /* released; freed after the current batch of events */
    struct Worker *prev, *next;
} Worker;

typedef struct WorkerList {
    Worker *head;
    unsigned n;
} WorkerList;

typedef struct Daemon {
    Config cfg;
    int ep, lfd, sfd;
    char unix_path[sizeof(((struct sockaddr_un *)0)->sun_path)];
    SbxFilter filter;
    SbxSpawn spawn;
    WorkerList idle; /* starting or ready */
    WorkerList busy; /* running a job */
    unsigned ready;
    Job *qhead, *qtail;
    unsigned qlen;
    Conn *conns;
    unsigned spawn_failures;
    uint64_t next_spawn_ns;

    bool stopping;
    Watch w_listen, w_signal;
    /* Freed after each batch of epoll events, since later events of the
     * same batch may still point at them. */
    Conn *conn_grave;
    Worker *worker_grave;
} Daemon;

static void logf_(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void logf_(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("dynboxd: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

/* ---- buffers ------------------------------------------------------------------ */

int buf_append(Buf *b, const void *p, size_t n)
{
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n)
            cap *= 2;
        char *q = realloc(b->p, cap);
        if (!q)
            return -1;
        b->p = q;
        b->cap = cap;
    }
    memcpy(b->p + b->len, p, n);
    b->len += n;
    return 0;
}

void buf_free(Buf *b)
{
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

static void buf_consume(Buf *b, size_t n)
{
    memmove(b->p, b->p + n, b->len - n);
    b->len -= n;
}

/* ---- epoll ---------------------------------------------------------------------- */

static int ep_add(Daemon *d, int fd, uint32_t events, Watch *w)
{
    struct epoll_event ev = {.events = events, .data.ptr = w};
    return epoll_ctl(d->ep, EPOLL_CTL_ADD, fd, &ev);
}

static int ep_mod(Daemon *d, int fd, uint32_t events, Watch *w)
{
    struct epoll_event ev = {.events = events, .data.ptr = w};
    return epoll_ctl(d->ep, EPOLL_CTL_MOD, fd, &ev);
}

static void ep_del(Daemon *d, int fd)
{
    epoll_ctl(d->ep, EPOLL_CTL_DEL, fd, NULL);
}

/* ---- lists ------------------------------------------------------------------------- */

static void wl_add(WorkerList *l, Worker *w)
{
    w->prev = NULL;
    w->next = l->head;
    if (l->head)
        l->head->prev = w;
    l->head = w;
    l->n++;
}

static void wl_remove(WorkerList *l, Worker *w)
{
    if (w->prev)
        w->prev->next = w->next;
    else
        l->head = w->next;
    if (w->next)
        w->next->prev = w->prev;
    w->prev = w->next = NULL;
    l->n--;
}

/* ---- connections ----------------------------------------------------------------------- */

static void conn_close(Daemon *d, Conn *c);

static void conn_flush(Daemon *d, Conn *c)
{
    while (c->out_off < c->out.len) {
        ssize_t w = send(c->fd, c->out.p + c->out_off, c->out.len - c->out_off, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        if (w <= 0) {
            conn_close(d, c);
            return;
        }
        c->out_off += (size_t)w;
    }
    if (c->out_off == c->out.len) {
        c->out.len = c->out_off = 0;
        if (c->closing) {
            conn_close(d, c);
            return;
        }
    }
    bool want = c->out_off < c->out.len;
    if (want != c->want_out) {
        ep_mod(d, c->fd, (c->closing ? 0 : EPOLLIN) | (want ? EPOLLOUT : 0), &c->watch);
        c->want_out = want;
    }
}

/* Queues a frame for `c` (owned by the caller) and tries to send it. */
static void conn_send(Daemon *d, Conn *c, const char *frame, size_t len)
{
    if (c->out.len - c->out_off + len > MAX_CONN_BACKLOG) {
        logf_("closing a client that stopped reading its answers");
        conn_close(d, c);
        return;
    }
    if (buf_append(&c->out, frame, len) < 0) {
        conn_close(d, c);
        return;
    }
    conn_flush(d, c);
}

static void conn_status(Daemon *d, Conn *c, json_t *id, const char *status, const char *error)
{
    char *frame;
    size_t len;
    if (proto_status_frame(id, status, error, &frame, &len) == 0) {
        conn_send(d, c, frame, len);
        free(frame);
    }
}

static void job_free(Job *j);

/* Drops the client: its queued jobs are cancelled and its running ones
 * killed, so a vanished client frees its share of the workers at once. */
static void conn_close(Daemon *d, Conn *c)
{
    if (c->gone)
        return;
    c->gone = true;
    for (Job **pp = &d->qhead; *pp;) {
        Job *j = *pp;
        if (j->conn == c) {
            *pp = j->next;
            d->qlen--;
            job_free(j);
        } else {
            pp = &j->next;
        }
    }
    d->qtail = NULL;
    for (Job *j = d->qhead; j; j = j->next)
        d->qtail = j;
    for (Worker *w = d->busy.head; w; w = w->next)
        if (w->job && w->job->conn == c) {
            w->job->conn = NULL;
            sbx_kill(&w->sw);
        }
    ep_del(d, c->fd);
    close(c->fd);
    if (c->prev)
        c->prev->next = c->next;
    else
        d->conns = c->next;
    if (c->next)
        c->next->prev = c->prev;
    buf_free(&c->in);
    buf_free(&c->out);
    c->next = d->conn_grave;
    d->conn_grave = c;
}

/* ---- workers ------------------------------------------------------------------------ */

static uint64_t now_ns(void)
{
    return sbx_now_ns();
}

static void worker_free(Daemon *d, Worker *w)
{
    if (w->sw.pidfd >= 0)
        ep_del(d, w->sw.pidfd);
    if (w->ctl_watched)
        ep_del(d, w->sw.ctl);
    if (w->out_watched)
        ep_del(d, w->sw.out);
    if (w->err_watched)
        ep_del(d, w->sw.err);
    sbx_worker_release(&w->sw);
    buf_free(&w->ctl_in);
    buf_free(&w->ctl_out);
    w->gone = true;
    w->next = d->worker_grave;
    d->worker_grave = w;
}

static void bury(Daemon *d)
{
    while (d->conn_grave) {
        Conn *c = d->conn_grave;
        d->conn_grave = c->next;
        free(c);
    }
    while (d->worker_grave) {
        Worker *w = d->worker_grave;
        d->worker_grave = w->next;
        free(w);
    }
}

/* A new worker: forked by `src`, a ready worker that has not had a job
 * (docs/daemon.md, "The sandbox"), or, without one or when that fails,
 * exec'd afresh. */
static int spawn_sw(Daemon *d, Worker *src, SbxWorker *sw)
{
    if (src) {
        int rc = sbx_spawn_from(&src->sw, sw, SUCCESSOR_TIMEOUT_MS);
        if (rc == 0)
            return 0;
        /* a late answer would be read as its report: let it go (its pidfd
         * says so, and a job it was about to get ends internal_error) */
        logf_("a worker could not fork its successor (%s)", strerror(-rc));
        sbx_kill(&src->sw);
    }
    return sbx_spawn(&d->spawn, sw);
}

static int spawn_worker(Daemon *d, Worker *src)
{
    Worker *w = calloc(1, sizeof *w);
    if (!w)
        return -ENOMEM;
    int rc = spawn_sw(d, src, &w->sw);
    if (rc < 0) {
        free(w);
        return rc;
    }
    w->state = WS_STARTING;
    w->w_pid = (Watch){K_PIDFD, w};
    w->w_ctl = (Watch){K_CTL, w};
    w->w_out = (Watch){K_OUT, w};
    w->w_err = (Watch){K_ERR, w};
    if (ep_add(d, w->sw.pidfd, EPOLLIN, &w->w_pid) < 0 ||
        ep_add(d, w->sw.ctl, EPOLLIN, &w->w_ctl) < 0) {
        rc = -errno;
        sbx_kill(&w->sw);
        waitpid(w->sw.pid, NULL, 0);
        worker_free(d, w);
        bury(d);
        return rc;
    }
    w->ctl_watched = true;
    wl_add(&d->idle, w);
    return 0;
}

static Worker *take_ready(Daemon *d);

/* Keeps `workers` processes starting or ready, backing off when spawning
 * fails so a broken environment does not turn into a fork loop. New ones
 * are forked by `src` (a worker about to get its job) or by any ready one. */
static void top_up_from(Daemon *d, Worker *src)
{
    if (d->stopping)
        return;
    while (d->idle.n < d->cfg.workers) {
        if (d->spawn_failures && now_ns() < d->next_spawn_ns)
            return;
        int rc = spawn_worker(d, src ? src : take_ready(d));
        if (rc == 0)
            continue;
        d->spawn_failures++;
        uint64_t back = SPAWN_BACKOFF_MIN_NS << (d->spawn_failures < 7 ? d->spawn_failures : 7);
        d->next_spawn_ns = now_ns() + (back < SPAWN_BACKOFF_MAX_NS ? back : SPAWN_BACKOFF_MAX_NS);
        logf_("cannot spawn a worker: %s", strerror(-rc));
        return;
    }
}

static void top_up(Daemon *d)
{
    top_up_from(d, NULL);
}

static void note_spawn_failure(Daemon *d, int status)
{
    d->spawn_failures++;
    uint64_t back = SPAWN_BACKOFF_MIN_NS << (d->spawn_failures < 7 ? d->spawn_failures : 7);
    d->next_spawn_ns = now_ns() + (back < SPAWN_BACKOFF_MAX_NS ? back : SPAWN_BACKOFF_MAX_NS);
    if (WIFEXITED(status))
        logf_("a worker failed to start (exit status %d)", WEXITSTATUS(status));
    else
        logf_("a worker failed to start (%s)", sbx_signal_name(WTERMSIG(status)));
}

static Worker *take_ready(Daemon *d)
{
    for (Worker *w = d->idle.head; w; w = w->next)
        if (w->state == WS_READY)
            return w;
    return NULL;
}

static void worker_ctl_flush(Daemon *d, Worker *w)
{
    while (w->ctl_off < w->ctl_out.len) {
        ssize_t n = send(w->sw.ctl, w->ctl_out.p + w->ctl_off, w->ctl_out.len - w->ctl_off, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        if (n <= 0) {
            /* the worker died; its pidfd will say how */
            w->ctl_off = w->ctl_out.len;
            break;
        }
        w->ctl_off += (size_t)n;
    }
    bool want = w->ctl_off < w->ctl_out.len;
    if (!want)
        buf_free(&w->ctl_out);
    if (want != w->ctl_want_out && w->ctl_watched) {
        ep_mod(d, w->sw.ctl, EPOLLIN | (want ? EPOLLOUT : 0), &w->w_ctl);
        w->ctl_want_out = want;
    }
}

static void dispatch(Daemon *d, Job *j, Worker *w)
{
    wl_remove(&d->idle, w);
    d->ready--;
    /* its successor first, forked while it has had no job (and before its
     * CPU clock is read below, so the fork is not the job's) */
    top_up_from(d, w);
    w->state = WS_RUNNING;
    w->job = j;
    j->w = w;
    wl_add(&d->busy, w);

    SbxJobHdr h;
    memset(&h, 0, sizeof h);
    h.magic = SBX_JOB_MAGIC;
    h.op = j->op == PROTO_RAW_C           ? SBX_OP_RAW_C
           : j->op == PROTO_CRASH_COMPILE ? SBX_OP_CRASH
           : j->op == PROTO_RUN           ? SBX_OP_RUN
                                          : SBX_OP_COMPILE;
    h.rules = j->rules;
    h.abi = j->abi;
    h.want = j->want;
    h.bpf_count = d->filter.count;
    h.code_len = (uint32_t)j->code_len;
    h.limits = j->lim;
    j->t_dispatched = now_ns();
    h.t_sent = j->t_dispatched;
    /* The worker's start-up (exec, namespaces, the prelude) is on its CPU
     * clock already; the job's CPU time is what it adds. */
    clockid_t cid;
    struct timespec ts;
    if (clock_getcpuclockid(w->sw.pid, &cid) == 0 && clock_gettime(cid, &ts) == 0)
        j->cpu_base_us = (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
    j->deadline_ns = j->t_dispatched + j->lim.wall_ms * 1000000ull;
    if (buf_append(&w->ctl_out, &h, sizeof h) < 0 ||
        buf_append(&w->ctl_out, d->filter.insns, d->filter.count * sizeof(struct sock_filter)) < 0 ||
        buf_append(&w->ctl_out, j->code, j->code_len) < 0) {
        j->internal = "out of memory in the daemon";
        sbx_kill(&w->sw);
    }
    if (ep_add(d, w->sw.out, EPOLLIN, &w->w_out) == 0)
        w->out_watched = true;
    if (ep_add(d, w->sw.err, EPOLLIN, &w->w_err) == 0)
        w->err_watched = true;
    worker_ctl_flush(d, w);
    /* the job's code is in the worker's socket or buffer now */
    free(j->code);
    j->code = NULL;
    top_up(d);
}

static void run_queue(Daemon *d)
{
    while (d->qhead && d->busy.n < d->cfg.workers) {
        Worker *w = take_ready(d);
        if (!w)
            return;
        Job *j = d->qhead;
        d->qhead = j->next;
        if (!d->qhead)
            d->qtail = NULL;
        d->qlen--;
        j->next = NULL;
        dispatch(d, j, w);
    }
}

/* Reads what a stream delivered, keeping bytes up to the job's output cap
 * (stdout and stderr together) and killing the worker the moment it goes
 * past. Returns false at EOF or error. */
static bool drain_stream(Daemon *d, Worker *w, int fd, bool is_err)
{
    (void)d;
    Job *j = w->job;
    char buf[65536];
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return true;
        if (n <= 0)
            return false;
        if (!j)
            continue;
        Buf *b = is_err ? &j->err : &j->out;
        uint64_t kept = j->out.len + j->err.len;
        uint64_t room = kept < j->lim.output_bytes ? j->lim.output_bytes - kept : 0;
        size_t keep = (uint64_t)n < room ? (size_t)n : (size_t)room;
        if (keep && buf_append(b, buf, keep) < 0)
            j->internal = "out of memory in the daemon";
        if ((size_t)n > keep) {
            j->output_over = true;
            if (is_err)
                j->stderr_trunc = true;
            else
                j->stdout_trunc = true;
            if (!j->killed_output && !j->killed_wall && !w->dead) {
                j->killed_output = true;
                sbx_kill(&w->sw);
            }
        }
    }
}

static bool drain_ctl(Worker *w)
{
    char buf[65536];
    for (;;) {
        ssize_t n = read(w->sw.ctl, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return true;
        if (n <= 0)
            return false;
        if (w->ctl_in.len + (size_t)n > sizeof(SbxHello) + sizeof(SbxReportHdr) + SBX_REPORT_MAX) {
            /* a worker flooding its report is broken or compromised */
            if (w->job)
                w->job->internal = "the worker's report is too large";
            sbx_kill(&w->sw);
            return false;
        }
        if (buf_append(&w->ctl_in, buf, (size_t)n) < 0)
            return false;
    }
}

static void on_ctl(Daemon *d, Worker *w, uint32_t events)
{
    if (events & EPOLLOUT)
        worker_ctl_flush(d, w);
    if (!(events & (EPOLLIN | EPOLLHUP | EPOLLERR)))
        return;
    bool open = drain_ctl(w);
    if (w->state == WS_STARTING && w->ctl_in.len >= sizeof(SbxHello)) {
        SbxHello h;
        memcpy(&h, w->ctl_in.p, sizeof h);
        buf_consume(&w->ctl_in, sizeof h);
        if (h.magic != SBX_HELLO_MAGIC || h.ns != d->spawn.ns) {
            logf_("a worker started without its namespaces (%#x of %#x)", h.ns, d->spawn.ns);
            sbx_kill(&w->sw);
        } else {
            w->state = WS_READY;
            d->ready++;
            d->spawn_failures = 0;
            run_queue(d);
        }
    }
    if (!open && w->ctl_watched) {
        ep_del(d, w->sw.ctl);
        w->ctl_watched = false;
    }
}

static void finish_job(Daemon *d, Worker *w, int status, const struct rusage *ru);

static void on_pidfd(Daemon *d, Worker *w)
{
    int status = 0;
    struct rusage ru;
    memset(&ru, 0, sizeof ru);
    pid_t r = wait4(w->sw.pid, &status, WNOHANG, &ru);
    if (r == 0)
        return;
    if (r < 0 && errno == EINTR)
        return;
    w->dead = true;
    if (w->state == WS_RUNNING) {
        /* everything the worker wrote is in the pipes now */
        drain_ctl(w);
        drain_stream(d, w, w->sw.out, false);
        drain_stream(d, w, w->sw.err, true);
        finish_job(d, w, status, &ru);
        wl_remove(&d->busy, w);
        worker_free(d, w);
        run_queue(d);
    } else {
        if (w->state == WS_READY)
            d->ready--;
        else
            note_spawn_failure(d, status);
        wl_remove(&d->idle, w);
        worker_free(d, w);
    }
    top_up(d);
}

/* ---- jobs ------------------------------------------------------------------------------ */

static void job_free(Job *j)
{
    if (!j)
        return;
    if (j->id)
        json_decref(j->id);
    free(j->code);
    buf_free(&j->out);
    buf_free(&j->err);
    free(j);
}

static void finish_job(Daemon *d, Worker *w, int status, const struct rusage *ru)
{
    Job *j = w->job;
    w->job = NULL;
    j->t_exited = now_ns();
    JobEnd end;
    memset(&end, 0, sizeof end);
    end.status = status;
    end.ru = *ru;
    end.report = w->ctl_in.p;
    end.report_len = w->ctl_in.len;
    end.shared = w->sw.shared;
    if (j->conn) {
        char *frame = NULL;
        size_t len = 0;
        if (result_frame(j, &end, &frame, &len) == 0)
            conn_send(d, j->conn, frame, len);
        else
            conn_status(d, j->conn, j->id, "internal_error", "cannot encode the answer");
        free(frame);
    }
    if (d->cfg.verbose)
        logf_("job done: pid %d, status %#x, %zu+%zu output bytes", (int)w->sw.pid, status,
              j->out.len, j->err.len);
    job_free(j);
}

static uint64_t cap(uint64_t asked, uint64_t max)
{
    return asked && asked < max ? asked : max;
}

static void on_request(Daemon *d, Conn *c, const char *body, size_t len)
{
    ProtoRequest req;
    char err[256];
    if (proto_parse_request(body, len, &req, err, sizeof err) < 0) {
        conn_status(d, c, req.id, "bad_request", err);
        proto_request_free(&req);
        return;
    }
    if (req.op == PROTO_PING) {
        json_t *o = json_pack("{sOsssIsIsIsIsb}", "id", req.id, "status", "ok", "workers",
                              (json_int_t)d->cfg.workers, "ready", (json_int_t)d->ready, "queue",
                              (json_int_t)d->qlen, "running", (json_int_t)d->busy.n, "raw_c",
                              d->cfg.allow_raw_c);
        char *frame;
        size_t flen;
        if (o && proto_encode(o, &frame, &flen) == 0) {
            conn_send(d, c, frame, flen);
            free(frame);
        }
        json_decref(o);
        proto_request_free(&req);
        return;
    }
    if ((req.op == PROTO_RAW_C || req.op == PROTO_CRASH_COMPILE) && !d->cfg.allow_raw_c) {
        snprintf(err, sizeof err, "op `%s` is disabled (a test-only op)",
                 req.op == PROTO_RAW_C ? "raw_c" : "crash_compile");
        conn_status(d, c, req.id, "bad_request", err);
        proto_request_free(&req);
        return;
    }
    if (req.op != PROTO_RAW_C && req.code_len > DB_MAX_SOURCE) {
        snprintf(err, sizeof err, "`code` is %zu bytes; the limit is %d", req.code_len, DB_MAX_SOURCE);
        conn_status(d, c, req.id, "bad_request", err);
        proto_request_free(&req);
        return;
    }
    bool can_run = d->busy.n < d->cfg.workers && take_ready(d);
    if (!can_run && d->qlen >= d->cfg.queue) {
        conn_status(d, c, req.id, "busy", "every worker is busy and the queue is full");
        proto_request_free(&req);
        return;
    }
    Job *j = calloc(1, sizeof *j);
    if (!j || !(j->code = malloc(req.code_len + 1))) {
        free(j);
        conn_status(d, c, req.id, "internal_error", "out of memory in the daemon");
        proto_request_free(&req);
        return;
    }
    memcpy(j->code, req.code, req.code_len);
    j->code[req.code_len] = '\0';
    j->code_len = req.code_len;
    j->conn = c;
    j->id = json_incref(req.id);
    j->op = req.op;
    j->rules = req.rules;
    j->abi = req.abi;
    j->want = (req.want_c ? SBX_WANT_C : 0) | (req.want_explain ? SBX_WANT_EXPLAIN : 0);
    j->lim.cpu_ms = cap(req.limits.cpu_ms, d->cfg.max.cpu_ms);
    j->lim.wall_ms = cap(req.limits.wall_ms, d->cfg.max.wall_ms);
    j->lim.mem_bytes = cap(req.limits.mem_bytes, d->cfg.max.mem_bytes);
    j->lim.output_bytes = cap(req.limits.output_bytes, d->cfg.max.output_bytes);
    j->lim.stack_bytes = cap(req.limits.stack_bytes, d->cfg.max.stack_bytes);
    j->t_received = now_ns();
    proto_request_free(&req);
    if (d->qtail)
        d->qtail->next = j;
    else
        d->qhead = j;
    d->qtail = j;
    d->qlen++;
    run_queue(d);
}

static void on_conn(Daemon *d, Conn *c, uint32_t events)
{
    if (events & EPOLLOUT)
        conn_flush(d, c);
    if (c->gone || c->closing || !(events & (EPOLLIN | EPOLLHUP | EPOLLERR)))
        return;
    char buf[65536];
    for (;;) {
        ssize_t n = recv(c->fd, buf, sizeof buf, 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        if (n <= 0) {
            conn_close(d, c);
            return;
        }
        if (buf_append(&c->in, buf, (size_t)n) < 0) {
            conn_close(d, c);
            return;
        }
        while (c->in.len >= 4 && !c->gone && !c->closing) {
            uint32_t len = proto_get_len((unsigned char *)c->in.p);
            if (len > PROTO_MAX_REQUEST) {
                char msg[96];
                snprintf(msg, sizeof msg, "request of %u bytes is larger than %u", len,
                         PROTO_MAX_REQUEST);
                c->closing = true;
                conn_status(d, c, NULL, "bad_request", msg);
                return;
            }
            if (c->in.len < 4 + (size_t)len)
                break;
            on_request(d, c, c->in.p + 4, len);
            if (!c->gone)
                buf_consume(&c->in, 4 + (size_t)len);
        }
        if (c->gone || c->closing)
            return;
    }
}

static void on_listen(Daemon *d)
{
    for (;;) {
        int fd = accept4(d->lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
                logf_("accept: %s", strerror(errno));
            return;
        }
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one); /* fails on unix: fine */
        Conn *c = calloc(1, sizeof *c);
        if (!c) {
            close(fd);
            continue;
        }
        c->fd = fd;
        c->watch = (Watch){K_CONN, c};
        if (ep_add(d, fd, EPOLLIN, &c->watch) < 0) {
            close(fd);
            free(c);
            continue;
        }
        c->next = d->conns;
        if (d->conns)
            d->conns->prev = c;
        d->conns = c;
    }
}

/* Kills jobs past their wall deadline; returns the epoll timeout (ms) to
 * the next deadline or pending respawn, -1 for none. */
static int check_deadlines(Daemon *d)
{
    uint64_t now = now_ns(), next = UINT64_MAX;
    for (Worker *w = d->busy.head; w; w = w->next) {
        Job *j = w->job;
        if (!j || j->killed_wall || j->killed_output || w->dead)
            continue;
        if (now >= j->deadline_ns) {
            j->killed_wall = true;
            sbx_kill(&w->sw);
        } else if (j->deadline_ns < next) {
            next = j->deadline_ns;
        }
    }
    if (d->spawn_failures && d->idle.n < d->cfg.workers) {
        if (now >= d->next_spawn_ns)
            top_up(d);
        if (d->idle.n < d->cfg.workers && d->next_spawn_ns < next)
            next = d->next_spawn_ns;
    }
    if (next == UINT64_MAX)
        return -1;
    uint64_t ms = next > now ? (next - now + 999999) / 1000000 : 0;
    return ms > INT_MAX ? INT_MAX : (int)ms;
}

/* ---- start-up ------------------------------------------------------------------------------ */

static int open_listener(Daemon *d, char *err, size_t errlen)
{
    struct sockaddr_storage ss;
    socklen_t len;
    if (proto_parse_addr(d->cfg.listen, &ss, &len, err, errlen) < 0)
        return -1;
    int fd = socket(ss.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        snprintf(err, errlen, "socket: %s", strerror(errno));
        return -1;
    }
    if (ss.ss_family == AF_UNIX) {
        struct sockaddr_un *un = (struct sockaddr_un *)&ss;
        struct stat st;
        /* a stale socket from a crashed daemon is replaced; a live one is not */
        if (lstat(un->sun_path, &st) == 0 && S_ISSOCK(st.st_mode)) {
            int probe = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
            bool live = probe >= 0 && connect(probe, (struct sockaddr *)&ss, len) == 0;
            if (probe >= 0)
                close(probe);
            if (live) {
                snprintf(err, errlen, "%s: another daemon is listening there", un->sun_path);
                close(fd);
                return -1;
            }
            unlink(un->sun_path);
        }
        memcpy(d->unix_path, un->sun_path, sizeof d->unix_path);
    } else {
        int one = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    }
    if (bind(fd, (struct sockaddr *)&ss, len) < 0 || listen(fd, 128) < 0) {
        snprintf(err, errlen, "%s: %s", d->cfg.listen, strerror(errno));
        close(fd);
        d->unix_path[0] = '\0';
        return -1;
    }
    d->lfd = fd;
    return 0;
}

/* Blocks until `fd` is readable or `ms` passes. */
static bool wait_readable(int fd, int ms)
{
    struct pollfd p = {.fd = fd, .events = POLLIN};
    int r;
    do
        r = poll(&p, 1, ms);
    while (r < 0 && errno == EINTR);
    return r > 0;
}

/* Runs one worker through set-up and a lock-down that must end in SIGSYS:
 * tells which namespaces this kernel grants and proves the filter bites.
 * Refuses to start the daemon when the filter does not. */
static int probe(Daemon *d, SbxHello *hello, char *err, size_t errlen)
{
    SbxSpawn cfg = d->spawn;
    cfg.ns = d->cfg.no_namespaces ? 0 : SBX_NS_ALL;
    cfg.probe = true;
    SbxWorker w;
    int rc = -1, status = 0;
    int e = sbx_spawn(&cfg, &w);
    if (e < 0) {
        snprintf(err, errlen, "cannot start a worker: %s", strerror(-e));
        return -1;
    }
    bool got = false;
    if (wait_readable(w.ctl, 5000)) {
        fcntl(w.ctl, F_SETFL, 0);
        got = recv(w.ctl, hello, sizeof *hello, MSG_WAITALL) == (ssize_t)sizeof *hello &&
              hello->magic == SBX_HELLO_MAGIC;
    }
    if (!got) {
        snprintf(err, errlen, "the probe worker did not start (is dynboxd-worker next to dynboxd?)");
        goto done;
    }
    SbxJobHdr h;
    memset(&h, 0, sizeof h);
    h.magic = SBX_JOB_MAGIC;
    h.op = SBX_OP_PROBE;
    h.rules = h.abi = -1;
    h.bpf_count = d->filter.count;
    h.limits = d->cfg.max;
    h.t_sent = now_ns();
    if (send(w.ctl, &h, sizeof h, MSG_NOSIGNAL) != (ssize_t)sizeof h ||
        send(w.ctl, d->filter.insns, d->filter.count * sizeof(struct sock_filter), MSG_NOSIGNAL) !=
            (ssize_t)(d->filter.count * sizeof(struct sock_filter))) {
        snprintf(err, errlen, "cannot send the probe job");
        goto done;
    }
    if (!wait_readable(w.pidfd, 5000)) {
        snprintf(err, errlen, "the probe worker did not finish");
        goto done;
    }
    waitpid(w.pid, &status, 0);
    w.pid = 0;
    if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGSYS) {
        snprintf(err, errlen, "seccomp is not enforced: the probe's forbidden call %s",
                 WIFEXITED(status) ? "returned" : "ended otherwise");
        goto done;
    }
    rc = 0;
done:
    if (w.pid > 0) {
        sbx_kill(&w);
        waitpid(w.pid, NULL, 0);
    }
    sbx_worker_release(&w);
    return rc;
}

static void log_protections(const Daemon *d, const SbxHello *h)
{
    static const struct {
        uint32_t bit;
        const char *name;
    } ns[] = {{SBX_NS_USER, "user"}, {SBX_NS_NET, "net"}, {SBX_NS_MOUNT, "mount"},
              {SBX_NS_IPC, "ipc"}, {SBX_NS_UTS, "uts"}};
    char got[64] = "", missing[64] = "";
    for (size_t i = 0; i < sizeof ns / sizeof ns[0]; i++) {
        char *dst = (h->ns & ns[i].bit) ? got : missing;
        size_t l = strlen(dst);
        snprintf(dst + l, 64 - l, "%s%s", l ? "," : "", ns[i].name);
    }
    if (d->cfg.no_namespaces)
        snprintf(missing, sizeof missing, "all (--no-namespaces)");
    logf_("protections: namespaces %s%s%s (pid: not used, see docs/daemon.md); "
          "file system: %s; uid: %u%s; seccomp: yes (%u BPF instructions, kill-process, "
          "verified by a probe); no_new_privs: yes; rlimits: as,cpu(+timer),stack,nofile=3,"
          "core=0,fsize=0,nproc=0",
          got[0] ? got : "none", missing[0] ? ", unavailable: " : "", missing,
          h->fs_hidden ? "hidden (empty read-only tmpfs root)" : "visible (no mount namespace)",
          h->uid, h->uid == NOBODY ? " (nobody)" : "", d->filter.count);
    logf_("listening on %s; workers %u, queue %u; limits: cpu %llu ms, wall %llu ms, memory %llu MiB, "
          "output %llu bytes, stack %llu MiB%s",
          d->cfg.listen, d->cfg.workers, d->cfg.queue, (unsigned long long)d->cfg.max.cpu_ms,
          (unsigned long long)d->cfg.max.wall_ms, (unsigned long long)(d->cfg.max.mem_bytes >> 20),
          (unsigned long long)d->cfg.max.output_bytes,
          (unsigned long long)(d->cfg.max.stack_bytes >> 20),
          d->cfg.allow_raw_c ? "; raw_c ENABLED (test only)" : "");
}

static int open_worker_exe(const Config *cfg, char *err, size_t errlen)
{
    char path[PATH_MAX];
    if (cfg->worker_path) {
        snprintf(path, sizeof path, "%s", cfg->worker_path);
    } else {
        ssize_t n = readlink("/proc/self/exe", path, sizeof path - 32);
        if (n <= 0) {
            snprintf(err, errlen, "cannot find my own executable; pass --worker PATH");
            return -1;
        }
        path[n] = '\0';
        char *slash = strrchr(path, '/');
        snprintf(slash ? slash + 1 : path, 32, "dynboxd-worker");
    }
    int fd = open(path, O_PATH | O_CLOEXEC);
    if (fd < 0)
        snprintf(err, errlen, "%.300s: %s", path, strerror(errno));
    return fd;
}

static void usage(FILE *f)
{
    fputs("usage: dynboxd --listen unix:PATH|tcp:HOST:PORT [OPTION]...\n\n"
          "Runs compile and run jobs for dynbox-server in sandboxed, pre-forked workers\n"
          "(docs/daemon.md). Options (no environment variables: the daemon reads nothing\n"
          "but its arguments):\n\n"
          "  --listen ADDR        unix:PATH or tcp:HOST:PORT to accept jobs on (required)\n"
          "  --workers N          jobs running at once, one pre-forked worker each (default: one per core)\n"
          "  --queue N            jobs waiting beyond that before `busy` is answered (default 16)\n"
          "  --cpu-ms N           most CPU time a job may ask for (default 2000)\n"
          "  --wall-ms N          most wall time a job may ask for (default 5000)\n"
          "  --mem-mb N           most address space a job may ask for (default 256)\n"
          "  --output-bytes N     most output a job may ask for (default 1048576)\n"
          "  --stack-mb N         most stack a job may ask for (default 8)\n"
          "  --worker PATH        the worker program (default: dynboxd-worker next to dynboxd)\n"
          "  --verbose            log every job on stderr\n"
          "  --no-namespaces      do not create namespaces (tests; the start-up line says so)\n"
          "  --allow-raw-c        accept raw C jobs (the sandbox tests only; never in production)\n"
          "  --help               this text\n",
          f);
}

static bool parse_u64(const char *s, uint64_t lo, uint64_t hi, uint64_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end || end == s || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

static int parse_args(int argc, char **argv, Config *cfg)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    cfg->workers = cores > 0 ? (unsigned)cores : 1;
    cfg->queue = 16;
    cfg->max = (SbxLimits){2000, 5000, 256ull << 20, 1u << 20, 8ull << 20};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        uint64_t n;
        if (strcmp(a, "--allow-raw-c") == 0) {
            cfg->allow_raw_c = true;
            continue;
        }
        if (strcmp(a, "--no-namespaces") == 0) {
            cfg->no_namespaces = true;
            continue;
        }
        if (strcmp(a, "--verbose") == 0) {
            cfg->verbose = true;
            continue;
        }
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            exit(0);
        }
        if (!v) {
            fprintf(stderr, "dynboxd: `%s` needs a value\n", a);
            return -1;
        }
        i++;
        if (strcmp(a, "--listen") == 0)
            cfg->listen = v;
        else if (strcmp(a, "--worker") == 0)
            cfg->worker_path = v;
        else if (strcmp(a, "--workers") == 0 && parse_u64(v, 1, 256, &n))
            cfg->workers = (unsigned)n;
        else if (strcmp(a, "--queue") == 0 && parse_u64(v, 0, 100000, &n))
            cfg->queue = (unsigned)n;
        else if (strcmp(a, "--cpu-ms") == 0 && parse_u64(v, 1, 3600000, &n))
            cfg->max.cpu_ms = n;
        else if (strcmp(a, "--wall-ms") == 0 && parse_u64(v, 1, 3600000, &n))
            cfg->max.wall_ms = n;
        else if (strcmp(a, "--mem-mb") == 0 && parse_u64(v, 1, 1u << 20, &n))
            cfg->max.mem_bytes = n << 20;
        else if (strcmp(a, "--output-bytes") == 0 && parse_u64(v, 1, 256u << 20, &n))
            cfg->max.output_bytes = n;
        else if (strcmp(a, "--stack-mb") == 0 && parse_u64(v, 1, 1024, &n))
            cfg->max.stack_bytes = n << 20;
        else {
            fprintf(stderr, "dynboxd: bad option `%s %s`\n", a, v);
            return -1;
        }
    }
    if (!cfg->listen) {
        usage(stderr);
        return -1;
    }
    return 0;
}

/* ---- the loop ---------------------------------------------------------------------------- */

static void shutdown_all(Daemon *d)
{
    d->stopping = true;
    WorkerList *lists[] = {&d->idle, &d->busy};
    for (size_t i = 0; i < 2; i++)
        while (lists[i]->head) {
            Worker *w = lists[i]->head;
            sbx_kill(&w->sw);
            waitpid(w->sw.pid, NULL, 0);
            if (w->job)
                job_free(w->job);
            wl_remove(lists[i], w);
            worker_free(d, w);
        }
    while (d->conns)
        conn_close(d, d->conns);
    while (d->qhead) {
        Job *j = d->qhead;
        d->qhead = j->next;
        job_free(j);
    }
    if (d->lfd >= 0)
        close(d->lfd);
    if (d->unix_path[0])
        unlink(d->unix_path);
    bury(d);
}

int main(int argc, char **argv)
{
    static Daemon dm;
    Daemon *d = &dm;
    char err[512];
    int rc = 1;
    d->ep = d->lfd = d->sfd = -1;
    d->spawn.exe_fd = -1;

    /* fds 0-2 must exist, or a socket could land on them and be mistaken for
     * stdio (or be clobbered by a worker's dup2 shuffle) */
    for (int fd = 0; fd < 3; fd++)
        if (fcntl(fd, F_GETFD) < 0 && open("/dev/null", O_RDWR) != fd)
            return 1;
    if (parse_args(argc, argv, &d->cfg) < 0)
        return 2;
    signal(SIGPIPE, SIG_IGN);
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGTERM);
    sigaddset(&mask, SIGINT);
    sigaddset(&mask, SIGHUP);
    sigprocmask(SIG_BLOCK, &mask, NULL);

    d->spawn.exe_fd = open_worker_exe(&d->cfg, err, sizeof err);
    if (d->spawn.exe_fd < 0) {
        logf_("%s", err);
        goto done;
    }
    if (sbx_filter_build(&d->filter, err, sizeof err) < 0) {
        logf_("%s", err);
        goto done;
    }
    if (geteuid() == 0) {
        d->spawn.drop_uid = true;
        d->spawn.uid = NOBODY;
        d->spawn.gid = NOBODY;
    }
    SbxHello hello;
    if (probe(d, &hello, err, sizeof err) < 0) {
        logf_("refusing to start: %s", err);
        goto done;
    }
    d->spawn.ns = hello.ns;
    if (open_listener(d, err, sizeof err) < 0) {
        logf_("%s", err);
        goto done;
    }
    d->ep = epoll_create1(EPOLL_CLOEXEC);
    d->sfd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
    d->w_listen = (Watch){K_LISTEN, NULL};
    d->w_signal = (Watch){K_SIGNAL, NULL};
    if (d->ep < 0 || d->sfd < 0 || ep_add(d, d->lfd, EPOLLIN, &d->w_listen) < 0 ||
        ep_add(d, d->sfd, EPOLLIN, &d->w_signal) < 0) {
        logf_("epoll: %s", strerror(errno));
        goto done;
    }
    log_protections(d, &hello);
    top_up(d);

    struct epoll_event evs[64];
    while (!d->stopping) {
        int timeout = check_deadlines(d);
        int n = epoll_wait(d->ep, evs, 64, timeout);
        if (n < 0 && errno != EINTR) {
            logf_("epoll_wait: %s", strerror(errno));
            goto done;
        }
        for (int i = 0; i < n && !d->stopping; i++) {
            Watch *w = evs[i].data.ptr;
            if ((w->kind == K_CONN && ((Conn *)w->obj)->gone) ||
                (w->kind >= K_PIDFD && ((Worker *)w->obj)->gone))
                continue;
            switch (w->kind) {
            case K_LISTEN:
                on_listen(d);
                break;
            case K_SIGNAL:
                logf_("stopping");
                d->stopping = true;
                break;
            case K_CONN:
                on_conn(d, w->obj, evs[i].events);
                break;
            case K_PIDFD:
                on_pidfd(d, w->obj);
                break;
            case K_CTL:
                on_ctl(d, w->obj, evs[i].events);
                break;
            case K_OUT:
            case K_ERR: {
                Worker *wk = w->obj;
                int fd = w->kind == K_OUT ? wk->sw.out : wk->sw.err;
                if (!drain_stream(d, wk, fd, w->kind == K_ERR)) {
                    ep_del(d, fd);
                    if (w->kind == K_OUT)
                        wk->out_watched = false;
                    else
                        wk->err_watched = false;
                }
                break;
            }
            }
        }
        bury(d);
    }
    rc = 0;
done:
    shutdown_all(d);
    if (d->ep >= 0)
        close(d->ep);
    if (d->sfd >= 0)
        close(d->sfd);
    if (d->spawn.exe_fd >= 0)
        close(d->spawn.exe_fd);
    return rc;
}
