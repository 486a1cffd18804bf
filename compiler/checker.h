/* checker.h — private to the body checker (check.c, check_expr.c,
 * check_pat.c, check_call.c): the per-body context, scopes of locals, loop
 * and function frames, and the helpers the files share.
 */
#ifndef DYNBOX_CHECKER_H
#define DYNBOX_CHECKER_H

#include "types.h"

/* E0277 with rustc's wording for the common traits (Display, Debug,
 * Iterator, Future, ...). `origin`: "required by a bound in `origin`". */
void check_report_unsatisfied(Tcx *t, Type *self, const TraitRef *tr, Span at, Def *origin, Span bound_span,
                              bool bound_prelude, int kind);

typedef struct LoopCtx {
    struct LoopCtx *outer;
    Sym label;
    Expr *e;
    Type *break_ty;     /* loop and labeled blocks: the value's type; NULL for while/for */
    bool is_block;      /* a labeled block (`'a: {}`), not a loop */
    bool has_break;
    int frame;          /* the fn frame it belongs to */
} LoopCtx;

typedef enum { FRAME_FN, FRAME_CLOSURE, FRAME_ASYNC } FrameKind;

/* Where `return`, `?` and `.await` go: the fn, a closure or an async block. */
typedef struct Frame {
    FrameKind kind;
    Type *ret;          /* what `return` must produce */
    Span ret_span;      /* the written return type, for "expected because of return type" */
    bool ret_written;
    bool is_async;
    Expr *e;            /* closure / async block */
    Span fn_span;       /* "this is not `async`" */
    int locals_base;    /* locals below this belong to outer frames: captures */
    bool ret_inferred;  /* closure without a written return type */
} Frame;

typedef struct FnCtx {
    Tcx *t;
    DbUnit *u;
    Def *def;
    bool prelude;
    Module *mod;
    TyScope ts;         /* for types written in the body */
    Local **locals;
    int nlocals, caplocals;
    Frame frames[64];
    int nframes;
    LoopCtx *loops;
    List pending;       /* Obligation* */
    List exprs;         /* every checked Expr, to resolve at the end */
    List pats;
    List closures;      /* closure and async block Exprs, innermost first at the end */
    List let_locals;    /* Locals from `let` without a type: E0282 when unresolved */
    uint32_t var_base;  /* the body's first inference variable */
    bool reported_infer;
    int errors_at_start;
    Type **opaque_vars; /* hidden types of the fn's own `impl Trait`s */
    int nopaque;
    Expr *boxing;       /* the call a `.box` is about to check */
    Span arg_callee;    /* the callee whose argument is being checked (E0593) */
    List deferred;      /* E0004/E0005: reported if the body has no other error */
    List deferred_bck;  /* E0384/E0594/E0596/E0507: reported if the body has no error at all */
    List irrefutable;   /* let/for/parameter patterns to check once types are known */
    /* `if`/`match` expressions whose value is the fn's return value (for
     * rustc's "expected `T` because of return type" on their branches) */
    const Expr *ret_tails[32];
    int nret_tails;
} FnCtx;

/* The span rustc points at for an item ("similarly named ... defined
 * here", "must implement"): a fn's signature, otherwise the item from its
 * keyword to its name. */
Span cx_def_head_span(const Def *d);
/* rustc's "consider annotating `P` with `#[derive(Trait)]`". */
void cx_suggest_derive(FnCtx *cx, Diag *d, const Def *def, const char *trait);

/* Records e's tail `if`/`match` expressions (through blocks) as return sites. */
void cx_mark_ret_tails(FnCtx *cx, const Expr *e);

/* check.c */
Diag *cx_error(FnCtx *cx, Span sp, const char *code, const char *label, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
Diag *cx_deferred(FnCtx *cx, bool borrowck, Span sp, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
void cx_mismatch(FnCtx *cx, Span sp, Type *expected, Type *found, Span due_to, const char *due_label);
Type *cx_var(FnCtx *cx, Span sp);
Type *cx_coerce(FnCtx *cx, Expr *e, Type *expected, Span due_to, const char *due_label);
bool cx_try_coerce(FnCtx *cx, Expr *e, Type *expected);
void cx_select(FnCtx *cx);
void cx_obligation(FnCtx *cx, Type *self, const TraitRef *tr, Span sp, Def *origin, Span bound_span, bool prelude,
                   int kind);
void cx_register_preds(FnCtx *cx, Def *d, Type **args, int n, Span sp);
Type *cx_instantiate(FnCtx *cx, Type *ty, Type **args, int n);
Type *cx_block(FnCtx *cx, Block *b, Type *expected);
Type *cx_lower_type(FnCtx *cx, Ty *ty);
Local *cx_new_local(FnCtx *cx, Sym name, Type *ty, Span sp, bool mut_, Pat *p);
Local *cx_find_local(FnCtx *cx, Sym name);
Frame *cx_frame(FnCtx *cx);
Type *cx_resolve(FnCtx *cx, Type *ty);
Adjust *cx_adjust(FnCtx *cx, Expr *e);
bool cx_user(FnCtx *cx);

/* check_expr.c */
Type *cx_expr(FnCtx *cx, Expr *e, Type *expected);
Type *cx_expr_coerce(FnCtx *cx, Expr *e, Type *expected, Span due_to, const char *due_label);
void cx_closure_captures(FnCtx *cx, Expr *closure);
bool cx_place_mutable(FnCtx *cx, Expr *e, Local **root, bool *through_ref);
void cx_require_mut_place(FnCtx *cx, Expr *place, Span at);

/* check_call.c */
Type *cx_call(FnCtx *cx, Expr *e, Type *expected);
Type *cx_method(FnCtx *cx, Expr *e, Type *expected);
Type *cx_path_expr(FnCtx *cx, Expr *e, Type *expected);
Type *cx_macro(FnCtx *cx, Expr *e, Type *expected);
void cx_resolve_dispatch(FnCtx *cx, Res *r);
Def *cx_path_def(FnCtx *cx, Path *p, bool value_ns, Type **self_out, Type ***args_out, int *nargs_out,
                 Res *res, bool quiet);

/* check_pat.c */
void cx_pat(FnCtx *cx, Pat *p, Type *expected, BindMode mode, bool top);
bool cx_pat_refutable(FnCtx *cx, Pat *p);
void cx_match_exhaustive(FnCtx *cx, Expr *match, Type *scrut);
void cx_let_irrefutable(FnCtx *cx, Pat *p, Type *ty, Span sp, bool is_for);
void cx_check_irrefutable(FnCtx *cx);

#endif
