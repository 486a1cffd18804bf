/* main.c — `dynboxc`, the command-line face of the compiler library: reads a
 * file or stdin, runs the pipeline, prints dumps on stdout and diagnostics on
 * stderr. Exit status as rustc's: 0 clean, 1 errors in the program, 2 usage.
 */
#include "dynbox.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
    "  --json                   with `explain`: the report as JSON (docs/explain.md)\n"
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

int main(int argc, char **argv) {
    const char *command = NULL, *file = NULL, *explain = NULL;
    const char *dump = NULL, *error_format = "human", *color = "auto";
    DbOptions forced = { 0 };
    const char *v;
    bool json_report = false;

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
        } else if (a[0] == '-' && a[1] != 0) {
            return usage_error("unknown option `%s`", a);
        } else if (!command && !dump && (strcmp(a, "check") == 0 || strcmp(a, "explain") == 0)) {
            command = a;
        } else if (!command && !dump && !file && strcmp(a, "emit-c") == 0) {
            command = a;
        } else if (!command && !dump && !file && strcmp(a, "run") == 0) {
            fprintf(stderr, "error: `dynboxc %s` is not available yet in this version "
                            "(use `dynboxc emit-c FILE` and a C compiler)\n", a);
            return EXIT_USAGE;
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
    if (json_report && !explaining) return usage_error("`--json` goes with `dynboxc explain`");

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
    if (dump)
        fputs(db_dump(u, strcmp(dump, "tokens") == 0  ? DB_DUMP_TOKENS
                         : strcmp(dump, "types") == 0 ? DB_DUMP_TYPES
                                                      : DB_DUMP_AST),
              stdout);
    else if (emitting) {
        size_t clen = 0;
        const char *c = db_emit_c(u, &clen);
        if (c) fwrite(c, 1, clen, stdout);
    } else if (explaining) fputs(db_explain_report(u, json_report ? DB_FORMAT_JSON : DB_FORMAT_HUMAN), stdout);
    else db_run(u, DB_PHASE_CHECK);
    /* A token dump needs only the lexer; still report everything it found. */
    if (dump && strcmp(dump, "tokens") == 0) db_run(u, DB_PHASE_PARSE);

    fputs(db_render_diagnostics(u, json ? DB_FORMAT_JSON : DB_FORMAT_HUMAN, use_color && !json), stderr);
    if (!json) fputs(db_render_summary(u, use_color), stderr);
    int status = db_error_count(u) ? EXIT_PROGRAM_ERRORS : EXIT_OK;
    db_unit_free(u);
    return status;
}
