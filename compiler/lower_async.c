/* lower_async.c — async fns and async blocks as state machines (DESIGN.md
 * section 5), the executor's prelude fns (sleep, yield_now, now, spawn,
 * block_on, pending), `.await`, and `.box` / dyn_box! on static calls and
 * (with lower_dyn.c's vtables) through `dyn`, under both ABIs.
 *
 * Each instance NAME of an `async fn` (lower_mono.c names it) becomes
 *   struct NAME_fut { rt_u32 state; <its parameters>; <every C local,
 *                     temporary and drop flag of its body> };
 *   NAME_poll(fut, cx, out), NAME_drop(fut), NAME_vt (an RtFutVtable
 *   {poll, drop, size, align}); an async block the same as dbAsync<K>,
 *   its captures (pointers, or values for `async move`) as fields c<i>.
 * The body is lowered by lower.c as any fn body, into a buffer of its own;
 * while that happens lower_line hands every declaration of a temporary
 * (`t<N>`), a local (`l<N>`) or their drop flags (`..._d`) to
 * lower_async_line, which turns it into an assignment and records a field
 * of that name. Afterwards every use of those names in the body is
 * rewritten to `dbS->name`, so all state lives in the future and a resumed
 * poll finds it where it left it. `.await` keeps the child future in such
 * a field (inline: a static call allocates nothing), sets the state to the
 * await's number and polls; the poll fn starts with a switch jumping back
 * to the await it left from. A future is never moved after its first poll:
 * the executor, a box or the parent future holds it in place. Dropping a
 * future mid-flight drops the child it is waiting on, then what the body
 * owns at that await in reverse order (lower_drop.c's flags); an unpolled
 * one drops its arguments.
 *
 * A future struct is complete only once its body is lowered, and a struct
 * holding it inline must come after it: the definitions are collected here
 * and emitted dependencies first by lower_async_finish (a future that would
 * contain itself is E0733, which the checker reports for direct recursion). */
#include "lower.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FUT_DONE "4294967295u"

typedef struct AsyncFut {
    struct AsyncFut *next;
    Def *fn;            /* the async fn (NULL for an async block) */
    Expr *block;        /* the async block */
    Type *out;          /* an async block: its Output (with the expr, its key) */
    int id;
    const char *ctype;  /* "struct dbFut<K>" */
    const char *name;   /* "dbFut<K>" */
    Buf fields;         /* hoisted fields (after state and the parameters) */
    Buf params;         /* parameter fields */
    Buf callee;         /* abi=callee: the definition of <name>_box */
    const char *callee_sig;
    struct AsyncFut **deps;  /* futures held inline */
    int ndeps, capdeps;
    bool lowered, emitted, visiting;
    bool vt_used, box_used, slot_made;  /* emitted only when referenced (no unused statics) */
    Span span;
} AsyncFut;

/* A set of small numbered names (t<N> or l<N>). */
typedef struct NameSet {
    bool *has;
    int cap;
} NameSet;

struct AsyncCtx {
    AsyncFut *fut;
    Buf *body;
    NameSet temps, locals;
    int nstates;
    Buf drop_cases;     /* the drop fn's `case k:` lines */
    Type *out;          /* the Output */
    ClosureInfo *ci;    /* an async block's captures: renamed to its fields */
};

/* ------------------------------------------------------------ utilities */

static void set_add(NameSet *s, int n) {
    if (n >= s->cap) {
        int cap = s->cap ? s->cap : 64;
        while (cap <= n) cap *= 2;
        bool *nh = calloc((size_t)cap, sizeof *nh);
        if (!nh) abort();
        if (s->has) memcpy(nh, s->has, (size_t)s->cap * sizeof *nh);
        free(s->has);
        s->has = nh;
        s->cap = cap;
    }
    s->has[n] = true;
}

static bool set_has(const NameSet *s, int n) {
    return n >= 0 && n < s->cap && s->has[n];
}

static bool is_ident_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* The key of the name s[0..len) when it is `<letter><digits>`, optionally
 * followed by `_<one lowercase letter>` (lower_drop.c's drop flag `_d` and
 * move mask `_m` of that name): 32n, or 32n + 1 + the letter's index; -1
 * for any other name. */
static int numbered(const char *s, size_t len, char letter) {
    if (len < 2 || s[0] != letter) return -1;
    int code = 0;
    if (len > 3 && s[len - 2] == '_' && s[len - 1] >= 'a' && s[len - 1] <= 'z') {
        code = 1 + (s[len - 1] - 'a');
        len -= 2;
    }
    int n = 0;
    for (size_t i = 1; i < len; i++) {
        if (s[i] < '0' || s[i] > '9' || n > 10000000) return -1;
        n = n * 10 + (s[i] - '0');
    }
    return 32 * n + code;
}

static bool in_async(Lower *L) {
    return L->async && L->cur == L->async->body;
}

bool lower_async_active(Lower *L) {
    return in_async(L);
}

/* ------------------------------------------------------ future registry */

/* The future of the instance (fn, args) of an async fn: a trait's method
 * is first resolved to its impl's (or its default body) for args[0]. */
static AsyncFut *fut_of(Lower *L, Def *fn, Type **args, int nargs, Span sp) {
    if (fn->parent && fn->parent->kind == DEF_TRAIT) {
        Res r0 = { 0 };
        r0.kind = RES_FN;
        r0.def = fn;
        r0.args = args;
        r0.nargs = nargs;
        r0.dispatch = DISPATCH_PARAM;
        Res *r = lower_resolve(L, &r0, sp);
        if (L->failed) return NULL;
        fn = r->def;
        args = r->args;
        nargs = r->nargs;
    }
    const char *name = lower_instance(L, fn, args, nargs);
    for (AsyncFut *f = L->async_futs; f; f = f->next)
        if (f->name == name) return f;
    AsyncFut *f = arena_alloc(L->t->a, sizeof *f);
    memset(f, 0, sizeof *f);
    f->fn = fn;
    f->id = L->nasync++;
    f->name = name;
    f->ctype = arena_printf(L->t->a, "struct %s_fut", name);
    f->span = fn->item ? fn->item->span : sp;
    f->next = L->async_futs;
    L->async_futs = f;
    return f;
}

static AsyncFut *fut_by_ctype(Lower *L, const char *ctype, size_t len) {
    for (AsyncFut *f = L->async_futs; f; f = f->next)
        if (strlen(f->ctype) == len && !strncmp(f->ctype, ctype, len)) return f;
    return NULL;
}

/* The future of async block e in the fn instance being lowered. */
static AsyncFut *block_fut(Lower *L, Expr *e, Type *out) {
    for (AsyncFut *f = L->async_futs; f; f = f->next)
        if (f->block == e && f->out == out) return f;
    AsyncFut *f = arena_alloc(L->t->a, sizeof *f);
    memset(f, 0, sizeof *f);
    f->block = e;
    f->out = out;
    f->id = L->nasync++;
    f->name = arena_printf(L->t->a, "dbAsync%d", f->id);
    f->ctype = arena_printf(L->t->a, "struct dbAsync%d_fut", f->id);
    f->span = e->span;
    f->next = L->async_futs;
    L->async_futs = f;
    return f;
}

static void add_dep(Lower *L, AsyncFut *f, AsyncFut *dep) {
    for (int i = 0; i < f->ndeps; i++)
        if (f->deps[i] == dep) return;
    if (f->ndeps == f->capdeps) {
        int cap = f->capdeps ? f->capdeps * 2 : 4;
        AsyncFut **nd = arena_alloc(L->t->a, sizeof *nd * (size_t)cap);
        copy_n(nd, f->deps, sizeof *nd * (size_t)f->ndeps);
        f->deps = nd;
        f->capdeps = cap;
    }
    f->deps[f->ndeps++] = dep;
}

/* Whether d is an async fn with a body (or a trait's async method, whose
 * impls have one): its future is lowered per instance. */
static bool lowerable_async_fn(Def *d) {
    if (!d || !d->fn.is_async) return false;
    if (d->parent && d->parent->kind == DEF_TRAIT) return true;
    return d->item && d->item->body;
}

static bool is_prelude_fn(Def *d, const char *name) {
    return d && d->prelude && d->kind == DEF_FN && strcmp(d->name, name) == 0;
}

static bool is_prelude_adt(Type *ty, const char *name) {
    return ty->kind == TYPE_ADT && ty->def->prelude && strcmp(ty->def->name, name) == 0;
}

/* Pin<Box<dyn Future>> or Box<dyn Future>. */
static bool is_boxed_future(Lower *L, Type *ty) {
    if (ty->kind == TYPE_ADT && ty->def == L->t->wk.pin && ty->nargs == 1) ty = ty->args[0];
    if (ty->kind != TYPE_ADT || ty->def != L->t->wk.box || ty->nargs != 1) return false;
    Type *in = ty->args[0];
    return in->kind == TYPE_DYN && in->tr && in->tr->trait == L->t->wk.future;
}

