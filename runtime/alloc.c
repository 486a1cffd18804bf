/* alloc.c — the allocation ledger: every heap block a program uses comes
 * from rt_alloc, which counts it by kind and, for `.box`/dyn_box!, by call
 * site, so a run can report its allocations and any leak. Also RawVec's
 * capacity arithmetic, shared by String and Vec. */
#include "rt_internal.h"

#include <stdlib.h>
#include <unistd.h>

/* A header in front of every block: the size for the statistics, the kind
 * so rt_free needs nothing else, and where the block starts in the malloc'd
 * memory (alignments above malloc's 16 leave a gap). The magic catches a
 * double or foreign free, which only a lowering bug can cause. */
typedef struct Header {
    rt_u64 size;
    rt_u16 magic;
    rt_u8 kind;
    rt_u8 align_log2;
    rt_u32 offset;       /* from the malloc'd pointer to the block */
} Header;
_Static_assert(sizeof(Header) == 16, "header keeps 16-byte alignment");

#define MAGIC 0xDB5Au
#define BASE_ALIGN 16
#define MAX_ALIGN 4096   /* far above any Rust type dynbox can declare */

static struct {
    RtKindStats kinds[RT_ALLOC_KINDS];
    rt_u64 live_count, live_bytes, peak_bytes;
    RtSiteStats *sites;
    rt_usize nsites, capsites;
    rt_u32 gen;   /* bumped per run so stale RtSite caches re-register */
} L;

static const char *const kind_names[RT_ALLOC_KINDS] = {
    "boxed future", "Box", "String", "Vec", "task", "closure", "other",
};

void rti_ledger_release(void) {
    for (rt_usize i = 0; i < L.nsites; i++) free((void *)L.sites[i].text);
    free(L.sites);
    rt_u32 gen = L.gen;
    memset(&L, 0, sizeof L);
    L.gen = gen;
}

void rti_ledger_reset(void) {
    rti_ledger_release();
    L.gen++;
    if (L.gen == 0) L.gen = 1;   /* 0 is what a fresh static RtSite holds */
}

/* Rust prints this and aborts when the allocator fails; write straight to
 * fd 2 since the output buffers may be what could not grow. */
