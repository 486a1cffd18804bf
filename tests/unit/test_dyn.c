/* test_dyn.c — the dyn-compatibility analyzer: golden programs in tests/dyn
 * (every violation kind under both rule sets), rustc's rendering of
 * errors_stable_rules.rs, dispatch classes, vtable layouts, the explain
 * report and the call-site diagnostics the checker will raise.
 */
#include "dyn.h"
#include "golden.h"
#include "suites.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static DbUnit *checked(const char *src, const DbOptions *forced) {
    DbUnit *u = db_unit_new("t.rs", src, strlen(src), forced);
    ck_assert_ptr_nonnull(u);
    db_run(u, DB_PHASE_CHECK);
    return u;
}

static const DynMethod *method(DbUnit *u, const char *trait, const char *name) {
    const DynTrait *t = dyn_trait(u, sym_cstr(u, trait));
    ck_assert_msg(t != NULL, "no trait `%s`", trait);
    const DynMethod *m = dyn_method(t, sym_cstr(u, name));
    ck_assert_msg(m != NULL, "no method `%s` in `%s`", name, trait);
    return m;
}

static int count_code(DbUnit *u, const char *code) {
    int n = 0;
    for (Diag *d = u->diags.head; d; d = d->next) n += d->code && strcmp(d->code, code) == 0;
    return n;
}

/* ------------------------------------------------------------ goldens */

START_TEST(dyn_goldens) {
    Buf problems = { 0 };
    int files = golden_count_files("tests/dyn");
    ck_assert_msg(files >= 30, "expected at least 30 golden dyn programs, found %d", files);
    int failures = golden_run_dir("tests/dyn", DB_PHASE_CHECK, &problems);
    ck_assert_msg(failures == 0, "%d golden file(s) failed:\n%s", failures, problems.s ? problems.s : "");
    buf_free(&problems);
}
END_TEST

/* The differential corpus (tests/dyn/differential.sh) is all there. */
START_TEST(corpus_runs) {
    int n = golden_count_files("tests/dyn/corpus");
    ck_assert_msg(n >= 60, "expected at least 60 corpus traits, found %d", n);
}
END_TEST

/* dynbox's human output for errors_stable_rules.rs is rustc's, up to the
 * `error: aborting` line (after it rustc names `rustc --explain`). */
START_TEST(stable_rules_like_rustc) {
    char path[512], want_path[512];
    snprintf(path, sizeof path, "%s/errors_stable_rules.rs", SHARED_EXAMPLES);
    snprintf(want_path, sizeof want_path, "%s/errors_stable_rules.rustc.stderr", SHARED_EXAMPLES);
    size_t len, wlen;
    char *src = golden_read_file(path, &len);
    char *want = golden_read_file(want_path, &wlen);
    if (!src || !want) {
        printf("skipped: %s is absent (acceptance examples live beside the project)\n", SHARED_EXAMPLES);
        free(src);
        free(want);
        return;
    }
    char *cut = strstr(want, "error: aborting");
    ck_assert_ptr_nonnull(cut);
    char *eol = strchr(cut, '\n');
    if (eol) eol[1] = 0;
    DbUnit *u = db_unit_new("errors_stable_rules.rs", src, len, NULL);
    db_run(u, DB_PHASE_CHECK);
    Buf got = { 0 };
    buf_puts(&got, db_render_diagnostics(u, DB_FORMAT_HUMAN, false));
    const char *summary = db_render_summary(u, false);
    const char *nl = strchr(summary, '\n');
    buf_put(&got, summary, nl ? (size_t)(nl - summary + 1) : strlen(summary));
    ck_assert_str_eq(got.s, want);
    buf_free(&got);
    db_unit_free(u);
    free(src);
    free(want);
}
END_TEST

/* ----------------------------------------------------------- the rules */