/* How to hold, poll, drop and spawn a future of type ty. */
typedef struct FutOps {
    const char *ctype, *poll, *drop, *vt;
    AsyncFut *fut;
} FutOps;

static bool fut_ops(Lower *L, Type *ty, Span sp, FutOps *o) {
    memset(o, 0, sizeof *o);
    ty = lower_subst(L, ty);
    if (ty->kind == TYPE_OPAQUE && ty->def && !ty->expr) {
        Def *d = ty->def;
        if (is_prelude_fn(d, "sleep")) {
            *o = (FutOps){ "RtSleep", "rt_sleep_poll", "rt_sleep_drop", "rt_sleep_vtable", NULL };
            return true;
        }
        if (is_prelude_fn(d, "yield_now")) {
            *o = (FutOps){ "RtYield", "rt_yield_poll", "rt_yield_drop", "rt_yield_vtable", NULL };
            return true;
        }
        if (is_prelude_fn(d, "pending")) {
            *o = (FutOps){ "RtPending", "rt_pending_poll", "rt_pending_drop", "rt_pending_vtable", NULL };
            return true;
        }
        if (lowerable_async_fn(d) && ty->id < (uint32_t)d->fn.nopaques && d->fn.opaques[ty->id].is_future) {
            AsyncFut *f = fut_of(L, d, ty->args, ty->nargs, sp);
            if (!f) return false;
            o->ctype = f->ctype;
            o->poll = arena_printf(L->t->a, "%s_poll", f->name);
            o->drop = arena_printf(L->t->a, "%s_drop", f->name);
            o->vt = arena_printf(L->t->a, "%s_vt", f->name);
            o->fut = f;
            return true;
        }
        return false;
    }
    if (ty->kind == TYPE_OPAQUE && ty->expr && ty->expr->kind == EX_ASYNC) {
        AsyncFut *f = block_fut(L, ty->expr, ty->inner);
        o->ctype = f->ctype;
        o->poll = arena_printf(L->t->a, "%s_poll", f->name);
        o->drop = arena_printf(L->t->a, "%s_drop", f->name);
        o->vt = arena_printf(L->t->a, "%s_vt", f->name);
        o->fut = f;
        return true;
    }
    if (is_prelude_adt(ty, "JoinHandle")) {
        *o = (FutOps){ "RtJoinHandle", "rt_join_poll", "rt_join_drop", "rt_join_vtable", NULL };
        return true;
    }
    if (is_boxed_future(L, ty)) {
        *o = (FutOps){ "RtBoxFuture", "rt_boxfut_poll", "rt_boxfut_drop", "rt_boxfut_vtable", NULL };
        return true;
    }
    return false;
}

const char *lower_async_ctype(Lower *L, Type *ty, Span sp) {
    FutOps o;
    if (ty->kind != TYPE_OPAQUE && ty->kind != TYPE_ADT) return NULL;
    if (!fut_ops(L, ty, sp, &o)) return NULL;
    return o.ctype;
}

bool lower_async_needs_drop(Lower *L, Type *ty) {
    FutOps o;
    return (ty->kind == TYPE_OPAQUE || ty->kind == TYPE_ADT) && fut_ops(L, ty, (Span){ 0, 0 }, &o);
}

bool lower_async_drop(Lower *L, Type *ty, const char *place, Span sp) {
    FutOps o;
    if ((ty->kind != TYPE_OPAQUE && ty->kind != TYPE_ADT) || !fut_ops(L, ty, sp, &o)) return false;
    lower_line(L, "%s(&%s);", o.drop, place);
    return true;
}

/* ------------------------------------------------------------- hoisting */

/* A C type as the lowering writes them: `rt_u64`, `struct dbS3_P`,
 * `RtStr *`, `const char *`. */
static bool looks_like_type(const char *s, size_t n) {
    while (n && s[n - 1] == ' ') n--;
    if (!n) return false;
    static const char *const kw[] = { "return", "goto", "else", "case", "do", "break", "continue", NULL };
    for (int i = 0; kw[i]; i++)
        if (strlen(kw[i]) == n && !strncmp(s, kw[i], n)) return false;
    bool ident = false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (is_ident_char(c)) {
            if (!ident && c >= '0' && c <= '9') return false;
            ident = true;
        } else if (c == ' ' || c == '*') {
            ident = false;
        } else {
            return false;
        }
    }
    return s[0] != '*';
}

/* The end of the top-level piece of s starting at i: the next ',' or ';'
 * outside brackets, strings and char literals (n when none). */
static size_t piece_end(const char *s, size_t i, size_t n) {
    int depth = 0;
    for (; i < n; i++) {
        char c = s[i];
        if (c == '"' || c == '\'') {
            for (i++; i < n && s[i] != c; i++)
                if (s[i] == '\\') i++;
            continue;
        }
        if (c == '(' || c == '[' || c == '{') depth++;
        else if (c == ')' || c == ']' || c == '}') depth--;
        else if (depth == 0 && (c == ',' || c == ';')) return i;
    }
    return n;
}

static void add_field(Lower *L, struct AsyncCtx *A, const char *type, size_t tlen, const char *name, size_t nlen) {
    int n = numbered(name, nlen, 't');
    NameSet *set = &A->temps;
    if (n < 0) {
        n = numbered(name, nlen, 'l');
        set = &A->locals;
    }
    if (set_has(set, n)) return;
    set_add(set, n);
    while (tlen && type[tlen - 1] == ' ') tlen--;
    buf_printf(&A->fut->fields, "    %.*s %.*s;\n", (int)tlen, type, (int)nlen, name);
    AsyncFut *dep = fut_by_ctype(L, type, tlen);
    if (dep) add_dep(L, A->fut, dep);
}

/* The line (no indentation, no newline) of an async body: a declaration of
 * t<N>/l<N> variables becomes assignments to fields of the future. Returns
 * the text to emit instead, or NULL to emit the line as it is. */
static const char *hoist(Lower *L, const char *line) {
    struct AsyncCtx *A = L->async;
    size_t n = strlen(line);
    if (!n || line[n - 1] != ';') return NULL;
    /* find the declarator: the first t<N>/l<N> word preceded by a type */
    size_t i = 0;
    while (i < n) {
        if (!is_ident_char(line[i])) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < n && is_ident_char(line[j])) j++;
        if ((numbered(line + i, j - i, 't') >= 0 || numbered(line + i, j - i, 'l') >= 0) && i > 0)
            break;
        i = j;
    }
    if (i >= n || !looks_like_type(line, i)) return NULL;
    const char *type = line;
    size_t tlen = i;
    /* declarators: NAME or NAME = INIT, separated by top-level commas */
    Buf out = { 0 };
    size_t p = i;
    struct { size_t name, nlen, init, ilen; } decl[16];
    int nd = 0;
    for (;;) {
        size_t q = p;
        while (q < n && is_ident_char(line[q])) q++;
        if (nd == 16 || (numbered(line + p, q - p, 't') < 0 && numbered(line + p, q - p, 'l') < 0)) {
            buf_free(&out);
            return NULL;
        }
        decl[nd].name = p;
        decl[nd].nlen = q - p;
        decl[nd].init = decl[nd].ilen = 0;
        if (q + 3 <= n && !strncmp(line + q, " = ", 3)) {
            size_t e = piece_end(line, q + 3, n);
            decl[nd].init = q + 3;
            decl[nd].ilen = e - (q + 3);
            q = e;
        }
        nd++;
        if (q < n && line[q] == ';' && q == n - 1) break;
        if (q + 2 < n && line[q] == ',' && line[q + 1] == ' ') {
            p = q + 2;
            continue;
        }
        buf_free(&out);
        return NULL;
    }
    for (int k = 0; k < nd; k++) {
        add_field(L, A, type, tlen, line + decl[k].name, decl[k].nlen);
        if (!decl[k].ilen) continue;
        const char *init = line + decl[k].init;
        size_t tl = tlen;
        while (tl && type[tl - 1] == ' ') tl--;
        if (init[0] == '{')
            buf_printf(&out, "%s%.*s = (%.*s)%.*s;", out.len ? " " : "", (int)decl[k].nlen, line + decl[k].name,
                       (int)tl, type, (int)decl[k].ilen, init);
        else
            buf_printf(&out, "%s%.*s = %.*s;", out.len ? " " : "", (int)decl[k].nlen, line + decl[k].name,
                       (int)decl[k].ilen, init);
    }
    const char *r = out.len ? arena_strndup(L->t->a, out.s, out.len) : "";
    buf_free(&out);
    return r;
}

/* The end (after its `;`) of the statement of line starting at i: the
 * first `;` outside brackets and literals followed by a space or the end,
 * or n when there is none. */
static size_t stmt_end(const char *line, size_t i, size_t n) {
    int depth = 0;
    for (; i < n; i++) {
        char c = line[i];
        if (c == '"' || c == '\'') {
            for (i++; i < n && line[i] != c; i++)
                if (line[i] == '\\') i++;
        } else if (c == '(' || c == '[' || c == '{') depth++;
        else if (c == ')' || c == ']' || c == '}') depth--;
        else if (c == ';' && depth == 0 && (i + 1 == n || line[i + 1] == ' ')) return i + 1;
    }
    return n;
}

