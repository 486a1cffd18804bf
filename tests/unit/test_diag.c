/* test_diag.c — the diagnostic renderers against rustc's own output: the
 * E0038 sample byte for byte, label layout, gaps, tabs, colour, and JSON that
 * a strict parser accepts whatever bytes the messages carry.
 */
#include "internal.h"
#include "suites.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ helpers */

static DbUnit *unit(const char *name, const char *src) {
    DbUnit *u = db_unit_new(name, src, strlen(src), NULL);
    ck_assert_ptr_nonnull(u);
    return u;
}

/* The first `needle` on 1-based `line`. */
static Span find(DbUnit *u, uint32_t line, const char *needle) {
    uint32_t lo, hi;
    src_line_range(&u->src, line, &lo, &hi);
    const char *p = memmem(u->src.text + lo, hi - lo, needle, strlen(needle));
    ck_assert_msg(p != NULL, "`%s` not on line %u", needle, line);
    uint32_t off = (uint32_t)(p - u->src.text);
    return (Span){ off, off + (uint32_t)strlen(needle) };
}

static Span at(Span s) { return (Span){ s.lo, s.lo }; }

static void expect_human(DbUnit *u, const Diag *d, const char *want) {
    Buf b = { 0 };
    diag_render_human(u, &b, d, false);
    ck_assert_str_eq(b.s, want);
    buf_free(&b);
}

/* A strict JSON validator (RFC 8259), so the tests need no JSON library. */
typedef struct J {
    const char *p, *end;
} J;

static bool j_value(J *j, int depth);

static void j_ws(J *j) {
    while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r')) j->p++;
}

static bool j_lit(J *j, const char *w) {
    size_t n = strlen(w);
    if ((size_t)(j->end - j->p) < n || memcmp(j->p, w, n) != 0) return false;
    j->p += n;
    return true;
}

static bool j_string(J *j) {
    if (j->p >= j->end || *j->p != '"') return false;
    j->p++;
    while (j->p < j->end) {
        unsigned char c = (unsigned char)*j->p++;
        if (c == '"') return true;
        if (c < 0x20) return false;
        if (c == '\\') {
            if (j->p >= j->end) return false;
            char e = *j->p++;
            if (e == 'u') {
                for (int i = 0; i < 4; i++, j->p++)
                    if (j->p >= j->end || !strchr("0123456789abcdefABCDEF", *j->p)) return false;
            } else if (!strchr("\"\\/bfnrt", e)) {
                return false;
            }
        } else if (c >= 0x80) {
            int len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 ? 2 : 0;
            if (!len || c > 0xf4 || j->end - j->p < len - 1) return false;
            for (int k = 1; k < len; k++)
                if (((unsigned char)*j->p++ & 0xc0) != 0x80) return false;
        }
    }
    return false;
}

static bool j_number(J *j) {
    const char *s = j->p;
    if (j->p < j->end && *j->p == '-') j->p++;
    while (j->p < j->end && strchr("0123456789.eE+-", *j->p)) j->p++;
    return j->p > s;
}

static bool j_value(J *j, int depth) {
    if (depth > 64) return false;
    j_ws(j);
    if (j->p >= j->end) return false;
    char c = *j->p;
    if (c == '{' || c == '[') {
        char close = c == '{' ? '}' : ']';
        j->p++;
        j_ws(j);
        if (j->p < j->end && *j->p == close) {
            j->p++;
            return true;
        }
        for (;;) {
            if (c == '{') {
                j_ws(j);
                if (!j_string(j)) return false;
                j_ws(j);
                if (j->p >= j->end || *j->p++ != ':') return false;
            }
            if (!j_value(j, depth + 1)) return false;
            j_ws(j);
            if (j->p >= j->end) return false;
            if (*j->p == ',') {
                j->p++;
                continue;
            }
            if (*j->p++ != close) return false;
            return true;
        }
    }
    if (c == '"') return j_string(j);
    if (c == 't') return j_lit(j, "true");
    if (c == 'f') return j_lit(j, "false");
    if (c == 'n') return j_lit(j, "null");
    return j_number(j);
}

/* Every line of `s` is exactly one valid JSON object; returns the count. */
static int json_lines(const char *s) {
    int n = 0;
    while (*s) {
        const char *nl = strchr(s, '\n');
        ck_assert_msg(nl != NULL, "JSON output does not end with a newline");
        J j = { s, nl };
        j_ws(&j);
        ck_assert_msg(j.p < j.end && *j.p == '{', "line %d is not an object", n + 1);
        ck_assert_msg(j_value(&j, 0), "line %d is not valid JSON: %.*s", n + 1, (int)(nl - s), s);
        j_ws(&j);
        ck_assert_msg(j.p == nl, "trailing bytes after the object on line %d", n + 1);
        n++;
        s = nl + 1;
    }
    return n;
}

/* ------------------------------------------------------- the E0038 sample */

static const char stable_rules_src[] =
    "// dynbox: rules=stable\n"
    "// Under today's Rust rules (rustc 1.95) the same trait is not dyn\n"
    "// compatible at all: the `dyn Shape` type is rejected with E0038 and a\n"
    "// note per offending method, worded as rustc words them.\n"
    "\n"
    "trait Shape {\n"
    "    fn area(&self) -> u64;\n"
    "    fn unit() -> Self;\n"
    "    fn tag<T>(&self, t: T) -> u64;\n"
    "    async fn render(&self) -> String;\n"
    "}\n"
    "\n"
    "fn total(shapes: &Vec<Box<dyn Shape>>) -> u64 { //~ ERROR E0038\n"
    "    0\n"
    "}\n"
    "\n"
    "fn main() {}\n";

