/* test_check.c — the type checker: golden programs in tests/types (passing
 * programs and `//~ ERROR` lines), the acceptance examples, the prelude's
 * own bodies, unification and inference variables, method probing, coercions,
 * dispatch, `.box` types, closures, and hostile inputs.
 */
#include "golden.h"
#include "suites.h"
#include "types.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static DbUnit *checked(const char *src) {
    DbUnit *u = db_unit_new("t.rs", src, strlen(src), NULL);
    ck_assert_ptr_nonnull(u);
    db_run(u, DB_PHASE_CHECK);
    return u;
}

/* The program checks cleanly and its type dump contains every `want`. */
static void expect_dump(const char *src, const char *const *want, int n) {
    DbUnit *u = checked(src);
    ck_assert_msg(db_error_count(u) == 0, "unexpected errors:\n%s", db_render_diagnostics(u, DB_FORMAT_HUMAN, false));
    const char *dump = db_dump(u, DB_DUMP_TYPES);
    for (int i = 0; i < n; i++) ck_assert_msg(strstr(dump, want[i]) != NULL, "dump lacks `%s`:\n%s", want[i], dump);
    db_unit_free(u);
}

static int count_code(DbUnit *u, const char *code) {
    int n = 0;
    for (Diag *d = u->diags.head; d; d = d->next) n += d->code && strcmp(d->code, code) == 0;
    return n;
}

/* ------------------------------------------------------------ goldens */

START_TEST(type_goldens) {
    Buf problems = { 0 };
    int files = golden_count_files("tests/types");
    ck_assert_msg(files >= 30, "expected at least 30 golden type programs, found %d", files);
    int failures = golden_run_dir("tests/types", DB_PHASE_CHECK, &problems);
    ck_assert_msg(failures == 0, "%d golden file(s) failed:\n%s", failures, problems.s ? problems.s : "");
    buf_free(&problems);
}
END_TEST

static const char *const examples[] = {
    "http_client.rs", "method_scope.rs", "service_stack.rs", "tasks.rs",
    "errors_method_scope.rs", "errors_stable_rules.rs",
};

/* The lines of `src` that carry code followed by `//~ ERROR text` (the
 * examples' prose mentions the marker in comments too). */
static int marked_lines(const char *src, uint32_t *lines, const char **texts, int max) {
    int n = 0;
    uint32_t line = 1;
    const char *start = src;
    for (const char *p = src;; p++) {
        if (*p != '\n' && *p) continue;
        const char *m = strstr(start, "//~ ERROR ");
        if (m && m < p) {
            const char *c = start;
            while (c < m && (*c == ' ' || *c == '\t')) c++;
            if (c < m && n < max) {
                lines[n] = line;
                texts[n++] = m + 10;
            }
        }
        if (!*p) break;
        line++;
        start = p + 1;
    }
    return n;
}

/* The acceptance examples type-check; the errors_* ones fail exactly on
 * their `//~ ERROR` lines (the dyn analyzer's call-site checks included). */
START_TEST(examples_check) {
    if (golden_count_files(SHARED_EXAMPLES) < 0) {
        printf("skipped: %s is absent (acceptance examples live beside the project)\n", SHARED_EXAMPLES);
        return;
    }
    for (size_t i = 0; i < sizeof examples / sizeof examples[0]; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", SHARED_EXAMPLES, examples[i]);
        size_t len;
        char *src = golden_read_file(path, &len);
        ck_assert_msg(src != NULL, "cannot read %s", path);
        DbUnit *u = db_unit_new(examples[i], src, len, NULL);
        db_run(u, DB_PHASE_CHECK);
        const char *text = db_render_diagnostics(u, DB_FORMAT_HUMAN, false);
        uint32_t lines[64];
        const char *texts[64];
        int n = marked_lines(src, lines, texts, 64);
        bool *seen = calloc((size_t)n + 1, sizeof(bool));
        for (Diag *d = u->diags.head; d; d = d->next) {
            if (d->level != DIAG_ERROR && d->level != DIAG_ICE) continue;
            uint32_t l = 0, c;
            for (int k = 0; k < d->nspans; k++)
                if (d->spans[k].primary) {
                    src_line_col(&u->src, d->spans[k].span.lo, &l, &c);
                    break;
                }
            bool ok = false;
            for (int k = 0; k < n && !ok; k++) {
                if (lines[k] != l || seen[k]) continue;
                const char *end = strchr(texts[k], '\n');
                size_t tl = end ? (size_t)(end - texts[k]) : strlen(texts[k]);
                char want[256];
                snprintf(want, sizeof want, "%.*s", (int)tl, texts[k]);
                while (strlen(want) && want[strlen(want) - 1] == ' ') want[strlen(want) - 1] = 0;
                ok = (d->code && strcmp(d->code, want) == 0) || strstr(d->message, want) != NULL;
                if (ok) seen[k] = true;
            }
            ck_assert_msg(ok, "%s: unexpected error on line %u:\n%s", examples[i], l, text);
        }
        for (int k = 0; k < n; k++) ck_assert_msg(seen[k], "%s:%u: the marked error is missing\n%s", examples[i], lines[k], text);
        free(seen);
        db_unit_free(u);
        free(src);
    }
}
END_TEST

