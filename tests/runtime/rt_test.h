/* rt_test.h — what the runtime's Check tests share: a fresh runtime per
 * test with output kept in memory, comparing that output, and expecting a
 * panic (the runtime exits the forked test process; its exit hook checks
 * stderr and turns a match into exit status 101). */
#ifndef DYNBOX_RT_TEST_H
#define DYNBOX_RT_TEST_H

#include <check.h>

#include "rt_host.h"

/* Resets the runtime: output in memory only, no exit hook. */
void rtt_init(void);
/* The stream's bytes so far as a NUL-terminated copy (freed at next call). */
const char *rtt_output(rt_u32 stream);
/* Expects the code that follows to panic with exactly this stderr (the
 * "thread 'main' panicked at" block); register such tests with
 * tcase_add_exit_test(tc, fn, 101). stdout_want may be NULL (not checked). */
void rtt_expect_panic(const char *stderr_want, const char *stdout_want);
/* The standard panic block for main.rs:line:col. */
const char *rtt_panic_text(rt_u32 line, rt_u32 col, const char *msg);
/* Reads a file of the source tree (tests run from the project root). */
char *rtt_read_file(const char *path, size_t *len);

#define ck_assert_output(stream, want) ck_assert_str_eq(rtt_output(stream), (want))

Suite *rtt_suite_fmt(void);
Suite *rtt_suite_arith(void);
Suite *rtt_suite_string(void);
Suite *rtt_suite_vec(void);
Suite *rtt_suite_ledger(void);
Suite *rtt_suite_exec(void);
Suite *rtt_suite_jit(void);

#endif
