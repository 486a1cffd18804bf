/* test_lower_std.c — the lowering's standard-library table
 * (compiler/lower_intrinsics.c): every row names a fn the prelude really
 * declares, so a typo or a prelude change cannot silently disable a row. */
#include "suites.h"

#include "lower.h"

#include <string.h>

START_TEST(every_intrinsic_row_matches_a_prelude_fn) {
    static const char src[] = "fn main() {}\n";
    DbUnit *u = db_unit_new("main.rs", src, strlen(src), NULL);
    ck_assert_ptr_nonnull(u);
    db_run(u, DB_PHASE_CHECK);
    ck_assert_int_eq(db_error_count(u), 0);
    const char *bad[16];
    int n = lower_intrinsic_unmatched(u, bad, 16);
    Buf msg = { 0 };
    for (int i = 0; i < n && i < 16; i++) buf_printf(&msg, " %s", bad[i]);
    ck_assert_msg(n == 0, "%d table rows match no prelude fn:%s", n, msg.s ? msg.s : "");
    buf_free(&msg);
    db_unit_free(u);
}
END_TEST

Suite *lower_std_suite(void) {
    Suite *s = suite_create("lowering: std table");
    TCase *tc = tcase_create("table");
    tcase_add_test(tc, every_intrinsic_row_matches_a_prelude_fn);
    suite_add_tcase(s, tc);
    return s;
}