static const char shape_src[] =
    "trait Describe { fn describe(&self) -> String; }\n"
    "trait Shape {\n"
    "    fn area(&self) -> u64;\n"
    "    fn scaled(&self, k: u64) -> Self;\n"
    "    fn unit() -> Self;\n"
    "    fn tag<T: Describe>(&self, t: &T) -> String;\n"
    "    async fn render(&self, scale: u64) -> String;\n"
    "    fn corners(&self) -> impl Iterator<Item = u64>;\n"
    "    fn only_sized(&self) -> u64 where Self: Sized;\n"
    "    fn by_value(self) -> u64;\n"
    "    fn same(&self, o: &Self) -> bool;\n"
    "    fn boxed_recv(self: &Box<Self>);\n"
    "    fn shown(&self) where Self: std::fmt::Display;\n"
    "    fn consume(self: Box<Self>) -> u64;\n"
    "    async fn cloned(&self) -> u64 where Self: Clone;\n"
    "}\n"
    "fn main() {}\n";

START_TEST(method_classes) {
    DbUnit *u = checked(shape_src, NULL);
    ck_assert_int_eq(db_error_count(u), 0);
    struct {
        const char *name;
        DynClass cls;
        const char *reason;
    } want[] = {
        { "area", DYN_VTABLE, NULL },
        { "scaled", DYN_EXCLUDED, "method `scaled` references the `Self` type in its return type" },
        { "unit", DYN_EXCLUDED, "associated function `unit` has no `self` parameter" },
        { "tag", DYN_EXCLUDED, "method `tag` has generic type parameters" },
        { "render", DYN_BOXED, "method `render` is `async`" },
        { "corners", DYN_BOXED, "method `corners` references an `impl Trait` type in its return type" },
        { "only_sized", DYN_EXCLUDED, "method `only_sized` requires `Self: Sized`" },
        { "by_value", DYN_EXCLUDED, "method `by_value` takes `self` by value" },
        { "same", DYN_EXCLUDED, "method `same` references the `Self` type in this parameter" },
        { "boxed_recv", DYN_EXCLUDED, "method `boxed_recv`'s `self` parameter cannot be dispatched on" },
        { "shown", DYN_EXCLUDED, "method `shown` references the `Self` type in its `where` clause" },
        { "consume", DYN_VTABLE, NULL },
        { "cloned", DYN_EXCLUDED, "method `cloned` requires `Self: Sized`" },
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        const DynMethod *m = method(u, "Shape", want[i].name);
        ck_assert_msg(m->cls == want[i].cls, "`%s` is %s, wanted %s", want[i].name, dyn_class_name(m->cls),
                      dyn_class_name(want[i].cls));
        if (want[i].reason) ck_assert_str_eq(m->reason, want[i].reason);
        else ck_assert_ptr_null(m->reason);
    }
    const DynTrait *t = dyn_trait(u, sym_cstr(u, "Shape"));
    ck_assert(!t->ok_stable);
    ck_assert(t->ok_method_scope);
    ck_assert_str_eq(method(u, "Shape", "corners")->ret_impl, "impl Iterator");
    ck_assert_ptr_eq(dyn_first_unimplementable(t), method(u, "Shape", "scaled"));
    ck_assert_ptr_null(dyn_first_unimplementable(dyn_trait(u, sym_cstr(u, "Describe"))));
    db_unit_free(u);
}
END_TEST

START_TEST(builtin_verdicts) {
    DbUnit *u = checked("fn main() {}\n", NULL);
    struct {
        const char *name;
        bool stable, method_scope;
    } want[] = {
        { "Clone", false, false }, { "Copy", false, false },   { "Default", false, false },
        { "Sized", false, false }, { "Eq", false, false },     { "Hash", false, true },
        { "Display", true, true }, { "Debug", true, true },    { "Iterator", true, true },
        { "Future", true, true },  { "Fn", true, true },       { "FnMut", true, true },
        { "FnOnce", true, true },  { "PartialEq", true, true }, { "Send", true, true },
        { "Sync", true, true },    { "Drop", true, true },
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        const DynTrait *t = dyn_trait(u, sym_cstr(u, want[i].name));
        ck_assert_msg(t != NULL, "no built-in `%s`", want[i].name);
        ck_assert_msg(t->ok_stable == want[i].stable, "`%s` stable verdict", want[i].name);
        ck_assert_msg(t->ok_method_scope == want[i].method_scope, "`%s` method-scope verdict", want[i].name);
    }
    ck_assert_ptr_null(dyn_trait(u, sym_cstr(u, "NoSuchTrait")));
    db_unit_free(u);
}
END_TEST

