/* exec.c — the deterministic executor of DESIGN.md section 6, the virtual
 * clock, the leaf futures (sleep, yield_now, JoinHandle), spawn, block_on
 * and boxed futures. One thread, no wakers: a task that returns pending has
 * recorded on its context what it waits for, and each pass asks every task
 * in creation order (main first) whether that has happened. */
#include "rt_internal.h"

#include <stdlib.h>

/* What a task waits for, set by the leaf future that returned pending. */
enum { WAIT_NEW, WAIT_TIMER, WAIT_JOIN, WAIT_YIELD, WAIT_NOTHING, WAIT_FOREVER };

struct RtContext {
    rt_u32 wait;
    rt_u64 deadline;        /* WAIT_TIMER: virtual ms */
    struct RtTask *join;    /* WAIT_JOIN: the awaited task */
    rt_u64 yield_pass;      /* WAIT_YIELD: the pass it yielded in */
};

enum { TASK_PENDING, TASK_DONE, TASK_DROPPED };

/* A spawned task: one ledger allocation (kind task) holding this header,
 * the future and the output slot. It is freed once it is out of the task
 * list and no JoinHandle refers to it. */
struct RtTask {
    RtContext cx;
    const RtFutVtable *vt;
    void *fut;
    void *out;
    rt_usize out_size;
    RtDropFn out_drop;
    rt_u8 state;
    rt_bool has_handle;
    rt_bool in_list;
    rt_bool output_live;    /* written by the future and not yet taken or dropped */
};
typedef struct RtTask Task;

static struct {
    Task **tasks;           /* creation order; the list owns one reference */
    rt_usize ntasks, cap;
    rt_u64 now;             /* the virtual clock, ms */
    rt_u64 pass;            /* passes made so far */
    RtContext *current;     /* the context being polled, if any */
} E;

rt_u64 rti_exec_now(void) {
    return E.now;
}

rt_u64 rt_now(void) {
    return E.now;
}

void rti_exec_reset(void) {
    free(E.tasks);
    memset(&E, 0, sizeof E);
}

static void free_task(Task *t) {
    rt_free(t);
}

/* The task has finished (its future is ready or dropped). */
static void release_output(Task *t) {
    if (t->output_live && t->out_drop) t->out_drop(t->out);
    t->output_live = 0;
}

/* ---- tasks ---- */

static rt_usize align_up(rt_usize n, rt_usize align) {
    return (n + align - 1) & ~(align - 1);
}

RtJoinHandle rt_spawn(const void *fut, const RtFutVtable *vt, rt_usize out_size, rt_usize out_align,
                      RtDropFn out_drop) {
    rt_usize fut_align = vt->align ? vt->align : 1;
    if (!out_align) out_align = 1;
    rt_usize fut_off = align_up(sizeof(Task), fut_align);
    rt_usize out_off = align_up(fut_off + vt->size, out_align);
    rt_usize align = _Alignof(Task);
    if (fut_align > align) align = fut_align;
    if (out_align > align) align = out_align;
    Task *t = rt_alloc(RT_ALLOC_TASK, out_off + out_size, align, RT_NULL);
    memset(t, 0, sizeof *t);
    t->cx.wait = WAIT_NEW;
    t->vt = vt;
    t->fut = (rt_u8 *)t + fut_off;
    t->out = (rt_u8 *)t + out_off;
    t->out_size = out_size;
    t->out_drop = out_drop;
    t->state = TASK_PENDING;
    t->has_handle = 1;
    t->in_list = 1;
    if (vt->size) memcpy(t->fut, fut, vt->size);
    if (E.ntasks == E.cap) {
        rt_usize cap = E.cap ? E.cap * 2 : 16;
        Task **grown = realloc(E.tasks, cap * sizeof *grown);
        if (!grown) rti_internal_error("out of memory for the task list");
        E.tasks = grown;
        E.cap = cap;
    }
    E.tasks[E.ntasks++] = t;
    RtJoinHandle h = {t};
    return h;
}

