/* worker.c — dynboxd-worker: one job in a fresh, locked-down process.
 *
 * Exec'd by dynboxd with the job socket on fd 0, stdout/stderr pipes on 1-2
 * and the shared page on 3; never started by hand. Sets itself up before the
 * job exists, then: limits, compile, relocate, report, lock, run, exit. Built
 * without sanitizers (see docs/daemon.md): RLIMIT_AS and ASan's shadow memory
 * cannot live in one process.
 */
#include "../compiler/dynbox.h"
#include "../runtime/jit.h"
#include "sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "../runtime/rt_host.h"

#define MAX_CODE (1u << 20)
#define ERR_CAP (16 * 1024)

static SbxShared *sh;

/* ---- plumbing ------------------------------------------------------------------ */

static int write_all(int fd, const void *buf, size_t n)
{
    const char *p = buf;
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* 1 on success, 0 on a clean EOF before any byte, -1 on error. */
static int read_all(int fd, void *buf, size_t n)
{
    char *p = buf;
    size_t got = 0;
    while (got < n) {
        ssize_t r = read(fd, p + got, n - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r == 0 && got == 0)
            return 0;
        if (r <= 0)
            return -1;
        got += (size_t)r;
    }
    return 1;
}

static int64_t us_between(uint64_t a, uint64_t b)
{
    return b >= a ? (int64_t)((b - a) / 1000) : 0;
}

typedef struct Report {
    SbxReportHdr h;
    const char *diag, *c, *msg, *explain;
} Report;

static int send_report(Report *r)
{
    r->h.magic = SBX_REPORT_MAGIC;
    r->h.diag_len = r->diag ? (uint32_t)strlen(r->diag) : 0;
    r->h.c_len = r->c ? (uint32_t)strlen(r->c) : 0;
    r->h.msg_len = r->msg ? (uint32_t)strlen(r->msg) : 0;
    r->h.explain_len = r->explain ? (uint32_t)strlen(r->explain) : 0;
    r->h.has_c = r->c != NULL;
    if (write_all(0, &r->h, sizeof r->h) < 0 || write_all(0, r->diag, r->h.diag_len) < 0 ||
        write_all(0, r->c, r->h.c_len) < 0 || write_all(0, r->msg, r->h.msg_len) < 0 ||
        write_all(0, r->explain, r->h.explain_len) < 0)
        return -1;
    return 0;
}

static void report_init(Report *r)
{
    memset(r, 0, sizeof *r);
    r->h.frontend_us = r->h.lower_us = r->h.tcc_us = r->h.relocate_us = -1;
    for (int i = 0; i < SBX_PHASES; i++)
        r->h.phase_us[i] = -1;
}

/* Where the main thread's stack ends (its highest address): RLIMIT_STACK
 * counts down from there, which is how a fault is recognised as an overflow. */
static uintptr_t stack_top(void)
{
    char buf[8192];
    uintptr_t top = 0;
    int fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    ssize_t r;
    char line[512];
    size_t ll = 0;
    while ((r = read(fd, buf, sizeof buf)) > 0) {
        for (ssize_t i = 0; i < r; i++) {
            if (buf[i] != '\n') {
                if (ll + 1 < sizeof line)
                    line[ll++] = buf[i];
                continue;
            }
            line[ll] = '\0';
            ll = 0;
            if (strstr(line, "[stack]")) {
                unsigned long lo, hi;
                if (sscanf(line, "%lx-%lx", &lo, &hi) == 2)
                    top = hi;
            }
        }
    }
    close(fd);
    return top;
}

/* The worker's own address space before the job, so the job's memory limit
 * is what the program (and its compile) may add on top. `fd` is
 * /proc/self/statm, opened before the file system was hidden. */
static uint64_t vm_bytes(int fd)
{
    char buf[128];
    ssize_t r = fd >= 0 ? pread(fd, buf, sizeof buf - 1, 0) : -1;
    if (r <= 0)
        return 0;
    buf[r] = '\0';
    return strtoull(buf, NULL, 10) * (uint64_t)sysconf(_SC_PAGESIZE);
}

/* ---- raw C: the libc a hostile test program may TRY ------------------------------
 * Allocation failures behave like the runtime's allocator: a message and exit
 * status SBX_EXIT_OOM, which the daemon reports as verdict "memory". */

static _Noreturn void out_of_memory(size_t n)
{
    char msg[96];
    int len = snprintf(msg, sizeof msg, "memory allocation of %zu bytes failed\n", n);
    if (len > 0)
        (void)!write(2, msg, (size_t)len);
    _exit(SBX_EXIT_OOM);
}

static void *rc_malloc(size_t n)
{
    void *p = malloc(n);
    if (!p && n)
        out_of_memory(n);
    return p;
}

static void *rc_calloc(size_t n, size_t m)
{
    void *p = calloc(n, m);
    if (!p && n && m)
        out_of_memory(n * m);
    return p;
}

static void *rc_realloc(void *q, size_t n)
{
    void *p = realloc(q, n);
    if (!p && n)
        out_of_memory(n);
    return p;
}

static void *rc_mmap(void *a, size_t n, int prot, int flags, int fd, off_t off)
{
    void *p = mmap(a, n, prot, flags, fd, off);
    if (p == MAP_FAILED && errno == ENOMEM)
        out_of_memory(n);
    return p;
}

static const JitSymbol raw_c_symbols[] = {
    {"printf", (const void *)printf},   {"puts", (const void *)puts},
    {"putchar", (const void *)putchar}, {"fprintf", (const void *)fprintf},
    {"fflush", (const void *)fflush},   {"snprintf", (const void *)snprintf},
    {"stdout", (const void *)&stdout},  {"stderr", (const void *)&stderr},
    {"write", (const void *)write},     {"read", (const void *)read},
    {"malloc", (const void *)rc_malloc}, {"calloc", (const void *)rc_calloc},
    {"realloc", (const void *)rc_realloc}, {"free", (const void *)free},
    {"strlen", (const void *)strlen},   {"strcmp", (const void *)strcmp},
    {"exit", (const void *)exit},       {"_exit", (const void *)_exit},
    {"abort", (const void *)abort},     {"raise", (const void *)raise},
    {"signal", (const void *)signal},   {"getenv", (const void *)getenv},
    {"fork", (const void *)fork},       {"execve", (const void *)execve},
    {"system", (const void *)system},   {"socket", (const void *)socket},
    {"connect", (const void *)connect}, {"open", (const void *)open},
    {"close", (const void *)close},     {"fcntl", (const void *)fcntl},
    {"mmap", (const void *)rc_mmap},    {"munmap", (const void *)munmap},
    {"mprotect", (const void *)mprotect}, {"kill", (const void *)kill},
    {"getpid", (const void *)getpid},   {"syscall", (const void *)syscall},
    {"sleep", (const void *)sleep},     {"usleep", (const void *)usleep},
    {"nanosleep", (const void *)nanosleep}, {"clock_gettime", (const void *)clock_gettime},
};

/* ---- dynbox programs: the runtime on the shared page ---------------------------------
 * The compiler lowers to C (db_emit_c), runtime/jit.c compiles it against the
 * runtime's symbol table exactly as `dynboxc run` does, and the runtime runs
 * it here. What the daemon cannot see in the pipes (virtual times, the
 * ledger) goes to the shared page when the program ends: normally, by a
 * panic (on_exit) or when memory runs out (on_oom). A program killed from
 * outside leaves no events, only the output it printed. */

/* Appends `s` as a JSON string body (no quotes) to buf[*n..cap); false when
 * it does not fit. Control bytes are escaped; other bytes pass as they are
 * (the daemon re-parses the ledger and rejects it if it is not valid JSON). */
static bool json_esc(char *buf, size_t cap, size_t *n, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        char tmp[8];
        size_t k;
        if (c == '"' || c == '\\')
            k = (size_t)snprintf(tmp, sizeof tmp, "\\%c", c);
        else if (c < 0x20 || c == 0x7f)
            k = (size_t)snprintf(tmp, sizeof tmp, "\\u%04x", c);
        else
            tmp[0] = (char)c, k = 1;
        if (*n + k >= cap)
            return false;
        memcpy(buf + *n, tmp, k);
        *n += k;
    }
    return true;
}