/* rustc 1.95's stderr for that file, up to "error: aborting". */
static const char stable_rules_rustc[] =
    "error[E0038]: the trait `Shape` is not dyn compatible\n"
    "  --> errors_stable_rules.rs:13:27\n"
    "   |\n"
    "13 | fn total(shapes: &Vec<Box<dyn Shape>>) -> u64 { //~ ERROR E0038\n"
    "   |                           ^^^^^^^^^ `Shape` is not dyn compatible\n"
    "   |\n"
    "note: for a trait to be dyn compatible it needs to allow building a vtable\n"
    "      for more information, visit <https://doc.rust-lang.org/reference/items/traits.html#dyn-compatibility>\n"
    "  --> errors_stable_rules.rs:8:8\n"
    "   |\n"
    " 6 | trait Shape {\n"
    "   |       ----- this trait is not dyn compatible...\n"
    " 7 |     fn area(&self) -> u64;\n"
    " 8 |     fn unit() -> Self;\n"
    "   |        ^^^^ ...because associated function `unit` has no `self` parameter\n"
    " 9 |     fn tag<T>(&self, t: T) -> u64;\n"
    "   |        ^^^ ...because method `tag` has generic type parameters\n"
    "10 |     async fn render(&self) -> String;\n"
    "   |              ^^^^^^ ...because method `render` is `async`\n"
    "   = help: consider moving `tag` to another trait\n"
    "   = help: consider moving `render` to another trait\n"
    "help: consider turning `unit` into a method by giving it a `&self` argument\n"
    "   |\n"
    " 8 |     fn unit(&self) -> Self;\n"
    "   |             +++++\n"
    "help: alternatively, consider constraining `unit` so it does not apply to trait objects\n"
    "   |\n"
    " 8 |     fn unit() -> Self where Self: Sized;\n"
    "   |                       +++++++++++++++++\n"
    "\n";

/* The same, as rustc 1.95 colours it (`--color=always`). */
static const char stable_rules_rustc_color[] =
    "\x1b[1m\x1b[91merror[E0038]\x1b[0m\x1b[1m: the trait `Shape` is not dyn compatible\x1b[0m\n"
    "  \x1b[1m\x1b[94m--> \x1b[0merrors_stable_rules.rs:13:27\n"
    "   \x1b[1m\x1b[94m|\x1b[0m\n"
    "\x1b[1m\x1b[94m13\x1b[0m \x1b[1m\x1b[94m|\x1b[0m fn total(shapes: &Vec<Box<dyn Shape>>) -> u64 { //~ ERROR E0038\n"
    "   \x1b[1m\x1b[94m|\x1b[0m                           \x1b[1m\x1b[91m^^^^^^^^^\x1b[0m \x1b[1m\x1b[91m`Shape` is not dyn compatible\x1b[0m\n"
    "   \x1b[1m\x1b[94m|\x1b[0m\n"
    "\x1b[1m\x1b[92mnote\x1b[0m: for a trait to be dyn compatible it needs to allow building a vtable\n"
    "      for more information, visit <https://doc.rust-lang.org/reference/items/traits.html#dyn-compatibility>\n"
    "  \x1b[1m\x1b[94m--> \x1b[0merrors_stable_rules.rs:8:8\n"
    "   \x1b[1m\x1b[94m|\x1b[0m\n"
    "\x1b[1m\x1b[94m 6\x1b[0m \x1b[1m\x1b[94m|\x1b[0m trait Shape {\n"
    "   \x1b[1m\x1b[94m|\x1b[0m       \x1b[1m\x1b[94m-----\x1b[0m \x1b[1m\x1b[94mthis trait is not dyn compatible...\x1b[0m\n"
    "\x1b[1m\x1b[94m 7\x1b[0m \x1b[1m\x1b[94m|\x1b[0m     fn area(&self) -> u64;\n"
    "\x1b[1m\x1b[94m 8\x1b[0m \x1b[1m\x1b[94m|\x1b[0m     fn unit() -> Self;\n"
    "   \x1b[1m\x1b[94m|\x1b[0m        \x1b[1m\x1b[92m^^^^\x1b[0m \x1b[1m\x1b[92m...because associated function `unit` has no `self` parameter\x1b[0m\n"
    "\x1b[1m\x1b[94m 9\x1b[0m \x1b[1m\x1b[94m|\x1b[0m     fn tag<T>(&self, t: T) -> u64;\n"
    "   \x1b[1m\x1b[94m|\x1b[0m        \x1b[1m\x1b[92m^^^\x1b[0m \x1b[1m\x1b[92m...because method `tag` has generic type parameters\x1b[0m\n"
    "\x1b[1m\x1b[94m10\x1b[0m \x1b[1m\x1b[94m|\x1b[0m     async fn render(&self) -> String;\n"
    "   \x1b[1m\x1b[94m|\x1b[0m              \x1b[1m\x1b[92m^^^^^^\x1b[0m \x1b[1m\x1b[92m...because method `render` is `async`\x1b[0m\n"
    "   \x1b[1m\x1b[94m= \x1b[0m\x1b[1mhelp\x1b[0m: consider moving `tag` to another trait\n"
    "   \x1b[1m\x1b[94m= \x1b[0m\x1b[1mhelp\x1b[0m: consider moving `render` to another trait\n"
    "\x1b[1m\x1b[96mhelp\x1b[0m: consider turning `unit` into a method by giving it a `&self` argument\n"
    "   \x1b[1m\x1b[94m|\x1b[0m\n"
    "\x1b[1m\x1b[94m 8\x1b[0m \x1b[1m\x1b[94m| \x1b[0m    fn unit(\x1b[92m&self\x1b[0m) -> Self;\n"
    "   \x1b[1m\x1b[94m|\x1b[0m             \x1b[92m+++++\x1b[0m\n"
    "\x1b[1m\x1b[96mhelp\x1b[0m: alternatively, consider constraining `unit` so it does not apply to trait objects\n"
    "   \x1b[1m\x1b[94m|\x1b[0m\n"
    "\x1b[1m\x1b[94m 8\x1b[0m \x1b[1m\x1b[94m| \x1b[0m    fn unit() -> Self\x1b[92m where Self: Sized\x1b[0m;\n"
    "   \x1b[1m\x1b[94m|\x1b[0m                       \x1b[92m+++++++++++++++++\x1b[0m\n"
    "\n";

