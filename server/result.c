/* result.c — turns a finished job into its response (docs/daemon.md).
 *
 * Everything from the worker (report, shared page) is untrusted: lengths are
 * bounded, JSON is re-parsed, timestamps are checked for order. Verdicts come
 * from sbx_decide over what the daemon itself observed.
 */
#include "result.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

typedef struct Report {
    bool valid;
    SbxReportHdr h;
    const char *diag, *c, *msg, *explain;
} Report;

static Report parse_report(const JobEnd *e)
{
    Report r;
    memset(&r, 0, sizeof r);
    if (e->report_len < sizeof r.h)
        return r;
    memcpy(&r.h, e->report, sizeof r.h);
    uint64_t need = (uint64_t)r.h.diag_len + r.h.c_len + r.h.msg_len + r.h.explain_len;
    if (r.h.magic != SBX_REPORT_MAGIC || need != e->report_len - sizeof r.h)
        return r;
    r.diag = e->report + sizeof r.h;
    r.c = r.diag + r.h.diag_len;
    r.msg = r.c + r.h.c_len;
    r.explain = r.msg + r.h.msg_len;
    r.valid = true;
    return r;
}

static json_t *num(int64_t v)
{
    return json_integer((json_int_t)v);
}

/* rustc-shaped diagnostics: the front end's JSON lines as they are, or for
 * raw C libtcc's message lines wrapped in the same shape (no spans). */
static json_t *diagnostics(const Report *r, bool raw_c)
{
    json_t *arr = json_array();
    if (!arr)
        return NULL;
    const char *p = raw_c ? r->msg : r->diag;
    size_t n = raw_c ? r->h.msg_len : r->h.diag_len;
    size_t i = 0;
    while (i < n) {
        const char *nl = memchr(p + i, '\n', n - i);
        size_t len = nl ? (size_t)(nl - (p + i)) : n - i;
        if (len == 0) {
            i++;
            continue;
        }
        json_t *d = NULL;
        if (!raw_c) {
            d = json_loadb(p + i, len, JSON_REJECT_DUPLICATES, NULL);
            if (d && !json_is_object(d)) {
                json_decref(d);
                d = NULL;
            }
        } else {
            json_t *text = proto_lossy_string(p + i, len);
            const char *level = memmem(p + i, len, "warning:", 8) ? "warning" : "error";
            char *rendered = malloc(len + 2);
            if (text && rendered) {
                memcpy(rendered, p + i, len);
                rendered[len] = '\n';
                d = json_pack("{sOsnsssos[]so}", "message", text, "code", "level", level,
                              "spans", json_array(), "children", "rendered",
                              proto_lossy_string(rendered, len + 1));
            }
            free(rendered);
            json_decref(text);
        }
        if (d)
            json_array_append_new(arr, d);
        i += len + 1;
    }
    return arr;
}

/* The dyn report as the compiler wrote it (docs/explain.md), re-parsed:
 * null when not asked for, or when the worker's text is not a JSON object. */
static json_t *explain_obj(const Report *r)
{
    if (!r->h.explain_len)
        return json_null();
    json_t *e = json_loadb(r->explain, r->h.explain_len, JSON_REJECT_DUPLICATES, NULL);
    if (!e || !(json_is_object(e) || json_is_array(e))) {
        json_decref(e);
        return json_null();
    }
    return e;
}

static json_t *compile_obj(const Report *r, bool raw_c)
{
    static const char *const phases[SBX_PHASES] = {"lex", "parse", "dyn", "check", "lower"};
    json_t *t = json_object();
    if (r->h.frontend_us >= 0)
        json_object_set_new(t, "frontend", num(r->h.frontend_us));
    if (r->h.lower_us >= 0)
        json_object_set_new(t, "lower", num(r->h.lower_us));
    if (r->h.tcc_us >= 0)
        json_object_set_new(t, "tcc", num(r->h.tcc_us));
    if (r->h.relocate_us >= 0)
        json_object_set_new(t, "relocate", num(r->h.relocate_us));
    json_t *ph = json_object();
    for (int i = 0; i < SBX_PHASES; i++)
        if (r->h.phase_us[i] >= 0)
            json_object_set_new(ph, phases[i], num(r->h.phase_us[i]));
    json_object_set_new(t, "phases", ph);
    bool success = r->h.errors == 0 &&
                   (r->h.status == SBX_REPORT_READY || r->h.status == SBX_REPORT_DONE);
    return json_pack("{sbsosososo}", "success", success, "diagnostics", diagnostics(r, raw_c),
                     "c", r->h.has_c ? proto_lossy_string(r->c, r->h.c_len) : json_null(),
                     "explain", explain_obj(r), "timings_us", t);
}

/* Output events from the runtime: lengths and virtual times from the shared
 * page, text cut from the bytes the daemon read itself. */
