/* test_golden.c — golden front-end programs: the tests/parse programs with `//~`
 * expectations, and every acceptance example parsing cleanly.
 */
#include "golden.h"
#include "suites.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

START_TEST(parse_goldens) {
    Buf problems = { 0 };
    int files = golden_count_files("tests/parse");
    ck_assert_msg(files >= 10, "expected at least 10 golden parse programs, found %d", files);
    int failures = golden_run_dir("tests/parse", DB_PHASE_PARSE, &problems);
    ck_assert_msg(failures == 0, "%d golden file(s) failed:\n%s", failures, problems.s ? problems.s : "");
    buf_free(&problems);
}
END_TEST

static const char *const examples[] = {
    "http_client.rs", "method_scope.rs", "service_stack.rs", "tasks.rs",
    "errors_method_scope.rs", "errors_stable_rules.rs",
};

START_TEST(examples_parse) {
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
        int errors = db_run(u, DB_PHASE_PARSE);
        const char *text = db_render_diagnostics(u, DB_FORMAT_HUMAN, false);
        ck_assert_msg(errors == 0, "%s does not parse:\n%s", examples[i], text);
        /* The dump covers every node without crashing and names the items. */
        const char *ast = db_dump(u, DB_DUMP_AST);
        ck_assert_ptr_nonnull(strstr(ast, " main()"));
        db_unit_free(u);
        free(src);
    }
}
END_TEST

Suite *golden_suite(void) {
    Suite *s = suite_create("golden");
    TCase *tc = tcase_create("front end");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, parse_goldens);
    tcase_add_test(tc, examples_parse);
    suite_add_tcase(s, tc);
    return s;
}