/* Built the way the dyn-compatibility check builds it. */
static Diag *e0038(DbUnit *u) {
    Diag *d = diag_new(u, DIAG_ERROR, "E0038", "the trait `%s` is not dyn compatible", "Shape");
    diag_span(u, d, find(u, 13, "dyn Shape"), true, "`%s` is not dyn compatible", "Shape");
    Diag *n = diag_child(u, d, DIAG_NOTE,
                         "for a trait to be dyn compatible it needs to allow building a vtable\n"
                         "for more information, visit "
                         "<https://doc.rust-lang.org/reference/items/traits.html#dyn-compatibility>");
    diag_span(u, n, find(u, 6, "Shape"), false, "this trait is not dyn compatible...");
    diag_span(u, n, find(u, 8, "unit"), true,
              "...because associated function `%s` has no `self` parameter", "unit");
    diag_span(u, n, find(u, 9, "tag"), true, "...because method `%s` has generic type parameters", "tag");
    diag_span(u, n, find(u, 10, "render"), true, "...because method `%s` is `async`", "render");
    diag_child(u, d, DIAG_HELP, "consider moving `%s` to another trait", "tag");
    diag_child(u, d, DIAG_HELP, "consider moving `%s` to another trait", "render");
    Span paren = find(u, 8, "()");
    diag_suggest(u, d, (Span){ paren.lo + 1, paren.lo + 1 }, "&self", APP_MAYBE_INCORRECT,
                 "consider turning `%s` into a method by giving it a `&self` argument", "unit");
    diag_suggest(u, d, at(find(u, 8, ";")), " where Self: Sized", APP_MAYBE_INCORRECT,
                 "alternatively, consider constraining `%s` so it does not apply to trait objects",
                 "unit");
    return d;
}

START_TEST(e0038_matches_rustc) {
    DbUnit *u = unit("errors_stable_rules.rs", stable_rules_src);
    Diag *d = e0038(u);
    expect_human(u, d, stable_rules_rustc);
    ck_assert_int_eq(db_error_count(u), 1);
    ck_assert_ptr_eq(u->diags.head, d);
    /* the unit-level entry point renders the same bytes */
    ck_assert_str_eq(db_render_diagnostics(u, DB_FORMAT_HUMAN, false), stable_rules_rustc);
    db_unit_free(u);
}
END_TEST

START_TEST(e0038_colour_matches_rustc) {
    DbUnit *u = unit("errors_stable_rules.rs", stable_rules_src);
    Diag *d = e0038(u);
    Buf b = { 0 };
    diag_render_human(u, &b, d, true);
    ck_assert_str_eq(b.s, stable_rules_rustc_color);
    buf_free(&b);
    db_unit_free(u);
}
END_TEST

START_TEST(e0038_json) {
    DbUnit *u = unit("errors_stable_rules.rs", stable_rules_src);
    e0038(u);
    const char *j = db_render_diagnostics(u, DB_FORMAT_JSON, false);
    ck_assert_int_eq(json_lines(j), 1);
    ck_assert_ptr_nonnull(strstr(j, "{\"$message_type\":\"diagnostic\",\"message\":\"the trait `Shape` is not dyn compatible\",\"code\":{\"code\":\"E0038\",\"explanation\":\""));
    ck_assert_ptr_nonnull(strstr(j, "\"level\":\"error\",\"spans\":[{\"file_name\":\"errors_stable_rules.rs\","));
    ck_assert_ptr_nonnull(strstr(j, "\"line_start\":13,\"line_end\":13,\"column_start\":27,\"column_end\":36,\"is_primary\":true,"
                                    "\"text\":[{\"text\":\"fn total(shapes: &Vec<Box<dyn Shape>>) -> u64 { //~ ERROR E0038\","
                                    "\"highlight_start\":27,\"highlight_end\":36}],\"label\":\"`Shape` is not dyn compatible\","
                                    "\"suggested_replacement\":null,\"suggestion_applicability\":null,\"expansion\":null}"));
    /* children: the note (with its two-line message), then helps, then suggestions */
    ck_assert_ptr_nonnull(strstr(j, "\"children\":[{\"message\":\"for a trait to be dyn compatible it needs to allow building a vtable\\nfor more information"));
    ck_assert_ptr_nonnull(strstr(j, "\"code\":null,\"level\":\"note\""));
    ck_assert_ptr_nonnull(strstr(j, "\"is_primary\":false"));
    ck_assert_ptr_nonnull(strstr(j, "\"level\":\"help\""));
    ck_assert_ptr_nonnull(strstr(j, "\"suggested_replacement\":\"&self\",\"suggestion_applicability\":\"MaybeIncorrect\""));
    ck_assert_ptr_nonnull(strstr(j, "\"suggested_replacement\":\" where Self: Sized\""));
    ck_assert_ptr_nonnull(strstr(j, "\"children\":[],\"rendered\":null}"));
    /* suggestions come after the plain helps */
    const char *help = strstr(j, "consider moving `render`"), *sugg = strstr(j, "consider turning `unit`");
    ck_assert(help && sugg && help < sugg);
    ck_assert_ptr_nonnull(strstr(j, "\"rendered\":\"error[E0038]: the trait `Shape` is not dyn compatible\\n"
                                    "  --> errors_stable_rules.rs:13:27\\n   |\\n13 | fn total"));
    ck_assert_ptr_nonnull(strstr(j, "+++++++++++++++++\\n\\n\"}\n"));
    db_unit_free(u);
}
END_TEST