void lower_async_line(Lower *L, const char *fmt, va_list ap) {
    char *line = arena_vprintf(L->t->a, fmt, ap);
    size_t n = strlen(line);
    /* a line may hold several statements (a pattern's bindings are declared
     * `T1 l1 = ...; T2 l2 = ...;`): each declaration is hoisted */
    Buf out = { 0 };
    for (size_t i = 0; i < n;) {
        size_t e = stmt_end(line, i, n);
        char *stmt = arena_strndup(L->t->a, line + i, e - i);
        const char *h = hoist(L, stmt);
        if (!h) h = stmt;
        if (*h) buf_printf(&out, "%s%s", out.len ? " " : "", h);
        for (i = e; i < n && line[i] == ' '; i++) {}
    }
    if (out.len) {
        for (int i = 0; i < L->depth + 1; i++) buf_puts(L->cur, "    ");
        buf_put(L->cur, out.s, out.len);
        buf_putc(L->cur, '\n');
    } else if (!n) {
        buf_putc(L->cur, '\n');
    }
    buf_free(&out);
}

/* Rewrites every hoisted name of text to `dbS->name`, leaving member names
 * (after `.` or `->`), string and char literals alone. */
static void rename_into(Buf *out, const char *s, size_t n, struct AsyncCtx *A) {
    size_t i = 0;
    while (i < n) {
        char c = s[i];
        if (c == '"' || c == '\'') {
            size_t j = i + 1;
            for (; j < n && s[j] != c; j++)
                if (s[j] == '\\') j++;
            if (j < n) j++;
            buf_put(out, s + i, j - i);
            i = j;
            continue;
        }
        if (!is_ident_char(c)) {
            buf_putc(out, c);
            i++;
            continue;
        }
        size_t j = i;
        while (j < n && is_ident_char(s[j])) j++;
        bool member = (i >= 1 && s[i - 1] == '.') || (i >= 2 && s[i - 2] == '-' && s[i - 1] == '>');
        int nt = numbered(s + i, j - i, 't'), nl = numbered(s + i, j - i, 'l');
        bool prev_ident = i >= 1 && is_ident_char(s[i - 1]);
        int cap = -1;
        for (int k = 0; !member && !prev_ident && A->ci && nl >= 0 && !(nl & 31) && k < A->ci->ncaptures; k++)
            if (A->ci->captures[k].local->id == nl / 32) cap = k;
        if (cap >= 0) {
            /* a captured local: the block's field (a pointer when by reference) */
            buf_printf(out, A->ci->captures[cap].mode == CAPTURE_VALUE ? "dbS->c%d" : "(*dbS->c%d)", cap);
            i = j;
            continue;
        }
        if (!member && !prev_ident && ((nt >= 0 && set_has(&A->temps, nt)) || (nl >= 0 && set_has(&A->locals, nl))))
            buf_puts(out, "dbS->");
        buf_put(out, s + i, j - i);
        i = j;
    }
}

/* ------------------------------------------------------------ async fns */

/* The body of an async fn or block, its owned locals registered: its value
 * (kept in a temp when the locals' drops would come after it) becomes the
 * future's output once the locals are dropped. */
static void lower_async_body(Lower *L, Block *body, Type *out, Span sp) {
    const char *v = lower_block_value(L, body, out);
    if (*v && !lower_is_unit(out) && L->nowned > L->owned_base) {
        const char *t = lower_temp(L);
        lower_line(L, "%s %s = %s;", lower_ctype(L, out, sp), t, v);
        v = t;
    }
    lower_scope_end(L, L->owned_base);
    if (!L->failed) lower_async_complete(L, v);
}

/* The parameter locals of fn d in order (self first), with their count. */
static int fn_params(Lower *L, Def *d, Local **out, int max, Span *bad) {
    int n = 0;
    Item *it = d->item;
    if (d->fn.has_self) {
        if (!d->fn.self_local) {
            *bad = it->span;
            return -1;
        }
        out[n++] = d->fn.self_local;
    }
    for (int i = 0; i < it->sig.params.n; i++) {
        Param *pm = LIST_GET(it->sig.params, i, Param);
        if (pm->pat->kind != PAT_IDENT || pm->pat->sub || !pm->pat->res || !pm->pat->res->local || n == max) {
            *bad = pm->span;
            return -1;
        }
        out[n++] = pm->pat->res->local;
    }
    (void)L;
    return n;
}

static void lower_async_main_entry(Lower *L, AsyncFut *f, Item *it) {
    Def *d = it->def;
    if (d->fn.nparams || !lower_is_unit(d->fn.ret)) {
        lower_unsupported(L, it->span, "this signature of `main`");
        return;
    }
    f->vt_used = true;
    buf_printf(&L->body, "void dynbox_main(void) {\n    %s fut = { 0 };\n", f->ctype);
    buf_printf(&L->body, "    rt_block_on(&fut, &%s_vt, RT_NULL, %s);\n}\n\n", f->name, lower_loc(L, it->span));
}

void lower_async_fn_instance(Lower *L, Item *it, Type **args, int nargs, const char *name) {
    Def *d = it->def;
    AsyncFut *f = NULL;
    for (AsyncFut *g = L->async_futs; g; g = g->next)
        if (g->name == name) f = g;
    if (!f) {
        f = arena_alloc(L->t->a, sizeof *f);
        memset(f, 0, sizeof *f);
        f->fn = d;
        f->id = L->nasync++;
        f->name = name;
        f->ctype = arena_printf(L->t->a, "struct %s_fut", name);
        f->span = it->span;
        f->next = L->async_futs;
        L->async_futs = f;
    }
    if (f->lowered) return;
    f->lowered = true;
    Local *params[64];
    Span bad = { 0, 0 };
    int np = fn_params(L, d, params, 64, &bad);
    if (np < 0) {
        lower_unsupported(L, bad, "this parameter of an `async fn`");
        return;
    }
    /* the fn context: the enclosing one is restored after */
    Buf *saved_cur = L->cur;
    int saved_depth = L->depth, saved_nloops = L->nloops;
    Type *saved_ret = L->ret_ty;
    struct AsyncCtx *saved_async = L->async;
    Type **saved_subst = L->subst;
    int saved_nsubst = L->nsubst;
    L->subst = args;
    L->nsubst = nargs;

    struct AsyncCtx A = { 0 };
    A.fut = f;
    A.out = lower_subst(L, d->fn.ret);
    Buf body = { 0 };
    A.body = &body;
    Buf csig = { 0 }, cbody = { 0 };
    buf_printf(&csig, "static RtBoxFuture %s_box(", f->name);
    for (int i = 0; i < np; i++) {
        if (lower_is_unit(lower_subst(L, params[i]->ty))) continue;
        const char *nm = lower_local(L, params[i]);
        const char *ct = lower_ctype(L, params[i]->ty, it->span);
        buf_printf(&f->params, "    %s %s;\n", ct, nm);
        buf_printf(&csig, "%s %s, ", ct, nm);
        buf_printf(&cbody, "    p->%s = %s;\n", nm, nm);
        set_add(&A.locals, numbered(nm, strlen(nm), 'l'));
        AsyncFut *dep = fut_by_ctype(L, ct, strlen(ct));
        if (dep) add_dep(L, f, dep);
    }
    buf_puts(&csig, "RtSite *site)");
    /* abi=callee: the callee allocates its own future */
    buf_printf(&f->callee, "%s {\n    RtBoxFuture b = rt_boxfut_new(&%s_vt, site);\n", csig.s, f->name);
    buf_printf(&f->callee, "    %s *p = b.ptr;\n    *p = (%s){ 0 };\n", f->ctype, f->ctype);
    if (cbody.len) buf_put(&f->callee, cbody.s, cbody.len);
    buf_puts(&f->callee, "    return b;\n}\n\n");
    f->callee_sig = arena_strndup(L->t->a, csig.s, csig.len);
    buf_free(&csig);
    buf_free(&cbody);

    int saved_nowned = L->nowned, saved_base = L->owned_base, saved_ntemps = L->ntemps, saved_no_move = L->no_move;
    L->cur = &body;
    L->depth = 0;
    L->nloops = 0;
    L->ret_ty = A.out;
    L->async = &A;
    L->owned_base = L->nowned;
    L->no_move = 0;
    for (int i = 0; i < np; i++) lower_own_local(L, params[i]);
    lower_async_body(L, it->body, A.out, it->span);
    L->async = NULL;
    L->nowned = saved_nowned;
    L->owned_base = saved_base;
    L->ntemps = saved_ntemps;
    L->no_move = saved_no_move;

    /* the poll fn: resume at the await it left from */
    Buf *o = &L->body;
    buf_printf(o, "/* async fn %s: the poll and drop of its future */\n", d->name);
    buf_printf(o, "static rt_i32 %s_poll(void *dbF, RtContext *dbCx, void *dbOut) {\n", f->name);
    buf_printf(o, "    %s *dbS = dbF;\n    (void)dbCx;\n    (void)dbOut;\n", f->ctype);
    buf_printf(o, "    switch (dbS->state) {\n    case 0: break;\n");
    for (int k = 1; k <= A.nstates; k++) buf_printf(o, "    case %d: goto dbAw%d;\n", k, k);
    buf_printf(o, "    default: rt_panic_cstr(%s, \"`async fn` resumed after completion\");\n    }\n",
               lower_loc(L, it->span));
    rename_into(o, body.s ? body.s : "", body.len, &A);
    buf_puts(o, "}\n\n");

    /* the drop fn: what the future holds in each state (an unpolled one
     * owns its arguments) */
    buf_printf(o, "static void %s_drop(void *dbF) {\n    %s *dbS = dbF;\n", f->name, f->ctype);
    buf_puts(o, "    switch (dbS->state) {\n");
    Buf pd = { 0 };
    L->cur = &pd;
    L->depth = 1;
    for (int i = 0; i < np; i++)
        if (!lower_is_unit(lower_subst(L, params[i]->ty)) && lower_type_needs_drop(L, lower_subst(L, params[i]->ty)))
            lower_drop_value(L, lower_subst(L, params[i]->ty), arena_printf(L->t->a, "dbS->%s", lower_local(L, params[i])),
                             it->span);
    if (pd.len) {
        buf_puts(o, "    case 0:\n");
        buf_put(o, pd.s, pd.len);
        buf_puts(o, "        break;\n");
    }
    buf_free(&pd);
    if (A.drop_cases.len) rename_into(o, A.drop_cases.s, A.drop_cases.len, &A);
    buf_puts(o, "    default: break;\n    }\n}\n\n");
    if (!d->parent && strcmp(d->name, "main") == 0) lower_async_main_entry(L, f, it);

    L->cur = saved_cur;
    L->depth = saved_depth;
    L->nloops = saved_nloops;
    L->ret_ty = saved_ret;
    L->async = saved_async;
    L->subst = saved_subst;
    L->nsubst = saved_nsubst;
    buf_free(&body);
    buf_free(&A.drop_cases);
    free(A.temps.has);
    free(A.locals.has);
}