static json_t *events(const Job *j, const SbxShared *sh)
{
    json_t *arr = json_array();
    if (!arr || !sh || sh->has_runtime != 1)
        return arr;
    uint32_t n = sh->nevents < SBX_MAX_EVENTS ? sh->nevents : SBX_MAX_EVENTS;
    size_t pos[3] = {0, 0, 0};
    for (uint32_t i = 0; i < n; i++) {
        SbxEvent ev = sh->events[i];
        if (ev.stream != 1 && ev.stream != 2)
            continue;
        const Buf *b = ev.stream == 1 ? &j->out : &j->err;
        size_t at = pos[ev.stream];
        if (at >= b->len)
            continue;
        size_t len = ev.len < b->len - at ? ev.len : b->len - at;
        pos[ev.stream] += len;
        json_array_append_new(arr, json_pack("{sssIso}", "stream", ev.stream == 1 ? "stdout" : "stderr",
                                             "time_ms", (json_int_t)ev.time_ms, "text",
                                             proto_lossy_string(b->p + at, len)));
    }
    return arr;
}

static json_t *ledger(const SbxShared *sh)
{
    if (!sh || sh->has_runtime != 1 || sh->ledger_len == 0 || sh->ledger_len > SBX_LEDGER_MAX)
        return json_null();
    json_t *l = json_loadb(sh->ledger, sh->ledger_len, JSON_REJECT_DUPLICATES, NULL);
    if (!l || !json_is_object(l)) {
        json_decref(l);
        return json_null();
    }
    return l;
}

static uint64_t cpu_us(const struct rusage *ru)
{
    return (uint64_t)(ru->ru_utime.tv_sec + ru->ru_stime.tv_sec) * 1000000u +
           (uint64_t)(ru->ru_utime.tv_usec + ru->ru_stime.tv_usec);
}

static const char *message(const SbxDecision *dc, const Job *j, const JobEnd *e)
{
    static char buf[160];
    switch (dc->verdict) {
    case SBX_V_TIMEOUT:
        snprintf(buf, sizeof buf, "%s time limit of %llu ms exceeded", dc->timeout,
                 (unsigned long long)(strcmp(dc->timeout, "cpu") == 0 ? j->lim.cpu_ms : j->lim.wall_ms));
        return buf;
    case SBX_V_MEMORY:
        snprintf(buf, sizeof buf, "memory limit of %llu bytes exhausted",
                 (unsigned long long)j->lim.mem_bytes);
        return buf;
    case SBX_V_OUTPUT_LIMIT:
        snprintf(buf, sizeof buf, "output limit of %llu bytes exceeded",
                 (unsigned long long)j->lim.output_bytes);
        return buf;
    case SBX_V_SYSCALL:
        return "the program made a system call the sandbox forbids";
    case SBX_V_CRASHED:
        if (dc->stack_overflow)
            return "stack overflow";
        snprintf(buf, sizeof buf, "killed by %s", sbx_signal_name(WTERMSIG(e->status)));
        return buf;
    case SBX_V_PANIC:
        return "the program panicked";
    case SBX_V_OK:
        if (WEXITSTATUS(e->status) != 0) {
            snprintf(buf, sizeof buf, "exited with status %d", WEXITSTATUS(e->status));
            return buf;
        }
        return NULL;
    default:
        return "the sandbox failed";
    }
}

static json_t *run_obj(const Job *j, const JobEnd *e, SbxDecision *out)
{
    const SbxShared *sh = e->shared;
    SbxObserved o;
    memset(&o, 0, sizeof o);
    o.exited = WIFEXITED(e->status);
    o.exit_code = o.exited ? WEXITSTATUS(e->status) : 0;
    o.signal = WIFSIGNALED(e->status) ? WTERMSIG(e->status) : 0;
    o.killed_wall = j->killed_wall;
    o.killed_output = j->killed_output;
    o.output_over = j->output_over;
    uint64_t total = cpu_us(&e->ru);
    o.cpu_us = total > j->cpu_base_us ? total - j->cpu_base_us : 0;
    o.cpu_limit_us = j->lim.cpu_ms * 1000u;
    o.stack_mark = sh && sh->stack_overflow == 1;
    SbxDecision dc = sbx_decide(&o);
    /* exit 120 before the filter went on is the worker failing, not the program */
    if (o.exited && o.exit_code == SBX_EXIT_SETUP && (!sh || sh->t_filter_end == 0) &&
        dc.verdict == SBX_V_OK)
        dc.verdict = SBX_V_INTERNAL;
    if (j->internal)
        dc.verdict = SBX_V_INTERNAL;
    *out = dc;
    const char *msg = message(&dc, j, e);
    uint64_t wall = j->t_exited > j->t_dispatched ? j->t_exited - j->t_dispatched : 0;
    json_t *vms = sh && sh->has_runtime == 1 ? json_integer((json_int_t)sh->virtual_ms) : json_null();
    return json_pack("{sssosososbsosososbsbsosIsIsoso}",
                     "verdict", sbx_verdict_name(dc.verdict),
                     "timeout", dc.timeout ? json_string(dc.timeout) : json_null(),
                     "exit_code", o.exited ? json_integer(o.exit_code) : json_null(),
                     "signal", o.signal ? json_string(sbx_signal_name(o.signal)) : json_null(),
                     "stack_overflow", dc.stack_overflow,
                     "message", msg ? json_string(msg) : json_null(),
                     "stdout", proto_lossy_string(j->out.p ? j->out.p : "", j->out.len),
                     "stderr", proto_lossy_string(j->err.p ? j->err.p : "", j->err.len),
                     "stdout_truncated", j->stdout_trunc,
                     "stderr_truncated", j->stderr_trunc,
                     "events", events(j, sh),
                     "cpu_ms", (json_int_t)(o.cpu_us / 1000),
                     "wall_ms", (json_int_t)(wall / 1000000),
                     "virtual_ms", vms,
                     "ledger", ledger(sh));
}

