/* dyn_explain.c — the report behind `dynboxc explain FILE [--json]` and
 * db_explain_report: every trait's verdict under both rule sets, each
 * method's dispatch class and reason, and the vtable layout per impl. The
 * JSON shape is documented in docs/explain.md; keep the two in step.
 */
#include "dyn.h"

#include <string.h>

/* ---- the futures' layouts ---------------------------------------------
 * fut_size/fut_align of a boxed slot are the size of the C struct the
 * lowering makes for that impl's future: only a C compiler knows them. So
 * db_explain_layout_probe lowers the program in a unit of its own (the
 * report's unit keeps its diagnostics: a program the lowering refuses is
 * still explained) and appends to its C a table of sizeof/__alignof__ of
 * every future a vtable's boxed slot holds; the host (dynboxc) compiles it
 * with libtcc, exactly as `dynboxc run` does, and hands the table back. */
struct FutLayouts {
    FutProbe *probes;      /* in the report's arena, table order */
    int n;
    size_t *table;         /* size, align per probe; NULL until measured */
    const char *unknown;   /* why no sizes are known, or NULL */
};

const char *db_explain_layout_probe(DbUnit *u) {
    if (db_run(u, DB_PHASE_CHECK) || !u->dyn) return NULL;
    struct FutLayouts *fl = arena_alloc(&u->arena, sizeof *fl);
    *fl = (struct FutLayouts){ 0 };
    u->fut_layouts = fl;
    DbUnit *p = db_unit_new(u->src.name, u->src.text, u->src.len, &u->forced);
    if (!p) {
        fl->unknown = "out of memory";
        return NULL;
    }
    size_t clen = 0;
    const char *c = db_emit_c(p, &clen);
    if (!c) {
        const Diag *d = p->diags.head;
        while (d && d->level != DIAG_ERROR) d = d->next;
        const char *what = d ? d->message : "no C was produced";
        uint32_t line = 0, col = 0;
        if (d && d->nspans) src_line_col(&p->src, d->spans[0].span.lo, &line, &col);
        fl->unknown = line ? arena_printf(&u->arena, "the lowering refused the program (line %u: %s)", line, what)
                           : arena_printf(&u->arena, "the program cannot be lowered (%s)", what);
        db_unit_free(p);
        return NULL;
    }
    Buf b = { 0 };
    buf_put(&b, c, clen);
    buf_puts(&b, "\n/* ---- dynboxc explain: the boxed slots' futures ---- */\nconst rt_usize " DB_LAYOUT_TABLE "[] = {\n");
    FutProbe **tail = &fl->probes; /* copies in the table's order */
    for (FutProbe *f = p->fut_probe; f; f = f->next) {
        FutProbe *c2 = arena_alloc(&u->arena, sizeof *c2);
        *c2 = (FutProbe){ NULL, f->impl_lo, arena_strndup(&u->arena, f->method, strlen(f->method)), NULL };
        *tail = c2;
        tail = &c2->next;
        buf_printf(&b, "    sizeof(%s), __alignof__(%s),\n", f->ctype, f->ctype);
        fl->n++;
    }
    buf_puts(&b, "    0, 0 };\n");
    const char *out = arena_strndup(&u->arena, b.s, b.len);
    buf_free(&b);
    db_unit_free(p);
    if (!fl->n) return NULL; /* no vtable with a boxed slot is built: nothing to measure */
    return out;
}

void db_explain_set_layouts(DbUnit *u, const size_t *table, const char *why) {
    struct FutLayouts *fl = u->fut_layouts;
    if (!fl) return;
    if (!table) {
        fl->unknown = arena_printf(&u->arena, "the lowered C did not compile (%s)", why && *why ? why : "no table");
        return;
    }
    fl->table = arena_alloc(&u->arena, sizeof *fl->table * (size_t)(2 * fl->n + 1));
    for (int i = 0; i < 2 * fl->n; i++) fl->table[i] = table[i];
}

/* The layout of impl im's boxed slot for method `name` in *size and
 * *align: -1 when unknown (*why says why); the instances of a generic impl
 * that differ give the largest, with *varies set. */
static void fut_layout(DbUnit *u, const DynImpl *im, const char *name, long *size, long *align, bool *varies,
                       const char **why) {
    *size = *align = -1;
    *varies = false;
    *why = NULL;
    struct FutLayouts *fl = u->fut_layouts;
    if (!fl) return; /* nobody measured: no reason to give either */
    if (fl->unknown) {
        *why = fl->unknown;
        return;
    }
    int i = 0;
    bool built = false;
    for (FutProbe *f = fl->probes; f; f = f->next, i++) {
        if (f->impl_lo != im->item->span.lo) continue;
        built = true;
        if (strcmp(f->method, name) != 0 || !fl->table) continue;
        long sz = (long)fl->table[2 * i], al = (long)fl->table[2 * i + 1];
        if (*size >= 0 && (sz != *size || al != *align)) *varies = true;
        if (sz > *size) *size = sz;
        if (al > *align) *align = al;
    }
    if (*size < 0)
        *why = built ? "the slot's body is the trait's default, which the lowering does not trace per impl"
                     : "the program never makes a `dyn` of this impl, so no vtable of it is built";
}

