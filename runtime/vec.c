/* vec.c — Vec<T> and slices for any T, given size_of/align_of the element:
 * RawVec's growth (so ledger counts match a Rust program's), the index and
 * range panics with rustc's messages, and the slice algorithms (a stable
 * merge sort like sort/sort_by). Zero-sized elements never allocate. */
#include "rt_internal.h"

#include <stdio.h>
#include <stdlib.h>

/* A Vec of zero-sized elements has capacity usize::MAX and no memory. */
#define ZST_CAP (~(rt_usize)0)

static void set_cap(RtVec *v, rt_usize cap, rt_usize size, rt_usize align) {
    if (size == 0) {
        v->cap = ZST_CAP;
        return;
    }
    if (cap == v->cap) return;
    if (cap == 0) {
        rt_free(v->ptr);
        v->ptr = RT_NULL;
    } else {
        rt_usize bytes = rti_checked_bytes(cap, size);
        v->ptr = v->cap == 0 ? rt_alloc(RT_ALLOC_VEC, bytes, align, RT_NULL) : rt_realloc(v->ptr, bytes);
    }
    v->cap = cap;
}

static rt_u8 *elem(const RtVec *v, rt_usize i, rt_usize size) {
    return (rt_u8 *)v->ptr + i * size;
}

RtVec rt_vec_new(void) {
    RtVec v = {RT_NULL, 0, 0};
    return v;
}

RtVec rt_vec_with_capacity(rt_usize cap, rt_usize size, rt_usize align) {
    RtVec v = rt_vec_new();
    if (cap || size == 0) set_cap(&v, cap, size, align);
    return v;
}

void rt_vec_reserve(RtVec *v, rt_usize additional, rt_usize size, rt_usize align) {
    if (size == 0) {
        if (!v->cap) v->cap = ZST_CAP;
        if (v->len + additional < v->len) rti_capacity_overflow();
        return;
    }
    if (v->cap - v->len >= additional) return;
    set_cap(v, rti_grow_amortized(v->cap, v->len, additional, size), size, align);
}

void rt_vec_reserve_exact(RtVec *v, rt_usize additional, rt_usize size, rt_usize align) {
    if (size == 0) {
        rt_vec_reserve(v, additional, size, align);
        return;
    }
    if (v->cap - v->len >= additional) return;
    rt_usize cap;
    if (__builtin_add_overflow(v->len, additional, &cap)) rti_capacity_overflow();
    set_cap(v, cap, size, align);
}

void rt_vec_shrink_to_fit(RtVec *v, rt_usize size, rt_usize align) {
    if (size == 0 || v->cap <= v->len) return;
    set_cap(v, v->len, size, align);
}

void *rt_vec_push_slot(RtVec *v, rt_usize size, rt_usize align) {
    if (v->len == v->cap || (size == 0 && !v->cap)) rt_vec_reserve(v, 1, size, align);
    return elem(v, v->len++, size);
}

void rt_vec_push(RtVec *v, const void *e, rt_usize size, rt_usize align) {
    void *slot = rt_vec_push_slot(v, size, align);
    if (size) memcpy(slot, e, size);
}

rt_bool rt_vec_pop(RtVec *v, void *out, rt_usize size) {
    if (v->len == 0) return 0;
    v->len--;
    if (size) memcpy(out, elem(v, v->len, size), size);
    return 1;
}

/* "{what} index (is {index}) should be {cmp} len (is {len})" */
static RtStr index_msg(char *buf, rt_usize cap, const char *what, const char *cmp, rt_usize index, rt_usize len) {
    int n = snprintf(buf, cap, "%s index (is %zu) should be %s len (is %zu)", what, index, cmp, len);
    RtStr s = {(const rt_u8 *)buf, (rt_usize)n};
    return s;
}

static RT_NORETURN void index_panic(RtLoc loc, const char *what, const char *cmp, rt_usize index, rt_usize len) {
    char buf[128];
    rt_panic_str(loc, index_msg(buf, sizeof buf, what, cmp, index, len));
}

void rt_vec_insert(RtVec *v, rt_usize index, const void *e, rt_usize size, rt_usize align, RtLoc loc) {
    if (index > v->len) index_panic(loc, "insertion", "<=", index, v->len);
    if (v->len == v->cap || (size == 0 && !v->cap)) rt_vec_reserve(v, 1, size, align);
    if (size) {
        memmove(elem(v, index + 1, size), elem(v, index, size), (v->len - index) * size);
        memcpy(elem(v, index, size), e, size);
    }
    v->len++;
}

void rt_vec_remove(RtVec *v, rt_usize index, void *out, rt_usize size, RtLoc loc) {
    if (index >= v->len) index_panic(loc, "removal", "<", index, v->len);
    if (size) {
        memcpy(out, elem(v, index, size), size);
        memmove(elem(v, index, size), elem(v, index + 1, size), (v->len - index - 1) * size);
    }
    v->len--;
}

