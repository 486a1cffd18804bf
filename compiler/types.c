/* types.c — semantic types: construction and interning (equal types are one
 * pointer), printing as rustc prints them in diagnostics, substitution of
 * generic parameters, and unification with inference variables (including
 * `{integer}` and `{float}` literal variables) with snapshots for probing.
 */
#include "types.h"

#include <string.h>

/* ------------------------------------------------------------- hash maps */

static uint32_t mix(uint64_t h) {
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return (uint32_t)h;
}

static uint32_t hash_ptr2(const void *a, const void *b) {
    return mix((uint64_t)(uintptr_t)a * 31 + (uint64_t)(uintptr_t)b);
}

void *ptrmap_get(PtrMap *m, const void *k1, const void *k2) {
    if (!m->cap) return NULL;
    uint32_t i = hash_ptr2(k1, k2) & (m->cap - 1);
    while (m->vals[i]) {
        if (m->keys1[i] == k1 && m->keys2[i] == k2) return m->vals[i];
        i = (i + 1) & (m->cap - 1);
    }
    return NULL;
}

void ptrmap_put(Arena *a, PtrMap *m, const void *k1, const void *k2, void *v) {
    if ((m->count + 1) * 2 > m->cap) {
        uint32_t cap = m->cap ? m->cap * 2 : 64;
        PtrMap n = { arena_alloc(a, sizeof(void *) * cap), arena_alloc(a, sizeof(void *) * cap),
                     arena_alloc(a, sizeof(void *) * cap), cap, 0 };
        for (uint32_t i = 0; i < m->cap; i++)
            if (m->vals[i]) ptrmap_put(a, &n, m->keys1[i], m->keys2[i], m->vals[i]);
        *m = n;
    }
    uint32_t i = hash_ptr2(k1, k2) & (m->cap - 1);
    while (m->vals[i]) {
        if (m->keys1[i] == k1 && m->keys2[i] == k2) {
            m->vals[i] = v;
            return;
        }
        i = (i + 1) & (m->cap - 1);
    }
    m->keys1[i] = k1;
    m->keys2[i] = k2;
    m->vals[i] = v;
    m->count++;
}

void *namemap_get(NameMap *m, Sym k) {
    if (!m->cap) return NULL;
    uint32_t i = hash_ptr2(k, NULL) & (m->cap - 1);
    while (m->keys[i]) {
        if (m->keys[i] == k) return m->vals[i];
        i = (i + 1) & (m->cap - 1);
    }
    return NULL;
}

void namemap_put(Arena *a, NameMap *m, Sym k, void *v) {
    if ((m->count + 1) * 2 > m->cap) {
        uint32_t cap = m->cap ? m->cap * 2 : 32;
        NameMap n = { arena_alloc(a, sizeof(Sym) * cap), arena_alloc(a, sizeof(void *) * cap), cap, 0 };
        for (uint32_t i = 0; i < m->cap; i++)
            if (m->keys[i]) namemap_put(a, &n, m->keys[i], m->vals[i]);
        *m = n;
    }
    uint32_t i = hash_ptr2(k, NULL) & (m->cap - 1);
    while (m->keys[i]) {
        if (m->keys[i] == k) {
            m->vals[i] = v;
            return;
        }
        i = (i + 1) & (m->cap - 1);
    }
    m->keys[i] = k;
    m->vals[i] = v;
    m->count++;
}

/* ------------------------------------------------------------- interning */

static uint32_t hash_traitref(const TraitRef *tr) {
    if (!tr) return 0;
    uint64_t h = (uintptr_t)tr->trait;
    for (int i = 0; i < tr->nargs; i++) h = h * 1000003 + (uintptr_t)tr->args[i];
    for (int i = 0; i < tr->nbinds; i++)
        h = h * 1000003 + (uintptr_t)tr->bind_names[i] * 7 + (uintptr_t)tr->bind_tys[i];
    return mix(h);
}

bool traitref_eq(const TraitRef *a, const TraitRef *b) {
    if (a == b) return true;
    if (!a || !b) return false;
    if (a->trait != b->trait || a->nargs != b->nargs || a->nbinds != b->nbinds) return false;
    for (int i = 0; i < a->nargs; i++)
        if (a->args[i] != b->args[i]) return false;
    for (int i = 0; i < a->nbinds; i++)
        if (a->bind_names[i] != b->bind_names[i] || a->bind_tys[i] != b->bind_tys[i]) return false;
    return true;
}

static uint32_t hash_type(const Type *p) {
    uint64_t h = (uint64_t)p->kind * 131 + p->sub * 17 + p->mut_ + (uint64_t)p->id * 257;
    h = h * 1000003 + (uintptr_t)p->name;
    h = h * 1000003 + (uintptr_t)p->def;
    h = h * 1000003 + (uintptr_t)p->expr;
    h = h * 1000003 + (uintptr_t)p->inner;
    for (int i = 0; i < p->nargs; i++) h = h * 1000003 + (uintptr_t)p->args[i];
    h = h * 1000003 + hash_traitref(p->tr);
    return mix(h);
}

