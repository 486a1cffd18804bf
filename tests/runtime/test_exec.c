/* test_exec.c — the executor of DESIGN.md section 6 driven by futures
 * written the way the lowering writes them (a struct and a poll function
 * switching on its state): examples/tasks.rs by hand, checked against
 * tasks.out with its virtual times and ledger, then the ordering rules one
 * by one through small scripted tasks. */
#include "rt_test.h"

#include <stdio.h>
#include <string.h>

/* ================= examples/tasks.rs, lowered by hand ================= */

/* trait Worker { async fn work(&mut self, round: u32) -> u64; fn name(&self) -> String; }
 * Vtable of DESIGN.md section 5: header, then the boxed slot of `work`
 * {fut_size, fut_align, init, fut_vtable}, then `name`. */
typedef struct WorkerVtable {
    RtDropFn drop;
    rt_usize size, align;
    rt_usize work_fut_size, work_fut_align;
    void (*work_init)(void *slot, void *self, rt_u32 round);
    const RtFutVtable *work_fut_vtable;
    RtString (*name)(const void *self);
} WorkerVtable;

typedef struct Fast {
    rt_u64 done;
} Fast;

typedef struct Slow {
    rt_u64 delay, done;
} Slow;

/* impl Worker for Fast: async fn work: yield_now().await; done += 1; round as u64 */
typedef struct FastWork {
    rt_u32 state;
    Fast *self;
    rt_u32 round;
    RtYield y;
} FastWork;

static rt_i32 fast_work_poll(void *p, RtContext *cx, void *out) {
    FastWork *f = p;
    switch (f->state) {
    case 0:
        f->y = rt_yield_now();
        f->state = 1;
        /* fall through */
    case 1:
        if (rt_yield_poll(&f->y, cx, NULL) == RT_PENDING) return RT_PENDING;
        f->self->done = rt_add_u64(f->self->done, 1, RT_LOC(22, 9));
        *(rt_u64 *)out = f->round;
        f->state = 2;
        return RT_READY;
    default: rt_panic_cstr(RT_LOC(20, 5), "`async fn` resumed after completion");
    }
}

static void fast_work_drop(void *p) {
    (void)p;
}

static const RtFutVtable fast_work_vt = {fast_work_poll, fast_work_drop, sizeof(FastWork), _Alignof(FastWork)};

static void fast_work_init(void *slot, void *self, rt_u32 round) {
    FastWork f = {0, self, round, {0}};
    memcpy(slot, &f, sizeof f);
}

static RtString fast_name(const void *self) {
    (void)self;
    return rt_string_from_str(RT_STR("fast"));
}

/* impl Worker for Slow: sleep(self.delay).await; done += 1; (round as u64) * delay */
typedef struct SlowWork {
    rt_u32 state;
    Slow *self;
    rt_u32 round;
    RtSleep s;
} SlowWork;

static rt_i32 slow_work_poll(void *p, RtContext *cx, void *out) {
    SlowWork *f = p;
    switch (f->state) {
    case 0:
        f->s = rt_sleep(f->self->delay);
        f->state = 1;
        /* fall through */
    case 1:
        if (rt_sleep_poll(&f->s, cx, NULL) == RT_PENDING) return RT_PENDING;
        f->self->done = rt_add_u64(f->self->done, 1, RT_LOC(33, 9));
        *(rt_u64 *)out = rt_mul_u64(f->round, f->self->delay, RT_LOC(34, 9));
        f->state = 2;
        return RT_READY;
    default: rt_panic_cstr(RT_LOC(31, 5), "`async fn` resumed after completion");
    }
}

static void slow_work_drop(void *p) {
    (void)p;
}

static const RtFutVtable slow_work_vt = {slow_work_poll, slow_work_drop, sizeof(SlowWork), _Alignof(SlowWork)};

static void slow_work_init(void *slot, void *self, rt_u32 round) {
    SlowWork f = {0, self, round, {0, 0, 0}};
    memcpy(slot, &f, sizeof f);
}

/* format!("slow{}", self.delay) */
static RtString slow_name(const void *self) {
    const Slow *s = self;
    RtStr pieces[] = {RT_STR("slow")};
    RtArg args[] = {{&s->delay, rt_fmt_display_u64, RT_SPEC_DEFAULT}};
    RtArguments a = {pieces, 1, args, 1};
    return rt_format(&a);
}

static void drop_nothing(void *p) {
    (void)p;
}

static const WorkerVtable fast_vt = {drop_nothing, sizeof(Fast), _Alignof(Fast), sizeof(FastWork),
                                     _Alignof(FastWork), fast_work_init, &fast_work_vt, fast_name};
