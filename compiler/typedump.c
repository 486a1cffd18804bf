/* typedump.c — `--dump=types`: every function of the program with the type
 * of every expression and pattern, the adjustments applied to values and
 * what calls resolved to, as an indented tree like `--dump=ast`.
 */
#include "types.h"

#include <string.h>

typedef struct TD {
    Tcx *t;
    Buf *out;
} TD;

static void pos(TD *d, Span sp) {
    uint32_t line, col;
    src_line_col(&d->t->u->src, sp.lo, &line, &col);
    buf_printf(d->out, " @%u:%u\n", line, col);
}

static void indent(TD *d, int depth) {
    for (int i = 0; i < depth; i++) buf_puts(d->out, "  ");
}

static void ty(TD *d, Type *t) {
    if (!t) {
        buf_puts(d->out, "?");
        return;
    }
    ty_print(d->t, d->out, t);
}

static const char *kind_name(ExprKind k) {
    static const char *const names[] = {
        [EX_INT] = "Int", [EX_FLOAT] = "Float", [EX_STR] = "Str", [EX_CHAR] = "Char",
        [EX_BOOL] = "Bool", [EX_BYTE] = "Byte", [EX_BYTE_STR] = "ByteStr", [EX_PATH] = "Path",
        [EX_UNARY] = "Unary", [EX_REF] = "Ref", [EX_BINARY] = "Binary", [EX_ASSIGN] = "Assign",
        [EX_ASSIGN_OP] = "AssignOp", [EX_CAST] = "Cast", [EX_CALL] = "Call",
        [EX_METHOD] = "MethodCall", [EX_FIELD] = "Field", [EX_INDEX] = "Index",
        [EX_AWAIT] = "Await", [EX_BOX] = "Box", [EX_TRY] = "Try", [EX_BLOCK] = "Block",
        [EX_ASYNC] = "Async", [EX_CLOSURE] = "Closure", [EX_IF] = "If", [EX_LET] = "Let",
        [EX_MATCH] = "Match", [EX_WHILE] = "While", [EX_LOOP] = "Loop", [EX_FOR] = "For",
        [EX_BREAK] = "Break", [EX_CONTINUE] = "Continue", [EX_RETURN] = "Return",
        [EX_RANGE] = "Range", [EX_TUPLE] = "Tuple", [EX_ARRAY] = "Array", [EX_REPEAT] = "Repeat",
        [EX_STRUCT] = "Struct", [EX_MACRO] = "Macro", [EX_PAREN] = "Paren", [EX_ERROR] = "Error",
    };
    return names[k];
}

static void adjust(TD *d, Adjust *a) {
    if (!a) return;
    Buf *o = d->out;
    buf_puts(o, " [");
    bool any = false;
    if (a->nderef) {
        int over = 0;
        for (int i = 0; i < a->nderef; i++) over += a->overloaded[i];
        buf_printf(o, "deref x%d%s", a->nderef, over ? " (Deref)" : "");
        any = true;
    }
    if (a->autoref) {
        buf_printf(o, "%s%s", any ? ", " : "", a->autoref == AUTOREF_MUT ? "&mut" : "&");
        any = true;
    }
    if (a->unsize_array) {
        buf_printf(o, "%sunsize array", any ? ", " : "");
        any = true;
    }
    static const char *const coerce[] = { "", "never", "reborrow", "unsize", "fn pointer" };
    if (a->coerce) {
        buf_printf(o, "%scoerce %s", any ? ", " : "", coerce[a->coerce]);
        any = true;
    }
    if (a->target) {
        buf_puts(o, " -> ");
        ty(d, a->target);
    }
    buf_putc(o, ']');
}

static void def_path(TD *d, Def *def) {
    Buf *o = d->out;
    if (def->parent && def->parent->kind == DEF_IMPL && def->parent->self_ty) {
        ty(d, def->parent->self_ty);
        buf_puts(o, "::");
    } else if (def->parent && (def->parent->kind == DEF_TRAIT || def->parent->kind == DEF_ENUM)) {
        buf_printf(o, "%s::", def->parent->name);
    }
    buf_puts(o, def->name ? def->name : "?");
}

