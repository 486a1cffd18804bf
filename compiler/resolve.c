/* resolve.c — names: the prelude's and the program's items in any order,
 * modules (only the prelude's `std::...` tree; user `mod` is not supported
 * yet), `use` lines, generics and where clauses, and the lowering of written
 * types (Ty) and bounds to semantic types and trait references.
 */
#include "types.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* ------------------------------------------------------------- modules */

static Module *new_module(Tcx *t, Sym name, Module *parent, bool prelude) {
    Module *m = arena_alloc(t->a, sizeof *m);
    m->name = name;
    m->parent = parent;
    m->prelude = prelude;
    return m;
}

static Def *new_def(Tcx *t, DefKind k, Sym name, Item *it, Module *m, Def *parent) {
    Def *d = arena_alloc(t->a, sizeof *d);
    d->kind = k;
    d->name = name;
    d->item = it;
    d->mod = m;
    d->parent = parent;
    d->prelude = m ? m->prelude : false;
    if (it) {
        d->span = it->name_span.hi > it->name_span.lo ? it->name_span : it->span;
        d->item_span = it->span;
        d->is_pub = it->is_pub;
        it->def = d;
        it->prelude = d->prelude;
    }
    list_push(t->a, &t->defs, d);
    return d;
}

static const char *ns_word(Def *d) {
    switch (d->kind) {
    case DEF_STRUCT: return "struct";
    case DEF_ENUM: return "enum";
    case DEF_TRAIT: return "trait";
    case DEF_ALIAS: return "type alias";
    case DEF_MOD: return "module";
    case DEF_FN: return "function";
    case DEF_CONST: return "constant";
    case DEF_STATIC: return "static";
    case DEF_VARIANT: return "variant";
    default: return "item";
    }
}

static bool define(Tcx *t, Module *m, bool value_ns, Sym name, Def *d, Span sp) {
    if (!name) return false;
    NameMap *map = value_ns ? &m->values : &m->types;
    Def *old = namemap_get(map, name);
    if (old && old != d) {
        if (m->prelude) return false;
        Diag *dg = diag_error_at(t->u, sp, "E0428", NULL, "the name `%s` is defined multiple times", name);
        dg->spans[0].label = arena_printf(t->a, "`%s` redefined here", name);
        diag_span(t->u, dg, old->span, false, "previous definition of the %s `%s` here", ns_word(old), name);
        diag_child(t->u, dg, DIAG_NOTE, "`%s` must be defined only once in the %s namespace of this module",
                   name, value_ns ? "value" : "type");
        return false;
    }
    namemap_put(t->a, map, name, d);
    return true;
}

/* Lookup order: the module (and the blocks around it), then the std root
 * (prelude modules see all of std) or the prelude names (user code). */
static Def *lookup(Tcx *t, Module *m, Sym name, bool value_ns) {
    Module *k = m;
    for (; k; k = k->parent) {
        Def *d = namemap_get(value_ns ? &k->values : &k->types, name);
        if (d) return d;
        if (k->name || k == t->crate || k == t->std_root) break; /* named modules end the walk */
    }
    bool prelude = k ? k->prelude : false;
    Def *d = namemap_get(value_ns ? &t->std_root->values : &t->std_root->types, name);
    if (d && (prelude || d->kind != DEF_MOD)) return d;
    if (!value_ns && !prelude && t->std_root->def &&
        (strcmp(name, "std") == 0 || strcmp(name, "core") == 0 || strcmp(name, "alloc") == 0))
        return t->std_root->def;
    return NULL;
}

static int cmp_sym(const void *a, const void *b) { return strcmp(*(const Sym *)a, *(const Sym *)b); }

/* The names lookup() could find from m, for typo suggestions: the module
 * and the blocks around it, then the std root's (prelude) names. */
int res_visible_names(Tcx *t, Module *m, bool value_ns, Sym *out, int max) {
    int n = 0;
    Module *k = m;
    for (; k && n < max; k = k->parent) {
        NameMap *map = value_ns ? &k->values : &k->types;
        for (uint32_t i = 0; i < map->cap && n < max; i++)
            if (map->keys[i]) out[n++] = map->keys[i];
        if (k->name || k == t->crate || k == t->std_root) break;
    }
    NameMap *root = value_ns ? &t->std_root->values : &t->std_root->types;
    for (uint32_t i = 0; i < root->cap && n < max; i++) {
        Def *d = root->keys[i] ? root->vals[i] : NULL;
        if (d && d->kind != DEF_MOD) out[n++] = root->keys[i];
    }
    /* the maps' order follows addresses: sort so the answer is stable */
    qsort(out, (size_t)n, sizeof *out, cmp_sym);
    return n;
}

const char *res_def_word(const Def *d) { return ns_word((Def *)d); }

Def *res_lookup_type(Tcx *t, Module *m, Sym name) { return lookup(t, m, name, false); }
Def *res_lookup_value(Tcx *t, Module *m, Sym name) { return lookup(t, m, name, true); }

static Type *prim_type(Tcx *t, Sym name) {
    static const char *const ints[INT_KIND_COUNT] = {
        "i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32", "u64", "u128", "usize",
    };
    switch (name[0]) {
    case 'b': if (strcmp(name, "bool") == 0) return t->t_bool; break;
    case 'c': if (strcmp(name, "char") == 0) return t->t_char; break;
    case 's': if (strcmp(name, "str") == 0) return t->t_str; break;
    case 'f':
        if (strcmp(name, "f64") == 0) return t->t_float[FLOAT_F64];
        if (strcmp(name, "f32") == 0) return t->t_float[FLOAT_F32];
        break;
    case 'i': case 'u':
        for (int k = 0; k < INT_KIND_COUNT; k++)
            if (strcmp(name, ints[k]) == 0) return t->t_int[k];
        break;
    default: break;
    }
    return NULL;
}

/* ---------------------------------------------------------- collection */

typedef struct PendingUse {
    Module *mod;
    UseTree *tree;
    Path *prefix;       /* accumulated prefix segments */
    Item *item;
    bool done;
} PendingUse;

typedef struct Collector {
    Tcx *t;
    List uses;          /* PendingUse* */
} Collector;

static void collect_item(Collector *c, Module *m, Item *it, Def *parent);
static void collect_block(Collector *c, Module *m, Block *b);

static void collect_expr(Collector *c, Module *m, Expr *e) {
    if (!e) return;
    if (e->kind == EX_BLOCK || e->kind == EX_ASYNC || e->kind == EX_LOOP || e->kind == EX_WHILE ||
        e->kind == EX_FOR)
        if (e->body) collect_block(c, m, e->body);
    if (e->then) collect_block(c, m, e->then);
    collect_expr(c, m, e->lhs);
    collect_expr(c, m, e->rhs);
    collect_expr(c, m, e->cond);
    collect_expr(c, m, e->else_);
    for (int i = 0; i < e->args.n; i++) collect_expr(c, m, LIST_GET(e->args, i, Expr));
    for (int i = 0; i < e->arms.n; i++) collect_expr(c, m, LIST_GET(e->arms, i, MatchArm)->body);
    if (e->mac)
        for (int i = 0; i < e->mac->args.n; i++) collect_expr(c, m, LIST_GET(e->mac->args, i, Expr));
}

/* Items inside a block live in an anonymous module whose parent is the
 * enclosing one; the checker finds it through the block. */
static void collect_block(Collector *c, Module *m, Block *b) {
    if (!b) return;
    Module *inner = m;
    for (int i = 0; i < b->stmts.n; i++) {
        Stmt *s = LIST_GET(b->stmts, i, Stmt);
        if (s->kind == ST_ITEM && s->item) {
            if (inner == m) {
                inner = new_module(c->t, NULL, m, m->prelude);
                ptrmap_put(c->t->a, &c->t->block_mods, b, NULL, inner);
            }
            collect_item(c, inner, s->item, NULL);
        }
    }
    for (int i = 0; i < b->stmts.n; i++) {
        Stmt *s = LIST_GET(b->stmts, i, Stmt);
        if (s->kind == ST_LET) {
            collect_expr(c, inner, s->init);
            if (s->else_) collect_block(c, inner, s->else_);
        } else if (s->kind == ST_EXPR) {
            collect_expr(c, inner, s->expr);
        }
    }
}

static bool has_attr(Item *it, const char *name) {
    for (int i = 0; i < it->attrs.n; i++)
        if (strcmp(LIST_GET(it->attrs, i, Attr)->name, name) == 0) return true;
    return false;
}