/* Every typed expression of the examples has a type without variables or
 * errors: what the lowering relies on. */
START_TEST(examples_fully_typed) {
    if (golden_count_files(SHARED_EXAMPLES) < 0) return;
    for (size_t i = 0; i < 4; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", SHARED_EXAMPLES, examples[i]);
        size_t len;
        char *src = golden_read_file(path, &len);
        ck_assert_ptr_nonnull(src);
        DbUnit *u = db_unit_new(examples[i], src, len, NULL);
        db_run(u, DB_PHASE_CHECK);
        const char *dump = db_dump(u, DB_DUMP_TYPES);
        ck_assert_msg(strstr(dump, "{type error}") == NULL, "%s has error types:\n%s", examples[i], dump);
        ck_assert_msg(strstr(dump, ": _ ") == NULL && strstr(dump, "{integer}") == NULL,
                      "%s has unresolved types:\n%s", examples[i], dump);
        db_unit_free(u);
        free(src);
    }
}
END_TEST

/* ------------------------------------------------------------ prelude */

START_TEST(prelude_bodies_check) {
    DbUnit *u = checked("fn main() {}");
    ck_assert_int_eq(db_error_count(u), 0);
    check_prelude_bodies(u);
    ck_assert_msg(db_error_count(u) == 0, "the prelude does not check:\n%s",
                  db_render_diagnostics(u, DB_FORMAT_HUMAN, false));
    Buf b = { 0 };
    check_dump_fns(u, &b, true);
    ck_assert_msg(b.len > 10000, "the prelude has few bodies (%zu bytes of dump)", b.len);
    ck_assert_msg(strstr(b.s, "{type error}") == NULL, "the prelude's bodies have error types");
    buf_free(&b);
    db_unit_free(u);
}
END_TEST

/* `use std::...` of what the prelude has is fine; the rest is named. */
START_TEST(std_paths) {
    DbUnit *u = checked("use std::fmt::{self, Display};\nuse std::future::Future;\nuse std::pin::Pin;\n"
                        "use std::ops::Add;\nuse std::collections::HashMap;\nfn main() {}\n");
    ck_assert_int_eq(db_error_count(u), 1);
    ck_assert_ptr_nonnull(strstr(u->diags.head->message, "`std::collections::HashMap` is not supported in dynbox"));
    db_unit_free(u);
}
END_TEST

/* ------------------------------------------------------- unification */

