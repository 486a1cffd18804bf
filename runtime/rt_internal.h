/* rt_internal.h — what the runtime's own files share and nobody else sees:
 * the global state of one program run, the unicode tables, and the helpers
 * one file offers another. Private names use the rti_ prefix. */
#ifndef DYNBOX_RT_INTERNAL_H
#define DYNBOX_RT_INTERNAL_H

#include "rt_host.h"

#include <stddef.h>
#include <string.h>

/* The runtime mirrors Rust's 64-bit targets; the header's types assume LP64. */
_Static_assert(sizeof(rt_usize) == sizeof(size_t), "rt_usize must be size_t");
_Static_assert(sizeof(void *) == 8, "dynbox targets 64-bit hosts");
_Static_assert(sizeof(rt_bool) == 1, "rt_bool is Rust's bool");

#define RT_ISIZE_MAX ((rt_usize)0x7fffffffffffffffUL)

/* ---- unicode tables (unicode_data.c, generated) ---- */
typedef struct RtRange {
    rt_u32 lo, hi;
} RtRange;
typedef struct RtCaseMap {
    rt_u32 from;
    rt_u32 to[3];
} RtCaseMap;
extern const RtRange rt_uc_escape[], rt_uc_whitespace[], rt_uc_alphabetic[], rt_uc_numeric[],
    rt_uc_lowercase[], rt_uc_uppercase[], rt_uc_case_ignorable[], rt_uc_cased[];
extern const rt_usize rt_uc_escape_len, rt_uc_whitespace_len, rt_uc_alphabetic_len,
    rt_uc_numeric_len, rt_uc_lowercase_len, rt_uc_uppercase_len, rt_uc_case_ignorable_len,
    rt_uc_cased_len;
extern const RtCaseMap rt_uc_to_upper[], rt_uc_to_lower[];
extern const rt_usize rt_uc_to_upper_len, rt_uc_to_lower_len;

/* unicode.c */
rt_bool rti_in_ranges(const RtRange *r, rt_usize n, rt_char c);
rt_bool rti_char_needs_unicode_escape(rt_char c);
rt_bool rti_char_is_case_ignorable(rt_char c);
rt_bool rti_char_is_cased(rt_char c);
/* Decodes the char at p (valid UTF-8, p < end); returns its length. */
rt_usize rti_utf8_decode(const rt_u8 *p, const rt_u8 *end, rt_char *out);
/* Decodes the char that ends at end (start < end); returns its length. */
rt_usize rti_utf8_decode_back(const rt_u8 *start, const rt_u8 *end, rt_char *out);

/* ---- alloc.c ---- */
void rti_ledger_reset(void);
void rti_ledger_release(void);
/* RawVec's growth: the capacity after reserving `additional` past len when
 * cap is too small, panicking "capacity overflow" as Rust does. */
rt_usize rti_grow_amortized(rt_usize cap, rt_usize len, rt_usize additional, rt_usize elem_size);
rt_usize rti_checked_bytes(rt_usize cap, rt_usize elem_size);

/* ---- panic.c ---- */
/* A panic whose location is in Rust's standard library (abs, pow, the
 * capacity overflow of RawVec...): Rust reports the library's path. */
RT_NORETURN void rti_panic_std(const char *file, rt_u32 line, rt_u32 col, RtStr msg);
extern const char rti_std_num_mod[], rti_std_raw_vec[], rti_std_vec_mod[];
RT_NORETURN void rti_capacity_overflow(void);
/* The runtime's own invariant broken (a lowering or host bug): message to
 * fd 2 and abort, since no Rust program could produce it. */
RT_NORETURN void rti_internal_error(const char *what);
/* Ends the process as Rust does after a panic or at exit: flush, host hook,
 * exit_group(status). */
RT_NORETURN void rti_exit(int status);
void rti_panic_reset(void);

/* ---- output.c ---- */
void rti_output_reset(rt_usize cap, rt_bool write_fds);
void rti_output_release(void);
void rti_output_begin(rt_u32 stream);
void rti_output_end(void);
void rti_output_write(const rt_u8 *p, rt_usize n);   /* into the open event */
RtWriter *rti_output_writer(void);
void rti_output_close_all(void);   /* a panic interrupted a print: keep what it wrote */
void rti_output_flush(void);

/* ---- fmt.c: pieces shared with float.c ---- */
typedef enum { RTI_PART_COPY, RTI_PART_ZERO, RTI_PART_NUM } RtiPartKind;
typedef struct RtiPart {
    RtiPartKind kind;
    const rt_u8 *ptr;   /* COPY */
    rt_usize n;         /* COPY: length, ZERO: count */
    rt_u16 num;         /* NUM */
} RtiPart;
/* numfmt::Formatted: a sign and up to 6 parts. */
typedef struct RtiFormatted {
    const char *sign;
    rt_usize nparts;
    RtiPart parts[6];
} RtiFormatted;
rt_i32 rti_pad_formatted_parts(RtFormatter *f, const RtiFormatted *fm);
rt_i32 rti_write(RtFormatter *f, const void *p, rt_usize n);
/* The String writer: appends with String's growth. */
typedef struct RtiStringWriter {
    RtWriter w;
    RtString *s;
} RtiStringWriter;
void rti_string_writer(RtiStringWriter *sw, RtString *s);

/* ---- exec.c ---- */
void rti_exec_reset(void);
void rti_exec_shutdown(void);   /* drops the tasks left, in creation order */
rt_u64 rti_exec_now(void);

/* ---- host.c ---- */
typedef struct RtiHostState {
    RtConfig cfg;
    const char *file_name;
    rt_bool running;
} RtiHostState;
extern RtiHostState rti_host;

#endif /* DYNBOX_RT_INTERNAL_H */