/* Under method-scope rules only trait-level violations reject `dyn`. */
START_TEST(rule_sets_differ) {
    const char *src = "trait A { async fn a(&self); }\n"
                      "trait B { const K: u8; }\n"
                      "fn f(_: &dyn A, _b: &dyn B) {}\n"
                      "fn main() {}\n";
    DbUnit *u = checked(src, NULL);
    ck_assert_int_eq(count_code(u, "E0038"), 1); /* B only */
    ck_assert(strstr(u->diags.head->message, "`B`") != NULL);
    db_unit_free(u);
    DbOptions stable = { .rules = DB_RULES_STABLE, .rules_set = true };
    u = checked(src, &stable);
    ck_assert_int_eq(count_code(u, "E0038"), 2);
    db_unit_free(u);
    /* the file's own line sets the rules too */
    char buf[512];
    snprintf(buf, sizeof buf, "// dynbox: rules=stable\n%s", src);
    u = checked(buf, NULL);
    ck_assert_int_eq(count_code(u, "E0038"), 2);
    db_unit_free(u);
}
END_TEST

/* rustc sorts the "consider moving" helps by symbol index: predefined
 * names (`len`, `new`) first, the rest in order of first appearance. */
START_TEST(help_order) {
    const char *src = "// dynbox: rules=stable\n"
                      "trait T {\n"
                      "    fn zeta<X>(&self, x: X);\n"
                      "    fn new<X>(&self, x: X);\n"
                      "    fn len<X>(&self, x: X);\n"
                      "    fn alpha<X>(&self, x: X);\n"
                      "}\n"
                      "fn f(_: &dyn T) {}\n";
    DbUnit *u = checked(src, NULL);
    ck_assert_int_eq(count_code(u, "E0038"), 1);
    const char *order[] = { "len", "new", "zeta", "alpha" };
    int k = 0;
    Diag *d = u->diags.head;
    for (int i = 0; i < d->nchildren; i++) {
        if (d->children[i]->level != DIAG_HELP) continue;
        char want[64];
        snprintf(want, sizeof want, "consider moving `%s` to another trait", order[k++]);
        ck_assert_str_eq(d->children[i]->message, want);
    }
    ck_assert_int_eq(k, 4);
    ck_assert_int_lt(dyn_symbol_rank(u, sym_cstr(u, "len")), dyn_symbol_rank(u, sym_cstr(u, "new")));
    ck_assert_int_lt(dyn_symbol_rank(u, sym_cstr(u, "zeta")), dyn_symbol_rank(u, sym_cstr(u, "alpha")));
    db_unit_free(u);
}
END_TEST

/* ------------------------------------------------------------- vtables */

static void expect_slots(const DynTrait *t, const char *const *want, int n) {
    ck_assert_int_eq(t->slots.n, n);
    for (int i = 0; i < n; i++) {
        const DynSlot *s = LIST_GET(t->slots, i, DynSlot);
        char got[64];
        if (s->method) snprintf(got, sizeof got, "%s:%s", dyn_slot_kind_name(s->kind), s->method->name);
        else if (s->vptr) snprintf(got, sizeof got, "vptr:%s", s->vptr->name);
        else snprintf(got, sizeof got, "%s", dyn_slot_kind_name(s->kind));
        ck_assert_msg(strcmp(got, want[i]) == 0, "slot %d is %s, wanted %s", i, got, want[i]);
        ck_assert_int_eq(s->index, i);
    }
}

START_TEST(vtable_layout) {
    DbUnit *u = checked(shape_src, NULL);
    const DynTrait *t = dyn_trait(u, sym_cstr(u, "Shape"));
    const char *want[] = { "drop", "size", "align", "method:area", "boxed:render", "boxed:corners",
                           "method:consume" };
    expect_slots(t, want, 7);
    int offsets[] = { 0, 8, 16, 24, 32, 64, 96 };
    for (int i = 0; i < 7; i++) ck_assert_int_eq(LIST_GET(t->slots, i, DynSlot)->offset, offsets[i]);
    ck_assert_int_eq(t->vtable_size, 104);
    db_unit_free(u);
    /* abi=callee: a boxed slot is one `construct` pointer */
    DbOptions callee = { .abi = DB_ABI_CALLEE, .abi_set = true };
    u = checked(shape_src, &callee);
    ck_assert_int_eq(dyn_trait(u, sym_cstr(u, "Shape"))->vtable_size, 56);
    db_unit_free(u);
}
END_TEST