START_TEST(unify_vars) {
    DbUnit *u = checked("fn main() {}");
    Tcx *t = u->tcx;
    Span sp = { 0, 0 };
    Type *a = ty_var(t, VAR_TY, sp), *i = ty_var(t, VAR_INT, sp), *f = ty_var(t, VAR_FLOAT, sp);
    Type *vec_a = ty_adt1(t, t->wk.vec, a);
    ck_assert_str_eq(ty_str(t, vec_a), "Vec<_>");
    ck_assert_str_eq(ty_str(t, i), "{integer}");
    /* an integer variable takes integer types only */
    Snap s = ty_snapshot(t);
    ck_assert(!ty_unify(t, i, t->t_bool));
    ck_assert(!ty_unify(t, i, f));
    ck_assert(ty_unify(t, a, i)); /* a general variable takes an integer one */
    ck_assert(ty_unify(t, i, t->t_int[INT_U8]));
    ck_assert_str_eq(ty_str(t, vec_a), "Vec<u8>");
    ck_assert(ty_zonk(t, vec_a, false) == ty_adt1(t, t->wk.vec, t->t_int[INT_U8]));
    /* snapshots undo bindings */
    ty_rollback(t, s);
    ck_assert_str_eq(ty_str(t, vec_a), "Vec<_>");
    /* the occurs check: a = Vec<a> has no solution */
    ck_assert(!ty_unify(t, a, vec_a));
    /* defaulting */
    ck_assert(ty_zonk(t, i, true) == t->t_int[INT_I32]);
    ck_assert(ty_zonk(t, f, true) == t->t_float[FLOAT_F64]);
    /* the error type absorbs anything */
    ck_assert(ty_unify(t, t->t_err, vec_a));
    /* interning: equal types are one pointer */
    Type *r1 = ty_ref(t, ty_adt(t, t->wk.string, NULL, 0), false);
    Type *r2 = ty_ref(t, ty_adt(t, t->wk.string, NULL, 0), false);
    ck_assert_ptr_eq(r1, r2);
    ck_assert_str_eq(ty_str(t, ty_ref(t, t->t_str, true)), "&mut str");
    Type *el[2] = { t->t_bool, t->t_char };
    ck_assert_str_eq(ty_str(t, ty_tuple(t, el, 1)), "(bool,)");
    ck_assert_str_eq(ty_str(t, ty_array(t, t->t_int[INT_U64], 3)), "[u64; 3]");
    ty_reset_vars(t);
    db_unit_free(u);
}
END_TEST

START_TEST(substitution) {
    DbUnit *u = checked("fn main() {}");
    Tcx *t = u->tcx;
    Sym tn = sym_cstr(u, "T");
    Type *p0 = ty_param(t, 0, tn);
    Type *opt = ty_adt1(t, t->wk.option, ty_ref(t, p0, false));
    Type *args[1] = { t->t_int[INT_U32] };
    ck_assert_str_eq(ty_str(t, ty_subst(t, opt, args, 1)), "Option<&u32>");
    /* types without parameters come back as they are */
    ck_assert_ptr_eq(ty_subst(t, t->t_bool, args, 1), t->t_bool);
    db_unit_free(u);
}
END_TEST

/* ------------------------------------------------- inference in bodies */

START_TEST(local_inference) {
    const char *src = "fn main() {\n"
                      "    let mut v = Vec::new();\n"
                      "    v.push(1u16);\n"
                      "    let x = 1;\n"
                      "    let y: u64 = x;\n"
                      "    let z = 2.5;\n"
                      "    let w = 7;\n"
                      "    let s: String = v.iter().map(|n| n.to_string()).collect();\n"
                      "}\n";
    const char *want[] = {
        "PatIdent v: Vec<u16>", "PatIdent x: u64", "PatIdent z: f64", "PatIdent w: i32", "PatIdent n: &u16",
    };
    expect_dump(src, want, 5);
}
END_TEST

START_TEST(generic_inference) {
    const char *src = "fn pair<A, B>(a: A, b: B) -> (B, A) { (b, a) }\n"
                      "fn first<T: Clone>(v: &[T]) -> T { v[0].clone() }\n"
                      "fn main() {\n"
                      "    let p = pair(1u8, \"s\");\n"
                      "    let f = first(&[1.5f32]);\n"
                      "    let o = Some(3).map(|x: i64| x > 2);\n"
                      "    let d: Vec<char> = Default::default();\n"
                      "    let s = String::from(\"a\");\n"
                      "    let n: u64 = \"5\".parse().unwrap();\n"
                      "}\n";
    const char *want[] = {
        "PatIdent p: (&str, u8)", "PatIdent f: f32", "PatIdent o: Option<bool>", "PatIdent d: Vec<char>",
        "PatIdent s: String", "PatIdent n: u64",
    };
    expect_dump(src, want, 6);
}
END_TEST

/* ------------------------------------------------------------ probing */