static void collect_members(Collector *c, Module *m, Item *it, Def *owner) {
    Def **members = arena_alloc(c->t->a, sizeof(Def *) * (size_t)(it->items.n + 1));
    int n = 0;
    for (int i = 0; i < it->items.n; i++) {
        Item *mi = LIST_GET(it->items, i, Item);
        DefKind k;
        switch (mi->kind) {
        case ITEM_FN: k = DEF_FN; break;
        case ITEM_TYPE: k = DEF_ASSOC_TY; break;
        case ITEM_CONST: k = DEF_CONST; break;
        default: {
            if (mi->kind != ITEM_ERROR && !m->prelude) {
                const char *what = mi->kind == ITEM_STRUCT ? "struct" : mi->kind == ITEM_ENUM ? "enum"
                                 : mi->kind == ITEM_USE ? "use" : "item";
                diag_error_at(c->t->u, mi->span, NULL, NULL, "%s is not supported in %s", what,
                              owner->kind == DEF_TRAIT ? "traits" : "`impl` blocks");
            }
            continue;
        }
        }
        Def *d = new_def(c->t, k, mi->name, mi, m, owner);
        d->index = n;
        d->has_default = mi->body != NULL || mi->ty != NULL || mi->value != NULL ||
                         (m->prelude && has_attr(mi, "intrinsic"));
        for (int j = 0; j < n; j++) {
            Def *o = members[j];
            bool same_ns = (o->kind == DEF_ASSOC_TY) == (k == DEF_ASSOC_TY);
            if (o->name == d->name && same_ns && !m->prelude) {
                Diag *dg = diag_error_at(c->t->u, d->span, owner->kind == DEF_TRAIT ? "E0428" : "E0201", NULL,
                                         owner->kind == DEF_TRAIT ? "the name `%s` is defined multiple times"
                                                                  : "duplicate definitions with name `%s`:",
                                         d->name);
                dg->spans[0].label = "duplicate definition";
                diag_span(c->t->u, dg, o->span, false, "previous definition here");
                break;
            }
        }
        members[n++] = d;
        if (mi->body && k == DEF_FN) list_push(c->t->a, &c->t->fns, d);
        if (mi->body) collect_block(c, m, mi->body);
    }
    owner->members = members;
    owner->nmembers = n;
}

static void collect_item(Collector *c, Module *m, Item *it, Def *parent) {
    Tcx *t = c->t;
    (void)parent;
    switch (it->kind) {
    case ITEM_FN: {
        Def *d = new_def(t, DEF_FN, it->name, it, m, NULL);
        define(t, m, true, it->name, d, it->name_span);
        if (it->body) {
            list_push(t->a, &t->fns, d);
            collect_block(c, m, it->body);
        } else if (!m->prelude) {
            /* the parser reported the missing body */
        }
        break;
    }
    case ITEM_STRUCT: {
        if (!it->name) break;
        Def *d = new_def(t, DEF_STRUCT, it->name, it, m, NULL);
        d->shape = it->shape;
        if (define(t, m, false, it->name, d, it->name_span) && it->shape != STRUCT_NAMED)
            define(t, m, true, it->name, d, it->name_span);
        break;
    }
    case ITEM_ENUM: {
        if (!it->name) break;
        Def *d = new_def(t, DEF_ENUM, it->name, it, m, NULL);
        define(t, m, false, it->name, d, it->name_span);
        d->nvariants = it->variants.n;
        d->variants = arena_alloc(t->a, sizeof(Def *) * (size_t)(it->variants.n + 1));
        for (int i = 0; i < it->variants.n; i++) {
            Variant *v = LIST_GET(it->variants, i, Variant);
            Def *vd = new_def(t, DEF_VARIANT, v->name, NULL, m, d);
            vd->span = v->span;
            vd->item_span = v->span;
            vd->index = i;
            vd->shape = v->shape == VARIANT_TUPLE ? STRUCT_TUPLE : v->shape == VARIANT_STRUCT ? STRUCT_NAMED
                                                                                              : STRUCT_UNIT;
            vd->is_pub = true;
            for (int j = 0; j < i; j++) {
                if (d->variants[j]->name == v->name && !m->prelude) {
                    Diag *dg = diag_error_at(t->u, v->span, "E0428", NULL,
                                             "the name `%s` is defined multiple times", v->name);
                    dg->spans[0].label = arena_printf(t->a, "`%s` redefined here", v->name);
                    diag_span(t->u, dg, d->variants[j]->span, false, "previous definition of the type `%s` here",
                              v->name);
                    break;
                }
            }
            d->variants[i] = vd;
        }
        break;
    }
    case ITEM_TRAIT: {
        if (!it->name) break;
        Def *d = new_def(t, DEF_TRAIT, it->name, it, m, NULL);
        define(t, m, false, it->name, d, it->name_span);
        list_push(t->a, &t->traits, d);
        collect_members(c, m, it, d);
        break;
    }
    case ITEM_IMPL: {
        Def *d = new_def(t, DEF_IMPL, NULL, it, m, NULL);
        d->span = it->span;
        list_push(t->a, &t->impls, d);
        collect_members(c, m, it, d);
        break;
    }
    case ITEM_TYPE: {
        if (!it->name) break;
        Def *d = new_def(t, DEF_ALIAS, it->name, it, m, NULL);
        define(t, m, false, it->name, d, it->name_span);
        break;
    }
    case ITEM_CONST:
    case ITEM_STATIC: {
        if (!it->name) break;
        Def *d = new_def(t, it->kind == ITEM_CONST ? DEF_CONST : DEF_STATIC, it->name, it, m, NULL);
        define(t, m, true, it->name, d, it->name_span);
        if (it->value) list_push(t->a, &t->consts, d);
        break;
    }
    case ITEM_USE: {
        PendingUse *pu = arena_alloc(t->a, sizeof *pu);
        pu->mod = m;
        pu->tree = it->use;
        pu->item = it;
        if (it->use) list_push(t->a, &c->uses, pu);
        break;
    }
    case ITEM_MOD: {
        if (!m->prelude) {
            Diag *d = diag_error_at(t->u, it->name_span.hi > it->name_span.lo ? it->name_span : it->span, NULL,
                                    NULL, "modules are not supported in dynbox yet");
            diag_child(t->u, d, DIAG_NOTE, "a dynbox program is one file; declare the items at the top level");
            break;
        }
        Def *d = new_def(t, DEF_MOD, it->name, it, m, NULL);
        Module *sub = new_module(t, it->name, m, true);
        sub->def = d;
        d->inner_mod = sub;
        define(t, m, false, it->name, d, it->name_span);
        for (int i = 0; i < it->items.n; i++) collect_item(c, sub, LIST_GET(it->items, i, Item), NULL);
        break;
    }
    case ITEM_MACRO_RULES:
        if (!m->prelude)
            diag_error_at(t->u, it->span, NULL, NULL, "`macro_rules!` is not supported in dynbox");
        break;
    case ITEM_ERROR:
        break;
    }
}

/* --------------------------------------------------------------- `use` */

/* Where a `use` path leads: a module, or items in the two namespaces. */
typedef struct UseTarget {
    Module *mod;
    Def *type_def, *value_def;
    bool failed;        /* reported or not resolvable at all */
    int bad_seg;        /* the segment that failed */
} UseTarget;

static Def *enum_variant(Def *e, Sym name) {
    for (int i = 0; i < e->nvariants; i++)
        if (e->variants[i]->name == name) return e->variants[i];
    return NULL;
}

/* Resolves `segs[0..n)` from module `m` (relative, as Rust 2018 `use`
 * paths are: a local name, `std`/`core`, `crate`, `self`, `super`). */
static UseTarget use_path(Tcx *t, Module *m, PathSeg **segs, int n) {
    UseTarget r = { 0 };
    Module *cur = NULL;
    Def *cur_enum = NULL;
    for (int i = 0; i < n; i++) {
        Sym s = segs[i]->name;
        bool last = i == n - 1;
        if (i == 0 && strcmp(s, "crate") == 0) {
            cur = m->prelude ? t->std_root : t->crate;
            if (last) r.mod = cur;
            continue;
        }
        if (i == 0 && strcmp(s, "self") == 0) {
            cur = m;
            while (cur && !cur->name && cur != t->crate && cur != t->std_root) cur = cur->parent;
            if (last) r.mod = cur;
            continue;
        }
        if (strcmp(s, "super") == 0 && (i == 0 || cur)) {
            Module *from = cur ? cur : m;
            cur = from->parent ? from->parent : NULL;
            if (!cur) {
                r.failed = true;
                r.bad_seg = i;
                return r;
            }
            if (last) r.mod = cur;
            continue;
        }
        Def *td = NULL, *vd = NULL;
        if (cur_enum) {
            vd = enum_variant(cur_enum, s);
            td = NULL;
        } else if (cur) {
            td = namemap_get(&cur->types, s);
            vd = namemap_get(&cur->values, s);
        } else {
            td = lookup(t, m, s, false);
            vd = lookup(t, m, s, true);
        }
        if (!td && !vd) {
            r.failed = true;
            r.bad_seg = i;
            return r;
        }
        if (last) {
            r.type_def = td;
            r.value_def = vd;
            if (td && td->kind == DEF_MOD) r.mod = td->inner_mod;
            return r;
        }
        if (td && td->kind == DEF_MOD) {
            cur = td->inner_mod;
            cur_enum = NULL;
        } else if (td && td->kind == DEF_ENUM) {
            cur_enum = td;
            cur = NULL;
        } else {
            r.failed = true;
            r.bad_seg = i + 1;
            return r;
        }
    }
    r.mod = cur;
    return r;
}

static bool path_is_std(PathSeg **segs, int n) {
    if (n == 0) return false;
    const char *s = segs[0]->name;
    return strcmp(s, "std") == 0 || strcmp(s, "core") == 0 || strcmp(s, "alloc") == 0;
}

static void path_text(Buf *b, PathSeg **segs, int n) {
    for (int i = 0; i < n; i++) {
        if (i) buf_puts(b, "::");
        buf_puts(b, segs[i]->name);
    }
}