static void line_col(DbUnit *u, Span s, uint32_t *line, uint32_t *col) {
    src_line_col(&u->src, s.lo, line, col);
}

/* The stable-rules reasons, once each (a diamond of supertraits repeats). */
static int unique_reasons(DbUnit *u, const List *viol, const char **out, const DynViolation **src,
                          int max) {
    int n = 0;
    for (int i = 0; i < viol->n && n < max; i++) {
        const DynViolation *v = LIST_GET(*viol, i, DynViolation);
        const char *text = dyn_violation_text(u, v);
        bool dup = false;
        for (int k = 0; k < n; k++) dup |= strcmp(out[k], text) == 0;
        if (dup) continue;
        src[n] = v;
        out[n++] = text;
    }
    return n;
}

/* Every method reachable through `dyn t`, supertraits' first as the vtable
 * orders them (each trait once). */
static void all_methods(DbUnit *u, const DynTrait *t, List *out, List *seen) {
    for (int i = 0; i < seen->n; i++)
        if (LIST_GET(*seen, i, DynTrait) == t) return;
    list_push(&u->arena, seen, (void *)t);
    for (int i = 0; i < t->supers.n; i++) all_methods(u, LIST_GET(t->supers, i, DynTrait), out, seen);
    for (int i = 0; i < t->methods.n; i++) list_push(&u->arena, out, t->methods.v[i]);
}

static const char *slot_entry(DbUnit *u, const DynSlot *s, const char *self_name) {
    switch (s->kind) {
    case SLOT_DROP: return arena_printf(&u->arena, "drop_in_place::<%s>", self_name);
    case SLOT_SIZE: return arena_printf(&u->arena, "size_of::<%s>", self_name);
    case SLOT_ALIGN: return arena_printf(&u->arena, "align_of::<%s>", self_name);
    case SLOT_METHOD:
    case SLOT_BOXED:
        return arena_printf(&u->arena, "<%s as %s>::%s", self_name, s->method->trait->name, s->method->name);
    case SLOT_VPTR: return arena_printf(&u->arena, "vtable of `%s as %s`", self_name, s->vptr->name);
    }
    return "?";
}

static void text_slots(DbUnit *u, Buf *b, const DynTrait *t, const char *self_name, const DynImpl *im) {
    bool callee = u->opts.abi == DB_ABI_CALLEE;
    buf_printf(b, "    slot  offset  size  entry\n");
    for (int i = 0; i < t->slots.n; i++) {
        const DynSlot *s = LIST_GET(t->slots, i, DynSlot);
        buf_printf(b, "    %4d  %6d  %4d  %s", s->index, s->offset, s->size, slot_entry(u, s, self_name));
        if (s->kind == SLOT_BOXED) {
            long size = -1, align = -1;
            bool varies = false;
            const char *why = NULL;
            if (im) fut_layout(u, im, s->method->name, &size, &align, &varies, &why);
            if (callee) buf_puts(b, "  {construct}");
            else if (size >= 0) buf_printf(b, "  {fut_size: %ld, fut_align: %ld, init, fut_vtable}", size, align);
            else buf_puts(b, "  {fut_size: ?, fut_align: ?, init, fut_vtable}");
            if (size >= 0 && callee) buf_printf(b, "  (future: %ld bytes, align %ld)", size, align);
            if (varies) buf_puts(b, "  (the largest of its instances)");
            if (why) buf_printf(b, "  (size unknown: %s)", why);
        }
        buf_putc(b, '\n');
    }
}

