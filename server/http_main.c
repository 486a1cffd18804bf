/* http_main.c — dynbox-server: options and environment, the local dynboxd
 * it starts when no --daemon is given, libmicrohttpd start-up and the
 * graceful shutdown on SIGTERM/SIGINT.
 */
#include "http.h"

#include "../compiler/dynbox.h"
#include "daemon_client.h"
#include "proto.h"

#include <errno.h>
#include <limits.h>
#include <netdb.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

typedef enum { O_STR, O_SIZE, O_UINT, O_DOUBLE, O_BOOL, O_DAEMON } OptKind;

typedef struct Opt {
    const char *flag, *env, *arg, *help;
    OptKind kind;
    size_t off;
} Opt;

#define F(field) offsetof(HttpConfig, field)

static const Opt opts[] = {
    {"--listen", "DYNBOX_LISTEN", "HOST:PORT", "address to serve on (port 0 picks a free one)", O_STR, F(listen)},
    {"--db", "DYNBOX_DB", "PATH|URL", "snippet store: a SQLite file (its directory is created) or postgres://...",
     O_STR, F(db)},
    {"--daemon", "DYNBOX_DAEMON", "ADDR", "dynboxd at unix:PATH or tcp:HOST:PORT; repeat for several "
                                          "(env: comma-separated); none: start a local one",
     O_DAEMON, 0},
    {"--static", "DYNBOX_STATIC", "DIR", "the built UI served at / and /s/{id}", O_STR, F(static_dir)},
    {"--examples", "DYNBOX_EXAMPLES", "DIR", "the gallery of *.rs files for /api/v1/examples", O_STR,
     F(examples_dir)},
    {"--body-max", "DYNBOX_BODY_MAX", "BYTES", "largest request body accepted (413 beyond)", O_SIZE, F(body_max)},
    {"--cache-bytes", "DYNBOX_CACHE_BYTES", "BYTES", "result-cache budget; 0 disables the cache", O_SIZE,
     F(cache_bytes)},
    {"--rate", "DYNBOX_RATE", "N", "API requests per second per client address; 0 disables limiting", O_DOUBLE,
     F(rate)},
    {"--burst", "DYNBOX_BURST", "N", "requests a client may make at once before the rate applies", O_DOUBLE,
     F(burst)},
    {"--threads", "DYNBOX_THREADS", "N", "HTTP threads (default: one per core)", O_UINT, F(threads)},
    {"--client-timeout", "DYNBOX_CLIENT_TIMEOUT", "SECONDS", "idle or slow clients are dropped after this",
     O_UINT, F(client_timeout_s)},
    {"--max-jobs", "DYNBOX_MAX_JOBS", "N", "compile/run jobs waiting or running before 503", O_UINT, F(max_jobs)},
    {"--dispatchers", "DYNBOX_DISPATCHERS", "N", "threads that talk to the daemons", O_UINT, F(dispatchers)},
    {"--job-timeout-ms", "DYNBOX_JOB_TIMEOUT_MS", "MS", "how long to wait for a daemon's answer", O_UINT,
     F(job_timeout_ms)},
    {"--grace", "DYNBOX_GRACE", "SECONDS", "on SIGTERM/SIGINT, how long in-flight requests may take", O_UINT,
     F(grace_s)},
    {"--daemon-workers", "DYNBOX_DAEMON_WORKERS", "N", "the local dynboxd's --workers (default: its own)",
     O_UINT, F(daemon_workers)},
    {"--daemon-queue", "DYNBOX_DAEMON_QUEUE", "N", "the local dynboxd's --queue (default: its own)", O_UINT,
     F(daemon_queue)},
    {"--access-log", "DYNBOX_ACCESS_LOG", "0|1", "one JSON line per request on stderr", O_BOOL, F(access_log)},
};
#define NOPTS (sizeof opts / sizeof opts[0])

