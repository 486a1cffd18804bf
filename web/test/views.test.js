// Unit tests of src/views.js on the explain report dynboxc prints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explainHtml, compareHtml, ledgerHtml, siteMarkers, timelineHtml, esc } from '../src/views.js';

const report = { version: 1, traits: [{
  name: 'Shape', span: { line: 6, column: 7 },
  stable: { dyn_compatible: false, violations: [{ kind: 'method', item: 'render', reason: 'method `render` is `async`', span: { line: 11, column: 14 } }] },
  method_scope: { dyn_compatible: true, violations: [] },
  methods: [{ name: 'area', class: 'vtable', reason: null, slot: 3, span: { line: 7, column: 8 } },
            { name: 'render', class: 'boxed', reason: 'method `render` is `async`', slot: 4 },
            { name: 'tag', class: 'excluded', reason: 'method `tag` has generic type parameters', slot: null }],
  vtable: { size: 64, slots: [{ slot: 3, offset: 24, size: 8, kind: 'method', method: 'area', entry: '<Self as Shape>::area' }] },
  impls: [{ type: 'Square<T>', slots: [{ slot: 4, offset: 32, size: 32, kind: 'boxed', method: 'render', entry: '<Square as Shape>::render', fut_size: 48, fut_align: 8 }] }],
}] };

test('explain: verdicts, classes, reasons and the vtable table', () => {
  const h = explainHtml(report);
  assert.match(h, /stable rules: <span class="badge bad">not dyn compatible/);
  assert.match(h, /method-scope rules: <span class="badge ok">dyn compatible/);
  assert.match(h, /<code>render<\/code>.*boxed.*method <code>render<\/code> is <code>async<\/code>/s);
  assert.match(h, /excluded/);
  assert.match(h, /<td>24<\/td><td>8<\/td><td>method<\/td>/);
  assert.match(h, /Square&lt;T&gt;/, 'type names are escaped');
  assert.match(h, /48 \/ 8/);
  assert.match(explainHtml(null), /press Check/);
});

test('compare: both rule sets side by side', () => {
  const h = compareHtml(report);
  assert.match(h, /rules=stable.*rejected \(E0038\).*render.*rules=method-scope/s);
  assert.match(h, /<code>tag<\/code>: <span class="cls cls-excluded">excluded/);
});

test('ledger table and gutter markers', () => {
  const l = { kinds: [{ kind: 'boxed future', allocs: 5, bytes: 160 }, { kind: 'Vec', allocs: 0, bytes: 0 }],
              sites: [{ line: 31, col: 15, count: 5, bytes: 160, text: 'c.step(acc).box' }, { line: 31, col: 40, count: 1, bytes: 8, text: 'x' },
                      { line: 2, col: 1, count: 1, bytes: 8, text: '<b>' }],
              live_bytes: 0, peak_bytes: 32 };
  const h = ledgerHtml(l);
  assert.match(h, /boxed future<\/td><td>5/);
  assert.doesNotMatch(h, />Vec</, 'kinds that never allocated are left out');
  assert.match(h, /31:15/);
  assert.match(h, /&lt;b&gt;/);
  assert.match(h, /0 bytes live/);
  assert.deepEqual(siteMarkers(l), [{ line: 31, label: '×6 allocs' }, { line: 2, label: '×1 alloc' }]);
  assert.match(ledgerHtml({ ...l, live_bytes: 8 }), /8 bytes still live/);
  assert.match(ledgerHtml({ kinds: [], sites: [], live_bytes: 0 }), /static dispatch allocates nothing/);
});

test('timeline: events placed on the virtual clock', () => {
  const h = timelineHtml([{ t_ms: 0, stream: 'stdout', text: 'a\n' }, { t_ms: 50, stream: 'stderr', text: '<x>\n' }], 100);
  assert.match(h, /left:0\.00%/);
  assert.match(h, /class="ev stderr".*left:50\.00%.*&lt;x&gt;/s);
  assert.equal(esc(`"'&`), '&quot;&#39;&amp;');
});
