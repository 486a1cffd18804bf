/* harness.c — a private dynboxd for tests and benchmarks (harness.h). */
#include "harness.h"

#include "../../server/daemon_client.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void sleep_ms(int ms)
{
    struct timespec t = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&t, NULL);
}

static void log_tail(const SbxhDaemon *d, char *err, size_t errlen)
{
    size_t used = strlen(err);
    FILE *f = fopen(d->log, "r");
    if (!f || used + 2 >= errlen) {
        if (f)
            fclose(f);
        return;
    }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    long from = size > 1500 ? size - 1500 : 0;
    fseek(f, from, SEEK_SET);
    err[used++] = '\n';
    size_t n = fread(err + used, 1, errlen - used - 1, f);
    err[used + n] = '\0';
    fclose(f);
}

int sbxh_start(SbxhDaemon *d, const char *exe, const char *const *extra, char *err, size_t errlen)
{
    memset(d, 0, sizeof *d);
    snprintf(d->dir, sizeof d->dir, "/tmp/dynbox-sbx-XXXXXX");
    if (!mkdtemp(d->dir)) {
        snprintf(err, errlen, "mkdtemp: %s", strerror(errno));
        return -1;
    }
    snprintf(d->addr, sizeof d->addr, "unix:%s/d.sock", d->dir);
    snprintf(d->log, sizeof d->log, "%s/log", d->dir);
    const char *argv[32];
    int ac = 0;
    argv[ac++] = exe;
    argv[ac++] = "--listen";
    argv[ac++] = d->addr;
    for (int i = 0; extra && extra[i] && ac < 31; i++)
        argv[ac++] = extra[i];
    argv[ac] = NULL;
    int log = open(d->log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (log < 0) {
        snprintf(err, errlen, "%s: %s", d->log, strerror(errno));
        return -1;
    }
    pid_t pid = fork();
    if (pid < 0) {
        snprintf(err, errlen, "fork: %s", strerror(errno));
        close(log);
        return -1;
    }
    if (pid == 0) {
        dup2(log, 2);
        /* In SAN=1 builds ASan's quarantine holds freed memory back, which
         * would read as growth in the load test's flat-memory check. */
        setenv("ASAN_OPTIONS", "quarantine_size_mb=0:thread_local_quarantine_size_kb=0", 0);
        execv(exe, (char *const *)argv);
        _exit(127);
    }
    close(log);
    d->pid = pid;
    for (int waited = 0; waited < 10000; waited += 20) {
        int st;
        if (waitpid(pid, &st, WNOHANG) == pid) {
            d->pid = 0;
            snprintf(err, errlen, "dynboxd exited at start-up (status %#x); its log:", st);
            log_tail(d, err, errlen);
            return -1;
        }
        json_t *req = json_pack("{ssss}", "op", "ping", "id", "start");
        json_t *resp = sbxh_call(d->addr, req, 1000);
        json_decref(req);
        if (resp) {
            json_decref(resp);
            return 0;
        }
        sleep_ms(20);
    }
    snprintf(err, errlen, "dynboxd did not answer within 10 s; its log:");
    log_tail(d, err, errlen);
    sbxh_stop(d);
    return -1;
}

int sbxh_stop(SbxhDaemon *d)
{
    int st = 0;
    if (d->pid > 0) {
        kill(d->pid, SIGTERM);
        while (waitpid(d->pid, &st, 0) < 0 && errno == EINTR)
            ;
        d->pid = 0;
        if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
            /* a daemon that did not stop cleanly: its log is the evidence */
            char tail[4096] = "dynboxd's log:";
            log_tail(d, tail, sizeof tail);
            fprintf(stderr, "%s\n", tail);
        }
    }
    if (d->dir[0]) {
        char sock[160];
        snprintf(sock, sizeof sock, "%s/d.sock", d->dir);
        unlink(sock);
        unlink(d->log);
        rmdir(d->dir);
        d->dir[0] = '\0';
    }
    return st;
}

char *sbxh_log_line(const SbxhDaemon *d, const char *needle)
{
    FILE *f = fopen(d->log, "r");
    if (!f)
        return NULL;
    char *line = NULL, *found = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, f) > 0)
        if (strstr(line, needle)) {
            line[strcspn(line, "\n")] = '\0';
            found = strdup(line);
            break;
        }
    free(line);
    fclose(f);
    return found;
}

json_t *sbxh_call(const char *addr, json_t *req, int timeout_ms)
{
    DcConn *c;
    char err[256];
    json_t *resp = NULL;
    if (dc_connect(addr, timeout_ms, &c, err, sizeof err) != DC_OK)
        return NULL;
    if (dc_call(c, req, timeout_ms, &resp) != DC_OK)
        resp = NULL;
    dc_close(c);
    return resp;
}

int sbxh_children(pid_t ppid)
{
    DIR *dir = opendir("/proc");
    int n = 0;
    if (!dir)
        return -1;
    struct dirent *e;
    while ((e = readdir(dir))) {
        if (e->d_name[0] < '0' || e->d_name[0] > '9')
            continue;
        char path[300], buf[512];
        snprintf(path, sizeof path, "/proc/%s/stat", e->d_name);
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            continue;
        ssize_t r = read(fd, buf, sizeof buf - 1);
        close(fd);
        if (r <= 0)
            continue;
        buf[r] = '\0';
        /* pid (comm) state ppid ...: comm may hold spaces, so from the last ')' */
        char *p = strrchr(buf, ')');
        char state;
        int pp;
        if (p && sscanf(p + 1, " %c %d", &state, &pp) == 2 && pp == ppid && state != 'Z')
            n++;
    }
    closedir(dir);
    return n;
}

int sbxh_fd_count(pid_t pid)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/fd", (int)pid);
    DIR *dir = opendir(path);
    if (!dir)
        return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(dir)))
        n += e->d_name[0] != '.';
    closedir(dir);
    return n;
}

long sbxh_rss_kib(pid_t pid)
{
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    FILE *f = fopen(path, "r");
    long kib = -1;
    if (!f)
        return -1;
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "VmRSS: %ld kB", &kib) == 1)
            break;
    fclose(f);
    return kib;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

double sbxh_percentile(double *v, size_t n, double p)
{
    if (n == 0)
        return 0;
    qsort(v, n, sizeof *v, cmp_double);
    size_t rank = (size_t)(p / 100.0 * (double)n + 0.999999);
    if (rank < 1)
        rank = 1;
    if (rank > n)
        rank = n;
    return v[rank - 1];
}