static bool type_eq(const Type *a, const Type *b) {
    if (a->kind != b->kind || a->sub != b->sub || a->mut_ != b->mut_ || a->id != b->id ||
        a->name != b->name || a->def != b->def || a->expr != b->expr || a->inner != b->inner ||
        a->nargs != b->nargs)
        return false;
    for (int i = 0; i < a->nargs; i++)
        if (a->args[i] != b->args[i]) return false;
    if ((a->tr == NULL) != (b->tr == NULL)) return false;
    return !a->tr || traitref_eq(a->tr, b->tr);
}

static uint8_t flags_of_traitref(const TraitRef *tr) {
    uint8_t f = 0;
    if (!tr) return 0;
    for (int i = 0; i < tr->nargs; i++) f |= tr->args[i]->flags;
    for (int i = 0; i < tr->nbinds; i++) f |= tr->bind_tys[i]->flags;
    return f;
}

static TraitRef *copy_traitref(Arena *a, const TraitRef *tr) {
    TraitRef *n = arena_alloc(a, sizeof *n);
    *n = *tr;
    if (tr->nargs) {
        n->args = arena_alloc(a, sizeof(Type *) * (size_t)tr->nargs);
        copy_n(n->args, tr->args, sizeof(Type *) * (size_t)tr->nargs);
    }
    if (tr->nbinds) {
        n->bind_names = arena_alloc(a, sizeof(Sym) * (size_t)tr->nbinds);
        n->bind_tys = arena_alloc(a, sizeof(Type *) * (size_t)tr->nbinds);
        copy_n(n->bind_names, tr->bind_names, sizeof(Sym) * (size_t)tr->nbinds);
        copy_n(n->bind_tys, tr->bind_tys, sizeof(Type *) * (size_t)tr->nbinds);
    }
    return n;
}

Type *ty_intern(Tcx *t, const Type *proto) {
    uint32_t h = hash_type(proto);
    if ((t->tab_count + 1) * 2 > t->tab_cap) {
        uint32_t cap = t->tab_cap ? t->tab_cap * 2 : 4096;
        Type **tab = arena_alloc(t->a, sizeof(Type *) * cap);
        uint32_t *hashes = arena_alloc(t->a, sizeof(uint32_t) * cap);
        for (uint32_t i = 0; i < t->tab_cap; i++) {
            Type *old = t->tab[i];
            if (!old) continue;
            uint32_t j = old->hash & (cap - 1);
            while (tab[j]) j = (j + 1) & (cap - 1);
            tab[j] = old;
            hashes[j] = old->hash;
        }
        t->tab = tab;
        t->tab_hash = hashes;
        t->tab_cap = cap;
    }
    /* the hashes sit apart from the types so a probe reads one cache line */
    uint32_t i = h & (t->tab_cap - 1);
    while (t->tab[i]) {
        if (t->tab_hash[i] == h && type_eq(t->tab[i], proto)) return t->tab[i];
        i = (i + 1) & (t->tab_cap - 1);
    }
    Type *n = arena_alloc(t->a, sizeof *n);
    *n = *proto;
    n->hash = h;
    if (proto->nargs) {
        n->args = arena_alloc(t->a, sizeof(Type *) * (size_t)proto->nargs);
        copy_n(n->args, proto->args, sizeof(Type *) * (size_t)proto->nargs);
    }
    if (proto->tr) n->tr = copy_traitref(t->a, proto->tr);
    uint8_t f = 0;
    switch (n->kind) {
    case TYPE_INFER: f |= TF_INFER; break;
    case TYPE_PARAM: f |= TF_PARAM; break;
    case TYPE_ERROR: f |= TF_ERROR; break;
    case TYPE_PROJ: f |= TF_PROJ; break;
    case TYPE_OPAQUE: f |= TF_OPAQUE; break;
    default: break;
    }
    if (n->inner) f |= n->inner->flags;
    for (int k = 0; k < n->nargs; k++) f |= n->args[k]->flags;
    f |= flags_of_traitref(n->tr);
    n->flags = f;
    t->tab[i] = n;
    t->tab_hash[i] = h;
    t->tab_count++;
    return n;
}

static Type *mk(Tcx *t, TypeKind k) {
    Type p = { 0 };
    p.kind = k;
    return ty_intern(t, &p);
}

Type *ty_int(Tcx *t, IntKind k) { return t->t_int[k]; }
Type *ty_float(Tcx *t, FloatKind k) { return t->t_float[k]; }

Type *ty_ref(Tcx *t, Type *inner, bool mut_) {
    Type p = { 0 };
    p.kind = TYPE_REF;
    p.inner = inner;
    p.mut_ = mut_;
    return ty_intern(t, &p);
}

