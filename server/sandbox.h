/* sandbox.h — the contract between dynboxd and its workers.
 *
 * The daemon side (sandbox.c) builds the seccomp filter once, spawns workers
 * and turns what it observed into a verdict; the worker side (confine.c)
 * applies DESIGN.md section 8 step by step. Between them: the job and report
 * messages on the worker's fd 0 and the shared page (SbxShared).
 */
#ifndef DYNBOX_SANDBOX_H
#define DYNBOX_SANDBOX_H

#include <linux/filter.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <time.h>

/* Exit codes with a meaning. 101 is Rust's panic status; 102 is what the
 * runtime's allocator (and raw_c's malloc) exits with when memory runs out,
 * because RLIMIT_AS failures raise no signal the parent could observe. */
#define SBX_EXIT_PANIC 101
#define SBX_EXIT_OOM 102
/* The worker could not set itself up (namespaces, shared page): never a
 * program's fault, always internal_error. */
#define SBX_EXIT_SETUP 120

/* Namespaces a worker may enter (a subset of CLONE_NEW*). The PID namespace
 * is deliberately absent: see docs/daemon.md ("PID namespace"). */
#define SBX_NS_USER 0x01u
#define SBX_NS_NET 0x02u
#define SBX_NS_MOUNT 0x04u
#define SBX_NS_IPC 0x08u
#define SBX_NS_UTS 0x10u
#define SBX_NS_ALL 0x1fu

/* ---- the seccomp filter ---------------------------------------------------
 * Built once by the daemon with libseccomp and shipped to each worker as raw
 * BPF inside the job message. tgkill is allowed only on the worker itself;
 * as the pid differs per worker, the filter compares against SBX_PID_SLOT
 * and the worker patches its own pid in before loading. */
#define SBX_PID_SLOT 0x3ee7c0deu
#define SBX_MAX_BPF 512

typedef struct SbxFilter {
    struct sock_filter insns[SBX_MAX_BPF];
    uint32_t count;
} SbxFilter;

/* ---- the shared page --------------------------------------------------------
 * A memfd mapped by both sides. The worker (and later the runtime) write;
 * the daemon reads only after the worker is dead, and treats every field as
 * untrusted: it bounds lengths and uses the data for reporting, never for
 * a verdict except the stack-overflow mark, which can only turn "crashed" into
 * "crashed (stack overflow)". */
#define SBX_SHARED_MAGIC 0x44425853u /* "SXBD" */
#define SBX_MAX_EVENTS 16384
#define SBX_LEDGER_MAX (64 * 1024)

/* One output event from the runtime: `len` bytes of stream 1 (stdout) or 2
 * (stderr) printed at virtual time `time_ms`. The text itself is not here:
 * the daemon cuts it from the bytes it read from the pipes. */
typedef struct SbxEvent {
    uint32_t stream;
    uint32_t len;
    uint64_t time_ms;
} SbxEvent;

typedef struct SbxShared {
    uint32_t magic;
    volatile uint32_t stack_overflow; /* set by the SIGSEGV handler */
    volatile uint64_t fault_addr;
    /* CLOCK_MONOTONIC stamps (ns) of the worker's stages */
    uint64_t t_recv, t_compile_start, t_compile_end, t_relocate_end;
    uint64_t t_filter_start, t_filter_end;
    /* Filled by the runtime when it exists (has_runtime = 1). */
    uint32_t has_runtime;
    uint32_t nevents;
    uint32_t events_lost;
    uint32_t ledger_len;
    uint64_t virtual_ms;
    SbxEvent events[SBX_MAX_EVENTS];
    char ledger[SBX_LEDGER_MAX]; /* JSON object text, not NUL-terminated */
} SbxShared;

/* ---- messages on the worker's fd 0 (a stream socketpair) -------------------
 * Each is a fixed header followed by variable parts, native byte order (both
 * ends are the same build). */