static void usage(FILE *f)
{
    fprintf(f, "usage: dynbox-server [OPTION VALUE]...\n"
               "       dynbox-server backup DEST [--db PATH]   copy the live SQLite store to DEST\n\n"
               "Serves the dynbox UI and JSON API (docs/api.md). Every option can also be set\n"
               "through the environment variable shown; a flag wins over the environment.\n\n");
    for (size_t i = 0; i < NOPTS; i++) {
        char flag[48];
        snprintf(flag, sizeof flag, "%s %s", opts[i].flag, opts[i].arg);
        fprintf(f, "  %-26s %-22s %s\n", flag, opts[i].env, opts[i].help);
    }
    fprintf(f, "  %-26s %-22s %s\n\n", "--help", "", "this text");
    fprintf(f, ""
               "Defaults: --listen 127.0.0.1:8080 --db data/dynbox.db --static web/dist --examples examples\n"
               "  --body-max 1048576 --cache-bytes 67108864 --rate 20 --burst 40 --client-timeout 15\n"
               "  --max-jobs 64 --dispatchers 32 --job-timeout-ms 30000 --grace 30 --access-log 1\n");
}

static int set_opt(HttpConfig *c, const Opt *o, const char *v)
{
    char *end;
    errno = 0;
    void *p = (char *)c + o->off;
    switch (o->kind) {
    case O_STR:
        *(const char **)p = v;
        return 0;
    case O_DAEMON: {
        /* a comma-separated list from the environment; argv strings are split in place copies */
        char *copy = strdup(v), *save = NULL;
        if (!copy)
            return -1;
        for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
            if (c->ndaemons == HTTP_MAX_DAEMONS) {
                fprintf(stderr, "dynbox-server: at most %d daemons\n", HTTP_MAX_DAEMONS);
                return -1;
            }
            c->daemons[c->ndaemons++] = t; /* lives as long as the process */
        }
        return 0;
    }
    case O_SIZE: {
        unsigned long long n = strtoull(v, &end, 10);
        if (errno || end == v || *end || v[0] == '-')
            break;
        *(size_t *)p = (size_t)n;
        return 0;
    }
    case O_UINT: {
        unsigned long n = strtoul(v, &end, 10);
        if (errno || end == v || *end || v[0] == '-' || n > 1000000)
            break;
        *(unsigned *)p = (unsigned)n;
        return 0;
    }
    case O_DOUBLE: {
        double d = strtod(v, &end);
        if (errno || end == v || *end || d < 0)
            break;
        *(double *)p = d;
        return 0;
    }
    case O_BOOL:
        if (strcmp(v, "0") != 0 && strcmp(v, "1") != 0)
            break;
        *(bool *)p = v[0] == '1';
        return 0;
    }
    fprintf(stderr, "dynbox-server: bad value `%s` for %s (%s)\n", v, o->flag, o->arg);
    return -1;
}

static int parse_config(int argc, char **argv, HttpConfig *c)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    *c = (HttpConfig){.listen = "127.0.0.1:8080", .db = "data/dynbox.db", .static_dir = "web/dist",
                      .examples_dir = "examples", .body_max = 1u << 20, .cache_bytes = 64u << 20,
                      .rate = 20, .burst = 40, .threads = cores > 0 ? (unsigned)cores : 1,
                      .client_timeout_s = 15, .max_jobs = 64, .dispatchers = 32, .job_timeout_ms = 30000,
                      .grace_s = 30, .access_log = true};
    for (size_t i = 0; i < NOPTS; i++) {
        const char *v = getenv(opts[i].env);
        if (v && *v && set_opt(c, &opts[i], v) < 0)
            return -1;
    }
    bool daemon_flag = false;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            exit(0);
        }
        size_t k = 0;
        while (k < NOPTS && strcmp(argv[i], opts[k].flag) != 0)
            k++;
        if (k == NOPTS) {
            fprintf(stderr, "dynbox-server: unknown option `%s` (see --help)\n", argv[i]);
            return -1;
        }
        if (i + 1 >= argc) {
            fprintf(stderr, "dynbox-server: `%s` needs a value (%s)\n", argv[i], opts[k].arg);
            return -1;
        }
        if (opts[k].kind == O_DAEMON && !daemon_flag) {
            c->ndaemons = 0; /* flags replace the environment's list */
            daemon_flag = true;
        }
        if (set_opt(c, &opts[k], argv[++i]) < 0)
            return -1;
    }
    if (c->threads == 0 || c->dispatchers == 0 || c->max_jobs == 0 || c->body_max == 0) {
        fprintf(stderr, "dynbox-server: --threads, --dispatchers, --max-jobs and --body-max must be positive\n");
        return -1;
    }
    return 0;
}