/* rustc's segment order: the first supertrait's vtable is a prefix; other
 * supertraits follow with a vptr; the trait's own methods come last. */
START_TEST(vtable_supertraits) {
    const char *src = "trait A { fn a(&self); }\n"
                      "trait B { fn b(&self); }\n"
                      "trait C: A + B { fn c(&self); }\n"
                      "trait D: C { fn d(&self); async fn e(&self); }\n"
                      "trait E: A {}\n"
                      "trait F: A + E { fn f(&self); }\n"
                      "trait G: Send + A { fn g(&self); }\n"
                      "fn main() {}\n";
    DbUnit *u = checked(src, NULL);
    const char *c[] = { "drop", "size", "align", "method:a", "method:b", "vptr:B", "method:c" };
    expect_slots(dyn_trait(u, sym_cstr(u, "C")), c, 7);
    const char *d[] = { "drop", "size", "align", "method:a", "method:b", "vptr:B", "method:c", "method:d",
                        "boxed:e" };
    expect_slots(dyn_trait(u, sym_cstr(u, "D")), d, 9);
    /* E has no methods of its own but reaches A's: rustc still gives it a
     * vptr, for upcasting `dyn F` to `dyn E` */
    const char *f[] = { "drop", "size", "align", "method:a", "vptr:E", "method:f" };
    expect_slots(dyn_trait(u, sym_cstr(u, "F")), f, 6);
    /* an auto trait first contributes no entries and no vptr */
    const char *g[] = { "drop", "size", "align", "method:a", "method:g" };
    expect_slots(dyn_trait(u, sym_cstr(u, "G")), g, 5);
    /* supertrait methods are reachable through the subtrait */
    ck_assert_ptr_nonnull(dyn_method(dyn_trait(u, sym_cstr(u, "D")), sym_cstr(u, "a")));
    ck_assert_int_eq(method(u, "D", "e")->cls, DYN_BOXED);
    db_unit_free(u);
}
END_TEST

/* ------------------------------------------------------------ explain */

