/* main.c — `dynboxc`, the command-line face of the compiler library: reads a
 * file or stdin, runs the pipeline, prints dumps on stdout and diagnostics on
 * stderr. Exit status as rustc's: 0 clean, 1 errors in the program, 2 usage.
 * `dynboxc run` compiles the lowered C with libtcc in memory (runtime/jit.c)
 * and runs it in this process; its exit status is the program's (101 on a
 * panic).
 */
#include "dynbox.h"
#include "jit.h"
#include "rt_host.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum { EXIT_OK = 0, EXIT_PROGRAM_ERRORS = 1, EXIT_USAGE = 2 };

static const char usage_text[] =
    "usage: dynboxc [OPTIONS] COMMAND FILE\n"
    "       dynboxc --dump=tokens|ast|types [OPTIONS] FILE\n"
    "       dynboxc explain FILE [--json] [OPTIONS]\n"
    "       dynboxc --explain CODE\n"
    "\n"
    "Compiles a Rust-subset program with native async fn through `dyn`.\n"
    "FILE may be `-` for standard input.\n"
    "\n"
    "commands:\n"
    "  check FILE               parse (and, as phases land, check) FILE; report diagnostics\n"
    "  emit-c FILE              print the program lowered to C99 (rt.h's declarations first);\n"
    "                           `cc out.c LIBRT` builds a native binary\n"
    "  run FILE [--stats] [--json]\n"
    "                           compile FILE, JIT it with libtcc in memory and run it; the\n"
    "                           exit status is the program's (101 on panic)\n"
    "  explain FILE             every trait's dyn verdict under both rule sets, each method's\n"
    "                           dispatch class and reason, the vtable layout per impl\n"
    "\n"
    "options:\n"
    "  --dump=tokens|ast|types  print a phase's output on stdout\n"
    "  --error-format=human|json\n"
    "                           how diagnostics are printed on stderr (default human)\n"
    "  --color=auto|always|never\n"
    "                           colour human diagnostics (default auto: when stderr is a\n"
    "                           terminal and NO_COLOR is unset)\n"
    "  --rules=method-scope|stable\n"
    "  --abi=vtable-size|callee override the file's `// dynbox:` line\n"
    "  --json                   with `explain`: the report as JSON (docs/explain.md);\n"
    "                           with `run`: the run result as one JSON object on stdout\n"
    "  --stats                  with `run`: print the allocation ledger on stderr at exit\n"
    "  --explain CODE           print the long explanation of an error code\n"
    "  -h, --help               this text\n"
    "  -V, --version            the compiler version\n";

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int usage_error(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("error: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\n\nFor usage, try `dynboxc --help`.\n", stderr);
    return EXIT_USAGE;
}

/* Reads all of `f`; sets *len. NULL with errno set on failure. */
static char *read_all(FILE *f, size_t *len) {
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    if (!buf) return NULL;
    for (;;) {
        if (n == cap) {
            cap *= 2;
            char *nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                return NULL;
            }
            buf = nb;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) break;
    }
    if (ferror(f)) {
        free(buf);
        errno = EIO;
        return NULL;
    }
    *len = n;
    return buf;
}

static bool option_value(const char *arg, const char *name, const char **value) {
    size_t n = strlen(name);
    if (strncmp(arg, name, n) != 0 || arg[n] != '=') return false;
    *value = arg + n + 1;
    return true;
}

/* ---- dynboxc run -------------------------------------------------------- */

/* What `run` reports at exit; a static because a panic ends the program
 * through the runtime's on_exit hook, which gets no other context. */
static struct {
    bool json, stats;
    uint64_t compile_ns, tcc_ns;
    uint64_t run_start_ns; /* when the entry was called (the `run` timing) */
} run_report;

static uint64_t now_ns(void);

/* Writes bytes as a JSON string: control characters escaped, invalid
 * UTF-8 (output cut at the cap mid-character) replaced by U+FFFD. */
