/* lower_drop.c — ownership: every owned value with drop glue (a local, a
 * by-value pattern binding, a parameter, a borrowed temporary) gets a C drop
 * flag `<name>_d` set when it is initialized and cleared when it is moved
 * out; at the end of its scope (block end, match arm end) the owned values
 * are dropped in reverse order of declaration when their flag is set, and
 * `return`, `break` and `continue` (and so `?`) drop what they leave. A
 * flag per value handles conditional moves with no analysis; the C
 * compiler folds the constant ones. */
#include "lower.h"

typedef struct LowerOwned {
    const char *name;   /* C lvalue; its flag is name_d */
    Type *ty;
    Local *local;       /* NULL for temporaries */
    Span sp;
    int depth;          /* C block depth of its declaration */
    bool temp;          /* a temporary: dropped at the end of its statement */
    bool mask;          /* a struct/tuple local: name_m has a bit per field moved out */
    const char *start;  /* an array whose elements before index `start` were moved out */
    /* fields of fields moved out (`let n = o.inner.name;`): each path of
     * field indices has its own bit of name_m, after the fields' bits */
    struct NestedMove {
        int path[8];
        int len;
        unsigned bit;
    } *nested;
    int nnested;
} LowerOwned;

/* A plain struct (no Drop impl) or tuple whose fields can be moved out one
 * by one: at most 32 fields. */
static bool maskable(Lower *L, Type *ty, Span sp) {
    if (ty->kind == TYPE_TUPLE) return ty->nargs <= 32;
    /* a C struct of fields f0, f1... (not String, Vec, Box, dyn: the runtime's or fat pointers) */
    if (ty->kind != TYPE_ADT || ty->def->kind != DEF_STRUCT || ty->def->has_drop || ty->def->nfields > 32 ||
        ty->def == L->t->wk.box)
        return false;
    const char *ct = lower_ctype(L, ty, sp);
    return !strncmp(ct, "struct dbS_", 11) && !strchr(ct, '*');
}

static Type *field_type(Lower *L, Type *ty, int k) {
    if (ty->kind == TYPE_TUPLE) return lower_subst(L, ty->args[k]);
    return lower_subst(L, ty_subst(L->t, ty->def->fields[k].ty, ty->args, ty->nargs));
}

/* Locals bound by a pattern whose declarations are still being collected
 * (match arms): owned once the declarations are out (lower_own_bound). */
typedef struct LowerTemp {
    Local *local;
} LowerTemp;

int lower_scope_mark(Lower *L) {
    return L->nowned;
}

static void push_owned(Lower *L, const char *name, Type *ty, Local *l, Span sp) {
    if (L->nowned == L->capowned) {
        int cap = L->capowned ? L->capowned * 2 : 32;
        LowerOwned *n = arena_alloc(L->t->a, sizeof *n * (size_t)cap);
        copy_n(n, L->owned, sizeof *n * (size_t)L->nowned);
        L->owned = n;
        L->capowned = cap;
    }
    LowerOwned *o = &L->owned[L->nowned++];
    o->name = name, o->ty = ty, o->local = l, o->sp = sp;
    o->depth = L->depth;
    o->temp = l == NULL; /* not a variable: dropped at the end of its statement */
    o->mask = l && maskable(L, ty, sp);
    o->start = NULL;
    o->nested = NULL;
    o->nnested = 0;
    lower_line(L, "rt_bool %s_d = 1;", name);
    if (o->mask) {
        lower_line(L, "rt_u32 %s_m = 0;", name);
        lower_line(L, "(void)%s_m;", name);
    }
}

void lower_own(Lower *L, const char *name, Type *ty, Local *l, Span sp) {
    ty = lower_subst(L, ty);
    if (!lower_type_needs_drop(L, ty)) return;
    push_owned(L, name, ty, l, sp);
}

void lower_own_local(Lower *L, Local *l) {
    lower_own(L, lower_local(L, l), l->ty, l, l->span);
}

void lower_bound_local(Lower *L, Local *l) {
    if (L->ntemps == L->captemps) {
        int cap = L->captemps ? L->captemps * 2 : 16;
        LowerTemp *n = arena_alloc(L->t->a, sizeof *n * (size_t)cap);
        copy_n(n, L->temps, sizeof *n * (size_t)L->ntemps);
        L->temps = n;
        L->captemps = cap;
    }
    L->temps[L->ntemps++].local = l;
}

int lower_own_bound(Lower *L, int from) {
    int moved = 0;
    for (int i = from; i < L->ntemps; i++) {
        Type *ty = lower_subst(L, L->temps[i].local->ty);
        if (!lower_type_needs_drop(L, ty)) continue;
        lower_own_local(L, L->temps[i].local);
        moved++;
    }
    L->ntemps = from;
    return moved;
}

