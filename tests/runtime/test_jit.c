/* test_jit.c — the header and symbol table as libtcc uses them: jit_prog.c
 * compiled in memory after rt_header_text with no include path, linked
 * only through rt_symbols, run under the runtime; and the table itself. */
#include "rt_test.h"

#include <stdlib.h>
#include <string.h>

#include "jit.h"

START_TEST(jit_runs_program_against_header_and_symbols) {
    char *prog = rtt_read_file("tests/runtime/jit_prog.c", NULL);
    char *want = rtt_read_file("tests/runtime/jit_prog.out", NULL);
    ck_assert_msg(prog && want, "run from the project root");
    size_t n = rt_header_len + strlen(prog);
    char *text = malloc(n + 1);
    memcpy(text, rt_header_text, rt_header_len);
    strcpy(text + rt_header_len, prog);
    JitProgram *p = NULL;
    char err[4096];
    int rc = jit_compile(text, (const JitSymbol *)rt_symbols, rt_symbols_count, &p, err, sizeof err);
    ck_assert_msg(rc == JIT_OK, "jit_compile: %s", err);
    rc = jit_relocate(p, err, sizeof err);
    ck_assert_msg(rc == JIT_OK, "jit_relocate: %s", err);
    void (*entry)(void) = (void (*)(void))jit_entry(p, "dynbox_main");
    ck_assert_ptr_nonnull(entry);
    rtt_init();
    rt_host_run(entry);
    ck_assert_output(RT_STDOUT, want);
    ck_assert_uint_eq(rt_host_live_count(), 0);
    ck_assert_uint_eq(rt_host_site_count(), 1);
    ck_assert_str_eq(rt_host_site(0)->text, "t.tick(2).box");
    /* the site's text was copied: the program's memory can go first */
    jit_free(p);
    ck_assert_str_eq(rt_host_site(0)->text, "t.tick(2).box");
    free(text);
    free(prog);
    free(want);
}
END_TEST

/* A program referencing a function rt.h does not declare fails to link:
 * nothing but the table reaches the program. */
START_TEST(jit_links_only_the_table) {
    const char *tail = "int puts(const char *);\nvoid dynbox_main(void);\nvoid dynbox_main(void) { puts(\"x\"); }\n";
    size_t n = rt_header_len + strlen(tail);
    char *text = malloc(n + 1);
    memcpy(text, rt_header_text, rt_header_len);
    strcpy(text + rt_header_len, tail);
    JitProgram *p = NULL;
    char err[4096];
    ck_assert_int_eq(jit_compile(text, (const JitSymbol *)rt_symbols, rt_symbols_count, &p, err, sizeof err), JIT_OK);
    ck_assert_int_eq(jit_relocate(p, err, sizeof err), JIT_ERROR);
    ck_assert_msg(strstr(err, "puts") != NULL, "%s", err);
    jit_free(p);
    free(text);
}
END_TEST

static int has_symbol(const char *name) {
    for (rt_usize i = 0; i < rt_symbols_count; i++)
        if (!strcmp(rt_symbols[i].name, name)) return 1;
    return 0;
}

START_TEST(symbol_table_is_complete_and_unique) {
    ck_assert_uint_gt(rt_symbols_count, 600);
    for (rt_usize i = 0; i < rt_symbols_count; i++) {
        ck_assert_ptr_nonnull(rt_symbols[i].addr);
        for (rt_usize j = i + 1; j < rt_symbols_count; j++) ck_assert_str_ne(rt_symbols[i].name, rt_symbols[j].name);
    }
    /* plain declarations, RT_NORETURN ones, macro families, objects */
    static const char *const some[] = {"rt_alloc", "rt_panic_fmt", "rt_assert_cmp_failed", "rt_add_i8",
                                       "rt_f32_to_usize", "rt_wrapping_abs_isize", "rt_fmt_upper_exp_u16",
                                       "rt_fmt_debug_f32", "rt_boxfut_vtable", "rt_join_vtable", "rt_now",
                                       "rt_parse_f64", "rt_split_next", "memcpy", "memset"};
    for (size_t i = 0; i < sizeof some / sizeof some[0]; i++) ck_assert_msg(has_symbol(some[i]), "%s", some[i]);
    ck_assert_ptr_eq(rt_symbols[0].addr, (const void *)rt_alloc);
    ck_assert_uint_eq(strlen(rt_header_text), rt_header_len);
    ck_assert_ptr_nonnull(strstr(rt_header_text, "#define DYNBOX_RT_H"));
}
END_TEST

Suite *rtt_suite_jit(void) {
    Suite *s = suite_create("jit");
    TCase *tc = tcase_create("jit");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, jit_runs_program_against_header_and_symbols);
    tcase_add_test(tc, jit_links_only_the_table);
    tcase_add_test(tc, symbol_table_is_complete_and_unique);
    suite_add_tcase(s, tc);
    return s;
}