static void report_unresolved_use(Tcx *t, PathSeg **segs, int n, int bad, Span sp) {
    if (t->std_root && segs[0]->span.lo >= t->u->src.len) return;
    Buf b = { 0 };
    path_text(&b, segs, n);
    if (path_is_std(segs, n)) {
        Diag *d = diag_error_at(t->u, sp, "E0432", NULL, "unresolved import: `%s` is not supported in dynbox", b.s);
        d->spans[0].label = "not in dynbox's standard library";
        diag_child(t->u, d, DIAG_NOTE,
                   "dynbox provides a subset of the standard library (see docs/language.md)");
    } else {
        Diag *d = diag_error_at(t->u, sp, "E0432", NULL, "unresolved import `%s`", b.s);
        Buf seg = { 0 };
        path_text(&seg, segs, bad + 1);
        if (bad == 0)
            d->spans[0].label = arena_printf(t->a, "no `%s` in the root", segs[0]->name);
        else
            d->spans[0].label = arena_printf(t->a, "could not find `%s` in `%s`", segs[bad < n ? bad : n - 1]->name,
                                             segs[bad > 0 ? bad - 1 : 0]->name);
        buf_free(&seg);
    }
    buf_free(&b);
}

/* One `use` tree: `prefix::{a, b as c, d::*}`. Returns false while a name it
 * needs is not defined yet (another `use` may define it later). */
static bool do_use(Tcx *t, Module *m, UseTree *ut, PathSeg **pre, int npre, bool report) {
    PathSeg *segs[64];
    int n = 0;
    for (int i = 0; i < npre && n < 64; i++) segs[n++] = pre[i];
    if (ut->prefix)
        for (int i = 0; i < ut->prefix->segs.n && n < 64; i++) segs[n++] = LIST_GET(ut->prefix->segs, i, PathSeg);
    if (ut->has_children) {
        bool ok = true;
        for (int i = 0; i < ut->children.n; i++) ok &= do_use(t, m, LIST_GET(ut->children, i, UseTree), segs, n, report);
        return ok;
    }
    if (n == 0) return true;
    bool self_import = strcmp(segs[n - 1]->name, "self") == 0 && n > 1;
    int plen = self_import ? n - 1 : n;
    UseTarget r = use_path(t, m, segs, plen);
    if (r.failed) {
        if (report && !m->prelude) report_unresolved_use(t, segs, plen, r.bad_seg, ut->span);
        return false;
    }
    if (ut->glob) {
        if (r.mod) {
            Module *src = r.mod;
            for (uint32_t i = 0; i < src->types.cap; i++)
                if (src->types.keys[i] && !namemap_get(&m->types, src->types.keys[i]))
                    namemap_put(t->a, &m->types, src->types.keys[i], src->types.vals[i]);
            for (uint32_t i = 0; i < src->values.cap; i++)
                if (src->values.keys[i] && !namemap_get(&m->values, src->values.keys[i]))
                    namemap_put(t->a, &m->values, src->values.keys[i], src->values.vals[i]);
        } else if (r.type_def && r.type_def->kind == DEF_ENUM) {
            Def *e = r.type_def;
            for (int i = 0; i < e->nvariants; i++)
                if (!namemap_get(&m->values, e->variants[i]->name))
                    namemap_put(t->a, &m->values, e->variants[i]->name, e->variants[i]);
        } else if (report && !m->prelude) {
            diag_error_at(t->u, ut->span, "E0432", "not a module or enum", "unresolved import");
        }
        return true;
    }
    Sym name = ut->alias ? ut->alias : segs[plen - 1]->name;
    if (ut->alias && strcmp(ut->alias, "_") == 0) return true;
    Span sp = ut->span;
    if (self_import && !r.mod && !r.type_def) return true;
    if (r.type_def) {
        Def *old = namemap_get(&m->types, name);
        if (old && old != r.type_def && !m->prelude && report) {
            Diag *d = diag_error_at(t->u, sp, "E0252", NULL, "the name `%s` is defined multiple times", name);
            d->spans[0].label = arena_printf(t->a, "`%s` reimported here", name);
        } else if (!old) {
            namemap_put(t->a, &m->types, name, r.type_def);
        }
    }
    if (r.value_def && !self_import) {
        Def *old = namemap_get(&m->values, name);
        if (!old) namemap_put(t->a, &m->values, name, r.value_def);
    }
    return true;
}

static void resolve_uses(Tcx *t, List *uses) {
    /* Repeat until no progress: a `use` may need a name another one brings. */
    for (int pass = 0; pass < 8; pass++) {
        bool progress = false, pending = false;
        for (int i = 0; i < uses->n; i++) {
            PendingUse *pu = LIST_GET(*uses, i, PendingUse);
            if (pu->done) continue;
            if (do_use(t, pu->mod, pu->tree, NULL, 0, false)) {
                pu->done = true;
                progress = true;
            } else {
                pending = true;
            }
        }
        if (!pending) return;
        if (!progress) break;
    }
    for (int i = 0; i < uses->n; i++) {
        PendingUse *pu = LIST_GET(*uses, i, PendingUse);
        if (!pu->done) do_use(t, pu->mod, pu->tree, NULL, 0, true);
    }
}

/* ------------------------------------------------------------- prelude */

static void mark_prelude(Item *it) {
    it->prelude = true;
    for (int i = 0; i < it->items.n; i++) mark_prelude(LIST_GET(it->items, i, Item));
}

/* Parses the prelude's text into the same unit (same interner and arena) by
 * swapping it in as the unit's source for the duration. */
void res_prelude_load(Tcx *t) {
    DbUnit *u = t->u;
    Source saved_src = u->src;
    Token *saved_toks = u->toks;
    int saved_ntoks = u->ntoks;
    Crate *saved_crate = u->crate;
    bool saved_lexed = u->lexed, saved_parsed = u->parsed;
    int saved_errors = u->diags.errors;
    Diag *saved_tail = u->diags.tail;

    memset(&u->src, 0, sizeof u->src);
    u->src.name = "<prelude>";
    u->src.text = prelude_text;
    u->src.len = (uint32_t)strlen(prelude_text);
    u->lexed = u->parsed = false;
    u->parsing_prelude = true;
    lex_run(u);
    Token *prelude_toks = u->toks;
    size_t toks_written = sizeof(Token) * (size_t)u->ntoks;
    parse_run(u);
    u->parsing_prelude = false;
    /* The AST keeps no token: the prelude's 1.4 MiB token array is dead, and
     * the rest of the preload (and the job) allocate into its mapped pages. */
    arena_recycle(&u->arena, prelude_toks, toks_written);
    t->prelude_crate = u->crate;
    t->prelude_src = u->src;

    /* Syntax errors in the prelude are dynbox bugs: keep one ICE, no spans. */
    int bad = u->diags.errors - saved_errors;
    if (bad) {
        const char *first = saved_tail ? (saved_tail->next ? saved_tail->next->message : "?")
                                       : (u->diags.head ? u->diags.head->message : "?");
        if (saved_tail) saved_tail->next = NULL;
        else u->diags.head = NULL;
        u->diags.tail = saved_tail;
        u->diags.errors = saved_errors;
        u->src = saved_src;
        diag_new(u, DIAG_ICE, NULL, "the prelude does not parse: %s", first);
    }
    free(t->prelude_src.line_starts);
    t->prelude_src.line_starts = NULL;
    u->src = saved_src;
    u->toks = saved_toks;
    u->ntoks = saved_ntoks;
    u->crate = saved_crate;
    u->lexed = saved_lexed;
    u->parsed = saved_parsed;
    for (int i = 0; i < t->prelude_crate->items.n; i++) mark_prelude(LIST_GET(t->prelude_crate->items, i, Item));
}

/* ------------------------------------------------------------ collect */

static Def *std_def(Tcx *t, const char *mod, const char *name) {
    Module *m = t->std_root;
    if (mod) {
        Def *md = namemap_get(&m->types, sym_cstr(t->u, mod));
        if (!md || md->kind != DEF_MOD) return NULL;
        m = md->inner_mod;
    }
    Sym s = sym_cstr(t->u, name);
    Def *d = namemap_get(&m->types, s);
    if (!d) d = namemap_get(&m->values, s);
    return d;
}