/* The end of the body with value v (the fn's Output). */
void lower_async_complete(Lower *L, const char *v) {
    struct AsyncCtx *A = L->async;
    bool unit = lower_is_unit(A->out) || A->out->kind == TYPE_NEVER;
    if (!unit && v && *v) lower_line(L, "*(%s *)dbOut = %s;", lower_ctype(L, A->out, (Span){ 0, 0 }), v);
    lower_line(L, "dbS->state = %s;", FUT_DONE);
    lower_line(L, "return RT_READY;");
}

const char *lower_async_return(Lower *L, Expr *e) {
    const char *v = e->lhs ? lower_expr(L, e->lhs) : "";
    Type *out = L->async->out;
    if (*v && !lower_is_unit(out) && L->nowned > L->owned_base) {
        const char *rv = lower_temp(L);
        lower_line(L, "%s %s = %s;", lower_ctype(L, out, e->span), rv, v);
        v = rv;
    }
    lower_drop_to(L, L->owned_base);
    lower_line(L, "{");
    L->depth++;
    lower_async_complete(L, v);
    L->depth--;
    lower_line(L, "}");
    return "";
}

/* ----------------------------------------------------------- expressions */

/* e's value consumed (moved) even where the enclosing expression only
 * reads places (a format macro's arguments): the await operand, the
 * future given to spawn/block_on, the arguments of an async fn. */
static const char *lower_consumed(Lower *L, Expr *e) {
    int saved = L->no_move;
    L->no_move = 0;
    const char *v = lower_expr(L, e);
    L->no_move = saved;
    return v;
}

/* The arguments of call e (receiver first), evaluated in order. */
static const char **eval_args(Lower *L, Expr *e, Expr *recv, int *n) {
    const char **vals = arena_alloc(L->t->a, sizeof(char *) * (size_t)(e->args.n + 1));
    int k = 0;
    if (recv) vals[k++] = lower_consumed(L, recv);
    for (int i = 0; i < e->args.n; i++) {
        Expr *a = LIST_GET(e->args, i, Expr);
        const char *v = lower_consumed(L, a);
        vals[k++] = lower_is_unit(lower_subst(L, a->type)) ? NULL : v;
    }
    *n = k;
    return vals;
}

/* Stores the parameters of fn d's future at C pointer `fp`. */
static bool store_params(Lower *L, Def *d, const char *fp, const char **vals, int nv, Span sp) {
    Local *params[64];
    Span bad = { 0, 0 };
    int np = fn_params(L, d, params, 64, &bad);
    if (np < 0 || np != nv) {
        lower_unsupported(L, np < 0 ? bad : sp, "this call of an `async fn`");
        return false;
    }
    for (int i = 0; i < np; i++)
        if (vals[i] && !lower_is_unit(params[i]->ty)) lower_line(L, "%s->%s = %s;", fp, lower_local(L, params[i]), vals[i]);
    return true;
}

/* The value of a call of the prelude's async runtime or of a user async fn;
 * NULL when r is neither. */
const char *lower_async_call(Lower *L, Expr *e, Res *r, Expr *recv) {
    if (!r || r->kind != RES_FN || !r->def) return NULL;
    Def *d = r->def;
    if (d->prelude) {
        if (is_prelude_fn(d, "now")) return "rt_now()";
        if (is_prelude_fn(d, "yield_now")) return "rt_yield_now()";
        if (is_prelude_fn(d, "pending")) return "rt_pending()";
        if (is_prelude_fn(d, "sleep")) {
            int n;
            const char **v = eval_args(L, e, recv, &n);
            const char *t = lower_temp(L);
            lower_line(L, "RtSleep %s = rt_sleep(%s);", t, n == 1 && v[0] ? v[0] : "0");
            return t;
        }
        if (is_prelude_fn(d, "spawn") || is_prelude_fn(d, "block_on")) {
            if (e->args.n != 1) return NULL;
            Expr *a = LIST_GET(e->args, 0, Expr);
            FutOps o;
            if (!fut_ops(L, a->type, a->span, &o)) {
                lower_unsupported(L, a->span, "this kind of future");
                return "0";
            }
            if (o.fut) o.fut->vt_used = true;
            const char *fv = lower_consumed(L, a);
            const char *f = lower_temp(L);
            lower_line(L, "%s %s = %s;", o.ctype, f, fv);
            Type *out = lower_subst(L, is_prelude_fn(d, "spawn") ? e->type->args[0] : e->type);
            bool unit = lower_is_unit(out) || out->kind == TYPE_NEVER;
            const char *oc = unit ? NULL : lower_ctype(L, out, e->span);
            if (is_prelude_fn(d, "block_on")) {
                const char *t = unit ? "" : lower_temp(L);
                if (!unit) lower_line(L, "%s %s;", oc, t);
                lower_line(L, "rt_block_on(&%s, &%s, %s, %s);", f, o.vt, unit ? "RT_NULL" : arena_printf(L->t->a, "&%s", t),
                           lower_loc(L, e->span));
                return t;
            }
            /* the output nobody awaited is dropped by the runtime through this */
            const char *out_drop = "RT_NULL";
            if (!unit && lower_type_needs_drop(L, out)) {
                out_drop = arena_printf(L->t->a, "dbOutDrop%d", L->nsites++);
                Buf text = { 0 };
                Buf *saved_cur = L->cur;
                int saved_depth = L->depth;
                L->cur = &text;
                L->depth = 0;
                lower_drop_value(L, out, arena_printf(L->t->a, "(*(%s *)p)", oc), e->span);
                L->cur = saved_cur;
                L->depth = saved_depth;
                buf_printf(&L->decls, "static void %s(void *p);\n", out_drop);
                buf_printf(&L->helpers, "static void %s(void *p) {\n", out_drop);
                buf_put(&L->helpers, text.s ? text.s : "", text.len);
                buf_puts(&L->helpers, "}\n\n");
                buf_free(&text);
            }
            const char *h = lower_temp(L);
            lower_line(L, "RtJoinHandle %s = rt_spawn(&%s, &%s, %s, %s, %s);", h, f, o.vt,
                       unit ? "0" : arena_printf(L->t->a, "sizeof(%s)", oc),
                       unit ? "1" : arena_printf(L->t->a, "__alignof__(%s)", oc), out_drop);
            return h;
        }
        return NULL;
    }
    if (!d->fn.is_async) return NULL;
    if (r->dispatch != DISPATCH_STATIC || !lowerable_async_fn(d)) {
        lower_unsupported(L, e->span, r->dispatch == DISPATCH_DYN ? "an `async fn` call through `dyn` (box it with `.box`)"
                                                                  : "this call of an `async fn`");
        return "0";
    }
    AsyncFut *f = fut_of(L, d, r->args, r->nargs, e->span);
    if (!f) return "0";
    int n;
    const char **vals = eval_args(L, e, recv, &n);
    const char *t = lower_temp(L);
    lower_line(L, "%s %s = { 0 };", f->ctype, t);
    if (!store_params(L, d, arena_printf(L->t->a, "(&%s)", t), vals, n, e->span)) return "0";
    return t;
}

