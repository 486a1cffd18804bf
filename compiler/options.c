/* options.c — the `// dynbox: key=value ...` first line that lets a snippet
 * describe its own options (rules, abi). Unknown keys and values are errors,
 * never ignored, so a typo cannot silently change what a shared link means.
 */
#include "internal.h"

#include <string.h>

typedef struct OptionSpec {
    const char *key;
    const char *values[3];
} OptionSpec;

static const OptionSpec specs[] = {
    { "rules", { "method-scope", "stable", NULL } },
    { "abi", { "vtable-size", "callee", NULL } },
};

static bool is_space(char c) { return c == ' ' || c == '\t'; }

static bool word_is(const char *s, size_t n, const char *w) {
    return strlen(w) == n && memcmp(s, w, n) == 0;
}

static void apply(DbUnit *u, int spec, int value, bool *seen) {
    seen[spec] = true;
    if (spec == 0) {
        u->opts.rules = value == 0 ? DB_RULES_METHOD_SCOPE : DB_RULES_STABLE;
        u->opts.rules_set = true;
    } else {
        u->opts.abi = value == 0 ? DB_ABI_VTABLE_SIZE : DB_ABI_CALLEE;
        u->opts.abi_set = true;
    }
}

static void read_pair(DbUnit *u, uint32_t lo, uint32_t hi, bool *seen) {
    const char *t = u->src.text;
    Span sp = { lo, hi };
    uint32_t eq = lo;
    while (eq < hi && t[eq] != '=') eq++;
    if (eq == hi) {
        Diag *d = diag_error_at(u, sp, "DB0001", "expected `key=value`",
                                "malformed option `%.*s` in the `// dynbox:` line",
                                (int)(hi - lo), t + lo);
        diag_child(u, d, DIAG_HELP, "write options as `// dynbox: rules=stable abi=callee`");
        return;
    }
    const char *key = t + lo, *val = t + eq + 1;
    size_t klen = eq - lo, vlen = hi - eq - 1;
    for (int s = 0; s < (int)(sizeof specs / sizeof specs[0]); s++) {
        if (!word_is(key, klen, specs[s].key)) continue;
        if (seen[s]) {
            diag_error_at(u, sp, "DB0001", "set again here",
                          "option `%s` is set twice in the `// dynbox:` line", specs[s].key);
            return;
        }
        for (int v = 0; specs[s].values[v]; v++) {
            if (word_is(val, vlen, specs[s].values[v])) {
                apply(u, s, v, seen);
                return;
            }
        }
        Span vs = { eq + 1, hi };
        Diag *d = diag_error_at(u, vs, "DB0001", "unknown value",
                                "unknown value `%.*s` for option `%s`", (int)vlen, val,
                                specs[s].key);
        diag_child(u, d, DIAG_HELP, "`%s` takes `%s` or `%s`", specs[s].key,
                   specs[s].values[0], specs[s].values[1]);
        return;
    }
    Span ks = { lo, eq };
    Diag *d = diag_error_at(u, ks, "DB0001", "unknown option",
                            "unknown option `%.*s` in the `// dynbox:` line", (int)klen, key);
    diag_child(u, d, DIAG_HELP, "the options are `rules` and `abi`");
}

void options_read(DbUnit *u) {
    if (u->options_read) return;
    u->options_read = true;
    uint32_t lo, hi;
    src_line_range(&u->src, 1, &lo, &hi);
    const char *t = u->src.text;
    static const char prefix[] = "// dynbox:";
    size_t plen = sizeof prefix - 1;
    if (hi - lo >= plen && memcmp(t + lo, prefix, plen) == 0) {
        bool seen[2] = { false, false };
        uint32_t i = lo + (uint32_t)plen;
        while (i < hi) {
            while (i < hi && is_space(t[i])) i++;
            uint32_t start = i;
            while (i < hi && !is_space(t[i])) i++;
            if (i > start) read_pair(u, start, i, seen);
        }
    }
    /* The caller's choices win over the file's line. */
    if (u->forced.rules_set) {
        u->opts.rules = u->forced.rules;
        u->opts.rules_set = true;
    }
    if (u->forced.abi_set) {
        u->opts.abi = u->forced.abi;
        u->opts.abi_set = true;
    }
}