Type *ty_ptr(Tcx *t, Type *inner, bool mut_) {
    Type p = { 0 };
    p.kind = TYPE_PTR;
    p.inner = inner;
    p.mut_ = mut_;
    return ty_intern(t, &p);
}

Type *ty_tuple(Tcx *t, Type **elems, int n) {
    Type p = { 0 };
    p.kind = TYPE_TUPLE;
    p.args = elems;
    p.nargs = n;
    return ty_intern(t, &p);
}

Type *ty_adt(Tcx *t, Def *d, Type **args, int n) {
    Type p = { 0 };
    p.kind = TYPE_ADT;
    p.def = d;
    p.args = args;
    p.nargs = n;
    return ty_intern(t, &p);
}

Type *ty_adt1(Tcx *t, Def *d, Type *arg) { return ty_adt(t, d, &arg, 1); }

Type *ty_array(Tcx *t, Type *elem, uint32_t len) {
    Type p = { 0 };
    p.kind = TYPE_ARRAY;
    p.inner = elem;
    p.id = len;
    return ty_intern(t, &p);
}

Type *ty_slice(Tcx *t, Type *elem) {
    Type p = { 0 };
    p.kind = TYPE_SLICE;
    p.inner = elem;
    return ty_intern(t, &p);
}

Type *ty_param(Tcx *t, uint32_t index, Sym name) {
    Type p = { 0 };
    p.kind = TYPE_PARAM;
    p.id = index;
    p.name = name;
    return ty_intern(t, &p);
}

Type *ty_proj(Tcx *t, Type *self, const TraitRef *tr, Sym name) {
    Type p = { 0 };
    p.kind = TYPE_PROJ;
    p.inner = self;
    TraitRef plain = *tr;
    plain.nbinds = 0; /* a projection names the trait, not its bindings */
    p.tr = &plain;
    p.name = name;
    return ty_intern(t, &p);
}

Type *ty_dyn(Tcx *t, const TraitRef *tr) {
    Type p = { 0 };
    p.kind = TYPE_DYN;
    p.tr = (TraitRef *)tr;
    return ty_intern(t, &p);
}

Type *ty_opaque(Tcx *t, Def *fn, uint32_t index, Type **args, int n) {
    Type p = { 0 };
    p.kind = TYPE_OPAQUE;
    p.def = fn;
    p.id = index;
    p.args = args;
    p.nargs = n;
    return ty_intern(t, &p);
}

Type *ty_async_block(Tcx *t, Expr *e, Type *output) {
    Type p = { 0 };
    p.kind = TYPE_OPAQUE;
    p.expr = e;
    p.inner = output;
    return ty_intern(t, &p);
}

Type *ty_fndef(Tcx *t, Def *fn, Type **args, int n) {
    Type p = { 0 };
    p.kind = TYPE_FNDEF;
    p.def = fn;
    p.args = args;
    p.nargs = n;
    return ty_intern(t, &p);
}

Type *ty_fnptr(Tcx *t, Type **params, int n, Type *ret) {
    Type p = { 0 };
    p.kind = TYPE_FNPTR;
    p.args = params;
    p.nargs = n;
    p.inner = ret;
    return ty_intern(t, &p);
}

Type *ty_closure(Tcx *t, Expr *e) {
    Type p = { 0 };
    p.kind = TYPE_CLOSURE;
    p.expr = e;
    return ty_intern(t, &p);
}

TraitRef *ty_traitref(Tcx *t, Def *trait, Type **args, int nargs) {
    TraitRef *tr = arena_alloc(t->a, sizeof *tr);
    tr->trait = trait;
    tr->nargs = nargs;
    if (nargs) {
        tr->args = arena_alloc(t->a, sizeof(Type *) * (size_t)nargs);
        copy_n(tr->args, args, sizeof(Type *) * (size_t)nargs);
    }
    return tr;
}

/* ------------------------------------------------------------- inference */

Type *ty_var(Tcx *t, VarKind k, Span origin) {
    if (t->nvars == t->cap_vars) {
        uint32_t cap = t->cap_vars ? t->cap_vars * 2 : 256;
        InferVar *v = arena_alloc(t->a, sizeof(InferVar) * cap);
        if (t->nvars) copy_n(v, t->vars, sizeof(InferVar) * t->nvars);
        t->vars = v;
        t->cap_vars = cap;
    }
    uint32_t id = t->nvars++;
    t->vars[id].binding = NULL;
    t->vars[id].origin = origin;
    t->vars[id].kind = k;
    Type p = { 0 };
    p.kind = TYPE_INFER;
    p.sub = (uint8_t)k;
    p.id = id;
    return ty_intern(t, &p);
}

void ty_reset_vars(Tcx *t) {
    t->nvars = 0;
    t->ntrail = 0;
}

