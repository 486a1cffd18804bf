/* lower_mono.c — monomorphization: every generic fn, method and type is
 * lowered once per list of concrete generic arguments. An instance is a
 * (Def, args) pair with a readable C name (`dbF_Vec_u64_push_3`); calls
 * queue instances on a worklist that db_emit_c drains after the crate's own
 * items. Within an instance, lower_subst replaces the fn's parameters with
 * its arguments, normalizes projections (`<T as Iterator>::Item`) and
 * reveals `impl Trait` return types. Trait methods reached through a
 * parameter (`x.clone()` with `x: T`) are resolved to their impl (or the
 * trait's default body) per instance. */
#include "lower.h"

#include <stdio.h>

/* One lowered fn instance. */
typedef struct LowerInst {
    Def *fn;
    Type **args;
    int nargs;
    const char *name;
    bool queued;
    struct ClosureSig *sigs;      /* closure signatures of the instance queuing it */
    struct LowerInst *next;       /* all instances */
    struct LowerInst *next_todo;  /* worklist */
} LowerInst;

/* The C type of one concrete struct/enum type. */
typedef struct LowerAdt {
    Type *ty;
    const char *name;
    struct LowerAdt *next;
} LowerAdt;

/* ------------------------------------------------------------ subst */

static Type *reveal(Lower *L, Type *ty, int depth);

static Type **reveal_all(Lower *L, Type **args, int n, int depth, bool *changed) {
    Type **out = arena_alloc(L->t->a, sizeof(Type *) * (size_t)(n + 1));
    for (int i = 0; i < n; i++) {
        out[i] = reveal(L, args[i], depth);
        if (out[i] != args[i]) *changed = true;
    }
    return out;
}

static Type *reveal(Lower *L, Type *ty, int depth);

/* The `impl Trait` a trait method declares (`fn items(&self) -> impl
 * Iterator<Item = u64>`), called statically with a concrete Self: the
 * hidden type of the impl's method — its own `impl Trait`, or the concrete
 * type it declares (`-> CornerIter`). ty unchanged when Self is not known
 * yet or the impl's method is the trait's default body. */
static Type *reveal_trait_opaque(Lower *L, Type *ty, int depth) {
    Def *tr = ty->def->parent;
    if (!tr || tr->kind != DEF_TRAIT || ty->nargs < 1 || ty->args[0]->kind == TYPE_DYN ||
        (ty->args[0]->flags & (TF_PARAM | TF_INFER)))
        return ty;
    Res r = { 0 };
    r.kind = RES_FN;
    r.def = ty->def;
    r.args = ty->args;
    r.nargs = ty->nargs;
    r.dispatch = DISPATCH_STATIC;
    Res *o = lower_resolve(L, &r, (Span){ 0, 0 });
    Def *m = o->def;
    if (!m || m == ty->def || m->fn.is_async) return ty;
    Type *hidden = NULL;
    if (ty->id < (uint32_t)m->fn.nopaques && !m->fn.opaques[ty->id].is_future)
        hidden = m->fn.opaques[ty->id].concrete;
    else if (m->fn.nopaques == 0 && ty->def->fn.nopaques == 1)
        hidden = m->fn.ret;
    if (!hidden) return ty;
    return reveal(L, tr_normalize(L->t, ty_subst(L->t, hidden, o->args, o->nargs)), depth + 1);
}

/* Replaces opaque `impl Trait` types (not futures: the async lowering's)
 * with their hidden types. */
static Type *reveal(Lower *L, Type *ty, int depth) {
    if (!ty || !(ty->flags & TF_OPAQUE) || depth > 20) return ty;
    Tcx *t = L->t;
    bool ch = false;
    switch (ty->kind) {
    case TYPE_OPAQUE: {
        if (ty->expr || !ty->def || ty->id >= (uint32_t)ty->def->fn.nopaques) return ty;
        Opaque *op = &ty->def->fn.opaques[ty->id];
        if (op->is_future) return ty;
        if (!op->concrete) return reveal_trait_opaque(L, ty, depth);
        Type *c = ty_subst(t, op->concrete, ty->args, ty->nargs);
        return reveal(L, tr_normalize(t, c), depth + 1);
    }
    case TYPE_ADT: {
        Type **a = reveal_all(L, ty->args, ty->nargs, depth, &ch);
        return ch ? ty_adt(t, ty->def, a, ty->nargs) : ty;
    }
    case TYPE_TUPLE: {
        Type **a = reveal_all(L, ty->args, ty->nargs, depth, &ch);
        return ch ? ty_tuple(t, a, ty->nargs) : ty;
    }
    case TYPE_REF: return ty_ref(t, reveal(L, ty->inner, depth), ty->mut_);
    case TYPE_PTR: return ty_ptr(t, reveal(L, ty->inner, depth), ty->mut_);
    case TYPE_SLICE: return ty_slice(t, reveal(L, ty->inner, depth));
    case TYPE_ARRAY: return ty_array(t, reveal(L, ty->inner, depth), ty->id);
    default: return ty;
    }
}

