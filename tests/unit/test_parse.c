/* test_parse.c — parser unit tests: AST shapes for the tricky parts of
 * Rust's grammar, error recovery counts, and hostile inputs.
 */
#include "internal.h"
#include "suites.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static DbUnit *parse(const char *src) {
    DbUnit *u = db_unit_new("t.rs", src, strlen(src), NULL);
    db_run(u, DB_PHASE_PARSE);
    return u;
}

static DbUnit *parse_n(const char *src, size_t n) {
    DbUnit *u = db_unit_new("t.rs", src, n, NULL);
    db_run(u, DB_PHASE_PARSE);
    return u;
}

/* The expression of `let _ = EXPR;` inside `fn main`. */
static Expr *let_init(DbUnit *u) {
    Item *f = LIST_GET(u->crate->items, 0, Item);
    Stmt *s = LIST_GET(f->body->stmts, 0, Stmt);
    return s->init;
}

static Expr *parse_expr(DbUnit **out, const char *expr_src) {
    char buf[512];
    snprintf(buf, sizeof buf, "fn main() { let _ = %s; }", expr_src);
    *out = parse(buf);
    ck_assert_msg((*out)->diags.errors == 0, "errors in `%s`:\n%s", expr_src,
                  db_render_diagnostics(*out, DB_FORMAT_HUMAN, false));
    return let_init(*out);
}

START_TEST(precedence_mul_over_add) {
    DbUnit *u;
    Expr *e = parse_expr(&u, "1 + 2 * 3");
    ck_assert_int_eq(e->kind, EX_BINARY);
    ck_assert_int_eq(e->op, P_PLUS);
    ck_assert_int_eq(e->rhs->kind, EX_BINARY);
    ck_assert_int_eq(e->rhs->op, P_STAR);
    db_unit_free(u);
}
END_TEST

START_TEST(precedence_left_assoc_and_logic) {
    DbUnit *u;
    Expr *e = parse_expr(&u, "a - b - c");
    ck_assert_int_eq(e->op, P_MINUS);
    ck_assert_int_eq(e->lhs->kind, EX_BINARY); /* (a - b) - c */
    db_unit_free(u);
    e = parse_expr(&u, "a || b && c == d");
    ck_assert_int_eq(e->op, P_OROR);
    ck_assert_int_eq(e->rhs->op, P_ANDAND);
    ck_assert_int_eq(e->rhs->rhs->op, P_EQEQ);
    db_unit_free(u);
    e = parse_expr(&u, "x as u64 + 1");
    ck_assert_int_eq(e->op, P_PLUS);
    ck_assert_int_eq(e->lhs->kind, EX_CAST);
    db_unit_free(u);
    e = parse_expr(&u, "-a.b()");
    ck_assert_int_eq(e->kind, EX_UNARY); /* unary applies to the whole method call */
    ck_assert_int_eq(e->lhs->kind, EX_METHOD);
    db_unit_free(u);
    e = parse_expr(&u, "a..b + 1");
    ck_assert_int_eq(e->kind, EX_RANGE);
    ck_assert_int_eq(e->rhs->kind, EX_BINARY);
    db_unit_free(u);
}
END_TEST

START_TEST(postfix_box_await_try) {
    DbUnit *u;
    Expr *e = parse_expr(&u, "c.fetch(url).box.await?");
    ck_assert_int_eq(e->kind, EX_TRY);
    ck_assert_int_eq(e->lhs->kind, EX_AWAIT);
    ck_assert_int_eq(e->lhs->lhs->kind, EX_BOX);
    ck_assert(!e->lhs->lhs->macro_form);
    ck_assert_int_eq(e->lhs->lhs->lhs->kind, EX_METHOD);
    ck_assert_str_eq(e->lhs->lhs->lhs->name, "fetch");
    db_unit_free(u);
    e = parse_expr(&u, "dyn_box!(c.fetch(url)).await");
    ck_assert_int_eq(e->kind, EX_AWAIT);
    ck_assert_int_eq(e->lhs->kind, EX_BOX);
    ck_assert(e->lhs->macro_form);
    ck_assert_int_eq(e->lhs->lhs->kind, EX_METHOD);
    db_unit_free(u);
}
END_TEST