static LowerOwned *find_owned(Lower *L, const char *name);

/* The fields of the value at `place` of type ty (at path prefix[0..plen)
 * of owned value o), but those moved out through nested paths. */
static void drop_partial(Lower *L, LowerOwned *o, Type *ty, const char *place, int *prefix, int plen) {
    int n = ty->kind == TYPE_TUPLE ? ty->nargs : ty->def->nfields;
    for (int j = 0; j < n; j++) {
        Type *ft = field_type(L, ty, j);
        if (lower_is_unit(ft) || !lower_type_needs_drop(L, ft)) continue;
        prefix[plen] = j;
        const char *fp = arena_printf(L->t->a, "%s.f%d", place, j);
        unsigned exact = 0;
        bool deeper = false;
        for (int i = 0; i < o->nnested; i++) {
            struct NestedMove *nm = &o->nested[i];
            if (nm->len < plen + 1 || memcmp(nm->path, prefix, sizeof(int) * (size_t)(plen + 1))) continue;
            if (nm->len == plen + 1) exact |= nm->bit;
            else deeper = true;
        }
        if (exact) {
            lower_line(L, "if (!(%s_m & %uu)) {", o->name, exact);
            L->depth++;
        }
        if (deeper) drop_partial(L, o, ft, fp, prefix, plen + 1);
        else lower_drop_value(L, ft, fp, o->sp);
        if (exact) {
            L->depth--;
            lower_line(L, "}");
        }
    }
}

bool lower_moved_path(Lower *L, Local *l, const int *path, int len) {
    LowerOwned *o = find_owned(L, lower_local(L, l));
    if (!o || !o->mask || len < 2 || len > 8) return false;
    /* every struct on the way must be maskable (no Drop impl of its own) */
    Type *ty = o->ty;
    for (int i = 0; i < len - 1; i++) {
        ty = field_type(L, ty, path[i]);
        if (!maskable(L, ty, o->sp)) return false;
    }
    for (int i = 0; i < o->nnested; i++)
        if (o->nested[i].len == len && !memcmp(o->nested[i].path, path, sizeof(int) * (size_t)len)) {
            lower_line(L, "%s_m |= %uu;", o->name, o->nested[i].bit);
            return true;
        }
    int nf = o->ty->kind == TYPE_TUPLE ? o->ty->nargs : o->ty->def->nfields;
    if (nf + o->nnested >= 32) return false;
    struct NestedMove *n = arena_alloc(L->t->a, sizeof *n * (size_t)(o->nnested + 1));
    if (o->nnested) copy_n(n, o->nested, sizeof *n * (size_t)o->nnested);
    memset(&n[o->nnested], 0, sizeof *n);
    copy_n(n[o->nnested].path, path, sizeof(int) * (size_t)len);
    n[o->nnested].len = len;
    n[o->nnested].bit = 1u << (nf + o->nnested);
    o->nested = n;
    lower_line(L, "%s_m |= %uu;", o->name, n[o->nnested].bit);
    o->nnested++;
    return true;
}

static void drop_one(Lower *L, LowerOwned *o) {
    lower_line(L, "if (%s_d) {", o->name);
    L->depth++;
    if (o->start && o->ty->kind == TYPE_ARRAY) {
        /* the elements not moved out yet, in order */
        lower_line(L, "for (rt_usize j_ = %s; j_ < %uu; j_++) {", o->start, o->ty->id);
        L->depth++;
        lower_drop_value(L, o->ty->inner, arena_printf(L->t->a, "%s.a[j_]", o->name), o->sp);
        L->depth--;
        lower_line(L, "}");
        L->depth--;
        lower_line(L, "}");
        return;
    }
    if (o->mask) {
        /* field by field, but those moved out */
        int n = o->ty->kind == TYPE_TUPLE ? o->ty->nargs : o->ty->def->nfields;
        for (int k = 0; k < n; k++) {
            Type *ft = field_type(L, o->ty, k);
            if (lower_is_unit(ft) || !lower_type_needs_drop(L, ft)) continue;
            lower_line(L, "if (!(%s_m & %uu)) {", o->name, 1u << k);
            L->depth++;
            bool nested = false;
            for (int i = 0; i < o->nnested; i++) nested |= o->nested[i].path[0] == k;
            int prefix[9] = { k };
            if (nested) drop_partial(L, o, ft, arena_printf(L->t->a, "%s.f%d", o->name, k), prefix, 1);
            else lower_drop_value(L, ft, arena_printf(L->t->a, "%s.f%d", o->name, k), o->sp);
            L->depth--;
            lower_line(L, "}");
        }
        L->depth--;
        lower_line(L, "}");
        return;
    }
    lower_drop_value(L, o->ty, o->name, o->sp);
    L->depth--;
    lower_line(L, "}");
}

