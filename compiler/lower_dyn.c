/* lower_dyn.c — `dyn Trait` (DESIGN.md section 5). `&dyn T`, `&mut dyn T`
 * and `Box<dyn T>` are one C fat pointer `dbDyn {data, vt}`. Per dyn type
 * a vtable struct `struct dbVT_<n>` follows the dyn analyzer's slot list
 * (DynTrait.slots: header {drop, size, align}, one fn pointer per
 * `vtable`-class method in declaration order, rustc's supertrait segments
 * with a pointer to a supertrait's own vtable where upcasting needs one,
 * and the async lowering's slot for `boxed`-class methods). Per (dyn type,
 * concrete type) one constant vtable whose method slots are thunks taking
 * `void *self` and calling the impl's instance. A call through dyn loads
 * the slot; dropping a `Box<dyn T>` calls the vtable's drop and frees. */
#include "lower.h"

#include "dyn.h"

typedef struct VtType {
    Type *dyn;          /* the dyn type (interned) */
    const DynTrait *dt; /* NULL for a standard library trait (std_slots) */
    const char *name;   /* struct dbVT_<n> */
    const char *fmt_fn; /* dyn Display/Debug: the RtFmtFn formatting a fat pointer */
    struct VtType *next;
} VtType;

typedef struct VtInst {
    Type *dyn, *self;
    const char *name;
    struct VtInst *next;
} VtInst;

static const char *fat_type(Lower *L) {
    if (!L->fat_defined) {
        L->fat_defined = true;
        buf_puts(&L->types, "typedef struct dbDyn { void *data; const void *vt; } dbDyn;\n");
    }
    return "dbDyn";
}

/* The dyn type a fat pointer type points to, or NULL. */
static Type *dyn_of(Lower *L, Type *ty) {
    ty = lower_subst(L, ty);
    if (ty->kind == TYPE_REF && ty->inner->kind == TYPE_DYN) return ty->inner;
    if (ty->kind == TYPE_ADT && ty->def == L->t->wk.box && ty->nargs == 1 && ty->args[0]->kind == TYPE_DYN)
        return ty->args[0];
    return NULL;
}

const char *lower_dyn_ctype(Lower *L, Type *ty, Span sp) {
    Type *d = dyn_of(L, ty);
    if (!d) return NULL;
    if (d->tr->trait == L->t->wk.future) return NULL; /* the async lowering's */
    (void)sp;
    return fat_type(L);
}

static const DynTrait *dyn_trait_of(Lower *L, Def *trait, Span sp) {
    const DynTrait *dt = trait->prelude ? NULL : dyn_trait(L->u, trait->name);
    if (!dt || !dt->item || dt->item->def != trait) {
        lower_unsupported(L, sp, arena_printf(L->t->a, "`dyn %s` (a trait of the standard library)", trait->name));
        return NULL;
    }
    return dt;
}

/* Method m of the trait behind `dyn`, with the dyn type's trait arguments:
 * its parameter and return types (Self never occurs in a dispatchable
 * signature but the receiver). */
static Type *sig_type(Lower *L, Type *dyn, Type *ty) {
    Type **args = arena_alloc(L->t->a, sizeof(Type *) * (size_t)(dyn->tr->nargs + 2));
    args[0] = dyn;
    for (int i = 0; i < dyn->tr->nargs; i++) args[i + 1] = dyn->tr->args[i];
    return lower_subst(L, ty_subst(L->t, ty, args, dyn->tr->nargs + 1));
}

/* `R (*)(void *self, P...)` pieces of m: the return C type ("void" for ()
 * and !) and the parameter list after self. */
static void method_sig(Lower *L, Type *dyn, Def *m, const char **ret, const char **params, Span sp) {
    Type *rt = sig_type(L, dyn, m->fn.ret);
    *ret = lower_is_unit(rt) || rt->kind == TYPE_NEVER ? "void" : lower_ctype(L, rt, sp);
    Buf b = { 0 };
    buf_puts(&b, "void *self");
    for (int i = 1; i < m->fn.nparams; i++) {
        Type *pt = sig_type(L, dyn, m->fn.params[i]);
        if (pt->flags & (TF_PARAM | TF_PROJ)) {
            lower_unsupported(L, sp, "a method through `dyn` whose signature uses associated types or generics");
            break;
        }
        if (!lower_is_unit(pt)) buf_printf(&b, ", %s", lower_ctype(L, pt, sp));
    }
    *params = arena_strndup(L->t->a, b.s, b.len);
    buf_free(&b);
}

