/* harness.h — starts and stops a private dynboxd for the sandbox tests and
 * the daemon benchmark: a temporary directory holds its unix socket and its
 * log (stderr). A SbxhDaemon owns the process and the directory. */
#ifndef DYNBOX_SBX_HARNESS_H
#define DYNBOX_SBX_HARNESS_H

#include <jansson.h>
#include <stddef.h>
#include <sys/types.h>

typedef struct SbxhDaemon {
    pid_t pid;
    char dir[64];
    char addr[128]; /* "unix:DIR/d.sock" */
    char log[128];  /* DIR/log */
} SbxhDaemon;

/* Starts `exe --listen unix:... extra...` (extra NULL-terminated, may be
 * NULL) and waits until it answers a ping. 0, or -1 with `err` (which then
 * carries the end of the daemon's log). */
int sbxh_start(SbxhDaemon *d, const char *exe, const char *const *extra, char *err, size_t errlen);

/* SIGTERM, wait, remove the directory. Returns the wait status. */
int sbxh_stop(SbxhDaemon *d);

/* The first line of the daemon's log containing `needle`, malloc'd, or NULL. */
char *sbxh_log_line(const SbxhDaemon *d, const char *needle);

/* One request/answer on a fresh connection; NULL on failure. */
json_t *sbxh_call(const char *addr, json_t *req, int timeout_ms);

/* Processes whose parent is `ppid` and that are not zombies (from /proc). */
int sbxh_children(pid_t ppid);
/* Open fds of `pid`, and its resident set in KiB (from /proc). */
int sbxh_fd_count(pid_t pid);
long sbxh_rss_kib(pid_t pid);

/* Nearest-rank percentile of `n` values (sorted in place). */
double sbxh_percentile(double *v, size_t n, double p);

#endif