static const char *lower_await(Lower *L, Expr *e) {
    if (!in_async(L)) {
        lower_unsupported(L, e->span, "`.await` outside an `async fn`");
        return "0";
    }
    struct AsyncCtx *A = L->async;
    FutOps o;
    if (!fut_ops(L, e->lhs->type, e->lhs->span, &o)) {
        lower_unsupported(L, e->lhs->span, "awaiting this kind of future");
        return "0";
    }
    const char *fv = lower_consumed(L, e->lhs);
    /* a future just built in a field of ours is polled where it is */
    const char *child = fv;
    int key = numbered(fv, strlen(fv), 't');
    if (key < 0 || (key & 31) || !set_has(&A->temps, key)) {
        child = lower_temp(L);
        lower_line(L, "%s %s = %s;", o.ctype, child, fv);
    }
    Type *ot = lower_subst(L, e->type);
    bool unit = lower_is_unit(ot) || ot->kind == TYPE_NEVER;
    const char *res = unit ? "" : lower_temp(L);
    if (!unit) lower_line(L, "%s %s;", lower_ctype(L, ot, e->span), res);
    int k = ++A->nstates;
    lower_line(L, "dbS->state = %d;", k);
    lower_line(L, "dbAw%d: if (%s(&%s, dbCx, %s) == RT_PENDING) return RT_PENDING;", k, o.poll, child,
               unit ? "RT_NULL" : arena_printf(L->t->a, "&%s", res));
    lower_line(L, "%s(&%s);", o.drop, child);
    /* dropped while suspended here: the child future, then what the body
     * owns at this point, in reverse order (lower_drop.c's flags say which
     * values are still owned); renamed to the future's fields later */
    buf_printf(&A->drop_cases, "    case %d:\n        %s(&%s);\n", k, o.drop, child);
    Buf *saved_cur = L->cur;
    L->cur = &A->drop_cases; /* at the await's depth: lower_drop_to checks it */
    lower_drop_to(L, L->owned_base);
    L->cur = saved_cur;
    buf_puts(&A->drop_cases, "        break;\n");
    return res;
}

/* A static RtSite for the `.box` / dyn_box! expression e. */
static const char *box_site(Lower *L, Expr *e) {
    uint32_t line, col;
    src_line_col(&L->u->src, e->span.lo, &line, &col);
    const char *name = arena_printf(L->t->a, "dbSite%d", L->nsites++);
    Buf b = { 0 };
    buf_printf(&b, "static RtSite %s = { %u, %u, ", name, line, col);
    uint32_t hi = e->span.hi <= L->u->src.len ? e->span.hi : L->u->src.len;
    lower_c_string(&b, L->u->src.text + e->span.lo, hi > e->span.lo ? hi - e->span.lo : 0);
    buf_puts(&b, ", 0, 0 };\n");
    buf_put(&L->decls, b.s, b.len);
    buf_free(&b);
    return name;
}

static const char *lower_box_rpit_static(Lower *L, Expr *e, Expr *call);

/* `f(args).box` / dyn_box!(f(args)) on a static call of an async fn: one
 * allocation of the future's size at this site; abi=vtable-size constructs
 * it here, abi=callee calls the future's dbFut<K>_box. */
static const char *lower_box(Lower *L, Expr *e) {
    Expr *call = e->lhs;
    while (call->kind == EX_PAREN) call = call->lhs;
    Res *r = call->kind == EX_CALL ? call->lhs->res : call->kind == EX_METHOD ? call->res : NULL;
    if (r && r->kind == RES_FN && r->def && !r->def->fn.is_async) {
        if (r->dispatch == DISPATCH_DYN) return lower_async_box_dyn(L, e, call, r);
        return lower_box_rpit_static(L, e, call);
    }
    if (!r || r->kind != RES_FN || !r->def || !r->def->fn.is_async) {
        lower_unsupported(L, e->span, "`.box` on this call");
        return "0";
    }
    if (r->dispatch == DISPATCH_DYN) return lower_async_box_dyn(L, e, call, r);
    r = lower_resolve(L, r, e->span);
    if (L->failed) return "0";
    Def *d = r->def;
    if (r->dispatch != DISPATCH_STATIC || !lowerable_async_fn(d)) {
        lower_unsupported(L, e->span, "`.box` on this call");
        return "0";
    }
    AsyncFut *f = fut_of(L, d, r->args, r->nargs, e->span);
    if (!f) return "0";
    const char *site = box_site(L, e);
    int n;
    const char **vals = eval_args(L, call, call->kind == EX_METHOD ? call->lhs : NULL, &n);
    const char *b = lower_temp(L);
    f->vt_used = true;
    if (L->u->opts.abi == DB_ABI_CALLEE) {
        f->box_used = true;
        Buf c = { 0 };
        buf_printf(&c, "RtBoxFuture %s = %s_box(", b, f->name);
        for (int i = 0; i < n; i++)
            if (vals[i]) buf_printf(&c, "%s, ", vals[i]);
        buf_printf(&c, "&%s);", site);
        lower_line(L, "%s", c.s);
        buf_free(&c);
        return b;
    }
    lower_line(L, "RtBoxFuture %s = rt_boxfut_new(&%s_vt, &%s);", b, f->name, site);
    const char *p = arena_printf(L->t->a, "((%s *)%s.ptr)", f->ctype, b);
    lower_line(L, "*%s = (%s){ 0 };", p, f->ctype);
    if (!store_params(L, d, p, vals, n, e->span)) return "0";
    return b;
}

/* An `async` block: a future struct holding its captures (a pointer per
 * by-reference capture, the value per by-move one, owned and dropped by
 * the future) and its locals; its body is lowered on the side as the
 * block's poll fn, the enclosing fn's state saved around it. */
static const char *lower_async_block(Lower *L, Expr *e) {
    ClosureInfo *ci = e->res && e->res->kind == RES_CLOSURE ? e->res->closure : NULL;
    Type *ty = lower_subst(L, e->type);
    if (!ci || ty->kind != TYPE_OPAQUE || !ty->inner) {
        lower_unsupported(L, e->span, "this `async` block");
        return "0";
    }
    AsyncFut *f = block_fut(L, e, ty->inner);
    if (!f->lowered) {
        f->lowered = true;
        struct AsyncCtx A = { 0 };
        A.fut = f;
        A.out = lower_subst(L, ty->inner);
        A.ci = ci;
        Buf body = { 0 };
        A.body = &body;
        for (int i = 0; i < ci->ncaptures; i++) {
            Type *ct = lower_subst(L, ci->captures[i].local->ty);
            const char *c = lower_ctype(L, ct, e->span);
            bool by_value = ci->captures[i].mode == CAPTURE_VALUE;
            buf_printf(&f->params, "    %s%s c%d;\n", c, by_value ? "" : " *", i);
            AsyncFut *dep = by_value ? fut_by_ctype(L, c, strlen(c)) : NULL;
            if (dep) add_dep(L, f, dep);
        }
        /* the enclosing fn's state */
        struct LowerLoop saved_loops[64];
        memcpy(saved_loops, L->loops, sizeof saved_loops);
        Buf *saved_cur = L->cur;
        int saved_depth = L->depth, saved_nloops = L->nloops, saved_nowned = L->nowned, saved_base = L->owned_base;
        int saved_ntemps = L->ntemps, saved_no_move = L->no_move;
        Type *saved_ret = L->ret_ty;
        struct AsyncCtx *saved_async = L->async;
        L->cur = &body;
        L->depth = 0;
        L->nloops = 0;
        L->ret_ty = A.out;
        L->async = &A;
        L->owned_base = L->nowned;
        L->no_move = 0;
        /* by-move captures are owned by the block: dropped at its end */
        for (int i = 0; i < ci->ncaptures; i++)
            if (ci->captures[i].mode == CAPTURE_VALUE) lower_own_local(L, ci->captures[i].local);
        lower_async_body(L, e->body, A.out, e->span);
        L->async = saved_async;
        L->cur = saved_cur;
        L->depth = saved_depth;
        L->nloops = saved_nloops;
        memcpy(L->loops, saved_loops, sizeof saved_loops);
        L->nowned = saved_nowned;
        L->owned_base = saved_base;
        L->ntemps = saved_ntemps;
        L->no_move = saved_no_move;
        L->ret_ty = saved_ret;

        Buf *o = &L->helpers;
        uint32_t line, col;
        src_line_col(&L->u->src, e->span.lo, &line, &col);
        buf_printf(o, "/* the async block at %u:%u: the poll and drop of its future */\n", line, col);
        buf_printf(o, "static rt_i32 %s_poll(void *dbF, RtContext *dbCx, void *dbOut) {\n", f->name);
        buf_printf(o, "    %s *dbS = dbF;\n    (void)dbCx;\n    (void)dbOut;\n", f->ctype);
        buf_printf(o, "    switch (dbS->state) {\n    case 0: break;\n");
        for (int k = 1; k <= A.nstates; k++) buf_printf(o, "    case %d: goto dbAw%d;\n", k, k);
        buf_printf(o, "    default: rt_panic_cstr(%s, \"`async fn` resumed after completion\");\n    }\n",
                   lower_loc(L, e->span));
        rename_into(o, body.s ? body.s : "", body.len, &A);
        buf_puts(o, "}\n\n");
        buf_printf(o, "static void %s_drop(void *dbF) {\n    %s *dbS = dbF;\n    switch (dbS->state) {\n", f->name, f->ctype);
        Buf pd = { 0 };
        saved_cur = L->cur;
        saved_depth = L->depth;
        L->cur = &pd;
        L->depth = 1;
        for (int i = 0; i < ci->ncaptures; i++)
            if (ci->captures[i].mode == CAPTURE_VALUE && lower_type_needs_drop(L, lower_subst(L, ci->captures[i].local->ty)))
                lower_drop_value(L, lower_subst(L, ci->captures[i].local->ty), arena_printf(L->t->a, "dbS->c%d", i), e->span);
        L->cur = saved_cur;
        L->depth = saved_depth;
        if (pd.len) {
            buf_puts(o, "    case 0:\n");
            buf_put(o, pd.s, pd.len);
            buf_puts(o, "        break;\n");
        }
        buf_free(&pd);
        if (A.drop_cases.len) rename_into(o, A.drop_cases.s, A.drop_cases.len, &A);
        buf_puts(o, "    default: break;\n    }\n}\n\n");
        buf_free(&body);
        buf_free(&A.drop_cases);
        free(A.temps.has);
        free(A.locals.has);
    }
    /* the value: the unpolled future with its captures */
    const char *t = lower_temp(L);
    lower_line(L, "%s %s = { 0 };", f->ctype, t);
    for (int i = 0; i < ci->ncaptures; i++) {
        const char *nm = lower_local(L, ci->captures[i].local);
        if (ci->captures[i].mode == CAPTURE_VALUE) {
            lower_line(L, "%s.c%d = %s;", t, i, nm);
            lower_moved_local(L, ci->captures[i].local); /* the future owns it now */
        } else {
            lower_line(L, "%s.c%d = &%s;", t, i, nm);
        }
    }
    return t;
}

