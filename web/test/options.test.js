// Unit tests of src/options.js: the `// dynbox:` line and the URL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseOptionLine, writeOptionLine, optionsFromSearch, searchWithOptions, resolveOptions,
         snippetIdFromPath, DEFAULTS } from '../src/options.js';

test('parses the options line', () => {
  assert.deepEqual(parseOptionLine('// dynbox: rules=stable abi=callee\nfn main() {}'), { rules: 'stable', abi: 'callee' });
  assert.deepEqual(parseOptionLine('//dynbox:rules=stable\r\nfn main() {}'), { rules: 'stable' });
  assert.deepEqual(parseOptionLine('fn main() {}\n// dynbox: rules=stable'), {}, 'only the first line counts');
  assert.deepEqual(parseOptionLine('// dynbox: rules=bogus abi=callee color=red'), { abi: 'callee' });
  assert.deepEqual(parseOptionLine(''), {});
});

test('writes the options line', () => {
  const body = '//! demo\nfn main() {}\n';
  assert.equal(writeOptionLine(body, DEFAULTS), body, 'defaults add no line');
  assert.equal(writeOptionLine(body, { rules: 'stable', abi: 'vtable-size' }), `// dynbox: rules=stable\n${body}`);
  assert.equal(writeOptionLine(`// dynbox: rules=stable\n${body}`, { rules: 'method-scope', abi: 'callee' }),
               `// dynbox: abi=callee\n${body}`);
  assert.equal(writeOptionLine(`// dynbox: rules=stable\n${body}`, DEFAULTS), body, 'an emptied line is removed');
  assert.equal(writeOptionLine('// dynbox: future=1 rules=stable\nx', { rules: 'stable', abi: 'callee' }),
               '// dynbox: future=1 rules=stable abi=callee\nx', 'unknown keys are kept for the compiler to judge');
  assert.equal(writeOptionLine('fn main() {}', { rules: 'stable' }), '// dynbox: rules=stable\nfn main() {}');
});

test('round trip: written line parses back', () => {
  for (const rules of ['method-scope', 'stable'])
    for (const abi of ['vtable-size', 'callee']) {
      const code = writeOptionLine('fn main() {}\n', { rules, abi });
      assert.deepEqual(resolveOptions(code, ''), { rules, abi });
    }
});

test('URL query options', () => {
  assert.deepEqual(optionsFromSearch('?rules=stable&abi=callee&x=1'), { rules: 'stable', abi: 'callee' });
  assert.deepEqual(optionsFromSearch('?rules=nope'), {});
  assert.equal(searchWithOptions('', { rules: 'stable', abi: 'vtable-size' }), '?rules=stable');
  assert.equal(searchWithOptions('?rules=stable&x=1', DEFAULTS), '?x=1');
  assert.equal(searchWithOptions('?abi=callee', DEFAULTS), '');
});

test('the URL overrides the code line, which overrides the defaults', () => {
  assert.deepEqual(resolveOptions('// dynbox: rules=stable abi=callee\n', '?abi=vtable-size'),
                   { rules: 'stable', abi: 'vtable-size' });
  assert.deepEqual(resolveOptions('fn main() {}', ''), DEFAULTS);
});

test('snippet ids from /s/{id}', () => {
  assert.equal(snippetIdFromPath('/s/aB3dE5gH7jK'), 'aB3dE5gH7jK');
  assert.equal(snippetIdFromPath('/s/aB3dE5gH7jK/'), 'aB3dE5gH7jK');
  assert.equal(snippetIdFromPath('/'), null);
  assert.equal(snippetIdFromPath('/s/'), null);
  assert.equal(snippetIdFromPath('/s/a/b'), null);
});
