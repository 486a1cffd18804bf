/* suites.h — every Check suite of the unit-test runner, one per file. */
#ifndef DYNBOX_TEST_SUITES_H
#define DYNBOX_TEST_SUITES_H

#include <check.h>

Suite *lex_suite(void);
Suite *parse_suite(void);
Suite *diag_suite(void);
Suite *golden_suite(void);
Suite *check_suite(void);
Suite *dyn_suite(void);
Suite *lower_std_suite(void);
Suite *lower_core_suite(void);

#endif