/* ------------------------------------------- standard library traits */

/* Standard library traits behind `dyn`: the header {drop, size, align}
 * and one slot. `dyn Iterator<Item = T>`: `next` as
 * `Option<T> (*s3)(void *self)`; `dyn Display` / `dyn Debug`: the
 * concrete type's RtFmtFn (lower_fmt_fn). The checker has no DynTrait for
 * prelude traits, so their layout is fixed here. */
static bool is_std_trait(Lower *L, Def *trait) {
    return trait == L->t->wk.iterator || trait == L->t->wk.display || trait == L->t->wk.debug;
}

/* "display" / "debug" for dyn Display / dyn Debug, NULL otherwise. */
static const char *std_fmt_trait(Lower *L, Def *trait) {
    return trait == L->t->wk.display ? "display" : trait == L->t->wk.debug ? "debug" : NULL;
}

/* Item of `dyn Iterator<Item = T>`: T (substituted), NULL if unbound. */
static Type *std_item(Lower *L, Type *dyn) {
    for (int i = 0; i < dyn->tr->nbinds; i++)
        if (dyn->tr->bind_names[i] == L->t->wk.s_item) return lower_subst(L, dyn->tr->bind_tys[i]);
    return NULL;
}

static VtType *std_vt_type(Lower *L, Type *dyn, Span sp) {
    bool fmt = std_fmt_trait(L, dyn->tr->trait) != NULL;
    Type *item = fmt ? NULL : std_item(L, dyn);
    if (!fmt && (!item || (item->flags & (TF_PARAM | TF_PROJ | TF_INFER)))) {
        lower_unsupported(L, sp, "`dyn Iterator` without a concrete `Item`");
        return NULL;
    }
    VtType *v = arena_alloc(L->t->a, sizeof *v);
    v->dyn = dyn;
    v->dt = NULL;
    v->name = arena_printf(L->t->a, "struct dbVT_%d_%s", L->nvt++, lower_type_tag(L, dyn));
    v->next = L->vt_types;
    L->vt_types = v;
    const char *slot = fmt ? "RtFmtFn s3" : arena_printf(L->t->a, "%s (*s3)(void *)", lower_ctype(L, ty_adt1(L->t, L->t->wk.option, item), sp));
    buf_printf(&L->types, "%s {\n    void (*s0)(void *);\n    rt_usize s1;\n    rt_usize s2;\n    %s;\n};\n", v->name, slot);
    return v;
}

/* The C function `Option<T> name(void *self)` advancing an iterator of
 * type self (a user `impl Iterator` or a runtime iterator), written on
 * the side with a fresh fn context. */
static const char *std_next_thunk(Lower *L, Type *dyn, Type *self, Span sp) {
    Type *opt = ty_adt1(L->t, L->t->wk.option, std_item(L, dyn));
    const char *name = arena_printf(L->t->a, "dbVTT%d_%s", L->nhelpers++, lower_type_tag(L, self));
    const char *proto = arena_printf(L->t->a, "static %s %s(void *self)", lower_ctype(L, opt, sp), name);
    buf_printf(&L->decls, "%s;\n", proto);
    Buf text = { 0 };
    Buf *saved_cur = L->cur;
    int saved_depth = L->depth, saved_nloops = L->nloops;
    Type *saved_ret = L->ret_ty;
    int saved_base = L->owned_base, saved_no_move = L->no_move;
    Type **saved_subst = L->subst;
    int saved_nsubst = L->nsubst;
    L->cur = &text;
    L->depth = 0;
    L->nloops = 0;
    L->ret_ty = opt;
    L->owned_base = L->nowned;
    L->no_move = 0;
    L->subst = NULL;
    L->nsubst = 0;
    buf_printf(&text, "%s {\n", proto);
    const char *v = lower_iter_next(L, self, arena_printf(L->t->a, "((%s *)self)", lower_ctype(L, self, sp)), sp);
    lower_scope_end(L, L->owned_base);
    lower_line(L, "return %s;", v);
    buf_puts(&text, "}\n\n");
    L->cur = saved_cur;
    L->depth = saved_depth;
    L->nloops = saved_nloops;
    L->ret_ty = saved_ret;
    L->owned_base = saved_base;
    L->no_move = saved_no_move;
    L->subst = saved_subst;
    L->nsubst = saved_nsubst;
    buf_put(&L->helpers, text.s, text.len);
    buf_free(&text);
    return name;
}

