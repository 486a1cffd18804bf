/* panic.c — panics with Rust's exact messages, and the end of the process.
 * A panic formats its message, writes the "thread 'main' panicked at" block
 * to stderr, flushes all output and exits with 101; nothing unwinds, since
 * the run is over either way. */
#include "rt_internal.h"

#include <stdlib.h>
#include <unistd.h>

/* Where rustc 1.95's standard library panics for the operations that are
 * not #[track_caller] (it reports these paths, not the caller's). */
#define RUSTC_SRC "/rustc/59807616e1fa2540724bfbac14d7976d7e4a3860/library/"
const char rti_std_num_mod[] = RUSTC_SRC "core/src/num/mod.rs";
const char rti_std_raw_vec[] = RUSTC_SRC "alloc/src/raw_vec/mod.rs";
const char rti_std_vec_mod[] = RUSTC_SRC "alloc/src/vec/mod.rs";

static rt_bool panicking;

void rti_panic_reset(void) {
    panicking = 0;
}

RT_NORETURN void rti_exit(int status) {
    rti_output_close_all();
    rti_output_flush();
    if (rti_host.cfg.on_exit) rti_host.cfg.on_exit(status, rti_host.cfg.on_exit_ctx);
    _exit(status);
}

RT_NORETURN void rti_internal_error(const char *what) {
    static const char head[] = "dynbox runtime: internal error: ";
    rti_output_close_all();
    rti_output_flush();
    if (write(2, head, sizeof head - 1) < 0 || write(2, what, strlen(what)) < 0 || write(2, "\n", 1) < 0) {
        /* nothing left to report to */
    }
    abort();
}

/* The message is formatted into a private buffer first, as Rust's panic
 * hook does: anything the formatting itself prints comes before the
 * "thread 'main' panicked" line. */
typedef struct MsgBuf {
    RtWriter w;
    rt_u8 *p;
    rt_usize len, cap;
} MsgBuf;

static rt_i32 msgbuf_write(RtWriter *self, const rt_u8 *p, rt_usize n) {
    MsgBuf *b = (MsgBuf *)self;
    if (b->len + n > b->cap) {
        rt_usize cap = b->cap ? b->cap : 256;
        while (cap < b->len + n) cap *= 2;
        rt_u8 *grown = realloc(b->p, cap);
        if (!grown) return RT_FMT_ERR;
        b->p = grown;
        b->cap = cap;
    }
    if (n) memcpy(b->p + b->len, p, n);
    b->len += n;
    return RT_FMT_OK;
}

typedef rt_i32 (*MsgFn)(RtFormatter *f, const void *ctx);