/* ---- the local dynboxd ------------------------------------------------------------ */

typedef struct Local {
    pid_t pid;
    char dir[64];
    char addr[128];
} Local;

static int start_local_daemon(const HttpConfig *c, Local *l)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 16);
    if (n <= 0) {
        fprintf(stderr, "dynbox-server: cannot find my own executable: %s\n", strerror(errno));
        return -1;
    }
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    snprintf(slash ? slash + 1 : exe, 16, "dynboxd");
    if (access(exe, X_OK) != 0) {
        fprintf(stderr, "dynbox-server: no dynboxd next to me (%s: %s); build it or pass --daemon\n", exe,
                strerror(errno));
        return -1;
    }
    const char *tmp = getenv("TMPDIR");
    snprintf(l->dir, sizeof l->dir, "%s/dynbox-server-XXXXXX", tmp && strlen(tmp) < 30 ? tmp : "/tmp");
    if (!mkdtemp(l->dir)) {
        fprintf(stderr, "dynbox-server: mkdtemp: %s\n", strerror(errno));
        return -1;
    }
    snprintf(l->addr, sizeof l->addr, "unix:%s/dynboxd.sock", l->dir);
    char workers[16], queue[16];
    snprintf(workers, sizeof workers, "%u", c->daemon_workers);
    snprintf(queue, sizeof queue, "%u", c->daemon_queue);
    const char *argv[10] = {exe, "--listen", l->addr};
    int k = 3;
    if (c->daemon_workers) {
        argv[k++] = "--workers";
        argv[k++] = workers;
    }
    if (c->daemon_queue || getenv("DYNBOX_DAEMON_QUEUE")) {
        argv[k++] = "--queue";
        argv[k++] = queue;
    }
    argv[k] = NULL;
    pid_t pid = fork();
    if (pid < 0) {
        fprintf(stderr, "dynbox-server: fork: %s\n", strerror(errno));
        return -1;
    }
    if (pid == 0) {
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        prctl(PR_SET_PDEATHSIG, SIGTERM);
        execv(exe, (char *const *)argv);
        fprintf(stderr, "dynbox-server: exec %s: %s\n", exe, strerror(errno));
        _exit(127);
    }
    l->pid = pid;
    /* wait until it answers a ping (it pre-forks workers first) */
    for (int i = 0; i < 200; i++) {
        DcConn *dc;
        char err[256];
        if (dc_connect(l->addr, 200, &dc, err, sizeof err) == DC_OK) {
            json_t *req = json_pack("{siss}", "id", 0, "op", "ping"), *resp = NULL;
            int rc = dc_call(dc, req, 2000, &resp);
            json_decref(req);
            json_decref(resp);
            dc_close(dc);
            if (rc == DC_OK)
                return 0;
        }
        int st;
        if (waitpid(pid, &st, WNOHANG) == pid) {
            fprintf(stderr, "dynbox-server: the local dynboxd exited during start-up\n");
            l->pid = 0;
            return -1;
        }
        struct timespec ts = {0, 50000000};
        nanosleep(&ts, NULL);
    }
    fprintf(stderr, "dynbox-server: the local dynboxd did not answer within 10 s\n");
    return -1;
}

static void stop_local_daemon(Local *l)
{
    if (l->pid > 0) {
        kill(l->pid, SIGTERM);
        int st;
        for (int i = 0; i < 100 && waitpid(l->pid, &st, WNOHANG) == 0; i++) {
            struct timespec ts = {0, 30000000};
            nanosleep(&ts, NULL);
        }
        if (waitpid(l->pid, &st, WNOHANG) == 0) {
            kill(l->pid, SIGKILL);
            waitpid(l->pid, &st, 0);
        }
        l->pid = 0;
    }
    if (l->dir[0]) {
        char sock[128];
        snprintf(sock, sizeof sock, "%s/dynboxd.sock", l->dir);
        unlink(sock);
        rmdir(l->dir);
        l->dir[0] = '\0';
    }
}