RT_NORETURN static void out_of_memory(rt_usize size) {
    char msg[80];
    char digits[24];
    int n = 0;
    rt_usize v = size;
    do {
        digits[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    const char *head = "memory allocation of ";
    const char *tail = " bytes failed\n";
    size_t len = 0;
    for (const char *p = head; *p; p++) msg[len++] = *p;
    while (n) msg[len++] = digits[--n];
    for (const char *p = tail; *p; p++) msg[len++] = *p;
    rti_output_flush();
    if (write(2, msg, len) < 0) {
        /* nothing left to report to */
    }
    if (rti_host.cfg.on_oom) rti_host.cfg.on_oom(rti_host.cfg.on_exit_ctx);
    abort();
}

static RtSiteStats *site_row(RtSite *site) {
    if (site->gen_ == L.gen && site->index_ < L.nsites) return &L.sites[site->index_];
    if (L.nsites == L.capsites) {
        rt_usize cap = L.capsites ? L.capsites * 2 : 16;
        RtSiteStats *grown = realloc(L.sites, cap * sizeof *grown);
        if (!grown) out_of_memory(cap * sizeof *grown);
        L.sites = grown;
        L.capsites = cap;
    }
    RtSiteStats *row = &L.sites[L.nsites];
    memset(row, 0, sizeof *row);
    row->line = site->line;
    row->col = site->col;
    /* Copied: the site's text lives in JIT memory the host may free first. */
    const char *text = site->text ? site->text : "";
    size_t n = strlen(text);
    char *copy = malloc(n + 1);
    if (!copy) out_of_memory(n + 1);
    memcpy(copy, text, n + 1);
    row->text = copy;
    site->gen_ = L.gen;
    site->index_ = (rt_u32)L.nsites;
    L.nsites++;
    return row;
}

static Header *header_of(void *ptr) {
    Header *h = (Header *)ptr - 1;
    if (h->magic != MAGIC) rti_internal_error("rt_free/rt_realloc of a block rt_alloc did not return");
    return h;
}

/* malloc with the header filled in; no accounting. */
static void *raw_alloc(rt_u32 kind, rt_usize size, rt_usize align, rt_bool zeroed) {
    rt_usize extra = align > BASE_ALIGN ? align - BASE_ALIGN : 0;
    if (size > RT_ISIZE_MAX - sizeof(Header) - extra) out_of_memory(size);
    rt_usize total = size + sizeof(Header) + extra;
    unsigned char *raw = zeroed ? calloc(1, total) : malloc(total);
    if (!raw) out_of_memory(size);
    unsigned char *user = raw + sizeof(Header);
    if (align > BASE_ALIGN) user = (unsigned char *)(((rt_usize)user + align - 1) & ~(align - 1));
    Header *h = (Header *)user - 1;
    h->size = size;
    h->magic = MAGIC;
    h->kind = (rt_u8)kind;
    h->align_log2 = (rt_u8)__builtin_ctzl(align);
    h->offset = (rt_u32)(user - raw);
    return user;
}

static void account_live(rt_u32 kind, rt_u64 old_size, rt_u64 new_size) {
    RtKindStats *k = &L.kinds[kind];
    k->live_bytes = k->live_bytes - old_size + new_size;
    L.live_bytes = L.live_bytes - old_size + new_size;
    if (L.live_bytes > L.peak_bytes) L.peak_bytes = L.live_bytes;
}

static void *alloc_block(rt_u32 kind, rt_usize size, rt_usize align, RtSite *site, rt_bool zeroed) {
    if (kind >= RT_ALLOC_KINDS) rti_internal_error("rt_alloc: unknown allocation kind");
    if (align == 0 || (align & (align - 1)) || align > MAX_ALIGN)
        rti_internal_error("rt_alloc: alignment is not a power of two up to 4096");
    void *user = raw_alloc(kind, size, align, zeroed);
    RtKindStats *k = &L.kinds[kind];
    k->allocs++;
    k->bytes += size;
    k->live_count++;
    L.live_count++;
    account_live(kind, 0, size);
    if (site) {
        RtSiteStats *row = site_row(site);
        row->allocs++;
        row->bytes += size;
    }
    return user;
}

void *rt_alloc(rt_u32 kind, rt_usize size, rt_usize align, RtSite *site) {
    return alloc_block(kind, size, align, site, 0);
}

void *rt_alloc_zeroed(rt_u32 kind, rt_usize size, rt_usize align, RtSite *site) {
    return alloc_block(kind, size, align, site, 1);
}

void *rt_realloc(void *ptr, rt_usize new_size) {
    Header *h = header_of(ptr);
    rt_u32 kind = h->kind;
    rt_usize old_size = h->size;
    unsigned char *raw = (unsigned char *)ptr - h->offset;
    unsigned char *user;
    /* Only blocks of malloc's own alignment may use libc's realloc: an
     * over-aligned block can sit at offset 16 by chance, and realloc would
     * move it to memory aligned to 16 only. */
    if (h->align_log2 <= 4) {
        if (new_size > RT_ISIZE_MAX - sizeof(Header)) out_of_memory(new_size);
        raw = realloc(raw, new_size + sizeof(Header));
        if (!raw) out_of_memory(new_size);
        user = raw + sizeof(Header);
        ((Header *)user - 1)->size = new_size;
    } else {
        /* Over-aligned: libc's realloc could break the alignment; move it. */
        user = raw_alloc(kind, new_size, (rt_usize)1 << h->align_log2, 0);
        memcpy(user, ptr, old_size < new_size ? old_size : new_size);
        h->magic = 0;
        free(raw);
    }
    RtKindStats *k = &L.kinds[kind];
    k->reallocs++;
    if (new_size > old_size) k->bytes += new_size - old_size;
    account_live(kind, old_size, new_size);
    return user;
}

void rt_free(void *ptr) {
    if (!ptr) return;
    Header *h = header_of(ptr);
    RtKindStats *k = &L.kinds[h->kind];
    k->frees++;
    k->live_count--;
    L.live_count--;
    account_live(h->kind, h->size, 0);
    h->magic = 0;
    free((unsigned char *)ptr - h->offset);
}

/* ---- RawVec's capacity arithmetic ---- */

static rt_usize min_non_zero_cap(rt_usize elem_size) {
    if (elem_size == 1) return 8;
    if (elem_size <= 1024) return 4;
    return 1;
}

rt_usize rti_checked_bytes(rt_usize cap, rt_usize elem_size) {
    rt_usize bytes;
    if (__builtin_mul_overflow(cap, elem_size, &bytes) || bytes > RT_ISIZE_MAX) rti_capacity_overflow();
    return bytes;
}

rt_usize rti_grow_amortized(rt_usize cap, rt_usize len, rt_usize additional, rt_usize elem_size) {
    rt_usize required;
    if (__builtin_add_overflow(len, additional, &required)) rti_capacity_overflow();
    rt_usize doubled = cap * 2;   /* cannot overflow: cap <= isize::MAX */
    rt_usize new_cap = doubled > required ? doubled : required;
    rt_usize min = min_non_zero_cap(elem_size);
    if (new_cap < min) new_cap = min;
    rti_checked_bytes(new_cap, elem_size);
    return new_cap;
}

/* ---- host accessors ---- */

void rt_host_kind_stats(rt_u32 kind, RtKindStats *out) {
    if (kind >= RT_ALLOC_KINDS) {
        memset(out, 0, sizeof *out);
        return;
    }
    *out = L.kinds[kind];
}

const char *rt_host_kind_name(rt_u32 kind) {
    return kind < RT_ALLOC_KINDS ? kind_names[kind] : "unknown";
}

rt_usize rt_host_site_count(void) {
    return L.nsites;
}

const RtSiteStats *rt_host_site(rt_usize index) {
    return index < L.nsites ? &L.sites[index] : RT_NULL;
}

rt_u64 rt_host_live_count(void) {
    return L.live_count;
}

rt_u64 rt_host_live_bytes(void) {
    return L.live_bytes;
}

rt_u64 rt_host_peak_bytes(void) {
    return L.peak_bytes;
}
