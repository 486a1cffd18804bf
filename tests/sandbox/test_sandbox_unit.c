/* test_sandbox_unit.c — Check unit tests for dynboxd's parts that need no
 * daemon: the protocol's framing and request parsing (limits included),
 * the verdict rules, and the seccomp filter, built once and loaded into
 * forked children to prove what it allows and what it kills. */
#include "../../runtime/jit.h"
#include "../../server/proto.h"
#include "../../server/sandbox.h"

#include <check.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* ---- framing ------------------------------------------------------------------ */

START_TEST(len_roundtrip)
{
    static const uint32_t values[] = {0, 1, 255, 256, 65536, PROTO_MAX_REQUEST, 0xffffffffu};
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        unsigned char h[4];
        proto_put_len(h, values[i]);
        ck_assert_uint_eq(proto_get_len(h), values[i]);
    }
    unsigned char h[4];
    proto_put_len(h, 0x01020304u);
    ck_assert(h[0] == 1 && h[1] == 2 && h[2] == 3 && h[3] == 4); /* big-endian */
}
END_TEST

START_TEST(encode_frame)
{
    json_t *o = json_pack("{sssi}", "status", "ok", "n", 7);
    char *frame;
    size_t len;
    ck_assert_int_eq(proto_encode(o, &frame, &len), 0);
    uint32_t body = proto_get_len((unsigned char *)frame);
    ck_assert_uint_eq(len, body + 4);
    json_t *back = json_loadb(frame + 4, body, 0, NULL);
    ck_assert(json_equal(o, back));
    json_decref(back);
    json_decref(o);
    free(frame);
}
END_TEST

START_TEST(status_frame_keeps_id)
{
    json_t *id = json_string("abc");
    char *frame;
    size_t len;
    ck_assert_int_eq(proto_status_frame(id, "busy", "full", &frame, &len), 0);
    json_t *o = json_loadb(frame + 4, len - 4, 0, NULL);
    ck_assert_str_eq(json_string_value(json_object_get(o, "id")), "abc");
    ck_assert_str_eq(json_string_value(json_object_get(o, "status")), "busy");
    ck_assert_str_eq(json_string_value(json_object_get(o, "error")), "full");
    json_decref(o);
    json_decref(id);
    free(frame);
}
END_TEST

START_TEST(addresses)
{
    struct sockaddr_storage ss;
    socklen_t len;
    char err[256];
    ck_assert_int_eq(proto_parse_addr("unix:/tmp/x.sock", &ss, &len, err, sizeof err), 0);
    ck_assert_int_eq(ss.ss_family, AF_UNIX);
    ck_assert_str_eq(((struct sockaddr_un *)&ss)->sun_path, "/tmp/x.sock");
    ck_assert_int_eq(proto_parse_addr("tcp:127.0.0.1:8080", &ss, &len, err, sizeof err), 0);
    ck_assert_int_eq(ss.ss_family, AF_INET);
    ck_assert_int_eq(proto_parse_addr("tcp:[::1]:80", &ss, &len, err, sizeof err), 0);
    ck_assert_int_eq(ss.ss_family, AF_INET6);
    ck_assert_int_eq(proto_parse_addr("http://x", &ss, &len, err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "neither"));
    ck_assert_int_eq(proto_parse_addr("tcp:nohost", &ss, &len, err, sizeof err), -1);
    ck_assert_int_eq(proto_parse_addr("unix:", &ss, &len, err, sizeof err), -1);
}
END_TEST

/* ---- requests and limits ---------------------------------------------------------- */

static int parse(const char *json, ProtoRequest *r, char *err, size_t n)
{
    return proto_parse_request(json, strlen(json), r, err, n);
}