START_TEST(explain_method_scope) {
    char path[512];
    snprintf(path, sizeof path, "%s/method_scope.rs", SHARED_EXAMPLES);
    size_t len;
    char *src = golden_read_file(path, &len);
    if (!src) {
        printf("skipped: %s is absent (acceptance examples live beside the project)\n", SHARED_EXAMPLES);
        return;
    }
    DbUnit *u = db_unit_new("method_scope.rs", src, len, NULL);
    const char *json = db_explain_report(u, DB_FORMAT_JSON);
    const char *want[] = {
        "{\"name\":\"area\",\"trait\":\"Shape\",\"class\":\"vtable\",\"reason\":null",
        "{\"name\":\"render\",\"trait\":\"Shape\",\"class\":\"boxed\",\"reason\":\"method `render` is `async`\"",
        "{\"name\":\"corners\",\"trait\":\"Shape\",\"class\":\"boxed\",\"reason\":\"method `corners` "
        "references an `impl Trait` type in its return type\"",
        "{\"name\":\"scaled\",\"trait\":\"Shape\",\"class\":\"excluded\",\"reason\":\"method `scaled` "
        "references the `Self` type in its return type\"",
        "{\"name\":\"unit\",\"trait\":\"Shape\",\"class\":\"excluded\",\"reason\":\"associated function "
        "`unit` has no `self` parameter\"",
        "{\"name\":\"tag\",\"trait\":\"Shape\",\"class\":\"excluded\",\"reason\":\"method `tag` has generic "
        "type parameters\"",
        "\"method_scope\":{\"dyn_compatible\":true",
        "\"stable\":{\"dyn_compatible\":false",
        "{\"type\":\"Square\"",
        "{\"type\":\"Rect\"",
        "\"entry\":\"<Rect as Shape>::render\",\"fut_size\":null,\"fut_align\":null",
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        ck_assert_msg(strstr(json, want[i]) != NULL, "explain JSON lacks %s\n%s", want[i], json);
    const char *text = db_explain_report(u, DB_FORMAT_HUMAN);
    ck_assert_ptr_nonnull(strstr(text, "    render   boxed     method `render` is `async`\n"));
    ck_assert_ptr_nonnull(strstr(text, "    area     vtable\n"));
    ck_assert_ptr_nonnull(strstr(text, "  impl Shape for Square (line 57)\n"));
    ck_assert_int_eq(db_error_count(u), 0);
    db_unit_free(u);
    free(src);
}
END_TEST

/* ---------------------------------------------------- call-site errors */

START_TEST(call_site_errors) {
    char path[512];
    snprintf(path, sizeof path, "%s/errors_method_scope.rs", SHARED_EXAMPLES);
    size_t len;
    char *src = golden_read_file(path, &len);
    if (!src) {
        printf("skipped: %s is absent (acceptance examples live beside the project)\n", SHARED_EXAMPLES);
        return;
    }
    DbUnit *u = db_unit_new("errors_method_scope.rs", src, len, NULL);
    db_run(u, DB_PHASE_CHECK); /* the checker raises the call-site errors */
    /* every `//~ ERROR text` line got its error, and only those */
    int expected = 0;
    uint32_t line = 1;
    for (const char *p = src; *p; p++) {
        if (*p == '\n') line++;
        if (strncmp(p, "//~ ERROR ", 10) != 0) continue;
        const char *text = p + 10;
        const char *end = strchr(text, '\n');
        char want[128];
        snprintf(want, sizeof want, "%.*s", (int)(end - text), text);
        bool found = false;
        for (Diag *d = u->diags.head; d && !found; d = d->next) {
            uint32_t l, c;
            src_line_col(&u->src, d->spans[0].span.lo, &l, &c);
            found = l == line && strstr(d->message, want);
        }
        ck_assert_msg(found, "line %u: no error with `%s`\n%s", line, want,
                      db_render_diagnostics(u, DB_FORMAT_HUMAN, false));
        expected++;
    }
    ck_assert_int_eq(expected, 4);
    ck_assert_int_eq(db_error_count(u), 4);
    /* the `render` error: a note at the declaration, a machine-applicable `.box` */
    Diag *d = u->diags.head;
    ck_assert_str_eq(d->code, "DB0002");
    ck_assert_str_eq(d->message, "`render` is async, so calling it through `dyn Shape` needs `.box`");
    bool note = false, sugg = false;
    for (int i = 0; i < d->nchildren; i++) {
        Diag *c = d->children[i];
        if (c->level == DIAG_NOTE && strcmp(c->message, "method `render` is `async`") == 0 && c->nspans == 1) {
            uint32_t l, col;
            src_line_col(&u->src, c->spans[0].span.lo, &l, &col);
            note = l == 15;
        }
        if (c->nspans == 1 && c->spans[0].replacement && strcmp(c->spans[0].replacement, ".box") == 0) {
            sugg = c->spans[0].app == APP_MACHINE_APPLICABLE &&
                   strncmp(u->src.text + c->spans[0].span.lo, ".await", 6) == 0;
        }
    }
    ck_assert_msg(note, "no note at `render`'s declaration");
    ck_assert_msg(sugg, "no machine-applicable `.box` before `.await`");
    db_unit_free(u);
    free(src);
}
END_TEST

START_TEST(bad_box_and_not_impl) {
    const char *src = "trait Shape { fn area(&self) -> u64; async fn render(&self) -> u64; }\n"
                      "struct Sq;\n"
                      "impl Shape for Sq { fn area(&self) -> u64 { 1 } async fn render(&self) -> u64 { 2 } }\n"
                      "fn needs<T: Shape + ?Sized>(_: &T) {}\n"
                      "async fn f(s: &dyn Shape) -> u64 {\n"
                      "    let a = s.area().box;\n"
                      "    needs(s);\n"
                      "    s.area() + s.render().box.await\n"
                      "}\n"
                      "fn main() {}\n";
    DbUnit *u = checked(src, NULL);
    Diag *d = u->diags.head;
    ck_assert_ptr_nonnull(d);
    ck_assert_str_eq(d->code, "DB0004");
    ck_assert_str_eq(d->message, "`.box` needs a call that returns `impl Trait`");
    ck_assert_ptr_nonnull(d->next);
    ck_assert_str_eq(d->next->code, "E0277");
    ck_assert_str_eq(d->next->message, "the trait bound `dyn Shape: Shape` is not satisfied");
    /* the vtable call and the boxed call with `.box` are fine */
    ck_assert_int_eq(db_error_count(u), 2);
    ck_assert(db_explain("DB0002") && db_explain("DB0003") && db_explain("DB0004"));
    ck_assert(db_explain("E0191") && db_explain("E0393") && db_explain("E0277"));
    db_unit_free(u);
}
END_TEST

/* Under rustc's rules the runnable examples' traits are not dyn compatible:
 * each program gets E0038 at its `dyn` types, and nothing else. */
START_TEST(examples_under_stable_rules) {
    const char *names[] = { "http_client.rs", "method_scope.rs", "service_stack.rs", "tasks.rs" };
    DbOptions stable = { .rules = DB_RULES_STABLE, .rules_set = true };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", SHARED_EXAMPLES, names[i]);
        size_t len;
        char *src = golden_read_file(path, &len);
        if (!src) {
            printf("skipped: %s is absent (acceptance examples live beside the project)\n", SHARED_EXAMPLES);
            return;
        }
        DbUnit *u = db_unit_new(names[i], src, len, &stable);
        db_run(u, DB_PHASE_CHECK);
        ck_assert_msg(db_error_count(u) > 0, "%s: no E0038 under stable rules", names[i]);
        for (Diag *e = u->diags.head; e; e = e->next)
            if (e->level == DIAG_ERROR)
                ck_assert_msg(e->code && strcmp(e->code, "E0038") == 0, "%s: unexpected %s: %s", names[i],
                              e->code ? e->code : "error", e->message);
        db_unit_free(u);
        free(src);
    }
}
END_TEST