START_TEST(generics_split_shr) {
    DbUnit *u = parse("fn f() -> Vec<Vec<u64>> { let v: Pin<Box<dyn Future<Output = u64>>> = x; v }");
    ck_assert_int_eq(u->diags.errors, 0);
    Item *f = LIST_GET(u->crate->items, 0, Item);
    Ty *ret = f->sig.ret;
    ck_assert_int_eq(ret->kind, TY_PATH);
    PathSeg *seg = LIST_GET(ret->path->segs, 0, PathSeg);
    ck_assert_str_eq(seg->name, "Vec");
    Ty *inner = LIST_GET(seg->args, 0, Ty);
    ck_assert_str_eq(LIST_GET(inner->path->segs, 0, PathSeg)->name, "Vec");
    Stmt *s = LIST_GET(f->body->stmts, 0, Stmt);
    PathSeg *pin = LIST_GET(s->ty->path->segs, 0, PathSeg);
    Ty *box = LIST_GET(pin->args, 0, Ty);
    Ty *dyn = LIST_GET(LIST_GET(box->path->segs, 0, PathSeg)->args, 0, Ty);
    ck_assert_int_eq(dyn->kind, TY_DYN);
    Bound *fut = LIST_GET(dyn->bounds, 0, Bound);
    PathSeg *fs = LIST_GET(fut->path->segs, 0, PathSeg);
    ck_assert_str_eq(fs->name, "Future");
    ck_assert_int_eq(fs->bindings.n, 1);
    ck_assert_str_eq(LIST_GET(fs->bindings, 0, AssocBinding)->name, "Output");
    db_unit_free(u);
}
END_TEST

START_TEST(tuple_index_float_split) {
    DbUnit *u;
    Expr *e = parse_expr(&u, "t.0.1");
    ck_assert_int_eq(e->kind, EX_FIELD);
    ck_assert_str_eq(e->name, "1");
    ck_assert_int_eq(e->lhs->kind, EX_FIELD);
    ck_assert_str_eq(e->lhs->name, "0");
    db_unit_free(u);
}
END_TEST

START_TEST(no_struct_literal_in_condition) {
    DbUnit *u = parse("fn main() { if x { 1 } else { 2 }; match y { _ => {} } while z {} }");
    ck_assert_int_eq(u->diags.errors, 0);
    Item *f = LIST_GET(u->crate->items, 0, Item);
    Stmt *s = LIST_GET(f->body->stmts, 0, Stmt);
    ck_assert_int_eq(s->expr->kind, EX_IF);
    ck_assert_int_eq(s->expr->cond->kind, EX_PATH);
    db_unit_free(u);
    u = parse("fn main() { let p = P { x: 1 }; if (P { x: 1 }).x == 1 {} }");
    ck_assert_int_eq(u->diags.errors, 0);
    db_unit_free(u);
}
END_TEST

START_TEST(block_statement_ends_without_semicolon) {
    DbUnit *u = parse("fn main() { if a {} -1; match b {} (x); loop {} }");
    ck_assert_int_eq(u->diags.errors, 0);
    Item *f = LIST_GET(u->crate->items, 0, Item);
    ck_assert_int_eq(f->body->stmts.n, 5);
    ck_assert_int_eq(LIST_GET(f->body->stmts, 1, Stmt)->expr->kind, EX_UNARY);
    db_unit_free(u);
}
END_TEST

START_TEST(trait_methods_and_self_kinds) {
    DbUnit *u = parse("trait T: Sup { fn a(&self); fn b(&mut self); fn c(self); fn d(self: Box<Self>);"
                      " fn e() -> Self where Self: Sized; async fn f(&'a self) -> u64; }");
    ck_assert_int_eq(u->diags.errors, 0);
    Item *t = LIST_GET(u->crate->items, 0, Item);
    ck_assert_int_eq(t->kind, ITEM_TRAIT);
    ck_assert_int_eq(t->items.n, 6);
    ck_assert_int_eq(t->supertraits.n, 1);
    SelfKind want[] = { SELF_REF, SELF_REF_MUT, SELF_VALUE, SELF_TYPED, SELF_NONE, SELF_REF };
    for (int i = 0; i < 6; i++) {
        Item *m = LIST_GET(t->items, i, Item);
        ck_assert_int_eq(m->sig.self_kind, want[i]);
        ck_assert_ptr_null(m->body);
    }
    ck_assert_int_eq(LIST_GET(t->items, 4, Item)->sig.generics.where_.n, 1);
    ck_assert(LIST_GET(t->items, 5, Item)->sig.is_async);
    db_unit_free(u);
}
END_TEST

