/* confine.c — the worker's half of the sandbox (DESIGN.md section 8).
 *
 * Namespaces and a hidden file system, rlimits plus an exact CPU timer, the
 * stack-overflow watch, and the final lock: no_new_privs and the daemon's
 * prebuilt seccomp filter. Runs inside dynboxd-worker only.
 */
#include "sandbox.h"

#include <errno.h>
#include <grp.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

/* ---- namespaces ------------------------------------------------------------- */

static const struct {
    uint32_t bit;
    int flag;
} ns_flags[] = {
    /* user first: unprivileged, it is what grants the right to make the rest */
    {SBX_NS_USER, CLONE_NEWUSER},
    {SBX_NS_NET, CLONE_NEWNET},
    {SBX_NS_MOUNT, CLONE_NEWNS},
    {SBX_NS_IPC, CLONE_NEWIPC},
    {SBX_NS_UTS, CLONE_NEWUTS},
};

/* With a private mount namespace, replace the root by an empty read-only
 * tmpfs: libtcc and the compiler then cannot read a host file even by
 * mistake. Any existing directory serves as the mount point, since the
 * mount is visible in this namespace only. */
static int hide_fs(void)
{
    static const char *const points[] = {"/tmp", "/mnt", "/dev", "/"};
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
        return -1;
    for (size_t i = 0; i < sizeof points / sizeof points[0]; i++) {
        if (mount("dynbox", points[i], "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC,
                  "size=4k,mode=0555") < 0)
            continue;
        if (chdir(points[i]) < 0 || chroot(".") < 0 || chdir("/") < 0)
            return -1;
        return 0;
    }
    return -1;
}

int sbx_enter_namespaces(uint32_t want, bool probe, bool drop_uid, uid_t uid, gid_t gid,
                         SbxHello *hello)
{
    memset(hello, 0, sizeof *hello);
    hello->magic = SBX_HELLO_MAGIC;
    hello->ns_tried = want;
    if (drop_uid) {
        /* As root the worker would still own root's files whatever the
         * namespaces say: become nobody before anything else. */
        if (setgroups(0, NULL) < 0 || setresgid(gid, gid, gid) < 0 || setresuid(uid, uid, uid) < 0)
            return -1;
        if (getuid() != uid || geteuid() != uid)
            return -1;
    }
    hello->uid = (uint32_t)getuid();
    if (probe) {
        for (size_t i = 0; i < sizeof ns_flags / sizeof ns_flags[0]; i++)
            if ((want & ns_flags[i].bit) && unshare(ns_flags[i].flag) == 0)
                hello->ns |= ns_flags[i].bit;
    } else if (want) {
        int flags = 0;
        for (size_t i = 0; i < sizeof ns_flags / sizeof ns_flags[0]; i++)
            if (want & ns_flags[i].bit)
                flags |= ns_flags[i].flag;
        if (unshare(flags) < 0)
            return -1;
        hello->ns = want;
    }
    if (hello->ns & SBX_NS_MOUNT)
        hello->fs_hidden = hide_fs() == 0;
    /* Not dumpable: other processes of the same uid cannot ptrace it or read
     * its /proc files. */
    prctl(PR_SET_DUMPABLE, 0);
    return 0;
}

/* ---- limits ------------------------------------------------------------------ */

static int set_limit(int res, rlim_t v)
{
    struct rlimit r = {v, v};
    return setrlimit(res, &r);
}

