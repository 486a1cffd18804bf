/* sandbox.c — the daemon's half of the sandbox.
 *
 * Builds the seccomp allowlist once (libseccomp, exported as raw BPF), forks
 * and execs workers with the first steps of DESIGN.md section 8, and turns
 * what the daemon observed of a worker into a verdict.
 */
#include "sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <linux/close_range.h>
#include <seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/* ---- the filter ----------------------------------------------------------- */

typedef struct Rule {
    int nr;
    unsigned nargs;
    struct scmp_arg_cmp arg[2];
} Rule;

int sbx_filter_build(SbxFilter *f, char *err, size_t errlen)
{
    /* The whole allowlist. Anything else kills the process with SIGSYS. */
    const Rule rules[] = {
        /* output: the job's stdout and stderr pipes only */
        {SCMP_SYS(write), 1, {SCMP_A0(SCMP_CMP_EQ, 1)}},
        {SCMP_SYS(write), 1, {SCMP_A0(SCMP_CMP_EQ, 2)}},
        /* memory, never executable: the JIT's code was made executable
         * before the filter, and no new code page may appear after it */
        {SCMP_SYS(mmap), 1, {SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC, 0)}},
        {SCMP_SYS(mprotect), 1, {SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC, 0)}},
        {SCMP_SYS(munmap), 0, {{0}}},
        {SCMP_SYS(brk), 0, {{0}}},
        {SCMP_SYS(mremap), 0, {{0}}},
        /* malloc returns memory with these two; no other advice */
        {SCMP_SYS(madvise), 1, {SCMP_A2(SCMP_CMP_EQ, MADV_DONTNEED)}},
        {SCMP_SYS(madvise), 1, {SCMP_A2(SCMP_CMP_EQ, MADV_FREE)}},
        /* clocks (usually the vDSO, but the kernel falls back to these) */
        {SCMP_SYS(clock_gettime), 0, {{0}}},
        {SCMP_SYS(clock_getres), 0, {{0}}},
        {SCMP_SYS(gettimeofday), 0, {{0}}},
        {SCMP_SYS(time), 0, {{0}}},
        /* signals: return from our SIGSEGV handler; abort() masks and
         * raises SIGABRT on itself */
        {SCMP_SYS(rt_sigreturn), 0, {{0}}},
        {SCMP_SYS(rt_sigprocmask), 0, {{0}}},
        {SCMP_SYS(restart_syscall), 0, {{0}}},
        {SCMP_SYS(getpid), 0, {{0}}},
        {SCMP_SYS(gettid), 0, {{0}}},
        {SCMP_SYS(tgkill), 2, {SCMP_A0(SCMP_CMP_EQ, SBX_PID_SLOT), SCMP_A1(SCMP_CMP_EQ, SBX_PID_SLOT)}},
        {SCMP_SYS(exit), 0, {{0}}},
        {SCMP_SYS(exit_group), 0, {{0}}},
    };
    int rc = -1, mfd = -1;
    scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_KILL_PROCESS);
    if (!ctx) {
        snprintf(err, errlen, "seccomp_init failed");
        goto done;
    }
    /* A foreign-architecture call (int 0x80 on x86_64) is killed too. */
    if (seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS) < 0) {
        snprintf(err, errlen, "seccomp_attr_set(badarch) failed");
        goto done;
    }
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
        int e = seccomp_rule_add_array(ctx, SCMP_ACT_ALLOW, rules[i].nr, rules[i].nargs, rules[i].arg);
        if (e < 0) {
            snprintf(err, errlen, "seccomp rule %zu: %s", i, strerror(-e));
            goto done;
        }
    }
    mfd = memfd_create("dynbox-bpf", MFD_CLOEXEC);
    if (mfd < 0 || seccomp_export_bpf(ctx, mfd) < 0) {
        snprintf(err, errlen, "cannot export the seccomp filter");
        goto done;
    }
    off_t size = lseek(mfd, 0, SEEK_END);
    if (size <= 0 || size % (off_t)sizeof(struct sock_filter) != 0 ||
        size > (off_t)sizeof f->insns) {
        snprintf(err, errlen, "unexpected seccomp filter size %lld", (long long)size);
        goto done;
    }
    if (pread(mfd, f->insns, (size_t)size, 0) != size) {
        snprintf(err, errlen, "cannot read the seccomp filter back");
        goto done;
    }
    f->count = (uint32_t)(size / (off_t)sizeof(struct sock_filter));
    /* The worker patches its pid into the tgkill comparisons: there must be
     * exactly two (the low words of arguments 0 and 1) or the trick failed. */
    unsigned slots = 0;
    for (uint32_t i = 0; i < f->count; i++)
        slots += f->insns[i].code == (BPF_JMP | BPF_JEQ | BPF_K) && f->insns[i].k == SBX_PID_SLOT;
    if (slots != 2) {
        snprintf(err, errlen, "seccomp filter has %u pid slots, expected 2", slots);
        goto done;
    }
    rc = 0;