static void res(TD *d, Res *r) {
    if (!r) return;
    Buf *o = d->out;
    switch (r->kind) {
    case RES_LOCAL: buf_printf(o, " {local %s#%d}", r->local->name, r->local->id); break;
    case RES_FN:
        if (!r->def && !r->trait) break;
        buf_puts(o, " {");
        switch (r->dispatch) {
        case DISPATCH_STATIC: buf_puts(o, "static "); break;
        case DISPATCH_PARAM: buf_puts(o, "param "); break;
        case DISPATCH_DYN: buf_puts(o, "dyn "); break;
        case DISPATCH_BUILTIN: buf_puts(o, "builtin "); break;
        }
        if (r->def) def_path(d, r->def);
        else buf_printf(o, "%s", r->trait->name);
        if (r->impl && r->def && r->def->parent != r->impl) {
            buf_puts(o, " via impl for ");
            ty(d, r->impl->self_ty);
        }
        buf_putc(o, '}');
        break;
    case RES_CTOR:
    case RES_STRUCT:
        if (r->def) {
            buf_puts(o, " {");
            def_path(d, r->def);
            buf_putc(o, '}');
        }
        break;
    case RES_CONST:
    case RES_STATIC:
        if (r->def) {
            buf_puts(o, r->kind == RES_CONST ? " {const " : " {static ");
            def_path(d, r->def);
            buf_putc(o, '}');
        }
        break;
    case RES_FIELD: buf_printf(o, " {field %d}", r->field); break;
    case RES_CLOSURE: {
        ClosureInfo *c = r->closure;
        static const char *const kinds[] = { "Fn", "FnMut", "FnOnce" };
        static const char *const modes[] = { "ref", "mut", "move" };
        if (c->is_async_block) buf_puts(o, " {captures");
        else buf_printf(o, " {%s, captures", kinds[c->kind]);
        for (int i = 0; i < c->ncaptures; i++)
            buf_printf(o, "%s %s %s", i ? "," : "", modes[c->captures[i].mode], c->captures[i].local->name);
        if (!c->ncaptures) buf_puts(o, " none");
        buf_putc(o, '}');
        break;
    }
    default: break;
    }
}

static void dump_expr(TD *d, Expr *e, int depth);
static void dump_block(TD *d, Block *b, int depth);

static void dump_pat(TD *d, Pat *p, int depth) {
    if (!p) return;
    indent(d, depth);
    Buf *o = d->out;
    static const char *const names[] = {
        [PAT_WILD] = "PatWild", [PAT_IDENT] = "PatIdent", [PAT_LIT] = "PatLit", [PAT_RANGE] = "PatRange",
        [PAT_TUPLE] = "PatTuple", [PAT_PATH] = "PatPath", [PAT_TUPLE_STRUCT] = "PatTupleStruct",
        [PAT_STRUCT] = "PatStruct", [PAT_REF] = "PatRef", [PAT_OR] = "PatOr", [PAT_REST] = "PatRest",
        [PAT_SLICE] = "PatSlice", [PAT_ERROR] = "PatError",
    };
    buf_puts(o, names[p->kind]);
    if (p->kind == PAT_IDENT) buf_printf(o, " %s", p->name);
    buf_puts(o, ": ");
    ty(d, p->type);
    if (p->res && p->res->kind == RES_LOCAL) {
        Local *l = p->res->local;
        static const char *const modes[] = { "", " by ref", " by ref mut" };
        buf_printf(o, " {local %s#%d%s%s: ", l->name, l->id, l->mut_ ? " mut" : "", modes[l->mode]);
        ty(d, l->ty);
        buf_putc(o, '}');
    } else {
        res(d, p->res);
    }
    pos(d, p->span);
    if (p->sub) dump_pat(d, p->sub, depth + 1);
    for (int i = 0; i < p->elems.n; i++) dump_pat(d, LIST_GET(p->elems, i, Pat), depth + 1);
    for (int i = 0; i < p->fields.n; i++) dump_pat(d, LIST_GET(p->fields, i, PatField)->pat, depth + 1);
}