/* A snapshot covers variable bindings and the goals registered since: a
 * rolled-back probe leaves neither behind. */
Snap ty_snapshot(Tcx *t) {
    Snap s = { t->ntrail, t->pending ? t->pending->n : 0 };
    return s;
}

void ty_rollback(Tcx *t, Snap snap) {
    while (t->ntrail > snap.trail) {
        uint32_t id = t->trail[--t->ntrail];
        t->vars[id].binding = NULL;
    }
    if (t->pending && t->pending->n > snap.pending) t->pending->n = snap.pending;
}

static void bind(Tcx *t, uint32_t id, Type *to) {
    t->vars[id].binding = to;
    if (t->ntrail == t->cap_trail) {
        uint32_t cap = t->cap_trail ? t->cap_trail * 2 : 256;
        uint32_t *tr = arena_alloc(t->a, sizeof(uint32_t) * cap);
        if (t->ntrail) copy_n(tr, t->trail, sizeof(uint32_t) * t->ntrail);
        t->trail = tr;
        t->cap_trail = cap;
    }
    t->trail[t->ntrail++] = id;
}

Type *ty_resolve(Tcx *t, Type *ty) {
    while (ty && ty->kind == TYPE_INFER && ty->id < t->nvars && t->vars[ty->id].binding)
        ty = t->vars[ty->id].binding;
    return ty;
}

bool ty_is_unresolved_var(Tcx *t, Type *ty) {
    ty = ty_resolve(t, ty);
    return ty->kind == TYPE_INFER;
}

bool ty_occurs(Tcx *t, uint32_t var, Type *ty) {
    ty = ty_resolve(t, ty);
    if (!(ty->flags & TF_INFER)) return false;
    if (ty->kind == TYPE_INFER) return ty->id == var;
    if (ty->inner && ty_occurs(t, var, ty->inner)) return true;
    for (int i = 0; i < ty->nargs; i++)
        if (ty_occurs(t, var, ty->args[i])) return true;
    if (ty->tr) {
        for (int i = 0; i < ty->tr->nargs; i++)
            if (ty_occurs(t, var, ty->tr->args[i])) return true;
        for (int i = 0; i < ty->tr->nbinds; i++)
            if (ty_occurs(t, var, ty->tr->bind_tys[i])) return true;
    }
    return false;
}

static bool unify_traitref(Tcx *t, const TraitRef *a, const TraitRef *b) {
    if (a->trait != b->trait || a->nargs != b->nargs || a->nbinds != b->nbinds) return false;
    for (int i = 0; i < a->nargs; i++)
        if (!ty_unify(t, a->args[i], b->args[i])) return false;
    for (int i = 0; i < a->nbinds; i++) {
        int j = 0;
        while (j < b->nbinds && b->bind_names[j] != a->bind_names[i]) j++;
        if (j == b->nbinds || !ty_unify(t, a->bind_tys[i], b->bind_tys[j])) return false;
    }
    return true;
}

static bool bind_var(Tcx *t, Type *var, Type *to) {
    if (to->kind == TYPE_INFER) {
        if (to->id == var->id) return true;
        /* an integer variable absorbs a general one, never the reverse */
        if (var->sub == VAR_TY) {
            bind(t, var->id, to);
            return true;
        }
        if (to->sub == VAR_TY) {
            bind(t, to->id, var);
            return true;
        }
        if (to->sub != var->sub) return false;
        bind(t, var->id, to);
        return true;
    }
    if (to->kind == TYPE_ERROR) {
        bind(t, var->id, to);
        return true;
    }
    if (var->sub == VAR_INT && to->kind != TYPE_INT) return false;
    if (var->sub == VAR_FLOAT && to->kind != TYPE_FLOAT) return false;
    if (ty_occurs(t, var->id, to)) return false;
    bind(t, var->id, to);
    return true;
}

/* Structural unification. The error type unifies with everything so one
 * mistake does not cascade. `!` only unifies with itself: coercion from `!`
 * happens at coercion sites, not here. */