static const char *drop_thunk(Lower *L, Type *self, Span sp);
static VtType *vt_type(Lower *L, Type *dyn, Span sp);

/* The constant vtable of `self as dyn Iterator<Item = T>`. */
static void std_vt_body(Lower *L, VtType *vt, Type *self, Buf *b, Span sp) {
    const char *ct = lower_ctype(L, self, sp);
    buf_printf(b, "    %s,\n    sizeof(%s),\n    __alignof__(%s),\n", drop_thunk(L, self, sp), ct, ct);
    const char *trait = std_fmt_trait(L, vt->dyn->tr->trait);
    if (!trait) {
        buf_printf(b, "    %s,\n", std_next_thunk(L, vt->dyn, self, sp));
        return;
    }
    const char *fn = lower_fmt_fn(L, self, trait, sp);
    if (!fn) {
        lower_unsupported(L, sp, arena_printf(L->t->a, "`%s` as `dyn %s`", ty_str(L->t, self), vt->dyn->tr->trait->name));
        fn = "0";
    }
    buf_printf(b, "    %s,\n", fn);
}

const char *lower_dyn_fmt_fn(Lower *L, Type *ty, const char *trait, Span sp) {
    Type *dyn = dyn_of(L, ty);
    const char *own = dyn ? std_fmt_trait(L, dyn->tr->trait) : NULL;
    if (!own) return NULL;
    if (strcmp(own, trait)) return NULL; /* the checker rejected it already */
    VtType *vt = vt_type(L, dyn, sp);
    if (!vt) return "0";
    if (vt->fmt_fn) return vt->fmt_fn;
    vt->fmt_fn = arena_printf(L->t->a, "dbVTF%d_%s", L->nhelpers++, trait);
    const char *proto = arena_printf(L->t->a, "static rt_i32 %s(const void *v, RtFormatter *f)", vt->fmt_fn);
    buf_printf(&L->decls, "%s;\n", proto);
    buf_printf(&L->helpers, "%s {\n    const dbDyn *d = (const dbDyn *)v;\n    return ((const %s *)d->vt)->s3(d->data, f);\n}\n\n", proto,
               vt->name);
    return vt->fmt_fn;
}

const char *lower_dyn_iter_next(Lower *L, Type *ity, const char *it, Span sp) {
    ity = lower_subst(L, ity);
    Type *dyn = dyn_of(L, ity);
    if (!dyn || dyn->tr->trait != L->t->wk.iterator) return NULL;
    VtType *vt = vt_type(L, dyn, sp);
    if (!vt) return "0";
    const char *t = lower_temp(L);
    lower_line(L, "%s %s = ((const %s *)(%s)->vt)->s3((%s)->data);", lower_ctype(L, ty_adt1(L->t, L->t->wk.option, std_item(L, dyn)), sp),
               t, vt->name, it, it);
    return t;
}