/* ------------------------------------------------------------------ layout */

START_TEST(simple_error) {
    DbUnit *u = unit("t.rs", "fn main() {\n    let x = 1 +;\n}\n");
    Diag *d = diag_error_at(u, find(u, 2, ";"), NULL, "expected expression",
                            "expected expression, found `%s`", ";");
    expect_human(u, d,
                 "error: expected expression, found `;`\n"
                 " --> t.rs:2:16\n"
                 "  |\n"
                 "2 |     let x = 1 +;\n"
                 "  |                ^ expected expression\n"
                 "\n");
    ck_assert_int_eq(db_error_count(u), 1);
    db_unit_free(u);
}
END_TEST

START_TEST(two_labels_hang) {
    DbUnit *u = unit("t.rs", "fn main() {\n    let v = foo(a, b);\n}\n");
    Diag *d = diag_new(u, DIAG_ERROR, "E0499", "cannot borrow `x` as mutable more than once at a time");
    diag_span(u, d, find(u, 2, "foo"), false, "first mutable borrow occurs here");
    diag_span(u, d, find(u, 2, "b)"), true, "second mutable borrow occurs here");
    d->spans[1].span.hi = d->spans[1].span.lo + 1;
    expect_human(u, d,
                 "error[E0499]: cannot borrow `x` as mutable more than once at a time\n"
                 " --> t.rs:2:20\n"
                 "  |\n"
                 "2 |     let v = foo(a, b);\n"
                 "  |             ---    ^ second mutable borrow occurs here\n"
                 "  |             |\n"
                 "  |             first mutable borrow occurs here\n"
                 "\n");
    db_unit_free(u);
}
END_TEST

/* Short labels that fit stay on the caret row, as rustc places them. */
START_TEST(two_labels_fit) {
    DbUnit *u = unit("t.rs", "    let v = foo(a, b);\n");
    Diag *d = diag_new(u, DIAG_ERROR, NULL, "m");
    diag_span(u, d, find(u, 1, "foo"), false, "x");
    diag_span(u, d, find(u, 1, "b"), true, "y");
    expect_human(u, d,
                 "error: m\n"
                 " --> t.rs:1:20\n"
                 "  |\n"
                 "1 |     let v = foo(a, b);\n"
                 "  |             --- x  ^ y\n"
                 "\n");
    db_unit_free(u);
}
END_TEST

/* The picture in rustc's render_source_line comment, label for label. */
START_TEST(three_labels_one_line) {
    DbUnit *u = unit("t.rs", "vec.push(vec.pop().unwrap());\n");
    Diag *d = diag_new(u, DIAG_ERROR, "E0499", "cannot borrow `vec` twice");
    diag_span(u, d, find(u, 1, "vec.push"), false, "previous borrow of `vec` occurs here");
    diag_span(u, d, find(u, 1, "vec.pop"), true, "error occurs here");
    diag_span(u, d, find(u, 1, ");"), false, "previous borrow ends here");
    d->spans[0].span.hi = d->spans[0].span.lo + 3;
    d->spans[1].span.hi = d->spans[1].span.lo + 3;
    d->spans[2].span.hi = d->spans[2].span.lo + 1;
    expect_human(u, d,
                 "error[E0499]: cannot borrow `vec` twice\n"
                 " --> t.rs:1:10\n"
                 "  |\n"
                 "1 | vec.push(vec.pop().unwrap());\n"
                 "  | ---      ^^^               - previous borrow ends here\n"
                 "  | |        |\n"
                 "  | |        error occurs here\n"
                 "  | previous borrow of `vec` occurs here\n"
                 "\n");
    db_unit_free(u);
}
END_TEST

/* rustc's span_overlap_label case: a label inside a longer span hangs. */
START_TEST(nested_spans) {
    DbUnit *u = unit("t.rs", "fn foo(x: u32) {\n}\n");
    Diag *d = diag_new(u, DIAG_ERROR, NULL, "m");
    diag_span(u, d, find(u, 1, "fn foo(x: u32)"), false, "fn_span");
    diag_span(u, d, find(u, 1, "x"), true, "x_span");
    expect_human(u, d,
                 "error: m\n"
                 " --> t.rs:1:8\n"
                 "  |\n"
                 "1 | fn foo(x: u32) {\n"
                 "  | -------^------\n"
                 "  | |      |\n"
                 "  | |      x_span\n"
                 "  | fn_span\n"
                 "\n");
    db_unit_free(u);
}
END_TEST