static void json_put_string(FILE *o, const unsigned char *p, size_t n) {
    fputc('"', o);
    for (size_t i = 0; i < n;) {
        unsigned char c = p[i];
        if (c == '"' || c == '\\') fprintf(o, "\\%c", c), i++;
        else if (c == '\n') fputs("\\n", o), i++;
        else if (c == '\t') fputs("\\t", o), i++;
        else if (c < 0x20 || c == 0x7f) fprintf(o, "\\u%04x", c), i++;
        else if (c < 0x80) fputc(c, o), i++;
        else {
            size_t len = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 0;
            bool ok = len && c < 0xf5 && i + len <= n;
            for (size_t k = 1; ok && k < len; k++) ok = (p[i + k] & 0xc0) == 0x80;
            if (ok) fwrite(p + i, 1, len, o), i += len;
            else fputs("\\ufffd", o), i++;
        }
    }
    fputc('"', o);
}

static void json_put_cstring(FILE *o, const char *s) {
    json_put_string(o, (const unsigned char *)s, strlen(s));
}

/* The ledger as a table on stderr: one row per allocation kind, then the
 * `.box` sites, then what is still live. */
static void print_ledger(FILE *o) {
    fprintf(o, "ledger: %-13s %8s %8s %8s %10s %6s %10s\n", "kind", "allocs", "reallocs", "frees", "bytes",
            "live", "live bytes");
    for (rt_u32 k = 0; k < RT_ALLOC_KINDS; k++) {
        RtKindStats st;
        rt_host_kind_stats(k, &st);
        fprintf(o, "        %-13s %8llu %8llu %8llu %10llu %6llu %10llu\n", rt_host_kind_name(k),
                (unsigned long long)st.allocs, (unsigned long long)st.reallocs, (unsigned long long)st.frees,
                (unsigned long long)st.bytes, (unsigned long long)st.live_count,
                (unsigned long long)st.live_bytes);
    }
    rt_usize nsites = rt_host_site_count();
    if (nsites) fprintf(o, "sites:  %-13s %8s %10s  %s\n", "line:col", "allocs", "bytes", "call");
    for (rt_usize i = 0; i < nsites; i++) {
        const RtSiteStats *st = rt_host_site(i);
        char at[32];
        snprintf(at, sizeof at, "%u:%u", st->line, st->col);
        fprintf(o, "        %-13s %8llu %10llu  %s\n", at, (unsigned long long)st->allocs,
                (unsigned long long)st->bytes, st->text ? st->text : "");
    }
    fprintf(o, "live at exit: %llu allocation%s, %llu bytes; peak %llu bytes\n",
            (unsigned long long)rt_host_live_count(), rt_host_live_count() == 1 ? "" : "s",
            (unsigned long long)rt_host_live_bytes(), (unsigned long long)rt_host_peak_bytes());
}

static void json_put_ledger(FILE *o) {
    fputs("{\"kinds\":[", o);
    for (rt_u32 k = 0; k < RT_ALLOC_KINDS; k++) {
        RtKindStats st;
        rt_host_kind_stats(k, &st);
        fprintf(o, "%s{\"kind\":", k ? "," : "");
        json_put_cstring(o, rt_host_kind_name(k));
        fprintf(o, ",\"allocs\":%llu,\"reallocs\":%llu,\"frees\":%llu,\"bytes\":%llu,\"live_count\":%llu,"
                   "\"live_bytes\":%llu}",
                (unsigned long long)st.allocs, (unsigned long long)st.reallocs, (unsigned long long)st.frees,
                (unsigned long long)st.bytes, (unsigned long long)st.live_count,
                (unsigned long long)st.live_bytes);
    }
    fputs("],\"sites\":[", o);
    for (rt_usize i = 0; i < rt_host_site_count(); i++) {
        const RtSiteStats *st = rt_host_site(i);
        fprintf(o, "%s{\"line\":%u,\"col\":%u,\"text\":", i ? "," : "", st->line, st->col);
        json_put_cstring(o, st->text ? st->text : "");
        fprintf(o, ",\"allocs\":%llu,\"bytes\":%llu}", (unsigned long long)st->allocs,
                (unsigned long long)st->bytes);
    }
    fprintf(o, "],\"live_count\":%llu,\"live_bytes\":%llu,\"peak_bytes\":%llu}",
            (unsigned long long)rt_host_live_count(), (unsigned long long)rt_host_live_bytes(),
            (unsigned long long)rt_host_peak_bytes());
}

