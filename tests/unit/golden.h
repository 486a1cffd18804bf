/* golden.h — the compiletest-style harness shared by the golden suites. */
#ifndef DYNBOX_TEST_GOLDEN_H
#define DYNBOX_TEST_GOLDEN_H

#include "internal.h"

/* Runs `src` up to `phase` and compares its diagnostics with the `//~`
 * annotations. Appends what differs to `problems`; true when nothing does. */
bool golden_check(const char *name, const char *src, size_t len, DbPhase phase, Buf *problems);

/* golden_check on every `.rs` file of `dir`, in name order; the number of
 * files that failed, or -1 when `dir` cannot be opened. */
int golden_run_dir(const char *dir, DbPhase phase, Buf *problems);
int golden_count_files(const char *dir);

/* The whole file, NUL-terminated (malloc'd), or NULL. */
char *golden_read_file(const char *path, size_t *len);

/* Where the acceptance programs live; absent on a user's clone. */
#define SHARED_EXAMPLES "../shared/examples"

#endif