static const WorkerVtable slow_vt = {drop_nothing, sizeof(Slow), _Alignof(Slow), sizeof(SlowWork),
                                     _Alignof(SlowWork), slow_work_init, &slow_work_vt, slow_name};

/* The `w.work(r).box` site of tasks.rs. */
static RtSite work_site = {45, 18, "w.work(r).box", 0, 0};

/* async fn drive(mut w: Box<dyn Worker>, rounds: u32) -> u64 */
typedef struct Drive {
    rt_u32 state;
    void *w;
    const WorkerVtable *w_vt;
    rt_u32 rounds;
    rt_u64 total;
    rt_u32 r;
    RtBoxFuture child;
} Drive;

enum { DRIVE_START, DRIVE_AWAIT, DRIVE_DONE };

static void drop_box_worker(Drive *d) {
    d->w_vt->drop(d->w);
    rt_free(d->w);
}

static rt_i32 drive_poll(void *p, RtContext *cx, void *out) {
    Drive *d = p;
    switch (d->state) {
    case DRIVE_START:
        d->total = 0;
        d->r = 1;
        break;
    case DRIVE_AWAIT: goto await;
    default: rt_panic_cstr(RT_LOC(41, 1), "`async fn` resumed after completion");
    }
    while (d->r <= d->rounds) {
        d->child = rt_boxfut_new(d->w_vt->work_fut_vtable, &work_site);
        d->w_vt->work_init(d->child.ptr, d->w, d->r);
        d->state = DRIVE_AWAIT;
    await: {
        rt_u64 v;
        if (rt_boxfut_poll(&d->child, cx, &v) == RT_PENDING) return RT_PENDING;
        rt_boxfut_drop(&d->child);
        d->total = rt_add_u64(d->total, v, RT_LOC(45, 9));
    }
        {
            /* println!("{:>4}ms {} round {}", now(), w.name(), r) */
            rt_u64 now = rt_now();
            RtString name = d->w_vt->name(d->w);
            RtStr pieces[] = {RT_STR(""), RT_STR("ms "), RT_STR(" round "), RT_STR("\n")};
            RtArg args[] = {{&now, rt_fmt_display_u64, {(rt_u32)' ' | RT_FMT_ALIGN_RIGHT | RT_FMT_WIDTH, 4, 0}},
                            {&name, rt_fmt_display_string, RT_SPEC_DEFAULT},
                            {&d->r, rt_fmt_display_u32, RT_SPEC_DEFAULT}};
            RtArguments a = {pieces, 4, args, 3};
            rt_print(RT_STDOUT, &a);
            rt_string_drop(&name);
        }
        d->r = rt_add_u32(d->r, 1, RT_LOC(47, 9));
    }
    drop_box_worker(d);
    *(rt_u64 *)out = d->total;
    d->state = DRIVE_DONE;
    return RT_READY;
}

static void drive_drop(void *p) {
    Drive *d = p;
    if (d->state == DRIVE_AWAIT) rt_boxfut_drop(&d->child);
    if (d->state != DRIVE_DONE) drop_box_worker(d);
}

static const RtFutVtable drive_vt = {drive_poll, drive_drop, sizeof(Drive), _Alignof(Drive)};

static Drive drive(void *w, const WorkerVtable *vt, rt_u32 rounds) {
    Drive d;
    memset(&d, 0, sizeof d);
    d.w = w;
    d.w_vt = vt;
    d.rounds = rounds;
    return d;
}

/* async fn main */
typedef struct TasksMain {
    rt_u32 state;
    RtJoinHandle a, b, c;
    rt_u64 total;
} TasksMain;


static RtJoinHandle spawn_drive(void *w, const WorkerVtable *vt, rt_u32 rounds) {
    Drive d = drive(w, vt, rounds);
    return rt_spawn(&d, &drive_vt, sizeof(rt_u64), _Alignof(rt_u64), NULL);
}

