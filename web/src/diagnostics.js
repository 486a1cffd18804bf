// rustc-shaped JSON diagnostics (docs/api.md) to what the editor shows:
// CodeMirror lint diagnostics (squiggles with hover), the list under the
// editor, and one-click quick fixes from machine-applicable suggestions.
// Spans count UTF-8 bytes; the editor counts UTF-16 code units, so every
// offset goes through a ByteMap. Pure functions, no DOM.

// Maps UTF-8 byte offsets of `text` to UTF-16 offsets, and back.
export class ByteMap {
  constructor(text) {
    this.text = text;
    // byteOf[i]: byte offset of UTF-16 index i; byteOf[text.length]: total
    const byteOf = new Uint32Array(text.length + 1);
    let bytes = 0;
    for (let i = 0; i < text.length; i++) {
      byteOf[i] = bytes;
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        byteOf[i + 1] = bytes; // the low surrogate belongs to the same character
        bytes += 4;
        i++;
      } else {
        bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
      }
    }
    byteOf[text.length] = bytes;
    this.byteOf = byteOf;
    this.byteLength = bytes;
  }

  // UTF-16 index of byte offset `b`, clamped to the text; a byte inside a
  // character maps to that character's start.
  toIndex(b) {
    if (!(b > 0)) return 0;
    if (b >= this.byteLength) return this.text.length;
    let lo = 0, hi = this.text.length; // largest i with byteOf[i] <= b
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.byteOf[mid] <= b) lo = mid;
      else hi = mid - 1;
    }
    while (lo > 0 && this.byteOf[lo - 1] === this.byteOf[lo]) lo--; // surrogate pair start
    return lo;
  }

  toByte(index) {
    return this.byteOf[Math.max(0, Math.min(index, this.text.length))];
  }
}

const SEVERITY = { error: 'error', 'error: internal compiler error': 'error', warning: 'warning',
                   note: 'info', help: 'hint', 'failure-note': 'info' };

export function severityOf(level) {
  return SEVERITY[level] || 'error';
}

// Every machine-applicable replacement in a diagnostic and its children:
// [{message, edits: [{byteStart, byteEnd, insert}]}], one fix per child
// (rustc groups the spans of one suggestion in one child).
export function quickFixes(diag) {
  const fixes = [];
  const visit = (d) => {
    const edits = [];
    for (const s of d.spans || []) {
      if (s.suggested_replacement != null && s.suggestion_applicability === 'MachineApplicable')
        edits.push({ byteStart: s.byte_start, byteEnd: s.byte_end, insert: s.suggested_replacement });
    }
    if (edits.length) fixes.push({ message: d.message, edits });
    for (const c of d.children || []) visit(c);
  };
  visit(diag);
  return fixes;
}

function primarySpan(diag) {
  const spans = diag.spans || [];
  return spans.find((s) => s.is_primary) || spans[0] || null;
}

// A short label for a fix button: `insert `.box`` or `replace with `x``.
export function fixLabel(fix) {
  const e = fix.edits[0];
  if (fix.edits.length === 1 && e.byteStart === e.byteEnd) return `insert \`${e.insert}\``;
  if (fix.edits.length === 1 && e.insert === '') return 'remove';
  return `replace with \`${e.insert}\``;
}

// Diagnostics to list entries: {severity, code, message, line, column, from,
// to, notes[], fixes[]} with UTF-16 offsets into `text`. A diagnostic
// without spans (e.g. "aborting due to ...") is listed at offset 0, unless
// it is the summary line rustc prints after the real ones.
export function toEntries(diags, text) {
  const map = new ByteMap(text);
  const out = [];
  for (const d of diags || []) {
    if (!d || typeof d.message !== 'string') continue;
    if (/^aborting due to/.test(d.message) && !(d.spans || []).length) continue;
    const sp = primarySpan(d);
    let from = 0, to = 0, line = null, column = null;
    if (sp) {
      from = map.toIndex(sp.byte_start);
      to = Math.max(from, map.toIndex(sp.byte_end));
      line = sp.line_start;
      column = sp.column_start;
    }
    const notes = [];
    if (sp && sp.label) notes.push(sp.label);
    for (const c of d.children || []) notes.push(`${c.level}: ${c.message}`);
    const code = d.code && typeof d.code === 'object' ? d.code.code : d.code || null;
    const fixes = quickFixes(d).map((f) => ({
      label: fixLabel(f),
      message: f.message,
      changes: f.edits.map((e) => ({ from: map.toIndex(e.byteStart), to: map.toIndex(e.byteEnd), insert: e.insert })),
    }));
    out.push({ severity: severityOf(d.level), level: d.level, code, message: d.message, line, column,
               from, to, notes, fixes, rendered: d.rendered || null });
  }
  return out;
}

// Entries to CodeMirror lint diagnostics. An empty span (an insertion
// point) is widened to the next character so the squiggle is visible.
// `apply(view, changes)` performs a fix; the caller supplies it.
export function toLint(entries, docLength, apply) {
  return entries.map((e) => {
    let from = Math.min(e.from, docLength), to = Math.min(e.to, docLength);
    if (to === from) {
      if (to < docLength) to++;
      else if (from > 0) from--;
    }
    const message = [e.code ? `[${e.code}] ${e.message}` : e.message, ...e.notes].join('\n');
    return {
      from, to, severity: e.severity, message, source: e.code || 'dynbox',
      actions: e.fixes.map((f) => ({ name: f.label, apply: (view) => apply(view, f.changes) })),
    };
  });
}