START_TEST(derive_attribute_args) {
    DbUnit *u = parse("#[derive(Debug, Clone, PartialEq)] struct S;");
    ck_assert_int_eq(u->diags.errors, 0);
    Item *s = LIST_GET(u->crate->items, 0, Item);
    ck_assert_int_eq(s->attrs.n, 1);
    Attr *a = LIST_GET(s->attrs, 0, Attr);
    ck_assert_str_eq(a->name, "derive");
    ck_assert_int_eq(a->args.n, 3);
    ck_assert_str_eq(LIST_GET(a->args, 2, const char), "PartialEq");
    db_unit_free(u);
}
END_TEST

START_TEST(three_errors_three_diagnostics) {
    DbUnit *u = parse("fn a() { let = 1; }\nfn b() { let x = ; }\nfn c() { x y }\nfn d() {}\n");
    ck_assert_int_eq(u->diags.errors, 3);
    ck_assert_int_eq(u->crate->items.n, 4);
    db_unit_free(u);
}
END_TEST

START_TEST(hostile_empty_and_whitespace) {
    DbUnit *u = parse("");
    ck_assert_int_eq(u->diags.errors, 0);
    ck_assert_int_eq(u->crate->items.n, 0);
    db_unit_free(u);
    u = parse("   \n\n  // only a comment\n");
    ck_assert_int_eq(u->diags.errors, 0);
    db_unit_free(u);
}
END_TEST

static DbUnit *parse_repeated(const char *prefix, char c, size_t n, const char *suffix) {
    size_t pl = strlen(prefix), sl = strlen(suffix);
    char *s = malloc(pl + n + sl + 1);
    memcpy(s, prefix, pl);
    memset(s + pl, c, n);
    memcpy(s + pl + n, suffix, sl + 1);
    DbUnit *u = parse_n(s, pl + n + sl);
    free(s);
    return u;
}

START_TEST(hostile_deep_nesting) {
    /* 64 KiB of `(` at item level and inside a body: bounded, one error each */
    DbUnit *u = parse_repeated("", '(', 64 * 1024, "");
    ck_assert_int_eq(u->diags.errors, 1);
    db_unit_free(u);
    u = parse_repeated("fn main() { let x = ", '(', 64 * 1024, "");
    ck_assert_int_ge(u->diags.errors, 1);
    ck_assert_int_le(u->diags.errors, 3);
    db_unit_free(u);
    u = parse_repeated("fn main() ", '{', 64 * 1024, "");
    ck_assert_int_ge(u->diags.errors, 1);
    ck_assert_int_le(u->diags.errors, 3);
    db_unit_free(u);
    u = parse_repeated("fn main() { let x: ", '&', 64 * 1024, "u8; }");
    ck_assert_int_ge(u->diags.errors, 1);
    db_unit_free(u);
    u = parse_repeated("fn main() { let x = ", '-', 64 * 1024, "1; }");
    ck_assert_int_ge(u->diags.errors, 1);
    db_unit_free(u);
}
END_TEST

START_TEST(hostile_binary_and_quotes) {
    unsigned char junk[4096];
    unsigned x = 12345;
    for (size_t i = 0; i < sizeof junk; i++) {
        x = x * 1103515245u + 12345u;
        junk[i] = (unsigned char)(x >> 16);
    }
    DbUnit *u = parse_n((const char *)junk, sizeof junk);
    ck_assert_int_ge(u->diags.errors, 1);
    ck_assert_int_le(u->diags.errors, 200);
    db_unit_free(u);
    u = parse("'");
    ck_assert_int_ge(u->diags.errors, 1);
    db_unit_free(u);
    u = parse("\xff\xfe fn main() {}");
    ck_assert_int_ge(u->diags.errors, 1);
    db_unit_free(u);
}
END_TEST

START_TEST(every_truncation_of_a_program_is_safe) {
    /* Every prefix of a realistic program parses without crashing. */
    const char *prog =
        "trait H { async fn f(&self, u: &str) -> R; fn n(&self) -> String; }\n"
        "struct M { l: u64 }\n"
        "impl H for M { async fn f(&self, u: &str) -> R { sleep(self.l).await; R { s: 200 } }"
        " fn n(&self) -> String { String::from(\"m\") } }\n"
        "async fn main() { let c: Box<dyn H> = Box::new(M { l: 1 }); let r = c.f(\"/\").box.await;"
        " match r.s { 200 => println!(\"{}\", r.s), _ => {} } }\n";
    size_t n = strlen(prog);
    for (size_t i = 0; i <= n; i++) {
        DbUnit *u = parse_n(prog, i);
        db_dump(u, DB_DUMP_AST);
        db_unit_free(u);
    }
    DbUnit *u = parse(prog);
    ck_assert_int_eq(u->diags.errors, 0);
    db_unit_free(u);
}
END_TEST