static rt_i32 tasks_main_poll(void *p, RtContext *cx, void *out) {
    TasksMain *m = p;
    rt_u64 v;
    (void)out;
    switch (m->state) {
    case 0: {
        Slow *s7 = rt_alloc(RT_ALLOC_BOX, sizeof(Slow), _Alignof(Slow), NULL);
        *s7 = (Slow){7, 0};
        m->a = spawn_drive(s7, &slow_vt, 3);
        Fast *f = rt_alloc(RT_ALLOC_BOX, sizeof(Fast), _Alignof(Fast), NULL);
        *f = (Fast){0};
        m->b = spawn_drive(f, &fast_vt, 2);
        Slow *s10 = rt_alloc(RT_ALLOC_BOX, sizeof(Slow), _Alignof(Slow), NULL);
        *s10 = (Slow){10, 0};
        m->c = spawn_drive(s10, &slow_vt, 2);
        m->state = 1;
    }
        /* fall through */
    case 1:
        if (rt_join_poll(&m->a, cx, &v) == RT_PENDING) return RT_PENDING;
        rt_join_drop(&m->a);
        m->total = v;
        m->state = 2;
        /* fall through */
    case 2:
        if (rt_join_poll(&m->b, cx, &v) == RT_PENDING) return RT_PENDING;
        rt_join_drop(&m->b);
        m->total = rt_add_u64(m->total, v, RT_LOC(59, 17));
        m->state = 3;
        /* fall through */
    case 3: {
        if (rt_join_poll(&m->c, cx, &v) == RT_PENDING) return RT_PENDING;
        rt_join_drop(&m->c);
        m->total = rt_add_u64(m->total, v, RT_LOC(59, 17));
        rt_u64 now = rt_now();
        RtStr pieces[] = {RT_STR("total "), RT_STR(" at "), RT_STR("ms\n")};
        RtArg args[] = {{&m->total, rt_fmt_display_u64, RT_SPEC_DEFAULT}, {&now, rt_fmt_display_u64, RT_SPEC_DEFAULT}};
        RtArguments a = {pieces, 3, args, 2};
        rt_print(RT_STDOUT, &a);
        m->state = 4;
        return RT_READY;
    }
    default: rt_panic_cstr(RT_LOC(56, 1), "`async fn` resumed after completion");
    }
}

static void tasks_main_drop(void *p) {
    TasksMain *m = p;
    rt_join_drop(&m->a);
    rt_join_drop(&m->b);
    rt_join_drop(&m->c);
}

static const RtFutVtable tasks_main_vt = {tasks_main_poll, tasks_main_drop, sizeof(TasksMain), _Alignof(TasksMain)};

static void tasks_entry(void) {
    TasksMain m;
    memset(&m, 0, sizeof m);
    rt_block_on(&m, &tasks_main_vt, NULL, RT_LOC(56, 1));
}

/* /work/shared/examples/tasks.out */
static const char tasks_out[] = "   0ms fast round 1\n"
                                "   0ms fast round 2\n"
                                "   7ms slow7 round 1\n"
                                "  10ms slow10 round 1\n"
                                "  14ms slow7 round 2\n"
                                "  20ms slow10 round 2\n"
                                "  21ms slow7 round 3\n"
                                "total 75 at 21ms\n";

START_TEST(exec_tasks_example) {
    rtt_init();
    rt_host_run(tasks_entry);
    ck_assert_output(RT_STDOUT, tasks_out);
    ck_assert_output(RT_STDERR, "");
    /* every print is one event stamped with the virtual time it printed */
    static const rt_u64 times[] = {0, 0, 7, 10, 14, 20, 21, 21};
    rt_usize n;
    const RtOutputEvent *ev = rt_host_events(&n);
    ck_assert_uint_eq(n, 8);
    for (rt_usize i = 0; i < n; i++) ck_assert_uint_eq(ev[i].time_ms, times[i]);
    ck_assert_uint_eq(rt_host_now(), 21);
    /* one boxed future per `.box` evaluation (3 + 2 + 2 rounds), at one site */
    RtKindStats k;
    rt_host_kind_stats(RT_ALLOC_BOXED_FUTURE, &k);
    ck_assert_uint_eq(k.allocs, 7);
    ck_assert_uint_eq(rt_host_site_count(), 1);
    const RtSiteStats *s = rt_host_site(0);
    ck_assert_uint_eq(s->allocs, 7);
    ck_assert_uint_eq(s->bytes, 2 * sizeof(FastWork) + 5 * sizeof(SlowWork));
    ck_assert_str_eq(s->text, "w.work(r).box");
    rt_host_kind_stats(RT_ALLOC_TASK, &k);
    ck_assert_uint_eq(k.allocs, 3);
    rt_host_kind_stats(RT_ALLOC_BOX, &k);
    ck_assert_uint_eq(k.allocs, 3);
    ck_assert_uint_eq(rt_host_live_count(), 0);
}
END_TEST

START_TEST(exec_tasks_example_is_deterministic) {
    char first[512];
    rtt_init();
    rt_host_run(tasks_entry);
    snprintf(first, sizeof first, "%s", rtt_output(RT_STDOUT));
    for (int i = 0; i < 3; i++) {
        rtt_init();
        rt_host_run(tasks_entry);
        ck_assert_str_eq(rtt_output(RT_STDOUT), first);
    }
}
END_TEST

/* ================= scripted tasks for the ordering rules ================= */

/* A tiny program per task, run by one generated-style future: pc is its
 * state. Every op that waits keeps its leaf future in the struct. */