/* The vtable struct of dyn type `dyn`. */
static VtType *vt_type(Lower *L, Type *dyn, Span sp) {
    for (VtType *v = L->vt_types; v; v = v->next)
        if (v->dyn == dyn) return v;
    if (is_std_trait(L, dyn->tr->trait)) return std_vt_type(L, dyn, sp);
    const DynTrait *dt = dyn_trait_of(L, dyn->tr->trait, sp);
    if (!dt) return NULL;
    VtType *v = arena_alloc(L->t->a, sizeof *v);
    v->dyn = dyn;
    v->dt = dt;
    v->name = arena_printf(L->t->a, "struct dbVT_%d_%s", L->nvt++, lower_type_tag(L, dyn));
    v->next = L->vt_types;
    L->vt_types = v;
    Buf b = { 0 };
    buf_printf(&b, "%s {\n", v->name);
    for (int i = 0; i < dt->slots.n; i++) {
        const DynSlot *s = LIST_GET(dt->slots, i, DynSlot);
        switch (s->kind) {
        case SLOT_DROP: buf_printf(&b, "    void (*s%d)(void *);\n", i); break;
        case SLOT_SIZE:
        case SLOT_ALIGN: buf_printf(&b, "    rt_usize s%d;\n", i); break;
        case SLOT_VPTR: buf_printf(&b, "    const void *s%d;\n", i); break;
        case SLOT_BOXED: buf_printf(&b, "    %s s%d;\n", lower_vtable_boxed_slot_ctype(L), i); break;
        case SLOT_METHOD: {
            const char *ret, *params;
            method_sig(L, dyn, s->method->item->def, &ret, &params, sp);
            buf_printf(&b, "    %s (*s%d)(%s);\n", ret, i, params);
            break;
        }
        }
    }
    buf_puts(&b, "};\n");
    buf_put(&L->types, b.s, b.len);
    buf_free(&b);
    return v;
}

/* The slot index of method m (declared by trait `owner`) in dt's vtable. */
static int slot_of(const DynTrait *dt, Def *m, DynSlotKind kind) {
    for (int i = 0; i < dt->slots.n; i++) {
        const DynSlot *s = LIST_GET(dt->slots, i, DynSlot);
        if (s->kind == kind && s->method && s->method->item && s->method->item->def == m) return i;
    }
    return -1;
}

/* The impl method (or the trait's default) for `self` of trait method m:
 * its instance's Res. */
static Res *impl_of(Lower *L, Type *dyn, Type *self, Def *m, Span sp) {
    Def *tr = m->parent;
    Res r = { 0 };
    r.kind = RES_FN;
    r.def = m;
    r.dispatch = DISPATCH_PARAM;
    r.trait = tr;
    r.self_ty = self;
    int n = tr->gen.n;
    r.args = arena_alloc(L->t->a, sizeof(Type *) * (size_t)(n + 1));
    r.args[0] = self;
    for (int i = 1; i < n; i++) r.args[i] = tr == dyn->tr->trait && i - 1 < dyn->tr->nargs ? dyn->tr->args[i - 1] : L->t->t_err;
    r.nargs = n;
    Res *o = arena_alloc(L->t->a, sizeof *o);
    *o = r;
    return lower_resolve(L, o, sp);
}

static const char *vt_instance(Lower *L, Type *dyn, Type *self, Span sp);

/* The thunk `R name(void *self, P... a) { return INST((T *)self, a...); }`. */
static const char *thunk(Lower *L, Type *dyn, Type *self, Def *m, Span sp) {
    Res *r = impl_of(L, dyn, self, m, sp);
    if (L->failed) return "0";
    if (!r->def->item || !r->def->item->body || r->dispatch != DISPATCH_STATIC) {
        lower_unsupported(L, sp, arena_printf(L->t->a, "`%s` of `%s` through `dyn`", m->name, ty_str(L->t, self)));
        return "0";
    }
    if (m->fn.self_kind != SELF_REF && m->fn.self_kind != SELF_REF_MUT) {
        lower_unsupported(L, sp, "this receiver through `dyn`");
        return "0";
    }
    const char *inst = lower_instance(L, r->def, r->args, r->nargs);
    const char *ret, *params;
    method_sig(L, dyn, m, &ret, &params, sp);
    const char *name = arena_printf(L->t->a, "dbVTT%d_%s", L->nhelpers++, lower_type_tag(L, self));
    Buf sig = { 0 }, call = { 0 };
    buf_printf(&sig, "static %s %s(void *self", ret, name);
    buf_printf(&call, "%s((%s *)self", inst, lower_ctype(L, self, sp));
    int k = 0;
    for (int i = 1; i < m->fn.nparams; i++) {
        Type *pt = sig_type(L, dyn, m->fn.params[i]);
        if (lower_is_unit(pt)) continue;
        buf_printf(&sig, ", %s a%d", lower_ctype(L, pt, sp), k);
        buf_printf(&call, ", a%d", k++);
    }
    buf_puts(&sig, ")");
    buf_puts(&call, ")");
    buf_printf(&L->decls, "%s;\n", sig.s);
    buf_printf(&L->helpers, "%s {\n    %s%s;\n}\n\n", sig.s, strcmp(ret, "void") ? "return " : "", call.s);
    buf_free(&sig);
    buf_free(&call);
    return name;
}