int sbx_apply_limits(const SbxLimits *l)
{
    /* RLIMIT_CPU counts whole seconds, so it is the backstop: the timer
     * below raises SIGXCPU at the exact millisecond; a program that blocks
     * SIGXCPU meets the soft limit a second later and SIGKILL at the hard
     * one. */
    rlim_t cpu_s = (rlim_t)(l->cpu_ms / 1000 + 1);
    struct rlimit cpu = {cpu_s, cpu_s + 1};
    if (set_limit(RLIMIT_AS, (rlim_t)l->mem_bytes) < 0 || setrlimit(RLIMIT_CPU, &cpu) < 0 ||
        set_limit(RLIMIT_STACK, (rlim_t)l->stack_bytes) < 0 ||
        /* fds 0-2 are open: nothing new can be opened, by libtcc either */
        set_limit(RLIMIT_NOFILE, 3) < 0 || set_limit(RLIMIT_CORE, 0) < 0 ||
        set_limit(RLIMIT_FSIZE, 0) < 0 || set_limit(RLIMIT_NPROC, 0) < 0 ||
        set_limit(RLIMIT_MEMLOCK, 0) < 0 || set_limit(RLIMIT_MSGQUEUE, 0) < 0)
        return -1;

    struct sigevent ev;
    memset(&ev, 0, sizeof ev);
    ev.sigev_notify = SIGEV_SIGNAL;
    ev.sigev_signo = SIGXCPU;
    timer_t t;
    struct timespec used;
    if (timer_create(CLOCK_PROCESS_CPUTIME_ID, &ev, &t) < 0 ||
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &used) < 0)
        return -1;
    /* The budget starts now, not at the worker's start-up: the pre-fork
     * setup is the daemon's cost, not the job's. */
    uint64_t at = (uint64_t)used.tv_sec * 1000000000u + (uint64_t)used.tv_nsec + l->cpu_ms * 1000000u;
    struct itimerspec spec = {{0, 0}, {(time_t)(at / 1000000000u), (long)(at % 1000000000u)}};
    return timer_settime(t, TIMER_ABSTIME, &spec, NULL);
}

/* ---- stack overflow ------------------------------------------------------------- */

/* The handler runs on its own stack (the main one is exhausted) under the
 * seccomp filter, so it only stores to memory and returns: SA_RESETHAND has
 * already restored the default action, the faulting instruction runs again
 * and the kernel kills the process with the original signal. */
static SbxShared *watch_sh;
static uintptr_t watch_lo;
static char alt_stack[64 * 1024];

/* A fault is a stack overflow when the stack pointer is within NEAR_LIMIT of
 * the stack's limit or past it (a frame larger than the whole stack moves it
 * far past), and the faulting address lies between just below the stack
 * pointer (a push or a call, up to SP_REACH below it) and the limit. */
#define NEAR_LIMIT (64u * 1024)
#define SP_REACH (64u * 1024)

static void on_fault(int sig, siginfo_t *si, void *ctx)
{
    (void)sig;
    const ucontext_t *uc = ctx;
#if defined(__x86_64__)
    uintptr_t sp = (uintptr_t)uc->uc_mcontext.gregs[REG_RSP];
#elif defined(__aarch64__)
    uintptr_t sp = (uintptr_t)uc->uc_mcontext.sp;
#else
    uintptr_t sp = (uintptr_t)-1;
    (void)uc;
#endif
    uintptr_t addr = (uintptr_t)si->si_addr;
    watch_sh->fault_addr = addr;
    /* si_code > 0: raised by the kernel for a fault, not sent by a kill */
    if (si->si_code > 0 && sp < watch_lo + NEAR_LIMIT && addr < watch_lo + NEAR_LIMIT &&
        addr + SP_REACH >= sp)
        watch_sh->stack_overflow = 1;
}

int sbx_watch_stack(SbxShared *sh, uintptr_t stack_top, uint64_t stack_bytes)
{
    watch_sh = sh;
    watch_lo = stack_top > stack_bytes ? stack_top - (uintptr_t)stack_bytes : 0;
    stack_t ss = {.ss_sp = alt_stack, .ss_size = sizeof alt_stack, .ss_flags = 0};
    if (sigaltstack(&ss, NULL) < 0)
        return -1;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESETHAND;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGSEGV, &sa, NULL) < 0 || sigaction(SIGBUS, &sa, NULL) < 0)
        return -1;
    return 0;
}

/* ---- the lock ------------------------------------------------------------------ */

int sbx_lock(const struct sock_filter *insns, uint32_t count)
{
    static struct sock_filter mine[SBX_MAX_BPF];
    if (count == 0 || count > SBX_MAX_BPF)
        return -1;
    memcpy(mine, insns, count * sizeof *insns);
    /* Single-threaded, so tgkill(pid, tid) on itself has tid == pid. */
    uint32_t pid = (uint32_t)getpid(), patched = 0;
    for (uint32_t i = 0; i < count; i++)
        if (mine[i].code == (BPF_JMP | BPF_JEQ | BPF_K) && mine[i].k == SBX_PID_SLOT) {
            mine[i].k = pid;
            patched++;
        }
    if (patched != 2)
        return -1;
    struct sock_fprog prog = {.len = (unsigned short)count, .filter = mine};
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
        return -1;
    if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) < 0)
        return -1;
    return 0;
}