bool ty_unify(Tcx *t, Type *a, Type *b) {
    a = ty_resolve(t, a);
    b = ty_resolve(t, b);
    if (a == b) return true;
    if (a->kind == TYPE_ERROR || b->kind == TYPE_ERROR) {
        if (a->kind == TYPE_INFER) bind(t, a->id, b);
        if (b->kind == TYPE_INFER) bind(t, b->id, a);
        return true;
    }
    if (a->kind == TYPE_INFER) return bind_var(t, a, b);
    if (b->kind == TYPE_INFER) return bind_var(t, b, a);
    if (a->kind != b->kind) return false;
    if (!((a->flags | b->flags) & TF_INFER)) return false; /* interned and different */
    switch (a->kind) {
    case TYPE_REF:
    case TYPE_PTR:
        return a->mut_ == b->mut_ && ty_unify(t, a->inner, b->inner);
    case TYPE_ARRAY:
        return a->id == b->id && ty_unify(t, a->inner, b->inner);
    case TYPE_SLICE:
        return ty_unify(t, a->inner, b->inner);
    case TYPE_TUPLE:
    case TYPE_ADT:
    case TYPE_FNDEF:
    case TYPE_OPAQUE:
        if (a->def != b->def || a->nargs != b->nargs || a->id != b->id || a->expr != b->expr)
            return false;
        for (int i = 0; i < a->nargs; i++)
            if (!ty_unify(t, a->args[i], b->args[i])) return false;
        if (a->kind == TYPE_OPAQUE && a->expr) return a->inner == b->inner || ty_unify(t, a->inner, b->inner);
        return true;
    case TYPE_FNPTR:
        if (a->nargs != b->nargs) return false;
        for (int i = 0; i < a->nargs; i++)
            if (!ty_unify(t, a->args[i], b->args[i])) return false;
        return ty_unify(t, a->inner, b->inner);
    case TYPE_DYN:
        return unify_traitref(t, a->tr, b->tr);
    case TYPE_PROJ:
        return a->name == b->name && ty_unify(t, a->inner, b->inner) && unify_traitref(t, a->tr, b->tr);
    default:
        return false;
    }
}

static Type *zonk(Tcx *t, Type *ty, bool dflt, int depth) {
    ty = ty_resolve(t, ty);
    if (!(ty->flags & TF_INFER)) return ty;
    if (depth > 200) return t->t_err;
    if (ty->kind == TYPE_INFER) {
        if (!dflt) return ty;
        if (ty->sub == VAR_INT) return t->t_int[INT_I32];
        if (ty->sub == VAR_FLOAT) return t->t_float[FLOAT_F64];
        return t->t_err;
    }
    Type p = *ty;
    bool changed = false;
    Type *argbuf[16];
    Type **args = ty->nargs <= 16 ? argbuf : arena_alloc(t->a, sizeof(Type *) * (size_t)ty->nargs);
    for (int i = 0; i < ty->nargs; i++) {
        args[i] = zonk(t, ty->args[i], dflt, depth + 1);
        changed |= args[i] != ty->args[i];
    }
    p.args = args;
    if (ty->inner) {
        p.inner = zonk(t, ty->inner, dflt, depth + 1);
        changed |= p.inner != ty->inner;
    }
    TraitRef tr;
    Type *tbuf[32];
    if (ty->tr && ty->tr->nargs + ty->tr->nbinds <= 32) {
        tr = *ty->tr;
        tr.args = tbuf;
        tr.bind_tys = tbuf + tr.nargs;
        for (int i = 0; i < tr.nargs; i++) {
            tr.args[i] = zonk(t, ty->tr->args[i], dflt, depth + 1);
            changed |= tr.args[i] != ty->tr->args[i];
        }
        for (int i = 0; i < tr.nbinds; i++) {
            tr.bind_tys[i] = zonk(t, ty->tr->bind_tys[i], dflt, depth + 1);
            changed |= tr.bind_tys[i] != ty->tr->bind_tys[i];
        }
        p.tr = &tr;
    }
    return changed ? ty_intern(t, &p) : ty;
}

Type *ty_zonk(Tcx *t, Type *ty, bool dflt) {
    if (!ty) return NULL;
    return zonk(t, ty, dflt, 0);
}

/* ---------------------------------------------------------- substitution */

static Type *subst(Tcx *t, Type *ty, Type **args, int n, Type *self, int depth) {
    if (!(ty->flags & TF_PARAM)) return ty;
    if (depth > 200) return t->t_err;
    if (ty->kind == TYPE_PARAM) {
        if (self) return ty->id == 0 && ty->name == t->wk.s_self_upper ? self : ty;
        return ty->id < (uint32_t)n && args[ty->id] ? args[ty->id] : ty;
    }
    Type p = *ty;
    bool changed = false;
    Type *argbuf[16];
    Type **a = ty->nargs <= 16 ? argbuf : arena_alloc(t->a, sizeof(Type *) * (size_t)ty->nargs);
    for (int i = 0; i < ty->nargs; i++) {
        a[i] = subst(t, ty->args[i], args, n, self, depth + 1);
        changed |= a[i] != ty->args[i];
    }
    p.args = a;
    if (ty->inner) {
        p.inner = subst(t, ty->inner, args, n, self, depth + 1);
        changed |= p.inner != ty->inner;
    }
    TraitRef tr;
    Type *tbuf[32];
    if (ty->tr && ty->tr->nargs + ty->tr->nbinds <= 32) {
        tr = *ty->tr;
        tr.args = tbuf;
        tr.bind_tys = tbuf + tr.nargs;
        for (int i = 0; i < tr.nargs; i++) {
            tr.args[i] = subst(t, ty->tr->args[i], args, n, self, depth + 1);
            changed |= tr.args[i] != ty->tr->args[i];
        }
        for (int i = 0; i < tr.nbinds; i++) {
            tr.bind_tys[i] = subst(t, ty->tr->bind_tys[i], args, n, self, depth + 1);
            changed |= tr.bind_tys[i] != ty->tr->bind_tys[i];
        }
        p.tr = &tr;
    }
    return changed ? ty_intern(t, &p) : ty;
}