enum { OP_END, OP_PRINT, OP_SLEEP, OP_YIELD, OP_SPAWN, OP_JOIN, OP_DETACH, OP_JOIN_SHARED, OP_SPAWN_SHARED,
       OP_PANIC, OP_BLOCK_ON };
typedef struct Op {
    rt_u32 op;
    rt_u32 arg;        /* ms, script index, handle slot */
    const char *text;  /* OP_PRINT */
} Op;

#define MAX_SCRIPTS 8
static const Op *scripts[MAX_SCRIPTS];
static RtJoinHandle shared[4];

typedef struct Script {
    rt_u32 pc;
    rt_u32 id;
    rt_bool started;   /* the current op's leaf future is set up */
    RtSleep sleep;
    RtYield yield;
    RtJoinHandle h[4];
} Script;

static const RtFutVtable script_vt;

static void say(const char *what, rt_u32 id) {
    char buf[128];
    int n = snprintf(buf, sizeof buf, "%s%u@%llu\n", what, id, (unsigned long long)rt_now());
    rt_print_str(RT_STDOUT, (RtStr){(const rt_u8 *)buf, (rt_usize)n});
}

static void print_out_drop(void *out) {
    say("out_drop ", (rt_u32) * (rt_u64 *)out);
}

static RtJoinHandle spawn_script(rt_u32 idx) {
    Script s;
    memset(&s, 0, sizeof s);
    s.id = idx;
    return rt_spawn(&s, &script_vt, sizeof(rt_u64), _Alignof(rt_u64), print_out_drop);
}

static rt_i32 script_poll(void *p, RtContext *cx, void *out) {
    Script *s = p;
    for (;;) {
        const Op *op = &scripts[s->id][s->pc];
        switch (op->op) {
        case OP_END:
            /* locals die at the end of the body: handles still held detach */
            for (int i = 0; i < 4; i++) rt_join_drop(&s->h[i]);
            if (out) *(rt_u64 *)out = s->id;
            s->pc = 1000;
            return RT_READY;
        case OP_PRINT: say(op->text, s->id); break;
        case OP_SLEEP:
            if (!s->started) s->sleep = rt_sleep(op->arg), s->started = 1;
            if (rt_sleep_poll(&s->sleep, cx, NULL) == RT_PENDING) return RT_PENDING;
            break;
        case OP_YIELD:
            if (!s->started) s->yield = rt_yield_now(), s->started = 1;
            if (rt_yield_poll(&s->yield, cx, NULL) == RT_PENDING) return RT_PENDING;
            break;
        case OP_SPAWN: s->h[op->arg % 4] = spawn_script(op->arg / 4); break;
        case OP_SPAWN_SHARED: shared[op->arg % 4] = spawn_script(op->arg / 4); break;
        case OP_JOIN:
        case OP_JOIN_SHARED: {
            RtJoinHandle *h = op->op == OP_JOIN ? &s->h[op->arg] : &shared[op->arg];
            rt_u64 v;
            if (rt_join_poll(h, cx, &v) == RT_PENDING) return RT_PENDING;
            rt_join_drop(h);
            say("joined ", (rt_u32)v);
            break;
        }
        case OP_DETACH: rt_join_drop(&s->h[op->arg]); break;
        case OP_PANIC: rt_panic_cstr(RT_LOC(9, 13), op->text); break;
        case OP_BLOCK_ON: {
            Script inner;
            memset(&inner, 0, sizeof inner);
            rt_block_on(&inner, &script_vt, NULL, RT_LOC(3, 5));
            break;
        }
        default: rt_panic_cstr(RT_LOC(1, 1), "`async fn` resumed after completion");
        }
        s->pc++;
        s->started = 0;
    }
}

/* Dropping an unfinished script says so, then drops the handles it holds. */
static void script_drop(void *p) {
    Script *s = p;
    if (s->pc != 1000) say("drop ", s->id);
    for (int i = 0; i < 4; i++) rt_join_drop(&s->h[i]);
}

static const RtFutVtable script_vt = {script_poll, script_drop, sizeof(Script), _Alignof(Script)};

/* Spawn script k into handle slot s of the spawner. */
#define SPAWN(k, s) {OP_SPAWN, (k) * 4 + (s), NULL}
#define JOIN(s) {OP_JOIN, (s), NULL}
#define PRINT(t) {OP_PRINT, 0, (t)}
#define SLEEP(ms) {OP_SLEEP, (ms), NULL}
#define YIELD {OP_YIELD, 0, NULL}
#define DETACH(s) {OP_DETACH, (s), NULL}
#define END {OP_END, 0, NULL}

static void run_script_main(void) {
    Script m;
    memset(&m, 0, sizeof m);
    rt_block_on(&m, &script_vt, NULL, RT_LOC(30, 1));
}

