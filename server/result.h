/* result.h — dynboxd's private view of a job, and the answer built from it.
 *
 * dynboxd.c owns jobs and their buffers; result.c only reads a finished job
 * (plus the worker's report and shared page) and encodes the response.
 */
#ifndef DYNBOX_RESULT_H
#define DYNBOX_RESULT_H

#include "proto.h"
#include "sandbox.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/resource.h>

typedef struct Buf {
    char *p;
    size_t len, cap;
} Buf;

int buf_append(Buf *b, const void *p, size_t n);
void buf_free(Buf *b);

struct Conn;
struct Worker;

typedef struct Job {
    struct Conn *conn; /* NULL once the client went away */
    json_t *id;
    ProtoOp op;
    char *code; /* until handed to the worker */
    size_t code_len;
    int rules, abi;
    uint32_t want; /* SBX_WANT_* */
    SbxLimits lim;
    uint64_t t_received, t_dispatched, t_exited, deadline_ns;
    uint64_t cpu_base_us; /* the worker's CPU time at hand-off (its start-up is not the job's) */
    struct Worker *w;
    Buf out, err; /* captured output, together at most lim.output_bytes */
    bool stdout_trunc, stderr_trunc, output_over;
    bool killed_wall, killed_output;
    const char *internal; /* a daemon-side failure, reported as internal_error */
    struct Job *next;      /* queue link */
} Job;

/* How the worker ended, as the daemon collected it. */
typedef struct JobEnd {
    int status; /* from wait4 */
    struct rusage ru;
    const char *report; /* the worker's bytes on its job socket after hello */
    size_t report_len;
    const SbxShared *shared;
} JobEnd;

/* The response frame for a finished compile, run or raw_c job. */
int result_frame(const Job *j, const JobEnd *e, char **frame, size_t *len);

#endif