/* Re-interns ty from its parts. The checker can leave an interned type
 * whose argument array a Res shared and zonked in place (check_pat.c sets
 * Res.args = the type's args): its flags still say TF_INFER though no
 * variable is left; the same type built afresh is the right one. */
static Type *reintern(Lower *L, Type *ty, int depth) {
    if (!ty || !(ty->flags & TF_INFER) || depth > 40) return ty;
    Tcx *t = L->t;
    if (ty->kind == TYPE_INFER) return ty_zonk(t, ty, true);
    Type **a = arena_alloc(t->a, sizeof(Type *) * (size_t)(ty->nargs + 1));
    for (int i = 0; i < ty->nargs; i++) a[i] = reintern(L, ty->args[i], depth + 1);
    switch (ty->kind) {
    case TYPE_ADT: return ty_adt(t, ty->def, a, ty->nargs);
    case TYPE_TUPLE: return ty_tuple(t, a, ty->nargs);
    case TYPE_REF: return ty_ref(t, reintern(L, ty->inner, depth + 1), ty->mut_);
    case TYPE_PTR: return ty_ptr(t, reintern(L, ty->inner, depth + 1), ty->mut_);
    case TYPE_SLICE: return ty_slice(t, reintern(L, ty->inner, depth + 1));
    case TYPE_ARRAY: return ty_array(t, reintern(L, ty->inner, depth + 1), ty->id);
    case TYPE_FNDEF: return ty_fndef(t, ty->def, a, ty->nargs);
    default: return ty;
    }
}

Type *lower_subst(Lower *L, Type *ty) {
    if (!ty) return ty;
    if (ty->flags & TF_INFER) ty = reintern(L, ty_zonk(L->t, ty, true), 0);
    if (L->nsubst && (ty->flags & TF_PARAM)) ty = ty_subst(L->t, ty, L->subst, L->nsubst);
    if (ty->flags & TF_PROJ) ty = tr_normalize(L->t, ty);
    if (ty->flags & TF_OPAQUE) ty = reveal(L, ty, 0);
    if (ty->flags & TF_PROJ) ty = tr_normalize(L->t, ty);
    return ty;
}

/* --------------------------------------------------------- mangling */

/* A readable identifier part for ty: `Vec<String>` -> Vec_String. */
const char *lower_type_tag(Lower *L, Type *ty) {
    const char *s = ty_str(L->t, ty);
    Buf b = { 0 };
    bool sep = false;
    for (const char *p = s; *p && b.len < 40; p++) {
        char c = *p;
        bool id = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (id) {
            if (sep && b.len) buf_putc(&b, '_');
            buf_putc(&b, c);
            sep = false;
        } else if (c == '&') {
            if (b.len) buf_putc(&b, '_');
            buf_puts(&b, "ref");
            sep = true;
        } else {
            sep = true;
        }
    }
    const char *r = arena_strndup(L->t->a, b.s ? b.s : "", b.len);
    buf_free(&b);
    return r;
}

/* An identifier part for a user name: ASCII letters and digits as they
 * are, any other byte as _hh. */
static void put_ident(Buf *b, const char *name) {
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        unsigned char c = *p;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) buf_putc(b, (char)c);
        else buf_printf(b, "_%02x", c);
    }
}

/* --------------------------------------------------------- ADT types */

static const char *field_ctype(Lower *L, Type *ty, Span sp, bool *skip) {
    ty = lower_subst(L, ty);
    *skip = lower_is_unit(ty);
    return *skip ? NULL : lower_ctype(L, ty, sp);
}

/* The C struct of the concrete struct or enum type ty (fields f0, f1, ...
 * in order; an enum is a tag and a union of one struct per variant; ()
 * fields take no room). Defined after the types its fields contain. */
