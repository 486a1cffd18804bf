/* explain.c — the error index: the long explanation behind every error code
 * dynbox emits (`dynboxc --explain CODE`, and `code.explanation` in JSON).
 * rustc's codes keep rustc's meaning; DB codes are dynbox's own.
 */
#include "dynbox.h"

#include <string.h>

typedef struct Explanation {
    const char *code;
    const char *text;
} Explanation;

static const Explanation index_[] = {
    { "DB0001",
      "An option in the `// dynbox:` line is unknown or malformed.\n"
      "\n"
      "A program's first line may set its own options so that a shared snippet\n"
      "describes itself. Only `rules` and `abi` exist, each with two values:\n"
      "\n"
      "```\n"
      "// dynbox: rules=stable abi=callee\n"
      "```\n"
      "\n"
      "- `rules=method-scope` (default): the proposal's method-scope dyn\n"
      "  compatibility; `rules=stable`: rustc 1.95's rules.\n"
      "- `abi=vtable-size` (default): the caller allocates the future using the\n"
      "  size stored in the vtable; `abi=callee`: the callee allocates it.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,DB0001\n"
      "// dynbox: rules=strict\n"
      "fn main() {}\n"
      "```\n"
      "\n"
      "An unknown option is an error rather than ignored so that a typo cannot\n"
      "silently change what a shared link means.\n" },
    { "E0038",
      "For any given trait `Trait` there may be a related type called the trait\n"
      "object type, which is typically written as `dyn Trait`. Not every trait can\n"
      "be used as a trait object: the compiler must be able to build a vtable for\n"
      "it. Such traits are called \"dyn compatible\".\n"
      "\n"
      "Erroneous code example (under `rules=stable`):\n"
      "\n"
      "```compile_fail,E0038\n"
      "// dynbox: rules=stable\n"
      "trait Shape {\n"
      "    fn unit() -> Self;\n"
      "    async fn render(&self) -> String;\n"
      "}\n"
      "\n"
      "fn draw(s: &dyn Shape) {} // error: `Shape` is not dyn compatible\n"
      "```\n"
      "\n"
      "Under rustc 1.95's rules a trait is rejected as a whole when any of its\n"
      "items cannot go in a vtable: an associated function without `self`, a\n"
      "method that mentions `Self` in its parameters or return type, a generic\n"
      "method, an `async fn` or `-> impl Trait` method, an associated const, a\n"
      "generic associated type, or a `Self: Sized` supertrait. Adding\n"
      "`where Self: Sized` to a method exempts it.\n"
      "\n"
      "Under `rules=method-scope` (dynbox's default, the proposal) only the\n"
      "trait-level violations still reject `dyn Trait`; an offending method is\n"
      "left out of the vtable and rejected only where it is called through `dyn`.\n"
      "`async fn` and `-> impl Trait` methods stay callable through `dyn` when the\n"
      "caller boxes the result: `shape.render().box.await`.\n" },
    { "E0758",
      "A multi-line (doc-)comment is unterminated.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0758\n"
      "/* I am not terminated!\n"
      "```\n"
      "\n"
      "Block comments nest in Rust: every `/*` needs its own `*/`.\n" },
    { "E0762",
      "A character literal wasn't ended with a quote.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0762\n"
      "static C: char = '●; // error!\n"
      "```\n"
      "\n"
      "To fix this error, add the missing quote: `'●'`.\n" },
    { "E0765",
      "A double quote string (`\"`) was not terminated.\n"
      "\n"
      "Erroneous code example:\n"
      "\n"
      "```compile_fail,E0765\n"
      "let s = \"; // error!\n"
      "```\n"
      "\n"
      "To fix this error, add the missing double quote at the end of the string.\n" },
};

const char *db_explain(const char *code) {
    if (!code) return NULL;
    for (size_t i = 0; i < sizeof index_ / sizeof index_[0]; i++)
        if (strcmp(index_[i].code, code) == 0) return index_[i].text;
    return NULL;
}