static void run_scripts(const Op *const *list, rt_usize n) {
    memset(scripts, 0, sizeof scripts);
    memset(shared, 0, sizeof shared);
    for (rt_usize i = 0; i < n; i++) scripts[i] = list[i];
    rtt_init();
    rt_host_run(run_script_main);
}

#define RUN(...)                                                                                 \
    do {                                                                                         \
        static const Op *const list_[] = {__VA_ARGS__};                                          \
        run_scripts(list_, sizeof list_ / sizeof list_[0]);                                      \
    } while (0)

/* Timers expiring at the same instant run in creation order; the clock
 * jumps only when nothing else can run. */
START_TEST(exec_equal_timers_in_creation_order) {
    static const Op m[] = {SPAWN(1, 0), SPAWN(2, 1), SPAWN(3, 2), PRINT("main "), JOIN(0), JOIN(1), JOIN(2), END};
    static const Op a[] = {SLEEP(5), PRINT("t"), END};
    static const Op b[] = {SLEEP(5), PRINT("t"), END};
    static const Op c[] = {SLEEP(3), PRINT("t"), SLEEP(2), PRINT("t"), END};
    RUN(m, a, b, c);
    ck_assert_output(RT_STDOUT, "main 0@0\nt3@3\nt1@5\nt2@5\nt3@5\njoined 1@5\njoined 2@5\njoined 3@5\n");
    ck_assert_uint_eq(rt_host_live_count(), 0);
}
END_TEST

/* A task spawned during a pass is reached in that pass: b prints before
 * the ticker's second line, which needs a second pass. */
START_TEST(exec_spawn_during_pass_runs_same_pass) {
    static const Op m[] = {SPAWN(1, 0), SPAWN(2, 1), PRINT("main "), JOIN(1), JOIN(0), END};
    static const Op ticker[] = {PRINT("tick "), YIELD, PRINT("tick "), YIELD, PRINT("tick "), END};
    static const Op a[] = {PRINT("a "), SPAWN(3, 0), PRINT("a "), JOIN(0), END};
    static const Op b[] = {PRINT("b "), END};
    RUN(m, ticker, a, b);
    /* pass 1: main, ticker, a (spawns b), b; pass 2: ticker then a (b is
     * done); pass 3: main joins a, ticker ends; pass 4: main joins ticker */
    ck_assert_output(RT_STDOUT, "main 0@0\ntick 1@0\na 2@0\na 2@0\nb 3@0\ntick 1@0\njoined 3@0\n"
                                "joined 2@0\ntick 1@0\njoined 1@0\n");
}
END_TEST

/* yield_now: pending once, polled again in the next pass, never the same. */
START_TEST(exec_yield_alternates_by_pass) {
    static const Op m[] = {SPAWN(1, 0), SPAWN(2, 1), JOIN(0), JOIN(1), END};
    static const Op a[] = {PRINT("a"), YIELD, PRINT("a"), YIELD, PRINT("a"), END};
    static const Op b[] = {PRINT("b"), YIELD, PRINT("b"), END};
    RUN(m, a, b);
    ck_assert_output(RT_STDOUT, "a1@0\nb2@0\na1@0\nb2@0\na1@0\njoined 1@0\njoined 2@0\n");
}
END_TEST

/* A task waiting on a JoinHandle runs in the same pass when the awaited
 * task completed earlier in that pass, and in the next pass otherwise. */
START_TEST(exec_join_same_pass_when_completed_earlier) {
    /* 2 waits on 1 from pass 1; 1 completes in pass 2, earlier in the pass
     * than 2, so 2 resumes in pass 2: before the ticker's second line. */
    static const Op m[] = {{OP_SPAWN_SHARED, 1 * 4 + 0, NULL}, SPAWN(2, 1), SPAWN(3, 2), JOIN(1), JOIN(2), END};
    static const Op done_first[] = {YIELD, PRINT("done "), END};                              /* 1 */
    static const Op waits[] = {{OP_JOIN_SHARED, 0, NULL}, PRINT("after "), END};              /* 2 */
    static const Op ticker[] = {PRINT("tick "), YIELD, PRINT("tick "), END};                  /* 3 */
    RUN(m, done_first, waits, ticker);
    ck_assert_output(RT_STDOUT, "tick 3@0\ndone 1@0\njoined 1@0\nafter 2@0\ntick 3@0\njoined 2@0\njoined 3@0\n");
    ck_assert_uint_eq(rt_host_live_count(), 0);
}
END_TEST

