/* test_main.c — runs the runtime's Check suites, and the helpers of
 * rt_test.h. Run from the project root (the goldens are read from
 * tests/runtime/). */
#include "rt_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *out_copy;

void rtt_init(void) {
    RtConfig cfg;
    memset(&cfg, 0, sizeof cfg);
    rt_host_init(&cfg);
}

const char *rtt_output(rt_u32 stream) {
    rt_usize n;
    const rt_u8 *p = rt_host_output(stream, &n);
    free(out_copy);
    out_copy = malloc(n + 1);
    if (n) memcpy(out_copy, p, n);
    out_copy[n] = 0;
    return out_copy;
}

static const char *want_err, *want_out;

static int same(rt_u32 stream, const char *want) {
    rt_usize n;
    const rt_u8 *p = rt_host_output(stream, &n);
    return n == strlen(want) && memcmp(p, want, n) == 0;
}

static void dump(const char *label, rt_u32 stream, const char *want) {
    rt_usize n;
    const rt_u8 *p = rt_host_output(stream, &n);
    fprintf(stderr, "%s: want\n%s\n--- got\n%.*s\n---\n", label, want, (int)n, (const char *)p);
}

static void on_exit_check(int status, void *ctx) {
    (void)ctx;
    int ok = status == 101 && same(RT_STDERR, want_err) && (!want_out || same(RT_STDOUT, want_out));
    if (!ok) {
        fprintf(stderr, "exit status %d\n", status);
        dump("stderr", RT_STDERR, want_err);
        if (want_out) dump("stdout", RT_STDOUT, want_out);
        _exit(1);
    }
    _exit(101);
}

void rtt_expect_panic(const char *stderr_want, const char *stdout_want) {
    RtConfig cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.on_exit = on_exit_check;
    rt_host_init(&cfg);
    want_err = stderr_want;
    want_out = stdout_want;
}

const char *rtt_panic_text(rt_u32 line, rt_u32 col, const char *msg) {
    static char buf[4096];
    snprintf(buf, sizeof buf,
             "thread 'main' panicked at main.rs:%u:%u:\n%s\n"
             "note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n",
             line, col, msg);
    return buf;
}

char *rtt_read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap + 1);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) buf = realloc(buf, (cap *= 2) + 1);
    }
    fclose(f);
    buf[n] = 0;
    if (len) *len = n;
    return buf;
}

int main(void) {
    SRunner *sr = srunner_create(rtt_suite_fmt());
    srunner_add_suite(sr, rtt_suite_arith());
    srunner_add_suite(sr, rtt_suite_string());
    srunner_add_suite(sr, rtt_suite_vec());
    srunner_add_suite(sr, rtt_suite_ledger());
    srunner_add_suite(sr, rtt_suite_exec());
    srunner_add_suite(sr, rtt_suite_jit());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