/* Removes finished tasks from the list, between passes only. */
static void compact(void) {
    rt_usize k = 0;
    for (rt_usize i = 0; i < E.ntasks; i++) {
        Task *t = E.tasks[i];
        if (t->state == TASK_PENDING) {
            E.tasks[k++] = t;
            continue;
        }
        t->in_list = 0;
        if (!t->has_handle) free_task(t);
    }
    E.ntasks = k;
}

static rt_bool can_progress(const RtContext *cx) {
    switch (cx->wait) {
    case WAIT_NEW: return 1;
    case WAIT_TIMER: return E.now >= cx->deadline;
    case WAIT_JOIN: return cx->join->state != TASK_PENDING;
    case WAIT_YIELD: return E.pass > cx->yield_pass;
    default: return 0;
    }
}

/* Polls one future as the current task; returns RT_READY or RT_PENDING. */
static rt_i32 poll_in(RtContext *cx, const RtFutVtable *vt, void *fut, void *out) {
    RtContext *outer = E.current;
    E.current = cx;
    cx->wait = WAIT_NOTHING;
    rt_i32 r = vt->poll(fut, cx, out);
    E.current = outer;
    if (r == RT_PENDING && cx->wait == WAIT_NOTHING)
        rti_internal_error("a future returned pending without waiting on sleep, yield_now or a JoinHandle");
    return r;
}

static void poll_task(Task *t) {
    if (poll_in(&t->cx, t->vt, t->fut, t->out) != RT_READY) return;
    t->output_live = 1;
    t->state = TASK_DONE;
    t->vt->drop(t->fut);   /* a completed future is dropped, as in Rust */
    if (!t->has_handle) release_output(t);
}

void rt_block_on(void *fut, const RtFutVtable *vt, void *out, RtLoc loc) {
    if (E.current) rt_panic_cstr(loc, "cannot call `block_on` from inside a task");
    RtContext root = {WAIT_NEW, 0, RT_NULL, 0};
    for (;;) {
        compact();
        E.pass++;
        rt_bool progressed = 0;
        if (can_progress(&root)) {
            progressed = 1;
            if (poll_in(&root, vt, fut, out) == RT_READY) {
                vt->drop(fut);
                return;
            }
        }
        /* E.ntasks is read each time: tasks spawned in this pass are reached. */
        for (rt_usize i = 0; i < E.ntasks; i++) {
            Task *t = E.tasks[i];
            if (t->state != TASK_PENDING || !can_progress(&t->cx)) continue;
            progressed = 1;
            poll_task(t);
        }
        if (progressed) continue;
        /* Nothing can run: jump the clock to the earliest timer. */
        rt_bool any = 0;
        rt_u64 next = 0;
        if (root.wait == WAIT_TIMER) {
            any = 1;
            next = root.deadline;
        }
        for (rt_usize i = 0; i < E.ntasks; i++) {
            Task *t = E.tasks[i];
            if (t->state != TASK_PENDING || t->cx.wait != WAIT_TIMER) continue;
            if (!any || t->cx.deadline < next) next = t->cx.deadline;
            any = 1;
        }
        if (!any) rt_panic_cstr(loc, "deadlock");
        E.now = next;
    }
}

/* DESIGN.md: when main returns, the remaining tasks are dropped in
 * creation order. A drop may drop JoinHandles (detaching later tasks, which
 * are then dropped in their turn) or even spawn: the list is re-read. */
void rti_exec_shutdown(void) {
    for (rt_usize i = 0; i < E.ntasks; i++) {
        Task *t = E.tasks[i];
        if (t->state != TASK_PENDING) continue;
        t->state = TASK_DROPPED;
        t->vt->drop(t->fut);
    }
    compact();
}

/* ---- JoinHandle ---- */

rt_i32 rt_join_poll(void *handle, RtContext *cx, void *out) {
    RtJoinHandle *h = handle;
    Task *t = h->task;
    if (!t) rti_internal_error("JoinHandle polled after it completed");
    if (t->state == TASK_PENDING) {
        cx->wait = WAIT_JOIN;
        cx->join = t;
        return RT_PENDING;
    }
    if (!t->output_live) rti_internal_error("JoinHandle of a task that was dropped");
    if (t->out_size) memcpy(out, t->out, t->out_size);
    t->output_live = 0;
    t->has_handle = 0;
    h->task = RT_NULL;
    if (!t->in_list) free_task(t);
    return RT_READY;
}