Type *ty_subst(Tcx *t, Type *ty, Type **args, int n) {
    if (!ty || !n) return ty;
    return subst(t, ty, args, n, NULL, 0);
}

Type *ty_subst_self(Tcx *t, Type *ty, Type *self) {
    if (!ty) return ty;
    return subst(t, ty, NULL, 0, self, 0);
}

TraitRef *traitref_subst(Tcx *t, const TraitRef *tr, Type **args, int n) {
    TraitRef *r = arena_alloc(t->a, sizeof *r);
    *r = *tr;
    if (tr->nargs) {
        r->args = arena_alloc(t->a, sizeof(Type *) * (size_t)tr->nargs);
        for (int i = 0; i < tr->nargs; i++) r->args[i] = ty_subst(t, tr->args[i], args, n);
    }
    if (tr->nbinds) {
        r->bind_tys = arena_alloc(t->a, sizeof(Type *) * (size_t)tr->nbinds);
        for (int i = 0; i < tr->nbinds; i++) r->bind_tys[i] = ty_subst(t, tr->bind_tys[i], args, n);
    }
    return r;
}

/* ------------------------------------------------------------ predicates */

bool ty_is_integral(Tcx *t, Type *ty) {
    ty = ty_resolve(t, ty);
    return ty->kind == TYPE_INT || (ty->kind == TYPE_INFER && ty->sub == VAR_INT);
}

bool ty_is_numeric(Tcx *t, Type *ty) {
    ty = ty_resolve(t, ty);
    return ty->kind == TYPE_INT || ty->kind == TYPE_FLOAT ||
           (ty->kind == TYPE_INFER && ty->sub != VAR_TY);
}

bool ty_is_unit(Type *ty) { return ty->kind == TYPE_TUPLE && ty->nargs == 0; }

/* Impl tables are keyed by the outermost constructor of the self type. */
static const char head_tags[TYPE_INFER + 1];

const void *ty_head(Tcx *t, Type *ty) {
    ty = ty_resolve(t, ty);
    switch (ty->kind) {
    case TYPE_ADT: return ty->def;
    case TYPE_INT: return &t->t_int[ty->sub];
    case TYPE_FLOAT: return &t->t_float[ty->sub];
    case TYPE_REF: return ty->mut_ ? (const void *)&head_tags[TYPE_PTR] : &head_tags[TYPE_REF];
    case TYPE_DYN: return ty->tr->trait;
    case TYPE_INFER:
    case TYPE_PARAM:
    case TYPE_PROJ:
    case TYPE_ERROR:
        return NULL;
    default: return &head_tags[ty->kind];
    }
}

/* -------------------------------------------------------------- printing */

static const char *const int_names[INT_KIND_COUNT] = {
    "i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32", "u64", "u128", "usize",
};

static void print(Tcx *t, Buf *b, Type *ty, int depth);

static void print_args(Tcx *t, Buf *b, Type **args, int n, int depth) {
    for (int i = 0; i < n; i++) {
        if (i) buf_puts(b, ", ");
        print(t, b, args[i], depth + 1);
    }
}

static bool is_fn_family(Tcx *t, Def *d) {
    return d && (d == t->wk.fn || d == t->wk.fn_mut || d == t->wk.fn_once);
}

static void print_traitref(Tcx *t, Buf *b, const TraitRef *tr, int depth) {
    buf_puts(b, tr->trait ? tr->trait->name : "{error}");
    if (is_fn_family(t, tr->trait) && tr->nargs == 1) {
        Type *a = ty_resolve(t, tr->args[0]);
        buf_putc(b, '(');
        if (a->kind == TYPE_TUPLE) print_args(t, b, a->args, a->nargs, depth);
        else print(t, b, a, depth + 1);
        buf_putc(b, ')');
        for (int i = 0; i < tr->nbinds; i++) {
            if (tr->bind_names[i] != t->wk.s_output) continue;
            Type *r = ty_resolve(t, tr->bind_tys[i]);
            if (!ty_is_unit(r)) {
                buf_puts(b, " -> ");
                print(t, b, r, depth + 1);
            }
        }
        return;
    }
    /* Parameters left at their default (`Rhs = Self`) are not printed. */
    int shown = tr->nargs;
    if (tr->trait && tr->trait->gen.defaults)
        while (shown > 0 && tr->trait->gen.defaults[shown] && tr->args[shown - 1]->kind == TYPE_PARAM &&
               tr->args[shown - 1]->id == 0)
            shown--;
    if (shown + tr->nbinds == 0) return;
    buf_putc(b, '<');
    print_args(t, b, tr->args, shown, depth);
    for (int i = 0; i < tr->nbinds; i++) {
        if (shown || i) buf_puts(b, ", ");
        buf_printf(b, "%s = ", tr->bind_names[i]);
        print(t, b, tr->bind_tys[i], depth + 1);
    }
    buf_putc(b, '>');
}