#define SBX_HELLO_MAGIC 0x4f4c4548u
/* A request to a ready worker for its successor (docs/daemon.md, "The
 * sandbox"): this word, with the new worker's job socket, stdout and stderr
 * pipes and shared page as SCM_RIGHTS; the answer is the new worker's pid as
 * an int32 (-1: the fork failed). */
#define SBX_SUCCESSOR_MAGIC 0x43435553u /* "SUCC" */
#define SBX_SUCCESSOR_FDS 4
#define SBX_JOB_MAGIC 0x424f4a44u
#define SBX_REPORT_MAGIC 0x54505244u

/* Worker -> daemon once set up: what it managed to do. */
typedef struct SbxHello {
    uint32_t magic;
    uint32_t ns;       /* SBX_NS_* entered */
    uint32_t ns_tried; /* SBX_NS_* attempted */
    uint32_t uid;      /* uid after the drop (as seen outside) */
    uint32_t fs_hidden; /* 1: root is an empty read-only tmpfs */
    uint32_t pad;
} SbxHello;

typedef enum {
    SBX_OP_COMPILE = 1, /* dynbox front end only */
    SBX_OP_RUN = 2,     /* dynbox compile, lower, JIT and run */
    SBX_OP_RAW_C = 3,   /* test-only: JIT the C text and run its main */
    SBX_OP_PROBE = 4,   /* start-up self-test: lock down, then make a forbidden call */
    SBX_OP_CRASH = 5,   /* test-only: check the program, then die of SIGSEGV mid-compile */
} SbxOp;

typedef struct SbxLimits {
    uint64_t cpu_ms;
    uint64_t wall_ms;
    uint64_t mem_bytes;
    uint64_t output_bytes;
    uint64_t stack_bytes;
} SbxLimits;

/* Daemon -> worker: the job. Followed by bpf_count sock_filter entries then
 * code_len bytes of source. */
typedef struct SbxJobHdr {
    uint32_t magic;
    uint32_t op;
    int32_t rules; /* -1 unset, else DbRules */
    int32_t abi;   /* -1 unset, else DbAbi */
    uint32_t bpf_count;
    uint32_t code_len;
    uint32_t want; /* SBX_WANT_*: optional parts of the compile result */
    uint32_t pad;
    SbxLimits limits;
    uint64_t t_sent; /* CLOCK_MONOTONIC ns when the daemon wrote it */
} SbxJobHdr;

/* Parts of the compile result a job asks for (op compile always gets both). */
#define SBX_WANT_C 0x1u
#define SBX_WANT_EXPLAIN 0x2u

typedef enum {
    SBX_REPORT_READY = 1,        /* compiled and relocated: the run follows */
    SBX_REPORT_DONE = 2,         /* op compile finished (errors or not) */
    SBX_REPORT_FAILED = 3,       /* the program does not compile (or lower): no run */
    SBX_REPORT_INTERNAL = 5,     /* the worker itself failed (message says why) */
} SbxReportStatus;

/* The front end's own phases (DbTimer order), reported per job. */
#define SBX_PHASES 5

/* Worker -> daemon after the compile: followed by diag_len bytes of
 * diagnostics (rustc JSON, one object a line), c_len bytes of C, msg_len
 * bytes of message (tcc's errors for raw_c, or an internal error), then
 * explain_len bytes of the dyn report (docs/explain.md's JSON). */
typedef struct SbxReportHdr {
    uint32_t magic;
    uint32_t status;
    uint32_t errors;
    uint32_t has_c;
    int64_t frontend_us, lower_us, tcc_us, relocate_us; /* -1 when not run */
    int64_t phase_us[SBX_PHASES];                       /* lex, parse, dyn, check, lower; -1 unset */
    uint32_t diag_len, c_len, msg_len, explain_len;
} SbxReportHdr;

/* Largest report the daemon accepts (diagnostics plus C text). */
#define SBX_REPORT_MAX (32u << 20)

/* ---- verdicts ---------------------------------------------------------------- */

typedef enum {
    SBX_V_OK,
    SBX_V_PANIC,
    SBX_V_TIMEOUT,
    SBX_V_MEMORY,
    SBX_V_OUTPUT_LIMIT,
    SBX_V_SYSCALL,
    SBX_V_CRASHED,
    SBX_V_INTERNAL,
} SbxVerdict;