/* The run result object (docs: `dynboxc --help`): status, exit code, the
 * output kept by the runtime, its events with virtual times, the ledger. */
static void json_put_result(FILE *o, int status) {
    rt_usize out_len = 0, err_len = 0, nev = 0;
    const rt_u8 *out = rt_host_output(RT_STDOUT, &out_len);
    const rt_u8 *err = rt_host_output(RT_STDERR, &err_len);
    const RtOutputEvent *ev = rt_host_events(&nev);
    fprintf(o, "{\"status\":\"%s\",\"exit_code\":%d,\"stdout\":", status == 0 ? "ok" : "panicked", status);
    json_put_string(o, out, out_len);
    fputs(",\"stderr\":", o);
    json_put_string(o, err, err_len);
    fprintf(o, ",\"output_truncated\":%s,\"virtual_ms\":%llu,\"events\":[",
            rt_host_output_truncated() ? "true" : "false", (unsigned long long)rt_host_now());
    for (rt_usize i = 0; i < nev; i++) {
        const rt_u8 *base = ev[i].stream == RT_STDOUT ? out : err;
        rt_usize blen = ev[i].stream == RT_STDOUT ? out_len : err_len;
        rt_usize at = ev[i].offset < blen ? ev[i].offset : blen;
        rt_usize len = ev[i].len < blen - at ? ev[i].len : blen - at;
        fprintf(o, "%s{\"stream\":\"%s\",\"time_ms\":%llu,\"text\":", i ? "," : "",
                ev[i].stream == RT_STDOUT ? "stdout" : "stderr", (unsigned long long)ev[i].time_ms);
        json_put_string(o, base + at, len);
        fputc('}', o);
    }
    /* run: the program itself, from the entry call to its end (or panic) */
    fprintf(o, "],\"timings_us\":{\"compile\":%llu,\"tcc\":%llu,\"run\":%llu},\"ledger\":",
            (unsigned long long)(run_report.compile_ns / 1000), (unsigned long long)(run_report.tcc_ns / 1000),
            (unsigned long long)((now_ns() - run_report.run_start_ns) / 1000));
    json_put_ledger(o);
    fputs("}\n", o);
}

/* Everything `run` prints once the program has ended, normally or by a
 * panic (then from the runtime's on_exit hook, after the output flush). */
static void report_run_end(int status, void *ctx) {
    (void)ctx;
    if (run_report.json) json_put_result(stdout, status);
    if (run_report.stats) print_ledger(stderr);
    if (status == 0 && rt_host_live_count() && !run_report.json)
        fprintf(stderr, "error: the program leaked %llu allocation%s (%llu bytes) still live at exit\n",
                (unsigned long long)rt_host_live_count(), rt_host_live_count() == 1 ? "" : "s",
                (unsigned long long)rt_host_live_bytes());
    fflush(stdout);
    fflush(stderr);
}

static uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* `dynboxc run`: compile, JIT, run in this process. Compile errors are
 * reported like `check`'s (status 1); the program's own status otherwise. */
