// Unit tests of src/diagnostics.js: byte spans to editor offsets, squiggles,
// quick fixes, on diagnostics in the shape dynboxc prints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ByteMap, toEntries, toLint, quickFixes, fixLabel } from '../src/diagnostics.js';

test('byte offsets to UTF-16 offsets and back', () => {
  const t = 'aé€😀b';
  const m = new ByteMap(t);
  assert.equal(m.byteLength, Buffer.byteLength(t));
  assert.deepEqual([0, 1, 3, 6, 10, 11].map((b) => m.toIndex(b)), [0, 1, 2, 3, 5, 6]);
  assert.equal(m.toIndex(2), 1, 'inside é maps to its start');
  assert.equal(m.toIndex(8), 3, 'inside the emoji maps to its start');
  assert.equal(m.toIndex(-5), 0);
  assert.equal(m.toIndex(999), t.length);
  for (let i = 0; i <= t.length; i++) {
    if (i === 4) continue; // the low surrogate has no byte offset of its own
    assert.equal(m.toIndex(m.toByte(i)), i);
  }
  assert.equal(m.toByte(5), Buffer.byteLength('aé€😀'));
});

function span(src, needle, extra = {}) {
  const i = src.indexOf(needle);
  const bs = Buffer.byteLength(src.slice(0, i));
  return { byte_start: bs, byte_end: bs + Buffer.byteLength(needle), line_start: src.slice(0, i).split('\n').length,
           column_start: i - src.lastIndexOf('\n', i - 1), is_primary: true, label: null,
           suggested_replacement: null, suggestion_applicability: null, ...extra };
}

// DB0002 as dynboxc emits it, on a line after a non-ASCII comment so byte
// and UTF-16 offsets differ.
const SRC = '// café → ünïcode\nasync fn f(g: &dyn G) {\n    let t = g.greet().await;\n}\n';
function db0002() {
  const call = span(SRC, 'g.greet()', { label: 'the future returned through `dyn G` has no size known here' });
  const at = call.byte_end;
  return {
    message: '`greet` is async, so calling it through `dyn G` needs `.box`', code: { code: 'DB0002', explanation: '...' },
    level: 'error', spans: [call],
    children: [
      { message: 'method `greet` is `async`', code: null, level: 'note', spans: [], children: [], rendered: null },
      { message: 'box the future at the call site', code: null, level: 'help', children: [], rendered: null,
        spans: [{ ...call, byte_start: at, byte_end: at, suggested_replacement: '.box', suggestion_applicability: 'MachineApplicable' }] },
    ],
    rendered: 'error[DB0002]: ...',
  };
}

test('a diagnostic becomes a list entry at the right place', () => {
  const [e] = toEntries([db0002()], SRC);
  assert.equal(SRC.slice(e.from, e.to), 'g.greet()');
  assert.equal(e.code, 'DB0002');
  assert.equal(e.severity, 'error');
  assert.equal(e.line, 3);
  assert.deepEqual(e.notes, ['the future returned through `dyn G` has no size known here',
                             'note: method `greet` is `async`', 'help: box the future at the call site']);
});

test('the machine-applicable suggestion is a one-click fix that inserts .box', () => {
  const [e] = toEntries([db0002()], SRC);
  assert.equal(e.fixes.length, 1);
  assert.equal(e.fixes[0].label, 'insert `.box`');
  const [c] = e.fixes[0].changes;
  const fixed = SRC.slice(0, c.from) + c.insert + SRC.slice(c.to);
  assert.match(fixed, /let t = g\.greet\(\)\.box\.await;/);
});

test('suggestions that are not machine-applicable give no fix', () => {
  const d = db0002();
  d.children[1].spans[0].suggestion_applicability = 'MaybeIncorrect';
  assert.deepEqual(quickFixes(d), []);
  assert.equal(fixLabel({ edits: [{ byteStart: 1, byteEnd: 3, insert: 'x' }] }), 'replace with `x`');
});

test('squiggles: lint diagnostics with the message, code and an action', () => {
  const entries = toEntries([db0002()], SRC);
  const applied = [];
  const [l] = toLint(entries, SRC.length, (view, changes) => applied.push(changes));
  assert.equal(SRC.slice(l.from, l.to), 'g.greet()');
  assert.equal(l.severity, 'error');
  assert.match(l.message, /^\[DB0002\] `greet` is async/);
  assert.equal(l.actions.length, 1);
  l.actions[0].apply(null, 0, 0);
  assert.equal(applied.length, 1);
});

test('an empty span still shows a visible squiggle, clamped to the text', () => {
  const d = { message: 'expected `;`', level: 'error', code: null, children: [],
              spans: [{ byte_start: 5, byte_end: 5, line_start: 1, column_start: 6, is_primary: true }] };
  const [l] = toLint(toEntries([d], 'hello world'), 11, () => {});
  assert.deepEqual([l.from, l.to], [5, 6]);
  const [m] = toLint(toEntries([{ ...d, spans: [{ ...d.spans[0], byte_start: 50, byte_end: 50 }] }], 'abc'), 3, () => {});
  assert.deepEqual([m.from, m.to], [2, 3]);
});

test('the span-less summary line is dropped; other span-less ones are kept', () => {
  const e = toEntries([{ message: 'aborting due to 1 previous error', level: 'error', spans: [] },
                       { message: 'internal compiler error: x', level: 'error', spans: [] }, null], 'x');
  assert.equal(e.length, 1);
  assert.equal(e[0].line, null);
  assert.equal(e[0].from, 0);
});