/* ---- start-up --------------------------------------------------------------------- */

static int listen_addr(const char *spec, struct sockaddr_storage *ss, bool *v6)
{
    char host[256];
    const char *port;
    if (spec[0] == '[') {
        const char *close = strchr(spec, ']');
        if (!close || close[1] != ':' || (size_t)(close - spec - 1) >= sizeof host)
            return -1;
        snprintf(host, sizeof host, "%.*s", (int)(close - spec - 1), spec + 1);
        port = close + 2;
    } else {
        const char *colon = strrchr(spec, ':');
        if (!colon || (size_t)(colon - spec) >= sizeof host)
            return -1;
        snprintf(host, sizeof host, "%.*s", (int)(colon - spec), spec);
        port = colon + 1;
    }
    struct addrinfo hints = {.ai_flags = AI_NUMERICSERV | AI_PASSIVE, .ai_socktype = SOCK_STREAM}, *res;
    if (!*port || getaddrinfo(host[0] ? host : NULL, port, &hints, &res) != 0)
        return -1;
    memcpy(ss, res->ai_addr, res->ai_addrlen);
    *v6 = res->ai_family == AF_INET6;
    freeaddrinfo(res);
    return 0;
}

static int make_parent_dir(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash || slash == path)
        return 0;
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
    for (char *p = dir + 1; *p; p++)
        if (*p == '/') {
            *p = '\0';
            mkdir(dir, 0755);
            *p = '/';
        }
    if (mkdir(dir, 0755) < 0 && errno != EEXIST) {
        fprintf(stderr, "dynbox-server: cannot create `%s`: %s\n", dir, strerror(errno));
        return -1;
    }
    return 0;
}

/* dynbox-server backup DEST [OPTION VALUE]...: the options as for serving
 * (only --db / DYNBOX_DB matter). */
static int backup_main(int argc, char **argv)
{
    HttpConfig c;
    if (argc < 3 || argv[2][0] == '-') {
        fprintf(stderr, "usage: dynbox-server backup DEST [--db PATH]\n");
        return 2;
    }
    /* parse_config skips its argv[0]: hand it DEST's slot */
    if (parse_config(argc - 2, argv + 2, &c) < 0)
        return 2;
    char err[600];
    if (store_backup(c.db, argv[2], err, sizeof err) != STORE_OK) {
        fprintf(stderr, "dynbox-server: backup failed: %s\n", err);
        return 1;
    }
    char desc[512];
    store_describe(c.db, desc, sizeof desc);
    printf("dynbox-server: backed up %s to %s\n", desc, argv[2]);
    return 0;
}