const char *lower_async_expr(Lower *L, Expr *e) {
    switch (e->kind) {
    case EX_AWAIT: return lower_await(L, e);
    case EX_BOX: return lower_box(L, e);
    case EX_ASYNC: return lower_async_block(L, e);
    default: return NULL;
    }
}

/* ----------------------------------------------------------- emission */

static void emit_fut(Lower *L, AsyncFut *f, Buf *o) {
    if (f->emitted || L->failed) return;
    if (f->visiting) {
        Diag *dg = diag_error_at(L->u, f->span, "E0733", "recursive `async fn` call",
                                 "%s", "recursion in an async fn requires boxing");
        diag_child(L->u, dg, DIAG_NOTE, "a recursive `async fn` call must introduce indirection such as `Box::pin` to avoid an infinitely sized future");
        diag_child(L->u, dg, DIAG_HELP, "box the recursive call: `%s(..).box.await`", f->fn ? f->fn->name : "async");
        L->failed = true;
        return;
    }
    f->visiting = true;
    for (int i = 0; i < f->ndeps; i++) emit_fut(L, f->deps[i], o);
    f->visiting = false;
    f->emitted = true;
    buf_printf(o, "%s {\n    rt_u32 state;\n", f->ctype);
    if (f->params.len) buf_put(o, f->params.s, f->params.len);
    if (f->fields.len) buf_put(o, f->fields.s, f->fields.len);
    buf_puts(o, "};\n");
    /* a future only ever dropped unpolled never names its poll fn */
    buf_printf(o, "static rt_i32 %s_poll(void *dbF, RtContext *dbCx, void *dbOut) __attribute__((unused));\n", f->name);
    buf_printf(o, "static void %s_drop(void *dbF);\n", f->name);
    if (f->vt_used)
        buf_printf(o, "static const RtFutVtable %s_vt = { %s_poll, %s_drop, sizeof(%s), __alignof__(%s) };\n",
                   f->name, f->name, f->name, f->ctype, f->ctype);
    if (L->u->opts.abi == DB_ABI_CALLEE && f->callee_sig && f->box_used) {
        buf_printf(o, "%s;\n", f->callee_sig);
        buf_put(&L->helpers, f->callee.s, f->callee.len);
    }
}

/* ---- the order of the type definitions ----------------------------------
 * The future structs are complete only now, after every other type: a
 * struct, enum or tuple holding a future by value (`Option<impl Future>`
 * from Vec::pop, a future in a struct field) was defined before them. So
 * the definitions of L->types and the futures' (futs) are put in dependency
 * order: split into top-level chunks (a line, or lines up to the closing
 * brace), each emitted after the chunks defining a `struct NAME` it uses by
 * value (not followed by `*`), otherwise in its original order. */
typedef struct TypeChunk {
    const char *s;
    size_t n;
    const char *defines;  /* "struct NAME" it opens with, or NULL */
    size_t dlen;
    bool done;
} TypeChunk;

static int split_chunks(Lower *L, const char *s, size_t n, TypeChunk **out, int *cap, int nc) {
    size_t i = 0;
    while (i < n) {
        size_t start = i;
        int depth = 0;
        for (;;) {
            size_t e = i;
            while (e < n && s[e] != '\n') e++;
            for (size_t k = i; k < e; k++) depth += s[k] == '{' ? 1 : s[k] == '}' ? -1 : 0;
            i = e < n ? e + 1 : e;
            if (depth <= 0 || i >= n) break;
        }
        if (nc == *cap) {
            int nw = *cap ? *cap * 2 : 64;
            TypeChunk *g = arena_alloc(L->t->a, sizeof *g * (size_t)nw);
            for (int k = 0; k < nc; k++) g[k] = (*out)[k];
            *out = g;
            *cap = nw;
        }
        TypeChunk *c = &(*out)[nc++];
        *c = (TypeChunk){ s + start, i - start, NULL, 0, false };
        if (c->n > 7 && !strncmp(c->s, "struct ", 7)) {
            size_t e = 7;
            while (e < c->n && is_ident_char(c->s[e])) e++;
            if (e + 2 <= c->n && !strncmp(c->s + e, " {", 2)) {
                c->defines = c->s;
                c->dlen = e;
            }
        }
    }
    return nc;
}

static void order_types(Lower *L, Buf *futs) {
    TypeChunk *ch = NULL;
    int cap = 0, nc = 0;
    char *types = arena_strndup(L->t->a, L->types.s ? L->types.s : "", L->types.len);
    nc = split_chunks(L, types, L->types.len, &ch, &cap, nc);
    nc = split_chunks(L, futs->s, futs->len, &ch, &cap, nc);
    L->types.len = 0;
    int *defs = arena_alloc(L->t->a, sizeof *defs * (size_t)(nc + 1)), nd = 0;
    for (int k = 0; k < nc; k++)
        if (ch[k].defines) defs[nd++] = k;
    /* the edges d -> k (chunk k uses d's struct by value), and k's count */
    int *indeg = arena_alloc(L->t->a, sizeof *indeg * (size_t)(nc + 1));
    int *from = NULL, *to = NULL, ne = 0, ecap = 0;
    for (int k = 0; k < nc; k++) {
        indeg[k] = 0;
        const char *c = ch[k].s;
        size_t n = ch[k].n;
        for (size_t i = 0; i + 7 < n; i++) {
            if (strncmp(c + i, "struct ", 7) != 0 || (i > 0 && is_ident_char(c[i - 1]))) continue;
            if (ch[k].defines && i == 0) continue; /* its own header */
            size_t e = i + 7;
            while (e < n && is_ident_char(c[e])) e++;
            size_t after = e;
            while (after < n && c[after] == ' ') after++;
            if (after < n && c[after] == '*') continue;
            for (int j = 0; j < nd; j++) {
                const TypeChunk *d = &ch[defs[j]];
                if (defs[j] == k || d->dlen != e - i || strncmp(d->defines, c + i, d->dlen) != 0) continue;
                if (ne == ecap) {
                    ecap = ecap ? ecap * 2 : 64;
                    int *f2 = arena_alloc(L->t->a, sizeof *f2 * (size_t)ecap);
                    int *t2 = arena_alloc(L->t->a, sizeof *t2 * (size_t)ecap);
                    for (int q = 0; q < ne; q++) {
                        f2[q] = from[q];
                        t2[q] = to[q];
                    }
                    from = f2;
                    to = t2;
                }
                from[ne] = defs[j];
                to[ne++] = k;
                indeg[k]++;
                break;
            }
            i = e - 1;
        }
    }
    /* emit the first chunk (in the original order) whose uses are emitted */
    for (int left = nc, first = 0; left; left--) {
        while (first < nc && ch[first].done) first++;
        int pick = -1;
        for (int k = first; k < nc && pick < 0; k++)
            if (!ch[k].done && indeg[k] == 0) pick = k;
        if (pick < 0) pick = first; /* a cycle (an infinitely sized type): keep the order */
        ch[pick].done = true;
        buf_put(&L->types, ch[pick].s, ch[pick].n);
        for (int q = 0; q < ne; q++)
            if (from[q] == pick) indeg[to[q]]--;
    }
}

