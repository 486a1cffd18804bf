// Program options (rules, ABI): the `// dynbox:` first line of a snippet and
// the page URL's query string. Pure functions, no DOM, so node tests them.

export const OPTION_VALUES = {
  rules: ['method-scope', 'stable'],
  abi: ['vtable-size', 'callee'],
};
export const DEFAULTS = { rules: 'method-scope', abi: 'vtable-size' };

const LINE_RE = /^\/\/\s*dynbox:(.*)$/;

// The options the first line of `code` sets (only known keys with known
// values; the compiler reports the rest), or {} when there is no such line.
export function parseOptionLine(code) {
  const first = code.split('\n', 1)[0].replace(/\r$/, '');
  const m = LINE_RE.exec(first);
  if (!m) return {};
  const out = {};
  for (const word of m[1].trim().split(/\s+/)) {
    const eq = word.indexOf('=');
    if (eq < 0) continue;
    const key = word.slice(0, eq), value = word.slice(eq + 1);
    if (OPTION_VALUES[key] && OPTION_VALUES[key].includes(value)) out[key] = value;
  }
  return out;
}

// `code` with its first line saying `opts`: an existing `// dynbox:` line is
// rewritten (keeping keys this UI does not manage), one is added when some
// option differs from the default, and a line left empty is removed.
export function writeOptionLine(code, opts) {
  const nl = code.indexOf('\n');
  const first = (nl < 0 ? code : code.slice(0, nl)).replace(/\r$/, '');
  const rest = nl < 0 ? '' : code.slice(nl + 1);
  const m = LINE_RE.exec(first);
  const words = [];
  if (m) {
    for (const word of m[1].trim().split(/\s+/)) {
      const key = word.split('=')[0];
      if (word && !OPTION_VALUES[key]) words.push(word);
    }
  }
  for (const key of Object.keys(OPTION_VALUES)) {
    const v = opts[key];
    if (v && v !== DEFAULTS[key]) words.push(`${key}=${v}`);
  }
  if (words.length === 0) return m ? rest : code;
  const line = `// dynbox: ${words.join(' ')}`;
  return m ? `${line}\n${rest}` : `${line}\n${code}`;
}

// Options from a query string ("?rules=stable&abi=callee"); unknown values
// are dropped.
export function optionsFromSearch(search) {
  const params = new URLSearchParams(search);
  const out = {};
  for (const key of Object.keys(OPTION_VALUES)) {
    const v = params.get(key);
    if (v && OPTION_VALUES[key].includes(v)) out[key] = v;
  }
  return out;
}

// The query string for `opts`, naming only non-default options, keeping any
// other parameters of `search`.
export function searchWithOptions(search, opts) {
  const params = new URLSearchParams(search);
  for (const key of Object.keys(OPTION_VALUES)) {
    if (opts[key] && opts[key] !== DEFAULTS[key]) params.set(key, opts[key]);
    else params.delete(key);
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

// The options in force: defaults, then the code's line, then the URL.
export function resolveOptions(code, search) {
  return { ...DEFAULTS, ...parseOptionLine(code), ...optionsFromSearch(search) };
}

// The snippet id of a `/s/{id}` path, or null.
export function snippetIdFromPath(pathname) {
  const m = /^\/s\/([0-9A-Za-z_-]+)\/?$/.exec(pathname);
  return m ? m[1] : null;
}