const char *lower_adt_ctype(Lower *L, Type *ty, Span sp) {
    for (LowerAdt *a = L->adts; a; a = a->next)
        if (a->ty == ty) return a->name;
    Def *d = ty->def;
    Buf nb = { 0 };
    buf_printf(&nb, "struct db%s_", d->kind == DEF_ENUM ? "E" : "S");
    put_ident(&nb, d->name);
    if (ty->nargs) buf_printf(&nb, "_%s_%d", lower_type_tag(L, ty), L->nadts);
    LowerAdt *a = arena_alloc(L->t->a, sizeof *a);
    a->ty = ty;
    a->name = arena_strndup(L->t->a, nb.s, nb.len);
    a->next = L->adts;
    L->adts = a;
    L->nadts++;
    buf_free(&nb);
    /* the fields are concrete in the type's own arguments, not the fn's */
    Type **saved = L->subst;
    int nsaved = L->nsubst;
    L->subst = ty->args;
    L->nsubst = ty->nargs;
    Buf b = { 0 };
    buf_printf(&b, "%s {\n", a->name);
    bool skip;
    if (d->kind == DEF_STRUCT) {
        int n = 0;
        for (int i = 0; i < d->nfields; i++) {
            const char *ct = field_ctype(L, d->fields[i].ty, sp, &skip);
            if (!skip) buf_printf(&b, "    %s f%d;\n", ct, i), n++;
        }
        if (!n) buf_puts(&b, "    rt_u8 zst_;\n"); /* C has no empty structs */
    } else {
        buf_puts(&b, "    rt_u32 tag;\n    union {\n");
        for (int v = 0; v < d->nvariants; v++) {
            Def *var = d->variants[v];
            buf_puts(&b, "        struct {");
            int n = 0;
            for (int i = 0; i < var->nfields; i++) {
                const char *ct = field_ctype(L, var->fields[i].ty, sp, &skip);
                if (!skip) buf_printf(&b, " %s f%d;", ct, i), n++;
            }
            if (!n) buf_puts(&b, " rt_u8 zst_;");
            buf_printf(&b, " } v%d;\n", v);
        }
        buf_puts(&b, "    } u;\n");
    }
    buf_puts(&b, "};\n");
    L->subst = saved;
    L->nsubst = nsaved;
    buf_put(&L->types, b.s, b.len);
    buf_free(&b);
    return a->name;
}

/* A closure written inside a generic fn has a signature naming the fn's
 * parameters, which no trait goal of a concrete instance can match
 * (`Map<Iter<i32>, F>: Iterator` needs `F: FnMut(&i32) -> B`). While an
 * instance is lowered, the signatures of the closures met in its types
 * are substituted; lower_drain_instances restores them after it. */
typedef struct ClosureSig {
    ClosureInfo *ci;
    Type **params, *ret, **caps; /* the values to put back (or to apply) */
    struct ClosureSig *next;
} ClosureSig;

/* Sets ci's signature and capture types to params/ret/caps; returns the
 * previous ones as a record (for restoring). */
static ClosureSig *set_sig(Lower *L, ClosureInfo *ci, Type **params, Type *ret, Type **caps) {
    ClosureSig *c = arena_alloc(L->t->a, sizeof *c);
    c->ci = ci, c->params = ci->params, c->ret = ci->ret;
    c->caps = arena_alloc(L->t->a, sizeof(Type *) * (size_t)(ci->ncaptures + 1));
    for (int i = 0; i < ci->ncaptures; i++) {
        c->caps[i] = ci->captures[i].local->ty;
        ci->captures[i].local->ty = caps[i];
    }
    ci->params = params;
    ci->ret = ret;
    c->next = L->closure_sigs;
    L->closure_sigs = c;
    return c;
}

static ClosureInfo *closure_info(Type *ty) {
    return ty && ty->kind == TYPE_CLOSURE && ty->expr && ty->expr->res && ty->expr->res->kind == RES_CLOSURE ? ty->expr->res->closure
                                                                                                           : NULL;
}