void traitref_print(Tcx *t, Buf *b, const TraitRef *tr) { print_traitref(t, b, tr, 0); }

static void print_span_pos(Tcx *t, Buf *b, Span sp) {
    uint32_t l1, c1, l2, c2;
    src_line_col(&t->u->src, sp.lo, &l1, &c1);
    src_line_col(&t->u->src, sp.hi, &l2, &c2);
    buf_printf(b, "%s:%u:%u: %u:%u", t->u->src.name, l1, c1, l2, c2);
}

static void print(Tcx *t, Buf *b, Type *ty, int depth) {
    ty = ty_resolve(t, ty);
    if (depth > 60) {
        buf_puts(b, "...");
        return;
    }
    switch (ty->kind) {
    case TYPE_ERROR: buf_puts(b, "{type error}"); break;
    case TYPE_NEVER: buf_putc(b, '!'); break;
    case TYPE_BOOL: buf_puts(b, "bool"); break;
    case TYPE_CHAR: buf_puts(b, "char"); break;
    case TYPE_STR: buf_puts(b, "str"); break;
    case TYPE_INT: buf_puts(b, int_names[ty->sub]); break;
    case TYPE_FLOAT: buf_puts(b, ty->sub == FLOAT_F32 ? "f32" : "f64"); break;
    case TYPE_TUPLE:
        buf_putc(b, '(');
        print_args(t, b, ty->args, ty->nargs, depth);
        if (ty->nargs == 1) buf_putc(b, ',');
        buf_putc(b, ')');
        break;
    case TYPE_ADT:
        buf_puts(b, ty->def->name);
        if (ty->nargs) {
            buf_putc(b, '<');
            print_args(t, b, ty->args, ty->nargs, depth);
            buf_putc(b, '>');
        }
        break;
    case TYPE_REF:
        buf_puts(b, ty->mut_ ? "&mut " : "&");
        print(t, b, ty->inner, depth + 1);
        break;
    case TYPE_PTR:
        buf_puts(b, ty->mut_ ? "*mut " : "*const ");
        print(t, b, ty->inner, depth + 1);
        break;
    case TYPE_ARRAY:
        buf_putc(b, '[');
        print(t, b, ty->inner, depth + 1);
        buf_printf(b, "; %u]", ty->id);
        break;
    case TYPE_SLICE:
        buf_putc(b, '[');
        print(t, b, ty->inner, depth + 1);
        buf_putc(b, ']');
        break;
    case TYPE_PARAM: buf_puts(b, ty->name); break;
    case TYPE_PROJ:
        buf_putc(b, '<');
        print(t, b, ty->inner, depth + 1);
        buf_puts(b, " as ");
        print_traitref(t, b, ty->tr, depth + 1);
        buf_printf(b, ">::%s", ty->name);
        break;
    case TYPE_DYN:
        buf_puts(b, "dyn ");
        print_traitref(t, b, ty->tr, depth + 1);
        break;
    case TYPE_OPAQUE:
        if (ty->expr) {
            buf_puts(b, "{async block@");
            print_span_pos(t, b, ty->expr->span);
            buf_putc(b, '}');
            break;
        } else {
            TraitRef *bounds;
            int n = tr_opaque_bounds(t, ty, &bounds);
            buf_puts(b, "impl ");
            for (int i = 0; i < n; i++) {
                if (i) buf_puts(b, " + ");
                print_traitref(t, b, &bounds[i], depth + 1);
            }
        }
        break;
    case TYPE_FNDEF:
    case TYPE_FNPTR: {
        Type **params = ty->args;
        int np = ty->nargs;
        Type *ret = ty->inner;
        if (ty->kind == TYPE_FNDEF) {
            FnInfo *f = &ty->def->fn;
            params = f->params;
            np = f->nparams;
            ret = f->call_ret;
        }
        buf_puts(b, "fn(");
        for (int i = 0; i < np; i++) {
            if (i) buf_puts(b, ", ");
            Type *p = params[i];
            if (ty->kind == TYPE_FNDEF) p = ty_subst(t, p, ty->args, ty->nargs);
            print(t, b, p, depth + 1);
        }
        buf_putc(b, ')');
        if (ret && ty->kind == TYPE_FNDEF) ret = ty_subst(t, ret, ty->args, ty->nargs);
        if (ret && !ty_is_unit(ty_resolve(t, ret))) {
            buf_puts(b, " -> ");
            print(t, b, ret, depth + 1);
        }
        if (ty->kind == TYPE_FNDEF) {
            buf_puts(b, " {");
            if (ty->def->parent && ty->def->parent->kind != DEF_MOD && ty->def->parent->self_ty) {
                print(t, b, ty->def->parent->self_ty, depth + 1);
                buf_puts(b, "::");
            } else if (ty->def->parent && ty->def->parent->kind == DEF_TRAIT) {
                buf_printf(b, "%s::", ty->def->parent->name);
            }
            buf_printf(b, "%s}", ty->def->name);
        }
        break;
    }
    case TYPE_CLOSURE:
        buf_puts(b, "{closure@");
        print_span_pos(t, b, ty->expr->span);
        buf_putc(b, '}');
        break;
    case TYPE_INFER:
        if (ty->sub == VAR_INT) buf_puts(b, "{integer}");
        else if (ty->sub == VAR_FLOAT) buf_puts(b, "{float}");
        else buf_putc(b, '_');
        break;
    }
}

