/* lower.h — private interface of the lowering (typed AST to C99): the state
 * of one lowering run and the helpers its files share. Everything lives in
 * the unit's arena or in the Buf the unit owns (u->lower_out). */
#ifndef DYNBOX_LOWER_H
#define DYNBOX_LOWER_H

#include "types.h"

#include <stdarg.h>

typedef struct Lower {
    DbUnit *u;
    Tcx *t;
    Buf out;        /* the whole translation unit */
    Buf types;      /* struct definitions, dependencies first */
    Buf decls;      /* prototypes */
    Type **tuples;  /* tuple types given a struct, by index */
    int ntuples;
    Buf body;       /* function bodies */
    Buf *cur;       /* where statements of the current fn go */
    int ntemp;
    int nfns;       /* fns mangled so far */
    /* enclosing loops, innermost last: break/continue jump to their labels */
    struct LowerLoop {
        Sym label;
        int id;
        const char *value;  /* temp of `break value`, or NULL */
        bool brk_used, cont_used;
        int owned_mark; /* lower_scope_mark() when the loop began */
    } loops[64];
    int nloops;
    int nlabels;
    int depth;      /* indentation */
    bool failed;    /* an unsupported construct was reported */
    Type *ret_ty;   /* return type of the fn being lowered */
    /* Whole C functions generated on the side while lowering a fn (closure
     * bodies, Debug/Display impls, comparison callbacks): their prototypes
     * go to decls, their definitions here; db_emit_c emits helpers after
     * decls and before body. */
    Buf helpers;
    int nhelpers;   /* helper functions named so far (dbH<n>_...) */
    int nclosures;  /* closure expressions given a struct so far */
    /* what lower_intrinsics.c, lower_fmt.c and lower_closure.c made so far
     * in this run (lists in the unit's arena) */
    struct MadeHelper *made_helpers;
    struct FmtHelper *fmt_helpers;
    struct ClosureSlot *closure_slots;
    /* lower-core (lower_mono.c, lower_drop.c): the generic arguments of the
     * fn instance being lowered, the instances made so far and the worklist
     * of those still to lower, the concrete struct/enum types defined */
    Type **subst;
    int nsubst;
    struct LowerInst *insts, *todo, *todo_tail;
    struct LowerAdt *adts;
    int nadts;
    struct ClosureSig *closure_sigs; /* closures' signatures substituted for this instance */
    /* drops (lower_drop.c): owned locals in scope, innermost last, and the
     * temporaries of the statement being lowered; per fn, so closures save
     * and restore them with the other per-fn fields */
    struct LowerOwned *owned;
    int nowned, capowned;
    struct LowerTemp *temps;
    int ntemps, captemps;
    int owned_base;   /* the current fn's (or closure body's) first entry */
    int no_move;      /* > 0: lower_expr reads places without moving them */
    Expr *borrowed_recv; /* the receiver of a by-reference intrinsic call: not moved */
    /* dyn (lower_dyn.c): vtable structs and constant vtables made so far */
    struct VtType *vt_types;
    struct VtInst *vt_insts;
    int nvt;
    bool fat_defined;
    /* lower-async (lower_async.c): the async fn body being lowered (NULL
     * outside one), the future types made so far, `.box` sites named */
    struct AsyncCtx *async;
    struct AsyncFut *async_futs;
    int nasync, nsites;
    /* Set by lower-core's dyn lowering (NULL until then: a `.box` through
     * dyn is reported unsupported): lowers the `dyn Trait` receiver recv
     * of boxed-class method m, sets *data to its C data pointer (void *)
     * and returns the C lvalue of m's slot in its vtable (an RtBoxedSlot
     * or RtCalleeSlot, lower_vtable_boxed_slot_ctype). */
    const char *(*dyn_slot)(struct Lower *L, Expr *recv, Def *m, const char **data);
} Lower;