int main(int argc, char **argv)
{
    static HttpServer srv;
    HttpServer *s = &srv;
    Local local = {0};
    int rc = 1;
    if (argc >= 2 && strcmp(argv[1], "backup") == 0)
        return backup_main(argc, argv);
    if (parse_config(argc, argv, &s->cfg) < 0)
        return 2;
    /* signals are taken by sigwait in this thread; every thread inherits the mask */
    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    signal(SIGPIPE, SIG_IGN);
    json_object_seed(0);
    pthread_mutex_init(&s->mu, NULL);
    pthread_cond_init(&s->cv, NULL);

    struct sockaddr_storage ss;
    bool v6 = false;
    if (listen_addr(s->cfg.listen, &ss, &v6) < 0) {
        fprintf(stderr, "dynbox-server: bad --listen `%s`: expected HOST:PORT\n", s->cfg.listen);
        return 2;
    }
    char err[600];
    for (unsigned i = 0; i < s->cfg.ndaemons; i++) {
        struct sockaddr_storage dss;
        socklen_t dlen;
        if (proto_parse_addr(s->cfg.daemons[i], &dss, &dlen, err, sizeof err) < 0) {
            fprintf(stderr, "dynbox-server: bad --daemon: %s\n", err);
            return 2;
        }
    }
    if (!strstr(s->cfg.db, "://") && make_parent_dir(s->cfg.db) < 0)
        return 1;
    s->store = store_open(s->cfg.db, err, sizeof err);
    if (!s->store) {
        fprintf(stderr, "dynbox-server: %s\n", err);
        return 1;
    }
    if (s->cfg.cache_bytes)
        s->cache = cache_new(s->cfg.cache_bytes);
    if (s->cfg.rate > 0)
        s->rl = rl_new(s->cfg.rate, s->cfg.burst);
    if (s->cfg.ndaemons == 0) {
        if (start_local_daemon(&s->cfg, &local) < 0)
            goto done;
        s->cfg.daemons[0] = local.addr;
        s->cfg.ndaemons = 1;
    }
    if (http_dispatch_start(s) < 0) {
        fprintf(stderr, "dynbox-server: cannot start the dispatcher threads\n");
        goto done;
    }
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG;
    if (v6)
        flags |= MHD_USE_IPv6;
    s->mhd = MHD_start_daemon(flags, 0, NULL, NULL, http_handler, s, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
                              MHD_OPTION_THREAD_POOL_SIZE, s->cfg.threads, MHD_OPTION_CONNECTION_TIMEOUT,
                              s->cfg.client_timeout_s, MHD_OPTION_CONNECTION_LIMIT, 4096u,
                              MHD_OPTION_NOTIFY_COMPLETED, http_completed, s, MHD_OPTION_LISTENING_ADDRESS_REUSE,
                              1u, MHD_OPTION_END);
    if (!s->mhd) {
        fprintf(stderr, "dynbox-server: cannot listen on %s: %s\n", s->cfg.listen, strerror(errno));
        goto stop_disp;
    }
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(s->mhd, MHD_DAEMON_INFO_BIND_PORT);
    char host[256];
    snprintf(host, sizeof host, "%.*s", (int)(strrchr(s->cfg.listen, ':') - s->cfg.listen), s->cfg.listen);
    char dbdesc[512];
    store_describe(s->cfg.db, dbdesc, sizeof dbdesc);
    printf("dynbox-server %s: listening on http://%s:%u/ (database %s, daemon%s", DB_VERSION,
           host[0] ? host : "0.0.0.0", di ? di->port : 0, dbdesc, s->cfg.ndaemons > 1 ? "s" : "");
    for (unsigned i = 0; i < s->cfg.ndaemons; i++)
        printf(" %s%s", s->cfg.daemons[i], local.pid ? " (local)" : "");
    printf(")\n");
    fflush(stdout);

    int sig = 0;
    sigwait(&sigs, &sig);
    fprintf(stderr, "dynbox-server: %s: finishing in-flight requests\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    /* stop accepting, let what is in flight finish, then stop */
    MHD_socket lfd = MHD_quiesce_daemon(s->mhd);
    uint64_t deadline = http_now_ns() + (uint64_t)s->cfg.grace_s * 1000000000u;
    while (atomic_load(&s->inflight) > 0 && http_now_ns() < deadline) {
        struct timespec ts = {0, 10000000};
        nanosleep(&ts, NULL);
    }
    if (atomic_load(&s->inflight) > 0)
        fprintf(stderr, "dynbox-server: %u requests still in flight after %u s; closing them\n",
                atomic_load(&s->inflight), s->cfg.grace_s);
    http_dispatch_stop(s); /* resumes whatever was still queued */
    MHD_stop_daemon(s->mhd);
    if (lfd != MHD_INVALID_SOCKET)
        close(lfd);
    rc = 0;
    goto done;
stop_disp:
    http_dispatch_stop(s);
done:
    stop_local_daemon(&local);
    store_close(s->store);
    cache_free(s->cache);
    rl_free(s->rl);
    if (rc == 0)
        fprintf(stderr, "dynbox-server: stopped; database closed\n");
    return rc;
}