/* Rust's probe order: by value, &, &mut, then deref; inherent before trait. */
START_TEST(method_probe) {
    const char *src = "struct W(u8);\n"
                      "impl W { fn get(&self) -> u8 { self.0 } fn set(&mut self, v: u8) { self.0 = v; } }\n"
                      "trait Name { fn name(&self) -> u8; fn get(&self) -> u8 { 0 } }\n"
                      "impl Name for W { fn name(&self) -> u8 { 1 } }\n"
                      "fn main() {\n"
                      "    let mut w = W(1);\n"
                      "    let a = w.get();\n"
                      "    w.set(2);\n"
                      "    let b = w.name();\n"
                      "    let s = String::from(\"x\");\n"
                      "    let n = s.trim();\n"
                      "    let bx = Box::new(W(3));\n"
                      "    let c = bx.get();\n"
                      "    let r = &&w;\n"
                      "    let d = r.get();\n"
                      "}\n";
    const char *want[] = {
        "MethodCall get: u8 {static W::get}",                 /* inherent before the trait's `get` */
        "{local w#", "[& -> &W]",                             /* auto-ref */
        "MethodCall set: () {static W::set}", "[&mut -> &mut W]",
        "MethodCall name: u8 {static W::name}",               /* the impl's method, statically */
        "{static str::trim}", "[deref x1 (Deref), & -> &str]", /* String derefs to str */
        "[deref x1 (Deref), & -> &W]",                        /* Box<W> derefs to W */
        "[deref x1 -> &W]",                                   /* &&W: one deref gives the receiver by value */
    };
    expect_dump(src, want, 10);
}
END_TEST

START_TEST(dispatch_kinds) {
    const char *src = "trait T { fn f(&self) -> u32; }\n"
                      "struct S;\n"
                      "impl T for S { fn f(&self) -> u32 { 1 } }\n"
                      "fn gen<X: T>(x: &X) -> u32 { x.f() }\n"
                      "fn dy(x: &dyn T) -> u32 { x.f() }\n"
                      "fn main() {\n"
                      "    let a = S.f();\n"
                      "    let b = 5u32.clone();\n"
                      "    let c = gen(&S) + dy(&S);\n"
                      "}\n";
    const char *want[] = {
        "{param T::f}", "{dyn T::f}", "{static S::f}", "{builtin Clone::clone}",
        "[coerce unsize -> &dyn T]",
    };
    expect_dump(src, want, 5);
}
END_TEST

/* ----------------------------------------------------------- coercions */

START_TEST(coercions) {
    const char *src = "trait Shape { fn area(&self) -> u32; }\n"
                      "struct Sq;\n"
                      "impl Shape for Sq { fn area(&self) -> u32 { 4 } }\n"
                      "fn takes(s: &str) -> usize { s.len() }\n"
                      "fn inner(x: &u8) -> u8 { *x }\n"
                      "fn never() -> u32 { panic!(\"no\") }\n"
                      "fn main() {\n"
                      "    let s = String::from(\"abc\");\n"
                      "    let n = takes(&s);\n"
                      "    let b: Box<dyn Shape> = Box::new(Sq);\n"
                      "    let r: &dyn Shape = &Sq;\n"
                      "    let bb = Box::new(7u8);\n"
                      "    let m = inner(&bb);\n"
                      "    let f: fn(&u8) -> u8 = inner;\n"
                      "    let sl: &[u8] = &[1, 2];\n"
                      "}\n";
    const char *want[] = {
        "[deref x2 (Deref), & -> &str]",           /* &String to &str */
        "[coerce unsize -> Box<dyn Shape>]",       /* Box<Sq> to Box<dyn Shape> */
        "[coerce unsize -> &dyn Shape]",           /* &Sq to &dyn Shape */
        "[deref x2 (Deref), & -> &u8]",            /* &Box<u8> to &u8 */
        "[coerce fn pointer -> fn(&u8) -> u8]",    /* fn item to fn pointer */
        "[coerce unsize -> &[u8]]",                /* &[u8; 2] to &[u8] */
        "Macro panic!: ! [coerce never -> u32]",
    };
    expect_dump(src, want, 7);
}
END_TEST

/* --------------------------------------------------------- async, .box */

START_TEST(async_and_box) {
    const char *src = "trait Shape {\n"
                      "    async fn render(&self) -> String;\n"
                      "    fn corners(&self) -> impl Iterator<Item = u64>;\n"
                      "}\n"
                      "struct Sq;\n"
                      "impl Shape for Sq {\n"
                      "    async fn render(&self) -> String { String::new() }\n"
                      "    fn corners(&self) -> impl Iterator<Item = u64> { 0..4u64 }\n"
                      "}\n"
                      "async fn go(s: &dyn Shape) -> usize {\n"
                      "    let f = s.render().box;\n"
                      "    let t = f.await;\n"
                      "    let c = s.corners().box;\n"
                      "    let h = spawn(async { 5u8 });\n"
                      "    let five = h.await;\n"
                      "    sleep(10).await;\n"
                      "    t.len() + dyn_box!(Sq.render()).await.len()\n"
                      "}\n"
                      "async fn main() { let n = go(&Sq).await; }\n";
    const char *want[] = {
        "PatIdent f: Pin<Box<dyn Future<Output = String>>>",
        "PatIdent t: String",
        "PatIdent c: Box<dyn Iterator<Item = u64>>",
        "PatIdent h: JoinHandle<u8>",
        "PatIdent five: u8",
        "impl Trait #0 = Range<u64>", /* the hidden type the lowering needs */
        "fn go: fn(&dyn Shape) -> impl Future<Output = usize>",
    };
    expect_dump(src, want, 7);
}
END_TEST