START_TEST(nested_parens_stay_a_tree) {
    /* A node shared by two parents made the dump exponential in the depth. */
    char src[1024] = "fn main() { let _ = ";
    for (int i = 0; i < 200; i++) strcat(src, "(");
    strcat(src, "x");
    for (int i = 0; i < 200; i++) strcat(src, ")");
    strcat(src, "; let _ = [[[[1; 2]; 2]; 2]; 2]; }");
    DbUnit *u = parse(src);
    ck_assert_int_eq(u->diags.errors, 0);
    const char *d = db_dump(u, DB_DUMP_AST);
    ck_assert_uint_lt(strlen(d), 64 * 1024);
    db_unit_free(u);
}
END_TEST

START_TEST(ast_dump_is_readable) {
    DbUnit *u = parse("async fn main() { let r = c.fetch(\"/\").box.await; }");
    const char *d = db_dump(u, DB_DUMP_AST);
    ck_assert_ptr_nonnull(strstr(d, "Fn async main() @1:1"));
    ck_assert_ptr_nonnull(strstr(d, "Await @1:27"));
    ck_assert_ptr_nonnull(strstr(d, "Box @1:27"));
    ck_assert_ptr_nonnull(strstr(d, "MethodCall fetch @1:27"));
    ck_assert_ptr_nonnull(strstr(d, "Str \"/\""));
    db_unit_free(u);
}
END_TEST

START_TEST(options_line) {
    DbUnit *u = parse("// dynbox: rules=stable abi=callee\nfn main() {}");
    ck_assert_int_eq(u->diags.errors, 0);
    ck_assert_int_eq(db_options(u).rules, DB_RULES_STABLE);
    ck_assert_int_eq(db_options(u).abi, DB_ABI_CALLEE);
    db_unit_free(u);
    u = parse("// dynbox: rulez=stable abi=fast\nfn main() {}");
    ck_assert_int_eq(u->diags.errors, 2);
    ck_assert_str_eq(u->diags.head->code, "DB0001");
    ck_assert_ptr_nonnull(strstr(u->diags.head->message, "unknown option `rulez`"));
    ck_assert_ptr_nonnull(strstr(u->diags.head->next->message, "unknown value `fast` for option `abi`"));
    db_unit_free(u);
    DbOptions forced = { .rules = DB_RULES_METHOD_SCOPE, .rules_set = true };
    const char *src = "// dynbox: rules=stable\nfn main() {}";
    u = db_unit_new("t.rs", src, strlen(src), &forced);
    db_run(u, DB_PHASE_PARSE);
    ck_assert_int_eq(db_options(u).rules, DB_RULES_METHOD_SCOPE); /* the caller wins */
    db_unit_free(u);
}
END_TEST

Suite *parse_suite(void) {
    Suite *s = suite_create("parse");
    TCase *tc = tcase_create("grammar");
    tcase_add_test(tc, precedence_mul_over_add);
    tcase_add_test(tc, precedence_left_assoc_and_logic);
    tcase_add_test(tc, postfix_box_await_try);
    tcase_add_test(tc, generics_split_shr);
    tcase_add_test(tc, tuple_index_float_split);
    tcase_add_test(tc, no_struct_literal_in_condition);
    tcase_add_test(tc, block_statement_ends_without_semicolon);
    tcase_add_test(tc, trait_methods_and_self_kinds);
    tcase_add_test(tc, derive_attribute_args);
    tcase_add_test(tc, ast_dump_is_readable);
    tcase_add_test(tc, nested_parens_stay_a_tree);
    tcase_add_test(tc, options_line);
    suite_add_tcase(s, tc);
    TCase *tr = tcase_create("recovery");
    tcase_set_timeout(tr, 60);
    tcase_add_test(tr, three_errors_three_diagnostics);
    tcase_add_test(tr, hostile_empty_and_whitespace);
    tcase_add_test(tr, hostile_deep_nesting);
    tcase_add_test(tr, hostile_binary_and_quotes);
    tcase_add_test(tr, every_truncation_of_a_program_is_safe);
    suite_add_tcase(s, tr);
    return s;
}