START_TEST(request_full)
{
    ProtoRequest r;
    char err[256];
    ck_assert_int_eq(parse("{\"id\":5,\"op\":\"run\",\"code\":\"fn main(){}\","
                           "\"options\":{\"rules\":\"stable\",\"abi\":\"callee\",\"c\":true},"
                           "\"limits\":{\"cpu_ms\":100,\"wall_ms\":200,\"mem_bytes\":1048576,"
                           "\"output_bytes\":10,\"stack_bytes\":65536}}",
                           &r, err, sizeof err),
                     0);
    ck_assert_int_eq(r.op, PROTO_RUN);
    ck_assert_int_eq(json_integer_value(r.id), 5);
    ck_assert_uint_eq(r.code_len, 11);
    ck_assert_int_eq(r.rules, 1);
    ck_assert_int_eq(r.abi, 1);
    ck_assert(r.want_c && !r.want_explain);
    ck_assert_uint_eq(r.limits.cpu_ms, 100);
    ck_assert_uint_eq(r.limits.wall_ms, 200);
    ck_assert_uint_eq(r.limits.mem_bytes, 1048576);
    ck_assert_uint_eq(r.limits.output_bytes, 10);
    ck_assert_uint_eq(r.limits.stack_bytes, 65536);
    proto_request_free(&r);
}
END_TEST

START_TEST(request_defaults)
{
    ProtoRequest r;
    char err[256];
    ck_assert_int_eq(parse("{\"op\":\"compile\",\"code\":\"a\\u0000b\"}", &r, err, sizeof err), 0);
    ck_assert_int_eq(r.op, PROTO_COMPILE);
    ck_assert(json_is_null(r.id));
    ck_assert_uint_eq(r.code_len, 3); /* NUL kept */
    ck_assert_int_eq(r.rules, -1);
    ck_assert_int_eq(r.abi, -1);
    ck_assert_uint_eq(r.limits.cpu_ms, 0); /* 0: the daemon's default */
    proto_request_free(&r);
}
END_TEST

/* Each bad request is refused with a message naming what is wrong. */
START_TEST(request_errors)
{
    static const struct {
        const char *json, *msg;
    } bad[] = {
        {"{", "invalid JSON"},
        {"[1]", "JSON object"},
        {"{\"op\":\"jump\",\"code\":\"\"}", "unknown op `jump`"},
        {"{\"code\":\"\"}", "`op`"},
        {"{\"op\":\"run\"}", "`code` must be a string"},
        {"{\"op\":\"run\",\"code\":1}", "`code` must be a string"},
        {"{\"op\":\"run\",\"code\":\"\",\"options\":3}", "`options` must be an object"},
        {"{\"op\":\"run\",\"code\":\"\",\"options\":{\"rules\":\"x\"}}", "`options.rules`"},
        {"{\"op\":\"run\",\"code\":\"\",\"options\":{\"abi\":1}}", "`options.abi`"},
        {"{\"op\":\"run\",\"code\":\"\",\"options\":{\"c\":1}}", "`options.c`"},
        {"{\"op\":\"run\",\"code\":\"\",\"limits\":[]}", "`limits` must be an object"},
        {"{\"op\":\"run\",\"code\":\"\",\"limits\":{\"cpu_ms\":-1}}", "`limits.cpu_ms`"},
        {"{\"op\":\"run\",\"code\":\"\",\"limits\":{\"wall_ms\":0}}", "`limits.wall_ms`"},
        {"{\"op\":\"run\",\"code\":\"\",\"limits\":{\"mem_bytes\":\"1\"}}", "`limits.mem_bytes`"},
        {"{\"op\":\"run\",\"code\":\"\",\"code\":\"\"}", "invalid JSON"}, /* duplicate key */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ProtoRequest r;
        char err[256] = "";
        ck_assert_msg(parse(bad[i].json, &r, err, sizeof err) == -1, "accepted %s", bad[i].json);
        ck_assert_msg(strstr(err, bad[i].msg) != NULL, "%s: got `%s`", bad[i].json, err);
        proto_request_free(&r);
    }
}
END_TEST

START_TEST(error_keeps_id)
{
    ProtoRequest r;
    char err[256];
    ck_assert_int_eq(parse("{\"id\":\"x\",\"op\":\"nope\"}", &r, err, sizeof err), -1);
    ck_assert_str_eq(json_string_value(r.id), "x");
    proto_request_free(&r);
}
END_TEST

START_TEST(lossy_utf8)
{
    json_t *s = proto_lossy_string("a\xff" "b\xe2\x82", 5);
    ck_assert_str_eq(json_string_value(s), "a\xef\xbf\xbd" "b\xef\xbf\xbd\xef\xbf\xbd");
    json_decref(s);
    s = proto_lossy_string("\xc3\xa9", 2); /* valid é stays */
    ck_assert_str_eq(json_string_value(s), "\xc3\xa9");
    json_decref(s);
    s = proto_lossy_string("\xed\xa0\x80", 3); /* a surrogate is not UTF-8 */
    ck_assert_uint_eq(json_string_length(s), 9);
    json_decref(s);
}
END_TEST