/* E0038's JSON children come as rustc orders them: notes, plain helps,
 * then suggestions. */
START_TEST(children_order) {
    const char *src = "// dynbox: rules=stable\n"
                      "trait T { fn n(); fn g<X>(&self); }\n"
                      "struct S;\n"
                      "impl T for S { fn n() {} fn g<X>(&self) {} }\n"
                      "fn f(_: &dyn T) {}\n";
    DbUnit *u = checked(src, NULL);
    Diag *d = u->diags.head;
    ck_assert_int_eq(d->nchildren, 5);
    ck_assert_int_eq(d->children[0]->level, DIAG_NOTE);
    ck_assert_str_eq(d->children[1]->message, "consider moving `g` to another trait");
    ck_assert_str_eq(d->children[2]->message, "only type `S` implements `T`; consider using it directly instead.");
    ck_assert_str_eq(d->children[3]->spans[0].replacement, "&self");
    ck_assert_str_eq(d->children[4]->spans[0].replacement, " where Self: Sized");
    db_unit_free(u);
}
END_TEST

Suite *dyn_suite(void) {
    Suite *s = suite_create("dyn");
    TCase *tc = tcase_create("dyn compatibility");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, dyn_goldens);
    tcase_add_test(tc, corpus_runs);
    tcase_add_test(tc, stable_rules_like_rustc);
    tcase_add_test(tc, method_classes);
    tcase_add_test(tc, builtin_verdicts);
    tcase_add_test(tc, rule_sets_differ);
    tcase_add_test(tc, help_order);
    tcase_add_test(tc, vtable_layout);
    tcase_add_test(tc, vtable_supertraits);
    tcase_add_test(tc, explain_method_scope);
    tcase_add_test(tc, call_site_errors);
    tcase_add_test(tc, bad_box_and_not_impl);
    tcase_add_test(tc, examples_under_stable_rules);
    tcase_add_test(tc, children_order);
    suite_add_tcase(s, tc);
    return s;
}
