/* daemon_client.h — a blocking client for dynboxd (docs/daemon.md).
 *
 * Used by the API server, the sandbox tests and the benchmark. A DcConn owns
 * one socket; frames go out with dc_send and come back with dc_recv, so a
 * caller may pipeline several requests and match answers by "id". Not
 * thread-safe: one DcConn per thread.
 */
#ifndef DYNBOX_DAEMON_CLIENT_H
#define DYNBOX_DAEMON_CLIENT_H

#include <jansson.h>
#include <stddef.h>

enum {
    DC_OK = 0,
    DC_ECONNECT = -1, /* cannot reach the daemon */
    DC_EIO = -2,      /* the connection failed mid-frame */
    DC_ETIMEOUT = -3, /* no complete answer in time */
    DC_EPROTO = -4,   /* a frame too large, or not JSON */
    DC_ECLOSED = -5,  /* the daemon closed the connection */
};

typedef struct DcConn DcConn;

/* Connects to "unix:PATH" or "tcp:HOST:PORT" within timeout_ms. */
int dc_connect(const char *addr, int timeout_ms, DcConn **out, char *err, size_t errlen);
void dc_close(DcConn *c);
int dc_fd(const DcConn *c);

/* One frame out (the length prefix is added here). */
int dc_send(DcConn *c, const char *json, size_t len);
/* One frame in, malloc'd and NUL-terminated; timeout_ms < 0 waits forever. */
int dc_recv(DcConn *c, int timeout_ms, char **json, size_t *len);

/* The same with jansson values. dc_call sends `req` and waits for the next
 * answer (use it without pipelining). */
int dc_send_json(DcConn *c, const json_t *req);
int dc_recv_json(DcConn *c, int timeout_ms, json_t **resp);
int dc_call(DcConn *c, const json_t *req, int timeout_ms, json_t **resp);

const char *dc_strerror(int rc);

#endif