void lower_closure_sigs(Lower *L, Type *ty) {
    if (!ty || !L->nsubst) return;
    ClosureInfo *ci = closure_info(ty);
    if (ci) {
        for (ClosureSig *c = L->closure_sigs; c; c = c->next)
            if (c->ci == ci) return;
        bool generic = ci->ret && lower_subst(L, ci->ret) != ci->ret;
        for (int i = 0; i < ci->nparams; i++) generic |= lower_subst(L, ci->params[i]) != ci->params[i];
        for (int i = 0; i < ci->ncaptures; i++) generic |= lower_subst(L, ci->captures[i].local->ty) != ci->captures[i].local->ty;
        if (!generic) return;
        Type **ps = arena_alloc(L->t->a, sizeof(Type *) * (size_t)(ci->nparams + 1));
        for (int i = 0; i < ci->nparams; i++) ps[i] = lower_subst(L, ci->params[i]);
        Type **cs = arena_alloc(L->t->a, sizeof(Type *) * (size_t)(ci->ncaptures + 1));
        for (int i = 0; i < ci->ncaptures; i++) cs[i] = lower_subst(L, ci->captures[i].local->ty);
        set_sig(L, ci, ps, ci->ret ? lower_subst(L, ci->ret) : NULL, cs);
        return;
    }
    if (ty->kind == TYPE_REF) lower_closure_sigs(L, ty->inner);
    if (ty->kind == TYPE_ADT || ty->kind == TYPE_TUPLE)
        for (int i = 0; i < ty->nargs; i++) lower_closure_sigs(L, ty->args[i]);
}

static void restore_closure_sigs(Lower *L) {
    for (ClosureSig *c = L->closure_sigs; c; c = c->next) {
        for (int i = 0; i < c->ci->ncaptures; i++) c->ci->captures[i].local->ty = c->caps[i];
        c->ci->params = c->params, c->ci->ret = c->ret;
    }
    L->closure_sigs = NULL;
}

/* The substituted signatures of the closures inside ty, as records to
 * apply when an instance queued now is lowered. */
static ClosureSig *snapshot_sigs(Lower *L, Type *ty, ClosureSig *acc) {
    if (!ty) return acc;
    ClosureInfo *ci = closure_info(ty);
    if (ci) {
        for (ClosureSig *c = L->closure_sigs; c; c = c->next)
            if (c->ci == ci) {
                ClosureSig *n = arena_alloc(L->t->a, sizeof *n);
                n->ci = ci, n->params = ci->params, n->ret = ci->ret;
                n->caps = arena_alloc(L->t->a, sizeof(Type *) * (size_t)(ci->ncaptures + 1));
                for (int i = 0; i < ci->ncaptures; i++) n->caps[i] = ci->captures[i].local->ty;
                n->next = acc;
                return n;
            }
        return acc;
    }
    if (ty->kind == TYPE_REF) return snapshot_sigs(L, ty->inner, acc);
    if (ty->kind == TYPE_ADT || ty->kind == TYPE_TUPLE)
        for (int i = 0; i < ty->nargs; i++) acc = snapshot_sigs(L, ty->args[i], acc);
    return acc;
}

/* --------------------------------------------------------- instances */

static bool args_eq(Type **a, Type **b, int n) {
    for (int i = 0; i < n; i++)
        if (a[i] != b[i]) return false;
    return true;
}

const char *lower_instance(Lower *L, Def *fn, Type **args, int nargs) {
    for (LowerInst *in = L->insts; in; in = in->next)
        if (in->fn == fn && in->nargs == nargs && args_eq(in->args, args, nargs)) return in->name;
    LowerInst *in = arena_alloc(L->t->a, sizeof *in);
    in->fn = fn;
    in->nargs = nargs;
    in->args = arena_alloc(L->t->a, sizeof(Type *) * (size_t)(nargs + 1));
    copy_n(in->args, args, sizeof(Type *) * (size_t)nargs);
    in->sigs = NULL;
    for (int i = 0; i < nargs && L->closure_sigs; i++) in->sigs = snapshot_sigs(L, args[i], in->sigs);
    Buf b = { 0 };
    buf_puts(&b, "dbF_");
    Def *p = fn->parent;
    if (p && p->kind == DEF_IMPL && p->self_ty) {
        Type *self = lower_subst(L, ty_subst(L->t, p->self_ty, args, nargs));
        buf_printf(&b, "%s_", lower_type_tag(L, self));
    } else if (p && p->kind == DEF_TRAIT) {
        put_ident(&b, p->name);
        buf_putc(&b, '_');
        if (nargs) buf_printf(&b, "%s_", lower_type_tag(L, args[0]));
    }
    put_ident(&b, fn->name);
    int own_from = p && (p->kind == DEF_IMPL || p->kind == DEF_TRAIT) ? fn->gen.nparent : 0;
    for (int i = own_from; i < nargs && b.len < 60; i++) buf_printf(&b, "_%s", lower_type_tag(L, args[i]));
    buf_printf(&b, "_%d", L->nfns++);
    in->name = arena_strndup(L->t->a, b.s, b.len);
    buf_free(&b);
    in->next = L->insts;
    L->insts = in;
    /* queue it: lowered after the current fn */
    in->next_todo = NULL;
    if (L->todo_tail) L->todo_tail->next_todo = in;
    else L->todo = in;
    L->todo_tail = in;
    return in->name;
}