static void well_known(Tcx *t) {
    WellKnown *w = &t->wk;
    w->option = std_def(t, "option", "Option");
    w->result = std_def(t, "result", "Result");
    w->string = std_def(t, "string", "String");
    w->vec = std_def(t, "vec", "Vec");
    w->box = std_def(t, "boxed", "Box");
    w->pin = std_def(t, "pin", "Pin");
    w->join_handle = std_def(t, "task", "JoinHandle");
    w->formatter = std_def(t, "fmt", "Formatter");
    w->arguments = std_def(t, "fmt", "Arguments");
    w->range = std_def(t, "ops", "Range");
    w->range_inclusive = std_def(t, "ops", "RangeInclusive");
    w->range_from = std_def(t, "ops", "RangeFrom");
    w->range_to = std_def(t, "ops", "RangeTo");
    w->range_full = std_def(t, "ops", "RangeFull");
    w->range_to_inclusive = std_def(t, "ops", "RangeToInclusive");
    w->future = std_def(t, "future", "Future");
    w->into_future = std_def(t, "future", "IntoFuture");
    w->iterator = std_def(t, "iter", "Iterator");
    w->into_iterator = std_def(t, "iter", "IntoIterator");
    w->from_iterator = std_def(t, "iter", "FromIterator");
    w->sum = std_def(t, "iter", "Sum");
    w->product = std_def(t, "iter", "Product");
    w->fn = std_def(t, "ops", "Fn");
    w->fn_mut = std_def(t, "ops", "FnMut");
    w->fn_once = std_def(t, "ops", "FnOnce");
    w->clone = std_def(t, "clone", "Clone");
    w->copy = std_def(t, "marker", "Copy");
    w->sized = std_def(t, "marker", "Sized");
    w->send = std_def(t, "marker", "Send");
    w->sync = std_def(t, "marker", "Sync");
    w->unpin = std_def(t, "marker", "Unpin");
    w->debug = std_def(t, "fmt", "Debug");
    w->display = std_def(t, "fmt", "Display");
    w->partial_eq = std_def(t, "cmp", "PartialEq");
    w->eq = std_def(t, "cmp", "Eq");
    w->partial_ord = std_def(t, "cmp", "PartialOrd");
    w->ord = std_def(t, "cmp", "Ord");
    w->ordering = std_def(t, "cmp", "Ordering");
    w->hash = std_def(t, "hash", "Hash");
    w->default_ = std_def(t, "default", "Default");
    w->drop = std_def(t, "ops", "Drop");
    w->from = std_def(t, "convert", "From");
    w->into = std_def(t, "convert", "Into");
    w->deref = std_def(t, "ops", "Deref");
    w->deref_mut = std_def(t, "ops", "DerefMut");
    w->index = std_def(t, "ops", "Index");
    w->index_mut = std_def(t, "ops", "IndexMut");
    w->to_string = std_def(t, "string", "ToString");
    w->step = std_def(t, "ops", "Step");
    w->int_ = std_def(t, "num", "Int");
    w->signed_int = std_def(t, "num", "SignedInt");
    w->float_ = std_def(t, "num", "Float");
    w->error = std_def(t, "error", "Error");
    w->lower_hex = std_def(t, "fmt", "LowerHex");
    w->upper_hex = std_def(t, "fmt", "UpperHex");
    w->binary = std_def(t, "fmt", "Binary");
    w->octal = std_def(t, "fmt", "Octal");
    w->lower_exp = std_def(t, "fmt", "LowerExp");
    w->upper_exp = std_def(t, "fmt", "UpperExp");
    w->fmt_write = std_def(t, "fmt", "Write");
    static const char *const ops[] = {
        "Add", "Sub", "Mul", "Div", "Rem", "BitAnd", "BitOr", "BitXor", "Shl", "Shr",
    };
    for (int i = 0; i < 10; i++) {
        w->binop[i] = std_def(t, "ops", ops[i]);
        char buf[32];
        snprintf(buf, sizeof buf, "%sAssign", ops[i]);
        w->binop_assign[i] = std_def(t, "ops", buf);
    }
    w->neg = std_def(t, "ops", "Neg");
    w->not = std_def(t, "ops", "Not");
    w->fmt_result = std_def(t, "fmt", "Result");
    w->fmt_error = std_def(t, "fmt", "Error");
    w->mem_replace = std_def(t, "mem", "replace");
}

/* The prelude's items (`std::...`), before any program is known. */
void res_collect_prelude(Tcx *t) {
    Collector c = { t, { 0 } };
    t->std_root = new_module(t, sym_cstr(t->u, "std"), NULL, true);
    Def *std = new_def(t, DEF_MOD, t->std_root->name, NULL, t->std_root, NULL);
    std->inner_mod = t->std_root;
    t->std_root->def = std;
    std->prelude = true;
    if (t->prelude_crate)
        for (int i = 0; i < t->prelude_crate->items.n; i++)
            collect_item(&c, t->std_root, LIST_GET(t->prelude_crate->items, i, Item), NULL);
    t->nprelude_fns = t->fns.n;
    t->crate = new_module(t, NULL, NULL, false);
    resolve_uses(t, &c.uses);
    well_known(t);
}

/* The program's items, in any order, and its `use` lines. */
void res_collect_user(Tcx *t) {
    Collector c = { t, { 0 } };
    if (t->u->crate)
        for (int i = 0; i < t->u->crate->items.n; i++)
            collect_item(&c, t->crate, LIST_GET(t->u->crate->items, i, Item), NULL);
    resolve_uses(t, &c.uses);
}

/* ------------------------------------------------------- type lowering */

static Type *lower(Tcx *t, TyScope *s, Ty *ty);

static bool scope_prelude(TyScope *s) { return s->in_prelude; }

/* One ICE for the whole prelude: it is a single bug, not many. */
void prelude_ice(Tcx *t, const char *msg) {
    if (t->prelude_ice) return;
    t->prelude_ice = true;
    diag_new(t->u, DIAG_ICE, NULL, "the prelude does not check: %s", msg);
}