START_TEST(exec_join_next_pass_when_completed_later) {
    static const Op m[] = {SPAWN(1, 0), {OP_SPAWN_SHARED, 2 * 4 + 0, NULL}, SPAWN(3, 1), JOIN(0), JOIN(1), END};
    static const Op waits_later[] = {{OP_JOIN_SHARED, 0, NULL}, PRINT("after "), END};   /* 1: created first */
    static const Op done_second[] = {PRINT("done "), END};                                 /* 2 */
    static const Op ticker[] = {PRINT("tick "), YIELD, PRINT("tick "), END};               /* 3 */
    RUN(m, waits_later, done_second, ticker);
    ck_assert_output(RT_STDOUT, "done 2@0\ntick 3@0\njoined 2@0\nafter 1@0\ntick 3@0\njoined 1@0\njoined 3@0\n");
}
END_TEST

/* Joining a task that finished long ago is ready at once. */
START_TEST(exec_join_finished_task) {
    static const Op m[] = {SPAWN(1, 0), SLEEP(5), PRINT("main "), JOIN(0), END};
    static const Op a[] = {PRINT("a"), END};
    RUN(m, a);
    ck_assert_output(RT_STDOUT, "a1@0\nmain 0@5\njoined 1@5\n");
    ck_assert_uint_eq(rt_host_live_count(), 0);
}
END_TEST

/* Lazy futures: a spawned task does not start until polled, and its sleep
 * counts from its first poll. */
START_TEST(exec_futures_are_lazy) {
    static const Op m[] = {SLEEP(5), SPAWN(1, 0), SLEEP(1), PRINT("main "), JOIN(0), END};
    static const Op a[] = {PRINT("start "), SLEEP(5), PRINT("end "), END};
    RUN(m, a);
    ck_assert_output(RT_STDOUT, "start 1@5\nmain 0@6\nend 1@10\njoined 1@10\n");
}
END_TEST

/* When main returns, pending tasks are dropped in creation order; a task
 * whose handle was dropped keeps running, and its unawaited output is
 * dropped when it completes. */
START_TEST(exec_pending_tasks_dropped_at_exit_in_order) {
    static const Op m[] = {SPAWN(1, 0), SPAWN(2, 1), SPAWN(3, 2), DETACH(2), SLEEP(10), PRINT("main "), END};
    static const Op slow[] = {SLEEP(100), PRINT("never "), END};
    static const Op slower[] = {SLEEP(50), PRINT("never "), END};
    static const Op quick[] = {SLEEP(4), PRINT("quick "), END};
    RUN(m, slow, slower, quick);
    ck_assert_output(RT_STDOUT, "quick 3@4\nout_drop 3@4\nmain 0@10\ndrop 1@10\ndrop 2@10\n");
    ck_assert_uint_eq(rt_host_now(), 10);
    RtKindStats k;
    rt_host_kind_stats(RT_ALLOC_TASK, &k);
    ck_assert_uint_eq(k.allocs, 3);
    ck_assert_uint_eq(k.frees, 3);
    ck_assert_uint_eq(rt_host_live_count(), 0);
}
END_TEST

/* A completed task whose output nobody awaited: dropped with the handle. */
START_TEST(exec_unawaited_output_dropped_with_handle) {
    static const Op m[] = {SPAWN(1, 0), SLEEP(1), PRINT("main "), END};
    static const Op a[] = {PRINT("a"), END};
    RUN(m, a);
    ck_assert_output(RT_STDOUT, "a1@0\nmain 0@1\nout_drop 1@1\n");
    ck_assert_uint_eq(rt_host_live_count(), 0);
}
END_TEST

/* A synchronous main may call block_on twice; tasks spawned by the first
 * keep running during the second, and the clock carries on. */
static void two_block_ons(void) {
    Script m;
    memset(&m, 0, sizeof m);
    rt_block_on(&m, &script_vt, NULL, RT_LOC(30, 1));
    memset(&m, 0, sizeof m);
    m.id = 2;
    rt_block_on(&m, &script_vt, NULL, RT_LOC(31, 1));
}

START_TEST(exec_block_on_twice) {
    static const Op first[] = {SPAWN(1, 0), DETACH(0), SLEEP(2), PRINT("first "), END};
    static const Op bg[] = {PRINT("bg "), SLEEP(3), PRINT("bg "), END};
    static const Op second[] = {SLEEP(5), PRINT("second "), END};
    memset(scripts, 0, sizeof scripts);
    scripts[0] = first;
    scripts[1] = bg;
    scripts[2] = second;
    rtt_init();
    rt_host_run(two_block_ons);
    ck_assert_output(RT_STDOUT, "bg 1@0\nfirst 0@2\nbg 1@3\nout_drop 1@3\nsecond 2@7\n");
    ck_assert_uint_eq(rt_host_live_count(), 0);
}
END_TEST