static int run_program(DbUnit *u, bool json_result, bool stats, bool json_diags, bool color) {
    uint64_t t0 = now_ns();
    size_t clen = 0;
    const char *c = db_emit_c(u, &clen);
    fputs(db_render_diagnostics(u, json_diags ? DB_FORMAT_JSON : DB_FORMAT_HUMAN, color), stderr);
    if (!c) {
        if (!json_diags) fputs(db_render_summary(u, color), stderr);
        if (json_result) puts("{\"status\":\"compile_error\",\"exit_code\":1}");
        db_unit_free(u);
        return EXIT_PROGRAM_ERRORS;
    }
    run_report.json = json_result;
    run_report.stats = stats;
    run_report.compile_ns = now_ns() - t0;
    /* the lowering's output is NUL-terminated C text that starts with rt.h */
    char *text = malloc(clen + 1);
    if (!text) {
        fputs("error: out of memory\n", stderr);
        db_unit_free(u);
        return EXIT_PROGRAM_ERRORS;
    }
    memcpy(text, c, clen);
    text[clen] = 0;
    db_unit_free(u);

    uint64_t t1 = now_ns();
    static char err[16 * 1024];
    JitProgram *p = NULL;
    int rc = jit_compile_dynbox(text, &p, err, sizeof err);
    free(text);
    if (rc == JIT_OK) rc = jit_relocate(p, err, sizeof err);
    void (*entry)(void) = rc == JIT_OK ? (void (*)(void))jit_entry(p, JIT_DYNBOX_ENTRY) : NULL;
    run_report.tcc_ns = now_ns() - t1;
    if (!entry) {
        /* the lowering produced C that libtcc rejects: a compiler bug */
        fprintf(stderr, "error: internal compiler error: the generated C does not compile with libtcc\n%s%s",
                rc == JIT_OK ? "no `dynbox_main` in the generated C" : err, rc == JIT_OK ? "\n" : "");
        if (json_result) puts("{\"status\":\"internal_error\",\"exit_code\":1}");
        jit_free(p);
        return EXIT_PROGRAM_ERRORS;
    }

    RtConfig cfg = { 0 };
    cfg.write_fds = !json_result;
    cfg.on_exit = report_run_end;
    fflush(stdout);
    fflush(stderr);
    rt_host_init(&cfg);
    run_report.run_start_ns = now_ns();
    rt_host_run(entry); /* a panic exits from inside, after report_run_end */
    rt_host_flush();
    report_run_end(0, NULL);
    jit_free(p);
    rt_host_release();
    return EXIT_OK;
}

/* explain: the boxed slots' future sizes, by compiling the lowered program
 * with libtcc as `run` would and reading the table the probe appends. */
static void explain_layouts(DbUnit *u) {
    const char *c = db_explain_layout_probe(u);
    if (!c) return;
    JitProgram *p = NULL;
    char err[512] = "";
    if (jit_compile_dynbox(c, &p, err, sizeof err) != JIT_OK || jit_relocate(p, err, sizeof err) != JIT_OK) {
        db_explain_set_layouts(u, NULL, err);
    } else {
        db_explain_set_layouts(u, jit_entry(p, DB_LAYOUT_TABLE), "the table is missing");
    }
    jit_free(p);
}

