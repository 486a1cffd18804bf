/* output.c — the program's stdout and stderr: kept in memory up to a byte
 * cap shared by both streams (cut exactly there), recorded as one event per
 * print call with the virtual time it happened at, and written to fds 1 and
 * 2 in print order when flushed (the only syscall the sandbox leaves us). */
#include "rt_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

/* Flush as we go once this much is pending, so a long-running program's
 * output reaches a terminal before it ends. */
#define AUTO_FLUSH_BYTES (64 * 1024)
/* Prints nest when a Display impl prints; deeper nesting is folded into the
 * outermost open event (a program printing 16 levels deep is pathological). */
#define MAX_NESTING 16

typedef struct Stream {
    rt_u8 *data;
    rt_usize len, cap;
} Stream;

static struct {
    Stream s[2];                 /* RT_STDOUT - 1, RT_STDERR - 1 */
    RtOutputEvent *events;
    rt_usize nevents, capevents;
    rt_usize total, cap;         /* bytes kept, and the cap */
    rt_bool truncated;
    rt_bool write_fds;
    rt_usize flushed;            /* events already written to the fds */
    rt_usize pending_bytes;
    /* the open print calls, innermost last */
    rt_u32 open_stream[MAX_NESTING];
    rt_usize open_start[MAX_NESTING];
    rt_u64 open_time[MAX_NESTING];
    int depth;
} O;

static RtWriter output_writer;

void rti_output_release(void) {
    free(O.s[0].data);
    free(O.s[1].data);
    free(O.events);
    memset(&O, 0, sizeof O);
}

void rti_output_reset(rt_usize cap, rt_bool write_fds) {
    rti_output_release();
    O.cap = cap ? cap : RT_DEFAULT_OUTPUT_CAP;
    O.write_fds = write_fds;
}

static void push_event(rt_u32 stream, rt_u64 time, rt_usize start, rt_usize end) {
    if (end == start) return;
    if (O.nevents == O.capevents) {
        rt_usize cap = O.capevents ? O.capevents * 2 : 64;
        RtOutputEvent *grown = realloc(O.events, cap * sizeof *grown);
        if (!grown) rti_internal_error("out of memory for output events");
        O.events = grown;
        O.capevents = cap;
    }
    RtOutputEvent *e = &O.events[O.nevents++];
    e->stream = stream;
    e->time_ms = time;
    e->offset = start;
    e->len = end - start;
    O.pending_bytes += end - start;
}

void rti_output_begin(rt_u32 stream) {
    if (stream != RT_STDOUT && stream != RT_STDERR) rti_internal_error("print to an unknown stream");
    if (O.depth == MAX_NESTING) {
        O.depth++;   /* counted so rti_output_end balances; writes go to the outer event */
        return;
    }
    if (O.depth > 0) {
        /* The outer print's text so far becomes an event of its own, so the
         * events stay in output order around the nested print. */
        int d = O.depth - 1;
        if (d < MAX_NESTING) {
            rt_u32 st = O.open_stream[d];
            push_event(st, O.open_time[d], O.open_start[d], O.s[st - 1].len);
        }
    }
    O.open_stream[O.depth] = stream;
    O.open_start[O.depth] = O.s[stream - 1].len;
    O.open_time[O.depth] = rti_exec_now();
    O.depth++;
}

void rti_output_end(void) {
    if (O.depth == 0) return;
    O.depth--;
    if (O.depth >= MAX_NESTING) return;
    rt_u32 st = O.open_stream[O.depth];
    push_event(st, O.open_time[O.depth], O.open_start[O.depth], O.s[st - 1].len);
    if (O.depth > 0 && O.depth - 1 < MAX_NESTING) {
        int d = O.depth - 1;
        O.open_start[d] = O.s[O.open_stream[d] - 1].len;
    }
    rt_usize flush_at = rti_host.cfg.flush_bytes ? rti_host.cfg.flush_bytes : AUTO_FLUSH_BYTES;
    if (O.depth == 0 && O.write_fds && O.pending_bytes >= flush_at) rti_output_flush();
}

void rti_output_close_all(void) {
    while (O.depth > 0) rti_output_end();
}

void rti_output_write(const rt_u8 *p, rt_usize n) {
    if (O.depth == 0) rti_internal_error("output written outside a print");
    int d = O.depth > MAX_NESTING ? MAX_NESTING - 1 : O.depth - 1;
    Stream *s = &O.s[O.open_stream[d] - 1];
    if (O.total >= O.cap) {
        if (n) O.truncated = 1;
        return;
    }
    rt_usize take = n;
    if (take > O.cap - O.total) {
        take = O.cap - O.total;
        O.truncated = 1;
    }
    if (s->len + take > s->cap) {
        rt_usize cap = s->cap ? s->cap : 4096;
        while (cap < s->len + take) cap *= 2;
        rt_u8 *grown = realloc(s->data, cap);
        if (!grown) rti_internal_error("out of memory for program output");
        s->data = grown;
        s->cap = cap;
    }
    if (take) memcpy(s->data + s->len, p, take);
    s->len += take;
    O.total += take;
}

static rt_i32 output_write_str(RtWriter *self, const rt_u8 *p, rt_usize n) {
    (void)self;
    rti_output_write(p, n);
    return RT_FMT_OK;
}

static RtWriter output_writer = {output_write_str};

RtWriter *rti_output_writer(void) {
    return &output_writer;
}

static void write_all(int fd, const rt_u8 *p, rt_usize n) {
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            return;   /* a closed pipe: the output has nowhere to go */
        }
        p += w;
        n -= (rt_usize)w;
    }
}

void rti_output_flush(void) {
    if (O.write_fds) {
        for (; O.flushed < O.nevents; O.flushed++) {
            const RtOutputEvent *e = &O.events[O.flushed];
            write_all((int)e->stream, O.s[e->stream - 1].data + e->offset, e->len);
        }
    }
    O.flushed = O.nevents;
    O.pending_bytes = 0;
}

void rt_print(rt_u32 stream, const RtArguments *args) {
    rti_output_begin(stream);
    rt_write_fmt(&output_writer, args);
    rti_output_end();
}

void rt_print_str(rt_u32 stream, RtStr s) {
    rti_output_begin(stream);
    rti_output_write(s.ptr, s.len);
    rti_output_end();
}

/* ---- host accessors ---- */

void rt_host_flush(void) {
    rti_output_flush();
}

const RtOutputEvent *rt_host_events(rt_usize *count) {
    *count = O.nevents;
    return O.events;
}

const rt_u8 *rt_host_output(rt_u32 stream, rt_usize *len) {
    if (stream != RT_STDOUT && stream != RT_STDERR) {
        *len = 0;
        return RT_NULL;
    }
    *len = O.s[stream - 1].len;
    return O.s[stream - 1].data;
}

rt_bool rt_host_output_truncated(void) {
    return O.truncated;
}