/* The dyn type of supertrait `st` of dyn's trait (no arguments). */
static Type *super_dyn(Lower *L, const DynTrait *st) {
    return ty_dyn(L->t, ty_traitref(L->t, st->item->def, NULL, 0));
}

/* Writes `drop(void *p)` for values of type self. */
static const char *drop_thunk(Lower *L, Type *self, Span sp) {
    const char *name = arena_printf(L->t->a, "dbVTD%d_%s", L->nhelpers++, lower_type_tag(L, self));
    const char *proto = arena_printf(L->t->a, "static void %s(void *p)", name);
    buf_printf(&L->decls, "%s;\n", proto);
    Buf text = { 0 };
    Buf *saved = L->cur;
    int depth = L->depth;
    L->cur = &text;
    L->depth = 0;
    buf_printf(&text, "%s {\n", proto);
    lower_line(L, "(void)p;");
    if (lower_type_needs_drop(L, self))
        lower_drop_value(L, self, arena_printf(L->t->a, "(*(%s *)p)", lower_ctype(L, self, sp)), sp);
    buf_puts(&text, "}\n\n");
    L->cur = saved;
    L->depth = depth;
    buf_put(&L->helpers, text.s, text.len);
    buf_free(&text);
    return name;
}

/* The constant vtable of `self as dyn`: its name (declared; defined in
 * the helpers). */
static const char *vt_instance(Lower *L, Type *dyn, Type *self, Span sp) {
    for (VtInst *v = L->vt_insts; v; v = v->next)
        if (v->dyn == dyn && v->self == self) return v->name;
    VtType *vt = vt_type(L, dyn, sp);
    if (!vt) return "0";
    VtInst *in = arena_alloc(L->t->a, sizeof *in);
    in->dyn = dyn;
    in->self = self;
    in->name = arena_printf(L->t->a, "dbVTI%d_%s", L->nvt++, lower_type_tag(L, self));
    in->next = L->vt_insts;
    L->vt_insts = in;
    buf_printf(&L->decls, "static const %s %s;\n", vt->name, in->name);
    const char *ct = lower_ctype(L, self, sp);
    Buf b = { 0 };
    buf_printf(&b, "static const %s %s = {\n", vt->name, in->name);
    if (!vt->dt) std_vt_body(L, vt, self, &b, sp);
    for (int i = 0; vt->dt && i < vt->dt->slots.n && !L->failed; i++) {
        const DynSlot *s = LIST_GET(vt->dt->slots, i, DynSlot);
        switch (s->kind) {
        case SLOT_DROP: buf_printf(&b, "    %s,\n", drop_thunk(L, self, sp)); break;
        case SLOT_SIZE: buf_printf(&b, "    sizeof(%s),\n", ct); break;
        case SLOT_ALIGN: buf_printf(&b, "    __alignof__(%s),\n", ct); break;
        case SLOT_VPTR: buf_printf(&b, "    &%s,\n", vt_instance(L, super_dyn(L, s->vptr), self, sp)); break;
        case SLOT_METHOD: buf_printf(&b, "    %s,\n", thunk(L, dyn, self, s->method->item->def, sp)); break;
        case SLOT_BOXED: {
            Res *r = impl_of(L, dyn, self, s->method->item->def, sp);
            if (L->failed) break;
            buf_printf(&b, "    %s,\n", lower_vtable_boxed_slot(L, r->def, r->args, r->nargs, sp));
            break;
        }
        }
    }
    buf_puts(&b, "};\n\n");
    buf_put(&L->helpers, b.s, b.len);
    buf_free(&b);
    return in->name;
}