START_TEST(await_outside_async) {
    DbUnit *u = checked("async fn f() -> u8 { 1 }\nfn main() { let x = f().await; }\n");
    ck_assert_int_eq(count_code(u, "E0728"), 1);
    db_unit_free(u);
}
END_TEST

/* ----------------------------------------------------------- closures */

START_TEST(closure_kinds) {
    const char *src = "fn main() {\n"
                      "    let mut n = 0;\n"
                      "    let s = String::from(\"x\");\n"
                      "    let read = || n + 1;\n"
                      "    let a = read();\n"
                      "    let mut bump = || n += 1;\n"
                      "    bump();\n"
                      "    let take = move || s;\n"
                      "    let t = take();\n"
                      "}\n";
    const char *want[] = {
        "{Fn, captures ref n}", "{FnMut, captures mut n}", "{FnOnce, captures move s}",
    };
    expect_dump(src, want, 3);
}
END_TEST

/* ----------------------------------------------------------- derives */

START_TEST(derives_and_copy) {
    DbUnit *u = checked("#[derive(Debug, Clone, Copy, PartialEq)]\nstruct P { x: u8 }\n"
                        "#[derive(Clone)]\nstruct Q { s: String }\n"
                        "fn main() { let p = P { x: 1 }; let q = p; let r = p == q; let c = Q { s: String::new() }.clone(); }\n");
    ck_assert_msg(db_error_count(u) == 0, "%s", db_render_diagnostics(u, DB_FORMAT_HUMAN, false));
    Tcx *t = u->tcx;
    Def *p = res_lookup_type(t, t->crate, sym_cstr(u, "P"));
    Def *q = res_lookup_type(t, t->crate, sym_cstr(u, "Q"));
    ck_assert(ty_is_copy(t, ty_adt(t, p, NULL, 0)));
    ck_assert(!ty_is_copy(t, ty_adt(t, q, NULL, 0)));
    ck_assert(tr_implements(t, ty_adt(t, q, NULL, 0), t->wk.clone));
    ck_assert(!tr_implements(t, ty_adt(t, q, NULL, 0), t->wk.debug));
    db_unit_free(u);
}
END_TEST

/* -------------------------------------------------------- robustness */

static const char *const hostile[] = {
    "type A = B; type B = A; fn main() { let x: A = 1; }",
    "struct S(Box<S>); fn main() { let s = S(Box::new(s)); }",
    "trait T: T {} fn main() {}",
    "trait A: B {} trait B: A {} struct S; impl A for S {} fn main() {}",
    "fn f<T: Iterator<Item = T::Item>>(t: T) {} fn main() { f(0..1); }",
    "fn main() { let mut x = None; loop { x = Some(x); } }",
    "fn main() { let f = |x| x(x); }",
    "struct W<T>(T); impl<T> Iterator for W<T> where W<W<T>>: Iterator { type Item = u8; fn next(&mut self) -> Option<u8> { None } } fn main() { for x in W(1) {} }",
    "fn main() { let v: Vec<Vec<Vec<Vec<Vec<Vec<Vec<Vec<u8>>>>>>>> = vec![]; let x = v[0][0][0][0][0][0][0][0]; }",
    "impl<T> From<T> for T {} fn main() {}",
    "fn main() { match 5 { 1..=0 => {} _ => {} } match 'a' { 'z'..='a' => {} _ => {} } }",
    "use self::*; use super::*; use crate::x; fn main() {}",
    "fn main() { let a = [0; 4294967295]; let b = [1u8; N]; }",
    "enum E {} fn f(e: E) -> u8 { match e {} } fn main() {}",
    "fn main() { <u8 as Iterator>::next(); <_>::f(); Self::x(); }",
    "async fn f() -> impl Future<Output = impl Future<Output = u8>> { async { 1 } } fn main() {}",
    "fn main() { let x: dyn Iterator<Item = dyn Iterator<Item = u8>>; }",
};

