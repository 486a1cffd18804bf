/* main.c — the unit-test runner: every suite in one srunner so the closing
 * summary line ("100%: Checks: N, Failures: 0, Errors: 0") is printed once.
 */
#include "suites.h"

#include <stdlib.h>

int main(void) {
    SRunner *sr = srunner_create(lex_suite());
    srunner_add_suite(sr, parse_suite());
    srunner_add_suite(sr, diag_suite());
    srunner_add_suite(sr, golden_suite());
    srunner_add_suite(sr, check_suite());
    srunner_add_suite(sr, dyn_suite());
    srunner_add_suite(sr, lower_std_suite());
    srunner_add_suite(sr, lower_core_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