static void text_report(DbUnit *u, Buf *b) {
    DynInfo *in = u->dyn;
    buf_printf(b, "%s: %d trait%s (rules=%s, abi=%s)\n", u->src.name, in->traits.n,
               in->traits.n == 1 ? "" : "s", u->opts.rules == DB_RULES_STABLE ? "stable" : "method-scope",
               u->opts.abi == DB_ABI_CALLEE ? "callee" : "vtable-size");
    for (int i = 0; i < in->traits.n; i++) {
        const DynTrait *t = LIST_GET(in->traits, i, DynTrait);
        uint32_t line, col;
        line_col(u, t->name_span, &line, &col);
        buf_printf(b, "\ntrait %s (line %u)\n", t->name, line);
        const char *reasons[64];
        const DynViolation *src[64];
        int n = unique_reasons(u, &t->violations, reasons, src, 64);
        buf_printf(b, "  rules=stable: %s\n", t->ok_stable ? "dyn compatible" : "not dyn compatible (E0038)");
        for (int k = 0; k < n; k++) buf_printf(b, "    ...because %s\n", reasons[k]);
        n = unique_reasons(u, &t->trait_level, reasons, src, 64);
        buf_printf(b, "  rules=method-scope: %s\n",
                   t->ok_method_scope ? "dyn compatible" : "not dyn compatible (E0038)");
        for (int k = 0; k < n; k++) buf_printf(b, "    ...because %s\n", reasons[k]);
        List methods = { 0 }, seen = { 0 };
        all_methods(u, t, &methods, &seen);
        if (methods.n) buf_puts(b, "  methods:\n");
        size_t width = 0;
        for (int k = 0; k < methods.n; k++) {
            size_t l = strlen(LIST_GET(methods, k, DynMethod)->name);
            if (l > width) width = l;
        }
        for (int k = 0; k < methods.n; k++) {
            const DynMethod *m = LIST_GET(methods, k, DynMethod);
            buf_printf(b, "    %-*s  %s", (int)width, m->name, dyn_class_name(m->cls));
            int pad = 8 - (int)strlen(dyn_class_name(m->cls));
            if (m->reason) buf_printf(b, "%*s  %s", pad, "", m->reason);
            if (m->trait != t) buf_printf(b, "%*s  (from `%s`)", m->reason ? 0 : pad, "", m->trait->name);
            buf_putc(b, '\n');
        }
        if (!t->ok_method_scope) {
            buf_puts(b, "  vtable: none (`dyn` is rejected under both rule sets)\n");
            continue;
        }
        buf_printf(b, "  vtable of `dyn %s`: %d slots, %d bytes\n", t->name, t->slots.n, t->vtable_size);
        text_slots(u, b, t, "Self", NULL);
        for (int k = 0; k < in->impls.n; k++) {
            const DynImpl *im = LIST_GET(in->impls, k, DynImpl);
            if (im->trait != t) continue;
            line_col(u, im->item->span, &line, &col);
            buf_printf(b, "  impl %s for %s (line %u)\n", t->name, im->type_text, line);
            text_slots(u, b, t, im->type_text, im);
        }
    }
}

static void json_str(Buf *b, const char *s) {
    if (!s) buf_puts(b, "null");
    else buf_json_string(b, s, strlen(s));
}

static void json_pos(DbUnit *u, Buf *b, Span s) {
    if (s.hi <= s.lo && s.lo == 0) {
        buf_puts(b, "null");
        return;
    }
    uint32_t line, col;
    line_col(u, s, &line, &col);
    buf_printf(b, "{\"byte_start\":%u,\"byte_end\":%u,\"line\":%u,\"column\":%u}", s.lo, s.hi, line, col);
}

static void json_verdict(DbUnit *u, Buf *b, bool ok, const List *viol) {
    const char *reasons[64];
    const DynViolation *src[64];
    int n = unique_reasons(u, viol, reasons, src, 64);
    buf_printf(b, "{\"dyn_compatible\":%s,\"violations\":[", ok ? "true" : "false");
    for (int k = 0; k < n; k++) {
        static const char *const kinds[] = { "sized_self", "supertrait_self", "method", "assoc_const", "gat" };
        buf_printf(b, "%s{\"kind\":\"%s\",\"item\":", k ? "," : "", kinds[src[k]->kind]);
        json_str(b, src[k]->name);
        buf_puts(b, ",\"trait\":");
        json_str(b, src[k]->owner ? src[k]->owner->name : NULL);
        buf_puts(b, ",\"reason\":");
        json_str(b, reasons[k]);
        buf_puts(b, ",\"span\":");
        json_pos(u, b, src[k]->nspans ? src[k]->spans[0] : (Span){ 0, 0 });
        buf_putc(b, '}');
    }
    buf_puts(b, "]}");
}