START_TEST(gaps) {
    DbUnit *u = unit("gap.rs", "fn a() {\n    b();\n    c();\n    d();\n    e();\n}\n");
    /* more than one line between: `...` */
    Diag *d = diag_new(u, DIAG_ERROR, NULL, "far apart");
    diag_span(u, d, find(u, 1, "a"), false, "here");
    diag_span(u, d, find(u, 5, "e"), true, "and here");
    expect_human(u, d,
                 "error: far apart\n"
                 " --> gap.rs:5:5\n"
                 "  |\n"
                 "1 | fn a() {\n"
                 "  |    - here\n"
                 "...\n"
                 "5 |     e();\n"
                 "  |     ^ and here\n"
                 "\n");
    /* exactly one line between: it is shown */
    Diag *d2 = diag_new(u, DIAG_WARNING, NULL, "close");
    diag_span(u, d2, find(u, 2, "b"), true, "one");
    diag_span(u, d2, find(u, 4, "d"), true, "two");
    expect_human(u, d2,
                 "warning: close\n"
                 " --> gap.rs:2:5\n"
                 "  |\n"
                 "2 |     b();\n"
                 "  |     ^ one\n"
                 "3 |     c();\n"
                 "4 |     d();\n"
                 "  |     ^ two\n"
                 "\n");
    ck_assert_int_eq(db_error_count(u), 1);
    ck_assert_int_eq(db_warning_count(u), 1);
    db_unit_free(u);
}
END_TEST

START_TEST(tabs_and_unicode) {
    DbUnit *u = unit("t.rs", "\tlet s = \"é\"; x +;\n");
    Diag *d = diag_error_at(u, find(u, 1, ";"), NULL, "here", "m");
    Diag *d2 = diag_error_at(u, find(u, 1, "+;"), NULL, "there", "m");
    d2->spans[0].span.hi--;
    /* the tab is four columns, `é` one, and the column counts characters */
    expect_human(u, d,
                 "error: m\n"
                 " --> t.rs:1:13\n"
                 "  |\n"
                 "1 |     let s = \"é\"; x +;\n"
                 "  |                ^ here\n"
                 "\n");
    expect_human(u, d2,
                 "error: m\n"
                 " --> t.rs:1:17\n"
                 "  |\n"
                 "1 |     let s = \"é\"; x +;\n"
                 "  |                    ^ there\n"
                 "\n");
    db_unit_free(u);
}
END_TEST

/* Empty spans get one caret; an end-of-file span points past the text; a
 * span over several lines is drawn on its first line. */
START_TEST(empty_and_multiline_spans) {
    DbUnit *u = unit("t.rs", "fn main() {\n    foo(\n}");
    Diag *d = diag_new(u, DIAG_ERROR, NULL, "this file contains an unclosed delimiter");
    diag_span(u, d, find(u, 1, "{"), false, "unclosed delimiter");
    diag_span(u, d, (Span){ u->src.len, u->src.len }, true, NULL);
    expect_human(u, d,
                 "error: this file contains an unclosed delimiter\n"
                 " --> t.rs:3:2\n"
                 "  |\n"
                 "1 | fn main() {\n"
                 "  |           - unclosed delimiter\n"
                 "2 |     foo(\n"
                 "3 | }\n"
                 "  |  ^\n"
                 "\n");
    Diag *m = diag_new(u, DIAG_ERROR, NULL, "long");
    diag_span(u, m, (Span){ find(u, 2, "foo").lo, u->src.len }, true, "spans lines");
    expect_human(u, m,
                 "error: long\n"
                 " --> t.rs:2:5\n"
                 "  |\n"
                 "2 |     foo(\n"
                 "  |     ^^^^ spans lines\n"
                 "\n");
    db_unit_free(u);
}
END_TEST

START_TEST(children_without_spans) {
    DbUnit *u = unit("t.rs", "");
    Diag *d = diag_new(u, DIAG_ERROR, NULL, "no span at all");
    diag_child(u, d, DIAG_NOTE, "first line\nsecond line");
    diag_child(u, d, DIAG_HELP, "try this");
    expect_human(u, d,
                 "error: no span at all\n"
                 "  |\n"
                 "  = note: first line\n"
                 "          second line\n"
                 "  = help: try this\n"
                 "\n");
    Diag *ice = diag_new(u, DIAG_ICE, NULL, "unexpected %s", "state");
    expect_human(u, ice, "error: internal compiler error: unexpected state\n\n");
    Diag *note = diag_new(u, DIAG_NOTE, NULL, "just a note");
    expect_human(u, note, "note: just a note\n\n");
    ck_assert_int_eq(db_error_count(u), 2);
    ck_assert_int_eq(db_warning_count(u), 0);
    db_unit_free(u);
}
END_TEST