/* Vec::swap_remove is not #[track_caller]: rustc reports the library line. */
void rt_vec_swap_remove(RtVec *v, rt_usize index, void *out, rt_usize size) {
    if (index >= v->len) {
        char buf[128];
        rti_panic_std(rti_std_vec_mod, 2202, 13, index_msg(buf, sizeof buf, "swap_remove", "<", index, v->len));
    }
    if (size) {
        memcpy(out, elem(v, index, size), size);
        if (index != v->len - 1) memcpy(elem(v, index, size), elem(v, v->len - 1, size), size);
    }
    v->len--;
}

/* Drops elements [from, to) in order, as drop_in_place on a slice does. */
static void drop_range(RtVec *v, rt_usize from, rt_usize to, rt_usize size, RtDropFn drop) {
    if (!drop) return;
    for (rt_usize i = from; i < to; i++) drop(elem(v, i, size));
}

void rt_vec_truncate(RtVec *v, rt_usize len, rt_usize size, RtDropFn drop) {
    if (len >= v->len) return;
    rt_usize old = v->len;
    v->len = len;   /* set first, as Vec::truncate does, so a panicking drop leaks the rest */
    drop_range(v, len, old, size, drop);
}

void rt_vec_clear(RtVec *v, rt_usize size, RtDropFn drop) {
    rt_vec_truncate(v, 0, size, drop);
}

void rt_vec_extend_copy(RtVec *v, const void *src, rt_usize n, rt_usize size, rt_usize align) {
    rt_vec_reserve(v, n, size, align);
    if (size && n) memcpy(elem(v, v->len, size), src, n * size);
    v->len += n;
}

void rt_vec_append(RtVec *v, RtVec *src, rt_usize size, rt_usize align) {
    rt_vec_extend_copy(v, src->ptr, src->len, size, align);
    src->len = 0;
}

RtVec rt_vec_from_elem_copy(const void *e, rt_usize n, rt_usize size, rt_usize align) {
    RtVec v = rt_vec_with_capacity(n, size, align);
    if (size)
        for (rt_usize i = 0; i < n; i++) memcpy(elem(&v, i, size), e, size);
    v.len = n;
    return v;
}

RtVec rt_vec_clone_copy(const RtVec *src, rt_usize size, rt_usize align) {
    RtVec v = rt_vec_with_capacity(src->len, size, align);
    if (size && src->len) memcpy(v.ptr, src->ptr, src->len * size);
    v.len = src->len;
    return v;
}

void rt_vec_drop(RtVec *v, rt_usize size, rt_usize align, RtDropFn drop) {
    (void)align;
    drop_range(v, 0, v->len, size, drop);
    if (size && v->cap) rt_free(v->ptr);
    v->ptr = RT_NULL;
    v->cap = v->len = 0;
}

void rt_vec_iter_drop(RtVecIter *it, rt_usize size, RtDropFn drop) {
    if (drop)
        for (rt_usize i = it->pos; i < it->end; i++) drop((rt_u8 *)it->ptr + i * size);
    if (size && it->cap) rt_free(it->ptr);
    it->ptr = RT_NULL;
    it->cap = it->pos = it->end = 0;
}

void *rt_vec_index(const RtVec *v, rt_usize index, rt_usize size, RtLoc loc) {
    if (index >= v->len) rt_panic_bounds(loc, index, v->len);
    return elem(v, index, size);
}

void *rt_slice_index(RtSlice s, rt_usize index, rt_usize size, RtLoc loc) {
    if (index >= s.len) rt_panic_bounds(loc, index, s.len);
    return (rt_u8 *)s.ptr + index * size;
}

/* core::slice::index::slice_index_fail */
typedef struct RangeErr {
    rt_usize begin, end, len;
} RangeErr;

static rt_i32 fmt_range_err(const void *p, RtFormatter *f) {
    const RangeErr *e = p;
    RtArg args[2];
    RtStr pieces[2];
    rt_usize nargs = 2;
    if (e->begin > e->len) {
        pieces[0] = RT_STR("range start index ");
        pieces[1] = RT_STR(" out of range for slice of length ");
        args[0] = (RtArg){&e->begin, rt_fmt_display_usize, RT_SPEC_DEFAULT};
        args[1] = (RtArg){&e->len, rt_fmt_display_usize, RT_SPEC_DEFAULT};
    } else if (e->end > e->len) {
        pieces[0] = RT_STR("range end index ");
        pieces[1] = RT_STR(" out of range for slice of length ");
        args[0] = (RtArg){&e->end, rt_fmt_display_usize, RT_SPEC_DEFAULT};
        args[1] = (RtArg){&e->len, rt_fmt_display_usize, RT_SPEC_DEFAULT};
    } else {
        pieces[0] = RT_STR("slice index starts at ");
        pieces[1] = RT_STR(" but ends at ");
        args[0] = (RtArg){&e->begin, rt_fmt_display_usize, RT_SPEC_DEFAULT};
        args[1] = (RtArg){&e->end, rt_fmt_display_usize, RT_SPEC_DEFAULT};
    }
    RtArguments a = {pieces, 2, args, nargs};
    return rt_write_fmt(f->out, &a);
}