void lower_async_finish(Lower *L) {
    /* called whether or not the lowering failed: nothing is emitted then,
     * but the futures' buffers are freed */
    Buf o = { 0 };
    /* the registry is newest first: emit in creation order */
    int n = 0;
    for (AsyncFut *f = L->async_futs; f; f = f->next) n++;
    AsyncFut **all = arena_alloc(L->t->a, sizeof *all * (size_t)(n + 1));
    int k = n;
    for (AsyncFut *f = L->async_futs; f; f = f->next) all[--k] = f;
    for (int i = 0; i < n && !L->failed; i++) {
        if (!all[i]->lowered) {
            lower_unsupported(L, all[i]->span, "this `async fn`");
            break;
        }
        emit_fut(L, all[i], &o);
    }
    if (o.len) order_types(L, &o);
    buf_free(&o);
    for (AsyncFut *f = L->async_futs; f; f = f->next) {
        buf_free(&f->fields);
        buf_free(&f->params);
        buf_free(&f->callee);
    }
}

/* ------------------------------------------------- `.box` through dyn */

/* The C types of method d's parameters after the receiver, for instance
 * args (NULL entries for unit parameters); returns their count. */
static int arg_ctypes(Lower *L, Def *d, Type **args, int nargs, const char **out, int max, Span sp) {
    Type **saved = L->subst;
    int saved_n = L->nsubst;
    L->subst = args;
    L->nsubst = nargs;
    int n = 0;
    for (int i = d->fn.has_self ? 1 : 0; i < d->fn.nparams && n < max; i++) {
        Type *pt = lower_subst(L, d->fn.params[i]);
        out[n++] = lower_is_unit(pt) ? NULL : lower_ctype(L, pt, sp);
    }
    L->subst = saved;
    L->nsubst = saved_n;
    return n;
}

/* `-> impl Trait` methods (RPIT) boxed: the box holds the method's hidden
 * type and is a `Box<dyn Trait>` (lower_dyn.c's fat pointer, its vtable
 * for the hidden type). The `dyn` type of method m's `impl Trait` at
 * instance args: its first bound that is not an auto trait. */
static Type *rpit_box_type(Lower *L, Def *m, Type **args, int nargs) {
    Type *ret = m->fn.ret;
    if (!ret || ret->kind != TYPE_OPAQUE || ret->expr) return NULL;
    Type *op = ty_subst(L->t, ret, args, nargs);
    TraitRef *bounds;
    int nb = tr_opaque_bounds(L->t, op, &bounds);
    for (int i = 0; i < nb; i++)
        if (!bounds[i].trait->builtin_auto) {
            TraitRef tr = bounds[i];
            Type **bt = arena_alloc(L->t->a, sizeof(Type *) * (size_t)(tr.nbinds + 1));
            for (int k = 0; k < tr.nbinds; k++) bt[k] = tr_normalize(L->t, lower_subst(L, tr.bind_tys[k]));
            tr.bind_tys = bt;
            return ty_adt1(L->t, L->t->wk.box, ty_dyn(L->t, &tr));
        }
    return NULL;
}

/* A static call's `.box` on an RPIT method: one allocation (kind Box, at
 * the site) holding the hidden value, as a Box<dyn Trait>. */
static const char *lower_box_rpit_static(Lower *L, Expr *e, Expr *call) {
    Res *r0 = call->kind == EX_CALL ? call->lhs->res : call->res;
    Res *r = lower_resolve(L, r0, e->span);
    if (L->failed) return "0";
    if (!r || r->kind != RES_FN || !r->def->item || !r->def->item->body) {
        lower_unsupported(L, e->span, "`.box` on this call");
        return "0";
    }
    /* the hidden type: the impl method's `impl Trait` revealed */
    Type **saved = L->subst;
    int saved_n = L->nsubst;
    L->subst = r->args;
    L->nsubst = r->nargs;
    Type *hidden = lower_subst(L, r->def->fn.ret);
    L->subst = saved;
    L->nsubst = saved_n;
    Type *to = lower_subst(L, e->type);
    const char *site = box_site(L, e);
    const char *hc = lower_ctype(L, hidden, e->span);
    int n;
    const char **vals = eval_args(L, call, call->kind == EX_METHOD ? call->lhs : NULL, &n);
    Buf c = { 0 };
    buf_printf(&c, "%s(", lower_instance(L, r->def, r->args, r->nargs));
    bool first = true;
    for (int i = 0; i < n; i++)
        if (vals[i]) {
            buf_printf(&c, "%s%s", first ? "" : ", ", vals[i]);
            first = false;
        }
    buf_puts(&c, ")");
    const char *v = arena_strndup(L->t->a, c.s, c.len);
    buf_free(&c);
    const char *p = lower_temp(L);
    lower_line(L, "%s *%s = rt_alloc(RT_ALLOC_BOX, sizeof(%s), __alignof__(%s), &%s);", hc, p, hc, hc, site);
    lower_line(L, "*%s = %s;", p, v);
    const char *fat = lower_dyn_coerce(L, ty_adt1(L->t, L->t->wk.box, hidden), to, p, e->span);
    if (!fat) {
        lower_unsupported(L, e->span, "this `.box` of an `impl Trait`");
        return "0";
    }
    const char *t = lower_temp(L);
    lower_line(L, "%s %s = %s;", lower_ctype(L, to, e->span), t, fat);
    return t;
}

/* Records for explain's fut_size/fut_align (dyn_explain.c) that the boxed
 * slot of impl method m holds a value of C type ctype. A trait's default
 * body has no impl item to name: not recorded (explain says so). */
static void probe_slot(Lower *L, Def *m, const char *ctype) {
    if (!m->parent || m->parent->kind != DEF_IMPL || !m->parent->item) return;
    DbUnit *u = L->u;
    FutProbe *fp = arena_alloc(&u->arena, sizeof *fp);
    *fp = (FutProbe){ u->fut_probe, m->parent->item->span.lo, arena_strndup(&u->arena, m->name, strlen(m->name)),
                      arena_strndup(&u->arena, ctype, strlen(ctype)) };
    u->fut_probe = fp;
}

/* The slot of an RPIT method: init(slot, self, args...) stores the hidden
 * value at slot and returns the vtable of its Box<dyn Trait> (so the slot's
 * fut_vtable is unused, NULL); construct (abi=callee) allocates and
 * returns the fat pointer. */
static const char *rpit_slot(Lower *L, Def *m, Type **args, int nargs, Span sp) {
    Type *box = rpit_box_type(L, m, args, nargs);
    if (!box) {
        lower_unsupported(L, sp, "a boxed vtable slot of this method");
        return "{ 0 }";
    }
    const char *inst = lower_instance(L, m, args, nargs);
    Type **saved = L->subst;
    int saved_n = L->nsubst;
    L->subst = args;
    L->nsubst = nargs;
    Type *hidden = lower_subst(L, m->fn.ret);
    const char *hc = lower_ctype(L, hidden, sp);
    const char *sc = lower_ctype(L, m->fn.params[0], sp);
    L->subst = saved;
    L->nsubst = saved_n;
    const char *ct[64];
    int nc = arg_ctypes(L, m, args, nargs, ct, 64, sp);
    const char *name = arena_printf(L->t->a, "%s_rpit", inst);
    Buf sig = { 0 }, call = { 0 }, fwd = { 0 };
    buf_printf(&sig, "static const void *%s_init(void *slot, void *self", name);
    buf_printf(&call, "%s((%s)self", inst, sc);
    for (int i = 0; i < nc; i++)
        if (ct[i]) {
            buf_printf(&sig, ", %s a%d", ct[i], i);
            buf_printf(&call, ", a%d", i);
            buf_printf(&fwd, ", a%d", i);
        }
    buf_puts(&sig, ")");
    buf_puts(&call, ")");
    /* the vtable of Box<dyn Trait> for the hidden type, from lower_dyn.c */
    Buf *saved_cur = L->cur;
    Buf tmp = { 0 };
    L->cur = &tmp;
    const char *fat = lower_dyn_coerce(L, ty_adt1(L->t, L->t->wk.box, hidden), box, "slot", sp);
    L->cur = saved_cur;
    buf_free(&tmp);
    if (!fat) {
        lower_unsupported(L, sp, "a boxed vtable slot of this method");
        buf_free(&sig);
        buf_free(&call);
        buf_free(&fwd);
        return "{ 0 }";
    }
    buf_printf(&L->decls, "%s;\n", sig.s);
    buf_printf(&L->helpers, "%s {\n    *(%s *)slot = %s;\n    return (%s).vt;\n}\n\n", sig.s, hc, call.s, fat);
    const char *r;
    if (L->u->opts.abi == DB_ABI_CALLEE) {
        buf_free(&sig);
        buf_printf(&sig, "static dbDyn %s_construct(void *self", name);
        for (int i = 0; i < nc; i++)
            if (ct[i]) buf_printf(&sig, ", %s a%d", ct[i], i);
        buf_puts(&sig, ", RtSite *site)");
        buf_printf(&L->decls, "%s;\n", sig.s);
        buf_printf(&L->helpers,
                   "%s {\n    void *p = rt_alloc(RT_ALLOC_BOX, sizeof(%s), __alignof__(%s), site);\n"
                   "    const void *vt = %s_init(p, self%s);\n    dbDyn r = { p, vt };\n    return r;\n}\n\n",
                   sig.s, hc, hc, name, fwd.s ? fwd.s : "");
        r = arena_printf(L->t->a, "{ (RtAnyFn)%s_construct }", name);
    } else {
        r = arena_printf(L->t->a, "{ sizeof(%s), __alignof__(%s), (RtAnyFn)%s_init, RT_NULL }", hc, hc, name);
    }
    probe_slot(L, m, hc);
    buf_free(&sig);
    buf_free(&call);
    buf_free(&fwd);
    return r;
}