static bool put(char *buf, size_t cap, size_t *n, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static bool put(char *buf, size_t cap, size_t *n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int k = *n < cap ? vsnprintf(buf + *n, cap - *n, fmt, ap) : -1;
    va_end(ap);
    if (k < 0 || *n + (size_t)k >= cap)
        return false;
    *n += (size_t)k;
    return true;
}

/* The ledger as `dynboxc run --json` prints it (docs/daemon.md, "ledger"). */
static size_t ledger_json(char *buf, size_t cap)
{
    size_t n = 0;
    bool ok = put(buf, cap, &n, "{\"kinds\":[");
    for (rt_u32 k = 0; ok && k < RT_ALLOC_KINDS; k++) {
        RtKindStats st;
        rt_host_kind_stats(k, &st);
        ok = put(buf, cap, &n, "%s{\"kind\":\"", k ? "," : "") &&
             json_esc(buf, cap, &n, rt_host_kind_name(k)) &&
             put(buf, cap, &n,
                 "\",\"allocs\":%llu,\"reallocs\":%llu,\"frees\":%llu,\"bytes\":%llu,"
                 "\"live_count\":%llu,\"live_bytes\":%llu}",
                 (unsigned long long)st.allocs, (unsigned long long)st.reallocs,
                 (unsigned long long)st.frees, (unsigned long long)st.bytes,
                 (unsigned long long)st.live_count, (unsigned long long)st.live_bytes);
    }
    ok = ok && put(buf, cap, &n, "],\"sites\":[");
    for (rt_usize i = 0; ok && i < rt_host_site_count(); i++) {
        const RtSiteStats *st = rt_host_site(i);
        ok = put(buf, cap, &n, "%s{\"line\":%u,\"col\":%u,\"text\":\"", i ? "," : "", st->line,
                 st->col) &&
             json_esc(buf, cap, &n, st->text ? st->text : "") &&
             put(buf, cap, &n, "\",\"allocs\":%llu,\"bytes\":%llu}", (unsigned long long)st->allocs,
                 (unsigned long long)st->bytes);
    }
    ok = ok && put(buf, cap, &n, "],\"live_count\":%llu,\"live_bytes\":%llu,\"peak_bytes\":%llu}",
                   (unsigned long long)rt_host_live_count(), (unsigned long long)rt_host_live_bytes(),
                   (unsigned long long)rt_host_peak_bytes());
    return ok ? n : 0; /* 0: too large, reported as no ledger */
}

/* Copies the run's events, virtual time and ledger to the shared page. Runs
 * under the seccomp filter: memory writes and snprintf only. */
static void publish_run(void)
{
    rt_usize n = 0;
    const RtOutputEvent *ev = rt_host_events(&n);
    uint32_t keep = n < SBX_MAX_EVENTS ? (uint32_t)n : SBX_MAX_EVENTS;
    for (uint32_t i = 0; i < keep; i++) {
        sh->events[i].stream = ev[i].stream;
        sh->events[i].len = ev[i].len > UINT32_MAX ? UINT32_MAX : (uint32_t)ev[i].len;
        sh->events[i].time_ms = ev[i].time_ms;
    }
    sh->nevents = keep;
    sh->events_lost = (uint32_t)(n - keep);
    sh->virtual_ms = rt_host_now();
    sh->ledger_len = (uint32_t)ledger_json(sh->ledger, sizeof sh->ledger);
    sh->has_runtime = 1;
}

static void on_rt_exit(int status, void *ctx)
{
    (void)status;
    (void)ctx;
    publish_run();
}

static void on_rt_oom(void *ctx)
{
    (void)ctx;
    publish_run();
    _exit(SBX_EXIT_OOM);
}

/* Connects the runtime to the shared page before the lock. Output goes to
 * fds 1 and 2 at every print, so what was printed before a kill survives;
 * the runtime keeps one byte past the job's cap, so the daemon sees a
 * program go over it. */
static void bind_runtime(const SbxLimits *l)
{
    RtConfig cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.output_cap = (rt_usize)l->output_bytes + 1;
    cfg.write_fds = 1;
    cfg.flush_bytes = 1;
    cfg.on_exit = on_rt_exit;
    cfg.on_oom = on_rt_oom;
    cfg.file_name = "main.rs";
    rt_host_init(&cfg);
}

static void (*dynbox_entry)(void);

static _Noreturn void go_dynbox(void)
{
    rt_host_run(dynbox_entry); /* a panic exits from inside, through on_rt_exit */
    rt_host_flush();
    publish_run();
    _exit(0);
}

/* ---- the job ---------------------------------------------------------------------- */

typedef struct Job {
    SbxJobHdr h;
    struct sock_filter *bpf;
    char *code; /* NUL-terminated */
} Job;

/* The job whose header starts with `first`, already read. */
static int read_job(Job *j, uint32_t first)
{
    j->h.magic = first;
    if (read_all(0, (char *)&j->h + sizeof first, sizeof j->h - sizeof first) != 1)
        return -1;
    if (j->h.magic != SBX_JOB_MAGIC || j->h.bpf_count == 0 || j->h.bpf_count > SBX_MAX_BPF ||
        j->h.code_len > MAX_CODE)
        return -1;
    j->bpf = malloc(j->h.bpf_count * sizeof *j->bpf);
    j->code = malloc((size_t)j->h.code_len + 1);
    if (!j->bpf || !j->code)
        return -1;
    if (read_all(0, j->bpf, j->h.bpf_count * sizeof *j->bpf) != 1 ||
        (j->h.code_len && read_all(0, j->code, j->h.code_len) != 1))
        return -1;
    j->code[j->h.code_len] = '\0';
    return 1;
}

/* Everything after the report is the same for raw C and dynbox programs. */
static _Noreturn void lock_and_run(const Job *j, void (*go)(void), uintptr_t top)
{
    sbx_watch_stack(sh, top, j->h.limits.stack_bytes);
    /* The job socket is done with; only stdout and stderr stay. */
    close(0);
    sh->t_filter_start = sbx_now_ns();
    if (sbx_lock(j->bpf, j->h.bpf_count) < 0)
        _exit(SBX_EXIT_SETUP);
    sh->t_filter_end = sbx_now_ns();
    go();
    _exit(SBX_EXIT_SETUP); /* NEVER: go() ends the process */
}

static int (*raw_main)(int, char **);

static _Noreturn void go_raw_c(void)
{
    static char *args[] = {"main", NULL};
    exit(raw_main(1, args));
}

static int run_raw_c(const Job *j, uintptr_t top)
{
    static char err[ERR_CAP];
    Report r;
    report_init(&r);
    JitProgram *p = NULL;
    uint64_t t0 = sbx_now_ns();
    int rc = jit_compile(j->code, raw_c_symbols, sizeof raw_c_symbols / sizeof raw_c_symbols[0],
                         &p, err, sizeof err);
    uint64_t t1 = sbx_now_ns();
    sh->t_compile_end = t1;
    r.h.tcc_us = us_between(t0, t1);
    if (rc == JIT_OK) {
        rc = jit_relocate(p, err, sizeof err);
        sh->t_relocate_end = sbx_now_ns();
        r.h.relocate_us = us_between(t1, sh->t_relocate_end);
    }
    void *entry = rc == JIT_OK ? jit_entry(p, "main") : NULL;
    if (rc == JIT_OK && !entry) {
        snprintf(err, sizeof err, "main.c: error: no `main` function\n");
        rc = JIT_ERROR;
    }
    r.msg = err;
    if (rc != JIT_OK) {
        r.h.status = rc == JIT_ERROR ? SBX_REPORT_FAILED : SBX_REPORT_INTERNAL;
        r.h.errors = 1;
        return send_report(&r);
    }
    r.h.status = SBX_REPORT_READY;
    if (send_report(&r) < 0)
        return -1;
    /* unbuffered: what a program printed survives its being killed, and
     * stdio never needs fstat (forbidden) to size a buffer */
    setvbuf(stdout, NULL, _IONBF, 0);
    setvbuf(stderr, NULL, _IONBF, 0);
    raw_main = (int (*)(int, char **))entry;
    lock_and_run(j, go_raw_c, top);
}

/* Made while the worker waits for its job (the prelude is the front end's
 * largest fixed cost); NULL when that failed, and the job makes its own. */
static DbUnit *preloaded;

static void phase_times(const DbUnit *u, Report *r)
{
    for (int i = 0; i < SBX_PHASES; i++) {
        uint64_t ns = db_phase_ns(u, (DbTimer)i);
        r->h.phase_us[i] = ns ? (int64_t)(ns / 1000) : -1;
    }
}

/* compile: check, lower (for the C text and the lowering's own "not
 * supported yet" errors) and explain. run: check, lower, JIT, relocate,
 * report, then bind the runtime, lock and run. */
static int run_dynbox(const Job *j, uintptr_t top)
{
    static char err[ERR_CAP];
    Report r;
    report_init(&r);
    DbOptions forced;
    memset(&forced, 0, sizeof forced);
    if (j->h.rules >= 0) {
        forced.rules = (DbRules)j->h.rules;
        forced.rules_set = true;
    }
    if (j->h.abi >= 0) {
        forced.abi = (DbAbi)j->h.abi;
        forced.abi_set = true;
    }
    bool compile_only = j->h.op == SBX_OP_COMPILE;
    uint32_t want = compile_only ? SBX_WANT_C | SBX_WANT_EXPLAIN : j->h.want;
    uint64_t t0 = sbx_now_ns();
    DbUnit *u = preloaded;
    if (u)
        db_unit_set_source(u, "main.rs", j->code, j->h.code_len, &forced);
    else
        u = db_unit_new("main.rs", j->code, j->h.code_len, &forced);
    if (!u) {
        r.h.status = SBX_REPORT_INTERNAL;
        r.msg = "out of memory while compiling";
        return send_report(&r);
    }
    int errors = db_run(u, DB_PHASE_CHECK);
    uint64_t t1 = sbx_now_ns();
    r.h.frontend_us = us_between(t0, t1);
    const char *c_text = NULL;
    size_t c_len = 0;
    if (errors == 0) {
        c_text = db_emit_c(u, &c_len);
        r.h.lower_us = us_between(t1, sbx_now_ns());
        errors = db_error_count(u);
        if (!c_text && errors == 0)
            errors = 1; /* NEVER: db_emit_c fails only with a diagnostic */
    }
    uint64_t t2 = sbx_now_ns();
    sh->t_compile_end = t2;
    phase_times(u, &r);
    r.diag = db_render_diagnostics(u, DB_FORMAT_JSON, false);
    r.h.errors = (uint32_t)errors;
    if (want & SBX_WANT_C)
        r.c = c_text;
    if (want & SBX_WANT_EXPLAIN)
        r.explain = db_explain_report(u, DB_FORMAT_JSON);
    if (compile_only || !c_text) {
        r.h.status = compile_only ? SBX_REPORT_DONE : SBX_REPORT_FAILED;
        return send_report(&r);
    }

    JitProgram *p = NULL;
    int rc = jit_compile_dynbox(c_text, &p, err, sizeof err);
    uint64_t t3 = sbx_now_ns();
    r.h.tcc_us = us_between(t2, t3);
    sh->t_compile_end = t3;
    if (rc == JIT_OK) {
        rc = jit_relocate(p, err, sizeof err);
        sh->t_relocate_end = sbx_now_ns();
        r.h.relocate_us = us_between(t3, sh->t_relocate_end);
    }
    void *entry = rc == JIT_OK ? jit_entry(p, JIT_DYNBOX_ENTRY) : NULL;
    if (!entry) {
        /* The C we generated does not compile: a compiler bug, not the user's. */
        r.h.status = SBX_REPORT_INTERNAL;
        r.msg = rc == JIT_OK ? "internal compiler error: the generated C has no entry point" : err;
        return send_report(&r);
    }
    r.h.status = SBX_REPORT_READY;
    if (send_report(&r) < 0)
        return -1;
    bind_runtime(&j->h.limits);
    dynbox_entry = (void (*)(void))entry;
    lock_and_run(j, go_dynbox, top);
}

/* Start-up self-test: lock down exactly as a job would, then make a call the
 * filter forbids. The daemon expects this process to die of SIGSYS. */
static int probe(const Job *j, uintptr_t top)
{
    sbx_watch_stack(sh, top, j->h.limits.stack_bytes);
    close(0);
    if (sbx_lock(j->bpf, j->h.bpf_count) < 0)
        _exit(SBX_EXIT_SETUP);
    syscall(SYS_getppid);
    _exit(0);
}

/* ---- a worker's successor ----------------------------------------------------------
 * A ready worker is also where the daemon gets the next one: before a job,
 * the daemon may send a request carrying a new worker's job socket, pipes
 * and shared page (SCM_RIGHTS). The worker forks a child as the daemon's own
 * (CLONE_PARENT: the daemon supervises and reaps it through a pidfd) and
 * answers its pid. The child is this worker as it stood before any job —
 * namespaces entered, prelude checked — and becomes a fresh worker: the new
 * fds on 0-3, every other one closed, its own shared page, its own hello.
 * Each job still runs in a process of its own that exits when it ends; what
 * the fork saves is the exec and the prelude. */

/* The first word from the daemon: a successor request (its fds in `fds`,
 * returns 2), the start of a job header (1), EOF (0) or an error (-1). */
static int read_first(uint32_t *word, int fds[SBX_SUCCESSOR_FDS])
{
    union {
        struct cmsghdr h;
        char buf[CMSG_SPACE(sizeof(int) * SBX_SUCCESSOR_FDS)];
    } ctl;
    struct iovec iov = {word, sizeof *word};
    struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl.buf,
                       .msg_controllen = sizeof ctl.buf};
    ssize_t r;
    do
        r = recvmsg(0, &m, MSG_CMSG_CLOEXEC | MSG_WAITALL);
    while (r < 0 && errno == EINTR);
    if (r == 0)
        return 0;
    if (r != sizeof *word || (m.msg_flags & MSG_CTRUNC))
        return -1;
    struct cmsghdr *c = CMSG_FIRSTHDR(&m);
    if (*word != SBX_SUCCESSOR_MAGIC)
        return c ? -1 : 1;
    if (!c || c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS ||
        c->cmsg_len != CMSG_LEN(sizeof(int) * SBX_SUCCESSOR_FDS))
        return -1;
    memcpy(fds, CMSG_DATA(c), sizeof(int) * SBX_SUCCESSOR_FDS);
    return 2;
}

