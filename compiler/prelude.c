/* prelude.c — the prelude's source text (compiler/prelude.rs), compiled in
 * by the Makefile's rule that turns the file into a C string, so the
 * compiler library reads no files at run time.
 */
#include "types.h"

const char prelude_text[] =
#include "prelude_rs.inc"
    ;