static void write_u32(rt_u32 v) {
    char d[12];
    int n = 0;
    do {
        d[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    char s[12];
    for (int i = 0; i < n; i++) s[i] = d[n - 1 - i];
    rti_output_write((const rt_u8 *)s, (rt_usize)n);
}

static void write_cstr(const char *s) {
    rti_output_write((const rt_u8 *)s, strlen(s));
}

RT_NORETURN static void panic_with(const char *file, rt_u32 line, rt_u32 col, MsgFn msg, const void *ctx) {
    if (panicking) {
        /* A panic while formatting a panic message: Rust aborts too. */
        rti_output_close_all();
        rti_output_begin(RT_STDERR);
        write_cstr("thread panicked while processing panic. aborting.\n");
        rti_output_end();
        rti_output_flush();
        abort();
    }
    panicking = 1;
    MsgBuf buf = {{msgbuf_write}, RT_NULL, 0, 0};
    RtFormatter f = {&buf.w, RT_SPEC_DEFAULT};
    msg(&f, ctx);
    rti_output_close_all();
    rti_output_begin(RT_STDERR);
    /* rustc 1.95 prints "\nthread 'main' (TID) panicked at"; DESIGN.md fixes
     * this deterministic form without the thread id and the blank line. */
    write_cstr("thread 'main' panicked at ");
    write_cstr(file);
    write_cstr(":");
    write_u32(line);
    write_cstr(":");
    write_u32(col);
    write_cstr(":\n");
    rti_output_write(buf.p, buf.len);
    write_cstr("\nnote: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n");
    rti_output_end();
    free(buf.p);
    rti_exit(101);
}

static const char *main_file(void) {
    return rti_host.file_name ? rti_host.file_name : "main.rs";
}

/* ---- message writers ---- */

static rt_i32 msg_str(RtFormatter *f, const void *ctx) {
    return rt_formatter_write_str(f, *(const RtStr *)ctx);
}

static rt_i32 msg_args(RtFormatter *f, const void *ctx) {
    return rt_write_fmt(f->out, (const RtArguments *)ctx);
}

/* "prefix" or "prefix: args" */
typedef struct PrefixArgs {
    RtStr prefix;
    const RtArguments *args;
} PrefixArgs;

static rt_i32 msg_prefix_args(RtFormatter *f, const void *ctx) {
    const PrefixArgs *p = ctx;
    if (rt_formatter_write_str(f, p->prefix)) return RT_FMT_ERR;
    if (!p->args) return RT_FMT_OK;
    if (rt_formatter_write_str(f, RT_STR(": "))) return RT_FMT_ERR;
    return rt_write_fmt(f->out, p->args);
}

/* "text{value:?}" */
typedef struct TextDebug {
    RtStr text;
    const void *value;
    RtFmtFn debug;
} TextDebug;

static rt_i32 msg_text_debug(RtFormatter *f, const void *ctx) {
    const TextDebug *t = ctx;
    if (rt_formatter_write_str(f, t->text)) return RT_FMT_ERR;
    f->spec = RT_SPEC_DEFAULT;
    return t->debug(t->value, f);
}

/* ---- the API ---- */

RT_NORETURN void rti_panic_std(const char *file, rt_u32 line, rt_u32 col, RtStr msg) {
    panic_with(file, line, col, msg_str, &msg);
}

RT_NORETURN void rti_capacity_overflow(void) {
    rti_panic_std(rti_std_raw_vec, 28, 5, RT_STR("capacity overflow"));
}

void rt_panic_str(RtLoc loc, RtStr msg) {
    panic_with(main_file(), loc.line, loc.col, msg_str, &msg);
}

void rt_panic_cstr(RtLoc loc, const char *msg) {
    RtStr s = {(const rt_u8 *)msg, strlen(msg)};
    rt_panic_str(loc, s);
}

void rt_panic_fmt(RtLoc loc, const RtArguments *msg) {
    panic_with(main_file(), loc.line, loc.col, msg_args, msg);
}

void rt_panic_explicit(RtLoc loc) {
    rt_panic_str(loc, RT_STR("explicit panic"));
}

static RT_NORETURN void panic_prefixed(RtLoc loc, RtStr prefix, const RtArguments *msg) {
    PrefixArgs p = {prefix, msg};
    panic_with(main_file(), loc.line, loc.col, msg_prefix_args, &p);
}

void rt_panic_todo(RtLoc loc, const RtArguments *msg) {
    panic_prefixed(loc, RT_STR("not yet implemented"), msg);
}

void rt_panic_unimplemented(RtLoc loc, const RtArguments *msg) {
    panic_prefixed(loc, RT_STR("not implemented"), msg);
}

void rt_panic_unreachable(RtLoc loc, const RtArguments *msg) {
    panic_prefixed(loc, RT_STR("internal error: entered unreachable code"), msg);
}

void rt_panic_bounds(RtLoc loc, rt_usize index, rt_usize len) {
    RtStr pieces[] = {RT_STR("index out of bounds: the len is "), RT_STR(" but the index is ")};
    RtArg args[] = {{&len, rt_fmt_display_usize, RT_SPEC_DEFAULT},
                    {&index, rt_fmt_display_usize, RT_SPEC_DEFAULT}};
    RtArguments a = {pieces, 2, args, 2};
    rt_panic_fmt(loc, &a);
}

void rt_panic_overflow(RtLoc loc, rt_u32 op) {
    static const char *const msgs[] = {
        "attempt to add with overflow",         "attempt to subtract with overflow",
        "attempt to multiply with overflow",    "attempt to divide with overflow",
        "attempt to calculate the remainder with overflow",
        "attempt to negate with overflow",      "attempt to shift left with overflow",
        "attempt to shift right with overflow",
    };
    if (op > RT_OP_SHR) rti_internal_error("rt_panic_overflow: unknown operator");
    rt_panic_cstr(loc, msgs[op]);
}

void rt_panic_div_zero(RtLoc loc) {
    rt_panic_str(loc, RT_STR("attempt to divide by zero"));
}

void rt_panic_rem_zero(RtLoc loc) {
    rt_panic_str(loc, RT_STR("attempt to calculate the remainder with a divisor of zero"));
}

void rt_panic_unwrap_none(RtLoc loc) {
    rt_panic_str(loc, RT_STR("called `Option::unwrap()` on a `None` value"));
}

void rt_panic_expect(RtLoc loc, RtStr msg) {
    rt_panic_str(loc, msg);
}

static RT_NORETURN void panic_text_debug(RtLoc loc, RtStr text, const void *v, RtFmtFn debug) {
    TextDebug t = {text, v, debug};
    panic_with(main_file(), loc.line, loc.col, msg_text_debug, &t);
}

void rt_panic_unwrap_err(RtLoc loc, const void *err, RtFmtFn err_debug) {
    panic_text_debug(loc, RT_STR("called `Result::unwrap()` on an `Err` value: "), err, err_debug);
}

void rt_panic_unwrap_err_on_ok(RtLoc loc, const void *val, RtFmtFn val_debug) {
    panic_text_debug(loc, RT_STR("called `Result::unwrap_err()` on an `Ok` value: "), val, val_debug);
}

/* "{msg}: {value:?}" */
typedef struct MsgDebug {
    RtStr msg;
    const void *value;
    RtFmtFn debug;
} MsgDebug;

static rt_i32 msg_msg_debug(RtFormatter *f, const void *ctx) {
    const MsgDebug *m = ctx;
    if (rt_formatter_write_str(f, m->msg) || rt_formatter_write_str(f, RT_STR(": "))) return RT_FMT_ERR;
    return m->debug(m->value, f);
}

void rt_panic_expect_err(RtLoc loc, RtStr msg, const void *err, RtFmtFn err_debug) {
    MsgDebug m = {msg, err, err_debug};
    panic_with(main_file(), loc.line, loc.col, msg_msg_debug, &m);
}

void rt_panic_expect_err_on_ok(RtLoc loc, RtStr msg, const void *val, RtFmtFn val_debug) {
    rt_panic_expect_err(loc, msg, val, val_debug);
}

typedef struct AssertText {
    RtStr cond;
} AssertText;

static rt_i32 msg_assert(RtFormatter *f, const void *ctx) {
    const AssertText *a = ctx;
    if (rt_formatter_write_str(f, RT_STR("assertion failed: "))) return RT_FMT_ERR;
    return rt_formatter_write_str(f, a->cond);
}

void rt_assert_failed(RtLoc loc, RtStr cond) {
    AssertText a = {cond};
    panic_with(main_file(), loc.line, loc.col, msg_assert, &a);
}

typedef struct AssertCmp {
    rt_u32 kind;
    const void *left, *right;
    RtFmtFn left_debug, right_debug;
    const RtArguments *msg;
} AssertCmp;

/* core::panicking::assert_failed_inner:
 * "assertion `left == right` failed[: msg]\n  left: {l:?}\n right: {r:?}" */
static rt_i32 msg_assert_cmp(RtFormatter *f, const void *ctx) {
    const AssertCmp *a = ctx;
    RtStr head = a->kind == RT_ASSERT_NE ? RT_STR("assertion `left != right` failed")
                                         : RT_STR("assertion `left == right` failed");
    if (rt_formatter_write_str(f, head)) return RT_FMT_ERR;
    if (a->msg) {
        if (rt_formatter_write_str(f, RT_STR(": ")) || rt_write_fmt(f->out, a->msg)) return RT_FMT_ERR;
    }
    if (rt_formatter_write_str(f, RT_STR("\n  left: "))) return RT_FMT_ERR;
    f->spec = RT_SPEC_DEFAULT;
    if (a->left_debug(a->left, f)) return RT_FMT_ERR;
    if (rt_formatter_write_str(f, RT_STR("\n right: "))) return RT_FMT_ERR;
    f->spec = RT_SPEC_DEFAULT;
    return a->right_debug(a->right, f);
}

void rt_assert_cmp_failed(RtLoc loc, rt_u32 kind, const void *left, RtFmtFn left_debug,
                          const void *right, RtFmtFn right_debug, const RtArguments *msg) {
    AssertCmp a = {kind, left, right, left_debug, right_debug, msg};
    panic_with(main_file(), loc.line, loc.col, msg_assert_cmp, &a);
}