/* What the daemon saw of one worker's run. */
typedef struct SbxObserved {
    bool exited;        /* WIFEXITED */
    int exit_code;      /* when exited */
    int signal;         /* when killed by a signal, else 0 */
    bool killed_wall;   /* the daemon killed it at the wall deadline */
    bool killed_output; /* the daemon killed it at the output cap */
    bool output_over;   /* it produced more than the cap */
    uint64_t cpu_us;    /* rusage user + system */
    uint64_t cpu_limit_us;
    bool stack_mark;    /* the shared page's stack_overflow */
} SbxObserved;

typedef struct SbxDecision {
    SbxVerdict verdict;
    const char *timeout; /* "cpu" or "wall" for SBX_V_TIMEOUT, else NULL */
    bool stack_overflow;
} SbxDecision;

/* The verdict rules of docs/daemon.md, from observations only. */
SbxDecision sbx_decide(const SbxObserved *o);
const char *sbx_verdict_name(SbxVerdict v);
const char *sbx_signal_name(int sig); /* "SIGSEGV", or NULL for 0 */

/* ---- daemon side (sandbox.c) ---------------------------------------------- */

int sbx_filter_build(SbxFilter *f, char *err, size_t errlen);

/* A spawned worker as the daemon holds it. */
typedef struct SbxWorker {
    pid_t pid;
    int pidfd;
    int ctl;        /* socketpair end: job out, hello and report in */
    int out, err;   /* the worker's stdout and stderr, read ends */
    SbxShared *shared;
} SbxWorker;

typedef struct SbxSpawn {
    int exe_fd;      /* O_PATH fd of dynboxd-worker */
    uint32_t ns;     /* namespaces to enter; with `probe`, those to try */
    bool probe;      /* try each namespace and report, do not fail */
    bool drop_uid;   /* running as root: become nobody first */
    uid_t uid;
    gid_t gid;
} SbxSpawn;

/* Forks and execs a worker (die-with-parent, setsid, fds 0-2 on the job
 * pipes, everything else closed, empty environment). 0 or -errno. */
int sbx_spawn(const SbxSpawn *cfg, SbxWorker *w);
/* A worker forked by the ready worker `src` (sbx_spawn's or this one's),
 * which has the prelude checked already: the same fds, pidfd and shared page
 * as sbx_spawn's. Waits at most `timeout_ms` for the answer. 0 or -errno. */
int sbx_spawn_from(const SbxWorker *z, SbxWorker *w, int timeout_ms);
/* Closes the daemon's ends and unmaps the shared page; the caller reaped. */
void sbx_worker_release(SbxWorker *w);
int sbx_kill(const SbxWorker *w);

/* ---- worker side (confine.c) ------------------------------------------------ */

/* Enters the namespaces of `want` (all of them or fail, unless `probe`),
 * dropping to uid/gid first when asked, and hides the file system when the
 * mount namespace allows. Fills `hello`. 0 or -1. */
int sbx_enter_namespaces(uint32_t want, bool probe, bool drop_uid, uid_t uid, gid_t gid,
                         SbxHello *hello);
/* RLIMIT_AS, CPU, STACK, NOFILE, CORE, FSIZE, NPROC from the job's limits,
 * and a CPU-time timer that raises SIGXCPU at exactly cpu_ms. */
int sbx_apply_limits(const SbxLimits *l);
/* An alternate-stack SIGSEGV/SIGBUS handler that marks stack overflows in
 * `sh` before the default action kills the process. */
int sbx_watch_stack(SbxShared *sh, uintptr_t stack_top, uint64_t stack_bytes);
/* no_new_privs, then the prebuilt filter with this process's pid patched in. */
int sbx_lock(const struct sock_filter *insns, uint32_t count);

/* CLOCK_MONOTONIC in ns: one clock for both sides, so stage stamps compare. */
static inline uint64_t sbx_now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

#endif