/* Dropping an unawaited handle detaches the task: it keeps running, and its
 * output is dropped when it completes (or now, if it already has). */
void rt_join_drop(void *handle) {
    RtJoinHandle *h = handle;
    Task *t = h->task;
    if (!t) return;
    h->task = RT_NULL;
    t->has_handle = 0;
    if (t->state == TASK_DONE) release_output(t);
    if (!t->in_list) free_task(t);
}

const RtFutVtable rt_join_vtable = {rt_join_poll, rt_join_drop, sizeof(RtJoinHandle), _Alignof(RtJoinHandle)};

/* ---- sleep and yield_now ---- */

RtSleep rt_sleep(rt_u64 ms) {
    RtSleep s = {ms, 0, 0};
    return s;
}

/* Lazy: the deadline is set by the first poll, so time starts counting
 * then; a sleep whose deadline has come is ready without waiting. */
rt_i32 rt_sleep_poll(void *fut, RtContext *cx, void *out) {
    RtSleep *s = fut;
    (void)out;
    if (!s->started) {
        s->started = 1;
        s->deadline = E.now + s->ms < E.now ? ~(rt_u64)0 : E.now + s->ms;
    }
    if (E.now >= s->deadline) return RT_READY;
    cx->wait = WAIT_TIMER;
    cx->deadline = s->deadline;
    return RT_PENDING;
}

void rt_sleep_drop(void *fut) {
    (void)fut;
}

const RtFutVtable rt_sleep_vtable = {rt_sleep_poll, rt_sleep_drop, sizeof(RtSleep), _Alignof(RtSleep)};

RtYield rt_yield_now(void) {
    RtYield y = {0};
    return y;
}

rt_i32 rt_yield_poll(void *fut, RtContext *cx, void *out) {
    RtYield *y = fut;
    (void)out;
    if (y->yielded) return RT_READY;
    y->yielded = 1;
    cx->wait = WAIT_YIELD;
    cx->yield_pass = E.pass;
    return RT_PENDING;
}

void rt_yield_drop(void *fut) {
    (void)fut;
}

const RtFutVtable rt_yield_vtable = {rt_yield_poll, rt_yield_drop, sizeof(RtYield), _Alignof(RtYield)};

/* ---- pending ---- */

RtPending rt_pending(void) {
    RtPending p = {0};
    return p;
}

rt_i32 rt_pending_poll(void *fut, RtContext *cx, void *out) {
    (void)fut;
    (void)out;
    cx->wait = WAIT_FOREVER;
    return RT_PENDING;
}

void rt_pending_drop(void *fut) {
    (void)fut;
}

const RtFutVtable rt_pending_vtable = {rt_pending_poll, rt_pending_drop, sizeof(RtPending), _Alignof(RtPending)};

/* ---- Pin<Box<dyn Future>> ---- */

RtBoxFuture rt_boxfut_new(const RtFutVtable *vt, RtSite *site) {
    RtBoxFuture b;
    b.ptr = rt_alloc(RT_ALLOC_BOXED_FUTURE, vt->size, vt->align ? vt->align : 1, site);
    b.vt = vt;
    return b;
}

RtBoxFuture rt_boxfut_new_sized(rt_usize size, rt_usize align, const RtFutVtable *vt, RtSite *site) {
    RtBoxFuture b;
    b.ptr = rt_alloc(RT_ALLOC_BOXED_FUTURE, size, align ? align : 1, site);
    b.vt = vt;
    return b;
}

rt_i32 rt_boxfut_poll(void *boxfut, RtContext *cx, void *out) {
    RtBoxFuture *b = boxfut;
    return b->vt->poll(b->ptr, cx, out);
}

void rt_boxfut_drop(void *boxfut) {
    RtBoxFuture *b = boxfut;
    if (!b->ptr) return;
    b->vt->drop(b->ptr);
    rt_free(b->ptr);
    b->ptr = RT_NULL;
}

const RtFutVtable rt_boxfut_vtable = {rt_boxfut_poll, rt_boxfut_drop, sizeof(RtBoxFuture),
                                      _Alignof(RtBoxFuture)};