START_TEST(suggestion_styles) {
    DbUnit *u = unit("s.rs", "fn main() {\n    let x: i32 = 1;;\n    let y = vec![];\n}\n");
    Diag *d = diag_new(u, DIAG_WARNING, NULL, "unnecessary trailing semicolon");
    Span semi = find(u, 2, ";;");
    diag_span(u, d, (Span){ semi.lo + 1, semi.hi }, true, "help: remove this semicolon");
    diag_suggest(u, d, (Span){ semi.lo + 1, semi.hi }, "", APP_MACHINE_APPLICABLE, "remove this semicolon");
    diag_suggest(u, d, find(u, 2, "i32"), "u64", APP_MAYBE_INCORRECT, "use a wider type");
    diag_suggest(u, d, find(u, 3, "vec![]"), "Vec::new()", APP_MACHINE_APPLICABLE, "use `Vec::new`");
    diag_suggest(u, d, at(find(u, 3, "let")), "// hello\n    ", APP_HAS_PLACEHOLDERS, "add a comment");
    diag_suggest(u, d, at(find(u, 3, "    let")), "    // a whole line\n", APP_HAS_PLACEHOLDERS, "add a line");
    expect_human(u, d,
                 "warning: unnecessary trailing semicolon\n"
                 " --> s.rs:2:20\n"
                 "  |\n"
                 "2 |     let x: i32 = 1;;\n"
                 "  |                    ^ help: remove this semicolon\n"
                 "  |\n"
                 "help: remove this semicolon\n"
                 "  |\n"
                 "2 -     let x: i32 = 1;;\n"
                 "2 +     let x: i32 = 1;\n"
                 "  |\n"
                 "help: use a wider type\n"
                 "  |\n"
                 "2 -     let x: i32 = 1;;\n"
                 "2 +     let x: u64 = 1;;\n"
                 "  |\n"
                 "help: use `Vec::new`\n"
                 "  |\n"
                 "3 -     let y = vec![];\n"
                 "3 +     let y = Vec::new();\n"
                 "  |\n"
                 "help: add a comment\n"
                 "  |\n"
                 "3 ~     // hello\n"
                 "4 ~     let y = vec![];\n"
                 "  |\n"
                 "help: add a line\n"
                 "  |\n"
                 "3 +     // a whole line\n"
                 "  |\n"
                 "\n");
    db_unit_free(u);
}
END_TEST

/* ------------------------------------------- cases checked against rustc */

/* rustc 1.95 on `f(&mut x, &mut x)`: three labels on one line. */
START_TEST(rustc_two_borrows) {
    DbUnit *u = unit("borrow.rs", "fn f(_: &mut i32, _: &mut i32) {}\n"
                                  "fn main() { let mut x = 1; f(&mut x, &mut x); }\n");
    Diag *d = diag_new(u, DIAG_ERROR, "E0499", "cannot borrow `x` as mutable more than once at a time");
    Span first = find(u, 2, "&mut x"), f = find(u, 2, "f(");
    diag_span(u, d, (Span){ first.lo + 8, first.hi + 8 }, true, "second mutable borrow occurs here");
    diag_span(u, d, first, false, "first mutable borrow occurs here");
    diag_span(u, d, (Span){ f.lo, f.lo + 1 }, false, "first borrow later used by call");
    expect_human(u, d,
                 "error[E0499]: cannot borrow `x` as mutable more than once at a time\n"
                 " --> borrow.rs:2:38\n"
                 "  |\n"
                 "2 | fn main() { let mut x = 1; f(&mut x, &mut x); }\n"
                 "  |                            - ------  ^^^^^^ second mutable borrow occurs here\n"
                 "  |                            | |\n"
                 "  |                            | first mutable borrow occurs here\n"
                 "  |                            first borrow later used by call\n"
                 "\n");
    db_unit_free(u);
}
END_TEST

/* rustc 1.95's E0061: touching spans, a note with unlabelled spans, and an
 * insertion suggestion whose marks start at the comma. */
START_TEST(rustc_missing_argument) {
    DbUnit *u = unit("args.rs", "fn foo(a: i32, b: i32) -> i32 {\n    a + b\n}\n\n\n\n"
                                "fn main() {\n    let _ = foo(1);\n}\n");
    Diag *d = diag_new(u, DIAG_ERROR, "E0061", "this function takes 2 arguments but 1 argument was supplied");
    diag_span(u, d, find(u, 8, "foo"), true, NULL);
    diag_span(u, d, find(u, 8, "(1)"), false, "argument #2 of type `%s` is missing", "i32");
    Diag *n = diag_child(u, d, DIAG_NOTE, "function defined here");
    diag_span(u, n, find(u, 1, "foo"), true, NULL);
    diag_span(u, n, find(u, 1, "b: i32"), false, NULL);
    diag_suggest(u, d, at(find(u, 8, ");")), ", /* i32 */", APP_HAS_PLACEHOLDERS, "provide the argument");
    expect_human(u, d,
                 "error[E0061]: this function takes 2 arguments but 1 argument was supplied\n"
                 " --> args.rs:8:13\n"
                 "  |\n"
                 "8 |     let _ = foo(1);\n"
                 "  |             ^^^--- argument #2 of type `i32` is missing\n"
                 "  |\n"
                 "note: function defined here\n"
                 " --> args.rs:1:4\n"
                 "  |\n"
                 "1 | fn foo(a: i32, b: i32) -> i32 {\n"
                 "  |    ^^^         ------\n"
                 "help: provide the argument\n"
                 "  |\n"
                 "8 |     let _ = foo(1, /* i32 */);\n"
                 "  |                  +++++++++++\n"
                 "\n");
    db_unit_free(u);
}
END_TEST

/* `n` copies of `s` appended to b. */
static void repeat(Buf *b, const char *s, int n) {
    for (int i = 0; i < n; i++) buf_puts(b, s);
}

/* rustc cuts code indented by more than ~26 columns, and lines wider than
 * its 140-column window; each expectation is rustc 1.95's output. */