const char *lower_vtable_boxed_slot_ctype(Lower *L) {
    return L->u->opts.abi == DB_ABI_CALLEE ? "RtCalleeSlot" : "RtBoxedSlot";
}

/* The initializer of the boxed slot of impl method m (instance args) in a
 * vtable: {fut_size, fut_align, init, fut_vtable} or {construct}, making
 * the instance's NAME_init / NAME_construct on the side. */
const char *lower_vtable_boxed_slot(Lower *L, Def *m, Type **args, int nargs, Span sp) {
    if (m->fn.has_self && !m->fn.is_async) return rpit_slot(L, m, args, nargs, sp);
    if (!m->fn.is_async || !m->fn.has_self) {
        lower_unsupported(L, sp, "a boxed vtable slot of a method that does not take `self`");
        return "{ 0 }";
    }
    AsyncFut *f = fut_of(L, m, args, nargs, sp);
    if (!f) return "{ 0 }";
    f->vt_used = true;
    probe_slot(L, m, f->ctype);
    Local *params[64];
    Span bad = { 0, 0 };
    int np = fn_params(L, m, params, 64, &bad);
    const char *ct[64];
    int nc = arg_ctypes(L, m, args, nargs, ct, 64, sp);
    if (np < 1 || np != nc + 1) {
        lower_unsupported(L, np < 0 ? bad : sp, "the parameters of this boxed method");
        return "{ 0 }";
    }
    if (!f->slot_made) {
        f->slot_made = true;
        Buf sig = { 0 }, call = { 0 };
        buf_printf(&sig, "static void %s_init(void *slot, void *self", f->name);
        for (int i = 0; i < nc; i++)
            if (ct[i]) buf_printf(&sig, ", %s a%d", ct[i], i);
        buf_puts(&sig, ")");
        buf_printf(&L->decls, "%s;\n", sig.s);
        buf_printf(&L->helpers, "%s {\n    %s *p = slot;\n    *p = (%s){ 0 };\n    p->%s = self;\n", sig.s,
                   f->ctype, f->ctype, lower_local(L, params[0]));
        for (int i = 0; i < nc; i++)
            if (ct[i]) buf_printf(&L->helpers, "    p->%s = a%d;\n", lower_local(L, params[i + 1]), i);
        buf_puts(&L->helpers, "}\n\n");
        buf_free(&sig);
        buf_printf(&sig, "static RtBoxFuture %s_construct(void *self", f->name);
        buf_printf(&call, "%s_init(b.ptr, self", f->name);
        for (int i = 0; i < nc; i++)
            if (ct[i]) {
                buf_printf(&sig, ", %s a%d", ct[i], i);
                buf_printf(&call, ", a%d", i);
            }
        buf_puts(&sig, ", RtSite *site)");
        buf_puts(&call, ");");
        if (L->u->opts.abi == DB_ABI_CALLEE) {
            buf_printf(&L->decls, "%s;\n", sig.s);
            buf_printf(&L->helpers, "%s {\n    RtBoxFuture b = rt_boxfut_new(&%s_vt, site);\n    %s\n    return b;\n}\n\n",
                       sig.s, f->name, call.s);
        }
        buf_free(&sig);
        buf_free(&call);
    }
    if (L->u->opts.abi == DB_ABI_CALLEE) return arena_printf(L->t->a, "{ (RtAnyFn)%s_construct }", f->name);
    return arena_printf(L->t->a, "{ sizeof(%s), __alignof__(%s), (RtAnyFn)%s_init, &%s_vt }", f->ctype, f->ctype,
                        f->name, f->name);
}

/* `recv.m(args).box` with recv a `dyn Trait`: lower-core's L->dyn_slot
 * lowers the receiver to its data pointer and the slot's lvalue; the call
 * site then makes the one allocation (abi=vtable-size: of the slot's
 * fut_size/fut_align, then init) or calls construct (abi=callee). */
const char *lower_async_box_dyn(Lower *L, Expr *e, Expr *call, Res *r) {
    if (call->kind != EX_METHOD || !L->dyn_slot) {
        lower_unsupported(L, e->span, "`.box` on a call through `dyn`");
        return "0";
    }
    Def *m = r->def;
    const char *ct[64];
    Type **targs = arena_alloc(L->t->a, sizeof(Type *) * (size_t)(r->nargs + 1));
    for (int i = 0; i < r->nargs; i++) targs[i] = lower_subst(L, r->args[i]);
    int nc = arg_ctypes(L, m, targs, r->nargs, ct, 64, e->span);
    const char *data = NULL;
    const char *slot = L->dyn_slot(L, call->lhs, m, &data);
    if (L->failed || !slot || !data) return "0";
    const char *site = box_site(L, e);
    const char *vals[64];
    int nv = 0;
    for (int i = 0; i < call->args.n && nv < 64; i++) {
        Expr *a = LIST_GET(call->args, i, Expr);
        vals[nv++] = lower_consumed(L, a);
    }
    if (nv != nc) {
        lower_unsupported(L, e->span, "the arguments of this boxed call");
        return "0";
    }
    Buf ty = { 0 }, args = { 0 };
    for (int i = 0; i < nc; i++)
        if (ct[i]) {
            buf_printf(&ty, ", %s", ct[i]);
            buf_printf(&args, ", %s", vals[i]);
        }
    const char *b = lower_temp(L);
    if (!m->fn.is_async) {
        /* an `-> impl Trait` method: a Box<dyn Trait> fat pointer */
        if (L->u->opts.abi == DB_ABI_CALLEE) {
            lower_line(L, "dbDyn %s = ((dbDyn (*)(void *%s, RtSite *))(%s).construct)(%s%s, &%s);", b, ty.s ? ty.s : "",
                       slot, data, args.s ? args.s : "", site);
        } else {
            const char *sp = lower_temp(L), *p = lower_temp(L);
            lower_line(L, "const RtBoxedSlot *%s = &(%s);", sp, slot);
            lower_line(L, "void *%s = rt_alloc(RT_ALLOC_BOX, %s->fut_size, %s->fut_align, &%s);", p, sp, sp, site);
            lower_line(L, "dbDyn %s = { %s, ((const void *(*)(void *, void *%s))%s->init)(%s, %s%s) };", b, p,
                       ty.s ? ty.s : "", sp, p, data, args.s ? args.s : "");
        }
        buf_free(&ty);
        buf_free(&args);
        return b;
    }
    if (L->u->opts.abi == DB_ABI_CALLEE) {
        lower_line(L, "RtBoxFuture %s = ((RtBoxFuture (*)(void *%s, RtSite *))(%s).construct)(%s%s, &%s);", b,
                   ty.s ? ty.s : "", slot, data, args.s ? args.s : "", site);
    } else {
        const char *sp = lower_temp(L);
        lower_line(L, "const RtBoxedSlot *%s = &(%s);", sp, slot);
        lower_line(L, "RtBoxFuture %s = rt_boxfut_new_sized(%s->fut_size, %s->fut_align, %s->fut_vtable, &%s);", b, sp,
                   sp, sp, site);
        lower_line(L, "((void (*)(void *, void *%s))%s->init)(%s.ptr, %s%s);", ty.s ? ty.s : "", sp, b, data,
                   args.s ? args.s : "");
    }
    buf_free(&ty);
    buf_free(&args);
    return b;
}