START_TEST(exec_deadlock_panics) {
    static const Op m[] = {{OP_SPAWN_SHARED, 1 * 4 + 0, NULL}, {OP_SPAWN_SHARED, 2 * 4 + 1, NULL}, PRINT("main "),
                           {OP_JOIN_SHARED, 0, NULL}, END};
    static const Op a[] = {SLEEP(3), {OP_JOIN_SHARED, 1, NULL}, END};
    static const Op b[] = {{OP_JOIN_SHARED, 0, NULL}, END};
    rtt_expect_panic(rtt_panic_text(30, 1, "deadlock"), "main 0@0\n");
    memset(scripts, 0, sizeof scripts);
    scripts[0] = m;
    scripts[1] = a;
    scripts[2] = b;
    rt_host_run(run_script_main);
    ck_abort_msg("did not panic");
}
END_TEST

START_TEST(exec_panic_in_task_ends_program) {
    static const Op m[] = {SPAWN(1, 0), JOIN(0), PRINT("unreached "), END};
    static const Op a[] = {PRINT("a"), SLEEP(2), {OP_PANIC, 0, "task failed"}, END};
    rtt_expect_panic(rtt_panic_text(9, 13, "task failed"), "a1@0\n");
    memset(scripts, 0, sizeof scripts);
    scripts[0] = m;
    scripts[1] = a;
    rt_host_run(run_script_main);
    ck_abort_msg("did not panic");
}
END_TEST

START_TEST(exec_block_on_inside_task_panics) {
    static const Op m[] = {{OP_BLOCK_ON, 0, NULL}, END};
    rtt_expect_panic(rtt_panic_text(3, 5, "cannot call `block_on` from inside a task"), NULL);
    memset(scripts, 0, sizeof scripts);
    scripts[0] = m;
    rt_host_run(run_script_main);
    ck_abort_msg("did not panic");
}
END_TEST

/* A boxed future spawned as a task (`spawn(x.m().box)`), and one dropped
 * unawaited, which drops what it holds. */
static RtSite spawn_site = {7, 11, "w.work(1).box", 0, 0};

static void spawn_boxed(void) {
    Slow *s = rt_alloc(RT_ALLOC_BOX, sizeof(Slow), _Alignof(Slow), NULL);
    *s = (Slow){4, 0};
    RtBoxFuture b = rt_boxfut_new(&slow_work_vt, &spawn_site);
    slow_work_init(b.ptr, s, 3);
    RtJoinHandle h = rt_spawn(&b, &rt_boxfut_vtable, sizeof(rt_u64), _Alignof(rt_u64), NULL);
    RtBoxFuture unused = rt_boxfut_new(&slow_work_vt, &spawn_site);
    slow_work_init(unused.ptr, s, 9);
    rt_boxfut_drop(&unused);
    rt_u64 v = 0;
    rt_join_drop(&h);   /* detached: it still runs when the executor does */
    RtJoinHandle h2 = rt_spawn(&(RtYield){0}, &rt_yield_vtable, 0, 1, NULL);
    RtSleep sl = rt_sleep(6);
    rt_block_on(&sl, &rt_sleep_vtable, NULL, RT_LOC(1, 1));
    (void)v;
    rt_join_drop(&h2);
    char buf[64];
    int n = snprintf(buf, sizeof buf, "done=%llu at %llu\n", (unsigned long long)s->done, (unsigned long long)rt_now());
    rt_print_str(RT_STDOUT, (RtStr){(const rt_u8 *)buf, (rt_usize)n});
    rt_free(s);
}

START_TEST(exec_boxed_future_as_task) {
    rtt_init();
    rt_host_run(spawn_boxed);
    ck_assert_output(RT_STDOUT, "done=1 at 6\n");
    ck_assert_uint_eq(rt_host_site(0)->allocs, 2);
    ck_assert_uint_eq(rt_host_live_count(), 0);
}
END_TEST

/* A task awaiting rt_pending never progresses: with main joined on it
 * and no timer left, the program panics with `deadlock`; the sleep before
 * it still runs its course first. */
typedef struct PendingMain {
    rt_u32 state;
    RtSleep sl;
    RtJoinHandle h;
} PendingMain;

static rt_i32 pending_main_poll(void *p, RtContext *cx, void *out) {
    PendingMain *m = p;
    (void)out;
    switch (m->state) {
    case 0: {
        RtPending pd = rt_pending();
        m->h = rt_spawn(&pd, &rt_pending_vtable, 0, 1, NULL);
        m->sl = rt_sleep(4);
        m->state = 1;
    }
        /* fall through */
    case 1:
        if (rt_sleep_poll(&m->sl, cx, NULL) == RT_PENDING) return RT_PENDING;
        rt_print_str(RT_STDOUT, RT_STR("slept\n"));
        m->state = 2;
        /* fall through */
    case 2:
        if (rt_join_poll(&m->h, cx, NULL) == RT_PENDING) return RT_PENDING;
        m->state = 3;
        return RT_READY;
    default: return RT_READY;
    }
}