START_TEST(rustc_margins) {
    Buf src = { 0 };
    buf_puts(&src, "fn main() {\n");
    repeat(&src, "    ", 8);
    buf_puts(&src, "let x: i32 = \"s\";\n}\n");
    DbUnit *u = unit("deep.rs", src.s);
    Diag *d = diag_error_at(u, find(u, 2, "\"s\""), "E0308", "expected `i32`, found `&str`", "mismatched types");
    diag_span(u, d, find(u, 2, "i32"), false, "expected due to this");
    expect_human(u, d,
                 "error[E0308]: mismatched types\n"
                 " --> deep.rs:2:46\n"
                 "  |\n"
                 "2 | ...                   let x: i32 = \"s\";\n"
                 "  |                              ---   ^^^ expected `i32`, found `&str`\n"
                 "  |                              |\n"
                 "  |                              expected due to this\n"
                 "\n");
    db_unit_free(u);

    src.len = 0;
    buf_puts(&src, "fn main() { let _v = (");
    repeat(&src, "1, ", 60);
    buf_puts(&src, "undefined_name); }\n");
    u = unit("long.rs", src.s);
    d = diag_error_at(u, find(u, 1, "undefined_name"), "E0425", "not found in this scope",
                      "cannot find value `%s` in this scope", "undefined_name");
    expect_human(u, d,
                 "error[E0425]: cannot find value `undefined_name` in this scope\n"
                 " --> long.rs:1:203\n"
                 "  |\n"
                 "1 | ... 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, undefined_name); }\n"
                 "  |                                                  ^^^^^^^^^^^^^^ not found in this scope\n"
                 "\n");
    db_unit_free(u);

    src.len = 0;
    buf_puts(&src, "fn main() { let _v = (");
    repeat(&src, "1, ", 50);
    buf_puts(&src, "undefined_name");
    repeat(&src, ", 1", 60);
    buf_puts(&src, "); }\n");
    u = unit("cutr.rs", src.s);
    d = diag_error_at(u, find(u, 1, "undefined_name"), "E0425", "not found in this scope",
                      "cannot find value `%s` in this scope", "undefined_name");
    expect_human(u, d,
                 "error[E0425]: cannot find value `undefined_name` in this scope\n"
                 " --> cutr.rs:1:173\n"
                 "  |\n"
                 "1 | ... 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, undefined_name, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,...\n"
                 "  |                                                  ^^^^^^^^^^^^^^ not found in this scope\n"
                 "\n");
    db_unit_free(u);

    /* a span wider than twice the window loses its middle */
    src.len = 0;
    buf_puts(&src, "fn main() {\n    let x: i32 = \"");
    repeat(&src, "a", 300);
    buf_puts(&src, "\";\n}\n");
    u = unit("giveup.rs", src.s);
    Span lit = find(u, 2, "\"a");
    lit.hi = find(u, 2, "a\";").hi - 1;
    d = diag_error_at(u, lit, "E0308", "expected `i32`, found `&str`", "mismatched types");
    diag_span(u, d, find(u, 2, "i32"), false, "expected due to this");
    expect_human(u, d,
                 "error[E0308]: mismatched types\n"
                 " --> giveup.rs:2:18\n"
                 "  |\n"
                 "2 | ...x: i32 = \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\";\n"
                 "  |       ---   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^...^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ expected `i32`, found `&str`\n"
                 "  |       |\n"
                 "  |       expected due to this\n"
                 "\n");
    db_unit_free(u);
    buf_free(&src);
}
END_TEST

/* ------------------------------------------------------------------ colour */

START_TEST(colour_on_and_off) {
    /* the source itself carries an escape sequence */
    DbUnit *u = unit("c.rs", "let s = \"\x1b[31mred\";\n");
    Diag *d = diag_error_at(u, find(u, 1, "red"), "E0308", "a \x1b label", "mismatched \x1b[2J types");
    diag_span(u, d, find(u, 1, "let"), false, "secondary");
    diag_child(u, d, DIAG_NOTE, "a note");
    diag_suggest(u, d, find(u, 1, "red"), "blue", APP_MAYBE_INCORRECT, "say blue");

    Buf off = { 0 }, on = { 0 };
    diag_render_human(u, &off, d, false);
    diag_render_human(u, &on, d, true);
    ck_assert_ptr_null(memchr(off.s, 0x1b, off.len));
    /* control bytes show as their Unicode pictures */
    ck_assert_ptr_nonnull(strstr(off.s, "\xe2\x90\x9b[31mred"));
    ck_assert_ptr_nonnull(strstr(off.s, "mismatched \xe2\x90\x9b[2J types"));

    ck_assert_ptr_nonnull(strstr(on.s, "\x1b[1m\x1b[91merror[E0308]\x1b[0m\x1b[1m: mismatched"));
    ck_assert_ptr_nonnull(strstr(on.s, "\x1b[1m\x1b[94m--> \x1b[0m"));
    ck_assert_ptr_nonnull(strstr(on.s, "\x1b[1m\x1b[94m---\x1b[0m \x1b[1m\x1b[94msecondary\x1b[0m"));
    ck_assert_ptr_nonnull(strstr(on.s, "\x1b[1m\x1b[91m^^^\x1b[0m"));
    ck_assert_ptr_nonnull(strstr(on.s, "\x1b[1m\x1b[96mhelp\x1b[0m"));
    ck_assert_ptr_nonnull(strstr(on.s, "\x1b[92mblue\x1b[0m"));
    /* a replacement shows as a diff: the old text red, the new green */
    ck_assert_ptr_nonnull(strstr(on.s, "\x1b[91m- \x1b[0m"));
    ck_assert_ptr_nonnull(strstr(on.s, "\x1b[91mred\x1b[0m"));
    ck_assert_ptr_nonnull(strstr(on.s, "\x1b[92m+ \x1b[0m"));
    /* the same text once the escapes are gone */
    Buf plain = { 0 };
    for (size_t i = 0; i < on.len; i++) {
        if (on.s[i] == 0x1b) {
            while (i < on.len && on.s[i] != 'm') i++;
            continue;
        }
        buf_putc(&plain, on.s[i]);
    }
    ck_assert_str_eq(plain.s, off.s);
    buf_free(&plain);
    buf_free(&off);
    buf_free(&on);

    Buf w = { 0 };
    Diag *warn = diag_new(u, DIAG_WARNING, NULL, "unused");
    diag_render_human(u, &w, warn, true);
    ck_assert_ptr_nonnull(strstr(w.s, "\x1b[1m\x1b[33mwarning\x1b[0m"));
    buf_free(&w);
    db_unit_free(u);
}
END_TEST