/* ---- verdicts ------------------------------------------------------------------- */

START_TEST(verdict_rules)
{
    SbxObserved o;
    SbxDecision d;
#define OBS(...) (memset(&o, 0, sizeof o), o = (SbxObserved){__VA_ARGS__}, d = sbx_decide(&o))
    OBS(.exited = true, .exit_code = 0);
    ck_assert_int_eq(d.verdict, SBX_V_OK);
    OBS(.exited = true, .exit_code = 3);
    ck_assert_int_eq(d.verdict, SBX_V_OK);
    OBS(.exited = true, .exit_code = SBX_EXIT_PANIC);
    ck_assert_int_eq(d.verdict, SBX_V_PANIC);
    OBS(.exited = true, .exit_code = SBX_EXIT_OOM);
    ck_assert_int_eq(d.verdict, SBX_V_MEMORY);
    OBS(.signal = SIGSYS);
    ck_assert_int_eq(d.verdict, SBX_V_SYSCALL);
    OBS(.signal = SIGXCPU);
    ck_assert_int_eq(d.verdict, SBX_V_TIMEOUT);
    ck_assert_str_eq(d.timeout, "cpu");
    OBS(.signal = SIGKILL, .cpu_us = 3000000, .cpu_limit_us = 100000);
    ck_assert_int_eq(d.verdict, SBX_V_TIMEOUT);
    ck_assert_str_eq(d.timeout, "cpu");
    OBS(.signal = SIGKILL, .killed_wall = true);
    ck_assert_int_eq(d.verdict, SBX_V_TIMEOUT);
    ck_assert_str_eq(d.timeout, "wall");
    OBS(.signal = SIGKILL, .killed_output = true, .output_over = true);
    ck_assert_int_eq(d.verdict, SBX_V_OUTPUT_LIMIT);
    OBS(.signal = SIGSEGV, .stack_mark = true);
    ck_assert_int_eq(d.verdict, SBX_V_CRASHED);
    ck_assert(d.stack_overflow);
    OBS(.signal = SIGSEGV);
    ck_assert_int_eq(d.verdict, SBX_V_CRASHED);
    ck_assert(!d.stack_overflow);
    /* the stack mark cannot turn another signal into an overflow */
    OBS(.signal = SIGABRT, .stack_mark = true);
    ck_assert(!d.stack_overflow);
#undef OBS
    ck_assert_str_eq(sbx_verdict_name(SBX_V_OUTPUT_LIMIT), "output_limit");
    ck_assert_str_eq(sbx_verdict_name(SBX_V_INTERNAL), "internal_error");
    ck_assert_str_eq(sbx_signal_name(SIGSYS), "SIGSYS");
    ck_assert_ptr_null(sbx_signal_name(0));
}
END_TEST

/* ---- the filter ------------------------------------------------------------------- */

static SbxFilter filter;

static void build_filter(void)
{
    char err[256] = "";
    ck_assert_msg(sbx_filter_build(&filter, err, sizeof err) == 0, "%s", err);
}

START_TEST(filter_built)
{
    build_filter();
    ck_assert_uint_gt(filter.count, 10);
    ck_assert_uint_le(filter.count, SBX_MAX_BPF);
    unsigned slots = 0;
    for (uint32_t i = 0; i < filter.count; i++)
        slots += filter.insns[i].k == SBX_PID_SLOT;
    ck_assert_uint_eq(slots, 2); /* tgkill's pid and tid, patched per worker */
    /* the program starts by checking the architecture */
    ck_assert_uint_eq(filter.insns[0].code, BPF_LD | BPF_W | BPF_ABS);
}
END_TEST

/* exit_group itself, as a raw instruction: in SAN=1 builds the sanitizer
 * runtime's exit paths first call sigaltstack, which the filter forbids. */
static _Noreturn void quit(int status)
{
#if defined(__x86_64__)
    __asm__ volatile("syscall" : : "a"((long)SYS_exit_group), "D"((long)status) : "rcx", "r11", "memory");
#else
    syscall(SYS_exit_group, status);
#endif
    __builtin_unreachable();
}