RtSlice rt_slice_range(RtSlice s, rt_usize begin, rt_usize end, rt_usize size, RtLoc loc) {
    if (begin <= end && end <= s.len) {
        RtSlice r = {(rt_u8 *)s.ptr + begin * size, end - begin};
        return r;
    }
    RangeErr e = {begin, end, s.len};
    RtArg arg = {&e, fmt_range_err, RT_SPEC_DEFAULT};
    RtArguments a = {RT_NULL, 0, &arg, 1};
    rt_panic_fmt(loc, &a);
}

RtSlice rt_vec_as_slice(const RtVec *v) {
    RtSlice s = {v->ptr, v->len};
    return s;
}

/* ---- slice algorithms ---- */

static void swap_bytes(rt_u8 *a, rt_u8 *b, rt_usize size) {
    rt_u8 tmp[64];
    while (size) {
        rt_usize n = size < sizeof tmp ? size : sizeof tmp;
        memcpy(tmp, a, n);
        memcpy(a, b, n);
        memcpy(b, tmp, n);
        a += n;
        b += n;
        size -= n;
    }
}

void rt_slice_reverse(RtSlice s, rt_usize size) {
    if (!size || s.len < 2) return;
    rt_u8 *base = s.ptr;
    for (rt_usize i = 0, j = s.len - 1; i < j; i++, j--) swap_bytes(base + i * size, base + j * size, size);
}

void rt_slice_swap(RtSlice s, rt_usize a, rt_usize b, rt_usize size, RtLoc loc) {
    if (a >= s.len) rt_panic_bounds(loc, a, s.len);
    if (b >= s.len) rt_panic_bounds(loc, b, s.len);
    if (a != b && size) swap_bytes((rt_u8 *)s.ptr + a * size, (rt_u8 *)s.ptr + b * size, size);
}

rt_bool rt_slice_contains(RtSlice s, rt_usize size, const void *x, RtEqFn eq, void *ctx) {
    for (rt_usize i = 0; i < s.len; i++)
        if (eq((rt_u8 *)s.ptr + i * size, x, ctx)) return 1;
    return 0;
}

/* Runs this short are sorted by insertion before merging. */
#define INSERTION_RUN 16

typedef struct Sorter {
    rt_usize size;
    RtCmpFn cmp;
    void *ctx;
    rt_u8 *scratch;   /* room for the whole slice */
} Sorter;

static void insertion_sort(const Sorter *st, rt_u8 *base, rt_usize n) {
    rt_usize size = st->size;
    rt_u8 *tmp = st->scratch;   /* one element of scratch is enough here */
    for (rt_usize i = 1; i < n; i++) {
        rt_usize j = i;
        /* strictly greater moves: equal elements keep their order */
        while (j > 0 && st->cmp(base + (j - 1) * size, base + i * size, st->ctx) > 0) j--;
        if (j == i) continue;
        memcpy(tmp, base + i * size, size);
        memmove(base + (j + 1) * size, base + j * size, (i - j) * size);
        memcpy(base + j * size, tmp, size);
    }
}

static void merge_sort(const Sorter *st, rt_u8 *base, rt_usize n) {
    rt_usize size = st->size;
    if (n <= INSERTION_RUN) {
        insertion_sort(st, base, n);
        return;
    }
    rt_usize mid = n / 2;
    merge_sort(st, base, mid);
    merge_sort(st, base + mid * size, n - mid);
    /* already in order: nothing to merge */
    if (st->cmp(base + (mid - 1) * size, base + mid * size, st->ctx) <= 0) return;
    memcpy(st->scratch, base, mid * size);
    rt_u8 *left = st->scratch, *left_end = st->scratch + mid * size;
    rt_u8 *right = base + mid * size, *right_end = base + n * size, *out = base;
    while (left < left_end && right < right_end) {
        /* take from the right only when strictly smaller: stability */
        if (st->cmp(right, left, st->ctx) < 0) {
            memcpy(out, right, size);
            right += size;
        } else {
            memcpy(out, left, size);
            left += size;
        }
        out += size;
    }
    if (left < left_end) memcpy(out, left, (rt_usize)(left_end - left));
}

/* The scratch buffer is the sort's own working memory, not a value of the
 * program, so it bypasses the ledger (Rust's sort also allocates one). */
void rt_slice_sort(RtSlice s, rt_usize size, RtCmpFn cmp, void *ctx) {
    if (s.len < 2 || size == 0) return;
    Sorter st = {size, cmp, ctx, malloc(((s.len + 1) / 2 + 1) * size)};
    if (!st.scratch) rti_internal_error("out of memory for sort scratch");
    merge_sort(&st, s.ptr, s.len);
    free(st.scratch);
}
