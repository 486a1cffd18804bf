/* lower.h — private interface of the lowering (typed AST to C99): the state
 * of one lowering run and the helpers its files share. Everything lives in
 * the unit's arena or in the Buf the unit owns (u->lower_out). */
#ifndef DYNBOX_LOWER_H
#define DYNBOX_LOWER_H

#include "types.h"

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
} Lower;

/* lower.c */
void lower_unsupported(Lower *L, Span sp, const char *what);
const char *lower_ctype(Lower *L, Type *ty, Span sp);
bool lower_is_unit(Type *ty);
const char *lower_temp(Lower *L);
void lower_line(Lower *L, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *lower_expr(Lower *L, Expr *e);
const char *lower_loc(Lower *L, Span sp);
/* The concrete type of ty in the fn instance being lowered: its generic
 * parameters substituted (lower_intrinsics.c, lower_closure.c and
 * lower_fmt.c call this on every type they read from the AST). */
Type *lower_subst(Lower *L, Type *ty);
/* The C name of a local (pattern bindings of closures and `for` loops). */
const char *lower_local(Lower *L, Local *l);
/* The C name of a non-generic user fn or method (a Display impl's fmt). */
const char *lower_fn_name(Lower *L, Def *fn);
void lower_c_string(Buf *b, const char *s, size_t n);

/* lower_match.c: `match` */
const char *lower_match(Lower *L, Expr *e);

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

#endif