static void map_shared(void);

/* 1 in the parent (answered), 0 in the successor (set up as a fresh
 * worker, hello not yet said), -1 on error. */
static int fork_successor(pid_t daemon, int fds[SBX_SUCCESSOR_FDS])
{
    pid_t pid = (pid_t)syscall(SYS_clone, CLONE_PARENT | SIGCHLD, NULL, NULL, NULL, 0);
    if (pid == 0) {
        /* 1. die with the daemon (the parent now); own session */
        if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() != daemon || setsid() < 0)
            _exit(SBX_EXIT_SETUP);
        /* 2. the job socket on 0, the pipes on 1-2, the shared page on 3,
         * nothing else (lifted past 16 first so dup2 never overwrites a
         * source it still needs) */
        int lifted[SBX_SUCCESSOR_FDS];
        for (int i = 0; i < SBX_SUCCESSOR_FDS; i++)
            if ((lifted[i] = fcntl(fds[i], F_DUPFD, 16)) < 0)
                _exit(SBX_EXIT_SETUP);
        for (int i = 0; i < SBX_SUCCESSOR_FDS; i++)
            if (dup2(lifted[i], i) < 0)
                _exit(SBX_EXIT_SETUP);
        if (syscall(SYS_close_range, (unsigned)SBX_SUCCESSOR_FDS, ~0u, 0u) < 0)
            _exit(SBX_EXIT_SETUP);
        munmap(sh, sizeof *sh); /* the parent's page */
        map_shared();
        return 0;
    }
    for (int i = 0; i < SBX_SUCCESSOR_FDS; i++)
        close(fds[i]);
    int32_t answer = pid > 0 ? (int32_t)pid : -1;
    return write_all(0, &answer, sizeof answer) < 0 ? -1 : 1;
}