START_TEST(hostile_inputs) {
    for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
        DbUnit *u = checked(hostile[i]);
        db_dump(u, DB_DUMP_TYPES);
        db_render_diagnostics(u, DB_FORMAT_JSON, false);
        for (Diag *d = u->diags.head; d; d = d->next)
            ck_assert_msg(d->level != DIAG_ICE, "ICE on `%s`: %s", hostile[i], d->message);
        db_unit_free(u);
    }
}
END_TEST

/* Every code the golden programs produce has a long explanation. */
START_TEST(codes_explained) {
    DIR *dir = opendir("tests/types");
    ck_assert_ptr_nonnull(dir);
    struct dirent *ent;
    int seen = 0;
    while ((ent = readdir(dir))) {
        size_t n = strlen(ent->d_name);
        if (n < 4 || strcmp(ent->d_name + n - 3, ".rs") != 0) continue;
        char path[512];
        snprintf(path, sizeof path, "tests/types/%s", ent->d_name);
        size_t len;
        char *src = golden_read_file(path, &len);
        DbUnit *u = db_unit_new(ent->d_name, src, len, NULL);
        db_run(u, DB_PHASE_CHECK);
        for (Diag *d = u->diags.head; d; d = d->next) {
            if (!d->code) continue;
            seen++;
            ck_assert_msg(db_explain(d->code) != NULL, "%s: no explanation for %s", ent->d_name, d->code);
        }
        db_unit_free(u);
        free(src);
    }
    closedir(dir);
    ck_assert_int_gt(seen, 80);
}
END_TEST

/* A unit prepared before its source (a daemon's idle worker) checks the
 * program exactly as a fresh one does. */
START_TEST(preloaded_unit) {
    const char *src = "trait T { async fn f(&self) -> u8; }\nstruct S;\n"
                      "impl T for S { async fn f(&self) -> u8 { 1 } }\n"
                      "async fn main() { let s: Box<dyn T> = Box::new(S); let x = s.f().box.await + 1; let y: u8 = \"no\"; }\n";
    DbUnit *a = db_unit_new("t.rs", src, strlen(src), NULL);
    db_run(a, DB_PHASE_CHECK);
    DbUnit *b = db_unit_new_preloaded();
    ck_assert_ptr_nonnull(b);
    db_unit_set_source(b, "t.rs", src, strlen(src), NULL);
    db_run(b, DB_PHASE_CHECK);
    ck_assert_int_eq(db_error_count(a), 1);
    ck_assert_str_eq(db_render_diagnostics(a, DB_FORMAT_JSON, false), db_render_diagnostics(b, DB_FORMAT_JSON, false));
    ck_assert_str_eq(db_dump(a, DB_DUMP_TYPES), db_dump(b, DB_DUMP_TYPES));
    db_unit_free(a);
    db_unit_free(b);
}
END_TEST

/* dynbox's human output for each program of tests/types/rendered is
 * rustc's (its .rustc.stderr, made by regen.sh there), but for the name of
 * the command in the closing `--explain` line. */
static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

START_TEST(rendered_like_rustc) {
    const char *dir = "tests/types/rendered";
    DIR *dp = opendir(dir);
    ck_assert_msg(dp != NULL, "cannot open %s", dir);
    char *names[128];
    int n = 0;
    for (struct dirent *de; (de = readdir(dp)) && n < 128;) {
        size_t l = strlen(de->d_name);
        if (l > 3 && strcmp(de->d_name + l - 3, ".rs") == 0) names[n++] = strdup(de->d_name);
    }
    closedir(dp);
    qsort(names, (size_t)n, sizeof *names, cmp_str);
    ck_assert_int_ge(n, 5);
    for (int i = 0; i < n; i++) {
        char path[512], want_path[512];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        snprintf(want_path, sizeof want_path, "%s/%.*s.rustc.stderr", dir, (int)strlen(names[i]) - 3, names[i]);
        size_t len, wlen;
        char *src = golden_read_file(path, &len);
        char *want = golden_read_file(want_path, &wlen);
        ck_assert_msg(src && want, "%s or its .rustc.stderr is missing", path);
        Buf expect = { 0 };
        for (const char *p = want; *p;) {
            const char *hit = strstr(p, "`rustc --explain");
            if (!hit) {
                buf_puts(&expect, p);
                break;
            }
            buf_put(&expect, p, (size_t)(hit - p));
            buf_puts(&expect, "`dynboxc --explain");
            p = hit + strlen("`rustc --explain");
        }
        DbUnit *u = db_unit_new(names[i], src, len, NULL);
        db_run(u, DB_PHASE_CHECK);
        Buf got = { 0 };
        buf_puts(&got, db_render_diagnostics(u, DB_FORMAT_HUMAN, false));
        buf_puts(&got, db_render_summary(u, false));
        ck_assert_msg(strcmp(got.s, expect.s) == 0, "%s: dynbox renders\n%s\nrustc renders\n%s", names[i], got.s, expect.s);
        buf_free(&got);
        buf_free(&expect);
        db_unit_free(u);
        free(src);
        free(want);
        free(names[i]);
    }
}
END_TEST

