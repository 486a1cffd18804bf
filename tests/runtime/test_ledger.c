/* test_ledger.c — the allocation ledger: counts and bytes by kind, the
 * per-site table of `.box` allocations, live counts that reach zero after a
 * clean run and show a leak otherwise, alignment, and reset between runs. */
#include "rt_test.h"

#include <stdint.h>
#include <string.h>

START_TEST(ledger_counts_by_kind) {
    rtt_init();
    void *a = rt_alloc(RT_ALLOC_BOX, 24, 8, NULL);
    void *b = rt_alloc(RT_ALLOC_BOX, 8, 8, NULL);
    void *c = rt_alloc(RT_ALLOC_CLOSURE, 40, 8, NULL);
    RtKindStats k;
    rt_host_kind_stats(RT_ALLOC_BOX, &k);
    ck_assert_uint_eq(k.allocs, 2);
    ck_assert_uint_eq(k.bytes, 32);
    ck_assert_uint_eq(k.live_count, 2);
    ck_assert_uint_eq(k.live_bytes, 32);
    ck_assert_uint_eq(rt_host_live_count(), 3);
    ck_assert_uint_eq(rt_host_live_bytes(), 72);
    a = rt_realloc(a, 100);
    rt_host_kind_stats(RT_ALLOC_BOX, &k);
    ck_assert_uint_eq(k.reallocs, 1);
    ck_assert_uint_eq(k.bytes, 108);
    ck_assert_uint_eq(k.live_bytes, 108);
    rt_free(a);
    rt_free(b);
    rt_free(c);
    rt_free(NULL);
    rt_host_kind_stats(RT_ALLOC_BOX, &k);
    ck_assert_uint_eq(k.frees, 2);
    ck_assert_uint_eq(k.live_count, 0);
    ck_assert_uint_eq(rt_host_live_count(), 0);
    ck_assert_uint_eq(rt_host_live_bytes(), 0);
    ck_assert_uint_eq(rt_host_peak_bytes(), 148);
    ck_assert_str_eq(rt_host_kind_name(RT_ALLOC_BOXED_FUTURE), "boxed future");
    ck_assert_str_eq(rt_host_kind_name(RT_ALLOC_TASK), "task");
    ck_assert_str_eq(rt_host_kind_name(99), "unknown");
}
END_TEST

START_TEST(ledger_alignment_and_contents) {
    rtt_init();
    rt_u8 *p = rt_alloc(RT_ALLOC_OTHER, 100, 256, NULL);
    ck_assert_uint_eq((uintptr_t)p % 256, 0);
    for (int i = 0; i < 100; i++) p[i] = (rt_u8)i;
    p = rt_realloc(p, 5000);
    ck_assert_uint_eq((uintptr_t)p % 256, 0);
    for (int i = 0; i < 100; i++) ck_assert_uint_eq(p[i], (rt_u8)i);
    rt_u64 *z = rt_alloc_zeroed(RT_ALLOC_OTHER, 64, 8, NULL);
    for (int i = 0; i < 8; i++) ck_assert_uint_eq(z[i], 0);
    void *e = rt_alloc(RT_ALLOC_OTHER, 0, 1, NULL);   /* counted, unique */
    ck_assert_ptr_nonnull(e);
    ck_assert_uint_eq(rt_host_live_count(), 3);
    rt_free(p);
    rt_free(z);
    rt_free(e);
    ck_assert_uint_eq(rt_host_live_count(), 0);
}
END_TEST

/* Sites as the lowering emits them: one static RtSite per `.box`. */
static RtSite site_a = {12, 9, "client.fetch(url).box", 0, 0};
static RtSite site_b = {20, 17, "dyn_box!(s.call(req))", 0, 0};

static rt_i32 poll_ready(void *fut, RtContext *cx, void *out) {
    (void)fut, (void)cx, (void)out;
    return RT_READY;
}

static void drop_nothing(void *fut) {
    (void)fut;
}

static const RtFutVtable small_fut = {poll_ready, drop_nothing, 48, 8};
static const RtFutVtable big_fut = {poll_ready, drop_nothing, 200, 16};

START_TEST(ledger_per_site_table) {
    for (int run = 0; run < 2; run++) {   /* a second run re-registers the sites */
        rtt_init();
        for (int i = 0; i < 3; i++) {
            RtBoxFuture f = rt_boxfut_new(&small_fut, &site_a);
            rt_boxfut_drop(&f);
            ck_assert_ptr_null(f.ptr);
        }
        RtBoxFuture g = rt_boxfut_new(&big_fut, &site_b);
        ck_assert_uint_eq((uintptr_t)g.ptr % 16, 0);
        rt_boxfut_drop(&g);
        rt_boxfut_drop(&g);   /* a dropped box is empty: dropping again does nothing */
        ck_assert_uint_eq(rt_host_site_count(), 2);
        const RtSiteStats *a = rt_host_site(0), *b = rt_host_site(1);
        ck_assert_uint_eq(a->line, 12);
        ck_assert_uint_eq(a->col, 9);
        ck_assert_str_eq(a->text, "client.fetch(url).box");
        ck_assert_uint_eq(a->allocs, 3);
        ck_assert_uint_eq(a->bytes, 144);
        ck_assert_str_eq(b->text, "dyn_box!(s.call(req))");
        ck_assert_uint_eq(b->allocs, 1);
        ck_assert_uint_eq(b->bytes, 200);
        ck_assert_ptr_null(rt_host_site(2));
        RtKindStats k;
        rt_host_kind_stats(RT_ALLOC_BOXED_FUTURE, &k);
        ck_assert_uint_eq(k.allocs, 4);
        ck_assert_uint_eq(k.frees, 4);
        ck_assert_uint_eq(rt_host_live_count(), 0);
    }
}
END_TEST

static void *leaked;

static void leaky_main(void) {
    leaked = rt_alloc(RT_ALLOC_BOX, 32, 8, NULL);
    RtString s = rt_string_from_str(RT_STR("kept"));
    rt_string_drop(&s);
}

START_TEST(ledger_reports_leaks_after_run) {
    rtt_init();
    ck_assert_int_eq(rt_host_run(leaky_main), 0);
    ck_assert_uint_eq(rt_host_live_count(), 1);
    ck_assert_uint_eq(rt_host_live_bytes(), 32);
    RtKindStats k;
    rt_host_kind_stats(RT_ALLOC_BOX, &k);
    ck_assert_uint_eq(k.live_count, 1);
    rt_free(leaked);
    ck_assert_uint_eq(rt_host_live_count(), 0);
    rt_host_release();
    ck_assert_uint_eq(rt_host_site_count(), 0);
}
END_TEST

Suite *rtt_suite_ledger(void) {
    Suite *s = suite_create("ledger");
    TCase *tc = tcase_create("ledger");
    tcase_add_test(tc, ledger_counts_by_kind);
    tcase_add_test(tc, ledger_alignment_and_contents);
    tcase_add_test(tc, ledger_per_site_table);
    tcase_add_test(tc, ledger_reports_leaks_after_run);
    suite_add_tcase(s, tc);
    return s;
}
