// Unit tests of src/api.js's normalizers and error messages, on responses
// shaped as the server sends them (nested compile/run) and flat.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeCompile, normalizeRun, normalizeLedger, normalizeSnippet, normalizeExamples,
         errorFromResponse } from '../src/api.js';

const ledger = { kinds: [{ kind: 'boxed future', allocs: 3, bytes: 96, live_count: 0, live_bytes: 0 }],
                 sites: [{ line: 7, col: 13, text: 'c.step(acc).box', allocs: 3, bytes: 96 }],
                 live_count: 0, live_bytes: 0, peak_bytes: 32 };

test('a nested run result', () => {
  const r = normalizeRun({
    status: 'done',
    compile: { success: true, diagnostics: [], c: 'int x;', explain: { traits: [] }, timings_us: { frontend: 1500, tcc: 500 } },
    run: { verdict: 'ok', exit_code: 0, stdout: 'a\n', stderr: 'b\n', events: [{ stream: 'stdout', time_ms: 5, text: 'a\n' },
           { stream: 'stderr', time_ms: 7, text: 'b\n' }], virtual_ms: 7, cpu_ms: 1, ledger },
    stages_us: { total: 4000 },
  });
  assert.equal(r.verdict, 'ok');
  assert.equal(r.ran, true);
  assert.equal(r.c, 'int x;');
  assert.deepEqual(r.events.map((e) => [e.t_ms, e.stream]), [[5, 'stdout'], [7, 'stderr']]);
  assert.equal(r.timings.frontend, 1.5);
  assert.equal(r.timings.total, 4);
  assert.equal(r.ledger.sites[0].count, 3);
  assert.equal(r.ledger.sites[0].col, 13);
});

test('a flat run result (dynboxc run --json style) and t_ms events', () => {
  const r = normalizeRun({ status: 'panicked', exit_code: 101, stdout: '', stderr: 'boom',
                           events: [{ stream: 'stderr', t_ms: 3, text: 'boom' }], ledger, timings_us: { compile: 2000 } });
  assert.equal(r.verdict, 'panic');
  assert.equal(r.exit_code, 101);
  assert.equal(r.events[0].t_ms, 3);
  assert.equal(r.timings.compile, 2);
});

test('a run that did not compile', () => {
  const d = { message: 'm', level: 'error', spans: [], children: [] };
  const r = normalizeRun({ compile: { success: false, diagnostics: [d], c: null }, run: null });
  assert.equal(r.ran, false);
  assert.equal(r.verdict, 'compile_error');
  assert.equal(r.success, false);
  assert.equal(r.diagnostics.length, 1);
});

test('compile results: success inferred from the diagnostics when absent', () => {
  assert.equal(normalizeCompile({ diagnostics: [{ level: 'warning', message: 'w' }] }).success, true);
  assert.equal(normalizeCompile({ diagnostics: [{ level: 'error', message: 'e' }] }).success, false);
});

test('ledger totals given as an object by kind', () => {
  const l = normalizeLedger({ totals: { Box: 2, 'boxed future': { count: 1, bytes: 32 } }, sites: [{ line: 2, column: 5, count: 1, bytes: 32 }], live_bytes: 8 });
  assert.deepEqual(l.kinds.map((k) => [k.kind, k.allocs]), [['Box', 2], ['boxed future', 1]]);
  assert.equal(l.sites[0].col, 5);
  assert.equal(l.live_bytes, 8);
  assert.equal(normalizeLedger(null), null);
});

test('snippets and examples', () => {
  assert.deepEqual(normalizeSnippet({ id: 'abc', code: 'x', options: { rules: 'stable' } }),
                   { id: 'abc', code: 'x', options: { rules: 'stable' } });
  assert.deepEqual(normalizeSnippet({ id: 'abc', code: 'x', rules: 'stable', abi: 'callee' }).options,
                   { rules: 'stable', abi: 'callee' });
  const ex = normalizeExamples({ examples: [{ name: 'a', description: 'error: bad', code: 'x' }, { name: 'b', path: '/x.rs' }, {}] });
  assert.equal(ex.length, 2);
  assert.equal(ex[0].error, true);
  assert.equal(ex[1].url, '/x.rs');
});

test('error responses read as sentences', () => {
  assert.match(errorFromResponse(429, { error: { code: 'rate_limited', message: 'slow down' } }).message, /rate limiting.*slow down/);
  assert.match(errorFromResponse(503, null).message, /busy.*503/);
  assert.match(errorFromResponse(413, { error: { code: 'too_large', message: 'code exceeds 65536 bytes' } }).message, /65536.*413/);
  assert.equal(errorFromResponse(500, 'x').status, 500);
});