/* Each phase that ran reports its time; one that did not reports 0. */
START_TEST(phase_timings) {
    const char *src = "fn main() { let v = vec![1u64, 2]; println!(\"{}\", v.len()); }\n";
    DbUnit *u = db_unit_new("t.rs", src, strlen(src), NULL);
    db_run(u, DB_PHASE_PARSE);
    ck_assert_uint_gt(db_phase_ns(u, DB_TIME_LEX), 0);
    ck_assert_uint_gt(db_phase_ns(u, DB_TIME_PARSE), 0);
    ck_assert_uint_eq(db_phase_ns(u, DB_TIME_CHECK), 0);
    db_run(u, DB_PHASE_CHECK);
    ck_assert_uint_gt(db_phase_ns(u, DB_TIME_DYN), 0);
    ck_assert_uint_gt(db_phase_ns(u, DB_TIME_CHECK), 0);
    ck_assert_uint_eq(db_phase_ns(u, DB_PHASE_TIMERS), 0);
    db_unit_free(u);
}
END_TEST

/* A large generated program goes through the checker linearly. */
START_TEST(large_program) {
    Buf b = { 0 };
    for (int i = 0; i < 300; i++) {
        buf_printf(&b, "#[derive(Debug, Clone)]\nstruct S%d { a: u64, v: Vec<u64> }\n", i);
        buf_printf(&b, "impl S%d { fn total(&self) -> u64 { self.v.iter().map(|x| x * self.a).filter(|x| *x > 1).sum() } }\n", i);
        buf_printf(&b, "fn f%d(n: u64) -> u64 { let s = S%d { a: n, v: vec![1, 2, 3] }; match s.total() { 0 => 1, t => t } }\n", i, i);
    }
    buf_puts(&b, "fn main() { let mut t = 0;\n");
    for (int i = 0; i < 300; i++) buf_printf(&b, "    t += f%d(%d);\n", i, i);
    buf_puts(&b, "}\n");
    DbUnit *u = checked(b.s);
    ck_assert_msg(db_error_count(u) == 0, "%s", db_render_diagnostics(u, DB_FORMAT_HUMAN, false));
    db_unit_free(u);
    buf_free(&b);
}
END_TEST

Suite *check_suite(void) {
    Suite *s = suite_create("type checker");
    TCase *tc = tcase_create("programs");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, type_goldens);
    tcase_add_test(tc, examples_check);
    tcase_add_test(tc, examples_fully_typed);
    tcase_add_test(tc, prelude_bodies_check);
    tcase_add_test(tc, std_paths);
    tcase_add_test(tc, large_program);
    tcase_add_test(tc, preloaded_unit);
    tcase_add_test(tc, phase_timings);
    tcase_add_test(tc, rendered_like_rustc);
    tcase_add_test(tc, codes_explained);
    tcase_add_test(tc, hostile_inputs);
    suite_add_tcase(s, tc);
    TCase *tu = tcase_create("inference");
    tcase_add_test(tu, unify_vars);
    tcase_add_test(tu, substitution);
    tcase_add_test(tu, local_inference);
    tcase_add_test(tu, generic_inference);
    tcase_add_test(tu, method_probe);
    tcase_add_test(tu, dispatch_kinds);
    tcase_add_test(tu, coercions);
    tcase_add_test(tu, async_and_box);
    tcase_add_test(tu, await_outside_async);
    tcase_add_test(tu, closure_kinds);
    tcase_add_test(tu, derives_and_copy);
    suite_add_tcase(s, tu);
    return s;
}