/* lower.c */
void lower_unsupported(Lower *L, Span sp, const char *what);
const char *lower_ctype(Lower *L, Type *ty, Span sp);
bool lower_is_unit(Type *ty);
const char *lower_temp(Lower *L);
void lower_line(Lower *L, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *lower_expr(Lower *L, Expr *e);
const char *lower_loc(Lower *L, Span sp);
bool lower_is_place(Expr *e); /* e denotes a memory location */
/* The concrete type of ty in the fn instance being lowered: its generic
 * parameters substituted (lower_intrinsics.c, lower_closure.c and
 * lower_fmt.c call this on every type they read from the AST). */
Type *lower_subst(Lower *L, Type *ty);
/* The C name of a local (pattern bindings of closures and `for` loops). */
const char *lower_local(Lower *L, Local *l);
/* The C name of a non-generic user fn or method (a Display impl's fmt). */
const char *lower_fn_name(Lower *L, Def *fn);
void lower_c_string(Buf *b, const char *s, size_t n);

/* lower_mono.c: monomorphization. lower_instance names (and queues, once)
 * the instance of fn with the concrete generic arguments args (all levels,
 * the impl's or trait's first); lower_drain_instances lowers the queued ones
 * through lower_fn_instance. lower_resolve substitutes a call's Res into the
 * current instance and resolves a trait method to its impl's method (or the
 * trait's default body, or DISPATCH_BUILTIN for the compiler's impls).
 * lower_adt_ctype: the C struct of a concrete user or prelude struct/enum. */
const char *lower_instance(Lower *L, Def *fn, Type **args, int nargs);
void lower_drain_instances(Lower *L);
void lower_fn_instance(Lower *L, Item *it, Type **args, int nargs, const char *name);
Res *lower_resolve(Lower *L, Res *r, Span sp);
const char *lower_adt_ctype(Lower *L, Type *ty, Span sp);
const char *lower_type_tag(Lower *L, Type *ty);
/* Substitutes, until the instance being lowered is done, the signatures
 * of the closures inside ty written in a generic fn (so trait goals such
 * as `Map<I, F>: Iterator` hold for the instance). */
void lower_closure_sigs(Lower *L, Type *ty);

/* lower_drop.c: ownership and drops. lower_own registers the owned value
 * at C lvalue name (a drop flag name_d is declared, set); lower_scope_mark /
 * lower_scope_end bracket a scope (its owned values dropped in reverse,
 * flag permitting); lower_drop_to drops (without forgetting) everything
 * from a mark (break/continue/return). lower_moved clears the flag of a
 * local read by value by e. lower_bound_local collects a pattern's by-value
 * bindings while their declarations are built; lower_own_bound(L, from)
 * then owns those with drop glue (returns how many). lower_own_temp spills
 * v into a temporary owned by the current scope. lower_user_drop calls
 * ty's `impl Drop` (false when it has none). */
int lower_scope_mark(Lower *L);
void lower_scope_end(Lower *L, int mark);
void lower_drop_to(Lower *L, int mark);
void lower_own(Lower *L, const char *name, Type *ty, Local *l, Span sp);
void lower_own_local(Lower *L, Local *l);
void lower_bound_local(Lower *L, Local *l);
int lower_own_bound(Lower *L, int from);
bool lower_is_owned(Lower *L, Local *l);
/* Field `field` of owned local l moved out (`let n = p.name;`): false when
 * l cannot track a partial move (not a plain struct or tuple). */
bool lower_moved_field(Lower *L, Local *l, int field);
/* A field of a field moved out of owned local l (`let n = o.inner.name;`):
 * path holds the field indices from l down (len >= 2); false when l or a
 * struct on the way cannot track it. */
bool lower_moved_path(Lower *L, Local *l, const int *path, int len);
bool lower_disown(Lower *L, const char *name); /* clears name_d when name is owned */
void lower_moved_local(Lower *L, Local *l);
void lower_moved(Lower *L, Expr *e);
const char *lower_own_temp(Lower *L, Type *ty, const char *v, Span sp);
/* An array at C lvalue name owned from element index `start` (a C
 * variable) on: a `for` loop moving its elements out one by one. */
void lower_own_array_from(Lower *L, const char *name, Type *ty, const char *start, Span sp);
/* The end of a statement begun at mark: its temporaries (lower_own_temp)
 * are dropped, last first. */
void lower_stmt_end(Lower *L, int mark);
/* lower_expr of a value that is only borrowed (format arguments): a local
 * named by e is not moved; what e's sub-expressions consume still is. */
const char *lower_borrowed(Lower *L, Expr *e);
bool lower_user_drop(Lower *L, Type *ty, const char *place, Span sp);

/* lower_dyn.c: `dyn Trait`. lower_dyn_ctype: the fat pointer `dbDyn`
 * for &dyn T, &mut dyn T, Box<dyn T> (NULL otherwise, and for dyn Future,
 * the async lowering's); lower_dyn_coerce: v of type from unsized to `to`
 * (&T/Box<T> to dyn with T's vtable, dyn Sub to dyn Super), NULL when `to`
 * is no fat pointer; lower_dyn_call: a call of trait method r->def through
 * the receiver's vtable; lower_dyn_box_drop: drop glue of Box<dyn T>
 * (false for other types); lower_dyn_install sets L->dyn_slot. */
const char *lower_dyn_ctype(Lower *L, Type *ty, Span sp);
const char *lower_dyn_coerce(Lower *L, Type *from, Type *to, const char *v, Span sp);
const char *lower_dyn_call(Lower *L, Expr *e, Res *r, Expr *recv);
bool lower_dyn_box_drop(Lower *L, Type *ty, const char *place, Span sp);
void lower_dyn_install(Lower *L);
/* `next` on the Box<dyn Iterator> / &mut dyn Iterator at C pointer `it`
 * (of type ity) through its vtable: its Option<Item> value; NULL when ity
 * is no such type. */
const char *lower_dyn_iter_next(Lower *L, Type *ity, const char *it, Span sp);
/* The RtFmtFn formatting a &dyn Display / Box<dyn Display> (or Debug)
 * through its vtable, for lower_fmt_fn; NULL for other types. */
const char *lower_dyn_fmt_fn(Lower *L, Type *ty, const char *trait, Span sp);

/* lower_match.c: `match`, and the condition of a pattern (for `if let`,
 * `while let`) on the value s of type ty: appends the bindings'
 * declarations to binds. */
const char *lower_match(Lower *L, Expr *e);
const char *lower_pat_cond(Lower *L, Pat *p, const char *s, Type *ty, Buf *binds);
/* The scrutinee x of a match/let as a C lvalue (a place in place, an
 * rvalue in a temporary owned by the scope); lower_scrutinee_moved: by-value
 * bindings took parts of it (its owner's flag is cleared). */
const char *lower_scrutinee(Lower *L, Expr *x);
void lower_scrutinee_moved(Lower *L, Expr *x, const char *sv);

/* lower_fmt.c: print!/println!/eprint!/eprintln!/format!/panic!/assert*!/
 * write!/writeln!. */
const char *lower_format_macro(Lower *L, Expr *e);
/* The RtFmtFn implementing `trait` ("display", "debug", "lower_hex", ...)
 * for values of type ty (a pointer to a ty is passed to it): rt_fmt_* for
 * the built-in types, a generated helper for derived Debug of structs,
 * enums and tuples, Vec/slices/Option/Result/String, references. NULL
 * when ty does not implement it (the checker rejected that already). */
const char *lower_fmt_fn(Lower *L, Type *ty, const char *trait, Span sp);

/* lower_intrinsics.c: every prelude fn without a body or marked
 * #[intrinsic] (String, &str, Vec<T>, slices, Box, integer, float and char
 * methods, Option/Result unwrap/expect, mem::swap/replace, Formatter and
 * the Debug builders, the runtime iterators' next, collect/sum/product,
 * extend, sort_by/retain) and the compiler's own Clone/PartialEq/Ord for
 * built-in types, as one table entry each, mapped to runtime calls.
 * lower_intrinsic_ctype: the C type of a prelude type the runtime
 * represents (String -> RtString, Vec<T> -> RtVec, &str -> RtStr,
 * &[T] -> RtSlice, Box<T> -> T *, Chars -> RtChars, ...), or NULL for any
 * other type; lower_ctype asks it first. */
const char *lower_intrinsic_ctype(Lower *L, Type *ty, Span sp);
/* For tests: the table rows no prelude fn matches (a typo in the table or
 * a prelude change), as "owner::name" (up to max); returns their count.
 * u must be checked (db_run to DB_PHASE_CHECK). */
int lower_intrinsic_unmatched(DbUnit *u, const char **out, int max);
/* Whether a call resolved to r is implemented by the table. */
bool lower_is_intrinsic(Lower *L, Res *r);
/* The call e (EX_CALL or EX_METHOD; recv is the receiver of a method call,
 * NULL otherwise) of the intrinsic r->def: its C value ("" for ()). */
const char *lower_intrinsic_call(Lower *L, Expr *e, Res *r, Expr *recv);
/* Whether e's adjustments dereference through a runtime type's Deref
 * (String to str, Vec<T> to [T], Box<T> to T) or an &str/&[T]; then
 * lower_intrinsic_adjusted gives e's adjusted value. */
bool lower_intrinsic_adjusts(Lower *L, Expr *e);
const char *lower_intrinsic_adjusted(Lower *L, Expr *e);
/* `base[index]` on Vec<T>, [T], String/str ranges: an lvalue (bounds
 * checked with Rust's panic). */
const char *lower_intrinsic_index(Lower *L, Expr *e);
/* `*e->lhs` through the Deref of Box<T> (an lvalue), String (str) or
 * Vec<T> ([T]); NULL for other operands. */
const char *lower_intrinsic_deref(Lower *L, Expr *e);
/* The value of a prelude constant: f64::INFINITY/NAN/MAX/EPSILON...,
 * std::f64::consts::PI and the other literal consts of the prelude's
 * modules; NULL for any other constant. */
const char *lower_intrinsic_const(Lower *L, Expr *e);
/* `expr?` on an Option or a Result whose error type is the fn's own: a
 * `return None` / `return Err(e)` (lowered as a return expression). */
const char *lower_try(Lower *L, Expr *e);
/* vec![...], unreachable!, todo!, unimplemented!; NULL if e is another
 * macro. */
const char *lower_intrinsic_macro(Lower *L, Expr *e);
/* Drop glue of a runtime-represented type: emits the statements dropping
 * the value at the C lvalue `place` and returns true; false when ty is not
 * such a type. For types without drop glue (&str, slices) emits nothing and
 * returns true. */
bool lower_intrinsic_drop(Lower *L, Type *ty, const char *place, Span sp);
/* The C boolean `*pa == *pb` for values of types ta and tb at pointers pa
 * and pb (scalars, str/String in any mix, tuples, Vec/slices of those);
 * NULL when not built in. */
const char *lower_intrinsic_eq(Lower *L, Type *ta, const char *pa, Type *tb, const char *pb, Span sp);
/* `a op b` when an operand is a String/&str (==, !=, <, <=, >, >=, +),
 * `s += t` on a String, an operator on references to scalars (`x + *y`
 * written `x + y`), and ==/!= on Vec, tuples and derived PartialEq types;
 * NULL for other operands (lower.c's scalar operators). */
const char *lower_intrinsic_binary(Lower *L, Expr *e);
/* The Option<Item> value of `next` on the iterator at C pointer `it` of
 * type ity: a runtime iterator's template, else a call of its Iterator
 * impl's `next` lowered as any method call. */
const char *lower_iter_next(Lower *L, Type *ity, const char *it, Span sp);
/* `for PAT in EXPR` over anything but an integer range (Vec, &Vec, slices,
 * any Iterator): NULL when e is not a `for` or iterates an integer range
 * (lower_loop's). */
const char *lower_for_iter(Lower *L, Expr *e);
/* Whether values of ty need drop glue of their own (String, Vec, Box). */
bool lower_intrinsic_needs_drop(Type *ty);
/* Whether a value of ty owns anything to release (runtime types inside
 * it, user Drop impls, closures holding such captures by value), and the
 * statements dropping the value at C lvalue `place`: runtime types here,
 * tuples, structs and enums field by field in declaration order; a user
 * `impl Drop` is reported unsupported here (lower-core's drops own it). */
bool lower_type_needs_drop(Lower *L, Type *ty);
void lower_drop_value(Lower *L, Type *ty, const char *place, Span sp);

/* lower_closure.c: closures. A closure expression is a C struct holding its
 * captures (a pointer per by-reference capture, the value per by-move one)
 * and one helper fn `dbClo<N>_call(struct dbClo<N> *env, params...)`,
 * one per closure expression and concrete signature (so per instance of an
 * enclosing generic fn). Its body is lowered as a fn of its own: the
 * per-fn fields of Lower (cur, depth, nloops, ret_ty) are saved and
 * restored around it, so per-fn state added to Lower (drop scopes) must be
 * saved there too. */
const char *lower_closure_ctype(Lower *L, Type *ty, Span sp);
const char *lower_closure(Lower *L, Expr *e);
/* A call `f(args)` whose callee has a closure type (or a reference to
 * one); NULL when the callee is not a closure. */
const char *lower_closure_call(Lower *L, Expr *e);
/* The C fn calling a closure of type ty (first parameter: a pointer to
 * the closure's struct); NULL when ty is not a closure. */
const char *lower_closure_call_fn(Lower *L, Type *ty, Span sp);
/* Drop glue of a closure: its by-move captures. */
bool lower_closure_needs_drop(Lower *L, Type *ty);
void lower_closure_drop(Lower *L, Type *ty, const char *place, Span sp);
/* Binds an irrefutable pattern (identifiers, `_`, `&x`, tuples of them)
 * of type ty to the C value v: closure parameters and `for` patterns. */
void lower_bind_pattern(Lower *L, Pat *p, Type *ty, const char *v);

/* lower_async.c: `async fn` state machines, `.await`, `.box`/dyn_box!,
 * the executor's prelude fns (sleep, yield_now, now, spawn, block_on).
 * Contract with the rest of the lowering: inside an async fn body
 * (lower_async_active) every C declaration of a temporary `t<N>` or a
 * local `l<N>` must be written with lower_line (as `TYPE NAME;` or
 * `TYPE NAME = INIT;`, several declarators allowed), into L->cur (or a
 * Buf later spliced into L->cur verbatim after passing through
 * lower_line): lower_line hands it to lower_async_line, which hoists it
 * into the future's struct so it survives a suspension. */
bool lower_async_active(Lower *L);
void lower_async_line(Lower *L, const char *fmt, va_list ap);
/* lower_fn_instance's hook for an instance of an `async fn` (its future
 * struct `struct NAME_fut`, NAME_poll, NAME_drop, NAME_vt, and for
 * `async fn main` dynbox_main); a trait's async method is resolved to
 * its impl's per instance. */
void lower_async_fn_instance(Lower *L, Item *it, Type **args, int nargs, const char *name);
/* EX_AWAIT, EX_BOX, EX_ASYNC; NULL for other expressions. */
const char *lower_async_expr(Lower *L, Expr *e);
/* A call of sleep/yield_now/now/spawn/block_on or of a user async fn (its
 * unpolled future); NULL when r is neither. */
const char *lower_async_call(Lower *L, Expr *e, Res *r, Expr *recv);
/* `return e` inside an async body (lower_async_active). */
const char *lower_async_return(Lower *L, Expr *e);
/* Completes the async body with value v (the tail of its block). */
void lower_async_complete(Lower *L, const char *v);
/* The C type of a future (an async fn's, sleep's, JoinHandle<T>,
 * Pin<Box<dyn Future>>), NULL for any other type; and its drop glue. */
const char *lower_async_ctype(Lower *L, Type *ty, Span sp);
bool lower_async_needs_drop(Lower *L, Type *ty);
bool lower_async_drop(Lower *L, Type *ty, const char *place, Span sp);
/* db_emit_c: the future structs (dependencies first) and vtables into
 * L->types; E0733 for a future that would contain itself. */
void lower_async_finish(Lower *L);
/* `.box` on a `boxed`-class method through dyn: the vtable slot
 * {fut_size, fut_align, init, fut_vtable} (abi=vtable-size) or
 * construct(self, args..., site) (abi=callee); lower-core's vtables call
 * the slot-building side, see lower_async.c. */
const char *lower_async_box_dyn(Lower *L, Expr *e, Expr *call, Res *r);
/* For lower-core's vtables: the C type of a boxed-class method's slot
 * (RtBoxedSlot under abi=vtable-size, RtCalleeSlot under abi=callee, see
 * rt.h) and its initializer for impl method m at instance args, e.g.
 * `{ sizeof(struct F_fut), __alignof__(struct F_fut), (RtAnyFn)F_init,
 * &F_vt }` (F_init(void *slot, void *self, args...) made on the side) or
 * `{ (RtAnyFn)F_construct }` (F_construct(void *self, args..., RtSite *)). */
const char *lower_vtable_boxed_slot_ctype(Lower *L);
const char *lower_vtable_boxed_slot(Lower *L, Def *m, Type **args, int nargs, Span sp);
/* lower.c: a block's statements and its tail value (lower_block). */
const char *lower_block_value(Lower *L, Block *b, Type *ty);

#endif