void ty_print(Tcx *t, Buf *b, Type *ty) { print(t, b, ty, 0); }

const char *ty_str(Tcx *t, Type *ty) {
    Buf b = { 0 };
    print(t, &b, ty, 0);
    char *s = arena_strndup(t->a, b.s ? b.s : "", b.len);
    buf_free(&b);
    return s;
}

const char *traitref_str(Tcx *t, Type *self, const TraitRef *tr) {
    Buf b = { 0 };
    if (self) {
        print(t, &b, self, 0);
        buf_puts(&b, ": ");
    }
    print_traitref(t, &b, tr, 0);
    char *s = arena_strndup(t->a, b.s ? b.s : "", b.len);
    buf_free(&b);
    return s;
}

/* How rustc names a type in "expected X, found Y": `T` in backticks, but
 * an unsuffixed literal's type as "integer" / "floating-point number". */
static const char *ty_phrase(Tcx *t, Type *ty) {
    ty = ty_resolve(t, ty);
    if (ty->kind == TYPE_INFER && ty->sub == VAR_INT) return "integer";
    if (ty->kind == TYPE_INFER && ty->sub == VAR_FLOAT) return "floating-point number";
    return arena_printf(t->a, "`%s`", ty_str(t, ty));
}

const char *ty_expected_found(Tcx *t, Type *expected, Type *found) {
    return arena_printf(t->a, "expected %s, found %s", ty_phrase(t, expected), ty_phrase(t, found));
}

const char *ty_kind_word(Tcx *t, Type *ty) {
    ty = ty_resolve(t, ty);
    switch (ty->kind) {
    case TYPE_ADT: return ty->def->kind == DEF_ENUM ? "enum" : "struct";
    case TYPE_REF: return "reference";
    case TYPE_PARAM: return "type parameter";
    case TYPE_CLOSURE: return "closure";
    case TYPE_FNDEF: return "fn item";
    case TYPE_DYN: return "trait object";
    case TYPE_TUPLE: return ty->nargs ? "tuple" : "unit type";
    case TYPE_ARRAY: return "array";
    case TYPE_SLICE: return "slice";
    case TYPE_OPAQUE: return ty->expr ? "`async` block" : "opaque type";
    default: return "type";
    }
}

/* ---------------------------------------------------------------- context */

Tcx *ty_context(DbUnit *u) {
    Tcx *t = arena_alloc(&u->arena, sizeof *t);
    t->u = u;
    t->a = &u->arena;
    t->t_err = mk(t, TYPE_ERROR);
    t->t_never = mk(t, TYPE_NEVER);
    t->t_unit = ty_tuple(t, NULL, 0);
    t->t_bool = mk(t, TYPE_BOOL);
    t->t_char = mk(t, TYPE_CHAR);
    t->t_str = mk(t, TYPE_STR);
    t->t_static_str = ty_ref(t, t->t_str, false);
    for (int k = 0; k < INT_KIND_COUNT; k++) {
        Type p = { 0 };
        p.kind = TYPE_INT;
        p.sub = (uint8_t)k;
        t->t_int[k] = ty_intern(t, &p);
    }
    for (int k = 0; k < 2; k++) {
        Type p = { 0 };
        p.kind = TYPE_FLOAT;
        p.sub = (uint8_t)k;
        t->t_float[k] = ty_intern(t, &p);
    }
    t->wk.s_output = sym_cstr(u, "Output");
    t->wk.s_item = sym_cstr(u, "Item");
    t->wk.s_into_iter = sym_cstr(u, "IntoIter");
    t->wk.s_target = sym_cstr(u, "Target");
    t->wk.s_self_upper = sym_cstr(u, "Self");
    t->wk.s_self_lower = sym_cstr(u, "self");
    return t;
}

bool ty_span_ok(Tcx *t, Span sp, bool prelude) {
    return !prelude && sp.hi <= t->u->src.len && sp.lo <= sp.hi;
}