/* The shared page on fd 3: map it, then let go of the fd. */
static void map_shared(void)
{
    sh = mmap(NULL, sizeof *sh, PROT_READ | PROT_WRITE, MAP_SHARED, 3, 0);
    if (sh == MAP_FAILED)
        _exit(SBX_EXIT_SETUP);
    close(3);
    sh->magic = SBX_SHARED_MAGIC;
}

static uint32_t arg_u32(int argc, char **argv, const char *key, uint32_t dflt, bool *found)
{
    size_t n = strlen(key);
    for (int i = 1; i < argc; i++)
        if (strncmp(argv[i], key, n) == 0 && argv[i][n] == '=') {
            if (found)
                *found = true;
            return (uint32_t)strtoul(argv[i] + n + 1, NULL, 0);
        }
    return dflt;
}

int main(int argc, char **argv)
{
    bool probe_mode = false, have_uid = false, have_gid = false;
    for (int i = 1; i < argc; i++)
        probe_mode |= strcmp(argv[i], "--probe") == 0;
    pid_t daemon = getppid();
    uint32_t ns = arg_u32(argc, argv, "--ns", 0, NULL);
    uid_t uid = arg_u32(argc, argv, "--uid", 0, &have_uid);
    gid_t gid = arg_u32(argc, argv, "--gid", 0, &have_gid);

    map_shared();
    /* read while /proc is still visible (the mount namespace hides it) */
    uintptr_t top = stack_top();
    int statm = open("/proc/self/statm", O_RDONLY | O_CLOEXEC);

    SbxHello hello;
    if (sbx_enter_namespaces(ns, probe_mode, have_uid && have_gid, uid, gid, &hello) < 0)
        _exit(SBX_EXIT_SETUP);
    if (!probe_mode)
        preloaded = db_unit_new_preloaded();
    /* measured with the prelude loaded: the limit is on what the job adds */
    uint64_t base_vm = vm_bytes(statm);
    if (statm >= 0)
        close(statm);
    if (base_vm == 0)
        _exit(SBX_EXIT_SETUP); /* a limit without the base would be meaningless */
    Job j;
    memset(&j, 0, sizeof j);
    int r;
    for (bool say_hello = true;;) {
        if (say_hello && write_all(0, &hello, sizeof hello) < 0)
            _exit(SBX_EXIT_SETUP);
        uint32_t first;
        int fds[SBX_SUCCESSOR_FDS];
        r = read_first(&first, fds);
        if (r == 0)
            _exit(0); /* the daemon let this worker go unused */
        if (r == 1 && (r = read_job(&j, first)) == 1)
            break;
        if (r < 0 || probe_mode)
            _exit(SBX_EXIT_SETUP);
        /* a successor: the parent waits on for its job, the child says hello */
        r = fork_successor(daemon, fds);
        if (r < 0)
            _exit(SBX_EXIT_SETUP);
        say_hello = r == 0;
    }
    sh->t_recv = sbx_now_ns();
    if (j.h.t_sent > sh->t_recv)
        sh->t_recv = j.h.t_sent;

    SbxLimits lim = j.h.limits;
    /* the memory limit is what the job may add to the worker as it stands */
    lim.mem_bytes += base_vm + j.h.code_len + j.h.bpf_count * sizeof(struct sock_filter);
    if (sbx_apply_limits(&lim) < 0)
        _exit(SBX_EXIT_SETUP);
    sh->t_compile_start = sbx_now_ns();

    switch (j.h.op) {
    case SBX_OP_RAW_C:
        r = run_raw_c(&j, top);
        break;
    case SBX_OP_COMPILE:
    case SBX_OP_RUN:
        r = run_dynbox(&j, top);
        break;
    case SBX_OP_PROBE:
        r = probe(&j, top);
        break;
    case SBX_OP_CRASH:
        /* a compiler bug, simulated: the compile starts, the worker dies */
        if (preloaded) {
            db_unit_set_source(preloaded, "main.rs", j.code, j.h.code_len, NULL);
            db_run(preloaded, DB_PHASE_CHECK);
        }
        raise(SIGSEGV);
        r = -1;
        break;
    default:
        r = -1;
    }
    _exit(r < 0 ? SBX_EXIT_SETUP : 0);
}