done:
    if (mfd >= 0)
        close(mfd);
    if (ctx)
        seccomp_release(ctx);
    return rc;
}

/* ---- spawning --------------------------------------------------------------- */

/* Moves `fd` to at least 16 so the dup2 shuffle into 0..4 never overwrites
 * a source it still needs. Child-side, async-signal-safe. */
static int lift(int fd)
{
    return fcntl(fd, F_DUPFD, 16);
}

static void child(const SbxSpawn *cfg, pid_t daemon, int ctl, int out, int err, int mfd,
                  char *const argv[])
{
    static char *const envp[] = {NULL};
    /* 1. die with the daemon; if it died already, the check catches it */
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() != daemon)
        _exit(SBX_EXIT_SETUP);
    /* 2. own session: no controlling terminal, no signals from the daemon's group */
    if (setsid() < 0)
        _exit(SBX_EXIT_SETUP);
    /* 3. the job pipes on 0-2, the shared page on 3 (the worker maps and
     * closes it), the worker binary on 4 (close-on-exec), nothing else */
    int a = lift(ctl), b = lift(out), c = lift(err), d = lift(mfd), e = lift(cfg->exe_fd);
    if (a < 0 || b < 0 || c < 0 || d < 0 || e < 0)
        _exit(SBX_EXIT_SETUP);
    if (dup2(a, 0) < 0 || dup2(b, 1) < 0 || dup2(c, 2) < 0 || dup2(d, 3) < 0 ||
        dup3(e, 4, O_CLOEXEC) < 0)
        _exit(SBX_EXIT_SETUP);
    if (syscall(SYS_close_range, 5u, ~0u, 0u) < 0)
        _exit(SBX_EXIT_SETUP);
    /* signal state survives exec: nothing blocked, nothing ignored */
    sigset_t all;
    sigemptyset(&all);
    sigprocmask(SIG_SETMASK, &all, NULL);
    for (int s = 1; s < NSIG; s++)
        if (s != SIGKILL && s != SIGSTOP)
            signal(s, SIG_DFL);
    /* 4. empty environment */
    syscall(SYS_execveat, 4, "", argv, envp, AT_EMPTY_PATH);
    _exit(SBX_EXIT_SETUP);
}

/* The daemon's ends of a new worker and the worker's: the job socket, the
 * stdout and stderr pipes, the shared page (its memfd and the daemon's
 * mapping). */
typedef struct WorkerEnds {
    int sp[2], po[2], pe[2];
    int mfd;
    void *shared;
} WorkerEnds;

static int ends_open(WorkerEnds *e)
{
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, e->sp) < 0 || pipe2(e->po, O_CLOEXEC) < 0 ||
        pipe2(e->pe, O_CLOEXEC) < 0)
        return -errno;
    e->mfd = memfd_create("dynbox-shared", MFD_CLOEXEC);
    if (e->mfd < 0 || ftruncate(e->mfd, sizeof(SbxShared)) < 0)
        return -errno;
    e->shared = mmap(NULL, sizeof(SbxShared), PROT_READ | PROT_WRITE, MAP_SHARED, e->mfd, 0);
    if (e->shared == MAP_FAILED)
        return -errno;
    return 0;
}

/* The worker holds its ends now: the daemon keeps its own, non-blocking, in w. */
static void ends_give(WorkerEnds *e, SbxWorker *w, pid_t pid, int pidfd)
{
    close(e->sp[1]);
    close(e->po[1]);
    close(e->pe[1]);
    close(e->mfd);
    fcntl(e->sp[0], F_SETFL, O_NONBLOCK);
    fcntl(e->po[0], F_SETFL, O_NONBLOCK);
    fcntl(e->pe[0], F_SETFL, O_NONBLOCK);
    w->pid = pid;
    w->pidfd = pidfd;
    w->ctl = e->sp[0];
    w->out = e->po[0];
    w->err = e->pe[0];
    w->shared = e->shared;
}