/* Forks, locks the child with the filter and runs `what`; the wait status. */
static int locked_child(int what)
{
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        int devnull = open("/dev/null", O_WRONLY);
        dup2(devnull, 1);
        if (sbx_lock(filter.insns, filter.count) < 0)
            quit(90);
        switch (what) {
        case 0: { /* allowed: write to stdout, memory, clocks, exit (raw calls:
                   * a SAN=1 build's interceptors would add calls of their own) */
            struct timespec ts;
            if (syscall(SYS_write, 1, "x", 1) != 1)
                quit(91);
            long p = syscall(SYS_mmap, NULL, 1 << 20, PROT_READ | PROT_WRITE,
                             MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            if (p == -1)
                quit(92);
            if (syscall(SYS_munmap, p, 1 << 20) != 0 ||
                syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts) != 0)
                quit(97);
            quit(0);
        }
        case 1: /* forbidden: getppid */
            syscall(SYS_getppid);
            quit(93);
        case 2: /* forbidden: an executable mapping */
            mmap(NULL, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            quit(94);
        case 3: /* forbidden: open */
            syscall(SYS_openat, AT_FDCWD, "/etc/passwd", O_RDONLY);
            quit(95);
        case 4: { /* allowed: what abort() does, tgkill on itself */
            long self = syscall(SYS_getpid);
#if defined(__x86_64__)
            __asm__ volatile("syscall" : : "a"((long)SYS_tgkill), "D"(self), "S"(self), "d"((long)SIGABRT)
                             : "rcx", "r11", "memory");
#else
            syscall(SYS_tgkill, self, self, SIGABRT);
#endif
            quit(98);
        }
        case 5: /* forbidden: write to another fd */
            syscall(SYS_write, 3, "x", 1);
            quit(96);
        }
        quit(99);
    }
    int st;
    waitpid(pid, &st, 0);
    return st;
}

START_TEST(filter_enforced)
{
    build_filter();
    int st = locked_child(0);
    ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0, "allowed calls: status %#x", st);
    for (int what = 1; what <= 5; what++) {
        if (what == 4)
            continue;
        st = locked_child(what);
        ck_assert_msg(WIFSIGNALED(st) && WTERMSIG(st) == SIGSYS, "case %d: status %#x", what, st);
    }
    st = locked_child(4);
    ck_assert_msg(WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT, "abort: status %#x", st);
}
END_TEST

/* ---- libtcc opens no file ------------------------------------------------------------ */

START_TEST(jit_no_host_files)
{
    char err[4096];
    JitProgram *p = NULL;
    ck_assert_int_eq(jit_compile("#include <stdio.h>\nint main(void){return 0;}\n", NULL, 0, &p,
                                 err, sizeof err),
                     JIT_ERROR);
    ck_assert_ptr_null(p);
    ck_assert_msg(strstr(err, "main.c:1") != NULL, "%s", err);
    ck_assert_msg(strstr(err, "/usr") == NULL, "host path in `%s`", err);
    ck_assert_int_eq(jit_compile("int f(void){return 7;}\n", NULL, 0, &p, err, sizeof err), JIT_OK);
    ck_assert_int_eq(jit_relocate(p, err, sizeof err), JIT_OK);
    int (*f)(void) = (int (*)(void))jit_entry(p, "f");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f(), 7);
    jit_free(p);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("sandbox_unit");
    TCase *t = tcase_create("proto");
    tcase_add_test(t, len_roundtrip);
    tcase_add_test(t, encode_frame);
    tcase_add_test(t, status_frame_keeps_id);
    tcase_add_test(t, addresses);
    tcase_add_test(t, request_full);
    tcase_add_test(t, request_defaults);
    tcase_add_test(t, request_errors);
    tcase_add_test(t, error_keeps_id);
    tcase_add_test(t, lossy_utf8);
    suite_add_tcase(s, t);
    t = tcase_create("sandbox");
    tcase_add_test(t, verdict_rules);
    tcase_add_test(t, filter_built);
    tcase_add_test(t, filter_enforced);
    tcase_add_test(t, jit_no_host_files);
    suite_add_tcase(s, t);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? 1 : 0;
}