static void pending_main_drop(void *p) {
    PendingMain *m = p;
    if (m->state >= 1 && m->state <= 2) rt_join_drop(&m->h);
}

static const RtFutVtable pending_main_vt = {pending_main_poll, pending_main_drop, sizeof(PendingMain),
                                            _Alignof(PendingMain)};

static void run_pending_main(void) {
    PendingMain m = {0};
    rt_block_on(&m, &pending_main_vt, NULL, RT_LOC(12, 1));
}

START_TEST(exec_pending_forever_deadlocks) {
    rtt_expect_panic(rtt_panic_text(12, 1, "deadlock"), "slept\n");
    rt_host_run(run_pending_main);
    ck_abort_msg("did not panic");
}
END_TEST

/* abi=vtable-size through an RtBoxedSlot: the call site allocates the
 * slot's fut_size/fut_align (one boxed-future allocation at its site) and
 * runs the type-erased init; abi=callee: construct allocates itself. */
static RtBoxFuture slow_work_construct(void *self, rt_u32 round, RtSite *site) {
    RtBoxFuture b = rt_boxfut_new(&slow_work_vt, site);
    slow_work_init(b.ptr, self, round);
    return b;
}

static RtSite slot_site = {21, 5, "w.work(2).box", 0, 0};

static void boxed_slots(void) {
    Slow *s = rt_alloc(RT_ALLOC_BOX, sizeof(Slow), _Alignof(Slow), NULL);
    *s = (Slow){3, 0};
    const RtBoxedSlot slot = {sizeof(SlowWork), _Alignof(SlowWork), (RtAnyFn)slow_work_init, &slow_work_vt};
    const RtCalleeSlot callee = {(RtAnyFn)slow_work_construct};
    RtBoxFuture a = rt_boxfut_new_sized(slot.fut_size, slot.fut_align, slot.fut_vtable, &slot_site);
    ((void (*)(void *, void *, rt_u32))slot.init)(a.ptr, s, 2);
    RtBoxFuture b = ((RtBoxFuture(*)(void *, rt_u32, RtSite *))callee.construct)(s, 5, &slot_site);
    rt_u64 va = 0, vb = 0;
    rt_block_on(&a, &rt_boxfut_vtable, &va, RT_LOC(1, 1));
    rt_block_on(&b, &rt_boxfut_vtable, &vb, RT_LOC(1, 1));
    char buf[64];
    int n = snprintf(buf, sizeof buf, "%llu %llu at %llu\n", (unsigned long long)va, (unsigned long long)vb,
                     (unsigned long long)rt_now());
    rt_print_str(RT_STDOUT, (RtStr){(const rt_u8 *)buf, (rt_usize)n});
    rt_free(s);
}

START_TEST(exec_boxed_slot_both_abis) {
    rtt_init();
    rt_host_run(boxed_slots);
    ck_assert_output(RT_STDOUT, "6 15 at 6\n");
    ck_assert_uint_eq(rt_host_site(0)->allocs, 2);
    ck_assert_uint_eq(rt_host_live_count(), 0);
}
END_TEST

Suite *rtt_suite_exec(void) {
    Suite *s = suite_create("exec");
    TCase *tc = tcase_create("exec");
    tcase_add_test(tc, exec_tasks_example);
    tcase_add_test(tc, exec_tasks_example_is_deterministic);
    tcase_add_test(tc, exec_equal_timers_in_creation_order);
    tcase_add_test(tc, exec_spawn_during_pass_runs_same_pass);
    tcase_add_test(tc, exec_yield_alternates_by_pass);
    tcase_add_test(tc, exec_join_same_pass_when_completed_earlier);
    tcase_add_test(tc, exec_join_next_pass_when_completed_later);
    tcase_add_test(tc, exec_join_finished_task);
    tcase_add_test(tc, exec_futures_are_lazy);
    tcase_add_test(tc, exec_pending_tasks_dropped_at_exit_in_order);
    tcase_add_test(tc, exec_unawaited_output_dropped_with_handle);
    tcase_add_test(tc, exec_block_on_twice);
    tcase_add_exit_test(tc, exec_deadlock_panics, 101);
    tcase_add_exit_test(tc, exec_panic_in_task_ends_program, 101);
    tcase_add_exit_test(tc, exec_block_on_inside_task_panics, 101);
    tcase_add_test(tc, exec_boxed_future_as_task);
    tcase_add_exit_test(tc, exec_pending_forever_deadlocks, 101);
    tcase_add_test(tc, exec_boxed_slot_both_abis);
    suite_add_tcase(s, tc);
    return s;
}