static void dump_expr(TD *d, Expr *e, int depth) {
    if (!e) return;
    Buf *o = d->out;
    if (e->kind == EX_BLOCK && !e->label && !e->unsafe_) {
        indent(d, depth);
        buf_puts(o, "Block: ");
        ty(d, e->type);
        adjust(d, e->adjust);
        pos(d, e->span);
        dump_block(d, e->body, depth + 1);
        return;
    }
    indent(d, depth);
    buf_puts(o, kind_name(e->kind));
    switch (e->kind) {
    case EX_METHOD:
    case EX_FIELD: buf_printf(o, " %s", e->name); break;
    case EX_BINARY:
    case EX_UNARY:
    case EX_ASSIGN_OP: buf_printf(o, " %s", token_kind_name(e->op)); break;
    case EX_MACRO: buf_printf(o, " %s!", e->mac->name); break;
    case EX_INT: buf_printf(o, " %llu", (unsigned long long)e->ival); break;
    default: break;
    }
    buf_puts(o, ": ");
    ty(d, e->type);
    res(d, e->res);
    adjust(d, e->adjust);
    pos(d, e->span);
    if (e->kind == EX_CLOSURE)
        for (int i = 0; i < e->params.n; i++) dump_pat(d, LIST_GET(e->params, i, Param)->pat, depth + 1);
    if (e->kind == EX_LET || e->kind == EX_FOR) dump_pat(d, e->pat, depth + 1);
    if (e->cond) dump_expr(d, e->cond, depth + 1);
    dump_expr(d, e->lhs, depth + 1);
    for (int i = 0; i < e->args.n; i++) dump_expr(d, LIST_GET(e->args, i, Expr), depth + 1);
    if (e->kind == EX_MACRO) {
        for (int i = 0; i < e->mac->args.n; i++) dump_expr(d, LIST_GET(e->mac->args, i, Expr), depth + 1);
        if (e->pat) dump_pat(d, e->pat, depth + 1);
        if (e->res && e->res->kind == RES_MACRO)
            for (int i = 0; i < e->res->ncaptures; i++) dump_expr(d, e->res->captures[i], depth + 1);
    }
    for (int i = 0; i < e->fields.n; i++) dump_expr(d, LIST_GET(e->fields, i, FieldInit)->value, depth + 1);
    dump_expr(d, e->rhs, depth + 1);
    if (e->then) dump_block(d, e->then, depth + 1);
    if (e->body) dump_block(d, e->body, depth + 1);
    for (int i = 0; i < e->arms.n; i++) {
        MatchArm *arm = LIST_GET(e->arms, i, MatchArm);
        indent(d, depth + 1);
        buf_puts(o, "Arm");
        pos(d, arm->span);
        dump_pat(d, arm->pat, depth + 2);
        if (arm->guard) dump_expr(d, arm->guard, depth + 2);
        dump_expr(d, arm->body, depth + 2);
    }
    if (e->else_) dump_expr(d, e->else_, depth + 1);
}

static void dump_block(TD *d, Block *b, int depth) {
    if (!b) return;
    for (int i = 0; i < b->stmts.n; i++) {
        Stmt *s = LIST_GET(b->stmts, i, Stmt);
        switch (s->kind) {
        case ST_LET:
            indent(d, depth);
            buf_puts(d->out, "Let");
            pos(d, s->span);
            dump_pat(d, s->pat, depth + 1);
            dump_expr(d, s->init, depth + 1);
            break;
        case ST_EXPR: dump_expr(d, s->expr, depth); break;
        default: break;
        }
    }
}

static void dump_fn(TD *d, Def *f) {
    Item *it = f->item;
    Buf *o = d->out;
    buf_puts(o, "fn ");
    def_path(d, f);
    buf_puts(o, ": ");
    if (f->fn.nparams || true) {
        buf_puts(o, "fn(");
        for (int i = 0; i < f->fn.nparams; i++) {
            if (i) buf_puts(o, ", ");
            ty(d, f->fn.params[i]);
        }
        buf_puts(o, ") -> ");
        ty(d, f->fn.call_ret);
    }
    pos(d, it->span);
    for (int i = 0; i < f->fn.nopaques; i++) {
        Opaque *op = &f->fn.opaques[i];
        if (op->is_future) continue;
        indent(d, 1);
        buf_printf(o, "impl Trait #%d = ", i);
        ty(d, op->concrete);
        buf_putc(o, '\n');
    }
    for (int i = 0; i < it->sig.params.n; i++) dump_pat(d, LIST_GET(it->sig.params, i, Param)->pat, 1);
    indent(d, 1);
    buf_puts(o, "Body");
    pos(d, it->body->span);
    dump_block(d, it->body, 2);
}

/* The prelude's functions when `prelude` (for tests: their spans point
 * into the prelude's text, which the unit's source map does not know). */
void check_dump_fns(DbUnit *u, Buf *out, bool prelude) {
    Tcx *t = u->tcx;
    if (!t) return;
    TD d = { t, out };
    for (int i = prelude ? 0 : t->nprelude_fns; i < (prelude ? t->nprelude_fns : t->fns.n); i++) {
        Def *f = LIST_GET(t->fns, i, Def);
        if (f->prelude != prelude || !f->item || !f->item->body || !f->checked) continue;
        dump_fn(&d, f);
    }
}

void check_dump_types(DbUnit *u, Buf *out) {
    buf_printf(out, "Types %s\n", u->src.name);
    check_dump_fns(u, out, false);
}
