/* fuzz_frontend.c — libFuzzer target: any bytes through every front-end
 * phase, every dump and both diagnostic renderings. A crash, a sanitizer
 * report or a hang is a bug.
 */
#include "dynbox.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    DbUnit *u = db_unit_new("fuzz.rs", (const char *)data, size, NULL);
    if (!u) return 0;
    db_dump(u, DB_DUMP_TOKENS);
    db_run(u, DB_PHASE_CHECK);
    db_dump(u, DB_DUMP_AST);
    db_render_diagnostics(u, DB_FORMAT_HUMAN, true);
    db_render_diagnostics(u, DB_FORMAT_JSON, false);
    db_render_summary(u, false);
    db_unit_free(u);
    return 0;
}