/* -------------------------------------------------------------------- JSON */

START_TEST(json_one_line_each) {
    DbUnit *u = unit("j.rs", "fn main() {\n    let x = 1 +;\n}\n");
    diag_error_at(u, find(u, 2, ";"), NULL, "expected expression", "expected expression");
    Diag *w = diag_new(u, DIAG_WARNING, "DB0001", "multi\nline");
    diag_span(u, w, (Span){ find(u, 1, "{").lo, find(u, 3, "}").hi }, true, NULL);
    diag_new(u, DIAG_ICE, NULL, "boom");
    const char *j = db_render_diagnostics(u, DB_FORMAT_JSON, false);
    ck_assert_int_eq(json_lines(j), 3);
    ck_assert_ptr_nonnull(strstr(j, "\"code\":null,\"level\":\"error\""));
    ck_assert_ptr_nonnull(strstr(j, "\"level\":\"error: internal compiler error\""));
    ck_assert_ptr_nonnull(strstr(j, "\"level\":\"warning\""));
    ck_assert_ptr_nonnull(strstr(j, "\"message\":\"multi\\nline\""));
    /* a multi-line span lists every line it touches */
    ck_assert_ptr_nonnull(strstr(j, "\"line_start\":1,\"line_end\":3,\"column_start\":11,\"column_end\":2,"
                                    "\"is_primary\":true,\"text\":[{\"text\":\"fn main() {\",\"highlight_start\":11,"
                                    "\"highlight_end\":12},{\"text\":\"    let x = 1 +;\",\"highlight_start\":1,"
                                    "\"highlight_end\":17},{\"text\":\"}\",\"highlight_start\":1,\"highlight_end\":2}],"
                                    "\"label\":null"));
    ck_assert_ptr_nonnull(strstr(j, "\"rendered\":\"error: internal compiler error: boom\\n\\n\"}\n"));
    db_unit_free(u);
}
END_TEST

START_TEST(json_escaping) {
    DbUnit *u = unit("q\"uote.rs", "let s = \"\x01\xff\";\n");
    Diag *d = diag_error_at(u, find(u, 1, "\x01\xff"), "E0765", "bad \"\xfe\" byte\n",
                            "say \"hi\"\n\tthen \x01\x7f and \xc3\x28 and \\");
    diag_suggest(u, d, find(u, 1, "\x01"), "\"\n", APP_UNSPECIFIED, "quote");
    Buf b = { 0 };
    diag_render_json(u, &b, d);
    ck_assert_int_eq(json_lines(b.s), 1);
    ck_assert_ptr_nonnull(strstr(b.s, "\"message\":\"say \\\"hi\\\"\\n\\tthen \\u0001\\u007f and \\ufffd( and \\\\\""));
    ck_assert_ptr_nonnull(strstr(b.s, "\"file_name\":\"q\\\"uote.rs\""));
    ck_assert_ptr_nonnull(strstr(b.s, "\"label\":\"bad \\\"\\ufffd\\\" byte\\n\""));
    ck_assert_ptr_nonnull(strstr(b.s, "\"text\":\"let s = \\\"\\u0001\\ufffd\\\";\""));
    ck_assert_ptr_nonnull(strstr(b.s, "\"suggested_replacement\":\"\\\"\\n\",\"suggestion_applicability\":\"Unspecified\""));
    ck_assert_ptr_null(strstr(b.s, "\x01"));
    ck_assert_ptr_null(strstr(b.s, "\xff"));
    /* the human rendering inside stays free of raw control bytes too */
    ck_assert_ptr_nonnull(strstr(b.s, "\"rendered\":\"error[E0765]: say \\\"hi\\\"\\n"));
    buf_free(&b);
    db_unit_free(u);
}
END_TEST

Suite *diag_suite(void) {
    Suite *s = suite_create("diag");
    TCase *human = tcase_create("human");
    tcase_add_test(human, e0038_matches_rustc);
    tcase_add_test(human, e0038_colour_matches_rustc);
    tcase_add_test(human, rustc_two_borrows);
    tcase_add_test(human, rustc_missing_argument);
    tcase_add_test(human, rustc_margins);
    tcase_add_test(human, simple_error);
    tcase_add_test(human, two_labels_hang);
    tcase_add_test(human, two_labels_fit);
    tcase_add_test(human, three_labels_one_line);
    tcase_add_test(human, nested_spans);
    tcase_add_test(human, gaps);
    tcase_add_test(human, tabs_and_unicode);
    tcase_add_test(human, empty_and_multiline_spans);
    tcase_add_test(human, children_without_spans);
    tcase_add_test(human, suggestion_styles);
    tcase_add_test(human, colour_on_and_off);
    suite_add_tcase(s, human);
    TCase *json = tcase_create("json");
    tcase_add_test(json, e0038_json);
    tcase_add_test(json, json_one_line_each);
    tcase_add_test(json, json_escaping);
    suite_add_tcase(s, json);
    return s;
}