/* Stage durations in µs from the daemon's stamps and the worker's. The
 * worker's are only used when they fall in order between dispatch and exit. */
static json_t *stages(const Job *j, const SbxShared *sh, uint64_t t_done)
{
    json_t *s = json_object();
    uint64_t lo = j->t_dispatched, hi = j->t_exited;
    json_object_set_new(s, "queue", num((int64_t)((j->t_dispatched - j->t_received) / 1000)));
    uint64_t pts[7] = {lo, 0, 0, 0, 0, 0, hi};
    if (sh) {
        pts[1] = sh->t_recv;
        pts[2] = sh->t_compile_start;
        pts[3] = sh->t_compile_end;
        pts[4] = sh->t_relocate_end;
        pts[5] = sh->t_filter_start;
    }
    uint64_t filter_end = sh ? sh->t_filter_end : 0;
    bool ordered = true;
    for (int i = 1; i < 6 && ordered; i++)
        ordered = pts[i] == 0 || (pts[i] >= lo && pts[i] <= hi);
    if (ordered && pts[1])
        json_object_set_new(s, "handoff", num((int64_t)((pts[1] - lo) / 1000)));
    if (ordered && pts[2] && pts[3] >= pts[2])
        json_object_set_new(s, "compile", num((int64_t)((pts[3] - pts[2]) / 1000)));
    if (ordered && pts[3] && pts[4] >= pts[3])
        json_object_set_new(s, "relocate", num((int64_t)((pts[4] - pts[3]) / 1000)));
    if (ordered && pts[5] && filter_end >= pts[5] && filter_end <= hi) {
        json_object_set_new(s, "filter", num((int64_t)((filter_end - pts[5]) / 1000)));
        json_object_set_new(s, "run", num((int64_t)((hi - filter_end) / 1000)));
    }
    json_object_set_new(s, "total", num((int64_t)((t_done - j->t_received) / 1000)));
    return s;
}

static const char *death(const JobEnd *e, const Job *j)
{
    static char buf[160];
    if (j->killed_wall)
        return "the compile did not finish within the wall-time limit";
    if (WIFSIGNALED(e->status) && WTERMSIG(e->status) == SIGXCPU)
        return "the compile did not finish within the cpu-time limit";
    if (WIFSIGNALED(e->status))
        snprintf(buf, sizeof buf, "the sandbox worker died while compiling (%s)",
                 sbx_signal_name(WTERMSIG(e->status)));
    else
        snprintf(buf, sizeof buf, "the sandbox worker exited while compiling (status %d)",
                 WEXITSTATUS(e->status));
    return buf;
}

int result_frame(const Job *j, const JobEnd *e, char **frame, size_t *len)
{
    int rc = -1;
    bool raw_c = j->op == PROTO_RAW_C;
    Report r = parse_report(e);
    json_t *o = json_object();
    if (!o)
        return -1;
    json_object_set(o, "id", j->id ? j->id : json_null());
    const char *status = "ok", *error = NULL;
    json_t *compile = json_null(), *run = json_null();
    if (j->internal) {
        status = "internal_error";
        error = j->internal;
    } else if (!r.valid) {
        status = "internal_error";
        error = death(e, j);
    } else {
        json_decref(compile);
        compile = compile_obj(&r, raw_c);
        switch (r.h.status) {
        case SBX_REPORT_READY: {
            SbxDecision dc;
            json_decref(run);
            run = run_obj(j, e, &dc);
            if (dc.verdict == SBX_V_INTERNAL) {
                status = "internal_error";
                error = "the sandbox worker failed before the program started";
            }
            break;
        }
        case SBX_REPORT_DONE:
        case SBX_REPORT_FAILED:
            break;
        default:
            status = "internal_error";
            error = "the compiler failed";
            if (r.h.msg_len) {
                json_t *m = proto_lossy_string(r.msg, r.h.msg_len);
                if (m) {
                    json_object_set_new(o, "error", m);
                    error = NULL;
                }
            }
        }
    }
    json_object_set_new(o, "status", json_string(status));
    if (error)
        json_object_set_new(o, "error", json_string(error));
    json_object_set_new(o, "compile", compile);
    json_object_set_new(o, "run", run);
    json_object_set_new(o, "stages_us", stages(j, e->shared, j->t_exited));
    rc = proto_encode(o, frame, len);
    json_decref(o);
    return rc;
}