static void json_slots(DbUnit *u, Buf *b, const DynTrait *t, const char *self_name, const DynImpl *im) {
    buf_putc(b, '[');
    for (int i = 0; i < t->slots.n; i++) {
        const DynSlot *s = LIST_GET(t->slots, i, DynSlot);
        buf_printf(b, "%s{\"slot\":%d,\"offset\":%d,\"size\":%d,\"kind\":\"%s\",\"method\":", i ? "," : "",
                   s->index, s->offset, s->size, dyn_slot_kind_name(s->kind));
        json_str(b, s->method ? s->method->name : NULL);
        buf_puts(b, ",\"entry\":");
        json_str(b, slot_entry(u, s, self_name));
        if (s->kind == SLOT_BOXED) {
            long size = -1, align = -1;
            bool varies = false;
            const char *why = NULL;
            if (im) fut_layout(u, im, s->method->name, &size, &align, &varies, &why);
            if (size >= 0) buf_printf(b, ",\"fut_size\":%ld,\"fut_align\":%ld", size, align);
            else buf_puts(b, ",\"fut_size\":null,\"fut_align\":null");
            if (varies) buf_puts(b, ",\"fut_layout_varies\":true");
            if (why) {
                buf_puts(b, ",\"fut_unknown\":");
                json_str(b, why);
            }
        }
        if (s->kind == SLOT_VPTR) {
            buf_puts(b, ",\"trait\":");
            json_str(b, s->vptr->name);
        }
        buf_putc(b, '}');
    }
    buf_putc(b, ']');
}

static void json_report(DbUnit *u, Buf *b) {
    DynInfo *in = u->dyn;
    buf_puts(b, "{\"version\":1,\"file\":");
    json_str(b, u->src.name);
    buf_printf(b, ",\"rules\":\"%s\",\"abi\":\"%s\",\"pointer_size\":8,\"traits\":[",
               u->opts.rules == DB_RULES_STABLE ? "stable" : "method-scope",
               u->opts.abi == DB_ABI_CALLEE ? "callee" : "vtable-size");
    for (int i = 0; i < in->traits.n; i++) {
        const DynTrait *t = LIST_GET(in->traits, i, DynTrait);
        buf_puts(b, i ? "," : "");
        buf_puts(b, "{\"name\":");
        json_str(b, t->name);
        buf_puts(b, ",\"span\":");
        json_pos(u, b, t->name_span);
        buf_puts(b, ",\"supertraits\":[");
        for (int k = 0; k < t->supers.n; k++) {
            buf_puts(b, k ? "," : "");
            json_str(b, LIST_GET(t->supers, k, DynTrait)->name);
        }
        buf_puts(b, "],\"stable\":");
        json_verdict(u, b, t->ok_stable, &t->violations);
        buf_puts(b, ",\"method_scope\":");
        json_verdict(u, b, t->ok_method_scope, &t->trait_level);
        buf_puts(b, ",\"methods\":[");
        List methods = { 0 }, seen = { 0 };
        all_methods(u, t, &methods, &seen);
        for (int k = 0; k < methods.n; k++) {
            const DynMethod *m = LIST_GET(methods, k, DynMethod);
            int slot = -1;
            for (int s = 0; s < t->slots.n; s++)
                if (LIST_GET(t->slots, s, DynSlot)->method == m) slot = s;
            buf_puts(b, k ? "," : "");
            buf_puts(b, "{\"name\":");
            json_str(b, m->name);
            buf_puts(b, ",\"trait\":");
            json_str(b, m->trait->name);
            buf_printf(b, ",\"class\":\"%s\",\"reason\":", dyn_class_name(m->cls));
            json_str(b, m->reason);
            buf_puts(b, ",\"span\":");
            json_pos(u, b, m->name_span);
            if (slot >= 0 && t->ok_method_scope) buf_printf(b, ",\"slot\":%d}", slot);
            else buf_puts(b, ",\"slot\":null}");
        }
        buf_puts(b, "],\"vtable\":");
        if (!t->ok_method_scope) {
            buf_puts(b, "null,\"impls\":[");
        } else {
            buf_printf(b, "{\"size\":%d,\"slots\":", t->vtable_size);
            json_slots(u, b, t, "Self", NULL);
            buf_puts(b, "},\"impls\":[");
        }
        int ni = 0;
        for (int k = 0; k < in->impls.n; k++) {
            const DynImpl *im = LIST_GET(in->impls, k, DynImpl);
            if (im->trait != t) continue;
            buf_puts(b, ni++ ? "," : "");
            buf_puts(b, "{\"type\":");
            json_str(b, im->type_text);
            buf_puts(b, ",\"span\":");
            json_pos(u, b, im->item->span);
            buf_puts(b, ",\"slots\":");
            if (t->ok_method_scope) json_slots(u, b, t, im->type_text, im);
            else buf_puts(b, "null");
            buf_putc(b, '}');
        }
        buf_puts(b, "]}");
    }
    buf_puts(b, "]}\n");
}

const char *db_explain_report(DbUnit *u, DbFormat format) {
    db_run(u, DB_PHASE_CHECK);
    if (!u->dyn) return "";
    Buf b = { 0 };
    if (format == DB_FORMAT_JSON) json_report(u, &b);
    else text_report(u, &b);
    /* the unit owns what it hands out: copy into its arena */
    const char *out = arena_strndup(&u->arena, b.s ? b.s : "", b.len);
    buf_free(&b);
    return out;
}