/* --------------------------------------------------------- coercions */

/* Upcasting `dyn Sub` to `dyn Super`: the same vtable when Super's is a
 * prefix of Sub's, else Sub's pointer slot to Super's vtable. */
static const char *upcast_vt(Lower *L, Type *from, Type *to, const char *vt, Span sp) {
    VtType *fv = vt_type(L, from, sp);
    if (!fv || !fv->dt) return vt;
    const DynTrait *target = dyn_trait_of(L, to->tr->trait, sp);
    if (!target) return vt;
    for (int i = 0; i < fv->dt->slots.n; i++) {
        const DynSlot *s = LIST_GET(fv->dt->slots, i, DynSlot);
        if (s->kind == SLOT_VPTR && s->vptr == target)
            return arena_printf(L->t->a, "((const %s *)%s)->s%d", fv->name, vt, i);
    }
    return vt; /* a prefix: Super's slots come first in Sub's vtable */
}

const char *lower_dyn_coerce(Lower *L, Type *from, Type *to, const char *v, Span sp) {
    Type *td = dyn_of(L, to);
    if (!td) return NULL;
    from = lower_subst(L, from);
    Type *fd = dyn_of(L, from);
    fat_type(L);
    if (fd) {
        const char *t = lower_temp(L);
        lower_line(L, "dbDyn %s = %s;", t, v);
        if (fd == td) return t;
        return arena_printf(L->t->a, "((dbDyn){ %s.data, %s })", t, upcast_vt(L, fd, td, arena_printf(L->t->a, "%s.vt", t), sp));
    }
    Type *self = NULL;
    if (from->kind == TYPE_REF) self = from->inner;
    else if (from->kind == TYPE_ADT && from->def == L->t->wk.box && from->nargs == 1) self = from->args[0];
    if (!self) return NULL;
    self = lower_subst(L, self);
    const char *vt = vt_instance(L, td, self, sp);
    return arena_printf(L->t->a, "((dbDyn){ (void *)%s, &%s })", v, vt);
}

/* ----------------------------------------------------------- calls */

/* The fat pointer of receiver recv: recv lowered with its dereferences up
 * to the last `&dyn`/`Box<dyn>` (no auto-ref). NULL when there is none. */
static const char *fat_receiver(Lower *L, Expr *recv, Type **dyn_out) {
    Adjust *a = recv->adjust;
    Type *cur = lower_subst(L, recv->type);
    int k = -1;
    if (dyn_of(L, cur)) k = 0, *dyn_out = dyn_of(L, cur);
    for (int i = 0; a && i < a->nderef; i++) {
        Type *t = lower_subst(L, a->deref_tys[i]);
        if (dyn_of(L, t)) k = i + 1, *dyn_out = dyn_of(L, t);
    }
    if (k < 0) {
        /* `(*b).m()` / `(**self).m()`: the place `*X` of a fat pointer X */
        Expr *x = recv;
        while (x->kind == EX_PAREN) x = x->lhs;
        if (x->kind != EX_UNARY || x->op != P_STAR || x->adjust || !dyn_of(L, x->lhs->type)) return NULL;
        *dyn_out = dyn_of(L, x->lhs->type);
        L->no_move++;
        const char *v = lower_expr(L, x->lhs);
        L->no_move--;
        const char *t = lower_temp(L);
        lower_line(L, "dbDyn %s = %s;", t, v);
        return t;
    }
    Adjust a2 = { 0 };
    if (a) a2 = *a;
    a2.nderef = k;
    a2.autoref = AUTOREF_NONE;
    a2.coerce = COERCE_NONE;
    a2.unsize_array = false;
    recv->adjust = k || a ? &a2 : NULL;
    if (k == 0) recv->adjust = NULL;
    L->no_move++; /* the receiver is borrowed */
    const char *v = lower_expr(L, recv);
    L->no_move--;
    recv->adjust = a;
    const char *t = lower_temp(L);
    lower_line(L, "dbDyn %s = %s;", t, v);
    return t;
}