/* A spawn failed: everything opened so far is closed. */
static void ends_close(WorkerEnds *e)
{
    for (int i = 0; i < 2; i++) {
        if (e->sp[i] >= 0)
            close(e->sp[i]);
        if (e->po[i] >= 0)
            close(e->po[i]);
        if (e->pe[i] >= 0)
            close(e->pe[i]);
    }
    if (e->mfd >= 0)
        close(e->mfd);
    if (e->shared != MAP_FAILED)
        munmap(e->shared, sizeof(SbxShared));
}

int sbx_spawn(const SbxSpawn *cfg, SbxWorker *w)
{
    int rc = -EIO;
    WorkerEnds e = {{-1, -1}, {-1, -1}, {-1, -1}, -1, MAP_FAILED};
    char ns_arg[32], uid_arg[32], gid_arg[32];
    char *argv[8];
    int ac = 0;

    memset(w, 0, sizeof *w);
    w->pidfd = w->ctl = w->out = w->err = -1;
    snprintf(ns_arg, sizeof ns_arg, "--ns=%u", cfg->ns);
    snprintf(uid_arg, sizeof uid_arg, "--uid=%u", (unsigned)cfg->uid);
    snprintf(gid_arg, sizeof gid_arg, "--gid=%u", (unsigned)cfg->gid);
    argv[ac++] = "dynboxd-worker";
    argv[ac++] = ns_arg;
    if (cfg->probe)
        argv[ac++] = "--probe";
    if (cfg->drop_uid) {
        argv[ac++] = uid_arg;
        argv[ac++] = gid_arg;
    }
    argv[ac] = NULL;

    if ((rc = ends_open(&e)) < 0)
        goto fail;
    pid_t daemon = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        rc = -errno;
        goto fail;
    }
    if (pid == 0)
        child(cfg, daemon, e.sp[1], e.po[1], e.pe[1], e.mfd, argv);

    /* No one else can reap the child, so its pid cannot be reused before
     * pidfd_open: the pidfd names exactly this worker. */
    int pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
    if (pidfd < 0) {
        rc = -errno;
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
        goto fail;
    }
    ends_give(&e, w, pid, pidfd);
    return 0;
fail:
    ends_close(&e);
    return rc;
}

int sbx_spawn_from(const SbxWorker *src, SbxWorker *w, int timeout_ms)
{
    int rc = -EIO;
    WorkerEnds e = {{-1, -1}, {-1, -1}, {-1, -1}, -1, MAP_FAILED};

    memset(w, 0, sizeof *w);
    w->pidfd = w->ctl = w->out = w->err = -1;
    if ((rc = ends_open(&e)) < 0)
        goto fail;
    uint32_t req = SBX_SUCCESSOR_MAGIC;
    int fds[SBX_SUCCESSOR_FDS] = {e.sp[1], e.po[1], e.pe[1], e.mfd};
    union {
        struct cmsghdr h;
        char buf[CMSG_SPACE(sizeof fds)];
    } ctl;
    memset(&ctl, 0, sizeof ctl);
    struct iovec iov = {&req, sizeof req};
    struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl.buf,
                       .msg_controllen = sizeof ctl.buf};
    struct cmsghdr *c = CMSG_FIRSTHDR(&m);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof fds);
    memcpy(CMSG_DATA(c), fds, sizeof fds);
    ssize_t n;
    do
        n = sendmsg(src->ctl, &m, MSG_NOSIGNAL);
    while (n < 0 && errno == EINTR);
    if (n != (ssize_t)sizeof req) {
        rc = n < 0 ? -errno : -EIO;
        goto fail;
    }
    /* The answer: the worker forks at once, so this is short. */
    int32_t pid = -1;
    size_t got = 0;
    while (got < sizeof pid) {
        struct pollfd pf = {src->ctl, POLLIN, 0};
        int pr = poll(&pf, 1, timeout_ms);
        if (pr < 0 && errno == EINTR)
            continue;
        if (pr <= 0) {
            rc = pr == 0 ? -ETIMEDOUT : -errno;
            goto fail;
        }
        n = recv(src->ctl, (char *)&pid + got, sizeof pid - got, 0);
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (n <= 0) {
            rc = n < 0 ? -errno : -EPIPE;
            goto fail;
        }
        got += (size_t)n;
    }
    if (pid <= 0) {
        rc = -EAGAIN;
        goto fail;
    }
    /* The worker is the daemon's child (CLONE_PARENT): no one else can reap
     * it, so the pid names exactly this worker until the pidfd holds it. */
    int pidfd = (int)syscall(SYS_pidfd_open, (pid_t)pid, 0);
    if (pidfd < 0) {
        rc = -errno;
        kill((pid_t)pid, SIGKILL);
        waitpid((pid_t)pid, NULL, 0);
        goto fail;
    }
    ends_give(&e, w, (pid_t)pid, pidfd);
    return 0;