static void type_error(Tcx *t, TyScope *s, Span sp, const char *code, const char *label, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
static void type_error(Tcx *t, TyScope *s, Span sp, const char *code, const char *label, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    Buf b = { 0 };
    buf_vprintf(&b, fmt, ap);
    va_end(ap);
    if (s->quiet) {
        buf_free(&b);
        return;
    }
    if (scope_prelude(s)) {
        prelude_ice(t, b.s);
    } else {
        Diag *d = diag_error_at(t->u, sp, code, NULL, "%s", b.s);
        if (label) d->spans[0].label = label;
    }
    buf_free(&b);
}

/* The generic parameter called `name` visible in the scope, or -1. */
static int find_param(Def *owner, Sym name) {
    if (!owner) return -1;
    for (int i = owner->gen.n - 1; i >= 0; i--)
        if (owner->gen.names[i] == name) return i;
    return -1;
}

static Type *self_type(Tcx *t, TyScope *s) {
    if (s->self_ty) return s->self_ty;
    if (s->self_trait) return ty_param(t, 0, t->wk.s_self_upper);
    return NULL;
}

/* Lowers the generic arguments written on `seg` for `d` (a struct, enum,
 * alias or trait, whose own parameters start at `first`). Missing
 * arguments become inference variables when allowed, defaults when they
 * have one, else an error. Fills out[0..d->gen.n). */
static bool lower_args(Tcx *t, TyScope *s, PathSeg *seg, Def *d, int first, Type **out, Type *self,
                       bool value_path) {
    int own = d->gen.n - first;
    int given = seg ? seg->args.n : 0;
    if (seg && seg->fn_sugar) given = own;
    for (int i = 0; i < first; i++) out[i] = d->gen.params[i];
    if (d->kind == DEF_TRAIT && first > 0) out[0] = self;
    if (given > own || (given && given < own && !d->gen.defaults) ||
        (given == 0 && own > 0 && !value_path && !s->allow_infer && !d->gen.defaults)) {
        bool missing = given < own;
        int required = own;
        if (d->gen.defaults)
            for (int i = first; i < d->gen.n; i++)
                if (d->gen.defaults[i]) required--;
        if (!(given >= required && given <= own)) {
            if (missing && given == 0)
                type_error(t, s, seg ? seg->span : d->span, "E0107", NULL, "missing generics for %s `%s`",
                           ns_word(d), d->name);
            else
                type_error(t, s, seg ? seg->span : d->span, "E0107", NULL,
                           "%s takes %d generic argument%s but %d generic argument%s %s supplied", ns_word(d), own,
                           own == 1 ? "" : "s", given, given == 1 ? "" : "s", given == 1 ? "was" : "were");
            for (int i = first; i < d->gen.n; i++) out[i] = t->t_err;
            return false;
        }
    }
    for (int i = 0; i < own; i++) {
        Type *a = NULL;
        if (i < given && seg && !seg->fn_sugar) a = lower(t, s, LIST_GET(seg->args, i, Ty));
        else if (d->gen.defaults && d->gen.defaults[first + i])
            a = ty_subst(t, ty_subst_self(t, d->gen.defaults[first + i], self ? self : t->t_err), out, first + i);
        else if (value_path || s->allow_infer)
            a = s->fresh ? s->fresh(s->fresh_ctx, seg ? seg->span : d->span) : t->t_err;
        else
            a = t->t_err;
        out[first + i] = a;
    }
    return true;
}

static Type *alias_target(Tcx *t, Def *d, Type **args, int n) {
    res_def_sig(t, d);
    return ty_subst(t, d->ty ? d->ty : t->t_err, args, n);
}

/* The trait among the bounds on parameter `param` (in the scope's owner
 * chain) that has an associated type `name`, with its arguments. */
static bool find_assoc_bound(Tcx *t, TyScope *s, Type *self, Sym name, TraitRef *out, Def **assoc) {
    for (Def *o = s->owner; o; o = o->parent) {
        if (o->kind != DEF_FN && o->kind != DEF_IMPL && o->kind != DEF_TRAIT && o->kind != DEF_STRUCT &&
            o->kind != DEF_ENUM && o->kind != DEF_ALIAS)
            continue;
        res_def_generics(t, o);
        for (int i = 0; i < o->gen.npreds; i++) {
            Pred *p = &o->gen.preds[i];
            if (p->self != self) continue;
            TraitRef el[32];
            int n = tr_elaborate(t, p->self, &p->tr, el, 32);
            for (int k = 0; k < n; k++) {
                Def *a = res_trait_member(t, el[k].trait, name, DEF_ASSOC_TY);
                if (a) {
                    *out = el[k];
                    *assoc = a;
                    return true;
                }
            }
        }
        if (o->kind == DEF_TRAIT && self->kind == TYPE_PARAM && self->id == 0) {
            TraitRef me = { o, NULL, o->gen.n - 1, NULL, NULL, 0 };
            me.args = o->gen.params + 1;
            TraitRef el[32];
            int n = tr_elaborate(t, self, &me, el, 32);
            for (int k = 0; k < n; k++) {
                Def *a = res_trait_member(t, el[k].trait, name, DEF_ASSOC_TY);
                if (a) {
                    *out = el[k];
                    *assoc = a;
                    return true;
                }
            }
        }
    }
    return false;
}

Def *res_trait_member(Tcx *t, Def *trait, Sym name, DefKind kind) {
    (void)t;
    if (!trait) return NULL;
    for (int i = 0; i < trait->nmembers; i++) {
        Def *m = trait->members[i];
        if (m->name != name) continue;
        if (kind == DEF_ASSOC_TY ? m->kind == DEF_ASSOC_TY : m->kind != DEF_ASSOC_TY) return m;
    }
    return NULL;
}

/* `T::Name` / `Self::Name`: an associated type through the bounds on T. */
static Type *assoc_of(Tcx *t, TyScope *s, Type *self, PathSeg *seg, bool via_self) {
    if (via_self && s->self_ty && self == s->self_ty && s->impl_trait) {
        Def *owner = NULL;
        Def *a = tr_assoc_type(t, s->impl_trait->trait, seg->name, &owner);
        if (a) {
            TraitRef tr = *s->impl_trait;
            if (owner != tr.trait) {
                TraitRef el[32];
                int n = tr_elaborate(t, self, s->impl_trait, el, 32);
                for (int k = 0; k < n; k++)
                    if (el[k].trait == owner) tr = el[k];
            }
            return ty_proj(t, self, &tr, seg->name);
        }
    }
    TraitRef tr;
    Def *a;
    if (find_assoc_bound(t, s, self, seg->name, &tr, &a)) return ty_proj(t, self, &tr, seg->name);
    type_error(t, s, seg->span, "E0220", NULL, "associated type `%s` not found for `%s`", seg->name,
               ty_str(t, self));
    return t->t_err;
}

/* A type path: `Vec<u64>`, `Self`, `T`, `T::Item`, `fmt::Result`,
 * `<T as Iterator>::Item`, `std::pin::Pin<Box<T>>`. */
static Type *lower_path(Tcx *t, TyScope *s, Path *p, Span sp) {
    int n = p->segs.n;
    if (n == 0) return t->t_err;
    if (p->qself) {
        Type *self = lower(t, s, p->qself);
        PathSeg *last = LIST_GET(p->segs, n - 1, PathSeg);
        if (p->qtrait) {
            TraitRef tr;
            Bound b = { p->qtrait->span, p->qtrait, false };
            if (!res_bound(t, s, self, &b, &tr)) return t->t_err;
            Def *owner = NULL;
            if (!tr_assoc_type(t, tr.trait, last->name, &owner)) {
                type_error(t, s, last->span, "E0576", NULL, "cannot find associated type `%s` in trait `%s`",
                           last->name, tr.trait->name);
                return t->t_err;
            }
            if (owner != tr.trait) {
                TraitRef el[32];
                int ne = tr_elaborate(t, self, &tr, el, 32);
                for (int k = 0; k < ne; k++)
                    if (el[k].trait == owner) tr = el[k];
            }
            return ty_proj(t, self, &tr, last->name);
        }
        return assoc_of(t, s, self, last, false);
    }
    PathSeg *first = LIST_GET(p->segs, 0, PathSeg);
    bool via_self = !p->global && first->name == t->wk.s_self_upper;
    Type *cur = NULL;
    int i = 0;
    /* generic parameters and Self */
    if (!p->global) {
        if (first->name == t->wk.s_self_upper) {
            cur = self_type(t, s);
            if (!cur) {
                type_error(t, s, first->span, "E0411", "`Self` is only available in impls, traits, and type definitions",
                           "cannot find type `Self` in this scope");
                return t->t_err;
            }
            i = 1;
        } else {
            int k = find_param(s->owner, first->name);
            if (k >= 0) {
                cur = s->owner->gen.params[k];
                i = 1;
            }
        }
    }
    Module *mod = NULL;
    if (!cur) {
        /* walk modules */
        Module *from = s->mod;
        for (; i < n; i++) {
            PathSeg *seg = LIST_GET(p->segs, i, PathSeg);
            Def *d = NULL;
            if (mod) d = namemap_get(&mod->types, seg->name);
            else if (strcmp(seg->name, "crate") == 0 && i == 0) {
                mod = from->prelude ? t->std_root : t->crate;
                continue;
            } else if (strcmp(seg->name, "super") == 0 && i == 0) {
                mod = from->parent ? from->parent : from;
                continue;
            } else if (strcmp(seg->name, "self") == 0 && i == 0) {
                mod = from;
                continue;
            } else {
                d = lookup(t, from, seg->name, false);
                if (!d && i == n - 1) {
                    Type *prim = prim_type(t, seg->name);
                    if (prim) {
                        if (seg->has_generics && (seg->args.n || seg->bindings.n))
                            type_error(t, s, seg->span, "E0109", NULL, "type arguments are not allowed on builtin type `%s`",
                                       seg->name);
                        return prim;
                    }
                }
                if (!d && i < n - 1) {
                    Type *prim = prim_type(t, seg->name);
                    if (prim) {
                        cur = prim;
                        i++;
                        break;
                    }
                }
            }
            if (!d) {
                /* rustc 1.95's wording (it reports unknown types as E0425) */
                Buf b = { 0 };
                for (int k = 0; k < i; k++) buf_printf(&b, "%s%s", k ? "::" : "", LIST_GET(p->segs, k, PathSeg)->name);
                bool std_path = i > 0 && path_is_std((PathSeg **)p->segs.v, n);
                if (i == n - 1 && i > 0)
                    type_error(t, s, seg->span, "E0425",
                               std_path ? "not supported in dynbox" : arena_printf(t->a, "not found in `%s`", b.s),
                               "cannot find type `%s` in module `%s`", seg->name, b.s);
                else if (i == n - 1) {
                    Def *vd = lookup(t, from, seg->name, true);
                    if (vd && s->quiet) {
                        buf_free(&b);
                        return NULL;
                    }
                    type_error(t, s, seg->span, "E0425", "not found in this scope", "cannot find type `%s` in this scope",
                               seg->name);
                } else if (i > 0)
                    type_error(t, s, seg->span, "E0433",
                               std_path ? "not supported in dynbox"
                                        : arena_printf(t->a, "could not find `%s` in `%s`", seg->name, b.s),
                               "cannot find `%s` in `%s`", seg->name, b.s);
                else if (seg->name[0] >= 'A' && seg->name[0] <= 'Z')
                    type_error(t, s, seg->span, "E0433", arena_printf(t->a, "use of undeclared type `%s`", seg->name),
                               "cannot find type `%s` in this scope", seg->name);
                else
                    type_error(t, s, seg->span, "E0433",
                               arena_printf(t->a, "use of unresolved module or unlinked crate `%s`", seg->name),
                               "cannot find module or crate `%s` in this scope", seg->name);
                buf_free(&b);
                return t->t_err;
            }
            if (d->kind == DEF_MOD) {
                if (i == n - 1) {
                    Type *prim = mod ? NULL : prim_type(t, seg->name);
                    if (prim) return prim;
                    type_error(t, s, seg->span, "E0573", "not a type", "expected type, found module `%s`", seg->name);
                    return t->t_err;
                }
                mod = d->inner_mod;
                continue;
            }
            /* an item that names a type */
            if (d->kind == DEF_TRAIT) {
                if (i == n - 1) {
                    if (s->quiet) return NULL;
                    if (scope_prelude(s)) {
                        prelude_ice(t, "expected a type, found a trait");
                        return t->t_err;
                    }
                    Diag *dg = diag_error_at(t->u, sp, "E0782", NULL, "expected a type, found a trait");
                    diag_suggest(t->u, dg, (Span){ sp.lo, sp.lo }, "dyn ", APP_MACHINE_APPLICABLE,
                                 "you can add the `dyn` keyword if you want a trait object");
                    return t->t_err;
                }
                type_error(t, s, seg->span, "E0223", NULL, "ambiguous associated type");
                return t->t_err;
            }
            if (d->kind != DEF_STRUCT && d->kind != DEF_ENUM && d->kind != DEF_ALIAS) {
                type_error(t, s, seg->span, "E0573", "not a type", "expected type, found %s `%s`", ns_word(d),
                           seg->name);
                return t->t_err;
            }
            res_def_generics(t, d);
            Type *args[32];
            if (d->gen.n > 32) return t->t_err;
            lower_args(t, s, seg, d, 0, args, NULL, false);
            if (d->kind == DEF_ALIAS) cur = alias_target(t, d, args, d->gen.n);
            else cur = ty_adt(t, d, args, d->gen.n);
            i++;
            break;
        }
    } else {
        if (first->has_generics && (first->args.n || first->bindings.n))
            type_error(t, s, first->span, "E0109", NULL, "type arguments are not allowed on type parameter `%s`",
                       first->name);
    }
    /* associated types after the type */
    for (; i < n && cur; i++) {
        PathSeg *seg = LIST_GET(p->segs, i, PathSeg);
        if (cur->kind == TYPE_ERROR) return cur;
        if (cur->kind == TYPE_PARAM || cur == s->self_ty) {
            cur = assoc_of(t, s, cur, seg, via_self);
            via_self = false;
            continue;
        }
        type_error(t, s, seg->span, "E0223", NULL, "ambiguous associated type");
        return t->t_err;
    }
    return cur ? cur : t->t_err;
}

static Type *lower_impl_trait(Tcx *t, TyScope *s, Ty *ty) {
    if (s->opaque_owner) {
        Def *f = s->opaque_owner;
        TraitRef *bounds = arena_alloc(t->a, sizeof(TraitRef) * (size_t)(ty->bounds.n + 1));
        int nb = 0;
        /* the opaque is registered before its bounds so nested ones number after it */
        int idx = f->fn.nopaques++;
        Opaque *ops = arena_alloc(t->a, sizeof(Opaque) * (size_t)f->fn.nopaques);
        if (idx) copy_n(ops, f->fn.opaques, sizeof(Opaque) * (size_t)idx);
        f->fn.opaques = ops;
        f->fn.opaques[idx].span = ty->span;
        Type *self = ty_opaque(t, f, (uint32_t)idx, f->gen.params, f->gen.n);
        for (int i = 0; i < ty->bounds.n; i++) {
            Bound *b = LIST_GET(ty->bounds, i, Bound);
            if (res_bound(t, s, self, b, &bounds[nb])) {
                if (bounds[nb].trait && (bounds[nb].trait->builtin_auto)) continue;
                nb++;
            }
        }
        f->fn.opaques[idx].bounds = bounds;
        f->fn.opaques[idx].nbounds = nb;
        return self;
    }
    if (s->apit && s->owner) {
        /* argument-position `impl Trait`: a synthetic generic parameter */
        Def *o = s->owner;
        int idx = o->gen.n;
        GenInfo *g = &o->gen;
        Sym name = sym_intern(t->u, t->u->src.text + ty->span.lo >= t->u->src.text ? "impl Trait" : "impl Trait", 10);
        if (!scope_prelude(s) && ty->span.hi <= t->u->src.len)
            name = sym_intern(t->u, t->u->src.text + ty->span.lo, ty->span.hi - ty->span.lo);
        Sym *names = arena_alloc(t->a, sizeof(Sym) * (size_t)(idx + 1));
        Type **params = arena_alloc(t->a, sizeof(Type *) * (size_t)(idx + 1));
        Span *spans = arena_alloc(t->a, sizeof(Span) * (size_t)(idx + 1));
        bool *syn = arena_alloc(t->a, sizeof(bool) * (size_t)(idx + 1));
        Type **defs = g->defaults ? arena_alloc(t->a, sizeof(Type *) * (size_t)(idx + 1)) : NULL;
        if (idx) {
            copy_n(names, g->names, sizeof(Sym) * (size_t)idx);
            copy_n(params, g->params, sizeof(Type *) * (size_t)idx);
            copy_n(spans, g->spans, sizeof(Span) * (size_t)idx);
            if (g->synthetic) copy_n(syn, g->synthetic, sizeof(bool) * (size_t)idx);
            if (defs) copy_n(defs, g->defaults, sizeof(Type *) * (size_t)idx);
        }
        names[idx] = name;
        params[idx] = ty_param(t, (uint32_t)idx, name);
        spans[idx] = ty->span;
        syn[idx] = true;
        g->names = names;
        g->params = params;
        g->spans = spans;
        g->synthetic = syn;
        g->defaults = defs;
        g->n = idx + 1;
        for (int i = 0; i < ty->bounds.n; i++) {
            Bound *b = LIST_GET(ty->bounds, i, Bound);
            TraitRef tr;
            if (!res_bound(t, s, params[idx], b, &tr)) continue;
            Pred *preds = arena_alloc(t->a, sizeof(Pred) * (size_t)(g->npreds + 1));
            if (g->npreds) copy_n(preds, g->preds, sizeof(Pred) * (size_t)g->npreds);
            preds[g->npreds] = (Pred){ params[idx], tr, b->span, scope_prelude(s) };
            g->preds = preds;
            g->npreds++;
        }
        return params[idx];
    }
    type_error(t, s, ty->span, "E0562", NULL,
               "`impl Trait` is not allowed in the type of variable bindings or outside of function and inherent method return types");
    return t->t_err;
}

static uint64_t eval_len(Tcx *t, TyScope *s, Expr *e, bool *ok);

static Type *lower(Tcx *t, TyScope *s, Ty *ty) {
    if (!ty) return t->t_unit;
    if (++s->depth > 200) {
        s->depth--;
        return t->t_err;
    }
    Type *r = t->t_err;
    switch (ty->kind) {
    case TY_PATH: r = lower_path(t, s, ty->path, ty->span); break;
    case TY_REF: r = ty_ref(t, lower(t, s, ty->inner), ty->mut_); break;
    case TY_PTR: r = ty_ptr(t, lower(t, s, ty->inner), ty->mut_); break;
    case TY_TUPLE: {
        Type **el = arena_alloc(t->a, sizeof(Type *) * (size_t)(ty->elems.n + 1));
        for (int i = 0; i < ty->elems.n; i++) el[i] = lower(t, s, LIST_GET(ty->elems, i, Ty));
        r = ty_tuple(t, el, ty->elems.n);
        break;
    }
    case TY_ARRAY: {
        Type *el = lower(t, s, ty->inner);
        bool ok = true;
        uint64_t n = eval_len(t, s, ty->len, &ok);
        r = ok ? ty_array(t, el, (uint32_t)n) : t->t_err;
        break;
    }
    case TY_SLICE: r = ty_slice(t, lower(t, s, ty->inner)); break;
    case TY_NEVER: r = t->t_never; break;
    case TY_INFER:
        if (s->allow_infer && s->fresh) r = s->fresh(s->fresh_ctx, ty->span);
        else {
            type_error(t, s, ty->span, "E0121", "not allowed in type signatures",
                       "the placeholder `_` is not allowed within types on item signatures");
            r = t->t_err;
        }
        break;
    case TY_DYN: {
        TraitRef principal = { 0 };
        bool have = false;
        for (int i = 0; i < ty->bounds.n; i++) {
            Bound *b = LIST_GET(ty->bounds, i, Bound);
            TraitRef tr;
            Type *self = ty_param(t, 0, t->wk.s_self_upper);
            if (!res_bound(t, s, self, b, &tr)) continue;
            if (tr.trait->builtin_auto) continue;
            if (have) {
                type_error(t, s, b->span, "E0225", "additional non-auto trait",
                           "only auto traits can be used as additional traits in a trait object");
                continue;
            }
            principal = tr;
            have = true;
        }
        if (!have) {
            if (ty->bounds.n) r = t->t_err;
            else type_error(t, s, ty->span, "E0224", NULL, "at least one trait is required for an object type");
            break;
        }
        r = ty_dyn(t, &principal);
        break;
    }
    case TY_IMPL: r = lower_impl_trait(t, s, ty); break;
    case TY_FN_PTR: {
        Type **ps = arena_alloc(t->a, sizeof(Type *) * (size_t)(ty->elems.n + 1));
        for (int i = 0; i < ty->elems.n; i++) ps[i] = lower(t, s, LIST_GET(ty->elems, i, Ty));
        r = ty_fnptr(t, ps, ty->elems.n, ty->inner ? lower(t, s, ty->inner) : t->t_unit);
        break;
    }
    case TY_ERROR: r = t->t_err; break;
    }
    s->depth--;
    return r;
}

Type *res_type(Tcx *t, TyScope *s, Ty *ty) { return lower(t, s, ty); }

/* Lowers a bound `Trait<A, Name = T>` / `Fn(A) -> R` for `self`. False for
 * `?Sized`, lifetimes and errors (already reported). */
bool res_bound(Tcx *t, TyScope *s, Type *self, Bound *b, TraitRef *out) {
    memset(out, 0, sizeof *out);
    if (!b->path || b->path->segs.n == 0) return false;
    if (b->maybe) return false;
    Path *p = b->path;
    int n = p->segs.n;
    Module *mod = NULL;
    Def *d = NULL;
    for (int i = 0; i < n; i++) {
        PathSeg *seg = LIST_GET(p->segs, i, PathSeg);
        Def *x = mod ? namemap_get(&mod->types, seg->name) : lookup(t, s->mod, seg->name, false);
        if (i == 0 && !mod && strcmp(seg->name, "crate") == 0) {
            mod = s->mod->prelude ? t->std_root : t->crate;
            continue;
        }
        if (!x) {
            if (path_is_std((PathSeg **)p->segs.v, n) && i > 0)
                type_error(t, s, seg->span, "E0405", "not supported in dynbox",
                           "cannot find trait `%s` in this scope", seg->name);
            else
                type_error(t, s, seg->span, "E0405", "not found in this scope", "cannot find trait `%s` in this scope",
                           seg->name);
            return false;
        }
        if (i < n - 1) {
            if (x->kind != DEF_MOD) {
                type_error(t, s, seg->span, "E0404", NULL, "expected trait, found %s `%s`", ns_word(x), seg->name);
                return false;
            }
            mod = x->inner_mod;
            continue;
        }
        d = x;
    }
    PathSeg *seg = LIST_GET(p->segs, n - 1, PathSeg);
    if (!d || d->kind != DEF_TRAIT) {
        if (d)
            type_error(t, s, seg->span, "E0404", "not a trait", "expected trait, found %s `%s`", ns_word(d),
                       seg->name);
        return false;
    }
    res_def_generics(t, d);
    out->trait = d;
    int own = d->gen.n - 1;
    Type *args[32];
    if (own > 31) return false;
    if (seg->fn_sugar) {
        if (d != t->wk.fn && d != t->wk.fn_mut && d != t->wk.fn_once) {
            type_error(t, s, seg->span, "E0214", NULL, "parenthesized type parameters may only be used with a `Fn` trait");
            return false;
        }
        Type **el = arena_alloc(t->a, sizeof(Type *) * (size_t)(seg->args.n + 1));
        for (int i = 0; i < seg->args.n; i++) el[i] = lower(t, s, LIST_GET(seg->args, i, Ty));
        Type *tup = ty_tuple(t, el, seg->args.n);
        out->args = arena_alloc(t->a, sizeof(Type *));
        out->args[0] = tup;
        out->nargs = 1;
        out->bind_names = arena_alloc(t->a, sizeof(Sym));
        out->bind_tys = arena_alloc(t->a, sizeof(Type *));
        out->bind_names[0] = t->wk.s_output;
        out->bind_tys[0] = seg->fn_ret ? lower(t, s, seg->fn_ret) : t->t_unit;
        out->nbinds = 1;
        return true;
    }
    Type *full[33];
    if (!lower_args(t, s, seg, d, 1, full, self, false)) return false;
    for (int i = 0; i < own; i++) args[i] = full[i + 1];
    out->nargs = own;
    if (own) {
        out->args = arena_alloc(t->a, sizeof(Type *) * (size_t)own);
        copy_n(out->args, args, sizeof(Type *) * (size_t)own);
    }
    if (seg->bindings.n) {
        out->bind_names = arena_alloc(t->a, sizeof(Sym) * (size_t)seg->bindings.n);
        out->bind_tys = arena_alloc(t->a, sizeof(Type *) * (size_t)seg->bindings.n);
        for (int i = 0; i < seg->bindings.n; i++) {
            AssocBinding *ab = LIST_GET(seg->bindings, i, AssocBinding);
            Def *owner = NULL;
            if (!tr_assoc_type(t, d, ab->name, &owner)) {
                type_error(t, s, ab->span, "E0220", NULL, "associated type `%s` not found for `%s`", ab->name,
                           d->name);
                continue;
            }
            out->bind_names[out->nbinds] = ab->name;
            out->bind_tys[out->nbinds] = lower(t, s, ab->ty);
            out->nbinds++;
        }
    }
    return true;
}

/* ------------------------------------------------------------ const eval */

static uint64_t eval_len(Tcx *t, TyScope *s, Expr *e, bool *ok) {
    if (!e) {
        *ok = false;
        return 0;
    }
    switch (e->kind) {
    case EX_INT: return e->ival;
    case EX_PAREN: return eval_len(t, s, e->lhs, ok);
    case EX_BINARY: {
        uint64_t a = eval_len(t, s, e->lhs, ok), b = eval_len(t, s, e->rhs, ok);
        switch (e->op) {
        case P_PLUS: return a + b;
        case P_MINUS: return a - b;
        case P_STAR: return a * b;
        case P_SLASH: if (b) return a / b; break;
        case P_PERCENT: if (b) return a % b; break;
        default: break;
        }
        break;
    }
    case EX_CAST: return eval_len(t, s, e->lhs, ok);
    case EX_PATH:
        if (e->path->segs.n == 1) {
            Def *d = lookup(t, s->mod, LIST_GET(e->path->segs, 0, PathSeg)->name, true);
            if (d && d->kind == DEF_CONST && d->item && d->item->value && !d->sig_busy) {
                d->sig_busy = true;
                uint64_t v = eval_len(t, s, d->item->value, ok);
                d->sig_busy = false;
                return v;
            }
        }
        break;
    default: break;
    }
    if (*ok) type_error(t, s, e->span, NULL, NULL, "array lengths must be integer constants in dynbox");
    *ok = false;
    return 0;
}

/* ------------------------------------------------------------ signatures */

void res_scope_for(Tcx *t, Def *d, TyScope *s) {
    memset(s, 0, sizeof *s);
    s->owner = d;
    s->mod = d->mod ? d->mod : t->crate;
    s->in_prelude = d->prelude;
    Def *outer = d->kind == DEF_FN || d->kind == DEF_ASSOC_TY || d->kind == DEF_CONST ? d->parent : d;
    if (outer && outer->kind == DEF_IMPL) {
        s->self_ty = outer->self_ty;
        s->impl_trait = outer->trait_ref;
    } else if (outer && outer->kind == DEF_TRAIT) {
        s->self_trait = outer;
    } else if (outer && (outer->kind == DEF_STRUCT || outer->kind == DEF_ENUM) && outer->sig_done) {
        s->self_ty = ty_adt(t, outer, outer->gen.params, outer->gen.n);
    }
}

/* Generic parameters and predicates of an item (own after the parent's). */
void res_def_generics(Tcx *t, Def *d) {
    if (d->gen_done || d->gen_busy) return;
    d->gen_busy = true;
    Def *parent = (d->kind == DEF_FN || d->kind == DEF_ASSOC_TY || d->kind == DEF_CONST) ? d->parent : NULL;
    if (parent && parent->kind != DEF_IMPL && parent->kind != DEF_TRAIT) parent = NULL;
    if (parent) res_def_generics(t, parent);
    Generics *g = d->item ? &d->item->generics : NULL;
    if (d->kind == DEF_FN && d->item) g = &d->item->sig.generics;
    int own = 0;
    if (g)
        for (int i = 0; i < g->params.n; i++) {
            GenericParam *gp = LIST_GET(g->params, i, GenericParam);
            if (!gp->is_lifetime && !gp->is_const) own++;
        }
    bool is_trait = d->kind == DEF_TRAIT;
    int np = parent ? parent->gen.n : 0;
    int n = np + (is_trait ? 1 : 0) + own;
    GenInfo *gi = &d->gen;
    gi->nparent = np;
    gi->n = n;
    gi->names = arena_alloc(t->a, sizeof(Sym) * (size_t)(n + 1));
    gi->params = arena_alloc(t->a, sizeof(Type *) * (size_t)(n + 1));
    gi->spans = arena_alloc(t->a, sizeof(Span) * (size_t)(n + 1));
    gi->synthetic = arena_alloc(t->a, sizeof(bool) * (size_t)(n + 1));
    int k = 0;
    for (; k < np; k++) {
        gi->names[k] = parent->gen.names[k];
        gi->params[k] = parent->gen.params[k];
        gi->spans[k] = parent->gen.spans[k];
    }
    if (is_trait) {
        gi->names[k] = t->wk.s_self_upper;
        gi->params[k] = ty_param(t, (uint32_t)k, t->wk.s_self_upper);
        k++;
    }
    bool any_default = false;
    if (g)
        for (int i = 0; i < g->params.n; i++) {
            GenericParam *gp = LIST_GET(g->params, i, GenericParam);
            if (gp->is_lifetime || gp->is_const) continue;
            for (int j = np; j < k; j++)
                if (gi->names[j] == gp->name && !d->prelude) {
                    Diag *dg = diag_error_at(t->u, gp->span, "E0403", NULL,
                                             "the name `%s` is already used for a generic parameter in this item's generic parameters",
                                             gp->name);
                    dg->spans[0].label = "already used";
                    diag_span(t->u, dg, gi->spans[j], false, "first use of `%s`", gp->name);
                }
            gi->names[k] = gp->name;
            gi->params[k] = ty_param(t, (uint32_t)k, gp->name);
            gi->spans[k] = gp->span;
            if (gp->default_ty) any_default = true;
            k++;
        }
    if (any_default || (parent && parent->gen.defaults)) {
        gi->defaults = arena_alloc(t->a, sizeof(Type *) * (size_t)(n + 1));
    }
    d->gen_done = true;
    d->gen_busy = false;
    /* predicates: inherited, then the bounds in <...>, then the where clause */
    TyScope s;
    res_scope_for(t, d, &s);
    List preds = { 0 };
    if (parent)
        for (int i = 0; i < parent->gen.npreds; i++) list_push(t->a, &preds, &parent->gen.preds[i]);
    if (is_trait && d->item) {
        /* supertraits: `trait Sub: Super` is `Self: Super` */
        Type *self = gi->params[0];
        d->supers = arena_alloc(t->a, sizeof(TraitRef) * (size_t)(d->item->supertraits.n + 1));
        for (int i = 0; i < d->item->supertraits.n; i++) {
            Bound *b = LIST_GET(d->item->supertraits, i, Bound);
            TraitRef tr;
            if (!res_bound(t, &s, self, b, &tr)) continue;
            d->supers[d->nsupers++] = tr;
        }
    }
    /* predicates become visible as they are lowered, so a later bound may
     * name an associated type of an earlier one (`I: Iterator, F: FnMut(I::Item)`) */
    int extra = gi->npreds;
    Pred *synth = gi->preds;
#define PUBLISH()                                                                  \
    do {                                                                           \
        Pred *all_ = arena_alloc(t->a, sizeof(Pred) * (size_t)(preds.n + extra + 1)); \
        for (int q_ = 0; q_ < preds.n; q_++) all_[q_] = *LIST_GET(preds, q_, Pred); \
        for (int q_ = 0; q_ < extra; q_++) all_[preds.n + q_] = synth[q_];        \
        gi->preds = all_;                                                          \
        gi->npreds = preds.n + extra;                                              \
    } while (0)
    PUBLISH();
    if (g) {
        int idx = np + (is_trait ? 1 : 0);
        for (int i = 0; i < g->params.n; i++) {
            GenericParam *gp = LIST_GET(g->params, i, GenericParam);
            if (gp->is_lifetime || gp->is_const) continue;
            Type *pt = gi->params[idx];
            if (gp->default_ty && gi->defaults) gi->defaults[idx] = res_type(t, &s, gp->default_ty);
            for (int j = 0; j < gp->bounds.n; j++) {
                Bound *b = LIST_GET(gp->bounds, j, Bound);
                Pred *pr = arena_alloc(t->a, sizeof *pr);
                if (!res_bound(t, &s, pt, b, &pr->tr)) continue;
                pr->self = pt;
                pr->span = b->span;
                pr->prelude = d->prelude;
                list_push(t->a, &preds, pr);
                PUBLISH();
            }
            idx++;
        }
        for (int i = 0; i < g->where_.n; i++) {
            WherePred *w = LIST_GET(g->where_, i, WherePred);
            if (!w->ty) continue;
            Type *self = res_type(t, &s, w->ty);
            for (int j = 0; j < w->bounds.n; j++) {
                Bound *b = LIST_GET(w->bounds, j, Bound);
                Pred *pr = arena_alloc(t->a, sizeof *pr);
                if (!res_bound(t, &s, self, b, &pr->tr)) continue;
                pr->self = self;
                pr->span = b->span;
                pr->prelude = d->prelude;
                list_push(t->a, &preds, pr);
                PUBLISH();
            }
        }
    }
    if (is_trait) {
        /* the trait's own `Self: Trait`, so default methods can call it */
        Pred *pr = arena_alloc(t->a, sizeof *pr);
        pr->self = gi->params[0];
        pr->tr.trait = d;
        pr->tr.nargs = n - 1;
        pr->tr.args = gi->params + 1;
        pr->prelude = d->prelude;
        pr->span = d->span;
        list_push(t->a, &preds, pr);
        for (int i = 0; i < d->nsupers; i++) {
            Pred *sp = arena_alloc(t->a, sizeof *sp);
            sp->self = gi->params[0];
            sp->tr = d->supers[i];
            sp->prelude = d->prelude;
            sp->span = d->span;
            list_push(t->a, &preds, sp);
        }
    }
    PUBLISH();
#undef PUBLISH
}

static void lower_fields(Tcx *t, TyScope *s, List *defs, Def *d) {
    d->nfields = defs->n;
    d->fields = arena_alloc(t->a, sizeof(FieldInfo) * (size_t)(defs->n + 1));
    for (int i = 0; i < defs->n; i++) {
        FieldDef *f = LIST_GET(*defs, i, FieldDef);
        FieldInfo *fi = &d->fields[i];
        fi->name = f->name ? f->name : arena_printf(t->a, "%d", i);
        fi->name = sym_cstr(t->u, fi->name);
        fi->ty = res_type(t, s, f->ty);
        fi->span = f->span;
        fi->is_pub = f->is_pub || !d->prelude;
        for (int j = 0; j < i && f->name; j++)
            if (d->fields[j].name == fi->name && !d->prelude) {
                Diag *dg = diag_error_at(t->u, f->span, "E0124", NULL, "field `%s` is already declared", f->name);
                dg->spans[0].label = "field already declared";
                diag_span(t->u, dg, d->fields[j].span, false, "`%s` first declared here", f->name);
            }
    }
}

static void lower_fn_sig(Tcx *t, Def *d) {
    Item *it = d->item;
    FnSig *sig = &it->sig;
    FnInfo *f = &d->fn;
    TyScope s;
    res_scope_for(t, d, &s);
    f->is_async = sig->is_async;
    f->self_kind = sig->self_kind;
    f->has_self = sig->self_kind != SELF_NONE;
    f->has_body = it->body != NULL;
    int np = sig->params.n + (f->has_self ? 1 : 0);
    f->nparams = np;
    f->params = arena_alloc(t->a, sizeof(Type *) * (size_t)(np + 1));
    int k = 0;
    Type *self = self_type(t, &s);
    if (f->has_self) {
        if (!self) {
            if (!d->prelude)
                diag_error_at(t->u, sig->self_span, NULL, "not semantically valid as function parameter",
                              "`self` parameter is only allowed in associated functions");
            self = t->t_err;
        }
        switch (sig->self_kind) {
        case SELF_VALUE: f->params[k] = self; break;
        case SELF_REF: f->params[k] = ty_ref(t, self, false); break;
        case SELF_REF_MUT: f->params[k] = ty_ref(t, self, true); break;
        case SELF_TYPED: f->params[k] = res_type(t, &s, sig->self_ty); break;
        case SELF_NONE: break;
        }
        k++;
    }
    s.apit = true;
    for (int i = 0; i < sig->params.n; i++) {
        Param *p = LIST_GET(sig->params, i, Param);
        f->params[k++] = p->ty ? res_type(t, &s, p->ty) : t->t_err;
    }
    s.apit = false;
    s.opaque_owner = d;
    f->ret = sig->ret ? res_type(t, &s, sig->ret) : t->t_unit;
    s.opaque_owner = NULL;
    f->call_ret = f->ret;
    if (f->is_async && t->wk.future) {
        int idx = f->nopaques++;
        Opaque *ops = arena_alloc(t->a, sizeof(Opaque) * (size_t)f->nopaques);
        if (idx) copy_n(ops, f->opaques, sizeof(Opaque) * (size_t)idx);
        f->opaques = ops;
        Opaque *o = &f->opaques[idx];
        o->is_future = true;
        o->span = sig->span;
        o->nbounds = 1;
        o->bounds = arena_alloc(t->a, sizeof(TraitRef));
        o->bounds->trait = t->wk.future;
        o->bounds->nbinds = 1;
        o->bounds->bind_names = arena_alloc(t->a, sizeof(Sym));
        o->bounds->bind_tys = arena_alloc(t->a, sizeof(Type *));
        o->bounds->bind_names[0] = t->wk.s_output;
        o->bounds->bind_tys[0] = f->ret;
        f->call_ret = ty_opaque(t, d, (uint32_t)idx, d->gen.params, d->gen.n);
    }
}

/* Lowers everything the signature of `d` names, once. */
void res_def_sig(Tcx *t, Def *d) {
    if (d->sig_done) return;
    if (d->sig_busy) {
        if (d->kind == DEF_ALIAS && !d->prelude && !d->cycle_reported) {
            d->cycle_reported = true;
            Diag *dg = diag_error_at(t->u, d->span, "E0391", NULL,
                                     "cycle detected when expanding type alias `%s`", d->name);
            (void)dg;
        }
        return;
    }
    d->sig_busy = true;
    res_def_generics(t, d);
    TyScope s;
    res_scope_for(t, d, &s);
    switch (d->kind) {
    case DEF_STRUCT:
        d->sig_done = true; /* fields may name the struct itself */
        res_scope_for(t, d, &s);
        lower_fields(t, &s, &d->item->fields, d);
        break;
    case DEF_ENUM:
        d->sig_done = true;
        res_scope_for(t, d, &s);
        for (int i = 0; i < d->nvariants; i++) {
            Def *v = d->variants[i];
            Variant *var = LIST_GET(d->item->variants, i, Variant);
            lower_fields(t, &s, &var->fields, v);
            v->sig_done = true;
            v->gen = d->gen;
        }
        break;
    case DEF_TRAIT:
        /* members lower lazily; supertraits came with the generics */
        break;
    case DEF_IMPL: {
        Item *it = d->item;
        s.self_ty = NULL;
        d->self_ty = res_type(t, &s, it->self_ty);
        s.self_ty = d->self_ty;
        if (it->trait_path) {
            TraitRef tr;
            Bound b = { it->trait_path->span, it->trait_path, false };
            if (res_bound(t, &s, d->self_ty, &b, &tr)) {
                d->trait_ref = arena_alloc(t->a, sizeof(TraitRef));
                *d->trait_ref = tr;
            } else {
                d->impl_broken = true;
            }
        }
        break;
    }
    case DEF_FN:
        if (d->parent) res_def_sig(t, d->parent);
        res_scope_for(t, d, &s);
        lower_fn_sig(t, d);
        break;
    case DEF_ASSOC_TY:
        if (d->parent) res_def_sig(t, d->parent);
        res_scope_for(t, d, &s);
        if (d->item->ty) d->ty = res_type(t, &s, d->item->ty);
        if (d->item->bounds.n) {
            Type *self = d->ty;
            if (d->parent && d->parent->kind == DEF_TRAIT) {
                TraitRef me = { d->parent, d->parent->gen.params + 1, d->parent->gen.n - 1, NULL, NULL, 0 };
                self = ty_proj(t, d->parent->gen.params[0], &me, d->name);
            }
            d->bounds = arena_alloc(t->a, sizeof(TraitRef) * (size_t)d->item->bounds.n);
            for (int i = 0; i < d->item->bounds.n; i++)
                if (res_bound(t, &s, self ? self : t->t_err, LIST_GET(d->item->bounds, i, Bound), &d->bounds[d->nbounds]))
                    d->nbounds++;
        }
        break;
    case DEF_CONST:
    case DEF_STATIC:
        if (d->parent) res_def_sig(t, d->parent);
        res_scope_for(t, d, &s);
        d->ty = d->item && d->item->ty ? res_type(t, &s, d->item->ty) : t->t_err;
        break;
    case DEF_ALIAS:
        d->ty = d->item->ty ? res_type(t, &s, d->item->ty) : t->t_err;
        break;
    default:
        break;
    }
    d->sig_busy = false;
    d->sig_done = true;
}

bool res_is_prelude_span(Tcx *t, Def *d) {
    (void)t;
    return d && d->prelude;
}
