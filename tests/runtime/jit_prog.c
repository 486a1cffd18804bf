/* jit_prog.c — a program written the way the lowering emits one: no
 * #include (rt.h's text comes first), futures as structs with state-switch
 * poll functions, a `.box` site, a spawned task, formatting, a String and a
 * Vec. test_jit.c compiles rt_header_text + this file with libtcc against
 * rt_symbols; runtime/build.mk also builds it natively with ASan + UBSan.
 * Both must print jit_prog.out and leave nothing live. */

/* async fn tick(n: u32) -> u64 { for i in 0..n { sleep(3).await; println!(..) } n as u64 } */
typedef struct Tick {
    rt_u32 state;
    rt_u32 n;
    rt_u32 i;
    RtSleep s;
} Tick;

static rt_i32 tick_poll(void *p, RtContext *cx, void *out) {
    Tick *t = p;
    switch (t->state) {
    case 0: t->i = 0; break;
    case 1: goto await0;
    default: rt_panic_cstr(RT_LOC(2, 1), "`async fn` resumed after completion");
    }
    while (t->i < t->n) {
        t->s = rt_sleep(3);
        t->state = 1;
    await0:
        if (rt_sleep_poll(&t->s, cx, RT_NULL) == RT_PENDING) return RT_PENDING;
        {
            rt_u64 now = rt_now();
            RtStr pieces[3];
            RtArg args[3];
            RtArguments a;
            pieces[0] = RT_STR("tick ");
            pieces[1] = RT_STR("/");
            pieces[2] = RT_STR(" at ");
            args[0].value = &t->i; args[0].fmt = rt_fmt_display_u32; args[0].spec = RT_SPEC_DEFAULT;
            args[1].value = &t->n; args[1].fmt = rt_fmt_display_u32; args[1].spec = RT_SPEC_DEFAULT;
            args[2].value = &now; args[2].fmt = rt_fmt_display_u64; args[2].spec = RT_SPEC_DEFAULT;
            a.pieces = pieces; a.npieces = 3; a.args = args; a.nargs = 3;
            rt_print(RT_STDOUT, &a);
            rt_print_str(RT_STDOUT, RT_STR("ms\n"));
        }
        t->i = rt_add_u32(t->i, 1, RT_LOC(3, 20));
    }
    *(rt_u64 *)out = (rt_u64)t->n;
    t->state = 2;
    return RT_READY;
}

static void tick_drop(void *p) {
    (void)p;
}

static const RtFutVtable tick_vt = {tick_poll, tick_drop, sizeof(Tick), sizeof(rt_u32)};

static RtSite tick_site = {12, 19, "t.tick(2).box", 0, 0};

typedef struct Main {
    rt_u32 state;
    RtJoinHandle h;
    RtBoxFuture b;
    rt_u64 total;
} Main;

static rt_i32 debug_vec_i64(const void *v, RtFormatter *f) {
    const RtVec *vec = v;
    return rt_fmt_debug_slice(vec->ptr, vec->len, sizeof(rt_i64), rt_fmt_debug_i64, f);
}

static void finish(Main *m) {
    RtVec v = rt_vec_new();
    RtString s = rt_string_from_str(RT_STR("héllo"));
    rt_i64 x;
    RtStr pieces[4];
    RtArg args[3];
    RtArguments a;
    rt_f64 ratio = (rt_f64)m->total / 3.0;
    for (x = -2; x <= 2; x++) {
        rt_i64 sq = rt_mul_i64(x, x, RT_LOC(20, 9));
        rt_vec_push(&v, &sq, sizeof(rt_i64), sizeof(rt_i64));
    }
    rt_string_push_str(&s, RT_STR(" wörld"));
    pieces[0] = RT_STR("total ");
    pieces[1] = RT_STR(" ratio ");
    pieces[2] = RT_STR(" squares ");
    pieces[3] = RT_STR("\n");
    args[0].value = &m->total; args[0].fmt = rt_fmt_display_u64;
    args[0].spec.flags = (rt_u32)'*' | RT_FMT_ALIGN_CENTER | RT_FMT_WIDTH; args[0].spec.width = 7; args[0].spec.precision = 0;
    args[1].value = &ratio; args[1].fmt = rt_fmt_display_f64;
    args[1].spec.flags = RT_FMT_DEFAULT | RT_FMT_PRECISION; args[1].spec.width = 0; args[1].spec.precision = 3;
    args[2].value = &v; args[2].fmt = debug_vec_i64; args[2].spec = RT_SPEC_DEFAULT;
    a.pieces = pieces; a.npieces = 4; a.args = args; a.nargs = 3;
    rt_print(RT_STDOUT, &a);
    {
        RtString up = rt_str_to_uppercase(rt_string_as_str(&s));
        RtStr p2[2];
        RtArg a2[2];
        RtArguments b;
        rt_usize chars = rt_str_char_count(rt_string_as_str(&s));
        p2[0] = RT_STR("");
        p2[1] = RT_STR(" has ");
        a2[0].value = &up; a2[0].fmt = rt_fmt_debug_string; a2[0].spec = RT_SPEC_DEFAULT;
        a2[1].value = &chars; a2[1].fmt = rt_fmt_display_usize; a2[1].spec = RT_SPEC_DEFAULT;
        b.pieces = p2; b.npieces = 2; b.args = a2; b.nargs = 2;
        rt_print(RT_STDOUT, &b);
        rt_print_str(RT_STDOUT, RT_STR(" chars\n"));
        rt_string_drop(&up);
    }
    rt_string_drop(&s);
    rt_vec_drop(&v, sizeof(rt_i64), sizeof(rt_i64), RT_NULL);
}

static rt_i32 main_poll(void *p, RtContext *cx, void *out) {
    Main *m = p;
    rt_u64 v;
    (void)out;
    switch (m->state) {
    case 0: {
        Tick t = {0, 3, 0, {0, 0, 0}};
        m->h = rt_spawn(&t, &tick_vt, sizeof(rt_u64), sizeof(rt_u64), RT_NULL);
        m->b = rt_boxfut_new(&tick_vt, &tick_site);
        t.n = 2;
        *(Tick *)m->b.ptr = t;
        m->state = 1;
    }
        /* fall through */
    case 1:
        if (rt_boxfut_poll(&m->b, cx, &v) == RT_PENDING) return RT_PENDING;
        rt_boxfut_drop(&m->b);
        m->total = v;
        m->state = 2;
        /* fall through */
    case 2:
        if (rt_join_poll(&m->h, cx, &v) == RT_PENDING) return RT_PENDING;
        rt_join_drop(&m->h);
        m->total = rt_add_u64(m->total, v, RT_LOC(14, 5));
        finish(m);
        m->state = 3;
        return RT_READY;
    default: rt_panic_cstr(RT_LOC(10, 1), "`async fn` resumed after completion");
    }
}

static void main_drop(void *p) {
    Main *m = p;
    if (m->state == 1) rt_boxfut_drop(&m->b);
    if (m->state != 3) rt_join_drop(&m->h);
}

static const RtFutVtable main_vt = {main_poll, main_drop, sizeof(Main), sizeof(void *)};

void dynbox_main(void);
void dynbox_main(void) {
    Main m = {0, {RT_NULL}, {RT_NULL, RT_NULL}, 0};
    rt_block_on(&m, &main_vt, RT_NULL, RT_LOC(10, 1));
}
