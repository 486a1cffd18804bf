/* proto.h — dynboxd's wire protocol (docs/daemon.md), shared by the daemon
 * and its clients.
 *
 * Frames are a 4-byte big-endian length then that many bytes of UTF-8 JSON.
 * A ProtoRequest owns its parsed JSON; every string it points at lives there.
 */
#ifndef DYNBOX_PROTO_H
#define DYNBOX_PROTO_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

/* A request's body is bounded so one client cannot make the daemon buffer
 * without limit; 1 MiB is 16 times the largest accepted program. */
#define PROTO_MAX_REQUEST (1u << 20)
/* A response carries at most the output cap of stdout and stderr, escaped,
 * plus diagnostics and C text; clients refuse anything larger. */
#define PROTO_MAX_RESPONSE (64u << 20)

/* "unix:PATH" or "tcp:HOST:PORT" (HOST may be [v6]). 0, or -1 with `err`. */
int proto_parse_addr(const char *spec, struct sockaddr_storage *ss, socklen_t *len,
                     char *err, size_t errlen);

void proto_put_len(unsigned char hdr[4], uint32_t n);
uint32_t proto_get_len(const unsigned char hdr[4]);

/* raw_c and crash_compile are test-only (dynboxd --allow-raw-c): raw C run
 * as a program, and a worker that dies in the middle of a compile. */
typedef enum { PROTO_PING, PROTO_COMPILE, PROTO_RUN, PROTO_RAW_C, PROTO_CRASH_COMPILE } ProtoOp;

/* Limits as asked; 0 means "not given" (the daemon's default applies). */
typedef struct ProtoLimits {
    uint64_t cpu_ms, wall_ms, mem_bytes, output_bytes, stack_bytes;
} ProtoLimits;

typedef struct ProtoRequest {
    json_t *root;
    json_t *id; /* borrowed from root; JSON null when absent */
    ProtoOp op;
    const char *code; /* may contain NUL bytes */
    size_t code_len;
    int rules; /* -1 unset, else DbRules */
    int abi;   /* -1 unset, else DbAbi */
    bool want_c;       /* options.c: the C text in a run's compile result */
    bool want_explain; /* options.explain: the dyn report in a run's compile result */
    ProtoLimits limits;
} ProtoRequest;

/* Parses one request body. On error returns -1 with a message for a
 * "bad_request" answer; `req->id` is still set when the id could be read, so
 * the answer can carry it. Free with proto_request_free either way. */
int proto_parse_request(const char *buf, size_t len, ProtoRequest *req, char *err, size_t errlen);
void proto_request_free(ProtoRequest *req);

/* A JSON string of `n` bytes that may not be UTF-8: invalid sequences
 * become U+FFFD, as String::from_utf8_lossy does. NULL on allocation failure. */
json_t *proto_lossy_string(const char *s, size_t n);

/* Serialises `msg` as one frame (header included) into a malloc'd buffer. */
int proto_encode(const json_t *msg, char **frame, size_t *len);

/* {"id", "status", "error"} for answers without a result. Returns a frame. */
int proto_status_frame(json_t *id, const char *status, const char *error, char **frame, size_t *len);

#endif