fail:
    ends_close(&e);
    return rc;
}

void sbx_worker_release(SbxWorker *w)
{
    int *fds[] = {&w->pidfd, &w->ctl, &w->out, &w->err};
    for (size_t i = 0; i < sizeof fds / sizeof fds[0]; i++)
        if (*fds[i] >= 0) {
            close(*fds[i]);
            *fds[i] = -1;
        }
    if (w->shared) {
        munmap(w->shared, sizeof(SbxShared));
        w->shared = NULL;
    }
}

int sbx_kill(const SbxWorker *w)
{
    return (int)syscall(SYS_pidfd_send_signal, w->pidfd, SIGKILL, NULL, 0);
}

/* ---- verdicts ------------------------------------------------------------------ */

SbxDecision sbx_decide(const SbxObserved *o)
{
    SbxDecision d = {SBX_V_INTERNAL, NULL, false};
    /* What the daemon did first wins: it knows why it pulled the plug. */
    if (o->killed_output || o->output_over) {
        d.verdict = SBX_V_OUTPUT_LIMIT;
        return d;
    }
    if (o->killed_wall) {
        d.verdict = SBX_V_TIMEOUT;
        d.timeout = "wall";
        return d;
    }
    /* SIGXCPU comes from the CPU timer or RLIMIT_CPU's soft limit; a program
     * that blocked SIGXCPU meets RLIMIT_CPU's hard limit (SIGKILL) or, if
     * it exits first, still shows the CPU it took. */
    bool cpu_over = o->cpu_limit_us && o->cpu_us >= o->cpu_limit_us;
    if (o->signal == SIGXCPU || (cpu_over && (o->exited || o->signal == SIGKILL))) {
        d.verdict = SBX_V_TIMEOUT;
        d.timeout = "cpu";
        return d;
    }
    if (o->exited) {
        if (o->exit_code == SBX_EXIT_PANIC)
            d.verdict = SBX_V_PANIC;
        else if (o->exit_code == SBX_EXIT_OOM)
            d.verdict = SBX_V_MEMORY;
        else
            d.verdict = SBX_V_OK; /* 0, or a program's own exit status */
        return d;
    }
    if (o->signal == SIGSYS) {
        d.verdict = SBX_V_SYSCALL;
        return d;
    }
    d.verdict = SBX_V_CRASHED;
    d.stack_overflow = o->stack_mark && (o->signal == SIGSEGV || o->signal == SIGBUS);
    return d;
}

const char *sbx_verdict_name(SbxVerdict v)
{
    static const char *const names[] = {
        [SBX_V_OK] = "ok",
        [SBX_V_PANIC] = "panic",
        [SBX_V_TIMEOUT] = "timeout",
        [SBX_V_MEMORY] = "memory",
        [SBX_V_OUTPUT_LIMIT] = "output_limit",
        [SBX_V_SYSCALL] = "syscall",
        [SBX_V_CRASHED] = "crashed",
        [SBX_V_INTERNAL] = "internal_error",
    };
    return (unsigned)v < sizeof names / sizeof names[0] ? names[v] : "internal_error";
}

const char *sbx_signal_name(int sig)
{
    static const struct {
        int sig;
        const char *name;
    } names[] = {
        {SIGHUP, "SIGHUP"},   {SIGINT, "SIGINT"},   {SIGQUIT, "SIGQUIT"}, {SIGILL, "SIGILL"},
        {SIGTRAP, "SIGTRAP"}, {SIGABRT, "SIGABRT"}, {SIGBUS, "SIGBUS"},   {SIGFPE, "SIGFPE"},
        {SIGKILL, "SIGKILL"}, {SIGUSR1, "SIGUSR1"}, {SIGSEGV, "SIGSEGV"}, {SIGUSR2, "SIGUSR2"},
        {SIGPIPE, "SIGPIPE"}, {SIGALRM, "SIGALRM"}, {SIGTERM, "SIGTERM"}, {SIGXCPU, "SIGXCPU"},
        {SIGXFSZ, "SIGXFSZ"}, {SIGSYS, "SIGSYS"},   {SIGVTALRM, "SIGVTALRM"}, {SIGPROF, "SIGPROF"},
    };
    if (sig == 0)
        return NULL;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (names[i].sig == sig)
            return names[i].name;
    return "SIG?";
}
