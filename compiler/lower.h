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
} Lower;

/* lower.c */
void lower_unsupported(Lower *L, Span sp, const char *what);
const char *lower_ctype(Lower *L, Type *ty, Span sp);
bool lower_is_unit(Type *ty);
const char *lower_temp(Lower *L);
void lower_line(Lower *L, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *lower_expr(Lower *L, Expr *e);
const char *lower_loc(Lower *L, Span sp);
void lower_c_string(Buf *b, const char *s, size_t n);

/* lower_match.c: `match` */
const char *lower_match(Lower *L, Expr *e);

/* lower_fmt.c: print!/println!/eprint!/eprintln!/format! */
const char *lower_format_macro(Lower *L, Expr *e);

#endif