void lower_drain_instances(Lower *L) {
    while (L->todo && !L->failed) {
        LowerInst *in = L->todo;
        L->todo = in->next_todo;
        if (!L->todo) L->todo_tail = NULL;
        if (!in->fn->item || !in->fn->item->body) {
            lower_unsupported(L, in->fn->span, "a fn without a body");
            return;
        }
        for (ClosureSig *c = in->sigs; c; c = c->next) set_sig(L, c->ci, c->params, c->ret, c->caps);
        lower_fn_instance(L, in->fn->item, in->args, in->nargs, in->name);
        restore_closure_sigs(L);
    }
}

/* ---------------------------------------------------- trait dispatch */

static Def *impl_member(Def *impl, Sym name) {
    for (int i = 0; i < impl->nmembers; i++)
        if (impl->members[i]->kind == DEF_FN && impl->members[i]->name == name) return impl->members[i];
    return NULL;
}

Res *lower_resolve(Lower *L, Res *r, Span sp) {
    if (!r || r->kind != RES_FN) return r;
    Tcx *t = L->t;
    Res *o = arena_alloc(t->a, sizeof *o);
    *o = *r;
    o->args = arena_alloc(t->a, sizeof(Type *) * (size_t)(r->nargs + 1));
    for (int i = 0; i < r->nargs; i++) o->args[i] = lower_subst(L, ty_zonk(t, r->args[i], true));
    if (r->self_ty) o->self_ty = lower_subst(L, ty_zonk(t, r->self_ty, true));
    Def *tr = r->def->parent;
    if (!tr || tr->kind != DEF_TRAIT || r->dispatch == DISPATCH_DYN) return o;
    if (r->dispatch != DISPATCH_PARAM && r->dispatch != DISPATCH_STATIC && r->dispatch != DISPATCH_BUILTIN) return o;
    /* a trait's method: find the impl for the concrete Self */
    int ntr = tr->gen.n; /* Self and the trait's own parameters */
    if (o->nargs < ntr) return o;
    Type *self = o->args[0];
    for (int i = 0; i < o->nargs; i++) lower_closure_sigs(L, o->args[i]);
    if (self->kind == TYPE_DYN) { /* `I: Trait + ?Sized` at I = dyn Trait: through the vtable */
        o->self_ty = self;
        o->trait = tr;
        o->dispatch = DISPATCH_DYN;
        return o;
    }
    TraitRef *tref = ty_traitref(t, tr, o->args + 1, ntr - 1);
    Selection sel = { 0 };
    if (tr_solve(t, self, tref, false, &sel) != SOLVE_YES) {
        if (lower_is_intrinsic(L, o)) return o; /* the runtime's, decided on Self (Vec::extend...) */
        lower_unsupported(L, sp, arena_printf(t->a, "a call of `%s::%s` on `%s`", tr->name, r->def->name, ty_str(t, self)));
        return o;
    }
    o->self_ty = self;
    o->trait = tr;
    if (sel.builtin || !sel.impl) {
        o->dispatch = DISPATCH_BUILTIN;
        return o;
    }
    Def *m = impl_member(sel.impl, r->def->name);
    o->impl = sel.impl;
    o->dispatch = DISPATCH_STATIC;
    if (!m) return o; /* the trait's default body, with Self = self */
    int nimpl = sel.impl->gen.n;
    int nown = o->nargs - ntr;
    Type **a = arena_alloc(t->a, sizeof(Type *) * (size_t)(nimpl + nown + 1));
    for (int i = 0; i < nimpl; i++) a[i] = lower_subst(L, ty_zonk(t, sel.impl_args[i], true));
    for (int i = 0; i < nown; i++) a[nimpl + i] = o->args[ntr + i];
    o->def = m;
    o->args = a;
    o->nargs = nimpl + nown;
    return o;
}