int main(int argc, char **argv) {
    const char *command = NULL, *file = NULL, *explain = NULL;
    const char *dump = NULL, *error_format = "human", *color = "auto";
    DbOptions forced = { 0 };
    const char *v;
    bool json_report = false, stats = false;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(usage_text, stdout);
            return EXIT_OK;
        } else if (strcmp(a, "-V") == 0 || strcmp(a, "--version") == 0) {
            printf("dynboxc %s\n", DB_VERSION);
            return EXIT_OK;
        } else if (strcmp(a, "--explain") == 0) {
            if (i + 1 >= argc) return usage_error("`--explain` needs an error code");
            explain = argv[++i];
        } else if (option_value(a, "--explain", &v)) {
            explain = v;
        } else if (option_value(a, "--dump", &v)) {
            if (strcmp(v, "tokens") && strcmp(v, "ast") && strcmp(v, "types"))
                return usage_error("unknown dump `%s` (expected `tokens`, `ast` or `types`)", v);
            dump = v;
        } else if (option_value(a, "--error-format", &v)) {
            if (strcmp(v, "human") && strcmp(v, "json"))
                return usage_error("unknown error format `%s` (expected `human` or `json`)", v);
            error_format = v;
        } else if (option_value(a, "--color", &v)) {
            if (strcmp(v, "auto") && strcmp(v, "always") && strcmp(v, "never"))
                return usage_error("unknown color setting `%s` (expected `auto`, `always` or `never`)", v);
            color = v;
        } else if (option_value(a, "--rules", &v)) {
            if (strcmp(v, "method-scope") == 0) forced.rules = DB_RULES_METHOD_SCOPE;
            else if (strcmp(v, "stable") == 0) forced.rules = DB_RULES_STABLE;
            else return usage_error("unknown rules `%s` (expected `method-scope` or `stable`)", v);
            forced.rules_set = true;
        } else if (option_value(a, "--abi", &v)) {
            if (strcmp(v, "vtable-size") == 0) forced.abi = DB_ABI_VTABLE_SIZE;
            else if (strcmp(v, "callee") == 0) forced.abi = DB_ABI_CALLEE;
            else return usage_error("unknown abi `%s` (expected `vtable-size` or `callee`)", v);
            forced.abi_set = true;
        } else if (strcmp(a, "--json") == 0) {
            json_report = true;
        } else if (strcmp(a, "--stats") == 0) {
            stats = true;
        } else if (a[0] == '-' && a[1] != 0) {
            return usage_error("unknown option `%s`", a);
        } else if (!command && !dump && (strcmp(a, "check") == 0 || strcmp(a, "explain") == 0)) {
            command = a;
        } else if (!command && !dump && !file && strcmp(a, "emit-c") == 0) {
            command = a;
        } else if (!command && !dump && !file && strcmp(a, "run") == 0) {
            command = a;
        } else if (!file) {
            file = a;
        } else {
            return usage_error("unexpected argument `%s`", a);
        }
    }

    if (explain) {
        const char *text = db_explain(explain);
        if (!text) {
            fprintf(stderr, "error: %s is not a valid error code\n", explain);
            return EXIT_PROGRAM_ERRORS;
        }
        fputs(text, stdout);
        return EXIT_OK;
    }
    if (!command && !dump) {
        if (file) return usage_error("unknown command `%s` (try `dynboxc check FILE`)", file);
        return usage_error("no command given");
    }
    if (!file) return usage_error("no input file given");
    bool explaining = command && strcmp(command, "explain") == 0;
    bool emitting = command && strcmp(command, "emit-c") == 0;
    bool running = command && strcmp(command, "run") == 0;
    if (json_report && !explaining && !running)
        return usage_error("`--json` goes with `dynboxc explain` or `dynboxc run`");
    if (stats && !running) return usage_error("`--stats` goes with `dynboxc run`");

    bool use_color = strcmp(color, "always") == 0 ||
                     (strcmp(color, "auto") == 0 && isatty(2) && !getenv("NO_COLOR") &&
                      !(getenv("TERM") && strcmp(getenv("TERM"), "dumb") == 0));
    bool json = strcmp(error_format, "json") == 0;

    bool from_stdin = strcmp(file, "-") == 0;
    FILE *f = from_stdin ? stdin : fopen(file, "rb");
    size_t len = 0;
    char *src = f ? read_all(f, &len) : NULL;
    if (!src) {
        fprintf(stderr, "error: couldn't read `%s`: %s\n", file, strerror(errno));
        if (f && !from_stdin) fclose(f);
        return EXIT_PROGRAM_ERRORS;
    }
    if (!from_stdin) fclose(f);
    if (len > DB_MAX_SOURCE) {
        fprintf(stderr, "error: `%s` is %zu bytes; dynbox accepts programs up to %d KiB\n",
                file, len, DB_MAX_SOURCE / 1024);
        free(src);
        return EXIT_PROGRAM_ERRORS;
    }

    DbUnit *u = db_unit_new(from_stdin ? "<stdin>" : file, src, len, &forced);
    free(src);
    if (!u) {
        fputs("error: out of memory\n", stderr);
        return EXIT_PROGRAM_ERRORS;
    }
    if (running) return run_program(u, json_report, stats, json, use_color && !json);
    if (dump)
        fputs(db_dump(u, strcmp(dump, "tokens") == 0  ? DB_DUMP_TOKENS
                         : strcmp(dump, "types") == 0 ? DB_DUMP_TYPES
                                                      : DB_DUMP_AST),
              stdout);
    else if (emitting) {
        size_t clen = 0;
        const char *c = db_emit_c(u, &clen);
        if (c) fwrite(c, 1, clen, stdout);
    } else if (explaining) {
        explain_layouts(u);
        fputs(db_explain_report(u, json_report ? DB_FORMAT_JSON : DB_FORMAT_HUMAN), stdout);
    }
    else db_run(u, DB_PHASE_CHECK);
    /* A token dump needs only the lexer; still report everything it found. */
    if (dump && strcmp(dump, "tokens") == 0) db_run(u, DB_PHASE_PARSE);

    fputs(db_render_diagnostics(u, json ? DB_FORMAT_JSON : DB_FORMAT_HUMAN, use_color && !json), stderr);
    if (!json) fputs(db_render_summary(u, use_color), stderr);
    int status = db_error_count(u) ? EXIT_PROGRAM_ERRORS : EXIT_OK;
    db_unit_free(u);
    return status;
}
