/* lower_closure.c — closures. Each closure expression becomes
 *   struct dbClo<N> { captures };      a pointer per by-reference capture,
 *                                      the value per by-move one
 *   static R dbClo<N>_call(struct dbClo<N> *env, params...);
 * Creating the closure fills the struct; calling it (directly, through a
 * reference, or as the F of a monomorphized generic fn such as an iterator
 * adaptor) passes the struct's address, whatever its Fn/FnMut/FnOnce kind:
 * FnMut bodies mutate through env, FnOnce bodies may move out of it.
 * Inside the body a captured local keeps its C name, redirected to the
 * environment by a #define that is #undef'd at the end of the body, so the
 * rest of the lowering needs no knowledge of captures. */
#include "lower.h"

/* The closures of this lowering run, by expression and by the concrete
 * types of their captures, parameters and result: a closure inside a
 * generic fn gets one struct and one body per instance. */
typedef struct ClosureSlot {
    Expr *e;
    Type **sig;
    int nsig;
    int id;
    bool struct_done;   /* its struct is in L->types */
    struct ClosureSlot *next;
} ClosureSlot;

static Type *concrete(Lower *L, Type *ty) {
    return lower_subst(L, ty);
}

static const char *local_c_name(Lower *L, Local *l) {
    return lower_local(L, l);
}

static ClosureInfo *info_of(Expr *e);

static ClosureSlot *slot_of(Lower *L, Expr *e) {
    ClosureInfo *ci = info_of(e);
    int n = ci ? ci->ncaptures + ci->nparams + 1 : 0;
    Type **sig = arena_alloc(L->t->a, sizeof(Type *) * (size_t)(n + 1));
    for (int i = 0; ci && i < ci->ncaptures; i++) sig[i] = concrete(L, ci->captures[i].local->ty);
    for (int i = 0; ci && i < ci->nparams; i++) sig[ci->ncaptures + i] = concrete(L, ci->params[i]);
    if (ci) sig[n - 1] = concrete(L, ci->ret);
    for (ClosureSlot *s = L->closure_slots; s; s = s->next) {
        if (s->e != e || s->nsig != n) continue;
        int k = 0;
        while (k < n && s->sig[k] == sig[k]) k++;
        if (k == n) return s;
    }
    ClosureSlot *s = arena_alloc(L->t->a, sizeof *s);
    s->e = e;
    s->sig = sig;
    s->nsig = n;
    s->id = L->nclosures++;
    s->struct_done = false;
    s->next = L->closure_slots;
    L->closure_slots = s;
    return s;
}

static ClosureInfo *info_of(Expr *e) {
    return e->res && e->res->kind == RES_CLOSURE ? e->res->closure : NULL;
}

const char *lower_closure_ctype(Lower *L, Type *ty, Span sp) {
    Expr *e = ty->expr;
    ClosureInfo *ci = e ? info_of(e) : NULL;
    if (!ci || ci->is_async_block) {
        lower_unsupported(L, sp, "this closure type");
        return "rt_u8";
    }
    ClosureSlot *s = slot_of(L, e);
    const char *name = arena_printf(L->t->a, "struct dbClo%d", s->id);
    if (!s->struct_done) {
        s->struct_done = true; /* before the fields: their types may mention it */
        Buf b = { 0 };
        buf_printf(&b, "%s {\n", name);
        for (int i = 0; i < ci->ncaptures; i++) {
            Local *l = ci->captures[i].local;
            const char *ct = lower_ctype(L, concrete(L, l->ty), sp);
            buf_printf(&b, "    %s %sc%d;\n", ct, ci->captures[i].mode == CAPTURE_VALUE ? "" : "*", i);
        }
        if (!ci->ncaptures) buf_puts(&b, "    rt_u8 zst_;\n");
        buf_puts(&b, "};\n");
        buf_put(&L->types, b.s, b.len);
        buf_free(&b);
    }
    return name;
}