const char *lower_dyn_call(Lower *L, Expr *e, Res *r, Expr *recv) {
    Type *dyn = NULL;
    const char *fat = recv ? fat_receiver(L, recv, &dyn) : NULL;
    if (!fat || L->failed) {
        if (!L->failed) lower_unsupported(L, e->span, "this call through `dyn`");
        return "0";
    }
    VtType *vt = vt_type(L, dyn, e->span);
    if (!vt) return "0";
    Def *m = r->def;
    int slot = vt->dt ? slot_of(vt->dt, m, SLOT_METHOD) : !strcmp(m->name, "next") && m->parent == L->t->wk.iterator && dyn->tr->trait == m->parent ? 3 : -1;
    if (slot < 0 && !vt->dt) {
        lower_unsupported(L, e->span, arena_printf(L->t->a, "calling `%s` through `dyn %s`", m->name, dyn->tr->trait->name));
        return "0";
    }
    if (slot < 0) {
        lower_unsupported(L, e->span, arena_printf(L->t->a, "calling `%s` through `dyn` (a `boxed` method needs `.box`)", m->name));
        return "0";
    }
    Buf b = { 0 };
    buf_printf(&b, "((const %s *)%s.vt)->s%d(%s.data", vt->name, fat, slot, fat);
    for (int i = 0; i < e->args.n; i++) {
        Expr *x = LIST_GET(e->args, i, Expr);
        const char *v = lower_expr(L, x);
        if (!lower_is_unit(lower_subst(L, x->type))) buf_printf(&b, ", %s", v);
    }
    buf_puts(&b, ")");
    const char *call = arena_strndup(L->t->a, b.s, b.len);
    buf_free(&b);
    Type *rt = lower_subst(L, e->type);
    if (lower_is_unit(rt) || rt->kind == TYPE_NEVER) {
        lower_line(L, "%s;", call);
        return "";
    }
    const char *t = lower_temp(L);
    lower_line(L, "%s %s = %s;", lower_ctype(L, rt, e->span), t, call);
    return t;
}

/* L->dyn_slot for the async lowering's `.box` through dyn. */
static const char *boxed_slot(Lower *L, Expr *recv, Def *m, const char **data) {
    Type *dyn = NULL;
    const char *fat = fat_receiver(L, recv, &dyn);
    if (!fat || L->failed) return NULL;
    VtType *vt = vt_type(L, dyn, recv->span);
    if (!vt) return NULL;
    int slot = vt->dt ? slot_of(vt->dt, m, SLOT_BOXED) : -1;
    if (slot < 0) {
        lower_unsupported(L, recv->span, "this `.box` call through `dyn`");
        return NULL;
    }
    *data = arena_printf(L->t->a, "%s.data", fat);
    return arena_printf(L->t->a, "((const %s *)%s.vt)->s%d", vt->name, fat, slot);
}

void lower_dyn_install(Lower *L) {
    L->dyn_slot = boxed_slot;
}

/* ----------------------------------------------------------- drops */

bool lower_dyn_box_drop(Lower *L, Type *ty, const char *place, Span sp) {
    ty = lower_subst(L, ty);
    if (!(ty->kind == TYPE_ADT && ty->def == L->t->wk.box && ty->nargs == 1 && ty->args[0]->kind == TYPE_DYN)) return false;
    VtType *vt = vt_type(L, ty->args[0], sp);
    if (!vt) return true;
    int drop = vt->dt ? -1 : 0;
    for (int i = 0; vt->dt && i < vt->dt->slots.n; i++)
        if (LIST_GET(vt->dt->slots, i, DynSlot)->kind == SLOT_DROP) drop = i;
    if (drop < 0) {
        lower_unsupported(L, sp, "dropping this `Box<dyn>`");
        return true;
    }
    lower_line(L, "((const %s *)%s.vt)->s%d(%s.data);", vt->name, place, drop, place);
    lower_line(L, "rt_free(%s.data);", place);
    return true;
}
