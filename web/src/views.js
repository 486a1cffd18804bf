// HTML for the output tabs: the explain report per trait, the side-by-side
// of both rule sets, the allocation ledger, the virtual-time timeline.
// Pure string builders (every value escaped), so node can test them.

export function esc(v) {
  return String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

// `code` spans in the compiler's text ("method `fetch` is `async`").
export function ticks(text) {
  return esc(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

function jump(span) {
  if (!span || span.line == null) return '';
  return ` <button type="button" class="link jump" data-line="${esc(span.line)}" data-col="${esc(span.column ?? 1)}" title="go to line ${esc(span.line)}">line ${esc(span.line)}</button>`;
}

function verdict(v) {
  if (!v) return '<span class="badge">unknown</span>';
  return v.dyn_compatible ? '<span class="badge ok">dyn compatible</span>'
                          : '<span class="badge bad">not dyn compatible</span>';
}

function violations(v) {
  if (!v || !v.violations || !v.violations.length) return '';
  return `<ul class="violations">${v.violations.map((x) => `<li>${ticks(x.reason)}${jump(x.span)}</li>`).join('')}</ul>`;
}

function slotTable(slots, caption) {
  if (!slots || !slots.length) return '';
  const rows = slots.map((s) => `<tr><td>${esc(s.slot)}</td><td>${esc(s.offset)}</td><td>${esc(s.size)}</td>` +
    `<td>${esc(s.kind)}</td><td>${s.method ? `<code>${esc(s.method)}</code>` : ''}</td><td><code>${esc(s.entry)}</code></td>` +
    `<td>${s.fut_size != null ? esc(`${s.fut_size} / ${s.fut_align}`) : ''}</td></tr>`).join('');
  return `<table class="vtable"><caption>${caption}</caption><thead><tr><th>slot</th><th>offset</th><th>size</th>` +
    `<th>kind</th><th>method</th><th>entry</th><th>future size / align</th></tr></thead><tbody>${rows}</tbody></table>`;
}

const CLASS_HELP = {
  vtable: 'called through a function pointer',
  boxed: 'through `dyn` only as `x.m(..).box` or `dyn_box!`',
  excluded: 'no vtable slot; a call through `dyn` is an error',
};

// The explain report: per trait its verdict under both rule sets, each
// method's dispatch class and reason, the vtable layout (trait and impls).
export function explainHtml(report) {
  if (!report || !Array.isArray(report.traits)) return '<p class="empty">No explain report: press Check.</p>';
  if (!report.traits.length) return '<p class="empty">This program declares no traits.</p>';
  return report.traits.map((t) => {
    const methods = (t.methods || []).map((m) => `<tr class="cls-${esc(m.class)}"><td><code>${esc(m.name)}</code>${jump(m.span)}</td>` +
      `<td><span class="cls" title="${esc(CLASS_HELP[m.class] || '')}">${esc(m.class)}</span></td>` +
      `<td>${m.reason ? ticks(m.reason) : ''}</td><td>${m.slot ?? '—'}</td></tr>`).join('');
    const impls = (t.impls || []).map((i) => slotTable(i.slots, `vtable of <code>${esc(i.type)}</code> as <code>dyn ${esc(t.name)}</code>`)).join('');
    return `<section class="trait" data-trait="${esc(t.name)}"><h3>trait <code>${esc(t.name)}</code>${jump(t.span)}</h3>` +
      `<p>stable rules: ${verdict(t.stable)} · method-scope rules: ${verdict(t.method_scope)}</p>` +
      violations(t.method_scope) +
      (methods ? `<table class="methods"><caption>methods under method-scope rules</caption><thead><tr><th>method</th><th>class</th><th>reason</th><th>slot</th></tr></thead><tbody>${methods}</tbody></table>` : '') +
      (t.vtable ? slotTable(t.vtable.slots, `vtable layout (${esc(t.vtable.size)} bytes)`) : '') + impls + '</section>';
  }).join('');
}

// The same trait under both rule sets, side by side.
export function compareHtml(report) {
  if (!report || !Array.isArray(report.traits)) return '<p class="empty">No explain report: press Check.</p>';
  if (!report.traits.length) return '<p class="empty">This program declares no traits.</p>';
  return report.traits.map((t) => {
    const stable = t.stable || {};
    const ms = t.method_scope || {};
    const left = `<div class="col"><h4>rules=stable (rustc 1.95)</h4><p>${verdict(stable)}</p>` +
      (stable.dyn_compatible ? '<p>Every method dispatches through the vtable.</p>'
        : `<p><code>dyn ${esc(t.name)}</code> is rejected (E0038) because:</p>${violations(stable)}`) + '</div>';
    const rows = (t.methods || []).map((m) => `<li><code>${esc(m.name)}</code>: <span class="cls cls-${esc(m.class)}">${esc(m.class)}</span>` +
      `${m.class !== 'vtable' && m.reason ? ` — ${ticks(m.reason)}` : ''}</li>`).join('');
    const right = `<div class="col"><h4>rules=method-scope (the proposal)</h4><p>${verdict(ms)}</p>` +
      (ms.dyn_compatible ? `<ul class="classes">${rows}</ul>` : violations(ms)) + '</div>';
    return `<section class="trait compare"><h3>trait <code>${esc(t.name)}</code>${jump(t.span)}</h3><div class="cols">${left}${right}</div></section>`;
  }).join('');
}

// The ledger table: totals by kind (only kinds that allocated), then one
// row per `.box` / `dyn_box!` site, then what was live at exit.
export function ledgerHtml(ledger) {
  if (!ledger) return '<p class="empty">No allocation ledger: press Run.</p>';
  const kinds = ledger.kinds.filter((k) => k.allocs || k.live_count || k.bytes);
  const kindRows = kinds.map((k) => `<tr><td>${esc(k.kind)}</td><td>${esc(k.allocs)}</td><td>${esc(k.bytes ?? '')}</td>` +
    `<td>${esc(k.live_count ?? '')}</td><td>${esc(k.live_bytes ?? '')}</td></tr>`).join('');
  const siteRows = ledger.sites.map((s) => `<tr><td><button type="button" class="link jump" data-line="${esc(s.line)}" data-col="${esc(s.col)}">${esc(s.line)}:${esc(s.col)}</button></td>` +
    `<td>${esc(s.count)}</td><td>${esc(s.bytes)}</td><td><code>${esc(s.text)}</code></td></tr>`).join('');
  const live = ledger.live_bytes ? `<p class="leak">${esc(ledger.live_bytes)} bytes still live at exit (a leak)</p>`
                                 : '<p>0 bytes live at exit.</p>';
  return (kindRows ? `<table class="ledger"><caption>allocations by kind</caption><thead><tr><th>kind</th><th>allocs</th><th>bytes</th><th>live</th><th>live bytes</th></tr></thead><tbody>${kindRows}</tbody></table>`
                   : '<p>No allocations at all.</p>') +
    (siteRows ? `<table class="sites"><caption>per <code>.box</code> / <code>dyn_box!</code> call site</caption><thead><tr><th>line:col</th><th>allocs</th><th>bytes</th><th>call</th></tr></thead><tbody>${siteRows}</tbody></table>`
              : '<p>No <code>.box</code> call site allocated (static dispatch allocates nothing).</p>') +
    live + (ledger.peak_bytes != null ? `<p>Peak: ${esc(ledger.peak_bytes)} bytes.</p>` : '');
}

// Gutter markers for the ledger: {line -> "×N allocs"}, summing sites
// that share a line.
export function siteMarkers(ledger) {
  const byLine = new Map();
  for (const s of (ledger && ledger.sites) || []) {
    if (!(s.line >= 1)) continue;
    byLine.set(s.line, (byLine.get(s.line) || 0) + s.count);
  }
  return [...byLine].map(([line, n]) => ({ line, label: `×${n} alloc${n === 1 ? '' : 's'}` }));
}

// The timeline: output events placed on the virtual clock.
export function timelineHtml(events, virtualMs) {
  if (!events || !events.length) return '<p class="empty">No output events.</p>';
  const end = Math.max(virtualMs || 0, ...events.map((e) => e.t_ms), 1);
  const rows = events.map((e) => `<li class="ev ${e.stream}"><span class="t">${esc(e.t_ms)} ms</span>` +
    `<span class="bar" aria-hidden="true"><span class="dot" style="left:${(100 * e.t_ms / end).toFixed(2)}%"></span></span>` +
    `<span class="txt">${esc(e.text.replace(/\n$/, ''))}</span></li>`).join('');
  return `<ol class="timeline" aria-label="output events by virtual time">${rows}</ol>`;
}

export function formatMs(ms) {
  if (ms == null) return '';
  return ms < 10 ? `${ms.toFixed(2)} ms` : ms < 1000 ? `${ms.toFixed(1)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

export const VERDICT_TEXT = {
  ok: 'ok', panic: 'panicked', panicked: 'panicked', timeout: 'timed out', memory: 'out of memory',
  output_limit: 'output limit', syscall: 'forbidden system call', crashed: 'crashed',
  internal_error: 'internal error', compile_error: 'did not compile', not_run: 'not run',
};