void lower_bind_pattern(Lower *L, Pat *p, Type *ty, const char *v) {
    ty = concrete(L, ty);
    switch (p->kind) {
    case PAT_WILD: return;
    case PAT_IDENT:
        if (p->sub || p->by_ref || !p->res || !p->res->local) break;
        if (lower_is_unit(ty)) return;
        if (p->res->local->ty->flags & TF_INFER) p->res->local->ty = ty; /* left unzonked by the checker */
        lower_line(L, "%s %s = %s;", lower_ctype(L, concrete(L, p->res->local->ty), p->span), local_c_name(L, p->res->local), v);
        lower_own_local(L, p->res->local); /* dropped at the end of its scope (lower_drop.c) */
        return;
    case PAT_REF:
        if (ty->kind != TYPE_REF) break;
        lower_bind_pattern(L, p->sub, ty->inner, arena_printf(L->t->a, "(*%s)", v));
        return;
    case PAT_TUPLE:
        if (ty->kind != TYPE_TUPLE || p->elems.n != ty->nargs) break;
        for (int i = 0; i < p->elems.n; i++)
            lower_bind_pattern(L, LIST_GET(p->elems, i, Pat), ty->args[i], arena_printf(L->t->a, "%s.f%d", v, i));
        return;
    default: break;
    }
    lower_unsupported(L, p->span, "this pattern here");
}

/* Writes dbClo<N>_call: its prototype to decls, its text to helpers. */
static void lower_closure_body(Lower *L, Expr *e, ClosureInfo *ci, int id) {
    const char *sname = arena_printf(L->t->a, "struct dbClo%d", id);
    Type *ret = concrete(L, ci->ret);
    bool void_ret = lower_is_unit(ret) || ret->kind == TYPE_NEVER;
    Buf sig = { 0 };
    buf_printf(&sig, "static %s dbClo%d_call(%s *env", void_ret ? "void" : lower_ctype(L, ret, e->span), id, sname);
    for (int i = 0; i < e->params.n && i < ci->nparams; i++) {
        Type *pt = concrete(L, ci->params[i]);
        if (lower_is_unit(pt)) continue;
        buf_printf(&sig, ", %s p%d", lower_ctype(L, pt, e->span), i);
    }
    buf_puts(&sig, ")");
    buf_printf(&L->decls, "%s;\n", sig.s);

    /* a fresh fn context; the enclosing fn's is restored after */
    Buf text = { 0 };
    Buf *saved_cur = L->cur;
    int saved_depth = L->depth, saved_nloops = L->nloops;
    Type *saved_ret = L->ret_ty;
    L->cur = &text;
    L->depth = 0;
    L->nloops = 0;
    L->ret_ty = ret;
    int saved_base = L->owned_base, saved_no_move = L->no_move; /* drops: a fn of its own */
    L->owned_base = L->nowned;
    L->no_move = 0;
    buf_printf(&text, "%s {\n", sig.s);
    buf_free(&sig);
    for (int i = 0; i < ci->ncaptures; i++) {
        const char *nm = local_c_name(L, ci->captures[i].local);
        buf_printf(&text, "#define %s %s\n", nm,
                   arena_printf(L->t->a, ci->captures[i].mode == CAPTURE_VALUE ? "(env->c%d)" : "(*env->c%d)", i));
    }
    lower_line(L, "(void)env;");
    for (int i = 0; i < e->params.n && i < ci->nparams; i++) {
        Param *pm = LIST_GET(e->params, i, Param);
        lower_bind_pattern(L, pm->pat, ci->params[i], arena_printf(L->t->a, "p%d", i));
    }
    const char *v = lower_expr(L, e->lhs);
    if (!void_ret && *v && L->nowned > L->owned_base) {
        const char *rv = lower_temp(L);
        lower_line(L, "%s %s = %s;", lower_ctype(L, ret, e->span), rv, v);
        v = rv;
    }
    lower_scope_end(L, L->owned_base);
    if (!void_ret && *v) lower_line(L, "return %s;", v);
    for (int i = 0; i < ci->ncaptures; i++) buf_printf(&text, "#undef %s\n", local_c_name(L, ci->captures[i].local));
    buf_puts(&text, "}\n\n");
    L->cur = saved_cur;
    L->depth = saved_depth;
    L->nloops = saved_nloops;
    L->ret_ty = saved_ret;
    L->owned_base = saved_base;
    L->no_move = saved_no_move;
    buf_put(&L->helpers, text.s, text.len);
    buf_free(&text);
}

bool lower_closure_needs_drop(Lower *L, Type *ty) {
    ClosureInfo *ci = ty->expr ? info_of(ty->expr) : NULL;
    for (int i = 0; ci && i < ci->ncaptures; i++)
        if (ci->captures[i].mode == CAPTURE_VALUE && lower_type_needs_drop(L, concrete(L, ci->captures[i].local->ty)))
            return true;
    return false;
}