void lower_drop_to(Lower *L, int mark) {
    for (int i = L->nowned - 1; i >= mark && i >= L->owned_base; i--) {
        if (L->owned[i].depth > L->depth) {
            /* declared in a C block already closed: never emit a use of it */
            lower_unsupported(L, L->owned[i].sp, "a temporary with drop glue in this position");
            return;
        }
        drop_one(L, &L->owned[i]);
    }
}

void lower_scope_end(Lower *L, int mark) {
    if (mark < L->owned_base) mark = L->owned_base;
    lower_drop_to(L, mark);
    if (L->nowned > mark) L->nowned = mark;
}

static LowerOwned *find_owned(Lower *L, const char *name) {
    for (int i = L->nowned - 1; i >= L->owned_base; i--)
        if (!strcmp(L->owned[i].name, name)) return &L->owned[i];
    return NULL;
}

bool lower_moved_field(Lower *L, Local *l, int field) {
    LowerOwned *o = find_owned(L, lower_local(L, l));
    if (!o || !o->mask) return false;
    lower_line(L, "%s_m |= %uu;", o->name, 1u << field);
    return true;
}

bool lower_is_owned(Lower *L, Local *l) {
    return find_owned(L, lower_local(L, l)) != NULL;
}

bool lower_disown(Lower *L, const char *name) {
    LowerOwned *o = find_owned(L, name);
    if (o) lower_line(L, "%s_d = 0;", o->name);
    return o != NULL;
}

void lower_moved_local(Lower *L, Local *l) {
    LowerOwned *o = find_owned(L, lower_local(L, l));
    if (o) lower_line(L, "%s_d = 0;", o->name);
}

void lower_moved(Lower *L, Expr *e) {
    if (L->no_move || e == L->borrowed_recv) return;
    while (e->kind == EX_PAREN) e = e->lhs;
    if (e->adjust && (e->adjust->autoref || e->adjust->nderef)) return;
    if (e->kind != EX_PATH || !e->res || e->res->kind != RES_LOCAL) return;
    lower_moved_local(L, e->res->local);
}

void lower_own_array_from(Lower *L, const char *name, Type *ty, const char *start, Span sp) {
    ty = lower_subst(L, ty);
    push_owned(L, name, ty, NULL, sp);
    L->owned[L->nowned - 1].temp = false; /* lives for the loop, not a statement */
    L->owned[L->nowned - 1].start = start;
}

const char *lower_own_temp(Lower *L, Type *ty, const char *v, Span sp) {
    ty = lower_subst(L, ty);
    const char *t = lower_temp(L);
    lower_line(L, "%s %s = %s;", lower_ctype(L, ty, sp), t, v);
    if (lower_type_needs_drop(L, ty)) push_owned(L, t, ty, NULL, sp);
    return t;
}

void lower_stmt_end(Lower *L, int mark) {
    if (mark < L->owned_base) mark = L->owned_base;
    /* the statement's temporaries declared at this depth, last first; the
     * locals it declared stay */
    for (int i = L->nowned - 1; i >= mark; i--)
        if (L->owned[i].temp && L->owned[i].depth == L->depth) drop_one(L, &L->owned[i]);
    int k = mark;
    for (int i = mark; i < L->nowned; i++)
        if (!(L->owned[i].temp && L->owned[i].depth == L->depth)) L->owned[k++] = L->owned[i];
    L->nowned = k;
}

bool lower_user_drop(Lower *L, Type *ty, const char *place, Span sp) {
    if (ty->kind != TYPE_ADT || !ty->def->has_drop || !L->t->wk.drop) return false;
    TraitRef *tr = ty_traitref(L->t, L->t->wk.drop, NULL, 0);
    Selection sel = { 0 };
    if (tr_solve(L->t, ty, tr, false, &sel) != SOLVE_YES || !sel.impl) return false;
    Def *m = NULL;
    for (int i = 0; i < sel.impl->nmembers; i++)
        if (sel.impl->members[i]->kind == DEF_FN && !strcmp(sel.impl->members[i]->name, "drop")) m = sel.impl->members[i];
    if (!m) return false;
    int n = sel.impl->gen.n;
    Type **args = arena_alloc(L->t->a, sizeof(Type *) * (size_t)(n + 1));
    for (int i = 0; i < n; i++) args[i] = ty_zonk(L->t, sel.impl_args[i], true);
    (void)sp;
    lower_line(L, "%s(&%s);", lower_instance(L, m, args, n), place);
    return true;
}

const char *lower_borrowed(Lower *L, Expr *e) {
    Expr *saved = L->borrowed_recv;
    L->borrowed_recv = e;
    const char *v = lower_expr(L, e);
    L->borrowed_recv = saved;
    return v;
}