void lower_closure_drop(Lower *L, Type *ty, const char *place, Span sp) {
    ClosureInfo *ci = ty->expr ? info_of(ty->expr) : NULL;
    for (int i = 0; ci && i < ci->ncaptures; i++)
        if (ci->captures[i].mode == CAPTURE_VALUE)
            lower_drop_value(L, concrete(L, ci->captures[i].local->ty), arena_printf(L->t->a, "%s.c%d", place, i), sp);
}

const char *lower_closure(Lower *L, Expr *e) {
    ClosureInfo *ci = info_of(e);
    if (!ci || ci->is_async_block) {
        lower_unsupported(L, e->span, "this closure");
        return "0";
    }
    const char *ct = lower_closure_ctype(L, ty_closure(L->t, e), e->span);
    ClosureSlot *s = slot_of(L, e);
    /* the body once per closure expression (and per fn instance, once
     * lower-core's monomorphization re-lowers the enclosing fn) */
    lower_closure_body(L, e, ci, s->id);
    const char *t = lower_temp(L);
    lower_line(L, "%s %s;", ct, t);
    if (!ci->ncaptures) lower_line(L, "%s.zst_ = 0;", t);
    for (int i = 0; i < ci->ncaptures; i++) {
        const char *nm = local_c_name(L, ci->captures[i].local);
        if (ci->captures[i].mode == CAPTURE_VALUE) {
            lower_line(L, "%s.c%d = %s;", t, i, nm);
            lower_moved_local(L, ci->captures[i].local); /* the closure owns it now (lower_drop.c) */
        }
        else lower_line(L, "%s.c%d = &%s;", t, i, nm);
    }
    return t;
}

const char *lower_closure_call_fn(Lower *L, Type *ty, Span sp) {
    ty = concrete(L, ty);
    if (ty->kind != TYPE_CLOSURE || !ty->expr || !info_of(ty->expr)) return NULL;
    lower_closure_ctype(L, ty, sp);
    return arena_printf(L->t->a, "dbClo%d_call", slot_of(L, ty->expr)->id);
}

const char *lower_closure_call(Lower *L, Expr *e) {
    Expr *callee = e->lhs;
    Type *ct = concrete(L, callee->type);
    int nref = 0;
    while (ct->kind == TYPE_REF) ct = concrete(L, ct->inner), nref++;
    if (ct->kind != TYPE_CLOSURE || !ct->expr) return NULL;
    ClosureInfo *ci = info_of(ct->expr);
    if (!ci) return NULL;
    ClosureSlot *s = slot_of(L, ct->expr);
    lower_closure_ctype(L, ct, e->span);
    /* the environment's address: the callee place, or a reference to it */
    const char *f = lower_expr(L, callee);
    const char *env;
    if (nref == 0) {
        bool lvalue = (f[0] == 'l' || f[0] == 't' || (f[0] == '(' && f[1] == '*'));
        if (!lvalue) {
            const char *t = lower_temp(L);
            lower_line(L, "%s %s = %s;", lower_ctype(L, ct, e->span), t, f);
            f = t;
        }
        env = arena_printf(L->t->a, "(&%s)", f);
    } else {
        env = f;
        for (int i = 1; i < nref; i++) env = arena_printf(L->t->a, "(*%s)", env);
    }
    Buf b = { 0 };
    buf_printf(&b, "dbClo%d_call(%s", s->id, env);
    for (int i = 0; i < e->args.n; i++) {
        Expr *a = LIST_GET(e->args, i, Expr);
        const char *v = lower_expr(L, a);
        if (lower_is_unit(concrete(L, a->type))) continue;
        buf_printf(&b, ", %s", v);
    }
    buf_puts(&b, ")");
    const char *call = arena_strndup(L->t->a, b.s, b.len);
    buf_free(&b);
    Type *ret = concrete(L, ci->ret);
    if (lower_is_unit(ret) || ret->kind == TYPE_NEVER) {
        lower_line(L, "%s;", call);
        return "";
    }
    const char *t = lower_temp(L);
    lower_line(L, "%s %s = %s;", lower_ctype(L, ret, e->span), t, call);
    return t;
}
